//! The summary screen, for closing the meeting: progress per section as bars, counts per status
//! as a chart, and every recorded problem with its measures, owner and deadline.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Look, block, footer};
use crate::app::layout;
use crate::app::pane::{self, Paint};
use crate::app::{App, Conclusion, EditTarget, Editor};

pub fn render(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let Some(w) = &app.walk else { return };
    let t = app.t();
    let (header, body, foot) = layout::frame(area);
    super::header::render(frame, header, app, look);
    let b = block(look, t.summary_title, true);
    let inner = b.inner(body);
    frame.render_widget(b, body);
    let width = usize::from(inner.width);
    if width < 4 {
        return;
    }
    let height = usize::from(inner.height);
    if let Some(ed) = &w.editor
        && let EditTarget::Conclusion(part) = ed.target
    {
        render_editor(frame, inner, ed, part, app, look);
        footer::render(frame, foot, app, look);
        return;
    }
    let (all, _) = pane::summary_lines(app, w, width, &Paint::from(look));
    let offset = pane::summary_offset(w.summary_scroll, all.len(), height);
    let (above, below) = super::detail::more_marks(app, offset, all.len(), height);
    frame.render_widget(
        super::detail::with_marks(block(look, t.summary_title, true), above, below, look),
        body,
    );
    let visible: Vec<Line> = all.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
    footer::render(frame, foot, app, look);
}

/// A closing text being edited fills the summary's body; the terminal cursor goes where typing
/// happens.
fn render_editor(
    frame: &mut Frame,
    area: Rect,
    ed: &Editor,
    part: Conclusion,
    app: &App,
    look: &Look,
) {
    let t = app.t();
    let title = format!("{} · {}", part.label(t), t.editing);
    super::render_text_area(frame, area, title, &ed.area, look);
}
