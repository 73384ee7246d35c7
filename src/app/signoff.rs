//! Sign-off on the summary screen: the 主持人 and the 主要负责人 type their own names (never
//! taken from the login) and the record is signed through the model; a signed record refuses
//! every change, saying why in the footer, until it is reopened for amendment (asked for with
//! a name and a reason, recorded in the history, and voiding the signatures).

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::dialog::Dialog;
use super::pane::{Paint, para};
use super::saving::mark_changed;
use super::tree::Row;
use super::{App, Focus, Screen, Walk};
use crate::action::{Action, Command};
use crate::i18n::followup as ftexts;
use crate::i18n::followup::fill;
use crate::keymap::{self, Ctx, KEYMAP};
use crate::model::signoff::{self, Role, SignError};

/// The first key bound to `command` in `ctx`, as help writes it.
pub fn key_for(ctx: Ctx, command: Command) -> String {
    KEYMAP
        .iter()
        .find(|b| b.ctx == ctx && b.command == command)
        .and_then(|b| b.keys.first())
        .map(keymap::key_name)
        .unwrap_or_default()
}

/// What identifies the state of a signed record cheaply: when it was opened, when it last
/// changed, its signatures, and how many answers and events it has. A signed record changes
/// only by being opened, reloaded or restored, signed or reopened, and each of those moves
/// one of these.
#[derive(Debug, Clone, PartialEq, Eq)]
struct StateKey {
    opened_at: chrono::DateTime<chrono::FixedOffset>,
    updated_at: chrono::DateTime<chrono::FixedOffset>,
    signed: Vec<String>,
    answers: usize,
    events: usize,
}

fn state_key(w: &Walk) -> StateKey {
    StateKey {
        opened_at: w.opened_at,
        updated_at: w.session.updated_at,
        signed: w
            .session
            .signatures
            .iter()
            .map(|s| s.sha256.clone())
            .collect(),
        answers: w.session.answers.len(),
        events: w.session.history.len(),
    }
}

/// The record's content hash now, for a signed record: hashing costs a serialisation of the
/// whole record (a tenth of a second or more for 10,000 checks), so it is worked out in
/// `update` when the record's state changes, not on every frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignCheck {
    key: StateKey,
    pub sha256: String,
}

/// The content hash of a signed record, from the check made in `update` when it is current.
fn current_hash(app: &App, w: &Walk) -> Option<String> {
    if !w.session.is_signed() {
        return None;
    }
    match &app.sign_check {
        Some(c) if c.key == state_key(w) => Some(c.sha256.clone()),
        _ => Some(signoff::content_hash(&w.session)),
    }
}

impl App {
    /// Works out the signed record's content hash when its state changed.
    pub(super) fn refresh_sign_check(&mut self) {
        let Some(w) = &self.walk else {
            self.sign_check = None;
            return;
        };
        if !w.session.is_signed() {
            self.sign_check = None;
            return;
        }
        let key = state_key(w);
        if self.sign_check.as_ref().is_some_and(|c| c.key == key) {
            return;
        }
        self.sign_check = Some(SignCheck {
            sha256: signoff::content_hash(&w.session),
            key,
        });
    }

    /// Whether `action` would change a signed record (and is to be refused).
    pub(super) fn refused_as_signed(&self, action: &Action) -> bool {
        let Some(w) = &self.walk else { return false };
        if w.read_only || !w.session.is_signed() || w.editor.is_some() || w.prompt.is_some() {
            return false;
        }
        let on_check = matches!(w.tree.current(), Some(Row::Check(_)));
        match (self.screen, action) {
            (Screen::Walk, Action::SetStatus(_) | Action::InsertText(_) | Action::Paste(_))
            | (Screen::Summary, Action::Cmd(Command::Edit)) => true,
            (Screen::Walk, Action::Cmd(cmd)) => match cmd {
                Command::ClearStatus
                | Command::ToggleFlag
                | Command::Undo
                | Command::Redo
                | Command::MeetingDetails
                | Command::CopyPrevious
                | Command::FollowUpCarried => true,
                // Enter on a heading folds it; on a check (or a field) it would edit.
                Command::Edit => on_check || w.focus != Focus::Tree,
                _ => false,
            },
            _ => false,
        }
    }

    /// Says why a change to a signed record is refused, and how to reopen it.
    pub(super) fn refuse_signed(&mut self) {
        let ft = ftexts(self.lang);
        let summary = key_for(Ctx::Walk, Command::Summary);
        let reopen = key_for(Ctx::Summary, Command::Reopen);
        self.error(fill(
            ft.signed_refused,
            &[("summary", summary.as_str()), ("reopen", reopen.as_str())],
        ));
    }

