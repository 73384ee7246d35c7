//! Flags for a perfunctory record (敷衍应付): what the office feeds back to a unit's 主要负责人.
//! Each rule has a stable id (in the JSON and `docs/rollup.md`); each flag names the unit, the
//! check (by its display number) and the text that raised it.
//!
//! Copied text is found without comparing every pair of answers: texts are normalised
//! (full-width to half-width, punctuation and spaces dropped), identical texts are grouped by a
//! hash, and each distinct text gets a `MinHash` signature of its 3-character shingles. Signatures
//! are cut into bands; a text is a candidate only against the first text met in each of its
//! bands' buckets, so the work grows with the number of texts, not with its square. A
//! candidate pair is then measured exactly (the Jaccard similarity of the two shingle sets), so
//! whether two texts count as copies does not depend on the estimate.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::gather::{AnswerFacts, UnitFacts};
use super::{DONE, NA, NOT_DONE, PARTIAL};

/// A text field with at most this many characters (letters, digits and Chinese characters;
/// punctuation and spaces not counted) is too short to say anything.
pub const SHORT_MAX_CHARS: usize = 7;
/// Texts shorter than this (same counting) are not compared for copying: stock phrases such as
/// 按要求落实 are expected to repeat.
pub const COPY_MIN_CHARS: usize = 20;
/// Two texts are near-duplicates when the estimated Jaccard similarity of their sets of
/// 3-character shingles is at least this.
pub const NEAR_DUPLICATE: f64 = 0.8;
/// Characters per shingle.
pub const SHINGLE: usize = 3;
/// `MinHash` values per text, in `BANDS` bands of `ROWS`.
const HASHES: usize = 32;
const BANDS: usize = 8;
const ROWS: usize = HASHES / BANDS;
/// How many other places a copy flag names; the count says how many there are in all.
pub const PLACES_SHOWN: usize = 3;
/// How many unanswered checks an unfinished flag names.
pub const UNANSWERED_SHOWN: usize = 10;
/// The text quoted in a flag is cut to this many characters.
const QUOTE_CHARS: usize = 120;

/// The rules, in the order a unit's feedback lists them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// 未完成：checks not answered.
    Unfinished,
    /// 全部已落实且未查摆问题：every check 已落实 (or 不适用) and no problem anywhere.
    AllDoneNoProblem,
    /// 已落实无做法及成效.
    EvidenceMissing,
    /// 未落实/基本落实缺整改措施、责任人或完成时限.
    MeasureIncomplete,
    /// 逾期未完成整改.
    Overdue,
    /// 内容过于简单.
    TooShort,
    /// 本单位多处内容雷同.
    CopiedWithinUnit,
    /// 与其他单位内容雷同.
    CopiedAcrossUnits,
}

impl Rule {
    pub const ALL: [Rule; 8] = [
        Rule::Unfinished,
        Rule::AllDoneNoProblem,
        Rule::EvidenceMissing,
        Rule::MeasureIncomplete,
        Rule::Overdue,
        Rule::TooShort,
        Rule::CopiedWithinUnit,
        Rule::CopiedAcrossUnits,
    ];

    /// The stable id, as in the JSON.
    pub fn id(self) -> &'static str {
        match self {
            Rule::Unfinished => "unfinished",
            Rule::AllDoneNoProblem => "all_done_no_problem",
            Rule::EvidenceMissing => "evidence_missing",
            Rule::MeasureIncomplete => "measure_incomplete",
            Rule::Overdue => "overdue",
            Rule::TooShort => "too_short",
            Rule::CopiedWithinUnit => "copied_within_unit",
            Rule::CopiedAcrossUnits => "copied_across_units",
        }
    }
}

/// The fields of an answer a flag can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    /// 做法及成效
    Evidence,
    /// 存在问题
    Problems,
    /// 原因剖析
    Causes,
    /// 整改措施
    Measures,
    /// 责任人
    Owner,
    /// 完成时限
    Due,
}

impl TextField {
    /// The fields whose text is compared and measured.
    pub const PROSE: [TextField; 4] = [
        TextField::Evidence,
        TextField::Problems,
        TextField::Causes,
        TextField::Measures,
    ];

