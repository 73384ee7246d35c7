//! The header: who is meeting about what, overall progress, the meeting clock.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Look, cut};
use crate::app::App;
use crate::text::wrap;

/// `HH:MM:SS` of a number of seconds.
pub(crate) fn clock(secs: i64) -> String {
    let s = secs.max(0);
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

pub(crate) use crate::app::pane::bar;

/// What a live view says about the recorder it follows.
fn follow_text(w: &crate::app::Walk, t: &crate::i18n::Texts) -> Option<String> {
    w.follow.as_ref().map(|f| {
        let who = f
            .editor
            .as_ref()
            .map(|p| {
                let field = p
                    .field
                    .as_deref()
                    .and_then(|k| crate::model::Field::ALL.into_iter().find(|f| f.key() == k))
                    .map(|f| format!(" · {}", crate::app::field_label(t, f)))
                    .unwrap_or_default();
                format!("{}@{}{field}", p.user, p.host)
            })
            .unwrap_or_default();
        if let Some(_e) = &f.stale {
            t.follow_stale.to_owned()
        } else if f.editor_gone {
            t.follow_editor_gone.to_owned()
        } else if f.editor.is_none() {
            t.follow_waiting.to_owned()
        } else if f.following {
            format!("{} {who}", t.follow_following)
        } else {
            format!("{} {who}", t.follow_paused)
        }
    })
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let Some(w) = &app.walk else { return };
    let t = app.t();
    let th = &look.theme;
    let width = usize::from(area.width);
    let s = &w.session;

    // Line 1: unit (kind) · meeting title · date            [read-only]
    let unit = if s.unit.name.is_empty() {
        t.unnamed_unit
    } else {
        &s.unit.name
    };
    let kind = s
        .unit
        .kind
        .map(|k| {
            format!(
                "{}{}{}",
                t.open,
                crate::i18n::unit_kind(k, app.lang),
                t.close
            )
        })
        .unwrap_or_default();
    let date = s
        .meeting
        .date
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let mut left = format!("{unit}{kind}");
    if !s.meeting.title.is_empty() {
        left.push_str("  ");
        left.push_str(&s.meeting.title);
    }
    if !date.is_empty() {
        left.push_str("  ");
        left.push_str(&date);
    }
    let follow = follow_text(w, t).map(|f| look.own(&f).into_owned());
    let right = match follow {
        Some(text) => format!("{} {}", crate::text::sanitize::one_line(&text), t.read_only),
        None if w.read_only => t.read_only.to_owned(),
        None if w.session.is_signed() => crate::i18n::followup(app.lang).signed_badge.to_owned(),
        None => String::new(),
    };
    let right = right.as_str();
    let room = width.saturating_sub(wrap::width(right) + 1);
    let left = cut(&left, room);
    let gap = width.saturating_sub(wrap::width(&left) + wrap::width(right));
    let line1 = Line::from(vec![
        Span::styled(left, th.title),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, th.error),
    ]);

    // Line 2: progress bar and counts            meeting clock, time of day
    let elapsed = i64::try_from(w.meeting_clock(app.now)).unwrap_or(i64::MAX);
    let right = format!(
        "{} {}  {}",
        t.meeting_clock,
        clock(elapsed),
        app.now.format("%H:%M")
    );
    let right_w = wrap::width(&right);
    let mut spans = progress_spans(app, w, look, width.saturating_sub(right_w));
    let used: usize = spans.iter().map(|s| wrap::width(&s.content)).sum();
    spans.push(Span::raw(" ".repeat(width.saturating_sub(used + right_w))));
    spans.push(Span::styled(right, th.label));
    frame.render_widget(Paragraph::new(vec![line1, Line::from(spans)]), area);
}

/// Progress and the counts by status in `room` columns: with the answer set's words where they
/// fit, else with the marks the tree uses (`[x]3 [~]1`), so the counts never vanish at 80 or
/// 100 columns.
fn progress_spans(app: &App, w: &crate::app::Walk, look: &Look, room: usize) -> Vec<Span<'static>> {
    let t = app.t();
    let th = &look.theme;
    let en = app.lang.is_en();
    let s = &w.session;
    let (answered, total) = w.tally.overall();
    let pct = (answered * 100).checked_div(total).unwrap_or(0);
    let counts = w.tally.by_status();
    // The counts by status: with the answer set's words where they fit, else with the marks
    // the tree uses (`[x]3 [~]1`), so they never vanish at 80 or 100 columns.
    let full: Vec<Span<'static>> = s
        .template
        .answer_set
        .iter()
        .zip(counts)
        .enumerate()
        .flat_map(|(i, (opt, n))| {
            [
                Span::raw("  "),
                Span::styled(
                    format!("{} {n}", super::cut(opt.label_for(en), 24)),
                    th.status_style(Some(i)),
                ),
            ]
        })
        .collect();
    let compact: Vec<Span<'static>> = counts
        .iter()
        .enumerate()
        .flat_map(|(i, n)| {
            [
                Span::raw(" "),
                Span::styled(
                    format!("{}{n}", super::tree::status_mark(Some(i))),
                    th.status_style(Some(i)),
                ),
            ]
        })
        .collect();
    let progress = vec![
        Span::styled(format!("{} ", t.progress), th.label),
        Span::styled(format!("{answered}/{total} {pct}% "), th.strong),
    ];
    let with_bar = |mut v: Vec<Span<'static>>, bar_w: usize| {
        v.push(Span::raw(bar(answered, total, bar_w)));
        v
    };
    let fits =
        |v: &[Span<'static>]| v.iter().map(|s| wrap::width(&s.content)).sum::<usize>() < room;
    let candidates = [
        [with_bar(progress.clone(), 16), full.clone()].concat(),
        [with_bar(progress.clone(), 16), compact.clone()].concat(),
        [with_bar(progress.clone(), 8), compact.clone()].concat(),
        [progress.clone(), compact].concat(),
    ];
    candidates.into_iter().find(|v| fits(v)).unwrap_or(progress)
}
