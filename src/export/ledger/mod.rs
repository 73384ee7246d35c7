//! The two tables a meeting hands on besides its report: the 对照检查表 (one row per check) and
//! the 整改台账 (one row per recorded problem), and the ledger as CSV. The workbook export and the
//! CSV export take their rows from here, so their columns cannot drift apart.

use chrono::NaiveDate;

use crate::model::Session;
use crate::model::session::RectificationState;

mod text;

pub use text::{SHORT_CHECK_CHARS, SHORT_CLAUSE_MIN, short_check_text, split_problems};

use super::report::{NOT_FILLED, item_title, section_title};
use crate::i18n::fill;

use super::{
    BuildError, TABLES as W, iso_date, needs_rectification, rectification_label, status_label,
    unit_name,
};

/// Columns of the 对照检查表 sheet.
pub const CHECKLIST_HEADER: [&str; 11] = W.checklist_header;

/// Columns of the 整改台账, in the workbook and in the CSV alike: the columns an office's ledger
/// keeps (see [`LedgerRow`] for what each holds).
pub const LEDGER_HEADER: [&str; 13] = W.ledger_header;

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
    /// The day the deadline falls due.
    pub due: Option<NaiveDate>,
    /// 完成时限 as the meeting wrote it ([`crate::model::Answer::due_display`]).
    pub due_display: String,
    /// Whether `due_display` is just `due` as a date (a spreadsheet then stores a real date).
    pub due_is_plain_date: bool,
}

/// One problem of the 整改台账: one row of the ledger as an office keeps it. The roll-up across
/// units builds its combined ledger from these rows, so everything a row shows is here, already
/// in the words people read (display numbers, not ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    /// Running number over this unit's ledger (the roll-up renumbers).
    pub number: usize,
    /// 单位名称, or the stand-in that says it is missing.
    pub unit: String,
    /// The check's id in the template, for tools that look the answer up; never shown to
    /// people (they read `check_number`).
    pub check_id: String,
    /// The check's display number (`3.2`, `2.3.2` in the combined checklist).
    pub check_number: String,
    /// The check's text shortened for a table cell (see [`short_check_text`]).
    pub check_short: String,
    /// 问题描述: one problem. Where the meeting listed several numbered problems under one check
    /// (一是…二是…, 1. … 2. …) each gets its own row (see [`split_problems`]); a check marked
    /// 未落实 or 基本落实 without any problem text gets one row reading （未填写）.
    pub problem: String,
    /// 整改措施: the measure numbered like this problem when the measures list exactly as many
    /// numbered parts as the problems, else the whole text of the check's measures; （未填写）
    /// when empty.
    pub measures: String,
    /// 责任人 (or 责任单位) as recorded.
    pub owner: String,
    /// 责任领导 as recorded; empty for the office to fill in when the meeting named none.
    pub leader: String,
    /// 完成时限 as the meeting wrote it ([`Answer::due_display`]): 2024-03-31, 2027年3月底, 长期坚持.
    pub due_display: String,
    /// The day the deadline falls due (None for an ongoing deadline or none): overdue is
    /// measured against this.
    pub due: Option<NaiveDate>,
    /// Whether `due_display` is just `due` written as a date, so a spreadsheet may store a real
    /// date; otherwise the typed text is what the row shows.
    pub due_is_plain_date: bool,
    /// 未开始 / 整改中 / 已完成, empty when not recorded.
    pub progress: &'static str,
    /// 销号日期.
    pub closed_on: Option<NaiveDate>,
    /// 备注: the check's 落实情况, and what is missing (问题未填写, 措施未填写) so the gap shows;
    /// for a carried-over measure, its 进展情况 and 销号佐证.
    pub remarks: String,
    /// Found at this meeting, or carried over from an earlier one (上次遗留).
    pub origin: Origin,
    /// 反复出现: the check was found short at the previous meeting and is again.
    pub repeat: bool,
    /// The measure is 已完成: overdue never applies.
    pub done: bool,
}

