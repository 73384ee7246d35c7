//! Projector mode: the current check alone, large margins and generous spacing, readable from
//! the back of a meeting room.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::detail::{check_head, status_line};
use super::{Look, footer, header, para};
use crate::app::layout;
use crate::app::{App, field_label};
use crate::model::Field;

pub fn render(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let Some(w) = &app.walk else { return };
    let t = app.t();
    let th = &look.theme;
    let (head, body, foot) = layout::frame(area);
    header::render(frame, head, app, look);
    let margin = (body.width / 12).max(2);
    let inner = Rect {
        x: body.x + margin,
        y: body.y + 1,
        width: body.width.saturating_sub(margin * 2),
        height: body.height.saturating_sub(1),
    };
    let width = usize::from(inner.width);
    if width < 4 || inner.height == 0 {
        return;
    }
    let Some(pos) = w.current_check() else { return };
    let mut lines = Vec::new();
    lines.extend(check_head(w, pos, width, t, look, true));
    lines.extend(status_line(w, pos, app.lang.is_en(), t, look, width));
    lines.push(Line::default());
    let id = w.check_id(pos).unwrap_or_default();
    if let Some(a) = w.session.answer(id) {
        for f in Field::ALL {
            let v = f.get(a);
            if v.is_empty() {
                continue;
            }
            lines.extend(para(field_label(t, f), width, 0, th.label));
            lines.extend(para(&v, width, 2, Style::new()));
            lines.push(Line::default());
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    footer::render(frame, foot, app, look);
}
