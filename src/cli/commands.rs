//! The subcommands that print and exit: new, list, templates, validate, export, shared-folder, man.

use super::{
    CliMsg, DataDir, Document, ExitCode, ExportFormat, Failure, Global, Lang, Meeting, NewArgs,
    Outcome, Path, PathBuf, Progress, Session, SessionError, Template, Unit, UnitKind, Write,
    builtin, command, load_session, load_template, sanitize,
};
use crate::i18n::fill;

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
    let extra = crate::i18n::man::extra_sections(lang);
    writeln!(out, "{extra}")?;
    man.render_version_section(out)
}

/// `selfcheck shared-folder`: makes `dir` a folder shared by `group`, or with `check` only
/// says what is wrong with it.
pub(super) fn shared_folder(
    dir: &Path,
    group: &str,
    check: bool,
    lang: Lang,
) -> Result<ExitCode, Failure> {
    use crate::store::shared;
    let t = crate::i18n::records(lang);
    let shown = crate::store::shown_path(dir);
    let gid = shared::group_id(group)
        .ok_or_else(|| Failure::Msg(fill(t.no_group, &[("group", &format!("{group:?}"))])))?;
    let mut out = std::io::stdout().lock();
    if !check {
        match shared::set_up(dir, gid) {
            Ok(done) => {
                let what = match (done.created, done.group_changed || done.mode_changed) {
                    (true, _) => t.folder_created,
                    (false, true) => t.folder_fixed,
                    (false, false) => t.folder_right,
                };
                let _ = writeln!(out, "{shown}{}{what}", colon(lang));
            }
            Err(e) => {
                // In Chinese the folder as the user gave it; in English the path set up.
                let (folder, what) = match &e {
                    shared::SetUpError::Problem { path, what } => (
                        path,
                        crate::i18n::records::folder_problem(what, lang, shared::group_label),
                    ),
                    shared::SetUpError::Io { path, source } => (
                        path,
                        if lang.is_en() {
                            source.to_string()
                        } else {
                            crate::i18n::io_error(source, lang)
                        },
                    ),
                };
                let folder = if lang.is_en() {
                    folder.display().to_string()
                } else {
                    shown.clone()
                };
                return Err(Failure::Msg(fill(
                    t.set_up_failed,
                    &[("folder", &folder), ("what", &what)],
                )));
            }
        }
    }
    let problems = shared::check(dir, gid);
    if problems.is_empty() {
        let _ = writeln!(out, "{shown}{}{}", colon(lang), t.folder_ok);
        return Ok(ExitCode::SUCCESS);
    }
    for p in &problems {
        let what = crate::i18n::records::folder_problem(p, lang, shared::group_label);
        let _ = writeln!(out, "{shown}{}{what}", colon(lang));
    }
    Ok(ExitCode::from(1))
}

pub(super) fn print_json<T: serde::Serialize>(value: &T, lang: Lang) -> Outcome {
    // Serialising the program's own values cannot fail but for a bug; say so plainly.
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::Msg(e.to_string()))?;
    // Equal JSON, with bidi and C1 controls escaped so a terminal never acts on them.
    let text = sanitize::json_for_terminal(&text);
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").map_err(|e| stdout_failure(&e, lang))
}

/// After a file name: "：" in Chinese, ": " in English.
pub(super) fn colon(lang: Lang) -> &'static str {
    crate::i18n::texts(lang).colon
}

/// A date option that could not be read, in `lang`.
pub(super) fn bad_date(option: &str, e: &SessionError, lang: Lang) -> Failure {
    Failure::Msg(
        CliMsg::BadOption {
            option,
            what: crate::i18n::session_error(e, lang),
        }
        .text(lang),
    )
}

pub(super) fn stdout_failure(e: &std::io::Error, lang: Lang) -> Failure {
    Failure::Msg(CliMsg::Stdout(crate::i18n::io_error(e, lang)).text(lang))
}

