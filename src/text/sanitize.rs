//! Text layout and sanitising used by the UI and exports; no terminal code.
//!
//! This part makes hostile text safe. A note in a session file can carry terminal control
//! sequences (ESC, OSC 52 clipboard writes, OSC 8 links, C1 CSI) and invisible bidi or
//! zero-width characters ("Trojan Source"). Widgets do not reliably drop them, so text is
//! cleaned when it enters ([`clean_input`]) and again at the boundary to the terminal
//! ([`for_display`], [`one_line`]).

use std::borrow::Cow;
use std::fmt::Write as _;

/// The replacement for a tab: terminals and widgets disagree on tab stops, spaces do not.
const TAB: &str = "    ";

/// Characters that are never sent to a terminal as they are: C0 controls other than newline,
/// tab and carriage return (which are normalised instead), DEL, C1, bidi controls and
/// zero-width characters.
fn is_hidden(c: char) -> bool {
    match c {
        '\n' | '\t' | '\r' => false,
        '\u{0}'..='\u{1F}'
        | '\u{7F}'..='\u{9F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200B}'..='\u{200F}'
        | '\u{061C}'
        | '\u{2060}'
        | '\u{FEFF}' => true,
        _ => false,
    }
}

/// Whether `c` is changed by [`for_display`] or [`clean_input`].
fn needs_change(c: char) -> bool {
    matches!(c, '\t' | '\r') || is_hidden(c)
}

/// Shared loop of [`for_display`] and [`clean_input`]: normalises line ends and tabs, and hands
/// every hidden character to `hidden`.
fn normalise(s: &str, mut hidden: impl FnMut(&mut String, char)) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                // `\r\n` and a lone `\r` both end a line once.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\t' => out.push_str(TAB),
            c if is_hidden(c) => hidden(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Makes text safe to send to a terminal while keeping everything visible, so that a hostile
/// note can neither drive the terminal nor hide what it says.
///
/// Newlines are kept; `\r\n` and a lone `\r` become `\n`; a tab becomes four spaces. Every
/// other C0 control, DEL, C1 control, the bidi controls (U+202A..U+202E, U+2066..U+2069,
/// U+200E, U+200F, U+061C) and the zero-width characters U+200B, U+200C, U+200D, U+2060 and
/// U+FEFF are shown as `<U+XXXX>` (four uppercase hex digits). Text that needs no change is
/// returned borrowed, so the common case costs one scan and no allocation.
pub fn for_display(s: &str) -> Cow<'_, str> {
    if is_clean(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(normalise(s, |out, c| {
        // Writing to a String cannot fail.
        let _ = write!(out, "<U+{:04X}>", u32::from(c));
    }))
}

/// [`for_display`] for places that hold a single line (titles, list lines, file names): each
/// run of newlines becomes one space, so that a title cannot spill over several rows.
pub fn one_line(s: &str) -> Cow<'_, str> {
    let shown = for_display(s);
    if !shown.contains('\n') {
        return shown;
    }
    let mut out = String::with_capacity(shown.len());
    let mut after_newline = false;
    for c in shown.chars() {
        if c == '\n' {
            if !after_newline {
                out.push(' ');
            }
            after_newline = true;
        } else {
            out.push(c);
            after_newline = false;
        }
    }
    Cow::Owned(out)
}

/// Cleans text typed or pasted into a field before it is stored: line ends and tabs are
/// normalised as in [`for_display`], and every character [`for_display`] would escape is
/// dropped, since a user never means to type an escape sequence or a bidi override.
pub fn clean_input(s: &str) -> String {
    if is_clean(s) {
        return s.to_owned();
    }
    normalise(s, |_, _| {})
}

/// JSON text made harmless to print on a terminal without changing what it means. `serde_json`
/// escapes C0 controls inside strings but writes DEL, C1 controls (U+009B is a CSI), bidi
/// controls and zero-width characters as they are. In JSON these can only stand inside strings,
/// where `\uXXXX` is the same character, so escaping them gives equal JSON. Newlines, tabs and
/// carriage returns are left alone: outside strings they are whitespace, and inside strings
/// `serde_json` has already escaped them.
pub fn json_for_terminal(json: &str) -> Cow<'_, str> {
    let hidden = |c: char| is_hidden(c) && !matches!(c, '\n' | '\t' | '\r');
    if !json.chars().any(hidden) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if hidden(c) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether [`for_display`] would leave `s` unchanged; lets callers check stored text cheaply
