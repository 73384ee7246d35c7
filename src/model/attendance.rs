//! 出席情况: who should have attended the meeting, who did, who was away and why, and who sat in
//! (列席). The report's 基本情况 is written from it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The meeting's attendance. Names of those present stay in `Meeting::attendees`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Attendance {
    /// 应到: how many should attend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<u32>,
    /// 实到: how many attended. When absent, the number of `attendees` is meant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present: Option<u32>,
    /// 缺席: who was away, with the reason (请假事由).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absentees: Vec<Absentee>,
    /// 列席: who attended without being a member.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub observers: Vec<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One person away from the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Absentee {
    pub name: String,
    /// 缺席原因, e.g. 出差, 病假.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Attendance {
    pub fn is_empty(&self) -> bool {
        self.expected.is_none()
            && self.present.is_none()
            && self.absentees.is_empty()
            && self.observers.is_empty()
            && self.extra.is_empty()
    }

    /// 实到 as the report states it: the number given, else the number of attendees named.
    pub fn present_count(&self, attendees: &[String]) -> u32 {
        self.present
            .unwrap_or_else(|| u32::try_from(attendees.len()).unwrap_or(u32::MAX))
    }

    /// A problem a reader should be told about: more present than expected, or the expected
    /// number not matching those present plus those away. `None` when consistent or not given.
    /// The words for it are the interface's (`i18n::attendance`).
    pub fn inconsistency(&self, attendees: &[String]) -> Option<Inconsistency> {
        let expected = self.expected?;
        let present = self.present_count(attendees);
        if present > expected {
            return Some(Inconsistency::PresentOver { present, expected });
        }
        let away = u32::try_from(self.absentees.len()).unwrap_or(u32::MAX);
        if !self.absentees.is_empty() && present.saturating_add(away) != expected {
            return Some(Inconsistency::CountsDiffer {
                expected,
                present,
                away,
            });
        }
        None
    }
}

/// How the counts of an attendance disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inconsistency {
    /// 实到 is more than 应到.
    PresentOver { present: u32, expected: u32 },
    /// 应到 is not 实到 plus those away.
    CountsDiffer {
        expected: u32,
        present: u32,
        away: u32,
    },
}

/// Reads absentees written as `name（reason）` or `name:reason`, separated by commas or 、.
pub fn parse_absentees(text: &str) -> Vec<Absentee> {
    text.split([',', '，', '、', ';', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|entry| {
            let (name, reason) = if let Some(open) = entry.find(['（', '('])
                && let Some(body) = entry.get(open..)
            {
                let reason = body
                    .trim_start_matches(['（', '('])
                    .trim_end_matches(['）', ')']);
                (&entry[..open], reason)
            } else if let Some((n, r)) = entry.split_once([':', '：']) {
                (n, r)
            } else {
                (entry, "")
            };
            Absentee {
                name: name.trim().to_owned(),
                reason: reason.trim().to_owned(),
                extra: Map::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absentees_with_reasons_in_the_ways_people_write_them() {
        let a = parse_absentees("王五（出差）、赵六:病假, 钱七");
        let got: Vec<(&str, &str)> = a
            .iter()
            .map(|x| (x.name.as_str(), x.reason.as_str()))
            .collect();
        assert_eq!(got, [("王五", "出差"), ("赵六", "病假"), ("钱七", "")]);
    }

    #[test]
    fn counts_that_do_not_add_up_are_told() {
        let names = vec!["甲".to_owned(), "乙".to_owned()];
        let mut a = Attendance {
            expected: Some(3),
            absentees: parse_absentees("丙（出差）"),
            ..Attendance::default()
        };
        assert_eq!(a.inconsistency(&names), None);
        a.expected = Some(5);
        assert_eq!(
            a.inconsistency(&names),
            Some(Inconsistency::CountsDiffer {
                expected: 5,
                present: 2,
                away: 1
            })
        );
        a.expected = Some(1);
        assert_eq!(
            a.inconsistency(&names),
            Some(Inconsistency::PresentOver {
                present: 2,
                expected: 1
            })
        );
    }
}
