//! The meeting's attendance (应到, 实到, 缺席 with the reason, 列席) in the meeting-details
//! forms: key strings typed into the new-session form and the details of an open session
//! (`m`), what is said about wrong counts, the follower's read-only details, the drawn form at
//! 80x24 and 120x40, and the report's 基本情况 of a session made through the form.

mod ui_support;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use selfcheck::app::form::FormRow;
use selfcheck::app::{Action, App, Effect, Screen};
use selfcheck::export::markdown;
use selfcheck::i18n::Lang;
use selfcheck::model::Session;
use selfcheck::model::attendance::{Attendance, parse_absentees};
use selfcheck::store::{EditorScreen, Presence};
use selfcheck::ui::{self, Look, Theme};
use ui_support::{app, app_with, press, session, t0};

/// A new-session form (no sessions yet) at `w`x`h`.
fn new_form(lang: Lang, w: u16, h: u16) -> App {
    let mut a = App::new(lang, t0(), ratatui::layout::Rect::new(0, 0, w, h));
    a.update(Action::PickerLoaded(Vec::new()));
    assert_eq!(a.screen, Screen::Form);
    a
}

/// The session a form's submission creates.
fn created(effects: &[Effect]) -> Session {
    match effects.last() {
        Some(Effect::Create(s)) => (**s).clone(),
        other => panic!("expected a Create effect, got {other:?}"),
    }
}

fn screen(app: &App, w: u16, h: u16) -> String {
    let look = Look {
        theme: Theme::dark(),
        ascii: false,
    };
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| ui::draw(f, app, &look)).expect("draw");
    let buf = term.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            while x < buf.area.width {
                let sym = buf[(x, y)].symbol();
                line.push_str(sym);
                x += u16::try_from(unicode_width::UnicodeWidthStr::width(sym).max(1)).unwrap_or(1);
            }
            line.trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The colour of the footer's message line.
fn message_colour(app: &App, w: u16, h: u16) -> Option<ratatui::style::Color> {
    let look = Look {
        theme: Theme::dark(),
        ascii: false,
    };
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| ui::draw(f, app, &look)).expect("draw");
    term.backend().buffer()[(0, h - 2)].style().fg
}

fn focused(a: &App) -> FormRow {
    a.form.as_ref().expect("a form is open").focused_row()
}

fn error(a: &App) -> String {
    a.form
        .as_ref()
        .and_then(|f| f.error.clone())
        .unwrap_or_default()
}

/// From 单位名称, Enter row by row down to 列席人员, typing the meeting as a recorder would.
const MEETING: &str = "临港化工有限公司<enter><enter>2023年第四季度对照检查会<enter><enter>三楼会议室<enter>王主任<enter>李记录<enter>张三、李四、王二麻子<enter>";

#[test]
fn attendance_typed_into_the_new_session_form_is_in_the_session_and_the_report() {
    let mut a = new_form(Lang::Zh, 120, 40);
    press(&mut a, MEETING);
    assert_eq!(focused(&a), FormRow::Expected);
    // A full-width count with 人, as an input method gives it.
    press(&mut a, "５人<enter>3<enter>王五（出差）、赵六:病假<enter>");
    assert_eq!(focused(&a), FormRow::Observers);
    let run = press(&mut a, "孙七、周八<c-s>");
    let s = created(&run.effects);
    let at = &s.meeting.attendance;
    assert_eq!(at.expected, Some(5));
    assert_eq!(at.present, Some(3));
    let absent: Vec<(&str, &str)> = at
        .absentees
        .iter()
        .map(|x| (x.name.as_str(), x.reason.as_str()))
        .collect();
    assert_eq!(absent, [("王五", "出差"), ("赵六", "病假")]);
    assert_eq!(at.observers, ["孙七", "周八"]);
    assert_eq!(s.meeting.attendees, ["张三", "李四", "王二麻子"]);

    // The report's 基本情况 tells it.
    let md = markdown::render(&s);
    assert!(
        md.contains(
            "会议由王主任主持，应到5人，实到3人，张三、李四、王二麻子参加会议，王五（出差）、赵六（病假）缺席，孙七、周八列席会议，李记录记录。"
        ),
        "{md}"
    );
}

