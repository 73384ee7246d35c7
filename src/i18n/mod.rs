//! Interface language: every string the interface and the command line show, in Chinese (the
//! default) and English. Both tables are complete by construction: each is one struct literal.

use clap::ValueEnum;

pub mod attendance;
pub mod followup;
pub mod help;
pub mod help_zh;
pub mod json;
pub mod letter;
pub mod man;
pub mod marks;
pub mod records;
pub mod report;
pub mod rollup;
pub mod tables;

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
pub use errors::{
    Built, ExportFailure, export_failure, io_error, lock_holder, session_error, store_error,
    store_notice,
};
pub use followup::{FollowTexts, followup};
pub use records::{RecordTexts, records, role_label};
pub use report::{ReportWords, report_words};
pub use tables::{TableWords, table_words};
pub use texts::{EN, Texts, ZH, texts};

/// The document the checklists come from; its number is the same in every language.
pub const NOTICE_NUMBER: &str = "临港安发〔2023〕13号";

/// The names of the files the interface's export writes beside a record, after the record's
/// own name: the documents' names, the same in every language.
#[derive(Debug)]
pub struct ExportFiles {
    pub report_md: &'static str,
    pub report_docx: &'static str,
    pub workbook: &'static str,
    pub ledger_csv: &'static str,
}

pub const EXPORT_FILES: ExportFiles = ExportFiles {
    report_md: "对照检查报告.md",
    report_docx: "对照检查报告.docx",
    workbook: "对照检查表.xlsx",
    ledger_csv: "整改台账.csv",
};

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

/// `template` with each `{name}` replaced by the value given for `name`, in one pass: a value
/// that holds braces of its own is never read as a placeholder. A `{name}` not given stays.
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (close, v))
        });
        if let Some((close, v)) = value {
            // Writing to a String cannot fail.
            let _ = write!(out, "{v}");
            rest = &after[close + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod fill_tests {
    use super::fill;

    #[test]
    fn fills_each_name_once_and_leaves_values_alone() {
        assert_eq!(
            fill("{a}与{b}，{c}", &[("a", &"{b}"), ("b", &3)]),
            "{b}与3，{c}"
        );
        assert_eq!(fill("{", &[]), "{");
        assert_eq!(fill("x}{a", &[("a", &1)]), "x}{a");
    }
}
