//! `nghiquyet bookmarks list|add|rm|export`, and coding for research: `add-search`,
//! `tags`, `matrix` (see [`coding`]).

pub mod coding;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use serde_json::json;

use super::{load_corpus, output};
use crate::bookmarks::export::{self, Format};
use crate::bookmarks::store::{Snapshot, resolve_path};
use crate::bookmarks::{Anchorer, Bookmark, Op, Status, Store, parse_tags};
use crate::corpus::PassageRef;

#[derive(Debug, clap::Args)]
pub struct BookmarksArgs {
    #[command(subcommand)]
    pub command: BookmarksCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum BookmarksCommand {
    /// Every bookmark, resolved against the corpus: ok, reanchored or orphaned
    List {
        /// Print a JSON array: each bookmark as stored, plus "status" and "resolved"
        #[arg(long)]
        json: bool,
    },
    /// Bookmark a passage (ids as printed by `nghiquyet search --json`); prints the new id
    Add {
        /// Passage id, e.g. p3f9a12c07d1e
        passage: String,
        /// A note for the report
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
        /// A tag (repeatable; `#cải-cách`, or several separated by commas)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// Delete a bookmark by its id
    Rm {
        /// Bookmark id, as printed by `list`
        id: String,
    },
    /// Tag every hit of a query in one step (a new bookmark where a passage has none);
    /// exits 1 when nothing matches
    AddSearch(coding::AddSearchArgs),
    /// The codebook: every tag (and parent of a nested tag a/b) with its number of
    /// bookmarks and its description; or describe or rename a tag
    Tags {
        #[command(subcommand)]
        command: Option<coding::TagsCommand>,
        /// Print a JSON array: tag, depth, bookmarks, description
        #[arg(long)]
        json: bool,
    },
    /// Tags by places: how many tagged passages each tag has in each place
    Matrix {
        /// Columns: province (before 2025), province2025 or locality
        #[arg(long, value_enum, default_value = "province")]
        by: coding::MatrixBy,
        /// CSV (UTF-8 with a BOM, CRLF)
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        /// JSON: tags, places, counts and the bookmarks of each cell
        #[arg(long)]
        json: bool,
    },
    /// Write the bookmarks for a report
    Export {
        /// md: grouped by locality and article, quotes with citations; csv: one row each
        /// (UTF-8 with BOM); json: as stored; codebook: the tags with their descriptions,
        /// counts and an example quote (Markdown); qdpx: a REFI-QDA project for NVivo,
        /// ATLAS.ti, MAXQDA, QualCoder (a zip: needs -o)
        #[arg(long, value_name = "FORMAT")]
        format: ExportFormat,
        /// Write to FILE instead of standard output (an existing file needs --force)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// The export formats as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Md,
    Csv,
    Json,
    Qdpx,
    Codebook,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Md => Format::Md,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Json => Format::Json,
            ExportFormat::Qdpx => Format::Qdpx,
            ExportFormat::Codebook => Format::Codebook,
        }
    }
}

/// Read or change: reading never touches the file; a change moves an unusable file aside.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Read,
    Change,
}

fn open_store(path: Option<&Path>, purpose: Purpose) -> anyhow::Result<(Store, Snapshot)> {
    let mut store = Store::new(resolve_path(path)?);
    let snap = store.load()?;
    if let Some(why) = &snap.unusable
        && purpose == Purpose::Read
    {
        bail!(
            "{}: not a usable bookmarks file ({why}); it was left as it is. \
             The next change (`bookmarks add` or `rm`) moves it aside and starts a new file",
            store.path().display()
        );
    }
    if snap.unusable.is_none()
        && let Some(n) = &snap.notice
    {
        output::warn(n);
    }
    Ok((store, snap))
}

pub fn run(
    corpus_path: Option<&PathBuf>,
    bookmarks_path: Option<&Path>,
    force: bool,
    args: BookmarksArgs,
) -> anyhow::Result<ExitCode> {
    match args.command {
        BookmarksCommand::List { json } => list(corpus_path, bookmarks_path, force, json),
        BookmarksCommand::Add {
            passage,
            note,
            tags,
        } => add(corpus_path, bookmarks_path, force, &passage, &note, &tags),
        BookmarksCommand::Rm { id } => rm(bookmarks_path, &id),
        BookmarksCommand::AddSearch(a) => {
            coding::add_search(corpus_path, bookmarks_path, force, &a)
        }
        BookmarksCommand::Tags { command, json } => coding::tags(bookmarks_path, command, json),
        BookmarksCommand::Matrix { by, csv, json } => {
            coding::matrix(corpus_path, bookmarks_path, force, by, csv, json)
        }
        BookmarksCommand::Export { format, output } => {
            export_cmd(corpus_path, bookmarks_path, format.into(), output, force)
        }
    }
}

