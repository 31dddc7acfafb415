//! The mouse, second to the keyboard: everything here has a key too. The wheel moves what is
//! under the pointer without taking the focus (reading the article beside the outline
//! leaves the keys where they were); a left click focuses the pane under the pointer and
//! selects the row clicked, and a click on the row already selected in the focused list
//! opens it, as Enter does. Where things are comes from `layout`, the functions drawing
//! uses, so a click lands on the row that was drawn there.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::layout::{self, BOOKMARK_ROW, FINDER_ROW, list_offset, row_at};
use super::{Action, App, Pane};

/// Rows (lines, in the reader) one notch of the wheel moves: a list's selection moves, as
/// with `j`/`k`, since a list scrolls only to keep its selection in view.
pub const WHEEL_ROWS: isize = 3;

impl App {
    /// A mouse event: a wheel notch or a left press; the rest (releases, other buttons) does
    /// nothing.
    pub(super) fn handle_mouse(&mut self, m: MouseEvent) {
        let wheel = match m.kind {
            MouseEventKind::ScrollDown => Some(WHEEL_ROWS),
            MouseEventKind::ScrollUp => Some(-WHEEL_ROWS),
            MouseEventKind::Down(MouseButton::Left) => None,
            _ => return,
        };
        if self.loading.is_some() {
            return;
        }
        let at = Position::new(m.column, m.row);
        // The topmost overlay takes the mouse, as it takes the keys (see `key_scope`).
        if self.help {
            // The wheel scrolls the help anywhere; a click does nothing (Esc closes it).
            if let Some(d) = wheel {
                let action = if d > 0 { Action::Down } else { Action::Up };
                for _ in 0..d.unsigned_abs() {
                    self.act(action);
                }
            }
        } else if self.bookmarks.dialog.is_some() {
            // The note and export dialogs are typed into: the mouse is ignored.
        } else if self.bookmarks.tags.is_some() {
            // The tags pane (over the bookmarks pane, when opened from it): the wheel moves
            // its selection; a click does nothing.
            if let Some(d) = wheel {
                let action = if d > 0 { Action::Down } else { Action::Up };
                for _ in 0..d.unsigned_abs() {
                    self.tags_key(Some(action));
                }
            }
        } else if self.bookmarks.pane.is_some() {
            self.bookmarks_mouse(at, wheel);
        } else if self.finder.is_some() {
            self.finder_mouse(at, wheel);
        } else if self.analysis_open {
            // The wheel moves through the analysis view's rows; a click does nothing there
            // (and never reaches the panes under it).
            if let Some(d) = wheel {
                let action = if d > 0 { Action::Down } else { Action::Up };
                for _ in 0..d.unsigned_abs() {
                    self.analysis_act(action);
                }
            }
        } else {
            self.panes_mouse(at, wheel);
        }
    }

    fn panes_mouse(&mut self, at: Position, wheel: Option<isize>) {
        let panes = self.panes();
        // The tabs line (when not all panes fit): a click on a name focuses that pane.
        if let Some(tabs) = panes.tabs
            && tabs.contains(at)
        {
            if wheel.is_none()
                && let Some((pane, _)) =
                    layout::tabs(tabs).into_iter().find(|(_, r)| r.contains(at))
            {
                self.focus(pane);
            }
            return;
        }
        let Some((pane, rect)) = [Pane::Localities, Pane::Outline, Pane::Reader]
            .into_iter()
            .find_map(|p| panes.get(p).filter(|r| r.contains(at)).map(|r| (p, r)))
        else {
            return;
        };
        match wheel {
            Some(delta) => {
                // `move_by` moves the focused pane: borrow the focus for one move.
                let focus = self.focus;
                self.focus = pane;
                self.move_by(delta);
                self.focus = focus;
            }
            None => self.click_pane(pane, rect, at),
        }
    }

    /// Focus `pane` (drawn at `rect`) and select the row at `at`. Focusing never changes
    /// which panes show: the one clicked is already on screen, beside the same neighbour.
    fn click_pane(&mut self, pane: Pane, rect: Rect, at: Position) {
        let was_focused = self.focus == pane;
        if !was_focused {
            self.focus(pane);
        }
        let inner = layout::inner(rect);
        if !inner.contains(at) {
            return;
        }
        let height = usize::from(inner.height);
        match pane {
            Pane::Localities => {
                // Below the filter box when it shows (the same split the pane is drawn with).
                let l = &self.localities;
                let boxed = l.filtering || !l.query.text().is_empty();
                let (_, list) = layout::locality_list(inner, boxed);
                let n = self.localities.rows.len();
                let offset = list_offset(self.localities.selected, n, usize::from(list.height));
                if let Some(row) = row_at(list, offset, 1, n, at.y)
                    && row != self.localities.selected
                {
                    self.localities.selected = row;
                    self.apply_filter();
                }
            }
            Pane::Outline => {
                let n = self.outline.rows.len();
                let offset = list_offset(self.outline.selected, n, height);
                match row_at(inner, offset, 1, n, at.y) {
                    Some(row) if row == self.outline.selected && was_focused => self.open(),
                    Some(row) => {
                        self.outline.selected = row;
                        self.follow_outline();
                    }
                    None => {}
                }
            }
            // The reader has no rows to select: focusing it is all.
            Pane::Reader => {}
        }
    }

    fn finder_mouse(&mut self, at: Position, wheel: Option<isize>) {
        let Some(parts) = layout::finder(self.size) else {
            return;
        };
        if let Some(delta) = wheel {
            if parts.outer.contains(at) {
                self.finder_move(delta);
            }
            return;
        }
        let Some(f) = self.finder.as_mut() else {
            return;
        };
        let n = f.hits.len();
        let rows = usize::from(parts.list.height / FINDER_ROW);
        let offset = list_offset(f.selected, n, rows);
        if !parts.list.contains(at) {
            return;
        }
        match row_at(parts.list, offset, FINDER_ROW, n, at.y) {
            Some(row) if row == f.selected => self.jump_to_selected(),
            Some(row) => f.selected = row,
            None => {}
        }
    }

    fn bookmarks_mouse(&mut self, at: Position, wheel: Option<isize>) {
        let Some(parts) = layout::bookmarks(self.size) else {
            return;
        };
        if let Some(delta) = wheel {
            if parts.outer.contains(at) {
                self.pane_move(delta);
            }
            return;
        }
        let Some(p) = self.bookmarks.pane.as_mut() else {
            return;
        };
        let n = p.rows.len();
        let rows = usize::from(parts.list.height / BOOKMARK_ROW);
        let offset = list_offset(p.selected, n, rows);
        if !parts.list.contains(at) {
            return;
        }
        let Some(row) = row_at(parts.list, offset, BOOKMARK_ROW, n, at.y) else {
            return;
        };
        // A click in the list ends typing in the filter (which stays), as Enter does.
        let was_filtering = std::mem::replace(&mut p.filtering, false);
        if row == p.selected && !was_filtering {
            self.jump_to_bookmark();
        } else {
            p.selected = row;
        }
    }
}

#[cfg(test)]
#[path = "mouse_tests.rs"]
mod tests;
