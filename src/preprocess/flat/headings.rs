//! Inline headings glued before a paragraph of a flattened body: "… hoàn toàn. Dạy thêm để
//! làm giàu Những thầy cô giáo này …".
//!
//! Only one shape counts, so that a heading found is almost surely one: at the start of a
//! sentence, 2–14 words without final punctuation, then a capitalised word that opens
//! sentences ("Những", "Sau", "Theo" …, never part of a name) right after a lowercase word
//! or a number. Running text never capitalises such a word in mid-sentence; the heading's
//! end lost its line break and nothing else marks it. Other headings need the evidence of
//! a second one in the body (see [`loose`](super::loose)).

use super::first_words::first_words;
use super::sentences::OPENER_SET;
use crate::preprocess::shapes::more_words_than;
use crate::preprocess::word_set::WordSet;

/// Fewest and most words of a heading.
const MIN_WORDS: usize = 2;
const MAX_WORDS: usize = 10;
/// Fewest words of the sentence after it (a heading comes before a paragraph).
const MIN_AFTER: usize = 6;

/// Openers that are also names or parts of names ("Tuy Đức", "Tòa án Tối cao", "Điều 99",
/// "Song Bum-keun", "Liên hiệp Các tổ chức …"): not trusted to end a heading.
/// [`NAMES_TOO`], looked up by hash.
pub(super) static NAMES_TOO_SET: WordSet = WordSet::new(NAMES_TOO);

pub(super) const NAMES_TOO: &[&str] = &[
    "Năm", "Đồng", "Có", "Ngày", "Tháng", "Đầu", "Cuối", "Tuy", "Tối", "Toàn", "Điều", "Song",
    "Các", "Đêm", "Sáng", "Chiều", "Hôm", "Thời", "Giữa", "Trên", "Dưới", "Qua", "Hơn", "Như",
    "Đến", "Từ", "Vào", "Bên", "Đặc", "Thực", "Hầu", "Mọi", "Tất", "Nhiều",
];

/// Words a heading does not end with: it would go on in the next word.
pub(super) const DANGLING: &[&str] = &[
    "của",
    "và",
    "với",
    "tại",
    "ở",
    "cho",
    "từ",
    "đến",
    "trong",
    "về",
    "là",
    "theo",
    "các",
    "những",
    "một",
    "được",
    "bị",
    "khi",
    "thì",
    "mà",
    "để",
    "do",
    "vì",
    "nên",
    "như",
    "hay",
    "hoặc",
    "có",
    "khiến",
    "rằng",
    "huyện",
    "tỉnh",
    "xã",
    "quận",
    "phường",
    "thành",
    "ông",
    "bà",
    "anh",
    "chị",
    "tòa",
    "án",
    "bộ",
    "sở",
    "viện",
    "hiệp",
    "định",
];

/// Words that open a photo caption rather than a heading: people and scenes.
/// [`CAPTION_STARTS`], looked up by hash.
pub(super) static CAPTION_START_SET: WordSet = WordSet::new(CAPTION_STARTS);

pub(super) const CAPTION_STARTS: &[&str] = &[
    "Ông", "Bà", "Anh", "Chị", "Cháu", "Em", "Bé", "Cô", "Chiếc", "Căn", "Cảnh", "Quang", "Toàn",
    "Khung", "Hình", "Ảnh", "Lực", "Đoàn", "Các", "Những", "Người", "Nhiều", "Một", "Hiện", "Thi",
    "Nạn", "Hung", "Đối", "Tang", "Video", "Clip",
];

/// Words of a caption's scene: a fragment holding one is no heading.
const CAPTION_WORDS: &[&str] = &[
    "tại",
    "đang",
    "cảnh",
    "trường",
    "nay",
    "qua",
    "chụp",
    "buổi",
    "ảnh",
    "hình",
    "video",
    "clip",
    "trong",
    "lúc",
    "khi",
];

