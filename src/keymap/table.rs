//! The table of every key binding, by context: the one place a key is bound. Help, the footer
//! hints and the drift tests are generated from it.

use crossterm::event::KeyCode;

use super::{Binding, Ctx, Key, c, ctrl, k, shift};
use crate::action::Command;

use Command as C;
use KeyCode as K;

const DIGITS: &[Key] = &[
    c('1'),
    c('2'),
    c('3'),
    c('4'),
    c('5'),
    c('6'),
    c('7'),
    c('8'),
    c('9'),
];

macro_rules! bind {
    ($ctx:ident, [$($key:expr),+ $(,)?], $cmd:expr, $zh:literal, $en:literal) => {
        Binding { ctx: Ctx::$ctx, keys: &[$($key),+], command: $cmd, zh: $zh, en: $en, footer: None }
    };
    ($ctx:ident, [$($key:expr),+ $(,)?], $cmd:expr, $zh:literal, $en:literal, $fzh:literal, $fen:literal) => {
        Binding { ctx: Ctx::$ctx, keys: &[$($key),+], command: $cmd, zh: $zh, en: $en, footer: Some(($fzh, $fen)) }
    };
}

/// Every binding, the core ones first and then those of following up the previous meeting
/// (in [`followup`]). Order matters twice: the first match wins, and help lists them in this
/// order.
pub static KEYMAP: &[Binding] = &ALL;

const ALL: [Binding; CORE.len() + followup::FOLLOWUP.len()] = concat(CORE, followup::FOLLOWUP);

/// The two parts one after the other (a constant, so the table costs nothing at start).
const fn concat<const N: usize>(a: &[Binding], b: &[Binding]) -> [Binding; N] {
    let mut out = [a[0]; N];
    let mut i = 0;
    while i < a.len() {
        out[i] = a[i];
        i += 1;
    }
    let mut j = 0;
    while j < b.len() {
        out[a.len() + j] = b[j];
        j += 1;
    }
    out
}

mod followup;

