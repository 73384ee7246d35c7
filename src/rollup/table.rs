//! The roll-up as text: the table for a terminal (comfy-table, which measures Chinese as two
//! columns), the per-unit CSV, the combined 整改台账 CSV (`--ledger`) and the long table of every
//! answer (`--answers csv|ndjson`) for pandas, `DuckDB` or Power Query.

use std::fmt::Write as _;

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets};

use crate::export::ledger::write_csv;
use crate::export::{BuildError, iso_date};
use crate::i18n::{Lang, fill};
use crate::model::session::RectificationState;
use crate::text::sanitize;

use super::TOP;
use super::file_name;
use super::group::{Rollup, UnitRow};
use super::labels::{cut, detail_text, field_label, flag_place, labels, rule_label, with_n};

/// A unit name is cut to this many columns in the text table.
const NAME_COLUMNS: usize = 24;
/// A checklist title is cut to this many columns in the text table.
const TEMPLATE_COLUMNS: usize = 18;
/// The check text in the combined ledger is cut to this many columns.
pub const SHORT_CHECK_COLUMNS: usize = 40;

/// The unit's kind in words; a unit on the combined checklist without a kind is 综合.
pub fn kind_label(u: &UnitRow, lang: Lang) -> &'static str {
    match u.facts.kind {
        Some(k) => crate::i18n::unit_kind(k, lang),
        None if u.facts.template == "full" => labels(lang).full_kind,
        None => "",
    }
}

/// The checklist's title in `lang` (not its id).
pub fn template_label(u: &UnitRow, lang: Lang) -> &str {
    match (&u.facts.template_title_en, lang) {
        (Some(t), Lang::En) if !t.trim().is_empty() => t,
        _ if u.facts.template_title.is_empty() => &u.facts.template,
        _ => &u.facts.template_title,
    }
}

/// Header of the per-unit table, with one column per status.
pub fn header(rollup: &Rollup, lang: Lang) -> Vec<String> {
    let l = labels(lang);
    let mut h: Vec<String> = [
        l.unit, l.kind, l.template, l.date, l.answered, l.checks, l.percent,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    h.extend(rollup.statuses.iter().map(|c| c.label_in(lang).to_owned()));
    h.extend(
        [
            l.problems,
            l.open,
            l.overdue,
            l.repeats,
            l.carried_open,
            l.carried_overdue,
            l.flags,
            l.signed,
            l.code,
        ]
        .iter()
        .map(|s| (*s).to_owned()),
    );
    h
}

/// 签字确认 of a unit in words: who signed (主持人 张三、主要负责人 李四), 未签字, or that the
/// record was changed after it was signed.
pub fn signing_label(u: &UnitRow, lang: Lang) -> String {
    let l = labels(lang);
    let s = &u.facts.signing;
    if s.signers.is_empty() {
        return l.unsigned.to_owned();
    }
    let names: Vec<String> = s
        .signers
        .iter()
        .map(|(role, name)| format!("{} {name}", crate::i18n::role_label(*role, lang)))
        .collect();
    let names = names.join(l.list_sep);
    if s.altered {
        fill(
            l.signers_altered,
            &[("names", &names), ("altered", &l.altered)],
        )
    } else {
        names
    }
}

/// A cell of the per-unit table: text, or a number aligned right.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(usize),
    Date(Option<chrono::NaiveDate>),
}

impl Value {
    pub fn text(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => iso_date(*d),
        }
    }
}

/// The counted units' rows and the 合计 row (last).
pub fn rows(rollup: &Rollup, lang: Lang) -> Vec<Vec<Value>> {
    let mut out: Vec<Vec<Value>> = rollup
        .units
        .iter()
        .map(|u| {
            let mut r = vec![
                Value::Text(u.name(lang).to_owned()),
                Value::Text(kind_label(u, lang).to_owned()),
                Value::Text(template_label(u, lang).to_owned()),
                Value::Date(u.facts.date),
            ];
            r.extend(counts(&u.tally));
            r.push(Value::Text(signing_label(u, lang)));
            r.push(Value::Text(
                u.facts.signing.code.clone().unwrap_or_default(),
            ));
            r
        })
        .collect();
    let mut total = vec![
        Value::Text(labels(lang).total.to_owned()),
        Value::Text(String::new()),
        Value::Text(String::new()),
        Value::Date(None),
    ];
    total.extend(counts(&rollup.total));
    total.extend([Value::Text(String::new()), Value::Text(String::new())]);
    out.push(total);
    out
}

