//! The roll-up's reader: thousands of session files in a second.
//!
//! The session's own reader ([`crate::store::load_session`]) keeps every part of a file, unknown
//! members included (serde's `flatten`, which buffers each object before it is typed), and
//! parses the file's full copy of its checklist each time. The roll-up needs neither: this
//! reader types the parts it reports on exactly as the session's reader does, skips the
//! histories and the members it does not use, and parses each distinct checklist copy once
//! (units of one checklist carry the same bytes). What it makes is the same session, short of
//! what it skipped; a test compares the roll-up's facts both ways.
//!
//! A file it does not take the fast way is read by the session's reader, so the reasons
//! (with line and column) and the rules stay the store's: a file that does not parse here, a
//! file with a journal beside it (the journal is applied), and a signed file (its signatures
//! are checked against the content, which needs every part).

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;

use crate::model::history::OpenEdit;
use crate::model::session::{
    Answer, Conclusions, Meeting, Rectification, RectificationState, Unit, UnitKind,
};
use crate::model::{Session, Template};
use crate::store::{StoreError, journal_path, load_session, read_bounded, resolve, without_bom};

/// A session as the roll-up reads it.
#[derive(Deserialize)]
struct Lean<'a> {
    schema_version: u32,
    #[serde(borrow)]
    template: &'a RawValue,
    unit: LeanUnit,
    meeting: LeanMeeting,
    created_at: DateTime<FixedOffset>,
    updated_at: DateTime<FixedOffset>,
    #[serde(default)]
    answers: BTreeMap<String, LeanAnswer>,
    #[serde(default)]
    signatures: Vec<IgnoredAny>,
    #[serde(default)]
    id: Option<String>,
    // Made from an earlier meeting: read with the model's own type.
    #[serde(default)]
    previous: Option<crate::model::carryover::PreviousLink>,
}

#[derive(Deserialize)]
struct LeanUnit {
    name: String,
    #[serde(default)]
    kind: Option<UnitKind>,
}