/// The core bindings.
const CORE: &[Binding] = &[
    // Anywhere (not while typing text, except the Ctrl keys which are bound there too).
    bind!(
        Global,
        [ctrl('q'), ctrl('c'), c('q')],
        C::Quit,
        "保存并退出",
        "Save and quit",
        "退出",
        "quit"
    ),
    bind!(
        Global,
        [ctrl('s'), c('s')],
        C::Save,
        "立即保存",
        "Save now",
        "保存",
        "save"
    ),
    bind!(
        Global,
        [c('?'), c('？'), k(K::F(1))],
        C::Help,
        "按键说明",
        "Show the keys",
        "帮助",
        "help"
    ),
    // Session list.
    bind!(Picker, [k(K::Up), c('k')], C::MoveUp, "上一个", "Previous"),
    bind!(Picker, [k(K::Down), c('j')], C::MoveDown, "下一个", "Next"),
    bind!(
        Picker,
        [k(K::Enter), k(K::F(2))],
        C::Open,
        "打开选中的记录（或新建）",
        "Open the selected session (or create one)",
        "打开",
        "open"
    ),
    bind!(
        Picker,
        [ctrl('n'), c('n')],
        C::NewSession,
        "新建会议记录",
        "New session",
        "新建",
        "new"
    ),
    bind!(
        Picker,
        [ctrl('r'), c('r')],
        C::OpenReadOnly,
        "只读打开",
        "Open read-only",
        "只读",
        "read-only"
    ),
    bind!(Picker, [k(K::Esc)], C::Quit, "退出", "Quit"),
    // Checklist tree.
    bind!(Tree, [k(K::Up), c('k')], C::MoveUp, "上移", "Move up"),
    bind!(
        Tree,
        [k(K::Down), c('j')],
        C::MoveDown,
        "下移",
        "Move down",
        "移动",
        "move"
    ),
    bind!(
        Tree,
        [k(K::Left), c('h')],
        C::Collapse,
        "折叠 / 回到上一级",
        "Collapse / go to parent"
    ),
    bind!(
        Tree,
        [k(K::Right), c('l')],
        C::Expand,
        "展开 / 进入下一级",
        "Expand / go to child"
    ),
    bind!(
        Tree,
        [k(K::PageDown), k(K::Char(' '))],
        C::ScrollDown,
        "右栏向下翻（看这一条下面的栏）",
        "Scroll the right pane down (the rest of this check)",
        "下翻",
        "more"
    ),
    bind!(
        Tree,
        [k(K::PageUp)],
        C::ScrollUp,
        "右栏向上翻",
        "Scroll the right pane up"
    ),
    bind!(Tree, [k(K::Home), c('g')], C::First, "第一条", "First line"),
    bind!(Tree, [k(K::End), c('G')], C::Last, "最后一条", "Last line"),
    bind!(
        Tree,
        [k(K::Enter), k(K::F(2))],
        C::Edit,
        "填写选中的检查内容",
        "Fill in the selected check",
        "填写",
        "edit"
    ),
    bind!(
        Tree,
        [k(K::Tab)],
        C::FocusNext,
        "转到右栏",
        "Focus the fields"
    ),
    bind!(
        Tree,
        [shift(K::BackTab), k(K::BackTab)],
        C::FocusPrev,
        "转到右栏最后一栏",
        "Focus the last field"
    ),
    // Detail pane (fields).
    bind!(
        Detail,
        [k(K::Up), c('k'), shift(K::BackTab), k(K::BackTab)],
        C::FocusPrev,
        "上一栏",
        "Previous field"
    ),
    bind!(
        Detail,
        [k(K::Down), c('j'), k(K::Tab)],
        C::FocusNext,
        "下一栏",
        "Next field",
        "换栏",
        "field"
    ),
    bind!(
        Detail,
        [k(K::Enter), k(K::F(2))],
        C::Edit,
        "编辑这一栏",
        "Edit this field",
        "编辑",
        "edit"
    ),
    bind!(
        Detail,
        [k(K::Left), k(K::Esc)],
        C::FocusTree,
        "回到左栏",
        "Back to the checklist"
    ),
    // Not in the footer: the "more above" mark on the pane names the key when it applies.
    bind!(
        Detail,
        [k(K::PageUp)],
        C::ScrollUp,
        "右栏向上翻",
        "Scroll the fields up"
    ),
    bind!(
        Detail,
        [k(K::PageDown), k(K::Char(' '))],
        C::ScrollDown,
        "右栏向下翻（看下面的栏）",
        "Scroll the fields down (to the fields below)",
        "下翻",
        "more"
    ),
    // Both panes of the walk-through.
    Binding {
        ctx: Ctx::Walk,
        keys: DIGITS,
        command: C::SetStatusDigit,
        zh: "设置落实情况（按检查表的选项：1 已落实 2 基本落实 3 未落实 4 不适用）",
        en: "Set the status (per the checklist: 1 done, 2 partly, 3 not done, 4 n/a)",
        footer: Some(("落实情况", "status")),
    },
    // Editing a field.
    bind!(
        Editing,
        [k(K::Esc), k(K::F(2))],
        C::FinishEdit,
        "完成编辑（保留文字）",
        "Finish editing (keeps the text)",
        "完成",
        "done"
    ),
    bind!(
        Editing,
        [k(K::Tab)],
        C::EditNext,
        "保存这一栏，编辑下一栏",
        "Keep this field, edit the next",
        "下一栏",
        "next"
    ),
    bind!(
        Editing,
        [shift(K::BackTab), k(K::BackTab)],
        C::EditPrev,
        "保存这一栏，编辑上一栏",
        "Keep this field, edit the previous"
    ),
    bind!(
        Editing,
        [ctrl('z')],
        C::Undo,
        "撤销",
        "Undo",
        "撤销",
        "undo"
    ),
    bind!(Editing, [ctrl('y')], C::Redo, "重做", "Redo"),
    bind!(
        Editing,
        [ctrl('s')],
        C::Save,
        "保存这一栏并立即存盘",
        "Keep the field and save now"
    ),
    bind!(
        Editing,
        [ctrl('q'), ctrl('c')],
        C::Quit,
        "保存并退出",
        "Save and quit",
        "退出",
        "quit"
    ),
    // Typing a search.
    bind!(
        Search,
        [k(K::Enter)],
        C::SearchSubmit,
        "搜索",
        "Search",
        "搜索",
        "search"
    ),
    bind!(
        Search,
        [k(K::Esc)],
        C::SearchCancel,
        "取消",
        "Cancel",
        "取消",
        "cancel"
    ),
    bind!(
        Search,
        [ctrl('q'), ctrl('c')],
        C::Quit,
        "保存并退出",
        "Save and quit",
        "退出",
        "quit"
    ),
    // Meeting details form.
    bind!(
        Form,
        [k(K::Up), shift(K::BackTab), k(K::BackTab)],
        C::MoveUp,
        "上一栏",
        "Previous field"
    ),
    bind!(
        Form,
        [k(K::Down), k(K::Tab)],
        C::MoveDown,
        "下一栏",
        "Next field",
        "换栏",
        "field"
    ),
    bind!(
        Form,
        [k(K::Left)],
        C::ChoicePrev,
        "选项：上一个（检查表、单位类别）",
        "Choice: previous (checklist, kind)"
    ),
    bind!(
        Form,
        [k(K::Right)],
        C::ChoiceNext,
        "选项：下一个",
        "Choice: next"
    ),
    bind!(
        Form,
        [ctrl('s'), k(K::F(2))],
        C::FormSubmit,
        "确定",
        "Done",
        "确定",
        "done"
    ),
    bind!(
        Form,
        [k(K::Esc)],
        C::FormCancel,
        "取消",
        "Cancel",
        "取消",
        "cancel"
    ),
    bind!(
        Form,
        [k(K::Enter)],
        C::EditNext,
        "下一栏（在最后一栏：确定）",
        "Next field (on the last: done)"
    ),
    bind!(
        Form,
        [ctrl('q'), ctrl('c')],
        C::Quit,
        "退出",
        "Quit",
        "退出",
        "quit"
    ),
    // Summary.
    bind!(Summary, [k(K::Up), c('k')], C::MoveUp, "上滚", "Scroll up"),
    bind!(
        Summary,
        [k(K::Down), c('j')],
        C::MoveDown,
        "下滚",
        "Scroll down"
    ),
    bind!(Summary, [k(K::PageUp)], C::PageUp, "上一页", "Page up"),
    bind!(
        Summary,
        [k(K::PageDown), k(K::Char(' '))],
        C::PageDown,
        "下一页",
        "Page down"
    ),
    bind!(
        Summary,
        [k(K::Esc), k(K::F(7)), c('r')],
        C::Summary,
        "回到检查表",
        "Back to the checklist",
        "返回",
        "back"
    ),
    bind!(
        Summary,
        [k(K::Tab)],
        C::FocusNext,
        "选择下一段总结文字（系统总结提升）",
        "Select the next closing text",
        "选择",
        "select"
    ),
    bind!(
        Summary,
        [shift(K::BackTab), k(K::BackTab)],
        C::FocusPrev,
        "选择上一段总结文字",
        "Select the previous closing text"
    ),
    bind!(
        Summary,
        [k(K::Enter), k(K::F(2))],
        C::Edit,
        "编辑选中的总结文字",
        "Edit the selected closing text",
        "编辑",
        "edit"
    ),
    bind!(
        Confirm,
        [k(K::Enter), k(K::F(2))],
        C::RestoreRecovery,
        "恢复崩溃前的记录",
        "Restore the record from before the crash",
        "恢复",
        "restore"
    ),
    bind!(
        Confirm,
        [k(K::Esc)],
        C::DiscardRecovery,
        "丢弃恢复副本",
        "Discard the recovery copy",
        "丢弃",
        "discard"
    ),
    bind!(
        Confirm,
        [ctrl('q'), ctrl('c')],
        C::Quit,
        "退出（保留恢复副本）",
        "Quit (keeps the recovery copy)"
    ),
    // Projector view.
    bind!(
        Projector,
        [k(K::PageDown), k(K::Char(' '))],
        C::ScrollDown,
        "向下翻（看这一条下面的内容）",
        "Scroll down (the rest of this check)",
        "下翻",
        "more"
    ),
    // Not in the footer: the "more above" mark on the pane names the key when it applies.
    bind!(
        Projector,
        [k(K::PageUp)],
        C::ScrollUp,
        "向上翻",
        "Scroll up"
    ),
    bind!(
        Projector,
        [k(K::Up), c('k')],
        C::PrevCheck,
        "上一条检查内容",
        "Previous check"
    ),
    bind!(
        Projector,
        [k(K::Down), c('j')],
        C::NextCheck,
        "下一条检查内容",
        "Next check",
        "下一条",
        "next"
    ),
    bind!(
        Projector,
        [k(K::Esc), k(K::F(5)), c('p')],
        C::Projector,
        "退出投影模式",
        "Leave projector mode",
        "退出投影",
        "leave"
    ),
    bind!(
        Projector,
        [k(K::Enter), k(K::F(2))],
        C::Edit,
        "填写（回到普通视图）",
        "Fill in (back to the normal view)"
    ),
    // The walk-through, both panes and the projector.
    bind!(
        Walk,
        [c('n'), k(K::F(3))],
        C::NextUnanswered,
        "下一条未检查的",
        "Next unanswered check",
        "下一未查",
        "next open"
    ),
    bind!(
        Walk,
        [c('N'), shift(K::F(3))],
        C::PrevUnanswered,
        "上一条未检查的",
        "Previous unanswered check"
    ),
    bind!(
        Walk,
        [ctrl('z')],
        C::Undo,
        "撤销上一次落实情况 / 待议 / 整改进展的修改",
        "Undo the last status / flag / rectification change"
    ),
    bind!(
        Walk,
        [ctrl('y')],
        C::Redo,
        "重做撤销的修改",
        "Redo the undone change"
    ),
    bind!(
        Walk,
        [ctrl('g'), c('#'), c('＃')],
        C::GoTo,
        "转到第几条（输入编号，如 3.2）",
        "Go to a check by its number (such as 3.2)",
        "转到",
        "go to"
    ),
    bind!(
        Walk,
        [c('0'), k(K::Delete)],
        C::ClearStatus,
        "清除落实情况",
        "Clear the status"
    ),
    bind!(
        Walk,
        [c('f'), ctrl('t')],
        C::ToggleFlag,
        "标记 / 取消待议",
        "Flag / unflag for discussion",
        "待议",
        "flag"
    ),
    bind!(
        Walk,
        [c('/'), c('、'), c('／'), ctrl('f')],
        C::StartSearch,
        "搜索全部文字",
        "Search all text",
        "搜索",
        "search"
    ),
    bind!(
        Walk,
        [c('v'), k(K::F(6))],
        C::CycleFilter,
        "切换显示：全部 / 未检查 / 待议 / 上次遗留（据上次记录生成时）",
        "Show: all / unanswered / flagged / left from last time (a record made from an earlier one)"
    ),
    bind!(
        Walk,
        [c('p'), k(K::F(5))],
        C::Projector,
        "投影模式",
        "Projector mode",
        "投影",
        "projector"
    ),
    bind!(
        Walk,
        [c('r'), k(K::F(7))],
        C::Summary,
        "汇总（进度、问题清单）",
        "Summary (progress, problems)",
        "汇总",
        "summary"
    ),
    bind!(
        Walk,
        [c('m'), k(K::F(4))],
        C::MeetingDetails,
        "会议信息",
        "Meeting details"
    ),
    bind!(
        Walk,
        [k(K::Esc)],
        C::ClearFilter,
        "清除筛选 / 搜索",
        "Clear the filter / search"
    ),
    bind!(
        Walk,
        [c('e'), k(K::F(8))],
        C::Export,
        "导出报告（md、docx）、检查表和整改台账（xlsx、csv）到记录所在文件夹",
        "Export the report (md, docx), checklist and ledger (xlsx, csv) beside the session file"
    ),
    bind!(
        Summary,
        [c('e'), k(K::F(8))],
        C::Export,
        "导出报告、检查表和整改台账",
        "Export the report, checklist and ledger",
        "导出",
        "export"
    ),
    bind!(
        Walk,
        [k(K::F(9)), c('u')],
        C::ToggleFollow,
        "跟随视图：暂停 / 恢复跟随记录人",
        "Live view: stop / resume following the recorder",
        "跟随",
        "follow"
    ),
    bind!(
        Picker,
        [k(K::F(9)), c('u')],
        C::OpenFollow,
        "跟随打开（只读，实时显示记录人的修改，用于投影）",
        "Open as a live read-only view of the recorder (for the projector)",
        "跟随",
        "follow"
    ),
    bind!(
        Walk,
        [ctrl('e')],
        C::SaveAs,
        "另存为（原文件无法写入时）",
        "Save to another file (when the usual one cannot be written)"
    ),
    // Help.
    bind!(
        Help,
        [k(K::Esc), c('?'), c('？'), k(K::F(1)), c('q')],
        C::Help,
        "关闭说明",
        "Close help"
    ),
    bind!(Help, [k(K::Up), c('k')], C::MoveUp, "上滚", "Scroll up"),
    bind!(
        Help,
        [k(K::Down), c('j')],
        C::MoveDown,
        "下滚",
        "Scroll down"
    ),
    bind!(Help, [k(K::PageUp)], C::PageUp, "上一页", "Page up"),
    bind!(Help, [k(K::Home), c('g')], C::First, "到开头", "To the top"),
    bind!(Help, [k(K::End), c('G')], C::Last, "到末尾", "To the end"),
    bind!(
        Help,
        [k(K::PageDown), k(K::Char(' '))],
        C::PageDown,
        "下一页",
        "Page down"
    ),
];
