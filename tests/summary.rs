//! The roll-up across units (`selfcheck summary`): a folder of three good sessions and files
//! that must be skipped or reported; totals are checked against numbers worked out by hand.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use chrono::{DateTime, FixedOffset, NaiveDate};
use selfcheck::model::session::RectificationState;
use selfcheck::model::{Field, Meeting, Rectification, Session, Unit, builtin};
use selfcheck::rollup;
use serde_json::Value;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const TODAY: &str = "2023-12-20";

fn new_session(template: &str, unit: &str, date: NaiveDate) -> Session {
    Session::new(
        builtin::get(template).unwrap(),
        Unit {
            name: unit.into(),
            kind: builtin::get(template).unwrap().unit_kind,
            ..Unit::default()
        },
        Meeting {
            title: "对照检查会".into(),
            date: Some(date),
            ..Meeting::default()
        },
        at("2023-12-01T09:00:00+08:00"),
    )
}

/// Sets a status and, when `problem` is given, a problem with its deadline and progress.
fn answer(
    s: &mut Session,
    check: &str,
    status: &str,
    problem: Option<(&str, Option<&str>, Option<RectificationState>)>,
) {
    let now = at("2023-12-01T10:00:00+08:00");
    s.set_status(check, Some(status), now).unwrap();
    if let Some((text, due, state)) = problem {
        s.set_field(check, Field::Problems, text, now).unwrap();
        s.set_field(check, Field::Measures, "整改", now).unwrap();
        if let Some(due) = due {
            s.set_field(check, Field::Due, due, now).unwrap();
        }
        if let Some(state) = state {
            s.set_rectification(
                check,
                Some(Rectification {
                    state,
                    closed_on: None,
                    extra: serde_json::Map::new(),
                }),
                now,
            )
            .unwrap();
        }
    }
}

/// 甲: 4/13 answered (done 1, partial 1, `not_done` 2); problems 2, open 2, overdue 1.
fn unit_a() -> Session {
    let mut s = new_session("gov", "甲单位", ymd(2023, 12, 1));
    answer(&mut s, "gov-1-1", "done", None);
    answer(
        &mut s,
        "gov-1-2",
        "not_done",
        Some(("未定期研究", Some("2023-12-10"), None)),
    );
    answer(
        &mut s,
        "gov-1-3",
        "not_done",
        Some((
            "把关不严",
            Some("2023-12-31"),
            Some(RectificationState::InProgress),
        )),
    );
    answer(&mut s, "gov-2-1", "partial", None);
    s
}

/// 乙: 3/13 (done 1, `not_done` 1, na 1); problems 2, open 1 (the other is done), overdue 1.
fn unit_b() -> Session {
    let mut s = new_session("gov", "乙单位", ymd(2023, 12, 2));
    answer(&mut s, "gov-1-1", "na", None);
    answer(
        &mut s,
        "gov-1-2",
        "not_done",
        Some((
            "未定期研究",
            Some("2023-12-15"),
            Some(RectificationState::Done),
        )),
    );
    answer(
        &mut s,
        "gov-2-2",
        "done",
        Some((
            "记录不全",
            Some("2023-12-01"),
            Some(RectificationState::NotStarted),
        )),
    );
    s
}

/// 丙 (dept checklist): 4/15 (done 1, `not_done` 2, na 1); problems 2, open 2, overdue 0 (one has
/// no deadline, the other is due today, which is not yet overdue).
fn unit_c() -> Session {
    let mut s = new_session("dept", "丙单位", ymd(2023, 12, 3));
    answer(
        &mut s,
        "dept-1-1",
        "not_done",
        Some(("职责不清", None, None)),
    );
    answer(&mut s, "dept-1-2", "not_done", None);
    answer(
        &mut s,
        "dept-2-1",
        "done",
        Some(("台账缺失", Some(TODAY), None)),
    );
    answer(&mut s, "dept-3-1", "na", None);
    s
}

fn write(path: &Path, s: &Session) {
    std::fs::write(path, selfcheck::store::to_json(s)).unwrap();
}

