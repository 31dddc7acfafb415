//! Where the panes go for a terminal size. Used both by `App` (the reader lays out text for
//! the width it will be drawn at) and by drawing, so the two always agree.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

use unicode_width::UnicodeWidthStr;

use super::{Pane, strings};

/// Three panes from this width; two from `TWO_PANES`; one below.
pub const THREE_PANES: u16 = 100;
pub const TWO_PANES: u16 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    /// A line naming the panes and their keys, when not all three are shown.
    pub tabs: Option<Rect>,
    pub localities: Option<Rect>,
    pub outline: Option<Rect>,
    pub reader: Option<Rect>,
    pub status: Rect,
}

impl Panes {
    pub fn get(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Localities => self.localities,
            Pane::Outline => self.outline,
            Pane::Reader => self.reader,
        }
    }
}

/// Split `area`. `focus` decides which panes show when not all fit; `left` is the last
/// focused of localities/outline (shown beside the reader in two-pane mode).
pub fn panes(area: Rect, focus: Pane, left: Pane) -> Panes {
    let [body, status] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let mut p = Panes {
        status,
        ..Panes::default()
    };
    if area.width >= THREE_PANES {
        let [l, o, r] = Layout::horizontal([
            Constraint::Percentage(22),
            Constraint::Percentage(30),
            Constraint::Min(20),
        ])
        .areas(body);
        p.localities = Some(l);
        p.outline = Some(o);
        p.reader = Some(r);
        return p;
    }
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
    p.tabs = Some(tabs);
    if area.width >= TWO_PANES {
        let [l, r] =
            Layout::horizontal([Constraint::Percentage(38), Constraint::Min(10)]).areas(body);
        let left = if focus == Pane::Reader { left } else { focus };
        match left {
            Pane::Localities => p.localities = Some(l),
            _ => p.outline = Some(l),
        }
        p.reader = Some(r);
    } else {
        match focus {
            Pane::Localities => p.localities = Some(body),
            Pane::Outline => p.outline = Some(body),
            Pane::Reader => p.reader = Some(body),
        }
    }
    p
}

/// Pane names, numbered by the key that focuses them, in the order the tabs line shows them.
pub const PANE_TITLES: [(Pane, &str); 3] = [
    (Pane::Localities, strings::PANE_LOCALITIES),
    (Pane::Outline, strings::PANE_OUTLINE),
    (Pane::Reader, strings::PANE_READER),
];

/// Where each name goes on the tabs line: `" name "`, then one space (as drawn).
pub fn tabs(area: Rect) -> [(Pane, Rect); 3] {
    let mut x = area.x;
    PANE_TITLES.map(|(pane, title)| {
        let width = u16::try_from(title.width() + 2).unwrap_or(u16::MAX);
        let rect = Rect::new(x, area.y, width, 1).intersection(area);
        x = x.saturating_add(width).saturating_add(1);
        (pane, rect)
    })
}

/// A pane's inside: every pane has a border on all four sides.
pub fn inner(area: Rect) -> Rect {
    area.inner(Margin::new(1, 1))
}

/// First row to show so the selected row stays in view, near the middle once the list is
/// longer than the pane (a pure function of the state, so drawing needs no scroll memory,
/// and a click can tell which row it hit).
/// The locality pane's inside split: its filter box's row (while the filter is typed in
/// or holds text) and the list below it.
pub fn locality_list(inner: Rect, boxed: bool) -> (Option<Rect>, Rect) {
    if boxed && inner.height > 1 {
        let [f, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        (Some(f), rest)
    } else {
        (None, inner)
    }
}

pub fn list_offset(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    selected.saturating_sub(height / 2).min(len - height)
}

/// The row of a list drawn in `area` from `offset`, `per_row` lines an item, at screen row
/// `y`; `None` past its last item or outside `area`.
pub fn row_at(area: Rect, offset: usize, per_row: u16, len: usize, y: u16) -> Option<usize> {
    if y < area.y || y >= area.bottom() {
        return None;
    }
    let row = offset + usize::from((y - area.y) / per_row.max(1));
    (row < len).then_some(row)
}

/// Screen rows a finder result takes (breadcrumb, snippet).
pub const FINDER_ROW: u16 = 2;
/// Screen rows a bookmark takes in the bookmarks pane (heading, quote, note and tags).
pub const BOOKMARK_ROW: u16 = 3;

/// The rectangle of the finder and the bookmarks pane: the screen less a small margin.
pub fn overlay(area: Rect) -> Rect {
    area.inner(Margin::new(
        u16::from(area.width > 60) * 2,
        u16::from(area.height > 16),
    ))
}

/// Where the parts of the finder, or of the bookmarks pane, go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlay {
    pub outer: Rect,
    /// The query or filter line.
    pub prompt: Rect,
    pub list: Rect,
    /// The preview (finder) or the selected bookmark in full (`Rect::default()` if none).
    pub detail: Rect,
}

/// The finder's parts; `None` when the screen is too small for more than its border.
pub fn finder(area: Rect) -> Option<Overlay> {
    let outer = overlay(area);
    let inside = inner(outer);
    if inside.height < 2 || inside.width < 4 {
        return None;
    }
    let [prompt, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inside);
    let [list, detail] = if body.width >= 90 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Min(10)]).areas(body)
    } else {
        Layout::vertical([Constraint::Percentage(60), Constraint::Min(0)]).areas(body)
    };
    Some(Overlay {
        outer,
        prompt,
        list,
        detail,
    })
}

/// The bookmarks pane's parts; `None` when the screen is too small for more than its
/// border. The detail shows only when the list has room left.
pub fn bookmarks(area: Rect) -> Option<Overlay> {
    let outer = overlay(area);
    let inside = inner(outer);
    if inside.height < 2 || inside.width < 4 {
        return None;
    }
    let [prompt, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inside);
    let [list, detail] = if body.height >= 16 {
        Layout::vertical([Constraint::Percentage(60), Constraint::Min(0)]).areas(body)
    } else {
        [body, Rect::default()]
    };
    Some(Overlay {
        outer,
        prompt,
        list,
        detail,
    })
}

/// The reader's text area inside its borders (the scrollbar is drawn on the right border).
pub fn reader_text(area: Rect) -> (u16, u16) {
    (
        area.width.saturating_sub(2).max(1),
        area.height.saturating_sub(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pane_counts_by_width() {
        let three = panes(Rect::new(0, 0, 120, 40), Pane::Outline, Pane::Outline);
        assert!(three.localities.is_some() && three.outline.is_some() && three.reader.is_some());
        assert!(three.tabs.is_none());
        let two = panes(Rect::new(0, 0, 80, 24), Pane::Localities, Pane::Outline);
        assert!(two.localities.is_some() && two.outline.is_none() && two.reader.is_some());
        assert!(two.tabs.is_some());
        let one = panes(Rect::new(0, 0, 40, 12), Pane::Reader, Pane::Outline);
        assert!(one.reader.is_some() && one.outline.is_none() && one.localities.is_none());
        // Degenerate sizes give empty rectangles, never a panic.
        for (w, h) in [(1, 1), (0, 0), (2, 1), (1, 3)] {
            let p = panes(Rect::new(0, 0, w, h), Pane::Reader, Pane::Outline);
            let _ = reader_text(p.reader.unwrap_or_default());
        }
    }
}
