//! The analysis view's work off the UI thread: search a query (facets applied), narrow
//! its hits to a place, count them by place and over time, and lay out their concordance.
//!
//! As the search worker does, it runs only the newest request and tags what it sends with
//! the request's generation. It publishes twice for a big corpus: first from the hits of
//! the search's early pass (`done: false`, a few milliseconds in), then the whole. What a
//! later request can reuse is kept: the hits of the last query and facets, the lines of
//! the last narrowing, and the rates' denominators, so a sort or a regrouping does not
//! search again.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant};

use super::counts::{self, By, Grouper, Row};
use super::facets::Facets;
use super::kwic::{self, Line, Sort};
use super::timeline::{self, Timeline};
use crate::corpus::{Corpus, PassageRef};
use crate::search::{Generation, Hit, Scope, SearchIndex, parse, search_noting};

/// Concordance lines made from the early hits (the first screenful or so).
// Small in unit tests, so that their corpora have more hits than that.
const EARLY_LINES: usize = if cfg!(test) { 2 } else { 200 };
/// Concordance lines made between two looks for a newer request.
const LINES_PART: usize = 4096;
/// Passages sent for each column of the side-by-side view.
pub const COLUMN_HITS: usize = 500;

#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub generation: u64,
    pub query: String,
    pub facets: Facets,
    /// Count places an article is about only (not those it mentions).
    pub about_only: bool,
    /// The rows: provinces, 2025 provinces, places…
    pub by: By,
    /// Only the hits in this group (under its own grouping): a province's.
    pub narrow: Option<(By, String)>,
    pub sort: Sort,
    /// Characters of context each side of a concordance line's match.
    pub context: usize,
    /// Places read side by side, each a group under its own grouping (a province from the
    /// table, a commune from the locality list): their hits.
    pub columns: Vec<(By, String)>,
    /// Every hit's concordance line, not only the first screenful: wanted when the
    /// concordance is shown (a common name has tens of thousands; the counts need none).
    pub all_lines: bool,
}

#[derive(Debug, Clone)]
pub struct Results {
    pub generation: u64,
    /// False for the snapshot from the early hits.
    pub done: bool,
    /// Passages with a hit (after narrowing).
    pub hits: usize,
    /// Articles the facets keep (the corpus when there are none).
    pub articles: usize,
    pub rows: Vec<Row>,
    pub timeline: Timeline,
    pub lines: Arc<Vec<Line>>,
    /// The hits of each of the request's columns (ranked, at most [`COLUMN_HITS`]).
    pub columns: Vec<Vec<Hit>>,
    pub notes: Vec<String>,
    pub elapsed: Duration,
}

pub struct AnalysisWorker {
    tx: Sender<Request>,
    generation: Arc<Generation>,
}

impl AnalysisWorker {
    pub fn spawn(
        index: Arc<SearchIndex>,
        corpus: Arc<Corpus>,
        publish: impl Fn(Results) + Send + 'static,
    ) -> Self {
        let (tx, rx) = mpsc::channel::<Request>();
        let generation = Arc::new(Generation::default());
        let g = Arc::clone(&generation);
        std::thread::spawn(move || {
            let mut state = State::default();
            while let Ok(mut req) = rx.recv() {
                while let Ok(newer) = rx.try_recv() {
                    req = newer;
                }
                if req.generation == g.current() {
                    state.run(&index, &corpus, &req, &g, &publish);
                }
            }
        });
        AnalysisWorker { tx, generation }
    }

    /// Ask for an analysis under a generation the caller chose (it must grow); earlier
    /// requests become stale at once.
    pub fn submit(&self, req: Request) {
        self.generation.set(req.generation);
        let _ = self.tx.send(req);
    }
}

/// What the worker keeps between requests.
#[derive(Default)]
struct State {
    /// Query and facets → the documents kept, the ranked hits and the search's notes.
    hits: Option<Searched>,
    /// (query, facets, narrowing, context) → the unsorted concordance of the narrowed hits.
    lines: Option<(LinesKey, Arc<Vec<Line>>)>,
    /// (by, about only, facets) → articles per group.
    denominators: HashMap<(By, bool, Facets), Arc<HashMap<String, usize>>>,
}

