//! Running the browser in a pseudo-terminal: the child's output is drained on its own thread
//! into a raw byte log and a vt100 screen, and tests wait for what the screen shows (with a
//! timeout) instead of sleeping.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

/// The longest any single wait may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The leave-alternate-screen sequence that `ratatui::restore` writes.
pub const LEAVE_ALT_SCREEN: &[u8] = b"\x1b[?1049l";
/// The enter-alternate-screen sequence that `ratatui::try_init` writes.
pub const ENTER_ALT_SCREEN: &[u8] = b"\x1b[?1049h";

/// What ratatui writes last in every frame when no cursor is shown (hide the cursor). The
/// program's stdout is line-buffered and frames have no newline, so a frame reaches the pty
/// in several writes: screens are judged only once the last one has arrived.
const FRAME_END: &[u8] = b"\x1b[?25l";
/// Or, failing that marker, once the output has been quiet this long.
const SETTLE: Duration = Duration::from_millis(100);

/// What the reader thread has seen so far.
struct Output {
    raw: Vec<u8>,
    screen: vt100::Parser,
    /// When the last byte arrived (or when the child was started).
    last: Instant,
    /// The pty reported end of file or an error: the child and its terminal are gone.
    closed: bool,
}

struct Shared {
    output: Mutex<Output>,
    changed: Condvar,
}

impl Output {
    /// Has the last frame been written out whole (see [`FRAME_END`])?
    fn settled(&self) -> bool {
        self.closed || self.raw.ends_with(FRAME_END) || self.last.elapsed() >= SETTLE
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Output> {
        // A panicking test thread must not hide the output from the next assertion.
        self.output
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The browser running in a pseudo-terminal of a given size.
pub struct PtySession {
    child: Box<dyn Child + Send + Sync>,
    /// `None` once the test has hung up (closed the terminal's master side).
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    shared: Arc<Shared>,
    reader: Option<JoinHandle<()>>,
    /// Tells the reader thread to close its side of the pty (for a hang-up).
    stop_reading: Arc<std::sync::atomic::AtomicBool>,
    cols: u16,
    rows: u16,
    // Holds HOME and the XDG directories; removed when the session ends.
    home: TempDir,
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).expect("at least 1")
}

impl PtySession {
    /// Start `nghiquyet` (no arguments: the browser on the embedded corpus) in a `cols`×`rows`
    /// pty with a clean environment.
    pub fn spawn(cols: u16, rows: u16) -> Self {
        Self::spawn_with(cols, rows, &[], &[])
    }

    /// Like [`spawn`](Self::spawn), with arguments and extra environment variables.
    pub fn spawn_with(cols: u16, rows: u16, args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::spawn_program(cols, rows, &binary(), args, env)
    }

    /// Run any program (a shell around the browser, say) in the pty, with the same clean
    /// environment as [`spawn_with`](Self::spawn_with).
    pub fn spawn_program(
        cols: u16,
        rows: u16,
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Self {
        let home = tempfile::tempdir().expect("temporary HOME");
        let pair = {
            // Not close-on-exec until openpty returns: no child may fork meanwhile.
            let _pty = crate::spawn::pty_guard();
            native_pty_system().openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
        }
        .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        let dir = |name: &str| {
            let p = home.path().join(name);
            std::fs::create_dir_all(&p).expect("create XDG directory");
            p
        };
        cmd.env("HOME", home.path());
        cmd.env("XDG_STATE_HOME", dir("state"));
        cmd.env("XDG_DATA_HOME", dir("data"));
        cmd.env("XDG_CONFIG_HOME", dir("config"));
        cmd.env("XDG_CACHE_HOME", dir("cache"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(home.path());
        let child = pair.slave.spawn_command(cmd).expect("spawn nghiquyet");
        // Only the child may hold the slave side, so reads see EOF once it exits.
        drop(pair.slave);
        let master = pair.master;
        let mut reader = master.try_clone_reader().expect("pty reader");
        let writer = master.take_writer().expect("pty writer");
        let fd = master
            .as_raw_fd()
            .expect("the pty master has a file descriptor");
        let stop_reading = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        let shared = Arc::new(Shared {
            output: Mutex::new(Output {
                raw: Vec::new(),
                screen: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
                last: Instant::now(),
                closed: false,
            }),
            changed: Condvar::new(),
        });
        let feed = Arc::clone(&shared);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                // Wait for output a little at a time, so a hang-up can close this side.
                let mut pfd = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd for the master, which outlives this thread.
                let ready = unsafe { libc::poll(&raw mut pfd, 1, 20) };
                if stop.load(std::sync::atomic::Ordering::SeqCst) {
                    return;
                }
                if ready == 0 {
                    continue;
                }
                let n = match reader.read(&mut buf) {
                    Ok(0) | Err(_) => 0,
                    Ok(n) => n,
                };
                let mut out = feed.lock();
                if n == 0 {
                    out.closed = true;
                    feed.changed.notify_all();
                    return;
                }
                out.raw.extend_from_slice(&buf[..n]);
                out.screen.process(&buf[..n]);
                out.last = Instant::now();
                feed.changed.notify_all();
            }
        });
        PtySession {
            child,
            master: Some(master),
            writer: Some(writer),
            shared,
            reader: Some(reader),
            stop_reading,
            cols,
            rows,
            home,
        }
    }

    /// The session's temporary HOME (the XDG directories are `state`, `data`, `config` and
    /// `cache` in it).
    pub fn home(&self) -> &std::path::Path {
        self.home.path()
    }

    /// Type `keys` (raw bytes as a terminal sends them: `\r` is Enter, `\t` Tab, `\x1b` Esc).
    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is still open");
        writer
            .write_all(keys.as_bytes())
            .and_then(|()| writer.flush())
            .unwrap_or_else(|e| panic!("writing {keys:?} to the pty: {e}"));
    }

    /// Resize the pty (the child gets SIGWINCH) and the emulated screen with it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.shared
            .lock()
            .screen
            .set_size(nonzero(rows), nonzero(cols));
        self.master
            .as_ref()
            .expect("the terminal is still open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        self.cols = cols;
        self.rows = rows;
    }

    /// The screen as text, one line per row.
    pub fn screen_text(&self) -> String {
        self.shared.lock().screen.screen().contents()
    }

    /// Row `y` of the screen as text (empty past the bottom).
    pub fn row(&self, y: u16) -> String {
        let out = self.shared.lock();
        out.screen
            .screen()
            .rows(0, self.cols)
            .nth(usize::from(y))
            .unwrap_or_default()
    }

    /// The last row: the status bar.
    pub fn status_line(&self) -> String {
        self.row(self.rows.saturating_sub(1))
    }

    /// Everything the child wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.shared.lock().raw.clone()
    }

