//! The search index: every passage folded once when a corpus loads, with what is known
//! of each folded text that lets a search skip work.

use super::learned::{Learned, Seen};
use super::matcher::{self, Facts};
use super::query::{Correction, Query, TermKind, join_long_forms};
use super::vocab::{Counter, Vocab};
use super::{PassageRef, accent, threads};
use crate::corpus::Corpus;
use crate::text::fold_for_search_text;

/// Every passage folded for matching, built once when a corpus loads.
///
/// Besides the public fields, `build` keeps private facts about each folded passage that
/// let a search skip work; they describe `folded` as built. An index filled by hand (its
/// private fields empty) is searched without them, with the same results.
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub refs: Vec<PassageRef>,
    pub folded: Vec<String>,
    /// Total bytes of original text indexed.
    pub bytes: usize,
    /// Per passage, which ASCII letters and digits its folded text has
    /// ([`matcher::letter_mask`]): a passage missing a term's letters is skipped unread.
    masks: Vec<u64>,
    /// Per passage, the first char of each word, the offset of every
    /// [`matcher::MARK_EVERY`]th word, and the one- and two-letter words
    /// ([`matcher::words`]): initials and phrases are looked up there, short whole words
    /// ruled out.
    starts: Vec<Box<[u8]>>,
    marks: Vec<Box<[u32]>>,
    short: Vec<matcher::ShortWords>,
    /// Per passage, whether its text is provably its own canonical form
    /// ([`accent::canonical_as_is`]), so the accent bonus needs no normalisation.
    canonical: Vec<bool>,
    /// Per passage, whether its document is a syndicated copy of an earlier one: a search
    /// of the whole corpus finds the original only (the finder names the copies); a search
    /// of one article still finds its own text.
    copies: Vec<bool>,
    /// Per passage, whether an earlier passage of its document has the same folded text (a
    /// caption or a speaker's label printed twice): a search shows the text once.
    repeats: Vec<bool>,
    /// Accent answers remembered from earlier searches.
    pub(super) memo: accent::Memo,
    /// The folded words of every passage, with their passage counts: typos are told and
    /// corrected by it (empty for an index filled by hand).
    pub(super) vocab: Vocab,
    /// The acronyms the passages define (`Cảnh sát giao thông (CSGT)`).
    learned: Learned,
    /// Per document, its title folded and the title's letter mask: a passage's context.
    titles: Vec<(String, u64)>,
}