#[test]
fn rows_left_empty_record_no_attendance() {
    let mut a = new_form(Lang::Zh, 120, 40);
    let run = press(&mut a, "临港化工有限公司<c-s>");
    let s = created(&run.effects);
    assert_eq!(s.meeting.attendance, Attendance::default());
}

#[test]
fn a_count_that_is_not_a_number_is_told_and_kept() {
    let mut a = new_form(Lang::Zh, 80, 24);
    press(&mut a, MEETING);
    press(&mut a, "十人<enter>");
    // Told on leaving the row; the text stays as typed.
    let e = error(&a);
    assert!(e.contains("应到人数") && e.contains("「十人」"), "{e}");
    assert!(screen(&a, 80, 24).contains("「十人」不是人数"));
    assert_eq!(a.form.as_ref().unwrap().text(FormRow::Expected), "十人");
    // Submitting is refused and goes back to the row.
    let run = press(&mut a, "<c-s>");
    assert!(
        !run.effects.iter().any(|e| matches!(e, Effect::Create(_))),
        "{:?}",
        run.effects
    );
    assert_eq!(focused(&a), FormRow::Expected);
    assert_eq!(a.form.as_ref().unwrap().text(FormRow::Expected), "十人");
    assert!(error(&a).contains("十人"));
    // Corrected: more present than expected is refused in turn, on 实到.
    let run = press(&mut a, "<bs><bs>10<enter>12<c-s>");
    assert!(run.effects.is_empty(), "{:?}", run.effects);
    assert_eq!(focused(&a), FormRow::Present);
    let e = error(&a);
    assert!(
        e.contains("实到人数 12") && e.contains("应到人数 10"),
        "{e}"
    );
    assert_eq!(a.form.as_ref().unwrap().text(FormRow::Present), "12");
    let run = press(&mut a, "<bs><bs>3<c-s>");
    let s = created(&run.effects);
    assert_eq!(
        (s.meeting.attendance.expected, s.meeting.attendance.present),
        (Some(10), Some(3))
    );
}

#[test]
fn more_attendees_named_than_expected_is_refused_and_an_absentee_needs_a_name() {
    let mut a = new_form(Lang::Zh, 120, 40);
    press(&mut a, MEETING);
    let run = press(&mut a, "2<c-s>");
    assert!(run.effects.is_empty());
    assert_eq!(focused(&a), FormRow::Expected);
    assert!(error(&a).contains("参会人员列了 3 人"), "{}", error(&a));
    let run = press(&mut a, "<bs>4<enter><enter>（出差）<c-s>");
    assert!(run.effects.is_empty());
    assert_eq!(focused(&a), FormRow::Absent);
    assert!(error(&a).contains("「（出差）」没有姓名"), "{}", error(&a));
    // Counts that do not add up are only a note: 4 expected, 3 named, 2 away.
    press(&mut a, "<home>王五<end>、赵六");
    let shown = screen(&a, 120, 40);
    assert!(shown.contains("人数对不上"), "{shown}");
    // A note, not drawn as an error.
    assert_eq!(message_colour(&a, 120, 40), Theme::dark().key.fg);
    press(&mut a, "<up><up><end>x");
    assert!(screen(&a, 120, 40).contains("「4x」不是人数"));
    assert_eq!(message_colour(&a, 120, 40), Theme::dark().error.fg);
    press(&mut a, "<bs><down><down>");
    let run = press(&mut a, "<c-s>");
    let s = created(&run.effects);
    assert_eq!(s.meeting.attendance.absentees.len(), 2);
}

#[test]
fn english_messages_say_what_is_wrong() {
    let mut a = new_form(Lang::En, 80, 24);
    press(&mut a, MEETING);
    press(&mut a, "ten<enter>");
    let e = error(&a);
    assert!(
        e.contains("Expected") && e.contains("\"ten\" is not a number"),
        "{e}"
    );
    press(&mut a, "<up><bs><bs><bs>5<enter>9<c-s>");
    let e = error(&a);
    assert!(e.contains("Present (9) is more than expected (5)"), "{e}");
    let shown = screen(&a, 80, 24);
    assert!(shown.contains("Absent (reason)") && shown.contains("Observers"));
}

