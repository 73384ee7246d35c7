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

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Missing => write!(f, "does not exist"),
            Problem::NotAFolder => write!(f, "is not a folder"),
            Problem::Link => write!(f, "is a symbolic link; give the folder itself"),
            Problem::WrongGroup { found, want } => write!(
                f,
                "belongs to group {} rather than {}",
                group_label(*found),
                group_label(*want)
            ),
            Problem::NotGroupWritable => write!(f, "the group cannot write in it (g+w)"),
            Problem::NoSetgid => write!(
                f,
                "no set-group-id bit (g+s): new files would not belong to the group"
            ),
            Problem::NoSticky => write!(
                f,
                "no sticky bit (+t): anyone in the group can delete a lock or replace a session"
            ),
            Problem::OthersWrite => write!(f, "users outside the group can write in it (o-w)"),
            Problem::OthersRead => write!(f, "users outside the group can read it (o-rx)"),
        }
    }
}

impl Problem {
    /// The problem in Chinese.
    pub fn zh(&self) -> String {
        match self {
            Problem::Missing => "不存在".to_owned(),
            Problem::NotAFolder => "不是文件夹".to_owned(),
            Problem::Link => "是符号链接，请给出文件夹本身".to_owned(),
            Problem::WrongGroup { found, want } => format!(
                "属于用户组 {}，而不是 {}",
                group_label(*found),
                group_label(*want)
            ),
            Problem::NotGroupWritable => "用户组不能写入（缺 g+w）".to_owned(),
            Problem::NoSetgid => "缺少 setgid 位（g+s）：新文件不会属于该用户组".to_owned(),
            Problem::NoSticky => {
                "缺少粘滞位（+t）：组内任何人都能删除锁文件或替换会议记录".to_owned()
            }
            Problem::OthersWrite => "组外用户可以写入（应 o-w）".to_owned(),
            Problem::OthersRead => "组外用户可以读取（应 o-rx）".to_owned(),
        }
    }
}

/// A group's name in `/etc/group`, else its number.
fn group_label(gid: u32) -> String {
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
    #[error("{}: {what}", path.display())]
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
