//! Issue 5, hostile input through the real binary: session files, template files, pasted text
//! and file names that carry terminal control sequences (OSC title, clipboard and link, CSI,
//! DCS, C1), BEL, backspaces, carriage returns, bidi overrides and zero-width characters never
//! reach the terminal as controls, stay visible in a safe form, and leave the file as it was;
//! and bad files (empty, truncated, not UTF-8, wrong types, 10,000-deep nesting, 100 MB, a newer
//! schema, duplicate ids, an unknown answer id) are refused by `open`, `validate` and `new
//! --template` with one message naming the file and the place, exit status 1, no panic, and
//! the file unchanged. The library side of bad files is in `tests/storage.rs`.

mod common;
mod harness;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use harness::{HOSTILE, Tui, assert_terminal_safe, has_control, terminal_offence};
use selfcheck::model::{Field, Session, builtin};
use selfcheck::store::{Document, load_session, to_json};
use serde_json::{Value, json};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// `text` with the hostile payload around it.
fn evil(text: &str) -> String {
    format!("{text}{HOSTILE}")
}

/// A session whose every text, the copy of the template's included, carries [`HOSTILE`].
fn hostile_session() -> Session {
    let mut s = common::session("gov", "");
    s.unit.name = evil("应急局");
    s.meeting.title = evil("会议");
    s.meeting.place = evil("会议室");
    s.meeting.host = evil("张三");
    s.meeting.recorder = evil("李四");
    s.meeting.attendees = vec![evil("王五"), evil("赵六")];
    let t = &mut s.template;
    t.title = evil("检查表");
    t.answer_set[0].label = evil("已落实");
    for section in &mut t.sections {
        section.title = evil(&section.title);
        for item in &mut section.items {
            for r in &mut item.requirements {
                *r = evil(r);
            }
            for c in &mut item.checks {
                c.text = evil(&c.text);
            }
        }
    }
    let now = common::ts("2023-12-05T10:00:00+08:00");
    s.set_status("gov-1-1", Some("not_done"), now)
        .expect("status");
    for f in [
        Field::Evidence,
        Field::Problems,
        Field::Causes,
        Field::Measures,
        Field::Owner,
    ] {
        s.set_field("gov-1-1", f, &evil("字段"), now)
            .expect("field");
    }
    s.toggle_flag("gov-1-1", now).expect("flag");
    s.conclusions.overview = evil("总结");
    s
}

/// Writes `session` as `path` exactly as the store does.
fn write_session(path: &Path, session: &Session) {
    drop(Document::create(path, session).expect("create"));
}

/// Asserts the screen shows the controls in their visible form.
fn assert_shown_safely(tui: &Tui) {
    tui.settle(std::time::Duration::from_millis(200));
    let screen = tui.screen();
    for visible in ["<U+001B>", "<U+0007>"] {
        assert!(screen.contains(visible), "{visible} shown:\n{screen}");
    }
    assert!(
        !has_control(&screen),
        "a control on the screen:\n{screen:?}"
    );
}

#[test]
fn the_output_check_catches_each_attack_and_passes_what_crossterm_writes() {
    for attack in [
        "\x1b]0;title\x07",
        "\x1b]52;c;SGk=\x1b\\",
        "\x1bP1$r\x1b\\",
        "\x1b7",
        "\x1b[0 q",
        "\x07",
        "a\x08b",
        "\x7f",
        "\u{9b}31m",
        "\u{9d}0;t\u{9c}",
        "\u{202e}",
        "\u{2066}",
        "\u{200b}",
        "\u{feff}",
    ] {
        assert!(terminal_offence(attack.as_bytes()).is_some(), "{attack:?}");
    }
    let crossterm = "\x1b[?1049h\x1b[?2004h\x1b[1;1H\x1b[38;5;231m\x1b[48;5;16m中文\x1b[0m\
                     \x1b[?25l\x1b[2J\x1b[?2004l\x1b[?1049l\x1b[?25h\r\n";
    assert_eq!(terminal_offence(crossterm.as_bytes()), None);
}

