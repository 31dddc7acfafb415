//! What happens to the browser ([`Event`]) and what it asks the outside world to do
//! ([`Effect`]). [`App::update`](super::App::update) is the only way in: the event loop
//! (`tui.rs`) turns terminal input and worker messages into events, and carries out the
//! effects that come back. The app itself never touches a thread, a file or the terminal.

use std::sync::Arc;

use crossterm::event::{KeyEvent, MouseEvent};

use crate::bookmarks::worker::{self, Request};
use crate::corpus::Corpus;
use crate::search::SearchIndex;
use crate::search::worker::{SearchRequest, SearchResults};

#[derive(Debug)]
pub enum Event {
    Key(KeyEvent),
    /// A press, release or wheel notch (only without `--no-mouse`).
    Mouse(MouseEvent),
    /// Bracketed paste: the text as the terminal sent it.
    Paste(String),
    /// The terminal's size (also sent once before the first frame).
    Resize(u16, u16),
    /// A batch of results from the search thread (possibly stale: the app checks).
    SearchResults(SearchResults),
    /// A fact from the bookmark thread.
    Bookmarks(worker::Event),
    /// The search index of `corpus` is built.
    IndexReady {
        corpus: Arc<Corpus>,
        index: Arc<SearchIndex>,
    },
    /// Results from the analysis thread (possibly stale: the app checks).
    AnalysisResults(Box<crate::analysis::worker::Results>),
    /// Bytes of the corpus file read so far.
    LoadProgress(u64),
    /// The corpus is loaded (also the embedded one, at start).
    Loaded(Arc<Corpus>),
}

#[derive(Debug)]
pub enum Effect {
    /// Run a search on the search thread.
    Search(SearchRequest),
    /// Work for the analysis thread.
    Analyze(crate::analysis::worker::Request),
    /// Work for the bookmark thread.
    Bookmarks(Request),
    /// Build the search index of this corpus (then send [`Event::IndexReady`]).
    BuildIndex(Arc<Corpus>),
    /// Put this text on the user's clipboard (OSC 52, already capped: see `app::clipboard`).
    Copy(String),
    /// Suspend the process (Ctrl-z): restore the terminal, stop, and redraw all on `fg`.
    Suspend,
    Quit,
}
