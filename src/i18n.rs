//! Interface language: every string the interface and the command line show, in Chinese (the
//! default) and English. Both tables are complete by construction: each is one struct literal.

use clap::ValueEnum;

pub mod help;
pub mod json;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// 中文
    #[default]
    Zh,
    /// English
    En,
}

impl Lang {
    pub fn is_en(self) -> bool {
        self == Lang::En
    }
}

/// All interface strings of one language.
#[derive(Debug)]
pub struct Texts {
    pub app_name: &'static str,
    /// After a label: "：" in Chinese, ": " in English.
    pub colon: &'static str,
    /// Around a note: "（" and "）" in Chinese, " (" and ")" in English.
    pub open: &'static str,
    pub close: &'static str,
    /// Between list items: "、" in Chinese, ", " in English.
    pub list_sep: &'static str,
    pub no_sessions_in: &'static str,
    pub unnamed_unit: &'static str,
    pub items_word: &'static str,
    pub checks_word: &'static str,
    // header and footer
    pub read_only: &'static str,
    pub progress: &'static str,
    pub meeting_clock: &'static str,
    pub saved: &'static str,
    pub unsaved: &'static str,
    pub saving: &'static str,
    pub save_failed: &'static str,
    pub not_saved_read_only: &'static str,
    pub too_small: &'static str,
    // tree and detail
    pub tree_title: &'static str,
    pub detail_title: &'static str,
    pub requirements: &'static str,
    pub check: &'static str,
    pub addressee: &'static str,
    pub status: &'static str,
    pub not_checked: &'static str,
    pub flagged: &'static str,
    pub field_evidence: &'static str,
    pub field_problems: &'static str,
    pub field_causes: &'static str,
    pub field_measures: &'static str,
    pub field_owner: &'static str,
    pub field_due: &'static str,
    pub empty_field: &'static str,
    pub editing: &'static str,
    pub filter_all: &'static str,
    pub filter_unanswered: &'static str,
    pub filter_flagged: &'static str,
    pub filter_search: &'static str,
    pub no_matches: &'static str,
    pub search_prompt: &'static str,
    pub matches: &'static str,
    pub all_answered: &'static str,
    // picker and form
    pub picker_title: &'static str,
    pub picker_empty: &'static str,
    pub picker_new: &'static str,
    pub picker_locked_by: &'static str,
    pub picker_bad_file: &'static str,
    pub form_new_title: &'static str,
    pub form_edit_title: &'static str,
    pub form_template: &'static str,
    pub form_unit: &'static str,
    pub form_kind: &'static str,
    pub form_title: &'static str,
    pub form_date: &'static str,
    pub form_place: &'static str,
    pub form_host: &'static str,
    pub form_recorder: &'static str,
    pub form_attendees: &'static str,
    /// 主送 of the report (empty: the folder's or the default).
    pub form_recipient: &'static str,
    /// 学习内容 of the 集中学习研讨.
    pub form_study: &'static str,
    pub form_need_unit: &'static str,
    pub choice_hint: &'static str,
    // summary
    pub summary_title: &'static str,
    pub summary_sections: &'static str,
    pub summary_statuses: &'static str,
    pub summary_problems: &'static str,
    pub summary_no_problems: &'static str,
    pub summary_owner: &'static str,
    pub summary_due: &'static str,
    pub summary_measures: &'static str,
    pub summary_overdue: &'static str,
    pub summary_conclusions: &'static str,
    pub conclusion_overview: &'static str,
    pub conclusion_major: &'static str,
    pub conclusion_measures: &'static str,
    pub conclusion_resources: &'static str,
    pub rectification: &'static str,
    /// A recovery copy differs in an answer's other details (responsible leader, fields from
    /// other tools).
    pub recovery_other: &'static str,
    pub rect_not_started: &'static str,
    pub rect_in_progress: &'static str,
    pub rect_done: &'static str,
    pub rect_closed_on: &'static str,
    pub rect_none: &'static str,
    // help
    pub help_title: &'static str,
    pub help_close: &'static str,
    pub ctx_global: &'static str,
    pub ctx_picker: &'static str,
    pub ctx_tree: &'static str,
    pub ctx_detail: &'static str,
    pub ctx_editing: &'static str,
    pub ctx_search: &'static str,
    pub ctx_form: &'static str,
    pub ctx_summary: &'static str,
    pub ctx_projector: &'static str,
    pub ctx_confirm: &'static str,
    pub recovery_title: &'static str,
    pub recovery_intro: &'static str,
    // messages
    pub msg_read_only_refused: &'static str,
    pub msg_status_set: &'static str,
    pub msg_no_unanswered: &'static str,
    pub msg_flag_on: &'static str,
    pub msg_flag_off: &'static str,
    pub msg_saved_to: &'static str,
    pub msg_exported: &'static str,
    /// Said on standard error when a report is made from an unfinished record ({answered},
    /// {total}).
    pub export_draft: &'static str,
    pub msg_not_recorded: &'static str,
    pub msg_undone: &'static str,
    pub msg_redone: &'static str,
    pub msg_nothing_to_undo: &'static str,
    pub msg_nothing_to_redo: &'static str,
    pub hint_type_in_tree: &'static str,
    pub hint_type_in_rectification: &'static str,
    pub hint_type_in_projector: &'static str,
    pub hint_type_on_heading: &'static str,
    pub goto_prompt: &'static str,
    pub msg_no_such_number: &'static str,
    pub more_below: &'static str,
    pub more_above: &'static str,
    pub form_discard_ask: &'static str,
    pub files: &'static str,
    pub msg_try_save_as: &'static str,
    pub save_as_prompt: &'static str,
    pub save_as_suffix: &'static str,
    pub msg_not_following: &'static str,
    pub msg_follow_on: &'static str,
    pub msg_follow_off: &'static str,
    pub follow_following: &'static str,
    pub follow_paused: &'static str,
    pub follow_editor_gone: &'static str,
    pub follow_waiting: &'static str,
    pub follow_stale: &'static str,
    pub msg_not_a_check: &'static str,
    pub msg_locked_open_read_only: &'static str,
    pub msg_cannot_write_open_read_only: &'static str,
    pub msg_quit_unsaved: &'static str,
    pub unit_kind_label: &'static str,
    pub meeting_host: &'static str,
    pub meeting_recorder: &'static str,
    /// The language of this table, for messages built by the functions below.
    pub lang: Lang,
    pub msg_terminal_unusable: &'static str,
    pub msg_terminal_failed: &'static str,
    pub msg_save_interrupted_retry: &'static str,
    pub msg_save_interrupted: &'static str,
    pub msg_no_session_open: &'static str,
    pub msg_no_data_folder: &'static str,
}

