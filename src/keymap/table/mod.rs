//! The table of every key binding, by context: the one place a key is bound. Help, the footer
//! hints and the drift tests are generated from it. The rows live by screen in the files
//! beside this one; [`KEYMAP`] puts them together in one table, in this order.

use crossterm::event::KeyCode;

use super::{Binding, Ctx, c, ctrl, k};
use crate::action::Command;

use Command as C;
use KeyCode as K;

macro_rules! bind {
    ($ctx:ident, [$($key:expr),+ $(,)?], $cmd:expr, $zh:literal, $en:literal) => {
        Binding { ctx: Ctx::$ctx, keys: &[$($key),+], command: $cmd, zh: $zh, en: $en, footer: None }
    };
    ($ctx:ident, [$($key:expr),+ $(,)?], $cmd:expr, $zh:literal, $en:literal, $fzh:literal, $fen:literal) => {
        Binding { ctx: Ctx::$ctx, keys: &[$($key),+], command: $cmd, zh: $zh, en: $en, footer: Some(($fzh, $fen)) }
    };
}

mod edit;
mod followup;
mod summary;
mod walk;

/// Bindings that hold anywhere (not while typing text, except the Ctrl keys bound there too).
const GLOBAL: &[Binding] = &[
    // Anywhere (not while typing text, except the Ctrl keys which are bound there too).
    bind!(
        Global,
        [ctrl('q'), ctrl('c'), c('q')],
        C::Quit,
        "保存并退出",
        "Save and quit",
        "退出",
        "quit"
    ),
    bind!(
        Global,
        [ctrl('s'), c('s')],
        C::Save,
        "立即保存",
        "Save now",
        "保存",
        "save"
    ),
    bind!(
        Global,
        [c('?'), c('？'), k(K::F(1))],
        C::Help,
        "按键说明",
        "Show the keys",
        "帮助",
        "help"
    ),
];

/// The help screen.
const HELP: &[Binding] = &[
    // Help.
    bind!(
        Help,
        [k(K::Esc), c('?'), c('？'), k(K::F(1)), c('q')],
        C::Help,
        "关闭说明",
        "Close help"
    ),
    bind!(Help, [k(K::Up), c('k')], C::MoveUp, "上滚", "Scroll up"),
    bind!(
        Help,
        [k(K::Down), c('j')],
        C::MoveDown,
        "下滚",
        "Scroll down"
    ),
    bind!(Help, [k(K::PageUp)], C::PageUp, "上一页", "Page up"),
    bind!(Help, [k(K::Home), c('g')], C::First, "到开头", "To the top"),
    bind!(Help, [k(K::End), c('G')], C::Last, "到末尾", "To the end"),
    bind!(
        Help,
        [k(K::PageDown), k(K::Char(' '))],
        C::PageDown,
        "下一页",
        "Page down"
    ),
];

/// The parts of the table in order. Order matters twice: the first match wins, and help lists
/// the bindings in this order.
const PARTS: &[&[Binding]] = &[
    GLOBAL,
    edit::EDIT,
    summary::SUMMARY,
    walk::WALK,
    HELP,
    followup::FOLLOWUP,
];

const LEN: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < PARTS.len() {
        n += PARTS[i].len();
        i += 1;
    }
    n
};

/// The parts one after another, at compile time.
const fn joined() -> [Binding; LEN] {
    let mut out = [GLOBAL[0]; LEN];
    let mut at = 0;
    let mut i = 0;
    while i < PARTS.len() {
        let mut j = 0;
        while j < PARTS[i].len() {
            out[at] = PARTS[i][j];
            at += 1;
            j += 1;
        }
        i += 1;
    }
    out
}

static ALL: [Binding; LEN] = joined();

/// Every binding, the parts in the order of [`PARTS`].
pub static KEYMAP: &[Binding] = &ALL;
