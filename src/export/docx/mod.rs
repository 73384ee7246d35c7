//! The 对照检查报告 as an editable Word document, laid out as GB/T 9704-2012 has a 上行文:
//! A4 with a 156 x 225 mm text block; title in 2号 小标宋, centred, broken at a word; 主送 flush
//! left; body in 3号 仿宋 on a 28.9 pt grid (22 lines a page), `一、` in 黑体, `（一）` in 楷体;
//! the `附件：` line; the 落款 with room for the seal; page numbers `— 1 —` in 4号 宋体, odd
//! pages right and even pages left; the 附件 on landscape pages with its header row repeated on
//! every page. An unfinished record says 草稿 on its first page and in every page header.
//!
//! The XML is written by [`super::wordml`] (see there for why not docx-rs).

use std::fmt::Write as _;

use crate::model::Session;

mod fonts;
mod table;

use super::report::{self, Appendix, Block, HistoryTable, Options, Report};
use super::wordml::{BREAK, Font, NS, Package, Page, Para, page_field, run};
use super::{BuildError, REPORT as W};

pub use fonts::{
    BODY_FONT, FONT_TABLE, HEADING_FONT, KAI_FONT, LATIN_FONT, PAGE_NUMBER_FONT, TITLE_FONT,
};

/// Sizes in half-points: 2号 (22 pt) title, 小二 (18 pt) 附件 title, 3号 (16 pt) body, 4号 (14 pt)
/// page numbers, 五号 (10.5 pt) table.
const TITLE_SIZE: u32 = 44;
const APPENDIX_TITLE_SIZE: u32 = 36;
const BODY_SIZE: u32 = 32;
const PAGE_NUMBER_SIZE: u32 = 28;
const TABLE_SIZE: u32 = 21;
/// 28.9 pt exact line pitch: 22 lines in the 225 mm text block.
const BODY_LINE: u32 = 578;
/// The title's line pitch (2号 needs more room).
const TITLE_LINE: u32 = 700;
/// One character of 3号 in twips; the body's first-line indent is two.
const CHAR: i32 = 320;

/// A4 portrait: margins 37/35/28/26 mm, page number about 7 mm below the text block.
const PORTRAIT: Page = Page {
    width: 11_906,
    height: 16_838,
    top: 2_098,
    bottom: 1_984,
    left: 1_588,
    right: 1_474,
    header: 1_134,
    footer: 1_247,
    landscape: false,
};
/// A4 landscape for the 附件 table.
const LANDSCAPE: Page = Page {
    width: 16_838,
    height: 11_906,
    top: 1_474,
    bottom: 1_474,
    left: 1_588,
    right: 1_474,
    header: 850,
    footer: 794,
    landscape: true,
};
/// 附件 column widths in twips, adding up to the landscape text width (13,776): the four text
/// columns share the room; 序号 fits `2.10.12`, 落实情况 four characters, 完成时限 `2024-03-31`
/// or `2027年12月底` on one line at 五号.
const COLUMNS: [u32; 7] = [820, 2_900, 1_050, 3_150, 3_150, 1_150, 1_556];
/// Rows estimated at more lines than this may split across pages (a row taller than a page
/// that may not split would be cut off).
const KEEP_ROW_LINES: usize = 18;

fn body_font() -> Font {
    Font::new(BODY_FONT, LATIN_FONT, BODY_SIZE)
}

/// Renders the report of a session as a `.docx` file.
pub fn render(session: &Session) -> Result<Vec<u8>, BuildError> {
    render_with(session, &Options::default())
}

/// Renders the report with the caller's options (主送, date).
pub fn render_with(session: &Session, options: &Options) -> Result<Vec<u8>, BuildError> {
    render_report(&report::build_with(session, options), session)
}

