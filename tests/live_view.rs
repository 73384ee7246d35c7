//! The live view and what an editor tells it, at tier 1 (actions folded through `update`) with
//! a look at the drawn screen: the text being typed shows on the follower marked as not saved
//! (and never once its writer is gone), the follower shows the editor's screen and meeting
//! clock, its footer offers only what works read-only; the meeting clock is kept in the record.

mod ui_support;

use chrono::Duration;
use selfcheck::app::{Action, App, Effect, Screen};
use selfcheck::model::Field;
use selfcheck::store::{Draft, EditorScreen, Presence};
use ui_support::{app, app_with, burst, press, screen, session, t0};

/// A follower of a fresh `dept` session at `w`x`h`.
fn follower(w: u16, h: u16) -> App {
    let mut a = app_with(session("dept"), true, w, h);
    a.update(Action::Follow);
    a
}

/// The editor's presence note, as the runtime would read it.
fn presence(check: &str) -> Presence {
    Presence {
        user: "lm".into(),
        host: "vm".into(),
        pid: 1,
        check: Some(check.into()),
        at: t0().to_rfc3339(),
        ..Presence::default()
    }
}

fn with_draft(check: &str, field: Field, text: &str) -> Presence {
    Presence {
        field: Some(field.key().into()),
        draft: Some(Draft {
            check: Some(check.into()),
            field: field.key().into(),
            text: text.into(),
        }),
        ..presence(check)
    }
}

fn tell(a: &mut App, p: Presence, gone: bool) {
    a.update(Action::EditorPresence {
        presence: Some(Box::new(p)),
        gone,
    });
}

/// The start of the mark a draft carries (the whole mark may wrap at 80 columns).
const MARK: &str = "（正在输入";

#[test]
fn the_text_being_typed_shows_on_the_follower_marked_as_not_saved() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = follower(w, h);
        tell(
            &mut a,
            with_draft("dept-1-2", Field::Problems, "一是引进化工专业人才2名"),
            false,
        );
        let shown = screen(&a, w, h);
        assert!(
            shown.contains("一是引进化工专业人才2名"),
            "{w}x{h}:\n{shown}"
        );
        assert!(shown.contains(MARK), "{w}x{h}:\n{shown}");
        // The record is untouched: the draft is only on screen.
        let wk = a.walk.as_ref().unwrap();
        assert_eq!(
            wk.session.answer("dept-1-2").map(|x| x.problems.clone()),
            None
        );
        assert_eq!(
            wk.current_check().and_then(|p| wk.check_id(p)),
            Some("dept-1-2")
        );
        // In the two-pane view too (Esc leaves the projector page).
        press(&mut a, "<esc>");
        let shown = screen(&a, w, h);
        assert!(
            shown.contains("一是引进化工专业人才2名"),
            "{w}x{h}:\n{shown}"
        );
        assert!(shown.contains(MARK), "{w}x{h}:\n{shown}");
    }
}

#[test]
fn a_draft_is_never_shown_once_its_editor_is_gone() {
    let mut a = follower(120, 40);
    tell(
        &mut a,
        with_draft("dept-1-1", Field::Evidence, "还没保存的话"),
        false,
    );
    assert!(screen(&a, 120, 40).contains("还没保存的话"));
    // The editor's program died: its note is still there, but nothing unsaved is shown.
    tell(
        &mut a,
        with_draft("dept-1-1", Field::Evidence, "还没保存的话"),
        true,
    );
    let shown = screen(&a, 120, 40);
    assert!(!shown.contains("还没保存的话"), "{shown}");
    assert!(!shown.contains(MARK), "{shown}");
}