    /// How many bytes the child wrote so far.
    pub fn raw_len(&self) -> usize {
        self.shared.lock().raw.len()
    }

    /// Is the vt100 screen showing the alternate screen?
    pub fn alternate_screen(&self) -> bool {
        self.shared.lock().screen.screen().alternate_screen()
    }

    /// Wait until `done` holds for the screen as a whole frame left it; on timeout fail,
    /// naming `what` and showing the screen.
    pub fn wait_until(&self, what: &str, timeout: Duration, done: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + timeout;
        let mut out = self.shared.lock();
        loop {
            if out.settled() && done(out.screen.screen()) {
                return;
            }
            let now = Instant::now();
            if now >= deadline {
                let screen = out.screen.screen().contents();
                let closed = out.closed;
                drop(out);
                panic!(
                    "timed out after {timeout:?} waiting for {what}\n\
                     (pty closed: {closed})\n--- screen ---\n{screen}\n--------------"
                );
            }
            // Woken by new output; the short cap also re-checks a screen that never changes.
            let wait = (deadline - now).min(Duration::from_millis(50));
            out = self
                .shared
                .changed
                .wait_timeout(out, wait)
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
    }

    /// Wait until the screen shows `text`.
    pub fn wait_for(&self, text: &str, timeout: Duration) {
        self.wait_until(&format!("{text:?} on screen"), timeout, |s| {
            s.contents().contains(text)
        });
    }

    /// Wait until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str, timeout: Duration) {
        self.wait_until(&format!("{text:?} to leave the screen"), timeout, |s| {
            !s.contents().contains(text)
        });
    }

