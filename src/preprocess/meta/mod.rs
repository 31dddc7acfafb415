//! Article metadata read off single header and footer lines of raw scraped news: datelines,
//! bylines, outlet tags and credits, copyright lines and photo credits.
//!
//! Every function judges one line by its shape only; deciding *where* in an article to look
//! (the lines under the title, the last content line) is the caller's job. Lines are expected
//! NFC, trimmed and single-spaced, but nothing here panics or slices off a char boundary on
//! any input: byte positions are only ever taken at ASCII bytes or from `char_indices`.
//!
//! These run on every line of an article, paragraphs of hundreds of words included, so they
//! stop early where they can: a length limit is checked without counting a whole long line,
//! and only the words that can change the answer are folded or lowercased.
//!
//! * `date.rs`: [`parse_date`], [`is_dateline`], [`split_dateline`];
//! * `byline.rs`: [`Byline`], [`parse_byline`], [`byline_outlet`], with personal names in `name.rs`;
//! * `outlet.rs`: [`outlet_tag`], [`outlet_line`], with the names of known outlets in
//!   `known_outlets.rs`;
//! * `copyright.rs`: [`is_copyright`], [`copyright_outlet`];
//! * `caption.rs`: [`has_photo_credit`];
//! * this file: helpers they share (word splitting, folding, name shapes).

mod byline;
mod caption;
mod copyright;
mod date;
mod known_outlets;
mod memo;
mod name;
mod outlet;

pub use byline::{Byline, byline_outlet, parse_byline, parsed_byline_outlet};
pub use caption::has_photo_credit;
pub use copyright::{copyright_outlet, is_copyright};
pub use date::{is_dateline, parse_date, split_dateline};
pub use known_outlets::{is_compiled_marker, is_known_outlet};
pub use outlet::{credit_author, outlet_line, outlet_tag};

/// A personal name alone ("Thu Hiền", "Jessie Bush"), as a byline or a caption prints it.
pub fn is_personal_name(t: &str) -> bool {
    let t = t.trim();
    (2..=4).contains(&t.split_whitespace().count())
        && t.split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && name::parse_name(t).is_some()
}

use crate::text::{canonical_tones, fold_char, fold_str, is_vietnamese_syllable, title_case};

// ---------------------------------------------------------------------------------------------
// Shared helpers for names and outlets
// ---------------------------------------------------------------------------------------------

/// Whitespace-separated words with their byte offsets.
fn word_spans(s: &str) -> Vec<(usize, &str)> {
    crate::text::word_offsets(s).collect()
}

/// `s` folded, with runs of spaces squeezed.
fn fold_words(s: &str) -> String {
    fold_words_within(s, usize::MAX).unwrap_or_default()
}

/// [`fold_words`], or `None` as soon as the result grows past `max` bytes: what a comparison
/// with a list of short names needs, without folding the rest of a long line.
fn fold_words_within(s: &str, max: usize) -> Option<String> {
    // Sized once for the usual result (folding seldom lengthens text, and it is given up
    // past `max`), not grown a char at a time.
    let mut out = String::with_capacity(s.len().min(max.saturating_add(5)));
    let mut space = false;
    for f in s.chars().filter_map(fold_char) {
        if f.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(f);
        if out.len() > max {
            return None;
        }
    }
    Some(out)
}

/// Length in bytes of the longest string of `list`.
const fn longest(list: &[&str]) -> usize {
    let mut i = 0;
    let mut max = 0;
    while i < list.len() {
        if list[i].len() > max {
            max = list[i].len();
        }
        i += 1;
    }
    max
}

/// Lowercased words with their marks, tones in one canonical place (`Hoá` = `Hóa`).
fn lower_words(s: &str) -> String {
    let lower = canonical_tones(&s.to_lowercase());
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

const TLDS: &[&str] = &[
    "vn", "com", "net", "org", "info", "tv", "edu", "gov", "io", "co", "fm",
];

/// `Chinhphu.vn`, `ANTT.VN`, `halongcity.gov.vn`.
fn is_domain(s: &str) -> bool {
    let s = s.strip_prefix("www.").unwrap_or(s);
    // Two pieces need a dot: most lines are told without splitting them.
    if !s.contains('.') {
        return false;
    }
    let pieces: Vec<&str> = s.split('.').collect();
    pieces.len() >= 2
        && pieces
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && pieces
            .last()
            .is_some_and(|t| TLDS.contains(&t.to_ascii_lowercase().as_str()))
}

/// `TTXVN`, `GD&TĐ`, `QĐND`, `KD&PL`: an all-caps acronym (digits and `&` `.` `+` allowed).
fn is_acronym(s: &str, max_chars: usize) -> bool {
    let n = s.chars().count();
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    n <= max_chars
        && upper >= 2
        && s.chars().next().is_some_and(char::is_uppercase)
        && s.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || "&.+".contains(c))
}

