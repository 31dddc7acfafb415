//! Running a query over the index: an exact pass, then a fuzzy pass over the passages it
//! left to retry, each on every core; the hits ranked.

use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

use fuzzy_matcher::skim::SkimMatcherV2;

use super::matcher::{self, Outcome, PreparedQuery};
use super::{PassageRef, Query, Scope, SearchIndex, accent, parse, threads};
use crate::corpus::Corpus;

/// One ranked result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub at: PassageRef,
    /// Index into the search index (document order).
    pub slot: u32,
    pub score: i64,
    /// Matched ranges in the folded text (bytes); see
    /// [`highlight_ranges`](super::highlight_ranges).
    pub ranges: Vec<matcher::Range>,
    /// Every term found as typed; else near (an edit, initials, letters dropped).
    pub exact: bool,
}

/// Bonus for a hit whose accented form is in the original text as typed.
pub const W_ACCENT: i64 = 60;

/// Order: exact hits before near ones, then best score first, ties in document order.
pub fn rank(hits: &mut [Hit]) {
    hits.sort_unstable_by(|a, b| {
        b.exact
            .cmp(&a.exact)
            .then(b.score.cmp(&a.score))
            .then(a.slot.cmp(&b.slot))
    });
}

/// Passages handed to a scanning thread at a time: small enough to balance the cores,
/// large enough that taking one costs nothing. Cancellation is checked once per chunk.
// Small in unit tests, so that their corpora span several chunks.
const CHUNK: usize = if cfg!(test) { 16 } else { 1024 };

/// What every scanning thread shares.
struct Job<'a> {
    index: &'a SearchIndex,
    corpus: &'a Corpus,
    pq: &'a PreparedQuery<'a>,
    accents: &'a [accent::Accent<'a>],
    scope: &'a Scope,
    cancel: &'a (dyn Fn() -> bool + Sync),
    /// Per passage, after the exact pass: 0 when the fuzzy pass cannot find it (found
    /// already, out of scope, missing letters, or missed by a term that only the exact
    /// pass could hit), else 1 + the term that missed (255: try the terms in order).
    retry: &'a [AtomicU8],
    next_chunk: AtomicUsize,
    /// The pass stops before this chunk.
    end_chunk: usize,
}

impl Job<'_> {
    fn hit(&self, slot: usize, m: matcher::Match) -> Hit {
        let at = self.index.refs[slot];
        let mut score = m.score;
        if !self.accents.is_empty() {
            // The passage text is only read when no remembered answer will do.
            let corpus = self.corpus;
            #[allow(clippy::cast_possible_wrap, reason = "at most the query's terms")]
            let accents = accent::count(
                slot,
                || &at.get(corpus).text,
                &self.index.folded[slot],
                self.index.canonical_as_is(slot),
                self.accents,
            ) as i64;
            score += W_ACCENT * accents;
        }
        Hit {
            at,
            slot: u32::try_from(slot).expect("fewer than 2^32 passages"),
            score,
            ranges: m.ranges,
            exact: m.exact,
        }
    }

    /// Scan chunks until none is left: the exact pass, or the fuzzy fallback over the
    /// passages the exact pass left to retry. Returns (chunk, hits in slot order) pairs;
    /// `None` when a newer query cancelled it.
    fn scan(&self, fuzzy: bool) -> Option<Vec<ChunkHits>> {
        let Job {
            index, pq, scope, ..
        } = *self;
        let matcher = SkimMatcherV2::default();
        let mut found = Vec::new();
        let mut out = Vec::new();
        let n = index.len();
        loop {
            let c = self.next_chunk.fetch_add(1, Ordering::Relaxed);
            let start = c * CHUNK;
            if start >= n || c >= self.end_chunk {
                return Some(out);
            }
            if (self.cancel)() {
                return None;
            }
            let mut hits = Vec::new();
            for slot in start..(start + CHUNK).min(n) {
                let facts = index.facts(slot);
                let retry = if fuzzy {
                    match self.retry[slot].load(Ordering::Relaxed) {
                        0 => continue,
                        255 => None,
                        r => Some(usize::from(r) - 1),
                    }
                } else {
                    if index.is_repeat(slot)
                        || !scope.admits(index.refs[slot], index.is_copy(slot))
                        || !pq.possible(facts.mask | facts.title_mask)
                    {
                        continue;
                    }
                    None
                };
                let h = &index.folded[slot];
                match matcher::match_prepared(h, facts, pq, fuzzy, retry, &matcher, &mut found) {
                    Outcome::Hit(m) => hits.push(self.hit(slot, m)),
                    Outcome::Miss(t) if !fuzzy && pq.terms[t].fuzzy_capable => {
                        let r = u8::try_from(t + 1).unwrap_or(255);
                        self.retry[slot].store(r, Ordering::Relaxed);
                    }
                    Outcome::Miss(_) | Outcome::Nothing => {}
                }
            }
            if !hits.is_empty() {
                out.push((c, hits));
            }
        }
    }
}

