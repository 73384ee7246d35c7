//! The 对照检查报告 as an editable Word document (docx-rs), laid out the way a Chinese official
//! report is expected to look: title in a 小标宋 face, centred; part headings in 黑体; body in
//! 仿宋; A4 with the usual margins; the appendix as a real table. Only plain docx features are
//! used so that Word and WPS both open it.

use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts,
    Shading, SpecialIndentType, Style, StyleType, Table, TableCell, TableLayoutType, TableRow,
    WidthType,
};

use crate::model::Session;

use super::BuildError;
use super::report::{self, Block, NOT_FILLED, Report};

/// The title face; [`FONT_TABLE`] names its stand-ins for machines that lack it.
pub const TITLE_FONT: &str = "方正小标宋简体";
/// The heading face.
pub const HEADING_FONT: &str = "黑体";
/// The body face.
pub const BODY_FONT: &str = "仿宋_GB2312";
/// Latin letters and digits in every part.
pub const LATIN_FONT: &str = "Times New Roman";

/// `word/fontTable.xml`. docx-rs writes a fixed table without the Chinese faces; this one
/// declares each face with an `altName` (the face Word and WPS substitute when it is missing:
/// 方正小标宋简体 → 华文中宋 → 宋体, `仿宋_GB2312` → 仿宋) and the GB2312 charset.
pub const FONT_TABLE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    r#"<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"/><w:charset w:val="86"/><w:family w:val="script"/><w:pitch w:val="default"/></w:font>"#,
    r#"<w:font w:name="华文中宋"><w:altName w:val="宋体"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="default"/></w:font>"#,
    r#"<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"</w:fonts>"#,
);

/// Half-points: 二号 (22 pt) for the title, 三号 (16 pt) for headings and body, 五号 (10.5 pt) in
/// the table.
const TITLE_SIZE: usize = 44;
const BODY_SIZE: usize = 32;
const TABLE_SIZE: usize = 21;
/// 28 pt exact line pitch, the usual 公文 grid, in twentieths of a point.
const BODY_LINE: i32 = 560;
/// Two characters of 三号 (16 pt) in twips: the first-line indent of Chinese body text.
const INDENT: i32 = 640;
/// A4 in twips, and margins of 37/35/28/26 mm.
const PAGE_W: u32 = 11_906;
const PAGE_H: u32 = 16_838;
const MARGIN_TOP: i32 = 2_098;
const MARGIN_BOTTOM: i32 = 1_984;
const MARGIN_LEFT: i32 = 1_588;
const MARGIN_RIGHT: i32 = 1_474;
/// Appendix column widths in twips: 序号, 落实情况 and a YYYY-MM-DD date fit on one line at 五号;
/// they add up to the text width (8,844).
const COLUMNS: [usize; 7] = [640, 2_064, 1_080, 1_400, 1_400, 860, 1_400];

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .cs(LATIN_FONT)
        .hint("eastAsia")
}

/// Renders the report of a session as a `.docx` file.
pub fn render(session: &Session) -> Result<Vec<u8>, BuildError> {
    render_report(&report::build(session), session)
}

/// Renders an already built report; `session` supplies the document's dates.
pub fn render_report(report: &Report, session: &Session) -> Result<Vec<u8>, BuildError> {
    let stamp = session
        .updated_at
        .to_utc()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let mut doc = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT),
        )
        .default_fonts(fonts(BODY_FONT))
        .default_size(BODY_SIZE)
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .outline_lvl(0)
                .fonts(fonts(HEADING_FONT))
                .size(BODY_SIZE),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("heading 2")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .outline_lvl(1)
                .fonts(fonts(HEADING_FONT))
                .size(BODY_SIZE),
        )
        .created_at(&stamp)
        .updated_at(&stamp);

    doc = doc.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(0).after(BODY_LINE.unsigned_abs()))
            .add_run(
                Run::new()
                    .add_text(xml_safe(&report.title))
                    .fonts(fonts(TITLE_FONT))
                    .size(TITLE_SIZE),
            ),
    );
    for block in &report.blocks {
        doc = add_block(doc, block);
    }

    let mut xml = doc.build();
    xml.font_table = FONT_TABLE.as_bytes().to_vec();
    let mut buf = std::io::Cursor::new(Vec::new());
    xml.pack(&mut buf)
        .map_err(|e| BuildError::Docx(e.to_string()))?;
    Ok(buf.into_inner())
}