pub static ZH: Texts = Texts {
    app_name: "对照检查会",
    colon: "：",
    open: "（",
    close: "）",
    list_sep: "、",
    no_sessions_in: "还没有会议记录：",
    unnamed_unit: "（未填单位）",
    items_word: "项",
    checks_word: "条检查内容",
    read_only: "【只读】",
    progress: "进度",
    meeting_clock: "会议用时",
    saved: "已保存",
    unsaved: "未保存",
    saving: "正在保存",
    save_failed: "保存失败",
    not_saved_read_only: "只读，不保存",
    too_small: "窗口太小：至少需要 80x24（现为 {w}x{h}）。请放大窗口。",
    tree_title: "检查项目",
    detail_title: "检查内容与落实情况",
    requirements: "对照要求",
    check: "检查内容",
    addressee: "适用对象",
    status: "落实情况",
    not_checked: "未检查",
    flagged: "待议",
    field_evidence: "做法及成效 / 佐证",
    field_problems: "存在问题（问题不足、短板差距）",
    field_causes: "原因剖析（问题根源）",
    field_measures: "整改措施",
    field_owner: "责任人 / 责任单位",
    field_due: "完成时限",
    empty_field: "（未填写）",
    editing: "编辑中",
    filter_all: "全部",
    filter_unanswered: "只看未检查",
    filter_flagged: "只看待议",
    filter_search: "搜索",
    no_matches: "没有符合条件的检查内容",
    search_prompt: "搜索：",
    matches: "处匹配",
    all_answered: "全部检查内容都已填写落实情况",
    picker_title: "会议记录",
    picker_empty: "还没有会议记录。按 Enter 新建。",
    picker_new: "＋ 新建会议记录",
    picker_locked_by: "正在编辑：",
    picker_bad_file: "无法读取",
    form_new_title: "新建会议记录",
    form_edit_title: "会议信息",
    form_template: "检查表",
    form_unit: "单位名称",
    form_kind: "单位类别",
    form_title: "会议名称",
    form_date: "会议日期",
    form_place: "会议地点",
    form_host: "主持人",
    form_recorder: "记录人",
    form_attendees: "参会人员",
    form_recipient: "主送",
    form_study: "学习内容",
    form_need_unit: "请填写单位名称",
    choice_hint: "Left/Right 选择",
    summary_title: "汇总",
    summary_sections: "各部分进度",
    summary_statuses: "落实情况统计",
    summary_problems: "问题与整改措施",
    summary_no_problems: "尚未记录问题",
    summary_owner: "责任人",
    summary_due: "时限",
    summary_measures: "措施",
    summary_overdue: "已逾期",
    summary_conclusions: "系统总结提升（Tab 选择，Enter 编辑）",
    conclusion_overview: "做法及成效（总体）",
    conclusion_major: "研究决策重大事项",
    conclusion_measures: "健全完善制度措施",
    conclusion_resources: "落实“人、财、物”保障",
    rectification: "整改进展",
    recovery_other: "其他内容",
    rect_not_started: "未开始",
    rect_in_progress: "整改中",
    rect_done: "已完成",
    rect_closed_on: "销号日期",
    rect_none: "（未设，按 Enter 切换）",
    help_title: "按键说明",
    help_close: "按 Esc 或 ? 关闭",
    ctx_global: "任何时候",
    ctx_picker: "会议记录列表",
    ctx_tree: "检查项目（左栏）",
    ctx_detail: "填写栏（右栏）",
    ctx_editing: "编辑文字时",
    ctx_search: "输入搜索词时",
    ctx_form: "会议信息表",
    ctx_summary: "汇总",
    ctx_projector: "投影模式",
    ctx_confirm: "恢复副本提示",
    recovery_title: "发现异常退出时留下的恢复副本",
    recovery_intro: "上次程序异常退出前的记录与已保存的文件有以下不同：",
    msg_read_only_refused: "只读打开，不能修改",
    msg_status_set: "落实情况：",
    msg_no_unanswered: "没有未检查的内容了",
    msg_flag_on: "已标记待议",
    msg_flag_off: "已取消待议",
    msg_saved_to: "已保存到",
    msg_exported: "已导出到",
    export_draft: "注意：记录尚未完成（已检查 {answered} / {total} 项），报告已标为草稿，不宜报送",
    msg_not_recorded: "未记录",
    msg_undone: "已撤销：",
    msg_redone: "已重做：",
    msg_nothing_to_undo: "没有可撤销的修改（落实情况、待议、整改进展）",
    msg_nothing_to_redo: "没有可重做的修改",
    hint_type_in_tree: "先按 Enter 填写（或 Tab 选栏）再输入",
    hint_type_in_rectification: "整改进展用 Enter 切换，文字写在上面的栏",
    hint_type_in_projector: "投影模式不能输入，按 Enter 回到填写",
    hint_type_on_heading: "这是标题行，先选一条检查内容",
    goto_prompt: "转到第几条（如 3.2）：",
    msg_no_such_number: "没有这个编号的检查内容：",
    more_below: "下面还有",
    more_above: "上面还有",
    form_discard_ask: "有未确定的修改：再按 Esc 放弃，按 Ctrl+S 确定",
    files: "个文件",
    msg_try_save_as: "（记录仍在内存中，会自动重试；Ctrl+E 另存为）",
    save_as_prompt: "另存为：",
    save_as_suffix: "另存",
    msg_not_following: "这不是跟随视图（用 selfcheck open 文件 --follow 打开）",
    msg_follow_on: "跟随记录人",
    msg_follow_off: "已停止跟随，可自行浏览",
    follow_following: "跟随",
    follow_paused: "暂停跟随",
    follow_editor_gone: "记录人已退出，显示最后的记录",
    follow_waiting: "等待记录人",
    follow_stale: "文件暂时无法读取，显示最后的记录",
    msg_not_a_check: "请先选中一条检查内容",
    msg_locked_open_read_only: "正在被他人编辑，已只读打开：",
    msg_cannot_write_open_read_only: "文件夹不能写入，已只读打开：",
    msg_quit_unsaved: "保存失败，记录仍在内存中。再按一次退出键将放弃未保存的修改。",
    unit_kind_label: "单位类别",
    meeting_host: "主持人",
    meeting_recorder: "记录人",
    lang: Lang::Zh,
    msg_terminal_unusable: "无法使用这个终端：",
    msg_terminal_failed: "终端出错：",
    msg_save_interrupted_retry: "保存被中断，稍后会自动重试",
    msg_save_interrupted: "保存被中断",
    msg_no_session_open: "没有打开的会议记录",
    msg_no_data_folder: "没有数据文件夹（请用 --data-dir 指定）",
};

