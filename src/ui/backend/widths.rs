//! Which character widths the terminal agrees with `unicode-width` on, learnt from a probe at
//! start-up: the cursor is tracked by width only as far as that is trusted.

use unicode_width::UnicodeWidthChar;

/// Which character widths the terminal is known to agree with `unicode-width` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Widths {
    /// East Asian wide characters (汉字, full-width punctuation) advance two columns.
    pub wide: bool,
    /// East Asian ambiguous characters (box drawing, “”, ·) advance one column.
    pub ambiguous_narrow: bool,
}

impl Widths {
    /// What ratatui's own backend assumes without asking: one column for anything
    /// `unicode-width` calls narrow, and nothing about wide characters.
    pub const ASSUMED: Widths = Widths {
        wide: false,
        ambiguous_narrow: true,
    };

    /// How far the cursor moves when `symbol` is printed, where that is certain.
    pub(super) fn advance(self, symbol: &str) -> Option<u16> {
        let bytes = symbol.as_bytes();
        if let [b] = bytes {
            return (0x20..0x7f).contains(b).then_some(1);
        }
        let mut chars = symbol.chars();
        let c = chars.next()?;
        if chars.next().is_some() {
            // A cluster (combining marks, emoji sequences): terminals disagree.
            return None;
        }
        match (c.width()?, c.width_cjk()?) {
            (1, 1) => Some(1),
            (1, 2) => self.ambiguous_narrow.then_some(1),
            (2, 2) if is_east_asian_wide_text(c) => self.wide.then_some(2),
            _ => None,
        }
    }

    /// Reads what the terminal did with `中─` printed from column 1: the cursor's column after
    /// it (1-based) tells the widths it uses.
    pub fn from_probe(column_after: u16) -> Widths {
        match column_after {
            4 => Widths {
                wide: true,
                ambiguous_narrow: true,
            },
            5 => Widths {
                wide: true,
                ambiguous_narrow: false,
            },
            _ => Widths::ASSUMED,
        }
    }
}

/// Wide characters whose width every terminal agrees on: CJK ideographs and punctuation, kana,
/// Hangul, full-width forms. Emoji are left out: older terminals draw them one column wide.
fn is_east_asian_wide_text(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD
    )
}
