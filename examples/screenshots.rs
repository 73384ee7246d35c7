//! Writes `screenshots/*.svg`: each screen of the interface at 120x40, drawn by the real render
//! path (`selfcheck::ui::draw`) into a test backend and turned into an SVG picture with the
//! theme's colours. Run after every change to what a user sees:
//!
//! ```text
//! cargo run --example screenshots
//! ```

use std::fmt::Write as _;

use chrono::{Duration, FixedOffset, TimeZone};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use selfcheck::app::{Action, App, OpenedSession, PickerEntry};
use selfcheck::i18n::Lang;
use selfcheck::keymap;
use selfcheck::ui::{self, Look, Theme};

const W: u16 = 120;
const H: u16 = 40;
const CELL_W: f32 = 9.0;
const CELL_H: f32 = 19.0;

/// The xterm palette for the 16 named colours and the 256-colour cube.
fn rgb(c: Color, default: (u8, u8, u8)) -> (u8, u8, u8) {
    const BASE: [(u8, u8, u8); 16] = selfcheck::ui::theme::XTERM_SYSTEM;
    let indexed = |i: u8| -> (u8, u8, u8) {
        match i {
            0..=15 => BASE[usize::from(i)],
            16..=231 => {
                let i = i - 16;
                let v = |x: u8| if x == 0 { 0 } else { 55 + x * 40 };
                (v(i / 36), v(i / 6 % 6), v(i % 6))
            }
            _ => {
                let g = 8 + (i - 232) * 10;
                (g, g, g)
            }
        }
    };
    match c {
        Color::Reset => default,
        Color::Black => indexed(0),
        Color::Red => indexed(1),
        Color::Green => indexed(2),
        Color::Yellow => indexed(3),
        Color::Blue => indexed(4),
        Color::Magenta => indexed(5),
        Color::Cyan => indexed(6),
        Color::Gray => indexed(7),
        Color::DarkGray => indexed(8),
        Color::LightRed => indexed(9),
        Color::LightGreen => indexed(10),
        Color::LightYellow => indexed(11),
        Color::LightBlue => indexed(12),
        Color::LightMagenta => indexed(13),
        Color::LightCyan => indexed(14),
        Color::White => indexed(15),
        Color::Indexed(i) => indexed(i),
        Color::Rgb(r, g, b) => (r, g, b),
    }
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The buffer as an SVG: a rectangle per cell background, a text element per character.
fn svg(buf: &Buffer, cursor: Option<(u16, u16)>) -> String {
    let fg0 = (229, 229, 229);
    let bg0 = (16, 16, 16);
    let mut out = String::new();
    let (w, h) = (
        f32::from(buf.area.width) * CELL_W,
        f32::from(buf.area.height) * CELL_H,
    );
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="'Noto Sans Mono CJK SC','Sarasa Mono SC','DejaVu Sans Mono',monospace" font-size="15">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        hex(bg0)
    );
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            let sym = cell.symbol();
            let cw = unicode_width::UnicodeWidthStr::width(sym).max(1);
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (rgb(cell.fg, fg0), rgb(cell.bg, bg0));
            if reversed {
                std::mem::swap(&mut fg, &mut bg);
            }
            if cursor == Some((x, y)) {
                std::mem::swap(&mut fg, &mut bg);
            }
            let px = f32::from(x) * CELL_W;
            let py = f32::from(y) * CELL_H;
            #[expect(clippy::cast_precision_loss, reason = "cell widths are 1 or 2")]
            let cell_px = CELL_W * cw as f32;
            if bg != bg0 {
                let _ = writeln!(
                    out,
                    r#"<rect x="{px}" y="{py}" width="{cell_px}" height="{CELL_H}" fill="{}"/>"#,
                    hex(bg)
                );
            }
            if !sym.trim().is_empty() {
                let bold = if cell.modifier.contains(Modifier::BOLD) {
                    r#" font-weight="bold""#
                } else {
                    ""
                };
                let under = if cell.modifier.contains(Modifier::UNDERLINED) {
                    r#" text-decoration="underline""#
                } else {
                    ""
                };
                // One-column characters (box drawing, curly quotes) come from a Latin font, which
                // draws them narrow as a terminal set to narrow ambiguous width does.
                let font = if cw == 1 {
                    r#" font-family="'DejaVu Sans Mono',monospace""#
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    r#"<text x="{}" y="{}" fill="{}"{font}{bold}{under} textLength="{}" lengthAdjust="spacingAndGlyphs">{}</text>"#,
                    px,
                    py + CELL_H * 0.78,
                    hex(fg),
                    cell_px,
                    escape(sym)
                );
            }
            x += u16::try_from(cw).unwrap_or(1);
        }
    }
    out.push_str("</svg>\n");
    out
}

