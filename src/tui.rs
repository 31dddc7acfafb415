//! Terminal set-up and restore, and the event loop.
//!
//! One channel feeds the loop: key and resize events (from an input thread), the corpus
//! loader's progress and result (from a loader thread), and SIGTERM/SIGHUP/SIGINT (from a
//! signal thread). The loop redraws only after one of those: no ticking. Whatever ends the
//! loop (q, a signal, a dead terminal, an error, a panic), the way out is the same:
//! 1. the input thread stops reading the terminal (so it eats none of the shell's input);
//! 2. the terminal is restored;
//! 3. re-anchoring bookmarks is cancelled at once, and pending bookmark saves get a short,
//!    bounded time; what could not be saved is printed as JSON (exit status 1);
//! 4. the reading position is saved, if it changed;
//! 5. the process exits without freeing the corpus piece by piece (hundreds of MB).
//!
//! Nothing on that way can panic: messages go through `cli::output`, which ignores a dead
//! stderr.

use std::io::{BufWriter, IsTerminal, Read, Stdout, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crossterm::event::{self, Event};

use crate::app::{App, session};
use crate::bookmarks::worker::{BookmarkWorker, Request};
use crate::bookmarks::{self, Store};
use crate::cli::output;
use crate::corpus::{self, Corpus};
use crate::search::SearchIndex;
use crate::search::worker::{SearchResults, SearchWorker};
use crate::ui::{self, SafeBackend, Theme};

/// How long quitting waits for pending bookmark saves (one save takes a few milliseconds;
/// more means a lock held elsewhere or a hung disk, and then the changes are printed).
const SAVE_WAIT: Duration = Duration::from_secs(2);
/// How long the input thread waits for a key before looking whether it must stop: the most
/// a quit waits for it.
const INPUT_POLL: Duration = Duration::from_millis(20);

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
    /// Load a corpus even if it looks too large for the memory available.
    pub force: bool,
}

enum Msg {
    Input(Event),
    IndexReady(Arc<SearchIndex>),
    Search(SearchResults),
    InputFailed(std::io::Error),
    Progress(u64),
    Loaded(Result<Corpus, String>),
    Signal(i32),
    Bookmarks(bookmarks::worker::Event),
}

/// Exit status after a hang-up (128 + SIGHUP), as a shell reports it.
const HANGUP: u8 = 128 + 1;

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
fn load_with_progress(path: &Path, force: bool, tx: &Sender<Msg>) -> Result<Corpus, String> {
    let (mut f, meta) = corpus::io::open(path, force).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
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

/// The thread that reads the terminal. After each event it waits for the loop's word
/// ([`Input::next`]): the loop says stop when that event ends it, so not one byte more is
/// read (what follows belongs to the shell). Between events it polls, so that a stop for
/// another reason (a signal) is seen within one poll interval.
struct Input {
    stop: Arc<AtomicBool>,
    /// `true`: read on; `false`: stop. One answer per event sent.
    go_on: Option<Sender<bool>>,
    done: Receiver<()>,
}

impl Input {
    fn spawn(tx: Sender<Msg>) -> Input {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let (go_tx, go_rx) = mpsc::channel();
        let (done_tx, done) = mpsc::channel();
        std::thread::spawn(move || {
            read_terminal(&tx, &flag, &go_rx);
            let _ = done_tx.send(());
        });
        Input {
            stop,
            go_on: Some(go_tx),
            done,
        }
    }

    /// The loop has handled an input event: read the next one, or stop now.
    fn next(&self, go_on: bool) {
        if let Some(tx) = &self.go_on {
            let _ = tx.send(go_on);
        }
    }

    /// Stop reading and wait for the thread: at once when it waits for a word, one poll
    /// interval when it polls; bounded even if crossterm does not come back (it spins on
    /// a hung-up terminal, see [`watch_for_hang_up`]).
    fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        drop(self.go_on.take());
        let _ = self.done.recv_timeout(INPUT_POLL * 10);
    }
}

