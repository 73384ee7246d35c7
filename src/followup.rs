//! The command line's side of following one meeting from the last and of signing the record:
//! `new --from`, `sign`, `reopen`, and what `validate` says about signatures and the link to
//! the previous meeting. The rules themselves are in `model::carryover` and `model::signoff`.

use std::path::{Path, PathBuf};

use crate::i18n::records::sign_error;
use crate::i18n::{Lang, fill, records, role_label};
use crate::model::carryover::{self, Matching, PreviousState};
use crate::model::signoff::{self, Role};
use crate::model::{Meeting, Session, Template, Unit, builtin};
use crate::store::{Document, OpenMode, StoreError, load_session};
use crate::text::sanitize;

/// Records the OS user and host every change made by this process is recorded with.
pub fn set_actor() {
    crate::model::history::set_process_actor(crate::model::history::Actor {
        user: crate::store::current_user(),
        host: crate::store::host_name(),
    });
}

/// The checklist of a meeting following `prev`: the one asked for, else the built-in
/// checklist of the same id (which may be a newer version), else the previous meeting's copy.
pub fn template_for_next(prev: &Session, asked: Option<Template>) -> Template {
    asked
        .or_else(|| builtin::get(&prev.template.id))
        .unwrap_or_else(|| prev.template.clone())
}

/// How the link names the previous file: by its name alone when the new file is in the same
/// folder, else by its full path.
pub fn link_name(prev: &Path, new: &Path) -> String {
    let folder = |p: &Path| {
        p.parent()
            .map(|d| {
                if d.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    d
                }
            })
            .and_then(|d| d.canonicalize().ok())
    };
    match (folder(prev), folder(new), prev.file_name()) {
        (Some(a), Some(b), Some(name)) if a == b => name.to_string_lossy().into_owned(),
        _ => prev
            .canonicalize()
            .unwrap_or_else(|_| prev.to_owned())
            .display()
            .to_string(),
    }
}

/// Where the previous file of the session at `file` is, by its link.
pub fn previous_path(file: &Path, link: &carryover::PreviousLink) -> PathBuf {
    let named = Path::new(&link.file);
    if named.is_absolute() {
        named.to_owned()
    } else {
        file.parent().unwrap_or(Path::new(".")).join(named)
    }
}

