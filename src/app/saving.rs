//! Quitting and saving as the state sees them: when a save is due, what a save's result means
//! for the footer, and quitting only once the record is safe.

use chrono::{DateTime, FixedOffset};

use super::editor::{commit_editor, put_editor_text};
use super::{App, Walk};
use crate::action::{Effect, SaveFailure};
use crate::i18n::texts;

/// Seconds after the last change before it is saved.
pub const AUTOSAVE_DELAY_SECS: i64 = 1;
/// Seconds after the last keystroke in a field before its text is put into the record.
pub const TYPING_IDLE_SECS: i64 = 2;
/// Milliseconds typing may go on without a pause before what was typed is put into the record
/// and saved all the same: with a tick on every key and at least once a second, at most about
/// two seconds of typing are ever only on screen.
pub const TYPING_MAX_AGE_MS: i64 = 1_500;
/// Seconds between retries after a failed save.
pub const RETRY_SECS: i64 = 5;

impl App {
    pub(super) fn quit(&mut self) -> Effect {
        let Some(w) = &mut self.walk else {
            return Effect::Quit;
        };
        note_clock_on_closing(w, self.now);
        if w.editor.is_some() {
            // Keep what was typed even if it does not parse (a bad date stays in the editor
            // only): the rest of the record is saved.
            let _ = commit_editor(w, self.now, texts(self.lang));
        }
        if w.read_only || !w.save.dirty || self.quit_armed {
            return Effect::Quit;
        }
        save(w, true)
    }

    pub(super) fn on_tick(&mut self) -> Option<Effect> {
        let now = self.now;
        let t = texts(self.lang);
        let w = self.walk.as_mut()?;
        if w.read_only {
            return None;
        }
        let mut without_pause = false;
        if let Some(ed) = &w.editor {
            let idle = ed
                .last_input
                .is_some_and(|at| (now - at).num_seconds() >= TYPING_IDLE_SECS);
            let stale = ed
                .pending_since
                .is_some_and(|at| (now - at).num_milliseconds() >= TYPING_MAX_AGE_MS);
            if ed.pending && (idle || stale) {
                // Text typed into a field reaches the file without leaving the field, also
                // while the typing goes on. A date that does not parse yet stays in the editor.
                if let Some(ed) = &mut w.editor {
                    ed.pending = false;
                    ed.pending_since = None;
                }
                let _ = put_editor_text(w, now, t);
                without_pause = !idle;
            }
        }
        let s = &w.save;
        let due = match (&s.error, s.last_change, s.last_attempt) {
            // Typing without a pause is saved as soon as it is in the record.
            (None, Some(_), _) if without_pause => true,
            (None, Some(changed), _) => (now - changed).num_seconds() >= AUTOSAVE_DELAY_SECS,
            (Some(_), _, Some(tried)) => (now - tried).num_seconds() >= RETRY_SECS,
            (Some(_), _, None) | (None, None, _) => true,
        };
        let dirty = s.dirty;
        (dirty && due).then(|| save(w, false))
    }

    pub(super) fn on_saved(
        &mut self,
        result: Result<(), SaveFailure>,
        quitting: bool,
    ) -> Option<Effect> {
        let now = self.now;
        let w = self.walk.as_mut()?;
        w.save.last_attempt = Some(now);
        match result {
            Ok(()) => {
                w.save.dirty = false;
                w.save.conflict_copy = None;
                let failed = w.save.error.take();
                w.save.last_saved = Some(now);
                // The failure's message goes once the cause is gone and the retry saved.
                if let Some(e) = failed
                    && self
                        .message
                        .as_ref()
                        .is_some_and(|m| m.error && m.text.contains(&e))
                {
                    self.message = None;
                }
                if quitting {
                    return Some(Effect::Quit);
                }
                if let Some(path) = self.remove_after_save.take() {
                    return Some(Effect::RemoveFile(path));
                }
            }
            Err(SaveFailure {
                message,
                kept: Some(kept),
            }) => {
                // Someone else changed the file: the record is safe in the conflict copy, so
                // nothing is retried and quitting goes ahead. Said once, when it starts.
                w.save.dirty = false;
                w.save.error = None;
                w.save.last_saved = Some(now);
                let new = w.save.conflict_copy.as_ref() != Some(&kept);
                w.save.conflict_copy = Some(kept);
                if quitting {
                    return Some(Effect::Quit);
                }
                if new {
                    self.error(message);
                }
            }
            Err(SaveFailure { message: e, .. }) => {
                w.save.error = Some(e.clone());
                let e = format!("{e} {}", texts(self.lang).msg_try_save_as);
                if quitting {
                    self.quit_armed = true;
                    let msg = format!("{} {e}", texts(self.lang).msg_quit_unsaved);
                    self.error(msg);
                } else {
                    self.error(e);
                }
            }
        }
        None
    }

    /// Saves now if anything is unsaved (used when leaving a field or a check).
    pub(super) fn save_if_dirty(&mut self) -> Option<Effect> {
        let w = self.walk.as_mut()?;
        (w.save.dirty && !w.read_only).then(|| save(w, false))
    }
}

/// A save of the record, handing over the list of what changed since the last one.
pub(super) fn save(w: &mut Walk, quitting: bool) -> Effect {
    Effect::Save {
        quitting,
        changed: std::mem::take(&mut w.save.changed),
    }
}

/// Notes a change to the record: of the answer to `check_id`, or (with `None`) of the unit,
/// the meeting or the closing texts, which a save always compares whole.
pub(super) fn mark_changed(w: &mut Walk, now: DateTime<FixedOffset>, check_id: Option<&str>) {
    stamp_clock(w, now);
    w.save.dirty = true;
    w.save.last_change = Some(now);
    w.save.change_seq += 1;
    if let Some(id) = check_id {
        w.save.changed.answer(id);
    }
}

/// Puts the meeting clock into the record (it goes to disk with the next save).
fn stamp_clock(w: &mut Walk, now: DateTime<FixedOffset>) {
    if !w.read_only && w.follow.is_none() {
        w.session.meeting.elapsed_seconds = w.meeting_clock(now);
    }
}

/// Seconds of meeting clock worth a save of their own when the record is closed without a
/// change: opening a record for a glance and closing it again leaves the file as it was.
pub const CLOCK_WORTH_SAVING_SECS: u64 = 60;

/// On the way out: the meeting clock goes into the record, so it goes on from there when the
/// record is opened again; unless nothing was changed in under a minute (a glance).
pub(super) fn note_clock_on_closing(w: &mut Walk, now: DateTime<FixedOffset>) {
    if w.read_only || w.follow.is_some() {
        return;
    }
    let clock = w.meeting_clock(now);
    let stored = w.session.meeting.elapsed_seconds;
    let changed_here = w.save.change_seq > 0;
    if clock > stored && (changed_here || clock >= stored + CLOCK_WORTH_SAVING_SECS) {
        mark_changed(w, now, None);
    }
}