pub static EN: Texts = Texts {
    app_name: "Self-check meeting",
    colon: ": ",
    open: " (",
    close: ")",
    list_sep: ", ",
    no_sessions_in: "No sessions yet in",
    unnamed_unit: "(no unit name)",
    items_word: "items",
    checks_word: "checks",
    read_only: "[READ-ONLY]",
    progress: "Progress",
    meeting_clock: "Meeting",
    saved: "Saved",
    unsaved: "Unsaved",
    saving: "Saving",
    save_failed: "Save failed",
    not_saved_read_only: "Read-only, not saved",
    too_small: "Window too small: needs at least 80x24 (now {w}x{h}). Please enlarge it.",
    tree_title: "Checklist",
    detail_title: "Check and answer",
    requirements: "Requirements",
    check: "Check",
    addressee: "Addressed to",
    status: "Status",
    not_checked: "Not checked",
    flagged: "Flagged",
    field_evidence: "Practice and results / evidence",
    field_problems: "Problems and gaps",
    field_causes: "Root causes",
    field_measures: "Improvement measures",
    field_owner: "Responsible person / unit",
    field_due: "Deadline",
    empty_field: "(empty)",
    editing: "editing",
    filter_all: "All",
    filter_unanswered: "Unanswered only",
    filter_flagged: "Flagged only",
    filter_search: "Search",
    no_matches: "No check matches",
    search_prompt: "Search: ",
    matches: "matches",
    all_answered: "Every check has a status",
    picker_title: "Sessions",
    picker_empty: "No sessions yet. Press Enter to create one.",
    picker_new: "+ New session",
    picker_locked_by: "In use by ",
    picker_bad_file: "Cannot read",
    form_new_title: "New session",
    form_edit_title: "Meeting details",
    form_template: "Checklist",
    form_unit: "Unit name",
    form_kind: "Kind of unit",
    form_title: "Meeting title",
    form_date: "Date",
    form_place: "Place",
    form_host: "Host",
    form_recorder: "Recorder",
    form_attendees: "Attendees",
    form_recipient: "Recipient",
    form_study: "Studied",
    form_need_unit: "Please enter the unit name",
    choice_hint: "Left/Right to choose",
    summary_title: "Summary",
    summary_sections: "Progress by section",
    summary_statuses: "Statuses",
    summary_problems: "Problems and measures",
    summary_no_problems: "No problems recorded yet",
    summary_owner: "Owner",
    summary_due: "Due",
    summary_measures: "Measures",
    summary_overdue: "overdue",
    summary_conclusions: "Summing up (Tab selects, Enter edits)",
    conclusion_overview: "Practice and results (overall)",
    conclusion_major: "Major matters decided",
    conclusion_measures: "Rules and measures improved",
    conclusion_resources: "People, funds and equipment secured",
    rectification: "Rectification",
    recovery_other: "other details",
    rect_not_started: "Not started",
    rect_in_progress: "In progress",
    rect_done: "Done",
    rect_closed_on: "closed on",
    rect_none: "(not set; Enter cycles)",
    help_title: "Keys",
    help_close: "Esc or ? closes",
    ctx_global: "Anywhere",
    ctx_picker: "Session list",
    ctx_tree: "Checklist (left pane)",
    ctx_detail: "Fields (right pane)",
    ctx_editing: "While editing text",
    ctx_search: "While typing a search",
    ctx_form: "Meeting details form",
    ctx_summary: "Summary",
    ctx_projector: "Projector mode",
    ctx_confirm: "Recovery copy",
    recovery_title: "A recovery copy from a crash was found",
    recovery_intro: "The record from before the program crashed differs from the saved file in:",
    msg_read_only_refused: "Opened read-only: changes are refused",
    msg_status_set: "Status: ",
    msg_no_unanswered: "No unanswered check left",
    msg_flag_on: "Flagged for discussion",
    msg_flag_off: "Flag removed",
    msg_saved_to: "Saved to",
    msg_exported: "Exported to",
    export_draft: "Note: the record is unfinished ({answered} of {total} checks answered); the report is marked as a draft (草稿) and is not ready to hand in",
    msg_not_recorded: "Not recorded",
    msg_undone: "Undone: ",
    msg_redone: "Redone: ",
    msg_nothing_to_undo: "Nothing to undo (status, flag, rectification)",
    msg_nothing_to_redo: "Nothing to redo",
    hint_type_in_tree: "press Enter (or Tab to a field) first",
    hint_type_in_rectification: "Enter cycles rectification; write in a field above",
    hint_type_in_projector: "projector mode: press Enter to fill in",
    hint_type_on_heading: "this is a heading: select a check first",
    goto_prompt: "Go to check number (such as 3.2): ",
    msg_no_such_number: "No check has the number ",
    more_below: "more below",
    more_above: "more above",
    form_discard_ask: "Unsaved edits: Esc again discards them, Ctrl+S keeps them",
    files: "files",
    msg_try_save_as: "(the record is kept in memory and saving is retried; Ctrl+E saves elsewhere)",
    save_as_prompt: "Save as: ",
    save_as_suffix: "copy",
    msg_not_following: "This is not a live view (open one with: selfcheck open FILE --follow)",
    msg_follow_on: "Following the recorder",
    msg_follow_off: "Stopped following; browse freely",
    follow_following: "Following",
    follow_paused: "Not following",
    follow_editor_gone: "The recorder has left; showing the last record",
    follow_waiting: "Waiting for the recorder",
    follow_stale: "The file cannot be read right now; showing the last record",
    msg_not_a_check: "Select a check first",
    msg_locked_open_read_only: "In use by someone else; opened read-only: ",
    msg_cannot_write_open_read_only: "The folder cannot be written; opened read-only: ",
    msg_quit_unsaved: "Saving failed; the record is still in memory. Quit again to discard unsaved changes.",
    unit_kind_label: "Kind of unit",
    meeting_host: "Host",
    meeting_recorder: "Recorder",
    lang: Lang::En,
    msg_terminal_unusable: "cannot use this terminal: ",
    msg_terminal_failed: "terminal: ",
    msg_save_interrupted_retry: "the save was interrupted; it will be tried again",
    msg_save_interrupted: "the save was interrupted",
    msg_no_session_open: "no session is open",
    msg_no_data_folder: "no data folder (give one with --data-dir)",
};

