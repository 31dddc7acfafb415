//! Sentence boundaries in running Vietnamese news text.
//!
//! A boundary is a run of final punctuation (`.`, `!`, `?`, `…`, `./.`), optionally closed by
//! quotes or brackets, then a space, then what can open a sentence (a capital, a digit, an
//! opening quote or bracket). It is not a boundary after an abbreviation (`TP.`, `GS.TS.`,
//! `Nxb.`, `Q.`), after an initial (`N.V.A.`, `Nguyễn V. A.`), nor inside a quotation: a
//! quoted speech of several sentences is one sentence with the words that introduce or
//! attribute it. Decimals, dates and thousands (`12.5`, `5.2.2017`, `1.000.000`) have no space
//! after their dots, so they never end a sentence.
//!
//! Every offset is a byte offset at a char boundary: positions come from `char_indices` or sit
//! right after an ASCII byte.

use std::ops::Range;

/// Abbreviations written with a final dot that never end a sentence (case-sensitive).
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "TP", "Tp", "tp", "Nxb", "NXB", "nxb", "GS", "TS", "PGS", "ThS", "Ths", "BS", "KS", "CN",
    "ThS.BS", "BSCKI", "BSCKII", "TX", "TT", "Th", "St", "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr",
    "tr", "Tr", "ĐH", "TTƯT", "NSND", "NSƯT", "No", "Vol", "vs",
];

/// Words that open a sentence and are never the second part of a name or a place: after one
/// of them, a single capital with a dot ("bảng A. Sau đó …") ends a sentence.
#[rustfmt::skip]
/// [`OPENERS`], looked up by hash.
pub(super) static OPENER_SET: crate::preprocess::word_set::WordSet =
    crate::preprocess::word_set::WordSet::new(OPENERS);

pub(super) const OPENERS: &[&str] = &[
    "Những", "Các", "Theo", "Trong", "Khi", "Sau", "Tại", "Với", "Nhưng", "Hiện", "Trước", "Việc",
    "Nếu", "Để", "Đây", "Điều", "Chúng", "Tuy", "Ngoài", "Bên", "Từ", "Vào", "Vì", "Do", "Dù",
    "Mặc", "Song", "Riêng", "Còn", "Cùng", "Đặc", "Bởi", "Lúc", "Hôm", "Sáng", "Chiều", "Tối",
    "Đêm", "Thời", "Nhiều", "Hầu", "Mọi", "Tất", "Toàn", "Cuối", "Đầu", "Có", "Không", "Đó",
    "Ngay", "Trên", "Dưới", "Giữa", "Qua", "Cũng", "Được", "Hơn", "Đến", "Chỉ", "Thậm", "Vậy",
    "Như", "Hãy", "Đồng", "Thực", "Ngày", "Tháng", "Năm",
];

/// Chars that end a sentence, alone or in a run (`...`, `?!`, `./.`).
fn is_final(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Chars that may close a sentence after its final punctuation.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | ')' | '»' | ']' | '\'')
}

/// Can a sentence start with this char?
fn opens_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '“' | '"' | '(' | '[' | '-' | '–' | '—' | '‘' | '\'' | '«'
        )
}

