//! Search latency as a person types: every query of a fixed list is typed keystroke by
//! keystroke, each prefix is searched through the public API (`parse` + `search`, as the
//! search worker does), and per query the median and p95 over its keystrokes and runs are
//! printed for the first results (the exact pass, when `progress` fires; the whole search
//! when the query has no fuzzy pass) and the full ranked list. Every run starts from a new
//! `SearchIndex` (its build is timed), so nothing is remembered from the run before. A
//! 60 Hz "frame" thread runs beside the searches and reports how late it ever woke. When
//! `fzf` is installed, `fzf --filter` runs each complete query over the same passages (one
//! per line) and the ratio is printed. Peak memory is `VmHWM` at the end.
//!
//! ```sh
//! mkdir -p /tmp/nq && tar -xzf ../shared/corpora/baomoi-2017-flat.tar.gz -C /tmp/nq
//! cargo run --release --example bench_search -- --articles /tmp/nq/baomoi-2017-flat --subset-mb 10
//! cargo run --release --example bench_search -- --corpus flat.json [--runs 3] [--no-fzf]
//! ```
//!
//! `--keys` also prints every keystroke's times. Without `--corpus` or `--articles` it
//! builds `../shared/corpora/baomoi-2017/articles`. Missing inputs print a message and
//! exit 0.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nghiquyet::corpus::Corpus;
use nghiquyet::gazetteer::Gazetteer;
use nghiquyet::preprocess::{build_document, corpus_from_documents, txt_files};
use nghiquyet::search::{Scope, SearchIndex, parse, search};

mod frame;
mod fzf;

use frame::FrameProbe;
use fzf::{fzf_available, time_fzf};

/// Realistic queries: without diacritics, with capitals, accented, acronyms, initials,
/// numbers, several words, an exclusion.
const QUERIES: &[&str] = &[
    "nghi quyet dai hoi",
    "Thanh Hoa",
    "ha noi",
    "thu tuong",
    "ubnd tinh",
    "HĐND",
    "nqdh",
    "15400",
    "xo so",
    "bong da viet nam",
    "gia vang",
    "covid",
    "Đà Nẵng",
    "hội đồng nhân dân",
    "TP.HCM",
    "chu tich nuoc",
    "tai nan giao thong",
    "bo cong an",
    "Quoc hoi",
    "kinh tế - xã hội",
    "Nguyen Xuan Phuc",
    "thi truong chung khoan",
    "bao lu mien trung",
    "gia xang !dau",
    "ty dong",
];

const FRAME: Duration = Duration::from_micros(16_667);

struct Args {
    corpus: Option<PathBuf>,
    articles: Option<PathBuf>,
    subset_mb: Option<f64>,
    runs: usize,
    fzf: bool,
    keys: bool,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut args = Args {
        corpus: None,
        articles: None,
        subset_mb: None,
        runs: 3,
        fzf: true,
        keys: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| anyhow::anyhow!("{a} needs a value"))
        };
        match a.as_str() {
            "--corpus" => args.corpus = Some(value()?.into()),
            "--articles" => args.articles = Some(value()?.into()),
            "--subset-mb" => args.subset_mb = Some(value()?.parse()?),
            "--runs" => args.runs = value()?.parse::<usize>()?.max(1),
            "--no-fzf" => args.fzf = false,
            "--keys" => args.keys = true,
            "-h" | "--help" => {
                println!(
                    "usage: bench_search [--corpus FILE | --articles DIR] [--subset-mb N] [--runs N] [--no-fzf] [--keys]"
                );
                std::process::exit(0);
            }
            other => anyhow::bail!("unknown argument {other:?} (try --help)"),
        }
    }
    Ok(args)
}

