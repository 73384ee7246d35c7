//! The text fields of an answer, and 完成时限 as the meeting wrote it. Plain data: uses nothing
//! else of the model.

use chrono::NaiveDate;

/// The text fields of an answer, in the order the meeting fills them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Evidence,
    Problems,
    Causes,
    Measures,
    Owner,
    Due,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::Evidence,
        Field::Problems,
        Field::Causes,
        Field::Measures,
        Field::Owner,
        Field::Due,
    ];

    /// Single-line fields take no newlines.
    pub fn is_single_line(self) -> bool {
        matches!(self, Field::Owner | Field::Due)
    }

    pub fn key(self) -> &'static str {
        match self {
            Field::Evidence => "evidence",
            Field::Problems => "problems",
            Field::Causes => "causes",
            Field::Measures => "measures",
            Field::Owner => "owner",
            Field::Due => "due",
        }
    }
}

/// 完成时限 as written: `text` where there is one, else the date as YYYY-MM-DD.
pub fn due_display(due: Option<NaiveDate>, text: &str) -> String {
    if text.is_empty() {
        // A date's own text is YYYY-MM-DD, made without reading a format string.
        due.map(|d| d.to_string()).unwrap_or_default()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_written_as_its_format_writes_it_in_every_year() {
        for (y, m, d) in [
            (-262_143, 1, 1),
            (-1, 12, 31),
            (0, 1, 1),
            (7, 3, 9),
            (999, 10, 10),
            (2024, 2, 29),
            (9999, 12, 31),
            (10_000, 1, 1),
            (262_142, 12, 31),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(
                due_display(Some(date), ""),
                date.format("%Y-%m-%d").to_string()
            );
        }
        assert_eq!(due_display(None, ""), "");
        assert_eq!(due_display(None, "长期坚持"), "长期坚持");
    }
}
