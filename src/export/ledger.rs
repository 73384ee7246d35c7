//! The two tables a meeting hands on besides its report: the 对照检查表 (one row per check) and
//! the 整改台账 (one row per recorded problem), and the ledger as CSV. The workbook export and the
//! CSV export take their rows from here, so their columns cannot drift apart.

use chrono::NaiveDate;

use crate::model::Session;

use super::report::{NOT_FILLED, item_title, section_title};
use super::{
    BuildError, iso_date, needs_rectification, rectification_label, status_label, unit_name,
};

/// Columns of the 对照检查表 sheet.
pub const CHECKLIST_HEADER: [&str; 11] = [
    "序号",
    "部分",
    "检查项目",
    "检查内容",
    "落实情况",
    "做法及成效",
    "存在问题",
    "原因剖析",
    "整改措施",
    "责任人",
    "完成时限",
];

/// Columns of the 整改台账, in the workbook and in the CSV alike: the columns an office's ledger
/// keeps (see [`LedgerRow`] for what each holds).
pub const LEDGER_HEADER: [&str; 12] = [
    "序号",
    "单位名称",
    "检查项序号",
    "问题来源（检查项）",
    "问题描述",
    "整改措施",
    "责任人",
    "责任领导",
    "完成时限",
    "整改进展",
    "销号日期",
    "备注",
];

/// One check of the 对照检查表, texts as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistRow {
    /// Running number over the whole checklist, as in the report's appendix.
    pub number: usize,
    /// `第一 深入对照检查…`.
    pub part: String,
    /// The item number and its quoted requirements.
    pub item: String,
    pub check: String,
    /// The status label, or 未检查.
    pub status: String,
    pub evidence: String,
    pub problems: String,
    pub causes: String,
    pub measures: String,
    pub owner: String,
    /// The day the deadline falls due.
    pub due: Option<NaiveDate>,
    /// 完成时限 as the meeting wrote it ([`crate::model::Answer::due_display`]).
    pub due_display: String,
    /// Whether `due_display` is just `due` as a date (a spreadsheet then stores a real date).
    pub due_is_plain_date: bool,
}

/// One problem of the 整改台账: one row of the ledger as an office keeps it. The roll-up across
/// units builds its combined ledger from these rows, so everything a row shows is here, already
/// in the words people read (display numbers, not ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    /// Running number over this unit's ledger (the roll-up renumbers).
    pub number: usize,
    /// 单位名称, or the stand-in that says it is missing.
    pub unit: String,
    /// The check's id in the template, for tools that look the answer up; never shown to
    /// people (they read `check_number`).
    pub check_id: String,
    /// The check's display number (`3.2`, `2.3.2` in the combined checklist).
    pub check_number: String,
    /// The check's text shortened for a table cell (see [`short_check_text`]).
    pub check_short: String,
    /// 问题描述: one problem. Where the meeting listed several numbered problems under one check
    /// (一是…二是…, 1. … 2. …) each gets its own row (see [`split_problems`]); a check marked
    /// 未落实 or 基本落实 without any problem text gets one row reading （未填写）.
    pub problem: String,
    /// 整改措施: the measure numbered like this problem when the measures list exactly as many
    /// numbered parts as the problems, else the whole text of the check's measures; （未填写）
    /// when empty.
    pub measures: String,
    /// 责任人 (or 责任单位) as recorded.
    pub owner: String,
    /// 责任领导 as recorded; empty for the office to fill in when the meeting named none.
    pub leader: String,
    /// 完成时限 as the meeting wrote it ([`Answer::due_display`]): 2024-03-31, 2027年3月底, 长期坚持.
    pub due_display: String,
    /// The day the deadline falls due (None for an ongoing deadline or none): overdue is
    /// measured against this.
    pub due: Option<NaiveDate>,
    /// Whether `due_display` is just `due` written as a date, so a spreadsheet may store a real
    /// date; otherwise the typed text is what the row shows.
    pub due_is_plain_date: bool,
    /// 未开始 / 整改中 / 已完成, empty when not recorded.
    pub progress: &'static str,
    /// 销号日期.
    pub closed_on: Option<NaiveDate>,
    /// 备注: the check's 落实情况, and what is missing (问题未填写, 措施未填写) so the gap shows.
    pub remarks: String,
}