#[test]
fn meeting_details_edit_the_attendance_and_keep_it() {
    let mut a = app("dept");
    press(&mut a, "m");
    assert_eq!(focused(&a), FormRow::Unit);
    // Down from 单位名称 to 应到人数 (eight rows).
    press(&mut a, "<down><down><down><down><down><down><down><down>");
    assert_eq!(focused(&a), FormRow::Expected);
    let run = press(&mut a, "3<enter><enter>钱三（病假）<enter>孙七、周八<c-s>");
    assert_eq!(a.screen, Screen::Walk);
    assert!(run.effects.iter().any(|e| matches!(e, Effect::Save { .. })));
    let at = a.walk.as_ref().unwrap().session.meeting.attendance.clone();
    assert_eq!(at.expected, Some(3));
    assert_eq!(
        at.present, None,
        "实到 left empty: the attendees named count"
    );
    assert_eq!(at.absentees, parse_absentees("钱三（病假）"));
    assert_eq!(at.observers, ["孙七", "周八"]);
    // The form shows them again as typed.
    press(&mut a, "m");
    let f = a.form.as_ref().unwrap();
    assert_eq!(f.text(FormRow::Expected), "3");
    assert_eq!(f.text(FormRow::Absent), "钱三（病假）");
    assert_eq!(f.text(FormRow::Observers), "孙七、周八");
    // Editing the place keeps them.
    press(&mut a, "<down><down><down><down>二<c-s>");
    let m = &a.walk.as_ref().unwrap().session.meeting;
    assert!(m.place.ends_with('二'), "{}", m.place);
    assert_eq!(m.attendance, at);
    // Esc over an attendance edit asks first; a second Esc discards it.
    press(
        &mut a,
        "m<down><down><down><down><down><down><down><down><bs>9",
    );
    press(&mut a, "<esc>");
    assert_eq!(a.screen, Screen::Form);
    assert!(error(&a).contains("Esc"));
    press(&mut a, "<esc>");
    assert_eq!(a.screen, Screen::Walk);
    assert_eq!(a.walk.as_ref().unwrap().session.meeting.attendance, at);
}

#[test]
fn unknown_fields_of_the_attendance_survive_the_form() {
    let mut s = session("dept");
    s.meeting.attendance = Attendance {
        expected: Some(4),
        absentees: parse_absentees("钱三（病假）"),
        ..Attendance::default()
    };
    s.meeting
        .attendance
        .extra
        .insert("seats".into(), serde_json::json!(20));
    s.meeting.attendance.absentees[0]
        .extra
        .insert("approved_by".into(), serde_json::json!("张主任"));
    let mut a = app_with(s, false, 120, 40);
    // 实到 is filled in; the rest of the record stays.
    press(
        &mut a,
        "m<down><down><down><down><down><down><down><down><down>2<c-s>",
    );
    let at = &a.walk.as_ref().unwrap().session.meeting.attendance;
    assert_eq!(at.present, Some(2));
    assert_eq!(at.extra.get("seats"), Some(&serde_json::json!(20)));
    assert_eq!(
        at.absentees[0].extra.get("approved_by"),
        Some(&serde_json::json!("张主任"))
    );
}

