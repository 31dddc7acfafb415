//! The shapes of lines: running text, headings, list items, breadcrumbs, series kickers,
//! credit lines. Pure predicates over one line; `classify` decides by shape and position.

use crate::text::is_all_caps;

/// Ends a sentence: prose ends like this, headings and titles do not.
pub fn ends_sentence(t: &str) -> bool {
    t.ends_with(['.', '?', '!', '…', ';', '"', '”', '»'])
}

/// Words between whitespace: `t.split_whitespace().count()`, counted faster.
pub fn word_count(t: &str) -> usize {
    let b = t.as_bytes();
    if b.is_empty() || has_non_ascii_space(b) {
        return t.split_whitespace().count();
    }
    ascii_word_starts(b, usize::MAX)
}

/// `word_count(t) > k`, found without counting past `k` on a long line: words are counted
/// by ASCII spaces a block at a time until they pass `k`, and only the bytes read are
/// searched for a non-ASCII space (the rules ask this of every line, most with a small `k`).
pub fn more_words_than(t: &str, k: usize) -> bool {
    let b = t.as_bytes();
    if b.is_empty() {
        return false;
    }
    let (n, read) = ascii_word_starts_upto(b, k);
    // The word starts counted lie in b[..read]; the chars starting there lie in
    // b[..read + 3] (no space is longer). With no other space among them, the count holds.
    let upto = b.len().min(read + 3);
    if has_non_ascii_space(&b[..upto]) {
        return t.split_whitespace().nth(k).is_some();
    }
    n > k
}

/// The words of non-empty `b`, whose only spaces are ASCII: the bytes that start a word
/// (the bytes of a multi-byte char are none of them spaces), counted in branch-free byte
/// arithmetic the compiler vectorises, a block at a time. Stops after the block where the
/// count passes `stop_above`.
fn ascii_word_starts(b: &[u8], stop_above: usize) -> usize {
    ascii_word_starts_upto(b, stop_above).0
}

/// [`ascii_word_starts`], and the length of the prefix of `b` whose word starts were counted
/// (all of `b` unless the count passed `stop_above`).
fn ascii_word_starts_upto(b: &[u8], stop_above: usize) -> (usize, usize) {
    const BLOCK: usize = 64;
    let space = |x: u8| u8::from(x == b' ' || x.wrapping_sub(b'\t') <= b'\r' - b'\t');
    let mut n = usize::from(space(b[0]) == 0);
    // The pair (b[i], b[i + 1]) starts a word at i + 1; a block counts BLOCK pairs. A whole
    // block is read as two arrays into a byte-sized sum, which the compiler vectorises (the
    // zipped slices it was read as before were counted a byte at a time).
    let pairs = b.len() - 1;
    let mut i = 0;
    while i < pairs {
        if n > stop_above {
            return (n, 1 + i);
        }
        let end = (i + BLOCK).min(pairs);
        if let (Some(this), Some(next)) = (
            b[i..end].first_chunk::<BLOCK>(),
            b[i + 1..].first_chunk::<BLOCK>(),
        ) {
            let mut starts: u8 = 0;
            for k in 0..BLOCK {
                starts += space(this[k]) & (space(next[k]) ^ 1);
            }
            n += usize::from(starts);
        } else {
            for k in i..end {
                n += usize::from(space(b[k]) & (space(b[k + 1]) ^ 1));
            }
        }
        i = end;
    }
    (n, b.len())
}

/// Does UTF-8 `b` hold a whitespace char outside ASCII (U+0085, U+00A0, U+1680,
/// U+2000–200A, U+2028, U+2029, U+202F, U+205F, U+3000)? Their first bytes are rare in
/// Vietnamese text but for U+1680's and the General Punctuation's (quotes, dashes).
pub(super) fn has_non_ascii_space(b: &[u8]) -> bool {
    memchr::memchr3_iter(0xC2, 0xE2, 0xE3, b).any(|i| {
        matches!(
            (b[i], b.get(i + 1), b.get(i + 2)),
            (0xC2, Some(0x85 | 0xA0), _)
                | (0xE2, Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF))
                | (0xE2, Some(0x81), Some(0x9F))
                | (0xE3, Some(0x80), Some(0x80))
        )
    }) || ogham_space().find(b).is_some()
}

/// The searcher for U+1680, built once: building one per search cost more than searching.
fn ogham_space() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new("\u{1680}".as_bytes()))
}

