//! `nghiquyet build INPUT... -o FILE`

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Write};
use std::num::NonZeroUsize;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use anyhow::Context;
use clap::Args;

use super::output;
use crate::corpus::{self, Document};
use crate::gazetteer::Gazetteer;
use crate::preprocess::{build_document, corpus_from_documents, txt_files};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Raw article files (.txt) and directories (searched recursively for .txt, sorted by
    /// path; symbolic links are followed, and a file reached twice is read once)
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Where to write the corpus (JSON); written to a temporary file, then renamed
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Print only errors and the total
    #[arg(short, long)]
    pub quiet: bool,
    /// Articles preprocessed at once (default: one per CPU core). The corpus and the output
    /// are the same whatever the number
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<NonZeroUsize>,
}

/// Something found while collecting the inputs, printed before the build.
enum Note {
    /// An input that cannot be built: `error:`, and the build exits 1.
    Error(String),
    /// Something skipped that costs no article: `warning:`.
    Warning(String),
}

/// A path that does not lead to a file: a dangling symbolic link, or a link chain that
/// never ends. `None` when `path` leads somewhere, or is no link.
fn broken_link(path: &Path) -> Option<String> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match std::fs::metadata(path) {
        Err(e) if is_link && e.kind() == std::io::ErrorKind::NotFound => {
            let target = std::fs::read_link(path).unwrap_or_default();
            Some(format!(
                "{}: dangling symbolic link (its target {} does not exist)",
                path.display(),
                target.display()
            ))
        }
        Err(_) if is_link => Some(
            crate::files::FileError::SymlinkLoop {
                path: path.to_path_buf(),
            }
            .to_string(),
        ),
        _ => None,
    }
}

/// What went wrong at one entry of a directory walk.
fn walk_note(input: &Path, e: &walkdir::Error) -> Note {
    let Some(path) = e.path() else {
        return Note::Error(format!("{}: {e}", input.display()));
    };
    if let Some(ancestor) = e.loop_ancestor() {
        // Its files are read through the directory it leads back to.
        return Note::Warning(format!(
            "{}: symbolic link to {}, a directory that contains it (a loop); not followed",
            path.display(),
            ancestor.display()
        ));
    }
    let is_txt = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("txt"));
    match broken_link(path) {
        // An article that cannot be read, as a missing input file is.
        Some(msg) if is_txt => Note::Error(msg),
        // Not an article by its name (it may have led to a directory): skipped, said.
        Some(msg) => Note::Warning(format!("{msg}; skipped")),
        None => Note::Error(match e.io_error() {
            Some(io) => format!("{}: {io}", path.display()),
            None => format!("{}: {e}", path.display()),
        }),
    }
}

/// Expand inputs into a sorted list of files and their total size; note inputs that yield
/// nothing. A file reached by several paths (symbolic or hard links, or named twice) is read
/// once, under the first of its paths in sorted order.
fn collect_inputs(inputs: &[PathBuf], notes: &mut Vec<Note>) -> (Vec<PathBuf>, u64) {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let (found, walk_errors) = txt_files(input);
            notes.extend(walk_errors.iter().map(|e| walk_note(input, e)));
            if found.is_empty() {
                notes.push(Note::Error(format!(
                    "{}: directory has no .txt files",
                    input.display()
                )));
            }
            files.extend(found);
        } else {
            // Only regular files are read: a FIFO or a device is refused here, unread.
            match crate::files::check(input) {
                Ok(Some(_)) => files.push(input.clone()),
                Ok(None) => {
                    let msg = broken_link(input).unwrap_or_else(|| {
                        format!("{}: no such file or directory", input.display())
                    });
                    notes.push(Note::Error(msg));
                }
                Err(e) => notes.push(Note::Error(e.to_string())),
            }
        }
    }
    files.sort();
    files.dedup();
    let mut first_path: HashMap<(u64, u64), PathBuf> = HashMap::new();
    let mut total = 0;
    files.retain(|f| {
        // A file that cannot be looked at now is kept: reading it says why.
        let Ok(m) = std::fs::metadata(f) else {
            return true;
        };
        match first_path.entry((m.dev(), m.ino())) {
            Entry::Occupied(first) => {
                notes.push(Note::Warning(format!(
                    "{}: the same file as {}; not read twice",
                    f.display(),
                    first.get().display()
                )));
                false
            }
            Entry::Vacant(v) => {
                v.insert(f.clone());
                total += m.len();
                true
            }
        }
    });
    (files, total)
}

fn file_stem(p: &Path) -> String {
    p.file_stem()
        .map_or_else(|| "article".into(), |s| s.to_string_lossy().into_owned())
}

/// One input file preprocessed: its document and size, or what went wrong.
type Built = Result<(Document, u64), String>;

fn build_file(path: &Path, gaz: &Gazetteer) -> Built {
    // The raw bytes live only here: whatever the number of threads, at most one file per
    // thread is in memory, as in a serial build.
    let bytes = crate::files::read_existing(path).map_err(|e| e.to_string())?;
    let len = bytes.len() as u64;
    build_document(&file_stem(path), &path.display().to_string(), &bytes, gaz)
        .map(|a| (a.document, len))
        .map_err(|e| e.to_string())
}