fn read_terminal(tx: &Sender<Msg>, stop: &AtomicBool, go_on: &Receiver<bool>) {
    while !stop.load(Ordering::SeqCst) {
        let event = match event::poll(INPUT_POLL) {
            Ok(false) => continue,
            Ok(true) => event::read(),
            Err(e) => Err(e),
        };
        match event {
            Ok(ev) => {
                if tx.send(Msg::Input(ev)).is_err() {
                    return;
                }
                // Nothing more is read until the loop has seen this event.
                if go_on.recv() != Ok(true) {
                    return;
                }
            }
            Err(e) => {
                let _ = tx.send(Msg::InputFailed(e));
                return;
            }
        }
    }
}

/// Tell the loop when the terminal hangs up, whether or not SIGHUP comes (it may be ignored,
/// or go to another process group). crossterm cannot: its reader loops forever on a hung-up
/// terminal (it ignores EIO and end of file), so it would never report it. `poll(2)` asked
/// for no events still reports POLLHUP and POLLERR, and never reads a byte.
fn watch_for_hang_up(tx: Sender<Msg>) {
    use rustix::event::{PollFd, PollFlags, poll};
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        loop {
            let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
            match poll(&mut fds, None) {
                Ok(_) => {}
                Err(rustix::io::Errno::INTR) => continue,
                Err(_) => return,
            }
            let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
            if fds[0].revents().intersects(gone) {
                let _ = tx.send(Msg::InputFailed(std::io::Error::from(
                    rustix::io::Errno::IO,
                )));
                return;
            }
        }
    });
}

fn spawn_signals(tx: Sender<Msg>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    // Caught even when ignored at start (`nohup`): a browser whose terminal hung up has
    // nothing left to do but save and go.
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = tx.send(Msg::Signal(sig));
        }
    });
    Ok(())
}

/// Is this the error of a terminal that is gone (a dropped SSH connection, a closed pty)?
fn terminal_gone(e: &std::io::Error) -> bool {
    use rustix::io::Errno;
    e.kind() == std::io::ErrorKind::BrokenPipe
        || [
            Errno::IO,
            Errno::NXIO,
            Errno::NOTTY,
            Errno::BADF,
            Errno::PIPE,
        ]
        .iter()
        .any(|n| e.raw_os_error() == Some(n.raw_os_error()))
}

/// Why the loop ended.
enum Ending {
    /// `q`, or a signal (its exit status).
    Code(ExitCode),
    /// The terminal can no longer be written or read: an orderly hang-up.
    TerminalGone(String),
    /// Something else failed; the message names what.
    Failed(String),
}

