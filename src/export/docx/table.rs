//! Bordered tables of the Word report: the 附件's 对照检查表 and the 修改记录.

use std::fmt::Write as _;

use super::super::wordml::{Font, Para, run};
use super::{BODY_FONT, HEADING_FONT, KEEP_ROW_LINES, LATIN_FONT, TABLE_SIZE};

/// How a table's columns are laid out: widths in twips (adding up to the text width), which
/// are centred, and which never break inside (numbers, dates).
pub(super) struct Columns<'a> {
    pub widths: &'a [u32],
    pub centred: &'a [usize],
    pub no_wrap: &'a [usize],
}

/// One group of rows, under a heading row spanning the table when there is one.
pub(super) struct Group<'a> {
    pub heading: Option<&'a str>,
    pub rows: &'a [Vec<String>],
}

/// A bordered table with its header row repeated on every page; rows that fit on a page are
/// never split.
pub(super) fn table(header: &[String], groups: &[Group<'_>], cols: &Columns<'_>) -> String {
    let total: u32 = cols.widths.iter().sum();
    let mut t = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
    );
    for w in cols.widths {
        let _ = write!(t, r#"<w:gridCol w:w="{w}"/>"#);
    }
    t.push_str("</w:tblGrid>");
    // The header row: repeated at the top of every page (w:tblHeader), never split.
    t.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (h, &w) in header.iter().zip(cols.widths) {
        t.push_str(&cell(
            h,
            w,
            &CellLook {
                font: Font::new(HEADING_FONT, LATIN_FONT, TABLE_SIZE),
                align: "center",
                fill: Some("D9D9D9"),
                no_wrap: false,
                span: 1,
            },
        ));
    }
    t.push_str("</w:tr>");
    for group in groups {
        if let Some(heading) = group.heading {
            t.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            t.push_str(&cell(
                heading,
                total,
                &CellLook {
                    font: Font::new(HEADING_FONT, LATIN_FONT, TABLE_SIZE),
                    align: "left",
                    fill: Some("F2F2F2"),
                    no_wrap: false,
                    span: cols.widths.len(),
                },
            ));
            t.push_str("</w:tr>");
        }
        for row in group.rows {
            let keep = estimated_lines(row, cols.widths) <= KEEP_ROW_LINES;
            t.push_str(if keep {
                "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            } else {
                "<w:tr>"
            });
            for (i, (text, &w)) in row.iter().zip(cols.widths).enumerate() {
                let narrow = cols.centred.contains(&i);
                t.push_str(&cell(
                    text,
                    w,
                    &CellLook {
                        font: Font::new(BODY_FONT, LATIN_FONT, TABLE_SIZE),
                        align: if narrow { "center" } else { "left" },
                        fill: None,
                        // Numbers and dates never break inside.
                        no_wrap: cols.no_wrap.contains(&i),
                        span: 1,
                    },
                ));
            }
            t.push_str("</w:tr>");
        }
    }
    t.push_str("</w:tbl>");
    t
}

/// Thin single borders on all four sides of a cell.
const CELL_BORDERS: &str = concat!(
    r#"<w:tcBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
    r#"<w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
    r#"<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
    r#"<w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tcBorders>"#
);

pub(super) struct CellLook {
    font: Font,
    align: &'static str,
    fill: Option<&'static str>,
    no_wrap: bool,
    span: usize,
}

/// A table cell: one paragraph per line of its text.
pub(super) fn cell(text: &str, width: u32, look: &CellLook) -> String {
    let mut c = format!(r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#);
    if look.span > 1 {
        let _ = write!(c, r#"<w:gridSpan w:val="{}"/>"#, look.span);
    }
    // Borders on each cell as well as on the table: LibreOffice draws only these.
    c.push_str(CELL_BORDERS);
    if let Some(fill) = look.fill {
        let _ = write!(
            c,
            r#"<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>"#
        );
    }
    if look.no_wrap {
        c.push_str("<w:noWrap/>");
    }
    c.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let lines = if lines.is_empty() { vec![""] } else { lines };
    for line in lines {
        c.push_str(
            &Para {
                align: Some(look.align),
                ..Para::default()
            }
            .xml(&run(&look.font, line)),
        );
    }
    c.push_str("</w:tc>");
    c
}

/// Lines the tallest cell of a row takes at 五号 in its column (a Chinese character is about
/// 210 twips wide, a Latin one half that).
fn estimated_lines(row: &[String], widths: &[u32]) -> usize {
    row.iter()
        .zip(widths)
        .map(|(text, &w)| {
            let per_line = usize::try_from((w.saturating_sub(170)) / 105)
                .unwrap_or(1)
                .max(1);
            text.lines()
                .map(|l| {
                    let halves: usize = l.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
                    halves.div_ceil(per_line).max(1)
                })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1)
}