/// Build every .txt under `dir` on all cores, in path order.
fn build_articles(dir: &Path) -> Corpus {
    let (files, _) = txt_files(dir);
    let gaz = Gazetteer::embedded();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let chunk = files.len().div_ceil(threads).max(1);
    let parts: Vec<Vec<_>> = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .filter_map(|f| {
                            let stem = f.file_stem()?.to_string_lossy().into_owned();
                            let bytes = std::fs::read(f).ok()?;
                            let source = f.to_string_lossy();
                            build_document(&stem, &source, &bytes, gaz)
                                .ok()
                                .map(|a| a.document)
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    corpus_from_documents(parts.into_iter().flatten().collect(), gaz)
}

fn passage_bytes(doc: &nghiquyet::corpus::Document) -> usize {
    doc.passages().map(|p| p.text.len()).sum()
}

fn status_kb(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Nearest-rank percentile of sorted samples.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "the rank is in 0..=len for p in 0..=100, and clamped"
)]
fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Every prefix of `q` that ends on a char boundary: what the search sees as it is typed.
fn keystrokes(q: &str) -> Vec<&str> {
    q.char_indices()
        .map(|(i, c)| &q[..i + c.len_utf8()])
        .collect()
}

/// One keystroke: (first results, full results, hits).
fn time_query(index: &SearchIndex, corpus: &Corpus, raw: &str) -> (Duration, Duration, usize) {
    let started = Instant::now();
    let q = parse(raw);
    let mut first = None;
    let hits = search(index, corpus, &q, &Scope::All, &|| false, &mut |_| {
        first.get_or_insert_with(|| started.elapsed());
    })
    .unwrap_or_default();
    let full = started.elapsed();
    (first.unwrap_or(full), full, hits.len())
}

struct QueryStats {
    query: &'static str,
    keys: usize,
    hits: usize,
    first: Vec<Duration>,
    full: Vec<Duration>,
    /// Full times of the complete query (last keystroke), one per run.
    whole: Vec<Duration>,
}

fn main() -> anyhow::Result<()> {
    let args = parse_args()?;
    let default_dir = PathBuf::from("../shared/corpora/baomoi-2017/articles");
    let started = Instant::now();
    let (mut corpus, source) = match (&args.corpus, &args.articles) {
        (Some(file), _) => {
            if !file.is_file() {
                println!("corpus {} not found: nothing to benchmark.", file.display());
                return Ok(());
            }
            (
                nghiquyet::corpus::load(file, true)?,
                file.display().to_string(),
            )
        }
        (None, dir) => {
            let dir = dir.clone().unwrap_or(default_dir);
            if !dir.is_dir() {
                println!(
                    "articles folder {} not found: nothing to benchmark. Unpack \
                     ../shared/corpora/baomoi-2017-flat.tar.gz (e.g. into /tmp/nq) and pass \
                     --articles DIR, or pass --corpus FILE.",
                    dir.display()
                );
                return Ok(());
            }
            (build_articles(&dir), dir.display().to_string())
        }
    };
    let loaded = started.elapsed();
    let all_docs = corpus.documents.len();
    if let Some(mb) = args.subset_mb {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a size in bytes; `as` saturates a negative or huge one, as wanted"
        )]
        let limit = (mb * 1e6) as usize;
        let mut total = 0;
        let keep = corpus
            .documents
            .iter()
            .take_while(|d| {
                let fits = total < limit;
                total += passage_bytes(d);
                fits
            })
            .count();
        corpus.documents.truncate(keep);
    }
    if corpus.stats().passages == 0 {
        println!("{source}: no passages: nothing to benchmark.");
        return Ok(());
    }

    let t = Instant::now();
    let mut index = SearchIndex::build(&corpus);
    let mut builds = vec![t.elapsed()];
    let mb = index.bytes as f64 / 1e6;
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    println!(
        "{source}: {} of {all_docs} documents, {} passages, {mb:.1} MB of passage text \
         (loaded in {:.2} s); {threads} cores; RSS after SearchIndex::build {} MB",
        corpus.documents.len(),
        index.len(),
        loaded.as_secs_f64(),
        status_kb("VmRSS:").unwrap_or(0) / 1024
    );

    let mut stats: Vec<QueryStats> = QUERIES
        .iter()
        .map(|&query| QueryStats {
            query,
            keys: keystrokes(query).len(),
            hits: 0,
            first: Vec::new(),
            full: Vec::new(),
            whole: Vec::new(),
        })
        .collect();
    let probe = FrameProbe::start();
    let typing = Instant::now();
    for run in 0..args.runs {
        // Every run starts from a new index, as after loading: nothing remembered from the
        // run before.
        if run > 0 {
            drop(std::mem::take(&mut index));
            let t = Instant::now();
            index = SearchIndex::build(&corpus);
            builds.push(t.elapsed());
        }
        // Warm-up: page in the index and the acronym table.
        let _ = time_query(&index, &corpus, "nghi quyet");
        for s in &mut stats {
            let keys = keystrokes(s.query);
            for (k, prefix) in keys.iter().enumerate() {
                let (first, full, hits) = time_query(&index, &corpus, prefix);
                if args.keys {
                    println!(
                        "  {prefix:<24} {hits:>7} hits  first {:>7.1} ms  full {:>7.1} ms",
                        ms(first),
                        ms(full)
                    );
                }
                s.first.push(first);
                s.full.push(full);
                if k + 1 == keys.len() {
                    s.hits = hits;
                    s.whole.push(full);
                }
            }
        }
    }
    let typing = typing.elapsed();
    let mut late = probe.finish();

    builds.sort();
    println!(
        "SearchIndex::build: median {:.0} ms over {} build(s) ({:.0} MB/s)",
        ms(pct(&builds, 50.0)),
        builds.len(),
        mb / pct(&builds, 50.0).as_secs_f64()
    );
    println!(
        "\n{} queries typed keystroke by keystroke, {} run(s); times in ms, median / p95 over \
         each query's keystrokes and runs",
        QUERIES.len(),
        args.runs
    );
    println!(
        "{:<24} {:>4} {:>7} {:>15} {:>15} {:>9} {:>7} {:>11}",
        "query", "keys", "hits", "first med/p95", "full med/p95", "full max", "MB/s", "passages/s"
    );
    let mut all_first = Vec::new();
    let mut all_full = Vec::new();
    for s in &mut stats {
        s.first.sort();
        s.full.sort();
        s.whole.sort();
        all_first.extend(&s.first);
        all_full.extend(&s.full);
        let med = pct(&s.full, 50.0).as_secs_f64().max(1e-9);
        println!(
            "{:<24} {:>4} {:>7} {:>7.1}/{:<7.1} {:>7.1}/{:<7.1} {:>9.1} {:>7.0} {:>11.2e}",
            s.query,
            s.keys,
            s.hits,
            ms(pct(&s.first, 50.0)),
            ms(pct(&s.first, 95.0)),
            ms(pct(&s.full, 50.0)),
            ms(pct(&s.full, 95.0)),
            ms(*s.full.last().unwrap_or(&Duration::ZERO)),
            mb / med,
            index.len() as f64 / med,
        );
    }
    all_first.sort();
    all_full.sort();
    let over = |v: &[Duration], limit: f64| v.iter().filter(|d| ms(**d) > limit).count();
    let med = pct(&all_full, 50.0).as_secs_f64().max(1e-9);
    println!(
        "all {} keystrokes: first median {:.1} / p95 {:.1} / max {:.1} ms; full median {:.1} / \
         p95 {:.1} / max {:.1} ms",
        all_full.len(),
        ms(pct(&all_first, 50.0)),
        ms(pct(&all_first, 95.0)),
        ms(*all_first.last().unwrap_or(&Duration::ZERO)),
        ms(pct(&all_full, 50.0)),
        ms(pct(&all_full, 95.0)),
        ms(*all_full.last().unwrap_or(&Duration::ZERO)),
    );
    println!(
        "keystrokes over 16 / 50 / 150 ms: first {} / {} / {}, full {} / {} / {}; at the median \
         {:.0} MB/s, {:.2e} passages/s",
        over(&all_first, 16.0),
        over(&all_first, 50.0),
        over(&all_first, 150.0),
        over(&all_full, 16.0),
        over(&all_full, 50.0),
        over(&all_full, 150.0),
        mb / med,
        index.len() as f64 / med,
    );
    late.sort();
    println!(
        "frame probe (60 Hz thread beside the searches, {:.1} s): {} frames, wake-up lateness \
         median {:.2} / p99 {:.2} / max {:.2} ms, {} frames missed (late > 16.7 ms)",
        typing.as_secs_f64(),
        late.len(),
        ms(pct(&late, 50.0)),
        ms(pct(&late, 99.0)),
        ms(*late.last().unwrap_or(&Duration::ZERO)),
        late.iter().filter(|d| **d > FRAME).count(),
    );

    if args.fzf {
        if fzf_available() {
            let mut file = tempfile::NamedTempFile::new()?;
            {
                let mut w = std::io::BufWriter::new(file.as_file_mut());
                for p in corpus
                    .documents
                    .iter()
                    .flat_map(nghiquyet::corpus::Document::passages)
                {
                    let line = p.text.replace(['\n', '\r'], " ");
                    writeln!(w, "{line}")?;
                }
                w.flush()?;
            }
            println!(
                "\nfzf --filter over the same {} passages, one per line (each complete query \
                 once); ours = median full time of the complete query",
                index.len()
            );
            println!(
                "{:<24} {:>9} {:>9} {:>9} {:>9} {:>8}",
                "query", "fzf ms", "fzf hits", "ours ms", "our hits", "ours/fzf"
            );
            let (mut sum_fzf, mut sum_ours) = (0.0, 0.0);
            for s in &stats {
                let (fzf, lines) = time_fzf(file.path(), s.query)?;
                let ours = ms(pct(&s.whole, 50.0));
                sum_fzf += ms(fzf);
                sum_ours += ours;
                println!(
                    "{:<24} {:>9.0} {:>9} {:>9.1} {:>9} {:>8.4}",
                    s.query,
                    ms(fzf),
                    lines,
                    ours,
                    s.hits,
                    ours / ms(fzf)
                );
            }
            println!(
                "total: fzf {:.2} s, ours {:.3} s, ratio {:.4} (fzf {:.0}x slower)",
                sum_fzf / 1e3,
                sum_ours / 1e3,
                sum_ours / sum_fzf,
                sum_fzf / sum_ours.max(1e-9)
            );
        } else {
            println!("\nfzf is not installed (apt-get install fzf): no comparison.");
        }
    }
    println!(
        "\npeak memory (VmHWM): {} MB",
        status_kb("VmHWM:").unwrap_or(0) / 1024
    );
    Ok(())
}