fn shot(name: &str, app: &App, look: &Look) {
    let mut term = Terminal::new(TestBackend::new(W, H)).expect("test backend");
    let mut cursor = None;
    term.draw(|f| {
        ui::draw(f, app, look);
    })
    .expect("draw");
    if app.context() == selfcheck::keymap::Ctx::Editing
        || app.context() == selfcheck::keymap::Ctx::Form
    {
        cursor = term.get_cursor_position().ok().map(|p| (p.x, p.y));
    }
    let buf = term.backend().buffer().clone();
    let path = format!("screenshots/{name}.svg");
    std::fs::write(&path, svg(&buf, cursor)).expect("write screenshot");
    println!("{path}");
}

fn press(app: &mut App, keys: &[crossterm::event::KeyEvent]) {
    for k in keys {
        if let Some(a) = keymap::dispatch(app.context(), k) {
            let _ = app.update(a);
        }
    }
}

fn key(code: crossterm::event::KeyCode) -> crossterm::event::KeyEvent {
    crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE)
}

/// The projector's terminal following the recorder of `recorder`, who is typing 原因剖析 of the
/// check they are on.
fn follower_typing(recorder: &App, t0: chrono::DateTime<FixedOffset>, size: Rect) -> App {
    // The projector's terminal following the recorder, who is typing 原因剖析 of the same check.
    let check = recorder
        .walk
        .as_ref()
        .and_then(|w| w.current_check().and_then(|p| w.check_id(p)))
        .map(str::to_owned);
    let mut follower = App::new(Lang::Zh, t0, size);
    follower.update(Action::Opened(Box::new(OpenedSession {
        session: selfcheck::demo::session(t0),
        path: "2023-12-05-临港区应急管理局.json".into(),
        read_only: true,
        notice: None,
    })));
    follower.update(Action::Follow);
    follower.update(Action::EditorPresence {
        presence: Some(Box::new(selfcheck::store::Presence {
            user: "liming".into(),
            host: "srv01".into(),
            pid: 4242,
            check: check.clone(),
            field: Some("causes".into()),
            at: t0.to_rfc3339(),
            clock_zero: Some(t0.to_rfc3339()),
            draft: Some(selfcheck::store::Draft {
                check,
                field: "causes".into(),
                text: "对新业态新领域的安全风险研判不够，执法力量配备与监管任务不匹配".into(),
            }),
            ..selfcheck::store::Presence::default()
        })),
        gone: false,
    });
    follower.update(Action::Tick(
        t0 + Duration::minutes(42) + Duration::seconds(20),
    ));
    follower
}

