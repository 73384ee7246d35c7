//! Text layout and sanitising used by the UI and exports; no terminal code.
//!
//! Session files travel between people and tools, so any text may carry terminal control
//! sequences or invisible bidi overrides: [`sanitize`] makes it harmless and visible.
//! Chinese text needs line-breaking rules that the widgets do not know: [`wrap`] lays it out
//! into ready lines of a known count.

pub mod sanitize;
pub mod wrap;

/// Splits a list of names written with commas, 、 or semicolons.
pub fn split_names(text: &str) -> Vec<String> {
    text.split([',', '，', '、', ';', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `text` with the ambiguous-width marks of the interface's strings replaced: “” and ‘’ by
/// 「」 and 『』 (always wide), `·` by `-`, `…` by `...`, `—` by `-`.
pub fn ascii_marks(text: &str) -> std::borrow::Cow<'_, str> {
    const MARKS: [char; 7] = ['“', '”', '‘', '’', '·', '…', '—'];
    if !text.contains(MARKS) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '“' => out.push('「'),
            '”' => out.push('」'),
            '‘' => out.push('『'),
            '’' => out.push('』'),
            '·' | '—' => out.push('-'),
            '…' => out.push_str("..."),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}