/// Renders an already built report; `session` supplies the document's dates.
pub fn render_report(report: &Report, session: &Session) -> Result<Vec<u8>, BuildError> {
    let stamp = |t: chrono::DateTime<chrono::FixedOffset>| {
        t.to_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string()
    };
    let mut pkg = Package {
        styles: styles(),
        font_table: FONT_TABLE.to_owned(),
        odd_even: true,
        title: report.title.clone(),
        subject: W.subject.to_owned(),
        author: report.author.clone(),
        created: stamp(session.created_at),
        modified: stamp(session.updated_at),
        ..Package::default()
    };
    let footers = (
        pkg.add_footer(page_number("right")),
        pkg.add_footer(page_number("left")),
    );
    let headers = report.draft.map(|d| {
        let xml = Para {
            align: Some("center"),
            ..Para::default()
        }
        .xml(&run(&Font::new(HEADING_FONT, LATIN_FONT, 24), &d.label()));
        (pkg.add_header(xml.clone()), pkg.add_header(xml))
    });
    let refs = |ids: &Option<(String, String)>| ids.as_ref().map(|(a, b)| (a.clone(), b.clone()));
    let h = refs(&headers);
    let f = Some(footers);
    let portrait = PORTRAIT.section(
        h.as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
        f.as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
    );
    let landscape = LANDSCAPE.section(
        h.as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
        f.as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
    );

    let mut body = String::new();
    front(report, &mut body);
    for block in &report.body {
        body.push_str(&block_xml(block));
    }
    back(report, &mut body, &portrait);
    appendix(&report.appendix, &mut body);
    if let Some(h) = &report.history {
        history(h, &mut body);
    }
    body.push_str(&landscape);
    pkg.body = body;
    pkg.zip().map_err(|e| BuildError::Docx(e.to_string()))
}

/// `word/styles.xml`: the defaults (仿宋 3号, Chinese language) and the two heading styles, so
/// Word's navigation pane lists the parts.
fn styles() -> String {
    let heading = |id: &str, name: &str, level: u8, face: &str| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="{level}"/></w:pPr><w:rPr><w:rFonts w:eastAsia="{face}"/></w:rPr></w:style>"#
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:cs="{LATIN_FONT}" w:eastAsia="{BODY_FONT}"/><w:kern w:val="2"/><w:sz w:val="{BODY_SIZE}"/><w:szCs w:val="{BODY_SIZE}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>{}{}</w:styles>"#,
        heading("Heading1", "heading 1", 0, HEADING_FONT),
        heading("Heading2", "heading 2", 1, KAI_FONT),
    )
}

/// A footer paragraph `— 1 —`, right (odd pages) or left (even pages), one character in.
fn page_number(align: &'static str) -> String {
    let font = Font::new(PAGE_NUMBER_FONT, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE);
    let (left, right) = if align == "right" { (0, 280) } else { (280, 0) };
    Para {
        align: Some(align),
        left,
        right,
        ..Para::default()
    }
    .xml(&format!(
        "{}{}{}",
        run(&font, "— "),
        page_field(&font),
        run(&font, " —")
    ))
}

fn body_para() -> Para {
    Para {
        line: Some(BODY_LINE),
        first_line: 2 * CHAR,
        align: Some("both"),
        ..Para::default()
    }
}

fn empty_line() -> String {
    Para {
        line: Some(BODY_LINE),
        ..Para::default()
    }
    .xml("")
}

/// The draft mark, the title and the 主送.
fn front(report: &Report, out: &mut String) {
    if let Some(draft) = &report.draft {
        out.push_str(
            &Para {
                line: Some(BODY_LINE),
                ..Para::default()
            }
            .xml(&run(
                &Font::new(HEADING_FONT, LATIN_FONT, BODY_SIZE),
                &draft.label(),
            )),
        );
    }
    out.push_str(&empty_line());
    let title_font = Font::new(TITLE_FONT, LATIN_FONT, TITLE_SIZE);
    let runs: Vec<String> = report
        .title_lines
        .iter()
        .map(|l| run(&title_font, l))
        .collect();
    out.push_str(
        &Para {
            line: Some(TITLE_LINE),
            align: Some("center"),
            keep_next: true,
            ..Para::default()
        }
        .xml(&runs.join(BREAK)),
    );
    out.push_str(&empty_line());
    out.push_str(
        &Para {
            line: Some(BODY_LINE),
            keep_next: true,
            ..Para::default()
        }
        .xml(&run(
            &body_font(),
            &format!("{}{}", report.recipient, W.colon),
        )),
    );
}

