//! Recovery copies kept away from the session's folder: when the folder cannot take a save on
//! the way out (a full disk, a folder made read-only, a hang-up at that moment), the record is
//! written where the user can write, their own data folder and then the temporary folder, and
//! the next start names where it is.
//!
//! A copy is the session's JSON (`NAME.STAMP.recovery.json`, a session file like any other),
//! with a small note beside it (`… .from`) naming the session it belongs to. The temporary
//! folder is shared with every user of the machine, so the program's folder there
//! (`selfcheck-UID`) is used only if it is a real folder of ours closed to everyone else, and
//! every file in it is created exclusively.

use std::path::{Path, PathBuf};

use super::StoreError;
use super::file::{NOTE_CAP, Trust, create_new, effective_uid, read_sibling};

/// A recovery copy written away from its session, found at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The copy (a session file).
    pub copy: PathBuf,
    /// The session it was meant for.
    pub session: PathBuf,
}

/// The folders a recovery copy may go to when its session's folder cannot take it, in order:
/// the user's own data folder, then the temporary folder.
pub fn places() -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Some(d) = directories::ProjectDirs::from("", "", "selfcheck") {
        v.push(d.data_dir().join("recovery"));
    }
    let uid = effective_uid().map_or_else(|| "user".to_owned(), |u| u.to_string());
    v.push(std::env::temp_dir().join(format!("selfcheck-{uid}")));
    v
}

/// Makes `dir` (and its parents) if needed, owner-only; an existing one must be a real folder
/// (not a link), ours, and closed to group and others.
fn private_dir(dir: &Path) -> Result<(), StoreError> {
    let io = |e| StoreError::io(dir, e);
    if std::fs::symlink_metadata(dir).is_err() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(io)?;
    }
    let meta = std::fs::symlink_metadata(dir).map_err(io)?;
    if !meta.is_dir() {
        return Err(StoreError::NotRegular {
            path: dir.to_owned(),
            kind: if meta.file_type().is_symlink() {
                super::FileKind::Symlink
            } else {
                super::FileKind::Other
            },
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if Some(meta.uid()) != effective_uid() || meta.mode() & 0o077 != 0 {
            return Err(StoreError::NotTrusted {
                path: dir.to_owned(),
                owner: meta.uid(),
                expected: effective_uid().unwrap_or(u32::MAX),
            });
        }
    }
    Ok(())
}

/// Writes `bytes` (the session's JSON) as a recovery copy for `session` in the first of
/// `places` that takes it; gives where it went. Every file is created exclusively, owner-only.
pub fn write_away(session: &Path, bytes: &[u8], places: &[PathBuf]) -> Result<Pending, StoreError> {
    use std::io::Write;
    let name = session.file_stem().map_or_else(
        || "session".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut last = None;
    for dir in places {
        let attempt = (|| {
            private_dir(dir)?;
            let mut n = 1;
            let (mut file, copy) = loop {
                let copy = if n == 1 {
                    dir.join(format!("{name}.{stamp}.recovery.json"))
                } else {
                    dir.join(format!("{name}.{stamp}-{n}.recovery.json"))
                };
                match create_new(&copy, 0o600) {
                    Ok(f) => break (f, copy),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
                    Err(e) => return Err(StoreError::io(&copy, e)),
                }
            };
            let written = file.write_all(bytes).and_then(|()| file.sync_all());
            let from = super::file::sibling(&copy, ".from");
            let noted = written.and_then(|()| {
                let mut f = create_new(&from, 0o600)?;
                f.write_all(session.as_os_str().as_encoded_bytes())?;
                f.sync_all()
            });
            if let Err(e) = noted {
                let _ = std::fs::remove_file(&copy);
                let _ = std::fs::remove_file(&from);
                return Err(StoreError::io(&copy, e));
            }
            Ok(Pending {
                copy,
                session: session.to_owned(),
            })
        })();
        match attempt {
            Ok(p) => return Ok(p),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| StoreError::io(session, std::io::ErrorKind::NotFound.into())))
}

/// Recovery copies of ours waiting in `places`, oldest first. Only regular files of this user
/// in private folders count: nothing anyone else put there is offered.
pub fn pending(places: &[PathBuf]) -> Vec<Pending> {
    let mut found = Vec::new();
    for dir in places {
        if private_dir_ok(dir).is_none() {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for e in entries.filter_map(Result::ok) {
            let copy = e.path();
            if !copy.to_string_lossy().ends_with(".recovery.json") {
                continue;
            }
            let from = super::file::sibling(&copy, ".from");
            let Ok(Some((note, _))) = read_sibling(&from, NOTE_CAP, &Trust::own()) else {
                continue;
            };
            let ours = std::fs::symlink_metadata(&copy)
                .is_ok_and(|m| m.is_file() && Trust::own().check(&copy, &m).is_ok());
            if ours {
                found.push(Pending {
                    copy,
                    session: PathBuf::from(String::from_utf8_lossy(&note).into_owned()),
                });
            }
        }
    }
    found.sort_by(|a, b| a.copy.cmp(&b.copy));
    found
}

/// `Some` when `dir` exists and is a private folder of ours (never created here).
fn private_dir_ok(dir: &Path) -> Option<()> {
    std::fs::symlink_metadata(dir).ok()?;
    private_dir(dir).ok()
}

/// Removes a recovery copy once its record is safely saved (or discarded by the user).
pub fn remove(p: &Pending) {
    let _ = std::fs::remove_file(&p.copy);
    let _ = std::fs::remove_file(super::file::sibling(&p.copy, ".from"));
}
