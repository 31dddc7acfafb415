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

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use portable_pty::ExitStatus;

#[path = "../common/mod.rs"]
mod common;
mod orphans;
mod pty;
mod report;

use orphans::{orphan_bookmarks, orphan_id};
use pty::Session;
use report::{ms, new_id, printed_id, shown_tail, summary};

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
    let bin = common::binary_checked(bin, &corpus);
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
