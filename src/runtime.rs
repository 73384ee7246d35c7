//! The runtime: the one module that touches the terminal. It sets the terminal up and restores
//! it (also on panic and on signals), reads events, turns them into actions through the keymap,
//! runs `App::update`, carries out the effects (files), and draws. The loop is generic over the
//! ratatui backend and the event source so tests can drive it without a terminal.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::Rect;

use crate::action::{Action, Effect, OpenedSession, PickerEntry};
use crate::app::{App, Screen};
use crate::keymap;
use crate::model::Progress;
use crate::store::{DataDir, Document, OpenMode, SessionLock, StoreError};
use crate::text::sanitize;
use crate::ui::{self, Look, Theme};

/// How the interface looks and where it finds its files; the command line fills this in.
#[derive(Debug, Clone)]
pub struct Options {
    /// Folder of session files; `None` for the user's data folder.
    pub data_dir: Option<PathBuf>,
    pub lang: crate::i18n::Lang,
    /// `None` chooses by `NO_COLOR`.
    pub theme: Option<ui::theme::ThemeName>,
    /// Borders and marks in ASCII only.
    pub ascii: bool,
    /// `--colors`; `None` judges by the terminal (`COLORTERM`, `TERM`, terminfo).
    pub colors: Option<ui::theme::ColorDepth>,
}

/// What the interface opens on.
#[derive(Debug, Clone)]
pub enum Start {
    Picker,
    Open(PathBuf, OpenMode),
    /// A live read-only view of someone else's editing.
    Follow(PathBuf),
}

/// The state shared between the loop and the signal and watchdog threads, so that whichever
/// notices the end first can save the record.
pub struct Shared {
    pub app: App,
    pub doc: Option<Document>,
    pub data_dir: Option<DataDir>,
    /// What the editor last published of where it is (check, field).
    published: Option<(Option<String>, Option<String>)>,
    /// Writes presence notes off the key path (a rename can wait on the file system's journal).
    presence_writer: Option<PresenceWriter>,
    /// A save running in the background: it holds the document until it is done, and covers
    /// the record up to this change number.
    saving: Option<(SaveThread, u64)>,
    /// The session file in pieces, as last handed to the disk (built on first save).
    image: ImageState,
    /// The journal holds changes the file does not: when to write the file whole.
    fold: Option<Fold>,
    /// What a follower last saw of the session and presence files.
    watched: Watched,
}

/// A background save: it gives the document back with where the change landed.
type SaveThread = std::thread::JoinHandle<(Document, Result<Landed, StoreError>)>;

/// Where a save's change landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Landed {
    /// Nothing had changed.
    Unchanged,
    /// In the file, written whole; no journal is left.
    Whole,
    /// In the journal; the file is written whole later.
    Journal,
    /// In the journal, but writing the file whole failed just now (a full disk, say): the
    /// change is saved, and the whole write is tried again later.
    JournalWholeFailed,
}

/// Writes one save: a large file's change goes to its journal first; then, given `text`, the
/// whole file. When the whole write fails but the journal holds everything the file lacks, the
/// change is saved all the same. Someone else's change to the file (a conflict) is never
/// hidden that way.
fn write_save(
    doc: &mut Document,
    record: Option<&[u8]>,
    text: Option<&crate::store::FileText>,
) -> Result<Landed, StoreError> {
    let large = is_large(doc);
    if let Some(r) = record.filter(|_| large) {
        doc.append_journal(r)?;
    }
    let Some(text) = text else {
        return Ok(if record.is_some() && large {
            Landed::Journal
        } else {
            Landed::Unchanged
        });
    };
    match doc.save_text(text) {
        Ok(()) => Ok(Landed::Whole),
        Err(e) if large && !matches!(e, StoreError::Conflict { .. }) => {
            Ok(Landed::JournalWholeFailed)
        }
        Err(e) => Err(e),
    }
}

/// Files under this size are written whole on every save (about 4 ms here); larger ones append
/// each change to the journal and are written whole when the changes pause.
const JOURNAL_ABOVE: u64 = 1024 * 1024;
/// A pause in changes this long has a large file written whole ...
const FOLD_AFTER_PAUSE: Duration = Duration::from_secs(1);
/// ... and so does a journal this old or this long, pause or not.
const FOLD_AT_LATEST: Duration = Duration::from_secs(10);
const FOLD_ABOVE_BYTES: u64 = 1024 * 1024;

/// Whether the document's file is large enough to be saved through its journal.
fn is_large(doc: &Document) -> bool {
    doc.fingerprint().map_or(0, crate::store::Fingerprint::size) >= JOURNAL_ABOVE
}

/// The session file's pieces.
#[derive(Default)]
enum ImageState {
    #[default]
    None,
    /// Being read from the file on another thread; `want` is set when a save waits for it.
    Building {
        thread: std::thread::JoinHandle<Option<crate::store::Image>>,
        want: bool,
    },
    Ready(Box<crate::store::Image>),
    /// The file could not give one (changed by someone else, unreadable): saves copy the
    /// record instead, as without a journal.
    Unavailable,
}

/// Changes in the journal that the file does not hold yet.
#[derive(Debug, Clone, Copy)]
struct Fold {
    first: Instant,
    last: Instant,
    /// After a failed attempt to write the file whole: not again before this.
    not_before: Option<Instant>,
}

/// How long a failed whole write of a large file waits before it is tried again (its changes
/// are in the journal meanwhile).
const FOLD_RETRY: Duration = Duration::from_secs(5);

