//! The unit's answer to one check, as the session file holds it: status, texts, deadline, flag,
//! 整改进展, the previous meeting's answer and measures, and the answer's history. Plain data:
//! changing an answer through its session is in `edit`.

use chrono::{DateTime, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::change::HistField;
use super::field::{Field, due_display};
use super::history_text::History;
use super::previous::{CarriedMeasure, PreviousAnswer};
use super::rectification::Rectification;

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

impl Field {
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

impl HistField {
    /// The field's value in `answer` as the history records it; `null` for an empty one. Not
    /// meant for `CarriedOver` (see [`carried_value`](super::history::carried_value)).
    pub fn value(self, answer: Option<&Answer>) -> Value {
        let Some(a) = answer else {
            return if self == HistField::Flagged {
                Value::Bool(false)
            } else {
                Value::Null
            };
        };
        let text = |s: &str| {
            if s.is_empty() {
                Value::Null
            } else {
                Value::String(s.to_owned())
            }
        };
        match self {
            HistField::Status => a.status.as_deref().map_or(Value::Null, &text),
            HistField::Evidence => text(&a.evidence),
            HistField::Problems => text(&a.problems),
            HistField::Causes => text(&a.causes),
            HistField::Measures => text(&a.measures),
            HistField::Owner => text(&a.owner),
            HistField::Due => {
                let mut m = Map::new();
                if let Some(d) = a.due {
                    m.insert("due".into(), d.format("%Y-%m-%d").to_string().into());
                }
                if !a.due_text.is_empty() {
                    m.insert("due_text".into(), a.due_text.clone().into());
                }
                if m.is_empty() {
                    Value::Null
                } else {
                    Value::Object(m)
                }
            }
            HistField::Flagged => Value::Bool(a.flagged),
            HistField::Rectification => a
                .rectification
                .as_ref()
                .and_then(|r| serde_json::to_value(r).ok())
                .unwrap_or(Value::Null),
            HistField::CarriedOver => Value::Null,
        }
    }
}
