//! The real release binary in a pseudo-terminal (portable-pty), its output timed as it arrives
//! and read back with a terminal emulator (vt100), measured against the budgets of issue 6:
//!
//! 1. Start to a settled first screen at 120x40: `selfcheck open` on a session of the built-in
//!    combined checklist (44 checks), side by side with `vim -u NONE` opening the same session's
//!    report as Markdown; and on a synthetic 10,000-check session, with its peak memory.
//! 2. One navigation key to a settled screen: latency, bytes written, and the floor (the UTF-8
//!    bytes of the cells whose glyph or colour changed), on Chinese and on ASCII screens.
//! 3. Idle: what is written, and the CPU used, while nobody types.
//! 4. Keys that save the 10,000-check session (a status change saves at once): when the
//!    screen answers the key, and when the footer turns from 未保存 (unsaved) to 已保存 (saved),
//!    which the program shows once the change is durably on disk (in the journal, synced);
//!    then, after a pause, when the whole file has been written (its inode changes).
//! 5. `selfcheck summary` over 5,000 session files.
//!
//! Settle criteria. Output is timed per read from the pty. A *burst* ends where the program
//! writes nothing for 50 ms. The first screen is settled at the end of the first burst after
//! which the screen shows the expected text (the unit and the first check; for vim the file's
//! first line and its name in the message line); the program is then left alone until it has
//! written nothing for 500 ms. A key's screen is settled at its last write once 60 ms have
//! passed without output; its output is cut into bursts at gaps of 3 ms or more, and a burst
//! that changed nothing but the meeting clock's row (a tick that fell in the window) is not
//! counted as the key's, neither in time nor in bytes nor in the floor. The terminal's replies
//! to cursor position queries (`ESC [ 6 n`) are answered from the emulated screen, as a
//! terminal would. Files go to a temporary folder (`TMPDIR`, here on the ext4 disk); the session
//! file, its lock and the presence note written on every move are on that disk.
//!
//! Run: `cargo bench --bench pty_harness` (builds the release binary first). Options after
//! `--`: `--quick` (one run, 40 keys, 200 summary files: a smoke of the harness, not a
//! measurement), `--runs N` (default 7), `--keys N` (default 400), `--summary-files N`
//! (default 5000), `--idle-secs N` (default 10), `--no-vim`, `--no-summary`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use selfcheck::model::{Session, builtin};

const COLS: u16 = 120;
const ROWS: u16 = 40;
const BURST_GAP: Duration = Duration::from_millis(50);
const START_QUIET: Duration = Duration::from_millis(500);
const KEY_GAP: Duration = Duration::from_millis(3);
const KEY_QUIET: Duration = Duration::from_millis(60);

const DOWN: &[u8] = b"\x1b[B";
const UP: &[u8] = b"\x1b[A";
const LEFT: &[u8] = b"\x1b[D";
const RIGHT: &[u8] = b"\x1b[C";
const HOME: &[u8] = b"\x1b[H";
const END: &[u8] = b"\x1b[F";

struct Options {
    runs: usize,
    keys: usize,
    summary_files: usize,
    idle_secs: u64,
    vim: bool,
    summary: bool,
}

impl Options {
    fn parse() -> Self {
        let mut o = Options {
            runs: 7,
            keys: 400,
            summary_files: 5000,
            idle_secs: 10,
            vim: true,
            summary: true,
        };
        let mut args = std::env::args().skip(1);
        while let Some(a) = args.next() {
            let mut number = || {
                args.next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| panic!("{a} takes a number"))
            };
            match a.as_str() {
                "--quick" => {
                    o.runs = 1;
                    o.keys = 40;
                    o.summary_files = 200;
                    o.idle_secs = 3;
                }
                "--runs" => o.runs = number(),
                "--keys" => o.keys = number(),
                "--summary-files" => o.summary_files = number(),
                "--idle-secs" => o.idle_secs = number() as u64,
                "--no-vim" => o.vim = false,
                "--no-summary" => o.summary = false,
                // cargo bench passes --bench; criterion-style filters are not used here.
                _ => {}
            }
        }
        o
    }
}

