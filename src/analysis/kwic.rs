//! A concordance (keyword in context): one line per hit, the matched words in the middle,
//! as much of the text before and after as the width allows, with the place and date.

use serde::Serialize;

use std::borrow::Borrow;
use std::collections::HashMap;

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::search::{Hit, SearchIndex, highlight_ranges_near_first};
use crate::text::collate::vi_key;

/// One concordance line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// The passage (not written out: `doc` and `passage` name it).
    #[serde(skip)]
    pub at: crate::corpus::PassageRef,
    pub doc: String,
    pub passage: String,
    /// The text before the match (its last `context` chars at most), the match, the text
    /// after (its first `context` chars).
    pub left: String,
    pub matched: String,
    pub right: String,
    pub place: Option<String>,
    pub date: Option<String>,
    /// The first figure after the match (`12,06%`, `15.400 căn`) as written, its value
    /// (scale applied) and unit ([`figures`](super::figures)).
    pub figure: Option<String>,
    pub value: Option<f64>,
    pub unit: Option<String>,
}

/// How the lines are ordered (the sorts of `AntConc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Sort {
    /// As the search ranked them.
    #[default]
    Rank,
    /// By the words just before the match, read backwards from it.
    Left,
    /// By the words right after the match.
    Right,
    Place,
    Date,
    /// By the figure after the match: by unit, then by value, lines without one last.
    Figure,
}

/// The concordance of `hits` (found in `index`): the first matched stretch of each,
/// `context` chars each side (cut at a word where it can be), whitespace folded to single
/// spaces. A hit found only through its article's title has no stretch in its text: it
/// has no line.
pub fn lines<H: Borrow<Hit> + Sync>(
    index: &SearchIndex,
    corpus: &Corpus,
    hits: &[H],
    context: usize,
) -> Vec<Line> {
    // (`Corpus::locality` is a scan: once per line it would dominate.)
    let places: HashMap<&str, &str> = corpus
        .localities
        .iter()
        .map(|l| (l.id.as_str(), l.name.as_str()))
        .collect();
    // Both cores: a common query has tens of thousands of lines.
    hits.par_iter()
        .map(Borrow::borrow)
        .filter(|h| !h.ranges.is_empty())
        .map(|h| {
            let from = start_near_match(index, corpus, h, context);
            line(corpus, &places, h, context, from)
        })
        .collect()
}

/// Where a line's text can be read from, well before the hit's first match: (bytes into
/// the passage's text, bytes into its folded text). A passage can be a whole flattened
/// article, and folding it from its start to a match deep inside is most of a common
/// query's concordance. The index holds the folded text: an ASCII space at least
/// `max(context, 40) + 1` folded chars before the match is found there, and the same space
/// in the original text (folding keeps every space, makes none, and never looks across one).
/// (0, 0) when there is none.
fn start_near_match(
    index: &SearchIndex,
    corpus: &Corpus,
    h: &Hit,
    context: usize,
) -> (usize, usize) {
    let slot = h.slot as usize;
    let (Some(folded), Some(first)) = (index.folded.get(slot), h.ranges.iter().map(|r| r.0).min())
    else {
        return (0, 0);
    };
    if index.refs.get(slot) != Some(&h.at) {
        return (0, 0);
    }
    let margin = context.max(40) + 1;
    let Some(before) = folded.get(..first) else {
        return (0, 0);
    };
    let Some((limit, _)) = before.char_indices().rev().nth(margin - 1) else {
        return (0, 0);
    };
    let Some(cut) = memchr::memrchr(b' ', &before.as_bytes()[..limit]) else {
        return (0, 0);
    };
    let spaces = count_spaces(&before.as_bytes()[..cut]);
    let text = &h.at.get(corpus).text;
    match nth_space(text.as_bytes(), spaces) {
        Some(at) => (at, cut),
        None => (0, 0),
    }
}

/// Spaces in `bytes`. A plain count the compiler vectorises: many times faster than
/// stepping from space to space, and a passage can be a whole article.
#[allow(
    clippy::naive_bytecount,
    reason = "vectorised as it is; the bytecount crate would add little here"
)]
fn count_spaces(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b' ').count()
}

