//! Article metadata read off single header and footer lines of raw scraped news: datelines,
//! bylines, outlet tags and credits, copyright lines and photo credits.
//!
//! Every function judges one line by its shape only; deciding *where* in an article to look
//! (the lines under the title, the last content line) is the caller's job. Lines are expected
//! NFC, trimmed and single-spaced, but nothing here panics or slices off a char boundary on
//! any input: byte positions are only ever taken at ASCII bytes or from `char_indices`.

use crate::text::{
    canonical_tones, fold, fold_str, is_all_caps, is_vietnamese_syllable, title_case,
};

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

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

/// Whitespace-separated words with their byte offsets.
fn word_spans(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
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
    let words = word_spans(line);
    let folded: Vec<String> = words.iter().map(|(_, w)| fold_str(w)).collect();
    let mut out = Vec::new();
    for i in 0..words.len().saturating_sub(4) {
        let (Some(d), Some(m)) = (small_number(words[i].1, 2), small_number(words[i + 2].1, 2))
        else {
            continue;
        };
        let year_word = words[i + 4].1.trim_end_matches([',', '.', ';', ')']);
        if folded[i + 1] != "thang" || folded[i + 3] != "nam" || year_word.len() != 4 {
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

/// `14:00`, `14:28:39`, `14h30`, `14h`.
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
            _ => continue,
        };
        if h < 24 && m < 60 && s.is_none_or(|s| s < 60) {
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
        out.push_str(&format!("T{:02}:{:02}", t.h, t.m));
        if let Some(s) = t.s {
            out.push_str(&format!(":{s:02}"));
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
/// only dateline words (`Cập nhật`, `Ngày đăng`, `Thứ Hai`, `GMT+7` …) and separators?
pub fn is_dateline(line: &str) -> bool {
    let line = line.trim();
    // A trailing comma means the sentence goes on in the next line ("Ngày 6/2/2016,").
    if line.chars().count() > 80 || line.ends_with(',') {
        return false;
    }
    let dates = find_dates(line);
    if dates.is_empty() {
        return false;
    }
    let mut covered = vec![false; line.len()];
    let spans = dates.iter().map(|d| (d.start, d.end));
    for (a, b) in spans.chain(find_times(line).iter().map(|t| (t.start, t.end))) {
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
            return false;
        }
        prev = f;
    }
    true
}

// ---------------------------------------------------------------------------------------------
// Shared helpers for names and outlets
// ---------------------------------------------------------------------------------------------

/// News agencies and outlets often credited by name alone. A bare line is only taken as an
/// outlet credit when it is one of these, since "Thanh Niên" could otherwise be a name.
/// Latin-only names, compared folded:
#[rustfmt::skip]
const KNOWN_OUTLETS: &[&str] = &[
    "ttxvn", "vna", "vov", "vtv", "vtc", "vtc news", "vtv news", "vnexpress", "vn express", "vne",
    "dantri", "tto", "tno", "zing", "zingnews", "zing news", "vietnamnet", "vietnamplus",
    "vietnam+", "qdnd", "qdnd online", "cand", "nld", "nldo", "plo", "sggp", "hnm", "dcsvn", "vgp",
    "baomoi", "kenh14", "soha", "cafef", "cafebiz", "infonet", "gdvn", "danviet", "trithuctre",
    "ttvh", "vnmedia", "vietq", "antt", "dtck", "vnn", "vnreview", "vietnam news", "ap", "afp",
    "reuters", "cnn", "bbc", "xinhua", "kyodo", "yonhap", "bloomberg", "sputnik", "tass",
    "ria novosti", "nhk", "dpa", "ansa", "the guardian", "guardian", "daily mail", "dailymail",
    "new york times", "nytimes", "washington post", "wsj", "upi", "tmz", "cnet", "scmp", "the sun",
    "mirror", "usa today", "cnbc", "nbc news", "fox news", "al jazeera", "espn", "financial times",
    "forbes", "the telegraph", "the independent",
];
/// Vietnamese names, compared with their marks ("Tiến Phong" is a person, "Tiền Phong" a paper);
/// an unaccented spelling ("Dan tri") is compared folded.
#[rustfmt::skip]
const KNOWN_OUTLETS_VI: &[&str] = &[
    "dân trí", "tuổi trẻ", "tuổi trẻ online", "thanh niên", "tiền phong", "lao động", "nhân dân",
    "quân đội nhân dân", "công an nhân dân", "người lao động", "pháp luật tp.hcm",
    "pháp luật tphcm", "sài gòn giải phóng", "hà nội mới", "giáo dục việt nam", "dân việt",
    "trí thức trẻ", "thể thao & văn hóa", "thể thao và văn hóa", "thể thao việt nam",
    "báo giao thông", "kinh tế đô thị", "an ninh thủ đô", "đời sống plus", "đời sống & pháp luật",
    "khỏe & đẹp", "khám phá", "tân hoa xã", "kiến thức", "một thế giới", "đất việt", "ngôi sao",
    "gia đình & xã hội", "pháp luật việt nam", "thông tấn xã việt nam",
];

/// "Compiled from several sources" markers: credits without a single outlet. "TH" alone could be
/// initials, so it only counts in brackets.
const COMPILED: &[&str] = &["t/h", "tong hop", "st", "suu tam", "t/hop"];
const COMPILED_BRACKETED: &[&str] = &["th", "t.h", "th."];

/// `s` folded, with runs of spaces squeezed.
fn fold_words(s: &str) -> String {
    fold_str(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_known_outlet(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    let f = fold_words(s);
    if KNOWN_OUTLETS.contains(&f.as_str()) {
        return true;
    }
    let marked = lower_words(s);
    KNOWN_OUTLETS_VI.contains(&marked.as_str())
        || (s.is_ascii() && KNOWN_OUTLETS_VI.iter().any(|o| fold_str(o) == f))
}

/// Lowercased words with their marks, tones in one canonical place (`Hoá` = `Hóa`).
fn lower_words(s: &str) -> String {
    let lower = canonical_tones(&s.to_lowercase());
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_compiled_marker(s: &str) -> bool {
    COMPILED.contains(&fold_words(s.trim()).as_str())
}

fn is_compiled_bracketed(s: &str) -> bool {
    let f = fold_words(s.trim());
    COMPILED.contains(&f.as_str()) || COMPILED_BRACKETED.contains(&f.as_str())
}

const TLDS: &[&str] = &[
    "vn", "com", "net", "org", "info", "tv", "edu", "gov", "io", "co", "fm",
];

/// `Chinhphu.vn`, `ANTT.VN`, `halongcity.gov.vn`.
fn is_domain(s: &str) -> bool {
    let s = s.strip_prefix("www.").unwrap_or(s);
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

// ---------------------------------------------------------------------------------------------
// Outlet tags and credit lines
// ---------------------------------------------------------------------------------------------

/// Capitalised acronyms that open ordinary sentences and headings: bodies, not outlets.
const NOT_OUTLETS: &[&str] = &[
    "UBND", "HĐND", "MTTQ", "BCH", "BTV", "TP", "TPHCM", "TP.HCM", "CLB", "THPT", "THCS", "ĐH",
    "ĐHQG", "BHXH", "BHYT", "CSGT", "GTVT", "ASEAN", "APEC", "WHO", "EU", "NATO", "FIFA", "VFF",
];

/// Shape of the tag inside `(…) -`: a known outlet, a domain, an acronym, a brand token, or an
/// acronym plus `Online`/`News`.
fn bracketed_tag_ok(tag: &str) -> bool {
    let n = tag.chars().count();
    if !(2..=20).contains(&n) || tag.contains(':') {
        return false;
    }
    if is_known_outlet(tag) || is_domain(tag) {
        return true;
    }
    let words: Vec<&str> = tag.split_whitespace().collect();
    match words.as_slice() {
        [one] => is_acronym(one, 15) || is_brand_token(one),
        [first, suffix] => {
            is_acronym(first, 10)
                && ["online", "news", "plus", "tv"].contains(&fold_str(suffix).as_str())
        }
        _ => false,
    }
}

const DASHES: [char; 3] = ['-', '–', '—'];

/// `(TAG) - text` starting at byte `open` (an ASCII `(`) of `s`.
fn bracketed_tag_at(s: &str, open: usize) -> Option<(String, usize)> {
    let inner_and_rest = s.get(open + 1..)?;
    let close = inner_and_rest.find(')')?;
    let tag = inner_and_rest[..close].trim();
    if !bracketed_tag_ok(tag) {
        return None;
    }
    let after = open + 1 + close + 1;
    let sep = s.get(after..)?.trim_start();
    let sep_pos = s.len() - sep.len();
    let dash = sep.chars().next().filter(|c| DASHES.contains(c))?;
    let start = tag_rest_start(s, sep_pos + dash.len_utf8())?;
    Some((tag.to_string(), start))
}

/// After the separator: the paragraph proper, starting like a sentence.
fn tag_rest_start(s: &str, from: usize) -> Option<usize> {
    let rest = s.get(from..)?;
    let skipped = rest.len() - rest.trim_start().len();
    let start = from + skipped;
    let first = s.get(start..)?.chars().next()?;
    (first.is_uppercase() || first.is_ascii_digit() || "\"“'‘".contains(first)).then_some(start)
}

/// Outlet tag at the start of a paragraph: `(QTO) - Xác định …`, `TTXVN - Ngày 19/7 …`,
/// `(PLO)- …`, `QĐND Online - …`. Returns the tag and the byte offset where the text after it
/// begins.
pub fn outlet_tag(line: &str) -> Option<(String, usize)> {
    let s = line;
    if s.starts_with('(') {
        return bracketed_tag_at(s, 0);
    }
    // "Hà Nội (TTXVN) - …": a dateline place (capitalised Vietnamese words) before the tag.
    if let Some(open) = s.find(" (").filter(|&o| o <= 40) {
        let place: Vec<&str> = s[..open].split_whitespace().collect();
        let place_ok = place.iter().all(|w| {
            starts_upper(w)
                && (w.contains('.') || is_vietnamese_syllable(&fold_str(w.trim_end_matches(','))))
        });
        if (1..=4).contains(&place.len()) && place_ok {
            return bracketed_tag_at(s, open + 1);
        }
    }
    // Unbracketed: the tag is everything before the first dash, which must be spaced on at
    // least one side so that "VN-Index" or "GD-ĐT" are not split.
    let dash_pos = s.find(DASHES)?;
    let dash = s[dash_pos..].chars().next()?;
    let before = &s[..dash_pos];
    let after_pos = dash_pos + dash.len_utf8();
    let spaced = before.ends_with(' ') || s[after_pos..].starts_with(' ');
    let tag = before.trim();
    if !spaced || tag.is_empty() || tag.chars().count() > 15 {
        return None;
    }
    let known = is_known_outlet(tag) || is_domain(tag);
    let words: Vec<&str> = tag.split_whitespace().collect();
    let shaped = match words.as_slice() {
        [one] => is_acronym(one, 15) && !NOT_OUTLETS.contains(one),
        [first, suffix] => {
            is_acronym(first, 10)
                && ["online", "news", "plus", "tv"].contains(&fold_str(suffix).as_str())
        }
        _ => false,
    };
    if !(known || shaped) {
        return None;
    }
    let start = tag_rest_start(s, after_pos)?;
    let rest = &s[start..];
    let rest_words = rest.split_whitespace().count();
    // A known outlet is enough; an unknown acronym must lead a real paragraph, not a heading
    // such as "HACHIKO - Chú chó đợi chờ đã đến Việt Nam".
    let sentence = rest_words >= 8 && rest.trim_end().ends_with(['.', '…', '!', '?', '"', '”']);
    if (known && rest_words >= 3) || sentence {
        Some((tag.to_string(), start))
    } else {
        None
    }
}

/// Lowercase descriptors that may open an outlet name after "Theo": "theo báo Tuổi Trẻ".
const OUTLET_KINDS: &[&str] = &[
    "bao", "tap chi", "trang", "kenh", "dai", "hang", "cong", "website",
];

/// Words that introduce the credited source (folded): "Theo X", "Tổng hợp từ X", "Lược dịch X".
#[rustfmt::skip]
const CREDIT_LEADS: &[&str] = &[
    "theo", "tong hop tu", "tong hop theo", "luoc dich tu", "luoc dich theo", "luoc dich",
    "luoc theo", "dich tu", "dich theo", "dang theo", "bien dich tu", "trich tu",
];

/// Labels before a colon that introduce the source (folded), longest first.
#[rustfmt::skip]
const CREDIT_LABELS: &[&str] = &[
    "nguon tham khao", "tai lieu tham khao", "nguon tin", "nguon", "tham khao", "source",
];

/// The rest of `s` after a folded ASCII `prefix` ending at a word boundary.
fn after_folded_prefix<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let f = fold(s);
    let rest = f.text.strip_prefix(prefix)?;
    if !(rest.is_empty() || rest.starts_with([' ', ':'])) {
        return None;
    }
    // The prefix is ASCII, so its byte length is its length in folded chars; the map leads
    // back to the original char, whatever marks it carried.
    let byte = match f.map.get(prefix.len()) {
        Some(&ci) => s.char_indices().nth(ci).map_or(s.len(), |(b, _)| b),
        None => s.len(),
    };
    s.get(byte..)
}

/// A short list of sources: "Washington Post, Daily Mail", "Indiatoday và The Huffington Post".
fn source_list(c: &str) -> bool {
    let parts: Vec<&str> = c
        .split([',', ';'])
        .flat_map(|p| p.split(" và "))
        .map(str::trim)
        .collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            let n = p.split_whitespace().count();
            (1..=4).contains(&n) && (starts_upper(p) || is_domain(p))
        })
}

/// What follows `Theo ` in a credit line: a short outlet or author/outlet, not a clause.
fn theo_credit(c: &str) -> Option<String> {
    let c = c.trim().trim_end_matches('.').trim();
    if c.is_empty() || c.ends_with(':') {
        return None;
    }
    let (head, paren) = match split_trailing_parens(c) {
        Some((head, inner)) => (head, Some(inner.trim())),
        None => (c, None),
    };
    // "Theo đó, …" / "Theo tờ X, tiền đạo …": a comma outside brackets means a sentence,
    // unless the parts are all source names ("Theo TASS, The Sun").
    let words = head.split_whitespace().count();
    let bracket_outlet = paren.is_some_and(|p| !p.is_empty() && !is_compiled_bracketed(p));
    let list_ok = !head.contains([',', ';']) || source_list(head) || bracket_outlet;
    if words > 10 || (words > 8 && !bracket_outlet) || !list_ok {
        return None;
    }
    let f = fold_words(head);
    let kind_led = OUTLET_KINDS
        .iter()
        .any(|k| f.starts_with(k) && f[k.len()..].starts_with(' '));
    // "theo vne", "theo thecoverage": a lone lowercase brand, but not "theo đó".
    let lone_brand = words == 1 && !head.contains(',') && !is_vietnamese_syllable(&f);
    if !(head.is_empty() || starts_upper(head) || kind_led || lone_brand || is_domain(head)) {
        return None;
    }
    match paren {
        // "Theo Vân Anh (Khám phá)": the outlet is in brackets after the author.
        Some(p) if !p.is_empty() && !is_compiled_bracketed(p) => {
            let p = after_folded_prefix(p, "theo").map_or(p, str::trim);
            (!p.is_empty()).then(|| p.to_string())
        }
        _ if head.is_empty() => None,
        // "Theo Kim Kim/VNE": the author, then the outlet.
        _ => match head.split_once('/') {
            Some((name, outlet)) if parse_name(name).is_some() && !outlet.trim().is_empty() => {
                Some(outlet.trim().to_string())
            }
            _ => Some(head.to_string()),
        },
    }
}

/// The line body of an outlet credit (brackets already removed when `bracketed`).
fn outlet_body(s: &str, bracketed: bool) -> Option<String> {
    // A name is not a sentence: "Báo PLVN sẽ tiếp tục thông tin." is one.
    let ends_sentence = s.trim_end().ends_with(['.', '!', '?']);
    let s = s.trim().trim_end_matches('.').trim();
    if s.is_empty() {
        return None;
    }
    for label in CREDIT_LABELS {
        let Some(rest) = after_folded_prefix(s, label) else {
            continue;
        };
        let rest = rest.trim_start();
        let words = rest.split_whitespace().count();
        return match rest.strip_prefix(':') {
            Some(r) if (1..=10).contains(&r.split_whitespace().count()) => {
                Some(r.trim().to_string())
            }
            // "Nguồn VnEconomy"; not "Nguồn gốc …" or "Nguồn tin của …".
            None if *label == "nguon" && (1..=4).contains(&words) && starts_upper(rest) => {
                Some(rest.to_string())
            }
            _ => None,
        };
    }
    for lead in CREDIT_LEADS {
        if let Some(rest) = after_folded_prefix(s, lead) {
            return theo_credit(rest.trim_start_matches([':', ' ']));
        }
    }
    let compiled = if bracketed {
        is_compiled_bracketed(s)
    } else {
        is_compiled_marker(s)
    };
    if compiled || is_known_outlet(s) || is_domain(s) {
        return Some(s.to_string());
    }
    // "BBC, Reuters": several sources, at least one of them a known outlet.
    if source_list(s) && s.split([',', ';']).any(is_known_outlet) {
        return Some(s.to_string());
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() > 8 {
        return None;
    }
    // "TTXVN/Vietnam+", "TTXVN/Tin Tức": agency / its outlet. "Vũ Dũng/VOV" is a byline.
    if let Some((left, right)) = s.split_once('/') {
        let left = left.trim();
        let outletish = (is_known_outlet(left) || is_acronym(left, 10) || is_domain(left))
            && !generic_staff(left);
        let right = right.trim();
        let named = starts_upper(right) || is_domain(right);
        if outletish && named && right.split_whitespace().count() <= 4 {
            return Some(s.to_string());
        }
    }
    if bracketed && words.len() == 1 && (is_acronym(s, 12) || is_brand_token(s)) {
        return Some(s.to_string());
    }
    // "Báo Giao thông", "Tạp chí Cộng sản", "Báo điện tử Xây dựng". Compared with marks:
    // "Bảo", "Công", "Đại" open names.
    let lower: Vec<String> = words.iter().take(3).map(|w| w.to_lowercase()).collect();
    let kind_len = match lower
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["báo", "điện", "tử"] => 3,
        ["tạp", "chí", ..] | ["thời", "báo", ..] | ["tuần", "báo", ..] | ["nhật", "báo", ..] => {
            2
        }
        ["báo" | "đài" | "kênh" | "cổng", ..] => 1,
        _ => 0,
    };
    let name_like = words.len() <= 6
        && !ends_sentence
        && !s.contains([':', '"', '“', '”', '\''])
        && !s.chars().any(|c| c.is_ascii_digit())
        && !words
            .iter()
            .any(|w| VERBISH.contains(&w.to_lowercase().as_str()))
        && lower_words(s) != "đài loan";
    if kind_len > 0
        && name_like
        && starts_upper(words[0])
        && words.get(kind_len).is_some_and(|w| starts_upper(w))
    {
        return Some(s.to_string());
    }
    // "Yahoo News", "Đời sống Plus", "Tuổi Trẻ Online".
    let suffixes = [
        "news", "times", "post", "online", "plus", "tv", "daily", "today", "magazine",
    ];
    let last = fold_str(words[words.len() - 1]);
    let plain = !s.contains(':')
        && words
            .iter()
            .all(|w| !NOT_NAME_WORDS.contains(&w.to_lowercase().as_str()));
    if (2..=5).contains(&words.len())
        && starts_upper(s)
        && plain
        && suffixes.contains(&last.as_str())
    {
        return Some(s.to_string());
    }
    None
}

/// Verbs and auxiliaries that turn "Báo X …" into a headline or a sentence.
#[rustfmt::skip]
const VERBISH: &[&str] = &[
    "sẽ", "đã", "đang", "được", "bị", "cập", "đưa", "cho", "biết", "tiếp", "tục", "chỉ", "trích",
    "nói", "viết", "phản", "ánh", "khẳng", "định", "đăng", "tải", "bố", "là", "có", "không", "và",
    "với", "về", "của", "tin", "ra", "mắt", "tổ", "chức", "trao", "giải", "kêu", "gọi",
];

/// A whole line that only credits the source or outlet: `/KD&PL`, `(Theo VnExpress)`,
/// `Theo TTXVN`, `Nguồn: Báo Nhân Dân`, `(T/h)`, `TTXVN/Vietnam+`. Returns the outlet as
/// written (for "Theo author (Outlet)" the bracketed outlet; "(Tổng hợp)" gives "Tổng hợp").
pub fn outlet_line(line: &str) -> Option<String> {
    let s = line.trim();
    if s.is_empty() || s.chars().count() > 100 {
        return None;
    }
    if let Some(r) = s.strip_prefix('/') {
        let r = r.trim().trim_end_matches('.').trim();
        let words = r.split_whitespace().count();
        return (words > 0 && words <= 5 && (starts_upper(r) || is_domain(r)))
            .then(|| r.to_string());
    }
    let s = strip_bullet(s).trim_end_matches(['-', '–', ' ']);
    // "(Theo VnExpress)", "(T/h)": one bracketed group is the whole line.
    let unclosed = s.strip_suffix('.').unwrap_or(s);
    if let Some(("", inner)) = split_trailing_parens(unclosed) {
        return outlet_body(inner, true);
    }
    outlet_body(s, false)
}

// ---------------------------------------------------------------------------------------------
// Copyright
// ---------------------------------------------------------------------------------------------

/// Is this a copyright or rights line (`Copyright …`, `©`, `Bản quyền thuộc …`,
/// `All rights reserved`, `Ghi rõ nguồn … khi phát hành lại`)?
pub fn is_copyright(line: &str) -> bool {
    let s = strip_bullet(line.trim());
    if s.is_empty() || s.chars().count() > 250 {
        return false;
    }
    let f = fold_str(s);
    if f.contains("all rights reserved") || f.contains("giu ban quyen") {
        return true;
    }
    if let Some(at) = s.find('©') {
        // "Ảnh: © Reuters" is a photo credit that happens to carry the sign.
        let before = fold_str(&s[..at]);
        return !(before.contains("anh") || before.contains("photo"));
    }
    let year_follows = |rest: &str| {
        let rest = rest.trim_start_matches([' ', ':', '(', 'c', ')']);
        rest.starts_with("19") || rest.starts_with("20")
    };
    if let Some(rest) = f.strip_prefix("copyright") {
        return rest.is_empty() || rest.starts_with([' ', ':', '(']);
    }
    if let Some(at) = f.find("copyright") {
        let rest = &f[at + "copyright".len()..];
        return year_follows(rest) || rest.trim_start().starts_with("by ");
    }
    if let Some(rest) = f.strip_prefix("ban quyen") {
        // "Bản quyền thuộc …", "Bản quyền clip thuộc VTV", "Bản quyền 2020 …"; not
        // "Bản quyền truyền hình World Cup đã được …".
        let near: Vec<&str> = rest.split_whitespace().take(3).collect();
        return near.contains(&"thuoc")
            || year_follows(rest)
            || s.chars().count() <= 40 && near.is_empty();
    }
    if f.contains("(c) 19") || f.contains("(c) 20") {
        return true;
    }
    // "Nghiêm cấm sao chép …", "Không được sao chép khi chưa có sự đồng ý …".
    let lower = s.to_lowercase();
    if s.chars().count() <= 200
        && ["cấm sao chép", "không được sao chép", "không sao chép"]
            .iter()
            .any(|p| lower.contains(p))
    {
        return true;
    }
    // "Ghi rõ nguồn 'Báo X' khi phát hành lại thông tin từ website này"; not "ghi rõ nguồn gốc".
    f.contains("ghi ro nguon")
        && !f.contains("ghi ro nguon goc")
        && [
            "khi phat hanh lai",
            "khi dang lai",
            "khi su dung lai",
            "khi trich dan",
            "khi dang tai lai",
        ]
        .iter()
        .any(|p| f.contains(p))
}

/// Words that open or link a copyright notice to the outlet (folded).
#[rustfmt::skip]
const COPYRIGHT_LINKS: &[&str] = &[
    "copyright", "©", "(c)", "ban", "quyen", "thuoc", "ve", "by", "cua",
];

fn is_year_token(t: &str) -> bool {
    let t = t.trim_matches([',', '.', ':']);
    !t.is_empty()
        && t.split(['-', '–'])
            .all(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
}

/// The outlet named on a copyright line: `Copyright 2020 by BÁO QUẢNG TRỊ` → `Báo Quảng Trị`,
/// `© 2020 Báo Nhân Dân`, `Bản quyền thuộc về Báo X`, `Copyright © Tuổi Trẻ Online`.
pub fn copyright_outlet(line: &str) -> Option<String> {
    if !is_copyright(line) {
        return None;
    }
    let s = strip_bullet(line.trim()).trim_start_matches('®').trim();
    // "Ghi rõ nguồn 'Báo X' khi phát hành lại": the outlet is the quoted part.
    let quotes = ['"', '“', '”', '\'', '‘', '’'];
    if fold_str(s).contains("ghi ro nguon") {
        let quoted = s
            .split(quotes)
            .nth(1)
            .map(str::trim)
            .filter(|q| !q.is_empty())?;
        return Some(finish_outlet(quoted));
    }
    // The notice proper ends at a sentence break, a comma, a bar or a spaced dash.
    let end = s
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, ',' | '|' | ';')
                || (c == '.' && s[i + 1..].starts_with(' '))
                || (DASHES.contains(&c) && s[..i].ends_with(' '))
        })
        .map_or(s.len(), |(i, _)| i);
    let notice = s[..end].trim().trim_end_matches('.');
    // The outlet follows the last linking word ("by", "thuộc về", "©"), years skipped.
    let words = word_spans(notice);
    let last_link = words
        .iter()
        .rposition(|(_, w)| COPYRIGHT_LINKS.contains(&fold_str(w).as_str()))?;
    let first = (last_link + 1..words.len()).find(|&i| !is_year_token(words[i].1))?;
    let name = notice[words[first].0..].trim();
    let n = name.split_whitespace().count();
    if n == 0 || n > 8 || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    Some(finish_outlet(name))
}

fn finish_outlet(name: &str) -> String {
    if is_all_caps(name) {
        smart_case(name)
    } else {
        name.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// Photo credits
// ---------------------------------------------------------------------------------------------

/// How a credit marker reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// `Ảnh:`, `Photo:`, `Nguồn ảnh:`: a label and a colon.
    Labelled,
    /// `Ảnh minh họa`, `Ảnh tư liệu`, `Ảnh cắt từ clip`: a stock phrase.
    Stock,
    /// `Ảnh do X cung cấp`.
    ProvidedBy,
    /// `Ảnh Nguyên Huy`, `Ảnh CTV`: the word and a name, no colon.
    Named,
    /// `(Nguồn: Reuters)`: only inside brackets or after a caption's sentence.
    Source,
}

/// Stock words after "Ảnh"/"Hình" (folded).
const STOCK_PHRASES: &[&[&str]] = &[
    &["minh", "hoa"],
    &["tu", "lieu"],
    &["internet"],
    &["st"],
    &["tl"],
    &["ctv"],
    &["nv"],
    &["nvcc"],
    &["cat", "tu"],
    &["cat", "ra", "tu"],
    &["duoc", "cat", "tu"],
    &["chup", "tu", "clip"],
    &["chup", "tu", "video"],
    &["chup", "man", "hinh"],
    &["tu", "clip"],
    &["tu", "video"],
    &["su", "dung", "trong", "bai"],
    &["nguon"],
    &["facebook"],
    &["fb"],
];

/// Words of a possible credit, split at whitespace and after each colon (so that "Ảnh:AP" reads
/// as "Ảnh:" "AP"), with byte offsets. Only the first few are needed.
fn marker_words(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if out.len() >= 6 {
            break;
        }
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((st, &s[st..i]));
            }
            continue;
        }
        let st = *start.get_or_insert(i);
        if c == ':' {
            out.push((st, &s[st..i + 1]));
            start = None;
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// Matches a credit marker at the start of `words`; returns it and how many words it spans.
fn match_marker(words: &[(usize, &str)]) -> Option<(Marker, usize)> {
    let low = |i: usize| {
        words
            .get(i)
            .map(|(_, w)| w.to_lowercase())
            .unwrap_or_default()
    };
    let bare = |i: usize| fold_str(low(i).trim_end_matches([':', '.', ')', ',']));
    let colon = |i: usize| {
        if low(i).ends_with(':') {
            Some(i + 1)
        } else if low(i + 1) == ":" {
            Some(i + 2)
        } else {
            None
        }
    };
    // The first word is compared with its marks: "Ảnh" is a photo, "Anh" a name or England.
    let first = low(0);
    let head = first.trim_end_matches(':');
    let photo_word = matches!(
        head,
        "ảnh" | "hình" | "photo" | "photos" | "ảnh/photo" | "ảnh/video" | "ảnh/clip"
    );
    if photo_word && let Some(n) = colon(0) {
        return Some((Marker::Labelled, n));
    }
    if head == "photo" && low(1) == "by" {
        return Some((Marker::Labelled, 2));
    }
    if matches!(head, "nguồn" | "đồ" | "hình")
        && matches!(bare(1).as_str(), "anh" | "hoa")
        && let Some(n) = colon(1)
    {
        return Some((Marker::Labelled, n));
    }
    if matches!(head, "ảnh" | "hình") {
        for phrase in STOCK_PHRASES {
            let n = phrase.len();
            let hit = (0..n).all(|k| {
                let w = if k + 1 == n {
                    bare(1 + k)
                } else {
                    fold_str(&low(1 + k))
                };
                w == phrase[k]
            });
            if hit {
                return Some((Marker::Stock, 1 + n));
            }
        }
        if head == "hình" {
            return None;
        }
        if bare(1) == "do" {
            return Some((Marker::ProvidedBy, 2));
        }
        // "Ảnh báo PK-KQ", "Ảnh của Canloker": a name must follow.
        if matches!(bare(1).as_str(), "bao" | "cua") && words.len() > 2 {
            return Some((Marker::Named, 2));
        }
        let next_upper = words.get(1).is_none_or(|(_, w)| starts_upper(w));
        return next_upper.then_some((Marker::Named, 1));
    }
    // "(Nguồn: Reuters)", "(Nguồn Dailymail)"; not "(nguồn gốc …)".
    if head == "nguồn" {
        let named = words.get(1).is_some_and(|(_, w)| starts_upper(w));
        return match colon(0) {
            Some(n) => Some((Marker::Source, n)),
            None => named.then_some((Marker::Source, 1)),
        };
    }
    None
}

/// The credited name after a marker: short, and at the end of the line.
fn credit_tail_ok(tail: &str, marker: Marker, bracketed: bool, after_break: bool) -> bool {
    let tail = tail
        .trim()
        .trim_start_matches(':')
        .trim_end_matches(|c: char| c.is_whitespace() || ").]”\"'".contains(c))
        .trim();
    let words: Vec<&str> = tail.split_whitespace().collect();
    if tail.chars().count() > 70 || words.len() > 10 {
        return false;
    }
    match marker {
        // A bare "Ảnh" ending a caption: the name was broken onto the next line.
        Marker::Named if words.is_empty() => after_break,
        Marker::Named if bracketed => true,
        Marker::Named => {
            words.len() <= 5 && (words.len() <= 3 || words.iter().all(|w| starts_upper(w)))
        }
        Marker::ProvidedBy => fold_str(tail).ends_with("cung cap"),
        Marker::Source => !words.is_empty(),
        Marker::Labelled | Marker::Stock => true,
    }
}

/// Does the line carry a photo credit at its end (or consist of one)? `… (Ảnh: An
/// Đăng/TTXVN).`, `… Ảnh: ĐÌNH BẢO`, `(Ảnh:baophutho.vn)`, `Ảnh minh họa`, `Photo: Reuters`,
/// `Nguồn ảnh: …`. "ảnh hưởng" or "hình ảnh" inside a paragraph is not a credit, and neither
/// is a byline label such as "Bài, ảnh: Thu Hà".
pub fn has_photo_credit(line: &str) -> bool {
    let s = line.trim();
    if strip_byline_label(s).is_some_and(|rest| rest.len() < s.len()) {
        return false;
    }
    let mut prev: Option<char> = None;
    for (p, c) in s.char_indices() {
        let before_char = prev;
        prev = Some(c);
        // Every marker starts with one of these letters; skip the rest cheaply.
        let lower = c.to_lowercase().next().unwrap_or(c);
        if !matches!(lower, 'ả' | 'h' | 'p' | 'n' | 'đ') {
            continue;
        }
        let at_word = before_char.is_none_or(|q| !q.is_alphanumeric());
        // "…gần đâyẢnh: REUTERS": a credit glued to the caption by a lost space.
        let glued = c.is_uppercase() && before_char.is_some_and(char::is_lowercase);
        if !(at_word || glued) {
            continue;
        }
        let rest = &s[p..];
        let words = marker_words(rest);
        let Some((marker, n)) = match_marker(&words) else {
            continue;
        };
        let before = s[..p].trim_end();
        let bracketed = before.ends_with('(');
        let after_break = before.is_empty() || before.ends_with(|q: char| !q.is_alphanumeric());
        let upper = c.is_uppercase();
        let context_ok = match marker {
            Marker::Labelled | Marker::Stock | Marker::ProvidedBy => {
                bracketed || upper || after_break
            }
            Marker::Named => bracketed || upper,
            // "Nguồn: X" as a whole line credits an outlet, not a photo.
            Marker::Source => {
                bracketed || (upper && before.ends_with('.') && s.chars().count() <= 200)
            }
        };
        if !context_ok {
            continue;
        }
        let tail = words.get(n).map_or("", |(o, _)| &rest[*o..]);
        if credit_tail_ok(tail, marker, bracketed, after_break) {
            return true;
        }
    }
    false
}

// ---------------------------------------------------------------------------------------------
// Bylines
// ---------------------------------------------------------------------------------------------

/// Author of an article as signed, with a role or office when the line gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Byline {
    pub author: String,
    pub role: Option<String>,
}

/// Lowercased words that never occur in a Vietnamese personal name but do in headings and page
/// furniture ("CÁC TIN KHÁC", "Xem Thêm", "Ông Nguyễn Văn A").
#[rustfmt::skip]
const NOT_NAME_WORDS: &[&str] = &[
    "các", "những", "của", "và", "là", "có", "không", "được", "cho", "với", "tin", "khác", "xem",
    "thêm", "bài", "chủ", "đọc", "tiếp", "phản", "ông", "bà", "chị", "em", "cô", "chú", "bác",
    "theo", "nguồn", "ảnh", "báo", "tạp", "tổng", "hệ", "cáo", "nóng", "kết", "quả", "nổi", "bật",
    "phần", "mục", "sách", "về", "từ", "đề", "hỏi", "đáp", "bạn", "tôi", "này", "đó", "ở", "tại",
    "trong", "ngày", "tháng", "xin", "một", "nếu", "cùng", "tờ", "khi", "sau", "trước", "hay",
    "hoặc", "nhưng", "mà", "thì", "để", "vì", "bởi", "nên", "rất", "cũng", "vẫn", "đều", "chỉ",
    "mỗi", "mọi", "nhiều", "hơn", "đến", "lên", "ra", "vào", "the", "tuổi", "mới", "cũ", "tỉnh",
    "huyện", "quận", "xã", "phường", "đền", "chùa", "thờ", "trên", "dưới", "ngoài", "sân",
];

/// Places that stand alone as section labels in headers; never a reporter's signature
/// (folded). Provinces that double as common given names ("Thái Bình", "Hà Giang") are left out.
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "hà nội", "hải phòng", "đà nẵng", "cần thơ", "tp hcm", "tp.hcm", "tphcm", "sài gòn", "việt nam",
    "hồ chí minh", "quảng ninh", "quảng trị", "quảng bình", "quảng nam", "quảng ngãi", "nghệ an",
    "hà tĩnh", "thừa thiên huế", "bắc ninh", "bắc giang", "lạng sơn", "cao bằng", "lào cai",
    "yên bái", "điện biên", "lai châu", "sơn la", "tuyên quang", "phú thọ", "vĩnh phúc", "hưng yên",
    "hải dương", "nam định", "thanh hóa", "khánh hòa", "đắk lắk", "đồng nai", "bà rịa - vũng tàu",
    "bình dương", "cà mau", "đồng tháp", "tây ninh", "trung quốc", "nhật bản", "hàn quốc",
    "triều tiên", "ấn độ", "thái lan", "campuchia", "singapore", "malaysia", "indonesia",
    "philippines", "châu á", "châu âu", "đông nam á", "đài loan", "hồng kông",
];

/// Academic and professional titles written as abbreviations (`TS.`, `ThS.`, `PGS.TS`).
const TITLE_ABBREVS: &[&str] = &[
    "ts", "ths", "pgs", "gs", "bs", "bsck", "bscki", "bsckii", "ck", "cki", "ckii", "ls", "kts",
    "ks", "cn", "tskh", "ncs", "nsnd", "nsut", "ngnd", "ngut", "dr", "prof", "ds", "lg",
];

/// Titles written out, kept in front of the name (lowercase, with marks: "Nhã Vân" is a name,
/// "nhà văn" a writer).
const TITLE_WORDS: &[&[&str]] = &[
    &["đại", "tá"],
    &["thượng", "tá"],
    &["trung", "tá"],
    &["thiếu", "tá"],
    &["đại", "úy"],
    &["thiếu", "tướng"],
    &["trung", "tướng"],
    &["thượng", "tướng"],
    &["luật", "sư"],
    &["nhà", "báo"],
    &["nhà", "văn"],
    &["nhà", "thơ"],
    &["nhà", "nghiên", "cứu"],
    &["tiến", "sĩ"],
    &["tiến", "sỹ"],
    &["thạc", "sĩ"],
    &["thạc", "sỹ"],
    &["giáo", "sư"],
    &["bác", "sĩ"],
    &["bác", "sỹ"],
    &["nghệ", "sĩ"],
    &["nhạc", "sĩ"],
    &["kỹ", "sư"],
    &["kiến", "trúc", "sư"],
    &["lương", "y"],
    &["phóng", "viên"],
    &["cộng", "tác", "viên"],
];

fn is_title_abbrev(tok: &str) -> bool {
    let f = fold_str(tok);
    let mut pieces = f.split('.').filter(|p| !p.is_empty()).peekable();
    pieces.peek().is_some() && pieces.all(|p| TITLE_ABBREVS.contains(&p))
}

/// Leading title words of a name (`TS.`, `PGS.TS`, `Đại tá`), counted in tokens.
fn title_len(tokens: &[&str]) -> usize {
    let mut i = 0;
    while i < tokens.len() {
        // A title needs a name after it: a lone "CN" or "LS" is initials.
        let more = i + 1 < tokens.len();
        if more && is_title_abbrev(tokens[i]) && starts_upper(tokens[i]) {
            i += 1;
            continue;
        }
        let hit = TITLE_WORDS.iter().find(|t| {
            t.len() + i <= tokens.len()
                && t.iter()
                    .zip(&tokens[i..])
                    .all(|(w, tok)| lower_words(tok) == *w)
                && starts_upper(tokens[i])
        });
        match hit {
            Some(t) => i += t.len(),
            None => break,
        }
    }
    i
}

/// One piece of a name token between dots: an initial, an acronym such as `PV`, or a
/// capitalised Vietnamese syllable (hyphenated syllables allowed).
fn name_piece_ok(p: &str) -> bool {
    let n = p.chars().count();
    if n == 0
        || !starts_upper(p)
        || !p
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    {
        return false;
    }
    // Initials, acronyms and onset abbreviations ("Ng." for Nguyễn, "Th.", "Ch.").
    if n == 1 || is_acronym(p, 4) || is_onset_abbrev(p) {
        return true;
    }
    // Each hyphenated syllable ("Nguyệt-Thái", "Ê-đê") is capitalised, lowercase or all caps.
    let caps = is_all_caps(p);
    p.split('-').all(|syl| {
        let tail_lower = syl.chars().skip(1).all(|c| !c.is_uppercase());
        !syl.is_empty()
            && (tail_lower || caps)
            && is_vietnamese_syllable(&fold_str(syl).replace('\'', ""))
    })
}

/// "Ng." for Nguyễn, "Th.", "Ch.": a name shortened to its initial consonants.
fn is_onset_abbrev(p: &str) -> bool {
    let onset = [
        "ch", "gh", "gi", "kh", "ng", "ngh", "nh", "ph", "th", "tr", "qu",
    ];
    onset.contains(&fold_str(p).as_str())
}

/// Is this token part of a personal name? Returns it normalised (`PV.` → `PV`).
fn name_token(tok: &str) -> Option<&str> {
    let roman = tok.contains('I') && tok.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    if roman
        || tok.chars().any(|c| c.is_ascii_digit())
        || NOT_NAME_WORDS.contains(&tok.to_lowercase().as_str())
    {
        return None;
    }
    let (body, final_dot) = match tok.strip_suffix('.') {
        Some(b) => (b, true),
        None => (tok, false),
    };
    let pieces: Vec<&str> = body.split('.').map(str::trim).collect();
    if !pieces.iter().all(|p| name_piece_ok(p)) {
        return None;
    }
    if final_dot {
        // Only initials and acronyms end in a period ("T.N.", "PV."); a name with a final
        // period is the end of a sentence.
        let last = pieces.last().copied().unwrap_or("");
        if last.chars().count() == 1 || is_onset_abbrev(last) {
            return Some(tok); // "T.N.", "Ch."
        }
        return is_acronym(last, 4).then_some(body);
    }
    Some(tok)
}

/// A personal name (with any leading titles), normalised: all-caps names title-cased, acronyms
/// and initials kept.
fn parse_name(part: &str) -> Option<String> {
    let part = part.trim();
    let raw: Vec<&str> = part.split_whitespace().collect();
    let t = title_len(&raw);
    let name = &raw[t..];
    if name.is_empty() || name.len() > 6 || PLACES.contains(&lower_words(part).as_str()) {
        return None;
    }
    let mut toks = Vec::with_capacity(name.len());
    for tok in name {
        toks.push(name_token(tok)?);
    }
    // A lone word is a name only as initials/acronym (PV, NT, T.L) or a Vietnamese syllable
    // pen name; "Moonlight" or "Whiplash" are not.
    // Longer acronyms ("ĐTCK", "TNGT") are outlets or abbreviations, not initials.
    let lone_initials = toks.len() == 1 && (is_acronym(toks[0], 3) || toks[0].contains('.'));
    if toks.len() == 1 && !lone_initials && !is_vietnamese_syllable(&fold_str(toks[0])) {
        return None;
    }
    let joined = toks.join(" ");
    let name_text = if is_all_caps(&joined) && !lone_initials {
        smart_case(&joined)
    } else {
        joined
    };
    let titles = raw[..t].join(" ");
    Some(if titles.is_empty() {
        name_text
    } else {
        format!("{titles} {name_text}")
    })
}

/// Labels that introduce a byline ("Bài, ảnh:", "Thực hiện:"), folded words.
const BYLINE_LABEL_WORDS: &[&str] = &[
    "bai", "anh", "tin", "va", "thuc", "hien", "nhom", "tac", "gia", "nguoi", "viet", "phong",
    "vien", "pv", "video", "clip", "ghi", "chep", "dich", "text",
];
const BYLINE_LABEL_KEYS: &[&str] = &["bai", "tin", "hien", "tac", "viet", "vien", "chep", "text"];

/// Splits off a "Bài, ảnh:" style label. `None` when the line has a colon that is no byline
/// label ("Ảnh: X" is a photo credit, "Hotline: …" is page furniture).
fn strip_byline_label(s: &str) -> Option<&str> {
    let Some(colon) = s.find(':') else {
        return Some(s);
    };
    let label = fold_str(&s[..colon]);
    let words: Vec<&str> = label
        .split(|c: char| c.is_whitespace() || ",/&-+".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let ok = !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| BYLINE_LABEL_WORDS.contains(w))
        && words.iter().any(|w| BYLINE_LABEL_KEYS.contains(w));
    ok.then(|| s[colon + 1..].trim())
}

/// Generic staff signatures ("Nhóm PV", "Nhóm phóng viên", "Phóng viên").
fn generic_staff(s: &str) -> bool {
    let f = fold_words(s.trim_end_matches('.'));
    if let Some(rest) = f.strip_prefix("nhom ") {
        return ["pv", "phong vien", "ctv", "tac gia", "thuc hien", "p.v"]
            .iter()
            .any(|g| rest == *g || rest.strip_prefix(g).is_some_and(|r| r.starts_with(' ')));
    }
    matches!(
        f.as_str(),
        "pv" | "p.v" | "phong vien" | "ctv" | "cong tac vien" | "btv"
    )
}

/// First words of an office or role after the name (lowercased).
#[rustfmt::skip]
const ROLE_STARTS: &[&str] = &[
    "phó", "bí", "chủ", "giám", "ủy", "uỷ", "tổng", "thứ", "bộ", "trưởng", "hiệu", "đại", "giảng",
    "chuyên", "nhà", "nguyên", "viện", "trường", "thư", "chánh", "cục", "sở", "ban",
];

/// Does `tail` (after the name's comma) read as a role, not more names or a clause?
fn role_like(tail: &str) -> bool {
    let words: Vec<&str> = tail.split_whitespace().collect();
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    !words.is_empty()
        && words.len() <= 25
        && (starts_upper(tail) || first == "nguyên")
        && !tail.ends_with(['.', ':', '?', '!'])
        && !tail.contains([':', '"', '“', '”'])
        && (ROLE_STARTS.contains(&first.as_str())
            || words.iter().any(|w| w.starts_with(char::is_lowercase)))
}

/// Splits a run of authors on "và", "&", `;` and dashes spaced on at least one side
/// ("Văn Minh -Uyên Phương"); a hyphen inside a word ("Nguyệt-Thái") stays.
fn split_authors(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut prev = ' ';
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        if c == ';' || (DASHES.contains(&c) && (prev == ' ' || next == ' ')) {
            parts.push(&s[start..i]);
            start = i + c.len_utf8();
        }
        prev = c;
    }
    parts.push(&s[start..]);
    parts
        .into_iter()
        .flat_map(|p| p.split(" và "))
        .flat_map(|p| p.split(" & "))
        .map(str::trim)
        .collect()
}

