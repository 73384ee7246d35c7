//! Shared helpers for the interface tests: a fixed clock, a session opened in an `App`, and
//! compact key strings such as `"<down><down>1<tab><enter>"` folded through the keymap and
//! `update`.
#![allow(dead_code)]

use chrono::{DateTime, FixedOffset, TimeZone};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use selfcheck::app::{Action, App, Effect, OpenedSession};
use selfcheck::i18n::Lang;
use selfcheck::keymap;
use selfcheck::model::{Meeting, Session, Unit, UnitKind, builtin};

/// 2023-12-05 09:30:00 +08:00, the meeting's start in every test.
pub fn t0() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(8 * 3600)
        .expect("valid offset")
        .with_ymd_and_hms(2023, 12, 5, 9, 30, 0)
        .single()
        .expect("valid time")
}

pub fn session(template: &str) -> Session {
    let t = builtin::get(template).expect("built-in template");
    Session::new(
        t,
        Unit {
            name: "临港区应急管理局".into(),
            kind: Some(UnitKind::Dept),
            ..Unit::default()
        },
        Meeting {
            title: "2023年度安全生产责任落实对照检查会".into(),
            date: chrono::NaiveDate::from_ymd_opt(2023, 12, 5),
            place: "三楼会议室".into(),
            host: "张主任".into(),
            recorder: "李明".into(),
            attendees: vec!["王一".into(), "赵二".into()],
            ..Meeting::default()
        },
        t0(),
    )
}

/// An app with `session` open on the walk-through, at `w`x`h`.
pub fn app_with(session: Session, read_only: bool, w: u16, h: u16) -> App {
    let mut app = App::new(Lang::Zh, t0(), Rect::new(0, 0, w, h));
    app.update(Action::Opened(Box::new(OpenedSession {
        session,
        path: "/tmp/selfcheck-test.json".into(),
        read_only,
        notice: None,
    })));
    app
}

pub fn app(template: &str) -> App {
    app_with(session(template), false, 120, 40)
}

/// Parses a key string: `<name>` for special keys (`<c-s>` for Ctrl+S, `<s-tab>`, `<s-f3>`),
/// any other character as itself.
pub fn keys(script: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut chars = script.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '-')
        {
            let mut name = String::new();
            for n in chars.by_ref() {
                if n == '>' {
                    break;
                }
                name.push(n);
            }
            out.push(named(&name));
        } else {
            out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }
    out
}

fn named(name: &str) -> KeyEvent {
    let (mods, base) = if let Some(rest) = name.strip_prefix("c-") {
        (KeyModifiers::CONTROL, rest)
    } else if let Some(rest) = name.strip_prefix("s-") {
        (KeyModifiers::SHIFT, rest)
    } else {
        (KeyModifiers::NONE, name)
    };
    let code = match base {
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" if mods == KeyModifiers::SHIFT => KeyCode::BackTab,
        "tab" => KeyCode::Tab,
        "bs" => KeyCode::Backspace,
        "del" => KeyCode::Delete,
        "pgup" => KeyCode::PageUp,
        "pgdn" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        f if f.starts_with('f') => KeyCode::F(f[1..].parse().expect("function key number")),
        c if c.chars().count() == 1 => KeyCode::Char(c.chars().next().expect("one char")),
        other => panic!("unknown key name <{other}>"),
    };
    KeyEvent::new(code, mods)
}

/// What happened while a script ran.
#[derive(Debug, Default)]
pub struct Run {
    pub effects: Vec<Effect>,
    pub quit: bool,
}

/// Types `script` into `app`; saves succeed, other effects are only recorded.
pub fn press(app: &mut App, script: &str) -> Run {
    let mut run = Run::default();
    for key in keys(script) {
        let ctx = app.context();
        let Some(action) = keymap::dispatch(ctx, &key) else {
            continue;
        };
        let mut next = app.update(action);
        while let Some(effect) = next.take() {
            run.effects.push(effect.clone());
            next = match effect {
                Effect::Save { quitting, .. } => app.update(Action::Saved {
                    result: Ok(()),
                    quitting,
                }),
                Effect::Quit => {
                    run.quit = true;
                    None
                }
                _ => None,
            };
        }
        if run.quit {
            break;
        }
    }
    run
}

/// The answer field of a check, or "".
pub fn field(app: &App, check: &str, f: selfcheck::model::Field) -> String {
    let w = app.walk.as_ref().expect("a session is open");
    w.session
        .answer(check)
        .map(|a| f.get(a))
        .unwrap_or_default()
}

pub fn status(app: &App, check: &str) -> Option<String> {
    let w = app.walk.as_ref().expect("a session is open");
    w.session.status(check).map(str::to_owned)
}

pub fn current_check_id(app: &App) -> Option<String> {
    let w = app.walk.as_ref()?;
    let pos = w.current_check()?;
    w.check_id(pos).map(str::to_owned)
}

/// Types `text` as an input method commits it: all at once, gathered the way the runtime
/// gathers a burst (one insert where text is typed, read whole by `keymap::burst_text` on the
/// walk-through, key by key otherwise).
pub fn burst(app: &mut App, text: &str) -> Run {
    let events: Vec<KeyEvent> = text
        .chars()
        .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
        .collect();
    let ctx = app.context();
    let action = if ctx.takes_text() {
        Some(Action::InsertText(text.to_owned()))
    } else {
        keymap::burst_text(ctx, &events).map(Action::InsertText)
    };
    let Some(action) = action else {
        return press(app, text);
    };
    let mut run = Run::default();
    let mut next = app.update(action);
    while let Some(effect) = next.take() {
        run.effects.push(effect.clone());
        next = match effect {
            Effect::Save { quitting, .. } => app.update(Action::Saved {
                result: Ok(()),
                quitting,
            }),
            _ => None,
        };
    }
    run
}

/// The list of changed answers a save is handed.
pub fn changed(ids: &[&str]) -> selfcheck::store::Changed {
    selfcheck::store::Changed::Answers(ids.iter().map(|s| (*s).to_owned()).collect())
}

/// The screen `app` draws at `w`x`h`, as text (one line per row, spaces dropped so that
/// wrapped Chinese can be searched for).
pub fn screen(app: &App, w: u16, h: u16) -> String {
    use ratatui::{Terminal, backend::TestBackend};
    use selfcheck::ui::{self, Look, theme::Theme};
    let look = Look {
        theme: Theme::dark(),
        ascii: false,
    };
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| ui::draw(f, app, &look)).expect("draw");
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out.replace(' ', "")
}
