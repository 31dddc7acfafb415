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
use std::time::{Duration, Instant};

use crossterm::event::{self, Event as CtEvent};

use crate::app::{self, App, Effect, session};
use crate::bookmarks::worker::BookmarkWorker;
use crate::bookmarks::{self, Store};
use crate::cli::output;
use crate::corpus::{self, Corpus};
use crate::search::SearchIndex;
use crate::search::worker::SearchWorker;
use crate::ui::{self, AnsiBackend, SafeBackend, Theme};

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

/// What reaches the event loop. Everything the app must know becomes an [`app::Event`];
/// the rest ends the loop.
enum Msg {
    /// Terminal events read in one go (what was waiting when the first came).
    Input(Vec<CtEvent>),
    App(app::Event),
    /// The search index of a corpus is built (the loop starts a search thread on it).
    IndexReady(Arc<Corpus>, Arc<SearchIndex>),
    InputFailed(std::io::Error),
    LoadFailed(String),
    Signal(i32),
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
        let _ = tx.send(Msg::App(app::Event::LoadProgress(bytes.len() as u64)));
    }
    corpus::io::from_slice(path, &bytes).map_err(|e| e.to_string())
}

/// At most this many terminal events are handled between two frames.
const MAX_BATCH: usize = 256;
/// Results and other background news redraw at most this often (input always at once).
const FRAME: Duration = Duration::from_millis(16);

/// The thread that reads the terminal. After each batch of events it waits for the loop's word
/// ([`Input::next`]): the loop says stop when one of them ends it, so not one byte more is
/// read (what follows belongs to the shell). Between events it polls, so that a stop for
/// another reason (a signal) is seen within one poll interval.
struct Input {
    stop: Arc<AtomicBool>,
    /// `true`: read on; `false`: stop. One answer per batch sent.
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
                // Take what else is waiting too, so the loop handles a burst of keys (a paste
                // without bracketing, fast typing, key repeat) before it draws once.
                let mut batch = vec![ev];
                while batch.len() < MAX_BATCH && matches!(event::poll(Duration::ZERO), Ok(true)) {
                    match event::read() {
                        Ok(ev) => batch.push(ev),
                        Err(_) => break,
                    }
                }
                if tx.send(Msg::Input(batch)).is_err() {
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
    let (mut app, embedded) = match &opts.corpus {
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
                let msg = match load_with_progress(&path, force, &ltx) {
                    Ok(c) => Msg::App(app::Event::Loaded(Arc::new(c))),
                    Err(e) => Msg::LoadFailed(e),
                };
                let _ = ltx.send(msg);
            });
            (App::loading(&name, total, ascii), None)
        }
        None => (
            App::loading(crate::embedded::NAME, 0, ascii),
            Some(Arc::new(crate::embedded::corpus())),
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
                let _ = btx.send(Msg::App(app::Event::Bookmarks(e)));
            }))
        }
        Err(e) => {
            app.bookmarks.read_only = Some(e.to_string());
            None
        }
    };

    let mut terminal = init_terminal(ascii)?;
    // From here on the terminal is in raw mode: every way out goes through restore().
    let input = Input::spawn(tx.clone());
    watch_for_hang_up(tx.clone());
    let ending = event_loop(
        &mut terminal,
        &mut app,
        theme,
        (tx, rx),
        &input,
        Workers {
            bookmarks: bookmarks.as_ref(),
            search: None,
        },
        embedded,
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
type Term = ratatui::Terminal<SafeBackend<AnsiBackend<BufWriter<Stdout>>>>;

fn init_terminal(ascii: bool) -> std::io::Result<Term> {
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout());
    enter_terminal(&mut out)?;
    // Restore before the panic message is printed, so it lands on the normal screen.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    ratatui::Terminal::new(SafeBackend::new(AnsiBackend::new(out), ascii))
        .inspect_err(|_| restore_terminal())
}

/// Raw mode, the alternate screen, bracketed paste (at start, and again after Ctrl-z).
fn enter_terminal(out: &mut impl Write) -> std::io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        out,
        crossterm::terminal::EnterAlternateScreen,
        crossterm::event::EnableBracketedPaste
    )
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
        // Cleared first: when the window grew while the app ran, tmux shrinks the alternate
        // screen back on leaving it and pulls rows of the last frame onto the shell's screen.
        crossterm::style::ResetColor,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All),
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

/// The threads effects go to.
struct Workers<'a> {
    bookmarks: Option<&'a BookmarkWorker>,
    /// Started once the first index is built.
    search: Option<SearchWorker>,
}

/// What the loop does after an effect.
enum Next {
    Go,
    End(Ending),
}

