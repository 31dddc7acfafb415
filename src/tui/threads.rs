//! The threads that feed the event loop: terminal input, the hang-up watcher, signals, and
//! the search indexer.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crossterm::event;

use super::Msg;
use crate::corpus::Corpus;
use crate::search::SearchIndex;

/// How long the input thread waits for a key before looking whether it must stop: the most
/// a quit waits for it.
const INPUT_POLL: Duration = Duration::from_millis(20);

/// At most this many terminal events are handled between two frames.
const MAX_BATCH: usize = 256;
/// The thread that reads the terminal. After each batch of events it waits for the loop's word
/// ([`Input::next`]): the loop says stop when one of them ends it, so not one byte more is
/// read (what follows belongs to the shell). Between events it polls, so that a stop for
/// another reason (a signal) is seen within one poll interval.
pub(crate) struct Input {
    stop: Arc<AtomicBool>,
    /// `true`: read on; `false`: stop. One answer per batch sent.
    go_on: Option<Sender<bool>>,
    done: Receiver<()>,
}

impl Input {
    pub(crate) fn spawn(tx: Sender<Msg>) -> Input {
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
    pub(crate) fn next(&self, go_on: bool) {
        if let Some(tx) = &self.go_on {
            let _ = tx.send(go_on);
        }
    }

    /// Stop reading and wait for the thread: at once when it waits for a word, one poll
    /// interval when it polls; bounded even if crossterm does not come back (it spins on
    /// a hung-up terminal, see [`watch_for_hang_up`]).
    pub(crate) fn stop(mut self) {
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
pub(crate) fn watch_for_hang_up(tx: Sender<Msg>) {
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

pub(crate) fn spawn_signals(tx: Sender<Msg>) -> std::io::Result<()> {
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

/// Fold every passage for search on a background thread; the finder works once it is done.
pub(crate) fn spawn_indexer(corpus: Arc<Corpus>, tx: Sender<Msg>) {
    std::thread::spawn(move || {
        let index = SearchIndex::build(&corpus);
        let _ = tx.send(Msg::IndexReady(corpus, Arc::new(index)));
    });
}
