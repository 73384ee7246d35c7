//! Tier 2: the real render path into ratatui's `TestBackend`, as text snapshots at 80x24 and
//! 120x40 (clock injected), plus properties that must hold at any size.

mod ui_support;

use chrono::Duration;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use selfcheck::app::{Action, App, PickerEntry};
use selfcheck::cli::ThemeName;
use selfcheck::ui::{self, Look, Theme};
use ui_support::{app_with, press, t0};

fn look() -> Look {
    Look {
        theme: Theme::dark(),
        ascii: false,
    }
}

fn demo_app(w: u16, h: u16) -> App {
    let mut a = app_with(selfcheck::demo::session(t0()), false, w, h);
    // Twelve minutes into the meeting.
    a.update(Action::Tick(
        t0() + Duration::minutes(12) + Duration::seconds(7),
    ));
    a
}

fn draw(app: &App, look: &Look, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| ui::draw(f, app, look)).expect("draw");
    term
}

/// The text of row `y` from column `x0` up to `x1`, wide characters counted once.
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

/// The screen as text: one line per row, wide characters once, trailing blanks dropped.
fn screen(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let area = buf.area;
    (0..area.height)
        .map(|y| row_text(buf, y, 0, area.width).trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn snap(name: &str, app: &App, w: u16, h: u16) {
    let term = draw(app, &look(), w, h);
    insta::assert_snapshot!(name, screen(&term));
}

#[test]
fn walk_through_at_both_sizes() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = demo_app(w, h);
        press(&mut a, "<down>");
        snap(&format!("walk_{w}x{h}"), &a, w, h);
    }
}

#[test]
fn editing_a_field_puts_the_cursor_in_it() {
    let mut a = demo_app(120, 40);
    press(&mut a, "<down><tab><tab><enter>");
    a.update(Action::InsertText("，另有两处".into()));
    let mut term = draw(&a, &look(), 120, 40);
    insta::assert_snapshot!("editing_120x40", screen(&term));
    // The terminal cursor (where an input method opens its candidates) is inside the editor,
    // right after the last character typed.
    let pos = term.get_cursor_position().expect("cursor");
    let buf = term.backend().buffer().clone();
    let row = row_text(&buf, pos.y, 0, 120);
    assert!(row.contains("另有两处"), "cursor row {row:?}");
    let before = row_text(&buf, pos.y, 0, pos.x);
    assert!(
        before.trim_end().ends_with("另有两处"),
        "cursor at {pos:?} after {before:?}"
    );
    let _ = term.show_cursor();
}

#[test]
fn summary_projector_and_help() {
    let mut a = demo_app(120, 40);
    press(&mut a, "r");
    snap("summary_120x40", &a, 120, 40);
    press(&mut a, "<esc><down>p");
    snap("projector_120x40", &a, 120, 40);
    press(&mut a, "<esc>?");
    snap("help_120x40", &a, 120, 40);
    let mut en = demo_app(120, 40);
    en.lang = selfcheck::i18n::Lang::En;
    press(&mut en, "?");
    snap("help_en_120x40", &en, 120, 40);
}

#[test]
fn picker_and_new_session_form() {
    let mut a = App::new(
        selfcheck::i18n::Lang::Zh,
        t0(),
        ratatui::layout::Rect::new(0, 0, 120, 40),
    );
    a.update(Action::PickerLoaded(vec![
        PickerEntry {
            path: "/data/2023-12-05-临港区应急管理局.json".into(),
            unit: "临港区应急管理局".into(),
            title: "2023年度“三管三必须”责任落实对照检查会".into(),
            date: "2023-12-05".into(),
            template: "部门“三管三必须”责任落实情况对照检查表".into(),
            answered: 5,
            total: 15,
            locked_by: Some("liming@srv01 (pid 4242, since 2023-12-05 09:30)".into()),
            error: None,
        },
        PickerEntry::unreadable(
            "/data/broken.json".into(),
            "/data/broken.json:3:5: expected `,` or `}`".into(),
        ),
    ]));
    snap("picker_120x40", &a, 120, 40);
    press(&mut a, "n");
    a.update(Action::InsertText("临港化工有限公司".into()));
    snap("form_new_120x40", &a, 120, 40);
}

#[test]
fn too_small_says_so() {
    let a = demo_app(60, 20);
    let term = draw(&a, &look(), 60, 20);
    let text = screen(&term);
    assert!(text.contains("80x24") && text.contains("60x20"), "{text}");
}