/// A chunk's number and its hits, in slot order.
type ChunkHits = (usize, Vec<Hit>);

/// Run one pass over `chunks` on every core; hits in slot order.
fn run_pass(
    job: &mut Job,
    threads: usize,
    fuzzy: bool,
    chunks: std::ops::Range<usize>,
) -> Option<Vec<Hit>> {
    job.next_chunk = AtomicUsize::new(chunks.start);
    job.end_chunk = chunks.end;
    let job = &*job;
    let parts: Vec<Option<Vec<ChunkHits>>> = std::thread::scope(|s| {
        let handles: Vec<_> = (1..threads).map(|_| s.spawn(|| job.scan(fuzzy))).collect();
        let mine = job.scan(fuzzy);
        std::iter::once(mine)
            .chain(handles.into_iter().map(|h| h.join().unwrap_or(None)))
            .collect()
    });
    let mut chunks = Vec::new();
    for p in parts {
        chunks.extend(p?);
    }
    chunks.sort_unstable_by_key(|(c, _)| *c);
    let total = chunks.iter().map(|(_, h)| h.len()).sum();
    let mut all = Vec::with_capacity(total);
    for (_, hits) in chunks {
        all.extend(hits);
    }
    Some(all)
}

/// Run a query over the index on all cores. `progress` receives the hits found so far
/// (unranked): on a big corpus once the first [`EARLY_BYTES`] are read (when they hold
/// hits), and after the exact pass when a fuzzy pass follows. Returns `None` when
/// cancelled.
///
/// The exact pass skips passages that lack a required term's letters, and notes which
/// misses the fuzzy pass could turn into hits; the fuzzy pass reads only those.
pub fn search(
    index: &SearchIndex,
    corpus: &Corpus,
    q: &Query,
    scope: &Scope,
    cancel: &(dyn Fn() -> bool + Sync),
    progress: &mut dyn FnMut(&[Hit]),
) -> Option<Vec<Hit>> {
    search_noting(index, corpus, q, scope, cancel, &mut |hits, _| {
        progress(hits);
    })
    .map(|(hits, _)| hits)
}

/// [`search`], with the query as the index resolved it ([`SearchIndex::resolve`]: acronyms,
/// corrections) given to `progress` and returned beside the hits: what
/// [`Query::notes`](super::Query::notes) shows the user. It is the query that found the
/// hits: the looser one when the strict one found nothing.
pub fn search_noting(
    index: &SearchIndex,
    corpus: &Corpus,
    q: &Query,
    scope: &Scope,
    cancel: &(dyn Fn() -> bool + Sync),
    progress: &mut dyn FnMut(&[Hit], &Query),
) -> Option<(Vec<Hit>, Query)> {
    if q.is_empty() {
        return Some((Vec::new(), q.clone()));
    }
    // Which typed words the corpus does not know, and what they were meant to be.
    let strict = index.resolve(q);
    let hits = search_resolved(index, corpus, &strict, scope, cancel, &mut |h| {
        progress(h, &strict);
    })?;
    if !hits.is_empty() {
        return Some((hits, strict));
    }
    // Nothing: a typo may have made another word ("may rinh" for "may tinh").
    let loose = index.resolve_with(q, true);
    if loose == strict {
        return Some((hits, strict));
    }
    let hits = search_resolved(index, corpus, &loose, scope, cancel, &mut |h| {
        progress(h, &loose);
    })?;
    Some((hits, loose))
}

