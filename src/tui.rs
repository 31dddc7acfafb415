//! Terminal set-up and restore, and the event loop.
//!
//! One channel feeds the loop: key and resize events (from an input thread), the corpus
//! loader's progress and result (from a loader thread), and SIGTERM/SIGHUP/SIGINT (from a
//! signal thread). The loop redraws only after one of those: no ticking. Whatever ends the
//! loop (q, a signal, an error, a panic), the terminal is restored before the process exits.

use std::io::{BufWriter, IsTerminal, Read, Stdout, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use crossterm::event::{self, Event};

use crate::app::{App, session};
use crate::bookmarks::worker::{BookmarkWorker, Request};
use crate::bookmarks::{self, Store};
use crate::corpus::{self, Corpus};
use crate::search::SearchIndex;
use crate::search::worker::{SearchResults, SearchWorker};
use crate::ui::{self, Theme};

/// How the browser was asked to start.
#[derive(Debug, Clone, Default)]
pub struct BrowseOptions {
    pub corpus: Option<PathBuf>,
    /// `--bookmarks FILE`.
    pub bookmarks: Option<PathBuf>,
    pub ascii: bool,
    pub color: bool,
    /// Ignore the saved position (it is still saved on exit).
    pub fresh: bool,
}

enum Msg {
    Input(Event),
    IndexReady(Arc<SearchIndex>),
    Search(SearchResults),
    InputFailed(String),
    Progress(u64),
    Loaded(Result<Corpus, String>),
    Signal(i32),
    Bookmarks(bookmarks::worker::Event),
}

/// Is the locale able to show UTF-8? (LC_ALL, then LC_CTYPE, then LANG, as libc decides.)
pub fn locale_is_utf8() -> bool {
    let value = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default()
        .to_ascii_lowercase();
    value.contains("utf-8") || value.contains("utf8")
}

/// Read a corpus file in chunks, reporting bytes read, then parse it.
fn load_with_progress(path: &Path, tx: &Sender<Msg>) -> Result<Corpus, String> {
    let mut f =
        std::fs::File::open(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(len as usize);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f
            .read(&mut buf)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&buf[..n]);
        let _ = tx.send(Msg::Progress(bytes.len() as u64));
    }
    corpus::io::from_slice(path, &bytes).map_err(|e| e.to_string())
}

fn spawn_input(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if tx.send(Msg::Input(ev)).is_err() {
                        return;
                    }
                }
                Err(e) => {
                    let _ = tx.send(Msg::InputFailed(e.to_string()));
                    return;
                }
            }
        }
    });
}

fn spawn_signals(tx: Sender<Msg>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = tx.send(Msg::Signal(sig));
        }
    });
    Ok(())
}

/// Run the browser until the user quits. Refuses (exit 2) when stdout is not a terminal.
pub fn run(opts: BrowseOptions) -> anyhow::Result<ExitCode> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "error: the browser needs a terminal (stdin and stdout are not both a tty); \
             in scripts use `nghiquyet stats`, `localities` or `inspect`"
        );
        return Ok(ExitCode::from(2));
    }
    let mut notice = None;
    let ascii = opts.ascii || !locale_is_utf8();
    if ascii && !opts.ascii {
        notice = Some("locale is not UTF-8: ASCII mode (--ascii)".to_string());
    }
    let theme = Theme {
        color: opts.color,
        ascii,
    };
    let (tx, rx) = mpsc::channel();
    let mut app = match &opts.corpus {
        Some(path) => {
            let total = std::fs::metadata(path)
                .map(|m| m.len())
                .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?;
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let path = path.clone();
            let ltx = tx.clone();
            std::thread::spawn(move || {
                let result = load_with_progress(&path, &ltx);
                let _ = ltx.send(Msg::Loaded(result));
            });
            App::loading(&name, total, ascii)
        }
        None => App::new(
            Arc::new(crate::embedded::corpus()),
            crate::embedded::NAME,
            ascii,
        ),
    };
    app.notice = notice;
    let state = session::state_path();
    let key = session::corpus_key(opts.corpus.as_deref());
    if !opts.fresh
        && let Some(path) = &state
    {
        match session::load(path, &key) {
            Ok(pos) => app.pending_restore = pos,
            Err(e) => app.notice = Some(format!("saved position ignored: {e}")),
        }
    }
    spawn_signals(tx.clone())?;
    let bookmarks = match bookmarks::store::resolve_path(opts.bookmarks.as_deref()) {
        Ok(path) => {
            let btx = tx.clone();
            Some(BookmarkWorker::spawn(Store::new(path), move |e| {
                let _ = btx.send(Msg::Bookmarks(e));
            }))
        }
        Err(e) => {
            app.bookmarks.read_only = Some(e.to_string());
            None
        }
    };

    let mut terminal = init_terminal()?;
    // From here on the terminal is in raw mode: every way out goes through restore().
    let result = event_loop(&mut terminal, &mut app, theme, tx, rx, bookmarks.as_ref());
    restore_terminal();
    // Whatever ended the loop (q, SIGHUP, an error), the last changes reach the disk.
    // Unsaved bookmark changes make the exit a failure (unless a signal already did).
    let mut unsaved = false;
    if let Some(w) = bookmarks
        && let Err(e) = w.shutdown(std::time::Duration::from_secs(10))
    {
        eprintln!("error: {e}");
        unsaved = true;
    }
    if app.loading.is_none()
        && let Some(path) = &state
        && let Err(e) = session::save(path, &key, app.saved_position())
    {
        eprintln!(
            "warning: {}: could not save the position: {e}",
            path.display()
        );
    }
    match result {
        Ok(code) if unsaved && code == ExitCode::SUCCESS => Ok(ExitCode::FAILURE),
        other => other,
    }
}