/// One read from the pty and when it arrived.
#[derive(Clone)]
struct Chunk {
    at: Instant,
    bytes: Vec<u8>,
}

type SharedWriter = Arc<Mutex<Box<dyn Write + Send>>>;

fn parser() -> vt100::Parser {
    let nz = |n| std::num::NonZeroU16::new(n).expect("non-zero");
    vt100::Parser::new(nz(ROWS), nz(COLS), 0)
}

/// Reads the program's output, timing each read, and answers cursor position queries from an
/// emulated screen of its own.
#[expect(
    clippy::needless_pass_by_value,
    reason = "the thread owns what it is given"
)]
fn read_output(
    mut from: Box<dyn Read + Send>,
    chunks: Arc<Mutex<Vec<Chunk>>>,
    answer: SharedWriter,
) {
    let mut vt = parser();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let at = Instant::now();
        let data = &buf[..n];
        let mut start = 0;
        while let Some(i) = find(&data[start..], b"\x1b[6n") {
            let end = start + i + 4;
            vt.process(&data[start..end]);
            start = end;
            let (row, col) = vt.screen().cursor_position();
            let reply = format!("\x1b[{};{}R", row + 1, col + 1);
            let mut w = answer.lock().expect("writer");
            let _ = w.write_all(reply.as_bytes());
            let _ = w.flush();
        }
        vt.process(&data[start..]);
        chunks.lock().expect("chunks").push(Chunk {
            at,
            bytes: data.to_vec(),
        });
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A program running in a 120x40 pty.
struct Running {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: SharedWriter,
    chunks: Arc<Mutex<Vec<Chunk>>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    spawned: Instant,
    pid: u32,
    /// The screen as of the chunks fed so far.
    vt: vt100::Parser,
    fed: usize,
}

impl Running {
    fn spawn(program: &Path, args: &[&str], cwd: &Path) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("LANG", "C.UTF-8");
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", cwd);
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("SELFCHECK_DATA_DIR");
        let reader = pty.master.try_clone_reader().expect("reader");
        let writer: SharedWriter = Arc::new(Mutex::new(pty.master.take_writer().expect("writer")));
        let chunks = Arc::new(Mutex::new(Vec::new()));
        {
            let chunks = Arc::clone(&chunks);
            let writer = Arc::clone(&writer);
            std::thread::spawn(move || read_output(reader, chunks, writer));
        }
        let spawned = Instant::now();
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let pid = child.process_id().expect("pid");
        Self {
            child,
            writer,
            chunks,
            _master: pty.master,
            spawned,
            pid,
            vt: parser(),
            fed: 0,
        }
    }

    fn len(&self) -> usize {
        self.chunks.lock().expect("chunks").len()
    }

    fn chunks(&self, from: usize, to: usize) -> Vec<Chunk> {
        self.chunks.lock().expect("chunks")[from..to].to_vec()
    }

    /// Waits until something arrived after chunk `since` and then nothing for `quiet` (or
    /// `limit` passed); returns the number of chunks then.
    fn wait_quiet(&self, since: usize, quiet: Duration, limit: Duration) -> usize {
        let start = Instant::now();
        loop {
            {
                let c = self.chunks.lock().expect("chunks");
                if c.len() > since && c.last().is_some_and(|l| l.at.elapsed() >= quiet) {
                    return c.len();
                }
                if start.elapsed() > limit {
                    return c.len();
                }
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn feed(&mut self, chunks: &[Chunk]) {
        for c in chunks {
            self.vt.process(&c.bytes);
        }
        self.fed += chunks.len();
    }

    fn feed_all(&mut self) {
        let all = self.chunks(self.fed, self.len());
        self.feed(&all);
    }

    fn send(&self, bytes: &[u8]) -> Instant {
        let mut w = self.writer.lock().expect("writer");
        let at = Instant::now();
        w.write_all(bytes).expect("write to pty");
        w.flush().expect("flush");
        at
    }

    fn status_kb(&self, field: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// User plus system CPU time so far, in clock ticks (1/100 s here).
    fn cpu_ticks(&self) -> Option<u64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).ok()?;
        let after = &stat[stat.rfind(')')? + 2..];
        let f: Vec<&str> = after.split_whitespace().collect();
        Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
    }

    /// CPU time on the run queue so far, in nanoseconds, summed over the process's threads
    /// (`/proc/PID/task/*/schedstat`); finer than the 10 ms clock ticks of `cpu_ticks`. Threads
    /// that ended are not counted.
    fn cpu_ns(&self) -> Option<u64> {
        let tasks = std::fs::read_dir(format!("/proc/{}/task", self.pid)).ok()?;
        let mut total = 0;
        for t in tasks.filter_map(Result::ok) {
            let text = std::fs::read_to_string(t.path().join("schedstat")).ok()?;
            total += text.split_whitespace().next()?.parse::<u64>().ok()?;
        }
        Some(total)
    }

    fn quit(mut self, keys: &[u8]) {
        self.send(keys);
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        panic!("the program did not quit");
    }
}

fn screen_text(vt: &vt100::Parser) -> String {
    vt.screen().contents().replace([' ', '\n'], "")
}

struct Startup {
    ms: f64,
    hwm_kb: Option<u64>,
}

/// Starts a program and times its first settled screen.
fn startup(program: &Path, args: &[&str], cwd: &Path, expect: &[&str], quit: &[u8]) -> Startup {
    let mut run = Running::spawn(program, args, cwd);
    let end = run.wait_quiet(0, START_QUIET, Duration::from_secs(30));
    let chunks = run.chunks(0, end);
    let mut vt = parser();
    let mut settled = None;
    for (i, c) in chunks.iter().enumerate() {
        vt.process(&c.bytes);
        let burst_ends = chunks
            .get(i + 1)
            .is_none_or(|next| next.at.duration_since(c.at) >= BURST_GAP);
        let text = screen_text(&vt);
        if burst_ends && expect.iter().all(|e| text.contains(&e.replace(' ', ""))) {
            settled = Some(c.at);
            break;
        }
    }
    let settled = settled.unwrap_or_else(|| {
        panic!(
            "{} never showed {expect:?}:\n{}",
            program.display(),
            vt.screen().contents()
        )
    });
    let hwm_kb = run.status_kb("VmHWM");
    let spawned = run.spawned;
    run.feed_all();
    run.quit(quit);
    Startup {
        ms: ms(settled.duration_since(spawned)),
        hwm_kb,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Bytes of the cells whose glyph or colour changed between two screens: the least any
/// program must send to make the change.
fn floor(before: &vt100::Screen, after: &vt100::Screen) -> usize {
    let mut total = 0;
    for row in 0..ROWS {
        for col in 0..COLS {
            let (Some(a), Some(b)) = (after.cell(row, col), before.cell(row, col)) else {
                continue;
            };
            if a.is_wide_continuation() {
                continue;
            }
            let changed = a.contents() != b.contents()
                || a.is_wide() != b.is_wide()
                || a.fgcolor() != b.fgcolor()
                || a.bgcolor() != b.bgcolor()
                || a.bold() != b.bold()
                || a.italic() != b.italic()
                || a.inverse() != b.inverse()
                || a.underline() != b.underline();
            if changed {
                total += a.contents().len().max(1);
            }
        }
    }
    total
}

struct KeySample {
    key: &'static [u8],
    /// NaN when the key wrote nothing.
    ms: f64,
    bytes: usize,
    floor: usize,
}

/// Sends each key once the screen has settled, and measures its response.
fn press(run: &mut Running, keys: &[&'static [u8]]) -> Vec<KeySample> {
    let mut out = Vec::new();
    for key in keys {
        run.feed_all();
        let since = run.len();
        let before = run.vt.screen().clone();
        let sent = run.send(key);
        let end = run.wait_quiet(since, KEY_QUIET, Duration::from_secs(5));
        let chunks = run.chunks(since, end);
        if chunks.is_empty() {
            // Nothing written: counted as a key that changed nothing, left out of the times.
            out.push(KeySample {
                key,
                ms: f64::NAN,
                bytes: 0,
                floor: 0,
            });
            continue;
        }
        // Bursts, and which of them only redrew the meeting clock (a tick that happened to
        // fall in the window): those are not the key's.
        let mut last = sent;
        let (mut bytes, mut clock_floor) = (0, 0);
        let mut start = 0;
        while start < chunks.len() {
            let end = chunks[start..]
                .windows(2)
                .position(|w| w[1].at.duration_since(w[0].at) >= KEY_GAP)
                .map_or(chunks.len(), |i| start + i + 1);
            let burst = &chunks[start..end];
            let prior = run.vt.screen().clone();
            run.feed(burst);
            let changed = changed_rows(&prior, run.vt.screen());
            if changed.iter().all(|r| *r == CLOCK_ROW) && !changed.is_empty() {
                clock_floor += floor(&prior, run.vt.screen());
            } else {
                last = burst.last().map_or(last, |c| c.at);
                bytes += burst.iter().map(|c| c.bytes.len()).sum::<usize>();
            }
            start = end;
        }
        out.push(KeySample {
            key,
            ms: ms(last.duration_since(sent)),
            bytes,
            floor: floor(&before, run.vt.screen()).saturating_sub(clock_floor),
        });
    }
    out
}

/// The screen row of the meeting clock (the header's second line).
const CLOCK_ROW: u16 = 1;

/// Rows in which some cell differs.
fn changed_rows(before: &vt100::Screen, after: &vt100::Screen) -> Vec<u16> {
    (0..ROWS)
        .filter(|&row| {
            (0..COLS).any(|col| {
                let (a, b) = (after.cell(row, col), before.cell(row, col));
                a.map(|c| (c.contents(), c.fgcolor(), c.bgcolor(), c.inverse()))
                    != b.map(|c| (c.contents(), c.fgcolor(), c.bgcolor(), c.inverse()))
            })
        })
        .collect()
}

/// Keys that move the tree's selection, so that every one changes the screen, from the first
/// line of the tree: Down ten times, Left (to the check's item, or folding the item the
/// selection is on), Right (back to its first check, or unfolding it), End (the last line),
/// Up ten times, Home (the first line). (Page Down and Page Up scroll the right pane, which on
/// a short check changes nothing: they are not measured.)
fn navigation(n: usize) -> Vec<&'static [u8]> {
    let mut cycle: Vec<&'static [u8]> = Vec::new();
    cycle.extend(std::iter::repeat_n(DOWN, 10));
    cycle.extend([LEFT, RIGHT, END]);
    cycle.extend(std::iter::repeat_n(UP, 10));
    cycle.push(HOME);
    cycle.into_iter().cycle().take(n).collect()
}

/// The names of the keys measured, for the report.
const KEY_NAMES: [(&[u8], &str); 6] = [
    (DOWN, "Down"),
    (UP, "Up"),
    (LEFT, "Left"),
    (RIGHT, "Right"),
    (HOME, "Home"),
    (END, "End"),
];

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "an index into a short list"
    )]
    let i = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    percentile(&v, 50.0)
}

/// A count as a float (counts here are far below 2^32).
fn float(n: impl TryInto<u32>) -> f64 {
    f64::from(n.try_into().unwrap_or(u32::MAX))
}

fn ratio(a: usize, b: usize) -> f64 {
    float(a) / float(b.max(1))
}

fn mb(kb: Option<u64>) -> f64 {
    kb.map_or(f64::NAN, |k| float(k) / 1024.0)
}

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2023-12-05T09:00:00+08:00").expect("a fixed time")
}

