//! The 对照检查报告 as a format-neutral list of blocks, in the structure 临港安发〔2023〕13号
//! part 二（二） and （三） asks for. Markdown and Word render the same blocks, so the two can
//! never say different things.

// Writing to a String cannot fail; `let _ = write!(…)` below relies on that.
use std::fmt::Write as _;

use crate::model::{Answer, Check, Item, Progress, Section, Session, UnitKind};

use super::{NOT_CHECKED, cn_date, iso_date, rectification_label, status_label, unit_name};

/// What an empty text part says, rather than vanishing.
pub const NOT_FILLED: &str = "（未填写）";
/// What an empty per-check part says (no check recorded anything for it).
pub const NONE: &str = "（无）";

/// The header cells of the appendix table (附表).
pub const APPENDIX_HEADER: [&str; 7] = [
    "序号",
    "检查内容",
    "落实情况",
    "存在问题",
    "整改措施",
    "责任人",
    "完成时限",
];

/// The report: a title and its blocks in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// 单位名称 + 对照检查报告.
    pub title: String,
    pub blocks: Vec<Block>,
}

/// One piece of the report. Texts are kept as stored; each renderer escapes for its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A part (level 1: 一、基本情况 …) or a section or sub-part inside it (level 2).
    Heading { level: u8, text: String },
    /// The head of one check's entry: its 序号 in the appendix, its text, and a note such as
    /// the status label.
    Entry {
        number: usize,
        check: String,
        note: Option<String>,
    },
    /// Body text as stored; it may hold several lines, each a paragraph.
    Text(String),
    /// `label：value` (an empty value reads 未填写).
    Field { label: String, value: String },
    /// Said where a part has nothing, so the reader sees it was not forgotten.
    Placeholder(&'static str),
    /// The appendix: a header row and one row per check.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// One check with everything the report needs about it.
struct Row<'a> {
    number: usize,
    section: &'a Section,
    check: &'a Check,
    answer: Option<&'a Answer>,
}

impl Row<'_> {
    fn text(&self, pick: fn(&Answer) -> &str) -> &str {
        self.answer.map_or("", |a| pick(a).trim())
    }
}

/// Builds the report of a session.
pub fn build(session: &Session) -> Report {
    let rows = rows(session);
    let mut blocks = Vec::new();
    basics(session, &mut blocks);

    heading(&mut blocks, 1, "二、做法及成效");
    let overview = session.conclusions.overview.trim();
    if !overview.is_empty() {
        blocks.push(Block::Text(overview.to_owned()));
    }
    let listed = per_check(&rows, &mut blocks, |r| r.text(|a| &a.evidence), |_| None);
    if overview.is_empty() && !listed {
        blocks.push(Block::Placeholder(NOT_FILLED));
    }

    heading(&mut blocks, 1, "三、存在问题");
    if !per_check(
        &rows,
        &mut blocks,
        |r| r.text(|a| &a.problems),
        |r| Some(status_label(&session.template, r.answer).into_owned()),
    ) {
        blocks.push(Block::Placeholder(NONE));
    }

    heading(&mut blocks, 1, "四、原因剖析");
    if !per_check(&rows, &mut blocks, |r| r.text(|a| &a.causes), |_| None) {
        blocks.push(Block::Placeholder(NONE));
    }

    heading(&mut blocks, 1, "五、改进措施");
    if !measures(&rows, &mut blocks) {
        blocks.push(Block::Placeholder(NONE));
    }

    heading(&mut blocks, 1, "六、系统总结提升");
    let c = &session.conclusions;
    for (title, text) in [
        ("（一）研究决策重大事项", &c.major_matters),
        ("（二）健全完善制度措施", &c.institutional_measures),
        ("（三）落实“人、财、物”保障", &c.resource_guarantees),
    ] {
        heading(&mut blocks, 2, title);
        text_or(&mut blocks, text, NOT_FILLED);
    }

    heading(&mut blocks, 1, "附表：对照检查情况一览表");
    blocks.push(Block::Table {
        header: APPENDIX_HEADER.iter().map(|s| (*s).to_owned()).collect(),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.number.to_string(),
                    r.check.text.clone(),
                    status_label(&session.template, r.answer).into_owned(),
                    r.text(|a| &a.problems).to_owned(),
                    r.text(|a| &a.measures).to_owned(),
                    r.text(|a| &a.owner).to_owned(),
                    iso_date(r.answer.and_then(|a| a.due)),
                ]
            })
            .collect(),
    });

    Report {
        title: format!("{}对照检查报告", unit_name(session).trim()),
        blocks,
    }
}

fn heading(blocks: &mut Vec<Block>, level: u8, text: &str) {
    blocks.push(Block::Heading {
        level,
        text: text.to_owned(),
    });
}

fn text_or(blocks: &mut Vec<Block>, text: &str, empty: &'static str) {
    let text = text.trim();
    if text.is_empty() {
        blocks.push(Block::Placeholder(empty));
    } else {
        blocks.push(Block::Text(text.to_owned()));
    }
}

fn field(blocks: &mut Vec<Block>, label: &str, value: impl Into<String>) {
    blocks.push(Block::Field {
        label: label.to_owned(),
        value: value.into(),
    });
}

