//! A folder shared by a group of officials on a server: what it must be, a check that says what
//! is wrong with one, and the set-up that makes one.
//!
//! What it must be: owned by the group (so files made in it belong to the group), with the
//! set-group-id bit (new files inherit the group), group-writable (anyone in the group can
//! start and save sessions), closed to others, and sticky like `/tmp` (only a file's owner can
//! delete or rename it: nobody can remove someone's lock to edit alongside them, or replace a
//! session file with a link, a FIFO or a forged copy).

use std::path::{Path, PathBuf};

/// The mode a shared folder gets: set-group-id, sticky, `rwxrwx---`.
pub const SHARED_MODE: u32 = 0o3770;

/// Something wrong with a shared folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Missing,
    NotAFolder,
    /// The folder is a symbolic link (anyone who can replace it can send the group elsewhere).
    Link,
    WrongGroup {
        found: u32,
        want: u32,
    },
    NotGroupWritable,
    NoSetgid,
    NoSticky,
    /// Others (outside the group) may write in it.
    OthersWrite,
    /// Others (outside the group) may read or list it.
    OthersRead,
}

/// A group's name in `/etc/group`, else its number.
pub fn group_label(gid: u32) -> String {
    group_entries()
        .into_iter()
        .find(|(_, g)| *g == gid)
        .map_or_else(|| gid.to_string(), |(n, _)| format!("{n} ({gid})"))
}

fn group_entries() -> Vec<(String, u32)> {
    let Ok(text) = std::fs::read_to_string("/etc/group") else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|l| {
            let mut f = l.split(':');
            let name = f.next()?.to_owned();
            let gid = f.nth(1)?.parse().ok()?;
            Some((name, gid))
        })
        .collect()
}

/// The id of a group given by name (from `/etc/group`) or number.
pub fn group_id(group: &str) -> Option<u32> {
    if let Ok(n) = group.parse() {
        return Some(n);
    }
    group_entries()
        .into_iter()
        .find(|(n, _)| n == group)
        .map(|(_, g)| g)
}

/// Whether `dir` has the sticky bit.
pub fn is_sticky(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o1000 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        true
    }
}

/// What is wrong with `dir` as a folder shared by group `gid` (empty when nothing is).
pub fn check(dir: &Path, gid: u32) -> Vec<Problem> {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return vec![Problem::Missing];
    };
    if meta.file_type().is_symlink() {
        return vec![Problem::Link];
    }
    if !meta.is_dir() {
        return vec![Problem::NotAFolder];
    }
    let mut problems = Vec::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let mode = meta.mode();
        if meta.gid() != gid {
            problems.push(Problem::WrongGroup {
                found: meta.gid(),
                want: gid,
            });
        }
        if mode & 0o070 != 0o070 {
            problems.push(Problem::NotGroupWritable);
        }
        if mode & 0o2000 == 0 {
            problems.push(Problem::NoSetgid);
        }
        if mode & 0o1000 == 0 {
            problems.push(Problem::NoSticky);
        }
        if mode & 0o002 != 0 {
            problems.push(Problem::OthersWrite);
        }
        if mode & 0o005 != 0 {
            problems.push(Problem::OthersRead);
        }
    }
    let _ = gid;
    problems
}

/// What [`set_up`] did.
#[derive(Debug, Default)]
pub struct Done {
    pub created: bool,
    pub group_changed: bool,
    pub mode_changed: bool,
}

/// Why a folder could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SetUpError {
    #[error("{}: {what:?}", path.display())]
    Problem { path: PathBuf, what: Problem },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Creates `dir` (and its parents) if needed and gives it group `gid` and [`SHARED_MODE`].
/// An existing link or file is refused, never followed or replaced. Changing the group needs
/// the folder's owner (in that group) or root.
pub fn set_up(dir: &Path, gid: u32) -> Result<Done, SetUpError> {
    let io = |source| SetUpError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut done = Done::default();
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(SetUpError::Problem {
                path: dir.to_owned(),
                what: Problem::Link,
            });
        }
        Ok(m) if !m.is_dir() => {
            return Err(SetUpError::Problem {
                path: dir.to_owned(),
                what: Problem::NotAFolder,
            });
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o770);
            builder.create(dir).map_err(io)?;
            done.created = true;
        }
        Err(e) => return Err(io(e)),
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let meta = std::fs::symlink_metadata(dir).map_err(io)?;
        if meta.gid() != gid {
            std::os::unix::fs::lchown(dir, None, Some(gid)).map_err(io)?;
            done.group_changed = true;
        }
        // After the chown: changing the group clears the set-group-id bit.
        let meta = std::fs::symlink_metadata(dir).map_err(io)?;
        if meta.mode() & 0o7777 != SHARED_MODE {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(SHARED_MODE))
                .map_err(io)?;
            done.mode_changed = true;
        }
    }
    let _ = gid;
    Ok(done)
}
