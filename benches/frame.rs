//! Criterion benchmarks of the work behind a key press and a save, at the size of the built-in
//! combined checklist (44 checks) and of a synthetic 10,000-check one, every check answered
//! with Chinese notes:
//!
//! - `key_update`: one navigation key (Down, then Up) through `App::update`.
//! - `key_frame`: the same key, then the frame drawn: render, diff against the last frame, and
//!   the bytes for the terminal produced by our backend (`tty`) or ratatui's (`crossterm`).
//! - `load`: a session file read, parsed, validated and opened in the interface.
//! - `save`: `to_json` alone; the durable save of the whole file (`Document::save`: conflict
//!   check, `.bak`, atomic write, fsync) into a folder on the same disk as the data folder; as
//!   the floor under any durable save of the whole file, writing the same bytes to a new file
//!   with fsync, rename and a fsync of the folder; and the save the interface makes of one
//!   changed status: `image_update` (comparing the session with its image and rendering the
//!   change: the part done before a save's thread starts), `journal` (that plus appending the
//!   record to the journal and syncing it: the durable save of a large file), and
//!   `whole_from_image` (that plus writing the whole file from the pieces: the durable save of
//!   a small file, and of a large one when changes pause).
//!
//! `load` and `save` are also measured on the 10,000-check session with the history each answer
//! would have if entered once through the interface (`demo::with_history`, about 4.5 entries
//! per answer), named `10000_history`. Its changed answer keeps a history of 5 to 13 entries
//! (older entries dropped as the loop goes on): a check changed a few times in a meeting, not
//! the tens of thousands of times the loop changes it. `load/10000_history_read` loads it and
//! then reads every answer's history into entries: what a load cost when histories were read
//! whole at once, and what showing or exporting all of them costs now.
//!
//! Run: `cargo bench --bench frame` (add `-- key_frame` to pick).

use std::hint::black_box;
use std::io::{self, Write};

use chrono::{DateTime, FixedOffset};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};
use selfcheck::app::{Action, App, Command, OpenedSession};
use selfcheck::i18n::Lang;
use selfcheck::model::{Session, builtin};
use selfcheck::store::{Changed, Document, Image, OpenMode, load_session, to_json};
use selfcheck::ui::backend::{TtyBackend, Widths};
use selfcheck::ui::{self, Look, Theme};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2023-12-05T09:00:00+08:00").expect("a fixed time")
}

/// The two sizes measured: the built-in combined checklist and 10,000 checks.
fn sessions() -> Vec<(usize, Session)> {
    let full = builtin::get(builtin::FULL_ID).expect("the built-in combined checklist");
    let small = selfcheck::demo::answer_all(full, t0());
    let large = selfcheck::demo::synthetic_session(10_000, t0());
    vec![
        (small.template.check_count(), small),
        (large.template.check_count(), large),
    ]
}

fn look() -> Look {
    Look {
        theme: Theme::dark(),
        ascii: false,
    }
}

/// The session open in the interface at 120x40, the selection well inside the tree.
fn opened(session: &Session) -> App {
    let mut app = App::new(Lang::Zh, t0(), Rect::new(0, 0, WIDTH, HEIGHT));
    app.update(Action::Opened(Box::new(OpenedSession {
        session: session.clone(),
        path: "/tmp/selfcheck-bench.json".into(),
        read_only: false,
        notice: None,
    })));
    for _ in 0..30 {
        app.update(Action::Cmd(Command::MoveDown));
    }
    app
}

fn navigation() -> [Action; 2] {
    [Action::Cmd(Command::MoveDown), Action::Cmd(Command::MoveUp)]
}

fn bench_keys(c: &mut Criterion) {
    let look = look();
    for (n, session) in sessions() {
        let mut group = c.benchmark_group("key_update");
        let mut app = opened(&session);
        let keys = navigation();
        let mut k = 0;
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                k ^= 1;
                black_box(app.update(keys[k].clone()))
            });
        });
        group.finish();

        let mut group = c.benchmark_group("key_frame");
        let mut app = opened(&session);
        let mut term = Terminal::new(TtyBackend::with_size(
            io::sink(),
            Size::new(WIDTH, HEIGHT),
            Widths::from_probe(4),
        ))
        .expect("terminal");
        group.bench_function(BenchmarkId::new("tty", n), |b| {
            b.iter(|| {
                k ^= 1;
                app.update(keys[k].clone());
                term.draw(|f| ui::draw(f, &app, &look)).expect("draw");
            });
        });
        let mut app = opened(&session);
        let mut term = crossterm_terminal();
        group.bench_function(BenchmarkId::new("crossterm", n), |b| {
            b.iter(|| {
                k ^= 1;
                app.update(keys[k].clone());
                term.draw(|f| ui::draw(f, &app, &look)).expect("draw");
            });
        });
        group.finish();
    }
}

/// ratatui's crossterm backend drawing at 120x40 into nothing.
fn crossterm_terminal() -> Terminal<impl Backend<Error = io::Error>> {
    Terminal::with_options(
        CrosstermBackend::new(io::sink()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT)),
        },
    )
    .expect("terminal")
}

