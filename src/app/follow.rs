//! A live view of someone else's editing: taking their saved session, where they are, the
//! screen they show, and the text they are typing (shown as such, never as the record). And the
//! other end: what an editor tells its followers.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use super::editor::EditTarget;
use super::form::{FormPurpose, FormRow, FormState};
use super::summary::Conclusion;
use super::tally::Tally;
use super::tree::TreeView;
use super::{App, Focus, Screen, Walk};
use crate::model::{CheckIndex, Session};
use crate::store::{Draft, EditorScreen, Presence};

/// How long a follower keeps showing a draft the editor stopped publishing (the field was left)
/// while the saved text has not caught up with it: a save lands a moment after the note.
pub const DRAFT_HOLD_MS: i64 = 3_000;

/// What an editor tells followers besides who it is and its clock: the selected check, the
/// field being typed into, the screen, and the text typed so far.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Whereabouts {
    pub check: Option<String>,
    pub field: Option<String>,
    pub screen: Option<EditorScreen>,
    pub draft: Option<Draft>,
    /// Meeting details typed into the form and not saved yet, by row name.
    pub meeting: Option<BTreeMap<String, String>>,
}

impl App {
    /// What to publish for followers, when this is an editable session.
    pub fn whereabouts(&self) -> Option<Whereabouts> {
        let w = self.walk.as_ref()?;
        if w.read_only || w.follow.is_some() {
            return None;
        }
        let check = w
            .current_check()
            .and_then(|p| w.check_id(p))
            .map(str::to_owned);
        let screen = match self.screen {
            Screen::Summary => Some(EditorScreen::Summary),
            Screen::Form => Some(EditorScreen::Meeting),
            Screen::Walk | Screen::Picker => None,
        };
        let (field, draft) = match &w.editor {
            Some(ed) => {
                let text = ed.area.lines().join("\n");
                let (draft_check, key) = match ed.target {
                    EditTarget::Answer { check, field } => {
                        (w.check_id(check).map(str::to_owned), field.key())
                    }
                    EditTarget::Conclusion(part) => (None, part.key()),
                };
                let field = ed.answer_field().map(|(_, f)| f.key().to_owned());
                let draft = (text.len() <= crate::store::DRAFT_CAP).then(|| Draft {
                    check: draft_check,
                    field: key.to_owned(),
                    text,
                });
                (field, draft)
            }
            // A field only selected tells followers where the editor is looking.
            None => match w.focus {
                Focus::Field(f) => (Some(f.key().to_owned()), None),
                Focus::Tree | Focus::Rectification => (None, None),
            },
        };
        let form = self
            .form
            .as_ref()
            .filter(|f| self.screen == Screen::Form && f.purpose == FormPurpose::Edit);
        let meeting = form
            .and_then(FormState::typed)
            .filter(|m| m.values().map(String::len).sum::<usize>() <= crate::store::DRAFT_CAP);
        // On the meeting details, the row the editor is on; on the summary, the closing text.
        let field = match (form, self.screen) {
            (Some(f), _) => Some(f.focused_row().key().to_owned()),
            (None, Screen::Summary) => w.summary_focus.map(|c| c.key().to_owned()),
            (None, _) => field,
        };
        Some(Whereabouts {
            check,
            field,
            screen,
            draft,
            meeting,
        })
    }

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
        if self.screen == Screen::Form
            && let Some(form) = &mut self.form
        {
            let typed = w.follow.as_ref().and_then(|f| f.meeting_draft.as_ref());
            *form = FormState::view_with(&w.session, typed);
        }
        let now = self.now;
        if let Some(f) = &mut w.follow {
            f.stale = None;
        }
        settle_draft(w, now);
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

