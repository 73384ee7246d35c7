//! The interface strings of the meeting's attendance (出席情况) in the meeting-details form, one
//! struct literal per language. Placeholders in braces (`{name}`) are filled in by the caller.

use super::Lang;

/// The attendance rows' labels, hints and complaints in one language.
#[derive(Debug)]
pub struct AttendanceTexts {
    pub expected: &'static str,
    pub present: &'static str,
    pub absent: &'static str,
    pub observers: &'static str,
    /// Shown in an empty 缺席 row: how to write a reason.
    pub absent_hint: &'static str,
    /// Shown in an empty 实到 row: what an empty one means.
    pub present_hint: &'static str,
    pub observers_hint: &'static str,
    /// `{row}` and `{text}`: a count that is not a number.
    pub not_a_number: &'static str,
    /// `{present}` and `{expected}`.
    pub present_over: &'static str,
    /// `{named}` and `{expected}`: more attendees named than expected, no 实到 given.
    pub named_over: &'static str,
    /// `{entry}`: an absentee written without a name.
    pub absent_no_name: &'static str,
    /// `{expected}`, `{present}` and `{away}`: the counts do not add up (a note, not refused).
    pub counts_differ: &'static str,
}

pub const ZH: AttendanceTexts = AttendanceTexts {
    expected: "应到人数",
    present: "实到人数",
    absent: "缺席人员及原因",
    observers: "列席人员",
    absent_hint: "如：王五（出差）、赵六（病假）",
    present_hint: "不填则按参会人员人数",
    observers_hint: "姓名以、分隔",
    not_a_number: "{row}：「{text}」不是人数，请填写数字（如 12）",
    present_over: "实到人数 {present} 多于应到人数 {expected}，请改正",
    named_over: "参会人员列了 {named} 人，多于应到人数 {expected}：请改正应到人数，或填写实到人数",
    absent_no_name: "缺席人员及原因：「{entry}」没有姓名（写作 姓名（原因））",
    counts_differ: "提示：应到 {expected} 人，实到 {present} 人、缺席 {away} 人，人数对不上",
};

pub const EN: AttendanceTexts = AttendanceTexts {
    expected: "Expected",
    present: "Present",
    absent: "Absent (reason)",
    observers: "Observers",
    absent_hint: "e.g. Wang Wu (travel), Zhao Liu (sick leave)",
    present_hint: "empty: the number of attendees named",
    observers_hint: "names separated by commas",
    not_a_number: "{row}: \"{text}\" is not a number of people; enter digits (e.g. 12)",
    present_over: "Present ({present}) is more than expected ({expected}); please correct it",
    named_over: "{named} attendees named, more than expected ({expected}): correct Expected or fill in Present",
    absent_no_name: "Absent: \"{entry}\" has no name (write name (reason))",
    counts_differ: "Note: expected {expected}, but {present} present and {away} absent do not add up",
};

/// The attendance strings of `lang`.
pub fn attendance(lang: Lang) -> &'static AttendanceTexts {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}
