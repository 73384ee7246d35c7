//! The terminal backend: what a frame's changed cells become as bytes on the wire. ratatui's
//! crossterm backend moves the cursor after every wide character (it cannot tell where the
//! terminal put it), which on Chinese text is about three times the bytes of the text itself;
//! over a slow SSH link that is what a key costs. This backend keeps track of the cursor by
//! character width, trusting widths only as far as a probe of the terminal at start-up showed
//! them to be right, and keeps a copy of what the screen shows, so that it can skip cells whose
//! change cannot be seen (a blank that only changed its text colour), reprint a short run of
//! unchanged cells where that is shorter than a cursor move, and leave the colours alone for a
//! blank that looks the same in them. It picks the shortest cursor move, merges colour and
//! attribute changes into one escape sequence, skips cursor show/hide that changes nothing, and
//! writes each frame with one `write`.

use std::cell::Cell as Shared;
use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthChar;

/// Which character widths the terminal is known to agree with `unicode-width` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Widths {
    /// East Asian wide characters (汉字, full-width punctuation) advance two columns.
    pub wide: bool,
    /// East Asian ambiguous characters (box drawing, “”, ·) advance one column.
    pub ambiguous_narrow: bool,
}

impl Widths {
    /// What ratatui's own backend assumes without asking: one column for anything
    /// `unicode-width` calls narrow, and nothing about wide characters.
    pub const ASSUMED: Widths = Widths {
        wide: false,
        ambiguous_narrow: true,
    };

    /// How far the cursor moves when `symbol` is printed, where that is certain.
    fn advance(self, symbol: &str) -> Option<u16> {
        let bytes = symbol.as_bytes();
        if let [b] = bytes {
            return (0x20..0x7f).contains(b).then_some(1);
        }
        let mut chars = symbol.chars();
        let c = chars.next()?;
        if chars.next().is_some() {
            // A cluster (combining marks, emoji sequences): terminals disagree.
            return None;
        }
        match (c.width()?, c.width_cjk()?) {
            (1, 1) => Some(1),
            (1, 2) => self.ambiguous_narrow.then_some(1),
            (2, 2) if is_east_asian_wide_text(c) => self.wide.then_some(2),
            _ => None,
        }
    }

    /// Reads what the terminal did with `中─` printed from column 1: the cursor's column after
    /// it (1-based) tells the widths it uses.
    pub fn from_probe(column_after: u16) -> Widths {
        match column_after {
            4 => Widths {
                wide: true,
                ambiguous_narrow: true,
            },
            5 => Widths {
                wide: true,
                ambiguous_narrow: false,
            },
            _ => Widths::ASSUMED,
        }
    }
}

/// Wide characters whose width every terminal agrees on: CJK ideographs and punctuation, kana,
/// Hangul, full-width forms. Emoji are left out: older terminals draw them one column wide.
fn is_east_asian_wide_text(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD
    )
}

/// The colours and attributes the terminal currently draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    const RESET: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Pen {
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
    fn blank_looks_like(self, other: Pen) -> bool {
        let shown = self.modifier & VISIBLE_ON_BLANK;
        shown == other.modifier & VISIBLE_ON_BLANK
            && self.bg == other.bg
            && (shown.is_empty() || self.fg == other.fg)
            && (!shown.contains(Modifier::UNDERLINED) || self.underline == other.underline)
    }
}

/// What one cell of the screen shows, as far as this backend knows.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    /// Not known (the other half of a wide character was overwritten, a width not trusted).
    Unknown,
    /// A glyph of trusted width drawn with a pen.
    Glyph { symbol: Cell, pen: Pen, width: u16 },
    /// The right half of a wide glyph.
    RightHalf,
}

impl Shown {
    fn blank() -> Shown {
        Shown::Glyph {
            symbol: Cell::EMPTY,
            pen: Pen::RESET,
            width: 1,
        }
    }

