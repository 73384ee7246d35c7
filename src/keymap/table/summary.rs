//! The bindings of the summary, the recovery question, following up the previous meeting, a
//! check's history and sign-off.
use crossterm::event::KeyCode;

use super::super::{Binding, Ctx, c, ctrl, k, shift};
use crate::action::Command;

use Command as C;
use KeyCode as K;

/// The summary and the recovery question.
pub(super) const SUMMARY: &[Binding] = &[
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
];

/// Following up the previous meeting, the history, and sign-off.
pub(super) const FOLLOW_UP: &[Binding] = &[
    // Following up the previous meeting, the history, and sign-off.
    bind!(
        Walk,
        [ctrl('p'), c('c')],
        C::CopyPrevious,
        "带入上次的内容作为起点（选中的栏；在左栏时带入所有空栏；可撤销）",
        "Copy the previous meeting's answer in as a starting point (the selected field; from the checklist, every empty field; undoable)",
        "带入上次",
        "copy last"
    ),
    bind!(
        Walk,
        [ctrl('k'), c('X')],
        C::FollowUpCarried,
        "上次整改措施：更新进展、销号",
        "Carried-over measures: update progress, close (销号)"
    ),
    bind!(
        Walk,
        [ctrl('l'), c('H')],
        C::ShowHistory,
        "修改历史（这一条：何时、谁、哪一栏、原值 -> 新值）",
        "History of changes (this check: when, who, which field, old -> new)"
    ),
    bind!(
        Summary,
        [ctrl('d'), c('d')],
        C::Sign,
        "签字确认（主持人、主要负责人输入本人姓名）",
        "Sign the record (the chair and the principal type their names)",
        "签字",
        "sign"
    ),
    bind!(
        Summary,
        [ctrl('o'), c('o')],
        C::Reopen,
        "重新打开已签字的记录进行修改（签字作废，记入历史）",
        "Reopen the signed record for amendment (voids the signatures; recorded in the history)",
        "重新打开",
        "reopen"
    ),
    bind!(
        Picker,
        [ctrl('x'), c('b')],
        C::NewFrom,
        "以该单位最近一次会议记录为基础新建（落实情况留空，带入未完成的整改措施）",
        "New session based on this unit's latest one (statuses empty, open measures carried over)",
        "以此为基础",
        "based on"
    ),
    bind!(
        Form,
        [ctrl('x')],
        C::NewFrom,
        "新建时：以该单位的哪次记录为基础（依次切换，或不以任何记录为基础）",
        "New session: which earlier session of the unit to start from (cycles, or none)"
    ),
    // A check's history.
    bind!(
        History,
        [k(K::Esc), ctrl('l'), c('H'), c('q')],
        C::ShowHistory,
        "关闭修改历史",
        "Close the history",
        "关闭",
        "close"
    ),
    bind!(History, [k(K::Up), c('k')], C::MoveUp, "上滚", "Scroll up"),
    bind!(
        History,
        [k(K::Down), c('j')],
        C::MoveDown,
        "下滚",
        "Scroll down",
        "滚动",
        "scroll"
    ),
    bind!(History, [k(K::PageUp)], C::PageUp, "上一页", "Page up"),
    bind!(
        History,
        [k(K::PageDown), k(K::Char(' '))],
        C::PageDown,
        "下一页",
        "Page down"
    ),
    bind!(
        History,
        [k(K::Home), c('g')],
        C::First,
        "到开头",
        "To the top"
    ),
    bind!(
        History,
        [k(K::End), c('G')],
        C::Last,
        "到末尾",
        "To the end"
    ),
    bind!(
        History,
        [ctrl('q'), ctrl('c')],
        C::Quit,
        "保存并退出",
        "Save and quit"
    ),
];
