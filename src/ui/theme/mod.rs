//! Colours and text attributes. Every theme keeps text out of blue, red and dark grey (unreadable
//! on projectors and in `PuTTY`'s palette), uses neither dim nor italic, and marks the selection
//! with reverse video so nothing depends on colour alone.
//!
//! Each theme comes in the colours the terminal can show ([`ColorDepth`]): the 16 ANSI colours
//! (the Linux console, `TERM=xterm`), the 256-colour palette (the default: its indices are safe
//! over SSH, where `COLORTERM` is not forwarded), or truecolor (only when the terminal says so,
//! or with `--colors truecolor`). A terminal that shows no colour at all gets the monochrome
//! theme. [`ColorDepth::detect`] decides from `--colors`, `COLORTERM`, `TERM` and the terminfo
//! entry's `colors` number.

mod depth;
mod terminfo;

use ratatui::style::{Color, Modifier, Style};

use depth::to_rgb;
pub use depth::{ColorDepth, ColorEnv, XTERM_SYSTEM};

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
    /// The colours its styles use.
    pub depth: ColorDepth,
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

    /// `--theme` if given, else monochrome when `NO_COLOR` is set (no-color.org), else dark; in
    /// the colours this process's terminal shows (see [`ColorDepth::detect`]).
    pub fn choose(explicit: Option<ThemeName>, no_color: bool) -> Self {
        Self::choose_for(explicit, no_color, None, &ColorEnv::from_process())
    }

    /// [`Theme::choose`] with `--colors` and the terminal's environment given.
    pub fn choose_for(
        explicit: Option<ThemeName>,
        no_color: bool,
        colors: Option<ColorDepth>,
        env: &ColorEnv,
    ) -> Self {
        let name = match (explicit, no_color) {
            (Some(n), _) => n,
            (None, true) => ThemeName::Mono,
            (None, false) => ThemeName::Dark,
        };
        match ColorDepth::detect(colors, env) {
            Some(depth) => Self::by_name_in(name, depth),
            None => Self::mono(),
        }
    }

    /// A theme in the colours of `depth`.
    pub fn by_name_in(name: ThemeName, depth: ColorDepth) -> Self {
        match (name, depth) {
            (ThemeName::Mono, _) => Self::mono(),
            (ThemeName::Dark, _) => Self {
                depth,
                ..Self::dark()
            },
            (ThemeName::Light, ColorDepth::Ansi16) => Self::light16(),
            (ThemeName::Projector, ColorDepth::Ansi16) => Self::projector16(),
            (name, ColorDepth::Ansi256) => Self::by_name(name),
            (name, ColorDepth::TrueColor) => Self::by_name(name).in_truecolor(),
        }
    }

    /// The projector's theme in this theme's colours (monochrome stays monochrome).
    #[must_use]
    pub fn projector_like(&self) -> Self {
        if self.name == ThemeName::Mono {
            return self.clone();
        }
        Self::by_name_in(ThemeName::Projector, self.depth)
    }

    /// Every 256-palette index as its exact 24-bit colour, for terminals that say they show
    /// truecolor.
    fn in_truecolor(self) -> Self {
        let map = |s: Style| Style {
            fg: s.fg.map(to_rgb),
            bg: s.bg.map(to_rgb),
            ..s
        };
        Self {
            depth: ColorDepth::TrueColor,
            base: map(self.base),
            title: map(self.title),
            heading: map(self.heading),
            label: map(self.label),
            quote: map(self.quote),
            strong: map(self.strong),
            selected: map(self.selected),
            border: map(self.border),
            focus_border: map(self.focus_border),
            key: map(self.key),
            error: map(self.error),
            ok: map(self.ok),
            flag: map(self.flag),
            status: self.status.map(map),
            unanswered: map(self.unanswered),
            name: self.name,
        }
    }

    /// The light theme in the 16 ANSI colours: black on bright white, keys and warnings in
    /// magenta (5.5:1 on white in `PuTTY`'s palette); green and yellow are too pale on white to
    /// carry text, so statuses differ by weight and underline as well as colour.
    pub fn light16() -> Self {
        let black = Color::Black;
        let accent = Color::Magenta;
        Self {
            name: ThemeName::Light,
            depth: ColorDepth::Ansi16,
            base: Style::new().fg(black).bg(Color::White),
            title: fg(black).add_modifier(Modifier::BOLD),
            heading: fg(black).add_modifier(Modifier::BOLD),
            label: fg(black).add_modifier(Modifier::UNDERLINED),
            quote: fg(black),
            strong: fg(black).add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: fg(black),
            focus_border: fg(accent).add_modifier(Modifier::BOLD),
            key: fg(accent).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::White).bg(accent),
            ok: fg(black),
            flag: fg(accent).add_modifier(Modifier::BOLD),
            status: [
                fg(black).add_modifier(Modifier::BOLD),
                fg(accent),
                fg(accent).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                fg(black),
                fg(black),
            ],
            unanswered: fg(black),
        }
    }

    /// The projector theme in the 16 ANSI colours: the bright colours on black.
    pub fn projector16() -> Self {
        let white = Color::White;
        Self {
            name: ThemeName::Projector,
            depth: ColorDepth::Ansi16,
            base: Style::new().fg(white).bg(Color::Black),
            title: fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            heading: fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            label: fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            quote: fg(white),
            strong: fg(white).add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            border: fg(white),
            focus_border: fg(Color::LightYellow),
            key: fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Black).bg(Color::LightYellow),
            ok: fg(Color::LightGreen),
            flag: fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            status: [
                fg(Color::LightGreen).add_modifier(Modifier::BOLD),
                fg(Color::LightYellow).add_modifier(Modifier::BOLD),
                fg(Color::LightMagenta).add_modifier(Modifier::BOLD),
                fg(white).add_modifier(Modifier::BOLD),
                fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            ],
            unanswered: fg(white),
        }
    }

    pub fn dark() -> Self {
        Self {
            name: ThemeName::Dark,
            depth: ColorDepth::Ansi16,
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
            depth: ColorDepth::Ansi256,
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
            depth: ColorDepth::Ansi256,
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
            depth: ColorDepth::Ansi16,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn colours(t: &Theme) -> Vec<Color> {
        let mut styles = vec![
            t.base,
            t.title,
            t.heading,
            t.label,
            t.quote,
            t.strong,
            t.selected,
            t.border,
            t.focus_border,
            t.key,
            t.error,
            t.ok,
            t.flag,
            t.unanswered,
        ];
        styles.extend(t.status);
        styles.iter().flat_map(|s| [s.fg, s.bg]).flatten().collect()
    }

    fn text_colours(t: &Theme) -> Vec<Color> {
        let mut styles = vec![
            t.base,
            t.title,
            t.heading,
            t.label,
            t.quote,
            t.strong,
            t.border,
            t.focus_border,
            t.key,
            t.error,
            t.ok,
            t.flag,
            t.unanswered,
        ];
        styles.extend(t.status);
        styles.iter().filter_map(|s| s.fg).collect()
    }

    #[test]
    fn the_16_colour_themes_use_only_ansi_colours_and_never_blue_red_or_dark_grey_text() {
        for name in [
            ThemeName::Dark,
            ThemeName::Light,
            ThemeName::Projector,
            ThemeName::Mono,
        ] {
            let t = Theme::by_name_in(name, ColorDepth::Ansi16);
            for c in colours(&t) {
                assert!(
                    !matches!(c, Color::Indexed(_) | Color::Rgb(..)),
                    "{name:?}: {c:?} is not one of the 16 colours"
                );
            }
            for c in text_colours(&t) {
                assert!(
                    !matches!(
                        c,
                        Color::Blue
                            | Color::LightBlue
                            | Color::Red
                            | Color::LightRed
                            | Color::DarkGray
                    ),
                    "{name:?}: text in {c:?}"
                );
            }
            assert!(
                t.selected.add_modifier.contains(Modifier::REVERSED),
                "{name:?}"
            );
        }
    }

    #[test]
    fn truecolor_themes_carry_no_palette_indices() {
        for name in [ThemeName::Light, ThemeName::Projector] {
            let t = Theme::by_name_in(name, ColorDepth::TrueColor);
            assert!(colours(&t).iter().all(|c| !matches!(c, Color::Indexed(_))));
            assert!(colours(&t).iter().any(|c| matches!(c, Color::Rgb(..))));
        }
        assert_eq!(to_rgb(Color::Indexed(231)), Color::Rgb(255, 255, 255));
        assert_eq!(to_rgb(Color::Indexed(16)), Color::Rgb(0, 0, 0));
        assert_eq!(to_rgb(Color::Indexed(196)), Color::Rgb(255, 0, 0));
        assert_eq!(to_rgb(Color::Indexed(244)), Color::Rgb(128, 128, 128));
    }

    #[test]
    fn projector_mode_keeps_the_terminal_s_colours() {
        let dark16 = Theme::by_name_in(ThemeName::Dark, ColorDepth::Ansi16);
        assert_eq!(dark16.projector_like(), Theme::projector16());
        let dark256 = Theme::by_name_in(ThemeName::Dark, ColorDepth::Ansi256);
        assert_eq!(dark256.projector_like(), Theme::projector());
        assert_eq!(Theme::mono().projector_like(), Theme::mono());
    }
}