/// (query, facets), the documents the facets keep, the ranked hits, the search's notes.
type Searched = ((String, Facets), Option<Vec<u32>>, Vec<Hit>, Vec<String>);
type LinesKey = (String, Facets, Option<(By, String)>, usize);

impl State {
    fn run(
        &mut self,
        index: &SearchIndex,
        corpus: &Corpus,
        req: &Request,
        generation: &Generation,
        publish: &dyn Fn(Results),
    ) {
        let started = Instant::now();
        let stale = || generation.current() != req.generation;
        let key = (req.query.clone(), req.facets.clone());
        let cached = self.hits.as_ref().is_some_and(|c| c.0 == key);
        if !cached {
            let kept = (!req.facets.is_empty()).then(|| req.facets.documents(corpus));
            let scope = kept.clone().map_or(Scope::All, Scope::Documents);
            let q = parse(&req.query);
            let denominators = self.denominators(corpus, req, kept.as_deref());
            let mut early = |hits: &[Hit], _: &crate::search::Query| {
                if stale() {
                    return;
                }
                let mut hits = hits.to_vec();
                crate::search::rank(&mut hits);
                let never = || false;
                let Some(r) = analyse(
                    index,
                    corpus,
                    req,
                    &hits,
                    &denominators,
                    None,
                    EARLY_LINES,
                    &never,
                ) else {
                    return;
                };
                let mut r = r.results;
                r.articles = kept.as_ref().map_or(corpus.documents.len(), Vec::len);
                r.elapsed = started.elapsed();
                publish(r);
            };
            let Some((hits, resolved)) =
                search_noting(index, corpus, &q, &scope, &stale, &mut early)
            else {
                return;
            };
            self.hits = Some((key.clone(), kept, hits, resolved.notes()));
            self.lines = None;
        }
        if stale() {
            return;
        }
        let kept = self.hits.as_ref().and_then(|c| c.1.clone());
        let denominators = self.denominators(corpus, req, kept.as_deref());
        let Some((_, _, hits, notes)) = self.hits.as_ref() else {
            return;
        };
        let lines_key: LinesKey = (
            req.query.clone(),
            req.facets.clone(),
            req.narrow.clone(),
            req.context,
        );
        let reuse = self
            .lines
            .as_ref()
            .filter(|(k, _)| *k == lines_key)
            .map(|(_, l)| Arc::clone(l));
        let articles = kept.as_ref().map_or(corpus.documents.len(), Vec::len);
        // Many lines to lay out (a common name, tens of thousands of hits): the counts and
        // the first screenful of lines first, in the search's order.
        if req.all_lines
            && reuse.is_none()
            && req.sort == Sort::Rank
            && hits.len() > 8 * EARLY_LINES
        {
            let never = || false;
            if let Some(a) = analyse(
                index,
                corpus,
                req,
                hits,
                &denominators,
                None,
                EARLY_LINES,
                &never,
            ) {
                let mut r = a.results;
                r.notes.clone_from(notes);
                r.articles = articles;
                r.elapsed = started.elapsed();
                publish(r);
            }
        }
        let Some(mut r) = analyse(
            index,
            corpus,
            req,
            hits,
            &denominators,
            reuse.clone(),
            if req.all_lines {
                usize::MAX
            } else {
                EARLY_LINES
            },
            &stale,
        ) else {
            return;
        };
        // Only a whole concordance is kept (the first lines are quick to make again).
        if reuse.is_none()
            && r.whole
            && let Some(unsorted) = r.unsorted.take()
        {
            self.lines = Some((lines_key, unsorted));
        }
        r.results.done = true;
        r.results.notes.clone_from(notes);
        r.results.articles = articles;
        r.results.elapsed = started.elapsed();
        if !stale() {
            publish(r.results);
        }
    }

