//! The published JSON Schema of `selfcheck summary --format json`: the committed file is the one
//! generated from the types that write the JSON, and real output validates against it.
//!
//! To regenerate the file after a change: `UPDATE_SCHEMAS=1 cargo test --test rollup_schema`.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate};
use selfcheck::model::{Field, Meeting, Session, Unit, builtin};
use serde_json::Value;

const COMMITTED: &str = "data/summary.schema.json";

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(COMMITTED)
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap();
    s.push('\n');
    s
}

#[test]
fn the_committed_summary_schema_is_the_generated_one() {
    let generated = pretty(&selfcheck::rollup::json::schema());
    let path = committed_path();
    if std::env::var_os("UPDATE_SCHEMAS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; generate it with UPDATE_SCHEMAS=1", path.display()));
    assert!(
        committed == generated,
        "{COMMITTED} differs from the schema generated from the roll-up's types; regenerate it \
         with UPDATE_SCHEMAS=1 cargo test --test rollup_schema and commit the result"
    );
}

fn session(unit: &str, template: &str) -> Session {
    let now = DateTime::parse_from_rfc3339("2023-12-01T09:00:00+08:00").unwrap();
    let mut s = Session::new(
        builtin::get(template).unwrap(),
        Unit {
            name: unit.into(),
            ..Unit::default()
        },
        Meeting {
            date: NaiveDate::from_ymd_opt(2023, 12, 1),
            ..Meeting::default()
        },
        now,
    );
    let first = s.template.checks().next().unwrap().1.id.clone();
    s.set_status(&first, Some("not_done"), now).unwrap();
    s.set_field(
        &first,
        Field::Problems,
        "制度未及时修订，部分岗位职责与实际不符。",
        now,
    )
    .unwrap();
    s.set_field(&first, Field::Due, "2024-01-31", now).unwrap();
    s.set_field(
        &first,
        Field::Evidence,
        "全年组织安全生产专题会议十二次，逐项研究部署重点行业领域整治工作。",
        now,
    )
    .unwrap();
    s
}

#[test]
fn real_output_validates_against_the_committed_schema() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (unit, template)) in [("甲", "gov"), ("乙", "full"), ("甲 ", "gov")]
        .iter()
        .enumerate()
    {
        let s = session(unit, template);
        std::fs::write(
            dir.path().join(format!("{i}.json")),
            selfcheck::store::to_json(&s),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("bad.json"), "{").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_selfcheck"))
        .arg("summary")
        .arg(dir.path())
        .args(["--format", "json", "--as-of", "2024-06-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Every part is present, so the schema is tried on each.
    for key in [
        "units",
        "flags",
        "ledger",
        "superseded",
        "errors",
        "most_not_done",
    ] {
        assert!(!v[key].as_array().unwrap().is_empty(), "{key} is empty");
    }
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(committed_path()).unwrap()).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
