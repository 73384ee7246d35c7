//! The backend against a terminal emulator: the same screen as ratatui's own backend, in
//! fewer bytes.

use super::sgr::palette_index;
use super::*;
use crate::action::{Action, Command, OpenedSession};
use crate::app::App;
use crate::i18n::Lang;
use crate::ui::{self, Look, Theme};
use chrono::{DateTime, FixedOffset};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

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

/// The screen an emulator shows after `bytes`, row by row, blanks as spaces.
fn emulated(bytes: &[u8], w: u16, h: u16) -> Vec<String> {
    let nz = |n| std::num::NonZeroU16::new(n).expect("non-zero size");
    let mut vt = vt100::Parser::new(nz(h), nz(w), 0);
    vt.process(bytes);
    (0..h)
        .map(|y| {
            (0..w)
                .filter_map(|x| vt.screen().cell(y, x))
                .filter(|c| !c.is_wide_continuation())
                .map(|c| {
                    if c.contents().is_empty() {
                        " ".to_owned()
                    } else {
                        c.contents().to_owned()
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn wide_glyphs_cleared_are_reprinted_past_not_moved_over() {
    let mut b = TtyBackend::with_size(Vec::new(), Size::new(10, 1), TRUSTED);
    let wide = Cell::new("中");
    let blank = Cell::new(" ");
    let a = Cell::new("a");
    b.draw([(0, 0, &wide), (2, 0, &wide)].into_iter())
        .expect("draw");
    // What ratatui sends when the glyphs give way to blanks: the first column of each only
    // (the terminal blanks the other half).
    b.draw([(0, 0, &blank), (2, 0, &blank), (4, 0, &a)].into_iter())
        .expect("draw");
    b.flush().expect("flush");
    let out = b.writer().clone();
    assert_eq!(
        String::from_utf8(out.clone()).expect("utf-8"),
        "\x1b[H中中\r    a",
        "the blanked halves are known blanks: printed past (one byte), not moved over (three)"
    );
    assert_eq!(emulated(&out, 10, 1), ["    a     "]);
}

#[test]
fn a_run_of_blanks_is_erased_in_one_sequence() {
    let mut b = TtyBackend::with_size(Vec::new(), Size::new(40, 2), TRUSTED);
    let x = Cell::new("x");
    let blank = Cell::new(" ");
    let mut first: Vec<(u16, u16, &Cell)> = (0..30).map(|i| (i, 0, &x)).collect();
    first.push((35, 0, &x));
    first.extend((20..40).map(|i| (i, 1, &x)));
    b.draw(first.into_iter()).expect("draw");
    b.flush().expect("flush");
    b.writer_mut().clear();
    // Row 0: thirty blanks with an `x` after them; row 1: blanks to the end of the row.
    let mut second: Vec<(u16, u16, &Cell)> = (0..30).map(|i| (i, 0, &blank)).collect();
    second.extend((20..40).map(|i| (i, 1, &blank)));
    b.draw(second.into_iter()).expect("draw");
    b.flush().expect("flush");
    let out = String::from_utf8(b.writer().clone()).expect("utf-8");
    assert_eq!(out, "\x1b[H\x1b[30X\x1b[2;21H\x1b[K");
    let mut all = "x".repeat(30).into_bytes();
    all.extend_from_slice(b"\x1b[1;36Hx\x1b[2;21H");
    all.extend_from_slice("x".repeat(20).as_bytes());
    all.extend_from_slice(out.as_bytes());
    let screen = emulated(&all, 40, 2);
    assert_eq!(screen[0], format!("{}x    ", " ".repeat(35)));
    assert_eq!(screen[1], " ".repeat(40));
}

#[test]
fn the_first_sixteen_colours_get_their_classic_codes_except_bold_in_the_first_eight() {
    let mut b = TtyBackend::with_size(Vec::new(), Size::new(40, 5), TRUSTED);
    let mut yellow = Cell::new("a");
    yellow.fg = Color::Yellow;
    yellow.bg = Color::Blue;
    let mut bold_yellow = Cell::new("b");
    bold_yellow.fg = Color::Yellow;
    bold_yellow.bg = Color::Blue;
    bold_yellow.modifier = Modifier::BOLD;
    let mut bold_white = Cell::new("c");
    bold_white.fg = Color::White;
    bold_white.bg = Color::Blue;
    bold_white.modifier = Modifier::BOLD;
    b.draw([(0, 0, &yellow), (1, 0, &bold_yellow), (2, 0, &bold_white)].into_iter())
        .expect("draw");
    b.flush().expect("flush");
    let out = String::from_utf8(b.writer().clone()).expect("utf-8");
    assert_eq!(
        out, "\x1b[H\x1b[33;44ma\x1b[1;38;5;3mb\x1b[97mc\x1b[0m",
        "yellow written `33` while not bold, and again as `38;5;3` when bold comes (some \
         terminals brighten a bold `33`); bright white `97` bold or not"
    );
}

#[test]
fn an_erase_never_cuts_a_wide_glyph() {
    let x = Cell::new("x");
    let wide = Cell::new("中");
    let blank = Cell::new(" ");
    // Twenty blanks over `x`s, the last of them over the left half of `中`: ratatui does not
    // send its right half (the terminal blanks it). An erase ending there would leave the
    // right half to the terminal (tmux keeps it as padding: the row shows a column short).
    // The erase stops before the glyph; the blank over its left half is printed.
    let mut b = TtyBackend::with_size(Vec::new(), Size::new(40, 1), TRUSTED);
    let mut first: Vec<(u16, u16, &Cell)> = (0..20).map(|i| (i, 0, &x)).collect();
    first.push((20, 0, &wide));
    b.draw(first.into_iter()).expect("draw");
    b.flush().expect("flush");
    b.writer_mut().clear();
    b.draw((0..21).map(|i| (i, 0, &blank))).expect("draw");
    b.flush().expect("flush");
    let out = String::from_utf8(b.writer().clone()).expect("utf-8");
    assert_eq!(
        out, "\r\x1b[20X\x1b[20C ",
        "the erase stops before the wide glyph; its left half is printed over"
    );
    // Beginning on the right half of a wide glyph: that cell is printed.
    let mut b = TtyBackend::with_size(Vec::new(), Size::new(40, 1), TRUSTED);
    let mut first: Vec<(u16, u16, &Cell)> = vec![(0, 0, &wide)];
    first.extend((2..25).map(|i| (i, 0, &x)));
    b.draw(first.into_iter()).expect("draw");
    b.flush().expect("flush");
    b.writer_mut().clear();
    b.draw((1..25).map(|i| (i, 0, &blank))).expect("draw");
    b.flush().expect("flush");
    let out = String::from_utf8(b.writer().clone()).expect("utf-8");
    assert_eq!(
        out, "\r\x1b[C \x1b[23X",
        "the right half printed over, the rest erased"
    );
}