    /// Wait until the child has written nothing for `quiet`; returns the bytes written in
    /// all since `since` (a [`raw_len`](Self::raw_len) taken earlier).
    pub fn wait_idle(&self, since: usize, quiet: Duration, timeout: Duration) -> usize {
        let deadline = Instant::now() + timeout;
        let mut out = self.shared.lock();
        loop {
            let now = Instant::now();
            let silent = now.saturating_duration_since(out.last);
            if silent >= quiet {
                return out.raw.len() - since;
            }
            if now >= deadline {
                let screen = out.screen.screen().contents();
                drop(out);
                panic!(
                    "the child never went quiet for {quiet:?} within {timeout:?}\n\
                     --- screen ---\n{screen}\n--------------"
                );
            }
            let wait = quiet.checked_sub(silent).unwrap().min(deadline - now);
            out = self
                .shared
                .changed
                .wait_timeout(out, wait)
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
    }

    /// Wait until the child has written something after byte `since`.
    pub fn wait_output(&self, since: usize, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        let mut out = self.shared.lock();
        while out.raw.len() <= since {
            let now = Instant::now();
            if now >= deadline || out.closed {
                let screen = out.screen.screen().contents();
                drop(out);
                panic!("no output within {timeout:?}\n--- screen ---\n{screen}\n--------------");
            }
            out = self
                .shared
                .changed
                .wait_timeout(out, deadline - now)
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
    }

    /// Note the time as if output had just arrived, so a following
    /// [`wait_idle`](Self::wait_idle) measures quiet from now.
    pub fn mark(&self) -> usize {
        let mut out = self.shared.lock();
        out.last = Instant::now();
        out.raw.len()
    }

    /// The child's process id.
    pub fn pid(&self) -> i32 {
        let pid = self.child.process_id().expect("the child has a pid");
        i32::try_from(pid).expect("pid fits in i32")
    }

    /// Send `signal` to the child.
    pub fn signal(&self, signal: libc::c_int) {
        // SAFETY: kill(2) with a pid we spawned and a valid signal number has no memory
        // effects on this process.
        let rc = unsafe { libc::kill(self.pid(), signal) };
        assert_eq!(
            rc,
            0,
            "kill({}, {signal}): {}",
            self.pid(),
            std::io::Error::last_os_error()
        );
    }

    /// Are canonical mode and echo on in the pty (that is, not raw mode)? `None` when the
    /// terminal settings cannot be read.
    pub fn cooked_mode(&self) -> Option<bool> {
        let fd = self.master.as_ref()?.as_raw_fd()?;
        // SAFETY: termios is plain data that tcgetattr fills in; fd is the open pty master,
        // whose settings on Linux are those of the terminal the child used.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(fd, &raw mut t) } != 0 {
            return None;
        }
        Some(t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0)
    }

    /// Close the terminal as a dropped SSH connection does: every master-side descriptor
    /// goes, so the child's terminal hangs up (SIGHUP, then EIO on reads and writes).
    pub fn hang_up(&mut self) {
        self.stop_reading
            .store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        self.shared.lock().closed = true;
        self.writer = None;
        self.master = None;
    }

    /// Wait for the child to exit (after a [`hang_up`](Self::hang_up): nothing to drain).
    pub fn wait_exit_after_hang_up(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return status,
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Ok(None) => panic!("the child did not exit within {timeout:?} of the hang-up"),
                Err(e) => panic!("waiting for the child: {e}"),
            }
        }
    }

    /// Wait for the child to exit, then for its output to be drained to the end.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Ok(None) => panic!(
                    "the child did not exit within {timeout:?}\n--- screen ---\n{}\n--------------",
                    self.screen_text()
                ),
                Err(e) => panic!("waiting for the child: {e}"),
            }
        };
        // The child is gone: the reader sees EOF as soon as it has read what was left.
        self.wait_closed(Duration::from_secs(5));
        status
    }

    fn wait_closed(&mut self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        let mut out = self.shared.lock();
        while !out.closed {
            let now = Instant::now();
            assert!(
                now < deadline,
                "the pty was not closed {timeout:?} after the child exited"
            );
            out = self
                .shared
                .changed
                .wait_timeout(out, deadline - now)
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
        drop(out);
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
    }
}

impl Drop for PtySession {
    fn drop(&mut self) {
        // Never leave a browser behind, whatever the test did.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The binary under test: this build's, or `NGHIQUYET_TEST_BIN` (to check that a test fails
/// on an older build).
pub fn binary() -> String {
    std::env::var("NGHIQUYET_TEST_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_nghiquyet").to_string())
}

/// Position of the last occurrence of `needle` in `haystack`.
pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
