//! Where sessions live: the data folder (user's own, or a shared one on a server), file names for
//! new sessions, and the listing of what is there.

use std::path::{Path, PathBuf};

use super::{StoreError, load_session};
use crate::model::{Progress, Session};

/// The environment variable naming a data folder (for a shared folder on a server).
pub const DATA_DIR_ENV: &str = "SELFCHECK_DATA_DIR";

/// The folder of session files, and whether it is shared with a group.
#[derive(Debug, Clone)]
pub struct DataDir {
    path: PathBuf,
}

/// One session file found in the data folder, with what the listing shows of it.
#[derive(Debug, Clone)]
pub struct SessionEntry {
    pub path: PathBuf,
    pub session: Session,
    pub progress: Progress,
}

impl DataDir {
    /// `--data-dir`, else `SELFCHECK_DATA_DIR`, else the user's data folder.
    pub fn resolve(explicit: Option<&Path>) -> Result<Self, String> {
        if let Some(p) = explicit {
            return Ok(Self::at(p));
        }
        if let Some(p) = std::env::var_os(DATA_DIR_ENV).filter(|p| !p.is_empty()) {
            return Ok(Self::at(Path::new(&p)));
        }
        directories::ProjectDirs::from("", "", "selfcheck")
            .map(|d| Self::at(&d.data_dir().join("sessions")))
            .ok_or_else(|| {
                format!(
                    "no home folder found; give a data folder with --data-dir or {DATA_DIR_ENV}"
                )
            })
    }

    pub fn at(path: &Path) -> Self {
        Self {
            path: path.to_owned(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Creates the folder (owner-only) if it does not exist yet.
    pub fn ensure(&self) -> Result<(), StoreError> {
        if self.path.is_dir() {
            return Ok(());
        }
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(&self.path)
            .map_err(|e| StoreError::io(&self.path, e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&self.path, std::fs::Permissions::from_mode(0o700))
                .map_err(|e| StoreError::io(&self.path, e))?;
        }
        Ok(())
    }

    /// Session files in the folder, newest meeting first; unreadable ones come back as errors.
    pub fn list(&self) -> Result<Vec<Result<SessionEntry, StoreError>>, StoreError> {
        let read = match std::fs::read_dir(&self.path) {
            Ok(r) => r,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io(&self.path, e)),
        };
        let mut paths: Vec<PathBuf> = read
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == "json")
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                    && p.is_file()
            })
            .collect();
        paths.sort();
        let mut entries: Vec<Result<SessionEntry, StoreError>> = paths
            .into_iter()
            .map(|path| {
                load_session(&path).map(|session| SessionEntry {
                    progress: Progress::of_session(&session),
                    path,
                    session,
                })
            })
            .collect();
        entries.sort_by(|a, b| match (a, b) {
            (Ok(a), Ok(b)) => b
                .session
                .meeting
                .date
                .cmp(&a.session.meeting.date)
                .then(b.session.updated_at.cmp(&a.session.updated_at)),
            (Ok(_), Err(_)) => std::cmp::Ordering::Less,
            (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
            (Err(a), Err(b)) => a.path().cmp(b.path()),
        });
        Ok(entries)
    }

    /// A path for a new session that does not exist yet.
    pub fn new_session_path(&self, session: &Session) -> PathBuf {
        let base = session_file_name(session);
        let mut candidate = self.path.join(format!("{base}.json"));
        let mut n = 2;
        // Anything of that name counts, a dangling link included (`exists` would follow it).
        while std::fs::symlink_metadata(&candidate).is_ok() {
            candidate = self.path.join(format!("{base}-{n}.json"));
            n += 1;
        }
        candidate
    }
}

/// `YYYY-MM-DD-单位名称`, with characters that trouble file systems or shells left out.
pub fn session_file_name(session: &Session) -> String {
    let date = session
        .meeting
        .date
        .unwrap_or_else(|| session.created_at.date_naive())
        .format("%Y-%m-%d")
        .to_string();
    let unit: String = session
        .unit
        .name
        .chars()
        .filter(|c| !c.is_control() && !"/\\:*?\"<>|'`$ \t".contains(*c))
        .filter(|c| crate::text::sanitize::is_clean(&c.to_string()))
        .take(40)
        .collect();
    let unit = unit.trim_start_matches(['.', '-']);
    if unit.is_empty() {
        format!("{date}-{}", session.template.id)
    } else {
        format!("{date}-{unit}")
    }
}
