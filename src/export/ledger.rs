//! The two tables a meeting hands on besides its report: the 对照检查表 (one row per check) and
//! the 整改台账 (one row per recorded problem), and the ledger as CSV. The workbook export and the
//! CSV export take their rows from here, so their columns cannot drift apart.

use chrono::NaiveDate;

use crate::model::Session;

use super::report::{item_title, section_title};
use super::{BuildError, has_problem, iso_date, rectification_label, status_label};

/// Columns of the 对照检查表 sheet.
pub const CHECKLIST_HEADER: [&str; 11] = [
    "序号",
    "部分",
    "检查项目",
    "检查内容",
    "落实情况",
    "做法及成效",
    "存在问题",
    "原因剖析",
    "整改措施",
    "责任人",
    "完成时限",
];

/// Columns of the 整改台账, in the workbook and in the CSV alike.
pub const LEDGER_HEADER: [&str; 8] = [
    "序号",
    "问题描述",
    "所属检查项",
    "整改措施",
    "责任单位/责任人",
    "完成时限",
    "整改进展",
    "销号日期",
];

/// One check of the 对照检查表, texts as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistRow {
    /// Running number over the whole checklist, as in the report's appendix.
    pub number: usize,
    /// `第一 深入对照检查…`.
    pub part: String,
    /// The item number and its quoted requirements.
    pub item: String,
    pub check: String,
    /// The status label, or 未检查.
    pub status: String,
    pub evidence: String,
    pub problems: String,
    pub causes: String,
    pub measures: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
}

/// One problem of the 整改台账.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    /// Running number over the ledger.
    pub number: usize,
    pub problem: String,
    /// The check id and text, so a ledger row can be traced back to the checklist.
    pub check: String,
    pub measures: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    /// 未开始 / 整改中 / 已完成, empty when not recorded.
    pub progress: &'static str,
    /// 销号日期.
    pub closed_on: Option<NaiveDate>,
}

/// Every check in reading order.
pub fn checklist(session: &Session) -> Vec<ChecklistRow> {
    let mut rows = Vec::new();
    for section in &session.template.sections {
        let part = section_title(section);
        for item in &section.items {
            let item_text = item_title(item);
            for check in &item.checks {
                let answer = session.answer(&check.id);
                let text = |pick: fn(&crate::model::Answer) -> &str| {
                    answer
                        .map(|a| pick(a).trim().to_owned())
                        .unwrap_or_default()
                };
                rows.push(ChecklistRow {
                    number: rows.len() + 1,
                    part: part.clone(),
                    item: item_text.clone(),
                    check: check.text.trim().to_owned(),
                    status: status_label(&session.template, answer).into_owned(),
                    evidence: text(|a| &a.evidence),
                    problems: text(|a| &a.problems),
                    causes: text(|a| &a.causes),
                    measures: text(|a| &a.measures),
                    owner: text(|a| &a.owner),
                    due: answer.and_then(|a| a.due),
                });
            }
        }
    }
    rows
}

/// Every check that records a problem, in reading order.
pub fn ledger(session: &Session) -> Vec<LedgerRow> {
    let mut rows = Vec::new();
    for (_, check) in session.template.checks() {
        let Some(answer) = session.answer(&check.id).filter(|a| has_problem(a)) else {
            continue;
        };
        rows.push(LedgerRow {
            number: rows.len() + 1,
            problem: answer.problems.trim().to_owned(),
            check: format!("{} {}", check.id, check.text.trim()),
            measures: answer.measures.trim().to_owned(),
            owner: answer.owner.trim().to_owned(),
            due: answer.due,
            progress: rectification_label(answer),
            closed_on: answer.rectification.as_ref().and_then(|r| r.closed_on),
        });
    }
    rows
}

/// The 整改台账 as CSV: UTF-8 with a byte-order mark (without it Excel reads Chinese as
/// mojibake), CRLF line ends, dates as YYYY-MM-DD.
pub fn render_csv(session: &Session) -> Result<String, BuildError> {
    let rows = ledger(session).into_iter().map(|r| {
        vec![
            r.number.to_string(),
            r.problem,
            r.check,
            r.measures,
            r.owner,
            iso_date(r.due),
            r.progress.to_owned(),
            iso_date(r.closed_on),
        ]
    });
    write_csv(&LEDGER_HEADER, rows)
}

/// Writes a header and rows as CSV with a byte-order mark. Cells that a spreadsheet would run
/// as a formula are defused (see [`defuse`]).
pub fn write_csv(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<String, BuildError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(header)?;
    for row in rows {
        let cells: Vec<std::borrow::Cow<'_, str>> = row.iter().map(|c| defuse(c)).collect();
        w.write_record(cells.iter().map(|c| c.as_bytes()))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| BuildError::Csv(e.into_error().into()))?;
    let mut text = String::from('\u{FEFF}');
    // Every cell came from a `str`, so the bytes are UTF-8; a lossy conversion never loses here.
    text.push_str(&String::from_utf8_lossy(&bytes));
    Ok(text)
}

/// A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel and
/// WPS as a formula ("CSV injection"); such a cell gets a leading `'`, which they show as text.
/// A session file travels between units, so its text is not trusted to be harmless.
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}
