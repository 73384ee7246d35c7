//! The meeting-details form (new session, or details of the open one). The focused text field
//! holds the terminal cursor, so an input method's candidate window appears there.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Look, block, cut, footer};
use crate::app::App;
use crate::app::form::{FormPurpose, FormRow, rows_window};
use crate::app::layout;
use crate::i18n::Texts;
use crate::text::wrap;

/// What an empty row may hold, shown in it until something is typed.
/// Where the terminal's cursor goes for a one-line text field drawn in `area` on row `y`: at the
/// field's cursor, less what the field has scrolled, inside the area.
pub(super) fn line_cursor(ta: &ratatui_textarea::TextArea<'_>, area: Rect, y: u16) -> (u16, u16) {
    let sc = ta.screen_cursor();
    let (_, top_col) = ta.scroll_offset();
    let col = sc.col.saturating_sub(usize::from(top_col));
    (
        area.x
            + u16::try_from(col)
                .unwrap_or(0)
                .min(area.width.saturating_sub(1)),
        y,
    )
}

fn hint(t: &Texts, row: FormRow) -> Option<&'static str> {
    let at = crate::i18n::attendance(t.lang);
    match row {
        FormRow::Present => Some(at.present_hint),
        FormRow::Absent => Some(at.absent_hint),
        FormRow::Observers => Some(at.observers_hint),
        _ => None,
    }
}