fn block_xml(block: &Block) -> String {
    match block {
        Block::Heading { level, text } => {
            let (style, face) = if *level <= 1 {
                ("Heading1", HEADING_FONT)
            } else {
                ("Heading2", KAI_FONT)
            };
            Para {
                style: Some(style),
                keep_next: true,
                outline: Some(level.saturating_sub(1)),
                ..body_para()
            }
            .xml(&run(&Font::new(face, LATIN_FONT, BODY_SIZE), text))
        }
        Block::Para { lead, text } => {
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            let first = lines.next().unwrap_or_default();
            let mut runs = String::new();
            if let Some(lead) = lead {
                runs.push_str(&run(&body_font().bold(), lead));
            }
            runs.push_str(&run(&body_font(), first));
            let mut xml = body_para().xml(&runs);
            for line in lines {
                xml.push_str(&body_para().xml(&run(&body_font(), line)));
            }
            xml
        }
    }
}

/// The `附件：` line, sign-off lines, and the 落款 (unit centred over the date, the date four
/// characters in from the right, room above for the seal); the portrait section ends here.
fn back(report: &Report, out: &mut String, section: &str) {
    out.push_str(&empty_line());
    let label = W.attachments_lead;
    let hang = CHAR * 3;
    for (i, title) in report.attachments.iter().enumerate() {
        let text = match (i, report.attachments.len()) {
            (_, 1) => format!("{label}{title}"),
            (0, _) => format!("{label}{}. {title}", i + 1),
            _ => format!("{}. {title}", i + 1),
        };
        out.push_str(
            &Para {
                line: Some(BODY_LINE),
                left: 2 * CHAR + hang,
                first_line: -hang,
                keep_next: true,
                ..Para::default()
            }
            .xml(&run(&body_font(), &text)),
        );
    }
    // Room for the seal, kept on the page of the 落款.
    for _ in 0..3 {
        out.push_str(
            &Para {
                line: Some(BODY_LINE),
                keep_next: true,
                ..Para::default()
            }
            .xml(""),
        );
    }
    let date = &report.signature.date;
    let unit = &report.signature.unit;
    // Widths in characters (ASCII digits are half a character).
    let width = |s: &str| -> i32 {
        let halves: usize = s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
        i32::try_from(halves).unwrap_or(i32::MAX / 2)
    };
    let date_right = 4 * CHAR;
    let unit_right = (date_right + (width(date) - width(unit)) * CHAR / 4).max(0);
    out.push_str(
        &Para {
            line: Some(BODY_LINE),
            align: Some("right"),
            right: unit_right,
            keep_next: true,
            ..Para::default()
        }
        .xml(&run(&body_font(), unit)),
    );
    let last = report.sign_off.len();
    out.push_str(
        &Para {
            line: Some(BODY_LINE),
            align: Some("right"),
            right: date_right,
            section: (last == 0).then(|| section.to_owned()),
            ..Para::default()
        }
        .xml(&run(&body_font(), date)),
    );
    sign_off(&report.sign_off, out, section);
}

/// The sign-off lines under the 落款, flush left and kept together, after one empty line; the
/// last of them ends the portrait section.
fn sign_off(blocks: &[Block], out: &mut String, section: &str) {
    if blocks.is_empty() {
        return;
    }
    out.push_str(
        &Para {
            line: Some(BODY_LINE),
            keep_next: true,
            ..Para::default()
        }
        .xml(""),
    );
    for (i, block) in blocks.iter().enumerate() {
        let Block::Para { lead, text } = block else {
            continue;
        };
        let end = i + 1 == blocks.len();
        let runs = format!(
            "{}{}",
            run(&body_font(), lead.as_deref().unwrap_or_default()),
            run(&body_font(), text)
        );
        out.push_str(
            &Para {
                line: Some(BODY_LINE),
                keep_next: !end,
                section: end.then(|| section.to_owned()),
                ..Para::default()
            }
            .xml(&runs),
        );
    }
}