/// Makes the session that follows `prev` (read from `prev_path`), to be written at `out`.
pub fn next_session(
    prev: &Session,
    prev_path: &Path,
    out: &Path,
    template: Template,
    unit: Unit,
    meeting: Meeting,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> (Session, Matching) {
    carryover::next_session(
        prev,
        &link_name(prev_path, out),
        template,
        unit,
        meeting,
        now,
    )
}

/// What `new --from` tells on stderr about the new checklist against the old one.
pub fn matching_lines(prev: &Session, next: &Session, m: &Matching, lang: Lang) -> Vec<String> {
    let t = records(lang);
    let name = |t: &Template, id: &str| {
        t.display_number_of(id)
            .map_or_else(|| id.to_owned(), |n| format!("{n} ({id})"))
    };
    let date = prev
        .meeting
        .date
        .map_or_else(|| t.no_date.to_owned(), |d| d.to_string());
    let version = if m.same_version {
        String::new()
    } else {
        let change = format!(
            "{} {} → {} {}",
            prev.template.id, prev.template.version, next.template.id, next.template.version
        );
        fill(t.version_changed, &[("change", &change)])
    };
    let mut lines = vec![fill(
        t.made_from,
        &[
            ("unit", &prev.unit.name),
            ("date", &date),
            ("version", &version),
            ("carried", &m.carried),
        ],
    )];
    let names = |t: &Template, ids: &[String]| -> String {
        ids.iter()
            .map(|id| name(t, id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut say = |text: &str, tpl: &Template, ids: &[String]| {
        if !ids.is_empty() {
            lines.push(fill(text, &[("checks", &names(tpl, ids))]));
        }
    };
    say(t.checks_added, &next.template, &m.added);
    say(t.checks_removed, &prev.template, &m.removed);
    say(t.open_measures_lost, &prev.template, &m.open_measures_lost);
    lines
}

/// Signs the session file at `file`. Returns the line to print, and a warning when checks
/// were still without a status.
pub fn sign(
    file: &Path,
    role: Role,
    name: &str,
    lang: Lang,
) -> Result<(String, Option<String>), String> {
    let told = |e: StoreError| crate::i18n::store_error(&e, lang);
    let (mut doc, mut session) = Document::open(file, OpenMode::Edit).map_err(told)?;
    let now = chrono::Local::now().fixed_offset();
    let name = sanitize::clean_input(name);
    let hash = session
        .sign(role, &name, now)
        .map_err(|e| format!("{}: {}", file.display(), sign_error(&e, lang)))?;
    doc.save(&session).map_err(told)?;
    let code = signoff::short_code(&hash);
    let p = crate::model::Progress::of_session(&session);
    let warning = crate::i18n::followup::unfinished_warning(p.answered, p.total, lang);
    let line = fill(
        records(lang).signed,
        &[
            ("file", &file.display()),
            ("name", &name),
            ("role", &role_label(role, Lang::Zh)),
            ("role_en", &role_label(role, Lang::En)),
            ("code", &code),
        ],
    );
    Ok((line, warning))
}

/// Reopens a signed session file for amendment. Returns the line to print.
pub fn reopen(file: &Path, by: &str, reason: &str, lang: Lang) -> Result<String, String> {
    let told = |e: StoreError| crate::i18n::store_error(&e, lang);
    let (mut doc, mut session) = Document::open(file, OpenMode::Edit).map_err(told)?;
    let by = sanitize::clean_input(by);
    let t = records(lang);
    if by.trim().is_empty() {
        return Err(t.reopen_no_name.to_owned());
    }
    let now = chrono::Local::now().fixed_offset();
    if !session.reopen_for_amendment(&by, &sanitize::clean_input(reason), now) {
        return Ok(fill(t.reopen_not_signed, &[("file", &file.display())]));
    }
    doc.save(&session).map_err(told)?;
    Ok(fill(t.reopened, &[("file", &file.display()), ("by", &by)]))
}

/// What `validate` says about a session beyond its being readable: its signatures and its
/// link to the previous meeting. The flag is true when a signature no longer matches.
pub fn validate_lines(file: &Path, session: &Session, lang: Lang) -> (Vec<String>, bool) {
    let t = records(lang);
    let mut lines = Vec::new();
    let v = signoff::verify(session);
    if v.is_signed() {
        for s in &v.signatures {
            let state = if s.matches {
                t.signature_matches
            } else {
                t.signature_altered
            };
            let who = sanitize::one_line(&s.name);
            lines.push(fill(
                t.signature_line,
                &[
                    ("role", &role_label(s.role, Lang::Zh)),
                    ("who", &who),
                    ("state", &state),
                ],
            ));
        }
        let code = signoff::short_code(&v.sha256);
        lines.push(fill(t.code_line, &[("code", &code)]));
    } else {
        lines.push(t.not_signed.to_owned());
    }
    if let Some(link) = &session.previous {
        let path = previous_path(file, link);
        let shown = sanitize::one_line(&link.file).into_owned();
        let state = match load_session(&path) {
            Ok(prev) => match carryover::check_previous(link, &prev) {
                PreviousState::Same => t.previous_same.to_owned(),
                PreviousState::Changed { .. } => t.previous_changed.to_owned(),
                PreviousState::OtherRecord { .. } => t.previous_other.to_owned(),
            },
            Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                t.previous_missing.to_owned()
            }
            Err(e) => {
                let why = crate::i18n::store_error(&e, lang);
                fill(t.previous_unreadable, &[("why", &why)])
            }
        };
        lines.push(fill(
            t.previous_line,
            &[("file", &shown), ("state", &state)],
        ));
    }
    (lines, v.is_altered())
}

/// The answers whose history cannot be read (a file edited by hand), each as a line naming the
/// check and why. The rest of the record reads as it should; the history's text is kept.
pub fn history_problems(session: &Session, lang: Lang) -> Vec<String> {
    session
        .template
        .checks()
        .filter_map(|(pos, c)| {
            let why = session.answer(&c.id)?.history.problem()?;
            let number = session.template.display_number(pos);
            let why = sanitize::one_line(why);
            Some(fill(
                records(lang).history_unreadable,
                &[("number", &number), ("id", &c.id), ("why", &why)],
            ))
        })
        .collect()
}