/// The folder the collecting office would receive, with the files that must not count.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("a-甲单位.json"), &unit_a());
    write(&d.join("b-乙单位.json"), &unit_b());
    write(&d.join("c-丙单位.json"), &unit_c());
    std::fs::write(d.join("broken.json"), "{ \"schema_version\": 1, \"unit\": ").unwrap();
    // Not read at all: hidden files, backups, locks, other files, conflict copies, sub-folders.
    std::fs::write(d.join(".hidden.json"), "not json").unwrap();
    std::fs::write(d.join("a-甲单位.json.bak"), "not json").unwrap();
    std::fs::write(d.join("a-甲单位.json.lock"), "user@host 1").unwrap();
    std::fs::write(d.join("notes.txt"), "hello").unwrap();
    write(&d.join("a-甲单位.conflict-20231201T100000.json"), &unit_a());
    std::fs::create_dir(d.join("old")).unwrap();
    write(&d.join("old").join("a-甲单位.json"), &unit_a());
    dir
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_selfcheck"))
}

fn run_json(args: &[&std::ffi::OsStr]) -> (Value, String, Option<i32>) {
    let out = bin()
        .arg("summary")
        .args(args)
        .args(["--format", "json", "--today", TODAY])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (json, stderr, out.status.code())
}

#[test]
fn rolls_up_a_folder_and_names_the_bad_file() {
    let dir = folder();
    let (v, stderr, code) = run_json(&[dir.path().as_os_str()]);
    // Outputs written, one input skipped: the documented status 3.
    assert_eq!(code, Some(3), "{stderr}");

    // The corrupt file is named on stderr and under "errors"; nothing else is.
    assert!(stderr.contains("broken.json"), "{stderr}");
    assert!(!stderr.contains(".hidden"), "{stderr}");
    assert!(!stderr.contains(".bak"), "{stderr}");
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0]["path"].as_str().unwrap().ends_with("broken.json"));
    assert!(!errors[0]["error"].as_str().unwrap().is_empty());
    assert_eq!(v["skipped"].as_array().unwrap().len(), 1);

    let units: Vec<&str> = v["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["unit"].as_str().unwrap())
        .collect();
    assert_eq!(units, ["甲单位", "乙单位", "丙单位"]);

    let a = &v["units"][0];
    assert_eq!(a["answered"], 4);
    assert_eq!(a["total"], 13);
    assert_eq!(a["percent"], 30);
    assert_eq!(a["by_status"]["done"], 1);
    assert_eq!(a["by_status"]["partial"], 1);
    assert_eq!(a["by_status"]["not_done"], 2);
    assert_eq!(a["by_status"]["na"], 0);
    assert_eq!(
        (&a["problems"], &a["open"], &a["overdue"]),
        (&2.into(), &2.into(), &1.into())
    );
    let b = &v["units"][1];
    assert_eq!(
        (&b["problems"], &b["open"], &b["overdue"]),
        (&2.into(), &1.into(), &1.into())
    );
    let c = &v["units"][2];
    assert_eq!(c["total"], 15);
    assert_eq!(c["template"], "dept");
    assert_eq!(c["date"], "2023-12-03");
    assert_eq!(
        (&c["problems"], &c["open"], &c["overdue"]),
        (&2.into(), &2.into(), &0.into())
    );

    // The total is the sum of the three good sessions only.
    let t = &v["total"];
    assert_eq!(t["units"], 3);
    assert_eq!(t["answered"], 4 + 3 + 4);
    assert_eq!(t["total"], 13 + 13 + 15);
    assert_eq!(t["percent"], 11 * 100 / 41);
    assert_eq!(t["by_status"]["done"], 3);
    assert_eq!(t["by_status"]["partial"], 1);
    assert_eq!(t["by_status"]["not_done"], 5);
    assert_eq!(t["by_status"]["na"], 2);
    assert_eq!(t["problems"], 6);
    assert_eq!(t["open"], 5);
    assert_eq!(t["overdue"], 2);

    // Most often 未落实: gov-1-2 by two units, then the others in the order first met.
    let top: Vec<(String, u64)> = v["most_not_done"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["check"].as_str().unwrap().to_owned(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        top,
        [
            ("gov-1-2".to_owned(), 2),
            ("gov-1-3".to_owned(), 1),
            ("dept-1-1".to_owned(), 1),
            ("dept-1-2".to_owned(), 1),
        ]
    );
    let gov = builtin::get("gov").unwrap();
    let text = gov
        .checks()
        .find(|(_, c)| c.id == "gov-1-2")
        .map(|(_, c)| c.text.clone())
        .unwrap();
    assert_eq!(v["most_not_done"][0]["text"], text.as_str());
}

/// Every flag of the folder, worked out by hand from the three sessions (as of 2023-12-20;
/// the measures are all the two characters 整改, and no owner is given anywhere).
#[test]
fn flags_are_counted_per_unit() {
    let dir = folder();
    let (v, _, _) = run_json(&[dir.path().as_os_str()]);
    let by_rule = |i: usize| -> Vec<(String, u64)> {
        v["units"][i]["flags_by_rule"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, n)| (k.clone(), n.as_u64().unwrap()))
            .collect()
    };
    let pairs = |p: &[(&str, u64)]| -> Vec<(String, u64)> {
        p.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect()
    };
    // 甲: 4 of 13 answered; 1.1 done without evidence; 1.2 and 1.3 not done with a
    // four- or five-character problem, 整改 and no owner (1.2 due 12-10, open: overdue); 2.1
    // partial with nothing.
    assert_eq!(
        by_rule(0),
        pairs(&[
            ("evidence_missing", 1),
            ("measure_incomplete", 3),
            ("overdue", 1),
            ("too_short", 4),
            ("unfinished", 1),
        ])
    );
    // 乙: 1.2 not done (closed, not overdue); 2.2 done with a problem, no evidence, overdue.
    assert_eq!(
        by_rule(1),
        pairs(&[
            ("evidence_missing", 1),
            ("measure_incomplete", 1),
            ("overdue", 1),
            ("too_short", 4),
            ("unfinished", 1),
        ])
    );
    // 丙: 1.1 not done with a problem; 1.2 not done with nothing; 2.1 done with a problem due
    // on the as-of day itself (not overdue).
    assert_eq!(
        by_rule(2),
        pairs(&[
            ("evidence_missing", 1),
            ("measure_incomplete", 2),
            ("too_short", 4),
            ("unfinished", 1),
        ])
    );
    assert_eq!(v["total"]["flags"].to_string(), FLAGS);
    // The flag names the check by its display number and quotes the text.
    let f = v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["unit"] == "甲单位" && f["rule"] == "overdue")
        .unwrap();
    assert_eq!(f["number"], "1.2");
    assert_eq!(f["check"], "gov-1-2");
    assert_eq!(f["days_overdue"], 10);
}

