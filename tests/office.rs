//! The office tier: every export rendered by the client an office uses. Sessions of each
//! built-in checklist (gov, dept, enterprise finished; the combined `full` one unfinished) are
//! exported as Word, Excel and CSV, converted to PDF by `LibreOffice` (`soffice --headless
//! --convert-to pdf`) and read back with poppler (`pdftotext`, `pdfinfo`):
//!
//! - the report: page numbers `— n —` on every page, 主送 and 落款 present, the 附件 table's
//!   header row on every page of the 附件, 草稿 on an unfinished record (first page and every
//!   page header) and nowhere on a finished one;
//! - the workbook: one page wide (the last column's header on every page), a title row, `第 x 页
//!   共 y 页` on every page;
//! - the CSV: Chinese read as Chinese (the byte-order mark works);
//! - all of them: no word outside the page.
//!
//! Without `soffice` or `pdftotext` the tier skips with a loud message, except under `CI=true`,
//! where it fails: CI installs them (`.ci/run`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use selfcheck::export::{docx, ledger, xlsx};
use selfcheck::model::{Field, Meeting, Session, Unit, UnitKind, builtin};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// Whether the tools are here; fails under CI when they are not.
fn tools() -> bool {
    let have = |tool: &str| {
        Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty())
    };
    let ok = have("soffice") && have("pdftotext") && have("pdfinfo");
    if !ok {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(
            !ci,
            "CI=true but soffice/pdftotext are missing: the office tier must run in CI \
             (install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk)"
        );
        eprintln!(
            "\n\n==================== OFFICE TIER SKIPPED ====================\n\
             soffice or pdftotext not found: the exports were NOT checked the way an office\n\
             opens them. Install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils\n\
             fonts-noto-cjk, or run .ci/run.\n\
             =============================================================\n"
        );
    }
    ok
}

/// A session of a built-in checklist: the unit's own words, problems on some checks (one with
/// numbered problems, one 未落实 left without text), everything else 已落实, one 不适用;
/// `open` checks at the end left unanswered.
fn session(template: &str, unit: &str, open: usize) -> Session {
    let t0 = at("2023-12-10T09:00:00+08:00");
    let mut s = Session::new(
        builtin::get(template).unwrap(),
        Unit {
            name: unit.into(),
            kind: Some(UnitKind::Gov),
            ..Unit::default()
        },
        Meeting {
            title: "深化安全生产责任落实专项行动对照检查会".into(),
            date: chrono::NaiveDate::from_ymd_opt(2023, 12, 10),
            place: "二楼会议室".into(),
            host: "周主任".into(),
            recorder: "吴秘书".into(),
            attendees: vec!["郑一".into(), "冯二".into(), "陈三".into()],
            study: "习近平总书记关于安全生产重要论述".into(),
            ..Meeting::default()
        },
        t0,
    );
    let ids: Vec<String> = s.template.checks().map(|(_, c)| c.id.clone()).collect();
    let answered = ids.len() - open;
    for (k, id) in ids.iter().take(answered).enumerate() {
        let f = |s: &mut Session, field: Field, text: &str| {
            s.set_field(id, field, text, t0).unwrap();
        };
        match k % 7 {
            1 => {
                s.set_status(id, Some("partial"), t0).unwrap();
                f(
                    &mut s,
                    Field::Problems,
                    "台账记录不完整，部分检查未留痕，整改闭环管理需要进一步加强和规范，存在“重部署、轻落实”的现象。",
                );
                f(&mut s, Field::Causes, "日常监督频次不足。");
                f(
                    &mut s,
                    Field::Measures,
                    "建立检查留痕制度，每月通报一次，年底前完成全部整改并组织“回头看”。",
                );
                f(&mut s, Field::Owner, "安全科 郑一");
                f(&mut s, Field::Due, "2024年3月底");
            }
            3 => {
                s.set_status(id, Some("not_done"), t0).unwrap();
                f(
                    &mut s,
                    Field::Problems,
                    "一是制度未修订；二是培训未覆盖新入职人员；三是应急演练脚本化。",
                );
                f(
                    &mut s,
                    Field::Measures,
                    "1.修订制度；\n2.开展全员培训；\n3.组织无脚本演练。",
                );
                f(&mut s, Field::Owner, "办公室 冯二");
                f(&mut s, Field::Due, "2024-06-30");
            }
            5 => {
                // 未落实 with nothing written: must still show.
                s.set_status(id, Some("not_done"), t0).unwrap();
            }
            6 => {
                s.set_status(id, Some("na"), t0).unwrap();
                f(&mut s, Field::Evidence, "本单位不涉及该项工作。");
            }
            _ => {
                s.set_status(id, Some("done"), t0).unwrap();
                f(
                    &mut s,
                    Field::Evidence,
                    "已建立工作机制并按月调度，形成记录。",
                );
            }
        }
    }
    s
}