/// The terminal, writing through a buffer as large as a frame: std's stdout flushes every
/// 1 KiB, so over a slow link a frame would arrive, and show, in pieces.
type Term = ratatui::Terminal<ratatui::backend::CrosstermBackend<BufWriter<Stdout>>>;

fn init_terminal() -> std::io::Result<Term> {
    crossterm::terminal::enable_raw_mode()?;
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout());
    if let Err(e) = crossterm::execute!(
        out,
        crossterm::terminal::EnterAlternateScreen,
        crossterm::event::EnableBracketedPaste
    ) {
        restore_terminal();
        return Err(e);
    }
    // Restore before the panic message is printed, so it lands on the normal screen.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(out))
        .inspect_err(|_| restore_terminal())
}

/// Leave raw mode and the alternate screen, show the cursor. Errors are ignored: after SIGHUP
/// the terminal may be gone, and there is nothing better to do.
fn restore_terminal() {
    let _ = crossterm::terminal::disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = crossterm::execute!(
        out,
        crossterm::event::DisableBracketedPaste,
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = out.flush();
}

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    theme: Theme,
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
    bookmarks: Option<&BookmarkWorker>,
) -> anyhow::Result<ExitCode> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    app.apply_pending_restore();
    let send_bookmarks = |app: &mut App| {
        for r in app.bookmark_requests.drain(..) {
            if let Some(w) = bookmarks {
                w.send(r);
            }
        }
    };
    if app.loading.is_none() {
        spawn_indexer(&app.corpus, tx.clone());
        app.bookmark_requests
            .push(Request::SetCorpus(Arc::clone(&app.corpus)));
    }
    send_bookmarks(app);
    spawn_input(tx.clone());
    let mut worker: Option<SearchWorker> = None;
    // A request made before the index was ready waits here.
    let mut waiting: Option<(u64, String, crate::search::Scope)> = None;
    // Debug builds only: lets the end-to-end tests provoke a panic (key `P`) to check the
    // terminal is restored and the message printed after it.
    let test_panic = cfg!(debug_assertions) && std::env::var_os("NGHIQUYET_TEST_PANIC").is_some();
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| ui::draw(f, app, theme))?;
            dirty = false;
        }
        let Ok(msg) = rx.recv() else {
            return Ok(ExitCode::SUCCESS);
        };
        match msg {
            Msg::Input(Event::Key(key)) => {
                if test_panic && key.code == crossterm::event::KeyCode::Char('P') {
                    panic!("test panic requested with NGHIQUYET_TEST_PANIC");
                }
                app.handle_key(key);
                dirty = true;
            }
            Msg::Input(Event::Paste(text)) => {
                if !app.bookmarks_paste(&text) {
                    app.finder_paste(&text);
                }
                dirty = true;
            }
            Msg::Bookmarks(e) => {
                app.on_bookmark_event(e);
                dirty = true;
            }
            Msg::IndexReady(index) => {
                let stx = tx.clone();
                let w = SearchWorker::spawn(index, Arc::clone(&app.corpus), move |r| {
                    let _ = stx.send(Msg::Search(r));
                });
                if let Some((g, q, scope)) = waiting.take() {
                    w.submit_as(g, &q, scope);
                }
                worker = Some(w);
                app.index_ready = true;
                dirty = true;
            }
            Msg::Search(results) => {
                app.on_search_results(results);
                dirty = true;
            }
            Msg::Input(Event::Resize(w, h)) => {
                app.resize(w, h);
                dirty = true;
            }
            Msg::Input(_) => {}
            Msg::InputFailed(e) => anyhow::bail!("reading the terminal failed: {e}"),
            Msg::Progress(done) => {
                if let Some(l) = app.loading.as_mut() {
                    // Redraw on whole-percent steps only: a slow link should not pay per MB.
                    let before = l.done * 100 / l.total.max(1);
                    l.done = done;
                    dirty = done * 100 / l.total.max(1) != before;
                }
            }
            Msg::Loaded(Ok(corpus)) => {
                app.set_corpus(Arc::new(corpus));
                spawn_indexer(&app.corpus, tx.clone());
                app.bookmark_requests
                    .push(Request::SetCorpus(Arc::clone(&app.corpus)));
                let s = terminal.size()?;
                app.resize(s.width, s.height);
                app.apply_pending_restore();
                dirty = true;
            }
            Msg::Loaded(Err(e)) => anyhow::bail!(e),
            Msg::Signal(sig) => {
                // Restored by the caller; 128 + n is how shells report death by signal n.
                return Ok(ExitCode::from(128 + sig as u8));
            }
        }
        send_bookmarks(app);
        if let Some((g, q, scope)) = app.search_request.take() {
            match &worker {
                Some(w) => w.submit_as(g, &q, scope),
                None => waiting = Some((g, q, scope)),
            }
        }
        if app.quit {
            return Ok(ExitCode::SUCCESS);
        }
    }
}

/// Fold every passage for search on a background thread; the finder works once it is done.
fn spawn_indexer(corpus: &Arc<Corpus>, tx: Sender<Msg>) {
    let corpus = Arc::clone(corpus);
    std::thread::spawn(move || {
        let index = SearchIndex::build(&corpus);
        let _ = tx.send(Msg::IndexReady(Arc::new(index)));
    });
}
