//! The runtime: the one module that touches the terminal. It sets the terminal up and restores
//! it (also on panic and on signals), reads events, turns them into actions through the keymap,
//! runs `App::update`, carries out the effects (files), and draws. The loop is generic over the
//! ratatui backend and the event source so tests can drive it without a terminal.
//!
//! Where things are: [`event_loop`] (waiting, keys through the keymap into `update`, drawing),
//! [`effects`] (the files each `Effect` touches), [`saver`] (everything between "the record
//! changed" and "it is on disk"), [`follow`] (presence notes and the live view); this file sets
//! the terminal up, installs the signal and panic handlers, and starts it all.

mod away;
mod effects;
mod event_loop;
mod follow;
mod relay;
mod saver;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::layout::Rect;

pub use effects::{
    export_beside, find_recovery, load_picker, open_document, perform, recovery_path,
};
pub use event_loop::{EventSource, TerminalEvents, dispatch, feed, run_loop};
pub use follow::{poll_followed, publish_presence};
pub use saver::Saver;

use crate::action::{Action, Command};
use crate::app::App;
use crate::model::Progress;
use crate::store::{DataDir, Document, OpenMode};
use crate::text::sanitize;
use crate::ui::{self, Look, Theme};

/// How the interface looks and where it finds its files; the command line fills this in.
#[derive(Debug, Clone)]
pub struct Options {
    /// Folder of session files; `None` for the user's data folder.
    pub data_dir: Option<PathBuf>,
    pub lang: crate::i18n::Lang,
    /// `None` chooses by `NO_COLOR`.
    pub theme: Option<ui::theme::ThemeName>,
    /// Borders and marks in ASCII only.
    pub ascii: bool,
    /// `--colors`; `None` judges by the terminal (`COLORTERM`, `TERM`, terminfo).
    pub colors: Option<ui::theme::ColorDepth>,
}

/// What the interface opens on.
#[derive(Debug, Clone)]
pub enum Start {
    Picker,
    Open(PathBuf, OpenMode),
    /// A live read-only view of someone else's editing.
    Follow(PathBuf),
}

/// What wakes the loop besides the clock.
#[derive(Debug)]
pub enum Wake {
    /// Events that arrived together.
    Input(Vec<Event>),
    /// The input ended: the terminal failed (the error), or the source stopped.
    InputEnded(Option<io::Error>),
    /// The Saver's background thread with this number ended.
    Saver(u64),
}

/// The state shared between the loop and the signal and watchdog threads, so that whichever
/// notices the end first can save the record.
pub struct Shared {
    pub app: App,
    /// The open document and everything about saving it.
    pub saver: Saver,
    pub data_dir: Option<DataDir>,
    /// What the editor last published of where it is.
    published: Option<(PathBuf, crate::app::follow::Whereabouts)>,
    /// Writes presence notes off the key path (a rename can wait on the file system's journal).
    presence_writer: Option<follow::PresenceWriter>,
    /// What a follower last saw of the session and presence files.
    watched: follow::Watched,
    /// The loop's end of the channel the Saver and the input send to (taken while it runs).
    inbox: Option<Receiver<Wake>>,
}

impl Shared {
    /// The state for `app`, whose open session (if any) `doc` holds as it is in the file.
    pub fn new(app: App, doc: Option<Document>, data_dir: Option<DataDir>) -> Self {
        let (wake, inbox) = std::sync::mpsc::channel();
        Self {
            saver: Saver::new(doc, app.lang, wake),
            app,
            data_dir,
            published: None,
            presence_writer: None,
            watched: follow::Watched::default(),
            inbox: Some(inbox),
        }
    }
}

/// The time now, with the local offset.
pub fn now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // A panic while holding the lock leaves the data intact; carry on with it.
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Waits for a background save before anything else touches the document; its result goes
/// through `update` like any other.
fn finish_save(shared: &mut Shared) {
    if let Some(action) = shared.saver.finish() {
        dispatch(shared, action);
    }
}

