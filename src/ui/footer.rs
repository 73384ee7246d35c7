//! The footer: the last message (or what the tree shows), the save state, and the keys that
//! work right now, read from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Look, cut};
use crate::action::Command;
use crate::app::{App, Prompt, PromptKind};
use crate::keymap;
use crate::text::wrap;

/// What the footer says about the file.
pub(crate) fn save_text(app: &App, look: &Look) -> (String, bool) {
    let t = app.t();
    let Some(w) = &app.walk else {
        return (String::new(), false);
    };
    if w.read_only {
        return (t.not_saved_read_only.to_owned(), false);
    }
    if let Some(e) = &w.save.error {
        let _ = e;
        return (
            format!("{}{}{}", t.save_failed, look.sep(), t.unsaved),
            true,
        );
    }
    if w.save.dirty {
        return (t.unsaved.to_owned(), false);
    }
    if w.save.conflict_copy.is_some() {
        let at = w
            .save
            .last_saved
            .map(|at| at.format(" %H:%M:%S").to_string());
        return (
            format!("{}{}", t.saved_in_conflict_copy, at.unwrap_or_default()),
            true,
        );
    }
    match w.save.last_saved {
        Some(at) => (format!("{} {}", t.saved, at.format("%H:%M:%S")), false),
        None => (t.saved.to_owned(), false),
    }
}

/// The key hints line for the current context, laid out by priority: help and quit always
/// show (at the end), the others in table order while they fit.
pub(crate) fn hints(app: &App, look: &Look, width: usize) -> Line<'static> {
    let th = &look.theme;
    let answers = app
        .walk
        .as_ref()
        .map_or(9, |w| w.session.template.answer_set.len());
    let mut entries = keymap::footer_entries(app.context(), app.lang, answers);
    // A read-only view offers only what works there; a live view, also to stop following.
    let read_only = app.read_only_view();
    let following = app.walk.as_ref().is_some_and(|w| w.follow.is_some());
    entries.retain(|(c, ..)| {
        !(read_only && keymap::changes_record(*c) || *c == Command::ToggleFollow && !following)
    });
    // Reopening is for a signed record; signing, while someone has still to sign.
    if let Some(w) = &app.walk {
        let signed = w.session.is_signed();
        let all_signed = crate::model::signoff::Role::ALL
            .iter()
            .all(|r| w.session.signatures.iter().any(|s| s.role == *r));
        entries.retain(|(c, ..)| match c {
            Command::Reopen => signed,
            Command::Sign => !all_signed,
            _ => true,
        });
    }
    // Details shown to look at: Esc goes back, it cancels nothing.
    if read_only
        && app.screen == crate::app::Screen::Form
        && let Some(back) = keymap::KEYMAP
            .iter()
            .find(|b| b.command == Command::Summary && b.ctx == keymap::Ctx::Summary)
            .and_then(|b| b.footer_label(app.lang))
    {
        for e in &mut entries {
            if e.0 == Command::FormCancel {
                e.2 = back;
            }
        }
    }
    // In a live view, to stop and resume following comes first.
    entries.sort_by_key(|(c, ..)| *c != Command::ToggleFollow);
    // The one-line prompt serves more than search: Enter there goes to a number or saves.
    if let Some(kind) = app
        .walk
        .as_ref()
        .and_then(|w| w.prompt.as_ref())
        .map(|p| p.kind)
        && kind != PromptKind::Search
        && let Some(done) = keymap::KEYMAP
            .iter()
            .find(|b| b.command == Command::FormSubmit)
            .and_then(|b| b.footer_label(app.lang))
    {
        for e in &mut entries {
            if e.0 == Command::SearchSubmit {
                e.2 = done;
            }
        }
    }
    let cost = |key: &str, label: &str| wrap::width(key) + wrap::width(label) + 3;
    let essential = |c: Command| matches!(c, Command::Help | Command::Quit);
    let reserved: usize = entries
        .iter()
        .filter(|(c, ..)| essential(*c))
        .map(|(_, k, l)| cost(k, l))
        .sum();
    let mut used = reserved;
    let mut shown = Vec::new();
    for (command, key, label) in &entries {
        if essential(*command) {
            continue;
        }
        let w = cost(key, label);
        if used + w > width {
            continue;
        }
        used += w;
        shown.push((key.clone(), *label));
    }
    shown.extend(
        entries
            .iter()
            .filter(|(c, ..)| essential(*c))
            .map(|(_, k, l)| (k.clone(), *l)),
    );
    let mut spans = Vec::new();
    for (key, label) in shown {
        spans.push(Span::styled(key, th.key));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    Line::from(spans)
}

/// A prompt (search words, a file name) on the footer's first line, with the terminal cursor in
/// it so an input method's candidates appear there.
fn render_prompt(frame: &mut Frame, area: Rect, prompt: &Prompt, app: &App, look: &Look) {
    let t = app.t();
    let label = match prompt.kind {
        PromptKind::Search => t.search_prompt,
        PromptKind::SaveAs => t.save_as_prompt,
        PromptKind::GoTo => t.goto_prompt,
    };
    let label_w = u16::try_from(wrap::width(label)).unwrap_or(0);
    let line = Rect { height: 1, ..area };
    frame.render_widget(Paragraph::new(Span::styled(label, look.theme.key)), line);
    let input = Rect {
        x: line.x + label_w,
        width: line.width.saturating_sub(label_w),
        ..line
    };
    if input.width < 4 {
        return;
    }
    super::place_text_area(frame, input, &prompt.input);
    frame.render_widget(
        Paragraph::new(hints(app, look, usize::from(area.width))),
        Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        },
    );
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    if let Some(p) = app.walk.as_ref().and_then(|w| w.prompt.as_ref()) {
        render_prompt(frame, area, p, app, look);
        return;
    }
    let th = &look.theme;
    let width = usize::from(area.width);
    let (save, failed) = save_text(app, look);
    let save_w = wrap::width(&save);
    let (msg, msg_style) = match &app.message {
        Some(m) => (m.text.clone(), if m.error { th.error } else { th.ok }),
        None => (String::new(), th.base),
    };
    let msg = cut(&msg, width.saturating_sub(save_w + 2));
    let gap = width.saturating_sub(wrap::width(&msg) + save_w);
    let line1 = Line::from(vec![
        Span::styled(msg, msg_style),
        Span::raw(" ".repeat(gap)),
        Span::styled(save, if failed { th.error } else { th.label }),
    ]);
    frame.render_widget(Paragraph::new(vec![line1, hints(app, look, width)]), area);
}
