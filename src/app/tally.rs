//! Progress counts kept up to date by each status change, so drawing the tree and the header
//! costs nothing in proportion to the size of the checklist.

use crate::model::{CheckPos, Session};

/// Answered counts per item, per section and overall, and a count per answer option.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    item_answered: Vec<Vec<usize>>,
    item_total: Vec<Vec<usize>>,
    section_answered: Vec<usize>,
    section_total: Vec<usize>,
    by_status: Vec<usize>,
    answered: usize,
    total: usize,
}

impl Tally {
    pub fn new(session: &Session) -> Self {
        let t = &session.template;
        let mut tally = Tally {
            item_answered: t.sections.iter().map(|s| vec![0; s.items.len()]).collect(),
            item_total: t
                .sections
                .iter()
                .map(|s| s.items.iter().map(|i| i.checks.len()).collect())
                .collect(),
            section_answered: vec![0; t.sections.len()],
            section_total: t
                .sections
                .iter()
                .map(|s| s.items.iter().map(|i| i.checks.len()).sum())
                .collect(),
            by_status: vec![0; t.answer_set.len()],
            answered: 0,
            total: t.check_count(),
        };
        for (pos, c) in t.checks() {
            let status = session
                .status(&c.id)
                .and_then(|s| t.answer_set.iter().position(|a| a.id == s));
            tally.apply(pos, None, status);
        }
        tally
    }

    /// Records that the check at `pos` went from status index `old` to `new`.
    pub fn apply(&mut self, pos: CheckPos, old: Option<usize>, new: Option<usize>) {
        if let Some(o) = old {
            self.by_status[o] -= 1;
        }
        if let Some(n) = new {
            self.by_status[n] += 1;
        }
        let delta: isize = match (old.is_some(), new.is_some()) {
            (false, true) => 1,
            (true, false) => -1,
            _ => 0,
        };
        let add = |v: &mut usize| *v = v.saturating_add_signed(delta);
        add(&mut self.item_answered[pos.section][pos.item]);
        add(&mut self.section_answered[pos.section]);
        add(&mut self.answered);
    }

    pub fn item(&self, section: usize, item: usize) -> (usize, usize) {
        (
            self.item_answered[section][item],
            self.item_total[section][item],
        )
    }

    pub fn section(&self, section: usize) -> (usize, usize) {
        (self.section_answered[section], self.section_total[section])
    }

    pub fn overall(&self) -> (usize, usize) {
        (self.answered, self.total)
    }

    /// Count per answer option, in answer-set order.
    pub fn by_status(&self) -> &[usize] {
        &self.by_status
    }
}