/// [`search`] of a query the index has resolved.
fn search_resolved(
    index: &SearchIndex,
    corpus: &Corpus,
    q: &Query,
    scope: &Scope,
    cancel: &(dyn Fn() -> bool + Sync),
    progress: &mut dyn FnMut(&[Hit]),
) -> Option<Vec<Hit>> {
    let n = index.len();
    let threads = threads();
    let pq = PreparedQuery::new(q);
    let accents = accent::prepare(q, &index.memo, n);
    let fuzzy_pass = q.has_fuzzy();
    let retry: Vec<AtomicU8> = if fuzzy_pass {
        (0..n).map(|_| AtomicU8::new(0)).collect()
    } else {
        Vec::new()
    };
    let mut job = Job {
        index,
        corpus,
        pq: &pq,
        accents: &accents,
        scope,
        cancel,
        retry: &retry,
        next_chunk: AtomicUsize::new(0),
        end_chunk: 0,
    };
    let all = n.div_ceil(CHUNK);
    // On a big corpus the passages the first chunks hold are shown while the rest is
    // read: the first results come within a frame or two, the full list a little later.
    let early = early_chunks(index);
    let mut hits = if early < all {
        let mut hits = run_pass(&mut job, threads, false, 0..early)?;
        if !hits.is_empty() {
            progress(&hits);
        }
        hits.extend(run_pass(&mut job, threads, false, early..all)?);
        hits
    } else {
        run_pass(&mut job, threads, false, 0..all)?
    };
    if fuzzy_pass {
        progress(&hits);
        hits.extend(run_pass(&mut job, threads, true, 0..all)?);
    }
    rank(&mut hits);
    Some(hits)
}

/// Text read before the first results are shown: a few milliseconds of the exact pass.
// Small in unit tests, so that their corpora are read in two parts.
const EARLY_BYTES: usize = if cfg!(test) { 16 << 10 } else { 16 << 20 };

/// How many chunks hold the first [`EARLY_BYTES`] of folded text.
fn early_chunks(index: &SearchIndex) -> usize {
    let mut bytes = 0;
    for (slot, text) in index.folded.iter().enumerate() {
        bytes += text.len();
        if bytes >= EARLY_BYTES {
            return slot / CHUNK + 1;
        }
    }
    index.len().div_ceil(CHUNK)
}

/// Convenience for one-shot callers (CLI, tests): search everything, never cancelled.
pub fn search_all(index: &SearchIndex, corpus: &Corpus, raw: &str, scope: &Scope) -> Vec<Hit> {
    let q = parse(raw);
    search(index, corpus, &q, scope, &|| false, &mut |_| {}).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_big_corpus_shows_the_hits_of_its_first_part_while_the_rest_is_read() {
        let corpus = crate::corpus::synth::corpus(40, 10, 7);
        let index = SearchIndex::build(&corpus);
        let early = early_chunks(&index);
        assert!(
            early * CHUNK < index.len(),
            "the corpus is read in two parts"
        );
        // A word of most passages (synthetic text draws from a small vocabulary).
        let word = corpus.documents[0].sections[0].passages[0]
            .text
            .split_whitespace()
            .next()
            .unwrap()
            .to_lowercase();
        let mut calls: Vec<Vec<u32>> = Vec::new();
        let q = parse(&format!("'{word}"));
        let hits = search(&index, &corpus, &q, &Scope::All, &|| false, &mut |h| {
            calls.push(h.iter().map(|h| h.slot).collect());
        })
        .unwrap();
        let first = calls.first().expect("first results before the whole list");
        assert!(!first.is_empty() && first.len() < hits.len());
        let boundary = u32::try_from(early * CHUNK).unwrap();
        assert!(first.iter().all(|&s| s < boundary), "only the first part");
        assert!(first.iter().all(|s| hits.iter().any(|h| h.slot == *s)));
        assert!(hits.iter().any(|h| h.slot >= boundary));
    }
}
