//! Application state and `update`: every change of state goes through `App::update(Action)`,
//! which is pure (time arrives inside actions, files are touched only by the runtime through the
//! returned `Effect`).

pub mod form;
pub mod layout;
pub mod recovery;
pub mod tally;
pub mod tree;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use ratatui::layout::Rect;
use ratatui_textarea::{CursorMove, Input, TextArea, WrapMode};

use crate::i18n::{Lang, Texts, texts};
use crate::keymap::Ctx;
use crate::model::{CheckIndex, CheckPos, Field, Session};
use crate::text::sanitize;
use form::{FormPurpose, FormState};
use tally::Tally;
use tree::{Filter, Row, TreeView};

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
        result: Result<(), String>,
        quitting: bool,
    },
    /// The result of a save made in the background from the record as it was at change
    /// `seq`; changes made since stay unsaved.
    SavedUpTo {
        result: Result<(), String>,
        seq: u64,
    },
    PickerLoaded(Vec<PickerEntry>),
    Opened(Box<OpenedSession>),
    /// A crash left a recovery copy of the session just opened.
    RecoveryFound(Box<recovery::Recovery>),
    /// An effect failed; the message says what and where.
    Failed(String),
    /// What `Effect::Export` wrote.
    Exported(Vec<PathBuf>),
    /// `Effect::SaveAs` succeeded: this is the session's file from now on.
    SavedAs(PathBuf),
    /// Turn the open (read-only) session into a live view of its editor.
    Follow,
    /// A follower's new copy of the session file.
    Reloaded(Box<Session>),
    /// A follower could not read the changed session file; the last good state stays.
    ReloadFailed(String),
    /// Where the editor is, and whether they have left.
    EditorPresence {
        presence: Option<crate::store::Presence>,
        gone: bool,
    },
}

/// Work for the runtime: file and process operations `update` does not do itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Save {
        quitting: bool,
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
}

/// The closing texts of the report, edited on the summary screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conclusion {
    /// 做法及成效 in summary.
    Overview,
    /// 研究决策重大事项
    MajorMatters,
    /// 健全完善制度措施
    InstitutionalMeasures,
    /// 落实“人、财、物”保障
    ResourceGuarantees,
}

impl Conclusion {
    pub const ALL: [Conclusion; 4] = [
        Conclusion::Overview,
        Conclusion::MajorMatters,
        Conclusion::InstitutionalMeasures,
        Conclusion::ResourceGuarantees,
    ];

    pub fn get(self, c: &crate::model::Conclusions) -> &str {
        match self {
            Conclusion::Overview => &c.overview,
            Conclusion::MajorMatters => &c.major_matters,
            Conclusion::InstitutionalMeasures => &c.institutional_measures,
            Conclusion::ResourceGuarantees => &c.resource_guarantees,
        }
    }

    fn slot(self, c: &mut crate::model::Conclusions) -> &mut String {
        match self {
            Conclusion::Overview => &mut c.overview,
            Conclusion::MajorMatters => &mut c.major_matters,
            Conclusion::InstitutionalMeasures => &mut c.institutional_measures,
            Conclusion::ResourceGuarantees => &mut c.resource_guarantees,
        }
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Conclusion::Overview => t.conclusion_overview,
            Conclusion::MajorMatters => t.conclusion_major,
            Conclusion::InstitutionalMeasures => t.conclusion_measures,
            Conclusion::ResourceGuarantees => t.conclusion_resources,
        }
    }
}

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
    /// The text as the editor was given it (cleaned of controls). Leaving the field with this
    /// text unchanged writes nothing, so merely opening a field never rewrites what was stored.
    untouched: String,
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

