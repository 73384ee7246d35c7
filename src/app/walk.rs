//! The walk-through screen: the tree of checks, the answer beside it, statuses, flags, search
//! and the projector view.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::TextArea;

use super::editor::{edit_one_line, start_editing};
use super::form::FormState;
use super::saving::{mark_changed, save};
use super::tally::Tally;
use super::tree::{Filter, Row, TreeView};
use super::undo::{Change, History};
use super::{App, Focus, Prompt, PromptKind, SaveState, Screen, Walk};
use crate::action::{Action, Command, Effect, OpenedSession};
use crate::i18n::texts;
use crate::model::{CheckIndex, CheckPos, Field};
use crate::text::sanitize;

impl App {
    pub(super) fn on_opened(&mut self, opened: OpenedSession) {
        let OpenedSession {
            session,
            path,
            read_only,
            notice,
        } = opened;
        let tree = TreeView::new(&session);
        let clock_base = session.meeting.elapsed_seconds;
        let walk = Walk {
            index: CheckIndex::new(&session.template),
            tally: Tally::new(&session),
            tree,
            session,
            path,
            read_only,
            focus: Focus::Tree,
            editor: None,
            prompt: None,
            projector: false,
            summary_scroll: 0,
            summary_focus: None,
            follow: None,
            history: History::default(),
            detail_scroll: 0,
            save: SaveState::default(),
            opened_at: self.now,
            clock_base,
        };
        self.walk = Some(walk);
        self.form = None;
        self.screen = Screen::Walk;
        self.quit_armed = false;
        if let Some(n) = notice {
            self.error(n);
        }
    }

    pub(super) fn update_walk(&mut self, action: Action) -> Option<Effect> {
        let t = texts(self.lang);
        let now = self.now;
        let w = self.walk.as_mut()?;

        if w.prompt.is_some() {
            return self.update_prompt(action);
        }
        if w.editor.is_some() {
            return self.update_editing(action);
        }
        let read_only_refusal = |app: &mut App| {
            app.error(t.msg_read_only_refused);
            None
        };
        match action {
            Action::SetStatus(choice) => {
                if w.read_only {
                    return read_only_refusal(self);
                }
                let Some(pos) = w.current_check() else {
                    self.error(t.msg_not_a_check);
                    return None;
                };
                let set = &w.session.template.answer_set;
                let idx = choice.filter(|i| *i < set.len())?;
                let label = set[idx].label_for(self.lang.is_en()).to_owned();
                set_status(w, pos, Some(idx), now);
                self.info(format!("{}{label}", t.msg_status_set));
                // A status is a decision of the room: on disk (and on a follower's screen) at once.
                self.save_if_dirty()
            }
            Action::Cmd(cmd) => self.walk_command(cmd),
            Action::InsertText(text) | Action::Paste(text) => self.typed_outside_editor(text),
            _ => None,
        }
    }

