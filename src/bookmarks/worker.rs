//! The browser's bookmark thread: every save, load, re-anchoring and export runs here, so the
//! UI thread never waits on the disk or the lock.
//!
//! Changes that fail to save (a full disk, a permission) stay pending and are retried with
//! the next change and at exit; the caller is told how many are waiting.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use super::export::{self, Format};
use super::{Anchorer, Bookmark, Op, Resolution, Store, StoreError};
use crate::corpus::Corpus;

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
    /// Export to a new file in `dir`.
    Export { format: Format, dir: PathBuf },
}

#[derive(Debug)]
pub enum Event {
    /// The list as on disk now, each bookmark resolved against the corpus.
    Snapshot {
        seq: u64,
        bookmarks: Vec<Bookmark>,
        resolved: Vec<Resolution>,
        notice: Option<String>,
        read_only: Option<String>,
    },
    /// A save failed; `pending` changes wait for the next try.
    SaveFailed { error: String, pending: usize },
    /// Reading the file again failed (nothing was lost: the list shown stays).
    LoadFailed(String),
    /// An export finished: the file and how many bookmarks it holds.
    Exported(Result<(PathBuf, usize), String>),
}

pub struct BookmarkWorker {
    tx: Option<Sender<Request>>,
    handle: Option<JoinHandle<Vec<Op>>>,
    done: Receiver<()>,
    path: PathBuf,
}

impl BookmarkWorker {
    pub fn spawn(store: Store, on_event: impl Fn(Event) + Send + 'static) -> Self {
        let (tx, rx) = mpsc::channel();
        let (done_tx, done) = mpsc::channel();
        let path = store.path().to_path_buf();
        let handle = std::thread::spawn(move || {
            let unsaved = run(store, &rx, &on_event);
            let _ = done_tx.send(());
            unsaved
        });
        BookmarkWorker {
            tx: Some(tx),
            handle: Some(handle),
            done,
            path,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn send(&self, r: Request) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(r);
        }
    }

    /// Finish the queued work and stop. Returns the changes that could not be saved (all of
    /// them, unknown, if the thread did not finish within `timeout`: a lock held elsewhere).
    pub fn shutdown(mut self, timeout: Duration) -> Result<(), String> {
        drop(self.tx.take());
        match self.done.recv_timeout(timeout) {
            Ok(()) => {
                let unsaved = self
                    .handle
                    .take()
                    .and_then(|h| h.join().ok())
                    .unwrap_or_default();
                if unsaved.is_empty() {
                    Ok(())
                } else {
                    Err(unsaved_report(&unsaved))
                }
            }
            Err(_) => Err(format!(
                "bookmarks were still being saved after {} s (is {}.lock held by another process?)",
                timeout.as_secs(),
                self.path.display()
            )),
        }
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
        })
        .collect();
    let n = ops.len();
    format!(
        "{n} bookmark change{} could not be saved; here they are, to keep:\n{}",
        if n == 1 { "" } else { "s" },
        serde_json::to_string_pretty(&json).unwrap_or_default()
    )
}

