//! Dates and datelines: `06/06/2020`, `2020-06-06T14:00`, `ngày 6 tháng 6 năm 2020`, with a
//! clock time when one sits next to the date.

use std::fmt::Write as _;

use super::{folds_to, longer_than, word_spans};
use crate::preprocess::shapes::more_words_than;
use crate::text::fold_str;

/// A calendar date found in a line, with the byte span it came from.
#[derive(Debug, Clone, Copy)]
struct Ymd {
    y: u32,
    m: u32,
    d: u32,
    start: usize,
    end: usize,
}

/// A clock time found in a line, with the byte span it came from.
#[derive(Debug, Clone, Copy)]
struct Hms {
    h: u32,
    m: u32,
    s: Option<u32>,
    start: usize,
    end: usize,
}

/// A time further than this (in bytes) from the date belongs to something else in the sentence.
const MAX_TIME_GAP: usize = 25;

fn byte_at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// Reads `min..=max` ASCII digits at `i`; fails when the digit run is longer than `max`
/// (a longer number is a different field, e.g. `2020` is not a day).
fn digits_at(b: &[u8], i: usize, min: usize, max: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut v: u32 = 0;
    while j < b.len() && j - i < max && b[j].is_ascii_digit() {
        v = v * 10 + u32::from(b[j] - b'0');
        j += 1;
    }
    if j - i < min || byte_at(b, j).is_ascii_digit() {
        return None;
    }
    Some((v, j))
}

fn is_leap(y: u32) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

fn valid_ymd(y: u32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&y) && (1..=days).contains(&d)
}

/// Can a number start at `i`? Not inside a word or a longer numeric token such as
/// `202-QĐ/TW` or `10-11/2/2017`.
fn number_starts(b: &[u8], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = b[i - 1];
    if p.is_ascii_alphanumeric() {
        return false;
    }
    !(matches!(p, b'/' | b'.' | b'-' | b':' | b',') && i >= 2 && b[i - 2].is_ascii_digit())
}

/// Does a number end at `j`? Not when a letter or another numeric field follows.
fn number_ends(b: &[u8], j: usize) -> bool {
    let n = byte_at(b, j);
    if n.is_ascii_alphanumeric() {
        return false;
    }
    !(matches!(n, b'/' | b'.' | b'-' | b':') && byte_at(b, j + 1).is_ascii_digit())
}

/// `2020-06-06` (or `2020/06/06`), possibly glued to a `T14:00` time.
fn iso_at(b: &[u8], i: usize) -> Option<Ymd> {
    let (y, j) = digits_at(b, i, 4, 4)?;
    let sep = byte_at(b, j);
    if sep != b'-' && sep != b'/' {
        return None;
    }
    let (m, k) = digits_at(b, j + 1, 1, 2)?;
    if byte_at(b, k) != sep {
        return None;
    }
    let (d, e) = digits_at(b, k + 1, 1, 2)?;
    let glued_time = byte_at(b, e) == b'T' && byte_at(b, e + 1).is_ascii_digit();
    if !(number_ends(b, e) || glued_time) || !valid_ymd(y, m, d) {
        return None;
    }
    Some(Ymd {
        y,
        m,
        d,
        start: i,
        end: e,
    })
}

/// `06/06/2020`, `6-6-2020`, `06.06.2020`: one separator used twice, four-digit year.
fn dmy_at(b: &[u8], i: usize) -> Option<Ymd> {
    let (d, j) = digits_at(b, i, 1, 2)?;
    let sep = byte_at(b, j);
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    let (m, k) = digits_at(b, j + 1, 1, 2)?;
    if byte_at(b, k) != sep {
        return None;
    }
    let (y, e) = digits_at(b, k + 1, 4, 4)?;
    if !number_ends(b, e) || !valid_ymd(y, m, d) {
        return None;
    }
    Some(Ymd {
        y,
        m,
        d,
        start: i,
        end: e,
    })
}

