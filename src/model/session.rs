//! A meeting's record: which unit, which meeting, and the answer to every check. This is what
//! the session file holds and what other tools read.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::attendance::Attendance;
use super::carryover::{CarriedMeasure, PreviousAnswer, PreviousLink};
use super::history::{Event, HistField, OpenEdit};
use super::history_text::History;
use super::signoff::Signature;
use super::template::{Template, TemplateError};
pub use super::unit_kind::UnitKind;

pub use super::dates::parse_date;

/// The version of the session file format this program writes. A file with a larger one is
/// refused rather than half-understood.
pub const SCHEMA_VERSION: u32 = 1;

/// One self-check meeting of one unit against one checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "selfcheck session")]
#[serde(expecting = "a session: a JSON object with schema_version, template, unit and meeting")]
pub struct Session {
    /// Format version; see `SCHEMA_VERSION`.
    pub schema_version: u32,
    /// A full copy of the checklist answered (its `id` and `version` name it), so the file can
    /// be read without this program.
    pub template: Template,
    pub unit: Unit,
    pub meeting: Meeting,
    /// RFC 3339.
    pub created_at: DateTime<FixedOffset>,
    /// RFC 3339; the last change to anything in the record.
    pub updated_at: DateTime<FixedOffset>,
    /// Answers keyed by check id. A check without an entry (or without `status`) is not yet
    /// checked.
    #[serde(default, deserialize_with = "super::dense::packed_map")]
    pub answers: BTreeMap<String, Answer>,
    /// The report's overall texts (系统总结提升 and the summary of 做法及成效).
    #[serde(default, skip_serializing_if = "Conclusions::is_empty")]
    pub conclusions: Conclusions,
    /// This record's own id (32 hex digits), given when it is made: the next meeting's
    /// `previous.id` names it. Older files have none until one is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The meeting this one follows (`selfcheck new --from`): its id, file and content hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<PreviousLink>,
    /// 签字确认: who confirmed the record, when, and the content hash they confirmed. A record
    /// with a signature is read-only until reopened for amendment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<Signature>,
    /// What happened to the record as a whole, oldest first: made from an earlier meeting,
    /// signed, reopened for amendment. Changes to answers are in each answer's `history`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Event>,
    /// Fields written by other tools, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The text field being edited, whose changes make one history entry.
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) open_edit: OpenEdit,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Unit {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<UnitKind>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Meeting {
    #[serde(default)]
    pub title: String,
    /// YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// 主持人
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub host: String,
    /// 记录人
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recorder: String,
    /// 参会人员
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<String>,
    /// 主送: the body the 对照检查报告 is addressed to, without the closing colon. Empty means
    /// the data folder's setting, else the office the notice names (区专项行动领导小组办公室).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recipient: String,
    /// 学习内容: what the meeting studied in its 集中学习研讨 (part 二（一） of the notice);
    /// the report's 基本情况 says so.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub study: String,
    /// 应到 / 实到, absentees with the reason, 列席.
    #[serde(default, skip_serializing_if = "Attendance::is_empty")]
    pub attendance: Attendance,
    /// 会议用时: seconds the record has been open for editing, added up over every opening,
    /// so the meeting clock goes on where it stopped when the record is opened again.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub elapsed_seconds: u64,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The unit's answer to one check. Empty fields are omitted from the file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Answer {
    /// An id from the template's answer set; absent means not yet checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// 做法及成效 / 佐证
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    /// 存在问题 (问题不足、短板差距)
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub problems: String,
    /// 原因剖析 (问题根源)
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub causes: String,
    /// 整改措施
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub measures: String,
    /// 责任人 / 责任单位
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// 责任领导: the leader answerable for the measure, a column of the 整改台账.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub leader: String,
    /// 完成时限 as a day (YYYY-MM-DD): the day it falls due, also when it was written as a
    /// month (its last day) or 立行立改 (the meeting's day). Absent for an ongoing deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// 完成时限 as typed, where that is not the plain date in `due`: 2027年3月底, 长期坚持,
    /// 立行立改. Shown as typed; overdue is measured against `due`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub due_text: String,
    /// Marked for later discussion in the meeting.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flagged: bool,
    /// 整改进展 of the problem recorded here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rectification: Option<Rectification>,
    /// 上次: the previous meeting's answer to this check, as it stood (a copy, so the record
    /// reads the same when the previous file is gone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Box<PreviousAnswer>>,
    /// 上次整改措施: measures of earlier meetings not yet 已完成 when this one was made, followed
    /// up here (progress, 销号).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried_over: Vec<CarriedMeasure>,
    /// When this answer last changed (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<FixedOffset>>,
    /// Every change to this answer, oldest first (append-only), written on one line.
    #[serde(default, skip_serializing_if = "History::is_empty")]
    pub history: History,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// 整改进展: how far the measure for a problem has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RectificationState {
    /// 未开始
    NotStarted,
    /// 整改中
    InProgress,
    /// 已完成
    Done,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Rectification {
    pub state: RectificationState,
    /// 销号日期: when the problem was closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<NaiveDate>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The report's closing texts. The three lists follow the notice's 系统总结提升: 研究决策一批重大事项,
/// 健全完善一批制度措施, 落实一批“人、财、物”保障要素.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Conclusions {
    /// 做法及成效 in summary.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub overview: String,
    /// 重大事项
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub major_matters: String,
    /// 制度措施
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub institutional_measures: String,
    /// “人、财、物”保障
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resource_guarantees: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Conclusions {
    pub fn is_empty(&self) -> bool {
        self.overview.is_empty()
            && self.major_matters.is_empty()
            && self.institutional_measures.is_empty()
            && self.resource_guarantees.is_empty()
            && self.extra.is_empty()
    }
}

/// The text fields of an answer, in the order the meeting fills them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Evidence,
    Problems,
    Causes,
    Measures,
    Owner,
    Due,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::Evidence,
        Field::Problems,
        Field::Causes,
        Field::Measures,
        Field::Owner,
        Field::Due,
    ];

    /// Single-line fields take no newlines.
    pub fn is_single_line(self) -> bool {
        matches!(self, Field::Owner | Field::Due)
    }

    pub fn key(self) -> &'static str {
        match self {
            Field::Evidence => "evidence",
            Field::Problems => "problems",
            Field::Causes => "causes",
            Field::Measures => "measures",
            Field::Owner => "owner",
            Field::Due => "due",
        }
    }

    /// The field's text as edited (dates as YYYY-MM-DD).
    pub fn get(self, answer: &Answer) -> String {
        match self {
            Field::Evidence => answer.evidence.clone(),
            Field::Problems => answer.problems.clone(),
            Field::Causes => answer.causes.clone(),
            Field::Measures => answer.measures.clone(),
            Field::Owner => answer.owner.clone(),
            Field::Due => answer.due_display(),
        }
    }
}

