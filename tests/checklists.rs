//! The built-in checklists against the source document: every 检查…情况 of part 二（二） of
//! 临港安发〔2023〕13号, verbatim and in order, extracted here from the seed text independently of
//! the template files.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use selfcheck::model::template::default_answer_set;
use selfcheck::model::{Session, SessionError, Template, TemplateError, UnitKind, builtin};
use selfcheck::store::{StoreError, load_template};

fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// One 第一/第二/第三 part of 二（二）, as the source has it.
#[derive(Debug)]
struct SrcSection {
    number: String,
    title: String,
    items: Vec<SrcItem>,
}

#[derive(Debug)]
struct SrcItem {
    number: String,
    requirements: Vec<String>,
    checks: Vec<String>,
}

fn seed() -> String {
    std::fs::read_to_string(manifest("data/seed/lingang-anfa-2023-13.txt"))
        .expect("the seed document is readable")
}

/// The lines of part 二（二）: from its heading (exclusive) up to （三）, without blank lines.
fn part_lines(src: &str) -> Vec<&str> {
    let lines: Vec<&str> = src.lines().map(str::trim).collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("（二）深入对照检查"))
        .expect("part 二（二） is in the seed");
    let end = lines[start..]
        .iter()
        .position(|l| l.starts_with("（三）"))
        .map(|i| start + i)
        .expect("part 二（三） follows");
    lines[start + 1..end]
        .iter()
        .copied()
        .filter(|l| !l.is_empty())
        .collect()
}

/// `第一，深入对照检查…` -> (`第一`, the title).
fn section_heading(line: &str) -> Option<(String, String)> {
    let (number, title) = line.split_once('，')?;
    let is_number = number.starts_with('第')
        && number.chars().count() == 2
        && "一二三四五六七八九".contains(number.chars().nth(1)?);
    (is_number && title.starts_with("深入对照检查")).then(|| (number.to_owned(), title.to_owned()))
}

/// Splits the joined text of a section at every `N.对照`.
fn split_items(text: &str) -> Vec<(String, String)> {
    let marker = ".对照";
    let mut starts = Vec::new();
    for (at, _) in text.match_indices(marker) {
        let digits = text[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        assert!(digits > 0, "{marker} without a number in {text}");
        starts.push((at - digits, at));
    }
    assert!(
        starts.first().is_some_and(|(s, _)| *s == 0),
        "a section's text starts with its first item: {text}"
    );
    let mut items = Vec::new();
    for (k, &(start, dot)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |(s, _)| *s);
        let number = text[start..dot].to_owned();
        let body = text[dot + marker.len()..end].to_owned();
        items.push((number, body));
    }
    items
}

/// `“a”“b”的要求，rest` -> ([a, b], rest). Only top-level “…” quotes count; inner ones stay.
fn split_requirements(body: &str) -> (Vec<String>, String) {
    let mut requirements = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    let mut rest_at = None;
    for (at, c) in body.char_indices() {
        match c {
            '“' => {
                if depth > 0 {
                    current.push(c);
                }
                depth += 1;
            }
            '”' => {
                depth = depth.checked_sub(1).expect("balanced quotes");
                if depth == 0 {
                    requirements.push(std::mem::take(&mut current));
                } else {
                    current.push(c);
                }
            }
            _ if depth > 0 => current.push(c),
            _ => {
                rest_at = Some(at);
                break;
            }
        }
    }
    let rest = &body[rest_at.expect("text follows the quotes")..];
    let rest = rest
        .strip_prefix("的要求")
        .unwrap_or_else(|| panic!("quotes are followed by 的要求: {rest}"));
    let rest = rest.trim_start_matches('，');
    (requirements, rest.to_owned())
}