/// Run the browser until the user quits. Refuses (exit 2) when stdout is not a terminal.
pub fn run(opts: BrowseOptions) -> anyhow::Result<ExitCode> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        output::error(
            "the browser needs a terminal (stdin and stdout are not both a tty); \
             in scripts use `nghiquyet stats`, `localities` or `inspect`",
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
            // Checked before the screen changes, so a bad path gets a plain message: not a
            // regular file, missing, or too large for the memory available.
            let (_, meta) = corpus::io::open(path, opts.force)?;
            let total = meta.len();
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let path = path.clone();
            let ltx = tx.clone();
            let force = opts.force;
            std::thread::spawn(move || {
                let result = load_with_progress(&path, force, &ltx);
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
    // The position as saved: quitting without moving rewrites nothing.
    let mut saved = None;
    if let Some(path) = &state {
        match session::load(path, &key) {
            Ok(pos) => {
                saved = pos.clone();
                if !opts.fresh {
                    app.pending_restore = pos;
                }
            }
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
    let input = Input::spawn(tx.clone());
    watch_for_hang_up(tx.clone());
    let ending = event_loop(
        &mut terminal,
        &mut app,
        theme,
        (tx, rx),
        &input,
        bookmarks.as_ref(),
    );
    input.stop();
    // ratatui's Terminal shows the cursor when dropped and, if that fails (the terminal is
    // gone), reports it with eprintln!, which panics on a dead stderr. restore_terminal()
    // does the same work and ignores the failure.
    std::mem::forget(terminal);
    restore_terminal();

    let mut code = match &ending {
        Ending::Code(c) => *c,
        Ending::TerminalGone(_) => ExitCode::from(HANGUP),
        Ending::Failed(_) => ExitCode::FAILURE,
    };
    // Whatever ended the loop, the last changes reach the disk or the user's screen.
    if let Some(w) = bookmarks
        && let Err(report) = w.shutdown(SAVE_WAIT)
    {
        output::error(report);
        if code == ExitCode::SUCCESS {
            code = ExitCode::FAILURE;
        }
    }
    if app.loading.is_none()
        && let Some(path) = &state
    {
        let now = app.saved_position();
        if saved.as_ref() != Some(&now)
            && let Err(e) = session::save(path, &key, now)
        {
            output::warn(format!("could not save the position: {e}"));
        }
    }
    match ending {
        Ending::Failed(e) => output::error(e),
        Ending::TerminalGone(e) => {
            output::error(format!("the terminal is gone ({e}); position saved"))
        }
        Ending::Code(_) => {}
    }
    // The corpus and its index are hundreds of MB of small allocations: freeing them one by
    // one would only delay the exit.
    std::mem::forget(app);
    Ok(code)
}

/// The terminal, writing through a buffer as large as a frame: std's stdout flushes every
/// 1 KiB, so over a slow link a frame would arrive, and show, in pieces. Every cell passes
/// the sanitiser on its way ([`SafeBackend`]).
type Term = ratatui::Terminal<SafeBackend<ratatui::backend::CrosstermBackend<BufWriter<Stdout>>>>;

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
    ratatui::Terminal::new(SafeBackend(ratatui::backend::CrosstermBackend::new(out)))
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

/// A failed terminal operation: a gone terminal is a hang-up, anything else a failure.
fn terminal_error(e: std::io::Error) -> Ending {
    if terminal_gone(&e) {
        Ending::TerminalGone(e.to_string())
    } else {
        Ending::Failed(format!("writing to the terminal failed: {e}"))
    }
}

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    theme: Theme,
    (tx, rx): (Sender<Msg>, Receiver<Msg>),
    input: &Input,
    bookmarks: Option<&BookmarkWorker>,
) -> Ending {
    match terminal.size() {
        Ok(size) => app.resize(size.width, size.height),
        Err(e) => return terminal_error(e),
    }
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
    let mut worker: Option<SearchWorker> = None;
    // A request made before the index was ready waits here.
    let mut waiting: Option<(u64, String, crate::search::Scope)> = None;
    // Debug builds only: lets the end-to-end tests provoke a panic (key `P`) to check the
    // terminal is restored and the message printed after it.
    let test_panic = cfg!(debug_assertions) && std::env::var_os("NGHIQUYET_TEST_PANIC").is_some();
    let mut dirty = true;
    loop {
        if dirty {
            if let Err(e) = terminal.draw(|f| ui::draw(f, app, theme)) {
                return terminal_error(e);
            }
            dirty = false;
        }
        let Ok(msg) = rx.recv() else {
            return Ending::Code(ExitCode::SUCCESS);
        };
        let is_input = matches!(msg, Msg::Input(_));
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
            Msg::InputFailed(e) => {
                return if terminal_gone(&e) {
                    Ending::TerminalGone(e.to_string())
                } else {
                    Ending::Failed(format!("reading the terminal failed: {e}"))
                };
            }
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
                match terminal.size() {
                    Ok(s) => app.resize(s.width, s.height),
                    Err(e) => return terminal_error(e),
                }
                app.apply_pending_restore();
                dirty = true;
            }
            Msg::Loaded(Err(e)) => return Ending::Failed(e),
            Msg::Signal(sig) => {
                // 128 + n is how shells report death by signal n.
                return Ending::Code(ExitCode::from(128 + sig as u8));
            }
        }
        send_bookmarks(app);
        if let Some((g, q, scope)) = app.search_request.take() {
            match &worker {
                Some(w) => w.submit_as(g, &q, scope),
                None => waiting = Some((g, q, scope)),
            }
        }
        if is_input {
            input.next(!app.quit);
        }
        if app.quit {
            return Ending::Code(ExitCode::SUCCESS);
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