#[test]
fn a_hostile_session_file_never_drives_the_terminal_and_is_left_as_it_was() {
    let dir = temp();
    let file = dir.path().join("evil.json");
    write_session(&file, &hostile_session());
    let before = std::fs::read(&file).expect("read");
    let mut tui = Tui::start_sized(&["open", s(&file)], dir.path(), 40, 120);
    tui.wait_for("检查项目");
    tui.wait_for("<U+001B>");
    assert_shown_safely(&tui);
    assert!(
        tui.shows("<U+202E>"),
        "bidi override shown:\n{}",
        tui.screen()
    );
    let mut offences = Vec::new();
    let mut from = 0;
    let mut check = |tui: &Tui, what: &str| {
        tui.settle(std::time::Duration::from_millis(200));
        let raw = tui.raw();
        if let Some(o) = terminal_offence(&raw[from..]) {
            offences.push(format!("{what}: {o}"));
        }
        if has_control(&tui.screen()) {
            offences.push(format!("{what}: a control on the screen"));
        }
        from = raw.len();
    };
    check(&tui, "the walk-through screen");
    // Every screen that shows the session's text: the fields, the summary, projector mode, the
    // meeting details form, help.
    for (key, back, shows, what) in [
        ("\t", "\x1b", "字段", "the fields"),
        ("r", "\x1b", "落实情况统计", "the summary"),
        ("p", "\x1b", "检查", "projector mode"),
        ("m", "\x1b", "会议地点", "the meeting details form"),
        ("?", "\x1b", "F1", "help"),
    ] {
        tui.send(key);
        tui.wait_for(shows);
        check(&tui, what);
        tui.send(back);
    }
    tui.send("\x11");
    assert_eq!(tui.wait_exit(), 0);
    check(&tui, "quitting");
    assert!(offences.is_empty(), "{offences:#?}");
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "the file is byte-for-byte as it was"
    );
}

#[test]
fn a_hostile_field_opened_in_the_editor_is_shown_safely() {
    let dir = temp();
    let file = dir.path().join("evil-edit.json");
    write_session(&file, &hostile_session());
    let before = std::fs::read(&file).expect("read");
    let mut tui = Tui::start_sized(&["open", s(&file)], dir.path(), 40, 120);
    tui.wait_for("检查项目");
    let from = tui.written();
    tui.send("\r");
    tui.wait_for("编辑中");
    tui.settle(std::time::Duration::from_millis(300));
    let raw = tui.raw();
    assert_terminal_safe(&raw[from..], "the editor on a hostile field");
    assert!(!has_control(&tui.screen()), "{}", tui.screen());
    // Opening and leaving a field without typing changes nothing: the text stays as it was.
    tui.send("\x1b");
    tui.send("\x11");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "nothing typed, nothing written"
    );

    // Typing into it keeps the visible text and drops the controls.
    let mut tui = Tui::start_sized(&["open", s(&file)], dir.path(), 40, 120);
    tui.wait_for("检查项目");
    tui.send("\r");
    tui.wait_for("编辑中");
    tui.send("补");
    tui.send("\x1b");
    tui.send("\x11");
    assert_eq!(tui.wait_exit(), 0);
    let saved = load_session(&file).expect("loads");
    let text = Field::Evidence.get(saved.answer("gov-1-1").expect("answer"));
    assert!(!has_control(&text), "what the editor kept: {text:?}");
    assert!(
        text.starts_with("字段标题") && text.ends_with("尾补"),
        "{text:?}"
    );
}

#[test]
fn a_hostile_template_file_never_drives_the_terminal() {
    let dir = temp();
    let mut template = builtin::get("dept").expect("dept");
    template.id = "evil".into();
    template.title = evil("模板");
    for section in &mut template.sections {
        section.title = evil(&section.title);
        for item in &mut section.items {
            for c in &mut item.checks {
                c.text = evil(&c.text);
            }
        }
    }
    let template_file = dir.path().join("evil-template.json");
    let text = serde_json::to_string_pretty(&template).expect("json");
    std::fs::write(&template_file, &text).expect("write");
    let out = dir.path().join("from-template.json");
    let mut tui = Tui::start_sized(
        &[
            "new",
            "--template",
            s(&template_file),
            "--unit",
            "测试单位",
            "--out",
            s(&out),
        ],
        dir.path(),
        40,
        120,
    );
    tui.wait_for("检查项目");
    tui.wait_for("<U+001B>");
    assert_shown_safely(&tui);
    tui.send("\x11");
    assert_eq!(tui.wait_exit(), 0);
    assert_terminal_safe(&tui.raw(), "a hostile template");
    assert_eq!(
        std::fs::read_to_string(&template_file).expect("read"),
        text,
        "the template file is only read"
    );
}