/// Trailing notes after a signature, removed: "(t/h)", "(Theo Touropia)", "(Clip: …)",
/// "thực hiện", a dangling dash.
fn strip_notes(s: &str) -> &str {
    let mut body = s.trim().trim_end_matches(['-', '–', ' ']);
    loop {
        if let Some((head, _)) = split_trailing_parens(body) {
            body = head.trim_end_matches(['-', '–', ' ']);
            continue;
        }
        let lower = body.to_lowercase();
        let note = ["thực hiện", "tổng hợp", "lược dịch", "thực hiện."]
            .iter()
            .find(|n| lower.ends_with(&format!(" {n}")));
        // Case pairs of these letters have equal UTF-8 lengths; `get` guards the rest.
        match note.and_then(|n| body.get(..body.len() - n.len())) {
            Some(head) => body = head.trim_end(),
            None => return body,
        }
    }
}

/// Where a photo credit appended to a byline starts ("Đông Linh - Ảnh: Reuters",
/// "Hồ An. Ảnh: Trí Bùi"): the name before it, without the separator.
fn before_appended_credit(s: &str) -> Option<&str> {
    let at = s.find("Ảnh:").or_else(|| s.find("Ảnh :"))?;
    let head = s[..at].trim_end();
    let name = head
        .trim_end_matches(['.', '-', '–', ';', ',', '|', '/'])
        .trim_end();
    (name.len() < head.len() && !name.is_empty()).then_some(name)
}

