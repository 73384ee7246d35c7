//! Drawing: `draw(&App)` paints one frame and never changes state. One function per region,
//! each `render_*(frame, area, app, look)`. Text is sanitised and laid out with Chinese
//! line-breaking rules here, before it reaches a widget.

pub mod backend;
mod detail;
mod dialog;
mod footer;
mod form;
mod header;
mod help;
mod history;
mod picker;
mod projector;
mod summary;
pub mod theme;
pub use help::sections as help_sections;
mod tree;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::app::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, Screen};
use crate::text::sanitize;
pub use theme::Theme;

/// How the interface looks: the theme and whether to stay within ASCII for borders.
#[derive(Debug, Clone)]
pub struct Look {
    pub theme: Theme,
    pub ascii: bool,
}

impl Look {
    /// The separator between parts of a title or status: ` · `, or ` - ` with `--ascii` (the
    /// middle dot is East Asian ambiguous: two columns wide on some terminals).
    pub fn sep(&self) -> &'static str {
        if self.ascii { " - " } else { " · " }
    }

    /// `text` in quotation marks: “…”, or 「…」 with `--ascii` (always two columns wide, so they
    /// cannot break the layout as the ambiguous curly quotes do).
    pub fn quoted(&self, text: &str) -> String {
        crate::i18n::marks::quoted(text, self.ascii)
    }

    /// One of the interface's own strings as drawn: with `--ascii`, its East Asian ambiguous
    /// marks (curly quotes, middle dot, ellipsis, dash) become ones of fixed width.
    pub fn own<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        if self.ascii {
            ascii_marks(text)
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }
}

pub use crate::text::ascii_marks;

/// Borders drawn with ASCII only, for terminals that draw box characters two columns wide.
pub const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// A bordered block with a title; the focused one has a highlighted border.
pub(crate) fn block<'a>(look: &Look, title: impl Into<String>, focused: bool) -> Block<'a> {
    let t = &look.theme;
    let mut b = Block::bordered()
        .border_style(if focused { t.focus_border } else { t.border })
        .title(Line::from(Span::styled(
            format!(" {} ", look.own(&sanitize::one_line(&title.into()))),
            if focused {
                t.focus_border.patch(t.strong)
            } else {
                t.heading
            },
        )));
    if look.ascii {
        b = b.border_set(ASCII_BORDER);
    }
    b
}

pub(crate) use crate::app::pane::{cut, para};

/// Draws a text editor in `area` inside a titled border and puts the terminal's real cursor
/// where typing happens, so an input method's candidate window opens there.
pub(crate) fn render_text_area(
    frame: &mut Frame,
    area: Rect,
    title: String,
    ta: &ratatui_textarea::TextArea<'_>,
    look: &Look,
) {
    let b = block(look, title, true);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    place_text_area(frame, inner, ta);
}

/// Draws a text editor (no border) in `area` and puts the terminal cursor at its cursor.
pub(crate) fn place_text_area(frame: &mut Frame, area: Rect, ta: &ratatui_textarea::TextArea<'_>) {
    // Never hand a text widget fewer than 4 columns.
    if area.width < 4 || area.height == 0 {
        return;
    }
    frame.render_widget(ta, area);
    let sc = ta.screen_cursor();
    let (top_row, top_col) = ta.scroll_offset();
    let row = sc.row.saturating_sub(usize::from(top_row));
    let col = sc.col.saturating_sub(usize::from(top_col));
    if row < usize::from(area.height) {
        frame.set_cursor_position((
            area.x + u16::try_from(col).unwrap_or(0).min(area.width - 1),
            area.y + u16::try_from(row).unwrap_or(0),
        ));
    }
}

/// Paints one frame.
pub fn draw(frame: &mut Frame, app: &App, look: &Look) {
    let area = frame.area();
    frame.render_widget(Block::new().style(look.theme.base), area);
    if layout::too_small(area) {
        render_too_small(frame, area, app, look);
        return;
    }
    if app.help.is_some() {
        help::render(frame, area, app, look);
        return;
    }
    match app.screen {
        Screen::Picker => picker::render(frame, area, app, look),
        Screen::Form => form::render(frame, area, app, look),
        Screen::Summary => summary::render(frame, area, app, look),
        Screen::Walk => match &app.walk {
            Some(w) if w.projector => {
                // Projector mode brings its high-contrast theme in the terminal's colours,
                // unless colour is off.
                let look = Look {
                    theme: look.theme.projector_like(),
                    ascii: look.ascii,
                };
                frame.render_widget(Block::new().style(look.theme.base), area);
                projector::render(frame, area, app, &look);
            }
            Some(_) => {
                let a = layout::walk(area);
                header::render(frame, a.header, app, look);
                tree::render(frame, a.tree, app, look);
                detail::render(frame, a.detail, app, look);
                footer::render(frame, a.footer, app, look);
            }
            None => picker::render(frame, area, app, look),
        },
    }
    if app.history_view.is_some() {
        history::render(frame, app, look);
    }
    if app.dialog.is_some() {
        dialog::render(frame, area, app, look);
    }
    if let Some(r) = &app.recovery {
        let t = app.t();
        let mut lines = vec![t.recovery_intro.to_owned()];
        lines.extend(r.differences.iter().take(12).map(|d| format!("  {d}")));
        if r.differences.len() > 12 {
            lines.push(format!("  ... +{}", r.differences.len() - 12));
        }
        lines.push(String::new());
        lines.push(
            crate::keymap::footer_hints(crate::keymap::Ctx::Confirm, app.lang)
                .into_iter()
                .map(|(k, l)| format!("{k} {l}"))
                .collect::<Vec<_>>()
                .join("    "),
        );
        popup(frame, area, look, t.recovery_title, &lines);
    }
}

/// A box in the middle of the screen. A wide character cut by its left edge is blanked first,
/// so the border is drawn whole.
pub(crate) fn popup(frame: &mut Frame, area: Rect, look: &Look, title: &str, lines: &[String]) {
    let width = area.width.saturating_sub(8).min(90);
    if width < 20 {
        return;
    }
    let inner_w = usize::from(width - 2);
    let body: Vec<Line<'static>> = lines
        .iter()
        .flat_map(|l| para(l, inner_w, 0, look.theme.base))
        .collect();
    let height = u16::try_from(body.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let buf = frame.buffer_mut();
    if rect.x > area.x {
        for y in rect.y..rect.y + rect.height {
            buf[(rect.x - 1, y)].set_symbol(" ");
        }
    }
    frame.render_widget(ratatui::widgets::Clear, rect);
    let b = block(look, title, true).style(look.theme.base);
    let inner = b.inner(rect);
    frame.render_widget(b, rect);
    frame.render_widget(Paragraph::new(body), inner);
}

fn render_too_small(frame: &mut Frame, area: Rect, app: &App, look: &Look) {
    let msg = app
        .t()
        .too_small
        .replace("{w}", &area.width.to_string())
        .replace("{h}", &area.height.to_string());
    let _ = (MIN_WIDTH, MIN_HEIGHT);
    // Never hand a text widget fewer than 4 columns: narrow layouts of wide characters can
    // index outside the buffer.
    if area.width < 4 || area.height == 0 {
        return;
    }
    let lines = para(&msg, usize::from(area.width), 0, look.theme.strong);
    frame.render_widget(Paragraph::new(lines), area);
}