#[test]
fn a_file_named_twice_is_counted_once() {
    let dir = folder();
    let a = dir.path().join("a-甲单位.json");
    let (v, stderr, code) = run_json(&[dir.path().as_os_str(), a.as_os_str()]);
    assert_eq!(code, Some(3), "{stderr}");
    assert_eq!(v["total"]["units"], 3);
}

#[test]
fn table_output_has_a_total_row_and_reports_errors() {
    let dir = folder();
    let out = bin()
        .arg("summary")
        .arg(dir.path())
        .args(["--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.json"), "{stderr}");
    let total = table_row(&stdout, "合计");
    // 已检查 总数 完成率 已落实 基本落实 未落实 不适用 问题 未整改 逾期 反复出现 上次遗留未完成
    // 上次遗留逾期 敷衍应付标记 签字确认 校验码
    assert_eq!(
        total[1..],
        [
            "", "", "", "11", "41", "26", "3", "1", "5", "2", "6", "5", "2", "0", "0", "0", FLAGS,
            "", ""
        ]
    );
    // The ranking names the check by its display number and its checklist.
    assert!(
        stdout.contains(" 1. 2次  党委政府属地管理… 1.2  "),
        "{stdout}"
    );
    // The unreadable file is listed with its reason in the interface language.
    assert!(stdout.contains("未能读取或未计入的文件："), "{stdout}");
    assert!(stdout.contains("broken.json:1:"), "{stdout}");
    assert!(stdout.contains("统计截止日期：2023-12-20"), "{stdout}");
}

#[test]
fn no_readable_file_is_exit_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.json");
    std::fs::write(&bad, "{").unwrap();
    let (_, stderr, code) = run_json(&[dir.path().as_os_str()]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("broken.json"), "{stderr}");
    let empty = tempfile::tempdir().unwrap();
    let (_, _, code) = run_json(&[empty.path().as_os_str()]);
    assert_eq!(code, Some(1));
    let (_, stderr, code) = run_json(&[dir.path().join("missing.json").as_os_str()]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("missing.json"), "{stderr}");
}