impl Fold {
    /// A change went to the journal at `now`, after the ones of `pending` if any.
    fn after(pending: Option<Fold>, now: Instant, not_before: Option<Instant>) -> Self {
        Self {
            first: pending.map_or(now, |f| f.first),
            last: now,
            not_before,
        }
    }
}

/// File versions a follower has already taken in.
#[derive(Debug, Default)]
struct Watched {
    session: Option<crate::store::Stamp>,
    /// The journal beside a large session, which holds its newest changes.
    journal: Option<crate::store::Stamp>,
    presence: Option<crate::store::Stamp>,
    gone: bool,
}

impl Shared {
    pub fn new(app: App, doc: Option<Document>, data_dir: Option<DataDir>) -> Self {
        Self {
            app,
            doc,
            data_dir,
            published: None,
            presence_writer: None,
            saving: None,
            image: ImageState::None,
            fold: None,
            watched: Watched::default(),
        }
    }

    /// Makes `doc` the open document: what was known of the last one's file goes.
    fn set_doc(&mut self, doc: Document) {
        self.doc = Some(doc);
        self.forget_file();
    }

    /// The document now stands for another file: its image and pending journal are not this
    /// one's.
    fn forget_file(&mut self) {
        self.forget_image();
        self.fold = None;
    }

    fn forget_image(&mut self) {
        if let ImageState::Building { thread, .. } = std::mem::take(&mut self.image) {
            let _ = thread.join();
        }
    }
}

/// A thread that writes the newest presence note it is handed, skipping ones overtaken while it
/// was busy.
struct PresenceWriter {
    jobs: std::sync::mpsc::Sender<(PathBuf, crate::store::Presence)>,
    thread: std::thread::JoinHandle<()>,
}

impl PresenceWriter {
    fn start() -> Self {
        let (jobs, rx) = std::sync::mpsc::channel::<(PathBuf, crate::store::Presence)>();
        let thread = std::thread::spawn(move || {
            while let Ok(mut job) = rx.recv() {
                while let Ok(newer) = rx.try_recv() {
                    job = newer;
                }
                // Presence is a courtesy to followers: failing to write it never disturbs the
                // editor.
                let _ = crate::store::write_presence(&job.0, &job.1);
            }
        });
        Self { jobs, thread }
    }

    /// Hands over the last note and waits until it is written.
    fn finish(self, last: (PathBuf, crate::store::Presence)) {
        let _ = self.jobs.send(last);
        drop(self.jobs);
        let _ = self.thread.join();
    }
}

/// The editor tells followers where it is: the selected check and the field being typed into,
/// written beside the session whenever either changes (and once more, `left`, on the way out).
pub fn publish_presence(shared: &mut Shared, leaving: bool) {
    let (Some(doc), Some(w)) = (&shared.doc, &shared.app.walk) else {
        return;
    };
    if doc.is_read_only() {
        return;
    }
    let check = w
        .current_check()
        .and_then(|p| w.check_id(p))
        .map(str::to_owned);
    let field = w
        .editor
        .as_ref()
        .and_then(crate::app::Editor::answer_field)
        .map(|(_, f)| f.key().to_owned());
    let key = (check.clone(), field.clone());
    if !leaving && shared.published.as_ref() == Some(&key) {
        return;
    }
    let presence = crate::store::Presence {
        user: crate::store::current_user(),
        host: crate::store::host_name(),
        pid: std::process::id(),
        check,
        field,
        at: now().to_rfc3339(),
        left: leaving,
    };
    let job = (doc.path().to_owned(), presence);
    shared.published = Some(key);
    if leaving {
        match shared.presence_writer.take() {
            Some(writer) => writer.finish(job),
            None => {
                let _ = crate::store::write_presence(&job.0, &job.1);
            }
        }
        return;
    }
    let writer = shared
        .presence_writer
        .get_or_insert_with(PresenceWriter::start);
    let _ = writer.jobs.send(job);
}

/// A follower looks for a newer session file and a moved editor: two `stat` calls, and a read
/// only when something changed. Returns true when the screen needs drawing.
pub fn poll_followed(shared: &mut Shared) -> bool {
    let Some(path) = shared
        .app
        .walk
        .as_ref()
        .filter(|w| w.follow.is_some())
        .map(|w| w.path.clone())
    else {
        return false;
    };
    let mut changed = false;
    let now_session = crate::store::stamp(&path);
    let now_journal = crate::store::stamp(&crate::store::journal_path(&path));
    if now_session.is_some()
        && (now_session != shared.watched.session || now_journal != shared.watched.journal)
    {
        shared.watched.session = now_session;
        shared.watched.journal = now_journal;
        let action = match crate::store::load_session(&path) {
            Ok(s) => Action::Reloaded(Box::new(s)),
            Err(e) => Action::ReloadFailed(crate::i18n::store_error(&e, shared.app.lang)),
        };
        let _ = shared.app.update(action);
        changed = true;
    }
    let presence_path = crate::store::presence_path(&path);
    let now_presence = crate::store::stamp(&presence_path);
    let presence = if now_presence == shared.watched.presence {
        None
    } else {
        shared.watched.presence = now_presence;
        Some(crate::store::read_presence(&path))
    };
    let known = presence
        .clone()
        .flatten()
        .or_else(|| shared.app.walk.as_ref()?.follow.as_ref()?.editor.clone());
    let host = crate::store::host_name();
    let gone = known
        .as_ref()
        .is_some_and(|p| p.left || crate::store::editor_alive(p, &host) == Some(false));
    if presence.is_some() || gone != shared.watched.gone {
        shared.watched.gone = gone;
        let _ = shared.app.update(Action::EditorPresence {
            presence: known,
            gone,
        });
        changed = true;
    }
    changed
}

