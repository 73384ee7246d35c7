//! Tier 4: the real binary in a pseudo-terminal (portable-pty), its screen read back with vt100.
//! Types into it like a person, quits or hangs up, and checks the session file and that the
//! terminal was given back in a usable state.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use selfcheck::model::Field;
use selfcheck::store::load_session;

struct Tui {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Tui {
    fn start(args: &[&str], data: &Path) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_selfcheck"));
        cmd.args(args);
        cmd.env("LANG", "C.UTF-8");
        cmd.env("TERM", "xterm-256color");
        cmd.env("SELFCHECK_DATA_DIR", data);
        cmd.env_remove("NO_COLOR");
        let child = pty.slave.spawn_command(cmd).expect("spawn selfcheck");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("output").extend_from_slice(&buf[..n]);
            }
        });
        Self {
            child,
            writer,
            output,
            _master: pty.master,
        }
    }

    fn screen(&self) -> String {
        let bytes = self.output.lock().expect("output").clone();
        let size = |n| std::num::NonZeroU16::new(n).expect("non-zero");
        let mut parser = vt100::Parser::new(size(30), size(100), 0);
        parser.process(&bytes);
        parser.screen().contents()
    }

    /// Waits (at most 20 s, a guard against hanging, not a measurement) until the screen shows
    /// `text`.
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if self
                .screen()
                .replace(' ', "")
                .contains(&text.replace(' ', ""))
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the screen never showed {text:?}:\n{}", self.screen());
    }

    fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush");
        // Let the program read it as its own event batch (Esc is only Esc when nothing follows
        // at once).
        std::thread::sleep(Duration::from_millis(150));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("selfcheck did not exit:\n{}", self.screen());
    }

    fn raw(&self) -> Vec<u8> {
        self.output.lock().expect("output").clone()
    }
}

fn last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[test]
fn create_answer_type_chinese_quit_and_find_it_in_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("会议.json");
    let file_arg = file.to_str().expect("utf-8 path");
    let mut tui = Tui::start(
        &[
            "new",
            "--template",
            "gov",
            "--unit",
            "测试单位",
            "--out",
            file_arg,
        ],
        dir.path(),
    );
    tui.wait_for("检查项目");
    tui.send("1");
    tui.send("\x1b[B"); // Down
    tui.send("3");
    tui.send("\r"); // Enter: edit 做法及成效
    tui.send("已建立安全生产责任制度，每月检查一次。");
    tui.wait_for("每月检查一次");
    tui.send("\x1b");
    tui.wait_for("已保存");
    tui.send("\x11"); // Ctrl+Q
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");

    let saved = load_session(&file).expect("the session file loads");
    assert_eq!(saved.status("gov-1-1"), Some("done"));
    assert_eq!(saved.status("gov-1-2"), Some("not_done"));
    assert_eq!(
        Field::Evidence.get(saved.answer("gov-1-2").expect("answer")),
        "已建立安全生产责任制度，每月检查一次。"
    );

    // The terminal was given back: after the last switch to the alternate screen come the
    // switch back, the cursor shown again and bracketed paste turned off.
    let raw = tui.raw();
    let entered = last(&raw, b"\x1b[?1049h").expect("entered the alternate screen");
    let left = last(&raw, b"\x1b[?1049l").expect("left the alternate screen");
    assert!(left > entered);
    assert!(
        last(&raw, b"\x1b[?25h").is_some_and(|p| p > entered),
        "cursor shown"
    );
    assert!(
        last(&raw, b"\x1b[?2004l").is_some_and(|p| p > entered),
        "bracketed paste off"
    );
    assert!(
        last(&raw, b"\x1b[?2004h").is_some_and(|p| p < left),
        "bracketed paste was on"
    );
}

#[test]
fn hang_up_while_typing_keeps_the_text_and_exits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("hup.json");
    let file_arg = file.to_str().expect("utf-8 path");
    let mut tui = Tui::start(
        &[
            "new",
            "--template",
            "enterprise",
            "--unit",
            "某化工企业",
            "--out",
            file_arg,
        ],
        dir.path(),
    );
    tui.wait_for("检查项目");
    tui.send("\r");
    tui.send("正在记录的发言");
    tui.wait_for("正在记录的发言");
    let pid = tui.child.process_id().expect("pid");
    let sent = std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success());
    let status = tui.wait_exit();
    assert_eq!(
        status.exit_code(),
        129,
        "conventional exit status for SIGHUP"
    );
    let saved = load_session(&file).expect("saved");
    assert_eq!(
        Field::Evidence.get(saved.answer("enterprise-1-1").expect("answer")),
        "正在记录的发言"
    );
}

#[test]
fn a_second_opener_gets_a_read_only_view_naming_the_holder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("shared.json");
    let file_arg = file.to_str().expect("utf-8 path");
    let mut first = Tui::start(
        &[
            "new",
            "--template",
            "dept",
            "--unit",
            "应急局",
            "--out",
            file_arg,
        ],
        dir.path(),
    );
    first.wait_for("检查项目");
    let mut second = Tui::start(&["open", file_arg], dir.path());
    second.wait_for("只读");
    let before = std::fs::read(&file).expect("read");
    second.send("1");
    second.wait_for("不能修改");
    second.send("\x11");
    assert!(second.wait_exit().success());
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "the read-only view wrote nothing"
    );
    first.send("\x11");
    assert!(first.wait_exit().success());
}

#[test]
fn a_follower_shows_the_editors_changes_live_and_survives_the_editor_leaving() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("live.json");
    let file_arg = file.to_str().expect("utf-8 path");
    let mut editor = Tui::start(
        &[
            "new",
            "--template",
            "gov",
            "--unit",
            "临港区",
            "--out",
            file_arg,
        ],
        dir.path(),
    );
    editor.wait_for("检查项目");
    let mut follower = Tui::start(&["open", file_arg, "--follow"], dir.path());
    follower.wait_for("检查党委政府落实安全发展理念");
    follower.wait_for("跟随");

    // A status set in the editor appears on the follower's screen.
    let started = Instant::now();
    editor.send("2");
    follower.wait_for("[~]");
    let status_latency = started.elapsed();

    // The editor moves to the next check: the follower goes with it.
    let started = Instant::now();
    editor.send("\x1b[B");
    follower.wait_for("检查把安全生产列入党委政府重要议事日程");
    let move_latency = started.elapsed();
    println!("follower caught up: status {status_latency:?}, move {move_latency:?}");
    assert!(status_latency < Duration::from_secs(5) && move_latency < Duration::from_secs(5));

    // Typing is shown once the text is in the file (leaving the field saves it).
    editor.send("\r");
    editor.send("会议现场补充的说明");
    editor.send("\x1b");
    follower.wait_for("会议现场补充的说明");

    // The editor quits; the follower says so and keeps the last state.
    editor.send("\x11");
    assert!(editor.wait_exit().success());
    follower.wait_for("记录人已退出");
    let after_editor = std::fs::read(&file).expect("read");
    // Unfollow, browse, quit: nothing written.
    follower.send("u");
    follower.send("\x1b[A");
    follower.send("\x11");
    assert!(follower.wait_exit().success());
    assert_eq!(
        std::fs::read(&file).expect("read"),
        after_editor,
        "the follower wrote nothing"
    );
    let saved = load_session(&file).expect("saved");
    assert_eq!(saved.status("gov-1-1"), Some("partial"));
}
