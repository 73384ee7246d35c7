//! A live view of someone else's editing, both ends: the editor publishes where it is beside
//! the session, and a follower watches the session, its journal and that note.

use std::path::PathBuf;

use super::{Shared, dispatch, now};
use crate::action::Action;

/// File versions a follower has already taken in.
#[derive(Debug, Default)]
pub(super) struct Watched {
    session: Option<crate::store::Stamp>,
    /// The journal beside a large session, which holds its newest changes.
    journal: Option<crate::store::Stamp>,
    presence: Option<crate::store::Stamp>,
    gone: bool,
}

/// A thread that writes the newest presence note it is handed, skipping ones overtaken while it
/// was busy.
pub(super) struct PresenceWriter {
    jobs: std::sync::mpsc::Sender<(PathBuf, crate::store::Presence)>,
    thread: std::thread::JoinHandle<()>,
}

impl PresenceWriter {
    fn start() -> Self {
        let (jobs, rx) = std::sync::mpsc::channel::<(PathBuf, crate::store::Presence)>();
        let thread = std::thread::spawn(move || {
            while let Ok(mut job) = rx.recv() {
                while let Ok(newer) = rx.try_recv() {
                    job = newer;
                }
                // Presence is a courtesy to followers: failing to write it never disturbs the
                // editor.
                let _ = crate::store::write_presence(&job.0, &job.1);
            }
        });
        Self { jobs, thread }
    }

    /// Hands over the last note and waits until it is written.
    fn finish(self, last: (PathBuf, crate::store::Presence)) {
        let _ = self.jobs.send(last);
        drop(self.jobs);
        let _ = self.thread.join();
    }
}

/// The editor tells followers where it is: the selected check, the field being typed into and
/// its text so far, the screen shown, and the meeting clock; written beside the session
/// whenever one of the first four changes (and once more, `left`, on the way out). The draft
/// travels in this note, not in the session file, so the file is saved no more often for it.
pub fn publish_presence(shared: &mut Shared, leaving: bool) {
    let (Some(whereabouts), Some(w)) = (shared.app.whereabouts(), &shared.app.walk) else {
        return;
    };
    // The note goes beside the file being edited (the session's own, or where it was saved
    // instead): a new file gets one even if nothing else changed.
    let published = (w.path.clone(), whereabouts);
    if !leaving && shared.published.as_ref() == Some(&published) {
        return;
    }
    let whereabouts = &published.1;
    let at = now();
    let crate::app::follow::Whereabouts {
        check,
        field,
        screen,
        draft,
        meeting,
    } = whereabouts.clone();
    let presence = crate::store::Presence {
        user: crate::store::current_user(),
        host: crate::store::host_name(),
        pid: std::process::id(),
        check,
        field,
        at: at.to_rfc3339(),
        left: leaving,
        screen,
        clock_zero: Some(w.clock_zero().to_rfc3339()),
        // A program on its way out leaves no unsaved text behind it.
        draft: draft.filter(|_| !leaving),
        meeting: meeting.filter(|_| !leaving),
    };
    let job = (w.path.clone(), presence);
    shared.published = Some(published);
    if leaving {
        match shared.presence_writer.take() {
            Some(writer) => writer.finish(job),
            None => {
                let _ = crate::store::write_presence(&job.0, &job.1);
            }
        }
        return;
    }
    let writer = shared
        .presence_writer
        .get_or_insert_with(PresenceWriter::start);
    let _ = writer.jobs.send(job);
}

/// A follower looks for a newer session file and a moved editor: two `stat` calls, and a read
/// only when something changed. Returns true when the screen needs drawing.
pub fn poll_followed(shared: &mut Shared) -> bool {
    let Some(path) = shared
        .app
        .walk
        .as_ref()
        .filter(|w| w.follow.is_some())
        .map(|w| w.path.clone())
    else {
        return false;
    };
    let mut changed = false;
    let now_session = crate::store::stamp(&path);
    let now_journal = crate::store::stamp(&crate::store::journal_path(&path));
    if now_session.is_some()
        && (now_session != shared.watched.session || now_journal != shared.watched.journal)
    {
        shared.watched.session = now_session;
        shared.watched.journal = now_journal;
        let action = match crate::store::load_session(&path) {
            Ok(s) => Action::Reloaded(Box::new(s)),
            Err(e) => Action::ReloadFailed(crate::i18n::store_error(&e, shared.app.lang)),
        };
        dispatch(shared, action);
        changed = true;
    }
    let presence_path = crate::store::presence_path(&path);
    let now_presence = crate::store::stamp(&presence_path);
    let presence = if now_presence == shared.watched.presence {
        None
    } else {
        shared.watched.presence = now_presence;
        Some(crate::store::read_presence(&path))
    };
    let known = presence
        .clone()
        .flatten()
        .or_else(|| shared.app.walk.as_ref()?.follow.as_ref()?.editor.clone());
    let host = crate::store::host_name();
    let gone = known
        .as_ref()
        .is_some_and(|p| p.left || crate::store::editor_alive(p, &host) == Some(false));
    if presence.is_some() || gone != shared.watched.gone {
        shared.watched.gone = gone;
        dispatch(
            shared,
            Action::EditorPresence {
                presence: known.map(Box::new),
                gone,
            },
        );
        changed = true;
    }
    changed
}