/// Where events come from: the terminal, or a script in tests.
pub trait EventSource {
    /// The next event, or `None` when `timeout` passes without one.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
}

/// Events from the real terminal.
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if event::poll(timeout)? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    }
}

/// The time now, with the local offset.
pub fn now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // A panic while holding the lock leaves the data intact; carry on with it.
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Starts saving the record in the background, so typing does not wait for the disk. The
/// session is compared with its image (the file in pieces as last saved): a small file is then
/// written whole, a large one gets the change appended to its journal (and is written whole
/// when changes pause, see [`fold_due`]). The document goes with the thread and comes back with
/// the result. Until the image exists (it is read from the file on another thread at the first
/// save), or when it cannot, the record is copied and written whole.
fn start_background_save(shared: &mut Shared, whole: bool) -> Option<Action> {
    let w = shared.app.walk.as_ref()?;
    if let Some(doc) = &shared.doc
        && doc.is_read_only()
    {
        return Some(Action::Saved {
            result: Err(crate::i18n::store_error(
                &StoreError::ReadOnly {
                    path: w.path.clone(),
                },
                shared.app.lang,
            )),
            quitting: false,
        });
    }
    if !image_ready(shared) {
        return journal_without_image(shared, whole);
    }
    let w = shared.app.walk.as_mut()?;
    let doc = shared.doc.take()?;
    let seq = w.save.change_seq;
    let handle = match &mut shared.image {
        ImageState::Ready(image) if !doc.in_conflict() => {
            let record = image.update(&mut w.session);
            let whole = whole || !is_large(&doc) || doc.journal_len() > FOLD_ABOVE_BYTES;
            // The whole text is joined on the thread; here its pieces are only counted out.
            let text = whole.then(|| image.text(&w.session));
            std::thread::spawn(move || {
                let mut doc = doc;
                let result = write_save(&mut doc, record.as_deref(), text.as_ref());
                (doc, result)
            })
        }
        _ => {
            // A copy of the record goes with the thread.
            let session = w.session.clone();
            std::thread::spawn(move || {
                let mut doc = doc;
                let result = doc.save(&session).map(|()| Landed::Whole);
                (doc, result)
            })
        }
    };
    shared.saving = Some((handle, seq));
    None
}

/// While the image of a large file is still being read (the first save after opening), the
/// session's own list of changed answers is enough for a journal record: the change is saved as
/// quickly as later ones. Otherwise (a small file, a list that is not known) the save waits for
/// the image.
fn journal_without_image(shared: &mut Shared, whole: bool) -> Option<Action> {
    let w = shared.app.walk.as_mut()?;
    let doc = shared.doc.as_ref()?;
    let crate::model::session::Changes::Answers(ids) = w.session.changes() else {
        return None;
    };
    if whole || doc.in_conflict() || !is_large(doc) {
        return None;
    }
    let record = crate::store::record_of(&w.session, ids);
    w.session.take_changes();
    if let ImageState::Building { want, .. } = &mut shared.image {
        *want = false;
    }
    let seq = w.save.change_seq;
    let doc = shared.doc.take()?;
    let handle = std::thread::spawn(move || {
        let mut doc = doc;
        let result = doc.append_journal(&record).map(|()| Landed::Journal);
        (doc, result)
    });
    shared.saving = Some((handle, seq));
    None
}

/// The session in the interface is the file as opened or created: from here on, its list of
/// changed answers says how it differs from the file.
fn session_is_the_file(shared: &mut Shared) {
    if let Some(w) = shared.app.walk.as_mut() {
        w.session.take_changes();
    }
}

/// Whether a save can start: the image is there or cannot be had. The first call starts
/// reading it; a call while it is being read marks the save as waiting for it.
fn image_ready(shared: &mut Shared) -> bool {
    match &mut shared.image {
        ImageState::Ready(_) | ImageState::Unavailable => true,
        ImageState::Building { thread, want } => {
            if !thread.is_finished() {
                *want = true;
                return false;
            }
            take_image(shared);
            true
        }
        ImageState::None => {
            let Some(doc) = &shared.doc else {
                return false;
            };
            let (path, known) = (doc.path().to_owned(), doc.fingerprint().cloned());
            let thread = std::thread::spawn(move || {
                known.and_then(|known| crate::store::Image::read(&path, &known))
            });
            shared.image = ImageState::Building { thread, want: true };
            false
        }
    }
}

/// Takes in the image read on another thread (waiting for it). Returns whether a save was
/// waiting for it.
fn take_image(shared: &mut Shared) -> bool {
    let ImageState::Building { thread, want } = std::mem::take(&mut shared.image) else {
        return false;
    };
    shared.image = match thread.join() {
        Ok(Some(image)) => ImageState::Ready(Box::new(image)),
        _ => ImageState::Unavailable,
    };
    want
}

/// Whether the journal's changes are due to be written into the file.
fn fold_due(shared: &Shared, now: Instant) -> bool {
    shared.saving.is_none()
        && shared.fold.is_some_and(|f| {
            f.not_before.is_none_or(|t| now >= t)
                && (now.duration_since(f.last) >= FOLD_AFTER_PAUSE
                    || now.duration_since(f.first) >= FOLD_AT_LATEST)
        })
}

