//! The command line, run as the built binary: creating, listing and validating sessions, the
//! built-in checklists, exporting the session JSON, exit statuses and global options.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use clap::CommandFactory;
use selfcheck::model::{Template, UnitKind, builtin};
use selfcheck::store::load_session;
use serde_json::Value;

/// A temporary home and data folder for one test.
struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("home")).expect("home");
        Self { dir }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary with a clean environment: no data folder variable, a temporary home.
    fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_selfcheck"));
        c.env_remove("SELFCHECK_DATA_DIR")
            .env("HOME", self.dir.path().join("home"))
            .env("XDG_DATA_HOME", self.dir.path().join("home/.local/share"))
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .stdin(Stdio::null());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("the binary runs")
    }

    /// Runs with `--data-dir` after the other arguments.
    fn run_in_data(&self, args: &[&str]) -> Output {
        let data = self.data();
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--data-dir", data.to_str().expect("UTF-8 path")]);
        self.run(&all)
    }

    /// `new --template T --unit U --no-open` in the data folder; the created path.
    fn new_session(&self, template: &str, unit: &str) -> PathBuf {
        let out = self.run_in_data(&["new", "--template", template, "--unit", unit, "--no-open"]);
        assert_ok(&out);
        let path = PathBuf::from(stdout(&out).trim_end());
        assert!(path.is_file(), "{} exists", path.display());
        path
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr")
}

fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "status {:?}\nstdout: {}\nstderr: {}",
        out.status,
        stdout(out),
        stderr(out)
    );
}

fn assert_code(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        stdout(out),
        stderr(out)
    );
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: stdout is JSON: {}", stdout(out)))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

// --- new ---

#[test]
fn new_creates_a_valid_session_and_prints_its_path() {
    let env = Env::new();
    let path = env.new_session("dept", "应急局");
    assert_eq!(path.parent(), Some(env.data().as_path()));
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(name.ends_with("-应急局.json"), "{name}");
    let session = load_session(&path).expect("a valid session");
    assert_eq!(session.template, builtin::get("dept").expect("dept"));
    assert_eq!(session.unit.name, "应急局");
    assert_eq!(session.unit.kind, Some(UnitKind::Dept));
    assert!(session.meeting.date.is_some(), "today by default");
    assert!(session.answers.is_empty());
    #[cfg(unix)]
    {
        assert_eq!(common::mode(&path), 0o600);
        assert_eq!(common::mode(&env.data()), 0o700);
    }
}

#[test]
fn new_takes_the_meeting_details() {
    let env = Env::new();
    let out_file = env.path("meeting.json");
    let out = env.run(&[
        "new",
        "--template",
        "full",
        "--unit",
        "临港区",
        "--kind",
        "gov",
        "--title",
        "专项行动对照检查会",
        "--date",
        "2023年12月5日",
        "--place",
        "一楼会议室",
        "--host",
        "张三",
        "--recorder",
        "李四",
        "--attendees",
        "王五、赵六,钱七",
        "--out",
        s(&out_file),
        "--no-open",
    ]);
    assert_ok(&out);
    assert_eq!(stdout(&out).trim_end(), s(&out_file));
    let session = load_session(&out_file).expect("valid");
    assert_eq!(session.template.id, "full");
    assert_eq!(session.unit.kind, Some(UnitKind::Gov));
    let m = &session.meeting;
    assert_eq!(m.title, "专项行动对照检查会");
    assert_eq!(m.date, Some(common::date("2023-12-05")));
    assert_eq!(
        (m.place.as_str(), m.host.as_str(), m.recorder.as_str()),
        ("一楼会议室", "张三", "李四")
    );
    assert_eq!(m.attendees, ["王五", "赵六", "钱七"]);
}

