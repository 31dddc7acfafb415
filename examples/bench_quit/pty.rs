//! The browser in a pty (after `tests/it/common_pty`, with the timing this benchmark needs).

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{ExitStatus, PtySize, native_pty_system};

use super::{COLS, FRAME_END, LEAVE_ALT_SCREEN, ROWS, SETTLE};

struct Output {
    raw: Vec<u8>,
    screen: vt100::Parser,
    last: Instant,
    closed: bool,
    /// Where and when the leave-alternate-screen sequence first arrived.
    leave: Option<(usize, Instant)>,
    /// The status bar of the last frame before the alternate screen was left.
    last_status: String,
}

impl Output {
    fn settled(&self) -> bool {
        self.closed || self.raw.ends_with(FRAME_END) || self.last.elapsed() >= SETTLE
    }
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

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).expect("at least 1")
}

pub struct Session {
    pid: i32,
    writer: Box<dyn Write + Send>,
    shared: Arc<Shared>,
    reader: Option<JoinHandle<()>>,
    /// The exit status and when `wait` returned, from the thread that waits for the child.
    exited: mpsc::Receiver<(Result<ExitStatus, String>, Instant)>,
    exit: Option<(Result<ExitStatus, String>, Instant)>,
    pub started: Instant,
    // Keeps the pty master open while the session lives.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    pub fn spawn(bin: &Path, args: &[&std::ffi::OsStr], home: &Path) -> anyhow::Result<Session> {
        let pair = native_pty_system().openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        let mut cmd = crate::common::clean_command(bin, home)?;
        cmd.args(args);
        let shared = Arc::new(Shared {
            output: Mutex::new(Output {
                raw: Vec::new(),
                screen: vt100::Parser::new(nonzero(ROWS), nonzero(COLS), 0),
                last: Instant::now(),
                closed: false,
                leave: None,
                last_status: String::new(),
            }),
            changed: Condvar::new(),
        });
        let started = Instant::now();
        let mut child = pair.slave.spawn_command(cmd)?;
        // Only the child may hold the slave side, so reads see EOF once it exits.
        drop(pair.slave);
        let pid = child
            .process_id()
            .and_then(|p| i32::try_from(p).ok())
            .ok_or_else(|| anyhow::anyhow!("the child has no pid"))?;
        let mut reader = pair.master.try_clone_reader()?;
        let writer = pair.master.take_writer()?;
        let feed = Arc::clone(&shared);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = match reader.read(&mut buf) {
                    Ok(0) | Err(_) => 0,
                    Ok(n) => n,
                };
                let now = Instant::now();
                let mut out = feed.lock();
                if n == 0 {
                    out.closed = true;
                    feed.changed.notify_all();
                    return;
                }
                let before = out.raw.len();
                out.raw.extend_from_slice(&buf[..n]);
                // The sequence may straddle two reads.
                let from = before.saturating_sub(LEAVE_ALT_SCREEN.len() - 1);
                let leave = match out.leave {
                    None => find(&out.raw[from..], LEAVE_ALT_SCREEN).map(|i| from + i),
                    Some(_) => None,
                };
                match leave {
                    Some(at) => {
                        // Keep what the alternate screen showed last, then leave it.
                        let cut = at.saturating_sub(before).min(n);
                        out.screen.process(&buf[..cut]);
                        out.last_status = status_row(out.screen.screen());
                        out.screen.process(&buf[cut..n]);
                        out.leave = Some((at, now));
                    }
                    None => out.screen.process(&buf[..n]),
                }
                out.last = now;
                feed.changed.notify_all();
            }
        });
        let (tx, exited) = mpsc::channel();
        std::thread::spawn(move || {
            let status = child.wait().map_err(|e| e.to_string());
            let _ = tx.send((status, Instant::now()));
        });
        Ok(Session {
            pid,
            writer,
            shared,
            reader: Some(reader),
            exited,
            exit: None,
            started,
            _master: pair.master,
        })
    }

    pub fn send(&mut self, keys: &[u8]) -> anyhow::Result<()> {
        self.writer.write_all(keys)?;
        self.writer.flush()?;
        Ok(())
    }

    /// Wait until the corpus has loaded: the loading line is gone and the panes and the status
    /// bar are drawn. Returns when the frame showing it arrived.
    pub fn wait_loaded(&self, timeout: Duration) -> anyhow::Result<(Instant, String)> {
        self.wait_ready(timeout, |s| {
            let text = s.contents();
            let loading = text.contains("Đang tải") || text.contains("Dang tai");
            s.alternate_screen() && !loading && !status_row(s).is_empty()
        })
    }

    /// Wait until a whole frame satisfies `ready`; returns when it arrived and the last row.
    pub fn wait_ready(
        &self,
        timeout: Duration,
        ready: impl Fn(&vt100::Screen) -> bool,
    ) -> anyhow::Result<(Instant, String)> {
        let deadline = Instant::now() + timeout;
        let mut out = self.shared.lock();
        loop {
            if out.closed {
                anyhow::bail!(
                    "the program ended while loading\n--- output ---\n{}",
                    String::from_utf8_lossy(&out.raw)
                );
            }
            let s = out.screen.screen();
            if out.settled() && ready(s) {
                return Ok((out.last, status_row(s)));
            }
            let now = Instant::now();
            if now >= deadline {
                anyhow::bail!(
                    "not loaded after {timeout:?}\n--- screen ---\n{}",
                    out.screen.screen().contents()
                );
            }
            let wait = (deadline - now).min(Duration::from_millis(50));
            out = self
                .shared
                .changed
                .wait_timeout(out, wait)
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
    }

    /// Wait for the child to exit (killing it after `timeout`), then for its output to be
    /// read to the end. Returns the status and when it exited, or `None` on a timeout.
    pub fn wait_exit(
        &mut self,
        timeout: Duration,
    ) -> Option<(Result<ExitStatus, String>, Instant)> {
        let got = self.exited.recv_timeout(timeout).ok();
        if got.is_none() {
            self.kill();
        }
        self.exit.clone_from(&got);
        // The reader sees EOF as soon as it has read what was left.
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut out = self.shared.lock();
        while !out.closed && Instant::now() < deadline {
            out = self
                .shared
                .changed
                .wait_timeout(out, Duration::from_millis(50))
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
        let closed = out.closed;
        drop(out);
        if closed && let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        got
    }

    fn kill(&self) {
        // SAFETY: kill(2) on the pid of the child this session started; no memory effects.
        unsafe {
            libc::kill(self.pid, libc::SIGKILL);
        }
    }

    pub fn raw(&self) -> Vec<u8> {
        self.shared.lock().raw.clone()
    }

    pub fn last_status(&self) -> String {
        self.shared.lock().last_status.clone()
    }

    pub fn leave(&self) -> Option<(usize, Instant)> {
        self.shared.lock().leave
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Never leave a browser behind.
        if self.exit.is_none() && self.exited.try_recv().is_err() {
            self.kill();
            let _ = self.exited.recv_timeout(Duration::from_secs(5));
        }
    }
}

/// The last row of the screen (the status bar), trimmed.
fn status_row(s: &vt100::Screen) -> String {
    s.rows(0, COLS)
        .nth(usize::from(ROWS - 1))
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
