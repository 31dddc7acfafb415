//! The tags pane (`T`; issue 15): the codebook. Every tag, nested ones (`a/b`) under their
//! parent, with how many bookmarks carry it (a parent counts its children's, a bookmark
//! once) and its description. `e` describes, `r` renames (or merges into a tag that
//! exists), Enter lists the tag's bookmarks.

use std::collections::BTreeMap;

use super::bookmarks::{Dialog, Prompt};
use super::input::Input;
use super::{Action, App, strings};
use crate::analysis::counts::By;
use crate::bookmarks::codebook::{renamed, with_parents};
use crate::bookmarks::matrix::{Matrix, matrix};
use crate::bookmarks::{Op, parse_tags};

/// One row of the tags pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagRow {
    /// The whole tag (`kinh-tế/nhà-ở`), as first written.
    pub tag: String,
    /// How deep it nests (`a/b`: 1).
    pub depth: usize,
    /// Bookmarks with it or a tag under it.
    pub count: usize,
}

impl TagRow {
    /// The last part of the tag (the row is indented by its depth).
    pub fn leaf(&self) -> &str {
        self.tag.rsplit('/').next().unwrap_or(&self.tag)
    }
}

#[derive(Debug, Clone, Default)]
pub struct TagsPane {
    pub rows: Vec<TagRow>,
    pub selected: usize,
    /// Tags × places (`M`), shown instead of the list while it is there.
    pub matrix: Option<MatrixView>,
}

/// The tags × places matrix and its selected cell. The cursor steps through the cells that
/// hold passages, row by row.
#[derive(Debug, Clone, Default)]
pub struct MatrixView {
    pub m: Matrix,
    /// Columns: provinces, or the places themselves (`c`).
    pub by: By,
    /// The cells that hold passages (tag, place), in reading order.
    pub cells: Vec<(usize, usize)>,
    /// Index into `cells`.
    pub selected: usize,
}

impl MatrixView {
    fn of(app: &App, by: By) -> Self {
        let bm = &app.bookmarks;
        let at: Vec<_> = bm.resolved.iter().map(|r| r.at).collect();
        let m = matrix(&app.corpus, &bm.list, &at, by);
        let cells = (0..m.tags.len())
            .flat_map(|t| (0..m.places.len()).map(move |p| (t, p)))
            .filter(|&(t, p)| m.count(t, p) > 0)
            .collect();
        MatrixView {
            m,
            by,
            cells,
            selected: 0,
        }
    }

    pub fn cell(&self) -> Option<(usize, usize)> {
        self.cells.get(self.selected).copied()
    }
}

impl TagsPane {
    pub fn selected_tag(&self) -> Option<&str> {
        self.rows.get(self.selected).map(|r| r.tag.as_str())
    }
}

/// Does a bookmark's tag list hold `tag`, or a tag under it (case ignored)?
pub fn has_tag_or_under(tags: &[String], tag: &str) -> bool {
    let t = tag.to_lowercase();
    tags.iter()
        .any(|x| with_parents(&x.to_lowercase()).contains(&t))
}

/// The row of `tag`, made when it is not there yet.
fn entry<'a>(by: &'a mut BTreeMap<Vec<String>, TagRow>, tag: &str) -> &'a mut TagRow {
    let key: Vec<String> = tag.to_lowercase().split('/').map(str::to_string).collect();
    let depth = key.len().saturating_sub(1);
    by.entry(key).or_insert_with(|| TagRow {
        tag: tag.to_string(),
        depth,
        count: 0,
    })
}

/// The rows: every tag of the bookmarks and of the codebook, with its parents, ordered
/// part by part (so `a/b` comes right under `a`, before `a-c`).
pub fn tag_rows(
    bookmarks: &[crate::bookmarks::Bookmark],
    codebook: &crate::bookmarks::codebook::Codebook,
) -> Vec<TagRow> {
    let mut by: BTreeMap<Vec<String>, TagRow> = BTreeMap::new();
    for tag in codebook.tags.keys() {
        for t in with_parents(tag) {
            entry(&mut by, &t);
        }
    }
    for b in bookmarks {
        let mut seen = std::collections::HashSet::new();
        for tag in &b.tags {
            for t in with_parents(tag) {
                if seen.insert(t.to_lowercase()) {
                    entry(&mut by, &t).count += 1;
                }
            }
        }
    }
    by.into_values().collect()
}

