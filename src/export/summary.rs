//! The roll-up across units: the office that collects every unit's session files sees, per unit,
//! how far the check went, what was found and what is still open or overdue, a total, and the
//! checks most often 未落实 across units. A bad file is named and skipped, never fatal: one
//! unit's broken file must not hide everyone else's.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::json;

use crate::i18n::Lang;
use crate::model::session::RectificationState;
use crate::model::{Session, UnitKind, template::default_answer_set};
use crate::store::load_session;
use crate::text::{sanitize, wrap};

use super::xlsx::{Cell, Sheet};
use super::{BuildError, has_problem, iso_date, ledger::write_csv};

/// The status id the 未落实 ranking counts.
pub const NOT_DONE: &str = "not_done";
/// How many checks the ranking lists.
pub const TOP: usize = 10;
/// Threads that read files at once. Reading is mostly waiting on the disk: on a 2-CPU machine 4
/// readers took 3,000 files from about 2 s (one reader) to under 1 s; more gained nothing.
const READERS: usize = 4;

/// A file that could not be read or is not a valid session, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    /// The store's message; it names the file and the place in it.
    pub message: String,
}

/// What the roll-up needs of one session, taken as soon as it is read so that thousands of
/// sessions (each with a full copy of its checklist) need not be kept in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitFacts {
    pub path: PathBuf,
    pub unit: String,
    pub kind: Option<UnitKind>,
    pub template: String,
    pub date: Option<NaiveDate>,
    /// The session's answer set, in its order.
    pub answer_set: Vec<StatusColumn>,
    /// Counts per status id, aligned with `answer_set`.
    pub by_status: Vec<usize>,
    pub answered: usize,
    pub total: usize,
    pub problems: usize,
    pub open: usize,
    pub overdue: usize,
    /// `(check id, check text)` of every check with status [`NOT_DONE`], in reading order.
    pub not_done: Vec<(String, String)>,
}

/// The units read and the files that failed, in the order the paths were given (files of a
/// folder sorted by name).
#[derive(Debug, Default)]
pub struct Loaded {
    pub units: Vec<UnitFacts>,
    pub errors: Vec<FileError>,
    /// Conflict copies (`*.conflict-*.json`) found in folders: another version of a session
    /// already counted, so not counted twice.
    pub skipped: Vec<PathBuf>,
}

/// One column of status counts: the default four always, then any other id a custom answer set
/// uses, in the order first met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusColumn {
    pub id: String,
    /// The answer set's label, e.g. 已落实.
    pub label: String,
    /// The answer set's English label, where it has one.
    pub label_en: Option<String>,
}

impl StatusColumn {
    /// The label in `lang`: the English one when asked for and the answer set has it, else the
    /// answer set's own label.
    pub fn label_in(&self, lang: Lang) -> &str {
        match (&self.label_en, lang) {
            (Some(en), Lang::En) if !en.trim().is_empty() => en,
            _ => &self.label,
        }
    }
}

/// Counts for one unit, or summed for the total row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    pub answered: usize,
    pub total: usize,
    /// Aligned with [`Summary::statuses`].
    pub by_status: Vec<usize>,
    /// Answers with a non-empty 存在问题.
    pub problems: usize,
    /// Problems whose rectification is not done.
    pub open: usize,
    /// Open problems whose 完成时限 is before today.
    pub overdue: usize,
}

impl Tally {
    /// Whole percent answered; 0 for no checks.
    pub fn percent(&self) -> usize {
        (self.answered * 100).checked_div(self.total).unwrap_or(0)
    }

    fn add(&mut self, other: &Tally) {
        self.answered += other.answered;
        self.total += other.total;
        for (a, b) in self.by_status.iter_mut().zip(&other.by_status) {
            *a += b;
        }
        self.problems += other.problems;
        self.open += other.open;
        self.overdue += other.overdue;
    }
}

/// One unit's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    pub path: PathBuf,
    pub unit: String,
    pub kind: Option<UnitKind>,
    pub template: String,
    pub date: Option<NaiveDate>,
    pub tally: Tally,
}

/// A check and how many units marked it 未落实.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotDone {
    pub check: String,
    pub text: String,
    pub count: usize,
}

/// The whole roll-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The day overdue is measured against.
    pub today: NaiveDate,
    pub statuses: Vec<StatusColumn>,
    pub units: Vec<UnitRow>,
    pub total: Tally,
    /// At most [`TOP`], most frequent first; ties in the order the checks were first met.
    pub most_not_done: Vec<NotDone>,
}

