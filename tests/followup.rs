//! A meeting following the last, through the built binary: a three-year chain (`new --from`,
//! with the answers of each year written into the JSON between steps), carried-over measures,
//! repeat findings, the link between files, sign-off, and a file edited by hand after signing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::NaiveDate;
use selfcheck::model::carryover::{self, CarriedUpdate};
use selfcheck::model::history::{self, EventKind, HistField};
use selfcheck::model::session::RectificationState;
use selfcheck::model::signoff;
use selfcheck::store::load_session;
use serde_json::{Value, json};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("home")).expect("home");
        Self { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_selfcheck"))
            .args(args)
            .env_remove("SELFCHECK_DATA_DIR")
            .env("HOME", self.dir.path().join("home"))
            .env("XDG_DATA_HOME", self.dir.path().join("home/.local/share"))
            .env("USER", "clerk7")
            .env("LC_ALL", "C.UTF-8")
            .stdin(Stdio::null())
            .output()
            .expect("the binary runs")
    }

    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }
}

fn text(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn read(p: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(p).expect("read")).expect("JSON")
}

fn write(p: &Path, v: &Value) {
    std::fs::write(p, serde_json::to_vec_pretty(v).expect("JSON")).expect("write");
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Writes `answers` (check id → answer object) into the session file, as another tool or a
/// hand edit would.
fn answer(p: &Path, answers: &Value) {
    let mut v = read(p);
    let map = v["answers"].as_object_mut().expect("answers");
    for (id, a) in answers.as_object().expect("object") {
        let slot = map.entry(id.clone()).or_insert_with(|| json!({}));
        for (k, x) in a.as_object().expect("answer") {
            slot[k] = x.clone();
        }
    }
    write(p, &v);
}

fn year_one(env: &Env) -> PathBuf {
    let y1 = env.path("2024-区应急管理局.json");
    env.ok(&[
        "new",
        "--template",
        "dept",
        "--unit",
        "区应急管理局",
        "--date",
        "2024-12-05",
        "--host",
        "张主任",
        "--recorder",
        "李明",
        "--out",
        text(&y1),
        "--no-open",
    ]);
    answer(
        &y1,
        &json!({
            "dept-1-1": {"status": "done", "evidence": "已印发责任清单。"},
            "dept-1-3": {"status": "partial", "problems": "执法检查频次不均衡。",
                         "measures": "建立小微企业执法检查台账。", "owner": "执法大队 赵志刚",
                         "due": "2025-03-31", "due_text": "2025年3月底"},
            "dept-1-4": {"status": "not_done", "problems": "新业态职责边界不清。",
                         "measures": "提请明确新业态监管职责。", "owner": "办公室 王海燕",
                         "due": "2025-01-31", "rectification": {"state": "in_progress"}},
            "dept-3-2": {"status": "partial", "problems": "隐患检测手段单一。",
                         "measures": "引入第三方检测。", "owner": "规划科 刘洋",
                         "due": "2025-06-30",
                         "rectification": {"state": "done", "closed_on": "2025-05-20"}}
        }),
    );
    y1
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one chain of three years, step by step"
)]
fn three_meetings_in_a_chain() {
    let env = Env::new();
    let y1 = year_one(&env);
    let y1_session = load_session(&y1).expect("year 1 loads");
    let y1_id = y1_session.id.clone().expect("a new session has an id");
    assert_eq!(y1_id.len(), 32);

    // Year 2, from year 1.
    let y2 = env.path("2025-区应急管理局.json");
    let out = env.ok(&[
        "new",
        "--from",
        text(&y1),
        "--date",
        "2025-12-04",
        "--out",
        text(&y2),
        "--no-open",
    ]);
    assert!(
        stderr(&out).contains("带入未完成的整改措施 2 条"),
        "{}",
        stderr(&out)
    );
    let v2 = read(&y2);
    assert_eq!(v2["unit"]["name"], "区应急管理局", "the same unit");
    assert_eq!(v2["meeting"]["date"], "2025-12-04");
    assert!(
        v2["meeting"].get("host").is_none(),
        "meeting details start empty"
    );
    assert_eq!(v2["previous"]["id"], y1_id.as_str());
    assert_eq!(v2["previous"]["file"], "2024-区应急管理局.json");
    assert_eq!(v2["previous"]["date"], "2024-12-05");
    assert_eq!(
        v2["previous"]["sha256"],
        signoff::content_hash(&y1_session).as_str(),
        "the link holds the previous content's hash"
    );
    assert_ne!(v2["id"], y1_id.as_str());
    for (id, a) in v2["answers"].as_object().expect("answers") {
        assert!(a.get("status").is_none(), "{id}: statuses start empty");
    }
    assert_eq!(v2["answers"]["dept-1-1"]["previous"]["status"], "done");
    assert!(v2["answers"]["dept-1-1"].get("carried_over").is_none());
    let c13 = &v2["answers"]["dept-1-3"]["carried_over"];
    assert_eq!(c13.as_array().map(Vec::len), Some(1));
    assert_eq!(c13[0]["measures"], "建立小微企业执法检查台账。");
    assert_eq!(c13[0]["owner"], "执法大队 赵志刚");
    assert_eq!(c13[0]["due_text"], "2025年3月底");
    assert_eq!(c13[0]["state"], "not_started");
    assert_eq!(c13[0]["since"], "2024-12-05");
    assert_eq!(
        v2["answers"]["dept-1-4"]["carried_over"][0]["state"],
        "in_progress"
    );
    assert!(
        v2["answers"]["dept-3-2"].get("carried_over").is_none(),
        "a measure 已完成 is not carried over"
    );
    assert_eq!(v2["history"][0]["kind"], "created_from");

    // Year 2's meeting: 1.3's old measure is closed (销号), 1.4 is found not done again (a
    // repeat), 2.2 has a new problem. Made through the model, as the interface makes them.
    let mut s2 = load_session(&y2).expect("year 2 loads");
    let now = chrono::DateTime::parse_from_rfc3339("2025-12-04T10:00:00+08:00").expect("time");
    s2.meeting.recorder = "周文".into();
    assert!(
        s2.update_carried(
            "dept-1-3",
            0,
            CarriedUpdate::Close {
                on: NaiveDate::from_ymd_opt(2025, 3, 20).expect("date"),
                evidence: "台账已建立，见执法检查台账。".into(),
            },
            now,
        )
        .expect("close")
    );
    s2.update_carried(
        "dept-1-4",
        0,
        CarriedUpdate::Progress {
            state: RectificationState::InProgress,
            text: "已提请区安委会研究。".into(),
        },
        now,
    )
    .expect("progress");
    s2.set_status("dept-1-3", Some("done"), now)
        .expect("status");
    s2.set_status("dept-1-4", Some("not_done"), now)
        .expect("status");
    s2.set_status("dept-2-2", Some("partial"), now)
        .expect("status");
    for (f, t) in [
        (selfcheck::model::Field::Problems, "培训覆盖面不足。"),
        (selfcheck::model::Field::Measures, "开展全员培训。"),
        (selfcheck::model::Field::Due, "2026-06-30"),
    ] {
        s2.set_field("dept-2-2", f, t, now).expect("field");
    }
    assert_eq!(
        carryover::repeats(&s2),
        ["dept-1-4"],
        "1.4 is a repeat finding"
    );
    assert!(!carryover::is_repeat(&s2, "dept-1-3"));
    let today = NaiveDate::from_ymd_opt(2025, 12, 4).expect("date");
    assert_eq!(
        carryover::overdue_carried(&s2, today),
        [("dept-1-4".to_owned(), 0)],
        "1.4's measure was due 2025-01-31; 1.3's is closed"
    );
    let bytes = selfcheck::store::to_json(&s2);
    std::fs::write(&y2, bytes).expect("write year 2");

    // Year 2's report and ledger: the carried-over measures as 上次遗留 (1.4's overdue on the
    // report's date), 1.3's closing, and 1.4 as a repeat finding.
    let md = stdout(&env.ok(&[
        "export",
        text(&y2),
        "--format",
        "md",
        "--date",
        "2025-12-04",
    ]));
    assert!(
        md.contains("本次对照检查以2024年12月5日对照检查会的记录为基础，上次遗留整改措施2项，已完成销号1项、仍在整改1项（其中已逾期1项）"),
        "{md}"
    );
    assert!(md.contains("第1.4项上次检查为基本落实或未落实"), "{md}");
    assert!(md.contains("（第1.4项，未落实，反复出现）"), "{md}");
    assert!(md.contains("上次遗留整改措施落实情况："), "{md}");
    assert!(
        md.contains("（第1.3项，上次遗留，2024年12月5日会议确定）。**建立小微企业执法检查台账。"),
        "{md}"
    );
    assert!(
        md.contains(
            "整改进展：已完成（2025年3月20日销号）；销号佐证：台账已建立，见执法检查台账。"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "完成时限：2025-01-31（已逾期307天）；整改进展：整改中；进展情况：已提请区安委会研究。"
        ),
        "{md}"
    );
    assert!(md.contains("| 1.4 | "), "{md}");
    assert!(md.contains("| 未落实（反复出现） |"), "{md}");
    let csv = stdout(&env.ok(&["export", text(&y2), "--format", "csv"]));
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].contains(",销号日期,跟踪情况,备注"), "{csv}");
    assert!(
        rows.iter().any(|r| r.contains("提请明确新业态监管职责。")
            && r.contains(
                ",整改中,,上次遗留（2024年12月5日会议确定）,进展情况：已提请区安委会研究。"
            )),
        "{csv}"
    );
    assert!(
        !rows.iter().any(|r| r.contains("建立小微企业执法检查台账")),
        "a measure closed at this meeting leaves the ledger: {csv}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("2,") && r.contains(",1.4,") && r.contains(",反复出现,")),
        "{csv}"
    );

    // Signed by the 主持人: the report prints the name and the same 校验码 validate prints.
    env.ok(&["sign", text(&y2), "--role", "主持人", "--name", "张主任"]);
    let code = signoff::short_code(&signoff::content_hash(&load_session(&y2).expect("loads")));
    assert!(stdout(&env.ok(&["validate", text(&y2)])).contains(&code));
    let md = stdout(&env.ok(&["export", text(&y2), "--format", "md"]));
    let signed_on = chrono::Local::now().date_naive();
    assert!(
        md.contains(&format!(
            "主持人（签字）：张主任（{}）",
            signed_on.format("%Y年%-m月%-d日")
        )),
        "{md}"
    );
    assert!(md.contains("主要负责人（签字）：＿＿＿＿＿＿"), "{md}");
    assert!(md.contains(&format!("校验码：{code}")), "{md}");
    let v2 = read(&y2);
    let h = v2["answers"]["dept-1-3"]["history"]
        .as_array()
        .expect("history");
    let close = h
        .iter()
        .find(|c| c["field"] == "carried_over" && c["new"]["state"] == "done")
        .expect("the 销号 is in the history");
    assert_eq!(close["by"], "周文");
    assert!(close.get("user").is_none(), "this process set no OS user");
    assert_eq!(close["old"]["state"], "not_started");
    assert_eq!(
        close["new"]["closing_evidence"],
        "台账已建立，见执法检查台账。"
    );

    // Year 3, from year 2.
    let y3 = env.path("2026-区应急管理局.json");
    let out = env.ok(&[
        "new",
        "--from",
        text(&y2),
        "--date",
        "2026-12-03",
        "--out",
        text(&y3),
        "--no-open",
    ]);
    assert!(
        stderr(&out).contains("带入未完成的整改措施 2 条"),
        "{}",
        stderr(&out)
    );
    let v3 = read(&y3);
    assert_eq!(v3["previous"]["id"], v2["id"]);
    let c14 = v3["answers"]["dept-1-4"]["carried_over"]
        .as_array()
        .expect("1.4 carries over again");
    assert_eq!(c14.len(), 1);
    assert_eq!(c14[0]["since"], "2024-12-05", "still dated from year 1");
    assert_eq!(
        c14[0]["progress"], "已提请区安委会研究。",
        "with year 2's progress"
    );
    assert_eq!(v3["answers"]["dept-1-4"]["previous"]["status"], "not_done");
    assert!(
        v3["answers"]["dept-1-3"].get("carried_over").is_none(),
        "closed in year 2: not carried again"
    );
    let c22 = &v3["answers"]["dept-2-2"]["carried_over"];
    assert_eq!(c22[0]["measures"], "开展全员培训。");
    assert_eq!(c22[0]["since"], "2025-12-04");
    for (id, a) in v3["answers"].as_object().expect("answers") {
        assert!(a.get("status").is_none(), "{id}: statuses start empty");
    }

    // Year 3's report: 1.4's measure from year 1 and 2.2's from year 2 are 上次遗留.
    let md = stdout(&env.ok(&[
        "export",
        text(&y3),
        "--format",
        "md",
        "--date",
        "2026-12-03",
    ]));
    assert!(
        md.contains("上次遗留整改措施2项，已完成销号0项、仍在整改2项（其中已逾期2项）"),
        "{md}"
    );
    assert!(
        md.contains("（第1.4项，上次遗留，2024年12月5日会议确定）"),
        "{md}"
    );
    assert!(
        md.contains("（第2.2项，上次遗留，2025年12月4日会议确定）"),
        "{md}"
    );
    // The roll-up over the three files counts year 3 and carries its 上次遗留 measures.
    let out = env.ok(&[
        "summary",
        text(&y1),
        text(&y2),
        text(&y3),
        "--ledger",
        "--as-of",
        "2026-12-03",
    ]);
    let ledger = stdout(&out);
    assert!(
        ledger
            .lines()
            .any(|l| l.contains("提请明确新业态监管职责。") && l.contains(",671,")),
        "year 1's measure, open and overdue in year 3: {ledger}"
    );
    assert!(ledger.contains("开展全员培训。"), "{ledger}");
    assert!(
        !ledger.contains("建立小微企业执法检查台账"),
        "closed in year 2: {ledger}"
    );

    // The chain as validate tells it: year 3 finds year 2 unchanged.
    let out = env.ok(&["validate", text(&y3)]);
    assert!(
        stdout(&out).contains("上次会议记录 2025-区应急管理局.json：已找到，未改动"),
        "{}",
        stdout(&out)
    );
    // Year 2 changed after year 3 was made from it: told, not fatal.
    answer(&y2, &json!({"dept-1-1": {"status": "na"}}));
    let out = env.ok(&["validate", text(&y3)]);
    assert!(stdout(&out).contains("被改动过"), "{}", stdout(&out));
    // Year 2's file gone: reported, not fatal; year 3 still reads and exports.
    std::fs::remove_file(&y2).expect("remove");
    let out = env.ok(&["validate", text(&y3)]);
    assert!(stdout(&out).contains("找不到"), "{}", stdout(&out));
    let out = env.ok(&["export", text(&y3), "--format", "json"]);
    let exported: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        exported["answers"]["dept-1-4"]["history"][0]["field"],
        "carried_over"
    );
}

