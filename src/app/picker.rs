//! The picker screen: choosing a session file or starting a new one.

use super::form::FormState;
use super::{App, Screen};
use crate::action::{Action, Command, Effect};

impl App {
    pub(super) fn update_picker(&mut self, action: &Action) -> Option<Effect> {
        let Action::Cmd(cmd) = action else {
            return None;
        };
        // Row 0 is "new session"; entries follow.
        let rows = self.picker.len() + 1;
        match cmd {
            Command::MoveUp => self.picker_selected = self.picker_selected.saturating_sub(1),
            Command::MoveDown => self.picker_selected = (self.picker_selected + 1).min(rows - 1),
            Command::NewSession => self.open_new_form(),
            Command::Open | Command::OpenReadOnly | Command::OpenFollow => {
                if self.picker_selected == 0 {
                    self.open_new_form();
                    return None;
                }
                let entry = self.picker.get(self.picker_selected - 1)?;
                if let Some(e) = &entry.error {
                    let e = e.clone();
                    self.error(e);
                    return None;
                }
                return Some(Effect::Open {
                    path: entry.path.clone(),
                    read_only: matches!(cmd, Command::OpenReadOnly | Command::OpenFollow),
                    follow: *cmd == Command::OpenFollow,
                });
            }
            _ => {}
        }
        None
    }

    pub(super) fn open_new_form(&mut self) {
        self.form = Some(FormState::new_session(self.now));
        self.based_on = None;
        self.screen = Screen::Form;
    }
}