/// Every check in reading order.
pub fn checklist(session: &Session) -> Vec<ChecklistRow> {
    let mut rows = Vec::new();
    for section in &session.template.sections {
        let part = section_title(section);
        for item in &section.items {
            let item_text = item_title(item);
            for check in &item.checks {
                let answer = session.answer(&check.id);
                let text = |pick: fn(&crate::model::Answer) -> &str| {
                    answer
                        .map(|a| pick(a).trim().to_owned())
                        .unwrap_or_default()
                };
                rows.push(ChecklistRow {
                    number: rows.len() + 1,
                    part: part.clone(),
                    item: item_text.clone(),
                    check: check.text.trim().to_owned(),
                    status: status_label(&session.template, answer).into_owned(),
                    evidence: text(|a| &a.evidence),
                    problems: text(|a| &a.problems),
                    causes: text(|a| &a.causes),
                    measures: text(|a| &a.measures),
                    owner: text(|a| &a.owner),
                    due: answer.and_then(|a| a.due),
                    due_display: answer
                        .map(crate::model::Answer::due_display)
                        .unwrap_or_default(),
                    due_is_plain_date: answer
                        .is_some_and(|a| a.due_text.trim().is_empty() && a.due.is_some()),
                });
            }
        }
    }
    rows
}

/// The 整改台账 of one session: one row per problem, in reading order.
///
/// A check is in the ledger when it records problem text or its status is 未落实 or 基本落实
/// ([`super::needs_rectification`]); a check with such a status and no text is not dropped but
/// listed with （未填写）, so the office sees the gap rather than a shorter ledger.
pub fn ledger(session: &Session) -> Vec<LedgerRow> {
    let unit = unit_name(session).trim().to_owned();
    let mut rows = Vec::new();
    for (pos, check) in session.template.checks() {
        let Some(answer) = session
            .answer(&check.id)
            .filter(|a| needs_rectification(&session.template, a))
        else {
            continue;
        };
        let problems = split_problems(&answer.problems);
        let measures = split_problems(&answer.measures);
        let whole_measures = answer.measures.trim();
        let status = status_label(&session.template, Some(answer));
        let problem_list: Vec<String> = if problems.is_empty() {
            vec![NOT_FILLED.to_owned()]
        } else {
            problems
        };
        let paired = measures.len() == problem_list.len() && measures.len() > 1;
        let count = problem_list.len();
        for (i, problem) in problem_list.into_iter().enumerate() {
            let measure = if paired {
                measures[i].clone()
            } else if whole_measures.is_empty() {
                NOT_FILLED.to_owned()
            } else {
                whole_measures.to_owned()
            };
            let mut remarks = vec![status.to_string()];
            if answer.problems.trim().is_empty() {
                remarks.push("问题未填写".to_owned());
            }
            if whole_measures.is_empty() {
                remarks.push("措施未填写".to_owned());
            }
            if count > 1 {
                remarks.push(format!("本项问题{}之{}", count, i + 1));
            }
            rows.push(LedgerRow {
                number: rows.len() + 1,
                unit: unit.clone(),
                check_id: check.id.clone(),
                check_number: session.template.display_number(pos),
                check_short: short_check_text(&check.text),
                problem,
                measures: measure,
                owner: answer.owner.trim().to_owned(),
                leader: answer.leader.trim().to_owned(),
                due_display: answer.due_display(),
                due: answer.due,
                due_is_plain_date: answer.due_text.trim().is_empty() && answer.due.is_some(),
                progress: rectification_label(answer),
                closed_on: answer.rectification.as_ref().and_then(|r| r.closed_on),
                remarks: remarks.join("；"),
            });
        }
    }
    rows
}