fn list(
    corpus_path: Option<&PathBuf>,
    bookmarks_path: Option<&Path>,
    force: bool,
    as_json: bool,
) -> anyhow::Result<ExitCode> {
    let (_, snap) = open_store(bookmarks_path, Purpose::Read)?;
    let (corpus, _) = load_corpus(corpus_path, force)?;
    let anchorer = Anchorer::new(&corpus);
    let mut out = output::stdout();
    if as_json {
        let items: Vec<serde_json::Value> = snap
            .bookmarks
            .iter()
            .map(|b| {
                let res = anchorer.resolve(b);
                let mut v = serde_json::to_value(b).unwrap_or_default();
                v["status"] = json!(res.status);
                v["resolved"] = match res.at {
                    Some(at) => {
                        let doc = &corpus.documents[at.doc as usize];
                        json!({
                            "doc": doc.id,
                            "passage": at.get(&corpus).id,
                            "section": corpus.section_label(at.doc as usize, at.section as usize),
                            "similarity": (res.similarity * 1000.0).round() / 1000.0,
                        })
                    }
                    None => serde_json::Value::Null,
                };
                v
            })
            .collect();
        out.json(&items)?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    if snap.bookmarks.is_empty() {
        writeln!(
            out,
            "no bookmarks yet (add one with `b` in the browser, or `nghiquyet bookmarks add PASSAGE_ID`)"
        )?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = if stdout_is_tty() { 100 } else { usize::MAX };
    for b in &snap.bookmarks {
        let res = anchorer.resolve(b);
        let c = export::cite(&corpus, b, res);
        let crumbs: Vec<&str> = [
            c.locality.as_deref(),
            Some(c.title.as_str()),
            c.section.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        writeln!(
            out,
            "{}  {:<10}  {}",
            b.id,
            res.status.as_str(),
            crumbs.join(" › ")
        )?;
        let quote = crate::text::truncate_to_width(&b.quote.text, width.saturating_sub(4));
        writeln!(out, "    “{quote}”")?;
        if !b.note.is_empty() || !b.tags.is_empty() {
            let extra: Vec<String> = [b.note.clone(), b.tags_label()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            writeln!(out, "    {}", extra.join("  "))?;
        }
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

fn stdout_is_tty() -> bool {
    std::io::stdout().is_terminal()
}

fn add(
    corpus_path: Option<&PathBuf>,
    bookmarks_path: Option<&Path>,
    force: bool,
    passage: &str,
    note: &str,
    tags: &[String],
) -> anyhow::Result<ExitCode> {
    let (corpus, name) = load_corpus(corpus_path, force)?;
    let at = find_passage(&corpus, passage).with_context(|| {
        format!("no passage {passage:?} in {name} (ids as printed by `nghiquyet search --json`)")
    })?;
    let (mut store, snap) = open_store(bookmarks_path, Purpose::Change)?;
    let doc_id = &corpus.documents[at.doc as usize].id;
    // A passage may carry several bookmarks (each with its own note); say so, do not refuse.
    if let Some(b) = snap
        .bookmarks
        .iter()
        .find(|b| &b.doc == doc_id && b.passage == passage)
    {
        output::info(format!("note: this passage is also bookmarked as {}", b.id));
    }
    let tags: Vec<String> = parse_tags(&tags.join(","));
    let b = Bookmark::new(&corpus, at, note, tags);
    let id = b.id.clone();
    let done = store.apply(&[Op::Add(Box::new(b))], &snap.bookmarks)?;
    if let Some(n) = &done.notice {
        output::warn(n);
    }
    let mut out = output::stdout();
    writeln!(out, "{id}")?;
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// A passage by id, in the first document that has it.
fn find_passage(corpus: &crate::corpus::Corpus, id: &str) -> Option<PassageRef> {
    (0..corpus.documents.len())
        .flat_map(|d| crate::bookmarks::doc_refs(corpus, d))
        .find(|r| r.get(corpus).id == id)
}

fn rm(bookmarks_path: Option<&Path>, id: &str) -> anyhow::Result<ExitCode> {
    let (mut store, snap) = open_store(bookmarks_path, Purpose::Change)?;
    let done = store.apply(&[Op::Remove(id.to_string())], &snap.bookmarks)?;
    if let Some(n) = &done.notice {
        output::warn(n);
    }
    if done.applied.first() != Some(&true) {
        bail!(
            "no bookmark {id:?} in {} (see `nghiquyet bookmarks list`)",
            store.path().display()
        );
    }
    output::info(format!("removed {id}"));
    Ok(ExitCode::SUCCESS)
}

fn export_cmd(
    corpus_path: Option<&PathBuf>,
    bookmarks_path: Option<&Path>,
    format: Format,
    output: Option<PathBuf>,
    force: bool,
) -> anyhow::Result<ExitCode> {
    if format == Format::Qdpx && output.is_none() {
        bail!("a .qdpx project is a zip file: name it with -o FILE.qdpx");
    }
    let (store, snap) = open_store(bookmarks_path, Purpose::Read)?;
    let bytes = if format == Format::Json {
        // As stored, byte for byte (a newer version's fields included; controls escaped).
        match store.raw()? {
            Some(b) => export::json_as_stored(b),
            None => export::json(&[])?.into_bytes(),
        }
    } else {
        let (corpus, _) = load_corpus(corpus_path, force)?;
        export::render(&corpus, &snap.bookmarks, &snap.codebook, format)?
    };
    match output {
        None => {
            let mut out = output::stdout();
            out.content(&bytes)?;
            out.finish()?;
        }
        Some(path) => {
            export::write_new(&path, &bytes, force)?;
            let orphaned = orphan_count(corpus_path, force, &snap.bookmarks, format)?;
            let n = snap.bookmarks.len();
            output::info(format!(
                "wrote {n} bookmark{} to {}{}",
                if n == 1 { "" } else { "s" },
                path.display(),
                if orphaned > 0 {
                    format!(" ({orphaned} orphaned: quoted as saved)")
                } else {
                    String::new()
                }
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn orphan_count(
    corpus_path: Option<&PathBuf>,
    force: bool,
    bookmarks: &[Bookmark],
    format: Format,
) -> anyhow::Result<usize> {
    if format == Format::Json || bookmarks.is_empty() {
        return Ok(0);
    }
    let (corpus, _) = load_corpus(corpus_path, force)?;
    let a = Anchorer::new(&corpus);
    Ok(bookmarks
        .iter()
        .filter(|b| a.resolve(b).status == Status::Orphaned)
        .count())
}