/// Part of a byline that names the outlet or desk, dropped from the author ("Bích Huệ -
/// TTXVN", "Minh Anh - TNTBros").
fn outlet_part(p: &str) -> bool {
    after_folded_prefix(p, "theo").is_some()
        || is_known_outlet(p)
        || is_domain(p)
        || is_acronym(p, 10) && !is_vietnamese_syllable(&fold_str(p))
        || is_brand_token(p)
}

/// Authors from a list of name parts; the first must be a name, later outlet parts are dropped
/// and a last part naming an office is the role ("TS. Đoàn Văn Báu – Chuyên gia Tâm lý").
fn authors_of(parts: &[&str]) -> Option<(Vec<String>, Option<String>)> {
    let mut out = Vec::new();
    let mut role = None;
    for (i, p) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        if p.is_empty() && last && i > 0 {
            continue; // "Hoàng Hợi -"
        }
        match parse_name(p) {
            Some(n) => out.push(n),
            None if i > 0 && outlet_part(p) => {}
            None if i > 0 && last && starts_with_role(p) && role_like(p) => {
                role = Some(p.to_string())
            }
            None => return None,
        }
    }
    (!out.is_empty()).then_some((out, role))
}

fn starts_with_role(s: &str) -> bool {
    let first = s
        .split_whitespace()
        .next()
        .map(str::to_lowercase)
        .unwrap_or_default();
    ROLE_STARTS.contains(&first.as_str())
}

