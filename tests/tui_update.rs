//! Tier 1: key strings folded through the keymap and `App::update`, asserting on the session.

mod ui_support;

use chrono::{Duration, NaiveDate};
use selfcheck::app::tree::{Filter, Row};
use selfcheck::app::{Action, Effect, Screen};
use selfcheck::keymap::Ctx;
use selfcheck::model::Field;
use selfcheck::store::Changed;
use ui_support::{app, app_with, changed, current_check_id, field, press, session, status, t0};

#[test]
fn opens_on_the_first_check() {
    let a = app("gov");
    assert_eq!(current_check_id(&a).as_deref(), Some("gov-1-1"));
    assert_eq!(a.context(), Ctx::Tree);
}

#[test]
fn digits_set_and_clear_the_status_and_the_tally_follows() {
    let mut a = app("gov");
    press(&mut a, "1<down>2<down>3<down>4");
    assert_eq!(status(&a, "gov-1-1").as_deref(), Some("done"));
    assert_eq!(status(&a, "gov-1-2").as_deref(), Some("partial"));
    assert_eq!(status(&a, "gov-1-3").as_deref(), Some("not_done"));
    // The fourth <down> lands on item 2's heading: no check, so no status.
    assert_eq!(status(&a, "gov-2-1"), None);
    let w = a.walk.as_ref().unwrap();
    assert_eq!(w.tally.overall(), (3, 13));
    assert_eq!(w.tally.item(0, 0), (3, 3));
    assert_eq!(w.tally.by_status(), &[1, 1, 1, 0]);
    press(&mut a, "<up><up><up>0");
    assert_eq!(status(&a, "gov-1-1"), None);
    assert_eq!(a.walk.as_ref().unwrap().tally.overall(), (2, 13));
    // Digits beyond the answer set do nothing.
    press(&mut a, "9");
    assert_eq!(status(&a, "gov-1-1"), None);
}

#[test]
fn typing_chinese_into_fields_with_tab_between_them() {
    let mut a = app("dept");
    let run = press(
        &mut a,
        "<enter>已制定《安全生产工作职责清单》<tab>部分科室职责边界不清<tab>认识不到位<tab>明确职责分工<tab>办公室 王一<tab>2023年12月31日<esc>",
    );
    assert_eq!(
        field(&a, "dept-1-1", Field::Evidence),
        "已制定《安全生产工作职责清单》"
    );
    assert_eq!(
        field(&a, "dept-1-1", Field::Problems),
        "部分科室职责边界不清"
    );
    assert_eq!(field(&a, "dept-1-1", Field::Causes), "认识不到位");
    assert_eq!(field(&a, "dept-1-1", Field::Measures), "明确职责分工");
    assert_eq!(field(&a, "dept-1-1", Field::Owner), "办公室 王一");
    assert_eq!(
        a.walk
            .as_ref()
            .unwrap()
            .session
            .answer("dept-1-1")
            .unwrap()
            .due,
        NaiveDate::from_ymd_opt(2023, 12, 31)
    );
    assert!(
        run.effects.iter().any(|e| matches!(e, Effect::Save { .. })),
        "leaving a field saves"
    );
    assert_eq!(
        a.context(),
        Ctx::Detail,
        "Esc leaves editing, focus stays on the field"
    );
}

#[test]
fn enter_in_a_multiline_field_is_a_new_line_and_esc_keeps_the_text() {
    let mut a = app("gov");
    press(&mut a, "<enter>第一行<enter>第二行<esc>");
    assert_eq!(field(&a, "gov-1-1", Field::Evidence), "第一行\n第二行");
}

#[test]
fn a_bad_deadline_is_refused_and_the_editor_stays_open() {
    let mut a = app("gov");
    press(&mut a, "<s-tab><up><enter>明天<esc>");
    assert_eq!(a.context(), Ctx::Editing);
    let msg = a.message.clone().expect("an error is shown");
    assert!(msg.error && msg.text.contains("明天"), "{msg:?}");
    assert_eq!(field(&a, "gov-1-1", Field::Due), "");
    press(&mut a, "<bs><bs>2024-01-15<esc>");
    assert_eq!(field(&a, "gov-1-1", Field::Due), "2024-01-15");
}

