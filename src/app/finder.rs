//! The finder (`/`): a query box over the current scope, ranked passages, a preview; and
//! the last query's matches for `n` / `N` in the reader.
//!
//! The App never runs a search itself: it returns an [`Effect::Search`] for the event loop to
//! hand to the worker, and takes results back with `on_search_results`, dropping any whose
//! generation is not the newest. A query typed before the index is built runs when it is.

use crossterm::event::KeyEvent;

use super::input::Input;
use super::localities::Filter;
use super::outline::Node;
use super::{Action, App, Effect, Pane, strings};
use crate::corpus::PassageRef;
use crate::search::worker::{SearchRequest, SearchResults};
use crate::search::{Hit, Scope, highlight_ranges};

/// What the finder searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinderScope {
    All,
    /// The selected locality (or province).
    Locality,
    /// The article in the reader.
    Article,
}

impl FinderScope {
    pub fn label(self) -> &'static str {
        match self {
            FinderScope::All => strings::SCOPE_ALL,
            FinderScope::Locality => strings::SCOPE_LOCALITY,
            FinderScope::Article => strings::SCOPE_ARTICLE,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Finder {
    pub input: Input,
    pub scope: FinderScope,
    /// Generation of the newest request sent.
    pub generation: u64,
    pub hits: Vec<Hit>,
    pub total: usize,
    /// How many of `total` match only nearly (shown apart: "12 + 22 gần đúng").
    pub near: usize,
    /// What the search made of the words typed: acronyms, corrected typos.
    pub notes: Vec<String>,
    /// False while results are partial (or the search is still running).
    pub done: bool,
    pub selected: usize,
    pub elapsed_ms: u128,
    /// The query (spaces collapsed) and scope of the newest search asked for: typing a
    /// space, or anything else that leaves the words as they were, asks nothing new.
    pub asked: Option<(String, FinderScope)>,
}

/// The last query a jump was made from, for `n` / `N` and the reader's highlights.
#[derive(Debug, Clone)]
pub struct LastQuery {
    /// The search generation it came from (it names the query).
    pub generation: u64,
    /// Matches in document order, with the letters each matched.
    pub hits: Vec<Hit>,
    pub current: usize,
}

impl App {
    /// `/`: open the finder over the locality in view (or everything).
    pub fn open_finder(&mut self) {
        let scope = if matches!(self.localities.filter(), Filter::All) {
            FinderScope::All
        } else {
            FinderScope::Locality
        };
        self.finder = Some(Finder {
            input: Input::new(),
            scope,
            generation: self.search_generation,
            hits: Vec::new(),
            total: 0,
            near: 0,
            notes: Vec::new(),
            done: true,
            selected: 0,
            elapsed_ms: 0,
            asked: None,
        });
    }

    fn search_scope(&self, scope: FinderScope) -> Scope {
        match scope {
            FinderScope::All => Scope::All,
            // What is said about the selected places, not every section of an article
            // that also names them.
            FinderScope::Locality => match self.localities.filter() {
                Filter::All => Scope::All,
                Filter::Localities(ids) => {
                    Scope::places(&self.corpus, ids.iter().map(String::as_str))
                }
            },
            FinderScope::Article => Scope::Documents(
                self.reader
                    .doc
                    .map(|d| PassageRef::new(d, 0, 0).doc)
                    .into_iter()
                    .collect(),
            ),
        }
    }

    /// The analysis view's filter bar narrows the finder too, but not within one article.
    pub fn finder_facets(&self, scope: Scope) -> crate::analysis::facets::Facets {
        match (&self.analysis, scope) {
            (_, Scope::Documents(_)) | (None, _) => crate::analysis::facets::Facets::default(),
            (Some(a), _) => a.facets.clone(),
        }
    }

    /// Ask the search thread for the finder's query (once the index is built).
    pub(super) fn request_search(&mut self) {
        let Some(f) = &self.finder else { return };
        let text = f.input.text().to_string();
        let key = (
            text.split_whitespace().collect::<Vec<_>>().join(" "),
            f.scope,
        );
        if self.index.is_some() && f.asked.as_ref() == Some(&key) {
            return;
        }
        let scope = self.search_scope(f.scope);
        self.search_generation += 1;
        let generation = self.search_generation;
        if let Some(f) = self.finder.as_mut() {
            f.generation = generation;
            f.asked = self.index.is_some().then_some(key);
            f.done = text.trim().is_empty();
            if f.done {
                f.hits.clear();
                f.total = 0;
                f.selected = 0;
            }
        }
        if !text.trim().is_empty() && self.index.is_some() {
            self.effects.push(Effect::Search(SearchRequest {
                generation,
                query: text,
                facets: self.finder_facets(scope.clone()),
                scope,
            }));
        }
    }

    /// Results from the worker; stale ones (an older generation) are dropped.
    pub(super) fn on_search_results(&mut self, r: SearchResults) {
        let Some(f) = self.finder.as_mut() else {
            return;
        };
        if r.generation != f.generation {
            return;
        }
        f.hits = r.hits;
        f.total = r.total;
        f.near = r.near;
        f.notes = r.notes;
        f.done = r.done;
        f.elapsed_ms = r.elapsed.as_millis();
        f.selected = f.selected.min(f.hits.len().saturating_sub(1));
    }

    /// Keys while the finder is open: its actions from the keymap; other keys type.
    pub(super) fn finder_key(&mut self, action: Option<Action>, key: KeyEvent) {
        match action {
            Some(Action::Close) => self.finder = None,
            Some(Action::Open) => self.jump_to_selected(),
            Some(Action::Bookmark) => {
                let at = self
                    .finder
                    .as_ref()
                    .and_then(|f| f.hits.get(f.selected))
                    .map(|h| h.at);
                self.bookmark(at);
            }
            Some(Action::Analyze) => {
                let q = self.finder.take().map(|f| f.input.text().to_string());
                self.open_analysis(q);
            }
            Some(Action::TagHits) => self.tag_finder_hits(),
            Some(Action::Copy) => self.copy(false),
            Some(Action::CopyCitation) => self.copy(true),
            Some(Action::Down) => self.finder_move(1),
            Some(Action::Up) => self.finder_move(-1),
            Some(Action::PageDown) => self.finder_move(10),
            Some(Action::PageUp) => self.finder_move(-10),
            Some(Action::CycleFinderScope) => {
                if let Some(f) = self.finder.as_mut() {
                    f.scope = match f.scope {
                        FinderScope::All => FinderScope::Locality,
                        FinderScope::Locality => FinderScope::Article,
                        FinderScope::Article => FinderScope::All,
                    };
                }
                self.request_search();
            }
            Some(Action::ToggleTelex) => {
                if let Some(f) = self.finder.as_mut() {
                    f.input.toggle_telex();
                }
            }
            _ => {
                let changed = self
                    .finder
                    .as_mut()
                    .is_some_and(|f| f.input.handle_key(key));
                if changed {
                    self.request_search();
                }
            }
        }
    }

    /// Pasted text goes into the query box.
    pub(super) fn finder_paste(&mut self, text: &str) {
        if let Some(f) = self.finder.as_mut() {
            f.input.insert_str(text);
            self.request_search();
        }
    }

    pub(super) fn finder_move(&mut self, delta: isize) {
        if let Some(f) = self.finder.as_mut() {
            let n = f.hits.len();
            if n > 0 {
                f.selected = f.selected.saturating_add_signed(delta).min(n - 1);
            }
        }
    }

    /// Enter: close the finder and read the chosen passage, its matches highlighted.
    pub(super) fn jump_to_selected(&mut self) {
        let Some(f) = self.finder.take() else { return };
        let Some(hit) = f.hits.get(f.selected) else {
            return;
        };
        let at = hit.at;
        let slot = hit.slot;
        let mut hits = f.hits;
        hits.sort_by_key(|h| h.slot);
        let current = hits.iter().position(|h| h.slot == slot).unwrap_or(0);
        self.last_query = Some(LastQuery {
            generation: f.generation,
            hits,
            current,
        });
        self.go_to_passage(at);
    }

    /// Show a passage in the reader and the outline. When the locality filter hides it,
    /// the outline shows its article anyway, first and whole, and a notice says so and how
    /// to widen the filter.
    pub fn go_to_passage(&mut self, at: PassageRef) {
        let d = at.doc_index();
        let node = Node::Passage(at);
        self.pin_if_hidden(at);
        self.outline.reveal(&self.corpus, node);
        self.reader.open(&self.corpus, d, self.reader.width);
        self.reader.scroll_to(node);
        self.focus(Pane::Reader);
    }

    /// Pin `at`'s article to the outline when the filter hides `at` (else unpin), and say so.
    pub(super) fn pin_if_hidden(&mut self, at: PassageRef) {
        let filter = self.localities.filter();
        let hidden = !super::outline::shows(&self.corpus, at, &filter);
        let pinned = hidden.then_some(at.doc_index());
        if pinned != self.outline.pinned {
            self.outline.pinned = pinned;
            self.outline.rebuild(&self.corpus, &filter);
        }
        if hidden {
            let place = crate::bookmarks::locality_label(&self.corpus, at);
            self.notice = Some(strings::outside_filter(
                self.localities.selected_name(),
                place.as_deref(),
            ));
        }
    }

    /// `w`: show every locality, the reader where it was.
    pub fn widen_filter(&mut self) {
        if matches!(self.localities.filter(), Filter::All) {
            return;
        }
        let at = self.reader.top_node();
        self.localities.selected = 0;
        self.outline.pinned = None;
        self.outline
            .rebuild(&self.corpus, &self.localities.filter());
        if let Some(node) = at {
            self.outline.reveal(&self.corpus, node);
        }
        self.notice = None;
    }

    /// `n` / `N`: the next / previous match of the last query, in reading order.
    pub fn next_match(&mut self, forward: bool) {
        let Some(lq) = self.last_query.as_mut() else {
            self.notice = Some(strings::NO_SEARCH_YET.into());
            return;
        };
        let n = lq.hits.len();
        if n == 0 {
            return;
        }
        lq.current = if forward {
            (lq.current + 1) % n
        } else {
            (lq.current + n - 1) % n
        };
        let at = lq.hits[lq.current].at;
        self.go_to_passage(at);
    }

    /// "kết quả 3/12" for the status bar.
    pub fn match_status(&self) -> Option<String> {
        self.last_query
            .as_ref()
            .filter(|lq| !lq.hits.is_empty())
            .map(|lq| strings::match_position(lq.current + 1, lq.hits.len()))
    }
}

impl App {
    /// The letters the last query matched in the passages of the article in the reader, as
    /// char ranges per passage: worked out once when the article or the query changes, so
    /// drawing only slices them onto lines.
    pub(super) fn refresh_reader_marks(&mut self) {
        let key = self
            .reader
            .doc
            .zip(self.last_query.as_ref().map(|lq| lq.generation));
        if self.reader.marks_for == key {
            return;
        }
        self.reader.marks_for = key;
        self.reader.marks.clear();
        if let (Some(d), Some(lq)) = (self.reader.doc, &self.last_query) {
            for h in lq.hits.iter().filter(|h| h.at.doc_index() == d) {
                let text = &h.at.get(&self.corpus).text;
                self.reader
                    .marks
                    .insert(h.at, highlight_ranges(text, &h.ranges));
            }
        }
    }
}
