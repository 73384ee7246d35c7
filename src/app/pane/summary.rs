//! The summary screen's text: progress by section, counts by status, the problems found, and
//! the closing texts of the report.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Paint, cut, max_scroll, para};
use crate::app::{App, Conclusion, Walk, layout};
use crate::text::wrap;

/// All lines of the summary at `width` columns, and the line where the selected closing text
/// starts.
#[expect(
    clippy::too_many_lines,
    reason = "the summary reads top to bottom as one list"
)]
pub fn summary_lines(
    app: &App,
    w: &Walk,
    width: usize,
    p: &Paint,
) -> (Vec<Line<'static>>, Option<usize>) {
    let t = app.t();
    let th = p;
    let en = app.lang.is_en();
    let tpl = &w.session.template;
    let mut out = Vec::new();
    out.push(Line::from(Span::styled(
        t.summary_sections.to_owned(),
        th.heading,
    )));
    let bar_w = 20;
    for (i, s) in tpl.sections.iter().enumerate() {
        let (a, n) = w.tally.section(i);
        let pct = (a * 100).checked_div(n).unwrap_or(0);
        let right = format!(" {} {a}/{n} {pct}%", bar(a, n, bar_w));
        let name = cut(
            &format!("{} {}", s.number, s.title),
            width.saturating_sub(wrap::width(&right) + 2),
        );
        let pad = width.saturating_sub(wrap::width(&name) + wrap::width(&right) + 2);
        out.push(Line::from(vec![
            Span::raw("  "),
            Span::raw(name),
            Span::raw(" ".repeat(pad)),
            Span::styled(right, th.strong),
        ]));
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        t.summary_statuses.to_owned(),
        th.heading,
    )));
    let (answered, total) = w.tally.overall();
    let counts = w.tally.by_status();
    // Labels of a custom answer set come from a file: made visible and kept short.
    let labels: Vec<String> = tpl
        .answer_set
        .iter()
        .map(|o| cut(o.label_for(en), 20))
        .collect();
    let label_w = labels
        .iter()
        .map(|l| wrap::width(l))
        .chain([wrap::width(t.not_checked)])
        .max()
        .unwrap_or(6);
    let max = counts
        .iter()
        .copied()
        .chain([total - answered])
        .max()
        .unwrap_or(0)
        .max(1);
    let chart_w = width.saturating_sub(label_w + 12).clamp(4, 50);
    let mut row = |label: &str, n: usize, style: Style| {
        let filled = n * chart_w / max;
        out.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(
                format!("{label}{}", " ".repeat(label_w - wrap::width(label))),
                style,
            ),
            Span::raw(" "),
            Span::styled("#".repeat(filled), style),
            Span::raw(format!(" {n}")),
        ]));
    };
    for (i, (label, n)) in labels.iter().zip(counts).enumerate() {
        row(label, *n, th.status_style(Some(i)));
    }
    row(t.not_checked, total - answered, th.unanswered);
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        t.summary_problems.to_owned(),
        th.heading,
    )));
    let today = app.now.date_naive();
    let mut n = 0;
    for (pos, check) in tpl.checks() {
        let Some(a) = w.session.answer(&check.id) else {
            continue;
        };
        if a.problems.is_empty() && a.measures.is_empty() {
            continue;
        }
        n += 1;
        out.extend(para(
            &format!(
                "{}{} {}",
                crate::app::previous::repeat_mark(app, &w.session, &check.id),
                tpl.display_number(pos),
                check.text
            ),
            width,
            2,
            th.strong,
        ));
        if !a.problems.is_empty() {
            out.extend(para(
                &format!("{}{}{}", t.field_problems, t.colon, a.problems),
                width,
                5,
                Style::new(),
            ));
        }
        if !a.measures.is_empty() {
            out.extend(para(
                &format!("{}{}{}", t.summary_measures, t.colon, a.measures),
                width,
                5,
                Style::new(),
            ));
        }
        let mut meta = Vec::new();
        if !a.owner.is_empty() {
            meta.push(format!("{}{}{}", t.summary_owner, t.colon, a.owner));
        }
        if let Some(d) = a.due {
            let late = d < today
                && !a
                    .rectification
                    .as_ref()
                    .is_some_and(|r| r.state == crate::model::session::RectificationState::Done);
            meta.push(format!(
                "{}{}{}{}",
                t.summary_due,
                t.colon,
                d.format("%Y-%m-%d"),
                if late {
                    format!("{}{}{}", t.open, t.summary_overdue, t.close)
                } else {
                    String::new()
                }
            ));
        }
        if !meta.is_empty() {
            out.extend(para(&meta.join("    "), width, 5, th.label));
        }
    }
    if n == 0 {
        out.extend(para(t.summary_no_problems, width, 2, Style::new()));
    }
    out.push(Line::default());
    out.extend(crate::app::previous::summary_lines(app, w, width, p));
    // Where nothing can be edited, no word about how to edit.
    let heading = if w.read_only {
        t.summary_conclusions_read_only
    } else {
        t.summary_conclusions
    };
    out.push(Line::from(Span::styled(heading.to_owned(), th.heading)));
    let mut focus_at = None;
    for part in Conclusion::ALL {
        let focused = w.summary_focus == Some(part);
        if focused {
            focus_at = Some(out.len());
        }
        let style = if focused {
            th.selected.patch(th.label)
        } else {
            th.label
        };
        let marker = if focused { "> " } else { "  " };
        // In a live view, what the editor is typing, marked as not saved.
        let draft = w.conclusion_draft(part);
        let mark = if draft.is_some() { t.draft_marker } else { "" };
        out.push(Line::from(Span::styled(
            format!("{marker}{}{}", p.own(part.label(t)), p.own(mark)),
            style,
        )));
        let text = draft.unwrap_or_else(|| part.get(&w.session.conclusions));
        let shown = if text.is_empty() { t.empty_field } else { text };
        out.extend(para(shown, width, 4, Style::new()));
    }
    out.push(Line::default());
    out.extend(crate::app::signoff::summary_lines(app, w, width, p));
    (out, focus_at)
}

/// The line the summary is shown from: the stored offset (kept by `update`, which brings a
/// newly selected closing text into view), inside the text.
pub fn summary_offset(stored: usize, total: usize, rows: usize) -> usize {
    stored.min(max_scroll(total, rows))
}

/// The offset that shows the selected closing text with a little of what precedes it, at the
/// screen's size; `None` when no text is selected.
pub fn summary_focus_offset(app: &App) -> Option<usize> {
    let w = app.walk.as_ref()?;
    w.summary_focus?;
    let (_, body, _) = layout::frame(app.size);
    let width = usize::from(body.width.saturating_sub(2));
    if width < 4 {
        return None;
    }
    let (_, focus_at) = summary_lines(app, w, width, &Paint::default());
    focus_at.map(|at| at.saturating_sub(2))
}

/// A bar of `width` cells, `done` of `total` filled: ASCII so it is one column per cell.
pub fn bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width).checked_div(total).unwrap_or(0).min(width);
    format!("[{}{}]", "#".repeat(filled), "-".repeat(width - filled))
}

/// The summary's (lines, rows shown) at this size, for keeping its offset inside the text.
pub fn summary_extent(app: &App) -> Option<(usize, usize)> {
    let w = app.walk.as_ref()?;
    let (_, body, _) = layout::frame(app.size);
    let width = usize::from(body.width.saturating_sub(2));
    if width < 4 {
        return None;
    }
    let (lines, _) = summary_lines(app, w, width, &Paint::default());
    Some((lines.len(), usize::from(body.height.saturating_sub(2))))
}
