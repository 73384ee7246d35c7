//! Tier 4: the real binary in a pseudo-terminal, looked at for the colour codes it sends
//! (a 16-colour terminal never gets 256-palette codes unless `--colors` says so) and for the
//! lock notice a second opener reads, in the interface language.

mod harness;

use std::path::Path;

use harness::Tui;
use portable_pty::CommandBuilder;

fn start(args: &[&str], data: &Path, term: &str) -> Tui {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_selfcheck"));
    cmd.args(args);
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("COLORTERM");
    cmd.env("LANG", "C.UTF-8");
    cmd.env("LC_ALL", "C.UTF-8");
    cmd.env("TERM", term);
    cmd.env("SELFCHECK_DATA_DIR", data);
    cmd.env("HOME", data);
    Tui::start_command(cmd, 24, 80)
}

fn new_session(dir: &Path) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_selfcheck"))
        .args(["new", "--template", "dept", "--unit", "应急局", "--no-open"])
        .env("SELFCHECK_DATA_DIR", dir)
        .env("HOME", dir)
        .output()
        .expect("new");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

fn count(hay: &[u8], needle: &str) -> usize {
    hay.windows(needle.len())
        .filter(|w| *w == needle.as_bytes())
        .count()
}

/// The colour codes a session in projector mode is drawn with: (256-palette, classic).
fn codes(file: &str, dir: &Path, term: &str, extra: &[&str]) -> (usize, usize) {
    let mut args = vec!["open", file, "--read-only"];
    args.extend(extra);
    let mut tui = start(&args, dir, term);
    tui.wait_for("检查项目");
    tui.send("p");
    tui.wait_for("退出投影");
    let raw = tui.raw();
    tui.send("\x11");
    assert_eq!(tui.wait_exit(), 0);
    // Colour codes inside SGR sequences only (ESC [ ... m), not cursor moves.
    let text = String::from_utf8_lossy(&raw);
    let (mut palette, mut classic) = (0, 0);
    for seq in text.split("\x1b[").skip(1) {
        let Some(end) = seq.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            continue;
        };
        if !seq[end..].starts_with('m') {
            continue;
        }
        let params = &seq[..end];
        palette += count(params.as_bytes(), "38;5;") + count(params.as_bytes(), "48;5;");
        let mut parts = params.split(';');
        while let Some(p) = parts.next() {
            if p == "38" || p == "48" || p == "58" {
                // 5;N or 2;R;G;B follows.
                match parts.next() {
                    Some("5") => {
                        parts.next();
                    }
                    Some("2") => {
                        parts.next();
                        parts.next();
                        parts.next();
                    }
                    _ => {}
                }
                continue;
            }
            if let Ok(n) = p.parse::<u32>()
                && matches!(n, 30..=37 | 90..=97 | 40..=47 | 100..=107)
            {
                classic += 1;
            }
        }
    }
    (palette, classic)
}

#[test]
fn a_16_colour_terminal_gets_16_colour_codes_unless_told_otherwise() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = new_session(dir.path());
    for term in ["linux", "xterm"] {
        let (palette, classic) = codes(&file, dir.path(), term, &[]);
        assert_eq!(palette, 0, "TERM={term} was sent 256-colour codes");
        assert!(classic > 0, "TERM={term}: no colour at all");
        let (palette, _) = codes(&file, dir.path(), term, &["--colors", "256"]);
        assert!(palette > 0, "TERM={term} --colors 256");
    }
    // A 256-colour terminal keeps the palette; the first 16 entries may go by their classic
    // codes there too (the same colours, shorter), except bold in the first eight.
    let (palette, _) = codes(&file, dir.path(), "xterm-256color", &[]);
    assert!(palette > 0, "TERM=xterm-256color keeps the palette");
}

#[test]
fn a_second_opener_is_told_who_has_the_session_in_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = new_session(dir.path());
    let mut first = start(&["open", &file], dir.path(), "xterm-256color");
    first.wait_for("检查项目");
    let mut second = start(&["open", &file], dir.path(), "xterm-256color");
    second.wait_for("进程号");
    let screen = second.screen();
    assert!(screen.contains("计算机"), "{screen}");
    assert!(!screen.contains("pid"), "{screen}");
    assert!(!screen.contains("since"), "{screen}");
    second.send("\x11");
    assert_eq!(second.wait_exit(), 0);
    first.send("\x11");
    assert_eq!(first.wait_exit(), 0);
}
