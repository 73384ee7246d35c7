//! Tier 1 for a meeting that follows the last: key strings folded through the keymap and
//! `App::update` on a session made from an earlier one — 上次 copied in and undone,
//! carried-over measures followed up and closed, a check's history, sign-off (names typed,
//! never prefilled), a signed record refusing every change with the reason, reopening, and a
//! new session based on the unit's latest one from the picker and the form.

mod followup_support;
mod ui_support;

use chrono::{Duration, NaiveDate};
use selfcheck::app::tree::Row;
use selfcheck::app::{Action, App, Effect, PickerEntry, Screen};
use selfcheck::i18n::Lang;
use selfcheck::keymap::Ctx;

use followup_support::{t1, year_two};
use selfcheck::model::history::{EventKind, HistField};
use selfcheck::model::session::RectificationState;
use selfcheck::model::signoff::Role;
use selfcheck::model::{Field, Session};
use ui_support::{app_with, burst, field, press, screen, status, t0};

/// Year two open in the interface, its clock a year on.
fn app_two() -> App {
    let mut a = app_with(year_two(), false, 120, 40);
    a.update(Action::Tick(t1()));
    a
}

fn message(a: &App) -> String {
    a.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

fn session_of(a: &App) -> &Session {
    &a.walk.as_ref().expect("a session is open").session
}

fn select(a: &mut App, id: &str) {
    let w = a.walk.as_mut().expect("open");
    let pos = w.index.position(id).expect("a check");
    w.tree.select_check(&w.session, pos);
}

#[test]
fn statuses_start_empty_and_the_previous_answer_is_copied_into_a_field_and_undone() {
    let mut a = app_two();
    assert_eq!(
        status(&a, "dept-1-1"),
        None,
        "nothing counts as re-assessed"
    );
    // The 存在问题 field: copy the previous text in.
    press(&mut a, "<tab><down><c-p>");
    assert_eq!(
        field(&a, "dept-1-1", Field::Problems),
        "部分科室职责边界不清"
    );
    assert!(message(&a).contains("Ctrl+Z"), "{}", message(&a));
    assert_eq!(
        field(&a, "dept-1-1", Field::Evidence),
        "",
        "only that field"
    );
    assert_eq!(status(&a, "dept-1-1"), None, "the status is never copied");
    press(&mut a, "<c-z>");
    assert_eq!(field(&a, "dept-1-1", Field::Problems), "");
    press(&mut a, "<c-y>");
    assert_eq!(
        field(&a, "dept-1-1", Field::Problems),
        "部分科室职责边界不清"
    );
    // From the checklist pane: every field still empty, in one undo step.
    press(&mut a, "<esc><c-p>");
    for (f, v) in [
        (Field::Evidence, "已制定职责清单"),
        (Field::Causes, "机构调整后未及时修订"),
        (Field::Measures, "修订职责清单"),
        (Field::Owner, "办公室 王一"),
        (Field::Due, "2024-03-31"),
    ] {
        assert_eq!(field(&a, "dept-1-1", f), v, "{f:?}");
    }
    assert!(message(&a).contains('5'), "{}", message(&a));
    press(&mut a, "<c-z>");
    assert_eq!(field(&a, "dept-1-1", Field::Evidence), "");
    assert_eq!(field(&a, "dept-1-1", Field::Due), "");
    assert_eq!(
        field(&a, "dept-1-1", Field::Problems),
        "部分科室职责边界不清",
        "the earlier copy stays"
    );
    // Each copy is in the answer's history, with the recorder of this meeting.
    let h = &session_of(&a).answer("dept-1-1").unwrap().history;
    assert!(
        h.iter()
            .any(|c| c.field == HistField::Evidence && c.by == "周文"),
        "{h:?}"
    );
    // A check with no previous answer says so.
    select(&mut a, "dept-1-4");
    press(&mut a, "<c-p>");
    assert!(message(&a).contains("没有上次"), "{}", message(&a));
}

#[test]
fn a_carried_measure_gets_progress_then_is_closed_with_evidence() {
    let mut a = app_two();
    let carried = |a: &App| session_of(a).answer("dept-1-1").unwrap().carried_over[0].clone();
    assert_eq!(carried(&a).state, RectificationState::NotStarted);
    assert!(carried(&a).is_overdue(t1().date_naive()));
    // Progress: 整改中, in words.
    press(&mut a, "<c-k>");
    assert_eq!(a.context(), Ctx::Form, "the dialog takes the keys");
    press(&mut a, "<right><down>已修订初稿<c-s>");
    assert!(a.dialog.is_none());
    assert_eq!(carried(&a).state, RectificationState::InProgress);
    assert_eq!(carried(&a).progress, "已修订初稿");
    assert!(message(&a).contains("进展"), "{}", message(&a));
    // 销号 needs evidence; the dialog stays open and says so.
    press(&mut a, "<c-k><right><c-s>");
    let d = a.dialog.as_ref().expect("still open");
    assert!(
        d.error.as_deref().is_some_and(|e| e.contains("佐证")),
        "{:?}",
        d.error
    );
    assert_eq!(carried(&a).state, RectificationState::InProgress);
    // The evidence row is focused; a day that is not a date is refused too.
    press(&mut a, "文件已印发<up><c-u>明天<c-s>");
    assert!(a.dialog.is_some(), "a bad day keeps the dialog");
    press(&mut a, "<c-u>2024-11-30<c-s>");
    assert!(a.dialog.is_none());
    let m = carried(&a);
    assert_eq!(m.state, RectificationState::Done);
    assert_eq!(m.closed_on, NaiveDate::from_ymd_opt(2024, 11, 30));
    assert_eq!(m.closing_evidence, "文件已印发");
    assert!(!m.is_overdue(t1().date_naive()), "closed is never overdue");
    // The history has each step.
    let h = &session_of(&a).answer("dept-1-1").unwrap().history;
    let steps = h
        .iter()
        .filter(|c| c.field == HistField::CarriedOver)
        .count();
    assert!(steps >= 3, "carried over, progress, closed: {h:?}");
    // Esc cancels without a change; a check without carried measures says so.
    press(&mut a, "<c-k><left><esc>");
    assert_eq!(carried(&a).state, RectificationState::Done);
    select(&mut a, "dept-1-2");
    press(&mut a, "<c-k>");
    assert!(a.dialog.is_none());
    assert!(message(&a).contains("没有上次整改措施"), "{}", message(&a));
}

#[test]
fn a_repeat_finding_and_an_overdue_carried_measure_are_marked() {
    let mut a = app_two();
    let tags = |a: &App, id: &str| selfcheck::app::previous::tree_tags(a, session_of(a), id);
    assert!(
        tags(&a, "dept-1-3").contains("逾期"),
        "{}",
        tags(&a, "dept-1-3")
    );
    assert!(!tags(&a, "dept-1-3").contains("反复"));
    assert_eq!(
        tags(&a, "dept-1-2"),
        "",
        "nothing carried, not short last time"
    );
    select(&mut a, "dept-1-3");
    press(&mut a, "3");
    assert!(
        tags(&a, "dept-1-3").contains("反复"),
        "{}",
        tags(&a, "dept-1-3")
    );
    // 已落实 this time: no longer a repeat.
    press(&mut a, "1");
    assert!(!tags(&a, "dept-1-3").contains("反复"));
    // Before its deadline a carried measure is not overdue.
    let mut early = app_with(year_two(), false, 120, 40);
    early.update(Action::Tick(t0() + Duration::days(30)));
    assert!(
        !selfcheck::app::previous::tree_tags(&early, session_of(&early), "dept-1-3")
            .contains("逾期")
    );
}

#[test]
fn the_history_of_a_check_opens_scrolls_and_closes() {
    let mut a = app_two();
    press(&mut a, "<tab><down><c-p><esc>3");
    press(&mut a, "<c-l>");
    assert_eq!(a.context(), Ctx::History);
    let v = a.history_view.clone().expect("shown");
    assert_eq!(v.check, "dept-1-1");
    let lines = selfcheck::app::history_view::lines(
        &a,
        session_of(&a),
        "dept-1-1",
        100,
        &selfcheck::app::pane::Paint::default(),
    );
    let text: Vec<String> = lines.iter().map(ToString::to_string).collect();
    let all = text.join("\n");
    assert!(all.contains("周文"), "{all}");
    assert!(all.contains("落实情况：（空） -> 未落实"), "{all}");
    assert!(
        all.contains("存在问题（问题不足、短板差距）：（空） -> 部分科室职责边界不清"),
        "{all}"
    );
    // Newest first: the status set last comes before the copy.
    let status_at = all.find("-> 未落实").unwrap();
    let copy_at = all.find("-> 部分科室").unwrap();
    assert!(status_at < copy_at);
    assert!(
        all.contains("据上次会议记录生成"),
        "the record's own events"
    );
    // Keys of the walk-through do nothing while it is shown; Esc closes it.
    press(&mut a, "<down><end>1");
    assert_eq!(status(&a, "dept-1-1").as_deref(), Some("not_done"));
    press(&mut a, "<esc>");
    assert!(a.history_view.is_none());
    assert_eq!(a.context(), Ctx::Tree);
    // On a heading there is no check to show.
    let mut b = app_two();
    press(&mut b, "<up><c-l>");
    assert!(b.history_view.is_none());
    assert!(message(&b).contains("检查内容"), "{}", message(&b));
}

#[test]
fn signing_takes_typed_names_and_a_signed_record_refuses_every_change() {
    let mut a = app_two();
    press(&mut a, "1r<c-d>");
    assert_eq!(a.context(), Ctx::Form);
    // Checks without a status: the dialog says so before anyone signs.
    let shown = screen(&a, 100, 40);
    assert!(shown.contains("项未检查"), "{shown}");
    let d = a.dialog.as_ref().expect("sign dialog");
    assert_eq!(d.role(), Some(Role::Host));
    assert_eq!(
        d.text(0),
        "",
        "never filled in from the login or the record"
    );
    press(&mut a, "<c-s>");
    assert!(
        a.dialog
            .as_ref()
            .and_then(|d| d.error.clone())
            .is_some_and(|e| e.contains("姓名")),
        "an empty name is refused"
    );
    burst(&mut a, "张主任");
    press(&mut a, "<enter>");
    assert!(a.dialog.is_none());
    let s = session_of(&a);
    assert_eq!(s.signatures.len(), 1);
    assert_eq!(s.signatures[0].role, Role::Host);
    assert_eq!(s.signatures[0].name, "张主任");
    assert!(message(&a).contains("校验码"), "{}", message(&a));
    // The principal next; the chair is not offered again.
    press(&mut a, "<c-d>");
    assert_eq!(
        a.dialog
            .as_ref()
            .and_then(selfcheck::app::dialog::Dialog::role),
        Some(Role::Principal)
    );
    press(&mut a, "<esc>");
    assert!(a.dialog.is_none());
    assert_eq!(session_of(&a).signatures.len(), 1, "Esc signs nothing");

    // Read-only now: every editing key is refused with the reason, and nothing changes.
    let before = session_of(&a).clone();
    press(&mut a, "<enter>");
    assert!(
        a.walk.as_ref().unwrap().editor.is_none(),
        "no closing text edited"
    );
    assert!(message(&a).contains("已签字"), "{}", message(&a));
    press(&mut a, "<esc>");
    assert_eq!(a.screen, Screen::Walk);
    for keys in [
        "2",
        "0",
        "f",
        "<enter>",
        "<c-p>",
        "<c-k>",
        "m",
        "<c-z>",
        "<tab><enter>",
    ] {
        a.message = None;
        press(&mut a, keys);
        let m = message(&a);
        assert!(m.contains("已签字") && m.contains("Ctrl+O"), "{keys}: {m}");
        assert_eq!(
            a.context(),
            if keys.starts_with("<tab>") {
                Ctx::Detail
            } else {
                Ctx::Tree
            },
            "{keys}"
        );
        press(&mut a, "<esc>");
    }
    burst(&mut a, "补充说明");
    assert!(message(&a).contains("已签字"), "typing is refused too");
    assert_eq!(session_of(&a).answers, before.answers, "nothing changed");
    assert!(a.walk.as_ref().unwrap().editor.is_none());
    // Moving, the history and the summary still work.
    press(&mut a, "<down><c-l>");
    assert_eq!(a.context(), Ctx::History);
    press(&mut a, "<esc>");

    reopen_asks_for_a_name_records_it_and_voids_the_signature(a);
}

fn reopen_asks_for_a_name_records_it_and_voids_the_signature(mut a: App) {
    press(&mut a, "r<c-o>");
    assert_eq!(a.context(), Ctx::Form);
    press(&mut a, "<c-s>");
    assert_eq!(session_of(&a).signatures.len(), 1, "no name, no reopening");
    burst(&mut a, "李明");
    press(&mut a, "<tab>");
    burst(&mut a, "补记佐证");
    press(&mut a, "<c-s>");
    let s = session_of(&a);
    assert!(s.signatures.is_empty(), "voided");
    let e = s.history.last().expect("an event");
    assert_eq!(e.kind, EventKind::Reopened);
    assert_eq!(e.by, "李明");
    assert_eq!(e.detail, "补记佐证");
    assert_eq!(e.voided.len(), 1);
    assert_eq!(e.voided[0].name, "张主任");
    let lines = selfcheck::app::history_view::lines(
        &a,
        s,
        "dept-1-1",
        100,
        &selfcheck::app::pane::Paint::default(),
    );
    let all: Vec<String> = lines.iter().map(ToString::to_string).collect();
    let all = all.join("\n");
    assert!(
        all.contains("重新打开进行修改，签字作废：补记佐证"),
        "{all}"
    );
    assert!(all.contains("作废的签字：主持人 张主任"), "{all}");
    select(&mut a, "dept-1-1");
    press(&mut a, "<esc>2");
    assert_eq!(
        status(&a, "dept-1-1").as_deref(),
        Some("partial"),
        "editable again"
    );
    // Not signed: nothing to reopen.
    press(&mut a, "r<c-o>");
    assert!(a.dialog.is_none());
    assert!(message(&a).contains("尚未签字"), "{}", message(&a));
}

#[test]
fn a_record_signed_elsewhere_opens_read_only_in_the_same_way() {
    let mut s = year_two();
    s.sign(Role::Principal, "王局长", t1()).unwrap();
    let mut a = app_with(s, false, 80, 24);
    press(&mut a, "1");
    assert_eq!(status(&a, "dept-1-1"), None);
    assert!(message(&a).contains("重新打开"), "{}", message(&a));
    // A heading still folds: Enter there changes nothing in the record.
    press(&mut a, "<up><enter>");
    assert!(!message(&a).contains("已签字"), "{}", message(&a));
    let mut en = app_with(
        {
            let mut s = year_two();
            s.sign(Role::Host, "Zhang", t1()).unwrap();
            s
        },
        false,
        80,
        24,
    );
    en.lang = Lang::En;
    press(&mut en, "f");
    assert!(
        message(&en).contains("Signed, read-only"),
        "{}",
        message(&en)
    );
}

fn entry(path: &str, unit: &str, date: &str) -> PickerEntry {
    PickerEntry {
        path: path.into(),
        unit: unit.into(),
        title: String::new(),
        date: date.into(),
        template: "部门“三管三必须”责任落实情况对照检查表".into(),
        answered: 3,
        total: 15,
        locked_by: None,
        error: None,
    }
}

#[test]
fn a_new_session_based_on_the_units_latest_from_the_picker_and_the_form() {
    let mut a = App::new(Lang::Zh, t1(), ratatui::layout::Rect::new(0, 0, 120, 40));
    a.update(Action::PickerLoaded(vec![
        entry("/d/2024-12-05-甲.json", "甲局", "2024-12-05"),
        entry("/d/2024-06-01-乙.json", "乙局", "2024-06-01"),
        entry("/d/2023-12-05-甲.json", "甲局", "2023-12-05"),
    ]));
    // On "new session" there is nothing to base it on.
    press(&mut a, "<up><c-x>");
    assert_eq!(a.screen, Screen::Picker);
    assert!(message(&a).contains("先选中"), "{}", message(&a));
    // An older session of 甲局 selected: the form starts from the unit's latest.
    press(&mut a, "<down><down><down><c-x>");
    assert_eq!(a.screen, Screen::Form);
    let form = a.form.as_ref().unwrap();
    assert_eq!(form.text(selfcheck::app::form::FormRow::Unit), "甲局");
    assert_eq!(
        a.based_on.as_ref().map(|b| b.path.clone()),
        Some("/d/2024-12-05-甲.json".into())
    );
    assert!(a.based_on_note().unwrap().contains("2024-12-05"));
    // Ctrl+X in the form: the earlier one, then none, then the latest again.
    press(&mut a, "<c-x>");
    assert_eq!(a.based_on.as_ref().unwrap().date, "2023-12-05");
    press(&mut a, "<c-x>");
    assert!(a.based_on.is_none());
    assert!(
        a.based_on_note().unwrap().contains("Ctrl+X"),
        "the unit's latest is offered"
    );
    press(&mut a, "<c-x>");
    assert_eq!(a.based_on.as_ref().unwrap().date, "2024-12-05");
    let run = press(&mut a, "<c-s>");
    let made = run
        .effects
        .iter()
        .find_map(|e| match e {
            Effect::CreateFrom { session, from } => Some((session.clone(), from.clone())),
            _ => None,
        })
        .expect("created from the earlier session");
    assert_eq!(made.1, std::path::PathBuf::from("/d/2024-12-05-甲.json"));
    assert_eq!(made.0.unit.name, "甲局");
    assert!(a.based_on.is_none(), "used once");
    // A unit with no sessions: nothing to offer, and a plain session is made.
    let mut b = App::new(Lang::Zh, t1(), ratatui::layout::Rect::new(0, 0, 120, 40));
    b.update(Action::PickerLoaded(vec![entry(
        "/d/x.json",
        "甲局",
        "2024-12-05",
    )]));
    press(&mut b, "<c-n>");
    burst(&mut b, "丙局");
    assert!(b.based_on_note().is_none());
    press(&mut b, "<c-x>");
    assert!(b.based_on.is_none());
    assert!(
        b.form
            .as_ref()
            .unwrap()
            .error
            .as_deref()
            .is_some_and(|e| e.contains("没有")),
        "says there is nothing to start from"
    );
    let run = press(&mut b, "<c-s>");
    assert!(run.effects.iter().any(|e| matches!(e, Effect::Create(_))));
}

#[test]
fn the_right_pane_shows_last_time_beside_the_fields_and_the_carried_measures() {
    let mut a = app_two();
    select(&mut a, "dept-1-3");
    press(&mut a, "3");
    let w = a.walk.as_ref().unwrap();
    let Some(Row::Check(pos)) = w.tree.current() else {
        panic!("on a check")
    };
    let dt = selfcheck::app::pane::detail_text(
        &a,
        w,
        pos,
        70,
        40,
        &selfcheck::app::pane::Paint::default(),
    );
    let text: Vec<String> = dt.lines.iter().map(ToString::to_string).collect();
    let all = text.join("\n");
    assert!(all.contains("上次：未落实"), "{all}");
    assert!(all.contains("【反复出现】"), "{all}");
    assert!(all.contains("上次：未开展专项培训"), "{all}");
    assert!(all.contains("上次整改措施（1）"), "{all}");
    assert!(all.contains("整改进展：未开始（已逾期）"), "{all}");
    assert!(all.contains("Ctrl+P"), "the copy key is named: {all}");
}

#[test]
fn a_record_changed_by_hand_after_signing_is_shown_as_such_and_not_signed_again() {
    let mut s = year_two();
    s.sign(Role::Host, "张主任", t1()).unwrap();
    // An edit by hand: the file's text changed, nothing else.
    s.answers.get_mut("dept-1-1").unwrap().evidence = "事后补写".into();
    let mut a = app_with(s, false, 120, 40);
    press(&mut a, "r");
    let w = a.walk.as_ref().unwrap();
    let lines =
        selfcheck::app::pane::summary_lines(&a, w, 110, &selfcheck::app::pane::Paint::default()).0;
    let all: Vec<String> = lines.iter().map(ToString::to_string).collect();
    let all = all.join("\n");
    assert!(all.contains("签字后内容有改动"), "{all}");
    press(&mut a, "<c-d>");
    assert!(a.dialog.is_none(), "an altered record is not signed again");
    assert!(message(&a).contains("改动"), "{}", message(&a));
    // Untouched, the same record matches.
    let mut s = year_two();
    s.sign(Role::Host, "张主任", t1()).unwrap();
    let mut b = app_with(s, false, 120, 40);
    press(&mut b, "r");
    let w = b.walk.as_ref().unwrap();
    let lines =
        selfcheck::app::pane::summary_lines(&b, w, 110, &selfcheck::app::pane::Paint::default()).0;
    let all: Vec<String> = lines.iter().map(ToString::to_string).collect();
    assert!(!all.join("\n").contains("签字后内容有改动"));
    press(&mut b, "<c-d>");
    assert!(b.dialog.is_some(), "the principal may sign");
}

#[test]
fn typing_into_a_field_is_one_history_entry_per_visit_to_it() {
    let mut a = ui_support::app("gov");
    press(&mut a, "<enter>");
    burst(&mut a, "已印发");
    // A pause: the text reaches the record while the field is still open.
    a.update(Action::Tick(t0() + Duration::seconds(3)));
    burst(&mut a, "清单");
    a.update(Action::Tick(t0() + Duration::seconds(6)));
    press(&mut a, "<esc>");
    let history = |a: &App| session_of(a).answer("gov-1-1").unwrap().history.clone();
    let h = history(&a);
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!(h[0].new, serde_json::json!("已印发清单"));
    assert_eq!(h[0].by, "李明");
    // The next visit is an entry of its own.
    press(&mut a, "<enter>");
    burst(&mut a, "并公示");
    press(&mut a, "<esc>");
    let h = history(&a);
    assert_eq!(h.len(), 2, "{h:?}");
    assert_eq!(h[1].old, serde_json::json!("已印发清单"));
    assert_eq!(h[1].new, serde_json::json!("已印发清单并公示"));
}

#[test]
fn the_tree_can_show_only_what_is_left_from_last_time() {
    let mut a = app_two();
    press(&mut a, "vvv");
    let w = a.walk.as_ref().unwrap();
    assert_eq!(w.tree.filter, selfcheck::app::tree::Filter::FollowUp);
    assert_eq!(
        w.tree.shown_checks, 2,
        "1.1 and 1.3: short last time, measures open"
    );
    press(&mut a, "v");
    assert_eq!(
        a.walk.as_ref().unwrap().tree.filter,
        selfcheck::app::tree::Filter::All
    );
    // A record not made from an earlier one has no such view.
    let mut b = ui_support::app("dept");
    press(&mut b, "vvv");
    assert_eq!(
        b.walk.as_ref().unwrap().tree.filter,
        selfcheck::app::tree::Filter::All
    );
}

#[test]
fn while_typing_the_previous_text_is_inserted_at_the_cursor_and_undone() {
    let mut a = app_two();
    press(&mut a, "<tab><down><enter>");
    assert_eq!(a.context(), Ctx::Editing);
    burst(&mut a, "本次：");
    press(&mut a, "<c-p>");
    let text = |a: &App| {
        a.walk
            .as_ref()
            .unwrap()
            .editor
            .as_ref()
            .unwrap()
            .area
            .lines()
            .join("\n")
    };
    assert_eq!(text(&a), "本次：部分科室职责边界不清");
    press(&mut a, "<c-z>");
    assert_eq!(text(&a), "本次：", "one undo step of the editor");
    press(&mut a, "<c-p><esc>");
    assert_eq!(
        field(&a, "dept-1-1", Field::Problems),
        "本次：部分科室职责边界不清"
    );
    // A single-line field gets it on one line.
    press(&mut a, "<down><down><down><enter><c-p><esc>");
    assert_eq!(field(&a, "dept-1-1", Field::Owner), "办公室 王一");
}
