//! The browser's bookmark threads, so the UI thread never waits on the disk, the lock or the
//! corpus:
//!
//! - the **store thread** saves every change, re-reads the file and exports. Saving never
//!   waits behind anything else;
//! - the **resolver thread** finds each bookmark's passage in the corpus (re-anchoring, which
//!   after a rebuild can take seconds on a large corpus). It works on the newest list only,
//!   abandons a list as soon as a newer one or a quit comes, and keeps what it resolved.
//!
//! Changes not yet on disk are kept where the quitting thread can see them ([`Shared`]):
//! [`BookmarkWorker::shutdown`] waits a short, bounded time for the store thread to save
//! them, and returns whatever is still unsaved, to be printed after the terminal is
//! restored. Nothing the user was shown as kept is lost.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use super::export::{self, Format};
use super::{Bookmark, Op, Resolution, Store, StoreError};
use crate::corpus::Corpus;

mod resolver;

use resolver::Resolver;

#[derive(Debug, Clone)]
pub enum Request {
    /// The corpus to resolve against (sent again when another one loads).
    SetCorpus(Arc<Corpus>),
    /// Save these changes; `local` is what the user sees (saved if the file proves corrupt).
    Apply {
        seq: u64,
        ops: Vec<Op>,
        local: Vec<Bookmark>,
    },
    /// Read the file again (another instance may have changed it).
    Reload { seq: u64 },
    /// Export to a new file in `dir`: the bookmarks of these ids (those the pane shows),
    /// or all of them.
    Export {
        format: Format,
        dir: PathBuf,
        only: Option<HashSet<String>>,
    },
}

#[derive(Debug)]
pub enum Event {
    /// The list as on disk, each bookmark resolved against the corpus. `seq` is the newest
    /// change or reload it includes.
    Snapshot {
        seq: u64,
        bookmarks: Vec<Bookmark>,
        resolved: Vec<Resolution>,
    },
    /// The file was read or written: the facts the user must know (the browser words them).
    Status(FileFacts),
    /// A save failed; `pending` changes wait for the next try. `newer_version`: it failed
    /// because the file is of a newer version (nothing is ever written to it).
    SaveFailed {
        error: String,
        pending: usize,
        newer_version: Option<u64>,
    },
    /// Reading the file again failed (nothing was lost: the list shown stays).
    LoadFailed(String),
    /// An export finished.
    Exported(Result<Exported, String>),
    /// The codebook as on disk, after a load or a save.
    Codebook(super::codebook::Codebook),
}

/// A finished export: the file, how many bookmarks it holds, of how many in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: PathBuf,
    pub count: usize,
    pub total: usize,
}

/// What a load or save found about the bookmarks file: facts, not sentences, so each user
/// interface says them in its own words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileFacts {
    /// An unusable file was moved here; the list shown was saved in its place.
    pub moved_aside: Option<PathBuf>,
    /// The file cannot be used (why); it stays as it is until the next change moves it aside.
    pub unusable: Option<String>,
    /// The file is of a newer version: it is read, never written.
    pub newer_version: Option<u64>,
    /// The file cannot be opened or read at all (why): nothing can be saved.
    pub failed: Option<String>,
}

impl FileFacts {
    /// Nothing the user needs to hear about.
    pub fn is_quiet(&self) -> bool {
        *self == FileFacts::default()
    }

    /// Changes cannot be saved.
    pub fn read_only(&self) -> bool {
        self.newer_version.is_some() || self.failed.is_some()
    }
}

