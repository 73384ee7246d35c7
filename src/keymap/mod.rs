//! The one keymap table. Dispatch, the footer hints and the help screen all read it, so what
//! the screen says is what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::{Action, Command};
use crate::i18n::Lang;

/// Where the keyboard is: each context has its own bindings, plus the global ones unless the
/// context takes text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ctx {
    Global,
    /// Shared by the tree, the fields and the projector view (never current by itself).
    Walk,
    Picker,
    Tree,
    Detail,
    Editing,
    Search,
    Form,
    Summary,
    Projector,
    Help,
    /// Deciding about a recovery copy.
    Confirm,
    /// Reading a check's history of changes.
    History,
}

impl Ctx {
    /// Contexts where printable keys are text, so global letter bindings do not apply.
    pub fn takes_text(self) -> bool {
        matches!(self, Ctx::Editing | Ctx::Search | Ctx::Form)
    }
}

/// A key as bound: a code and the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}
const fn c(ch: char) -> Key {
    k(KeyCode::Char(ch))
}
const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        mods: KeyModifiers::CONTROL,
    }
}
const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::SHIFT,
    }
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub ctx: Ctx,
    pub keys: &'static [Key],
    pub command: Command,
    /// What it does, in Chinese and in English.
    pub zh: &'static str,
    pub en: &'static str,
    /// Short label for the footer; `None` keeps it out of the footer.
    pub footer: Option<(&'static str, &'static str)>,
}

impl Binding {
    pub fn help(&self, lang: Lang) -> &'static str {
        if lang.is_en() { self.en } else { self.zh }
    }
    pub fn footer_label(&self, lang: Lang) -> Option<&'static str> {
        self.footer
            .map(|(zh, en)| if lang.is_en() { en } else { zh })
    }
}

mod table;

pub use table::KEYMAP;

/// Contexts whose own bindings are followed by the walk-through's shared ones.
fn layered(ctx: Ctx) -> &'static [Ctx] {
    match ctx {
        Ctx::Tree | Ctx::Detail | Ctx::Projector => &[Ctx::Walk, Ctx::Global],
        Ctx::Editing | Ctx::Search | Ctx::Form | Ctx::Help | Ctx::Confirm | Ctx::History => &[],
        _ => &[Ctx::Global],
    }
}

/// The contexts consulted for `ctx`, most specific first.
pub fn chain(ctx: Ctx) -> impl Iterator<Item = Ctx> {
    std::iter::once(ctx).chain(layered(ctx).iter().copied())
}

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    // Shift is implied by the character itself for letters and symbols ('G', '?').
    let mods = ev.modifiers - KeyModifiers::SHIFT;
    let want = key.mods - KeyModifiers::SHIFT;
    let shift_ok = match ev.code {
        KeyCode::Char(_) => true,
        _ => {
            key.mods.contains(KeyModifiers::SHIFT) == ev.modifiers.contains(KeyModifiers::SHIFT)
                || key.code == KeyCode::BackTab
        }
    };
    key.code == ev.code && mods == want && shift_ok
}

/// The binding for a key in a context, if any.
pub fn lookup(ctx: Ctx, ev: &KeyEvent) -> Option<&'static Binding> {
    chain(ctx).find_map(|cx| {
        KEYMAP
            .iter()
            .filter(|b| b.ctx == cx)
            .find(|b| b.keys.iter().any(|key| matches(key, ev)))
    })
}

/// Turns a key press into an action. Keys without a binding are text where the context takes
/// text, and nothing elsewhere. Digits set the status in the walk-through.
pub fn dispatch(ctx: Ctx, ev: &KeyEvent) -> Option<Action> {
    if ev.kind != KeyEventKind::Press {
        return None;
    }
    if let Some(b) = lookup(ctx, ev) {
        if b.command == Command::SetStatusDigit
            && let KeyCode::Char(d @ '1'..='9') = ev.code
        {
            return Some(Action::SetStatus(Some(d as usize - '1' as usize)));
        }
        return Some(Action::Cmd(b.command));
    }
    if ctx.takes_text() {
        return Some(Action::Input(ratatui_textarea::Input::from(*ev)));
    }
    None
}

