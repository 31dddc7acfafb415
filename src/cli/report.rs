//! `nghiquyet stats` and `nghiquyet localities`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::{load_corpus, output};
use crate::corpus::{Corpus, Locality, Stats};

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct LocalitiesArgs {
    /// Print JSON
    #[arg(long)]
    pub json: bool,
    /// Group by the 34 provinces in force since 1 July 2025
    #[arg(long = "2025")]
    pub by_2025: bool,
}

#[derive(Serialize)]
struct LocalityCount<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    province: &'a str,
    province_2025: &'a str,
    documents: usize,
}

#[derive(Serialize)]
struct StatsJson<'a> {
    corpus: &'a str,
    #[serde(flatten)]
    stats: Stats,
    locality_documents: Vec<LocalityCount<'a>>,
}

fn counts(corpus: &Corpus) -> Vec<LocalityCount<'_>> {
    let mut v: Vec<LocalityCount> = corpus
        .localities
        .iter()
        .map(|l| LocalityCount {
            id: &l.id,
            name: &l.name,
            kind: &l.kind,
            province: &l.province,
            province_2025: &l.province_2025,
            documents: l.documents.len(),
        })
        .collect();
    v.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.name.cmp(b.name)));
    v
}

pub fn stats(
    corpus_path: Option<&PathBuf>,
    force: bool,
    args: &StatsArgs,
) -> anyhow::Result<ExitCode> {
    let (corpus, name) = load_corpus(corpus_path, force)?;
    let stats = corpus.stats();
    let mut out = output::stdout();
    if args.json {
        let j = StatsJson {
            corpus: &name,
            stats,
            locality_documents: counts(&corpus),
        };
        out.json(&j)?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "corpus:        {name}")?;
    writeln!(out, "documents:     {}", stats.documents)?;
    writeln!(out, "sections:      {}", stats.sections)?;
    writeln!(out, "passages:      {}", stats.passages)?;
    writeln!(out, "removed lines: {}", stats.removed)?;
    writeln!(out, "localities:    {}", stats.localities)?;
    for c in counts(&corpus) {
        writeln!(
            out,
            "  {:>4}  {} ({}, {})",
            c.documents, c.name, c.kind, c.province
        )?;
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct Group<'a> {
    province: &'a str,
    localities: Vec<&'a Locality>,
}

pub fn localities(
    corpus_path: Option<&PathBuf>,
    force: bool,
    args: &LocalitiesArgs,
) -> anyhow::Result<ExitCode> {
    let (corpus, _) = load_corpus(corpus_path, force)?;
    let mut groups: BTreeMap<&str, Vec<&Locality>> = BTreeMap::new();
    for l in &corpus.localities {
        let key = if args.by_2025 {
            &l.province_2025
        } else {
            &l.province
        };
        groups.entry(key).or_default().push(l);
    }
    // Within a province: the province itself first, then its units by name.
    for v in groups.values_mut() {
        v.sort_by_key(|l| (!l.id.starts_with('p'), l.name.clone()));
    }
    let mut out = output::stdout();
    if args.json {
        let g: Vec<Group> = groups
            .into_iter()
            .map(|(province, localities)| Group {
                province,
                localities,
            })
            .collect();
        out.json(&g)?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    for (province, ls) in groups {
        writeln!(out, "{province}")?;
        for l in ls {
            let moved = if !args.by_2025 && l.province_2025 != l.province {
                format!(" → {} (2025)", l.province_2025)
            } else if args.by_2025 && l.province_2025 != l.province {
                format!(" (until 2025: {})", l.province)
            } else {
                String::new()
            };
            writeln!(
                out,
                "  {}  {}  {} document{}{}",
                l.name,
                l.kind,
                l.documents.len(),
                if l.documents.len() == 1 { "" } else { "s" },
                moved
            )?;
        }
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
