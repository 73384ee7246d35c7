//! What the user should be told about opening a session: files beside it that were not
//! believed, a shared folder without the sticky bit, a session reached through a link.

use std::path::{Path, PathBuf};

/// Something found while opening a session that its user should be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A file beside the session (journal, recovery copy) written by someone other than the
    /// session file's owner was not applied or offered; it was moved to `kept` where that was
    /// possible.
    Foreign {
        path: PathBuf,
        owner: u32,
        kept: Option<PathBuf>,
    },
    /// The folder is shared with a group but lacks the sticky bit: anyone in the group can
    /// delete the lock file (and so let a second editor in) or replace the session file.
    NotSticky { dir: PathBuf },
    /// The session path is a symbolic link: the session is edited where it points.
    Link { link: PathBuf, target: PathBuf },
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown =
            |p: &Path| crate::text::sanitize::one_line(&p.display().to_string()).into_owned();
        match self {
            Notice::Foreign { path, owner, kept } => {
                write!(
                    f,
                    "{}: written by {}, not by the session's owner; not applied",
                    shown(path),
                    owner_name(*owner)
                )?;
                if let Some(k) = kept {
                    write!(f, " (moved to {})", shown(k))?;
                }
                Ok(())
            }
            Notice::NotSticky { dir } => write!(
                f,
                "{}: a shared folder without the sticky bit: anyone in the group can remove a \
                 lock or replace a session (run `selfcheck shared-folder` on it)",
                shown(dir)
            ),
            Notice::Link { link, target } => write!(
                f,
                "{} is a link: the session is edited at {}",
                shown(link),
                shown(target)
            ),
        }
    }
}

/// A user id as people know it: the login name, or `uid N`.
pub fn owner_name(uid: u32) -> String {
    super::lock::user_name(uid).unwrap_or_else(|| format!("uid {uid}"))
}