/// Words with a letter or digit in them ("Chính trị - Xã hội" has four).
pub fn words(t: &str) -> usize {
    t.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// A series line: "Bài 3: …", "Kỳ cuối: …", "Phần II: …".
pub fn is_series_line(t: &str) -> bool {
    let mut it = t.split_whitespace();
    let (Some(a), Some(b)) = (it.next(), it.next()) else {
        return false;
    };
    let a = a.to_lowercase();
    let b_core = b.trim_end_matches(':');
    let numbered = b_core.chars().all(|c| c.is_ascii_digit())
        || b_core.chars().all(|c| "IVXLivxl".contains(c))
        || b_core.eq_ignore_ascii_case("cuối")
        || b_core == "cuối";
    matches!(a.as_str(), "bài" | "kỳ" | "kì" | "phần")
        && !b_core.is_empty()
        && numbered
        && (b.ends_with(':') || it.next() == Some(":"))
}

/// Running text rather than a title, heading or label.
pub fn is_prose(t: &str) -> bool {
    is_prose_counted(t, word_count(t))
}

/// [`is_prose`] of `t`, whose [`word_count`] `w` is known already.
pub fn is_prose_counted(t: &str, w: usize) -> bool {
    if is_all_caps(t) {
        return false;
    }
    (w >= 8 && ends_sentence(t)) || (w >= 20 && t.ends_with(':')) || w >= 30
}

/// Bullet characters scraped pages put before headings, bylines and list items.
pub fn strip_bullet(t: &str) -> Option<&str> {
    let rest = t.strip_prefix(['*', '•', '-', '–', '+', '▪', '●', '■', '♦'])?;
    let rest = rest.trim_start();
    (!rest.is_empty()).then_some(rest)
}

pub const ORDINALS: [&str; 10] = [
    "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười",
];

pub const THU: [&str; 10] = [
    "nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười",
];

/// `Một là, …` … `Mười là, …`, `Thứ nhất, …`, `1. …`, `a) …`, `- …`.
pub fn is_list_item(t: &str) -> bool {
    // Only the first two words matter, each lowercased alone (no char lowercases to a space),
    // the second only after an ordinal or "thứ": most lines start with neither.
    let mut words = t.split_whitespace();
    let (h1, h2) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let w1 = h1.to_lowercase();
    if ORDINALS.contains(&w1.as_str()) || w1 == "thứ" {
        let w2 = h2.to_lowercase();
        let w2_core = w2.trim_end_matches([',', ':']);
        if ORDINALS.contains(&w1.as_str()) && w2_core == "là" && w2.len() > w2_core.len() {
            return true;
        }
        // "Thứ Năm, 12/05/2022" is a weekday, not the fifth item.
        let date_follows = words
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        if w1 == "thứ" && THU.contains(&w2_core) && w2.len() > w2_core.len() && !date_follows {
            return true;
        }
    }
    // "1. text", "2) text", "a) text", "b. text"
    let marker_len = t
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit())
        .count();
    let rest = if marker_len > 0 && marker_len <= 2 {
        &t[marker_len..]
    } else if t.len() > 1 && t.as_bytes()[0].is_ascii_lowercase() && matches!(t.as_bytes()[1], b')')
    {
        &t[1..]
    } else {
        ""
    };
    if let Some(r) = rest.strip_prefix([')', '.'])
        && r.starts_with(' ')
        && more_words_than(r, 2)
    {
        return true;
    }
    matches!(t.chars().next(), Some('-' | '–' | '+' | '•' | '▪' | '●'))
        && t.chars().nth(1) == Some(' ')
        && more_words_than(t, 2)
}

/// Short, unpunctuated, capitalised: the shape of a section heading.
pub fn is_heading_shape(t: &str) -> bool {
    let t = strip_bullet(t).unwrap_or(t);
    // A long line is no heading, however long it is.
    if more_words_than(t, 16) {
        return false;
    }
    let w = word_count(t);
    if w == 0 || t.chars().count() > 130 {
        return false;
    }
    // A number alone is a counter or a table cell, not a heading.
    if !t.chars().any(char::is_alphabetic) {
        return false;
    }
    // A short question is a common subhead ("Vì sao thành phố làm được?").
    let question = t.ends_with('?') && w <= 12;
    // A quote may close a subhead ("… “Kỷ luật và Đồng tâm”") but not a sentence ending in it.
    let closing_quote = t.ends_with(['"', '”'])
        && !t
            .trim_end_matches(['"', '”'])
            .ends_with(['.', ',', '!', '?', '…']);
    if t.ends_with([',', '.', ';', ':', '?', '!', '…', '"', '”'])
        && !t.ends_with("...")
        && !question
        && !closing_quote
    {
        return false;
    }
    // Quoted subheads open with a quote: “Chìa khóa” từ công tác cán bộ.
    let first = t
        .trim_start_matches(['"', '“', '‘', '\'', '«'])
        .chars()
        .next()
        .unwrap_or(' ');
    first.is_uppercase() || first.is_ascii_digit()
}

