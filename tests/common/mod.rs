//! Helpers shared by the integration tests. Each test file uses some of them.
#![allow(dead_code)]

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use selfcheck::model::session::{Rectification, RectificationState};
use selfcheck::model::{Field, Meeting, Session, Unit, UnitKind, builtin};
use serde_json::{Value, json};

/// An RFC 3339 time.
pub fn ts(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// A fresh session of a built-in template with a unit name and nothing answered.
pub fn session(template: &str, unit: &str) -> Session {
    let t = builtin::get(template).unwrap_or_else(|| panic!("built-in template {template}"));
    Session::new(
        t,
        Unit {
            name: unit.to_owned(),
            kind: Some(UnitKind::Dept),
            ..Unit::default()
        },
        Meeting {
            title: "对照检查会".to_owned(),
            date: Some(date("2023-12-05")),
            ..Meeting::default()
        },
        ts("2023-12-05T09:00:00+08:00"),
    )
}

/// A session with every field of every part filled in.
pub fn full_session() -> Session {
    let mut s = session("dept", "区应急管理局");
    s.meeting = Meeting {
        title: "深化安全生产责任落实专项行动对照检查会".to_owned(),
        date: Some(date("2023-12-05")),
        place: "三楼会议室".to_owned(),
        host: "张三".to_owned(),
        recorder: "李四".to_owned(),
        attendees: vec!["王五".to_owned(), "赵六".to_owned()],
        ..Meeting::default()
    };
    let now = ts("2023-12-05T10:15:30+08:00");
    s.set_status("dept-1-1", Some("partial"), now)
        .expect("status");
    for (field, text) in [
        (
            Field::Evidence,
            "制定了行业安全生产工作要点。\n每季度督导一次。",
        ),
        (Field::Problems, "督导覆盖面不足"),
        (Field::Causes, "人员力量不足"),
        (Field::Measures, "充实执法力量"),
        (Field::Owner, "执法大队"),
        (Field::Due, "2024-03-31"),
    ] {
        s.set_field("dept-1-1", field, text, now).expect("field");
    }
    s.toggle_flag("dept-1-1", now).expect("flag");
    s.set_rectification(
        "dept-1-1",
        Some(Rectification {
            state: RectificationState::Done,
            closed_on: Some(date("2024-03-01")),
            extra: serde_json::Map::new(),
        }),
        now,
    )
    .expect("rectification");
    s.set_status("dept-2-1", Some("done"), now).expect("status");
    s.set_status("dept-6-2", Some("na"), now).expect("status");
    "总体落实较好".clone_into(&mut s.conclusions.overview);
    "研究执法力量配备".clone_into(&mut s.conclusions.major_matters);
    "修订检查计划制度".clone_into(&mut s.conclusions.institutional_measures);
    "增加执法车辆".clone_into(&mut s.conclusions.resource_guarantees);
    s
}

/// Unknown fields of many JSON kinds, as another tool might write them.
pub fn odd_values() -> Value {
    json!({
        "text": "中文 \"quoted\" \\ back\nslash\ttab \u{1b}[31m",
        "int": 42,
        "neg": -7,
        "big": 18_446_744_073_709_551_615_u64,
        "min": -9_223_372_036_854_775_808_i64,
        "float": 1.5,
        "tiny": 1e-7,
        "null": null,
        "yes": true,
        "empty_obj": {},
        "empty_arr": [],
        "nested": {"a": [1, {"b": ["c", null, false]}], "order": {"z": 1, "a": 2, "m": 3}}
    })
}

/// Adds `x_…` fields holding [`odd_values`] to the top level, unit, meeting, one answer, the
/// template and its parts.
pub fn add_unknown_fields(v: &mut Value, answer_id: &str) {
    let odd = odd_values();
    let put = |obj: &mut Value, key: &str| {
        obj.as_object_mut()
            .unwrap_or_else(|| panic!("{key}: an object"))
            .insert(key.to_owned(), odd.clone());
    };
    put(v, "x_top");
    put(&mut v["unit"], "x_unit");
    put(&mut v["meeting"], "x_meeting");
    put(&mut v["answers"][answer_id], "x_answer");
    put(&mut v["template"], "x_template");
    put(&mut v["template"]["source"], "x_source");
    put(&mut v["template"]["answer_set"][0], "x_option");
    put(&mut v["template"]["sections"][0], "x_section");
    put(&mut v["template"]["sections"][0]["items"][0], "x_item");
    put(
        &mut v["template"]["sections"][0]["items"][0]["checks"][0],
        "x_check",
    );
}

/// The paths of the unknown fields [`add_unknown_fields`] adds, as JSON pointers.
pub fn unknown_field_pointers(answer_id: &str) -> Vec<String> {
    vec![
        "/x_top".to_owned(),
        "/unit/x_unit".to_owned(),
        "/meeting/x_meeting".to_owned(),
        format!("/answers/{answer_id}/x_answer"),
        "/template/x_template".to_owned(),
        "/template/source/x_source".to_owned(),
        "/template/answer_set/0/x_option".to_owned(),
        "/template/sections/0/x_section".to_owned(),
        "/template/sections/0/items/0/x_item".to_owned(),
        "/template/sections/0/items/0/checks/0/x_check".to_owned(),
    ]
}

/// The JSON text the store writes for a value: two-space indent, final newline, and each
/// answer's history on one line.
pub fn pretty(v: &Value) -> String {
    let mut v = v.clone();
    let mut histories = Vec::new();
    if let Some(answers) = v.get_mut("answers").and_then(Value::as_object_mut) {
        for a in answers.values_mut() {
            if let Some(h) = a.get_mut("history") {
                let mark = format!("history-placeholder-{}", histories.len());
                histories.push((
                    serde_json::to_string(&mark).expect("serialises"),
                    serde_json::to_string(h).expect("serialises"),
                ));
                *h = Value::String(mark);
            }
        }
    }
    let mut s = serde_json::to_string_pretty(&v).expect("serialises");
    for (mark, text) in histories {
        s = s.replacen(&mark, &text, 1);
    }
    s.push('\n');
    s
}

pub fn read_json(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o7777
}

/// Writes a 2,000-check session (over 1 MiB, so saved through its journal) at `file`, every
/// check answered but the first three; returns their ids and the file's bytes.
pub fn large_session(file: &Path) -> (Vec<String>, Vec<u8>) {
    let mut big = selfcheck::demo::synthetic_session(2000, ts("2023-12-05T09:00:00+08:00"));
    let ids: Vec<String> = big
        .template
        .checks()
        .take(3)
        .map(|(_, c)| c.id.clone())
        .collect();
    for id in &ids {
        big.answers.remove(id);
    }
    drop(selfcheck::store::Document::create(file, &big).expect("create"));
    let bytes = std::fs::read(file).expect("read");
    assert!(bytes.len() > 1024 * 1024, "large enough for the journal");
    (ids, bytes)
}