#[test]
fn a_left_field_keeps_its_draft_until_the_saved_text_catches_up() {
    let mut a = follower(120, 40);
    tell(
        &mut a,
        with_draft("dept-1-1", Field::Evidence, "定稿的话"),
        false,
    );
    // The editor left the field: its note no longer carries the draft, the save is on its way.
    tell(&mut a, presence("dept-1-1"), false);
    assert!(screen(&a, 120, 40).contains("定稿的话"));
    // The saved file arrives with the text: it is shown as saved, unmarked.
    let mut saved = a.walk.as_ref().unwrap().session.clone();
    saved
        .set_field("dept-1-1", Field::Evidence, "定稿的话", t0())
        .unwrap();
    a.update(Action::Reloaded(Box::new(saved)));
    let shown = screen(&a, 120, 40);
    assert!(
        shown.contains("定稿的话") && !shown.contains(MARK),
        "{shown}"
    );
    // Back in the field with nothing new typed: the text is the saved one, and not marked.
    tell(
        &mut a,
        with_draft("dept-1-1", Field::Evidence, "定稿的话"),
        false,
    );
    let shown = screen(&a, 120, 40);
    assert!(
        shown.contains("定稿的话") && !shown.contains(MARK),
        "{shown}"
    );

    // A draft whose save never comes (Esc over unchanged text, a refused date) goes after a
    // moment.
    tell(&mut a, with_draft("dept-1-1", Field::Causes, "草稿"), false);
    tell(&mut a, presence("dept-1-1"), false);
    a.update(Action::Tick(t0() + Duration::seconds(1)));
    assert!(screen(&a, 120, 40).contains("草稿"));
    a.update(Action::Tick(t0() + Duration::seconds(4)));
    assert!(!screen(&a, 120, 40).contains("草稿"));
}

#[test]
fn the_follower_shows_the_summary_and_the_meeting_details_when_the_editor_does() {
    let mut a = follower(80, 24);
    tell(
        &mut a,
        Presence {
            screen: Some(EditorScreen::Summary),
            ..presence("dept-1-1")
        },
        false,
    );
    assert_eq!(a.screen, Screen::Summary);
    // Its footer offers no key that would sign or change the record.
    let shown = screen(&a, 120, 40);
    let footer = shown.lines().last().unwrap_or_default();
    assert!(footer.contains("Esc返回"), "{footer}");
    assert!(!footer.contains("签字"), "{footer}");
    // The closing text the editor selects is selected (and scrolled to) here too.
    tell(
        &mut a,
        Presence {
            screen: Some(EditorScreen::Summary),
            field: Some("resource_guarantees".into()),
            ..presence("dept-1-1")
        },
        false,
    );
    assert_eq!(
        a.walk.as_ref().unwrap().summary_focus,
        Some(selfcheck::app::Conclusion::ResourceGuarantees)
    );
    assert!(screen(&a, 80, 24).contains(">落实“人、财、物”保障"));
    // A closing text being typed on the summary shows there.
    tell(
        &mut a,
        Presence {
            screen: Some(EditorScreen::Summary),
            draft: Some(Draft {
                check: None,
                field: "overview".into(),
                text: "全年开展专项检查12次".into(),
            }),
            ..presence("dept-1-1")
        },
        false,
    );
    let shown = screen(&a, 80, 24);
    assert!(
        shown.contains("全年开展专项检查12次") && shown.contains(MARK),
        "{shown}"
    );
    assert!(
        !shown.contains("Enter编辑"),
        "no word of editing where nothing can be: {shown}"
    );

    tell(
        &mut a,
        Presence {
            screen: Some(EditorScreen::Meeting),
            ..presence("dept-1-1")
        },
        false,
    );
    assert_eq!(a.screen, Screen::Form);
    assert!(a.read_only_view());
    let shown = screen(&a, 80, 24);
    assert!(
        shown.contains("会议信息（只读）") && shown.contains("三楼会议室"),
        "{shown}"
    );
    let footer = shown.lines().last().unwrap_or_default();
    assert!(
        footer.contains("Esc返回") && !footer.contains("确定"),
        "{footer}"
    );
    // Typing on the follower changes nothing.
    let before = a.walk.as_ref().unwrap().session.clone();
    press(&mut a, "abc<enter><c-s>");
    assert_eq!(a.walk.as_ref().unwrap().session, before);

    // Back to the walk-through with the editor.
    tell(&mut a, presence("dept-1-1"), false);
    assert_eq!(a.screen, Screen::Walk);

    // Not following (u): the editor's screens are not imposed; following again catches up.
    press(&mut a, "u");
    tell(
        &mut a,
        Presence {
            screen: Some(EditorScreen::Summary),
            ..presence("dept-1-1")
        },
        false,
    );
    assert_eq!(a.screen, Screen::Walk);
    press(&mut a, "u");
    assert_eq!(a.screen, Screen::Summary);
}