    /// The field's text in `a`.
    pub fn of(self, a: &AnswerFacts) -> &str {
        match self {
            TextField::Evidence => &a.evidence,
            TextField::Problems => &a.problems,
            TextField::Causes => &a.causes,
            TextField::Measures => &a.measures,
            TextField::Owner => &a.owner,
            TextField::Due => &a.due_text,
        }
    }
}

/// Another place where the same text was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Index into the roll-up's units.
    pub unit: usize,
    /// Index into that unit's answers (reading order): [`super::Rollup::place_number`] names it.
    pub answer: usize,
    pub field: TextField,
}

/// The evidence of a flag beyond its quoted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlagDetail {
    None,
    /// What a 未落实/基本落实 answer lacks.
    Missing(Vec<TextField>),
    /// The text is found in `count` other places; the first [`PLACES_SHOWN`] are named.
    /// `identical` when every one of them is the same text after normalising.
    Copied {
        places: Vec<Place>,
        count: usize,
        identical: bool,
    },
    /// Characters counted (punctuation and spaces not counted).
    Short {
        chars: usize,
    },
    Overdue {
        due: NaiveDate,
        days: i64,
    },
    /// Checks answered of all, and the first unanswered ones by number.
    Unanswered {
        answered: usize,
        total: usize,
        numbers: Vec<String>,
    },
}

/// One flag on one unit. It points into the unit's answers rather than copying from them:
/// where units copy each other there are tens of flags per unit.
/// [`super::Rollup::flag_check`] and [`super::Rollup::flag_text`] give the check and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// Index into the roll-up's units.
    pub unit: usize,
    pub rule: Rule,
    /// Index into the unit's answers (reading order); `None` for a flag on the whole session.
    pub answer: Option<usize>,
    /// The field whose text raised it.
    pub field: Option<TextField>,
    pub detail: FlagDetail,
}

/// Normalised characters of a text: full-width forms as half-width, letters in lower case,
/// anything not a letter, digit or Chinese character (punctuation, spaces) dropped.
pub fn normalise(text: &str) -> Vec<char> {
    // Sized for Chinese (three bytes a character): growing from nothing cost more than the
    // normalising.
    let mut out = Vec::with_capacity(text.len() / 3 + 8);
    out.extend(
        text.chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .filter(|&c| is_word_char(c))
            .map(|c| c.to_ascii_lowercase()),
    );
    out
}

/// A letter, digit or Chinese character; the common ranges first (the general lookup is slow
/// for Chinese, and every character of every answer goes through here).
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{4E00}'..='\u{9FFF}' => true,
        '\u{0}'..='\u{7F}'
        | '\u{2000}'..='\u{206F}'
        | '\u{3000}'..='\u{303F}'
        | '\u{FF00}'..='\u{FF0F}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// The text quoted in a flag: cut to [`QUOTE_CHARS`] characters with `…`.
pub fn quote(text: &str) -> String {
    if text.chars().count() <= QUOTE_CHARS {
        return text.to_owned();
    }
    let mut q: String = text.chars().take(QUOTE_CHARS).collect();
    q.push('…');
    q
}

/// Raises every flag over the counted units; flags come out by unit, then check, then rule.
pub fn raise(units: &[&UnitFacts], as_of: NaiveDate) -> Vec<Flag> {
    // The copy flags go to their units; each unit's flags are then put in order on their own
    // (sorting all of them at once moved hundreds of megabytes where units copy each other).
    let mut copied: Vec<Vec<(usize, Flag)>> = (0..units.len()).map(|_| Vec::new()).collect();
    for (at, f) in copies(units) {
        copied[f.unit].push((at, f));
    }
    let per_unit: Vec<Vec<Flag>> = units
        .par_iter()
        .enumerate()
        .zip(copied.into_par_iter())
        .map(|((i, u), mut copies)| {
            let mut flags = per_unit(i, u, as_of);
            flags.append(&mut copies);
            // Stable: a unit's own flags keep the order the rules are listed in.
            flags.sort_by_key(|(at, f)| (*at, f.rule, f.field.map(field_order)));
            flags.into_iter().map(|(_, f)| f).collect()
        })
        .collect();
    let mut flags = Vec::with_capacity(per_unit.iter().map(Vec::len).sum());
    for mut v in per_unit {
        flags.append(&mut v);
    }
    flags
}

