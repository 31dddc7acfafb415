//! The event loop: everything that arrives becomes an [`app::Event`]; the app's answer, a
//! list of [`Effect`]s, is carried out here. What is waiting is handled before one frame is
//! drawn; news from the workers redraws at most once a frame.

use std::collections::VecDeque;
use std::io::Write as _;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

use crossterm::event::Event as CtEvent;

use super::terminal::{Term, suspend};
use super::threads::{Input, spawn_indexer};
use super::{Ending, Msg, terminal_error, terminal_gone};
use crate::analysis::worker::AnalysisWorker;
use crate::app::{self, App, Effect};
use crate::bookmarks::worker::BookmarkWorker;
use crate::corpus::Corpus;
use crate::search::worker::SearchWorker;
use crate::ui::{self, Theme};

/// Results and other background news redraw at most this often (input always at once).
const FRAME: Duration = Duration::from_millis(16);

/// The threads effects go to.
pub(crate) struct Workers<'a> {
    pub(crate) bookmarks: Option<&'a BookmarkWorker>,
    /// Started once the first index is built.
    pub(crate) search: Option<SearchWorker>,
    /// The analysis view's, started with the search worker.
    pub(crate) analysis: Option<AnalysisWorker>,
}

/// What the loop does after an effect.
enum Next {
    Go,
    End(Ending),
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn event_loop(
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
        Err(e) => return terminal_error(&e),
    }];
    if let Some(corpus) = embedded {
        first.push(Msg::App(app::Event::Loaded(corpus)));
    }
    let mut pending: VecDeque<Msg> = first.into();
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
                return terminal_error(&e);
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
                        assert!(
                            !(test_panic && key.code == crossterm::event::KeyCode::Char('P')),
                            "test panic requested with NGHIQUYET_TEST_PANIC"
                        );
                        app::Event::Key(key)
                    }
                    CtEvent::Paste(text) => app::Event::Paste(text),
                    CtEvent::Mouse(m) => app::Event::Mouse(m),
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
            let atx = tx.clone();
            workers.analysis = Some(AnalysisWorker::spawn(
                Arc::clone(&index),
                Arc::clone(&corpus),
                move |r| {
                    let _ = atx.send(Msg::App(app::Event::AnalysisResults(Box::new(r))));
                },
            ));
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
        Msg::Signal(sig) => Next::End(Ending::Code(ExitCode::from(
            u8::try_from(128 + sig).unwrap_or(u8::MAX),
        ))),
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
                    w.submit_request(req);
                }
            }
            Effect::Bookmarks(req) => {
                if let Some(w) = workers.bookmarks {
                    w.send(req);
                }
            }
            Effect::Analyze(req) => {
                if let Some(w) = &workers.analysis {
                    w.submit(req);
                }
            }
            Effect::BuildIndex(corpus) => spawn_indexer(corpus, tx.clone()),
            // Into the frame buffer, between two frames: never inside one (which would garble
            // it), and out with the next frame's flush, which follows at once (the notice
            // changed). No wait on the terminal here beyond what a frame costs.
            Effect::Copy(text) => {
                let seq = app::clipboard::sequence(&text);
                if let Err(e) = terminal.backend_mut().inner.writer().write_all(&seq) {
                    return Next::End(terminal_error(&e));
                }
            }
            Effect::Suspend => {
                if let Err(e) = suspend(terminal) {
                    return Next::End(terminal_error(&e));
                }
                // The size may have changed while stopped.
                match terminal.size() {
                    Ok(s) => {
                        let more = app.update(app::Event::Resize(s.width, s.height));
                        if let Next::End(e) = run_effects(more, app, terminal, tx, workers) {
                            return Next::End(e);
                        }
                    }
                    Err(e) => return Next::End(terminal_error(&e)),
                }
            }
            Effect::Quit => return Next::End(Ending::Code(ExitCode::SUCCESS)),
        }
    }
    Next::Go
}
