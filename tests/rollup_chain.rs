//! The roll-up over a chain of meetings of one unit (year 1 with problems, year 2 made from it
//! with a repeat finding and open carried-over measures, year 3 made from year 2): the latest
//! counts, with its 反复出现 and 上次遗留 (open, overdue); and the 签字确认 and 校验码 of each
//! counted file as collected, so a change made by hand after signing shows.

use std::path::Path;
use std::process::Command;

use chrono::{DateTime, FixedOffset, NaiveDate};
use selfcheck::model::carryover::{CarriedUpdate, next_session};
use selfcheck::model::session::{Rectification, RectificationState};
use selfcheck::model::signoff::{Role, content_hash, short_code};
use selfcheck::model::{Field, Meeting, Session, Unit, builtin};
use serde_json::Value;

const AS_OF: &str = "2026-06-01";

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn meeting(date: &str) -> Meeting {
    Meeting {
        title: "对照检查会".into(),
        date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        ..Meeting::default()
    }
}

fn ids(s: &Session) -> Vec<String> {
    s.template.checks().map(|(_, c)| c.id.clone()).collect()
}

/// Every check answered: 已落实 with evidence, except `short` checks 未落实 with a measure due
/// on `due`.
fn answer(s: &mut Session, short: &[usize], due: &str, now: DateTime<FixedOffset>) {
    for (k, id) in ids(s).iter().enumerate() {
        let text = format!(
            "第{k}项按制度逐条落实，留存会议纪要和检查台账，全年督查{}次。",
            k + 3
        );
        s.set_field(id, Field::Evidence, &text, now).unwrap();
        if short.contains(&k) {
            s.set_status(id, Some("not_done"), now).unwrap();
            let p = format!(
                "第{k}项的台账缺少第{}季度的检查记录，闭环不到位。",
                k % 4 + 1
            );
            s.set_field(id, Field::Problems, &p, now).unwrap();
            let m = format!("补齐第{k}项台账并由分管领导逐月签字复核。");
            s.set_field(id, Field::Measures, &m, now).unwrap();
            s.set_field(id, Field::Owner, "安全科 李强", now).unwrap();
            s.set_field(id, Field::Due, due, now).unwrap();
        } else {
            s.set_status(id, Some("done"), now).unwrap();
        }
    }
}

/// Year 1 of the unit, written to `2024.json` in `d`: checks 1, 2 and 5 short, their measures
/// due 2024-06-30.
fn year_one(d: &Path) -> Session {
    let t1 = at("2024-01-10T10:00:00+08:00");
    let mut y1 = Session::new(
        builtin::get("dept").unwrap(),
        Unit {
            name: "临港区应急管理局".into(),
            ..Unit::default()
        },
        meeting("2024-01-10"),
        t1,
    );
    answer(&mut y1, &[1, 2, 5], "2024-06-30", t1);
    std::fs::write(d.join("2024.json"), selfcheck::store::to_json(&y1)).unwrap();
    y1
}

/// The next meeting's record made from `prev` (saved as `file`) at `t`, on the day of `t`.
fn next_year(prev: &Session, file: &str, t: DateTime<FixedOffset>) -> Session {
    let day = t.date_naive().format("%Y-%m-%d").to_string();
    next_session(
        prev,
        file,
        prev.template.clone(),
        prev.unit.clone(),
        meeting(&day),
        t,
    )
    .0
}

