//! Opening and writing files in a data folder that other people can write to.
//!
//! On a shared server everyone in the group can create, rename and delete files in the session
//! folder, so every name the program uses beside a session can be planted in advance: a symlink
//! to someone's private file, a FIFO that blocks whoever opens it, `/dev/zero`, a forged journal.
//! So here, and only here, files are opened:
//! - without following a final symlink (`O_NOFOLLOW`) and without blocking (`O_NONBLOCK`), then
//!   refused unless the open descriptor is a regular file (never the path, which can be swapped
//!   between a check and an open);
//! - new files are created exclusively (`O_EXCL`) under names nobody can guess, with their mode
//!   set on the descriptor whatever the umask;
//! - reads are capped;
//! - a file beside a session is trusted only when its owner is the session file's owner or the
//!   user running the program, and nobody else could have written it (see [`Trust`]).
//!
//! Everything else in the store opens files through these functions.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use atomic_write_file::AtomicWriteFile;

use super::StoreError;

/// What a file that may not be read is instead of a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Symlink,
    Fifo,
    Device,
    Socket,
    Folder,
    Other,
}

impl FileKind {
    fn of(meta: &Metadata) -> Option<Self> {
        let t = meta.file_type();
        if t.is_file() {
            return None;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_fifo() {
                return Some(Self::Fifo);
            }
            if t.is_char_device() || t.is_block_device() {
                return Some(Self::Device);
            }
            if t.is_socket() {
                return Some(Self::Socket);
            }
        }
        Some(if t.is_symlink() {
            Self::Symlink
        } else if t.is_dir() {
            Self::Folder
        } else {
            Self::Other
        })
    }

    /// English words for messages (the interface language has its own, see `i18n`).
    pub fn describe(self) -> &'static str {
        match self {
            Self::Symlink => "a symbolic link, which is not followed here",
            Self::Fifo => "a named pipe (FIFO), not a file",
            Self::Device => "a device, not a file",
            Self::Socket => "a socket, not a file",
            Self::Folder => "a folder, not a file",
            Self::Other => "not a regular file",
        }
    }
}

/// Caps for reads of the small files beside a session (lock note, presence).
pub(crate) const NOTE_CAP: u64 = 64 * 1024;

/// The flags every open in a data folder gets: never block on a FIFO or device, never leak the
/// descriptor to a child, and (unless `follow`) never follow a final symlink.
fn flags(follow: bool) -> i32 {
    #[cfg(unix)]
    {
        let mut f = libc::O_NONBLOCK | libc::O_CLOEXEC;
        if !follow {
            f |= libc::O_NOFOLLOW;
        }
        f
    }
    #[cfg(not(unix))]
    {
        let _ = follow;
        0
    }
}

/// An open error told plainly: a symlink met with `O_NOFOLLOW` says `ELOOP` ("too many levels
/// of symbolic links"), which names the wrong thing.
fn open_error(path: &Path, e: std::io::Error, follow: bool) -> StoreError {
    #[cfg(unix)]
    if !follow && e.raw_os_error() == Some(libc::ELOOP) {
        return StoreError::NotRegular {
            path: path.to_owned(),
            kind: FileKind::Symlink,
        };
    }
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ENXIO) {
        // A FIFO opened for writing without a reader, or a device without its driver.
        return StoreError::NotRegular {
            path: path.to_owned(),
            kind: FileKind::Other,
        };
    }
    let _ = follow;
    StoreError::io(path, e)
}

/// Refuses an open descriptor that is not a regular file; gives its metadata otherwise.
fn regular(path: &Path, file: &File) -> Result<Metadata, StoreError> {
    let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
    match FileKind::of(&meta) {
        None => Ok(meta),
        Some(kind) => Err(StoreError::NotRegular {
            path: path.to_owned(),
            kind,
        }),
    }
}

/// Opens a regular file for reading, never blocking; with `follow`, a symlink is followed (a
/// session file named on the command line), otherwise refused (every file beside a session).
/// `Ok(None)` when there is no file of that name.
pub(crate) fn open_read(path: &Path, follow: bool) -> Result<Option<(File, Metadata)>, StoreError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, flags(follow));
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(open_error(path, e, follow)),
    };
    let meta = regular(path, &file)?;
    Ok(Some((file, meta)))
}

