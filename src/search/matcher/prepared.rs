//! A whole query against one passage: its terms prepared once per search, each matched,
//! the passage scored.

use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;

use super::facts::has_all;
use super::{
    Facts, Found, Phrase, Range, Ranges, TermHit, W_ADJACENT, W_ALTERNATIVE, W_EDIT, W_IN_TITLE,
    W_PAIR, W_SPLIT, W_TITLE, W_WORD, finder, fuzzy_found, initials_found, initials_in,
    letter_mask, phrase_with, substring_with,
};
use crate::search::query::{Query, Term, TermKind};
use crate::search::vocab::kept_letters;

/// An acronym's other form: a phrase, or one word that must stand whole.
#[derive(Debug)]
// Built once per query, never stored in bulk: the size difference costs nothing.
#[allow(clippy::large_enum_variant)]
enum Alternative<'q> {
    Phrase(Phrase<'q>),
    Word(memmem::Finder<'q>),
}

/// A term prepared once per search: searchers built, letter masks computed.
#[derive(Debug)]
pub(crate) struct Prepared<'q> {
    pub(crate) term: &'q Term,
    finder: memmem::Finder<'q>,
    /// The words of a `"…"` phrase.
    phrase: Option<Phrase<'q>>,
    alternatives: Vec<(u64, Alternative<'q>)>,
    /// What a word the corpus does not know was meant to be, with the score of a hit.
    corrections: Vec<(u64, Alternative<'q>, i64)>,
    mask: u64,
    /// Could the fuzzy pass find it where the exact pass did not?
    pub(crate) fuzzy_capable: bool,
}

impl<'q> Prepared<'q> {
    pub(crate) fn new(term: &'q Term) -> Self {
        let t = term.folded.as_str();
        let alternatives = term
            .alternatives
            .iter()
            .map(|a| {
                let words: Vec<&str> = a.split(' ').collect();
                let alt = if words.len() > 1 {
                    Phrase::new(words)
                        .map_or_else(|| Alternative::Word(finder(a)), Alternative::Phrase)
                } else {
                    Alternative::Word(finder(a))
                };
                (letter_mask(a), alt)
            })
            .collect();
        let corrections = term
            .corrections
            .iter()
            .map(|c| {
                let words: Vec<&str> = c.text.split(' ').collect();
                let alt = match Phrase::new(words) {
                    Some(p) if c.text.contains(' ') => Alternative::Phrase(p),
                    _ => Alternative::Word(finder(&c.text)),
                };
                let score = match c.edits {
                    0 => W_SPLIT,
                    1 => W_EDIT,
                    _ => W_EDIT - 50,
                };
                (letter_mask(&c.text), alt, score)
            })
            .collect();
        Prepared {
            term,
            finder: finder(t),
            corrections,
            phrase: (term.kind == TermKind::Phrase)
                .then(|| Phrase::new(t.split(' ').collect()))
                .flatten(),
            alternatives,
            mask: letter_mask(t),
            fuzzy_capable: term.kind == TermKind::Fuzzy
                && !term.negate
                && !term.known
                && t.len() >= 3
                && t.is_ascii(),
        }
    }

    /// False when no kind of hit is possible in a text with letter mask `mask`: every hit
    /// (substring, phrase, initials, letters in order, an alternative) has all its letters.
    pub(crate) fn possible(&self, mask: u64) -> bool {
        match self.term.kind {
            TermKind::Fuzzy | TermKind::Phrase => {
                has_all(mask, self.mask)
                    || self.alternatives.iter().any(|a| has_all(mask, a.0))
                    || self.corrections.iter().any(|a| has_all(mask, a.0))
            }
            TermKind::Exact | TermKind::Prefix | TermKind::Suffix => has_all(mask, self.mask),
        }
    }

    /// The first alternative that hits (they all score [`W_ALTERNATIVE`], so the first one
    /// wins): below the form as typed, so a passage with the words typed ranks first.
    fn alternative(&self, h: &str, facts: Facts) -> Option<Found> {
        self.alternatives
            .iter()
            .filter(|a| has_all(facts.mask, a.0))
            .find_map(|(_, a)| match a {
                Alternative::Phrase(p) => phrase_with(h, p, facts),
                Alternative::Word(f) => {
                    substring_with(h, f, facts.short).filter(|x| x.score == W_WORD)
                }
            })
            .map(|x| Found {
                score: W_ALTERNATIVE,
                ..x
            })
    }

    /// The near hits of a term no exact hit was found for: a word of the corpus an edit
    /// away or two words written as one (the best), else its letters dropped inside a word.
    fn near(&self, h: &str, facts: Facts, matcher: &SkimMatcherV2) -> Option<Found> {
        if !self.fuzzy_capable {
            return None;
        }
        let corrected = self
            .corrections
            .iter()
            .filter(|(mask, ..)| has_all(facts.mask, *mask))
            .filter_map(|(_, alt, score)| {
                let hit = match alt {
                    Alternative::Phrase(p) => phrase_with(h, p, facts),
                    // Only the letters typed are highlighted.
                    Alternative::Word(f) => substring_with(h, f, facts.short)
                        .filter(|x| x.score == W_WORD)
                        .map(|x| {
                            let at = x.start();
                            let kept = kept_letters(self.term.folded.as_bytes(), f.needle());
                            let ranges = kept.into_iter().map(|k| (at + k, at + k + 1)).collect();
                            x.with_ranges(ranges)
                        }),
                };
                hit.map(|x| x.near(*score))
            })
            .max_by_key(|x| x.score);
        corrected.or_else(|| fuzzy_found(h, &self.term.folded, matcher))
    }

    /// How this term matches `h`.
    fn hit(&self, h: &str, facts: Facts, fuzzy: bool, matcher: &SkimMatcherV2) -> Option<Found> {
        let t = self.term.folded.as_str();
        match self.term.kind {
            TermKind::Fuzzy => {
                // A substring scores at least W_SUBSTRING and an alternative W_ALTERNATIVE, both
                // above W_INITIALS: initials only count when neither hits.
                let sub = substring_with(h, &self.finder, facts.short);
                match sub {
                    Some(x) if x.score == W_WORD => Some(x),
                    Some(x) => Some(match self.alternative(h, facts) {
                        Some(alt) if alt.score > x.score => alt,
                        _ => x,
                    }),
                    // Initials only for a term typed as initials that is no known acronym
                    // (its other form is what it means: "HĐND" is not "hấp dẫn nhất đối").
                    None => self
                        .alternative(h, facts)
                        .or_else(|| {
                            if !self.term.initials || !self.term.alternatives.is_empty() {
                                return None;
                            }
                            match facts.starts {
                                Some((starts, marks)) => {
                                    initials_in(h, starts, marks, &self.finder)
                                }
                                None => initials_found(h, t),
                            }
                        })
                        .or_else(|| fuzzy.then(|| self.near(h, facts, matcher)).flatten()),
                }
            }
            TermKind::Exact => substring_with(h, &self.finder, facts.short),
            TermKind::Prefix => {
                let lead = h.len() - h.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
                h[lead..]
                    .starts_with(t)
                    .then(|| Found::one(W_WORD, (lead, lead + t.len())))
            }
            TermKind::Suffix => {
                let body = h.trim_end_matches(|c: char| !c.is_alphanumeric());
                body.ends_with(t)
                    .then(|| Found::one(W_WORD, (body.len() - t.len(), body.len())))
            }
            TermKind::Phrase => self
                .phrase
                .as_ref()
                .and_then(|p| phrase_with(h, p, facts))
                .or_else(|| self.alternative(h, facts)),
        }
    }
}

/// The term as a whole word (or phrase, or an acronym's other form) in the passage's
/// title: "xa" inside "xây" says nothing of the passage.
fn title_hit(term: &Prepared, facts: Facts, matcher: &SkimMatcherV2) -> Option<Found> {
    if !term.possible(facts.title_mask) {
        return None;
    }
    let title = Facts {
        mask: facts.title_mask,
        ..Facts::NONE
    };
    term.hit(facts.title, title, false, matcher)
        .filter(|x| x.score >= W_ALTERNATIVE)
}

/// How one term matches `h`; `fuzzy` allows the (slower) scattered-letters fallback.
pub fn term_hit(h: &str, term: &Term, fuzzy: bool, matcher: &SkimMatcherV2) -> Option<TermHit> {
    Prepared::new(term)
        .hit(h, Facts::NONE, fuzzy, matcher)
        .map(TermHit::from)
}

/// A passage's match: total score and every matched range (sorted, in folded bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub score: i64,
    pub ranges: Vec<Range>,
    /// Every term found as typed (no edit, initials or dropped letters).
    pub exact: bool,
}

/// A query prepared once per search and shared by the scanning threads.
#[derive(Debug)]
pub(crate) struct PreparedQuery<'q> {
    pub(crate) terms: Vec<Prepared<'q>>,
    /// The plain words as typed, when there are two or more: a phrase earns a bonus.
    typed: Vec<&'q str>,
    typed_phrase: Option<Phrase<'q>>,
    /// Each two words typed one after the other, when three or more were typed: standing
    /// together they earn a bonus of their own ("so cuu" in "so cuu benh vien").
    typed_pairs: Vec<(Phrase<'q>, [&'q str; 2])>,
    /// The same pairs with a typo's correction in place of the word typed ("hoi vat lanb
    /// sinh": "vat lang", "lang sinh"), one list per pair of [`Self::typed_pairs`]: standing
    /// together they earn the bonus too (the highlight stays on the letters typed).
    corrected_pairs: Vec<Vec<Phrase<'q>>>,
    /// How many terms must hit (the ones not excluded).
    required: usize,
}

