//! Exports: what a meeting hands on. The 对照检查报告 (Markdown and Word), the 对照检查表 and the
//! 整改台账 (Excel and CSV). The roll-up across units is `crate::rollup`.
//!
//! Everything here reads the model only: no terminal code. Renderers build the whole file in
//! memory and return its bytes; [`deliver`] then writes them atomically (or to standard output),
//! so a failed export never leaves half a file behind.

pub mod docx;
pub mod ledger;
pub mod markdown;
pub mod report;
pub mod settings;
pub mod wordml;
pub mod xlsx;

use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::i18n::{Lang, ReportWords, TableWords};
use crate::model::{Answer, Session, Template};
use crate::store::StoreError;

/// The language of a session's documents: the report is a 上行文 and the tables are the
/// notice's forms, so they are written in Chinese whatever the interface's language.
pub const DOCUMENT_LANG: Lang = Lang::Zh;
/// The words of the report, in [`DOCUMENT_LANG`].
pub const REPORT: &ReportWords = crate::i18n::report_words(DOCUMENT_LANG);
/// The words of the tables and of every document of a session, in [`DOCUMENT_LANG`].
pub const TABLES: &TableWords = crate::i18n::table_words(DOCUMENT_LANG);

/// Why a renderer could not build its file. Kept apart from [`ExportError`] so that renderers
/// need not know which file they render; the caller names it.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("the Word document could not be built: {0}")]
    Docx(String),
    #[error("the workbook could not be built: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("the CSV could not be built: {0}")]
    Csv(#[from] csv::Error),
}

/// Everything an export or a roll-up can fail on. Each names the file it is about, so a message
/// on the collecting office's screen says which unit's file to look at.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The named session (or, for a roll-up, output) could not be rendered.
    #[error("{}: {source}", path.display())]
    Build {
        path: PathBuf,
        #[source]
        source: BuildError,
    },
    /// Reading the session or writing the output failed; the store's error names the file.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A binary file would have been poured onto a terminal.
    #[error(
        "{format} is a binary format and standard output is a terminal; give an output file with -o FILE"
    )]
    BinaryToTerminal { format: &'static str },
    /// The output would replace the session file it was made from.
    #[error("{}: the output would replace the session file itself; choose another -o", path.display())]
    OverwritesInput { path: PathBuf },
    #[error("standard output: {0}")]
    Stdout(#[source] std::io::Error),
}

impl ExportError {
    /// Attaches the name of the file being rendered to a renderer's error.
    pub fn build(path: &Path, source: impl Into<BuildError>) -> Self {
        ExportError::Build {
            path: path.to_owned(),
            source: source.into(),
        }
    }
}

/// An export's failure in `lang`: the English is the error's own message, the Chinese is worded
/// in `i18n`.
pub fn export_error(e: &ExportError, lang: Lang) -> String {
    use crate::i18n::{Built, ExportFailure as F};
    if lang.is_en() {
        return e.to_string();
    }
    crate::i18n::export_failure(&match e {
        ExportError::Build { path, source } => {
            let (built, detail) = match source {
                BuildError::Docx(d) => (Built::Docx, d.clone()),
                BuildError::Xlsx(x) => (Built::Xlsx, x.to_string()),
                BuildError::Csv(c) => (Built::Csv, c.to_string()),
            };
            F::Build {
                path,
                built,
                detail,
            }
        }
        ExportError::Store(s) => F::Store(s),
        ExportError::BinaryToTerminal { format } => F::BinaryToTerminal { format },
        ExportError::OverwritesInput { path } => F::OverwritesInput { path },
        ExportError::Stdout(io) => F::Stdout(io),
    })
}

/// An export's bytes and how they may be shown: text may go to a terminal once made safe,
/// binary never does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// UTF-8 text (JSON, Markdown, CSV with its BOM, the roll-up table).
    Text(String),
    /// A zip container (docx, xlsx); `format` names it in the refusal message.
    Binary {
        format: &'static str,
        bytes: Vec<u8>,
    },
}

impl Output {
    /// The bytes as they are written to a file or a pipe.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Output::Text(t) => t.as_bytes(),
            Output::Binary { bytes, .. } => bytes,
        }
    }
}

