//! The words of the roll-up's outputs in the interface language (Chinese first, English with
//! `--lang en`). Status columns are not here: they are the answer set's own labels. JSON keys
//! and the columns of the long table of answers do not change with the language.

use crate::i18n::Lang;

use super::flags::{Flag, FlagDetail, Rule, TextField};
use super::group::Rollup;

/// The words of one language.
pub struct Labels {
    pub unit: &'static str,
    pub kind: &'static str,
    pub template: &'static str,
    pub date: &'static str,
    pub answered: &'static str,
    pub checks: &'static str,
    pub percent: &'static str,
    pub problems: &'static str,
    pub open: &'static str,
    pub overdue: &'static str,
    pub flags: &'static str,
    pub total: &'static str,
    pub as_of: &'static str,
    pub title: &'static str,
    pub top_heading: &'static str,
    pub times: &'static str,
    pub none: &'static str,
    pub units_sheet: &'static str,
    pub not_done_sheet: &'static str,
    pub ledger_sheet: &'static str,
    pub flags_sheet: &'static str,
    pub not_counted_sheet: &'static str,
    pub rank: &'static str,
    pub check: &'static str,
    pub check_text: &'static str,
    pub not_done_units: &'static str,
    pub file: &'static str,
    pub reason: &'static str,
    pub superseded_heading: &'static str,
    pub superseded_by: &'static str,
    pub unreadable_heading: &'static str,
    pub conflict_copy: &'static str,
    pub not_counted_note: &'static str,
    pub flags_heading: &'static str,
    pub rule: &'static str,
    pub rule_id: &'static str,
    pub text: &'static str,
    pub evidence: &'static str,
    pub ledger_title: &'static str,
    pub problem: &'static str,
    pub measures: &'static str,
    pub owner: &'static str,
    pub due: &'static str,
    pub progress: &'static str,
    pub closed_on: &'static str,
    pub overdue_days: &'static str,
    pub status: &'static str,
    pub counted: &'static str,
    pub superseded: &'static str,
    pub unreadable: &'static str,
    pub not_counted: &'static str,
    pub full_kind: &'static str,
    pub page_footer: &'static str,
    pub repeats: &'static str,
    pub carried_open: &'static str,
    pub carried_overdue: &'static str,
    pub signed: &'static str,
    pub code: &'static str,
    pub unsigned: &'static str,
    pub altered: &'static str,
    pub follow_up: &'static str,
    pub carried: &'static str,
    pub repeat: &'static str,
}

pub const ZH: Labels = Labels {
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
    flags: "敷衍应付标记",
    total: "合计",
    as_of: "统计截止日期",
    title: "对照检查汇总",
    top_heading: "未落实次数最多的检查内容（前{n}项）：",
    times: "{n}次",
    none: "（无）",
    units_sheet: "汇总",
    not_done_sheet: "未落实排行",
    ledger_sheet: "整改台账",
    flags_sheet: "敷衍应付",
    not_counted_sheet: "未计入",
    rank: "序号",
    check: "检查项",
    check_text: "检查内容",
    not_done_units: "未落实单位数",
    file: "文件",
    reason: "原因",
    superseded_heading: "被较新记录取代、未计入的记录：",
    superseded_by: "已被 {file} 取代",
    unreadable_heading: "未能读取或未计入的文件：",
    conflict_copy: "冲突副本（请先在原记录中处理）",
    not_counted_note: "另有 {s} 份记录被较新记录取代、{e} 个文件未能读取，未计入合计（见“未计入”表）。",
    flags_heading: "敷衍应付标记：",
    rule: "情形",
    rule_id: "规则编号",
    text: "原文",
    evidence: "说明",
    ledger_title: "整改台账（各单位汇总）",
    problem: "问题",
    measures: "整改措施",
    owner: "责任人",
    due: "完成时限",
    progress: "整改进展",
    closed_on: "销号日期",
    overdue_days: "逾期天数",
    status: "计入情况",
    counted: "计入",
    superseded: "已被取代",
    unreadable: "未能读取",
    not_counted: "未计入",
    full_kind: "综合",
    page_footer: "第 &P 页，共 &N 页",
    repeats: "反复出现",
    carried_open: "上次遗留未完成",
    carried_overdue: "上次遗留逾期",
    signed: "签字确认",
    code: "校验码",
    unsigned: "未签字",
    altered: "签字后被改动",
    follow_up: "跟踪情况",
    carried: "上次遗留",
    repeat: "反复出现",
};

