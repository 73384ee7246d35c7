//! Exports of one session: the report as Markdown (golden file) and Word (read back from the
//! zip), the checklist and ledger as Excel (read back with calamine) and the ledger as CSV
//! (golden file), and the command line around them.
//!
//! Golden files live in tests/golden/; after an intended change, regenerate them with
//! `UPDATE_GOLDEN=1 cargo test --test export` and review the diff.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use chrono::{DateTime, FixedOffset, NaiveDate};
use selfcheck::export::{docx, ledger, markdown, report, xlsx};
use selfcheck::model::session::RectificationState;
use selfcheck::model::template::default_answer_set;
use selfcheck::model::{
    Check, Field, Item, Meeting, Rectification, Section, Session, Source, Template, Unit, UnitKind,
};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn check(id: &str, text: &str) -> Check {
    Check {
        id: id.into(),
        text: text.into(),
        addressee: None,
        extra: serde_json::Map::new(),
    }
}

fn item(id: &str, number: &str, requirements: &[&str], checks: Vec<Check>) -> Item {
    Item {
        id: id.into(),
        number: number.into(),
        requirements: requirements.iter().map(|s| (*s).to_owned()).collect(),
        checks,
        extra: serde_json::Map::new(),
    }
}

/// A small checklist of its own, so the golden files do not change when the built-in
/// checklists' wording is corrected.
fn template() -> Template {
    Template {
        id: "golden".into(),
        version: "1".into(),
        title: "部门“三管三必须”责任落实情况对照检查表".into(),
        title_en: None,
        unit_kind: Some(UnitKind::Dept),
        source: Some(Source {
            document: Some("临港安发〔2023〕13号".into()),
            attachment: Some("附件3".into()),
            ..Source::default()
        }),
        answer_set: default_answer_set(),
        sections: vec![
            Section {
                id: "s1".into(),
                number: "第一".into(),
                title: "深入对照检查部门“三管三必须”责任落实情况".into(),
                items: vec![
                    item(
                        "s1-1",
                        "1",
                        &["管行业必须管安全，管业务必须管安全，管生产经营必须管安全"],
                        vec![
                            check("c1", "检查依法履行安全生产管理责任情况"),
                            check("c2", "检查强化监管执法，依法查处违法违规情况"),
                        ],
                    ),
                    item(
                        "s1-2",
                        "2",
                        &["加大隐患整改治理力度", "务必见到成效"],
                        vec![check("c3", "检查督促企业抓好隐患整改治理情况")],
                    ),
                ],
                extra: serde_json::Map::new(),
            },
            Section {
                id: "s2".into(),
                number: "第二".into(),
                title: "深入对照检查企业主体责任落实情况".into(),
                items: vec![item(
                    "s2-1",
                    "1",
                    &["安全投入到位"],
                    vec![
                        check("c4", "检查企业安全费用提取和使用情况"),
                        check("c5", "检查企业安全生产考核奖惩机制建立落实情况"),
                    ],
                )],
                extra: serde_json::Map::new(),
            },
        ],
        extra: serde_json::Map::new(),
    }
}

/// The golden session: every part of the report has something, some parts are empty, and the
/// texts carry characters that Markdown, CSV and XML treat specially.
fn session() -> Session {
    let t0 = at("2023-12-05T09:00:00+08:00");
    let t1 = at("2023-12-05T10:30:00+08:00");
    let mut s = Session::new(
        template(),
        Unit {
            name: "临港测试局".into(),
            kind: Some(UnitKind::Dept),
            ..Unit::default()
        },
        Meeting {
            title: "2023年度安全生产责任落实对照检查会".into(),
            date: Some(ymd(2023, 12, 5)),
            place: "三楼会议室".into(),
            host: "张三".into(),
            recorder: "李四".into(),
            attendees: vec!["王五".into(), "赵六".into(), "孙七".into()],
            ..Meeting::default()
        },
        t0,
    );
    // A fixed id: the record's id is part of the content the printed 校验码 is made from.
    s.id = Some("5e1f0c4a9b2d4e7f8a6c3b1d0e9f2a4c".into());
    let f = |s: &mut Session, id: &str, field: Field, text: &str| {
        s.set_field(id, field, text, t1).unwrap();
    };
    s.set_status("c1", Some("done"), t1).unwrap();
    f(
        &mut s,
        "c1",
        Field::Evidence,
        "制定了行业安全生产规划。\n开展“四不两直”检查12次。",
    );
    s.set_status("c2", Some("not_done"), t1).unwrap();
    f(
        &mut s,
        "c2",
        Field::Problems,
        "执法检查频次不足，*重点*企业覆盖率低 | 未闭环",
    );
    f(&mut s, "c2", Field::Causes, "执法力量不足。");
    f(
        &mut s,
        "c2",
        Field::Measures,
        "增配执法人员2名；\n建立执法台账。",
    );
    f(&mut s, "c2", Field::Owner, "执法大队 王五");
    f(&mut s, "c2", Field::Due, "2023-12-31");
    s.set_rectification(
        "c2",
        Some(Rectification {
            state: RectificationState::InProgress,
            closed_on: None,
            extra: serde_json::Map::new(),
        }),
        t1,
    )
    .unwrap();
    s.set_status("c3", Some("partial"), t1).unwrap();
    f(&mut s, "c3", Field::Problems, "-隐患整改跟踪不到位");
    f(&mut s, "c3", Field::Measures, "建立隐患整改销号制度");
    f(&mut s, "c3", Field::Owner, "安监科");
    f(&mut s, "c3", Field::Due, "2024年1月15日");
    s.set_rectification(
        "c3",
        Some(Rectification {
            state: RectificationState::Done,
            closed_on: Some(ymd(2024, 1, 10)),
            extra: serde_json::Map::new(),
        }),
        t1,
    )
    .unwrap();
    s.set_status("c4", Some("na"), t1).unwrap();
    // A problem recorded before the check was given a status.
    f(
        &mut s,
        "c5",
        Field::Problems,
        "<b>未建立</b>考核机制 & 奖惩",
    );
    s.conclusions.overview = "本局认真落实“三管三必须”要求。".into();
    s.conclusions.major_matters = "研究决策安全生产重大事项3项。".into();
    s.conclusions.resource_guarantees = "落实安全投入50万元。".into();
    s
}