#[derive(Deserialize)]
struct LeanMeeting {
    #[serde(default)]
    date: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct LeanRectification {
    state: RectificationState,
    #[serde(default)]
    closed_on: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct LeanAnswer {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    evidence: String,
    #[serde(default)]
    problems: String,
    #[serde(default)]
    causes: String,
    #[serde(default)]
    measures: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    leader: String,
    #[serde(default)]
    due: Option<NaiveDate>,
    #[serde(default)]
    due_text: String,
    #[serde(default)]
    flagged: bool,
    #[serde(default)]
    rectification: Option<LeanRectification>,
    // Made from an earlier meeting: rare, so read with the model's own types.
    #[serde(default)]
    previous: Option<crate::model::carryover::PreviousAnswer>,
    #[serde(default)]
    carried_over: Vec<crate::model::carryover::CarriedMeasure>,
    // An answer's own `updated_at` is not read: nothing the roll-up reports depends on it, and
    // parsing a date and time for every answer of thousands of files was a good part of
    // reading them.
}

impl From<LeanAnswer> for Answer {
    fn from(a: LeanAnswer) -> Self {
        Answer {
            status: a.status,
            evidence: a.evidence,
            problems: a.problems,
            causes: a.causes,
            measures: a.measures,
            owner: a.owner,
            leader: a.leader,
            due: a.due,
            due_text: a.due_text,
            flagged: a.flagged,
            rectification: a.rectification.map(|r| Rectification {
                state: r.state,
                closed_on: r.closed_on,
                extra: serde_json::Map::new(),
            }),
            previous: a.previous.map(Box::new),
            carried_over: a.carried_over,
            ..Answer::default()
        }
    }
}

/// The checklists met so far, by the exact text of their copy in the file; `None` for a copy
/// that is not a valid checklist.
#[derive(Default)]
pub struct Templates {
    seen: Mutex<ByText>,
    /// The first few valid copies met, looked for as they stand in the next files
    /// ([`Templates::splice`]).
    first: Mutex<Vec<Arc<Known>>>,
    /// Files whose copy of their checklist was recognised as it stood, not parsed.
    recognised: AtomicUsize,
}

/// How many copies [`Templates::splice`] looks for: units of one roll-up carry a few
/// checklists (three built in); a folder of many custom ones is read the ordinary way.
const FIRST: usize = 8;

/// The member whose value is the file's copy of its checklist.
const TEMPLATE_KEY: &[u8] = b"\"template\"";

/// Each copy's text and what it is.
type ByText = HashMap<Box<str>, Option<Arc<Known>>, BuildHasherDefault<Words>>;

/// A valid checklist and the ids of its checks.
struct Known {
    /// The copy's text as it stands in the files (indents and all).
    raw: Box<str>,
    template: Template,
    ids: HashSet<String>,
    /// The lines of its checks, shared by the facts of every session of it.
    lines: Arc<[super::gather::CheckLine]>,
    /// Owned copies lent to the sessions read and given back ([`Read::recycle`]): a checklist
    /// is hundreds of strings, and copying it for each of thousands of files (and freeing the
    /// copy) was a good part of reading them. One copy per core is made.
    spare: Mutex<Vec<Template>>,
}

impl Known {
    /// An owned copy of the checklist: a spare one given back, or a new one.
    fn lend(&self) -> Template {
        self.spare
            .lock()
            .ok()
            .and_then(|mut v| v.pop())
            .unwrap_or_else(|| self.template.clone())
    }
}

/// The hasher of the copies' texts (kilobytes each, one per file): eight bytes at a step
/// (`SipHash`, the standard one, guards against chosen keys at several times the cost; the
/// texts are compared whole on a match).
#[derive(Default)]
struct Words(u64);

impl Hasher for Words {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7CC1_B727_220A;
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let w = u64::from_le_bytes(w.try_into().unwrap_or_default());
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in words.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
}

impl Templates {
    fn get(&self, raw: &str) -> Option<Arc<Known>> {
        if let Some(t) = self.seen.lock().ok()?.get(raw) {
            return t.clone();
        }
        // Parsed outside the lock: another thread may parse the same copy meanwhile, and one
        // of the two results is kept (they are equal).
        let parsed = serde_json::from_str::<Template>(raw)
            .ok()
            .filter(|t| t.validate().is_ok())
            .map(|template| {
                let ids = template.checks().map(|(_, c)| c.id.clone()).collect();
                Arc::new(Known {
                    raw: raw.into(),
                    lines: super::gather::check_lines(&template),
                    template,
                    ids,
                    spare: Mutex::new(Vec::new()),
                })
            });
        let mut seen = self.seen.lock().ok()?;
        match seen.entry(raw.into()) {
            Entry::Occupied(e) => e.get().clone(),
            Entry::Vacant(e) => {
                if let (Some(known), Ok(mut first)) = (&parsed, self.first.lock())
                    && first.len() < FIRST
                {
                    first.push(known.clone());
                }
                e.insert(parsed).clone()
            }
        }
    }

    /// Where a checklist copy met before stands whole as the value of the file's
    /// `"template"` member: that copy replaced by `0` in the file's own bytes (a third to a
    /// half of a session file is its checklist, the same bytes in every file of that
    /// checklist); returns the checklist and where the `0` now stands. `None`, the bytes
    /// untouched, when no such copy is found; [`unsplice`] puts the copy back.
    ///
    /// Only a hint: [`fast`] keeps it only when the `0` is read as the value of the file's
    /// own `template` member, at that very place. The bytes before are the file's own, so the
    /// file's reading reaches that place in the same state; the copy there is one whole
    /// value; and the bytes after are the file's own again. The file then reads exactly as
    /// if the copy had been parsed.
    fn splice(&self, buf: &mut Vec<u8>) -> Option<(Arc<Known>, usize)> {
        let bytes = buf.as_slice();
        let space = |b: &&u8| matches!(**b, b' ' | b'\t' | b'\n' | b'\r');
        let key = bytes
            .windows(TEMPLATE_KEY.len())
            .position(|w| w == TEMPLATE_KEY)?;
        let mut at = key + TEMPLATE_KEY.len();
        at += bytes[at..].iter().take_while(space).count();
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        at += 1;
        at += bytes[at..].iter().take_while(space).count();
        let rest = &bytes[at..];
        let known = self
            .first
            .lock()
            .ok()?
            .iter()
            .find(|k| rest.starts_with(k.raw.as_bytes()))?
            .clone();
        // In the file's own buffer: no second copy of the file is made.
        let len = known.raw.len();
        buf[at] = b'0';
        buf.copy_within(at + len.., at + 1);
        buf.truncate(buf.len() - (len - 1));
        Some((known, at))
    }

    /// How many files had their copy of a checklist recognised as it stood rather than parsed.
    pub fn recognised(&self) -> usize {
        self.recognised.load(Ordering::Relaxed)
    }
}

/// What the roll-up read of one file.
pub struct Read {
    pub session: Session,
    /// Whether the file was read by the session's reader (signed, with a journal, or not
    /// readable the fast way).
    pub full: bool,
    /// Where the session's checklist was lent from (the fast way).
    lent: Option<Arc<Known>>,
}

impl Read {
    /// The lines of the session's checklist, made once for every session that was read the
    /// fast way with it; `None` for a session read by the session's reader.
    pub fn check_lines(&self) -> Option<Arc<[super::gather::CheckLine]>> {
        self.lent.as_ref().map(|k| k.lines.clone())
    }

    /// Gives the session's copy of its checklist back to be lent to the next file (the rest
    /// of the session is dropped). Without this the copy is simply freed.
    pub fn recycle(mut self) {
        if let Some(known) = self.lent.take() {
            // An empty checklist in its place allocates nothing.
            let template = std::mem::replace(
                &mut self.session.template,
                Template {
                    id: String::new(),
                    version: String::new(),
                    title: String::new(),
                    title_en: None,
                    unit_kind: None,
                    source: None,
                    answer_set: Vec::new(),
                    sections: Vec::new(),
                    extra: serde_json::Map::new(),
                },
            );
            if let Ok(mut spare) = known.spare.lock() {
                spare.push(template);
            }
        }
    }
}

/// Reads a session file for the roll-up; `templates` is shared by the files of one roll-up.
/// The errors are the store's ([`load_session`]).
pub fn read(path: &Path, templates: &Templates) -> Result<Read, StoreError> {
    if let Some((session, known)) = fast(path, templates) {
        return Ok(Read {
            session,
            full: false,
            lent: Some(known),
        });
    }
    Ok(Read {
        session: load_session(path)?,
        full: true,
        lent: None,
    })
}

/// The fast way, or `None` where the file is for the session's reader.
fn fast(path: &Path, templates: &Templates) -> Option<(Session, Arc<Known>)> {
    let path = resolve(path).ok()?;
    if std::fs::symlink_metadata(journal_path(&path)).is_ok() {
        return None;
    }
    let mut buf = read_bounded(&path).ok()?;
    let start = buf.len() - without_bom(&buf).len();
    // A session is a JSON object; `Lean` would also take its members as an array, in order,
    // which the session's reader refuses.
    if buf[start..].iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return None;
    }
    // A byte-order mark never matches the copy's member, so the copy is looked for in the
    // whole buffer and found at the same place either way.
    if let Some((known, at)) = templates.splice(&mut buf) {
        // Checked as UTF-8 whole, in one pass (several bytes at a step), rather than string
        // by string.
        if let Ok(text) = simdutf8::basic::from_utf8(&buf[start..])
            && let Ok(lean) = serde_json::from_str::<Lean>(text)
        {
            let raw = lean.template.get();
            if raw == "0" && raw.as_ptr().addr() - buf.as_ptr().addr() == at {
                templates.recognised.fetch_add(1, Ordering::Relaxed);
                return lean_session(lean, known);
            }
        }
        unsplice(&mut buf, at, &known.raw);
    }
    let lean: Lean = serde_json::from_slice(&buf[start..]).ok()?;
    let known = templates.get(lean.template.get())?;
    lean_session(lean, known)
}

/// Puts back the checklist copy `raw` that [`Templates::splice`] replaced by `0` at `at`.
fn unsplice(buf: &mut Vec<u8>, at: usize, raw: &str) {
    buf.splice(at..=at, raw.bytes());
}

/// The session of a file read the fast way, its checklist `known`; `None` where it is not
/// valid (the session's reader then says why).
fn lean_session(lean: Lean, known: Arc<Known>) -> Option<(Session, Arc<Known>)> {
    if !lean.signatures.is_empty() {
        return None;
    }
    if !valid(lean.schema_version, &lean.answers, &known) {
        return None;
    }
    let session = Session {
        schema_version: lean.schema_version,
        template: known.lend(),
        unit: Unit {
            name: lean.unit.name,
            kind: lean.unit.kind,
            extra: serde_json::Map::new(),
        },
        meeting: Meeting {
            date: lean.meeting.date,
            ..Meeting::default()
        },
        created_at: lean.created_at,
        updated_at: lean.updated_at,
        answers: lean
            .answers
            .into_iter()
            .map(|(k, a)| (k, Answer::from(a)))
            .collect(),
        conclusions: Conclusions::default(),
        id: lean.id,
        previous: lean.previous,
        signatures: Vec::new(),
        history: Vec::new(),
        extra: serde_json::Map::new(),
        open_edit: OpenEdit::default(),
    };
    Some((session, known))
}

/// [`Session::validate`], the checklist validated once for all the files that carry it.
fn valid(schema_version: u32, answers: &BTreeMap<String, LeanAnswer>, known: &Known) -> bool {
    if schema_version == 0 || schema_version > crate::model::SCHEMA_VERSION {
        return false;
    }
    let template = &known.template;
    answers.iter().all(|(id, a)| {
        known.ids.contains(id.as_str())
            && a.status
                .as_deref()
                .is_none_or(|st| template.answer_option(st).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A checklist copy met once, so the next files' copies are looked for as they stand.
    fn templates_with(raw: &str) -> Templates {
        let templates = Templates::default();
        assert!(templates.get(raw).is_some(), "a valid checklist");
        templates
    }

    #[test]
    fn a_copy_is_replaced_in_place_and_put_back_whole() {
        let t = crate::model::builtin::get("gov").unwrap();
        let raw = serde_json::to_string(&t).unwrap();
        let templates = templates_with(&raw);
        let original =
            format!("\u{FEFF}{{\"schema_version\":1,\"template\" : {raw},\"unit\":{{}}}}");
        let mut buf = original.clone().into_bytes();
        let (known, at) = templates.splice(&mut buf).expect("the copy found");
        assert_eq!(
            std::str::from_utf8(&buf).unwrap(),
            "\u{FEFF}{\"schema_version\":1,\"template\" : 0,\"unit\":{}}"
        );
        assert_eq!(buf[at], b'0');
        unsplice(&mut buf, at, &known.raw);
        assert_eq!(buf, original.into_bytes());
    }

    #[test]
    fn a_file_without_the_copy_is_left_as_it_was() {
        let t = crate::model::builtin::get("gov").unwrap();
        let templates = templates_with(&serde_json::to_string(&t).unwrap());
        let other = crate::model::builtin::get("dept").unwrap();
        let original = format!(
            "{{\"template\":{},\"unit\":{{}}}}",
            serde_json::to_string(&other).unwrap()
        );
        let mut buf = original.clone().into_bytes();
        assert!(templates.splice(&mut buf).is_none());
        assert_eq!(buf, original.into_bytes());
    }
}