#[test]
fn a_newer_checklist_is_matched_by_check_id() {
    let env = Env::new();
    let y1 = year_one(&env);
    // The next year's checklist: 1.4 gone, a new check after 1.3.
    let mut t = selfcheck::model::builtin::get("dept").expect("dept");
    t.version = "2025".into();
    let checks = &mut t.sections[0].items[0].checks;
    if let Some(i) = checks.iter().position(|c| c.id == "dept-1-4") {
        checks.remove(i);
    }
    checks.push(selfcheck::model::Check {
        id: "dept-1-9".into(),
        text: "检查新业态安全监管情况。".into(),
        addressee: None,
        extra: serde_json::Map::new(),
    });
    let tfile = env.path("dept-2025.json");
    std::fs::write(&tfile, serde_json::to_vec_pretty(&t).expect("JSON")).expect("write");
    let y2 = env.path("y2.json");
    let out = env.ok(&[
        "new",
        "--from",
        text(&y1),
        "--template",
        text(&tfile),
        "--out",
        text(&y2),
        "--no-open",
    ]);
    let err = stderr(&out);
    assert!(
        err.contains("新增的检查内容：") && err.contains("(dept-1-9)"),
        "{err}"
    );
    assert!(
        err.contains("删去的检查内容：") && err.contains("(dept-1-4)"),
        "{err}"
    );
    assert!(err.contains("未带入"), "{err}");
    assert!(
        err.contains("dept 1 → dept 2025") || err.contains("→ dept 2025"),
        "{err}"
    );
    let v = read(&y2);
    assert_eq!(v["template"]["version"], "2025");
    assert!(v["answers"].get("dept-1-4").is_none());
    assert_eq!(
        v["answers"]["dept-1-3"]["carried_over"][0]["owner"],
        "执法大队 赵志刚"
    );
}