/// (for example in tests, or before deciding to re-save a file).
pub fn is_clean(s: &str) -> bool {
    !s.chars().any(needs_change)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every code point the guide names as hostile, besides the C0/C1 ranges.
    const FORMAT_CHARS: [char; 17] = [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{200B}', '\u{200C}',
        '\u{200D}', '\u{2060}', '\u{FEFF}',
    ];

    /// A character that must never reach the terminal after [`for_display`].
    fn forbidden(c: char) -> bool {
        (c < ' ' && c != '\n') || ('\u{7F}'..='\u{9F}').contains(&c) || FORMAT_CHARS.contains(&c)
    }

    fn all_escaped_chars() -> Vec<char> {
        let c0 = ('\u{0}'..='\u{1F}').filter(|c| !matches!(c, '\n' | '\t' | '\r'));
        let c1 = '\u{7F}'..='\u{9F}';
        c0.chain(c1).chain(FORMAT_CHARS).collect()
    }

    #[test]
    fn each_listed_code_point_is_escaped() {
        for c in all_escaped_chars() {
            let input = format!("a{c}b");
            let shown = for_display(&input);
            let expected = format!("a<U+{:04X}>b", u32::from(c));
            assert_eq!(shown, expected, "U+{:04X}", u32::from(c));
            assert!(matches!(shown, Cow::Owned(_)));
            assert_eq!(clean_input(&input), "ab", "U+{:04X}", u32::from(c));
            assert!(!is_clean(&input));
        }
        assert_eq!(for_display("\u{1b}"), "<U+001B>");
        assert_eq!(for_display("\u{9b}"), "<U+009B>");
        assert_eq!(for_display("\u{feff}"), "<U+FEFF>");
    }

    #[test]
    fn line_ends_and_tabs_are_normalised() {
        assert_eq!(for_display("a\r\nb\rc\nd\te"), "a\nb\nc\nd    e");
        assert_eq!(for_display("\r\r\n"), "\n\n");
        assert_eq!(clean_input("a\r\nb\rc\td\u{1b}[2J"), "a\nb\nc    d[2J");
        assert_eq!(one_line("标题\r\n\r\n第二行\n第三行"), "标题 第二行 第三行");
        assert_eq!(one_line("a\tb"), "a    b");
    }

    #[test]
    fn terminal_attacks_are_defused() {
        let attacks = [
            "\u{1b}[2J\u{1b}[H清屏",
            "\u{1b}]52;c;ZWNobyBoYWNrZWQ=\u{7}",
            "\u{1b}]8;;https://evil.example/\u{1b}\\点击\u{1b}]8;;\u{1b}\\",
            "\u{9b}31m红色\u{9b}0m",
            "\u{1b}]0;title\u{9c}",
            "abc\u{202E}txt.exe",
            "if x\u{2066}\u{2069} {\u{200B}}",
        ];
        for attack in attacks {
            for out in [
                for_display(attack).into_owned(),
                one_line(attack).into_owned(),
            ] {
                assert!(!out.chars().any(forbidden), "{out:?}");
                assert!(is_clean(&out));
            }
            let typed = clean_input(attack);
            assert!(!typed.chars().any(forbidden), "{typed:?}");
        }
        assert_eq!(
            for_display("\u{1b}]52;c;SGk=\u{7}"),
            "<U+001B>]52;c;SGk=<U+0007>"
        );
    }

    #[test]
    fn ordinary_chinese_is_borrowed_unchanged() {
        let text = "安全生产“三管三必须”（试行）";
        assert!(matches!(for_display(text), Cow::Borrowed(t) if t == text));
        assert!(matches!(one_line(text), Cow::Borrowed(t) if t == text));
        assert_eq!(clean_input(text), text);
        assert!(is_clean(text));
        let two_lines = "第一行\n第二行";
        assert!(matches!(for_display(two_lines), Cow::Borrowed(_)));
    }

    #[test]
    fn json_for_terminal_escapes_only_what_a_terminal_would_act_on() {
        let value = serde_json::json!({
            "name": "a\u{1b}]0;t\u{7}b\u{9b}31m\u{202e}c\u{200b}d\u{7f}",
            "plain": "中文\n第二行\t",
        });
        let json = serde_json::to_string_pretty(&value).unwrap();
        let shown = json_for_terminal(&json);
        assert!(
            !shown.chars().any(|c| is_hidden(c) && !matches!(c, '\n')),
            "{shown}"
        );
        assert!(
            shown.contains("\\u009b") && shown.contains("\\u202e"),
            "{shown}"
        );
        let back: serde_json::Value = serde_json::from_str(&shown).unwrap();
        assert_eq!(back, value, "the same JSON");
        let clean = "{\n  \"a\": \"中文\"\n}";
        assert!(matches!(json_for_terminal(clean), Cow::Borrowed(_)));
    }

    proptest! {
        #[test]
        fn display_output_is_safe_and_stable(s in any::<String>()) {
            let shown = for_display(&s);
            prop_assert!(!shown.chars().any(forbidden), "{:?}", shown);
            prop_assert!(!shown.contains('\r') && !shown.contains('\t'));
            prop_assert!(is_clean(&shown));
            prop_assert!(matches!(for_display(&shown), Cow::Borrowed(t) if t == shown.as_ref()));
            prop_assert_eq!(is_clean(&s), matches!(shown, Cow::Borrowed(_)));
            let line = one_line(&s);
            prop_assert!(!line.chars().any(forbidden) && !line.contains('\n'));
            let typed = clean_input(&s);
            prop_assert!(is_clean(&typed));
            prop_assert!(typed.chars().count() <= shown.chars().count());
        }

        #[test]
        fn json_for_terminal_keeps_the_json(s in any::<String>()) {
            let json = serde_json::to_string(&serde_json::json!({ "k": s })).unwrap();
            let shown = json_for_terminal(&json);
            prop_assert!(!shown.chars().any(is_hidden), "{:?}", shown);
            let back: serde_json::Value = serde_json::from_str(&shown).unwrap();
            prop_assert_eq!(back["k"].as_str(), Some(s.as_str()));
        }

        #[test]
        fn hostile_mix_is_safe(s in "[\\x00-\\x20\\x7f-\\u{a0}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}\\u{200b}-\\u{200f}\\u{2060}\\u{feff}\\u{61c}a中]{0,40}") {
            let shown = for_display(&s);
            prop_assert!(!shown.chars().any(forbidden), "{:?}", shown);
            prop_assert_eq!(for_display(&shown), shown.clone());
            prop_assert!(!clean_input(&s).chars().any(forbidden));
        }
    }
}
