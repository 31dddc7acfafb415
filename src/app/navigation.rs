//! Moving around the panes: focus, cursor moves, opening, and keeping the outline and the
//! reader on the same node.

use super::localities;
use super::outline::{self, Node};
use super::{App, Pane};

impl App {
    pub(super) fn focus(&mut self, pane: Pane) {
        self.focus = pane;
        if pane != Pane::Reader {
            self.left = pane;
        }
        // Which panes show (and so the reader's width) can depend on the focus.
        self.relayout();
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        match self.focus {
            Pane::Localities => {
                let n = self.localities.rows.len();
                let new = step(self.localities.selected, delta, n);
                if new != self.localities.selected {
                    self.localities.selected = new;
                    self.apply_filter();
                }
            }
            Pane::Outline => {
                let n = self.outline.rows.len();
                self.outline.selected = step(self.outline.selected, delta, n);
                self.follow_outline();
            }
            Pane::Reader => {
                self.reader.scroll_by(delta);
                self.follow_reader();
            }
        }
    }

    /// The locality selection changed: filter the outline and show its first article.
    pub(super) fn apply_filter(&mut self) {
        self.outline.pinned = None;
        self.outline
            .rebuild(&self.corpus, &self.localities.filter());
        self.outline.selected = 0;
        self.follow_outline();
    }

    pub(super) fn open(&mut self) {
        match self.focus {
            Pane::Localities => self.focus(Pane::Outline),
            Pane::Outline => {
                let Some(node) = self.outline.selected_node() else {
                    return;
                };
                if let Node::Article(d) = node {
                    // Open the article at its first section shown under the filter.
                    let filter = self.localities.filter();
                    let first = outline::visible_sections(&self.corpus.documents[d], &filter)
                        .first()
                        .copied();
                    self.outline.reveal(&self.corpus, node);
                    self.show(node);
                    if let Some(s) = first
                        && !matches!(filter, localities::Filter::All)
                    {
                        self.reader.scroll_to(Node::Section(d, s));
                    }
                } else {
                    self.show(node);
                }
                self.focus(Pane::Reader);
            }
            Pane::Reader => {}
        }
    }

    pub(super) fn show(&mut self, node: Node) {
        self.reader
            .open(&self.corpus, node.doc(), self.reader.width);
        match node {
            Node::Article(_) => self.reader.scroll = 0,
            _ => self.reader.scroll_to(node),
        }
    }

    /// The outline cursor moved: the reader shows that node.
    pub(super) fn follow_outline(&mut self) {
        if let Some(node) = self.outline.selected_node() {
            let filter = self.localities.filter();
            self.show(node);
            if let Node::Article(d) = node
                && !matches!(filter, localities::Filter::All)
                && let Some(&s) =
                    outline::visible_sections(&self.corpus.documents[d], &filter).first()
            {
                self.reader.scroll_to(Node::Section(d, s));
            }
        } else {
            self.reader.doc = None;
            self.reader.lines.clear();
        }
    }

    /// The reader scrolled: the outline cursor follows the passage at the top.
    pub(super) fn follow_reader(&mut self) {
        if let Some(node) = self.reader.top_node() {
            self.outline.select_node(node);
        }
    }

    /// "Hạ Long › Tạo khí thế … › §3": where the user is. An article the filter hides
    /// (pinned to the outline) is named by its own place, not the filter's.
    pub fn breadcrumb(&self) -> Vec<String> {
        let pinned = self.reader.doc.is_some() && self.reader.doc == self.outline.pinned;
        let place = self.reader.top_node().filter(|_| pinned).and_then(|node| {
            let at = match node {
                Node::Passage(at) => at,
                Node::Section(d, s) => crate::corpus::PassageRef::new(d, s, 0),
                Node::Article(d) => crate::corpus::PassageRef::new(d, 0, 0),
            };
            crate::bookmarks::locality_label(&self.corpus, at)
        });
        let mut parts = vec![place.unwrap_or_else(|| self.localities.selected_name().to_string())];
        if let Some(d) = self.reader.doc {
            let doc = &self.corpus.documents[d];
            parts.push(doc.title.clone());
            if let Some(s) = self.reader.top_node().and_then(Node::section) {
                let label = self
                    .corpus
                    .section_label(d, s)
                    .unwrap_or_else(|| format!("§{}", s + 1));
                parts.push(label);
            }
        }
        parts
    }
}

/// Move `current` by `delta` within `0..len`.
pub(crate) fn step(current: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    current.saturating_add_signed(delta).min(len - 1)
}