#[test]
fn a_missing_previous_file_is_reported() {
    let env = Env::new();
    let out = env.run(&["new", "--from", text(&env.path("nope.json")), "--no-open"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nope.json"), "{}", stderr(&out));
}

#[test]
fn signing_a_record_with_unchecked_checks_says_how_many() {
    let env = Env::new();
    let y1 = year_one(&env);
    let out = env.ok(&["sign", text(&y1), "--role", "主持人", "--name", "张主任"]);
    // Most checks of this record have no status: the signer is told, and it is signed anyway.
    let total = read(&y1)["template"]["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["items"].as_array().expect("items"))
        .map(|i| i["checks"].as_array().expect("checks").len())
        .sum::<usize>();
    let answered = read(&y1)["answers"]
        .as_object()
        .expect("answers")
        .values()
        .filter(|a| a["status"].is_string())
        .count();
    assert!(answered < total);
    assert!(
        stderr(&out).contains(&format!(
            "尚有 {} 项未检查（共 {total} 项）",
            total - answered
        )),
        "{}",
        stderr(&out)
    );
    assert!(
        read(&y1)["signatures"]
            .as_array()
            .is_some_and(|s| s.len() == 1)
    );
}

#[test]
fn sign_then_a_hand_edit_is_reported_altered() {
    let env = Env::new();
    let y1 = year_one(&env);
    let out = env.ok(&["validate", text(&y1)]);
    assert!(stdout(&out).contains("尚未签字"));

    // The signer's name is typed, never taken from the login (USER is clerk7 here).
    let out = env.ok(&["sign", text(&y1), "--role", "主持人", "--name", "张主任"]);
    assert!(stdout(&out).contains("校验码"), "{}", stdout(&out));
    let out = env.ok(&["sign", text(&y1), "--role", "principal", "--name", "王局长"]);
    assert!(stdout(&out).contains("主要负责人"));
    let again = env.run(&["sign", text(&y1), "--role", "host", "--name", "别人"]);
    assert_eq!(again.status.code(), Some(1), "a role signs once");
    let bad_role = env.run(&["sign", text(&y1), "--role", "秘书", "--name", "某人"]);
    assert_eq!(bad_role.status.code(), Some(2));

    let v = read(&y1);
    let sigs = v["signatures"].as_array().expect("signatures");
    assert_eq!(sigs.len(), 2);
    assert_eq!(sigs[0]["role"], "host");
    assert_eq!(sigs[0]["name"], "张主任");
    assert_eq!(sigs[1]["name"], "王局长");
    assert_eq!(
        sigs[0]["sha256"], sigs[1]["sha256"],
        "both signed the same content"
    );
    assert_eq!(v["history"][0]["kind"], "signed");
    assert_eq!(
        v["history"][0]["user"],
        selfcheck::store::current_user().as_str(),
        "the OS user as technical detail"
    );
    let out = env.ok(&["validate", text(&y1)]);
    assert!(stdout(&out).contains("与内容一致"), "{}", stdout(&out));

    // Saved again by the program unchanged, or reformatted by hand: still matches.
    let s = load_session(&y1).expect("loads");
    assert!(s.is_signed());
    std::fs::write(&y1, serde_json::to_vec(&v).expect("compact")).expect("write");
    env.ok(&["validate", text(&y1)]);

    // A hand edit of the record: altered, exit status 1.
    let mut tampered = v.clone();
    tampered["answers"]["dept-1-4"]["status"] = json!("done");
    write(&y1, &tampered);
    let out = env.run(&["validate", text(&y1)]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("被改动过"), "{}", stderr(&out));
    assert!(
        stdout(&out)
            .lines()
            .next()
            .is_some_and(|l| !l.contains("完好") && l.contains("签字确认后被改动过")),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("已被改动"));
    // The report prints the code of the content as it is, and says it is not what was signed.
    let md = stdout(&env.ok(&["export", text(&y1), "--format", "md"]));
    let signed = signoff::short_code(sigs[0]["sha256"].as_str().expect("hash"));
    let now = signoff::short_code(&signoff::content_hash(&load_session(&y1).expect("loads")));
    assert_ne!(signed, now);
    assert!(
        md.contains(&format!(
            "校验码：{now}（签字确认时为 {signed}；签字后记录被改动过，与签字时内容不一致）"
        )),
        "{md}"
    );
    assert!(md.contains("主持人（签字）：张主任（"), "{md}");
    // Signing an altered record is refused.
    let mut one = tampered.clone();
    one["signatures"].as_array_mut().expect("array").pop();
    write(&y1, &one);
    let out = env.run(&["sign", text(&y1), "--role", "principal", "--name", "王局长"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("签字后被改动过"), "{}", stderr(&out));

    // Reopened for amendment: recorded, signatures void; changes are possible again.
    write(&y1, &tampered);
    let out = env.ok(&[
        "reopen",
        text(&y1),
        "--name",
        "王局长",
        "--reason",
        "更正1.4的落实情况",
    ]);
    assert!(stdout(&out).contains("已重新打开"));
    let v = read(&y1);
    assert!(v.get("signatures").is_none());
    let last = v["history"]
        .as_array()
        .and_then(|h| h.last())
        .expect("event");
    assert_eq!(last["kind"], "reopened");
    assert_eq!(last["detail"], "更正1.4的落实情况");
    assert_eq!(last["voided"].as_array().map(Vec::len), Some(2));
    let out = env.ok(&["validate", text(&y1)]);
    assert!(stdout(&out).contains("尚未签字"));
    env.ok(&["sign", text(&y1), "--role", "主持人", "--name", "张主任"]);
    env.ok(&["validate", text(&y1)]);
}

#[test]
fn a_signed_record_refuses_changes_until_reopened() {
    let now = chrono::DateTime::parse_from_rfc3339("2023-12-08T09:00:00+08:00").expect("time");
    let mut s = selfcheck::demo::session(now);
    let id = "dept-1-1";
    s.sign(signoff::Role::Host, "张主任", now).expect("sign");
    assert!(matches!(
        s.set_status(id, Some("not_done"), now),
        Err(selfcheck::model::SessionError::Signed)
    ));
    assert!(s.toggle_flag(id, now).is_err());
    assert!(
        s.set_field(id, selfcheck::model::Field::Owner, "某人", now)
            .is_err()
    );
    assert!(s.reopen_for_amendment("张主任", "补充", now));
    assert_eq!(s.history.last().map(|e| e.kind), Some(EventKind::Reopened));
    assert!(s.set_status(id, Some("not_done"), now).expect("editable"));
    let last = s.answers[id].history.last().expect("recorded");
    assert_eq!(last.field, HistField::Status);
    assert_eq!(
        history::replay(&s.answers[id].history)
            .expect("replay")
            .status
            .as_deref(),
        Some("not_done")
    );
}

#[test]
fn a_large_record_keeps_its_signatures_and_link_through_the_journal() {
    // Over 1 MiB, so a save is a journal record rather than a whole write.
    let now = chrono::DateTime::parse_from_rfc3339("2025-12-04T09:00:00+08:00").expect("time");
    let prev = selfcheck::demo::synthetic_session(2_000, now);
    let (mut s, _) = carryover::next_session(
        &prev,
        "prev.json",
        prev.template.clone(),
        prev.unit.clone(),
        selfcheck::model::Meeting::default(),
        now,
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.json");
    let mut doc = selfcheck::store::Document::create(&path, &s).expect("create");
    let size = doc.fingerprint().expect("written").size();
    assert!(size > 1024 * 1024, "large enough: {size}");
    let mut image =
        selfcheck::store::Image::read(&path, doc.fingerprint().expect("written")).expect("image");
    let first = s.template.checks().next().expect("a check").1.id.clone();
    s.set_status(&first, Some("done"), now).expect("status");
    s.sign(signoff::Role::Host, "张主任", now).expect("sign");
    // The pieces give the same text as a whole write.
    let record = image
        .update(
            &s,
            &selfcheck::store::Changed::Answers([first.clone()].into()),
        )
        .expect("a change");
    assert_eq!(image.text(&s).to_vec(), selfcheck::store::to_json(&s));
    doc.append_journal(&record).expect("append");
    let back = load_session(&path).expect("loads with the journal");
    assert_eq!(back.signatures, s.signatures);
    assert_eq!(back.previous, s.previous);
    assert_eq!(back.history, s.history);
    assert_eq!(back.id, s.id);
    assert!(!signoff::verify(&back).is_altered());
}

#[test]
fn the_meeting_clock_is_not_part_of_the_signed_content() {
    let template = selfcheck::model::builtin::get("gov").expect("built-in gov");
    let mut s = selfcheck::model::Session::new(
        template,
        selfcheck::model::Unit {
            name: "临港区应急管理局".into(),
            ..Default::default()
        },
        selfcheck::model::Meeting::default(),
        chrono::DateTime::parse_from_rfc3339("2026-12-04T09:00:00+08:00").expect("a time"),
    );
    let before = signoff::content_hash(&s);
    s.meeting.elapsed_seconds += 600;
    assert_eq!(signoff::content_hash(&s), before, "the clock ran on");
    s.meeting.place = "三楼会议室".into();
    assert_ne!(signoff::content_hash(&s), before, "the place is content");
}

#[test]
fn a_history_edited_by_hand_is_reported_and_kept() {
    let env = Env::new();
    let y1 = year_one(&env);
    let mut s = load_session(&y1).expect("loads");
    let now = chrono::DateTime::parse_from_rfc3339("2024-12-05T10:00:00+08:00").expect("time");
    s.set_status("dept-2-1", Some("done"), now).expect("status");
    std::fs::write(&y1, selfcheck::store::to_json(&s)).expect("write");
    let mut v = read(&y1);
    v["answers"]["dept-2-1"]["history"][0]["field"] = json!("colour");
    write(&y1, &v);

    // The record still opens and exports; validate names the check and fails.
    let out = env.run(&["validate", text(&y1)]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out)
            .contains("第2.1项（dept-2-1）的修改记录无法读取：entry 1: unknown variant `colour`"),
        "{}",
        stderr(&out)
    );
    // Its first line does not call the record whole before that.
    let first = stdout(&out).lines().next().unwrap_or_default().to_owned();
    assert!(!first.contains("完好"), "{first}");
    assert!(first.contains("修改记录中有 1 条无法读取"), "{first}");
    env.ok(&["export", text(&y1), "--format", "md", "--with-history"]);
    // Saved again by the program (signing saves the file), the unreadable entry is kept.
    env.ok(&["sign", text(&y1), "--role", "主持人", "--name", "张主任"]);
    let v = read(&y1);
    assert_eq!(v["answers"]["dept-2-1"]["history"][0]["field"], "colour");
    assert_eq!(v["answers"]["dept-2-1"]["status"], "done");
}
