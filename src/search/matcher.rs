//! Matching one query against one folded passage, and its score.
//!
//! Every kind of hit is compact: a substring, a phrase (words in order, punctuation between
//! them allowed), the initials of consecutive words, an acronym's other form, or — only when
//! none of these match — the term's letters in order inside a window barely longer than the
//! term, scored by `SkimMatcherV2`. Letters scattered over a paragraph never match.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;

mod facts;
mod prepared;
mod rank;
#[cfg(test)]
mod tests;

pub(crate) use facts::{Facts, MARK_EVERY, ShortWords, letter_mask, words};
pub use prepared::{Match, match_passage, term_hit};
pub(crate) use prepared::{Outcome, PreparedQuery, match_prepared};
pub(crate) use rank::VietnameseRank;

/// Scores by kind of hit: whole words and phrases, then contiguous, then near ones (a word
/// of the corpus an edit away, two words typed as one, letters dropped inside a word),
/// initials last.
pub const W_WORD: i64 = 1000;
pub const W_WORD_PREFIX: i64 = 800;
/// An acronym's other form ("CSGT" for "cảnh sát giao thông"): below the form as typed.
pub const W_ALTERNATIVE: i64 = 950;
pub const W_SUBSTRING: i64 = 600;
pub const W_SPLIT: i64 = 500;
pub const W_EDIT: i64 = 450;
pub const W_FUZZY: i64 = 300;
pub const W_INITIALS: i64 = 250;
/// A term only the passage's title holds (the passage is read in its article's context).
pub const W_TITLE: i64 = 300;
/// Bonus for a term the title holds as well as the passage.
pub const W_IN_TITLE: i64 = 15;
/// Bonus for each two words typed one after the other that stand together.
pub const W_PAIR: i64 = 150;
/// Bonus when the typed words stand next to each other in that order.
pub const W_ADJACENT: i64 = 300;

/// A matched stretch of the folded text, `[start, end)` in bytes.
pub type Range = (usize, usize);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermHit {
    pub score: i64,
    pub ranges: Vec<Range>,
}

impl From<Found> for TermHit {
    fn from(f: Found) -> Self {
        TermHit {
            score: f.score,
            ranges: f.ranges.as_slice().to_vec(),
        }
    }
}

/// A substring searcher tuned for Vietnamese text ([`VietnameseRank`]).
pub(crate) fn finder<B: ?Sized + AsRef<[u8]>>(needle: &B) -> memmem::Finder<'_> {
    memmem::FinderBuilder::new().build_forward_with_ranker(VietnameseRank, needle)
}

/// A term's hit as the matcher builds it: one range needs no allocation.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    score: i64,
    ranges: Ranges,
    /// Near, not exact: an edit, initials, letters dropped.
    approx: bool,
}

#[derive(Debug, Clone)]
enum Ranges {
    One(Range),
    Many(Vec<Range>),
}

impl Ranges {
    fn as_slice(&self) -> &[Range] {
        match self {
            Ranges::One(r) => std::slice::from_ref(r),
            Ranges::Many(v) => v,
        }
    }
}

impl Found {
    fn one(score: i64, r: Range) -> Self {
        Found {
            score,
            ranges: Ranges::One(r),
            approx: false,
        }
    }

    /// The same hit with these ranges (none left: the first char of the hit).
    fn with_ranges(self, ranges: Vec<Range>) -> Self {
        let ranges = if ranges.is_empty() {
            Ranges::One((self.start(), self.start() + 1))
        } else {
            Ranges::Many(ranges)
        };
        Found { ranges, ..self }
    }

    /// The same hit, counted as near rather than exact, with score `score`.
    fn near(self, score: i64) -> Self {
        Found {
            score,
            approx: true,
            ..self
        }
    }

    fn start(&self) -> usize {
        self.ranges.as_slice().first().map_or(0, |r| r.0)
    }

    fn end(&self) -> usize {
        self.ranges.as_slice().last().map_or(0, |r| r.1)
    }
}

/// The char that starts at byte `i` (a char boundary before the end).
#[inline(always)]
#[allow(clippy::inline_always, reason = "a per-byte step of the scan loops")]
fn char_at(h: &str, i: usize) -> char {
    h[i..].chars().next().unwrap_or('\0')
}