fn field_order(f: TextField) -> u8 {
    f as u8
}

/// Flags of one unit's own record (one rule after another, as the docs list them); each paired with its place in reading order (0 for the
/// session, check index + 1 for a check).
#[allow(clippy::too_many_lines)]
fn per_unit(unit: usize, u: &UnitFacts, as_of: NaiveDate) -> Vec<(usize, Flag)> {
    let mut out = Vec::new();
    if u.answered < u.total {
        out.push((
            0,
            Flag {
                unit,
                rule: Rule::Unfinished,
                answer: None,
                field: None,
                detail: FlagDetail::Unanswered {
                    answered: u.answered,
                    total: u.total,
                    numbers: u
                        .answers
                        .iter()
                        .filter(|a| a.status.is_none())
                        .take(UNANSWERED_SHOWN)
                        .map(|a| a.number.clone())
                        .collect(),
                },
            },
        ));
    }
    let all_done = u.total > 0
        && u.answered == u.total
        && u.answers
            .iter()
            .all(|a| matches!(a.status.as_deref(), Some(DONE | NA)))
        && u.answers.iter().any(|a| a.status.as_deref() == Some(DONE))
        && u.problems == 0;
    if all_done {
        out.push((
            0,
            Flag {
                unit,
                rule: Rule::AllDoneNoProblem,
                answer: None,
                field: None,
                detail: FlagDetail::None,
            },
        ));
    }
    for (k, a) in u.answers.iter().enumerate() {
        let at = k + 1;
        let flag = |rule, field: Option<TextField>, detail| Flag {
            unit,
            rule,
            answer: Some(k),
            field,
            detail,
        };
        let status = a.status.as_deref();
        if status == Some(DONE) && a.evidence.is_empty() {
            out.push((
                at,
                flag(
                    Rule::EvidenceMissing,
                    Some(TextField::Evidence),
                    FlagDetail::None,
                ),
            ));
        }
        if matches!(status, Some(NOT_DONE | PARTIAL)) {
            let mut missing = Vec::new();
            if a.measures.is_empty() {
                missing.push(TextField::Measures);
            }
            if a.owner.is_empty() {
                missing.push(TextField::Owner);
            }
            if !a.has_deadline() {
                missing.push(TextField::Due);
            }
            if !missing.is_empty() {
                // The text quoted is the problem the measure should answer.
                out.push((
                    at,
                    flag(
                        Rule::MeasureIncomplete,
                        Some(TextField::Problems),
                        FlagDetail::Missing(missing),
                    ),
                ));
            }
        }
        if let (Some(days), Some(due)) = (a.overdue_days(as_of), a.due) {
            out.push((
                at,
                flag(
                    Rule::Overdue,
                    Some(TextField::Measures),
                    FlagDetail::Overdue { due, days },
                ),
            ));
        }
        for field in TextField::PROSE {
            let text = field.of(a);
            if text.is_empty() {
                continue;
            }
            let chars = normalise(text).len();
            if chars <= SHORT_MAX_CHARS {
                out.push((
                    at,
                    flag(Rule::TooShort, Some(field), FlagDetail::Short { chars }),
                ));
            }
        }
    }
    out
}

/// One place a long enough text was written.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    unit: usize,
    answer: usize,
    field: TextField,
    /// Index of its distinct (normalised) text.
    text: usize,
}

/// A long enough text of one answer: answer index, field, hash, normalised characters.
type Normalised = (usize, TextField, u64, Vec<char>);