#[test]
fn undo_and_redo_inside_a_field_and_an_input_method_burst_is_one_step() {
    let mut a = app("gov");
    press(&mut a, "<enter>abc<c-z>");
    a.update(Action::InsertText("安全生产".into()));
    press(&mut a, "<c-z><c-s>");
    assert_eq!(
        field(&a, "gov-1-1", Field::Evidence),
        "ab",
        "one undo removes the whole burst"
    );
    press(&mut a, "<c-y><esc>");
    assert_eq!(field(&a, "gov-1-1", Field::Evidence), "ab安全生产");
}

#[test]
fn pasted_text_has_its_line_ends_normalised_and_controls_dropped() {
    let mut a = app("gov");
    press(&mut a, "<enter>");
    a.update(Action::Paste(
        "一\r\n二\r三\x1b]52;c;aGk=\x07\u{202e}".into(),
    ));
    press(&mut a, "<esc>");
    assert_eq!(
        field(&a, "gov-1-1", Field::Evidence),
        "一\n二\n三]52;c;aGk="
    );
}

#[test]
fn read_only_refuses_every_change() {
    let mut a = app_with(session("gov"), true, 120, 40);
    let before = a.walk.as_ref().unwrap().session.clone();
    let run = press(&mut a, "1f<enter>x<esc><tab><enter>y<esc>0m");
    assert_eq!(a.walk.as_ref().unwrap().session, before);
    assert!(
        run.effects
            .iter()
            .all(|e| !matches!(e, Effect::Save { .. }))
    );
    assert!(a.message.as_ref().is_some_and(|m| m.error));
}

#[test]
fn next_unanswered_skips_answered_checks_and_wraps() {
    let mut a = app("gov");
    press(&mut a, "1<down>1");
    press(&mut a, "<home>n");
    assert_eq!(current_check_id(&a).as_deref(), Some("gov-1-3"));
    press(&mut a, "N");
    assert_eq!(
        current_check_id(&a).as_deref(),
        Some("gov-3-4"),
        "backwards wraps to the end"
    );
    press(&mut a, "<f3>");
    assert_eq!(current_check_id(&a).as_deref(), Some("gov-1-3"));
}

#[test]
fn search_filters_the_tree_and_esc_clears_it() {
    let mut a = app("gov");
    press(&mut a, "/一票否决<enter>");
    let w = a.walk.as_ref().unwrap();
    assert_eq!(w.tree.filter, Filter::Search("一票否决".into()));
    // gov-3-2 quotes “一票否决” in its text; item 3's requirement does too, so all of item 3.
    let checks: Vec<_> = w
        .tree
        .rows()
        .iter()
        .filter_map(|r| match r {
            Row::Check(p) => w.check_id(*p).map(str::to_owned),
            _ => None,
        })
        .collect();
    assert_eq!(checks, ["gov-3-1", "gov-3-2", "gov-3-3", "gov-3-4"]);
    press(&mut a, "<esc>");
    assert_eq!(a.walk.as_ref().unwrap().tree.filter, Filter::All);
    // The full-width 、 that a Chinese input method sends for / starts a search too.
    press(&mut a, "、zzz不存在<enter>");
    assert_eq!(a.walk.as_ref().unwrap().tree.shown_checks, 0);
    assert!(a.message.as_ref().is_some_and(|m| m.error));
}

#[test]
fn flags_and_the_filter_cycle() {
    let mut a = app("gov");
    press(&mut a, "<down><down>f");
    assert!(
        a.walk
            .as_ref()
            .unwrap()
            .session
            .answer("gov-1-3")
            .unwrap()
            .flagged
    );
    press(&mut a, "v");
    assert_eq!(a.walk.as_ref().unwrap().tree.filter, Filter::Unanswered);
    press(&mut a, "v");
    let w = a.walk.as_ref().unwrap();
    assert_eq!(w.tree.filter, Filter::Flagged);
    assert_eq!(w.tree.shown_checks, 1);
    assert_eq!(current_check_id(&a).as_deref(), Some("gov-1-3"));
    press(&mut a, "f");
    assert!(
        a.walk.as_ref().unwrap().session.answer("gov-1-3").is_none(),
        "an empty answer is dropped"
    );
}