fn main() {
    use crossterm::event::KeyCode as K;
    std::fs::create_dir_all("screenshots").expect("screenshots folder");
    let t0 = FixedOffset::east_opt(8 * 3600)
        .and_then(|o| o.with_ymd_and_hms(2023, 12, 5, 9, 30, 0).single())
        .expect("valid time");
    let dark = Look {
        theme: Theme::dark(),
        ascii: false,
    };
    let size = Rect::new(0, 0, W, H);

    let mut picker = App::new(Lang::Zh, t0, size);
    picker.update(Action::PickerLoaded(vec![
        PickerEntry {
            path: "2023-12-05-临港区应急管理局.json".into(),
            unit: "临港区应急管理局".into(),
            title: "2023年度“三管三必须”责任落实对照检查会".into(),
            date: "2023-12-05".into(),
            template: "部门“三管三必须”责任落实情况对照检查表".into(),
            answered: 5,
            total: 15,
            locked_by: Some("liming@srv01 (pid 4242, since 2023-12-05 09:30)".into()),
            error: None,
        },
        PickerEntry {
            path: "2023-12-04-临港化工有限公司.json".into(),
            unit: "临港化工有限公司".into(),
            title: "企业安全生产主体责任对照检查会".into(),
            date: "2023-12-04".into(),
            template: "企业安全生产主体责任落实情况对照检查表".into(),
            answered: 16,
            total: 16,
            locked_by: None,
            error: None,
        },
    ]));
    // The latest session is preselected.
    shot("picker", &picker, &dark);

    let mut app = App::new(Lang::Zh, t0, size);
    app.update(Action::Opened(Box::new(OpenedSession {
        session: selfcheck::demo::session(t0),
        path: "2023-12-05-临港区应急管理局.json".into(),
        read_only: false,
        notice: None,
    })));
    app.update(Action::Tick(
        t0 + Duration::minutes(42) + Duration::seconds(17),
    ));
    press(&mut app, &[key(K::Down)]);
    shot("walk-through", &app, &dark);
    shot(
        "walk-through-light",
        &app,
        &Look {
            theme: Theme::light(),
            ascii: false,
        },
    );
    press(&mut app, &[key(K::Tab), key(K::Tab), key(K::Enter)]);
    app.update(Action::InsertText("另外，2处小微企业执法档案缺失".into()));
    shot("editing", &app, &dark);
    press(&mut app, &[key(K::Esc), key(K::Esc)]);
    press(&mut app, &[key(K::F(7))]);
    shot("summary", &app, &dark);
    press(&mut app, &[key(K::Esc), key(K::F(5))]);
    shot("projector", &app, &dark);
    shot("follower", &follower_typing(&app, t0, size), &dark);
    press(&mut app, &[key(K::Esc), key(K::Char('?'))]);
    shot("help", &app, &dark);
    let mut form = App::new(Lang::Zh, t0, size);
    form.update(Action::PickerLoaded(Vec::new()));
    // The meeting filled in row by row (Enter moves on), down to its attendance.
    for (skip, text) in [
        (0, "临港化工有限公司"),
        (2, "2023年度安全生产责任落实对照检查会"),
        (2, "三楼会议室"),
        (1, "张主任"),
        (1, "李明"),
        (1, "张主任、王一、赵二、钱三、孙四、周五、吴六"),
        (1, "9"),
        (1, "7"),
        (1, "王五（出差）、赵六（病假）"),
        (1, "区应急管理局 郑七"),
    ] {
        for _ in 0..skip {
            press(&mut form, &[key(K::Enter)]);
        }
        form.update(Action::InsertText(text.into()));
    }
    shot("new-session", &form, &dark);
    next_meeting(t0, size, &dark);
}

/// The next year's meeting made from this one: 上次 beside the fields, a repeat finding, a
/// carried-over measure; then signing on the summary.
fn next_meeting(t0: chrono::DateTime<FixedOffset>, size: Rect, dark: &Look) {
    use crossterm::event::KeyCode as K;
    let prev = selfcheck::demo::session(t0);
    let later = t0 + Duration::days(366);
    let meeting = selfcheck::model::Meeting {
        title: "2024年度“三管三必须”责任落实对照检查会".into(),
        date: Some(later.date_naive()),
        host: prev.meeting.host.clone(),
        recorder: prev.meeting.recorder.clone(),
        ..selfcheck::model::Meeting::default()
    };
    let (next, _) = selfcheck::model::carryover::next_session(
        &prev,
        "2023-12-05-临港区应急管理局.json",
        prev.template.clone(),
        prev.unit.clone(),
        meeting,
        later,
    );
    // A check found short last time, with a measure carried over.
    let Some(id) = prev
        .template
        .checks()
        .map(|(_, c)| c.id.clone())
        .find(|id| {
            selfcheck::model::carryover::is_shortfall(prev.status(id))
                && next.answer(id).is_some_and(|a| !a.carried_over.is_empty())
        })
    else {
        return;
    };
    let again = prev.status(&id).map(str::to_owned);
    let mut app = App::new(Lang::Zh, later, size);
    app.update(Action::Opened(Box::new(OpenedSession {
        session: next,
        path: "2024-12-05-临港区应急管理局.json".into(),
        read_only: false,
        notice: None,
    })));
    if let Some(w) = app.walk.as_mut()
        && let Some(pos) = w.index.position(&id)
    {
        w.tree.select_check(&w.session, pos);
        let digit = again
            .and_then(|s| w.session.template.answer_set.iter().position(|o| o.id == s))
            .unwrap_or(1);
        app.update(Action::SetStatus(Some(digit)));
    }
    press(&mut app, &[key(K::Tab), key(K::Down)]);
    shot("next-meeting", &app, dark);
    press(&mut app, &[key(K::Esc), key(K::F(7))]);
    let ctrl_d =
        crossterm::event::KeyEvent::new(K::Char('d'), crossterm::event::KeyModifiers::CONTROL);
    press(&mut app, &[ctrl_d]);
    app.update(Action::InsertText("张建国".into()));
    shot("sign", &app, dark);
}