/// Seconds after the last change before it is saved.
pub const AUTOSAVE_DELAY_SECS: i64 = 1;
/// Seconds after the last keystroke in a field before its text is put into the record.
pub const TYPING_IDLE_SECS: i64 = 2;
/// Seconds between retries after a failed save.
pub const RETRY_SECS: i64 = 5;

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

    // ----- quitting and saving -----------------------------------------------------------

    fn quit(&mut self) -> Effect {
        let Some(w) = &mut self.walk else {
            return Effect::Quit;
        };
        if w.editor.is_some() {
            // Keep what was typed even if it does not parse (a bad date stays in the editor
            // only): the rest of the record is saved.
            let _ = commit_editor(w, self.now, texts(self.lang));
        }
        if w.read_only || !w.save.dirty || self.quit_armed {
            return Effect::Quit;
        }
        Effect::Save { quitting: true }
    }

    fn on_tick(&mut self) -> Option<Effect> {
        let now = self.now;
        let t = texts(self.lang);
        let w = self.walk.as_mut()?;
        if w.read_only {
            return None;
        }
        if let Some(ed) = &w.editor {
            let idle = ed
                .last_input
                .is_some_and(|at| (now - at).num_seconds() >= TYPING_IDLE_SECS);
            if ed.pending && idle {
                // Text typed into a field reaches the file without leaving the field. A date
                // that does not parse yet stays in the editor.
                if let Some(ed) = &mut w.editor {
                    ed.pending = false;
                }
                let _ = put_editor_text(w, now, t);
            }
        }
        let s = &w.save;
        let due = match (&s.error, s.last_change, s.last_attempt) {
            (None, Some(changed), _) => (now - changed).num_seconds() >= AUTOSAVE_DELAY_SECS,
            (Some(_), _, Some(tried)) => (now - tried).num_seconds() >= RETRY_SECS,
            (Some(_), _, None) | (None, None, _) => true,
        };
        (s.dirty && due).then_some(Effect::Save { quitting: false })
    }

    fn on_saved(&mut self, result: Result<(), String>, quitting: bool) -> Option<Effect> {
        let now = self.now;
        let w = self.walk.as_mut()?;
        w.save.last_attempt = Some(now);
        match result {
            Ok(()) => {
                w.save.dirty = false;
                w.save.error = None;
                w.save.last_saved = Some(now);
                if quitting {
                    return Some(Effect::Quit);
                }
                if let Some(path) = self.remove_after_save.take() {
                    return Some(Effect::RemoveFile(path));
                }
            }
            Err(e) => {
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
    fn save_if_dirty(&self) -> Option<Effect> {
        let w = self.walk.as_ref()?;
        (w.save.dirty && !w.read_only).then_some(Effect::Save { quitting: false })
    }

    // ----- picker ------------------------------------------------------------------------

    fn update_picker(&mut self, action: &Action) -> Option<Effect> {
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

    fn open_new_form(&mut self) {
        self.form = Some(FormState::new_session(self.now));
        self.screen = Screen::Form;
    }

    // ----- form --------------------------------------------------------------------------

    fn update_form(&mut self, action: Action) -> Option<Effect> {
        let t = texts(self.lang);
        let form = self.form.as_mut()?;
        form.error = None;
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
            Action::Cmd(Command::FormCancel) => {
                let purpose = form.purpose;
                self.form = None;
                self.screen = if purpose == FormPurpose::Edit {
                    Screen::Walk
                } else {
                    Screen::Picker
                };
                if purpose == FormPurpose::New {
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
                if let Some(ta) = form.focused_input_mut() {
                    ta.insert_str(sanitize::clean_input(&s).replace('\n', " "));
                }
            }
            _ => {}
        }
        let _ = t;
        None
    }

    fn submit_form(&mut self) -> Option<Effect> {
        let t = texts(self.lang);
        let now = self.now;
        let form = self.form.as_mut()?;
        let (unit, meeting) = match form.values(t.form_need_unit) {
            Ok(v) => v,
            Err(e) => {
                form.error = Some(e);
                return None;
            }
        };
        match form.purpose {
            FormPurpose::New => {
                let session = Session::new(form.chosen_template().clone(), unit, meeting, now);
                Some(Effect::Create(Box::new(session)))
            }
            FormPurpose::Edit => {
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
                let meeting = crate::model::Meeting {
                    extra: std::mem::take(&mut w.session.meeting.extra),
                    ..meeting
                };
                let changed = w.session.unit != unit || w.session.meeting != meeting;
                w.session.unit = unit;
                w.session.meeting = meeting;
                if changed {
                    w.session.updated_at = now;
                    mark_changed(w, now);
                    return self.save_if_dirty();
                }
                None
            }
        }
    }

    /// A follower takes the editor's newly saved session, staying on the same check (or on the
    /// editor's, when following).
    fn on_reloaded(&mut self, session: Session) {
        let Some(w) = &mut self.walk else { return };
        if w.follow.is_none() {
            return;
        }
        let keep = w
            .current_check()
            .and_then(|p| w.check_id(p))
            .map(str::to_owned);
        w.index = CheckIndex::new(&session.template);
        w.tally = Tally::new(&session);
        w.tree = TreeView::new(&session);
        w.session = session;
        if let Some(f) = &mut w.follow {
            f.stale = None;
        }
        let editor_check = w
            .follow
            .as_ref()
            .filter(|f| f.following)
            .and_then(|f| f.editor.as_ref())
            .and_then(|p| p.check.clone());
        if let Some(pos) = editor_check.or(keep).and_then(|id| w.index.position(&id)) {
            w.tree.select_check(&w.session, pos);
        }
    }

    fn on_presence(&mut self, presence: Option<crate::store::Presence>, gone: bool) {
        let Some(w) = &mut self.walk else { return };
        let Some(f) = &mut w.follow else { return };
        f.editor_gone = gone || presence.as_ref().is_some_and(|p| p.left);
        let target = presence.as_ref().and_then(|p| p.check.clone());
        let following = f.following;
        f.editor = presence;
        if following && let Some(pos) = target.and_then(|id| w.index.position(&id)) {
            w.tree.select_check(&w.session, pos);
        }
    }

    /// Puts the recovery copy in place of the session read from the file; it is saved at once
    /// and the copy deleted only after that save succeeds.
    fn restore_recovery(&mut self) -> Option<Effect> {
        let r = self.recovery.take()?;
        let w = self.walk.as_mut()?;
        if w.read_only {
            self.error(texts(self.lang).msg_read_only_refused);
            return None;
        }
        w.index = CheckIndex::new(&r.session.template);
        w.tally = Tally::new(&r.session);
        w.tree = TreeView::new(&r.session);
        w.session = r.session;
        w.editor = None;
        w.focus = Focus::Tree;
        mark_changed(w, self.now);
        self.remove_after_save = Some(r.path);
        Some(Effect::Save { quitting: false })
    }

    fn on_opened(&mut self, opened: OpenedSession) {
        let OpenedSession {
            session,
            path,
            read_only,
            notice,
        } = opened;
        let tree = TreeView::new(&session);
        let walk = Walk {
            index: CheckIndex::new(&session.template),
            tally: Tally::new(&session),
            tree,
            session,
            path,
            read_only,
            focus: Focus::Tree,
            editor: None,
            prompt: None,
            projector: false,
            summary_scroll: 0,
            summary_focus: None,
            follow: None,
            save: SaveState::default(),
            opened_at: self.now,
        };
        self.walk = Some(walk);
        self.form = None;
        self.screen = Screen::Walk;
        self.quit_armed = false;
        if let Some(n) = notice {
            self.error(n);
        }
    }

    // ----- summary -----------------------------------------------------------------------

    fn update_summary(&mut self, action: &Action) -> Option<Effect> {
        let page = layout::body_rows(self.size).max(1);
        let t = texts(self.lang);
        let w = self.walk.as_mut()?;
        let step = |cur: Option<Conclusion>, delta: isize| -> Option<Conclusion> {
            let n = Conclusion::ALL.len();
            let i = cur.map_or(n, |c| {
                Conclusion::ALL.iter().position(|x| *x == c).unwrap_or(n)
            });
            // Positions 0..n are the texts, n is "none selected": Tab cycles through all.
            let j = (i + n + 1).saturating_add_signed(delta) % (n + 1);
            Conclusion::ALL.get(j).copied()
        };
        match action {
            Action::Cmd(Command::Summary) => self.screen = Screen::Walk,
            Action::Cmd(Command::FocusNext) => {
                w.summary_focus = step(w.summary_focus, 1);
                w.summary_scroll = 0;
            }
            Action::Cmd(Command::FocusPrev) => {
                w.summary_focus = step(w.summary_focus, -1);
                w.summary_scroll = 0;
            }
            Action::Cmd(Command::Edit) => {
                if w.read_only {
                    self.error(t.msg_read_only_refused);
                    return None;
                }
                let part = *w.summary_focus.get_or_insert(Conclusion::Overview);
                w.summary_scroll = 0;
                start_editing_target(w, EditTarget::Conclusion(part));
            }
            Action::Cmd(Command::MoveUp) => w.summary_scroll = w.summary_scroll.saturating_sub(1),
            Action::Cmd(Command::MoveDown) => w.summary_scroll += 1,
            Action::Cmd(Command::PageUp) => {
                w.summary_scroll = w.summary_scroll.saturating_sub(page);
            }
            Action::Cmd(Command::PageDown) => w.summary_scroll += page,
            _ => {}
        }
        None
    }

    // ----- walk-through ------------------------------------------------------------------

    fn update_walk(&mut self, action: Action) -> Option<Effect> {
        let t = texts(self.lang);
        let now = self.now;
        let page = layout::tree_rows(self.size).max(1);
        let w = self.walk.as_mut()?;

        if w.prompt.is_some() {
            return self.update_prompt(action);
        }
        if w.editor.is_some() {
            return self.update_editing(action);
        }
        let read_only_refusal = |app: &mut App| {
            app.error(t.msg_read_only_refused);
            None
        };
        match action {
            Action::SetStatus(choice) => {
                if w.read_only {
                    return read_only_refusal(self);
                }
                let Some(pos) = w.current_check() else {
                    self.error(t.msg_not_a_check);
                    return None;
                };
                let set = &w.session.template.answer_set;
                let idx = choice.filter(|i| *i < set.len())?;
                let label = set[idx].label_for(self.lang.is_en()).to_owned();
                set_status(w, pos, Some(idx), now);
                self.info(format!("{}{label}", t.msg_status_set));
                // A status is a decision of the room: on disk (and on a follower's screen) at once.
                self.save_if_dirty()
            }
            Action::Cmd(cmd) => self.walk_command(cmd, page),
            _ => None,
        }
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one arm per command keeps dispatch in one place"
    )]
    fn walk_command(&mut self, cmd: Command, page: usize) -> Option<Effect> {
        let t = texts(self.lang);
        let now = self.now;
        let w = self.walk.as_mut()?;
        let before = w.current_check();
        let modifying = matches!(
            cmd,
            Command::ClearStatus | Command::ToggleFlag | Command::Edit
        );
        if modifying && w.read_only {
            self.error(t.msg_read_only_refused);
            return None;
        }
        let on_tree = w.focus == Focus::Tree || w.projector;
        match cmd {
            Command::MoveUp if on_tree => w.tree.move_by(-1),
            Command::MoveDown if on_tree => w.tree.move_by(1),
            Command::PageUp if w.focus == Focus::Tree => {
                w.tree.move_by(-isize::try_from(page).unwrap_or(1));
            }
            Command::PageDown if w.focus == Focus::Tree => {
                w.tree.move_by(isize::try_from(page).unwrap_or(1));
            }
            Command::PageUp | Command::PrevCheck => step_check(w, -1),
            Command::PageDown | Command::NextCheck => step_check(w, 1),
            Command::First => w.tree.select_first(),
            Command::Last => w.tree.select_last(),
            Command::Collapse => w.tree.collapse(&w.session),
            Command::Expand if !w.tree.expand(&w.session) => {
                w.focus = Focus::Field(Field::Evidence);
            }
            Command::FocusNext | Command::MoveDown => {
                w.focus = match w.focus {
                    Focus::Tree if w.current_check().is_some() => Focus::Field(Field::ALL[0]),
                    Focus::Field(f) => next_field(f, 1).map_or(Focus::Rectification, Focus::Field),
                    Focus::Tree | Focus::Rectification => Focus::Tree,
                };
            }
            Command::FocusPrev | Command::MoveUp => {
                w.focus = match w.focus {
                    Focus::Tree if w.current_check().is_some() => Focus::Rectification,
                    Focus::Tree => Focus::Tree,
                    Focus::Field(f) => next_field(f, -1).map_or(Focus::Tree, Focus::Field),
                    Focus::Rectification => Focus::Field(Field::ALL[Field::ALL.len() - 1]),
                };
            }
            Command::FocusTree => w.focus = Focus::Tree,
            Command::Edit => {
                w.projector = false;
                match (w.tree.current(), w.focus) {
                    (Some(Row::Check(pos)), Focus::Field(f)) => start_editing(w, pos, f),
                    (Some(Row::Check(pos)), Focus::Rectification) => {
                        cycle_rectification(w, pos, now);
                        return self.save_if_dirty();
                    }
                    (Some(Row::Check(pos)), Focus::Tree) => {
                        w.focus = Focus::Field(Field::Evidence);
                        start_editing(w, pos, Field::Evidence);
                    }
                    (Some(_), _) => w.tree.toggle(&w.session),
                    (None, _) => {}
                }
            }
            Command::ClearStatus => {
                let Some(pos) = w.current_check() else {
                    self.error(t.msg_not_a_check);
                    return None;
                };
                set_status(w, pos, None, now);
                self.info(format!("{}{}", t.msg_status_set, t.not_checked));
                return self.save_if_dirty();
            }
            Command::ToggleFlag => {
                let Some(pos) = w.current_check() else {
                    self.error(t.msg_not_a_check);
                    return None;
                };
                let id = w.check_id(pos).unwrap_or_default().to_owned();
                if let Ok(on) = w.session.toggle_flag(&id, now) {
                    mark_changed(w, now);
                    self.info(if on { t.msg_flag_on } else { t.msg_flag_off });
                    return self.save_if_dirty();
                }
            }
            Command::NextUnanswered | Command::PrevUnanswered => {
                let forward = cmd == Command::NextUnanswered;
                match find_unanswered(w, forward) {
                    Some(pos) => w.tree.select_check(&w.session, pos),
                    None => self.info(t.msg_no_unanswered),
                }
            }
            Command::StartSearch => {
                let mut input = TextArea::default();
                if let Filter::Search(q) = &w.tree.filter {
                    input.insert_str(q);
                }
                w.prompt = Some(Prompt {
                    kind: PromptKind::Search,
                    input,
                });
            }
            Command::SaveAs => {
                if w.read_only {
                    self.error(t.msg_read_only_refused);
                    return None;
                }
                let stem = w
                    .path
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                let suggestion = w
                    .path
                    .with_file_name(format!("{stem}-{}.json", t.save_as_suffix));
                let mut input = TextArea::default();
                input.insert_str(suggestion.display().to_string());
                w.prompt = Some(Prompt {
                    kind: PromptKind::SaveAs,
                    input,
                });
            }
            Command::CycleFilter => {
                let next = match w.tree.filter {
                    Filter::All | Filter::Search(_) => Filter::Unanswered,
                    Filter::Unanswered => Filter::Flagged,
                    Filter::Flagged => Filter::All,
                };
                w.tree.set_filter(&w.session, next);
            }
            Command::ClearFilter => {
                if w.projector {
                    w.projector = false;
                } else if w.tree.filter != Filter::All {
                    w.tree.set_filter(&w.session, Filter::All);
                }
            }
            Command::Projector => {
                w.projector = !w.projector;
                if w.projector && w.current_check().is_none() {
                    step_check(w, 1);
                }
            }
            Command::Summary => {
                w.summary_scroll = 0;
                self.screen = Screen::Summary;
            }
            Command::ToggleFollow => {
                let Some(f) = &mut w.follow else {
                    self.error(t.msg_not_following);
                    return None;
                };
                f.following = !f.following;
                let target = f
                    .editor
                    .as_ref()
                    .filter(|_| f.following)
                    .and_then(|p| p.check.clone());
                let on = f.following;
                if let Some(pos) = target.and_then(|id| w.index.position(&id)) {
                    w.tree.select_check(&w.session, pos);
                }
                self.info(if on {
                    t.msg_follow_on
                } else {
                    t.msg_follow_off
                });
            }
            Command::MeetingDetails => {
                if w.read_only {
                    self.error(t.msg_read_only_refused);
                    return None;
                }
                self.form = Some(FormState::edit(&w.session));
                self.screen = Screen::Form;
            }
            Command::Save => {
                if w.read_only {
                    self.info(t.not_saved_read_only);
                    return None;
                }
                return Some(Effect::Save { quitting: false });
            }
            _ => {}
        }
        let w = self.walk.as_mut()?;
        if w.current_check() != before && w.current_check().is_some() {
            // A new check: its fields scroll from the top, and what changed is saved.
            if w.focus != Focus::Tree && w.current_check().is_none() {
                w.focus = Focus::Tree;
            }
            return self.save_if_dirty();
        }
        None
    }

    fn update_prompt(&mut self, action: Action) -> Option<Effect> {
        let w = self.walk.as_mut()?;
        let prompt = w.prompt.as_mut()?;
        let ta = &mut prompt.input;
        match action {
            Action::Cmd(Command::SearchCancel) => w.prompt = None,
            Action::Cmd(Command::SearchSubmit) if prompt.kind == PromptKind::SaveAs => {
                let path = ta.lines().join("").trim().to_owned();
                w.prompt = None;
                if path.is_empty() {
                    return None;
                }
                return Some(Effect::SaveAs(PathBuf::from(path)));
            }
            Action::Cmd(Command::SearchSubmit) => {
                let query = ta.lines().join(" ").trim().to_owned();
                w.prompt = None;
                let filter = if query.is_empty() {
                    Filter::All
                } else {
                    Filter::Search(query)
                };
                w.tree.set_filter(&w.session, filter);
                let n = w.tree.shown_checks;
                if w.tree.filter != Filter::All {
                    let t = texts(self.lang);
                    if n == 0 {
                        self.error(t.no_matches);
                    } else {
                        self.info(format!("{n} {}", t.matches));
                    }
                }
            }
            Action::Input(input) => {
                edit_one_line(ta, input);
            }
            Action::InsertText(s) | Action::Paste(s) => {
                ta.insert_str(sanitize::clean_input(&s).replace('\n', " "));
            }
            _ => {}
        }
        None
    }

    fn update_editing(&mut self, action: Action) -> Option<Effect> {
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
                return Some(Effect::Save { quitting: false });
            }
            Action::Cmd(Command::Undo) => {
                ed.area.undo();
                ed.pending = true;
                ed.last_input = Some(now);
            }
            Action::Cmd(Command::Redo) => {
                ed.area.redo();
                ed.pending = true;
                ed.last_input = Some(now);
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
                    ed.pending = true;
                    ed.last_input = Some(now);
                }
            }
            Action::InsertText(s) | Action::Paste(s) => {
                let mut s = sanitize::clean_input(&s);
                if single {
                    s = s.replace('\n', " ");
                }
                if ed.area.insert_str(s) {
                    ed.pending = true;
                    ed.last_input = Some(now);
                }
            }
            _ => {}
        }
        None
    }
}