    /// Text typed (or pasted) while no editor is open. With a field selected it starts editing
    /// that field with the text, as a spreadsheet cell does; elsewhere the footer says what to
    /// do and shows what was not recorded, so nothing typed vanishes unseen.
    fn typed_outside_editor(&mut self, text: String) -> Option<Effect> {
        let t = texts(self.lang);
        let w = self.walk.as_mut()?;
        let shown = crate::text::wrap::truncate(&sanitize::one_line(&text), 20);
        if w.read_only {
            self.error(t.msg_read_only_refused);
            return None;
        }
        let hint = match (w.tree.current(), w.focus) {
            _ if w.projector => t.hint_type_in_projector,
            (Some(Row::Check(pos)), Focus::Field(f)) => {
                start_editing(w, pos, f);
                return self.update_editing(Action::InsertText(text));
            }
            (Some(Row::Check(_)), Focus::Rectification) => t.hint_type_in_rectification,
            (Some(Row::Check(_)), Focus::Tree) => t.hint_type_in_tree,
            _ => t.hint_type_on_heading,
        };
        self.error(format!(
            "{}{}{shown}{}{}{hint}",
            t.msg_not_recorded, t.open, t.close, t.colon
        ));
        None
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one arm per command keeps dispatch in one place"
    )]
    pub(super) fn walk_command(&mut self, cmd: Command) -> Option<Effect> {
        let t = texts(self.lang);
        let now = self.now;
        let w = self.walk.as_mut()?;
        let before = w.current_check();
        let modifying = matches!(
            cmd,
            Command::ClearStatus | Command::ToggleFlag | Command::Edit
        );
        if modifying && w.read_only {
            self.error(t.msg_read_only_refused);
            return None;
        }
        let on_tree = w.focus == Focus::Tree || w.projector;
        match cmd {
            Command::MoveUp if on_tree => w.tree.move_by(-1),
            Command::MoveDown if on_tree => w.tree.move_by(1),
            Command::PrevCheck => step_check(w, -1),
            Command::NextCheck => step_check(w, 1),
            Command::First => w.tree.select_first(),
            Command::Last => w.tree.select_last(),
            Command::Collapse => w.tree.collapse(&w.session),
            Command::Expand if !w.tree.expand(&w.session) => {
                w.focus = Focus::Field(Field::Evidence);
            }
            Command::FocusNext | Command::MoveDown => {
                w.focus = match w.focus {
                    Focus::Tree if w.current_check().is_some() => Focus::Field(Field::ALL[0]),
                    Focus::Field(f) => next_field(f, 1).map_or(Focus::Rectification, Focus::Field),
                    Focus::Tree | Focus::Rectification => Focus::Tree,
                };
            }
            Command::FocusPrev | Command::MoveUp => {
                w.focus = match w.focus {
                    Focus::Tree if w.current_check().is_some() => Focus::Rectification,
                    Focus::Tree => Focus::Tree,
                    Focus::Field(f) => next_field(f, -1).map_or(Focus::Tree, Focus::Field),
                    Focus::Rectification => Focus::Field(Field::ALL[Field::ALL.len() - 1]),
                };
            }
            Command::FocusTree => w.focus = Focus::Tree,
            Command::Edit => {
                w.projector = false;
                match (w.tree.current(), w.focus) {
                    (Some(Row::Check(pos)), Focus::Field(f)) => start_editing(w, pos, f),
                    (Some(Row::Check(pos)), Focus::Rectification) => {
                        cycle_rectification(w, pos, now);
                        return self.save_if_dirty();
                    }
                    (Some(Row::Check(pos)), Focus::Tree) => {
                        w.focus = Focus::Field(Field::Evidence);
                        start_editing(w, pos, Field::Evidence);
                    }
                    (Some(_), _) => w.tree.toggle(&w.session),
                    (None, _) => {}
                }
            }
            Command::ClearStatus => {
                let Some(pos) = w.current_check() else {
                    self.error(t.msg_not_a_check);
                    return None;
                };
                set_status(w, pos, None, now);
                self.info(format!("{}{}", t.msg_status_set, t.not_checked));
                return self.save_if_dirty();
            }
            Command::ToggleFlag => {
                let Some(pos) = w.current_check() else {
                    self.error(t.msg_not_a_check);
                    return None;
                };
                let id = w.check_id(pos).unwrap_or_default().to_owned();
                if let Ok(on) = w.session.toggle_flag(&id, now) {
                    mark_changed(w, now, Some(&id));
                    w.history.record(Change::Flag {
                        check: id,
                        after: on,
                    });
                    self.info(if on { t.msg_flag_on } else { t.msg_flag_off });
                    return self.save_if_dirty();
                }
            }
            Command::NextUnanswered | Command::PrevUnanswered => {
                let forward = cmd == Command::NextUnanswered;
                match find_unanswered(w, forward) {
                    Some(pos) => w.tree.select_check(&w.session, pos),
                    None => self.info(t.msg_no_unanswered),
                }
            }
            Command::StartSearch => {
                let mut input = TextArea::default();
                if let Filter::Search(q) = &w.tree.filter {
                    input.insert_str(q);
                }
                w.prompt = Some(Prompt {
                    kind: PromptKind::Search,
                    input,
                });
            }
            Command::SaveAs => {
                if w.read_only {
                    self.error(t.msg_read_only_refused);
                    return None;
                }
                let stem = w
                    .path
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                let suggestion = w
                    .path
                    .with_file_name(format!("{stem}-{}.json", t.save_as_suffix));
                let mut input = TextArea::default();
                input.insert_str(suggestion.display().to_string());
                w.prompt = Some(Prompt {
                    kind: PromptKind::SaveAs,
                    input,
                });
            }
            Command::CycleFilter => {
                let next = match w.tree.filter {
                    Filter::All | Filter::Search(_) => Filter::Unanswered,
                    Filter::Unanswered => Filter::Flagged,
                    // A record made from an earlier one also shows what is left from it.
                    Filter::Flagged if w.session.previous.is_some() => Filter::FollowUp,
                    Filter::Flagged | Filter::FollowUp => Filter::All,
                };
                w.tree.set_filter(&w.session, next);
            }
            Command::ClearFilter => {
                if w.projector {
                    w.projector = false;
                } else if w.tree.filter != Filter::All {
                    w.tree.set_filter(&w.session, Filter::All);
                }
            }
            Command::Projector => {
                w.projector = !w.projector;
                if w.projector && w.current_check().is_none() {
                    step_check(w, 1);
                }
            }
            Command::Summary => {
                w.summary_scroll = 0;
                self.screen = Screen::Summary;
            }
            Command::ToggleFollow => {
                let Some(f) = &mut w.follow else {
                    self.error(t.msg_not_following);
                    return None;
                };
                f.following = !f.following;
                let target = f
                    .editor
                    .as_ref()
                    .filter(|_| f.following)
                    .and_then(|p| p.check.clone());
                let on = f.following;
                let screen = f.editor.as_ref().and_then(|p| p.screen);
                if let Some(pos) = target.and_then(|id| w.index.position(&id)) {
                    w.tree.select_check(&w.session, pos);
                }
                if on {
                    self.mirror_screen(screen);
                }
                self.info(if on {
                    t.msg_follow_on
                } else {
                    t.msg_follow_off
                });
            }
            Command::MeetingDetails => {
                // A record that cannot be changed here shows its details to look at.
                self.form = Some(if w.read_only {
                    FormState::view(&w.session)
                } else {
                    FormState::edit(&w.session)
                });
                self.screen = Screen::Form;
            }
            Command::Save => {
                if w.read_only {
                    self.info(t.not_saved_read_only);
                    return None;
                }
                return Some(save(w, false));
            }
            Command::Undo => return self.undo_change(true),
            Command::Redo => return self.undo_change(false),
            Command::ScrollDown => {
                let step = self.pane_page();
                if let Some(w) = &mut self.walk {
                    w.detail_scroll += step;
                }
            }
            Command::ScrollUp => {
                let step = self.pane_page();
                if let Some(w) = &mut self.walk {
                    w.detail_scroll = w.detail_scroll.saturating_sub(step);
                }
            }
            Command::GoTo => {
                w.prompt = Some(Prompt {
                    kind: PromptKind::GoTo,
                    input: TextArea::default(),
                });
            }
            _ => {}
        }
        let w = self.walk.as_mut()?;
        if w.current_check() != before && w.current_check().is_some() {
            // A new check starts in the checklist pane (Enter opens its 做法及成效), and what
            // changed is saved.
            w.focus = Focus::Tree;
            return self.save_if_dirty();
        }
        None
    }

    /// How far a page key scrolls the right pane: its height less two lines of context.
    fn pane_page(&self) -> usize {
        super::pane::pane_extent(self).map_or(1, |(_, rows)| rows.saturating_sub(2).max(1))
    }

    pub(super) fn update_prompt(&mut self, action: Action) -> Option<Effect> {
        let w = self.walk.as_mut()?;
        let prompt = w.prompt.as_mut()?;
        let ta = &mut prompt.input;
        match action {
            Action::Cmd(Command::SearchCancel) => w.prompt = None,
            Action::Cmd(Command::SearchSubmit) if prompt.kind == PromptKind::SaveAs => {
                let path = ta.lines().join("").trim().to_owned();
                w.prompt = None;
                if path.is_empty() {
                    return None;
                }
                return Some(Effect::SaveAs(PathBuf::from(path)));
            }
            Action::Cmd(Command::SearchSubmit) if prompt.kind == PromptKind::GoTo => {
                let typed = ta.lines().join("");
                w.prompt = None;
                let t = texts(self.lang);
                match w.session.template.find_display_number(&typed) {
                    Some(pos) => {
                        w.tree.select_check(&w.session, pos);
                        w.focus = Focus::Tree;
                        return self.save_if_dirty();
                    }
                    None if typed.trim().is_empty() => {}
                    None => self.error(format!("{}{}", t.msg_no_such_number, typed.trim())),
                }
            }
            Action::Cmd(Command::SearchSubmit) => {
                let query = ta.lines().join(" ").trim().to_owned();
                w.prompt = None;
                let filter = if query.is_empty() {
                    Filter::All
                } else {
                    Filter::Search(query)
                };
                w.tree.set_filter(&w.session, filter);
                let n = w.tree.shown_checks;
                if w.tree.filter != Filter::All {
                    let t = texts(self.lang);
                    if n == 0 {
                        self.error(t.no_matches);
                    } else {
                        self.info(format!("{n} {}", t.matches));
                    }
                }
            }
            Action::Input(input) => {
                edit_one_line(ta, input);
            }
            Action::InsertText(s) | Action::Paste(s) => {
                ta.insert_str(sanitize::clean_input(&s).replace('\n', " "));
            }
            _ => {}
        }
        None
    }
}

