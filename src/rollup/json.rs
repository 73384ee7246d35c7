//! `selfcheck summary --format json`: the roll-up for other tools. The keys are stable (new
//! keys may be added, none renamed or removed); their meaning is in `docs/rollup.md` and the
//! JSON Schema generated from these types is committed as `data/summary.schema.json`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;

use crate::i18n::Lang;
use crate::model::UnitKind;

use super::flags::{FlagDetail, Place, Rule, TextField};
use super::group::{Rollup, Tally};
use super::labels::detail_text;

pub use super::stream::{render, write};

/// The roll-up of many units' session files.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "selfcheck summary")]
pub struct SummaryJson<'a> {
    /// The day overdue is measured against (`--as-of`, default today), YYYY-MM-DD.
    pub as_of: NaiveDate,
    /// The same day as `as_of`, under its earlier name.
    pub today: NaiveDate,
    /// Status columns: the default four, then any other id a custom answer set uses.
    pub statuses: Vec<StatusJson>,
    /// One entry per unit: its latest session.
    pub units: Vec<UnitJson>,
    pub total: TotalJson,
    /// The checks most often 未落实 (at most 10), most frequent first.
    pub most_not_done: Vec<NotDoneJson>,
    /// Every flag (敷衍应付), by unit, then check.
    pub flags: Flags<'a>,
    /// The combined 整改台账: every problem of every unit, overdue first.
    pub ledger: Vec<LedgerJson<'a>>,
    /// Earlier sessions of a unit that a later one replaces; not counted.
    pub superseded: Vec<SupersededJson>,
    /// Files that could not be read; not counted.
    pub errors: Vec<ErrorJson>,
    /// Conflict copies (`*.conflict-*.json`) found in folders; not counted.
    pub skipped: Vec<PathBuf>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct StatusJson {
    /// The id stored in session files, e.g. `done`.
    pub id: String,
    /// The answer set's label, e.g. 已落实.
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
}

/// Counts of a unit, or of all units.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CountsJson {
    /// Checks with a status.
    pub answered: usize,
    /// Checks in the checklist.
    pub total: usize,
    /// Whole percent answered.
    pub percent: usize,
    /// Checks per status id.
    pub by_status: BTreeMap<String, usize>,
    /// Answers that record a problem (存在问题 not empty).
    pub problems: usize,
    /// Problems whose rectification is not 已完成.
    pub open: usize,
    /// Open problems past their deadline on `as_of`.
    pub overdue: usize,
    /// Flags raised.
    pub flags: usize,
    /// Checks 基本落实 or 未落实 at the previous meeting and again now (反复出现).
    pub repeats: usize,
    /// Measures carried over from earlier meetings (上次遗留) not yet 已完成.
    pub carried_open: usize,
    /// Of those, past their deadline on `as_of`.
    pub carried_overdue: usize,
}

/// 签字确认 of the counted session, as the file stood when the roll-up read it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SignatureJson {
    /// `unsigned`, `signed` (every signature matches the content) or `altered` (changed
    /// after signing: a signature no longer matches).
    pub state: &'static str,
    /// Who signed, in order.
    pub signers: Vec<SignerJson>,
    /// 校验码: the first 16 hex digits of the content's SHA-256 (docs/signing.md), as printed
    /// under the signatures; only for a signed record. Compare it with the paper copy, and with
    /// an earlier roll-up, to see a later change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The whole SHA-256, with `code`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SignerJson {
    /// `host` (主持人) or `principal` (主要负责人).
    pub role: crate::model::signoff::Role,
    pub name: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct UnitJson {
    /// The session file that counts for the unit.
    pub path: PathBuf,
    /// The unit's name as written.
    pub unit: String,
    /// The name as compared when grouping (full-width forms half-width, no spaces).
    pub unit_key: String,
    pub unit_kind: Option<UnitKind>,
    /// Checklist id (gov, dept, enterprise, full or a custom one).
    pub template: String,
    pub template_title: String,
    /// 会议日期.
    pub date: Option<NaiveDate>,
    /// The session's last change.
    pub updated_at: DateTime<FixedOffset>,
    #[serde(flatten)]
    pub counts: CountsJson,
    /// Flags per rule id.
    pub flags_by_rule: BTreeMap<String, usize>,
    pub signature: SignatureJson,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct TotalJson {
    /// Units counted.
    pub units: usize,
    #[serde(flatten)]
    pub counts: CountsJson,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct NotDoneJson {
    /// Checklist id.
    pub template: String,
    /// Check id.
    pub check: String,
    /// Display number of the check in its checklist.
    pub number: String,
    pub text: String,
    /// Units that marked it 未落实.
    pub count: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct PlaceJson<'a> {
    pub unit: &'a str,
    pub number: &'a str,
    pub field: TextField,
}

// `selfcheck summary` writes it member by member (`stream::write_flag`): a member added here
// is added there (`tests/rollup_runs.rs` compares the two texts).
/// One flag: a sign of a perfunctory record.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FlagJson<'a> {
    pub unit: &'a str,
    /// The unit's counted session file.
    pub path: &'a Path,
    /// Stable rule id; see docs/rollup.md.
    pub rule: Rule,
    /// Check id; absent for a flag on the whole session.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<&'a str>,
    /// Display number of the check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<&'a str>,
    /// The field the text comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<TextField>,
    /// The text that raised the flag (cut at 120 characters), empty where nothing was written.
    pub text: std::borrow::Cow<'a, str>,
    /// The evidence in words, in the interface language.
    pub detail: String,
    /// `copied_*`: other places with the same text (at most 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<PlaceJson<'a>>,
    /// `copied_*`: how many other places in all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    /// `copied_*`: true when every other place has the same text after normalising.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identical: Option<bool>,
    /// `measure_incomplete`: what is missing (measures, owner, due).
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub missing: &'a [TextField],
    /// `too_short`: characters counted (punctuation and spaces not counted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chars: Option<usize>,
    /// overdue: the deadline and the days past it on `as_of`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_overdue: Option<i64>,
    /// unfinished: display numbers of the first unanswered checks (at most 10).
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub unanswered: &'a [String],
}

/// The flags, each made into its JSON as it is written: where units copy each other there are
/// hundreds of thousands, and holding them all as JSON values took more memory than the rest
/// of the roll-up.
pub struct Flags<'a> {
    rollup: &'a Rollup,
    lang: Lang,
}