#[test]
fn hostile_pasted_text_is_stored_without_its_controls() {
    let dir = temp();
    let file = dir.path().join("paste.json");
    write_session(&file, &common::session("gov", "粘贴测试"));
    let mut tui = Tui::start(&["open", s(&file)], dir.path());
    tui.wait_for("检查项目");
    tui.send("\r");
    // A bracketed paste whose content carries every attack, and one that tries to end the
    // paste early and type keys of its own.
    tui.send(&format!("\x1b[200~粘贴开始{HOSTILE}粘贴结束\x1b[201~"));
    tui.wait_for("粘贴结束");
    tui.send("\t");
    tui.send("\x1b[200~第二栏\r\n\x1b]0;t\x07\x1b[201~");
    tui.wait_for("第二栏");
    tui.send("\x1b");
    tui.send("\x11");
    tui.wait_exit();
    assert_terminal_safe(&tui.raw(), "pasting hostile text");
    let saved = load_session(&file).expect("loads");
    let answer = saved.answer("gov-1-1").expect("answer");
    let pasted = Field::Evidence.get(answer);
    assert!(
        pasted.starts_with("粘贴开始") && pasted.ends_with("粘贴结束"),
        "{pasted:?}"
    );
    assert!(!has_control(&pasted), "stored: {pasted:?}");
    let raw = std::fs::read_to_string(&file).expect("read");
    assert!(!raw.contains("\\u001b") && !raw.contains('\u{9b}'), "{raw}");
    assert!(Field::Problems.get(answer).starts_with("第二栏"));
}

#[test]
fn a_paste_that_never_ends_is_ended_after_a_short_silence() {
    let dir = temp();
    let file = dir.path().join("paste.json");
    write_session(&file, &common::session("gov", "粘贴测试"));
    let mut tui = Tui::start(&["open", s(&file)], dir.path());
    tui.wait_for("检查项目");
    tui.send("\r");
    // The start of a paste, its text, and no end: a dropped connection, or a crafted paste.
    tui.send("\x1b[200~没有结尾的粘贴");
    // The text arrives as pasted once the terminal has been silent a moment ...
    tui.wait_for("没有结尾的粘贴");
    // ... and keys work again afterwards: typing, Esc, and Ctrl+Q.
    tui.send("之后输入");
    tui.wait_for("没有结尾的粘贴之后输入");
    tui.send("\x1b");
    tui.send("\x11");
    assert_eq!(
        tui.wait_exit(),
        0,
        "Ctrl+Q after the paste did not end the program"
    );
    let saved = load_session(&file).expect("loads");
    assert_eq!(
        Field::Evidence.get(saved.answer("gov-1-1").expect("answer")),
        "没有结尾的粘贴之后输入"
    );
}

/// A file name with an OSC title sequence, an ESC CSI and a bidi override in it.
fn hostile_name(prefix: &str) -> std::ffi::OsString {
    let mut name = prefix.as_bytes().to_vec();
    name.extend_from_slice("\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}nosj.json".as_bytes());
    OsStr::from_bytes(&name).to_owned()
}

