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