fn counts(t: &super::Tally) -> Vec<Value> {
    let mut r = vec![
        Value::Number(t.answered),
        Value::Number(t.total),
        Value::Number(t.percent()),
    ];
    r.extend(t.by_status.iter().map(|&n| Value::Number(n)));
    r.extend([
        Value::Number(t.problems),
        Value::Number(t.open),
        Value::Number(t.overdue),
        Value::Number(t.repeats),
        Value::Number(t.carried_open),
        Value::Number(t.carried_overdue),
        Value::Number(t.flags),
    ]);
    r
}

/// The roll-up as text for a terminal, its words in `lang`; `ascii` draws the table with ASCII
/// only; `width`, the terminal's, makes the table wrap its cells to fit (a file or a pipe gets
/// one line per row). Every cell goes through `sanitize::one_line`: names come from files.
// One function, top to bottom as the text reads.
#[allow(clippy::too_many_lines)]
pub fn render_table(rollup: &Rollup, lang: Lang, ascii: bool, width: Option<u16>) -> String {
    let l = labels(lang);
    let mut out = String::new();
    let title = fill(
        l.dated_title,
        &[
            ("what", &l.title),
            ("label", &l.as_of),
            ("date", &rollup.as_of.format("%Y-%m-%d")),
        ],
    );
    let _ = writeln!(out, "{title}");
    let mut table = Table::new();
    table
        .load_preset(if ascii {
            presets::ASCII_FULL_CONDENSED
        } else {
            presets::UTF8_FULL_CONDENSED
        })
        .set_header(header(rollup, lang));
    match width {
        Some(w) => {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(w);
            // Headers may wrap; a unit's name keeps room for five characters.
            if let Some(c) = table.column_mut(0) {
                c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(10)));
            }
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    for row in rows(rollup, lang) {
        table.add_row(row.iter().enumerate().map(|(i, v)| {
            let text = sanitize::one_line(&v.text()).into_owned();
            let text = match i {
                0 => cut(&text, NAME_COLUMNS),
                2 => cut(&text, TEMPLATE_COLUMNS),
                _ => text,
            };
            let cell = comfy_table::Cell::new(text);
            if matches!(v, Value::Number(_)) {
                cell.set_alignment(CellAlignment::Right)
            } else {
                cell
            }
        }));
    }
    let _ = writeln!(out, "{table}");

    let _ = writeln!(out, "\n{}", with_n(l.top_heading, TOP));
    if rollup.most_not_done.is_empty() {
        let _ = writeln!(out, "{}", l.none);
    }
    for (i, c) in rollup.most_not_done.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>2}. {}  {} {}  {}",
            i + 1,
            with_n(l.times, c.count),
            sanitize::one_line(&cut(&c.template_title, TEMPLATE_COLUMNS)),
            c.number,
            sanitize::one_line(&cut(&c.text, 60))
        );
    }

    let _ = writeln!(out, "\n{}{}", l.flags_heading, rollup.flags.len());
    for f in &rollup.flags {
        let u = &rollup.units[f.unit];
        let mut line = fill(
            l.flag_line,
            &[
                ("unit", &cut(u.name(lang), NAME_COLUMNS)),
                ("place", &flag_place(rollup.flag_check(f), lang)),
                ("rule", &rule_label(f.rule, lang)),
                ("id", &f.rule.id()),
            ],
        );
        let detail = detail_text(rollup, f, lang);
        if !detail.is_empty() {
            line.push_str(&fill(l.flag_detail, &[("detail", &detail)]));
        }
        let text = rollup.flag_text(f);
        if !text.is_empty() {
            let field = f.field.map(|x| field_label(x, lang)).unwrap_or_default();
            line.push_str(&fill(
                l.flag_text,
                &[("field", &field), ("text", &cut(&text, 60))],
            ));
        }
        let _ = writeln!(out, "{}", sanitize::one_line(&line));
    }

    if !rollup.superseded.is_empty() {
        let _ = writeln!(out, "\n{}", l.superseded_heading);
        for s in &rollup.superseded {
            let line = format!(
                "- {}  {}  {}  {}",
                file_name(&s.path),
                s.unit,
                iso_date(s.date),
                l.superseded_by.replace("{file}", &file_name(&s.by))
            );
            let _ = writeln!(out, "{}", sanitize::one_line(&line));
        }
    }
    if !rollup.errors.is_empty() || !rollup.conflict_copies.is_empty() {
        let _ = writeln!(out, "\n{}", l.unreadable_heading);
        for e in &rollup.errors {
            let _ = writeln!(out, "- {}", sanitize::one_line(&e.reason(lang)));
        }
        for p in &rollup.conflict_copies {
            let line = fill(
                l.conflict_line,
                &[("path", &p.display()), ("what", &l.conflict_copy)],
            );
            let _ = writeln!(out, "{}", sanitize::one_line(&line));
        }
    }
    out
}

