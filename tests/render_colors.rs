//! Colours by what the terminal shows, and `--ascii` marks: the real render path into
//! ratatui's `TestBackend`. The 16-colour themes are drawn with the 16 ANSI colours only, never
//! put text in blue, red or dark grey, and show the selection by reverse video and a `>` marker;
//! their look is kept as style-run snapshots.

mod ui_support;

use std::fmt::Write as _;

use chrono::Duration;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use selfcheck::app::{Action, App};
use selfcheck::ui::theme::ColorDepth;
use selfcheck::ui::theme::ThemeName;
use selfcheck::ui::{self, Look, Theme};
use ui_support::{app_with, press, t0};

fn demo_app(w: u16, h: u16) -> App {
    let mut a = app_with(selfcheck::demo::session(t0()), false, w, h);
    a.update(Action::Tick(
        t0() + Duration::minutes(12) + Duration::seconds(7),
    ));
    a
}

fn draw(app: &App, look: &Look, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| ui::draw(f, app, look)).expect("draw");
    term
}

fn screen(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = Vec::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < area.width {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += u16::try_from(unicode_width::UnicodeWidthStr::width(sym).max(1)).unwrap_or(1);
        }
        out.push(line.trim_end().to_owned());
    }
    out.join("\n")
}

/// The screen's text, then its runs of equal style (row, columns, colours, attributes), so a
/// snapshot shows what colour each part of the screen is drawn in.
fn styled(buf: &Buffer) -> String {
    let mut out = screen(buf);
    out.push_str("\n\n-- style runs (row: columns fg/bg attributes) --\n");
    let area = buf.area;
    for y in 0..area.height {
        let mut runs: Vec<(u16, u16, String)> = Vec::new();
        let mut x = 0;
        while x < area.width {
            let c = &buf[(x, y)];
            // A wide character covers the next cell too; that cell's own style is not drawn.
            let width = unicode_width::UnicodeWidthStr::width(c.symbol()).max(1);
            let last = (x + u16::try_from(width).unwrap_or(1) - 1).min(area.width - 1);
            let key = format!("{:?}/{:?} {:?}", c.fg, c.bg, c.modifier);
            match runs.last_mut() {
                Some((_, end, k)) if *k == key => *end = last,
                _ => runs.push((x, last, key)),
            }
            x = last + 1;
        }
        let _ = write!(out, "{y:>2}:");
        for (a, b, k) in runs {
            let _ = write!(out, " [{a}-{b} {k}]");
        }
        out.push('\n');
    }
    out
}

fn look16(name: ThemeName) -> Look {
    Look {
        theme: Theme::by_name_in(name, ColorDepth::Ansi16),
        ascii: false,
    }
}

/// The colour text is seen in: the background when reversed.
fn text_colour(cell: &ratatui::buffer::Cell) -> Color {
    if cell.modifier.contains(Modifier::REVERSED) {
        cell.bg
    } else {
        cell.fg
    }
}

/// The screens a meeting goes through: the walk, editing, projector mode and the summary.
fn screens(w: u16, h: u16) -> Vec<(&'static str, App)> {
    let mut walk = demo_app(w, h);
    press(&mut walk, "<down>");
    let mut editing = demo_app(w, h);
    press(&mut editing, "<down><tab><tab><enter>");
    let mut projector = demo_app(w, h);
    press(&mut projector, "<down>p");
    let mut summary = demo_app(w, h);
    press(&mut summary, "r");
    vec![
        ("walk", walk),
        ("editing", editing),
        ("projector", projector),
        ("summary", summary),
    ]
}

