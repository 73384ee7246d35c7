//! Storage: reading and writing session and template files safely. Atomic durable saves, a
//! lock per session, conflict checks against other writers, and clear errors that name the file
//! and the place in it. No terminal code here.

mod document;
mod image;
mod journal;
mod lock;
mod paths;
mod presence;
mod read;

pub use document::{Document, Fingerprint, OpenMode, sibling};
pub use image::{FileText, Image};
pub use journal::{JOURNAL_VERSION, Journal, journal_path, record_of, set_aside_journals};
pub use lock::{LockHolder, SessionLock, current_user, host_name};
pub use paths::{DataDir, SessionEntry, session_file_name};
pub use presence::{
    Presence, Stamp, editor_alive, presence_path, read_presence, stamp, write_presence,
};
pub(crate) use read::read_bounded;
pub use read::{MAX_FILE_BYTES, load_session, load_template, parse_session, parse_template};

use std::path::PathBuf;

/// Everything that can go wrong between a file and the model. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: the file is empty", path.display())]
    Empty { path: PathBuf },
    #[error("{}: the file is {size} bytes; files over {limit} bytes are not read", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{}:{line}:{column}: the file is not UTF-8 text (save it as UTF-8)", path.display())]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: {source}", path.display())]
    Invalid {
        path: PathBuf,
        #[source]
        source: crate::model::SessionError,
    },
    #[error("{}: {source}", path.display())]
    InvalidTemplate {
        path: PathBuf,
        #[source]
        source: crate::model::TemplateError,
    },
    #[error("{}: in use by {holder}", path.display())]
    Locked { path: PathBuf, holder: LockHolder },
    #[error("{}: changed by someone else since it was opened, not overwritten; this version was saved to {}", path.file_name().unwrap_or_default().to_string_lossy(), kept.display())]
    Conflict { path: PathBuf, kept: PathBuf },
    #[error("{}: opened read-only; nothing is written", path.display())]
    ReadOnly { path: PathBuf },
    #[error("{}: a file of that name already exists", path.display())]
    Exists { path: PathBuf },
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
            | StoreError::Exists { path } => path,
        }
    }
}

pub use document::to_json;

/// Writes an export to `path` atomically (an export may replace an earlier export of the same
/// name, never a session file that is open).
pub fn write_new_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), StoreError> {
    document::write_atomic(path, bytes, 0o644)
}