#[test]
fn no_size_panics_and_wide_characters_stay_whole() {
    let mut a = demo_app(120, 40);
    press(&mut a, "<down><tab><enter>");
    for (w, h) in [
        (1, 1),
        (2, 1),
        (3, 2),
        (4, 4),
        (10, 3),
        (79, 23),
        (80, 24),
        (81, 25),
        (100, 30),
        (500, 200),
        (80, 200),
        (500, 24),
    ] {
        a.update(Action::Resize(w, h));
        for theme in [
            ThemeName::Dark,
            ThemeName::Light,
            ThemeName::Projector,
            ThemeName::Mono,
        ] {
            let l = Look {
                theme: Theme::by_name(theme),
                ascii: true,
            };
            let term = draw(&a, &l, w, h);
            // A wide character always occupies its cell and a blank continuation cell.
            let buf = term.backend().buffer();
            for y in 0..h {
                let mut x = 0;
                while x < w {
                    let sym = buf[(x, y)].symbol();
                    let cw = unicode_width::UnicodeWidthStr::width(sym);
                    if cw == 2 {
                        assert!(
                            x + 1 < w,
                            "wide char cut at the right edge at {x},{y} ({w}x{h})"
                        );
                        assert!(
                            buf[(x + 1, y)].symbol().trim().is_empty(),
                            "a character drawn over the second half of a wide one at {},{y}",
                            x + 1
                        );
                        x += 2;
                    } else {
                        x += 1;
                    }
                }
            }
        }
    }
}

#[test]
fn ascii_mode_draws_no_box_characters() {
    let a = demo_app(120, 40);
    let l = Look {
        theme: Theme::dark(),
        ascii: true,
    };
    let term = draw(&a, &l, 120, 40);
    let text = screen(&term);
    for box_char in ['┌', '┐', '└', '┘', '─', '│'] {
        assert!(!text.contains(box_char), "{box_char} drawn in ASCII mode");
    }
    assert!(text.contains("+-"));
}

#[test]
fn hostile_text_from_a_file_never_reaches_the_buffer_as_a_control() {
    let mut s = selfcheck::demo::session(t0());
    s.unit.name = "恶意\x1b]0;pwned\x07单位\u{202e}".into();
    let _ = s.set_field(
        "dept-1-1",
        selfcheck::model::Field::Evidence,
        "a\x1b[2Jb\u{9b}31mc\u{2066}d",
        t0(),
    );
    let a = app_with(s, false, 120, 40);
    let term = draw(&a, &look(), 120, 40);
    let buf = term.backend().buffer();
    for cell in &buf.content {
        for ch in cell.symbol().chars() {
            assert!(
                !(ch.is_control()
                    || ('\u{202a}'..='\u{202e}').contains(&ch)
                    || ('\u{2066}'..='\u{2069}').contains(&ch)),
                "control {ch:?} in the buffer"
            );
        }
    }
    let text = screen(&term);
    assert!(text.contains("<U+001B>"), "escape shown visibly");
}

#[test]
fn wrapped_chinese_in_the_detail_pane_keeps_punctuation_rules() {
    // Every width of the detail pane: no wrapped line starts with closing punctuation.
    for w in 80..=130 {
        let mut a = demo_app(w, 40);
        press(&mut a, "<down>");
        let term = draw(&a, &look(), w, 40);
        let buf = term.backend().buffer();
        let detail_x = selfcheck::app::layout::walk(ratatui::layout::Rect::new(0, 0, w, 40))
            .detail
            .x
            + 1;
        for y in 3..38 {
            let line = row_text(buf, y, detail_x, w - 1);
            let first = line.trim_start().chars().next().unwrap_or(' ');
            assert!(
                !"，。、；：？！）」』”".contains(first),
                "line {y} at width {w} starts with {first:?}"
            );
        }
    }
}

#[test]
fn the_recovery_prompt_keeps_its_border_over_chinese_text() {
    for w in [120, 121] {
        let mut a = demo_app(w, 40);
        let saved = a.walk.as_ref().unwrap().session.clone();
        let mut newer = saved.clone();
        let _ = newer.set_field(
            "dept-2-2",
            selfcheck::model::Field::Evidence,
            "崩溃前的记录",
            t0(),
        );
        let differences = selfcheck::app::recovery::differences(
            &saved,
            &newer,
            selfcheck::i18n::texts(selfcheck::i18n::Lang::Zh),
        );
        a.update(Action::RecoveryFound(Box::new(
            selfcheck::app::recovery::Recovery {
                session: newer,
                path: "x.recovery".into(),
                differences,
            },
        )));
        let term = draw(&a, &look(), w, 40);
        let text = screen(&term);
        if w == 120 {
            insta::assert_snapshot!("recovery_prompt_120x40", text.clone());
        }
        assert!(text.contains("2.2：做法及成效 / 佐证"), "{text}");
        // The popup's corners are where they should be, whatever was under them.
        let buf = term.backend().buffer();
        let pw = w - 8;
        let pw = pw.min(90);
        let x = (w - pw) / 2;
        let top = (0..40)
            .find(|y| buf[(x, *y)].symbol() == "┌")
            .expect("top-left corner drawn");
        assert_eq!(
            buf[(x + pw - 1, top)].symbol(),
            "┐",
            "top-right corner at width {w}"
        );
    }
}

