//! Syndicated copies: the same article run by several outlets. Each document's text is cut
//! into overlapping five-word shingles; the 32 smallest shingle hashes (a bottom-k sketch)
//! estimate how much two texts share. A document whose sketch agrees with an earlier one's
//! on at least half of their joint bottom 32 is marked `duplicate_of` that earlier one.

use crate::corpus::{Document, PassageKind};
use crate::text::chars;

/// Sketch size: the k smallest shingle hashes kept per document.
const K: usize = 32;
/// Words per shingle.
const SHINGLE: usize = 5;
/// Estimated resemblance (Jaccard of shingle sets) from which two texts are one article.
const SAME: f64 = 0.5;
/// Fewest shingles a text needs to be compared: a short note is not fingerprinted.
const MIN_SHINGLES: usize = 40;

const FNV: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_eat(h: &mut u64, c: char) {
    *h ^= u64::from(c);
    *h = h.wrapping_mul(0x0100_0000_01b3);
}

/// Push the hash of each word of `t` (a maximal run of letters and digits: FNV-1a over its
/// lowercase chars). One pass over the bytes: an ASCII byte is tested and lowercased by
/// itself, only other chars are decoded.
/// An ASCII byte's lowercase if it is a letter or digit, else 0: one load for both tests.
#[allow(clippy::cast_possible_truncation)] // `i` stays below 128
const ASCII_WORD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        if b.is_ascii_alphanumeric() {
            t[i] = b.to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

fn push_word_hashes(t: &str, out: &mut Vec<u64>) {
    let bytes = t.as_bytes();
    let mut h = FNV;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (alnum, next) = if b < 0x80 {
            let l = ASCII_WORD[usize::from(b)];
            if l != 0 {
                fnv_eat(&mut h, char::from(l));
            }
            (l != 0, i + 1)
        } else {
            let (c, len) = chars::decode_at(t, i);
            let a = chars::is_alphanumeric(c);
            if a {
                chars::for_each_lower(c, |l| fnv_eat(&mut h, l));
            }
            (a, i + len)
        };
        if alnum {
            in_word = true;
        } else if in_word {
            out.push(h);
            (h, in_word) = (FNV, false);
        }
        i = next;
    }
    if in_word {
        out.push(h);
    }
}

/// A shingle's hash from its words' hashes (order matters).
fn shingle(words: &[u64]) -> u64 {
    words.iter().fold(0u64, |h, &w| {
        h.rotate_left(11) ^ w.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    })
}

/// The bottom-k sketch of a document's running text (lead, paragraphs, list items). Words
/// are hashed one by one, so no lowercased copy of the text is made.
fn sketch(d: &Document) -> Option<Vec<u64>> {
    let mut words: Vec<u64> = Vec::new();
    for p in d
        .sections
        .iter()
        .flat_map(|s| &s.passages)
        .filter(|p| p.kind != PassageKind::Caption)
    {
        push_word_hashes(&p.text, &mut words);
    }
    if words.len() < SHINGLE + MIN_SHINGLES {
        return None;
    }
    // The k smallest distinct shingle hashes, kept sorted as they come: most hashes are
    // above the k-th and cost one comparison (sorting them all was a tenth of the build).
    let mut kept: Vec<u64> = Vec::with_capacity(K + 1);
    for h in words.windows(SHINGLE).map(shingle) {
        if kept.len() == K && h >= kept[K - 1] {
            continue;
        }
        if let Err(at) = kept.binary_search(&h) {
            kept.insert(at, h);
            kept.truncate(K);
        }
    }
    Some(kept)
}

/// Estimated resemblance of two sketches: of the k smallest hashes of their union, the
/// share both hold.
fn resemblance(a: &[u64], b: &[u64]) -> f64 {
    let mut union: Vec<u64> = a.iter().chain(b).copied().collect();
    union.sort_unstable();
    union.dedup();
    union.truncate(K);
    let both = union
        .iter()
        .filter(|h| a.binary_search(h).is_ok() && b.binary_search(h).is_ok())
        .count();
    #[allow(clippy::cast_precision_loss)] // both, union ≤ 32
    let r = both as f64 / union.len() as f64;
    r
}