#[test]
fn new_takes_the_attendance_and_refuses_what_the_form_refuses() {
    let env = Env::new();
    let made = env.path("present.json");
    let out = env.run(&[
        "new",
        "--unit",
        "临港区",
        "--attendees",
        "王五、赵六、钱七",
        "--expected",
        "5",
        "--present",
        "4",
        "--absent",
        "孙八（出差）",
        "--out",
        s(&made),
        "--no-open",
    ]);
    assert_ok(&out);
    let a = load_session(&made).expect("valid").meeting.attendance;
    assert_eq!((a.expected, a.present), (Some(5), Some(4)));
    assert_eq!(a.absentees[0].name, "孙八");
    assert_eq!(a.absentees[0].reason, "出差");

    // More present than expected: refused, naming the option, and no file made.
    let refused = env.path("refused.json");
    let out = env.run(&[
        "new",
        "--unit",
        "临港区",
        "--expected",
        "5",
        "--present",
        "6",
        "--out",
        s(&refused),
        "--no-open",
    ]);
    assert_code(&out, 1);
    assert!(stderr(&out).contains("--present"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("实到人数 6 多于应到人数 5"),
        "{}",
        stderr(&out)
    );
    assert!(!refused.exists());

    // Counts that do not add up are made, with a note.
    let noted = env.path("noted.json");
    let out = env.run(&[
        "new",
        "--unit",
        "临港区",
        "--expected",
        "5",
        "--present",
        "3",
        "--absent",
        "孙八（出差）",
        "--out",
        s(&noted),
        "--no-open",
    ]);
    assert_ok(&out);
    assert!(stderr(&out).contains("人数对不上"), "{}", stderr(&out));
}

#[test]
fn new_accepts_a_template_file() {
    let env = Env::new();
    let template = env.path("custom.json");
    let mut t = builtin::get("enterprise").expect("enterprise");
    "my-list".clone_into(&mut t.id);
    t.sections[0].items.truncate(2);
    std::fs::write(&template, serde_json::to_vec_pretty(&t).expect("json")).expect("write");
    let path = env.new_session(s(&template), "某企业");
    let session = load_session(&path).expect("valid");
    assert_eq!(session.template, t);
    assert_eq!(session.unit.kind, Some(UnitKind::Enterprise));

    let out = env.run_in_data(&[
        "new",
        "--template",
        "no-such-list",
        "--unit",
        "某企业",
        "--no-open",
    ]);
    assert_code(&out, 1);
    assert!(stderr(&out).contains("no-such-list"), "{}", stderr(&out));
    assert!(stderr(&out).contains("gov"), "{}", stderr(&out));
}

#[test]
fn new_refuses_to_overwrite_an_existing_file() {
    let env = Env::new();
    let out_file = env.path("taken.json");
    std::fs::write(&out_file, b"someone's notes\n").expect("write");
    let out = env.run(&["new", "--unit", "甲", "--out", s(&out_file), "--no-open"]);
    assert_code(&out, 1);
    assert!(stderr(&out).contains(s(&out_file)), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&out_file).expect("read"),
        b"someone's notes\n"
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn new_refuses_a_bad_date() {
    let env = Env::new();
    let out = env.run_in_data(&["new", "--unit", "甲", "--date", "明天", "--no-open"]);
    assert_code(&out, 1);
    assert!(stderr(&out).contains("--date"), "{}", stderr(&out));
    assert!(!env.data().exists() || std::fs::read_dir(env.data()).expect("dir").count() == 0);
}

// --- list ---

#[test]
fn list_shows_sessions_with_progress() {
    let env = Env::new();
    let out = env.run_in_data(&["list"]);
    assert_ok(&out);
    assert!(!stdout(&out).contains(".json"), "{}", stdout(&out));
    let out = env.run_in_data(&["list", "--json"]);
    assert_ok(&out);
    assert_eq!(json(&out), serde_json::json!([]));

    let path = env.new_session("dept", "应急局");
    let out = env.run_in_data(&["list"]);
    assert_ok(&out);
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains("应急局"))
        .unwrap_or_else(|| panic!("listed: {text}"));
    assert!(line.contains(" dept "), "{line}");
    assert!(line.contains(" 0/15 "), "{line}");
    assert!(line.contains(s(&path)), "{line}");

    let out = env.run_in_data(&["list", "--json"]);
    assert_ok(&out);
    let rows = json(&out);
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row["path"], s(&path));
    assert_eq!(row["unit"], "应急局");
    assert_eq!(row["unit_kind"], "dept");
    assert_eq!(row["template"], "dept");
    assert_eq!(row["answered"], 0);
    assert_eq!(row["total"], 15);
}

// --- templates ---

