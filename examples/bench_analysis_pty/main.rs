//! What the user feels in the analysis view (issue 14): the release binary in a 120×40
//! pseudo-terminal, its output parsed by vt100 as it arrives (`bench_keys`' pty and report),
//! fzf beside it in the same run over the same passages.
//!
//! Once the search index is ready, `a` opens the view and each query is typed into its box
//! letter by letter, at `--keys-per-sec` (10) and as fast as the echo allows (each speed in
//! a new session of each program). Measured, as medians and 95th percentiles (nearest
//! rank) over `--runs`:
//! - `a` → the view's first frame;
//! - each key → its echo; → the first frame with table rows counted for the query so far
//!   (the early snapshot or the whole: the title's counts change from those the key's echo
//!   showed); → the frame with its complete counts (the title without `đang đếm…`);
//! - the last key of each query → its complete counts (first frame), and → the output
//!   settled (quiet 400 ms, subtracted), as `bench_keys` times fzf's last key;
//! - on the last query's results: `s` in the places table, Tab through the views, `s` in
//!   the concordance (the worker sorts the lines again) → the frame that shows it;
//! - peak memory.
//!
//! fzf: the same queries typed the same way into `fzf` reading one passage a line; its
//! key → results and last key → settled are `bench_keys`' (its count line written while
//! the box shows the query, no `(NN%)`).
//!
//! The complete frame is read from the title's pending mark, which also covers counts of an
//! older query (the binary must have that: commit "ui/analysis: the title marks counts
//! pending…"); on an older binary every key's echo would pass for complete.
//!
//! ```sh
//! cargo build --release --examples
//! target/release/examples/bench_analysis_pty --corpus /tmp/s12/flat.json \
//!     [--runs 3] [--bin target/release/nghiquyet] [--fzf PATH|none] [--keys-per-sec 10] \
//!     [--queries "nghi quyet,ha noi,nha o xa hoi"]
//! ```

#[path = "../common/mod.rs"]
mod common;
#[allow(
    dead_code,
    reason = "bench_keys' measures: only fzf's start-up and typing"
)]
#[path = "../bench_keys/measure.rs"]
mod measure;
#[path = "../bench_keys/passages.rs"]
mod passages;
#[allow(
    dead_code,
    reason = "bench_keys' programs: some keys are not used here"
)]
#[path = "../bench_keys/program.rs"]
mod program;
#[allow(
    dead_code,
    reason = "bench_keys' pty session: some helpers are not used here"
)]
#[path = "../bench_keys/pty.rs"]
mod pty;
#[allow(
    dead_code,
    reason = "bench_keys' report: byte counts and ratios are not used here"
)]
#[path = "../bench_keys/report.rs"]
mod report;
mod view;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use program::Program;
use report::{Row, Samples, Unit};

const QUERIES: &[&str] = &["nghi quyet", "ha noi", "nha o xa hoi"];

struct Args {
    corpus: PathBuf,
    runs: usize,
    bin: PathBuf,
    fzf: Option<PathBuf>,
    interval: Duration,
    queries: Vec<String>,
    /// Print every key's times.
    verbose: bool,
}

fn usage() -> ! {
    eprintln!(
        "usage: bench_analysis_pty --corpus FILE [--runs N] [--bin PATH] [--fzf PATH|none] \
         [--keys-per-sec N] [--queries \"q1,q2\"] [--verbose]"
    );
    std::process::exit(2)
}