/// Where a row of the 整改台账 comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A problem recorded at this meeting.
    ThisMeeting,
    /// 上次遗留: a measure decided at an earlier meeting (on `since`), not 已完成 when this one
    /// was made, followed up here.
    Carried { since: Option<NaiveDate> },
}

impl LedgerRow {
    /// 跟踪情况: `上次遗留（2024年12月5日会议确定）`, `反复出现`, or empty.
    pub fn follow_up(&self) -> String {
        follow_up(self.origin, self.repeat)
    }

    /// Not 已完成 and past its deadline on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.done && self.due.is_some_and(|d| d < today)
    }
}

/// 跟踪情况 of a row from where it comes and whether it is a repeat finding:
/// `上次遗留（2024年12月5日会议确定）`, `反复出现`, or empty.
pub fn follow_up(origin: Origin, repeat: bool) -> String {
    match (origin, repeat) {
        (Origin::Carried { since: Some(d) }, _) => {
            fill(W.carried_since, &[("date", &super::cn_date(d))])
        }
        (Origin::Carried { since: None }, _) => W.carried.to_owned(),
        (Origin::ThisMeeting, true) => W.repeat.to_owned(),
        (Origin::ThisMeeting, false) => String::new(),
    }
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
                    due_display: answer
                        .map(crate::model::Answer::due_display)
                        .unwrap_or_default(),
                    due_is_plain_date: answer
                        .is_some_and(|a| a.due_text.trim().is_empty() && a.due.is_some()),
                });
            }
        }
    }
    rows
}

/// The 整改台账 of one session: one row per problem, in reading order.
///
/// A check is in the ledger when it records problem text or its status is 未落实 or 基本落实
/// ([`super::needs_rectification`]); a check with such a status and no text is not dropped but
/// listed with （未填写）, so the office sees the gap rather than a shorter ledger. Before a
/// check's own rows come the measures carried over into it from earlier meetings and still
/// open (上次遗留, [`Origin::Carried`]).
pub fn ledger(session: &Session) -> Vec<LedgerRow> {
    rows(session, Words::All)
}

/// [`ledger`] without the words only a table of this unit shows: the unit's name, and for the
/// problems found at this meeting the check's short text and the remarks, are left empty. The
/// roll-up across units takes these rows (it names the unit and quotes the check whole),
/// thousands of sessions at a time.
pub fn ledger_rows(session: &Session) -> Vec<LedgerRow> {
    rows(session, Words::Rows)
}

/// Which words the rows of [`rows`] get.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Words {
    All,
    Rows,
}

fn rows(session: &Session, words: Words) -> Vec<LedgerRow> {
    let all = words == Words::All;
    let unit = if all {
        unit_name(session).trim().to_owned()
    } else {
        String::new()
    };
    let mut rows = Vec::new();
    for (pos, check) in session.template.checks() {
        if let Some(answer) = session.answer(&check.id) {
            carried_rows(session, pos, check, answer, &unit, &mut rows);
        }
        let Some(answer) = session
            .answer(&check.id)
            .filter(|a| needs_rectification(&session.template, a))
        else {
            continue;
        };
        let repeat = crate::model::carryover::is_repeat(session, &check.id);
        let problems = split_problems(&answer.problems);
        let measures = split_problems(&answer.measures);
        let whole_measures = answer.measures.trim();
        let status = status_label(&session.template, Some(answer));
        let problem_list: Vec<String> = if problems.is_empty() {
            vec![NOT_FILLED.to_owned()]
        } else {
            problems
        };
        let paired = measures.len() == problem_list.len() && measures.len() > 1;
        let count = problem_list.len();
        for (i, problem) in problem_list.into_iter().enumerate() {
            let measure = if paired {
                measures[i].clone()
            } else if whole_measures.is_empty() {
                NOT_FILLED.to_owned()
            } else {
                whole_measures.to_owned()
            };
            let mut remarks = Vec::new();
            if all {
                remarks.push(status.to_string());
                if answer.problems.trim().is_empty() {
                    remarks.push(W.problem_missing.to_owned());
                }
                if whole_measures.is_empty() {
                    remarks.push(W.measure_missing.to_owned());
                }
                if count > 1 {
                    remarks.push(fill(W.part_of, &[("count", &count), ("n", &(i + 1))]));
                }
            }
            rows.push(LedgerRow {
                number: rows.len() + 1,
                unit: unit.clone(),
                check_id: check.id.clone(),
                check_number: session.template.display_number(pos),
                check_short: if all {
                    short_check_text(&check.text)
                } else {
                    String::new()
                },
                problem,
                measures: measure,
                owner: answer.owner.trim().to_owned(),
                leader: answer.leader.trim().to_owned(),
                due_display: answer.due_display(),
                due: answer.due,
                due_is_plain_date: answer.due_text.trim().is_empty() && answer.due.is_some(),
                progress: rectification_label(answer),
                closed_on: answer.rectification.as_ref().and_then(|r| r.closed_on),
                remarks: remarks.join(W.remark_sep),
                origin: Origin::ThisMeeting,
                repeat,
                done: answer
                    .rectification
                    .as_ref()
                    .is_some_and(|r| r.state == RectificationState::Done),
            });
        }
    }
    rows
}

