//! 一、基本情况: the meeting (with its attendance), the study, the checklist and the result,
//! what became of the previous meeting's measures, then the 不适用 checks.

use crate::i18n::fill;
use crate::model::{Progress, Session};

use super::super::{NOT_CHECKED, REPORT as W, cn_date, unit_name};
use super::Block;
use super::{NOT_FILLED, Row, checklist_name, is_na, or_not_filled, para, short};

/// 一、基本情况 as the narrative a report tells: the meeting, the study, the checklist and the
/// result, then the 不适用 checks with their explanations.
// The narrative reads top to bottom like the paragraph it writes.
#[allow(clippy::too_many_lines)]
pub(super) fn basics(session: &Session, rows: &[Row<'_>], p: &Progress, body: &mut Vec<Block>) {
    let m = &session.meeting;
    let unit = unit_name(session).trim();
    let mut s = String::new();
    match m.date {
        Some(d) => s.push_str(&cn_date(d)),
        None => s.push_str(W.meeting_date_missing),
    }
    s.push_str(W.comma);
    s.push_str(unit);
    if !m.place.trim().is_empty() {
        s.push_str(&fill(W.meeting_place, &[("place", &m.place.trim())]));
    }
    let title = m.title.trim();
    let title = if title.is_empty() {
        W.meeting_default_title
    } else {
        title
    };
    s.push_str(&fill(W.meeting_held, &[("title", &title)]));
    match m.host.trim() {
        "" => s.push_str(W.host_missing),
        host => s.push_str(&fill(W.host, &[("host", &host)])),
    }
    let attendees: Vec<&str> = m
        .attendees
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .collect();
    let a = &m.attendance;
    if let Some(expected) = a.expected {
        s.push_str(&fill(W.expected, &[("n", &expected)]));
    }
    // 实到 is told where the attendance was recorded; the names alone say who came.
    if a.present.is_some() || (a.expected.is_some() && !attendees.is_empty()) {
        s.push_str(&fill(W.present, &[("n", &a.present_count(&m.attendees))]));
    }
    if attendees.is_empty() {
        s.push_str(W.attendees_missing);
    } else {
        s.push_str(&fill(
            W.attendees,
            &[("names", &attendees.join(W.list_sep))],
        ));
    }
    let absent: Vec<String> = a
        .absentees
        .iter()
        .filter(|x| !x.name.trim().is_empty())
        .map(|x| match x.reason.trim() {
            "" => x.name.trim().to_owned(),
            why => fill(W.absent_reason, &[("name", &x.name.trim()), ("why", &why)]),
        })
        .collect();
    if !absent.is_empty() {
        s.push_str(&fill(W.absent, &[("names", &absent.join(W.list_sep))]));
    }
    let observers: Vec<&str> = a
        .observers
        .iter()
        .map(|o| o.trim())
        .filter(|o| !o.is_empty())
        .collect();
    if !observers.is_empty() {
        s.push_str(&fill(
            W.observers,
            &[("names", &observers.join(W.list_sep))],
        ));
    }
    if !m.recorder.trim().is_empty() {
        s.push_str(&fill(W.recorder, &[("name", &m.recorder.trim())]));
    }
    s.push_str(W.full_stop);
    body.push(para(None, s));

    let study = m.study.trim();
    body.push(para(
        None,
        if study.is_empty() {
            fill(W.study_missing, &[("not_filled", &NOT_FILLED)])
        } else {
            fill(
                W.study,
                &[("study", &study.trim_end_matches(['。', '；', '，']))],
            )
        },
    ));

    let t = &session.template;
    let mut s = fill(
        W.checked_against,
        &[("checklist", &checklist_name(session)), ("total", &p.total)],
    );
    let counts: Vec<String> = p
        .by_status
        .iter()
        .filter_map(|c| {
            t.answer_option(&c.id)
                .map(|o| fill(W.status_count, &[("label", &o.label), ("n", &c.count)]))
        })
        .collect();
    if p.answered < p.total {
        s.push_str(&fill(
            W.unfinished,
            &[
                ("answered", &p.answered),
                ("counts", &counts.join(W.list_sep)),
                ("not_checked", &NOT_CHECKED),
                ("open", &(p.total - p.answered)),
            ],
        ));
    } else {
        s.push_str(&fill(W.of_which, &[("counts", &counts.join(W.list_sep))]));
    }
    let problems = super::super::ledger::ledger(session)
        .iter()
        .filter(|r| r.origin == super::super::ledger::Origin::ThisMeeting)
        .count();
    if problems > 0 {
        s.push_str(&fill(W.problems_found, &[("n", &problems)]));
    } else if p.answered == p.total {
        s.push_str(W.no_problems);
    }
    s.push_str(W.full_stop);
    body.push(para(None, s));

    let na: Vec<&Row<'_>> = rows.iter().filter(|r| is_na(r)).collect();
    if !na.is_empty() {
        body.push(para(None, W.na_heading.to_owned()));
        for r in na {
            body.push(para(
                Some(fill(
                    W.na_lead,
                    &[("check", &short(r)), ("number", &r.number)],
                )),
                or_not_filled(r.text(|a| &a.evidence)),
            ));
        }
    }
}
