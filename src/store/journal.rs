//! The journal beside a large session file, `NAME.json.journal`: the changes made since the file
//! was last written whole, one JSON line each, synced as they are made.
//!
//! Writing a 7 MB session durably takes longer than a key press may wait; appending a few
//! hundred bytes takes about a millisecond. So for a large file each save appends its change
//! here, and the whole file is rewritten (and the journal removed) when the changes pause. Every
//! reader of the session applies the journal on top of the file, so what was saved is what is
//! read, whichever of the two holds it.
//!
//! The first line names the version of the file the journal continues (its size and content
//! hash). A record holds the full new value of everything that changed (the head, and each
//! changed answer, or `null` for one removed), never a difference of texts, so applying a record
//! twice gives the same result.
//!
//! A line cut short by a crash (no final newline, or not JSON) ends the journal: it was never
//! reported saved, because a record counts as saved only once it is synced.
//!
//! A journal that continues the backup (`NAME.json.bak`) rather than the file is what a crash
//! between writing the file whole and removing the journal leaves: the file already holds all
//! of it, so it is not applied (were it applied, a file replaced by someone else after an
//! identical rewrite could be mixed with it).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::StoreError;
use super::file::{Trust, create_new, parent, read_capped, read_sibling, sibling};
use super::hash::ContentHash;
use super::read::MAX_FILE_BYTES;
use crate::model::{Answer, Conclusions, Meeting, Session, SessionError, Template, Unit};

/// The journal's format version (its first line).
pub const JOURNAL_VERSION: u32 = 1;

/// The journal of a session file.
pub fn journal_path(session: &Path) -> PathBuf {
    sibling(session, ".journal")
}

/// Everything in a session but its checklist and answers: small, and written whole in every
/// record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Head {
    schema_version: u32,
    unit: Unit,
    meeting: Meeting,
    created_at: DateTime<FixedOffset>,
    updated_at: DateTime<FixedOffset>,
    #[serde(default)]
    conclusions: Conclusions,
    /// The record's id, link, signatures and history (see `Session`); absent in a journal of
    /// a program that did not know them, which leaves them as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    record: Option<RecordHead>,
    #[serde(default)]
    extra: Map<String, Value>,
}

/// The parts of the head that tell the record's place in a chain and its sign-off.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct RecordHead {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    previous: Option<crate::model::carryover::PreviousLink>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    signatures: Vec<crate::model::signoff::Signature>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    history: Vec<crate::model::history::Event>,
}

impl Head {
    pub(crate) fn of(s: &Session) -> Self {
        Self {
            schema_version: s.schema_version,
            unit: s.unit.clone(),
            meeting: s.meeting.clone(),
            created_at: s.created_at,
            updated_at: s.updated_at,
            conclusions: s.conclusions.clone(),
            record: Some(RecordHead {
                id: s.id.clone(),
                previous: s.previous.clone(),
                signatures: s.signatures.clone(),
                history: s.history.clone(),
            }),
            extra: s.extra.clone(),
        }
    }

    fn apply(self, s: &mut Session) {
        s.schema_version = self.schema_version;
        s.unit = self.unit;
        s.meeting = self.meeting;
        s.created_at = self.created_at;
        s.updated_at = self.updated_at;
        s.conclusions = self.conclusions;
        if let Some(r) = self.record {
            s.id = r.id;
            s.previous = r.previous;
            s.signatures = r.signatures;
            s.history = r.history;
        }
        s.extra = self.extra;
    }
}

/// One save's change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Record {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<Head>,
    /// The new value of each answer that changed; `null` for one that is gone.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Option<Answer>>,
    /// Only when the checklist itself changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<Template>,
}

impl Record {
    /// The record as one line of compact JSON, without the newline. A record that cannot be
    /// written as JSON gives an empty line, which [`Writer::append`] refuses: a change is never
    /// saved as something else.
    pub(crate) fn to_line(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    fn apply(self, s: &mut Session) {
        if let Some(t) = self.template {
            s.template = t;
        }
        if let Some(h) = self.head {
            h.apply(s);
        }
        for (id, answer) in self.answers {
            match answer {
                Some(a) => {
                    s.answers.insert(id, a);
                }
                None => {
                    s.answers.remove(&id);
                }
            }
        }
    }
}

/// The journal line for the answers `ids` of `session` as they are now (with the head), made
/// without the file's image: for the saves made while the image is still being read. Only
/// right when `ids` holds every answer changed since the file was written or since the last
/// record (see [`super::Changed`]).
pub fn record_of<'a>(session: &Session, ids: impl IntoIterator<Item = &'a String>) -> Vec<u8> {
    Record {
        head: Some(Head::of(session)),
        answers: ids
            .into_iter()
            .map(|id| (id.clone(), session.answers.get(id).cloned()))
            .collect(),
        template: None,
    }
    .to_line()
}

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    selfcheck_journal: u32,
    /// Size in bytes of the file version the journal continues.
    base_size: u64,
    /// Its content hash, as 16 hex digits.
    base_hash: String,
}