/// Reads at most `cap` bytes of an open file; more is [`StoreError::TooLarge`].
pub(crate) fn read_capped(
    path: &Path,
    file: impl Read,
    meta: &Metadata,
    cap: u64,
) -> Result<Vec<u8>, StoreError> {
    if meta.len() > cap {
        return Err(StoreError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
            limit: cap,
        });
    }
    // Sized from the metadata: growing by doubling copied a 7 MB file three times over. Read
    // straight into that room, one byte more to see the end: the standard reading of a
    // bounded reader asks for 8 KiB first whatever the room, a third read for a session file
    // (and the roll-up reads thousands).
    let expected = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = vec![0; expected.saturating_add(1)];
    let mut got = 0;
    let mut file = file.take(cap + 1);
    while got < bytes.len() {
        match file.read(&mut bytes[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(StoreError::io(path, e)),
        }
    }
    bytes.truncate(got);
    // Grown since its metadata was read: the rest, still bounded.
    if got > expected {
        file.read_to_end(&mut bytes)
            .map_err(|e| StoreError::io(path, e))?;
    }
    if bytes.len() as u64 > cap {
        return Err(StoreError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
            limit: cap,
        });
    }
    Ok(bytes)
}

/// A settings file in a data folder, read as a file beside a session is: not followed if a
/// link, refused unless regular (a FIFO never blocks), at most `cap` bytes. `Ok(None)` when
/// there is none.
pub fn read_folder_file(path: &Path, cap: u64) -> Result<Option<Vec<u8>>, StoreError> {
    let Some((file, meta)) = open_read(path, false)? else {
        return Ok(None);
    };
    read_capped(path, file, &meta, cap).map(Some)
}

/// Opens an existing regular file for reading and writing, not following a symlink and never
/// blocking.
pub(crate) fn open_rw_existing(path: &Path) -> Result<File, StoreError> {
    let mut options = OpenOptions::new();
    options.read(true).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, flags(false));
    let file = options.open(path).map_err(|e| open_error(path, e, false))?;
    regular(path, &file)?;
    Ok(file)
}

/// A file beside a session, read only if it is a regular file (not followed), within `cap`,
/// and trusted by `trust`. `Ok(None)` when there is none.
pub(crate) fn read_sibling(
    path: &Path,
    cap: u64,
    trust: &Trust,
) -> Result<Option<(Vec<u8>, Metadata)>, StoreError> {
    let Some((file, meta)) = open_read(path, false)? else {
        return Ok(None);
    };
    trust.check(path, &meta)?;
    let bytes = read_capped(path, file, &meta, cap)?;
    Ok(Some((bytes, meta)))
}

/// The user id this program runs as (from `/proc/self/status`: reading it needs no `unsafe`).
pub fn effective_uid() -> Option<u32> {
    static UID: std::sync::OnceLock<Option<u32>> = std::sync::OnceLock::new();
    *UID.get_or_init(|| {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("Uid:"))?;
        // Real, effective, saved, file system.
        line.split_whitespace().nth(2)?.parse().ok()
    })
}

/// Whose files beside a session may be believed: a journal, a recovery copy or a presence note
/// changes what a user sees and saves, and its header or content hash can be forged by anyone
/// who can read the session. Its owner cannot: a file is trusted when it belongs to the session
/// file's owner or to the user running the program, and neither group nor others may write it.
#[derive(Debug, Clone, Copy)]
pub struct Trust {
    session_owner: Option<u32>,
    me: Option<u32>,
}

impl Trust {
    /// Trust for the files beside a session file whose metadata is `session`.
    pub(crate) fn beside(session: &Metadata) -> Self {
        Self {
            session_owner: owner(session),
            me: effective_uid(),
        }
    }

    /// Trust for the files beside a session file owned by `uid`.
    pub(crate) fn of_owner(uid: Option<u32>) -> Self {
        Self {
            session_owner: uid,
            me: effective_uid(),
        }
    }

    /// Trust for files beside a session file that does not exist (yet): only our own.
    pub(crate) fn own() -> Self {
        Self {
            session_owner: None,
            me: effective_uid(),
        }
    }

    /// Refuses a file that is not trusted: [`StoreError::NotTrusted`].
    pub(crate) fn check(&self, path: &Path, meta: &Metadata) -> Result<(), StoreError> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let uid = meta.uid();
            let ours = Some(uid) == self.session_owner || Some(uid) == self.me;
            let writable_by_others = meta.mode() & 0o022 != 0;
            if !ours || writable_by_others {
                return Err(StoreError::NotTrusted {
                    path: path.to_owned(),
                    owner: uid,
                    expected: self.session_owner.or(self.me).unwrap_or(u32::MAX),
                });
            }
        }
        let _ = (path, meta);
        Ok(())
    }
}

/// The owner of a file (`None` where files have no owner id).
#[cfg_attr(
    unix,
    expect(clippy::unnecessary_wraps, reason = "no owner id off Unix")
)]
pub(crate) fn owner(meta: &Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(meta.uid())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// Permission bits of a file (`0o640`, ...).
pub(crate) fn permissions(meta: &Metadata) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o7777
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        0o600
    }
}

