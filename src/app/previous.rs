//! 上次 beside this meeting's answers: the previous meeting's status and text of each field,
//! drawn after a label in another style so they never pass for this meeting's own words (on a
//! projector, and without colour, where the label alone tells them apart); a key copies them in
//! as a starting point, one undo step; and the marks of a repeat finding (反复出现) and of
//! overdue carried-over measures in the tree, the right pane and the summary.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::pane::{Paint, para};
use super::saving::mark_changed;
use super::signoff::key_for;
use super::undo::Change;
use super::{App, Focus, Walk, field_label};
use crate::action::{Command, Effect};
use crate::i18n::followup as ftexts;
use crate::i18n::followup::fill;
use crate::keymap::Ctx;
use crate::model::carryover::{self, CarriedMeasure, PreviousAnswer};
use crate::model::{CheckPos, Field, Session};

/// Lines of a previous text shown under a field that is not selected; the selected one shows
/// it whole.
const PREVIOUS_LINES_FOLDED: usize = 3;

/// A status id in words, by the session's answer set.
fn status_words(s: &Session, id: Option<&str>, en: bool, not_checked: &str) -> String {
    id.map_or_else(
        || not_checked.to_owned(),
        |id| {
            s.template
                .answer_set
                .iter()
                .find(|o| o.id == id)
                .map_or_else(|| id.to_owned(), |o| o.label_for(en).to_owned())
        },
    )
}

fn previous_of(w: &Walk, pos: CheckPos) -> Option<&PreviousAnswer> {
    let id = w.check_id(pos)?;
    w.session.answer(id)?.previous.as_deref()
}

/// Under the status line: the previous status (with the key that copies the previous answer
/// in), and 反复出现 when the check is found short again.
pub fn status_lines(
    app: &App,
    w: &Walk,
    pos: CheckPos,
    width: usize,
    p: &Paint,
) -> Vec<Line<'static>> {
    status_block(app, w, pos, width, p, true)
}

/// The projector's lines about the previous meeting: the previous status and 反复出现 under
/// the status (no keys: the room reads it), and at the end the carried-over measures.
pub fn projector_status(
    app: &App,
    w: &Walk,
    pos: CheckPos,
    width: usize,
    p: &Paint,
) -> Vec<Line<'static>> {
    status_block(app, w, pos, width, p, false)
}

/// The carried-over measures of a check on the projector's page.
pub fn projector_carried(
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
    let mut out = para(ft.carried_heading, width, 0, p.label);
    for (i, m) in a.carried_over.iter().enumerate() {
        out.extend(super::carried::measure_lines(app, i + 1, m, width, p));
    }
    out.push(Line::default());
    out
}

fn status_block(
    app: &App,
    w: &Walk,
    pos: CheckPos,
    width: usize,
    p: &Paint,
    hint: bool,
) -> Vec<Line<'static>> {
    let t = app.t();
    let ft = ftexts(app.lang);
    let en = app.lang.is_en();
    let Some(prev) = previous_of(w, pos) else {
        return Vec::new();
    };
    let id = w.check_id(pos).unwrap_or_default();
    let before = status_words(&w.session, prev.status.as_deref(), en, t.not_checked);
    let head = format!("{}{}{before}", ft.prev, t.colon);
    let mut out = para(&head, width, 2, p.label);
    if hint && Field::ALL.iter().any(|f| !prev.field(*f).trim().is_empty()) {
        let key = key_for(Ctx::Walk, Command::CopyPrevious);
        let hint = fill(ft.copy_hint, &[("key", key.as_str())]);
        // Beside the previous status where it fits, else on a line of its own.
        let used = out.last().map_or(0, Line::width);
        if out.len() == 1 && used + 2 + crate::text::wrap::width(&hint) <= width {
            if let Some(l) = out.last_mut() {
                l.spans.push(Span::raw("  "));
                l.spans.push(Span::styled(hint, p.key));
            }
        } else {
            out.extend(para(&hint, width, 2, p.key));
        }
    }
    if carryover::is_repeat(&w.session, id) {
        let now = status_words(&w.session, w.session.status(id), en, t.not_checked);
        let text = format!(
            "{}{}",
            ft.repeat_mark,
            fill(
                ft.repeat_detail,
                &[("prev", before.as_str()), ("now", now.as_str())]
            )
        );
        out.extend(para(&text, width, 2, p.flag));
    }
    out
}

