//! An answer's history as it is kept in memory: the JSON text it was read from, not taken apart
//! until something needs its entries (a change to the answer, the history shown or exported,
//! `selfcheck validate`). A session of 10,000 answers with their histories then starts almost
//! as fast as one without: reading 45,000 entries into values took longer than the rest of the
//! file.
//!
//! Each answer's history is written on one line, compact (`"history": [{"at":…},…]`), whether
//! it was read and left alone or changed: the file's text does not depend on what was looked at,
//! and a history read from a file is written back as it was, but for the layout.

use std::borrow::Cow;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::de;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::change::Change;

/// The changes made to an answer, oldest first. Reads as a slice of [`Change`]; appending goes
/// through [`History::push`] and the like.
///
/// A history that cannot be read into entries (a file edited by hand) does not keep the record
/// from opening: it reads as empty, [`History::problem`] says why (`selfcheck validate` reports
/// it), and its text is kept and written back as it was, with any entries added after it.
#[derive(Default)]
pub struct History {
    /// The JSON array as read: kept while the entries are not changed, and for good when it
    /// cannot be read. Made compact when written.
    raw: Option<Box<str>>,
    /// The entries read from `raw` (none when it cannot be read), as changed since.
    entries: OnceLock<Vec<Change>>,
    /// Once `raw` was read: why it could not be, if it could not.
    problem: OnceLock<Option<String>>,
}

impl History {
    /// The entries, read from the text the first time.
    pub fn entries(&self) -> &[Change] {
        self.entries.get_or_init(|| {
            let Some(raw) = &self.raw else {
                return Vec::new();
            };
            match read(raw) {
                Ok(entries) => {
                    let _ = self.problem.set(None);
                    entries
                }
                Err(why) => {
                    let _ = self.problem.set(Some(why));
                    Vec::new()
                }
            }
        })
    }

    /// Why the history read from the file cannot be read into entries, if it cannot.
    pub fn problem(&self) -> Option<&str> {
        self.entries();
        self.problem.get().and_then(Option::as_deref)
    }

    /// Whether the text read, if any, has been read into entries without a problem.
    fn readable(&self) -> bool {
        self.raw.is_none() || self.problem.get().is_some_and(Option::is_none)
    }

    /// The entries to change: the text read is dropped (unless it cannot be read: the entries
    /// then follow it), the entries are what is written.
    pub fn entries_mut(&mut self) -> &mut Vec<Change> {
        self.entries();
        if self.readable() {
            self.raw = None;
        }
        if self.entries.get().is_none() {
            self.entries = OnceLock::from(Vec::new());
        }
        // Filled just above.
        self.entries.get_mut().expect("entries are filled")
    }

    pub fn push(&mut self, change: Change) {
        self.entries_mut().push(change);
    }

    pub fn pop(&mut self) -> Option<Change> {
        self.entries_mut().pop()
    }

    pub fn last_mut(&mut self) -> Option<&mut Change> {
        self.entries_mut().last_mut()
    }

    /// Whether it holds no entry, without reading them.
    pub fn is_empty(&self) -> bool {
        let raw_empty = self.raw.as_deref().is_none_or(|r| r.trim() == "[]");
        match self.entries.get() {
            Some(e) if self.readable() => e.is_empty(),
            Some(e) => e.is_empty() && raw_empty,
            None => raw_empty,
        }
    }

    /// Whether the entries have been read from the text (for tests and measurements).
    pub fn is_read(&self) -> bool {
        self.raw.is_none() || self.entries.get().is_some()
    }
}

/// Reads a history's text into entries, or says which entry cannot be read.
fn read(text: &str) -> Result<Vec<Change>, String> {
    // A serde_json message without its " at line L column C" (a place in this text only).
    let bare = |e: &serde_json::Error| {
        let m = e.to_string();
        match m.rfind(" at line ") {
            Some(i) => m[..i].to_owned(),
            None => m,
        }
    };
    serde_json::from_str(text).or_else(|_| {
        let items: Vec<&RawValue> = serde_json::from_str(text).map_err(|e| bare(&e))?;
        for (i, item) in items.iter().enumerate() {
            serde_json::from_str::<Change>(item.get())
                .map_err(|e| format!("entry {}: {}", i + 1, bare(&e)))?;
        }
        Err("not a list of changes".to_owned())
    })
}

