//! Bookmark costs on a real corpus: saving one change to a file of N bookmarks (lock, read,
//! merge, write, fsync, rename, fsync of the directory), resolving N bookmarks after a
//! rebuild in three cases (unchanged, lightly edited, orphaned: the worst case, a scan of
//! every passage), and exporting them. Medians over `--runs`.
//!
//! ```sh
//! cargo run --release --example bench_bookmarks -- --corpus flat.json [--bookmarks 200] [--runs 5]
//! cargo run --release --example bench_bookmarks            # the embedded corpus
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use nghiquyet::bookmarks::export::{self, Format};
use nghiquyet::bookmarks::{Anchorer, Bookmark, Op, Status, Store, doc_refs};
use nghiquyet::corpus::Corpus;
use nghiquyet::corpus::PassageRef;

struct Args {
    corpus: Option<PathBuf>,
    bookmarks: usize,
    runs: usize,
}

fn args() -> Args {
    let mut a = Args {
        corpus: None,
        bookmarks: 200,
        runs: 5,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let v = it.next().unwrap_or_default();
        match k.as_str() {
            "--corpus" => a.corpus = Some(PathBuf::from(v)),
            "--bookmarks" => a.bookmarks = v.parse().expect("--bookmarks N"),
            "--runs" => a.runs = v.parse().expect("--runs N"),
            _ => panic!("unknown argument {k}"),
        }
    }
    a
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// Deterministic passages spread over the corpus (xorshift).
fn picks(corpus: &Corpus, n: usize) -> Vec<PassageRef> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut out = Vec::new();
    while out.len() < n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let d = usize::try_from(x % corpus.documents.len() as u64).unwrap();
        let refs = doc_refs(corpus, d);
        if let Some(&r) = refs.get((x >> 32) as usize % refs.len().max(1)) {
            out.push(r);
        }
    }
    out
}

fn main() -> anyhow::Result<()> {
    let a = args();
    let t = Instant::now();
    let corpus = match &a.corpus {
        Some(p) => nghiquyet::corpus::load(p, true)?,
        None => nghiquyet::embedded::corpus(),
    };
    let stats = corpus.stats();
    println!(
        "corpus: {} documents, {} passages (loaded in {:.2} s); {} bookmarks; {} runs",
        stats.documents,
        stats.passages,
        t.elapsed().as_secs_f64(),
        a.bookmarks,
        a.runs
    );
    let list: Vec<Bookmark> = picks(&corpus, a.bookmarks)
        .into_iter()
        .map(|r| Bookmark::new(&corpus, r, "ghi chú", vec!["thẻ".into()]))
        .collect();

    // Saving: one more bookmark into a file that holds the list.
    let dir = tempfile::tempdir()?;
    let mut store = Store::new(dir.path().join("bookmarks.json"));
    store.apply(
        &list
            .iter()
            .map(|b| Op::Add(Box::new(b.clone())))
            .collect::<Vec<_>>(),
        &[],
    )?;
    let size = std::fs::metadata(store.path())?.len();
    let mut saves = Vec::new();
    for _ in 0..a.runs.max(5) * 4 {
        let b = Bookmark::new(&corpus, doc_refs(&corpus, 0)[0], "", vec![]);
        let t = Instant::now();
        store.apply(&[Op::Add(Box::new(b.clone()))], &[])?;
        saves.push(t.elapsed());
        store.apply(&[Op::Remove(b.id)], &[])?;
    }
    println!(
        "save one change ({} bookmarks, {:.0} KB file, with fsyncs): median {}",
        a.bookmarks,
        size as f64 / 1e3,
        ms(median(saves))
    );

    let t = Instant::now();
    let anchorer = Anchorer::new(&corpus);
    println!("index passages by id: {}", ms(t.elapsed()));

    // The three cases after a rebuild.
    let edited: Vec<Bookmark> = list
        .iter()
        .map(|b| {
            let mut e = b.clone();
            e.passage = "p000000000000".into();
            // One word dropped: the passage was lightly edited.
            let words: Vec<&str> = e.quote.text.split(' ').collect();
            if words.len() > 4 {
                let k = words.len() / 2;
                e.quote.text = [&words[..k], &words[k + 1..]].concat().join(" ");
            }
            e
        })
        .collect();
    let orphans: Vec<Bookmark> = list
        .iter()
        .take(a.bookmarks.min(20))
        .map(|b| {
            let mut e = b.clone();
            e.passage = "p000000000000".into();
            e.quote.text = "Zyxw qvut srpo nmlk jihg fedc ba zyx wvu tsr qpo nml kji".into();
            e
        })
        .collect();
    if let Some(o) = orphans.first() {
        let fresh = Anchorer::new(&corpus);
        let t = Instant::now();
        fresh.resolve(o);
        println!(
            "first bookmark looked for outside its article (builds the word table once): {}",
            ms(t.elapsed())
        );
    }
    for (name, set) in [
        ("unchanged", &list),
        ("lightly edited", &edited),
        ("orphaned", &orphans),
    ] {
        let mut times = Vec::new();
        let mut statuses = [0usize; 3];
        for _ in 0..a.runs {
            let t = Instant::now();
            let res: Vec<_> = set.iter().map(|b| anchorer.resolve(b)).collect();
            times.push(t.elapsed());
            statuses = [0; 3];
            for r in res {
                statuses[match r.status {
                    Status::Ok => 0,
                    Status::Reanchored => 1,
                    Status::Orphaned => 2,
                }] += 1;
            }
        }
        let m = median(times);
        println!(
            "resolve {} {name}: median {} ({} per bookmark); ok {} reanchored {} orphaned {}",
            set.len(),
            ms(m),
            ms(m / u32::try_from(set.len().max(1)).unwrap()),
            statuses[0],
            statuses[1],
            statuses[2]
        );
    }

    for f in Format::ALL {
        let mut times = Vec::new();
        let mut bytes = 0;
        for _ in 0..a.runs {
            let t = Instant::now();
            bytes = export::render(
                &corpus,
                &list,
                &nghiquyet::bookmarks::codebook::Codebook::default(),
                f,
            )?
            .len();
            times.push(t.elapsed());
        }
        println!(
            "export {} ({} KB): median {}",
            f.extension(),
            bytes / 1000,
            ms(median(times))
        );
    }
    Ok(())
}