/// Sets `mode` on an open file (fchmod: the descriptor, not a path someone could swap).
pub(crate) fn set_mode(path: &Path, file: &File, mode: u32) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| StoreError::io(path, e))?;
    }
    let _ = (path, file, mode);
    Ok(())
}

/// Creates `path`, which must not exist (a symlink there counts as existing: `O_EXCL` never
/// follows one), with exactly `mode`.
pub(crate) fn create_new(path: &Path, mode: u32) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, flags(false));
    }
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    Ok(file)
}

/// A name beside `path` nobody can have planted in advance (process id, a counter and the
/// clock's nanoseconds): `.NAME.TAG.tmp`. Used with an exclusive create or a hard link, neither
/// of which follows or replaces what is there.
pub(crate) fn temp_name(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let tag = format!(
        "{}-{}-{nanos:x}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    path.with_file_name(format!(".{name}.{tag}.tmp"))
}

/// Creates a new file beside `path` under a name nobody can have planted in advance (process
/// id, a counter and the clock's nanoseconds, and `O_EXCL` all the same): `.NAME.TAG.tmp`.
pub(crate) fn create_temp(path: &Path, mode: u32) -> Result<(File, PathBuf), StoreError> {
    let mut last = None;
    for _ in 0..16 {
        let tmp = temp_name(path);
        match create_new(&tmp, mode) {
            Ok(f) => return Ok((f, tmp)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(StoreError::io(&tmp, e)),
        }
    }
    Err(StoreError::io(
        path,
        last.unwrap_or_else(|| std::io::ErrorKind::AlreadyExists.into()),
    ))
}

/// Mode for new files in `dir`: owner-only, or group-readable where the folder is shared with a
/// group (group-writable or set-group-id).
pub(crate) fn file_mode(dir: &Path) -> u32 {
    if is_shared_folder(dir) { 0o640 } else { 0o600 }
}

/// Whether `dir` is a folder shared with a group (group-writable or set-group-id).
pub(crate) fn is_shared_folder(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = std::fs::metadata(dir) {
            let mode = m.permissions().mode();
            return mode & 0o020 != 0 || mode & 0o2000 != 0;
        }
    }
    let _ = dir;
    false
}

/// The folder a file is in (`.` for a bare name).
pub(crate) fn parent(path: &Path) -> &Path {
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

/// Writes `bytes` to `path` atomically and durably with `mode`, whatever the umask. The file is
/// written under a temporary name (an unnamed `O_TMPFILE` where the system has it) and renamed
/// over `path`: a symlink at `path` is replaced, never followed.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> Result<(), StoreError> {
    let mut options = AtomicWriteFile::options();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
        options.preserve_mode(false);
        options.preserve_owner(false);
    }
    let mut file = options.open(path).map_err(|e| StoreError::io(path, e))?;
    set_mode(path, file.as_file(), mode)?;
    file.write_all(bytes).map_err(|e| StoreError::io(path, e))?;
    file.commit().map_err(|e| StoreError::io(path, e))
}

/// Replaces `path` with `bytes` atomically (a reader sees the old file or the new one, never a
/// part) but not durably: no fsync, so after a power cut either may be there. For small files
/// that are rewritten often and worth little after a crash, such as the presence note written on
/// every move to another check, where two fsyncs would cost more time than the whole key press.
pub(crate) fn write_replace(path: &Path, bytes: &[u8], mode: u32) -> Result<(), StoreError> {
    let (mut file, tmp) = create_temp(path, mode)?;
    let renamed = file
        .write_all(bytes)
        .and_then(|()| std::fs::rename(&tmp, path));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    renamed.map_err(|e| StoreError::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::{StoreError, read_capped};

    /// A file that grew after its metadata was read: all of it is read, and the bound holds.
    #[test]
    fn a_file_longer_than_its_metadata_is_read_whole_within_the_bound() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, b"abc").unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        let grown = b"abcdefghij";
        assert_eq!(
            read_capped(&path, &grown[..], &meta, 100).unwrap(),
            grown.to_vec()
        );
        assert_eq!(
            read_capped(&path, &grown[..], &meta, 10).unwrap(),
            grown.to_vec()
        );
        assert!(matches!(
            read_capped(&path, &grown[..], &meta, 9),
            Err(StoreError::TooLarge { size: 10, .. })
        ));
        // Shorter than its metadata (cut since): what there is.
        assert_eq!(read_capped(&path, &b"ab"[..], &meta, 100).unwrap(), b"ab");
    }
}