/// What the UI thread and the store thread share: changes not yet on disk.
#[derive(Default)]
struct Shared {
    /// The user's changes that are not on disk yet, oldest first.
    pending: Mutex<Vec<Op>>,
    /// The list the user sees: saved in place of a file that turns out to be unusable.
    local: Mutex<Vec<Bookmark>>,
    /// Quitting: skip reloads and exports, save what is pending, stop.
    stopping: AtomicBool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not make the unsaved changes unreachable.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What the store thread is asked to do (the changes themselves wait in [`Shared`]).
enum Job {
    Corpus(Arc<Corpus>),
    Save {
        seq: u64,
    },
    Reload {
        seq: u64,
    },
    Export {
        format: Format,
        dir: PathBuf,
        only: Option<HashSet<String>>,
    },
}

pub struct BookmarkWorker {
    tx: Option<Sender<Job>>,
    shared: Arc<Shared>,
    /// Set when quitting: the resolver stops at once.
    cancel: Arc<AtomicBool>,
    done: Receiver<()>,
    path: PathBuf,
}

impl BookmarkWorker {
    /// Start the threads that save, load and resolve the bookmarks of `store`; `on_event`
    /// is called from them.
    ///
    /// # Panics
    ///
    /// If the operating system cannot start a thread.
    pub fn spawn(store: Store, on_event: impl Fn(Event) + Send + Sync + 'static) -> Self {
        let on_event: Arc<dyn Fn(Event) + Send + Sync> = Arc::new(on_event);
        let (tx, rx) = mpsc::channel();
        let (done_tx, done) = mpsc::channel();
        let path = store.path().to_path_buf();
        let shared = Arc::new(Shared::default());
        let cancel = Arc::new(AtomicBool::new(false));
        let resolver = Resolver::spawn(Arc::clone(&cancel), Arc::clone(&on_event));
        let thread_shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("bookmarks-store".into())
            .spawn(move || {
                run_store(store, &rx, &thread_shared, &resolver, &*on_event);
                let _ = done_tx.send(());
            })
            .expect("spawn the bookmark store thread");
        BookmarkWorker {
            tx: Some(tx),
            shared,
            cancel,
            done,
            path,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn send(&self, r: Request) {
        let job = match r {
            Request::SetCorpus(c) => Job::Corpus(c),
            Request::Apply { seq, ops, local } => {
                // Recorded before the thread sees it: from now on it is either saved or
                // reported at exit.
                lock(&self.shared.pending).extend(ops);
                *lock(&self.shared.local) = local;
                Job::Save { seq }
            }
            Request::Reload { seq } => Job::Reload { seq },
            Request::Export { format, dir, only } => Job::Export { format, dir, only },
        };
        if let Some(tx) = &self.tx {
            let _ = tx.send(job);
        }
    }

    /// How many changes are not on disk yet.
    pub fn unsaved(&self) -> usize {
        lock(&self.shared.pending).len()
    }

    /// Stop: resolving is abandoned at once; pending changes get at most `timeout` to be
    /// saved. Returns a report of what could not be saved (the changes as JSON, to keep).
    pub fn shutdown(mut self, timeout: Duration) -> Result<(), String> {
        self.cancel.store(true, Ordering::SeqCst);
        self.shared.stopping.store(true, Ordering::SeqCst);
        drop(self.tx.take());
        let finished = self.done.recv_timeout(timeout).is_ok();
        let unsaved = lock(&self.shared.pending).clone();
        if unsaved.is_empty() {
            return Ok(());
        }
        let mut report = unsaved_report(&unsaved);
        if !finished {
            report = format!(
                "{}: still busy after {} ms (is {}.lock held by another process?)\n{report}",
                self.path.display(),
                timeout.as_millis(),
                self.path.display()
            );
        }
        Err(report)
    }
}

/// What to tell the user about changes that never reached the disk, with the bookmarks
/// themselves so nothing is lost.
fn unsaved_report(ops: &[Op]) -> String {
    let json: Vec<serde_json::Value> = ops
        .iter()
        .map(|op| match op {
            Op::Add(b) => serde_json::json!({"add": b}),
            Op::Update(b) => serde_json::json!({"update": b}),
            Op::Remove(id) => serde_json::json!({"remove": id}),
            Op::Edit { id, note, tags } => {
                serde_json::json!({"edit": {"id": id, "note": note, "tags": tags}})
            }
            Op::Tag { id, tag } => serde_json::json!({"tag": {"id": id, "tag": tag}}),
            Op::TagPassage(b) => serde_json::json!({"tag_passage": b}),
            Op::Untag { id, tag } => serde_json::json!({"untag": {"id": id, "tag": tag}}),
            Op::RenameTag { from, to } => {
                serde_json::json!({"rename_tag": {"from": from, "to": to}})
            }
            Op::Describe { tag, description } => {
                serde_json::json!({"describe": {"tag": tag, "description": description}})
            }
        })
        .collect();
    let n = ops.len();
    format!(
        "{n} bookmark change{} could not be saved; here they are, to keep:\n{}",
        if n == 1 { "" } else { "s" },
        crate::text::safe::json::to_string_pretty(&json).unwrap_or_default()
    )
}

fn run_store(
    mut store: Store,
    rx: &Receiver<Job>,
    shared: &Shared,
    resolver: &Resolver,
    on_event: &(dyn Fn(Event) + Send + Sync),
) {
    let mut corpus: Option<Arc<Corpus>> = None;
    let mut list = match store.load() {
        Ok(s) => {
            status(&store, &s, on_event);
            s.bookmarks
        }
        Err(e) => {
            on_event(Event::Status(FileFacts {
                failed: Some(e.to_string()),
                ..FileFacts::default()
            }));
            Vec::new()
        }
    };
    let mut seq = 0;
    while let Ok(job) = rx.recv() {
        let stopping = shared.stopping.load(Ordering::SeqCst);
        match job {
            Job::Corpus(c) => {
                corpus = Some(Arc::clone(&c));
                resolver.corpus(c);
            }
            Job::Save { seq: s } => {
                seq = seq.max(s);
                match save_pending(&mut store, shared, on_event) {
                    Some(saved) => list = saved,
                    None => continue,
                }
            }
            Job::Reload { .. } | Job::Export { .. } if stopping => continue,
            Job::Reload { seq: s } => {
                seq = seq.max(s);
                if lock(&shared.pending).is_empty() {
                    match store.load() {
                        Ok(snap) => {
                            status(&store, &snap, on_event);
                            list = snap.bookmarks;
                        }
                        Err(e) => {
                            on_event(Event::LoadFailed(e.to_string()));
                            continue;
                        }
                    }
                } else {
                    match save_pending(&mut store, shared, on_event) {
                        Some(saved) => list = saved,
                        None => continue,
                    }
                }
            }
            Job::Export { format, dir, only } => {
                let result = match &corpus {
                    Some(c) => export_to(c, &store, &list, only.as_ref(), format, &dir),
                    None => Err("the corpus is still loading".into()),
                };
                on_event(Event::Exported(result));
                continue;
            }
        }
        if !stopping {
            resolver.list(seq, list.clone());
        }
    }
    // The UI is gone: one last try for anything still pending (a retry after a failure).
    if !lock(&shared.pending).is_empty() {
        save_pending(&mut store, shared, &|_| {});
    }
}

/// Save every pending change; on success they leave the pending list (changes made
/// meanwhile stay) and the list on disk is returned.
fn save_pending(
    store: &mut Store,
    shared: &Shared,
    on_event: &dyn Fn(Event),
) -> Option<Vec<Bookmark>> {
    let ops = lock(&shared.pending).clone();
    let local = lock(&shared.local).clone();
    match store.apply(&ops, &local) {
        Ok(snap) => {
            lock(&shared.pending).drain(..ops.len());
            status(store, &snap, on_event);
            Some(snap.bookmarks)
        }
        Err(e) => {
            let newer_version = match &e {
                StoreError::ReadOnly(_) => store.newer_version(),
                _ => None,
            };
            on_event(Event::SaveFailed {
                error: e.to_string(),
                pending: ops.len(),
                newer_version,
            });
            None
        }
    }
}

/// Tell the UI what a load or save found about the file.
fn status(store: &Store, snap: &super::store::Snapshot, on_event: &dyn Fn(Event)) {
    on_event(Event::Status(FileFacts {
        moved_aside: snap.moved_aside.clone(),
        unusable: snap.unusable.clone(),
        newer_version: store.newer_version(),
        failed: None,
    }));
    on_event(Event::Codebook(snap.codebook.clone()));
}

/// Export to `dir/nghiquyet-bookmarks-YYYYMMDD-HHMMSS.EXT`, never replacing a file.
fn export_to(
    corpus: &Corpus,
    store: &Store,
    all: &[Bookmark],
    only: Option<&HashSet<String>>,
    format: Format,
    dir: &Path,
) -> Result<Exported, String> {
    let some: Vec<Bookmark>;
    let list = match only {
        Some(ids) => {
            some = all
                .iter()
                .filter(|b| ids.contains(&b.id))
                .cloned()
                .collect();
            &some[..]
        }
        None => all,
    };
    // The codebook as on disk now (the list is too, as of the last load or save).
    let codebook = match store.raw() {
        Ok(Some(raw)) => serde_json::from_slice::<super::BookmarkFile>(&raw)
            .map(|f| super::codebook::Codebook::from_extra(&f.extra))
            .unwrap_or_default(),
        _ => super::codebook::Codebook::default(),
    };
    let bytes = match format {
        // As stored, byte for byte, when there is a file and all of it is exported
        // (controls escaped).
        Format::Json if only.is_none() => match store.raw().map_err(|e| e.to_string())? {
            Some(b) => export::json_as_stored(b),
            None => export::render(corpus, list, &codebook, format).map_err(|e| e.to_string())?,
        },
        _ => export::render(corpus, list, &codebook, format).map_err(|e| e.to_string())?,
    };
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    for n in 1..100 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let path = dir.join(format!(
            "nghiquyet-bookmarks-{stamp}{suffix}.{}",
            format.extension()
        ));
        match export::write_new(&path, &bytes, false) {
            Ok(_) => {
                return Ok(Exported {
                    path,
                    count: list.len(),
                    total: all.len(),
                });
            }
            // Taken: try the next name.
            Err(crate::files::FileError::Exists { .. }) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    Err(format!("{}: too many exports this second", dir.display()))
}

#[cfg(test)]
mod tests;
