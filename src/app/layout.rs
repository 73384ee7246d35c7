//! Where each region of the screen goes. Pure geometry, shared by `update` (which needs the
//! tree's height to keep the selection visible) and the drawing code.

use ratatui::layout::Rect;

/// The smallest terminal the interface draws itself in; below it a plain notice is shown.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The regions of the walk-through screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkAreas {
    pub header: Rect,
    pub tree: Rect,
    pub detail: Rect,
    pub footer: Rect,
}

pub const HEADER_HEIGHT: u16 = 2;
pub const FOOTER_HEIGHT: u16 = 2;

/// Header, body and footer rows of any screen.
pub fn frame(area: Rect) -> (Rect, Rect, Rect) {
    let header = Rect {
        height: HEADER_HEIGHT.min(area.height),
        ..area
    };
    let footer_h = FOOTER_HEIGHT.min(area.height.saturating_sub(header.height));
    let footer = Rect {
        y: area.y + area.height - footer_h,
        height: footer_h,
        ..area
    };
    let body = Rect {
        y: header.y + header.height,
        height: area.height - header.height - footer_h,
        ..area
    };
    (header, body, footer)
}

pub fn walk(area: Rect) -> WalkAreas {
    let (header, body, footer) = frame(area);
    let tree_w = (body.width * 2 / 5).clamp(30.min(body.width), 64.min(body.width));
    let tree = Rect {
        width: tree_w,
        ..body
    };
    let detail = Rect {
        x: body.x + tree_w,
        width: body.width - tree_w,
        ..body
    };
    WalkAreas {
        header,
        tree,
        detail,
        footer,
    }
}

/// Rows of the tree that fit inside its border.
pub fn tree_rows(area: Rect) -> usize {
    usize::from(walk(area).tree.height.saturating_sub(2))
}

/// Rows of text inside the body of a bordered full-width screen (summary, help).
pub fn body_rows(area: Rect) -> usize {
    usize::from(frame(area).1.height.saturating_sub(2))
}

/// The right pane inside its border.
pub fn detail_inner(area: Rect) -> Rect {
    let d = walk(area).detail;
    Rect {
        x: d.x + 1,
        y: d.y + 1,
        width: d.width.saturating_sub(2),
        height: d.height.saturating_sub(2),
    }
}

/// Where the projector's text goes: the body with wide margins, one blank row above (where
/// "more above" shows).
pub fn projector_text(area: Rect) -> Rect {
    let (_, body, _) = frame(area);
    let margin = (body.width / 12).max(2);
    Rect {
        x: body.x + margin,
        y: body.y + 1,
        width: body.width.saturating_sub(margin * 2),
        height: body.height.saturating_sub(1),
    }
}

/// Rows of projector text shown: the last row of its area is kept for "more below".
pub fn projector_rows(area: Rect) -> usize {
    usize::from(projector_text(area).height.saturating_sub(1))
}
