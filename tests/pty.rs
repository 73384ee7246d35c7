//! Tier 4: the real binary in a pseudo-terminal (portable-pty), its screen read back with vt100.
//! Types into it like a person, quits or hangs up, and checks the session file and that the
//! terminal was given back in a usable state.

mod harness;

use std::time::{Duration, Instant};

use harness::Tui;
use selfcheck::model::Field;
use selfcheck::store::load_session;

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
    assert_eq!(tui.wait_exit(), 0, "exit status");

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
    tui.signal(nix::sys::signal::Signal::SIGHUP);
    assert_eq!(tui.wait_exit(), 129, "conventional exit status for SIGHUP");
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
    assert_eq!(second.wait_exit(), 0);
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "the read-only view wrote nothing"
    );
    first.send("\x11");
    assert_eq!(first.wait_exit(), 0);
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
    assert_eq!(editor.wait_exit(), 0);
    follower.wait_for("记录人已退出");
    let after_editor = std::fs::read(&file).expect("read");
    // Unfollow, browse, quit: nothing written.
    follower.send("u");
    follower.send("\x1b[A");
    follower.send("\x11");
    assert_eq!(follower.wait_exit(), 0);
    assert_eq!(
        std::fs::read(&file).expect("read"),
        after_editor,
        "the follower wrote nothing"
    );
    let saved = load_session(&file).expect("saved");
    assert_eq!(saved.status("gov-1-1"), Some("partial"));
}

/// A new dept session in a pty at 80x24, and its file.
fn dept_session(dir: &std::path::Path) -> (Tui, std::path::PathBuf) {
    let file = dir.join("burst.json");
    let file_arg = file.to_str().expect("utf-8 path").to_owned();
    let tui = Tui::start_sized(
        &[
            "new",
            "--template",
            "dept",
            "--unit",
            "应急管理局",
            "--out",
            &file_arg,
        ],
        dir,
        24,
        80,
    );
    tui.wait_for("检查项目");
    (tui, file)
}

#[test]
fn a_phrase_typed_on_a_selected_field_lands_in_it_and_its_digit_sets_no_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut tui, file) = dept_session(dir.path());
    tui.send("\t"); // Tab: 做法及成效 selected, not being edited
    tui.wait_for("> 做法及成效");
    // An input method commits the phrase in one write.
    tui.send_now("一是引进化工专业人才2名");
    tui.wait_for("人才2名");
    tui.send("\x1b"); // Esc: done with the field
    tui.wait_for("已保存");
    tui.send("\x11");
    assert_eq!(tui.wait_exit(), 0);
    let saved = load_session(&file).expect("saved");
    let a = saved.answer("dept-1-1").expect("answer");
    assert_eq!(Field::Evidence.get(a), "一是引进化工专业人才2名");
    assert_eq!(saved.status("dept-1-1"), None, "the 2 was text");
}

#[test]
fn the_rectification_row_does_not_trap_the_keyboard() {
    // Tab, Down x6 (to 整改进展), Enter, Esc, n, Enter, then a phrase.
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut tui, file) = dept_session(dir.path());
    tui.send("\t\x1b[B\x1b[B\x1b[B\x1b[B\x1b[B\x1b[B");
    tui.wait_for("> 整改进展");
    tui.send("\r");
    tui.wait_for("未开始");
    tui.send("\x1b");
    tui.send("n");
    tui.wait_for("检查内容  1.2");
    tui.send("\r");
    tui.wait_for("编辑");
    tui.send_now("一是引进化工专业人才2名");
    tui.wait_for("人才2名");
    tui.send("\x1b");
    tui.wait_for("已保存");
    tui.send("\x11");
    assert_eq!(tui.wait_exit(), 0);
    let saved = load_session(&file).expect("saved");
    let a = saved.answer("dept-1-2").expect("answer");
    assert_eq!(Field::Evidence.get(a), "一是引进化工专业人才2名");
    assert_eq!(saved.status("dept-1-2"), None);
    assert!(
        a.rectification.is_none(),
        "Enter opened 做法及成效, it did not cycle 整改进展"
    );
}

#[test]
fn a_panic_in_the_loop_leaves_a_recovery_copy_with_the_text_being_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("crash.json");
    let file_arg = file.to_str().expect("utf-8 path");
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_selfcheck"))
        .args([
            "new",
            "--template",
            "enterprise",
            "--unit",
            "某化工企业",
            "--out",
            file_arg,
            "--no-open",
        ])
        .envs(harness::base_env(dir.path()))
        .output()
        .expect("new");
    assert!(made.status.success(), "{made:?}");
    // The debug build panics on F12 when asked to, inside the loop while it holds the state.
    let mut cmd = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_selfcheck"));
    cmd.args(["open", file_arg]);
    for (k, v) in harness::base_env(dir.path()) {
        cmd.env(k, v);
    }
    cmd.env("SELFCHECK_DEBUG_PANIC", "1");
    let mut tui = Tui::start_command(cmd, 30, 100);
    tui.wait_for("检查项目");
    tui.send("\r");
    tui.send("崩溃前正在记录的发言");
    tui.wait_for("崩溃前正在记录的发言");
    tui.send("\x1b[24~");
    assert_eq!(tui.wait_exit(), 101, "a panic's exit status");
    harness::assert_terminal_restored(&tui.raw());
    // The user is told, in the interface's language, where the record went.
    let said = String::from_utf8_lossy(&tui.raw()).into_owned();
    assert!(said.contains("已写入恢复副本"), "{said}");
    assert!(said.contains("crash.json.recovery"), "{said}");
    let copy = load_session(&file.with_file_name("crash.json.recovery")).expect("recovery copy");
    assert_eq!(
        Field::Evidence.get(copy.answer("enterprise-1-1").expect("answer")),
        "崩溃前正在记录的发言",
        "the text in the field is in the copy"
    );
    let saved = load_session(&file).expect("the file itself");
    assert!(
        saved.answer("enterprise-1-1").is_none(),
        "the file untouched"
    );
}

