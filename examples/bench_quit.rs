//! What the user feels when quitting the browser on a large corpus with many orphaned
//! bookmarks: the release binary runs in a pseudo-terminal, and the benchmark times from the
//! `q` key being written to the pty until (a) the leave-alternate-screen sequence
//! (`ESC [?1049l`) arrives and (b) the process has exited.
//!
//! A second session per run presses `b` (bookmark the passage) and at once `q`, then checks
//! that the new bookmark reached the bookmarks file (or, if it did not, whether it was printed
//! after the terminal was restored) and reports the exit status.
//!
//! Each session gets its own temporary HOME / XDG directories and a freshly generated
//! bookmarks file of `--bookmarks N` orphans: ids of documents and passages that are in no
//! corpus, and quotes of random Vietnamese-looking words that match no passage, so resolving
//! them takes the slowest path (a scan of every passage). Generation is deterministic.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example bench_quit -- --corpus flat.json \
//!     [--runs 5] [--bookmarks 1000] [--bin target/release/nghiquyet] [--wait-after-load 2]
//! ```
//!
//! A peer is measured in the same run: fzf (`--fzf PATH`, or `none` to skip) over the same
//! passages, one per line, in the same pty; once it has read them all, the same wait, then
//! Ctrl-C (its abort key). Its rows in the summary are labelled `fzf`, and its "q" is Ctrl-C.
//!
//! `--write-bookmarks FILE` only writes the generated bookmarks file, to check that every
//! bookmark is orphaned: `nghiquyet bookmarks list --corpus flat.json --bookmarks FILE`.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, ExitStatus, PtySize, native_pty_system};

/// The leave-alternate-screen sequence that the browser writes when it restores the terminal.
const LEAVE_ALT_SCREEN: &[u8] = b"\x1b[?1049l";
/// Cursor shown again: written by the restore right after leaving the alternate screen.
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
/// What ratatui writes last in every frame (hide the cursor): a frame is whole once it came.
const FRAME_END: &[u8] = b"\x1b[?25l";
/// Or, failing that marker, once the output has been quiet this long.
const SETTLE: Duration = Duration::from_millis(100);
/// The longest the corpus may take to load, and the browser to exit after `q`.
const LOAD_TIMEOUT: Duration = Duration::from_mins(1);
const EXIT_TIMEOUT: Duration = Duration::from_mins(1);
const COLS: u16 = 120;
const ROWS: u16 = 40;
/// Bytes of the output after the leave-alternate-screen sequence shown per run.
const TAIL_BYTES: usize = 300;

struct Args {
    corpus: PathBuf,
    runs: usize,
    bookmarks: usize,
    bin: PathBuf,
    wait_after_load: Duration,
    /// Only write the generated bookmarks file here (to check it, e.g. with
    /// `nghiquyet bookmarks list`) and exit.
    write_bookmarks: Option<PathBuf>,
    /// The peer measured in the same run (`--fzf none` to skip): fzf over the same passages.
    fzf: Option<PathBuf>,
}

fn usage() -> ! {
    eprintln!(
        "usage: bench_quit --corpus FILE [--runs N] [--bookmarks N] [--bin PATH] \
         [--wait-after-load SECS] [--write-bookmarks FILE] [--fzf PATH|none]"
    );
    std::process::exit(2)
}

