//! 完成时限 as officials write them: a date (2024-03-31, 2024年3月31日), a month (2027年3月底,
//! 3月底前: its last day counts), the end of a year (年底前), immediately (立行立改: the day of
//! the meeting) or ongoing (长期坚持: never overdue). What was typed is kept and shown as typed;
//! overdue is measured against the date it stands for.

use chrono::{Datelike, NaiveDate};

/// What a deadline means, once read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    /// A day.
    Date,
    /// The last day of a month or a year, written as that month or year.
    EndOf,
    /// 立行立改: due on the day of the meeting.
    Immediate,
    /// 长期坚持: no day it falls due.
    Ongoing,
}

/// A deadline read from the text a person typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The day it falls due; `None` for an ongoing one.
    pub date: Option<NaiveDate>,
    pub kind: DeadlineKind,
}

/// Words that mean "ongoing, no end date".
const ONGOING: [&str; 6] = [
    "长期坚持",
    "长期",
    "持续推进",
    "持续开展",
    "常态化",
    "长期执行",
];
/// Words that mean "at once".
const IMMEDIATE: [&str; 4] = ["立行立改", "立即整改", "立即", "即知即改"];

/// Half-width digits and separators for their full-width forms.
fn half_width(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' | '－' | '／' | '．' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// Reads a deadline. `reference` is the day of the meeting: it completes a month written
/// without a year (the next such month end on or after it) and dates 立行立改. Empty text is no
/// deadline (`Ok(None)`); text that is none of the accepted forms is `Err(())`.
#[expect(
    clippy::result_unit_err,
    reason = "the caller names the text in its own error"
)]
pub fn parse(text: &str, reference: NaiveDate) -> Result<Option<Deadline>, ()> {
    let t = half_width(text);
    if t.is_empty() {
        return Ok(None);
    }
    if ONGOING.contains(&t.as_str()) {
        return Ok(Some(Deadline {
            date: None,
            kind: DeadlineKind::Ongoing,
        }));
    }
    if IMMEDIATE.contains(&t.as_str()) {
        return Ok(Some(Deadline {
            date: Some(reference),
            kind: DeadlineKind::Immediate,
        }));
    }
    // "前" / "之前" / "以前" after a date or month adds nothing to when it falls due.
    let core = t
        .strip_suffix("之前")
        .or_else(|| t.strip_suffix("以前"))
        .or_else(|| t.strip_suffix('前'))
        .unwrap_or(&t);
    if let Some(date) = exact_date(core) {
        return Ok(Some(Deadline {
            date: Some(date),
            kind: DeadlineKind::Date,
        }));
    }
    end_of(core, reference)
        .map(|date| {
            Some(Deadline {
                date: Some(date),
                kind: DeadlineKind::EndOf,
            })
        })
        .ok_or(())
}

/// 2023-12-31, 2023/12/31, 2023.12.31, 20231231, 2023年12月31日 (or 号).
fn exact_date(t: &str) -> Option<NaiveDate> {
    let cleaned = t.trim_end_matches('日').trim_end_matches('号');
    let parts: Vec<&str> = cleaned
        .split(['-', '/', '.', '年', '月'])
        .filter(|p| !p.is_empty())
        .collect();
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] => (*y, *m, *d),
        [one] if one.len() == 8 && one.chars().all(|c| c.is_ascii_digit()) => {
            (&one[..4], &one[4..6], &one[6..])
        }
        _ => return None,
    };
    if y.len() != 4 || cleaned.ends_with(['年', '月']) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A month or a year standing for its last day: 2027年3月底, 2027年3月, 2027-03, 3月底, 3月中旬
/// is not accepted (it names no day); 2027年底, 年底, 年内.
fn end_of(t: &str, reference: NaiveDate) -> Option<NaiveDate> {
    let t = t
        .strip_suffix("月底")
        .map_or_else(|| t.to_owned(), |s| format!("{s}月"));
    // The end of a year.
    for suffix in ["年底", "年末", "年内"] {
        if let Some(year) = t.strip_suffix(suffix) {
            let year = match year {
                "" | "今" | "本" => reference.year(),
                "明" => reference.year() + 1,
                y if y.len() == 4 => y.parse().ok()?,
                _ => return None,
            };
            return NaiveDate::from_ymd_opt(year, 12, 31);
        }
    }
    // 2027年3月, 2027-03, 2027/3, 2027.3
    let (year, month) = if let Some(rest) = t.strip_suffix('月') {
        match rest.split_once('年') {
            Some((y, m)) if y.len() == 4 => (Some(y.parse().ok()?), m.parse::<u32>().ok()?),
            Some(_) => return None,
            None => (None, rest.parse::<u32>().ok()?),
        }
    } else {
        let (y, m) = t.split_once(['-', '/', '.'])?;
        if y.len() != 4 || m.is_empty() || m.len() > 2 {
            return None;
        }
        (Some(y.parse().ok()?), m.parse::<u32>().ok()?)
    };
    if !(1..=12).contains(&month) {
        return None;
    }
    if let Some(y) = year {
        return last_day_of_month(y, month);
    }
    let this_year = last_day_of_month(reference.year(), month)?;
    if this_year >= reference {
        Some(this_year)
    } else {
        last_day_of_month(reference.year() + 1, month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn the_forms_officials_write() {
        let meeting = d(2023, 12, 8);
        let cases = [
            ("2024-03-31", Some(d(2024, 3, 31)), DeadlineKind::Date),
            ("2024年3月31日前", Some(d(2024, 3, 31)), DeadlineKind::Date),
            (
                "２０２４年３月３１日",
                Some(d(2024, 3, 31)),
                DeadlineKind::Date,
            ),
            ("2027年3月底", Some(d(2027, 3, 31)), DeadlineKind::EndOf),
            ("2024年2月底前", Some(d(2024, 2, 29)), DeadlineKind::EndOf),
            ("2024年6月", Some(d(2024, 6, 30)), DeadlineKind::EndOf),
            ("2024-06", Some(d(2024, 6, 30)), DeadlineKind::EndOf),
            ("3月底前", Some(d(2024, 3, 31)), DeadlineKind::EndOf),
            ("12月底", Some(d(2023, 12, 31)), DeadlineKind::EndOf),
            ("年底前", Some(d(2023, 12, 31)), DeadlineKind::EndOf),
            ("2024年底", Some(d(2024, 12, 31)), DeadlineKind::EndOf),
            ("明年底前", Some(d(2024, 12, 31)), DeadlineKind::EndOf),
            ("长期坚持", None, DeadlineKind::Ongoing),
            ("立行立改", Some(meeting), DeadlineKind::Immediate),
        ];
        for (text, date, kind) in cases {
            assert_eq!(
                parse(text, meeting),
                Ok(Some(Deadline { date, kind })),
                "{text}"
            );
        }
        assert_eq!(parse("  ", meeting), Ok(None));
    }

    #[test]
    fn what_names_no_day_is_refused() {
        let meeting = d(2023, 12, 8);
        for bad in [
            "明天",
            "尽快",
            "2023-13-01",
            "2023-02-30",
            "23-1-1",
            "12/31",
            "13月底",
            "3月中旬",
            "2023年",
            "24年3月底",
        ] {
            assert_eq!(parse(bad, meeting), Err(()), "{bad}");
        }
    }
}