/// The strings of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// A storage error in the interface language: the file, the place in it, and what is wrong.
pub fn store_error(e: &crate::store::StoreError, lang: Lang) -> String {
    use crate::store::StoreError as E;
    if lang.is_en() {
        return match e {
            E::Locked { path, holder } => format!(
                "{}: in use by {}",
                crate::store::shown_path(path),
                lock_holder(holder, lang)
            ),
            _ => e.to_string(),
        };
    }
    let file = crate::store::shown_path(e.path());
    match e {
        E::Io { source, .. } => format!("{file}：{}", io_error(source, lang)),
        E::Empty { .. } => format!("{file}：文件是空的"),
        E::TooLarge { size, limit, .. } => {
            format!("{file}：文件有 {size} 字节，超过 {limit} 字节的文件不予读取")
        }
        E::NotUtf8 { line, column, .. } => {
            format!("{file}:{line}:{column}：不是 UTF-8 编码的文本（请另存为 UTF-8）")
        }
        E::Json {
            line,
            column,
            message,
            ..
        } => format!(
            "{file}:{line}:{column}：JSON 格式错误（{}）",
            json::zh(message)
        ),
        E::Invalid { source, .. } => format!("{file}：{}", session_error(source, lang)),
        E::InvalidTemplate { source, .. } => format!("{file}：{}", template_error(source)),
        E::Locked { holder, .. } => {
            format!("{file}：正在被他人编辑（{}）", lock_holder(holder, lang))
        }
        E::Conflict { path, kept } => format!(
            "{}：已被他人修改，未覆盖；本次记录另存为 {}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            kept.display()
        ),
        E::ReadOnly { .. } => format!("{file}：只读打开，不写入"),
        E::Exists { .. } => format!("{file}：同名文件已存在"),
        E::NotRegular { kind, .. } => {
            use crate::store::FileKind as F;
            let what = match kind {
                F::Symlink => "是符号链接，不予跟随",
                F::Fifo => "是命名管道（FIFO），不是文件",
                F::Device => "是设备，不是文件",
                F::Socket => "是套接字，不是文件",
                F::Folder => "是文件夹，不是文件",
                F::Other => "不是普通文件",
            };
            format!("{file}：{what}，未打开")
        }
        E::NotTrusted {
            owner, expected, ..
        } => format!(
            "{file}：由 {} 写入，而非记录文件的所有者 {}，不予采用",
            crate::store::owner_name(*owner),
            crate::store::owner_name(*expected)
        ),
        E::NotJournal { .. } => format!("{file}：不是本程序能读的日志文件"),
        E::ForeignLink { owner, .. } => format!(
            "{file}：是 {} 建立的符号链接，指向不属于其本人的文件，不予跟随",
            crate::store::owner_name(*owner)
        ),
        E::Unwritable { message } => format!("记录无法写成 JSON（{message}），未写入任何内容"),
    }
}

