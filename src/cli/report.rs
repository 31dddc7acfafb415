//! `nghiquyet stats` and `nghiquyet localities`.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::{load_corpus, output};
use crate::corpus::tree::locality_tree;
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
    /// Group by the 34 provinces in force since 1 July 2025 (communes by their 2025 names)
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

fn documents(n: usize) -> String {
    format!("{n} document{}", if n == 1 { "" } else { "s" })
}

/// `xã Hoằng Quỳ (huyện Hoằng Hóa)`: a former commune, for a 2025 commune's line.
fn former_commune(l: &Locality) -> String {
    match &l.district {
        Some(d) => format!("{} {} ({} {})", l.kind, l.name, d.kind, d.name),
        None => format!("{} {}", l.kind, l.name),
    }
}

pub fn localities(
    corpus_path: Option<&PathBuf>,
    force: bool,
    args: &LocalitiesArgs,
) -> anyhow::Result<ExitCode> {
    let (corpus, _) = load_corpus(corpus_path, force)?;
    let tree = locality_tree(&corpus, args.by_2025);
    let mut out = output::stdout();
    if args.json {
        // Each province with the localities of the corpus under it, in the tree's order
        // (every record carries its district and its 2025 communes).
        let mut groups: Vec<Group> = Vec::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for node in &tree {
            if node.depth == 0 {
                seen.clear();
                groups.push(Group {
                    province: corpus_province(&corpus, &node.name),
                    localities: Vec::new(),
                });
            }
            let Some(g) = groups.last_mut() else { continue };
            for id in &node.members {
                if (node.depth > 0 || node.id.as_deref() == Some(*id))
                    && seen.insert(id)
                    && let Some(l) = corpus.locality(id)
                {
                    g.localities.push(l);
                }
            }
        }
        out.json(&groups)?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    for node in &tree {
        let indent = "  ".repeat(usize::from(node.depth));
        if node.depth == 0 {
            writeln!(out, "{}", node.name)?;
            // The province itself, when the corpus is about it, heads its own list.
            if let Some(l) = node.id.as_deref().and_then(|id| corpus.locality(id)) {
                writeln!(out, "  {}", line(l, args.by_2025))?;
            }
            continue;
        }
        if !node.former.is_empty() {
            let former: Vec<String> = node.former.iter().map(|l| former_commune(l)).collect();
            writeln!(
                out,
                "{indent}{}  {}  {} (until 2025: {})",
                node.name,
                node.kind,
                documents(node.documents.len()),
                former.join("; ")
            )?;
        } else if let Some(l) = node
            .id
            .as_deref()
            .and_then(|id| corpus.locality(id))
            .filter(|_| node.subject)
        {
            writeln!(out, "{indent}{}", line(l, args.by_2025))?;
        } else {
            // A district only its communes are about.
            writeln!(
                out,
                "{indent}{}  {}  ({} about its communes)",
                node.name,
                node.kind,
                documents(node.documents.len())
            )?;
        }
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// The province name as the corpus writes it (borrowed from the corpus).
fn corpus_province<'a>(corpus: &'a Corpus, name: &str) -> &'a str {
    corpus
        .localities
        .iter()
        .find_map(|l| {
            [l.province.as_str(), l.province_2025.as_str()]
                .into_iter()
                .find(|p| *p == name)
        })
        .unwrap_or_default()
}

/// `Hạ Long  thành phố thuộc tỉnh  2 documents`, and where it went in 2025.
fn line(l: &Locality, by_2025: bool) -> String {
    let moved = if !by_2025 && l.province_2025 != l.province {
        format!(" → {} (2025)", l.province_2025)
    } else if by_2025 && l.province_2025 != l.province {
        format!(" (until 2025: {})", l.province)
    } else {
        String::new()
    };
    let became = if !by_2025 && !l.communes_2025.is_empty() {
        let names: Vec<String> = l
            .communes_2025
            .iter()
            .map(|c| format!("{} {}", c.kind, c.name))
            .collect();
        format!(" → {} (2025)", names.join(", "))
    } else {
        String::new()
    };
    format!(
        "{}  {}  {}{moved}{became}",
        l.name,
        l.kind,
        documents(l.documents.len())
    )
}