impl App {
    /// `T`: open the tags pane.
    pub(super) fn open_tags(&mut self) {
        self.bookmarks.tags = Some(TagsPane::default());
        self.refresh_tags();
    }

    /// Recompute the tags pane's rows, keeping the selected tag selected.
    pub(super) fn refresh_tags(&mut self) {
        let bm = &mut self.bookmarks;
        let Some(pane) = bm.tags.as_mut() else { return };
        let keep = pane.selected_tag().map(str::to_lowercase);
        pane.rows = tag_rows(&bm.list, &bm.codebook);
        pane.selected = keep
            .and_then(|k| pane.rows.iter().position(|r| r.tag.to_lowercase() == k))
            .unwrap_or(pane.selected)
            .min(pane.rows.len().saturating_sub(1));
        if pane.matrix.is_some() {
            self.refresh_matrix();
        }
    }

    /// Compute the matrix again (the bookmarks changed), keeping the selected cell.
    fn refresh_matrix(&mut self) {
        let by = self
            .bookmarks
            .tags
            .as_ref()
            .and_then(|p| p.matrix.as_ref())
            .map_or(By::Province, |m| m.by);
        self.refresh_matrix_by(by);
    }

    /// Compute the matrix with columns `by`, keeping the selected cell when it is still there.
    fn refresh_matrix_by(&mut self, by: By) {
        let mut view = MatrixView::of(self, by);
        let Some(pane) = self.bookmarks.tags.as_mut() else {
            return;
        };
        if let Some(old) = &pane.matrix
            && let Some((t, p)) = old.cell()
        {
            let key = (&old.m.tags[t], &old.m.places[p]);
            view.selected = view
                .cells
                .iter()
                .position(|&(t, p)| (&view.m.tags[t], &view.m.places[p]) == key)
                .unwrap_or(old.selected)
                .min(view.cells.len().saturating_sub(1));
        }
        pane.matrix = Some(view);
    }

    /// Keys while the matrix is shown.
    fn matrix_key(&mut self, action: Action) {
        let Some(view) = self.bookmarks.tags.as_mut().and_then(|p| p.matrix.as_mut()) else {
            return;
        };
        let n = view.cells.len();
        match action {
            Action::Close | Action::Matrix => {
                if let Some(p) = self.bookmarks.tags.as_mut() {
                    p.matrix = None;
                }
            }
            Action::LevelBelow => {
                let by = if view.by == By::Province {
                    By::Locality
                } else {
                    By::Province
                };
                self.refresh_matrix_by(by);
            }
            Action::Export => {
                // The whole matrix at its level, beside the other exports (the current
                // directory, a new file).
                let format = crate::bookmarks::export::Format::Matrix(view.by);
                let dir = std::env::current_dir().unwrap_or_else(|_| ".".into());
                self.notice = Some(strings::exporting(format.extension()));
                self.effects.push(super::Effect::Bookmarks(
                    crate::bookmarks::worker::Request::Export {
                        format,
                        dir,
                        only: None,
                    },
                ));
            }
            Action::Down => view.selected = super::navigation::step(view.selected, 1, n),
            Action::Up => view.selected = super::navigation::step(view.selected, -1, n),
            Action::Open => {
                let Some((t, p)) = view.cell() else { return };
                let label = strings::cell_label(&view.m.tags[t], &view.m.places[p]);
                let rows = view.m.cells[t][p].clone();
                let list = &self.bookmarks.list;
                let ids = rows
                    .iter()
                    .filter_map(|&i| list.get(i).map(|b| b.id.clone()))
                    .collect();
                self.bookmarks.tags = None;
                self.show_bookmarks(None, Some((label, ids)));
            }
            _ => {}
        }
    }

