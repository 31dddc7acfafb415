//! The bookmarks pane (`'`, `m`): the list, its filter box, sorting, deleting and undoing,
//! and jumping to a bookmark.

use crossterm::event::KeyEvent;

use super::{NoteTarget, Sort};
use crate::app::input::Input;
use crate::app::{Action, App, Scope as KeyScope, strings};
use crate::bookmarks::Op;

impl App {
    /// Keys while the bookmarks pane is open (`scope`: the list, or its filter box).
    pub(in crate::app) fn bookmarks_key(
        &mut self,
        scope: KeyScope,
        action: Option<Action>,
        key: KeyEvent,
    ) {
        if scope == KeyScope::BookmarkFilter {
            match action {
                Some(Action::ClearFilter) => {
                    if let Some(p) = self.bookmarks.pane.as_mut() {
                        p.filtering = false;
                        p.filter = Input::new();
                    }
                    self.refresh_pane();
                }
                Some(Action::EndFilter) => {
                    if let Some(p) = self.bookmarks.pane.as_mut() {
                        p.filtering = false;
                    }
                }
                Some(Action::ToggleTelex) => {
                    if let Some(p) = self.bookmarks.pane.as_mut() {
                        p.filter.toggle_telex();
                    }
                }
                _ => {
                    let changed = self
                        .bookmarks
                        .pane
                        .as_mut()
                        .is_some_and(|p| p.filter.handle_key(key));
                    if changed {
                        if let Some(p) = self.bookmarks.pane.as_mut() {
                            p.selected = 0;
                        }
                        self.refresh_pane();
                    }
                }
            }
            return;
        }
        let Some(a) = action else {
            return;
        };
        let page = 5;
        match a {
            Action::Close => self.bookmarks.pane = None,
            Action::Quit => self.quit(),
            Action::Help => {
                self.help = true;
                self.help_scroll = 0;
            }
            Action::Down => self.pane_move(1),
            Action::Up => self.pane_move(-1),
            Action::PageDown => self.pane_move(page),
            Action::PageUp => self.pane_move(-page),
            Action::Top => self.pane_move(isize::MIN / 2),
            Action::Bottom => self.pane_move(isize::MAX / 2),
            Action::FilterBookmarks => {
                if let Some(p) = self.bookmarks.pane.as_mut() {
                    p.filtering = true;
                }
            }
            Action::Open => self.jump_to_bookmark(),
            Action::EditBookmark => {
                if let Some(i) = self.bookmarks.selected()
                    && !self.refuse_if_read_only()
                {
                    self.open_note_dialog(NoteTarget::Edit(self.bookmarks.list[i].id.clone()));
                }
            }
            Action::DeleteBookmark => self.delete_selected(),
            Action::Undo => self.undo(),
            Action::Tags => self.open_tags(),
            Action::SortBookmarks => {
                if let Some(p) = self.bookmarks.pane.as_mut() {
                    p.sort = match p.sort {
                        Sort::Added => Sort::Article,
                        Sort::Article => Sort::Added,
                    };
                }
                self.refresh_pane();
            }
            Action::Export => self.open_export(),
            Action::Copy => self.copy(false),
            Action::CopyCitation => self.copy(true),
            _ => {}
        }
    }

    pub(in crate::app) fn pane_move(&mut self, delta: isize) {
        if let Some(p) = self.bookmarks.pane.as_mut() {
            p.selected = crate::app::navigation::step(p.selected, delta, p.rows.len());
        }
    }

    pub(in crate::app) fn jump_to_bookmark(&mut self) {
        let Some(i) = self.bookmarks.selected() else {
            return;
        };
        match self.bookmarks.resolved.get(i).and_then(|r| r.at) {
            Some(at) => {
                self.bookmarks.pane = None;
                self.go_to_passage(at);
            }
            None => {
                self.notice = Some(strings::ORPHAN_CANNOT_OPEN.into());
            }
        }
    }

    pub(super) fn delete_selected(&mut self) {
        let Some(i) = self.bookmarks.selected() else {
            return;
        };
        if self.refuse_if_read_only() {
            return;
        }
        let b = self.bookmarks.list.remove(i);
        let res = self.bookmarks.resolved.remove(i);
        self.bookmarks.refresh_marked();
        self.notice = Some(strings::deleted(&b.id));
        let id = b.id.clone();
        self.bookmarks
            .undo
            .push(super::Undo::Deleted(Box::new(b), res));
        // Rows index the list as it was: rebuild them, the cursor staying at its row.
        let row = self.bookmarks.pane.as_mut().map(|p| {
            p.rows.clear();
            p.selected
        });
        self.refresh_pane();
        if let (Some(p), Some(row)) = (self.bookmarks.pane.as_mut(), row) {
            p.selected = row.min(p.rows.len().saturating_sub(1));
        }
        self.send_ops(vec![Op::Remove(id)]);
    }

    /// `u`: take back the last deletion or bulk tagging.
    pub(in crate::app) fn undo(&mut self) {
        match self.bookmarks.undo.pop() {
            None => self.notice = Some(strings::NOTHING_TO_UNDO.into()),
            Some(super::Undo::Deleted(b, res)) => self.undo_delete(*b, res),
            Some(super::Undo::Tagged { tag, added, tagged }) => {
                if !self.refuse_if_read_only() {
                    self.undo_tagging(&tag, &added, &tagged);
                }
            }
        }
    }

    fn undo_delete(&mut self, b: crate::bookmarks::Bookmark, res: crate::bookmarks::Resolution) {
        self.notice = Some(strings::restored(&b.id));
        self.bookmarks.list.push(b.clone());
        self.bookmarks.resolved.push(res);
        self.bookmarks.refresh_marked();
        self.refresh_pane();
        if let Some(p) = self.bookmarks.pane.as_mut()
            && let Some(pos) = p
                .rows
                .iter()
                .position(|&i| i + 1 == self.bookmarks.list.len())
        {
            p.selected = pos;
        }
        self.send_ops(vec![Op::Add(Box::new(b))]);
    }
}
