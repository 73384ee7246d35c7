//! An answer's history as it is kept in memory: the JSON text it was read from, checked but not
//! taken apart, until something needs its entries (a change to the answer, the history shown
//! or exported). A session of 10,000 answers with their histories then starts as fast as one
//! without: reading 45,000 entries into values took longer than the rest of the file.
//!
//! Each answer's history is written on one line, compact (`"history": [{"at":…},…]`), whether
//! it was read and left alone or changed: the file's text does not depend on what was looked at,
//! and a history read from a file is written back as it was, but for the layout.

use std::borrow::Cow;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::de::{self, IgnoredAny};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::history::{Change, HistField};

/// The changes made to an answer, oldest first. Reads as a slice of [`Change`]; appending goes
/// through [`History::push`] and the like.
#[derive(Default)]
pub struct History {
    /// The JSON array as read, while `entries` has not been filled from it or has not changed
    /// since. Made compact when written.
    raw: Option<Box<str>>,
    /// The entries, read from `raw` when first needed.
    entries: OnceLock<Vec<Change>>,
}

impl History {
    /// The entries, read from the text the first time.
    pub fn entries(&self) -> &[Change] {
        self.entries.get_or_init(|| match &self.raw {
            // Checked when read (see `Deserialize`): reading it again cannot fail but for a bug,
            // which would show as an empty history rather than a crash.
            Some(raw) => serde_json::from_str(raw).unwrap_or_default(),
            None => Vec::new(),
        })
    }

    /// The entries to change: the text read is dropped, the entries are what is written.
    pub fn entries_mut(&mut self) -> &mut Vec<Change> {
        self.entries();
        self.raw = None;
        if self.entries.get().is_none() {
            let _ = self.entries.set(Vec::new());
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
        match (self.entries.get(), &self.raw) {
            (Some(e), _) => e.is_empty(),
            (None, Some(raw)) => raw.as_ref() == "[]",
            (None, None) => true,
        }
    }

    /// Whether the entries have been read from the text (for tests and measurements).
    pub fn is_read(&self) -> bool {
        self.raw.is_none() || self.entries.get().is_some()
    }
}

impl From<Vec<Change>> for History {
    fn from(entries: Vec<Change>) -> Self {
        History {
            raw: None,
            entries: OnceLock::from(entries),
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
        match &self.raw {
            // Still the text read: copying the text is cheaper than copying entries.
            Some(raw) => History {
                raw: Some(raw.clone()),
                entries: OnceLock::new(),
            },
            None => History::from(self.entries().to_vec()),
        }
    }
}

impl PartialEq for History {
    fn eq(&self, other: &Self) -> bool {
        match (&self.raw, &other.raw) {
            (Some(a), Some(b)) if a == b => true,
            _ => self.entries() == other.entries(),
        }
    }
}

impl std::fmt::Debug for History {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.entries()).finish()
    }
}

impl Serialize for History {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = match (&self.raw, self.entries.get()) {
            (Some(raw), _) => compact(raw),
            (None, entries) => serde_json::to_string(entries.map_or(&[][..], Vec::as_slice))
                .map_err(serde::ser::Error::custom)?,
        };
        RawValue::from_string(text)
            .map_err(serde::ser::Error::custom)?
            .serialize(serializer)
    }
}

/// An entry's shape, read without keeping anything: what reading it into a [`Change`] would
/// refuse, this refuses.
#[derive(Deserialize)]
struct EntryShape<'a> {
    #[serde(borrow)]
    at: Cow<'a, str>,
    #[expect(dead_code, reason = "read to be checked")]
    field: HistField,
    #[serde(default)]
    #[expect(dead_code, reason = "read to be checked")]
    item: Option<usize>,
    #[serde(default, borrow)]
    #[expect(dead_code, reason = "read to be checked")]
    by: Cow<'a, str>,
    #[serde(default, borrow)]
    #[expect(dead_code, reason = "read to be checked")]
    user: Cow<'a, str>,
    #[serde(default, borrow)]
    #[expect(dead_code, reason = "read to be checked")]
    host: Cow<'a, str>,
    #[serde(default)]
    #[expect(dead_code, reason = "read to be checked")]
    old: Option<IgnoredAny>,
    #[serde(default)]
    #[expect(dead_code, reason = "read to be checked")]
    new: Option<IgnoredAny>,
}

/// Checks that `text` reads as a history, saying which entry does not. The message carries no
/// position of its own: the reader of the file gives the one in the file.
fn check(text: &str) -> Result<(), String> {
    // A serde_json message without its " at line L column C".
    let bare = |e: &serde_json::Error| {
        let m = e.to_string();
        match m.rfind(" at line ") {
            Some(i) => m[..i].to_owned(),
            None => m,
        }
    };
    let Ok(entries) = serde_json::from_str::<Vec<EntryShape<'_>>>(text) else {
        // Found wanting: look again, entry by entry, to say which.
        let items: Vec<&RawValue> =
            serde_json::from_str(text).map_err(|e| format!("history: {}", bare(&e)))?;
        for (i, item) in items.iter().enumerate() {
            serde_json::from_str::<EntryShape<'_>>(item.get())
                .map_err(|e| format!("history entry {}: {}", i + 1, bare(&e)))?;
        }
        return Err("history: not a list of changes".to_owned());
    };
    for (i, e) in entries.iter().enumerate() {
        // As the entry itself is read (chrono's `FromStr`).
        e.at.parse::<chrono::DateTime<chrono::FixedOffset>>()
            .map_err(|err| format!("history entry {}: at {:?}: {err}", i + 1, e.at))?;
    }
    Ok(())
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
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = <Box<RawValue>>::deserialize(deserializer)?;
        check(raw.get()).map_err(de::Error::custom)?;
        Ok(History {
            raw: Some(raw.into()),
            entries: OnceLock::new(),
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
    fn a_bad_entry_is_refused_when_read() {
        for bad in [
            "{}".to_owned(),
            "[1]".to_owned(),
            format!("[{}]", entry("yesterday")),
            r#"[{"at":"2024-12-05T09:00:00+08:00","field":"colour"}]"#.to_owned(),
            r#"[{"at":"2024-12-05T09:00:00+08:00","field":"status","by":5}]"#.to_owned(),
        ] {
            let e = serde_json::from_str::<History>(&bad)
                .expect_err(&bad)
                .to_string();
            assert!(e.starts_with("history"), "{e}");
            assert!(serde_json::from_str::<Vec<Change>>(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn which_entry_is_bad_is_told() {
        let text = format!(
            r#"[{},{{"at":"2024-12-05T09:00:00+08:00","field":"colour"}}]"#,
            entry("2024-12-05T09:00:00+08:00")
        );
        let e = serde_json::from_str::<History>(&text)
            .expect_err("refused")
            .to_string();
        assert!(
            e.starts_with("history entry 2: unknown variant `colour`"),
            "{e}"
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