/// Breadcrumb navigation: "Trang chủ > Chính trị > Xây dựng Đảng". Its last part is the
/// article's category.
pub fn breadcrumb_category(t: &str) -> Option<&str> {
    let parts: Vec<&str> = t.split(['>', '»', '›']).map(str::trim).collect();
    let ok = parts.len() >= 2
        && parts
            .iter()
            .all(|p| (1..=6).contains(&word_count(p)) && !ends_sentence(p));
    parts.last().copied().filter(|_| ok)
}

/// Lines that open with a credit introduce the author anywhere in the article.
pub fn credit_byline(t: &str) -> bool {
    if more_words_than(t, 10) {
        return false;
    }
    let lower = t.to_lowercase();
    [
        "bài và ảnh:",
        "bài, ảnh:",
        "bài và ảnh :",
        "bài:",
        "tác giả:",
        "nhóm phóng viên",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// A run of eight digits or more, spaces and dots allowed inside: a phone number
/// ("0914926900", "069. 292. 8312").
pub fn has_phone(t: &str) -> bool {
    // By bytes: the run's chars are ASCII, and every byte of another char ends a run as
    // the char does.
    let mut digits = 0;
    for &b in t.as_bytes() {
        if b.is_ascii_digit() {
            digits += 1;
            if digits >= 8 {
                return true;
            }
        } else if b != b'.' && b != b' ' {
            digits = 0;
        }
    }
    false
}

/// The number of an item's marker word ("3.", "10)"): one or two digits and one dot or
/// bracket.
pub fn item_number(word: &str) -> Option<u32> {
    let digits = word.strip_suffix(['.', ')'])?;
    ((1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_is_found_by_bytes_as_by_runs_of_chars() {
        let by_runs = |t: &str| {
            t.split(|c: char| !c.is_ascii_digit() && c != '.' && c != ' ')
                .any(|run| run.bytes().filter(u8::is_ascii_digit).count() >= 8)
        };
        for t in [
            "0914926900",
            "069. 292. 8312",
            "Hotline: 0914 926 900.",
            "1234567",
            "1234-5678",
            "12 34 56 78",
            "123đ45678",
            "1234\u{a0}5678",
            "ĐT 0243.8.123.456",
            "",
        ] {
            assert_eq!(has_phone(t), by_runs(t), "{t:?}");
        }
    }

    #[test]
    fn long_lines_are_counted_a_block_at_a_time_as_split_whitespace_counts_them() {
        let pattern = "Hà Nội  mưa\tto,\n  x y ";
        let long: String = pattern.repeat(40);
        for end in (0..=long.len()).filter(|&e| long.is_char_boundary(e)) {
            let t = &long[..end];
            let n = t.split_whitespace().count();
            assert_eq!(word_count(t), n, "{end}");
            for k in [0, 1, 7, 30, 64, 100] {
                assert_eq!(more_words_than(t, k), n > k, "{end} {k}");
            }
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        let whitespace: Vec<char> = (0..=0x10_FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            for t in [format!("a{c}b"), format!("{c}"), format!(" {c} ")] {
                assert_eq!(word_count(&t), t.split_whitespace().count(), "{c:?}");
                for k in 0..3 {
                    assert_eq!(
                        more_words_than(&t, k),
                        t.split_whitespace().count() > k,
                        "{t:?} {k}"
                    );
                }
            }
        }
        for s in [
            "",
            " ",
            "Đà Nẵng  “Hội An” – 2020…",
            "\tmột\u{a0}hai\u{3000}ba\u{2028}",
        ] {
            for w in &whitespace {
                let t = format!("{s}{w}x{s}");
                assert_eq!(word_count(&t), t.split_whitespace().count(), "{t:?}");
                for k in 0..12 {
                    assert_eq!(
                        more_words_than(&t, k),
                        t.split_whitespace().count() > k,
                        "{t:?} {k}"
                    );
                }
            }
        }
    }

    #[test]
    fn more_words_than_reads_long_lines_as_split_whitespace() {
        for sp in ["\u{a0}", "\u{3000}", " ", "\u{1680}"] {
            for at in (0..400).step_by(7) {
                let mut t = "từ ab ".repeat(60);
                let at = (0..=at).rev().find(|&i| t.is_char_boundary(i)).unwrap_or(0);
                t.insert_str(at, sp);
                for k in [0, 5, 8, 30, 59, 60, 61, 119, 120, 121, 200] {
                    assert_eq!(
                        more_words_than(&t, k),
                        t.split_whitespace().count() > k,
                        "{sp:?} {at} {k}"
                    );
                }
            }
        }
    }

    #[test]
    fn list_items() {
        assert!(is_list_item("Một là, tập trung xây dựng Đảng bộ."));
        assert!(is_list_item("Năm là, chú trọng tổng kết thực tiễn."));
        assert!(is_list_item("Thứ nhất, nâng cao chất lượng."));
        assert!(is_list_item("1. Hoàn thành các chỉ tiêu đề ra."));
        assert!(is_list_item("a) Tăng thu ngân sách hằng năm."));
        assert!(is_list_item("- Đẩy mạnh cải cách hành chính."));
        assert!(!is_list_item(
            "Một số nhiệm vụ cấp thiết, toàn Đảng bộ cần tập trung."
        ));
        assert!(!is_list_item("Năm 2018, dưới sự lãnh đạo của BCH."));
        assert!(!is_list_item("2020 - 2025 là nhiệm kỳ quan trọng."));
        assert!(!is_list_item("Thứ Năm, 12/05/2022 | 09:15"));
    }

    #[test]
    fn heading_shapes() {
        assert!(is_heading_shape("Bài học kinh nghiệm"));
        assert!(is_heading_shape("* Kết quả nổi bật"));
        assert!(is_heading_shape(
            "Người đứng đầu phải thật sự gương mẫu, có năng lực, bản lĩnh"
        ));
        assert!(!is_heading_shape(
            "Đến năm 2025, Hậu Giang xây dựng thành công, cụ thể:"
        ));
        assert!(!is_heading_shape("nhiệm kỳ 2020-2025."));
        assert!(is_heading_shape("“Chìa khóa” từ công tác cán bộ"));
        assert!(is_heading_shape("\"Đòn bẩy\" hạ tầng giao thông"));
        assert!(is_heading_shape("Vì sao thành phố làm được?"));
        assert!(!is_heading_shape("215"));
        assert!(!is_heading_shape("Ông nói: “Chúng tôi sẽ làm.”"));
    }

    #[test]
    fn series_lines() {
        assert!(is_series_line("Bài 3: Đổi mới phương thức lãnh đạo"));
        assert!(is_series_line(
            "Kỳ cuối: Nguyên nhân và bài học kinh nghiệm"
        ));
        assert!(is_series_line("Phần II: Giải pháp"));
        assert!(!is_series_line("Bài học kinh nghiệm"));
        assert!(!is_series_line(
            "Kỳ họp thứ 5: HĐND tỉnh thông qua 20 nghị quyết"
        ));
    }

    #[test]
    fn breadcrumbs() {
        assert_eq!(
            breadcrumb_category("Trang chủ > Chính trị > Xây dựng Đảng"),
            Some("Xây dựng Đảng")
        );
        assert_eq!(
            breadcrumb_category("Thời sự » Trong nước"),
            Some("Trong nước")
        );
        assert_eq!(
            breadcrumb_category("Giá trị sản xuất > 15% so với cùng kỳ năm trước."),
            None
        );
        assert_eq!(breadcrumb_category("Xây dựng Đảng"), None);
    }

    #[test]
    fn prose() {
        assert!(is_prose(
            "Sau 5 năm thực hiện Nghị quyết Đại hội Đảng bộ nhiệm kỳ 2015 – 2020, thành phố đã tổng kết."
        ));
        assert!(!is_prose(
            "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ THÀNH PHỐ THANH HÓA, NHIỆM KỲ 2015 – 2020:"
        ));
        assert!(!is_prose("Bài học kinh nghiệm"));
    }
}
