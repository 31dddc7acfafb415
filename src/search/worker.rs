//! Search off the UI thread. Requests carry a generation; the worker only ever runs the
//! newest one, abandons a search as soon as a newer request arrives, and every result it
//! sends is tagged so the UI can drop stale ones.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use super::{Generation, Hit, Query, Scope, SearchIndex, parse, rank, search_noting};
use crate::corpus::Corpus;

/// At most this many ranked hits are sent to the UI (the count is always exact).
pub const MAX_SHOWN: usize = 2000;

#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
    pub scope: Scope,
    /// Only the articles these keep (the analysis view's filter bar); a scope of some
    /// articles is left as it is.
    pub facets: crate::analysis::facets::Facets,
}

#[derive(Debug, Clone)]
pub struct SearchResults {
    pub generation: u64,
    /// Ranked, at most [`MAX_SHOWN`].
    pub hits: Vec<Hit>,
    /// How many passages matched in all.
    pub total: usize,
    /// How many of them only nearly (an edit, initials, letters dropped): ranked last.
    pub near: usize,
    /// What the search made of the words typed ([`Query::notes`](super::Query::notes)).
    pub notes: Vec<String>,
    /// False for the early snapshot (exact matches only); true when complete.
    pub done: bool,
    pub elapsed: Duration,
}

pub struct SearchWorker {
    tx: Sender<SearchRequest>,
    generation: Arc<Generation>,
}

impl SearchWorker {
    /// Start the worker thread; `publish` is called with every result set.
    pub fn spawn(
        index: Arc<SearchIndex>,
        corpus: Arc<Corpus>,
        publish: impl Fn(SearchResults) + Send + 'static,
    ) -> Self {
        let (tx, rx) = mpsc::channel::<SearchRequest>();
        let generation = Arc::new(Generation::default());
        let g = Arc::clone(&generation);
        std::thread::spawn(move || run(&index, &corpus, &rx, &g, &publish));
        SearchWorker { tx, generation }
    }

    /// Ask for a search; returns its generation. Earlier requests become stale at once.
    pub fn submit(&self, query: &str, scope: Scope) -> u64 {
        let generation = self.generation.next();
        self.send(generation, query, scope);
        generation
    }

    /// Ask for a search under a generation the caller chose (it must grow).
    pub fn submit_as(&self, generation: u64, query: &str, scope: Scope) {
        self.generation.set(generation);
        self.send(generation, query, scope);
    }

    fn send(&self, generation: u64, query: &str, scope: Scope) {
        let _ = self.tx.send(SearchRequest {
            generation,
            query: query.to_string(),
            scope,
            facets: crate::analysis::facets::Facets::default(),
        });
    }

    /// Ask for a search as `req` says (its generation must grow).
    pub fn submit_request(&self, req: SearchRequest) {
        self.generation.set(req.generation);
        let _ = self.tx.send(req);
    }
}

