//! An open session file: the lock that makes us its editor, the fingerprint of what we last read
//! or wrote, and the durable save that refuses to overwrite someone else's change.

use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

use super::StoreError;
use super::lock::SessionLock;
use super::read::{MAX_FILE_BYTES, parse_session, utf8};
use crate::model::Session;

/// How a session is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Take the lock; fail with [`StoreError::Locked`] if someone else has it.
    Edit,
    /// Never lock, never write.
    ReadOnly,
}

/// What identifies one version of a file on disk. mtime alone is not enough: two writes in one
/// clock tick get the same mtime, so the inode, ctime and a hash of the content are compared too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
    hash: u64,
}

impl Fingerprint {
    fn of(meta: &std::fs::Metadata, content: &[u8]) -> Self {
        let mut h = std::hash::DefaultHasher::new();
        content.hash(&mut h);
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Self {
                dev: meta.dev(),
                ino: meta.ino(),
                size: meta.size(),
                mtime: (meta.mtime(), meta.mtime_nsec()),
                ctime: (meta.ctime(), meta.ctime_nsec()),
                hash: h.finish(),
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
                hash: h.finish(),
            }
        }
    }
}

/// Reads the file through one handle so the metadata and the bytes belong to the same version.
fn read_with_fingerprint(path: &Path) -> Result<Option<(Vec<u8>, Fingerprint)>, StoreError> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::io(path, e))?;
    let fp = Fingerprint::of(&meta, &bytes);
    Ok(Some((bytes, fp)))
}

/// Mode for new files in `dir`: owner-only, or group-readable where the folder is shared with a
/// group (group-writable or set-group-id).
pub(crate) fn file_mode(dir: &Path) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = std::fs::metadata(dir) {
            let mode = m.permissions().mode();
            if mode & 0o020 != 0 || mode & 0o2000 != 0 {
                return 0o640;
            }
        }
    }
    0o600
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// The session file as JSON text, as written: stable key order, two-space indent, final newline.
pub fn to_json(session: &Session) -> Vec<u8> {
    // Serialising plain data with string keys cannot fail.
    let mut bytes = serde_json::to_vec_pretty(session).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Writes `bytes` to `path` atomically and durably with `mode`, whatever the umask.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> Result<(), StoreError> {
    let mut options = AtomicWriteFile::options();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
        options.preserve_mode(false);
    }
    let mut file = options.open(path).map_err(|e| StoreError::io(path, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| StoreError::io(path, e))?;
    }
    file.write_all(bytes).map_err(|e| StoreError::io(path, e))?;
    file.commit().map_err(|e| StoreError::io(path, e))
}

/// An open session file.
#[derive(Debug)]
pub struct Document {
    path: PathBuf,
    lock: Option<SessionLock>,
    /// What is on disk as far as we know; `None` when the file did not exist.
    fingerprint: Option<Fingerprint>,
    /// Where our version goes while the file on disk belongs to someone else's change.
    conflict_copy: Option<PathBuf>,
    mode: u32,
}

impl Document {
    /// Opens an existing session file. In `Edit` mode the lock is taken first, then the file is
    /// read, so what we read is what we may replace.
    pub fn open(path: &Path, mode: OpenMode) -> Result<(Self, Session), StoreError> {
        let file_mode = file_mode(parent(path));
        let lock = match mode {
            OpenMode::Edit => Some(SessionLock::acquire(path, file_mode)?),
            OpenMode::ReadOnly => None,
        };
        let (bytes, fingerprint) = read_with_fingerprint(path)?
            .ok_or_else(|| StoreError::io(path, std::io::ErrorKind::NotFound.into()))?;
        let session = parse_session(path, utf8(path, &bytes)?)?;
        let doc = Self {
            path: path.to_owned(),
            lock,
            fingerprint: Some(fingerprint),
            conflict_copy: None,
            mode: file_mode,
        };
        if doc.lock.is_some() {
            doc.remove_strays();
        }
        Ok((doc, session))
    }

