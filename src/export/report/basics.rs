//! 一、基本情况: the meeting (with its attendance), the study, the checklist and the result,
//! what became of the previous meeting's measures, then the 不适用 checks.

use std::fmt::Write as _;

use crate::model::{Progress, Session};

use super::super::{NOT_CHECKED, cn_date, unit_name};
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
        None => s.push_str("（会议日期未填写）"),
    }
    s.push('，');
    s.push_str(unit);
    if !m.place.trim().is_empty() {
        let _ = write!(s, "在{}", m.place.trim());
    }
    let title = m.title.trim();
    let _ = write!(
        s,
        "召开{}",
        if title.is_empty() {
            "对照检查会"
        } else {
            title
        }
    );
    match m.host.trim() {
        "" => s.push_str("，主持人（未填写）"),
        host => {
            let _ = write!(s, "，会议由{host}主持");
        }
    }
    let attendees: Vec<&str> = m
        .attendees
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .collect();
    let a = &m.attendance;
    if let Some(expected) = a.expected {
        let _ = write!(s, "，应到{expected}人");
    }
    // 实到 is told where the attendance was recorded; the names alone say who came.
    if a.present.is_some() || (a.expected.is_some() && !attendees.is_empty()) {
        let _ = write!(s, "，实到{}人", a.present_count(&m.attendees));
    }
    if attendees.is_empty() {
        s.push_str("，参会人员（未填写）");
    } else {
        let _ = write!(s, "，{}参加会议", attendees.join("、"));
    }
    let absent: Vec<String> = a
        .absentees
        .iter()
        .filter(|x| !x.name.trim().is_empty())
        .map(|x| match x.reason.trim() {
            "" => x.name.trim().to_owned(),
            why => format!("{}（{why}）", x.name.trim()),
        })
        .collect();
    if !absent.is_empty() {
        let _ = write!(s, "，{}缺席", absent.join("、"));
    }
    let observers: Vec<&str> = a
        .observers
        .iter()
        .map(|o| o.trim())
        .filter(|o| !o.is_empty())
        .collect();
    if !observers.is_empty() {
        let _ = write!(s, "，{}列席会议", observers.join("、"));
    }
    if !m.recorder.trim().is_empty() {
        let _ = write!(s, "，{}记录", m.recorder.trim());
    }
    s.push('。');
    body.push(para(None, s));

    let study = m.study.trim();
    body.push(para(
        None,
        if study.is_empty() {
            format!("集中学习研讨：{NOT_FILLED}")
        } else {
            format!(
                "会议集中学习研讨了{}。",
                study.trim_end_matches(['。', '；', '，'])
            )
        },
    ));

    let t = &session.template;
    let mut s = format!(
        "会议对照{}共{}项检查内容逐项进行了对照检查",
        checklist_name(session),
        p.total
    );
    let counts: Vec<String> = p
        .by_status
        .iter()
        .filter_map(|c| {
            t.answer_option(&c.id)
                .map(|o| format!("{}{}项", o.label, c.count))
        })
        .collect();
    if p.answered < p.total {
        let _ = write!(
            s,
            "，已检查{}项（{}），{}{}项，对照检查尚未完成",
            p.answered,
            counts.join("、"),
            NOT_CHECKED,
            p.total - p.answered
        );
    } else {
        let _ = write!(s, "，其中{}", counts.join("、"));
    }
    let problems = super::super::ledger::ledger(session)
        .iter()
        .filter(|r| r.origin == super::super::ledger::Origin::ThisMeeting)
        .count();
    if problems > 0 {
        let _ = write!(
            s,
            "；共查摆问题{problems}个，逐一明确了整改措施、责任人和完成时限（见附件）"
        );
    } else if p.answered == p.total {
        s.push_str("；未查摆出问题");
    }
    s.push('。');
    body.push(para(None, s));

    let na: Vec<&Row<'_>> = rows.iter().filter(|r| is_na(r)).collect();
    if !na.is_empty() {
        body.push(para(None, "不适用说明：".to_owned()));
        for r in na {
            body.push(para(
                Some(format!("{}（第{}项）：", short(r), r.number)),
                or_not_filled(r.text(|a| &a.evidence)),
            ));
        }
    }
}
