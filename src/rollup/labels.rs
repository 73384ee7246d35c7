//! The words of the roll-up's outputs in the interface language (Chinese first, English with
//! `--lang en`), from `i18n::rollup`, and how a rule, a field and a flag's evidence are said.

use crate::i18n::{Lang, fill};

pub use crate::i18n::rollup::RollupWords as Labels;

use super::flags::{Flag, FlagDetail, Rule, TextField};
use super::group::Rollup;

/// The roll-up's words in `lang`.
pub fn labels(lang: Lang) -> &'static Labels {
    crate::i18n::rollup::rollup_words(lang)
}

/// `{n}` in `text` replaced by `n`.
pub fn with_n(text: &str, n: usize) -> String {
    text.replace("{n}", &n.to_string())
}

/// The place of `rule` in the tables of `i18n::rollup`.
fn rule_index(rule: Rule) -> usize {
    match rule {
        Rule::Unfinished => 0,
        Rule::AllDoneNoProblem => 1,
        Rule::EvidenceMissing => 2,
        Rule::MeasureIncomplete => 3,
        Rule::Overdue => 4,
        Rule::TooShort => 5,
        Rule::CopiedWithinUnit => 6,
        Rule::CopiedAcrossUnits => 7,
    }
}

/// A rule's name as the office says it.
pub fn rule_label(rule: Rule, lang: Lang) -> &'static str {
    labels(lang).rule_names[rule_index(rule)]
}

/// What the office expects of a unit when a rule is raised: the feedback's requirement.
pub fn rule_expectation(rule: Rule, lang: Lang) -> &'static str {
    labels(lang).rule_expectations[rule_index(rule)]
}

/// A field's name as the forms write it.
pub fn field_label(field: TextField, lang: Lang) -> &'static str {
    let index = match field {
        TextField::Evidence => 0,
        TextField::Problems => 1,
        TextField::Causes => 2,
        TextField::Measures => 3,
        TextField::Owner => 4,
        TextField::Due => 5,
    };
    labels(lang).text_fields[index]
}

/// A flag's evidence in words, naming other units by name (the flag's own unit as 本单位).
pub fn detail_text(rollup: &Rollup, flag: &Flag, lang: Lang) -> String {
    let l = labels(lang);
    match &flag.detail {
        FlagDetail::None => String::new(),
        FlagDetail::Missing(fields) => {
            let names: Vec<&str> = fields.iter().map(|f| field_label(*f, lang)).collect();
            fill(l.missing, &[("names", &names.join(l.list_sep))])
        }
        FlagDetail::Copied {
            places,
            count,
            identical,
        } => {
            let shown: Vec<String> = places
                .iter()
                .map(|p| {
                    let unit = if p.unit == flag.unit {
                        l.this_unit
                    } else {
                        rollup.units.get(p.unit).map_or("", |u| u.name(lang))
                    };
                    fill(
                        l.copied_place,
                        &[
                            ("unit", &unit),
                            ("number", &rollup.place_number(p)),
                            ("field", &field_label(p.field, lang)),
                        ],
                    )
                })
                .collect();
            let rest = count.saturating_sub(places.len());
            let more = if rest > 0 {
                fill(l.copied_more, &[("count", count), ("rest", &rest)])
            } else {
                String::new()
            };
            fill(
                l.copied,
                &[
                    ("places", &shown.join(l.copied_sep)),
                    ("more", &more),
                    ("same", &if *identical { l.identical } else { l.similar }),
                ],
            )
        }
        FlagDetail::Short { chars } => fill(l.short, &[("chars", chars)]),
        FlagDetail::Overdue { due, days } => {
            fill(l.overdue_detail, &[("due", due), ("days", days)])
        }
        FlagDetail::Unanswered {
            answered,
            total,
            numbers,
        } => {
            let more = if total - answered > numbers.len() {
                l.unanswered_more
            } else {
                ""
            };
            fill(
                l.unanswered,
                &[
                    ("answered", answered),
                    ("total", total),
                    ("numbers", &numbers.join(l.list_sep)),
                    ("more", &more),
                ],
            )
        }
    }
}

/// The place of a flag: 第3.2项 / 3.2, or the whole session.
pub fn flag_place(check: Option<(&str, &str)>, lang: Lang) -> String {
    let l = labels(lang);
    match check {
        Some((_, n)) => fill(l.flag_check, &[("number", &n)]),
        None => l.flag_whole.to_owned(),
    }
}

/// Text cut to `width` columns with `…` where it was cut.
pub fn cut(text: &str, width: usize) -> String {
    if crate::text::wrap::width(text) <= width {
        return text.to_owned();
    }
    let mut t = crate::text::wrap::truncate(text, width.saturating_sub(1));
    t.push('…');
    t
}