/// A page's width and its words' (xMin, xMax, text).
type PageBoxes = (f64, Vec<(f64, f64, String)>);

/// One export of one session, as a PDF read back.
struct Rendered {
    name: String,
    /// Text of each page (`pdftotext -layout`).
    pages: Vec<String>,
    /// Per page: its width and the words' (xMin, xMax, text) from `pdftotext -bbox`.
    boxes: Vec<PageBoxes>,
}

/// The sessions and how far each got: (file stem, template, unit, unanswered checks).
const CASES: [(&str, &str, &str, usize); 4] = [
    ("gov", "gov", "临港区某街道党工委", 0),
    ("dept", "dept", "临港区交通运输局", 0),
    ("enterprise", "enterprise", "临沂某某化工有限公司", 0),
    ("full", "full", "临港区综合执法局", 9),
];

/// Renders every export of every case once (one `LibreOffice` run per kind of file) and reads the
/// PDFs back; `None` when the tools are missing outside CI.
fn rendered() -> Option<&'static Vec<Rendered>> {
    static ALL: OnceLock<Option<Vec<Rendered>>> = OnceLock::new();
    ALL.get_or_init(|| {
        if !tools() {
            return None;
        }
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("office");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut files: Vec<PathBuf> = Vec::new();
        for (stem, template, unit, open) in CASES {
            let s = session(template, unit, open);
            for (ext, bytes) in [
                ("docx", docx::render(&s).unwrap()),
                ("xlsx", xlsx::render(&s).unwrap()),
                ("csv", ledger::render_csv(&s).unwrap().into_bytes()),
            ] {
                // The CSV gets its own name: LibreOffice names each PDF after its input.
                let path = dir.join(format!("{stem}-{ext}.{ext}"));
                std::fs::write(&path, bytes).unwrap();
                files.push(path);
            }
        }
        let profile = dir.join("profile");
        let (csv, others): (Vec<&PathBuf>, Vec<&PathBuf>) = files
            .iter()
            .partition(|f| f.extension().is_some_and(|e| e == "csv"));
        // Headless LibreOffice ignores a CSV's byte-order mark and reads the locale's character
        // set (its import dialog offers UTF-8); the CSVs are read as UTF-8, comma-separated.
        for (filter, group) in [(None, others), (Some("CSV:44,34,76,1"), csv)] {
            let mut cmd = Command::new("soffice");
            cmd.arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .arg("--headless");
            if let Some(filter) = filter {
                cmd.arg(format!("--infilter={filter}"));
            }
            let out = cmd
                .args(["--convert-to", "pdf", "--outdir"])
                .arg(&dir)
                .args(group)
                .output()
                .expect("soffice runs");
            assert!(
                out.status.success(),
                "soffice failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Some(
            files
                .iter()
                .map(|f| {
                    let pdf = f.with_extension("pdf");
                    assert!(pdf.exists(), "{} was not converted", f.display());
                    read_back(&pdf)
                })
                .collect(),
        )
    })
    .as_ref()
}

