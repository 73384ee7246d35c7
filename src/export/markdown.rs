//! The 对照检查报告 as Markdown: readable as plain text, and renders the same in any viewer.
//! Stored text is escaped so that a note cannot turn into a heading, a link or HTML.

use std::fmt::Write as _;

use crate::model::Session;

use super::report::{self, Block, NOT_FILLED, Report};

/// Renders the report of a session as Markdown.
pub fn render(session: &Session) -> String {
    render_report(&report::build(session))
}

/// Renders an already built report; the Word export builds the same one.
pub fn render_report(report: &Report) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; the results below are ignored for that reason.
    let _ = writeln!(out, "# {}", inline(&report.title));
    let mut previous: Option<&Block> = None;
    for block in &report.blocks {
        // Consecutive fields form one list; everything else is separated by a blank line.
        let in_list = matches!(
            (previous, block),
            (Some(Block::Field { .. }), Block::Field { .. })
        );
        if !in_list {
            out.push('\n');
        }
        previous = Some(block);
        match block {
            Block::Heading { level, text } => {
                let marks = "#".repeat(usize::from(*level) + 1);
                let _ = writeln!(out, "{marks} {}", inline(text));
            }
            Block::Entry {
                number,
                check,
                note,
            } => {
                let _ = write!(out, "**{number}. {}**", inline(check));
                if let Some(note) = note {
                    let _ = write!(out, "（{}）", inline(note));
                }
                out.push('\n');
            }
            Block::Text(text) => {
                let paragraphs: Vec<String> = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(paragraph)
                    .collect();
                let _ = writeln!(out, "{}", paragraphs.join("\n\n"));
            }
            Block::Field { label, value } => {
                let value = value.trim();
                let value = if value.is_empty() {
                    NOT_FILLED.to_owned()
                } else {
                    inline(value).replace('\n', " ")
                };
                let _ = writeln!(out, "- {}：{value}", inline(label));
            }
            Block::Placeholder(text) => {
                let _ = writeln!(out, "{text}");
            }
            Block::Table { header, rows } => {
                let _ = writeln!(out, "| {} |", cells(header));
                let _ = writeln!(out, "|{}", " --- |".repeat(header.len()));
                for row in rows {
                    let _ = writeln!(out, "| {} |", cells(row));
                }
            }
        }
    }
    out
}

fn cells(row: &[String]) -> String {
    row.iter()
        .map(|c| {
            c.trim()
                .lines()
                .map(|l| inline(l.trim()).replace('|', "\\|"))
                .collect::<Vec<_>>()
                .join("<br>")
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Escapes the characters that Markdown reads as emphasis, code, links or HTML.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One line of stored text as a paragraph: inline escapes, plus the marks that would make a
/// line a heading, a quote, a rule or a list bullet.
fn paragraph(line: &str) -> String {
    let escaped = inline(line);
    if escaped.starts_with(['#', '-', '+', '=', '~', '|']) {
        format!("\\{escaped}")
    } else {
        escaped
    }
}
