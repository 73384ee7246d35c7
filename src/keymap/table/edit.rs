//! The bindings of the session list, the checklist tree and its fields, search, and the
//! meeting details form.
use crossterm::event::KeyCode;

use super::super::{Binding, Ctx, Key, c, ctrl, k, shift};
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

/// The session list, the tree, the detail pane, editing a field, search and the form.
pub(super) const EDIT: &[Binding] = &[
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
];
