//! The right pane: the selected check in full (section, item, requirements, the check, its
//! status) and the answer fields, as composed by `app::pane`; while a field is edited its editor
//! sits in place and the terminal cursor is put where typing happens, so an input method's
//! candidate window follows. A long check scrolls, with "more above / below" on the border.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Look, block};
use crate::app::pane::{self, Paint};
use crate::app::tree::Row;
use crate::app::{App, Focus, field_label};

impl From<&Look> for Paint {
    fn from(look: &Look) -> Self {
        let th = &look.theme;
        Paint {
            base: th.base,
            heading: th.heading,
            label: th.label,
            quote: th.quote,
            strong: th.strong,
            selected: th.selected,
            key: th.key,
            flag: th.flag,
            status: th.status,
            unanswered: th.unanswered,
            ascii: look.ascii,
        }
    }
}

/// "more above" / "more below" for a border, with the key that shows it.
pub(crate) fn more_marks(
    app: &App,
    offset: usize,
    total: usize,
    rows: usize,
) -> (Option<String>, Option<String>) {
    let t = app.t();
    let above = (offset > 0).then(|| format!(" {} PgUp ", t.more_above));
    let below = (offset + rows < total).then(|| format!(" {} PgDn ", t.more_below));
    (above, below)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let Some(w) = &app.walk else { return };
    let t = app.t();
    let paint = Paint::from(look);
    let focused = matches!(w.focus, Focus::Field(_) | Focus::Rectification) || w.editor.is_some();
    let mut b = block(look, t.detail_title, focused);
    let inner = b.inner(area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    if width < 4 || height == 0 {
        frame.render_widget(b, area);
        return;
    }
    let Some(row) = w.tree.current() else {
        frame.render_widget(b, area);
        return;
    };
    let Row::Check(pos) = row else {
        let lines = pane::heading_overview(app, w, row, width, &paint);
        let offset = w.detail_scroll.min(pane::max_scroll(lines.len(), height));
        let (above, below) = more_marks(app, offset, lines.len(), height);
        b = with_marks(b, above, below, look);
        frame.render_widget(b, area);
        let visible: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
        frame.render_widget(Paragraph::new(visible), inner);
        return;
    };
    let Some((dt, offset)) = pane::detail_window(app, &paint) else {
        frame.render_widget(b, area);
        return;
    };
    let fields = dt.fields.clone();
    let total = dt.lines.len();
    let (above, below) = more_marks(app, offset, total, height);
    b = with_marks(b, above, below, look);
    frame.render_widget(b, area);
    let query = match &w.tree.filter {
        crate::app::tree::Filter::Search(q) => Some(q.as_str()),
        _ => None,
    };
    let visible: Vec<Line> = dt
        .lines
        .into_iter()
        .skip(offset)
        .take(height)
        .map(|l| highlight_line(l, query))
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);

    // The editor, in place of its field.
    let Some(ed) = w.editor.as_ref() else { return };
    let Some((_, field)) = ed.answer_field().filter(|(c, _)| *c == pos) else {
        return;
    };
    let Some((_, start, len)) = fields.iter().find(|(f, ..)| *f == field).copied() else {
        return;
    };
    let Some(top) = start.checked_sub(offset) else {
        return;
    };
    let h = len.min(height.saturating_sub(top));
    if h < 3 {
        return;
    }
    let rect = Rect {
        x: inner.x,
        y: inner.y + u16::try_from(top).unwrap_or(0),
        width: inner.width,
        height: u16::try_from(h).unwrap_or(3),
    };
    let title = format!("{} · {}", field_label(t, field), t.editing);
    super::render_text_area(frame, rect, title, &ed.area, look);
}

/// Puts the "more" marks on a block's top and bottom borders, right-aligned.
pub(crate) fn with_marks<'a>(
    mut b: ratatui::widgets::Block<'a>,
    above: Option<String>,
    below: Option<String>,
    look: &Look,
) -> ratatui::widgets::Block<'a> {
    if let Some(a) = above {
        b = b.title_top(Line::from(Span::styled(a, look.theme.key)).right_aligned());
    }
    if let Some(m) = below {
        b = b.title_bottom(Line::from(Span::styled(m, look.theme.key)).right_aligned());
    }
    b
}

/// A line with the search words marked in each of its spans.
fn highlight_line(line: Line<'static>, query: Option<&str>) -> Line<'static> {
    if query.is_none() {
        return line;
    }
    let style = line.style;
    let spans: Vec<Span<'static>> = line
        .spans
        .into_iter()
        .flat_map(|s| super::tree::highlight(&s.content, query, s.style))
        .collect();
    Line::from(spans).style(style)
}
