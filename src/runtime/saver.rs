//! The Saver: everything between "the record changed" and "it is on disk".
//!
//! It owns the open [`Document`], the file's image (its pieces as last handed to the disk), the
//! journal of a large file and when to fold it into the file, and the background thread a save
//! runs on so typing never waits for the disk. The interface tells it what changed (the list
//! carried by `Effect::Save`); it answers with the `Action` that reports a save's result. A
//! background save or image read that ends sends [`Wake`] over the loop's channel, so the loop
//! sleeps until then instead of looking.
//!
//! One retry policy governs a failed save: the interface tries again after
//! [`crate::app::RETRY_SECS`], and a large file whose whole write failed (its changes safe in the
//! journal meanwhile) is written whole again after the same time.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::Wake;
use crate::action::{Action, SaveFailure};
use crate::i18n::Lang;
use crate::model::Session;
use crate::store::{Changed, Document, FileText, Image, OpenMode, StoreError, record_of};

/// Files under this size are written whole on every save (about 4 ms here); larger ones append
/// each change to the journal and are written whole when the changes pause.
const JOURNAL_ABOVE: u64 = 1024 * 1024;
/// A pause in changes this long has a large file written whole ...
const FOLD_AFTER_PAUSE: Duration = Duration::from_secs(1);
/// ... and so does a journal this old or this long, pause or not.
const FOLD_AT_LATEST: Duration = Duration::from_secs(10);
const FOLD_ABOVE_BYTES: u64 = 1024 * 1024;
/// How long a failed save waits before it is tried again: the interface's retry, also used for
/// a large file's whole write that failed while its journal holds the changes.
const RETRY: Duration = Duration::from_secs(crate::app::RETRY_SECS.unsigned_abs());

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

/// A save running in the background: it holds the document until it is done, and covers the
/// record up to change `seq`.
struct Running {
    thread: JoinHandle<(Document, Result<Landed, StoreError>)>,
    seq: u64,
    ticket: u64,
    /// The document's file, to open it again should the thread die with the document.
    path: PathBuf,
}

/// The writing a background save does with the document.
type Job = Box<dyn FnOnce(&mut Document) -> Result<Landed, StoreError> + Send>;

/// The session file's pieces.
#[derive(Default)]
enum ImageState {
    #[default]
    None,
    /// Being read from the file on another thread; `want` is set when a save waits for it.
    Building {
        thread: JoinHandle<Option<Image>>,
        want: bool,
        ticket: u64,
    },
    Ready(Box<Image>),
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

impl Fold {
    /// A change went to the journal at `now`, after the ones of `pending` if any.
    fn after(pending: Option<Fold>, now: Instant, not_before: Option<Instant>) -> Self {
        Self {
            first: pending.map_or(now, |f| f.first),
            last: now,
            not_before,
        }
    }

    /// When the journal is due to be written into the file.
    fn due(&self) -> Instant {
        let due = (self.last + FOLD_AFTER_PAUSE).min(self.first + FOLD_AT_LATEST);
        self.not_before.map_or(due, |t| due.max(t))
    }
}

/// The record as the interface holds it: the session and the number of its latest change.
#[derive(Clone, Copy)]
pub struct Record<'a> {
    pub session: &'a Session,
    pub seq: u64,
}

/// See the module documentation.
pub struct Saver {
    /// `None` while a background save holds it, or when no session is open.
    doc: Option<Document>,
    running: Option<Running>,
    image: ImageState,
    /// The journal holds changes the file does not: when to write the file whole.
    fold: Option<Fold>,
    /// What changed since the record was last handed to the disk.
    changed: Changed,
    lang: Lang,
    wake: Sender<Wake>,
    /// Numbers the background threads, so a late wake-up is not taken for a newer thread's.
    tickets: u64,
}

impl Saver {
    /// A saver for `doc`, whose file holds the session as the interface has it.
    pub fn new(doc: Option<Document>, lang: Lang, wake: Sender<Wake>) -> Self {
        Self {
            doc,
            running: None,
            image: ImageState::None,
            fold: None,
            changed: Changed::default(),
            lang,
            wake,
            tickets: 0,
        }
    }

