//! Undo and redo of the room's decisions made outside a field: a status, a flag, a
//! rectification. A digit pressed by mistake (or a phrase read as keys) must be one Ctrl+Z away
//! from what it was, with the footer saying what came back. Text inside a field has the
//! editor's own undo.

use chrono::{DateTime, FixedOffset};

use super::saving::mark_changed;
use super::{App, Walk};
use crate::action::Effect;
use crate::i18n::{Texts, texts};
use crate::model::{Field, Rectification};

/// One change of a check's decisions, with the value before and after.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Status {
        check: String,
        before: Option<String>,
        after: Option<String>,
    },
    Flag {
        check: String,
        after: bool,
    },
    Rectification {
        check: String,
        before: Option<Rectification>,
        after: Option<Rectification>,
    },
    /// Text fields filled in one go (the previous meeting's answer copied in), each with its
    /// text before and after.
    Fields {
        check: String,
        fields: Vec<(Field, String, String)>,
    },
}

impl Change {
    fn check(&self) -> &str {
        match self {
            Change::Status { check, .. }
            | Change::Flag { check, .. }
            | Change::Rectification { check, .. }
            | Change::Fields { check, .. } => check,
        }
    }
}

/// What has been done and undone on the open session, most recent last.
#[derive(Debug, Clone, Default)]
pub struct History {
    done: Vec<Change>,
    undone: Vec<Change>,
}

/// Changes kept; older ones fall off.
const DEPTH: usize = 200;

impl History {
    /// A new change: what was undone can no longer be redone.
    pub fn record(&mut self, change: Change) {
        self.undone.clear();
        self.done.push(change);
        if self.done.len() > DEPTH {
            self.done.remove(0);
        }
    }
}

/// Puts one side of a change into the session, keeping the tally right.
fn apply(w: &mut Walk, change: &Change, undo: bool, now: DateTime<FixedOffset>) {
    let id = change.check().to_owned();
    let Some(pos) = w.index.position(&id) else {
        return;
    };
    match change {
        Change::Status { before, after, .. } => {
            let target = if undo { before } else { after };
            let idx = target
                .as_deref()
                .and_then(|s| w.session.template.answer_set.iter().position(|a| a.id == s));
            super::walk::apply_status(w, pos, idx, now);
        }
        Change::Flag { after, .. } => {
            let want = if undo { !*after } else { *after };
            let on = w.session.answer(&id).is_some_and(|a| a.flagged);
            if on != want && w.session.toggle_flag(&id, now).is_ok() {
                mark_changed(w, now, Some(&id));
            }
        }
        Change::Rectification { before, after, .. } => {
            let target = if undo { before } else { after };
            if w.session
                .set_rectification(&id, target.clone(), now)
                .is_ok()
            {
                mark_changed(w, now, Some(&id));
            }
        }
        Change::Fields { fields, .. } => {
            // Each field back (or again) as a history entry of its own.
            for (field, before, after) in fields {
                let target = if undo { before } else { after };
                w.session.end_text_edit();
                if let Ok(true) = w.session.set_field(&id, *field, target, now) {
                    mark_changed(w, now, Some(&id));
                }
            }
            w.session.end_text_edit();
        }
    }
    w.tree.select_check(&w.session, pos);
}

/// How a change is named in the footer: the check's number and what changed.
fn describe(w: &Walk, change: &Change, undo: bool, t: &Texts, en: bool) -> String {
    let number = w
        .session
        .template
        .display_number_of(change.check())
        .unwrap_or_default();
    let status_label = |s: &Option<String>| {
        s.as_deref()
            .and_then(|s| w.session.template.answer_set.iter().find(|a| a.id == s))
            .map_or(t.not_checked, |a| a.label_for(en))
            .to_owned()
    };
    let (what, from, to) = match change {
        Change::Status { before, after, .. } => {
            (t.status, status_label(before), status_label(after))
        }
        Change::Flag { after, .. } => {
            // Say where the flag is now.
            let now_on = *after != undo;
            let state = if now_on {
                t.msg_flag_on
            } else {
                t.msg_flag_off
            };
            return format!("{number} {state}");
        }
        Change::Rectification { before, after, .. } => (
            t.rectification,
            rect_label(before.as_ref(), t),
            rect_label(after.as_ref(), t),
        ),
        Change::Fields { fields, .. } => {
            let names: Vec<&str> = fields
                .iter()
                .map(|(f, ..)| super::field_label(t, *f))
                .collect();
            return format!("{number} {}", names.join(t.list_sep));
        }
    };
    let (from, to) = if undo { (to, from) } else { (from, to) };
    format!("{number} {what} {from} -> {to}")
}

fn rect_label(r: Option<&Rectification>, t: &Texts) -> String {
    use crate::model::session::RectificationState as R;
    match r.map(|r| r.state) {
        None => t.rect_none,
        Some(R::NotStarted) => t.rect_not_started,
        Some(R::InProgress) => t.rect_in_progress,
        Some(R::Done) => t.rect_done,
    }
    .to_owned()
}

impl App {
    /// Ctrl+Z outside a field: the last status, flag or rectification change goes back.
    pub(super) fn undo_change(&mut self, undo: bool) -> Option<Effect> {
        let t = texts(self.lang);
        let en = self.lang.is_en();
        let now = self.now;
        let w = self.walk.as_mut()?;
        if w.read_only {
            self.error(t.msg_read_only_refused);
            return None;
        }
        let popped = if undo {
            w.history.done.pop()
        } else {
            w.history.undone.pop()
        };
        let Some(change) = popped else {
            self.info(if undo {
                t.msg_nothing_to_undo
            } else {
                t.msg_nothing_to_redo
            });
            return None;
        };
        apply(w, &change, undo, now);
        let text = describe(w, &change, undo, t, en);
        if undo {
            w.history.undone.push(change);
        } else {
            w.history.done.push(change);
        }
        let head = if undo { t.msg_undone } else { t.msg_redone };
        self.info(format!("{head}{text}"));
        self.save_if_dirty()
    }
}
