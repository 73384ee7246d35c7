//! The session file kept in memory in pieces, as last handed to the disk: the checklist's text
//! (which does not change during a meeting), one piece per answer, and the small rest. A save
//! compares the session with it, renders only the answers that changed, and hands the pieces to
//! the writer, which only has to copy them. The same comparison gives the journal record: the
//! change since the last save, and nothing else.
//!
//! The text is byte for byte what [`super::to_json`] writes (serde's two-space pretty layout);
//! `tests/journal.rs` and `tests/prop_update.rs` check that on many sessions.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::changed::Changed;
use super::journal::{Head, Record};
use crate::model::{Answer, Session, Template};

/// Why a piece of the session could not be written as JSON (a value serde refuses). The piece
/// is left empty and the whole text is refused on save: nothing is ever written in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unwritable(pub String);

/// Writes `value` as serde's pretty JSON, indented as if it stood `depth` levels deep. Strings in
/// JSON cannot hold a raw line break, so every `\n` in the pretty text is layout.
fn pretty_at(out: &mut Vec<u8>, value: &impl Serialize, depth: usize) -> Result<(), Unwritable> {
    let mut text = Vec::new();
    serde_json::to_writer_pretty(&mut text, value).map_err(|e| Unwritable(e.to_string()))?;
    if depth == 0 {
        out.extend_from_slice(&text);
        return Ok(());
    }
    out.reserve(text.len() + text.len() / 8);
    let mut rest = text.as_slice();
    while let Some(i) = rest.iter().position(|&b| b == b'\n') {
        out.extend_from_slice(&rest[..=i]);
        out.resize(out.len() + 2 * depth, b' ');
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    Ok(())
}

/// `"key": ` as a member of an object `depth` levels deep, on a new line.
fn member(out: &mut Vec<u8>, key: &str, depth: usize) {
    out.push(b'\n');
    out.resize(out.len() + 2 * depth, b' ');
    // A string always serialises.
    let _ = serde_json::to_writer(&mut *out, key);
    out.extend_from_slice(b": ");
}

/// `,\n  "key": value` at the top level of the file.
fn top_member(out: &mut Vec<u8>, key: &str, value: &impl Serialize) -> Result<(), Unwritable> {
    out.push(b',');
    member(out, key, 1);
    pretty_at(out, value, 1)
}

/// One answer as it stands in the file: `\n    "id": {...}`.
fn answer_piece(id: &str, answer: &Answer) -> Result<Arc<[u8]>, Unwritable> {
    let mut out = Vec::with_capacity(512);
    member(&mut out, id, 2);
    pretty_at(&mut out, answer, 2)?;
    Ok(out.into())
}

fn template_piece(template: &Template) -> Result<Arc<[u8]>, Unwritable> {
    let mut out = Vec::new();
    pretty_at(&mut out, template, 1)?;
    Ok(out.into())
}

/// A piece, or an empty one with the failure noted in `failed`.
fn or_note<T: Default>(r: Result<T, Unwritable>, failed: &mut Option<Unwritable>) -> T {
    r.unwrap_or_else(|e| {
        failed.get_or_insert(e);
        T::default()
    })
}

/// The text of a session file in pieces; [`FileText::to_vec`] joins them.
#[derive(Debug, Clone)]
pub struct FileText {
    /// `{` up to the template's value.
    head: Vec<u8>,
    template: Arc<[u8]>,
    /// From after the template to `"answers": {`.
    middle: Vec<u8>,
    answers: Vec<Arc<[u8]>>,
    /// From the end of the answers to the final newline.
    tail: Vec<u8>,
    /// Set when a part could not be written as JSON: the text is then refused on save.
    pub(crate) failed: Option<Unwritable>,
}

impl FileText {
    fn new(
        session: &Session,
        template: Arc<[u8]>,
        answers: Vec<Arc<[u8]>>,
        mut failed: Option<Unwritable>,
    ) -> Self {
        let mut ok = |r: Result<(), Unwritable>| or_note(r, &mut failed);
        let mut head = Vec::with_capacity(64);
        head.push(b'{');
        member(&mut head, "schema_version", 1);
        ok(pretty_at(&mut head, &session.schema_version, 1));
        head.push(b',');
        member(&mut head, "template", 1);
        let mut middle = Vec::with_capacity(1024);
        middle.push(b',');
        member(&mut middle, "unit", 1);
        ok(pretty_at(&mut middle, &session.unit, 1));
        middle.push(b',');
        member(&mut middle, "meeting", 1);
        ok(pretty_at(&mut middle, &session.meeting, 1));
        middle.push(b',');
        member(&mut middle, "created_at", 1);
        ok(pretty_at(&mut middle, &session.created_at, 1));
        middle.push(b',');
        member(&mut middle, "updated_at", 1);
        ok(pretty_at(&mut middle, &session.updated_at, 1));
        middle.push(b',');
        member(&mut middle, "answers", 1);
        middle.push(b'{');
        let mut tail = Vec::with_capacity(256);
        if !answers.is_empty() {
            tail.extend_from_slice(b"\n  ");
        }
        tail.push(b'}');
        if !session.conclusions.is_empty() {
            tail.push(b',');
            member(&mut tail, "conclusions", 1);
            ok(pretty_at(&mut tail, &session.conclusions, 1));
        }
        // The record's id, link, signatures and history, as `Session` orders them.
        if let Some(id) = &session.id {
            ok(top_member(&mut tail, "id", id));
        }
        if let Some(previous) = &session.previous {
            ok(top_member(&mut tail, "previous", previous));
        }
        if !session.signatures.is_empty() {
            ok(top_member(&mut tail, "signatures", &session.signatures));
        }
        if !session.history.is_empty() {
            ok(top_member(&mut tail, "history", &session.history));
        }
        for (key, value) in &session.extra {
            tail.push(b',');
            member(&mut tail, key, 1);
            ok(pretty_at(&mut tail, value, 1));
        }
        tail.extend_from_slice(b"\n}\n");
        Self {
            head,
            template,
            middle,
            answers,
            tail,
            failed,
        }
    }

    /// The whole session as one piece of text, from the session itself.
    pub fn of(session: &Session) -> Self {
        let mut failed = None;
        let answers = session
            .answers
            .iter()
            .map(|(id, a)| or_note(answer_piece(id, a), &mut failed))
            .collect();
        let template = or_note(template_piece(&session.template), &mut failed);
        Self::new(session, template, answers, failed)
    }

    /// Length of the joined text in bytes.
    pub fn byte_len(&self) -> usize {
        self.head.len()
            + self.template.len()
            + self.middle.len()
            + self.answers.iter().map(|a| a.len()).sum::<usize>()
            + self.answers.len().saturating_sub(1)
            + self.tail.len()
    }

    /// The joined text.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.byte_len());
        out.extend_from_slice(&self.head);
        out.extend_from_slice(&self.template);
        out.extend_from_slice(&self.middle);
        for (i, a) in self.answers.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(a);
        }
        out.extend_from_slice(&self.tail);
        out
    }
}

