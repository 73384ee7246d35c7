//! The left pane: sections, items and checks with their marks and progress. Only the rows in
//! view are laid out, so a 10,000-check list costs the same as a short one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Look, block, cut};
use crate::app::tree::{Filter, Row};
use crate::app::{App, Focus};
use crate::text::wrap;

/// The ASCII mark of a status by its answer-set position.
pub(crate) fn status_mark(index: Option<usize>) -> String {
    match index {
        None => "[ ]".into(),
        Some(0) => "[x]".into(),
        Some(1) => "[~]".into(),
        Some(2) => "[!]".into(),
        Some(3) => "[-]".into(),
        Some(i) => format!("[{}]", i + 1),
    }
}

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
                (
                    format!("    {}{flag}{}", status_mark(idx), check.text),
                    String::new(),
                    th.status_style(idx),
                )
            }
        };
        let right_w = wrap::width(&right);
        let body = cut(&text, width.saturating_sub(1 + right_w));
        let gap = width.saturating_sub(1 + wrap::width(&body) + right_w);
        let line_style = if selected { th.selected } else { Style::new() };
        lines.push(
            Line::from(vec![
                Span::styled(marker, th.key),
                Span::styled(body, style),
                Span::raw(" ".repeat(gap)),
                Span::styled(right, th.label),
            ])
            .style(line_style),
        );
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