    /// The open document, unless a background save holds it.
    pub fn doc(&self) -> Option<&Document> {
        self.doc.as_ref()
    }

    /// A sender for the loop's channel.
    pub fn waker(&self) -> Sender<Wake> {
        self.wake.clone()
    }

    /// Whether anything waits to be written (a journal to fold into the file).
    pub fn pending(&self) -> bool {
        self.fold.is_some()
    }

    /// When the saver next has work of its own (writing a journal into the file).
    pub fn due_at(&self) -> Option<Instant> {
        self.fold.map(|f| f.due())
    }

    /// Makes `doc` the open document, holding the session as the interface has it: what was
    /// known of the last one's file goes. A background save must have been finished.
    pub fn replace(&mut self, doc: Document) {
        debug_assert!(self.running.is_none(), "a save still holds the document");
        self.doc = Some(doc);
        self.forget_file();
    }

    /// Closes the document (its lock goes with it), once any background save is done; the
    /// result of that save is returned.
    pub fn close(&mut self) -> Option<Action> {
        let action = self.finish();
        self.doc = None;
        self.forget_file();
        action
    }

    fn forget_file(&mut self) {
        self.forget_image();
        self.fold = None;
        self.changed = Changed::default();
    }

    fn forget_image(&mut self) {
        if let ImageState::Building { thread, .. } = std::mem::take(&mut self.image) {
            let _ = thread.join();
        }
    }

    fn ticket(&mut self) -> u64 {
        self.tickets += 1;
        self.tickets
    }

    /// `Effect::Save` while editing: starts a save in the background unless one is running
    /// (that one reports back, and what changed since waits for the next).
    pub fn request(&mut self, record: Record<'_>, changed: Changed) -> Option<Action> {
        self.changed.merge(changed);
        if self.running.is_some() {
            return None;
        }
        self.start(record, false)
    }

    /// Starts saving in the background. The session is compared with the image: a small file
    /// is then written whole, a large one gets the change appended to its journal (and is
    /// written whole when changes pause). Until the image exists (it is read from the file on
    /// another thread at the first save), or when it cannot, the record is copied and written
    /// whole.
    fn start(&mut self, record: Record<'_>, whole: bool) -> Option<Action> {
        let doc = self.doc.as_ref()?;
        if doc.is_read_only() {
            let e = StoreError::ReadOnly {
                path: doc.path().to_owned(),
            };
            return Some(Action::Saved {
                result: Err(SaveFailure::of(&e, self.lang)),
                quitting: false,
            });
        }
        if !self.image_ready() {
            return self.journal_without_image(record, whole);
        }
        let mut doc = self.doc.take()?;
        let job: Job = match &mut self.image {
            ImageState::Ready(image) if !doc.in_conflict() => {
                let line = image.update(record.session, &self.changed);
                self.changed = Changed::default();
                // A journal's name taken by a file that cannot be moved (someone else's, in a
                // sticky folder): written whole, as a small file is.
                let journal = is_large(&doc) && doc.journal_usable();
                let whole = whole || !journal || doc.journal_len() > FOLD_ABOVE_BYTES;
                // The whole text is joined on the thread; here its pieces are only counted
                // out.
                let text = whole.then(|| image.text(record.session));
                Box::new(move |doc| write_save(doc, line.as_deref(), text.as_ref()))
            }
            _ => {
                // A copy of the record goes with the thread.
                let session = record.session.clone();
                Box::new(move |doc| doc.save(&session).map(|()| Landed::Whole))
            }
        };
        self.spawn(doc, record.seq, job);
        None
    }

    /// While the image of a large file is still being read (the first save after opening), the
    /// list of changed answers is enough for a journal record: the change is saved as quickly as
    /// later ones. Otherwise (a small file, a list that is not known) the save waits for the
    /// image.
    fn journal_without_image(&mut self, record: Record<'_>, whole: bool) -> Option<Action> {
        let doc = self.doc.as_mut()?;
        let Changed::Answers(ids) = &self.changed else {
            return None;
        };
        if whole || doc.in_conflict() || !is_large(doc) || !doc.journal_usable() {
            return None;
        }
        let line = record_of(record.session, ids);
        self.changed = Changed::default();
        if let ImageState::Building { want, .. } = &mut self.image {
            *want = false;
        }
        let doc = self.doc.take()?;
        self.spawn(
            doc,
            record.seq,
            Box::new(move |doc| doc.append_journal(&line).map(|()| Landed::Journal)),
        );
        None
    }