fn args() -> Args {
    let mut corpus = None;
    let mut runs = 5;
    let mut bookmarks = 1000;
    let mut bin = None;
    let mut wait = 2.0f64;
    let mut write_bookmarks = None;
    let mut fzf = Some(PathBuf::from("fzf"));
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let Some(v) = it.next() else { usage() };
        match k.as_str() {
            "--corpus" => corpus = Some(PathBuf::from(v)),
            "--runs" => runs = v.parse().unwrap_or_else(|_| usage()),
            "--bookmarks" => bookmarks = v.parse().unwrap_or_else(|_| usage()),
            "--bin" => bin = Some(PathBuf::from(v)),
            "--wait-after-load" => wait = v.parse().unwrap_or_else(|_| usage()),
            "--write-bookmarks" => write_bookmarks = Some(PathBuf::from(v)),
            "--fzf" => fzf = (v != "none").then(|| PathBuf::from(v)),
            _ => usage(),
        }
    }
    let Some(corpus) = corpus else { usage() };
    // target/release/examples/bench_quit → target/release/nghiquyet
    let bin = bin.unwrap_or_else(|| {
        std::env::current_exe()
            .ok()
            .and_then(|e| e.parent()?.parent().map(|d| d.join("nghiquyet")))
            .unwrap_or_else(|| PathBuf::from("target/release/nghiquyet"))
    });
    if !bin.is_file() {
        eprintln!(
            "{}: no such binary (build it with `cargo build --release`, or pass --bin PATH)",
            bin.display()
        );
        std::process::exit(2);
    }
    if !corpus.is_file() {
        eprintln!("{}: no such corpus file", corpus.display());
        std::process::exit(2);
    }
    Args {
        corpus,
        runs: runs.max(1),
        bookmarks,
        bin,
        wait_after_load: Duration::from_secs_f64(wait.max(0.0)),
        write_bookmarks,
        // Only where it runs.
        fzf: fzf.filter(|f| Command::new(f).arg("--version").output().is_ok()),
    }
}

// ---------------------------------------------------------------------------------------
// The bookmarks file: N orphans, deterministic.

/// A tiny xorshift64 generator: the same file every time, no extra crate.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[usize::try_from(self.next() % items.len() as u64).unwrap()]
    }
}

const ONSETS: &[&str] = &[
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
];
const VOWELS: &[&str] = &[
    "a", "á", "à", "ả", "ã", "ạ", "ă", "ắ", "ằ", "ặ", "â", "ấ", "ầ", "ẩ", "ậ", "e", "é", "è", "ẻ",
    "ẹ", "ê", "ế", "ề", "ể", "ệ", "i", "í", "ì", "ỉ", "ị", "o", "ó", "ò", "ỏ", "ọ", "ô", "ố", "ồ",
    "ổ", "ộ", "ơ", "ớ", "ờ", "ở", "ợ", "u", "ú", "ù", "ủ", "ụ", "ư", "ứ", "ừ", "ử", "ự", "y", "ý",
    "oa", "oá", "uy", "uý", "ươ", "ướ", "iê", "iế", "uô", "uố",
];
const CODAS: &[&str] = &[
    "", "", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u",
];

/// A made-up syllable that looks Vietnamese: onset, vowel with a tone mark, coda.
fn syllable(r: &mut XorShift) -> String {
    format!("{}{}{}", r.pick(ONSETS), r.pick(VOWELS), r.pick(CODAS))
}

/// `n` words, the first capitalised, ending with a full stop.
fn sentence(r: &mut XorShift, n: usize) -> String {
    let words: Vec<String> = (0..n).map(|_| syllable(r)).collect();
    let mut s = words.join(" ");
    if let Some(c) = s.chars().next() {
        let upper: String = c.to_uppercase().collect();
        s.replace_range(..c.len_utf8(), &upper);
    }
    s.push('.');
    s
}

/// The ids of the generated bookmarks: `b` and 10 hex digits, as the browser makes them.
fn orphan_id(i: usize) -> String {
    format!("b{:010x}", 0x0b_e000_0000u64 + i as u64)
}

