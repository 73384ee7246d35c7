//! A check's history of changes, over the walk-through: when, who (the recorder as entered,
//! with the OS user and host as technical detail), which field, and the value before and
//! after, newest first; then what happened to the record as a whole (made from the previous
//! meeting, signed, reopened). Scrolls like the help screen; the footer names the key that
//! closes it.

use ratatui::layout::Rect;
use std::fmt::Write as _;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use serde_json::Value;

use super::carried::state_label;
use super::pane::{Paint, max_scroll, para};
use super::{App, field_label, layout};
use crate::action::Command;
use crate::i18n::followup as ftexts;
use crate::i18n::{FollowTexts, Texts};
use crate::model::Session;
use crate::model::history::{Change, EventKind, HistField};
use crate::model::session::RectificationState;

/// The history shown, of the check `check` (its id), scrolled `scroll` lines down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryView {
    pub check: String,
    pub scroll: usize,
}

/// Where the history is drawn: the body of the screen, between the header and the footer.
pub fn area(size: Rect) -> Rect {
    layout::frame(size).1
}

/// Rows of text the history shows at this size.
pub fn rows(size: Rect) -> usize {
    usize::from(area(size).height.saturating_sub(2))
}

fn field_name(t: &Texts, ft: &FollowTexts, c: &Change) -> String {
    match c.field {
        HistField::Status => t.status.to_owned(),
        HistField::Flagged => t.flagged.to_owned(),
        HistField::Rectification => t.rectification.to_owned(),
        HistField::CarriedOver => match c.item {
            Some(i) => format!("{} {}", ft.carried_heading, i + 1),
            None => ft.carried_heading.to_owned(),
        },
        f => f
            .text_field()
            .map_or(f.key(), |f| field_label(t, f))
            .to_owned(),
    }
}

fn state_of(v: &Value) -> Option<RectificationState> {
    serde_json::from_value(v.get("state")?.clone()).ok()
}

/// A recorded value in words.
fn value_words(
    s: &Session,
    field: HistField,
    v: &Value,
    t: &Texts,
    ft: &FollowTexts,
    en: bool,
) -> String {
    let text = |v: &Value| v.as_str().map(str::to_owned);
    let shown = match (field, v) {
        (_, Value::Null) => None,
        (HistField::Status, v) => text(v).map(|id| {
            s.template
                .answer_set
                .iter()
                .find(|o| o.id == id)
                .map_or(id.clone(), |o| o.label_for(en).to_owned())
        }),
        (HistField::Flagged, Value::Bool(on)) => Some(
            if *on {
                ft.history_flag_on
            } else {
                ft.history_flag_off
            }
            .to_owned(),
        ),
        (HistField::Due, Value::Object(m)) => m
            .get("due_text")
            .and_then(Value::as_str)
            .or_else(|| m.get("due").and_then(Value::as_str))
            .map(str::to_owned),
        (HistField::Rectification, v) => state_of(v).map(|st| {
            let mut w = state_label(t, st).to_owned();
            if let Some(d) = v.get("closed_on").and_then(Value::as_str) {
                let _ = write!(w, "{}{} {d}{}", t.open, t.rect_closed_on, t.close);
            }
            w
        }),
        (HistField::CarriedOver, v) => state_of(v).map(|st| {
            let mut w = state_label(t, st).to_owned();
            if let Some(p) = v.get("progress").and_then(Value::as_str) {
                let _ = write!(w, "{}{}{}{p}", t.list_sep, ft.carried_progress, t.colon);
            }
            if let Some(d) = v.get("closed_on").and_then(Value::as_str) {
                let _ = write!(w, "{}{}{}{d}", t.list_sep, ft.carried_closed_on, t.colon);
            }
            if let Some(e) = v.get("closing_evidence").and_then(Value::as_str) {
                let _ = write!(w, "{}{}{}{e}", t.list_sep, ft.carried_evidence, t.colon);
            }
            w
        }),
        (_, v) => text(v).or_else(|| Some(v.to_string())),
    };
    shown.unwrap_or_else(|| ft.history_empty_value.to_owned())
}

