//! Reading a session without opening it for editing, and the session as the JSON text that is
//! written: where a path really is, the session with its journal applied, the recovery copy.
//! Nothing here writes.

use std::path::{Path, PathBuf};

use super::StoreError;
use super::file::{Trust, effective_uid, read_sibling, sibling};
use super::fingerprint::read_with_fingerprint;
use super::journal::{self, journal_path};
use super::read::{MAX_FILE_BYTES, parse_session_bytes};
use crate::model::Session;

/// Where a session named by `path` really is: a symlink is resolved, so the session is edited
/// at its target (saves land beside it, with its folder's permissions) and never copied into
/// the link's folder. A link is followed only if this user made it or it belongs to the owner
/// of the file it points to (as the kernel's `protected_symlinks` does in `/tmp`): a link that
/// someone else planted to a file of ours, a private session say, is refused, so that file is
/// never shown, offered or saved under the link's name.
pub fn resolve(path: &Path) -> Result<PathBuf, StoreError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            let target = std::fs::canonicalize(path).map_err(|e| StoreError::io(path, e))?;
            let to = std::fs::metadata(&target).map_err(|e| StoreError::io(path, e))?;
            let link_owner = super::file::owner(&m);
            if link_owner != effective_uid() && link_owner != super::file::owner(&to) {
                return Err(StoreError::ForeignLink {
                    path: path.to_owned(),
                    owner: link_owner.unwrap_or(u32::MAX),
                });
            }
            Ok(target)
        }
        _ => Ok(path.to_owned()),
    }
}

/// The session file as JSON text, as written: stable key order, two-space indent, final newline.
/// A session that cannot be written as JSON is an error, never an empty file.
pub fn session_json(session: &Session) -> Result<Vec<u8>, StoreError> {
    to_json_sized(session, 0)
}

/// [`session_json`] for callers that only show the text: a session that cannot be written as
/// JSON gives an empty text.
pub fn to_json(session: &Session) -> Vec<u8> {
    session_json(session).unwrap_or_default()
}

/// [`session_json`] into a buffer made for about `expected` bytes (the size of the file last
/// written): growing by doubling to 7 MB copied the text several times over and for a moment
/// held twice its size.
pub(super) fn to_json_sized(session: &Session, expected: u64) -> Result<Vec<u8>, StoreError> {
    let expected = usize::try_from(expected).unwrap_or(0);
    let mut bytes = Vec::with_capacity(expected.saturating_add(expected / 16).max(128));
    serde_json::to_writer_pretty(&mut bytes, session).map_err(|e| StoreError::Unwritable {
        message: e.to_string(),
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Reads and validates a session file, with the changes in its journal (see
/// [`super::journal_path`]) applied where the journal continues this file and was written by
/// the file's owner (or by this user). Nothing is written. A symlink is read at its target,
/// with the journal beside the target.
pub fn load_session(path: &Path) -> Result<Session, StoreError> {
    let path = resolve(path)?;
    let (bytes, fp) = read_with_fingerprint(&path)?
        .ok_or_else(|| StoreError::io(&path, std::io::ErrorKind::NotFound.into()))?;
    let mut session = parse_session_bytes(&path, &bytes)?;
    drop(bytes);
    if std::fs::symlink_metadata(journal_path(&path)).is_ok() {
        let trust = Trust::of_owner(fp.uid);
        let _ = journal::apply_beside(&path, &mut session, fp.size(), fp.hash, &trust);
    }
    Ok(session)
}

/// The recovery copy beside a session (`NAME.json.recovery`), if there is one that the session
/// file's owner or this user wrote: someone else's is never offered as ours (an error says
/// whose it is). Never follows a symlink, never blocks on a FIFO.
pub fn load_recovery(session: &Path) -> Option<Result<Session, StoreError>> {
    let session = resolve(session).ok()?;
    let trust = match std::fs::metadata(&session) {
        Ok(m) => Trust::beside(&m),
        Err(_) => Trust::own(),
    };
    let path = recovery_path(&session);
    match read_sibling(&path, MAX_FILE_BYTES, &trust) {
        Ok(None) => None,
        Ok(Some((bytes, _))) => Some(parse_session_bytes(&path, &bytes)),
        Err(e) => Some(Err(e)),
    }
}

/// The recovery file of a session file, written after a crash.
pub fn recovery_path(session: &Path) -> PathBuf {
    sibling(session, ".recovery")
}
