//! The bindings of the summary and the recovery question.
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
        [k(K::Home), c('g')],
        C::First,
        "到开头",
        "To the top"
    ),
    bind!(
        Summary,
        [k(K::End), c('G')],
        C::Last,
        "到末尾",
        "To the end"
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
