//! What a session may be refused for, and the file format version it is checked against.

use super::template::TemplateError;

/// The version of the session file format this program writes. A file with a larger one is
/// refused rather than half-understood.
pub const SCHEMA_VERSION: u32 = 1;

/// What a change to a session may be refused for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error(
        "the file's schema_version is {found}; this program reads up to {SCHEMA_VERSION}. Use a newer selfcheck"
    )]
    NewerSchema { found: u32 },
    #[error("schema_version {0} is not a version this program knows")]
    BadSchema(u32),
    #[error("template: {0}")]
    Template(#[from] TemplateError),
    #[error("answers has an entry for {0:?}, which is not a check of the template")]
    UnknownCheck(String),
    #[error(
        "the answer to {check:?} has status {status:?}, which is not in the template's answer set"
    )]
    UnknownStatus { check: String, status: String },
    #[error(
        "the record is signed and read-only; reopen it for amendment first (this voids the signatures)"
    )]
    Signed,
    #[error("the answer to {check:?} has no carried-over measure number {index}")]
    NoCarriedMeasure { check: String, index: usize },
    #[error("{0:?} is not a date; write it as YYYY-MM-DD or 2023年12月31日")]
    BadDate(String),
    #[error(
        "{0:?} is not a deadline; write a date (2024-03-31, 2024年3月31日), a month (2024年3月底), 立行立改 or 长期坚持"
    )]
    BadDeadline(String),
}
