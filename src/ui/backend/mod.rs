//! The terminal backend: what a frame's changed cells become as bytes on the wire. ratatui's
//! crossterm backend moves the cursor after every wide character (it cannot tell where the
//! terminal put it), which on Chinese text is about three times the bytes of the text itself;
//! over a slow SSH link that is what a key costs. This backend keeps track of the cursor by
//! character width, trusting widths only as far as a probe of the terminal at start-up showed
//! them to be right, and keeps a copy of what the screen shows, so that it can skip cells whose
//! change cannot be seen (a blank that only changed its text colour), reprint a short run of
//! unchanged cells where that is shorter than a cursor move, and leave the colours alone for a
//! blank that looks the same in them. It picks the shortest cursor move, erases a run of plain
//! blanks with one sequence (`ECH`, or `EL` at the end of a row) where printing them is longer,
//! knows the half of a wide glyph the terminal blanks when the other half is overwritten,
//! merges colour and attribute changes into one escape sequence with the short classic codes of
//! the first 16 colours where that looks the same, skips cursor show/hide that changes nothing,
//! and writes each frame with one `write`.

use std::cell::Cell as Shared;
use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

mod sgr;
mod shadow;
#[cfg(test)]
mod tests;
mod widths;

use sgr::{Pen, pen_change};
use shadow::Shown;
pub use widths::Widths;

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
    /// Write the 16 colours with their classic codes (see `sgr::push_color`).
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
        if let Shown::Glyph {
            width: 2, pen: old, ..
        } = *self.shown(end.saturating_sub(1), y)
            && end < columns
        {
            // The left half of a wide glyph overwritten: the terminal blanks the right half,
            // with the pen in use, the glyph's or the plain one, depending on the terminal.
            // Where all three look the same on a blank, the blank is known (and a move past
            // it can reprint it: one byte instead of three).
            let known = pen.blank_looks_like(old) && pen.blank_looks_like(Pen::RESET);
            let half = if known {
                Shown::blank_with(pen)
            } else {
                Shown::Unknown
            };
            self.set_shown(end, y, half);
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

    /// Draws one cell, unless the screen already shows it so.
    fn draw_cell(&mut self, x: u16, y: u16, cell: &Cell, columns: u16) {
        let symbol = cell.symbol();
        let wanted = Pen::of(cell);
        if self.shown(x, y).looks_like(symbol, wanted) {
            return;
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

    /// Blanks a run of plain blanks (the frame's cells `run`, up to column `end`): erased
    /// where that is shorter, but a cell at either end where the erase would cut a wide glyph
    /// is printed (see [`Self::erase`]).
    fn blank_run(&mut self, run: &[(u16, u16, &Cell)], end: u16, columns: u16) {
        let Some(&(x, y, _)) = run.first() else {
            return;
        };
        let from = if *self.shown(x, y) == Shown::RightHalf {
            x + 1
        } else {
            x
        };
        let to = if end < columns && matches!(self.shown(end - 1, y), Shown::Glyph { width: 2, .. })
        {
            end - 1
        } else {
            end
        };
        for &(cx, cy, cell) in run.iter().filter(|c| c.0 < from) {
            self.draw_cell(cx, cy, cell, columns);
        }
        let erased = to > from && self.erase(from, y, to - from, columns);
        for &(cx, cy, cell) in run.iter().filter(|c| c.0 >= from) {
            if !erased || cx >= to {
                self.draw_cell(cx, cy, cell, columns);
            }
        }
    }

    /// Blanks `n` cells from (x, y) with one erase (`ECH`, or `EL` where the run reaches the
    /// end of the row), if that is shorter than printing the blanks that change something,
    /// counting the move past them that printing would have saved. The erase fills with the
    /// background in use, so the pen is made one whose blank is plain first. Returns whether it
    /// erased.
    fn erase(&mut self, x: u16, y: u16, n: u16, columns: u16) -> bool {
        let end = x.saturating_add(n);
        let to_end = end >= columns;
        let changes = (x..end)
            .filter(|&i| !self.shown(i, y).looks_like(" ", Pen::RESET))
            .count();
        let (sequence, past) = if to_end {
            (b"\x1b[K".to_vec(), 0)
        } else {
            (
                format!("\x1b[{n}X").into_bytes(),
                format!("\x1b[{n}C").len(),
            )
        };
        // An erase that cuts a wide glyph (begins on its right half, or ends after its left
        // half) leaves the other half to the terminal, and some leave it broken (tmux keeps
        // the right half as the glyph's padding, and the row shows one column short): the
        // blanks are printed instead, which every terminal handles.
        let cuts = *self.shown(x, y) == Shown::RightHalf
            || (!to_end && matches!(self.shown(end - 1, y), Shown::Glyph { width: 2, .. }));
        if cuts || changes <= sequence.len() + past {
            return false;
        }
        self.move_to(x, y);
        if !self.pen.blank_looks_like(Pen::RESET) {
            self.set_pen(Pen::RESET);
        }
        self.pending.extend_from_slice(&sequence);
        let blank = Shown::blank_with(self.pen);
        for i in x..end.min(columns) {
            self.set_shown(i, y, blank.clone());
        }
        // The cursor stays where the erase began.
        true
    }

    fn set_pen(&mut self, to: Pen) {
        if self.pen == to {
            return;
        }
        self.pending.extend_from_slice(b"\x1b[");
        pen_change(self.pen, to, &mut self.pending, self.ansi16);
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
        // A run of plain blanks (text cleared away) is erased with one sequence where that is
        // shorter than printing it.
        let mut content = content.peekable();
        let mut run: Vec<(u16, u16, &Cell)> = Vec::new();
        while let Some((x, y, cell)) = content.next() {
            if !is_plain_blank(cell) {
                self.draw_cell(x, y, cell, columns);
                continue;
            }
            run.clear();
            run.push((x, y, cell));
            // The run goes on over cells the frame leaves as they are where the screen shows
            // a plain blank there, or the right half of a wide glyph the run overwrites (the
            // frame has a plain blank there: ratatui blanks the cells a wide glyph covers).
            let mut end = x + 1;
            while let Some(&(nx, ny, next)) = content.peek()
                && ny == y
                && nx >= end
                && is_plain_blank(next)
                && (end..nx).all(|g| {
                    let shown = self.shown(g, y);
                    *shown == Shown::RightHalf || shown.looks_like(" ", Pen::RESET)
                })
            {
                run.push((nx, ny, next));
                end = nx + 1;
                content.next();
            }
            self.blank_run(&run, end, columns);
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

/// A blank whose look is the plain one: what an erase leaves.
fn is_plain_blank(cell: &Cell) -> bool {
    cell.symbol() == " " && Pen::of(cell).blank_looks_like(Pen::RESET)
}
