//! Editing a text: an answer's field on the walk-through or a closing text on the summary. What
//! is typed reaches the record when the field is left or typing pauses.

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::{CursorMove, Input, TextArea, WrapMode};

use super::saving::{mark_changed, save};
use super::summary::Conclusion;
use super::walk::next_field;
use super::{App, Focus, Walk};
use crate::action::{Action, Command, Effect};
use crate::i18n::{Texts, texts};
use crate::model::{CheckPos, Field};
use crate::text::sanitize;

/// What an editor writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditTarget {
    Answer { check: CheckPos, field: Field },
    Conclusion(Conclusion),
}

/// A text being edited.
#[derive(Debug, Clone)]
pub struct Editor {
    pub target: EditTarget,
    pub area: TextArea<'static>,
    /// Typed since the text was last put into the session.
    pub pending: bool,
    pub last_input: Option<DateTime<FixedOffset>>,
    /// When the oldest keystroke not yet put into the session was typed: typing that never
    /// pauses still reaches the record (and the file) every [`super::TYPING_MAX_AGE_MS`].
    pub pending_since: Option<DateTime<FixedOffset>>,
    /// The text as the editor was given it (cleaned of controls). Leaving the field with this
    /// text unchanged writes nothing, so merely opening a field never rewrites what was stored.
    untouched: String,
}

impl App {
    pub(super) fn update_editing(&mut self, action: Action) -> Option<Effect> {
        let t = texts(self.lang);
        let now = self.now;
        let w = self.walk.as_mut()?;
        let ed = w.editor.as_mut()?;
        let single = ed.is_single_line();
        match action {
            Action::Cmd(Command::FinishEdit) => {
                if let Err(e) = commit_editor(w, now, t) {
                    self.error(e);
                    return None;
                }
                return self.save_if_dirty();
            }
            Action::Cmd(cmd @ (Command::EditNext | Command::EditPrev)) => {
                let target = ed.target;
                if let Err(e) = commit_editor(w, now, t) {
                    self.error(e);
                    return None;
                }
                let delta = if cmd == Command::EditNext { 1 } else { -1 };
                match target {
                    EditTarget::Answer { check, field } => {
                        if let Some(next) = next_field(field, delta) {
                            w.focus = Focus::Field(next);
                            start_editing(w, check, next);
                        } else {
                            w.focus = Focus::Tree;
                        }
                    }
                    EditTarget::Conclusion(part) => {
                        let i = Conclusion::ALL.iter().position(|c| *c == part).unwrap_or(0);
                        let next = i
                            .checked_add_signed(delta)
                            .and_then(|j| Conclusion::ALL.get(j));
                        if let Some(next) = next {
                            w.summary_focus = Some(*next);
                            start_editing_target(w, EditTarget::Conclusion(*next));
                        }
                    }
                }
                return self.save_if_dirty();
            }
            Action::Cmd(Command::Save) => {
                if let Err(e) = put_editor_text(w, now, t) {
                    self.error(e);
                    return None;
                }
                return Some(save(w, false));
            }
            Action::Cmd(Command::Undo) => {
                ed.area.undo();
                ed.typed(now);
            }
            Action::Cmd(Command::Redo) => {
                ed.area.redo();
                ed.typed(now);
            }
            Action::Input(input) => {
                let changed = if single {
                    if input.key == ratatui_textarea::Key::Enter {
                        if let Err(e) = commit_editor(w, now, t) {
                            self.error(e);
                            return None;
                        }
                        return self.save_if_dirty();
                    }
                    edit_one_line(&mut ed.area, input)
                } else {
                    edit_text(&mut ed.area, input)
                };
                if changed {
                    ed.typed(now);
                }
            }
            Action::InsertText(s) | Action::Paste(s) => {
                let mut s = sanitize::clean_input(&s);
                if single {
                    s = s.replace('\n', " ");
                }
                if ed.area.insert_str(s) {
                    ed.typed(now);
                }
            }
            _ => {}
        }
        None
    }
}

pub(super) fn start_editing(w: &mut Walk, pos: CheckPos, field: Field) {
    start_editing_target(w, EditTarget::Answer { check: pos, field });
}

