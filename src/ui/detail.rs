//! The right pane: the selected check in full (section, item, requirements, the check, its
//! status) and the answer fields; while a field is edited its editor sits in place and the
//! terminal cursor is put where typing happens, so an input method's candidate window follows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::tree::status_mark;
use super::{Look, block, para};
use crate::app::tree::Row;
use crate::app::{App, Focus, Walk, field_label};
use crate::i18n::Texts;
use crate::model::{CheckPos, Field};
use crate::text::wrap;

/// Lines of the pane and where each field's block lies in them.
pub(crate) struct DetailText {
    pub lines: Vec<Line<'static>>,
    pub fields: Vec<(Field, usize, usize)>,
    /// The line of 整改进展.
    pub rectification: usize,
}

/// The requirement quotes and check text of a check, as lines.
/// With `spacing`, a blank line separates the blocks (projector mode).
pub(crate) fn check_head(
    w: &Walk,
    pos: CheckPos,
    width: usize,
    t: &Texts,
    look: &Look,
    spacing: bool,
) -> Vec<Line<'static>> {
    let th = &look.theme;
    let tpl = &w.session.template;
    let mut lines = Vec::new();
    let (Some(sec), Some(item), Some(check)) = (
        tpl.sections.get(pos.section),
        tpl.item_at(pos),
        tpl.check_at(pos),
    ) else {
        return lines;
    };
    let gap = |lines: &mut Vec<Line<'static>>| {
        if spacing {
            lines.push(Line::default());
        }
    };
    lines.extend(para(
        &format!("{} {}", sec.number, sec.title),
        width,
        0,
        th.heading,
    ));
    gap(&mut lines);
    lines.extend(para(
        &format!("{}. {}", item.number, t.requirements),
        width,
        0,
        th.label,
    ));
    for r in &item.requirements {
        lines.extend(para(&look.quoted(r), width, 2, th.quote));
    }
    gap(&mut lines);
    lines.extend(para(
        &format!("{}  {}", t.check, check.id),
        width,
        0,
        th.label,
    ));
    lines.extend(para(&check.text, width, 2, th.strong));
    if let Some(a) = &check.addressee {
        lines.extend(para(
            &format!("{}{}{a}", t.addressee, t.colon),
            width,
            2,
            th.quote,
        ));
    }
    gap(&mut lines);
    lines
}

/// The status line: every option with its digit, the chosen one highlighted; and the flag.
pub(crate) fn status_line(
    w: &Walk,
    pos: CheckPos,
    en: bool,
    t: &Texts,
    look: &Look,
    width: usize,
) -> Vec<Line<'static>> {
    let th = &look.theme;
    let tpl = &w.session.template;
    let id = tpl.check_at(pos).map(|c| c.id.as_str()).unwrap_or_default();
    let answer = w.session.answer(id);
    let current = answer
        .and_then(|a| a.status.as_deref())
        .and_then(|s| tpl.answer_set.iter().position(|o| o.id == s));
    let mut spans = vec![
        Span::styled(format!("{}{}", t.status, t.colon), th.label),
        Span::styled(
            format!("{} ", status_mark(current)),
            th.status_style(current),
        ),
    ];
    for (i, opt) in tpl.answer_set.iter().enumerate() {
        let text = format!("{} {}", i + 1, super::cut(opt.label_for(en), 24));
        let style = if current == Some(i) {
            th.status_style(Some(i)).patch(th.selected)
        } else {
            Style::new()
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    if current.is_none() {
        spans.push(Span::styled(
            format!("{}{}{}", t.open, t.not_checked, t.close),
            th.strong,
        ));
    }
    if answer.is_some_and(|a| a.flagged) {
        spans.push(Span::styled(format!(" * {}", t.flagged), th.flag));
    }
    // Wrap by spans when the options do not fit on one line.
    let mut out = vec![Line::default()];
    let mut used = 0;
    for s in spans {
        let sw = wrap::width(&s.content);
        if used + sw > width && used > 0 {
            out.push(Line::from(Span::raw("  ")));
            used = 2;
        }
        used += sw;
        if let Some(l) = out.last_mut() {
            l.spans.push(s);
        }
    }
    out
}

/// Rows an editor for `text` needs at `width` columns, borders included.
fn editor_height(text_lines: &[String], width: usize, single: bool) -> usize {
    if single {
        return 3;
    }
    let inner = width.saturating_sub(2).max(1);
    let rows: usize = text_lines.iter().map(|l| wrap::width(l) / inner + 1).sum();
    (rows + 1).max(4) + 2
}

fn build(
    app: &App,
    w: &Walk,
    pos: CheckPos,
    width: usize,
    height: usize,
    look: &Look,
) -> DetailText {
    let t = app.t();
    let th = &look.theme;
    let en = app.lang.is_en();
    let mut lines = check_head(w, pos, width, t, look, false);
    lines.extend(status_line(w, pos, en, t, look, width));
    lines.push(Line::default());
    let id = w.check_id(pos).unwrap_or_default();
    let answer = w.session.answer(id);
    let mut fields = Vec::new();
    for f in Field::ALL {
        let start = lines.len();
        let focused = w.focus == Focus::Field(f);
        let label_style = if focused {
            th.selected.patch(th.label)
        } else {
            th.label
        };
        let marker = if focused { "> " } else { "  " };
        let value = answer.map(|a| f.get(a)).unwrap_or_default();
        let editing = w
            .editor
            .as_ref()
            .filter(|e| e.answer_field() == Some((pos, f)));
        if let Some(ed) = editing {
            let h = editor_height(ed.area.lines(), width, f.is_single_line())
                .min(height.saturating_sub(1).max(3));
            lines.extend(std::iter::repeat_n(Line::default(), h));
        } else if f.is_single_line() {
            let shown = if value.is_empty() {
                t.empty_field.to_owned()
            } else {
                value
            };
            let head = format!("{marker}{}{}", field_label(t, f), t.colon);
            let head_w = wrap::width(&head);
            let mut vlines = para(&shown, width.saturating_sub(head_w), 0, th.strong).into_iter();
            let first = vlines.next().unwrap_or_default();
            let mut spans = vec![Span::styled(head, label_style)];
            spans.extend(first.spans);
            lines.push(Line::from(spans));
            for l in vlines {
                let mut s = vec![Span::raw(" ".repeat(head_w))];
                s.extend(l.spans);
                lines.push(Line::from(s));
            }
        } else {
            lines.push(Line::from(Span::styled(
                format!("{marker}{}", field_label(t, f)),
                label_style,
            )));
            if value.is_empty() {
                lines.extend(para(t.empty_field, width, 4, Style::new()));
            } else {
                lines.extend(para(&value, width, 4, Style::new()));
            }
        }
        fields.push((f, start, lines.len() - start));
    }
    let rectification = lines.len();
    lines.push(rectification_line(
        answer,
        w.focus == Focus::Rectification,
        t,
        look,
    ));
    DetailText {
        lines,
        fields,
        rectification,
    }
}

fn rectification_line(
    answer: Option<&crate::model::Answer>,
    focused: bool,
    t: &Texts,
    look: &Look,
) -> Line<'static> {
    use crate::model::session::RectificationState as R;
    let th = &look.theme;
    let label_style = if focused {
        th.selected.patch(th.label)
    } else {
        th.label
    };
    let marker = if focused { "> " } else { "  " };
    let r = answer.and_then(|a| a.rectification.as_ref());
    let value = match r.map(|r| r.state) {
        None => t.rect_none.to_owned(),
        Some(R::NotStarted) => t.rect_not_started.to_owned(),
        Some(R::InProgress) => t.rect_in_progress.to_owned(),
        Some(R::Done) => match r.and_then(|r| r.closed_on) {
            Some(d) => format!(
                "{}{}{} {}{}",
                t.rect_done,
                t.open,
                t.rect_closed_on,
                d.format("%Y-%m-%d"),
                t.close
            ),
            None => t.rect_done.to_owned(),
        },
    };
    Line::from(vec![
        Span::styled(
            format!("{marker}{}{}", t.rectification, t.colon),
            label_style,
        ),
        Span::styled(value, th.strong),
    ])
}