impl<'q> PreparedQuery<'q> {
    pub(crate) fn new(q: &'q Query) -> Self {
        let typed: Vec<&str> = q
            .terms
            .iter()
            .filter(|t| t.kind == TermKind::Fuzzy && !t.negate)
            .map(|t| t.folded.as_str())
            .collect();
        PreparedQuery {
            terms: q.terms.iter().map(Prepared::new).collect(),
            typed_phrase: (typed.len() >= 2)
                .then(|| Phrase::new(typed.clone()))
                .flatten(),
            typed_pairs: if typed.len() >= 3 {
                typed
                    .windows(2)
                    .filter_map(|w| Phrase::new(w.to_vec()).map(|p| (p, [w[0], w[1]])))
                    .collect()
            } else {
                Vec::new()
            },
            corrected_pairs: corrected_pairs(q),
            typed,
            required: q.terms.iter().filter(|t| !t.negate).count(),
        }
    }

    /// False when some required term cannot hit a text with letter mask `mask`.
    pub(crate) fn possible(&self, mask: u64) -> bool {
        self.terms
            .iter()
            .all(|t| t.term.negate || t.term.optional || t.possible(mask))
    }
}

/// [`PreparedQuery::corrected_pairs`] of `q`: for each two plain words typed in a row
/// (three words or more), the pairs with a one-word correction of either.
fn corrected_pairs(q: &Query) -> Vec<Vec<Phrase<'_>>> {
    fn forms(t: &Term) -> Vec<&str> {
        std::iter::once(t.folded.as_str())
            .chain(
                t.corrections
                    .iter()
                    .filter(|c| c.edits > 0)
                    .map(|c| c.text.as_str()),
            )
            .collect()
    }
    let typed: Vec<&Term> = q
        .terms
        .iter()
        .filter(|t| t.kind == TermKind::Fuzzy && !t.negate)
        .collect();
    if typed.len() < 3 || typed.iter().all(|t| t.corrections.is_empty()) {
        return Vec::new();
    }
    typed
        .windows(2)
        .map(|w| {
            let (a, b) = (forms(w[0]), forms(w[1]));
            a.iter()
                .flat_map(|x| b.iter().map(move |y| [*x, *y]))
                .skip(1)
                .filter_map(|[x, y]| Phrase::new(vec![x, y]))
                .collect()
        })
        .collect()
}