/// No letter or digit just before byte `i` (a char boundary).
#[inline(always)]
#[allow(clippy::inline_always, reason = "a per-byte step of the scan loops")]
fn boundary_before(h: &str, i: usize) -> bool {
    match i.checked_sub(1).map(|p| h.as_bytes()[p]) {
        None => true,
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        Some(_) => h[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric()),
    }
}

/// No letter or digit at byte `j` (a char boundary).
#[inline(always)]
#[allow(clippy::inline_always, reason = "a per-byte step of the scan loops")]
fn boundary_after(h: &str, j: usize) -> bool {
    match h.as_bytes().get(j) {
        None => true,
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        Some(_) => !char_at(h, j).is_alphanumeric(),
    }
}

/// Is the char at byte `i` a letter or digit? Returns it and its length too.
#[inline(always)]
#[allow(clippy::inline_always, reason = "a per-byte step of the scan loops")]
fn alnum_at(h: &str, i: usize) -> (bool, char, usize) {
    let b = h.as_bytes()[i];
    if b.is_ascii() {
        (b.is_ascii_alphanumeric(), char::from(b), 1)
    } else {
        let c = char_at(h, i);
        (c.is_alphanumeric(), c, c.len_utf8())
    }
}

/// Bytes of up to 7 chars that are neither letters nor digits, from byte `pos`.
fn gap_len(h: &str, pos: usize) -> usize {
    let mut p = pos;
    for _ in 0..7 {
        if p >= h.len() {
            break;
        }
        let (word, _, len) = alnum_at(h, p);
        if word {
            break;
        }
        p += len;
    }
    p - pos
}

/// [`substring_hit`] with the needle's searcher built once. `short` tells whether a one-
/// or two-letter needle stands as a whole word anywhere; when it does not, the first
/// word-start occurrence is the best there is.
fn substring_with(h: &str, finder: &memmem::Finder, short: &ShortWords) -> Option<Found> {
    let n = finder.needle().len();
    let never_whole = !short.may_stand(finder.needle());
    let mut best: Option<Found> = None;
    for (k, i) in finder.find_iter(h.as_bytes()).enumerate() {
        let score = if !boundary_before(h, i) {
            W_SUBSTRING
        } else if boundary_after(h, i + n) {
            W_WORD
        } else {
            W_WORD_PREFIX
        };
        if best.as_ref().is_none_or(|b| score > b.score) {
            best = Some(Found::one(score, (i, i + n)));
            if score == W_WORD || (score == W_WORD_PREFIX && never_whole) {
                break;
            }
        }
        if k >= 64 {
            break;
        }
    }
    best
}

/// The best occurrence of `needle` as a substring: whole word, word start, or inside a word.
pub fn substring_hit(h: &str, needle: &str) -> Option<TermHit> {
    substring_with(h, &finder(needle), &ShortWords::ALL).map(TermHit::from)
}

/// Words to find in order, the first one's searcher built once.
#[derive(Debug)]
pub(crate) struct Phrase<'q> {
    first: memmem::Finder<'q>,
    words: Vec<&'q str>,
    /// The words' first letters, when every word is ASCII letters and digits.
    initials: Option<memmem::Finder<'static>>,
}

impl<'q> Phrase<'q> {
    fn new(words: Vec<&'q str>) -> Option<Self> {
        let first = finder(*words.first()?);
        let plain = words
            .iter()
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric()));
        // Worth it when the first word is short (it occurs inside many words) or the
        // initials are many (few runs of word starts spell them).
        let worth = words.len() >= 3 || words[0].len() <= 2;
        let initials = (plain && worth).then(|| {
            let firsts: Vec<u8> = words.iter().map(|w| w.as_bytes()[0]).collect();
            finder(&firsts).into_owned()
        });
        Some(Phrase {
            first,
            words,
            initials,
        })
    }
}

