//! Following one meeting from the last, in the interface: the one entry point (`update`
//! hands these actions here) for the previous meeting's answers ([`super::previous`]), the
//! carried-over measures ([`super::carried`]), a check's history ([`super::history_view`]),
//! sign-off ([`super::signoff`]), and a new session started from an earlier one of the same
//! unit (the picker's and the new-session form's "based on").

use std::path::PathBuf;

use super::form::{FormPurpose, FormRow, FormState};
use super::{App, Screen};
use crate::action::{Action, Command, Effect, PickerEntry};
use crate::i18n::followup as ftexts;
use crate::i18n::followup::fill;
use crate::keymap::Ctx;
use crate::model::{Session, UnitKind};

/// The earlier session a new one starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasedOn {
    pub path: PathBuf,
    pub unit: String,
    pub date: String,
}

impl BasedOn {
    fn of(e: &PickerEntry) -> Self {
        Self {
            path: e.path.clone(),
            unit: e.unit.clone(),
            date: e.date.clone(),
        }
    }
}

/// The readable sessions of `unit` in the picker, latest meeting first.
pub fn sessions_of_unit<'a>(picker: &'a [PickerEntry], unit: &str) -> Vec<&'a PickerEntry> {
    let unit = unit.trim();
    let mut found: Vec<&PickerEntry> = picker
        .iter()
        .filter(|e| e.error.is_none() && !unit.is_empty() && e.unit.trim() == unit)
        .collect();
    // Dates are YYYY-MM-DD (a missing one is dashes, which sort first): newest last, then
    // reversed; the picker's own order breaks ties.
    found.sort_by(|a, b| b.date.cmp(&a.date));
    found
}

impl App {
    /// The context of an overlay (a dialog, a check's history), if one is open.
    pub(super) fn overlay_context(&self) -> Option<Ctx> {
        if self.dialog.is_some() {
            Some(Ctx::Form)
        } else if self.history_view.is_some() {
            Some(Ctx::History)
        } else {
            None
        }
    }

    /// Whether `action` is handled here: anything while an overlay is open, the commands of
    /// these features, and a change refused because the record is signed.
    pub(super) fn takes_followup(&self, action: &Action) -> bool {
        if self.dialog.is_some() || self.history_view.is_some() {
            return true;
        }
        if let Action::Cmd(cmd) = action {
            let ours = matches!(
                cmd,
                Command::CopyPrevious
                    | Command::ShowHistory
                    | Command::FollowUpCarried
                    | Command::Sign
                    | Command::Reopen
                    | Command::NewFrom
            );
            if ours {
                return true;
            }
        }
        self.refused_as_signed(action)
    }

    pub(super) fn update_followup(&mut self, action: Action) -> Option<Effect> {
        if self.dialog.is_some() {
            return self.update_dialog(action);
        }
        if self.history_view.is_some() {
            if let Action::Cmd(cmd) = action {
                self.scroll_history(cmd);
            }
            return None;
        }
        if self.refused_as_signed(&action) {
            self.refuse_signed();
            return None;
        }
        let Action::Cmd(cmd) = action else {
            return None;
        };
        match cmd {
            Command::CopyPrevious => self.copy_previous(),
            Command::ShowHistory => {
                self.open_history();
                None
            }
            Command::FollowUpCarried => {
                self.open_carried();
                None
            }
            Command::Sign => {
                self.open_sign();
                None
            }
            Command::Reopen => {
                self.open_reopen();
                None
            }
            Command::NewFrom => {
                self.choose_based_on();
                None
            }
            _ => None,
        }
    }

    /// "Based on": from the picker, a new-session form for the selected session's unit
    /// starting from its latest session; in the new-session form, the next earlier session of
    /// the unit typed (latest first, then none).
    fn choose_based_on(&mut self) {
        let ft = ftexts(self.lang);
        match self.screen {
            Screen::Picker => {
                let Some(entry) = self
                    .picker_selected
                    .checked_sub(1)
                    .and_then(|i| self.picker.get(i))
                    .filter(|e| e.error.is_none())
                else {
                    self.error(ft.based_on_no_entry);
                    return;
                };
                let unit = entry.unit.clone();
                let template = entry.template.clone();
                let Some(latest) = sessions_of_unit(&self.picker, &unit).first().copied() else {
                    self.error(ft.based_on_none);
                    return;
                };
                let based = BasedOn::of(latest);
                let mut form = FormState::new_session(self.now);
                prefill_from(&mut form, &unit, &template);
                self.form = Some(form);
                self.based_on = Some(based);
                self.screen = Screen::Form;
            }
            Screen::Form => {
                let Some(form) = &mut self.form else { return };
                if form.purpose != FormPurpose::New {
                    return;
                }
                let unit = form.text(FormRow::Unit);
                let found = sessions_of_unit(&self.picker, &unit);
                if found.is_empty() {
                    self.based_on = None;
                    form.error = Some(ft.based_on_none.to_owned());
                    return;
                }
                // Latest first, then the earlier ones, then none.
                let at = self
                    .based_on
                    .as_ref()
                    .and_then(|b| found.iter().position(|e| e.path == b.path));
                self.based_on = match at {
                    None => Some(BasedOn::of(found[0])),
                    Some(i) => found.get(i + 1).map(|e| BasedOn::of(e)),
                };
            }
            _ => {}
        }
    }

    /// What creating the new session asks of the runtime: made from the earlier session
    /// when one was chosen, else plain.
    pub(super) fn creation(&mut self, session: Session) -> Effect {
        match self.based_on.take() {
            Some(b) => Effect::CreateFrom {
                session: Box::new(session),
                from: b.path,
            },
            None => Effect::Create(Box::new(session)),
        }
    }

    /// The line the new-session form shows about "based on": what it starts from, or an
    /// offer when the unit typed has sessions.
    pub fn based_on_note(&self) -> Option<String> {
        let ft = ftexts(self.lang);
        let form = self.form.as_ref()?;
        if form.purpose != FormPurpose::New {
            return None;
        }
        if let Some(b) = &self.based_on {
            return Some(fill(
                ft.based_on,
                &[("date", b.date.as_str()), ("unit", b.unit.as_str())],
            ));
        }
        let unit = form.text(FormRow::Unit);
        let latest = sessions_of_unit(&self.picker, &unit).first().copied()?;
        Some(fill(ft.based_on_offer, &[("date", latest.date.as_str())]))
    }
}

/// A new-session form for `unit`, on the checklist titled `template` when it is one of the
/// built-in ones, with that checklist's kind of unit.
fn prefill_from(form: &mut FormState, unit: &str, template: &str) {
    if let Some(i) = form.templates.iter().position(|t| t.title == template) {
        form.template = i;
        form.kind = form.templates[i]
            .unit_kind
            .and_then(|k| UnitKind::ALL.iter().position(|x| *x == k));
    }
    form.focus = FormRow::ALL
        .iter()
        .position(|r| *r == FormRow::Unit)
        .unwrap_or(1);
    if let Some(ta) = form.focused_input_mut() {
        ta.insert_str(crate::text::sanitize::clean_input(unit));
    }
}
