//! Who changed what, and when: the append-only history kept inside the record.
//!
//! Each answer carries the changes made to it (`Answer::history`): the time, the recorder's
//! name as entered in the meeting details (who answers for the record), the OS user and host
//! (technical detail, never shown as the signer), the field, and the old and new value. The
//! history lives in the answer rather than in one list for the whole session so that a save
//! renders only the answers that changed, as before: the cost of a change stays the cost of
//! its answer, however long the session's history grows.
//!
//! Text is recorded once per editing session of a field, not per keystroke: while the same
//! field of the same answer is changed again with nothing else changed in between (and
//! [`Session::end_text_edit`] not called), the newest entry is brought up to date instead of a
//! new one being added. Only that newest, still open entry ever changes; once anything else
//! is changed, the edit ends, or the session is read from a file, it is final.
//!
//! Events that concern the whole record (made from an earlier meeting, signed, reopened for
//! amendment) are kept in `Session::history` as [`Event`]s.

use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};

use super::answer::Answer;
pub use super::change::{
    Actor, Change, Event, EventKind, HistField, OpenEdit, new_record_id, process_actor,
    set_process_actor,
};
use super::history_text::History;
use super::previous::CarriedMeasure;
use super::rectification::Rectification;
use super::session::Session;
use super::signature::Signature;

/// The value a carried-over measure is recorded with.
pub fn carried_value(m: Option<&CarriedMeasure>) -> Value {
    m.and_then(|m| serde_json::to_value(m).ok())
        .unwrap_or(Value::Null)
}

impl Session {
    /// Records a change to `field` of the answer to `check_id`, whose value before was `old`
    /// (the new value is read from the answer). Nothing is recorded when nothing changed.
    pub(crate) fn record_change(
        &mut self,
        check_id: &str,
        field: HistField,
        old: Value,
        now: DateTime<FixedOffset>,
    ) {
        let new = field.value(self.answers.get(check_id));
        self.push_change(check_id, field, None, old, new, now);
    }

    /// Appends (or, for a text field still being edited, updates) a history entry.
    pub(crate) fn push_change(
        &mut self,
        check_id: &str,
        field: HistField,
        item: Option<usize>,
        old: Value,
        new: Value,
        now: DateTime<FixedOffset>,
    ) {
        let actor = process_actor();
        let by = self.meeting.recorder.clone();
        // The entry of the edit still open on this very field, if it is the newest.
        let open_entry = match &self.open_edit.0 {
            Some((c, f, entry)) if c == check_id && *f == field => *entry,
            _ => None,
        };
        let Some(answer) = self.answers.get_mut(check_id) else {
            self.open_edit.0 = None;
            return;
        };
        let mut entry = None;
        if let Some(i) = open_entry
            && i + 1 == answer.history.len()
            && let Some(last) = answer.history.last_mut()
            && last.field == field
            && last.by == by
            && last.user == actor.user
            && last.host == actor.host
        {
            if last.old == new {
                // Typed back to where the edit began: no change after all.
                answer.history.pop();
            } else {
                last.new = new;
                last.at = now;
                entry = Some(i);
            }
        } else if old != new {
            answer.history.push(Change {
                at: now,
                by,
                user: actor.user,
                host: actor.host,
                field,
                item,
                old,
                new,
                extra: Map::new(),
            });
            entry = Some(answer.history.len() - 1);
        }
        self.open_edit.0 = field
            .text_field()
            .map(|_| (check_id.to_owned(), field, entry));
    }

    /// Ends the editing session of a text field: its next change is a new history entry. The
    /// interface calls this when the editor closes; any other change ends it too.
    pub fn end_text_edit(&mut self) {
        self.open_edit.0 = None;
    }

    /// Appends an event about the whole record, by `by` (a typed name) or else the recorder.
    pub(crate) fn push_event(
        &mut self,
        kind: EventKind,
        by: Option<&str>,
        detail: String,
        voided: Vec<Signature>,
        now: DateTime<FixedOffset>,
    ) {
        let actor = process_actor();
        self.history.push(Event {
            at: now,
            kind,
            by: by.map_or_else(|| self.meeting.recorder.clone(), str::to_owned),
            user: actor.user,
            host: actor.host,
            detail,
            voided,
            extra: Map::new(),
        });
    }
}

/// Why a history could not be replayed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("history entry {index}: {message}")]
    Bad { index: usize, message: String },
}

