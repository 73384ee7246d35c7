//! The lock that makes one person the editor of a session. It is an flock on a separate
//! `NAME.json.lock` file that is never renamed (a lock on the data file itself would be lost at
//! the first atomic save), and it records who holds it so a second opener can be told.

use std::fmt;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};
use serde::{Deserialize, Serialize};

use super::StoreError;
use super::file::{NOTE_CAP, effective_uid, open_read, open_rw_existing, read_capped, sibling};

/// Who holds a session: written into the lock file by the holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockHolder {
    pub user: String,
    pub host: String,
    pub pid: u32,
    /// RFC 3339.
    pub since: String,
}

impl fmt::Display for LockHolder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let since = DateTime::parse_from_rfc3339(&self.since).map_or_else(
            |_| self.since.clone(),
            |t| t.format("%Y-%m-%d %H:%M").to_string(),
        );
        write!(
            f,
            "{}@{} (pid {}, since {})",
            crate::text::sanitize::one_line(&self.user),
            crate::text::sanitize::one_line(&self.host),
            self.pid,
            since
        )
    }
}

impl LockHolder {
    /// This process, now.
    pub fn current() -> Self {
        Self {
            user: current_user(),
            host: host_name(),
            pid: std::process::id(),
            since: Local::now().fixed_offset().to_rfc3339(),
        }
    }

    fn unknown() -> Self {
        Self {
            user: "?".into(),
            host: "?".into(),
            pid: 0,
            since: "?".into(),
        }
    }
}

/// The user running this program: the name of its user id in `/etc/passwd`, else `uid N` (a
/// user without an entry). The environment (`USER`) is a last resort: after `su` or `setpriv`
/// it may still name someone else.
pub fn current_user() -> String {
    if let Some(uid) = effective_uid() {
        return user_name(uid).unwrap_or_else(|| format!("uid {uid}"));
    }
    for var in ["USER", "LOGNAME", "USERNAME"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return v;
        }
    }
    "?".into()
}

/// The login name of `uid` in `/etc/passwd`.
pub fn user_name(uid: u32) -> Option<String> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let mut f = l.split(':');
        let name = f.next()?;
        let id: u32 = f.nth(1)?.parse().ok()?;
        (id == uid && !name.is_empty()).then(|| name.to_owned())
    })
}

/// The name of this machine.
pub fn host_name() -> String {
    for file in ["/proc/sys/kernel/hostname", "/etc/hostname"] {
        if let Ok(s) = std::fs::read_to_string(file) {
            let s = s.trim();
            if !s.is_empty() {
                return s.to_owned();
            }
        }
    }
    std::env::var("HOSTNAME").unwrap_or_else(|_| "?".into())
}

/// The lock file path of a session file.
pub fn lock_path(session: &Path) -> PathBuf {
    sibling(session, ".lock")
}

/// A held lock; released when dropped (or when the process dies, however it dies).
#[derive(Debug)]
pub struct SessionLock {
    file: File,
    path: PathBuf,
    /// Whether the holder's note could be written (a lock file left by an older version may be
    /// readable only; the flock works on it all the same).
    noted: bool,
}

/// Opens the lock file, creating it if there is none. It is created exclusively with `mode` set
/// on the descriptor, and an existing one is opened without following a symlink and refused
/// unless it is a regular file: a lock file planted as a link to someone's file never gets the
/// note written into that file. Where it can only be read (someone else's, not group-writable),
/// it is opened read-only: flock works on a read-only descriptor.
fn open_lock(path: &Path, mode: u32) -> Result<(File, bool), StoreError> {
    let mut last = None;
    for _ in 0..8 {
        let mut options = OpenOptions::new();
        options.read(true).write(true).create_new(true);
        #[cfg(unix)]
        {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
            std::os::unix::fs::OpenOptionsExt::custom_flags(
                &mut options,
                libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC,
            );
        }
        match options.open(path) {
            Ok(file) => {
                super::file::set_mode(path, &file, mode)?;
                return Ok((file, true));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(StoreError::io(path, e)),
        }
        match open_rw_existing(path) {
            Ok(file) => return Ok((file, true)),
            Err(StoreError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::PermissionDenied =>
            {
                match open_read(path, false)? {
                    Some((file, _)) => return Ok((file, false)),
                    None => last = Some(source),
                }
            }
            // Removed between the two opens: try again.
            Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                last = Some(source);
            }
            Err(e) => return Err(e),
        }
    }
    Err(StoreError::io(
        path,
        last.unwrap_or_else(|| std::io::ErrorKind::NotFound.into()),
    ))
}

/// The holder's note read from an open lock file (capped: anyone in the group can write it).
fn read_note(path: &Path, mut file: &File) -> LockHolder {
    let _ = file.seek(SeekFrom::Start(0));
    let Ok(meta) = file.metadata() else {
        return LockHolder::unknown();
    };
    read_capped(path, file, &meta, NOTE_CAP)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_else(LockHolder::unknown)
}

impl SessionLock {
    /// Takes the lock of `session` or says who has it. `mode` is the mode of the session's
    /// files: in a folder shared with a group (`0o640`), the lock file is made group-writable
    /// (`0o660`) so that anyone in the group can take the session once its holder has quit and
    /// write who they are.
    pub fn acquire(session: &Path, mode: u32) -> Result<Self, StoreError> {
        let path = lock_path(session);
        let mode = if mode & 0o040 != 0 { 0o660 } else { 0o600 };
        let (mut file, writable) = open_lock(&path, mode)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    path: session.to_owned(),
                    holder: read_note(&path, &file),
                });
            }
            Err(TryLockError::Error(e)) => return Err(StoreError::io(&path, e)),
        }
        if !writable {
            return Ok(Self {
                file,
                path,
                noted: false,
            });
        }
        // Who holds the lock is a courtesy to the next opener, not worth a sync: the lock
        // itself is the flock, which goes with the process however it ends.
        let holder = LockHolder::current();
        let record = serde_json::to_string(&holder).unwrap_or_default();
        let written = file
            .seek(SeekFrom::Start(0))
            .and_then(|_| file.write_all(record.as_bytes()))
            .and_then(|()| file.set_len(record.len() as u64));
        written.map_err(|e| StoreError::io(&path, e))?;
        Ok(Self {
            file,
            path,
            noted: true,
        })
    }

    /// Who holds `session` now, if anyone. Never takes the lock for longer than the look.
    pub fn holder(session: &Path) -> Option<LockHolder> {
        let path = lock_path(session);
        let (file, _) = open_read(&path, false).ok()??;
        if let Ok(()) = file.try_lock_shared() {
            let _ = file.unlock();
            None
        } else {
            Some(read_note(&path, &file))
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Empty the record so a stale file names nobody; the flock itself goes with the file.
        if self.noted {
            let _ = self.file.set_len(0);
        }
        let _ = self.file.unlock();
    }
}
