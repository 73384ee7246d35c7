//! Tier 2 for a meeting that follows the last: the real render path into `TestBackend` at 80x24
//! and 120x40 — 上次 beside the fields, carried-over measures and repeat findings in the tree,
//! the right pane and the summary, the history view, the dialogs of sign-off and follow-up,
//! and the new-session form based on an earlier session — plus 上次 told apart without colour.

mod followup_support;
mod ui_support;

use followup_support::{t1, year_two};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use selfcheck::app::{Action, App, PickerEntry};
use selfcheck::i18n::Lang;
use selfcheck::ui::{self, Look, Theme};
use ui_support::{app_with, burst, press};

fn look() -> Look {
    Look {
        theme: Theme::dark(),
        ascii: false,
    }
}

fn draw(app: &App, look: &Look, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| ui::draw(f, app, look)).expect("draw");
    term
}

fn row_text(buf: &ratatui::buffer::Buffer, y: u16, x0: u16, x1: u16) -> String {
    let mut out = String::new();
    let mut x = x0;
    while x < x1 {
        let sym = buf[(x, y)].symbol();
        out.push_str(sym);
        x += u16::try_from(unicode_width::UnicodeWidthStr::width(sym).max(1)).unwrap_or(1);
    }
    out
}

fn screen(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let area = buf.area;
    (0..area.height)
        .map(|y| row_text(buf, y, 0, area.width).trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn snap(name: &str, app: &App, w: u16, h: u16) -> String {
    let term = draw(app, &look(), w, h);
    let text = screen(&term);
    insta::assert_snapshot!(name, text.clone());
    text
}

/// Year two open at `w`x`h`, a year after the first meeting, on check 1.3 marked 未落实
/// again (a repeat finding with an overdue carried-over measure).
fn app_two(w: u16, h: u16) -> App {
    let mut a = app_with(year_two(), false, w, h);
    a.update(Action::Tick(t1()));
    let wk = a.walk.as_mut().expect("open");
    let pos = wk.index.position("dept-1-3").expect("check");
    wk.tree.select_check(&wk.session, pos);
    press(&mut a, "3");
    a
}

#[test]
fn last_time_carried_measures_and_repeat_findings_on_the_walk_through() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app_two(w, h);
        let text = snap(&format!("followup_walk_{w}x{h}"), &a, w, h);
        assert!(text.contains("〔反复〕"), "{text}");
        assert!(text.contains("上次：未落实"), "{text}");
        // The rest of the pane: the carried-over measure, overdue.
        press(&mut a, "<pgdn><pgdn>");
        let text = snap(&format!("followup_walk_carried_{w}x{h}"), &a, w, h);
        assert!(text.contains("上次整改措施"), "{text}");
        assert!(text.contains("已逾期"), "{text}");
    }
}

#[test]
fn last_time_is_told_apart_without_colour() {
    let mut a = app_two(120, 40);
    press(&mut a, "<tab><down><enter>");
    burst(&mut a, "本次的文字");
    press(&mut a, "<esc>");
    for theme in [Theme::mono(), Theme::dark(), Theme::projector()] {
        let l = Look {
            theme,
            ascii: false,
        };
        let term = draw(&a, &l, 120, 40);
        let buf = term.backend().buffer();
        let find = |needle: &str| {
            (0..40u16).find_map(|y| {
                let row = row_text(buf, y, 0, 120);
                row.find(needle).map(|_| {
                    // The column of the needle's first character.
                    let mut x = 0u16;
                    while x < 120 && !row_text(buf, y, x, 120).starts_with(needle) {
                        x += 1;
                    }
                    (x, y)
                })
            })
        };
        let (px, py) = find("上次：未开展").expect("the previous text is shown");
        let (cx, cy) = find("本次的文字").expect("this meeting's text is shown");
        let prev = buf[(px + 6, py)].style();
        let this = buf[(cx, cy)].style();
        assert_ne!(
            (prev.fg, prev.add_modifier),
            (this.fg, this.add_modifier),
            "上次 looks like this meeting's text in {:?}",
            l.theme.name
        );
        assert!(
            !prev.add_modifier.contains(Modifier::DIM)
                && !prev.add_modifier.contains(Modifier::ITALIC),
            "never dim or italic (unreadable on a projector, no CJK italics)"
        );
    }
}