#[test]
fn the_follower_shows_the_editors_meeting_clock() {
    let mut a = follower(120, 40);
    // The editor's clock read zero 25 minutes before t0: it shows 00:25:00 at t0.
    tell(
        &mut a,
        Presence {
            clock_zero: Some((t0() - Duration::minutes(25)).to_rfc3339()),
            ..presence("dept-1-1")
        },
        false,
    );
    a.update(Action::Tick(t0() + Duration::seconds(9)));
    let shown = screen(&a, 120, 40);
    assert!(shown.contains("会议用时00:25:09"), "{shown}");
    // The editor leaves (the note written on the way out, at t0 + 1 min): the clock stops.
    tell(
        &mut a,
        Presence {
            clock_zero: Some((t0() - Duration::minutes(25)).to_rfc3339()),
            at: (t0() + Duration::minutes(1)).to_rfc3339(),
            left: true,
            ..presence("dept-1-1")
        },
        false,
    );
    a.update(Action::Tick(t0() + Duration::minutes(5)));
    let shown = screen(&a, 120, 40);
    assert!(shown.contains("会议用时00:26:00"), "{shown}");
}

#[test]
fn a_read_only_footer_offers_only_what_works_there() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = follower(w, h);
        tell(&mut a, presence("dept-1-1"), false);
        let shown = screen(&a, w, h);
        let footer = shown.lines().last().unwrap_or_default();
        for never in ["落实情况", "待议", "填写", "编辑", "保存"] {
            assert!(
                !footer.contains(never),
                "{w}x{h} footer offers {never}: {footer}"
            );
        }
        for always in ["跟随", "退出", "帮助"] {
            assert!(
                footer.contains(always),
                "{w}x{h} footer lacks {always}: {footer}"
            );
        }
        // The two-pane view of the same record, and a record opened read-only.
        press(&mut a, "<esc>");
        let footer = screen(&a, w, h)
            .lines()
            .last()
            .unwrap_or_default()
            .to_owned();
        assert!(
            !footer.contains("落实情况") && !footer.contains("填写"),
            "{footer}"
        );
    }
    // An editable record's footer still offers the status keys, and no 跟随.
    let a = app("dept");
    let footer = screen(&a, 120, 40)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert!(
        footer.contains("1-4落实情况") && !footer.contains("跟随"),
        "{footer}"
    );
}

#[test]
fn an_editor_publishes_its_draft_screen_and_place() {
    let mut a = app("dept");
    press(&mut a, "<tab>");
    burst(&mut a, "一是引进化工专业人才2名");
    let w = a.whereabouts().expect("an editable session publishes");
    assert_eq!(w.check.as_deref(), Some("dept-1-1"));
    assert_eq!(w.field.as_deref(), Some("evidence"));
    let d = w.draft.expect("the text being typed travels");
    assert_eq!(d.text, "一是引进化工专业人才2名");
    assert_eq!(d.check.as_deref(), Some("dept-1-1"));
    // Leaving the field: no draft.
    press(&mut a, "<esc>");
    assert_eq!(a.whereabouts().unwrap().draft, None);
    press(&mut a, "<esc>r");
    assert_eq!(a.whereabouts().unwrap().screen, Some(EditorScreen::Summary));
    press(&mut a, "<tab><tab>");
    assert_eq!(
        a.whereabouts().unwrap().field.as_deref(),
        Some("major_matters")
    );
    press(&mut a, "<esc>m");
    assert_eq!(a.whereabouts().unwrap().screen, Some(EditorScreen::Meeting));
    // A read-only view publishes nothing.
    assert!(follower(80, 24).whereabouts().is_none());
}

