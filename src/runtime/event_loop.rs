//! The event loop: it waits on input, the Saver's results and the clock together, feeds
//! events through the keymap and `App::update`, and draws after a change. Generic over the
//! ratatui backend and the event source, so tests drive it without a terminal.
//!
//! Input is read on a thread of its own (the pump), in batches: it asks the source for more only
//! after the loop has taken the previous batch in, so a batch is what had arrived by then (an
//! input method's burst, a paste), as when the loop read the terminal itself.

use std::io;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use crossterm::event::{self, Event, KeyCode, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::Backend;

use super::effects::perform;
use super::follow::{poll_followed, publish_presence};
use super::saver::Record;
use super::{Shared, Wake, lock};
use crate::action::{Action, Effect};
use crate::app::{App, Screen};
use crate::keymap;
use crate::ui::{self, Look};

/// Where events come from: the terminal, or a script in tests.
pub trait EventSource {
    /// The next event, or `None` when `timeout` passes without one.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
}

/// Events from the real terminal.
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if event::poll(timeout)? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    }
}

/// Feeds one action through `update` and every effect that follows. Returns false to quit.
pub fn dispatch(shared: &mut Shared, action: Action) -> bool {
    let mut next = Some(action);
    while let Some(a) = next.take() {
        match shared.app.update(a) {
            None => {}
            Some(Effect::Quit) => return false,
            Some(effect) => next = perform(shared, effect),
        }
    }
    true
}

/// Feeds a batch of terminal events through the keymap and `update`. The keymap context is
/// read afresh for every key (Enter may have opened an editor), and a run of plain characters
/// typed into text (an input method committing a phrase) becomes one insert: one undo step.
/// Returns false to quit.
pub fn feed(shared: &mut Shared, events: Vec<Event>) -> bool {
    let mut burst = String::new();
    let mut run: Vec<KeyEvent> = Vec::new();
    let mut run_ctx = None;
    for ev in events {
        let ctx = shared.app.context();
        if let Event::Key(k) = &ev
            && keymap::is_plain_char(k)
        {
            if ctx.takes_text() && keymap::lookup(ctx, k).is_none() {
                if let KeyCode::Char(c) = k.code {
                    burst.push(c);
                }
                continue;
            }
            if keymap::reads_typing(ctx) {
                run_ctx = Some(ctx);
                run.push(*k);
                continue;
            }
        }
        if !flush_run(shared, &mut run, &mut run_ctx) {
            return false;
        }
        if !burst.is_empty() && !dispatch(shared, Action::InsertText(std::mem::take(&mut burst))) {
            return false;
        }
        #[cfg(debug_assertions)]
        debug_panic(&ev);
        let ctx = shared.app.context();
        let action = match ev {
            Event::Key(k) => keymap::dispatch(ctx, &k),
            Event::Paste(s) => Some(Action::Paste(s)),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            _ => None,
        };
        if let Some(a) = action
            && !dispatch(shared, a)
        {
            return false;
        }
    }
    flush_run(shared, &mut run, &mut run_ctx)
        && (burst.is_empty() || dispatch(shared, Action::InsertText(burst)))
}

/// Sends a run of characters gathered on the walk-through: as one text when it is text, else
/// key by key (each read in the context the previous one left).
fn flush_run(
    shared: &mut Shared,
    run: &mut Vec<KeyEvent>,
    run_ctx: &mut Option<keymap::Ctx>,
) -> bool {
    let Some(ctx) = run_ctx.take() else {
        return true;
    };
    let keys = std::mem::take(run);
    if let Some(text) = keymap::burst_text(ctx, &keys) {
        return dispatch(shared, Action::InsertText(text));
    }
    for k in keys {
        let ctx = shared.app.context();
        if let Some(a) = keymap::dispatch(ctx, &k)
            && !dispatch(shared, a)
        {
            return false;
        }
    }
    true
}

