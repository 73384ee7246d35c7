//! The interface strings of following up the previous meeting (上次, carried-over measures,
//! repeat findings), of a check's history and of sign-off, one struct literal per language.
//! Placeholders in braces (`{name}`) are filled in by the caller.

use super::Lang;

/// All strings of these features in one language.
#[derive(Debug)]
pub struct FollowTexts {
    // 上次 beside this meeting's answers
    pub prev: &'static str,
    /// Before a repeat finding's line.
    pub repeat_mark: &'static str,
    pub repeat_detail: &'static str,
    pub tag_repeat: &'static str,
    pub tag_overdue: &'static str,
    pub tag_carried: &'static str,
    pub filter_followup: &'static str,
    pub copied_field: &'static str,
    pub copied_fields: &'static str,
    pub nothing_to_copy: &'static str,
    pub no_previous: &'static str,
    pub copy_hint: &'static str,
    // carried-over measures
    pub carried_heading: &'static str,
    pub carried_since: &'static str,
    pub carried_state: &'static str,
    pub carried_progress: &'static str,
    pub carried_closed_on: &'static str,
    pub carried_evidence: &'static str,
    pub carried_measure: &'static str,
    pub carried_hint: &'static str,
    pub carried_none: &'static str,
    pub carried_title: &'static str,
    pub carried_which: &'static str,
    pub carried_updated: &'static str,
    pub carried_closed: &'static str,
    pub carried_unchanged: &'static str,
    pub carried_need_evidence: &'static str,
    pub carried_done_label: &'static str,
    // history
    pub history_title: &'static str,
    pub history_empty: &'static str,
    pub history_record: &'static str,
    pub history_empty_value: &'static str,
    pub history_flag_on: &'static str,
    pub history_flag_off: &'static str,
    pub history_no_recorder: &'static str,
    pub event_created_from: &'static str,
    pub event_signed: &'static str,
    pub event_reopened: &'static str,
    pub history_not_a_check: &'static str,
    pub history_voided: &'static str,
    // sign-off
    pub signed_badge: &'static str,
    pub signed_refused: &'static str,
    pub sign_title: &'static str,
    pub sign_intro: &'static str,
    pub sign_role: &'static str,
    pub sign_name: &'static str,
    pub sign_done: &'static str,
    pub sign_all_signed: &'static str,
    pub sign_empty_name: &'static str,
    pub sign_already: &'static str,
    pub sign_altered: &'static str,
    pub sign_unfinished: &'static str,
    pub sign_code: &'static str,
    pub reopen_title: &'static str,
    pub reopen_intro: &'static str,
    pub reopen_name: &'static str,
    pub reopen_reason: &'static str,
    pub reopen_need_name: &'static str,
    pub reopen_done: &'static str,
    pub reopen_not_signed: &'static str,
    pub summary_signoff: &'static str,
    pub summary_unsigned: &'static str,
    pub summary_signed_by: &'static str,
    pub summary_mismatch: &'static str,
    pub summary_followup: &'static str,
    pub summary_repeats: &'static str,
    pub summary_carried: &'static str,
    pub summary_no_followup: &'static str,
    // a new session from an earlier one
    pub based_on: &'static str,
    pub based_on_offer: &'static str,
    pub based_on_none: &'static str,
    pub based_on_no_entry: &'static str,
}

