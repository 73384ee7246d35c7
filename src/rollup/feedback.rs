//! 点对点反馈: for each unit with flags, a short letter to its 主要负责人 (Markdown and Word), ready
//! for the office to sign and send: the unit's progress, each flag with the check and the text
//! that raised it, and what is expected.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType,
};

use crate::export::{BuildError, iso_date};
use crate::i18n::Lang;
use crate::store::StoreError;

use super::file_stem;
use super::flags::Rule;
use super::group::Rollup;
use super::labels::{detail_text, field_label, flag_place, rule_expectation, rule_label};
use super::table::{kind_label, template_label};

/// One part of a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Title(String),
    /// The salutation, not indented.
    To(String),
    Heading(String),
    Para(String),
    /// A numbered or bulleted entry.
    Item(String),
    /// Right-aligned (the signature and date lines).
    Right(String),
}

/// The letter to one unit (index into `rollup.units`). One function so the letter reads top to
/// bottom as it is printed.
#[allow(clippy::too_many_lines)]
pub fn letter(rollup: &Rollup, unit: usize, lang: Lang) -> Vec<Block> {
    let u = &rollup.units[unit];
    let name = u.name(lang);
    let t = &u.tally;
    let en = lang.is_en();
    let mut b = Vec::new();
    let statuses: Vec<String> = rollup
        .statuses
        .iter()
        .zip(&t.by_status)
        .filter(|(_, n)| **n > 0)
        .map(|(c, n)| {
            if en {
                format!("{} {n}", c.label_in(lang))
            } else {
                format!("{}{n}项", c.label_in(lang))
            }
        })
        .collect();
    let flags: Vec<_> = rollup.flags_of(unit).collect();
    let mut rules: Vec<Rule> = flags.iter().map(|f| f.rule).collect();
    rules.sort();
    rules.dedup();
    let as_of = rollup.as_of.format("%Y-%m-%d");
    if en {
        b.push(Block::Title(format!(
            "Feedback on the self-check of {name}"
        )));
        b.push(Block::To(format!("To the principal leader of {name}:")));
        b.push(Block::Para(format!(
            "The office of the district leading group has reviewed the self-check record your unit submitted (meeting of {}, checklist: {}{}). As the notice requires, records that are perfunctory or fall short are fed back to the unit's principal leader directly. Our findings, as of {as_of}:",
            iso_date(u.facts.date),
            template_label(u, lang),
            match kind_label(u, lang) {
                "" => String::new(),
                k => format!(", {k}"),
            }
        )));
        b.push(Block::Heading("1. Progress".into()));
        b.push(Block::Para(format!(
            "{} of {} checks answered ({}%){}; {} problems found, {} not yet rectified, {} past their deadline.",
            t.answered,
            t.total,
            t.percent(),
            if statuses.is_empty() { String::new() } else { format!(" ({})", statuses.join(", ")) },
            t.problems,
            t.open,
            t.overdue
        )));
        b.push(Block::Heading(format!("2. Findings ({})", flags.len())));
    } else {
        b.push(Block::Title(format!("关于{name}对照检查情况的反馈意见")));
        b.push(Block::To(format!("{name}主要负责人：")));
        b.push(Block::Para(format!(
            "区专项行动领导小组办公室对你单位报送的对照检查记录（会议日期：{}，检查表：{}{}）进行了审核。按照“对敷衍应付、效果不好的直接向单位主要负责人反馈”的要求，现将截至{}的有关情况反馈如下。",
            match u.facts.date {
                Some(d) => crate::export::cn_date(d),
                None => "未填写".to_owned(),
            },
            template_label(u, lang),
            match kind_label(u, lang) {
                "" => String::new(),
                k => format!("，类型：{k}"),
            },
            crate::export::cn_date(rollup.as_of)
        )));
        b.push(Block::Heading("一、对照检查进展".into()));
        b.push(Block::Para(format!(
            "共{}项检查内容，已检查{}项（{}%）{}；查摆问题{}个，尚未完成整改{}个，其中逾期{}个。",
            t.total,
            t.answered,
            t.percent(),
            if statuses.is_empty() {
                String::new()
            } else {
                format!("，其中{}", statuses.join("、"))
            },
            t.problems,
            t.open,
            t.overdue
        )));
        b.push(Block::Heading(format!(
            "二、发现的问题（{}处）",
            flags.len()
        )));
    }
    for (i, f) in flags.iter().enumerate() {
        let mut s = format!(
            "{}. {}{}{}",
            i + 1,
            flag_place(rollup.flag_check(f), lang),
            if en { " — " } else { "：" },
            rule_label(f.rule, lang)
        );
        if let Some(a) = rollup.flag_answer(f) {
            let short = super::labels::cut(&a.check_text, 40);
            if en {
                let _ = write!(s, " (check: {short})");
            } else {
                let _ = write!(s, "（检查内容：{short}）");
            }
        }
        let detail = detail_text(rollup, f, lang);
        if !detail.is_empty() {
            s.push_str(if en { ". " } else { "。" });
            s.push_str(&detail);
        }
        s.push_str(if en { "." } else { "。" });
        let text = rollup.flag_text(f);
        if !text.is_empty() {
            let field = f.field.map(|x| field_label(x, lang)).unwrap_or_default();
            if en {
                let _ = write!(s, " Text ({field}): \"{text}\"");
            } else {
                let _ = write!(s, "原文（{field}）：“{text}”");
            }
        }
        b.push(Block::Item(s));
    }
    b.push(Block::Heading(if en {
        "3. What is expected".into()
    } else {
        "三、整改要求".into()
    }));
    for r in &rules {
        b.push(Block::Item(format!(
            "{}{}{}",
            rule_label(*r, lang),
            if en { ": " } else { "：" },
            rule_expectation(*r, lang)
        )));
    }
    b.push(Block::Para(if en {
        "Please go through the record again, complete it check by check, and submit it again to the office.".into()
    } else {
        "请你单位主要负责人亲自研究、亲自把关，对照上述问题逐项补充完善对照检查记录，如实查摆问题、明确整改措施，完善后重新报送区专项行动领导小组办公室。".into()
    }));
    if en {
        b.push(Block::Right(
            "Office of the district leading group (seal)".into(),
        ));
        b.push(Block::Right("Date:            ".into()));
    } else {
        b.push(Block::Right("区专项行动领导小组办公室（盖章）".into()));
        b.push(Block::Right("年　　月　　日".into()));
    }
    b
}

