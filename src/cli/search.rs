//! `nghiquyet search QUERY [--locality NAME] [--limit N] [--json]`

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::{load_corpus, output};
use crate::corpus::Corpus;
use crate::corpus::tree::{FindError, find_place, locality_tree};
use crate::search::{Scope, SearchIndex, highlight_ranges, search_all};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: space-separated terms (all must match, any order); 'exact ^start end$
    /// !exclude "a phrase"; diacritics and case never matter
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Only what is said about this place or a place under it: a name ("Ha Long"), with its
    /// province after a comma when others share it ("Chau Thanh, Tien Giang"), or an id
    #[arg(long, value_name = "PLACE")]
    pub locality: Option<String>,
    #[command(flatten)]
    pub facets: crate::analysis::facets::Facets,
    /// How many results to print
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Print a JSON array; `ranges` are [start, end) char offsets into `text`
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct JsonHit<'a> {
    doc: &'a str,
    title: &'a str,
    section: Option<String>,
    localities: Vec<&'a str>,
    passage: &'a str,
    kind: &'a str,
    text: &'a str,
    score: i64,
    /// "exact": every term as typed; "fuzzy": some only nearly (an edit, initials).
    #[serde(rename = "match")]
    matched: &'static str,
    ranges: Vec<[usize; 2]>,
}

/// What is said about the place `name` names (a locality id, or a name with its province
/// after a comma when others share it) and the places under it, as the browser's locality
/// row scopes the finder: see [`Scope::places`].
fn locality_scope(corpus: &Corpus, name: &str) -> anyhow::Result<Scope> {
    let tree = locality_tree(corpus, false);
    match find_place(corpus, &tree, name) {
        Ok(node) => {
            let scope = Scope::places(corpus, node.members.iter().copied());
            if scope == Scope::Sections(Vec::new()) {
                eprintln!(
                    "note: the {} article(s) about {} are about other places too, and none of \
                     their sections is about it alone",
                    node.documents.len(),
                    node.name
                );
            }
            Ok(scope)
        }
        Err(FindError::Unknown) => {
            anyhow::bail!("no locality named {name:?} in the corpus (see `nghiquyet localities`)")
        }
        Err(FindError::NotThere(places)) => anyhow::bail!(
            "no locality {name:?} in the corpus; with that name it has:\n  {}",
            places.join("\n  ")
        ),
        Err(FindError::Ambiguous(places)) => anyhow::bail!(
            "{name:?} names {} places; add the province after a comma \
             (--locality \"{}, <province>\") or give the id:\n  {}",
            places.len(),
            name.trim(),
            places.join("\n  ")
        ),
    }
}

/// What `--locality` and the facets leave to search (see [`locality_scope`]; the facets keep
/// their articles).
pub(super) fn scope(
    corpus: &Corpus,
    locality: Option<&str>,
    facets: &crate::analysis::facets::Facets,
) -> anyhow::Result<Scope> {
    let scope = match locality {
        Some(name) => locality_scope(corpus, name)?,
        None => Scope::All,
    };
    // The facets narrow the scope to their articles.
    let scope = if facets.is_empty() {
        scope
    } else {
        let kept = facets.documents(corpus);
        match scope {
            Scope::Sections(sections) => Scope::Sections(
                sections
                    .into_iter()
                    .filter(|(d, _)| kept.binary_search(d).is_ok())
                    .collect(),
            ),
            _ => Scope::Documents(kept),
        }
    };
    Ok(scope)
}

pub fn run(
    corpus_path: Option<&PathBuf>,
    force: bool,
    args: &SearchArgs,
) -> anyhow::Result<ExitCode> {
    let (corpus, _) = load_corpus(corpus_path, force)?;
    let scope = scope(&corpus, args.locality.as_deref(), &args.facets)?;
    let index = SearchIndex::build(&corpus);
    let raw = args.query.join(" ");
    let hits = search_all(&index, &corpus, &raw, &scope);
    let tty = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = output::stdout();
    let shown = hits.iter().take(args.limit);
    if args.json {
        let items: Vec<JsonHit> = shown
            .map(|h| {
                let doc = &corpus.documents[h.at.doc as usize];
                let p = h.at.get(&corpus);
                JsonHit {
                    doc: &doc.id,
                    title: &doc.title,
                    section: corpus.section_label(h.at.doc as usize, h.at.section as usize),
                    localities: doc
                        .localities
                        .iter()
                        .filter_map(|id| corpus.locality(id).map(|l| l.name.as_str()))
                        .collect(),
                    passage: &p.id,
                    kind: p.kind.as_str(),
                    text: &p.text,
                    score: h.score,
                    matched: if h.exact { "exact" } else { "fuzzy" },
                    ranges: highlight_ranges(&p.text, &h.ranges)
                        .into_iter()
                        .map(|(s, e)| [s, e])
                        .collect(),
                }
            })
            .collect();
        out.json(&items)?;
    } else {
        for (n, h) in shown.enumerate() {
            let doc = &corpus.documents[h.at.doc as usize];
            let p = h.at.get(&corpus);
            let section = corpus.section_label(h.at.doc as usize, h.at.section as usize);
            let crumbs: Vec<&str> = [Some(doc.title.as_str()), section.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            writeln!(
                out,
                "{:>3}. {}/{}  [{}]  {}",
                n + 1,
                doc.id,
                p.id,
                h.score,
                crumbs.join(" › ")
            )?;
            let ranges = highlight_ranges(&p.text, &h.ranges);
            let chars: Vec<char> = p.text.chars().collect();
            let text = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
            write!(out, "     ")?;
            let mut at = 0;
            for (s, e) in ranges {
                write!(out, "{}", text(at, s))?;
                // Our own styling is the only escape sequence that passes the sanitiser.
                if tty {
                    out.raw(b"\x1b[1;7m")?;
                } else {
                    write!(out, "[")?;
                }
                write!(out, "{}", text(s, e))?;
                if tty {
                    out.raw(b"\x1b[0m")?;
                } else {
                    write!(out, "]")?;
                }
                at = e;
            }
            writeln!(out, "{}", text(at, chars.len()))?;
        }
        if hits.len() > args.limit {
            writeln!(out, "… {} more (use --limit)", hits.len() - args.limit)?;
        }
    }
    out.finish()?;
    // Like grep: 1 when nothing matched.
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