fn heading_overview(
    app: &App,
    w: &Walk,
    row: Row,
    width: usize,
    look: &Look,
) -> Vec<Line<'static>> {
    let t = app.t();
    let th = &look.theme;
    let tpl = &w.session.template;
    let mut lines = Vec::new();
    let (s, items): (usize, Vec<usize>) = match row {
        Row::Section(s) => (s, (0..tpl.sections[s].items.len()).collect()),
        Row::Item(s, i) => (s, vec![i]),
        Row::Check(_) => return lines,
    };
    let sec = &tpl.sections[s];
    let (a, n) = w.tally.section(s);
    lines.extend(para(
        &format!("{} {}  {a}/{n}", sec.number, sec.title),
        width,
        0,
        th.heading,
    ));
    lines.push(Line::default());
    for i in items {
        let item = &sec.items[i];
        let (a, n) = w.tally.item(s, i);
        lines.extend(para(
            &format!("{}. {}  {a}/{n}", item.number, t.requirements),
            width,
            0,
            th.label,
        ));
        for r in &item.requirements {
            lines.extend(para(&look.quoted(r), width, 2, th.quote));
        }
        if matches!(row, Row::Item(..)) {
            for c in &item.checks {
                let idx = w
                    .session
                    .status(&c.id)
                    .and_then(|st| tpl.answer_set.iter().position(|o| o.id == st));
                lines.extend(para(
                    &format!("{} {}", status_mark(idx), c.text),
                    width,
                    2,
                    th.status_style(idx),
                ));
            }
        }
        lines.push(Line::default());
    }
    lines
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let Some(w) = &app.walk else { return };
    let t = app.t();
    let focused = matches!(w.focus, Focus::Field(_)) || w.editor.is_some();
    let b = block(look, t.detail_title, focused);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    if width < 4 || height == 0 {
        return;
    }
    let Some(row) = w.tree.current() else { return };
    let Row::Check(pos) = row else {
        let lines = heading_overview(app, w, row, width, look);
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    };
    let dt = build(app, w, pos, width, height, look);
    let target = match (&w.editor, w.focus) {
        (Some(ed), _) => ed.answer_field().map(|(_, f)| f),
        (None, Focus::Field(f)) => Some(f),
        (None, Focus::Tree | Focus::Rectification) => None,
    };
    let span = match (&w.editor, w.focus) {
        (None, Focus::Rectification) => Some((Field::Due, dt.rectification, 1)),
        _ => target.and_then(|f| dt.fields.iter().find(|(x, ..)| *x == f).copied()),
    };
    let offset = match span {
        Some((_, start, len)) if start + len > height => start.min(start + len - height),
        _ => 0,
    };
    let visible: Vec<Line> = dt.lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);

    // The editor, in place of its field.
    let Some(ed) = w.editor.as_ref() else { return };
    let Some((_, field)) = ed.answer_field().filter(|(c, _)| *c == pos) else {
        return;
    };
    let Some((_, start, len)) = dt.fields.iter().find(|(f, ..)| *f == field).copied() else {
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