/// The phrase at byte `i` (a char boundary).
fn phrase_at(h: &str, p: &Phrase, i: usize) -> Option<Found> {
    let first = p.words[0];
    if !h.as_bytes()[i..].starts_with(first.as_bytes())
        || !boundary_before(h, i)
        || !boundary_after(h, i + first.len())
    {
        return None;
    }
    let mut pos = i + first.len();
    for w in &p.words[1..] {
        // Up to a few spaces or punctuation marks between the words.
        let gap = gap_len(h, pos);
        pos += gap;
        if gap == 0 || gap > 6 || !h[pos..].starts_with(w) || !boundary_after(h, pos + w.len()) {
            return None;
        }
        pos += w.len();
    }
    // One highlight for the whole phrase, spaces and punctuation between included.
    Some(Found::one(W_WORD, (i, pos)))
}

/// [`phrase_hit`] with the first word's searcher built once. Every word of a phrase hit
/// stands whole, so a one- or two-letter word that stands nowhere (see [`ShortWords`])
/// rules it out.
///
/// With the passage's [`words`] at hand and every word of the phrase made of ASCII letters
/// and digits, only the word starts followed by word starts spelling the words' first
/// letters are tried: a hit's first word starts a word, and the next word start is the
/// next word of the phrase (only punctuation between). Tried in order, the first that
/// holds is the leftmost hit, as when every occurrence of the first word is tried (whole
/// words of letters and digits never overlap, so none is skipped).
fn phrase_with(h: &str, p: &Phrase, facts: Facts) -> Option<Found> {
    if !p.words.iter().all(|w| facts.short.may_stand(w.as_bytes())) {
        return None;
    }
    if let (Some(initials), Some((starts, marks))) = (&p.initials, facts.starts) {
        let mut from = 0;
        // Where the walk through word starts is: (word number, byte offset).
        let mut at = (0, 0);
        while let Some(j) = initials.find(&starts[from..]).map(|j| j + from) {
            let mark = nearest_mark(marks, j);
            if mark.0 > at.0 {
                at = mark;
            }
            let i = word_start(h, at, j)?;
            at = (j, i);
            if let Some(hit) = phrase_at(h, p, i) {
                return Some(hit);
            }
            from = j + 1;
        }
        return None;
    }
    p.first
        .find_iter(h.as_bytes())
        .find_map(|i| phrase_at(h, p, i))
}

/// Words in order, as whole words, with only punctuation or spaces between them
/// ("kinh te xa hoi" finds "kinh te - xa hoi").
pub fn phrase_hit(h: &str, words: &[&str]) -> Option<TermHit> {
    phrase_with(h, &Phrase::new(words.to_vec())?, Facts::NONE).map(TermHit::from)
}

/// The next word start after the word char at byte `i`: its byte and char.
fn next_word_start(h: &str, i: usize) -> Option<(usize, char)> {
    let (_, _, len) = alnum_at(h, i);
    let mut p = i + len;
    // The rest of this word, then what separates it from the next.
    let mut in_word = true;
    while p < h.len() {
        let (word, c, len) = alnum_at(h, p);
        if word && !in_word {
            return Some((p, c));
        }
        in_word = word;
        p += len;
    }
    None
}

/// [`initials_hit`] without collecting every word start: each occurrence of the first
/// letter that starts a word is followed for as many words as the term has letters.
fn initials_found(h: &str, t: &str) -> Option<Found> {
    let tb = t.as_bytes();
    if tb.len() < 2 || tb.len() > 10 || !tb.iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    'occurrence: for i in memchr::memchr_iter(tb[0], h.as_bytes()) {
        if !boundary_before(h, i) {
            continue;
        }
        let mut ranges = [(0, 0); 10];
        ranges[0] = (i, i + 1);
        let mut at = i;
        for (k, &b) in tb.iter().enumerate().skip(1) {
            match next_word_start(h, at) {
                Some((p, c)) if c == char::from(b) => {
                    ranges[k] = (p, p + 1);
                    at = p;
                }
                _ => continue 'occurrence,
            }
        }
        return Some(Found {
            score: W_INITIALS,
            ranges: Ranges::Many(ranges[..tb.len()].to_vec()),
            approx: true,
        });
    }
    None
}

/// `nqdh` → the first letters of "nghi quyet dai hoi".
pub fn initials_hit(h: &str, t: &str) -> Option<TermHit> {
    initials_found(h, t).map(TermHit::from)
}