/// The first line of a journal that continues the file version of `size` bytes and `hash`.
pub(crate) fn header_line(size: u64, hash: u64) -> Vec<u8> {
    let mut line = serde_json::to_vec(&Header {
        selfcheck_journal: JOURNAL_VERSION,
        base_size: size,
        base_hash: format!("{hash:016x}"),
    })
    .unwrap_or_default();
    line.push(b'\n');
    line
}

/// A journal as read.
#[derive(Debug, Clone)]
pub struct Journal {
    pub path: PathBuf,
    base_size: u64,
    base_hash: u64,
    records: Vec<Record>,
}

impl Journal {
    /// Reads a journal: `None` when there is none; an error when there is a file of that name
    /// that is not a journal this program reads (a newer version, no header, unreadable), or
    /// one that `trust` does not believe (someone else's, see [`Trust`]). A symlink, FIFO or
    /// device of that name is refused without being followed or blocking.
    pub(crate) fn read(path: &Path, trust: &Trust) -> Option<Result<Self, StoreError>> {
        let bytes = match read_sibling(path, MAX_FILE_BYTES, trust) {
            Ok(Some((b, _))) => b,
            Ok(None) => return None,
            Err(e) => return Some(Err(e)),
        };
        let not_ours = || {
            Some(Err(StoreError::NotJournal {
                path: path.to_owned(),
            }))
        };
        let mut lines = bytes.split_inclusive(|&b| b == b'\n');
        let Some(header) = lines
            .next()
            .and_then(|l| serde_json::from_slice::<Header>(l).ok())
        else {
            return not_ours();
        };
        let Ok(base_hash) = u64::from_str_radix(&header.base_hash, 16) else {
            return not_ours();
        };
        if header.selfcheck_journal != JOURNAL_VERSION {
            return not_ours();
        }
        let mut records = Vec::new();
        for line in lines {
            if !line.ends_with(b"\n") {
                break;
            }
            match serde_json::from_slice::<Record>(line) {
                Ok(r) => records.push(r),
                Err(_) => break,
            }
        }
        Some(Ok(Self {
            path: path.to_owned(),
            base_size: header.base_size,
            base_hash,
            records,
        }))
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Whether the journal continues the file version of `size` bytes and `hash`.
    pub(crate) fn continues(&self, size: u64, hash: u64) -> bool {
        (self.base_size, self.base_hash) == (size, hash)
    }

    /// `session` with every record applied in order, checked like a file. The session is left
    /// as it was if the result would not be a valid session.
    pub fn apply_to(&self, session: &Session) -> Result<Session, SessionError> {
        let mut s = session.clone();
        for r in &self.records {
            r.clone().apply(&mut s);
        }
        s.validate()?;
        Ok(s)
    }
}

/// What became of a journal found beside a session as it was read.
#[derive(Debug)]
pub(crate) enum Found {
    /// No journal, or one with no records.
    Nothing,
    /// The journal continues this file and was applied.
    Applied { records: usize },
    /// The journal continues the backup, the version before this file: the file was written
    /// whole from the journal's state and only the journal's removal was lost (to a crash), so
    /// it is not applied. If applying it would change anything, it is not what it seems.
    OnBackup(Journal),
    /// The journal continues some other version of the file: it is not applied.
    Unmatched,
    /// A file of the journal's name that this program cannot read as a journal.
    Unreadable,
    /// A journal that belongs to someone other than the session file's owner (or that others
    /// could have written): anyone in the group can forge a header that matches the file, so
    /// it is never applied.
    Untrusted { owner: u32 },
}

/// Applies the journal beside `path` to `session`, read from the file version of `size` bytes
/// and content `hash`, if the journal continues that version.
pub(crate) fn apply_beside(
    path: &Path,
    session: &mut Session,
    size: u64,
    hash: u64,
    trust: &Trust,
) -> Found {
    let journal = match Journal::read(&journal_path(path), trust) {
        None => return Found::Nothing,
        Some(Err(StoreError::NotTrusted { owner, .. })) => return Found::Untrusted { owner },
        Some(Err(_)) => return Found::Unreadable,
        Some(Ok(j)) => j,
    };
    if journal.is_empty() {
        return Found::Nothing;
    }
    if !journal.continues(size, hash) {
        let on_backup =
            read_sibling(&sibling(path, ".bak"), MAX_FILE_BYTES, trust).is_ok_and(|b| {
                b.is_some_and(|(b, _)| journal.continues(b.len() as u64, ContentHash::of(&b)))
            });
        return if on_backup {
            Found::OnBackup(journal)
        } else {
            Found::Unmatched
        };
    }
    match journal.apply_to(session) {
        Ok(s) => {
            *session = s;
            Found::Applied {
                records: journal.len(),
            }
        }
        Err(_) => Found::Unmatched,
    }
}

/// An open journal that records are appended to.
#[derive(Debug)]
pub(crate) struct Writer {
    file: File,
    len: u64,
}

impl Writer {
    /// Starts a new journal at `path` continuing the file version of `size` bytes and `hash`:
    /// the header is written and synced, and so is the folder, so the journal itself survives a
    /// crash. The journal is created, never opened: a file already at `path` (one planted
    /// there, a symlink, a FIFO) makes this fail with `AlreadyExists`, and nothing is written
    /// through it.
    pub(crate) fn create(path: &Path, mode: u32, size: u64, hash: u64) -> std::io::Result<Self> {
        let mut file = create_new(path, mode)?;
        let header = header_line(size, hash);
        file.write_all(&header)?;
        file.sync_data()?;
        File::open(parent(path))?.sync_all()?;
        Ok(Self {
            file,
            len: header.len() as u64,
        })
    }