/// Byte ranges of the quotations of `t`: `“…”` pairs and `"…"` pairs. A quote mark that finds
/// no partner within `max_len` bytes is ignored, so one stray mark cannot swallow a text.
pub(super) fn quotations(t: &str, max_len: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut curly: Vec<usize> = Vec::new();
    let mut straight: Option<usize> = None;
    // Only `"` and chars led by 0xE2 (`“`, `”`) matter: found by their first byte, the text
    // between them is not decoded (0xE2 is a lead byte: a char starts there).
    for i in memchr::memchr2_iter(b'"', 0xE2, t.as_bytes()) {
        let Some(c) = t[i..].chars().next() else {
            continue;
        };
        match c {
            '“' => curly.push(i),
            '”' => {
                if let Some(o) = curly.pop()
                    && i - o <= max_len
                {
                    out.push(o..i + c.len_utf8());
                }
            }
            '"' => {
                // An opening mark follows a space or a bracket; a closing one follows a word.
                let prev = t[..i].chars().next_back().unwrap_or(' ');
                let opening = prev.is_whitespace() || matches!(prev, '(' | '[' | ':' | '-');
                match straight {
                    Some(o) if !opening => {
                        if i - o <= max_len {
                            out.push(o..i + 1);
                        }
                        straight = None;
                    }
                    // Another opening mark: the last one had no partner.
                    _ if opening => straight = Some(i),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// The word that ends at `end` (exclusive), without the brackets or quotes that open it.
fn word_before(t: &str, end: usize) -> &str {
    let start = t[..end]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    t[start..end].trim_start_matches(['(', '[', '“', '"', '‘', '\''])
}

/// The word that starts at `start`.
fn word_after(t: &str, start: usize) -> &str {
    let rest = &t[start..];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    rest[..end].trim_end_matches([',', ';', ':'])
}

/// Does a single dot after `word` mark an abbreviation or an initial rather than the end of
/// a sentence? `next` is the word that follows.
fn dot_is_abbreviation(word: &str, next: &str) -> bool {
    // "GS.TS", "N.V.A", "TP.HCM", "T.Luân": judge the part after the last inner dot.
    let last = word.rsplit('.').next().unwrap_or(word);
    if ABBREVIATIONS.contains(&word) || ABBREVIATIONS.contains(&last) {
        return true;
    }
    let mut chars = last.chars();
    let single_capital = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    // "Nguyễn V. A. cho biết", "N.V.A. Theo đó": an initial, unless a sentence opener follows.
    single_capital && !OPENER_SET.contains(next)
}

/// "… như sau: 1. Tăng cường …": a number of one or two digits that opens a sentence or
/// follows a colon numbers a list item; its dot ends nothing. `word` ends at `dot`.
fn is_list_number(t: &str, dot: usize, word: &str) -> bool {
    let before = t[..dot - word.len()].trim_end();
    (1..=2).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_digit())
        && (before.is_empty() || before.ends_with(['.', ':', ';', '!', '?']))
}

/// A boundary between two sentences: the first ends at `end`, the next starts at `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Boundary {
    pub end: usize,
    pub next: usize,
    /// Inside a quotation: a place to cut only a sentence too long for one passage.
    pub quoted: bool,
}

/// Every sentence boundary of `t`, in order, quoted ones included.
pub(super) fn boundaries(t: &str) -> Vec<Boundary> {
    let quotes = quotations(t, 1500);
    let in_quote = |at: usize| quotes.iter().any(|q| q.start < at && at < q.end);
    let mut out = Vec::new();
    let bytes = t.as_bytes();
    let mut from = 0;
    // Final punctuation is `.`, `!`, `?` or `…` (led by the byte 0xE2): found by its first
    // byte, the text between is not decoded. The next of each kind of byte is searched with
    // `memchr` and kept until passed.
    let find = |from: usize, hit: Option<usize>| hit.map_or(usize::MAX, |k| from + k);
    let mut next_stop = find(0, memchr::memchr3(b'.', b'!', b'?', bytes));
    let mut next_e2 = find(0, memchr::memchr(0xE2, bytes));
    loop {
        if next_stop < from {
            next_stop = find(from, memchr::memchr3(b'.', b'!', b'?', &bytes[from..]));
        }
        if next_e2 < from {
            next_e2 = find(from, memchr::memchr(0xE2, &bytes[from..]));
        }
        let i = next_stop.min(next_e2);
        if i == usize::MAX {
            break;
        }
        let Some(c) = t[i..].chars().next() else {
            break;
        };
        let mut end = i + c.len_utf8();
        from = end;
        if !is_final(c) {
            continue;
        }
        // The run: final punctuation, "/" inside "./.", closing quotes and brackets.
        let mut dots = usize::from(c == '.');
        let mut other_final = c != '.';
        let run_start = end;
        for (k, d) in t[run_start..].char_indices() {
            let j = run_start + k;
            if is_final(d) || is_closer(d) || (d == '/' && t[j + 1..].starts_with('.')) {
                dots += usize::from(d == '.');
                other_final |= is_final(d) && d != '.';
                end = j + d.len_utf8();
            } else {
                break;
            }
        }
        from = end;
        let rest = &t[end..];
        let Some(space) = rest.chars().next().filter(|c| c.is_whitespace()) else {
            continue;
        };
        let next = end + rest.len() - rest[space.len_utf8()..].trim_start().len();
        if !t[next..].chars().next().is_some_and(opens_sentence) {
            continue;
        }
        if dots == 1 && !other_final && t[i + 1..end].chars().all(is_closer) {
            let word = word_before(t, i);
            if dot_is_abbreviation(word, word_after(t, next)) || is_list_number(t, i, word) {
                continue;
            }
        }
        out.push(Boundary {
            end,
            next,
            quoted: in_quote(end),
        });
    }
    out
}

/// The sentences of `t` as byte ranges (trimmed), split at unquoted boundaries.
pub(super) fn sentences(t: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = t.len() - t.trim_start().len();
    for b in boundaries(t).into_iter().filter(|b| !b.quoted) {
        out.push(start..b.end);
        start = b.next;
    }
    let end = t.trim_end().len();
    if start < end {
        out.push(start..end);
    }
    out
}
