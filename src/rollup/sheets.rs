//! The roll-up as a workbook that opens ready to work in and prints: every sheet has a title
//! row naming the as-of date, a frozen header repeated on every printed page, a page footer,
//! A4 fitted to the page width, and row heights worked out from the text so that wrapped cells
//! are not cut off when printed. The 合计 row stands below the filtered range, so sorting or
//! filtering the units never moves it.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::export::BuildError;
use crate::i18n::{Lang, fill};
use crate::text::wrap;

use super::file_name;
use super::group::Rollup;
use super::labels::{Labels, cut, detail_text, field_label, flag_place, labels, rule_label};
use super::table::{SHORT_CHECK_COLUMNS, Value, header, ledger_header, rows};

/// Excel refuses a cell longer than this many characters.
const MAX_CELL_CHARS: usize = 32_767;
/// Points per line of 11-point text (Chinese faces are taller than Latin ones), and the most a
/// row may be (Excel's limit is 409).
const LINE_POINTS: f64 = 16.0;
const MAX_ROW_POINTS: f64 = 409.0;

/// Sheet names in `lang`, in the order they are written.
pub fn sheet_names(lang: Lang) -> [&'static str; 5] {
    let l = labels(lang);
    [
        l.units_sheet,
        l.not_done_sheet,
        l.ledger_sheet,
        l.flags_sheet,
        l.not_counted_sheet,
    ]
}

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    number: Format,
    date: Format,
    total_text: Format,
    total_number: Format,
    note: Format,
}

impl Formats {
    fn new() -> Self {
        let body = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        Self {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0x00D9_E1F2))
                .set_border(FormatBorder::Thin),
            number: body.clone().set_align(FormatAlign::Center),
            date: body.clone().set_num_format("yyyy-mm-dd"),
            total_text: body.clone().set_bold(),
            total_number: body.clone().set_bold().set_align(FormatAlign::Center),
            text: body,
            note: Format::new().set_italic(),
        }
    }
}

/// A sheet's text cells and their formats, with the page set up.
struct Writer<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    widths: Vec<f64>,
}

fn col(i: usize) -> Result<u16, XlsxError> {
    u16::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)
}

fn row(i: usize) -> Result<u32, XlsxError> {
    u32::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)
}

