//! Grouping: one row per unit, the latest session of each counting and the earlier ones listed
//! as superseded; the total, the 未落实 ranking and the combined 整改台账.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::i18n::Lang;
use crate::model::template::default_answer_set;

use super::TOP;
use super::flags::{self, Flag, Place};
use super::gather::{AnswerFacts, CheckLine, FileError, LedgerEntry, Loaded, UnitFacts};

/// One column of status counts: the default four always, then any other id a custom answer set
/// uses, in the order first met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusColumn {
    pub id: String,
    /// The answer set's label, e.g. 已落实.
    pub label: String,
    /// The answer set's English label, where it has one.
    pub label_en: Option<String>,
}

impl StatusColumn {
    /// The label in `lang`: the English one when asked for and the answer set has it, else the
    /// answer set's own label.
    pub fn label_in(&self, lang: Lang) -> &str {
        match (&self.label_en, lang) {
            (Some(en), Lang::En) if !en.trim().is_empty() => en,
            _ => &self.label,
        }
    }
}

/// Counts for one unit, or summed for the total row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    pub answered: usize,
    pub total: usize,
    /// Aligned with [`Rollup::statuses`].
    pub by_status: Vec<usize>,
    /// Answers with a non-empty 存在问题.
    pub problems: usize,
    /// Problems whose rectification is not done.
    pub open: usize,
    /// Open problems whose 完成时限 is before the as-of date.
    pub overdue: usize,
    /// Flags raised (敷衍应付).
    pub flags: usize,
    /// Checks found short at the previous meeting and again now (反复出现).
    pub repeats: usize,
    /// Measures carried over from earlier meetings not yet 已完成 (上次遗留).
    pub carried_open: usize,
    /// Of those, past their deadline.
    pub carried_overdue: usize,
}

impl Tally {
    /// Whole percent answered; 0 for no checks.
    pub fn percent(&self) -> usize {
        (self.answered * 100).checked_div(self.total).unwrap_or(0)
    }

    fn add(&mut self, other: &Tally) {
        self.answered += other.answered;
        self.total += other.total;
        for (a, b) in self.by_status.iter_mut().zip(&other.by_status) {
            *a += b;
        }
        self.problems += other.problems;
        self.open += other.open;
        self.overdue += other.overdue;
        self.flags += other.flags;
        self.repeats += other.repeats;
        self.carried_open += other.carried_open;
        self.carried_overdue += other.carried_overdue;
    }
}

/// One unit's row: its latest session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    pub facts: UnitFacts,
    /// The normalised name the unit's sessions were grouped by.
    pub key: String,
    pub tally: Tally,
}

impl UnitRow {
    /// The name to show: as written, or a stand-in that says it is missing.
    pub fn name(&self, lang: Lang) -> &str {
        shown_name(&self.facts.unit, lang)
    }
}

/// The unit name to show, or a stand-in that says it is missing.
pub fn shown_name(name: &str, lang: Lang) -> &str {
    if !name.trim().is_empty() {
        return name;
    }
    crate::i18n::table_words(lang).unit_missing
}

/// An earlier session of a unit that a later one replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Superseded {
    pub path: PathBuf,
    pub unit: String,
    pub date: Option<NaiveDate>,
    pub updated_at: DateTime<FixedOffset>,
    /// The session that counts instead.
    pub by: PathBuf,
}

/// A check and how many units marked it 未落实.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotDone {
    pub template: String,
    pub template_title: String,
    pub check_id: String,
    /// The display number in its checklist.
    pub number: String,
    pub text: String,
    pub count: usize,
}

/// One row of the combined 整改台账: a unit (index into [`Rollup::units`]) and its entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CombinedLedgerRow {
    pub unit: usize,
    pub entry: LedgerEntry,
}

