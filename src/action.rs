//! The words the layers speak to each other, below all of them: what a key asks for
//! ([`Command`], from the keymap), every change of state ([`Action`], into `App::update`), the
//! work `update` hands back ([`Effect`], for the runtime), and the data those carry. The keymap,
//! the application and the runtime all depend on this module and it on none of them.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::Input;

use crate::model::Session;

/// What a key (through the keymap) asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Save,
    Help,
    MoveUp,
    MoveDown,
    PageUp,
    PageDown,
    First,
    Last,
    Collapse,
    Expand,
    Edit,
    FocusNext,
    FocusPrev,
    FocusTree,
    Open,
    OpenReadOnly,
    NewSession,
    SetStatusDigit,
    ClearStatus,
    NextUnanswered,
    PrevUnanswered,
    ToggleFlag,
    StartSearch,
    CycleFilter,
    ClearFilter,
    Projector,
    Summary,
    MeetingDetails,
    FinishEdit,
    EditNext,
    EditPrev,
    Undo,
    Redo,
    SearchSubmit,
    SearchCancel,
    ChoicePrev,
    ChoiceNext,
    FormSubmit,
    FormCancel,
    PrevCheck,
    NextCheck,
    RestoreRecovery,
    DiscardRecovery,
    Export,
    ToggleFollow,
    OpenFollow,
    SaveAs,
    /// Scroll the right pane (the selected check's fields) down / up.
    ScrollDown,
    ScrollUp,
    /// Ask for a check's number and go there.
    GoTo,
    /// Put the previous meeting's answer (上次) into the selected field, or into every empty
    /// field of the check.
    CopyPrevious,
    /// Show (or close) the selected check's history of changes.
    ShowHistory,
    /// Update a carried-over measure (上次整改措施): progress, 销号.
    FollowUpCarried,
    /// Sign the record (主持人 / 主要负责人), typing the name.
    Sign,
    /// Reopen a signed record for amendment (voids the signatures).
    Reopen,
    /// Start a new session from an earlier one of the same unit.
    NewFrom,
}

/// Why a save did not reach the session's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveFailure {
    /// What went wrong, naming the file, as the user reads it.
    pub message: String,
    /// Where the record went instead: the conflict copy beside a file that someone else
    /// changed. The record is safe there; the session's file was left as they made it.
    pub kept: Option<PathBuf>,
}

impl SaveFailure {
    /// A store error as a save's result, in the user's language.
    pub fn of(e: &crate::store::StoreError, lang: crate::i18n::Lang) -> Self {
        let kept = match e {
            crate::store::StoreError::Conflict { kept, .. } => Some(kept.clone()),
            _ => None,
        };
        SaveFailure {
            message: crate::i18n::store_error(e, lang),
            kept,
        }
    }
}

impl From<String> for SaveFailure {
    fn from(message: String) -> Self {
        SaveFailure {
            message,
            kept: None,
        }
    }
}

impl From<&str> for SaveFailure {
    fn from(message: &str) -> Self {
        message.to_owned().into()
    }
}

/// Everything that can change the state.
#[derive(Debug, Clone)]
pub enum Action {
    Cmd(Command),
    /// Set the selected check's status to the answer at this index, or clear it.
    SetStatus(Option<usize>),
    /// A key for the text being edited.
    Input(Input),
    /// Characters that arrived together (an input method committing a phrase): one undo step.
    InsertText(String),
    Paste(String),
    /// The clock; sent before other actions and about once a second.
    Tick(DateTime<FixedOffset>),
    Resize(u16, u16),
    /// The result of `Effect::Save`.
    Saved {
        result: Result<(), SaveFailure>,
        quitting: bool,
    },
    /// The result of a save made in the background from the record as it was at change
    /// `seq`; changes made since stay unsaved.
    SavedUpTo {
        result: Result<(), SaveFailure>,
        seq: u64,
    },
    PickerLoaded(Vec<PickerEntry>),
    Opened(Box<OpenedSession>),
    /// A crash left a recovery copy of the session just opened.
    RecoveryFound(Box<Recovery>),
    /// An effect failed; the message says what and where.
    Failed(String),
    /// What `Effect::Export` wrote.
    Exported(Vec<PathBuf>),
    /// `Effect::SaveAs` succeeded: this is the session's file from now on.
    SavedAs(PathBuf),
    /// Turn the open (read-only) session into a live view of its editor.
    Follow,
    /// The program is about to end other than by quitting (a signal, a lost terminal): what
    /// only the interface holds (the meeting clock) goes into the record before the last save.
    Closing,
    /// A follower's new copy of the session file.
    Reloaded(Box<Session>),
    /// A follower could not read the changed session file; the last good state stays.
    ReloadFailed(String),
    /// Where the editor is, and whether they have left.
    EditorPresence {
        presence: Option<Box<crate::store::Presence>>,
        gone: bool,
    },
}

/// Work for the runtime: file and process operations `update` does not do itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save the record; `changed` lists what changed since the last save was asked for, so
    /// the save compares only that.
    Save {
        quitting: bool,
        changed: crate::store::Changed,
    },
    Quit,
    LoadPicker,
    /// Write the record to a new file and carry on editing that one.
    SaveAs(PathBuf),
    Open {
        path: PathBuf,
        read_only: bool,
        /// Open as a live view of someone else's editing (read-only).
        follow: bool,
    },
    Create(Box<Session>),
    /// Create the session that follows the one in `from` (as `selfcheck new --from`): `session`
    /// gives the checklist, the unit and the meeting details; statuses start empty and open
    /// measures are carried over.
    CreateFrom {
        session: Box<Session>,
        from: PathBuf,
    },
    /// Delete a file that is no longer needed (a recovery copy restored or discarded).
    RemoveFile(PathBuf),
    /// Write the report, the workbook and the ledger beside the session file.
    Export,
}

/// One session file in the picker.
#[derive(Debug, Clone, PartialEq)]
pub struct PickerEntry {
    pub path: PathBuf,
    pub unit: String,
    pub title: String,
    pub date: String,
    pub template: String,
    pub answered: usize,
    pub total: usize,
    pub locked_by: Option<String>,
    pub error: Option<String>,
}

impl PickerEntry {
    /// A file in the data folder that could not be read, shown with why.
    pub fn unreadable(path: PathBuf, error: String) -> Self {
        Self {
            path,
            unit: String::new(),
            title: String::new(),
            date: String::new(),
            template: String::new(),
            answered: 0,
            total: 0,
            locked_by: None,
            error: Some(error),
        }
    }
}

/// A session the runtime opened or created.
#[derive(Debug, Clone)]
pub struct OpenedSession {
    pub session: Session,
    pub path: PathBuf,
    pub read_only: bool,
    pub notice: Option<String>,
}

/// A recovery copy found beside a session file.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    pub session: Session,
    /// The recovery file itself.
    pub path: PathBuf,
    /// One line per difference from the saved session.
    pub differences: Vec<String>,
}
