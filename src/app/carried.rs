//! 上次整改措施 in the interface: the measures of earlier meetings not yet 已完成, shown under
//! their check with owner, deadline and progress (overdue ones marked), and followed up in
//! this meeting through a dialog: where it stands, progress in words, and 销号 with the day
//! and the evidence. Every update goes through the model, which records it in the history.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::dialog::{Dialog, DialogKind};
use super::pane::{Paint, para};
use super::saving::mark_changed;
use super::signoff::key_for;
use super::{App, Walk};
use crate::action::{Command, Effect};
use crate::i18n::followup as ftexts;
use crate::i18n::followup::fill;
use crate::i18n::{Texts, session_error};
use crate::keymap::Ctx;
use crate::model::CheckPos;
use crate::model::carryover::{CarriedMeasure, CarriedUpdate};
use crate::model::session::{RectificationState, parse_date};

/// 整改进展 in words.
pub fn state_label(t: &Texts, s: RectificationState) -> &'static str {
    match s {
        RectificationState::NotStarted => t.rect_not_started,
        RectificationState::InProgress => t.rect_in_progress,
        RectificationState::Done => t.rect_done,
    }
}

impl App {
    /// The dialog for the selected check's carried-over measures, on the first still open.
    pub(super) fn open_carried(&mut self) {
        let t = self.t();
        let ft = ftexts(self.lang);
        let today = self.now.date_naive();
        let Some(w) = &self.walk else { return };
        if w.read_only {
            self.error(t.msg_read_only_refused);
            return;
        }
        let Some(id) = w
            .current_check()
            .and_then(|p| w.check_id(p))
            .map(str::to_owned)
        else {
            self.error(t.msg_not_a_check);
            return;
        };
        let carried = w
            .session
            .answer(&id)
            .map(|a| a.carried_over.as_slice())
            .unwrap_or_default();
        if carried.is_empty() {
            self.info(ft.carried_none);
            return;
        }
        let index = carried
            .iter()
            .position(CarriedMeasure::is_open)
            .unwrap_or(0);
        let dialog = Dialog::carried(id, index, carried.len(), &carried[index], today);
        self.dialog = Some(dialog);
    }

    /// Another measure chosen in the dialog: its own values are shown.
    pub(super) fn switch_carried(&mut self) {
        let today = self.now.date_naive();
        let Some(d) = &self.dialog else { return };
        let DialogKind::Carried { check, count, .. } = &d.kind else {
            return;
        };
        let index = d.choices[0];
        let Some(m) = self
            .walk
            .as_ref()
            .and_then(|w| w.session.answer(check))
            .and_then(|a| a.carried_over.get(index))
        else {
            return;
        };
        let mut next = Dialog::carried(check.clone(), index, *count, m, today);
        next.focus = 0;
        self.dialog = Some(next);
    }

    /// Puts what the dialog says into the measure: progress, 销号, or closing undone.
    pub(super) fn submit_carried(&mut self, check: &str, index: usize) -> Option<Effect> {
        let t = self.t();
        let ft = ftexts(self.lang);
        let now = self.now;
        let d = self.dialog.as_mut()?;
        let state = d.carried_state();
        let progress = d.text(0);
        let evidence = d.text(2);
        let closed_on = if state == RectificationState::Done {
            match parse_date(&d.text(1)) {
                Ok(day) => Some(day.unwrap_or_else(|| now.date_naive())),
                Err(e) => {
                    d.error = Some(format!(
                        "{}{}{}",
                        ft.carried_closed_on,
                        t.colon,
                        session_error(&e, t.lang)
                    ));
                    d.focus = 3;
                    return None;
                }
            }
        } else {
            None
        };
        if state == RectificationState::Done && evidence.is_empty() {
            d.error = Some(ft.carried_need_evidence.to_owned());
            d.focus = 4;
            return None;
        }
        let w = self.walk.as_mut()?;
        let old = w
            .session
            .answer(check)
            .and_then(|a| a.carried_over.get(index))
            .cloned()?;
        let mut updates = Vec::new();
        if old.state == RectificationState::Done && state != RectificationState::Done {
            updates.push(CarriedUpdate::Reopen);
        }
        let keep = if state == RectificationState::Done {
            // The state before closing, for the progress words.
            if old.state == RectificationState::Done {
                RectificationState::InProgress
            } else {
                old.state
            }
        } else {
            state
        };
        if progress != old.progress || keep != old.state || !updates.is_empty() {
            updates.push(CarriedUpdate::Progress {
                state: keep,
                text: progress,
            });
        }
        if let Some(on) = closed_on {
            updates.push(CarriedUpdate::Close { on, evidence });
        }
        let mut changed = false;
        for u in updates {
            w.session.end_text_edit();
            match w.session.update_carried(check, index, u, now) {
                Ok(c) => changed |= c,
                Err(e) => {
                    let why = session_error(&e, t.lang);
                    if let Some(d) = self.dialog.as_mut() {
                        d.error = Some(why);
                    }
                    return None;
                }
            }
        }
        self.dialog = None;
        if !changed {
            self.info(ft.carried_unchanged);
            return None;
        }
        mark_changed(w, now, Some(check));
        self.info(if state == RectificationState::Done {
            ft.carried_closed
        } else {
            ft.carried_updated
        });
        self.save_if_dirty()
    }
}

