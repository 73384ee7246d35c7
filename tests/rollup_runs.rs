//! `selfcheck summary --format json` makes the flags and the combined ledger in runs on every
//! core and writes them in order; the text must be the one `serde_json` makes of the whole
//! value, member for member, in both languages, across many runs (the words of a copy's
//! evidence are made once per group of flags naming the same places).

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};
use selfcheck::i18n::Lang;
use selfcheck::model::{Session, builtin};
use selfcheck::rollup::{json, summarize};

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2023-12-05T09:00:00+08:00").unwrap()
}

/// `n` units over the three built-in checklists, answered as the example meeting is; most
/// write their own figures into each text (near copies of each other), every tenth hands in
/// another unit's text unchanged, a few leave checks unanswered or write almost nothing.
fn sessions(n: usize) -> Vec<(PathBuf, Session)> {
    let templates: Vec<_> = ["gov", "dept", "enterprise"]
        .iter()
        .map(|id| builtin::get(id).unwrap())
        .collect();
    (0..n)
        .map(|i| {
            let mut s = selfcheck::demo::answer_all(templates[i % 3].clone(), t0());
            s.unit.name = format!("临港区第{:04}单位", i + 1);
            if i % 10 != 0 {
                for (k, a) in s.answers.values_mut().enumerate() {
                    a.evidence = format!(
                        "{}本单位另行建立{}项制度，编号{i}-{k}。",
                        a.evidence,
                        (i + k) % 9 + 2
                    );
                }
            }
            if i % 7 == 0 {
                let first = s.answers.keys().next().cloned().unwrap();
                s.answers.remove(&first);
            }
            if i % 11 == 0 {
                for a in s.answers.values_mut() {
                    a.evidence = "已落实。".into();
                    a.measures.clear();
                    a.owner.clear();
                }
            }
            if i % 13 == 0 {
                // Characters JSON escapes, in the text quoted and in the unit's name.
                s.unit.name.push_str(" \"甲\"\t\\");
                for a in s.answers.values_mut().take(4) {
                    a.problems = format!("第\"{i}\"号台账\n记录不全\u{1}\r，{}", a.problems);
                }
            }
            (PathBuf::from(format!("unit-{i:04}.json")), s)
        })
        .collect()
}

#[test]
fn the_json_written_in_runs_is_the_whole_value_serialised() {
    let as_of = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    let r = summarize(&sessions(600), as_of);
    // More flags than one window of runs, so several are made and joined.
    assert!(r.flags.len() > 20_000, "{} flags", r.flags.len());
    for lang in [Lang::Zh, Lang::En] {
        let whole = serde_json::to_string(&json::build(&r, lang)).unwrap() + "\n";
        let written = json::render(&r, lang);
        assert!(whole == written, "the JSON differs ({lang:?})");
        let mut streamed = Vec::new();
        json::write(&r, lang, &mut streamed).unwrap();
        assert!(
            streamed == whole.as_bytes(),
            "the stream differs ({lang:?})"
        );
    }
}
