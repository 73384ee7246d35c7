//! Checklist templates: sections of items, each item quoting its requirements and listing the
//! checks a unit answers. The three built-in ones transcribe 临港安发〔2023〕13号; users may load
//! their own from a JSON file of the same shape.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::unit_kind::UnitKind;

/// A whole checklist, as shipped in `data/templates/` and copied into every session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(expecting = "a checklist template: a JSON object with id, version, title and sections")]
pub struct Template {
    /// Stable identifier, e.g. `gov`, `dept`, `enterprise`.
    pub id: String,
    /// Version of this checklist's text; a session records which one it answered.
    pub version: String,
    /// Title as printed on the form, e.g. 党委政府属地管理责任落实情况对照检查表.
    pub title: String,
    /// English title, shown when the interface is in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// The kind of unit this checklist is meant for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_kind: Option<UnitKind>,
    /// Where the text comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The statuses a check can be given, in the order of the digit keys 1..9.
    #[serde(default = "default_answer_set")]
    pub answer_set: Vec<AnswerOption>,
    pub sections: Vec<Section>,
    /// Fields written by other tools, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The document a template transcribes.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// 文号, e.g. 临港安发〔2023〕13号.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// 附件 number, e.g. 附件2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<String>,
    /// The part of the document the checks come from, e.g. 二（二）第一.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One possible status of a check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AnswerOption {
    /// Stored in the session, e.g. `done`.
    pub id: String,
    /// Shown to the meeting, e.g. 已落实.
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    pub id: String,
    /// 第一, 第二… as in the source.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    pub title: String,
    pub items: Vec<Item>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One numbered paragraph of the source: 对照“…”的要求，检查…情况.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Item {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// Each quoted requirement (the text inside 对照“…”的要求), verbatim.
    #[serde(default)]
    pub requirements: Vec<String>,
    pub checks: Vec<Check>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One 检查…情况 clause: the unit of answering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Check {
    /// Stable identifier; answers are keyed by it.
    pub id: String,
    /// The clause, verbatim.
    pub text: String,
    /// The kind of unit the source addresses this check to, where it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addressee: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Where a check sits in its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CheckPos {
    pub section: usize,
    pub item: usize,
    pub check: usize,
}

/// What makes a template unusable, found by [`Template::validate`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("template has an empty id")]
    EmptyId,
    #[error("template {0:?} has no checks")]
    NoChecks(String),
    #[error("id {0:?} is used more than once")]
    DuplicateId(String),
    #[error("an id is empty (in {0})")]
    EmptyChildId(String),
    #[error("check {0:?} has no text")]
    EmptyCheckText(String),
    #[error("the answer set is empty")]
    NoAnswers,
    #[error("the answer set has {0} entries; at most 9 fit on the digit keys")]
    TooManyAnswers(usize),
    #[error("answer id {0:?} is used more than once")]
    DuplicateAnswer(String),
}

/// The default answer set: 已落实, 基本落实, 未落实, 不适用. No answer means not yet checked.
pub fn default_answer_set() -> Vec<AnswerOption> {
    [
        ("done", "已落实", "Done"),
        ("partial", "基本落实", "Partly done"),
        ("not_done", "未落实", "Not done"),
        ("na", "不适用", "Not applicable"),
    ]
    .into_iter()
    .map(|(id, label, en)| AnswerOption {
        id: id.to_owned(),
        label: label.to_owned(),
        label_en: Some(en.to_owned()),
        extra: Map::new(),
    })
    .collect()
}

/// Notes a template id as seen: an error if it is empty (naming `place`, made only then) or
/// already taken.
fn note_id<'a>(
    seen: &mut std::collections::HashSet<&'a str>,
    id: &'a str,
    place: impl FnOnce() -> String,
) -> Result<(), TemplateError> {
    if id.trim().is_empty() {
        return Err(TemplateError::EmptyChildId(place()));
    }
    if seen.insert(id) {
        Ok(())
    } else {
        Err(TemplateError::DuplicateId(id.to_owned()))
    }
}