/// Who made a change: the name entered, and the OS user and host in brackets.
fn who(by: &str, user: &str, host: &str, t: &Texts, ft: &FollowTexts) -> String {
    let name = if by.trim().is_empty() {
        ft.history_no_recorder.to_owned()
    } else {
        crate::text::sanitize::one_line(by).into_owned()
    };
    match (user.is_empty(), host.is_empty()) {
        (true, true) => name,
        (false, true) => format!("{name}{}{user}{}", t.open, t.close),
        (true, false) => format!("{name}{}@{host}{}", t.open, t.close),
        (false, false) => format!("{name}{}{user}@{host}{}", t.open, t.close),
    }
}

/// The history of the check `id` as lines at `width` columns.
pub fn lines(app: &App, s: &Session, id: &str, width: usize, p: &Paint) -> Vec<Line<'static>> {
    let t = app.t();
    let ft = ftexts(app.lang);
    let en = app.lang.is_en();
    let mut out = Vec::new();
    let changes = s
        .answer(id)
        .map(|a| a.history.entries())
        .unwrap_or_default();
    if changes.is_empty() {
        out.extend(para(ft.history_empty, width, 0, Style::new()));
    }
    for c in changes.iter().rev() {
        out.push(Line::from(vec![
            Span::styled(c.at.format("%Y-%m-%d %H:%M:%S").to_string(), p.label),
            Span::raw("  "),
            Span::styled(who(&c.by, &c.user, &c.host, t, ft), p.label),
        ]));
        let old = value_words(s, c.field, &c.old, t, ft, en);
        let new = value_words(s, c.field, &c.new, t, ft, en);
        out.extend(para(
            &format!("{}{}{old} -> {new}", field_name(t, ft, c), t.colon),
            width,
            2,
            Style::new(),
        ));
    }
    if !s.history.is_empty() {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            ft.history_record.to_owned(),
            p.heading,
        )));
        for e in s.history.iter().rev() {
            out.push(Line::from(vec![
                Span::styled(e.at.format("%Y-%m-%d %H:%M:%S").to_string(), p.label),
                Span::raw("  "),
                Span::styled(who(&e.by, &e.user, &e.host, t, ft), p.label),
            ]));
            let what = match e.kind {
                EventKind::CreatedFrom => ft.event_created_from,
                EventKind::Signed => ft.event_signed,
                EventKind::Reopened => ft.event_reopened,
            };
            let text = if e.detail.is_empty() {
                what.to_owned()
            } else {
                format!("{what}{}{}", t.colon, e.detail)
            };
            out.extend(para(&text, width, 2, Style::new()));
            for s in &e.voided {
                let who = crate::text::sanitize::one_line(&s.name);
                out.extend(para(
                    &format!(
                        "{}{}{} {who} {}",
                        ft.history_voided,
                        t.colon,
                        crate::i18n::role_label(s.role, app.lang),
                        s.at.format("%Y-%m-%d %H:%M")
                    ),
                    width,
                    4,
                    p.label,
                ));
            }
        }
    }
    out
}

/// Lines of the history shown now, at the screen's size.
fn total(app: &App) -> usize {
    let (Some(w), Some(v)) = (&app.walk, &app.history_view) else {
        return 0;
    };
    let width = usize::from(area(app.size).width.saturating_sub(2));
    lines(app, &w.session, &v.check, width, &Paint::default()).len()
}

impl App {
    /// Shows the selected check's history.
    pub(super) fn open_history(&mut self) {
        let ft = ftexts(self.lang);
        let Some(w) = &self.walk else { return };
        let Some(id) = w.current_check().and_then(|p| w.check_id(p)) else {
            self.error(ft.history_not_a_check);
            return;
        };
        self.history_view = Some(HistoryView {
            check: id.to_owned(),
            scroll: 0,
        });
    }

    /// A key while the history is shown: scroll it, or close it.
    pub(super) fn scroll_history(&mut self, cmd: Command) {
        let rows = rows(self.size).max(1);
        let page = rows.saturating_sub(2).max(1);
        let max = max_scroll(total(self), rows);
        let Some(v) = &mut self.history_view else {
            return;
        };
        v.scroll = match cmd {
            Command::ShowHistory => {
                self.history_view = None;
                return;
            }
            Command::MoveUp => v.scroll.saturating_sub(1),
            Command::MoveDown => v.scroll + 1,
            Command::PageUp => v.scroll.saturating_sub(page),
            Command::PageDown => v.scroll + page,
            Command::First => 0,
            Command::Last => max,
            _ => v.scroll,
        }
        .min(max);
    }
}