fn args() -> Args {
    let mut corpus = None;
    let mut runs = 3;
    let mut bin = None;
    let mut fzf = Some(PathBuf::from("fzf"));
    let mut per_sec = 10.0f64;
    let mut queries: Vec<String> = QUERIES.iter().map(|q| (*q).to_string()).collect();
    let mut verbose = false;
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        if k == "--verbose" {
            verbose = true;
            continue;
        }
        let Some(v) = it.next() else { usage() };
        match k.as_str() {
            "--corpus" => corpus = Some(PathBuf::from(v)),
            "--runs" => runs = v.parse().unwrap_or_else(|_| usage()),
            "--bin" => bin = Some(PathBuf::from(v)),
            "--fzf" => fzf = (v != "none").then(|| PathBuf::from(v)),
            "--keys-per-sec" => per_sec = v.parse().unwrap_or_else(|_| usage()),
            "--queries" => {
                queries = v
                    .split(',')
                    .map(|q| q.trim().to_string())
                    .filter(|q| !q.is_empty())
                    .collect();
            }
            _ => usage(),
        }
    }
    let Some(corpus) = corpus else { usage() };
    let bin = common::binary_checked(bin, &corpus);
    if !(per_sec > 0.0 && per_sec.is_finite()) || queries.is_empty() {
        usage()
    }
    Args {
        corpus,
        runs: runs.max(1),
        bin,
        fzf: fzf.filter(|f| Command::new(f).arg("--version").output().is_ok()),
        interval: Duration::from_secs_f64(1.0 / per_sec),
        queries,
        verbose,
    }
}

/// fzf's session: start-up, then the queries typed at `pace` (`bench_keys`' measures).
fn fzf_session(p: &Program, queries: &[&str], pace: measure::Pace) -> FzfSession {
    let started = tempfile::tempdir().and_then(|home| {
        let started = p.spawn(home.path()).map_err(std::io::Error::other)?;
        Ok((home, started))
    });
    let (_home, started) = match started {
        Ok(s) => s,
        Err(e) => {
            eprintln!("fzf: {e}");
            return FzfSession::default();
        }
    };
    let mut s = started.session;
    let startup = measure::startup(p, &mut s, started.first_frame, started.ready);
    let mut typed = Vec::new();
    if startup.searched.is_some() {
        for q in queries {
            typed.push(measure::type_query(p, &mut s, q, pace));
        }
    } else {
        eprintln!(
            "fzf: not searchable; screen:\n{}",
            s.with_screen(vt100::Screen::contents)
        );
    }
    s.quit(p.quit_keys(), Duration::from_secs(10));
    FzfSession {
        ready: startup.ready,
        typed,
    }
}

/// What one fzf session measured: spawn → every line read, and the queries typed.
#[derive(Default)]
struct FzfSession {
    ready: Option<Duration>,
    typed: Vec<measure::Typed>,
}

fn ms(d: Option<Duration>) -> String {
    d.map_or("—".into(), |d| format!("{:.0}", d.as_secs_f64() * 1e3))
}

/// Every session of both programs, by typing speed.
#[derive(Default)]
struct Runs {
    nq_paced: Vec<view::Measured>,
    nq_fast: Vec<view::Measured>,
    fzf_paced: Vec<FzfSession>,
    fzf_fast: Vec<FzfSession>,
}

fn nq_keys(v: &[view::Measured]) -> impl Iterator<Item = &view::Key> {
    v.iter().flat_map(|m| &m.typed).flat_map(|t| &t.keys)
}

fn nq_typed<'a>(
    v: &'a [view::Measured],
    query: Option<&'a str>,
) -> impl Iterator<Item = &'a view::Typed> {
    v.iter()
        .flat_map(|m| &m.typed)
        .filter(move |t| query.is_none_or(|q| t.query == q))
}

fn fzf_typed<'a>(
    v: &'a [FzfSession],
    queries: &'a [String],
    query: Option<&'a str>,
) -> impl Iterator<Item = &'a measure::Typed> {
    // `bench_keys`' Typed does not name its query: they come in the order typed.
    v.iter().flat_map(move |s| {
        s.typed
            .iter()
            .zip(queries)
            .filter(move |(_, q)| query.is_none_or(|x| x == q.as_str()))
            .map(|(t, _)| t)
    })
}

fn times(v: impl IntoIterator<Item = Option<Duration>>) -> Samples {
    Samples::times(v)
}