impl Serialize for Flags<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.rollup
                .flags
                .iter()
                .map(|f| flag(self.rollup, f, detail_text(self.rollup, f, self.lang))),
        )
    }
}

impl JsonSchema for Flags<'_> {
    fn inline_schema() -> bool {
        <Vec<FlagJson>>::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Vec<FlagJson>>::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        <Vec<FlagJson>>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<FlagJson>>::json_schema(generator)
    }
}

// Written member by member like `FlagJson` (`stream::write_ledger_row`).
/// One row of the combined 整改台账.
#[derive(Debug, Serialize, JsonSchema)]
pub struct LedgerJson<'a> {
    pub unit: &'a str,
    /// Display number of the check.
    pub number: &'a str,
    pub check_text: &'a str,
    pub problem: &'a str,
    pub measures: &'a str,
    pub owner: &'a str,
    /// The day it falls due; absent for an ongoing deadline (长期坚持).
    pub due: Option<NaiveDate>,
    /// 完成时限 as written.
    pub due_text: &'a str,
    /// 未开始 / 整改中 / 已完成, empty when not recorded.
    pub progress: &'a str,
    pub closed_on: Option<NaiveDate>,
    /// Days past the deadline on `as_of`; absent unless overdue.
    pub overdue_days: Option<i64>,
    /// 上次遗留: a measure decided at an earlier meeting and followed up at this one.
    pub carried: bool,
    /// The day of the meeting that decided a carried measure, when known.
    pub carried_since: Option<NaiveDate>,
    /// 反复出现: the check was found short at the previous meeting and is again.
    pub repeat: bool,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SupersededJson {
    pub path: PathBuf,
    pub unit: String,
    pub date: Option<NaiveDate>,
    pub updated_at: DateTime<FixedOffset>,
    /// The session that counts instead.
    pub superseded_by: PathBuf,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ErrorJson {
    pub path: PathBuf,
    /// Why, in the interface language.
    pub error: String,
}

fn counts(rollup: &Rollup, t: &Tally) -> CountsJson {
    CountsJson {
        answered: t.answered,
        total: t.total,
        percent: t.percent(),
        by_status: rollup
            .statuses
            .iter()
            .zip(&t.by_status)
            .map(|(c, n)| (c.id.clone(), *n))
            .collect(),
        problems: t.problems,
        open: t.open,
        overdue: t.overdue,
        flags: t.flags,
        repeats: t.repeats,
        carried_open: t.carried_open,
        carried_overdue: t.carried_overdue,
    }
}

/// The roll-up as the JSON value; reasons and details in `lang`.
#[allow(clippy::too_many_lines)]
pub fn build(rollup: &Rollup, lang: Lang) -> SummaryJson<'_> {
    // On all cores: thousands of units, each with its counts by status and by rule.
    let units = rollup
        .units
        .par_iter()
        .enumerate()
        .map(|(i, u)| {
            let mut by_rule = BTreeMap::new();
            for f in rollup.flags_of(i) {
                *by_rule.entry(f.rule.id().to_owned()).or_insert(0) += 1;
            }
            UnitJson {
                path: u.facts.path.clone(),
                unit: u.facts.unit.clone(),
                unit_key: u.key.clone(),
                unit_kind: u.facts.kind,
                template: u.facts.template.clone(),
                template_title: u.facts.template_title.clone(),
                date: u.facts.date,
                updated_at: u.facts.updated_at,
                counts: counts(rollup, &u.tally),
                flags_by_rule: by_rule,
                signature: {
                    let s = &u.facts.signing;
                    SignatureJson {
                        state: match (s.signers.is_empty(), s.altered) {
                            (true, _) => "unsigned",
                            (false, false) => "signed",
                            (false, true) => "altered",
                        },
                        signers: s
                            .signers
                            .iter()
                            .map(|(role, name)| SignerJson {
                                role: *role,
                                name: name.clone(),
                            })
                            .collect(),
                        code: s.code.clone(),
                        sha256: s.sha256.clone(),
                    }
                },
            }
        })
        .collect();
    let flags = Flags { rollup, lang };
    SummaryJson {
        as_of: rollup.as_of,
        today: rollup.as_of,
        statuses: rollup
            .statuses
            .iter()
            .map(|c| StatusJson {
                id: c.id.clone(),
                label: c.label.clone(),
                label_en: c.label_en.clone(),
            })
            .collect(),
        units,
        total: TotalJson {
            units: rollup.units.len(),
            counts: counts(rollup, &rollup.total),
        },
        most_not_done: rollup
            .most_not_done
            .iter()
            .map(|n| NotDoneJson {
                template: n.template.clone(),
                check: n.check_id.clone(),
                number: n.number.clone(),
                text: n.text.clone(),
                count: n.count,
            })
            .collect(),
        flags,
        ledger: rollup
            .ledger
            .iter()
            .map(|r| {
                let e = &r.entry;
                LedgerJson {
                    unit: &rollup.units[r.unit].facts.unit,
                    number: &e.number,
                    check_text: &e.check_text,
                    problem: &e.problem,
                    measures: &e.measures,
                    owner: &e.owner,
                    due: e.due,
                    due_text: &e.due_text,
                    progress: e.progress,
                    closed_on: e.closed_on,
                    overdue_days: e.overdue_days,
                    carried: matches!(e.origin, crate::export::ledger::Origin::Carried { .. }),
                    carried_since: e.carried_since(),
                    repeat: e.repeat,
                }
            })
            .collect(),
        superseded: rollup
            .superseded
            .iter()
            .map(|s| SupersededJson {
                path: s.path.clone(),
                unit: s.unit.clone(),
                date: s.date,
                updated_at: s.updated_at,
                superseded_by: s.by.clone(),
            })
            .collect(),
        errors: rollup
            .errors
            .iter()
            .map(|e| ErrorJson {
                path: e.path.clone(),
                error: e.reason(lang),
            })
            .collect(),
        skipped: rollup.conflict_copies.clone(),
    }
}

