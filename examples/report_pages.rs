//! Writes the example meeting's exports (report as Word and Markdown, workbook, ledger CSV) to
//! `target/report-sample/`, converts the Word report to PDF with `LibreOffice`, and regenerates
//! `screenshots/report-page1.png` (the first page) and `screenshots/report-appendix.png` (the
//! first page of the 附件): what the office receives. Needs `soffice` and `pdftoppm`.
//!
//! ```text
//! cargo run --example report_pages
//! ```

use std::path::Path;
use std::process::Command;

use chrono::{FixedOffset, TimeZone};
use selfcheck::export::{docx, ledger, markdown, xlsx};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tz = FixedOffset::east_opt(8 * 3600).ok_or("offset")?;
    let now = tz
        .with_ymd_and_hms(2023, 12, 8, 10, 0, 0)
        .single()
        .ok_or("time")?;
    let dir = Path::new("target/report-sample");
    std::fs::create_dir_all(dir)?;
    for (name, session) in [
        ("sample", selfcheck::demo::finished_session(now)),
        ("draft", selfcheck::demo::session(now)),
    ] {
        std::fs::write(
            dir.join(format!("{name}.json")),
            selfcheck::store::to_json(&session),
        )?;
        std::fs::write(dir.join(format!("{name}.docx")), docx::render(&session)?)?;
        std::fs::write(dir.join(format!("{name}.md")), markdown::render(&session))?;
        std::fs::write(dir.join(format!("{name}.xlsx")), xlsx::render(&session)?)?;
        std::fs::write(
            dir.join(format!("{name}.csv")),
            ledger::render_csv(&session)?,
        )?;
    }
    let status = Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(dir.join("sample.docx"))
        .status()?;
    if !status.success() {
        return Err("soffice failed".into());
    }
    let pdf = dir.join("sample.pdf");
    let pages = |first: &str, last: &str, out: &str| {
        Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-singlefile", "-f", first, "-l", last])
            .arg(&pdf)
            .arg(out)
            .status()
    };
    pages("1", "1", "screenshots/report-page1")?;
    // The 附件 starts after the body; find its first page by its text.
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()?;
    let text = String::from_utf8_lossy(&text.stdout);
    let appendix = text
        .split('\u{c}')
        .position(|page| page.trim_start().starts_with("附件") && page.contains("序号"))
        .map_or(1, |i| i + 1)
        .to_string();
    pages(&appendix, &appendix, "screenshots/report-appendix")?;
    println!("wrote {} and screenshots/report-*.png", dir.display());
    Ok(())
}