/// A bookmarks file of `n` orphaned bookmarks, in the project's format (version 1).
fn orphan_bookmarks(n: usize) -> serde_json::Value {
    let mut r = XorShift(0x2545_f491_4f6c_dd1d);
    let bookmarks: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let len = 18 + (r.next() % 20) as usize;
            let text = sentence(&mut r, len);
            let prefix = sentence(&mut r, 8);
            let suffix = sentence(&mut r, 8);
            let title = sentence(&mut r, 7);
            serde_json::json!({
                "id": orphan_id(i),
                "created": "2026-01-01T00:00:00Z",
                // Neither exists in any corpus: ids there are `NNN_<16 hex>` and `p<12 hex>`.
                "doc": format!("zz_orphan_{i:06}"),
                "passage": format!("pzz{i:09}"),
                "quote": {"text": text, "prefix": prefix, "suffix": suffix},
                "note": format!("orphan {i}"),
                "tags": ["bench"],
                "locality": null,
                "title": title,
                "section": null,
            })
        })
        .collect();
    serde_json::json!({"format": "nghiquyet-bookmarks", "version": 1, "bookmarks": bookmarks})
}

// ---------------------------------------------------------------------------------------
// The browser in a pty (after tests/it/common_pty, with the timing this benchmark needs).

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

struct Session {
    pid: i32,
    writer: Box<dyn Write + Send>,
    shared: Arc<Shared>,
    reader: Option<JoinHandle<()>>,
    /// The exit status and when `wait` returned, from the thread that waits for the child.
    exited: mpsc::Receiver<(Result<ExitStatus, String>, Instant)>,
    exit: Option<(Result<ExitStatus, String>, Instant)>,
    started: Instant,
    // Keeps the pty master open while the session lives.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn spawn(bin: &Path, args: &[&std::ffi::OsStr], home: &Path) -> anyhow::Result<Session> {
        let pair = native_pty_system().openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        let mut cmd = CommandBuilder::new(bin);
        cmd.args(args);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("HOME", home);
        for (var, name) in [
            ("XDG_STATE_HOME", "state"),
            ("XDG_DATA_HOME", "data"),
            ("XDG_CONFIG_HOME", "config"),
        ] {
            let dir = home.join(name);
            std::fs::create_dir_all(&dir)?;
            cmd.env(var, dir);
        }
        cmd.cwd(home);
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

    fn send(&mut self, keys: &[u8]) -> anyhow::Result<()> {
        self.writer.write_all(keys)?;
        self.writer.flush()?;
        Ok(())
    }

    /// Wait until the corpus has loaded: the loading line is gone and the panes and the status
    /// bar are drawn. Returns when the frame showing it arrived.
    fn wait_loaded(&self, timeout: Duration) -> anyhow::Result<(Instant, String)> {
        self.wait_ready(timeout, |s| {
            let text = s.contents();
            let loading = text.contains("Đang tải") || text.contains("Dang tai");
            s.alternate_screen() && !loading && !status_row(s).is_empty()
        })
    }

