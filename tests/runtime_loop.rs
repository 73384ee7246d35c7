//! Tier 3: the real event loop over ratatui's `TestBackend` with a scripted event source and a
//! real session file: keys in, file out.

mod common;
mod ui_support;

use std::collections::VecDeque;
use std::io;
use std::sync::Mutex;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use selfcheck::app::{Action, App};
use selfcheck::model::Field;
use selfcheck::runtime::{EventSource, Shared, open_document, run_loop};
use selfcheck::store::{DataDir, Document, OpenMode, load_session};
use selfcheck::ui::{Look, Theme};
use ui_support::{keys, session, t0};

/// Hands out a script in batches: each inner list arrives at once (like an input method's
/// burst), then the source reports a quiet poll.
struct Script {
    batches: VecDeque<VecDeque<Event>>,
    quiet_polls: usize,
}

impl Script {
    fn new(batches: Vec<Vec<Event>>) -> Self {
        Self {
            batches: batches.into_iter().map(VecDeque::from).collect(),
            quiet_polls: 0,
        }
    }
}

impl EventSource for Script {
    fn next(&mut self, _timeout: Duration) -> io::Result<Option<Event>> {
        if let Some(batch) = self.batches.front_mut() {
            if let Some(ev) = batch.pop_front() {
                return Ok(Some(ev));
            }
            self.batches.pop_front();
            return Ok(None);
        }
        self.quiet_polls += 1;
        assert!(self.quiet_polls < 1000, "the script ended without quitting");
        Ok(None)
    }
}

fn key_events(script: &str) -> Vec<Event> {
    keys(script).into_iter().map(Event::Key).collect()
}

fn ctrl_q() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL))
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf, Mutex<Shared>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("meeting.json");
    drop(Document::create(&path, &session("gov")).expect("create"));
    let lang = selfcheck::i18n::Lang::Zh;
    let (doc, opened) =
        open_document(&path, OpenMode::Edit, selfcheck::i18n::texts(lang)).expect("open");
    let mut app = App::new(lang, t0(), ratatui::layout::Rect::new(0, 0, 100, 30));
    app.update(Action::Opened(Box::new(opened)));
    let shared = Mutex::new(Shared::new(app, Some(doc), Some(DataDir::at(dir.path()))));
    (dir, path, shared)
}

fn run(shared: &Mutex<Shared>, batches: Vec<Vec<Event>>) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(100, 30)).expect("backend");
    let look = Look {
        theme: Theme::dark(),
        ascii: false,
    };
    run_loop(&mut term, &mut Script::new(batches), shared, &look, &t0).expect("loop");
    term
}

#[test]
fn keys_typed_into_the_loop_reach_the_file_on_quit() {
    let (_dir, path, shared) = setup();
    let typed = key_events("安全生产责任制");
    run(
        &shared,
        vec![
            key_events("1<down>3<enter>"),
            typed,
            vec![Event::Paste("\r\n第二行".into())],
            key_events("<esc>"),
            vec![ctrl_q()],
        ],
    );
    let saved = load_session(&path).expect("saved file loads");
    assert_eq!(saved.status("gov-1-1"), Some("done"));
    assert_eq!(saved.status("gov-1-2"), Some("not_done"));
    assert_eq!(
        Field::Evidence.get(saved.answer("gov-1-2").expect("answer")),
        "安全生产责任制\n第二行"
    );
    assert!(
        path.with_file_name("meeting.json.bak").exists(),
        "previous version kept"
    );
}

#[test]
fn an_input_method_burst_is_one_undo_step_through_the_loop() {
    let (_dir, path, shared) = setup();
    let burst = key_events("对照检查");
    run(
        &shared,
        vec![
            key_events("<enter>"),
            key_events("ab"),
            burst,
            key_events("<c-z>"),
            key_events("<esc>"),
            vec![ctrl_q()],
        ],
    );
    let saved = load_session(&path).expect("saved");
    // "a" and "b" arrived together, so they are one step as well; the burst after them is
    // undone whole.
    assert_eq!(
        Field::Evidence.get(saved.answer("gov-1-1").expect("answer")),
        "ab"
    );
}

