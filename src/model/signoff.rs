//! 签字确认: the 主持人 and the unit's 主要负责人 confirm the record by typing their names (never
//! taken from the login). Each signature keeps the name, the time and the SHA-256 of the
//! record's content in a canonical form (docs/signing.md), so a later change to the file, by
//! hand or by another tool, is seen: [`verify`]. A signed record is read-only until it is
//! reopened for amendment ([`Session::reopen_for_amendment`]), which is recorded in the history
//! and voids the signatures.
//!
//! The hash is stored in the same file, so anyone can recompute it after an edit: it catches
//! naive edits, not a deliberate forgery. The printed 校验码 ([`short_code`]) on the signed paper
//! copy, and the roll-up's record of it when the office collects the file, are what make a
//! later change visible.

use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::change::{EventKind, new_record_id};
use super::history_text::History;
use super::session::Session;
pub use super::signature::{Role, SignError, Signature};

/// Top-level members left out of the signed content: the time of the last change, the
/// signatures themselves and the record's history.
pub const UNSIGNED_TOP: [&str; 3] = ["updated_at", "signatures", "history"];
/// Members of each answer left out: its time stamp and its history.
pub const UNSIGNED_ANSWER: [&str; 2] = ["updated_at", "history"];
/// Members of `meeting` left out: the meeting clock, which runs on while a signed record is
/// shown and is not what the signers confirm.
pub const UNSIGNED_MEETING: [&str; 1] = ["elapsed_seconds"];

/// The record's content as signed: the session's JSON without the [`UNSIGNED_TOP`] members and
/// each answer's [`UNSIGNED_ANSWER`] members.
pub fn signed_content(session: &Session) -> Value {
    // The histories are taken out before the session becomes a JSON value: copying them is
    // cheap, turning them into values is not (a second for a 10,000-check session).
    let mut s = session.clone();
    s.history = Vec::new();
    s.signatures = Vec::new();
    for a in s.answers.values_mut() {
        a.history = History::default();
    }
    let mut v = serde_json::to_value(&s).unwrap_or(Value::Null);
    if let Some(top) = v.as_object_mut() {
        for k in UNSIGNED_TOP {
            top.remove(k);
        }
        if let Some(Value::Object(meeting)) = top.get_mut("meeting") {
            for k in UNSIGNED_MEETING {
                meeting.remove(k);
            }
        }
        if let Some(Value::Object(answers)) = top.get_mut("answers") {
            for a in answers.values_mut() {
                if let Some(a) = a.as_object_mut() {
                    for k in UNSIGNED_ANSWER {
                        a.remove(k);
                    }
                }
            }
        }
    }
    v
}

/// Writes `v` in the canonical form of docs/signing.md: no whitespace, object members sorted
/// by the UTF-8 bytes of their names, strings and numbers as `serde_json` writes them.
pub fn canonical_json(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            out.push(b'{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                // A string always serialises.
                let _ = serde_json::to_writer(&mut *out, k);
                out.push(b':');
                if let Some(x) = m.get(k) {
                    canonical_json(x, out);
                }
            }
            out.push(b'}');
        }
        Value::Array(a) => {
            out.push(b'[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                canonical_json(x, out);
            }
            out.push(b']');
        }
        other => {
            let _ = serde_json::to_writer(&mut *out, other);
        }
    }
}

/// SHA-256 of the record's canonical content, as 64 lowercase hex digits.
pub fn content_hash(session: &Session) -> String {
    let mut bytes = Vec::new();
    canonical_json(&signed_content(session), &mut bytes);
    hex(&Sha256::digest(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// 校验码: the first 16 hex digits of a hash, upper case, in groups of four
/// (`3F2A-9C01-77DE-0B45`), short enough to print under the signatures and compare by eye.
pub fn short_code(sha256: &str) -> String {
    let head: Vec<char> = sha256.chars().take(16).collect();
    head.chunks(4)
        .map(|c| c.iter().collect::<String>().to_uppercase())
        .collect::<Vec<_>>()
        .join("-")
}

/// How one signature stands against the record's content now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureCheck {
    pub role: Role,
    pub name: String,
    pub matches: bool,
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// The content hash now.
    pub sha256: String,
    pub signatures: Vec<SignatureCheck>,
}

impl Verification {
    pub fn is_signed(&self) -> bool {
        !self.signatures.is_empty()
    }

    /// Signed, and changed since: some signature no longer matches.
    pub fn is_altered(&self) -> bool {
        self.signatures.iter().any(|s| !s.matches)
    }
}

/// Checks every signature against the record's content as it is.
pub fn verify(session: &Session) -> Verification {
    let sha256 = content_hash(session);
    let signatures = session
        .signatures
        .iter()
        .map(|s| SignatureCheck {
            role: s.role,
            name: s.name.clone(),
            matches: s.sha256 == sha256,
        })
        .collect();
    Verification { sha256, signatures }
}

impl Session {
    /// Signs the record as `role` with the typed `name`. A role signs once; a second signer
    /// signs the same content (a record changed by hand since the first signature is refused).
    /// Returns the content hash signed.
    pub fn sign(
        &mut self,
        role: Role,
        name: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<String, SignError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(SignError::EmptyName);
        }
        if let Some(s) = self.signatures.iter().find(|s| s.role == role) {
            return Err(SignError::AlreadySigned {
                role,
                name: s.name.clone(),
            });
        }
        if self.id.is_none() {
            // An older file gets its id now, before the content it is part of is hashed.
            self.id = Some(new_record_id(now));
        }
        let v = verify(self);
        if v.is_altered() {
            return Err(SignError::Altered);
        }
        self.signatures.push(Signature {
            role,
            name: name.to_owned(),
            at: now,
            sha256: v.sha256.clone(),
            extra: Map::new(),
        });
        self.push_event(
            EventKind::Signed,
            Some(name),
            role.recorded_name().to_owned(),
            Vec::new(),
            now,
        );
        self.updated_at = now;
        Ok(v.sha256)
    }

    /// Makes a signed record editable again: the signatures are voided (kept in the history
    /// event, with `by` who reopened it and `reason`). Returns whether there was anything to
    /// reopen.
    pub fn reopen_for_amendment(
        &mut self,
        by: &str,
        reason: &str,
        now: DateTime<FixedOffset>,
    ) -> bool {
        if self.signatures.is_empty() {
            return false;
        }
        let voided = std::mem::take(&mut self.signatures);
        self.push_event(
            EventKind::Reopened,
            Some(by.trim()),
            reason.trim().to_owned(),
            voided,
            now,
        );
        self.updated_at = now;
        true
    }
}
