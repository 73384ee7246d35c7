//! A live view of someone else's editing: taking their saved session and where they are.

use super::App;
use super::tally::Tally;
use super::tree::TreeView;
use crate::model::{CheckIndex, Session};

impl App {
    /// A follower takes the editor's newly saved session, staying on the same check (or on the
    /// editor's, when following).
    pub(super) fn on_reloaded(&mut self, session: Session) {
        let Some(w) = &mut self.walk else { return };
        if w.follow.is_none() {
            return;
        }
        let keep = w
            .current_check()
            .and_then(|p| w.check_id(p))
            .map(str::to_owned);
        w.index = CheckIndex::new(&session.template);
        w.tally = Tally::new(&session);
        w.tree = TreeView::new(&session);
        w.session = session;
        if let Some(f) = &mut w.follow {
            f.stale = None;
        }
        let editor_check = w
            .follow
            .as_ref()
            .filter(|f| f.following)
            .and_then(|f| f.editor.as_ref())
            .and_then(|p| p.check.clone());
        if let Some(pos) = editor_check.or(keep).and_then(|id| w.index.position(&id)) {
            w.tree.select_check(&w.session, pos);
        }
    }

    pub(super) fn on_presence(&mut self, presence: Option<crate::store::Presence>, gone: bool) {
        let Some(w) = &mut self.walk else { return };
        let Some(f) = &mut w.follow else { return };
        f.editor_gone = gone || presence.as_ref().is_some_and(|p| p.left);
        let target = presence.as_ref().and_then(|p| p.check.clone());
        let following = f.following;
        f.editor = presence;
        if following && let Some(pos) = target.and_then(|id| w.index.position(&id)) {
            w.tree.select_check(&w.session, pos);
        }
    }
}