#[test]
fn csv_and_xlsx_carry_the_same_numbers() {
    let dir = folder();
    let out = bin()
        .arg("summary")
        .arg(dir.path())
        .args(["--format", "csv", "--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with('\u{FEFF}'));
    let total = csv.lines().find(|l| l.starts_with("合计,")).unwrap();
    assert_eq!(
        total,
        format!("合计,,,,11,41,26,3,1,5,2,6,5,2,0,0,0,{FLAGS},,,,,2023-12-20,")
    );
    // After the total: the unreadable file, with its reason, and the conflict copy.
    let lines: Vec<&str> = csv.trim_end().lines().collect();
    let n = lines.len();
    assert!(lines[n - 2].starts_with(",,,"), "{}", lines[n - 2]);
    assert!(
        lines[n - 2].contains(",未能读取,") && lines[n - 2].contains("broken.json:1:"),
        "{}",
        lines[n - 2]
    );
    assert!(lines[n - 1].contains(",未计入,"), "{}", lines[n - 1]);

    let target = tempfile::tempdir().unwrap();
    let xlsx = target.path().join("roll-up.xlsx");
    let out = bin()
        .arg("summary")
        .arg(dir.path())
        .args(["--format", "xlsx", "--today", TODAY, "-o"])
        .arg(&xlsx)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(std::fs::read(&xlsx).unwrap())).unwrap();
    let names = rollup::sheets::sheet_names(selfcheck::i18n::Lang::Zh);
    assert_eq!(wb.sheet_names(), names);
    let units = wb.worksheet_range(names[0]).unwrap();
    let rows: Vec<&[Data]> = units.rows().collect();
    // Title, header, three units, an empty row, the total, an empty row, the note.
    assert_eq!(rows.len(), 2 + 3 + 1 + 1 + 1 + 1);
    assert!(rows[0][0].to_string().contains("2023-12-20"));
    assert_eq!(rows[6][0], Data::String("合计".into()));
    assert_eq!(rows[6][4], Data::Float(11.0));
    assert_eq!(rows[6][13], Data::Float(2.0));
    assert!(matches!(rows[2][3], Data::DateTime(_)));
    let ranking = wb.worksheet_range(names[1]).unwrap();
    let first: Vec<&Data> = ranking.rows().nth(2).unwrap().iter().collect();
    assert_eq!(first[2], &Data::String("1.2".into()));
    assert_eq!(first[4], &Data::Float(2.0));
    let not_counted = wb.worksheet_range(names[4]).unwrap();
    let listed: Vec<String> = not_counted
        .rows()
        .skip(2)
        .map(|r| r[0].to_string())
        .collect();
    // The unreadable file and the conflict copy.
    assert_eq!(listed.len(), 2);
    assert!(listed[0].ends_with("broken.json"));
    assert!(listed[1].contains(".conflict-"));
}

/// 丁单位 on a copy of the `gov` checklist whose answer set is `options` (id, label, English
/// label), nothing answered yet.
fn custom_unit(options: &[(&str, &str, Option<&str>)]) -> Session {
    let mut tpl = builtin::get("gov").unwrap();
    tpl.id = "custom".into();
    tpl.answer_set = options
        .iter()
        .map(|(id, label, en)| selfcheck::model::AnswerOption {
            id: (*id).into(),
            label: (*label).into(),
            label_en: en.map(Into::into),
            extra: serde_json::Map::new(),
        })
        .collect();
    Session::new(
        tpl,
        Unit {
            name: "丁单位".into(),
            ..Unit::default()
        },
        Meeting::default(),
        at("2023-12-01T09:00:00+08:00"),
    )
}

#[test]
fn custom_answer_sets_are_counted_by_id() {
    let mut custom = custom_unit(&[("yes", "是", None), ("not_done", "否", None)]);
    let now = at("2023-12-01T10:00:00+08:00");
    custom.set_status("gov-1-1", Some("yes"), now).unwrap();
    custom.set_status("gov-1-2", Some("yes"), now).unwrap();
    custom.set_status("gov-1-3", Some("not_done"), now).unwrap();
    let sessions = vec![
        (PathBuf::from("a.json"), unit_a()),
        (PathBuf::from("d.json"), custom),
    ];
    let s = rollup::summarize(&sessions, ymd(2023, 12, 20));
    let ids: Vec<&str> = s.statuses.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["done", "partial", "not_done", "na", "yes"]);
    assert_eq!(s.units[1].tally.by_status, [0, 0, 1, 0, 2]);
    assert_eq!(s.total.by_status, [1, 1, 3, 0, 2]);
    assert_eq!(s.units[1].tally.answered, 3);
    // The custom set's not_done counts toward the ranking too, under its own checklist (the
    // same check is numbered differently in different checklists).
    assert!(
        s.most_not_done
            .iter()
            .any(|n| n.template == "custom" && n.check_id == "gov-1-3" && n.count == 1),
        "{:?}",
        s.most_not_done
    );
}