/// The whole roll-up.
#[derive(Debug)]
pub struct Rollup {
    /// The day overdue is measured against.
    pub as_of: NaiveDate,
    pub statuses: Vec<StatusColumn>,
    /// The units counted, one row each, in the order their files were given.
    pub units: Vec<UnitRow>,
    pub total: Tally,
    /// At most [`TOP`], most frequent first; ties in the order the checks were first met.
    pub most_not_done: Vec<NotDone>,
    /// Earlier sessions of a unit, not counted.
    pub superseded: Vec<Superseded>,
    /// Files that could not be read, not counted.
    pub errors: Vec<FileError>,
    /// Conflict copies found in folders, not counted.
    pub conflict_copies: Vec<PathBuf>,
    /// Every flag, by unit (in the order of `units`) and then by check.
    pub flags: Vec<Flag>,
    /// Every problem of every unit, overdue first (most days first), then by unit and check.
    pub ledger: Vec<CombinedLedgerRow>,
}

impl Rollup {
    /// The flags of one unit (index into `units`). The flags are sorted by unit, so the unit's
    /// run is found by bisection (a scan per unit would be units × flags).
    pub fn flags_of(&self, unit: usize) -> impl Iterator<Item = &Flag> {
        let start = self.flags.partition_point(|f| f.unit < unit);
        let end = start + self.flags[start..].partition_point(|f| f.unit == unit);
        self.flags[start..end].iter()
    }

    /// The check a flag is on.
    pub fn flag_answer(&self, f: &Flag) -> Option<&AnswerFacts> {
        self.units.get(f.unit)?.facts.answers.get(f.answer?)
    }

    /// The check a flag is on, as its checklist names it.
    pub fn flag_check_line(&self, f: &Flag) -> Option<&CheckLine> {
        self.units.get(f.unit)?.facts.checks.get(f.answer?)
    }

    /// `(check id, display number)` of a flag; `None` for a flag on the whole session.
    pub fn flag_check(&self, f: &Flag) -> Option<(&str, &str)> {
        self.flag_check_line(f)
            .map(|c| (c.id.as_str(), c.number.as_str()))
    }

    /// The text that raised a flag (cut at 120 characters), empty where nothing was written.
    pub fn flag_text(&self, f: &Flag) -> String {
        self.flag_quote(f).into_owned()
    }

    /// [`Rollup::flag_text`], borrowed where it is not cut.
    pub fn flag_quote(&self, f: &Flag) -> std::borrow::Cow<'_, str> {
        match (self.flag_answer(f), f.field) {
            (Some(a), Some(field)) => flags::quoted(field.of(a)),
            _ => std::borrow::Cow::Borrowed(""),
        }
    }

    /// The display number of the check at another place of a copied text.
    pub fn place_number(&self, p: &Place) -> &str {
        self.units
            .get(p.unit)
            .and_then(|u| u.facts.checks.get(p.answer))
            .map_or("", |c| c.number.as_str())
    }
}

/// A unit name as compared when grouping: full-width letters, digits and punctuation as their
/// half-width forms, the ideographic space and all other white space removed, ASCII letters in
/// lower case. `临港区 应急管理局` and `临港区应急管理局` are one unit; so are `ＡＢＣ公司` and
/// `abc公司`.
pub fn normalise_name(name: &str) -> String {
    name.chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            (!c.is_whitespace()).then(|| c.to_ascii_lowercase())
        })
        .collect()
}