/// One answer as last handed to the disk.
#[derive(Debug, Clone)]
struct Piece {
    answer: Answer,
    text: Arc<[u8]>,
}

/// The session as last handed to the disk, in pieces.
#[derive(Debug, Clone)]
pub struct Image {
    template: Template,
    template_text: Arc<[u8]>,
    answers: BTreeMap<String, Piece>,
    head: Head,
    /// Set when the image was made from a file: a list of changes says nothing of how the
    /// session differs from it, so the first update compares everything.
    fresh: bool,
    /// A piece that could not be written as JSON: every text made from the image is refused.
    failed: Option<Unwritable>,
}

impl Image {
    /// The image of `session` as it is (taken, not copied: the image is built where the session
    /// was read, away from the interface).
    pub fn build(session: Session) -> Self {
        let mut failed = None;
        let head = Head::of(&session);
        let template_text = or_note(template_piece(&session.template), &mut failed);
        let answers = session
            .answers
            .into_iter()
            .map(|(id, answer)| {
                let text = or_note(answer_piece(&id, &answer), &mut failed);
                (id, Piece { answer, text })
            })
            .collect();
        Self {
            template: session.template,
            template_text,
            answers,
            head,
            fresh: true,
            failed,
        }
    }

    /// The image of the file at `path`, if it is still the version `known` (read or written
    /// last by this program). Meant for another thread: reading a 7 MB session takes about
    /// 60 ms.
    pub fn read(path: &std::path::Path, known: &super::Fingerprint) -> Option<Self> {
        let (bytes, now) = super::fingerprint::read_with_fingerprint(path).ok()??;
        if !now.same_version(known) {
            return None;
        }
        let session = super::read::parse_session_bytes(path, &bytes).ok()?;
        drop(bytes);
        Some(Self::build(session))
    }