    /// The sign dialog, for a role not signed yet.
    pub(super) fn open_sign(&mut self) {
        let t = self.t();
        let ft = ftexts(self.lang);
        let Some(w) = &self.walk else { return };
        if w.read_only {
            self.error(t.msg_read_only_refused);
            return;
        }
        let roles: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| !w.session.signatures.iter().any(|s| s.role == *r))
            .collect();
        if roles.is_empty() {
            let reopen = key_for(Ctx::Summary, Command::Reopen);
            self.info(fill(ft.sign_all_signed, &[("reopen", reopen.as_str())]));
            return;
        }
        let now = current_hash(self, w);
        if w.session
            .signatures
            .iter()
            .any(|s| Some(&s.sha256) != now.as_ref())
        {
            self.error(ft.sign_altered);
            return;
        }
        self.dialog = Some(Dialog::sign(roles));
    }

    pub(super) fn submit_sign(&mut self) -> Option<crate::action::Effect> {
        let ft = ftexts(self.lang);
        let now = self.now;
        let d = self.dialog.as_mut()?;
        let role = d.role()?;
        let name = d.text(0);
        let w = self.walk.as_mut()?;
        match w.session.sign(role, &name, now) {
            Ok(hash) => {
                self.dialog = None;
                mark_changed(w, now, None);
                let code = signoff::short_code(&hash);
                self.info(fill(
                    ft.sign_done,
                    &[
                        ("name", name.as_str()),
                        ("role", crate::i18n::role_label(role, self.lang)),
                        ("code", code.as_str()),
                    ],
                ));
                self.save_if_dirty()
            }
            Err(e) => {
                let why = match e {
                    SignError::EmptyName => ft.sign_empty_name.to_owned(),
                    SignError::AlreadySigned { name, .. } => fill(
                        ft.sign_already,
                        &[
                            ("name", name.as_str()),
                            ("role", crate::i18n::role_label(role, self.lang)),
                        ],
                    ),
                    SignError::Altered => ft.sign_altered.to_owned(),
                };
                d.error = Some(why);
                None
            }
        }
    }

    /// The dialog asking to reopen the signed record for amendment.
    pub(super) fn open_reopen(&mut self) {
        let t = self.t();
        let ft = ftexts(self.lang);
        let Some(w) = &self.walk else { return };
        if w.read_only {
            self.error(t.msg_read_only_refused);
            return;
        }
        if !w.session.is_signed() {
            self.info(ft.reopen_not_signed);
            return;
        }
        self.dialog = Some(Dialog::reopen());
    }

    pub(super) fn submit_reopen(&mut self) -> Option<crate::action::Effect> {
        let ft = ftexts(self.lang);
        let now = self.now;
        let d = self.dialog.as_mut()?;
        let by = d.text(0);
        let reason = d.text(1);
        if by.is_empty() {
            d.error = Some(ft.reopen_need_name.to_owned());
            d.focus = 0;
            return None;
        }
        let w = self.walk.as_mut()?;
        self.dialog = None;
        if w.session.reopen_for_amendment(&by, &reason, now) {
            mark_changed(w, now, None);
            self.info(ft.reopen_done);
            return self.save_if_dirty();
        }
        self.info(ft.reopen_not_signed);
        None
    }
}

/// The summary's 签字确认 block: each signature with its time and whether it still matches,
/// the 校验码, and the key that signs.
pub fn summary_lines(app: &App, w: &Walk, width: usize, p: &Paint) -> Vec<Line<'static>> {
    let ft = ftexts(app.lang);
    let mut out = vec![Line::from(Span::styled(
        ft.summary_signoff.to_owned(),
        p.heading,
    ))];
    let now_hash = current_hash(app, w);
    for s in &w.session.signatures {
        let matches = now_hash.as_deref() == Some(s.sha256.as_str());
        let text = fill(
            ft.summary_signed_by,
            &[
                ("role", crate::i18n::role_label(s.role, app.lang)),
                ("name", &crate::text::sanitize::one_line(&s.name)),
                ("at", &s.at.format("%Y-%m-%d %H:%M").to_string()),
            ],
        );
        out.extend(para(&text, width, 2, p.strong));
        if !matches {
            out.extend(para(ft.summary_mismatch, width, 4, p.flag));
        }
    }
    let unsigned = Role::ALL
        .into_iter()
        .any(|r| !w.session.signatures.iter().any(|s| s.role == r));
    if unsigned {
        let key = key_for(Ctx::Summary, Command::Sign);
        let missing: Vec<&str> = Role::ALL
            .into_iter()
            .filter(|r| !w.session.signatures.iter().any(|s| s.role == *r))
            .map(|r| crate::i18n::role_label(r, app.lang))
            .collect();
        let text = format!(
            "{}{}{}",
            missing.join(app.t().list_sep),
            app.t().colon,
            fill(ft.summary_unsigned, &[("key", key.as_str())])
        );
        out.extend(para(&text, width, 2, Style::new()));
    }
    if let Some(hash) = &now_hash {
        out.extend(para(
            &format!(
                "{}{}{}",
                ft.sign_code,
                app.t().colon,
                signoff::short_code(hash)
            ),
            width,
            2,
            p.label,
        ));
    }
    out
}