/// Expands the arguments into session files: a folder gives its `*.json` files (not its
/// sub-folders; dotfiles, backups, locks and recovery files are not `*.json` or are hidden),
/// sorted by name; a file is taken as given. The same file named twice is read once.
pub fn gather(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileError>, Vec<PathBuf>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        if input.is_dir() {
            match std::fs::read_dir(input) {
                Ok(entries) => {
                    let mut found: Vec<PathBuf> = entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| is_session_name(p) && p.is_file())
                        .collect();
                    found.sort();
                    for p in found {
                        if is_conflict_copy(&p) {
                            skipped.push(p);
                        } else {
                            files.push(p);
                        }
                    }
                }
                Err(e) => errors.push(FileError {
                    path: input.clone(),
                    message: format!("{}: {e}", input.display()),
                }),
            }
        } else {
            files.push(input.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    (files, errors, skipped)
}

fn is_session_name(p: &Path) -> bool {
    let Some(name) = p.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    !name.starts_with('.')
        && p.extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("json"))
}

/// `NAME.conflict-STAMP.json`, as the store names the copy it keeps on a conflicting save.
fn is_conflict_copy(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n.to_string_lossy().contains(".conflict-"))
}

/// Reads every session named by `inputs` on a few threads and keeps its [`UnitFacts`]; `today`
/// decides what is overdue. Order follows [`gather`].
pub fn load(inputs: &[PathBuf], today: NaiveDate) -> Loaded {
    let (files, mut errors, skipped) = gather(inputs);
    let mut results: Vec<Option<Result<UnitFacts, FileError>>> =
        (0..files.len()).map(|_| None).collect();
    let threads = READERS.min(files.len()).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let files = &files;
                scope.spawn(move || {
                    files
                        .iter()
                        .enumerate()
                        .skip(t)
                        .step_by(threads)
                        .map(|(i, p)| {
                            let r = load_session(p).map(|s| facts(p, &s, today)).map_err(|e| {
                                FileError {
                                    path: p.clone(),
                                    message: e.to_string(),
                                }
                            });
                            (i, r)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            // A reader that panicked leaves its files `None`; they are reported below.
            if let Ok(part) = h.join() {
                for (i, r) in part {
                    results[i] = Some(r);
                }
            }
        }
    });
    let mut units = Vec::new();
    for (path, r) in files.into_iter().zip(results) {
        match r {
            Some(Ok(u)) => units.push(u),
            Some(Err(e)) => errors.push(e),
            None => errors.push(FileError {
                message: format!("{}: could not be read (internal error)", path.display()),
                path,
            }),
        }
    }
    Loaded {
        units,
        errors,
        skipped,
    }
}

/// The facts of one session; `today` decides what is overdue.
pub fn facts(path: &Path, s: &Session, today: NaiveDate) -> UnitFacts {
    let answer_set: Vec<StatusColumn> = s
        .template
        .answer_set
        .iter()
        .map(|a| StatusColumn {
            id: a.id.clone(),
            label: a.label.clone(),
            label_en: a.label_en.clone(),
        })
        .collect();
    let mut u = UnitFacts {
        path: path.to_owned(),
        unit: s.unit.name.trim().to_owned(),
        kind: s.unit.kind,
        template: s.template.id.clone(),
        date: s.meeting.date,
        by_status: vec![0; answer_set.len()],
        answer_set,
        answered: 0,
        total: 0,
        problems: 0,
        open: 0,
        overdue: 0,
        not_done: Vec::new(),
    };
    for (_, check) in s.template.checks() {
        u.total += 1;
        let Some(answer) = s.answer(&check.id) else {
            continue;
        };
        if let Some(status) = answer.status.as_deref() {
            u.answered += 1;
            if let Some(i) = u.answer_set.iter().position(|c| c.id == status) {
                u.by_status[i] += 1;
            }
            if status == NOT_DONE {
                u.not_done
                    .push((check.id.clone(), check.text.trim().to_owned()));
            }
        }
        if has_problem(answer) {
            u.problems += 1;
            let done = answer
                .rectification
                .as_ref()
                .is_some_and(|r| r.state == RectificationState::Done);
            if !done {
                u.open += 1;
                if answer.due.is_some_and(|d| d < today) {
                    u.overdue += 1;
                }
            }
        }
    }
    u
}

/// Rolls up sessions already in memory; `today` decides what is overdue.
pub fn summarize(sessions: &[(PathBuf, Session)], today: NaiveDate) -> Summary {
    let units: Vec<UnitFacts> = sessions.iter().map(|(p, s)| facts(p, s, today)).collect();
    combine(&units, today)
}

/// Rolls up the facts of many units: one row each, a total, and the 未落实 ranking.
pub fn combine(units: &[UnitFacts], today: NaiveDate) -> Summary {
    let mut statuses: Vec<StatusColumn> = default_answer_set()
        .into_iter()
        .map(|a| StatusColumn {
            id: a.id,
            label: a.label,
            label_en: a.label_en,
        })
        .collect();
    for u in units {
        for c in &u.answer_set {
            if !statuses.iter().any(|s| s.id == c.id) {
                statuses.push(c.clone());
            }
        }
    }
    let column: HashMap<&str, usize> = statuses
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();

    let mut total = Tally {
        by_status: vec![0; statuses.len()],
        ..Tally::default()
    };
    // check id -> (first met, text, count)
    let mut not_done: HashMap<&str, (usize, &str, usize)> = HashMap::new();
    let mut rows = Vec::with_capacity(units.len());
    for u in units {
        let mut t = Tally {
            answered: u.answered,
            total: u.total,
            by_status: vec![0; statuses.len()],
            problems: u.problems,
            open: u.open,
            overdue: u.overdue,
        };
        for (c, n) in u.answer_set.iter().zip(&u.by_status) {
            if let Some(&i) = column.get(c.id.as_str()) {
                t.by_status[i] += n;
            }
        }
        for (id, text) in &u.not_done {
            let next = not_done.len();
            not_done
                .entry(id.as_str())
                .or_insert((next, text.as_str(), 0))
                .2 += 1;
        }
        total.add(&t);
        rows.push(UnitRow {
            path: u.path.clone(),
            unit: u.unit.clone(),
            kind: u.kind,
            template: u.template.clone(),
            date: u.date,
            tally: t,
        });
    }
    let mut ranked: Vec<(&str, (usize, &str, usize))> = not_done.into_iter().collect();
    ranked.sort_by(|a, b| b.1.2.cmp(&a.1.2).then(a.1.0.cmp(&b.1.0)));
    let most_not_done = ranked
        .into_iter()
        .take(TOP)
        .map(|(check, (_, text, count))| NotDone {
            check: check.to_owned(),
            text: text.to_owned(),
            count,
        })
        .collect();
    Summary {
        today,
        statuses,
        units: rows,
        total,
        most_not_done,
    }
}

/// The words of the roll-up's table, CSV and workbook in one language. Status columns are not
/// here: they are the answer set's own labels ([`StatusColumn::label_in`]).
struct Labels {
    unit: &'static str,
    kind: &'static str,
    template: &'static str,
    date: &'static str,
    answered: &'static str,
    checks: &'static str,
    percent: &'static str,
    problems: &'static str,
    open: &'static str,
    overdue: &'static str,
    /// The first cell of the total row.
    total: &'static str,
    /// Above the ranking in the table; `{n}` is [`TOP`].
    top_heading: &'static str,
    /// A ranked check's count in the table; `{n}` is the number of units.
    times: &'static str,
    /// The ranking when nothing is 未落实.
    none: &'static str,
    /// Below the table when files failed; `{n}` is how many.
    unreadable: &'static str,
    units_sheet: &'static str,
    not_done_sheet: &'static str,
    rank: &'static str,
    check: &'static str,
    check_text: &'static str,
    not_done_units: &'static str,
}

const ZH: Labels = Labels {
    unit: "单位",
    kind: "类型",
    template: "检查表",
    date: "会议日期",
    answered: "已检查",
    checks: "总数",
    percent: "完成率%",
    problems: "问题",
    open: "未整改",
    overdue: "逾期",
    total: "合计",
    top_heading: "未落实次数最多的检查内容（前{n}项）：",
    times: "{n}次",
    none: "（无）",
    unreadable: "{n}个文件未能读取（见标准错误输出）。",
    units_sheet: "汇总",
    not_done_sheet: "未落实排行",
    rank: "序号",
    check: "检查项",
    check_text: "检查内容",
    not_done_units: "未落实单位数",
};

const EN: Labels = Labels {
    unit: "Unit",
    kind: "Kind",
    template: "Checklist",
    date: "Meeting date",
    answered: "Checked",
    checks: "Checks",
    percent: "Checked %",
    problems: "Problems",
    open: "Open",
    overdue: "Overdue",
    total: "Total",
    top_heading: "Checks most often not done (top {n}):",
    times: "{n}x",
    none: "(none)",
    unreadable: "{n} file(s) could not be read (see standard error).",
    units_sheet: "Summary",
    not_done_sheet: "Most often not done",
    rank: "No.",
    check: "Check",
    check_text: "Check text",
    not_done_units: "Units not done",
};

fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// `{n}` in `text` replaced by `n`.
fn with_n(text: &str, n: usize) -> String {
    text.replace("{n}", &n.to_string())
}

/// Header of the per-unit table, with one column per status.
fn header(summary: &Summary, lang: Lang) -> Vec<String> {
    let l = labels(lang);
    let mut h: Vec<String> = [
        l.unit, l.kind, l.template, l.date, l.answered, l.checks, l.percent,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    h.extend(summary.statuses.iter().map(|c| c.label_in(lang).to_owned()));
    h.extend(
        [l.problems, l.open, l.overdue]
            .iter()
            .map(|s| (*s).to_owned()),
    );
    h
}

/// One unit's cells (or the total row's, with `unit` = 合计 and no kind, checklist or date).
fn cells(
    unit: &str,
    kind: Option<UnitKind>,
    template: &str,
    date: Option<NaiveDate>,
    t: &Tally,
    lang: Lang,
) -> Vec<Cell> {
    let mut row = vec![
        Cell::from(unit),
        Cell::from(kind.map_or("", |k| k.label(lang.is_en()))),
        Cell::from(template),
        Cell::Date(date),
        t.answered.into(),
        t.total.into(),
        t.percent().into(),
    ];
    row.extend(t.by_status.iter().map(|&n| Cell::from(n)));
    row.extend([t.problems.into(), t.open.into(), t.overdue.into()]);
    row
}

fn all_rows(summary: &Summary, lang: Lang) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = summary
        .units
        .iter()
        .map(|u| cells(&u.unit, u.kind, &u.template, u.date, &u.tally, lang))
        .collect();
    rows.push(cells(
        labels(lang).total,
        None,
        "",
        None,
        &summary.total,
        lang,
    ));
    rows
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(t) => t.clone(),
        Cell::Number(n) => format!("{n}"),
        Cell::Date(d) => iso_date(*d),
    }
}

