//! Vietnamese-aware search over passages: folded once at load time ([`SearchIndex`]),
//! matched with fzf's query language ([`query`]), ranked ([`matcher`]), run off the UI
//! thread ([`worker`]).

pub mod matcher;
pub mod query;
pub mod worker;

pub use query::{Query, parse};

use std::sync::atomic::{AtomicU64, Ordering};

use fuzzy_matcher::skim::SkimMatcherV2;

use crate::corpus::{Corpus, Passage};
use crate::text::{canonical, fold_for_search};

/// Where a passage is: indices into `documents[doc].sections[section].passages[passage]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PassageRef {
    pub doc: u32,
    pub section: u32,
    pub passage: u32,
}

impl PassageRef {
    pub fn get<'a>(&self, corpus: &'a Corpus) -> &'a Passage {
        &corpus.documents[self.doc as usize].sections[self.section as usize].passages
            [self.passage as usize]
    }
}

/// Every passage folded for matching, built once when a corpus loads.
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub refs: Vec<PassageRef>,
    pub folded: Vec<String>,
    /// Total bytes of original text indexed.
    pub bytes: usize,
}

impl SearchIndex {
    pub fn build(corpus: &Corpus) -> Self {
        let mut idx = SearchIndex::default();
        for (d, doc) in corpus.documents.iter().enumerate() {
            for (s, sec) in doc.sections.iter().enumerate() {
                for (p, passage) in sec.passages.iter().enumerate() {
                    idx.refs.push(PassageRef {
                        doc: d as u32,
                        section: s as u32,
                        passage: p as u32,
                    });
                    idx.folded.push(fold_for_search(&passage.text).text);
                    idx.bytes += passage.text.len();
                }
            }
        }
        idx
    }

    pub fn len(&self) -> usize {
        self.refs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }
}

/// One ranked result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub at: PassageRef,
    /// Index into the search index (document order).
    pub slot: u32,
    pub score: i64,
    /// Matched ranges in the folded text (bytes); see [`highlight_ranges`].
    pub ranges: Vec<matcher::Range>,
}

/// Bonus for a hit whose accented form is in the original text as typed.
pub const W_ACCENT: i64 = 60;

/// Which passages to search: everything, or only some documents.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    All,
    Documents(Vec<u32>),
}

impl Scope {
    fn admits(&self, at: PassageRef) -> bool {
        match self {
            Scope::All => true,
            Scope::Documents(docs) => docs.binary_search(&at.doc).is_ok(),
        }
    }
}

/// Order: best score first, ties in document order.
pub fn rank(hits: &mut [Hit]) {
    hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.slot.cmp(&b.slot)));
}

/// What every scanning thread shares.
struct Job<'a> {
    index: &'a SearchIndex,
    corpus: &'a Corpus,
    q: &'a Query,
    scope: &'a Scope,
    cancel: &'a (dyn Fn() -> bool + Sync),
}

/// Search `slots` (a range of the index) in one pass (exact, or fuzzy fallback for the
/// passages the exact pass missed); `None` when a newer query cancelled it.
fn scan(job: &Job, slots: std::ops::Range<usize>, fuzzy: bool, skip: &[bool]) -> Option<Vec<Hit>> {
    let Job {
        index,
        corpus,
        q,
        scope,
        cancel,
    } = *job;
    let matcher = SkimMatcherV2::default();
    let accented: Vec<&str> = q
        .terms
        .iter()
        .filter(|t| !t.negate)
        .filter_map(|t| t.accented.as_deref())
        .collect();
    let mut out = Vec::new();
    for slot in slots {
        if slot % 4096 == 0 && cancel() {
            return None;
        }
        let at = index.refs[slot];
        if skip.get(slot).copied().unwrap_or(false) || !scope.admits(at) {
            continue;
        }
        if let Some(m) = matcher::match_passage(&index.folded[slot], q, fuzzy, &matcher) {
            let mut score = m.score;
            if !accented.is_empty() {
                let original = canonical(&at.get(corpus).text).to_lowercase();
                score +=
                    W_ACCENT * accented.iter().filter(|a| original.contains(*a)).count() as i64;
            }
            out.push(Hit {
                at,
                slot: slot as u32,
                score,
                ranges: m.ranges,
            });
        }
    }
    Some(out)
}