/// Takes in a finished background save (or, with `wait`, waits for it): the document comes
/// back and the app learns the result. Returns whether a save was taken in.
fn collect_background_save(shared: &mut Shared, wait: bool) -> bool {
    let Some((handle, seq)) = shared.saving.take() else {
        return false;
    };
    if !wait && !handle.is_finished() {
        shared.saving = Some((handle, seq));
        return false;
    }
    let result = if let Ok((doc, result)) = handle.join() {
        shared.doc = Some(doc);
        match &result {
            Ok(landed) => landed_at(shared, *landed),
            Err(_) => save_failed(shared),
        }
        result
            .map(|_| ())
            .map_err(|e| crate::i18n::store_error(&e, shared.app.lang))
    } else {
        save_failed(shared);
        {
            // The saving thread died with the document: take the session up again.
            let reopened = shared
                .app
                .walk
                .as_ref()
                .map(|w| Document::open(&w.path, OpenMode::Edit));
            let message = match reopened {
                Some(Ok((doc, _))) => {
                    shared.doc = Some(doc);
                    crate::i18n::texts(shared.app.lang)
                        .msg_save_interrupted_retry
                        .to_owned()
                }
                Some(Err(e)) => crate::i18n::store_error(&e, shared.app.lang),
                None => crate::i18n::texts(shared.app.lang)
                    .msg_save_interrupted
                    .to_owned(),
            };
            Err(message)
        }
    };
    dispatch(shared, Action::SavedUpTo { result, seq });
    true
}

/// What a save that succeeded leaves to do: a journal to fold into the file when changes
/// pause, or (after a whole write that failed) a while later.
fn landed_at(shared: &mut Shared, landed: Landed) {
    let now = Instant::now();
    match landed {
        Landed::Unchanged => {}
        Landed::Whole => shared.fold = None,
        Landed::Journal => shared.fold = Some(Fold::after(shared.fold, now, None)),
        Landed::JournalWholeFailed => {
            shared.fold = Some(Fold::after(shared.fold, now, Some(now + FOLD_RETRY)));
        }
    }
}

/// After a save that failed: the image and the session's list of changes both took in what
/// did not reach the disk, so both start over (the image is read again from the file and the
/// next save compares everything); and a whole write of a large file waits a while before it is
/// tried again.
fn save_failed(shared: &mut Shared) {
    shared.forget_image();
    if let Some(w) = shared.app.walk.as_mut() {
        w.session.forget_changes();
    }
    if let Some(f) = &mut shared.fold {
        f.not_before = Some(Instant::now() + FOLD_RETRY);
    }
}

/// Saves the record whole now, waiting for it: on the way out, and before the document is
/// replaced. Also writes a file whose journal holds changes it does not.
fn save_now(shared: &mut Shared) -> Result<(), StoreError> {
    finish_background_save(shared);
    if let ImageState::Building { .. } = shared.image {
        take_image(shared);
    }
    let (Some(doc), Some(w)) = (&mut shared.doc, &mut shared.app.walk) else {
        return Ok(());
    };
    let result = match &mut shared.image {
        ImageState::Ready(image) if !doc.in_conflict() => {
            let record = image.update(&mut w.session);
            write_save(doc, record.as_deref(), Some(&image.text(&w.session)))
        }
        _ => doc.save(&w.session).map(|()| Landed::Whole),
    };
    match result {
        Ok(landed) => {
            landed_at(shared, landed);
            Ok(())
        }
        Err(e) => {
            save_failed(shared);
            Err(e)
        }
    }
}

/// On the way out: the journal's changes go into the file.
fn fold_journal(shared: &mut Shared) {
    finish_background_save(shared);
    if shared.fold.is_some() || shared.doc.as_ref().is_some_and(|d| d.journal_len() > 0) {
        let _ = save_now(shared);
    }
}

/// Waits for a background save before anything else touches the document.
fn finish_background_save(shared: &mut Shared) {
    collect_background_save(shared, true);
}

