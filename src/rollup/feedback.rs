//! 点对点反馈: for each unit with flags, a short letter to its 主要负责人 (Markdown and Word), ready
//! for the office to sign and send: the unit's progress, each flag with the check and the text
//! that raised it, and what is expected.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType,
};

use crate::export::BuildError;
use crate::export::docx::{BODY_FONT, HEADING_FONT, LATIN_FONT, TITLE_FONT};
use crate::i18n::letter::letter_words;
use crate::i18n::{Lang, fill};
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
    let w = letter_words(lang);
    let mut b = Vec::new();
    let statuses: Vec<String> = rollup
        .statuses
        .iter()
        .zip(&t.by_status)
        .filter(|(_, n)| **n > 0)
        .map(|(c, n)| fill(w.status_count, &[("label", &c.label_in(lang)), ("n", n)]))
        .collect();
    let flags: Vec<_> = rollup.flags_of(unit).collect();
    let mut rules: Vec<Rule> = flags.iter().map(|f| f.rule).collect();
    rules.sort();
    rules.dedup();
    b.push(Block::Title(fill(w.title, &[("name", &name)])));
    b.push(Block::To(fill(w.to, &[("name", &name)])));
    let date = u.facts.date.map_or_else(
        || w.date_missing.to_owned(),
        |d| d.format(w.date_format).to_string(),
    );
    let kind = match kind_label(u, lang) {
        "" => String::new(),
        k => fill(w.kind, &[("kind", &k)]),
    };
    b.push(Block::Para(fill(
        w.intro,
        &[
            ("date", &date),
            ("template", &template_label(u, lang)),
            ("kind", &kind),
            ("as_of", &rollup.as_of.format(w.date_format)),
        ],
    )));
    b.push(Block::Heading(w.heading_progress.into()));
    let statuses = if statuses.is_empty() {
        String::new()
    } else {
        fill(w.statuses, &[("list", &statuses.join(w.list_sep))])
    };
    b.push(Block::Para(fill(
        w.progress,
        &[
            ("total", &t.total),
            ("answered", &t.answered),
            ("percent", &t.percent()),
            ("statuses", &statuses),
            ("problems", &t.problems),
            ("open", &t.open),
            ("overdue", &t.overdue),
        ],
    )));
    b.push(Block::Heading(fill(
        w.heading_findings,
        &[("n", &flags.len())],
    )));
    for (i, f) in flags.iter().enumerate() {
        let mut s = fill(
            w.finding,
            &[
                ("k", &(i + 1)),
                ("place", &flag_place(rollup.flag_check(f), lang)),
                ("rule", &rule_label(f.rule, lang)),
            ],
        );
        if let Some(c) = rollup.flag_check_line(f) {
            let short = super::labels::cut(&c.text, 40);
            s.push_str(&fill(w.finding_check, &[("check", &short)]));
        }
        let detail = detail_text(rollup, f, lang);
        if !detail.is_empty() {
            s.push_str(w.detail_lead);
            s.push_str(&detail);
        }
        s.push_str(w.sentence_end);
        let text = rollup.flag_text(f);
        if !text.is_empty() {
            let field = f.field.map(|x| field_label(x, lang)).unwrap_or_default();
            s.push_str(&fill(w.quote, &[("field", &field), ("text", &text)]));
        }
        b.push(Block::Item(s));
    }
    b.push(Block::Heading(w.heading_expected.into()));
    for r in &rules {
        b.push(Block::Item(fill(
            w.expectation,
            &[
                ("rule", &rule_label(*r, lang)),
                ("what", &rule_expectation(*r, lang)),
            ],
        )));
    }
    b.push(Block::Para(w.closing.into()));
    b.push(Block::Right(w.seal.into()));
    b.push(Block::Right(w.date_line.into()));
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
    let suffix = letter_words(lang).file_suffix;
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