/// One carried-over measure as lines: the measure, the problem it answers, owner and
/// deadline (overdue marked), where it stands, and its 销号.
pub fn measure_lines(
    app: &App,
    n: usize,
    m: &CarriedMeasure,
    width: usize,
    p: &Paint,
) -> Vec<Line<'static>> {
    let t = app.t();
    let ft = ftexts(app.lang);
    let today = app.now.date_naive();
    let mut out = Vec::new();
    let since = m
        .since
        .map(|d| {
            format!(
                "{}{}{}",
                t.open,
                fill(
                    ft.carried_since,
                    &[("date", &d.format("%Y-%m-%d").to_string())]
                ),
                t.close
            )
        })
        .unwrap_or_default();
    out.extend(para(
        &format!("{n}. {}{since}", m.measures),
        width,
        2,
        p.strong,
    ));
    if !m.problems.is_empty() {
        out.extend(para(
            &format!("{}{}{}", t.field_problems, t.colon, m.problems),
            width,
            5,
            Style::new(),
        ));
    }
    let mut meta = Vec::new();
    if !m.owner.is_empty() {
        meta.push(format!("{}{}{}", t.summary_owner, t.colon, m.owner));
    }
    let due = m.due_display();
    if !due.is_empty() {
        meta.push(format!("{}{}{due}", t.summary_due, t.colon));
    }
    if !meta.is_empty() {
        out.extend(para(&meta.join("  "), width, 5, Style::new()));
    }
    let mut state = vec![Span::raw("     ".to_owned())];
    state.push(Span::styled(
        format!("{}{}", ft.carried_state, t.colon),
        p.label,
    ));
    state.push(Span::styled(state_label(t, m.state).to_owned(), p.strong));
    if m.is_overdue(today) {
        state.push(Span::styled(
            format!("{}{}{}", t.open, t.summary_overdue, t.close),
            p.flag,
        ));
    }
    out.push(Line::from(state));
    if !m.progress.is_empty() {
        out.extend(para(
            &format!("{}{}{}", ft.carried_progress, t.colon, m.progress),
            width,
            5,
            Style::new(),
        ));
    }
    if let Some(d) = m.closed_on {
        out.extend(para(
            &format!(
                "{}{}{}  {}{}{}",
                ft.carried_closed_on,
                t.colon,
                d.format("%Y-%m-%d"),
                ft.carried_evidence,
                t.colon,
                m.closing_evidence
            ),
            width,
            5,
            Style::new(),
        ));
    }
    out
}

/// The right pane's 上次整改措施 block of a check, with the key that follows them up.
pub fn pane_lines(
    app: &App,
    w: &Walk,
    pos: CheckPos,
    width: usize,
    p: &Paint,
) -> Vec<Line<'static>> {
    let ft = ftexts(app.lang);
    let Some(a) = w.check_id(pos).and_then(|id| w.session.answer(id)) else {
        return Vec::new();
    };
    if a.carried_over.is_empty() {
        return Vec::new();
    }
    let key = key_for(Ctx::Walk, Command::FollowUpCarried);
    let mut out = vec![
        Line::default(),
        Line::from(vec![
            Span::styled(
                format!(
                    "{}{}{}{}",
                    ft.carried_heading,
                    app.t().open,
                    a.carried_over.len(),
                    app.t().close
                ),
                p.heading,
            ),
            Span::raw("  "),
            Span::styled(fill(ft.carried_hint, &[("key", key.as_str())]), p.key),
        ]),
    ];
    for (i, m) in a.carried_over.iter().enumerate() {
        out.extend(measure_lines(app, i + 1, m, width, p));
    }
    out
}
