//! Photo credits at the end of a caption: `… (Ảnh: An Đăng/TTXVN).`, `Ảnh minh họa`.

use std::cell::OnceCell;

use super::byline::strip_byline_label;
use super::{longer_than, starts_upper};
use crate::text::{chars, fold_str};

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
            out.push((st, &s[st..=i]));
            start = None;
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// Could `c` start a credit marker? Every marker's first word lowercases to a word starting
/// with `ả`, `h`, `p`, `n` or `đ`, and these ten chars are the only ones whose lowercase starts
/// that way (a test checks every char), so no case-mapping lookup is needed.
fn may_start_marker(c: char) -> bool {
    matches!(c, 'ả' | 'Ả' | 'h' | 'H' | 'p' | 'P' | 'n' | 'N' | 'đ' | 'Đ')
}

/// First bytes of the UTF-8 form of the non-ASCII chars of [`may_start_marker`] (`ả`/`Ả`,
/// `đ`/`Đ`); these are lead bytes, so a position holding one is a char boundary.
const MARKER_LEAD_BYTES: [u8; 2] = [0xE1, 0xC4];

/// Every first word (lowercased, colon dropped) for which [`match_marker`] can match; for any
/// other it returns `None`.
const MARKER_HEADS: &[&str] = &[
    "ảnh",
    "hình",
    "photo",
    "photos",
    "ảnh/photo",
    "ảnh/video",
    "ảnh/clip",
    "nguồn",
    "đồ",
];

/// Longest of [`MARKER_HEADS`], in chars.
const MARKER_HEAD_MAX_CHARS: usize = 9;

/// Is the first word [`marker_words`] gives for `rest` (which starts at a non-space char) one
/// of [`MARKER_HEADS`] once lowercased? The same answer as `match_marker`'s own test, without
/// allocating and without reading past the first few chars. Lowercasing never shortens a word,
/// so a word longer than the longest head cannot match; lowercasing char by char differs from
/// `str::to_lowercase` only in a final sigma, which no head holds.
fn head_may_match(rest: &str) -> bool {
    // The head in UTF-8: compared as bytes, a head of another length is told at once.
    let mut head = [0u8; 4 * MARKER_HEAD_MAX_CHARS];
    let (mut n, mut len) = (0, 0);
    for c in rest.chars() {
        if c.is_whitespace() || c == ':' {
            break;
        }
        for l in chars::to_lowercase(c) {
            if n == MARKER_HEAD_MAX_CHARS {
                return false;
            }
            len += l.encode_utf8(&mut head[len..]).len();
            n += 1;
        }
    }
    MARKER_HEADS.iter().any(|h| h.as_bytes() == &head[..len])
}

/// Does `after` (the bytes after initial `c`) start with the second char of a head in
/// [`MARKER_HEADS`] that starts with `c` lowercased, in either case? Every head has a second
/// char, and only its own capital lowercases to it (a test checks every char), so when this
/// says no, [`head_may_match`] says no too.
fn second_may_match(c: char, after: &[u8]) -> bool {
    let either = |lower: &str, upper: &str| {
        after.starts_with(lower.as_bytes()) || after.starts_with(upper.as_bytes())
    };
    match c {
        'ả' | 'Ả' => either("n", "N"),
        'h' | 'H' => either("ì", "Ì"),
        'p' | 'P' => either("h", "H"),
        'n' | 'N' => either("g", "G"),
        'đ' | 'Đ' => either("ồ", "Ồ"),
        _ => true,
    }
}

/// Does the char after the second (which [`second_may_match`] found at the start of `after`)
/// match the third char of a head that starts with `c` lowercased, in either case? Most
/// words that pass the second char ("người", "phát", "hình ảnh" aside) are told here, without
/// lowercasing the word. `đồ` has no third char: let through. A test checks every char.
fn third_may_match(c: char, after: &[u8]) -> bool {
    // The byte length of the second char, either case, then the third.
    let third = |second_len: usize, lower: u8| {
        after
            .get(second_len)
            .is_some_and(|&b| b == lower || b == lower.to_ascii_uppercase())
    };
    match c {
        'ả' | 'Ả' => third(1, b'h'),
        'h' | 'H' => third("ì".len(), b'n'),
        'p' | 'P' => third(1, b'o'),
        'n' | 'N' => third(1, b'u'),
        _ => true,
    }
}

