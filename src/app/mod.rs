//! Application state and `update`: every change of state goes through `App::update(Action)`,
//! which is pure (time arrives inside actions, files are touched only by the runtime through the
//! returned `Effect`).
//!
//! `update` is the one dispatcher; what each screen does lives beside it: [`picker`], [`form`],
//! [`walk`] (the walk-through), [`summary`], [`editor`] (typing into a field), [`follow`] (a
//! live view), [`recovery`] and [`saving`] (when to save, what a save's result means, quitting).

pub mod editor;
pub mod follow;
pub mod form;
pub mod layout;
pub mod picker;
pub mod recovery;
pub mod saving;
pub mod summary;
pub mod tally;
pub mod tree;
pub mod walk;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

pub use crate::action::{Action, Command, Effect, OpenedSession, PickerEntry};
pub use editor::{EditTarget, Editor, field_label};
pub use saving::{AUTOSAVE_DELAY_SECS, RETRY_SECS, TYPING_IDLE_SECS};
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
    pub save: SaveState,
    pub opened_at: DateTime<FixedOffset>,
}

impl Walk {
    pub fn current_check(&self) -> Option<CheckPos> {
        self.tree.current_check()
    }

    pub fn check_id(&self, pos: CheckPos) -> Option<&str> {
        self.session.template.check_at(pos).map(|c| c.id.as_str())
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
                Some(Walk {
                    focus: Focus::Field(_),
                    ..
                }) => Ctx::Detail,
                _ => Ctx::Tree,
            },
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
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per kind of action keeps the whole state machine in view"
    )]
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Tick(now) => {
                self.now = now;
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
                self.picker = entries;
                self.picker_selected = self.picker_selected.min(self.picker.len());
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
                let names: Vec<String> = paths
                    .iter()
                    .filter_map(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .collect();
                let folder = paths
                    .first()
                    .and_then(|p| p.parent())
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                self.info(format!(
                    "{} {folder}: {}",
                    self.t().msg_exported,
                    names.join("  ")
                ));
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
                self.on_presence(presence, gone);
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

    fn scroll_help(&mut self, cmd: Command) {
        let page = layout::body_rows(self.size).max(1);
        let total = crate::keymap::KEYMAP.len() + 20;
        if let Some(off) = &mut self.help {
            *off = match cmd {
                Command::MoveUp => off.saturating_sub(1),
                Command::MoveDown => (*off + 1).min(total),
                Command::PageUp => off.saturating_sub(page),
                Command::PageDown => (*off + page).min(total),
                _ => *off,
            };
        }
    }

    fn keep_tree_in_view(&mut self) {
        let rows = layout::tree_rows(self.size);
        if let Some(w) = &mut self.walk {
            w.tree.scroll_into_view(rows);
        }
    }
}