impl From<Vec<Change>> for History {
    fn from(entries: Vec<Change>) -> Self {
        History {
            raw: None,
            entries: OnceLock::from(entries),
            problem: OnceLock::new(),
        }
    }
}

impl std::ops::Deref for History {
    type Target = [Change];

    fn deref(&self) -> &[Change] {
        self.entries()
    }
}

impl<'a> IntoIterator for &'a History {
    type Item = &'a Change;
    type IntoIter = std::slice::Iter<'a, Change>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries().iter()
    }
}

impl Clone for History {
    fn clone(&self) -> Self {
        match (&self.raw, self.entries.get()) {
            // Still the text read: copying the text is cheaper than copying entries.
            (Some(raw), None) => History {
                raw: Some(raw.clone()),
                ..History::default()
            },
            (Some(raw), Some(_)) if self.readable() => History {
                raw: Some(raw.clone()),
                ..History::default()
            },
            _ => History {
                raw: self.raw.clone(),
                entries: OnceLock::from(self.entries().to_vec()),
                problem: self.problem.clone(),
            },
        }
    }
}

impl PartialEq for History {
    fn eq(&self, other: &Self) -> bool {
        if let (Some(a), Some(b)) = (&self.raw, &other.raw)
            && a == b
            && self.entries.get().is_none()
            && other.entries.get().is_none()
        {
            return true;
        }
        let same = self.entries() == other.entries();
        if self.problem().is_none() && other.problem().is_none() {
            same
        } else {
            // Text that cannot be read is the same when it is written the same.
            let text = |h: &Self| h.raw.as_deref().map(compact);
            same && text(self) == text(other)
        }
    }
}

impl std::fmt::Debug for History {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.problem(), &self.raw) {
            (Some(why), Some(raw)) => f
                .debug_struct("History")
                .field("unreadable", &why)
                .field("text", raw)
                .field("added", &self.entries())
                .finish_non_exhaustive(),
            _ => f.debug_list().entries(self.entries()).finish(),
        }
    }
}

impl Serialize for History {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let added = |e: &[Change]| serde_json::to_string(e).map_err(serde::ser::Error::custom);
        let text = match (&self.raw, self.entries.get()) {
            (Some(raw), None) => compact(raw),
            (Some(raw), Some(_)) if self.readable() => compact(raw),
            // Text that cannot be read, then the entries added since.
            (Some(raw), Some(e)) => {
                let old = compact(raw);
                match (old.strip_suffix(']'), added(e)?.strip_prefix('[')) {
                    (Some(head), Some(tail)) if !e.is_empty() && head != "[" => {
                        format!("{head},{tail}")
                    }
                    (_, Some(tail)) if !e.is_empty() => format!("[{tail}"),
                    _ => old,
                }
            }
            (None, e) => added(e.map_or(&[][..], Vec::as_slice))?,
        };
        RawValue::from_string(text)
            .map_err(serde::ser::Error::custom)?
            .serialize(serializer)
    }
}

/// `text` (JSON) without the whitespace between its tokens; strings are kept as they are. Only
/// ASCII bytes are dropped, so the rest stays UTF-8.
fn compact(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut in_string = false;
    let mut escaped = false;
    for &b in bytes {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            out.push(b);
        } else if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
            in_string = b == b'"';
            out.push(b);
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

impl<'de> Deserialize<'de> for History {
    /// Takes the text of the array as it is, without reading its entries: that happens when
    /// they are needed. Only a value that is not an array is refused here.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = <Box<RawValue>>::deserialize(deserializer)?;
        if !raw.get().trim_start().starts_with('[') {
            return Err(de::Error::custom(
                "history: not a list of changes (a JSON array)",
            ));
        }
        Ok(History {
            raw: Some(raw.into()),
            ..History::default()
        })
    }
}

/// Documented as the array of [`Change`] it is in the file.
impl JsonSchema for History {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "History".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<Change>>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::history::HistField;

