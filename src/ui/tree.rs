//! The left pane: sections, items and checks with their marks and progress. Only the rows in
//! view are laid out, so a 10,000-check list costs the same as a short one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Look, block};
use crate::app::tree::{Filter, Row};
use crate::app::{App, Focus};
use crate::text::wrap;

pub(crate) use crate::app::pane::status_mark;

pub fn render(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let Some(w) = &app.walk else { return };
    let t = app.t();
    let th = &look.theme;
    let en = app.lang.is_en();
    let focused = w.focus == Focus::Tree && w.editor.is_none();
    let filter = match &w.tree.filter {
        Filter::All => String::new(),
        Filter::Unanswered => format!(" · {}", t.filter_unanswered),
        Filter::Flagged => format!(" · {}", t.filter_flagged),
        Filter::FollowUp => format!(" · {}", crate::i18n::followup(app.lang).filter_followup),
        Filter::Search(q) => format!(" · {}{}{q}", t.filter_search, t.colon),
    };
    let b = block(look, format!("{}{filter}", t.tree_title), focused);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let width = usize::from(inner.width);
    if width < 4 {
        return;
    }
    let height = usize::from(inner.height);
    let tpl = &w.session.template;
    let rows = w.tree.rows();
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(super::para(t.no_matches, width, 0, th.strong)),
            inner,
        );
        return;
    }
    let query = match &w.tree.filter {
        Filter::Search(q) => Some(q.as_str()),
        _ => None,
    };
    let mut lines = Vec::with_capacity(height);
    for (i, row) in rows.iter().enumerate().skip(w.tree.offset).take(height) {
        let selected = i == w.tree.selected;
        let marker = if selected { ">" } else { " " };
        let (text, right, style) = match *row {
            Row::Section(s) => {
                let sec = &tpl.sections[s];
                let (a, n) = w.tally.section(s);
                let sign = if w.tree.is_collapsed(*row) { "+" } else { "-" };
                (
                    format!("{sign} {} {}", sec.number, sec.title),
                    format!(" {a}/{n}"),
                    th.heading,
                )
            }
            Row::Item(s, it) => {
                let item = &tpl.sections[s].items[it];
                let (a, n) = w.tally.item(s, it);
                let sign = if w.tree.is_collapsed(*row) { "+" } else { "-" };
                let first = item.requirements.first().map_or("", String::as_str);
                (
                    format!("  {sign} {}. {first}", item.number),
                    format!(" {a}/{n}"),
                    th.label,
                )
            }
            Row::Check(p) => {
                let check = &tpl.sections[p.section].items[p.item].checks[p.check];
                let answer = w.session.answer(&check.id);
                let idx = answer
                    .and_then(|a| a.status.as_deref())
                    .and_then(|s| tpl.answer_set.iter().position(|o| o.id == s));
                let flag = if answer.is_some_and(|a| a.flagged) {
                    "*"
                } else {
                    " "
                };
                let _ = en;
                let tags = crate::app::previous::tree_tags(app, &w.session, &check.id);
                (
                    format!(
                        "    {}{flag}{} {tags}{}",
                        status_mark(idx),
                        tpl.display_number(p),
                        check.text
                    ),
                    String::new(),
                    th.status_style(idx),
                )
            }
        };
        let right_w = wrap::width(&right);
        let body = cut_marked(&text, width.saturating_sub(1 + right_w), look.ascii);
        let gap = width.saturating_sub(1 + wrap::width(&body) + right_w);
        let line_style = if selected { th.selected } else { Style::new() };
        let mut spans = vec![Span::styled(marker, th.key)];
        spans.extend(highlight(&body, query, style));
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(right, th.label));
        lines.push(Line::from(spans).style(line_style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One line cut to `width` columns with `…` where it was cut (`...` with `--ascii`). The mark
/// is given two columns, so a terminal that draws it wide still keeps the line in its pane.
pub(crate) fn cut_marked(text: &str, width: usize, ascii: bool) -> String {
    let line = crate::text::sanitize::one_line(text);
    if wrap::width(&line) <= width {
        return line.into_owned();
    }
    let (mark, room) = if ascii { ("...", 3) } else { ("…", 2) };
    let mut out = wrap::truncate(&line, width.saturating_sub(room));
    out.push_str(mark);
    out
}

/// `text` as spans with every occurrence of `query` (ignoring case) underlined and bold, so a
/// search hit can be seen without colour.
pub(crate) fn highlight(text: &str, query: Option<&str>, style: Style) -> Vec<Span<'static>> {
    let hit =
        style.add_modifier(ratatui::style::Modifier::UNDERLINED | ratatui::style::Modifier::BOLD);
    let Some(q) = query.map(str::trim).filter(|q| !q.is_empty()) else {
        return vec![Span::styled(text.to_owned(), style)];
    };
    let lower = text.to_lowercase();
    let ql = q.to_lowercase();
    // Lower-casing can change byte lengths outside ASCII; only then give up on highlighting.
    if lower.len() != text.len() {
        return vec![Span::styled(text.to_owned(), style)];
    }
    let mut spans = Vec::new();
    let mut at = 0;
    while let Some(found) = lower[at..].find(&ql) {
        let start = at + found;
        let end = start + ql.len();
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            break;
        }
        if start > at {
            spans.push(Span::styled(text[at..start].to_owned(), style));
        }
        spans.push(Span::styled(text[start..end].to_owned(), hit));
        at = end;
    }
    if at < text.len() {
        spans.push(Span::styled(text[at..].to_owned(), style));
    }
    spans
}
