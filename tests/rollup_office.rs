//! What the collecting office checks: a folder of sessions with planted problems (an early
//! draft beside the final session of one unit, copied paragraphs within a unit and across units,
//! a missing measure, an overdue deadline, an unfinished session, a corrupt file). Every planted
//! problem is flagged with the right unit, check and rule; nothing is flagged on the clean,
//! well-written sessions; the totals are right.
//!
//! `KEEP_ROLLUP_DIR=1` keeps the folder and prints its path (to look at the outputs by hand).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use chrono::{DateTime, FixedOffset, NaiveDate};
use selfcheck::model::session::RectificationState;
use selfcheck::model::{Field, Meeting, Rectification, Session, Unit, builtin};
use serde_json::Value;

const AS_OF: &str = "2024-06-01";

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn new_session(template: &str, unit: &str, date: &str, updated: &str) -> Session {
    let t = builtin::get(template).unwrap();
    let kind = t.unit_kind;
    let mut s = Session::new(
        t,
        Unit {
            name: unit.into(),
            kind,
            ..Unit::default()
        },
        Meeting {
            title: "对照检查会".into(),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            ..Meeting::default()
        },
        at(updated),
    );
    s.updated_at = at(updated);
    s
}

fn set(s: &mut Session, check: &str, field: Field, text: &str) {
    s.set_field(check, field, text, at("2023-12-01T10:00:00+08:00"))
        .unwrap();
}

fn status(s: &mut Session, check: &str, st: &str) {
    s.set_status(check, Some(st), at("2023-12-01T10:00:00+08:00"))
        .unwrap();
}

/// Each unit writes in its own words; one check differs from the next in its subject and
/// figures.
const STYLES: [[&str; 4]; 6] = [
    [
        "围绕“{t}”，本局{m}月召开党组会专题研究，印发工作方案，开展督导检查{n}次，留存纪要{r}份。",
        "“{t}”方面，基层落实不到位，{n}个科室台账缺项，季度通报未闭环。",
        "分管领导对“{t}”盯得不紧，考核指标偏软。",
        "{m}月底前修订“{t}”制度，逐科室复查{n}次，整改情况纳入年度考核。",
    ],
    [
        "对照“{t}”，区政府常务会议{n}次听取汇报，{m}月起实行清单化管理，累计督办事项{r}件。",
        "“{t}”推进中，{n}个街镇进度滞后，督办闭环率偏低。",
        "街镇力量薄弱，“{t}”的职责传导层层衰减。",
        "建立“{t}”周调度机制，{m}月前完成{n}个街镇的专项督查。",
    ],
    [
        "公司就“{t}”修订管理制度{n}项，{m}月完成全员培训，班组自查记录{r}份。",
        "“{t}”执行中，{n}个车间交接班记录不全，夜班抽查缺位。",
        "车间主任对“{t}”重视不够，班组考核流于形式。",
        "{m}月前对{n}个车间开展“{t}”专项检查，对照问题清单逐一销号。",
    ],
    [
        "“{t}”一项，委员会{m}月出台实施细则，联合检查{n}次，通报典型问题{r}个。",
        "“{t}”上，部门间信息共享不畅，{n}起线索移交滞后。",
        "会商机制未常态化，“{t}”缺少牵头科室。",
        "{m}月建立“{t}”联席会议制度，明确{n}名联络员按月会商。",
    ],
    [
        "在“{t}”上，中心设立专岗{n}名，{m}月上线信息平台，录入检查数据{r}条。",
        "“{t}”的数据录入不及时，{n}条记录超期未更新。",
        "专岗人员兼职过多，“{t}”缺少复核环节。",
        "{m}月前配齐“{t}”专职人员，建立{n}级复核制度。",
    ],
    [
        "针对“{t}”，集团{m}月开展对标检查，覆盖下属企业{n}家，发现并整改隐患{r}处。",
        "“{t}”方面，{n}家下属企业制度更新滞后。",
        "集团对下属企业“{t}”的穿透式管理不足。",
        "{m}月前督促{n}家下属企业完成“{t}”制度修订并报备。",
    ],
];

