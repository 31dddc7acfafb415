//! Matching one query against one folded passage, and its score.
//!
//! Every kind of hit is compact: a substring, a phrase (words in order, punctuation between
//! them allowed), the initials of consecutive words, an acronym's other form, or — only when
//! none of these match — the term's letters in order inside a window barely longer than the
//! term, scored by `SkimMatcherV2`. Letters scattered over a paragraph never match.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;

use super::query::{Query, Term, TermKind};

/// Scores by kind of hit: whole words and phrases, then contiguous, then fuzzy.
pub const W_WORD: i64 = 1000;
pub const W_WORD_PREFIX: i64 = 800;
pub const W_SUBSTRING: i64 = 600;
pub const W_INITIALS: i64 = 550;
pub const W_FUZZY: i64 = 300;
/// Bonus when the typed words stand next to each other in that order.
pub const W_ADJACENT: i64 = 300;

/// A matched stretch of the folded text, `[start, end)` in bytes.
pub type Range = (usize, usize);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermHit {
    pub score: i64,
    pub ranges: Vec<Range>,
}

impl TermHit {
    fn start(&self) -> usize {
        self.ranges.first().map_or(0, |r| r.0)
    }

    fn end(&self) -> usize {
        self.ranges.last().map_or(0, |r| r.1)
    }
}