const SHAPES: [(&str, usize, usize); 4] = [
    ("gov", 3, 13),
    ("dept", 6, 15),
    ("enterprise", 5, 16),
    ("full", 14, 44),
];

#[test]
fn templates_lists_the_built_in_checklists_with_counts() {
    let env = Env::new();
    let out = env.run(&["templates"]);
    assert_ok(&out);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    for (line, (id, items, checks)) in lines.iter().zip(SHAPES) {
        assert_eq!(line.split_whitespace().next(), Some(id), "{line}");
        assert!(line.contains(&format!("({items} ")), "{line}");
        assert!(line.contains(&format!(", {checks} ")), "{line}");
    }

    let out = env.run(&["templates", "--json"]);
    assert_ok(&out);
    let rows = json(&out);
    let got: Vec<(String, u64, u64)> = rows
        .as_array()
        .expect("array")
        .iter()
        .map(|r| {
            (
                r["id"].as_str().expect("id").to_owned(),
                r["items"].as_u64().expect("items"),
                r["checks"].as_u64().expect("checks"),
            )
        })
        .collect();
    let want: Vec<(String, u64, u64)> = SHAPES
        .iter()
        .map(|(id, i, c)| ((*id).to_owned(), *i as u64, *c as u64))
        .collect();
    assert_eq!(got, want);
    assert_eq!(rows[0]["title"], "党委政府属地管理责任落实情况对照检查表");
}

#[test]
fn template_show_prints_a_loadable_template() {
    let env = Env::new();
    for id in builtin::ids() {
        let out = env.run(&["template", "show", id]);
        assert_ok(&out);
        let t: Template = serde_json::from_slice(&out.stdout).expect("a template");
        assert_eq!(Some(t), builtin::get(id));
    }
    // Saved to a file, it is a custom checklist.
    let out = env.run(&["template", "show", "gov"]);
    let file = env.path("gov-copy.json");
    std::fs::write(&file, &out.stdout).expect("write");
    assert_ok(&env.run(&["validate", s(&file)]));

    let out = env.run(&["template", "show", "nope"]);
    assert_code(&out, 1);
    assert!(stderr(&out).contains("nope"));
}

// --- validate ---

