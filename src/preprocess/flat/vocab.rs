//! What a flattened body says of its words, asked by the loose headings: which words are
//! written lowercase (a capitalised opener is then a common word here) and which pairs of
//! words are capitalised in mid-sentence, after a lowercase word (a name: "Bệnh viện", "Chỉ
//! thị", "Theo Hernandez").
//!
//! Each question is answered by searching the body for the word: a body is asked about two
//! or three words, and indexing all its words for that was a twentieth of a flat build.

use memchr::memmem;

use super::loose::{ends_a_clause_not, starts_lower, starts_upper};
use crate::text::chars;

/// A flattened body, asked about its words.
pub(super) struct Vocab<'a> {
    text: &'a str,
}

/// `w` with the chars that are not letters or digits trimmed off both ends.
fn core(w: &str) -> &str {
    // The char table answers as `char::is_alphanumeric` does, without a Unicode search.
    w.trim_matches(|c: char| !chars::is_alphanumeric(c))
}

impl<'a> Vocab<'a> {
    pub(super) fn new(t: &'a str) -> Self {
        Vocab { text: t }
    }

    /// Where `needle` stands in the body, overlaps included, in order.
    fn hits<'b>(&'b self, needle: &'b str) -> impl Iterator<Item = usize> + 'b {
        let hay = self.text.as_bytes();
        let finder = memmem::Finder::new(needle.as_bytes());
        let mut from = 0;
        std::iter::from_fn(move || {
            let at = from + finder.find(hay.get(from..)?)?;
            from = at + 1;
            Some(at)
        })
    }

    /// The whitespace-separated word of the body holding byte `at` .. `end`.
    fn word_around(&self, at: usize, end: usize) -> &'a str {
        let t = self.text;
        let start = t[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(k, c)| k + c.len_utf8());
        let stop = t[end..]
            .find(char::is_whitespace)
            .map_or(t.len(), |k| end + k);
        &t[start..stop]
    }

    /// Is `w` then `next` a name here: is the word `w`, followed by the word `next` (or by
    /// nothing when `next` is empty), capitalised after a lowercase word twice or more?
    pub(super) fn is_name(&self, w: &str, next: &str) -> bool {
        // A word whose letters start lowercase is a lowercase word, never a capital.
        // A word of the body has no whitespace in it.
        if w.is_empty()
            || w.contains(char::is_whitespace)
            || !starts_upper(w)
            || starts_lower(core(w))
        {
            return false;
        }
        let t = self.text;
        let mut seen = 0;
        for at in self.hits(w) {
            let end = at + w.len();
            if self.word_around(at, end).len() != w.len() {
                continue;
            }
            let before = t[..at].trim_end();
            let prev = before
                .rfind(char::is_whitespace)
                .map_or(before, |k| before[k..].trim_start());
            if before.is_empty() || !ends_a_clause_not(prev) {
                continue;
            }
            if t[end..].split_whitespace().next().unwrap_or_default() == next {
                seen += 1;
                if seen >= 2 {
                    return true;
                }
            }
        }
        false
    }

    /// Is `w` (folded to lowercase) written lowercase somewhere in the body: a word whose
    /// letters are `w` and start lowercase?
    pub(super) fn has_lower(&self, w: &str) -> bool {
        if w.is_empty() || w.contains(char::is_whitespace) || !starts_lower(w) {
            return false;
        }
        self.hits(w)
            .any(|at| core(self.word_around(at, at + w.len())) == w)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::{Vocab, core};
    use crate::preprocess::flat::loose::{ends_a_clause_not, starts_lower, starts_upper};

    /// Every word of the body indexed, as the answers were first computed.
    fn indexed(t: &str) -> (HashSet<&str>, HashMap<(&str, &str), usize>) {
        let mut lower = HashSet::new();
        let mut mid_caps = HashMap::new();
        let words: Vec<&str> = t.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            let c = core(w);
            if starts_lower(c) {
                lower.insert(c);
            } else if i > 0 && starts_upper(w) && ends_a_clause_not(words[i - 1]) {
                let next = words.get(i + 1).copied().unwrap_or_default();
                *mid_caps.entry((*w, next)).or_default() += 1;
            }
        }
        (lower, mid_caps)
    }

    #[test]
    fn searching_answers_as_indexing_all_words() {
        for t in [
            "Theo Hernandez ghi bàn. Sau đó theo Hernandez chạy, rồi gặp Theo Hernandez lần nữa \
             và Bệnh viện (lại) Bệnh viện lại mở. Lại nói, lại Lại Lại",
            "a  Ông\u{a0}Ba ông Ba x Ông Ba ông Ba, Ông\u{2003}Ba Ông",
            "Vị Vị vị, vị. (vị) Vị",
        ] {
            let v = Vocab::new(t);
            let (lower, mid_caps) = indexed(t);
            let words: Vec<&str> = t.split_whitespace().chain(["", "ba", "lại"]).collect();
            for &w in &words {
                for &next in &words {
                    let want = mid_caps.get(&(w, next)).is_some_and(|&n| n >= 2);
                    assert_eq!(v.is_name(w, next), want, "{t:?}: {w:?} {next:?}");
                }
                let folded = w.to_lowercase();
                assert_eq!(v.has_lower(&folded), lower.contains(folded.as_str()), "{w}");
            }
        }
    }
}
