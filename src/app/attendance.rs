//! The 出席情况 rows of the meeting-details form (应到, 实到, 缺席 with the reason, 列席): a
//! recorded attendance written out as the rows show it, and the rows' texts read back, with
//! what is wrong in them said in the interface language.

use super::form::FormRow;
use crate::i18n::AttendanceTexts;
use crate::i18n::followup::fill;
use crate::i18n::marks::{NAME_SEP, with_reason};
use crate::model::attendance::{Attendance, Inconsistency, parse_absentees};
use crate::text::split_names;

/// The texts of the 应到, 实到, 缺席 and 列席 rows for a recorded attendance.
pub fn texts_of(a: &Attendance) -> [String; 4] {
    let absent: Vec<String> = a
        .absentees
        .iter()
        .map(|x| match x.reason.trim() {
            "" => x.name.clone(),
            why => with_reason(&x.name, why),
        })
        .collect();
    [
        a.expected.map(|n| n.to_string()).unwrap_or_default(),
        a.present.map(|n| n.to_string()).unwrap_or_default(),
        absent.join(NAME_SEP),
        a.observers.join(NAME_SEP),
    ]
}

/// What `parse_count` says of a text that is not a number of people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotACount;

/// A number of people as typed: empty is none; digits (full-width ones too), with or without
/// a trailing 人. `Err` when it is not a number of people.
pub fn parse_count(text: &str) -> Result<Option<u32>, NotACount> {
    let t = text.trim();
    let t = t.strip_suffix('人').unwrap_or(t).trim_end();
    if t.is_empty() {
        return Ok(None);
    }
    let ascii: String = t
        .chars()
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            c => c,
        })
        .collect();
    if !ascii.chars().all(|c| c.is_ascii_digit()) {
        return Err(NotACount);
    }
    ascii.parse::<u32>().map(Some).map_err(|_| NotACount)
}

/// The attendance the rows hold (`texts`: 应到, 实到, 缺席, 列席), or the row that is wrong and
/// what is wrong with it. `attendees` are the names in 参会人员.
pub fn read(
    texts: [&str; 4],
    attendees: &[String],
    at: &AttendanceTexts,
) -> Result<Attendance, (FormRow, String)> {
    let count = |row: FormRow, label: &str, text: &str| {
        parse_count(text).map_err(|NotACount| {
            (
                row,
                fill(at.not_a_number, &[("row", label), ("text", text.trim())]),
            )
        })
    };
    let expected = count(FormRow::Expected, at.expected, texts[0])?;
    let present = count(FormRow::Present, at.present, texts[1])?;
    let absentees = parse_absentees(texts[2]);
    let entries = texts[2]
        .split([',', '，', '、', ';', '；', '\n'])
        .map(str::trim)
        .filter(|e| !e.is_empty());
    if let Some((bad, _)) = entries.zip(&absentees).find(|(_, a)| a.name.is_empty()) {
        return Err((FormRow::Absent, fill(at.absent_no_name, &[("entry", bad)])));
    }
    let attendance = Attendance {
        expected,
        present,
        absentees,
        observers: split_names(texts[3]),
        ..Attendance::default()
    };
    if let Some(expected) = expected {
        let e = expected.to_string();
        if let Some(p) = present
            && p > expected
        {
            return Err((
                FormRow::Present,
                fill(
                    at.present_over,
                    &[("present", &p.to_string()), ("expected", &e)],
                ),
            ));
        }
        let named = attendance.present_count(attendees);
        if present.is_none() && named > expected {
            return Err((
                FormRow::Expected,
                fill(
                    at.named_over,
                    &[("named", &named.to_string()), ("expected", &e)],
                ),
            ));
        }
    }
    Ok(attendance)
}

/// A note (not a refusal) when 应到 is not 实到 plus those away.
pub fn note(attendance: &Attendance, attendees: &[String], at: &AttendanceTexts) -> Option<String> {
    match attendance.inconsistency(attendees)? {
        Inconsistency::CountsDiffer {
            expected,
            present,
            away,
        } => Some(fill(
            at.counts_differ,
            &[
                ("expected", &expected.to_string()),
                ("present", &present.to_string()),
                ("away", &away.to_string()),
            ],
        )),
        // Not a note: `read` refuses it.
        Inconsistency::PresentOver { .. } => None,
    }
}

/// `new` with what the form does not show kept from `old`: unknown fields of the attendance,
/// and of each absentee still named.
pub fn keep_unknown(mut new: Attendance, old: &Attendance) -> Attendance {
    new.extra.clone_from(&old.extra);
    for a in &mut new.absentees {
        if let Some(was) = old.absentees.iter().find(|o| o.name == a.name) {
            a.extra.clone_from(&was.extra);
        }
    }
    new
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::attendance::ZH;

    #[test]
    fn counts_as_people_type_them() {
        assert_eq!(parse_count(""), Ok(None));
        assert_eq!(parse_count(" 12 "), Ok(Some(12)));
        assert_eq!(parse_count("１２人"), Ok(Some(12)));
        assert_eq!(parse_count("十二"), Err(NotACount));
        assert_eq!(parse_count("-3"), Err(NotACount));
        assert_eq!(parse_count("3.5"), Err(NotACount));
        assert_eq!(parse_count("99999999999"), Err(NotACount));
    }

    #[test]
    fn rows_read_back_what_they_show() {
        let a = Attendance {
            expected: Some(9),
            present: Some(7),
            absentees: parse_absentees("王五（出差）、赵六"),
            observers: vec!["孙七".into(), "周八".into()],
            ..Attendance::default()
        };
        let texts = texts_of(&a);
        assert_eq!(texts[2], "王五（出差）、赵六");
        let back = read([&texts[0], &texts[1], &texts[2], &texts[3]], &[], &ZH).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn what_is_wrong_names_the_row_and_the_text() {
        let (row, msg) = read(["十人", "", "", ""], &[], &ZH).unwrap_err();
        assert_eq!(row, FormRow::Expected);
        assert!(msg.contains("应到人数") && msg.contains("十人"), "{msg}");
        let (row, msg) = read(["5", "8", "", ""], &[], &ZH).unwrap_err();
        assert_eq!(row, FormRow::Present);
        assert!(msg.contains('8') && msg.contains('5'), "{msg}");
        let names: Vec<String> = ["甲", "乙", "丙"].map(String::from).into();
        let (row, _) = read(["2", "", "", ""], &names, &ZH).unwrap_err();
        assert_eq!(row, FormRow::Expected);
        let (row, msg) = read(["", "", "王五（出差）、（病假）", ""], &[], &ZH).unwrap_err();
        assert_eq!(row, FormRow::Absent);
        assert!(msg.contains("（病假）"), "{msg}");
    }

    #[test]
    fn counts_that_do_not_add_up_are_a_note() {
        let a = read(["5", "3", "王五（出差）", ""], &[], &ZH).unwrap();
        assert!(note(&a, &[], &ZH).is_some());
        let a = read(["4", "3", "王五（出差）", ""], &[], &ZH).unwrap();
        assert_eq!(note(&a, &[], &ZH), None);
    }
}
