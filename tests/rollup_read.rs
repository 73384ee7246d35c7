//! The roll-up's own reader (`rollup::read`) gives the roll-up the same facts as the session's
//! reader (`store::load_session`) for the same files: every checklist, answers typed in the
//! interface (with their history), a session made from an earlier one (上次, carried-over
//! measures), members written by other tools, a byte-order mark, escapes; and a file it does
//! not take the fast way (signed, a journal beside it, broken) is read by the session's reader,
//! with the store's reason.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use selfcheck::model::carryover::next_session;
use selfcheck::model::session::RectificationState;
use selfcheck::model::signoff::Role;
use selfcheck::model::{Field, Meeting, Rectification, Session, Unit, builtin};
use selfcheck::rollup::gather::{facts_of, facts_read};
use selfcheck::rollup::read::{Templates, read};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()
}

fn unit(name: &str) -> Unit {
    Unit {
        name: name.into(),
        ..Unit::default()
    }
}

fn meeting(date: &str) -> Meeting {
    Meeting {
        title: "对照检查会".into(),
        date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        ..Meeting::default()
    }
}

/// A session answered through the model, as the interface does (each change in the history).
fn typed(template: &str, name: &str) -> Session {
    let t = builtin::get(template).unwrap();
    let now = at("2024-01-10T10:00:00+08:00");
    let mut s = Session::new(t, unit(name), meeting("2024-01-10"), now);
    let ids: Vec<String> = s.template.checks().map(|(_, c)| c.id.clone()).collect();
    for (k, id) in ids.iter().enumerate() {
        match k % 4 {
            0 => {
                s.set_status(id, Some("done"), now).unwrap();
                s.set_field(
                    id,
                    Field::Evidence,
                    "  建立台账，\"每月\"回头看\\复核\t。 ",
                    now,
                )
                .unwrap();
            }
            1 => {
                s.set_status(id, Some("not_done"), now).unwrap();
                s.set_field(id, Field::Problems, "一、台账不全；\n二、培训不足。", now)
                    .unwrap();
                s.set_field(id, Field::Measures, "1. 补齐台账\n2. 组织培训", now)
                    .unwrap();
                s.set_field(id, Field::Owner, "安全科 王海燕", now).unwrap();
                s.set_field(id, Field::Due, "2024-03-31", now).unwrap();
                s.set_rectification(
                    id,
                    Some(Rectification {
                        state: RectificationState::InProgress,
                        closed_on: None,
                        extra: serde_json::Map::new(),
                    }),
                    now,
                )
                .unwrap();
            }
            2 => {
                s.set_status(id, Some("partial"), now).unwrap();
                s.set_field(id, Field::Problems, "制度未更新。", now)
                    .unwrap();
                s.set_field(id, Field::Due, "长期坚持", now).unwrap();
            }
            _ => {}
        }
    }
    s
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Compares the facts both readers give for `path`; returns whether the fast way was taken.
fn same_facts(path: &Path, templates: &Templates) -> bool {
    let full = selfcheck::store::load_session(path).unwrap();
    let fast = read(path, templates).unwrap();
    let fast_way = !fast.full;
    // As the roll-up makes them: the checklist's lines shared where it was recognised.
    assert_eq!(
        facts_read(path, fast, as_of()),
        facts_of(path, full, as_of()),
        "{}",
        path.display()
    );
    fast_way
}

/// Asserts that both readers refuse `path`, for the same reason.
fn same_refusal(path: &Path, templates: &Templates) {
    let fast = read(path, templates).err().unwrap().to_string();
    let full = selfcheck::store::load_session(path)
        .err()
        .unwrap()
        .to_string();
    assert_eq!(fast, full, "{}", path.display());
}

#[test]
fn the_fast_reader_gives_the_same_facts_as_the_session_reader() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let templates = Templates::default();
    let mut files = Vec::new();
    for (i, id) in ["gov", "dept", "enterprise", "full"].iter().enumerate() {
        let t = builtin::get(id).unwrap();
        let demo = selfcheck::demo::answer_all(t, at("2023-12-05T09:00:00+08:00"));
        files.push(write(
            d,
            &format!("demo-{i}.json"),
            &selfcheck::store::to_json(&demo),
        ));
        files.push(write(
            d,
            &format!("typed-{i}.json"),
            &selfcheck::store::to_json(&typed(id, &format!("单位{i}"))),
        ));
    }
    // The next meeting, made from the last one: 上次 and carried-over measures.
    let prev = typed("dept", "临港区应急管理局");
    let (mut next, _) = next_session(
        &prev,
        "prev.json",
        prev.template.clone(),
        prev.unit.clone(),
        meeting("2025-01-10"),
        at("2025-01-10T10:00:00+08:00"),
    );
    let first = next.template.checks().nth(1).unwrap().1.id.clone();
    next.set_status(&first, Some("not_done"), at("2025-01-10T11:00:00+08:00"))
        .unwrap();
    files.push(write(d, "next.json", &selfcheck::store::to_json(&next)));
    // Members of other tools everywhere, and a byte-order mark.
    let mut v: serde_json::Value =
        serde_json::from_slice(&selfcheck::store::to_json(&typed("gov", "其他工具"))).unwrap();
    v["x_tool"] = serde_json::json!({"a": [1, 2, {"b": null}]});
    v["unit"]["x_code"] = "91310000".into();
    v["template"]["x_note"] = "另附".into();
    for a in v["answers"].as_object_mut().unwrap().values_mut() {
        a["x_score"] = 3.5.into();
    }
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(serde_json::to_vec_pretty(&v).unwrap());
    files.push(write(d, "other-tool.json", &bytes));

    for f in &files {
        assert!(
            same_facts(f, &templates),
            "{} not read the fast way",
            f.display()
        );
    }
    // Each checklist's copy was parsed once; the typed session and the next meeting carry the
    // same bytes as a file read before them and were recognised as they stood. The other
    // tool's copy (another member, other indents) was parsed.
    assert_eq!(templates.recognised(), 5);
}