/// The subject of a check: its own words after 检查, cut to 12 characters.
fn topic(check_text: &str) -> String {
    check_text
        .trim_start_matches("检查")
        .chars()
        .take(12)
        .collect()
}

fn fill(style: &str, t: &str, k: usize) -> String {
    style
        .replace("{t}", t)
        .replace("{m}", &(k % 12 + 1).to_string())
        .replace("{n}", &(k % 7 + 2).to_string())
        .replace("{r}", &(k * 3 + 5).to_string())
}

/// Answers every check of `s` well in style `style`: 已落实 with evidence, and every third
/// check 基本落实 with a problem, its cause, a measure, an owner and a deadline after the as-of
/// date (when `problems` is true).
fn answer_well(s: &mut Session, style: usize, problems: bool) {
    let checks: Vec<(String, String)> = s
        .template
        .checks()
        .map(|(_, c)| (c.id.clone(), c.text.clone()))
        .collect();
    for (k, (id, text)) in checks.iter().enumerate() {
        let t = topic(text);
        let st = &STYLES[style];
        if problems && k % 3 == 1 {
            status(s, id, "partial");
            set(s, id, Field::Evidence, &fill(st[0], &t, k));
            set(s, id, Field::Problems, &fill(st[1], &t, k));
            set(s, id, Field::Causes, &fill(st[2], &t, k));
            set(s, id, Field::Measures, &fill(st[3], &t, k));
            set(s, id, Field::Owner, "安全科 王海燕");
            set(s, id, Field::Due, "2024-12-31");
        } else {
            status(s, id, "done");
            set(s, id, Field::Evidence, &fill(st[0], &t, k));
        }
    }
}

fn write(dir: &Path, name: &str, s: &Session) {
    std::fs::write(dir.join(name), selfcheck::store::to_json(s)).unwrap();
}

/// A paragraph one unit copied from another, and the copy with two figures changed.
const COPIED: &str = "我们坚持把安全生产摆在突出位置，严格落实党政同责、一岗双责、齐抓共管、失职追责，全年召开专题会议十二次，开展隐患排查治理行动，整改各类隐患三百余处。";
const NEAR_COPY: &str = "我们坚持把安全生产摆在突出位置，严格落实党政同责、一岗双责、齐抓共管、失职追责，全年召开专题会议十五次，开展隐患排查治理行动，整改各类隐患三百余处。";
/// A paragraph one unit pasted into two of its own checks.
const PASTED: &str = "成立由主要负责人任组长的领导小组，建立周调度、月通报、季考核工作机制，对发现的问题实行清单化管理、闭环式销号。";

