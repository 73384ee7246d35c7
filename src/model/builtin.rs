//! The checklists shipped inside the binary: the three 对照检查表 of 临港安发〔2023〕13号
//! (附件2-4), and all three together for a unit that answers every part.

use super::template::Template;

/// `(id, JSON text)` of each embedded template, as in `data/templates/`.
const EMBEDDED: [(&str, &str); 3] = [
    ("gov", include_str!("../../data/templates/gov.json")),
    ("dept", include_str!("../../data/templates/dept.json")),
    (
        "enterprise",
        include_str!("../../data/templates/enterprise.json"),
    ),
];

/// The id of the combined checklist (sections 第一 to 第三 in one).
pub const FULL_ID: &str = "full";

/// Ids of the built-in templates in the order they are offered.
pub fn ids() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = EMBEDDED.iter().map(|(id, _)| *id).collect();
    v.push(FULL_ID);
    v
}

fn parse(id: &str, text: &str) -> Template {
    // The embedded files are checked by the test suite (tests/checklists.rs); a failure here is
    // a build defect, not user input.
    serde_json::from_str(text).unwrap_or_else(|e| panic!("built-in template {id} is invalid: {e}"))
}

/// All built-in templates, the combined one last.
pub fn all() -> Vec<Template> {
    let mut v: Vec<Template> = EMBEDDED.iter().map(|(id, t)| parse(id, t)).collect();
    v.push(full(&v));
    v
}

/// The built-in template with this id.
pub fn get(id: &str) -> Option<Template> {
    all().into_iter().find(|t| t.id == id)
}

fn full(parts: &[Template]) -> Template {
    let mut t = parts[0].clone();
    FULL_ID.clone_into(&mut t.id);
    "属地管理、“三管三必须”、企业主体责任落实情况对照检查表（合并）".clone_into(&mut t.title);
    t.title_en = Some("All three checklists combined".to_owned());
    t.unit_kind = None;
    if let Some(src) = &mut t.source {
        src.attachment = Some("附件2-4".to_owned());
        src.part = Some("二（二）".to_owned());
    }
    t.sections = parts.iter().flat_map(|p| p.sections.clone()).collect();
    t
}
