//! `--corpus FILE [--runs N]` of the library benchmarks: the corpus to measure (the embedded
//! one without `--corpus`) and how many runs to take the median of.

use std::path::PathBuf;

/// The corpus and the runs asked for; `None` (after saying so) when the file is missing, so
/// a benchmark of an absent corpus measures nothing and succeeds.
pub fn corpus_and_runs() -> anyhow::Result<Option<(nghiquyet::corpus::Corpus, usize)>> {
    let mut corpus_path: Option<PathBuf> = None;
    let mut runs = 5usize;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--corpus" => corpus_path = it.next().map(PathBuf::from),
            "--runs" => runs = it.next().and_then(|n| n.parse().ok()).unwrap_or(5).max(1),
            other => anyhow::bail!("unknown argument {other:?}"),
        }
    }
    let corpus = match &corpus_path {
        Some(p) if !p.exists() => {
            println!("{} is missing: nothing to measure", p.display());
            return Ok(None);
        }
        Some(p) => nghiquyet::corpus::load(p, false)?,
        None => nghiquyet::embedded::corpus(),
    };
    Ok(Some((corpus, runs)))
}