/// Groups the sessions by unit and rolls them up (in the order the JSON lists the parts): the latest session of a unit (latest meeting
/// date, then latest change) counts; the flags are raised over the counted sessions.
#[allow(clippy::too_many_lines)]
pub fn combine(loaded: Loaded, as_of: NaiveDate) -> Rollup {
    let Loaded {
        units,
        errors,
        conflict_copies,
    } = loaded;

    // Latest session per unit; a session without a name is a unit of its own.
    let keys: Vec<String> = units
        .iter()
        .map(|u| {
            if u.unit.trim().is_empty() {
                format!("\u{0}{}", u.path.display())
            } else {
                normalise_name(&u.unit)
            }
        })
        .collect();
    let mut latest: HashMap<&str, usize> = HashMap::new();
    for (i, (u, key)) in units.iter().zip(&keys).enumerate() {
        latest
            .entry(key.as_str())
            .and_modify(|best| {
                let b = &units[*best];
                if (u.date, u.updated_at, &u.path) > (b.date, b.updated_at, &b.path) {
                    *best = i;
                }
            })
            .or_insert(i);
    }
    let counted: Vec<bool> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| latest.get(k.as_str()) == Some(&i))
        .collect();
    let mut superseded = Vec::new();
    for (i, u) in units.iter().enumerate() {
        if !counted[i] {
            superseded.push(Superseded {
                path: u.path.clone(),
                unit: u.unit.clone(),
                date: u.date,
                updated_at: u.updated_at,
                by: units[latest[keys[i].as_str()]].path.clone(),
            });
        }
    }
    let mut kept: Vec<(UnitFacts, String)> = units
        .into_iter()
        .zip(keys)
        .zip(counted)
        .filter_map(|(uk, c)| c.then_some(uk))
        .collect();

    let statuses = status_columns(kept.iter().map(|(u, _)| u));
    let column: HashMap<&str, usize> = statuses
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();

    // The rows move to the combined ledger (copying every text of every row cost more).
    let ledgers: Vec<Vec<LedgerEntry>> = kept
        .iter_mut()
        .map(|(u, _)| std::mem::take(&mut u.ledger))
        .collect();
    let facts: Vec<&UnitFacts> = kept.iter().map(|(u, _)| u).collect();
    // The ranking and the combined ledger are made on one core while the flags are raised
    // on all: raising them leaves a core idle at times.
    let (flags, (most_not_done, ledger)) = rayon::join(
        || flags::raise(&facts, as_of),
        || (ranking(&facts), combined_ledger(ledgers)),
    );
    let mut flag_count = vec![0; facts.len()];
    for f in &flags {
        flag_count[f.unit] += 1;
    }

    let mut total = Tally {
        by_status: vec![0; statuses.len()],
        ..Tally::default()
    };
    let mut rows = Vec::with_capacity(kept.len());
    for (i, (u, key)) in kept.iter().enumerate() {
        let mut t = Tally {
            answered: u.answered,
            total: u.total,
            by_status: vec![0; statuses.len()],
            problems: u.problems,
            open: u.open,
            overdue: u.overdue,
            flags: flag_count[i],
            repeats: u.repeats,
            carried_open: u.carried_open,
            carried_overdue: u.carried_overdue,
        };
        for (c, n) in u.answer_set.iter().zip(&u.by_status) {
            if let Some(&i) = column.get(c.id.as_str()) {
                t.by_status[i] += n;
            }
        }
        total.add(&t);
        rows.push((key.clone(), t));
    }
    drop(facts);

    let units = kept
        .into_iter()
        .zip(rows)
        .map(|((facts, _), (key, tally))| UnitRow { facts, key, tally })
        .collect();
    Rollup {
        as_of,
        statuses,
        units,
        total,
        most_not_done,
        superseded,
        errors,
        conflict_copies,
        flags,
        ledger,
    }
}

/// The units' ledgers (in the order of the units) as one: overdue first, most days first; the
/// rest keep unit and reading order (a stable sort).
fn combined_ledger(ledgers: Vec<Vec<LedgerEntry>>) -> Vec<CombinedLedgerRow> {
    // Rows are moved, never copied, and each only once or twice: a row holds seven texts and
    // thousands of units give tens of thousands of rows, so growing the list as it fills and
    // a merge sort's buffer each cost as much again (fresh memory the kernel must clear).
    // The rows that are not overdue, nearly all of them, keep their order and come last, so
    // only the overdue ones are sorted.
    let key = |e: &LedgerEntry| e.overdue_days.map_or(-1, |d| d.max(0));
    let all: usize = ledgers.iter().map(Vec::len).sum();
    let overdue: usize = ledgers
        .iter()
        .flatten()
        .filter(|e| e.overdue_days.is_some())
        .count();
    let mut ledger = Vec::with_capacity(all);
    let mut rest = Vec::with_capacity(all - overdue);
    for (unit, rows) in ledgers.into_iter().enumerate() {
        for entry in rows {
            let row = CombinedLedgerRow { unit, entry };
            if row.entry.overdue_days.is_some() {
                ledger.push(row);
            } else {
                rest.push(row);
            }
        }
    }
    // Most days first; a stable sort keeps unit and check order within a day.
    ledger.sort_by_key(|r| std::cmp::Reverse(key(&r.entry)));
    ledger.append(&mut rest);
    ledger
}

