//! What the right pane, the projector page and the help screen say, as lines laid out for a
//! width: the one place their text is composed. Drawing paints these lines; `update` counts
//! them to keep each scroll offset inside its text, so a page key never scrolls into nothing.
//! Styles come in as a [`Paint`] (the theme's, or plain ones for counting).
//!
//! By concern: `check` (a check's requirement, text and status; a heading's overview; the
//! projector's page), `fields` (the answer fields and 整改进展 under a check), `help` (the help
//! screen), `summary` (the summary screen); this file holds the paint, paragraph layout and the
//! scrolling of the right pane.

mod check;
mod fields;
mod help;
mod summary;

pub use check::{check_head, heading_overview, projector_lines, projector_page, status_line};
pub use fields::{DetailText, detail_text};
pub use help::{help_lines, help_rows, help_sections, help_total};
pub use summary::{bar, summary_extent, summary_focus_offset, summary_lines, summary_offset};

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::tree::Row;
use super::{App, Focus, Walk, layout};
use crate::text::{sanitize, wrap};

/// The styles the composed text is drawn in. The default paints nothing, for counting lines.
#[derive(Debug, Clone, Default)]
pub struct Paint {
    pub base: Style,
    pub heading: Style,
    pub label: Style,
    pub quote: Style,
    pub strong: Style,
    pub selected: Style,
    pub key: Style,
    pub flag: Style,
    /// Status styles by answer-set position (done, partial, not done, n/a, others).
    pub status: [Style; 5],
    pub unanswered: Style,
    /// Stay within marks of fixed width (`--ascii`): no curly quotes, middle dots or ellipses.
    pub ascii: bool,
}

impl Paint {
    /// `text` in quotation marks: “…”, or 「…」 with `--ascii` (always two columns wide).
    pub fn quoted(&self, text: &str) -> String {
        crate::i18n::marks::quoted(text, self.ascii)
    }

    /// One of the interface's own strings as drawn (ambiguous marks replaced with `--ascii`).
    pub fn own<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        if self.ascii {
            crate::text::ascii_marks(text)
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }

    pub fn status_style(&self, index: Option<usize>) -> Style {
        match index {
            Some(i) => self.status[i.min(4)],
            None => self.unanswered,
        }
    }
}

/// The most lines of one text laid out for the screen.
pub const MAX_PARA_LINES: usize = 300;

/// Wraps `text` to `width` columns with Chinese line-breaking rules, each line styled and
/// indented by `indent` spaces.
///
/// No screen shows more than [`MAX_PARA_LINES`] lines of one text, so only as much of a long
/// note as could fill them is laid out: a megabyte of text costs no more per frame than a page.
pub fn para(text: &str, width: usize, indent: usize, style: Style) -> Vec<Line<'static>> {
    let usable = width.saturating_sub(indent).max(4);
    // Every character takes at least one column, so this many fill the line budget.
    let budget = MAX_PARA_LINES * usable;
    let (text, clipped) = match text.char_indices().nth(budget) {
        Some((at, _)) => (&text[..at], true),
        None => (text, false),
    };
    let clean = sanitize::for_display(text);
    let mut lines: Vec<Line<'static>> = clean
        .split('\n')
        .flat_map(|p| wrap::wrap(p, usable))
        .take(MAX_PARA_LINES + 1)
        .map(|l| Line::from(vec![Span::raw(" ".repeat(indent)), Span::styled(l, style)]))
        .collect();
    let more = lines.len() > MAX_PARA_LINES;
    lines.truncate(MAX_PARA_LINES);
    if clipped || more {
        lines.push(Line::from(vec![
            Span::raw(" ".repeat(indent)),
            Span::styled("...", style),
        ]));
    }
    lines
}

/// One line cut to `width` columns.
pub fn cut(text: &str, width: usize) -> String {
    wrap::truncate(&sanitize::one_line(text), width)
}

/// The ASCII mark of a status by its answer-set position.
pub fn status_mark(index: Option<usize>) -> String {
    match index {
        None => "[ ]".into(),
        Some(0) => "[x]".into(),
        Some(1) => "[~]".into(),
        Some(2) => "[!]".into(),
        Some(3) => "[-]".into(),
        Some(i) => format!("[{}]", i + 1),
    }
}

