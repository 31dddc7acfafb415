//! What the index knows of a passage before reading it: which letters and digits it has,
//! where its words start, which one- and two-letter words stand in it.

use super::{alnum_at, boundary_after};

/// Every [`MARK_EVERY`]th word start of a passage keeps its byte offset, so a hit's word
/// can be found without walking the text from its start.
pub(crate) const MARK_EVERY: usize = 16;

/// What the index keeps of a passage's words ([`words`]).
pub(crate) struct Words {
    /// The first char of every word, one byte each: the char itself when ASCII, 0xFF
    /// otherwise (never a letter or digit of a term).
    pub(crate) starts: Vec<u8>,
    /// The byte offsets of word starts 0, [`MARK_EVERY`], 2 × [`MARK_EVERY`] …
    pub(crate) marks: Vec<u32>,
    pub(crate) short: ShortWords,
}

/// Which one- and two-letter words a passage has: ASCII letters and digits standing alone
/// ([`letter_mask`] bits), and pairs of ASCII lowercase letters standing alone.
#[derive(Debug, Clone)]
pub(crate) struct ShortWords {
    singles: u64,
    pairs: [u64; 11],
}

impl ShortWords {
    /// Nothing known: every short word may stand.
    pub(crate) const ALL: ShortWords = ShortWords {
        singles: u64::MAX,
        pairs: [u64::MAX; 11],
    };

    const NONE: ShortWords = ShortWords {
        singles: 0,
        pairs: [0; 11],
    };

    fn pair(a: u8, b: u8) -> Option<usize> {
        (a.is_ascii_lowercase() && b.is_ascii_lowercase())
            .then(|| usize::from(a - b'a') * 26 + usize::from(b - b'a'))
    }

    fn add(&mut self, word: &[u8]) {
        match *word {
            [c] => self.singles |= letter_bit(c),
            [a, b] => {
                if let Some(k) = Self::pair(a, b) {
                    self.pairs[k / 64] |= 1 << (k % 64);
                }
            }
            _ => {}
        }
    }

    /// False only when `w` is a one- or two-letter word that is tracked and stands nowhere.
    pub(super) fn may_stand(&self, w: &[u8]) -> bool {
        match *w {
            [c] => {
                let bit = letter_bit(c);
                bit == 0 || self.singles & bit != 0
            }
            [a, b] => Self::pair(a, b).is_none_or(|k| self.pairs[k / 64] & (1 << (k % 64)) != 0),
            _ => true,
        }
    }
}

/// The words of `h`, built once per passage by the index.
pub(crate) fn words(h: &str) -> Words {
    let mut w = Words {
        starts: Vec::new(),
        marks: Vec::new(),
        short: ShortWords::NONE,
    };
    let mut prev_word = false;
    let mut i = 0;
    while i < h.len() {
        let (word, c, len) = alnum_at(h, i);
        if word && !prev_word {
            if w.starts.len().is_multiple_of(MARK_EVERY) {
                w.marks.push(u32::try_from(i).unwrap_or(u32::MAX));
            }
            w.starts.push(if c.is_ascii() { c as u8 } else { 0xFF });
            // A word of one or two ASCII chars (what follows is no letter or digit).
            let hb = h.as_bytes();
            if c.is_ascii() && boundary_after(h, i + 1) {
                w.short.add(&hb[i..=i]);
            } else if hb.get(i + 1).is_some_and(u8::is_ascii) && boundary_after(h, i + 2) {
                w.short.add(&hb[i..i + 2]);
            }
        }
        prev_word = word;
        i += len;
    }
    if h.len() >= u32::MAX as usize {
        w.marks.clear();
    }
    w
}

/// One bit for each ASCII letter and digit (the rest is not tracked).
#[allow(clippy::cast_possible_truncation, reason = "b runs below 256")]
static LETTER_BITS: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            c @ b'a'..=b'z' => 1 << (c - b'a'),
            c @ b'0'..=b'9' => 1 << (26 + c - b'0'),
            c @ b'A'..=b'Z' => 1 << (36 + c - b'A'),
            _ => 0,
        };
        b += 1;
    }
    t
};

fn letter_bit(b: u8) -> u64 {
    LETTER_BITS[usize::from(b)]
}

/// Which ASCII letters and digits a text contains, one bit each. A term can only hit a
/// text whose mask has every bit of the term's.
pub(crate) fn letter_mask(s: &str) -> u64 {
    s.bytes().fold(0, |m, b| m | letter_bit(b))
}

/// What the index knows about a passage before reading it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts<'a> {
    /// [`letter_mask`] of the folded text.
    pub(crate) mask: u64,
    /// [`words`] of the folded text: the first char of each word and the marked word
    /// starts; the short words ([`ShortWords::ALL`] when unknown).
    pub(crate) starts: Option<(&'a [u8], &'a [u32])>,
    pub(crate) short: &'a ShortWords,
    /// The passage's article title, folded, and its [`letter_mask`]: context a term may
    /// match when the passage lacks it ("" when unknown).
    pub(crate) title: &'a str,
    pub(crate) title_mask: u64,
    /// The first passage of its article: a query matching the title alone finds it.
    pub(crate) first: bool,
}

impl Facts<'_> {
    /// Nothing known: every check is made on the text itself.
    pub(crate) const NONE: Facts<'static> = Facts {
        mask: u64::MAX,
        starts: None,
        short: &ShortWords::ALL,
        title: "",
        title_mask: 0,
        first: false,
    };
}

/// Does a text with letter mask `mask` have every letter and digit of `needle`?
pub(super) fn has_all(mask: u64, needle: u64) -> bool {
    needle & !mask == 0
}
