//! The checklist as the left pane shows it: the visible rows (sections, items, checks) after
//! collapsing and filtering, the selection and the scroll offset. Rows are rebuilt only when
//! what is visible changes; moving the selection is constant work.

use std::collections::HashSet;

use crate::model::{CheckPos, Field, Session};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Section(usize),
    Item(usize, usize),
    Check(CheckPos),
}

impl Row {
    pub fn section(self) -> usize {
        match self {
            Row::Section(s) | Row::Item(s, _) => s,
            Row::Check(p) => p.section,
        }
    }
    pub fn depth(self) -> usize {
        match self {
            Row::Section(_) => 0,
            Row::Item(..) => 1,
            Row::Check(_) => 2,
        }
    }
}

/// Which checks the tree shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    Unanswered,
    Flagged,
    /// 上次遗留: checks found short at the previous meeting or with a carried-over measure still
    /// open, the ones to follow up first.
    FollowUp,
    /// Checks whose text, requirements or answer contain the query (case-insensitive).
    Search(String),
}

#[derive(Debug, Clone, Default)]
pub struct TreeView {
    rows: Vec<Row>,
    pub selected: usize,
    pub offset: usize,
    collapsed_sections: HashSet<usize>,
    collapsed_items: HashSet<(usize, usize)>,
    pub filter: Filter,
    /// Checks shown under the current filter.
    pub shown_checks: usize,
}

fn check_matches(session: &Session, pos: CheckPos, filter: &Filter, needle: &str) -> bool {
    let t = &session.template;
    let Some(check) = t.check_at(pos) else {
        return false;
    };
    let answer = session.answer(&check.id);
    match filter {
        Filter::All => true,
        Filter::Unanswered => answer.and_then(|a| a.status.as_ref()).is_none(),
        Filter::Flagged => answer.is_some_and(|a| a.flagged),
        Filter::FollowUp => answer.is_some_and(|a| {
            crate::model::carryover::is_shortfall(
                a.previous.as_ref().and_then(|p| p.status.as_deref()),
            ) || a
                .carried_over
                .iter()
                .any(crate::model::carryover::CarriedMeasure::is_open)
        }),
        Filter::Search(_) => {
            let has = |s: &str| s.to_lowercase().contains(needle);
            has(&check.text)
                || check.addressee.as_deref().is_some_and(has)
                || t.item_at(pos)
                    .is_some_and(|i| i.requirements.iter().any(|r| has(r)))
                || answer.is_some_and(|a| Field::ALL.iter().any(|f| has(&f.get(a))))
        }
    }
}

