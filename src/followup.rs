//! The command line's side of following one meeting from the last and of signing the record:
//! `new --from`, `sign`, `reopen`, and what `validate` says about signatures and the link to
//! the previous meeting. The rules themselves are in `model::carryover` and `model::signoff`.

use std::path::{Path, PathBuf};

use crate::i18n::Lang;
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

/// The attendance given on the command line: 应到, absentees with reasons, 列席.
pub fn attendance(
    expected: Option<u32>,
    absent: Option<&str>,
    observers: Option<&str>,
) -> crate::model::attendance::Attendance {
    crate::model::attendance::Attendance {
        expected,
        absentees: absent
            .map(|t| crate::model::attendance::parse_absentees(&sanitize::clean_input(t)))
            .unwrap_or_default(),
        observers: observers.map(crate::text::split_names).unwrap_or_default(),
        ..crate::model::attendance::Attendance::default()
    }
}

/// `fresh` (a new session as `new` made it, to be written at `out`) turned into the meeting
/// following `prev`, read from `prev_path`; how the checklists compare is told on stderr.
pub fn follow(
    prev: &Session,
    prev_path: &Path,
    out: &Path,
    fresh: Session,
    now: chrono::DateTime<chrono::FixedOffset>,
    lang: Lang,
) -> Session {
    let (next, matching) = next_session(
        prev,
        prev_path,
        out,
        fresh.template,
        fresh.unit,
        fresh.meeting,
        now,
    );
    for line in matching_lines(prev, &next, &matching, lang) {
        eprintln!("selfcheck: {}", sanitize::one_line(&line));
    }
    next
}

/// The text in the interface language: Chinese, or English with `--lang en`.
fn say(lang: Lang, zh: String, en: String) -> String {
    if lang.is_en() { en } else { zh }
}

/// What `new --from` tells on stderr about the new checklist against the old one.
pub fn matching_lines(prev: &Session, next: &Session, m: &Matching, lang: Lang) -> Vec<String> {
    let name = |t: &Template, id: &str| {
        t.display_number_of(id)
            .map_or_else(|| id.to_owned(), |n| format!("{n} ({id})"))
    };
    let names = |t: &Template, ids: &[String]| {
        ids.iter()
            .map(|id| name(t, id))
            .collect::<Vec<_>>()
            .join(if lang.is_en() { ", " } else { "、" })
    };
    let date = prev
        .meeting
        .date
        .map_or_else(|| "----------".to_owned(), |d| d.to_string());
    let version = if m.same_version {
        String::new()
    } else {
        format!(
            "; {} {} → {} {}",
            prev.template.id, prev.template.version, next.template.id, next.template.version
        )
    };
    let unit = &prev.unit.name;
    let carried = m.carried;
    let mut lines = vec![say(
        lang,
        format!(
            "以 {unit} {date} 的会议记录为基础{version}：转入未完成的整改措施 {carried} 条，落实情况已清空"
        ),
        format!(
            "made from {unit} ({date}{version}): {carried} open measure(s) carried over, statuses left empty"
        ),
    )];
    if !m.added.is_empty() {
        let n = names(&next.template, &m.added);
        lines.push(say(
            lang,
            format!("新增检查内容：{n}"),
            format!("checks added: {n}"),
        ));
    }
    if !m.removed.is_empty() {
        let n = names(&prev.template, &m.removed);
        lines.push(say(
            lang,
            format!("删去的检查内容：{n}"),
            format!("checks removed: {n}"),
        ));
    }
    if !m.open_measures_lost.is_empty() {
        let n = names(&prev.template, &m.open_measures_lost);
        lines.push(say(
            lang,
            format!("以下删去的检查内容有未完成的整改措施，未能转入，请另行跟踪：{n}"),
            format!(
                "open measures of removed checks, not carried over (follow them up by hand): {n}"
            ),
        ));
    }
    lines
}

/// Signs the session file at `file`. Returns the line to print.
pub fn sign(file: &Path, role: Role, name: &str, lang: Lang) -> Result<String, String> {
    let (mut doc, mut session) =
        Document::open(file, OpenMode::Edit).map_err(|e| crate::i18n::store_error(&e, lang))?;
    let now = chrono::Local::now().fixed_offset();
    let name = sanitize::clean_input(name);
    let hash = session
        .sign(role, &name, now)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    doc.save(&session)
        .map_err(|e| crate::i18n::store_error(&e, lang))?;
    let (f, code) = (file.display(), signoff::short_code(&hash));
    Ok(say(
        lang,
        format!(
            "{f}：{name} 以{}身份签字确认；校验码 {code}",
            role.label(false)
        ),
        format!(
            "{f}: signed as {} by {name}; 校验码 {code}",
            role.label(true)
        ),
    ))
}