impl SearchIndex {
    pub fn build(corpus: &Corpus) -> Self {
        let mut idx = SearchIndex::default();
        let mut texts: Vec<&str> = Vec::new();
        idx.titles = corpus
            .documents
            .iter()
            .map(|d| {
                let t = fold_for_search_text(&d.title);
                let mask = matcher::letter_mask(&t);
                (t, mask)
            })
            .collect();
        for (d, doc) in corpus.documents.iter().enumerate() {
            for (s, sec) in doc.sections.iter().enumerate() {
                for (p, passage) in sec.passages.iter().enumerate() {
                    idx.refs.push(PassageRef::new(d, s, p));
                    idx.copies.push(doc.duplicate_of.is_some());
                    texts.push(&passage.text);
                    idx.bytes += passage.text.len();
                }
            }
        }
        // Folding is the cost: every core takes a contiguous share, in order.
        let chunk = texts.len().div_ceil(threads()).max(1);
        let parts: Vec<(Vec<Folded>, Counter, Seen)> = std::thread::scope(|s| {
            // The accent bonus's case table, built while the passages fold.
            s.spawn(accent::warm_up);
            let handles: Vec<_> = texts
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        let mut counter = Counter::default();
                        let mut seen = Seen::default();
                        let folded = part
                            .iter()
                            .map(|text| {
                                let folded = fold_for_search_text(text);
                                let words = matcher::words(&folded);
                                counter.add(&folded);
                                seen.add(text);
                                Folded {
                                    mask: matcher::letter_mask(&folded),
                                    starts: words.starts.into(),
                                    marks: words.marks.into(),
                                    short: words.short,
                                    canonical: accent::canonical_as_is(text),
                                    text: folded,
                                }
                            })
                            .collect();
                        (folded, counter, seen)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        idx.folded.reserve(texts.len());
        idx.masks.reserve(texts.len());
        idx.starts.reserve(texts.len());
        idx.short.reserve(texts.len());
        idx.marks.reserve(texts.len());
        idx.canonical.reserve(texts.len());
        let mut counters = Vec::new();
        let mut seen = Vec::new();
        let parts: Vec<Vec<Folded>> = parts
            .into_iter()
            .map(|(f, c, s)| {
                counters.push(c);
                seen.push(s);
                f
            })
            .collect();
        idx.vocab = Vocab::merge(counters);
        idx.learned = Learned::merge(seen);
        for f in parts.into_iter().flatten() {
            idx.folded.push(f.text);
            idx.masks.push(f.mask);
            idx.starts.push(f.starts);
            idx.short.push(f.short);
            idx.marks.push(f.marks);
            idx.canonical.push(f.canonical);
        }
        idx.repeats = repeats(&idx.refs, &idx.folded);
        idx
    }

    /// `q` with what the corpus's words tell of its terms: which typed words it does not
    /// know, and what they were meant to be ([`Term::corrections`]). An index without
    /// words (filled by hand) leaves `q` as it is.
    pub fn resolve(&self, q: &Query) -> Query {
        self.resolve_with(q, false)
    }

    /// [`resolve`](Self::resolve), and with `even_known` a word the corpus knows is also
    /// taken for a typo of its neighbours ("may rinh" for *máy tính*: *rình* is a word):
    /// what a search that found nothing tries next.
    pub fn resolve_with(&self, q: &Query, even_known: bool) -> Query {
        let mut q = q.clone();
        if self.vocab.is_empty() {
            return q;
        }
        // The acronyms the corpus defines, both ways, as the built-in table's.
        for t in &mut q.terms {
            let key: String = t
                .folded
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            // A syllable ("tu", "hu") is a word, unless typed as initials ("TU").
            let word = !t.initials && crate::text::is_vietnamese_syllable(&key);
            if t.kind != TermKind::Fuzzy || t.negate || word {
                continue;
            }
            for long in self.learned.longs(&key) {
                if !t.alternatives.iter().any(|a| a == long) {
                    t.alternatives.push(long.to_string());
                }
            }
        }
        join_long_forms(&mut q.terms, self.learned.pairs());
        for t in &mut q.terms {
            let f = t.folded.as_str();
            if t.kind != TermKind::Fuzzy || t.negate || !f.is_ascii() || f.len() < 3 {
                continue;
            }
            t.known = self.vocab.knows(f);
            // One edit in a word of four letters or more, two from eight; never in a
            // number (a wrong digit is another number).
            if (t.known && !even_known) || f.len() < 4 || f.contains(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let max = if f.len() >= 8 { 2 } else { 1 };
            t.corrections = self
                .vocab
                .corrections(f, max)
                .into_iter()
                .map(|(text, edits)| Correction { text, edits })
                .collect();
            if let Some((a, b)) = self.vocab.split(f) {
                t.corrections.push(Correction {
                    text: format!("{a} {b}"),
                    edits: 0,
                });
            }
            // A known word taken for a typo is matched nearly, as an unknown one is.
            if t.known && !t.corrections.is_empty() {
                t.known = false;
            }
        }
        // A word nothing in the corpus resembles does not stop the others from finding
        // their passages, while one required term is left.
        let hopeless = |t: &crate::search::query::Term| {
            t.kind == TermKind::Fuzzy
                && !t.negate
                && !t.known
                && t.folded.len() >= 4
                && t.corrections.is_empty()
                && t.alternatives.is_empty()
        };
        let required = q.terms.iter().filter(|t| !t.negate).count();
        let lost = q.terms.iter().filter(|t| hopeless(t)).count();
        if lost < required {
            for t in &mut q.terms {
                t.optional = hopeless(t);
            }
        }
        q
    }

    /// A copy of the index without what it knows of each passage's text (letter masks, word
    /// starts, short words): the same corpus words, acronyms and titles. A search on it
    /// gives the same hits, only slower (what the tests hold it to).
    #[must_use]
    pub fn without_facts(&self) -> SearchIndex {
        SearchIndex {
            refs: self.refs.clone(),
            folded: self.folded.clone(),
            bytes: self.bytes,
            copies: self.copies.clone(),
            repeats: self.repeats.clone(),
            vocab: self.vocab.clone(),
            learned: self.learned.clone(),
            titles: self.titles.clone(),
            ..SearchIndex::default()
        }
    }

    /// How `q`, as this index resolved it ([`resolve_with`](Self::resolve_with)), matches
    /// passage `slot` read alone, in its article's context, without the two passes and the
    /// facts a search uses to skip work: the reference a search's hits are checked against.
    pub fn match_slot(&self, slot: usize, resolved: &Query) -> Option<matcher::Match> {
        let pq = matcher::PreparedQuery::new(resolved);
        let full = self.facts(slot);
        let facts = Facts {
            title: full.title,
            title_mask: full.title_mask,
            first: full.first,
            ..Facts::NONE
        };
        let skim = fuzzy_matcher::skim::SkimMatcherV2::default();
        match matcher::match_prepared(
            &self.folded[slot],
            facts,
            &pq,
            true,
            None,
            &skim,
            &mut Vec::new(),
        ) {
            matcher::Outcome::Hit(m) => Some(m),
            matcher::Outcome::Miss(_) | matcher::Outcome::Nothing => None,
        }
    }

    /// Whether passage `slot` belongs to a syndicated copy (false for a hand-filled index).
    pub(super) fn is_copy(&self, slot: usize) -> bool {
        self.copies.get(slot).copied().unwrap_or(false)
    }

    /// Whether passage `slot` repeats an earlier passage of its document (false for a
    /// hand-filled index).
    pub(super) fn is_repeat(&self, slot: usize) -> bool {
        self.repeats.get(slot).copied().unwrap_or(false)
    }

    pub fn len(&self) -> usize {
        self.refs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }

    /// What is known of passage `slot` before reading it; nothing for an index whose
    /// public fields were filled by hand.
    pub(super) fn facts(&self, slot: usize) -> Facts<'_> {
        let n = self.folded.len();
        let at = self.refs[slot];
        let title = self.titles.get(at.doc as usize);
        Facts {
            mask: match self.masks.get(slot) {
                Some(&m) if self.masks.len() == n => m,
                _ => u64::MAX,
            },
            starts: self
                .starts
                .get(slot)
                .zip(self.marks.get(slot))
                .filter(|_| self.starts.len() == n && self.marks.len() == n)
                .map(|(s, m)| (&s[..], &m[..])),
            short: match self.short.get(slot) {
                Some(short) if self.short.len() == n => short,
                _ => &matcher::ShortWords::ALL,
            },
            title: title.map_or("", |t| t.0.as_str()),
            title_mask: title.map_or(0, |t| t.1),
            first: slot == 0 || self.refs.get(slot - 1).map(|r| r.doc) != Some(at.doc),
        }
    }

    pub(super) fn canonical_as_is(&self, slot: usize) -> bool {
        self.canonical.len() == self.folded.len() && self.canonical.get(slot) == Some(&true)
    }
}

/// One passage as the index keeps it.
struct Folded {
    text: String,
    mask: u64,
    starts: Box<[u8]>,
    marks: Box<[u32]>,
    short: matcher::ShortWords,
    canonical: bool,
}

/// Per passage, whether an earlier passage of the same document folds to the same text.
fn repeats(refs: &[PassageRef], folded: &[String]) -> Vec<bool> {
    let mut out = vec![false; refs.len()];
    let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for (slot, at) in refs.iter().enumerate() {
        if slot > 0 && refs[slot - 1].doc != at.doc {
            seen.clear();
        }
        out[slot] = !seen.insert(folded[slot].trim());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Scope, search_all};

    /// Searches on an index with its private facts and on one filled by hand (no facts)
    /// give the same hits.
    #[test]
    fn facts_change_no_result() {
        let corpus = crate::embedded::corpus();
        let built = SearchIndex::build(&corpus);
        // The words, acronyms and titles of the corpus are no facts of a passage: both have
        // them.
        let words = SearchIndex::build(&corpus);
        let by_hand = SearchIndex {
            refs: built.refs.clone(),
            folded: built.folded.clone(),
            bytes: built.bytes,
            vocab: words.vocab,
            learned: words.learned,
            titles: words.titles,
            ..SearchIndex::default()
        };
        for raw in [
            "nghi quyet",
            "nqdh",
            "HĐND",
            "ha long",
            "Hạ Long",
            "thanh hoa",
            "t",
            "h n",
            "quyt",
            "nghi quyt",
            "sumg",
            "15400",
            "'dai hoi",
            "^sau",
            "hien$",
            "\"kinh te xa hoi\"",
            "dang !tinh",
            "Đà",
        ] {
            let a = search_all(&built, &corpus, raw, &Scope::All);
            let b = search_all(&by_hand, &corpus, raw, &Scope::All);
            assert_eq!(a, b, "{raw}");
        }
    }
}

#[cfg(test)]
mod copy_tests {
    use super::SearchIndex;
    use crate::search::{Scope, search_all};

    #[test]
    fn a_syndicated_copy_is_found_only_through_its_original_except_in_its_own_article() {
        let mut corpus = crate::embedded::corpus();
        // Document 1 becomes a copy of document 0, with the same first passage.
        let text = corpus.documents[0].sections[0].passages[0].text.clone();
        corpus.documents[1].sections[0].passages[0].text = text.clone();
        let phrase: String = text
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ");
        let index = SearchIndex::build(&corpus);
        let docs = |hits: &[crate::search::Hit]| {
            let mut d: Vec<usize> = hits.iter().map(|h| h.at.doc_index()).collect();
            d.dedup();
            d
        };
        let before = docs(&search_all(&index, &corpus, &phrase, &Scope::All));
        assert!(before.contains(&0) && before.contains(&1), "{before:?}");
        corpus.documents[1].duplicate_of = Some(corpus.documents[0].id.clone());
        let index = SearchIndex::build(&corpus);
        let all = docs(&search_all(&index, &corpus, &phrase, &Scope::All));
        assert!(all.contains(&0) && !all.contains(&1), "{all:?}");
        let own = docs(&search_all(
            &index,
            &corpus,
            &phrase,
            &Scope::Documents(vec![1]),
        ));
        assert_eq!(own, vec![1]);
        assert_eq!(corpus.copies().get(&0), Some(&vec![1]));
    }

    #[test]
    fn a_passage_repeated_in_its_article_is_found_once() {
        let mut corpus = crate::embedded::corpus();
        // A speaker's label printed again later in document 0, and once in document 2.
        let label = "Ông Mai Tiến Dũng:".to_string();
        for (d, s) in [(0, 0), (0, 1), (2, 0)] {
            let sec = &mut corpus.documents[d].sections[s];
            let mut p = sec.passages[0].clone();
            p.text.clone_from(&label);
            sec.passages.push(p);
        }
        // In other case, the same text.
        let mut p = corpus.documents[0].sections[1].passages[0].clone();
        p.text = label.to_uppercase();
        corpus.documents[0].sections[1].passages.push(p);
        let index = SearchIndex::build(&corpus);
        let hits = search_all(&index, &corpus, "\"mai tien dung\"", &Scope::All);
        let at: Vec<(usize, usize)> = hits
            .iter()
            .map(|h| (h.at.doc_index(), h.at.section_index()))
            .collect();
        assert_eq!(at, [(0, 0), (2, 0)], "{hits:?}");
        // Also when the article alone is searched.
        let own = search_all(
            &index,
            &corpus,
            "\"mai tien dung\"",
            &Scope::Documents(vec![0]),
        );
        assert_eq!(own.len(), 1);
    }
}