    /// Opens an existing journal of our own to go on appending to it (not following a
    /// symlink, refusing anything but a regular file of ours). A last line cut short by a
    /// crash is cut off first: a record appended after it would be hidden by it from every
    /// reader.
    pub(crate) fn reopen(path: &Path) -> Result<Self, StoreError> {
        let io = |e| StoreError::io(path, e);
        let mut file = super::file::open_rw_existing(path)?;
        let meta = file.metadata().map_err(io)?;
        Trust::own().check(path, &meta)?;
        let bytes = read_capped(path, &file, &meta, MAX_FILE_BYTES)?;
        let mut good = 0;
        for (i, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
            let whole = line.ends_with(b"\n")
                && if i == 0 {
                    serde_json::from_slice::<Header>(line).is_ok()
                } else {
                    serde_json::from_slice::<Record>(line).is_ok()
                };
            if !whole {
                break;
            }
            good += line.len();
        }
        let len = good as u64;
        if len < bytes.len() as u64 {
            file.set_len(len).map_err(io)?;
            file.sync_data().map_err(io)?;
        }
        file.seek(SeekFrom::Start(len)).map_err(io)?;
        Ok(Self { file, len })
    }

    /// Appends one record and syncs it. On failure the journal is cut back to where it was, so
    /// a half-written line never hides the records after it.
    pub(crate) fn append(&mut self, record: &[u8]) -> std::io::Result<()> {
        // A record is one JSON object on one line: anything else (an empty line from a record
        // that could not be serialised) would end the journal for every reader.
        if record.first() != Some(&b'{') || record.contains(&b'\n') {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "a change could not be written as JSON",
            ));
        }
        let mut line = Vec::with_capacity(record.len() + 1);
        line.extend_from_slice(record);
        line.push(b'\n');
        let written = self
            .file
            .write_all(&line)
            .and_then(|()| self.file.sync_data());
        match written {
            Ok(()) => {
                self.len += line.len() as u64;
                Ok(())
            }
            Err(e) => {
                let _ = self.file.set_len(self.len);
                let _ = self.file.seek(SeekFrom::Start(self.len));
                Err(e)
            }
        }
    }

    /// Bytes in the journal so far.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }
}

/// Journals set aside beside `session` because they did not continue the file
/// (`NAME.json.journal-STAMP`), oldest first, with what they hold. Only journals that the
/// session file's owner or this user wrote are given: someone else's is never offered as ours.
pub fn set_aside_journals(session: &Path) -> Vec<(PathBuf, Journal)> {
    let trust = match std::fs::metadata(session) {
        Ok(m) => Trust::beside(&m),
        Err(_) => Trust::own(),
    };
    let Some(name) = session
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
    else {
        return Vec::new();
    };
    let prefix = format!("{name}.journal-");
    let Ok(entries) = std::fs::read_dir(parent(session)) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, Journal)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter_map(|e| Some((e.path(), Journal::read(&e.path(), &trust)?.ok()?)))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appending_after_a_line_cut_short_cuts_it_off_first() {
        let dir = std::env::temp_dir().join(format!("selfcheck-journal-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s.json.journal");
        let record = |name: &str| {
            let mut answers = BTreeMap::new();
            answers.insert(
                name.to_owned(),
                Some(Answer {
                    status: Some("done".into()),
                    ..Answer::default()
                }),
            );
            Record {
                answers,
                ..Record::default()
            }
            .to_line()
        };
        let _ = std::fs::remove_file(&path);
        let mut w = Writer::create(&path, 0o600, 10, 20).unwrap();
        w.append(&record("a")).unwrap();
        drop(w);
        // A crash in the middle of the next record.
        let second = record("b");
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.extend_from_slice(&second[..second.len() / 2]);
        std::fs::write(&path, &bytes).unwrap();
        let mut w = Writer::reopen(&path).unwrap();
        w.append(&record("c")).unwrap();
        let j = Journal::read(&path, &Trust::own()).unwrap().unwrap();
        let names: Vec<&String> = j.records.iter().flat_map(|r| r.answers.keys()).collect();
        assert_eq!(names, ["a", "c"], "the record after the cut is read");
        assert!(j.continues(10, 20));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_that_is_not_a_journal_is_said_to_be_so_not_empty() {
        let dir = std::env::temp_dir().join(format!("selfcheck-notj-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s.json.journal");
        std::fs::write(&path, b"{\"something\": \"else\"}\n").unwrap();
        let e = Journal::read(&path, &Trust::own()).unwrap().unwrap_err();
        assert!(matches!(e, StoreError::NotJournal { .. }), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
