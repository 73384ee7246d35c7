//! The command line: parses arguments (clap) and runs each subcommand. The interactive
//! interface is started from here; everything else prints and exits.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;
use crate::model::{Meeting, Progress, Session, Template, Unit, UnitKind, builtin};
use crate::store::{DataDir, Document, OpenMode, StoreError, load_session, load_template};
use crate::text::sanitize;

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeName {
    Dark,
    Light,
    Projector,
    Mono,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a session (and open it unless --no-open); prints the file's path
    New(Box<NewArgs>),
    /// Open a session file in the interface
    Open {
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
        #[arg(long)]
        json: bool,
    },
    /// The built-in checklists
    Templates {
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
    Validate { file: PathBuf },
    /// 签字确认: confirm a session's record with your typed name; it is then read-only
    Sign {
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
        file: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file [default: standard output; docx and xlsx are never written to a terminal]
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Roll up many units' session files: progress, status counts, problems, open and overdue
    /// measures per unit, a total, and the checks most often 未落实
    Summary(SummaryArgs),
    /// Print the JSON Schema of the session file (data/session.schema.json)
    Schema,
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
    /// The day overdue is measured against (YYYY-MM-DD) [default: today]
    #[arg(long, hide = true, value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Aligned text
    Table,
    /// Rows, total, ranking, and the files that failed under "errors"
    Json,
    /// Rows and total, UTF-8 with BOM
    Csv,
    /// Sheets 汇总 and 未落实排行 (Summary and Most often not done with --lang en)
    Xlsx,
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

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
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
        None => {
            crate::runtime::start(&global, &crate::runtime::Start::Picker).map_err(Failure::Msg)
        }
        Some(Command::Open {
            file, follow: true, ..
        }) => crate::runtime::start(&global, &crate::runtime::Start::Follow(file))
            .map_err(Failure::Msg),
        Some(Command::Open {
            file, read_only, ..
        }) => {
            let mode = if read_only {
                OpenMode::ReadOnly
            } else {
                OpenMode::Edit
            };
            crate::runtime::start(&global, &crate::runtime::Start::Open(file, mode))
                .map_err(Failure::Msg)
        }
        Some(Command::New(args)) => {
            let open = !args.no_open;
            let path = new_session(&global, *args)?;
            println!("{}", sanitize::one_line(&path.display().to_string()));
            if open {
                return crate::runtime::start(
                    &global,
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
            let t = resolve_template(&id)?;
            print_json(&t)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Validate { file }) => validate(&file),
        Some(Command::Sign { file, role, name }) => {
            let line = crate::followup::sign(&file, role, &name).map_err(Failure::Msg)?;
            println!("{}", sanitize::one_line(&line));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Reopen { file, name, reason }) => {
            let line = crate::followup::reopen(&file, &name, &reason).map_err(Failure::Msg)?;
            println!("{}", sanitize::one_line(&line));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export {
            file,
            format,
            output,
        }) => export(&file, format, output.as_deref()).map(|()| ExitCode::SUCCESS),
        Some(Command::Summary(args)) => summary(&args, global.lang),
        Some(Command::Schema) => {
            print_json(&crate::schema::session_schema())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Outcome {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::Msg(e.to_string()))?;
    // Equal JSON, with bidi and C1 controls escaped so a terminal never acts on them.
    let text = sanitize::json_for_terminal(&text);
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").map_err(|e| Failure::Msg(format!("standard output: {e}")))
}

/// A built-in template by id, or a template file.
pub fn resolve_template(id_or_file: &str) -> Result<Template, Failure> {
    if let Some(t) = builtin::get(id_or_file) {
        return Ok(t);
    }
    let path = Path::new(id_or_file);
    if path.exists() {
        return Ok(load_template(path)?);
    }
    Err(Failure::Msg(format!(
        "no checklist {id_or_file:?}: give one of {} or a template JSON file",
        builtin::ids().join(", ")
    )))
}

/// Splits a list of names written with commas, 、 or semicolons.
pub fn split_names(text: &str) -> Vec<String> {
    text.split([',', '，', '、', ';', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn new_session(global: &Global, args: NewArgs) -> Result<PathBuf, Failure> {
    let previous = match &args.from {
        Some(p) => Some(load_session(p)?),
        None => None,
    };
    let template = match (&args.template, &previous) {
        (Some(t), _) => resolve_template(t)?,
        (None, Some(prev)) => crate::followup::template_for_next(prev, None),
        (None, None) => resolve_template("gov")?,
    };
    let now = chrono::Local::now().fixed_offset();
    let date = match &args.date {
        Some(d) => crate::model::session::parse_date(d)
            .map_err(|e| Failure::Msg(format!("--date: {e}")))?,
        None => Some(now.date_naive()),
    };
    let unit = match (&previous, args.unit) {
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
    let meeting = Meeting {
        title: args
            .title
            .map(|s| sanitize::clean_input(&s))
            .unwrap_or_default(),
        date,
        place: args.place.unwrap_or_default(),
        host: args.host.unwrap_or_default(),
        recorder: args.recorder.unwrap_or_default(),
        attendees: args
            .attendees
            .as_deref()
            .map(split_names)
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
                .map(split_names)
                .unwrap_or_default(),
            ..crate::model::attendance::Attendance::default()
        },
        ..Meeting::default()
    };
    let session = Session::new(template, unit, meeting, now);
    let path = if let Some(p) = args.out {
        p
    } else {
        let dir = DataDir::resolve(global.data_dir.as_deref()).map_err(Failure::Msg)?;
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
            for line in crate::followup::matching_lines(prev, &next, &matching) {
                eprintln!("selfcheck: {}", sanitize::one_line(&line));
            }
            next
        }
        _ => session,
    };
    Document::create(&path, &session)?;
    Ok(path)
}

fn list(global: &Global, json: bool) -> Outcome {
    let dir = DataDir::resolve(global.data_dir.as_deref()).map_err(Failure::Msg)?;
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
                Err(err) => serde_json::json!({ "path": err.path(), "error": err.to_string() }),
            })
            .collect();
        return print_json(&rows);
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
            Err(err) => format!("!! {err}"),
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
        return print_json(&rows);
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
fn validate(file: &Path) -> Result<ExitCode, Failure> {
    let text = crate::store::read_bounded(file)?;
    let is_session = serde_json::from_slice::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("schema_version").cloned())
        .is_some();
    if is_session {
        let s = load_session(file)?;
        let p = Progress::of_session(&s);
        println!(
            "{}: session ok ({} / {} checks answered)",
            sanitize::one_line(&file.display().to_string()),
            p.answered,
            p.total
        );
        let (lines, altered) = crate::followup::validate_lines(file, &s);
        for line in lines {
            println!("{}", sanitize::one_line(&line));
        }
        if altered {
            eprintln!(
                "selfcheck: {}: altered after signing: the content no longer matches the signatures",
                sanitize::one_line(&file.display().to_string())
            );
            return Ok(ExitCode::from(1));
        }
    } else {
        let t = load_template(file)?;
        println!(
            "{}: template ok ({}, {} checks)",
            sanitize::one_line(&file.display().to_string()),
            sanitize::one_line(&t.id),
            t.check_count()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn export(file: &Path, format: ExportFormat, output: Option<&Path>) -> Outcome {
    use crate::export::{self, ExportError, Output};
    let session = load_session(file)?;
    let built = |r: Result<Vec<u8>, export::BuildError>| {
        r.map_err(|e| Failure::Msg(ExportError::build(file, e).to_string()))
    };
    let out = match format {
        // to_json writes the session's own text, which is UTF-8.
        ExportFormat::Json => {
            Output::Text(String::from_utf8_lossy(&crate::store::to_json(&session)).into_owned())
        }
        ExportFormat::Md => Output::Text(export::markdown::render(&session)),
        ExportFormat::Csv => Output::Text(
            export::ledger::render_csv(&session)
                .map_err(|e| Failure::Msg(ExportError::build(file, e).to_string()))?,
        ),
        ExportFormat::Docx => Output::Binary {
            format: "docx",
            bytes: built(export::docx::render(&session))?,
        },
        ExportFormat::Xlsx => Output::Binary {
            format: "xlsx",
            bytes: built(export::xlsx::render(&session))?,
        },
    };
    export::deliver(&out, output, &[file]).map_err(|e| Failure::Msg(e.to_string()))
}

/// Rolls up session files, the table's, CSV's and workbook's words in `lang` (JSON keys do not
/// change). Files that fail are named on stderr and skipped; the exit status is 1 only when no
/// file could be read.
fn summary(args: &SummaryArgs, lang: Lang) -> Result<ExitCode, Failure> {
    use crate::export::{self, ExportError, Output, summary as rollup};
    let today = match &args.today {
        Some(d) => crate::model::session::parse_date(d)
            .map_err(|e| Failure::Msg(format!("--today: {e}")))?
            .ok_or_else(|| Failure::Msg("--today: give a date as YYYY-MM-DD".to_owned()))?,
        None => chrono::Local::now().date_naive(),
    };
    let loaded = rollup::load(&args.paths, today);
    {
        let mut err = std::io::stderr().lock();
        for e in &loaded.errors {
            let _ = writeln!(err, "selfcheck: skipped {}", sanitize::one_line(&e.message));
        }
        for p in &loaded.skipped {
            let _ = writeln!(
                err,
                "selfcheck: skipped conflict copy {} (resolve it in its session first)",
                sanitize::one_line(&p.display().to_string())
            );
        }
    }
    if loaded.units.is_empty() {
        return Err(Failure::Msg("no session file could be read".to_owned()));
    }
    let s = rollup::combine(&loaded.units, today);
    let named = |e: export::BuildError| {
        let path = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
        Failure::Msg(ExportError::build(&path, e).to_string())
    };
    let out = match args.format {
        SummaryFormat::Table => Output::Text(rollup::render_table(&s, &loaded.errors, lang)),
        SummaryFormat::Json => Output::Text(rollup::render_json(&s, &loaded)),
        SummaryFormat::Csv => Output::Text(rollup::render_csv(&s, lang).map_err(named)?),
        SummaryFormat::Xlsx => Output::Binary {
            format: "xlsx",
            bytes: rollup::render_xlsx(&s, lang).map_err(named)?,
        },
    };
    let inputs: Vec<&Path> = loaded.units.iter().map(|u| u.path.as_path()).collect();
    export::deliver(&out, args.output.as_deref(), &inputs)
        .map_err(|e| Failure::Msg(e.to_string()))?;
    Ok(ExitCode::SUCCESS)
}
