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

/// `zh` or `en` by the interface language.
fn pick(lang: Lang, zh: String, en: String) -> String {
    if lang.is_en() { en } else { zh }
}

/// What `new --from` tells on stderr about the new checklist against the old one.
pub fn matching_lines(prev: &Session, next: &Session, m: &Matching, lang: Lang) -> Vec<String> {
    let name = |t: &Template, id: &str| {
        t.display_number_of(id)
            .map_or_else(|| id.to_owned(), |n| format!("{n} ({id})"))
    };
    let date = prev.meeting.date.map(|d| d.to_string());
    let version = (!m.same_version).then(|| {
        format!(
            "{} {} → {} {}",
            prev.template.id, prev.template.version, next.template.id, next.template.version
        )
    });
    let mut lines = vec![pick(
        lang,
        format!(
            "以 {}（{}）的记录为基础{}：带入未完成的整改措施 {} 条，落实情况留空待重新检查",
            prev.unit.name,
            date.clone().unwrap_or_else(|| "未填日期".to_owned()),
            version
                .as_ref()
                .map_or_else(String::new, |v| format!("；检查表 {v}")),
            m.carried
        ),
        format!(
            "made from {} ({}{}): {} open measure(s) carried over, statuses left empty",
            prev.unit.name,
            date.unwrap_or_else(|| "no date".to_owned()),
            version
                .as_ref()
                .map_or_else(String::new, |v| format!("; checklist {v}")),
            m.carried
        ),
    )];
    let names = |t: &Template, ids: &[String]| -> String {
        ids.iter()
            .map(|id| name(t, id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !m.added.is_empty() {
        let n = names(&next.template, &m.added);
        lines.push(pick(
            lang,
            format!("新增的检查内容：{n}"),
            format!("checks added: {n}"),
        ));
    }
    if !m.removed.is_empty() {
        let n = names(&prev.template, &m.removed);
        lines.push(pick(
            lang,
            format!("删去的检查内容：{n}"),
            format!("checks removed: {n}"),
        ));
    }
    if !m.open_measures_lost.is_empty() {
        let n = names(&prev.template, &m.open_measures_lost);
        lines.push(pick(
            lang,
            format!("以下删去的检查内容有未完成的整改措施，未带入（请另行跟踪）：{n}"),
            format!(
                "open measures of removed checks, not carried over (follow them up by hand): {n}"
            ),
        ));
    }
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
    let warning = crate::i18n::followup::unfinished_warning(&session, lang);
    let line = pick(
        lang,
        format!(
            "{}：{name} 已以{}身份签字确认；校验码 {code}",
            file.display(),
            role.label(false)
        ),
        format!(
            "{}: signed as {} ({}) by {name}; 校验码 {code}",
            file.display(),
            role.label(false),
            role.label(true)
        ),
    );
    Ok((line, warning))
}

/// Reopens a signed session file for amendment. Returns the line to print.
pub fn reopen(file: &Path, by: &str, reason: &str, lang: Lang) -> Result<String, String> {
    let told = |e: StoreError| crate::i18n::store_error(&e, lang);
    let (mut doc, mut session) = Document::open(file, OpenMode::Edit).map_err(told)?;
    let by = sanitize::clean_input(by);
    if by.trim().is_empty() {
        return Err(pick(
            lang,
            "--name：请输入重新打开记录的人的姓名".to_owned(),
            "--name: type the name of the person reopening the record".to_owned(),
        ));
    }
    let now = chrono::Local::now().fixed_offset();
    if !session.reopen_for_amendment(&by, &sanitize::clean_input(reason), now) {
        return Ok(pick(
            lang,
            format!("{}：记录尚未签字，无需重新打开", file.display()),
            format!("{}: not signed; nothing to reopen", file.display()),
        ));
    }
    doc.save(&session).map_err(told)?;
    Ok(pick(
        lang,
        format!(
            "{}：{by} 已重新打开记录进行修改；签字作废，修改后需重新签字",
            file.display()
        ),
        format!(
            "{}: reopened for amendment by {by}; the signatures are void until it is signed again",
            file.display()
        ),
    ))
}

/// What `validate` says about a session beyond its being readable: its signatures and its
/// link to the previous meeting. The flag is true when a signature no longer matches.
pub fn validate_lines(file: &Path, session: &Session, lang: Lang) -> (Vec<String>, bool) {
    let en = lang.is_en();
    let say = |zh: &str, en_text: &str| {
        if en {
            en_text.to_owned()
        } else {
            zh.to_owned()
        }
    };
    let mut lines = Vec::new();
    let v = signoff::verify(session);
    if v.is_signed() {
        for s in &v.signatures {
            let state = if s.matches {
                say("与内容一致", "matches the content")
            } else {
                say(
                    "已被改动：签字后内容有变化",
                    "ALTERED: the content changed after signing",
                )
            };
            let who = sanitize::one_line(&s.name);
            lines.push(if en {
                format!("  signature {} {who}: {state}", s.role.label(false))
            } else {
                format!("  {}签字 {who}：{state}", s.role.label(false))
            });
        }
        let code = signoff::short_code(&v.sha256);
        lines.push(if en {
            format!("  校验码 now {code}")
        } else {
            format!("  当前校验码 {code}")
        });
    } else {
        lines.push(say("  尚未签字", "  not signed"));
    }
    if let Some(link) = &session.previous {
        let path = previous_path(file, link);
        let shown = sanitize::one_line(&link.file).into_owned();
        let state = match load_session(&path) {
            Ok(prev) => match carryover::check_previous(link, &prev) {
                PreviousState::Same => say("已找到，未改动", "found, unchanged"),
                PreviousState::Changed { .. } => say(
                    "已找到，但在本记录据其生成之后被改动过",
                    "found, but changed since this record was made from it",
                ),
                PreviousState::OtherRecord { .. } => say(
                    "已找到，但它是另一份记录（编号不同）",
                    "found, but it is another record (its id differs)",
                ),
            },
            Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                say(
                    "找不到（阅读本记录不需要它）",
                    "missing (not needed to read this record)",
                )
            }
            Err(e) => {
                let why = crate::i18n::store_error(&e, lang);
                if en {
                    format!("unreadable ({why})")
                } else {
                    format!("无法读取（{why}）")
                }
            }
        };
        lines.push(if en {
            format!("  previous meeting {shown}: {state}")
        } else {
            format!("  上次会议记录 {shown}：{state}")
        });
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
            Some(pick(
                lang,
                format!("第{number}项（{}）的修改记录无法读取：{why}", c.id),
                format!(
                    "the history of check {number} ({}) cannot be read: {why}",
                    c.id
                ),
            ))
        })
        .collect()
}

/// Why a record could not be signed, in the interface language.
fn sign_error(e: &signoff::SignError, lang: Lang) -> String {
    use signoff::SignError as E;
    if lang.is_en() {
        return e.to_string();
    }
    match e {
        E::EmptyName => "签字人姓名为空：请输入签字人的姓名".to_owned(),
        E::AlreadySigned { role, name } => {
            format!("已由 {name} 以{role}身份签字；如需再签，请先重新打开记录进行修改")
        }
        E::Altered => {
            "记录在签字后被改动过（与签字不再一致）；请先重新打开记录进行修改，再重新签字"
                .to_owned()
        }
    }
}
