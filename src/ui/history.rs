//! A check's history of changes, drawn over the body of the walk-through (the footer below
//! stays, naming the keys that scroll and close it).

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::{Look, block};
use crate::app::App;
use crate::app::history_view;
use crate::app::pane::{Paint, max_scroll};
use crate::i18n::followup as ftexts;

pub fn render(frame: &mut Frame, app: &App, look: &Look) {
    let (Some(w), Some(v)) = (&app.walk, &app.history_view) else {
        return;
    };
    let ft = ftexts(app.lang);
    let area = history_view::area(app.size).intersection(frame.area());
    let subject = w
        .index
        .position(&v.check)
        .and_then(|pos| {
            w.session
                .template
                .check_at(pos)
                .map(|c| format!("{} {}", w.session.template.display_number(pos), c.text))
        })
        .unwrap_or_default();
    let title = format!("{}{}{subject}", ft.history_title, look.sep());
    frame.render_widget(Clear, area);
    let b = block(
        look,
        super::cut(&title, usize::from(area.width.saturating_sub(6))),
        true,
    )
    .style(look.theme.base);
    let inner = b.inner(area);
    let width = usize::from(inner.width);
    if width < 4 || inner.height == 0 {
        frame.render_widget(b, area);
        return;
    }
    let lines = history_view::lines(app, &w.session, &v.check, width, &Paint::from(look));
    let rows = usize::from(inner.height);
    let offset = v.scroll.min(max_scroll(lines.len(), rows));
    let (above, below) = super::detail::more_marks(app, offset, lines.len(), rows);
    frame.render_widget(super::detail::with_marks(b, above, below, look), area);
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(rows).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
