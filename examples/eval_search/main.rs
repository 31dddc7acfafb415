//! How well search finds the passage a person means: every query of `tests/relevance/<set>.json`
//! run over the 3,718 baomoi-2017 articles, scored by the rank of the wanted passage, as
//! `tests/relevance/README.md` defines (top-1, top-3, MRR over the top 20, queries with no
//! result, median time per query), per set and per category.
//!
//! ```sh
//! cargo run --release --example eval_search -- [--set dev|heldout|all] [--corpus FILE] \
//!     [--corpora DIR] [--verbose] [--json]
//! ```
//!
//! Without `--corpus` (a corpus built by `nghiquyet build`), the articles under
//! `--corpora` (default `../shared/corpora` beside the crate) are built in memory, as `build`
//! would; when they are absent nothing is scored and the exit status is 0. `--verbose` lists
//! every query with its rank, and the top result when it is not the wanted passage.

mod report;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, ValueEnum};
use rayon::prelude::*;
use serde::Deserialize;

use nghiquyet::corpus::{Corpus, io};
use nghiquyet::gazetteer::Gazetteer;
use nghiquyet::preprocess::{build_document, corpus_from_documents, txt_files};
use nghiquyet::search::{Scope, SearchIndex, search_all};

use report::Outcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SetArg {
    Dev,
    Heldout,
    All,
}

#[derive(Debug, Parser)]
#[command(about = "Score search against the hand-written queries of tests/relevance")]
struct Args {
    /// Which query set to run
    #[arg(long, value_enum, default_value = "dev")]
    set: SetArg,
    /// A corpus built by `nghiquyet build` (default: build the articles in memory)
    #[arg(long, value_name = "FILE")]
    corpus: Option<PathBuf>,
    /// The corpora folder (holds baomoi-2017/articles/)
    #[arg(long, value_name = "DIR")]
    corpora: Option<PathBuf>,
    /// Print the scores (and, with --verbose, every query) as JSON
    #[arg(long)]
    json: bool,
    /// List every query with its rank and, when wrong, the top result
    #[arg(short, long)]
    verbose: bool,
}

/// One query of a set, as `tests/relevance/draw.py` writes it.
#[derive(Debug, Deserialize)]
struct Entry {
    query: String,
    doc: String,
    passage: String,
    snippet: String,
    kind: String,
    /// Other passages that answer the query as well (checked by hand).
    #[serde(default)]
    also: Vec<String>,
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The articles built in memory, as `nghiquyet build DIR` would; `None` when absent.
fn build_articles(dir: &Path) -> Option<Corpus> {
    if !dir.is_dir() {
        return None;
    }
    let (mut files, _) = txt_files(dir);
    // Sorted as `build` sorts them: duplicate detection keeps the first of a pair.
    files.sort();
    let gaz = Gazetteer::embedded();
    let docs: Vec<_> = files
        .par_iter()
        .filter_map(|f| {
            let stem = f.file_stem()?.to_string_lossy().into_owned();
            let bytes = std::fs::read(f).ok()?;
            build_document(&stem, &f.display().to_string(), &bytes, gaz)
                .ok()
                .map(|a| a.document)
        })
        .collect();
    Some(corpus_from_documents(docs, gaz))
}

/// The ids of the passages that answer `e`: its own and `also`. When its id is not in the
/// corpus (the preprocessor changed the passage), the passage of its document that starts
/// with the snippet stands in; the second value says whether that was needed.
fn wanted(e: &Entry, corpus: &Corpus, known: &HashSet<&str>) -> (HashSet<String>, Resolution) {
    let mut ids: HashSet<String> = e.also.iter().cloned().collect();
    if known.contains(e.passage.as_str()) {
        ids.insert(e.passage.clone());
        return (ids, Resolution::Id);
    }
    // A passage re-split or re-trimmed keeps its opening words more often than its id.
    let prefix: String = e.snippet.chars().take(40).collect();
    let found = corpus.document(&e.doc).and_then(|d| {
        d.passages()
            .find(|p| p.text.starts_with(&prefix) || e.snippet.starts_with(&p.text))
    });
    match found {
        Some(p) => {
            ids.insert(p.id.clone());
            (ids, Resolution::Snippet)
        }
        None => (ids, Resolution::Missing),
    }
}

/// How the wanted passage was found in the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Id,
    Snippet,
    Missing,
}

/// Results below this rank count as not found.
const DEPTH: usize = 20;

fn run_set(name: &str, corpus: &Corpus, index: &SearchIndex) -> Result<Vec<Outcome>, String> {
    let path = crate_dir()
        .join("tests/relevance")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let entries: Vec<Entry> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let known: HashSet<&str> = corpus
        .documents
        .iter()
        .flat_map(|d| d.passages().map(|p| p.id.as_str()))
        .collect();
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let (ids, resolution) = wanted(&e, corpus, &known);
        let started = Instant::now();
        let hits = search_all(index, corpus, &e.query, &Scope::All);
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let rank = hits
            .iter()
            .take(DEPTH)
            .position(|h| ids.contains(&h.at.get(corpus).id))
            .map(|i| i + 1);
        let top = hits.first().map(|h| {
            let doc = &corpus.documents[h.at.doc_index()].id;
            let p = h.at.get(corpus);
            (doc.clone(), p.id.clone(), p.text.chars().take(80).collect())
        });
        out.push(Outcome {
            query: e.query,
            kind: e.kind,
            doc: e.doc,
            rank,
            hits: hits.len(),
            top,
            ms,
            resolution,
        });
    }
    Ok(out)
}

fn main() -> ExitCode {
    let args = Args::parse();
    let sets: &[&str] = match args.set {
        SetArg::Dev => &["dev"],
        SetArg::Heldout => &["heldout"],
        SetArg::All => &["dev", "heldout"],
    };
    let loading = Instant::now();
    let corpus = if let Some(path) = &args.corpus {
        match io::load(path, false) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    } else {
        let corpora = args
            .corpora
            .clone()
            .unwrap_or_else(|| crate_dir().join("../shared/corpora"));
        let dir = corpora.join("baomoi-2017/articles");
        if let Some(c) = build_articles(&dir) {
            c
        } else {
            eprintln!(
                "skipped: {} is absent (pass --corpora DIR or --corpus FILE)",
                dir.display()
            );
            return ExitCode::SUCCESS;
        }
    };
    let index = SearchIndex::build(&corpus);
    eprintln!(
        "{} documents, {} passages, loaded and indexed in {:.1} s",
        corpus.documents.len(),
        index.refs.len(),
        loading.elapsed().as_secs_f64()
    );
    let mut results = Vec::new();
    for &set in sets {
        match run_set(set, &corpus, &index) {
            Ok(r) => results.push((set, r)),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if args.json {
        println!("{}", report::json(&results, args.verbose));
    } else {
        print!("{}", report::text(&results, args.verbose));
    }
    ExitCode::SUCCESS
}