    fn spawn(&mut self, doc: Document, seq: u64, job: Job) {
        let ticket = self.ticket();
        let wake = self.wake.clone();
        let path = doc.path().to_owned();
        let thread = std::thread::spawn(move || {
            let mut doc = doc;
            let result = job(&mut doc);
            // The loop may have gone; then nobody waits for this.
            let _ = wake.send(Wake::Saver(ticket));
            (doc, result)
        });
        self.running = Some(Running {
            thread,
            seq,
            ticket,
            path,
        });
    }

    /// Whether a save can start: the image is there or cannot be had. The first call starts
    /// reading it; a call while it is being read marks the save as waiting for it.
    fn image_ready(&mut self) -> bool {
        match &mut self.image {
            ImageState::Ready(_) | ImageState::Unavailable => true,
            ImageState::Building { want, .. } => {
                *want = true;
                false
            }
            ImageState::None => {
                let Some(doc) = &self.doc else {
                    return false;
                };
                let (path, known) = (doc.path().to_owned(), doc.fingerprint().cloned());
                let ticket = self.ticket();
                let wake = self.wake.clone();
                let thread = std::thread::spawn(move || {
                    let image = known.and_then(|known| Image::read(&path, &known));
                    let _ = wake.send(Wake::Saver(ticket));
                    image
                });
                self.image = ImageState::Building {
                    thread,
                    want: true,
                    ticket,
                };
                false
            }
        }
    }

    /// Takes in the image read on another thread (waiting for it). Returns whether a save was
    /// waiting for it.
    fn take_image(&mut self) -> bool {
        let ImageState::Building { thread, want, .. } = std::mem::take(&mut self.image) else {
            return false;
        };
        self.image = match thread.join() {
            Ok(Some(image)) => ImageState::Ready(Box::new(image)),
            _ => ImageState::Unavailable,
        };
        want
    }

    /// A background thread numbered `ticket` ended: a save's result comes back as an action,
    /// and a save that waited for the image starts.
    pub fn on_wake(&mut self, ticket: u64, record: Option<Record<'_>>) -> Option<Action> {
        if self.running.as_ref().is_some_and(|r| r.ticket == ticket) {
            return self.finish();
        }
        if matches!(&self.image, ImageState::Building { ticket: t, .. } if *t == ticket)
            && self.take_image()
            && self.running.is_none()
        {
            return self.start(record?, false);
        }
        None
    }

    /// The loop's clock: a journal due to be written into the file is, in the background.
    pub fn tick(&mut self, record: Option<Record<'_>>, now: Instant) -> Option<Action> {
        let due = self.running.is_none() && self.fold.is_some_and(|f| now >= f.due());
        if due {
            return self.start(record?, true);
        }
        None
    }

    /// Waits for the background save, if one runs: the document comes back, and the action
    /// reporting the result is returned.
    pub fn finish(&mut self) -> Option<Action> {
        let Running {
            thread, seq, path, ..
        } = self.running.take()?;
        let result = if let Ok((doc, result)) = thread.join() {
            self.doc = Some(doc);
            match &result {
                Ok(landed) => self.landed_at(*landed),
                Err(_) => self.failed(),
            }
            result
                .map(|_| ())
                .map_err(|e| SaveFailure::of(&e, self.lang))
        } else {
            self.failed();
            // The saving thread died with the document: take the session up again.
            Err(match Document::open(&path, OpenMode::Edit) {
                Ok((doc, _)) => {
                    self.doc = Some(doc);
                    crate::i18n::texts(self.lang)
                        .msg_save_interrupted_retry
                        .into()
                }
                Err(e) => SaveFailure::of(&e, self.lang),
            })
        };
        Some(Action::SavedUpTo { result, seq })
    }

