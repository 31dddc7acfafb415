//! The comparison's cost on a real corpus: for each query, the search over everything, the
//! counts by province and by year, and the concordance (all lines, sorted by left
//! context), timed separately and together. Medians over `--runs`; the index is built once,
//! as the browser builds it when a corpus loads.
//!
//! ```sh
//! cargo run --release --example bench_concord -- --corpus flat.json [--runs 5]
//! cargo run --release --example bench_concord            # the embedded corpus
//! ```

#[path = "common/corpus_args.rs"]
mod corpus_args;

use std::time::{Duration, Instant};

use nghiquyet::analysis::counts::{By, count};
use nghiquyet::analysis::kwic::{self, Sort};
use nghiquyet::search::{Scope, SearchIndex, search_all};

const QUERIES: &[&str] = &["nghi quyet", "nha o xa hoi", "tang truong GRDP", "ha noi"];

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> anyhow::Result<()> {
    let Some((corpus, runs)) = corpus_args::corpus_and_runs()? else {
        return Ok(());
    };
    let index = SearchIndex::build(&corpus);
    println!(
        "{} documents, {} passages, {:.1} MB of text; {} run(s), medians in ms, 2 cores",
        corpus.documents.len(),
        index.len(),
        index.bytes as f64 / 1e6,
        runs
    );
    println!("query                 hits   search  counts(prov+year)  kwic+sort   total");
    for q in QUERIES {
        let (mut s, mut c, mut k, mut t) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut sorting = Vec::new();
        let mut n = 0;
        for _ in 0..runs {
            let t0 = Instant::now();
            let hits = search_all(&index, &corpus, q, &Scope::All);
            let t1 = Instant::now();
            let at: Vec<_> = hits.iter().map(|h| h.at).collect();
            let a = count(&corpus, &at, By::Province, false, None);
            let b = count(&corpus, &at, By::Year, false, None);
            let t2 = Instant::now();
            let mut lines = kwic::lines(&index, &corpus, &hits, 40);
            let tl = Instant::now();
            kwic::sort(&mut lines, Sort::Left);
            let t3 = Instant::now();
            sorting.push(t3 - tl);
            n = hits.len();
            std::hint::black_box((a, b, lines));
            s.push(t1 - t0);
            c.push(t2 - t1);
            k.push(t3 - t2);
            t.push(t3 - t0);
        }
        println!(
            "{q:<20} {n:>6} {:>8.1} {:>18.1} {:>10.1} {:>7.1}   (of which sorting {:.1})",
            ms(median(s)),
            ms(median(c)),
            ms(median(k)),
            ms(median(t)),
            ms(median(sorting))
        );
    }
    Ok(())
}
