//! The answer fields under a check in the right pane, and 整改进展 after them: each field's
//! label and text (or the room an open editor takes), with where each block lies.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Paint, check_head, para, status_line};
use crate::app::{App, Focus, Walk, field_label};
use crate::i18n::Texts;
use crate::model::{CheckPos, Field};
use crate::text::wrap;

/// Lines of the pane and where each field's block lies in them.
pub struct DetailText {
    pub lines: Vec<Line<'static>>,
    pub fields: Vec<(Field, usize, usize)>,
    /// The line of 整改进展.
    pub rectification: usize,
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

/// The right pane for a check at `width` columns: the check, its status, every field (an open
/// editor's room at most `height` rows), then 整改进展.
pub fn detail_text(
    app: &App,
    w: &Walk,
    pos: CheckPos,
    width: usize,
    height: usize,
    p: &Paint,
) -> DetailText {
    let t = app.t();
    let th = p;
    let en = app.lang.is_en();
    let mut lines = check_head(w, pos, width, t, p, false);
    lines.extend(status_line(w, pos, en, t, p, width));
    lines.extend(crate::app::previous::status_lines(app, w, pos, width, p));
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
        // In a live view, what the editor is typing shows in place of the saved text, marked.
        let draft = w.draft_for(id, f);
        let value = draft.map_or_else(
            || answer.map(|a| f.get(a)).unwrap_or_default(),
            str::to_owned,
        );
        let label = match draft {
            Some(_) => format!("{}{}", field_label(t, f), p.own(t.draft_marker)),
            None => field_label(t, f).to_owned(),
        };
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
            let head = format!("{marker}{label}{}", t.colon);
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
            // A label with the draft mark can outgrow the pane: wrapped, the marker in front.
            for (i, mut l) in para(&label, width, 2, label_style).into_iter().enumerate() {
                if i == 0
                    && let Some(first) = l.spans.first_mut()
                {
                    *first = Span::styled(marker, label_style);
                }
                lines.push(l);
            }
            if value.is_empty() {
                lines.extend(para(t.empty_field, width, 4, Style::new()));
            } else {
                lines.extend(para(&value, width, 4, Style::new()));
            }
        }
        fields.push((f, start, lines.len() - start));
        lines.extend(crate::app::previous::field_lines(app, w, pos, f, width, p));
    }
    let rectification = lines.len();
    lines.push(rectification_line(
        answer,
        w.focus == Focus::Rectification,
        t,
        p,
    ));
    lines.extend(crate::app::carried::pane_lines(app, w, pos, width, p));
    DetailText {
        lines,
        fields,
        rectification,
    }
}

/// The 整改进展 line: the state, and the day it was closed.
pub(super) fn rectification_line(
    answer: Option<&crate::model::Answer>,
    focused: bool,
    t: &Texts,
    p: &Paint,
) -> Line<'static> {
    use crate::model::session::RectificationState as R;
    let th = p;
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