#[test]
fn left_and_right_collapse_and_expand() {
    let mut a = app("gov");
    let full = a.walk.as_ref().unwrap().tree.rows().len();
    press(&mut a, "<left>");
    assert_eq!(
        a.walk.as_ref().unwrap().tree.current(),
        Some(Row::Item(0, 0))
    );
    press(&mut a, "<left>");
    assert_eq!(a.walk.as_ref().unwrap().tree.rows().len(), full - 3);
    press(&mut a, "<right>");
    assert_eq!(a.walk.as_ref().unwrap().tree.rows().len(), full);
    press(&mut a, "<right>");
    assert_eq!(current_check_id(&a).as_deref(), Some("gov-1-1"));
    press(&mut a, "<right>");
    assert_eq!(
        a.context(),
        Ctx::Detail,
        "right on a check moves into its fields"
    );
}

#[test]
fn quitting_saves_first_and_a_failed_save_needs_a_second_quit() {
    let mut a = app("gov");
    press(&mut a, "<enter>未保存的文字");
    let effect = a.update(Action::Cmd(selfcheck::app::Command::Quit));
    assert_eq!(
        effect,
        Some(Effect::Save {
            quitting: true,
            changed: changed(&["gov-1-1"])
        })
    );
    let after = a.update(Action::Saved {
        result: Err("disk full".into()),
        quitting: true,
    });
    assert_eq!(after, None, "a failed save does not quit");
    assert!(a.walk.as_ref().unwrap().save.dirty);
    assert!(
        a.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("disk full"))
    );
    let again = a.update(Action::Cmd(selfcheck::app::Command::Quit));
    assert_eq!(again, Some(Effect::Quit));
}

#[test]
fn a_status_is_saved_at_once_and_typed_text_a_moment_later() {
    let mut a = app("gov");
    assert_eq!(
        a.update(Action::SetStatus(Some(0))),
        Some(Effect::Save {
            quitting: false,
            changed: changed(&["gov-1-1"])
        }),
        "a status is a decision: saved at once"
    );
    a.update(Action::Saved {
        result: Ok(()),
        quitting: false,
    });
    press(&mut a, "<enter>abc");
    assert_eq!(
        a.update(Action::Tick(t0() + Duration::seconds(1))),
        None,
        "not while typing"
    );
    assert_eq!(
        a.update(Action::Tick(t0() + Duration::seconds(3))),
        None,
        "after a pause the text goes into the record"
    );
    assert_eq!(field(&a, "gov-1-1", Field::Evidence), "abc");
    assert_eq!(
        a.update(Action::Tick(t0() + Duration::seconds(4))),
        Some(Effect::Save {
            quitting: false,
            changed: changed(&["gov-1-1"])
        })
    );
    a.update(Action::Saved {
        result: Ok(()),
        quitting: false,
    });
    assert!(!a.walk.as_ref().unwrap().save.dirty);
    assert_eq!(a.update(Action::Tick(t0() + Duration::seconds(9))), None);
}

#[test]
fn text_typed_in_a_field_reaches_the_record_while_the_field_is_still_open() {
    let mut a = app("gov");
    press(&mut a, "<enter>正在输入");
    assert_eq!(field(&a, "gov-1-1", Field::Evidence), "");
    a.update(Action::Tick(t0() + Duration::seconds(3)));
    assert_eq!(a.context(), Ctx::Editing);
    assert_eq!(field(&a, "gov-1-1", Field::Evidence), "正在输入");
    assert!(a.walk.as_ref().unwrap().save.dirty);
}

#[test]
fn a_failed_save_is_retried_and_save_as_is_offered() {
    let mut a = app("gov");
    assert_eq!(
        a.update(Action::SetStatus(Some(0))),
        Some(Effect::Save {
            quitting: false,
            changed: changed(&["gov-1-1"])
        })
    );
    a.update(Action::Saved {
        result: Err("permission denied".into()),
        quitting: false,
    });
    let w = a.walk.as_ref().unwrap();
    assert_eq!(w.save.error.as_deref(), Some("permission denied"));
    assert!(w.save.dirty, "still unsaved");
    assert!(
        a.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("Ctrl+E"))
    );
    assert_eq!(a.update(Action::Tick(t0() + Duration::seconds(3))), None);
    assert_eq!(
        a.update(Action::Tick(t0() + Duration::seconds(7))),
        Some(Effect::Save {
            quitting: false,
            changed: changed(&[])
        })
    );
    // Save as: a prompt with a suggested name, then the effect.
    let run = press(&mut a, "<c-e>");
    assert!(run.effects.is_empty());
    assert_eq!(a.context(), Ctx::Search);
    let suggested = a
        .walk
        .as_ref()
        .unwrap()
        .prompt
        .as_ref()
        .unwrap()
        .input
        .lines()
        .join("");
    assert!(suggested.ends_with("-另存.json"), "{suggested}");
    let run = press(&mut a, "<c-a><c-k>/tmp/elsewhere.json<enter>");
    assert_eq!(run.effects, [Effect::SaveAs("/tmp/elsewhere.json".into())]);
    a.update(Action::SavedAs("/tmp/elsewhere.json".into()));
    let w = a.walk.as_ref().unwrap();
    assert_eq!(w.path, std::path::Path::new("/tmp/elsewhere.json"));
    assert!(!w.save.dirty && w.save.error.is_none());
}

