//! Application state and `update`: every change of state goes through `App::update(Action)`,
//! which is pure (time arrives inside actions, files are touched only by the runtime through the
//! returned `Effect`).
//!
//! `update` is the one dispatcher; what each screen does lives beside it: [`picker`], [`form`],
//! [`walk`] (the walk-through), [`summary`], [`editor`] (typing into a field), [`follow`] (a
//! live view), [`recovery`] and [`saving`] (when to save, what a save's result means, quitting);
//! `scroll` keeps every scroll offset right after each change, and [`pane`] composes the text
//! it counts.

pub mod attendance;
pub mod carried;
pub mod dialog;
pub mod editor;
pub mod follow;
pub mod followup;
pub mod form;
mod form_keys;
pub mod history_view;
pub mod layout;
pub mod pane;
pub mod picker;
pub mod previous;
pub mod recovery;
pub mod saving;
mod scroll;
pub mod signoff;
pub mod summary;
pub mod tally;
pub mod tree;
pub mod undo;
pub mod walk;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

pub use crate::action::{Action, Command, Effect, OpenedSession, PickerEntry};
pub use editor::{EditTarget, Editor, field_label};
pub use saving::{AUTOSAVE_DELAY_SECS, RETRY_SECS, TYPING_IDLE_SECS, TYPING_MAX_AGE_MS};
pub use summary::Conclusion;

use crate::i18n::{Lang, Texts, texts};
use crate::keymap::Ctx;
use crate::model::{CheckIndex, CheckPos, Field, Session};
use form::FormState;
use tally::Tally;
use tree::TreeView;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Picker,
    Form,
    Walk,
    Summary,
}

/// Where the keyboard is on the walk-through screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Field(Field),
    /// 整改进展 of the check's problem (a choice, cycled with Enter).
    Rectification,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// The truth about the file on disk, shown in the footer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveState {
    /// Changes in memory that are not on disk yet.
    pub dirty: bool,
    pub last_change: Option<DateTime<FixedOffset>>,
    pub last_saved: Option<DateTime<FixedOffset>>,
    pub last_attempt: Option<DateTime<FixedOffset>>,
    pub error: Option<String>,
    /// Someone else changed the session's file: our saves go to this copy beside it (the
    /// record is safe there) and the file is left as they made it.
    pub conflict_copy: Option<std::path::PathBuf>,
    /// Counts changes, so a save made in the background knows whether it covers them all.
    pub change_seq: u64,
    /// What changed since the last save was asked for; handed over with the next
    /// `Effect::Save`.
    pub changed: crate::store::Changed,
}

/// What a prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    /// A new file to save the record to (when the usual one cannot be written).
    SaveAs,
    /// A check's number to go to.
    GoTo,
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: TextArea<'static>,
}

/// A live view of a session someone else is editing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Follow {
    /// Move with the editor (off while browsing on one's own).
    pub following: bool,
    pub editor: Option<crate::store::Presence>,
    /// The editor closed the session or their program is gone.
    pub editor_gone: bool,
    /// The last reload failed (the file was replaced by something unreadable).
    pub stale: Option<String>,
    /// The text the editor is typing (not saved), while they are there.
    pub draft: Option<crate::store::Draft>,
    /// When the editor stopped publishing `draft` (it left the field): it is shown until the
    /// saved text catches up, for a moment at most.
    pub draft_ended: Option<DateTime<FixedOffset>>,
    /// The editor moved to another field or typed: bring that field into view (the end of a
    /// long text, where the typing is).
    pub reveal: bool,
    /// Meeting details the editor is typing into its form (not saved), by row name.
    pub meeting_draft: Option<std::collections::BTreeMap<String, String>>,
}