/// If `s` (one sentence, trimmed) opens with an inline heading, the byte length of the
/// heading (without the space after it).
pub(super) fn heading_len(s: &str, spaces_only: bool) -> Option<usize> {
    // The first word decides for most sentences: the words are collected after it passes.
    let first = s.split_whitespace().next()?;
    let first_core = first.trim_start_matches(['“', '"', '(', '‘']);
    if !first_core.chars().next().is_some_and(char::is_uppercase)
        || OPENER_SET.contains(first_core)
        || CAPTION_START_SET.contains(first_core)
        || first_core != first
    {
        return None;
    }
    let mut words = first_words::<{ MAX_WORDS + 1 + MIN_AFTER }>(s, spaces_only);
    for k in MIN_WORDS..=MAX_WORDS {
        // Read as far as asked: most sentences end the search at their first words.
        let Some((_, w)) = words.get(k) else {
            break;
        };
        let (_, prev) = words.read()[k - 1];
        // Final or clause punctuation inside the fragment: no heading shape. A closing
        // quote ends a quotation, unless it closes a few words the heading sets in quotes.
        let scare_quoted = || {
            let fragment = &s[..words.read()[k - 1].0 + prev.len()];
            !without_scare_quotes(fragment).contains('”')
        };
        if prev.ends_with(['.', '!', '?', '…', ':', ';', ',', '"', ')', '-'])
            || (prev.ends_with('”') && !scare_quoted())
        {
            return None;
        }
        let prev_lower = prev
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        // Every opener is capitalised (a test checks): most words skip the list scan.
        let capital = !w.as_bytes()[0].is_ascii_lowercase();
        if prev_lower && capital && OPENER_SET.contains(w) && !NAMES_TOO_SET.contains(w) {
            let after = &s[words.read()[k].0..];
            let fragment = &s[..words.read()[k - 1].0 + prev.len()];
            return (more_words_than(after, MIN_AFTER - 1) && plausible(fragment))
                .then_some(fragment.len());
        }
    }
    None
}

/// A heading has letters, no quotes or brackets, no name after its first word (a caption
/// names people and places: "Cháu Hưng …", "Hội trường UBND …"), no word of a caption's
/// scene, and does not end in a word that needs the next one.
fn plausible(fragment: &str) -> bool {
    let words: Vec<&str> = fragment.split_whitespace().collect();
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    !without_scare_quotes(fragment).contains(['(', ')', '“', '”', '"', '/', '[', ']'])
        && words[1..].iter().all(|w| {
            w.trim_start_matches('“')
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
        })
        && words[1..].iter().any(|w| w.chars().count() >= 2)
        && !DANGLING.contains(&last.as_str())
        && !words[1..]
            .iter()
            .any(|w| CAPTION_WORDS.contains(&w.trim_matches(',')))
}

/// `fragment` without the words it sets in curly quotes after its first word, a few at a
/// time ("Thiên đường của dân “cá mưa”", "Còn nhiều dự án “đắp chiếu”"): a heading may quote a
/// phrase; a quotation that opens it or runs long is speech.
pub(super) fn without_scare_quotes(fragment: &str) -> std::borrow::Cow<'_, str> {
    let Some(open) = fragment.find('“').filter(|&k| k > 0) else {
        return std::borrow::Cow::Borrowed(fragment);
    };
    let Some(len) = fragment[open..].find('”') else {
        return std::borrow::Cow::Borrowed(fragment);
    };
    let close = open + len + '”'.len_utf8();
    let quoted = &fragment[open + '“'.len_utf8()..open + len];
    // "Tưởng con bị “ma ám”, mẹ …": a clause goes on after it.
    if quoted.split_whitespace().count() > 4
        || quoted.contains(['“', '"'])
        || fragment[close..].starts_with(',')
    {
        return std::borrow::Cow::Borrowed(fragment);
    }
    let rest = without_scare_quotes(&fragment[close..]);
    std::borrow::Cow::Owned(format!("{}{quoted}{rest}", &fragment[..open]))
}
