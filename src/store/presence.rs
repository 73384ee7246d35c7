//! Where the editor of a session is: a small `NAME.json.presence` file beside the session,
//! written atomically (not durably) by the editor and only read by followers. It never touches
//! the session file, its lock or its conflict checks. Followers find changes by polling file
//! metadata, which also works on network folders without change notification.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::StoreError;
use super::file::{NOTE_CAP, Trust, file_mode, parent, read_sibling, sibling, write_replace};

/// What a follower needs to show what the editor is doing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Presence {
    pub user: String,
    pub host: String,
    pub pid: u32,
    /// The check the editor has selected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
    /// The answer field being typed into (`evidence`, `problems`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// RFC 3339, when this was written.
    pub at: String,
    /// The editor closed the session.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub left: bool,
    /// The screen the editor shows, when it is not the walk-through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screen: Option<EditorScreen>,
    /// When the editor's meeting clock read zero (RFC 3339): its clock is the time since then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock_zero: Option<String>,
    /// The text of the field being typed into, as it stands in the editor: not saved, and
    /// never to be taken for the record (the program that wrote it may have died since).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Draft>,
    /// The meeting details as typed in the editor's form (`unit`, `title`, `date`, ...), while
    /// they differ from the record: not saved, like `draft`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<std::collections::BTreeMap<String, String>>,
}

/// A screen of the editor's that a follower shows too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditorScreen {
    /// The summary (`r`).
    Summary,
    /// The meeting details (`m`).
    Meeting,
    /// One this version does not know: the walk-through is shown.
    #[serde(other)]
    Other,
}

/// Text being typed, before it is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The check whose answer it belongs to; `None` for a closing text of the summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
    /// The answer field (`evidence`, ...) or the closing text (`overview`, ...).
    pub field: String,
    pub text: String,
}

/// The longest draft a presence note carries (in bytes of text): even with every character
/// escaped in JSON (a quotation mark or a backslash takes two bytes) the note stays under the 64 KiB a follower reads.
/// A longer text reaches followers when it is saved.
pub const DRAFT_CAP: usize = 24 * 1024;

/// The presence file of a session file.
pub fn presence_path(session: &Path) -> PathBuf {
    sibling(session, ".presence")
}

/// Writes the editor's presence beside `session` (atomically, with the session's file mode).
/// The new note is written to a temporary file created exclusively under a name nobody can
/// plant in advance, then renamed over the old one (which replaces a symlink, never follows it).
pub fn write_presence(session: &Path, presence: &Presence) -> Result<(), StoreError> {
    let path = presence_path(session);
    let bytes = serde_json::to_vec(presence).unwrap_or_default();
    // Rewritten on every move to another check: atomic for readers, but not worth an fsync.
    write_replace(&path, &bytes, file_mode(parent(session)))
}

/// The editor's presence, if a readable one is there. Read errors mean "nobody known", and so
/// does a note that is not a regular file (never followed, never blocking, at most 64 KiB) or
/// that neither the session file's owner nor this user wrote.
pub fn read_presence(session: &Path) -> Option<Presence> {
    let trust = match std::fs::metadata(session) {
        Ok(m) => Trust::beside(&m),
        Err(_) => Trust::own(),
    };
    let (bytes, _) = read_sibling(&presence_path(session), NOTE_CAP, &trust).ok()??;
    serde_json::from_slice(&bytes).ok()
}

/// Cheap identity of a file version for polling: inode, size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    ino: u64,
    size: u64,
    mtime: (i64, i64),
}

/// The stamp of `path`, or `None` if it cannot be read.
pub fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(Stamp {
            ino: m.ino(),
            size: m.size(),
            mtime: (m.mtime(), m.mtime_nsec()),
        })
    }
    #[cfg(not(unix))]
    {
        let mtime = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or((0, 0), |d| {
                (
                    i64::try_from(d.as_secs()).unwrap_or(0),
                    i64::from(d.subsec_nanos()),
                )
            });
        Some(Stamp {
            ino: 0,
            size: m.len(),
            mtime,
        })
    }
}

/// Whether the process of a presence record is still running, where that can be known (same
/// host, a /proc file system).
pub fn editor_alive(p: &Presence, this_host: &str) -> Option<bool> {
    if p.host != this_host || !Path::new("/proc/self").exists() {
        return None;
    }
    Some(Path::new(&format!("/proc/{}", p.pid)).exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_draft_of_the_worst_text_is_read_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let session = dir.path().join("s.json");
        std::fs::write(&session, b"{}").expect("write");
        let presence = Presence {
            user: "u".into(),
            host: "h".into(),
            pid: 1,
            check: Some("dept-1-1".into()),
            field: Some("evidence".into()),
            at: "2023-12-05T09:30:00+08:00".into(),
            draft: Some(Draft {
                check: Some("dept-1-1".into()),
                field: "evidence".into(),
                text: "\"".repeat(DRAFT_CAP),
            }),
            ..Presence::default()
        };
        write_presence(&session, &presence).expect("written");
        assert_eq!(read_presence(&session), Some(presence));
    }
}