#[test]
fn english_chrome_uses_english_punctuation() {
    let mut a = demo_app(120, 40);
    a.lang = selfcheck::i18n::Lang::En;
    press(&mut a, "<down>");
    let text = screen(&draw(&a, &look(), 120, 40));
    for expected in [
        "Status: ",
        "Responsible person / unit: ",
        "(Department)",
        "Deadline: 2024-03-31",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    for leftover in ["Status：", "Deadline：", "（Department）"] {
        assert!(!text.contains(leftover), "{leftover:?} in English mode");
    }
}

/// A dept session whose first check has every field filled, long enough to need scrolling at
/// 80x24 (as in a real meeting: 原因剖析, 整改措施, 责任人 and 完成时限 below the fold).
fn long_check_app(w: u16, h: u16) -> App {
    use selfcheck::model::Field;
    let mut s = ui_support::session("dept");
    let id = "dept-1-1";
    s.set_field(
        id,
        Field::Evidence,
        "已制定《安全生产工作职责清单》，每季度召开一次安全生产专题会议，研究部署重点工作。",
        t0(),
    )
    .unwrap();
    s.set_field(
        id,
        Field::Problems,
        "一是部分科室职责边界不清；二是专业人才不足，化工专业监管人员仅2名。",
        t0(),
    )
    .unwrap();
    s.set_field(
        id,
        Field::Causes,
        "对“管行业必须管安全”的认识不到位，人才引进渠道单一。",
        t0(),
    )
    .unwrap();
    s.set_field(
        id,
        Field::Measures,
        "一是修订职责清单，明确边界；二是引进化工专业人才2名；三是开展专题培训。",
        t0(),
    )
    .unwrap();
    s.set_field(id, Field::Owner, "办公室 王一", t0()).unwrap();
    s.set_field(id, Field::Due, "2024年3月底", t0()).unwrap();
    let mut a = app_with(s, false, w, h);
    a.update(Action::Tick(t0() + Duration::minutes(12)));
    a
}

#[test]
fn projector_at_80x24_scrolls_to_every_field_with_more_markers() {
    let mut a = long_check_app(80, 24);
    press(&mut a, "p");
    let top = screen(&draw(&a, &look(), 80, 24));
    insta::assert_snapshot!("projector_long_80x24", top);
    assert!(top.contains("下面还有 PgDn"), "{top}");
    assert!(!top.contains("上面还有"), "{top}");
    press(&mut a, "<pgdn><pgdn><pgdn>");
    let bottom = screen(&draw(&a, &look(), 80, 24));
    insta::assert_snapshot!("projector_long_scrolled_80x24", bottom);
    assert!(bottom.contains("上面还有 PgUp"), "{bottom}");
    for seen in ["2024年3月底", "办公室 王一"] {
        assert!(bottom.contains(seen), "{seen} reachable: {bottom}");
    }
    assert!(!bottom.contains("下面还有"), "{bottom}");
}

#[test]
fn fields_pane_at_80x24_marks_more_below_and_the_footer_keeps_help_and_quit() {
    let mut a = long_check_app(80, 24);
    press(&mut a, "<tab>");
    let text = screen(&draw(&a, &look(), 80, 24));
    insta::assert_snapshot!("fields_long_80x24", text);
    assert!(text.contains("下面还有 PgDn"), "{text}");
    let footer = text.lines().last().unwrap_or_default();
    assert!(
        footer.contains("帮助") && footer.contains("退出"),
        "{footer}"
    );
    assert!(
        footer.contains("1-4"),
        "the real range of the answer set: {footer}"
    );
    assert!(!footer.contains("1-9"), "{footer}");
}

#[test]
fn the_header_keeps_counts_and_the_footer_help_and_quit_at_80_100_120() {
    for (w, h) in [(80, 24), (100, 30), (120, 40)] {
        let mut a = demo_app(w, h);
        press(&mut a, "<down>");
        let text = screen(&draw(&a, &look(), w, h));
        let lines: Vec<&str> = text.lines().collect();
        let counts = lines[1];
        assert!(
            counts.contains("[x]") || counts.contains("已落实"),
            "{w}x{h} counts: {counts}"
        );
        let footer = lines[lines.len() - 1];
        assert!(
            footer.contains("帮助") && footer.contains("退出"),
            "{w}x{h} footer: {footer}"
        );
    }
    let mut a = demo_app(100, 30);
    press(&mut a, "<down>");
    insta::assert_snapshot!("walk_100x30", screen(&draw(&a, &look(), 100, 30)));
}

#[test]
fn tree_lines_are_cut_with_an_ellipsis_and_carry_the_display_number() {
    let mut a = demo_app(80, 24);
    press(&mut a, "<down>");
    let text = screen(&draw(&a, &look(), 80, 24));
    assert!(text.contains('…'), "{text}");
    assert!(text.contains("1.1 "), "{text}");
}

#[test]
fn help_shows_more_and_stops_at_its_end() {
    let mut a = demo_app(80, 24);
    press(&mut a, "?");
    let top = screen(&draw(&a, &look(), 80, 24));
    assert!(top.contains("下面还有"), "{top}");
    press(&mut a, "<end>");
    let end = screen(&draw(&a, &look(), 80, 24));
    insta::assert_snapshot!("help_end_80x24", end);
    assert!(
        end.contains("上面还有") && !end.contains("下面还有"),
        "{end}"
    );
}

#[test]
fn search_hits_are_highlighted() {
    let mut a = demo_app(120, 40);
    press(&mut a, "/");
    a.update(Action::InsertText("责任".into()));
    press(&mut a, "<enter>");
    let term = draw(&a, &look(), 120, 40);
    let buf = term.backend().buffer();
    let marked = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            buf[(x, y)].symbol() == "责"
                && buf[(x, y)]
                    .modifier
                    .contains(ratatui::style::Modifier::UNDERLINED)
        })
        .count();
    assert!(marked > 0, "no highlighted hit");
}

