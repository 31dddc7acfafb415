//! Splitting the text into words, and the separators a name or a prefix may run across.

use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;

/// A word of the text: a maximal run of letters, digits and combining marks (an apostrophe
/// between letters included, for `H'Drai`).
#[derive(Debug, Clone, Copy)]
pub(in crate::gazetteer) struct Tok {
    pub start: usize,
    pub end: usize,
    /// Starts with an uppercase letter or a digit.
    pub cap: bool,
    /// Only spaces or a single dash separate it from the next word, so a name may go on.
    pub join: bool,
    /// Written all lowercase, Title case or ALL CAPS, in NFC, with no typographic apostrophe:
    /// the index knows every form of its words written so, and finds it as it stands.
    pub plain: bool,
}

const WORD: u8 = 1;
const UPPER: u8 = 2;
const LOWER: u8 = 4;
/// A combining mark, or a typographic apostrophe: the word needs folding to be looked up.
const ODD: u8 = 8;
const DIGIT: u8 = 16;

#[cfg(test)]
fn class_of(c: char) -> u8 {
    let u = u32::from(c);
    if u < TABLE_END {
        return class_table()[u as usize];
    }
    class_slow(c)
}

#[cfg(test)]
fn is_word_char(c: char) -> bool {
    class_of(c) & WORD != 0
}

/// Chars below this (every Vietnamese letter, the combining marks, general punctuation) are
/// told by a table built once from [`class_slow`], sparing Unicode property lookups per char
/// of the text.
const TABLE_END: u32 = 0x2100;

fn class_table() -> &'static [u8; TABLE_END as usize] {
    static TABLE: OnceLock<[u8; TABLE_END as usize]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u8; TABLE_END as usize];
        for c in (0..TABLE_END).filter_map(char::from_u32) {
            t[u32::from(c) as usize] = class_slow(c);
        }
        t
    })
}

/// The class of the non-ASCII char at byte `i` of `text`, and its length. Always inlined:
/// the tokeniser calls it for every Vietnamese letter, and a plain `#[inline]` was not taken
/// (a call per letter cost 1% of a build's instructions).
#[allow(clippy::inline_always)]
#[inline(always)]
fn class_at(table: &[u8; TABLE_END as usize], text: &str, i: usize) -> (u8, usize) {
    let (c, len) = crate::text::chars::decode_at(text, i);
    let u = u32::from(c);
    let k = if u < TABLE_END {
        table[u as usize]
    } else {
        class_slow(c)
    };
    (k, len)
}

fn class_slow(c: char) -> u8 {
    let mut k = if c.is_numeric() { DIGIT } else { 0 };
    if is_word_char_slow(c) {
        k |= WORD;
    }
    if c.is_uppercase() {
        k |= UPPER;
    }
    if c.is_lowercase() {
        k |= LOWER;
    }
    if (!c.is_ascii() && is_combining_mark(c)) || matches!(c, '’' | 'ʼ' | '‘') {
        k |= ODD;
    }
    k
}

fn is_word_char_slow(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && is_combining_mark(c))
}

/// The shape of the word being read.
#[derive(Clone, Copy)]
struct Shape {
    start: usize,
    /// The class of the first char.
    first: u8,
    /// The classes of all chars, or-ed.
    all: u8,
    uppers: u32,
}

impl Shape {
    fn cap(&self) -> bool {
        self.first & (UPPER | DIGIT) != 0
    }

    fn plain(&self) -> bool {
        self.all & ODD == 0
            && (self.uppers == 0
                || self.all & LOWER == 0
                || (self.first & UPPER != 0 && self.uppers == 1))
    }
}

pub(super) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–' | '—')
}

/// Whitespace within a line.
pub(super) fn is_hspace(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

pub(in crate::gazetteer) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    let tok = |s: Shape, end: usize| Tok {
        start: s.start,
        end,
        cap: s.cap(),
        join: false,
        plain: s.plain(),
    };
    // Walked by bytes, an ASCII byte classed without decoding, the table fetched once, a
    // word read in a tight inner loop: this reads every char of every article.
    let table = class_table();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        let (k, len) = if b < 0x80 {
            (table[usize::from(b)], 1)
        } else {
            class_at(table, text, i)
        };
        if k & WORD == 0 {
            i += len;
            continue;
        }
        let mut s = Shape {
            start: i,
            first: k,
            all: k,
            uppers: u32::from(k & UPPER != 0),
        };
        i += len;
        while i < n {
            let b = bytes[i];
            if b.is_ascii_lowercase() {
                // Most letters: a run of them only adds their class, counted once.
                i += 1;
                while i < n && bytes[i].is_ascii_lowercase() {
                    i += 1;
                }
                s.all |= WORD | LOWER;
                continue;
            }
            let (k, len) = if b < 0x80 {
                (table[usize::from(b)], 1)
            } else {
                class_at(table, text, i)
            };
            if k & WORD != 0 {
                s.uppers += u32::from(k & UPPER != 0);
                s.all |= k;
            } else if (b == b'\'' || bytes[i..].starts_with("’".as_bytes()))
                && i + len < n
                && crate::text::chars::decode_at(text, i + len)
                    .0
                    .is_alphanumeric()
            {
                s.all |= k & ODD;
            } else {
                break;
            }
            i += len;
        }
        toks.push(tok(s, i));
    }
    for k in 1..toks.len() {
        let sep = &text[toks[k - 1].end..toks[k].start];
        toks[k - 1].join = sep == " " || joinable(sep);
    }
    toks
}

/// Can a name continue across this separator? Spaces, or one dash with optional spaces
/// (`Bà Rịa - Vũng Tàu`, `TT-Huế`); never a line break or other punctuation.
pub(in crate::gazetteer) fn joinable(sep: &str) -> bool {
    let mut dash = false;
    for c in sep.chars() {
        if is_dash(c) {
            if dash {
                return false;
            }
            dash = true;
        } else if !is_hspace(c) {
            return false;
        }
    }
    !sep.is_empty()
}

/// The separator after a prefix: spaces after `TP`; a dot then optional spaces after `TP.`.
pub(in crate::gazetteer) fn prefix_sep_ok(sep: &str, dot: bool) -> bool {
    if dot {
        sep.strip_prefix('.')
            .is_some_and(|rest| rest.chars().all(is_hspace))
    } else {
        !sep.is_empty() && sep.chars().all(is_hspace)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_char_table_agrees_with_unicode() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), is_word_char_slow(c), "{c:?}");
        }
    }

    #[test]
    fn an_ascii_lowercase_letter_is_a_lowercase_word_char() {
        // The tokeniser adds a run of them as this one class.
        for c in 'a'..='z' {
            assert_eq!(class_of(c), WORD | LOWER, "{c}");
        }
    }

    #[test]
    fn plain_words_are_lower_title_or_caps() {
        let plain = |t: &str| tokenize(t).iter().map(|k| k.plain).collect::<Vec<_>>();
        assert_eq!(
            plain("hà Hà HÀ hÀ HCM Tp TPHCM H'Drai H'leo M’gar 1A"),
            [
                true, true, true, false, true, true, true, false, true, false, true
            ]
        );
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Hoá").collect();
        assert_eq!(plain(&nfd), [false]);
    }
}