impl Answer {
    /// 完成时限 as the meeting wrote it: the typed text where there is one, else the date.
    pub fn due_display(&self) -> String {
        due_display(self.due, &self.due_text)
    }

    /// Nothing recorded for this meeting: no status, text, flag or rectification, and no
    /// carried-over measure (an answer may still hold its history and the previous answer).
    pub fn is_blank(&self) -> bool {
        *self
            == Answer {
                updated_at: self.updated_at,
                history: self.history.clone(),
                previous: self.previous.clone(),
                ..Answer::default()
            }
    }
}

/// 完成时限 as written: `text` where there is one, else the date as YYYY-MM-DD.
pub fn due_display(due: Option<NaiveDate>, text: &str) -> String {
    if text.is_empty() {
        due.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    } else {
        text.to_owned()
    }
}

/// What a change to a session may be refused for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error(
        "the file's schema_version is {found}; this program reads up to {SCHEMA_VERSION}. Use a newer selfcheck"
    )]
    NewerSchema { found: u32 },
    #[error("schema_version {0} is not a version this program knows")]
    BadSchema(u32),
    #[error("template: {0}")]
    Template(#[from] TemplateError),
    #[error("answers has an entry for {0:?}, which is not a check of the template")]
    UnknownCheck(String),
    #[error(
        "the answer to {check:?} has status {status:?}, which is not in the template's answer set"
    )]
    UnknownStatus { check: String, status: String },
    #[error(
        "the record is signed and read-only; reopen it for amendment first (this voids the signatures)"
    )]
    Signed,
    #[error("the answer to {check:?} has no carried-over measure number {index}")]
    NoCarriedMeasure { check: String, index: usize },
    #[error("{0:?} is not a date; write it as YYYY-MM-DD or 2023年12月31日")]
    BadDate(String),
    #[error(
        "{0:?} is not a deadline; write a date (2024-03-31, 2024年3月31日), a month (2024年3月底), 立行立改 or 长期坚持"
    )]
    BadDeadline(String),
}