/// For tests of what a crash leaves behind: in debug builds, with `SELFCHECK_DEBUG_PANIC` set,
/// F12 panics inside the loop, while it holds the shared state.
#[cfg(debug_assertions)]
fn debug_panic(ev: &Event) {
    if matches!(ev, Event::Key(k) if k.code == KeyCode::F(12))
        && std::env::var_os("SELFCHECK_DEBUG_PANIC").is_some()
    {
        panic!("SELFCHECK_DEBUG_PANIC: F12 pressed");
    }
    // For the test of a signal that arrives while the loop is stuck in I/O: with
    // `SELFCHECK_DEBUG_HANG` set, F11 stops the loop for good while it holds the shared state.
    if matches!(ev, Event::Key(k) if k.code == KeyCode::F(11))
        && std::env::var_os("SELFCHECK_DEBUG_HANG").is_some()
    {
        loop {
            std::thread::park();
        }
    }
}

/// The record as the interface holds it, for the Saver.
pub(super) fn record(app: &App) -> Option<Record<'_>> {
    app.walk.as_ref().map(|w| Record {
        session: &w.session,
        seq: w.save.change_seq,
    })
}

/// Runs the interface until it quits. Draws only after a change, and once a second for the
/// meeting clock.
pub fn run_loop<B: Backend, E: EventSource + Send>(
    terminal: &mut Terminal<B>,
    events: &mut E,
    shared: &Mutex<Shared>,
    look: &Look,
    clock: &dyn Fn() -> DateTime<FixedOffset>,
) -> io::Result<()> {
    let (inbox, wake) = {
        let mut guard = lock(shared);
        (guard.inbox.take(), guard.saver.waker())
    };
    let Some(inbox) = inbox else {
        return Err(io::Error::other("the interface is already running"));
    };
    let result = std::thread::scope(|scope| {
        let (more, asked) = std::sync::mpsc::channel();
        scope.spawn(move || pump(events, &wake, &asked));
        serve(terminal, &inbox, &more, shared, look, clock)
        // `more` goes here, which ends the pump.
    });
    lock(shared).inbox = Some(inbox);
    result
}

/// How long the pump waits for input before looking whether the loop has ended.
const PUMP_WAIT: Duration = Duration::from_millis(500);

/// Reads input in batches and sends them to the loop, one batch at a time: the next is read
/// once the loop has taken the last in (`asked`). Ends when the loop has ended, or with the
/// source's error.
fn pump<E: EventSource>(events: &mut E, wake: &Sender<Wake>, asked: &Receiver<()>) {
    /// Tells the loop the input has ended, however the pump ends (a panicking source too).
    struct Ended<'a>(&'a Sender<Wake>);
    impl Drop for Ended<'_> {
        fn drop(&mut self) {
            let _ = self.0.send(Wake::InputEnded(None));
        }
    }
    let _ended = Ended(wake);
    loop {
        let first = match events.next(PUMP_WAIT) {
            Ok(Some(ev)) => ev,
            Ok(None) => {
                if matches!(
                    asked.try_recv(),
                    Err(std::sync::mpsc::TryRecvError::Disconnected)
                ) {
                    return;
                }
                continue;
            }
            Err(e) => {
                let _ = wake.send(Wake::InputEnded(Some(e)));
                return;
            }
        };
        let mut batch = vec![first];
        // Take what has already arrived (an input method's burst, a paste, key repeat).
        while batch.len() < 4096 {
            match events.next(Duration::ZERO) {
                Ok(Some(ev)) => batch.push(ev),
                Ok(None) => break,
                Err(e) => {
                    let _ = wake.send(Wake::InputEnded(Some(e)));
                    return;
                }
            }
        }
        if wake.send(Wake::Input(batch)).is_err() || asked.recv().is_err() {
            return;
        }
    }
}

