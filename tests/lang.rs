//! Every message the program writes follows `--lang`, the text in parentheses included: run as
//! the built binary, each family of messages is Chinese by default (no English words beyond
//! file names, ids and option names) and English with `--lang en`.

mod ui_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("home")).expect("home");
        std::fs::create_dir(dir.path().join("data")).expect("data");
        Self { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn data(&self) -> PathBuf {
        self.path("data")
    }

    /// Runs in `lang` with the data folder set and the temporary folder as working directory
    /// (so file names in messages are short).
    fn run(&self, lang: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_selfcheck"))
            .args(["--lang", lang])
            .args(args)
            .env("SELFCHECK_DATA_DIR", self.data())
            .env("HOME", self.path("home"))
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .output()
            .expect("the binary runs")
    }

    fn new_session(&self, unit: &str, date: &str) -> PathBuf {
        let out = self.run(
            "zh",
            &[
                "new",
                "--template",
                "dept",
                "--unit",
                unit,
                "--date",
                date,
                "--no-open",
            ],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        PathBuf::from(text(&out.stdout).trim())
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Words the Chinese interface may show in Latin letters: the program's name, format and
/// checklist ids, option values, file kinds, and the names of environment variables.
const ALLOWED: &[&str] = &[
    "selfcheck",
    "json",
    "JSON",
    "md",
    "docx",
    "xlsx",
    "csv",
    "CSV",
    "UTF",
    "BOM",
    "Word",
    "Excel",
    "Markdown",
    "Schema",
    "ASCII",
    "Linux",
    "gov",
    "dept",
    "enterprise",
    "full",
    "zh",
    "en",
    "dark",
    "light",
    "projector",
    "mono",
    "truecolor",
    "COLORTERM",
    "TERM",
    "terminfo",
    "NO_COLOR",
    "SELFCHECK_DATA_DIR",
    "OPTIONS",
    "FILE",
    "DIR",
    "OUT",
    "ID",
    "new",
    "open",
    "list",
    "templates",
    "template",
    "show",
    "validate",
    "export",
    "summary",
    "schema",
    "shared",
    "folder",
    "completions",
    "sign",
    "ndjson",
    "reopen",
    "man",
    "bash",
    "zsh",
    "fish",
    "elvish",
    "powershell",
    "PowerShell",
    "Bash",
    "Zsh",
    "Fish",
    "Elvish",
    "roff",
    "sign",
    "reopen",
    "YYYY",
    "MM",
    "DD",
    "pandas",
    "DuckDB",
    "Power",
    "Query",
    "ndjson",
    "setgid",
    "root",
    "help",
    "id",
    "answers",
    "version",
    "title",
    "sections",
    "schema_version",
    "unit",
    "meeting",
    "table",
    "errors",
    "true",
    "false",
    "null",
];

/// `s` without what it quotes in “…” (what the person typed, shown back as typed).
fn unquoted(s: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in s.chars() {
        match c {
            '“' => inside = true,
            '”' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// The English words in `s` that are not file names, paths, options or allowed ids.
fn english_words(s: &str) -> Vec<String> {
    let mut found = Vec::new();
    for token in unquoted(s).split(|c: char| !c.is_ascii() || c.is_whitespace()) {
        // Paths, options, placeholders, file names and quoted JSON keep their letters.
        if token.contains(['/', '.', '<', '>', '[', ']', '=', '"', '`']) || token.starts_with('-') {
            continue;
        }
        for word in token.split(|c: char| !c.is_ascii_alphabetic() && c != '_') {
            if word.len() >= 2 && !ALLOWED.contains(&word) && !word.starts_with("SELFCHECK") {
                found.push(word.to_owned());
            }
        }
    }
    found
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// `zh` is Chinese with no English words; `en` is English.
fn assert_languages(what: &str, zh: &str, en: &str) {
    assert!(has_cjk(zh), "{what} (zh) is not Chinese: {zh}");
    let words = english_words(zh);
    assert!(words.is_empty(), "{what} (zh) has English {words:?}: {zh}");
    assert!(
        en.split_whitespace()
            .any(|w| w.len() > 3 && w.chars().all(|c| c.is_ascii_alphabetic())),
        "{what} (en) has no English: {en}"
    );
    assert_ne!(zh, en, "{what}");
}

/// The same command in both languages; the chosen stream of each.
fn both(env: &Env, args: &[&str], stderr: bool) -> (String, String) {
    let pick = |o: Output| {
        if stderr {
            text(&o.stderr)
        } else {
            text(&o.stdout)
        }
    };
    (pick(env.run("zh", args)), pick(env.run("en", args)))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn new_refuses_a_session_without_a_unit_in_both_languages() {
    let env = Env::new();
    for args in [
        &["new", "--no-open"][..],
        &["new", "--unit", "  ", "--no-open"][..],
    ] {
        let zh = env.run("zh", args);
        let en = env.run("en", args);
        assert_eq!(zh.status.code(), Some(1));
        assert_eq!(en.status.code(), Some(1));
        assert!(text(&zh.stderr).contains("--unit"), "{}", text(&zh.stderr));
        assert!(text(&en.stderr).contains("--unit"), "{}", text(&en.stderr));
        assert_languages("no unit", &text(&zh.stderr), &text(&en.stderr));
    }
    assert_eq!(
        std::fs::read_dir(env.data()).expect("data").count(),
        0,
        "nothing is created"
    );
}

#[test]
fn a_second_session_of_the_same_meeting_is_refused_and_named() {
    let env = Env::new();
    let first = env.new_session("临港区应急管理局", "2024-03-01");
    let name = first
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let args = [
        "new",
        "--template",
        "dept",
        "--unit",
        "临港区应急管理局",
        "--date",
        "2024年3月1日",
        "--no-open",
    ];
    let zh = env.run("zh", &args);
    let en = env.run("en", &args);
    assert_eq!(zh.status.code(), Some(1), "{}", text(&zh.stderr));
    assert_eq!(en.status.code(), Some(1));
    assert!(text(&zh.stderr).contains(&name), "{}", text(&zh.stderr));
    assert!(text(&en.stderr).contains(&name), "{}", text(&en.stderr));
    assert!(text(&zh.stderr).contains("--force"));
    assert_languages("same meeting", &text(&zh.stderr), &text(&en.stderr));
    assert_eq!(
        std::fs::read_dir(env.data()).expect("data").count(),
        2,
        "session and lock only"
    );

    // Another date, or another unit, is no clash.
    env.new_session("临港区应急管理局", "2024-03-02");
    env.new_session("临港区住建委", "2024-03-01");

    // --force makes the second one and still says where the first is.
    let mut forced = args.to_vec();
    forced.push("--force");
    let out = env.run("zh", &forced);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains(&name), "{}", text(&out.stderr));
    assert_ne!(PathBuf::from(text(&out.stdout).trim()), first);

    // A file written elsewhere with --out is made, with the note.
    let elsewhere = env.path("elsewhere.json");
    let mut out_args = args.to_vec();
    out_args.extend(["--out", s(&elsewhere)]);
    let out = env.run("en", &out_args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("already exists"),
        "{}",
        text(&out.stderr)
    );
    assert!(elsewhere.exists());
}

#[test]
fn date_messages_follow_the_language() {
    let env = Env::new();
    let (zh, en) = both(
        &env,
        &["new", "--unit", "甲", "--date", "2027年3月底", "--no-open"],
        true,
    );
    assert!(
        zh.contains("2027年3月底") && en.contains("2027年3月底"),
        "{zh}{en}"
    );
    assert_languages("bad date", &zh, &en);
    let path = env.new_session("甲", "2024-03-01");
    for args in [
        vec!["summary", s(&path), "--as-of", "明年"],
        vec!["summary", s(&path), "--as-of", ""],
        vec!["export", s(&path), "--format", "md", "--date", "明年"],
    ] {
        let (zh, en) = both(&env, &args, true);
        assert_languages(&args.join(" "), &zh, &en);
    }
}

#[test]
fn validate_says_ok_in_the_language() {
    let env = Env::new();
    let path = env.new_session("甲", "2024-03-01");
    let (zh, en) = both(&env, &["validate", s(&path)], false);
    // The first line is validate's verdict; the signature lines after it belong to sign-off.
    let (zh, en) = (
        zh.lines().next().unwrap_or_default().to_owned(),
        en.lines().next().unwrap_or_default().to_owned(),
    );
    assert!(zh.contains("0 / 15") && en.contains("0 / 15"), "{zh}{en}");
    assert_languages("validate session", &zh, &en);

    let template = env.path("t.json");
    let out = env.run("zh", &["template", "show", "gov"]);
    std::fs::write(&template, &out.stdout).expect("write");
    let (zh, en) = both(&env, &["validate", "t.json"], false);
    assert_languages("validate template", &zh, &en);
}

#[test]
fn json_errors_are_told_in_chinese_with_their_line_and_column() {
    let env = Env::new();
    let good = std::fs::read_to_string(env.new_session("甲", "2024-03-01")).expect("read");
    let mut value: serde_json::Value = serde_json::from_str(&good).expect("json");
    value["unit"]["name"] = serde_json::json!(5);
    let wrong_type = serde_json::to_string(&value).expect("json");
    let mut value: serde_json::Value = serde_json::from_str(&good).expect("json");
    value["unit"]["kind"] = serde_json::json!("ministry");
    let wrong_variant = serde_json::to_string(&value).expect("json");
    let mut value: serde_json::Value = serde_json::from_str(&good).expect("json");
    value["meeting"]["date"] = serde_json::json!("2024-02-30");
    let wrong_date = serde_json::to_string(&value).expect("json");
    let cases = [
        ("early.json", good[..good.len() / 2].to_owned()),
        ("comma.json", "{\"schema_version\": 1,}".to_owned()),
        (
            "missing.json",
            "{\"schema_version\": 1, \"template\": {}}".to_owned(),
        ),
        ("version.json", "{\"schema_version\": \"one\"}".to_owned()),
        ("array.json", "[1, 2]".to_owned()),
        ("type.json", wrong_type),
        ("variant.json", wrong_variant),
        ("date.json", wrong_date),
        ("garbage.json", "{\"a\": 1} x".to_owned()),
        ("control.json", "{\"a\": \"x\u{1}y\"}".to_owned()),
    ];
    for (name, body) in cases {
        std::fs::write(env.path(name), body).expect("write");
        let (zh, en) = both(&env, &["validate", name], true);
        assert!(zh.contains(&format!("{name}:")), "{zh}");
        assert!(en.contains(&format!("{name}:")), "{en}");
        assert!(zh.contains("JSON 格式错误"), "{zh}");
        assert_languages(name, &zh, &en);
    }
}

#[test]
fn file_and_export_errors_follow_the_language() {
    let env = Env::new();
    let path = env.new_session("甲", "2024-03-01");
    let cases: Vec<Vec<&str>> = vec![
        vec!["validate", "missing.json"],
        vec!["export", "missing.json", "--format", "md"],
        vec!["export", s(&path), "--format", "md", "-o", s(&path)],
        vec!["template", "show", "nothing"],
        vec!["new", "--unit", "甲", "--template", "nothing", "--no-open"],
        vec!["validate", "./home"],
    ];
    for args in cases {
        let (zh, en) = both(&env, &args, true);
        assert_languages(&args.join(" "), &zh, &en);
    }
    // A file that cannot be read in the data folder is listed with the reason.
    std::fs::write(env.data().join("broken.json"), "{").expect("write");
    let (zh, en) = both(&env, &["list"], false);
    let zh_line = zh
        .lines()
        .find(|l| l.contains("broken.json"))
        .expect("listed");
    let en_line = en
        .lines()
        .find(|l| l.contains("broken.json"))
        .expect("listed");
    assert_languages("list", zh_line, en_line);
}

#[test]
fn usage_errors_follow_the_language() {
    let env = Env::new();
    for args in [
        &["nosuch"][..],
        &["new", "--kind", "ministry"][..],
        &["open"][..],
        &["open", "a.json", "--read-only", "--follow"][..],
        &["list", "--bogus"][..],
        &["new", "--date"][..],
        &["--colors", "8", "list"][..],
    ] {
        let zh = env.run("zh", args);
        let en = env.run("en", args);
        assert_eq!(zh.status.code(), Some(2), "{args:?}");
        assert_eq!(en.status.code(), Some(2), "{args:?}");
        assert_languages(&args.join(" "), &text(&zh.stderr), &text(&en.stderr));
    }
}

#[test]
fn help_is_chinese_by_default_and_english_with_lang_en() {
    let env = Env::new();
    let commands: &[&[&str]] = &[
        &[],
        &["new"],
        &["open"],
        &["list"],
        &["templates"],
        &["template"],
        &["template", "show"],
        &["validate"],
        &["export"],
        &["summary"],
        &["schema"],
        &["shared-folder"],
        &["completions"],
        &["man"],
    ];
    for cmd in commands {
        for flag in ["-h", "--help"] {
            let mut args = cmd.to_vec();
            args.push(flag);
            let (zh, en) = both(&env, &args, false);
            assert!(zh.contains("用法："), "{args:?}: {zh}");
            assert!(en.contains("Usage:"), "{args:?}: {en}");
            assert_languages(&format!("{args:?}"), &zh, &en);
        }
    }
    // The arguments that used to have no help have it now.
    let (zh, en) = both(&env, &["list", "--help"], false);
    assert!(zh.contains("以 JSON 输出"), "{zh}");
    assert!(en.contains("Print JSON"), "{en}");
    let (zh, en) = both(&env, &["validate", "-h"], false);
    assert!(zh.contains("会议记录或检查表文件"), "{zh}");
    assert!(en.contains("A session or template file"), "{en}");
}

#[test]
fn the_lock_message_names_who_where_and_since_when_in_the_language() {
    use selfcheck::i18n::{Lang, store_error};
    use selfcheck::store::{LockHolder, StoreError};
    let locked = |user: &str| StoreError::Locked {
        path: PathBuf::from("a.json"),
        holder: LockHolder {
            user: user.to_owned(),
            host: "vm".to_owned(),
            pid: 4242,
            since: "2026-12-03T20:01:00+08:00".to_owned(),
        },
    };
    for user in ["uid 0", "zhangjg"] {
        let zh = store_error(&locked(user), Lang::Zh);
        let en = store_error(&locked(user), Lang::En);
        for part in ["a.json", "vm", "4242", "2026-12-03 20:01"] {
            assert!(zh.contains(part), "{zh}");
            assert!(en.contains(part), "{en}");
        }
        // The user's name is a name, not an English word.
        assert_languages("lock", &zh.replace("zhangjg", "").replace(" vm ", ""), &en);
    }
    let zh = store_error(&locked("uid 0"), Lang::Zh);
    assert!(zh.contains("用户号 0"), "{zh}");
    assert!(!zh.contains("uid"), "{zh}");
    let en = store_error(&locked("uid 0"), Lang::En);
    assert!(en.contains("user number 0"), "{en}");
}

#[test]
fn an_export_refused_on_a_terminal_says_so_in_the_language() {
    use selfcheck::export::ExportError;
    use selfcheck::export::export_error;
    use selfcheck::i18n::Lang;
    let e = ExportError::BinaryToTerminal { format: "docx" };
    let zh = export_error(&e, Lang::Zh);
    let en = export_error(&e, Lang::En);
    assert!(zh.contains("-o"), "{zh}");
    assert_languages("binary to terminal", &zh, &en);
}

#[test]
fn session_errors_in_the_interface_follow_the_language() {
    use selfcheck::i18n::{Lang, session_error};
    use selfcheck::model::SessionError;
    for e in [
        SessionError::BadDate("2027年3月底".into()),
        SessionError::BadDeadline("下个月".into()),
        SessionError::NewerSchema { found: 9 },
    ] {
        let zh = session_error(&e, Lang::Zh);
        let en = session_error(&e, Lang::En);
        assert_languages(&format!("{e:?}"), &zh, &en);
    }
}

#[test]
fn shared_folder_messages_follow_the_language() {
    let env = Env::new();
    let (zh, en) = both(
        &env,
        &["shared-folder", "./home/x", "--group", "no-such-group-zz"],
        true,
    );
    assert_languages("shared-folder", &zh, &en);
}

#[test]
fn a_refused_deadline_in_the_interface_is_told_in_the_language() {
    let mut texts = Vec::new();
    for lang in [selfcheck::i18n::Lang::Zh, selfcheck::i18n::Lang::En] {
        let mut a = ui_support::app("gov");
        a.lang = lang;
        ui_support::press(&mut a, "<s-tab><up><enter>下个月<esc>");
        let msg = a.message.clone().expect("an error is shown");
        assert!(msg.error && msg.text.contains("下个月"), "{msg:?}");
        texts.push(msg.text);
    }
    assert_languages("deadline in the interface", &texts[0], &texts[1]);
}
