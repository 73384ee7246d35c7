//! The words of a session's tables (the 对照检查表 and the 整改台账, in the workbook and the CSV)
//! and those every export of a session shares: dates, 整改进展, a missing unit name. `{name}`
//! marks where a value goes (see [`super::fill`]). Like the report, the tables follow the
//! notice's Chinese forms whatever the interface's language.

use super::Lang;

/// The tables' words in one language.
#[derive(Debug)]
pub struct TableWords {
    /// Columns of the 对照检查表.
    pub checklist_header: [&'static str; 11],
    /// Columns of the 整改台账.
    pub ledger_header: [&'static str; 13],
    /// The workbook's sheets.
    pub checklist_sheet: &'static str,
    pub ledger_sheet: &'static str,
    /// A printed sheet's title row: `{title}`, `{sheet}`.
    pub print_title: &'static str,
    /// Between the parts of a printed sheet's title (unit, meeting, date).
    pub title_sep: &'static str,
    /// A printed page's footer (Excel's codes: `&C` centre, `&P` page, `&N` pages).
    pub page_footer: &'static str,
    /// What ends a note cut to Excel's longest cell.
    pub cell_cut: &'static str,
    /// A check without a status.
    pub not_checked: &'static str,
    /// A date as a document writes it (chrono's format).
    pub date_format: &'static str,
    /// The stand-in for a unit without a name.
    pub unit_missing: &'static str,
    /// 整改进展: not started, in progress, done.
    pub not_started: &'static str,
    pub in_progress: &'static str,
    pub done: &'static str,
    /// The labels of a template's own answer set that say a check falls short.
    pub shortfall_labels: [&'static str; 2],
    /// 跟踪情况: carried over (decided at the meeting of `{date}`, or undated), a repeat.
    pub carried_since: &'static str,
    pub carried: &'static str,
    pub repeat: &'static str,
    /// 备注 of a ledger row.
    pub problem_missing: &'static str,
    pub measure_missing: &'static str,
    pub part_of: &'static str,
    pub progress_text: &'static str,
    pub closing_evidence: &'static str,
    pub remark_sep: &'static str,
}

pub const TABLES_ZH: TableWords = TableWords {
    checklist_header: [
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
    ],
    ledger_header: [
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
        "跟踪情况",
        "备注",
    ],
    checklist_sheet: "对照检查表",
    ledger_sheet: "整改台账",
    print_title: "{title}　{sheet}",
    title_sep: "　",
    page_footer: "&C第 &P 页 共 &N 页",
    cell_cut: "…（超出Excel单元格长度，已截断）",
    not_checked: "未检查",
    date_format: "%Y年%-m月%-d日",
    unit_missing: "（未填写单位名称）",
    not_started: "未开始",
    in_progress: "整改中",
    done: "已完成",
    shortfall_labels: ["未落实", "基本落实"],
    carried_since: "上次遗留（{date}会议确定）",
    carried: "上次遗留",
    repeat: "反复出现",
    problem_missing: "问题未填写",
    measure_missing: "措施未填写",
    part_of: "本项问题{count}之{n}",
    progress_text: "进展情况：{text}",
    closing_evidence: "销号佐证：{text}",
    remark_sep: "；",
};

pub const TABLES_EN: TableWords = TableWords {
    checklist_header: [
        "No.", "Part", "Item", "Check", "Status", "Evidence", "Problems", "Causes", "Measures",
        "Owner", "Due",
    ],
    ledger_header: [
        "No.",
        "Unit",
        "Check no.",
        "Source (check)",
        "Problem",
        "Measures",
        "Owner",
        "Leader in charge",
        "Due",
        "Progress",
        "Closed on",
        "Follow-up",
        "Remarks",
    ],
    checklist_sheet: "Checklist",
    ledger_sheet: "Rectification ledger",
    print_title: "{title}  {sheet}",
    title_sep: "  ",
    page_footer: "&CPage &P of &N",
    cell_cut: "… (cut to Excel's longest cell)",
    not_checked: "not checked",
    date_format: "%-d %B %Y",
    unit_missing: "(unit name not filled in)",
    not_started: "not started",
    in_progress: "in progress",
    done: "done",
    shortfall_labels: ["not done", "partly done"],
    carried_since: "carried over (decided at the meeting of {date})",
    carried: "carried over",
    repeat: "repeat finding",
    problem_missing: "problem not filled in",
    measure_missing: "measure not filled in",
    part_of: "problem {n} of {count} of this check",
    progress_text: "progress notes: {text}",
    closing_evidence: "evidence of closing: {text}",
    remark_sep: "; ",
};

/// The tables' words in `lang`.
pub const fn table_words(lang: Lang) -> &'static TableWords {
    match lang {
        Lang::Zh => &TABLES_ZH,
        Lang::En => &TABLES_EN,
    }
}