/// The JSON of one flag, its evidence in words given.
pub(super) fn flag<'a>(rollup: &'a Rollup, f: &'a super::Flag, detail: String) -> FlagJson<'a> {
    let mut j = flag_members(rollup, f, detail);
    if let FlagDetail::Copied { places, .. } = &f.detail {
        j.places = places.iter().map(|p| place(rollup, p)).collect();
    }
    j
}

/// [`flag`] but for its `places` (left empty): a writer that writes them from the flag itself
/// need not list them first.
pub(super) fn flag_members<'a>(
    rollup: &'a Rollup,
    f: &'a super::Flag,
    detail: String,
) -> FlagJson<'a> {
    let u = &rollup.units[f.unit];
    let check = rollup.flag_check(f);
    let mut j = FlagJson {
        unit: &u.facts.unit,
        path: &u.facts.path,
        rule: f.rule,
        check: check.map(|c| c.0),
        number: check.map(|c| c.1),
        field: f.field,
        text: rollup.flag_quote(f),
        detail,
        places: Vec::new(),
        count: None,
        identical: None,
        missing: &[],
        chars: None,
        due: None,
        days_overdue: None,
        unanswered: &[],
    };
    match &f.detail {
        FlagDetail::None => {}
        FlagDetail::Missing(m) => j.missing = m,
        FlagDetail::Copied {
            count, identical, ..
        } => {
            j.count = Some(*count);
            j.identical = Some(*identical);
        }
        FlagDetail::Short { chars } => j.chars = Some(*chars),
        FlagDetail::Overdue { due, days } => {
            j.due = Some(*due);
            j.days_overdue = Some(*days);
        }
        FlagDetail::Unanswered { numbers, .. } => j.unanswered = numbers,
    }
    j
}

/// The JSON of another place where a copied text was found.
pub(super) fn place<'a>(rollup: &'a Rollup, p: &Place) -> PlaceJson<'a> {
    PlaceJson {
        unit: &rollup.units[p.unit].facts.unit,
        number: rollup.place_number(p),
        field: p.field,
    }
}

/// The JSON Schema of [`SummaryJson`], as committed in `data/summary.schema.json`.
pub fn schema() -> serde_json::Value {
    let mut v = schemars::schema_for!(SummaryJson).to_value();
    if let Some(obj) = v.as_object_mut() {
        obj.insert(
            "$id".into(),
            "https://selfcheck.invalid/summary.schema.json".into(),
        );
    }
    v
}
