//! A meeting's record: which unit, which meeting, and the answer to every check. This is what
//! the session file holds and what other tools read.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use super::answer::Answer;
use super::attendance::Attendance;
use super::change::{Event, OpenEdit, new_record_id};
pub use super::dates::parse_date;
pub use super::error::{SCHEMA_VERSION, SessionError};
pub use super::field::{Field, due_display};
use super::previous::PreviousLink;
pub use super::rectification::{Rectification, RectificationState};
use super::signature::Signature;
use super::template::Template;
pub use super::unit_kind::UnitKind;

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
            id: Some(new_record_id(now)),
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

    /// Signed: read-only until reopened for amendment.
    pub fn is_signed(&self) -> bool {
        !self.signatures.is_empty()
    }

    /// Refuses a change to a signed record.
    pub(crate) fn ensure_editable(&self) -> Result<(), SessionError> {
        if self.is_signed() {
            Err(SessionError::Signed)
        } else {
            Ok(())
        }
    }
}
