//! The browser: terminal set-up and restore, the threads, and the event loop.
//!
//! `terminal.rs` takes and gives back the terminal; `threads.rs` runs what feeds the loop
//! (terminal input, hang-up, signals, the indexer); `event_loop.rs` turns what arrives into
//! [`app::Event`]s and carries out the [`app::Effect`]s.
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

mod event_loop;
mod terminal;
mod threads;

use event_loop::{Workers, event_loop};
use terminal::{init_terminal, restore_terminal};
use threads::{Input, spawn_signals, watch_for_hang_up};

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use crossterm::event::Event as CtEvent;

use crate::app::{self, App, session};
use crate::bookmarks::worker::BookmarkWorker;
use crate::bookmarks::{self, Store};
use crate::cli::output;
use crate::corpus::{self, Corpus};
use crate::search::SearchIndex;
use crate::ui::Theme;

/// How long quitting waits for pending bookmark saves (one save takes a few milliseconds;
/// more means a lock held elsewhere or a hung disk, and then the changes are printed).
const SAVE_WAIT: Duration = Duration::from_secs(2);

/// How the browser was asked to start (the command line's flags).
#[derive(Debug, Clone, Default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "one field per command-line flag"
)]
pub struct BrowseOptions {
    pub corpus: Option<PathBuf>,
    /// `--bookmarks FILE`.
    pub bookmarks: Option<PathBuf>,
    pub ascii: bool,
    /// `--no-mouse`: leave the mouse to the terminal (its own selection, no reports).
    pub no_mouse: bool,
    pub color: bool,
    /// Ignore the saved position (it is still saved on exit).
    pub fresh: bool,
    /// Load a corpus even if it looks too large for the memory available.
    pub force: bool,
    /// `--osc52`: may `y` copy through the terminal.
    pub osc52: app::clipboard::Osc52Setting,
}

/// What reaches the event loop. Everything the app must know becomes an [`app::Event`];
/// the rest ends the loop.
pub(crate) enum Msg {
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

/// Is the locale able to show UTF-8? (`LC_ALL`, then `LC_CTYPE`, then `LANG`, as libc decides.)
pub fn locale_is_utf8() -> bool {
    let value = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default()
        .to_ascii_lowercase();
    value.contains("utf-8") || value.contains("utf8")
}

/// Load a corpus file, reporting the bytes parsed so far.
fn load_with_progress(path: &Path, force: bool, tx: &Sender<Msg>) -> Result<Corpus, String> {
    corpus::io::load_with_progress(path, force, |done| {
        let _ = tx.send(Msg::App(app::Event::LoadProgress(done)));
    })
    .map_err(|e| e.to_string())
}

/// Is this the error of a terminal that is gone (a dropped SSH connection, a closed pty)?
pub(crate) fn terminal_gone(e: &std::io::Error) -> bool {
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
pub(crate) enum Ending {
    /// `q`, or a signal (its exit status).
    Code(ExitCode),
    /// The terminal can no longer be written or read: an orderly hang-up.
    TerminalGone(String),
    /// Something else failed; the message names what.
    Failed(String),
}

/// Run the browser until the user quits. Refuses (exit 2) when stdout is not a terminal.
pub fn run(opts: &BrowseOptions) -> anyhow::Result<ExitCode> {
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
        notice = Some(app::strings::ASCII_LOCALE.to_string());
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
    app.osc52 = app::clipboard::detect(opts.osc52, std::env::var("TERM").ok().as_deref());
    let state = session::state_path();
    let key = session::corpus_key(opts.corpus.as_deref());
    // The position as saved: quitting without moving rewrites nothing.
    let mut saved = None;
    if let Some(path) = &state {
        match session::load(path, &key) {
            Ok(pos) => {
                saved.clone_from(&pos);
                if !opts.fresh {
                    app.pending_restore = pos;
                }
            }
            Err(e) => app.notice = Some(app::strings::position_ignored(&e)),
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

    let mut terminal = init_terminal(ascii, !opts.no_mouse)?;
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
            analysis: None,
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
            output::error(format!("the terminal is gone ({e}); position saved"));
        }
        Ending::Code(_) => {}
    }
    // The corpus and its index are hundreds of MB of small allocations: freeing them one by
    // one would only delay the exit.
    std::mem::forget(app);
    Ok(code)
}

/// A failed terminal operation: a gone terminal is a hang-up, anything else a failure.
pub(crate) fn terminal_error(e: &std::io::Error) -> Ending {
    if terminal_gone(e) {
        Ending::TerminalGone(e.to_string())
    } else {
        Ending::Failed(format!("writing to the terminal failed: {e}"))
    }
}