/// The roll-up as an aligned text table for a terminal, its words in `lang`. Every cell goes
/// through `sanitize::one_line`: unit names come from files and reach the terminal here.
pub fn render_table(summary: &Summary, loaded_errors: &[FileError], lang: Lang) -> String {
    let l = labels(lang);
    let head = header(summary, lang);
    let rows: Vec<Vec<(String, bool)>> = all_rows(summary, lang)
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| {
                    let numeric = matches!(c, Cell::Number(_));
                    (sanitize::one_line(&cell_text(c)).into_owned(), numeric)
                })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = head.iter().map(|h| wrap::width(h)).collect();
    for r in &rows {
        for (w, (c, _)) in widths.iter_mut().zip(r) {
            *w = (*w).max(wrap::width(c));
        }
    }
    // A unit's name may be long; the first column is capped so the table stays readable.
    widths[0] = widths[0].min(30);
    let mut out = String::new();
    let line = |cells: Vec<(String, bool)>, out: &mut String| {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|((c, numeric), &w)| {
                if *numeric {
                    let fill = w.saturating_sub(wrap::width(c));
                    format!("{}{c}", " ".repeat(fill))
                } else {
                    wrap::pad(c, w)
                }
            })
            .collect();
        let _ = writeln!(out, "{}", parts.join("  ").trim_end());
    };
    line(head.into_iter().map(|h| (h, false)).collect(), &mut out);
    let rule: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    let _ = writeln!(out, "{}", "-".repeat(rule));
    let n = rows.len();
    for (i, r) in rows.into_iter().enumerate() {
        if i + 1 == n {
            let _ = writeln!(out, "{}", "-".repeat(rule));
        }
        line(r, &mut out);
    }
    let _ = writeln!(out, "\n{}", with_n(l.top_heading, TOP));
    if summary.most_not_done.is_empty() {
        let _ = writeln!(out, "{}", l.none);
    }
    for (i, c) in summary.most_not_done.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>2}. {}  {}  {}",
            i + 1,
            with_n(l.times, c.count),
            sanitize::one_line(&c.check),
            sanitize::one_line(&c.text)
        );
    }
    if !loaded_errors.is_empty() {
        let _ = writeln!(out, "\n{}", with_n(l.unreadable, loaded_errors.len()));
    }
    out
}

