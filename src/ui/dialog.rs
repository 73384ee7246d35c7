//! A dialog over the screen (signing, reopening, a carried-over measure): what it is about,
//! then its rows, label and value, with the terminal cursor in the focused text so an input
//! method's candidates open there, and why the last attempt to confirm was refused.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Look, block, cut, para};
use crate::app::App;
use crate::app::dialog::{CARRIED_STATES, Dialog, DialogKind, DialogRow};
use crate::app::pane::Paint;
use crate::i18n::followup as ftexts;
use crate::i18n::followup::fill;
use crate::text::wrap;

fn title(app: &App, d: &Dialog) -> &'static str {
    let ft = ftexts(app.lang);
    match d.kind {
        DialogKind::Sign { .. } => ft.sign_title,
        DialogKind::Reopen => ft.reopen_title,
        DialogKind::Carried { .. } => ft.carried_title,
    }
}

/// What the dialog is about, above its rows.
fn intro(app: &App, d: &Dialog, width: usize, look: &Look) -> Vec<Line<'static>> {
    let ft = ftexts(app.lang);
    let th = &look.theme;
    let mut out = Vec::new();
    match &d.kind {
        DialogKind::Sign { .. } => {
            out.extend(para(ft.sign_intro, width, 0, th.base));
            if let Some(warning) = app.walk.as_ref().and_then(|w| {
                // The counts kept by each status change: nothing counted while drawing.
                let (answered, total) = w.tally.overall();
                crate::i18n::followup::unfinished_warning(answered, total, app.lang)
            }) {
                out.extend(para(&warning, width, 0, th.error));
            }
        }
        DialogKind::Reopen => {
            out.extend(para(ft.reopen_intro, width, 0, th.base));
            if let Some(w) = &app.walk {
                for s in &w.session.signatures {
                    let text = fill(
                        ft.summary_signed_by,
                        &[
                            ("role", crate::i18n::role_label(s.role, app.lang)),
                            ("name", &crate::text::sanitize::one_line(&s.name)),
                            ("at", &s.at.format("%Y-%m-%d %H:%M").to_string()),
                        ],
                    );
                    out.extend(para(&text, width, 2, th.strong));
                }
            }
        }
        DialogKind::Carried { check, .. } => {
            let index = d.choices[0];
            if let Some(m) = app
                .walk
                .as_ref()
                .and_then(|w| w.session.answer(check))
                .and_then(|a| a.carried_over.get(index))
            {
                out.extend(crate::app::carried::measure_lines(
                    app,
                    index + 1,
                    m,
                    width,
                    &Paint::from(look),
                ));
            }
        }
    }
    out
}

fn label(app: &App, d: &Dialog, row: DialogRow) -> &'static str {
    let ft = ftexts(app.lang);
    match (&d.kind, row) {
        (DialogKind::Sign { .. }, DialogRow::Choice(_)) => ft.sign_role,
        (DialogKind::Sign { .. }, DialogRow::Text(_)) => ft.sign_name,
        (DialogKind::Reopen, DialogRow::Text(0)) => ft.reopen_name,
        (DialogKind::Reopen, _) => ft.reopen_reason,
        (DialogKind::Carried { .. }, DialogRow::Choice(0)) => ft.carried_measure,
        (DialogKind::Carried { .. }, DialogRow::Choice(_)) => ft.carried_state,
        (DialogKind::Carried { .. }, DialogRow::Text(0)) => ft.carried_progress,
        (DialogKind::Carried { .. }, DialogRow::Text(1)) => ft.carried_closed_on,
        (DialogKind::Carried { .. }, DialogRow::Text(_)) => ft.carried_evidence,
    }
}

fn choice_text(app: &App, d: &Dialog, i: usize) -> String {
    let ft = ftexts(app.lang);
    let t = app.t();
    let chosen = d.choices.get(i).copied().unwrap_or(0);
    let text = match (&d.kind, i) {
        (DialogKind::Sign { roles }, _) => roles
            .get(chosen)
            .map(|r| crate::i18n::role_label(*r, app.lang).to_owned())
            .unwrap_or_default(),
        (DialogKind::Carried { count, .. }, 0) => fill(
            ft.carried_which,
            &[("i", &(chosen + 1).to_string()), ("n", &count.to_string())],
        ),
        (DialogKind::Carried { .. }, _) => match CARRIED_STATES.get(chosen) {
            Some(crate::model::session::RectificationState::Done) => {
                ft.carried_done_label.to_owned()
            }
            Some(s) => crate::app::carried::state_label(t, *s).to_owned(),
            None => String::new(),
        },
        (DialogKind::Reopen, _) => String::new(),
    };
    if d.options(i) > 1 {
        format!("< {text} >")
    } else {
        text
    }
}