#[test]
fn the_meeting_clock_is_kept_in_the_record_and_goes_on_after_reopening() {
    let mut s = session("dept");
    s.meeting.elapsed_seconds = 600;
    let mut a = app_with(s, false, 120, 40);
    a.update(Action::Tick(t0() + Duration::seconds(95)));
    assert!(screen(&a, 120, 40).contains("会议用时00:11:35"));
    // A change puts the clock into the record with it.
    press(&mut a, "1");
    assert_eq!(
        a.walk.as_ref().unwrap().session.meeting.elapsed_seconds,
        695
    );
    // Editing the meeting details keeps it (and the attendance the form does not show).
    let mut s = a.walk.as_ref().unwrap().session.clone();
    s.meeting.attendance.expected = Some(9);
    let mut a = app_with(s, false, 120, 40);
    press(&mut a, "m<down>会<c-s>");
    let m = &a.walk.as_ref().unwrap().session.meeting;
    assert_eq!(m.elapsed_seconds, 695);
    assert_eq!(m.attendance.expected, Some(9));

    // Quitting after two idle minutes saves the clock, and it starts from there next time.
    let mut a = app_with(a.walk.as_ref().unwrap().session.clone(), false, 120, 40);
    a.update(Action::Tick(t0() + Duration::seconds(125)));
    let run = press(&mut a, "q");
    assert!(run.quit);
    assert!(run.effects.iter().any(|e| matches!(e, Effect::Save { .. })));
    let saved = a.walk.as_ref().unwrap().session.clone();
    assert_eq!(saved.meeting.elapsed_seconds, 695 + 125);
    let mut b = app_with(saved, false, 120, 40);
    b.update(Action::Tick(t0() + Duration::seconds(1)));
    assert!(screen(&b, 120, 40).contains("会议用时00:13:41"));

    // After a change, quitting puts the exact clock in, however soon.
    let mut e = app_with(b.walk.as_ref().unwrap().session.clone(), false, 120, 40);
    e.update(Action::Tick(t0() + Duration::seconds(5)));
    press(&mut e, "2");
    e.update(Action::Tick(t0() + Duration::seconds(20)));
    let run = press(&mut e, "q");
    assert!(run.effects.iter().any(|e| matches!(e, Effect::Save { .. })));
    assert_eq!(
        e.walk.as_ref().unwrap().session.meeting.elapsed_seconds,
        820 + 20
    );

    // A glance (under a minute, nothing changed) leaves the file alone.
    let mut c = app_with(b.walk.as_ref().unwrap().session.clone(), false, 120, 40);
    c.update(Action::Tick(t0() + Duration::seconds(30)));
    let run = press(&mut c, "q");
    assert!(run.quit);
    assert!(!run.effects.iter().any(|e| matches!(e, Effect::Save { .. })));

    // A signal on the way out (no quit key): the clock goes in too.
    let mut d = app_with(c.walk.as_ref().unwrap().session.clone(), false, 120, 40);
    d.update(Action::Tick(t0() + Duration::minutes(3)));
    d.update(Action::Closing);
    let w = d.walk.as_ref().unwrap();
    assert!(w.save.dirty);
    assert_eq!(w.session.meeting.elapsed_seconds, 820 + 180);
}

#[test]
fn the_projector_goes_to_the_field_the_editor_selects_on_a_long_check() {
    let mut s = session("dept");
    for f in [Field::Evidence, Field::Problems, Field::Causes] {
        s.set_field("dept-1-1", f, &"会议现场的发言记录。".repeat(20), t0())
            .unwrap();
    }
    s.set_field("dept-1-1", Field::Measures, "建立执法检查台账", t0())
        .unwrap();
    let mut a = app_with(s, true, 80, 24);
    a.update(Action::Follow);
    tell(&mut a, presence("dept-1-1"), false);
    assert!(!screen(&a, 80, 24).contains("建立执法检查台账"));
    // The recorder moves down to 整改措施 (selected, not typing): the projector shows it.
    tell(
        &mut a,
        Presence {
            field: Some("measures".into()),
            ..presence("dept-1-1")
        },
        false,
    );
    let shown = screen(&a, 80, 24);
    assert!(shown.contains("建立执法检查台账"), "{shown}");
    // The follower's own scrolling is not undone while the recorder stays there.
    press(&mut a, "<pgup><pgup><pgup>");
    assert_eq!(a.walk.as_ref().unwrap().detail_scroll, 0);
    tell(
        &mut a,
        Presence {
            field: Some("measures".into()),
            ..presence("dept-1-1")
        },
        false,
    );
    assert_eq!(a.walk.as_ref().unwrap().detail_scroll, 0);
}