fn label(t: &Texts, row: FormRow) -> &'static str {
    let at = crate::i18n::attendance(t.lang);
    match row {
        FormRow::Template => t.form_template,
        FormRow::Unit => t.form_unit,
        FormRow::Kind => t.form_kind,
        FormRow::Title => t.form_title,
        FormRow::Date => t.form_date,
        FormRow::Place => t.form_place,
        FormRow::Host => t.form_host,
        FormRow::Recorder => t.form_recorder,
        FormRow::Attendees => t.form_attendees,
        FormRow::Expected => at.expected,
        FormRow::Present => at.present,
        FormRow::Absent => at.absent,
        FormRow::Observers => at.observers,
        FormRow::Recipient => t.form_recipient,
        FormRow::Study => t.form_study,
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one arm per kind of row, drawn in place"
)]
pub fn render(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let Some(form) = &app.form else { return };
    let t = app.t();
    let th = &look.theme;
    let en = app.lang.is_en();
    let (header, body, foot) = layout::frame(area);
    let title = match form.purpose {
        FormPurpose::New => t.form_new_title.to_owned(),
        FormPurpose::Edit => t.form_edit_title.to_owned(),
        FormPurpose::View if form.drafted => {
            format!("{}{}", t.form_view_title, look.own(t.draft_marker))
        }
        FormPurpose::View => t.form_view_title.to_owned(),
    };
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(t.app_name, th.title))),
        header,
    );
    let b = block(look, title, true);
    let inner = b.inner(body);
    frame.render_widget(b, body);
    if inner.width < 20 || inner.height < 2 {
        return;
    }
    let label_w = FormRow::ALL
        .iter()
        .map(|r| wrap::width(label(t, *r)))
        .max()
        .unwrap_or(8)
        + 4;
    let value_w = usize::from(inner.width).saturating_sub(label_w);
    let mut cursor = None;
    let n = form.rows().len();
    let visible = usize::from(inner.height);
    // A blank line between rows where they all fit so; else one row a line, scrolled to keep
    // the focused row in view.
    let step = if n * 2 <= visible { 2 } else { 1 };
    let first = rows_window(form.scroll, form.focus, n, visible);
    let shown = n.saturating_sub(first).min(visible.div_ceil(step));
    for (i, row) in form.rows().iter().enumerate().skip(first).take(shown) {
        let y = inner.y + u16::try_from((i - first) * step).unwrap_or(u16::MAX);
        if y >= inner.y + inner.height {
            break;
        }
        let focused = form.focus == i;
        let marker = if focused { "> " } else { "  " };
        let lstyle = if focused {
            th.selected.patch(th.label)
        } else {
            th.label
        };
        let lab = format!("{marker}{}", label(t, *row));
        let lab = format!(
            "{lab}{}",
            " ".repeat(label_w.saturating_sub(wrap::width(&lab)))
        );
        let value_area = Rect {
            x: inner.x + u16::try_from(label_w).unwrap_or(0),
            y,
            width: u16::try_from(value_w).unwrap_or(0),
            height: 1,
        };
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(lab, lstyle))),
            Rect {
                height: 1,
                y,
                ..inner
            },
        );
        match row {
            FormRow::Template => {
                let tpl = form.chosen_template();
                let fixed = form.purpose != FormPurpose::New;
                let title = tpl.title_for(en);
                let with_hint = format!("< {title} > {}{}{}", t.open, t.choice_hint, t.close);
                // Where the hint does not fit it goes (the arrows stay), then the title is cut
                // with a mark, never the brackets.
                let text = if fixed {
                    title.to_owned()
                } else if wrap::width(&with_hint) <= value_w {
                    with_hint
                } else {
                    let room = value_w.saturating_sub(wrap::width("<  >"));
                    format!("< {} >", super::tree::cut_marked(title, room, look.ascii))
                };
                frame.render_widget(
                    Paragraph::new(Span::styled(cut(&text, value_w), th.strong)),
                    value_area,
                );
            }
            FormRow::Kind => {
                let name = form
                    .unit_kind()
                    .map_or("-", |k| crate::i18n::unit_kind(k, app.lang));
                let text = if form.purpose == FormPurpose::View {
                    name.to_owned()
                } else {
                    format!("< {name} >")
                };
                frame.render_widget(
                    Paragraph::new(Span::styled(cut(&text, value_w), th.strong)),
                    value_area,
                );
            }
            _ => {
                if let Some(ta) = form.input(*row)
                    && value_area.width >= 4
                {
                    frame.render_widget(ta, value_area);
                    if form.purpose != FormPurpose::View
                        && ta.is_empty()
                        && let Some(h) = hint(t, *row)
                    {
                        // After the cursor's cell, so the cursor stays where typing goes.
                        let w = usize::from(value_area.width - 1);
                        frame.render_widget(
                            Paragraph::new(Span::styled(cut(h, w), th.quote)),
                            Rect {
                                x: value_area.x + 1,
                                width: value_area.width - 1,
                                ..value_area
                            },
                        );
                    }
                    if focused && form.purpose != FormPurpose::View {
                        cursor = Some(line_cursor(ta, value_area, y));
                    }
                }
            }
        }
    }
    if let Some(c) = cursor {
        frame.set_cursor_position(c);
    }
    // Rows out of view are told on the frame's edge.
    let marks = [
        (first > 0, body.y, t.more_above),
        (
            first + shown < n,
            body.y + body.height.saturating_sub(1),
            t.more_below,
        ),
    ];
    for (more, y, text) in marks {
        let text = format!(" {text} ");
        let w = u16::try_from(wrap::width(&text)).unwrap_or(u16::MAX);
        if more && body.width > w + 4 {
            frame.render_widget(
                Paragraph::new(Span::styled(text, th.key)),
                Rect {
                    x: body.x + body.width - w - 2,
                    y,
                    width: w,
                    height: 1,
                },
            );
        }
    }
    // A new session's "based on": what it starts from, or the offer of the unit's latest.
    let used = u16::try_from(shown * step).unwrap_or(u16::MAX);
    if let Some(note) = app.based_on_note()
        && inner.height > used
    {
        let lines = super::para(&note, usize::from(inner.width), 2, th.key);
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                y: inner.y + used,
                height: inner.height - used,
                ..inner
            },
        );
    }
    // Its own complaint, else what the runtime reported (a session that could not be made).
    let (err, style) = form
        .error
        .clone()
        .or_else(|| {
            app.message
                .as_ref()
                .filter(|m| m.error)
                .map(|m| m.text.clone())
        })
        .map(|e| (e, th.error))
        .or_else(|| {
            form.attendance_note(app.lang)
                .map(|(n, refused)| (n, if refused { th.error } else { th.key }))
        })
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(cut(&err, usize::from(foot.width)), style)),
            footer::hints(app, look, usize::from(foot.width)),
        ]),
        foot,
    );
}