/// Carries out one effect, returning the action that reports its result.
#[expect(clippy::too_many_lines, reason = "one arm per effect, each short")]
pub fn perform(shared: &mut Shared, effect: Effect) -> Option<Action> {
    match effect {
        Effect::Save { quitting: false } if shared.saving.is_none() => {
            start_background_save(shared, false)
        }
        // One save at a time: the one running reports back, and what changed since stays
        // unsaved until the next.
        Effect::Quit | Effect::Save { quitting: false } => None,
        Effect::SaveAs(path) => {
            finish_background_save(shared);
            match (&mut shared.doc, &shared.app.walk) {
                (Some(doc), Some(w)) => match doc.save_as(&path, &w.session) {
                    Ok(()) => {
                        shared.forget_file();
                        Some(Action::SavedAs(path))
                    }
                    Err(e) => Some(Action::Failed(crate::i18n::store_error(
                        &e,
                        shared.app.lang,
                    ))),
                },
                _ => None,
            }
        }
        Effect::Export => Some(match &shared.app.walk {
            Some(w) => match export_beside(&w.path, &w.session, shared.app.lang) {
                Ok(paths) => Action::Exported(paths),
                Err(e) => Action::Failed(e),
            },
            None => Action::Failed(
                crate::i18n::texts(shared.app.lang)
                    .msg_no_session_open
                    .to_owned(),
            ),
        }),
        Effect::RemoveFile(path) => match std::fs::remove_file(&path) {
            Ok(()) => None,
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => Some(Action::Failed(crate::i18n::store_error(
                &StoreError::io(&path, e),
                shared.app.lang,
            ))),
        },

        Effect::Save { quitting } => {
            let result =
                save_now(shared).map_err(|e| crate::i18n::store_error(&e, shared.app.lang));
            Some(Action::Saved { result, quitting })
        }
        Effect::LoadPicker => Some(Action::PickerLoaded(load_picker(
            shared.data_dir.as_ref(),
            shared.app.lang,
        ))),
        Effect::Open {
            path,
            read_only,
            follow,
        } => {
            fold_journal(shared);
            let mode = if read_only {
                OpenMode::ReadOnly
            } else {
                OpenMode::Edit
            };
            match open_document(&path, mode, shared.app.t()) {
                Ok((doc, opened)) => {
                    let recovery = find_recovery(&doc, &opened.session, shared.app.t());
                    shared.set_doc(doc);
                    shared.watched = Watched::default();
                    let _ = shared.app.update(Action::Opened(Box::new(opened)));
                    session_is_the_file(shared);
                    if follow {
                        let _ = shared.app.update(Action::Follow);
                        poll_followed(shared);
                    }
                    recovery.map(|r| Action::RecoveryFound(Box::new(r)))
                }
                Err(e) => Some(Action::Failed(crate::i18n::store_error(
                    &e,
                    shared.app.lang,
                ))),
            }
        }
        Effect::Create(session) => {
            fold_journal(shared);
            let Some(dir) = &shared.data_dir else {
                return Some(Action::Failed(
                    crate::i18n::texts(shared.app.lang)
                        .msg_no_data_folder
                        .to_owned(),
                ));
            };
            if let Err(e) = dir.ensure() {
                return Some(Action::Failed(crate::i18n::store_error(
                    &e,
                    shared.app.lang,
                )));
            }
            let path = dir.new_session_path(&session);
            match Document::create(&path, &session) {
                Ok(doc) => {
                    shared.set_doc(doc);
                    Some(Action::Opened(Box::new(OpenedSession {
                        session: *session,
                        path,
                        read_only: false,
                        notice: None,
                    })))
                }
                Err(e) => Some(Action::Failed(crate::i18n::store_error(
                    &e,
                    shared.app.lang,
                ))),
            }
        }
    }
}

/// Opens a session for editing; if someone else holds it, read-only with a notice naming them.
pub fn open_document(
    path: &Path,
    mode: OpenMode,
    t: &crate::i18n::Texts,
) -> Result<(Document, OpenedSession), StoreError> {
    let (doc, session, notice) = match Document::open(path, mode) {
        Ok((doc, session)) => (doc, session, None),
        Err(StoreError::Locked { holder, .. }) => {
            let (doc, session) = Document::open(path, OpenMode::ReadOnly)?;
            (
                doc,
                session,
                Some(format!(
                    "{}{}",
                    t.msg_locked_open_read_only,
                    crate::i18n::lock_holder(&holder, t.lang)
                )),
            )
        }
        // A folder one may read but not write (read-only mount, another user's folder): the
        // session can still be looked at.
        Err(StoreError::Io { source, .. })
            if matches!(
                source.kind(),
                io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
            ) =>
        {
            let (doc, session) = Document::open(path, OpenMode::ReadOnly)?;
            (
                doc,
                session,
                Some(format!("{}{source}", t.msg_cannot_write_open_read_only)),
            )
        }
        Err(e) => return Err(e),
    };
    let opened = OpenedSession {
        session,
        path: path.to_owned(),
        read_only: doc.is_read_only(),
        notice,
    };
    Ok((doc, opened))
}

/// Writes the 对照检查报告 (md, docx), the workbook (对照检查表 and 整改台账) and the ledger as
/// CSV beside the session file, named after it.
pub fn export_beside(
    session_path: &Path,
    session: &crate::model::Session,
    lang: crate::i18n::Lang,
) -> Result<Vec<PathBuf>, String> {
    use crate::export::{docx, ledger, markdown, xlsx};
    let stem = session_path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let at = |suffix: &str| session_path.with_file_name(format!("{stem}.{suffix}"));
    let report_md = markdown::render(session).into_bytes();
    let told = |e: crate::export::BuildError| {
        crate::i18n::export_error(&crate::export::ExportError::build(session_path, e), lang)
    };
    let report_docx = docx::render(session).map_err(told)?;
    let workbook = xlsx::render(session).map_err(told)?;
    let ledger_csv = ledger::render_csv(session).map_err(told)?.into_bytes();
    let outputs = [
        (at("对照检查报告.md"), report_md),
        (at("对照检查报告.docx"), report_docx),
        (at("对照检查表.xlsx"), workbook),
        (at("整改台账.csv"), ledger_csv),
    ];
    let mut written = Vec::new();
    for (path, bytes) in outputs {
        crate::store::write_new_file(&path, &bytes)
            .map_err(|e| crate::i18n::store_error(&e, lang))?;
        written.push(path);
    }
    Ok(written)
}

/// The recovery file of a session file.
pub fn recovery_path(session: &Path) -> PathBuf {
    crate::store::sibling(session, ".recovery")
}

