//! Scrolling kept right after every change: the right pane (or the projector's page) starts
//! at the top of another check, follows the selected field and, in a live view, the text being
//! typed; the help and the summary never scroll past their end; the tree keeps its selection
//! in view.

use super::{App, Command, Conclusion, Focus, Screen, layout, pane, tree};

/// What the right pane shows and where the keyboard is: (tree row, focus, editing, projector).
pub(super) type PaneView = Option<(Option<tree::Row>, Focus, bool, bool)>;

/// Whether the summary is shown, and which closing text is selected on it.
pub(super) type SummaryView = (bool, Option<Conclusion>);

impl App {
    /// The check (tree row) shown in the right pane and where the keyboard is in it.
    pub(super) fn pane_view(&self) -> PaneView {
        self.walk
            .as_ref()
            .map(|w| (w.tree.current(), w.focus, w.editor.is_some(), w.projector))
    }

    pub(super) fn summary_view(&self) -> SummaryView {
        (
            self.screen == Screen::Summary,
            self.walk.as_ref().and_then(|w| w.summary_focus),
        )
    }

    /// A closing text newly selected on the summary (or the summary shown with one selected)
    /// is scrolled into view; from there Up and Down scroll the summary as they do without one.
    pub(super) fn settle_summary_focus(&mut self, before: SummaryView) {
        let now = self.summary_view();
        if !now.0 || now.1.is_none() || now == before {
            return;
        }
        let Some(off) = pane::summary_focus_offset(self) else {
            return;
        };
        let max =
            pane::summary_extent(self).map_or(off, |(total, rows)| pane::max_scroll(total, rows));
        if let Some(w) = &mut self.walk {
            w.summary_scroll = off.min(max);
        }
    }

    /// The right pane's offset that shows the selected field (or 整改进展), when one is
    /// selected and no editor is open.
    fn field_in_view(&self) -> Option<usize> {
        let w = self.walk.as_ref()?;
        if w.projector || w.editor.is_some() || w.focus == Focus::Tree {
            return None;
        }
        let tree::Row::Check(pos) = w.tree.current()? else {
            return None;
        };
        let inner = layout::detail_inner(self.size);
        let rows = usize::from(inner.height);
        let dt = pane::detail_text(
            self,
            w,
            pos,
            usize::from(inner.width),
            rows,
            &pane::Paint::default(),
        );
        let (start, len) = pane::focused_span(w, &dt)?;
        Some(pane::keep_in_view(w.detail_scroll, start, len, rows))
    }

    /// After a change: another check (or heading) starts at the top of its text; a newly
    /// selected field is scrolled into view; every offset stays inside its text.
    pub(super) fn settle_scroll(&mut self, before: PaneView) {
        if let Some(off) = self.help {
            let max = pane::max_scroll(
                pane::help_total(self.lang, self.size),
                pane::help_rows(self.size),
            );
            self.help = Some(off.min(max));
        }
        let after = self.pane_view();
        let Some(w) = &mut self.walk else { return };
        if before.map(|b| b.0) != after.map(|a| a.0) {
            w.detail_scroll = 0;
        }
        let focus_moved = before.map(|b| (b.1, b.2, b.3)) != after.map(|a| (a.1, a.2, a.3));
        if focus_moved
            && let Some(off) = self.field_in_view()
            && let Some(w) = &mut self.walk
        {
            w.detail_scroll = off;
        }
        if before != after
            && let Some(f) = self.walk.as_mut().and_then(|w| w.follow.as_mut())
        {
            // Another check or view: the editor's field is found again.
            f.reveal = true;
        }
        self.reveal_editor_field();
        if let Some((total, rows)) = pane::pane_extent(self)
            && let Some(w) = &mut self.walk
        {
            w.detail_scroll = w.detail_scroll.min(pane::max_scroll(total, rows));
        }
        if self.screen == Screen::Summary
            && let Some((total, rows)) = pane::summary_extent(self)
            && let Some(w) = &mut self.walk
        {
            w.summary_scroll = w.summary_scroll.min(pane::max_scroll(total, rows));
        }
    }

    /// A live view scrolls to the field its editor is on, showing the end of a long one (where
    /// the typing is).
    fn reveal_editor_field(&mut self) {
        let Some(f) = self.walk.as_mut().and_then(|w| w.follow.as_mut()) else {
            return;
        };
        if !std::mem::take(&mut f.reveal) || !f.following {
            return;
        }
        if let Some((start, len, rows)) = pane::editor_field_span(self)
            && let Some(w) = &mut self.walk
        {
            w.detail_scroll = if len > rows {
                start + len - rows
            } else {
                pane::keep_in_view(w.detail_scroll, start, len, rows)
            };
        }
    }

    /// Scrolls the help screen; `update` keeps the offset inside the text afterwards, so a
    /// page key at the end never scrolls into nothing (and `PgUp` then answers at once).
    pub(super) fn scroll_help(&mut self, cmd: Command) {
        let rows = pane::help_rows(self.size).max(1);
        let page = rows.saturating_sub(2).max(1);
        let max = pane::max_scroll(pane::help_total(self.lang, self.size), rows);
        if let Some(off) = &mut self.help {
            *off = match cmd {
                Command::MoveUp => off.saturating_sub(1),
                Command::MoveDown => *off + 1,
                Command::PageUp => off.saturating_sub(page),
                Command::PageDown => *off + page,
                Command::First => 0,
                Command::Last => max,
                _ => *off,
            }
            .min(max);
        }
    }

    pub(super) fn keep_tree_in_view(&mut self) {
        let rows = layout::tree_rows(self.size);
        if let Some(w) = &mut self.walk {
            w.tree.scroll_into_view(rows);
        }
    }
}
