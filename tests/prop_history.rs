//! Property test: whatever changes are made to a session, and however text edits are grouped,
//! replaying each answer's history from an empty answer gives the answer as it stands, before
//! and after the file is written and read back.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use proptest::prelude::*;
use selfcheck::model::carryover::{self, CarriedUpdate};
use selfcheck::model::history::{recorded_part, replay};
use selfcheck::model::session::{Rectification, RectificationState};
use selfcheck::model::{Field, Meeting, Session, Unit, builtin};

#[derive(Debug, Clone)]
enum Op {
    Status(usize, Option<usize>),
    Text(usize, usize, usize),
    Flag(usize),
    Rect(usize, Option<usize>),
    Carried(usize, usize),
    EndEdit,
    Recorder(usize),
}

const CHECKS: [&str; 4] = ["dept-1-1", "dept-1-3", "dept-1-4", "dept-2-2"];
const STATUSES: [&str; 4] = ["done", "partial", "not_done", "na"];
const TEXTS: [&str; 6] = [
    "",
    "已印发",
    "已印发清单",
    "台账不全\n第二行",
    "  前后空格  ",
    "赵志刚",
];
const DUES: [&str; 6] = [
    "",
    "2025-03-31",
    "2025年3月底",
    "长期坚持",
    "立行立改",
    "3月底前",
];
const RECORDERS: [&str; 3] = ["李明", "周文", ""];

fn op() -> impl Strategy<Value = Op> {
    let check = 0..CHECKS.len();
    prop_oneof![
        (check.clone(), prop::option::of(0..STATUSES.len())).prop_map(|(c, s)| Op::Status(c, s)),
        (check.clone(), 0..Field::ALL.len(), 0..TEXTS.len())
            .prop_map(|(c, f, t)| Op::Text(c, f, t)),
        check.clone().prop_map(Op::Flag),
        (check.clone(), prop::option::of(0..3usize)).prop_map(|(c, r)| Op::Rect(c, r)),
        (check, 0..4usize).prop_map(|(c, u)| Op::Carried(c, u)),
        Just(Op::EndEdit),
        (0..RECORDERS.len()).prop_map(Op::Recorder),
    ]
}

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-12-04T09:00:00+08:00").expect("time")
}

/// A session made from a previous one with open measures on 1.3 and 1.4.
fn start() -> Session {
    let mut prev = Session::new(
        builtin::get("dept").expect("dept"),
        Unit::default(),
        Meeting::default(),
        t0() - Duration::days(365),
    );
    let now = prev.created_at;
    for id in ["dept-1-3", "dept-1-4"] {
        prev.set_status(id, Some("partial"), now).expect("status");
        prev.set_field(id, Field::Measures, "建立台账。", now)
            .expect("measure");
        prev.set_field(id, Field::Due, "2025-01-31", now)
            .expect("due");
    }
    let (s, _) = carryover::next_session(
        &prev,
        "prev.json",
        prev.template.clone(),
        prev.unit.clone(),
        Meeting::default(),
        t0(),
    );
    s
}

fn apply(s: &mut Session, op: &Op, now: DateTime<FixedOffset>) {
    match *op {
        Op::Status(c, st) => {
            let _ = s.set_status(CHECKS[c], st.map(|i| STATUSES[i]), now);
        }
        Op::Text(c, f, t) => {
            let field = Field::ALL[f];
            let text = if field == Field::Due {
                DUES[t]
            } else {
                TEXTS[t]
            };
            let _ = s.set_field(CHECKS[c], field, text, now);
        }
        Op::Flag(c) => {
            let _ = s.toggle_flag(CHECKS[c], now);
        }
        Op::Rect(c, r) => {
            let value = r.map(|i| Rectification {
                state: [
                    RectificationState::NotStarted,
                    RectificationState::InProgress,
                    RectificationState::Done,
                ][i],
                closed_on: (i == 2).then(|| now.date_naive()),
                extra: serde_json::Map::new(),
            });
            let _ = s.set_rectification(CHECKS[c], value, now);
        }
        Op::Carried(c, u) => {
            let update = match u {
                0 => CarriedUpdate::Progress {
                    state: RectificationState::InProgress,
                    text: "已推进".into(),
                },
                1 => CarriedUpdate::Close {
                    on: NaiveDate::from_ymd_opt(2025, 11, 1).expect("date"),
                    evidence: "见台账".into(),
                },
                2 => CarriedUpdate::Reopen,
                _ => CarriedUpdate::Progress {
                    state: RectificationState::NotStarted,
                    text: String::new(),
                },
            };
            let _ = s.update_carried(CHECKS[c], 0, update, now);
        }
        Op::EndEdit => s.end_text_edit(),
        Op::Recorder(r) => RECORDERS[r].clone_into(&mut s.meeting.recorder),
    }
}

fn check_replay(s: &Session) -> Result<(), TestCaseError> {
    for (id, a) in &s.answers {
        let replayed = replay(&a.history).map_err(|e| TestCaseError::fail(format!("{id}: {e}")))?;
        prop_assert_eq!(&replayed, &recorded_part(a), "answer {}", id);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn replaying_the_history_gives_the_answers(ops in prop::collection::vec(op(), 0..60)) {
        let mut s = start();
        check_replay(&s)?;
        for (i, op) in ops.iter().enumerate() {
            apply(&mut s, op, t0() + Duration::seconds(i64::try_from(i).unwrap_or(0)));
            check_replay(&s)?;
        }
        // Written and read back: the history comes back whole and still replays.
        let bytes = selfcheck::store::to_json(&s);
        let back = selfcheck::store::parse_session(
            std::path::Path::new("prop.json"),
            std::str::from_utf8(&bytes).expect("UTF-8"),
        )
        .expect("reads back");
        prop_assert_eq!(&back.answers, &s.answers);
        check_replay(&back)?;
        // And the file's pieces, as a large session is saved, are the same text.
        let image = selfcheck::store::Image::build(s.clone());
        prop_assert_eq!(image.text(&s).to_vec(), bytes);
    }
}