fn summary(dir: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_selfcheck"))
        .arg("summary")
        .arg(dir)
        .args(["--as-of", AS_OF, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_latest_meeting_counts_with_its_repeats_and_carried_measures_and_its_signatures() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let y1 = year_one(d);

    // Year 2: check 1 short again (a repeat finding), 2 and 5 now done; the three measures of
    // year 1 are carried over, still open, due in 2024: overdue by the as-of date.
    let t2 = at("2025-01-10T10:00:00+08:00");
    let mut y2 = next_year(&y1, "2024.json", t2);
    answer(&mut y2, &[1], "2027-12-31", t2);
    std::fs::write(d.join("2025.json"), selfcheck::store::to_json(&y2)).unwrap();

    let v = summary(d);
    assert_eq!(v["units"].as_array().unwrap().len(), 1);
    let u = &v["units"][0];
    assert!(u["path"].as_str().unwrap().ends_with("2025.json"));
    assert_eq!(u["repeats"], 1, "{u}");
    assert_eq!(u["carried_open"], 3, "{u}");
    assert_eq!(u["carried_overdue"], 3, "{u}");
    assert_eq!(u["signature"]["state"], "unsigned");
    assert!(u["signature"].get("code").is_none());
    assert_eq!(v["total"]["repeats"], 1);

    // Year 3 from year 2, signed by both; then a change by hand.
    let t3 = at("2026-01-10T10:00:00+08:00");
    let mut y3 = next_year(&y2, "2025.json", t3);
    answer(&mut y3, &[1], "2027-12-31", t3);
    y3.sign(Role::Host, "张三", t3).unwrap();
    y3.sign(Role::Principal, "李四", t3).unwrap();
    let p3 = d.join("2026.json");
    std::fs::write(&p3, selfcheck::store::to_json(&y3)).unwrap();
    let v = summary(d);
    let u = &v["units"][0];
    assert!(u["path"].as_str().unwrap().ends_with("2026.json"));
    assert_eq!(v["superseded"].as_array().unwrap().len(), 2);
    assert_eq!(u["repeats"], 1, "{u}");
    let sig = &u["signature"];
    assert_eq!(sig["state"], "signed", "{sig}");
    assert_eq!(sig["signers"][0]["name"], "张三");
    assert_eq!(sig["signers"][1]["role"], "principal");
    let code = short_code(&content_hash(&y3));
    assert_eq!(sig["code"], code.as_str());

    let text = std::fs::read_to_string(&p3).unwrap();
    let changed = text.replacen("全年督查3次", "全年督查30次", 1);
    assert_ne!(text, changed);
    std::fs::write(&p3, changed).unwrap();
    let v = summary(d);
    let sig = &v["units"][0]["signature"];
    assert_eq!(sig["state"], "altered", "{sig}");
    assert_ne!(sig["code"], code.as_str());
    // The table and the CSV say it too.
    let out = Command::new(env!("CARGO_BIN_EXE_selfcheck"))
        .arg("summary")
        .arg(d)
        .args(["--as-of", AS_OF, "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.contains("签字后被改动"), "{csv}");
    assert!(
        csv.contains("反复出现") && csv.contains("上次遗留逾期"),
        "{csv}"
    );
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_selfcheck"))
        .arg("summary")
        .arg(dir)
        .args(["--as-of", AS_OF])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The combined 整改台账 carries the measures followed up from the previous meeting, marked
/// 上次遗留 with the day they were decided, overdue by their own state (not by the 整改进展 of
/// the check they were carried into); one closed at this meeting is no longer a row; a repeat
/// finding is marked; and the long table of answers says which checks are 反复出现.
#[test]
fn the_combined_ledger_follows_carried_measures_and_repeat_findings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let y1 = year_one(d);
    let t2 = at("2025-01-10T10:00:00+08:00");
    let mut y2 = next_year(&y1, "2024.json", t2);
    answer(&mut y2, &[1], "2027-12-31", t2);
    // Check 2's measure is closed at this meeting; check 1's own new measure is marked
    // 已完成 while the measure carried into it stays open.
    let closed = &ids(&y2)[2];
    y2.update_carried(
        closed,
        0,
        CarriedUpdate::Close {
            on: NaiveDate::from_ymd_opt(2025, 1, 10).unwrap(),
            evidence: "台账已补齐，分管领导签字".into(),
        },
        t2,
    )
    .unwrap();
    let done = Rectification {
        state: RectificationState::Done,
        closed_on: NaiveDate::from_ymd_opt(2025, 1, 10),
        extra: serde_json::Map::new(),
    };
    y2.set_rectification(&ids(&y2)[1], Some(done), t2).unwrap();
    std::fs::write(d.join("2025.json"), selfcheck::store::to_json(&y2)).unwrap();

    let v: Value = serde_json::from_str(&run(d, &["--format", "json"])).unwrap();
    let ledger = v["ledger"].as_array().unwrap();
    let row = |needle: &str, carried: bool| {
        ledger
            .iter()
            .find(|r| r["problem"].as_str().unwrap().contains(needle) && r["carried"] == carried)
            .unwrap_or_else(|| panic!("no row for {needle} in {ledger:#?}"))
    };
    // Carried from year 1, still open and due in 2024: overdue on the as-of date.
    let open = row("第5项", true);
    assert_eq!(open["carried_since"], "2024-01-10", "{open}");
    assert!(open["overdue_days"].as_i64().unwrap() > 0, "{open}");
    // Check 1's own measure is 已完成; the one carried into it is not, and is overdue.
    let carried = row("第1项", true);
    assert_eq!(carried["repeat"], false);
    assert!(carried["overdue_days"].as_i64().unwrap() > 0, "{carried}");
    // Check 1 again: the repeat finding of this meeting, its measure done.
    let again = ledger
        .iter()
        .find(|r| r["repeat"] == true)
        .expect("a repeat finding");
    assert_eq!(again["carried"], false, "{again}");
    assert!(again["carried_since"].is_null());
    assert!(again["overdue_days"].is_null(), "{again}");
    // Closed at this meeting: told in the report, no longer a row of the ledger.
    assert!(
        !ledger
            .iter()
            .any(|r| r["problem"].as_str().unwrap().contains("第2项")),
        "{ledger:#?}"
    );
    assert_eq!(ledger.iter().filter(|r| r["carried"] == true).count(), 2);

    let csv = run(d, &["--ledger"]);
    let head = csv.lines().next().unwrap();
    assert!(head.contains("跟踪情况"), "{head}");
    assert!(csv.contains("上次遗留（2024年1月10日会议确定）"), "{csv}");
    assert_eq!(csv.matches("反复出现").count(), 1, "{csv}");
    let csv = run(d, &["--ledger", "--lang", "en"]);
    assert!(csv.contains("Carried over (2024-01-10)"), "{csv}");
    assert!(csv.contains("Repeat finding"), "{csv}");

    let answers = run(d, &["--answers", "ndjson"]);
    let repeats: Vec<Value> = answers
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|a| a["repeat"] == true)
        .collect();
    assert_eq!(repeats.len(), 1, "{answers}");
    assert_eq!(repeats[0]["check_id"], ids(&y2)[1].as_str());
    let csv = run(d, &["--answers", "csv"]);
    assert!(csv.lines().next().unwrap().ends_with(",repeat"), "{csv}");
}