fn run(
    index: &SearchIndex,
    corpus: &Corpus,
    rx: &Receiver<SearchRequest>,
    generation: &Generation,
    publish: &dyn Fn(SearchResults),
) {
    // The articles the last facets kept: the same filter bar serves many searches.
    let mut kept: Option<(crate::analysis::facets::Facets, Vec<u32>)> = None;
    while let Ok(mut req) = rx.recv() {
        // Only the newest request matters.
        while let Ok(newer) = rx.try_recv() {
            req = newer;
        }
        if req.generation != generation.current() {
            continue;
        }
        let started = Instant::now();
        if !req.facets.is_empty() && !matches!(req.scope, Scope::Documents(_)) {
            if kept.as_ref().is_none_or(|k| k.0 != req.facets) {
                kept = Some((req.facets.clone(), req.facets.documents(corpus)));
            }
            if let Some((_, docs)) = &kept {
                req.scope = req.scope.restrict(docs);
            }
        }
        let q = parse(&req.query);
        let stale = || generation.current() != req.generation;
        let mut early = |hits: &[Hit], resolved: &Query| {
            let mut shown = hits.to_vec();
            rank(&mut shown);
            let total = shown.len();
            let near = shown.iter().filter(|h| !h.exact).count();
            shown.truncate(MAX_SHOWN);
            publish(SearchResults {
                generation: req.generation,
                hits: shown,
                total,
                near,
                notes: resolved.notes(),
                done: false,
                elapsed: started.elapsed(),
            });
        };
        if let Some((mut hits, resolved)) =
            search_noting(index, corpus, &q, &req.scope, &stale, &mut early)
        {
            let total = hits.len();
            let near = hits.iter().filter(|h| !h.exact).count();
            hits.truncate(MAX_SHOWN);
            publish(SearchResults {
                generation: req.generation,
                hits,
                total,
                near,
                notes: resolved.notes(),
                done: true,
                elapsed: started.elapsed(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_carry_their_generation_and_the_newest_wins() {
        let corpus = Arc::new(crate::embedded::corpus());
        let index = Arc::new(SearchIndex::build(&corpus));
        let (tx, rx) = mpsc::channel();
        let w = SearchWorker::spawn(index, corpus, move |r| {
            let _ = tx.send(r);
        });
        let g1 = w.submit("nghi quyet", Scope::All);
        let g2 = w.submit("ha long", Scope::All);
        assert!(g2 > g1);
        // Whatever arrives for g1 (if anything) is stale; g2 completes.
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let r = rx
                .recv_timeout(deadline - Instant::now())
                .expect("results in time");
            if r.generation == g2 && r.done {
                assert!(r.total > 0 && !r.hits.is_empty());
                break;
            }
            assert!(r.generation <= g2);
        }
    }

    /// The filter bar's facets narrow a search of everything, not a search of one article.
    #[test]
    fn facets_narrow_the_search_but_not_one_article() {
        let corpus = Arc::new(crate::embedded::corpus());
        let index = Arc::new(SearchIndex::build(&corpus));
        let (tx, rx) = mpsc::channel();
        let w = SearchWorker::spawn(index, Arc::clone(&corpus), move |r| {
            let _ = tx.send(r);
        });
        let june_2020 = crate::analysis::facets::Facets {
            from: Some("2020-06-01".into()),
            to: Some("2020-06-30".into()),
            ..Default::default()
        };
        let kept = june_2020.documents(&corpus);
        assert_eq!(kept.len(), 1);
        let run = |generation: u64, scope: Scope| {
            w.submit_request(SearchRequest {
                generation,
                query: "nghi quyet".into(),
                scope,
                facets: june_2020.clone(),
            });
            loop {
                let r: SearchResults = rx.recv_timeout(Duration::from_secs(10)).expect("results");
                if r.generation == generation && r.done {
                    break r;
                }
            }
        };
        let all = run(1, Scope::All);
        assert!(all.total > 0);
        assert!(all.hits.iter().all(|h| h.at.doc == kept[0]));
        // Within another article the facets do not apply.
        let other = (0..5u32).find(|d| *d != kept[0]).unwrap();
        let one = run(2, Scope::Documents(vec![other]));
        assert!(one.total > 0 && one.hits.iter().all(|h| h.at.doc == other));
    }

    /// The notes come from the query the worker searched, as the index resolved it.
    #[test]
    fn notes_say_what_the_search_made_of_the_query() {
        let corpus = Arc::new(crate::embedded::corpus());
        let index = Arc::new(SearchIndex::build(&corpus));
        let (tx, rx) = mpsc::channel();
        let w = SearchWorker::spawn(index, corpus, move |r| {
            let _ = tx.send(r);
        });
        let done = |g: u64| loop {
            let r: SearchResults = rx.recv_timeout(Duration::from_secs(10)).expect("results");
            if r.generation == g && r.done {
                break r;
            }
        };
        let r = done(w.submit("nghi quyte", Scope::All));
        assert!(r.total > 0 && r.near == r.total);
        assert!(
            r.notes.iter().any(|n| n.starts_with("quyte → quyet")),
            "{:?}",
            r.notes
        );
        // Typed as the corpus writes it: nothing corrected.
        let r = done(w.submit("nghi quyet", Scope::All));
        assert!(r.notes.iter().all(|n| !n.contains('→')), "{:?}", r.notes);
    }
}
