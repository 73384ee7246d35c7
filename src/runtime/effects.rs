//! Carrying out the effects `App::update` returns: files opened, created, exported, removed,
//! and saves handed to the [`super::Saver`].

use std::io;
use std::path::{Path, PathBuf};

use super::event_loop::record;
use super::follow::{Watched, poll_followed};
use super::{Shared, dispatch, finish_save, fold_journal, save_now};
use crate::action::{Action, Effect, OpenedSession, PickerEntry};
use crate::store::{DataDir, Document, OpenMode, SessionLock, StoreError};

/// Carries out one effect, returning the action that reports its result.
pub fn perform(shared: &mut Shared, effect: Effect) -> Option<Action> {
    match effect {
        Effect::Save {
            quitting: false,
            changed,
        } => {
            let Shared { app, saver, .. } = shared;
            saver.request(record(app)?, changed)
        }
        // `dispatch` quits; nothing to do here.
        Effect::Quit => None,
        Effect::SaveAs(path) => {
            finish_save(shared);
            let Shared { app, saver, .. } = shared;
            let w = app.walk.as_ref()?;
            saver.doc()?;
            Some(match saver.save_as(&path, &w.session) {
                Ok(()) => Action::SavedAs(path),
                Err(e) => Action::Failed(crate::i18n::store_error(&e, app.lang)),
            })
        }
        Effect::Export => Some(match &shared.app.walk {
            Some(w) => match export_beside(&w.path, &w.session, shared.app.lang) {
                Ok(paths) => Action::Exported(paths),
                Err(e) => Action::Failed(e),
            },
            None => Action::Failed(
                crate::i18n::texts(shared.app.lang)
                    .msg_no_session_open
                    .to_owned(),
            ),
        }),
        Effect::RemoveFile(path) => match super::away::remove_with_note(&path) {
            Ok(()) => None,
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => Some(Action::Failed(crate::i18n::store_error(
                &StoreError::io(&path, e),
                shared.app.lang,
            ))),
        },

        Effect::Save {
            quitting: true,
            changed,
        } => {
            let result = match save_now(shared, changed) {
                // Someone else changed the file: this record is safe in the conflict copy
                // beside it, so quitting goes ahead and the way out says where it is.
                Ok(()) | Err(StoreError::Conflict { .. }) => Ok(()),
                Err(e) => Err(crate::action::SaveFailure::of(&e, shared.app.lang)),
            };
            Some(Action::Saved {
                result,
                quitting: true,
            })
        }
        Effect::LoadPicker => Some(Action::PickerLoaded(load_picker(
            shared.data_dir.as_ref(),
            shared.app.lang,
        ))),
        Effect::Open {
            path,
            read_only,
            follow,
        } => {
            fold_journal(shared);
            let mode = if read_only {
                OpenMode::ReadOnly
            } else {
                OpenMode::Edit
            };
            match open_document(&path, mode, shared.app.t()) {
                Ok((doc, opened)) => {
                    let recovery = find_recovery(&doc, &opened.session, shared.app.t());
                    shared.saver.replace(doc);
                    shared.watched = Watched::default();
                    dispatch(shared, Action::Opened(Box::new(opened)));
                    if follow {
                        dispatch(shared, Action::Follow);
                        poll_followed(shared);
                    }
                    recovery.map(|r| Action::RecoveryFound(Box::new(r)))
                }
                Err(e) => Some(Action::Failed(crate::i18n::store_error(
                    &e,
                    shared.app.lang,
                ))),
            }
        }
        Effect::Create(session) => Some(create(shared, *session, None)),
        Effect::CreateFrom { session, from } => match crate::store::load_session(&from) {
            Ok(prev) => Some(create(shared, *session, Some((prev, from)))),
            Err(e) => Some(Action::Failed(crate::i18n::store_error(
                &e,
                shared.app.lang,
            ))),
        },
    }
}

