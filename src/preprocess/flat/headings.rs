//! Inline headings glued before a paragraph of a flattened body: "… hoàn toàn. Dạy thêm để
//! làm giàu Những thầy cô giáo này …".
//!
//! Only one shape counts, so that a heading found is almost surely one: at the start of a
//! sentence, 2–14 words without final punctuation, then a capitalised word that opens
//! sentences ("Những", "Sau", "Theo" …, never part of a name) right after a lowercase word
//! or a number. Running text never capitalises such a word in mid-sentence; the heading's
//! end lost its line break and nothing else marks it.

use super::sentences::OPENERS;

/// Fewest and most words of a heading.
const MIN_WORDS: usize = 2;
const MAX_WORDS: usize = 14;
/// Fewest words of the sentence after it (a heading comes before a paragraph).
const MIN_AFTER: usize = 6;

/// Openers that are also names or parts of place names: not trusted to end a heading.
const NAMES_TOO: &[&str] = &["Năm", "Đồng", "Có", "Ngày", "Tháng", "Đầu", "Cuối"];

/// If `s` (one sentence, trimmed) opens with an inline heading, the byte length of the
/// heading (without the space after it).
pub(super) fn heading_len(s: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = s
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
        .take(MAX_WORDS + 1 + MIN_AFTER)
        .collect();
    let first = words.first()?.1;
    let first_core = first.trim_start_matches(['“', '"', '(', '‘']);
    if !first_core.chars().next().is_some_and(char::is_uppercase)
        || OPENERS.contains(&first_core)
        || first_core != first
    {
        return None;
    }
    for k in MIN_WORDS..words.len().min(MAX_WORDS + 1) {
        let (_, prev) = words[k - 1];
        let (_, w) = words[k];
        // Final or clause punctuation inside the fragment: no heading shape.
        if prev.ends_with(['.', '!', '?', '…', ':', ';', '"', '”', ')', '-']) {
            return None;
        }
        let prev_lower = prev
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        if prev_lower && OPENERS.contains(&w) && !NAMES_TOO.contains(&w) {
            let after = s[words[k].0..].split_whitespace().count();
            let fragment = &s[..words[k - 1].0 + prev.len()];
            return (after >= MIN_AFTER && plausible(fragment)).then_some(fragment.len());
        }
    }
    None
}

/// A heading has letters, no quotes or brackets left open, and is no list of names.
fn plausible(fragment: &str) -> bool {
    let open = |a: char, b: char| fragment.matches(a).count() != fragment.matches(b).count();
    !open('(', ')')
        && !open('“', '”')
        && fragment.matches('"').count() % 2 == 0
        && fragment
            .split_whitespace()
            .any(|w| w.chars().next().is_some_and(char::is_lowercase) && w.chars().count() >= 2)
}