fn small_number(w: &str, max_len: usize) -> Option<u32> {
    let w = w.trim_end_matches([',', '.', ';', ')']);
    if w.is_empty() || w.len() > max_len || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// `ngày 6 tháng 6 năm 2020` (the `ngày` is optional).
fn long_dates(line: &str) -> Vec<Ymd> {
    // Day, month and year are ASCII digits: most lines hold none and are not split into words.
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let words = word_spans(line);
    let mut out = Vec::new();
    for i in 0..words.len().saturating_sub(4) {
        let (Some(d), Some(m)) = (small_number(words[i].1, 2), small_number(words[i + 2].1, 2))
        else {
            continue;
        };
        let year_word = words[i + 4].1.trim_end_matches([',', '.', ';', ')']);
        // Only the words between two numbers are folded, not every word of the line.
        if !folds_to(words[i + 1].1, "thang")
            || !folds_to(words[i + 3].1, "nam")
            || year_word.len() != 4
        {
            continue;
        }
        let Some(y) = small_number(year_word, 4) else {
            continue;
        };
        if valid_ymd(y, m, d) {
            let end = words[i + 4].0 + year_word.len();
            out.push(Ymd {
                y,
                m,
                d,
                start: words[i].0,
                end,
            });
        }
    }
    out
}

fn find_dates(line: &str) -> Vec<Ymd> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit()
            && number_starts(b, i)
            && let Some(d) = iso_at(b, i).or_else(|| dmy_at(b, i))
        {
            out.push(d);
            i = d.end;
            continue;
        }
        i += 1;
    }
    out.extend(long_dates(line));
    out.sort_by_key(|d| d.start);
    out
}

/// The part of the day written after a clock time, which moves the hour: `PM`, `CH`
/// (chiều), `chiều`, `tối` add twelve to 1–11; `AM`, `SA` (sáng) make 12 into 0; `trưa` adds
/// twelve to 1–5 ("1 giờ trưa"), `đêm` to 6–12 ("11 giờ đêm", 12 midnight = 0); `sáng`
/// keeps the hour. Returns the hour and the end of the word, or `None` when no such word
/// follows at `at` (after spaces).
fn day_part(line: &str, at: usize, h: u32) -> Option<(u32, usize)> {
    let (word, end) = word_at(line, at)?;
    let lower = word.to_lowercase();
    let h = match (word, lower.as_str()) {
        (_, "am") | ("SA", _) => {
            if h == 12 {
                0
            } else {
                h
            }
        }
        (_, "pm" | "chiều" | "tối") | ("CH", _) if (1..=11).contains(&h) => h + 12,
        (_, "pm" | "chiều" | "tối" | "sáng") | ("CH", _) => h,
        (_, "trưa") if (1..=5).contains(&h) => h + 12,
        (_, "đêm") if (6..=11).contains(&h) => h + 12,
        (_, "đêm") if h == 12 => 0,
        (_, "trưa" | "đêm") => h,
        _ => return None,
    };
    Some((h, end))
}

/// The word starting at byte `at` after spaces: its letters and its end. `None` when no
/// letter starts there or a digit is glued to it ("9:15 SA3").
fn word_at(line: &str, at: usize) -> Option<(&str, usize)> {
    let rest = line.get(at..)?;
    let trimmed = rest.trim_start_matches(' ');
    if trimmed.len() == rest.len() {
        return None;
    }
    let start = at + (rest.len() - trimmed.len());
    let len = trimmed
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(trimmed.len(), |(i, _)| i);
    if len == 0 || trimmed[len..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((&trimmed[..len], start + len))
}

/// `9 giờ`, `9 giờ 15`, `9 giờ 15 phút` after the hour's digits ending at byte `j`: the
/// minutes and the end.
fn gio_time(line: &str, j: usize) -> Option<(u32, usize)> {
    let (word, mut end) = word_at(line, j)?;
    if word != "giờ" {
        return None;
    }
    let mut m = 0;
    let b = line.as_bytes();
    let k = end + 1;
    if byte_at(b, end) == b' '
        && let Some((mm, e)) = digits_at(b, k, 1, 2)
        && !byte_at(b, e).is_ascii_alphanumeric()
    {
        m = mm;
        end = e;
        if let Some(("phút", e)) = word_at(line, end) {
            end = e;
        }
    }
    Some((m, end))
}

/// `14:00`, `14:28:39`, `14h30`, `14h`, `9 giờ 15 phút`, with a part of the day after it
/// (`09:15 PM`, `9 giờ tối`, `21h tối`).
fn find_times(line: &str) -> Vec<Hms> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    for i in 0..b.len() {
        if !b[i].is_ascii_digit() {
            continue;
        }
        if i > 0 {
            let p = b[i - 1];
            // 'T' joins an ISO date and time; '+' starts a zone offset, not a time.
            let glued = p.is_ascii_alphanumeric() && p != b'T';
            let in_number =
                matches!(p, b'/' | b'.' | b'-' | b',') && i >= 2 && b[i - 2].is_ascii_digit();
            if glued || in_number || p == b':' || p == b'+' {
                continue;
            }
        }
        let Some((h, j)) = digits_at(b, i, 1, 2) else {
            continue;
        };
        let (m, s, end) = match byte_at(b, j) {
            b':' => {
                let Some((m, k)) = digits_at(b, j + 1, 2, 2) else {
                    continue;
                };
                match (byte_at(b, k), digits_at(b, k + 1, 2, 2)) {
                    (b':', Some((s, e))) => (m, Some(s), e),
                    _ => (m, None, k),
                }
            }
            b'h' | b'H' => {
                let (m, k) = digits_at(b, j + 1, 2, 2).unwrap_or((0, j + 1));
                // "240Hz", "5h30p" are not clock times.
                if byte_at(b, k).is_ascii_alphabetic() {
                    continue;
                }
                (m, None, k)
            }
            _ => match gio_time(line, j) {
                Some((m, e)) => (m, None, e),
                None => continue,
            },
        };
        if h < 24 && m < 60 && s.is_none_or(|s| s < 60) {
            let (h, end) = day_part(line, end, h).unwrap_or((h, end));
            out.push(Hms {
                h,
                m,
                s,
                start: i,
                end,
            });
        }
    }
    out
}

