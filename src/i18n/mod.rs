//! Interface language: every string the interface and the command line show, in Chinese (the
//! default) and English. Both tables are complete by construction: each is one struct literal.

use clap::ValueEnum;

pub mod attendance;
pub mod followup;
pub mod help;
pub mod json;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// 中文
    #[default]
    Zh,
    /// English
    En,
}

impl Lang {
    pub fn is_en(self) -> bool {
        self == Lang::En
    }
}

mod cli_msg;
mod errors;
mod texts;

pub use attendance::{AttendanceTexts, attendance};
pub use cli_msg::CliMsg;
pub use errors::{export_error, io_error, lock_holder, session_error, store_error, store_notice};
pub use followup::{FollowTexts, followup};
pub use texts::{EN, Texts, ZH, texts};

/// The document the checklists come from; its number is the same in every language.
pub const NOTICE_NUMBER: &str = "临港安发〔2023〕13号";

/// The name of a kind of unit in `lang`.
pub fn unit_kind(kind: crate::model::UnitKind, lang: Lang) -> &'static str {
    use crate::model::UnitKind as K;
    match (kind, lang) {
        (K::Gov, Lang::Zh) => "党委政府",
        (K::Dept, Lang::Zh) => "部门",
        (K::Enterprise, Lang::Zh) => "企业",
        (K::Gov, Lang::En) => "Party committee / government",
        (K::Dept, Lang::En) => "Department",
        (K::Enterprise, Lang::En) => "Enterprise",
    }
}