    pub(super) fn tags_key(&mut self, action: Option<Action>) {
        let Some(pane) = self.bookmarks.tags.as_mut() else {
            return;
        };
        let Some(action) = action else { return };
        if pane.matrix.is_some() {
            self.matrix_key(action);
            return;
        }
        let n = pane.rows.len();
        let tag = pane.selected_tag().map(str::to_string);
        match action {
            Action::Close => self.bookmarks.tags = None,
            Action::Quit => self.quit(),
            Action::Help => {
                self.help = true;
                self.help_scroll = super::action::help_line_of(super::Scope::Tags);
            }
            Action::Down => pane.selected = super::navigation::step(pane.selected, 1, n),
            Action::Up => pane.selected = super::navigation::step(pane.selected, -1, n),
            Action::Matrix => self.refresh_matrix(),
            Action::Open => {
                if let Some(tag) = tag {
                    self.bookmarks.tags = None;
                    self.show_bookmarks(Some(tag), None);
                }
            }
            Action::EditBookmark => {
                if let Some(tag) = tag
                    && !self.refuse_if_read_only()
                {
                    let mut input = Input::new();
                    input.insert_str(self.bookmarks.codebook.description(&tag));
                    self.bookmarks.dialog = Some(Dialog::Prompt {
                        purpose: Prompt::Describe(tag),
                        input,
                    });
                }
            }
            Action::RenameTag => {
                if let Some(tag) = tag
                    && !self.refuse_if_read_only()
                {
                    let mut input = Input::new();
                    input.insert_str(&tag);
                    self.bookmarks.dialog = Some(Dialog::Prompt {
                        purpose: Prompt::Rename(tag),
                        input,
                    });
                }
            }
            _ => {}
        }
    }

    /// The bookmarks pane, showing only the bookmarks with `tag` (or a tag under it), or
    /// only some (a cell of the matrix: what they are, their ids).
    fn show_bookmarks(
        &mut self,
        tag: Option<String>,
        only: Option<(String, std::collections::HashSet<String>)>,
    ) {
        if self.bookmarks.pane.is_none() {
            self.open_bookmarks();
        }
        if let Some(p) = self.bookmarks.pane.as_mut() {
            p.only = only;
            p.tag = tag;
            p.selected = 0;
            p.rows.clear();
        }
        self.refresh_pane();
    }

    /// Set a tag's description (from the prompt).
    pub(super) fn describe_tag(&mut self, tag: &str, text: &str) {
        if self.refuse_if_read_only() {
            return;
        }
        let description = crate::bookmarks::clean_note(text);
        let codebook = &mut self.bookmarks.codebook;
        if description.is_empty() {
            codebook.tags.remove(tag);
        } else {
            codebook
                .tags
                .entry(tag.to_string())
                .or_default()
                .description
                .clone_from(&description);
        }
        self.notice = Some(strings::described(tag));
        self.refresh_tags();
        self.send_ops(vec![Op::Describe {
            tag: tag.to_string(),
            description,
        }]);
    }

    /// Rename a tag and those under it (from the prompt); into a tag that exists, merge.
    pub(super) fn rename_tag(&mut self, from: &str, text: &str) {
        let Ok::<[String; 1], _>([to]) = parse_tags(text).try_into() else {
            self.notice = Some(strings::ONE_TAG_NAME.into());
            return;
        };
        if to == from || self.refuse_if_read_only() {
            return;
        }
        let merges = to.to_lowercase() != from.to_lowercase()
            && self.bookmarks.tags.as_ref().is_some_and(|p| {
                p.rows
                    .iter()
                    .any(|r| r.tag.to_lowercase() == to.to_lowercase())
            });
        for b in &mut self.bookmarks.list {
            let mut tags: Vec<String> = Vec::new();
            for t in &b.tags {
                let t = renamed(t, from, &to).unwrap_or_else(|| t.clone());
                if !tags.iter().any(|x| x.to_lowercase() == t.to_lowercase()) {
                    tags.push(t);
                }
            }
            b.tags = tags;
        }
        let old = std::mem::take(&mut self.bookmarks.codebook.tags);
        for (tag, code) in old {
            let tag = renamed(&tag, from, &to).unwrap_or(tag);
            self.bookmarks.codebook.tags.entry(tag).or_insert(code);
        }
        if let Some(p) = self.bookmarks.tags.as_mut() {
            // Follow the renamed tag.
            p.rows.clear();
            p.rows.push(TagRow {
                tag: to.clone(),
                depth: 0,
                count: 0,
            });
            p.selected = 0;
        }
        self.notice = Some(strings::renamed_tag(from, &to, merges));
        self.refresh_pane();
        self.send_ops(vec![Op::RenameTag {
            from: from.to_string(),
            to,
        }]);
    }
}

#[cfg(test)]
mod tests;
