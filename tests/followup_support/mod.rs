//! A meeting made from the last one, for the interface tests: year one with problems and
//! measures, year two made from it as `selfcheck new --from` makes it. A test file using it
//! declares `mod ui_support;` too.
#![allow(dead_code)]

use super::ui_support::{session, t0};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use selfcheck::model::carryover;
use selfcheck::model::{Field, Meeting, Session};

/// A year later than the first meeting.
pub fn t1() -> DateTime<FixedOffset> {
    t0() + Duration::days(366)
}

/// Year one: 1.1 基本落实 with a problem and a measure due 2024-03-31; 1.3 未落实 with a
/// measure due 2024-06-30; 1.2 已落实.
pub fn year_one() -> Session {
    let mut s = session("dept");
    let now = t0();
    s.set_status("dept-1-1", Some("partial"), now).unwrap();
    for (f, v) in [
        (Field::Evidence, "已制定职责清单"),
        (Field::Problems, "部分科室职责边界不清"),
        (Field::Causes, "机构调整后未及时修订"),
        (Field::Measures, "修订职责清单"),
        (Field::Owner, "办公室 王一"),
        (Field::Due, "2024-03-31"),
    ] {
        s.set_field("dept-1-1", f, v, now).unwrap();
        s.end_text_edit();
    }
    s.set_status("dept-1-2", Some("done"), now).unwrap();
    s.set_status("dept-1-3", Some("not_done"), now).unwrap();
    s.set_field("dept-1-3", Field::Problems, "未开展专项培训", now)
        .unwrap();
    s.end_text_edit();
    s.set_field("dept-1-3", Field::Measures, "制定年度培训计划", now)
        .unwrap();
    s.end_text_edit();
    s.set_field("dept-1-3", Field::Due, "2024-06-30", now)
        .unwrap();
    s.end_text_edit();
    s
}

/// Year two, made from year one as `new --from` makes it.
pub fn year_two() -> Session {
    let mut y1 = year_one();
    // Fixed ids, so the content hash (and the 校验码 shown) is the same on every run.
    y1.id = Some("1".repeat(32));
    let meeting = Meeting {
        title: "2024年度对照检查会".into(),
        date: NaiveDate::from_ymd_opt(2024, 12, 5),
        host: "张主任".into(),
        recorder: "周文".into(),
        ..Meeting::default()
    };
    let (y2, _) = carryover::next_session(
        &y1,
        "2023.json",
        y1.template.clone(),
        y1.unit.clone(),
        meeting,
        t1(),
    );
    let mut y2 = y2;
    y2.id = Some("2".repeat(32));
    y2
}
