//! The published JSON Schemas of the session and template files (`data/*.schema.json`),
//! generated from the model so they cannot drift from what is written.

use crate::model::{Session, Template};

/// JSON Schema of a session file.
pub fn session_schema() -> serde_json::Value {
    let mut v = schemars::schema_for!(Session).to_value();
    annotate(&mut v, "https://selfcheck.invalid/session.schema.json");
    v
}

/// JSON Schema of a template file.
pub fn template_schema() -> serde_json::Value {
    let mut v = schemars::schema_for!(Template).to_value();
    annotate(&mut v, "https://selfcheck.invalid/template.schema.json");
    v
}

fn annotate(v: &mut serde_json::Value, id: &str) {
    if let Some(obj) = v.as_object_mut() {
        obj.insert("$id".into(), id.into());
    }
}
