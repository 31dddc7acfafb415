//! What a hit highlights, in the original text.

use super::matcher;
use crate::text::fold_for_search;

/// The hit's ranges as `[start, end)` **char** offsets into the original passage text,
/// merged and sorted: what a user sees highlighted.
pub fn highlight_ranges(original: &str, hit_ranges: &[matcher::Range]) -> Vec<(usize, usize)> {
    let folded = fold_for_search(original);
    // Folded byte offset → folded char index.
    let mut byte_to_char = vec![0usize; folded.text.len() + 1];
    for (ci, (b, c)) in folded.text.char_indices().enumerate() {
        for k in 0..c.len_utf8() {
            byte_to_char[b + k] = ci;
        }
    }
    let nchars = folded.map.len();
    byte_to_char[folded.text.len()] = nchars;
    let mut out: Vec<(usize, usize)> = hit_ranges
        .iter()
        .filter(|(s, e)| s < e && *e <= folded.text.len())
        .filter_map(|&(s, e)| {
            let (cs, ce) = (byte_to_char[s], byte_to_char[e]);
            (cs < ce && ce <= nchars).then(|| (folded.map[cs], folded.map[ce - 1] + 1))
        })
        .collect();
    out.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.0 <= last.1 => last.1 = last.1.max(r.1),
            _ => merged.push(r),
        }
    }
    merged
}