/// Runs the binary with English messages (the checks below look for English words).
fn run(args: &[&OsStr], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_selfcheck"))
        .args(args)
        .args(["--lang", "en"])
        .env("SELFCHECK_DATA_DIR", data)
        .env("HOME", data)
        .env("LANG", "C.UTF-8")
        .env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

#[test]
fn hostile_file_names_are_shown_safely_by_list_the_picker_and_error_messages() {
    let dir = temp();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("data");
    let good = data.join(hostile_name("good"));
    write_session(&good, &hostile_session());
    let bad = data.join(hostile_name("bad"));
    std::fs::write(&bad, b"{\"schema_version\": 1, \"template\": ").expect("write");
    let bad_before = std::fs::read(&bad).expect("read");

    let out = run(&[OsStr::new("list")], &data);
    assert_eq!(out.status.code(), Some(0));
    assert_terminal_safe(&out.stdout, "list stdout");
    assert_terminal_safe(&out.stderr, "list stderr");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(listed.contains("good<U+001B>]0;pwned<U+0007>"), "{listed}");
    assert!(listed.contains("bad<U+001B>"), "{listed}");

    // Messages printed after the terminal is given back (or before it is taken).
    for cmd in ["open", "validate", "export"] {
        let mut args = vec![OsStr::new(cmd), bad.as_os_str()];
        if cmd == "export" {
            args.extend([OsStr::new("--format"), OsStr::new("json")]);
        }
        let out = run(&args, &data);
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        assert_terminal_safe(&out.stderr, &format!("{cmd} stderr"));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("bad<U+001B>]0;pwned<U+0007>"), "{cmd}: {err}");
        assert!(err.contains(":1:"), "{cmd} says where: {err}");
    }
    assert_eq!(std::fs::read(&bad).expect("read"), bad_before);

    // The picker lists both, and opening the good one from it.
    let mut tui = Tui::start_sized(&[], &data, 40, 120);
    tui.wait_for("应急局标题<U+001B>");
    tui.wait_for("bad<U+001B>");
    assert!(!has_control(&tui.screen()), "{}", tui.screen());
    tui.send("\x11");
    tui.wait_exit();
    assert_terminal_safe(&tui.raw(), "the picker");
}

#[test]
fn exports_printed_on_a_terminal_are_shown_safely() {
    let dir = temp();
    let file = dir.path().join("evil-export.json");
    write_session(&file, &hostile_session());
    for format in ["md", "csv", "json"] {
        let mut tui = Tui::start(&["export", s(&file), "--format", format], dir.path());
        assert_eq!(tui.wait_exit(), 0, "{format}");
        let raw = tui.raw();
        assert_terminal_safe(&raw, &format!("export --format {format}"));
        let shown = String::from_utf8_lossy(&raw);
        assert!(shown.contains("<U+009B>"), "{format}: {shown}");
    }
}

#[test]
fn json_printed_by_list_and_template_show_escapes_bidi_and_c1_characters() {
    let dir = temp();
    let good = dir.path().join(hostile_name("good"));
    write_session(&good, &hostile_session());
    let out = run(&[OsStr::new("list"), OsStr::new("--json")], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert_terminal_safe(&out.stdout, "list --json stdout");
    let rows: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        rows[0]["path"].as_str().map(Path::new),
        Some(good.as_path()),
        "the same path, escaped"
    );
    let template = dir.path().join("evil-template.json");
    let mut t = builtin::get("gov").expect("gov");
    t.title = evil("模板");
    std::fs::write(&template, serde_json::to_vec(&t).expect("json")).expect("write");
    let mut tui = Tui::start(&["template", "show", s(&template)], dir.path());
    assert_eq!(tui.wait_exit(), 0);
    assert_terminal_safe(&tui.raw(), "template show on a terminal");
}

// --- 5. Bad files through the binary ---

/// One bad file and what its message must say besides the file's name.
struct Bad {
    name: &'static str,
    bytes: Vec<u8>,
    says: &'static str,
    /// Whether the message gives the line and column (`FILE:LINE:COLUMN:`).
    position: bool,
}

fn good_session_text() -> String {
    String::from_utf8(to_json(&common::session("gov", "甲"))).expect("UTF-8")
}