/// Run a query over the index on all cores. `progress` receives the hits found so far
/// (unranked) after the exact pass; returns `None` when cancelled.
pub fn search(
    index: &SearchIndex,
    corpus: &Corpus,
    q: &Query,
    scope: &Scope,
    cancel: &(dyn Fn() -> bool + Sync),
    progress: &mut dyn FnMut(&[Hit]),
) -> Option<Vec<Hit>> {
    if q.is_empty() {
        return Some(Vec::new());
    }
    let n = index.len();
    let threads = std::thread::available_parallelism()
        .map_or(1, |p| p.get())
        .clamp(1, 8);
    let chunk = n.div_ceil(threads).max(1);
    let job = Job {
        index,
        corpus,
        q,
        scope,
        cancel,
    };
    let job = &job;
    let run = |fuzzy: bool, skip: &[bool]| -> Option<Vec<Hit>> {
        let parts: Vec<Option<Vec<Hit>>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..n)
                .step_by(chunk)
                .map(|start| {
                    let end = (start + chunk).min(n);
                    s.spawn(move || scan(job, start..end, fuzzy, skip))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(None))
                .collect()
        });
        let mut all = Vec::new();
        for p in parts {
            all.extend(p?);
        }
        Some(all)
    };
    let mut hits = run(false, &[])?;
    if q.has_fuzzy() {
        progress(&hits);
        let mut found = vec![false; n];
        for h in &hits {
            found[h.slot as usize] = true;
        }
        hits.extend(run(true, &found)?);
    }
    rank(&mut hits);
    Some(hits)
}

/// Convenience for one-shot callers (CLI, tests): search everything, never cancelled.
pub fn search_all(index: &SearchIndex, corpus: &Corpus, raw: &str, scope: &Scope) -> Vec<Hit> {
    let q = parse(raw);
    search(index, corpus, &q, scope, &|| false, &mut |_| {}).unwrap_or_default()
}

/// The hit's ranges as `[start, end)` **char** offsets into the original passage text,
/// merged and sorted: what a user sees highlighted.
pub fn highlight_ranges(original: &str, hit_ranges: &[matcher::Range]) -> Vec<(usize, usize)> {
    let folded = fold_for_search(original);
    // Folded byte offset → folded char index.
    let mut byte_to_char = vec![0usize; folded.text.len() + 1];
    for (ci, (b, c)) in folded.text.char_indices().enumerate() {
        for k in 0..c.len_utf8() {
            byte_to_char[b + k] = ci;
        }
    }
    let nchars = folded.map.len();
    byte_to_char[folded.text.len()] = nchars;
    let mut out: Vec<(usize, usize)> = hit_ranges
        .iter()
        .filter(|(s, e)| s < e && *e <= folded.text.len())
        .filter_map(|&(s, e)| {
            let (cs, ce) = (byte_to_char[s], byte_to_char[e]);
            (cs < ce && ce <= nchars).then(|| (folded.map[cs], folded.map[ce - 1] + 1))
        })
        .collect();
    out.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.0 <= last.1 => last.1 = last.1.max(r.1),
            _ => merged.push(r),
        }
    }
    merged
}

/// A shared "newest query" counter: workers stop when their generation is no longer newest.
#[derive(Debug, Default)]
pub struct Generation(AtomicU64);

impl Generation {
    pub fn next(&self) -> u64 {
        self.0.fetch_add(1, Ordering::SeqCst) + 1
    }

    pub fn current(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }

    pub fn set(&self, generation: u64) {
        self.0.store(generation, Ordering::SeqCst);
    }
}
