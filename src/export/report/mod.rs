//! The 对照检查报告 as a format-neutral document, in the form of a 上行文 (a report to the body
//! above) and with the content 临港安发〔2023〕13号 part 二 asks for: title, 主送, the body
//! (基本情况 with the 集中学习研讨, 做法及成效, 存在问题, 原因剖析, 改进措施, 系统总结提升), the
//! 附件 line, the 落款, and the 附件 itself (the 对照检查表 as a table). Markdown and Word render
//! the same [`Report`], so the two can never say different things.
//!
//! Nothing here may make a record look better than it is: an unfinished record is a draft and
//! says how far it got; a check marked 未落实 or 基本落实 is listed under 存在问题 even when no
//! problem was written down (with （未填写））; （无） is said only where every check was answered.

use chrono::NaiveDate;

use crate::model::{Answer, Check, Progress, Session};

use crate::i18n::fill;

use super::ledger::short_check_text;
use super::{REPORT as W, cn_date, needs_rectification, rectification_label};
use super::{status_label, unit_name};

mod appendix;
mod basics;
mod followup;
pub mod history;
mod signoff;

use appendix::{appendix_groups, cn_ordinal, short_section};
pub use appendix::{item_title, section_title};
use basics::basics;

/// What an empty text part says, rather than vanishing.
pub const NOT_FILLED: &str = W.not_filled;
/// What a part says when every check was answered and none has anything for it.
pub const NONE: &str = W.none;
/// The body the notice has the reports sent to (part 三（二）: 区专项行动领导小组办公室…确保
/// 高质量报送对照检查报告): the 主送 when neither the session nor its data folder names one.
pub const DEFAULT_RECIPIENT: &str = W.default_recipient;
/// The notice whose checklists the built-in templates transcribe.
pub const NOTICE_NUMBER: &str = crate::i18n::NOTICE_NUMBER;
/// Its title, as its head reads (the inner 《》 become 〈〉 inside the outer ones).
pub const NOTICE_TITLE: &str = W.notice_title;

/// How many 二号 characters fit on one line of the 156 mm text block: the title is broken into
/// lines of at most this many, at word boundaries.
pub const TITLE_LINE_CHARS: usize = 20;

/// The header cells of the 附件 table.
pub const APPENDIX_HEADER: [&str; 7] = W.appendix_header;

/// The signature lines under the 附件 table, as the office's forms print them.
pub const APPENDIX_SIGNATURES: [&str; 3] = W.appendix_signatures;

/// What the caller may set besides the session: the recipient and the date of the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// 主送 given for this export (the command line); beats everything else.
    pub recipient: Option<String>,
    /// 主送 of the data folder (see [`super::settings`]); used when the session names none.
    pub folder_recipient: Option<String>,
    /// 成文日期; by default the day of the record's last change.
    pub date: Option<NaiveDate>,
    /// Append the record's history (修改记录) as a second attachment.
    pub with_history: bool,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// `关于……对照检查情况的报告`.
    pub title: String,
    /// The title broken at word boundaries into lines of at most [`TITLE_LINE_CHARS`]
    /// characters (a part longer than a line is left to wrap).
    pub title_lines: Vec<String>,
    /// Set when the record is unfinished: the report is then a draft and says so on its first
    /// page and in every page header.
    pub draft: Option<Draft>,
    /// 主送, without the closing colon.
    pub recipient: String,
    /// The body, in reading order.
    pub body: Vec<Block>,
    /// Titles of the attachments, for the `附件：` line after the body.
    pub attachments: Vec<String>,
    /// Sign-off lines printed between the body and the 落款: the 主持人 and the 主要负责人 (the
    /// names they typed, or a line to sign on) and the 校验码 of the record's content.
    pub sign_off: Vec<Block>,
    /// 落款: the unit and the date of the report.
    pub signature: Signature,
    /// 附件: the 对照检查表.
    pub appendix: Appendix,
    /// 附件2, on request: the record's history.
    pub history: Option<HistoryTable>,
    /// The document's author: the unit, never a login name.
    pub author: String,
}

/// How far an unfinished record got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Draft {
    pub answered: usize,
    pub total: usize,
}

impl Draft {
    /// `草稿（未完成：已检查 5 / 16 项）`.
    pub fn label(&self) -> String {
        fill(
            W.draft,
            &[("answered", &self.answered), ("total", &self.total)],
        )
    }
}