/// Why a change to a session was refused (a date or deadline that cannot be read, a file made
/// by a newer program, ...), in the interface language.
pub fn session_error(e: &crate::model::SessionError, lang: Lang) -> String {
    use crate::model::SessionError;
    if lang.is_en() {
        return e.to_string();
    }
    match e {
        SessionError::NewerSchema { found } => format!(
            "文件格式版本为 {found}，本程序只能读取 {} 及以下版本，请升级 selfcheck",
            crate::model::SCHEMA_VERSION
        ),
        SessionError::BadSchema(v) => format!("文件格式版本 {v} 无效"),
        SessionError::UnknownCheck(id) => {
            format!("answers 中的 {id:?} 不是检查表中的检查内容")
        }
        SessionError::UnknownStatus { check, status } => {
            format!("{check:?} 的落实情况 {status:?} 不在检查表的选项中")
        }
        SessionError::BadDate(d) => format!("“{d}”不是日期：请写成 2024-03-31 或 2024年3月31日"),
        SessionError::BadDeadline(d) => format!(
            "“{d}”不是完成时限：可写日期（2024-03-31、2024年3月31日）、月份（2024年3月底、3月底前）、年底前，或立行立改、长期坚持"
        ),
        SessionError::Template(t) => template_error(t),
        SessionError::Signed => {
            "记录已签字确认，只读；如需修改，请先重新打开修改（签字随之作废）".to_owned()
        }
        SessionError::NoCarriedMeasure { check, index } => {
            format!("{check:?} 没有第 {} 条上次整改措施", index + 1)
        }
    }
}