#[test]
fn validate_accepts_good_sessions_and_templates() {
    let env = Env::new();
    let path = env.new_session("gov", "甲");
    let out = env.run(&["--lang", "en", "validate", s(&path)]);
    assert_ok(&out);
    assert!(stdout(&out).contains("session ok"), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 / 13"), "{}", stdout(&out));

    let template = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/templates/dept.json");
    let out = env.run(&["--lang", "en", "validate", s(&template)]);
    assert_ok(&out);
    assert!(stdout(&out).contains("template ok"), "{}", stdout(&out));
    assert!(stdout(&out).contains("15 checks"), "{}", stdout(&out));
}

#[test]
fn validate_fails_on_bad_files_naming_them() {
    let env = Env::new();
    let good = env.new_session("gov", "甲");
    let text = std::fs::read_to_string(&good).expect("read");

    let truncated = env.path("truncated.json");
    std::fs::write(&truncated, &text[..text.len() / 3]).expect("write");
    let wrong = env.path("wrong-status.json");
    let mut v: Value = serde_json::from_str(&text).expect("json");
    v["answers"] = serde_json::json!({"gov-1-1": {"status": "maybe"}});
    std::fs::write(&wrong, common::pretty(&v)).expect("write");
    let dup = env.path("dup-template.json");
    let mut t = serde_json::to_value(builtin::get("gov").expect("gov")).expect("value");
    t["sections"][0]["items"][1]["checks"][0]["id"] = "gov-1-1".into();
    std::fs::write(&dup, common::pretty(&t)).expect("write");
    let empty = env.path("empty.json");
    std::fs::write(&empty, b"").expect("write");
    let missing = env.path("missing.json");

    for file in [&truncated, &wrong, &dup, &empty, &missing] {
        let before = std::fs::read(file).ok();
        let out = env.run(&["validate", s(file)]);
        assert_code(&out, 1);
        let err = stderr(&out);
        assert!(err.contains(s(file)), "{err}");
        assert!(stdout(&out).is_empty());
        assert_eq!(std::fs::read(file).ok(), before);
    }
    let out = env.run(&["validate", s(&wrong)]);
    assert!(stderr(&out).contains("maybe"));
    let out = env.run(&["validate", s(&truncated)]);
    assert!(
        stderr(&out).contains(&format!("{}:", s(&truncated))),
        "{}",
        stderr(&out)
    );
}

// --- export ---

#[test]
fn export_json_prints_or_writes_the_session() {
    let env = Env::new();
    let path = env.new_session("enterprise", "某企业");
    let file = common::read_json(&path);

    let out = env.run(&["export", s(&path), "--format", "json"]);
    assert_ok(&out);
    assert_eq!(json(&out), file);

    let target = env.path("copy.json");
    let out = env.run(&["export", s(&path), "--format", "json", "-o", s(&target)]);
    assert_ok(&out);
    assert_eq!(common::read_json(&target), file);
    assert_eq!(
        load_session(&target).expect("valid"),
        load_session(&path).expect("valid")
    );
}

// --- arguments ---

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    for args in [
        &["frobnicate"][..],
        &["list", "--no-such-option"],
        &["export"],
        &["export", "x.json", "--format", "pdf"],
        &["template"],
    ] {
        let out = env.run(args);
        assert_code(&out, 2);
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
}

/// Every subcommand path, e.g. `["template", "show"]`, from the parser itself.
fn subcommands(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
    for sub in cmd.get_subcommands() {
        let mut path = prefix.to_vec();
        path.push(sub.get_name().to_owned());
        out.push(path.clone());
        subcommands(sub, &path, out);
    }
}

#[test]
fn help_works_on_every_subcommand() {
    let env = Env::new();
    let mut all = Vec::new();
    subcommands(&selfcheck::cli::Cli::command(), &[], &mut all);
    let names: Vec<String> = all.iter().map(|p| p.join(" ")).collect();
    for expected in [
        "new",
        "open",
        "list",
        "templates",
        "template",
        "template show",
        "validate",
        "export",
        "schema",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    let out = env.run(&["--help"]);
    assert_ok(&out);
    assert!(stdout(&out).contains("用法："));
    let out = env.run(&["--lang", "en", "--help"]);
    assert_ok(&out);
    assert!(stdout(&out).contains("Usage:"));
    for (lang, usage) in [("zh", "用法："), ("en", "Usage:")] {
        for path in &all {
            let mut args: Vec<&str> = vec!["--lang", lang];
            args.extend(path.iter().map(String::as_str));
            args.push("--help");
            let out = env.run(&args);
            assert_ok(&out);
            let text = stdout(&out);
            assert!(text.contains(usage), "{args:?}: {text}");
            assert!(
                text.contains(&format!("selfcheck {}", path.join(" "))),
                "{args:?}: {text}"
            );
        }
    }
}

#[test]
fn global_options_work_before_and_after_the_subcommand() {
    let env = Env::new();
    let path = env.new_session("gov", "甲单位");
    let data = env.data();
    let after = env.run(&["list", "--data-dir", s(&data)]);
    let before = env.run(&["--data-dir", s(&data), "list"]);
    assert_ok(&after);
    assert_ok(&before);
    assert!(stdout(&after).contains(s(&path)), "{}", stdout(&after));
    assert_eq!(stdout(&after), stdout(&before));

    let after = env.run(&["templates", "--lang", "en"]);
    let before = env.run(&["--lang", "en", "templates"]);
    assert_ok(&after);
    assert_eq!(stdout(&after), stdout(&before));
    assert!(stdout(&after).contains("checks"), "{}", stdout(&after));
    assert_ne!(stdout(&after), stdout(&env.run(&["templates"])));
}

#[test]
fn the_data_folder_variable_is_used_without_data_dir() {
    let env = Env::new();
    let shared = env.path("shared");
    let out = env
        .cmd()
        .env("SELFCHECK_DATA_DIR", &shared)
        .args(["new", "--template", "gov", "--unit", "乙单位", "--no-open"])
        .output()
        .expect("runs");
    assert_ok(&out);
    let path = PathBuf::from(stdout(&out).trim_end());
    assert_eq!(path.parent(), Some(shared.as_path()));

    let out = env
        .cmd()
        .env("SELFCHECK_DATA_DIR", &shared)
        .args(["list"])
        .output()
        .expect("runs");
    assert_ok(&out);
    assert!(stdout(&out).contains(s(&path)), "{}", stdout(&out));

    // --data-dir wins over the variable.
    let out = env
        .cmd()
        .env("SELFCHECK_DATA_DIR", &shared)
        .args(["list", "--json", "--data-dir", s(&env.data())])
        .output()
        .expect("runs");
    assert_ok(&out);
    assert_eq!(json(&out), serde_json::json!([]));
}

// --- files ---

#[test]
fn a_huge_file_is_refused_without_reading_it() {
    let env = Env::new();
    let big = env.path("huge.json");
    // Sparse: takes no space, but far more than memory if it were read.
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(1 << 40).expect("sparse");
    drop(f);
    for args in [
        &["validate", s(&big)][..],
        &["export", s(&big), "--format", "json"],
    ] {
        let out = env.run(args);
        assert_code(&out, 1);
        let err = stderr(&out);
        assert!(err.contains(s(&big)), "{err}");
        assert!(err.contains(&(1u64 << 40).to_string()), "{args:?}: {err}");
    }
    assert_eq!(std::fs::metadata(&big).expect("meta").len(), 1 << 40);
}

/// Runs the binary from a shell with umask 000.
#[cfg(unix)]
fn run_with_open_umask(env: &Env, args: &[&str]) -> Output {
    let mut sh = Command::new("sh");
    sh.env_remove("SELFCHECK_DATA_DIR")
        .env("HOME", env.dir.path().join("home"))
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::null())
        .arg("-c")
        .arg("umask 000 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_selfcheck"))
        .args(args);
    sh.output().expect("sh runs")
}