/// A recovery copy beside a session opened for editing, if it holds something the file does
/// not: the copy written after a crash (`NAME.json.recovery`), or a journal that did not
/// continue the file and was set aside when it was opened (`NAME.json.journal-STAMP`, applied
/// to the session as it is). One that matches the file, or that cannot be read, is not offered;
/// a matching recovery copy is removed.
pub fn find_recovery(
    doc: &Document,
    session: &crate::model::Session,
    t: &crate::i18n::Texts,
) -> Option<crate::action::Recovery> {
    if doc.is_read_only() {
        return None;
    }
    let offer = |path: PathBuf, copy: crate::model::Session| {
        let differences = crate::app::recovery::differences(session, &copy, t);
        (!differences.is_empty()).then(|| crate::action::Recovery {
            session: copy,
            path,
            differences,
        })
    };
    let path = recovery_path(doc.path());
    if let Ok(copy) = crate::store::load_session(&path) {
        match offer(path.clone(), copy) {
            Some(r) => return Some(r),
            None => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    crate::store::set_aside_journals(doc.path())
        .into_iter()
        .find_map(|(path, journal)| offer(path, journal.apply_to(session).ok()?))
}

/// The picker's rows: every session file in the folder, with who holds it.
pub fn load_picker(dir: Option<&DataDir>, lang: crate::i18n::Lang) -> Vec<PickerEntry> {
    let Some(dir) = dir else { return Vec::new() };
    let Ok(entries) = dir.list() else {
        return Vec::new();
    };
    entries
        .into_iter()
        .map(|e| match e {
            Ok(e) => PickerEntry {
                locked_by: SessionLock::holder(&e.path).map(|h| crate::i18n::lock_holder(&h, lang)),
                unit: e.session.unit.name.clone(),
                title: e.session.meeting.title.clone(),
                date: e
                    .session
                    .meeting
                    .date
                    .map_or_else(|| "----------".into(), |d| d.format("%Y-%m-%d").to_string()),
                template: e.session.template.title.clone(),
                answered: e.progress.answered,
                total: e.progress.total,
                path: e.path,
                error: None,
            },
            Err(err) => {
                PickerEntry::unreadable(err.path().to_owned(), crate::i18n::store_error(&err, lang))
            }
        })
        .collect()
}

/// Feeds one action through `update` and every effect that follows. Returns false to quit.
pub fn dispatch(shared: &mut Shared, action: Action) -> bool {
    let mut next = Some(action);
    while let Some(a) = next.take() {
        match shared.app.update(a) {
            None => {}
            Some(Effect::Quit) => return false,
            Some(effect) => next = perform(shared, effect),
        }
    }
    true
}

/// Feeds a batch of terminal events through the keymap and `update`. The keymap context is
/// read afresh for every key (Enter may have opened an editor), and a run of plain characters
/// typed into text (an input method committing a phrase) becomes one insert: one undo step.
/// On the walk-through a run of characters is read as a whole by [`keymap::burst_text`]: a
/// phrase is text for the selected field, never a string of commands. Returns false to quit.
pub fn feed(shared: &mut Shared, events: Vec<Event>) -> bool {
    let mut burst = String::new();
    let mut run: Vec<KeyEvent> = Vec::new();
    let mut run_ctx = None;
    for ev in events {
        let ctx = shared.app.context();
        if let Event::Key(k) = &ev
            && keymap::is_plain_char(k)
        {
            if ctx.takes_text() && keymap::lookup(ctx, k).is_none() {
                if let KeyCode::Char(c) = k.code {
                    burst.push(c);
                }
                continue;
            }
            if keymap::reads_typing(ctx) {
                run_ctx = Some(ctx);
                run.push(*k);
                continue;
            }
        }
        if !flush_run(shared, &mut run, &mut run_ctx) {
            return false;
        }
        if !burst.is_empty() && !dispatch(shared, Action::InsertText(std::mem::take(&mut burst))) {
            return false;
        }
        let ctx = shared.app.context();
        let action = match ev {
            Event::Key(k) => keymap::dispatch(ctx, &k),
            Event::Paste(s) => Some(Action::Paste(s)),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            _ => None,
        };
        if let Some(a) = action
            && !dispatch(shared, a)
        {
            return false;
        }
    }
    flush_run(shared, &mut run, &mut run_ctx)
        && (burst.is_empty() || dispatch(shared, Action::InsertText(burst)))
}

/// Sends a run of characters gathered on the walk-through: as one text when it is text, else
/// key by key (each read in the context the previous one left).
fn flush_run(
    shared: &mut Shared,
    run: &mut Vec<KeyEvent>,
    run_ctx: &mut Option<keymap::Ctx>,
) -> bool {
    let Some(ctx) = run_ctx.take() else {
        return true;
    };
    let keys = std::mem::take(run);
    if let Some(text) = keymap::burst_text(ctx, &keys) {
        return dispatch(shared, Action::InsertText(text));
    }
    for k in keys {
        let ctx = shared.app.context();
        if let Some(a) = keymap::dispatch(ctx, &k)
            && !dispatch(shared, a)
        {
            return false;
        }
    }
    true
}

/// Runs the interface until it quits. Draws only after a change, and once a second for the
/// meeting clock.
pub fn run_loop<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    events: &mut E,
    shared: &Mutex<Shared>,
    look: &Look,
    clock: &dyn Fn() -> DateTime<FixedOffset>,
) -> io::Result<()> {
    let mut dirty_screen = true;
    // Followers learn at once that someone is editing, and where.
    publish_presence(&mut lock(shared), false);
    let mut last_second = clock().timestamp();
    let mut last_tick = Instant::now();
    loop {
        if dirty_screen {
            let guard = lock(shared);
            terminal
                .draw(|f| ui::draw(f, &guard.app, look))
                .map_err(|e| io::Error::other(e.to_string()))?;
            dirty_screen = false;
        }
        // While a save runs in the background, look for its end often. With nothing pending,
        // wake only when the meeting clock's second turns.
        let (busy, idle) = {
            let guard = lock(shared);
            let busy = guard.saving.is_some() || matches!(guard.image, ImageState::Building { .. });
            (busy, !busy && nothing_pending(&guard))
        };
        let wait = if busy {
            Duration::from_millis(2)
        } else if idle {
            until_next_second(clock())
        } else {
            Duration::from_millis(250).saturating_sub(last_tick.elapsed())
        };
        let first = events.next(wait)?;
        let mut batch = Vec::new();
        if let Some(ev) = first {
            batch.push(ev);
            // Drain what has already arrived (an input method's burst, a paste, key repeat).
            while batch.len() < 4096 {
                match events.next(Duration::ZERO)? {
                    Some(ev) => batch.push(ev),
                    None => break,
                }
            }
        }
        let mut guard = lock(shared);
        let now = clock();
        if busy && collect_background_save(&mut guard, false) {
            dirty_screen = true;
        }
        if let ImageState::Building { thread, .. } = &guard.image
            && thread.is_finished()
            && take_image(&mut guard)
        {
            // A save waited for the image.
            let _ = start_background_save(&mut guard, false);
        }
        if !batch.is_empty() {
            if !dispatch(&mut guard, Action::Tick(now)) || !feed(&mut guard, batch) {
                publish_presence(&mut guard, true);
                return Ok(());
            }
            publish_presence(&mut guard, false);
            dirty_screen = true;
        }
        if last_tick.elapsed() >= Duration::from_millis(250) || now.timestamp() != last_second {
            last_tick = Instant::now();
            let before = guard.app.walk.as_ref().map(|w| w.save.clone());
            if !dispatch(&mut guard, Action::Tick(now)) {
                publish_presence(&mut guard, true);
                return Ok(());
            }
            if poll_followed(&mut guard) {
                dirty_screen = true;
            }
            if fold_due(&guard, Instant::now()) {
                let _ = start_background_save(&mut guard, true);
            }
            let after = guard.app.walk.as_ref().map(|w| w.save.clone());
            let shows_clock = guard.app.walk.is_some()
                && matches!(guard.app.screen, Screen::Walk | Screen::Summary);
            if before != after || (shows_clock && now.timestamp() != last_second) {
                dirty_screen = true;
            }
            last_second = now.timestamp();
        }
    }
}

/// Whether the loop may sleep until the clock's next second: nothing being saved or due to be,
/// no text waiting in an editor, nobody followed.
fn nothing_pending(shared: &Shared) -> bool {
    shared.fold.is_none()
        && shared.app.walk.as_ref().is_none_or(|w| {
            w.follow.is_none() && !w.save.dirty && w.editor.as_ref().is_none_or(|e| !e.pending)
        })
}

/// From `now` to just after the next whole second.
fn until_next_second(now: DateTime<FixedOffset>) -> Duration {
    let into = Duration::from_nanos(u64::from(now.timestamp_subsec_nanos()));
    Duration::from_secs(1).saturating_sub(into) + Duration::from_millis(2)
}

/// Puts the terminal back: raw mode off, main screen, cursor shown, bracketed paste off.
pub fn restore_terminal() {
    let mut out = io::stdout();
    let _ = crossterm::execute!(
        out,
        event::DisableBracketedPaste,
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = out.flush();
}

fn setup_terminal() -> io::Result<Terminal<ui::backend::TtyBackend<io::Stdout>>> {
    crossterm::terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    crossterm::execute!(
        out,
        crossterm::terminal::EnterAlternateScreen,
        event::EnableBracketedPaste
    )?;
    // Our backend writes about a third of the bytes on Chinese text (BENCHMARKS.md); it asks
    // the terminal once how wide 中 and ─ are before trusting those widths.
    let mut backend = ui::backend::TtyBackend::new(out);
    backend.probe_widths();
    Terminal::new(backend)
}

/// Saves what can be saved on the way out of an emergency (signal, hang-up): the text in an
/// open editor is put into the record first.
pub fn emergency_save(shared: &mut Shared) {
    finish_background_save(shared);
    let _ = shared.app.update(Action::Tick(now()));
    if let Some(w) = &mut shared.app.walk
        && w.editor.is_some()
    {
        // Leaving the field puts its text into the record (a bad date is left out).
        let _ = shared
            .app
            .update(Action::Cmd(crate::action::Command::FinishEdit));
    }
    publish_presence(shared, true);
    if shared
        .app
        .walk
        .as_ref()
        .is_some_and(|w| w.save.dirty && !w.read_only)
    {
        let _ = save_now(shared);
    } else {
        fold_journal(shared);
    }
}

/// Warns (before the screen is taken over) when the locale is not UTF-8, as with older `PuTTY`
/// and Xshell sessions set to GBK.
fn warn_if_not_utf8(lang: crate::i18n::Lang) {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_default();
    let upper = locale.to_uppercase();
    if !(locale.is_empty() || upper.contains("UTF-8") || upper.contains("UTF8")) {
        let msg = if lang.is_en() {
            format!(
                "selfcheck: the locale is {locale}, not UTF-8; Chinese text may show wrongly. Set the terminal to UTF-8 and run: export LANG=C.UTF-8"
            )
        } else {
            format!(
                "selfcheck: locale {locale} is not UTF-8 (Chinese may be garbled). Set the terminal to UTF-8, then: export LANG=zh_CN.UTF-8"
            )
        };
        let _ = writeln!(io::stderr(), "{}", sanitize::one_line(&msg));
        std::thread::sleep(Duration::from_millis(1500));
    }
}

fn install_signal_handlers(shared: &Arc<Mutex<Shared>>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])
    else {
        return;
    };
    let shared = Arc::clone(shared);
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            // The lock is held until the process ends, so the loop cannot draw again onto the
            // restored screen.
            let mut guard = lock(&shared);
            emergency_save(&mut guard);
            restore_terminal();
            std::process::exit(128 + sig);
        }
    });
}