/// Creates a session file in the data folder and opens it: `session` as it is, or, with the
/// previous meeting's session and its file, the session following it (as `new --from`), with
/// what was carried over told in the notice.
fn create(
    shared: &mut Shared,
    session: crate::model::Session,
    from: Option<(crate::model::Session, PathBuf)>,
) -> Action {
    fold_journal(shared);
    let lang = shared.app.lang;
    let Some(dir) = &shared.data_dir else {
        return Action::Failed(crate::i18n::texts(lang).msg_no_data_folder.to_owned());
    };
    if let Err(e) = dir.ensure() {
        return Action::Failed(crate::i18n::store_error(&e, lang));
    }
    let path = dir.new_session_path(&session);
    let (session, notice) = match from {
        None => (session, None),
        Some((prev, prev_path)) => {
            let unit = crate::model::Unit {
                name: session.unit.name.clone(),
                kind: session.unit.kind.or(prev.unit.kind),
                ..prev.unit.clone()
            };
            let (next, matching) = crate::followup::next_session(
                &prev,
                &prev_path,
                &path,
                session.template,
                unit,
                session.meeting,
                session.created_at,
            );
            let lines = crate::followup::matching_lines(&prev, &next, &matching, lang);
            let sep = crate::i18n::records(lang).line_sep;
            (next, Some(lines.join(sep)))
        }
    };
    match Document::create(&path, &session) {
        Ok(doc) => {
            shared.saver.replace(doc);
            Action::Opened(Box::new(OpenedSession {
                session,
                path,
                read_only: false,
                notice,
            }))
        }
        Err(e) => Action::Failed(crate::i18n::store_error(&e, lang)),
    }
}

/// Opens a session for editing; if someone else holds it, read-only with a notice naming them.
pub fn open_document(
    path: &Path,
    mode: OpenMode,
    t: &crate::i18n::Texts,
) -> Result<(Document, OpenedSession), StoreError> {
    let (doc, session, notice) = match Document::open(path, mode) {
        Ok((doc, session)) => (doc, session, None),
        Err(StoreError::Locked { holder, .. }) => {
            let (doc, session) = Document::open(path, OpenMode::ReadOnly)?;
            (
                doc,
                session,
                Some(format!(
                    "{}{}",
                    t.msg_locked_open_read_only,
                    crate::i18n::lock_holder(&holder, t.lang)
                )),
            )
        }
        // A folder one may read but not write (read-only mount, another user's folder): the
        // session can still be looked at.
        Err(StoreError::Io { source, .. })
            if matches!(
                source.kind(),
                io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
            ) =>
        {
            let (doc, session) = Document::open(path, OpenMode::ReadOnly)?;
            (
                doc,
                session,
                Some(format!("{}{source}", t.msg_cannot_write_open_read_only)),
            )
        }
        Err(e) => return Err(e),
    };
    // What the store set aside or noticed is said on opening, the most pressing first:
    // someone else's journal or recovery copy, a link followed, a shared folder without the
    // sticky bit.
    let mut notices: Vec<&crate::store::Notice> = doc.notices().iter().collect();
    notices.sort_by_key(|n| match n {
        crate::store::Notice::Foreign { .. } => 0,
        crate::store::Notice::Link { .. } => 1,
        crate::store::Notice::NotSticky { .. } => 2,
    });
    let notice = notice
        .into_iter()
        .chain(
            notices
                .into_iter()
                .map(|n| crate::i18n::store_notice(n, t.lang)),
        )
        .reduce(|a, b| format!("{a}{}{b}", t.list_sep));
    let opened = OpenedSession {
        session,
        path: path.to_owned(),
        read_only: doc.is_read_only(),
        notice,
    };
    Ok((doc, opened))
}