fn body_spacing() -> LineSpacing {
    LineSpacing::new()
        .line(BODY_LINE)
        .line_rule(LineSpacingType::Exact)
}

fn body_run(text: &str) -> Run {
    Run::new()
        .add_text(xml_safe(text))
        .fonts(fonts(BODY_FONT))
        .size(BODY_SIZE)
}

/// A body paragraph: 仿宋, first line indented two characters, on the 28 pt grid.
fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .line_spacing(body_spacing())
        .add_run(body_run(text))
}

fn add_block(doc: Docx, block: &Block) -> Docx {
    match block {
        Block::Heading { level, text } => {
            let style = if *level <= 1 { "Heading1" } else { "Heading2" };
            let mut p = Paragraph::new()
                .style(style)
                .keep_next(true)
                .line_spacing(body_spacing());
            if *level > 1 {
                p = p.indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None);
            }
            doc.add_paragraph(
                p.add_run(
                    Run::new()
                        .add_text(xml_safe(text))
                        .fonts(fonts(HEADING_FONT))
                        .size(BODY_SIZE),
                ),
            )
        }
        Block::Entry {
            number,
            check,
            note,
        } => {
            let mut p = Paragraph::new()
                .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
                .keep_next(true)
                .line_spacing(body_spacing())
                .add_run(body_run(&format!("{number}. {check}")).bold());
            if let Some(note) = note {
                p = p.add_run(body_run(&format!("（{note}）")));
            }
            doc.add_paragraph(p)
        }
        Block::Text(text) => text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .fold(doc, |doc, line| doc.add_paragraph(body(line))),
        Block::Field { label, value } => {
            let value = value.trim();
            let value = if value.is_empty() { NOT_FILLED } else { value };
            doc.add_paragraph(body(&format!("{label}：{value}")))
        }
        Block::Placeholder(text) => doc.add_paragraph(body(text)),
        Block::Table { header, rows } => doc.add_table(table(header, rows)),
    }
}

fn table(header: &[String], rows: &[Vec<String>]) -> Table {
    let head = TableRow::new(
        header
            .iter()
            .zip(COLUMNS)
            .map(|(h, w)| cell(h, w, true).shading(Shading::new().fill("D9D9D9")))
            .collect(),
    )
    .cant_split();
    let mut all = vec![head];
    all.extend(rows.iter().map(|row| {
        TableRow::new(
            row.iter()
                .zip(COLUMNS)
                .map(|(c, w)| cell(c, w, false))
                .collect(),
        )
    }));
    Table::new(all)
        .set_grid(COLUMNS.to_vec())
        .width(COLUMNS.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// A table cell: one paragraph per line of its text, 五号 仿宋 (bold in the header row).
fn cell(text: &str, width: usize, header: bool) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let lines = if lines.is_empty() { vec![""] } else { lines };
    for line in lines {
        let mut run = Run::new()
            .add_text(xml_safe(line))
            .fonts(fonts(if header { HEADING_FONT } else { BODY_FONT }))
            .size(TABLE_SIZE);
        if header {
            run = run.bold();
        }
        let mut p = Paragraph::new().add_run(run);
        if header {
            p = p.align(AlignmentType::Center);
        }
        c = c.add_paragraph(p);
    }
    c
}

/// Drops the characters XML 1.0 cannot hold (C0 controls but tab and newline, U+FFFE, U+FFFF):
/// docx-rs would write them as they are and Word would refuse the whole file. Everything else is
/// kept as stored.
fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            !matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
        })
        .collect()
}