#[test]
fn the_dialogs_and_the_history() {
    let mut a = app_two(80, 24);
    press(&mut a, "<c-k>");
    snap("followup_carried_dialog_80x24", &a, 80, 24);
    press(&mut a, "<esc><c-l>");
    let text = snap("followup_history_80x24", &a, 80, 24);
    assert!(
        text.contains("Esc 关闭"),
        "the footer says how to close it: {text}"
    );
    press(&mut a, "<esc>r<c-d>");
    snap("followup_sign_dialog_80x24", &a, 80, 24);
    burst(&mut a, "张主任");
    press(&mut a, "<enter><pgdn><pgdn><pgdn><pgdn>");
    let text = snap("followup_summary_signed_80x24", &a, 80, 24);
    assert!(text.contains("校验码"), "{text}");
    press(&mut a, "<c-o>");
    snap("followup_reopen_dialog_80x24", &a, 80, 24);
    let mut big = app_two(120, 40);
    // This meeting's problem, copied from last time: a repeat finding in the problem list.
    press(&mut big, "<c-p><c-l>");
    snap("followup_history_120x40", &big, 120, 40);
    press(&mut big, "<esc>r");
    let text = screen(&draw(&big, &look(), 120, 40));
    assert!(text.contains("【反复出现】1.3"), "{text}");
    press(&mut big, "<pgdn>");
    snap("followup_summary_120x40", &big, 120, 40);
}

#[test]
fn the_new_session_form_based_on_the_units_latest() {
    let mut a = App::new(Lang::Zh, t1(), ratatui::layout::Rect::new(0, 0, 80, 24));
    a.update(Action::PickerLoaded(vec![PickerEntry {
        path: "/d/2023-12-05-临港区应急管理局.json".into(),
        unit: "临港区应急管理局".into(),
        title: "2023年度对照检查会".into(),
        date: "2023-12-05".into(),
        template: "部门“三管三必须”责任落实情况对照检查表".into(),
        answered: 3,
        total: 15,
        locked_by: None,
        error: None,
    }]));
    press(&mut a, "<c-x>");
    let text = snap("followup_form_based_on_80x24", &a, 80, 24);
    assert!(text.contains("2023-12-05"), "{text}");
    // The earlier file gone by the time the session is made: the form says why.
    press(&mut a, "<c-s>");
    a.update(Action::Failed(
        "/d/2023-12-05-临港区应急管理局.json：找不到文件".into(),
    ));
    let text = screen(&draw(&a, &look(), 80, 24));
    assert!(text.contains("找不到文件"), "{text}");
}

#[test]
fn the_projector_shows_last_time_and_the_carried_measures_without_keys() {
    let mut a = app_two(120, 40);
    press(&mut a, "p");
    let text = snap("followup_projector_120x40", &a, 120, 40);
    assert!(text.contains("上次：未落实"), "{text}");
    assert!(text.contains("【反复出现】"), "{text}");
    assert!(
        !text.contains("Ctrl+P"),
        "no keys on the room's page: {text}"
    );
    assert!(text.contains("制定年度培训计划"), "{text}");
    assert!(text.contains("已逾期"), "{text}");
}

#[test]
fn no_size_panics_with_a_dialog_or_the_history_open() {
    let mut with_dialog = app_two(120, 40);
    press(&mut with_dialog, "<c-k>文件");
    let mut with_history = app_two(120, 40);
    press(&mut with_history, "<c-l>");
    for a in [&mut with_dialog, &mut with_history] {
        for (w, h) in [
            (1, 1),
            (4, 4),
            (30, 8),
            (79, 23),
            (80, 24),
            (81, 25),
            (500, 200),
            (80, 200),
        ] {
            a.update(Action::Resize(w, h));
            press(a, "<down><pgdn>");
            for ascii in [false, true] {
                let l = Look {
                    theme: Theme::mono(),
                    ascii,
                };
                let term = draw(a, &l, w, h);
                let _ = screen(&term);
            }
        }
    }
}