/// An open session and how it is being looked at.
#[derive(Debug)]
pub struct Walk {
    pub session: Session,
    pub path: PathBuf,
    pub read_only: bool,
    pub index: CheckIndex,
    pub tally: Tally,
    pub tree: TreeView,
    pub focus: Focus,
    pub editor: Option<Editor>,
    /// A one-line question at the foot of the screen (search words, a file name).
    pub prompt: Option<Prompt>,
    pub projector: bool,
    pub summary_scroll: usize,
    /// The closing text selected on the summary screen.
    pub summary_focus: Option<Conclusion>,
    /// Set when this is a live view of someone else's editing.
    pub follow: Option<Follow>,
    /// Status, flag and rectification changes, for Ctrl+Z / Ctrl+Y outside a field.
    pub history: undo::History,
    /// How far the right pane (or the projector's page) is scrolled down, in lines. Kept
    /// within the text by `update`; back to the top on another check.
    pub detail_scroll: usize,
    pub save: SaveState,
    /// When this record was opened here; the meeting clock counts from it.
    pub opened_at: DateTime<FixedOffset>,
    /// The meeting clock (seconds) the record held when it was opened.
    pub clock_base: u64,
}

impl Walk {
    pub fn current_check(&self) -> Option<CheckPos> {
        self.tree.current_check()
    }

    pub fn check_id(&self, pos: CheckPos) -> Option<&str> {
        self.session.template.check_at(pos).map(|c| c.id.as_str())
    }

    /// The meeting clock at `now`, in seconds. A live view shows its editor's clock (as they
    /// last published it, running on while they are there); an editor, the time the record was
    /// open before plus the time since it was opened here.
    pub fn meeting_clock(&self, now: DateTime<FixedOffset>) -> u64 {
        let seconds = |from: DateTime<FixedOffset>, to: DateTime<FixedOffset>| {
            u64::try_from((to - from).num_seconds()).unwrap_or(0)
        };
        let stored = self.session.meeting.elapsed_seconds;
        if let Some(f) = &self.follow {
            let published = f.editor.as_ref().and_then(|p| {
                let zero = DateTime::parse_from_rfc3339(p.clock_zero.as_deref()?).ok()?;
                let at = DateTime::parse_from_rfc3339(&p.at).ok()?;
                Some((zero, at))
            });
            return match published {
                Some((zero, _)) if !f.editor_gone => seconds(zero, now),
                // The editor has gone: the clock stops where they left it.
                Some((zero, at)) => seconds(zero, at).max(stored),
                None => stored,
            };
        }
        self.clock_base + seconds(self.opened_at, now)
    }

    /// When this editor's meeting clock read zero: the moment it was opened, less the time the
    /// record was open before.
    pub fn clock_zero(&self) -> DateTime<FixedOffset> {
        let base = i64::try_from(self.clock_base).unwrap_or(i64::MAX);
        self.opened_at - chrono::TimeDelta::try_seconds(base).unwrap_or_default()
    }

    fn status_index(&self, pos: CheckPos) -> Option<usize> {
        let id = self.check_id(pos)?;
        let status = self.session.status(id)?;
        self.session
            .template
            .answer_set
            .iter()
            .position(|a| a.id == status)
    }
}

/// The whole state of the interface.
#[derive(Debug)]
pub struct App {
    pub lang: Lang,
    pub now: DateTime<FixedOffset>,
    pub size: Rect,
    pub screen: Screen,
    pub picker: Vec<PickerEntry>,
    pub picker_selected: usize,
    pub form: Option<FormState>,
    pub walk: Option<Walk>,
    /// Scroll offset of the help screen while it is shown.
    pub help: Option<usize>,
    pub message: Option<Message>,
    /// A save failed while quitting: the next quit leaves without saving.
    pub quit_armed: bool,
    /// A recovery copy waiting for the user to restore or discard it.
    pub recovery: Option<recovery::Recovery>,
    /// A restored recovery copy to delete once the record is safely saved.
    remove_after_save: Option<PathBuf>,
    /// A small form over the screen: signing, reopening, a carried-over measure.
    pub dialog: Option<dialog::Dialog>,
    /// A check's history of changes, shown over the walk-through.
    pub history_view: Option<history_view::HistoryView>,
    /// The earlier session a new one is to start from (`new --from`), chosen in the picker
    /// or the new-session form.
    pub based_on: Option<followup::BasedOn>,
    /// Whether the signatures still match the record, worked out once per state of it.
    pub sign_check: Option<signoff::SignCheck>,
}

