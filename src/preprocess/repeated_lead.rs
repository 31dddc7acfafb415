//! The lead printed again after the byline, at the very end of the page.

use crate::corpus::{Document, PassageKind, RemovalReason, Removed};
use crate::text::chars;

/// Aggregators print the lead again at the very end of the page, after the byline. One of
/// the last passages, after line `after`, whose words are (almost) all in an earlier passage
/// is that copy: it is removed, with the reason, so search and citations find the text once.
pub(super) fn drop_repeated_lead(doc: &mut Document, after: usize) {
    let all: Vec<(usize, usize)> = doc
        .sections
        .iter()
        .enumerate()
        .flat_map(|(s, sec)| (0..sec.passages.len()).map(move |p| (s, p)))
        .collect();
    let tail_from = all.len().saturating_sub(2);
    let candidate = |&(s, p): &(usize, usize)| {
        let late = &doc.sections[s].passages[p];
        late.line > after && late.kind != PassageKind::Caption
    };
    let words = |k: usize| {
        let (s, p) = all[k];
        word_set(&doc.sections[s].passages[p].text)
    };
    // The candidates' words first: the earlier passages are read only for a long one.
    let tail: Vec<(usize, Vec<u64>)> = (tail_from..all.len())
        .filter(|&k| candidate(&all[k]))
        .map(|k| (k, words(k)))
        .filter(|(_, lw)| lw.len() >= 8)
        .collect();
    if tail.is_empty() {
        return; // most articles: nothing long after the credits
    }
    // Each passage's words, once, when first compared: the copy is most often of the lead,
    // the first passage, and the passages after it are then never read.
    let mut sets: Vec<Option<Vec<u64>>> = vec![None; tail[tail.len() - 1].0];
    let mut drop: Vec<(usize, usize)> = Vec::new();
    for (k, lw) in &tail {
        let copied = (0..*k).any(|j| {
            let ew = sets[j].get_or_insert_with(|| words(j));
            let shared = shared_len(lw, ew);
            shared * 10 >= lw.len().min(ew.len()) * 9 && ew.len() * 2 >= lw.len()
        });
        if copied {
            drop.push(all[*k]);
        }
    }
    for &(s, p) in drop.iter().rev() {
        // Never empty a section: the outline and `starred` count on each having text.
        if doc.sections[s].passages.len() < 2 {
            continue;
        }
        let gone = doc.sections[s].passages.remove(p);
        doc.removed.push(Removed {
            line: gone.line,
            text: gone.text,
            reason: RemovalReason::RepeatedLead,
        });
    }
    if !drop.is_empty() {
        doc.removed.sort_by_key(|r| r.line);
    }
}

const FNV: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_eat(h: &mut u64, c: char) {
    *h ^= u64::from(c);
    *h = h.wrapping_mul(0x0100_0000_01b3);
}