/// Flags of text copied across checks of one unit or across units.
fn copies(units: &[&UnitFacts]) -> Vec<(usize, Flag)> {
    // Normalised texts, per unit on all cores.
    let found: Vec<Vec<Normalised>> = units
        .par_iter()
        .map(|u| {
            let mut v = Vec::new();
            for (k, a) in u.answers.iter().enumerate() {
                for field in TextField::PROSE {
                    let text = field.of(a);
                    if text.chars().count() < COPY_MIN_CHARS {
                        continue;
                    }
                    let norm = normalise(text);
                    if norm.len() >= COPY_MIN_CHARS {
                        v.push((k, field, exact_hash(&norm), norm));
                    }
                }
            }
            v
        })
        .collect();
    // Identical texts grouped by hash; one entry per distinct text.
    let mut distinct: Vec<Vec<char>> = Vec::new();
    let mut by_hash: HashMap<u64, usize, Fast> = HashMap::default();
    let mut occurrences = Vec::new();
    for (unit, list) in found.into_iter().enumerate() {
        for (answer, field, hash, norm) in list {
            let text = match by_hash.entry(hash) {
                Entry::Occupied(e) => *e.get(),
                Entry::Vacant(e) => {
                    distinct.push(norm);
                    *e.insert(distinct.len() - 1)
                }
            };
            occurrences.push(Occurrence {
                unit,
                answer,
                field,
                text,
            });
        }
    }
    // Near-duplicates: MinHash signatures, banded; each text is compared with the first text
    // of each of its buckets.
    // Each text's MinHash signature (to find candidates) and its set of shingles (to measure
    // them); the characters are no longer needed.
    let (signatures, sets): (Vec<[u32; HASHES]>, Vec<Vec<u32>>) =
        distinct.into_par_iter().map(|t| prepare(&t)).unzip();
    let mut parent: Vec<usize> = (0..signatures.len()).collect();
    let mut buckets: HashMap<u64, usize, Fast> =
        HashMap::with_capacity_and_hasher(signatures.len() * BANDS, Fast::default());
    for (i, sig) in signatures.iter().enumerate() {
        for band in 0..BANDS {
            let key = band_key(band, &sig[band * ROWS..(band + 1) * ROWS]);
            match buckets.entry(key) {
                Entry::Vacant(e) => {
                    e.insert(i);
                }
                Entry::Occupied(e) => {
                    let first = *e.get();
                    // A candidate: measured exactly, unless already joined.
                    if find(&mut parent, first) != find(&mut parent, i)
                        && jaccard(&sets[first], &sets[i]) >= NEAR_DUPLICATE
                    {
                        union(&mut parent, first, i);
                    }
                }
            }
        }
    }
    drop(buckets);
    // Occurrences by group of (near-)identical texts.
    let mut groups: HashMap<usize, Vec<Occurrence>, Fast> = HashMap::default();
    for o in occurrences {
        groups.entry(find(&mut parent, o.text)).or_default().push(o);
    }
    let groups: Vec<Vec<Occurrence>> = groups.into_values().filter(|g| g.len() > 1).collect();
    groups
        .par_iter()
        .flat_map_iter(|group| {
            let mut out = Vec::new();
            flag_group(group, &mut out);
            out
        })
        .collect()
}

