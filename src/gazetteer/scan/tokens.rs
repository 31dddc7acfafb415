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
}

fn is_word_char(c: char) -> bool {
    let u = u32::from(c);
    if u < WORD_TABLE_END {
        return word_char_table()[(u / 64) as usize] & (1 << (u % 64)) != 0;
    }
    is_word_char_slow(c)
}

/// Chars below this (every Vietnamese letter, the combining marks, general punctuation) are
/// told by a table built once from [`is_word_char_slow`], sparing a Unicode property lookup
/// per char of the text.
const WORD_TABLE_END: u32 = 0x2000;

fn word_char_table() -> &'static [u64; WORD_TABLE_END as usize / 64] {
    static TABLE: OnceLock<[u64; WORD_TABLE_END as usize / 64]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u64; WORD_TABLE_END as usize / 64];
        for c in (0..WORD_TABLE_END).filter_map(char::from_u32) {
            if is_word_char_slow(c) {
                let u = u32::from(c);
                t[(u / 64) as usize] |= 1 << (u % 64);
            }
        }
        t
    })
}

fn is_word_char_slow(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && is_combining_mark(c))
}

pub(super) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–' | '—')
}

/// Whitespace within a line.
pub(super) fn is_hspace(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

pub(in crate::gazetteer) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 6 + 1);
    let mut cur: Option<(usize, bool)> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_word_char(c) {
            if cur.is_none() {
                cur = Some((i, c.is_uppercase() || c.is_numeric()));
            }
            continue;
        }
        if let Some((start, cap)) = cur {
            if matches!(c, '\'' | '’') && it.peek().is_some_and(|&(_, n)| n.is_alphanumeric()) {
                continue;
            }
            toks.push(Tok {
                start,
                end: i,
                cap,
                join: false,
            });
            cur = None;
        }
    }
    if let Some((start, cap)) = cur {
        toks.push(Tok {
            start,
            end: text.len(),
            cap,
            join: false,
        });
    }
    for k in 1..toks.len() {
        toks[k - 1].join = joinable(&text[toks[k - 1].end..toks[k].start]);
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
}
