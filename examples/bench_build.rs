//! Preprocessing throughput: reads every .txt under DIR into memory once, then times
//! `build_document` over all of them RUNS times and prints the median (the machine is noisy),
//! and how long loading the embedded gazetteer took (once, before the runs).
//!
//! ```sh
//! cargo run --release --example bench_build -- ../shared/corpora/baomoi-2017/articles [RUNS]
//! ```

use std::path::PathBuf;
use std::time::Instant;

use nghiquyet::gazetteer::Gazetteer;
use nghiquyet::preprocess::{build_document, corpus_from_documents, txt_files};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "data/raw".into()));
    let runs: usize = args.next().map_or(Ok(5), |r| r.parse())?;
    let (files, _) = txt_files(&dir);
    let inputs: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| {
            let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
            Ok((stem, std::fs::read(f)?))
        })
        .collect::<std::io::Result<_>>()?;
    let bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    // Built once, outside the timing of the runs; its own cost is part of every start-up.
    let loading = Instant::now();
    let gaz = Gazetteer::embedded();
    let first_load_ms = loading.elapsed().as_secs_f64() * 1e3;
    // The first load pays for page faults too; the fastest of ten more is the steady cost.
    let load_ms = (0..10)
        .map(|_| {
            let started = Instant::now();
            let g = Gazetteer::from_json(include_str!("../data/vn-localities.json"));
            let ms = started.elapsed().as_secs_f64() * 1e3;
            assert!(g.is_ok());
            ms
        })
        .fold(f64::INFINITY, f64::min);
    let mut secs = Vec::with_capacity(runs);
    let mut passages = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let docs: Vec<_> = inputs
            .iter()
            .filter_map(|(id, b)| build_document(id, id, b, gaz).ok().map(|a| a.document))
            .collect();
        let corpus = corpus_from_documents(docs, gaz);
        secs.push(started.elapsed().as_secs_f64());
        passages = corpus.stats().passages;
    }
    secs.sort_by(f64::total_cmp);
    let median = secs[secs.len() / 2];
    println!(
        "{} articles, {:.1} MB, {} passages: median {:.3} s over {} runs = {:.1} MB/s (min {:.3} s, max {:.3} s); gazetteer loaded in {:.1} ms (fastest of 10 more: {:.1} ms)",
        inputs.len(),
        bytes as f64 / 1e6,
        passages,
        median,
        runs,
        bytes as f64 / 1e6 / median,
        secs[0],
        secs[secs.len() - 1],
        first_load_ms,
        load_ms
    );
    Ok(())
}
