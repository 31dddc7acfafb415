//! The corpus's words, folded, with how many passages hold each: what tells a typo from a
//! word ("sumg" is no word here, "sung" is) and what a typo is corrected to.

use rustc_hash::FxHashMap as HashMap;

/// Passages a word must be in to count as a word of the corpus (below: a typo of the
/// corpus itself, or a name seen once).
pub(crate) const KNOWN: u32 = 3;
/// Most corrections kept for one typed word: the commonest.
const MAX_CORRECTIONS: usize = 8;

/// Every folded word of the indexed passages, sorted, with its passage count.
#[derive(Debug, Default, Clone)]
pub(crate) struct Vocab {
    words: Vec<(Box<str>, u32)>,
}

/// Counts words while passages are folded, one counter per thread, merged at the end.
#[derive(Debug, Default)]
pub(crate) struct Counter {
    /// Word → (passages holding it, the last passage counted).
    seen: HashMap<Box<str>, (u32, u32)>,
    passages: u32,
}

/// The words of folded text: runs of letters and digits.
pub(crate) fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// [`words`] read byte by byte where the text is ASCII (folded Vietnamese mostly is): a
/// run of ASCII letters and digits, or a run holding other chars, split as [`words`] does.
fn ascii_words(folded: &str) -> impl Iterator<Item = &str> {
    let b = folded.as_bytes();
    let mut i = 0;
    let mut pending: Option<std::vec::IntoIter<&str>> = None;
    std::iter::from_fn(move || {
        loop {
            if let Some(w) = pending.as_mut().and_then(Iterator::next) {
                return Some(w);
            }
            pending = None;
            while i < b.len() && b[i].is_ascii() && !b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i >= b.len() {
                return None;
            }
            let start = i;
            let mut plain = true;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || !b[i].is_ascii()) {
                plain &= b[i].is_ascii();
                i += 1;
            }
            let run = &folded[start..i];
            if plain {
                return Some(run);
            }
            // Other chars inside: split as the matcher does.
            pending = Some(words(run).collect::<Vec<_>>().into_iter());
        }
    })
}

impl Counter {
    /// Count the words of one more passage (folded).
    pub(crate) fn add(&mut self, folded: &str) {
        self.passages += 1;
        let p = self.passages;
        for w in ascii_words(folded) {
            // A word is allocated once, the first time it is seen.
            if let Some(e) = self.seen.get_mut(w) {
                if e.1 != p {
                    *e = (e.0 + 1, p);
                }
            } else {
                self.seen.insert(w.into(), (1, p));
            }
        }
    }
}

impl Vocab {
    pub(crate) fn merge(counters: Vec<Counter>) -> Vocab {
        let mut all: HashMap<Box<str>, u32> = HashMap::default();
        for c in counters {
            for (w, (n, _)) in c.seen {
                *all.entry(w).or_default() += n;
            }
        }
        let mut words: Vec<(Box<str>, u32)> = all.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Vocab { words }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Passages holding `w` as a word.
    pub(crate) fn count(&self, w: &str) -> u32 {
        self.words
            .binary_search_by(|(x, _)| (**x).cmp(w))
            .map_or(0, |i| self.words[i].1)
    }

    /// Is `t` a word of the corpus, or the start of one (typed so far)?
    pub(crate) fn knows(&self, t: &str) -> bool {
        let from = self.words.partition_point(|(x, _)| **x < *t);
        self.words[from..]
            .iter()
            .take_while(|(x, _)| x.starts_with(t))
            .any(|(_, n)| *n >= KNOWN)
    }

    /// Words of the corpus within `max` edits of `t` (substitution, insertion, deletion,
    /// or two neighbours swapped), commonest first: what a typo was meant to be. Only
    /// words in [`KNOWN`] passages or more.
    pub(crate) fn corrections(&self, t: &str, max: usize) -> Vec<(String, usize)> {
        let tb = t.as_bytes();
        let mut found: Vec<(u32, usize, &str)> = self
            .words
            .iter()
            .filter(|(w, n)| *n >= KNOWN && w.len().abs_diff(tb.len()) <= max && w.is_ascii())
            .filter_map(|(w, n)| {
                let d = edit_distance(tb, w.as_bytes(), max)?;
                (d > 0).then_some((*n, d, &**w))
            })
            .collect();
        // Fewer edits first, then the commoner word.
        found.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        found
            .into_iter()
            .take(MAX_CORRECTIONS)
            .map(|(_, d, w)| (w.to_string(), d))
            .collect()
    }

    /// `t` as two words of the corpus written as one ("nongthon" → "nong thon"): the
    /// split whose rarer half is commonest.
    pub(crate) fn split(&self, t: &str) -> Option<(String, String)> {
        (1..t.len())
            .filter(|&k| t.is_char_boundary(k))
            .filter_map(|k| {
                let (a, b) = t.split_at(k);
                let n = self.count(a).min(self.count(b));
                (n >= KNOWN).then_some((n, a, b))
            })
            .max_by_key(|(n, ..)| *n)
            .map(|(_, a, b)| (a.to_string(), b.to_string()))
    }
}

/// The optimal-string-alignment distance between `a` and `b` (Levenshtein with adjacent
/// transpositions), or `None` when it is above `max`.
pub(crate) fn edit_distance(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    // Three rows: two back for a transposition.
    let mut rows = vec![0usize; 3 * w];
    for (j, x) in rows[..w].iter_mut().enumerate() {
        *x = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur * w] = i;
        let mut best = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev * w + j] + 1)
                .min(rows[cur * w + j - 1] + 1)
                .min(rows[prev * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[prev2 * w + j - 2] + 1);
            }
            rows[cur * w + j] = d;
            best = best.min(d);
        }
        if best > max {
            return None;
        }
    }
    let d = rows[(a.len() % 3) * w + b.len()];
    (d <= max).then_some(d)
}