/// 落款.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub unit: String,
    /// `2023年12月8日`.
    pub date: String,
}

/// The 附件 table: one row per check, in groups (one per part of a combined checklist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appendix {
    /// `附件`.
    pub label: String,
    pub title: String,
    pub header: Vec<String>,
    pub groups: Vec<AppendixGroup>,
    /// `填报单位（盖章）：…` and the rest: label and value (empty for a hand to fill in).
    pub signatures: Vec<(String, String)>,
}

/// 修改记录: every change to the record, oldest first (see [`history::HISTORY_HEADER`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryTable {
    /// `附件2`.
    pub label: String,
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Rows of one part of the checklist; `heading` is set where the checklist has several parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppendixGroup {
    pub heading: Option<String>,
    pub rows: Vec<Vec<String>>,
}

/// One piece of the body. Texts are kept as stored; each renderer escapes for its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `一、基本情况` (level 1, 黑体) or `（一）…` (level 2, 楷体).
    Heading { level: u8, text: String },
    /// A paragraph that may open with a short bold lead (`1.强化监管执法（第1.2项，基本落实）。`)
    /// followed by text; each further line of the text is a paragraph of its own.
    Para { lead: Option<String>, text: String },
}

/// One check with everything the report needs about it.
struct Row<'a> {
    number: String,
    section: usize,
    check: &'a Check,
    answer: Option<&'a Answer>,
}

impl Row<'_> {
    fn text(&self, pick: fn(&Answer) -> &str) -> &str {
        self.answer.map_or("", |a| pick(a).trim())
    }
}

/// Builds the report of a session with the default options.
pub fn build(session: &Session) -> Report {
    build_with(session, &Options::default())
}

/// Builds the report of a session.
// One linear recipe, part after part in reading order; split up, the order would be harder to see.
#[allow(clippy::too_many_lines)]
pub fn build_with(session: &Session, options: &Options) -> Report {
    let rows = rows(session);
    let progress = Progress::of_session(session);
    let complete = progress.total > 0 && progress.answered == progress.total;
    let draft = (!complete).then_some(Draft {
        answered: progress.answered,
        total: progress.total,
    });
    let unit = unit_name(session).trim().to_owned();
    let multi = session.template.sections.len() > 1;
    let t = &session.template;
    // 成文日期, and the day overdue is measured on.
    let date = options
        .date
        .unwrap_or_else(|| session.updated_at.date_naive());
    let mut body = Vec::new();

    body.push(para(None, opening(session)));

    heading(&mut body, 1, W.heading_basics);
    basics(session, &rows, &progress, &mut body);
    if let Some(text) = followup::previous_paragraph(session, &rows, date) {
        body.push(para(None, text));
    }

    heading(&mut body, 1, W.heading_practice);
    let overview = session.conclusions.overview.trim();
    if !overview.is_empty() {
        body.push(para(None, overview.to_owned()));
    }
    let listed = per_check(
        session,
        &rows,
        &mut body,
        |r| !r.text(|a| &a.evidence).is_empty() && !is_na(r),
        |r| (short_lead(r, None), r.text(|a| &a.evidence).to_owned()),
    );
    if overview.is_empty() && !listed {
        body.push(para(None, NOT_FILLED.to_owned()));
    }

    let open = progress.total - progress.answered;
    let nothing = |body: &mut Vec<Block>| {
        body.push(para(
            None,
            if complete {
                NONE.to_owned()
            } else {
                fill(W.part_pending, &[("open", &open)])
            },
        ));
    };

    heading(&mut body, 1, W.heading_problems);
    if !per_check(
        session,
        &rows,
        &mut body,
        |r| shortfall(session, r),
        |r| {
            let status = status_with_repeat(session, r);
            (
                short_lead(r, Some(&status)),
                or_not_filled(r.text(|a| &a.problems)),
            )
        },
    ) {
        nothing(&mut body);
    }

    heading(&mut body, 1, W.heading_causes);
    if !per_check(
        session,
        &rows,
        &mut body,
        |r| shortfall(session, r) || !r.text(|a| &a.causes).is_empty(),
        |r| (short_lead(r, None), or_not_filled(r.text(|a| &a.causes))),
    ) {
        nothing(&mut body);
    }

    heading(&mut body, 1, W.heading_measures);
    followup::carried_blocks(&rows, date, &mut body);
    if !per_check(
        session,
        &rows,
        &mut body,
        |r| shortfall(session, r) || !r.text(|a| &a.measures).is_empty(),
        |r| (short_lead(r, None), measure_text(r)),
    ) {
        nothing(&mut body);
    }

    heading(&mut body, 1, W.heading_summary);
    let c = &session.conclusions;
    for (title, text) in W.summary_parts.into_iter().zip([
        &c.major_matters,
        &c.institutional_measures,
        &c.resource_guarantees,
    ]) {
        heading(&mut body, 2, title);
        body.push(para(None, or_not_filled(text.trim())));
    }

    let appendix_title = t.title.trim().to_owned();
    let groups = appendix_groups(session, &rows, multi);
    let title = title(session, &unit);
    let history = options
        .with_history
        .then(|| history::table(session, fill(W.attachment_numbered, &[("n", &2)])));
    let mut attachments = vec![appendix_title.clone()];
    if let Some(h) = &history {
        attachments.push(h.title.clone());
    }
    Report {
        title_lines: title_lines(session, &unit),
        title,
        draft,
        recipient: recipient(session, options),
        body,
        attachments,
        sign_off: signoff::sign_off(session),
        signature: Signature {
            unit: unit.clone(),
            date: cn_date(date),
        },
        appendix: Appendix {
            label: if history.is_some() {
                fill(W.attachment_numbered, &[("n", &1)])
            } else {
                W.attachment.to_owned()
            },
            title: appendix_title,
            header: APPENDIX_HEADER.iter().map(|s| (*s).to_owned()).collect(),
            groups,
            signatures: vec![
                (APPENDIX_SIGNATURES[0].to_owned(), unit.clone()),
                (APPENDIX_SIGNATURES[1].to_owned(), cn_date(date)),
                (APPENDIX_SIGNATURES[2].to_owned(), String::new()),
            ],
        },
        author: unit,
        history,
    }
}