/// Writes the 对照检查报告 (md, docx), the workbook (对照检查表 and 整改台账) and the ledger as
/// CSV beside the session file, named after it.
pub fn export_beside(
    session_path: &Path,
    session: &crate::model::Session,
    lang: crate::i18n::Lang,
) -> Result<Vec<PathBuf>, String> {
    use crate::export::{docx, ledger, markdown, xlsx};
    let stem = session_path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let at = |suffix: &str| session_path.with_file_name(format!("{stem}.{suffix}"));
    // The folder's own report settings (主送), as `selfcheck export` reads them.
    let options = crate::export::settings::folder_options(session_path).map_err(|e| match e {
        crate::export::settings::SettingsError::Read(e) => crate::i18n::store_error(&e, lang),
        other @ crate::export::settings::SettingsError::Line { .. } => other.to_string(),
    })?;
    let report_md = markdown::render_with(session, &options).into_bytes();
    let told = |e: crate::export::BuildError| {
        crate::export::export_error(&crate::export::ExportError::build(session_path, e), lang)
    };
    let report_docx = docx::render_with(session, &options).map_err(told)?;
    let workbook = xlsx::render(session).map_err(told)?;
    let ledger_csv = ledger::render_csv(session).map_err(told)?.into_bytes();
    let outputs = [
        (at(crate::i18n::EXPORT_FILES.report_md), report_md),
        (at(crate::i18n::EXPORT_FILES.report_docx), report_docx),
        (at(crate::i18n::EXPORT_FILES.workbook), workbook),
        (at(crate::i18n::EXPORT_FILES.ledger_csv), ledger_csv),
    ];
    let mut written = Vec::new();
    for (path, bytes) in outputs {
        crate::store::write_new_file(&path, &bytes)
            .map_err(|e| crate::i18n::store_error(&e, lang))?;
        written.push(path);
    }
    Ok(written)
}

/// The recovery file of a session file.
pub fn recovery_path(session: &Path) -> PathBuf {
    crate::store::sibling(session, ".recovery")
}

/// A recovery copy beside a session opened for editing, if it holds something the file does
/// not: the copy written after a crash (`NAME.json.recovery`), or a journal that did not
/// continue the file and was set aside when it was opened (`NAME.json.journal-STAMP`, applied
/// to the session as it is). One that matches the file, or that cannot be read, is not offered;
/// a matching recovery copy is removed.
pub fn find_recovery(
    doc: &Document,
    session: &crate::model::Session,
    t: &crate::i18n::Texts,
) -> Option<crate::action::Recovery> {
    if doc.is_read_only() {
        return None;
    }
    let offer = |path: PathBuf, copy: crate::model::Session| {
        let differences = crate::app::recovery::differences(session, &copy, t);
        (!differences.is_empty()).then(|| crate::action::Recovery {
            session: copy,
            path,
            differences,
        })
    };
    let path = recovery_path(doc.path());
    if let Ok(copy) = crate::store::load_session(&path) {
        match offer(path.clone(), copy) {
            Some(r) => return Some(r),
            None => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    // Kept away from this folder when it could not take the record on the way out.
    if let Some(p) = super::away::copy_for(doc.path())
        && let Ok(copy) = crate::store::load_session(&p.copy)
    {
        match offer(p.copy.clone(), copy) {
            Some(r) => return Some(r),
            None => crate::store::recovery::remove(&p),
        }
    }
    crate::store::set_aside_journals(doc.path())
        .into_iter()
        .find_map(|(path, journal)| offer(path, journal.apply_to(session).ok()?))
}

/// The picker's rows: every session file in the folder, with who holds it.
pub fn load_picker(dir: Option<&DataDir>, lang: crate::i18n::Lang) -> Vec<PickerEntry> {
    let Some(dir) = dir else { return Vec::new() };
    let Ok(entries) = dir.list() else {
        return Vec::new();
    };
    entries
        .into_iter()
        .map(|e| match e {
            Ok(e) => PickerEntry {
                locked_by: SessionLock::holder(&e.path).map(|h| crate::i18n::lock_holder(&h, lang)),
                unit: e.session.unit.name.clone(),
                title: e.session.meeting.title.clone(),
                date: e
                    .session
                    .meeting
                    .date
                    .map_or_else(|| "----------".into(), |d| d.format("%Y-%m-%d").to_string()),
                template: e.session.template.title.clone(),
                answered: e.progress.answered,
                total: e.progress.total,
                path: e.path,
                error: None,
            },
            Err(err) => {
                PickerEntry::unreadable(err.path().to_owned(), crate::i18n::store_error(&err, lang))
            }
        })
        .collect()
}