/// Watches for the terminal going away when no hang-up signal arrives (SIGHUP ignored, as
/// under nohup): a hung-up terminal stops answering as a terminal. crossterm's event loop would
/// spin on the dead terminal instead of noticing, so this thread saves and ends the process.
fn install_tty_watchdog(shared: &Arc<Mutex<Shared>>) {
    use std::io::IsTerminal;
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        return;
    }
    let shared = Arc::clone(shared);
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(500));
            if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
                let mut guard = lock(&shared);
                emergency_save(&mut guard);
                std::process::exit(129);
            }
        }
    });
}

/// Starts the interface.
pub fn start(options: &Options, start: &Start) -> Result<ExitCode, String> {
    crossterm::style::force_color_output(true);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let look = Look {
        theme: Theme::choose_for(
            options.theme,
            no_color,
            options.colors,
            &ui::theme::ColorEnv::from_process(),
        ),
        ascii: options.ascii,
    };
    let data_dir = DataDir::resolve(options.data_dir.as_deref()).ok();
    let t = crate::i18n::texts(options.lang);
    let mut app = App::new(options.lang, now(), Rect::new(0, 0, 80, 24));
    let mut doc = None;
    match start {
        Start::Open(path, mode) => {
            let (d, opened) = open_document(path, *mode, t)
                .map_err(|e| crate::i18n::store_error(&e, options.lang))?;
            let recovery = find_recovery(&d, &opened.session, t);
            doc = Some(d);
            app.update(Action::Opened(Box::new(opened)));
            if let Some(r) = recovery {
                app.update(Action::RecoveryFound(Box::new(r)));
            }
        }
        Start::Follow(path) => {
            let (d, opened) = open_document(path, OpenMode::ReadOnly, t)
                .map_err(|e| crate::i18n::store_error(&e, options.lang))?;
            doc = Some(d);
            app.update(Action::Opened(Box::new(opened)));
            app.update(Action::Follow);
        }
        Start::Picker => {
            app.update(Action::PickerLoaded(load_picker(
                data_dir.as_ref(),
                options.lang,
            )));
        }
    }
    warn_if_not_utf8(options.lang);
    let mut shared = Shared::new(app, doc, data_dir);
    if matches!(start, Start::Open(..)) {
        session_is_the_file(&mut shared);
    }
    poll_followed(&mut shared);
    let shared = Arc::new(Mutex::new(shared));
    let mut terminal = match setup_terminal() {
        Ok(mut t) => {
            // A 16-colour terminal is sent the classic colour codes, not palette indices.
            t.backend_mut()
                .set_ansi16(look.theme.depth == ui::theme::ColorDepth::Ansi16);
            t
        }
        Err(e) => {
            restore_terminal();
            return Err(format!(
                "{}{}",
                t.msg_terminal_unusable,
                crate::i18n::io_error(&e, options.lang)
            ));
        }
    };
    install_panic_hook(&shared);
    install_signal_handlers(&shared);
    install_tty_watchdog(&shared);
    if let Ok(size) = terminal.size() {
        lock(&shared)
            .app
            .update(Action::Resize(size.width, size.height));
    }
    let result = run_loop(&mut terminal, &mut TerminalEvents, &shared, &look, &now);
    restore_terminal();
    let mut guard = lock(&shared);
    fold_journal(&mut guard);
    if let Err(e) = result {
        return Err(format!(
            "{}{}",
            t.msg_terminal_failed,
            crate::i18n::io_error(&e, options.lang)
        ));
    }
    if let Some(w) = &guard.app.walk {
        let p = Progress::of_session(&w.session);
        let state = if w.read_only {
            t.read_only.to_owned()
        } else if w.save.dirty {
            t.unsaved.to_owned()
        } else {
            t.saved.to_owned()
        };
        println!(
            "{state}: {} ({}/{})",
            sanitize::one_line(&w.path.display().to_string()),
            p.answered,
            p.total
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn install_panic_hook(shared: &Arc<Mutex<Shared>>) {
    let shared = Arc::clone(shared);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        // The panicking thread may hold the lock: only try it.
        if let Ok(guard) = shared.try_lock() {
            write_recovery(&guard);
        }
        previous(info);
    }));
}

/// Writes the record beside the session as `NAME.json.recovery` after a crash.
pub fn write_recovery(shared: &Shared) {
    // The session's path, not the document's: a background save may be holding the document.
    if let Some(w) = &shared.app.walk {
        if w.read_only {
            return;
        }
        let path = recovery_path(&w.path);
        let _ = crate::store::write_new_file(&path, &crate::store::to_json(&w.session));
        let _ = writeln!(
            io::stderr(),
            "selfcheck: recovery copy written to {}",
            sanitize::one_line(&path.display().to_string())
        );
    }
}

/// A key event as typed.
pub fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}