/// Measures the roll-up over 3,000 generated session files. Not run by default; run with
/// `cargo test --release --test summary -- --ignored --nocapture three_thousand`.
#[test]
#[ignore = "timing run; prints the time, asserts only the counts"]
fn three_thousand_files() {
    const STATUSES: [&str; 4] = ["done", "partial", "not_done", "na"];
    let dir = tempfile::tempdir().unwrap();
    // The combined checklist, every check answered, half of them with a problem: about 30 KB a
    // file, the largest a unit's session normally gets.
    let mut base = new_session("full", "单位", ymd(2023, 12, 5));
    let ids: Vec<String> = base.template.checks().map(|(_, c)| c.id.clone()).collect();
    let now = at("2023-12-05T10:00:00+08:00");
    for (i, id) in ids.iter().enumerate() {
        base.set_status(id, Some(STATUSES[i % 4]), now).unwrap();
        base.set_field(id, Field::Evidence, &"做法及成效".repeat(20), now)
            .unwrap();
        if i % 2 == 1 {
            base.set_field(id, Field::Problems, &"存在问题".repeat(5), now)
                .unwrap();
            base.set_field(id, Field::Measures, &"整改措施".repeat(5), now)
                .unwrap();
            base.set_field(id, Field::Due, "2023-12-10", now).unwrap();
        }
    }
    for i in 0..3000 {
        let mut s = base.clone();
        s.unit.name = format!("单位{i:04}");
        write(&dir.path().join(format!("{i:04}.json")), &s);
    }
    let started = std::time::Instant::now();
    let loaded = rollup::load(&[dir.path().to_owned()], ymd(2023, 12, 20));
    let read = started.elapsed();
    let s = rollup::combine(loaded, ymd(2023, 12, 20));
    let total = started.elapsed();
    println!(
        "3000 files: read and validated in {read:?}, rolled up in {:?} (total {total:?})",
        total.saturating_sub(read)
    );
    assert_eq!(s.units.len(), 3000);
    assert_eq!(s.total.problems, 3000 * (ids.len() / 2));
}

#[test]
fn output_never_replaces_a_session_it_read() {
    let dir = folder();
    let a = dir.path().join("a-甲单位.json");
    let before = std::fs::read(&a).unwrap();
    let out = bin()
        .args(["--lang", "en", "summary"])
        .arg(dir.path())
        .args(["--format", "csv", "-o"])
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("session file itself"));
    assert_eq!(std::fs::read(&a).unwrap(), before);
}

/// Runs `summary FOLDER --today TODAY` with `args` added; stdout, stderr and the exit status.
fn run_summary(dir: &Path, args: &[&str]) -> (String, String, Option<i32>) {
    let out = bin()
        .arg("summary")
        .arg(dir)
        .args(["--today", TODAY])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

/// The cells of a table line drawn by the table crate.
fn table_cells(line: &str) -> Vec<&str> {
    line.trim()
        .trim_matches(['│', '|'])
        .split(['┆', '|'])
        .map(str::trim)
        .collect()
}

/// The cells of the table row whose first cell is `first`, with that cell.
fn table_row<'a>(table: &'a str, first: &str) -> Vec<&'a str> {
    table
        .lines()
        .map(table_cells)
        .find(|c| c.first() == Some(&first))
        .unwrap_or_else(|| panic!("no row {first}:\n{table}"))
}

/// Flags raised over the folder: 甲 10, 乙 8, 丙 8 (worked out in `flags_are_counted_per_unit`).
const FLAGS: &str = "26";

const EN_HEADER: [&str; 20] = [
    "Unit",
    "Kind",
    "Checklist",
    "Meeting date",
    "Checked",
    "Checks",
    "Checked %",
    "Done",
    "Partly done",
    "Not done",
    "Not applicable",
    "Problems",
    "Open",
    "Overdue",
    "Repeat findings",
    "Carried over open",
    "Carried over overdue",
    "Flags",
    "Signed",
    "Check code",
];

