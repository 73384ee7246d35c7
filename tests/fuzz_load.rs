//! The stable stand-in for the cargo-fuzz targets in `fuzz/` (which need a nightly toolchain):
//! valid session and template JSON, mutated by byte flips, truncations, deep nesting, control
//! characters and spliced-in pieces, fed to `parse_session` and `parse_template`. Nothing
//! panics; every error names the file; whatever parses is a valid session that survives a save
//! and a reload unchanged.

mod common;

use std::path::Path;

use proptest::prelude::*;
use selfcheck::store::{parse_session, parse_template, to_json};

const SESSION_NAME: &str = "mutated-session.json";
const TEMPLATE_NAME: &str = "mutated-template.json";

fn session_text() -> Vec<u8> {
    let mut s = common::full_session();
    s.meeting.title = "对照检查会 \u{1b}[31m".into();
    to_json(&s)
}

fn template_text() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/templates/gov.json"))
        .expect("the gov template")
}

/// One change to the bytes of a file.
#[derive(Debug, Clone)]
enum Mutation {
    /// XOR the byte at a position (taken modulo the length) with a value.
    Flip(usize, u8),
    /// Keep only the first part.
    Truncate(usize),
    /// Insert `[` n times and `]` n times at a position.
    Nest(usize, usize),
    /// Insert a piece of text at a position.
    Insert(usize, &'static str),
    /// Remove a run of bytes.
    Remove(usize, usize),
    /// Copy a run of the file to another place (duplicates keys, ids, brackets).
    Splice(usize, usize, usize),
}

const PIECES: &[&str] = &[
    "\u{0}",
    "\u{1b}]0;title\u{7}",
    "\u{9b}2J",
    "\u{202e}",
    "\u{feff}",
    "\\u0000",
    "\\ud800",
    "\"",
    "\\",
    ",",
    ":",
    "{}",
    "[]",
    "null",
    "-1",
    "1e999",
    "18446744073709551616",
    "\"schema_version\": 99,",
    "\"answers\": {\"x\": {}},",
    "\"id\": \"\",",
    "\"status\": \"maybe\",",
    "\"due\": \"2023-02-30\",",
    "\"date\": \"not a date\",",
    "\"sections\": [],",
    "\"answer_set\": [],",
    "\n",
    "中",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(at, x)| Mutation::Flip(at, x)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1..20_000usize).prop_map(|(at, n)| Mutation::Nest(at, n)),
        (any::<usize>(), prop::sample::select(PIECES)).prop_map(|(at, p)| Mutation::Insert(at, p)),
        (any::<usize>(), 1..64usize).prop_map(|(at, n)| Mutation::Remove(at, n)),
        (any::<usize>(), 1..256usize, any::<usize>())
            .prop_map(|(from, n, to)| Mutation::Splice(from, n, to)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match *m {
        Mutation::Flip(at, x) => {
            if let Some(b) = bytes.get_mut(at % len) {
                *b ^= x;
            }
        }
        Mutation::Truncate(at) => bytes.truncate(at % len),
        Mutation::Nest(at, n) => {
            let at = at % len;
            let nest = format!("{}{}", "[".repeat(n), "]".repeat(n));
            bytes.splice(at.min(bytes.len())..at.min(bytes.len()), nest.into_bytes());
        }
        Mutation::Insert(at, piece) => {
            let at = (at % len).min(bytes.len());
            bytes.splice(at..at, piece.bytes());
        }
        Mutation::Remove(at, n) => {
            let at = (at % len).min(bytes.len());
            let end = (at + n).min(bytes.len());
            bytes.drain(at..end);
        }
        Mutation::Splice(from, n, to) => {
            let from = (from % len).min(bytes.len());
            let end = (from + n).min(bytes.len());
            let piece: Vec<u8> = bytes[from..end].to_vec();
            let to = (to % len).min(bytes.len());
            bytes.splice(to..to, piece);
        }
    }
}

fn mutated(original: Vec<u8>, mutations: &[Mutation]) -> String {
    let mut bytes = original;
    for m in mutations {
        apply(&mut bytes, m);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn mutated_sessions_never_panic_and_errors_name_the_file(
        mutations in prop::collection::vec(mutation(), 1..4)
    ) {
        let text = mutated(session_text(), &mutations);
        let path = Path::new(SESSION_NAME);
        match parse_session(path, &text) {
            Ok(session) => {
                // Whatever is accepted is saved and read back as the same session.
                let saved = to_json(&session);
                let again = parse_session(path, std::str::from_utf8(&saved).expect("UTF-8"));
                prop_assert_eq!(again.ok(), Some(session));
            }
            Err(e) => {
                prop_assert_eq!(e.path(), path);
                let message = e.to_string();
                prop_assert!(message.contains(SESSION_NAME), "{}", message);
            }
        }
    }

    #[test]
    fn mutated_templates_never_panic_and_errors_name_the_file(
        mutations in prop::collection::vec(mutation(), 1..4)
    ) {
        let text = mutated(template_text(), &mutations);
        let path = Path::new(TEMPLATE_NAME);
        match parse_template(path, &text) {
            Ok(template) => prop_assert!(template.validate().is_ok()),
            Err(e) => {
                prop_assert_eq!(e.path(), path);
                let message = e.to_string();
                prop_assert!(message.contains(TEMPLATE_NAME), "{}", message);
            }
        }
    }
}

/// The mutations reach the error paths the fuzz targets are for.
#[test]
fn each_kind_of_mutation_is_refused_with_the_file_named() {
    let cases = [
        Mutation::Truncate(100),
        Mutation::Nest(1, 10_000),
        Mutation::Insert(1, "\u{0}"),
        Mutation::Insert(1, "\"schema_version\": 99,"),
        Mutation::Insert(0, "\u{feff}\u{feff}"),
    ];
    for m in cases {
        let text = mutated(session_text(), std::slice::from_ref(&m));
        let e = parse_session(Path::new(SESSION_NAME), &text).expect_err("refused");
        assert!(e.to_string().contains(SESSION_NAME), "{m:?}: {e}");
        // A template keeps fields it does not know, schema_version among them.
        if matches!(m, Mutation::Insert(_, p) if p.contains("schema_version")) {
            continue;
        }
        let text = mutated(template_text(), std::slice::from_ref(&m));
        let e = parse_template(Path::new(TEMPLATE_NAME), &text).expect_err("refused");
        assert!(e.to_string().contains(TEMPLATE_NAME), "{m:?}: {e}");
    }
}
