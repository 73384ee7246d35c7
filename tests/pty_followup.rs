//! Tier 4 for the next meeting: the real binary in a pseudo-terminal makes this year's session
//! from last year's in the picker, follows up a carried-over measure, signs it with a typed
//! Chinese name, and the files on disk say so (the link, the carried measure, the signature
//! that `selfcheck validate` finds matching).

mod followup_support;
mod harness;
mod ui_support;

use std::process::Command;

use harness::Tui;
use selfcheck::model::session::RectificationState;
use selfcheck::model::signoff::Role;
use selfcheck::store::load_session;

#[test]
fn next_years_session_from_the_picker_followed_up_and_signed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let last = dir.path().join("2023-12-05-临港区应急管理局.json");
    let doc = selfcheck::store::Document::create(&last, &followup_support::year_one())
        .expect("last year's session written");
    drop(doc);

    let mut tui = Tui::start_sized(&[], dir.path(), 24, 80);
    tui.wait_for("临港区应急管理局");
    // The picker selects the latest session; Ctrl+X starts a new one from it.
    tui.send("\x18");
    tui.wait_for("为基础");
    tui.send("\x13"); // Ctrl+S: create
    tui.wait_for("上次：基本落实");
    // 1.1 has last year's measure carried over: close it with evidence.
    tui.send("\x0b"); // Ctrl+K
    tui.wait_for("销号佐证");
    tui.send("\x1b[C\x1b[C"); // Right, Right: 已完成
    tui.send("\x1b[B\x1b[B\x1b[B"); // down to the evidence
    tui.send("清单已修订印发");
    tui.wait_for("清单已修订印发");
    tui.send("\x13");
    tui.wait_for("已销号");
    // The summary: sign as 主持人.
    tui.send("r");
    tui.wait_for("汇总");
    tui.send("\x04"); // Ctrl+D
    tui.wait_for("签字人姓名");
    tui.send("张主任");
    tui.wait_for("张主任");
    tui.send("\r");
    tui.wait_for("校验码");
    // Read-only now: a status key is refused, with the reason.
    tui.send("\x1b");
    tui.wait_for("检查项目");
    tui.send("1");
    tui.wait_for("已签字");
    tui.send("\x11"); // Ctrl+Q
    assert_eq!(tui.wait_exit(), 0, "exit status");
    harness::assert_terminal_restored(&tui.raw());

    let made: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && *p != last)
        .collect();
    assert_eq!(made.len(), 1, "one new session: {made:?}");
    let s = load_session(&made[0]).expect("the new session loads");
    let link = s.previous.as_ref().expect("linked to last year's");
    assert_eq!(link.file, "2023-12-05-临港区应急管理局.json");
    assert_eq!(s.status("dept-1-1"), None, "statuses start empty");
    let m = &s.answer("dept-1-1").expect("answer").carried_over[0];
    assert_eq!(m.state, RectificationState::Done);
    assert_eq!(m.closing_evidence, "清单已修订印发");
    assert_eq!(s.signatures.len(), 1);
    assert_eq!(s.signatures[0].role, Role::Host);
    assert_eq!(s.signatures[0].name, "张主任");

    let out = Command::new(env!("CARGO_BIN_EXE_selfcheck"))
        .arg("validate")
        .arg(&made[0])
        .env("LC_ALL", "C.UTF-8")
        .env("HOME", dir.path())
        .output()
        .expect("validate runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("与内容一致"), "{said}");
    assert!(
        said.contains("未改动"),
        "the link to last year's file holds: {said}"
    );
}
