//! Arbitrary UTF-8 as the text of a session file: parsing never panics, and every error names
//! the file it is about.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

const NAME: &str = "fuzz-session.json";

fuzz_target!(|text: &str| {
    if let Err(e) = selfcheck::store::parse_session(Path::new(NAME), text) {
        let message = e.to_string();
        assert!(message.contains(NAME), "{message}");
        assert_eq!(e.path(), Path::new(NAME));
    }
});
