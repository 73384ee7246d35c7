//! The words of the roll-up's feedback letter to a unit's principal leader (点对点反馈), in
//! Chinese and English; it follows the interface language. `{name}` marks where a value goes
//! (see [`super::fill`]). The rules' names and expectations are the roll-up's
//! ([`super::rollup::RollupWords`]).

use super::Lang;

/// The letter's words in one language.
#[derive(Debug)]
pub struct LetterWords {
    /// The end of each letter's file name, after the unit's name.
    pub file_suffix: &'static str,
    /// The title and the addressee: `{name}` the unit.
    pub title: &'static str,
    pub to: &'static str,
    /// The opening: `{date}` of the meeting, `{template}`, `{kind}` (`kind` with `{kind}`, or
    /// nothing), `{as_of}`.
    pub intro: &'static str,
    pub kind: &'static str,
    /// How the letter writes a date (chrono's format), and a meeting date not filled in.
    pub date_format: &'static str,
    pub date_missing: &'static str,
    pub heading_progress: &'static str,
    /// `{total}`, `{answered}`, `{percent}`, `{statuses}` (`statuses` with `{list}` of
    /// `status_count`, or nothing), `{problems}`, `{open}`, `{overdue}`.
    pub progress: &'static str,
    pub statuses: &'static str,
    pub status_count: &'static str,
    pub list_sep: &'static str,
    /// `{n}` findings.
    pub heading_findings: &'static str,
    /// A finding: `{k}`, `{place}`, `{rule}`; then its check (`{check}`), the lead before its
    /// evidence, the end of its sentence, and its text quoted (`{field}`, `{text}`).
    pub finding: &'static str,
    pub finding_check: &'static str,
    pub detail_lead: &'static str,
    pub sentence_end: &'static str,
    pub quote: &'static str,
    pub heading_expected: &'static str,
    /// `{rule}`, `{what}`.
    pub expectation: &'static str,
    pub closing: &'static str,
    pub seal: &'static str,
    pub date_line: &'static str,
}

pub const LETTER_ZH: LetterWords = LetterWords {
    file_suffix: "点对点反馈",
    title: "关于{name}对照检查情况的反馈意见",
    to: "{name}主要负责人：",
    intro: "区专项行动领导小组办公室对你单位报送的对照检查记录（会议日期：{date}，检查表：{template}{kind}）进行了审核。按照“对敷衍应付、效果不好的直接向单位主要负责人反馈”的要求，现将截至{as_of}的有关情况反馈如下。",
    kind: "，类型：{kind}",
    date_format: "%Y年%-m月%-d日",
    date_missing: "未填写",
    heading_progress: "一、对照检查进展",
    progress: "共{total}项检查内容，已检查{answered}项（{percent}%）{statuses}；查摆问题{problems}个，尚未完成整改{open}个，其中逾期{overdue}个。",
    statuses: "，其中{list}",
    status_count: "{label}{n}项",
    list_sep: "、",
    heading_findings: "二、发现的问题（{n}处）",
    finding: "{k}. {place}：{rule}",
    finding_check: "（检查内容：{check}）",
    detail_lead: "。",
    sentence_end: "。",
    quote: "原文（{field}）：“{text}”",
    heading_expected: "三、整改要求",
    expectation: "{rule}：{what}",
    closing: "请你单位主要负责人亲自研究、亲自把关，对照上述问题逐项补充完善对照检查记录，如实查摆问题、明确整改措施，完善后重新报送区专项行动领导小组办公室。",
    seal: "区专项行动领导小组办公室（盖章）",
    date_line: "年　　月　　日",
};

pub const LETTER_EN: LetterWords = LetterWords {
    file_suffix: "feedback",
    title: "Feedback on the self-check of {name}",
    to: "To the principal leader of {name}:",
    intro: "The office of the district leading group has reviewed the self-check record your unit submitted (meeting of {date}, checklist: {template}{kind}). As the notice requires, records that are perfunctory or fall short are fed back to the unit's principal leader directly. Our findings, as of {as_of}:",
    kind: ", {kind}",
    date_format: "%Y-%m-%d",
    date_missing: "",
    heading_progress: "1. Progress",
    progress: "{answered} of {total} checks answered ({percent}%){statuses}; {problems} problems found, {open} not yet rectified, {overdue} past their deadline.",
    statuses: " ({list})",
    status_count: "{label} {n}",
    list_sep: ", ",
    heading_findings: "2. Findings ({n})",
    finding: "{k}. {place} — {rule}",
    finding_check: " (check: {check})",
    detail_lead: ". ",
    sentence_end: ".",
    quote: " Text ({field}): \"{text}\"",
    heading_expected: "3. What is expected",
    expectation: "{rule}: {what}",
    closing: "Please go through the record again, complete it check by check, and submit it again to the office.",
    seal: "Office of the district leading group (seal)",
    date_line: "Date:            ",
};

/// The letter's words in `lang`.
pub fn letter_words(lang: Lang) -> &'static LetterWords {
    match lang {
        Lang::Zh => &LETTER_ZH,
        Lang::En => &LETTER_EN,
    }
}
