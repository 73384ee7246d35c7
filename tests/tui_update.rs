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
    let run = press(&mut a, "1f<enter>x<esc><tab><enter>y<esc>0");
    assert!(a.message.as_ref().is_some_and(|m| m.error));
    // The meeting details open to be looked at; typing there is refused, and Ctrl+S or Enter on
    // the last row only closes them.
    let run2 = press(&mut a, "m");
    assert_eq!(a.screen, Screen::Form);
    assert!(a.read_only_view());
    press(&mut a, "x");
    let form = a.form.as_ref().unwrap();
    assert!(
        form.error.is_some(),
        "typing in a read-only form says why nothing happens"
    );
    let run3 = press(&mut a, "<c-s>");
    assert_eq!(a.screen, Screen::Walk);
    assert_eq!(a.walk.as_ref().unwrap().session, before);
    assert!(
        [run, run2, run3]
            .iter()
            .flat_map(|r| &r.effects)
            .all(|e| !matches!(e, Effect::Save { .. }))
    );
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
        a.walk
            .as_ref()
            .unwrap()
            .session
            .answer("gov-1-3")
            .is_none_or(selfcheck::model::Answer::is_blank),
        "an emptied answer holds nothing but its history"
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

/// Typing that never pauses (a key every half second) is still put into the record and saved:
/// never more than two seconds of typing are only on screen.
#[test]
fn typing_without_a_pause_is_saved_at_least_every_two_seconds() {
    let mut a = app("gov");
    press(&mut a, "<enter>");
    let mut saved_at = Vec::new();
    let mut saved_text = String::new();
    for k in 0..16_i64 {
        let now = t0() + Duration::milliseconds(500 * k);
        if let Some(Effect::Save { .. }) = a.update(Action::Tick(now)) {
            saved_at.push(500 * k);
            saved_text = field(&a, "gov-1-1", Field::Evidence);
            a.update(Action::Saved {
                result: Ok(()),
                quitting: false,
            });
        }
        a.update(Action::InsertText("字".into()));
    }
    // The first key at 0 ms; every later moment has a save no more than 2 s before it.
    assert!(
        saved_at.first().is_some_and(|&ms| ms <= 2_000),
        "first save at {saved_at:?}"
    );
    for pair in saved_at.windows(2) {
        assert!(pair[1] - pair[0] <= 2_000, "saves at {saved_at:?}");
    }
    assert!(
        7_500 - saved_at.last().copied().unwrap_or(0) <= 2_000,
        "{saved_at:?}"
    );
    assert!(saved_text.chars().count() >= 12, "{saved_text}");
    assert_eq!(a.context(), Ctx::Editing, "the field stays open");
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
    assert!(
        a.walk
            .as_ref()
            .unwrap()
            .session
            .answer("gov-1-1")
            .is_none_or(selfcheck::model::Answer::is_blank)
    );
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
    assert_eq!(diffs, ["2.3：存在问题（问题不足、短板差距）"]);
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

// --- Typed text is never lost and never changes a status -----------------------------------

fn message(a: &selfcheck::app::App) -> String {
    a.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn the_rectification_row_is_part_of_the_fields_pane_and_never_traps_the_keyboard() {
    // Tab, Down x6 (to 整改进展), Enter, Esc, n, Enter, then a phrase from the input method.
    let mut a = app("dept");
    press(&mut a, "<tab><down><down><down><down><down><down>");
    assert_eq!(
        a.walk.as_ref().unwrap().focus,
        selfcheck::app::Focus::Rectification
    );
    assert_eq!(
        a.context(),
        Ctx::Detail,
        "the footer shows the fields' keys"
    );
    press(&mut a, "<enter>");
    assert!(
        a.walk
            .as_ref()
            .unwrap()
            .session
            .answer("dept-1-1")
            .unwrap()
            .rectification
            .is_some(),
        "Enter cycles 整改进展"
    );
    press(&mut a, "<esc>");
    assert_eq!(a.context(), Ctx::Tree, "Esc leaves the field list");
    press(&mut a, "n<enter>");
    assert_eq!(current_check_id(&a).as_deref(), Some("dept-1-2"));
    assert_eq!(
        a.context(),
        Ctx::Editing,
        "Enter on the next check opens 做法及成效"
    );
    ui_support::burst(&mut a, "一是引进化工专业人才2名");
    press(&mut a, "<esc>");
    assert_eq!(
        field(&a, "dept-1-2", Field::Evidence),
        "一是引进化工专业人才2名"
    );
    assert_eq!(status(&a, "dept-1-2"), None, "the 2 is text, not 基本落实");
    assert!(
        a.walk
            .as_ref()
            .unwrap()
            .session
            .answer("dept-1-2")
            .and_then(|x| x.rectification.as_ref())
            .is_none()
    );
}

#[test]
fn typing_on_a_selected_field_starts_editing_it_with_the_text() {
    let mut a = app("dept");
    press(&mut a, "<tab><down>");
    assert_eq!(a.context(), Ctx::Detail);
    // A phrase committed by the input method, digits inside.
    ui_support::burst(&mut a, "部分科室职责边界不清3处");
    assert_eq!(a.context(), Ctx::Editing, "typing opened the field");
    ui_support::burst(&mut a, "，已整改1处");
    press(&mut a, "<esc>");
    assert_eq!(
        field(&a, "dept-1-1", Field::Problems),
        "部分科室职责边界不清3处，已整改1处"
    );
    assert_eq!(status(&a, "dept-1-1"), None);
    // A letter with no binding starts editing as well; existing text is kept, typing adds.
    ui_support::burst(&mut a, "x");
    press(&mut a, "<esc>");
    assert_eq!(
        field(&a, "dept-1-1", Field::Problems),
        "部分科室职责边界不清3处，已整改1处x"
    );
    // A digit alone is still the status key.
    ui_support::burst(&mut a, "2");
    assert_eq!(status(&a, "dept-1-1").as_deref(), Some("partial"));
}

#[test]
fn typing_in_the_checklist_pane_says_what_to_do_and_changes_nothing() {
    let mut a = app("dept");
    ui_support::burst(&mut a, "一是引进人才2名");
    assert_eq!(status(&a, "dept-1-1"), None, "no digit became a status");
    assert_eq!(field(&a, "dept-1-1", Field::Evidence), "");
    let m = message(&a);
    assert!(m.contains("Enter") && m.contains("一是引进人才2名"), "{m}");
    // Projector mode: the same, with its own hint.
    press(&mut a, "p");
    ui_support::burst(&mut a, "会议记录");
    assert!(message(&a).contains("投影"), "{}", message(&a));
    assert_eq!(field(&a, "dept-1-1", Field::Evidence), "");
}

#[test]
fn ctrl_z_outside_a_field_undoes_status_flag_and_rectification_and_ctrl_y_redoes() {
    let mut a = app("dept");
    press(&mut a, "1");
    assert_eq!(status(&a, "dept-1-1").as_deref(), Some("done"));
    press(&mut a, "<down>2");
    assert_eq!(status(&a, "dept-1-2").as_deref(), Some("partial"));
    press(&mut a, "<c-z>");
    assert_eq!(status(&a, "dept-1-2"), None);
    let m = message(&a);
    assert!(m.contains("已撤销") && m.contains("1.2"), "{m}");
    assert_eq!(
        a.walk.as_ref().unwrap().tally.overall().0,
        1,
        "the tally follows"
    );
    press(&mut a, "<c-z>");
    assert_eq!(status(&a, "dept-1-1"), None);
    assert_eq!(
        current_check_id(&a).as_deref(),
        Some("dept-1-1"),
        "undo shows the check"
    );
    press(&mut a, "<c-y>");
    assert_eq!(status(&a, "dept-1-1").as_deref(), Some("done"));
    assert!(message(&a).contains("已重做"));
    // A flag.
    press(&mut a, "f");
    assert!(
        a.walk
            .as_ref()
            .unwrap()
            .session
            .answer("dept-1-1")
            .unwrap()
            .flagged
    );
    press(&mut a, "<c-z>");
    assert!(
        !a.walk
            .as_ref()
            .unwrap()
            .session
            .answer("dept-1-1")
            .unwrap()
            .flagged
    );
    // 整改进展.
    press(&mut a, "<s-tab><enter><enter>");
    let state = |a: &selfcheck::app::App| {
        a.walk
            .as_ref()
            .unwrap()
            .session
            .answer("dept-1-1")
            .and_then(|x| x.rectification.as_ref())
            .map(|r| r.state)
    };
    assert_eq!(
        state(&a),
        Some(selfcheck::model::session::RectificationState::InProgress)
    );
    press(&mut a, "<c-z>");
    assert_eq!(
        state(&a),
        Some(selfcheck::model::session::RectificationState::NotStarted)
    );
    // Inside a field Ctrl+Z is the editor's own.
    press(&mut a, "<esc><enter>abc<c-z><esc>");
    assert_eq!(field(&a, "dept-1-1", Field::Evidence), "ab");
    assert_eq!(
        state(&a),
        Some(selfcheck::model::session::RectificationState::NotStarted)
    );
    // Nothing left to undo is said so.
    let mut b = app("dept");
    press(&mut b, "<c-z>");
    assert!(message(&b).contains("没有"), "{}", message(&b));
}

#[test]
fn meeting_details_esc_asks_before_discarding_and_enter_moves_on_then_saves() {
    let mut a = app("dept");
    press(&mut a, "m");
    assert_eq!(a.screen, Screen::Form);
    // Enter moves to the next field.
    let before = a.form.as_ref().unwrap().focus;
    press(&mut a, "<enter>");
    assert_eq!(a.form.as_ref().unwrap().focus, before + 1);
    press(&mut a, "<enter>");
    assert_eq!(
        a.form.as_ref().unwrap().focused_row(),
        selfcheck::app::form::FormRow::Title
    );
    burst_form(&mut a, "（扩大）");
    press(&mut a, "<esc>");
    assert_eq!(
        a.screen,
        Screen::Form,
        "one Esc does not throw the edit away"
    );
    assert!(
        a.form
            .as_ref()
            .unwrap()
            .error
            .as_deref()
            .unwrap_or("")
            .contains("Esc")
    );
    // Enter on every row (down through the attendance to 主送 and 学习内容); the last one saves.
    let run = press(
        &mut a,
        "<enter><enter><enter><enter><enter><enter><enter><enter><enter><enter><enter>",
    );
    assert_eq!(
        a.screen,
        Screen::Form,
        "Enter moves on until the last field"
    );
    let last = press(&mut a, "<enter>");
    assert_eq!(a.screen, Screen::Walk, "Enter on the last field saves");
    let _ = run;
    let run = last;
    assert!(
        a.walk
            .as_ref()
            .unwrap()
            .session
            .meeting
            .title
            .ends_with("（扩大）"),
        "{}",
        a.walk.as_ref().unwrap().session.meeting.title
    );
    assert!(run.effects.iter().any(|e| matches!(e, Effect::Save { .. })));
    // Esc twice over an edit discards it.
    press(&mut a, "m<down><down>");
    burst_form(&mut a, "不要");
    press(&mut a, "<esc>");
    assert_eq!(a.screen, Screen::Form);
    press(&mut a, "<esc>");
    assert_eq!(a.screen, Screen::Walk);
    assert!(
        !a.walk
            .as_ref()
            .unwrap()
            .session
            .meeting
            .title
            .contains("不要")
    );
    // Esc over an untouched form leaves at once.
    press(&mut a, "m<esc>");
    assert_eq!(a.screen, Screen::Walk);
}

fn burst_form(a: &mut selfcheck::app::App, text: &str) {
    a.update(Action::InsertText(text.into()));
}

// --- Every field can be seen -----------------------------------------------------------------

#[test]
fn projector_scrolls_a_long_check_and_resets_on_the_next() {
    let mut s = session("dept");
    let long = "整改措施第一条。".repeat(120);
    s.set_field("dept-1-1", Field::Measures, &long, t0())
        .unwrap();
    s.set_field("dept-1-1", Field::Owner, "办公室 王一", t0())
        .unwrap();
    let mut a = app_with(s, false, 80, 24);
    press(&mut a, "p");
    assert_eq!(a.context(), Ctx::Projector);
    press(&mut a, "<pgdn>");
    let first = a.walk.as_ref().unwrap().detail_scroll;
    assert!(first > 0, "PgDn scrolls");
    press(&mut a, " ");
    assert!(
        a.walk.as_ref().unwrap().detail_scroll > first,
        "Space scrolls on"
    );
    for _ in 0..50 {
        press(&mut a, "<pgdn>");
    }
    let end = a.walk.as_ref().unwrap().detail_scroll;
    press(&mut a, "<pgdn>");
    assert_eq!(
        a.walk.as_ref().unwrap().detail_scroll,
        end,
        "clamped at the end"
    );
    press(&mut a, "<pgup>");
    assert!(
        a.walk.as_ref().unwrap().detail_scroll < end,
        "PgUp answers at once after scrolling past the end"
    );
    press(&mut a, "<down>");
    assert_eq!(current_check_id(&a).as_deref(), Some("dept-1-2"));
    assert_eq!(
        a.walk.as_ref().unwrap().detail_scroll,
        0,
        "a new check starts at its top"
    );
}

#[test]
fn the_fields_pane_scrolls_and_follows_the_selected_field() {
    let mut s = session("dept");
    s.set_field("dept-1-1", Field::Evidence, &"做法。".repeat(120), t0())
        .unwrap();
    let mut a = app_with(s, false, 80, 24);
    assert_eq!(a.walk.as_ref().unwrap().detail_scroll, 0);
    // Selecting the long 做法及成效 brings its top into view.
    press(&mut a, "<tab>");
    let top = a.walk.as_ref().unwrap().detail_scroll;
    assert!(top > 0);
    press(&mut a, "<pgdn>");
    assert!(
        a.walk.as_ref().unwrap().detail_scroll > top,
        "PgDn scrolls the fields"
    );
    press(&mut a, "<pgup><pgup><pgup><pgup>");
    assert_eq!(a.walk.as_ref().unwrap().detail_scroll, 0);
    // Selecting 完成时限, far below, brings it into view.
    press(&mut a, "<down><down><down><down><down>");
    assert!(a.walk.as_ref().unwrap().detail_scroll > top);
    // Another check starts at its top.
    press(&mut a, "<esc><down>");
    assert_eq!(a.walk.as_ref().unwrap().detail_scroll, 0);
}

#[test]
fn help_home_end_and_never_past_its_end() {
    let mut a = app_with(session("dept"), false, 80, 24);
    press(&mut a, "?<end>");
    let end = a.help.unwrap();
    assert!(end > 0);
    press(&mut a, "<pgdn><pgdn><down>");
    assert_eq!(a.help, Some(end), "no scrolling past the end");
    press(&mut a, "<pgup>");
    assert!(a.help.unwrap() < end, "PgUp answers at once");
    press(&mut a, "<home>");
    assert_eq!(a.help, Some(0));
}

// --- One number for a check ------------------------------------------------------------------

#[test]
fn go_to_takes_the_number_people_say() {
    let mut a = app("dept");
    press(&mut a, "<c-g>");
    a.update(Action::InsertText("第３。２条".into()));
    press(&mut a, "<enter>");
    let w = a.walk.as_ref().unwrap();
    let pos = w.current_check().unwrap();
    assert_eq!(w.session.template.display_number(pos), "3.2");
    press(&mut a, "<c-g>");
    a.update(Action::InsertText("99.9".into()));
    press(&mut a, "<enter>");
    assert!(a.message.as_ref().unwrap().error);
    assert!(message(&a).contains("99.9"));
}

// --- Small things ----------------------------------------------------------------------------

#[test]
fn the_picker_preselects_the_latest_session() {
    use selfcheck::app::{App, PickerEntry};
    let mut a = App::new(
        selfcheck::i18n::Lang::Zh,
        t0(),
        ratatui::layout::Rect::new(0, 0, 80, 24),
    );
    let entry = |name: &str| PickerEntry {
        path: format!("/tmp/{name}.json").into(),
        unit: "单位".into(),
        title: String::new(),
        date: "2023-12-05".into(),
        template: "dept".into(),
        answered: 0,
        total: 15,
        locked_by: None,
        error: None,
    };
    a.update(Action::PickerLoaded(vec![entry("newest"), entry("older")]));
    assert_eq!(
        a.picker_selected, 1,
        "the newest session, not the new-session row"
    );
}

#[test]
fn export_says_the_folder_and_what_was_written() {
    let mut a = app("dept");
    let dir = "/home/user/selfcheck/data/临港区应急管理局";
    a.update(Action::Exported(
        ["report.md", "report.docx", "ledger.xlsx", "ledger.csv"]
            .iter()
            .map(|n| std::path::PathBuf::from(format!("{dir}/{n}")))
            .collect(),
    ));
    let m = message(&a);
    assert!(m.contains("临港区应急管理局"), "{m}");
    assert!(m.contains('4') && m.contains("md docx xlsx csv"), "{m}");
    assert!(
        selfcheck::text::wrap::width(&m) <= 78,
        "fits the footer at 80: {m}"
    );
}

#[test]
fn another_check_starts_in_the_checklist_pane_so_enter_opens_its_first_field() {
    let mut a = app("dept");
    // From 整改进展 straight to the next unanswered check.
    press(&mut a, "<s-tab>n");
    assert_eq!(current_check_id(&a).as_deref(), Some("dept-1-2"));
    assert_eq!(a.context(), Ctx::Tree);
    press(&mut a, "<enter>");
    let ed = a.walk.as_ref().unwrap().editor.as_ref().expect("editing");
    assert_eq!(ed.answer_field().map(|(_, f)| f), Some(Field::Evidence));
}

#[test]
fn the_summary_never_scrolls_past_its_end() {
    let mut a = app_with(selfcheck::demo::session(t0()), false, 80, 24);
    press(&mut a, "r");
    for _ in 0..40 {
        press(&mut a, "<pgdn>");
    }
    let end = a.walk.as_ref().unwrap().summary_scroll;
    assert!(end > 0 && end < 200, "{end}");
    press(&mut a, "<down>");
    assert_eq!(a.walk.as_ref().unwrap().summary_scroll, end);
    press(&mut a, "<up>");
    assert_eq!(
        a.walk.as_ref().unwrap().summary_scroll,
        end - 1,
        "Up answers at once"
    );
}

#[test]
fn the_follower_view_scrolls_a_long_check_too() {
    let mut s = session("dept");
    s.set_field("dept-1-1", Field::Measures, &"整改措施。".repeat(150), t0())
        .unwrap();
    let mut a = app_with(s, true, 80, 24);
    a.update(Action::Follow);
    assert_eq!(a.context(), Ctx::Projector);
    press(&mut a, "<pgdn>");
    assert!(a.walk.as_ref().unwrap().detail_scroll > 0);
    // A new copy of the file from the recorder keeps the place on the same check.
    let copy = a.walk.as_ref().unwrap().session.clone();
    let before = a.walk.as_ref().unwrap().detail_scroll;
    a.update(Action::Reloaded(Box::new(copy)));
    assert_eq!(a.walk.as_ref().unwrap().detail_scroll, before);
}

/// The meeting details carry the report's 主送 and 学习内容: typed in the form, kept when other
/// details are edited.
#[test]
fn meeting_form_sets_and_keeps_recipient_and_study() {
    let mut a = app("gov");
    press(&mut a, "m");
    assert_eq!(a.screen, Screen::Form);
    // From 单位名称 down to 主送 (twelve rows, past the attendance), then 学习内容.
    press(
        &mut a,
        "<down><down><down><down><down><down><down><down><down><down><down><down>区安委会办公室<down>安全生产重要论述<c-s>",
    );
    assert_eq!(a.screen, Screen::Walk);
    let m = &a.walk.as_ref().unwrap().session.meeting;
    assert_eq!(m.recipient, "区安委会办公室");
    assert_eq!(m.study, "安全生产重要论述");
    press(&mut a, "m<down><down><down>三楼<c-s>");
    let m = &a.walk.as_ref().unwrap().session.meeting;
    assert_eq!(
        m.recipient, "区安委会办公室",
        "editing the place keeps 主送"
    );
    assert_eq!(m.study, "安全生产重要论述");
}

/// The screen's rows as text, drawn through the real render path.
fn drawn_rows(a: &selfcheck::app::App) -> Vec<String> {
    let (w, h) = (a.size.width, a.size.height);
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let look = selfcheck::ui::Look {
        theme: selfcheck::ui::Theme::dark(),
        ascii: false,
    };
    term.draw(|f| selfcheck::ui::draw(f, a, &look)).unwrap();
    let buf = term.backend().buffer();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .replace(' ', "")
        })
        .collect()
}