const ZH_HEADER: [&str; 20] = [
    "单位",
    "类型",
    "检查表",
    "会议日期",
    "已检查",
    "总数",
    "完成率%",
    "已落实",
    "基本落实",
    "未落实",
    "不适用",
    "问题",
    "未整改",
    "逾期",
    "反复出现",
    "上次遗留未完成",
    "上次遗留逾期",
    "敷衍应付标记",
    "签字确认",
    "校验码",
];

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

#[test]
fn lang_en_gives_english_csv_headers_and_labels() {
    let dir = folder();
    let (csv, stderr, code) = run_summary(dir.path(), &["--format", "csv", "--lang", "en"]);
    assert_eq!(code, Some(3), "{stderr}");
    let csv = csv.strip_prefix('\u{FEFF}').expect("BOM kept");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        format!("{},Counted,File,As of,Reason", EN_HEADER.join(","))
    );
    // Unit kinds and checklist titles in English; unit names are data and stay as they are.
    assert!(
        lines[1].starts_with(
            "甲单位,Party committee / government,Checklist on the territorial management responsibility of Party committees and governments,2023-12-01,4,13,30,1,1,2,0,2,2,1,"
        ) || lines[1].starts_with("甲单位,Party committee / government,"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains(",counted,"), "{}", lines[1]);
    assert!(lines[3].starts_with("丙单位,Department,"), "{}", lines[3]);
    assert!(
        lines[4].starts_with(&format!(
            "Total,,,,11,41,26,3,1,5,2,6,5,2,0,0,0,{FLAGS},,,,,2023-12-20,"
        )),
        "{}",
        lines[4]
    );
    assert!(lines[5].contains(",unreadable,"), "{}", lines[5]);
    assert!(lines[6].contains(",not counted,"), "{}", lines[6]);
    assert_eq!(lines.len(), 7);
}