impl TreeView {
    pub fn new(session: &Session) -> Self {
        let mut t = TreeView::default();
        t.rebuild(session);
        t
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn current(&self) -> Option<Row> {
        self.rows.get(self.selected).copied()
    }

    pub fn current_check(&self) -> Option<CheckPos> {
        match self.current()? {
            Row::Check(p) => Some(p),
            _ => None,
        }
    }

    pub fn is_collapsed(&self, row: Row) -> bool {
        match row {
            Row::Section(s) => self.collapsed_sections.contains(&s),
            Row::Item(s, i) => self.collapsed_items.contains(&(s, i)),
            Row::Check(_) => false,
        }
    }

    /// Recomputes the visible rows, keeping the selection on the same row where it is still
    /// shown (else on the nearest row before it).
    pub fn rebuild(&mut self, session: &Session) {
        let keep = self.current();
        let needle = match &self.filter {
            Filter::Search(q) => q.to_lowercase(),
            _ => String::new(),
        };
        // With no filter every check is shown: nothing to look up per check.
        let all = self.filter == Filter::All;
        let mut rows = Vec::new();
        let mut shown = 0;
        for (si, s) in session.template.sections.iter().enumerate() {
            let section_at = rows.len();
            rows.push(Row::Section(si));
            let mut section_has = false;
            for (ii, item) in s.items.iter().enumerate() {
                let item_at = rows.len();
                let mut item_has = false;
                let open = !self.collapsed_sections.contains(&si);
                if open {
                    rows.push(Row::Item(si, ii));
                }
                for ci in 0..item.checks.len() {
                    let pos = CheckPos {
                        section: si,
                        item: ii,
                        check: ci,
                    };
                    if all || check_matches(session, pos, &self.filter, &needle) {
                        item_has = true;
                        shown += 1;
                        if open && !self.collapsed_items.contains(&(si, ii)) {
                            rows.push(Row::Check(pos));
                        }
                    }
                }
                section_has |= item_has;
                if open && !item_has && self.filter != Filter::All {
                    rows.truncate(item_at);
                }
            }
            if !section_has && self.filter != Filter::All {
                rows.truncate(section_at);
            }
        }
        self.rows = rows;
        self.shown_checks = shown;
        self.selected = match keep {
            Some(row) => self.find_or_before(row),
            None => self.first_check_row().unwrap_or(0),
        };
        self.clamp();
    }

    fn find_or_before(&self, row: Row) -> usize {
        let key = |r: Row| match r {
            Row::Section(s) => (s, 0, 0, 0),
            Row::Item(s, i) => (s, i + 1, 0, 1),
            Row::Check(p) => (p.section, p.item + 1, p.check + 1, 2),
        };
        let target = key(row);
        self.rows
            .iter()
            .rposition(|r| key(*r) <= target)
            .unwrap_or(0)
    }

    pub fn first_check_row(&self) -> Option<usize> {
        self.rows.iter().position(|r| matches!(r, Row::Check(_)))
    }

    fn clamp(&mut self) {
        if self.rows.is_empty() {
            self.selected = 0;
            self.offset = 0;
        } else if self.selected >= self.rows.len() {
            self.selected = self.rows.len() - 1;
        }
    }

    /// Moves the selection by `delta` rows, stopping at the ends.
    pub fn move_by(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        let last = self.rows.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn select_first(&mut self) {
        self.selected = 0;
    }

    pub fn select_last(&mut self) {
        self.selected = self.rows.len().saturating_sub(1);
    }

    /// Keeps the selected row inside a window of `height` rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.rows.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }

    /// Left: collapse an open section or item, else go to the parent row.
    pub fn collapse(&mut self, session: &Session) {
        let Some(row) = self.current() else { return };
        match row {
            Row::Section(s) if !self.collapsed_sections.contains(&s) => {
                self.collapsed_sections.insert(s);
                self.rebuild(session);
            }
            Row::Item(s, i) if !self.collapsed_items.contains(&(s, i)) => {
                self.collapsed_items.insert((s, i));
                self.rebuild(session);
            }
            Row::Item(s, _) => self.select_row(Row::Section(s)),
            Row::Check(p) => self.select_row(Row::Item(p.section, p.item)),
            Row::Section(_) => {}
        }
    }

    /// Right: expand a collapsed section or item, else go to its first child. Returns false
    /// when there is nothing further in (a check).
    pub fn expand(&mut self, session: &Session) -> bool {
        let Some(row) = self.current() else {
            return false;
        };
        match row {
            Row::Section(s) if self.collapsed_sections.remove(&s) => self.rebuild(session),
            Row::Item(s, i) if self.collapsed_items.remove(&(s, i)) => self.rebuild(session),
            Row::Check(_) => return false,
            _ => {
                if self
                    .rows
                    .get(self.selected + 1)
                    .is_some_and(|r| r.depth() > row.depth())
                {
                    self.selected += 1;
                }
            }
        }
        true
    }

    /// Toggles a section or item open/closed (Enter on a heading).
    pub fn toggle(&mut self, session: &Session) {
        match self.current() {
            Some(Row::Section(s)) => {
                if !self.collapsed_sections.remove(&s) {
                    self.collapsed_sections.insert(s);
                }
            }
            Some(Row::Item(s, i)) => {
                if !self.collapsed_items.remove(&(s, i)) {
                    self.collapsed_items.insert((s, i));
                }
            }
            _ => return,
        }
        self.rebuild(session);
    }

    fn select_row(&mut self, row: Row) {
        if let Some(i) = self.rows.iter().position(|r| *r == row) {
            self.selected = i;
        }
    }

    /// Selects a check, opening its section and item, and dropping a filter that hides it.
    pub fn select_check(&mut self, session: &Session, pos: CheckPos) {
        let target = Row::Check(pos);
        for near in [self.selected + 1, self.selected.wrapping_sub(1)] {
            if self.rows.get(near) == Some(&target) {
                self.selected = near;
                return;
            }
        }
        if let Some(i) = self.rows.iter().position(|r| *r == target) {
            self.selected = i;
            return;
        }
        self.collapsed_sections.remove(&pos.section);
        self.collapsed_items.remove(&(pos.section, pos.item));
        let needle = match &self.filter {
            Filter::Search(q) => q.to_lowercase(),
            _ => String::new(),
        };
        if !check_matches(session, pos, &self.filter, &needle) {
            self.filter = Filter::All;
        }
        self.rebuild(session);
        self.select_row(target);
    }

    pub fn set_filter(&mut self, session: &Session, filter: Filter) {
        self.filter = filter;
        self.rebuild(session);
        if !matches!(self.current(), Some(Row::Check(_)))
            && let Some(i) = self.first_check_row()
        {
            self.selected = i;
        }
    }
}
