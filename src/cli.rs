//! The command line: parses arguments (clap) and runs each subcommand. The interactive
//! interface is started from here; everything else prints and exits.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::i18n::{CliMsg, Lang};
use crate::model::SessionError;
use crate::model::{Meeting, Progress, Session, Template, Unit, UnitKind, builtin};
use crate::store::{DataDir, Document, OpenMode, StoreError, load_session, load_template};
use crate::text::sanitize;
pub use crate::ui::theme::ThemeName;

#[derive(Debug, Parser)]
#[command(
    name = "selfcheck",
    version,
    about = "对照检查会记录工具 · run a unit's workplace-safety self-check meeting",
    long_about = "对照检查会记录工具：按临港安发〔2023〕13号的对照检查表逐项记录落实情况、做法成效、存在问题、原因剖析和整改措施。\n\
Run a unit's workplace-safety self-check meeting against the checklists of 临港安发〔2023〕13号.\n\n\
With no command, opens the session picker."
)]
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
    fn interface(&self) -> crate::runtime::Options {
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

fn parse_role(text: &str) -> Result<crate::model::signoff::Role, String> {
    crate::model::signoff::Role::parse(text)
        .ok_or_else(|| format!("{text:?}: give 主持人 (host) or 主要负责人 (principal)"))
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

/// A failure reported on stderr with exit status 1: a message, or a storage error told in the
/// interface language.
#[derive(Debug)]
pub enum Failure {
    Msg(String),
    Store(StoreError),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

impl Failure {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Failure::Msg(m) => m.clone(),
            Failure::Store(e) => crate::i18n::store_error(e, lang),
        }
    }
}

type Outcome = Result<(), Failure>;

/// The command line as `--help`, completions and the man page show it, in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    use clap::CommandFactory;
    crate::i18n::help::localise(Cli::command(), lang)
}

/// Parses `args` (the program's name first) with help and errors in the language the arguments
/// ask for.
pub fn parse<S: Into<std::ffi::OsString> + Clone>(args: &[S]) -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let args: Vec<std::ffi::OsString> = args.iter().cloned().map(Into::into).collect();
    let lang = crate::i18n::help::lang_in_args(&args);
    let mut cmd = command(lang);
    let mut matches = cmd.try_get_matches_from_mut(&args)?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.with_cmd(&cmd))
}

