//! What the user feels between a key and the frame that answers it: the release binary runs
//! in a pseudo-terminal (120×40) and its output is parsed by vt100 as it arrives. fzf runs
//! beside it in the same run, in the same pty, over the same passages (one per line).
//!
//! Measured, as medians and 95th percentiles:
//! - start-up: spawn → first frame; → ready (nghiquyet: corpus loaded, panes drawn; fzf:
//!   every line read); → a key pressed then (`j`; fzf: Up) answered; → the search box
//!   opened, a query typed and its final results shown;
//! - typed-letter echo: each letter of a query → the first read that shows it in the box
//!   (text and cursor);
//! - key → final results of the query so far, typing at `--keys-per-sec` (10) and as fast
//!   as the echo allows, per key and for the last key of each query (is there a backlog?);
//! - `j`/`k` in the outline (fzf: Up/Down) → the first byte and the whole frame;
//! - bytes written per key; peak memory (`VmHWM`) against the corpus file size.
//!
//! "Final results" is read from the screen: nghiquyet ends its count with `…` in the very
//! frame that shows a changed query, until that query's last results are drawn. fzf shows
//! no sign for the first 200 ms of a search, so for it a key's results also need a write of
//! its count line (`N/M`, no `(NN%)`) written while the box shows the query. For the last key of a
//! query, the time is that of the last byte before the output stayed quiet for 400 ms with
//! the search finished. Each typing speed runs in a new session of each program, so fzf's
//! cache of earlier results never answers.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example bench_keys -- --corpus /tmp/nq/flat.json \
//!     [--runs 3] [--quick] [--bin target/release/nghiquyet] [--fzf PATH|none] [--keys-per-sec 10]
//! cargo run --release --example bench_keys -- --make-big /tmp/nq/big.json \
//!     --from /tmp/nq/flat.json [--times 4]
//! ```
//!
//! `--make-big` writes a corpus of every document of `--from` `--times` times (copies with
//! their own ids, titles, dates, in shuffled orders) and exits.

mod big;
#[path = "../common/mod.rs"]
mod common;
mod measure;
mod passages;
mod program;
mod pty;
mod report;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use measure::{Move, Pace, Startup, Typed};
use program::Program;
use report::{Row, Samples, Unit};

/// Realistic queries, typed without diacritics.
const QUERIES: &[&str] = &[
    "nghi quyet dai hoi",
    "du lich",
    "xay dung nong thon moi",
    "thanh hoa",
    "tang truong kinh te",
];
/// How long a program gets to exit after its quit key before it is killed.
const EXIT_TIMEOUT: Duration = Duration::from_secs(10);

struct Args {
    corpus: PathBuf,
    runs: usize,
    quick: bool,
    bin: PathBuf,
    fzf: Option<PathBuf>,
    interval: Duration,
}

fn usage() -> ! {
    eprintln!(
        "usage: bench_keys --corpus FILE [--runs N] [--quick] [--bin PATH] [--fzf PATH|none] \
         [--keys-per-sec N]\n       bench_keys --make-big OUT.json --from CORPUS [--times N]"
    );
    std::process::exit(2)
}

/// The command line: a benchmark to run, or a corpus to make.
enum Task {
    Bench(Args),
    MakeBig {
        out: PathBuf,
        from: PathBuf,
        times: usize,
    },
}

fn args() -> Task {
    let mut corpus = None;
    let mut runs = None;
    let mut quick = false;
    let mut bin = None;
    let mut fzf = Some(PathBuf::from("fzf"));
    let mut per_sec = 10.0f64;
    let mut make_big = None;
    let mut from = None;
    let mut times = 4;
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        if k == "--quick" {
            quick = true;
            continue;
        }
        let Some(v) = it.next() else { usage() };
        match k.as_str() {
            "--corpus" => corpus = Some(PathBuf::from(v)),
            "--runs" => runs = Some(v.parse().unwrap_or_else(|_| usage())),
            "--bin" => bin = Some(PathBuf::from(v)),
            "--fzf" => fzf = (v != "none").then(|| PathBuf::from(v)),
            "--keys-per-sec" => per_sec = v.parse().unwrap_or_else(|_| usage()),
            "--make-big" => make_big = Some(PathBuf::from(v)),
            "--from" => from = Some(PathBuf::from(v)),
            "--times" => times = v.parse().unwrap_or_else(|_| usage()),
            _ => usage(),
        }
    }
    if let Some(out) = make_big {
        let Some(from) = from else { usage() };
        return Task::MakeBig {
            out,
            from,
            times: times.max(1),
        };
    }
    let Some(corpus) = corpus else { usage() };
    let bin = common::binary_checked(bin, &corpus);
    if !(per_sec > 0.0 && per_sec.is_finite()) {
        usage()
    }
    Task::Bench(Args {
        corpus,
        runs: runs.unwrap_or(if quick { 1 } else { 3 }).max(1),
        quick,
        bin,
        // Only where it runs.
        fzf: fzf.filter(|f| Command::new(f).arg("--version").output().is_ok()),
        interval: Duration::from_secs_f64(1.0 / per_sec),
    })
}

