//! The locality list's cost per key on a real corpus: rebuilding the list as a filter is
//! typed (`f` then each letter), toggling the sort (`s`), and opening every branch. Medians
//! over `--runs`. These run on the UI thread, so they must fit in a frame.
//!
//! ```sh
//! cargo run --release --example bench_localities -- --corpus flat.json [--runs 5]
//! ```

#[path = "common/corpus_args.rs"]
mod corpus_args;

use std::time::{Duration, Instant};

use nghiquyet::app::input::Input;
use nghiquyet::app::localities::LocalityList;

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

fn main() -> anyhow::Result<()> {
    let Some((corpus, runs)) = corpus_args::corpus_and_runs()? else {
        return Ok(());
    };
    let mut list = LocalityList::new(&corpus, false);
    println!(
        "{} localities, {} rows closed; medians of {runs} run(s), ms",
        corpus.localities.len(),
        list.rows.len()
    );
    let (mut typed, mut sort, mut open) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        for prefix in ["c", "ch", "cha", "chau", "chau ", "chau t", "chau th"] {
            list.query = Input::new();
            for c in prefix.chars() {
                list.query.insert_char(c);
            }
            let t = Instant::now();
            list.rebuild(&corpus);
            typed.push(t.elapsed());
        }
        list.query = Input::new();
        let t = Instant::now();
        list.by_count = !list.by_count;
        list.rebuild(&corpus);
        sort.push(t.elapsed());
        let t = Instant::now();
        list.expand_all(&corpus);
        open.push(t.elapsed());
        list.expanded.clear();
    }
    println!(
        "a letter of the filter: {:.1}  ·  s: {:.1}  ·  open every branch: {:.1}",
        median(typed),
        median(sort),
        median(open)
    );
    Ok(())
}
