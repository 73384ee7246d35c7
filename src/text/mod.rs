//! Text layout and sanitising used by the UI and exports; no terminal code.
//!
//! Session files travel between people and tools, so any text may carry terminal control
//! sequences or invisible bidi overrides: [`sanitize`] makes it harmless and visible.
//! Chinese text needs line-breaking rules that the widgets do not know: [`wrap`] lays it out
//! into ready lines of a known count.

pub mod sanitize;
pub mod wrap;