fn mark_changed(w: &mut Walk, now: DateTime<FixedOffset>) {
    w.save.dirty = true;
    w.save.last_change = Some(now);
    w.save.change_seq += 1;
}

fn set_status(w: &mut Walk, pos: CheckPos, idx: Option<usize>, now: DateTime<FixedOffset>) {
    let Some(id) = w.check_id(pos).map(str::to_owned) else {
        return;
    };
    let old = w.status_index(pos);
    let new_id = idx
        .and_then(|i| w.session.template.answer_set.get(i))
        .map(|a| a.id.clone());
    if let Ok(true) = w.session.set_status(&id, new_id.as_deref(), now) {
        w.tally.apply(pos, old, idx);
        mark_changed(w, now);
    }
}

/// 整改进展 goes: not set, 未开始, 整改中, 已完成 (closed today), not set.
fn cycle_rectification(w: &mut Walk, pos: CheckPos, now: DateTime<FixedOffset>) {
    use crate::model::session::RectificationState as R;
    let Some(id) = w.check_id(pos).map(str::to_owned) else {
        return;
    };
    let current = w
        .session
        .answer(&id)
        .and_then(|a| a.rectification.as_ref())
        .map(|r| r.state);
    let next = match current {
        None => Some(R::NotStarted),
        Some(R::NotStarted) => Some(R::InProgress),
        Some(R::InProgress) => Some(R::Done),
        Some(R::Done) => None,
    };
    let extra = w
        .session
        .answer(&id)
        .and_then(|a| a.rectification.as_ref())
        .map(|r| r.extra.clone())
        .unwrap_or_default();
    let value = next.map(|state| crate::model::Rectification {
        state,
        closed_on: (state == R::Done).then(|| now.date_naive()),
        extra,
    });
    if w.session.set_rectification(&id, value, now).is_ok() {
        mark_changed(w, now);
    }
}

