//! Colours and text attributes. Every theme keeps text out of blue, red and dark grey (unreadable
//! on projectors and in `PuTTY`'s palette), uses neither dim nor italic, and marks the selection
//! with reverse video so nothing depends on colour alone.

use ratatui::style::{Color, Modifier, Style};

/// The colour themes offered on the command line (`--theme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeName {
    Dark,
    Light,
    Projector,
    Mono,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: ThemeName,
    /// Background and default text of the whole screen.
    pub base: Style,
    pub title: Style,
    pub heading: Style,
    pub label: Style,
    pub quote: Style,
    pub strong: Style,
    pub selected: Style,
    pub border: Style,
    pub focus_border: Style,
    pub key: Style,
    pub error: Style,
    pub ok: Style,
    pub flag: Style,
    /// Status styles by answer-set position (done, partial, not done, n/a, others).
    pub status: [Style; 5],
    pub unanswered: Style,
}

const fn fg(c: Color) -> Style {
    Style::new().fg(c)
}

impl Theme {
    pub fn by_name(name: ThemeName) -> Self {
        match name {
            ThemeName::Dark => Self::dark(),
            ThemeName::Light => Self::light(),
            ThemeName::Projector => Self::projector(),
            ThemeName::Mono => Self::mono(),
        }
    }

    /// `--theme` if given, else monochrome when `NO_COLOR` is set (no-color.org), else dark.
    pub fn choose(explicit: Option<ThemeName>, no_color: bool) -> Self {
        match (explicit, no_color) {
            (Some(n), _) => Self::by_name(n),
            (None, true) => Self::mono(),
            (None, false) => Self::dark(),
        }
    }

    pub fn dark() -> Self {
        Self {
            name: ThemeName::Dark,
            base: Style::new().fg(Color::Reset).bg(Color::Reset),
            title: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            heading: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            label: fg(Color::Cyan),
            quote: fg(Color::White),
            strong: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new(),
            focus_border: fg(Color::Yellow),
            key: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Black).bg(Color::Yellow),
            ok: fg(Color::Green),
            flag: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            status: [
                fg(Color::Green),
                fg(Color::Yellow),
                fg(Color::Magenta).add_modifier(Modifier::BOLD),
                fg(Color::White),
                fg(Color::Cyan),
            ],
            unanswered: Style::new(),
        }
    }

    /// Dark text on an explicit white background, so it looks the same on any terminal.
    pub fn light() -> Self {
        let black = Color::Indexed(16);
        Self {
            name: ThemeName::Light,
            base: Style::new().fg(black).bg(Color::Indexed(231)),
            title: fg(black).add_modifier(Modifier::BOLD),
            heading: fg(Color::Indexed(22)).add_modifier(Modifier::BOLD),
            label: fg(Color::Indexed(22)),
            quote: fg(black),
            strong: fg(black).add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: fg(black),
            focus_border: fg(Color::Indexed(90)),
            key: fg(Color::Indexed(90)).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Indexed(231)).bg(Color::Indexed(90)),
            ok: fg(Color::Indexed(22)),
            flag: fg(Color::Indexed(90)).add_modifier(Modifier::BOLD),
            status: [
                fg(Color::Indexed(22)).add_modifier(Modifier::BOLD),
                fg(Color::Indexed(94)).add_modifier(Modifier::BOLD),
                fg(Color::Indexed(90)).add_modifier(Modifier::BOLD),
                fg(black),
                fg(black),
            ],
            unanswered: fg(black),
        }
    }

    /// High contrast for a projector: bright 256-colour text on black.
    pub fn projector() -> Self {
        let white = Color::Indexed(231);
        Self {
            name: ThemeName::Projector,
            base: Style::new().fg(white).bg(Color::Indexed(16)),
            title: fg(Color::Indexed(226)).add_modifier(Modifier::BOLD),
            heading: fg(Color::Indexed(51)).add_modifier(Modifier::BOLD),
            label: fg(Color::Indexed(51)).add_modifier(Modifier::BOLD),
            quote: fg(white),
            strong: fg(white).add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            border: fg(white),
            focus_border: fg(Color::Indexed(226)),
            key: fg(Color::Indexed(226)).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Indexed(16)).bg(Color::Indexed(226)),
            ok: fg(Color::Indexed(46)),
            flag: fg(Color::Indexed(226)).add_modifier(Modifier::BOLD),
            status: [
                fg(Color::Indexed(46)).add_modifier(Modifier::BOLD),
                fg(Color::Indexed(220)).add_modifier(Modifier::BOLD),
                fg(Color::Indexed(213)).add_modifier(Modifier::BOLD),
                fg(white).add_modifier(Modifier::BOLD),
                fg(Color::Indexed(51)).add_modifier(Modifier::BOLD),
            ],
            unanswered: fg(white),
        }
    }

    /// No colour at all: bold, underline and reverse on the terminal's own colours.
    pub fn mono() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let under = Style::new().add_modifier(Modifier::UNDERLINED);
        Self {
            name: ThemeName::Mono,
            base: Style::new().fg(Color::Reset).bg(Color::Reset),
            title: bold,
            heading: bold,
            label: under,
            quote: Style::new(),
            strong: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new(),
            focus_border: bold,
            key: bold,
            error: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            ok: Style::new(),
            flag: bold,
            status: [
                bold,
                bold,
                bold.add_modifier(Modifier::UNDERLINED),
                Style::new(),
                bold,
            ],
            unanswered: Style::new(),
        }
    }

    pub fn status_style(&self, index: Option<usize>) -> Style {
        match index {
            Some(i) => self.status[i.min(4)],
            None => self.unanswered,
        }
    }
}