/// Preprocess `files` on the threads of `pool` and hand each result to `each` on this
/// thread, in the order of `files`, as soon as it and every one before it are done. Workers
/// take the files in order, so few results wait for an earlier one. When `each` fails, the
/// workers stop after the files they hold.
fn for_each_built(
    pool: &rayon::ThreadPool,
    files: &[PathBuf],
    gaz: &Gazetteer,
    mut each: impl FnMut(usize, &Path, Built) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Built)>();
    pool.in_place_scope(|scope| {
        for _ in 0..pool.current_num_threads() {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            scope.spawn(move |_| {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    if tx.send((i, build_file(path, gaz))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Results that came before an earlier file's.
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (i, built) in rx {
            waiting.insert(i, built);
            while let Some(built) = waiting.remove(&due) {
                if let Err(e) = each(due, &files[due], built) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
                due += 1;
            }
        }
        Ok(())
    })
}

/// One summary line per article.
pub fn summary_line(d: &Document, gaz_names: &dyn Fn(&str) -> String) -> String {
    let title: String = if d.title.chars().count() > 60 {
        d.title.chars().take(59).chain(['…']).collect()
    } else {
        d.title.clone()
    };
    let places: Vec<String> = d.localities.iter().map(|l| gaz_names(l)).collect();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}  {}  [{}, {}, {} removed; about: {}]",
        d.id,
        title,
        plural(d.sections.len(), "section", "sections"),
        plural(d.passage_count(), "passage", "passages"),
        d.removed.len(),
        if places.is_empty() {
            "–".to_string()
        } else {
            places.join(", ")
        }
    )
}

pub fn run(args: &BuildArgs, force: bool) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    // Before the work, not after it: an output that may not be replaced fails at once.
    let checked = if force {
        None
    } else {
        corpus::io::check_replaceable(&args.output)?
    };
    let mut notes = Vec::new();
    let (files, total_bytes) = collect_inputs(&args.inputs, &mut notes);
    let mut failed = 0;
    for note in &notes {
        match note {
            Note::Error(e) => {
                output::error(e);
                failed += 1;
            }
            Note::Warning(w) => output::warn(w),
        }
    }

    let gaz = Gazetteer::embedded();
    let names = |id: &str| {
        gaz.by_id(id)
            .map_or_else(|| id.to_string(), |u| gaz.unit(u).name.clone())
    };
    // A bar only where a person watches, and only when there is enough work to watch.
    let bar = (std::io::stderr().is_terminal() && files.len() > 20).then(|| {
        let pb = indicatif::ProgressBar::new(total_bytes);
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {msg} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta}",
            )
            .expect("valid template"),
        );
        pb
    });
    let mut out = output::stdout();
    let mut documents = Vec::with_capacity(files.len());
    // 0: one per core, or RAYON_NUM_THREADS.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, NonZeroUsize::get))
        .thread_name(|i| format!("build-{i}"))
        .build()
        .context("starting the worker threads")?;
    for_each_built(&pool, &files, gaz, |n, path, result| {
        match result {
            Ok((doc, len)) => {
                if !args.quiet {
                    let line = summary_line(&doc, &names);
                    match &bar {
                        Some(pb) => {
                            pb.suspend(|| writeln!(out, "{line}").and_then(|()| out.flush()))
                        }
                        None => writeln!(out, "{line}"),
                    }
                    .context("writing to stdout")?;
                }
                if let Some(pb) = &bar {
                    pb.inc(len);
                }
                documents.push(doc);
            }
            Err(e) => {
                failed += 1;
                // A file error already names the path.
                let msg = if e.starts_with(&path.display().to_string()) {
                    e
                } else {
                    format!("{}: {e}", path.display())
                };
                match &bar {
                    Some(pb) => pb.suspend(|| output::error(&msg)),
                    None => output::error(&msg),
                }
            }
        }
        if let Some(pb) = &bar {
            pb.set_message(format!("{}/{} files", n + 1, files.len()));
        }
        Ok(())
    })?;
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    out.finish()?;

    if documents.is_empty() {
        anyhow::bail!(
            "no article could be built; {} not written",
            args.output.display()
        );
    }
    let corpus = corpus_from_documents(documents, gaz);
    // The documents are serialised on the same threads.
    pool.install(|| corpus::io::save_checked(&corpus, &args.output, force, checked))?;
    let s = corpus.stats();
    let secs = started.elapsed().as_secs_f64();
    let mut out = output::stdout();
    writeln!(
        out,
        "{} articles, {} sections, {} passages, {} removed lines, {} localities; {} failed; \
         {:.1} MB in {:.2} s → {}",
        s.documents,
        s.sections,
        s.passages,
        s.removed,
        s.localities,
        failed,
        total_bytes as f64 / 1e6,
        secs,
        args.output.display()
    )?;
    out.finish()?;
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