/// The bytes of `b` that an optimal alignment with `a` (as [`edit_distance`] counts it)
/// leaves unchanged: the letters of a corrected word that were typed, to highlight.
pub(crate) fn kept_letters(a: &[u8], b: &[u8]) -> Vec<usize> {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    let mut d = vec![0usize; (n + 1) * w];
    for i in 0..=n {
        for j in 0..=m {
            d[i * w + j] = if i == 0 || j == 0 {
                i + j
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut x = (d[(i - 1) * w + j] + 1)
                    .min(d[i * w + j - 1] + 1)
                    .min(d[(i - 1) * w + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    x = x.min(d[(i - 2) * w + j - 2] + 1);
                }
                x
            };
        }
    }
    // Walk back from the end, preferring a kept letter.
    let (mut i, mut j) = (n, m);
    let mut kept = Vec::new();
    while i > 0 && j > 0 {
        let here = d[i * w + j];
        if a[i - 1] == b[j - 1] && here == d[(i - 1) * w + j - 1] {
            kept.push(j - 1);
            (i, j) = (i - 1, j - 1);
        } else if i > 1
            && j > 1
            && a[i - 1] == b[j - 2]
            && a[i - 2] == b[j - 1]
            && here == d[(i - 2) * w + j - 2] + 1
        {
            // Two letters swapped: both were typed.
            kept.extend([j - 1, j - 2]);
            (i, j) = (i - 2, j - 2);
        } else if here == d[(i - 1) * w + j - 1] + 1 {
            (i, j) = (i - 1, j - 1);
        } else if here == d[(i - 1) * w + j] + 1 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    kept.sort_unstable();
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(passages: &[&str]) -> Vocab {
        let mut c = Counter::default();
        for p in passages {
            c.add(p);
        }
        Vocab::merge(vec![c])
    }

    #[test]
    fn edits_of_every_kind_count_one() {
        let d = |a: &str, b: &str| edit_distance(a.as_bytes(), b.as_bytes(), 2);
        assert_eq!(d("sung", "sumg"), Some(1)); // substitution
        assert_eq!(d("nguyen", "ngyuen"), Some(1)); // transposition
        assert_eq!(d("sach", "sachh"), Some(1)); // insertion
        assert_eq!(d("quyet", "quyt"), Some(1)); // deletion
        assert_eq!(d("giao", "gkao"), Some(1));
        assert_eq!(d("nguyen", "nguyen"), Some(0));
        assert_eq!(d("khat", "khe"), Some(2));
        assert_eq!(d("tenma", "tren"), None);
        assert_eq!(edit_distance(b"abcd", b"wxyz", 1), None);
    }

    #[test]
    fn the_letters_typed_are_the_ones_kept() {
        // "sumg" for "sung": s, u and g were typed, n was not.
        assert_eq!(kept_letters(b"sumg", b"sung"), [0, 1, 3]);
        // "ngyuen" for "nguyen": every letter typed, two swapped.
        assert_eq!(kept_letters(b"ngyuen", b"nguyen"), [0, 1, 2, 3, 4, 5]);
        // "quyt" for "quyet": the e was dropped.
        assert_eq!(kept_letters(b"quyt", b"quyet"), [0, 1, 2, 4]);
        assert_eq!(kept_letters(b"sachh", b"sach"), [0, 1, 2, 3]);
    }

    #[test]
    fn the_byte_reader_splits_as_the_char_reader() {
        for t in [
            "nghi quyet, dai hoi 2020",
            "“tu” – ngu: xin chao",
            "",
            "  a  ",
            "cafe\u{301} ok",
            "北京 abc",
        ] {
            assert_eq!(
                ascii_words(t).collect::<Vec<_>>(),
                words(t).collect::<Vec<_>>(),
                "{t}"
            );
        }
    }

    #[test]
    fn counts_passages_not_occurrences() {
        let v = vocab(&["sung sung sung", "sung luat", "luat"]);
        assert_eq!(v.count("sung"), 2);
        assert_eq!(v.count("luat"), 2);
        assert_eq!(v.count("xyz"), 0);
    }

    #[test]
    fn typos_are_corrected_to_common_words() {
        let v = vocab(&[
            "bo sung luat",
            "bo sung",
            "sung",
            "sung tien",
            "sang",
            "sang",
            "sang",
        ]);
        assert!(!v.knows("sumg"));
        assert!(v.knows("sun"), "the start of a word typed so far");
        let c = v.corrections("sumg", 1);
        assert_eq!(c[0], ("sung".to_string(), 1));
        assert!(c.iter().all(|(w, _)| w != "bo"));
        // A word seen in fewer than KNOWN passages is no correction.
        assert!(v.corrections("luag", 1).is_empty());
    }

    #[test]
    fn two_words_written_as_one_are_split() {
        let v = vocab(&["nong thon", "nong thon moi", "nong nghiep thon", "x"]);
        assert_eq!(v.split("nongthon"), Some(("nong".into(), "thon".into())));
        assert_eq!(v.split("nongxyz"), None);
    }
}