/// Every check in reading order with its running 序号.
fn rows(session: &Session) -> Vec<Row<'_>> {
    let mut out = Vec::new();
    for section in &session.template.sections {
        for item in &section.items {
            for check in &item.checks {
                out.push(Row {
                    number: out.len() + 1,
                    section,
                    check,
                    answer: session.answer(&check.id),
                });
            }
        }
    }
    out
}

/// 一、基本情况.
fn basics(session: &Session, blocks: &mut Vec<Block>) {
    heading(blocks, 1, "一、基本情况");
    let m = &session.meeting;
    let t = &session.template;
    field(blocks, "单位名称", session.unit.name.trim());
    field(
        blocks,
        "单位类型",
        session.unit.kind.map_or("", |k: UnitKind| k.label(false)),
    );
    field(blocks, "会议名称", m.title.trim());
    field(blocks, "会议日期", m.date.map(cn_date).unwrap_or_default());
    field(blocks, "会议地点", m.place.trim());
    field(blocks, "主持人", m.host.trim());
    field(blocks, "记录人", m.recorder.trim());
    field(blocks, "参会人员", m.attendees.join("、"));
    let source = t.source.as_ref();
    let checklist = match source.and_then(|s| s.attachment.as_deref()) {
        Some(a) if !a.trim().is_empty() => format!("{}（{}）", t.title.trim(), a.trim()),
        _ => t.title.trim().to_owned(),
    };
    field(blocks, "对照检查表", checklist);
    field(
        blocks,
        "文号",
        source
            .and_then(|s| s.document.as_deref())
            .unwrap_or_default()
            .trim(),
    );
    let p = Progress::of_session(session);
    let mut tally = format!(
        "共{}项检查内容，已检查{}项（{}%）",
        p.total,
        p.answered,
        p.percent()
    );
    for c in &p.by_status {
        if let Some(o) = t.answer_option(&c.id) {
            let _ = write!(tally, "，{}{}项", o.label, c.count);
        }
    }
    if p.answered < p.total {
        let _ = write!(tally, "，{}{}项", NOT_CHECKED, p.total - p.answered);
    }
    tally.push('。');
    field(blocks, "检查情况", tally);
}

/// Lists, grouped under section headings, every check for which `text` is not empty. Returns
/// whether anything was listed.
fn per_check(
    rows: &[Row<'_>],
    blocks: &mut Vec<Block>,
    text: impl for<'r> Fn(&'r Row<'_>) -> &'r str,
    note: impl Fn(&Row<'_>) -> Option<String>,
) -> bool {
    grouped(
        rows,
        blocks,
        |r| !text(r).is_empty(),
        |r, blocks| {
            blocks.push(entry(r, note(r)));
            blocks.push(Block::Text(text(r).to_owned()));
        },
    )
}

/// 五、改进措施: each measure with 责任人, 完成时限 and 整改进展.
fn measures(rows: &[Row<'_>], blocks: &mut Vec<Block>) -> bool {
    grouped(
        rows,
        blocks,
        |r| {
            !r.text(|a| &a.measures).is_empty()
                || !r.text(|a| &a.owner).is_empty()
                || r.answer.is_some_and(|a| a.due.is_some())
        },
        |r, blocks| {
            blocks.push(entry(r, None));
            text_or(blocks, r.text(|a| &a.measures), NOT_FILLED);
            field(blocks, "责任人", r.text(|a| &a.owner));
            field(
                blocks,
                "完成时限",
                r.answer
                    .and_then(|a| a.due)
                    .map(cn_date)
                    .unwrap_or_default(),
            );
            if let Some(a) = r.answer
                && let Some(rect) = &a.rectification
            {
                let mut progress = rectification_label(a).to_owned();
                if let Some(closed) = rect.closed_on {
                    let _ = write!(progress, "（销号日期：{}）", cn_date(closed));
                }
                field(blocks, "整改进展", progress);
            }
        },
    )
}

/// Walks the rows that pass `keep`, opening a level-2 heading whenever the section changes.
fn grouped(
    rows: &[Row<'_>],
    blocks: &mut Vec<Block>,
    keep: impl Fn(&Row<'_>) -> bool,
    mut emit: impl FnMut(&Row<'_>, &mut Vec<Block>),
) -> bool {
    let mut current: Option<&str> = None;
    let mut any = false;
    for r in rows.iter().filter(|r| keep(r)) {
        if current != Some(r.section.id.as_str()) {
            current = Some(r.section.id.as_str());
            heading(blocks, 2, &section_title(r.section));
        }
        emit(r, blocks);
        any = true;
    }
    any
}

fn entry(r: &Row<'_>, note: Option<String>) -> Block {
    Block::Entry {
        number: r.number,
        check: r.check.text.trim().to_owned(),
        note,
    }
}

/// `第一 深入对照检查…`: the section as the notice heads it.
pub fn section_title(section: &Section) -> String {
    let number = section.number.trim();
    let title = section.title.trim();
    if number.is_empty() {
        title.to_owned()
    } else {
        format!("{number} {title}")
    }
}

/// `1.对照“…”“…”的要求`: the item as the notice opens it.
pub fn item_title(item: &Item) -> String {
    let mut s = String::new();
    if !item.number.trim().is_empty() {
        s.push_str(item.number.trim());
        s.push('.');
    }
    if !item.requirements.is_empty() {
        s.push_str("对照");
        for r in &item.requirements {
            s.push('“');
            s.push_str(r.trim());
            s.push('”');
        }
        s.push_str("的要求");
    }
    s
}