impl Template {
    /// Checks that ids are present and unique and the answer set usable.
    pub fn validate(&self) -> Result<(), TemplateError> {
        if self.id.trim().is_empty() {
            return Err(TemplateError::EmptyId);
        }
        if self.answer_set.is_empty() {
            return Err(TemplateError::NoAnswers);
        }
        if self.answer_set.len() > 9 {
            return Err(TemplateError::TooManyAnswers(self.answer_set.len()));
        }
        let mut answers = std::collections::HashSet::new();
        for a in &self.answer_set {
            if a.id.trim().is_empty() {
                return Err(TemplateError::EmptyChildId("answer_set".into()));
            }
            if !answers.insert(a.id.as_str()) {
                return Err(TemplateError::DuplicateAnswer(a.id.clone()));
            }
        }
        // Ids are borrowed and the place named only on an error: a 10,000-check template was
        // spending more time formatting places and copying ids than checking them.
        let mut seen = std::collections::HashSet::with_capacity(self.check_count() * 2);
        for s in &self.sections {
            note_id(&mut seen, &s.id, || format!("section {:?}", s.title))?;
            for i in &s.items {
                note_id(&mut seen, &i.id, || format!("section {:?}", s.id))?;
                for c in &i.checks {
                    note_id(&mut seen, &c.id, || format!("item {:?}", i.id))?;
                    if c.text.trim().is_empty() {
                        return Err(TemplateError::EmptyCheckText(c.id.clone()));
                    }
                }
            }
        }
        if self.check_count() == 0 {
            return Err(TemplateError::NoChecks(self.id.clone()));
        }
        Ok(())
    }

    pub fn check_count(&self) -> usize {
        self.sections
            .iter()
            .flat_map(|s| &s.items)
            .map(|i| i.checks.len())
            .sum()
    }

    /// Every check in reading order with its position.
    pub fn checks(&self) -> impl Iterator<Item = (CheckPos, &Check)> {
        self.sections.iter().enumerate().flat_map(|(si, s)| {
            s.items.iter().enumerate().flat_map(move |(ii, i)| {
                i.checks.iter().enumerate().map(move |(ci, c)| {
                    (
                        CheckPos {
                            section: si,
                            item: ii,
                            check: ci,
                        },
                        c,
                    )
                })
            })
        })
    }

    pub fn check_at(&self, pos: CheckPos) -> Option<&Check> {
        self.sections
            .get(pos.section)?
            .items
            .get(pos.item)?
            .checks
            .get(pos.check)
    }

    pub fn item_at(&self, pos: CheckPos) -> Option<&Item> {
        self.sections.get(pos.section)?.items.get(pos.item)
    }

    pub fn answer_option(&self, id: &str) -> Option<&AnswerOption> {
        self.answer_set.iter().find(|a| a.id == id)
    }

    /// Title in the interface language, falling back to the Chinese one.
    pub fn title_for(&self, english: bool) -> &str {
        match (&self.title_en, english) {
            (Some(t), true) if !t.is_empty() => t,
            _ => &self.title,
        }
    }
}

impl AnswerOption {
    pub fn label_for(&self, english: bool) -> &str {
        match (&self.label_en, english) {
            (Some(t), true) if !t.is_empty() => t,
            _ => &self.label,
        }
    }
}

/// Check id -> position, built once per template so lookups cost nothing per key press.
#[derive(Debug, Clone, Default)]
pub struct CheckIndex {
    positions: HashMap<String, CheckPos>,
    order: Vec<CheckPos>,
}

impl CheckIndex {
    pub fn new(template: &Template) -> Self {
        let mut positions = HashMap::new();
        let mut order = Vec::new();
        for (pos, c) in template.checks() {
            positions.insert(c.id.clone(), pos);
            order.push(pos);
        }
        Self { positions, order }
    }

    pub fn position(&self, check_id: &str) -> Option<CheckPos> {
        self.positions.get(check_id).copied()
    }

    /// Positions of all checks in reading order.
    pub fn order(&self) -> &[CheckPos] {
        &self.order
    }

    pub fn contains(&self, check_id: &str) -> bool {
        self.positions.contains_key(check_id)
    }
}

