//! Where the panes go for a terminal size. Used both by `App` (the reader lays out text for
//! the width it will be drawn at) and by drawing, so the two always agree.

use ratatui::layout::{Constraint, Layout, Rect};

use super::Pane;

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
