//! The terminal's pen (colours and attributes) and the SGR sequence that changes it: written
//! straight into the frame's bytes, either the changes only or a reset and the new state,
//! whichever is shorter.

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// The colours and attributes the terminal currently draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    pub(super) const RESET: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    pub(super) fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

/// Attributes that show on a blank cell (the rest only change how a glyph is drawn).
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::CROSSED_OUT)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK);

impl Pen {
    /// Whether a blank drawn with `self` looks like one drawn with `other`: the same
    /// background and lines, and the same foreground where it shows (reverse video, lines).
    pub(super) fn blank_looks_like(self, other: Pen) -> bool {
        let shown = self.modifier & VISIBLE_ON_BLANK;
        shown == other.modifier & VISIBLE_ON_BLANK
            && self.bg == other.bg
            && (shown.is_empty() || self.fg == other.fg)
            && (!shown.contains(Modifier::UNDERLINED) || self.underline == other.underline)
    }
}

const ATTRIBUTE_ON: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// The 256-colour palette index of a colour; `None` for the terminal's default and for RGB.
pub(super) fn palette_index(color: Color) -> Option<u8> {
    Some(match color {
        Color::Reset | Color::Rgb(..) => return None,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => i,
    })
}

/// Appends one parameter, after a `;` unless it is the first since `start`.
fn param(out: &mut Vec<u8>, start: usize, text: std::fmt::Arguments<'_>) {
    use std::io::Write;
    if out.len() > start {
        out.push(b';');
    }
    // Writing into a Vec cannot fail.
    let _ = out.write_fmt(text);
}

/// SGR parameters for a colour. The first 16 palette entries are written with their classic
/// codes (`33`, `93`, `43`, `103`) where `classic` allows, else as palette indices as crossterm
/// writes them for ratatui (`38;5;3`): some terminals brighten the classic 30..37 when bold,
/// so a bold glyph in one of the first eight colours gets the index (see [`changes`]). For a
/// terminal that knows only the 16 colours (`ansi16`: the Linux console, `TERM=xterm`) the
/// classic codes are used always.
fn push_color(out: &mut Vec<u8>, start: usize, base: u8, color: Color, classic: bool) {
    if classic
        && let Some(index @ 0..=15) = palette_index(color)
        && base != 58
    {
        // 38 becomes 30..37 / 90..97, 48 becomes 40..47 / 100..107.
        let first = base - 8;
        let code = if index < 8 {
            first + index
        } else {
            first + 60 + (index - 8)
        };
        param(out, start, format_args!("{code}"));
        return;
    }
    match (color, palette_index(color)) {
        (_, Some(index)) => param(out, start, format_args!("{base};5;{index}")),
        (Color::Rgb(r, g, b), None) => param(out, start, format_args!("{base};2;{r};{g};{b}")),
        (_, None) => param(out, start, format_args!("{}", base + 1)),
    }
}

/// Appends the parameters that change `from` into `to` (those since `start` are this
/// sequence's); returns the attributes removed.
fn changes(from: Pen, to: Pen, out: &mut Vec<u8>, start: usize, ansi16: bool) -> Modifier {
    let removed = from.modifier - to.modifier;
    let mut added = to.modifier - from.modifier;
    let code = |out: &mut Vec<u8>, c: u8| param(out, start, format_args!("{c}"));
    if removed.intersects(Modifier::BOLD | Modifier::DIM) {
        code(out, 22);
        added |= to.modifier & (Modifier::BOLD | Modifier::DIM);
    }
    if removed.contains(Modifier::ITALIC) {
        code(out, 23);
    }
    if removed.contains(Modifier::UNDERLINED) {
        code(out, 24);
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        code(out, 25);
        added |= to.modifier & (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK);
    }
    if removed.contains(Modifier::REVERSED) {
        code(out, 27);
    }
    if removed.contains(Modifier::HIDDEN) {
        code(out, 28);
    }
    if removed.contains(Modifier::CROSSED_OUT) {
        code(out, 29);
    }
    for (m, c) in ATTRIBUTE_ON {
        if added.contains(m) {
            code(out, c);
        }
    }
    // A bold glyph in one of the first eight colours is drawn with the palette index (the
    // colour may have been set with its classic code while not bold).
    let bold = to.modifier.contains(Modifier::BOLD);
    let low = |c: Color| matches!(palette_index(c), Some(0..=7));
    let fg_classic = ansi16 || !(bold && low(to.fg));
    if from.fg != to.fg || (added.contains(Modifier::BOLD) && low(to.fg) && !ansi16) {
        push_color(out, start, 38, to.fg, fg_classic);
    }
    if from.bg != to.bg {
        push_color(out, start, 48, to.bg, true);
    }
    if from.underline != to.underline {
        push_color(out, start, 58, to.underline, false);
    }
    removed
}

/// Appends to `out` the SGR parameters (`;`-separated, without `ESC [` and `m`) that take the
/// terminal from `from` to `to`: either changes only, or a reset and the new state, whichever
/// is shorter. Both are written into `out` and the longer one cut away, so nothing is
/// allocated per change of pen.
pub(super) fn pen_change(from: Pen, to: Pen, out: &mut Vec<u8>, ansi16: bool) {
    let start = out.len();
    if changes(from, to, out, start, ansi16).is_empty() {
        return;
    }
    let mid = out.len();
    out.push(b'0');
    changes(Pen::RESET, to, out, mid, ansi16);
    if out.len() - mid < mid - start {
        out.drain(start..mid);
    } else {
        out.truncate(mid);
    }
}