fn run(mut store: Store, rx: &Receiver<Request>, on_event: &dyn Fn(Event)) -> Vec<Op> {
    let mut corpus: Option<Arc<Corpus>> = None;
    let (mut list, mut notice) = match store.load() {
        Ok(s) => {
            let n = tui_notice(&store, &s);
            (s.bookmarks, n)
        }
        Err(e) => (
            Vec::new(),
            Some(format!("⚠ không đọc được tệp đánh dấu: {e}")),
        ),
    };
    let mut pending: Vec<Op> = Vec::new();
    let mut cache: HashMap<(String, String), Resolution> = HashMap::new();
    let mut seq = 0;
    while let Ok(req) = rx.recv() {
        match req {
            Request::SetCorpus(c) => {
                corpus = Some(c);
                cache.clear();
            }
            Request::Apply { seq: s, ops, local } => {
                seq = s;
                pending.extend(ops);
                match store.apply(&pending, &local) {
                    Ok(snap) => {
                        pending.clear();
                        notice = tui_notice(&store, &snap);
                        list = snap.bookmarks;
                    }
                    Err(e) => {
                        let error = if matches!(e, StoreError::ReadOnly(_)) {
                            // Never savable: keep nothing pending, the user was told.
                            pending.clear();
                            read_only_notice(&store).unwrap_or_else(|| e.to_string())
                        } else {
                            e.to_string()
                        };
                        on_event(Event::SaveFailed {
                            error,
                            pending: pending.len(),
                        });
                        continue;
                    }
                }
            }
            Request::Reload { seq: s } => {
                seq = s;
                let result = if pending.is_empty() {
                    store.load()
                } else {
                    store.apply(&pending, &list)
                };
                match result {
                    Ok(snap) => {
                        pending.clear();
                        notice = tui_notice(&store, &snap);
                        list = snap.bookmarks;
                    }
                    Err(e) => {
                        on_event(if pending.is_empty() {
                            Event::LoadFailed(e.to_string())
                        } else {
                            Event::SaveFailed {
                                error: e.to_string(),
                                pending: pending.len(),
                            }
                        });
                        continue;
                    }
                }
            }
            Request::Export { format, dir } => {
                let result = match &corpus {
                    Some(c) => export_to(c, &store, &list, format, &dir),
                    None => Err("the corpus is still loading".into()),
                };
                on_event(Event::Exported(result));
                continue;
            }
        }
        let Some(c) = &corpus else { continue };
        let resolved = resolve(c, &list, &mut cache);
        on_event(Event::Snapshot {
            seq,
            bookmarks: list.clone(),
            resolved,
            notice: notice.take(),
            read_only: read_only_notice(&store),
        });
    }
    // The UI is gone: one last try for anything still pending.
    if !pending.is_empty() && store.apply(&pending, &list).is_ok() {
        pending.clear();
    }
    pending
}