pub static ZH: FollowTexts = FollowTexts {
    prev: "上次",
    repeat_mark: "【反复出现】",
    repeat_detail: "上次为{prev}，本次又为{now}",
    tag_repeat: "〔反复〕",
    tag_overdue: "〔逾期〕",
    tag_carried: "〔遗留〕",
    filter_followup: "上次遗留",
    copied_field: "已带入上次的{field}（Ctrl+Z 撤销）",
    copied_fields: "已带入上次的 {n} 栏（Ctrl+Z 撤销）",
    nothing_to_copy: "上次这一栏没有内容，或各栏已填写",
    no_previous: "这一条没有上次的记录",
    copy_hint: "{key} 带入上次的内容",
    carried_heading: "上次整改措施",
    carried_since: "{date} 会议",
    carried_state: "整改进展",
    carried_progress: "进展情况",
    carried_closed_on: "销号日期",
    carried_evidence: "销号佐证",
    carried_measure: "措施",
    carried_hint: "按 {key} 更新进展、销号",
    carried_none: "这一条没有上次整改措施",
    carried_title: "上次整改措施：更新进展 / 销号",
    carried_which: "第 {i} 条，共 {n} 条",
    carried_updated: "已更新上次整改措施的进展",
    carried_closed: "上次整改措施已销号",
    carried_unchanged: "没有改动",
    carried_need_evidence: "销号需要填写佐证（整改完成的依据）",
    carried_done_label: "已完成（销号）",
    history_title: "修改历史",
    history_empty: "这一条还没有修改记录",
    history_record: "整份记录",
    history_empty_value: "（空）",
    history_flag_on: "待议",
    history_flag_off: "不待议",
    history_no_recorder: "（未填记录人）",
    event_created_from: "据上次会议记录生成",
    event_signed: "签字确认",
    event_reopened: "重新打开进行修改，签字作废",
    history_not_a_check: "先在左栏选中一条检查内容",
    history_voided: "作废的签字",
    signed_badge: "已签字确认 只读",
    signed_refused: "已签字，只读；要修改，在汇总页（{summary}）按 {reopen} 重新打开",
    sign_title: "签字确认",
    sign_intro: "签字人本人输入姓名，确认会议记录的内容。签字后记录只读；以后如需修改须重新打开，签字随之作废。",
    sign_role: "签字身份",
    sign_name: "签字人姓名",
    sign_done: "{name} 已以{role}身份签字确认；校验码 {code}",
    sign_all_signed: "主持人和主要负责人都已签字；如需修改，按 {reopen} 重新打开",
    sign_empty_name: "请签字人本人输入姓名",
    sign_already: "已由 {name} 以{role}身份签字",
    sign_altered: "记录在签字后被改动过（与签字不再一致）；请先重新打开记录进行修改，再重新签字",
    sign_unfinished: "注意：尚有 {n} 项未检查（共 {total} 项）；签字后这些内容须重新打开记录才能补记。",
    sign_code: "校验码",
    reopen_title: "重新打开记录进行修改",
    reopen_intro: "重新打开后，已有的签字作废（保留在修改历史中），修改完成后需重新签字。确认请填写姓名和原因，按 Ctrl+S。",
    reopen_name: "重新打开的人",
    reopen_reason: "原因",
    reopen_need_name: "请输入重新打开记录的人的姓名",
    reopen_done: "记录已重新打开，可以修改；签字已作废，修改后请重新签字",
    reopen_not_signed: "记录尚未签字，无需重新打开",
    summary_signoff: "签字确认",
    summary_unsigned: "尚未签字（按 {key} 签字确认）",
    summary_signed_by: "{role}：{name}  {at}",
    summary_mismatch: "签字后内容有改动，与签字不一致",
    summary_followup: "上次遗留与反复出现",
    summary_repeats: "反复出现的问题",
    summary_carried: "上次整改措施",
    summary_no_followup: "（无）",
    based_on: "以 {date} {unit} 的会议记录为基础：落实情况留空，带入未完成的整改措施（Ctrl+X 切换）",
    based_on_offer: "该单位已有 {date} 的会议记录：按 Ctrl+X 以其为基础",
    based_on_none: "这个单位没有可作为基础的会议记录",
    based_on_no_entry: "先选中一份会议记录（该单位最近一次的记录将作为基础）",
};