#[test]
fn the_screen_shows_what_is_being_typed_and_quitting_saves_it() {
    let (_dir, path, shared) = setup();
    // Quit while the field is still open: the last frame shows the editor with the text, and
    // quitting puts the text into the record before saving.
    let term = run(
        &shared,
        vec![
            key_events("2<enter>"),
            key_events("现场检查记录"),
            vec![ctrl_q()],
        ],
    );
    let buf = term.backend().buffer();
    let text: String = buf
        .content
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .filter(|s| *s != " ")
        .collect();
    assert!(
        text.contains("现场检查记录"),
        "typed text on screen: {text}"
    );
    assert!(text.contains("编辑中"), "the editor is shown");
    let app = &shared.lock().unwrap().app;
    assert!(
        !app.walk.as_ref().unwrap().save.dirty,
        "saved before quitting"
    );
    let saved = load_session(&path).expect("saved");
    assert_eq!(saved.status("gov-1-1"), Some("partial"));
    assert_eq!(
        Field::Evidence.get(saved.answer("gov-1-1").expect("answer")),
        "现场检查记录"
    );
}

#[test]
fn a_crash_leaves_a_recovery_copy_that_the_next_open_offers() {
    let (dir, path, shared) = setup();
    {
        let mut guard = shared.lock().unwrap();
        guard.app.update(Action::SetStatus(Some(2)));
        // What the panic hook does: write the record beside the session.
        selfcheck::runtime::write_recovery(&guard);
        guard.saver.close();
    }
    let recovery_file = dir.path().join("meeting.json.recovery");
    assert!(recovery_file.exists());
    assert_eq!(
        load_session(&path).unwrap().status("gov-1-1"),
        None,
        "the file itself untouched"
    );
    let t = selfcheck::i18n::texts(selfcheck::i18n::Lang::Zh);
    let (doc, opened) = open_document(&path, OpenMode::Edit, t).expect("reopen");
    let offer = selfcheck::runtime::find_recovery(&doc, &opened.session, t).expect("offered");
    assert_eq!(offer.differences, ["1.1：落实情况"]);
    assert_eq!(offer.session.status("gov-1-1"), Some("not_done"));
    // A copy identical to the file is not offered, and is tidied away.
    drop(doc);
    std::fs::copy(&path, &recovery_file).unwrap();
    let (doc, opened) = open_document(&path, OpenMode::Edit, t).expect("reopen");
    assert!(selfcheck::runtime::find_recovery(&doc, &opened.session, t).is_none());
    assert!(!recovery_file.exists());
}

#[test]
fn the_export_key_writes_the_report_workbook_and_ledger_beside_the_session() {
    let (dir, _path, shared) = setup();
    run(
        &shared,
        vec![
            key_events("3<enter><tab>制度执行不到位<tab><tab>修订制度<esc>"),
            key_events("e"),
            vec![ctrl_q()],
        ],
    );
    for name in [
        "meeting.对照检查报告.md",
        "meeting.对照检查报告.docx",
        "meeting.对照检查表.xlsx",
        "meeting.整改台账.csv",
    ] {
        let p = dir.path().join(name);
        assert!(p.metadata().is_ok_and(|m| m.len() > 0), "{name} written");
    }
    let md = std::fs::read_to_string(dir.path().join("meeting.对照检查报告.md")).unwrap();
    assert!(
        md.contains("制度执行不到位") && md.contains("修订制度"),
        "{md}"
    );
}

/// An event source that waits for the disk between batches of keys: it sleeps through each
/// poll's timeout until a condition on the files holds.
struct Paced {
    steps: VecDeque<Step>,
    /// When the condition at the front began to be waited for.
    since: Option<std::time::Instant>,
}

