//! A program in a pseudo-terminal, its output parsed by vt100 as it arrives, every read
//! timed. Conditions on the screen ("watches") are checked in the reading thread after each
//! read, so the time a condition first held is the time of the read that made it true, not
//! the time the measuring thread woke up.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{PtySize, native_pty_system};

pub const COLS: u16 = 120;
pub const ROWS: u16 = 40;
/// Bytes of the previous read kept before each new one, so that a short pattern written
/// across two reads is still found (and little else of the previous read is).
const LOOKBEHIND: usize = 15;

/// What a watch sees after a read: the screen, and the bytes of that read (with
/// [`LOOKBEHIND`] bytes before it).
pub struct View<'a> {
    pub screen: &'a vt100::Screen,
    pub bytes: &'a [u8],
}

/// A condition on what the program shows, checked after every read until it holds.
pub type Check = Box<dyn FnMut(&View) -> bool + Send>;

struct Watch {
    /// `None` once it held or was dropped: it is not checked again.
    check: Option<Check>,
    hit: Option<Instant>,
}

struct Output {
    parser: vt100::Parser,
    /// Total bytes read, and when the last read arrived.
    len: usize,
    last: Instant,
    closed: bool,
    tail: Vec<u8>,
    watches: Vec<Watch>,
}

struct Shared {
    output: Mutex<Output>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Output> {
        self.output
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A watch registered with [`Session::watch`].
#[derive(Clone, Copy)]
pub struct WatchId(usize);

pub struct Session {
    pid: i32,
    writer: Box<dyn Write + Send>,
    shared: Arc<Shared>,
    reader: Option<JoinHandle<()>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    pub started: Instant,
    // Keeps the pty master open while the session lives.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    /// Start `program` in a new pty of `COLS`×`ROWS`, with only the environment a terminal
    /// program needs and HOME and the XDG directories inside `home`. `initial` are watched
    /// from the first byte on: their ids are `WatchId(0)`, `WatchId(1)` … in order.
    pub fn spawn(
        program: &Path,
        args: &[&str],
        home: &Path,
        initial: Vec<Check>,
    ) -> anyhow::Result<(Session, Vec<WatchId>)> {
        let pair = native_pty_system().openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        let mut cmd = crate::common::clean_command(program, home)?;
        cmd.args(args);
        let nz = |n: u16| NonZeroU16::new(n).expect("the pty size is not zero");
        let ids = (0..initial.len()).map(WatchId).collect();
        let watches = initial
            .into_iter()
            .map(|check| Watch {
                check: Some(check),
                hit: None,
            })
            .collect();
        let shared = Arc::new(Shared {
            output: Mutex::new(Output {
                parser: vt100::Parser::new(nz(ROWS), nz(COLS), 0),
                len: 0,
                last: Instant::now(),
                closed: false,
                tail: Vec::new(),
                watches,
            }),
            changed: Condvar::new(),
        });
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd)?;
        // Only the child may hold the slave side, so reads see EOF once it exits.
        drop(pair.slave);
        let pid = child
            .process_id()
            .and_then(|p| i32::try_from(p).ok())
            .ok_or_else(|| anyhow::anyhow!("the child has no pid"))?;
        let reader = pair.master.try_clone_reader()?;
        let writer = pair.master.take_writer()?;
        let feed = Arc::clone(&shared);
        let reader = std::thread::spawn(move || read_loop(reader, &feed));
        let session = Session {
            pid,
            writer,
            shared,
            reader: Some(reader),
            child,
            started,
            _master: pair.master,
        };
        Ok((session, ids))
    }

    /// Write keys; returns the time just before the write (the moment of the key press).
    pub fn send(&mut self, keys: &[u8]) -> anyhow::Result<Instant> {
        let at = Instant::now();
        self.writer.write_all(keys)?;
        self.writer.flush()?;
        Ok(at)
    }

    /// Check `check` after every read from now on; [`Session::hit`] tells when it first held.
    pub fn watch(&self, check: impl FnMut(&View) -> bool + Send + 'static) -> WatchId {
        let mut out = self.shared.lock();
        out.watches.push(Watch {
            check: Some(Box::new(check)),
            hit: None,
        });
        WatchId(out.watches.len() - 1)
    }

    /// Stop checking the watches that have not held (they cost time in the reading thread).
    pub fn drop_watches(&self) {
        for w in &mut self.shared.lock().watches {
            w.check = None;
        }
    }

    pub fn hit(&self, id: WatchId) -> Option<Instant> {
        self.shared.lock().watches[id.0].hit
    }

    /// Wait until the watch holds (or the timeout passes, or the program ends).
    pub fn wait_hit(&self, id: WatchId, timeout: Duration) -> Option<Instant> {
        self.wait_for(timeout, |o| o.watches[id.0].hit)
    }

    /// Wait until nothing has arrived for `quiet` and the screen satisfies `done`; returns
    /// when the last read arrived. `None` on a timeout or if the program ended.
    pub fn wait_quiet(
        &self,
        quiet: Duration,
        timeout: Duration,
        done: impl Fn(&vt100::Screen) -> bool,
    ) -> Option<Instant> {
        self.wait_for(timeout, |o| {
            (o.last.elapsed() >= quiet && done(o.parser.screen())).then_some(o.last)
        })
    }

    /// Wait until `ready` returns something, re-checking after every read and at least
    /// every 10 ms (quiet periods pass without reads).
    fn wait_for<T>(&self, timeout: Duration, ready: impl Fn(&Output) -> Option<T>) -> Option<T> {
        let deadline = Instant::now() + timeout;
        let mut out = self.shared.lock();
        loop {
            if let Some(v) = ready(&out) {
                return Some(v);
            }
            let now = Instant::now();
            if out.closed || now >= deadline {
                return None;
            }
            out = self
                .shared
                .changed
                .wait_timeout(out, (deadline - now).min(Duration::from_millis(10)))
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> usize {
        self.shared.lock().len
    }

    /// Run `f` on the screen as it is now.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.shared.lock().parser.screen())
    }

    /// `VmHWM` (peak resident memory) of the program, in bytes.
    pub fn peak_rss(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).ok()?;
        let kb: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()?;
        Some(kb * 1024)
    }

    /// Send `keys` and wait up to `timeout` for the program to exit; kill it if it does not.
    pub fn quit(mut self, keys: &[u8], timeout: Duration) {
        let _ = self.send(keys);
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        // Drop kills it.
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Never leave a program behind.
        if !matches!(self.child.try_wait(), Ok(Some(_))) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
    }
}

fn read_loop(mut reader: Box<dyn Read + Send>, feed: &Shared) {
    let mut buf = [0u8; 16384];
    loop {
        let n = reader.read(&mut buf).unwrap_or(0);
        let now = Instant::now();
        let mut out = feed.lock();
        if n == 0 {
            out.closed = true;
            feed.changed.notify_all();
            return;
        }
        out.parser.process(&buf[..n]);
        out.len += n;
        out.last = now;
        let keep = out.tail.len().min(LOOKBEHIND);
        let start = out.tail.len() - keep;
        out.tail.drain(..start);
        out.tail.extend_from_slice(&buf[..n]);
        let o = &mut *out;
        let view = View {
            screen: o.parser.screen(),
            bytes: &o.tail,
        };
        for w in &mut o.watches {
            if w.check.as_mut().is_some_and(|check| check(&view)) {
                w.hit = Some(now);
                w.check = None;
            }
        }
        feed.changed.notify_all();
    }
}

/// The text of `row` from column `from` to `to` (exclusive), one character per cell, an
/// empty cell as a space (so trailing spaces typed into a box count).
pub fn row_text(screen: &vt100::Screen, row: u16, from: u16, to: u16) -> String {
    let mut s = String::new();
    for col in from..to {
        match screen.cell(row, col) {
            Some(c) if c.is_wide_continuation() => {}
            Some(c) if c.has_contents() => s.push_str(c.contents()),
            _ => s.push(' '),
        }
    }
    s
}

/// A whole row, trailing spaces removed.
pub fn row(screen: &vt100::Screen, row: u16) -> String {
    row_text(screen, row, 0, COLS).trim_end().to_string()
}
