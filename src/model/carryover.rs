//! The next meeting starts from this one. A session made from an earlier one ([`next_session`])
//! keeps a link to it (its id and content hash), a copy of each previous answer (上次), and every
//! measure not yet 已完成 as a carried-over measure (上次整改措施) to follow up: progress and 销号
//! with date and evidence. Statuses start empty: nothing counts as re-assessed until someone
//! sets it.
//!
//! From these the record tells repeat findings (反复出现: a check 未落实 or 基本落实 last time
//! and again now, [`is_repeat`]) and overdue carried-over measures ([`CarriedMeasure::is_overdue`]).

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::{Map, Value};

use super::answer::Answer;
use super::change::{EventKind, HistField};
use super::error::SessionError;
use super::history::carried_value;
pub use super::previous::{CarriedMeasure, PreviousAnswer, PreviousLink, SHORTFALL, is_shortfall};
use super::rectification::RectificationState;
use super::session::{Meeting, Session, Unit};
use super::signoff::content_hash;
use super::template::Template;

impl PreviousAnswer {
    fn of(a: &Answer) -> Self {
        Self {
            status: a.status.clone(),
            evidence: a.evidence.clone(),
            problems: a.problems.clone(),
            causes: a.causes.clone(),
            measures: a.measures.clone(),
            owner: a.owner.clone(),
            due: a.due,
            due_text: a.due_text.clone(),
            extra: Map::new(),
        }
    }

    fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// The open measure recorded in a previous answer, if it has one: a measure (or a problem)
/// whose rectification is not 已完成.
fn open_measure_of(prev: &Session, a: &Answer) -> Option<CarriedMeasure> {
    if a.measures.trim().is_empty() && a.problems.trim().is_empty() {
        return None;
    }
    let state = a
        .rectification
        .as_ref()
        .map_or(RectificationState::NotStarted, |r| r.state);
    if state == RectificationState::Done {
        return None;
    }
    Some(CarriedMeasure {
        since: prev.meeting.date,
        since_id: prev.id.clone(),
        problems: a.problems.clone(),
        measures: a.measures.clone(),
        owner: a.owner.clone(),
        due: a.due,
        due_text: a.due_text.clone(),
        state,
        progress: String::new(),
        closed_on: None,
        closing_evidence: String::new(),
        extra: Map::new(),
    })
}

/// How the checklists of two meetings compare, matched by check id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matching {
    /// Checks in the new checklist that the previous one did not have.
    pub added: Vec<String>,
    /// Checks of the previous checklist that the new one no longer has.
    pub removed: Vec<String>,
    /// Of the removed checks, those that had open measures: they cannot be carried over.
    pub open_measures_lost: Vec<String>,
    /// How many measures were carried over.
    pub carried: usize,
    /// Whether the checklist is the same version as the previous one's.
    pub same_version: bool,
}

/// A new session following `prev`: on `template` (the previous checklist or a newer version of
/// it), for the same unit, with `meeting` to fill in anew, every status empty, a copy of each
/// previous answer, and every open measure carried over (recorded in each answer's history,
/// so replaying the history gives the answer). `prev_file` is how the link names the previous
/// file; its content hash is computed here.
pub fn next_session(
    prev: &Session,
    prev_file: &str,
    template: Template,
    unit: Unit,
    meeting: Meeting,
    now: DateTime<FixedOffset>,
) -> (Session, Matching) {
    let new_ids: std::collections::HashSet<String> =
        template.checks().map(|(_, c)| c.id.clone()).collect();
    let prev_ids: Vec<String> = prev.template.checks().map(|(_, c)| c.id.clone()).collect();
    let prev_set: std::collections::HashSet<&String> = prev_ids.iter().collect();
    let mut matching = Matching {
        added: template
            .checks()
            .map(|(_, c)| c.id.clone())
            .filter(|id| !prev_set.contains(id))
            .collect(),
        removed: prev_ids
            .iter()
            .filter(|id| !new_ids.contains(*id))
            .cloned()
            .collect(),
        same_version: template.id == prev.template.id && template.version == prev.template.version,
        ..Matching::default()
    };
    let link = PreviousLink {
        id: prev.id.clone(),
        file: prev_file.to_owned(),
        sha256: content_hash(prev),
        date: prev.meeting.date,
        template: prev.template.id.clone(),
        template_version: prev.template.version.clone(),
        extra: Map::new(),
    };
    let mut s = Session::new(template, unit, meeting, now);
    s.previous = Some(link);
    for (id, a) in &prev.answers {
        let carried: Vec<CarriedMeasure> = a
            .carried_over
            .iter()
            .filter(|m| m.is_open())
            .cloned()
            .chain(open_measure_of(prev, a))
            .collect();
        if !new_ids.contains(id) {
            if !carried.is_empty() {
                matching.open_measures_lost.push(id.clone());
            }
            continue;
        }
        let previous = PreviousAnswer::of(a);
        if previous.is_empty() && carried.is_empty() {
            continue;
        }
        let answer = s.answers.entry(id.clone()).or_default();
        if !previous.is_empty() {
            answer.previous = Some(Box::new(previous));
        }
        answer.updated_at = Some(now);
        matching.carried += carried.len();
        for m in carried {
            let i = s.answers.get(id).map_or(0, |a| a.carried_over.len());
            if let Some(a) = s.answers.get_mut(id) {
                a.carried_over.push(m);
            }
            let new = carried_value(s.answers.get(id).and_then(|a| a.carried_over.get(i)));
            s.push_change(id, HistField::CarriedOver, Some(i), Value::Null, new, now);
        }
    }
    let detail = match prev.meeting.date {
        Some(d) => format!("{prev_file} ({d})"),
        None => prev_file.to_owned(),
    };
    s.push_event(EventKind::CreatedFrom, None, detail, Vec::new(), now);
    (s, matching)
}

