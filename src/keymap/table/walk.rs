//! The bindings of the projector view and of the walk-through shared by the tree, the fields
//! and the projector.
use crossterm::event::KeyCode;

use super::super::{Binding, Ctx, c, ctrl, k, shift};
use crate::action::Command;

use Command as C;
use KeyCode as K;

/// The projector view, then the walk-through (both panes and the projector).
pub(super) const WALK: &[Binding] = &[
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
];