/// Saves the record whole now, waiting for it, comparing what `changed` lists.
fn save_now(
    shared: &mut Shared,
    changed: crate::store::Changed,
) -> Result<(), crate::store::StoreError> {
    finish_save(shared);
    let Shared { app, saver, .. } = shared;
    let Some(w) = &app.walk else {
        return Ok(());
    };
    saver.save_now(&w.session, changed)
}

/// Before leaving a file: the journal's changes go into it.
fn fold_journal(shared: &mut Shared) {
    finish_save(shared);
    if shared.saver.journal_pending() {
        let _ = save_now(shared, crate::store::Changed::default());
    }
}

/// Puts the terminal back: raw mode off, main screen, cursor shown, bracketed paste off.
pub fn restore_terminal() {
    let mut out = io::stdout();
    let _ = crossterm::execute!(
        out,
        event::DisableBracketedPaste,
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = crossterm::terminal::disable_raw_mode();
    relay::restore();
    let _ = out.flush();
}

fn setup_terminal() -> io::Result<Terminal<ui::backend::TtyBackend<io::Stdout>>> {
    // Keys come through the relay, which ends a paste whose end never comes.
    relay::install();
    crossterm::terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    crossterm::execute!(
        out,
        crossterm::terminal::EnterAlternateScreen,
        event::EnableBracketedPaste
    )?;
    // Our backend writes about a third of the bytes on Chinese text (BENCHMARKS.md); it asks
    // the terminal once how wide 中 and ─ are before trusting those widths.
    let mut backend = ui::backend::TtyBackend::new(out);
    backend.probe_widths();
    Terminal::new(backend)
}

/// Saves what can be saved on the way out of an emergency (signal, hang-up): the text in an
/// open editor is put into the record first. Where the session's folder cannot take it, the
/// record is written away (see [`away`]): the message saying where is returned, to be printed
/// once the terminal is given back.
pub fn emergency_save(shared: &mut Shared) -> Option<String> {
    finish_save(shared);
    dispatch(shared, Action::Tick(now()));
    if shared.app.walk.as_ref().is_some_and(|w| w.editor.is_some()) {
        // Leaving the field puts its text into the record (a bad date is left out).
        dispatch(shared, Action::Cmd(Command::FinishEdit));
    }
    dispatch(shared, Action::Closing);
    publish_presence(shared, true);
    if shared
        .app
        .walk
        .as_ref()
        .is_some_and(|w| w.save.dirty && !w.read_only)
    {
        // What changed is the interface's to say, and it has not said yet: compare everything.
        away::save_or_keep_away(shared)
    } else {
        fold_journal(shared);
        None
    }
}

/// Warns (before the screen is taken over) when the locale is not UTF-8, as with older `PuTTY`
/// and Xshell sessions set to GBK.
fn warn_if_not_utf8(lang: crate::i18n::Lang) {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_default();
    let upper = locale.to_uppercase();
    if !(locale.is_empty() || upper.contains("UTF-8") || upper.contains("UTF8")) {
        let msg = crate::i18n::fill(
            crate::i18n::records(lang).locale_not_utf8,
            &[("locale", &locale)],
        );
        let _ = writeln!(io::stderr(), "{}", sanitize::one_line(&msg));
        std::thread::sleep(Duration::from_millis(1500));
    }
}

/// How long a signal waits for the record to be saved before the process ends regardless.
const SIGNAL_DEADLINE: Duration = Duration::from_secs(5);

/// Whatever holds the record (a save stuck on a file system that stopped answering) does not
/// keep the process alive: after [`SIGNAL_DEADLINE`] it ends with `code` all the same.
fn end_by_deadline(code: i32, t: &'static crate::i18n::Texts) {
    std::thread::spawn(move || {
        std::thread::sleep(SIGNAL_DEADLINE);
        restore_terminal();
        let _ = writeln!(io::stderr(), "selfcheck: {}", t.msg_signal_deadline);
        std::process::exit(code);
    });
}

fn install_signal_handlers(shared: &Arc<Mutex<Shared>>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])
    else {
        return;
    };
    let t = lock(shared).app.t();
    let shared = Arc::clone(shared);
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            end_by_deadline(128 + sig, t);
            // The lock is held until the process ends, so the loop cannot draw again onto the
            // restored screen.
            let mut guard = lock(&shared);
            let kept = emergency_save(&mut guard);
            restore_terminal();
            if let Some(msg) = kept {
                let _ = writeln!(io::stderr(), "{}", sanitize::one_line(&msg));
            }
            std::process::exit(128 + sig);
        }
    });
}

