//! The session picker: the sessions in the data folder, and the way to start a new one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Look, block, cut, footer};
use crate::app::App;
use crate::app::layout;
use crate::text::wrap;

pub fn render(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let t = app.t();
    let th = &look.theme;
    let (header, body, foot) = layout::frame(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(t.app_name, th.title)),
            Line::from(Span::styled(crate::i18n::NOTICE_NUMBER, th.label)),
        ]),
        header,
    );
    let b = block(look, t.picker_title, true);
    let inner = b.inner(body);
    frame.render_widget(b, body);
    let width = usize::from(inner.width);
    if width < 4 {
        return;
    }
    let height = usize::from(inner.height);
    let mut lines = Vec::new();
    let rows = app.picker.len() + 1;
    let offset = app.picker_selected.saturating_sub(height.saturating_sub(1));
    for i in (0..rows).skip(offset).take(height) {
        let selected = i == app.picker_selected;
        let marker = if selected { ">" } else { " " };
        let line_style = if selected { th.selected } else { Style::new() };
        let (text, style) = if i == 0 {
            (t.picker_new.to_owned(), th.key)
        } else {
            let e = &app.picker[i - 1];
            if let Some(err) = &e.error {
                (format!("!! {} {err}", t.picker_bad_file), th.error)
            } else {
                let unit = if e.unit.is_empty() {
                    t.unnamed_unit
                } else {
                    &e.unit
                };
                let lock = e
                    .locked_by
                    .as_ref()
                    .map(|h| format!("  [{}{h}]", t.picker_locked_by))
                    .unwrap_or_default();
                (
                    format!(
                        "{}  {unit}  {}/{}  {}  {}{lock}",
                        e.date, e.answered, e.total, e.template, e.title
                    ),
                    Style::new(),
                )
            }
        };
        let body = cut(&text, width.saturating_sub(2));
        let pad = width.saturating_sub(2 + wrap::width(&body));
        lines.push(
            Line::from(vec![
                Span::styled(format!("{marker} "), th.key),
                Span::styled(body, style),
                Span::raw(" ".repeat(pad)),
            ])
            .style(line_style),
        );
    }
    if app.picker.is_empty() && height > 2 {
        lines.push(Line::default());
        lines.extend(super::para(t.picker_empty, width, 2, Style::new()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let msg = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    let style = if app.message.as_ref().is_some_and(|m| m.error) {
        th.error
    } else {
        th.ok
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(cut(&msg, usize::from(foot.width)), style)),
            footer::hints(app, look, usize::from(foot.width)),
        ]),
        foot,
    );
}