#[cfg(unix)]
#[test]
fn a_permissive_umask_does_not_make_files_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let data = env.path("deep/er/data");
    let out = run_with_open_umask(
        &env,
        &[
            "new",
            "--template",
            "gov",
            "--unit",
            "甲",
            "--no-open",
            "--data-dir",
            s(&data),
        ],
    );
    assert_ok(&out);
    let path = PathBuf::from(stdout(&out).trim_end());
    assert_eq!(common::mode(&path), 0o600);
    assert_eq!(common::mode(&data), 0o700);
    let lock = PathBuf::from(format!("{}.lock", s(&path)));
    assert_eq!(common::mode(&lock), 0o600);

    // A folder shared with a group: group-readable, never world-readable.
    let shared = env.path("shared");
    std::fs::create_dir(&shared).expect("mkdir");
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o2770)).expect("chmod");
    let out = run_with_open_umask(
        &env,
        &[
            "new",
            "--template",
            "gov",
            "--unit",
            "乙",
            "--no-open",
            "--data-dir",
            s(&shared),
        ],
    );
    assert_ok(&out);
    let path = PathBuf::from(stdout(&out).trim_end());
    // The session and its lock are group-writable, so that another member of the group can
    // save it (in place, where a sticky folder keeps them from replacing it) and take its lock.
    assert_eq!(common::mode(&path), 0o660);
    // The lock file too is group-writable: anyone in the group must be able to take the
    // session once its holder has quit, and write who they are.
    let lock = PathBuf::from(format!("{}.lock", s(&path)));
    assert_eq!(common::mode(&lock), 0o660);
    assert_eq!(
        common::mode(&shared),
        0o2770,
        "an existing folder is left as it is"
    );
}

#[test]
fn the_packaged_manual_page_and_completions_are_current() {
    let env = Env::new();
    for (args, file) in [
        (vec!["man"], "dist/selfcheck.1"),
        (
            vec!["completions", "bash"],
            "dist/completions/selfcheck.bash",
        ),
        (vec!["completions", "zsh"], "dist/completions/_selfcheck"),
        (
            vec!["completions", "fish"],
            "dist/completions/selfcheck.fish",
        ),
    ] {
        let out = env.run(&args);
        assert_ok(&out);
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let kept = std::fs::read(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            out.stdout == kept,
            "{file} is out of date: regenerate it with `selfcheck {}`",
            args.join(" ")
        );
    }
    let man = stdout(&env.run(&["man"]));
    assert!(
        man.contains("shared\\-folder"),
        "the manual names shared-folder"
    );
    assert!(man.contains(".SH FILES"));
}