#[allow(clippy::too_many_arguments)]
fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    theme: Theme,
    (tx, rx): (Sender<Msg>, Receiver<Msg>),
    input: &Input,
    mut workers: Workers,
    embedded: Option<Arc<Corpus>>,
) -> Ending {
    // Debug builds only: lets the end-to-end tests provoke a panic (key `P`) to check the
    // terminal is restored and the message printed after it.
    let test_panic = cfg!(debug_assertions) && std::env::var_os("NGHIQUYET_TEST_PANIC").is_some();
    let mut first = vec![match terminal.size() {
        Ok(size) => Msg::Input(vec![CtEvent::Resize(size.width, size.height)]),
        Err(e) => return terminal_error(e),
    }];
    if let Some(corpus) = embedded {
        first.push(Msg::App(app::Event::Loaded(corpus)));
    }
    let mut pending: std::collections::VecDeque<Msg> = first.into();
    // Input draws at once; news from the workers waits for the next frame slot.
    let mut urgent = true;
    let mut dirty = true;
    let mut last_draw: Option<Instant> = None;
    loop {
        // Everything already waiting is handled before one frame is drawn.
        while let Some(msg) = pending.pop_front().or_else(|| rx.try_recv().ok()) {
            let is_input = matches!(msg, Msg::Input(_));
            match handle(msg, app, terminal, &tx, input, &mut workers, test_panic) {
                Next::Go => {}
                Next::End(ending) => return ending,
            }
            dirty = true;
            urgent |= is_input;
        }
        if dirty {
            let wait = last_draw.map_or(Duration::ZERO, |t| FRAME.saturating_sub(t.elapsed()));
            if !urgent && !wait.is_zero() {
                // Too soon after the last frame: gather more until the slot comes.
                if let Ok(msg) = rx.recv_timeout(wait) {
                    pending.push_back(msg);
                    continue;
                }
            }
            if let Err(e) = terminal.draw(|f| ui::draw(f, app, theme)) {
                return terminal_error(e);
            }
            last_draw = Some(Instant::now());
            dirty = false;
            urgent = false;
        }
        match rx.recv() {
            Ok(msg) => pending.push_back(msg),
            Err(_) => return Ending::Code(ExitCode::SUCCESS),
        }
    }
}

/// Turn one message into app events, and carry out their effects.
fn handle(
    msg: Msg,
    app: &mut App,
    terminal: &mut Term,
    tx: &Sender<Msg>,
    input: &Input,
    workers: &mut Workers,
    test_panic: bool,
) -> Next {
    match msg {
        Msg::Input(events) => {
            for ev in events {
                let event = match ev {
                    CtEvent::Key(key) => {
                        if test_panic && key.code == crossterm::event::KeyCode::Char('P') {
                            panic!("test panic requested with NGHIQUYET_TEST_PANIC");
                        }
                        app::Event::Key(key)
                    }
                    CtEvent::Paste(text) => app::Event::Paste(text),
                    CtEvent::Resize(w, h) => app::Event::Resize(w, h),
                    _ => continue,
                };
                let effects = app.update(event);
                if let Next::End(ending) = run_effects(effects, app, terminal, tx, workers) {
                    // Not one byte more is read: what follows belongs to the shell.
                    input.next(false);
                    return Next::End(ending);
                }
            }
            input.next(true);
            Next::Go
        }
        Msg::App(event) => {
            let effects = app.update(event);
            run_effects(effects, app, terminal, tx, workers)
        }
        Msg::IndexReady(corpus, index) => {
            let stx = tx.clone();
            let worker = SearchWorker::spawn(Arc::clone(&index), Arc::clone(&corpus), move |r| {
                let _ = stx.send(Msg::App(app::Event::SearchResults(r)));
            });
            // An older worker ends when its sender is dropped here.
            workers.search = Some(worker);
            let effects = app.update(app::Event::IndexReady { corpus, index });
            run_effects(effects, app, terminal, tx, workers)
        }
        Msg::InputFailed(e) => Next::End(if terminal_gone(&e) {
            Ending::TerminalGone(e.to_string())
        } else {
            Ending::Failed(format!("reading the terminal failed: {e}"))
        }),
        Msg::LoadFailed(e) => Next::End(Ending::Failed(e)),
        // 128 + n is how shells report death by signal n.
        Msg::Signal(sig) => Next::End(Ending::Code(ExitCode::from(128 + sig as u8))),
    }
}

fn run_effects(
    effects: Vec<Effect>,
    app: &mut App,
    terminal: &mut Term,
    tx: &Sender<Msg>,
    workers: &mut Workers,
) -> Next {
    for effect in effects {
        match effect {
            Effect::Search(req) => {
                if let Some(w) = &workers.search {
                    w.submit_as(req.generation, &req.query, req.scope);
                }
            }
            Effect::Bookmarks(req) => {
                if let Some(w) = workers.bookmarks {
                    w.send(req);
                }
            }
            Effect::BuildIndex(corpus) => spawn_indexer(corpus, tx.clone()),
            Effect::Suspend => {
                if let Err(e) = suspend(terminal) {
                    return Next::End(terminal_error(e));
                }
                // The size may have changed while stopped.
                match terminal.size() {
                    Ok(s) => {
                        let more = app.update(app::Event::Resize(s.width, s.height));
                        if let Next::End(e) = run_effects(more, app, terminal, tx, workers) {
                            return Next::End(e);
                        }
                    }
                    Err(e) => return Next::End(terminal_error(e)),
                }
            }
            Effect::Quit => return Next::End(Ending::Code(ExitCode::SUCCESS)),
        }
    }
    Next::Go
}

/// Ctrl-z: give the terminal back, stop as the shell's job control expects, and on `fg`
/// take it again and redraw everything (the screen was the shell's meanwhile).
fn suspend(terminal: &mut Term) -> std::io::Result<()> {
    restore_terminal();
    // The whole process group stops, as with Ctrl-z in cooked mode.
    let _ = rustix::process::kill_current_process_group(rustix::process::Signal::TSTP);
    // Here again after SIGCONT.
    enter_terminal(terminal.backend_mut().inner.writer())?;
    terminal.clear()
}

/// Fold every passage for search on a background thread; the finder works once it is done.
fn spawn_indexer(corpus: Arc<Corpus>, tx: Sender<Msg>) {
    std::thread::spawn(move || {
        let index = SearchIndex::build(&corpus);
        let _ = tx.send(Msg::IndexReady(corpus, Arc::new(index)));
    });
}
