//! How many colours a terminal shows, decided from `--colors`, `COLORTERM`, `TERM` and the
//! terminfo entry's `colors` number; and xterm's palette, to turn palette indices into 24-bit
//! colours.

use ratatui::style::Color;

use super::terminfo;

/// How many colours a terminal shows, as `--colors` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorDepth {
    /// The 16 ANSI colours, which follow each terminal's own palette.
    #[value(name = "16")]
    Ansi16,
    /// The 256-colour palette.
    #[value(name = "256")]
    Ansi256,
    /// 24-bit colour.
    #[value(name = "truecolor")]
    TrueColor,
}

/// What the environment says about the terminal's colours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColorEnv {
    pub colorterm: Option<String>,
    pub term: Option<String>,
    /// The terminfo entry's `colors` number for `term`, if an entry was found.
    pub terminfo_colors: Option<i32>,
}

impl ColorEnv {
    /// This process's environment, with the terminfo entry of `TERM` looked up on disk.
    pub fn from_process() -> Self {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let term = var("TERM");
        let terminfo_colors = term.as_deref().and_then(terminfo::max_colors);
        Self {
            colorterm: var("COLORTERM"),
            term,
            terminfo_colors,
        }
    }
}

impl ColorDepth {
    /// The colours to use: `explicit` (`--colors`) if given; else truecolor when `COLORTERM`
    /// says so; else by `TERM` (`*-256color` 256, `*-direct` truecolor, `linux` 16, `dumb`
    /// none) and, for other names, its terminfo `colors` (8 or 16: 16; fewer: none). With no
    /// `TERM` or an unknown one, 256. `None` means the terminal shows no colour.
    pub fn detect(explicit: Option<ColorDepth>, env: &ColorEnv) -> Option<ColorDepth> {
        if explicit.is_some() {
            return explicit;
        }
        if let Some(ct) = &env.colorterm
            && matches!(ct.to_ascii_lowercase().as_str(), "truecolor" | "24bit")
        {
            return Some(ColorDepth::TrueColor);
        }
        let Some(term) = env.term.as_deref().map(str::to_ascii_lowercase) else {
            return Some(ColorDepth::Ansi256);
        };
        if term == "dumb" {
            return None;
        }
        if term.ends_with("-direct") || term.contains("truecolor") || term.contains("24bit") {
            return Some(ColorDepth::TrueColor);
        }
        if term.contains("256color") {
            return Some(ColorDepth::Ansi256);
        }
        if term == "linux" || term.starts_with("linux-") || term.contains("-16color") {
            return Some(ColorDepth::Ansi16);
        }
        match env.terminfo_colors {
            Some(n) if n >= 1 << 24 => Some(ColorDepth::TrueColor),
            Some(n) if n >= 256 => Some(ColorDepth::Ansi256),
            Some(n) if n >= 8 => Some(ColorDepth::Ansi16),
            Some(_) => None,
            None if term.ends_with("-mono") || term.starts_with("vt") => None,
            None => Some(ColorDepth::Ansi256),
        }
    }
}

/// xterm's colours for the 16 system entries of the palette.
pub const XTERM_SYSTEM: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// A 256-palette index as its 24-bit colour (xterm's palette); other colours unchanged.
pub(super) fn to_rgb(c: Color) -> Color {
    let Color::Indexed(i) = c else {
        return c;
    };
    let (r, g, b) = match i {
        0..=15 => XTERM_SYSTEM[usize::from(i)],
        16..=231 => {
            let n = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            (level(n / 36), level((n / 6) % 6), level(n % 6))
        }
        232..=255 => {
            let v = 8 + (i - 232) * 10;
            (v, v, v)
        }
    };
    Color::Rgb(r, g, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(colorterm: Option<&str>, term: Option<&str>, colors: Option<i32>) -> ColorEnv {
        ColorEnv {
            colorterm: colorterm.map(str::to_owned),
            term: term.map(str::to_owned),
            terminfo_colors: colors,
        }
    }

    #[test]
    fn colours_follow_what_the_terminal_says() {
        use ColorDepth::*;
        let cases = [
            (env(None, Some("linux"), Some(8)), Some(Ansi16)),
            (env(None, Some("xterm"), Some(8)), Some(Ansi16)),
            (env(None, Some("rxvt-16color"), None), Some(Ansi16)),
            (env(None, Some("xterm-256color"), Some(256)), Some(Ansi256)),
            (env(None, Some("tmux-256color"), None), Some(Ansi256)),
            (
                env(Some("truecolor"), Some("xterm-256color"), Some(256)),
                Some(TrueColor),
            ),
            (env(Some("24bit"), Some("linux"), Some(8)), Some(TrueColor)),
            (env(None, Some("xterm-direct"), None), Some(TrueColor)),
            (env(None, Some("dumb"), None), None),
            (env(None, Some("vt100"), Some(-1).filter(|n| *n >= 0)), None),
            (env(None, Some("vt220"), Some(0)), None),
            (env(None, None, None), Some(Ansi256)),
            (env(None, Some("strange-term"), None), Some(Ansi256)),
        ];
        for (e, want) in cases {
            assert_eq!(ColorDepth::detect(None, &e), want, "{e:?}");
        }
        // --colors wins over everything the environment says.
        let linux = env(None, Some("linux"), Some(8));
        assert_eq!(ColorDepth::detect(Some(Ansi256), &linux), Some(Ansi256));
        assert_eq!(
            ColorDepth::detect(Some(Ansi16), &env(Some("truecolor"), None, None)),
            Some(Ansi16)
        );
    }
}
