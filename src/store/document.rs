//! An open session file: the lock that makes us its editor, the fingerprint of what we last read
//! or wrote, and the durable save that refuses to overwrite someone else's change.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

use super::StoreError;
use super::image::FileText;
use super::journal::{self, Found, journal_path};
use super::lock::SessionLock;
use super::read::{MAX_FILE_BYTES, parse_session_bytes};
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

/// A fast 64-bit hash of a file's content, fed in pieces of any size (the result does not
/// depend on how the content is cut). It tells our own last version of a file from any other,
/// at about 10 GB/s: `SipHash` of a 7 MB session took longer than the rest of the check. Not
/// made to resist someone crafting a collision.
#[derive(Debug, Clone)]
pub(crate) struct ContentHash {
    state: u64,
    len: u64,
    pending: [u8; 16],
    filled: usize,
}

impl ContentHash {
    const P0: u64 = 0xa076_1d64_78bd_642f;
    const P1: u64 = 0xe703_7ed1_a0b4_28db;
    const P2: u64 = 0x8ebc_6af0_9c88_c6e3;

    pub(crate) fn new() -> Self {
        Self {
            state: Self::P0,
            len: 0,
            pending: [0; 16],
            filled: 0,
        }
    }

    /// The high and low halves of the 128-bit product, folded: every input bit reaches every
    /// output bit.
    fn mix(a: u64, b: u64) -> u64 {
        let m = u128::from(a) * u128::from(b);
        #[expect(clippy::cast_possible_truncation, reason = "the halves are folded")]
        let (low, high) = (m as u64, (m >> 64) as u64);
        low ^ high
    }

    fn block(&mut self, b: &[u8; 16]) {
        let (lo, hi) = b.split_at(8);
        let a = u64::from_le_bytes(lo.try_into().unwrap_or_default());
        let c = u64::from_le_bytes(hi.try_into().unwrap_or_default());
        self.state = Self::mix(a ^ Self::P1 ^ self.state, c ^ Self::P2);
    }

    pub(crate) fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.filled > 0 {
            let take = (16 - self.filled).min(bytes.len());
            self.pending[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 16 {
                return;
            }
            let block = self.pending;
            self.block(&block);
            self.filled = 0;
        }
        let mut blocks = bytes.chunks_exact(16);
        for b in &mut blocks {
            self.block(b.try_into().unwrap_or(&[0; 16]));
        }
        let rest = blocks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    pub(crate) fn finish(mut self) -> u64 {
        if self.filled > 0 {
            let mut block = [0; 16];
            block[..self.filled].copy_from_slice(&self.pending[..self.filled]);
            self.block(&block);
        }
        Self::mix(self.state ^ Self::P0, self.len ^ Self::P2)
    }

    pub(crate) fn of(bytes: &[u8]) -> u64 {
        let mut h = Self::new();
        h.update(bytes);
        h.finish()
    }
}

impl Fingerprint {
    fn of(meta: &std::fs::Metadata, content: &[u8]) -> Self {
        Self::with_hash(meta, ContentHash::of(content))
    }

    fn with_hash(meta: &std::fs::Metadata, hash: u64) -> Self {
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
            }
        }
    }
}

impl Fingerprint {
    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The same file with the same content, whatever its ctime.
    fn same_except_ctime(&self, other: &Self) -> bool {
        (self.dev, self.ino, self.size, self.mtime, self.hash)
            == (other.dev, other.ino, other.size, other.mtime, other.hash)
    }
}

/// Reads the file through one handle so the metadata and the bytes belong to the same version.
pub(crate) fn read_with_fingerprint(
    path: &Path,
) -> Result<Option<(Vec<u8>, Fingerprint)>, StoreError> {
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
    // Sized from the metadata: growing by doubling copied a 7 MB file three times over.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::io(path, e))?;
    let fp = Fingerprint::of(&meta, &bytes);
    Ok(Some((bytes, fp)))
}

/// The fingerprint of the file as it is now, read in pieces through one handle (the content is
/// not kept: only the hash is needed to see whether someone else changed it).
fn fingerprint_on_disk(path: &Path) -> Result<Option<Fingerprint>, StoreError> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
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

/// A file beside a session named after it: `NAME.json` + `suffix` (`.bak`, `.lock`, ...).
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// The session file as JSON text, as written: stable key order, two-space indent, final newline.
pub fn to_json(session: &Session) -> Vec<u8> {
    to_json_sized(session, 0)
}