/// The flags of one group of (near-)identical texts.
fn flag_group(group: &[Occurrence], out: &mut Vec<(usize, Flag)>) {
    let mut by_unit: HashMap<usize, Vec<Occurrence>, Fast> = HashMap::default();
    for o in group {
        by_unit.entry(o.unit).or_default().push(*o);
    }
    let identical = group.iter().all(|o| o.text == group[0].text);
    let place = |o: &Occurrence| Place {
        unit: o.unit,
        answer: o.answer,
        field: o.field,
    };
    for o in group {
        let flag = |rule, places: Vec<Place>, count| {
            (
                o.answer + 1,
                Flag {
                    unit: o.unit,
                    rule,
                    answer: Some(o.answer),
                    field: Some(o.field),
                    detail: FlagDetail::Copied {
                        places,
                        count,
                        identical,
                    },
                },
            )
        };
        let same_unit = &by_unit[&o.unit];
        let within: Vec<&Occurrence> = same_unit.iter().filter(|x| x.answer != o.answer).collect();
        if !within.is_empty() {
            out.push(flag(
                Rule::CopiedWithinUnit,
                within.iter().take(PLACES_SHOWN).map(|x| place(x)).collect(),
                within.len(),
            ));
        }
        let others = group.len() - same_unit.len();
        if others > 0 {
            out.push(flag(
                Rule::CopiedAcrossUnits,
                group
                    .iter()
                    .filter(|x| x.unit != o.unit)
                    .take(PLACES_SHOWN)
                    .map(place)
                    .collect(),
                others,
            ));
        }
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// The hasher of the maps here: their keys are hashes already, or indexes; one [`mix`] spreads
/// them (`SipHash`, the standard one, guards against chosen keys at several times the cost).
#[derive(Default, Clone, Copy)]
struct Mixed(u64);

impl Hasher for Mixed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0 ^ u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = mix(self.0 ^ n);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type Fast = BuildHasherDefault<Mixed>;

/// A 64-bit mix (the finaliser of SplitMix64): cheap and well spread.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn exact_hash(text: &[char]) -> u64 {
    text.iter().fold(0x51_7CC1_B727_220A, |h, &c| {
        mix(h ^ u64::from(u32::from(c)))
    })
}

/// A text's `MinHash` signature and its set of shingles (as hashes, sorted). The signature has
/// `HASHES` hash functions made from one 64-bit hash per shingle by double hashing
/// (`h1 + i·h2`); a shingle's three characters (21 bits each) fit in one 64-bit word, so one
/// [`mix`] hashes it.
fn prepare(text: &[char]) -> ([u32; HASHES], Vec<u32>) {
    // Lanes of four, so the minimum is taken four values at a time.
    let mut sig = [[u32::MAX; 4]; HASHES / 4];
    let mut set = Vec::with_capacity(text.len().saturating_sub(SHINGLE - 1));
    for w in text.windows(SHINGLE) {
        let packed = w
            .iter()
            .fold(0u64, |p, &c| (p << 21) | u64::from(u32::from(c)));
        let h = mix(packed ^ 0x2545_F491_4F6C_DD1D);
        // Halves of a 64-bit hash.
        #[allow(clippy::cast_possible_truncation)]
        let (h1, h2) = (h as u32, (h >> 32) as u32 | 1);
        set.push(h1 ^ h2);
        let mut v = [
            h1,
            h1.wrapping_add(h2),
            h1.wrapping_add(h2.wrapping_mul(2)),
            h1.wrapping_add(h2.wrapping_mul(3)),
        ];
        let step = h2.wrapping_mul(4);
        for lane in &mut sig {
            for (s, x) in lane.iter_mut().zip(&mut v) {
                *s = (*s).min(*x);
                *x = x.wrapping_add(step);
            }
        }
    }
    set.sort_unstable();
    set.dedup();
    let mut out = [0; HASHES];
    for (o, s) in out.iter_mut().zip(sig.iter().flatten()) {
        *o = *s;
    }
    (out, set)
}

/// The Jaccard similarity of two sorted sets: shared members over all members.
fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let all = a.len() + b.len() - shared;
    #[allow(clippy::cast_precision_loss)]
    let j = if all == 0 {
        1.0
    } else {
        shared as f64 / all as f64
    };
    j
}

fn band_key(band: usize, rows: &[u32]) -> u64 {
    rows.iter()
        .fold(mix(band as u64 + 1), |h, &r| mix(h ^ u64::from(r)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(t: &str) -> Vec<u32> {
        prepare(&normalise(t)).1
    }

    #[test]
    fn punctuation_width_and_spaces_do_not_count() {
        assert_eq!(
            normalise("建立台账，  每月“回头看”！ABC"),
            normalise("建立台账,每月\"回头看\"!ａｂｃ")
        );
    }

    #[test]
    fn a_lightly_edited_paragraph_is_a_near_duplicate_and_another_is_not() {
        let a = "对重点企业实行四不两直检查，全年立案查处违法违规行为二十三起，形成执法检查台账并逐项跟踪整改到位。";
        let b = "对重点企业实行四不两直检查，全年立案查处违法违规行为二十五起，形成执法检查台账并逐项跟踪整改到位。";
        let c = "修订危险化学品安全管理制度，组织专题培训两次，年底前完成隐患整改并开展回头看。";
        assert!(jaccard(&set(a), &set(b)) >= NEAR_DUPLICATE);
        assert!(jaccard(&set(a), &set(c)) < 0.3);
        // The signatures of the near-duplicate share a band, so the pair is looked at.
        let (sa, sb) = (prepare(&normalise(a)).0, prepare(&normalise(b)).0);
        assert!(
            (0..BANDS).any(
                |band| sa[band * ROWS..(band + 1) * ROWS] == sb[band * ROWS..(band + 1) * ROWS]
            )
        );
    }
}
