//! Storage: reading and writing session and template files safely. Atomic durable saves, a
//! lock per session, conflict checks against other writers, and clear errors that name the file
//! and the place in it. No terminal code here.

//!
//! The modules have a direction, from the bottom up: `hash` and `file` (every open and write in
//! a data folder) know nothing of sessions; `read` and `fingerprint` read files; `journal`,
//! `lock`, `presence` and `image` build on those; `notice` (what an opening tells the user) and
//! `load` (reading a session without opening it: links, journal, recovery copy, the JSON
//! text) come next; `document` (an open session) sits on top, and `paths`, `shared` and
//! `recovery` (folders) use it. Nothing below imports anything above.

mod changed;
mod document;
mod file;
mod fingerprint;
mod hash;
mod image;
mod journal;
mod load;
mod lock;
mod notice;
mod paths;
mod presence;
mod read;
pub mod recovery;
pub mod shared;

pub use changed::Changed;
pub use document::{Document, OpenMode};
pub use file::{FileKind, effective_uid, read_folder_file, sibling};
pub use fingerprint::Fingerprint;
pub use image::{FileText, Image, Unwritable};
pub use journal::{JOURNAL_VERSION, Journal, journal_path, record_of, set_aside_journals};
pub use load::{load_recovery, load_session, recovery_path, resolve, session_json, to_json};
pub use lock::{LockHolder, SessionLock, current_user, host_name, user_name};
pub use notice::{Notice, owner_name};
pub use paths::{DataDir, SessionEntry, session_file_name};
pub use presence::{
    DRAFT_CAP, Draft, EditorScreen, Presence, Stamp, editor_alive, presence_path, read_presence,
    stamp, write_presence,
};
pub use read::{MAX_FILE_BYTES, load_template, parse_session, parse_template};
pub(crate) use read::{read_bounded, without_bom};

use std::path::PathBuf;

/// Everything that can go wrong between a file and the model. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: {source}", shown_path(path))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: the file is empty", shown_path(path))]
    Empty { path: PathBuf },
    #[error(
        "{}: the file is {size} bytes; files over {limit} bytes are not read",
        shown_path(path)
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error(
        "{}:{line}:{column}: the file is not UTF-8 text (save it as UTF-8)",
        shown_path(path)
    )]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{}:{line}:{column}: {message}", shown_path(path))]
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: {source}", shown_path(path))]
    Invalid {
        path: PathBuf,
        #[source]
        source: crate::model::SessionError,
    },
    #[error("{}: {source}", shown_path(path))]
    InvalidTemplate {
        path: PathBuf,
        #[source]
        source: crate::model::TemplateError,
    },
    #[error("{}: in use by {holder}", shown_path(path))]
    Locked { path: PathBuf, holder: LockHolder },
    #[error("{}: changed by someone else since it was opened, not overwritten; this version was saved to {}", shown_path(std::path::Path::new(path.file_name().unwrap_or_default())), shown_path(kept))]
    Conflict { path: PathBuf, kept: PathBuf },
    #[error("{}: opened read-only; nothing is written", shown_path(path))]
    ReadOnly { path: PathBuf },
    #[error("{}: a file of that name already exists", shown_path(path))]
    Exists { path: PathBuf },
    #[error("{}: {}; not opened", shown_path(path), kind.describe())]
    NotRegular { path: PathBuf, kind: FileKind },
    #[error("{}: written by {}, not by the session's owner ({}); not used", shown_path(path), owner_name(*owner), owner_name(*expected))]
    NotTrusted {
        path: PathBuf,
        owner: u32,
        expected: u32,
    },
    #[error("{}: a link made by {} to a file that is not theirs; not followed", shown_path(path), owner_name(*owner))]
    ForeignLink { path: PathBuf, owner: u32 },
    #[error("{}: not a journal this program reads", shown_path(path))]
    NotJournal { path: PathBuf },
    #[error("the session could not be written as JSON ({message}); nothing was written")]
    Unwritable { message: String },
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }

    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            StoreError::Io { path, .. }
            | StoreError::Empty { path }
            | StoreError::TooLarge { path, .. }
            | StoreError::NotUtf8 { path, .. }
            | StoreError::Json { path, .. }
            | StoreError::Invalid { path, .. }
            | StoreError::InvalidTemplate { path, .. }
            | StoreError::Locked { path, .. }
            | StoreError::Conflict { path, .. }
            | StoreError::ReadOnly { path }
            | StoreError::Exists { path }
            | StoreError::NotRegular { path, .. }
            | StoreError::NotTrusted { path, .. }
            | StoreError::NotJournal { path }
            | StoreError::ForeignLink { path, .. } => path,
            StoreError::Unwritable { .. } => std::path::Path::new(""),
        }
    }
}

/// A file name as messages show it: every control character, newlines and tabs included, and
/// every bidi or zero-width character written as `<U+XXXX>`, so a crafted name can neither
/// start a line of its own (faking a "session ok") nor reorder what follows it.
pub fn shown_path(path: &std::path::Path) -> String {
    use std::fmt::Write as _;
    let text = path.display().to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '\t') {
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        } else {
            out.push(c);
        }
    }
    crate::text::sanitize::for_display(&out).into_owned()
}

/// Writes a file made from a session beside it (a recovery copy, the exports written from the
/// interface) atomically, with the mode a new session gets in that folder: owner-only, or
/// group-readable in a shared folder, never readable by everyone.
pub fn write_new_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), StoreError> {
    file::write_atomic(path, bytes, file::file_mode(file::parent(path)))
}

/// Writes an export of `sessions` to `path` atomically, readable by whom the sessions are (for
/// several, only by whom all of them are), so a report is never more readable than the record
/// it comes from; only its owner may write it. Without a session, as [`write_new_file`].
pub fn write_export(
    path: &std::path::Path,
    bytes: &[u8],
    sessions: &[&std::path::Path],
) -> Result<(), StoreError> {
    let mut mode = None::<u32>;
    for s in sessions {
        if let Ok(m) = std::fs::metadata(s) {
            let bits = file::permissions(&m) & 0o644;
            mode = Some(mode.map_or(bits, |m| m & bits));
        }
    }
    // The owner always keeps read and write on a file just written.
    let mode = mode.map_or_else(|| file::file_mode(file::parent(path)), |m| m | 0o600);
    file::write_atomic(path, bytes, mode)
}