/// The earlier document that document `i` copies, if any: the first that shares a quarter
/// of its sketch and resembles it enough. `shared` is scratch space.
fn original(
    sketches: &[Option<Vec<u64>>],
    holders: &[(u64, u32)],
    i: usize,
    shared: &mut Vec<usize>,
) -> Option<usize> {
    let s = sketches[i].as_ref()?;
    shared.clear();
    for &h in s {
        let from = holders.partition_point(|&(x, _)| x < h);
        shared.extend(
            holders[from..]
                .iter()
                .take_while(|&&(x, _)| x == h)
                .map(|&(_, j)| j as usize)
                .filter(|&j| j < i),
        );
    }
    shared.sort_unstable();
    // Candidates share a quarter of the sketch; the resemblance decides.
    shared
        .chunk_by(|a, b| a == b)
        .filter(|run| run.len() * 4 >= K)
        .map(|run| run[0])
        .find(|&j| {
            sketches[j]
                .as_ref()
                .is_some_and(|t| resemblance(s, t) >= SAME)
        })
}

/// Mark every document that copies an earlier one (`duplicate_of` = the first of its group).
pub fn mark(documents: &mut [Document]) {
    // Sketching reads every word of the corpus: on every core, in document order.
    let sketches: Vec<Option<Vec<u64>>> = {
        use rayon::prelude::*;
        documents.par_iter().map(sketch).collect()
    };
    // (hash, document) for every sketch, sorted: the documents holding a hash are one run.
    // One flat table, not a map of vectors: 35,000 documents make 560,000 entries.
    let mut holders: Vec<(u64, u32)> = Vec::new();
    for (i, s) in sketches.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        holders.extend(s.iter().flatten().map(|&h| (h, i)));
    }
    // The (hash, document) pairs are distinct: any sort gives the same table.
    rayon::slice::ParallelSliceMut::par_sort_unstable(&mut holders[..]);
    // Each document's original is found on every core (the look-ups in the 35,000-document
    // table were a tenth of a one-thread build, all on one core); the groups are then
    // chained in document order.
    let originals: Vec<Option<usize>> = {
        use rayon::prelude::*;
        (0..sketches.len())
            .into_par_iter()
            .map_init(Vec::new, |shared, i| {
                original(&sketches, &holders, i, shared)
            })
            .collect()
    };
    let mut first: Vec<usize> = (0..documents.len()).collect();
    for (i, o) in originals.into_iter().enumerate() {
        if let Some(j) = o {
            first[i] = first[j];
        }
    }
    for i in 0..documents.len() {
        documents[i].duplicate_of = (first[i] != i).then(|| documents[first[i]].id.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Passage, Section};

    fn doc(id: &str, text: &str) -> Document {
        let mut d = Document::new(id, id);
        d.sections.push(Section {
            heading: None,
            locality: None,
            passages: vec![Passage {
                id: "p".into(),
                kind: PassageKind::Paragraph,
                text: text.into(),
                line: 1,
            }],
        });
        d
    }

    fn story(seed: usize) -> String {
        use std::fmt::Write;
        (0..120).fold(String::new(), |mut s, i| {
            let _ = write!(s, "từ{} ", (i * (seed * 2 + 3) + seed) % 89);
            s
        })
    }

    #[test]
    fn a_copy_points_at_the_first_and_a_different_text_does_not() {
        let a = story(1);
        let mut b = a.clone();
        b.push_str("Theo báo Tiền Phong.");
        let mut docs = vec![
            doc("a", &a),
            doc("b", &b),
            doc("c", &story(2)),
            doc("d", &a),
        ];
        mark(&mut docs);
        assert_eq!(docs[0].duplicate_of, None);
        assert_eq!(docs[1].duplicate_of.as_deref(), Some("a"));
        assert_eq!(docs[2].duplicate_of, None);
        assert_eq!(docs[3].duplicate_of.as_deref(), Some("a"));
    }

    #[test]
    fn word_hashes_are_the_lowercased_alphanumeric_runs() {
        let t = "Hà Nội, HÀ NỘI (hà-nội) İstanbul ΟΔΟΣ x\u{a0}y 12a…";
        let mut got = Vec::new();
        push_word_hashes(t, &mut got);
        let want: Vec<u64> = t
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let mut h = FNV;
                w.chars()
                    .flat_map(char::to_lowercase)
                    .for_each(|l| fnv_eat(&mut h, l));
                h
            })
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn short_texts_are_not_fingerprinted() {
        let mut docs = vec![doc("a", "Một câu ngắn."), doc("b", "Một câu ngắn.")];
        mark(&mut docs);
        assert_eq!(docs[1].duplicate_of, None);
    }
}