/// Writes an export to `to` atomically, or to standard output without `to`. Files and pipes get
/// the text exactly as stored; a terminal gets it through `sanitize::for_display` (a note in a
/// session may carry escape sequences), without the CSV byte-order mark, and never gets binary.
/// `inputs` are the session files the export was made from; none of them is ever overwritten.
pub fn deliver(output: &Output, to: Option<&Path>, inputs: &[&Path]) -> Result<(), ExportError> {
    if let Some(path) = to {
        if inputs.iter().any(|input| same_file(path, input)) {
            return Err(ExportError::OverwritesInput {
                path: path.to_owned(),
            });
        }
        return crate::store::write_export(path, output.bytes(), inputs).map_err(ExportError::from);
    }
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let mut lock = stdout.lock();
    let result = match output {
        Output::Binary { format, .. } if terminal => {
            return Err(ExportError::BinaryToTerminal { format });
        }
        Output::Text(text) if terminal => {
            let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
            lock.write_all(crate::text::sanitize::for_display(text).as_bytes())
        }
        other => lock.write_all(other.bytes()),
    };
    result
        .and_then(|()| lock.flush())
        .map_err(ExportError::Stdout)
}

/// Whether two paths name one file (the output may not exist yet, so a missing file is never
/// the same as an existing one).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The label shown for a check's status: the template's label for it, 未检查 when there is none.
/// A status the template does not know (only possible in an unvalidated session) shows its id,
/// so nothing is silently hidden.
pub fn status_label<'a>(template: &'a Template, answer: Option<&'a Answer>) -> Cow<'a, str> {
    match answer.and_then(|a| a.status.as_deref()) {
        None => Cow::Borrowed(NOT_CHECKED),
        Some(id) => template
            .answer_option(id)
            .map_or(Cow::Borrowed(id), |o| Cow::Borrowed(o.label.as_str())),
    }
}

/// The label of a check without a status; the notice's forms have no word for it, this is the
/// meeting's.
pub const NOT_CHECKED: &str = TABLES.not_checked;

/// A date as the tables write it: YYYY-MM-DD, which Excel, WPS and people all read alike.
pub fn iso_date(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A date as a Chinese report writes it: 2023年12月5日.
pub fn cn_date(date: NaiveDate) -> String {
    date.format(TABLES.date_format).to_string()
}

/// 整改进展 of an answer as the ledger writes it: 未开始, 整改中, 已完成, empty when not set.
pub fn rectification_label(answer: &Answer) -> &'static str {
    match answer.rectification.as_ref().map(|r| r.state) {
        None => "",
        Some(state) => ledger::state_label(state),
    }
}

/// Whether an answer records a problem: the ledger and the roll-up count these.
pub fn has_problem(answer: &Answer) -> bool {
    !answer.problems.trim().is_empty()
}

/// The answer ids that say a check falls short: 未落实 and 基本落实 of the default answer set.
pub const SHORTFALL_STATUSES: [&str; 2] = ["not_done", "partial"];

/// Whether a check falls short by its status: its status id is one of [`SHORTFALL_STATUSES`],
/// or (for a template with its own answer set) its label is 未落实 or 基本落实.
pub fn is_shortfall(template: &Template, answer: &Answer) -> bool {
    answer.status.as_deref().is_some_and(|id| {
        SHORTFALL_STATUSES.contains(&id)
            || template
                .answer_option(id)
                .is_some_and(|o| TABLES.shortfall_labels.contains(&o.label.trim()))
    })
}

/// Whether a check belongs in 存在问题 and the 整改台账: it records problem text, or its status
/// says it falls short ([`is_shortfall`]) even if nobody wrote the problem down. Such a check is
/// never left out; its missing text is shown as （未填写）.
pub fn needs_rectification(template: &Template, answer: &Answer) -> bool {
    has_problem(answer) || is_shortfall(template, answer)
}

/// The session's unit name, or a stand-in that says it is missing (a report titled with
/// nothing reads as a defect).
pub fn unit_name(session: &Session) -> &str {
    if session.unit.name.trim().is_empty() {
        TABLES.unit_missing
    } else {
        &session.unit.name
    }
}
