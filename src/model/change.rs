//! The entries of the history kept inside the record: one change to an answer ([`Change`], of
//! a [`HistField`]), one event of the whole record ([`Event`]), who the program runs as
//! ([`Actor`]), the text edit still open, and a new record's id. Plain data: recording changes
//! into a session is in `history`.

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::field::Field;
use super::signature::Signature;

/// The parts of an answer a change is recorded for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HistField {
    /// 检查结论: a status id, or `null` for not checked.
    Status,
    Evidence,
    Problems,
    Causes,
    Measures,
    Owner,
    /// 完成时限: `{"due": "YYYY-MM-DD", "due_text": "as typed"}` (either may be absent).
    Due,
    /// `true` or `false`.
    Flagged,
    /// 整改进展: the rectification object, or `null`.
    Rectification,
    /// One carried-over measure (its index in `carried_over` is the entry's `item`): the whole
    /// measure, or `null` before it was carried over.
    CarriedOver,
}

impl HistField {
    /// The history field of an answer's text field.
    pub fn of(field: Field) -> Self {
        match field {
            Field::Evidence => HistField::Evidence,
            Field::Problems => HistField::Problems,
            Field::Causes => HistField::Causes,
            Field::Measures => HistField::Measures,
            Field::Owner => HistField::Owner,
            Field::Due => HistField::Due,
        }
    }

    /// The text field this is, if it is one (their edits are coalesced).
    pub fn text_field(self) -> Option<Field> {
        match self {
            HistField::Evidence => Some(Field::Evidence),
            HistField::Problems => Some(Field::Problems),
            HistField::Causes => Some(Field::Causes),
            HistField::Measures => Some(Field::Measures),
            HistField::Owner => Some(Field::Owner),
            HistField::Due => Some(Field::Due),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            HistField::Status => "status",
            HistField::Evidence => "evidence",
            HistField::Problems => "problems",
            HistField::Causes => "causes",
            HistField::Measures => "measures",
            HistField::Owner => "owner",
            HistField::Due => "due",
            HistField::Flagged => "flagged",
            HistField::Rectification => "rectification",
            HistField::CarriedOver => "carried_over",
        }
    }
}

/// One change to an answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Change {
    /// When (RFC 3339); for a text edit, the last keystroke that reached the record.
    pub at: DateTime<FixedOffset>,
    /// The recorder (记录人) as entered in the meeting details when the change was made.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// The OS user of the program that made the change (technical detail).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub user: String,
    /// The host it ran on (technical detail).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub host: String,
    pub field: HistField,
    /// For `carried_over`: which measure (index into the answer's `carried_over`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
    /// The value before; absent when it was empty.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub old: Value,
    /// The value after; absent when it is empty.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub new: Value,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What happened to the record as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    pub at: DateTime<FixedOffset>,
    pub kind: EventKind,
    /// The name typed by the person (a signer, or who reopened the record); for events the
    /// program makes, the recorder as entered.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub user: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub host: String,
    /// What the event concerns, in words: the previous file, the signer's role, the reason
    /// for an amendment.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
    /// For `reopened`: the signatures it voided, as they were.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voided: Vec<Signature>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Made from an earlier meeting's record (`detail`: its file).
    CreatedFrom,
    /// Signed (`detail`: the role).
    Signed,
    /// Reopened for amendment: the signatures are voided (`voided`), `detail` says why.
    Reopened,
}

/// Who runs this program, as the history records it beside the recorder's name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub user: String,
    pub host: String,
}

static ACTOR: OnceLock<Actor> = OnceLock::new();

/// Sets the OS user and host every change made by this process is recorded with. Set once,
/// at start (the model reads no files); later calls are ignored. Unset, they are left empty.
pub fn set_process_actor(actor: Actor) {
    let _ = ACTOR.set(actor);
}

/// The OS user and host set by [`set_process_actor`].
pub fn process_actor() -> Actor {
    ACTOR.get().cloned().unwrap_or_default()
}

/// The text field being edited in one go: its next change updates the newest history entry.
/// Bookkeeping, not content: not saved, equal to any other, and a copy starts with none.
#[derive(Debug, Default)]
pub struct OpenEdit(pub(super) Option<(String, HistField, Option<usize>)>);

impl Clone for OpenEdit {
    fn clone(&self) -> Self {
        OpenEdit(None)
    }
}

impl PartialEq for OpenEdit {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A new record id: 32 hex digits from the time, the process and the standard library's
/// per-process random keys. Unique, not secret.
pub fn new_record_id(now: DateTime<FixedOffset>) -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let part = |salt: u64| {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_i64(now.timestamp_micros());
        h.write_u32(std::process::id());
        h.write_u64(n);
        h.write_u64(salt);
        if let Ok(d) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            h.write_u128(d.as_nanos());
        }
        h.finish()
    };
    format!("{:016x}{:016x}", part(1), part(2))
}