/// `Baonghean`, `TNTBros`, `VnExpress`: one capitalised token that is no Vietnamese syllable,
/// the shape of an outlet's brand name.
fn is_brand_token(s: &str) -> bool {
    let n = s.chars().count();
    (3..=20).contains(&n)
        && s.chars().next().is_some_and(char::is_uppercase)
        && s.chars().all(|c| c.is_alphanumeric() || c == '+')
        && !is_vietnamese_syllable(&fold_str(s))
}

fn vowel_count(folded: &str) -> usize {
    folded.chars().filter(|c| "aeiouy".contains(*c)).count()
}

/// Title-case an all-caps string word by word, keeping acronyms (`TTXVN`, `VTV`, `HCM`) that
/// are no Vietnamese syllable.
fn smart_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.is_empty() {
            return;
        }
        let f = fold_str(run);
        if is_vietnamese_syllable(&f) || (f.len() >= 5 && vowel_count(&f) >= 2) {
            out.push_str(&title_case(run));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars() {
        if c.is_alphabetic() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Strips a trailing `(...)` group (nested groups are kept together). Returns the text before
/// it and the group's inner text.
fn split_trailing_parens(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_end();
    let body = s.strip_suffix(')')?;
    let mut depth = 1;
    for (i, c) in body.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    return Some((body[..i].trim_end(), &body[i + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

fn strip_bullet(s: &str) -> &str {
    s.trim_start_matches(['*', '-', '•', '–', '+', '·', '●', '■', '►'])
        .trim_start()
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

const DASHES: [char; 3] = ['-', '–', '—'];

/// The rest of `s` after a folded ASCII `prefix` ending at a word boundary.
///
/// Folds only as far as the prefix and the char after it: each char folds to at most one
/// char, so the folded prefix is matched char by char, and the rest starts at the original
/// char that gave the first folded char after it, whatever marks it carried.
fn after_folded_prefix<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let mut want = prefix.chars();
    for (at, c) in s.char_indices() {
        let Some(f) = fold_char(c) else {
            continue;
        };
        match want.next() {
            Some(p) if p == f => {}
            Some(_) => return None,
            None => return matches!(f, ' ' | ':').then(|| &s[at..]),
        }
    }
    want.next().is_none().then_some("")
}

/// `s.chars().count() > n`, reading at most `n + 1` chars of a long line, and none of one
/// over `4 * n` bytes (no char is longer than 4): the rules ask this of every paragraph.
fn longer_than(s: &str, n: usize) -> bool {
    s.len() > n && (s.len() > n.saturating_mul(4) || s.chars().nth(n).is_some())
}

/// Is the first word of `s`, folded, exactly `word`? The same as
/// `fold_str(s).split_whitespace().next() == Some(word)`, folding only that word.
fn first_folded_word_is(s: &str, word: &str) -> bool {
    let mut folded = s
        .chars()
        .filter_map(fold_char)
        .skip_while(|c| c.is_whitespace());
    let mut want = word.chars();
    loop {
        match (folded.next().filter(|c| !c.is_whitespace()), want.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// `fold_str(s) == folded`, without building the folded string.
fn folds_to(s: &str, folded: &str) -> bool {
    s.chars().filter_map(fold_char).eq(folded.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_panics_on_odd_input() {
        let odd = [
            "(",
            ")",
            "-",
            "–",
            "/",
            ":",
            "©",
            "(Ảnh:",
            "Ảnh",
            "Theo ",
            "Nguồn:",
            "9/9/",
            "2020-",
            "14h",
            "1:",
            "(((",
            "Ảnh : ",
            "ĐĐĐ - ",
            "(X) –",
            "é\u{301}",
            "\u{301}Ảnh:",
            "T.",
            "..",
            "/",
            "* ",
            "A/",
            "Copyright",
            "Bản quyền",
            "ngày 6 tháng",
            "Thứ",
            "(T/h",
            "x)",
            "9 giờ",
            "9 giờ ",
            "9 giờ 1",
            "9:15 ",
            "9:15 Đ",
            "9h\u{301}",
            "| |",
            "12/05/2022 |",
            "|12/05/2022|Lượt xem:",
            "(BDO) ",
            "(BDO)Đ",
            "Báo Á -",
            "Báo Á - Đ",
            "® giữ bản quyền",
            "giữ bản quyền",
            "Á/Đ",
        ];
        for line in odd {
            let _ = parse_date(line);
            let _ = is_dateline(line);
            let _ = split_dateline(line);
            let _ = parse_byline(line);
            let _ = byline_outlet(line);
            if let Some((_, at)) = outlet_tag(line) {
                assert!(line.is_char_boundary(at));
            }
            let _ = outlet_line(line);
            let _ = copyright_outlet(line);
            let _ = is_copyright(line);
            let _ = has_photo_credit(line);
        }
    }
}
