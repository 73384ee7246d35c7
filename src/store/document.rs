//! An open session file: the lock that makes us its editor, the fingerprint of what we last read
//! or wrote, and the durable save that refuses to overwrite someone else's change. This is the
//! top of the store: it uses the load, notice, file, hash, fingerprint, read, journal and lock
//! modules, and none of them uses it.

use std::path::{Path, PathBuf};

use super::StoreError;
use super::file::{
    Trust, effective_uid, file_mode, is_shared_folder, open_read, parent, sibling, write_atomic,
};
use super::fingerprint::{Fingerprint, fingerprint_on_disk, read_with_fingerprint};
use super::image::FileText;
use super::journal::{self, Found, journal_path};
use super::load::{recovery_path, resolve, to_json_sized};
use super::lock::SessionLock;
use super::notice::Notice;
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
    /// The journal's name is taken by a file we may neither use nor move (someone else's, in a
    /// sticky folder): changes must be written into the file whole.
    journal_blocked: bool,
    /// Records taken from a journal when the file was opened.
    replayed: usize,
    /// What the user should be told about the opening.
    notices: Vec<Notice>,
}

impl Document {
    /// Opens an existing session file. In `Edit` mode the lock is taken first, then the file is
    /// read, so what we read is what we may replace.
    pub fn open(path: &Path, mode: OpenMode) -> Result<(Self, Session), StoreError> {
        let named = path;
        let resolved = resolve(path)?;
        let path = resolved.as_path();
        let file_mode = file_mode(parent(path));
        let lock = match mode {
            OpenMode::Edit => Some(SessionLock::acquire(path, file_mode)?),
            OpenMode::ReadOnly => None,
        };
        let (bytes, fingerprint) = read_with_fingerprint(path)?
            .ok_or_else(|| StoreError::io(path, std::io::ErrorKind::NotFound.into()))?;
        let mut session = parse_session_bytes(path, &bytes)?;
        drop(bytes);
        let trust = Trust::of_owner(fingerprint.uid);
        let found = journal::apply_beside(
            path,
            &mut session,
            fingerprint.size(),
            fingerprint.hash,
            &trust,
        );
        let mut doc = Self {
            path: path.to_owned(),
            lock,
            fingerprint: Some(fingerprint),
            conflict_copy: None,
            mode: file_mode,
            journal: None,
            journal_kept: false,
            journal_blocked: false,
            replayed: 0,
            notices: Vec::new(),
        };
        if named != path {
            doc.notices.push(Notice::Link {
                link: named.to_owned(),
                target: path.to_owned(),
            });
        }
        if let Found::Applied { records } = found {
            doc.replayed = records;
        }
        if doc.lock.is_some() {
            doc.remove_strays();
            doc.check_folder();
            doc.set_aside_foreign_recovery(&trust);
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
                // Someone else's journal is never applied; it is moved out of the way (where
                // the folder allows) and the user told.
                Found::Untrusted { owner } => {
                    let kept = set_journal_aside(path);
                    doc.notices.push(Notice::Foreign {
                        path: journal_path(path),
                        owner,
                        kept,
                    });
                }
                Found::Nothing => {}
            }
        }
        Ok((doc, session))
    }

    /// Creates a new session file; refuses to replace one that exists. A journal left beside
    /// the name by a file that is gone is set aside, not taken for the new file's.
    pub fn create(path: &Path, session: &Session) -> Result<Self, StoreError> {
        // Anything of that name, a dangling link included, is not ours to replace.
        let exists = |p: &Path| std::fs::symlink_metadata(p).is_ok();
        if exists(path) {
            return Err(StoreError::Exists {
                path: path.to_owned(),
            });
        }
        let file_mode = file_mode(parent(path));
        let lock = SessionLock::acquire(path, file_mode)?;
        if exists(path) {
            return Err(StoreError::Exists {
                path: path.to_owned(),
            });
        }
        if exists(&journal_path(path)) {
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
            journal_blocked: false,
            replayed: 0,
            notices: Vec::new(),
        };
        doc.check_folder();
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
        let bytes = self.serialize(session)?;
        self.save_bytes(&bytes)
    }

    /// The session as this document would write it (sized from the last version), so the
    /// writing itself can happen elsewhere with [`Document::save_bytes`].
    pub fn serialize(&self, session: &Session) -> Result<Vec<u8>, StoreError> {
        to_json_sized(
            session,
            self.fingerprint.as_ref().map_or(0, Fingerprint::size),
        )
    }

    /// What the user should be told about the opening: someone else's file set aside, a
    /// shared folder without the sticky bit, a link followed.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Where saves have gone since someone else changed the file, if they have.
    pub fn conflict_copy(&self) -> Option<&Path> {
        self.conflict_copy.as_deref()
    }

    /// [`Document::save`] for a session already serialised by [`Document::serialize`].
    pub fn save_bytes(&mut self, bytes: &[u8]) -> Result<(), StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        // Not a regular file any more (replaced by a FIFO, a link, a device): someone else's
        // change, never opened or followed; our version goes to a conflict copy.
        let on_disk = match fingerprint_on_disk(&self.path) {
            Ok(fp) => fp.map(Some),
            Err(StoreError::NotRegular { .. }) => Some(None),
            Err(e) => return Err(e),
        };
        let unchanged = match (&on_disk, &self.fingerprint) {
            (None, _) => true,
            (Some(Some(now)), Some(known)) => now.same_version(known),
            (Some(_), _) => false,
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
        // The backup is a courtesy: a `.bak` someone else owns (which a sticky folder keeps us
        // from replacing) must not stop the save itself.
        let in_place = self.replaces_in_place(on_disk.as_ref().and_then(Option::as_ref));
        if on_disk.is_some() {
            let _ = self.keep_backup(in_place);
        }
        let written = if in_place {
            self.write_in_place(bytes)
        } else {
            write_atomic(&self.path, bytes, self.session_mode()).and_then(|()| {
                std::fs::symlink_metadata(&self.path).map_err(|e| StoreError::io(&self.path, e))
            })
        };
        let meta = match written {
            Ok(meta) => meta,
            Err(e) => {
                self.adopt_own_link();
                return Err(e);
            }
        };
        self.fingerprint = Some(Fingerprint::of(&meta, bytes));
        // The file now holds everything the journal did.
        self.journal = None;
        self.journal_kept = false;
        let journal = journal_path(&self.path);
        match std::fs::remove_file(&journal) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                // Someone else's file of that name (which a sticky folder keeps) is never
                // applied: it does not make the save fail.
                let ours = std::fs::symlink_metadata(&journal)
                    .is_ok_and(|m| super::file::owner(&m) == effective_uid());
                if ours {
                    Err(StoreError::io(journal, e))
                } else {
                    Ok(())
                }
            }
            _ => Ok(()),
        }
    }

    /// Writes the session from its pieces (see [`super::Image`]): the same durable save as
    /// [`Document::save`].
    pub fn save_text(&mut self, text: &FileText) -> Result<(), StoreError> {
        if let Some(e) = &text.failed {
            return Err(StoreError::Unwritable {
                message: e.0.clone(),
            });
        }
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
                journal::Writer::reopen(&path)?
            } else {
                let Some(fp) = &self.fingerprint else {
                    return Err(StoreError::io(
                        &self.path,
                        std::io::ErrorKind::NotFound.into(),
                    ));
                };
                let create = || journal::Writer::create(&path, self.mode, fp.size(), fp.hash);
                match create() {
                    // A file is already there (left by a crash, or planted): it is moved aside
                    // and the journal started anew; where it cannot be moved, this fails and
                    // the file is written whole instead.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        set_journal_aside(&self.path);
                        create().map_err(|e| {
                            if e.kind() == std::io::ErrorKind::AlreadyExists {
                                self.journal_blocked = true;
                            }
                            StoreError::io(&path, e)
                        })?
                    }
                    r => r.map_err(|e| StoreError::io(&path, e))?,
                }
            };
            self.journal = Some(writer);
            self.journal_blocked = false;
        }
        let Some(writer) = &mut self.journal else {
            return Ok(());
        };
        writer.append(record).map_err(|e| StoreError::io(&path, e))
    }

    /// Whether this session cannot have a journal: its name is taken by a file that is not
    /// ours and cannot be moved (someone else's, in a sticky folder). Saves must then write
    /// the file whole, as for a small session; [`Document::append_journal`] fails meanwhile.
    pub fn journal_blocked(&self) -> bool {
        self.journal_blocked
    }

    /// Whether changes can go to the journal: one is open, or its name is free (a file left
    /// there, by a crash or planted, is moved aside first, as [`Document::append_journal`]
    /// would). `false` when the name is taken by a file that cannot be moved (someone else's,
    /// in a sticky folder): the saver then writes the file whole, before any change is lost to
    /// a failed append. One `lstat` when no journal is open.
    pub fn journal_usable(&mut self) -> bool {
        if self.journal.is_some() || self.journal_kept {
            return true;
        }
        let path = journal_path(&self.path);
        if std::fs::symlink_metadata(&path).is_ok() {
            set_journal_aside(&self.path);
        }
        self.journal_blocked = std::fs::symlink_metadata(&path).is_ok();
        !self.journal_blocked
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
            && now.same_version(known)
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

    /// The mode of the session file itself: in a folder shared with a group it is
    /// group-writable, so that in a sticky folder (where only a file's owner may replace it)
    /// another member of the group can still save it, in place.
    fn session_mode(&self) -> u32 {
        if self.mode & 0o040 != 0 {
            0o660
        } else {
            self.mode
        }
    }

    /// Whether a save must write into the file rather than replace it: in a sticky folder only
    /// a file's owner may replace (rename over) it, so another member of the group writes the
    /// new version into the file itself.
    fn replaces_in_place(&self, on_disk: Option<&Fingerprint>) -> bool {
        let Some(now) = on_disk else {
            return false;
        };
        now.uid.is_some()
            && now.uid != effective_uid()
            && effective_uid() != Some(0)
            && super::shared::is_sticky(parent(&self.path))
    }

    /// Writes `bytes` into the session file itself (see [`Document::replaces_in_place`]). Our
    /// version is first kept whole as the recovery copy beside the file, so that a crash in
    /// the middle of the write loses nothing (the next opener who wrote it is offered it; for
    /// anyone else it is set aside and named). The file is opened without following a link or
    /// blocking, and written only if it is still the very file whose version we checked.
    fn write_in_place(&self, bytes: &[u8]) -> Result<std::fs::Metadata, StoreError> {
        use std::io::{Seek, SeekFrom, Write};
        let io = |e| StoreError::io(&self.path, e);
        // Opened first: a file we may not write (an older one, not group-writable) leaves
        // nothing behind.
        let mut file = super::file::open_rw_existing(&self.path)?;
        let recovery = recovery_path(&self.path);
        write_atomic(&recovery, bytes, self.mode)?;
        let meta = file.metadata().map_err(io)?;
        // The file just checked, not one swapped in since (its version was compared above).
        if !Fingerprint::with_hash(&meta, 0).same_file(self.fingerprint.as_ref()) {
            return Err(StoreError::io(
                &self.path,
                std::io::Error::other("replaced while being saved"),
            ));
        }
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        file.write_all(bytes).map_err(io)?;
        file.set_len(bytes.len() as u64).map_err(io)?;
        file.sync_all().map_err(io)?;
        let _ = std::fs::remove_file(&recovery);
        file.metadata().map_err(io)
    }

    /// The current file becomes `.bak` by a hard link, so the old version is kept without
    /// copying it; where links are not supported, or the file is about to be written in place
    /// (a link would change with it), it is copied.
    fn keep_backup(&self, in_place: bool) -> Result<(), StoreError> {
        let bak = self.backup_path();
        // A name nobody can plant in advance; `link` never follows or replaces what is there.
        let tmp = super::file::temp_name(&sibling(&self.path, ".bak"));
        if !in_place && let Ok(()) = std::fs::hard_link(&self.path, &tmp) {
            let renamed = std::fs::rename(&tmp, &bak);
            if renamed.is_err() {
                // Never left behind for the next open to clear.
                let _ = std::fs::remove_file(&tmp);
            }
            renamed.map_err(|e| StoreError::io(&bak, e))
        } else {
            let Some((file, meta)) = open_read(&self.path, false)? else {
                return Ok(());
            };
            let bytes = super::file::read_capped(&self.path, file, &meta, MAX_FILE_BYTES)?;
            write_atomic(&bak, &bytes, self.mode)
        }
    }

    /// Notes a shared folder that lacks the sticky bit (see [`Notice::NotSticky`]).
    fn check_folder(&mut self) {
        let dir = parent(&self.path);
        if is_shared_folder(dir) && !super::shared::is_sticky(dir) {
            self.notices.push(Notice::NotSticky {
                dir: dir.to_owned(),
            });
        }
    }

    /// A recovery copy beside the session that neither the session's owner nor this user
    /// wrote is moved aside, never offered as the user's own record.
    fn set_aside_foreign_recovery(&mut self, trust: &Trust) {
        let path = recovery_path(&self.path);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            return;
        };
        let foreign = !meta.file_type().is_file() || trust.check(&path, &meta).is_err();
        if !foreign {
            return;
        }
        let kept = aside_path(&self.path, ".recovery-untrusted");
        let kept = std::fs::rename(&path, &kept).ok().map(|()| kept);
        self.notices.push(Notice::Foreign {
            owner: super::file::owner(&meta).unwrap_or(u32::MAX),
            path,
            kept,
        });
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
        let me = effective_uid();
        for e in entries.filter_map(Result::ok) {
            let ours = e.metadata().is_ok_and(|m| super::file::owner(&m) == me);
            if ours && e.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// Moves the journal beside `path` to `NAME.json.journal-STAMP`, where nothing writes to it or
/// removes it and the next opener is offered what it holds (if it may be believed). Gives where
/// it went, or `None` when it could not be moved (someone else's, in a sticky folder).
fn set_journal_aside(path: &Path) -> Option<PathBuf> {
    let to = aside_path(path, ".journal");
    std::fs::rename(journal_path(path), &to).ok().map(|()| to)
}

/// A free name `NAME.json` + `suffix` + `-STAMP` for a file set aside.
fn aside_path(path: &Path, suffix: &str) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut candidate = sibling(path, &format!("{suffix}-{stamp}"));
    let mut n = 2;
    while std::fs::symlink_metadata(&candidate).is_ok() {
        candidate = sibling(path, &format!("{suffix}-{stamp}-{n}"));
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
    while std::fs::symlink_metadata(&candidate).is_ok() {
        candidate = path.with_file_name(format!("{stem}.conflict-{stamp}-{n}.json"));
        n += 1;
    }
    candidate
}