/// The 主送: the command line's, else the session's, else the data folder's, else the office
/// the notice names.
fn recipient(session: &Session, options: &Options) -> String {
    [
        options.recipient.as_deref(),
        Some(session.meeting.recipient.as_str()),
        options.folder_recipient.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(|r| r.trim().trim_end_matches(['：', ':']).trim())
    .find(|r| !r.is_empty())
    .unwrap_or(DEFAULT_RECIPIENT)
    .to_owned()
}

fn is_notice(session: &Session) -> bool {
    session
        .template
        .source
        .as_ref()
        .and_then(|s| s.document.as_deref())
        .is_some_and(|d| d.trim() == NOTICE_NUMBER)
}

/// The title's words: a line break falls only between them.
fn title_words(session: &Session, unit: &str) -> Vec<String> {
    let mut words = vec![W.title_about.to_owned(), unit.to_owned()];
    if is_notice(session) {
        words.extend(W.title_campaign.map(str::to_owned));
    }
    words.push(W.title_end.to_owned());
    words
}

fn title(session: &Session, unit: &str) -> String {
    title_words(session, unit).concat()
}

/// Packs the title's words into lines of at most [`TITLE_LINE_CHARS`] characters.
fn title_lines(session: &Session, unit: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in title_words(session, unit) {
        match lines.last_mut() {
            Some(line) if line.chars().count() + word.chars().count() <= TITLE_LINE_CHARS => {
                line.push_str(&word);
            }
            _ => lines.push(word),
        }
    }
    lines
}

/// The opening paragraph: on what basis the unit reports.
fn opening(session: &Session) -> String {
    let t = &session.template;
    let source = t.source.as_ref();
    let basis = if is_notice(session) {
        fill(
            W.basis_notice,
            &[("title", &NOTICE_TITLE), ("number", &NOTICE_NUMBER)],
        )
    } else {
        match source.and_then(|s| s.document.as_deref()).map(str::trim) {
            Some(doc) if !doc.is_empty() => fill(W.basis_document, &[("doc", &doc)]),
            _ => W.basis_campaign.to_owned(),
        }
    };
    fill(
        W.opening,
        &[
            ("basis", &basis),
            ("unit", &unit_name(session).trim()),
            ("checklist", &checklist_name(session)),
        ],
    )
}

/// `《部门“三管三必须”责任落实情况对照检查表》（附件3）`.
fn checklist_name(session: &Session) -> String {
    let t = &session.template;
    match t.source.as_ref().and_then(|s| s.attachment.as_deref()) {
        Some(a) if !a.trim().is_empty() => fill(
            W.checklist_in_notice,
            &[("title", &t.title.trim()), ("attachment", &a.trim())],
        ),
        _ => fill(W.checklist, &[("title", &t.title.trim())]),
    }
}

/// The check's status label, with 反复出现 when it was found short at the previous meeting too.
fn status_with_repeat(session: &Session, r: &Row<'_>) -> String {
    let status = status_label(&session.template, r.answer);
    if crate::model::carryover::is_repeat(session, &r.check.id) {
        fill(W.status_repeat, &[("status", &status)])
    } else {
        status.into_owned()
    }
}

fn is_na(r: &Row<'_>) -> bool {
    r.answer.and_then(|a| a.status.as_deref()) == Some("na")
}

fn shortfall(session: &Session, r: &Row<'_>) -> bool {
    r.answer
        .is_some_and(|a| needs_rectification(&session.template, a))
}

fn short(r: &Row<'_>) -> String {
    short_check_text(&r.check.text)
}

/// `强化监管执法，依法查处违法违规（第1.2项，基本落实）。`
fn short_lead(r: &Row<'_>, status: Option<&str>) -> String {
    match status {
        Some(status) => fill(
            W.lead_with_status,
            &[
                ("check", &short(r)),
                ("number", &r.number),
                ("status", &status),
            ],
        ),
        None => fill(W.lead, &[("check", &short(r)), ("number", &r.number)]),
    }
}

fn or_not_filled(text: &str) -> String {
    if text.trim().is_empty() {
        NOT_FILLED.to_owned()
    } else {
        text.trim().to_owned()
    }
}

/// A measure with who, by when and how far: `责任人：…；完成时限：…；整改进展：…`.
fn measure_text(r: &Row<'_>) -> String {
    let mut s = or_not_filled(r.text(|a| &a.measures));
    let Some(a) = r.answer else {
        return s;
    };
    let mut facts = vec![
        fill(W.owner_fact, &[("text", &or_not_filled(a.owner.trim()))]),
        fill(
            W.due_fact,
            &[("text", &or_not_filled(a.due_display().trim()))],
        ),
    ];
    if !a.leader.trim().is_empty() {
        facts.insert(1, fill(W.leader_fact, &[("text", &a.leader.trim())]));
    }
    if let Some(rect) = &a.rectification {
        let mut progress = fill(W.progress_fact, &[("text", &rectification_label(a))]);
        if let Some(closed) = rect.closed_on {
            progress.push_str(&fill(W.closed_on, &[("date", &cn_date(closed))]));
        }
        facts.push(progress);
    }
    s.push('\n');
    s.push_str(&facts.join(W.fact_sep));
    s.push_str(W.full_stop);
    s
}

fn heading(blocks: &mut Vec<Block>, level: u8, text: &str) {
    blocks.push(Block::Heading {
        level,
        text: text.to_owned(),
    });
}

fn para(lead: Option<String>, text: String) -> Block {
    Block::Para { lead, text }
}

/// Every check in reading order with its display number.
fn rows(session: &Session) -> Vec<Row<'_>> {
    session
        .template
        .checks()
        .map(|(pos, check)| Row {
            number: session.template.display_number(pos),
            section: pos.section,
            check,
            answer: session.answer(&check.id),
        })
        .collect()
}

/// Lists the rows that pass `keep`, numbered 1. 2. …; in a checklist of several parts, under a
/// `（一）` heading per part, numbering afresh in each. Returns whether anything was listed.
fn per_check(
    session: &Session,
    rows: &[Row<'_>],
    body: &mut Vec<Block>,
    keep: impl Fn(&Row<'_>) -> bool,
    emit: impl Fn(&Row<'_>) -> (String, String),
) -> bool {
    let multi = session.template.sections.len() > 1;
    let mut current = None;
    let mut k = 0;
    let mut parts = 0;
    for r in rows.iter().filter(|r| keep(r)) {
        if multi && current != Some(r.section) {
            current = Some(r.section);
            k = 0;
            parts += 1;
            if let Some(section) = session.template.sections.get(r.section) {
                heading(
                    body,
                    2,
                    &fill(
                        W.part_heading,
                        &[
                            ("ordinal", &cn_ordinal(parts)),
                            ("section", &short_section(section)),
                        ],
                    ),
                );
            }
        }
        k += 1;
        let (lead, text) = emit(r);
        body.push(para(Some(format!("{k}.{lead}")), text));
    }
    k > 0 || parts > 0
}