    /// Wait until a whole frame satisfies `ready`; returns when it arrived and the last row.
    fn wait_ready(
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
    fn wait_exit(&mut self, timeout: Duration) -> Option<(Result<ExitStatus, String>, Instant)> {
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

    fn raw(&self) -> Vec<u8> {
        self.shared.lock().raw.clone()
    }

    fn last_status(&self) -> String {
        self.shared.lock().last_status.clone()
    }

    fn leave(&self) -> Option<(usize, Instant)> {
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

// ---------------------------------------------------------------------------------------
// One run.

/// What one session measured.
struct Quit {
    load: Duration,
    /// `q` written → leave-alternate-screen sequence read; `None` if it never came.
    to_leave: Option<Duration>,
    /// `q` written → the process exited; `None` on a timeout (the child was killed).
    to_exit: Option<Duration>,
    status: String,
    /// What came after the leave-alternate-screen sequence (cursor shown again left out).
    after: Vec<u8>,
    /// For `b` `q`: is a bookmark other than the generated ones in the file?
    new_in_file: Option<bool>,
    file_count: Option<usize>,
    /// The status bar once loaded, and in the last frame before the alternate screen was left.
    status_at_load: String,
    status_at_exit: String,
}

/// One timing of a session.
type Metric = fn(&Quit) -> Option<Duration>;

fn status_text(s: &Result<ExitStatus, String>) -> String {
    match s {
        Ok(s) => match s.signal() {
            Some(sig) => format!("signal {sig}"),
            None => format!("{}", s.exit_code()),
        },
        Err(e) => format!("wait failed: {e}"),
    }
}

fn session(a: &Args, bookmark_first: bool) -> anyhow::Result<Quit> {
    let home = tempfile::tempdir()?;
    let bfile = home.path().join("bookmarks.json");
    std::fs::write(
        &bfile,
        serde_json::to_vec_pretty(&orphan_bookmarks(a.bookmarks))?,
    )?;
    let argv: Vec<&std::ffi::OsStr> = vec![
        "--corpus".as_ref(),
        a.corpus.as_os_str(),
        "--bookmarks".as_ref(),
        bfile.as_os_str(),
        "--fresh".as_ref(),
    ];
    let mut s = Session::spawn(&a.bin, &argv, home.path())?;
    let (loaded, status_at_load) = s.wait_loaded(LOAD_TIMEOUT)?;
    let load = loaded - s.started;
    std::thread::sleep(a.wait_after_load);
    if bookmark_first {
        s.send(b"b")?;
    }
    let q = Instant::now();
    s.send(b"q")?;
    let exit = s.wait_exit(EXIT_TIMEOUT);
    let raw = s.raw();
    let leave = s.leave();
    let status_at_exit = s.last_status();
    let to_leave = leave.map(|(_, t)| t.saturating_duration_since(q));
    let after = match leave {
        Some((at, _)) => {
            let rest = &raw[at + LEAVE_ALT_SCREEN.len()..];
            rest.strip_prefix(SHOW_CURSOR).unwrap_or(rest).to_vec()
        }
        None => Vec::new(),
    };
    let (to_exit, status) = match &exit {
        Some((st, t)) => (Some(t.saturating_duration_since(q)), status_text(st)),
        None => (None, format!("timeout after {EXIT_TIMEOUT:?}, killed")),
    };
    let (new_in_file, file_count) = if bookmark_first {
        match read_ids(&bfile) {
            Ok(ids) => {
                // The id the status bar showed, else any id that was not generated.
                let found = if let Some(new) = new_id(&status_at_exit) {
                    ids.contains(&new)
                } else {
                    let known: std::collections::HashSet<String> =
                        (0..a.bookmarks).map(orphan_id).collect();
                    ids.iter().any(|id| !known.contains(id))
                };
                (Some(found), Some(ids.len()))
            }
            Err(e) => {
                eprintln!("warning: reading {}: {e}", bfile.display());
                (None, None)
            }
        }
    } else {
        (None, None)
    };
    Ok(Quit {
        load,
        to_leave,
        to_exit,
        status,
        after,
        new_in_file,
        file_count,
        status_at_load,
        status_at_exit,
    })
}

fn read_ids(path: &Path) -> anyhow::Result<Vec<String>> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path)?)?;
    let list = v
        .get("bookmarks")
        .and_then(|b| b.as_array())
        .ok_or_else(|| anyhow::anyhow!("no \"bookmarks\" array"))?;
    Ok(list
        .iter()
        .filter_map(|b| b.get("id")?.as_str().map(str::to_string))
        .collect())
}

// ---------------------------------------------------------------------------------------
// Reporting.

fn ms(d: Option<Duration>) -> String {
    match d {
        Some(d) => format!("{:.1} ms", d.as_secs_f64() * 1e3),
        None => "—".to_string(),
    }
}

/// Median (upper median for an even count), min and max of the values present, and how many
/// are missing (a timeout, or no leave-alternate-screen sequence).
fn summary(v: &[Option<Duration>]) -> String {
    let mut got: Vec<Duration> = v.iter().flatten().copied().collect();
    if got.is_empty() {
        return "—".to_string();
    }
    got.sort();
    let missing = v.len() - got.len();
    format!(
        "median {:>10}  min {:>10}  max {:>10}{}",
        ms(Some(got[got.len() / 2])),
        ms(got.first().copied()),
        ms(got.last().copied()),
        if missing > 0 {
            format!("  ({missing} missing)")
        } else {
            String::new()
        }
    )
}

/// The first `TAIL_BYTES` bytes, escaped so control sequences show.
fn shown_tail(b: &[u8]) -> String {
    let cut = &b[..b.len().min(TAIL_BYTES)];
    format!("{:?}", String::from_utf8_lossy(cut))
}

/// The id of the bookmark `b` made, from the notice in the status bar
/// (`★ đã đánh dấu b0123456789 · …`).
fn new_id(status: &str) -> Option<String> {
    status
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| {
            w.len() == 11 && w.starts_with('b') && w[1..].bytes().all(|b| b.is_ascii_hexdigit())
        })
        .map(str::to_string)
}

