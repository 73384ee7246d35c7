//! The command line's side of following one meeting from the last and of signing the record:
//! `new --from`, `sign`, `reopen`, and what `validate` says about signatures and the link to
//! the previous meeting. The rules themselves are in `model::carryover` and `model::signoff`.

use std::path::{Path, PathBuf};

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
pub fn matching_lines(prev: &Session, next: &Session, m: &Matching) -> Vec<String> {
    let name = |t: &Template, id: &str| {
        t.display_number_of(id)
            .map_or_else(|| id.to_owned(), |n| format!("{n} ({id})"))
    };
    let mut lines = vec![format!(
        "made from {} ({}{}): {} open measure(s) carried over, statuses left empty",
        prev.unit.name,
        prev.meeting
            .date
            .map_or_else(|| "no date".to_owned(), |d| d.to_string()),
        if m.same_version {
            String::new()
        } else {
            format!(
                "; checklist {} {} → {} {}",
                prev.template.id, prev.template.version, next.template.id, next.template.version
            )
        },
        m.carried
    )];
    if !m.added.is_empty() {
        let names: Vec<String> = m.added.iter().map(|id| name(&next.template, id)).collect();
        lines.push(format!("checks added: {}", names.join(", ")));
    }
    if !m.removed.is_empty() {
        let names: Vec<String> = m
            .removed
            .iter()
            .map(|id| name(&prev.template, id))
            .collect();
        lines.push(format!("checks removed: {}", names.join(", ")));
    }
    if !m.open_measures_lost.is_empty() {
        let names: Vec<String> = m
            .open_measures_lost
            .iter()
            .map(|id| name(&prev.template, id))
            .collect();
        lines.push(format!(
            "open measures of removed checks, not carried over (follow them up by hand): {}",
            names.join(", ")
        ));
    }
    lines
}

/// Signs the session file at `file`. Returns the line to print.
pub fn sign(file: &Path, role: Role, name: &str) -> Result<String, String> {
    let (mut doc, mut session) = Document::open(file, OpenMode::Edit).map_err(|e| e.to_string())?;
    let now = chrono::Local::now().fixed_offset();
    let name = sanitize::clean_input(name);
    let hash = session
        .sign(role, &name, now)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    doc.save(&session).map_err(|e| e.to_string())?;
    Ok(format!(
        "{}: signed as {} ({}) by {}; 校验码 {}",
        file.display(),
        role.label(false),
        role.label(true),
        name,
        signoff::short_code(&hash)
    ))
}

/// Reopens a signed session file for amendment. Returns the line to print.
pub fn reopen(file: &Path, by: &str, reason: &str) -> Result<String, String> {
    let (mut doc, mut session) = Document::open(file, OpenMode::Edit).map_err(|e| e.to_string())?;
    let by = sanitize::clean_input(by);
    if by.trim().is_empty() {
        return Err("--name: type the name of the person reopening the record".to_owned());
    }
    let now = chrono::Local::now().fixed_offset();
    if !session.reopen_for_amendment(&by, &sanitize::clean_input(reason), now) {
        return Ok(format!("{}: not signed; nothing to reopen", file.display()));
    }
    doc.save(&session).map_err(|e| e.to_string())?;
    Ok(format!(
        "{}: reopened for amendment by {by}; the signatures are void until it is signed again",
        file.display()
    ))
}

/// What `validate` says about a session beyond its being readable: its signatures and its
/// link to the previous meeting. The flag is true when a signature no longer matches.
pub fn validate_lines(file: &Path, session: &Session) -> (Vec<String>, bool) {
    let mut lines = Vec::new();
    let v = signoff::verify(session);
    if v.is_signed() {
        for s in &v.signatures {
            lines.push(format!(
                "  signature {} {}: {}",
                s.role.label(false),
                sanitize::one_line(&s.name),
                if s.matches {
                    "matches the content"
                } else {
                    "ALTERED: the content changed after signing"
                }
            ));
        }
        lines.push(format!("  校验码 now {}", signoff::short_code(&v.sha256)));
    } else {
        lines.push("  not signed".to_owned());
    }
    if let Some(link) = &session.previous {
        let path = previous_path(file, link);
        let shown = sanitize::one_line(&link.file).into_owned();
        let state = match load_session(&path) {
            Ok(prev) => match carryover::check_previous(link, &prev) {
                PreviousState::Same => "found, unchanged".to_owned(),
                PreviousState::Changed { .. } => {
                    "found, but changed since this record was made from it".to_owned()
                }
                PreviousState::OtherRecord { .. } => {
                    "found, but it is another record (its id differs)".to_owned()
                }
            },
            Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                "missing (not needed to read this record)".to_owned()
            }
            Err(e) => format!("unreadable ({e})"),
        };
        lines.push(format!("  previous meeting {shown}: {state}"));
    }
    (lines, v.is_altered())
}