/// Sets a check's status as the room decided it, remembered for undo.
pub(super) fn set_status(
    w: &mut Walk,
    pos: CheckPos,
    idx: Option<usize>,
    now: DateTime<FixedOffset>,
) {
    let Some(id) = w.check_id(pos).map(str::to_owned) else {
        return;
    };
    let before = w.session.status(&id).map(str::to_owned);
    apply_status(w, pos, idx, now);
    let after = w.session.status(&id).map(str::to_owned);
    if before != after {
        w.history.record(Change::Status {
            check: id,
            before,
            after,
        });
    }
}

/// Puts a status into the session and the tally (no undo record: undo itself uses this).
pub(super) fn apply_status(
    w: &mut Walk,
    pos: CheckPos,
    idx: Option<usize>,
    now: DateTime<FixedOffset>,
) {
    let Some(id) = w.check_id(pos).map(str::to_owned) else {
        return;
    };
    let old = w.status_index(pos);
    let new_id = idx
        .and_then(|i| w.session.template.answer_set.get(i))
        .map(|a| a.id.clone());
    if let Ok(true) = w.session.set_status(&id, new_id.as_deref(), now) {
        w.tally.apply(pos, old, idx);
        mark_changed(w, now, Some(&id));
    }
}

/// 整改进展 goes: not set, 未开始, 整改中, 已完成 (closed today), not set.
pub(super) fn cycle_rectification(w: &mut Walk, pos: CheckPos, now: DateTime<FixedOffset>) {
    use crate::model::session::RectificationState as R;
    let Some(id) = w.check_id(pos).map(str::to_owned) else {
        return;
    };
    let current = w
        .session
        .answer(&id)
        .and_then(|a| a.rectification.as_ref())
        .map(|r| r.state);
    let next = match current {
        None => Some(R::NotStarted),
        Some(R::NotStarted) => Some(R::InProgress),
        Some(R::InProgress) => Some(R::Done),
        Some(R::Done) => None,
    };
    let extra = w
        .session
        .answer(&id)
        .and_then(|a| a.rectification.as_ref())
        .map(|r| r.extra.clone())
        .unwrap_or_default();
    let value = next.map(|state| crate::model::Rectification {
        state,
        closed_on: (state == R::Done).then(|| now.date_naive()),
        extra,
    });
    let before = w.session.answer(&id).and_then(|a| a.rectification.clone());
    if w.session.set_rectification(&id, value.clone(), now).is_ok() {
        mark_changed(w, now, Some(&id));
        w.history.record(Change::Rectification {
            check: id,
            before,
            after: value,
        });
    }
}