/// The per-unit table as CSV (UTF-8 with BOM, for Excel): the counted units, the 合计 row, then
/// the superseded sessions and the unreadable files, each with what happened to it; every row
/// carries the as-of date.
pub fn render_csv(rollup: &Rollup, lang: Lang) -> Result<String, BuildError> {
    let l = labels(lang);
    let mut head = header(rollup, lang);
    head.extend([l.status, l.file, l.as_of, l.reason].map(str::to_owned));
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let as_of = rollup.as_of.format("%Y-%m-%d").to_string();
    let width = head.len();
    let mut out: Vec<Vec<String>> = Vec::new();
    let all = rows(rollup, lang);
    let n = all.len();
    for (i, r) in all.into_iter().enumerate() {
        let mut cells: Vec<String> = r.iter().map(Value::text).collect();
        let file = rollup
            .units
            .get(i)
            .map(|u| u.facts.path.display().to_string())
            .unwrap_or_default();
        let status = if i + 1 == n { "" } else { l.counted };
        cells.extend([status.to_owned(), file, as_of.clone(), String::new()]);
        out.push(cells);
    }
    let blank_row = |unit: &str, status: &str, file: String, reason: String| {
        let mut cells = vec![String::new(); width];
        unit.clone_into(&mut cells[0]);
        status.clone_into(&mut cells[width - 4]);
        cells[width - 3] = file;
        cells[width - 2].clone_from(&as_of);
        cells[width - 1] = reason;
        cells
    };
    for s in &rollup.superseded {
        out.push(blank_row(
            &s.unit,
            l.superseded,
            s.path.display().to_string(),
            l.superseded_by
                .replace("{file}", &s.by.display().to_string()),
        ));
    }
    for e in &rollup.errors {
        out.push(blank_row(
            "",
            l.unreadable,
            e.path.display().to_string(),
            e.reason(lang),
        ));
    }
    for p in &rollup.conflict_copies {
        out.push(blank_row(
            "",
            l.not_counted,
            p.display().to_string(),
            l.conflict_copy.to_owned(),
        ));
    }
    write_csv(&head, out)
}

/// Header of the combined 整改台账, in the workbook and the CSV alike.
pub fn ledger_header(lang: Lang) -> Vec<&'static str> {
    let l = labels(lang);
    vec![
        l.rank,
        l.unit,
        l.check,
        l.check_text,
        l.problem,
        l.measures,
        l.owner,
        l.due,
        l.progress,
        l.closed_on,
        l.overdue_days,
        l.follow_up,
    ]
}