/// Prints a parse error (or the help or version asked for) in the language the arguments ask
/// for, and gives the exit status: 0 for help and version, 2 for bad usage.
fn report_parse_error(e: clap::Error, args: &[std::ffi::OsString]) -> ExitCode {
    let code = u8::try_from(e.exit_code()).unwrap_or(2);
    let _ = match crate::i18n::help::lang_in_args(args) {
        Lang::Zh => e.apply::<crate::i18n::help::ZhErrors>().print(),
        Lang::En => e.print(),
    };
    ExitCode::from(code)
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match parse(&args) {
        Ok(c) => c,
        Err(e) => return report_parse_error(e, &args),
    };
    let lang = cli.global.lang;
    crate::followup::set_actor();
    match run(cli) {
        Ok(code) => code,
        Err(failure) => {
            let _ = writeln!(
                std::io::stderr(),
                "selfcheck: {}",
                sanitize::for_display(&failure.message(lang))
            );
            ExitCode::from(1)
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let global = cli.global;
    match cli.command {
        None => crate::runtime::start(&global.interface(), &crate::runtime::Start::Picker)
            .map_err(Failure::Msg),
        Some(Command::Open {
            file, follow: true, ..
        }) => crate::runtime::start(&global.interface(), &crate::runtime::Start::Follow(file))
            .map_err(Failure::Msg),
        Some(Command::Open {
            file, read_only, ..
        }) => {
            let mode = if read_only {
                OpenMode::ReadOnly
            } else {
                OpenMode::Edit
            };
            crate::runtime::start(
                &global.interface(),
                &crate::runtime::Start::Open(file, mode),
            )
            .map_err(Failure::Msg)
        }
        Some(Command::New(args)) => {
            let open = !args.no_open;
            let path = new_session(&global, *args)?;
            println!("{}", sanitize::one_line(&path.display().to_string()));
            if open {
                return crate::runtime::start(
                    &global.interface(),
                    &crate::runtime::Start::Open(path, OpenMode::Edit),
                )
                .map_err(Failure::Msg);
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::List { json }) => list(&global, json).map(|()| ExitCode::SUCCESS),
        Some(Command::Templates { json }) => {
            templates(global.lang, json).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Template {
            command: TemplateCommand::Show { id },
        }) => {
            let t = resolve_template_in(&id, global.lang)?;
            print_json(&t, global.lang)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Validate { file }) => validate(&file, global.lang),
        Some(Command::Sign { file, role, name }) => {
            let line =
                crate::followup::sign(&file, role, &name, global.lang).map_err(Failure::Msg)?;
            println!("{}", sanitize::one_line(&line));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Reopen { file, name, reason }) => {
            let line = crate::followup::reopen(&file, &name, &reason, global.lang)
                .map_err(Failure::Msg)?;
            println!("{}", sanitize::one_line(&line));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export {
            file,
            format,
            output,
            recipient,
            date,
        }) => {
            let report = ReportArgs { recipient, date };
            export(&file, format, output.as_deref(), &report, global.lang)
                .map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Summary(args)) => summary(&args, &global),
        Some(Command::Schema) => {
            print_json(&crate::schema::session_schema(), global.lang)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::SharedFolder { dir, group, check }) => {
            shared_folder(&dir, &group, check, global.lang)
        }
        Some(Command::Completions { shell }) => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut command(global.lang), "selfcheck", &mut out);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let mut out = std::io::stdout().lock();
            man_page(&mut out, global.lang).map_err(|e| stdout_failure(&e, global.lang))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes the manual page, with a section on the files beside a session and the shared folder.
pub fn man_page(out: &mut dyn Write, lang: Lang) -> std::io::Result<()> {
    let cmd = command(lang);
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    let extra = match lang {
        Lang::En => {
            ".SH FILES\n\
         .TP\n\\fINAME\\fR.json\nA session: the record of one meeting.\n\
         .TP\n\\fINAME\\fR.json.lock\nWho is editing the session (a lock held while they are).\n\
         .TP\n\\fINAME\\fR.json.journal\nChanges to a large session not yet written into it.\n\
         .TP\n\\fINAME\\fR.json.bak\nThe version before the last save.\n\
         .TP\n\\fINAME\\fR.json.recovery\nThe record as it was when the program last crashed.\n\
         .TP\n\\fINAME\\fR.conflict\\-\\fISTAMP\\fR.json\nYour version, when someone else changed the file meanwhile.\n\
         .SH SHARED FOLDERS\n\
         On a server, officials of one group share a folder created with\n\
         .B selfcheck shared\\-folder \\fIDIR\\fB \\-\\-group \\fIGROUP\\fR\n\
         (owned by the group, mode 3770: set-group-id and sticky).\n\
         Files beside a session are never followed if they are links, never read if they are not\n\
         regular files, and never used if someone other than the session's owner wrote them.\n\
         .SH ENVIRONMENT\n\
         .TP\n\\fBSELFCHECK_DATA_DIR\\fR\nThe folder of session files (as \\fB\\-\\-data\\-dir\\fR)."
        }
        Lang::Zh => {
            ".SH FILES\n\
         .TP\n\\fINAME\\fR.json\n会议记录：一次会议的全部记录。\n\
         .TP\n\\fINAME\\fR.json.lock\n谁在编辑这份会议记录（编辑期间持有的锁）。\n\
         .TP\n\\fINAME\\fR.json.journal\n大型会议记录中尚未写入文件的修改。\n\
         .TP\n\\fINAME\\fR.json.bak\n上一次保存之前的版本。\n\
         .TP\n\\fINAME\\fR.json.recovery\n程序上次异常退出时的记录。\n\
         .TP\n\\fINAME\\fR.conflict\\-\\fISTAMP\\fR.json\n他人同时修改了文件时，另存的本人版本。\n\
         .SH SHARED FOLDERS\n\
         在服务器上，同一用户组的人员共用一个文件夹，用以下命令创建：\n\
         .B selfcheck shared\\-folder \\fIDIR\\fB \\-\\-group \\fIGROUP\\fR\n\
         （属于该用户组，权限 3770：setgid 和粘滞位）。\n\
         会议记录旁的文件如果是链接则不跟随，不是普通文件则不读取，不是会议记录所有者写入的则不使用。\n\
         .SH ENVIRONMENT\n\
         .TP\n\\fBSELFCHECK_DATA_DIR\\fR\n存放会议记录的文件夹（同 \\fB\\-\\-data\\-dir\\fR）。"
        }
    };
    writeln!(out, "{extra}")?;
    man.render_version_section(out)
}

/// `selfcheck shared-folder`: makes `dir` a folder shared by `group`, or with `check` only
/// says what is wrong with it.
fn shared_folder(dir: &Path, group: &str, check: bool, lang: Lang) -> Result<ExitCode, Failure> {
    use crate::store::shared;
    let zh = !lang.is_en();
    let shown = crate::store::shown_path(dir);
    let gid = shared::group_id(group).ok_or_else(|| {
        Failure::Msg(if zh {
            format!("没有名为 {group:?} 的用户组（见 /etc/group）")
        } else {
            format!("no group {group:?} (see /etc/group)")
        })
    })?;
    let mut out = std::io::stdout().lock();
    if !check {
        match shared::set_up(dir, gid) {
            Ok(done) => {
                let what = match (done.created, done.group_changed || done.mode_changed, zh) {
                    (true, _, true) => "已创建",
                    (true, _, false) => "created",
                    (false, true, true) => "已修正",
                    (false, true, false) => "fixed",
                    (false, false, true) => "无需修改",
                    (false, false, false) => "already right",
                };
                let _ = writeln!(out, "{shown}{}{what}", colon(lang));
            }
            Err(e) => {
                return Err(Failure::Msg(if zh {
                    let what = match &e {
                        shared::SetUpError::Problem { what, .. } => what.zh(),
                        shared::SetUpError::Io { source, .. } => {
                            crate::i18n::io_error(source, lang)
                        }
                    };
                    format!("{shown}：{what}（修改文件夹的组和权限需要文件夹所有者或 root）")
                } else {
                    format!("{e} (changing the folder's group and mode needs its owner or root)")
                }));
            }
        }
    }
    let problems = shared::check(dir, gid);
    if problems.is_empty() {
        let _ = writeln!(
            out,
            "{shown}{}{}",
            colon(lang),
            if zh {
                "共享文件夹设置正确（组可写、setgid、粘滞位，其他用户不可访问）"
            } else {
                "a correct shared folder (group-writable, set-group-id, sticky, closed to others)"
            }
        );
        return Ok(ExitCode::SUCCESS);
    }
    for p in &problems {
        let _ = writeln!(
            out,
            "{shown}{}{}",
            colon(lang),
            if zh { p.zh() } else { p.to_string() }
        );
    }
    Ok(ExitCode::from(1))
}

fn print_json<T: serde::Serialize>(value: &T, lang: Lang) -> Outcome {
    // Serialising the program's own values cannot fail but for a bug; say so plainly.
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::Msg(e.to_string()))?;
    // Equal JSON, with bidi and C1 controls escaped so a terminal never acts on them.
    let text = sanitize::json_for_terminal(&text);
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").map_err(|e| stdout_failure(&e, lang))
}

/// After a file name: "：" in Chinese, ": " in English.
fn colon(lang: Lang) -> &'static str {
    crate::i18n::texts(lang).colon
}

/// A date option that could not be read, in `lang`.
fn bad_date(option: &str, e: &SessionError, lang: Lang) -> Failure {
    Failure::Msg(
        CliMsg::BadOption {
            option,
            what: crate::i18n::session_error(e, lang),
        }
        .text(lang),
    )
}

fn stdout_failure(e: &std::io::Error, lang: Lang) -> Failure {
    Failure::Msg(CliMsg::Stdout(crate::i18n::io_error(e, lang)).text(lang))
}

fn data_dir(global: &Global) -> Result<DataDir, Failure> {
    DataDir::resolve(global.data_dir.as_deref())
        .map_err(|_| Failure::Msg(CliMsg::NoHomeFolder.text(global.lang)))
}

/// A built-in template by id, or a template file; refused in `lang`.
pub fn resolve_template_in(id_or_file: &str, lang: Lang) -> Result<Template, Failure> {
    if let Some(t) = builtin::get(id_or_file) {
        return Ok(t);
    }
    let path = Path::new(id_or_file);
    if path.exists() {
        return Ok(load_template(path)?);
    }
    let ids = builtin::ids();
    Err(Failure::Msg(
        CliMsg::NoChecklist {
            id: id_or_file,
            ids: &ids,
        }
        .text(lang),
    ))
}

/// A built-in template by id, or a template file.
pub fn resolve_template(id_or_file: &str) -> Result<Template, Failure> {
    resolve_template_in(id_or_file, Lang::Zh)
}

/// Creates a session. The unit's name is required (the report and the file are named after
/// it). A session of the same unit and meeting date already in the data folder is named; a new
/// one in the data folder is then refused unless `--force` (two files for one meeting split its
/// record), while one written elsewhere with `--out` only gets the note.
fn new_session(global: &Global, args: NewArgs) -> Result<PathBuf, Failure> {
    let lang = global.lang;
    let previous = match &args.from {
        Some(p) => Some(load_session(p)?),
        None => None,
    };
    let template = match (&args.template, &previous) {
        (Some(t), _) => resolve_template_in(t, lang)?,
        (None, Some(prev)) => crate::followup::template_for_next(prev, None),
        (None, None) => resolve_template_in("gov", lang)?,
    };
    let now = chrono::Local::now().fixed_offset();
    let date = match &args.date {
        Some(d) => crate::model::session::parse_date(d).map_err(|e| {
            Failure::Msg(
                CliMsg::BadOption {
                    option: "--date",
                    what: crate::i18n::session_error(&e, lang),
                }
                .text(lang),
            )
        })?,
        None => Some(now.date_naive()),
    };
    let unit = match (&previous, args.unit.clone()) {
        // The same unit, unless told otherwise.
        (Some(prev), None) => Unit {
            kind: args.kind.map(UnitKind::from).or(prev.unit.kind),
            ..prev.unit.clone()
        },
        (_, name) => Unit {
            name: name.map(|s| sanitize::clean_input(&s)).unwrap_or_default(),
            kind: args.kind.map(UnitKind::from).or(template.unit_kind),
            ..Unit::default()
        },
    };
    if unit.name.trim().is_empty() {
        return Err(Failure::Msg(CliMsg::NeedUnit.text(lang)));
    }
    check_same_meeting(global, &unit.name, date, args.out.is_some() || args.force)?;
    let meeting = meeting_from_args(&args, date);
    let session = Session::new(template, unit, meeting, now);
    let path = if let Some(p) = args.out {
        p
    } else {
        let dir = data_dir(global)?;
        dir.ensure()?;
        dir.new_session_path(&session)
    };
    let session = match (&previous, &args.from) {
        (Some(prev), Some(from)) => {
            let (next, matching) = crate::followup::next_session(
                prev,
                from,
                &path,
                session.template,
                session.unit,
                session.meeting,
                now,
            );
            for line in crate::followup::matching_lines(prev, &next, &matching, lang) {
                eprintln!("selfcheck: {}", sanitize::one_line(&line));
            }
            next
        }
        _ => session,
    };
    let doc = Document::create(&path, &session)?;
    for n in doc.notices() {
        eprintln!(
            "selfcheck: {}",
            sanitize::one_line(&crate::i18n::store_notice(n, global.lang))
        );
    }
    Ok(path)
}

/// The meeting details given to `new`.
fn meeting_from_args(args: &NewArgs, date: Option<chrono::NaiveDate>) -> Meeting {
    Meeting {
        title: args
            .title
            .as_deref()
            .map(sanitize::clean_input)
            .unwrap_or_default(),
        date,
        place: args.place.clone().unwrap_or_default(),
        host: args.host.clone().unwrap_or_default(),
        recorder: args.recorder.clone().unwrap_or_default(),
        attendees: args
            .attendees
            .as_deref()
            .map(crate::text::split_names)
            .unwrap_or_default(),
        attendance: crate::model::attendance::Attendance {
            expected: args.expected,
            absentees: args
                .absent
                .as_deref()
                .map(|t| crate::model::attendance::parse_absentees(&sanitize::clean_input(t)))
                .unwrap_or_default(),
            observers: args
                .observers
                .as_deref()
                .map(crate::text::split_names)
                .unwrap_or_default(),
            ..crate::model::attendance::Attendance::default()
        },
        ..Meeting::default()
    }
}

/// Names a session of the same unit and meeting date already in the data folder: refused when
/// the new one would go there too (`allowed` false), else a note on stderr.
fn check_same_meeting(
    global: &Global,
    unit: &str,
    date: Option<chrono::NaiveDate>,
    allowed: bool,
) -> Outcome {
    let lang = global.lang;
    if let Ok(dir) = data_dir(global)
        && let Some(other) = same_meeting(&dir, unit, date)
    {
        let path = other.display().to_string();
        let path = sanitize::one_line(&path);
        if !allowed {
            return Err(Failure::Msg(
                CliMsg::SameMeetingRefused { path: &path }.text(lang),
            ));
        }
        let _ = writeln!(
            std::io::stderr(),
            "selfcheck: {}",
            CliMsg::SameMeeting { path: &path }.text(lang)
        );
    }
    Ok(())
}

/// A session in `dir` of the unit named `unit` meeting on `date` (names compared without
/// surrounding space); unreadable files are passed over.
fn same_meeting(dir: &DataDir, unit: &str, date: Option<chrono::NaiveDate>) -> Option<PathBuf> {
    let date = date?;
    dir.list().ok()?.into_iter().flatten().find_map(|e| {
        (e.session.unit.name.trim() == unit.trim() && e.session.meeting.date == Some(date))
            .then_some(e.path)
    })
}

fn list(global: &Global, json: bool) -> Outcome {
    let dir = data_dir(global)?;
    let entries = dir.list()?;
    let en = global.lang == Lang::En;
    if json {
        let rows: Vec<serde_json::Value> = entries
            .iter()
            .map(|e| match e {
                Ok(e) => serde_json::json!({
                    "path": e.path,
                    "unit": e.session.unit.name,
                    "unit_kind": e.session.unit.kind,
                    "title": e.session.meeting.title,
                    "date": e.session.meeting.date,
                    "template": e.session.template.id,
                    "answered": e.progress.answered,
                    "total": e.progress.total,
                    "updated_at": e.session.updated_at,
                }),
                Err(err) => serde_json::json!({
                    "path": err.path(),
                    "error": crate::i18n::store_error(err, global.lang),
                }),
            })
            .collect();
        return print_json(&rows, global.lang);
    }
    let mut out = std::io::stdout().lock();
    let t = crate::i18n::texts(global.lang);
    if entries.is_empty() {
        let _ = writeln!(
            out,
            "{} {}",
            t.no_sessions_in,
            sanitize::one_line(&dir.path().display().to_string())
        );
        return Ok(());
    }
    for e in &entries {
        let line = match e {
            Ok(e) => format!(
                "{}  {}  {}  {}/{}  {}",
                e.session
                    .meeting
                    .date
                    .map_or_else(|| "----------".to_owned(), |d| d.to_string()),
                sanitize::one_line(if e.session.unit.name.is_empty() {
                    t.unnamed_unit
                } else {
                    &e.session.unit.name
                }),
                e.session.template.id,
                e.progress.answered,
                e.progress.total,
                e.path.display(),
            ),
            Err(err) => format!("!! {}", crate::i18n::store_error(err, global.lang)),
        };
        let _ = writeln!(out, "{}", sanitize::one_line(&line));
    }
    let _ = en;
    Ok(())
}

fn templates(lang: Lang, json: bool) -> Outcome {
    let all = builtin::all();
    if json {
        let rows: Vec<serde_json::Value> = all
            .iter()
            .map(|t| {
                serde_json::json!({
                    "id": t.id,
                    "version": t.version,
                    "title": t.title,
                    "title_en": t.title_en,
                    "unit_kind": t.unit_kind,
                    "source": t.source,
                    "items": t.sections.iter().map(|s| s.items.len()).sum::<usize>(),
                    "checks": t.check_count(),
                })
            })
            .collect();
        return print_json(&rows, lang);
    }
    let mut out = std::io::stdout().lock();
    let t = crate::i18n::texts(lang);
    for tpl in &all {
        let items: usize = tpl.sections.iter().map(|s| s.items.len()).sum();
        let _ = writeln!(
            out,
            "{:<11} {}  ({} {}, {} {})",
            tpl.id,
            tpl.title_for(lang == Lang::En),
            items,
            t.items_word,
            tpl.check_count(),
            t.checks_word
        );
    }
    Ok(())
}

/// Validates a session or template file (told apart by its `schema_version`). A session whose
/// signature no longer matches its content is reported altered, with exit status 1.
fn validate(file: &Path, lang: Lang) -> Result<ExitCode, Failure> {
    let text = crate::store::read_bounded(file)?;
    // The same rule as every other reader: a byte-order mark is not part of the JSON.
    let is_session = serde_json::from_slice::<serde_json::Value>(crate::store::without_bom(&text))
        .ok()
        .and_then(|v| v.get("schema_version").cloned())
        .is_some();
    if is_session {
        let s = load_session(file)?;
        let p = Progress::of_session(&s);
        let name = file.display().to_string();
        let name = sanitize::one_line(&name);
        let msg = CliMsg::SessionOk {
            file: &name,
            answered: p.answered,
            total: p.total,
        };
        println!("{}", msg.text(lang));
        let (lines, altered) = crate::followup::validate_lines(file, &s, lang);
        for line in lines {
            println!("{}", sanitize::one_line(&line));
        }
        if altered {
            let what = if lang.is_en() {
                "altered after signing: the content no longer matches the signatures"
            } else {
                "签字确认后被改动过：内容与签字时不一致"
            };
            eprintln!("selfcheck: {name}: {what}");
            return Ok(ExitCode::from(1));
        }
    } else {
        let t = load_template(file)?;
        let name = file.display().to_string();
        let name = sanitize::one_line(&name);
        let id = sanitize::one_line(&t.id);
        let msg = CliMsg::TemplateOk {
            file: &name,
            id: &id,
            checks: t.check_count(),
        };
        println!("{}", msg.text(lang));
    }
    Ok(ExitCode::SUCCESS)
}

/// The report's options given on the command line.
struct ReportArgs {
    recipient: Option<String>,
    date: Option<String>,
}

fn export(
    file: &Path,
    format: ExportFormat,
    output: Option<&Path>,
    args: &ReportArgs,
    lang: Lang,
) -> Outcome {
    use crate::export::{self, ExportError, Output};
    let session = load_session(file)?;
    let told = |e: ExportError| Failure::Msg(crate::i18n::export_error(&e, lang));
    let built =
        |r: Result<Vec<u8>, export::BuildError>| r.map_err(|e| told(ExportError::build(file, e)));
    let mut options =
        export::settings::folder_options(file).map_err(|e| Failure::Msg(e.to_string()))?;
    options.recipient = args.recipient.as_deref().map(sanitize::clean_input);
    if let Some(date) = &args.date {
        options.date =
            crate::model::session::parse_date(date).map_err(|e| bad_date("--date", &e, lang))?;
    }
    let report = matches!(format, ExportFormat::Md | ExportFormat::Docx);
    let progress = Progress::of_session(&session);
    if report && progress.answered < progress.total {
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            crate::i18n::texts(lang)
                .export_draft
                .replace("{answered}", &progress.answered.to_string())
                .replace("{total}", &progress.total.to_string())
        );
    }
    let out = match format {
        // The session's own text, which is UTF-8.
        ExportFormat::Json => Output::Text(
            String::from_utf8_lossy(&crate::store::session_json(&session)?).into_owned(),
        ),
        ExportFormat::Md => Output::Text(export::markdown::render_with(&session, &options)),
        ExportFormat::Csv => Output::Text(
            export::ledger::render_csv(&session).map_err(|e| told(ExportError::build(file, e)))?,
        ),
        ExportFormat::Docx => Output::Binary {
            format: "docx",
            bytes: built(export::docx::render_with(&session, &options))?,
        },
        ExportFormat::Xlsx => Output::Binary {
            format: "xlsx",
            bytes: built(export::xlsx::render(&session))?,
        },
    };
    export::deliver(&out, output, &[file]).map_err(told)
}

/// Rolls up session files, the outputs' words and reasons in `lang` (JSON keys do not change).
/// Exit status: 0; [`crate::rollup::EXIT_SKIPPED`] when some input could not be read (the
/// outputs are written and list it); 1 when nothing could be read or written.
fn summary(args: &SummaryArgs, global: &Global) -> Result<ExitCode, Failure> {
    use crate::export::{self, ExportError, Output};
    use crate::rollup;
    let lang = global.lang;
    let as_of = match &args.as_of {
        Some(d) => crate::model::session::parse_date(d)
            .map_err(|e| bad_date("--as-of", &e, lang))?
            .ok_or_else(|| bad_date("--as-of", &SessionError::BadDate(String::new()), lang))?,
        None => chrono::Local::now().date_naive(),
    };
    let r = rollup::run(&args.paths, as_of);
    {
        let mut err = std::io::stderr().lock();
        for e in &r.errors {
            let _ = writeln!(err, "selfcheck: {}", sanitize::one_line(&e.reason(lang)));
        }
    }
    if r.units.is_empty() {
        return Err(Failure::Msg(if lang.is_en() {
            "no session file could be read".to_owned()
        } else {
            "没有能读取的对照检查记录文件".to_owned()
        }));
    }
    let named = |e: export::BuildError| {
        let path = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
        Failure::Msg(crate::i18n::export_error(
            &ExportError::build(&path, e),
            lang,
        ))
    };
    let out = if args.ledger {
        Output::Text(rollup::table::render_ledger_csv(&r, lang).map_err(named)?)
    } else if let Some(format) = args.answers {
        Output::Text(match format {
            AnswersFormat::Csv => rollup::table::render_answers_csv(&r).map_err(named)?,
            AnswersFormat::Ndjson => rollup::table::render_answers_ndjson(&r),
        })
    } else {
        match args.format {
            SummaryFormat::Table => {
                use std::io::IsTerminal;
                // On a terminal the table wraps its cells to the terminal's width.
                let width = (args.output.is_none() && std::io::stdout().is_terminal())
                    .then(|| crossterm::terminal::size().ok().map(|(w, _)| w))
                    .flatten();
                Output::Text(rollup::table::render_table(&r, lang, global.ascii, width))
            }
            SummaryFormat::Json => Output::Text(rollup::json::render(&r, lang)),
            SummaryFormat::Csv => Output::Text(rollup::table::render_csv(&r, lang).map_err(named)?),
            SummaryFormat::Xlsx => Output::Binary {
                format: "xlsx",
                bytes: rollup::sheets::render_xlsx(&r, lang).map_err(named)?,
            },
        }
    };
    let inputs: Vec<&Path> = r
        .units
        .iter()
        .map(|u| u.facts.path.as_path())
        .chain(r.superseded.iter().map(|s| s.path.as_path()))
        .collect();
    export::deliver(&out, args.output.as_deref(), &inputs)
        .map_err(|e| Failure::Msg(crate::i18n::export_error(&e, lang)))?;
    if let Some(dir) = &args.feedback {
        let written = rollup::feedback::write_all(&r, dir, lang).map_err(|e| match e {
            rollup::feedback::FeedbackError::Store(e) => Failure::Store(e),
            other @ rollup::feedback::FeedbackError::Build { .. } => {
                Failure::Msg(other.to_string())
            }
        })?;
        let dir = sanitize::one_line(&dir.display().to_string()).into_owned();
        let _ = writeln!(
            std::io::stderr(),
            "selfcheck: {}",
            if lang.is_en() {
                format!("{} feedback files written to {dir}", written.len())
            } else {
                format!("已写入 {} 份反馈文件：{dir}", written.len())
            }
        );
    }
    let code = if r.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(rollup::EXIT_SKIPPED)
    };
    // The process ends here: freeing every text of thousands of sessions one by one would take
    // longer than the operating system takes to drop the whole memory at exit.
    std::mem::forget(r);
    Ok(code)
}
