//! Two users on one shared folder: user A (uid 2101) works, user B (uid 2102), a member of the
//! same group (gid 2100), plants files under the names A's `selfcheck` uses. Every attack here
//! was first seen working on a real server; each test checks that A's files, A's record and A's
//! process come through.
//!
//! The test binary runs as root (as CI does) and starts A's `selfcheck` with `setpriv` and bare
//! numeric ids, so no accounts are needed. Not as root, outside CI, the tests say loudly that
//! they were skipped; in CI (`CI` set) they fail instead of skipping. `SELFCHECK_TEST_BIN` runs
//! them against another build (to see them fail on one without the fixes).
#![cfg(unix)]

mod common;
mod harness;

use std::os::unix::fs::{PermissionsExt, chown, lchown, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use harness::Tui;
use portable_pty::CommandBuilder;
use selfcheck::store::{Document, OpenMode, load_session, record_of, to_json};

const GROUP: u32 = 2100;
const A: u32 = 2101;
const B: u32 = 2102;
/// The secret in A's home that B tries to get written over or read.
const SECRET: &[u8] = "A 的私人文件，不可改动\n".as_bytes();
/// How long a command may take before it counts as hanging.
const HANG: Duration = Duration::from_secs(10);

fn euid() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("Uid:"))?;
    line.split_whitespace().nth(2)?.parse().ok()
}

/// A folder tree for one test: the shared folder (`root:2100`, `mode`), A's home (0700) with a
/// secret (0600), and a copy of the binary every user can run.
struct Server {
    _dir: tempfile::TempDir,
    base: PathBuf,
    shared: PathBuf,
    home_a: PathBuf,
    secret: PathBuf,
    bin: PathBuf,
}

fn server(shared_mode: u32) -> Option<Server> {
    let setpriv = Path::new("/usr/bin/setpriv").exists() || Path::new("/bin/setpriv").exists();
    if euid() != Some(0) || !setpriv {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(
            !ci,
            "the two-user tests must run in CI: they need root and setpriv"
        );
        eprintln!(
            "\n!!!!!!!! SKIPPED: the two-user shared-server tests need root and setpriv \
             (run `sudo -E cargo test --test shared_server`) !!!!!!!!\n"
        );
        return None;
    }
    let dir = tempfile::Builder::new()
        .prefix("selfcheck-shared-")
        .tempdir_in("/tmp")
        .expect("temp dir");
    let base = dir.path().to_owned();
    set_mode(&base, 0o755);
    let bin = binary().to_owned();
    let shared = base.join("shared");
    std::fs::create_dir(&shared).expect("mkdir");
    chown(&shared, Some(0), Some(GROUP)).expect("chown");
    set_mode(&shared, shared_mode);
    let home_a = base.join("home-a");
    std::fs::create_dir(&home_a).expect("mkdir");
    chown(&home_a, Some(A), Some(A)).expect("chown");
    set_mode(&home_a, 0o700);
    let secret = home_a.join("secret.txt");
    std::fs::write(&secret, SECRET).expect("write");
    chown(&secret, Some(A), Some(A)).expect("chown");
    set_mode(&secret, 0o600);
    Some(Server {
        _dir: dir,
        base,
        shared,
        home_a,
        secret,
        bin,
    })
}

