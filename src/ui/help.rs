//! The help screen: every binding of the keymap table, grouped by where it works. Generated from
//! the same table as dispatch and the footer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Look, block, para};
use crate::app::App;
use crate::i18n::{Lang, Texts};
use crate::keymap::{self, Ctx, KEYMAP};
use crate::text::wrap;

fn ctx_title(t: &Texts, ctx: Ctx) -> &'static str {
    match ctx {
        Ctx::Global => t.ctx_global,
        Ctx::Picker => t.ctx_picker,
        Ctx::Tree | Ctx::Walk => t.ctx_tree,
        Ctx::Detail => t.ctx_detail,
        Ctx::Editing => t.ctx_editing,
        Ctx::Search => t.ctx_search,
        Ctx::Form => t.ctx_form,
        Ctx::Summary => t.ctx_summary,
        Ctx::Projector => t.ctx_projector,
        Ctx::Help => t.help_title,
        Ctx::Confirm => t.ctx_confirm,
    }
}

/// The help text as (context heading, [(keys, what it does)]), in table order. The walk-through's
/// shared bindings are listed under their own heading.
pub fn sections(lang: Lang) -> Vec<(Ctx, Vec<(String, &'static str)>)> {
    let order = [
        Ctx::Global,
        Ctx::Walk,
        Ctx::Tree,
        Ctx::Detail,
        Ctx::Editing,
        Ctx::Search,
        Ctx::Projector,
        Ctx::Summary,
        Ctx::Form,
        Ctx::Picker,
        Ctx::Confirm,
        Ctx::Help,
    ];
    order
        .iter()
        .map(|ctx| {
            let rows = KEYMAP
                .iter()
                .filter(|b| b.ctx == *ctx)
                .map(|b| (keymap::keys_label(b), b.help(lang)))
                .collect();
            (*ctx, rows)
        })
        .collect()
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let t = app.t();
    let th = &look.theme;
    let b = block(look, format!("{}  ({})", t.help_title, t.help_close), true);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let width = usize::from(inner.width);
    if width < 20 {
        return;
    }
    let key_w = 30.min(width / 3);
    let mut lines = Vec::new();
    for (ctx, rows) in sections(app.lang) {
        let title = if ctx == Ctx::Walk {
            format!("{} / {} / {}", t.ctx_tree, t.ctx_detail, t.ctx_projector)
        } else {
            ctx_title(t, ctx).to_owned()
        };
        lines.push(Line::from(Span::styled(title, th.heading)));
        for (keys, what) in rows {
            let keys = wrap::pad(&keys, key_w);
            let mut desc = para(what, width.saturating_sub(key_w + 2), 0, th.base).into_iter();
            let first = desc.next().unwrap_or_default();
            let mut spans = vec![Span::raw("  "), Span::styled(keys, th.key)];
            spans.extend(first.spans);
            lines.push(Line::from(spans));
            for more in desc {
                let mut spans = vec![Span::raw(" ".repeat(key_w + 2))];
                spans.extend(more.spans);
                lines.push(Line::from(spans));
            }
        }
        lines.push(Line::default());
    }
    let height = usize::from(inner.height);
    let offset = app
        .help
        .unwrap_or(0)
        .min(lines.len().saturating_sub(height));
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