#[test]
fn projector_mode_walks_check_by_check() {
    let mut a = app("gov");
    press(&mut a, "p");
    assert_eq!(a.context(), Ctx::Projector);
    press(&mut a, "<down><down><down>");
    assert_eq!(
        current_check_id(&a).as_deref(),
        Some("gov-2-1"),
        "headings are skipped"
    );
    press(&mut a, "2<esc>");
    assert_eq!(status(&a, "gov-2-1").as_deref(), Some("partial"));
    assert_eq!(a.context(), Ctx::Tree);
    press(&mut a, "<f5>");
    assert_eq!(a.context(), Ctx::Projector);
}

#[test]
fn help_summary_and_meeting_form_open_and_close() {
    let mut a = app("gov");
    press(&mut a, "?");
    assert_eq!(a.context(), Ctx::Help);
    press(&mut a, "<esc>");
    assert_eq!(a.context(), Ctx::Tree);
    press(&mut a, "？");
    assert_eq!(a.context(), Ctx::Help, "the full-width ？ opens help too");
    press(&mut a, "?r");
    assert_eq!(a.screen, Screen::Summary);
    press(&mut a, "<esc>m");
    assert_eq!(a.screen, Screen::Form);
    press(&mut a, "<bs><bs><bs>安监局<c-s>");
    assert_eq!(a.screen, Screen::Walk);
    assert_eq!(
        a.walk.as_ref().unwrap().session.unit.name,
        "临港区应急安监局"
    );
}

#[test]
fn the_new_session_form_creates_a_session() {
    let mut a = selfcheck::app::App::new(
        selfcheck::i18n::Lang::Zh,
        t0(),
        ratatui::layout::Rect::new(0, 0, 120, 40),
    );
    a.update(Action::PickerLoaded(Vec::new()));
    assert_eq!(
        a.screen,
        Screen::Form,
        "no sessions yet: straight to the form"
    );
    let run = press(&mut a, "<c-s>");
    assert!(run.effects.is_empty(), "a unit name is required");
    assert!(a.form.as_ref().unwrap().error.is_some());
    let run = press(
        &mut a,
        "<up><right><down>临港化工有限公司<down><right><c-s>",
    );
    let Some(Effect::Create(s)) = run.effects.last() else {
        panic!("expected a Create effect, got {:?}", run.effects);
    };
    assert_eq!(s.template.id, "dept");
    assert_eq!(s.unit.name, "临港化工有限公司");
    assert_eq!(s.unit.kind, Some(selfcheck::model::UnitKind::Enterprise));
    assert_eq!(s.meeting.date, NaiveDate::from_ymd_opt(2023, 12, 5));
}

#[test]
fn rectification_progress_cycles_and_closing_records_the_day() {
    use selfcheck::model::session::RectificationState as R;
    let mut a = app("gov");
    press(&mut a, "<s-tab>");
    assert_eq!(
        a.walk.as_ref().unwrap().focus,
        selfcheck::app::Focus::Rectification
    );
    let state = |a: &selfcheck::app::App| {
        a.walk
            .as_ref()
            .unwrap()
            .session
            .answer("gov-1-1")
            .and_then(|x| x.rectification.clone())
    };
    press(&mut a, "<enter>");
    assert_eq!(state(&a).map(|r| r.state), Some(R::NotStarted));
    press(&mut a, "<enter><enter>");
    let done = state(&a).expect("set");
    assert_eq!(done.state, R::Done);
    assert_eq!(done.closed_on, Some(t0().date_naive()));
    press(&mut a, "<enter>");
    assert_eq!(state(&a), None);
    assert!(a.walk.as_ref().unwrap().session.answer("gov-1-1").is_none());
}

