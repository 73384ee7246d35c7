//! What the report says about the meeting before this one: the measures carried over from it
//! (上次遗留) and what became of them, overdue ones marked, and the checks found short again
//! (反复出现). Nothing here is said of a record not made from an earlier one.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::model::Session;
use crate::model::carryover::{self, CarriedMeasure};
use crate::model::session::RectificationState;

use super::super::cn_date;
use super::super::ledger::state_label;
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
        Some(d) => format!("本次对照检查以{}对照检查会的记录为基础", cn_date(d)),
        None => "本次对照检查以上次对照检查会的记录为基础".to_owned(),
    };
    if carried.is_empty() {
        s.push_str("，上次无遗留整改措施");
    } else {
        let done = carried
            .iter()
            .filter(|(_, m)| m.state == RectificationState::Done)
            .count();
        let overdue = carried.iter().filter(|(_, m)| m.is_overdue(today)).count();
        let _ = write!(
            s,
            "，上次遗留整改措施{}项，已完成销号{done}项、仍在整改{}项",
            carried.len(),
            carried.len() - done
        );
        if overdue > 0 {
            let _ = write!(s, "（其中已逾期{overdue}项）");
        }
        s.push_str("，逐项跟踪情况见“五、改进措施”");
    }
    if !repeats.is_empty() {
        let _ = write!(
            s,
            "；第{}项上次检查为基本落实或未落实、本次仍未落实到位，属反复出现的问题",
            repeats.join("、")
        );
    }
    s.push('。');
    Some(s)
}

/// Lists the carried-over measures under 五、改进措施, each with its owner, deadline (overdue
/// marked as of `today`), progress and 销号. Returns whether there were any.
pub(super) fn carried_blocks(rows: &[Row<'_>], today: NaiveDate, body: &mut Vec<Block>) -> bool {
    let carried = carried(rows);
    if carried.is_empty() {
        return false;
    }
    body.push(para(None, "上次遗留整改措施落实情况：".to_owned()));
    for (k, (r, m)) in carried.iter().enumerate() {
        let since = m
            .since
            .map_or_else(String::new, |d| format!("，{}会议确定", cn_date(d)));
        let lead = format!(
            "{}.{}（第{}项，上次遗留{since}）。",
            k + 1,
            short(r),
            r.number
        );
        body.push(para(Some(lead), carried_text(m, today)));
    }
    body.push(para(None, "本次查摆问题整改措施：".to_owned()));
    true
}

/// A carried-over measure with its problem, who, by when (overdue marked) and how far.
fn carried_text(m: &CarriedMeasure, today: NaiveDate) -> String {
    let mut s = or_not_filled(&m.measures);
    // Texts inside the list lose their closing marks: the list has its own.
    let bare = |t: &str| or_not_filled(t.trim().trim_end_matches(['。', '；', ';', '，']));
    let mut facts = Vec::new();
    if !m.problems.trim().is_empty() {
        facts.push(format!("问题：{}", bare(&m.problems)));
    }
    facts.push(format!("责任人：{}", bare(&m.owner)));
    let mut due = format!("完成时限：{}", or_not_filled(&m.due_display()));
    if let Some(d) = m.due.filter(|_| m.is_overdue(today)) {
        let _ = write!(due, "（已逾期{}天）", (today - d).num_days());
    }
    facts.push(due);
    let mut progress = format!("整改进展：{}", state_label(m.state));
    if let Some(closed) = m.closed_on {
        let _ = write!(progress, "（{}销号）", cn_date(closed));
    }
    facts.push(progress);
    if !m.progress.trim().is_empty() {
        facts.push(format!("进展情况：{}", bare(&m.progress)));
    }
    if m.state == RectificationState::Done {
        facts.push(format!("销号佐证：{}", bare(&m.closing_evidence)));
    }
    s.push('\n');
    s.push_str(&facts.join("；"));
    s.push('。');
    s
}