/// An operating-system error in the interface language: what happened, not the C library's
/// English. An error without a known kind keeps its number so it can still be looked up.
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    if lang.is_en() {
        return e.to_string();
    }
    let what = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限",
        K::StorageFull => "磁盘已满",
        K::QuotaExceeded => "超出磁盘配额",
        K::ReadOnlyFilesystem => "文件系统只读",
        K::AlreadyExists => "文件已存在",
        K::IsADirectory => "这是一个文件夹",
        K::NotADirectory => "路径中有一项不是文件夹",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::FileTooLarge => "文件太大",
        K::InvalidFilename => "文件名无效或太长",
        K::BrokenPipe => "输出已被关闭",
        K::WouldBlock | K::ResourceBusy => "文件正忙",
        K::TimedOut => "操作超时",
        K::Interrupted => "操作被中断",
        K::InvalidData => "数据无效",
        K::UnexpectedEof => "文件意外结束",
        K::OutOfMemory => "内存不足",
        K::StaleNetworkFileHandle => "网络文件已失效，请重新打开",
        K::CrossesDevices => "不能跨磁盘移动文件",
        _ => {
            return match e.raw_os_error() {
                Some(code) => format!("读写失败（系统错误码 {code}）"),
                None => "读写失败".to_owned(),
            };
        }
    };
    what.to_owned()
}

