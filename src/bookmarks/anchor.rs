//! Finding a bookmark's passage in the current corpus.
//!
//! Passage ids are hashes of the text, so after a rebuild an edited passage has a new id, and
//! an unchanged one may have moved. A bookmark resolves:
//! 1. by its passage id, when the passage there still has the quoted text (`ok`);
//! 2. else by its quote (`reanchored`): the exact text, then the same text folded (case,
//!    diacritics, spacing), then the most similar passage above [`THRESHOLD`]; each step
//!    looks in the bookmark's own document first, then everywhere. Ties go to the passage
//!    whose neighbours match the quote's prefix and suffix;
//! 3. else it is `orphaned`: kept, shown with its quote, never dropped.

use std::cell::OnceCell;
use std::collections::HashMap;

use serde::Serialize;

use super::Bookmark;
use crate::corpus::Corpus;
use crate::corpus::PassageRef;
use crate::text::fold_str;

/// Least similarity (2 × common words in order / total words) for a fuzzy re-anchor.
pub const THRESHOLD: f64 = 0.6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Reanchored,
    Orphaned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Reanchored => "reanchored",
            Status::Orphaned => "orphaned",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resolution {
    pub status: Status,
    pub at: Option<PassageRef>,
    /// How the quote was found again: 1.0 exact, less for a fuzzy match.
    pub similarity: f64,
}

impl Resolution {
    const ORPHANED: Resolution = Resolution {
        status: Status::Orphaned,
        at: None,
        similarity: 0.0,
    };

    fn reanchored(at: PassageRef, similarity: f64) -> Resolution {
        Resolution {
            status: Status::Reanchored,
            at: Some(at),
            similarity,
        }
    }
}

/// Indexes of a corpus for resolving many bookmarks.
pub struct Anchorer<'a> {
    corpus: &'a Corpus,
    docs: HashMap<&'a str, usize>,
    by_passage: HashMap<&'a str, Vec<PassageRef>>,
    /// Every passage as folded word ids, built the first time a bookmark has to be looked
    /// for outside its own document (a rebuild that moved or orphaned it).
    tokens: OnceCell<Tokens>,
}

#[derive(Default)]
struct Tokens {
    ids: HashMap<String, u32>,
    passages: Vec<(PassageRef, Vec<u32>)>,
}

/// Resolution was abandoned: a newer list is waiting, or the program is quitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

/// How often (in passages or documents) long loops look at the cancel flag.
const CHECK_EVERY: usize = 256;

impl Tokens {
    fn build(corpus: &Corpus, cancelled: &dyn Fn() -> bool) -> Result<Tokens, Cancelled> {
        let mut t = Tokens::default();
        for d in 0..corpus.documents.len() {
            if d % CHECK_EVERY == 0 && cancelled() {
                return Err(Cancelled);
            }
            for r in super::doc_refs(corpus, d) {
                let ws: Vec<u32> = words(&r.get(corpus).text)
                    .into_iter()
                    .map(|w| {
                        let n = u32::try_from(t.ids.len()).expect("fewer than 2^32 distinct words");
                        *t.ids.entry(w).or_insert(n)
                    })
                    .collect();
                t.passages.push((r, ws));
            }
        }
        Ok(t)
    }

    /// The ids of `words`; a word no passage has gets an id no passage has.
    fn ids_of(&self, words: &[String]) -> Vec<u32> {
        words
            .iter()
            .map(|w| self.ids.get(w).copied().unwrap_or(u32::MAX))
            .collect()
    }
}