/// What the browser's status bar says about a load or save, in Vietnamese, the new place of
/// a moved file first (a narrow status bar cuts the end; the file name is enough there, it
/// sits beside the bookmarks file).
fn tui_notice(store: &Store, snap: &super::store::Snapshot) -> Option<String> {
    if let Some(aside) = &snap.moved_aside {
        let name = aside.file_name().map_or_else(
            || aside.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        return Some(format!(
            "tệp đánh dấu hỏng, đã chuyển sang {name} (cùng thư mục); danh sách bắt đầu trống"
        ));
    }
    read_only_notice(store).or_else(|| snap.notice.clone())
}

fn read_only_notice(store: &Store) -> Option<String> {
    store.read_only()?;
    Some(match store.newer_version() {
        Some(v) => format!(
            "tệp đánh dấu phiên bản {v}, mới hơn bản nghiquyet này: chỉ đọc, không lưu thay đổi nào"
        ),
        None => "tệp đánh dấu chỉ đọc".to_string(),
    })
}

/// Resolve each bookmark, reusing earlier answers (the corpus has not changed since).
fn resolve(
    corpus: &Corpus,
    list: &[Bookmark],
    cache: &mut HashMap<(String, String), Resolution>,
) -> Vec<Resolution> {
    let key = |b: &Bookmark| (b.id.clone(), b.passage.clone());
    if list.iter().any(|b| !cache.contains_key(&key(b))) {
        let anchorer = Anchorer::new(corpus);
        for b in list {
            cache.entry(key(b)).or_insert_with(|| anchorer.resolve(b));
        }
    }
    list.iter().map(|b| cache[&key(b)]).collect()
}

/// Export to `dir/nghiquyet-bookmarks-YYYYMMDD-HHMMSS.EXT`, never replacing a file.
fn export_to(
    corpus: &Corpus,
    store: &Store,
    list: &[Bookmark],
    format: Format,
    dir: &Path,
) -> Result<(PathBuf, usize), String> {
    let bytes = match format {
        // As stored, byte for byte, when there is a file.
        Format::Json => match store.raw().map_err(|e| e.to_string())? {
            Some(b) => b,
            None => export::render(corpus, list, format).map_err(|e| e.to_string())?,
        },
        _ => export::render(corpus, list, format).map_err(|e| e.to_string())?,
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
        if path.exists() {
            continue;
        }
        return export::write_new(&path, &bytes, false)
            .map(|()| (path, list.len()))
            .map_err(|e| format!("{e:#}"));
    }
    Err(format!("{}: too many exports this second", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recv(rx: &Receiver<Event>) -> Event {
        rx.recv_timeout(Duration::from_secs(10)).expect("an event")
    }

    #[test]
    fn saves_resolves_and_exports_off_the_caller_thread() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = Arc::new(crate::embedded::corpus());
        let (tx, rx) = mpsc::channel();
        let w = BookmarkWorker::spawn(Store::new(dir.path().join("b.json")), move |e| {
            let _ = tx.send(e);
        });
        w.send(Request::SetCorpus(Arc::clone(&corpus)));
        // The list as loaded comes first, once there is a corpus to resolve against.
        assert!(
            matches!(recv(&rx), Event::Snapshot { seq: 0, ref bookmarks, .. } if bookmarks.is_empty())
        );
        let at = super::super::doc_refs(&corpus, 1)[2];
        let b = Bookmark::new(&corpus, at, "ghi chú", vec![]);
        w.send(Request::Apply {
            seq: 1,
            ops: vec![Op::Add(Box::new(b.clone()))],
            local: vec![],
        });
        match recv(&rx) {
            Event::Snapshot {
                seq,
                bookmarks,
                resolved,
                ..
            } => {
                assert_eq!(seq, 1);
                assert_eq!(bookmarks, vec![b.clone()]);
                assert_eq!(resolved[0].at, Some(at));
            }
            e => panic!("{e:?}"),
        }
        w.send(Request::Export {
            format: Format::Md,
            dir: dir.path().to_path_buf(),
        });
        match recv(&rx) {
            Event::Exported(Ok((path, 1))) => {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(text.contains("ghi chú"), "{text}");
                assert!(path.starts_with(dir.path()));
            }
            e => panic!("{e:?}"),
        }
        w.shutdown(Duration::from_secs(10)).unwrap();
        let mut s = Store::new(dir.path().join("b.json"));
        assert_eq!(s.load().unwrap().bookmarks, vec![b]);
    }

    #[test]
    fn a_failed_save_stays_pending_and_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the directory should be: every save fails.
        std::fs::write(dir.path().join("blocker"), b"").unwrap();
        let corpus = Arc::new(crate::embedded::corpus());
        let (tx, rx) = mpsc::channel();
        let w = BookmarkWorker::spawn(Store::new(dir.path().join("blocker/b.json")), move |e| {
            let _ = tx.send(e);
        });
        w.send(Request::SetCorpus(Arc::clone(&corpus)));
        match recv(&rx) {
            Event::Snapshot { notice, .. } => assert!(notice.is_some()),
            e => panic!("{e:?}"),
        }
        let b = Bookmark::new(&corpus, super::super::doc_refs(&corpus, 0)[0], "", vec![]);
        w.send(Request::Apply {
            seq: 1,
            ops: vec![Op::Add(Box::new(b.clone()))],
            local: vec![],
        });
        match recv(&rx) {
            Event::SaveFailed { pending, .. } => assert_eq!(pending, 1),
            e => panic!("{e:?}"),
        }
        let err = w.shutdown(Duration::from_secs(10)).unwrap_err();
        assert!(
            err.contains("could not be saved") && err.contains(&b.id),
            "{err}"
        );
    }
}
