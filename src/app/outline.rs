//! The outline: article → sections → passages, flattened into visible rows.

use std::collections::HashSet;

pub mod order;

pub use order::{Order, Summary};

use super::localities::Filter;
use crate::corpus::PassageRef;
use crate::corpus::{Corpus, Document};

/// A node of the tree: indices into `corpus.documents[d].sections[s].passages[p]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    Article(usize),
    Section(usize, usize),
    Passage(PassageRef),
}

impl Node {
    pub fn doc(self) -> usize {
        match self {
            Node::Article(d) | Node::Section(d, _) => d,
            Node::Passage(at) => at.doc_index(),
        }
    }

    /// The section a section or passage node is in.
    pub fn section(self) -> Option<usize> {
        match self {
            Node::Article(_) => None,
            Node::Section(_, s) => Some(s),
            Node::Passage(at) => Some(at.section_index()),
        }
    }

    pub fn depth(self, flat: bool) -> usize {
        match self {
            Node::Article(_) => 0,
            Node::Section(..) => 1,
            Node::Passage(..) if flat => 1,
            Node::Passage(..) => 2,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub rows: Vec<Node>,
    pub selected: usize,
    expanded_docs: HashSet<usize>,
    expanded_sections: HashSet<(usize, usize)>,
    /// Documents whose single unnamed section is skipped (passages hang off the article).
    flat_docs: HashSet<usize>,
    filter: Option<Filter>,
    /// An article being read that the filter hides (a jump from the finder, a bookmark):
    /// shown whole, first, until the filter changes, so the outline always holds what the
    /// reader shows.
    pub pinned: Option<usize>,
    /// How the articles are ordered (`s`).
    pub order: Order,
    /// Every document's index in `order`, worked out once per order (empty: not yet).
    sorted: Vec<usize>,
    /// The articles the rows list, and the span of their dates.
    pub summary: Summary,
}

/// The sections of `doc` shown under a filter: those about the filtered localities when the
/// article names section subjects, else all of them.
pub fn visible_sections(doc: &Document, filter: &Filter) -> Vec<usize> {
    let about: Vec<usize> = (0..doc.sections.len())
        .filter(|&s| filter.matches_one(doc.sections[s].locality.as_deref()))
        .collect();
    if matches!(filter, Filter::All) || about.is_empty() {
        (0..doc.sections.len()).collect()
    } else {
        about
    }
}

/// Does the filter show passage `at` (its article, and its section among those shown)?
pub fn shows(corpus: &Corpus, at: PassageRef, filter: &Filter) -> bool {
    let doc = &corpus.documents[at.doc_index()];
    document_matches(doc, filter) && visible_sections(doc, filter).contains(&at.section_index())
}

pub fn document_matches(doc: &Document, filter: &Filter) -> bool {
    match filter {
        Filter::All => true,
        Filter::Localities(set) => doc.is_about(|id| set.contains(id)),
    }
}

impl Outline {
    pub fn is_flat(&self, doc: usize) -> bool {
        self.flat_docs.contains(&doc)
    }

    pub fn is_expanded(&self, node: Node) -> bool {
        match node {
            Node::Article(d) => self.expanded_docs.contains(&d),
            Node::Section(d, s) => self.expanded_sections.contains(&(d, s)),
            Node::Passage(..) => false,
        }
    }

    pub fn selected_node(&self) -> Option<Node> {
        self.rows.get(self.selected).copied()
    }

    /// Recompute the rows for a filter, keeping the selected node where it still shows.
    pub fn rebuild(&mut self, corpus: &Corpus, filter: &Filter) {
        let keep = self.selected_node();
        self.filter = Some(filter.clone());
        self.rows.clear();
        self.flat_docs.clear();
        self.summary = Summary::default();
        // (A new corpus comes with a new outline; the length check is a guard.)
        if self.sorted.len() != corpus.documents.len() {
            self.sorted = order::sorted(corpus, self.order);
        }
        let sorted = std::mem::take(&mut self.sorted);
        let pinned = self.pinned.filter(|&d| d < corpus.documents.len());
        let walk = pinned
            .into_iter()
            .chain(sorted.iter().copied().filter(|&d| Some(d) != pinned));
        for d in walk {
            let doc = &corpus.documents[d];
            let shown_whole = Some(d) == pinned;
            let matches = document_matches(doc, filter);
            if !shown_whole && !matches {
                continue;
            }
            // The span of dates is the filter's: a pinned article from elsewhere is not in it.
            if matches {
                self.summary.add(doc.date.as_deref());
            }
            self.rows.push(Node::Article(d));
            let sections = if shown_whole {
                visible_sections(doc, &Filter::All)
            } else {
                visible_sections(doc, filter)
            };
            let flat = sections.len() == 1 && {
                let s = &doc.sections[sections[0]];
                s.heading.is_none() && s.locality.is_none()
            };
            if flat {
                self.flat_docs.insert(d);
            }
            if !self.expanded_docs.contains(&d) {
                continue;
            }
            for s in sections {
                if !flat {
                    self.rows.push(Node::Section(d, s));
                    if !self.expanded_sections.contains(&(d, s)) {
                        continue;
                    }
                }
                for p in 0..doc.sections[s].passages.len() {
                    self.rows.push(Node::Passage(PassageRef::new(d, s, p)));
                }
            }
        }
        self.sorted = sorted;
        self.selected = keep
            .and_then(|k| self.position_of(k))
            .unwrap_or(0)
            .min(self.rows.len().saturating_sub(1));
    }

    /// Order the articles by `order`, the selected row staying selected.
    pub fn set_order(&mut self, corpus: &Corpus, order: Order) {
        self.order = order;
        self.sorted.clear();
        self.refresh(corpus);
    }

    /// The row of `node`, or of its nearest shown ancestor.
    pub fn position_of(&self, node: Node) -> Option<usize> {
        let exact = self.rows.iter().position(|&r| r == node);
        exact.or_else(|| match node {
            Node::Passage(at) => {
                self.position_of(Node::Section(at.doc_index(), at.section_index()))
            }
            Node::Section(d, _) => self.position_of(Node::Article(d)),
            Node::Article(_) => None,
        })
    }

    /// Move the cursor to `node` (or its nearest shown ancestor) without changing expansion.
    pub fn select_node(&mut self, node: Node) {
        if let Some(i) = self.position_of(node) {
            self.selected = i;
        }
    }

    /// Expand everything on the path to `node` so it gets its own row, and select it.
    pub fn reveal(&mut self, corpus: &Corpus, node: Node) {
        let d = node.doc();
        self.expanded_docs.insert(d);
        if let Some(s) = node.section() {
            self.expanded_sections.insert((d, s));
        }
        self.refresh(corpus);
        self.select_node(node);
    }

    fn refresh(&mut self, corpus: &Corpus) {
        let filter = self.filter.clone().unwrap_or(Filter::All);
        self.rebuild(corpus, &filter);
    }

    pub fn expand(&mut self, corpus: &Corpus) {
        let Some(node) = self.selected_node() else {
            return;
        };
        match node {
            Node::Article(d) if !self.expanded_docs.contains(&d) => {
                self.expanded_docs.insert(d);
            }
            Node::Section(d, s) if !self.expanded_sections.contains(&(d, s)) => {
                self.expanded_sections.insert((d, s));
            }
            // Already open: step into the first child.
            Node::Article(_) | Node::Section(..) => {
                if self.selected + 1 < self.rows.len()
                    && self.rows[self.selected + 1].depth(false) > node.depth(false)
                {
                    self.selected += 1;
                }
                return;
            }
            Node::Passage(..) => return,
        }
        self.refresh(corpus);
        self.select_node(node);
    }

    pub fn collapse(&mut self, corpus: &Corpus) {
        let Some(node) = self.selected_node() else {
            return;
        };
        let target = match node {
            Node::Article(d) => {
                self.expanded_docs.remove(&d);
                node
            }
            Node::Section(d, s) if self.expanded_sections.contains(&(d, s)) => {
                self.expanded_sections.remove(&(d, s));
                node
            }
            Node::Section(d, _) => Node::Article(d),
            Node::Passage(at) if self.flat_docs.contains(&at.doc_index()) => {
                Node::Article(at.doc_index())
            }
            Node::Passage(at) => Node::Section(at.doc_index(), at.section_index()),
        };
        self.refresh(corpus);
        self.select_node(target);
    }

    pub fn toggle(&mut self, corpus: &Corpus) {
        match self.selected_node() {
            Some(n @ (Node::Article(_) | Node::Section(..))) if self.is_expanded(n) => {
                self.collapse(corpus);
            }
            Some(Node::Passage(..)) => self.collapse(corpus),
            _ => self.expand(corpus),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        crate::embedded::corpus()
    }

    #[test]
    fn articles_expand_to_sections_and_passages() {
        let c = corpus();
        let mut o = Outline::default();
        o.rebuild(&c, &Filter::All);
        assert_eq!(o.rows.len(), 5);
        assert!(o.rows.iter().all(|n| matches!(n, Node::Article(_))));
        o.expand(&c);
        let d0 = &c.documents[0];
        assert_eq!(o.rows.len(), 5 + d0.sections.len());
        assert_eq!(o.rows[1], Node::Section(0, 0));
        o.expand(&c); // already open: step into the first section
        assert_eq!(o.selected_node(), Some(Node::Section(0, 0)));
        o.expand(&c);
        assert_eq!(o.rows[2], Node::Passage(PassageRef::new(0, 0, 0)));
        o.selected = 2;
        o.collapse(&c); // from a passage: to its section
        assert_eq!(o.selected_node(), Some(Node::Section(0, 0)));
        o.collapse(&c); // collapse the section
        assert!(!o.rows.contains(&Node::Passage(PassageRef::new(0, 0, 0))));
        o.collapse(&c); // to the article
        o.collapse(&c); // collapse it
        assert_eq!(o.rows.len(), 5);
    }

    #[test]
    fn an_article_without_headings_lists_its_paragraphs() {
        let c = corpus();
        let d4 = c
            .documents
            .iter()
            .position(|d| d.id.starts_with("004"))
            .unwrap();
        let mut o = Outline::default();
        o.rebuild(&c, &Filter::All);
        o.select_node(Node::Article(d4));
        o.expand(&c);
        assert!(o.is_flat(d4));
        let passages = o
            .rows
            .iter()
            .filter(|n| matches!(n, Node::Passage(at) if at.doc_index() == d4))
            .count();
        assert_eq!(passages, c.documents[d4].passage_count());
    }

    #[test]
    fn a_locality_filter_keeps_its_articles_and_sections() {
        let c = corpus();
        let hl = c
            .localities
            .iter()
            .find(|l| l.name == "Hạ Long")
            .unwrap()
            .id
            .clone();
        let f = Filter::Localities([hl.clone()].into());
        let mut o = Outline::default();
        o.rebuild(&c, &f);
        assert_eq!(o.rows.len(), 1, "only seed 003 is about Hạ Long");
        o.expand(&c);
        let sections: Vec<Node> = o.rows[1..].to_vec();
        assert_eq!(sections.len(), 1, "only its Hạ Long section");
        let Node::Section(d, s) = sections[0] else {
            panic!()
        };
        assert_eq!(
            c.documents[d].sections[s].locality.as_deref(),
            Some(hl.as_str())
        );
    }

    #[test]
    fn reveal_expands_the_path() {
        let c = corpus();
        let mut o = Outline::default();
        o.rebuild(&c, &Filter::All);
        o.reveal(&c, Node::Passage(PassageRef::new(1, 1, 0)));
        assert_eq!(
            o.selected_node(),
            Some(Node::Passage(PassageRef::new(1, 1, 0)))
        );
    }
}