/// The binary under test, copied once to a folder both users can reach. Once only: a copy
/// made while another test forks keeps a written-to file open in that child until it execs,
/// and running the copy then fails with "Text file busy" (ETXTBSY). Every test takes it here
/// before it starts a process, so no test forks while the copy is written.
fn binary() -> &'static Path {
    static BIN: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    let (_, bin) = BIN.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("selfcheck-bin-")
            .tempdir_in("/tmp")
            .expect("temp dir");
        set_mode(dir.path(), 0o755);
        let bin = dir.path().join("selfcheck");
        let from = std::env::var_os("SELFCHECK_TEST_BIN").map_or_else(
            || PathBuf::from(env!("CARGO_BIN_EXE_selfcheck")),
            PathBuf::from,
        );
        std::fs::copy(&from, &bin).expect("copy the binary");
        set_mode(&bin, 0o755);
        (dir, bin)
    });
    bin
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn mode_of(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .expect("stat")
        .permissions()
        .mode()
        & 0o7777
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

impl Server {
    /// The secret is as A left it: same content, same mode.
    fn assert_secret_intact(&self) {
        assert_eq!(
            std::fs::read(&self.secret).expect("secret"),
            SECRET,
            "A's private file was written through a file B planted"
        );
        assert_eq!(
            mode_of(&self.secret),
            0o600,
            "A's private file changed mode"
        );
    }

    /// `setpriv ... env -i ... selfcheck ARGS` as `uid`.
    fn argv(&self, uid: u32, args: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = [
            "setpriv".to_owned(),
            format!("--reuid={uid}"),
            format!("--regid={uid}"),
            format!("--groups={GROUP}"),
            "--".to_owned(),
            "env".to_owned(),
            "-i".to_owned(),
            "PATH=/usr/bin:/bin".to_owned(),
            "HOME=/nonexistent".to_owned(),
            "LANG=C.UTF-8".to_owned(),
            "LC_ALL=C.UTF-8".to_owned(),
            "TERM=xterm-256color".to_owned(),
            self.bin.display().to_string(),
        ]
        .into();
        v.extend(args.iter().map(|a| (*a).to_owned()));
        v
    }

    /// Runs a subcommand as `uid`; `Err` when it was still running after [`HANG`] (killed).
    fn run_as(&self, uid: u32, args: &[&str]) -> Result<Run, String> {
        let argv = self.argv(uid, args);
        let out = self.base.join(format!("out-{}", std::process::id()));
        let err = self.base.join(format!("err-{}", std::process::id()));
        let mut child = Command::new(&argv[0])
            .args(&argv[1..])
            .current_dir(&self.base)
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&out).expect("out"))
            .stderr(std::fs::File::create(&err).expect("err"))
            .spawn()
            .expect("spawn setpriv");
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if start.elapsed() > HANG {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("selfcheck {args:?} hung for {HANG:?}"));
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        Ok(Run {
            ok: status.success(),
            stdout: std::fs::read_to_string(&out).unwrap_or_default(),
            stderr: std::fs::read_to_string(&err).unwrap_or_default(),
        })
    }

    /// The interface as `uid`, in a pseudo-terminal of 30x100.
    fn tui_as(&self, uid: u32, args: &[&str]) -> Tui {
        let argv = self.argv(uid, args);
        let mut cmd = CommandBuilder::new(&argv[0]);
        cmd.args(&argv[1..]);
        cmd.cwd(&self.base);
        Tui::start_command(cmd, 30, 100)
    }

    /// A session created by A with `new` (as A would, in the shared folder).
    fn new_session_as_a(&self, path: &Path, unit: &str) {
        let run = self
            .run_as(
                A,
                &[
                    "new",
                    "--template",
                    "gov",
                    "--unit",
                    unit,
                    "--out",
                    s(path),
                    "--no-open",
                ],
            )
            .expect("new");
        assert!(run.ok, "new as A failed: {}", run.stderr);
    }

    /// A session over 1 MiB (saved through its journal), as A's.
    fn large_session_as_a(path: &Path) -> Vec<String> {
        let (ids, _) = common::large_session(path);
        for f in [path.to_owned(), PathBuf::from(format!("{}.lock", s(path)))] {
            chown(&f, Some(A), Some(GROUP)).expect("chown");
        }
        set_mode(path, 0o640);
        ids
    }
}

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// B plants a symlink.
fn plant_link(link: &Path, target: &Path) {
    symlink(target, link).expect("symlink");
    lchown(link, Some(B), Some(GROUP)).expect("lchown");
}

/// B plants a regular file.
fn plant_file(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).expect("write");
    chown(path, Some(B), Some(GROUP)).expect("chown");
    set_mode(path, 0o640);
}

/// B plants a FIFO.
fn plant_fifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
    chown(path, Some(B), Some(GROUP)).expect("chown");
    set_mode(path, 0o660);
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", s(path)))
}