impl App {
    pub fn new(lang: Lang, now: DateTime<FixedOffset>, size: Rect) -> Self {
        Self {
            lang,
            now,
            size,
            screen: Screen::Picker,
            picker: Vec::new(),
            picker_selected: 0,
            form: None,
            walk: None,
            help: None,
            message: None,
            quit_armed: false,
            recovery: None,
            remove_after_save: None,
            dialog: None,
            history_view: None,
            based_on: None,
            sign_check: None,
        }
    }

    pub fn t(&self) -> &'static Texts {
        texts(self.lang)
    }

    /// The keymap context the next key is read in.
    pub fn context(&self) -> Ctx {
        if self.help.is_some() {
            return Ctx::Help;
        }
        if self.recovery.is_some() {
            return Ctx::Confirm;
        }
        if let Some(ctx) = self.overlay_context() {
            return ctx;
        }
        if self.walk.as_ref().is_some_and(|w| w.editor.is_some()) {
            return Ctx::Editing;
        }
        match self.screen {
            Screen::Picker => Ctx::Picker,
            Screen::Form => Ctx::Form,
            Screen::Summary => Ctx::Summary,
            Screen::Walk => match &self.walk {
                Some(w) if w.prompt.is_some() => Ctx::Search,
                Some(w) if w.editor.is_some() => Ctx::Editing,
                Some(w) if w.projector => Ctx::Projector,
                // 整改进展 is a row of the fields pane: its keys are the pane's.
                Some(Walk {
                    focus: Focus::Field(_) | Focus::Rectification,
                    ..
                }) => Ctx::Detail,
                _ => Ctx::Tree,
            },
        }
    }

    /// Whether what is shown cannot be changed here: a read-only or live view of a record, or
    /// its meeting details shown to look at.
    pub fn read_only_view(&self) -> bool {
        match (&self.form, self.screen) {
            (Some(f), Screen::Form) => f.purpose == form::FormPurpose::View,
            (_, Screen::Picker | Screen::Form) => false,
            _ => self.walk.as_ref().is_some_and(|w| w.read_only),
        }
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Applies one action. Returns the I/O the runtime should do next, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let ticking = matches!(action, Action::Tick(_));
        let before = self.pane_view();
        let summary_before = self.summary_view();
        let effect = self.apply(action);
        self.refresh_sign_check();
        // Also on the clock: a live view takes up its editor's selection then.
        self.settle_summary_focus(summary_before);
        if !ticking {
            self.settle_scroll(before);
        }
        effect
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one arm per kind of action keeps the whole state machine in view"
    )]
    fn apply(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Tick(now) => {
                self.now = now;
                self.follow_tick();
                return self.on_tick();
            }
            Action::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                self.keep_tree_in_view();
                return None;
            }
            Action::Saved { result, quitting } => return self.on_saved(result, quitting),
            Action::SavedUpTo { result, seq } => {
                let newer = self.walk.as_ref().is_some_and(|w| w.save.change_seq != seq);
                let effect = self.on_saved(result, false);
                if newer && let Some(w) = &mut self.walk {
                    w.save.dirty = true;
                }
                return effect;
            }
            Action::PickerLoaded(entries) => {
                let first_load = self.picker.is_empty() && self.picker_selected == 0;
                self.picker = entries;
                self.picker_selected = self.picker_selected.min(self.picker.len());
                // The latest session (they come newest first) rather than "new session".
                if first_load && self.picker.first().is_some_and(|e| e.error.is_none()) {
                    self.picker_selected = 1;
                }
                if self.picker.is_empty() && self.screen == Screen::Picker {
                    self.form = Some(FormState::new_session(self.now));
                    self.screen = Screen::Form;
                }
                return None;
            }
            Action::Opened(opened) => {
                self.on_opened(*opened);
                return None;
            }
            Action::Failed(msg) => {
                self.error(msg);
                return None;
            }
            Action::Exported(paths) => {
                let text = exported_text(&paths, self.t());
                self.info(text);
                return None;
            }
            Action::Closing => {
                let now = self.now;
                if let Some(w) = &mut self.walk {
                    saving::note_clock_on_closing(w, now);
                }
                return None;
            }
            Action::Follow => {
                if let Some(w) = &mut self.walk {
                    w.follow = Some(Follow {
                        following: true,
                        ..Follow::default()
                    });
                    w.projector = true;
                }
                return None;
            }
            Action::Reloaded(session) => {
                self.on_reloaded(*session);
                return None;
            }
            Action::ReloadFailed(e) => {
                if let Some(f) = self.walk.as_mut().and_then(|w| w.follow.as_mut()) {
                    f.stale = Some(e);
                }
                return None;
            }
            Action::EditorPresence { presence, gone } => {
                self.on_presence(presence.map(|p| *p), gone);
                return None;
            }
            Action::SavedAs(path) => {
                let now = self.now;
                let t = texts(self.lang);
                if let Some(w) = &mut self.walk {
                    w.save = SaveState {
                        last_saved: Some(now),
                        last_attempt: Some(now),
                        ..SaveState::default()
                    };
                    w.path = path;
                    let shown = w.path.display().to_string();
                    self.info(format!("{} {shown}", t.msg_saved_to));
                }
                self.quit_armed = false;
                return None;
            }
            Action::RecoveryFound(r) => {
                self.recovery = Some(*r);
                return None;
            }
            _ => {}
        }
        // A key: the previous message has been seen.
        if !matches!(action, Action::Input(_) | Action::InsertText(_)) {
            self.message = None;
        }
        let effect = match action {
            Action::Cmd(Command::Quit) => Some(self.quit()),
            Action::Cmd(Command::Help) => {
                self.help = if self.help.is_some() { None } else { Some(0) };
                None
            }
            Action::Cmd(cmd) if self.help.is_some() => {
                self.scroll_help(cmd);
                None
            }
            Action::Cmd(Command::RestoreRecovery) => self.restore_recovery(),
            Action::Cmd(Command::Export) if self.walk.is_some() => Some(Effect::Export),
            Action::Cmd(Command::DiscardRecovery) => {
                self.recovery.take().map(|r| Effect::RemoveFile(r.path))
            }
            _ if self.recovery.is_some() => None,
            _ if self.takes_followup(&action) => self.update_followup(action),
            _ if self.walk.as_ref().is_some_and(|w| w.editor.is_some()) => {
                self.update_editing(action)
            }
            _ => match self.screen {
                Screen::Picker => self.update_picker(&action),
                Screen::Form => self.update_form(action),
                Screen::Walk => self.update_walk(action),
                Screen::Summary => self.update_summary(&action),
            },
        };
        self.keep_tree_in_view();
        effect
    }
}

/// What an export wrote, briefly enough for the footer: how many files of which kinds, then
/// the folder (its last parts when long), so the message is never cut in the middle of a name.
fn exported_text(paths: &[PathBuf], t: &Texts) -> String {
    let mut kinds: Vec<String> = Vec::new();
    for p in paths {
        if let Some(ext) = p.extension().map(|e| e.to_string_lossy().into_owned())
            && !kinds.contains(&ext)
        {
            kinds.push(ext);
        }
    }
    let folder = paths
        .first()
        .and_then(|p| p.parent())
        .map(|p| {
            let parts: Vec<String> = p
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.len() > 3 {
                format!(".../{}", parts[parts.len() - 2..].join("/"))
            } else {
                p.display().to_string()
            }
        })
        .unwrap_or_default();
    format!(
        "{} {folder}{}{} {}{}{}{}",
        t.msg_exported,
        t.colon,
        paths.len(),
        t.files,
        t.open,
        kinds.join(" "),
        t.close
    )
}