fn nested(depth: usize) -> String {
    format!(
        "{{\"schema_version\": 1, \"x\": {}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

fn bad_sessions() -> Vec<Bad> {
    let good = good_session_text();
    let v: Value = serde_json::from_str(&good).expect("json");
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = v.clone();
        f(&mut v);
        common::pretty(&v).into_bytes()
    };
    let mut gbk = good.clone().into_bytes();
    let at = good.find("\"甲\"").expect("unit") + 1;
    gbk.splice(at..at + "甲".len(), [0xBC, 0xD7]); // 甲 in GBK
    vec![
        Bad {
            name: "empty.json",
            bytes: Vec::new(),
            position: false,
            says: "empty",
        },
        Bad {
            name: "blank.json",
            bytes: b" \n\t\n".to_vec(),
            position: false,
            says: "empty",
        },
        Bad {
            name: "truncated.json",
            // Cut where a character ends: a cut inside one would be the not-UTF-8 case.
            bytes: good.as_bytes()[..(0..=good.len() * 2 / 3)
                .rev()
                .find(|&i| good.is_char_boundary(i))
                .unwrap_or(0)]
                .to_vec(),
            position: true,
            says: "ends too early",
        },
        Bad {
            name: "gbk.json",
            bytes: gbk,
            position: true,
            says: "not UTF-8",
        },
        Bad {
            name: "version-text.json",
            bytes: with(&|v| v["schema_version"] = json!("1")),
            position: true,
            says: "invalid type",
        },
        Bad {
            name: "answers-array.json",
            bytes: with(&|v| v["answers"] = json!([1, 2])),
            position: true,
            says: "invalid type",
        },
        Bad {
            name: "unit-number.json",
            bytes: with(&|v| v["unit"]["name"] = json!(42)),
            position: true,
            says: "invalid type",
        },
        Bad {
            name: "deep.json",
            bytes: nested(10_000).into_bytes(),
            position: true,
            says: "recursion limit",
        },
        Bad {
            name: "deep-in-answer.json",
            bytes: {
                let text = common::pretty(&v);
                let deep = format!("[{}{}]", "[".repeat(10_000), "]".repeat(10_000));
                text.replacen(
                    "\"answers\": {}",
                    &format!("\"answers\": {{\"gov-1-1\": {{\"x_deep\": {deep}}}}}"),
                    1,
                )
                .into_bytes()
            },
            position: true,
            says: "recursion limit",
        },
        Bad {
            name: "newer.json",
            bytes: with(&|v| v["schema_version"] = json!(99)),
            position: false,
            says: "99",
        },
        Bad {
            name: "unknown-answer.json",
            bytes: with(&|v| v["answers"] = json!({"gov-9-9": {"status": "done"}})),
            position: false,
            says: "gov-9-9",
        },
        Bad {
            name: "duplicate-check.json",
            bytes: with(&|v| {
                v["template"]["sections"][0]["items"][1]["checks"][0]["id"] = json!("gov-1-1");
            }),
            position: false,
            says: "gov-1-1",
        },
    ]
}

fn assert_refused(out: &Output, file: &Path, bad: &Bad, what: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{what}: exit status 1, not a panic (101): {err}"
    );
    assert!(!err.contains("panicked"), "{what}: {err}");
    assert!(err.contains(s(file)), "{what}: names the file: {err}");
    assert!(err.contains(bad.says), "{what}: says {:?}: {err}", bad.says);
    if bad.position {
        let at = format!("{}:", s(file));
        let position = err
            .find(&at)
            .map(|i| &err[i + at.len()..])
            .and_then(|rest| {
                rest.split(':')
                    .take(2)
                    .map(str::parse::<usize>)
                    .collect::<Result<Vec<_>, _>>()
                    .ok()
            });
        assert!(
            position.is_some_and(|p| p.len() == 2 && p.iter().all(|&n| n > 0)),
            "{what}: gives line and column: {err}"
        );
    }
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "{what}: one message: {err}"
    );
    assert_terminal_safe(&out.stderr, what);
}

#[test]
fn bad_session_files_are_refused_by_open_and_validate_and_left_as_they_were() {
    let dir = temp();
    let data = dir.path().join("data");
    for bad in bad_sessions() {
        let file = dir.path().join(bad.name);
        std::fs::write(&file, &bad.bytes).expect("write");
        for cmd in ["open", "validate"] {
            let out = run(&[OsStr::new(cmd), file.as_os_str()], &data);
            let what = format!("{cmd} {}", bad.name);
            assert_refused(&out, &file, &bad, &what);
            assert_eq!(
                std::fs::read(&file).expect("read"),
                bad.bytes,
                "{what}: file unchanged"
            );
        }
    }
}

