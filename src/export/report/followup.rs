//! What the report says about the meeting before this one: the measures carried over from it
//! (上次遗留) and what became of them, overdue ones marked, and the checks found short again
//! (反复出现). Nothing here is said of a record not made from an earlier one.

use chrono::NaiveDate;

use crate::i18n::fill;
use crate::model::Session;
use crate::model::carryover::{self, CarriedMeasure};
use crate::model::session::RectificationState;

use super::super::ledger::state_label;
use super::super::{REPORT as W, cn_date};
use super::{Block, Row, or_not_filled, para, short};

/// The carried-over measures in checklist order, with the row of their check.
fn carried<'r, 'a>(rows: &'r [Row<'a>]) -> Vec<(&'r Row<'a>, &'a CarriedMeasure)> {
    rows.iter()
        .flat_map(|r| {
            r.answer
                .map(|a| a.carried_over.iter().map(move |m| (r, m)))
                .into_iter()
                .flatten()
        })
        .collect()
}

/// The paragraph of 一、基本情况 on the previous meeting: on what record this one was based,
/// how many measures it carried over and how they stand on `today`, and the repeat findings.
pub(super) fn previous_paragraph(
    session: &Session,
    rows: &[Row<'_>],
    today: NaiveDate,
) -> Option<String> {
    let carried = carried(rows);
    let repeats: Vec<&str> = rows
        .iter()
        .filter(|r| carryover::is_repeat(session, &r.check.id))
        .map(|r| r.number.as_str())
        .collect();
    if session.previous.is_none() && carried.is_empty() {
        return None;
    }
    let mut s = match session.previous.as_ref().and_then(|p| p.date) {
        Some(d) => fill(W.based_on_date, &[("date", &cn_date(d))]),
        None => W.based_on.to_owned(),
    };
    if carried.is_empty() {
        s.push_str(W.no_carried);
    } else {
        let done = carried
            .iter()
            .filter(|(_, m)| m.state == RectificationState::Done)
            .count();
        let overdue = carried.iter().filter(|(_, m)| m.is_overdue(today)).count();
        s.push_str(&fill(
            W.carried_counts,
            &[
                ("n", &carried.len()),
                ("done", &done),
                ("open", &(carried.len() - done)),
            ],
        ));
        if overdue > 0 {
            s.push_str(&fill(W.carried_overdue, &[("n", &overdue)]));
        }
        s.push_str(W.carried_see);
    }
    if !repeats.is_empty() {
        s.push_str(&fill(W.repeats, &[("numbers", &repeats.join(W.list_sep))]));
    }
    s.push_str(W.full_stop);
    Some(s)
}

/// Lists the carried-over measures under 五、改进措施, each with its owner, deadline (overdue
/// marked as of `today`), progress and 销号. Returns whether there were any.
pub(super) fn carried_blocks(rows: &[Row<'_>], today: NaiveDate, body: &mut Vec<Block>) -> bool {
    let carried = carried(rows);
    if carried.is_empty() {
        return false;
    }
    body.push(para(None, W.carried_heading.to_owned()));
    for (k, (r, m)) in carried.iter().enumerate() {
        let since = m.since.map_or_else(String::new, |d| {
            fill(W.carried_since, &[("date", &cn_date(d))])
        });
        let lead = fill(
            W.carried_lead,
            &[
                ("k", &(k + 1)),
                ("check", &short(r)),
                ("number", &r.number),
                ("since", &since),
            ],
        );
        body.push(para(Some(lead), carried_text(m, today)));
    }
    body.push(para(None, W.this_meeting_heading.to_owned()));
    true
}

/// A carried-over measure with its problem, who, by when (overdue marked) and how far.
fn carried_text(m: &CarriedMeasure, today: NaiveDate) -> String {
    let mut s = or_not_filled(&m.measures);
    // Texts inside the list lose their closing marks: the list has its own.
    let bare = |t: &str| or_not_filled(t.trim().trim_end_matches(['。', '；', ';', '，']));
    let mut facts = Vec::new();
    if !m.problems.trim().is_empty() {
        facts.push(fill(W.problem_fact, &[("text", &bare(&m.problems))]));
    }
    facts.push(fill(W.owner_fact, &[("text", &bare(&m.owner))]));
    let mut due = fill(W.due_fact, &[("text", &or_not_filled(&m.due_display()))]);
    if let Some(d) = m.due.filter(|_| m.is_overdue(today)) {
        due.push_str(&fill(W.overdue_days, &[("n", &(today - d).num_days())]));
    }
    facts.push(due);
    let mut progress = fill(W.progress_fact, &[("text", &state_label(m.state))]);
    if let Some(closed) = m.closed_on {
        progress.push_str(&fill(W.closed_on, &[("date", &cn_date(closed))]));
    }
    facts.push(progress);
    if !m.progress.trim().is_empty() {
        facts.push(fill(W.progress_text_fact, &[("text", &bare(&m.progress))]));
    }
    if m.state == RectificationState::Done {
        facts.push(fill(
            W.closing_evidence_fact,
            &[("text", &bare(&m.closing_evidence))],
        ));
    }
    s.push('\n');
    s.push_str(&facts.join(W.fact_sep));
    s.push_str(W.full_stop);
    s
}