/// Folded words of a text, for comparing.
fn words(s: &str) -> Vec<String> {
    fold_str(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// 2 × (longest common subsequence of words) / (total words): 1.0 for the same words in the
/// same order, falling as words are changed, added or dropped.
pub fn similarity<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    2.0 * f64::from(prev[b.len()]) / (a.len() + b.len()) as f64
}

/// Upper bound of [`similarity`] from word counts alone, to skip passages cheaply.
fn length_bound(n: usize, m: usize) -> f64 {
    2.0 * n.min(m) as f64 / (n + m).max(1) as f64
}

impl<'a> Anchorer<'a> {
    pub fn new(corpus: &'a Corpus) -> Self {
        let mut docs = HashMap::new();
        let mut by_passage: HashMap<&str, Vec<PassageRef>> = HashMap::new();
        for (d, doc) in corpus.documents.iter().enumerate() {
            docs.entry(doc.id.as_str()).or_insert(d);
            for r in super::doc_refs(corpus, d) {
                by_passage.entry(&r.get(corpus).id).or_default().push(r);
            }
        }
        Anchorer {
            corpus,
            docs,
            by_passage,
            tokens: OnceCell::new(),
        }
    }

    /// Where `b` is in the corpus now.
    pub fn resolve(&self, b: &Bookmark) -> Resolution {
        match self.try_resolve(b, &|| false) {
            Ok(r) => r,
            Err(Cancelled) => unreachable!("the callback never cancels"),
        }
    }

    /// [`resolve`](Self::resolve), giving up as soon as `cancelled` says so (it is asked
    /// every few hundred passages, so a cancel takes effect within milliseconds).
    pub fn try_resolve(
        &self,
        b: &Bookmark,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<Resolution, Cancelled> {
        let own = self.docs.get(b.doc.as_str()).copied();
        // 1. By id, in its own document first.
        if let Some(refs) = self.by_passage.get(b.passage.as_str()) {
            let mut refs: Vec<PassageRef> = refs
                .iter()
                .copied()
                .filter(|r| r.get(self.corpus).text == b.quote.text)
                .collect();
            refs.sort_by_key(|r| Some(r.doc as usize) != own);
            if let Some(&at) = refs.first() {
                return Ok(Resolution {
                    status: if Some(at.doc as usize) == own {
                        Status::Ok
                    } else {
                        Status::Reanchored
                    },
                    at: Some(at),
                    similarity: 1.0,
                });
            }
        }
        if cancelled() {
            return Err(Cancelled);
        }
        let quote = words(&b.quote.text);
        // 2. By the quote in its own document: exact, folded, similar.
        if let Some(d) = own {
            let refs = super::doc_refs(self.corpus, d);
            let texts: Vec<Vec<String>> = refs
                .iter()
                .map(|r| words(&r.get(self.corpus).text))
                .collect();
            let found = self
                .exact(b, refs.iter().copied())
                .or_else(|| {
                    self.same_words(
                        b,
                        &quote,
                        refs.iter().copied().zip(texts.iter().map(Vec::as_slice)),
                    )
                })
                .map(Ok)
                .or_else(|| {
                    self.fuzzy(
                        b,
                        &quote,
                        refs.iter().copied().zip(texts.iter().map(Vec::as_slice)),
                        cancelled,
                    )
                    .transpose()
                });
            if let Some(r) = found {
                return r;
            }
        }
        // 3. Everywhere else, the same steps.
        let others = || {
            (0..self.corpus.documents.len())
                .filter(move |&d| Some(d) != own)
                .flat_map(|d| super::doc_refs(self.corpus, d))
        };
        if let Some(r) = self.exact(b, others()) {
            return Ok(r);
        }
        if quote.is_empty() {
            return Ok(Resolution::ORPHANED);
        }
        if cancelled() {
            return Err(Cancelled);
        }
        let tokens = if let Some(t) = self.tokens.get() {
            t
        } else {
            let t = Tokens::build(self.corpus, cancelled)?;
            self.tokens.get_or_init(|| t)
        };
        let q = tokens.ids_of(&quote);
        let rest = || {
            tokens
                .passages
                .iter()
                .filter(|(r, _)| Some(r.doc as usize) != own)
                .map(|(r, w)| (*r, w.as_slice()))
        };
        if let Some(r) = self.same_words(b, &q, rest()) {
            return Ok(r);
        }
        Ok(self
            .fuzzy(b, &q, rest(), cancelled)?
            .unwrap_or(Resolution::ORPHANED))
    }

    /// Passages with exactly the quoted text.
    fn exact(&self, b: &Bookmark, refs: impl Iterator<Item = PassageRef>) -> Option<Resolution> {
        let found: Vec<PassageRef> = refs
            .filter(|r| r.get(self.corpus).text == b.quote.text)
            .collect();
        self.best_by_context(b, &found)
            .map(|at| Resolution::reanchored(at, 1.0))
    }

    /// Passages with the same folded words (case, diacritics, spacing, punctuation changed).
    fn same_words<'w, T: PartialEq + 'w>(
        &self,
        b: &Bookmark,
        quote: &[T],
        refs: impl Iterator<Item = (PassageRef, &'w [T])>,
    ) -> Option<Resolution> {
        if quote.is_empty() {
            return None;
        }
        let found: Vec<PassageRef> = refs.filter(|(_, w)| *w == quote).map(|(r, _)| r).collect();
        self.best_by_context(b, &found)
            .map(|at| Resolution::reanchored(at, 1.0))
    }

    /// The most similar passage above the threshold (context breaks ties).
    fn fuzzy<'w, T: Eq + std::hash::Hash + 'w>(
        &self,
        b: &Bookmark,
        quote: &[T],
        refs: impl Iterator<Item = (PassageRef, &'w [T])>,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<Option<Resolution>, Cancelled> {
        if quote.is_empty() {
            return Ok(None);
        }
        let set: std::collections::HashSet<&T> = quote.iter().collect();
        let mut best: Option<(f64, PassageRef)> = None;
        for (i, (r, w)) in refs.enumerate() {
            if i % CHECK_EVERY == 0 && cancelled() {
                return Err(Cancelled);
            }
            // Word counts too different cannot reach the threshold: skip the LCS.
            if length_bound(quote.len(), w.len()) < THRESHOLD {
                continue;
            }
            // Nor can too few shared words (an upper bound of the LCS).
            let shared = w
                .iter()
                .filter(|x| set.contains(x))
                .count()
                .min(quote.len());
            let bound = (2 * shared) as f64 / (quote.len() + w.len()) as f64;
            if bound < THRESHOLD {
                continue;
            }
            let mut sim = similarity(quote, w);
            if sim < THRESHOLD {
                continue;
            }
            sim += 0.01 * f64::from(self.context_score(b, r));
            if best.is_none_or(|(s, _)| sim > s) {
                best = Some((sim, r));
            }
        }
        Ok(best.map(|(s, at)| Resolution::reanchored(at, s.min(1.0))))
    }

    /// Of several equal candidates, the one whose neighbours match the quote's context.
    fn best_by_context(&self, b: &Bookmark, found: &[PassageRef]) -> Option<PassageRef> {
        found
            .iter()
            .copied()
            .enumerate()
            // max_by_key keeps the last of equals: rank ties by earliest position instead.
            .max_by_key(|&(i, r)| (self.context_score(b, r), std::cmp::Reverse(i)))
            .map(|(_, r)| r)
    }

    /// 0–2: does the passage before end with the quote's prefix, and the one after start
    /// with its suffix?
    fn context_score(&self, b: &Bookmark, r: PassageRef) -> u8 {
        let refs = super::doc_refs(self.corpus, r.doc as usize);
        let Some(i) = refs.iter().position(|x| *x == r) else {
            return 0;
        };
        let before = i
            .checked_sub(1)
            .map(|j| refs[j].get(self.corpus).text.as_str());
        let after = refs.get(i + 1).map(|x| x.get(self.corpus).text.as_str());
        let p = !b.quote.prefix.is_empty() && before.is_some_and(|t| t.ends_with(&b.quote.prefix));
        let s = !b.quote.suffix.is_empty() && after.is_some_and(|t| t.starts_with(&b.quote.suffix));
        u8::from(p) + u8::from(s)
    }
}

#[cfg(test)]
#[allow(
    clippy::float_cmp,
    reason = "a similarity is exactly 1 for the same words and 0 for none"
)]
mod tests {
    use super::*;
    use crate::corpus::{Document, Passage, PassageKind, Section};

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn similarity_scores_word_order() {
        let a = w("Đảng bộ tỉnh lãnh đạo thực hiện thắng lợi nghị quyết");
        assert_eq!(similarity(&a, &a), 1.0);
        let b = w("Đảng bộ tỉnh đã lãnh đạo thực hiện thắng lợi các nghị quyết");
        assert!(similarity(&a, &b) > 0.85);
        let c = w("Kinh tế tăng trưởng khá, đời sống nhân dân được cải thiện");
        assert!(similarity(&a, &c) < 0.2);
        assert_eq!(similarity(&a, &[]), 0.0);
    }

    fn doc(id: &str, texts: &[&str]) -> Document {
        let mut d = Document::new(id, "");
        d.title = format!("Bài {id}");
        d.sections = vec![Section {
            heading: None,
            locality: None,
            passages: texts
                .iter()
                .map(|t| Passage {
                    id: crate::preprocess::ids::passage_id(t),
                    kind: PassageKind::Paragraph,
                    text: t.to_string(),
                    line: 0,
                })
                .collect(),
        }];
        d
    }

    fn corpus(docs: Vec<Document>) -> Corpus {
        Corpus {
            documents: docs,
            ..Corpus::default()
        }
    }

    const A: &str = "Đại hội đã thông qua Nghị quyết với nhiều chỉ tiêu quan trọng về kinh tế.";
    const B: &str = "Tỉnh tập trung phát triển hạ tầng giao thông, đô thị và du lịch biển.";
    const C: &str = "Công tác xây dựng Đảng được chú trọng, kỷ luật kỷ cương được siết chặt.";

    fn r(doc: u32, passage: u32) -> PassageRef {
        PassageRef {
            doc,
            section: 0,
            passage,
        }
    }

    #[test]
    fn resolves_by_id_then_by_quote() {
        let before = corpus(vec![doc("x", &[A, B, C])]);
        let b = Bookmark::new(&before, r(0, 1), "", vec![]);
        assert_eq!(Anchorer::new(&before).resolve(&b).status, Status::Ok);

        // A paragraph inserted before: same id, new position; still ok.
        let inserted = corpus(vec![doc("x", &["Đoạn mới chèn vào đầu bài.", A, B, C])]);
        let res = Anchorer::new(&inserted).resolve(&b);
        assert_eq!((res.status, res.at), (Status::Ok, Some(r(0, 2))));

        // Lightly edited: new id, found by similarity.
        let edited = B.replace("đô thị và du lịch biển", "đô thị, du lịch biển");
        let c2 = corpus(vec![doc("x", &[A, &edited, C])]);
        let res = Anchorer::new(&c2).resolve(&b);
        assert_eq!((res.status, res.at), (Status::Reanchored, Some(r(0, 1))));
        assert!(res.similarity < 1.0 && res.similarity >= THRESHOLD);

        // Only case and tone marks changed: found by folding, with similarity 1.
        let c3 = corpus(vec![doc("x", &[A, &B.to_uppercase(), C])]);
        let res = Anchorer::new(&c3).resolve(&b);
        assert_eq!((res.status, res.at), (Status::Reanchored, Some(r(0, 1))));
        assert_eq!(res.similarity, 1.0);

        // Rewritten beyond recognition: orphaned, never dropped.
        let c4 = corpus(vec![doc("x", &[A, "Một đoạn hoàn toàn khác hẳn.", C])]);
        assert_eq!(Anchorer::new(&c4).resolve(&b), Resolution::ORPHANED);

        // The document is gone but the text is elsewhere: found there.
        let c5 = corpus(vec![doc("y", &[C, B])]);
        let res = Anchorer::new(&c5).resolve(&b);
        assert_eq!((res.status, res.at), (Status::Reanchored, Some(r(0, 1))));
    }

    #[test]
    fn own_document_first_and_context_breaks_ties() {
        let before = corpus(vec![doc("x", &[A, B, C, "Kết luận.", B, A])]);
        // The second B: prefix "Kết luận.", suffix A.
        let b = Bookmark::new(&before, r(0, 4), "", vec![]);
        // Rebuilt with B edited in both places: the one with matching neighbours wins.
        let e = B.replace("giao thông", "giao thông, cảng biển");
        let after = corpus(vec![
            doc("other", &[&e]),
            doc("x", &[A, &e, C, "Kết luận.", &e, A]),
        ]);
        let res = Anchorer::new(&after).resolve(&b);
        assert_eq!(res.status, Status::Reanchored);
        assert_eq!(res.at, Some(r(1, 4)));
    }
}