    fn entry(at: &str) -> String {
        format!(r#"{{"at": "{at}", "field": "status", "new": "done", "by": "李 \"明\"\n"}}"#)
    }

    #[test]
    fn read_on_demand_and_written_compact() {
        let text = format!(
            "[\n  {},\n  {}\n]",
            entry("2024-12-05T09:00:00+08:00"),
            entry("2024-12-05T09:01:00+08:00")
        );
        let h: History = serde_json::from_str(&text).expect("reads");
        assert!(!h.is_read());
        assert!(!h.is_empty());
        let out = serde_json::to_string_pretty(&h).expect("writes");
        assert!(!h.is_read(), "writing does not read the entries");
        assert!(!out.contains('\n'), "one line: {out}");
        assert_eq!(
            out.matches("李 \\\"明\\\"\\n").count(),
            2,
            "strings kept: {out}"
        );
        assert_eq!(h.len(), 2);
        assert!(h.is_read());
        assert_eq!(h[0].field, HistField::Status);
        let back: History = serde_json::from_str(&out).expect("reads back");
        assert_eq!(back, h);
        let mut changed = back.clone();
        changed.pop();
        assert_eq!(
            serde_json::to_string(&changed)
                .expect("writes")
                .matches("\"at\"")
                .count(),
            1
        );
    }

    #[test]
    fn a_bad_entry_leaves_the_history_unread_and_kept() {
        let good = entry("2024-12-05T09:00:00+08:00");
        for bad in [
            format!("[{good}, {}]", entry("yesterday")),
            format!(r#"[{good}, {{"at":"2024-12-05T09:00:00+08:00","field":"colour"}}]"#),
            format!(r#"[{good}, {{"at":"2024-12-05T09:00:00+08:00","field":"status","by":5}}]"#),
            "[1]".to_owned(),
        ] {
            assert!(serde_json::from_str::<Vec<Change>>(&bad).is_err(), "{bad}");
            let mut h: History = serde_json::from_str(&bad).expect("read as text");
            assert!(!h.is_empty() && h.entries().is_empty(), "{bad}");
            let why = h.problem().expect("a problem").to_owned();
            assert!(why.starts_with("entry "), "{why}");
            let kept = serde_json::to_string(&h).expect("writes");
            assert_eq!(kept, compact(&bad), "written back as read");
            // An entry added follows the text that cannot be read.
            h.push(
                serde_json::from_str::<Vec<Change>>(&format!("[{good}]")).expect("good")[0].clone(),
            );
            let out = serde_json::to_string(&h).expect("writes");
            assert!(out.starts_with(&kept[..kept.len() - 1]), "{out}");
            assert_eq!(
                out.matches("\"at\"").count(),
                kept.matches("\"at\"").count() + 1,
                "{out}"
            );
            assert!(
                serde_json::from_str::<serde_json::Value>(&out).is_ok(),
                "{out}"
            );
        }
        for bad in ["{}", "5", "\"x\""] {
            assert!(serde_json::from_str::<History>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn which_entry_is_bad_is_told() {
        let text = format!(
            r#"[{},{{"at":"2024-12-05T09:00:00+08:00","field":"colour"}}]"#,
            entry("2024-12-05T09:00:00+08:00")
        );
        let h: History = serde_json::from_str(&text).expect("read as text");
        let why = h.problem().expect("a problem");
        assert!(
            why.starts_with("entry 2: unknown variant `colour`"),
            "{why}"
        );
    }

    #[test]
    fn a_session_read_from_its_file_reads_no_history() {
        let now = chrono::DateTime::parse_from_rfc3339("2024-12-05T09:00:00+08:00").expect("time");
        let s = crate::demo::with_history(crate::demo::synthetic_session(50, now), now);
        let text = serde_json::to_vec_pretty(&s).expect("writes");
        let back: crate::model::Session = serde_json::from_slice(&text).expect("reads");
        assert!(back.answers.values().all(|a| !a.history.is_read()));
        assert!(back.answers.values().any(|a| !a.history.is_empty()));
        assert_eq!(back, s, "the same record once read");
        assert_eq!(
            serde_json::to_vec_pretty(&back).expect("writes"),
            text,
            "written alike"
        );
    }
}