/// FNV-1a mixed by murmur3's finaliser.
fn fnv_finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// [`word_set`]'s class of a byte: a space, another ASCII char that is no letter or digit,
/// a byte of a multi-byte char, or (any other value, above these) an ASCII letter or digit,
/// as its lowercase.
const SPACE: u8 = 0;
const OTHER: u8 = 1;
/// A byte of a multi-byte char: decoded.
const NON_ASCII: u8 = 2;
const ASCII_KIND: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = OTHER;
        #[allow(clippy::cast_possible_truncation)] // `i` stays below 128
        let x = i as u8;
        if x == b' ' || (x >= b'\t' && x <= b'\r') {
            t[i] = SPACE;
        } else if x.is_ascii_alphanumeric() {
            t[i] = x.to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

/// The distinct words of `t` (split at whitespace, trimmed of what is not a letter or digit,
/// lowercased), as sorted hashes, no string allocated for a word. A 64-bit hash makes two
/// words of one article collide with a chance far below one in a billion. A text whose only
/// spaces are ASCII (all normalised text) is read in one pass over its bytes, an ASCII byte
/// classed by a table (the words were cut, trimmed and hashed in three); [`word_set_general`]
/// reads any other.
fn word_set(t: &str) -> Vec<u64> {
    let b = t.as_bytes();
    if super::shapes::has_non_ascii_space(b) {
        return word_set_general(t);
    }
    let mut set: Vec<u64> = Vec::with_capacity(t.len() / 5 + 1);
    // The word being read: its hash up to its last letter or digit, where its first and
    // after its last letter or digit are, where the chars after that start (hashed only if
    // a letter or digit follows), and whether it holds a capital sigma.
    let mut h = FNV;
    let mut core: Option<usize> = None;
    let mut core_end = 0;
    let mut pending: Option<usize> = None;
    let mut sigma = false;
    let mut i = 0;
    loop {
        // A run of ASCII letters and digits (most bytes) is hashed in a tight loop.
        if i < b.len() && ASCII_KIND[usize::from(b[i])] > NON_ASCII {
            core.get_or_insert(i);
            if let Some(p) = pending.take() {
                t[p..i]
                    .chars()
                    .for_each(|p| chars::for_each_lower(p, |l| fnv_eat(&mut h, l)));
            }
            while let Some(&x) = b.get(i) {
                let k = ASCII_KIND[usize::from(x)];
                if k <= NON_ASCII {
                    break;
                }
                h ^= u64::from(k);
                h = h.wrapping_mul(0x0100_0000_01b3);
                i += 1;
            }
            core_end = i;
            continue;
        }
        // Past the end stands a space that ends the last word.
        let x = b.get(i).copied().unwrap_or(b' ');
        let (alnum, c, len) = if x < 0x80 {
            match ASCII_KIND[usize::from(x)] {
                SPACE => {
                    if let Some(st) = core.take() {
                        if sigma {
                            // A final sigma lowercases by its place in the word: as `str`
                            // does it.
                            h = FNV;
                            t[st..core_end]
                                .to_lowercase()
                                .chars()
                                .for_each(|l| fnv_eat(&mut h, l));
                        }
                        set.push(fnv_finish(h));
                    }
                    if i >= b.len() {
                        break;
                    }
                    (h, pending, sigma) = (FNV, None, false);
                    i += 1;
                    continue;
                }
                OTHER => (false, char::from(x), 1),
                lower => (true, char::from(lower), 1),
            }
        } else {
            let (c, len) = chars::decode_at(t, i);
            (chars::is_alphanumeric(c), c, len)
        };
        if alnum {
            core.get_or_insert(i);
            if let Some(p) = pending.take() {
                t[p..i]
                    .chars()
                    .for_each(|p| chars::for_each_lower(p, |l| fnv_eat(&mut h, l)));
            }
            if x < 0x80 {
                fnv_eat(&mut h, c); // already lowercase
            } else {
                sigma |= c == 'Σ';
                chars::for_each_lower(c, |l| fnv_eat(&mut h, l));
            }
            core_end = i + len;
        } else if core.is_some() {
            pending.get_or_insert(i);
        }
        i += len;
    }
    set.sort_unstable();
    set.dedup();
    set
}

/// [`word_set`] of any text, in one pass over its chars.
fn word_set_general(t: &str) -> Vec<u64> {
    fn eat(h: &mut u64, c: char) {
        chars::for_each_lower(c, |l| {
            *h ^= u64::from(l);
            *h = h.wrapping_mul(0x0100_0000_01b3);
        });
    }
    let mut set: Vec<u64> = Vec::new();
    // The word being read: where it starts, its hash up to its last letter or digit, where
    // the chars after that start (hashed only if a letter or digit follows), and whether it
    // holds a capital sigma.
    let mut start = None;
    let mut h = FNV;
    let mut alnum = false;
    let mut pending: Option<usize> = None;
    let mut sigma = false;
    let bytes = t.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        // An ASCII letter or digit: hashed here, without the general path's tests.
        if let Some(&b) = bytes.get(i)
            && b.is_ascii_alphanumeric()
        {
            start.get_or_insert(i);
            if let Some(p) = pending.take() {
                t[p..i].chars().for_each(|p| eat(&mut h, p));
            }
            h ^= u64::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(0x0100_0000_01b3);
            alnum = true;
            i += 1;
            continue;
        }
        // An ASCII byte is its char; past the end stands a space that ends the last word.
        let c = match bytes.get(i) {
            None => ' ',
            Some(&b) if b.is_ascii() => char::from(b),
            Some(_) => t[i..].chars().next().unwrap_or(' '),
        };
        let next = i + c.len_utf8();
        if c.is_whitespace() {
            if let Some(st) = start.take()
                && alnum
            {
                if sigma {
                    // A final sigma lowercases by its place in the word: as `str` does it.
                    let w = t[st..i].trim_matches(|c: char| !chars::is_alphanumeric(c));
                    h = FNV;
                    for l in w.to_lowercase().chars() {
                        h ^= u64::from(l);
                        h = h.wrapping_mul(0x0100_0000_01b3);
                    }
                }
                set.push(fnv_finish(h));
            }
            (h, alnum, pending, sigma) = (FNV, false, None, false);
        } else {
            start.get_or_insert(i);
            sigma |= c == 'Σ';
            if chars::is_alphanumeric(c) {
                if let Some(p) = pending.take() {
                    t[p..i].chars().for_each(|p| eat(&mut h, p));
                }
                eat(&mut h, c);
                alnum = true;
            } else if alnum {
                pending.get_or_insert(i);
            }
        }
        i = next;
    }
    set.sort_unstable();
    set.dedup();
    set
}

/// How many values two sorted, deduplicated lists share.
fn shared_len(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words as the check first read them: one lowercased `String` per word.
    fn string_set(t: &str) -> std::collections::HashSet<String> {
        t.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    }

    #[test]
    fn the_fast_word_set_is_the_general_one() {
        for t in [
            "Hà Nội, HÀ NỘI (hà nội)",
            "“Đại hội” – lần thứ XIII.",
            "ΟΔΟΣ οδος ΟΔΟΣ. aΣb Σ",
            "a-b a--b ...  \t\n x",
            "İstanbul ẞ ǅ …!?",
            "",
            "  ",
            "e\u{301} \u{301}x 12,5% “",
            ". “…” † ..đ.. «ở» —x— (hà nội) a \u{301}x Σ. xΣ.Σ ⓐ-Ⓑ",
        ] {
            assert_eq!(word_set(t), word_set_general(t), "{t:?}");
        }
    }

    #[test]
    fn word_sets_are_the_trimmed_lowercased_words() {
        for (a, b) in [
            ("Hà Nội, HÀ NỘI (hà nội)", "hà nội"),
            ("“Đại hội” – lần thứ XIII.", "đại HỘI lần THỨ xiii"),
            ("ΟΔΟΣ οδος ΟΔΟΣ.", "οδος"),
            ("a-b a--b ...  ", "A-B"),
            ("İstanbul x\u{a0}y", "i̇stanbul x y"),
        ] {
            let (wa, wb) = (word_set(a), word_set(b));
            let (sa, sb) = (string_set(a), string_set(b));
            assert_eq!(wa.len(), sa.len(), "{a}");
            assert_eq!(
                shared_len(&wa, &wb),
                sa.intersection(&sb).count(),
                "{a} / {b}"
            );
        }
    }
}