#[test]
fn validate_reads_a_byte_order_mark_as_open_export_and_summary_do() {
    let env = Env::new();
    let path = env.new_session("gov", "甲");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(&path).expect("read"));
    let bom = env.path("bom.json");
    std::fs::write(&bom, &bytes).expect("write");
    let out = env.run(&["--lang", "en", "validate", s(&bom)]);
    assert_ok(&out);
    assert!(stdout(&out).contains("session ok"), "{}", stdout(&out));
    for args in [
        vec!["export", s(&bom), "--format", "md"],
        vec!["summary", s(&bom)],
    ] {
        assert_ok(&env.run(&args));
    }
}

#[test]
fn a_newline_in_a_file_name_is_shown_escaped_in_errors() {
    let env = Env::new();
    let path = env.path("x\nfake.json: session ok (13 of 13 checks answered)\ny.json");
    std::fs::write(&path, b"{ not json").expect("write");
    for lang in ["zh", "en"] {
        let out = env.run(&["validate", s(&path), "--lang", lang]);
        assert_code(&out, 1);
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "one line: {err:?}");
        assert!(err.contains("x<U+000A>fake.json"), "{err}");
    }
}

#[test]
fn shared_folder_creates_and_checks_a_folder_for_a_group() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let env = Env::new();
    let gid = std::fs::metadata(env.path("home")).expect("stat").gid();
    let dir = env.path("srv/selfcheck");
    let out = env.run(&["shared-folder", s(&dir), "--group", &gid.to_string()]);
    assert_ok(&out);
    assert_eq!(common::mode(&dir), 0o3770);
    assert_eq!(std::fs::metadata(&dir).expect("stat").gid(), gid);
    let out = env.run(&[
        "shared-folder",
        s(&dir),
        "--group",
        &gid.to_string(),
        "--check",
    ]);
    assert_ok(&out);

    // A folder made the usual way (2775, no sticky bit): what is wrong is said, and fixed.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o2775)).expect("chmod");
    let out = env.run(&[
        "shared-folder",
        s(&dir),
        "--group",
        &gid.to_string(),
        "--check",
        "--lang",
        "en",
    ]);
    assert_code(&out, 1);
    let said = stdout(&out);
    assert!(said.contains("no sticky bit"), "{said}");
    assert!(said.contains("outside the group can read"), "{said}");
    assert_eq!(common::mode(&dir), 0o2775, "--check changes nothing");
    assert_ok(&env.run(&["shared-folder", s(&dir), "--group", &gid.to_string()]));
    assert_eq!(common::mode(&dir), 0o3770);

    // A link is refused, never followed.
    let link = env.path("link");
    std::os::unix::fs::symlink(&dir, &link).expect("symlink");
    let out = env.run(&["shared-folder", s(&link), "--group", &gid.to_string()]);
    assert_code(&out, 1);
    let out = env.run(&["shared-folder", s(&dir), "--group", "no-such-group-here"]);
    assert_code(&out, 1);
}

#[test]
fn a_session_created_in_a_shared_folder_without_the_sticky_bit_brings_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let dir = env.path("shared");
    std::fs::create_dir(&dir).expect("mkdir");
    for (mode, warned) in [(0o2775, true), (0o3770, false), (0o700, false)] {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(mode)).expect("chmod");
        let file = dir.join(format!("{mode:o}.json"));
        let out = env.run(&[
            "new",
            "--template",
            "gov",
            "--out",
            s(&file),
            "--unit",
            "临港区应急管理局",
            "--no-open",
        ]);
        assert_ok(&out);
        assert_eq!(
            stderr(&out).contains("粘滞位"),
            warned,
            "folder {mode:o}: {}",
            stderr(&out)
        );
    }
}

/// `selfcheck completions bash | head -1` and the like: a reader that goes away never makes the
/// program panic.
#[test]
fn completions_into_a_closed_pipe_do_not_panic() {
    for shell in ["bash", "zsh", "fish"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_selfcheck"))
            .args(["completions", shell])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        // The reading end closes before the program has written anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{shell}: {err}");
    }
}
