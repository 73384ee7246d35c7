//! A check as the pane and the projector show it: the section, the requirement quoted, the
//! check's number and text, its status line; a heading's overview; the projector's page.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Paint, cut, para, status_mark};
use crate::app::tree::Row;
use crate::app::{App, Walk, field_label};
use crate::i18n::Texts;
use crate::model::{CheckPos, Field};
use crate::text::wrap;

/// The requirement quotes and check text of a check, as lines.
/// With `spacing`, a blank line separates the blocks (projector mode).
pub fn check_head(
    w: &Walk,
    pos: CheckPos,
    width: usize,
    t: &Texts,
    p: &Paint,
    spacing: bool,
) -> Vec<Line<'static>> {
    let th = p;
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
        lines.extend(para(&p.quoted(r), width, 2, th.quote));
    }
    gap(&mut lines);
    lines.extend(para(
        &format!("{}  {}", t.check, tpl.display_number(pos)),
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
pub fn status_line(
    w: &Walk,
    pos: CheckPos,
    en: bool,
    t: &Texts,
    p: &Paint,
    width: usize,
) -> Vec<Line<'static>> {
    let th = p;
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
        let text = format!("{} {}", i + 1, cut(opt.label_for(en), 24));
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

pub fn heading_overview(
    app: &App,
    w: &Walk,
    row: Row,
    width: usize,
    p: &Paint,
) -> Vec<Line<'static>> {
    let t = app.t();
    let th = p;
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
            lines.extend(para(&p.quoted(r), width, 2, th.quote));
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

/// The projector's page for a check: the check in full, then every answered field.
pub fn projector_lines(
    app: &App,
    w: &Walk,
    pos: CheckPos,
    width: usize,
    p: &Paint,
) -> Vec<Line<'static>> {
    projector_page(app, w, pos, width, p).0
}

/// The projector's page, with where each field shown lies in it (field, first line, lines).
pub fn projector_page(
    app: &App,
    w: &Walk,
    pos: CheckPos,
    width: usize,
    p: &Paint,
) -> (Vec<Line<'static>>, Vec<(Field, usize, usize)>) {
    let t = app.t();
    let mut spans = Vec::new();
    let mut lines = check_head(w, pos, width, t, p, true);
    lines.extend(status_line(w, pos, app.lang.is_en(), t, p, width));
    lines.extend(crate::app::previous::projector_status(
        app, w, pos, width, p,
    ));
    lines.push(Line::default());
    let id = w.check_id(pos).unwrap_or_default();
    let answer = w.session.answer(id);
    for f in Field::ALL {
        // What the editor is typing shows as it is typed, marked as not saved.
        let draft = w.draft_for(id, f);
        let v = draft.map_or_else(
            || answer.map(|a| f.get(a)).unwrap_or_default(),
            str::to_owned,
        );
        if v.is_empty() && draft.is_none() {
            continue;
        }
        let label = match draft {
            Some(_) => format!("{}{}", field_label(t, f), p.own(t.draft_marker)),
            None => field_label(t, f).to_owned(),
        };
        let start = lines.len();
        lines.extend(para(&label, width, 0, p.label));
        lines.extend(para(&v, width, 2, Style::new()));
        spans.push((f, start, lines.len() - start));
        lines.push(Line::default());
    }
    // 整改进展, once it is set.
    if answer.is_some_and(|a| a.rectification.is_some()) {
        let mut line = super::fields::rectification_line(answer, false, t, p);
        // At the margin, as the other labels of the page.
        if let Some(first) = line.spans.first_mut() {
            first.content = first.content.trim_start().to_owned().into();
        }
        lines.push(line);
    }
    lines.extend(crate::app::previous::projector_carried(
        app, w, pos, width, p,
    ));
    // The blank line after the last block shows nothing.
    if lines.last().is_some_and(|l| l.width() == 0) {
        lines.pop();
    }
    (lines, spans)
}