impl Session {
    /// A fresh session for `template`, created at `now`.
    pub fn new(
        template: Template,
        unit: Unit,
        meeting: Meeting,
        now: DateTime<FixedOffset>,
    ) -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            template,
            unit,
            meeting,
            created_at: now,
            updated_at: now,
            answers: BTreeMap::new(),
            conclusions: Conclusions::default(),
            id: Some(super::history::new_record_id(now)),
            previous: None,
            signatures: Vec::new(),
            history: Vec::new(),
            extra: Map::new(),
            open_edit: OpenEdit::default(),
        }
    }

    /// Checks what serde cannot: the version, the template, and that every answer belongs to it.
    pub fn validate(&self) -> Result<(), SessionError> {
        if self.schema_version > SCHEMA_VERSION {
            return Err(SessionError::NewerSchema {
                found: self.schema_version,
            });
        }
        if self.schema_version == 0 {
            return Err(SessionError::BadSchema(0));
        }
        self.template.validate()?;
        let ids: std::collections::HashSet<&str> =
            self.template.checks().map(|(_, c)| c.id.as_str()).collect();
        for (id, answer) in &self.answers {
            if !ids.contains(id.as_str()) {
                return Err(SessionError::UnknownCheck(id.clone()));
            }
            if let Some(status) = &answer.status
                && self.template.answer_option(status).is_none()
            {
                return Err(SessionError::UnknownStatus {
                    check: id.clone(),
                    status: status.clone(),
                });
            }
        }
        Ok(())
    }

    pub fn answer(&self, check_id: &str) -> Option<&Answer> {
        self.answers.get(check_id)
    }

    pub fn status(&self, check_id: &str) -> Option<&str> {
        self.answers.get(check_id)?.status.as_deref()
    }

    pub(crate) fn answer_mut(&mut self, check_id: &str, now: DateTime<FixedOffset>) -> &mut Answer {
        self.updated_at = now;
        let a = self.answers.entry(check_id.to_owned()).or_default();
        a.updated_at = Some(now);
        a
    }

    pub(crate) fn require_check(&self, check_id: &str) -> Result<(), SessionError> {
        if self.template.checks().any(|(_, c)| c.id == check_id) {
            Ok(())
        } else {
            Err(SessionError::UnknownCheck(check_id.to_owned()))
        }
    }

    /// Sets (or with `None` clears) the status of a check. Unchanged values change nothing,
    /// not even the timestamps.
    pub fn set_status(
        &mut self,
        check_id: &str,
        status: Option<&str>,
        now: DateTime<FixedOffset>,
    ) -> Result<bool, SessionError> {
        if let Some(s) = status
            && self.template.answer_option(s).is_none()
        {
            return Err(SessionError::UnknownStatus {
                check: check_id.to_owned(),
                status: s.to_owned(),
            });
        }
        if self.status(check_id) == status {
            return Ok(false);
        }
        self.require_check(check_id)?;
        self.ensure_editable()?;
        let old = HistField::Status.value(self.answers.get(check_id));
        self.answer_mut(check_id, now).status = status.map(str::to_owned);
        self.record_change(check_id, HistField::Status, old, now);
        self.prune(check_id);
        Ok(true)
    }

    /// Sets a text field. The deadline is read as [`super::deadline::parse`] reads it (a month
    /// without a year counts from the meeting's day); anything else is refused.
    pub fn set_field(
        &mut self,
        check_id: &str,
        field: Field,
        text: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<bool, SessionError> {
        let current = self
            .answers
            .get(check_id)
            .map(|a| field.get(a))
            .unwrap_or_default();
        let text = if field.is_single_line() {
            text.replace(['\n', '\r'], " ").trim().to_owned()
        } else {
            text.trim_end().to_owned()
        };
        if field == Field::Due {
            let reference = self.meeting.date.unwrap_or_else(|| now.date_naive());
            let deadline = super::deadline::parse(&text, reference)
                .map_err(|()| SessionError::BadDeadline(text.clone()))?;
            let date = deadline.and_then(|d| d.date);
            // The typed text is kept unless it is the date itself in the stored form.
            let typed = match date {
                Some(d) if d.format("%Y-%m-%d").to_string() == text => String::new(),
                _ => text.clone(),
            };
            if let Some(a) = self.answers.get(check_id)
                && a.due == date
                && a.due_text == typed
            {
                return Ok(false);
            }
            if !self.answers.contains_key(check_id) && date.is_none() && typed.is_empty() {
                return Ok(false);
            }
            self.require_check(check_id)?;
            self.ensure_editable()?;
            let old = HistField::Due.value(self.answers.get(check_id));
            let a = self.answer_mut(check_id, now);
            a.due = date;
            a.due_text = typed;
            self.record_change(check_id, HistField::Due, old, now);
        } else {
            if current == text {
                return Ok(false);
            }
            self.require_check(check_id)?;
            self.ensure_editable()?;
            let hf = HistField::of(field);
            let old = hf.value(self.answers.get(check_id));
            let a = self.answer_mut(check_id, now);
            let slot = match field {
                Field::Evidence => &mut a.evidence,
                Field::Problems => &mut a.problems,
                Field::Causes => &mut a.causes,
                Field::Measures => &mut a.measures,
                Field::Owner => &mut a.owner,
                Field::Due => unreachable!("handled above"),
            };
            *slot = text;
            self.record_change(check_id, hf, old, now);
        }
        self.prune(check_id);
        Ok(true)
    }

    pub fn toggle_flag(
        &mut self,
        check_id: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<bool, SessionError> {
        self.require_check(check_id)?;
        self.ensure_editable()?;
        let old = HistField::Flagged.value(self.answers.get(check_id));
        let a = self.answer_mut(check_id, now);
        a.flagged = !a.flagged;
        let flagged = a.flagged;
        self.record_change(check_id, HistField::Flagged, old, now);
        self.prune(check_id);
        Ok(flagged)
    }

    pub fn set_rectification(
        &mut self,
        check_id: &str,
        rectification: Option<Rectification>,
        now: DateTime<FixedOffset>,
    ) -> Result<(), SessionError> {
        self.require_check(check_id)?;
        self.ensure_editable()?;
        let old = HistField::Rectification.value(self.answers.get(check_id));
        self.answer_mut(check_id, now).rectification = rectification;
        self.record_change(check_id, HistField::Rectification, old, now);
        self.prune(check_id);
        Ok(())
    }

    /// Drops an answer that holds nothing, so "not checked" has one representation.
    fn prune(&mut self, check_id: &str) {
        if let Some(a) = self.answers.get(check_id) {
            let empty = Answer {
                updated_at: a.updated_at,
                ..Answer::default()
            };
            if *a == empty {
                self.answers.remove(check_id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_is_kept_as_typed_and_read_as_a_day() {
        let template = crate::model::builtin::get("dept").expect("built-in dept");
        let now = DateTime::parse_from_rfc3339("2023-12-08T09:00:00+08:00").expect("time");
        let mut s = Session::new(template, Unit::default(), Meeting::default(), now);
        let id = s.template.checks().next().expect("a check").1.id.clone();
        assert!(s.set_field(&id, Field::Due, "3月底前", now).unwrap());
        let a = &s.answers[&id];
        assert_eq!(a.due, NaiveDate::from_ymd_opt(2024, 3, 31));
        assert_eq!(Field::Due.get(a), "3月底前");
        assert!(s.set_field(&id, Field::Due, "2024-03-31", now).unwrap());
        assert_eq!(s.answers[&id].due_text, "", "a plain date is stored once");
        assert!(s.set_field(&id, Field::Due, "长期坚持", now).unwrap());
        assert_eq!(s.answers[&id].due, None);
        assert_eq!(Field::Due.get(&s.answers[&id]), "长期坚持");
        assert!(matches!(
            s.set_field(&id, Field::Due, "尽快", now),
            Err(SessionError::BadDeadline(_))
        ));
        assert!(s.set_field(&id, Field::Due, "", now).unwrap());
        assert!(
            !s.answers.contains_key(&id),
            "an answer emptied within one edit of the field is dropped: its history holds nothing"
        );
    }
}
