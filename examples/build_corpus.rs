//! Build a corpus from a folder of raw articles and print the summary.
//!
//! ```sh
//! cargo run --release --example build_corpus -- data/raw [out.json]
//! ```

use std::path::PathBuf;
use std::time::Instant;

use nghiquyet::gazetteer::Gazetteer;
use nghiquyet::preprocess::{build_document, corpus_from_documents, txt_files};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "data/raw".into()));
    let out = args.next().map(PathBuf::from);
    let gaz = Gazetteer::embedded();
    let (files, _) = txt_files(&dir);
    let started = Instant::now();
    let mut bytes = 0usize;
    let mut docs = Vec::new();
    for f in &files {
        let raw = std::fs::read(f)?;
        bytes += raw.len();
        let stem = f.file_stem().unwrap().to_string_lossy();
        match build_document(&stem, &f.display().to_string(), &raw, gaz) {
            Ok(a) => docs.push(a.document),
            Err(e) => eprintln!("error: {}: {e}", f.display()),
        }
    }
    let corpus = corpus_from_documents(docs, gaz);
    let secs = started.elapsed().as_secs_f64();
    for d in &corpus.documents {
        let about: Vec<&str> = d
            .localities
            .iter()
            .filter_map(|id| corpus.locality(id).map(|l| l.name.as_str()))
            .collect();
        println!(
            "{}  {}  [{} sections, {} passages, {} removed; about: {}]",
            d.id,
            d.title,
            d.sections.len(),
            d.passage_count(),
            d.removed.len(),
            about.join(", ")
        );
    }
    let s = corpus.stats();
    println!(
        "{} articles, {} sections, {} passages, {} removed lines, {} localities; {:.1} MB in {:.2} s ({:.1} MB/s)",
        s.documents,
        s.sections,
        s.passages,
        s.removed,
        s.localities,
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    );
    if let Some(out) = out {
        nghiquyet::corpus::save_atomic(&corpus, &out, false)?;
        println!("written to {}", out.display());
    }
    Ok(())
}