/// Was the new bookmark printed after the terminal was restored (unsaved changes are)?
fn printed_id(q: &Quit) -> bool {
    new_id(&q.status_at_exit)
        .is_some_and(|id| String::from_utf8_lossy(&q.after).contains(id.as_str()))
}

/// Every passage of the corpus on a line of `out`, as fzf reads them; returns how many.
fn write_passages(corpus: &Path, out: &Path) -> anyhow::Result<usize> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(corpus)?)?;
    let mut text = String::new();
    let mut n = 0;
    for d in v["documents"].as_array().into_iter().flatten() {
        for sec in d["sections"].as_array().into_iter().flatten() {
            for p in sec["passages"].as_array().into_iter().flatten() {
                text.push_str(&p["text"].as_str().unwrap_or("").replace('\n', " "));
                text.push('\n');
                n += 1;
            }
        }
    }
    std::fs::write(out, text)?;
    Ok(n)
}

/// The peer in the same run: fzf over the same passages, full screen in the same pty; once
/// it shows `n/n` (all read), wait as for the browser, then press Ctrl-C (fzf's abort; Esc
/// would add its escape-sequence delay) and time key → exit.
fn fzf_session(a: &Args, fzf: &Path, passages: &Path, n: usize) -> anyhow::Result<Quit> {
    let home = tempfile::tempdir()?;
    let script = format!("exec '{}' < '{}'", fzf.display(), passages.display());
    let argv: Vec<&std::ffi::OsStr> = vec!["-c".as_ref(), script.as_ref()];
    let mut s = Session::spawn(Path::new("/bin/sh"), &argv, home.path())?;
    let all = format!("{n}/{n}");
    let (loaded, status_at_load) = s.wait_ready(LOAD_TIMEOUT, |sc| sc.contents().contains(&all))?;
    let load = loaded - s.started;
    std::thread::sleep(a.wait_after_load);
    let q = Instant::now();
    s.send(b"\x03")?;
    let exit = s.wait_exit(EXIT_TIMEOUT);
    let to_leave = s.leave().map(|(_, t)| t.saturating_duration_since(q));
    let (to_exit, status) = match &exit {
        Some((st, t)) => (Some(t.saturating_duration_since(q)), status_text(st)),
        None => (None, format!("timeout after {EXIT_TIMEOUT:?}, killed")),
    };
    Ok(Quit {
        load,
        to_leave,
        to_exit,
        status,
        after: Vec::new(),
        new_in_file: None,
        file_count: None,
        status_at_load,
        status_at_exit: String::new(),
    })
}