/// A check's clause shortened to a heading: the subject before the notice's 对照检查 and its
/// 检查…情况 frame are dropped (every check has them), the first clause is kept when it says
/// enough on its own (at least [`SHORT_CLAUSE_MIN`] characters), and text past
/// [`SHORT_CHECK_CHARS`] characters ends in `…`. The display number next to it finds the full
/// text.
pub fn short_check_text(text: &str) -> String {
    let t = text.trim();
    let t = match t.find("对照检查") {
        Some(i) if t[..i].chars().count() <= 30 => &t[i + "对照检查".len()..],
        _ => t.strip_prefix("检查").unwrap_or(t),
    };
    let t = t.strip_prefix("是否存在").unwrap_or(t);
    // A leading 在…内 / 在…中 says where, not what: the next clause heads the check.
    let t = match t.split_once('，') {
        Some((first, rest))
            if first.starts_with('在') && first.ends_with(['内', '中']) && !rest.is_empty() =>
        {
            rest
        }
        _ => t,
    };
    let t = match t.find(['，', '；', ',']) {
        Some(i) if t[..i].chars().count() >= SHORT_CLAUSE_MIN => &t[..i],
        _ => t,
    };
    let t = t.trim_end_matches(['。', '；', '，']);
    let t = t
        .strip_suffix("的情况")
        .or_else(|| t.strip_suffix("情况"))
        .unwrap_or(t);
    if t.chars().count() <= SHORT_CHECK_CHARS {
        t.to_owned()
    } else {
        let mut s: String = t.chars().take(SHORT_CHECK_CHARS - 1).collect();
        s.push('…');
        // A cut inside 《…》, “…” or （…） closes the pair, so no bracket is left open.
        for (open, close) in [('“', '”'), ('（', '）'), ('《', '》')] {
            if s.matches(open).count() > s.matches(close).count() {
                s.push(close);
            }
        }
        s
    }
}

/// How many characters [`short_check_text`] keeps at most (and a closing bracket where the cut
/// falls inside a pair).
pub const SHORT_CHECK_CHARS: usize = 24;
/// A first clause shorter than this is not a heading on its own (`检查企业，…`).
pub const SHORT_CLAUSE_MIN: usize = 6;

/// Splits text that lists numbered parts into those parts, each as written (its number kept,
/// trailing `；` `;` `，` dropped). Recognised, as meetings write them:
/// - lines that start with `1.` `1、` `1．` `（1）` `(1)` `①`, numbered 1, 2, 3… in order
///   (lines without a number continue the part above);
/// - 一是… 二是… 三是… inside one paragraph, in order;
/// - `1.` `1、` `（1）` inside one paragraph, after `；` `。` or `;`, numbered 1, 2, 3… in order.
///
/// Text without at least two such parts in order is one part, so a sentence that merely
/// contains 一是 or a decimal is never cut. Empty text gives no parts.
pub fn split_problems(text: &str) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let cuts = numbered_cuts(text);
    if cuts.len() < 2 {
        return vec![text.to_owned()];
    }
    let mut parts = Vec::new();
    let head = text[..cuts[0]].trim();
    for (k, &start) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).copied().unwrap_or(text.len());
        let mut part = text[start..end]
            .trim()
            .trim_end_matches(['；', ';', '，', ','])
            .trim()
            .to_owned();
        // A lead-in before the first number ("主要问题：") belongs to the first part.
        if k == 0 && !head.is_empty() {
            part = format!("{head}{part}");
        }
        parts.push(part);
    }
    parts
}

const CN_ORDINALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const CIRCLED: [char; 10] = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩'];

/// The byte offsets where parts numbered 1, 2, 3… start, by the first rule that finds at least
/// two in order.
fn numbered_cuts(text: &str) -> Vec<usize> {
    // Numbered lines.
    let mut cuts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        if let Some(n) = leading_number(line.trim_start())
            && n == cuts.len() + 1
        {
            cuts.push(offset + lead);
        }
        offset += line.len();
    }
    if cuts.len() >= 2 {
        return cuts;
    }
    // 一是 二是 …
    let mut cuts = Vec::new();
    let mut from = 0;
    for ordinal in CN_ORDINALS {
        let marker = format!("{ordinal}是");
        let found = text[from..]
            .match_indices(&marker)
            .map(|(i, _)| from + i)
            .find(|&at| at_break(text, at));
        match found {
            Some(at) => {
                cuts.push(at);
                from = at + marker.len();
            }
            None => break,
        }
    }
    if cuts.len() >= 2 {
        return cuts;
    }
    // 1. 2. after a sentence break.
    let mut cuts = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let want = cuts.len() + 1;
        let found = text[from..].char_indices().find_map(|(i, _)| {
            let at = from + i;
            (at_break(text, at) && leading_number(&text[at..]) == Some(want)).then_some(at)
        });
        match found {
            Some(at) => {
                cuts.push(at);
                from = at + text[at..].chars().next().map_or(1, char::len_utf8);
            }
            None => break,
        }
    }
    cuts
}

/// Whether a numbered part may start at byte `at`: at the start, or after a sentence or clause
/// break (so 统一是 or 第12.3条 is not taken for a number).
fn at_break(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| {
        c.is_whitespace() || matches!(c, '；' | '。' | ';' | '：' | ':' | '，' | ',')
    })
}

