//! The `colors` number of a terminfo entry, read from the compiled database (no library: only
//! this one number is wanted).

use std::path::PathBuf;

/// Index of `max_colors` among terminfo's numbers.
const MAX_COLORS: usize = 13;

fn dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(d) = std::env::var_os("TERMINFO") {
        dirs.push(PathBuf::from(d));
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".terminfo"));
    }
    if let Some(list) = std::env::var_os("TERMINFO_DIRS") {
        dirs.extend(std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()));
    }
    for d in [
        "/etc/terminfo",
        "/lib/terminfo",
        "/usr/share/terminfo",
        "/usr/lib/terminfo",
    ] {
        dirs.push(PathBuf::from(d));
    }
    dirs
}

/// `colors` of the entry named `term`, if one is found and readable.
pub fn max_colors(term: &str) -> Option<i32> {
    if term.is_empty() || term.contains(['/', '\\']) || term.starts_with('.') {
        return None;
    }
    let first = term.chars().next()?;
    for dir in dirs() {
        for sub in [first.to_string(), format!("{:x}", u32::from(first))] {
            let path = dir.join(sub).join(term);
            if let Ok(bytes) = std::fs::read(&path) {
                return parse(&bytes);
            }
        }
    }
    None
}

/// `colors` from a compiled terminfo entry (legacy 16-bit or extended 32-bit numbers).
pub fn parse(bytes: &[u8]) -> Option<i32> {
    let short = |at: usize| -> Option<usize> {
        let b = bytes.get(at..at + 2)?;
        Some(usize::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let wide = match short(0)? {
        0o432 => false,
        0o1036 => true,
        _ => return None,
    };
    let (names, bools, nums) = (short(2)?, short(4)?, short(6)?);
    if nums <= MAX_COLORS {
        return None;
    }
    let mut at = 12 + names + bools;
    at += at % 2;
    if wide {
        let b = bytes.get(at + 4 * MAX_COLORS..at + 4 * MAX_COLORS + 4)?;
        let n = i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        (n >= 0).then_some(n)
    } else {
        let b = bytes.get(at + 2 * MAX_COLORS..at + 2 * MAX_COLORS + 2)?;
        let n = i16::from_le_bytes([b[0], b[1]]);
        (n >= 0).then_some(i32::from(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminfo_colors_are_read_from_both_number_formats() {
        // A legacy entry: names "x\0", no booleans, 14 numbers with colors#8 at index 13.
        let mut legacy = Vec::new();
        for v in [0o432u16, 2, 0, 14, 0, 0] {
            legacy.extend(v.to_le_bytes());
        }
        legacy.extend(b"x\0");
        for i in 0..14u16 {
            let n: i16 = if i == 13 { 8 } else { -1 };
            legacy.extend(n.to_le_bytes());
        }
        assert_eq!(parse(&legacy), Some(8));
        // An extended entry: one boolean (odd total, so a pad byte), 32-bit numbers.
        let mut wide = Vec::new();
        for v in [0o1036u16, 2, 1, 14, 0, 0] {
            wide.extend(v.to_le_bytes());
        }
        wide.extend(b"x\0");
        wide.push(1);
        wide.push(0);
        for i in 0..14u32 {
            let n: i32 = if i == 13 { 16_777_216 } else { -1 };
            wide.extend(n.to_le_bytes());
        }
        assert_eq!(parse(&wide), Some(16_777_216));
        assert_eq!(parse(b"garbage"), None);
        assert_eq!(parse(&[]), None);
    }

    #[test]
    fn the_system_terminfo_is_read_where_there_is_one() {
        // Only where the database is installed; elsewhere the lookup says nothing.
        if std::path::Path::new("/lib/terminfo/l/linux").exists() {
            assert_eq!(max_colors("linux"), Some(8));
        }
        assert_eq!(max_colors("../../etc/passwd"), None);
    }
}