/// Watches for the terminal going away when no hang-up signal arrives (SIGHUP ignored, as
/// under nohup): a hung-up terminal stops answering as a terminal. crossterm's event loop would
/// spin on the dead terminal instead of noticing, so this thread saves and ends the process.
fn install_tty_watchdog(shared: &Arc<Mutex<Shared>>) {
    use std::io::IsTerminal;
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        return;
    }
    let t = lock(shared).app.t();
    let shared = Arc::clone(shared);
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(500));
            if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
                end_by_deadline(129, t);
                let mut guard = lock(&shared);
                let _ = emergency_save(&mut guard);
                std::process::exit(129);
            }
        }
    });
}

/// Starts the interface.
pub fn start(options: &Options, start: &Start) -> Result<ExitCode, String> {
    crossterm::style::force_color_output(true);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let look = Look {
        theme: Theme::choose_for(
            options.theme,
            no_color,
            options.colors,
            &ui::theme::ColorEnv::from_process(),
        ),
        ascii: options.ascii,
    };
    let data_dir = DataDir::resolve(options.data_dir.as_deref()).ok();
    let t = crate::i18n::texts(options.lang);
    let app = App::new(options.lang, now(), Rect::new(0, 0, 80, 24));
    let mut first = Vec::new();
    let doc = match start {
        Start::Open(path, mode) => {
            let (doc, opened) = open_document(path, *mode, t)
                .map_err(|e| crate::i18n::store_error(&e, options.lang))?;
            let recovery = find_recovery(&doc, &opened.session, t);
            first.push(Action::Opened(Box::new(opened)));
            first.extend(recovery.map(|r| Action::RecoveryFound(Box::new(r))));
            Some(doc)
        }
        Start::Follow(path) => {
            let (doc, opened) = open_document(path, OpenMode::ReadOnly, t)
                .map_err(|e| crate::i18n::store_error(&e, options.lang))?;
            first.extend([Action::Opened(Box::new(opened)), Action::Follow]);
            Some(doc)
        }
        Start::Picker => {
            first.push(Action::PickerLoaded(load_picker(
                data_dir.as_ref(),
                options.lang,
            )));
            None
        }
    };
    // Records an earlier run had to keep away from their sessions' folders: said at once (the
    // one for the session being opened is offered as its recovery copy instead).
    let opened = match start {
        Start::Open(path, _) => Some(path.as_path()),
        Start::Follow(_) | Start::Picker => None,
    };
    first.extend(away::waiting(opened, t).map(Action::Failed));
    warn_if_not_utf8(options.lang);
    let mut shared = Shared::new(app, doc, data_dir);
    for action in first {
        dispatch(&mut shared, action);
    }
    poll_followed(&mut shared);
    let shared = Arc::new(Mutex::new(shared));
    let mut terminal = match setup_terminal() {
        Ok(mut t) => {
            // A 16-colour terminal is sent the classic colour codes, not palette indices.
            t.backend_mut()
                .set_ansi16(look.theme.depth == ui::theme::ColorDepth::Ansi16);
            t
        }
        Err(e) => {
            restore_terminal();
            return Err(format!(
                "{}{}",
                t.msg_terminal_unusable,
                crate::i18n::io_error(&e, options.lang)
            ));
        }
    };
    install_panic_hook(&shared);
    install_signal_handlers(&shared);
    install_tty_watchdog(&shared);
    if let Ok(size) = terminal.size() {
        dispatch(&mut lock(&shared), Action::Resize(size.width, size.height));
    }
    let restore = TerminalGuard;
    // A panic in the loop (drawing, `update`) happens while the loop holds the shared state, so
    // the panic hook cannot reach the record: it is caught here, where the lock has been let go,
    // and the record written beside the session before the panic goes on.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_loop(&mut terminal, &mut TerminalEvents, &shared, &look, &now)
    }));
    let result = match run {
        Ok(result) => result,
        Err(panic) => {
            drop(restore);
            write_recovery(&lock(&shared));
            std::panic::resume_unwind(panic);
        }
    };
    drop(restore);
    leave(&mut lock(&shared), result, t)
}

