//! Per-char lowercase and letter-or-digit tests as the standard library answers them, from a
//! table for chars below U+2000. The preprocessor asks them of every char of every article:
//! for a non-ASCII char the standard library searches its Unicode tables each time, and a
//! quarter of the chars of Vietnamese text are non-ASCII.

use std::sync::OnceLock;

/// Chars below this are in the table: Latin-1, Latin Extended-A/B, Latin Extended
/// Additional (every Vietnamese letter), combining marks, Greek, Cyrillic.
const TABLE_END: u32 = 0x2000;
/// Entry flag: the char is alphanumeric.
const ALNUM: u32 = 1 << 31;
/// Entry flag: the char lowercases to more than one char (`İ`); the low bits are unused.
const MULTI: u32 = 1 << 30;
/// Entry flag: the char is alphabetic.
const ALPHA: u32 = 1 << 29;
/// Entry bits holding the one-char lowercase.
const CHAR_BITS: u32 = 0x1F_FFFF;

fn table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..TABLE_END)
            .map(|u| {
                let Some(c) = char::from_u32(u) else {
                    return u; // a surrogate: never looked up, chars cannot be one
                };
                let alnum = if c.is_alphanumeric() { ALNUM } else { 0 }
                    | if c.is_alphabetic() { ALPHA } else { 0 };
                let mut low = c.to_lowercase();
                match (low.next(), low.next()) {
                    (Some(l), None) => alnum | u32::from(l),
                    _ => alnum | MULTI,
                }
            })
            .collect()
    })
}

/// The char starting at byte `i` of `s` and its length in bytes, decoded from the bytes
/// (a hot loop walking a `str` by bytes skips the slicing and its boundary checks). `i` must
/// be a char boundary below `s.len()`.
// Always inlined: a call per non-ASCII char cost a fifth of the decoding itself, and the
// compiler kept it out of line in the tokeniser, the normaliser and the hashers.
#[allow(clippy::inline_always)]
#[inline(always)]
pub fn decode_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes();
    let b0 = u32::from(b[i]);
    let (u, len) = if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | (u32::from(b[i + 1]) & 0x3F), 2)
    } else if b0 < 0xF0 {
        let u = ((b0 & 0x0F) << 12)
            | ((u32::from(b[i + 1]) & 0x3F) << 6)
            | (u32::from(b[i + 2]) & 0x3F);
        (u, 3)
    } else {
        let u = ((b0 & 0x07) << 18)
            | ((u32::from(b[i + 1]) & 0x3F) << 12)
            | ((u32::from(b[i + 2]) & 0x3F) << 6)
            | (u32::from(b[i + 3]) & 0x3F);
        (u, 4)
    };
    // Valid UTF-8 decodes to a char; the fallback is never taken.
    (
        char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER),
        len,
    )
}

/// [`char::is_alphanumeric`].
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if u32::from(c) < TABLE_END {
        table()[c as usize] & ALNUM != 0
    } else {
        c.is_alphanumeric()
    }
}

/// [`char::is_alphabetic`].
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if u32::from(c) < TABLE_END {
        table()[c as usize] & ALPHA != 0
    } else {
        c.is_alphabetic()
    }
}

/// [`char::to_lowercase`], from the table for most chars.
#[inline]
pub fn to_lowercase(c: char) -> Lower {
    if c.is_ascii() {
        return Lower::One(Some(c.to_ascii_lowercase()));
    }
    if u32::from(c) < TABLE_END {
        let e = table()[c as usize];
        if e & MULTI == 0
            && let Some(l) = char::from_u32(e & CHAR_BITS)
        {
            return Lower::One(Some(l));
        }
    }
    Lower::Std(c.to_lowercase())
}

/// The chars of [`to_lowercase`].
pub enum Lower {
    One(Option<char>),
    Std(std::char::ToLowercase),
}

impl Iterator for Lower {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        match self {
            Lower::One(c) => c.take(),
            Lower::Std(it) => it.next(),
        }
    }
}

/// Each char of [`char::to_lowercase`], in order.
#[inline]
pub fn for_each_lower(c: char, mut f: impl FnMut(char)) {
    if c.is_ascii() {
        f(c.to_ascii_lowercase());
        return;
    }
    if u32::from(c) < TABLE_END {
        let e = table()[c as usize];
        if e & MULTI == 0
            && let Some(l) = char::from_u32(e & CHAR_BITS)
        {
            f(l);
            return;
        }
    }
    c.to_lowercase().for_each(f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_at_walks_a_str_as_char_indices_does() {
        let s = "aĐ\u{300}ế€𝄞z";
        let mut i = 0;
        let mut got = Vec::new();
        while i < s.len() {
            let (c, n) = decode_at(s, i);
            got.push((i, c));
            i += n;
        }
        assert_eq!(got, s.char_indices().collect::<Vec<_>>());
    }

    #[test]
    fn the_table_answers_as_the_standard_library() {
        for u in 0..0x3000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "U+{u:04X}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "U+{u:04X}");
            let mut low = String::new();
            for_each_lower(c, |l| low.push(l));
            assert_eq!(low, c.to_lowercase().to_string(), "U+{u:04X}");
            assert_eq!(to_lowercase(c).collect::<String>(), low, "U+{u:04X}");
        }
    }
}
