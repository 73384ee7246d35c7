//! Flags for a perfunctory record (敷衍应付): what the office feeds back to a unit's 主要负责人.
//! Each rule has a stable id (in the JSON and `docs/rollup.md`); each flag names the unit, the
//! check (by its display number) and the text that raised it.
//!
//! The copy search is in [`super::copies`].

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
/// Two texts are near-duplicates when the Jaccard similarity of their sets of 3-character
/// shingles is at least this.
pub const NEAR_DUPLICATE: f64 = 0.8;
/// Characters per shingle.
pub const SHINGLE: usize = 3;
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

    /// The field's id, as in the JSON.
    pub fn id(self) -> &'static str {
        match self {
            TextField::Evidence => "evidence",
            TextField::Problems => "problems",
            TextField::Causes => "causes",
            TextField::Measures => "measures",
            TextField::Owner => "owner",
            TextField::Due => "due",
        }
    }

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    out.extend(normalised(text));
    out
}

/// The characters of [`normalise`], one at a time.
pub fn normalised(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|&c| is_word_char(c))
        .map(|c| c.to_ascii_lowercase())
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
    quoted(text).into_owned()
}

/// [`quote`], borrowed where the text is short enough (most are).
pub fn quoted(text: &str) -> std::borrow::Cow<'_, str> {
    // No more bytes than that is no more characters either.
    if text.len() <= QUOTE_CHARS || text.chars().count() <= QUOTE_CHARS {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut q: String = text.chars().take(QUOTE_CHARS).collect();
    q.push('…');
    std::borrow::Cow::Owned(q)
}

/// Raises every flag over the counted units; flags come out by unit, then check, then rule.
pub fn raise(units: &[&UnitFacts], as_of: NaiveDate) -> Vec<Flag> {
    // Each unit's flags are put in order on their own (sorting all of them at once moved
    // hundreds of megabytes where units copy each other), the copy flags made there too.
    let copies = super::copies::copies(units);
    let per_unit: Vec<Vec<Flag>> = units
        .par_iter()
        .enumerate()
        .map(|(i, u)| {
            let mut flags = per_unit(i, u, as_of);
            flags.append(&mut copies.flags_of(i));
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
                        .checked()
                        .filter(|(_, a)| a.status.is_none())
                        .take(UNANSWERED_SHOWN)
                        .map(|(c, _)| c.number.clone())
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
            // Counted in full only when short: most texts are past the limit within a few
            // characters.
            if normalised(text).nth(SHORT_MAX_CHARS).is_none() {
                let chars = normalised(text).count();
                out.push((
                    at,
                    flag(Rule::TooShort, Some(field), FlagDetail::Short { chars }),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_json_names() {
        for rule in Rule::ALL {
            assert_eq!(serde_json::to_value(rule).unwrap(), rule.id());
        }
        for field in [
            TextField::Evidence,
            TextField::Problems,
            TextField::Causes,
            TextField::Measures,
            TextField::Owner,
            TextField::Due,
        ] {
            assert_eq!(serde_json::to_value(field).unwrap(), field.id());
        }
    }

    #[test]
    fn punctuation_width_and_spaces_do_not_count() {
        assert_eq!(
            normalise("建立台账，  每月“回头看”！ABC"),
            normalise("建立台账,每月\"回头看\"!ａｂｃ")
        );
    }
}
