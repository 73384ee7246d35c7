//! 修改记录: the record's history as a table appended to the report on request
//! (`selfcheck export --with-history`): every change to an answer and every event of the record
//! (made from an earlier meeting, signed, reopened for amendment), oldest first, in words.

use serde_json::Value;

use crate::model::Session;
use crate::model::carryover::CarriedMeasure;
use crate::model::history::{Change, Event, EventKind, HistField};
use crate::model::session::{Rectification, due_display};

use crate::i18n::fill;

use super::super::{REPORT as W, cn_date, ledger::state_label};
use super::HistoryTable;

/// The header of the 修改记录 table.
pub const HISTORY_HEADER: [&str; 7] = W.history_header;

/// The title of the 修改记录 attachment.
pub const HISTORY_TITLE: &str = W.history_title;

/// What the whole record's events name in the 检查内容 column.
const WHOLE_RECORD: &str = W.whole_record;

/// The history table of `session`, oldest first; changes made at the same moment keep the
/// checklist's order.
pub(super) fn table(session: &Session, label: String) -> HistoryTable {
    let mut rows: Vec<(chrono::DateTime<chrono::FixedOffset>, Vec<String>)> = Vec::new();
    for e in &session.history {
        rows.push((e.at, event_row(e)));
    }
    for (pos, check) in session.template.checks() {
        let Some(a) = session.answer(&check.id) else {
            continue;
        };
        let number = session.template.display_number(pos);
        for c in &a.history {
            rows.push((c.at, change_row(session, &number, c)));
        }
    }
    rows.sort_by_key(|(at, _)| *at);
    HistoryTable {
        label,
        title: HISTORY_TITLE.to_owned(),
        header: HISTORY_HEADER.iter().map(|s| (*s).to_owned()).collect(),
        rows: rows.into_iter().map(|(_, r)| r).collect(),
    }
}

fn when(at: chrono::DateTime<chrono::FixedOffset>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

/// The OS user and host, as technical detail: `clerk7@pc-12`.
fn account(user: &str, host: &str) -> String {
    match (user.trim(), host.trim()) {
        ("", "") => String::new(),
        (u, "") => u.to_owned(),
        ("", h) => format!("@{h}"),
        (u, h) => format!("{u}@{h}"),
    }
}

fn event_row(e: &Event) -> Vec<String> {
    let (what, new) = match e.kind {
        EventKind::CreatedFrom => (W.event_created, e.detail.clone()),
        EventKind::Signed => (
            W.event_signed,
            fill(
                W.event_signed_by,
                &[("role", &e.detail.trim()), ("name", &e.by.trim())],
            ),
        ),
        EventKind::Reopened => (
            W.event_reopened,
            if e.detail.trim().is_empty() {
                String::new()
            } else {
                fill(W.event_reason, &[("text", &e.detail.trim())])
            },
        ),
    };
    let old = e
        .voided
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                crate::i18n::role_label(s.role, crate::i18n::Lang::Zh),
                s.name.trim()
            )
        })
        .collect::<Vec<_>>()
        .join(W.list_sep);
    vec![
        when(e.at),
        WHOLE_RECORD.to_owned(),
        what.to_owned(),
        old,
        new,
        e.by.trim().to_owned(),
        account(&e.user, &e.host),
    ]
}

fn change_row(session: &Session, number: &str, c: &Change) -> Vec<String> {
    let what = match (c.field, c.item) {
        (HistField::CarriedOver, Some(i)) => fill(W.carried_item, &[("n", &(i + 1))]),
        (field, _) => field_label(field).to_owned(),
    };
    vec![
        when(c.at),
        fill(W.check_number, &[("number", &number)]),
        what,
        value_text(session, c.field, &c.old),
        value_text(session, c.field, &c.new),
        c.by.trim().to_owned(),
        account(&c.user, &c.host),
    ]
}

/// The name of a recorded part of an answer, as the report calls it.
pub fn field_label(field: HistField) -> &'static str {
    let [
        status,
        evidence,
        problems,
        causes,
        measures,
        owner,
        due,
        flagged,
        progress,
        carried,
    ] = W.history_fields;
    match field {
        HistField::Status => status,
        HistField::Evidence => evidence,
        HistField::Problems => problems,
        HistField::Causes => causes,
        HistField::Measures => measures,
        HistField::Owner => owner,
        HistField::Due => due,
        HistField::Flagged => flagged,
        HistField::Rectification => progress,
        HistField::CarriedOver => carried,
    }
}

/// A recorded value in words; empty for none. A value this program cannot read is shown as the
/// JSON it is, so nothing is hidden.
fn value_text(session: &Session, field: HistField, v: &Value) -> String {
    if v.is_null() {
        return String::new();
    }
    let shown =
        match field {
            HistField::Status => v.as_str().map(|id| {
                session
                    .template
                    .answer_option(id)
                    .map_or_else(|| id.to_owned(), |o| o.label.clone())
            }),
            HistField::Evidence
            | HistField::Problems
            | HistField::Causes
            | HistField::Measures
            | HistField::Owner => v.as_str().map(str::to_owned),
            HistField::Due => {
                let day = v
                    .get("due")
                    .and_then(Value::as_str)
                    .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                let text = v
                    .get("due_text")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                Some(due_display(day, text))
            }
            HistField::Flagged => v.as_bool().map(|b| if b { W.yes } else { W.no }.to_owned()),
            HistField::Rectification => serde_json::from_value::<Rectification>(v.clone())
                .ok()
                .map(|r| {
                    let mut s = state_label(r.state).to_owned();
                    if let Some(d) = r.closed_on {
                        s.push_str(&fill(W.closed_on, &[("date", &cn_date(d))]));
                    }
                    s
                }),
            HistField::CarriedOver => serde_json::from_value::<CarriedMeasure>(v.clone())
                .ok()
                .map(|m| carried_text(&m)),
        };
    shown.unwrap_or_else(|| v.to_string())
}

/// A carried-over measure in one cell: the measure, where it stands, 销号 and progress.
fn carried_text(m: &CarriedMeasure) -> String {
    let bare = |t: &str| {
        t.trim()
            .trim_end_matches(['。', '；', ';', '，'])
            .to_owned()
    };
    // A measure nobody wrote down is named by its problem.
    let what = if m.measures.trim().is_empty() {
        bare(&m.problems)
    } else {
        bare(&m.measures)
    };
    let mut parts = vec![what, state_label(m.state).to_owned()];
    if let Some(d) = m.closed_on {
        parts.push(fill(W.carried_closed, &[("date", &cn_date(d))]));
    }
    if !m.closing_evidence.trim().is_empty() {
        parts.push(fill(
            W.carried_evidence,
            &[("text", &bare(&m.closing_evidence))],
        ));
    }
    if !m.progress.trim().is_empty() {
        parts.push(fill(W.carried_progress, &[("text", &bare(&m.progress))]));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(W.fact_sep)
}
