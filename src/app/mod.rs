//! Application state and its one update path: [`Event`] → [`App::update`] → state, and the
//! [`Effect`]s for the event loop to carry out. Keys become an [`Action`] through the one
//! keymap first. Drawing (in `ui`) only reads the state.

pub mod action;
pub mod analysis;
pub mod bookmarks;
pub mod clipboard;
pub mod coding;
pub mod event;
pub mod finder;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod localities;
mod mouse;
mod navigation;
pub mod outline;
pub mod reader;
pub mod session;
pub mod strings;
pub mod tags;

use std::sync::Arc;

use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use serde::{Deserialize, Serialize};

pub use action::{Action, Scope};
pub use event::{Effect, Event};
use localities::LocalityList;
use outline::Outline;
use reader::Reader;

use crate::corpus::Corpus;
use crate::search::SearchIndex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pane {
    Localities,
    Outline,
    Reader,
}

impl Pane {
    pub fn scope(self) -> Scope {
        match self {
            Pane::Localities => Scope::Localities,
            Pane::Outline => Scope::Outline,
            Pane::Reader => Scope::Reader,
        }
    }

    fn next(self) -> Pane {
        match self {
            Pane::Localities => Pane::Outline,
            Pane::Outline => Pane::Reader,
            Pane::Reader => Pane::Localities,
        }
    }

    fn prev(self) -> Pane {
        self.next().next()
    }
}

/// Progress of a corpus loading in the background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    pub done: u64,
    pub total: u64,
}

#[derive(Debug)]
pub struct App {
    pub corpus: Arc<Corpus>,
    /// Name shown for the corpus (file name or "embedded").
    pub corpus_name: String,
    pub loading: Option<Loading>,
    pub focus: Pane,
    /// The last focused of localities/outline: shown beside the reader when two panes fit.
    pub left: Pane,
    pub localities: LocalityList,
    pub outline: Outline,
    pub reader: Reader,
    pub help: bool,
    /// First line of the help shown (it is longer than small terminals).
    pub help_scroll: usize,
    pub size: Rect,
    /// A one-line message for the status bar (e.g. why a saved position was ignored).
    pub notice: Option<String>,
    pub ascii: bool,
    /// A saved position to go back to once the corpus is loaded and the size known.
    pub pending_restore: Option<session::SavedPosition>,
    /// The finder overlay, when open.
    pub finder: Option<finder::Finder>,
    /// The analysis view's state (kept when it closes, so `a` returns to it).
    pub analysis: Option<analysis::Analysis>,
    pub analysis_open: bool,
    /// The query `n` / `N` step through.
    pub last_query: Option<finder::LastQuery>,
    /// Generation of the newest search asked for.
    pub search_generation: u64,
    /// The search index of the corpus, once built (searches run then).
    pub index: Option<Arc<SearchIndex>>,
    /// Bookmarks, their pane and dialogs.
    pub bookmarks: bookmarks::Bookmarks,
    /// Syndicated copies of each copied document (`Corpus::copies`): search shows the
    /// first and names the others.
    pub copies: std::collections::HashMap<usize, Vec<usize>>,
    /// Whether `y` may copy through OSC 52 (the event loop sets it from `TERM` and `--osc52`).
    pub osc52: clipboard::Osc52,
    /// What the current update asks of the event loop; [`App::update`] hands it over.
    effects: Vec<Effect>,
    /// Unit tests only: every effect the test helpers' updates returned, in order.
    #[cfg(test)]
    pub(crate) sent: Vec<Effect>,
}

impl App {
    pub fn new(corpus: Arc<Corpus>, corpus_name: &str, ascii: bool) -> Self {
        let mut app = App {
            corpus: Arc::new(Corpus::default()),
            corpus_name: corpus_name.to_string(),
            loading: None,
            focus: Pane::Localities,
            left: Pane::Localities,
            localities: LocalityList::default(),
            outline: Outline::default(),
            reader: Reader::default(),
            help: false,
            help_scroll: 0,
            size: Rect::default(),
            notice: None,
            ascii,
            pending_restore: None,
            finder: None,
            last_query: None,
            analysis: None,
            analysis_open: false,
            search_generation: 0,
            index: None,
            bookmarks: bookmarks::Bookmarks::default(),
            copies: std::collections::HashMap::new(),
            osc52: clipboard::Osc52::On,
            effects: Vec::new(),
            #[cfg(test)]
            sent: Vec::new(),
        };
        app.set_corpus(corpus);
        app
    }