/// No letter or digit just before byte `i` (a char boundary).
fn boundary_before(h: &str, i: usize) -> bool {
    h[..i]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// No letter or digit at byte `j` (a char boundary).
fn boundary_after(h: &str, j: usize) -> bool {
    h[j..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// The best occurrence of `needle` as a substring: whole word, word start, or inside a word.
pub fn substring_hit(h: &str, needle: &str) -> Option<TermHit> {
    let n = needle.len();
    let mut best: Option<TermHit> = None;
    for (k, i) in memmem::find_iter(h.as_bytes(), needle.as_bytes()).enumerate() {
        let score = match (boundary_before(h, i), boundary_after(h, i + n)) {
            (true, true) => W_WORD,
            (true, false) => W_WORD_PREFIX,
            _ => W_SUBSTRING,
        };
        if best.as_ref().is_none_or(|b| score > b.score) {
            best = Some(TermHit {
                score,
                ranges: vec![(i, i + n)],
            });
            if score == W_WORD {
                break;
            }
        }
        if k >= 64 {
            break;
        }
    }
    best
}

/// Words in order, as whole words, with only punctuation or spaces between them
/// ("kinh te xa hoi" finds "kinh te - xa hoi").
pub fn phrase_hit(h: &str, words: &[&str]) -> Option<TermHit> {
    let first = *words.first()?;
    'occurrence: for i in memmem::find_iter(h.as_bytes(), first.as_bytes()) {
        if !boundary_before(h, i) || !boundary_after(h, i + first.len()) {
            continue;
        }
        let mut ranges = vec![(i, i + first.len())];
        let mut pos = i + first.len();
        for w in &words[1..] {
            // Up to a few spaces or punctuation marks between the words.
            let gap: usize = h[pos..]
                .chars()
                .take_while(|c| !c.is_alphanumeric())
                .take(7)
                .map(char::len_utf8)
                .sum();
            pos += gap;
            if gap == 0 || gap > 6 || !h[pos..].starts_with(w) || !boundary_after(h, pos + w.len())
            {
                continue 'occurrence;
            }
            ranges.push((pos, pos + w.len()));
            pos += w.len();
        }
        // One highlight for the whole phrase, spaces and punctuation between included.
        return Some(TermHit {
            score: W_WORD,
            ranges: vec![(i, ranges.last().map_or(i, |r| r.1))],
        });
    }
    None
}

/// `nqdh` → the first letters of "nghi quyet dai hoi".
pub fn initials_hit(h: &str, t: &str) -> Option<TermHit> {
    let tb = t.as_bytes();
    if tb.len() < 2 || tb.len() > 10 || !tb.iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    let mut prev_word = false;
    let starts: Vec<(usize, char)> = h
        .char_indices()
        .filter_map(|(i, c)| {
            let word = c.is_alphanumeric();
            let start = word && !prev_word;
            prev_word = word;
            start.then_some((i, c))
        })
        .collect();
    let m = tb.len();
    (0..starts.len().saturating_sub(m - 1))
        .find(|&w| (0..m).all(|k| starts[w + k].1 == char::from(tb[k])))
        .map(|w| TermHit {
            score: W_INITIALS,
            ranges: (0..m)
                .map(|k| (starts[w + k].0, starts[w + k].0 + 1))
                .collect(),
        })
}

/// The term's letters in order inside the shortest window, when that window is compact.
pub fn fuzzy_hit(h: &str, t: &str, matcher: &SkimMatcherV2) -> Option<TermHit> {
    let tb = t.as_bytes();
    let m = tb.len();
    if m < 3 || !t.is_ascii() {
        return None;
    }
    let limit = m + m / 2 + 1;
    let hb = h.as_bytes();
    let mut best: Option<(usize, usize)> = None;
    for (k, s) in memchr::memchr_iter(tb[0], hb).enumerate() {
        let mut j = 1;
        let mut p = s + 1;
        while j < m && p < hb.len() && p - s < limit {
            if hb[p] == tb[j] {
                j += 1;
            }
            p += 1;
        }
        if j == m && best.is_none_or(|(bs, be)| p - s < be - bs) {
            best = Some((s, p));
            if p - s == m {
                break;
            }
        }
        if k >= 256 {
            break;
        }
    }
    let (s, e) = best?;
    let window = &h[s..e];
    let (score, idx) = matcher.fuzzy_indices(window, t)?;
    let offsets: Vec<usize> = window.char_indices().map(|(b, _)| b).collect();
    let ranges = idx
        .into_iter()
        .filter_map(|ci| offsets.get(ci).map(|&b| (s + b, s + b + 1)))
        .collect();
    Some(TermHit {
        score: W_FUZZY + score.min(200) - 10 * (e - s - m) as i64,
        ranges,
    })
}

fn better(a: Option<TermHit>, b: Option<TermHit>) -> Option<TermHit> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.score > a.score { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// How one term matches `h`; `fuzzy` allows the (slower) scattered-letters fallback.
pub fn term_hit(h: &str, term: &Term, fuzzy: bool, matcher: &SkimMatcherV2) -> Option<TermHit> {
    let t = term.folded.as_str();
    let alt = || {
        term.alternatives.iter().fold(None, |acc, a| {
            let words: Vec<&str> = a.split(' ').collect();
            let hit = if words.len() > 1 {
                phrase_hit(h, &words)
            } else {
                substring_hit(h, a).filter(|x| x.score == W_WORD)
            };
            better(acc, hit)
        })
    };
    match term.kind {
        TermKind::Fuzzy => {
            let sub = substring_hit(h, t);
            if sub.as_ref().is_some_and(|x| x.score == W_WORD) {
                return sub;
            }
            let hit = better(better(sub, alt()), initials_hit(h, t));
            if hit.is_none() && fuzzy {
                return fuzzy_hit(h, t, matcher);
            }
            hit
        }
        TermKind::Exact => substring_hit(h, t),
        TermKind::Prefix => {
            let lead = h.len() - h.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
            h[lead..].starts_with(t).then(|| TermHit {
                score: W_WORD,
                ranges: vec![(lead, lead + t.len())],
            })
        }
        TermKind::Suffix => {
            let body = h.trim_end_matches(|c: char| !c.is_alphanumeric());
            body.ends_with(t).then(|| TermHit {
                score: W_WORD,
                ranges: vec![(body.len() - t.len(), body.len())],
            })
        }
        TermKind::Phrase => {
            let words: Vec<&str> = t.split(' ').collect();
            better(phrase_hit(h, &words), alt())
        }
    }
}

/// A passage's match: total score and every matched range (sorted, in folded bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub score: i64,
    pub ranges: Vec<Range>,
}

/// Match all terms (AND, any order); `None` when a term misses or an excluded one hits.
pub fn match_passage(h: &str, q: &Query, fuzzy: bool, matcher: &SkimMatcherV2) -> Option<Match> {
    let mut score = 0;
    let mut ranges = Vec::new();
    let (mut first, mut last) = (usize::MAX, 0);
    for term in &q.terms {
        let hit = term_hit(h, term, fuzzy && !term.negate, matcher);
        match (term.negate, hit) {
            (true, Some(_)) | (false, None) => return None,
            (true, None) => {}
            (false, Some(hit)) => {
                score += hit.score;
                first = first.min(hit.start());
                last = last.max(hit.end());
                ranges.extend(hit.ranges);
            }
        }
    }
    if ranges.is_empty() {
        return None;
    }
    // Words typed together that stand together ("thanh hoa", "mot la") are a phrase: a
    // bonus, and the phrase is what gets highlighted.
    let typed: Vec<&str> = q
        .terms
        .iter()
        .filter(|t| t.kind == TermKind::Fuzzy && !t.negate)
        .map(|t| t.folded.as_str())
        .collect();
    if typed.len() >= 2
        && let Some(phrase) = phrase_hit(h, &typed)
    {
        score += W_ADJACENT;
        ranges.retain(|r| !typed.iter().any(|t| h.get(r.0..r.1) == Some(*t)));
        first = phrase.start();
        last = last.max(phrase.end());
        ranges.extend(phrase.ranges);
    }
    // Earlier and denser beat later and sparser.
    let position = (first / 8).min(100) as i64;
    let spread = (last.saturating_sub(first) / 16).min(100) as i64;
    ranges.sort_unstable();
    Some(Match {
        score: score - position - spread,
        ranges,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    fn m(h: &str, q: &str) -> Option<Match> {
        let h = crate::text::fold_for_search(h).text;
        match_passage(&h, &parse(q), true, &SkimMatcherV2::default())
    }

    #[test]
    fn whole_words_beat_prefixes_beat_substrings() {
        let w = m("thực hiện nghị quyết", "quyet").unwrap().score;
        let p = m("thực hiện nghị quyếtabc", "quyet").unwrap().score;
        let s = m("thực hiện nghị xquyết", "quyet").unwrap().score;
        assert!(w > p && p > s, "{w} {p} {s}");
    }

    #[test]
    fn terms_are_anded_in_any_order() {
        assert!(m("Nghị quyết Đại hội Đảng bộ", "dang nghi").is_some());
        assert!(m("Nghị quyết Đại hội Đảng bộ", "dang xyz").is_none());
        assert!(m("Nghị quyết Đại hội Đảng bộ", "nghi !dang").is_none());
        assert!(m("Nghị quyết Đại hội Đảng bộ", "nghi !tinh").is_some());
    }

    #[test]
    fn operators_match_where_they_say() {
        assert!(m("Sau 5 năm thực hiện.", "^sau").is_some());
        assert!(m("Sau 5 năm thực hiện.", "^nam").is_none());
        assert!(m("Sau 5 năm thực hiện.", "hien$").is_some());
        assert!(m("Sau 5 năm thực hiện.", "nam$").is_none());
        assert!(m("Sau 5 năm thực hiện.", "'thuc hi").is_some());
        assert!(m("kinh tế - xã hội phát triển", "\"kinh te xa hoi\"").is_some());
        assert!(m("kinh tế xã, hội", "\"te xa\"").is_some());
        assert!(m("kinh tế ở xã hội", "\"te xa\"").is_none());
    }

    #[test]
    fn initials_acronyms_and_compact_fuzzy() {
        let hit = m("thực hiện Nghị quyết Đại hội Đảng bộ", "nqdh").unwrap();
        assert_eq!(hit.ranges.len(), 4);
        assert!(m("Thường trực HĐND tỉnh", "hoi dong nhan dan").is_some());
        assert!(m("Thường trực Hội đồng nhân dân tỉnh", "HĐND").is_some());
        // A typo (missing letter) inside one word: compact, so it matches.
        assert!(m("thực hiện nghị quyết đại hội", "quyt").is_some());
        // The same letters scattered over a long paragraph do not.
        assert!(m("quần chúng yêu nước tích cực", "quyet").is_none());
    }

    #[test]
    fn words_typed_together_rank_and_highlight_together() {
        let apart = m("Một số nhiệm vụ, đó là đạt chỉ tiêu", "mot la").unwrap();
        let together = m("Một là, tập trung xây dựng Đảng bộ", "mot la").unwrap();
        assert!(together.score > apart.score);
        let h = crate::text::fold_for_search("Tại thành phố Thanh Hóa").text;
        let hit = match_passage(&h, &parse("thanh hoa"), true, &SkimMatcherV2::default()).unwrap();
        assert_eq!(&h[hit.ranges[0].0..hit.ranges[0].1], "thanh hoa");
    }

    #[test]
    fn ranges_slice_the_folded_text() {
        let h = crate::text::fold_for_search("Tại “TP Hạ Long” đạt 15.400 căn").text;
        for q in ["ha long", "15400", "tp", "\"ha long\"", "hl"] {
            let hit = match_passage(&h, &parse(q), true, &SkimMatcherV2::default())
                .unwrap_or_else(|| panic!("{q}"));
            for (s, e) in hit.ranges {
                assert!(
                    h.is_char_boundary(s) && h.is_char_boundary(e) && s < e,
                    "{q}"
                );
            }
        }
    }
}