/// Text that fits in one cell: an overlong note is cut with a visible mark rather than failing
/// the whole workbook.
fn fit(text: &str) -> String {
    // The workbook has always cut with the documents' mark, in either language.
    const MARK: &str = crate::export::TABLES.cell_cut;
    if text.chars().count() <= MAX_CELL_CHARS {
        return text.to_owned();
    }
    let mut cut: String = text
        .chars()
        .take(MAX_CELL_CHARS - MARK.chars().count())
        .collect();
    cut.push_str(MARK);
    cut
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    // Month and day of a valid date always fit in a u8.
    #[allow(clippy::cast_possible_truncation)]
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

/// Lines a text takes in a column `width` characters wide. Excel's unit is about one Latin
/// digit; a Chinese character, counted two, takes about 1.8 of them (measured in the PDF of
/// the workbook that `LibreOffice` prints).
fn lines(text: &str, width: f64) -> usize {
    // Column widths here are small positive numbers.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let per_line = ((width - 1.0) * 1.1).max(2.0) as usize;
    text.split('\n')
        .map(|l| wrap::width(l).div_ceil(per_line).max(1))
        .sum()
}

impl<'a> Writer<'a> {
    fn new(
        ws: &'a mut Worksheet,
        f: &'a Formats,
        name: &str,
        widths: &[f64],
        l: &Labels,
        title: &str,
        landscape: bool,
    ) -> Result<Self, XlsxError> {
        ws.set_name(name)?;
        if landscape {
            ws.set_landscape();
        } else {
            ws.set_portrait();
        }
        // 9 is A4 in Excel's paper size codes.
        ws.set_paper_size(9);
        ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(0, 1)?;
        ws.set_header(format!("&L{}", title.replace('&', "&&")));
        ws.set_footer(format!("&C{}", l.page_footer));
        for (i, w) in widths.iter().enumerate() {
            ws.set_column_width(col(i)?, *w)?;
        }
        let last = col(widths.len().saturating_sub(1))?;
        ws.merge_range(0, 0, 0, last, &fit(title), &f.title)?;
        ws.set_row_height(0, 24)?;
        ws.set_freeze_panes(2, 0)?;
        Ok(Self {
            ws,
            f,
            widths: widths.to_vec(),
        })
    }

    fn header(&mut self, head: &[&str]) -> Result<(), XlsxError> {
        let mut tallest = 1;
        for (i, h) in head.iter().enumerate() {
            self.ws
                .write_string_with_format(1, col(i)?, *h, &self.f.header)?;
            tallest = tallest.max(lines(h, self.widths.get(i).copied().unwrap_or(10.0)));
        }
        self.height(1, tallest)
    }

    fn height(&mut self, r: u32, lines: usize) -> Result<(), XlsxError> {
        #[allow(clippy::cast_precision_loss)]
        let points = (lines.max(1) as f64 * LINE_POINTS + 2.0).min(MAX_ROW_POINTS);
        self.ws.set_row_height(r, points)?;
        Ok(())
    }

    /// Writes one row of values at `r`, bold when `total`, and sets its height from its text.
    fn values(&mut self, r: usize, values: &[Value], total: bool) -> Result<(), XlsxError> {
        let r = row(r)?;
        let mut tallest = 1;
        for (i, v) in values.iter().enumerate() {
            let c = col(i)?;
            match v {
                Value::Text(t) => {
                    let fmt = if total {
                        &self.f.total_text
                    } else {
                        &self.f.text
                    };
                    self.ws.write_string_with_format(r, c, fit(t), fmt)?;
                    tallest = tallest.max(lines(t, self.widths.get(i).copied().unwrap_or(10.0)));
                }
                Value::Number(n) => {
                    let fmt = if total {
                        &self.f.total_number
                    } else {
                        &self.f.number
                    };
                    // Counts here are far below 2^52, where f64 stops being exact.
                    #[allow(clippy::cast_precision_loss)]
                    self.ws.write_number_with_format(r, c, *n as f64, fmt)?;
                }
                Value::Date(Some(d)) => {
                    self.ws
                        .write_datetime_with_format(r, c, excel_date(*d)?, &self.f.date)?;
                }
                Value::Date(None) => {
                    self.ws.write_blank(r, c, &self.f.date)?;
                }
            }
        }
        self.height(r, tallest)
    }

    fn note(&mut self, r: usize, text: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(row(r)?, 0, fit(text), &self.f.note)?;
        Ok(())
    }

    fn filter(&mut self, last_row: usize, columns: usize) -> Result<(), XlsxError> {
        self.ws
            .autofilter(1, 0, row(last_row.max(1))?, col(columns.saturating_sub(1))?)?;
        Ok(())
    }
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

/// The roll-up as a workbook, its sheet names and headers in `lang`. One block per sheet, in
/// the order they appear.
#[allow(clippy::too_many_lines)]
pub fn render_xlsx(rollup: &Rollup, lang: Lang) -> Result<Vec<u8>, BuildError> {
    let l = labels(lang);
    let names = sheet_names(lang);
    let as_of = rollup.as_of.format("%Y-%m-%d").to_string();
    let titled = |what: &str| {
        fill(
            l.dated_title,
            &[("what", &what), ("label", &l.as_of), ("date", &as_of)],
        )
    };
    let f = Formats::new();
    let mut book = Workbook::new();

    // 汇总: units, then 合计 below the filtered range.
    {
        let head = header(rollup, lang);
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        let mut widths: Vec<f64> = vec![24.0, 10.0, 22.0, 11.0, 7.0, 7.0, 8.0];
        widths.extend(std::iter::repeat_n(7.0, rollup.statuses.len() + 3));
        widths.extend([9.0, 9.0, 9.0, 13.0, 22.0, 21.0]);
        if lang.is_en() {
            widths[1] = 16.0;
            for (w, h) in widths.iter_mut().zip(&head) {
                *w = w.max(f64::from(u16::try_from(wrap::width(h) + 2).unwrap_or(40)).min(16.0));
            }
        }
        let ws = book.add_worksheet();
        let mut w = Writer::new(ws, &f, names[0], &widths, l, &titled(l.title), true)?;
        w.header(&head)?;
        let all = rows(rollup, lang);
        let units = all.len() - 1;
        for (i, r) in all.iter().enumerate() {
            if i < units {
                w.values(2 + i, r, false)?;
            } else {
                // One empty row between the units and the total, outside the filter.
                w.values(3 + i, r, true)?;
            }
        }
        w.filter(1 + units, head.len())?;
        let not_counted = rollup.superseded.len() + rollup.errors.len();
        if not_counted > 0 {
            let note = l
                .not_counted_note
                .replace("{s}", &rollup.superseded.len().to_string())
                .replace("{e}", &rollup.errors.len().to_string());
            w.note(units + 5, &note)?;
        }
    }

    // 未落实排行: one page, portrait.
    {
        let widths = [6.0, 26.0, 8.0, 56.0, 9.0];
        let ws = book.add_worksheet();
        let mut w = Writer::new(
            ws,
            &f,
            names[1],
            &widths,
            l,
            &titled(l.not_done_sheet),
            false,
        )?;
        w.ws.set_print_fit_to_pages(1, 1);
        w.header(&[l.rank, l.template, l.check, l.check_text, l.not_done_units])?;
        for (i, c) in rollup.most_not_done.iter().enumerate() {
            w.values(
                2 + i,
                &[
                    Value::Number(i + 1),
                    text(c.template_title.as_str()),
                    text(c.number.as_str()),
                    text(c.text.as_str()),
                    Value::Number(c.count),
                ],
                false,
            )?;
        }
    }

    // 整改台账: every problem of every unit, overdue first.
    {
        let widths = [
            6.0, 16.0, 7.0, 22.0, 28.0, 28.0, 11.0, 11.0, 8.0, 11.0, 7.0, 14.0,
        ];
        let ws = book.add_worksheet();
        let mut w = Writer::new(ws, &f, names[2], &widths, l, &titled(l.ledger_title), true)?;
        let head = ledger_header(lang);
        w.header(&head)?;
        for (i, r) in rollup.ledger.iter().enumerate() {
            let e = &r.entry;
            w.values(
                2 + i,
                &[
                    Value::Number(i + 1),
                    text(rollup.units[r.unit].name(lang)),
                    text(e.number.as_str()),
                    text(cut(&e.check_text, SHORT_CHECK_COLUMNS)),
                    text(e.problem.as_str()),
                    text(e.measures.as_str()),
                    text(e.owner.as_str()),
                    text(e.due_text.as_str()),
                    text(e.progress),
                    Value::Date(e.closed_on),
                    e.overdue_days
                        .and_then(|d| usize::try_from(d).ok())
                        .map_or_else(|| text(""), Value::Number),
                    text(e.follow_up(lang)),
                ],
                false,
            )?;
        }
        w.filter(1 + rollup.ledger.len(), head.len())?;
    }

    // 敷衍应付: each flag with its unit, check, rule and the text.
    {
        let widths = [6.0, 18.0, 9.0, 22.0, 20.0, 34.0, 40.0];
        let ws = book.add_worksheet();
        let mut w = Writer::new(ws, &f, names[3], &widths, l, &titled(l.flags_sheet), true)?;
        let head = [
            l.rank, l.unit, l.check, l.rule, l.rule_id, l.evidence, l.text,
        ];
        w.header(&head)?;
        for (i, fl) in rollup.flags.iter().enumerate() {
            let flag_text = rollup.flag_text(fl);
            let quoted = if flag_text.is_empty() {
                String::new()
            } else {
                let field = fl.field.map(|x| field_label(x, lang)).unwrap_or_default();
                fill(l.quoted_field, &[("field", &field), ("text", &flag_text)])
            };
            w.values(
                2 + i,
                &[
                    Value::Number(i + 1),
                    text(rollup.units[fl.unit].name(lang)),
                    text(flag_place(rollup.flag_check(fl), lang)),
                    text(rule_label(fl.rule, lang)),
                    text(fl.rule.id()),
                    text(detail_text(rollup, fl, lang)),
                    text(quoted),
                ],
                false,
            )?;
        }
        w.filter(1 + rollup.flags.len(), head.len())?;
    }

    // 未计入: superseded sessions and unreadable files.
    {
        let widths = [30.0, 20.0, 10.0, 60.0];
        let ws = book.add_worksheet();
        let mut w = Writer::new(
            ws,
            &f,
            names[4],
            &widths,
            l,
            &titled(l.not_counted_sheet),
            true,
        )?;
        w.header(&[l.file, l.unit, l.status, l.reason])?;
        let mut r = 2;
        for s in &rollup.superseded {
            w.values(
                r,
                &[
                    text(s.path.display().to_string()),
                    text(s.unit.as_str()),
                    text(l.superseded),
                    text(l.superseded_by.replace("{file}", &file_name(&s.by))),
                ],
                false,
            )?;
            r += 1;
        }
        for e in &rollup.errors {
            w.values(
                r,
                &[
                    text(e.path.display().to_string()),
                    text(""),
                    text(l.unreadable),
                    text(e.reason(lang)),
                ],
                false,
            )?;
            r += 1;
        }
        for p in &rollup.conflict_copies {
            w.values(
                r,
                &[
                    text(p.display().to_string()),
                    text(""),
                    text(l.not_counted),
                    text(l.conflict_copy),
                ],
                false,
            )?;
            r += 1;
        }
        if r == 2 {
            w.note(2, l.none)?;
        }
    }
    book.save_to_buffer().map_err(BuildError::from)
}
