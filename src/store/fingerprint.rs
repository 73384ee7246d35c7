//! What identifies one version of a session file on disk, and the reads that take it: the
//! bytes and the metadata through one descriptor, so both belong to the same version.

use std::io::Read;
use std::path::Path;

use super::StoreError;
use super::file::{open_read, read_capped};
use super::hash::ContentHash;
use super::read::MAX_FILE_BYTES;

/// What identifies one version of a file on disk. mtime alone is not enough: two writes in one
/// clock tick get the same mtime, so the inode and a hash of the content are compared too. The
/// ctime is kept but not compared: `chmod`, `chattr` or a hard link change it and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
    pub(crate) hash: u64,
    /// The file's owner: files beside it are trusted if they are this user's.
    pub(crate) uid: Option<u32>,
}

impl Fingerprint {
    pub(crate) fn of(meta: &std::fs::Metadata, content: &[u8]) -> Self {
        Self::with_hash(meta, ContentHash::of(content))
    }

    pub(crate) fn with_hash(meta: &std::fs::Metadata, hash: u64) -> Self {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Self {
                dev: meta.dev(),
                ino: meta.ino(),
                size: meta.size(),
                mtime: (meta.mtime(), meta.mtime_nsec()),
                ctime: (meta.ctime(), meta.ctime_nsec()),
                hash,
                uid: Some(meta.uid()),
            }
        }
        #[cfg(not(unix))]
        {
            Self {
                dev: 0,
                ino: 0,
                size: meta.len(),
                mtime: (0, 0),
                ctime: (0, 0),
                hash,
                uid: None,
            }
        }
    }

    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The same file (device and inode), whatever its content.
    pub(crate) fn same_file(&self, other: Option<&Self>) -> bool {
        other.is_some_and(|o| (self.dev, self.ino) == (o.dev, o.ino))
    }

    /// The same version of the file: same file, same content, same modification time. A change
    /// of metadata alone (mode, attributes, owner, links) is not someone else's edit.
    pub fn same_version(&self, other: &Self) -> bool {
        (self.dev, self.ino, self.size, self.mtime, self.hash)
            == (other.dev, other.ino, other.size, other.mtime, other.hash)
    }
}

/// Reads the file through one handle so the metadata and the bytes belong to the same version.
/// A symlink is followed (callers resolve a session's path first); anything but a regular file
/// is refused without blocking.
pub(crate) fn read_with_fingerprint(
    path: &Path,
) -> Result<Option<(Vec<u8>, Fingerprint)>, StoreError> {
    let Some((file, meta)) = open_read(path, true)? else {
        return Ok(None);
    };
    let bytes = read_capped(path, file, &meta, MAX_FILE_BYTES)?;
    let fp = Fingerprint::of(&meta, &bytes);
    Ok(Some((bytes, fp)))
}

/// The fingerprint of the file as it is now, read in pieces through one handle (the content is
/// not kept: only the hash is needed to see whether someone else changed it).
pub(crate) fn fingerprint_on_disk(path: &Path) -> Result<Option<Fingerprint>, StoreError> {
    let Some((file, meta)) = open_read(path, false)? else {
        return Ok(None);
    };
    let mut hash = ContentHash::new();
    let mut buf = vec![0; 256 * 1024];
    let mut from = file.take(MAX_FILE_BYTES + 1);
    loop {
        match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hash.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(StoreError::io(path, e)),
        }
    }
    Ok(Some(Fingerprint::with_hash(&meta, hash.finish())))
}