/// Matches a credit marker at the start of `words`; returns it and how many words it spans.
fn match_marker(words: &[(usize, &str)]) -> Option<(Marker, usize)> {
    // Each word lowercased and folded once, when first asked for: the stock phrases ask for
    // the same few words again and again ("hình ảnh", "ảnh hưởng" reach them in most texts).
    // `marker_words` gives at most six words.
    let cells = || -> [OnceCell<String>; 8] { Default::default() };
    let (lows, bares, folds) = (cells(), cells(), cells());
    let low = |i: usize| match words.get(i) {
        Some((_, w)) => lows[i].get_or_init(|| w.to_lowercase()).as_str(),
        None => "",
    };
    let bare = |i: usize| match words.get(i) {
        Some(_) => bares[i]
            .get_or_init(|| fold_str(low(i).trim_end_matches([':', '.', ')', ','])))
            .as_str(),
        None => "",
    };
    let folded = |i: usize| match words.get(i) {
        Some(_) => folds[i].get_or_init(|| fold_str(low(i))).as_str(),
        None => "",
    };
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
    let head = low(0).trim_end_matches(':');
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
        && matches!(bare(1), "anh" | "hoa")
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
                    folded(1 + k)
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
        if matches!(bare(1), "bao" | "cua") && words.len() > 2 {
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
    if longer_than(tail, 70) {
        return false;
    }
    let words: Vec<&str> = tail.split_whitespace().collect();
    if words.len() > 10 {
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

/// [`BYTE_CLASS`] bits: a lowercase ASCII initial (`hpn`), another initial (`HPN` or one of
/// [`MARKER_LEAD_BYTES`]), an ASCII letter or digit.
const LOWER_INITIAL: u64 = 1;
const OTHER_INITIAL: u64 = 2;
const ALNUM_BYTE: u64 = 4;

/// What [`marker_starts`] asks of each byte, looked up.
#[allow(clippy::cast_possible_truncation)] // the bits fit a byte; `i` stays below 256
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let x = i as u8;
        let mut class = 0;
        if matches!(x, b'h' | b'p' | b'n') {
            class |= LOWER_INITIAL;
        }
        if matches!(x, b'H' | b'P' | b'N') || x == MARKER_LEAD_BYTES[0] || x == MARKER_LEAD_BYTES[1]
        {
            class |= OTHER_INITIAL;
        }
        if x.is_ascii_alphanumeric() {
            class |= ALNUM_BYTE;
        }
        t[i] = class as u8;
        i += 1;
    }
    t
};

/// The positions of `b` that [`has_photo_credit`] must look at: its marker initials (`hHpPnN`
/// and [`MARKER_LEAD_BYTES`]), less a lowercase ASCII one right after an ASCII letter or digit
/// (inside a word: no marker starts there, and none glued on, which needs a capital). Told
/// 64 bytes at a time in branch-free arithmetic, not by a branch per byte.
fn marker_starts(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    // Whether the byte before is an ASCII letter or digit; before the line stands a space.
    let mut inside = 0u64;
    b.chunks(64).enumerate().flat_map(move |(ci, chunk)| {
        let base = ci * 64;
        let mut mask = 0u64;
        for (k, &x) in chunk.iter().enumerate() {
            // One table load per byte instead of a dozen comparisons.
            let class = u64::from(BYTE_CLASS[usize::from(x)]);
            mask |=
                (((class & LOWER_INITIAL) & (inside ^ 1)) | ((class & OTHER_INITIAL) >> 1)) << k;
            inside = (class & ALNUM_BYTE) >> 2;
        }
        std::iter::from_fn(move || {
            (mask != 0).then(|| {
                let k = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                base + k
            })
        })
    })
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
    // Every marker starts with one of the letters of `may_start_marker`: ASCII, or a char whose
    // UTF-8 form starts with one of `MARKER_LEAD_BYTES`. Other bytes are skipped undecoded.
    let bytes = s.as_bytes();
    for p in marker_starts(bytes) {
        let c = match bytes[p] {
            b'h' | b'H' | b'p' | b'P' | b'n' | b'N' => char::from(bytes[p]),
            // `ả`/`Ả` are E1 BA A3/A2, `đ`/`Đ` C4 91/90: most chars of these lead bytes
            // (`ấ`, `ộ`, `ĩ`) are told by the next byte, undecoded.
            0xE1 if bytes.get(p + 1) != Some(&0xBA) => continue,
            0xC4 if !matches!(bytes.get(p + 1), Some(0x90 | 0x91)) => continue,
            lead if MARKER_LEAD_BYTES.contains(&lead) => match s[p..].chars().next() {
                Some(c) if may_start_marker(c) => c,
                _ => continue,
            },
            _ => continue,
        };
        // Most initials ("những", "hơn", "phát") are told by the next bytes alone.
        let after = &bytes[p + c.len_utf8()..];
        if !second_may_match(c, after) || !third_may_match(c, after) {
            continue;
        }
        let before_char = s[..p].chars().next_back();
        let at_word = before_char.is_none_or(|q| !chars::is_alphanumeric(q));
        // "…gần đâyẢnh: REUTERS": a credit glued to the caption by a lost space.
        let glued = c.is_uppercase() && before_char.is_some_and(char::is_lowercase);
        if !(at_word || glued) {
            continue;
        }
        let rest = &s[p..];
        // Most words that start with these letters ("những", "phát") are no marker: tell
        // without splitting and lowercasing the rest of the line.
        if !head_may_match(rest) {
            continue;
        }
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
            Marker::Source => bracketed || (upper && before.ends_with('.') && !longer_than(s, 200)),
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

#[cfg(test)]
mod tests;