/// [`initials_found`] with the passage's [`words`] at hand: the leftmost run of
/// word starts spelling the term is found in that short string, and only a hit walks
/// the text for the byte offsets.
fn initials_in(h: &str, starts: &[u8], marks: &[u32], finder: &memmem::Finder) -> Option<Found> {
    let tb = finder.needle();
    if tb.len() < 2 || tb.len() > 10 || !tb.iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    let w = finder.find(starts)?;
    let mut ranges = Vec::with_capacity(tb.len());
    let (mut k, mut i) = nearest_mark(marks, w);
    let mut prev_word = false;
    while i < h.len() && ranges.len() < tb.len() {
        let (word, _, len) = alnum_at(h, i);
        if word && !prev_word {
            if k >= w {
                ranges.push((i, i + 1));
            }
            k += 1;
        }
        prev_word = word;
        i += len;
    }
    Some(Found {
        score: W_INITIALS,
        ranges: Ranges::Many(ranges),
        approx: true,
    })
}

/// The nearest marked word start at or before word `w`: (its number, its byte offset).
fn nearest_mark(marks: &[u32], w: usize) -> (usize, usize) {
    match marks.get(w / MARK_EVERY) {
        Some(&at) => (w / MARK_EVERY * MARK_EVERY, at as usize),
        None => (0, 0),
    }
}

/// The byte offset of word start number `w`, walked to from word start `from` (number,
/// byte offset; at or before `w`). A word start follows no letter or digit.
fn word_start(h: &str, from: (usize, usize), w: usize) -> Option<usize> {
    let (mut k, mut i) = from;
    let mut prev_word = false;
    while i < h.len() {
        let (word, _, len) = alnum_at(h, i);
        if word && !prev_word {
            if k == w {
                return Some(i);
            }
            k += 1;
        }
        prev_word = word;
        i += len;
    }
    None
}

fn fuzzy_found(h: &str, t: &str, matcher: &SkimMatcherV2) -> Option<Found> {
    let tb = t.as_bytes();
    let m = tb.len();
    if m < 3 || !t.is_ascii() {
        return None;
    }
    let limit = m + m / 2 + 1;
    let hb = h.as_bytes();
    let mut best: Option<(usize, usize)> = None;
    for (k, s) in memchr::memchr_iter(tb[0], hb).enumerate() {
        let mut j = 1;
        let mut p = s + 1;
        while j < m && p < hb.len() && p - s < limit {
            if hb[p] == tb[j] {
                j += 1;
            }
            p += 1;
        }
        // Inside one word: letters taken from two words ("tenma" in "trên mạng") are no
        // match.
        if j == m
            && best.is_none_or(|(bs, be)| p - s < be - bs)
            && h[s..p].chars().all(char::is_alphanumeric)
        {
            best = Some((s, p));
            if p - s == m {
                break;
            }
        }
        if k >= 256 {
            break;
        }
    }
    let (s, e) = best?;
    let window = &h[s..e];
    let (score, idx) = matcher.fuzzy_indices(window, t)?;
    let ranges = if window.is_ascii() {
        idx.into_iter()
            .filter(|&ci| ci < window.len())
            .map(|ci| (s + ci, s + ci + 1))
            .collect()
    } else {
        let offsets: Vec<usize> = window.char_indices().map(|(b, _)| b).collect();
        idx.into_iter()
            .filter_map(|ci| offsets.get(ci).map(|&b| (s + b, s + b + 1)))
            .collect()
    };
    // The window is shorter than `limit`: at most m / 2 longer than the term.
    #[allow(clippy::cast_possible_wrap, reason = "at most half the term's length")]
    let excess = (e - s - m) as i64;
    Some(Found {
        score: W_FUZZY + score.min(200) / 4 - 10 * excess,
        ranges: Ranges::Many(ranges),
        approx: true,
    })
}

/// The term's letters in order inside the shortest window, when that window is compact
/// and inside one word.
pub fn fuzzy_hit(h: &str, t: &str, matcher: &SkimMatcherV2) -> Option<TermHit> {
    fuzzy_found(h, t, matcher).map(TermHit::from)
}