enum Step {
    Keys(Vec<Event>),
    Until(&'static str, Box<dyn FnMut() -> bool + Send>),
}

impl EventSource for Paced {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        loop {
            match self.steps.front_mut() {
                Some(Step::Keys(keys)) => {
                    if keys.is_empty() {
                        self.steps.pop_front();
                        return Ok(None);
                    }
                    return Ok(Some(keys.remove(0)));
                }
                Some(Step::Until(what, ready)) => {
                    if ready() {
                        self.steps.pop_front();
                        self.since = None;
                        continue;
                    }
                    let since = *self.since.get_or_insert_with(std::time::Instant::now);
                    assert!(
                        since.elapsed() < Duration::from_secs(20),
                        "waited 20 s for: {what}"
                    );
                    std::thread::sleep(timeout.min(Duration::from_millis(20)));
                    return Ok(None);
                }
                None => panic!("the script ended without quitting"),
            }
        }
    }
}

#[test]
fn a_large_session_saves_each_change_to_the_journal_and_the_file_when_changes_pause() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.json");
    let (ids, original) = common::large_session(&path);
    let (first, second) = (ids[0].clone(), ids[1].clone());
    // Opened the way the picker opens it.
    let app = App::new(
        selfcheck::i18n::Lang::Zh,
        t0(),
        ratatui::layout::Rect::new(0, 0, 100, 30),
    );
    let mut opening = Shared::new(app, None, None);
    let failed = selfcheck::runtime::perform(
        &mut opening,
        selfcheck::app::Effect::Open {
            path: path.clone(),
            read_only: false,
            follow: false,
        },
    );
    assert!(failed.is_none(), "{failed:?}");
    let shared = Mutex::new(opening);
    let journal = selfcheck::store::journal_path(&path);
    let status_of = |id: String, path: std::path::PathBuf| {
        move || {
            load_session(&path)
                .ok()
                .and_then(|s| s.status(&id).map(str::to_owned))
        }
    };
    let mut seen_journal = false;
    let (j, p, o) = (journal.clone(), path.clone(), original.clone());
    let f1 = first.clone();
    let first_status = status_of(first.clone(), path.clone());
    // The loop goes on while this looks (the journal is written into the file a second after
    // the change), so it looks cheaply: the change in the journal, the file as it was.
    let in_journal_only = move || {
        let file = std::fs::read(&p).expect("file");
        let journal = std::fs::read_to_string(&j).unwrap_or_default();
        assert!(
            file == o || journal.contains(&f1),
            "the file was rewritten before its journal held the change"
        );
        let ready = journal.contains(&f1) && file == o;
        // A reader sees it (in the journal, or in the file once written whole).
        assert!(
            !ready || first_status().is_some(),
            "a reader sees the change"
        );
        ready
    };
    let (j2, p2, f2) = (journal.clone(), path.clone(), first.clone());
    let folded = move || {
        !j2.exists()
            && selfcheck::store::parse_session(&p2, &std::fs::read_to_string(&p2).expect("file"))
                .expect("parses")
                .status(&f2)
                .is_some()
    };
    let j3 = journal.clone();
    let journaled_again = move || {
        seen_journal |= j3.exists();
        seen_journal
    };
    let mut paced = Paced {
        steps: VecDeque::from(vec![
            Step::Keys(key_events("1")),
            Step::Until("the change in the journal", Box::new(in_journal_only)),
            Step::Until("the file written whole after a pause", Box::new(folded)),
            Step::Keys(key_events("<down>3")),
            Step::Until("a new journal", Box::new(journaled_again)),
            Step::Keys(vec![ctrl_q()]),
        ]),
        since: None,
    };
    let mut term = Terminal::new(TestBackend::new(100, 30)).expect("backend");
    let look = Look {
        theme: Theme::dark(),
        ascii: false,
    };
    run_loop(&mut term, &mut paced, &shared, &look, &t0).expect("loop");
    // What `start` does after the loop: the journal goes into the file.
    selfcheck::runtime::emergency_save(&mut shared.lock().unwrap());
    assert!(!journal.exists(), "folded into the file on the way out");
    let text = std::fs::read_to_string(&path).expect("file");
    let saved = selfcheck::store::parse_session(&path, &text).expect("parses");
    assert_eq!(saved.status(&first), Some("done"));
    assert_eq!(saved.status(&second), Some("not_done"));
    assert_eq!(
        saved,
        shared.lock().unwrap().app.walk.as_ref().unwrap().session
    );
}
