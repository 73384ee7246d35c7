//! Marks that read the same in every language: how a list of names is joined in a form row
//! (and split again when it is read back), an absentee's reason, and quotation marks.

/// Between the names of a list in a form row (参会人员, 缺席, 列席).
pub const NAME_SEP: &str = "、";

/// An absentee with the reason: `name（why）`, as the 缺席 row is written and read.
pub fn with_reason(name: &str, why: &str) -> String {
    format!("{name}（{why}）")
}

/// `text` in quotation marks: “…”, or 「…」 with `ascii` (always two columns wide, so they
/// cannot break the layout as the ambiguous curly quotes do).
pub fn quoted(text: &str, ascii: bool) -> String {
    if ascii {
        format!("「{text}」")
    } else {
        format!("“{text}”")
    }
}