/// Whether a key is a plain character (no Ctrl or Alt; Shift only makes capitals and symbols).
pub fn is_plain_char(ev: &KeyEvent) -> bool {
    matches!(ev.code, KeyCode::Char(_))
        && (ev.modifiers - KeyModifiers::SHIFT).is_empty()
        && ev.kind == KeyEventKind::Press
}

/// Contexts of the walk-through where typed text is not keys: text typed there goes to the
/// selected field (or, where there is none, earns a hint) instead of being read as commands.
pub fn reads_typing(ctx: Ctx) -> bool {
    matches!(ctx, Ctx::Tree | Ctx::Detail | Ctx::Projector)
}

/// A run of plain characters that arrived together, read in `ctx`. An input method commits a
/// whole phrase at once, so a run holding any character without a binding here is text, every
/// character of it, digits and letters included: `一是引进人才2名` never sets a status. A run of
/// bound keys only (`n`, `2`, `jj`) stays keys. `None` means: dispatch the keys one by one.
pub fn burst_text(ctx: Ctx, run: &[KeyEvent]) -> Option<String> {
    if !reads_typing(ctx) || run.is_empty() || !run.iter().all(is_plain_char) {
        return None;
    }
    if run.iter().all(|ev| lookup(ctx, ev).is_some()) {
        return None;
    }
    Some(
        run.iter()
            .filter_map(|ev| match ev.code {
                KeyCode::Char(c) => Some(c),
                _ => None,
            })
            .collect(),
    )
}

/// Whether a command changes the record (or saves it), so that it does nothing in a read-only
/// view (a record someone else edits, a signed one, a live view) and is not offered there.
pub fn changes_record(command: Command) -> bool {
    matches!(
        command,
        Command::SetStatusDigit
            | Command::ClearStatus
            | Command::ToggleFlag
            | Command::Edit
            | Command::Undo
            | Command::Redo
            | Command::Save
            | Command::SaveAs
            | Command::FormSubmit
            | Command::CopyPrevious
            | Command::FollowUpCarried
            | Command::Sign
            | Command::Reopen
    )
}

/// The footer's and help's name for the status digits, from the real answer set (`1-4`).
pub fn status_keys(answers: usize) -> String {
    match answers {
        0 | 1 => "1".to_owned(),
        n => format!("1-{}", n.min(9)),
    }
}

/// How a key is written in help and the footer: ASCII names only, so nothing is drawn at an
/// ambiguous width.
pub fn key_name(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(ch) => ch.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Up => "Up".into(),
        KeyCode::Down => "Down".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift+Tab".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Backspace => "Backspace".into(),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl+{}", base.to_uppercase())
    } else if key.mods.contains(KeyModifiers::SHIFT) && key.code != KeyCode::BackTab {
        format!("Shift+{base}")
    } else {
        base
    }
}

/// The keys of a binding as one label, duplicates (`BackTab` with and without Shift) merged.
pub fn keys_label(b: &Binding) -> String {
    let mut names: Vec<String> = Vec::new();
    for key in b.keys {
        let n = key_name(key);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    if b.command == Command::SetStatusDigit {
        return "1-9".to_owned();
    }
    names.join(" / ")
}

/// Footer hints for a context: (keys, label) of each binding marked for the footer, the
/// context's own first.
pub fn footer_hints(ctx: Ctx, lang: Lang) -> Vec<(String, &'static str)> {
    footer_entries(ctx, lang, 9)
        .into_iter()
        .map(|(_, keys, label)| (keys, label))
        .collect()
}

/// Footer hints with their commands, the status digits named for an answer set of `answers`
/// options (`1-4`, not `1-9`).
pub fn footer_entries(
    ctx: Ctx,
    lang: Lang,
    answers: usize,
) -> Vec<(Command, String, &'static str)> {
    let mut seen = Vec::new();
    chain(ctx)
        .flat_map(|cx| KEYMAP.iter().filter(move |b| b.ctx == cx))
        .filter(|b| {
            // A command shown by the specific context is not shown again by a shared layer.
            let new = !seen.contains(&b.command);
            seen.push(b.command);
            new
        })
        .filter_map(|b| {
            let label = b.footer_label(lang)?;
            let first = if b.command == Command::SetStatusDigit {
                status_keys(answers)
            } else {
                b.keys.first().map(key_name).unwrap_or_default()
            };
            Some((b.command, first, label))
        })
        .collect()
}
