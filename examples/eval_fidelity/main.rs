//! How faithfully the preprocessor reads real articles: every hand annotation of
//! `tests/fidelity/<set>/` against what `build_document` makes of the raw file, scored as
//! `tests/fidelity/README.md` defines (headings, subtitle, author, date, localities, junk,
//! captions, and how flat articles are split into passages).
//!
//! ```sh
//! cargo run --release --example eval_fidelity -- [--set dev|heldout|all] \
//!     [--corpora DIR] [--flat DIR] [--json] [--verbose]
//! ```
//!
//! `--corpora` (default `../shared/corpora` beside the crate) holds
//! `baomoi-2017/articles/<id>.txt`; `--flat` (default `/tmp/nq/baomoi-2017-flat`) the
//! unpacked flat archive. An article whose raw file is absent is skipped with a message;
//! when every one is, nothing is scored and the exit status is still 0. `--verbose` lists,
//! per document, every mismatch (gold against what was found).

mod annotation;
mod places;
mod report;
mod score;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use nghiquyet::gazetteer::Gazetteer;
use nghiquyet::preprocess::{build_document, corpus_from_documents};
use serde_json::{Map, Value, json};

use annotation::{Annotation, Kind};
use score::DocScore;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SetArg {
    Dev,
    Heldout,
    All,
}

#[derive(Debug, Parser)]
#[command(about = "Score the preprocessor against the hand annotations of tests/fidelity")]
struct Args {
    /// Which annotations to score
    #[arg(long, value_enum, default_value = "dev")]
    set: SetArg,
    /// The corpora folder (holds baomoi-2017/articles/)
    #[arg(long, value_name = "DIR")]
    corpora: Option<PathBuf>,
    /// The unpacked flat archive (holds <id>.txt)
    #[arg(long, value_name = "DIR", default_value = "/tmp/nq/baomoi-2017-flat")]
    flat: PathBuf,
    /// Print the scores (and, with --verbose, the mismatches) as JSON
    #[arg(long)]
    json: bool,
    /// List every mismatch, document by document
    #[arg(short, long)]
    verbose: bool,
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where the raw text of an annotated article is.
fn raw_path(ann: &Annotation, corpora: &Path, flat: &Path) -> PathBuf {
    let file = format!("{}.txt", ann.id);
    match ann.kind {
        Kind::Articles => corpora.join("baomoi-2017/articles").join(file),
        Kind::Flat => flat.join(file),
    }
}

/// Build the article and score it; `None` (after a message) when it cannot be read.
fn evaluate(label: String, ann: &Annotation, raw: &Path, gaz: &Gazetteer) -> Option<DocScore> {
    if !raw.is_file() {
        eprintln!("skipped {label}: {} is absent", raw.display());
        return None;
    }
    let bytes = match std::fs::read(raw) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("skipped {label}: {}: {e}", raw.display());
            return None;
        }
    };
    let article = match build_document(&ann.id, &raw.display().to_string(), &bytes, gaz) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("skipped {label}: {}: {e}", raw.display());
            return None;
        }
    };
    // One document a corpus: ids repeat across kinds (an article and a flat file may share
    // one), and the corpus would rename the second.
    let corpus = corpus_from_documents(vec![article.document], gaz);
    let doc = corpus.documents.first()?;
    Some(score::score(label, ann, doc, &corpus.localities))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let corpora = args
        .corpora
        .clone()
        .unwrap_or_else(|| crate_dir().join("../shared/corpora"));
    let sets: &[&str] = match args.set {
        SetArg::Dev => &["dev"],
        SetArg::Heldout => &["heldout"],
        SetArg::All => &["dev", "heldout"],
    };
    let gaz = Gazetteer::embedded();
    let mut results: Vec<(&str, Vec<DocScore>)> = Vec::new();
    let mut annotated = 0usize;
    for &set in sets {
        let dir = crate_dir().join("tests/fidelity").join(set);
        let (annotations, errors) = annotation::load_dir(&dir);
        if !errors.is_empty() {
            for e in &errors {
                eprintln!("error: {e}");
            }
            return ExitCode::FAILURE;
        }
        if annotations.is_empty() {
            eprintln!("{}: no annotation yet", dir.display());
        }
        annotated += annotations.len();
        let docs = annotations
            .iter()
            .filter_map(|(_, ann)| {
                let label = format!("{set}/{}-{}", ann.kind.as_str(), ann.id);
                evaluate(label, ann, &raw_path(ann, &corpora, &args.flat), gaz)
            })
            .collect();
        results.push((set, docs));
    }
    let scored: usize = results.iter().map(|(_, d)| d.len()).sum();
    if annotated == 0 {
        eprintln!("nothing scored: no annotation in the chosen set");
        return ExitCode::SUCCESS;
    }
    if scored == 0 {
        eprintln!(
            "nothing scored: none of the {annotated} annotated articles could be read \
             (are {} and {} there?)",
            corpora.display(),
            args.flat.display()
        );
        return ExitCode::SUCCESS;
    }
    let mut out = std::io::stdout().lock();
    let written = if args.json {
        print_json(&mut out, &results, args.verbose)
    } else {
        print_text(&mut out, &results, args.verbose)
    };
    match written {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: writing to stdout: {e}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

/// The scores of each group of a set that has documents.
fn groups(docs: &[DocScore]) -> impl Iterator<Item = (&'static str, report::Scores)> + '_ {
    report::GROUPS.iter().filter_map(move |&g| {
        let members: Vec<&DocScore> = docs.iter().filter(|d| report::in_group(d, g)).collect();
        (!members.is_empty()).then(|| (g, report::scores(&members)))
    })
}

fn print_text(
    out: &mut impl Write,
    results: &[(&str, Vec<DocScore>)],
    verbose: bool,
) -> io::Result<()> {
    if verbose {
        for d in results.iter().flat_map(|(_, docs)| docs) {
            if d.mismatches.is_empty() {
                writeln!(out, "{}: all right", d.label)?;
            } else {
                writeln!(out, "{}:", d.label)?;
                for m in &d.mismatches {
                    writeln!(out, "  {m}")?;
                }
            }
        }
        writeln!(out)?;
    }
    writeln!(out, "{}", report::header())?;
    for (set, docs) in results {
        for (group, s) in groups(docs) {
            writeln!(out, "{}", report::row(set, group, &s))?;
        }
    }
    out.flush()
}

fn print_json(
    out: &mut impl Write,
    results: &[(&str, Vec<DocScore>)],
    verbose: bool,
) -> io::Result<()> {
    let mut sets = Map::new();
    for (set, docs) in results {
        let mut by_group = Map::new();
        for (group, s) in groups(docs) {
            by_group.insert(group.to_string(), report::to_json(&s));
        }
        if verbose {
            let mismatches: Vec<Value> = docs
                .iter()
                .map(|d| json!({ "document": d.label, "mismatches": d.mismatches }))
                .collect();
            by_group.insert("documents".to_string(), Value::Array(mismatches));
        }
        sets.insert((*set).to_string(), Value::Object(by_group));
    }
    serde_json::to_writer_pretty(&mut *out, &json!({ "sets": sets }))?;
    writeln!(out)?;
    out.flush()
}