/// The loop proper: waits for the next of input, a background thread's end, or the clock.
fn serve<B: Backend>(
    terminal: &mut Terminal<B>,
    inbox: &Receiver<Wake>,
    more: &Sender<()>,
    shared: &Mutex<Shared>,
    look: &Look,
    clock: &dyn Fn() -> DateTime<FixedOffset>,
) -> io::Result<()> {
    let mut dirty_screen = true;
    // Followers learn at once that someone is editing, and where.
    publish_presence(&mut lock(shared), false);
    let mut last_second = clock().timestamp();
    let mut last_tick = Instant::now();
    loop {
        if dirty_screen {
            let guard = lock(shared);
            terminal
                .draw(|f| ui::draw(f, &guard.app, look))
                .map_err(|e| io::Error::other(e.to_string()))?;
            dirty_screen = false;
        }
        let wait = {
            let guard = lock(shared);
            // With nothing pending, wake only when the meeting clock's second turns.
            let mut wait = if nothing_pending(&guard) {
                until_next_second(clock())
            } else {
                TICK.saturating_sub(last_tick.elapsed())
            };
            if let Some(due) = guard.saver.due_at() {
                wait = wait.min(due.saturating_duration_since(Instant::now()));
            }
            wait
        };
        let woken = match inbox.recv_timeout(wait) {
            Ok(w) => Some(w),
            Err(RecvTimeoutError::Timeout) => None,
            // The Saver holds a sender as long as the loop runs.
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        let mut guard = lock(shared);
        let now = clock();
        match woken {
            Some(Wake::Input(batch)) => {
                if !dispatch(&mut guard, Action::Tick(now)) || !feed(&mut guard, batch) {
                    publish_presence(&mut guard, true);
                    return Ok(());
                }
                publish_presence(&mut guard, false);
                dirty_screen = true;
                let _ = more.send(());
            }
            Some(Wake::InputEnded(error)) => {
                return Err(error.unwrap_or_else(|| io::Error::other("the input has ended")));
            }
            Some(Wake::Saver(ticket)) => {
                let Shared { app, saver, .. } = &mut *guard;
                if let Some(action) = saver.on_wake(ticket, record(app)) {
                    if !dispatch(&mut guard, action) {
                        return Ok(());
                    }
                    dirty_screen = true;
                }
            }
            None => {}
        }
        if last_tick.elapsed() >= TICK || now.timestamp() != last_second {
            last_tick = Instant::now();
            let before = guard.app.walk.as_ref().map(|w| w.save.clone());
            if !dispatch(&mut guard, Action::Tick(now)) {
                publish_presence(&mut guard, true);
                return Ok(());
            }
            if poll_followed(&mut guard) {
                dirty_screen = true;
            }
            // What changed without a key (a save that moved the file elsewhere) reaches
            // followers too; an unchanged note is not written again.
            publish_presence(&mut guard, false);
            let Shared { app, saver, .. } = &mut *guard;
            if let Some(action) = saver.tick(record(app), Instant::now())
                && !dispatch(&mut guard, action)
            {
                return Ok(());
            }
            let after = guard.app.walk.as_ref().map(|w| w.save.clone());
            let shows_clock = guard.app.walk.is_some()
                && matches!(guard.app.screen, Screen::Walk | Screen::Summary);
            if before != after || (shows_clock && now.timestamp() != last_second) {
                dirty_screen = true;
            }
            last_second = now.timestamp();
        }
    }
}

/// How often the clock reaches `update` while something is pending (typing to put into the
/// record, a save due).
const TICK: Duration = Duration::from_millis(250);

/// Whether the loop may sleep until the clock's next second: nothing being saved or due to be,
/// no text waiting in an editor, nobody followed.
fn nothing_pending(shared: &Shared) -> bool {
    !shared.saver.pending()
        && shared.app.walk.as_ref().is_none_or(|w| {
            w.follow.is_none() && !w.save.dirty && w.editor.as_ref().is_none_or(|e| !e.pending)
        })
}

/// From `now` to just after the next whole second.
fn until_next_second(now: DateTime<FixedOffset>) -> Duration {
    let into = Duration::from_nanos(u64::from(now.timestamp_subsec_nanos()));
    Duration::from_secs(1).saturating_sub(into) + Duration::from_millis(2)
}