pub static EN: FollowTexts = FollowTexts {
    prev: "Last time",
    repeat_mark: "[repeat finding] ",
    repeat_detail: "{prev} last time, {now} again",
    tag_repeat: "[repeat]",
    tag_overdue: "[overdue]",
    tag_carried: "[carried]",
    filter_followup: "left from last time",
    copied_field: "Copied the previous {field} (Ctrl+Z undoes)",
    copied_fields: "Copied {n} previous field(s) (Ctrl+Z undoes)",
    nothing_to_copy: "Nothing to copy: the previous answer has no text there, or the fields are filled",
    no_previous: "This check has no previous answer",
    copy_hint: "{key} copies it in",
    carried_heading: "Carried-over measures",
    carried_since: "meeting of {date}",
    carried_state: "Progress",
    carried_progress: "Progress notes",
    carried_closed_on: "Closed on",
    carried_evidence: "Evidence of closing",
    carried_measure: "Measure",
    carried_hint: "{key} updates progress, closes",
    carried_none: "This check has no carried-over measures",
    carried_title: "Carried-over measure: progress / close",
    carried_which: "{i} of {n}",
    carried_updated: "Carried-over measure updated",
    carried_closed: "Carried-over measure closed",
    carried_unchanged: "Nothing changed",
    carried_need_evidence: "Closing needs evidence (what shows it was done)",
    carried_done_label: "Done (closed)",
    history_title: "History",
    history_empty: "No changes recorded for this check yet",
    history_record: "The record as a whole",
    history_empty_value: "(empty)",
    history_flag_on: "flagged",
    history_flag_off: "not flagged",
    history_no_recorder: "(no recorder)",
    event_created_from: "made from the previous meeting's record",
    event_signed: "signed",
    event_reopened: "reopened for amendment, signatures voided",
    history_not_a_check: "Select a check in the checklist first",
    history_voided: "voided signature",
    signed_badge: "signed, read-only",
    signed_refused: "Signed, read-only: to change it, reopen on the summary ({summary}) with {reopen}",
    sign_title: "Sign the record",
    sign_intro: "The signer types their own name to confirm the record. A signed record is read-only; changing it later means reopening it, which voids the signatures.",
    sign_role: "Signing as",
    sign_name: "Signer's name",
    sign_done: "{name} signed as {role}; 校验码 {code}",
    sign_all_signed: "The chair and the principal have both signed; {reopen} reopens it for amendment",
    sign_empty_name: "The signer types their own name",
    sign_already: "already signed as {role} by {name}",
    sign_altered: "The record was changed after it was signed (the signatures no longer match); reopen it for amendment, then sign again",
    sign_unfinished: "Note: {n} of {total} checks are not checked yet; after signing they can only be filled in by reopening the record.",
    sign_code: "校验码",
    reopen_title: "Reopen the record for amendment",
    reopen_intro: "Reopening voids the signatures (they stay in the history); sign again after the changes. To confirm, type your name and the reason, then Ctrl+S.",
    reopen_name: "Reopened by",
    reopen_reason: "Reason",
    reopen_need_name: "Type the name of the person reopening the record",
    reopen_done: "Reopened for amendment; the signatures are void until it is signed again",
    reopen_not_signed: "The record is not signed; nothing to reopen",
    summary_signoff: "Sign-off",
    summary_unsigned: "Not signed ({key} signs)",
    summary_signed_by: "{role}: {name}  {at}",
    summary_mismatch: "changed after signing: the signature no longer matches",
    summary_followup: "Carried over and repeat findings",
    summary_repeats: "Repeat findings",
    summary_carried: "Carried-over measures",
    summary_no_followup: "(none)",
    based_on: "Based on {unit}'s session of {date}: statuses empty, open measures carried over (Ctrl+X changes)",
    based_on_offer: "This unit has a session of {date}: Ctrl+X starts from it",
    based_on_none: "This unit has no earlier session to start from",
    based_on_no_entry: "Select a session first (its unit's latest session is the basis)",
};

/// The strings of `lang`.
pub fn followup(lang: Lang) -> &'static FollowTexts {
    if lang.is_en() { &EN } else { &ZH }
}

/// `template` with each `{name}` replaced by its value, in one pass ([`super::fill`]): a value
/// that holds braces of its own (a name typed as `{role}`) is never read as a placeholder.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let args: Vec<(&str, &dyn std::fmt::Display)> = values
        .iter()
        .map(|(name, value)| (*name, value as &dyn std::fmt::Display))
        .collect();
    super::fill(template, &args)
}

/// The warning that a record about to be signed still has checks without a status: `None`
/// when every check has one.
pub fn unfinished_warning(session: &crate::model::Session, lang: Lang) -> Option<String> {
    let p = crate::model::Progress::of_session(session);
    (p.answered < p.total).then(|| {
        fill(
            followup(lang).sign_unfinished,
            &[
                ("n", &(p.total - p.answered).to_string()),
                ("total", &p.total.to_string()),
            ],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::{ZH, fill};

    #[test]
    fn a_typed_name_with_braces_is_shown_as_typed() {
        let line = fill(ZH.sign_done, &[("name", "{role}"), ("role", "主持人")]);
        assert!(line.contains("{role}") && line.contains("主持人"), "{line}");
        assert_eq!(fill("{a}{a}{b}", &[("a", "1"), ("b", "2")]), "112");
    }
}