fn read_back(pdf: &Path) -> Rendered {
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    let bbox = Command::new("pdftotext")
        .args(["-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let bbox = String::from_utf8_lossy(&bbox.stdout).into_owned();
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let i = tag.find(&key).unwrap() + key.len();
        tag[i..].split('"').next().unwrap().parse().unwrap()
    };
    let boxes = bbox
        .split("<page ")
        .skip(1)
        .map(|page| {
            let width = attr(page, "width");
            let words = page
                .split("<word ")
                .skip(1)
                .map(|w| {
                    let text = w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()].to_owned();
                    (attr(w, "xMin"), attr(w, "xMax"), text)
                })
                .collect();
            (width, words)
        })
        .collect();
    let count = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let count = String::from_utf8_lossy(&count.stdout)
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pages:")
                .map(|n| n.trim().parse::<usize>().unwrap())
        })
        .unwrap();
    assert_eq!(
        count,
        pages.len(),
        "{}: pdfinfo and pdftotext disagree",
        pdf.display()
    );
    Rendered {
        name: pdf.file_name().unwrap().to_string_lossy().into_owned(),
        pages,
        boxes,
    }
}

/// Page text without the spaces `pdftotext -layout` puts between characters and words.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The first page of the 附件: it starts with `附件` (the body's `附件：` line may also open a
/// page, the one of the 落款).
fn appendix_start(pages: &[String]) -> Option<usize> {
    pages.iter().position(|p| {
        // An unfinished record's page opens with the draft header.
        let p = match p.strip_prefix("草稿") {
            Some(rest) => rest.split_once('）').map_or(rest, |(_, after)| after),
            None => p,
        };
        p.starts_with("附件") && !p.starts_with("附件：")
    })
}

fn find(name: &str) -> Option<&'static Rendered> {
    rendered().map(|all| all.iter().find(|r| r.name == name).unwrap())
}

#[test]
fn report_pages_are_numbered_and_addressed_and_signed() {
    for (stem, _, unit, open) in CASES {
        let Some(r) = find(&format!("{stem}-docx.pdf")) else {
            return;
        };
        let pages: Vec<String> = r.pages.iter().map(|p| squeeze(p)).collect();
        assert!(pages.len() >= 2, "{}: {} pages", r.name, pages.len());
        for (i, page) in pages.iter().enumerate() {
            let number = format!("—{}—", i + 1);
            assert!(
                page.contains(&number),
                "{}: page {} has no page number {number}:\n{page}",
                r.name,
                i + 1
            );
        }
        assert!(pages[0].contains("关于"), "{}", r.name);
        assert!(
            pages[0].contains("区专项行动领导小组办公室："),
            "{}: no 主送 on page 1",
            r.name
        );
        assert!(pages[0].contains("临港安发〔2023〕13号"), "{}", r.name);
        // 落款: the unit and the date, after the 附件 line, before the 附件 itself.
        let appendix = appendix_start(&pages)
            .unwrap_or_else(|| panic!("{}: no page starts with 附件", r.name));
        let body: String = pages[..appendix].concat();
        let tail = &body[body.rfind("附件：").unwrap()..];
        assert!(tail.contains(unit), "{}: no 落款 unit in {tail}", r.name);
        assert!(tail.contains("年") && tail.contains("月") && tail.contains("日"));
        // Draft only for the unfinished record, on page 1 and in every page header.
        if open > 0 {
            let total = builtin::get(stem).unwrap().check_count();
            let label = format!("草稿（未完成：已检查{}/{total}项）", total - open);
            for (i, page) in pages.iter().enumerate() {
                assert!(
                    page.contains(&label),
                    "{}: page {} lacks {label}",
                    r.name,
                    i + 1
                );
            }
            assert!(
                pages[0].matches(&label).count() >= 2,
                "{}: the first page shows the draft mark once only (header, not body)",
                r.name
            );
        } else {
            assert!(
                !body.contains("草稿"),
                "{}: a finished record marked 草稿",
                r.name
            );
        }
    }
}