/// The 上次遗留 rows of one check: each measure carried over into its answer and still open.
/// One closed (销号) at this meeting has done its time in the ledgers: the report tells of its
/// closing, the history keeps it, and the next meeting no longer carries it.
fn carried_rows(
    session: &Session,
    pos: crate::model::CheckPos,
    check: &crate::model::Check,
    answer: &crate::model::Answer,
    unit: &str,
    rows: &mut Vec<LedgerRow>,
) {
    for m in answer.carried_over.iter().filter(|m| m.is_open()) {
        let mut remarks = Vec::new();
        if !m.progress.trim().is_empty() {
            remarks.push(fill(W.progress_text, &[("text", &m.progress.trim())]));
        }
        if !m.closing_evidence.trim().is_empty() {
            remarks.push(fill(
                W.closing_evidence,
                &[("text", &m.closing_evidence.trim())],
            ));
        }
        let or_gap = |t: &str| {
            if t.trim().is_empty() {
                NOT_FILLED.to_owned()
            } else {
                t.trim().to_owned()
            }
        };
        rows.push(LedgerRow {
            number: rows.len() + 1,
            unit: unit.to_owned(),
            check_id: check.id.clone(),
            check_number: session.template.display_number(pos),
            check_short: short_check_text(&check.text),
            problem: or_gap(&m.problems),
            measures: or_gap(&m.measures),
            owner: m.owner.trim().to_owned(),
            leader: String::new(),
            due_display: m.due_display(),
            due: m.due,
            due_is_plain_date: m.due_text.trim().is_empty() && m.due.is_some(),
            progress: state_label(m.state),
            closed_on: m.closed_on,
            remarks: remarks.join(W.remark_sep),
            origin: Origin::Carried { since: m.since },
            repeat: false,
            done: m.state == RectificationState::Done,
        });
    }
}

/// 整改进展 as the ledger writes it.
pub fn state_label(state: RectificationState) -> &'static str {
    match state {
        RectificationState::NotStarted => W.not_started,
        RectificationState::InProgress => W.in_progress,
        RectificationState::Done => W.done,
    }
}

/// The 整改台账 as CSV: UTF-8 with a byte-order mark (without it Excel reads Chinese as
/// mojibake), CRLF line ends, dates as YYYY-MM-DD, 完成时限 as the meeting wrote it.
pub fn render_csv(session: &Session) -> Result<String, BuildError> {
    let rows = ledger(session).into_iter().map(|r| {
        let follow_up = r.follow_up();
        vec![
            r.number.to_string(),
            r.unit,
            r.check_number,
            r.check_short,
            r.problem,
            r.measures,
            r.owner,
            r.leader,
            r.due_display,
            r.progress.to_owned(),
            iso_date(r.closed_on),
            follow_up,
            r.remarks,
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
