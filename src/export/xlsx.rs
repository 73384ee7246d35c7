//! The 对照检查表 and the 整改台账 as an Excel workbook (`rust_xlsxwriter`): the form people keep
//! filling after the meeting, so it opens ready to work in (bold filled header, frozen header
//! row, filters, wrapped text, real dates) and prints as an office files it: landscape A4, one
//! page wide, a title row naming the unit and the meeting, the header row on every printed
//! page, the unit and `第 x 页 共 y 页` in the page header and footer, and row heights set from
//! the text (`LibreOffice` and WPS do not fit wrapped rows on open; Excel does not either for a
//! file it did not write).

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use unicode_width::UnicodeWidthStr;

use crate::model::Session;

use crate::i18n::fill;

use super::ledger::{CHECKLIST_HEADER, LEDGER_HEADER, checklist, ledger};
use super::{BuildError, TABLES as W};

/// Name of the sheet of every check.
pub const CHECKLIST_SHEET: &str = W.checklist_sheet;
/// Name of the sheet of problems and their rectification.
pub const LEDGER_SHEET: &str = W.ledger_sheet;

/// Excel refuses a cell longer than this many characters.
const MAX_CELL_CHARS: usize = 32_767;

/// A cell value; the sheet writer picks the format.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Counts and running numbers, written as numbers so they sum and sort.
    Number(f64),
    /// Written as a real date shown YYYY-MM-DD; `None` is an empty cell.
    Date(Option<NaiveDate>),
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        // Counts here are far below 2^52, where f64 stops being exact.
        #[allow(clippy::cast_precision_loss)]
        Cell::Number(n as f64)
    }
}

/// A sheet to write: its name, header, column widths (in Excel's character units) and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet<'a> {
    pub name: &'a str,
    pub header: &'a [&'a str],
    pub widths: &'a [f64],
    pub rows: Vec<Vec<Cell>>,
}

/// What a printed sheet says about itself: the title row and the page header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Print {
    /// The first row, merged over the table's width: unit, meeting, date (the sheet's name is
    /// added).
    pub title: String,
    /// Left in the page header of every printed page.
    pub unit: String,
}

/// Renders a session's 对照检查表 and 整改台账 as an `.xlsx` file.
pub fn render(session: &Session) -> Result<Vec<u8>, BuildError> {
    let m = &session.meeting;
    let mut title = super::unit_name(session).trim().to_owned();
    for part in [
        m.title.trim().to_owned(),
        m.date.map(super::cn_date).unwrap_or_default(),
    ] {
        if !part.is_empty() {
            title.push_str(W.title_sep);
            title.push_str(&part);
        }
    }
    let print = Print {
        title,
        unit: super::unit_name(session).trim().to_owned(),
    };
    let checks = Sheet {
        name: CHECKLIST_SHEET,
        header: &CHECKLIST_HEADER,
        widths: &[
            5.0, 10.0, 18.0, 28.0, 8.0, 26.0, 24.0, 20.0, 24.0, 10.0, 11.0,
        ],
        rows: checklist(session)
            .into_iter()
            .map(|r| {
                vec![
                    r.number.into(),
                    r.part.into(),
                    r.item.into(),
                    r.check.into(),
                    r.status.into(),
                    r.evidence.into(),
                    r.problems.into(),
                    r.causes.into(),
                    r.measures.into(),
                    r.owner.into(),
                    if r.due_is_plain_date {
                        Cell::Date(r.due)
                    } else {
                        r.due_display.into()
                    },
                ]
            })
            .collect(),
    };
    let problems = Sheet {
        name: LEDGER_SHEET,
        header: &LEDGER_HEADER,
        widths: &[
            6.0, 16.0, 8.0, 24.0, 36.0, 36.0, 12.0, 10.0, 12.0, 8.0, 12.0, 14.0, 16.0,
        ],
        rows: ledger(session)
            .into_iter()
            .map(|r| {
                let follow_up = r.follow_up();
                vec![
                    r.number.into(),
                    r.unit.into(),
                    r.check_number.into(),
                    r.check_short.into(),
                    r.problem.into(),
                    r.measures.into(),
                    r.owner.into(),
                    r.leader.into(),
                    if r.due_is_plain_date {
                        Cell::Date(r.due)
                    } else {
                        r.due_display.into()
                    },
                    r.progress.into(),
                    Cell::Date(r.closed_on),
                    follow_up.into(),
                    r.remarks.into(),
                ]
            })
            .collect(),
    };
    workbook_with(&[checks, problems], Some(&print))
}

/// Builds a workbook of `sheets`. Shared with the roll-up.
pub fn workbook(sheets: &[Sheet<'_>]) -> Result<Vec<u8>, BuildError> {
    workbook_with(sheets, None)
}

/// Builds a workbook of `sheets`, each with a title row and page header from `print` when
/// given.
pub fn workbook_with(sheets: &[Sheet<'_>], print: Option<&Print>) -> Result<Vec<u8>, BuildError> {
    let mut book = Workbook::new();
    let formats = Formats::new();
    for sheet in sheets {
        let ws = book.add_worksheet();
        write_sheet(ws, sheet, &formats, print)?;
    }
    Ok(book.save_to_buffer()?)
}

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    number: Format,
    date: Format,
}

impl Formats {
    fn new() -> Self {
        let body = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        Self {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0x00D9_E1F2))
                .set_border(FormatBorder::Thin),
            number: body.clone().set_align(FormatAlign::Center),
            date: body.clone().set_num_format("yyyy-mm-dd"),
            text: body,
        }
    }
}