#[test]
fn sixteen_colour_themes_use_ansi_colours_only_and_keep_text_out_of_blue_red_and_grey() {
    for name in [
        ThemeName::Dark,
        ThemeName::Light,
        ThemeName::Projector,
        ThemeName::Mono,
    ] {
        for (w, h) in [(80, 24), (120, 40)] {
            for (screen_name, app) in screens(w, h) {
                let term = draw(&app, &look16(name), w, h);
                let buf = term.backend().buffer();
                for y in 0..h {
                    for x in 0..w {
                        let c = &buf[(x, y)];
                        for colour in [c.fg, c.bg] {
                            assert!(
                                !matches!(colour, Color::Indexed(_) | Color::Rgb(..)),
                                "{name:?} {screen_name} {w}x{h} ({x},{y}): {colour:?}"
                            );
                        }
                        if !c.symbol().trim().is_empty() {
                            let tc = text_colour(c);
                            assert!(
                                !matches!(
                                    tc,
                                    Color::Blue
                                        | Color::LightBlue
                                        | Color::Red
                                        | Color::LightRed
                                        | Color::DarkGray
                                ),
                                "{name:?} {screen_name} {w}x{h} ({x},{y}) {:?}: {tc:?}",
                                c.symbol()
                            );
                            assert!(
                                !c.modifier.intersects(Modifier::DIM | Modifier::ITALIC),
                                "{name:?} {screen_name}: dim or italic at ({x},{y})"
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn the_selection_is_reverse_video_and_a_marker_in_16_colours() {
    for name in [ThemeName::Dark, ThemeName::Light, ThemeName::Projector] {
        let mut a = demo_app(80, 24);
        press(&mut a, "<down>");
        let term = draw(&a, &look16(name), 80, 24);
        let buf = term.backend().buffer();
        let marked = (0..24u16).find(|&y| (0..40u16).any(|x| buf[(x, y)].symbol() == ">"));
        let y = marked.unwrap_or_else(|| panic!("{name:?}: no > marker\n{}", screen(buf)));
        assert!(
            (0..40u16).any(|x| buf[(x, y)].modifier.contains(Modifier::REVERSED)),
            "{name:?}: the marked row is not reversed"
        );
    }
}

#[test]
fn projector_mode_on_a_16_colour_terminal_stays_in_16_colours() {
    let mut a = demo_app(80, 24);
    press(&mut a, "<down>p");
    let term = draw(&a, &look16(ThemeName::Dark), 80, 24);
    insta::assert_snapshot!("projector16_80x24", styled(term.backend().buffer()));
}

#[test]
fn light_theme_in_16_colours() {
    let mut a = demo_app(80, 24);
    press(&mut a, "<down>");
    let term = draw(&a, &look16(ThemeName::Light), 80, 24);
    insta::assert_snapshot!("light16_walk_80x24", styled(term.backend().buffer()));
}

#[test]
fn the_theme_follows_the_terminal_it_is_chosen_for() {
    use selfcheck::ui::theme::ColorEnv;
    let env = |term: &str| ColorEnv {
        colorterm: None,
        term: Some(term.to_owned()),
        terminfo_colors: None,
    };
    let linux = Theme::choose_for(Some(ThemeName::Projector), false, None, &env("linux"));
    assert_eq!(linux, Theme::projector16());
    let xterm = Theme::choose_for(
        Some(ThemeName::Projector),
        false,
        None,
        &env("xterm-256color"),
    );
    assert_eq!(xterm, Theme::projector());
    let forced = Theme::choose_for(
        Some(ThemeName::Projector),
        false,
        Some(ColorDepth::Ansi256),
        &env("linux"),
    );
    assert_eq!(forced, Theme::projector());
    let dumb = Theme::choose_for(None, false, None, &env("dumb"));
    assert_eq!(dumb, Theme::mono());
    let no_color = Theme::choose_for(None, true, None, &env("xterm-256color"));
    assert_eq!(no_color, Theme::mono());
}

#[test]
fn ascii_mode_draws_no_ambiguous_marks_of_its_own() {
    let ascii = Look {
        theme: Theme::dark(),
        ascii: true,
    };
    let normal = Look {
        theme: Theme::dark(),
        ascii: false,
    };
    // The editor's title joins the field and "editing" with a separator.
    let mut editing = demo_app(120, 40);
    press(&mut editing, "<down><tab><tab><enter>");
    let text = screen(draw(&editing, &ascii, 120, 40).backend().buffer());
    assert!(text.contains("编辑中"), "{text}");
    assert!(!text.contains('·'), "{text}");
    let text = screen(draw(&editing, &normal, 120, 40).backend().buffer());
    assert!(text.contains('·'), "the separator without --ascii:\n{text}");

    // The summary's 落实“人、财、物”保障 and the requirements' quotation marks.
    let mut summary = demo_app(120, 40);
    press(&mut summary, "r");
    let text = screen(draw(&summary, &ascii, 120, 40).backend().buffer());
    assert!(text.contains("落实「人、财、物」保障"), "{text}");
    let text = screen(draw(&summary, &normal, 120, 40).backend().buffer());
    assert!(text.contains("落实“人、财、物”保障"), "{text}");

    let mut walk = demo_app(120, 40);
    press(&mut walk, "<down>");
    let text = screen(draw(&walk, &ascii, 120, 40).backend().buffer());
    assert!(text.contains('「'), "the requirement is quoted:\n{text}");
    let text = screen(draw(&walk, &normal, 120, 40).backend().buffer());
    assert!(text.contains('“'), "{text}");
}