fn split_checks(rest: &str) -> Vec<String> {
    rest.split(['。', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Part 二（二） of the seed, parsed.
fn source_sections() -> Vec<SrcSection> {
    let src = seed();
    let mut sections: Vec<(String, String, String)> = Vec::new();
    for line in part_lines(&src) {
        if let Some((number, title)) = section_heading(line) {
            sections.push((number, title, String::new()));
        } else if let Some(last) = sections.last_mut() {
            // Lines of one paragraph broken at a page end are joined without a separator.
            last.2.push_str(line);
        }
    }
    sections
        .into_iter()
        .map(|(number, title, text)| SrcSection {
            number,
            title,
            items: split_items(&text)
                .into_iter()
                .map(|(number, body)| {
                    let (requirements, rest) = split_requirements(&body);
                    SrcItem {
                        number,
                        requirements,
                        checks: split_checks(&rest),
                    }
                })
                .collect(),
        })
        .collect()
}

fn builtin(id: &str) -> Template {
    builtin::get(id).unwrap_or_else(|| panic!("built-in template {id}"))
}

const PARTS: [(&str, &str, usize, usize); 3] = [
    ("gov", "第一", 3, 13),
    ("dept", "第二", 6, 15),
    ("enterprise", "第三", 5, 16),
];

#[test]
fn the_extraction_finds_the_documented_shape() {
    let sections = source_sections();
    let shape: Vec<(&str, usize, usize)> = sections
        .iter()
        .map(|s| {
            (
                s.number.as_str(),
                s.items.len(),
                s.items.iter().map(|i| i.checks.len()).sum(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![("第一", 3, 13), ("第二", 6, 15), ("第三", 5, 16)]
    );
    let all: Vec<&str> = sections
        .iter()
        .flat_map(|s| &s.items)
        .flat_map(|i| i.checks.iter().chain(&i.requirements))
        .map(String::as_str)
        .collect();
    // Page breaks inside a sentence are joined.
    assert!(all.iter().any(|c| c.contains("企业主要负责人")));
    assert!(
        all.iter()
            .any(|c| c.contains("提升隐患排查质量，深查隐蔽致灾隐患"))
    );
    assert!(all.iter().any(|r| r.ends_with("放在第一位")));
    let joined: String = seed().lines().map(str::trim).collect();
    assert!(joined.contains("推动企业主体责任落实"));
}

#[test]
fn built_in_templates_match_the_source_verbatim_and_in_order() {
    let sections = source_sections();
    for ((id, number, items, checks), src) in PARTS.iter().zip(&sections) {
        let t = builtin(id);
        assert_eq!(t.id, *id);
        assert_eq!(t.sections.len(), 1, "{id} has one section");
        let s = &t.sections[0];
        assert_eq!(s.number, *number, "{id}");
        assert_eq!(s.number, src.number, "{id}");
        assert_eq!(s.title, src.title, "{id}: section title");
        assert_eq!(s.items.len(), *items, "{id}: items");
        assert_eq!(t.check_count(), *checks, "{id}: checks");
        assert_eq!(
            s.items.len(),
            src.items.len(),
            "{id}: items as in the source"
        );
        for (item, src_item) in s.items.iter().zip(&src.items) {
            assert_eq!(item.number, src_item.number, "{}", item.id);
            assert_eq!(
                item.requirements, src_item.requirements,
                "{}: requirements",
                item.id
            );
            let texts: Vec<&str> = item.checks.iter().map(|c| c.text.as_str()).collect();
            assert_eq!(texts, src_item.checks, "{}: checks", item.id);
        }
    }
}

#[test]
fn check_texts_are_single_clauses_without_page_break_leftovers() {
    for (id, ..) in PARTS {
        for (_, c) in builtin(id).checks() {
            assert!(
                !c.text.contains(['。', '；', '\n', '\r', ' ', '\u{3000}']),
                "{}: {:?}",
                c.id,
                c.text
            );
            assert!(!c.text.starts_with('，'), "{}", c.id);
            assert!(
                c.text.ends_with("情况") || c.text.ends_with("问题"),
                "{}: {:?}",
                c.id,
                c.text
            );
        }
    }
}

#[test]
fn check_ids_are_unique_and_follow_their_position() {
    let mut all = HashSet::new();
    for (id, ..) in PARTS {
        let t = builtin(id);
        let s = &t.sections[0];
        assert_eq!(s.id, id);
        for (i, item) in s.items.iter().enumerate() {
            assert_eq!(item.id, format!("{id}-{}", i + 1));
            assert_eq!(item.number, (i + 1).to_string());
            for (k, c) in item.checks.iter().enumerate() {
                assert_eq!(c.id, format!("{id}-{}-{}", i + 1, k + 1));
                assert!(all.insert(c.id.clone()), "{} is used twice", c.id);
            }
        }
    }
    assert_eq!(all.len(), 13 + 15 + 16);
    // The first and last ids, which sessions already refer to.
    for stable in [
        "gov-1-1",
        "gov-3-4",
        "dept-1-4",
        "dept-6-2",
        "enterprise-5-1",
    ] {
        assert!(all.contains(stable), "{stable}");
    }
    let ids: Vec<String> = builtin("full")
        .checks()
        .map(|(_, c)| c.id.clone())
        .collect();
    assert_eq!(ids.first().map(String::as_str), Some("gov-1-1"));
    assert_eq!(ids.last().map(String::as_str), Some("enterprise-5-1"));
}

#[test]
fn addressees_are_named_where_the_source_names_them() {
    let expected = [
        ("dept-1-1", "负有行业领域管理职责的有关部门"),
        ("dept-1-2", "负有安全生产监督管理职责的有关部门"),
        ("dept-1-3", "区安委会其他成员单位"),
        ("dept-1-4", "各部门"),
        ("enterprise-1-3", "各企业"),
    ];
    let full = builtin("full");
    let with: Vec<(&str, &str)> = full
        .checks()
        .filter_map(|(_, c)| Some((c.id.as_str(), c.addressee.as_deref()?)))
        .collect();
    assert_eq!(with, expected);
    for (_, c) in full.checks() {
        if let Some(a) = &c.addressee {
            assert!(c.text.starts_with(a.as_str()), "{}", c.id);
        } else {
            assert!(c.text.starts_with("检查"), "{}: {:?}", c.id, c.text);
        }
    }
}

#[test]
fn the_full_template_has_all_three_sections() {
    let full = builtin("full");
    assert_eq!(full.id, builtin::FULL_ID);
    assert_eq!(full.unit_kind, None);
    let parts: Vec<_> = PARTS
        .iter()
        .map(|(id, ..)| builtin(id).sections[0].clone())
        .collect();
    assert_eq!(full.sections, parts);
    assert_eq!(full.check_count(), 44);
    assert_eq!(full.answer_set, default_answer_set());
    full.validate().expect("full is valid");
    assert_eq!(builtin::ids(), ["gov", "dept", "enterprise", "full"]);
    let all_ids: Vec<String> = builtin::all().into_iter().map(|t| t.id).collect();
    assert_eq!(all_ids, builtin::ids());
    assert!(builtin::get("nonexistent").is_none());
}

#[test]
fn built_in_templates_name_their_source_and_unit_kind() {
    for ((id, number, ..), (kind, attachment)) in PARTS.iter().zip([
        (UnitKind::Gov, "附件2"),
        (UnitKind::Dept, "附件3"),
        (UnitKind::Enterprise, "附件4"),
    ]) {
        let t = builtin(id);
        t.validate().expect("valid");
        assert_eq!(t.unit_kind, Some(kind));
        let src = t.source.expect("source");
        assert_eq!(src.document.as_deref(), Some("临港安发〔2023〕13号"));
        assert_eq!(src.attachment.as_deref(), Some(attachment));
        assert_eq!(src.part, Some(format!("二（二）{number}")));
        assert!(seed().contains(&format!("{}.{}", &attachment["附件".len()..], t.title)));
    }
}

#[test]
fn the_default_answer_set_is_done_partial_not_done_na() {
    let set = default_answer_set();
    let pairs: Vec<(&str, &str)> = set
        .iter()
        .map(|a| (a.id.as_str(), a.label.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("done", "已落实"),
            ("partial", "基本落实"),
            ("not_done", "未落实"),
            ("na", "不适用"),
        ]
    );
    for t in builtin::all() {
        assert_eq!(t.answer_set, set, "{}", t.id);
    }
    // A template without an answer set gets the default one.
    let t: Template = serde_json::from_str(
        r#"{"id":"x","version":"1","title":"T","sections":[{"id":"s","title":"S","items":[{"id":"i","checks":[{"id":"c","text":"检查情况"}]}]}]}"#,
    )
    .expect("parses");
    assert_eq!(t.answer_set, set);
}

#[test]
fn the_template_files_load_as_the_built_in_ones() {
    for (id, ..) in PARTS {
        let path = manifest(&format!("data/templates/{id}.json"));
        let t = load_template(&path).expect("loads");
        assert_eq!(t, builtin(id));
    }
}

const CUSTOM: &str = r#"{
  "id": "warehouse",
  "version": "2024-1",
  "title": "仓库消防自查表",
  "unit_kind": "enterprise",
  "answer_set": [
    {"id": "yes", "label": "是"},
    {"id": "no", "label": "否"},
    {"id": "later", "label": "待核实", "label_en": "To verify"}
  ],
  "sections": [
    {"id": "fire", "number": "一", "title": "消防", "items": [
      {"id": "fire-1", "number": "1", "requirements": ["消防通道畅通"], "checks": [
        {"id": "fire-1-1", "text": "检查消防通道是否畅通"},
        {"id": "fire-1-2", "text": "检查灭火器是否在有效期内", "addressee": "仓库主管"}
      ]}
    ]}
  ],
  "x-owner": {"dept": "安全科"}
}
"#;

#[test]
fn a_custom_template_file_loads_with_its_own_answer_set() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("warehouse.json");
    std::fs::write(&path, CUSTOM).expect("write");
    let t = load_template(&path).expect("custom template loads");
    assert_eq!(t.id, "warehouse");
    assert_eq!(t.check_count(), 2);
    let ids: Vec<&str> = t.answer_set.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["yes", "no", "later"]);
    assert_eq!(t.extra["x-owner"]["dept"], "安全科");
    let check = t.checks().nth(1).expect("second check").1;
    assert_eq!(check.addressee.as_deref(), Some("仓库主管"));

    // Its statuses are the ones a session accepts.
    let mut s = Session::new(
        t,
        selfcheck::model::Unit::default(),
        selfcheck::model::Meeting::default(),
        common::ts("2024-01-02T03:04:05+08:00"),
    );
    let now = common::ts("2024-01-02T04:00:00+08:00");
    assert!(
        s.set_status("fire-1-1", Some("later"), now)
            .expect("custom id")
    );
    let err = s.set_status("fire-1-2", Some("done"), now).unwrap_err();
    assert!(matches!(err, SessionError::UnknownStatus { .. }), "{err}");
    s.validate().expect("valid");
}

fn template_error(text: &str) -> (PathBuf, StoreError, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad-template.json");
    std::fs::write(&path, text).expect("write");
    let err = load_template(&path).expect_err("refused");
    (path, err, dir)
}

#[test]
fn a_template_with_duplicate_ids_is_refused() {
    let dup_check = CUSTOM.replace(r#""id": "fire-1-2""#, r#""id": "fire-1-1""#);
    let (path, err, _dir) = template_error(&dup_check);
    assert!(
        matches!(
            &err,
            StoreError::InvalidTemplate { source: TemplateError::DuplicateId(id), .. } if id == "fire-1-1"
        ),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(msg.contains("fire-1-1"), "{msg}");

    // A check may not reuse its item's or section's id either.
    let dup_item = CUSTOM.replace(r#""id": "fire-1-2""#, r#""id": "fire-1""#);
    let (_, err, _dir) = template_error(&dup_item);
    assert!(
        matches!(&err, StoreError::InvalidTemplate { source: TemplateError::DuplicateId(id), .. } if id == "fire-1"),
        "{err:?}"
    );

    let dup_answer = CUSTOM.replace(r#""id": "later""#, r#""id": "yes""#);
    let (_, err, _dir) = template_error(&dup_answer);
    assert!(
        matches!(&err, StoreError::InvalidTemplate { source: TemplateError::DuplicateAnswer(id), .. } if id == "yes"),
        "{err:?}"
    );
}

type IsExpected = fn(&TemplateError) -> bool;

#[test]
fn other_unusable_templates_are_refused() {
    let cases: [(&str, IsExpected); 4] = [
        (r#""id": "warehouse""#, |e| {
            matches!(e, TemplateError::EmptyId)
        }),
        (r#""text": "检查消防通道是否畅通""#, |e| {
            matches!(e, TemplateError::EmptyCheckText(_))
        }),
        (r#""id": "fire-1-1""#, |e| {
            matches!(e, TemplateError::EmptyChildId(_))
        }),
        (r#"{"id": "yes", "label": "是"},"#, |e| {
            matches!(e, TemplateError::DuplicateAnswer(_))
        }),
    ];
    let replacements = [
        r#""id": " ""#,
        r#""text": "  ""#,
        r#""id": """#,
        r#"{"id": "no", "label": "否2"},"#,
    ];
    for ((from, is_expected), to) in cases.into_iter().zip(replacements) {
        let text = CUSTOM.replacen(from, to, 1);
        assert_ne!(text, CUSTOM);
        let (_, err, _dir) = template_error(&text);
        match &err {
            StoreError::InvalidTemplate { source, .. } => {
                assert!(is_expected(source), "{from}: {source}");
            }
            other => panic!("{from}: {other:?}"),
        }
    }
    let ten: Vec<String> = (0..10)
        .map(|n| format!(r#"{{"id":"a{n}","label":"{n}"}}"#))
        .collect();
    let text = CUSTOM.replacen(
        r#"{"id": "yes", "label": "是"},"#,
        &format!("{},", ten.join(",")),
        1,
    );
    let (_, err, _dir) = template_error(&text);
    assert!(
        matches!(
            err,
            StoreError::InvalidTemplate {
                source: TemplateError::TooManyAnswers(12),
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_template_file_that_is_not_an_object_is_refused_in_plain_words() {
    for text in ["[]", "null", "\"gov\""] {
        let (path, err, _dir) = template_error(text);
        let msg = err.to_string();
        assert!(msg.starts_with(&format!("{}:1:", path.display())), "{msg}");
        assert!(msg.contains("expected a checklist template"), "{msg}");
        assert!(!msg.contains(":1:0:"), "columns count from 1: {msg}");
    }
}

#[test]
fn the_documented_example_template_loads() {
    let doc = std::fs::read_to_string(manifest("docs/template-format.md")).expect("docs");
    let start = doc.find("```json\n").expect("a JSON example") + "```json\n".len();
    let len = doc[start..].find("```").expect("end of the example");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("example.json");
    std::fs::write(&path, &doc[start..start + len]).expect("write");
    let t = load_template(&path).expect("the example is a valid template");
    let ids: Vec<&str> = t.answer_set.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["yes", "no", "verify"]);
    assert_eq!(t.check_count(), 2);
}
