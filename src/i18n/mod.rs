//! Interface language: every string the interface and the command line show, in Chinese (the
//! default) and English. Both tables are complete by construction: each is one struct literal.

use clap::ValueEnum;

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

pub use cli_msg::CliMsg;
pub use errors::{export_error, io_error, lock_holder, session_error, store_error, store_notice};
pub use followup::{FollowTexts, followup};
pub use texts::{EN, Texts, ZH, texts};