    /// An app whose corpus is still loading in the background.
    pub fn loading(corpus_name: &str, total: u64, ascii: bool) -> Self {
        let mut app = App::new(Arc::new(Corpus::default()), corpus_name, ascii);
        app.loading = Some(Loading { done: 0, total });
        app
    }

    /// The background load finished (or a new corpus replaces the current one).
    pub fn set_corpus(&mut self, corpus: Arc<Corpus>) {
        self.corpus = corpus;
        self.copies = self.corpus.copies();
        self.loading = None;
        self.index = None;
        self.localities = LocalityList::new(&self.corpus, self.localities.by_2025);
        // The chosen order of articles outlives the corpus (`s` while a corpus loads).
        let order = self.outline.order;
        self.outline = Outline::default();
        self.outline.order = order;
        self.outline
            .rebuild(&self.corpus, &self.localities.filter());
        self.reader.doc = None;
        self.reader.lines.clear();
        self.finder = None;
        self.last_query = None;
        self.analysis = None;
        self.analysis_open = false;
        // Positions belong to the old corpus; the bookmark thread resolves them again.
        self.bookmarks.resolved.clear();
        self.bookmarks.marked.clear();
        self.bookmarks.marked_in.clear();
        self.bookmarks.pane = None;
        self.bookmarks.dialog = None;
        self.bookmarks.tags = None;
        self.bookmarks.undo.clear();
        self.follow_outline();
    }

    fn panes(&self) -> layout::Panes {
        layout::panes(self.size, self.focus, self.left)
    }