/// The number a part starts with: `1.` `1、` `1．` `（1）` `(1)` `①`; a digit followed by
/// another digit or a plain `.` then a digit (a decimal, a date) is no number.
fn leading_number(s: &str) -> Option<usize> {
    let mut chars = s.chars();
    let first = chars.next()?;
    if let Some(i) = CIRCLED.iter().position(|&c| c == first) {
        return Some(i + 1);
    }
    let (inner, close): (&str, &[char]) = match first {
        '（' | '(' => (&s[first.len_utf8()..], &['）', ')']),
        _ => (s, &['.', '．', '、']),
    };
    let digits: String = inner.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let rest = &inner[digits.len()..];
    let next = rest.chars().next()?;
    if !close.contains(&next) {
        return None;
    }
    if next == '.' && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The 整改台账 as CSV: UTF-8 with a byte-order mark (without it Excel reads Chinese as
/// mojibake), CRLF line ends, dates as YYYY-MM-DD, 完成时限 as the meeting wrote it.
pub fn render_csv(session: &Session) -> Result<String, BuildError> {
    let rows = ledger(session).into_iter().map(|r| {
        vec![
            r.number.to_string(),
            r.unit,
            r.check_number,
            r.check_short,
            r.problem,
            r.measures,
            r.owner,
            r.leader,
            r.due_display,
            r.progress.to_owned(),
            iso_date(r.closed_on),
            r.remarks,
        ]
    });
    write_csv(&LEDGER_HEADER, rows)
}

/// Writes a header and rows as CSV with a byte-order mark. Cells that a spreadsheet would run
/// as a formula are defused (see [`defuse`]).
pub fn write_csv(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<String, BuildError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(header)?;
    for row in rows {
        let cells: Vec<std::borrow::Cow<'_, str>> = row.iter().map(|c| defuse(c)).collect();
        w.write_record(cells.iter().map(|c| c.as_bytes()))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| BuildError::Csv(e.into_error().into()))?;
    let mut text = String::from('\u{FEFF}');
    // Every cell came from a `str`, so the bytes are UTF-8; a lossy conversion never loses here.
    text.push_str(&String::from_utf8_lossy(&bytes));
    Ok(text)
}

/// A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel and
/// WPS as a formula ("CSV injection"); such a cell gets a leading `'`, which they show as text.
/// A session file travels between units, so its text is not trusted to be harmless.
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_lines_split_into_problems() {
        assert_eq!(
            split_problems("1.制度不健全；\n2、培训不到位\n  仍有缺口\n（3）台账缺失。"),
            vec![
                "1.制度不健全",
                "2、培训不到位\n  仍有缺口",
                "（3）台账缺失。"
            ]
        );
    }

    #[test]
    fn ordinal_phrases_split_inside_a_paragraph() {
        assert_eq!(
            split_problems("主要问题：一是制度不健全；二是培训不到位；三是台账缺失。"),
            vec![
                "主要问题：一是制度不健全",
                "二是培训不到位",
                "三是台账缺失。"
            ]
        );
    }

    #[test]
    fn inline_numbers_after_a_break_split() {
        assert_eq!(
            split_problems("1.制度不健全；2.培训投入3.5万元不足。"),
            vec!["1.制度不健全", "2.培训投入3.5万元不足。"]
        );
    }

    #[test]
    fn text_that_only_looks_numbered_is_one_problem() {
        for text in [
            "执法检查频次不足，覆盖率低",
            "一是制度不健全",
            "2024.3月前完成1.5万元投入",
            "统一是关键；二是其次",
            "2.培训不到位；1.制度不健全",
        ] {
            assert_eq!(split_problems(text), vec![text.to_owned()], "{text}");
        }
        assert!(split_problems("  \n ").is_empty());
    }

    #[test]
    fn short_check_text_drops_the_frame_and_ends_in_an_ellipsis() {
        assert_eq!(
            short_check_text("检查督促企业抓好隐患整改治理情况"),
            "督促企业抓好隐患整改治理"
        );
        assert_eq!(
            short_check_text("检查结合实际制定并落实《党政领导干部安全生产工作职责》情况"),
            "结合实际制定并落实《党政领导干部安全生产工作职…》"
        );
        let long = short_check_text(&"检查".repeat(40));
        assert_eq!(long.chars().count(), SHORT_CHECK_CHARS);
        assert!(long.ends_with('…'));
    }
}