fn span_gap(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 <= b.0 {
        b.0 - a.1
    } else {
        a.0.saturating_sub(b.1)
    }
}

/// ISO 8601 date (`2020-06-06`, or `2020-06-06T14:00[:39]` when a clock time sits next to it)
/// from a dateline-ish line, or `None`. A day without a year is not a date.
pub fn parse_date(line: &str) -> Option<String> {
    let date = *find_dates(line).first()?;
    let mut out = format!("{:04}-{:02}-{:02}", date.y, date.m, date.d);
    let near = find_times(line)
        .into_iter()
        .map(|t| (span_gap((t.start, t.end), (date.start, date.end)), t))
        .filter(|(gap, _)| *gap <= MAX_TIME_GAP)
        .min_by_key(|(gap, _)| *gap);
    if let Some((_, t)) = near {
        // (Writing to a String cannot fail.)
        let _ = write!(out, "T{:02}:{:02}", t.h, t.m);
        if let Some(s) = t.s {
            let _ = write!(out, ":{s:02}");
        }
    }
    Some(out)
}

/// Folded words a dateline may carry besides the date and time themselves.
#[rustfmt::skip]
const DATELINE_WORDS: &[&str] = &[
    "cap", "nhat", "ngay", "dang", "luc", "vao", "thu", "hai", "ba", "tu", "nam", "sau", "bay",
    "chu", "cn", "t2", "t3", "t4", "t5", "t6", "t7", "gio", "sang", "chieu", "toi", "trua", "sa",
    "ch", "am", "pm", "updated", "posted", "published", "t", "thoi", "gian", "xuat", "ban", "tai",
];

/// `GMT+7`, `UTC`, `+07:00`: a time zone.
fn is_zone(f: &str) -> bool {
    let rest = f
        .strip_prefix("gmt")
        .or_else(|| f.strip_prefix("utc"))
        .unwrap_or(f);
    if rest.is_empty() {
        return f != rest;
    }
    let Some(off) = rest.strip_prefix('+').or_else(|| rest.strip_prefix('-')) else {
        return false;
    };
    !off.is_empty() && off.len() <= 5 && off.bytes().all(|b| b.is_ascii_digit() || b == b':')
}

/// Is the whole line a publication dateline: a date with a year, maybe a time and zone, and
/// only dateline words (`Cập nhật`, `Ngày đăng`, `Thứ Hai`, `GMT+7` …) and separators? Pieces
/// between `|` may also be page widgets (`Lượt xem: 1.234`, `In bài`), but not an author or
/// any other words (see [`split_dateline`] for those).
pub fn is_dateline(line: &str) -> bool {
    let line = line.trim();
    // A trailing comma means the sentence goes on in the next line ("Ngày 6/2/2016,").
    if longer_than(line, 120) || line.ends_with(',') {
        return false;
    }
    // A date is told by its ASCII digits: most lines hold none and are let go here.
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    if !longer_than(line, 80) && dateline_piece(line) == Some(true) {
        return true;
    }
    // "Thứ Năm, 12/05/2022 | 09:15 | Lượt xem: 1.234".
    if !line.contains('|') {
        return false;
    }
    let mut dated = false;
    for piece in line.split('|').map(str::trim).filter(|p| !p.is_empty()) {
        match dateline_piece(piece) {
            Some(d) => dated |= d,
            None if widget_piece(piece) => {}
            None => return false,
        }
    }
    dated
}