    /// Brings the image up to `session` and returns the change as one journal line (without
    /// its newline), or `None` when nothing changed. Only the answers `changed` lists are
    /// compared (all of them, and the checklist, for `Everything` or the first update of an
    /// image read from a file), and only changed ones are rendered: a status change in a
    /// 10,000-check session takes microseconds.
    pub fn update(&mut self, session: &Session, changed: &Changed) -> Option<Vec<u8>> {
        let mut record = Record::default();
        match changed {
            _ if std::mem::take(&mut self.fresh) => self.diff_all(session, &mut record),
            Changed::Everything => self.diff_all(session, &mut record),
            Changed::Answers(ids) => {
                for id in ids {
                    match (session.answers.get(id), self.answers.get(id)) {
                        (Some(a), Some(p)) if p.answer == *a => {}
                        (Some(a), _) => self.set(id.clone(), a.clone(), &mut record),
                        (None, Some(_)) => {
                            self.answers.remove(id);
                            record.answers.insert(id.clone(), None);
                        }
                        (None, None) => {}
                    }
                }
            }
        }
        let head = Head::of(session);
        let head_changed = head != self.head;
        if head_changed {
            self.head = head.clone();
        }
        let changed = head_changed || record.template.is_some() || !record.answers.is_empty();
        record.head = Some(head);
        changed.then(|| record.to_line())
    }

    /// Compares everything: the checklist and every answer.
    fn diff_all(&mut self, session: &Session, record: &mut Record) {
        if session.template != self.template {
            self.template = session.template.clone();
            self.template_text = or_note(template_piece(&self.template), &mut self.failed);
            record.template = Some(self.template.clone());
        }
        self.diff_answers(session, record);
    }

    fn set(&mut self, id: String, answer: Answer, record: &mut Record) {
        let text = or_note(answer_piece(&id, &answer), &mut self.failed);
        record.answers.insert(id.clone(), Some(answer.clone()));
        self.answers.insert(id, Piece { answer, text });
    }

    /// The whole text as the image holds it, with the small parts taken from `session`.
    pub fn text(&self, session: &Session) -> FileText {
        let answers = self.answers.values().map(|p| Arc::clone(&p.text)).collect();
        FileText::new(
            session,
            Arc::clone(&self.template_text),
            answers,
            self.failed.clone(),
        )
    }

    /// Walks both sorted maps side by side.
    fn diff_answers(&mut self, session: &Session, record: &mut Record) {
        let mut gone = Vec::new();
        let mut set = Vec::new();
        {
            let mut old = self.answers.iter().peekable();
            let mut new = session.answers.iter().peekable();
            loop {
                match (old.peek(), new.peek()) {
                    (None, None) => break,
                    (Some((k, _)), None) => {
                        gone.push((*k).clone());
                        old.next();
                    }
                    (None, Some((k, a))) => {
                        set.push(((*k).clone(), (*a).clone()));
                        new.next();
                    }
                    (Some((ko, po)), Some((kn, a))) => match ko.as_str().cmp(kn.as_str()) {
                        std::cmp::Ordering::Less => {
                            gone.push((*ko).clone());
                            old.next();
                        }
                        std::cmp::Ordering::Greater => {
                            set.push(((*kn).clone(), (*a).clone()));
                            new.next();
                        }
                        std::cmp::Ordering::Equal => {
                            if po.answer != **a {
                                set.push(((*kn).clone(), (*a).clone()));
                            }
                            old.next();
                            new.next();
                        }
                    },
                }
            }
        }
        for id in gone {
            self.answers.remove(&id);
            record.answers.insert(id, None);
        }
        for (id, answer) in set {
            self.set(id, answer, record);
        }
    }
}