/// The 附件 on its landscape pages: `附件` in 黑体, the title, the table with its header row
/// repeated on every page, and the signature lines.
fn appendix(a: &Appendix, out: &mut String) {
    attachment_heading(&a.label, &a.title, false, out);
    let groups: Vec<table::Group<'_>> = a
        .groups
        .iter()
        .map(|g| table::Group {
            heading: g.heading.as_deref(),
            rows: &g.rows,
        })
        .collect();
    out.push_str(&table::table(
        &a.header,
        &groups,
        &table::Columns {
            widths: &COLUMNS,
            centred: &[0, 2, 6],
            no_wrap: &[0, 6],
        },
    ));
    out.push_str(&signatures(a));
}

/// An attachment's label (附件1) at the margin and its title centred under it, kept with what
/// follows; on a new page when `new_page`.
fn attachment_heading(label: &str, title: &str, new_page: bool, out: &mut String) {
    out.push_str(
        &Para {
            line: Some(BODY_LINE),
            page_break_before: new_page,
            ..Para::default()
        }
        .xml(&run(&Font::new(HEADING_FONT, LATIN_FONT, BODY_SIZE), label)),
    );
    out.push_str(
        &Para {
            align: Some("center"),
            after: 240,
            keep_next: true,
            ..Para::default()
        }
        .xml(&run(
            &Font::new(TITLE_FONT, LATIN_FONT, APPENDIX_TITLE_SIZE),
            title,
        )),
    );
}

/// 修改记录 column widths in twips, adding up to the landscape text width: the old and new
/// values get the room; the time `2024-12-05 10:00` stays on one line.
const HISTORY_COLUMNS: [u32; 7] = [1_900, 1_150, 1_750, 3_550, 3_550, 900, 976];

/// The 修改记录 on a new landscape page: its label, title and table.
fn history(h: &HistoryTable, out: &mut String) {
    attachment_heading(&h.label, &h.title, true, out);
    out.push_str(&table::table(
        &h.header,
        &[table::Group {
            heading: None,
            rows: &h.rows,
        }],
        &table::Columns {
            widths: &HISTORY_COLUMNS,
            centred: &[0, 1, 5],
            no_wrap: &[0],
        },
    ));
    // A table may not end a section: Word wants a paragraph after it.
    out.push_str(&Para::default().xml(""));
}

/// The signature lines under the table, in a borderless row of three cells (a long unit name
/// wraps inside its cell rather than pushing the others onto a new line).
fn signatures(a: &Appendix) -> String {
    const WIDTHS: [u32; 3] = [5_000, 4_400, 4_376];
    let font = Font::new(BODY_FONT, LATIN_FONT, PAGE_NUMBER_SIZE);
    let mut t = String::from(
        r#"<w:tbl><w:tblPr><w:tblW w:w="13776" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#,
    );
    for w in WIDTHS {
        let _ = write!(t, r#"<w:gridCol w:w="{w}"/>"#);
    }
    t.push_str("</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>");
    for ((label, value), w) in a.signatures.iter().zip(WIDTHS) {
        let runs = if value.is_empty() {
            format!(
                "{}{}",
                run(&font, &format!("{label}{}", W.colon)),
                run(
                    &font.underline(),
                    "\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}"
                )
            )
        } else {
            run(&font, &format!("{label}{}{value}", W.colon))
        };
        let _ = write!(
            t,
            r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{}</w:tc>"#,
            Para {
                before: 360,
                ..Para::default()
            }
            .xml(&runs)
        );
    }
    t.push_str("</w:tr></w:tbl>");
    // A table may not end a section: Word wants a paragraph after it.
    t.push_str(&Para::default().xml(""));
    t
}