pub const EN: Labels = Labels {
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
    flags: "Flags",
    total: "Total",
    as_of: "As of",
    title: "Self-check roll-up",
    top_heading: "Checks most often not done (top {n}):",
    times: "{n}x",
    none: "(none)",
    units_sheet: "Summary",
    not_done_sheet: "Most often not done",
    ledger_sheet: "Rectification ledger",
    flags_sheet: "Flags",
    not_counted_sheet: "Not counted",
    rank: "No.",
    check: "Check",
    check_text: "Check text",
    not_done_units: "Units not done",
    file: "File",
    reason: "Reason",
    superseded_heading: "Superseded by a later session, not counted:",
    superseded_by: "superseded by {file}",
    unreadable_heading: "Not read or not counted:",
    conflict_copy: "conflict copy (resolve it in its session first)",
    not_counted_note: "{s} superseded session(s) and {e} unreadable file(s) are not in the total (see the sheet Not counted).",
    flags_heading: "Flags (perfunctory records):",
    rule: "Finding",
    rule_id: "Rule id",
    text: "Text",
    evidence: "Detail",
    ledger_title: "Rectification ledger (all units)",
    problem: "Problem",
    measures: "Measures",
    owner: "Owner",
    due: "Due",
    progress: "Progress",
    closed_on: "Closed on",
    overdue_days: "Days overdue",
    status: "Counted",
    counted: "counted",
    superseded: "superseded",
    unreadable: "unreadable",
    not_counted: "not counted",
    full_kind: "combined",
    page_footer: "Page &P of &N",
    repeats: "Repeat findings",
    carried_open: "Carried over open",
    carried_overdue: "Carried over overdue",
    signed: "Signed",
    code: "Check code",
    unsigned: "not signed",
    altered: "changed after signing",
    follow_up: "Follow-up",
    carried: "Carried over",
    repeat: "Repeat finding",
};

pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// `{n}` in `text` replaced by `n`.
pub fn with_n(text: &str, n: usize) -> String {
    text.replace("{n}", &n.to_string())
}

/// A rule's name as the office says it.
pub fn rule_label(rule: Rule, lang: Lang) -> &'static str {
    match (rule, lang.is_en()) {
        (Rule::Unfinished, false) => "检查未完成",
        (Rule::AllDoneNoProblem, false) => "全部“已落实”且未查摆问题",
        (Rule::EvidenceMissing, false) => "“已落实”无做法及成效",
        (Rule::MeasureIncomplete, false) => "整改措施、责任人或完成时限缺失",
        (Rule::Overdue, false) => "逾期未完成整改",
        (Rule::TooShort, false) => "内容过于简单",
        (Rule::CopiedWithinUnit, false) => "本单位多处内容雷同",
        (Rule::CopiedAcrossUnits, false) => "与其他单位内容雷同",
        (Rule::Unfinished, true) => "Checks not answered",
        (Rule::AllDoneNoProblem, true) => "Everything done, no problem found",
        (Rule::EvidenceMissing, true) => "Done without evidence",
        (Rule::MeasureIncomplete, true) => "Measure, owner or deadline missing",
        (Rule::Overdue, true) => "Measure overdue",
        (Rule::TooShort, true) => "Too short to say anything",
        (Rule::CopiedWithinUnit, true) => "Same text in several checks",
        (Rule::CopiedAcrossUnits, true) => "Same text as another unit",
    }
}

/// What the office expects of a unit when a rule is raised: the feedback's requirement.
pub fn rule_expectation(rule: Rule, lang: Lang) -> &'static str {
    match (rule, lang.is_en()) {
        (Rule::Unfinished, false) => "逐项对照检查表完成全部检查内容，不得漏项。",
        (Rule::AllDoneNoProblem, false) => {
            "对照检查要真正查摆问题不足、短板差距，不能以“已落实”一笔带过；请重新逐项对照，如实查摆问题。"
        }
        (Rule::EvidenceMissing, false) => {
            "标为“已落实”的，应写明具体做法及成效（制度文件、会议、检查次数、成效数据等佐证）。"
        }
        (Rule::MeasureIncomplete, false) => {
            "未落实、基本落实的，应逐项明确整改措施、责任人和完成时限，纳入整改台账。"
        }
        (Rule::Overdue, false) => {
            "已过完成时限仍未整改完成的，请说明原因，加快整改，完成后及时销号。"
        }
        (Rule::TooShort, false) => "请结合本单位实际具体写明，避免空泛表述。",
        (Rule::CopiedWithinUnit, false) => {
            "不同检查内容应分别对照、分别写明，不得以同一段文字套用。"
        }
        (Rule::CopiedAcrossUnits, false) => "请结合本单位实际如实填写，不得照抄照搬其他单位材料。",
        (Rule::Unfinished, true) => "Answer every check of the checklist; leave none out.",
        (Rule::AllDoneNoProblem, true) => {
            "A self-check must look for real problems and gaps; go through the checks again and record what falls short."
        }
        (Rule::EvidenceMissing, true) => {
            "A check marked done needs what was done and what it achieved (rules, meetings, inspections, figures)."
        }
        (Rule::MeasureIncomplete, true) => {
            "Each check not or partly done needs a measure, an owner and a deadline in the ledger."
        }
        (Rule::Overdue, true) => {
            "Explain why the measure is late, finish it and record the day it was closed."
        }
        (Rule::TooShort, true) => "Write what the unit actually did or found, in concrete terms.",
        (Rule::CopiedWithinUnit, true) => {
            "Answer each check on its own; do not paste one paragraph into several checks."
        }
        (Rule::CopiedAcrossUnits, true) => {
            "Write about this unit's own work; do not copy another unit's record."
        }
    }
}