fn rows(r: &Runs, queries: &[String], per_sec: f64, have_fzf: bool) -> Vec<Row> {
    let speed = format!("{per_sec:.0} keys/s");
    let fzf = |s: Samples| have_fzf.then_some(s);
    let nq_all = || r.nq_paced.iter().chain(&r.nq_fast);
    let mut out = vec![
        Row {
            metric: "spawn → index ready (fzf: all lines read)".into(),
            unit: Unit::Ms,
            nq: times(nq_all().map(|m| m.indexed)),
            fzf: fzf(times(
                r.fzf_paced.iter().chain(&r.fzf_fast).map(|s| s.ready),
            )),
        },
        Row {
            metric: "a → the view's first frame".into(),
            unit: Unit::Ms,
            nq: times(nq_all().map(|m| m.open)),
            fzf: None,
        },
    ];
    for (pace, nq, fz) in [
        (speed.as_str(), &r.nq_paced, &r.fzf_paced),
        ("fast", &r.nq_fast, &r.fzf_fast),
    ] {
        let fzf_keys = || fzf_typed(fz, queries, None).flat_map(|t| &t.keys);
        out.extend([
            Row {
                metric: format!("letter → echo, {pace}"),
                unit: Unit::Ms,
                nq: times(nq_keys(nq).map(|k| k.echo)),
                fzf: fzf(times(fzf_keys().map(|k| k.echo))),
            },
            Row {
                metric: format!("key → first rows, {pace} (fzf: its results)"),
                unit: Unit::Ms,
                nq: times(nq_keys(nq).map(|k| k.first)),
                fzf: fzf(times(fzf_keys().map(|k| k.results))),
            },
            Row {
                metric: format!("key → complete counts, {pace} (fzf: its results)"),
                unit: Unit::Ms,
                nq: times(nq_keys(nq).map(|k| k.complete)),
                fzf: fzf(times(fzf_keys().map(|k| k.results))),
            },
            Row {
                metric: format!("last key → first rows, {pace}"),
                unit: Unit::Ms,
                nq: times(nq_typed(nq, None).map(|t| t.last().and_then(|k| k.first))),
                fzf: fzf(times(
                    fzf_typed(fz, queries, None).map(|t| t.keys.last().and_then(|k| k.results)),
                )),
            },
        ]);
        for q in queries {
            out.push(Row {
                metric: format!("last key → complete, {pace}: \"{q}\" (fzf: final results)"),
                unit: Unit::Ms,
                nq: times(nq_typed(nq, Some(q)).map(|t| t.last().and_then(|k| k.complete))),
                fzf: fzf(times(
                    fzf_typed(fz, queries, Some(q)).map(|t| t.keys.last().and_then(|k| k.results)),
                )),
            });
        }
        out.extend([
            Row {
                metric: format!("last key → output settled, {pace}"),
                unit: Unit::Ms,
                nq: times(nq_typed(nq, None).map(|t| t.settled)),
                fzf: fzf(times(fzf_typed(fz, queries, None).map(|t| t.last))),
            },
            Row {
                metric: format!("first key → last complete, {pace} (whole query)"),
                unit: Unit::Ms,
                nq: times(nq_typed(nq, None).map(|t| t.whole)),
                fzf: fzf(times(fzf_typed(fz, queries, None).map(|t| t.whole))),
            },
        ]);
    }
    out.extend([
        Row {
            metric: "the worker's own time, last query (title's ms)".into(),
            unit: Unit::Ms,
            nq: Samples::values(nq_typed(&r.nq_fast, None).map(|t| t.worker_ms)),
            fzf: None,
        },
        Row {
            metric: "s in the places table → frame".into(),
            unit: Unit::Ms,
            nq: times(nq_all().flat_map(|m| m.sort_places.iter().copied())),
            fzf: None,
        },
        Row {
            metric: "Tab (next view) → frame".into(),
            unit: Unit::Ms,
            nq: times(nq_all().flat_map(|m| m.tabs.iter().copied())),
            fzf: None,
        },
        Row {
            metric: "s in the concordance → lines sorted".into(),
            unit: Unit::Ms,
            nq: times(nq_all().flat_map(|m| m.sort_lines.iter().copied())),
            fzf: None,
        },
        Row {
            metric: "peak memory (VmHWM)".into(),
            unit: Unit::Mb,
            nq: Samples::values(nq_all().map(|m| m.peak_rss.map(|b| b as f64 / 1e6))),
            fzf: None,
        },
    ]);
    out
}