/// A dateline split at its bars: the ISO date (with the time, which may sit in a piece of its
/// own) and the other pieces, trimmed, in order, for the caller to classify: an author
/// (`Ngọc Mai | 12/05/2022 09:15`), a category (`Chính trị | Thứ Năm, 12/05/2022`), a view
/// counter. `None` when no piece is a date with a year (dateline words around it allowed)
/// or when a piece is a sentence of more than eight words.
pub fn split_dateline(line: &str) -> Option<(String, Vec<String>)> {
    let line = line.trim();
    // With no ASCII digit no piece holds a date (a year); most lines are let go here.
    if longer_than(line, 300) || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut dated = Vec::new();
    let mut others = Vec::new();
    let mut has_year = false;
    for piece in line.split('|').map(str::trim).filter(|p| !p.is_empty()) {
        // Counted by bytes, not split: most lines with a digit are long sentences.
        if more_words_than(piece, 8) {
            return None;
        }
        match dateline_piece(piece) {
            Some(d) => {
                has_year |= d;
                dated.push(piece);
            }
            None => others.push(piece.to_string()),
        }
    }
    if !has_year {
        return None;
    }
    Some((parse_date(&dated.join(" | "))?, others))
}

/// Folded labels of page widgets that share a line with the date, numbers removed.
#[rustfmt::skip]
const WIDGET_LABELS: &[&str] = &[
    "", "luot xem", "luot doc", "luot truy cap", "luot thich", "luot chia se", "luot binh luan",
    "luot view", "xem", "da xem", "views", "view", "binh luan", "chia se", "in", "in bai",
    "gui bai", "gui email", "email", "print", "share", "comments", "like", "facebook", "zalo",
    "a a", "a- a+", "a+ a-", "co chu",
];

/// A widget piece of a dateline: a counter (`Lượt xem: 1.234`, `0 bình luận`), a print or
/// share link.
fn widget_piece(piece: &str) -> bool {
    if longer_than(piece, 40) {
        return false;
    }
    let label: Vec<String> = piece
        .split(|c: char| c.is_whitespace() || ":()[]".contains(c))
        .map(|t| t.trim_matches(|c: char| ".,;".contains(c)))
        .filter(|t| t.chars().any(char::is_alphabetic))
        .map(fold_str)
        .collect();
    WIDGET_LABELS.contains(&label.join(" ").as_str())
}

/// Is `piece` only dates, times and dateline words? `Some(true)` with a date with a year,
/// `Some(false)` with only a time; `None` otherwise.
fn dateline_piece(line: &str) -> Option<bool> {
    let dates = find_dates(line);
    let times = find_times(line);
    if dates.is_empty() && times.is_empty() {
        return None;
    }
    let mut covered = vec![false; line.len()];
    let spans = dates.iter().map(|d| (d.start, d.end));
    for (a, b) in spans.chain(times.iter().map(|t| (t.start, t.end))) {
        covered[a..b].iter_mut().for_each(|c| *c = true);
    }
    let rest: String = line
        .char_indices()
        .map(|(i, c)| if covered[i] { ' ' } else { c })
        .collect();
    let mut prev = String::new();
    for tok in rest.split(|c: char| c.is_whitespace() || "|,()[]".contains(c)) {
        let tok = tok.trim_matches(|c: char| ".:;/-–—".contains(c));
        if tok.is_empty() {
            continue;
        }
        let f = fold_str(tok);
        let weekday_number =
            prev == "thu" && matches!(f.as_str(), "2" | "3" | "4" | "5" | "6" | "7");
        if !(DATELINE_WORDS.contains(&f.as_str()) || is_zone(&f) || weekday_number) {
            return None;
        }
        prev = f;
    }
    Some(!dates.is_empty())
}

#[cfg(test)]
mod tests;
