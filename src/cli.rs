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
    New(NewArgs),
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
    /// Check a session or template file; exit status 0 when valid
    Validate { file: PathBuf },
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

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Built-in checklist id (gov, dept, enterprise, full) or a template JSON file
    #[arg(long, default_value = "gov", value_name = "ID|FILE")]
    pub template: String,
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
            let path = new_session(&global, args)?;
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
        Some(Command::Validate { file }) => validate(&file).map(|()| ExitCode::SUCCESS),
        Some(Command::Export {
            file,
            format,
            output,
        }) => export(&file, format, output.as_deref()).map(|()| ExitCode::SUCCESS),
        Some(Command::Summary(args)) => summary(&args, &global),
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
    let template = resolve_template(&args.template)?;
    let now = chrono::Local::now().fixed_offset();
    let date = match &args.date {
        Some(d) => crate::model::session::parse_date(d)
            .map_err(|e| Failure::Msg(format!("--date: {e}")))?,
        None => Some(now.date_naive()),
    };
    let unit = Unit {
        name: args
            .unit
            .map(|s| sanitize::clean_input(&s))
            .unwrap_or_default(),
        kind: args.kind.map(UnitKind::from).or(template.unit_kind),
        ..Unit::default()
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

/// Validates a session or template file (told apart by its `schema_version`).
fn validate(file: &Path) -> Outcome {
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
    } else {
        let t = load_template(file)?;
        println!(
            "{}: template ok ({}, {} checks)",
            sanitize::one_line(&file.display().to_string()),
            sanitize::one_line(&t.id),
            t.check_count()
        );
    }
    Ok(())
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

/// Rolls up session files, the outputs' words and reasons in `lang` (JSON keys do not change).
/// Exit status: 0; [`crate::rollup::EXIT_SKIPPED`] when some input could not be read (the
/// outputs are written and list it); 1 when nothing could be read or written.
fn summary(args: &SummaryArgs, global: &Global) -> Result<ExitCode, Failure> {
    use crate::export::{self, ExportError, Output};
    use crate::rollup;
    let lang = global.lang;
    let as_of = match &args.as_of {
        Some(d) => crate::model::session::parse_date(d)
            .map_err(|e| Failure::Msg(format!("--as-of: {e}")))?
            .ok_or_else(|| Failure::Msg("--as-of: give a date as YYYY-MM-DD".to_owned()))?,
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
        Failure::Msg(ExportError::build(&path, e).to_string())
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
        .map_err(|e| Failure::Msg(e.to_string()))?;
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
    if r.errors.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::from(rollup::EXIT_SKIPPED))
    }
}