pub(super) fn next_field(f: Field, delta: isize) -> Option<Field> {
    let i = Field::ALL.iter().position(|x| *x == f)?;
    let j = i.checked_add_signed(delta)?;
    Field::ALL.get(j).copied()
}

/// Moves to the next or previous check in reading order, whatever the tree shows.
pub(super) fn step_check(w: &mut Walk, delta: isize) {
    let order = w.index.order();
    if order.is_empty() {
        return;
    }
    let target = if let Some(pos) = w.current_check() {
        let i = order.binary_search(&pos).unwrap_or(0);
        i.checked_add_signed(delta).filter(|j| *j < order.len())
    } else {
        // On a heading: the first check after it.
        let row = w.tree.current();
        let (s, i) = match row {
            Some(Row::Section(s)) => (s, 0),
            Some(Row::Item(s, i)) => (s, i),
            _ => (0, 0),
        };
        order.iter().position(|p| (p.section, p.item) >= (s, i))
    };
    if let Some(j) = target {
        w.tree.select_check(&w.session, order[j]);
    }
}

pub(super) fn find_unanswered(w: &Walk, forward: bool) -> Option<CheckPos> {
    let order = w.index.order();
    let n = order.len();
    if n == 0 {
        return None;
    }
    let start = w.current_check().and_then(|p| order.binary_search(&p).ok());
    let unanswered = |p: &CheckPos| {
        w.check_id(*p)
            .is_some_and(|id| w.session.status(id).is_none())
    };
    (1..=n)
        .map(|k| match (start, forward) {
            (Some(s), true) => (s + k) % n,
            (Some(s), false) => (s + n - k % n) % n,
            (None, true) => k - 1,
            (None, false) => n - k,
        })
        .map(|i| order[i])
        .find(unanswered)
}
