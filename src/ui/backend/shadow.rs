//! The backend's copy of what the screen shows, cell by cell: what lets it skip a change that
//! cannot be seen and reprint a short run of cells instead of moving the cursor.

use ratatui::buffer::Cell;

use super::sgr::Pen;

/// What one cell of the screen shows, as far as this backend knows.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Shown {
    /// Not known (the other half of a wide character was overwritten, a width not trusted).
    Unknown,
    /// A glyph of trusted width drawn with a pen.
    Glyph { symbol: Cell, pen: Pen, width: u16 },
    /// The right half of a wide glyph.
    RightHalf,
}

impl Shown {
    pub(super) fn blank() -> Shown {
        Shown::blank_with(Pen::RESET)
    }

    /// A blank drawn with `pen`.
    pub(super) fn blank_with(pen: Pen) -> Shown {
        Shown::Glyph {
            symbol: Cell::EMPTY,
            pen,
            width: 1,
        }
    }

    /// Whether drawing `symbol` with `pen` here would change nothing that can be seen.
    pub(super) fn looks_like(&self, symbol: &str, pen: Pen) -> bool {
        match self {
            Shown::Glyph {
                symbol: s, pen: p, ..
            } if s.symbol() == symbol => {
                if symbol == " " {
                    p.blank_looks_like(pen)
                } else {
                    *p == pen
                }
            }
            _ => false,
        }
    }
}