/// The folder; the planted flags as (unit, rule, check number or ""). One function, so each
/// planted problem stands next to the flag it must raise.
#[allow(clippy::too_many_lines)]
fn folder() -> (tempfile::TempDir, BTreeSet<(String, String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut planted = BTreeSet::new();
    let mut plant = |unit: &str, rule: &str, number: &str| {
        planted.insert((unit.to_owned(), rule.to_owned(), number.to_owned()));
    };

    // Clean and well written: problems found, measures with owner and deadline.
    let mut clean = new_session(
        "dept",
        "临港区应急管理局",
        "2023-12-05",
        "2023-12-05T18:00:00+08:00",
    );
    answer_well(&mut clean, 0, true);
    write(d, "01-应急管理局.json", &clean);

    // 甲: an early draft (sloppy, must not be flagged or counted) and the final session under
    // the name written with a full-width space.
    let mut draft = new_session("gov", "甲街道", "2023-11-20", "2023-11-20T09:00:00+08:00");
    status(&mut draft, "gov-1-1", "done");
    set(&mut draft, "gov-1-1", Field::Evidence, "已落实");
    write(d, "02-甲街道-初稿.json", &draft);
    let mut a = new_session("gov", "甲　街道", "2023-12-06", "2023-12-06T17:00:00+08:00");
    answer_well(&mut a, 1, true);
    // 1.1: 已落实 without evidence.
    a.answers.get_mut("gov-1-1").unwrap().evidence.clear();
    plant(
        "甲　街道",
        "evidence_missing",
        &a.template.display_number_of("gov-1-1").unwrap(),
    );
    // 1.2: 未落实 with a problem and no measure, owner or deadline.
    status(&mut a, "gov-1-2", "not_done");
    set(
        &mut a,
        "gov-1-2",
        Field::Problems,
        "街道安委会全年仅召开一次会议，未研究部署重点行业领域专项整治工作。",
    );
    {
        let x = a.answers.get_mut("gov-1-2").unwrap();
        x.measures.clear();
        x.owner.clear();
        x.due = None;
        x.due_text.clear();
    }
    plant(
        "甲　街道",
        "measure_incomplete",
        &a.template.display_number_of("gov-1-2").unwrap(),
    );
    // 1.3: a measure past its deadline, still in progress.
    let due_check = "gov-1-3";
    status(&mut a, due_check, "partial");
    set(
        &mut a,
        due_check,
        Field::Problems,
        "部分社区网格员对燃气安全检查要点掌握不清，入户检查记录填写不规范。",
    );
    set(
        &mut a,
        due_check,
        Field::Measures,
        "组织网格员燃气安全专题培训，统一入户检查记录样式并逐户复核。",
    );
    set(&mut a, due_check, Field::Owner, "平安办 刘洋");
    set(&mut a, due_check, Field::Due, "2024-03-31");
    s_rect(&mut a, due_check, RectificationState::InProgress);
    plant(
        "甲　街道",
        "overdue",
        &a.template.display_number_of(due_check).unwrap(),
    );
    write(d, "03-甲街道.json", &a);

    // 乙 copies a paragraph of 丙 (nearly: two figures changed) and pastes one paragraph into two
    // of its own checks.
    let mut b = new_session("gov", "乙镇", "2023-12-07", "2023-12-07T17:00:00+08:00");
    answer_well(&mut b, 2, true);
    set(&mut b, "gov-2-1", Field::Evidence, NEAR_COPY);
    plant(
        "乙镇",
        "copied_across_units",
        &b.template.display_number_of("gov-2-1").unwrap(),
    );
    set(&mut b, "gov-1-1", Field::Evidence, PASTED);
    set(&mut b, "gov-3-1", Field::Evidence, PASTED);
    plant(
        "乙镇",
        "copied_within_unit",
        &b.template.display_number_of("gov-1-1").unwrap(),
    );
    plant(
        "乙镇",
        "copied_within_unit",
        &b.template.display_number_of("gov-3-1").unwrap(),
    );
    write(d, "04-乙镇.json", &b);

    let mut c = new_session(
        "enterprise",
        "丙化工有限公司",
        "2023-12-08",
        "2023-12-08T17:00:00+08:00",
    );
    answer_well(&mut c, 3, true);
    let c_check = c.template.checks().nth(4).unwrap().1.id.clone();
    set(&mut c, &c_check, Field::Evidence, COPIED);
    plant(
        "丙化工有限公司",
        "copied_across_units",
        &c.template.display_number_of(&c_check).unwrap(),
    );
    write(d, "05-丙公司.json", &c);

    // 丁: unfinished, and one answer too short to say anything.
    let mut dd = new_session(
        "dept",
        "丁委员会",
        "2023-12-09",
        "2023-12-09T17:00:00+08:00",
    );
    answer_well(&mut dd, 4, true);
    let last: Vec<String> = dd.template.checks().map(|(_, c)| c.id.clone()).collect();
    for id in last.iter().rev().take(3) {
        dd.answers.remove(id);
    }
    plant("丁委员会", "unfinished", "");
    set(&mut dd, &last[0], Field::Evidence, "已按要求落实。");
    plant(
        "丁委员会",
        "too_short",
        &dd.template.display_number_of(&last[0]).unwrap(),
    );
    write(d, "06-丁委员会.json", &dd);

    // 戊: everything 已落实, well written, and no problem found anywhere.
    let mut e = new_session(
        "enterprise",
        "戊集团",
        "2023-12-10",
        "2023-12-10T17:00:00+08:00",
    );
    answer_well(&mut e, 5, false);
    plant("戊集团", "all_done_no_problem", "");
    write(d, "07-戊集团.json", &e);

    std::fs::write(
        d.join("08-corrupt.json"),
        "{ \"schema_version\": 1, \"template\": {",
    )
    .unwrap();
    (dir, planted)
}

fn s_rect(s: &mut Session, check: &str, state: RectificationState) {
    s.set_rectification(
        check,
        Some(Rectification {
            state,
            closed_on: None,
            extra: serde_json::Map::new(),
        }),
        at("2023-12-01T10:00:00+08:00"),
    )
    .unwrap();
}

fn summary(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_selfcheck"))
        .arg("summary")
        .arg(dir)
        .args(["--as-of", AS_OF])
        .args(args)
        .output()
        .unwrap()
}

fn keep(dir: tempfile::TempDir) {
    if std::env::var_os("KEEP_ROLLUP_DIR").is_some() {
        eprintln!("kept {}", dir.keep().display());
    }
}

#[test]
fn every_planted_problem_is_flagged_and_nothing_else() {
    let (dir, planted) = folder();
    let out = summary(dir.path(), &["--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: BTreeSet<(String, String, String)> = v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["unit"].as_str().unwrap().to_owned(),
                f["rule"].as_str().unwrap().to_owned(),
                f["number"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let missed: Vec<_> = planted.difference(&found).collect();
    let extra: Vec<_> = found.difference(&planted).collect();
    assert!(
        missed.is_empty() && extra.is_empty(),
        "missed {missed:#?}\nflagged but not planted {extra:#?}"
    );
    // The near copy is named as such, with the other unit.
    let across: Vec<&Value> = v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "copied_across_units")
        .collect();
    assert!(
        across.iter().all(|f| f["identical"] == false),
        "{across:#?}"
    );
    assert!(
        across
            .iter()
            .any(|f| f["places"][0]["unit"] == "丙化工有限公司")
    );
    keep(dir);
}

#[test]
fn totals_count_the_latest_session_of_each_unit_once() {
    let (dir, _) = folder();
    let out = summary(dir.path(), &["--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let units: Vec<&str> = v["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["unit"].as_str().unwrap())
        .collect();
    assert_eq!(
        units,
        [
            "临港区应急管理局",
            "甲　街道",
            "乙镇",
            "丙化工有限公司",
            "丁委员会",
            "戊集团"
        ]
    );
    assert_eq!(v["total"]["units"], 6);
    let sum = |key: &str| -> u64 {
        v["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u[key].as_u64().unwrap())
            .sum()
    };
    for key in ["answered", "total", "problems", "open", "overdue", "flags"] {
        assert_eq!(v["total"][key].as_u64().unwrap(), sum(key), "{key}");
    }
    assert_eq!(v["total"]["overdue"], 1);
    assert_eq!(v["total"]["flags"], v["flags"].as_array().unwrap().len());
    // The draft is listed as superseded by the final session, the corrupt file with a reason.
    assert_eq!(v["superseded"].as_array().unwrap().len(), 1);
    assert!(
        v["superseded"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with("02-甲街道-初稿.json")
    );
    assert!(
        v["superseded"][0]["superseded_by"]
            .as_str()
            .unwrap()
            .ends_with("03-甲街道.json")
    );
    assert_eq!(v["errors"].as_array().unwrap().len(), 1);
    assert!(
        v["errors"][0]["error"]
            .as_str()
            .unwrap()
            .contains("JSON 格式错误")
    );
    assert_eq!(v["as_of"], AS_OF);
    // The combined ledger starts with the overdue measure.
    assert_eq!(v["ledger"][0]["unit"], "甲　街道");
    assert_eq!(v["ledger"][0]["overdue_days"], 62);
    keep(dir);
}

#[test]
fn every_format_names_the_as_of_date_the_superseded_draft_and_the_corrupt_file() {
    let (dir, _) = folder();
    for args in [
        &["--format", "table"][..],
        &["--format", "csv"],
        &["--ledger"],
        &["--answers", "csv"],
    ] {
        let out = summary(dir.path(), args);
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(AS_OF), "{args:?}: no as-of date");
        if args[0] == "--format" {
            assert!(
                text.contains("02-甲街道-初稿.json"),
                "{args:?}: no superseded draft"
            );
            assert!(
                text.contains("08-corrupt.json"),
                "{args:?}: no corrupt file"
            );
        }
    }
}

#[test]
fn feedback_goes_to_each_flagged_unit_only() {
    let (dir, _) = folder();
    let fb = dir.path().join("feedback");
    let out = summary(
        dir.path(),
        &["--format", "json", "--feedback", fb.to_str().unwrap(), "-o"],
    );
    // -o without a value is a usage error; give it one.
    assert_eq!(out.status.code(), Some(2));
    let json_out = dir.path().join("out.json.txt");
    let out = summary(
        dir.path(),
        &[
            "--format",
            "json",
            "--feedback",
            fb.to_str().unwrap(),
            "-o",
            json_out.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    let mut names: Vec<String> = std::fs::read_dir(&fb)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 10, "{names:?}");
    assert!(!names.iter().any(|n| n.contains("应急管理局")), "{names:?}");
    let md = std::fs::read_to_string(fb.join("甲　街道-点对点反馈.md")).unwrap();
    assert!(md.contains("甲　街道主要负责人："));
    assert!(md.contains("“已落实”无做法及成效"));
    assert!(md.contains("逾期未完成整改"));
    assert!(md.contains("整改要求"));
    assert!(md.contains("区专项行动领导小组办公室（盖章）"));
    keep(dir);
}

#[test]
fn the_long_table_of_answers_has_one_row_per_check_of_each_counted_unit() {
    let (dir, _) = folder();
    let out = summary(dir.path(), &["--answers", "csv"]);
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    let body = text.strip_prefix('\u{FEFF}').expect("BOM for Excel");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, selfcheck::rollup::table::ANSWER_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // 15 + 13 + 13 + 16 + 15 + 16 checks; the superseded draft is not in it.
    assert_eq!(rows.len(), 88);
    assert!(!rows.iter().any(|r| r[2].ends_with("初稿.json")));
    let overdue: Vec<&csv::StringRecord> = rows.iter().filter(|r| !r[19].is_empty()).collect();
    assert_eq!(overdue.len(), 1);
    assert_eq!(&overdue[0][0], "甲　街道");
    assert_eq!(&overdue[0][6], "1.3");
    assert_eq!(&overdue[0][19], "62");
    assert_eq!(&overdue[0][20], AS_OF);

    let out = summary(dir.path(), &["--answers", "ndjson"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let objects: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 88);
    let keys: Vec<&str> = objects[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, selfcheck::rollup::table::ANSWER_COLUMNS);
    let o = objects
        .iter()
        .find(|o| o["overdue_days"].is_number())
        .unwrap();
    assert_eq!(o["overdue_days"], 62);
    assert_eq!(o["due"], "2024-03-31");
    // 丁's unanswered checks: status null.
    assert_eq!(
        objects
            .iter()
            .filter(|o| o["unit"] == "丁委员会" && o["status"].is_null())
            .count(),
        3
    );
}

#[test]
fn the_combined_ledger_puts_the_overdue_measure_first() {
    let (dir, _) = folder();
    let out = summary(dir.path(), &["--ledger"]);
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    let body = text.strip_prefix('\u{FEFF}').unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "序号",
            "单位",
            "检查项",
            "检查内容",
            "问题",
            "整改措施",
            "责任人",
            "完成时限",
            "整改进展",
            "销号日期",
            "逾期天数",
            "跟踪情况",
            "统计截止日期"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Every problem of the counted units: 5 + 5 + 4 + 5 + 4 + 0.
    assert_eq!(rows.len(), 23);
    assert_eq!(&rows[0][1], "甲　街道");
    assert_eq!(&rows[0][2], "1.3");
    assert_eq!(&rows[0][10], "62");
    assert!(rows[1..].iter().all(|r| r[10].is_empty()));
    // Check texts are cut with a visible mark.
    assert!(rows.iter().any(|r| r[3].ends_with('…')));
}
