//! A small form over the screen for a decision that needs a few typed words: signing the
//! record, reopening it for amendment, following up a carried-over measure. It reads the keys
//! of the meeting-details form (Tab / arrows between rows, Left / Right to choose, Ctrl+S or
//! Enter on the last row to confirm, Esc to cancel), and every text row is a one-line editor,
//! so an input method works in it.

use ratatui_textarea::{CursorMove, TextArea};

use super::App;
use super::editor::edit_one_line;
use crate::action::{Action, Command, Effect};
use crate::model::session::RectificationState;
use crate::model::signoff::Role;
use crate::text::sanitize;

/// What the dialog decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogKind {
    /// Sign as one of `roles` (those not signed yet).
    Sign { roles: Vec<Role> },
    /// Reopen the signed record for amendment.
    Reopen,
    /// Follow up carried-over measure `index` (of `count`) of the answer to `check`.
    Carried {
        check: String,
        index: usize,
        count: usize,
    },
}

/// One row of a dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogRow {
    /// A choice, by its index in `Dialog::choices`.
    Choice(usize),
    /// A one-line text, by its index in `Dialog::inputs`.
    Text(usize),
}

/// 整改进展 as the carried-over measure's dialog offers it.
pub const CARRIED_STATES: [RectificationState; 3] = [
    RectificationState::NotStarted,
    RectificationState::InProgress,
    RectificationState::Done,
];

#[derive(Debug, Clone)]
pub struct Dialog {
    pub kind: DialogKind,
    /// The chosen option of each choice row.
    pub choices: Vec<usize>,
    pub inputs: Vec<TextArea<'static>>,
    /// The focused row.
    pub focus: usize,
    /// Why the last attempt to confirm was refused.
    pub error: Option<String>,
}

fn one_line(text: &str) -> TextArea<'static> {
    let mut ta = TextArea::new(vec![sanitize::clean_input(text).replace('\n', " ")]);
    ta.move_cursor(CursorMove::End);
    ta
}

impl Dialog {
    /// Signing: the role (the first not signed yet) and an empty name, to be typed by the
    /// signer; never filled in from the login.
    pub fn sign(roles: Vec<Role>) -> Self {
        Self {
            kind: DialogKind::Sign { roles },
            choices: vec![0],
            inputs: vec![one_line("")],
            focus: 1,
            error: None,
        }
    }

    /// Reopening: who reopens it and why.
    pub fn reopen() -> Self {
        Self {
            kind: DialogKind::Reopen,
            choices: Vec::new(),
            inputs: vec![one_line(""), one_line("")],
            focus: 0,
            error: None,
        }
    }

    /// Following up a carried-over measure: which one, where it stands, progress in words,
    /// and for 销号 the day and the evidence.
    pub fn carried(
        check: String,
        index: usize,
        count: usize,
        m: &crate::model::carryover::CarriedMeasure,
        today: chrono::NaiveDate,
    ) -> Self {
        let state = CARRIED_STATES
            .iter()
            .position(|s| *s == m.state)
            .unwrap_or(0);
        let closed_on = m.closed_on.unwrap_or(today).format("%Y-%m-%d").to_string();
        Self {
            kind: DialogKind::Carried {
                check,
                index,
                count,
            },
            choices: vec![index, state],
            inputs: vec![
                one_line(&m.progress),
                one_line(&closed_on),
                one_line(&m.closing_evidence),
            ],
            focus: 1,
            error: None,
        }
    }

    pub fn rows(&self) -> Vec<DialogRow> {
        match &self.kind {
            DialogKind::Sign { .. } => vec![DialogRow::Choice(0), DialogRow::Text(0)],
            DialogKind::Reopen => vec![DialogRow::Text(0), DialogRow::Text(1)],
            DialogKind::Carried { .. } => vec![
                DialogRow::Choice(0),
                DialogRow::Choice(1),
                DialogRow::Text(0),
                DialogRow::Text(1),
                DialogRow::Text(2),
            ],
        }
    }

    pub fn focused_row(&self) -> DialogRow {
        let rows = self.rows();
        rows[self.focus.min(rows.len() - 1)]
    }

    /// How many options choice row `i` has.
    pub fn options(&self, i: usize) -> usize {
        match (&self.kind, i) {
            (DialogKind::Sign { roles }, _) => roles.len(),
            (DialogKind::Carried { count, .. }, 0) => *count,
            (DialogKind::Carried { .. }, _) => CARRIED_STATES.len(),
            (DialogKind::Reopen, _) => 0,
        }
    }

    /// The text of row `i`, trimmed.
    pub fn text(&self, i: usize) -> String {
        self.inputs
            .get(i)
            .map(|ta| {
                sanitize::clean_input(&ta.lines().join(" "))
                    .trim()
                    .to_owned()
            })
            .unwrap_or_default()
    }

    /// The role chosen to sign as.
    pub fn role(&self) -> Option<Role> {
        match &self.kind {
            DialogKind::Sign { roles } => roles.get(self.choices[0]).copied(),
            _ => None,
        }
    }

    /// The state chosen for a carried-over measure.
    pub fn carried_state(&self) -> RectificationState {
        CARRIED_STATES[self.choices.get(1).copied().unwrap_or(0).min(2)]
    }
}

impl App {
    /// A key while a dialog is open.
    pub(super) fn update_dialog(&mut self, action: Action) -> Option<Effect> {
        let d = self.dialog.as_mut()?;
        d.error = None;
        let rows = d.rows().len();
        match action {
            Action::Cmd(Command::MoveUp) => d.focus = d.focus.saturating_sub(1),
            Action::Cmd(Command::MoveDown) => d.focus = (d.focus + 1).min(rows - 1),
            Action::Cmd(Command::EditNext) if d.focus + 1 < rows => d.focus += 1,
            Action::Cmd(Command::EditNext | Command::FormSubmit) => return self.submit_dialog(),
            Action::Cmd(Command::FormCancel) => self.dialog = None,
            Action::Cmd(cmd @ (Command::ChoicePrev | Command::ChoiceNext)) => {
                let delta: isize = if cmd == Command::ChoiceNext { 1 } else { -1 };
                match d.focused_row() {
                    DialogRow::Choice(i) => {
                        let n = d.options(i);
                        if n > 1 {
                            d.choices[i] = (d.choices[i] + n).saturating_add_signed(delta) % n;
                            if i == 0 && matches!(d.kind, DialogKind::Carried { .. }) {
                                self.switch_carried();
                            }
                        }
                    }
                    DialogRow::Text(i) => {
                        if let Some(ta) = d.inputs.get_mut(i) {
                            ta.move_cursor(if delta > 0 {
                                CursorMove::Forward
                            } else {
                                CursorMove::Back
                            });
                        }
                    }
                }
            }
            Action::Input(input) => {
                if let DialogRow::Text(i) = d.focused_row()
                    && let Some(ta) = d.inputs.get_mut(i)
                {
                    edit_one_line(ta, input);
                }
            }
            Action::InsertText(s) | Action::Paste(s) => {
                if let DialogRow::Text(i) = d.focused_row()
                    && let Some(ta) = d.inputs.get_mut(i)
                {
                    ta.insert_str(sanitize::clean_input(&s).replace('\n', " "));
                }
            }
            _ => {}
        }
        None
    }

    fn submit_dialog(&mut self) -> Option<Effect> {
        let kind = self.dialog.as_ref()?.kind.clone();
        match kind {
            DialogKind::Sign { .. } => self.submit_sign(),
            DialogKind::Reopen => self.submit_reopen(),
            DialogKind::Carried { check, index, .. } => self.submit_carried(&check, index),
        }
    }
}