/// Compares `actual` with the golden file, or rewrites it under `UPDATE_GOLDEN=1`.
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} differs from the output; run with UPDATE_GOLDEN=1 and review the diff.\n--- actual ---\n{actual}",
        path.display()
    );
}

#[test]
fn markdown_report_matches_golden_file() {
    golden("report.md", &markdown::render(&session()));
}

#[test]
fn csv_ledger_matches_golden_file() {
    golden("ledger.csv", &ledger::render_csv(&session()).unwrap());
}

#[test]
fn markdown_report_has_every_part_in_order() {
    let md = markdown::render(&session());
    let mut at = 0;
    for part in [
        "**草稿（未完成：已检查 4 / 5 项）**",
        "# 关于临港测试局深化安全生产责任落实专项行动对照检查情况的报告",
        "区专项行动领导小组办公室：",
        "（临港安发〔2023〕13号）要求",
        "## 一、基本情况",
        "## 二、做法及成效",
        "## 三、存在问题",
        "## 四、原因剖析",
        "## 五、改进措施",
        "## 六、系统总结提升",
        "### （一）研究决策重大事项",
        "### （二）健全完善制度措施",
        "### （三）落实“人、财、物”保障",
        "附件：部门“三管三必须”责任落实情况对照检查表",
        "临港测试局<br>2023年12月5日",
        "## 附件",
        "### 部门“三管三必须”责任落实情况对照检查表",
        "填报单位（盖章）：临港测试局",
    ] {
        let found = md[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} missing or out of order"));
        at += found + part.len();
    }
    // 基本情况 is a narrative built from the meeting record, not a list of fields.
    assert!(md.contains(
        "2023年12月5日，临港测试局在三楼会议室召开2023年度安全生产责任落实对照检查会，会议由张三主持，王五、赵六、孙七参加会议，李四记录。"
    ));
    assert!(md.contains("集中学习研讨：（未填写）"));
    // The empty sub-part says so.
    let sub = md.split("### （二）健全完善制度措施").nth(1).unwrap();
    assert!(sub.trim_start().starts_with("（未填写）"), "{sub}");
    // Stored markup is escaped, the table cell's pipe too, and the unanswered check is 未检查.
    assert!(md.contains("\\<b\\>未建立\\</b\\>"));
    assert!(md.contains("\\*重点\\*企业覆盖率低 \\| 未闭环"));
    assert!(md.contains("| 2.1.2 | 检查企业安全生产考核奖惩机制建立落实情况 | 未检查 |"));
    // A multi-line measure stays in one table cell.
    assert!(md.contains("增配执法人员2名；<br>建立执法台账。"));
    // Problems are headed by a short text and the display number, not the whole check.
    assert!(md.contains("**1.强化监管执法（第1.1.2项，未落实）。**执法检查频次不足"));
}