/// The number people say aloud for a check (第 3.2 条): `item.check` in a one-section checklist,
/// `section.item.check` when there are several sections (the combined `full`). Items keep the
/// number the source gives them where it is a plain number; checks count from 1 within their
/// item. Shown in the tree, the right pane, the summary, every export and the roll-up; the
/// internal ids stay in the JSON.
impl Template {
    pub fn display_number(&self, pos: CheckPos) -> String {
        let item = self
            .item_at(pos)
            .map(|i| i.number.trim())
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            .map_or_else(|| (pos.item + 1).to_string(), str::to_owned);
        if self.sections.len() > 1 {
            format!("{}.{item}.{}", pos.section + 1, pos.check + 1)
        } else {
            format!("{item}.{}", pos.check + 1)
        }
    }

    /// The display number of a check found by id, `None` when the template has no such check.
    pub fn display_number_of(&self, check_id: &str) -> Option<String> {
        self.checks()
            .find(|(_, c)| c.id == check_id)
            .map(|(pos, _)| self.display_number(pos))
    }

    /// The check a typed display number names. Accepts what an input method produces: full-width
    /// digits, `。` `．` `、` or `-` for the dot, spaces around, a leading 第 and a trailing 条.
    pub fn find_display_number(&self, typed: &str) -> Option<CheckPos> {
        let wanted = normalise_display_number(typed)?;
        self.checks()
            .map(|(pos, _)| pos)
            .find(|&pos| self.display_number(pos) == wanted)
    }
}

/// A typed check number in the canonical `1.2` / `1.2.3` form, or `None` if it is not one.
fn normalise_display_number(typed: &str) -> Option<String> {
    let t = typed
        .trim()
        .trim_start_matches('第')
        .trim_end_matches('条')
        .trim();
    let mut out = String::with_capacity(t.len());
    for ch in t.chars() {
        match ch {
            '0'..='9' => out.push(ch),
            '０'..='９' => out.extend(char::from_u32(ch as u32 - 0xFEE0)),
            '.' | '。' | '．' | '、' | '-' | '－' => out.push('.'),
            c if c.is_whitespace() => {}
            _ => return None,
        }
    }
    let parts: Vec<&str> = out.split('.').collect();
    if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    // "03.2" names the same check as "3.2".
    Some(
        parts
            .iter()
            .map(|p| p.trim_start_matches('0'))
            .map(|p| if p.is_empty() { "0" } else { p })
            .collect::<Vec<_>>()
            .join("."),
    )
}

#[cfg(test)]
mod display_number_tests {
    use crate::model::builtin;

    #[test]
    fn one_section_numbers_are_item_dot_check() {
        let t = builtin::get("dept").expect("built-in dept");
        let numbers: Vec<String> = t.checks().map(|(p, _)| t.display_number(p)).collect();
        assert_eq!(numbers.first().map(String::as_str), Some("1.1"));
        assert!(numbers.contains(&"3.2".to_owned()), "{numbers:?}");
        let unique: std::collections::HashSet<_> = numbers.iter().collect();
        assert_eq!(unique.len(), numbers.len(), "numbers repeat: {numbers:?}");
    }

    #[test]
    fn combined_checklist_prefixes_the_section() {
        let t = builtin::get("full").expect("built-in full");
        let numbers: Vec<String> = t.checks().map(|(p, _)| t.display_number(p)).collect();
        assert_eq!(numbers.first().map(String::as_str), Some("1.1.1"));
        assert!(numbers.iter().any(|n| n.starts_with("3.")), "{numbers:?}");
        let unique: std::collections::HashSet<_> = numbers.iter().collect();
        assert_eq!(unique.len(), numbers.len());
    }

    #[test]
    fn typed_numbers_are_found_as_an_input_method_sends_them() {
        let t = builtin::get("dept").expect("built-in dept");
        let pos = t.find_display_number("3.2").expect("3.2 exists");
        assert_eq!(t.display_number(pos), "3.2");
        for typed in ["３。２", "第3.2条", " 3．2 ", "03.02", "3-2"] {
            assert_eq!(t.find_display_number(typed), Some(pos), "{typed}");
        }
        for typed in ["", "3", "3.", "a.b", "99.1", "3..2"] {
            assert_eq!(t.find_display_number(typed), None, "{typed}");
        }
    }
}
