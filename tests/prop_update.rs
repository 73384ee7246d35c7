//! Property tests: random key sequences through the keymap and `update` never panic and never
//! break the session's invariants; what is saved loads back the same.

mod ui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use selfcheck::app::{Action, Effect};
use selfcheck::keymap;

fn key_strategy() -> impl Strategy<Value = KeyEvent> {
    let plain = |c| KeyEvent::new(c, KeyModifiers::NONE);
    prop_oneof![
        Just(plain(KeyCode::Up)),
        Just(plain(KeyCode::Down)),
        Just(plain(KeyCode::Left)),
        Just(plain(KeyCode::Right)),
        Just(plain(KeyCode::PageUp)),
        Just(plain(KeyCode::PageDown)),
        Just(plain(KeyCode::Home)),
        Just(plain(KeyCode::End)),
        Just(plain(KeyCode::Enter)),
        Just(plain(KeyCode::Esc)),
        Just(plain(KeyCode::Tab)),
        Just(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        Just(plain(KeyCode::Backspace)),
        Just(plain(KeyCode::Delete)),
        Just(plain(KeyCode::F(2))),
        Just(plain(KeyCode::F(3))),
        Just(plain(KeyCode::F(5))),
        Just(plain(KeyCode::F(7))),
        Just(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)),
        Just(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::CONTROL)),
        Just(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        prop::sample::select(vec![
            '0', '1', '2', '3', '4', '9', 'f', 'v', 'n', 'N', 'p', 'r', 'm', 'h', 'l', 'g', 'G',
            '/', '?', 'a', '中', '，', '2', '-', '年',
        ])
        .prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_keep_the_session_valid(keys in prop::collection::vec(key_strategy(), 1..80), w in 1u16..160, h in 1u16..60) {
        let mut app = ui_support::app_with(ui_support::session("full"), false, 120, 40);
        app.update(Action::Resize(w, h));
        // The file's pieces, as the runtime keeps them: every save brings them up to the
        // session through the list of changes the interface hands over, which must miss nothing.
        let mut image = selfcheck::store::Image::build(app.walk.as_ref().unwrap().session.clone());
        let mut saves = 0;
        for key in keys {
            // Quitting is left out: the point is to keep going.
            if let Some(action) = keymap::dispatch(app.context(), &key) {
                if matches!(action, Action::Cmd(selfcheck::app::Command::Quit)) {
                    continue;
                }
                let mut next = app.update(action);
                while let Some(effect) = next.take() {
                    next = match effect {
                        Effect::Save { quitting, changed } => {
                            let s = &app.walk.as_ref().unwrap().session;
                            image.update(s, &changed);
                            prop_assert_eq!(image.text(s).to_vec(), selfcheck::store::to_json(s));
                            saves += 1;
                            app.update(Action::Saved { result: Ok(()), quitting })
                        }
                        _ => None,
                    };
                }
            }
            // Drawing any state at any size must not panic either.
            let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
            let look = selfcheck::ui::Look { theme: selfcheck::ui::Theme::dark(), ascii: false };
            term.draw(|f| selfcheck::ui::draw(f, &app, &look)).unwrap();
        }
        let w = app.walk.as_ref().unwrap();
        let s = &w.session;
        // What changed since the last save, not yet handed over.
        image.update(s, &w.save.changed);
        prop_assert_eq!(image.text(s).to_vec(), selfcheck::store::to_json(s), "after {} saves", saves);
        let s = &app.walk.as_ref().unwrap().session;
        prop_assert!(s.validate().is_ok(), "{:?}", s.validate());
        let bytes = selfcheck::store::to_json(s);
        let text = std::str::from_utf8(&bytes).unwrap();
        let back = selfcheck::store::parse_session(std::path::Path::new("mem.json"), text).unwrap();
        prop_assert_eq!(&back, s);
        // The incremental tally agrees with a count from scratch.
        let fresh = selfcheck::app::tally::Tally::new(s);
        prop_assert_eq!(&fresh, &app.walk.as_ref().unwrap().tally);
    }
}