#[test]
fn a_100_mb_session_is_refused_without_being_read() {
    let dir = temp();
    let file = dir.path().join("huge.json");
    let f = std::fs::File::create(&file).expect("create");
    f.set_len(100_000_000).expect("sparse");
    drop(f);
    let bad = Bad {
        name: "huge.json",
        bytes: Vec::new(),
        says: "100000000 bytes",
        position: false,
    };
    for cmd in ["open", "validate"] {
        let out = run(&[OsStr::new(cmd), file.as_os_str()], dir.path());
        assert_refused(&out, &file, &bad, cmd);
    }
    let out = run(
        &[
            OsStr::new("new"),
            OsStr::new("--template"),
            file.as_os_str(),
            OsStr::new("--unit"),
            OsStr::new("甲"),
            OsStr::new("--out"),
            dir.path().join("x.json").as_os_str(),
        ],
        dir.path(),
    );
    assert_refused(&out, &file, &bad, "new --template");
    assert_eq!(std::fs::metadata(&file).expect("meta").len(), 100_000_000);
}

fn bad_templates() -> Vec<Bad> {
    let t = serde_json::to_value(builtin::get("gov").expect("gov")).expect("value");
    let text = common::pretty(&t);
    let with = |f: &dyn Fn(&mut Value)| {
        let mut t = t.clone();
        f(&mut t);
        common::pretty(&t).into_bytes()
    };
    let mut gbk = text.clone().into_bytes();
    gbk.splice(10..10, [0xB0, 0xB2]);
    vec![
        Bad {
            name: "t-empty.json",
            bytes: Vec::new(),
            position: false,
            says: "empty",
        },
        Bad {
            name: "t-truncated.json",
            bytes: text.as_bytes()[..text.len() / 2].to_vec(),
            position: true,
            says: "ends too early",
        },
        Bad {
            name: "t-gbk.json",
            bytes: gbk,
            position: true,
            says: "not UTF-8",
        },
        Bad {
            name: "t-types.json",
            bytes: with(&|t| t["sections"] = json!({"a": 1})),
            position: true,
            says: "invalid type",
        },
        Bad {
            name: "t-deep.json",
            bytes: text
                .replacen(
                    '{',
                    &format!(
                        "{{\"x_deep\": {}{},",
                        "[".repeat(10_000),
                        "]".repeat(10_000)
                    ),
                    1,
                )
                .into_bytes(),
            position: true,
            says: "recursion limit",
        },
        Bad {
            name: "t-duplicate.json",
            bytes: with(&|t| t["sections"][0]["items"][1]["checks"][0]["id"] = json!("gov-1-1")),
            position: false,
            says: "gov-1-1",
        },
        Bad {
            name: "t-duplicate-answer.json",
            bytes: with(&|t| t["answer_set"][1]["id"] = json!("done")),
            position: false,
            says: "done",
        },
    ]
}

#[test]
fn bad_template_files_are_refused_by_new_and_nothing_is_created() {
    let dir = temp();
    let data = dir.path().join("data");
    let out_file = dir.path().join("never.json");
    for bad in bad_templates() {
        let file = dir.path().join(bad.name);
        std::fs::write(&file, &bad.bytes).expect("write");
        let out = run(
            &[
                OsStr::new("new"),
                OsStr::new("--template"),
                file.as_os_str(),
                OsStr::new("--unit"),
                OsStr::new("甲"),
                OsStr::new("--out"),
                out_file.as_os_str(),
            ],
            &data,
        );
        let what = format!("new --template {}", bad.name);
        assert_refused(&out, &file, &bad, &what);
        assert_eq!(std::fs::read(&file).expect("read"), bad.bytes, "{what}");
        assert!(!out_file.exists(), "{what}: no session created");
        assert!(out.stdout.is_empty(), "{what}");
    }
}

#[test]
fn a_folder_given_as_a_file_is_refused() {
    let dir = temp();
    let folder = dir.path().join("folder.json");
    std::fs::create_dir(&folder).expect("mkdir");
    for cmd in ["open", "validate"] {
        let out = run(&[OsStr::new(cmd), folder.as_os_str()], dir.path());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {err}");
        assert!(err.contains(s(&folder)), "{cmd}: {err}");
    }
}