fn tally_json(summary: &Summary, t: &Tally) -> serde_json::Value {
    let by_status: serde_json::Map<String, serde_json::Value> = summary
        .statuses
        .iter()
        .zip(&t.by_status)
        .map(|(c, n)| (c.id.clone(), json!(n)))
        .collect();
    json!({
        "answered": t.answered,
        "total": t.total,
        "percent": t.percent(),
        "by_status": by_status,
        "problems": t.problems,
        "open": t.open,
        "overdue": t.overdue,
    })
}

/// The roll-up as JSON, files that failed under `errors` and skipped conflict copies under
/// `skipped`, for other tools.
pub fn render_json(summary: &Summary, loaded: &Loaded) -> String {
    let units: Vec<serde_json::Value> = summary
        .units
        .iter()
        .map(|u| {
            let mut v = json!({
                "path": u.path,
                "unit": u.unit,
                "unit_kind": u.kind,
                "template": u.template,
                "date": u.date,
            });
            if let (Some(obj), serde_json::Value::Object(t)) =
                (v.as_object_mut(), tally_json(summary, &u.tally))
            {
                obj.extend(t);
            }
            v
        })
        .collect();
    let mut total = tally_json(summary, &summary.total);
    if let Some(obj) = total.as_object_mut() {
        obj.insert("units".into(), json!(summary.units.len()));
    }
    let value = json!({
        "today": summary.today,
        "statuses": summary.statuses.iter().map(|c| json!({"id": c.id, "label": c.label})).collect::<Vec<_>>(),
        "units": units,
        "total": total,
        "most_not_done": summary.most_not_done.iter().map(|c| json!({"check": c.check, "text": c.text, "count": c.count})).collect::<Vec<_>>(),
        "errors": loaded.errors.iter().map(|e| json!({"path": e.path, "error": e.message})).collect::<Vec<_>>(),
        "skipped": loaded.skipped,
    });
    // A `Value` of strings and numbers always serialises.
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The per-unit table with its total row as CSV (UTF-8 with BOM, for Excel), its header in
/// `lang`.
pub fn render_csv(summary: &Summary, lang: Lang) -> Result<String, BuildError> {
    let head = header(summary, lang);
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let rows = all_rows(summary, lang)
        .iter()
        .map(|r| r.iter().map(cell_text).collect())
        .collect::<Vec<Vec<String>>>();
    write_csv(&head, rows)
}

/// Sheet names of the roll-up workbook in Chinese, the default.
pub const UNITS_SHEET: &str = ZH.units_sheet;
pub const NOT_DONE_SHEET: &str = ZH.not_done_sheet;

/// Sheet names of the roll-up workbook in `lang`: the per-unit table, then the 未落实 ranking.
pub fn sheet_names(lang: Lang) -> [&'static str; 2] {
    let l = labels(lang);
    [l.units_sheet, l.not_done_sheet]
}

/// The roll-up as a workbook, its sheet names and headers in `lang`: the per-unit table with its
/// total, and the 未落实 ranking.
pub fn render_xlsx(summary: &Summary, lang: Lang) -> Result<Vec<u8>, BuildError> {
    let l = labels(lang);
    let head = header(summary, lang);
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut widths: Vec<f64> = vec![30.0, 10.0, 12.0, 12.0, 8.0, 8.0, 9.0];
    widths.extend(std::iter::repeat_n(9.0, summary.statuses.len() + 3));
    if lang.is_en() {
        // English unit kinds ("Party committee / government") and headers ("Not applicable") are
        // longer than the Chinese ones: widen the kind column and fit each column to its header
        // (Excel's unit is about one Latin letter).
        widths[1] = 28.0;
        for (w, h) in widths.iter_mut().zip(&head) {
            *w = w.max(f64::from(
                u16::try_from(wrap::width(h) + 2).unwrap_or(u16::MAX),
            ));
        }
    }
    let units = Sheet {
        name: l.units_sheet,
        header: &head,
        widths: &widths,
        rows: all_rows(summary, lang),
    };
    let ranking = Sheet {
        name: l.not_done_sheet,
        header: &[l.rank, l.check, l.check_text, l.not_done_units],
        widths: &[6.0, 14.0, 70.0, 14.0],
        rows: summary
            .most_not_done
            .iter()
            .enumerate()
            .map(|(i, c)| {
                vec![
                    (i + 1).into(),
                    c.check.as_str().into(),
                    c.text.as_str().into(),
                    c.count.into(),
                ]
            })
            .collect(),
    };
    super::xlsx::workbook(&[units, ranking])
}