/// [`to_json`] into a buffer made for about `expected` bytes (the size of the file last
/// written): growing by doubling to 7 MB copied the text several times over and for a moment
/// held twice its size.
fn to_json_sized(session: &Session, expected: u64) -> Vec<u8> {
    let expected = usize::try_from(expected).unwrap_or(0);
    let mut bytes = Vec::with_capacity(expected.saturating_add(expected / 16).max(128));
    // Serialising plain data with string keys cannot fail.
    if serde_json::to_writer_pretty(&mut bytes, session).is_err() {
        bytes.clear();
    }
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

/// Replaces `path` with `bytes` atomically (a reader sees the old file or the new one, never a
/// part) but not durably: no fsync, so after a power cut either may be there. For small files
/// that are rewritten often and worth little after a crash, such as the presence note written on
/// every move to another check, where two fsyncs would cost more time than the whole key press.
pub(crate) fn write_replace(path: &Path, bytes: &[u8], mode: u32) -> Result<(), StoreError> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    let written = options.open(&tmp).and_then(|mut file| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        file.write_all(bytes)
    });
    let renamed = written.and_then(|()| std::fs::rename(&tmp, path));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    renamed.map_err(|e| StoreError::io(path, e))
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
    /// The journal being appended to, once the first record is written.
    journal: Option<journal::Writer>,
    /// A journal found at opening that continues the file but could not be folded into it yet:
    /// records are appended to it rather than to a new one.
    journal_kept: bool,
    /// Records taken from a journal when the file was opened.
    replayed: usize,
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
        let mut session = parse_session_bytes(path, &bytes)?;
        drop(bytes);
        let found = journal::apply_beside(path, &mut session, fingerprint.size, fingerprint.hash);
        let mut doc = Self {
            path: path.to_owned(),
            lock,
            fingerprint: Some(fingerprint),
            conflict_copy: None,
            mode: file_mode,
            journal: None,
            journal_kept: false,
            replayed: 0,
        };
        if let Found::Applied { records } = found {
            doc.replayed = records;
        }
        if doc.lock.is_some() {
            doc.remove_strays();
            match found {
                // The journal's changes are saved changes: they go into the file now. If that
                // cannot be done, the journal stays and later records go after them.
                Found::Applied { .. } => doc.journal_kept = doc.save(&session).is_err(),
                // Left by a crash after the file was written whole from it: nothing in it is
                // missing from the file, so it goes (unless it says otherwise).
                Found::OnBackup(j) if j.apply_to(&session).is_ok_and(|s| s == session) => {
                    let _ = std::fs::remove_file(&j.path);
                }
                // A journal that continues some other version of the file, or one this program
                // cannot read, is not ours to apply or to overwrite: it is kept aside (and
                // offered, if it can be read) when the file is opened.
                Found::OnBackup(_) | Found::Unmatched | Found::Unreadable => {
                    set_journal_aside(path);
                }
                Found::Nothing => {}
            }
        }
        Ok((doc, session))
    }

    /// Creates a new session file; refuses to replace one that exists. A journal left beside
    /// the name by a file that is gone is set aside, not taken for the new file's.
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
        if journal_path(path).exists() {
            set_journal_aside(path);
        }
        let mut doc = Self {
            path: path.to_owned(),
            lock: Some(lock),
            fingerprint: None,
            conflict_copy: None,
            mode: file_mode,
            journal: None,
            journal_kept: false,
            replayed: 0,
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
        let bytes = self.serialize(session);
        self.save_bytes(&bytes)
    }

    /// The session as this document would write it (sized from the last version), so the
    /// writing itself can happen elsewhere with [`Document::save_bytes`].
    pub fn serialize(&self, session: &Session) -> Vec<u8> {
        to_json_sized(session, self.fingerprint.as_ref().map_or(0, |f| f.size))
    }

    /// [`Document::save`] for a session already serialised by [`Document::serialize`].
    pub fn save_bytes(&mut self, bytes: &[u8]) -> Result<(), StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let on_disk = fingerprint_on_disk(&self.path)?;
        let unchanged = match (&on_disk, &self.fingerprint) {
            (None, _) => true,
            (Some(now), Some(known)) => now == known,
            (Some(_), None) => false,
        };
        if !unchanged || self.conflict_copy.is_some() {
            let kept = self
                .conflict_copy
                .get_or_insert_with(|| conflict_path(&self.path))
                .clone();
            write_atomic(&kept, bytes, self.mode)?;
            return Err(StoreError::Conflict {
                path: self.path.clone(),
                kept,
            });
        }
        let written = if on_disk.is_some() {
            self.keep_backup()
        } else {
            Ok(())
        }
        .and_then(|()| write_atomic(&self.path, bytes, self.mode));
        if let Err(e) = written {
            self.adopt_own_link();
            return Err(e);
        }
        let meta = std::fs::metadata(&self.path).map_err(|e| StoreError::io(&self.path, e))?;
        self.fingerprint = Some(Fingerprint::of(&meta, bytes));
        // The file now holds everything the journal did.
        self.journal = None;
        self.journal_kept = false;
        match std::fs::remove_file(journal_path(&self.path)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(StoreError::io(journal_path(&self.path), e))
            }
            _ => Ok(()),
        }
    }

    /// Writes the session from its pieces (see [`super::Image`]): the same durable save as
    /// [`Document::save`].
    pub fn save_text(&mut self, text: &FileText) -> Result<(), StoreError> {
        self.save_bytes(&text.to_vec())
    }

    /// Appends one change to the journal and syncs it: the change is then saved, though the
    /// file itself is rewritten later. A new journal starts from the file as last read or
    /// written.
    pub fn append_journal(&mut self, record: &[u8]) -> Result<(), StoreError> {
        let path = journal_path(&self.path);
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        if self.journal.is_none() {
            let writer = if self.journal_kept {
                journal::Writer::reopen(&path)
            } else {
                let Some(fp) = &self.fingerprint else {
                    return Err(StoreError::io(
                        &self.path,
                        std::io::ErrorKind::NotFound.into(),
                    ));
                };
                journal::Writer::create(&path, self.mode, fp.size, fp.hash)
            };
            self.journal = Some(writer.map_err(|e| StoreError::io(&path, e))?);
        }
        let Some(writer) = &mut self.journal else {
            return Ok(());
        };
        writer.append(record).map_err(|e| StoreError::io(&path, e))
    }

    /// Bytes in the journal (0 when there is none).
    pub fn journal_len(&self) -> u64 {
        self.journal.as_ref().map_or(0, journal::Writer::len)
    }

    /// Whether saves go to a conflict copy, because someone else changed the file.
    pub fn in_conflict(&self) -> bool {
        self.conflict_copy.is_some()
    }

    /// The file as last read or written, `None` before it exists.
    pub fn fingerprint(&self) -> Option<&Fingerprint> {
        self.fingerprint.as_ref()
    }

    /// How many journal records were applied when the file was opened.
    pub fn replayed(&self) -> usize {
        self.replayed
    }

    /// After a failed save: the backup's hard link may have changed the file's ctime (and link
    /// count) without changing the file. Taking that for someone else's change would turn every
    /// later save into a conflict copy, so the fingerprint follows it when everything else,
    /// content included, is still what we know.
    fn adopt_own_link(&mut self) {
        let Some(known) = &self.fingerprint else {
            return;
        };
        if let Ok(Some(now)) = fingerprint_on_disk(&self.path)
            && now.same_except_ctime(known)
        {
            self.fingerprint = Some(now);
        }
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

/// Moves the journal beside `path` to `NAME.json.journal-STAMP`, where nothing writes to it or
/// removes it and the next opener is offered what it holds.
fn set_journal_aside(path: &Path) {
    let _ = std::fs::rename(journal_path(path), set_aside_path(path));
}

/// Where a journal that does not continue the file is kept: `NAME.json.journal-STAMP`.
fn set_aside_path(path: &Path) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut candidate = sibling(path, &format!(".journal-{stamp}"));
    let mut n = 2;
    while candidate.exists() {
        candidate = sibling(path, &format!(".journal-{stamp}-{n}"));
        n += 1;
    }
    candidate
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

#[cfg(test)]
mod content_hash_tests {
    use super::ContentHash;

    #[test]
    fn the_hash_does_not_depend_on_how_the_content_is_cut() {
        let text: Vec<u8> = "对照检查会 self-check 2023年12月5日\n"
            .repeat(50)
            .into_bytes();
        let whole = ContentHash::of(&text);
        for cut in [1, 3, 15, 16, 17, 100, 1000] {
            let mut h = ContentHash::new();
            for piece in text.chunks(cut) {
                h.update(piece);
            }
            assert_eq!(h.finish(), whole, "pieces of {cut}");
        }
    }

    #[test]
    fn any_change_changes_the_hash() {
        let text = "已落实".repeat(40).into_bytes();
        let base = ContentHash::of(&text);
        let mut seen = std::collections::HashSet::new();
        for i in 0..text.len() {
            for bit in [0x01, 0x80] {
                let mut t = text.clone();
                t[i] ^= bit;
                let h = ContentHash::of(&t);
                assert_ne!(h, base, "byte {i} bit {bit:#x}");
                assert!(seen.insert(h), "two one-bit changes hash alike");
            }
        }
        assert_ne!(ContentHash::of(&text[..text.len() - 1]), base);
        let mut longer = text.clone();
        longer.push(0);
        assert_ne!(
            ContentHash::of(&longer),
            base,
            "a trailing zero byte counts"
        );
        assert_ne!(ContentHash::of(b""), ContentHash::of(&[0]));
    }
}
