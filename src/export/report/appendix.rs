//! The 附件 table (the 对照检查表, one row per check) and the headings it shares with the body.

use crate::i18n::fill;
use crate::model::{Answer, Item, Section, Session};

use super::super::{REPORT as W, status_label};
use super::{AppendixGroup, NOT_FILLED, Row, shortfall};

pub(super) fn appendix_groups(
    session: &Session,
    rows: &[Row<'_>],
    multi: bool,
) -> Vec<AppendixGroup> {
    let t = &session.template;
    let mut groups: Vec<AppendixGroup> = Vec::new();
    let mut current = None;
    for r in rows {
        if groups.is_empty() || (multi && current != Some(r.section)) {
            current = Some(r.section);
            groups.push(AppendixGroup {
                heading: multi
                    .then(|| t.sections.get(r.section).map(section_title))
                    .flatten(),
                rows: Vec::new(),
            });
        }
        let a = r.answer;
        let mut status = status_label(t, a).into_owned();
        if crate::model::carryover::is_repeat(session, &r.check.id) {
            status.push_str(W.repeat_mark);
        }
        let problems = r.text(|a| &a.problems);
        let measures = r.text(|a| &a.measures);
        let gap = |text: &str| {
            if text.is_empty() && shortfall(session, r) {
                NOT_FILLED.to_owned()
            } else {
                text.to_owned()
            }
        };
        if let Some(g) = groups.last_mut() {
            g.rows.push(vec![
                r.number.clone(),
                r.check.text.trim().to_owned(),
                status,
                gap(problems),
                gap(measures),
                r.text(|a| &a.owner).to_owned(),
                a.map(Answer::due_display).unwrap_or_default(),
            ]);
        }
    }
    groups
}

/// `一` … `十`, then the number.
pub(super) fn cn_ordinal(n: usize) -> String {
    W.ordinals
        .get(n.wrapping_sub(1))
        .map_or_else(|| n.to_string(), |d| (*d).to_owned())
}

/// A part of the checklist as a short heading: `党委政府属地管理责任落实方面`.
pub(super) fn short_section(section: &Section) -> String {
    let t = section.title.trim();
    let t = t.strip_prefix(W.section_prefix).unwrap_or(t);
    let t = t.strip_suffix(W.section_suffix).unwrap_or(t);
    fill(W.section_short, &[("title", &t)])
}

/// `第一 深入对照检查…`: the section as the notice heads it.
pub fn section_title(section: &Section) -> String {
    let number = section.number.trim();
    let title = section.title.trim();
    if number.is_empty() {
        title.to_owned()
    } else {
        format!("{number} {title}")
    }
}

/// `1.对照“…”“…”的要求`: the item as the notice opens it.
pub fn item_title(item: &Item) -> String {
    let mut s = String::new();
    if !item.number.trim().is_empty() {
        s.push_str(item.number.trim());
        s.push('.');
    }
    if !item.requirements.is_empty() {
        s.push_str(W.requirements_open);
        for r in &item.requirements {
            s.push('“');
            s.push_str(r.trim());
            s.push('”');
        }
        s.push_str(W.requirements_close);
    }
    s
}
