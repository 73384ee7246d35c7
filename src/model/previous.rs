//! What a record keeps of the meeting before it: the link to its file ([`PreviousLink`]), a
//! copy of each previous answer (上次, [`PreviousAnswer`]) and the measures carried over to
//! follow up (上次整改措施, [`CarriedMeasure`]). Plain data: making the next meeting's record and
//! following the measures up are in `carryover`.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::field::{Field, due_display};
use super::rectification::RectificationState;

/// The status ids of a check found short: 基本落实 and 未落实 in the notice's answer set.
pub const SHORTFALL: [&str; 2] = ["partial", "not_done"];

/// Whether `status` is one of the [`SHORTFALL`] statuses.
pub fn is_shortfall(status: Option<&str>) -> bool {
    status.is_some_and(|s| SHORTFALL.contains(&s))
}

/// Where the record came from: the previous meeting's session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PreviousLink {
    /// The previous session's `id` (absent when that file had none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its file as given when this one was made: relative to this file's folder when both are
    /// in the same folder, else as given.
    pub file: String,
    /// SHA-256 of its content in the canonical form of docs/signing.md, as it was read (64 hex
    /// digits): the same as a signature's hash of it, so a signed previous record is matched.
    pub sha256: String,
    /// Its meeting's date, for telling which meeting it was when the file is gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Its checklist id and version.
    pub template: String,
    pub template_version: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// 上次: the previous meeting's answer to a check, without its history.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct PreviousAnswer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub problems: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub causes: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub measures: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub due_text: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PreviousAnswer {
    /// The previous text of a field, as it is shown beside this meeting's (上次: …).
    pub fn field(&self, field: Field) -> String {
        match field {
            Field::Evidence => self.evidence.clone(),
            Field::Problems => self.problems.clone(),
            Field::Causes => self.causes.clone(),
            Field::Measures => self.measures.clone(),
            Field::Owner => self.owner.clone(),
            Field::Due => due_display(self.due, &self.due_text),
        }
    }
}

/// 上次整改措施: a measure decided at an earlier meeting and not 已完成 when this one was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CarriedMeasure {
    /// The date of the meeting that decided it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    /// The id of the session that decided it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since_id: Option<String>,
    /// 存在问题 it answers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub problems: String,
    /// 整改措施.
    pub measures: String,
    /// 责任人 / 责任单位.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// 完成时限 as a day (see `Answer::due`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// 完成时限 as typed (see `Answer::due_text`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub due_text: String,
    /// 整改进展: where it stands.
    pub state: RectificationState,
    /// 进展情况: what has been done, in words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub progress: String,
    /// 销号日期.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<NaiveDate>,
    /// 销号佐证: the evidence it was closed on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub closing_evidence: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CarriedMeasure {
    /// 完成时限 as the meeting wrote it.
    pub fn due_display(&self) -> String {
        due_display(self.due, &self.due_text)
    }

    /// Not 已完成 and past its deadline on `today` (an ongoing deadline is never overdue).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.state != RectificationState::Done && self.due.is_some_and(|d| d < today)
    }

    pub fn is_open(&self) -> bool {
        self.state != RectificationState::Done
    }
}