/// Inode and modification time: a durable save replaces the file.
fn file_id(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some((m.ino(), m.modified().ok()?))
}

fn write_session(path: &Path, session: &Session) {
    std::fs::write(path, selfcheck::store::to_json(session)).expect("write a session file");
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    format!("{cores} cores, {cpu}")
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// The files measured, in a temporary folder.
struct Files {
    dir: tempfile::TempDir,
    data: String,
    small: Session,
    large: Session,
    small_path: PathBuf,
    large_path: PathBuf,
    large_en_path: PathBuf,
    md_path: PathBuf,
}

impl Files {
    fn make() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let data = d.join("data");
        std::fs::create_dir_all(&data).expect("data dir");
        // The built-in combined checklist answered, its report as Markdown, and the synthetic
        // 10,000-check session in Chinese and in English.
        let full = builtin::get(builtin::FULL_ID).expect("built-in");
        let small = selfcheck::demo::answer_all(full, t0());
        let large = selfcheck::demo::synthetic_session(10_000, t0());
        let large_en = selfcheck::demo::in_english(large.clone());
        let f = Files {
            data: data.to_str().expect("utf-8 temp path").to_owned(),
            small_path: d.join("full.json"),
            large_path: d.join("s10000.json"),
            large_en_path: d.join("s10000-en.json"),
            md_path: d.join("full.md"),
            dir,
            small,
            large,
        };
        write_session(&f.small_path, &f.small);
        write_session(&f.large_path, &f.large);
        write_session(&f.large_en_path, &large_en);
        std::fs::write(&f.md_path, selfcheck::export::markdown::render(&f.small))
            .expect("markdown");
        f
    }

    fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// `selfcheck open FILE --data-dir DIR`, and more.
    fn open(&self, path: &Path, more: &[&str]) -> Vec<String> {
        let mut v = vec![
            "open".to_owned(),
            path.to_str().expect("utf-8").to_owned(),
            "--data-dir".to_owned(),
            self.data.clone(),
        ];
        v.extend(more.iter().map(|s| (*s).to_owned()));
        v
    }
}

