//! The words a user sees live in `src/i18n` (Chinese first, English beside it): no Chinese
//! string literal anywhere in `src` outside `src/i18n` and test code. A message, a heading, a
//! column, a sheet name or a sentence of the feedback letter written straight into the code
//! fails here; its place is a table of `i18n` (`texts`, `records`, `report`, `tables`, ...).
//!
//! Not words shown to a reader, and so allowed where they are (each below with why): the one
//! keymap table, which holds each binding with its help in both languages; the demonstration
//! record; the seed checklists and answer set; the patterns by which Chinese input (deadlines,
//! the checklist's wording, a role) is read; the record's own wording of a signer's role; the
//! names of the fonts a Word document asks for; the key of the settings file (like a JSON key,
//! the same in every language). Character literals (punctuation a text is trimmed or split by)
//! are not looked at. Curly quotation marks count as Chinese: they are the quotes of Chinese.

use std::path::{Path, PathBuf};

/// Folders and files that hold no words a reader sees, each with why.
const NOT_WORDS: [(&str, &str); 6] = [
    (
        "src/keymap/table/",
        "the one keymap table: each binding with its help in Chinese and English",
    ),
    (
        "src/demo.rs",
        "the demonstration record: a unit's answers, data rather than the interface's words",
    ),
    (
        "src/model/builtin.rs",
        "the seed checklists' data (titles and sources of the notice's checklists)",
    ),
    (
        "src/model/deadline.rs",
        "the patterns by which a deadline written in Chinese (月底, 年底前, 立行立改) is read",
    ),
    (
        "src/export/docx/fonts.rs",
        "names of fonts, looked up as written",
    ),
    (
        "src/export/ledger/text.rs",
        "patterns of the checklist's and the answers' wording it shortens and splits",
    ),
];

/// Single literals that are not words, each with its file and why.
const NOT_WORDS_LITERALS: [(&str, &str, &str); 10] = [
    (
        "src/export/settings.rs",
        "主送",
        "a key of the settings file",
    ),
    (
        "src/model/signature.rs",
        "主持人",
        "a role as the record writes it in a signature's event, and as --role reads it",
    ),
    (
        "src/model/signature.rs",
        "主要负责人",
        "a role as the record writes it in a signature's event, and as --role reads it",
    ),
    (
        "src/model/signature.rs",
        "负责人",
        "a role as --role reads it",
    ),
    (
        "src/model/template.rs",
        "已落实",
        "the default answer set, seed data written into a checklist",
    ),
    (
        "src/model/template.rs",
        "基本落实",
        "the default answer set, seed data written into a checklist",
    ),
    (
        "src/model/template.rs",
        "未落实",
        "the default answer set, seed data written into a checklist",
    ),
    (
        "src/model/template.rs",
        "不适用",
        "the default answer set, seed data written into a checklist",
    ),
    (
        "src/model/error.rs",
        "{0:?} is not a date; write it as YYYY-MM-DD or 2023年12月31日",
        "an error's English (its Chinese is i18n::session_error): an example of a date it reads",
    ),
    (
        "src/model/error.rs",
        "{0:?} is not a deadline; write a date (2024-03-31, 2024年3月31日), a month (2024年3月底), 立行立改 or 长期坚持",
        "an error's English (its Chinese is i18n::session_error): examples of deadlines it reads",
    ),
];

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
        '\u{2018}'..='\u{201F}'
        | '\u{3000}'..='\u{303F}'
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

/// What a look through the code found: each Chinese literal not allowed, as
/// `file:line: "text"`, and which of the allowed files and literals were met.
struct Scan {
    found: Vec<String>,
    files_met: Vec<bool>,
    literals_met: Vec<bool>,
}

/// Each Chinese literal of the files under `dirs`, except those of `src/i18n`, of test code and
/// those allowed.
fn chinese_literals(root: &Path, dirs: &[&str]) -> Scan {
    let mut files = Vec::new();
    for dir in dirs {
        rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    let mut scan = Scan {
        found: Vec::new(),
        files_met: vec![false; NOT_WORDS.len()],
        literals_met: vec![false; NOT_WORDS_LITERALS.len()],
    };
    for file in files {
        let rel = file
            .strip_prefix(root)
            .expect("under root")
            .to_string_lossy()
            .replace('\\', "/");
        if file.file_name().is_some_and(|n| n == "tests.rs") || rel.starts_with("src/i18n/") {
            continue;
        }
        let code = std::fs::read_to_string(&file).expect("read source");
        let chinese: Vec<(usize, String)> = string_literals(&code)
            .into_iter()
            .filter(|(_, text)| text.chars().any(is_chinese))
            .collect();
        if let Some(i) = NOT_WORDS.iter().position(|(f, _)| rel.starts_with(f)) {
            scan.files_met[i] |= !chinese.is_empty();
            continue;
        }
        for (line, text) in chinese {
            let allowed = NOT_WORDS_LITERALS
                .iter()
                .position(|(f, t, _)| *f == rel && *t == text);
            match allowed {
                Some(i) => scan.literals_met[i] = true,
                None => scan.found.push(format!("{rel}:{line}: \"{text}\"")),
            }
        }
    }
    scan
}

#[test]
fn no_chinese_literal_in_the_code_outside_i18n() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scan = chinese_literals(root, &["src"]);
    assert!(
        scan.found.is_empty(),
        "words a user sees in the code; move them to src/i18n:\n{}",
        scan.found.join("\n")
    );
    // An exception whose words have moved is taken off the list, so that it cannot hide new ones.
    let stale: Vec<&str> = NOT_WORDS
        .iter()
        .zip(&scan.files_met)
        .filter(|(_, met)| !**met)
        .map(|((f, _), _)| *f)
        .chain(
            NOT_WORDS_LITERALS
                .iter()
                .zip(&scan.literals_met)
                .filter(|(_, met)| !**met)
                .map(|((_, t, _), _)| *t),
        )
        .collect();
    assert!(stale.is_empty(), "exceptions no longer needed: {stale:?}");
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
    let found = chinese_literals(dir.path(), &["src/export"]).found;
    assert_eq!(found, ["src/export/planted.rs:4: \"整改台账\""]);
}

/// Fields of the English tables that hold Chinese on purpose: the patterns the notice's own
/// wording is read by, the marks of the roll-up's layout its English has always kept, and the
/// 校验码 (and the role as signed) that `sign` and `validate` have always printed in English too.
const CHINESE_ON_PURPOSE: [&str; 11] = [
    "section_prefix",
    "section_suffix",
    "dated_title",
    "quoted_field",
    "signers_altered",
    "flag_line",
    "flag_detail",
    "conflict_line",
    "flag_text",
    "signed",
    "code_line",
];

/// Fields of the English tables empty on purpose: English says the title's end and the close
/// of the requirements in words before them, and a missing meeting date as nothing.
const BLANK_ON_PURPOSE: [&str; 3] = ["title_end", "requirements_close", "date_missing"];

#[test]
fn the_english_tables_of_the_documents_and_records_are_complete_and_english() {
    use selfcheck::i18n::{letter, records, report, rollup, tables};
    let dumps = [
        format!("{:#?}", records::EN),
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