#[test]
fn a_record_kept_in_a_conflict_copy_is_shown_as_saved_there() {
    let mut a = app("gov");
    a.update(Action::SetStatus(Some(0)));
    let kept = std::path::PathBuf::from("/data/会议.conflict-20240301-090000.json");
    a.update(Action::Saved {
        result: Err(selfcheck::action::SaveFailure {
            message: "会议.json：已被他人修改，未覆盖；本次记录另存为 …".into(),
            kept: Some(kept.clone()),
        }),
        quitting: false,
    });
    let w = a.walk.as_ref().unwrap();
    assert_eq!(w.save.conflict_copy.as_ref(), Some(&kept));
    assert!(
        !w.save.dirty && w.save.error.is_none(),
        "the record is safe"
    );
    assert!(
        a.message
            .as_ref()
            .is_some_and(|m| m.text.contains("他人修改"))
    );
    let footer = drawn_rows(&a).join("\n");
    assert!(footer.contains("已存入冲突副本"), "{footer}");
    assert!(!footer.contains("保存失败"), "{footer}");
    // Nothing to retry; the next change is saved (to the copy) as usual.
    assert_eq!(a.update(Action::Tick(t0() + Duration::seconds(30))), None);
    a.update(Action::SetStatus(Some(1)));
    assert!(a.walk.as_ref().unwrap().save.dirty);
    a.update(Action::Saved {
        result: Err(selfcheck::action::SaveFailure {
            message: "again".into(),
            kept: Some(kept),
        }),
        quitting: false,
    });
    assert!(
        a.message.as_ref().is_none_or(|m| !m.text.contains("again")),
        "said once, when it starts"
    );
    a.lang = selfcheck::i18n::Lang::En;
    let footer = drawn_rows(&a).join("\n");
    assert!(footer.contains("Savedinaconflictcopy"), "{footer}");
    // Quitting goes ahead at once: the record is in the copy.
    assert_eq!(
        a.update(Action::Cmd(selfcheck::app::Command::Quit)),
        Some(Effect::Quit)
    );
}
