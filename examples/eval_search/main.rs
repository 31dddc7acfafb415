//! How well search finds the passage a person means: every query of `tests/relevance/<set>.json`
//! run over the 3,718 baomoi-2017 articles, scored by the rank of the wanted passage, as
//! `tests/relevance/README.md` defines (top-1, top-3, success@10, MRR over the top 20,
//! precision@10 of topic queries, queries with no result, median time per query), per set
//! and per category; fzf is run on the same passages and scored the same way beside it.
//!
//! ```sh
//! cargo run --release --example eval_search -- [--set dev|heldout|all] [--corpus FILE] \
//!     [--corpora DIR] [--fzf auto|never] [--verbose] [--pool] [--json]
//! ```
//!
//! Without `--corpus` (a corpus built by `nghiquyet build`), the articles under
//! `--corpora` (default `../shared/corpora` beside the crate) are built in memory, as `build`
//! would; when they are absent nothing is scored and the exit status is 0. fzf runs when it
//! is on PATH (unless `--fzf never`); when it is not, the example says so and scores search
//! alone. `--verbose` lists every query with its rank, and the top result when it is not the
//! wanted passage; `--pool` prints, for every topic query, the passages of both systems' top
//! 10 with their judgement, for judging the unjudged ones.

mod fzf;
mod report;
mod sets;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, ValueEnum};
use rayon::prelude::*;

use nghiquyet::corpus::{Corpus, PassageRef, io};
use nghiquyet::gazetteer::Gazetteer;
use nghiquyet::preprocess::{build_document, corpus_from_documents, txt_files};
use nghiquyet::search::{Scope, SearchIndex, search_all};

use fzf::Fzf;
use report::{Outcome, Precision, Run};
use sets::{Entry, Wanted, crate_dir};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SetArg {
    Dev,
    Heldout,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FzfArg {
    Auto,
    Never,
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
    /// Run fzf on the same passages beside search: when it is on PATH (auto) or not at all
    #[arg(long, value_enum, default_value = "auto")]
    fzf: FzfArg,
    /// Print the scores (and, with --verbose, every query) as JSON
    #[arg(long)]
    json: bool,
    /// List every query with its rank and, when wrong, the top result
    #[arg(short, long)]
    verbose: bool,
    /// Print the pooled top 10 of every topic query (both systems) with its judgements
    #[arg(long)]
    pool: bool,
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

/// Results below this rank count as not found.
const DEPTH: usize = 20;
/// Success and precision are read at this rank.
const CUT: usize = 10;

/// Score one query from the passages a system returned (best first, at most `DEPTH`).
fn outcome(
    e: &Entry,
    w: &Wanted,
    corpus: &Corpus,
    top: &[PassageRef],
    hits: usize,
    ms: f64,
) -> Outcome {
    let ids: Vec<&str> = top.iter().map(|at| at.get(corpus).id.as_str()).collect();
    let rank = ids
        .iter()
        .take(DEPTH)
        .position(|id| w.ids.contains(*id))
        .map(|i| i + 1);
    let precision = (e.kind == "topic").then(|| Precision {
        relevant: ids
            .iter()
            .take(CUT)
            .filter(|id| w.relevant.contains(**id))
            .count(),
        unjudged: ids
            .iter()
            .take(CUT)
            .filter(|id| !w.judged.contains(**id))
            .count(),
    });
    let first = top.first().map(|at| {
        let doc = &corpus.documents[at.doc_index()].id;
        let p = at.get(corpus);
        (doc.clone(), p.id.clone(), p.text.chars().take(80).collect())
    });
    Outcome {
        query: e.query.clone(),
        kind: e.kind.clone(),
        doc: e.doc.clone(),
        rank,
        hits,
        top: first,
        top10: top.iter().take(CUT).copied().collect(),
        precision,
        ms,
        resolution: w.resolution,
    }
}

/// One set run by search and, when given, fzf.
fn run_set(
    name: &str,
    corpus: &Corpus,
    index: &SearchIndex,
    fzf: Option<&Fzf>,
) -> Result<Run, String> {
    let entries = sets::load(name)?;
    let known: HashSet<&str> = sets::known(corpus);
    let mut run = Run {
        set: name.to_string(),
        search: Vec::with_capacity(entries.len()),
        fzf: fzf.map(|_| Vec::with_capacity(entries.len())),
        entries: Vec::with_capacity(entries.len()),
    };
    for e in entries {
        let w = sets::wanted(&e, corpus, &known);
        let started = Instant::now();
        let hits = search_all(index, corpus, &e.query, &Scope::All);
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let top: Vec<PassageRef> = hits.iter().take(DEPTH).map(|h| h.at).collect();
        run.search
            .push(outcome(&e, &w, corpus, &top, hits.len(), ms));
        if let (Some(f), Some(out)) = (fzf, run.fzf.as_mut()) {
            let started = Instant::now();
            let (top, count) = f.search(&e.query, DEPTH)?;
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            out.push(outcome(&e, &w, corpus, &top, count, ms));
        }
        run.entries.push((e, w));
    }
    Ok(run)
}

fn load_corpus(args: &Args) -> Result<Option<Corpus>, String> {
    if let Some(path) = &args.corpus {
        return io::load(path, false)
            .map(Some)
            .map_err(|e| format!("{}: {e}", path.display()));
    }
    let corpora = args
        .corpora
        .clone()
        .unwrap_or_else(|| crate_dir().join("../shared/corpora"));
    let dir = corpora.join("baomoi-2017/articles");
    let built = build_articles(&dir);
    if built.is_none() {
        eprintln!(
            "skipped: {} is absent (pass --corpora DIR or --corpus FILE)",
            dir.display()
        );
    }
    Ok(built)
}

fn main() -> ExitCode {
    let args = Args::parse();
    let names: &[&str] = match args.set {
        SetArg::Dev => &["dev"],
        SetArg::Heldout => &["heldout"],
        SetArg::All => &["dev", "heldout"],
    };
    let loading = Instant::now();
    let corpus = match load_corpus(&args) {
        Ok(Some(c)) => c,
        Ok(None) => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let index = SearchIndex::build(&corpus);
    eprintln!(
        "{} documents, {} passages, loaded and indexed in {:.1} s",
        corpus.documents.len(),
        index.refs.len(),
        loading.elapsed().as_secs_f64()
    );
    let fzf = if args.fzf == FzfArg::Never {
        None
    } else {
        match Fzf::new(&corpus, &index) {
            Ok(Some(f)) => {
                eprintln!("fzf {} runs on the same passages", f.version);
                Some(f)
            }
            Ok(None) => {
                eprintln!("fzf is not on PATH: its columns are left out");
                None
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    };
    let mut runs = Vec::new();
    for &name in names {
        match run_set(name, &corpus, &index, fzf.as_ref()) {
            Ok(r) => runs.push(r),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if args.json {
        println!("{}", report::json(&runs, args.verbose));
    } else {
        print!("{}", report::text(&runs, args.verbose));
    }
    if args.pool {
        print!("{}", report::pool(&runs, &corpus));
    }
    ExitCode::SUCCESS
}