/// 反复出现: the check was found short (基本落实 / 未落实) at the previous meeting and is again.
pub fn is_repeat(session: &Session, check_id: &str) -> bool {
    session.answer(check_id).is_some_and(|a| {
        is_shortfall(a.status.as_deref())
            && is_shortfall(a.previous.as_ref().and_then(|p| p.status.as_deref()))
    })
}

/// The checks that are [repeat findings](is_repeat), in checklist order.
pub fn repeats(session: &Session) -> Vec<String> {
    session
        .template
        .checks()
        .map(|(_, c)| c.id.clone())
        .filter(|id| is_repeat(session, id))
        .collect()
}

/// Carried-over measures past their deadline on `today`, as (check id, index), in checklist
/// order.
pub fn overdue_carried(session: &Session, today: NaiveDate) -> Vec<(String, usize)> {
    session
        .template
        .checks()
        .filter_map(|(_, c)| session.answer(&c.id).map(|a| (c.id.clone(), a)))
        .flat_map(|(id, a)| {
            a.carried_over
                .iter()
                .enumerate()
                .filter(|(_, m)| m.is_overdue(today))
                .map(|(i, _)| (id.clone(), i))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every carried-over measure still open (not 已完成), as (check id, index), in checklist order:
/// the report's and ledger's 上次遗留.
pub fn open_carried(session: &Session) -> Vec<(String, usize)> {
    session
        .template
        .checks()
        .filter_map(|(_, c)| session.answer(&c.id).map(|a| (c.id.clone(), a)))
        .flat_map(|(id, a)| {
            a.carried_over
                .iter()
                .enumerate()
                .filter(|(_, m)| m.is_open())
                .map(|(i, _)| (id.clone(), i))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A change to one carried-over measure.
#[derive(Debug, Clone, PartialEq)]
pub enum CarriedUpdate {
    /// 进展情况 in words, and where it stands (not 已完成: use `Close` for that).
    Progress {
        state: RectificationState,
        text: String,
    },
    /// 销号: closed on a day, on the evidence given.
    Close { on: NaiveDate, evidence: String },
    /// Closing undone: back to 整改中.
    Reopen,
}

impl Session {
    /// Updates the carried-over measure `index` of the answer to `check_id`; recorded in the
    /// answer's history. Returns whether anything changed.
    pub fn update_carried(
        &mut self,
        check_id: &str,
        index: usize,
        update: CarriedUpdate,
        now: DateTime<FixedOffset>,
    ) -> Result<bool, SessionError> {
        let missing = || SessionError::NoCarriedMeasure {
            check: check_id.to_owned(),
            index,
        };
        let old = self
            .answer(check_id)
            .and_then(|a| a.carried_over.get(index))
            .cloned()
            .ok_or_else(missing)?;
        let mut m = old.clone();
        match update {
            CarriedUpdate::Progress { state, text } => {
                m.state = if state == RectificationState::Done {
                    RectificationState::InProgress
                } else {
                    state
                };
                text.trim_end().clone_into(&mut m.progress);
            }
            CarriedUpdate::Close { on, evidence } => {
                m.state = RectificationState::Done;
                m.closed_on = Some(on);
                evidence.trim_end().clone_into(&mut m.closing_evidence);
            }
            CarriedUpdate::Reopen => {
                m.state = RectificationState::InProgress;
                m.closed_on = None;
            }
        }
        if m == old {
            return Ok(false);
        }
        self.ensure_editable()?;
        let a = self.answer_mut(check_id, now);
        a.carried_over[index] = m;
        let new = carried_value(a.carried_over.get(index));
        self.push_change(
            check_id,
            HistField::CarriedOver,
            Some(index),
            carried_value(Some(&old)),
            new,
            now,
        );
        Ok(true)
    }
}

/// What became of the previous meeting's file, as far as this record can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviousState {
    /// The file is there and its content is what the link recorded.
    Same,
    /// The file is there but its content changed since this record was made from it.
    Changed { now: String },
    /// The file is there but is another record (its id is not the one linked).
    OtherRecord { id: Option<String> },
}

/// Compares the previous session as read now with the link.
pub fn check_previous(link: &PreviousLink, prev: &Session) -> PreviousState {
    if link.id.is_some() && prev.id != link.id {
        return PreviousState::OtherRecord {
            id: prev.id.clone(),
        };
    }
    let now = content_hash(prev);
    if now == link.sha256 {
        PreviousState::Same
    } else {
        PreviousState::Changed { now }
    }
}
