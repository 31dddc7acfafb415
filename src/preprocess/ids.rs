//! Stable passage ids. Bookmarks point at passages, so an id depends only on the passage's
//! own text: rebuilding gives the same ids, and editing passage A elsewhere in the article
//! leaves passage B's id alone (unlike an index, which shifts).

use std::collections::HashMap;

/// FNV-1a, 64 bit: tiny, and its output is fixed forever (std's hasher may change between
/// Rust releases, which would silently break every saved bookmark).
fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The id of a passage with this text: `p` and 12 hex digits.
pub fn passage_id(text: &str) -> String {
    id_of(id_bits(text))
}

/// The 48 bits of the hash an id shows.
fn id_bits(text: &str) -> u64 {
    fnv1a64(text.as_bytes()) >> 16
}

/// `p` and the 12 hex digits of `bits` (below 2^48): what `format!("p{bits:012x}")` writes,
/// without the formatting machinery (an id per passage).
fn id_of(bits: u64) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(13);
    id.push('p');
    for k in (0..12).rev() {
        #[allow(clippy::cast_possible_truncation)] // a hex digit
        let digit = ((bits >> (4 * k)) & 0xF) as usize;
        id.push(char::from(HEX[digit]));
    }
    id
}

/// Hands out ids within one document; the same text twice gets `-2`, `-3` … in order.
/// Keyed by the id's bits (the same id, the same bits), so no id string is hashed.
#[derive(Default)]
pub struct IdAllocator {
    seen: HashMap<u64, usize>,
}

impl IdAllocator {
    pub fn next(&mut self, text: &str) -> String {
        let bits = id_bits(text);
        let n = self.seen.entry(bits).or_insert(0);
        *n += 1;
        let base = id_of(bits);
        if *n == 1 { base } else { format!("{base}-{n}") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_written_as_format_writes_them() {
        for bits in [0, 1, 0xabc, 0x0123_4567_89ab, (1 << 48) - 1] {
            assert_eq!(id_of(bits), format!("p{bits:012x}"));
        }
    }

    #[test]
    fn ids_depend_on_text_only() {
        assert_eq!(
            passage_id("Một là, tập trung."),
            passage_id("Một là, tập trung.")
        );
        assert_ne!(
            passage_id("Một là, tập trung."),
            passage_id("Hai là, tập trung.")
        );
        assert_eq!(passage_id("a").len(), 13);
        // Pinned: a change here would orphan every saved bookmark.
        assert_eq!(passage_id(""), "pcbf29ce48422");
    }

    #[test]
    fn duplicates_are_numbered() {
        let mut a = IdAllocator::default();
        let x = a.next("x");
        assert_eq!(a.next("x"), format!("{x}-2"));
        assert_ne!(a.next("y"), x);
    }
}
