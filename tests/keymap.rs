//! The keymap table is the one source of dispatch, footer and help: these tests fail when the
//! three drift apart or a binding is shadowed by another.

use crossterm::event::{KeyEvent, KeyModifiers};
use selfcheck::app::{Action, Command};
use selfcheck::i18n::Lang;
use selfcheck::keymap::{self, Ctx, KEYMAP};

/// The contexts a binding of `ctx` must work in.
fn live_in(ctx: Ctx) -> Vec<Ctx> {
    match ctx {
        Ctx::Walk => vec![Ctx::Tree],
        Ctx::Global => vec![Ctx::Tree, Ctx::Picker, Ctx::Summary],
        other => vec![other],
    }
}

fn event(key: &keymap::Key) -> KeyEvent {
    KeyEvent::new(key.code, key.mods)
}

#[test]
fn every_bound_key_reaches_its_command() {
    let mut checked = 0;
    for b in KEYMAP {
        for ctx in live_in(b.ctx) {
            for key in b.keys {
                let action = keymap::dispatch(ctx, &event(key));
                let ok = match (b.command, &action) {
                    (Command::SetStatusDigit, Some(Action::SetStatus(Some(_)))) => true,
                    (cmd, Some(Action::Cmd(got))) => *got == cmd,
                    _ => false,
                };
                // Detail/Projector rebind some shared keys on purpose; the Tree and the context
                // of the binding itself must never be shadowed.
                assert!(
                    ok,
                    "{:?} in {ctx:?} gives {action:?}, the table says {:?}",
                    keymap::key_name(key),
                    b.command
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} keys checked");
}

#[test]
fn letters_are_never_the_only_way() {
    // A Chinese-mode input method swallows letters: every command bound to a letter in a
    // context also has a non-letter key there (arrows, F-keys, Ctrl, Enter, Esc...).
    for b in KEYMAP {
        let letters = b
            .keys
            .iter()
            .filter(|k| {
                matches!(k.code, crossterm::event::KeyCode::Char(c) if c.is_ascii_alphabetic())
                    && !k.mods.contains(KeyModifiers::CONTROL)
            })
            .count();
        if letters > 0 {
            assert!(
                letters < b.keys.len(),
                "{:?} in {:?} can only be reached with a letter",
                b.command,
                b.ctx
            );
        }
    }
}

#[test]
fn text_contexts_type_letters_and_digits() {
    for ctx in [Ctx::Editing, Ctx::Search, Ctx::Form] {
        for c in ['q', 's', 'n', '1', '?', '中'] {
            let ev = KeyEvent::new(crossterm::event::KeyCode::Char(c), KeyModifiers::NONE);
            assert!(
                matches!(keymap::dispatch(ctx, &ev), Some(Action::Input(_))),
                "{c:?} in {ctx:?} must be text"
            );
        }
    }
}

#[test]
fn help_lists_every_binding_once() {
    for lang in [Lang::Zh, Lang::En] {
        let sections = selfcheck::ui::help_sections(lang);
        let listed: usize = sections.iter().map(|(_, rows)| rows.len()).sum();
        assert_eq!(listed, KEYMAP.len());
        for b in KEYMAP {
            let rows = &sections
                .iter()
                .find(|(c, _)| *c == b.ctx)
                .expect("context listed")
                .1;
            assert!(
                rows.iter()
                    .any(|(keys, what)| *what == b.help(lang) && *keys == keymap::keys_label(b)),
                "{:?} missing from help",
                b.command
            );
            assert!(!b.help(lang).is_empty());
        }
    }
}

#[test]
fn footer_hints_do_what_they_say() {
    for ctx in [
        Ctx::Picker,
        Ctx::Tree,
        Ctx::Detail,
        Ctx::Editing,
        Ctx::Search,
        Ctx::Form,
        Ctx::Summary,
        Ctx::Projector,
    ] {
        let hints = keymap::footer_hints(ctx, Lang::Zh);
        assert!(!hints.is_empty(), "{ctx:?} has no hints");
        for (key, label) in hints {
            if key == "1-9" {
                continue;
            }
            let b = KEYMAP
                .iter()
                .find(|b| {
                    b.footer_label(Lang::Zh) == Some(label)
                        && keymap::chain(ctx).any(|c| c == b.ctx)
                })
                .expect("hint comes from the table");
            let first = b.keys.first().expect("a key");
            assert_eq!(keymap::key_name(first), key);
            let got = keymap::dispatch(ctx, &event(first));
            assert_eq!(
                got.map(|a| format!("{a:?}")),
                Some(format!("{:?}", Action::Cmd(b.command))),
                "{ctx:?} {key}"
            );
        }
    }
}

#[test]
fn release_events_are_ignored() {
    let mut ev = KeyEvent::new(crossterm::event::KeyCode::Char('q'), KeyModifiers::NONE);
    ev.kind = crossterm::event::KeyEventKind::Release;
    assert!(keymap::dispatch(Ctx::Tree, &ev).is_none());
}