    /// What a save that succeeded leaves to do: a journal to fold into the file when changes
    /// pause, or (after a whole write that failed) a while later.
    fn landed_at(&mut self, landed: Landed) {
        let now = Instant::now();
        match landed {
            Landed::Unchanged => {}
            Landed::Whole => self.fold = None,
            Landed::Journal => self.fold = Some(Fold::after(self.fold, now, None)),
            Landed::JournalWholeFailed => {
                self.fold = Some(Fold::after(self.fold, now, Some(now + RETRY)));
            }
        }
    }

    /// After a save that failed: the image and the list of changes both took in what did not
    /// reach the disk, so both start over (the image is read again from the file and the next
    /// save compares everything); and a whole write of a large file waits before it is tried
    /// again.
    fn failed(&mut self) {
        self.forget_image();
        self.changed = Changed::Everything;
        if let Some(f) = &mut self.fold {
            f.not_before = Some(Instant::now() + RETRY);
        }
    }

    /// Saves the record whole now, waiting for it: on the way out, and before the document is
    /// replaced. Also writes a file whose journal holds changes it does not. A background save
    /// must have been finished (its result reported) first.
    pub fn save_now(&mut self, session: &Session, changed: Changed) -> Result<(), StoreError> {
        self.changed.merge(changed);
        debug_assert!(self.running.is_none(), "a save still holds the document");
        if let ImageState::Building { .. } = self.image {
            self.take_image();
        }
        let Some(doc) = &mut self.doc else {
            return Ok(());
        };
        let result = match &mut self.image {
            ImageState::Ready(image) if !doc.in_conflict() => {
                let line = image.update(session, &self.changed);
                self.changed = Changed::default();
                write_save(doc, line.as_deref(), Some(&image.text(session)))
            }
            _ => doc.save(session).map(|()| Landed::Whole),
        };
        match result {
            Ok(landed) => {
                self.landed_at(landed);
                Ok(())
            }
            Err(e) => {
                self.failed();
                Err(e)
            }
        }
    }

    /// Whether the file lacks changes its journal holds (to be written in before leaving it).
    pub fn journal_pending(&self) -> bool {
        self.fold.is_some() || self.doc.as_ref().is_some_and(|d| d.journal_len() > 0)
    }

    /// Writes the record to a new file, which is the session's file from then on. A
    /// background save must have been finished first.
    pub fn save_as(&mut self, path: &std::path::Path, session: &Session) -> Result<(), StoreError> {
        let Some(doc) = &mut self.doc else {
            return Err(StoreError::ReadOnly {
                path: path.to_owned(),
            });
        };
        doc.save_as(path, session)?;
        self.forget_file();
        Ok(())
    }
}

/// Writes one save: a large file's change goes to its journal first; then, given `text`, the
/// whole file. When the whole write fails but the journal holds everything the file lacks, the
/// change is saved all the same. Someone else's change to the file (a conflict) is never
/// hidden that way.
fn write_save(
    doc: &mut Document,
    record: Option<&[u8]>,
    text: Option<&FileText>,
) -> Result<Landed, StoreError> {
    let large = is_large(doc);
    // Whether the journal holds every change the file lacks: where its name is taken by a file
    // that cannot be moved, the change goes into the file whole or not at all.
    let journaled = match record.filter(|_| large) {
        Some(r) if doc.journal_usable() => {
            doc.append_journal(r)?;
            true
        }
        Some(_) => false,
        None => large,
    };
    let Some(text) = text else {
        return match record {
            Some(_) if journaled => Ok(Landed::Journal),
            Some(_) if large => Err(journal_blocked(doc)),
            _ => Ok(Landed::Unchanged),
        };
    };
    match doc.save_text(text) {
        Ok(()) => Ok(Landed::Whole),
        Err(e) if journaled && !matches!(e, StoreError::Conflict { .. }) => {
            Ok(Landed::JournalWholeFailed)
        }
        Err(e) => Err(e),
    }
}

/// A change meant for the journal whose name was taken meanwhile: the save fails, and the
/// retry writes the file whole.
fn journal_blocked(doc: &Document) -> StoreError {
    StoreError::io(
        crate::store::journal_path(doc.path()),
        std::io::ErrorKind::AlreadyExists.into(),
    )
}

/// Whether the document's file is large enough to be saved through its journal.
fn is_large(doc: &Document) -> bool {
    doc.fingerprint().map_or(0, crate::store::Fingerprint::size) >= JOURNAL_ABOVE
}
