//! `selfcheck summary --format json` written: the members of [`SummaryJson`] in their order,
//! the flags and the combined ledger (nearly all of the text) made in runs on every core and
//! written in order, never held whole. The text is the one `serde_json` makes of
//! [`json::build`]; a test compares the two.

use rayon::prelude::*;
use serde::Serialize;

use crate::i18n::Lang;

use super::flags::{Flag, FlagDetail, Place, Rule};
use super::group::Rollup;
use super::json::{self, SummaryJson};
use super::labels::detail_text;

/// The roll-up as JSON on one line, with a final newline: a roll-up of thousands of units that
/// copy each other runs to tens of megabytes, and indenting it would add a third (`jq .`
/// indents it for reading). The same text as `serde_json` makes of [`json::build`].
pub fn render(rollup: &Rollup, lang: Lang) -> String {
    let mut out = Vec::new();
    // Writing to memory does not fail; strings, numbers, dates and paths always serialise.
    let _ = write(rollup, lang, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Flags (or ledger rows) whose JSON one core makes at a time.
const RUN: usize = 1024;
/// Runs made at once before they are written: what is held in memory at a time.
const WINDOW: usize = 4;

/// [`render`] written as it is made, never held whole (a pipe to another tool). The members
/// are those of [`SummaryJson`] in its order; the flags and the ledger, nearly all of the
/// text, are made in runs on every core and written in order.
pub fn write(rollup: &Rollup, lang: Lang, to: impl std::io::Write) -> std::io::Result<()> {
    use std::io::Write;
    let mut to = std::io::BufWriter::with_capacity(1 << 16, to);
    let j: SummaryJson = json::build(rollup, lang);
    let o = &mut to;
    o.write_all(b"{")?;
    member(o, "as_of", &j.as_of)?;
    o.write_all(b",")?;
    member(o, "today", &j.today)?;
    o.write_all(b",")?;
    member(o, "statuses", &j.statuses)?;
    o.write_all(b",")?;
    o.write_all(b"\"units\":")?;
    array(o, &j.units, |run, out| {
        for (k, unit) in run.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            serde_json::to_writer(&mut *out, unit)?;
        }
        Ok(())
    })?;
    o.write_all(b",")?;
    member(o, "total", &j.total)?;
    o.write_all(b",")?;
    member(o, "most_not_done", &j.most_not_done)?;
    o.write_all(b",\"flags\":")?;
    let names = Names::of(rollup);
    array(o, &rollup.flags, |run, out| {
        flag_run(rollup, &names, run, lang, out)
    })?;
    o.write_all(b",\"ledger\":")?;
    array(o, &j.ledger, |run, out| {
        for (k, row) in run.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            write_ledger_row(out, row)?;
        }
        Ok(())
    })?;
    o.write_all(b",")?;
    member(o, "superseded", &j.superseded)?;
    o.write_all(b",")?;
    member(o, "errors", &j.errors)?;
    o.write_all(b",")?;
    member(o, "skipped", &j.skipped)?;
    o.write_all(b"}\n")?;
    to.flush()
}

/// `"key":value`.
fn member(to: &mut impl std::io::Write, key: &str, value: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *to, key)?;
    to.write_all(b":")?;
    serde_json::to_writer(&mut *to, value)?;
    Ok(())
}

/// A JSON array of `items`, the JSON of each run of [`RUN`] made on any core by `run` (its
/// members separated by commas), written in order.
fn array<T: Sync>(
    to: &mut impl std::io::Write,
    items: &[T],
    run: impl Fn(&[T], &mut Vec<u8>) -> serde_json::Result<()> + Sync,
) -> std::io::Result<()> {
    to.write_all(b"[")?;
    for (w, window) in items.chunks(RUN * WINDOW).enumerate() {
        let made: Vec<Vec<u8>> = window
            .par_chunks(RUN)
            .map(|items| {
                // Room for 1 KB an item, more than a flag or a ledger row usually takes (about
                // 600 bytes here): growing the buffer copied it.
                let mut out = Vec::with_capacity(items.len() * 1024);
                run(items, &mut out).map(|()| out)
            })
            .collect::<Result<_, _>>()?;
        for (k, text) in made.iter().enumerate() {
            if w > 0 || k > 0 {
                to.write_all(b",")?;
            }
            to.write_all(text)?;
        }
    }
    to.write_all(b"]")
}

/// Each unit's name and path as JSON strings, made once: every flag names its unit and file,
/// and a copy's flag up to three other units.
struct Names {
    units: Vec<Vec<u8>>,
    /// `None` for a path that is not UTF-8 (`serde_json` refuses it).
    paths: Vec<Option<Vec<u8>>>,
}