/// A byline: the author's name (1–6 capitalised words or all caps, initials and titles such
/// as `TS.` allowed, a leading bullet allowed), optionally followed by a comma and a role.
/// "Bài, ảnh: X" labels are removed, several authors are joined with ", ", and trailing
/// notes like "(t/h)" or "/VOV" are dropped. Source credits ("Theo X"), headings, page
/// furniture, dates and photo captions are not bylines.
pub fn parse_byline(line: &str) -> Option<Byline> {
    let s = strip_bullet(line.trim());
    // A trailing comma means the sentence goes on in the next line.
    if s.is_empty() || s.chars().count() > 160 || s.ends_with(',') {
        return None;
    }
    if fold_str(s).split_whitespace().next() == Some("theo") || outlet_line(s).is_some() {
        return None;
    }
    // "Hồ An. Ảnh: Trí Bùi": the writer, then the photographer.
    let credited = before_appended_credit(s);
    let unlabelled = strip_notes(credited.unwrap_or(s));
    let mut labelled = strip_byline_label(unlabelled)?;
    let has_label = labelled.len() < unlabelled.len();
    if credited.is_none() && !has_label && (has_photo_credit(s) || is_copyright(s)) {
        return None;
    }
    // "Bài: SỸ ĐÔNG; Ảnh: HOÀNG TRIỀU": keep the writer, drop the next credit.
    if has_label
        && let Some((first, next)) = labelled.split_once(';')
        && next.contains(':')
    {
        labelled = first.trim();
    }
    if labelled.is_empty() || parse_date(labelled).is_some() {
        return None;
    }
    if generic_staff(labelled) {
        let author = labelled.trim_end_matches('.').to_string();
        return Some(Byline { author, role: None });
    }
    let mut body = strip_notes(labelled);
    // "Việt Quốc/VOV – TP HCM": after the slash come the outlet and desk; "TTXVN/Quân Trang":
    // the outlet comes first. "Quý II/2017" is no name at all.
    if let Some((head, rest)) = body.split_once('/') {
        let rest = rest.trim();
        if !rest.starts_with(char::is_alphabetic) {
            return None;
        }
        let head = head.trim();
        body = if parse_name(head).is_none() && outlet_part(head) {
            rest
        } else {
            head
        };
    }
    let (mut names, mut tail) = match body.split_once(',') {
        Some((h, t)) => (h.trim(), Some(t.trim())),
        None => (body, None),
    };
    // "Đại tá, TS. NGUYỄN VĂN A": titles before the comma belong to the name after it.
    let mut titles = String::new();
    let head_tokens: Vec<&str> = names.split_whitespace().collect();
    if !head_tokens.is_empty() && title_len(&head_tokens) == head_tokens.len() {
        let rest = tail?;
        titles = format!("{names}, ");
        (names, tail) = match rest.split_once(',') {
            Some((h, t)) => (h.trim(), Some(t.trim())),
            None => (rest, None),
        };
    }
    let (mut authors, mut role) = authors_of(&split_authors(names))?;
    if let Some(first) = authors.first_mut() {
        first.insert_str(0, &titles);
    }
    if let Some(tail) = tail.filter(|t| !t.is_empty() && role.is_none()) {
        let more: Vec<&str> = tail.split(',').flat_map(split_authors).collect();
        match authors_of(&more).filter(|(_, r)| r.is_none() && !starts_with_role(tail)) {
            Some((extra, _)) => authors.extend(extra),
            None if role_like(tail) => {
                let r = if is_all_caps(tail) {
                    smart_case(tail)
                } else {
                    tail.to_string()
                };
                role = Some(r);
            }
            None => return None,
        }
    }
    Some(Byline {
        author: authors.join(", "),
        role,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(line: &str) -> Option<String> {
        parse_byline(line).map(|b| b.author)
    }

    #[test]
    fn dates_in_every_dateline_form() {
        let cases = [
            ("Cập nhật: 14:00 | 06/06/2020", "2020-06-06T14:00"),
            ("26/04/2023 | 08:01 GMT+7", "2023-04-26T08:01"),
            ("Ngày cập nhật: 02/07/2020 14:28:39", "2020-07-02T14:28:39"),
            ("06/06/2020", "2020-06-06"),
            ("6-6-2020", "2020-06-06"),
            ("06.06.2020", "2020-06-06"),
            ("Thứ Hai, 06/06/2020 - 14:00", "2020-06-06T14:00"),
            ("Thứ bảy, 6/6/2020, 14:00 (GMT+7)", "2020-06-06T14:00"),
            ("ngày 6 tháng 6 năm 2020", "2020-06-06"),
            ("14h00 ngày 06/06/2020", "2020-06-06T14:00"),
            ("06/06/2020 14h30", "2020-06-06T14:30"),
            ("2020-06-06", "2020-06-06"),
            ("2020-06-06T14:00", "2020-06-06T14:00"),
            ("29/02/2020", "2020-02-29"),
            // Baomoi: author, outlet and time on one line.
            (
                "Phúc Vũ - Thể thao Việt Nam | 21:20 06/02/2017",
                "2017-02-06T21:20",
            ),
            (
                "Vụ tai nạn hy hữu xảy ra vào khoảng 21h tối 5-2-2017, tại cầu Nhật Tân.",
                "2017-02-05T21:00",
            ),
        ];
        for (line, want) in cases {
            assert_eq!(parse_date(line).as_deref(), Some(want), "{line}");
        }
    }

    #[test]
    fn no_date_without_a_valid_year_month_and_day() {
        for line in [
            "Ngày 19/7",
            "Hôm nay (6-2)",
            "32/13/2020",
            "29/02/2019",
            "31/04/2020",
            "06/06/1850",
            "Lịch chiếu: 22:45 ngày 11.02",
            "Quy định 202-QĐ/TW",
            "trong hai ngày 10-11/2 ở Bắc bộ",
            "nhiệm kỳ 2015 – 2020",
            "tổng mức đầu tư trên 3.700 tỷ đồng",
            "",
        ] {
            assert_eq!(parse_date(line), None, "{line}");
        }
        // A time far from the date, or an impossible one, is not attached to it.
        assert_eq!(
            parse_date("06/06/2020 25:00").as_deref(),
            Some("2020-06-06")
        );
        assert_eq!(
            parse_date("Màn hình 240Hz ra mắt ngày 05/02/2017").as_deref(),
            Some("2017-02-05")
        );
    }

    #[test]
    fn datelines() {
        for line in [
            "Cập nhật: 14:00 | 06/06/2020",
            "26/04/2023 | 08:01 GMT+7",
            "Ngày cập nhật: 02/07/2020 14:28:39",
            "Thứ Hai, 06/06/2020 - 14:00",
            "Thứ bảy, 6/6/2020, 14:00 (GMT+7)",
            "Chủ nhật, 07/06/2020 09:15",
            "Đăng ngày: 06/06/2020",
            "Ngày đăng: 6-6-2020",
            "Thứ 2, 06/06/2020",
            "ngày 6 tháng 6 năm 2020",
            "14h00 ngày 06/06/2020",
            "2020-06-06T14:00:00+07:00",
            "06/06/2020",
            "Xuất bản: 06/06/2020",
            "Cập nhật lúc 14:00, 06/06/2020",
            "Thứ Sáu, 05/06/2020 15:32 (GMT+07:00)",
        ] {
            assert!(is_dateline(line), "{line}");
        }
        for line in [
            "Ngày 5-2, Phòng GD-ĐT quận 1 đã làm việc với trường.",
            "Ngày 6/2/2016, sau khi nhậu, Nguyễn Văn A đã gây án.",
            "Ngày 6/2/2016,",
            "Thông tư 332/2016/TT-BTC có hiệu lực từ ngày 10/2/2017.",
            "Giá vàng trong nước hôm nay 7/2/2017",
            "Phúc Vũ - Thể thao Việt Nam | 21:20 06/02/2017",
            "Thứ hai,",
            "Ngày 19/7",
            "",
        ] {
            assert!(!is_dateline(line), "{line}");
        }
    }

    #[test]
    fn bylines_from_the_spec() {
        let b = parse_byline(
            "* HỒ SỸ TRUNG, Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố Đông Hà",
        )
        .unwrap();
        assert_eq!(b.author, "Hồ Sỹ Trung");
        assert_eq!(
            b.role.as_deref(),
            Some("Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố Đông Hà")
        );
        assert_eq!(author("Đức Thiện").as_deref(), Some("Đức Thiện"));
        assert_eq!(parse_byline("Minh Huệ").unwrap().role, None);
        assert_eq!(author("TRÍ THỨC").as_deref(), Some("Trí Thức"));
        assert_eq!(author("Bài, ảnh: Thu Hà").as_deref(), Some("Thu Hà"));
        assert_eq!(author("Bài và ảnh: Yến Anh").as_deref(), Some("Yến Anh"));
        assert_eq!(author("Nhóm PV").as_deref(), Some("Nhóm PV"));
        assert_eq!(author("PV").as_deref(), Some("PV"));
        assert_eq!(author("PV.").as_deref(), Some("PV"));
        assert_eq!(
            author("Thu Hà - Minh Anh").as_deref(),
            Some("Thu Hà, Minh Anh")
        );
        assert_eq!(
            author("TS. NGUYỄN VĂN A").as_deref(),
            Some("TS. Nguyễn Văn A")
        );
        assert_eq!(
            author("ThS. Hoàng Khánh Toàn").as_deref(),
            Some("ThS. Hoàng Khánh Toàn")
        );
    }

    #[test]
    fn bylines_seen_in_baomoi() {
        let cases = [
            ("Nguyễn Thảo (t/h)", "Nguyễn Thảo"),
            ("Lương Ngọc (Theo Touropia)", "Lương Ngọc"),
            ("Công Danh (tổng hợp theo báo PL TP. HCM, NĐT)", "Công Danh"),
            ("Hoàng Hợi -", "Hoàng Hợi"),
            ("Vũ Dũng/VOV", "Vũ Dũng"),
            ("Việt Quốc/VOV – TP HCM", "Việt Quốc"),
            ("Minh Anh - TNTBros", "Minh Anh"),
            ("Bích Huệ - TTXVN", "Bích Huệ"),
            ("ĐẶNG CHUNG - ĐỨC VÂN", "Đặng Chung, Đức Vân"),
            ("Văn Minh -Uyên Phương", "Văn Minh, Uyên Phương"),
            ("T.N. (Clip: Tạ Quang Huy)", "T.N."),
            ("H. Nam", "H. Nam"),
            ("Ch. Tuấn", "Ch. Tuấn"),
            ("Tin-ảnh: X.Hoàng", "X.Hoàng"),
            ("Bài: SỸ ĐÔNG; Ảnh: HOÀNG TRIỀU", "Sỹ Đông"),
            ("Hồ An. Ảnh: Trí Bùi", "Hồ An"),
            ("GIA MINH thực hiện", "Gia Minh"),
            ("Anh Tú", "Anh Tú"),
        ];
        for (line, want) in cases {
            assert_eq!(author(line).as_deref(), Some(want), "{line}");
        }
        let b = parse_byline("Vũ Hải - Phó Tổng Giám đốc Đài TNVN").unwrap();
        assert_eq!(b.role.as_deref(), Some("Phó Tổng Giám đốc Đài TNVN"));
        let more = [
            ("PV/VOV-Tây Nguyên", "PV"),
            ("TTXVN/Quân Trang - Thanh Thắng", "Quân Trang, Thanh Thắng"),
            ("Đại tá, TS. NGUYỄN VĂN A", "Đại tá, TS. Nguyễn Văn A"),
            ("Phóng viên Thu Hà", "Phóng viên Thu Hà"),
            ("BS.CKII. HUỲNH TẤN VŨ", "BS.CKII. Huỳnh Tấn Vũ"),
        ];
        for (line, want) in more {
            assert_eq!(author(line).as_deref(), Some(want), "{line}");
        }
    }

    #[test]
    fn not_bylines() {
        for line in [
            "Theo VnExpress",
            "Theo Vân Anh (Khám phá)",
            "TTXVN/Tin Tức",
            "(Tổng hợp)",
            "Reuters",
            "Bài học kinh nghiệm",
            "* Kết quả nổi bật",
            "CÁC TIN KHÁC",
            "Xem thêm >>",
            "Viết bình luận mới",
            "Xin chờ trong giây lát...",
            "Hải Phòng",
            "Tin liên quan",
            "Hotline: 0914926900",
            "26/04/2023 | 08:01 GMT+7",
            "Ảnh: Đình Văn",
            "Ảnh minh họa",
            "Một góc thành phố Hải Phòng. (Ảnh: An Đăng/TTXVN).",
            "Copyright 2020 by BÁO QUẢNG TRỊ",
            "U23 Việt Nam",
            "La La Land",
            "Moonlight",
            "Ông Nguyễn Văn A",
            "Quý II/2017",
            "Tiền Phong,",
            "Thái Hà.",
            "Anh Tuấn, một người dân ở xã bên cho biết.",
            "",
        ] {
            assert_eq!(parse_byline(line), None, "{line}");
        }
    }

    #[test]
    fn outlet_tags() {
        let line = "(QTO) - Xác định đổi mới phương thức lãnh đạo của Đảng là một trong những nội dung quan trọng.";
        let (tag, at) = outlet_tag(line).unwrap();
        assert_eq!(tag, "QTO");
        assert!(line[at..].starts_with("Xác định"));
        let line = "TTXVN - Ngày 19/7, Thành ủy Hải Phòng tổ chức Hội nghị sơ kết giữa nhiệm kỳ.";
        let (tag, at) = outlet_tag(line).unwrap();
        assert_eq!(tag, "TTXVN");
        assert!(line[at..].starts_with("Ngày 19/7"));
        for (line, want) in [
            (
                "(Chinhphu.vn) - Thủ tướng vừa ký quyết định phê duyệt đề án.",
                "Chinhphu.vn",
            ),
            (
                "(ĐCSVN) – Sáng nay, Bộ Chính trị làm việc với Tỉnh ủy.",
                "ĐCSVN",
            ),
            ("HNM – Chiều 6-2, UBND thành phố tổ chức hội nghị.", "HNM"),
            (
                "(PLO)- Vài ngày gần đây, người dân sinh sống ở ấp 4 rất lo lắng.",
                "PLO",
            ),
            (
                "QĐND Online - Sáng 6-2, Quân khu 4 tổ chức ra quân huấn luyện.",
                "QĐND Online",
            ),
            (
                "(Baonghean) - Thời điểm sau Tết, các đền chùa trên địa bàn đông khách.",
                "Baonghean",
            ),
            (
                "ANTT.VN – Cơ quan Cảnh sát điều tra, Bộ Công an vừa khởi tố vụ án.",
                "ANTT.VN",
            ),
            (
                "GD&TĐ - Thứ trưởng Bộ GD&ĐT Nguyễn Thị Nghĩa vừa có buổi làm việc với Sở.",
                "GD&TĐ",
            ),
            (
                "Hà Nội (TTXVN) - Sáng 6/6, Thủ tướng chủ trì hội nghị trực tuyến.",
                "TTXVN",
            ),
        ] {
            assert_eq!(
                outlet_tag(line).map(|t| t.0).as_deref(),
                Some(want),
                "{line}"
            );
        }
        for line in [
            "(Ảnh: An Đăng/TTXVN) - Một góc thành phố",
            "Hà Nội - Hải Phòng là tuyến cao tốc quan trọng.",
            "UBND tỉnh - cơ quan hành chính nhà nước ở địa phương.",
            "UBND - Cơ quan hành chính nhà nước ở địa phương đã ban hành quyết định.",
            "HACHIKO - Chú chó đợi chờ đã đến Việt Nam",
            "EVN - khách 'sộp' của nhà thầu PECC 2",
            "(Bắc Ninh) - Gia Bình phát hiện thêm",
            "VN-Index tăng mạnh trong phiên sáng.",
            "Vinamilk (VNM) - Cổ phiếu tăng mạnh trong phiên hôm nay.",
            "Rolls-Royce Phantom thế hệ đầu tiên",
            "",
        ] {
            assert_eq!(outlet_tag(line), None, "{line}");
        }
    }

    #[test]
    fn outlet_lines() {
        let cases = [
            ("/KD&PL", "KD&PL"),
            ("(Theo VnExpress)", "VnExpress"),
            ("Theo TTXVN", "TTXVN"),
            ("Nguồn: Báo Nhân Dân", "Báo Nhân Dân"),
            ("(T/h)", "T/h"),
            ("TTXVN/Vietnam+", "TTXVN/Vietnam+"),
            ("Theo VnExpress.", "VnExpress"),
            ("theo Phonearena", "Phonearena"),
            ("Theo Đời sống Plus", "Đời sống Plus"),
            ("Theo Vân Anh (Khám phá)", "Khám phá"),
            ("Theo PV (VTC News)", "VTC News"),
            ("(TTXVN)", "TTXVN"),
            ("Thể thao & Văn hóa", "Thể thao & Văn hóa"),
            ("Báo Giao thông", "Báo Giao thông"),
            ("Zing.vn", "Zing.vn"),
            ("(Theo TASS, The Sun)", "TASS, The Sun"),
            ("- Theo Daily Mail", "Daily Mail"),
            ("Tham khảo: Sammobile", "Sammobile"),
            ("Theo Kim Kim/VNE", "VNE"),
            ("Sputnik -", "Sputnik"),
            ("(Nguồn: VnExpress)", "VnExpress"),
        ];
        for (line, want) in cases {
            assert_eq!(outlet_line(line).as_deref(), Some(want), "{line}");
        }
        for line in [
            "Theo đó, Sở GD&ĐT Đà Nẵng sẽ sớm đề xuất.",
            "Theo tờ Elbalonrosa, tiền đạo Giovanni Simeone đang hẹn hò.",
            "Theo",
            "Nguồn gốc Thái Tuế và quan niệm dân gian",
            "Vũ Dũng/VOV",
            "Bảo Vinh",
            "Thanh Minh",
            "(Còn nữa)",
            "VND/kg",
            "Ảnh: NBC News",
            "Đánh giá của Financial Times",
            "Một góc thành phố Hải Phòng.",
            "",
        ] {
            assert_eq!(outlet_line(line), None, "{line}");
        }
    }

    #[test]
    fn copyright_lines() {
        let cases = [
            ("Copyright 2020 by BÁO QUẢNG TRỊ", "Báo Quảng Trị"),
            ("© 2020 Báo Nhân Dân", "Báo Nhân Dân"),
            ("Bản quyền thuộc về Báo X", "Báo X"),
            ("Copyright © Tuổi Trẻ Online", "Tuổi Trẻ Online"),
            (
                "© Copyright 2017 VnExpress. All rights reserved.",
                "VnExpress",
            ),
            ("Copyright © 2003-2020 VTV", "VTV"),
            ("BẢN QUYỀN THUỘC VỀ TTXVN", "TTXVN"),
            ("* Bản quyền clip thuộc VTV", "VTV"),
            ("Copyright © The Voice of Vietnam", "The Voice of Vietnam"),
            (
                "Copyright © 2017 Báo điện tử Dân trí, giấy phép số 123",
                "Báo điện tử Dân trí",
            ),
            (
                "Bản quyền thuộc về Báo Quảng Trị - Cơ quan của Đảng bộ",
                "Báo Quảng Trị",
            ),
            (
                "© Bản quyền thuộc Báo điện tử Chính phủ",
                "Báo điện tử Chính phủ",
            ),
            (
                "Copyright © 2024 VTV Digital. All Rights Reserved",
                "VTV Digital",
            ),
            (
                "® Ghi rõ nguồn \"Báo Hậu Giang\" khi phát hành lại thông tin từ website này.",
                "Báo Hậu Giang",
            ),
        ];
        for (line, want) in cases {
            assert!(is_copyright(line), "{line}");
            assert_eq!(copyright_outlet(line).as_deref(), Some(want), "{line}");
        }
        assert!(is_copyright("All rights reserved."));
        assert!(is_copyright("Nghiêm cấm sao chép dưới mọi hình thức"));
        assert_eq!(copyright_outlet("All rights reserved."), None);
        for line in [
            "Chương trình nghệ thuật Disney On Ice được mua bản quyền từ Mỹ.",
            "Bản quyền truyền hình World Cup 2018 đã được VTV mua lại với giá cao.",
            "facebook đăng tải nhiều câu châm ngôn không trích dẫn, ghi rõ nguồn gốc.",
            "Ảnh: © Reuters",
            "",
        ] {
            assert!(!is_copyright(line), "{line}");
            assert_eq!(copyright_outlet(line), None, "{line}");
        }
    }

    #[test]
    fn photo_credits() {
        for line in [
            "Một góc thành phố Hải Phòng. (Ảnh: An Đăng/TTXVN).",
            "Bí thư Tỉnh ủy tiếp dân tại nhà công vụ. Ảnh: ĐÌNH BẢO",
            "Đại hội đại biểu Đảng bộ thành phố Việt Trì lần thứ XXI. (Ảnh:baophutho.vn)",
            "Ông Hà phát biểu tại hội nghị. Ảnh: Lâm Thanh",
            "Ảnh minh họa",
            "(Ảnh minh hoạ)",
            "Photo: Reuters",
            "Nguồn ảnh: Sina.",
            "Pha phạm lỗi của Hoàng Vũ Samson. (Ảnh: TL)",
            "Ảnh minh họa. Nguồn: internet",
            "Samson có hơn 10 năm chơi bóng ở VN. Ảnh Nguyên Huy",
            "Chiếc xe khách lật chắn ngang đường. Ảnh CTV.",
            "Tổng thống Mỹ Donald Trump. Ảnh:AP",
            "Messi đang có được phong độ cực tốt trong chuỗi trận gần đâyẢnh: REUTERS",
            "Nhiều hành khách đã quen với việc sử dụng buýt nhanh. Ảnh:",
            "Thủ tướng Ukraine Yulia Tymoshenko. (Nguồn: AFP/TTXVN)",
            "Cô giáo dùng dép đánh học sinh. Ảnh chụp màn hình",
        ] {
            assert!(has_photo_credit(line), "{line}");
        }
        for line in [
            "Biến đổi khí hậu ảnh hưởng lớn đến sản xuất nông nghiệp của tỉnh trong năm qua.",
            "Ảnh hưởng của bão số 3 khiến nhiều tuyến đường bị ngập.",
            "Hình ảnh người lớn, trẻ em mua bán súng và chơi nghịch trong sân làng rất phổ biến.",
            "Một số hình ảnh:",
            "Ảnh nền Thần tài đẹp mắt cho smartphone",
            "Ảnh chụp auto điều kiện đủ sáng.",
            "Ngoại hạng Anh: Thêm 2 kẻ rời cuộc đua",
            "Anh Tú",
            "Nguồn: Báo Nhân Dân",
            "Bài, ảnh: Thu Hà",
            "Ảnh: Minh Anh chụp lại toàn bộ cảnh tượng hôm đó khi đoàn xe đi qua cây cầu mới xây ở đầu làng.",
            "",
        ] {
            assert!(!has_photo_credit(line), "{line}");
        }
    }

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
        ];
        for line in odd {
            let _ = parse_date(line);
            let _ = is_dateline(line);
            let _ = parse_byline(line);
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