#[test]
fn closing_texts_are_edited_on_the_summary_screen() {
    let mut a = app("gov");
    press(
        &mut a,
        "r<tab><enter>全年召开安委会会议4次<tab>研究决策重大事项3项<esc>",
    );
    let c = &a.walk.as_ref().unwrap().session.conclusions;
    assert_eq!(c.overview, "全年召开安委会会议4次");
    assert_eq!(c.major_matters, "研究决策重大事项3项");
    assert!(c.institutional_measures.is_empty());
    assert_eq!(a.context(), Ctx::Summary);
    assert!(
        a.walk.as_ref().unwrap().save.dirty || a.walk.as_ref().unwrap().save.last_saved.is_some()
    );
    press(
        &mut a,
        "<s-tab><s-tab><s-tab><enter>落实专项经费200万元<esc>",
    );
    assert_eq!(
        a.walk
            .as_ref()
            .unwrap()
            .session
            .conclusions
            .resource_guarantees,
        "落实专项经费200万元",
        "Shift+Tab goes back past \"none selected\" to the last text"
    );
}

#[test]
fn a_recovery_copy_is_offered_and_restored_or_discarded() {
    use selfcheck::app::recovery::{Recovery, differences};
    let saved = session("gov");
    let mut newer = saved.clone();
    newer
        .set_field("gov-2-3", Field::Problems, "崩溃前输入的问题", t0())
        .unwrap();
    let diffs = differences(
        &saved,
        &newer,
        selfcheck::i18n::texts(selfcheck::i18n::Lang::Zh),
    );
    assert_eq!(diffs, ["gov-2-3：存在问题（问题不足、短板差距）"]);
    let recovery = Recovery {
        session: newer,
        path: "/tmp/x.json.recovery".into(),
        differences: diffs,
    };

    // Restore: the copy replaces the record, is saved, then deleted.
    let mut a = app_with(saved.clone(), false, 120, 40);
    a.update(Action::RecoveryFound(Box::new(recovery.clone())));
    assert_eq!(a.context(), Ctx::Confirm);
    assert!(
        press(&mut a, "1").effects.is_empty(),
        "other keys wait for the decision"
    );
    let run = press(&mut a, "<enter>");
    assert_eq!(
        run.effects,
        [
            Effect::Save {
                quitting: false,
                changed: Changed::Everything
            },
            Effect::RemoveFile("/tmp/x.json.recovery".into())
        ]
    );
    assert_eq!(field(&a, "gov-2-3", Field::Problems), "崩溃前输入的问题");
    assert_eq!(a.walk.as_ref().unwrap().tally.overall(), (0, 13));

    // Discard: the record stays as saved and the copy is deleted.
    let mut b = app_with(saved, false, 120, 40);
    b.update(Action::RecoveryFound(Box::new(recovery)));
    let run = press(&mut b, "<esc>");
    assert_eq!(
        run.effects,
        [Effect::RemoveFile("/tmp/x.json.recovery".into())]
    );
    assert_eq!(field(&b, "gov-2-3", Field::Problems), "");
    assert_eq!(b.context(), Ctx::Tree);
}

#[test]
fn a_background_save_covers_only_the_changes_made_before_it_started() {
    let mut a = app("gov");
    assert_eq!(
        a.update(Action::SetStatus(Some(0))),
        Some(Effect::Save {
            quitting: false,
            changed: changed(&["gov-1-1"])
        })
    );
    let covered = a.walk.as_ref().unwrap().save.change_seq;
    // While the save runs, another change arrives.
    press(&mut a, "<down>");
    a.update(Action::SetStatus(Some(1)));
    a.update(Action::SavedUpTo {
        result: Ok(()),
        seq: covered,
    });
    let w = a.walk.as_ref().unwrap();
    assert!(w.save.dirty, "the later change is still unsaved");
    assert!(w.save.error.is_none() && w.save.last_saved.is_some());
    let latest = w.save.change_seq;
    a.update(Action::SavedUpTo {
        result: Ok(()),
        seq: latest,
    });
    assert!(!a.walk.as_ref().unwrap().save.dirty);
}