#[test]
fn empty_session_is_a_draft_and_never_says_none() {
    let mut s = session();
    s.answers.clear();
    s.conclusions = selfcheck::model::Conclusions::default();
    s.unit.name.clear();
    let md = markdown::render(&s);
    assert!(
        md.starts_with("**草稿（未完成：已检查 0 / 5 项）**"),
        "{md}"
    );
    let body = md.split("二、做法及成效").nth(1).unwrap();
    assert!(body.trim_start().starts_with("（未填写）"), "{body}");
    let closing = md.split("六、系统总结提升").nth(1).unwrap();
    let closing = closing.split("附件：").next().unwrap();
    assert_eq!(closing.matches("（未填写）").count(), 3, "{closing}");
    assert!(
        !md.contains("（无）"),
        "an unfinished record has no （无）:\n{md}"
    );
    for part in ["三、存在问题", "四、原因剖析", "五、改进措施"] {
        let body = md.split(part).nth(1).unwrap();
        assert!(
            body.trim_start()
                .starts_with("（对照检查尚未完成：5项未检查"),
            "{part}: {body}"
        );
    }
    assert!(md.contains("# 关于（未填写单位名称）"));
    assert_eq!(md.matches("| 未检查 |").count(), 5);
}

/// A finished record with no problem says （无）, is no draft, and says it found none.
#[test]
fn finished_record_without_problems_says_none() {
    let t1 = at("2023-12-06T09:00:00+08:00");
    let mut s = session();
    s.answers.clear();
    for id in ["c1", "c2", "c3", "c4", "c5"] {
        s.set_status(id, Some("done"), t1).unwrap();
    }
    let md = markdown::render(&s);
    assert!(!md.contains("草稿"), "{md}");
    for part in ["三、存在问题", "四、原因剖析", "五、改进措施"] {
        let body = md.split(part).nth(1).unwrap();
        assert!(body.trim_start().starts_with("（无）"), "{part}: {body}");
    }
    assert!(md.contains("其中已落实5项、基本落实0项、未落实0项、不适用0项；未查摆出问题。"));
}

/// 未落实 / 基本落实 without problem text, and a problem without a measure, are listed with
/// （未填写）; a 不适用 explanation is its own line and not an achievement.
#[test]
fn gaps_are_shown_and_not_applicable_is_not_an_achievement() {
    let t1 = at("2023-12-06T09:00:00+08:00");
    let mut s = session();
    s.set_status("c1", Some("partial"), t1).unwrap();
    s.set_field("c4", Field::Evidence, "本局无下属企业，不涉及。", t1)
        .unwrap();
    let md = markdown::render(&s);
    let part = |from: &str, to: &str| {
        md.split(from)
            .nth(1)
            .unwrap()
            .split(to)
            .next()
            .unwrap()
            .to_owned()
    };
    let problems = part("## 三、存在问题", "## 四、");
    assert!(
        problems.contains("依法履行安全生产管理责任（第1.1.1项，基本落实）。**（未填写）"),
        "{problems}"
    );
    let measures = part("## 五、改进措施", "## 六、");
    assert!(
        measures.contains("企业安全生产考核奖惩机制建立落实（第2.1.2项）。**（未填写）"),
        "{measures}"
    );
    let achievements = part("## 二、做法及成效", "## 三、");
    assert!(!achievements.contains("不涉及"), "{achievements}");
    let basics = part("## 一、基本情况", "## 二、");
    assert!(basics.contains("不适用说明："), "{basics}");
    assert!(
        basics.contains("企业安全费用提取和使用（第2.1.1项）：**本局无下属企业，不涉及。"),
        "{basics}"
    );
    // The ledger has the unwritten problem too.
    let csv = ledger::render_csv(&s).unwrap();
    assert!(
        csv.contains("1.1.1,依法履行安全生产管理责任,（未填写）"),
        "{csv}"
    );
}

/// 主送 comes from the options, else the session, else the default.
#[test]
fn recipient_follows_options_session_and_default() {
    let mut s = session();
    let build = |s: &Session, o: &report::Options| report::build_with(s, o).recipient;
    assert_eq!(
        build(&s, &report::Options::default()),
        report::DEFAULT_RECIPIENT
    );
    let folder = report::Options {
        folder_recipient: Some("区安委会办公室".into()),
        ..report::Options::default()
    };
    assert_eq!(build(&s, &folder), "区安委会办公室");
    s.meeting.recipient = "区应急管理局：".into();
    assert_eq!(build(&s, &folder), "区应急管理局");
    let given = report::Options {
        recipient: Some("区政府办公室".into()),
        ..folder
    };
    assert_eq!(build(&s, &given), "区政府办公室");
}

// ---- docx ----

fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut f = z.by_name(name).unwrap();
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    s
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text of each `<w:p>` of a `WordprocessingML` fragment.
fn paragraphs(xml: &str) -> Vec<String> {
    xml.split("</w:p>")
        .map(|p| {
            let mut text = String::new();
            let mut rest = p;
            while let Some(i) = rest.find("<w:t") {
                rest = &rest[i..];
                let Some(open_end) = rest.find('>') else {
                    break;
                };
                // `<w:tbl>`, `<w:tc>`, `<w:tr>` also start with `<w:t`.
                let tag = &rest[..open_end];
                rest = &rest[open_end + 1..];
                if !(tag == "<w:t" || tag.starts_with("<w:t ")) || tag.ends_with('/') {
                    continue;
                }
                let close = rest.find("</w:t>").unwrap();
                text.push_str(&unescape(&rest[..close]));
                rest = &rest[close..];
            }
            text
        })
        .collect()
}

#[test]
fn docx_holds_the_report_with_its_fonts_and_table() {
    let mut s = session();
    // XML 1.0 cannot hold U+0001; Word would refuse the file if it were written.
    s.set_field(
        "c4",
        Field::Evidence,
        "含控制字符\u{1}的文本",
        at("2023-12-05T11:00:00+08:00"),
    )
    .unwrap();
    let bytes = docx::render(&s).unwrap();
    let doc = zip_part(&bytes, "word/document.xml");
    let paras = paragraphs(&doc);
    let has = |needle: &str| paras.iter().any(|p| p.contains(needle));

    assert!(has("关于临港测试局深化安全生产责任落实"));
    assert!(has("区专项行动领导小组办公室："));
    assert!(has("草稿（未完成：已检查 4 / 5 项）"));
    for a in s.answers.values() {
        for line in a.problems.lines().chain(a.measures.lines()) {
            assert!(has(line.trim()), "{line:?} missing from document.xml");
        }
    }
    assert!(has("含控制字符的文本"));
    assert!(!doc.contains('\u{1}'));
    for part in [
        "一、基本情况",
        "二、做法及成效",
        "三、存在问题",
        "四、原因剖析",
        "五、改进措施",
        "六、系统总结提升",
        "附件：部门“三管三必须”责任落实情况对照检查表",
        "填报单位（盖章）：临港测试局",
        "主要负责人（签字）：",
    ] {
        assert!(has(part), "{part}");
    }

    // Two sections: the body portrait, the 附件 landscape, both with page-number footers
    // (odd and even) and, the record being unfinished, draft headers.
    assert_eq!(doc.matches("<w:sectPr>").count(), 2);
    assert_eq!(doc.matches(r#"w:orient="landscape""#).count(), 1);
    assert_eq!(
        doc.matches(r#"<w:footerReference w:type="default""#)
            .count(),
        2
    );
    assert_eq!(
        doc.matches(r#"<w:headerReference w:type="even""#).count(),
        2
    );
    let footer = zip_part(&bytes, "word/footer1.xml");
    assert!(
        footer.contains(r#"<w:fldSimple w:instr=" PAGE ">"#),
        "{footer}"
    );
    assert!(footer.contains("— "), "{footer}");
    assert!(zip_part(&bytes, "word/header1.xml").contains("草稿（未完成：已检查 4 / 5 项）"));
    assert!(zip_part(&bytes, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));

    // The 附件 is a real table whose first row is the header, marked to repeat on every page,
    // then a group row per part and one row per check.
    let start = doc.find("<w:tbl>").expect("a table");
    let end = doc[start..].find("</w:tbl>").unwrap() + start;
    let table = &doc[start..end];
    let first_row = &table[..table.find("</w:tr>").unwrap()];
    assert!(first_row.contains("<w:tblHeader/>"), "{first_row}");
    let header: Vec<String> = paragraphs(first_row)
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    assert_eq!(header, report::APPENDIX_HEADER);
    assert_eq!(table.matches("<w:tr>").count(), 1 + 2 + 5);
    assert_eq!(table.matches("<w:tblHeader/>").count(), 1);

    // Fonts: the title's face, body and headings set on the runs' eastAsia attribute, and the
    // stand-ins declared in the font table.
    for font in [
        docx::TITLE_FONT,
        docx::BODY_FONT,
        docx::HEADING_FONT,
        docx::KAI_FONT,
    ] {
        assert!(
            doc.contains(&format!("w:eastAsia=\"{font}\"")),
            "{font} not set on any run"
        );
    }
    let fonts = zip_part(&bytes, "word/fontTable.xml");
    assert!(fonts.contains("<w:font w:name=\"方正小标宋简体\"><w:altName w:val=\"华文中宋\"/>"));
    assert!(fonts.contains("<w:font w:name=\"华文中宋\"><w:altName w:val=\"宋体\"/>"));
    assert!(fonts.contains("<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/>"));
    // Headings are real heading styles (Word's navigation pane lists them).
    let styles = zip_part(&bytes, "word/styles.xml");
    assert!(styles.contains("w:styleId=\"Heading1\""));
    assert!(doc.contains("<w:pStyle w:val=\"Heading1\"/>"));
    // The document's author is the unit.
    let core = zip_part(&bytes, "docProps/core.xml");
    assert!(
        core.contains("<dc:creator>临港测试局</dc:creator>"),
        "{core}"
    );
    assert!(core.contains("<dc:title>关于临港测试局"), "{core}");
}

// ---- xlsx ----

fn sheet(wb: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<Data>> {
    wb.worksheet_range(name)
        .unwrap()
        .rows()
        .map(<[Data]>::to_vec)
        .collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn xlsx_has_checklist_and_ledger_sheets() {
    let s = session();
    let bytes = xlsx::render(&s).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec![
            xlsx::CHECKLIST_SHEET.to_owned(),
            xlsx::LEDGER_SHEET.to_owned()
        ]
    );

    // Each sheet prints one page wide with a page header and `第 x 页 共 y 页`, and rows are
    // as tall as their wrapped text.
    let bytes = xlsx::render(&s).unwrap();
    let xml = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{xml}");
    assert!(xml.contains(r#"fitToHeight="0""#), "{xml}");
    assert!(xml.contains("<oddHeader>&amp;L临港测试局&amp;R对照检查表</oddHeader>"));
    assert!(xml.contains("<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>"));
    // Row 4 (c2) holds a two-line measure: two lines high at least.
    let row4 = &xml[xml.find(r#"<row r="4""#).unwrap()..];
    let ht: f64 = row4[row4.find("ht=\"").unwrap() + 4..]
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(ht >= 2.0 * 15.0, "row 4 is {ht} pt high");
    let mut checks = sheet(&mut wb, xlsx::CHECKLIST_SHEET);
    // A title row naming the unit, the meeting and its date, over the table.
    assert_eq!(
        text(&checks[0][0]),
        "临港测试局　2023年度安全生产责任落实对照检查会　2023年12月5日　对照检查表"
    );
    checks.remove(0);
    let head: Vec<String> = checks[0].iter().map(text).collect();
    assert_eq!(head, ledger::CHECKLIST_HEADER);
    assert_eq!(checks.len(), 1 + 5);
    assert_eq!(
        text(&checks[1][2]),
        "1.对照“管行业必须管安全，管业务必须管安全，管生产经营必须管安全”的要求"
    );
    assert_eq!(
        text(&checks[3][2]),
        "2.对照“加大隐患整改治理力度”“务必见到成效”的要求"
    );
    let statuses: Vec<String> = checks[1..].iter().map(|r| text(&r[4])).collect();
    assert_eq!(
        statuses,
        ["已落实", "未落实", "基本落实", "不适用", "未检查"]
    );

    let mut ledger_rows = sheet(&mut wb, xlsx::LEDGER_SHEET);
    assert!(text(&ledger_rows[0][0]).starts_with("临港测试局　"));
    ledger_rows.remove(0);
    let head: Vec<String> = ledger_rows[0].iter().map(text).collect();
    assert_eq!(head, ledger::LEDGER_HEADER);
    let problems: Vec<&str> = s
        .answers
        .values()
        .filter(|a| !a.problems.is_empty())
        .map(|a| a.problems.as_str())
        .collect();
    assert_eq!(ledger_rows.len(), 1 + problems.len());
    let col = |r: usize, c: usize| text(&ledger_rows[r][c]);
    for (i, p) in problems.iter().enumerate() {
        assert!(
            (1..ledger_rows.len()).any(|r| col(r, 4) == *p),
            "problem {i} {p:?} missing"
        );
    }
    for a in s.answers.values().filter(|a| !a.measures.is_empty()) {
        assert!((1..ledger_rows.len()).any(|r| col(r, 5) == a.measures));
    }
    // Every row names the unit, and the check by display number and short text, not by id.
    for r in 1..ledger_rows.len() {
        assert_eq!(col(r, 1), "临港测试局");
    }
    // Row for c2: open, due as a real date; row for c3: closed with its 销号日期.
    assert_eq!(col(1, 2), "1.1.2");
    assert_eq!(col(1, 3), "强化监管执法");
    assert_eq!(col(1, 6), "执法大队 王五");
    assert_eq!(col(1, 9), "整改中");
    assert_eq!(col(1, 11), "", "found at this meeting, not carried over");
    assert_eq!(col(1, 12), "未落实");
    let Data::DateTime(due) = &ledger_rows[1][8] else {
        panic!("due is not a date: {:?}", ledger_rows[1][8]);
    };
    let (y, m, d, ..) = due.to_ymd_hms_milli();
    assert_eq!((y, m, d), (2023, 12, 31));
    assert_eq!(col(2, 9), "已完成");
    let Data::DateTime(closed) = &ledger_rows[2][10] else {
        panic!("销号日期 is not a date");
    };
    let (y, m, d, ..) = closed.to_ymd_hms_milli();
    assert_eq!((y, m, d), (2024, 1, 10));
    // The problem without status or progress: empty cells, not invented values; its missing
    // measure says so.
    assert_eq!(col(3, 9), "");
    assert!(matches!(ledger_rows[3][8], Data::Empty));
    assert_eq!(col(3, 5), "（未填写）");
}

#[test]
fn csv_ledger_has_bom_and_defuses_formulas() {
    let csv = ledger::render_csv(&session()).unwrap();
    assert!(csv.starts_with('\u{FEFF}'));
    assert!(csv.contains("\r\n"));
    // "-隐患…" would be read by Excel as a formula.
    assert!(csv.contains(",'-隐患整改跟踪不到位,"));
    let records: Vec<csv_rows::Row> = csv_rows::parse(&csv);
    assert_eq!(records.len(), 1 + 3);
    assert_eq!(records[0], ledger::LEDGER_HEADER);
    assert_eq!(records[1][8], "2023-12-31");
    assert_eq!(records[2][10], "2024-01-10");
}

/// A check marked 未落实 or 基本落实 without problem text is in the ledger with （未填写）, and a
/// check listing numbered problems gives one row per problem, each with its own measure.
#[test]
fn ledger_keeps_unwritten_problems_and_splits_numbered_ones() {
    let t1 = at("2023-12-05T11:00:00+08:00");
    let mut s = session();
    s.set_status("c1", Some("not_done"), t1).unwrap();
    s.set_field(
        "c4",
        Field::Problems,
        "一是台账不全；二是培训不足；三是投入不够。",
        t1,
    )
    .unwrap();
    s.set_field(
        "c4",
        Field::Measures,
        "1.补全台账；\n2.组织培训；\n3.追加投入。",
        t1,
    )
    .unwrap();
    s.set_field("c4", Field::Due, "长期坚持", t1).unwrap();
    let rows = ledger::ledger(&s);
    let c1: Vec<_> = rows.iter().filter(|r| r.check_number == "1.1.1").collect();
    assert_eq!(c1.len(), 1);
    assert_eq!(c1[0].problem, "（未填写）");
    assert_eq!(c1[0].measures, "（未填写）");
    assert!(c1[0].remarks.contains("问题未填写"), "{}", c1[0].remarks);
    let c4: Vec<_> = rows.iter().filter(|r| r.check_number == "2.1.1").collect();
    let pairs: Vec<(&str, &str)> = c4
        .iter()
        .map(|r| (r.problem.as_str(), r.measures.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("一是台账不全", "1.补全台账"),
            ("二是培训不足", "2.组织培训"),
            ("三是投入不够。", "3.追加投入。"),
        ]
    );
    assert!(
        c4.iter()
            .all(|r| r.due_display == "长期坚持" && r.due.is_none())
    );
    let numbers: Vec<usize> = rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, (1..=rows.len()).collect::<Vec<_>>());
}

/// A CSV reader good enough for the ledger (quoted cells with commas, quotes and newlines).
mod csv_rows {
    pub type Row = Vec<String>;

    pub fn parse(text: &str) -> Vec<Row> {
        let text = text.trim_start_matches('\u{FEFF}');
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut cell = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                ('"', _) => quoted = !quoted,
                (',', false) => row.push(std::mem::take(&mut cell)),
                ('\r', false) => {}
                ('\n', false) => {
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (c, _) => cell.push(c),
            }
        }
        rows
    }
}

// ---- command line ----

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_selfcheck"))
}

fn saved(dir: &Path) -> PathBuf {
    let path = dir.join("session.json");
    std::fs::write(&path, selfcheck::store::to_json(&session())).unwrap();
    path
}

#[test]
fn cli_writes_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = saved(dir.path());

    let out = bin()
        .args(["export", file.to_str().unwrap(), "--format", "md"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        markdown::render(&session())
    );

    let out = bin()
        .args(["export", file.to_str().unwrap(), "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        ledger::render_csv(&session()).unwrap()
    );

    for format in ["docx", "xlsx"] {
        let target = dir.path().join(format!("out.{format}"));
        let out = bin()
            .args(["export", file.to_str().unwrap(), "--format", format, "-o"])
            .arg(&target)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(&target).unwrap();
        assert!(bytes.starts_with(b"PK"), "{format} is not a zip");
        // Standard output that is not a terminal (a pipe here) may take binary.
        let out = bin()
            .args(["export", file.to_str().unwrap(), "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(out.stdout.starts_with(b"PK"));
    }
}

#[test]
fn cli_never_overwrites_the_session_with_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let file = saved(dir.path());
    let before = std::fs::read(&file).unwrap();
    let out = bin()
        .args([
            "--lang",
            "en",
            "export",
            file.to_str().unwrap(),
            "--format",
            "md",
            "-o",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("session file itself"));
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn cli_names_a_bad_session_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.json");
    std::fs::write(&file, "{ \"schema_version\": 1, ").unwrap();
    let out = bin()
        .args(["export", file.to_str().unwrap(), "--format", "docx", "-o"])
        .arg(dir.path().join("x.docx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.json"));
    assert!(!dir.path().join("x.docx").exists());
}

/// On a terminal, a binary export is refused rather than poured onto the screen.
#[test]
fn cli_refuses_binary_output_to_a_terminal() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let dir = tempfile::tempdir().unwrap();
    let file = saved(dir.path());
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_selfcheck"));
    cmd.args([
        "--lang",
        "en",
        "export",
        file.to_str().unwrap(),
        "--format",
        "xlsx",
    ]);
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut output = Vec::new();
    // Reading ends with EOF (or EIO on Linux) once the child has exited.
    let _ = reader.read_to_end(&mut output);
    let status = child.wait().unwrap();
    assert_eq!(status.exit_code(), 1);
    let output = String::from_utf8_lossy(&output);
    assert!(output.contains("-o FILE"), "{output}");
    assert!(!output.contains("PK"));
}

/// `export` of an unfinished record says on standard error that the report is a draft; the
/// 主送 comes from `--recipient`, else the folder's `selfcheck-report.conf`, whose bad line is
/// named; `--date` sets the 落款's date.
#[test]
fn cli_warns_of_a_draft_and_takes_recipient_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let file = saved(dir.path());
    let export = |extra: &[&str]| {
        bin()
            .args(["export", file.to_str().unwrap(), "--format", "md"])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = export(&[]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("已检查 4 / 5 项") && err.contains("草稿"),
        "{err}"
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("\n区专项行动领导小组办公室：\n"), "{md}");

    std::fs::write(
        dir.path().join("selfcheck-report.conf"),
        "# 本文件夹的报告\n主送 = 区安委会办公室\n",
    )
    .unwrap();
    let md = String::from_utf8(export(&[]).stdout).unwrap();
    assert!(md.contains("\n区安委会办公室：\n"), "{md}");
    let out = export(&["--recipient", "区政府办公室", "--date", "2023-12-08"]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("\n区政府办公室：\n"), "{md}");
    assert!(md.contains("临港测试局<br>2023年12月8日"), "{md}");

    std::fs::write(dir.path().join("selfcheck-report.conf"), "抄送 = 某单位\n").unwrap();
    let out = export(&[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("selfcheck-report.conf:1:"), "{err}");

    // A finished record is no draft and gets no warning.
    let mut s = session();
    s.set_status("c5", Some("done"), at("2023-12-06T09:00:00+08:00"))
        .unwrap();
    std::fs::remove_file(dir.path().join("selfcheck-report.conf")).unwrap();
    let done = dir.path().join("done.json");
    std::fs::write(&done, selfcheck::store::to_json(&s)).unwrap();
    let out = bin()
        .args(["export", done.to_str().unwrap(), "--format", "md"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The `e` key's export beside the session reads the folder's 主送 as `selfcheck export` does.
#[test]
fn the_interface_export_takes_the_folder_recipient() {
    let dir = tempfile::tempdir().unwrap();
    let file = saved(dir.path());
    std::fs::write(
        dir.path().join("selfcheck-report.conf"),
        "主送 = 区安委会办公室\n",
    )
    .unwrap();
    let written = selfcheck::runtime::export_beside(&file, &session(), selfcheck::i18n::Lang::Zh)
        .expect("exported");
    let md = written
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .expect("a report");
    let text = std::fs::read_to_string(md).unwrap();
    assert!(text.contains("\n区安委会办公室：\n"), "{text}");
}

/// A FIFO or a link planted as the folder's settings file is refused at once, never waited on
/// or followed.
#[test]
fn a_planted_settings_file_never_hangs_or_is_followed() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let file = saved(dir.path());
    let conf = dir.path().join("selfcheck-report.conf");
    let made = Command::new("mkfifo").arg(&conf).status().expect("mkfifo");
    assert!(made.success());
    let mut child = bin()
        .args(["export", file.to_str().unwrap(), "--format", "md"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("export waited on a FIFO at the settings file");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(!status.success(), "a FIFO is no settings file");
    std::fs::remove_file(&conf).unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "主送 = 不该读到的机关\n").unwrap();
    std::os::unix::fs::symlink(&secret, &conf).unwrap();
    let out = bin()
        .args(["export", file.to_str().unwrap(), "--format", "md"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "a link is not followed");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("不该读到的机关"));
}

/// The meeting a year after the golden session, made from it: attendance recorded, one
/// carried-over measure progressed and one closed, 1.1.2 found 未落实 again (a repeat finding),
/// signed by the 主持人.
fn followup_session() -> Session {
    use selfcheck::model::attendance::{Attendance, parse_absentees};
    use selfcheck::model::carryover::{CarriedUpdate, next_session};
    let prev = session();
    let t0 = at("2024-12-05T09:00:00+08:00");
    let t1 = at("2024-12-05T10:00:00+08:00");
    let meeting = Meeting {
        title: "2024年度安全生产责任落实对照检查会".into(),
        date: Some(ymd(2024, 12, 5)),
        place: "三楼会议室".into(),
        host: "张三".into(),
        recorder: "李四".into(),
        attendees: ["张三", "李四", "王五", "赵六", "孙七"]
            .map(String::from)
            .to_vec(),
        attendance: Attendance {
            expected: Some(7),
            absentees: parse_absentees("钱八（出差）、周九（病假）"),
            observers: vec!["区应急管理局 吴十".into()],
            ..Attendance::default()
        },
        ..Meeting::default()
    };
    let (mut s, _) = next_session(
        &prev,
        "2023-临港测试局.json",
        prev.template.clone(),
        prev.unit.clone(),
        meeting,
        t0,
    );
    s.id = Some("7a3e9d1c5b8f4a2e6d0c1b9a8f7e6d5c".into());
    s.update_carried(
        "c2",
        0,
        CarriedUpdate::Progress {
            state: RectificationState::InProgress,
            text: "已增配执法人员1名。".into(),
        },
        t1,
    )
    .unwrap();
    s.update_carried(
        "c5",
        0,
        CarriedUpdate::Close {
            on: ymd(2024, 6, 30),
            evidence: "考核办法已印发。".into(),
        },
        t1,
    )
    .unwrap();
    for (id, status) in [
        ("c1", "done"),
        ("c2", "not_done"),
        ("c3", "done"),
        ("c4", "na"),
        ("c5", "done"),
    ] {
        s.set_status(id, Some(status), t1).unwrap();
    }
    s.set_field("c2", Field::Problems, "执法检查仍未覆盖小微企业。", t1)
        .unwrap();
    s.set_field("c2", Field::Measures, "制定小微企业检查计划。", t1)
        .unwrap();
    s.set_field("c2", Field::Due, "2025-06-30", t1).unwrap();
    s.set_field("c4", Field::Evidence, "本局无企业安全费用管理职责。", t1)
        .unwrap();
    s.sign(
        selfcheck::model::signoff::Role::Host,
        "张三",
        at("2024-12-06T16:00:00+08:00"),
    )
    .unwrap();
    s
}

#[test]
fn followup_report_matches_golden_file() {
    let options = report::Options {
        date: Some(ymd(2024, 12, 6)),
        with_history: true,
        ..report::Options::default()
    };
    let s = followup_session();
    let md = markdown::render_with(&s, &options);
    golden("report_followup.md", &md);
    golden("ledger_followup.csv", &ledger::render_csv(&s).unwrap());
    // The parts the follow-up adds, where a reader looks for them.
    for part in [
        "应到7人，实到5人，张三、李四、王五、赵六、孙七参加会议，钱八（出差）、周九（病假）缺席，区应急管理局 吴十列席会议",
        "上次遗留整改措施2项，已完成销号1项、仍在整改1项（其中已逾期1项）",
        "（第1.1.2项，未落实，反复出现）",
        "完成时限：2023-12-31（已逾期341天）",
        "整改进展：已完成（2024年6月30日销号）；销号佐证：考核办法已印发。",
        "主持人（签字）：张三（2024年12月6日）",
        "主要负责人（签字）：＿＿＿＿＿＿",
        "## 附件2",
        "| 2024-12-06 16:00 | 整份记录 | 签字确认 |  | 主持人：张三 | 张三 |  |",
    ] {
        assert!(md.contains(part), "{part:?} missing:\n{md}");
    }
    let code = selfcheck::model::signoff::short_code(&s.signatures[0].sha256);
    assert!(md.contains(&format!("校验码：{code}")), "{md}");
    // The Word report says the same.
    let doc = zip_part(
        &docx::render_with(&s, &options).unwrap(),
        "word/document.xml",
    );
    for part in ["反复出现", "上次遗留整改措施落实情况：", "修改记录", &code] {
        assert!(doc.contains(part), "{part:?} missing from the Word report");
    }
}