/// What one session of one program measured.
#[derive(Default)]
struct Session {
    startup: Option<Startup>,
    typed: Vec<Typed>,
    moves: Vec<Move>,
    peak_rss: Option<u64>,
}

/// One session: start-up, then the queries typed at `pace`, then (with `moves > 0`) moves
/// in the list; peak memory last.
fn session(p: &Program, queries: &[&str], pace: Pace, moves: usize) -> anyhow::Result<Session> {
    let home = tempfile::tempdir()?;
    let started = p.spawn(home.path())?;
    let mut s = started.session;
    let startup = measure::startup(p, &mut s, started.first_frame, started.ready);
    let mut out = Session::default();
    if startup.searched.is_some() {
        for q in queries {
            out.typed.push(measure::type_query(p, &mut s, q, pace));
        }
        if moves > 0 {
            out.moves = measure::navigate(p, &mut s, moves);
        }
    } else {
        eprintln!(
            "{}: not searchable; screen:\n{}",
            p.label(),
            s.with_screen(vt100::Screen::contents)
        );
    }
    out.startup = Some(startup);
    out.peak_rss = s.peak_rss();
    s.quit(p.quit_keys(), EXIT_TIMEOUT);
    Ok(out)
}

fn ms(d: Option<Duration>) -> String {
    d.map_or("—".into(), |d| format!("{:.0} ms", d.as_secs_f64() * 1e3))
}

/// One line per session, as it ends.
fn progress_line(label: &str, what: &str, s: &Session) {
    let st = s.startup.as_ref();
    let lasts: Vec<String> = s.typed.iter().map(|t| ms(t.last)).collect();
    println!(
        "  {label:<9} {what:<8} first frame {:>7}  ready {:>8}  key {:>8}  searched {:>8}  \
         last keys → results [{}]",
        ms(st.and_then(|s| s.first_frame)),
        ms(st.and_then(|s| s.ready)),
        ms(st.and_then(|s| s.answered)),
        ms(st.and_then(|s| s.searched)),
        lasts.join(", ")
    );
}

/// Every session of one program: `paced` (start-up, typing at the set speed, moves) and
/// `fast` (start-up, typing as fast as the echo allows).
#[derive(Default)]
struct Runs {
    paced: Vec<Session>,
    fast: Vec<Session>,
}

impl Runs {
    fn all(&self) -> impl Iterator<Item = &Session> {
        self.paced.iter().chain(&self.fast)
    }

    fn startup(&self, f: fn(&Startup) -> Option<Duration>) -> Samples {
        Samples::times(self.all().map(|s| s.startup.as_ref().and_then(f)))
    }

    fn keys(v: &[Session]) -> impl Iterator<Item = &measure::Key> {
        v.iter().flat_map(|s| &s.typed).flat_map(|t| &t.keys)
    }

    fn typed(v: &[Session]) -> impl Iterator<Item = &Typed> {
        v.iter().flat_map(|s| &s.typed)
    }

    fn moves(&self) -> impl Iterator<Item = &Move> {
        self.paced.iter().flat_map(|s| &s.moves)
    }
}

