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

/// [`highlight_ranges`] of the hit's ranges near its first one (`window` folded bytes from
/// it), folding only the text up to there: a flattened article is one passage of tens of
/// thousands of characters, and a snippet or a concordance line shows a few dozen.
pub fn highlight_ranges_near_first(
    text: &str,
    hit_ranges: &[matcher::Range],
    window: usize,
) -> Vec<(usize, usize)> {
    let Some(first) = hit_ranges.iter().map(|r| r.0).min() else {
        return Vec::new();
    };
    let ranges: Vec<_> = hit_ranges
        .iter()
        .copied()
        .filter(|r| r.0 < first + window)
        .collect();
    let end = ranges.iter().map(|r| r.1).max().unwrap_or(0);
    // Folding never makes text longer than one folded char per original char plus the
    // dropped ones, so grow the prefix until its folded form reaches past the last range,
    // with room for the few chars the number rules look ahead (`05/02`).
    let mut n = end + 64;
    loop {
        let cut = text.char_indices().nth(n).map_or(text.len(), |(b, _)| b);
        let prefix = &text[..cut];
        if cut == text.len() || fold_for_search(prefix).text.len() > end + 8 {
            return highlight_ranges(prefix, &ranges);
        }
        n *= 2;
    }
}