fn next_field(f: Field, delta: isize) -> Option<Field> {
    let i = Field::ALL.iter().position(|x| *x == f)?;
    let j = i.checked_add_signed(delta)?;
    Field::ALL.get(j).copied()
}

/// Moves to the next or previous check in reading order, whatever the tree shows.
fn step_check(w: &mut Walk, delta: isize) {
    let order = w.index.order();
    if order.is_empty() {
        return;
    }
    let target = if let Some(pos) = w.current_check() {
        let i = order.binary_search(&pos).unwrap_or(0);
        i.checked_add_signed(delta).filter(|j| *j < order.len())
    } else {
        // On a heading: the first check after it.
        let row = w.tree.current();
        let (s, i) = match row {
            Some(Row::Section(s)) => (s, 0),
            Some(Row::Item(s, i)) => (s, i),
            _ => (0, 0),
        };
        order.iter().position(|p| (p.section, p.item) >= (s, i))
    };
    if let Some(j) = target {
        w.tree.select_check(&w.session, order[j]);
    }
}

fn find_unanswered(w: &Walk, forward: bool) -> Option<CheckPos> {
    let order = w.index.order();
    let n = order.len();
    if n == 0 {
        return None;
    }
    let start = w.current_check().and_then(|p| order.binary_search(&p).ok());
    let unanswered = |p: &CheckPos| {
        w.check_id(*p)
            .is_some_and(|id| w.session.status(id).is_none())
    };
    (1..=n)
        .map(|k| match (start, forward) {
            (Some(s), true) => (s + k) % n,
            (Some(s), false) => (s + n - k % n) % n,
            (None, true) => k - 1,
            (None, false) => n - k,
        })
        .map(|i| order[i])
        .find(unanswered)
}

fn start_editing(w: &mut Walk, pos: CheckPos, field: Field) {
    start_editing_target(w, EditTarget::Answer { check: pos, field });
}

fn start_editing_target(w: &mut Walk, target: EditTarget) {
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
fn put_editor_text(w: &mut Walk, now: DateTime<FixedOffset>, t: &Texts) -> Result<(), String> {
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
                mark_changed(w, now);
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
            mark_changed(w, now);
            Ok(())
        }
        Ok(false) => Ok(()),
        Err(e) => Err(format!("{}: {e}", field_label(t, field))),
    }
}

/// Puts the editor's text into the record and closes the editor; a bad date keeps it open.
fn commit_editor(w: &mut Walk, now: DateTime<FixedOffset>, t: &Texts) -> Result<(), String> {
    put_editor_text(w, now, t)?;
    w.editor = None;
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
fn edit_text(ta: &mut TextArea<'static>, input: Input) -> bool {
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
fn edit_one_line(ta: &mut TextArea<'static>, input: Input) -> bool {
    use ratatui_textarea::Key;
    match input.key {
        Key::Enter | Key::Up | Key::Down | Key::PageUp | Key::PageDown => false,
        _ => edit_text(ta, input),
    }
}