    fn denominators(
        &mut self,
        corpus: &Corpus,
        req: &Request,
        kept: Option<&[u32]>,
    ) -> Arc<HashMap<String, usize>> {
        let key = (req.by, req.about_only, req.facets.clone());
        Arc::clone(self.denominators.entry(key).or_insert_with(|| {
            let g = Grouper::new(corpus, req.by, req.about_only);
            Arc::new(counts::denominators(corpus, &g, kept))
        }))
    }
}

struct Analysed {
    results: Results,
    /// The concordance before sorting, when it was made (not reused).
    unsorted: Option<Arc<Vec<Line>>>,
    /// It has every hit's line.
    whole: bool,
}

/// Everything the view shows, from ranked `hits`. `lines`: the narrowed hits' concordance
/// when already made; else it is made from the first `max_lines` of them.
#[allow(
    clippy::too_many_arguments,
    reason = "what one analysis reads, each borrowed as it is kept"
)]
fn analyse(
    index: &SearchIndex,
    corpus: &Corpus,
    req: &Request,
    hits: &[Hit],
    denominators: &HashMap<String, usize>,
    lines: Option<Arc<Vec<Line>>>,
    max_lines: usize,
    stale: &dyn Fn() -> bool,
) -> Option<Analysed> {
    let narrowed: Vec<&Hit> = match &req.narrow {
        Some((by, group)) => {
            let g = Grouper::new(corpus, *by, req.about_only);
            hits.iter()
                .filter(|h| {
                    g.groups(h.at.doc_index(), Some(h.at.section_index()))
                        .contains(group)
                })
                .collect()
        }
        None => hits.iter().collect(),
    };
    let at: Vec<PassageRef> = narrowed.iter().map(|h| h.at).collect();
    let grouper = Grouper::new(corpus, req.by, req.about_only);
    let mut rows = counts::count_with(corpus, &grouper, &at, denominators);
    // Narrowed to a province, its rows are the places in it (a passage about it may name
    // another province's places too).
    if let Some((by, group)) = &req.narrow
        && *by != req.by
    {
        let outer = Grouper::new(corpus, *by, req.about_only);
        let inside: HashSet<String> = corpus
            .localities
            .iter()
            .filter(|l| outer.label(l) == *group)
            .map(|l| grouper.label(l))
            .collect();
        rows.retain(|r| inside.contains(&r.group));
    }
    let timeline = timeline::timeline(corpus, &grouper, &at);
    let whole = lines.is_some() || max_lines >= narrowed.len();
    let (lines, unsorted) = if let Some(l) = lines {
        (l, None)
    } else {
        let take = &narrowed[..max_lines.min(narrowed.len())];
        // In parts, so a newer request does not wait for tens of thousands of lines.
        let mut l = Vec::with_capacity(take.len());
        for part in take.chunks(LINES_PART) {
            if stale() {
                return None;
            }
            l.extend(kwic::lines(index, corpus, part, req.context));
        }
        let l = Arc::new(l);
        (Arc::clone(&l), Some(l))
    };
    let lines = if req.sort == Sort::Rank {
        lines
    } else {
        let mut sorted = (*lines).clone();
        kwic::sort(&mut sorted, req.sort);
        Arc::new(sorted)
    };
    let columns = req
        .columns
        .iter()
        .map(|(by, c)| {
            let grouper = Grouper::new(corpus, *by, req.about_only);
            narrowed
                .iter()
                .filter(|h| {
                    grouper
                        .groups(h.at.doc_index(), Some(h.at.section_index()))
                        .contains(c)
                })
                .take(COLUMN_HITS)
                .map(|h| (*h).clone())
                .collect()
        })
        .collect();
    Some(Analysed {
        results: Results {
            generation: req.generation,
            done: false,
            hits: narrowed.len(),
            articles: 0,
            rows,
            timeline,
            lines,
            columns,
            notes: Vec::new(),
            elapsed: Duration::ZERO,
        },
        unsorted,
        whole,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(generation: u64, query: &str) -> Request {
        Request {
            generation,
            query: query.into(),
            facets: Facets::default(),
            about_only: false,
            by: By::Province,
            narrow: None,
            sort: Sort::Rank,
            context: 30,
            columns: Vec::new(),
            all_lines: true,
        }
    }

    fn run(req: &Request, state: &mut State) -> Results {
        let corpus = crate::corpus::synth::places();
        let index = SearchIndex::build(&corpus);
        let g = Generation::default();
        g.set(req.generation);
        let out = std::cell::RefCell::new(Vec::new());
        state.run(&index, &corpus, req, &g, &|r| out.borrow_mut().push(r));
        out.into_inner().pop().expect("a complete result")
    }

    /// The worker's table is the CLI's (`counts::count`), and narrowing to a province
    /// keeps its hits only, counted by its places.
    #[test]
    fn results_agree_with_the_counts_and_narrow_to_a_province() {
        let corpus = crate::corpus::synth::places();
        let index = SearchIndex::build(&corpus);
        let hits = crate::search::search_all(&index, &corpus, "du lich", &Scope::All);
        let at: Vec<PassageRef> = hits.iter().map(|h| h.at).collect();
        let mut state = State::default();
        let r = run(&request(1, "du lich"), &mut state);
        assert!(r.done);
        assert_eq!(
            r.rows,
            counts::count(&corpus, &at, By::Province, false, None)
        );
        assert_eq!(r.hits, hits.len());
        assert_eq!(
            r.lines.len(),
            hits.iter().filter(|h| !h.ranges.is_empty()).count()
        );
        // Narrowed to Quảng Ninh, rows are its places.
        let mut req = request(2, "du lich");
        req.by = By::Locality;
        req.narrow = Some((By::Province, "Quảng Ninh".into()));
        let n = run(&req, &mut state);
        let qn = r.rows.iter().find(|x| x.group == "Quảng Ninh").unwrap();
        assert_eq!(n.hits, qn.passages);
        assert!(n.rows.iter().any(|x| x.group == "Hạ Long"), "{:?}", n.rows);
        assert!(n.rows.iter().all(|x| x.group != "Thanh Hóa"));
        // A sort reuses the lines and orders them.
        let mut req = request(3, "du lich");
        req.sort = Sort::Place;
        let s = run(&req, &mut state);
        assert_eq!(s.lines.len(), r.lines.len());
        let places: Vec<_> = s.lines.iter().map(|l| l.place.clone()).collect();
        let mut want = places.clone();
        want.sort_by_key(|p| (p.is_none(), p.as_deref().map(crate::text::collate::vi_key)));
        assert_eq!(places, want);
        // Columns: each place's hits, and only them.
        let mut req = request(4, "du lich");
        req.columns = vec![
            (By::Province, "Thanh Hóa".into()),
            (By::Province, "Quảng Ninh".into()),
        ];
        let c = run(&req, &mut state);
        assert_eq!(c.columns.len(), 2);
        assert_eq!(c.columns[1].len(), qn.passages);
    }

    /// Out of the concordance only its first lines are made; the counts are whole.
    #[test]
    fn without_the_concordance_only_the_first_lines_are_made() {
        let all = run(&request(1, "du lich"), &mut State::default());
        assert!(all.lines.len() > EARLY_LINES);
        let mut state = State::default();
        let mut req = request(2, "du lich");
        req.all_lines = false;
        let few = run(&req, &mut state);
        assert_eq!(few.lines.len(), EARLY_LINES);
        assert_eq!(few.lines[..], all.lines[..EARLY_LINES]);
        assert_eq!((&few.rows, few.hits), (&all.rows, all.hits));
        // The few are not kept as if they were the whole concordance.
        let again = run(&request(3, "du lich"), &mut state);
        assert_eq!(again.lines, all.lines);
        // The whole one, once made, serves the other views too.
        req.generation = 4;
        assert_eq!(run(&req, &mut state).lines, all.lines);
    }

    #[test]
    fn a_newer_request_makes_the_older_one_stale() {
        let corpus = crate::corpus::synth::places();
        let index = SearchIndex::build(&corpus);
        let g = Generation::default();
        g.set(5);
        let out = std::cell::RefCell::new(Vec::new());
        State::default().run(&index, &corpus, &request(4, "du lich"), &g, &|r| {
            out.borrow_mut().push(r);
        });
        assert!(out.borrow().is_empty());
    }
}