#[test]
fn lang_en_gives_an_english_table() {
    let dir = folder();
    // Before the subcommand, as a global option.
    let out = bin()
        .args(["--lang", "en", "summary"])
        .arg(dir.path())
        .args(["--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let table = String::from_utf8(out.stdout).unwrap();
    assert_eq!(table_row(&table, "Unit"), EN_HEADER, "{table}");
    let unit_a = table_row(&table, "甲单位");
    assert_eq!(unit_a[1], "Party committee / government", "{table}");
    let total = table_row(&table, "Total");
    assert_eq!(
        total[4..],
        [
            "11", "41", "26", "3", "1", "5", "2", "6", "5", "2", "0", "0", "0", FLAGS, "", ""
        ]
    );
    assert!(
        table.contains("\nChecks most often not done (top 10):\n"),
        "{table}"
    );
    assert!(table.contains(" 1. 2x  "), "{table}");
    assert!(table.contains("Not read or not counted:"), "{table}");
    // Only unit names and quoted texts (data) are Chinese.
    for l in table.lines() {
        if !l.contains(['甲', '乙', '丙'])
            && !l.trim_start().starts_with(|c: char| c.is_ascii_digit())
        {
            assert!(!has_han(l), "Chinese label left in: {l}");
        }
    }
}

/// The header row of a roll-up worksheet (under its title row), as text.
fn header_of(wb: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Vec<String> {
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// Runs `summary` over `dir` into a workbook with `args` added, and opens it.
fn summary_workbook(dir: &std::path::Path, args: &[&str]) -> Xlsx<Cursor<Vec<u8>>> {
    let target = tempfile::tempdir().unwrap();
    let xlsx = target.path().join("roll-up.xlsx");
    let mut all = vec!["--format", "xlsx", "-o", xlsx.to_str().unwrap()];
    all.extend_from_slice(args);
    let (_, stderr, code) = run_summary(dir, &all);
    assert_eq!(code, Some(3), "{stderr}");
    Xlsx::new(Cursor::new(std::fs::read(&xlsx).unwrap())).unwrap()
}

#[test]
fn lang_en_gives_an_english_workbook() {
    let dir = folder();
    let mut wb = summary_workbook(dir.path(), &["--lang", "en"]);
    assert_eq!(
        wb.sheet_names(),
        [
            "Summary",
            "Most often not done",
            "Rectification ledger",
            "Flags",
            "Not counted"
        ]
    );
    assert_eq!(
        wb.sheet_names(),
        rollup::sheets::sheet_names(selfcheck::i18n::Lang::En)
    );
    let units = wb.worksheet_range("Summary").unwrap();
    let rows: Vec<&[Data]> = units.rows().collect();
    let header: Vec<String> = rows[1].iter().map(ToString::to_string).collect();
    assert_eq!(header, EN_HEADER);
    assert_eq!(
        rows[2][1],
        Data::String("Party committee / government".into())
    );
    assert_eq!(rows[6][0], Data::String("Total".into()));
    assert_eq!(rows[6][4], Data::Float(11.0));
    assert_eq!(
        header_of(&mut wb, "Most often not done"),
        ["No.", "Checklist", "Check", "Check text", "Units not done"]
    );
}

#[test]
fn chinese_is_the_default() {
    let dir = folder();
    let (csv, _, code) = run_summary(dir.path(), &["--format", "csv"]);
    assert_eq!(code, Some(3));
    assert_eq!(
        csv.lines().next().unwrap(),
        format!(
            "\u{FEFF}{},计入情况,文件,统计截止日期,原因",
            ZH_HEADER.join(",")
        )
    );
    assert!(
        csv.contains("\n甲单位,党委政府,党委政府属地管理责任落实情况对照检查表,"),
        "{csv}"
    );
    let (zh_csv, _, _) = run_summary(dir.path(), &["--format", "csv", "--lang", "zh"]);
    assert_eq!(zh_csv, csv);

    let (table, _, code) = run_summary(dir.path(), &[]);
    assert_eq!(code, Some(3));
    assert_eq!(table_row(&table, "单位"), ZH_HEADER);
    assert!(table.contains("\n未落实次数最多的检查内容（前10项）：\n"));
    assert!(table.contains(" 1. 2次  "), "{table}");

    let mut wb = summary_workbook(dir.path(), &[]);
    assert_eq!(
        wb.sheet_names(),
        ["汇总", "未落实排行", "整改台账", "敷衍应付", "未计入"]
    );
    assert_eq!(header_of(&mut wb, "汇总"), ZH_HEADER);
    assert_eq!(
        header_of(&mut wb, "未落实排行"),
        ["序号", "检查表", "检查项", "检查内容", "未落实单位数"]
    );
}

/// The JSON without the texts told in the interface language (reasons and flag details).
fn without_told_texts(mut v: Value) -> Value {
    for e in v["errors"].as_array_mut().unwrap() {
        e["error"] = Value::Null;
    }
    for f in v["flags"].as_array_mut().unwrap() {
        f["detail"] = Value::Null;
    }
    v
}

#[test]
fn json_keys_and_values_do_not_change_with_the_language() {
    let dir = folder();
    let (zh, _, code) = run_summary(dir.path(), &["--format", "json"]);
    assert_eq!(code, Some(3));
    let (en, _, code) = run_summary(dir.path(), &["--format", "json", "--lang", "en"]);
    assert_eq!(code, Some(3));
    let zh: Value = serde_json::from_str(&zh).unwrap();
    let en: Value = serde_json::from_str(&en).unwrap();
    assert_ne!(zh["errors"][0]["error"], en["errors"][0]["error"]);
    assert_eq!(without_told_texts(en), without_told_texts(zh));
}

#[test]
fn lang_en_uses_a_custom_answer_sets_english_labels_where_it_has_them() {
    let mut custom = custom_unit(&[("yes", "是", Some("Yes")), ("maybe", "待定", None)]);
    let now = at("2023-12-01T10:00:00+08:00");
    custom.set_status("gov-1-1", Some("yes"), now).unwrap();
    custom.set_status("gov-1-2", Some("maybe"), now).unwrap();
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.json"), &unit_a());
    write(&dir.path().join("d.json"), &custom);

    let (csv, stderr, code) = run_summary(dir.path(), &["--format", "csv", "--lang", "en"]);
    assert_eq!(code, Some(0), "{stderr}");
    let header = csv.lines().next().unwrap().trim_start_matches('\u{FEFF}');
    // The default four, then the custom ones: English where the answer set has it.
    assert!(
        header.contains(",Not applicable,Yes,待定,Problems,"),
        "{header}"
    );
    let (csv, _, _) = run_summary(dir.path(), &["--format", "csv"]);
    assert!(csv.contains(",不适用,是,待定,问题,"), "{csv}");
}
