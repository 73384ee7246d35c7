//! `selfcheck summary`: the roll-up of many units for the collecting office.

use super::{
    AnswersFormat, ExitCode, Failure, Global, Path, PathBuf, SessionError, SummaryArgs,
    SummaryFormat, Write, bad_date, sanitize,
};

/// Rolls up session files, the outputs' words and reasons in `lang` (JSON keys do not change).
/// Exit status: 0; [`crate::rollup::EXIT_SKIPPED`] when some input could not be read (the
/// outputs are written and list it); 1 when nothing could be read or written.
pub(super) fn summary(args: &SummaryArgs, global: &Global) -> Result<ExitCode, Failure> {
    use crate::export::{self, ExportError, Output, export_error};
    use crate::i18n::CliMsg;
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
        return Err(Failure::Msg(CliMsg::NothingToRollUp.text(lang)));
    }
    let named = |e: export::BuildError| {
        let path = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
        Failure::Msg(export_error(&ExportError::build(&path, e), lang))
    };
    let inputs: Vec<&Path> = r
        .units
        .iter()
        .map(|u| u.facts.path.as_path())
        .chain(r.superseded.iter().map(|s| s.path.as_path()))
        .collect();
    // The JSON to a pipe or file on standard output is written as it is made: for thousands of
    // units that copy each other it runs to a hundred megabytes (a terminal gets it cleaned up
    // for display, so whole, below).
    let streamed = matches!(args.format, SummaryFormat::Json)
        && !args.ledger
        && args.answers.is_none()
        && args.output.is_none()
        && !std::io::IsTerminal::is_terminal(&std::io::stdout());
    let out = if streamed {
        rollup::json::write(&r, lang, raw_stdout())
            .map_err(|e| Failure::Msg(export_error(&ExportError::Stdout(e), lang)))?;
        None
    } else if args.ledger {
        Some(Output::Text(
            rollup::table::render_ledger_csv(&r, lang).map_err(named)?,
        ))
    } else if let Some(format) = args.answers {
        Some(Output::Text(match format {
            AnswersFormat::Csv => rollup::table::render_answers_csv(&r).map_err(named)?,
            AnswersFormat::Ndjson => rollup::table::render_answers_ndjson(&r),
        }))
    } else {
        Some(match args.format {
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
        })
    };
    if let Some(out) = &out {
        export::deliver(out, args.output.as_deref(), &inputs)
            .map_err(|e| Failure::Msg(export_error(&e, lang)))?;
    }
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
            CliMsg::FeedbackWritten {
                files: written.len(),
                dir: &dir,
            }
            .text(lang)
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

/// Standard output straight to its descriptor where it can be had: its own writer looks for a
/// line end in every write, all of the tens of megabytes of a roll-up's JSON.
fn raw_stdout() -> Box<dyn Write> {
    match std::os::fd::AsFd::as_fd(&std::io::stdout()).try_clone_to_owned() {
        Ok(fd) => Box::new(std::fs::File::from(fd)),
        Err(_) => Box::new(std::io::stdout().lock()),
    }
}