fn main() -> anyhow::Result<()> {
    let a = args();
    if let Some(path) = &a.write_bookmarks {
        std::fs::write(
            path,
            serde_json::to_vec_pretty(&orphan_bookmarks(a.bookmarks))?,
        )?;
        println!("wrote {} bookmarks to {}", a.bookmarks, path.display());
        return Ok(());
    }
    let size = std::fs::metadata(&a.corpus)?.len();
    println!(
        "binary: {}\ncorpus: {} ({:.1} MB); {} orphaned bookmarks; {} runs; {:.1} s after load \
         before q; pty {COLS}×{ROWS}",
        a.bin.display(),
        a.corpus.display(),
        size as f64 / 1e6,
        a.bookmarks,
        a.runs,
        a.wait_after_load.as_secs_f64(),
    );
    let passages_dir = tempfile::tempdir()?;
    let peer = match &a.fzf {
        Some(fzf) => {
            let file = passages_dir.path().join("passages.txt");
            let n = write_passages(&a.corpus, &file)?;
            println!(
                "peer: {} over the same {n} passages, one per line",
                fzf.display()
            );
            Some((fzf.clone(), file, n))
        }
        None => None,
    };
    let mut plain = Vec::new();
    let mut marked = Vec::new();
    let mut peers = Vec::new();
    for run in 1..=a.runs {
        if let Some((fzf, file, n)) = &peer {
            let f = fzf_session(&a, fzf, file, *n)?;
            println!(
                "run {run} fzf: load {:>10}  key→leave-alt {:>8}  key→exit {:>10}  status {}",
                ms(Some(f.load)),
                ms(f.to_leave),
                ms(f.to_exit),
                f.status
            );
            peers.push(f);
        }
        let p = session(&a, false)?;
        println!(
            "run {run} q:   load {:>10}  q→leave-alt {:>10}  q→exit {:>10}  status {}",
            ms(Some(p.load)),
            ms(p.to_leave),
            ms(p.to_exit),
            p.status
        );
        if !p.after.is_empty() {
            println!(
                "    after leaving the alternate screen: {}",
                shown_tail(&p.after)
            );
        }
        if run == 1 {
            println!("    status bar once loaded: {:?}", p.status_at_load);
        }
        plain.push(p);
        let m = session(&a, true)?;
        println!(
            "run {run} b q: load {:>10}  q→leave-alt {:>10}  q→exit {:>10}  status {}  \
             new bookmark in file: {} ({} bookmarks)",
            ms(Some(m.load)),
            ms(m.to_leave),
            ms(m.to_exit),
            m.status,
            match m.new_in_file {
                Some(true) => "yes",
                Some(false) => "no",
                None => "unreadable",
            },
            m.file_count.map_or("?".to_string(), |n| n.to_string()),
        );
        let id = new_id(&m.status_at_exit);
        println!(
            "    after leaving the alternate screen ({} bytes; the new id {} printed: {}): {}",
            m.after.len(),
            id.as_deref().unwrap_or("(not seen)"),
            if printed_id(&m) { "yes" } else { "no" },
            shown_tail(&m.after)
        );
        println!("    status bar before leaving: {:?}", m.status_at_exit);
        marked.push(m);
    }
    let col = |v: &[Quit], f: Metric| -> String { summary(&v.iter().map(f).collect::<Vec<_>>()) };
    let statuses = |v: &[Quit]| -> String {
        v.iter()
            .map(|q| q.status.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("\nsummary over {} runs", a.runs);
    for (label, v) in [("q  ", &plain), ("b q", &marked), ("fzf", &peers)] {
        if v.is_empty() {
            continue;
        }
        let rows: [(&str, Metric); 3] = [
            ("load (spawn → loaded)", |q| Some(q.load)),
            ("q → leave-alt-screen", |q| q.to_leave),
            ("q → exit", |q| q.to_exit),
        ];
        for (what, f) in rows {
            println!("{label}  {what:<22} {}", col(v, f));
        }
        println!("{label}  {:<22} {}", "exit status", statuses(v));
    }
    let saved = marked
        .iter()
        .filter(|q| q.new_in_file == Some(true))
        .count();
    let printed = marked
        .iter()
        .filter(|q| q.new_in_file != Some(true) && printed_id(q))
        .count();
    println!(
        "b q   new bookmark in file   {saved} of {} runs; not saved but printed: {printed}",
        marked.len()
    );
    Ok(())
}
