//! Preprocessing throughput: reads every .txt under DIR into memory once, then times
//! `build_document` over all of them and `corpus_from_documents` RUNS times for each thread
//! count, and prints the medians (the machine is noisy) and the peak memory.
//!
//! ```sh
//! cargo run --release --example bench_build -- ../shared/corpora/baomoi-2017/articles [RUNS] [--threads 1,2]
//! ```
//!
//! `--threads` takes a comma-separated list (default: 1 and the number of cores). With N
//! threads the documents are built on a rayon pool of N, in file order, as `build -j N` does.
//! Peak memory is the process's `VmHWM` (from `/proc/self/status`), reset before each thread
//! count: it includes the raw files held in memory for the benchmark, shown apart.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use rayon::prelude::*;

use nghiquyet::gazetteer::Gazetteer;
use nghiquyet::preprocess::{build_document, corpus_from_documents, txt_files};

/// A field of /proc/self/status in kB (`VmHWM`, `VmRSS`), as MB.
fn status_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Reset `VmHWM` to the current RSS (Linux ≥ 4.0); false where that cannot be done.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn main() -> anyhow::Result<()> {
    let mut dir = None;
    let mut runs: usize = 5;
    let mut threads: Vec<usize> = vec![1, std::thread::available_parallelism()?.get()];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--threads" {
            let list = args.next().context("--threads needs a list, e.g. 1,2")?;
            threads = list
                .split(',')
                .map(|n| n.trim().parse::<usize>())
                .collect::<Result<_, _>>()
                .context("--threads: a comma-separated list of numbers")?;
        } else if dir.is_none() {
            dir = Some(PathBuf::from(a));
        } else {
            runs = a.parse().context("RUNS: a number")?;
        }
    }
    threads.dedup();
    let dir = dir.unwrap_or_else(|| "data/raw".into());
    let (files, _) = txt_files(&dir);
    let inputs: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| {
            let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
            Ok((stem, std::fs::read(f)?))
        })
        .collect::<std::io::Result<_>>()?;
    let bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    let mb = bytes as f64 / 1e6;
    let gaz = Gazetteer::embedded(); // built once, outside the timing
    let resident = status_mb("VmRSS:").unwrap_or(f64::NAN);
    println!(
        "{} articles, {mb:.1} MB; {resident:.0} MB resident before the runs (the files, the gazetteer)",
        inputs.len(),
    );
    for &n in &threads {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(n).build()?;
        let peak_reset = reset_peak();
        let mut secs = Vec::with_capacity(runs);
        let mut passages = 0;
        for _ in 0..runs {
            let started = Instant::now();
            let docs: Vec<_> = pool.install(|| {
                inputs
                    .par_iter()
                    .filter_map(|(id, b)| build_document(id, id, b, gaz).ok().map(|a| a.document))
                    .collect()
            });
            let corpus = corpus_from_documents(docs, gaz);
            secs.push(started.elapsed().as_secs_f64());
            passages = corpus.stats().passages;
        }
        secs.sort_by(f64::total_cmp);
        let median = secs[secs.len() / 2];
        let peak = match status_mb("VmHWM:") {
            Some(p) if peak_reset => format!("{p:.0} MB"),
            Some(p) => format!("{p:.0} MB (not reset: includes earlier runs)"),
            None => "unknown".into(),
        };
        println!(
            "{n} thread{}: {passages} passages, median {median:.3} s over {runs} runs = {:.1} MB/s \
             (min {:.3} s, max {:.3} s); peak RSS {peak}",
            if n == 1 { "" } else { "s" },
            mb / median,
            secs[0],
            secs[secs.len() - 1]
        );
    }
    Ok(())
}