fn size(p: &Path) -> u64 {
    std::fs::metadata(p).map_or(0, |m| m.len())
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// The first words of a session's first check, as the walk-through screen shows them.
fn first_check(s: &Session) -> String {
    s.template.sections[0].items[0].checks[0]
        .text
        .chars()
        .take(12)
        .collect()
}

fn main() {
    let o = Options::parse();
    let selfcheck = PathBuf::from(env!("CARGO_BIN_EXE_selfcheck"));
    let files = Files::make();
    println!("# selfcheck pty harness");
    println!();
    println!(
        "machine: {}; load average at start: {}; binary: {}",
        machine(),
        loadavg(),
        selfcheck.display()
    );
    println!();
    println!(
        "files: full.json {} checks {} B; full.md {} B; s10000.json {} checks {} B",
        files.small.template.check_count(),
        size(&files.small_path),
        size(&files.md_path),
        files.large.template.check_count(),
        size(&files.large_path)
    );
    println!();
    measure_startup(&o, &selfcheck, &files);
    let large_run = measure_keys(&o, &selfcheck, &files);
    measure_idle_and_saves(&o, large_run, &files);
    if o.summary {
        measure_summary(&o, &selfcheck, files.dir());
    }
    println!("load average at end: {}", loadavg());
}

fn measure_startup(o: &Options, selfcheck: &Path, files: &Files) {
    let vim = Path::new("/usr/bin/vim");
    let md_first_line: String = std::fs::read_to_string(&files.md_path)
        .expect("markdown")
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(20)
        .collect();
    let (mut small, mut with_vim, mut large) = (Vec::new(), Vec::new(), Vec::new());
    let small_args = files.open(&files.small_path, &[]);
    let large_args = files.open(&files.large_path, &[]);
    for _ in 0..o.runs {
        small.push(startup(
            selfcheck,
            &strs(&small_args),
            files.dir(),
            &[&files.small.unit.name, &first_check(&files.small)],
            b"\x11",
        ));
        if o.vim && vim.exists() {
            with_vim.push(startup(
                vim,
                &["-u", "NONE", files.md_path.to_str().expect("utf-8")],
                files.dir(),
                &[&md_first_line, "full.md\""],
                b"\x1b:qa!\r",
            ));
        }
        large.push(startup(
            selfcheck,
            &strs(&large_args),
            files.dir(),
            &[&files.large.unit.name, &first_check(&files.large)],
            b"\x11",
        ));
    }
    let med = |v: &[Startup]| median(&v.iter().map(|s| s.ms).collect::<Vec<_>>());
    let rss = |v: &[Startup]| median(&v.iter().map(|s| mb(s.hwm_kb)).collect::<Vec<_>>());
    let all = |v: &[Startup]| {
        v.iter()
            .map(|s| format!("{:.1}", s.ms))
            .collect::<Vec<_>>()
            .join(" ")
    };
    println!(
        "## Start to a settled first screen (120x40), median of {} runs",
        o.runs
    );
    println!();
    println!("| what | median ms | runs (ms) | max RSS (MB, median) |");
    println!("| --- | ---: | --- | ---: |");
    let row = |what: &str, v: &[Startup]| {
        println!("| {what} | {:.1} | {} | {:.1} |", med(v), all(v), rss(v));
    };
    row(
        "selfcheck open, built-in `full` (44 checks, all answered)",
        &small,
    );
    if !with_vim.is_empty() {
        row("vim -u NONE, the same session as Markdown", &with_vim);
    }
    row(
        "selfcheck open, synthetic 10,000 checks, all answered",
        &large,
    );
    println!();
    if !with_vim.is_empty() {
        println!(
            "selfcheck / vim (medians): {:.2}",
            med(&small) / med(&with_vim)
        );
        println!();
    }
}

/// Navigation keys on three screens; returns the 10,000-check run, left open.
fn measure_keys(o: &Options, selfcheck: &Path, files: &Files) -> Running {
    println!(
        "## One navigation key to a settled screen ({} keys: Down x10, Left, Right, End, Up x10, Home, repeated)",
        o.keys
    );
    println!();
    println!(
        "| session | screen | p50 ms | p99 ms | max ms | bytes/key (mean) | floor/key (mean) | bytes / floor |"
    );
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut large_run = None;
    let mut details = Vec::new();
    for (name, path, lang, text) in [
        (
            "built-in full, 44 checks",
            &files.small_path,
            "zh",
            "Chinese",
        ),
        (
            "synthetic, 10,000 checks",
            &files.large_path,
            "zh",
            "Chinese",
        ),
        (
            "synthetic, 10,000 checks",
            &files.large_en_path,
            "en",
            "ASCII (--lang en)",
        ),
    ] {
        let args = files.open(path, &["--lang", lang]);
        let mut run = Running::spawn(selfcheck, &strs(&args), files.dir());
        run.wait_quiet(0, START_QUIET, Duration::from_secs(30));
        let samples = press(&mut run, &navigation(o.keys));
        report_keys(name, text, &samples);
        details.push(format!("- {name}, {text}: {}", per_key(&samples)));
        if path == &files.large_path {
            large_run = Some(run);
        } else {
            run.quit(b"\x11");
        }
    }
    println!();
    for d in details {
        println!("{d}");
    }
    println!();
    large_run.expect("the 10,000-check run")
}

fn measure_idle_and_saves(o: &Options, mut run: Running, files: &Files) {
    run.wait_quiet(run.len(), START_QUIET, Duration::from_secs(3));
    run.feed_all();
    let since = run.len();
    let before = run.vt.screen().clone();
    let cpu0 = run.cpu_ticks();
    let ns0 = run.cpu_ns();
    let t = Instant::now();
    std::thread::sleep(Duration::from_secs(o.idle_secs));
    let cpu1 = run.cpu_ticks();
    let ns1 = run.cpu_ns();
    let secs = t.elapsed().as_secs_f64();
    let chunks = run.chunks(since, run.len());
    let bytes: usize = chunks.iter().map(|c| c.bytes.len()).sum();
    let (mut bursts, mut floors) = (0, 0);
    let mut prev = before;
    for (i, c) in chunks.iter().enumerate() {
        run.feed(std::slice::from_ref(c));
        let ends = chunks
            .get(i + 1)
            .is_none_or(|n| n.at.duration_since(c.at) >= BURST_GAP);
        if ends {
            bursts += 1;
            floors += floor(&prev, run.vt.screen());
            prev = run.vt.screen().clone();
        }
    }
    let cpu_ms = match (cpu0, cpu1) {
        (Some(a), Some(b)) => format!("{}", (b - a) * 10),
        _ => "?".into(),
    };
    println!("## Idle, 10,000-check session, {secs:.1} s");
    println!();
    let cpu_exact = match (ns0, ns1) {
        #[expect(clippy::cast_precision_loss, reason = "nanoseconds to milliseconds")]
        (Some(a), Some(b)) => format!("{:.1}", b.saturating_sub(a) as f64 / 1e6),
        _ => "?".into(),
    };
    println!(
        "redraws: {bursts}; bytes written: {bytes} ({:.0} B/s); floor of the changed cells: {floors} B; CPU used: {cpu_ms} ms (clock ticks of 10 ms), {cpu_exact} ms (schedstat, all threads)",
        float(bytes) / secs
    );
    println!();
    let rss_before = run.status_kb("VmHWM");

    // On the first check, set one status then another, each key timed to the screen's answer
    // and to 已保存 (saved) in the footer. The first save after opening also reads the file's
    // pieces (the image) on another thread: it is reported apart.
    press(&mut run, &[HOME]);
    press(&mut run, &[DOWN, DOWN]);
    let inode_before = file_id(&files.large_path);
    let (mut answered, mut durable) = (Vec::new(), Vec::new());
    let mut first = None;
    for i in 0..o.runs.max(3) * 4 {
        let status: &[u8] = if i % 2 == 0 { b"2" } else { b"3" };
        let Some((shown, saved)) = press_until_saved(&mut run, status) else {
            continue;
        };
        if first.is_none() {
            first = Some((shown, saved));
            continue;
        }
        answered.push(shown);
        durable.push(saved);
        std::thread::sleep(Duration::from_millis(150));
    }
    let rewritten_during = file_id(&files.large_path) != inode_before;
    // Changes pause: the whole file is written within a second or so.
    let paused = Instant::now();
    while file_id(&files.large_path) == inode_before && paused.elapsed() < Duration::from_secs(15) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let whole_after = paused.elapsed();
    let journal = selfcheck::store::journal_path(&files.large_path);
    let rss_after = run.status_kb("VmHWM");
    run.quit(b"\x11");
    println!("## Keys that save the 10,000-check session (a status change saves at once)");
    println!();
    if let Some((shown, saved)) = first {
        println!(
            "first save after opening (the image is read on another thread): screen answered in {shown:.1} ms, saved shown at {saved:.1} ms"
        );
    }
    durable.sort_by(f64::total_cmp);
    answered.sort_by(f64::total_cmp);
    println!(
        "{} later saves: screen answered median {:.1} ms (max {:.1}); saved shown median {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        durable.len(),
        median(&answered),
        answered.last().copied().unwrap_or(0.0),
        median(&durable),
        percentile(&durable, 90.0),
        durable.last().copied().unwrap_or(0.0),
    );
    println!(
        "file rewritten while keys came: {rewritten_during}; written whole {:.2} s after the last key; journal left after quitting: {}",
        whole_after.as_secs_f64(),
        journal.exists()
    );
    println!(
        "max RSS before the saves {:.1} MB, after {:.1} MB",
        mb(rss_before),
        mb(rss_after)
    );
    println!();
}

/// Sends a key that changes the record, and times the screen's first answer and the first
/// screen after it that shows 已保存 (saved) in place of 未保存 (unsaved); `None` when the
/// key changed nothing or saving did not show within 5 s.
fn press_until_saved(run: &mut Running, key: &'static [u8]) -> Option<(f64, f64)> {
    run.feed_all();
    let since = run.len();
    let sent = run.send(key);
    let (mut shown, mut dirty_seen) = (None, false);
    let mut fed = since;
    while sent.elapsed() < Duration::from_secs(5) {
        let now = run.len();
        for c in run.chunks(fed, now) {
            shown.get_or_insert(ms(c.at.duration_since(sent)));
            // One read may hold both frames (unsaved, then saved), and a frame that only
            // turns 未 into 已 is a few bytes: the footer is looked at after every character.
            let mut saved = None;
            for (i, byte) in c.bytes.iter().enumerate() {
                run.vt.process(std::slice::from_ref(byte));
                let char_ends = c.bytes.get(i + 1).is_none_or(|next| next & 0xC0 != 0x80);
                if saved.is_some() || !char_ends {
                    continue;
                }
                let footer = run
                    .vt
                    .screen()
                    .contents_between(ROWS - 2, 0, ROWS - 1, COLS);
                if footer.contains("未保存") {
                    dirty_seen = true;
                } else if dirty_seen && footer.contains("已保存") {
                    saved = Some(ms(c.at.duration_since(sent)));
                }
            }
            run.fed += 1;
            if let Some(saved) = saved {
                run.wait_quiet(since, KEY_QUIET, Duration::from_secs(1));
                run.feed_all();
                return Some((shown.unwrap_or(saved), saved));
            }
        }
        fed = now;
        std::thread::sleep(Duration::from_micros(200));
    }
    None
}

fn measure_summary(o: &Options, selfcheck: &Path, dir: &Path) {
    let sdir = dir.join("summary");
    std::fs::create_dir_all(&sdir).expect("summary dir");
    let templates: Vec<_> = ["gov", "dept", "enterprise"]
        .iter()
        .filter_map(|id| builtin::get(id))
        .collect();
    let mut bytes = 0;
    for i in 0..o.summary_files {
        let mut s = selfcheck::demo::answer_all(templates[i % templates.len()].clone(), t0());
        s.unit.name = format!("单位{:05}", i + 1);
        let p = sdir.join(format!("unit-{i:05}.json"));
        write_session(&p, &s);
        bytes += size(&p);
    }
    let mut times = Vec::new();
    let mut ok = true;
    for _ in 0..o.runs.min(5) {
        let t = Instant::now();
        let out = std::process::Command::new(selfcheck)
            .args([
                "summary",
                sdir.to_str().expect("utf-8"),
                "--today",
                "2024-06-01",
            ])
            .output()
            .expect("run summary");
        times.push(ms(t.elapsed()));
        ok &= out.status.success();
    }
    println!(
        "## selfcheck summary over {} session files ({:.1} MB, page cache warm)",
        o.summary_files,
        float(bytes / 1000) / 1000.0
    );
    println!();
    println!(
        "median {:.0} ms; runs: {}; exit status {}",
        median(&times),
        times
            .iter()
            .map(|t| format!("{t:.0}"))
            .collect::<Vec<_>>()
            .join(" "),
        if ok { "0" } else { "not 0" }
    );
    println!();
}

/// p50 and p99 per key, for the lines under the table.
fn per_key(samples: &[KeySample]) -> String {
    let unchanged = samples.iter().filter(|s| s.floor == 0).count();
    let keys = KEY_NAMES
        .iter()
        .map(|(k, name)| {
            let mut v: Vec<f64> = samples
                .iter()
                .filter(|s| s.key == *k && !s.ms.is_nan())
                .map(|s| s.ms)
                .collect();
            v.sort_by(f64::total_cmp);
            format!(
                "{name} {} keys p50 {:.2} p99 {:.2} ms",
                v.len(),
                percentile(&v, 50.0),
                percentile(&v, 99.0)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    format!("{keys}; keys that changed nothing on screen: {unchanged}")
}

fn report_keys(name: &str, text: &str, samples: &[KeySample]) {
    let mut lat: Vec<f64> = samples
        .iter()
        .map(|s| s.ms)
        .filter(|ms| !ms.is_nan())
        .collect();
    lat.sort_by(f64::total_cmp);
    let bytes: usize = samples.iter().map(|s| s.bytes).sum();
    let fl: usize = samples.iter().map(|s| s.floor).sum();
    let n = samples.len().max(1);
    println!(
        "| {name} | {text} | {:.2} | {:.2} | {:.2} | {} | {} | {:.2} |",
        percentile(&lat, 50.0),
        percentile(&lat, 99.0),
        lat.last().copied().unwrap_or(f64::NAN),
        bytes / n,
        fl / n,
        ratio(bytes, fl)
    );
}
