//! Coding for research (issue 15): `bookmarks add-search` tags every hit of a query,
//! `bookmarks tags` is the codebook (describe, rename, merge), `bookmarks matrix` counts
//! tagged passages by tag and place.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;
use serde_json::json;
use unicode_width::UnicodeWidthStr;

use super::{Purpose, open_store};
use crate::bookmarks::codebook::{self, Codebook};
use crate::bookmarks::export::codebook::entries;
use crate::bookmarks::{Anchorer, Bookmark, Op, parse_tags};

use crate::cli::{load_corpus, output};
use crate::corpus::PassageRef;
use crate::search::{SearchIndex, search_all};

#[derive(Debug, clap::Args)]
pub struct AddSearchArgs {
    /// The query, in the finder's language (see `nghiquyet search --help`)
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// The tag (the code) to put on every hit, e.g. nhà-ở or kinh-tế/nhà-ở
    #[arg(long, value_name = "TAG")]
    pub tag: String,
    /// Only what is said about this place or a place under it (as `search --locality`)
    #[arg(long, value_name = "PLACE")]
    pub locality: Option<String>,
    #[command(flatten)]
    pub facets: crate::analysis::facets::Facets,
}

#[derive(Debug, clap::Subcommand)]
pub enum TagsCommand {
    /// Set what a tag marks a passage as evidence of (empty TEXT: remove it)
    Describe {
        tag: String,
        #[arg(value_name = "TEXT", num_args = 0..)]
        text: Vec<String>,
    },
    /// Rename a tag and the tags under it on every bookmark and in the codebook; into a tag
    /// that exists, it merges
    Rename { from: String, to: String },
}

/// How the matrix groups places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MatrixBy {
    /// The province (before 2025)
    Province,
    /// The 34 provinces since 1 July 2025
    Province2025,
    /// Each place itself
    Locality,
}

impl From<MatrixBy> for crate::analysis::counts::By {
    fn from(b: MatrixBy) -> Self {
        match b {
            MatrixBy::Province => Self::Province,
            MatrixBy::Province2025 => Self::Province2025,
            MatrixBy::Locality => Self::Locality,
        }
    }
}

/// One tag as typed: `#nhà-ở` → `nhà-ở`; refuses none or several.
fn one_tag(input: &str) -> anyhow::Result<String> {
    match parse_tags(input).as_slice() {
        [t] => Ok(t.clone()),
        [] => bail!("no tag in {input:?}"),
        _ => bail!("{input:?} is several tags (a tag has no spaces or commas); give one"),
    }
}

/// What `add-search` did.
#[derive(Debug, Default)]
struct Tally {
    new: usize,
    tagged: usize,
    already: usize,
}