#[test]
fn appendix_header_row_is_on_every_appendix_page() {
    for (stem, ..) in CASES {
        let Some(r) = find(&format!("{stem}-docx.pdf")) else {
            return;
        };
        let pages: Vec<String> = r.pages.iter().map(|p| squeeze(p)).collect();
        let first = appendix_start(&pages).unwrap();
        let header = squeeze(&selfcheck::export::report::APPENDIX_HEADER.join(""));
        for (i, page) in pages.iter().enumerate().skip(first) {
            assert!(
                page.contains(&header),
                "{}: page {} of the 附件 has no header row:\n{page}",
                r.name,
                i + 1
            );
        }
        let last = pages.last().unwrap();
        for line in ["填报单位（盖章）", "填报日期", "主要负责人（签字）"] {
            assert!(last.contains(line), "{}: no {line}", r.name);
        }
        if stem == "full" {
            assert!(
                pages.len() - first >= 2,
                "the combined 附件 should run over pages"
            );
            for group in ["第一", "第二", "第三"] {
                assert!(
                    pages[first..]
                        .iter()
                        .any(|p| p.contains(&format!("{group}深入对照检查"))),
                    "{}: no group row {group}",
                    r.name
                );
            }
        }
    }
}

#[test]
fn report_keeps_every_problem_and_gap() {
    for (stem, template, unit, open) in CASES {
        let Some(r) = find(&format!("{stem}-docx.pdf")) else {
            return;
        };
        let all = squeeze(&r.pages.concat());
        let s = session(template, unit, open);
        for a in s.answers.values() {
            for line in a.problems.lines() {
                assert!(all.contains(&squeeze(line)), "{}: {line} missing", r.name);
            }
        }
        assert!(
            all.contains("（未填写）"),
            "{}: the unwritten 未落实 is not shown",
            r.name
        );
        assert!(all.contains("不适用说明"), "{}", r.name);
    }
}

#[test]
fn workbook_prints_one_page_wide_with_title_and_page_numbers() {
    for (stem, _, unit, _) in CASES {
        let Some(r) = find(&format!("{stem}-xlsx.pdf")) else {
            return;
        };
        let pages: Vec<String> = r.pages.iter().map(|p| squeeze(p)).collect();
        let n = pages.len();
        assert!(pages[0].contains(&format!("{unit}深化安全生产责任落实专项行动对照检查会")));
        for (i, page) in pages.iter().enumerate() {
            assert!(
                page.contains(&format!("第{}页共{n}页", i + 1)),
                "{}: page {} has no 第 x 页 共 y 页",
                r.name,
                i + 1
            );
            // One page wide: every page shows the header row's first and last columns.
            assert!(
                page.contains("序号"),
                "{}: page {} has no header row",
                r.name,
                i + 1
            );
            assert!(
                page.contains("完成时限") && (page.contains("原因剖析") || page.contains("备注")),
                "{}: page {} lacks the right-hand columns (not fit to width):\n{page}",
                r.name,
                i + 1
            );
        }
        assert!(pages.iter().any(|p| p.contains("整改台账")));
    }
}

#[test]
fn csv_opens_as_chinese() {
    for (stem, _, unit, _) in CASES {
        let Some(r) = find(&format!("{stem}-csv.pdf")) else {
            return;
        };
        let all = squeeze(&r.pages.concat());
        assert!(
            all.contains("单位名称") && all.contains("问题描述"),
            "{}",
            r.name
        );
        assert!(all.contains(unit), "{}: {all}", r.name);
    }
}

#[test]
fn no_text_outside_the_page() {
    let Some(all) = rendered() else {
        return;
    };
    for r in all {
        for (i, (width, words)) in r.boxes.iter().enumerate() {
            for (x0, x1, text) in words {
                assert!(
                    *x0 >= 0.0 && *x1 <= *width,
                    "{}: page {}: {text:?} at {x0:.1}-{x1:.1} is outside the page width {width:.1}",
                    r.name,
                    i + 1
                );
            }
        }
    }
}