/// Who holds a session's lock, as a phrase: the user (or a bare user number when the user has
/// no name on that machine), the machine, the process and since when.
pub fn lock_holder(h: &crate::store::LockHolder, lang: Lang) -> String {
    use crate::text::sanitize::one_line;
    let since = chrono::DateTime::parse_from_rfc3339(&h.since)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .ok();
    let user = one_line(&h.user);
    let host = one_line(&h.host);
    let uid = user
        .strip_prefix("uid ")
        .filter(|n| n.chars().all(|c| c.is_ascii_digit()));
    if user == "?" && h.pid == 0 {
        return match lang {
            Lang::Zh => "无法读出是谁".to_owned(),
            Lang::En => "someone (who cannot be read)".to_owned(),
        };
    }
    match lang {
        Lang::Zh => {
            let who = match uid {
                Some(n) => format!("用户号 {n}（无用户名）"),
                None => format!("用户 {user}"),
            };
            let when = since.map(|s| format!("，{s} 起")).unwrap_or_default();
            format!("计算机 {host} 上的{who}，进程号 {}{when}", h.pid)
        }
        Lang::En => {
            let who = match uid {
                Some(n) => format!("user number {n} (no user name)"),
                None => format!("user {user}"),
            };
            let when = since.map(|s| format!(", since {s}")).unwrap_or_default();
            format!("{who} on {host} (process {}{when})", h.pid)
        }
    }
}

/// An export's failure in the interface language.
pub fn export_error(e: &crate::export::ExportError, lang: Lang) -> String {
    use crate::export::{BuildError, ExportError as X};
    if lang.is_en() {
        return e.to_string();
    }
    match e {
        X::Build { path, source } => {
            let what = match source {
                BuildError::Docx(d) => format!("无法生成 Word 文档（原始信息：{d}）"),
                BuildError::Xlsx(x) => format!("无法生成 Excel 工作簿（原始信息：{x}）"),
                BuildError::Csv(c) => format!("无法生成 CSV 文件（原始信息：{c}）"),
            };
            format!("{}：{what}", path.display())
        }
        X::Store(s) => store_error(s, lang),
        X::BinaryToTerminal { format } => {
            format!("{format} 是二进制格式，不能直接显示在终端上；请用 -o 文件名 写入文件")
        }
        X::OverwritesInput { path } => format!(
            "{}：输出文件就是会议记录文件本身，不予覆盖；请用 -o 换一个文件名",
            path.display()
        ),
        X::Stdout(io) => format!("标准输出：{}", io_error(io, lang)),
    }
}