#[expect(
    clippy::too_many_lines,
    reason = "one group of file benchmarks, set up side by side"
)]
fn bench_files(c: &mut Criterion) {
    // On the disk the data folder lives on (here /tmp is not a RAM disk; see BENCHMARKS.md).
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files: Vec<(String, usize, Session)> = sessions()
        .into_iter()
        .map(|(n, s)| (n.to_string(), n, s))
        .collect();
    files.push((
        "10000_history".to_owned(),
        10_000,
        selfcheck::demo::with_history(selfcheck::demo::synthetic_session(10_000, t0()), t0()),
    ));
    for (name, n, session) in files {
        let path = dir.path().join(format!("bench-{name}.json"));
        let mut doc = Document::create(&path, &session).expect("create");

        let mut group = c.benchmark_group("load");
        group.sample_size(20);
        group.bench_function(BenchmarkId::from_parameter(&name), |b| {
            b.iter(|| {
                let s = load_session(&path).expect("load");
                let mut app = App::new(Lang::Zh, t0(), Rect::new(0, 0, WIDTH, HEIGHT));
                app.update(Action::Opened(Box::new(OpenedSession {
                    session: s,
                    path: path.clone(),
                    read_only: false,
                    notice: None,
                })));
                black_box(app)
            });
        });
        if name.ends_with("_history") {
            // The same load, then every answer's history read into entries, as the whole of
            // it was read at load before histories were kept as text until needed.
            group.bench_function(BenchmarkId::from_parameter(format!("{name}_read")), |b| {
                b.iter(|| {
                    let s = load_session(&path).expect("load");
                    let entries: usize = s.answers.values().map(|a| a.history.len()).sum();
                    black_box((s, entries))
                });
            });
        }
        group.finish();

        let mut group = c.benchmark_group("save");
        group.sample_size(20);
        group.bench_function(BenchmarkId::new("to_json", &name), |b| {
            b.iter(|| black_box(to_json(&session)));
        });
        group.bench_function(BenchmarkId::new("durable", &name), |b| {
            b.iter(|| doc.save(&session).expect("save"));
        });
        // The floor under any durable save of these bytes on this disk: write a new file,
        // fsync it, rename it over the old one, fsync the folder.
        let bytes = to_json(&session);
        let floor_path = dir.path().join(format!("floor-{name}.json"));
        let tmp_path = dir.path().join(format!("floor-{name}.json.tmp"));
        group.bench_function(BenchmarkId::new("write_fsync_rename_only", &name), |b| {
            b.iter(|| {
                let mut f = std::fs::File::create(&tmp_path).expect("create");
                f.write_all(&bytes).expect("write");
                f.sync_all().expect("fsync");
                std::fs::rename(&tmp_path, &floor_path).expect("rename");
                std::fs::File::open(dir.path())
                    .and_then(|d| d.sync_all())
                    .expect("fsync the folder");
            });
        });
        // One status change per save, as a key makes it: a check in the middle goes back and
        // forth between two answers.
        let mut image = Image::read(&path, doc.fingerprint().expect("written")).expect("image");
        let mut edited = session.clone();
        let middle = edited
            .template
            .checks()
            .nth(n / 2)
            .map(|(_, c)| c.id.clone())
            .expect("a check");
        let base = edited.answers.get(&middle).map_or(0, |a| a.history.len());
        let mut flip = 0_u32;
        let mut change = move |s: &mut Session| {
            flip += 1;
            let status = if flip.is_multiple_of(2) {
                "done"
            } else {
                "partial"
            };
            s.set_status(&middle, Some(status), t0()).expect("status");
            // Each change adds a history entry; keep the answer's history the size a check
            // changed a few times in a meeting has.
            if let Some(a) = s.answers.get_mut(&middle)
                && a.history.len() > base + 8
            {
                a.history.entries_mut().truncate(base);
            }
            // What the interface hands the save: the one answer it changed.
            let mut changed = Changed::default();
            changed.answer(&middle);
            changed
        };
        group.bench_function(BenchmarkId::new("image_update", &name), |b| {
            b.iter(|| {
                let changed = change(&mut edited);
                black_box(image.update(&edited, &changed))
            });
        });
        group.bench_function(BenchmarkId::new("journal", &name), |b| {
            b.iter(|| {
                let changed = change(&mut edited);
                let record = image.update(&edited, &changed).expect("a change");
                doc.append_journal(&record).expect("append");
            });
        });
        group.bench_function(BenchmarkId::new("whole_from_image", &name), |b| {
            b.iter(|| {
                let changed = change(&mut edited);
                image.update(&edited, &changed);
                doc.save_text(&image.text(&edited)).expect("save");
            });
        });
        group.finish();
        drop(doc);
        let (_doc, _) = Document::open(&path, OpenMode::ReadOnly).expect("still readable");
    }
}

criterion_group!(benches, bench_keys, bench_files);
criterion_main!(benches);
