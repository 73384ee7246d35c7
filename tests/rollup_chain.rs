//! The roll-up over a chain of meetings of one unit (year 1 with problems, year 2 made from it
//! with a repeat finding and open carried-over measures, year 3 made from year 2): the latest
//! counts, with its 反复出现 and 上次遗留 (open, overdue); and the 签字确认 and 校验码 of each
//! counted file as collected, so a change made by hand after signing shows.

use std::path::Path;
use std::process::Command;

use chrono::{DateTime, FixedOffset, NaiveDate};
use selfcheck::model::carryover::next_session;
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

    // Year 2: check 1 short again (a repeat finding), 2 and 5 now done; the three measures of
    // year 1 are carried over, still open, due in 2024: overdue by the as-of date.
    let t2 = at("2025-01-10T10:00:00+08:00");
    let (mut y2, _) = next_session(
        &y1,
        "2024.json",
        y1.template.clone(),
        y1.unit.clone(),
        meeting("2025-01-10"),
        t2,
    );
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
    let (mut y3, _) = next_session(
        &y2,
        "2025.json",
        y2.template.clone(),
        y2.unit.clone(),
        meeting("2026-01-10"),
        t3,
    );
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