pub(super) fn start_editing_target(w: &mut Walk, target: EditTarget) {
    let text = match target {
        EditTarget::Answer { check, field } => {
            let Some(id) = w.check_id(check) else { return };
            w.session
                .answer(id)
                .map(|a| field.get(a))
                .unwrap_or_default()
        }
        EditTarget::Conclusion(part) => part.get(&w.session.conclusions).to_owned(),
    };
    // Controls in stored text (a file from elsewhere) would sit invisibly in the editor.
    let text = sanitize::clean_input(&text);
    let lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let mut editor = Editor {
        target,
        area: TextArea::new(lines),
        pending: false,
        last_input: None,
        pending_since: None,
        untouched: text,
    };
    if !editor.is_single_line() {
        editor.area.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    editor.area.set_max_histories(200);
    editor.area.move_cursor(CursorMove::Bottom);
    editor.area.move_cursor(CursorMove::End);
    w.editor = Some(editor);
}

impl Editor {
    /// Notes a keystroke that changed the text.
    pub fn typed(&mut self, now: DateTime<FixedOffset>) {
        self.pending = true;
        self.last_input = Some(now);
        self.pending_since.get_or_insert(now);
    }

    pub fn is_single_line(&self) -> bool {
        matches!(self.target, EditTarget::Answer { field, .. } if field.is_single_line())
    }

    /// The answer field being edited, if it is one.
    pub fn answer_field(&self) -> Option<(CheckPos, Field)> {
        match self.target {
            EditTarget::Answer { check, field } => Some((check, field)),
            EditTarget::Conclusion(_) => None,
        }
    }
}

/// Puts the editor's text into the record, keeping the editor open.
pub(super) fn put_editor_text(
    w: &mut Walk,
    now: DateTime<FixedOffset>,
    t: &Texts,
) -> Result<(), String> {
    let Some(ed) = &mut w.editor else {
        return Ok(());
    };
    let text = sanitize::clean_input(&ed.area.lines().join("\n"));
    if text == ed.untouched {
        return Ok(());
    }
    let (check, field) = match ed.target {
        EditTarget::Answer { check, field } => (check, field),
        EditTarget::Conclusion(part) => {
            ed.untouched.clone_from(&text);
            let text = text.trim_end().to_owned();
            let slot = part.slot(&mut w.session.conclusions);
            if *slot != text {
                *slot = text;
                w.session.updated_at = now;
                mark_changed(w, now, None);
            }
            return Ok(());
        }
    };
    let Some(id) = w.check_id(check).map(str::to_owned) else {
        return Ok(());
    };
    let result = w.session.set_field(&id, field, &text, now);
    if result.is_ok()
        && let Some(ed) = &mut w.editor
    {
        ed.untouched = text;
    }
    match result {
        Ok(true) => {
            mark_changed(w, now, Some(&id));
            Ok(())
        }
        Ok(false) => Ok(()),
        Err(e) => Err(format!(
            "{}{}{}",
            field_label(t, field),
            t.colon,
            crate::i18n::session_error(&e, t.lang)
        )),
    }
}

/// Puts the editor's text into the record and closes the editor; a bad date keeps it open.
pub(super) fn commit_editor(
    w: &mut Walk,
    now: DateTime<FixedOffset>,
    t: &Texts,
) -> Result<(), String> {
    put_editor_text(w, now, t)?;
    w.editor = None;
    // The next change to this field is a new history entry.
    w.session.end_text_edit();
    Ok(())
}

pub fn field_label(t: &Texts, f: Field) -> &'static str {
    match f {
        Field::Evidence => t.field_evidence,
        Field::Problems => t.field_problems,
        Field::Causes => t.field_causes,
        Field::Measures => t.field_measures,
        Field::Owner => t.field_owner,
        Field::Due => t.field_due,
    }
}

/// Keys for a multi-line field: our own small set over the widget's plain editing keys.
pub(super) fn edit_text(ta: &mut TextArea<'static>, input: Input) -> bool {
    use ratatui_textarea::Key;
    match input {
        Input {
            key: Key::Char('a'),
            ctrl: true,
            ..
        }
        | Input { key: Key::Home, .. } => {
            ta.move_cursor(CursorMove::Head);
            false
        }
        Input {
            key: Key::Char('e'),
            ctrl: true,
            ..
        }
        | Input { key: Key::End, .. } => {
            ta.move_cursor(CursorMove::End);
            false
        }
        Input {
            key: Key::Char('k'),
            ctrl: true,
            ..
        } => ta.delete_line_by_end(),
        Input {
            key: Key::Char('u'),
            ctrl: true,
            ..
        } => ta.delete_line_by_head(),
        Input {
            key: Key::Char('w'),
            ctrl: true,
            ..
        } => ta.delete_word(),
        Input { key: Key::Up, .. } => {
            ta.move_cursor(CursorMove::Up);
            false
        }
        Input { key: Key::Down, .. } => {
            ta.move_cursor(CursorMove::Down);
            false
        }
        Input { key: Key::Left, .. } => {
            ta.move_cursor(CursorMove::Back);
            false
        }
        Input {
            key: Key::Right, ..
        } => {
            ta.move_cursor(CursorMove::Forward);
            false
        }
        Input {
            key: Key::PageUp, ..
        } => {
            ta.move_cursor(CursorMove::Top);
            false
        }
        Input {
            key: Key::PageDown, ..
        } => {
            ta.move_cursor(CursorMove::Bottom);
            false
        }
        Input { key: Key::Tab, .. }
        | Input {
            key: Key::Char(_),
            ctrl: true,
            ..
        }
        | Input {
            key: Key::Char(_),
            alt: true,
            ..
        } => false,
        other => ta.input_without_shortcuts(other),
    }
}

/// Keys for a one-line input: like a field, without new lines.
pub(super) fn edit_one_line(ta: &mut TextArea<'static>, input: Input) -> bool {
    use ratatui_textarea::Key;
    match input.key {
        Key::Enter | Key::Up | Key::Down | Key::PageUp | Key::PageDown => false,
        _ => edit_text(ta, input),
    }
}

impl App {
    /// A copy of the record with the text being typed put in (as leaving the field would, a
    /// date that does not parse left out), the state itself untouched: for the recovery copy
    /// written after a crash.
    pub fn record_with_typing(&self) -> Option<crate::model::Session> {
        let w = self.walk.as_ref()?;
        let mut session = w.session.clone();
        let Some(ed) = &w.editor else {
            return Some(session);
        };
        let text = sanitize::clean_input(&ed.area.lines().join("\n"));
        if text == ed.untouched {
            return Some(session);
        }
        match ed.target {
            EditTarget::Answer { check, field } => {
                if let Some(id) = w.check_id(check) {
                    // A date that does not parse stays out, as when leaving the field.
                    let _ = session.set_field(id, field, &text, self.now);
                }
            }
            EditTarget::Conclusion(part) => {
                text.trim_end()
                    .clone_into(part.slot(&mut session.conclusions));
            }
        }
        Some(session)
    }
}