impl Names {
    fn of(rollup: &Rollup) -> Self {
        let json = |text: &str| {
            let mut v = Vec::new();
            string(&mut v, text);
            v
        };
        Names {
            units: rollup.units.iter().map(|u| json(&u.facts.unit)).collect(),
            paths: rollup
                .units
                .iter()
                .map(|u| u.facts.path.to_str().map(json))
                .collect(),
        }
    }
}

/// The JSON of a run of flags, separated by commas; the words of a copy's evidence made (and
/// escaped) once for the flags that name the same other places (a copied paragraph raises a
/// flag in every unit that has it, each naming the same first places).
fn flag_run(
    rollup: &Rollup,
    names: &Names,
    flags: &[Flag],
    lang: Lang,
    out: &mut Vec<u8>,
) -> serde_json::Result<()> {
    type Key<'k> = (Rule, &'k [Place], usize, bool);
    let mut said: std::collections::HashMap<Key<'_>, Vec<u8>, super::copies::Fast> =
        std::collections::HashMap::default();
    let mut words = Vec::new();
    for (k, f) in flags.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        let detail: &[u8] = match &f.detail {
            // The words depend on the unit only where a place is in the unit itself.
            FlagDetail::Copied {
                places,
                count,
                identical,
            } if places.iter().all(|p| p.unit != f.unit) => said
                .entry((f.rule, places, *count, *identical))
                .or_insert_with(|| {
                    let mut v = Vec::new();
                    string(&mut v, &detail_text(rollup, f, lang));
                    v
                }),
            _ => {
                words.clear();
                string(&mut words, &detail_text(rollup, f, lang));
                &words
            }
        };
        let places = match &f.detail {
            FlagDetail::Copied { places, .. } => places.as_slice(),
            _ => &[],
        };
        write_flag(
            out,
            &json::flag_members(rollup, f, String::new()),
            (f.unit, places),
            (rollup, names),
            detail,
        )?;
    }
    Ok(())
}

/// One flag's JSON as `serde_json` writes [`json::FlagJson`] (the same members in the same
/// order, the same ones left out): its unit's name and path from `names`, its `places` given
/// as the flag's own, `detail` as its JSON string.
fn write_flag(
    out: &mut Vec<u8>,
    j: &json::FlagJson,
    (unit, places): (usize, &[Place]),
    (rollup, names): (&Rollup, &Names),
    detail: &[u8],
) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"unit\":");
    out.extend_from_slice(&names.units[unit]);
    out.extend_from_slice(b",\"path\":");
    let Some(path) = &names.paths[unit] else {
        // As serde does for a path that is not UTF-8.
        return serde_json::to_writer(&mut *out, j.path);
    };
    out.extend_from_slice(path);
    out.extend_from_slice(b",\"rule\":");
    id(out, j.rule.id());
    if let Some(check) = j.check {
        out.extend_from_slice(b",\"check\":");
        string(out, check);
    }
    if let Some(number) = j.number {
        out.extend_from_slice(b",\"number\":");
        string(out, number);
    }
    if let Some(field) = j.field {
        out.extend_from_slice(b",\"field\":");
        id(out, field.id());
    }
    out.extend_from_slice(b",\"text\":");
    string(out, &j.text);
    out.extend_from_slice(b",\"detail\":");
    out.extend_from_slice(detail);
    if !places.is_empty() {
        out.extend_from_slice(b",\"places\":[");
        for (k, p) in places.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"unit\":");
            out.extend_from_slice(&names.units[p.unit]);
            out.extend_from_slice(b",\"number\":");
            string(out, rollup.place_number(p));
            out.extend_from_slice(b",\"field\":");
            id(out, p.field.id());
            out.push(b'}');
        }
        out.push(b']');
    }
    let mut member = |key: &[u8], value: &dyn erased::Value| -> serde_json::Result<()> {
        out.extend_from_slice(key);
        value.write(out)
    };
    if let Some(count) = &j.count {
        member(b",\"count\":", count)?;
    }
    if let Some(identical) = &j.identical {
        member(b",\"identical\":", identical)?;
    }
    if !j.missing.is_empty() {
        member(b",\"missing\":", &j.missing)?;
    }
    if let Some(chars) = &j.chars {
        member(b",\"chars\":", chars)?;
    }
    if let Some(due) = &j.due {
        member(b",\"due\":", due)?;
    }
    if let Some(days) = &j.days_overdue {
        member(b",\"days_overdue\":", days)?;
    }
    if !j.unanswered.is_empty() {
        member(b",\"unanswered\":", &j.unanswered)?;
    }
    out.push(b'}');
    Ok(())
}