/// The furthest a text of `total` lines scrolls in a window of `rows` lines.
pub fn max_scroll(total: usize, rows: usize) -> usize {
    total.saturating_sub(rows)
}

/// The offset that keeps the block `start..start + len` in a window of `rows` lines, moving
/// `offset` as little as possible (the block's top wins when it is taller than the window).
pub fn keep_in_view(offset: usize, start: usize, len: usize, rows: usize) -> usize {
    if start < offset || rows == 0 {
        start
    } else if start + len > offset + rows {
        (start + len - rows).min(start)
    } else {
        offset
    }
}

/// The selected field (or the editor, or 整改进展) as a block of lines of the right pane.
pub fn focused_span(w: &Walk, dt: &DetailText) -> Option<(usize, usize)> {
    let target = match (&w.editor, w.focus) {
        (Some(ed), _) => ed.answer_field().map(|(_, f)| f),
        (None, Focus::Field(f)) => Some(f),
        (None, Focus::Rectification) => return Some((dt.rectification, 1)),
        (None, Focus::Tree) => None,
    };
    target.and_then(|f| {
        dt.fields
            .iter()
            .find(|(x, ..)| *x == f)
            .map(|(_, start, len)| (*start, *len))
    })
}

/// What the right pane (or the projector page) holds now, as (lines, rows shown). `None` when
/// there is nothing to scroll (no session, or a screen without the pane).
pub fn pane_extent(app: &App) -> Option<(usize, usize)> {
    let w = app.walk.as_ref()?;
    let p = Paint::default();
    if w.projector {
        let area = layout::projector_text(app.size);
        let pos = w.current_check()?;
        let width = usize::from(area.width);
        if width < 4 {
            return None;
        }
        let lines = projector_lines(app, w, pos, width, &p);
        return Some((lines.len(), layout::projector_rows(app.size)));
    }
    let inner = layout::detail_inner(app.size);
    let (width, height) = (usize::from(inner.width), usize::from(inner.height));
    if width < 4 {
        return None;
    }
    let lines = match w.tree.current()? {
        Row::Check(pos) => detail_text(app, w, pos, width, height, &p).lines.len(),
        row => heading_overview(app, w, row, width, &p).len(),
    };
    Some((lines, height))
}

/// The right pane's lines at its size, with the offset it is shown at.
pub fn detail_window(app: &App, p: &Paint) -> Option<(DetailText, usize)> {
    let w = app.walk.as_ref()?;
    let Row::Check(pos) = w.tree.current()? else {
        return None;
    };
    let inner = layout::detail_inner(app.size);
    let (width, height) = (usize::from(inner.width), usize::from(inner.height));
    let dt = detail_text(app, w, pos, width, height, p);
    let mut offset = w.detail_scroll.min(max_scroll(dt.lines.len(), height));
    // The editor grows as it is typed into: keep it in view.
    if w.editor.is_some()
        && let Some((start, len)) = focused_span(w, &dt)
    {
        offset = keep_in_view(offset, start, len, height);
    }
    Some((dt, offset))
}

/// In a live view, where the field the editor is on (typing into, or only selected) lies on the
/// page shown (the projector's or the right pane), as (first line, lines, rows shown).
pub fn editor_field_span(app: &App) -> Option<(usize, usize, usize)> {
    let w = app.walk.as_ref()?;
    let f = w.follow.as_ref()?;
    let pos = w.current_check()?;
    let here = w.check_id(pos);
    let field = match (&f.draft, &f.editor) {
        (Some(d), _) if d.check.as_deref() == here => d.field.clone(),
        (_, Some(p)) if p.check.as_deref() == here => p.field.clone()?,
        _ => return None,
    };
    let p = Paint::default();
    let (spans, rows) = if w.projector {
        let width = usize::from(layout::projector_text(app.size).width);
        if width < 4 {
            return None;
        }
        let (_, spans) = projector_page(app, w, pos, width, &p);
        (spans, layout::projector_rows(app.size))
    } else {
        let inner = layout::detail_inner(app.size);
        let (width, height) = (usize::from(inner.width), usize::from(inner.height));
        if width < 4 {
            return None;
        }
        (detail_text(app, w, pos, width, height, &p).fields, height)
    };
    spans
        .into_iter()
        .find(|(f, ..)| f.key() == field)
        .map(|(_, start, len)| (start, len, rows))
}