/// The text of a file's `template` member, as it stands in the file.
fn template_text(bytes: &[u8]) -> String {
    #[derive(serde::Deserialize)]
    struct Only<'a> {
        #[serde(borrow)]
        template: &'a serde_json::value::RawValue,
    }
    let only: Only = serde_json::from_slice(bytes).unwrap();
    only.template.get().to_owned()
}

#[test]
fn a_checklist_copy_is_recognised_only_as_the_files_own_template() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let templates = Templates::default();
    let gov = selfcheck::store::to_json(&typed("gov", "甲"));
    let dept = String::from_utf8(selfcheck::store::to_json(&typed("dept", "乙"))).unwrap();
    // The copies are met once, parsed.
    assert!(same_facts(&write(d, "gov.json", &gov), &templates));
    assert!(same_facts(
        &write(d, "dept.json", dept.as_bytes()),
        &templates
    ));
    assert_eq!(templates.recognised(), 0);

    // gov's copy as the value of a `template` member of another tool's member, before the
    // file's own (dept's): the file is still dept's, read whole.
    let nested = dept.replacen(
        '{',
        &format!("{{\"x_tool\": {{\"template\": {}}},", template_text(&gov)),
        1,
    );
    let p = write(d, "nested.json", nested.as_bytes());
    assert!(same_facts(&p, &templates));
    let facts = facts_of(&p, read(&p, &templates).unwrap().session, as_of());
    assert_eq!(facts.template, "dept");
    assert_eq!(
        templates.recognised(),
        0,
        "the other member's copy was taken"
    );

    // The same, the file's own `template` being `0` (what the copy is replaced by): not a
    // checklist, refused with the store's reason, not taken for gov's.
    let zero = nested.replacen(&template_text(dept.as_bytes()), "0", 1);
    assert!(zero.contains("\"template\": 0,"));
    let p = write(d, "zero.json", zero.as_bytes());
    same_refusal(&p, &templates);

    // Text after the copy that would make a number of the stand-in (`0.5`): not JSON, and
    // refused with the store's reason.
    let raw = template_text(dept.as_bytes());
    let broken = dept.replacen(&raw, &format!("{raw}.5"), 1);
    let p = write(d, "broken.json", broken.as_bytes());
    same_refusal(&p, &templates);

    // The same copy as the file's own: recognised, and the same facts.
    let p = write(d, "again.json", dept.as_bytes());
    assert!(same_facts(&p, &templates));
    assert_eq!(templates.recognised(), 1);

    // The same behind a byte-order mark: recognised where it stands, the mark not counted
    // twice.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(dept.as_bytes());
    let p = write(d, "bom.json", &bom);
    assert!(same_facts(&p, &templates));
    assert_eq!(templates.recognised(), 2);
}

#[test]
fn signed_journalled_and_broken_files_are_read_by_the_session_reader() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let templates = Templates::default();
    let mut signed = typed("enterprise", "丙公司");
    signed
        .sign(Role::Host, "张三", at("2024-01-11T10:00:00+08:00"))
        .unwrap();
    let p = write(d, "signed.json", &selfcheck::store::to_json(&signed));
    assert!(
        !same_facts(&p, &templates),
        "a signed file is checked whole"
    );

    let p = write(d, "broken.json", b"{\"schema_version\": 1, \"template\": {");
    same_refusal(&p, &templates);

    // A status the checklist does not have: refused as the session's reader refuses it.
    let mut v: serde_json::Value =
        serde_json::from_slice(&selfcheck::store::to_json(&typed("gov", "丁"))).unwrap();
    let first = v["answers"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    v["answers"][&first]["status"] = "maybe".into();
    let p = write(d, "bad-status.json", &serde_json::to_vec(&v).unwrap());
    same_refusal(&p, &templates);

    // The members as an array, in the order the roll-up reads them: not a session.
    let members = [
        "schema_version",
        "template",
        "unit",
        "meeting",
        "created_at",
        "updated_at",
    ]
    .map(|k| v[k].clone());
    let p = write(d, "array.json", &serde_json::to_vec(&members).unwrap());
    same_refusal(&p, &templates);
}