/// One row of the combined ledger as `serde_json` writes [`json::LedgerJson`].
fn write_ledger_row(out: &mut Vec<u8>, r: &json::LedgerJson) -> serde_json::Result<()> {
    for (key, text) in [
        (&b"{\"unit\":"[..], r.unit),
        (b",\"number\":", r.number),
        (b",\"check_text\":", r.check_text),
        (b",\"problem\":", r.problem),
        (b",\"measures\":", r.measures),
        (b",\"owner\":", r.owner),
    ] {
        out.extend_from_slice(key);
        string(out, text);
    }
    out.extend_from_slice(b",\"due\":");
    serde_json::to_writer(&mut *out, &r.due)?;
    out.extend_from_slice(b",\"due_text\":");
    string(out, r.due_text);
    out.extend_from_slice(b",\"progress\":");
    string(out, r.progress);
    out.extend_from_slice(b",\"closed_on\":");
    serde_json::to_writer(&mut *out, &r.closed_on)?;
    out.extend_from_slice(b",\"overdue_days\":");
    serde_json::to_writer(&mut *out, &r.overdue_days)?;
    out.extend_from_slice(if r.carried {
        b",\"carried\":true"
    } else {
        b",\"carried\":false"
    });
    out.extend_from_slice(b",\"carried_since\":");
    serde_json::to_writer(&mut *out, &r.carried_since)?;
    out.extend_from_slice(if r.repeat {
        b",\"repeat\":true"
    } else {
        b",\"repeat\":false"
    });
    out.push(b'}');
    Ok(())
}

/// Values written by `serde_json` behind one type, for the members written the same way.
mod erased {
    pub trait Value {
        fn write(&self, out: &mut Vec<u8>) -> serde_json::Result<()>;
    }

    impl<T: serde::Serialize> Value for T {
        fn write(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
            serde_json::to_writer(out, self)
        }
    }
}

/// An id (`copied_across_units`, `evidence`) as a JSON string: its letters and `_` need no
/// escaping.
fn id(out: &mut Vec<u8>, id: &str) {
    debug_assert!(id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    out.push(b'"');
    out.extend_from_slice(id.as_bytes());
    out.push(b'"');
}

/// `text` as a JSON string, escaped as `serde_json` escapes it (`\"`, `\\`, the short escapes
/// of `\b \t \n \f \r`, other control characters as `\u00xx`; everything else as it is),
/// looking at eight bytes at a step while none needs escaping.
fn string(out: &mut Vec<u8>, text: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of a byte of the result is set where a byte of `w` is below `n` (n at
    // most 0x80), or where a lower byte is: whether any is, is exact.
    let below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w;
    let zero = |w: u64| below(w, 1);
    // Bytes that need escaping: control characters, `"` and `\`.
    let special = |w: u64| {
        below(w, 0x20) | zero(w ^ (ONES * u64::from(b'"'))) | zero(w ^ (ONES * u64::from(b'\\')))
    };
    let word = |at: &[u8]| u64::from_le_bytes(at.try_into().unwrap_or_default());
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if let Some(w) = bytes.get(i..i + 16)
            && (special(word(&w[..8])) | special(word(&w[8..]))) & HIGH == 0
        {
            i += 16;
            continue;
        }
        if let Some(w) = bytes.get(i..i + 8)
            && special(word(w)) & HIGH == 0
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        let short = match b {
            b'"' => Some(b'"'),
            b'\\' => Some(b'\\'),
            0x08 => Some(b'b'),
            0x0C => Some(b'f'),
            b'\n' => Some(b'n'),
            b'\r' => Some(b'r'),
            b'\t' => Some(b't'),
            0..=0x1F => None,
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[start..i]);
        out.push(b'\\');
        if let Some(c) = short {
            out.push(c);
        } else {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0xF)]);
        }
        i += 1;
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("对照检查“回头看”\\\"\u{7f}\u{2028}é");
        for text in [
            String::new(),
            "a".into(),
            "12345678".into(),
            "1234567\"".into(),
            "\"1234567".into(),
            "建立台账，每月复核。".into(),
            all,
        ]
        .into_iter()
        // One character to escape at every place of a long text: in a step of sixteen bytes,
        // of eight, or after them.
        .chain((0..40).flat_map(|at| {
            ["\"", "\\", "\n", "\u{1f}"]
                .map(|c| format!("{}{c}建立台账，每月复核。", "a".repeat(at)))
        })) {
            let mut out = Vec::new();
            super::string(&mut out, &text);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&text).unwrap(),
                "{text:?}"
            );
        }
    }
}
