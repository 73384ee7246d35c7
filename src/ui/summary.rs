//! The summary screen, for closing the meeting: progress per section as bars, counts per status
//! as a chart, and every recorded problem with its measures, owner and deadline.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::header::bar;
use super::{Look, block, cut, footer, para};
use crate::app::layout;
use crate::app::{App, Conclusion, EditTarget, Editor, Walk};
use crate::text::wrap;

/// All lines of the summary at `width` columns, and the line where the selected closing text
/// starts.
#[expect(
    clippy::too_many_lines,
    reason = "the summary reads top to bottom as one list"
)]
pub(crate) fn lines(
    app: &App,
    w: &Walk,
    width: usize,
    look: &Look,
) -> (Vec<Line<'static>>, Option<usize>) {
    let t = app.t();
    let th = &look.theme;
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
            &format!("{} {}", tpl.display_number(pos), check.text),
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
    out.push(Line::from(Span::styled(
        t.summary_conclusions.to_owned(),
        th.heading,
    )));
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
        out.push(Line::from(Span::styled(
            format!("{marker}{}", look.own(part.label(t))),
            style,
        )));
        let text = part.get(&w.session.conclusions);
        let shown = if text.is_empty() { t.empty_field } else { text };
        out.extend(para(shown, width, 4, Style::new()));
    }
    (out, focus_at)
}

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
    let (all, focus_at) = lines(app, w, width, look);
    let offset = match focus_at {
        // A selected closing text is brought into view with a little of what precedes it.
        Some(at) => at.saturating_sub(2),
        None => w.summary_scroll,
    }
    .min(all.len().saturating_sub(height));
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
