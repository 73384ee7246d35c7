//! The help screen's text, generated from the keymap table (the same one the footer and the
//! key handling read).

use ratatui::text::{Line, Span};

use super::{Paint, para};
use crate::i18n::{Lang, Texts, texts};
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
        Ctx::History => crate::i18n::followup(t.lang).history_title,
    }
}

/// The help text as (context heading, [(keys, what it does)]), in table order. The walk-through's
/// shared bindings are listed under their own heading.
pub fn help_sections(lang: Lang) -> Vec<(Ctx, Vec<(String, &'static str)>)> {
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
        Ctx::History,
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

/// The help screen's lines at `width` columns. With the answer set of the open session
/// (`answers` options), the status digits are named by their real range (`1-4`).
pub fn help_lines(
    lang: Lang,
    width: usize,
    p: &Paint,
    answers: Option<usize>,
) -> Vec<Line<'static>> {
    let digits = KEYMAP
        .iter()
        .find(|b| b.command == crate::action::Command::SetStatusDigit)
        .map(keymap::keys_label);
    let t = texts(lang);
    let key_w = 30.min(width / 3);
    let mut lines = Vec::new();
    for (ctx, rows) in help_sections(lang) {
        let title = if ctx == Ctx::Walk {
            format!("{} / {} / {}", t.ctx_tree, t.ctx_detail, t.ctx_projector)
        } else {
            ctx_title(t, ctx).to_owned()
        };
        lines.push(Line::from(Span::styled(title, p.heading)));
        for (keys, what) in rows {
            let keys = match answers {
                Some(n) if digits.as_ref() == Some(&keys) => keymap::status_keys(n),
                _ => keys,
            };
            let keys = wrap::pad(&keys, key_w);
            let mut desc = para(what, width.saturating_sub(key_w + 2), 0, p.base).into_iter();
            let first = desc.next().unwrap_or_default();
            let mut spans = vec![Span::raw("  "), Span::styled(keys, p.key)];
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
    if lines.last().is_some_and(|l| l.width() == 0) {
        lines.pop();
    }
    lines
}
/// Rows of the help screen's text.
pub fn help_rows(size: ratatui::layout::Rect) -> usize {
    usize::from(size.height.saturating_sub(2))
}

/// Lines of the help screen at this size.
pub fn help_total(lang: Lang, size: ratatui::layout::Rect) -> usize {
    help_lines(
        lang,
        usize::from(size.width.saturating_sub(2)),
        &Paint::default(),
        None,
    )
    .len()
}
