//! Projector mode: the current check alone, large margins and generous spacing, readable from
//! the back of a meeting room. A check longer than the screen scrolls (`PgDn` / `Space`), with a
//! "more below / above" line so the room knows there is more.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Look, footer, header};
use crate::app::pane::{self, Paint};
use crate::app::{App, layout};

pub fn render(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let Some(w) = &app.walk else { return };
    let (head, _, foot) = layout::frame(area);
    header::render(frame, head, app, look);
    footer::render(frame, foot, app, look);
    let inner = layout::projector_text(area);
    let width = usize::from(inner.width);
    let rows = layout::projector_rows(area);
    if width < 4 || rows == 0 {
        return;
    }
    let Some(pos) = w.current_check() else { return };
    let paint = Paint::from(look);
    let lines = pane::projector_lines(app, w, pos, width, &paint);
    let total = lines.len();
    let offset = w.detail_scroll.min(pane::max_scroll(total, rows));
    let (above, below) = super::detail::more_marks(app, offset, total, rows);
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(rows).collect();
    frame.render_widget(
        Paragraph::new(visible),
        Rect {
            height: u16::try_from(rows).unwrap_or(0),
            ..inner
        },
    );
    let mark = |text: Option<String>, y: u16| {
        text.map(|m| {
            (
                Paragraph::new(Line::from(Span::styled(m, look.theme.key)).right_aligned()),
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
            )
        })
    };
    if let Some((p, r)) = mark(above, inner.y.saturating_sub(1)) {
        frame.render_widget(p, r);
    }
    if let Some((p, r)) = mark(below, inner.y + inner.height.saturating_sub(1)) {
        frame.render_widget(p, r);
    }
}