/// Points per line of wrapped 11 pt text: Excel's default row height, which also holds a line
/// of an 11 pt CJK face in `LibreOffice` and WPS.
const LINE_HEIGHT: f64 = 15.0;

fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Sheet<'_>,
    f: &Formats,
    print: Option<&Print>,
) -> Result<(), XlsxError> {
    ws.set_name(sheet.name)?;
    ws.set_landscape();
    // 9 is A4 in Excel's paper size codes.
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.7, 0.6, 0.3, 0.3);
    let last_col = column(sheet.header.len().saturating_sub(1))?;
    // `&` starts a code in a page header; a unit's own `&` is doubled.
    let header_text = |t: &str| t.replace('&', "&&");
    let mut top = 0;
    if let Some(print) = print {
        let title = fill(
            W.print_title,
            &[("title", &print.title), ("sheet", &sheet.name)],
        );
        if last_col > 0 {
            ws.merge_range(0, 0, 0, last_col, &title, &f.title)?;
        } else {
            ws.write_string_with_format(0, 0, &title, &f.title)?;
        }
        ws.set_row_height(0, 24)?;
        ws.set_header(format!(
            "&L{}&R{}",
            header_text(&print.unit),
            header_text(sheet.name)
        ));
        top = 1;
    }
    ws.set_footer(W.page_footer);
    for (col, title) in sheet.header.iter().enumerate() {
        let col = column(col)?;
        ws.write_string_with_format(top, col, *title, &f.header)?;
    }
    ws.set_row_height(top, row_height(&header_cells(sheet), sheet.widths))?;
    for (col, width) in sheet.widths.iter().enumerate() {
        ws.set_column_width(column(col)?, *width)?;
    }
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)? + top;
        for (col, cell) in row.iter().enumerate() {
            let col = column(col)?;
            match cell {
                Cell::Text(t) => {
                    ws.write_string_with_format(r, col, fit(t), &f.text)?;
                }
                Cell::Number(n) => {
                    ws.write_number_with_format(r, col, *n, &f.number)?;
                }
                Cell::Date(Some(d)) => {
                    ws.write_datetime_with_format(r, col, excel_date(*d)?, &f.date)?;
                }
                Cell::Date(None) => {
                    ws.write_blank(r, col, &f.date)?;
                }
            }
        }
        ws.set_row_height(r, row_height(row, sheet.widths))?;
    }
    ws.set_freeze_panes(top + 1, 0)?;
    ws.set_repeat_rows(top, top)?;
    let last_row =
        u32::try_from(sheet.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)? + top;
    ws.autofilter(top, 0, last_row, last_col)?;
    Ok(())
}

fn header_cells(sheet: &Sheet<'_>) -> Vec<Cell> {
    sheet.header.iter().map(|h| Cell::from(*h)).collect()
}

/// The height in points a row needs to show all of its wrapped text: the most lines any cell
/// takes in its column, counting a Chinese character two of Excel's width units (the width of
/// a `0`) and keeping one unit for the cell's padding.
pub fn row_height(row: &[Cell], widths: &[f64]) -> f64 {
    let lines = row
        .iter()
        .zip(widths)
        .map(|(cell, width)| match cell {
            Cell::Text(t) => text_lines(t, *width),
            _ => 1,
        })
        .max()
        .unwrap_or(1)
        .max(1);
    // At most Excel's limit of 409 points.
    #[allow(clippy::cast_precision_loss)]
    let height = lines as f64 * LINE_HEIGHT + 4.0;
    height.min(409.0)
}

/// Lines `text` wraps to in a column `width` units wide.
fn text_lines(text: &str, width: f64) -> usize {
    // Column widths here are small positive numbers; the cast cannot truncate meaningfully.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let per_line = ((width - 1.0).max(1.0)).floor() as usize;
    text.lines()
        .map(|l| l.trim_end().width().div_ceil(per_line).max(1))
        .sum::<usize>()
        .max(1)
}

fn column(i: usize) -> Result<u16, XlsxError> {
    u16::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    // Month and day of a valid date always fit in a u8.
    #[allow(clippy::cast_possible_truncation)]
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

/// Text that fits in one cell: Excel refuses longer cells, so an overlong note is cut with a
/// visible mark rather than failing the whole workbook.
fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    const MARK: &str = W.cell_cut;
    if text.chars().count() <= MAX_CELL_CHARS {
        return std::borrow::Cow::Borrowed(text);
    }
    let keep = MAX_CELL_CHARS - MARK.chars().count();
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(MARK);
    std::borrow::Cow::Owned(cut)
}
