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
        due.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    } else {
        text.to_owned()
    }
}