/// The letter as Markdown.
pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        // Writing to a String cannot fail.
        let _ = match block {
            Block::Title(t) => writeln!(out, "# {t}\n"),
            Block::To(t) | Block::Para(t) => writeln!(out, "{t}\n"),
            Block::Heading(t) => writeln!(out, "## {t}\n"),
            Block::Item(t) => writeln!(out, "- {t}\n"),
            Block::Right(t) => writeln!(out, "<p align=\"right\">{t}</p>\n"),
        };
    }
    out
}

const TITLE_FONT: &str = "方正小标宋简体";
const HEADING_FONT: &str = "黑体";
const BODY_FONT: &str = "仿宋_GB2312";
const LATIN_FONT: &str = "Times New Roman";
/// Half-points: 二号 title, 三号 body; a 28 pt line; two 三号 characters of indent (twips).
const TITLE_SIZE: usize = 44;
const BODY_SIZE: usize = 32;
const BODY_LINE: i32 = 560;
const INDENT: i32 = 640;

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .cs(LATIN_FONT)
        .hint("eastAsia")
}

/// Drops the characters XML 1.0 cannot hold; Word would refuse the whole file.
fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            !matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
        })
        .collect()
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new()
        .add_text(xml_safe(text))
        .fonts(fonts(font))
        .size(size)
}

fn spacing() -> LineSpacing {
    LineSpacing::new()
        .line(BODY_LINE)
        .line_rule(LineSpacingType::Exact)
}

/// The letter as a Word document: A4, 公文 faces and the 28 pt line grid.
pub fn docx(blocks: &[Block]) -> Result<Vec<u8>, BuildError> {
    let mut doc = Docx::new()
        .page_size(11_906, 16_838)
        .page_margin(
            PageMargin::new()
                .top(2_098)
                .bottom(1_984)
                .left(1_588)
                .right(1_474),
        )
        .default_fonts(fonts(BODY_FONT))
        .default_size(BODY_SIZE);
    for block in blocks {
        let p = match block {
            Block::Title(t) => Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().after(BODY_LINE.unsigned_abs()))
                .add_run(run(t, TITLE_FONT, TITLE_SIZE)),
            Block::To(t) => Paragraph::new()
                .line_spacing(spacing())
                .add_run(run(t, BODY_FONT, BODY_SIZE)),
            Block::Heading(t) => Paragraph::new()
                .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
                .line_spacing(spacing())
                .add_run(run(t, HEADING_FONT, BODY_SIZE)),
            Block::Para(t) | Block::Item(t) => Paragraph::new()
                .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
                .line_spacing(spacing())
                .add_run(run(t, BODY_FONT, BODY_SIZE)),
            Block::Right(t) => Paragraph::new()
                .align(AlignmentType::Right)
                .line_spacing(spacing())
                .add_run(run(t, BODY_FONT, BODY_SIZE)),
        };
        doc = doc.add_paragraph(p);
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| BuildError::Docx(e.to_string()))?;
    Ok(buf.into_inner())
}

/// Why writing the feedback failed.
#[derive(Debug, thiserror::Error)]
pub enum FeedbackError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}: {source}", path.display())]
    Build {
        path: PathBuf,
        #[source]
        source: BuildError,
    },
}

/// Writes one `.md` and one `.docx` letter per unit with flags into `dir` (created if need be),
/// named after the unit; returns the files written.
pub fn write_all(rollup: &Rollup, dir: &Path, lang: Lang) -> Result<Vec<PathBuf>, FeedbackError> {
    std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    let suffix = if lang.is_en() {
        "feedback"
    } else {
        "点对点反馈"
    };
    let mut written = Vec::new();
    let mut used = std::collections::HashSet::new();
    for (i, u) in rollup.units.iter().enumerate() {
        if u.tally.flags == 0 {
            continue;
        }
        let mut stem = format!("{}-{suffix}", file_stem(u.name(lang)));
        let mut n = 1;
        while !used.insert(stem.clone()) {
            n += 1;
            stem = format!("{}-{suffix}-{n}", file_stem(u.name(lang)));
        }
        let blocks = letter(rollup, i, lang);
        let md = dir.join(format!("{stem}.md"));
        crate::store::write_new_file(&md, markdown(&blocks).as_bytes())?;
        written.push(md);
        let path = dir.join(format!("{stem}.docx"));
        let bytes = docx(&blocks).map_err(|source| FeedbackError::Build {
            path: path.clone(),
            source,
        })?;
        crate::store::write_new_file(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}
