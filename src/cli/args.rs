//! The command line as clap parses it: commands, arguments and their choices.

use super::{Args, Lang, Parser, PathBuf, Subcommand, ThemeName, UnitKind, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "selfcheck", version)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options accepted before or after any subcommand.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// Folder of session files [env: `SELFCHECK_DATA_DIR`; default: the user's data folder]
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Interface language
    #[arg(long, global = true, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,
    /// Colour theme [default: dark; monochrome when `NO_COLOR` is set]
    #[arg(long, global = true, value_enum)]
    pub theme: Option<ThemeName>,
    /// Draw borders and marks with ASCII only (for terminals that draw box characters wide)
    #[arg(long, global = true)]
    pub ascii: bool,
    /// How many colours the terminal shows [default: judged from COLORTERM, TERM and terminfo]
    #[arg(long, global = true, value_enum, value_name = "N")]
    pub colors: Option<crate::ui::theme::ColorDepth>,
}

impl Global {
    /// What the interface needs of the options.
    pub(super) fn interface(&self) -> crate::runtime::Options {
        crate::runtime::Options {
            data_dir: self.data_dir.clone(),
            lang: self.lang,
            theme: self.theme,
            ascii: self.ascii,
            colors: self.colors,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a session (and open it unless --no-open); prints the file's path
    New(Box<NewArgs>),
    /// Open a session file in the interface
    Open {
        /// The session file (.json)
        file: PathBuf,
        /// Never lock or write the file
        #[arg(long)]
        read_only: bool,
        /// A live read-only view that follows the person editing the session (for the projector)
        #[arg(long, conflicts_with = "read_only")]
        follow: bool,
    },
    /// Sessions in the data folder with unit, date, template and progress
    List {
        /// Print JSON (for other programs)
        #[arg(long)]
        json: bool,
    },
    /// The built-in checklists
    Templates {
        /// Print JSON (for other programs)
        #[arg(long)]
        json: bool,
    },
    /// One checklist
    Template {
        #[command(subcommand)]
        command: TemplateCommand,
    },
    /// Check a session or template file; exit status 0 when valid (1 when a signature no longer
    /// matches the content: the file was changed after signing)
    Validate {
        /// A session or template file (.json)
        file: PathBuf,
    },
    /// 签字确认: confirm a session's record with your typed name; it is then read-only
    Sign {
        /// The session file (.json)
        file: PathBuf,
        /// 主持人 (host, chair) or 主要负责人 (principal)
        #[arg(long, value_parser = parse_role)]
        role: crate::model::signoff::Role,
        /// The signer's name as it is to stand on the record
        #[arg(long)]
        name: String,
    },
    /// Reopen a signed session for amendment: recorded in its history; voids the signatures
    Reopen {
        /// The session file (.json)
        file: PathBuf,
        /// Who reopens it
        #[arg(long)]
        name: String,
        /// Why
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Write a session in another format: the 对照检查报告 (md, docx), the checklist and
    /// 整改台账 (xlsx), the 整改台账 alone (csv), or the session itself (json)
    Export {
        /// The session file (.json)
        file: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file [default: standard output; docx and xlsx are never written to a terminal]
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// 主送 of the report [default: the session's, else the folder's selfcheck-report.conf,
        /// else 区专项行动领导小组办公室]
        #[arg(long, value_name = "TEXT")]
        recipient: Option<String>,
        /// 成文日期 of the report, YYYY-MM-DD [default: the day of the record's last change]
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Append the record's history (修改记录: who changed what, and when) to the report
        #[arg(long)]
        with_history: bool,
    },
    /// Roll up many units' session files: progress, status counts, problems, open and overdue
    /// measures per unit, a total, and the checks most often 未落实
    Summary(SummaryArgs),
    /// Print the JSON Schema of the session file (data/session.schema.json)
    Schema,
    /// Create, or check, a folder that a group of officials shares on a server: group-owned,
    /// group-writable, set-group-id and sticky (like /tmp), closed to others
    SharedFolder {
        dir: PathBuf,
        /// The group whose members share the folder (name or number)
        #[arg(long)]
        group: String,
        /// Only report what is wrong; change nothing (exit status 1 when something is)
        #[arg(long)]
        check: bool,
    },
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), as installed in man1/selfcheck.1
    Man,
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// Print a template's JSON: a starting point for a custom checklist
    Show { id: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The session file as stored
    Json,
    /// 对照检查报告, Markdown
    Md,
    /// 对照检查报告, Word
    Docx,
    /// 对照检查表 and 整改台账, Excel
    Xlsx,
    /// 整改台账, CSV (UTF-8 with BOM)
    Csv,
}

/// `selfcheck summary`: the collecting office's view of many units.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// Session files, or folders whose *.json files are read (not sub-folders)
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
    /// Output file [default: standard output; xlsx is never written to a terminal]
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The day overdue is measured against (YYYY-MM-DD), printed in every format [default: today]
    #[arg(long, alias = "today", value_name = "DATE")]
    pub as_of: Option<String>,
    /// Write the combined 整改台账 of all units as CSV instead (overdue first)
    #[arg(long, conflicts_with_all = ["answers", "format"])]
    pub ledger: bool,
    /// Write every answer of every unit as a long table instead (for pandas, `DuckDB`, Power Query)
    #[arg(long, value_enum, value_name = "FORMAT", conflicts_with = "format")]
    pub answers: Option<AnswersFormat>,
    /// Also write a feedback letter (docx and md) to the 主要负责人 of each unit with flags
    #[arg(long, value_name = "OUTDIR")]
    pub feedback: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Aligned text: units, total, ranking, flags, superseded and unreadable files
    Table,
    /// Everything, keys documented in docs/rollup.md (schema: data/summary.schema.json)
    Json,
    /// Rows, total, superseded and unreadable files, UTF-8 with BOM
    Csv,
    /// Sheets 汇总, 未落实排行, 整改台账, 敷衍应付 and 未计入
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnswersFormat {
    /// UTF-8 with BOM, one row per check
    Csv,
    /// One JSON object per line
    Ndjson,
}

pub(super) fn parse_role(text: &str) -> Result<crate::model::signoff::Role, String> {
    crate::model::signoff::Role::parse(text).ok_or_else(|| {
        crate::i18n::fill(
            crate::i18n::records::ROLE_EXPECTED,
            &[("text", &format!("{text:?}"))],
        )
    })
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Built-in checklist id (gov, dept, enterprise, full) or a template JSON file [default:
    /// gov; with --from, the previous meeting's checklist, in its newest built-in version]
    #[arg(long, value_name = "ID|FILE")]
    pub template: Option<String>,
    /// Start from the previous meeting's session: same unit and checklist, statuses empty,
    /// open measures carried over, the link to it kept
    #[arg(long, value_name = "PREVIOUS.json")]
    pub from: Option<PathBuf>,
    /// 应到: how many should attend
    #[arg(long, value_name = "N")]
    pub expected: Option<u32>,
    /// 实到: how many attended [default: the number of attendees named]
    #[arg(long, value_name = "N")]
    pub present: Option<u32>,
    /// 缺席: absentees with the reason, e.g. "王五（出差）、赵六（病假）"
    #[arg(long)]
    pub absent: Option<String>,
    /// 列席: observers, separated by commas or 、
    #[arg(long)]
    pub observers: Option<String>,
    /// 单位名称
    #[arg(long)]
    pub unit: Option<String>,
    /// Kind of unit [default: the checklist's]
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// 会议名称
    #[arg(long)]
    pub title: Option<String>,
    /// 会议日期 (YYYY-MM-DD) [default: today]
    #[arg(long)]
    pub date: Option<String>,
    /// 会议地点
    #[arg(long)]
    pub place: Option<String>,
    /// 主持人
    #[arg(long)]
    pub host: Option<String>,
    /// 记录人
    #[arg(long)]
    pub recorder: Option<String>,
    /// 参会人员, separated by commas or 、
    #[arg(long)]
    pub attendees: Option<String>,
    /// Session file to create [default: a new file in the data folder]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Create the file only
    #[arg(long)]
    pub no_open: bool,
    /// Create the session even if the data folder has one of the same unit and meeting date
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Gov,
    Dept,
    Enterprise,
}

impl From<KindArg> for UnitKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Gov => UnitKind::Gov,
            KindArg::Dept => UnitKind::Dept,
            KindArg::Enterprise => UnitKind::Enterprise,
        }
    }
}
