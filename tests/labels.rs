//! The words of the exports and of the roll-up live in `src/i18n` (Chinese first, English
//! beside it): no Chinese string literal in `src/export` or `src/rollup` outside test code. A
//! report heading, a column, a sheet name or a sentence of the feedback letter written straight
//! into the code fails here; its place is a field of `i18n::{report, tables, rollup, letter}`.
//!
//! Not words shown to a reader, and so allowed where they are: the names of the fonts a Word
//! document asks for, the patterns by which the checklist's and the answers' Chinese wording is
//! shortened and split, and the key of the settings file (like a JSON key, the same in every
//! language). Character literals (punctuation a text is trimmed of) are not looked at.

use std::path::{Path, PathBuf};

/// Files that hold no words a reader sees, each with why.
const NOT_WORDS: [(&str, &str); 2] = [
    (
        "src/export/docx/fonts.rs",
        "names of fonts, looked up as written",
    ),
    (
        "src/export/ledger/text.rs",
        "patterns of the checklist's and the answers' wording it shortens and splits",
    ),
];

/// Single literals that are not words, each with its file.
const NOT_WORDS_LITERALS: [(&str, &str); 1] = [("src/export/settings.rs", "主送")];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A character of Chinese writing: an ideograph, CJK punctuation or a full-width form.
fn is_chinese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}')
}

/// The string literals of `code` (plain, raw and byte strings) with their line numbers, outside
/// comments; the code after `#[cfg(test)]` is test code and left out.
fn string_literals(code: &str) -> Vec<(usize, String)> {
    let code = code.split("#[cfg(test)]").next().unwrap_or("");
    let chars: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let count_lines =
        |from: usize, to: usize| chars[from..to].iter().filter(|&&c| c == '\n').count();
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            let start = i;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            line += count_lines(start, i.min(chars.len()));
        } else if (c == 'r' || (c == 'b' && next == Some('r')))
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'))
            && {
                let mut j = i + if c == 'b' { 2 } else { 1 };
                while chars.get(j) == Some(&'#') {
                    j += 1;
                }
                chars.get(j) == Some(&'"')
            }
        {
            let start = i;
            let mut j = i + if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while chars[j] == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            let body_start = j;
            let end = loop {
                if j >= chars.len() {
                    break j;
                }
                if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
                    break j;
                }
                j += 1;
            };
            found.push((
                line,
                chars[body_start..end.min(chars.len())].iter().collect(),
            ));
            i = (end + 1 + hashes).min(chars.len());
            line += count_lines(start, i);
        } else if c == '"' {
            let start = i;
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            let end = j.min(chars.len());
            found.push((line, chars[start + 1..end].iter().collect()));
            i = (end + 1).min(chars.len());
            line += count_lines(start, i);
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{3000}') is skipped whole; a lifetime is not one.
            let close = if next == Some('\\') {
                chars[i + 2..]
                    .iter()
                    .position(|&c| c == '\'')
                    .map(|p| i + 2 + p)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            i = close.map_or(i + 1, |e| e + 1);
        } else {
            i += 1;
        }
    }
    found
}

/// Each Chinese literal of the files under `dirs` as `file:line: "text"`, except those allowed.
fn chinese_literals(root: &Path, dirs: &[&str]) -> Vec<String> {
    let mut files = Vec::new();
    for dir in dirs {
        rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(root)
            .expect("under root")
            .to_string_lossy()
            .replace('\\', "/");
        if file.file_name().is_some_and(|n| n == "tests.rs")
            || NOT_WORDS.iter().any(|(f, _)| *f == rel)
        {
            continue;
        }
        let code = std::fs::read_to_string(&file).expect("read source");
        for (line, text) in string_literals(&code) {
            let allowed = NOT_WORDS_LITERALS
                .iter()
                .any(|(f, t)| *f == rel && *t == text);
            if text.chars().any(is_chinese) && !allowed {
                out.push(format!("{rel}:{line}: \"{text}\""));
            }
        }
    }
    out
}

#[test]
fn no_chinese_literal_in_the_exports_or_the_rollup_outside_i18n() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = chinese_literals(root, &["src/export", "src/rollup"]);
    assert!(
        found.is_empty(),
        "words of a document in the code; move them to src/i18n:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_reader_finds_literals_and_skips_comments_characters_and_tests() {
    let code = r##"
// "注释"
/// "文档"
/* "块注释" /* "嵌套" */ */
fn f<'a>(x: &'a str) -> String {
    let c = '，';
    let e = '\'';
    let s = "第{n}项";
    let r = r#"原"文"#;
    let b = "a\"b";
    format!("{x}：{}", 'x')
}
#[cfg(test)]
mod tests { const T: &str = "测试"; }
"##;
    let found = string_literals(code);
    let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts, ["第{n}项", "原\"文", "a\\\"b", "{x}：{}"]);
    assert_eq!(found[0].0, 8);
    assert_eq!(found[3].0, 11);
    assert!(texts[0].chars().any(is_chinese) && texts[3].chars().any(is_chinese));
    assert!(!"a, b (c)".chars().any(is_chinese));
}

#[test]
fn a_planted_label_is_found_and_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("src/export");
    std::fs::create_dir_all(&export).unwrap();
    std::fs::write(
        export.join("planted.rs"),
        "//! 说明\n\npub fn title() -> &'static str {\n    \"整改台账\"\n}\n\n#[cfg(test)]\nmod tests {\n    const X: &str = \"测试\";\n}\n",
    )
    .unwrap();
    std::fs::write(export.join("tests.rs"), "const X: &str = \"测试\";\n").unwrap();
    let found = chinese_literals(dir.path(), &["src/export"]);
    assert_eq!(found, ["src/export/planted.rs:4: \"整改台账\""]);
}

/// Fields of the English tables that hold Chinese on purpose: the patterns the notice's own
/// wording is read by, and the marks of the roll-up's layout its English has always kept.
const CHINESE_ON_PURPOSE: [&str; 8] = [
    "section_prefix",
    "section_suffix",
    "dated_title",
    "quoted_field",
    "signers_altered",
    "flag_line",
    "flag_detail",
    "conflict_line",
];

/// Fields of the English tables empty on purpose: English says the title's end and the close
/// of the requirements in words before them, and a missing meeting date as nothing.
const BLANK_ON_PURPOSE: [&str; 3] = ["title_end", "requirements_close", "date_missing"];

#[test]
fn the_english_tables_of_the_documents_are_complete_and_english() {
    use selfcheck::i18n::{letter, report, rollup, tables};
    let dumps = [
        format!("{:#?}", report::REPORT_EN),
        format!("{:#?}", tables::TABLES_EN),
        format!("{:#?}", rollup::ROLLUP_EN),
        format!("{:#?}", letter::LETTER_EN),
    ];
    let mut field = String::new();
    let mut chinese = Vec::new();
    let mut empty = Vec::new();
    for dump in &dumps {
        for line in dump.lines() {
            let t = line.trim_start();
            if let Some((name, _)) = t.split_once(": ")
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                field = name.to_owned();
            }
            if t.chars().any(is_chinese) && !CHINESE_ON_PURPOSE.contains(&field.as_str()) {
                chinese.push(format!("{field}: {t}"));
            }
            let blank = t.ends_with(": \"\",") || t == "\"\",";
            if blank && !BLANK_ON_PURPOSE.contains(&field.as_str()) {
                empty.push(field.clone());
            }
        }
    }
    assert!(
        chinese.is_empty(),
        "Chinese in the English words:\n{}",
        chinese.join("\n")
    );
    assert!(empty.is_empty(), "English words left empty: {empty:?}");
}