/// Under a field: what the previous meeting wrote there (上次：…), folded to a few lines
/// unless the field is selected.
pub fn field_lines(
    app: &App,
    w: &Walk,
    pos: CheckPos,
    field: Field,
    width: usize,
    p: &Paint,
) -> Vec<Line<'static>> {
    let t = app.t();
    let ft = ftexts(app.lang);
    let Some(prev) = previous_of(w, pos) else {
        return Vec::new();
    };
    let text = prev.field(field);
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut lines = para(&format!("{}{}{text}", ft.prev, t.colon), width, 4, p.label);
    let selected = w.focus == Focus::Field(field) || w.editor.is_some();
    if !selected && lines.len() > PREVIOUS_LINES_FOLDED {
        lines.truncate(PREVIOUS_LINES_FOLDED);
        lines.push(Line::from(vec![
            Span::raw("    "),
            Span::styled("...".to_owned(), p.label),
        ]));
    }
    lines
}

/// The marks of a check in the tree: 〔反复〕 for a repeat finding, 〔逾期〕 for a carried-over
/// measure past its deadline, else 〔遗留〕 for one still open.
pub fn tree_tags(app: &App, s: &Session, check_id: &str) -> String {
    let ft = ftexts(app.lang);
    let Some(a) = s.answer(check_id) else {
        return String::new();
    };
    let mut tags = String::new();
    if carryover::is_repeat(s, check_id) {
        tags.push_str(ft.tag_repeat);
    }
    let today = app.now.date_naive();
    if a.carried_over.iter().any(|m| m.is_overdue(today)) {
        tags.push_str(ft.tag_overdue);
    } else if a.carried_over.iter().any(CarriedMeasure::is_open) {
        tags.push_str(ft.tag_carried);
    }
    tags
}

/// 【反复出现】 before a check that is a repeat finding, else nothing.
pub fn repeat_mark(app: &App, s: &Session, check_id: &str) -> String {
    if carryover::is_repeat(s, check_id) {
        ftexts(app.lang).repeat_mark.to_owned()
    } else {
        String::new()
    }
}

/// The summary's block of repeat findings and carried-over measures (with where each stands
/// and whether it is overdue); nothing for a record not made from an earlier one.
pub fn summary_lines(app: &App, w: &Walk, width: usize, p: &Paint) -> Vec<Line<'static>> {
    let s = &w.session;
    let ft = ftexts(app.lang);
    let repeats = carryover::repeats(s);
    let carried: Vec<(CheckPos, &str, usize)> = s
        .template
        .checks()
        .filter_map(|(pos, c)| {
            s.answer(&c.id)
                .map(|a| (pos, c.id.as_str(), a.carried_over.len()))
        })
        .filter(|(.., n)| *n > 0)
        .collect();
    if s.previous.is_none() && repeats.is_empty() && carried.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Line::from(Span::styled(
        ft.summary_followup.to_owned(),
        p.heading,
    ))];
    out.push(Line::from(Span::styled(
        format!(
            "  {}{}{}{}",
            ft.summary_repeats,
            app.t().open,
            repeats.len(),
            app.t().close
        ),
        p.label,
    )));
    for id in &repeats {
        let (Some(pos), Some(check)) = (
            w.index.position(id),
            w.index.position(id).and_then(|p| s.template.check_at(p)),
        ) else {
            continue;
        };
        out.extend(para(
            &format!(
                "{}{} {}",
                ft.repeat_mark,
                s.template.display_number(pos),
                check.text
            ),
            width,
            4,
            p.flag,
        ));
    }
    if repeats.is_empty() {
        out.extend(para(ft.summary_no_followup, width, 4, Style::new()));
    }
    let total: usize = carried.iter().map(|(.., n)| n).sum();
    out.push(Line::from(Span::styled(
        format!(
            "  {}{}{total}{}",
            ft.summary_carried,
            app.t().open,
            app.t().close
        ),
        p.label,
    )));
    for (pos, id, _) in &carried {
        let Some(check) = s.template.check_at(*pos) else {
            continue;
        };
        out.extend(para(
            &format!("{} {}", s.template.display_number(*pos), check.text),
            width,
            4,
            p.strong,
        ));
        if let Some(a) = s.answer(id) {
            for (i, m) in a.carried_over.iter().enumerate() {
                out.extend(
                    super::carried::measure_lines(app, i + 1, m, width.saturating_sub(4), p)
                        .into_iter()
                        .map(|l| indent(l, 4)),
                );
            }
        }
    }
    if carried.is_empty() {
        out.extend(para(ft.summary_no_followup, width, 4, Style::new()));
    }
    out.push(Line::default());
    out
}