/// Reopens a signed session file for amendment. Returns the line to print.
pub fn reopen(file: &Path, by: &str, reason: &str, lang: Lang) -> Result<String, String> {
    let by = sanitize::clean_input(by);
    if by.trim().is_empty() {
        return Err(say(
            lang,
            "--name：请输入重新打开记录者的姓名".to_owned(),
            "--name: type the name of the person reopening the record".to_owned(),
        ));
    }
    let (mut doc, mut session) =
        Document::open(file, OpenMode::Edit).map_err(|e| crate::i18n::store_error(&e, lang))?;
    let now = chrono::Local::now().fixed_offset();
    let f = file.display();
    if !session.reopen_for_amendment(&by, &sanitize::clean_input(reason), now) {
        return Ok(say(
            lang,
            format!("{f}：未签字，无需重新打开"),
            format!("{f}: not signed; nothing to reopen"),
        ));
    }
    doc.save(&session)
        .map_err(|e| crate::i18n::store_error(&e, lang))?;
    Ok(say(
        lang,
        format!("{f}：已由 {by} 重新打开修改；重新签字前，原签字作废"),
        format!(
            "{f}: reopened for amendment by {by}; the signatures are void until it is signed again"
        ),
    ))
}

/// What `validate` says about a session beyond its being readable: its signatures and its
/// link to the previous meeting. The flag is true when a signature no longer matches.
pub fn validate_lines(file: &Path, session: &Session, lang: Lang) -> (Vec<String>, bool) {
    let mut lines = Vec::new();
    let v = signoff::verify(session);
    if v.is_signed() {
        for sig in &v.signatures {
            let who = sanitize::one_line(&sig.name).into_owned();
            let (zh_role, en_role) = (sig.role.label(false), sig.role.label(true));
            lines.push(if sig.matches {
                say(
                    lang,
                    format!("  {zh_role} {who} 的签字：与内容一致"),
                    format!("  signature of the {en_role} {who}: matches the content"),
                )
            } else {
                say(
                    lang,
                    format!("  {zh_role} {who} 的签字：已被改动（签字后内容有变化）"),
                    format!("  signature of the {en_role} {who}: ALTERED: the content changed after signing"),
                )
            });
        }
        let code = signoff::short_code(&v.sha256);
        lines.push(say(
            lang,
            format!("  当前校验码 {code}"),
            format!("  check code (校验码) now {code}"),
        ));
    } else {
        lines.push(say(lang, "  未签字".to_owned(), "  not signed".to_owned()));
    }
    if let Some(link) = &session.previous {
        let path = previous_path(file, link);
        let shown = sanitize::one_line(&link.file).into_owned();
        let (zh, en) = match load_session(&path) {
            Ok(prev) => match carryover::check_previous(link, &prev) {
                PreviousState::Same => ("找到，内容未变".to_owned(), "found, unchanged".to_owned()),
                PreviousState::Changed { .. } => (
                    "找到，但本记录据其生成后它已被修改".to_owned(),
                    "found, but changed since this record was made from it".to_owned(),
                ),
                PreviousState::OtherRecord { .. } => (
                    "找到，但是另一份记录（编号不同）".to_owned(),
                    "found, but it is another record (its id differs)".to_owned(),
                ),
            },
            Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                (
                    "找不到（不影响阅读本记录）".to_owned(),
                    "missing (not needed to read this record)".to_owned(),
                )
            }
            Err(e) => (
                format!("无法读取（{}）", crate::i18n::store_error(&e, lang)),
                format!("unreadable ({e})"),
            ),
        };
        lines.push(say(
            lang,
            format!("  上次会议记录 {shown}：{zh}"),
            format!("  previous meeting {shown}: {en}"),
        ));
    }
    (lines, v.is_altered())
}

/// `validate`'s message for a record changed after signing.
pub fn altered_message(file: &str, lang: Lang) -> String {
    say(
        lang,
        format!("{file}：签字后内容被改动，与签字时的内容不一致"),
        format!("{file}: altered after signing: the content no longer matches the signatures"),
    )
}
