//! The roll-up across units (`selfcheck summary`): the working tool of the office that collects
//! every unit's session files (区专项行动领导小组办公室). It must not mislead and it must give the
//! office something to act on:
//!
//! - [`gather`]: the files named, read on every core; a file that cannot be read is kept with its
//!   reason, never fatal (one unit's broken file must not hide everyone else's).
//! - [`group`]: one row per unit (names compared after normalising full-width letters and
//!   spaces); the latest session of a unit counts, earlier ones are listed as superseded.
//! - [`flags`]: the signs of a perfunctory record (敷衍应付), each with a stable rule id, the
//!   unit, the check and the text that raised it; copied text found across units without
//!   comparing every pair.
//! - [`table`], [`json`], [`sheets`], [`feedback`]: the outputs. Every one names the as-of
//!   date, the superseded sessions and the unreadable files.
//!
//! The rules and thresholds are documented in `docs/rollup.md`; the JSON in
//! `data/summary.schema.json`.

pub mod copies;
pub mod feedback;
pub mod flags;
pub mod gather;
pub mod group;
pub mod json;
pub mod labels;
pub mod read;
pub mod sheets;
mod stream;
pub mod table;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use flags::{Flag, FlagDetail, Rule};
pub use gather::{AnswerFacts, CheckLine, FileError, LedgerEntry, Loaded, UnitFacts, load};
pub use group::{NotDone, Rollup, StatusColumn, Superseded, Tally, UnitRow, combine};

/// Exit status of `selfcheck summary` when the outputs were written but at least one input
/// could not be read (listed in every format). 1 stays "nothing could be read or written", 2 a
/// usage error.
pub const EXIT_SKIPPED: u8 = 3;

/// The status id of 已落实.
pub const DONE: &str = "done";
/// The status id of 基本落实.
pub const PARTIAL: &str = "partial";
/// The status id the 未落实 ranking counts.
pub const NOT_DONE: &str = "not_done";
/// The status id of 不适用.
pub const NA: &str = "na";
/// How many checks the ranking lists.
pub const TOP: usize = 10;

/// Reads every session named by `inputs`, groups them by unit and raises the flags; `as_of`
/// decides what is overdue.
pub fn run(inputs: &[PathBuf], as_of: NaiveDate) -> Rollup {
    let loaded = load(inputs, as_of);
    combine(loaded, as_of)
}

/// Rolls up sessions already in memory (tests, benchmarks); `as_of` decides what is overdue.
pub fn summarize(sessions: &[(PathBuf, crate::model::Session)], as_of: NaiveDate) -> Rollup {
    let units = sessions
        .iter()
        .map(|(p, s)| gather::facts(p, s, as_of))
        .collect();
    combine(
        Loaded {
            units,
            ..Loaded::default()
        },
        as_of,
    )
}

/// A file name made from a unit's name: characters that a file system or a shell would take
/// specially become `_`; never empty.
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .take(60)
        .collect();
    let stem = stem.trim_start_matches('.').to_owned();
    if stem.is_empty() {
        "unit".to_owned()
    } else {
        stem
    }
}

/// The file name shown for a path: its last part.
pub(crate) fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