/// After the loop: what the folder would not take is kept away, the journal folded into the
/// file, and the way out says where the record is.
fn leave(
    shared: &mut Shared,
    result: io::Result<()>,
    t: &crate::i18n::Texts,
) -> Result<ExitCode, String> {
    // Quitting with changes the folder would not take (the user was warned): kept away.
    let kept = away::save_or_keep_away(shared);
    fold_journal(shared);
    if let Some(msg) = kept {
        let _ = writeln!(io::stderr(), "{}", sanitize::one_line(&msg));
    }
    if let Err(e) = result {
        return Err(format!(
            "{}{}",
            t.msg_terminal_failed,
            crate::i18n::io_error(&e, t.lang)
        ));
    }
    say_where_it_is(
        &shared.app,
        shared.saver.doc().and_then(Document::conflict_copy),
    );
    Ok(ExitCode::SUCCESS)
}

/// On the way out: the session's file, whether it is saved, and how far the meeting got; after
/// someone else changed the file, the conflict copy that holds this record.
fn say_where_it_is(app: &App, conflict_copy: Option<&std::path::Path>) {
    let t = app.t();
    if let Some(copy) = conflict_copy.filter(|p| p.is_file()) {
        println!(
            "{}{}",
            t.msg_quit_conflict,
            sanitize::one_line(&copy.display().to_string())
        );
        // The session's file is someone else's version: it is not this record.
        return;
    }
    if let Some(w) = &app.walk {
        let p = Progress::of_session(&w.session);
        let state = if w.read_only {
            t.read_only
        } else if w.save.dirty {
            t.unsaved
        } else {
            t.saved
        };
        println!(
            "{state}: {} ({}/{})",
            sanitize::one_line(&w.path.display().to_string()),
            p.answered,
            p.total
        );
    }
}

/// Gives the terminal back when dropped: on the way out, and while a panic unwinds.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn install_panic_hook(shared: &Arc<Mutex<Shared>>) {
    let shared = Arc::clone(shared);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The message is printed on the normal screen.
        restore_terminal();
        // A thread other than the loop's (which is caught in `start`) may panic while the lock
        // is free; the one holding it is not waited for.
        if let Ok(guard) = shared.try_lock() {
            write_recovery(&guard);
        }
        previous(info);
    }));
}

/// Writes the record beside the session as `NAME.json.recovery` after a crash, with the text
/// being typed into a field.
pub fn write_recovery(shared: &Shared) {
    // The session's path, not the document's: a background save may be holding the document.
    if let Some(w) = &shared.app.walk {
        if w.read_only {
            return;
        }
        let Some(record) = shared.app.record_with_typing() else {
            return;
        };
        let path = recovery_path(&w.path);
        let bytes = crate::store::to_json(&record);
        // Where the folder does not take it (full, read-only, someone else's file at that name
        // in a sticky folder), it goes where the user can write, as on any way out.
        let path = if crate::store::write_new_file(&path, &bytes).is_ok() {
            path
        } else {
            let places = crate::store::recovery::places();
            match crate::store::recovery::write_away(&w.path, &bytes, &places) {
                Ok(p) => p.copy,
                Err(e) => {
                    let e = crate::i18n::store_error(&e, shared.app.lang);
                    let _ = writeln!(io::stderr(), "selfcheck: {}", sanitize::one_line(&e));
                    return;
                }
            }
        };
        let _ = writeln!(
            io::stderr(),
            "selfcheck: recovery copy written to {}",
            sanitize::one_line(&path.display().to_string())
        );
    }
}

/// A key event as typed.
pub fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}