/// What matching one passage gave.
pub(crate) enum Outcome {
    Hit(Match),
    /// This term (an index into the query's terms) missed, or, excluded, hit.
    Miss(usize),
    /// Only excluded terms, none of which hit.
    Nothing,
}

/// Match every term of `pq` against `h`. `retry` is a term already known to miss without
/// the fuzzy fallback (from the exact pass): it is tried first, fallback only. The order
/// changes nothing but how soon a miss is known: the score is a sum, `first` and `last` a
/// min and a max, and the ranges end up sorted.
pub(crate) fn match_prepared(
    h: &str,
    facts: Facts,
    pq: &PreparedQuery,
    fuzzy: bool,
    retry: Option<usize>,
    matcher: &SkimMatcherV2,
    found: &mut Vec<Found>,
) -> Outcome {
    found.clear();
    let n = pq.terms.len();
    // An optional term that missed ([`Term::optional`]).
    let mut skipped = false;
    // How many terms the title holds, counted when first needed.
    let mut title_terms: Option<usize> = None;
    let retry = retry.filter(|&f| fuzzy && f < n && pq.terms[f].fuzzy_capable);
    let order = retry
        .into_iter()
        .chain((0..n).filter(|&i| Some(i) != retry));
    for i in order {
        let term = &pq.terms[i];
        let negate = term.term.negate;
        let mut hit = if !term.possible(facts.mask) {
            None
        } else if Some(i) == retry {
            term.near(h, facts, matcher)
        } else {
            term.hit(h, facts, fuzzy && !negate, matcher)
        };
        // The article's title is the passage's context: a term it holds counts, as typed,
        // a little when the passage has it too, and in its stead when the passage lacks it.
        if !negate && !facts.title.is_empty() && term.possible(facts.title_mask) {
            let in_title = || title_hit(term, facts, matcher);
            hit = match hit {
                Some(x) if !x.approx && in_title().is_some() => Some(Found {
                    score: x.score + W_IN_TITLE,
                    ..x
                }),
                // In the title's stead only when the title holds two of the terms (all of
                // a one-term query): "của" in a title says nothing of the passage.
                None if *title_terms.get_or_insert_with(|| {
                    pq.terms
                        .iter()
                        .filter(|t| !t.term.negate && title_hit(t, facts, matcher).is_some())
                        .count()
                }) >= pq.required.min(2) =>
                {
                    in_title().map(|x| Found {
                        score: W_TITLE,
                        ranges: Ranges::Many(Vec::new()),
                        ..x
                    })
                }
                other => other,
            };
        }
        match (negate, hit) {
            // A word nothing resembles is left out: the hit is a near one.
            // Not before the near matches were tried (in the fuzzy pass, when it can).
            (false, None) if term.term.optional && (fuzzy || !term.fuzzy_capable) => {
                skipped = true;
            }
            (true, Some(_)) | (false, None) => return Outcome::Miss(i),
            (true, None) => {}
            (false, Some(hit)) => found.push(hit),
        }
    }
    let count: usize = found.iter().map(|f| f.ranges.as_slice().len()).sum();
    // Every term in the title alone: the article's first passage stands for it.
    let title_only = facts.first && !found.is_empty();
    if count == 0 && !title_only {
        return Outcome::Nothing;
    }
    let mut score = 0;
    let mut ranges = Vec::with_capacity(count + 1);
    let (mut first, mut last) = (usize::MAX, 0);
    for hit in found.iter() {
        score += hit.score;
        if hit.ranges.as_slice().is_empty() {
            continue;
        }
        first = first.min(hit.start());
        last = last.max(hit.end());
        ranges.extend_from_slice(hit.ranges.as_slice());
    }
    // Words typed together that stand together ("thanh hoa", "mot la") are a phrase: a
    // bonus, and the phrase is what gets highlighted.
    if let Some(phrase) = pq
        .typed_phrase
        .as_ref()
        .and_then(|p| phrase_with(h, p, facts))
    {
        #[allow(clippy::cast_possible_wrap, reason = "at most the query's terms")]
        let pairs = pq.typed_pairs.len() as i64;
        score += W_ADJACENT + W_PAIR * pairs;
        ranges.retain(|r| !pq.typed.iter().any(|t| h.get(r.0..r.1) == Some(*t)));
        first = phrase.start();
        last = last.max(phrase.end());
        ranges.extend_from_slice(phrase.ranges.as_slice());
    } else {
        // Part of the query standing together as typed ranks above the same words apart.
        for (i, (pair, words)) in pq.typed_pairs.iter().enumerate() {
            if let Some(p) = phrase_with(h, pair, facts) {
                score += W_PAIR;
                ranges.retain(|r| !words.iter().any(|t| h.get(r.0..r.1) == Some(*t)));
                first = first.min(p.start());
                last = last.max(p.end());
                ranges.extend_from_slice(p.ranges.as_slice());
            } else if pq
                .corrected_pairs
                .get(i)
                .is_some_and(|variants| variants.iter().any(|v| phrase_with(h, v, facts).is_some()))
            {
                score += W_PAIR;
            }
        }
    }
    // Earlier and denser beat later and sparser.
    #[allow(clippy::cast_possible_wrap, reason = "at most 100")]
    let position = (first / 8).min(100) as i64;
    #[allow(clippy::cast_possible_wrap, reason = "at most 100")]
    let spread = (last.saturating_sub(first) / 16).min(100) as i64;
    ranges.sort_unstable();
    Outcome::Hit(Match {
        score: score - position - spread,
        ranges,
        exact: !skipped && found.iter().all(|f| !f.approx),
    })
}

/// Match all terms (AND, any order); `None` when a term misses or an excluded one hits.
pub fn match_passage(h: &str, q: &Query, fuzzy: bool, matcher: &SkimMatcherV2) -> Option<Match> {
    let pq = PreparedQuery::new(q);
    match match_prepared(h, Facts::NONE, &pq, fuzzy, None, matcher, &mut Vec::new()) {
        Outcome::Hit(m) => Some(m),
        Outcome::Miss(_) | Outcome::Nothing => None,
    }
}
