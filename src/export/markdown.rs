//! The 对照检查报告 as Markdown: readable as plain text, and renders the same in any viewer.
//! Stored text is escaped so that a note cannot turn into a heading, a link or HTML.

use std::fmt::Write as _;

use crate::model::Session;

use super::REPORT as W;
use super::report::{self, Block, Options, Report};

/// Renders the report of a session as Markdown.
pub fn render(session: &Session) -> String {
    render_report(&report::build(session))
}

/// Renders the report of a session with the caller's options (主送, date).
pub fn render_with(session: &Session, options: &Options) -> String {
    render_report(&report::build_with(session, options))
}

/// Renders an already built report; the Word export builds the same one. The layout follows
/// the paper one: draft mark, title, 主送, body, 附件 line, 落款, then the 附件 after a rule.
pub fn render_report(report: &Report) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; the results below are ignored for that reason.
    if let Some(draft) = &report.draft {
        let _ = writeln!(out, "**{}**\n", inline(&draft.label()));
    }
    let _ = writeln!(out, "# {}\n", inline(&report.title));
    let _ = writeln!(out, "{}{}", inline(&report.recipient), W.colon);
    for block in &report.body {
        out.push('\n');
        match block {
            Block::Heading { level, text } => {
                let marks = "#".repeat(usize::from(*level) + 1);
                let _ = writeln!(out, "{marks} {}", inline(text));
            }
            Block::Para { lead, text } => {
                let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
                let first = lines.next().unwrap_or_default();
                match lead {
                    Some(lead) => {
                        let _ = writeln!(out, "**{}**{}", inline(lead), inline(first));
                    }
                    None => {
                        let _ = writeln!(out, "{}", paragraph(first));
                    }
                }
                for line in lines {
                    let _ = writeln!(out, "\n{}", paragraph(line));
                }
            }
        }
    }
    if !report.attachments.is_empty() {
        out.push('\n');
        if let [only] = report.attachments.as_slice() {
            let _ = writeln!(out, "{}{}", W.attachments_lead, inline(only));
        } else {
            for (i, a) in report.attachments.iter().enumerate() {
                let lead = if i == 0 {
                    W.attachments_lead
                } else {
                    W.attachments_hang
                };
                let _ = writeln!(out, "{lead}{}. {}  ", i + 1, inline(a));
            }
        }
    }
    let _ = writeln!(
        out,
        "\n<div align=\"right\">\n\n{}<br>{}\n\n</div>",
        inline(&report.signature.unit),
        inline(&report.signature.date)
    );
    for block in &report.sign_off {
        if let Block::Para { lead, text } = block {
            let _ = writeln!(
                out,
                "\n{}{}",
                lead.as_deref().map(inline).unwrap_or_default(),
                inline(text)
            );
        }
    }

    let a = &report.appendix;
    let _ = writeln!(
        out,
        "\n---\n\n## {}\n\n### {}\n",
        inline(&a.label),
        inline(&a.title)
    );
    let _ = writeln!(out, "| {} |", cells(&a.header));
    let _ = writeln!(out, "|{}", " --- |".repeat(a.header.len()));
    for group in &a.groups {
        if let Some(h) = &group.heading {
            // A group row: the part's title in the 检查内容 column, the other cells empty.
            let empty = a.header.len().saturating_sub(2);
            let _ = writeln!(out, "|  | **{}** |{}", inline(h), "  |".repeat(empty));
        }
        for row in &group.rows {
            let _ = writeln!(out, "| {} |", cells(row));
        }
    }
    out.push('\n');
    let signatures: Vec<String> = a
        .signatures
        .iter()
        .map(|(label, value)| {
            let value = if value.is_empty() {
                W.blank_value
            } else {
                value
            };
            format!("{}{}{}", inline(label), W.colon, inline(value))
        })
        .collect();
    let _ = writeln!(out, "{}", signatures.join(W.signatures_sep));
    if let Some(h) = &report.history {
        history(h, &mut out);
    }
    out
}

/// 附件2, the 修改记录, after a rule.
fn history(h: &report::HistoryTable, out: &mut String) {
    let _ = writeln!(
        out,
        "\n---\n\n## {}\n\n### {}\n",
        inline(&h.label),
        inline(&h.title)
    );
    let _ = writeln!(out, "| {} |", cells(&h.header));
    let _ = writeln!(out, "|{}", " --- |".repeat(h.header.len()));
    for row in &h.rows {
        let _ = writeln!(out, "| {} |", cells(row));
    }
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
