//! The published JSON Schemas: the committed files are the ones generated from the model, and
//! what the store writes validates against them.
//!
//! To regenerate the files after a change to the model: `UPDATE_SCHEMAS=1 cargo test --test schema`.

mod common;

use std::path::{Path, PathBuf};

use selfcheck::model::builtin;
use selfcheck::store::{Document, OpenMode, to_json};
use serde_json::{Value, json};

fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Compares the committed schema with the generated one, or rewrites it when
/// `UPDATE_SCHEMAS=1`.
fn check_committed(rel: &str, generated: &Value) {
    let path = manifest(rel);
    let text = common::pretty(generated);
    if updating() {
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; generate it with UPDATE_SCHEMAS=1 cargo test --test schema",
            path.display()
        )
    });
    assert!(
        committed == text,
        "{rel} differs from the schema generated from the model; regenerate it with \
         UPDATE_SCHEMAS=1 cargo test --test schema and commit the result"
    );
}

#[test]
fn the_committed_session_schema_is_the_generated_one() {
    check_committed(
        "data/session.schema.json",
        &selfcheck::schema::session_schema(),
    );
}

#[test]
fn the_committed_template_schema_is_the_generated_one() {
    check_committed(
        "data/template.schema.json",
        &selfcheck::schema::template_schema(),
    );
}

fn committed(rel: &str) -> Value {
    common::read_json(&manifest(rel))
}

fn updating() -> bool {
    std::env::var_os("UPDATE_SCHEMAS").is_some_and(|v| v == "1")
}

/// The committed schema; while the files are being regenerated, the generated one (the file
/// may be half-written by the test that rewrites it).
fn schema(rel: &str) -> Value {
    match (updating(), rel) {
        (true, "data/session.schema.json") => selfcheck::schema::session_schema(),
        (true, "data/template.schema.json") => selfcheck::schema::template_schema(),
        _ => committed(rel),
    }
}

fn validator(rel: &str) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema(rel))
        .unwrap_or_else(|e| panic!("{rel} is a valid JSON Schema: {e}"))
}

fn assert_valid(v: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn the_schemas_name_themselves() {
    let s = schema("data/session.schema.json");
    assert_eq!(s["$id"], "https://selfcheck.invalid/session.schema.json");
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(s["title"], "selfcheck session");
    let t = schema("data/template.schema.json");
    assert_eq!(t["$id"], "https://selfcheck.invalid/template.schema.json");
}

#[test]
fn sessions_written_by_the_store_validate() {
    let v = validator("data/session.schema.json");
    let dir = tempfile::tempdir().expect("temp dir");

    // Fresh sessions of every built-in checklist.
    for id in builtin::ids() {
        let path = dir.path().join(format!("{id}.json"));
        drop(Document::create(&path, &common::session(id, id)).expect("create"));
        assert_valid(&v, &common::read_json(&path), id);
    }

    // Every field filled, then unknown fields at every level, loaded and saved again.
    let path = dir.path().join("every-field.json");
    let full = common::full_session();
    drop(Document::create(&path, &full).expect("create"));
    let mut written = common::read_json(&path);
    assert_valid(&v, &written, "every field");
    assert!(written["answers"]["dept-1-1"]["rectification"].is_object());
    assert!(written["conclusions"].is_object());

    common::add_unknown_fields(&mut written, "dept-1-1");
    std::fs::write(&path, common::pretty(&written)).expect("write");
    let (mut doc, s) = Document::open(&path, OpenMode::Edit).expect("opens");
    doc.save(&s).expect("saves");
    let saved = common::read_json(&path);
    assert!(saved["unit"]["x_unit"].is_object());
    assert_valid(&v, &saved, "unknown fields");
}

#[test]
fn an_invalid_session_fails_validation() {
    let v = validator("data/session.schema.json");
    let good: Value = serde_json::from_slice(&to_json(&common::full_session())).expect("json");
    assert_valid(&v, &good, "the starting point");

    let mutations: [(&str, Value); 6] = [
        ("/answers/dept-1-1/status", json!(5)),
        ("/schema_version", json!("1")),
        ("/created_at", json!("yesterday")),
        ("/answers/dept-1-1/due", json!("31/12/2023")),
        ("/unit/kind", json!("school")),
        ("/template/sections/0/items/0/checks/0/text", json!(null)),
    ];
    for (pointer, bad) in mutations {
        let mut instance = good.clone();
        *instance.pointer_mut(pointer).expect(pointer) = bad;
        assert!(!v.is_valid(&instance), "{pointer} must be refused");
        let err = v.validate(&instance).expect_err(pointer);
        assert_eq!(err.instance_path().to_string(), pointer, "{err}");
    }

    let mut missing = good.clone();
    missing.as_object_mut().expect("object").remove("template");
    assert!(!v.is_valid(&missing));
}

#[test]
fn template_files_validate_against_the_template_schema() {
    let v = validator("data/template.schema.json");
    for t in builtin::all() {
        assert_valid(&v, &serde_json::to_value(&t).expect("value"), &t.id);
    }
    for id in ["gov", "dept", "enterprise"] {
        let file = committed(&format!("data/templates/{id}.json"));
        assert_valid(&v, &file, id);
    }
    let mut bad = committed("data/templates/gov.json");
    bad["sections"] = json!({"not": "a list"});
    assert!(!v.is_valid(&bad));
    let mut bad = committed("data/templates/gov.json");
    bad["answer_set"][0]
        .as_object_mut()
        .expect("option")
        .remove("label");
    assert!(!v.is_valid(&bad));
}

#[test]
fn the_schema_command_prints_the_committed_session_schema() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_selfcheck"))
        .arg("schema")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let printed: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(printed, schema("data/session.schema.json"));
}