/// What the issue of a slow projector asked for: text typed in the editor shows on a follower
/// within half a second, carried by the presence note (the session file is not saved for it),
/// and text never saved is not shown once the editor's program is gone.
#[test]
fn typing_reaches_the_follower_within_half_a_second_and_dies_with_the_editor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("live-typing.json");
    let file_arg = file.to_str().expect("utf-8 path");
    let mut editor = Tui::start(
        &[
            "new",
            "--template",
            "dept",
            "--unit",
            "应急管理局",
            "--out",
            file_arg,
        ],
        dir.path(),
    );
    editor.wait_for("检查项目");
    let follower = Tui::start(&["open", file_arg, "--follow"], dir.path());
    follower.wait_for("跟随");
    editor.send("\t"); // 做法及成效 selected: typing starts editing it
    editor.wait_for("> 做法及成效");
    std::thread::sleep(Duration::from_millis(300));

    let file_before = std::fs::read(&file).expect("read");
    let phrases = [
        "一是引进化工专业人才",
        "二是组织专题培训",
        "三是开展隐患排查",
        "四是完善制度建设",
        "五是加强应急演练",
        "六是落实考核问责",
    ];
    let mut latencies = Vec::new();
    for (i, phrase) in phrases.iter().enumerate() {
        // Each on a line of its own (Enter is a new line in this field), so none wraps.
        let typed = if i == 0 {
            (*phrase).to_owned()
        } else {
            format!("\r{phrase}")
        };
        let started = Instant::now();
        editor.send_now(&typed);
        follower.wait_for(phrase);
        latencies.push(started.elapsed());
        if i == 0 {
            // Shown before any save, marked as such: the text travelled in the presence note.
            // (Later phrases may be saved by the time they are looked at: then they show as
            // saved.)
            follower.wait_for("正在输入");
            assert_eq!(
                std::fs::read(&file).expect("read"),
                file_before,
                "the session file was not saved for the follower"
            );
        }
        // A pause, as between phrases: the follower is drawn anew for each.
        std::thread::sleep(Duration::from_millis(400));
    }
    let mut sorted = latencies.clone();
    sorted.sort();
    let median = sorted[sorted.len() / 2];
    let max = sorted[sorted.len() - 1];
    println!("typed text on the follower after: {latencies:?} (median {median:?}, max {max:?})");
    assert!(
        max < Duration::from_millis(500),
        "every phrase within 0.5 s: {latencies:?}"
    );

    // Leaving the field saves it; the follower shows it as saved, without the mark.
    editor.send("\x1b");
    follower.wait_until("the saved text without the mark", |s| {
        s.replace(' ', "").contains("六是落实考核问责") && !s.contains("正在输入")
    });

    // Text typed and never saved (the editor is killed at once) is not left on the projector.
    editor.send("\r");
    editor.wait_for("编辑");
    editor.send_now("从未保存的一句话");
    follower.wait_for("从未保存的一句话");
    editor.signal(nix::sys::signal::Signal::SIGKILL);
    // Reaped, as a shell would: a zombie still has its /proc entry.
    let _ = editor.wait_exit();
    follower.wait_for("记录人已退出");
    follower.wait_until("no unsaved text", |s| {
        !s.replace(' ', "").contains("从未保存的一句话") && !s.contains("正在输入")
    });
    let saved = load_session(&file).expect("saved");
    let evidence = Field::Evidence.get(saved.answer("dept-1-1").expect("answer"));
    assert!(evidence.ends_with("六是落实考核问责"), "{evidence}");
    assert!(!evidence.contains("从未保存"), "{evidence}");
}

#[test]
fn the_meetings_terminal_keeps_its_memory_in_small_pages() {
    // The allocator asks for huge pages, which doubled the terminal's memory; every command
    // but the roll-up turns them off for itself (BENCHMARKS.md).
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut tui, _file) = dept_session(dir.path());
    let status = std::fs::read_to_string(format!("/proc/{}/status", tui.pid()));
    tui.send("\x11");
    assert_eq!(tui.wait_exit(), 0);
    let Ok(status) = status else {
        // No /proc here: nothing to read the setting from.
        eprintln!("no /proc/PID/status on this system");
        return;
    };
    match status.lines().find(|l| l.starts_with("THP_enabled:")) {
        Some(line) => assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}"),
        // Kernels before 6.x do not say; nothing to check there.
        None => eprintln!("this kernel does not report THP_enabled"),
    }
}
