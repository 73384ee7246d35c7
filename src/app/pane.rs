//! What the right pane, the projector page and the help screen say, as lines laid out for a
//! width: the one place their text is composed. Drawing paints these lines; `update` counts
//! them to keep each scroll offset inside its text, so a page key never scrolls into nothing.
//! Styles come in as a [`Paint`] (the theme's, or plain ones for counting).

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::tree::Row;
use super::{App, Conclusion, Focus, Walk, field_label, layout};
use crate::i18n::{Lang, Texts, texts};
use crate::keymap::{self, Ctx, KEYMAP};
use crate::model::{CheckPos, Field};
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
        if self.ascii {
            format!("「{text}」")
        } else {
            format!("“{text}”")
        }
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

/// Lines of the pane and where each field's block lies in them.
pub struct DetailText {
    pub lines: Vec<Line<'static>>,
    pub fields: Vec<(Field, usize, usize)>,
    /// The line of 整改进展.
    pub rectification: usize,
}

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

/// Rows an editor for `text` needs at `width` columns, borders included.
fn editor_height(text_lines: &[String], width: usize, single: bool) -> usize {
    if single {
        return 3;
    }
    let inner = width.saturating_sub(2).max(1);
    let rows: usize = text_lines.iter().map(|l| wrap::width(l) / inner + 1).sum();
    (rows + 1).max(4) + 2
}

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
    lines.extend(super::previous::status_lines(app, w, pos, width, p));
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
        lines.extend(super::previous::field_lines(app, w, pos, f, width, p));
    }
    let rectification = lines.len();
    lines.push(rectification_line(
        answer,
        w.focus == Focus::Rectification,
        t,
        p,
    ));
    lines.extend(super::carried::pane_lines(app, w, pos, width, p));
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
    let t = app.t();
    let mut lines = check_head(w, pos, width, t, p, true);
    lines.extend(status_line(w, pos, app.lang.is_en(), t, p, width));
    lines.extend(super::previous::projector_status(app, w, pos, width, p));
    lines.push(Line::default());
    let id = w.check_id(pos).unwrap_or_default();
    if let Some(a) = w.session.answer(id) {
        for f in Field::ALL {
            let v = f.get(a);
            if v.is_empty() {
                continue;
            }
            lines.extend(para(field_label(t, f), width, 0, p.label));
            lines.extend(para(&v, width, 2, Style::new()));
            lines.push(Line::default());
        }
    }
    lines.extend(super::previous::projector_carried(app, w, pos, width, p));
    // The blank line after the last block shows nothing.
    if lines.last().is_some_and(|l| l.width() == 0) {
        lines.pop();
    }
    lines
}

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

/// The help screen's lines at `width` columns.
pub fn help_lines(lang: Lang, width: usize, p: &Paint) -> Vec<Line<'static>> {
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
    )
    .len()
}

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
                super::previous::repeat_mark(app, &w.session, &check.id),
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
    out.extend(super::previous::summary_lines(app, w, width, p));
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
            format!("{marker}{}", p.own(part.label(t))),
            style,
        )));
        let text = part.get(&w.session.conclusions);
        let shown = if text.is_empty() { t.empty_field } else { text };
        out.extend(para(shown, width, 4, Style::new()));
    }
    out.push(Line::default());
    out.extend(super::signoff::summary_lines(app, w, width, p));
    (out, focus_at)
}

/// The line the summary is shown from: a selected closing text is brought into view with a
/// little of what precedes it; otherwise the stored offset, inside the text.
pub fn summary_offset(stored: usize, focus_at: Option<usize>, total: usize, rows: usize) -> usize {
    match focus_at {
        Some(at) => at.saturating_sub(2),
        None => stored,
    }
    .min(max_scroll(total, rows))
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