/// Where the space after `n` others is in `bytes`: counted a block at a time, then found
/// within its block.
fn nth_space(bytes: &[u8], mut n: usize) -> Option<usize> {
    const BLOCK: usize = 4096;
    for (i, block) in bytes.chunks(BLOCK).enumerate() {
        let here = count_spaces(block);
        if n < here {
            return memchr::memchr_iter(b' ', block)
                .nth(n)
                .map(|at| i * BLOCK + at);
        }
        n -= here;
    }
    None
}

/// The line of hit `h`, its passage's text read from `from` ([`start_near_match`]).
fn line(
    corpus: &Corpus,
    places: &HashMap<&str, &str>,
    h: &Hit,
    context: usize,
    from: (usize, usize),
) -> Line {
    let doc = &corpus.documents[h.at.doc_index()];
    let p = h.at.get(corpus);
    let (text, shift) = (&p.text[from.0..], from.1);
    let hit_ranges: Vec<_> = h
        .ranges
        .iter()
        .map(|r| (r.0.saturating_sub(shift), r.1.saturating_sub(shift)))
        .collect();
    // Only the text around the first match is read (a passage can be a whole
    // flattened article).
    let ranges = highlight_ranges_near_first(text, &hit_ranges, 4 * context + 64);
    // Enough after the match for its figure too (a dozen words).
    let reach = ranges.last().map_or(0, |r| r.1) + context.max(160) + 1;
    let chars: Vec<char> = text.chars().take(reach).collect();
    // The first match, joined with the ones right after it (a phrase's words).
    let (s, mut e) = ranges.first().copied().unwrap_or((0, 0));
    for &(a, b) in ranges.iter().skip(1) {
        if a <= e + 2 {
            e = e.max(b);
        } else {
            break;
        }
    }
    let text = |a: usize, b: usize| -> String {
        chars[a.min(chars.len())..b.min(chars.len())]
            .iter()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Read from a space before the match, the left context never reaches the start.
    let left_from = s.saturating_sub(context);
    let mut left = text(left_from, s);
    if (left_from > 0 || from.0 > 0)
        && let Some(cut) = left.find(' ')
    {
        left = format!("…{}", &left[cut..]);
    }
    let right_to = (e + context).min(chars.len());
    let mut right = text(e, right_to);
    if right_to < chars.len()
        && let Some(cut) = right.rfind(' ')
    {
        right = format!("{}…", &right[..cut]);
    }
    // Spaces at the edges of the match stay with its neighbours, as read.
    if chars
        .get(s.wrapping_sub(1))
        .is_some_and(|c| c.is_whitespace())
    {
        left.push(' ');
    }
    if chars.get(e).is_some_and(|c| c.is_whitespace()) {
        right.insert(0, ' ');
    }
    let after: String = chars[e.min(chars.len())..(e + 160).min(chars.len())]
        .iter()
        .collect();
    let before: String = chars[s.saturating_sub(40).min(e)..e].iter().collect();
    let figure = super::figures::first_figure_after(&before, &after);
    Line {
        figure: figure.as_ref().map(|f| f.text.clone()),
        value: figure.as_ref().map(|f| f.value),
        unit: figure.as_ref().map(|f| f.unit.clone()),
        at: h.at,
        doc: doc.id.clone(),
        passage: p.id.clone(),
        left,
        matched: text(s, e),
        right,
        place: doc.sections[h.at.section_index()]
            .locality
            .iter()
            .chain(&doc.localities)
            .find_map(|id| places.get(id.as_str()).map(|n| (*n).to_string())),
        date: doc.date.clone(),
    }
}

/// Order `lines` by `sort` (stable: equal lines keep the search's order).
pub fn sort(lines: &mut [Line], sort: Sort) {
    let backwards = |s: &str| s.split_whitespace().rev().collect::<Vec<_>>().join(" ");
    // Keys computed once per line: tens of thousands of lines sort in milliseconds.
    match sort {
        Sort::Rank => {}
        Sort::Left => lines.par_sort_by_cached_key(|l| vi_key(&backwards(&l.left))),
        Sort::Right => lines.par_sort_by_cached_key(|l| vi_key(l.right.trim_start())),
        // Unplaced last.
        Sort::Place => lines
            .sort_by_cached_key(|l| (l.place.is_none(), vi_key(l.place.as_deref().unwrap_or("")))),
        Sort::Figure => lines.sort_by(|a, b| match (&a.value, &b.value) {
            (Some(x), Some(y)) => a.unit.cmp(&b.unit).then(x.total_cmp(y)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }),
        // Undated last.
        Sort::Date => lines.sort_by(|a, b| match (&a.date, &b.date) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nth_space_is_found_across_blocks() {
        let text = (0..3000)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ")
            + " ";
        let bytes = text.as_bytes();
        let every: Vec<usize> = memchr::memchr_iter(b' ', bytes).collect();
        for n in [0, 1, 700, 1500, 2999] {
            assert_eq!(nth_space(bytes, n), Some(every[n]), "{n}");
        }
        assert_eq!(nth_space(bytes, 3000), None);
        assert_eq!(count_spaces(bytes), 3000);
    }
    use crate::search::{Scope, SearchIndex, search_all};

    #[test]
    fn the_match_sits_between_its_contexts() {
        let corpus = crate::embedded::corpus();
        let index = SearchIndex::build(&corpus);
        let hits = search_all(&index, &corpus, "cua luc", &Scope::All);
        let kwic = lines(&index, &corpus, &hits, 30);
        let with_text: Vec<&Hit> = hits.iter().filter(|h| !h.ranges.is_empty()).collect();
        assert_eq!(kwic.len(), with_text.len());
        let first = &kwic[0];
        assert_eq!(crate::text::fold_str(&first.matched), "cua luc");
        // Each line reads back as a piece of its passage.
        for (l, h) in kwic.iter().zip(with_text) {
            let text: String =
                h.at.get(&corpus)
                    .text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
            let joined = format!("{}{}{}", l.left, l.matched, l.right);
            let inner = joined.trim_start_matches('…').trim_end_matches('…');
            assert!(text.contains(inner), "{inner:?} not in {text:?}");
            assert!(l.left.chars().count() <= 32 && l.right.chars().count() <= 32);
        }
    }

    /// Read from a space before the match, a line is the line read from the passage's
    /// start, on text with numbers, dates and marks around the matches.
    #[test]
    fn lines_read_near_the_match_are_read_from_the_start() {
        let corpus = crate::embedded::corpus();
        let index = SearchIndex::build(&corpus);
        let places: HashMap<&str, &str> = corpus
            .localities
            .iter()
            .map(|l| (l.id.as_str(), l.name.as_str()))
            .collect();
        let mut cut = 0;
        for q in [
            "nghi quyet",
            "ha noi",
            "ty dong",
            "2020",
            "tang truong",
            "du an",
        ] {
            let hits = search_all(&index, &corpus, q, &Scope::All);
            for context in [10, 30, 60] {
                let got = lines(&index, &corpus, &hits, context);
                let want: Vec<Line> = hits
                    .iter()
                    .filter(|h| !h.ranges.is_empty())
                    .map(|h| line(&corpus, &places, h, context, (0, 0)))
                    .collect();
                assert_eq!(got, want, "{q}, {context}");
                cut += hits
                    .iter()
                    .filter(|h| start_near_match(&index, &corpus, h, context).0 > 0)
                    .count();
            }
        }
        assert!(
            cut > 0,
            "some lines are read from a space before their match"
        );
    }

    #[test]
    fn sorts_by_left_and_right_context() {
        let line = |left: &str, right: &str, place: Option<&str>| Line {
            at: crate::corpus::PassageRef::new(0, 0, 0),
            doc: String::new(),
            passage: String::new(),
            left: left.into(),
            matched: "X".into(),
            right: right.into(),
            place: place.map(str::to_string),
            date: None,
            figure: None,
            value: None,
            unit: None,
        };
        let mut v = vec![
            line("một hai ", " ba", Some("Hà Nội")),
            line("bốn a ", " ăn", Some("Đà Nẵng")),
            line("cuối b ", " an", None),
        ];
        sort(&mut v, Sort::Left);
        assert_eq!(
            v.iter().map(|l| l.left.as_str()).collect::<Vec<_>>(),
            ["bốn a ", "cuối b ", "một hai "]
        );
        sort(&mut v, Sort::Right);
        assert_eq!(v[0].right, " an");
        sort(&mut v, Sort::Place);
        assert_eq!(
            v.iter().map(|l| l.place.as_deref()).collect::<Vec<_>>(),
            [Some("Đà Nẵng"), Some("Hà Nội"), None]
        );
    }
}
