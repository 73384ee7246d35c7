//! The lock that makes one person the editor of a session. It is an flock on a separate
//! `NAME.json.lock` file that is never renamed (a lock on the data file itself would be lost at
//! the first atomic save), and it records who holds it so a second opener can be told.

use std::fmt;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};
use serde::{Deserialize, Serialize};

use super::StoreError;

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

/// The user running this program.
pub fn current_user() -> String {
    for var in ["USER", "LOGNAME", "USERNAME"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return v;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata("/proc/self") {
            return format!("uid {}", m.uid());
        }
    }
    "?".into()
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
    super::document::sibling(session, ".lock")
}

/// A held lock; released when dropped (or when the process dies, however it dies).
#[derive(Debug)]
pub struct SessionLock {
    file: File,
    path: PathBuf,
}

impl SessionLock {
    /// Takes the lock of `session` or says who has it.
    pub fn acquire(session: &Path, mode: u32) -> Result<Self, StoreError> {
        let path = lock_path(session);
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
        let mut file = options.open(&path).map_err(|e| StoreError::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                let holder = serde_json::from_str(&text).unwrap_or_else(|_| LockHolder::unknown());
                return Err(StoreError::Locked {
                    path: session.to_owned(),
                    holder,
                });
            }
            Err(TryLockError::Error(e)) => return Err(StoreError::io(&path, e)),
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
        Ok(Self { file, path })
    }

    /// Who holds `session` now, if anyone. Never takes the lock for longer than the look.
    pub fn holder(session: &Path) -> Option<LockHolder> {
        let path = lock_path(session);
        let file = File::open(&path).ok()?;
        if let Ok(()) = file.try_lock_shared() {
            let _ = file.unlock();
            None
        } else {
            let text = std::fs::read_to_string(&path).ok()?;
            Some(serde_json::from_str(&text).unwrap_or_else(|_| LockHolder::unknown()))
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Empty the record so a stale file names nobody; the flock itself goes with the file.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}
