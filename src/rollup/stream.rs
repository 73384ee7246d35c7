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
const WINDOW: usize = 16;

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
    member(o, "units", &j.units)?;
    o.write_all(b",")?;
    member(o, "total", &j.total)?;
    o.write_all(b",")?;
    member(o, "most_not_done", &j.most_not_done)?;
    o.write_all(b",\"flags\":")?;
    array(o, &rollup.flags, |run, out| {
        flag_run(rollup, run, lang, out)
    })?;
    o.write_all(b",\"ledger\":")?;
    array(o, &j.ledger, |run, out| {
        for (k, row) in run.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            serde_json::to_writer(&mut *out, row)?;
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
                let mut out = Vec::with_capacity(items.len() * 512);
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

/// The JSON of a run of flags, separated by commas; the words of a copy's evidence made once
/// for the flags that name the same other places (a copied paragraph raises a flag in every
/// unit that has it, each naming the same first places).
fn flag_run(
    rollup: &Rollup,
    flags: &[Flag],
    lang: Lang,
    out: &mut Vec<u8>,
) -> serde_json::Result<()> {
    type Key<'k> = (Rule, &'k [Place], usize, bool);
    let mut said: std::collections::HashMap<Key<'_>, String> = std::collections::HashMap::new();
    for (k, f) in flags.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        let detail = match &f.detail {
            // The words depend on the unit only where a place is in the unit itself.
            FlagDetail::Copied {
                places,
                count,
                identical,
            } if places.iter().all(|p| p.unit != f.unit) => said
                .entry((f.rule, places, *count, *identical))
                .or_insert_with(|| detail_text(rollup, f, lang))
                .clone(),
            _ => detail_text(rollup, f, lang),
        };
        serde_json::to_writer(&mut *out, &json::flag(rollup, f, detail))?;
    }
    Ok(())
}