/// The answer a history leads to from an empty answer: every entry's new value applied in
/// order. Only the recorded parts are set (status, texts, deadline, flag, rectification,
/// carried-over measures); compare with [`recorded_part`] of the real answer.
pub fn replay(history: &[Change]) -> Result<Answer, ReplayError> {
    let mut a = Answer::default();
    for (index, c) in history.iter().enumerate() {
        let bad = |message: String| ReplayError::Bad { index, message };
        let text = |v: &Value| -> Result<String, ReplayError> {
            match v {
                Value::Null => Ok(String::new()),
                Value::String(s) => Ok(s.clone()),
                other => Err(bad(format!("{other} is not text"))),
            }
        };
        match c.field {
            HistField::Status => {
                a.status = match &c.new {
                    Value::Null => None,
                    v => Some(text(v)?),
                }
            }
            HistField::Evidence => a.evidence = text(&c.new)?,
            HistField::Problems => a.problems = text(&c.new)?,
            HistField::Causes => a.causes = text(&c.new)?,
            HistField::Measures => a.measures = text(&c.new)?,
            HistField::Owner => a.owner = text(&c.new)?,
            HistField::Due => {
                let get = |k: &str| c.new.get(k).and_then(Value::as_str).unwrap_or_default();
                a.due = match get("due") {
                    "" => None,
                    d => Some(
                        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                            .map_err(|e| bad(format!("due {d:?}: {e}")))?,
                    ),
                };
                get("due_text").clone_into(&mut a.due_text);
            }
            HistField::Flagged => a.flagged = c.new.as_bool().unwrap_or(false),
            HistField::Rectification => {
                a.rectification = match &c.new {
                    Value::Null => None,
                    v => Some(
                        serde_json::from_value::<Rectification>(v.clone())
                            .map_err(|e| bad(e.to_string()))?,
                    ),
                }
            }
            HistField::CarriedOver => {
                let i = c
                    .item
                    .ok_or_else(|| bad("carried_over without item".into()))?;
                let m: CarriedMeasure = serde_json::from_value(c.new.clone())
                    .map_err(|e| bad(format!("carried_over: {e}")))?;
                match i.cmp(&a.carried_over.len()) {
                    std::cmp::Ordering::Less => a.carried_over[i] = m,
                    std::cmp::Ordering::Equal => a.carried_over.push(m),
                    std::cmp::Ordering::Greater => {
                        return Err(bad(format!("carried_over item {i} out of order")));
                    }
                }
            }
        }
    }
    Ok(a)
}

/// The parts of an answer its history records, for comparing with [`replay`]: the answer
/// without its time stamp, history, the copy of the previous answer and unknown fields.
pub fn recorded_part(answer: &Answer) -> Answer {
    Answer {
        updated_at: None,
        history: History::default(),
        previous: None,
        extra: Map::new(),
        ..answer.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::field::Field;
    use crate::model::session::{Meeting, Unit};

    fn session() -> (Session, String, DateTime<FixedOffset>) {
        let template = crate::model::builtin::get("gov").expect("built-in gov");
        let now = DateTime::parse_from_rfc3339("2024-12-05T09:00:00+08:00").expect("time");
        let meeting = Meeting {
            recorder: "李明".into(),
            ..Meeting::default()
        };
        let s = Session::new(template, Unit::default(), meeting, now);
        let id = s.template.checks().next().expect("a check").1.id.clone();
        (s, id, now)
    }

    #[test]
    fn one_entry_per_editing_session_of_a_field() {
        let (mut s, id, now) = session();
        for text in ["已", "已印发", "已印发清单"] {
            s.set_field(&id, Field::Evidence, text, now).expect("set");
        }
        let h = &s.answers[&id].history;
        assert_eq!(h.len(), 1, "typing pauses within one edit make one entry");
        assert_eq!(h[0].old, Value::Null);
        assert_eq!(h[0].new, Value::String("已印发清单".into()));
        assert_eq!(h[0].by, "李明");
        // The editor closes; the next edit of the same field is a new entry.
        s.end_text_edit();
        s.set_field(&id, Field::Evidence, "已印发清单并公示", now)
            .expect("set");
        assert_eq!(s.answers[&id].history.len(), 2);
        // Another change in between also ends the edit.
        s.set_status(&id, Some("done"), now).expect("status");
        s.set_field(&id, Field::Evidence, "已印发", now)
            .expect("set");
        let h = &s.answers[&id].history;
        assert_eq!(h.len(), 4);
        assert_eq!(h[3].old, Value::String("已印发清单并公示".into()));
        // Typing back to where the edit began leaves no entry, and the closed entries stay.
        s.set_field(&id, Field::Evidence, "已印发清单并公示", now)
            .expect("set");
        assert_eq!(s.answers[&id].history.len(), 3);
        s.set_field(&id, Field::Evidence, "改", now).expect("set");
        let h = &s.answers[&id].history;
        assert_eq!(h.len(), 4);
        assert_eq!(
            h[1].new,
            Value::String("已印发清单并公示".into()),
            "closed entries never change"
        );
        assert_eq!(replay(h).expect("replay"), recorded_part(&s.answers[&id]));
    }

    #[test]
    fn the_previous_recorder_is_kept_when_the_recorder_changes() {
        let (mut s, id, now) = session();
        s.set_field(&id, Field::Problems, "甲", now).expect("set");
        s.meeting.recorder = "周文".into();
        s.set_field(&id, Field::Problems, "甲乙", now).expect("set");
        let h = &s.answers[&id].history;
        assert_eq!(
            h.len(),
            2,
            "another recorder's change is not merged into the first"
        );
        assert_eq!((h[0].by.as_str(), h[1].by.as_str()), ("李明", "周文"));
    }
}