fn indent(mut l: Line<'static>, n: usize) -> Line<'static> {
    l.spans.insert(0, Span::raw(" ".repeat(n)));
    l
}

impl App {
    /// While a field is edited: the previous meeting's text of it, inserted at the cursor
    /// (one step of the editor's undo).
    fn insert_previous(&mut self) {
        let t = self.t();
        let ft = ftexts(self.lang);
        let now = self.now;
        let Some(w) = self.walk.as_mut() else { return };
        let Some((pos, field)) = w.editor.as_ref().and_then(super::Editor::answer_field) else {
            return;
        };
        let text = w
            .check_id(pos)
            .and_then(|id| w.session.answer(id))
            .and_then(|a| a.previous.as_ref())
            .map(|p| p.field(field))
            .unwrap_or_default();
        if text.trim().is_empty() {
            self.info(ft.nothing_to_copy);
            return;
        }
        let Some(ed) = w.editor.as_mut() else { return };
        let text = crate::text::sanitize::clean_input(&text);
        let text = if ed.is_single_line() {
            text.replace('\n', " ")
        } else {
            text
        };
        if ed.area.insert_str(text) {
            ed.typed(now);
        }
        self.info(fill(ft.copied_field, &[("field", field_label(t, field))]));
    }

    /// Copies the previous meeting's answer in: into the selected field, or (from the
    /// checklist) into every field still empty. One undo step.
    pub(super) fn copy_previous(&mut self) -> Option<Effect> {
        let t = self.t();
        let ft = ftexts(self.lang);
        let now = self.now;
        let w = self.walk.as_mut()?;
        if w.read_only {
            self.error(t.msg_read_only_refused);
            return None;
        }
        if w.editor.is_some() {
            self.insert_previous();
            return None;
        }
        let Some(pos) = w.current_check() else {
            self.error(t.msg_not_a_check);
            return None;
        };
        let id = w.check_id(pos).unwrap_or_default().to_owned();
        let Some(prev) = w.session.answer(&id).and_then(|a| a.previous.clone()) else {
            self.info(ft.no_previous);
            return None;
        };
        let current =
            |w: &Walk, f: Field| w.session.answer(&id).map(|a| f.get(a)).unwrap_or_default();
        let targets: Vec<Field> = match w.focus {
            Focus::Field(f) if !w.projector => vec![f],
            _ => Field::ALL
                .into_iter()
                .filter(|f| current(w, *f).trim().is_empty())
                .collect(),
        };
        let mut done = Vec::new();
        for f in targets {
            let before = current(w, f);
            let text = prev.field(f);
            if text.trim().is_empty() || text == before {
                continue;
            }
            w.session.end_text_edit();
            if let Ok(true) = w.session.set_field(&id, f, &text, now) {
                done.push((f, before, current(w, f)));
            }
        }
        w.session.end_text_edit();
        if done.is_empty() {
            self.info(ft.nothing_to_copy);
            return None;
        }
        mark_changed(w, now, Some(&id));
        let text = if let [(f, ..)] = done.as_slice() {
            fill(ft.copied_field, &[("field", field_label(t, *f))])
        } else {
            fill(ft.copied_fields, &[("n", &done.len().to_string())])
        };
        w.history.record(Change::Fields {
            check: id,
            fields: done,
        });
        self.info(text);
        self.save_if_dirty()
    }
}