fn status_columns<'a>(units: impl Iterator<Item = &'a UnitFacts>) -> Vec<StatusColumn> {
    let mut statuses: Vec<StatusColumn> = default_answer_set()
        .into_iter()
        .map(|a| StatusColumn {
            id: a.id,
            label: a.label,
            label_en: a.label_en,
        })
        .collect();
    for u in units {
        for c in &u.answer_set {
            if !statuses.iter().any(|s| s.id == c.id) {
                statuses.push(c.clone());
            }
        }
    }
    statuses
}

/// The checks most often 未落实, counted per checklist and check.
fn ranking(units: &[&UnitFacts]) -> Vec<NotDone> {
    // (template, check id) -> (first met, index of an example)
    let mut seen: HashMap<(&str, &str), (usize, NotDone)> = HashMap::new();
    for u in units {
        for a in u.not_done() {
            let next = seen.len();
            seen.entry((u.template.as_str(), a.id.as_str()))
                .or_insert_with(|| {
                    (
                        next,
                        NotDone {
                            template: u.template.clone(),
                            template_title: u.template_title.clone(),
                            check_id: a.id.clone(),
                            number: a.number.clone(),
                            text: a.text.clone(),
                            count: 0,
                        },
                    )
                })
                .1
                .count += 1;
        }
    }
    let mut ranked: Vec<(usize, NotDone)> = seen.into_values().collect();
    ranked.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(TOP).map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::{CombinedLedgerRow, LedgerEntry, combined_ledger, normalise_name};

    /// Units' ledgers with overdue rows of equal and different days among rows that are not
    /// overdue (and rows overdue by none or fewer days than zero, as a stale as-of date gives).
    #[test]
    fn the_combined_ledger_is_the_stable_sort_by_days_overdue() {
        let days = [
            None,
            Some(3),
            None,
            Some(0),
            Some(12),
            None,
            Some(3),
            Some(-2),
            None,
        ];
        let ledgers: Vec<Vec<LedgerEntry>> = (0..5)
            .map(|unit| {
                (0..7)
                    .map(|k| LedgerEntry {
                        number: format!("{unit}.{k}"),
                        check_text: String::new(),
                        problem: format!("问题{unit}-{k}"),
                        measures: String::new(),
                        owner: String::new(),
                        due: None,
                        due_text: String::new(),
                        progress: "",
                        closed_on: None,
                        overdue_days: days[(unit * 7 + k) % days.len()],
                        origin: crate::export::ledger::Origin::ThisMeeting,
                        repeat: false,
                    })
                    .collect()
            })
            .collect();
        let mut expected: Vec<CombinedLedgerRow> = ledgers
            .iter()
            .enumerate()
            .flat_map(|(unit, rows)| {
                rows.iter().map(move |e| CombinedLedgerRow {
                    unit,
                    entry: e.clone(),
                })
            })
            .collect();
        expected.sort_by_key(|r| std::cmp::Reverse(r.entry.overdue_days.map_or(-1, |d| d.max(0))));
        let got = combined_ledger(ledgers);
        let order = |rows: &[CombinedLedgerRow]| -> Vec<String> {
            rows.iter().map(|r| r.entry.problem.clone()).collect()
        };
        assert_eq!(order(&got), order(&expected));
        assert_eq!(got[0].entry.overdue_days, Some(12));
        assert!(got.last().unwrap().entry.overdue_days.is_none());
    }

    #[test]
    fn names_compare_without_width_or_spaces() {
        assert_eq!(
            normalise_name(" 临港区　应急 管理局 "),
            normalise_name("临港区应急管理局")
        );
        assert_eq!(
            normalise_name("ＡＢＣ公司（一）"),
            normalise_name("abc公司(一)")
        );
        assert_ne!(normalise_name("甲单位"), normalise_name("乙单位"));
    }
}
