//! Progress: how many checks of a session, a section or an item have a status, and how many of
//! each.

use super::session::Session;

/// Answered out of total, and a count per answer id in answer-set order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Progress {
    pub answered: usize,
    pub total: usize,
    pub by_status: Vec<StatusCount>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusCount {
    pub id: String,
    pub count: usize,
}

impl Progress {
    fn over<'a>(session: &Session, ids: impl Iterator<Item = &'a str>) -> Self {
        let mut by_status: Vec<StatusCount> = session
            .template
            .answer_set
            .iter()
            .map(|a| StatusCount {
                id: a.id.clone(),
                count: 0,
            })
            .collect();
        let mut p = Progress::default();
        for id in ids {
            p.total += 1;
            if let Some(s) = session.status(id) {
                p.answered += 1;
                if let Some(c) = by_status.iter_mut().find(|c| c.id == s) {
                    c.count += 1;
                }
            }
        }
        p.by_status = by_status;
        p
    }

    pub fn of_session(session: &Session) -> Self {
        Self::over(
            session,
            session.template.checks().map(|(_, c)| c.id.as_str()),
        )
    }

    /// Whole percent, 0 for an empty set.
    pub fn percent(&self) -> usize {
        (self.answered * 100).checked_div(self.total).unwrap_or(0)
    }

    pub fn count(&self, status: &str) -> usize {
        self.by_status
            .iter()
            .find(|c| c.id == status)
            .map_or(0, |c| c.count)
    }
}