/// The rows of the table, for nghiquyet and (if it ran) fzf.
fn rows(nq: &Runs, fzf: Option<&Runs>, per_sec: f64, file_mb: f64) -> Vec<Row> {
    type Metric = Box<dyn Fn(&Runs) -> Samples>;
    let speed = format!("{per_sec:.0} keys/s");
    let metrics: Vec<(String, Unit, Metric)> = vec![
        (
            "spawn → first frame".into(),
            Unit::Ms,
            Box::new(|r| r.startup(|s| s.first_frame)),
        ),
        (
            "spawn → ready (nq: panes drawn; fzf: all lines read)".into(),
            Unit::Ms,
            Box::new(|r| r.startup(|s| s.ready)),
        ),
        (
            "spawn → key answered (nq: j; fzf: Up)".into(),
            Unit::Ms,
            Box::new(|r| r.startup(|s| s.answered)),
        ),
        (
            format!("spawn → search results (\"{}\")", measure::STARTUP_QUERY),
            Unit::Ms,
            Box::new(|r| r.startup(|s| s.searched)),
        ),
        (
            format!("letter → echo, {speed}"),
            Unit::Ms,
            Box::new(|r| Samples::times(Runs::keys(&r.paced).map(|k| k.echo))),
        ),
        (
            "letter → echo, fast".into(),
            Unit::Ms,
            Box::new(|r| Samples::times(Runs::keys(&r.fast).map(|k| k.echo))),
        ),
        (
            format!("key → its results, {speed} (shown/typed)"),
            Unit::Ms,
            Box::new(|r| Samples::times(Runs::keys(&r.paced).map(|k| k.results))),
        ),
        (
            "key → its results, fast (shown/typed)".into(),
            Unit::Ms,
            Box::new(|r| Samples::times(Runs::keys(&r.fast).map(|k| k.results))),
        ),
        (
            format!("last key → results settled, {speed}"),
            Unit::Ms,
            Box::new(|r| Samples::times(Runs::typed(&r.paced).map(|t| t.last))),
        ),
        (
            "last key → results settled, fast".into(),
            Unit::Ms,
            Box::new(|r| Samples::times(Runs::typed(&r.fast).map(|t| t.last))),
        ),
        (
            "first key → last results, fast (whole query)".into(),
            Unit::Ms,
            Box::new(|r| Samples::times(Runs::typed(&r.fast).map(|t| t.whole))),
        ),
        (
            format!("bytes per typed key, {speed}"),
            Unit::Bytes,
            Box::new(|r| Samples::counts(Runs::keys(&r.paced).map(|k| k.bytes))),
        ),
        (
            "list move → first byte (nq: j/k outline; fzf: Up/Down)".into(),
            Unit::Ms,
            Box::new(|r| Samples::times(r.moves().map(|m| m.first))),
        ),
        (
            "list move → whole frame".into(),
            Unit::Ms,
            Box::new(|r| Samples::times(r.moves().map(|m| m.frame))),
        ),
        (
            "bytes per list move".into(),
            Unit::Bytes,
            Box::new(|r| Samples::counts(r.moves().map(|m| m.bytes))),
        ),
        (
            "peak memory (VmHWM)".into(),
            Unit::Mb,
            Box::new(|r| Samples::values(r.all().map(|s| s.peak_rss.map(|b| b as f64 / 1e6)))),
        ),
        (
            format!("peak memory ÷ corpus file size ({file_mb:.0} MB)"),
            Unit::Times,
            Box::new(move |r| {
                Samples::values(
                    r.all()
                        .map(|s| s.peak_rss.map(|b| b as f64 / 1e6 / file_mb)),
                )
            }),
        ),
    ];
    metrics
        .into_iter()
        .map(|(metric, unit, f)| Row {
            metric,
            unit,
            nq: f(nq),
            fzf: fzf.map(&f),
        })
        .collect()
}

fn main() -> anyhow::Result<()> {
    let a = match args() {
        Task::MakeBig { out, from, times } => {
            let n = big::make_big(&from, &out, times)?;
            let size = std::fs::metadata(&out)?.len();
            println!(
                "wrote {} ({:.1} MB, {n} documents)",
                out.display(),
                size as f64 / 1e6
            );
            return Ok(());
        }
        Task::Bench(a) => a,
    };
    let file_mb = std::fs::metadata(&a.corpus)?.len() as f64 / 1e6;
    let dir = tempfile::tempdir()?;
    let lines_file = dir.path().join("passages.txt");
    let (docs, n) = passages::passages(&a.corpus, a.fzf.as_ref().map(|_| lines_file.as_path()))?;
    let queries: &[&str] = if a.quick { &QUERIES[..2] } else { QUERIES };
    let moves = if a.quick { 10 } else { 30 };
    let per_sec = 1.0 / a.interval.as_secs_f64();
    println!(
        "binary: {}\ncorpus: {} ({file_mb:.1} MB, {docs} documents, {n} passages)\n\
         pty {}×{}; {} runs; queries {queries:?}; {moves} moves each way",
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
    let mut nq_runs = Runs::default();
    let mut fzf_runs = Runs::default();
    for run in 1..=a.runs {
        println!("run {run}");
        for (p, runs) in
            std::iter::once((&nq, &mut nq_runs)).chain(peer.as_ref().map(|f| (f, &mut fzf_runs)))
        {
            let paced = session(p, queries, Pace::Every(a.interval), moves)?;
            progress_line(p.label(), "paced", &paced);
            runs.paced.push(paced);
            let fast = session(p, queries, Pace::Echo, 0)?;
            progress_line(p.label(), "fast", &fast);
            runs.fast.push(fast);
        }
    }
    println!(
        "\ncorpus {file_mb:.1} MB, {docs} documents, {n} passages; {} runs; medians and p95 \
         (nearest rank); n = samples (shown/typed where a key's results can be overtaken)\n",
        a.runs
    );
    let fzf = peer.as_ref().map(|_| &fzf_runs);
    print!("{}", report::table(&rows(&nq_runs, fzf, per_sec, file_mb)));
    Ok(())
}