#[test]
fn the_follower_sees_the_attendance_and_what_is_being_typed() {
    let mut s = session("dept");
    s.meeting.attendance = Attendance {
        expected: Some(5),
        present: Some(3),
        absentees: parse_absentees("王五（出差）、赵六（病假）"),
        observers: vec!["孙七".into()],
        ..Attendance::default()
    };
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app_with(s.clone(), true, w, h);
        a.update(Action::Follow);
        let mut typed = std::collections::BTreeMap::new();
        typed.insert("observers".to_owned(), "孙七、周八".to_owned());
        a.update(Action::EditorPresence {
            presence: Some(Box::new(Presence {
                user: "lm".into(),
                host: "vm".into(),
                pid: 1,
                at: t0().to_rfc3339(),
                screen: Some(EditorScreen::Meeting),
                field: Some("observers".into()),
                meeting: Some(typed),
                ..Presence::default()
            })),
            gone: false,
        });
        assert_eq!(a.screen, Screen::Form);
        assert_eq!(focused(&a), FormRow::Observers, "on the editor's row");
        let shown = screen(&a, w, h);
        for part in [
            "应到人数",
            "实到人数",
            "王五（出差）、赵六（病假）",
            "列席人员",
            "孙七、周八",
        ] {
            assert!(shown.contains(part), "{w}x{h}: {part}\n{shown}");
        }
        // No typing hints where nothing can be typed.
        assert!(!shown.contains("如：王五"), "{shown}");
        // Typing on the follower changes nothing.
        let before = a.walk.as_ref().unwrap().session.clone();
        press(&mut a, "9<c-s>");
        assert_eq!(a.walk.as_ref().unwrap().session, before);
    }
}

#[test]
fn the_form_with_attendance_drawn_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = new_form(Lang::Zh, w, h);
        press(&mut a, MEETING);
        press(&mut a, "5<enter>3<enter>王五（出差）、赵六（病假）<enter>");
        let shown = screen(&a, w, h);
        // Every row is on screen, the cursor's row with its hint while empty.
        for part in [
            "单位名称",
            "应到人数        5",
            "缺席人员及原因  王五（出差）、赵六（病假）",
            "> 列席人员",
            "姓名以、分隔",
            "学习内容",
        ] {
            assert!(shown.contains(part), "{w}x{h}: {part}\n{shown}");
        }
        insta::assert_snapshot!(format!("form_attendance_new_{w}x{h}"), shown);
    }
    let mut s = session("dept");
    s.meeting.attendance = Attendance {
        expected: Some(5),
        present: Some(3),
        absentees: parse_absentees("王五（出差）、赵六（病假）"),
        observers: vec!["孙七".into(), "周八".into()],
        ..Attendance::default()
    };
    let mut a = app_with(s, false, 80, 24);
    press(&mut a, "m");
    insta::assert_snapshot!("form_attendance_edit_80x24", screen(&a, 80, 24));
}

#[test]
fn rows_that_do_not_fit_scroll_with_the_focus() {
    use selfcheck::app::form::rows_window;
    assert_eq!(rows_window(0, 14, 15, 19), 0, "all fit: no scrolling");
    // Ten lines for fifteen rows: the focused row is kept in view, one row of context round it.
    assert_eq!(rows_window(0, 14, 15, 10), 5);
    assert_eq!(rows_window(0, 8, 15, 10), 0);
    assert_eq!(rows_window(0, 9, 15, 10), 1);
    assert_eq!(
        rows_window(5, 6, 15, 10),
        5,
        "moving within the view does not scroll"
    );
    assert_eq!(rows_window(5, 5, 15, 10), 4);
    assert_eq!(rows_window(5, 0, 15, 10), 0);
    assert_eq!(
        rows_window(40, 3, 15, 10),
        2,
        "a stale offset is brought back"
    );
    assert_eq!(rows_window(0, 3, 15, 0), 0);
}

#[test]
fn a_list_pasted_a_name_a_line_stays_a_list() {
    let mut a = new_form(Lang::Zh, 80, 24);
    press(&mut a, MEETING);
    press(&mut a, "<enter><enter>");
    assert_eq!(focused(&a), FormRow::Absent);
    a.update(Action::Paste("王五（出差）\r\n赵六（病假）\n\n".into()));
    press(&mut a, "<enter>");
    a.update(Action::Paste("孙七\n周八".into()));
    let run = press(&mut a, "<c-s>");
    let s = created(&run.effects);
    assert_eq!(
        s.meeting.attendance.absentees,
        parse_absentees("王五（出差）、赵六（病假）")
    );
    assert_eq!(s.meeting.attendance.observers, ["孙七", "周八"]);
}
