//! The resolver thread: finds each bookmark's passage in the corpus, on the newest list
//! only, abandoning a list as soon as a newer one or a quit comes.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use super::Event;
use crate::bookmarks::{Anchorer, Bookmark, Resolution};
use crate::corpus::Corpus;

/// The resolver thread's handle.
pub(super) struct Resolver {
    tx: Sender<ResolveJob>,
    /// The generation of the newest list sent: an older one in progress is abandoned.
    latest: Arc<AtomicU64>,
}

enum ResolveJob {
    Corpus(Arc<Corpus>),
    List {
        generation: u64,
        seq: u64,
        bookmarks: Vec<Bookmark>,
    },
}

impl Resolver {
    pub(super) fn spawn(
        cancel: Arc<AtomicBool>,
        on_event: Arc<dyn Fn(Event) + Send + Sync>,
    ) -> Resolver {
        let (tx, rx) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let l = Arc::clone(&latest);
        std::thread::Builder::new()
            .name("bookmarks-resolve".into())
            .spawn(move || run_resolver(&rx, &l, &cancel, &*on_event))
            .expect("spawn the bookmark resolver thread");
        Resolver { tx, latest }
    }

    pub(super) fn corpus(&self, c: Arc<Corpus>) {
        // A new corpus makes any list in progress stale.
        self.latest.fetch_add(1, Ordering::SeqCst);
        let _ = self.tx.send(ResolveJob::Corpus(c));
    }

    pub(super) fn list(&self, seq: u64, bookmarks: Vec<Bookmark>) {
        let generation = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let _ = self.tx.send(ResolveJob::List {
            generation,
            seq,
            bookmarks,
        });
    }
}

fn run_resolver(
    rx: &Receiver<ResolveJob>,
    latest: &AtomicU64,
    cancel: &AtomicBool,
    on_event: &(dyn Fn(Event) + Send + Sync),
) {
    let mut corpus: Option<Arc<Corpus>> = None;
    let mut job: Option<(u64, u64, Vec<Bookmark>)> = None;
    loop {
        // Until there is a corpus, only remember the newest list.
        let Some(c) = corpus.take() else {
            match rx.recv() {
                Ok(ResolveJob::Corpus(c)) => corpus = Some(c),
                Ok(ResolveJob::List {
                    generation,
                    seq,
                    bookmarks,
                }) => job = Some((generation, seq, bookmarks)),
                Err(_) => return,
            }
            continue;
        };
        let anchorer = Anchorer::new(&c);
        // Answers for this corpus, kept across lists: an abandoned list's work is not lost.
        let mut cache: HashMap<(String, String), Resolution> = HashMap::new();
        loop {
            let mut next_corpus = None;
            while let Ok(m) = rx.try_recv() {
                match m {
                    ResolveJob::Corpus(n) => next_corpus = Some(n),
                    ResolveJob::List {
                        generation,
                        seq,
                        bookmarks,
                    } => job = Some((generation, seq, bookmarks)),
                }
            }
            if next_corpus.is_some() {
                corpus = next_corpus;
                break;
            }
            if cancel.load(Ordering::SeqCst) {
                return;
            }
            let Some((generation, seq, bookmarks)) = job.take() else {
                match rx.recv() {
                    Ok(ResolveJob::Corpus(n)) => {
                        corpus = Some(n);
                        break;
                    }
                    Ok(ResolveJob::List {
                        generation,
                        seq,
                        bookmarks,
                    }) => {
                        job = Some((generation, seq, bookmarks));
                        continue;
                    }
                    Err(_) => return,
                }
            };
            let stale =
                || cancel.load(Ordering::Relaxed) || latest.load(Ordering::Relaxed) != generation;
            if let Some(resolved) = resolve(&anchorer, &bookmarks, &mut cache, &stale) {
                on_event(Event::Snapshot {
                    seq,
                    bookmarks,
                    resolved,
                });
            }
        }
    }
}

/// Resolve each bookmark, reusing earlier answers; `None` when abandoned.
fn resolve(
    anchorer: &Anchorer,
    list: &[Bookmark],
    cache: &mut HashMap<(String, String), Resolution>,
    cancelled: &dyn Fn() -> bool,
) -> Option<Vec<Resolution>> {
    let key = |b: &Bookmark| (b.id.clone(), b.passage.clone());
    for b in list {
        if let std::collections::hash_map::Entry::Vacant(e) = cache.entry(key(b)) {
            e.insert(anchorer.try_resolve(b, cancelled).ok()?);
        }
    }
    Some(list.iter().map(|b| cache[&key(b)]).collect())
}
