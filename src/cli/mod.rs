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

mod args;
mod commands;
mod localise;
mod summary;

pub use args::*;
use commands::{
    ReportArgs, bad_date, export, list, new_session, print_json, shared_folder, stdout_failure,
    templates, validate,
};
pub use commands::{man_page, resolve_template, resolve_template_in};
use summary::summary;

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
    localise::localise(Cli::command(), lang)
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
        Lang::Zh => e.apply::<localise::ZhErrors>().print(),
        Lang::En => e.print(),
    };
    ExitCode::from(code)
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    // Before the first allocations of the command; the roll-up takes huge pages back below.
    small_pages(true);
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match parse(&args) {
        Ok(c) => c,
        Err(e) => return report_parse_error(e, &args),
    };
    let lang = cli.global.lang;
    crate::followup::set_actor();
    if matches!(cli.command, Some(Command::Summary(_))) {
        small_pages(false);
    }
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

/// Memory in small pages only (`true`), or huge ones where the kernel gives them (`false`):
/// small for every command but the roll-up. The allocator asks the kernel for huge pages
/// (2 MB) where it can: the roll-up of thousands of files was a quarter faster with them, but
/// a meeting's terminal then held twice the memory (17.6 MB for the 44 checks of `full`, 35.7
/// MB for 10,000; BENCHMARKS.md). A kernel that refuses the setting changes nothing but the
/// memory used.
fn small_pages(only: bool) {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::thread::disable_transparent_huge_pages(only);
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let _ = only;
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
            let (line, warning) =
                crate::followup::sign(&file, role, &name, global.lang).map_err(Failure::Msg)?;
            println!("{}", sanitize::one_line(&line));
            if let Some(w) = warning {
                eprintln!("{w}");
            }
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
            with_history,
        }) => {
            let report = ReportArgs {
                recipient,
                date,
                with_history,
            };
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
            // Made in memory first: the generator panics when its writer fails (a closed pipe).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command(global.lang), "selfcheck", &mut script);
            std::io::Write::write_all(&mut std::io::stdout().lock(), &script)
                .map_err(|e| stdout_failure(&e, global.lang))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let mut out = std::io::stdout().lock();
            man_page(&mut out, global.lang).map_err(|e| stdout_failure(&e, global.lang))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