    /// Creates a new session file; refuses to replace one that exists.
    pub fn create(path: &Path, session: &Session) -> Result<Self, StoreError> {
        if path.exists() {
            return Err(StoreError::Exists {
                path: path.to_owned(),
            });
        }
        let file_mode = file_mode(parent(path));
        let lock = SessionLock::acquire(path, file_mode)?;
        if path.exists() {
            return Err(StoreError::Exists {
                path: path.to_owned(),
            });
        }
        let mut doc = Self {
            path: path.to_owned(),
            lock: Some(lock),
            fingerprint: None,
            conflict_copy: None,
            mode: file_mode,
        };
        doc.save(session)?;
        Ok(doc)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// The previous version kept beside the file.
    pub fn backup_path(&self) -> PathBuf {
        sibling(&self.path, ".bak")
    }

    /// Saves the session: checks nobody else changed the file, keeps the current version as
    /// `.bak`, then replaces the file atomically and durably. On a conflict our version goes to
    /// a separate copy and the file is left as the other writer made it.
    pub fn save(&mut self, session: &Session) -> Result<(), StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let bytes = to_json(session);
        let on_disk = read_with_fingerprint(&self.path)?;
        let unchanged = match (&on_disk, &self.fingerprint) {
            (None, _) => true,
            (Some((_, now)), Some(known)) => now == known,
            (Some(_), None) => false,
        };
        if !unchanged || self.conflict_copy.is_some() {
            let kept = self
                .conflict_copy
                .get_or_insert_with(|| conflict_path(&self.path))
                .clone();
            write_atomic(&kept, &bytes, self.mode)?;
            return Err(StoreError::Conflict {
                path: self.path.clone(),
                kept,
            });
        }
        if on_disk.is_some() {
            self.keep_backup()?;
        }
        write_atomic(&self.path, &bytes, self.mode)?;
        let meta = std::fs::metadata(&self.path).map_err(|e| StoreError::io(&self.path, e))?;
        self.fingerprint = Some(Fingerprint::of(&meta, &bytes));
        Ok(())
    }

    /// Writes the session to a new file and makes that the open document; the old file is left
    /// as it is (and its lock released).
    pub fn save_as(&mut self, path: &Path, session: &Session) -> Result<(), StoreError> {
        let doc = Document::create(path, session)?;
        *self = doc;
        Ok(())
    }

    /// The current file becomes `.bak` by a hard link, so the old version is kept without
    /// copying it; where links are not supported it is copied.
    fn keep_backup(&self) -> Result<(), StoreError> {
        let bak = self.backup_path();
        let tmp = sibling(&self.path, ".bak.tmp");
        let tmp = tmp.with_file_name(format!(
            ".{}",
            tmp.file_name().unwrap_or_default().to_string_lossy()
        ));
        let _ = std::fs::remove_file(&tmp);
        if let Ok(()) = std::fs::hard_link(&self.path, &tmp) {
            std::fs::rename(&tmp, &bak).map_err(|e| StoreError::io(&bak, e))
        } else {
            let bytes = std::fs::read(&self.path).map_err(|e| StoreError::io(&self.path, e))?;
            write_atomic(&bak, &bytes, self.mode)
        }
    }

    /// Removes temporary files an interrupted save of this session left behind. Only the lock
    /// holder calls this, so no save in progress is disturbed.
    fn remove_strays(&self) {
        let Some(name) = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
        else {
            return;
        };
        let prefix = format!(".{name}.");
        let Ok(entries) = std::fs::read_dir(parent(&self.path)) else {
            return;
        };
        for e in entries.filter_map(Result::ok) {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

fn conflict_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut candidate = path.with_file_name(format!("{stem}.conflict-{stamp}.json"));
    let mut n = 2;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{stem}.conflict-{stamp}-{n}.json"));
        n += 1;
    }
    candidate
}