/// The combined 整改台账 (`--ledger`): every problem of every unit, overdue first; the as-of date
/// is in the last column's header.
pub fn render_ledger_csv(rollup: &Rollup, lang: Lang) -> Result<String, BuildError> {
    let mut head: Vec<String> = ledger_header(lang).into_iter().map(str::to_owned).collect();
    head.push(labels(lang).as_of.to_owned());
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let as_of = rollup.as_of.format("%Y-%m-%d").to_string();
    let rows = rollup.ledger.iter().enumerate().map(|(i, r)| {
        let e = &r.entry;
        vec![
            (i + 1).to_string(),
            rollup.units[r.unit].name(lang).to_owned(),
            e.number.clone(),
            cut(&e.check_text, SHORT_CHECK_COLUMNS),
            e.problem.clone(),
            e.measures.clone(),
            e.owner.clone(),
            e.due_text.clone(),
            e.progress.to_owned(),
            iso_date(e.closed_on),
            e.overdue_days.map(|d| d.to_string()).unwrap_or_default(),
            e.follow_up(lang),
            as_of.clone(),
        ]
    });
    write_csv(&head, rows)
}

/// Columns of the long table of answers; the same in both languages, as JSON keys are.
pub const ANSWER_COLUMNS: [&str; 22] = [
    "unit",
    "unit_key",
    "path",
    "date",
    "template",
    "check_id",
    "number",
    "check_text",
    "status",
    "status_label",
    "evidence",
    "problems",
    "causes",
    "measures",
    "owner",
    "due",
    "due_text",
    "progress",
    "closed_on",
    "overdue_days",
    "as_of",
    "repeat",
];

fn progress_id(p: Option<RectificationState>) -> &'static str {
    match p {
        None => "",
        Some(RectificationState::NotStarted) => "not_started",
        Some(RectificationState::InProgress) => "in_progress",
        Some(RectificationState::Done) => "done",
    }
}

/// Every check of every counted unit, one row each, in [`ANSWER_COLUMNS`] order. Dates are
/// YYYY-MM-DD; empty text for a missing value.
fn answer_rows(rollup: &Rollup) -> impl Iterator<Item = Vec<String>> + '_ {
    let as_of = rollup.as_of.format("%Y-%m-%d").to_string();
    rollup.units.iter().flat_map(move |u| {
        let as_of = as_of.clone();
        u.facts.checked().map(move |(c, a)| {
            let label = a
                .status
                .as_deref()
                .and_then(|s| u.facts.answer_set.iter().find(|c| c.id == s))
                .map(|c| c.label.clone())
                .unwrap_or_default();
            vec![
                u.facts.unit.clone(),
                u.key.clone(),
                u.facts.path.display().to_string(),
                iso_date(u.facts.date),
                u.facts.template.clone(),
                c.id.clone(),
                c.number.clone(),
                c.text.clone(),
                a.status.clone().unwrap_or_default(),
                label,
                a.evidence.clone(),
                a.problems.clone(),
                a.causes.clone(),
                a.measures.clone(),
                a.owner.clone(),
                iso_date(a.due),
                a.due_text.clone(),
                progress_id(a.progress).to_owned(),
                iso_date(a.closed_on),
                a.overdue_days(rollup.as_of)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                as_of.clone(),
                a.repeat.to_string(),
            ]
        })
    })
}

/// The long table of answers as CSV (UTF-8 with BOM, CRLF).
pub fn render_answers_csv(rollup: &Rollup) -> Result<String, BuildError> {
    write_csv(&ANSWER_COLUMNS, answer_rows(rollup))
}

/// The long table of answers as NDJSON: one object per line, keys as [`ANSWER_COLUMNS`];
/// `overdue_days` a number or null, missing dates null.
pub fn render_answers_ndjson(rollup: &Rollup) -> String {
    let mut out = String::new();
    for row in answer_rows(rollup) {
        let mut obj = serde_json::Map::with_capacity(row.len());
        for (key, value) in ANSWER_COLUMNS.iter().zip(row) {
            let v = match *key {
                "overdue_days" => value
                    .parse::<i64>()
                    .map_or(serde_json::Value::Null, Into::into),
                "date" | "due" | "closed_on" | "status" | "progress" if value.is_empty() => {
                    serde_json::Value::Null
                }
                "repeat" => (value == "true").into(),
                _ => value.into(),
            };
            obj.insert((*key).to_owned(), v);
        }
        // A map of strings, numbers and nulls always serialises.
        out.push_str(&serde_json::to_string(&obj).unwrap_or_default());
        out.push('\n');
    }
    out
}
