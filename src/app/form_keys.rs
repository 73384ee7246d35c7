//! Keys on the meeting-details form: moving between rows, typing, choosing, Esc that asks
//! before discarding edits, and submitting (a new session, or the open one's details saved).

use ratatui_textarea::CursorMove;

use super::editor::edit_one_line;
use super::form::{FormPurpose, FormRow};
use super::saving::mark_changed;
use super::{App, Screen};
use crate::action::{Action, Command, Effect};
use crate::i18n::texts;
use crate::model::Session;
use crate::text::sanitize;

impl App {
    pub(super) fn update_form(&mut self, action: Action) -> Option<Effect> {
        let t = texts(self.lang);
        let form = self.form.as_mut()?;
        form.error = None;
        if form.purpose == FormPurpose::View {
            match action {
                Action::Cmd(Command::MoveUp) => form.move_focus(-1),
                Action::Cmd(Command::MoveDown) => form.move_focus(1),
                Action::Cmd(Command::EditNext) if form.focus + 1 < FormRow::ALL.len() => {
                    form.move_focus(1);
                }
                Action::Cmd(Command::FormCancel | Command::FormSubmit | Command::EditNext) => {
                    self.form = None;
                    self.screen = Screen::Walk;
                }
                Action::Input(_) | Action::InsertText(_) | Action::Paste(_) => {
                    form.error = Some(t.msg_read_only_refused.to_owned());
                }
                _ => {}
            }
            self.form_in_view();
            return None;
        }
        if !matches!(action, Action::Cmd(Command::FormCancel)) {
            form.confirm_discard = false;
        }
        let left = form.focused_row();
        match action {
            Action::Cmd(Command::MoveUp) => form.move_focus(-1),
            Action::Cmd(Command::MoveDown) => form.move_focus(1),
            Action::Cmd(Command::ChoicePrev) if form.focused_row().is_choice() => form.choose(-1),
            Action::Cmd(Command::ChoiceNext) if form.focused_row().is_choice() => form.choose(1),
            Action::Cmd(Command::ChoicePrev) => {
                if let Some(ta) = form.focused_input_mut() {
                    ta.move_cursor(CursorMove::Back);
                }
            }
            Action::Cmd(Command::ChoiceNext) => {
                if let Some(ta) = form.focused_input_mut() {
                    ta.move_cursor(CursorMove::Forward);
                }
            }
            Action::Cmd(Command::EditNext) => {
                // Enter: on to the next field, and on the last one, done.
                if form.focus + 1 >= FormRow::ALL.len() {
                    return self.submit_form();
                }
                form.move_focus(1);
            }
            Action::Cmd(Command::FormCancel) if form.edited() && !form.confirm_discard => {
                // Typed edits are not thrown away by one Esc.
                form.confirm_discard = true;
                form.error = Some(t.form_discard_ask.to_owned());
                return None;
            }
            Action::Cmd(Command::FormCancel) => {
                let purpose = form.purpose;
                self.form = None;
                self.screen = if purpose == FormPurpose::New {
                    Screen::Picker
                } else {
                    Screen::Walk
                };
                if purpose == FormPurpose::New {
                    self.based_on = None;
                    return Some(Effect::LoadPicker);
                }
            }
            Action::Cmd(Command::FormSubmit) => return self.submit_form(),
            Action::Input(input) => {
                if let Some(ta) = form.focused_input_mut() {
                    edit_one_line(ta, input);
                }
            }
            Action::InsertText(s) | Action::Paste(s) => {
                let text = typed_text(form.focused_row(), &s);
                if let Some(ta) = form.focused_input_mut() {
                    ta.insert_str(text);
                }
            }
            _ => {}
        }
        // A count left holding something that is not a number is told at once; the text stays.
        if let Some(form) = self.form.as_mut()
            && form.focused_row() != left
            && matches!(left, FormRow::Expected | FormRow::Present)
            && super::attendance::parse_count(&form.text(left)).is_err()
        {
            let at = crate::i18n::attendance(self.lang);
            let label = if left == FormRow::Expected {
                at.expected
            } else {
                at.present
            };
            form.error = Some(crate::i18n::followup::fill(
                at.not_a_number,
                &[("row", label), ("text", &form.text(left))],
            ));
        }
        self.form_in_view();
        None
    }

    /// Scrolls the form so the focused row is shown.
    fn form_in_view(&mut self) {
        let (_, body, _) = super::layout::frame(self.size);
        let visible = usize::from(body.height.saturating_sub(2));
        if let Some(form) = self.form.as_mut() {
            form.keep_focus_in_view(visible);
        }
    }

    pub(super) fn submit_form(&mut self) -> Option<Effect> {
        let t = texts(self.lang);
        let now = self.now;
        let form = self.form.as_mut()?;
        let (unit, meeting) = match form.values(t) {
            Ok(v) => v,
            Err((row, why)) => {
                // Shown on the row that is wrong; nothing typed is lost.
                form.error = Some(why);
                if let Some(i) = FormRow::ALL.iter().position(|r| *r == row) {
                    form.focus = i;
                }
                self.form_in_view();
                return None;
            }
        };
        let keep_attendance = !form.attendance_edited();
        match form.purpose {
            FormPurpose::New => {
                let session = Session::new(form.chosen_template().clone(), unit, meeting, now);
                Some(self.creation(session))
            }
            FormPurpose::Edit | FormPurpose::View => {
                self.form = None;
                self.screen = Screen::Walk;
                let w = self.walk.as_mut()?;
                if w.read_only {
                    self.error(t.msg_read_only_refused);
                    return None;
                }
                let unit = crate::model::Unit {
                    extra: std::mem::take(&mut w.session.unit.extra),
                    ..unit
                };
                // What the form does not show stays as it was: unknown fields, the meeting
                // clock; the attendance too when its rows were not touched.
                let attendance = if keep_attendance {
                    w.session.meeting.attendance.clone()
                } else {
                    super::attendance::keep_unknown(
                        meeting.attendance.clone(),
                        &w.session.meeting.attendance,
                    )
                };
                let meeting = crate::model::Meeting {
                    attendance,
                    elapsed_seconds: w.session.meeting.elapsed_seconds,
                    extra: std::mem::take(&mut w.session.meeting.extra),
                    ..meeting
                };
                let changed = w.session.unit != unit || w.session.meeting != meeting;
                w.session.unit = unit;
                w.session.meeting = meeting;
                if changed {
                    w.session.updated_at = now;
                    mark_changed(w, now, None);
                    return self.save_if_dirty();
                }
                None
            }
        }
    }
}

/// Text typed or pasted into `row`, as one line: a list pasted a name a line (a
/// spreadsheet's column) stays a list of names, separated by 、.
fn typed_text(row: FormRow, text: &str) -> String {
    let clean = sanitize::clean_input(text);
    if matches!(
        row,
        FormRow::Attendees | FormRow::Absent | FormRow::Observers
    ) {
        clean
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(crate::i18n::marks::NAME_SEP)
    } else {
        clean.replace('\n', " ")
    }
}