#[test]
fn the_go_to_prompt_asks_for_a_number_and_its_enter_says_what_it_does() {
    let mut a = demo_app(80, 24);
    press(&mut a, "<c-g>");
    a.update(Action::InsertText("第3。2条".into()));
    let text = screen(&draw(&a, &look(), 80, 24));
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[22].contains("转到第几条") && lines[22].contains("第3。2条"),
        "{text}"
    );
    assert!(
        lines[23].contains("Enter 确定") && !lines[23].contains("搜索"),
        "{text}"
    );
}

/// Up and Down scroll the summary while a closing text is selected, as they do without one,
/// from its top to the sign-off at its end; selecting a text (Tab) brings it into view.
#[test]
fn the_summary_scrolls_while_a_closing_text_is_selected() {
    let (w, h) = (80, 24);
    let mut a = demo_app(w, h);
    let shown = |a: &App| screen(&draw(a, &look(), w, h));
    let body = |s: &str| -> Vec<String> {
        s.lines()
            .skip(3)
            .take(usize::from(h) - 6)
            .map(str::to_owned)
            .collect()
    };
    press(&mut a, "r<tab>");
    let first = shown(&a);
    assert!(
        first.contains("> 做法及成效"),
        "the selected text in view:\n{first}"
    );
    press(&mut a, "<up>");
    let up = shown(&a);
    let (b0, b1) = (body(&first), body(&up));
    assert_eq!(
        b0[..b0.len() - 1],
        b1[1..],
        "Up scrolls by one line:\n{first}\n---\n{up}"
    );
    press(&mut a, "<home>");
    let top = shown(&a);
    assert!(top.contains("各部分进度"), "the top of the summary:\n{top}");
    press(&mut a, "<down>");
    let down = shown(&a);
    let (b0, b1) = (body(&top), body(&down));
    assert_eq!(b0[1..], b1[..b1.len() - 1], "Down scrolls by one line");
    for _ in 0..20 {
        press(&mut a, "<pgdn>");
    }
    let end = shown(&a);
    assert!(end.contains("签字确认"), "the end of the summary:\n{end}");
    assert!(!end.contains("下面还有"), "nothing below:\n{end}");
    assert!(end.contains("> 做法及成效"), "still selected:\n{end}");
    // Another text selected from the top: scrolled to it.
    press(&mut a, "<home><tab>");
    let next = shown(&a);
    assert!(next.contains("> 研究决策重大事项"), "{next}");
}