#[test]
fn an_editor_on_a_field_publishes_it_without_typing() {
    let mut a = app("dept");
    press(&mut a, "<tab><down><down>");
    let w = a.whereabouts().unwrap();
    assert_eq!(w.field.as_deref(), Some("causes"));
    assert_eq!(w.draft, None);
}

#[test]
fn the_projector_page_shows_the_rectification_progress_once_set() {
    use selfcheck::model::session::{Rectification, RectificationState};
    let mut s = session("dept");
    s.set_field("dept-1-1", Field::Problems, "执法档案缺失", t0())
        .unwrap();
    let mut a = app_with(s.clone(), true, 80, 24);
    a.update(Action::Follow);
    assert!(!screen(&a, 80, 24).contains("整改进展"));
    s.set_rectification(
        "dept-1-1",
        Some(Rectification {
            state: RectificationState::InProgress,
            closed_on: None,
            extra: serde_json::Map::new(),
        }),
        t0(),
    )
    .unwrap();
    a.update(Action::Reloaded(Box::new(s)));
    let shown = screen(&a, 80, 24);
    assert!(shown.contains("整改进展：整改中"), "{shown}");
}

#[test]
fn meeting_details_being_typed_show_on_the_follower_until_saved() {
    // The editor's side: what was changed in the form, by row.
    let mut ed = app("dept");
    press(&mut ed, "m<down><down><down><down>");
    burst(&mut ed, "五楼");
    let w = ed.whereabouts().unwrap();
    assert_eq!(w.screen, Some(EditorScreen::Meeting));
    let typed = w.meeting.expect("the typed details travel");
    assert_eq!(
        typed.get("place").map(String::as_str),
        Some("三楼会议室五楼")
    );
    assert_eq!(typed.len(), 1, "only what changed: {typed:?}");
    assert_eq!(
        w.field.as_deref(),
        Some("place"),
        "the row the editor is on"
    );

    // The follower's side.
    let mut a = follower(80, 24);
    let on_form = |meeting| Presence {
        screen: Some(EditorScreen::Meeting),
        field: Some("place".into()),
        meeting,
        ..presence("dept-1-1")
    };
    tell(&mut a, on_form(Some(typed.clone())), false);
    assert_eq!(
        a.form
            .as_ref()
            .map(selfcheck::app::form::FormState::focused_row),
        Some(selfcheck::app::form::FormRow::Place)
    );
    let shown = screen(&a, 80, 24);
    assert!(
        shown.contains("三楼会议室五楼") && shown.contains(MARK),
        "{shown}"
    );
    // Saved (the note no longer carries them, the file has them)...
    let mut saved = a.walk.as_ref().unwrap().session.clone();
    saved.meeting.place = "三楼会议室五楼".into();
    a.update(Action::Reloaded(Box::new(saved)));
    tell(&mut a, on_form(None), false);
    let shown = screen(&a, 80, 24);
    assert!(
        shown.contains("三楼会议室五楼") && !shown.contains(MARK),
        "{shown}"
    );
    // ...or the editor gone: nothing unsaved is shown.
    tell(
        &mut a,
        on_form(Some([("place".to_owned(), "别处".to_owned())].into())),
        false,
    );
    assert!(screen(&a, 80, 24).contains("别处"));
    tell(
        &mut a,
        on_form(Some([("place".to_owned(), "别处".to_owned())].into())),
        true,
    );
    let shown = screen(&a, 80, 24);
    assert!(!shown.contains("别处") && !shown.contains(MARK), "{shown}");
}
