//! The record kept away from its session's folder: when that folder cannot take the save on
//! the way out (a full disk, a folder made read-only, someone else's file in the way), the
//! record, with the text being typed, is written where the user can write (their own data
//! folder, then a private folder in the temporary folder: [`crate::store::recovery`]). The
//! next start says where it is, and opening the session offers it as a recovery copy.

use std::path::Path;

use super::Shared;
use crate::store::{Changed, StoreError, recovery};
use crate::text::sanitize;

/// Saves the record whole on the way out; when the session's folder cannot take it, writes it
/// away and gives the message saying where (or why that failed too). `None` when the record
/// is safe in the file, in its journal, or in a conflict copy beside it.
pub fn save_or_keep_away(shared: &mut Shared) -> Option<String> {
    super::finish_save(shared);
    let Shared { app, saver, .. } = shared;
    let w = app.walk.as_ref()?;
    if w.read_only || !w.save.dirty {
        return None;
    }
    let error = match saver.save_now(&w.session, Changed::Everything) {
        // Saved, or our version written beside the file as a conflict copy.
        Ok(()) | Err(StoreError::Conflict { .. }) => return None,
        Err(e) => e,
    };
    let t = app.t();
    let record = app.record_with_typing()?;
    let bytes = crate::store::session_json(&record).ok()?;
    Some(
        match recovery::write_away(&w.path, &bytes, &recovery::places()) {
            Ok(p) => format!(
                "selfcheck: {}{} ({})",
                t.msg_kept_away,
                shown(&p.copy),
                crate::i18n::store_error(&error, app.lang)
            ),
            Err(e) => format!(
                "selfcheck: {} {}",
                crate::i18n::store_error(&error, app.lang),
                crate::i18n::store_error(&e, app.lang)
            ),
        },
    )
}

/// Records kept away from their sessions' folders, other than the one for `opened` (which is
/// offered as a recovery copy when it is opened): the message naming where they are.
pub fn waiting(opened: Option<&Path>, t: &crate::i18n::Texts) -> Option<String> {
    let opened = opened.and_then(|p| std::fs::canonicalize(p).ok());
    let mut folders: Vec<String> = recovery::pending(&recovery::places())
        .into_iter()
        .filter(|p| opened.is_none() || std::fs::canonicalize(&p.session).ok() != opened)
        .filter_map(|p| p.copy.parent().map(home_short))
        .collect();
    folders.dedup();
    (!folders.is_empty())
        .then(|| format!("{}{}", t.msg_kept_away_waiting, folders.join(t.list_sep)))
}

/// A folder as the user would type it: `~/…` under their home.
fn home_short(dir: &Path) -> String {
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    match home.as_deref().and_then(|h| dir.strip_prefix(h).ok()) {
        Some(rest) => shown(&Path::new("~").join(rest)),
        None => shown(dir),
    }
}

/// The copy kept away for the session at `session`, if there is one (the newest).
pub fn copy_for(session: &Path) -> Option<recovery::Pending> {
    let session = std::fs::canonicalize(session).ok()?;
    recovery::pending(&recovery::places())
        .into_iter()
        .rev()
        .find(|p| std::fs::canonicalize(&p.session).ok().as_ref() == Some(&session))
}

/// Removes a file; a recovery copy kept away goes with the note naming its session.
pub fn remove_with_note(path: &Path) -> std::io::Result<()> {
    std::fs::remove_file(path)?;
    if path.to_string_lossy().ends_with(".recovery.json") {
        let _ = std::fs::remove_file(crate::store::sibling(path, ".from"));
    }
    Ok(())
}

fn shown(p: &Path) -> String {
    sanitize::one_line(&p.display().to_string()).into_owned()
}