pub(super) fn data_dir(global: &Global) -> Result<DataDir, Failure> {
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
pub(super) fn new_session(global: &Global, args: NewArgs) -> Result<PathBuf, Failure> {
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
    let meeting = meeting_from_args(&args, date, lang)?;
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

/// The meeting details given to `new`; the attendance read and checked as the form reads it
/// (more present than expected is refused, naming the option).
pub(super) fn meeting_from_args(
    args: &NewArgs,
    date: Option<chrono::NaiveDate>,
    lang: Lang,
) -> Result<Meeting, Failure> {
    let attendees = args
        .attendees
        .as_deref()
        .map(crate::text::split_names)
        .unwrap_or_default();
    let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let absent = args
        .absent
        .as_deref()
        .map(sanitize::clean_input)
        .unwrap_or_default();
    let observers = args.observers.as_deref().unwrap_or_default();
    let at = crate::i18n::attendance(lang);
    let texts = [
        count(args.expected),
        count(args.present),
        absent.clone(),
        observers.to_owned(),
    ];
    let attendance =
        crate::app::attendance::read([&texts[0], &texts[1], &texts[2], &texts[3]], &attendees, at)
            .map_err(|(row, what)| {
                let option = match row {
                    crate::app::form::FormRow::Expected => "--expected",
                    crate::app::form::FormRow::Present => "--present",
                    crate::app::form::FormRow::Absent => "--absent",
                    _ => "--observers",
                };
                Failure::Msg(CliMsg::BadOption { option, what }.text(lang))
            })?;
    if let Some(note) = crate::app::attendance::note(&attendance, &attendees, at) {
        eprintln!("selfcheck: {}", sanitize::one_line(&note));
    }
    Ok(Meeting {
        title: args
            .title
            .as_deref()
            .map(sanitize::clean_input)
            .unwrap_or_default(),
        date,
        place: args.place.clone().unwrap_or_default(),
        host: args.host.clone().unwrap_or_default(),
        recorder: args.recorder.clone().unwrap_or_default(),
        attendees,
        attendance,
        ..Meeting::default()
    })
}

/// Names a session of the same unit and meeting date already in the data folder: refused when
/// the new one would go there too (`allowed` false), else a note on stderr.
pub(super) fn check_same_meeting(
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
pub(super) fn same_meeting(
    dir: &DataDir,
    unit: &str,
    date: Option<chrono::NaiveDate>,
) -> Option<PathBuf> {
    let date = date?;
    dir.list().ok()?.into_iter().flatten().find_map(|e| {
        (e.session.unit.name.trim() == unit.trim() && e.session.meeting.date == Some(date))
            .then_some(e.path)
    })
}

pub(super) fn list(global: &Global, json: bool) -> Outcome {
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

pub(super) fn templates(lang: Lang, json: bool) -> Outcome {
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
pub(super) fn validate(file: &Path, lang: Lang) -> Result<ExitCode, Failure> {
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
        let (lines, altered) = crate::followup::validate_lines(file, &s, lang);
        let unreadable = crate::followup::history_problems(&s, lang);
        let msg = if altered || !unreadable.is_empty() {
            CliMsg::SessionFlawed {
                file: &name,
                answered: p.answered,
                total: p.total,
                bad: unreadable.len(),
                altered,
            }
        } else {
            CliMsg::SessionOk {
                file: &name,
                answered: p.answered,
                total: p.total,
            }
        };
        println!("{}", msg.text(lang));
        for line in lines {
            println!("{}", sanitize::one_line(&line));
        }
        for line in &unreadable {
            eprintln!("selfcheck: {name}{}{line}", colon(lang));
        }
        if altered {
            let what = crate::i18n::records(lang).altered_after_signing;
            eprintln!("selfcheck: {name}: {what}");
            return Ok(ExitCode::from(1));
        }
        if !unreadable.is_empty() {
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
pub(super) struct ReportArgs {
    pub(super) recipient: Option<String>,
    pub(super) date: Option<String>,
    pub(super) with_history: bool,
}

pub(super) fn export(
    file: &Path,
    format: ExportFormat,
    output: Option<&Path>,
    args: &ReportArgs,
    lang: Lang,
) -> Outcome {
    use crate::export::{self, ExportError, Output};
    let session = load_session(file)?;
    let told = |e: ExportError| Failure::Msg(crate::export::export_error(&e, lang));
    let built =
        |r: Result<Vec<u8>, export::BuildError>| r.map_err(|e| told(ExportError::build(file, e)));
    let mut options =
        export::settings::folder_options(file).map_err(|e| Failure::Msg(e.to_string()))?;
    options.recipient = args.recipient.as_deref().map(sanitize::clean_input);
    options.with_history = args.with_history;
    if let Some(date) = &args.date {
        options.date =
            crate::model::session::parse_date(date).map_err(|e| bad_date("--date", &e, lang))?;
    }
    let report = matches!(format, ExportFormat::Md | ExportFormat::Docx);
    if args.with_history && !report {
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            crate::i18n::texts(lang).export_history_ignored
        );
    }
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