/// Waits until the interface shows `text`, or fails after [`HANG`].
fn wait_shows(tui: &Tui, text: &str) {
    let start = Instant::now();
    while start.elapsed() < HANG {
        if tui.shows(text) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the screen never showed {text}:\n{}", tui.screen());
}

/// Quits with Ctrl+Q (twice, should a warning ask again) and checks the process ends.
fn quit(tui: &mut Tui) {
    tui.send("\x11");
    if tui.running() {
        std::thread::sleep(Duration::from_millis(300));
        if tui.running() {
            tui.send("\x11");
        }
    }
    let start = Instant::now();
    while tui.running() {
        assert!(
            start.elapsed() < HANG,
            "Ctrl+Q did not end the program:\n{}",
            tui.screen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

// --- 1. The lock file ---

#[test]
fn a_lock_file_planted_as_a_link_is_never_written_through() {
    let Some(sv) = server(0o2775) else { return };
    // `new` with a name B can guess.
    let file = sv.shared.join("s.json");
    plant_link(&sibling(&file, ".lock"), &sv.secret);
    let run = sv
        .run_as(
            A,
            &[
                "new",
                "--template",
                "gov",
                "--unit",
                "甲单位",
                "--out",
                s(&file),
                "--no-open",
            ],
        )
        .expect("new does not hang");
    sv.assert_secret_intact();
    assert!(!run.ok, "new went on through a planted lock link");
    assert!(
        run.stderr.contains("s.json.lock"),
        "the message names the lock file: {}",
        run.stderr
    );

    // `open` of an existing session.
    let file = sv.shared.join("t.json");
    sv.new_session_as_a(&file, "甲单位");
    let lock = sibling(&file, ".lock");
    std::fs::remove_file(&lock).expect("B removes the lock (no sticky bit)");
    plant_link(&lock, &sv.secret);
    let mut tui = sv.tui_as(A, &["open", s(&file)]);
    std::thread::sleep(Duration::from_millis(1500));
    sv.assert_secret_intact();
    if tui.running() {
        quit(&mut tui);
    }
    sv.assert_secret_intact();

    // Root's `new` is not turned against root's own files either.
    let root_secret = sv.base.join("root-secret");
    std::fs::write(&root_secret, SECRET).expect("write");
    set_mode(&root_secret, 0o600);
    let file = sv.shared.join("r.json");
    plant_link(&sibling(&file, ".lock"), &root_secret);
    let run = sv
        .run_as(
            0,
            &[
                "new",
                "--template",
                "gov",
                "--unit",
                "甲单位",
                "--out",
                s(&file),
                "--no-open",
            ],
        )
        .expect("new does not hang");
    assert!(!run.ok, "root's new went on through a planted lock link");
    assert_eq!(std::fs::read(&root_secret).expect("read"), SECRET);
    assert_eq!(mode_of(&root_secret), 0o600);
}

// --- 2. The presence note's temporary file ---

#[test]
fn presence_files_planted_as_links_are_never_written_through() {
    let Some(sv) = server(0o2775) else { return };
    let file = sv.shared.join("s.json");
    sv.new_session_as_a(&file, "甲单位");
    let mut tui = sv.tui_as(A, &["open", s(&file)]);
    wait_shows(&tui, "检查项目");
    // B reads A's pid from the lock note and plants the temporary name A would use.
    let note: serde_json::Value =
        serde_json::from_slice(&std::fs::read(sibling(&file, ".lock")).expect("lock note"))
            .expect("lock note is JSON");
    let pid = note["pid"].as_u64().expect("pid");
    plant_link(
        &sv.shared.join(format!(".s.json.presence.{pid}.tmp")),
        &sv.secret,
    );
    for _ in 0..3 {
        tui.send("\x1b[B");
    }
    std::thread::sleep(Duration::from_millis(800));
    sv.assert_secret_intact();
    // The presence note itself as a link.
    let presence = sibling(&file, ".presence");
    let _ = std::fs::remove_file(&presence);
    plant_link(&presence, &sv.secret);
    for _ in 0..3 {
        tui.send("\x1b[B");
    }
    std::thread::sleep(Duration::from_millis(800));
    sv.assert_secret_intact();
    quit(&mut tui);
    sv.assert_secret_intact();
}

// --- 3. The journal of a large session ---

#[test]
fn a_journal_planted_as_a_link_is_never_written_through() {
    let Some(sv) = server(0o2775) else { return };
    let file = sv.shared.join("big.json");
    let ids = Server::large_session_as_a(&file);
    // Planted before A opens (it is then set aside) and again while A edits.
    plant_link(&sibling(&file, ".journal"), &sv.secret);
    let mut tui = sv.tui_as(A, &["open", s(&file)]);
    wait_shows(&tui, "检查项目");
    let _ = std::fs::remove_file(sibling(&file, ".journal"));
    plant_link(&sibling(&file, ".journal"), &sv.secret);
    tui.send("2");
    wait_shows(&tui, "已保存");
    sv.assert_secret_intact();
    quit(&mut tui);
    sv.assert_secret_intact();
    let saved = load_session(&file).expect("loads");
    assert_eq!(
        saved.status(&ids[0]),
        Some("partial"),
        "A's change is saved all the same"
    );
}

// --- 4. A forged journal, a planted recovery copy ---

/// What B forges: A's session with the unit renamed and a check's evidence rewritten.
fn forged(file: &Path, work: &Path) -> (Vec<u8>, Vec<u8>) {
    let copy = work.join("s.json");
    std::fs::create_dir_all(work).expect("mkdir");
    std::fs::copy(file, &copy).expect("copy");
    let (mut doc, mut session) = Document::open(&copy, OpenMode::Edit).expect("open the copy");
    session.unit.name = "乙篡改的单位".into();
    let id = "gov-1-1".to_owned();
    session.answers.entry(id.clone()).or_default().evidence = "乙写入的做法成效".into();
    doc.append_journal(&record_of(&session, [&id]))
        .expect("journal");
    drop(doc);
    let journal = std::fs::read(sibling(&copy, ".journal")).expect("journal bytes");
    (journal, to_json(&session))
}

#[test]
fn a_forged_journal_is_never_applied_for_anyone() {
    let Some(sv) = server(0o2775) else { return };
    let file = sv.shared.join("s.json");
    sv.new_session_as_a(&file, "甲单位");
    let (journal, _) = forged(&file, &sv.base.join("forge"));
    plant_file(&sibling(&file, ".journal"), &journal);

    let data = s(&sv.shared);
    for args in [
        vec!["list", "--data-dir", data],
        vec!["export", s(&file), "--format", "md"],
        vec!["summary", data, "--format", "json"],
        vec!["validate", s(&file)],
    ] {
        let run = sv.run_as(A, &args).expect("does not hang");
        assert!(
            !run.stdout.contains("乙篡改") && !run.stdout.contains("乙写入"),
            "{args:?} shows B's forged journal as A's record:\n{}",
            run.stdout
        );
    }
    let run = sv
        .run_as(A, &["list", "--data-dir", data])
        .expect("does not hang");
    assert!(run.stdout.contains("甲单位"), "{}", run.stdout);

    // A opens the session: nothing of B's is folded in and saved as A's, and A is told whose
    // file was set aside.
    let mut tui = sv.tui_as(A, &["open", s(&file)]);
    wait_shows(&tui, "检查项目");
    wait_shows(&tui, "由 uid 2102 写入");
    assert!(!tui.shows("乙篡改"), "{}", tui.screen());
    tui.send("2");
    wait_shows(&tui, "已保存");
    quit(&mut tui);
    let text = std::fs::read_to_string(&file).expect("file");
    assert!(
        !text.contains("乙篡改") && !text.contains("乙写入"),
        "B's journal was saved into A's file"
    );
    assert!(text.contains("甲单位"));
}

#[test]
fn a_planted_recovery_copy_is_never_offered_as_the_users_own() {
    let Some(sv) = server(0o2775) else { return };
    let file = sv.shared.join("s.json");
    sv.new_session_as_a(&file, "甲单位");
    let (_, session) = forged(&file, &sv.base.join("forge"));
    plant_file(&sibling(&file, ".recovery"), &session);
    let mut tui = sv.tui_as(A, &["open", s(&file)]);
    wait_shows(&tui, "检查项目");
    wait_shows(&tui, "由 uid 2102 写入");
    assert!(
        !tui.shows("恢复副本"),
        "B's file is offered as A's recovery copy:\n{}",
        tui.screen()
    );
    // Enter, as a user who takes the offer would press.
    tui.send("\r");
    tui.send("\x1b");
    quit(&mut tui);
    let text = std::fs::read_to_string(&file).expect("file");
    assert!(!text.contains("乙篡改"), "B's copy was saved as A's record");
}

// --- 5. A session path that is a link to a private session ---

/// No regular file in the shared folder holds `text`.
fn assert_nothing_in_shared_holds(sv: &Server, text: &str) {
    for entry in std::fs::read_dir(&sv.shared).expect("ls") {
        let path = entry.expect("entry").path();
        let meta = std::fs::symlink_metadata(&path).expect("stat");
        if meta.is_file() {
            let bytes = std::fs::read(&path).unwrap_or_default();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(text),
                "{} in the shared folder holds A's private session (mode {:o})",
                path.display(),
                mode_of(&path)
            );
        }
    }
}

#[test]
fn a_link_to_a_private_session_never_copies_it_into_the_shared_folder() {
    let Some(sv) = server(0o2775) else { return };
    let private = sv.home_a.join("private.json");
    sv.new_session_as_a(&private, "私密单位");
    assert_eq!(mode_of(&private), 0o600);
    let before = std::fs::read(&private).expect("private");

    // B's link is not followed: A is told, nothing is read through it or written.
    let link = sv.shared.join("s.json");
    plant_link(&link, &private);
    let run = sv.run_as(A, &["validate", s(&link)]).expect("validate");
    assert!(!run.ok, "B's link was followed");
    assert!(run.stderr.contains("uid 2102"), "{}", run.stderr);
    let mut tui = sv.tui_as(A, &["open", s(&link)]);
    std::thread::sleep(Duration::from_millis(1500));
    tui.send("2");
    std::thread::sleep(Duration::from_millis(500));
    if tui.running() {
        quit(&mut tui);
    }
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink(),
        "the link in the shared folder was replaced by a file"
    );
    assert_nothing_in_shared_holds(&sv, "私密单位");
    assert_eq!(std::fs::read(&private).expect("private"), before);

    // A's own link is followed, and the session is edited where it points.
    let own = sv.shared.join("mine.json");
    symlink(&private, &own).expect("symlink");
    lchown(&own, Some(A), Some(GROUP)).expect("lchown");
    let mut tui = sv.tui_as(A, &["open", s(&own)]);
    wait_shows(&tui, "检查项目");
    tui.send("2");
    wait_shows(&tui, "已保存");
    quit(&mut tui);
    assert!(
        std::fs::symlink_metadata(&own)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_nothing_in_shared_holds(&sv, "私密单位");
    let saved = load_session(&private).expect("loads");
    assert_eq!(
        saved.status("gov-1-1"),
        Some("partial"),
        "saved at the target"
    );
    assert_eq!(
        mode_of(&private),
        0o600,
        "the private session stays private"
    );
}

#[test]
fn a_recovery_copy_planted_as_a_link_to_a_private_session_is_not_offered() {
    // In a sticky folder A cannot move B's link aside: it must not be followed either.
    let Some(sv) = server(0o3770) else { return };
    let private = sv.home_a.join("private.json");
    sv.new_session_as_a(&private, "私密单位");
    let file = sv.shared.join("s.json");
    sv.new_session_as_a(&file, "甲单位");
    plant_link(&sibling(&file, ".recovery"), &private);
    let mut tui = sv.tui_as(A, &["open", s(&file)]);
    wait_shows(&tui, "检查项目");
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        !tui.shows("恢复副本"),
        "A's private session is offered as the shared one's recovery copy:\n{}",
        tui.screen()
    );
    tui.send("\r");
    quit(&mut tui);
    assert_nothing_in_shared_holds(&sv, "私密单位");
}

// --- 6. /dev/zero as the presence note ---

#[test]
fn a_presence_note_linked_to_dev_zero_does_not_spin_a_follower() {
    let Some(sv) = server(0o2775) else { return };
    let file = sv.shared.join("s.json");
    sv.new_session_as_a(&file, "甲单位");
    plant_link(&sibling(&file, ".presence"), Path::new("/dev/zero"));
    let mut tui = sv.tui_as(A, &["open", "--follow", s(&file)]);
    wait_shows(&tui, "检查内容");
    let pid = tui.pid();
    let before = harness::cpu_ticks(pid).expect("cpu");
    std::thread::sleep(Duration::from_secs(2));
    let after = harness::cpu_ticks(pid).expect("cpu");
    let rss = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|st| {
            st.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .unwrap_or(0);
    eprintln!(
        "follower: {} CPU ticks in 2 s, {rss} kB resident",
        after - before
    );
    assert!(after - before < 50, "the follower spins on /dev/zero");
    assert!(rss < 200 * 1024, "the follower grows: {rss} kB");
    quit(&mut tui);
}

// --- 7. FIFOs ---

#[test]
fn a_fifo_beside_a_session_or_named_as_one_hangs_nothing() {
    let Some(sv) = server(0o2775) else { return };
    let file = sv.shared.join("s.json");
    sv.new_session_as_a(&file, "甲单位");
    let data = s(&sv.shared);
    plant_fifo(&sibling(&file, ".journal"));
    for args in [
        vec!["list", "--data-dir", data],
        vec!["summary", data],
        vec!["export", s(&file), "--format", "md"],
        vec!["validate", s(&file)],
    ] {
        let run = sv.run_as(A, &args).unwrap_or_else(|e| panic!("{e}"));
        assert!(run.ok, "{args:?} failed: {}", run.stderr);
    }
    let mut tui = sv.tui_as(A, &["open", s(&file)]);
    wait_shows(&tui, "检查项目");
    quit(&mut tui);

    // A FIFO named as the session file.
    let fifo = sv.shared.join("f.json");
    plant_fifo(&fifo);
    for args in [
        vec!["validate", s(&fifo)],
        vec!["export", s(&fifo), "--format", "md"],
        vec!["summary", s(&fifo)],
    ] {
        let run = sv.run_as(A, &args).unwrap_or_else(|e| panic!("{e}"));
        assert!(!run.ok, "{args:?} accepted a FIFO");
        assert!(run.stderr.contains("f.json"), "{}", run.stderr);
    }
    let mut tui = sv.tui_as(A, &["open", s(&fifo)]);
    std::thread::sleep(Duration::from_millis(1500));
    if tui.running() {
        quit(&mut tui);
    }
}

#[test]
fn a_fifo_as_recovery_copy_or_lock_hangs_neither_open_nor_the_picker() {
    let Some(sv) = server(0o2775) else { return };
    let file = sv.shared.join("s.json");
    sv.new_session_as_a(&file, "甲单位");
    plant_fifo(&sibling(&file, ".recovery"));
    let mut tui = sv.tui_as(A, &["open", s(&file)]);
    wait_shows(&tui, "检查项目");
    quit(&mut tui);

    let other = sv.shared.join("t.json");
    sv.new_session_as_a(&other, "丙单位");
    let lock = sibling(&other, ".lock");
    std::fs::remove_file(&lock).expect("B removes the lock (no sticky bit)");
    plant_fifo(&lock);
    let mut tui = sv.tui_as(A, &["--data-dir", s(&sv.shared)]);
    wait_shows(&tui, "丙单位");
    quit(&mut tui);
}

#[test]
fn a_fifo_as_presence_note_hangs_neither_a_follower_nor_the_editor() {
    let Some(sv) = server(0o2775) else { return };
    let file = sv.shared.join("s.json");
    sv.new_session_as_a(&file, "甲单位");
    plant_fifo(&sibling(&file, ".presence"));
    let mut follower = sv.tui_as(A, &["open", "--follow", s(&file)]);
    wait_shows(&follower, "检查内容");
    let mut editor = sv.tui_as(A, &["open", s(&file)]);
    wait_shows(&editor, "检查项目");
    editor.send("2");
    editor.send("\x1b[B");
    wait_shows(&editor, "已保存");
    quit(&mut editor);
    quit(&mut follower);
}

#[test]
fn a_session_replaced_by_a_fifo_while_edited_neither_blocks_the_save_nor_the_exit() {
    let Some(sv) = server(0o2775) else { return };
    for how in ["quit", "term", "hup"] {
        let file = sv.shared.join(format!("{how}.json"));
        sv.new_session_as_a(&file, "甲单位");
        let mut tui = sv.tui_as(A, &["open", s(&file)]);
        wait_shows(&tui, "检查项目");
        // B swaps the file for a FIFO (the folder has no sticky bit).
        let fifo = sv.shared.join(format!(".{how}.fifo"));
        plant_fifo(&fifo);
        std::fs::rename(&fifo, &file).expect("rename");
        tui.send("2");
        std::thread::sleep(Duration::from_millis(800));
        if how == "quit" {
            quit(&mut tui);
        } else {
            let sig = if how == "term" {
                nix::sys::signal::Signal::SIGTERM
            } else {
                nix::sys::signal::Signal::SIGHUP
            };
            tui.signal(sig);
            let start = Instant::now();
            while tui.running() {
                assert!(start.elapsed() < HANG, "{sig} ignored:\n{}", tui.screen());
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        // A's change is in a conflict copy beside the file.
        let kept: Vec<PathBuf> = std::fs::read_dir(&sv.shared)
            .expect("ls")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.to_string_lossy().contains(&format!("{how}.conflict-")))
            .collect();
        assert_eq!(kept.len(), 1, "one conflict copy: {kept:?}");
        let copy = load_session(&kept[0]).expect("the copy loads");
        assert_eq!(copy.status("gov-1-1"), Some("partial"));
    }
}

// --- 8. Exports ---

#[test]
fn exports_get_the_sessions_mode() {
    let Some(sv) = server(0o2775) else { return };
    let file = sv.shared.join("s.json");
    sv.new_session_as_a(&file, "甲单位");
    assert_eq!(mode_of(&file), 0o660);
    let out = sv.shared.join("report.md");
    let run = sv
        .run_as(A, &["export", s(&file), "--format", "md", "-o", s(&out)])
        .expect("export");
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(mode_of(&out), 0o640, "export -o");

    // From the interface: `e` writes the report, workbook and ledger beside the session.
    let mut tui = sv.tui_as(A, &["open", s(&file)]);
    wait_shows(&tui, "检查项目");
    tui.send("e");
    let beside = sv.shared.join("s.对照检查报告.md");
    let start = Instant::now();
    while !beside.exists() {
        assert!(start.elapsed() < HANG, "no export:\n{}", tui.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(500));
    quit(&mut tui);
    for name in [
        "s.对照检查报告.md",
        "s.对照检查报告.docx",
        "s.对照检查表.xlsx",
        "s.整改台账.csv",
    ] {
        assert_eq!(mode_of(&sv.shared.join(name)), 0o640, "{name}");
    }

    // A private session exported anywhere stays private.
    let private = sv.home_a.join("p.json");
    sv.new_session_as_a(&private, "私密单位");
    let out = sv.base.join("p.md");
    let run = sv
        .run_as(A, &["export", s(&private), "--format", "md", "-o", s(&out)])
        .expect("export");
    assert!(!run.ok, "A cannot write in the test's base folder");
    let outdir = sv.base.join("out-a");
    std::fs::create_dir(&outdir).expect("mkdir");
    chown(&outdir, Some(A), Some(A)).expect("chown");
    set_mode(&outdir, 0o755);
    let out = outdir.join("p.md");
    let run = sv
        .run_as(A, &["export", s(&private), "--format", "md", "-o", s(&out)])
        .expect("export");
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(mode_of(&out), 0o600, "a private session's export");
}

// --- 9. A journal A cannot write ---

fn planted_journal_does_not_block_saves(shared_mode: u32) {
    let Some(sv) = server(shared_mode) else {
        return;
    };
    let file = sv.shared.join("big.json");
    let ids = Server::large_session_as_a(&file);
    // Planted while A edits, before A's first change.
    let mut tui = sv.tui_as(A, &["open", s(&file)]);
    wait_shows(&tui, "检查项目");
    plant_file(&sibling(&file, ".journal"), b"{\"not\": \"a journal\"}\n");
    tui.send("2");
    let start = Instant::now();
    while !tui.shows("已保存") {
        assert!(
            !tui.shows("保存失败"),
            "the save failed on B's journal:\n{}",
            tui.screen()
        );
        assert!(start.elapsed() < HANG, "never saved:\n{}", tui.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
    quit(&mut tui);
    let saved = load_session(&file).expect("loads");
    assert_eq!(saved.status(&ids[0]), Some("partial"));
}

#[test]
fn a_planted_journal_does_not_block_saves() {
    planted_journal_does_not_block_saves(0o2775);
}

#[test]
fn a_planted_journal_that_cannot_be_moved_does_not_block_saves() {
    // In a sticky folder A can neither remove nor move B's file: the file is written whole.
    planted_journal_does_not_block_saves(0o3770);
}

// --- The second user ---

#[test]
fn opening_in_a_shared_folder_without_the_sticky_bit_warns() {
    for (mode, warns) in [(0o2775, true), (0o3770, false)] {
        let Some(sv) = server(mode) else { return };
        let file = sv.shared.join("s.json");
        sv.new_session_as_a(&file, "甲单位");
        let mut tui = sv.tui_as(A, &["open", s(&file)]);
        wait_shows(&tui, "检查项目");
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(
            tui.shows("缺少粘滞位"),
            warns,
            "folder mode {mode:o}:\n{}",
            tui.screen()
        );
        quit(&mut tui);
    }
}

#[test]
fn the_second_user_is_told_who_holds_a_session_and_takes_it_once_they_quit() {
    let Some(sv) = server(0o3770) else { return };
    let file = sv.shared.join("s.json");
    sv.new_session_as_a(&file, "甲单位");
    for old_lock in [false, true] {
        if old_lock {
            // A lock file as an older version left it: A's, readable by the group only.
            set_mode(&sibling(&file, ".lock"), 0o640);
        }
        let mut a = sv.tui_as(A, &["open", s(&file)]);
        wait_shows(&a, "检查项目");
        let mut b = sv.tui_as(B, &["open", s(&file)]);
        wait_shows(&b, "检查项目");
        // The holder is named: a user without a name by number.
        wait_shows(&b, "用户号 2101");
        assert!(
            b.shows("只读"),
            "B edits while A holds the session:\n{}",
            b.screen()
        );
        quit(&mut b);
        quit(&mut a);
        let mut b = sv.tui_as(B, &["open", s(&file)]);
        wait_shows(&b, "检查项目");
        assert!(
            !b.shows("只读") && !b.shows("Permission denied") && !b.shows("没有权限"),
            "B cannot take the session after A quit (old lock file: {old_lock}):\n{}",
            b.screen()
        );
        b.send("2");
        wait_shows(&b, "已保存");
        quit(&mut b);
    }
}

#[test]
fn a_change_of_mode_alone_is_not_someone_elses_edit() {
    let Some(sv) = server(0o3770) else { return };
    let file = sv.shared.join("s.json");
    sv.new_session_as_a(&file, "甲单位");
    let mut a = sv.tui_as(A, &["open", s(&file)]);
    wait_shows(&a, "检查项目");
    a.send("2");
    wait_shows(&a, "已保存");
    // A no-op chmod (by root, or by A in another shell): only the ctime changes.
    set_mode(&file, mode_of(&file));
    a.send("\x1b[B");
    a.send("1");
    std::thread::sleep(Duration::from_millis(800));
    wait_shows(&a, "已保存");
    // A no-op chattr, likewise (where the file system has attributes).
    let chattr = Command::new("chattr").arg("-d").arg(&file).status();
    eprintln!("chattr -d: {chattr:?}");
    a.send("\x1b[B");
    a.send("3");
    std::thread::sleep(Duration::from_millis(800));
    wait_shows(&a, "已保存");
    quit(&mut a);
    let conflicts: Vec<_> = std::fs::read_dir(&sv.shared)
        .expect("ls")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().contains(".conflict-"))
        .collect();
    assert!(
        conflicts.is_empty(),
        "a chmod made a conflict copy: {conflicts:?}"
    );
    let saved = load_session(&file).expect("loads");
    assert_eq!(saved.status("gov-1-1"), Some("partial"));
    assert_eq!(saved.status("gov-1-2"), Some("done"));
    assert_eq!(saved.status("gov-1-3"), Some("not_done"));
}