pub fn add_search(
    corpus_path: Option<&PathBuf>,
    bookmarks_path: Option<&Path>,
    force: bool,
    args: &AddSearchArgs,
) -> anyhow::Result<ExitCode> {
    let tag = one_tag(&args.tag)?;
    let (corpus, _) = load_corpus(corpus_path, force)?;
    let scope = crate::cli::search::scope(&corpus, args.locality.as_deref(), &args.facets)?;
    let index = SearchIndex::build(&corpus);
    let raw = args.query.join(" ");
    let mut seen = HashSet::new();
    let hits: Vec<PassageRef> = search_all(&index, &corpus, &raw, &scope)
        .into_iter()
        .map(|h| h.at)
        .filter(|at| seen.insert(*at))
        .collect();
    if hits.is_empty() {
        output::info(format!("no passage matches {raw:?}: nothing tagged"));
        return Ok(ExitCode::from(1));
    }
    let (mut store, snap) = open_store(bookmarks_path, Purpose::Change)?;
    let anchorer = Anchorer::new(&corpus);
    // Resolved before the lock; under it only what another instance added meanwhile.
    let mut resolved: HashMap<String, Option<PassageRef>> = snap
        .bookmarks
        .iter()
        .map(|b| (b.id.clone(), anchorer.resolve(b).at))
        .collect();
    let mut tally = Tally::default();
    let plan = |list: &[Bookmark], _: &Codebook| {
        // Passage → its first bookmark and whether one of its bookmarks has the tag.
        let mut at: HashMap<PassageRef, (&str, bool)> = HashMap::new();
        for b in list {
            let p = *resolved
                .entry(b.id.clone())
                .or_insert_with(|| anchorer.resolve(b).at);
            if let Some(p) = p {
                let e = at.entry(p).or_insert((b.id.as_str(), false));
                e.1 |= codebook::has_tag(&b.tags, &tag);
            }
        }
        let mut ops = Vec::new();
        for p in &hits {
            match at.get(p) {
                Some((_, true)) => tally.already += 1,
                Some((id, false)) => {
                    tally.tagged += 1;
                    ops.push(Op::Tag {
                        id: (*id).to_string(),
                        tag: tag.clone(),
                    });
                }
                None => {
                    tally.new += 1;
                    let b = Bookmark::new(&corpus, *p, "", vec![tag.clone()]);
                    ops.push(Op::Add(Box::new(b)));
                }
            }
        }
        ops
    };
    let done = store.apply_planned(plan, &snap.bookmarks)?;
    if let Some(n) = &done.notice {
        output::warn(n);
    }
    let mut out = output::stdout();
    writeln!(
        out,
        "{} passage{}: {} new bookmark{}, {} tagged, {} already tagged {tag:?}",
        hits.len(),
        plural(hits.len()),
        tally.new,
        plural(tally.new),
        tally.tagged,
        tally.already,
    )?;
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub fn tags(
    bookmarks_path: Option<&Path>,
    command: Option<TagsCommand>,
    as_json: bool,
) -> anyhow::Result<ExitCode> {
    match command {
        None => list_tags(bookmarks_path, as_json),
        Some(TagsCommand::Describe { tag, text }) => describe(bookmarks_path, &tag, &text),
        Some(TagsCommand::Rename { from, to }) => rename(bookmarks_path, &from, &to),
    }
}

fn list_tags(bookmarks_path: Option<&Path>, as_json: bool) -> anyhow::Result<ExitCode> {
    let (_, snap) = open_store(bookmarks_path, Purpose::Read)?;
    let list = entries(&snap.bookmarks, &snap.codebook);
    let mut out = output::stdout();
    if as_json {
        out.json(&list)?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    if list.is_empty() {
        writeln!(
            out,
            "no tags yet (tag with `nghiquyet bookmarks add-search QUERY --tag TAG`)"
        )?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    let shown = |e: &crate::bookmarks::export::codebook::Entry| {
        format!("{}{}", "  ".repeat(e.depth), e.tag)
    };
    let tag_w = list.iter().map(|e| shown(e).width()).max().unwrap_or(0);
    let n_w = list
        .iter()
        .map(|e| e.bookmarks.to_string().len())
        .max()
        .unwrap_or(1);
    for e in &list {
        let s = shown(e);
        let description = e.description.lines().collect::<Vec<_>>().join(" / ");
        let line = format!(
            "{s}{}  {:>n_w$}  {description}",
            " ".repeat(tag_w - s.width()),
            e.bookmarks
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// The tag as the file already spells it (tags compare without regard to case), else as
/// typed.
fn spelled(list: &[Bookmark], codebook: &Codebook, tag: &str) -> Option<String> {
    entries(list, codebook)
        .into_iter()
        .find(|e| e.tag.to_lowercase() == tag.to_lowercase())
        .map(|e| e.tag)
}

fn describe(bookmarks_path: Option<&Path>, tag: &str, text: &[String]) -> anyhow::Result<ExitCode> {
    let tag = one_tag(tag)?;
    let description = text.join(" ");
    let (mut store, snap) = open_store(bookmarks_path, Purpose::Change)?;
    let mut key = tag.clone();
    let done = store.apply_planned(
        |list, cb| {
            key = spelled(list, cb, &tag).unwrap_or_else(|| tag.clone());
            vec![Op::Describe {
                tag: key.clone(),
                description: description.clone(),
            }]
        },
        &snap.bookmarks,
    )?;
    if let Some(n) = &done.notice {
        output::warn(n);
    }
    output::info(
        match (done.applied.first() == Some(&true), description.trim()) {
            (false, _) => format!("{key:?}: description unchanged"),
            (true, "") => format!("{key:?}: description removed"),
            (true, _) => format!("{key:?}: described"),
        },
    );
    Ok(ExitCode::SUCCESS)
}

fn rename(bookmarks_path: Option<&Path>, from: &str, to: &str) -> anyhow::Result<ExitCode> {
    let (from, to) = (one_tag(from)?, one_tag(to)?);
    let (mut store, snap) = open_store(bookmarks_path, Purpose::Change)?;
    let mut found: Option<String> = None;
    let mut merge: Option<String> = None;
    let mut touched = 0;
    let done = store.apply_planned(
        |list, cb| {
            found = spelled(list, cb, &from);
            // Into a tag that exists (not one under the tag renamed): a merge.
            merge = spelled(list, cb, &to).filter(|t| codebook::renamed(t, &from, &to).is_none());
            touched = list
                .iter()
                .filter(|b| {
                    b.tags
                        .iter()
                        .any(|t| codebook::renamed(t, &from, &to).is_some())
                })
                .count();
            if found.is_none() {
                return Vec::new();
            }
            vec![Op::RenameTag {
                from: from.clone(),
                to: to.clone(),
            }]
        },
        &snap.bookmarks,
    )?;
    if let Some(n) = &done.notice {
        output::warn(n);
    }
    let Some(found) = found else {
        bail!(
            "no tag {from:?} in {} (see `nghiquyet bookmarks tags`)",
            store.path().display()
        );
    };
    let n = format!("{touched} bookmark{}", plural(touched));
    output::info(match merge {
        Some(into) => format!("merged {found:?} into {into:?} ({n}; their descriptions joined)"),
        None => format!("renamed {found:?} to {to:?} ({n})"),
    });
    Ok(ExitCode::SUCCESS)
}

pub fn matrix(
    corpus_path: Option<&PathBuf>,
    bookmarks_path: Option<&Path>,
    force: bool,
    by: MatrixBy,
    csv: bool,
    as_json: bool,
) -> anyhow::Result<ExitCode> {
    let (_, snap) = open_store(bookmarks_path, Purpose::Read)?;
    let (corpus, name) = load_corpus(corpus_path, force)?;
    let anchorer = Anchorer::new(&corpus);
    let at: Vec<Option<PassageRef>> = snap
        .bookmarks
        .iter()
        .map(|b| anchorer.resolve(b).at)
        .collect();
    let m = crate::bookmarks::matrix::matrix(&corpus, &snap.bookmarks, &at, by.into());
    let count = |t: usize, p: usize| m.count(t, p);
    let mut out = output::stdout();
    if as_json {
        let counts: Vec<Vec<usize>> = (0..m.tags.len())
            .map(|t| (0..m.places.len()).map(|p| count(t, p)).collect())
            .collect();
        let ids: Vec<Vec<Vec<&str>>> = m
            .cells
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| {
                        cell.iter()
                            .map(|&i| snap.bookmarks[i].id.as_str())
                            .collect()
                    })
                    .collect()
            })
            .collect();
        out.json(&json!({
            "by": format!("{by:?}").to_lowercase(),
            "tags": m.tags,
            "places": m.places,
            "counts": counts,
            "bookmarks": ids,
        }))?;
    } else if csv {
        out.content(&crate::bookmarks::matrix::csv(&m)?)?;
    } else if m.tags.is_empty() {
        writeln!(out, "no tagged bookmark resolves in {name}")?;
    } else {
        let tag_w = m.tags.iter().map(|t| t.width()).max().unwrap_or(0);
        let col_w: Vec<usize> = m.places.iter().map(|p| p.width().max(3)).collect();
        let mut head = " ".repeat(tag_w);
        for (p, w) in m.places.iter().zip(&col_w) {
            let _ = write!(head, "  {}{p}", " ".repeat(w - p.width()));
        }
        writeln!(out, "{head}")?;
        for (t, tag) in m.tags.iter().enumerate() {
            let mut line = format!("{tag}{}", " ".repeat(tag_w - tag.width()));
            for (p, w) in col_w.iter().enumerate() {
                let n = count(t, p);
                let cell = if n == 0 { "·".into() } else { n.to_string() };
                let _ = write!(line, "  {cell:>w$}");
            }
            writeln!(out, "{line}")?;
        }
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_is_one_tag() {
        assert_eq!(one_tag("#nhà-ở").unwrap(), "nhà-ở");
        assert!(one_tag("a b").is_err());
        assert!(one_tag(" # ").is_err());
    }
}