/// A field's name as the forms write it.
pub fn field_label(field: TextField, lang: Lang) -> &'static str {
    match (field, lang.is_en()) {
        (TextField::Evidence, false) => "做法及成效",
        (TextField::Problems, false) => "存在问题",
        (TextField::Causes, false) => "原因剖析",
        (TextField::Measures, false) => "整改措施",
        (TextField::Owner, false) => "责任人",
        (TextField::Due, false) => "完成时限",
        (TextField::Evidence, true) => "evidence",
        (TextField::Problems, true) => "problems",
        (TextField::Causes, true) => "causes",
        (TextField::Measures, true) => "measures",
        (TextField::Owner, true) => "owner",
        (TextField::Due, true) => "deadline",
    }
}

/// A flag's evidence in words, naming other units by name (the flag's own unit as 本单位).
pub fn detail_text(rollup: &Rollup, flag: &Flag, lang: Lang) -> String {
    let en = lang.is_en();
    match &flag.detail {
        FlagDetail::None => String::new(),
        FlagDetail::Missing(fields) => {
            let names: Vec<&str> = fields.iter().map(|f| field_label(*f, lang)).collect();
            if en {
                format!("missing: {}", names.join(", "))
            } else {
                format!("缺少：{}", names.join("、"))
            }
        }
        FlagDetail::Copied {
            places,
            count,
            identical,
        } => {
            let shown: Vec<String> = places
                .iter()
                .map(|p| {
                    let unit = if p.unit == flag.unit {
                        if en { "this unit" } else { "本单位" }
                    } else {
                        rollup.units.get(p.unit).map_or("", |u| u.name(lang))
                    };
                    let number = rollup.place_number(p);
                    if en {
                        format!("{unit} {number} {}", field_label(p.field, lang))
                    } else {
                        format!("{unit}第{number}项{}", field_label(p.field, lang))
                    }
                })
                .collect();
            let more = count.saturating_sub(places.len());
            match (en, *identical) {
                (false, same) => format!(
                    "与{}{}{}",
                    shown.join("、"),
                    if more > 0 {
                        format!("等{count}处")
                    } else {
                        String::new()
                    },
                    if same { "相同" } else { "基本相同" }
                ),
                (true, same) => format!(
                    "{} {}{}",
                    if same {
                        "same as"
                    } else {
                        "nearly the same as"
                    },
                    shown.join("; "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                ),
            }
        }
        FlagDetail::Short { chars } => {
            if en {
                format!("{chars} characters")
            } else {
                format!("仅{chars}个字")
            }
        }
        FlagDetail::Overdue { due, days } => {
            if en {
                format!("due {due}, {days} days overdue")
            } else {
                format!("时限{}，已逾期{days}天", due.format("%Y-%m-%d"))
            }
        }
        FlagDetail::Unanswered {
            answered,
            total,
            numbers,
        } => {
            let more = if total - answered > numbers.len() {
                if en { ", …" } else { "等" }
            } else {
                ""
            };
            if en {
                format!(
                    "{answered} of {total} checked; not checked: {}{more}",
                    numbers.join(", ")
                )
            } else {
                format!(
                    "已检查{answered}/{total}项，未检查：第{}项{more}",
                    numbers.join("、")
                )
            }
        }
    }
}

/// The place of a flag: 第3.2项 / 3.2, or the whole session.
pub fn flag_place(check: Option<(&str, &str)>, lang: Lang) -> String {
    match (check, lang.is_en()) {
        (Some((_, n)), false) => format!("第{n}项"),
        (Some((_, n)), true) => n.to_owned(),
        (None, false) => "整体".to_owned(),
        (None, true) => "whole session".to_owned(),
    }
}

/// Text cut to `width` columns with `…` where it was cut.
pub fn cut(text: &str, width: usize) -> String {
    if crate::text::wrap::width(text) <= width {
        return text.to_owned();
    }
    let mut t = crate::text::wrap::truncate(text, width.saturating_sub(1));
    t.push('…');
    t
}