fn label_width(app: &App, d: &Dialog) -> usize {
    d.rows()
        .iter()
        .map(|r| wrap::width(label(app, d, *r)))
        .max()
        .unwrap_or(8)
        + 4
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let Some(d) = &app.dialog else { return };
    let th = &look.theme;
    let width = area.width.saturating_sub(8).min(88);
    if width < 30 || area.height < 8 {
        return;
    }
    let inner_w = usize::from(width - 2);
    let intro = intro(app, d, inner_w, look);
    let rows = d.rows();
    // Intro, a blank line, the rows, a blank line, the error.
    let wanted = intro.len() + rows.len() + 3 + 2;
    let height = u16::try_from(wanted).unwrap_or(u16::MAX).min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    // A wide character cut by the left edge would take the border with it.
    if rect.x > area.x {
        let buf = frame.buffer_mut();
        for y in rect.y..rect.y + rect.height {
            buf[(rect.x - 1, y)].set_symbol(" ");
        }
    }
    frame.render_widget(Clear, rect);
    let b = block(look, title(app, d), true).style(th.base);
    let inner = b.inner(rect);
    frame.render_widget(b, rect);
    // The rows and the error keep their places; the intro gives way on a short screen.
    let fixed = rows.len() + 3;
    let intro_rows = usize::from(inner.height).saturating_sub(fixed);
    let intro_len = intro.len().min(intro_rows);
    frame.render_widget(
        Paragraph::new(intro.into_iter().take(intro_len).collect::<Vec<_>>()),
        Rect {
            height: u16::try_from(intro_len).unwrap_or(0),
            ..inner
        },
    );
    let top = inner.y + u16::try_from(intro_len + 1).unwrap_or(0);
    render_rows(
        frame,
        Rect {
            y: top,
            height: (inner.y + inner.height).saturating_sub(top),
            ..inner
        },
        app,
        d,
        look,
    );
    if let Some(e) = &d.error {
        let y = inner.y + inner.height - 1;
        frame.render_widget(
            Paragraph::new(Span::styled(cut(e, usize::from(inner.width)), th.error)),
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
    }
}

/// The rows, label and value, from the top of `area`; the terminal cursor goes into the
/// focused text.
fn render_rows(frame: &mut Frame, area: Rect, app: &App, d: &Dialog, look: &Look) {
    let th = &look.theme;
    let rows = d.rows();
    let label_w = label_width(app, d);
    let value_w = usize::from(area.width).saturating_sub(label_w);
    let mut cursor = None;
    for (i, row) in rows.iter().enumerate() {
        let y = area.y + u16::try_from(i).unwrap_or(0);
        if y >= area.y + area.height {
            break;
        }
        let focused = d.focus == i;
        let marker = if focused { "> " } else { "  " };
        let lab = format!("{marker}{}", label(app, d, *row));
        let lab = format!(
            "{lab}{}",
            " ".repeat(label_w.saturating_sub(wrap::width(&lab)))
        );
        let lstyle = if focused {
            th.selected.patch(th.label)
        } else {
            th.label
        };
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(lab, lstyle))),
            Rect {
                y,
                height: 1,
                ..area
            },
        );
        let value_area = Rect {
            x: area.x + u16::try_from(label_w).unwrap_or(0),
            y,
            width: u16::try_from(value_w).unwrap_or(0),
            height: 1,
        };
        match row {
            DialogRow::Choice(c) => {
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        cut(&choice_text(app, d, *c), value_w),
                        th.strong,
                    )),
                    value_area,
                );
            }
            DialogRow::Text(t) => {
                if let Some(ta) = d.inputs.get(*t)
                    && value_area.width >= 4
                {
                    frame.render_widget(ta, value_area);
                    if focused {
                        cursor = Some(super::form::line_cursor(ta, value_area, y));
                    }
                }
            }
        }
    }
    if let Some(c) = cursor {
        frame.set_cursor_position(c);
    }
}