/// One line per nghiquyet session, as it ends (with `verbose`, one per key before it).
fn progress(what: &str, m: &view::Measured, verbose: bool) {
    for t in m.typed.iter().filter(|_| verbose) {
        let mut typed = String::new();
        for (c, k) in t.query.chars().zip(&t.keys) {
            typed.push(c);
            println!(
                "    {typed:<14} echo {:>4}  first rows {:>5}  complete {:>5} ms",
                ms(k.echo),
                ms(k.first),
                ms(k.complete)
            );
        }
        println!("    settled {} ms after the last key", ms(t.settled));
    }
    let lasts: Vec<String> = m
        .typed
        .iter()
        .map(|t| {
            let k = t.last();
            format!(
                "{}: {}/{} ms",
                t.query,
                ms(k.and_then(|k| k.first)),
                ms(k.and_then(|k| k.complete))
            )
        })
        .collect();
    println!(
        "  nghiquyet {what:<6} indexed {:>6} ms  a {:>4} ms  last key → first/complete [{}]",
        ms(m.indexed),
        ms(m.open),
        lasts.join(", ")
    );
}

fn progress_fzf(what: &str, typed: &[measure::Typed], queries: &[String]) {
    let lasts: Vec<String> = typed
        .iter()
        .zip(queries)
        .map(|(t, q)| format!("{q}: {} ms", ms(t.keys.last().and_then(|k| k.results))))
        .collect();
    println!(
        "  fzf       {what:<6} last key → results [{}]",
        lasts.join(", ")
    );
}

fn main() -> anyhow::Result<()> {
    let a = args();
    let file_mb = std::fs::metadata(&a.corpus)?.len() as f64 / 1e6;
    let dir = tempfile::tempdir()?;
    let lines_file = dir.path().join("passages.txt");
    let (docs, n) = passages::passages(&a.corpus, a.fzf.as_ref().map(|_| lines_file.as_path()))?;
    let queries: Vec<&str> = a.queries.iter().map(String::as_str).collect();
    let per_sec = 1.0 / a.interval.as_secs_f64();
    println!(
        "binary: {}\ncorpus: {} ({file_mb:.1} MB, {docs} documents, {n} passages)\n\
         pty {}×{}; {} runs; queries {queries:?}",
        a.bin.display(),
        a.corpus.display(),
        pty::COLS,
        pty::ROWS,
        a.runs,
    );
    let nq = Program::nghiquyet(&a.bin, &a.corpus);
    let peer = a.fzf.as_ref().map(|f| {
        println!(
            "peer: {} over the same {n} passages, one per line",
            f.display()
        );
        Program::fzf(f, &lines_file, n)
    });
    let mut r = Runs::default();
    for run in 1..=a.runs {
        println!("run {run}");
        let paced = view::session(&nq, &queries, view::Pace::Every(a.interval))?;
        progress("paced", &paced, a.verbose);
        r.nq_paced.push(paced);
        let fast = view::session(&nq, &queries, view::Pace::Echo)?;
        progress("fast", &fast, a.verbose);
        r.nq_fast.push(fast);
        if let Some(p) = &peer {
            let paced = fzf_session(p, &queries, measure::Pace::Every(a.interval));
            progress_fzf("paced", &paced.typed, &a.queries);
            r.fzf_paced.push(paced);
            let fast = fzf_session(p, &queries, measure::Pace::Echo);
            progress_fzf("fast", &fast.typed, &a.queries);
            r.fzf_fast.push(fast);
        }
    }
    println!(
        "\ncorpus {file_mb:.1} MB, {docs} documents, {n} passages; {} runs; medians and p95 \
         (nearest rank); n = samples (shown/typed where a key's answer can be overtaken)\n",
        a.runs
    );
    print!(
        "{}",
        report::table(&rows(&r, &a.queries, per_sec, peer.is_some()))
    );
    Ok(())
}