    /// The one place state changes: handle `event`, and return what the event loop must do.
    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Key(key) => self.handle_key(key),
            Event::Mouse(m) => self.handle_mouse(m),
            Event::Paste(text) => {
                if !self.bookmarks_paste(&text) && !self.analysis_paste(&text) {
                    self.finder_paste(&text);
                }
            }
            Event::Resize(w, h) => {
                self.resize(w, h);
                self.apply_pending_restore();
            }
            Event::SearchResults(r) => self.on_search_results(r),
            Event::AnalysisResults(r) => self.on_analysis_results(r),
            Event::Bookmarks(e) => self.on_bookmark_event(e),
            Event::IndexReady { corpus, index } => {
                // Only the index of the corpus shown counts (a newer one may be loading).
                if Arc::ptr_eq(&corpus, &self.corpus) {
                    self.index = Some(index);
                    // A query typed while the index was being built runs now.
                    if self.finder.is_some() {
                        self.request_search();
                    }
                    if self.analysis_open {
                        self.request_analysis();
                    }
                }
            }
            Event::LoadProgress(done) => {
                if let Some(l) = self.loading.as_mut() {
                    l.done = done;
                }
            }
            Event::Loaded(corpus) => {
                self.set_corpus(corpus);
                self.relayout();
                self.effects
                    .push(Effect::BuildIndex(Arc::clone(&self.corpus)));
                self.effects.push(Effect::Bookmarks(
                    crate::bookmarks::worker::Request::SetCorpus(Arc::clone(&self.corpus)),
                ));
                self.apply_pending_restore();
            }
        }
        self.refresh_reader_marks();
        std::mem::take(&mut self.effects)
    }

    /// Ask the event loop to end the program.
    fn quit(&mut self) {
        self.effects.push(Effect::Quit);
    }

    /// Apply the saved position, if any, once the corpus is there and the size known.
    fn apply_pending_restore(&mut self) {
        if self.loading.is_none()
            && self.size.width > 0
            && let Some(pos) = self.pending_restore.take()
        {
            self.restore(&pos);
        }
    }

    /// The terminal was resized (also called once before the first draw).
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = Rect::new(0, 0, width, height);
        self.relayout();
    }

    /// Lay the reader out for the width it is drawn at now.
    fn relayout(&mut self) {
        let area = self.panes().reader.unwrap_or(Rect::new(0, 0, 80, 24));
        let (w, h) = layout::reader_text(area);
        self.reader.resize(&self.corpus, w, h);
        if self.reader.doc.is_none() {
            self.reader.width = w;
        }
    }

    fn page(&self) -> usize {
        let h = match self.focus {
            Pane::Reader => usize::from(self.reader.height),
            _ => self
                .panes()
                .get(self.focus)
                .map_or(10, |r| usize::from(r.height.saturating_sub(2))),
        };
        h.max(1)
    }

    /// Handle a key press.
    fn handle_key(&mut self, key: KeyEvent) {
        // Keys that act the same in every mode (Ctrl-c, Ctrl-z), handled once here.
        match action::action_for(key, Scope::Anywhere) {
            Some(Action::Quit) => return self.quit(),
            Some(Action::Suspend) => return self.effects.push(Effect::Suspend),
            _ => {}
        }
        // The help is modal too, but moves with the panes' keys (see `act`).
        let scope = self.key_scope();
        let action = action::action_for(key, scope);
        match scope {
            Scope::NoteDialog | Scope::ExportDialog => self.dialog_key(action, key),
            Scope::Tags => self.tags_key(action),
            Scope::Bookmarks | Scope::BookmarkFilter => self.bookmarks_key(scope, action, key),
            Scope::LocalityFilter => self.locality_filter_key(action, key),
            Scope::Finder => self.finder_key(action, key),
            Scope::Analysis | Scope::AnalysisQuery | Scope::AnalysisFacets => {
                self.analysis_key(scope, action, key);
            }
            _ => {
                if let Some(action) = action {
                    self.act(action);
                }
            }
        }
    }

    /// Which keys are in effect now: those of the topmost dialog or overlay, else the
    /// focused pane's.
    pub fn key_scope(&self) -> Scope {
        if self.help {
            return self.focus.scope();
        }
        match &self.bookmarks.dialog {
            // A prompt takes the note dialog's keys (Enter, Esc, Ctrl-t; the rest types).
            Some(bookmarks::Dialog::Note { .. } | bookmarks::Dialog::Prompt { .. }) => {
                return Scope::NoteDialog;
            }
            Some(bookmarks::Dialog::Export { .. }) => return Scope::ExportDialog,
            None => {}
        }
        if self.bookmarks.tags.is_some() {
            return Scope::Tags;
        }
        if let Some(p) = &self.bookmarks.pane {
            return if p.filtering {
                Scope::BookmarkFilter
            } else {
                Scope::Bookmarks
            };
        }
        if self.finder.is_some() {
            return Scope::Finder;
        }
        if self.analysis_open
            && let Some(a) = &self.analysis
        {
            return if a.editing {
                Scope::AnalysisQuery
            } else if a.facet.is_some() {
                Scope::AnalysisFacets
            } else {
                Scope::Analysis
            };
        }
        if self.focus == Pane::Localities && self.localities.filtering {
            return Scope::LocalityFilter;
        }
        self.focus.scope()
    }

    /// Do what the user asked for in the panes (overlays handle their own actions).
    pub fn act(&mut self, action: Action) {
        if self.help {
            // The overlay is modal: it closes on Esc or ?, and q still quits.
            match action {
                Action::DismissNotice | Action::Close | Action::Help => self.help = false,
                Action::Down => self.help_scroll += 1,
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Action::PageDown | Action::HalfPageDown => self.help_scroll += 10,
                Action::PageUp | Action::HalfPageUp => {
                    self.help_scroll = self.help_scroll.saturating_sub(10);
                }
                Action::Bottom => self.help_scroll = usize::MAX,
                Action::Top => self.help_scroll = 0,
                Action::Quit => self.quit(),
                _ => {}
            }
            // The help is drawn one line per binding (never wrapped) in a box as tall as it
            // fits: so its last screenful is known here.
            let total = action::help_lines();
            let rows = (total + 2)
                .min(usize::from(self.size.height))
                .saturating_sub(2);
            self.help_scroll = self.help_scroll.min(total.saturating_sub(rows));
            if !self.help {
                self.help_scroll = 0;
            }
            return;
        }
        let page = isize::try_from(self.page()).unwrap_or(isize::MAX);
        match action {
            Action::Quit => self.quit(),
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Help => {
                self.help = true;
                self.help_scroll = 0;
            }
            Action::DismissNotice => {
                if self.notice.take().is_none() {
                    self.back_to_analysis();
                }
            }
            Action::FocusNext => self.focus(self.focus.next()),
            Action::FocusPrev => self.focus(self.focus.prev()),
            Action::FocusLocalities => self.focus(Pane::Localities),
            Action::FocusOutline => self.focus(Pane::Outline),
            Action::FocusReader => self.focus(Pane::Reader),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::HalfPageUp => self.move_by(-(page / 2).max(1)),
            Action::HalfPageDown => self.move_by((page / 2).max(1)),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Open => self.open(),
            Action::Toggle | Action::Expand | Action::Collapse
                if self.focus == Pane::Localities =>
            {
                let open = match action {
                    Action::Expand => Some(true),
                    Action::Collapse => Some(false),
                    _ => None,
                };
                let before = self.localities.filter();
                self.localities.toggle_branch(&self.corpus, open);
                if self.localities.filter() != before {
                    self.apply_filter();
                }
            }
            Action::Toggle | Action::Expand | Action::Collapse => {
                if self.focus == Pane::Outline {
                    match action {
                        Action::Toggle => self.outline.toggle(&self.corpus),
                        Action::Expand => self.outline.expand(&self.corpus),
                        _ => self.outline.collapse(&self.corpus),
                    }
                    self.follow_outline();
                }
            }
            Action::ToggleGrouping => {
                self.localities.by_2025 = !self.localities.by_2025;
                self.localities.rebuild(&self.corpus);
            }
            Action::SortOutline => {
                if self.focus == Pane::Outline {
                    let order = self.outline.order.next();
                    self.outline.set_order(&self.corpus, order);
                }
            }
            Action::Find => self.open_finder(),
            Action::WidenFilter => self.widen_filter(),
            Action::FilterLocalities => self.localities.filtering = true,
            Action::SortLocalities => self.sort_localities(),
            Action::NextMatch => self.next_match(true),
            Action::PrevMatch => self.next_match(false),
            Action::Bookmark => self.bookmark(self.current_passage()),
            Action::BookmarkNote => self.bookmark_with_note(self.current_passage()),
            Action::Bookmarks => self.open_bookmarks(),
            Action::Export => self.open_export(),
            Action::Copy => self.copy(false),
            Action::CopyCitation => self.copy(true),
            Action::Analyze => self.open_analysis(None),
            Action::Tags => self.open_tags(),
            Action::SideBySide => self.pick_place_for_columns(),
            // Keys of the overlays and dialogs only.
            Action::Close
            | Action::EditBookmark
            | Action::DeleteBookmark
            | Action::Undo
            | Action::SortBookmarks
            | Action::CycleFinderScope
            | Action::FilterBookmarks
            | Action::ToggleTelex
            | Action::EndFilter
            | Action::ClearFilter
            | Action::SaveNote
            | Action::NextField
            | Action::ExportChosen
            | Action::ExportMarkdown
            | Action::ExportCsv
            | Action::ExportJson
            | Action::ExportQdpx
            | Action::ExportCodebook
            | Action::ExportAll
            | Action::Widen
            | Action::EditQuery
            | Action::Facets
            | Action::NextView
            | Action::PrevView
            | Action::LevelBelow
            | Action::SortAnalysis
            | Action::ReverseSort
            | Action::MarkAll
            | Action::TagHits
            | Action::RenameTag
            | Action::Matrix => {}
        }
    }
}

#[cfg(test)]
mod dates_tests;
#[cfg(test)]
mod jump_tests;
mod locality_keys;
#[cfg(test)]
mod locality_tests;
#[cfg(test)]
mod scope_tests;
#[cfg(test)]
mod tests;