/// A message of the command line (the subcommands' output and refusals), in one language.
#[derive(Debug, Clone)]
pub enum CliMsg<'a> {
    /// `--template` names no built-in checklist and no file.
    NoChecklist { id: &'a str, ids: &'a [&'a str] },
    /// An option's value could not be read; `what` is already in the interface language.
    BadOption { option: &'a str, what: String },
    /// `new` without `--unit` (or with an empty one).
    NeedUnit,
    /// No data folder could be found.
    NoHomeFolder,
    /// Writing to standard output failed.
    Stdout(String),
    /// Another session of the same unit and meeting date exists.
    SameMeeting { path: &'a str },
    /// ... and `new` refuses to make a second one without `--force`.
    SameMeetingRefused { path: &'a str },
    /// `validate`: a good session file.
    SessionOk {
        file: &'a str,
        answered: usize,
        total: usize,
    },
    /// `validate`: a good template file.
    TemplateOk {
        file: &'a str,
        id: &'a str,
        checks: usize,
    },
}

impl CliMsg<'_> {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let en = lang.is_en();
        match self {
            CliMsg::NoChecklist { id, ids } => {
                if en {
                    format!(
                        "no checklist {id:?}: give one of {} or a template JSON file",
                        ids.join(", ")
                    )
                } else {
                    format!(
                        "没有名为“{id}”的检查表：请用 {} 之一，或一个检查表 JSON 文件",
                        ids.join("、")
                    )
                }
            }
            CliMsg::BadOption { option, what } => {
                if en {
                    format!("{option}: {what}")
                } else {
                    format!("{option}：{what}")
                }
            }
            CliMsg::NeedUnit => {
                if en {
                    "give the unit's name with --unit (for example --unit \"City Emergency Bureau\"); a session needs it for its report and file name".to_owned()
                } else {
                    "请用 --unit 给出单位名称（例如 --unit 某某区应急管理局）：报告和文件名都要用到它".to_owned()
                }
            }
            CliMsg::NoHomeFolder => {
                if en {
                    "no home folder found; give a data folder with --data-dir or SELFCHECK_DATA_DIR"
                        .to_owned()
                } else {
                    "找不到用户主文件夹：请用 --data-dir 或环境变量 SELFCHECK_DATA_DIR 指定数据文件夹".to_owned()
                }
            }
            CliMsg::Stdout(what) => {
                if en {
                    format!("standard output: {what}")
                } else {
                    format!("标准输出：{what}")
                }
            }
            CliMsg::SameMeeting { path } => {
                if en {
                    format!("note: a session of this unit on this date already exists: {path}")
                } else {
                    format!("注意：同一单位同一会议日期已有会议记录：{path}")
                }
            }
            CliMsg::SameMeetingRefused { path } => {
                if en {
                    format!(
                        "a session of this unit on this date already exists: {path}; open it with `selfcheck open`, or give --force to make a second one"
                    )
                } else {
                    format!(
                        "同一单位同一会议日期已有会议记录：{path}。请用 selfcheck open 打开它；确需另建一份，请加 --force"
                    )
                }
            }
            CliMsg::SessionOk {
                file,
                answered,
                total,
            } => {
                if en {
                    format!("{file}: session ok ({answered} / {total} checks answered)")
                } else {
                    format!("{file}：会议记录完好（已填写落实情况 {answered} / {total} 条）")
                }
            }
            CliMsg::TemplateOk { file, id, checks } => {
                if en {
                    format!("{file}: template ok ({id}, {checks} checks)")
                } else {
                    format!("{file}：检查表完好（{id}，{checks} 条检查内容）")
                }
            }
        }
    }
}

fn template_error(e: &crate::model::TemplateError) -> String {
    use crate::model::TemplateError as T;
    match e {
        T::EmptyId => "检查表缺少 id".to_owned(),
        T::NoChecks(id) => format!("检查表 {id:?} 没有任何检查内容"),
        T::DuplicateId(id) => format!("编号 {id:?} 重复"),
        T::EmptyChildId(place) => format!("{place} 中有空编号"),
        T::EmptyCheckText(id) => format!("检查内容 {id:?} 没有文字"),
        T::NoAnswers => "落实情况选项为空".to_owned(),
        T::TooManyAnswers(n) => format!("落实情况选项有 {n} 个，最多 9 个"),
        T::DuplicateAnswer(id) => format!("落实情况选项 {id:?} 重复"),
    }
}

/// Something the store found while opening a session, in the interface language.
pub fn store_notice(n: &crate::store::Notice, lang: Lang) -> String {
    use crate::store::{Notice, owner_name, shown_path};
    if lang.is_en() {
        return n.to_string();
    }
    match n {
        Notice::Foreign { path, owner, kept } => {
            let moved = kept
                .as_ref()
                .map(|k| format!("（已移到 {}）", shown_path(k)))
                .unwrap_or_default();
            format!(
                "{}：由 {} 写入，不是本记录所有者的文件，未采用{moved}",
                shown_path(path),
                owner_name(*owner)
            )
        }
        Notice::NotSticky { dir } => format!(
            "{}：共享文件夹缺少粘滞位，组内任何人都能删除锁文件或替换会议记录（请管理员运行 selfcheck shared-folder）",
            shown_path(dir)
        ),
        Notice::Link { link, target } => format!(
            "{} 是符号链接，会议记录在其指向的 {} 处编辑",
            shown_path(link),
            shown_path(target)
        ),
    }
}