    pub(super) fn on_presence(&mut self, presence: Option<Presence>, gone: bool) {
        let now = self.now;
        let Some(w) = &mut self.walk else { return };
        let Some(f) = &mut w.follow else { return };
        f.editor_gone = gone || presence.as_ref().is_some_and(|p| p.left);
        let target = presence.as_ref().and_then(|p| p.check.clone());
        let screen = presence.as_ref().and_then(|p| p.screen);
        let published = presence.as_ref().and_then(|p| p.draft.clone());
        let meeting_before = f.meeting_draft.take();
        f.meeting_draft = presence
            .as_ref()
            .and_then(|p| p.meeting.clone())
            .filter(|_| !f.editor_gone);
        let meeting_changed = meeting_before != f.meeting_draft;
        if f.editor_gone {
            // Text that was never saved is not shown once its writer is gone.
            f.draft = None;
            f.draft_ended = None;
        } else if let Some(d) = published {
            f.reveal |= f.draft.as_ref() != Some(&d);
            f.draft = Some(d);
            f.draft_ended = None;
        } else if f.draft.is_some() && f.draft_ended.is_none() {
            f.draft_ended = Some(now);
        }
        let following = f.following;
        let editor_row = presence.as_ref().and_then(|p| p.field.clone());
        let screen_changed = f.editor.as_ref().map(|p| p.screen) != Some(screen);
        // The editor moved to another field (or check): the projector goes there too.
        let moved = |p: Option<&Presence>| p.map(|p| (p.check.clone(), p.field.clone()));
        f.reveal |= moved(f.editor.as_ref()) != moved(presence.as_ref());
        // On the summary, the closing text the editor selected or types into.
        let summary_part = f
            .draft
            .as_ref()
            .filter(|d| d.check.is_none())
            .map(|d| d.field.as_str())
            .or(editor_row
                .as_deref()
                .filter(|_| screen == Some(EditorScreen::Summary)))
            .and_then(Conclusion::from_key);
        f.editor = presence;
        settle_draft(w, now);
        if !following {
            return;
        }
        if let Some(pos) = target.and_then(|id| w.index.position(&id)) {
            w.tree.select_check(&w.session, pos);
        }
        if screen == Some(EditorScreen::Summary) {
            w.summary_focus = summary_part;
        }
        if screen_changed && self.help.is_none() {
            self.mirror_screen(screen);
        } else if meeting_changed
            && self.screen == Screen::Form
            && let (Some(w), Some(form)) = (&self.walk, &mut self.form)
            && form.purpose == FormPurpose::View
        {
            let typed = w.follow.as_ref().and_then(|f| f.meeting_draft.as_ref());
            *form = FormState::view_with(&w.session, typed);
        }
        // On the meeting details, the follower's selection is the editor's row.
        if self.screen == Screen::Form
            && let (Some(form), Some(row)) = (&mut self.form, &editor_row)
            && form.purpose == FormPurpose::View
            && let Some(i) = FormRow::ALL.iter().position(|r| r.key() == row)
        {
            form.focus = i;
        }
    }

    /// A follower shows the screen its editor shows: the walk-through (as a projector page),
    /// the summary, or the meeting details (to look at only).
    pub(super) fn mirror_screen(&mut self, screen: Option<EditorScreen>) {
        let Some(w) = &mut self.walk else { return };
        match screen {
            Some(EditorScreen::Summary) => {
                self.form = None;
                self.screen = Screen::Summary;
                w.summary_scroll = 0;
            }
            Some(EditorScreen::Meeting) => {
                let typed = w.follow.as_ref().and_then(|f| f.meeting_draft.as_ref());
                self.form = Some(FormState::view_with(&w.session, typed));
                self.screen = Screen::Form;
            }
            Some(EditorScreen::Other) | None => {
                self.form = None;
                self.screen = Screen::Walk;
            }
        }
    }

    /// A follower's clock: a draft the editor stopped publishing is let go once the record holds
    /// its text or it has been held long enough.
    pub(super) fn follow_tick(&mut self) {
        let now = self.now;
        if let Some(w) = &mut self.walk {
            settle_draft(w, now);
        }
    }
}

/// Lets go of a draft no longer published once the saved text has caught up with it (or after
/// [`DRAFT_HOLD_MS`]).
fn settle_draft(w: &mut Walk, now: DateTime<FixedOffset>) {
    let Some(f) = &w.follow else { return };
    let (Some(draft), Some(ended)) = (&f.draft, f.draft_ended) else {
        return;
    };
    let saved = saved_text(&w.session, draft);
    let caught_up = saved.as_deref() == Some(draft.text.as_str());
    if (caught_up || (now - ended).num_milliseconds() >= DRAFT_HOLD_MS)
        && let Some(f) = &mut w.follow
    {
        f.draft = None;
        f.draft_ended = None;
    }
}

/// The record's text for the place a draft belongs to.
fn saved_text(session: &Session, draft: &Draft) -> Option<String> {
    match &draft.check {
        Some(id) => {
            let field = crate::model::Field::ALL
                .into_iter()
                .find(|f| f.key() == draft.field)?;
            Some(session.answer(id).map(|a| field.get(a)).unwrap_or_default())
        }
        None => Conclusion::from_key(&draft.field).map(|c| c.get(&session.conclusions).to_owned()),
    }
}

impl Walk {
    /// In a live view, the text the editor is typing into this answer field, while it differs
    /// from the saved text (once saved, it is shown as saved).
    pub fn draft_for(&self, check_id: &str, field: crate::model::Field) -> Option<&str> {
        let d = self.live_draft()?;
        (d.check.as_deref() == Some(check_id) && d.field == field.key()).then_some(d.text.as_str())
    }

    /// In a live view, the text the editor is typing into a closing text, while it differs
    /// from the saved text.
    pub fn conclusion_draft(&self, part: Conclusion) -> Option<&str> {
        let d = self.live_draft()?;
        (d.check.is_none() && d.field == part.key()).then_some(d.text.as_str())
    }

    /// The editor's draft, while they are there and it is not what the record holds.
    fn live_draft(&self) -> Option<&Draft> {
        let f = self.follow.as_ref()?;
        let d = f.draft.as_ref()?;
        let unsaved = saved_text(&self.session, d).as_deref() != Some(d.text.as_str());
        (!f.editor_gone && unsaved).then_some(d)
    }
}
