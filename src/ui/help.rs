//! The help screen: every binding of the keymap table, grouped by where it works. Generated from
//! the same table as dispatch and the footer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Look, block};
use crate::app::App;
use crate::app::pane::{self, Paint};
use crate::i18n::Lang;
use crate::keymap::Ctx;

/// The help text as (context heading, [(keys, what it does)]), in table order.
pub fn sections(lang: Lang) -> Vec<(Ctx, Vec<(String, &'static str)>)> {
    pane::help_sections(lang)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let t = app.t();
    let b = block(look, format!("{}  ({})", t.help_title, t.help_close), true);
    let inner = b.inner(area);
    let width = usize::from(inner.width);
    if width < 20 {
        frame.render_widget(b, area);
        return;
    }
    let answers = app
        .walk
        .as_ref()
        .map(|w| w.session.template.answer_set.len());
    let lines = pane::help_lines(app.lang, width, &Paint::from(look), answers);
    let height = usize::from(inner.height);
    let total = lines.len();
    let offset = app.help.unwrap_or(0).min(pane::max_scroll(total, height));
    let (above, below) = super::detail::more_marks(app, offset, total, height);
    frame.render_widget(super::detail::with_marks(b, above, below, look), area);
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