    /// Whether drawing `symbol` with `pen` here would change nothing that can be seen.
    fn looks_like(&self, symbol: &str, pen: Pen) -> bool {
        match self {
            Shown::Glyph {
                symbol: s, pen: p, ..
            } if s.symbol() == symbol => {
                if symbol == " " {
                    p.blank_looks_like(pen)
                } else {
                    *p == pen
                }
            }
            _ => false,
        }
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
fn palette_index(color: Color) -> Option<u8> {
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

/// SGR parameters for a colour, as crossterm writes them for ratatui (so the same palette
/// entries are used: `38;5;3`, not `33`, which some terminals brighten when bold). With
/// `ansi16`, for a terminal that knows only the 16 colours (the Linux console, `TERM=xterm`),
/// the first 16 entries are written as the classic codes (`33`, `93`, `43`, `103`) instead.
fn push_color(params: &mut Vec<String>, base: u8, color: Color, ansi16: bool) {
    if ansi16
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
        params.push(code.to_string());
        return;
    }
    match (color, palette_index(color)) {
        (_, Some(index)) => params.push(format!("{base};5;{index}")),
        (Color::Rgb(r, g, b), None) => params.push(format!("{base};2;{r};{g};{b}")),
        (_, None) => params.push((base + 1).to_string()),
    }
}

/// The SGR parameters that take the terminal from `from` to `to`: either changes only, or a
/// reset and the new state, whichever is shorter.
fn pen_change(from: Pen, to: Pen, ansi16: bool) -> Vec<String> {
    let mut changes = Vec::new();
    let removed = from.modifier - to.modifier;
    let mut added = to.modifier - from.modifier;
    if removed.intersects(Modifier::BOLD | Modifier::DIM) {
        changes.push("22".to_owned());
        added |= to.modifier & (Modifier::BOLD | Modifier::DIM);
    }
    if removed.contains(Modifier::ITALIC) {
        changes.push("23".to_owned());
    }
    if removed.contains(Modifier::UNDERLINED) {
        changes.push("24".to_owned());
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        changes.push("25".to_owned());
        added |= to.modifier & (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK);
    }
    if removed.contains(Modifier::REVERSED) {
        changes.push("27".to_owned());
    }
    if removed.contains(Modifier::HIDDEN) {
        changes.push("28".to_owned());
    }
    if removed.contains(Modifier::CROSSED_OUT) {
        changes.push("29".to_owned());
    }
    for (m, code) in ATTRIBUTE_ON {
        if added.contains(m) {
            changes.push(code.to_string());
        }
    }
    if from.fg != to.fg {
        push_color(&mut changes, 38, to.fg, ansi16);
    }
    if from.bg != to.bg {
        push_color(&mut changes, 48, to.bg, ansi16);
    }
    if from.underline != to.underline {
        push_color(&mut changes, 58, to.underline, ansi16);
    }
    if removed.is_empty() {
        return changes;
    }
    let mut fresh = vec!["0".to_owned()];
    fresh.extend(pen_change(Pen::RESET, to, ansi16));
    let len = |p: &[String]| p.iter().map(|s| s.len() + 1).sum::<usize>();
    if len(&fresh) < len(&changes) {
        fresh
    } else {
        changes
    }
}

/// A ratatui backend for a real terminal (or, in tests, any writer).
pub struct TtyBackend<W: Write> {
    out: W,
    /// The frame being written; sent with one `write` on flush.
    pending: Vec<u8>,
    /// Where the terminal's cursor is, when that is certain.
    cursor: Option<(u16, u16)>,
    pen: Pen,
    cursor_shown: Option<bool>,
    widths: Widths,
    /// A fixed size (tests); else the terminal is asked.
    fixed_size: Option<Size>,
    /// The size at the last look (printing in the last column leaves the cursor in limbo).
    seen: Shared<Option<Size>>,
    /// What the screen shows, row by row, for the size in `shadow_size`.
    shadow: Vec<Shown>,
    shadow_size: Size,
    /// Write the 16 colours with their classic codes (see [`push_color`]).
    ansi16: bool,
}

impl<W: Write> TtyBackend<W> {
    /// A backend that assumes what ratatui's does until [`TtyBackend::probe_widths`] says more.
    pub fn new(out: W) -> Self {
        Self {
            out,
            pending: Vec::with_capacity(16 * 1024),
            cursor: None,
            pen: Pen::RESET,
            cursor_shown: None,
            widths: Widths::ASSUMED,
            fixed_size: None,
            seen: Shared::new(None),
            shadow: Vec::new(),
            shadow_size: Size::default(),
            ansi16: false,
        }
    }

    /// A backend of a fixed size that trusts `widths`, for measuring and testing against a
    /// terminal emulator in memory.
    pub fn with_size(out: W, size: Size, widths: Widths) -> Self {
        let mut b = Self::new(out);
        b.fixed_size = Some(size);
        b.seen.set(Some(size));
        b.widths = widths;
        b
    }

    pub fn widths(&self) -> Widths {
        self.widths
    }

    /// For a terminal that shows only the 16 ANSI colours: write them as `30`..`37`,
    /// `90`..`97` (and the backgrounds likewise) rather than as 256-palette indices.
    pub fn set_ansi16(&mut self, yes: bool) {
        self.ansi16 = yes;
    }

    pub fn set_widths(&mut self, widths: Widths) {
        self.widths = widths;
    }

    pub fn writer(&self) -> &W {
        &self.out
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Asks the terminal how wide `中` and `─` are (print them at the top left, read the
    /// cursor position back, blank the line), and trusts the widths it confirms. Call it once,
    /// in raw mode on the alternate screen, before the first frame: it costs one round trip. A
    /// terminal that does not answer (crossterm waits two seconds) leaves ratatui's
    /// assumptions in place.
    pub fn probe_widths(&mut self) -> Widths {
        self.pending.extend_from_slice("\x1b[H中─".as_bytes());
        let answer = self
            .flush()
            .ok()
            .and_then(|()| crossterm::cursor::position().ok());
        self.pending.extend_from_slice(b"\x1b[H\x1b[2K");
        let _ = self.flush();
        self.cursor = Some((0, 0));
        self.forget_screen();
        self.widths = answer.map_or(Widths::ASSUMED, |(col, _)| {
            Widths::from_probe(col.saturating_add(1))
        });
        self.widths
    }

    /// Moves the cursor the shortest way: an absolute move, a relative one along the row, a
    /// new line, or reprinting the cells in between where they are known and that is shorter.
    fn move_to(&mut self, x: u16, y: u16) {
        let from = self.cursor;
        if from == Some((x, y)) {
            return;
        }
        let (col, row) = (u32::from(x) + 1, u32::from(y) + 1);
        let mut best = match (col, row) {
            (1, 1) => b"\x1b[H".to_vec(),
            (1, _) => format!("\x1b[{row}H").into_bytes(),
            _ => format!("\x1b[{row};{col}H").into_bytes(),
        };
        if let Some((cx, cy)) = from {
            let candidate = if cy == y {
                Some(self.along_row(cx, x, y))
            } else if cy.checked_add(1) == Some(y) {
                // Carriage return and line feed (never at the bottom row: y is below cy).
                let mut c = b"\r\n".to_vec();
                c.extend(self.along_row(0, x, y));
                Some(c)
            } else {
                None
            };
            if let Some(c) = candidate.filter(|c| c.len() < best.len()) {
                best = c;
            }
        }
        self.pending.extend_from_slice(&best);
        self.cursor = Some((x, y));
    }

    /// From column `from` to column `to` on row `y`.
    fn along_row(&self, from: u16, to: u16, y: u16) -> Vec<u8> {
        match to.cmp(&from) {
            std::cmp::Ordering::Equal => Vec::new(),
            std::cmp::Ordering::Greater => {
                let n = to - from;
                let forward = if n == 1 {
                    b"\x1b[C".to_vec()
                } else {
                    format!("\x1b[{n}C").into_bytes()
                };
                self.reprint(from, to, y, forward.len()).unwrap_or(forward)
            }
            std::cmp::Ordering::Less if to == 0 => b"\r".to_vec(),
            std::cmp::Ordering::Less => {
                let n = from - to;
                let back = if n == 1 {
                    b"\x1b[D".to_vec()
                } else {
                    format!("\x1b[{n}D").into_bytes()
                };
                let mut restart = b"\r".to_vec();
                restart.extend(self.along_row(0, to, y));
                if restart.len() < back.len() {
                    restart
                } else {
                    back
                }
            }
        }
    }

    /// Nothing known of what the screen shows.
    fn forget_screen(&mut self) {
        self.shadow.fill(Shown::Unknown);
    }

    fn index(&self, x: u16, y: u16) -> Option<usize> {
        let Size { width, height } = self.shadow_size;
        (x < width && y < height).then(|| usize::from(y) * usize::from(width) + usize::from(x))
    }

    fn shown(&self, x: u16, y: u16) -> &Shown {
        const UNKNOWN: Shown = Shown::Unknown;
        self.index(x, y)
            .and_then(|i| self.shadow.get(i))
            .unwrap_or(&UNKNOWN)
    }

    fn set_shown(&mut self, x: u16, y: u16, shown: Shown) {
        if let Some(i) = self.index(x, y)
            && let Some(slot) = self.shadow.get_mut(i)
        {
            *slot = shown;
        }
    }

    /// Makes the copy of the screen match `size`: blank where the screen was just cleared.
    fn fit_shadow(&mut self, size: Size, blank: bool) {
        self.shadow_size = size;
        let fill = if blank {
            Shown::blank()
        } else {
            Shown::Unknown
        };
        self.shadow = vec![fill; usize::from(size.width) * usize::from(size.height)];
    }

    /// The bytes that reprint the cells from `from` up to `to` on row `y` as they are, with
    /// the pen in use, if they are known, look the same with it, and cost fewer than `limit`
    /// bytes.
    fn reprint(&self, from: u16, to: u16, y: u16, limit: usize) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut x = from;
        while x < to {
            let Shown::Glyph { symbol, pen, width } = self.shown(x, y) else {
                return None;
            };
            let text = symbol.symbol();
            let same = if text == " " {
                pen.blank_looks_like(self.pen)
            } else {
                *pen == self.pen
            };
            if !same || out.len() + text.len() >= limit {
                return None;
            }
            out.extend_from_slice(text.as_bytes());
            x += width;
        }
        (x == to).then_some(out)
    }

    /// Notes that `symbol` (of `width` columns by ratatui's count, `trusted` if the terminal is
    /// known to agree) was drawn at (x, y) with `pen`.
    fn note_drawn(&mut self, x: u16, y: u16, cell: &Cell, pen: Pen, trusted: Option<u16>) {
        let columns = self.shadow_size.width;
        // Half of a wide glyph overwritten: the terminal blanks the other half its own way.
        if *self.shown(x, y) == Shown::RightHalf && x > 0 {
            self.set_shown(x - 1, y, Shown::Unknown);
        }
        let span = trusted.unwrap_or_else(|| {
            u16::try_from(unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1)).unwrap_or(1)
        });
        let end = x.saturating_add(span);
        if let Shown::Glyph { width: 2, .. } = self.shown(end.saturating_sub(1), y)
            && end < columns
        {
            self.set_shown(end, y, Shown::Unknown);
        }
        match trusted {
            Some(width) => {
                let mut symbol = Cell::EMPTY;
                symbol.set_symbol(cell.symbol());
                self.set_shown(x, y, Shown::Glyph { symbol, pen, width });
                for i in 1..width {
                    self.set_shown(x + i, y, Shown::RightHalf);
                }
            }
            None => {
                for i in 0..span {
                    self.set_shown(x.saturating_add(i), y, Shown::Unknown);
                }
            }
        }
    }

    fn set_pen(&mut self, to: Pen) {
        if self.pen == to {
            return;
        }
        let params = pen_change(self.pen, to, self.ansi16);
        self.pending.extend_from_slice(b"\x1b[");
        self.pending.extend_from_slice(params.join(";").as_bytes());
        self.pending.push(b'm');
        self.pen = to;
    }
}

impl<W: Write> Backend for TtyBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = self.seen.get();
        let columns = size.map_or(u16::MAX, |s| s.width);
        if let Some(size) = size
            && size != self.shadow_size
        {
            // The first frame goes onto a blank screen (ratatui assumes so too); after a
            // resize the terminal is cleared before drawing.
            let first = self.shadow_size == Size::default();
            self.fit_shadow(size, first);
        }
        for (x, y, cell) in content {
            let symbol = cell.symbol();
            let wanted = Pen::of(cell);
            if self.shown(x, y).looks_like(symbol, wanted) {
                continue;
            }
            self.move_to(x, y);
            // A blank that looks the same with the pen in use keeps it.
            let pen = if symbol == " " && self.pen.blank_looks_like(wanted) {
                self.pen
            } else {
                wanted
            };
            self.set_pen(pen);
            self.pending.extend_from_slice(symbol.as_bytes());
            let trusted = self.widths.advance(symbol);
            self.note_drawn(x, y, cell, pen, trusted);
            self.cursor = trusted
                .map(|w| x.saturating_add(w))
                .filter(|next| *next < columns)
                .map(|next| (next, y));
        }
        // Leave the terminal with plain attributes between frames, as ratatui does, but only
        // when they are not plain already.
        self.set_pen(Pen::RESET);
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        for _ in 0..n {
            self.pending.push(b'\n');
        }
        self.cursor = None;
        self.forget_screen();
        self.flush()
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(false) {
            self.pending.extend_from_slice(b"\x1b[?25l");
            self.cursor_shown = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(true) {
            self.pending.extend_from_slice(b"\x1b[?25h");
            self.cursor_shown = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.flush()?;
        let (x, y) = crossterm::cursor::position()?;
        self.cursor = Some((x, y));
        Ok(Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        self.move_to(x, y);
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Erasing fills with the current background: make it the plain one.
        self.set_pen(Pen::RESET);
        let seq: &[u8] = match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        };
        self.pending.extend_from_slice(seq);
        match (clear_type, self.seen.get()) {
            (ClearType::All, Some(size)) => self.fit_shadow(size, true),
            _ => self.forget_screen(),
        }
        self.flush()
    }

    fn size(&self) -> io::Result<Size> {
        let size = if let Some(s) = self.fixed_size {
            s
        } else {
            let (width, height) = crossterm::terminal::size()?;
            Size { width, height }
        };
        self.seen.set(Some(size));
        Ok(size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        if let Some(s) = self.fixed_size {
            return Ok(WindowSize {
                columns_rows: s,
                pixels: Size::default(),
            });
        }
        let w = crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: w.columns,
                height: w.rows,
            },
            pixels: Size {
                width: w.width,
                height: w.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.out.write_all(&self.pending)?;
            self.pending.clear();
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::{Action, Command, OpenedSession};
    use crate::app::App;
    use crate::i18n::Lang;
    use crate::ui::{self, Look, Theme};
    use chrono::{DateTime, FixedOffset};
    use ratatui::Terminal;
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;

    const TRUSTED: Widths = Widths {
        wide: true,
        ambiguous_narrow: true,
    };

    fn t0() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2023-12-05T09:00:00+08:00").expect("time")
    }

    fn app(session: crate::model::Session, w: u16, h: u16) -> App {
        let mut app = App::new(Lang::Zh, t0(), Rect::new(0, 0, w, h));
        app.update(Action::Opened(Box::new(OpenedSession {
            session,
            path: "/tmp/selfcheck-backend-test.json".into(),
            read_only: false,
            notice: None,
        })));
        app
    }

    fn vt_color(c: Color) -> vt100::Color {
        match (c, palette_index(c)) {
            (_, Some(i)) => vt100::Color::Idx(i),
            (Color::Rgb(r, g, b), None) => vt100::Color::Rgb(r, g, b),
            (_, None) => vt100::Color::Default,
        }
    }

    /// What a person sees in a cell: the glyph, and the colours and attributes that show on
    /// it (on a blank: the background, reverse video and underline, and the foreground only
    /// where reverse video or a line shows it).
    fn seen(cell: &vt100::Cell) -> String {
        let glyph = if cell.contents().is_empty() {
            " "
        } else {
            cell.contents()
        };
        if glyph == " " {
            let fg = if cell.inverse() || cell.underline() {
                format!("{:?}", cell.fgcolor())
            } else {
                String::new()
            };
            format!(
                "blank bg={:?} rev={} ul={} {fg}",
                cell.bgcolor(),
                cell.inverse(),
                cell.underline()
            )
        } else {
            format!(
                "{glyph} fg={:?} bg={:?} bold={} rev={} ul={} it={}",
                cell.fgcolor(),
                cell.bgcolor(),
                cell.bold(),
                cell.inverse(),
                cell.underline(),
                cell.italic()
            )
        }
    }

    /// The emulated screens look the same cell by cell, and show the frame's glyphs with the
    /// frame's colours. Blanks are compared with the reference screen, not the frame: where a
    /// wide character is half overwritten, the terminal blanks the other half its own way, the
    /// same whichever backend wrote the bytes.
    fn assert_same_screen(
        ours: &vt100::Screen,
        reference: &vt100::Screen,
        buf: &ratatui::buffer::Buffer,
        what: &str,
    ) {
        let area = buf.area;
        for y in 0..area.height {
            let mut x = 0;
            while x < area.width {
                let want = &buf[(x, y)];
                let got = ours.cell(y, x).expect("cell in range");
                let other = reference.cell(y, x).expect("cell in range");
                assert_eq!(seen(got), seen(other), "{what}: at ({x}, {y})");
                let symbol = if got.contents().is_empty() {
                    " "
                } else {
                    got.contents()
                };
                assert_eq!(symbol, want.symbol(), "{what}: glyph at ({x}, {y})");
                if want.symbol() != " " {
                    assert_eq!(got.fgcolor(), vt_color(want.fg), "{what}: fg at ({x}, {y})");
                    assert_eq!(got.bgcolor(), vt_color(want.bg), "{what}: bg at ({x}, {y})");
                }
                if want.modifier.contains(Modifier::REVERSED) {
                    assert!(got.inverse(), "{what}: selection shown at ({x}, {y})");
                }
                x += u16::try_from(unicode_width::UnicodeWidthStr::width(want.symbol()).max(1))
                    .unwrap_or(1);
            }
        }
    }

    /// Keys that move around, edit Chinese text, change status and open other screens.
    fn script() -> Vec<Action> {
        let mut v = Vec::new();
        for _ in 0..5 {
            v.push(Action::Cmd(Command::MoveDown));
        }
        v.push(Action::SetStatus(Some(2)));
        v.push(Action::Cmd(Command::PageDown));
        v.push(Action::Cmd(Command::Edit));
        v.push(Action::InsertText(
            "补充：已于12月“回头看”，问题全部整改。".into(),
        ));
        v.push(Action::Cmd(Command::FinishEdit));
        v.push(Action::Cmd(Command::FocusNext));
        v.push(Action::Cmd(Command::FocusNext));
        v.push(Action::Cmd(Command::FocusTree));
        v.push(Action::Cmd(Command::Collapse));
        v.push(Action::Cmd(Command::Collapse));
        v.push(Action::Cmd(Command::Expand));
        v.push(Action::Cmd(Command::Summary));
        v.push(Action::Cmd(Command::Summary));
        v.push(Action::Cmd(Command::Projector));
        v.push(Action::Cmd(Command::NextCheck));
        v.push(Action::Cmd(Command::Projector));
        v.push(Action::Cmd(Command::Last));
        v.push(Action::Cmd(Command::PageUp));
        v.push(Action::Cmd(Command::Help));
        v.push(Action::Cmd(Command::Help));
        v
    }

    /// A writer whose bytes stay readable while a terminal owns it.
    #[derive(Clone, Default)]
    struct Tap(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Tap {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Tap {
        fn take(&self) -> Vec<u8> {
            std::mem::take(&mut *self.0.borrow_mut())
        }
    }

    /// Plays the script through our backend and ratatui's crossterm backend side by side, each
    /// into a terminal emulator, checking the screens after every frame. Returns the bytes each
    /// wrote.
    fn play(mut app: App, widths: Widths, what: &str) -> (usize, usize) {
        let look = look();
        let area = app.size;
        let (w, h) = (area.width, area.height);
        let ours_out = Tap::default();
        let theirs_out = Tap::default();
        let mut ours = Terminal::new(TtyBackend::with_size(
            ours_out.clone(),
            Size::new(w, h),
            widths,
        ))
        .expect("terminal");
        let mut theirs = Terminal::with_options(
            CrosstermBackend::new(theirs_out.clone()),
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(area),
            },
        )
        .expect("terminal");
        let nz = |n| std::num::NonZeroU16::new(n).expect("non-zero size");
        let mut ours_vt = vt100::Parser::new(nz(h), nz(w), 0);
        let mut theirs_vt = vt100::Parser::new(nz(h), nz(w), 0);
        let (mut ours_bytes, mut theirs_bytes) = (0, 0);
        let mut actions = vec![None];
        actions.extend(script().into_iter().map(Some));
        for a in actions {
            let step = format!("{what}, after {a:?}");
            if let Some(a) = a {
                app.update(a);
            }
            let buf = ours
                .draw(|f| ui::draw(f, &app, &look))
                .expect("draw")
                .buffer
                .clone();
            theirs.draw(|f| ui::draw(f, &app, &look)).expect("draw");
            let (o, t) = (ours_out.take(), theirs_out.take());
            ours_bytes += o.len();
            theirs_bytes += t.len();
            ours_vt.process(&o);
            theirs_vt.process(&t);
            assert_same_screen(ours_vt.screen(), theirs_vt.screen(), &buf, &step);
        }
        (ours_bytes, theirs_bytes)
    }

    fn look() -> Look {
        Look {
            theme: Theme::dark(),
            ascii: false,
        }
    }

    #[test]
    fn the_emulated_screen_equals_every_frame_and_costs_fewer_bytes() {
        for (name, session, w, h) in [
            ("demo 120x40", crate::demo::session(t0()), 120, 40),
            ("demo 80x24", crate::demo::session(t0()), 80, 24),
            (
                "synthetic 300 at 100x30",
                crate::demo::synthetic_session(300, t0()),
                100,
                30,
            ),
        ] {
            for widths in [TRUSTED, Widths::from_probe(5), Widths::ASSUMED] {
                let (ours, theirs) = play(app(session.clone(), w, h), widths, name);
                assert!(
                    ours <= theirs,
                    "{name} {widths:?}: {ours} bytes against crossterm's {theirs}"
                );
                if widths == TRUSTED {
                    assert!(
                        ours * 10 < theirs * 6,
                        "{name}: {ours} bytes against crossterm's {theirs}"
                    );
                }
            }
        }
    }

    #[test]
    fn widths_come_from_the_probe_answer() {
        assert_eq!(Widths::from_probe(4), TRUSTED);
        assert_eq!(
            Widths::from_probe(5),
            Widths {
                wide: true,
                ambiguous_narrow: false
            }
        );
        assert_eq!(Widths::from_probe(3), Widths::ASSUMED);
        assert_eq!(Widths::from_probe(0), Widths::ASSUMED);
    }

    #[test]
    fn only_certain_widths_are_trusted() {
        assert_eq!(TRUSTED.advance("a"), Some(1));
        assert_eq!(TRUSTED.advance("中"), Some(2));
        assert_eq!(TRUSTED.advance("，"), Some(2));
        assert_eq!(TRUSTED.advance("─"), Some(1));
        assert_eq!(Widths::ASSUMED.advance("中"), None);
        assert_eq!(Widths::ASSUMED.advance("─"), Some(1));
        let ambiguous_wide = Widths::from_probe(5);
        assert_eq!(ambiguous_wide.advance("“"), None);
        assert_eq!(TRUSTED.advance("😀"), None, "emoji widths vary");
        assert_eq!(TRUSTED.advance("e\u{301}"), None, "clusters vary");
        assert_eq!(TRUSTED.advance("\u{7}"), None);
        assert_eq!(TRUSTED.advance(""), None);
    }

    #[test]
    fn printing_in_the_last_column_forgets_the_cursor() {
        let mut b = TtyBackend::with_size(Vec::new(), Size::new(4, 2), TRUSTED);
        let a = Cell::new("a");
        let wide = Cell::new("中");
        b.draw([(2, 0, &wide), (0, 1, &a)].into_iter())
            .expect("draw");
        b.flush().expect("flush");
        let out = String::from_utf8(b.writer().clone()).expect("utf-8");
        assert_eq!(out, "\x1b[1;3H中\x1b[2Ha");
    }

    #[test]
    fn a_16_colour_terminal_gets_the_classic_colour_codes() {
        let mut b = TtyBackend::with_size(Vec::new(), Size::new(40, 5), TRUSTED);
        b.set_ansi16(true);
        let mut cell = Cell::new("x");
        cell.fg = Color::Yellow;
        cell.bg = Color::Black;
        let mut bright = Cell::new("y");
        bright.fg = Color::LightYellow;
        bright.bg = Color::White;
        let mut back = Cell::new("z");
        back.fg = Color::Reset;
        b.draw([(0, 0, &cell), (1, 0, &bright), (2, 0, &back)].into_iter())
            .expect("draw");
        b.flush().expect("flush");
        let out = String::from_utf8(b.writer().clone()).expect("utf-8");
        assert_eq!(out, "\x1b[H\x1b[33;40mx\x1b[93;107my\x1b[39;49mz");
        assert!(!out.contains(";5;"), "no 256-colour code: {out:?}");
    }

    #[test]
    fn shortest_moves_and_merged_attributes() {
        let mut b = TtyBackend::with_size(Vec::new(), Size::new(40, 5), TRUSTED);
        let mut bold_yellow = Cell::new("x");
        bold_yellow.fg = Color::Yellow;
        bold_yellow.modifier = Modifier::BOLD | Modifier::REVERSED;
        let plain = Cell::new("y");
        let wide = Cell::new("中");
        b.draw(
            [
                (0, 0, &wide),
                (2, 0, &wide),
                (10, 0, &bold_yellow),
                (11, 0, &plain),
                (3, 0, &plain),
            ]
            .into_iter(),
        )
        .expect("draw");
        b.hide_cursor().expect("hide");
        b.hide_cursor().expect("hide");
        b.flush().expect("flush");
        let out = String::from_utf8(b.writer().clone()).expect("utf-8");
        assert_eq!(
            out, "\x1b[H中中\x1b[6C\x1b[1;7;38;5;3mx\x1b[0my\x1b[9Dy\x1b[?25l",
            "no move after a wide character, one escape for colour and attributes, a reset \
             where it is shorter than undoing each attribute, the cursor hidden once"
        );
    }
}
