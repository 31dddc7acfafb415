//! Inline headings of a looser shape, trusted only with document evidence.
//!
//! A flattened body often loses the line breaks of several headings, and the strict shape
//! ([`headings`](super::headings)) finds only those followed by one of a few openers that are
//! never part of a name. Here the word after the heading may be any common sentence opener
//! ("Vị tổng thống …", "Người theo đạo …", "Từng trao đổi …"), the heading may end in a name
//! ("… ở Đông Nam Á Việc …") or be a quotation ("'Tôi sẽ …' Ông …"). Each relaxation alone
//! would misfire in running text now and then, so a loose heading counts only in a body that
//! yields at least [`MIN_EVIDENCE`] headings: sections come in numbers; a stray fragment
//! without a full stop does not.
//!
//! An opener outside the strict list must not be a name: the word after it is a lowercase
//! word ("Quay lại …", "Lại nói …", never "Lại Văn Sâm"; "Nhà Bè", "Gia Lai" fail), or a
//! number and the body writes the opener in lowercase elsewhere.

use super::first_words::first_words;
use super::headings::{CAPTION_START_SET, DANGLING, NAMES_TOO_SET};
use super::sentences::OPENER_SET;
pub(super) use super::vocab::Vocab;
use crate::preprocess::shapes::more_words_than;
use crate::preprocess::word_set::WordSet;
use crate::text::chars;

/// Fewest heading candidates (strict or loose) in one body for the loose ones to count.
pub(super) const MIN_EVIDENCE: usize = 2;
/// Fewest and most words of a loose heading (news headings run to a dozen words: "Lấy đất
/// sân golf để mở rộng Tân Sơn Nhất là tốt nhất").
const MIN_WORDS: usize = 2;
const MAX_WORDS: usize = 13;
/// Fewest words of the sentence after it.
const MIN_AFTER: usize = 6;
/// Fewest lowercase words (of 2 chars or more) in a heading: not a list of names.
const MIN_LOWER: usize = 2;

/// Common words that open a sentence, beyond the strict [`OPENERS`]: people and pronouns,
/// adverbs, conjunctions, verbs of reporting. Some are also parts of names ("Ba Đình",
/// "Lại Văn …", "Gia Lai"): a name goes on with a capital, which the rule checks.
#[rustfmt::skip]
/// [`MORE_OPENERS`], looked up by hash.
pub(super) static MORE_OPENER_SET: WordSet = WordSet::new(MORE_OPENERS);

const MORE_OPENERS: &[&str] = &[
    "Vị", "Ông", "Bà", "Chị", "Em", "Cô", "Chú", "Bác", "Cháu", "Họ", "Tôi", "Ta", "Mình", "Nó",
    "Ai", "Người", "Mỗi", "Một", "Hai", "Ba", "Bốn", "Vài", "Cả", "Ngành", "Phía", "Bản", "Chiếc",
    "Con", "Loại", "Số", "Phần", "Thế", "Rồi", "Lại", "Mới", "Vừa", "Đã", "Đang", "Sẽ", "Sắp",
    "Vẫn", "Luôn", "Hay", "Hoặc", "Và", "Mà", "Thì", "Là", "Nên", "Giờ", "Nay", "Bây", "Lần",
    "Dẫu", "Giả", "Nhờ", "Nhằm", "Bằng", "Cho", "Tới", "Về", "Thay", "Kể", "Tính", "Trải", "Suốt",
    "Cách", "Gần", "Khoảng", "Chừng", "Ước", "Chưa", "Chẳng", "Đừng", "Cần", "Phải", "Muốn", "Nói",
    "Quả", "Rất", "Càng", "Chắc", "Liệu", "Đúng", "Ngược", "Trái", "Tương", "Cụ", "Tóm", "Nhìn",
    "Xét", "Trở", "Quay", "Từng", "Nhận", "Đánh", "Bị", "Thứ", "Cuộc", "Sự", "Tỷ", "Mức", "Lượng",
    "Ghi", "Chia", "Trao", "Dựa", "Căn", "Vốn", "Bấy", "Lâu", "Mãi", "Tận", "Đột", "Bỗng", "Rõ",
    "Thật", "Xem", "Ấy", "Này", "Kia", "Dạo", "Tuần", "Trưa", "Hằng", "Hàng", "Tiếp", "Nhấn",
    "Khẳng", "Lo", "Mong", "Biết", "Thấy", "Nghe", "Bước", "Đứng", "Làm", "Mở", "Đi", "Ra", "Lên",
    "Xuống", "Trả", "Hỏi", "Đáp", "Chờ", "Sống", "Chuyện", "Câu", "Nhóm", "Mảnh", "Ngay",
];

/// Words of a caption's scene: a fragment holding one is no heading.
const CAPTION_WORDS: &[&str] = &[
    "tại", "đang", "chụp", "ảnh", "hình", "video", "clip", "cảnh",
];

/// Words a heading does not end with beyond [`DANGLING`]: a weekday or a rank goes on
/// ("hôm thứ Năm"), and so does a quantity or a group ("đội tuyển Anh").
#[rustfmt::skip]
const DANGLING_TOO: &[&str] = &[
    "thứ", "hạng", "tuyển", "mặt", "nhóm", "lớp", "khóa", "số", "ban", "ủy", "cục", "vụ",
    "phòng", "đội", "câu", "đoàn", "trung", "liên", "tổng", "phó", "chủ", "hành", "ký", "sao",
    // Shrines named after a "Bà" or an "Ông" ("chùa Bà", "đền Ông").
    "chùa", "đền", "miếu", "dinh",
];

/// Strict openers that may follow a name ending a heading: words of grammar that no name
/// goes on to (unlike "Tôn Ngộ Không", "Chu Chỉ Nhược", "Ban Chỉ huy").
#[rustfmt::skip]
const AFTER_NAME: &[&str] = &[
    "Việc", "Theo", "Trong", "Khi", "Sau", "Tại", "Với", "Những", "Nhưng", "Nếu", "Để",
    "Ngoài", "Do", "Dù", "Bởi", "Trước", "Riêng", "Cùng", "Hiện",
];

/// Words of a photo's moment ("… sáng 3.7", "… thuở mặn nồng", "… trong cuộc phỏng vấn",
/// "… năm 13 tuổi"): after a name near the start ("Hậu vệ Tấn Sinh …") they make a caption
/// without credit.
const MOMENT_WORDS: &[&str] = &[
    "khi", "trong", "sáng", "chiều", "tối", "trưa", "thuở", "lúc", "hồi", "thời", "phút", "tuổi",
];

/// Words a title follows ("bộ phim Người …", "quỹ Vì …"): the capital opens the title.
const TITLE_BEFORE: &[&str] = &[
    "phim",
    "sách",
    "bài",
    "khúc",
    "phẩm",
    "thuyết",
    "vở",
    "trình",
    "thưởng",
    "giải",
    "quỹ",
    "hội",
    "đề",
    "tên",
    "hiệu",
    "gọi",
    "mang",
    "trào",
    "cuộc",
    "thi",
    "tập",
    "mục",
    "dịch",
    "game",
    "show",
    "đường",
    "phố",
    "báo",
    "tạp",
    "chí",
    "kênh",
    "đài",
    "tựa",
    "nhan",
];

/// A lowercase word that does not end a clause: what a capital in mid-sentence follows.
pub(super) fn ends_a_clause_not(w: &str) -> bool {
    starts_lower(w) && !w.ends_with(|c: char| !chars::is_alphanumeric(c))
}

pub(super) fn starts_lower(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

pub(super) fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Is `w` (with the word after it) a common word opening a sentence here?
fn opens(w: &str, after: &str, vocab: &Vocab) -> bool {
    let word = w.trim_end_matches(',');
    // Every listed word is capitalised: a lowercase ASCII initial (most words of a sentence)
    // is told without scanning the lists (a test checks them).
    if word.as_bytes().first().is_none_or(u8::is_ascii_lowercase) {
        return false;
    }
    let strict = OPENER_SET.contains(word) && !NAMES_TOO_SET.contains(word);
    // The word lists first: asking the body's vocabulary builds it.
    if !(strict || MORE_OPENER_SET.contains(word) || NAMES_TOO_SET.contains(word)) {
        return false;
    }
    // The same two words capitalised after a lowercase word elsewhere too: a name.
    if vocab.is_name(w, after) {
        return false;
    }
    if strict {
        return true;
    }
    let w = word;
    let folded = w.to_lowercase();
    // "Ông Duterte", "Bà Lan": a title before a name opens a sentence.
    let name_ok = matches!(w, "Ông" | "Bà");
    // A lowercase word after it ("Quay lại …") tells a common word from a name ("Lại Văn
    // Sâm") alone; a number after it ("bị cáo Ba 20 năm tù") needs the body to write the
    // word in lowercase somewhere too.
    after.chars().next().is_some_and(char::is_lowercase)
        || (vocab.has_lower(folded.as_str()) && (starts_lower(after) || name_ok))
}

/// If `s` (one sentence, trimmed) opens with a heading of the loose shape, its byte length.
pub(super) fn heading_len(s: &str, vocab: &Vocab, spaces_only: bool) -> Option<usize> {
    // The first word decides for most sentences: the words are collected after it passes.
    let first = s.split_whitespace().next()?;
    let quote = first
        .chars()
        .next()
        .filter(|c| matches!(c, '\'' | '‘' | '"' | '“'));
    let first_core = first.trim_start_matches(['\'', '‘', '"', '“']);
    // "B.M. Quy hoạch …", "Video: …": a signature or a label ends in the first word; "Xem
    // chi tiết", "Xem video": a link's label.
    if (first_core.ends_with(['.', ':']) && !first_core.ends_with(".."))
        || first_core == "Xem"
        || !starts_upper(first_core)
        || (quote.is_none()
            && ((OPENER_SET.contains(first_core) && !NAMES_TOO_SET.contains(first_core))
                || CAPTION_START_SET.contains(first_core)))
    {
        return None;
    }
    let mut words = first_words::<{ MAX_WORDS + 2 + MIN_AFTER }>(s, spaces_only);
    let ends_quote = |p: &str| match quote {
        Some('\'' | '‘') => p.ends_with(['\'', '’']),
        Some('"') => p.ends_with('"'),
        Some('“') => p.ends_with('”'),
        _ => false,
    };
    for k in MIN_WORDS..=MAX_WORDS {
        // Read as far as asked: most sentences end the search at their first words.
        let Some((_, w)) = words.get(k) else {
            break;
        };
        let (_, prev) = words.read()[k - 1];
        let closed = ends_quote(prev);
        let dash = matches!(prev, "–" | "-" | "—");
        // "Đạo đức, năng lực giáo viên yếu kém Những …": a comma between lowercase words may
        // list things inside a heading; one before a capital ends a clause.
        // Not after a name alone ("James Clapper, cựu giám đốc …" is a portrait's caption)
        // nor after an opener ("Tuy nhiên, quan hệ …" is a sentence).
        let listing_comma = prev.ends_with(',')
            && starts_lower(w)
            && words.read()[1..k].iter().any(|(_, x)| starts_lower(x))
            && !OPENER_SET.contains(first_core)
            // "Cụ thể, khoản 1 …", "Tóm lại, …": two words and a comma open a sentence.
            && !(k == 2 && MORE_OPENER_SET.contains(first_core));
        // "Ở nhà thuê, để tiền tặng xe cho “người dưng” Khi …": a phrase in scare quotes may
        // end a heading; a quotation that runs long is speech.
        let scare_end = quote.is_none()
            && prev.ends_with('”')
            && matches!(
                super::headings::without_scare_quotes(&s[..words.read()[k - 1].0 + prev.len()]),
                std::borrow::Cow::Owned(_)
            );
        if dash
            || (!closed
                && !listing_comma
                && !scare_end
                && prev.ends_with(['.', '!', '?', '…', ':', ';', ',', '"', '”', '’', ')', '-']))
        {
            return None;
        }
        let after = words.get(k + 1).map_or("", |x| x.1);
        if !opens(w, after, vocab) {
            continue;
        }
        // A heading ends in a name ("… Đông Nam Á Việc …") only before a word of grammar
        // that no name goes on to. Any other opener may go on a name of lowercase words
        // after a capital ("Học viện An ninh Nhân dân"): it needs two lowercase words before.
        let strict = OPENER_SET.contains(w) && !NAMES_TOO_SET.contains(w);
        let before = if k >= 3 { words.read()[k - 2].1 } else { "x" };
        let ok = if strict {
            starts_lower(prev) || (starts_upper(prev) && AFTER_NAME.contains(&w))
        } else {
            starts_lower(prev) && starts_lower(before)
        };
        if !(ok || closed) {
            continue;
        }
        if quote.is_some() && !closed {
            return None;
        }
        let rest = &s[words.read()[k].0..];
        let fragment = &s[..words.read()[k - 1].0 + prev.len()];
        return (more_words_than(rest, MIN_AFTER - 1) && plausible(fragment, quote.is_some()))
            .then_some(fragment.len());
    }
    None
}

/// Most words of a heading ended by a lost line break: longer fragments before two spaces
/// are mostly captions.
const BREAK_MAX_WORDS: usize = 10;

/// First words that lean on the sentence before: what opens with them goes on a story, not
/// a section ("Nhưng Angie đã lột xác tài tình" under a photo).
const LEANS_BACK: &[&str] = &["Nhưng", "Đây", "Đó", "Song", "Và", "Mà", "Thì", "Vì", "Do"];

/// Words before a name that a lost link took away ("… đăng trên  Washington Times, …").
const CUT_BEFORE_NAME: &[&str] = &["giữa", "trên", "dưới", "tới", "bằng", "vào", "qua", "như"];

/// If `s` (one sentence, trimmed) opens with a heading that a lost line break ends at byte
/// `cut` (two spaces in the raw line: "… trong 5 - 10 năm tới. Năng lực không đáp ứng nhu
/// cầu  Cách đây hơn 10 năm …"), its byte length. The break tells where the heading ends,
/// so the next word may be any capitalised word; the fragment must still read as a heading,
/// and the body must have another heading (see [`MIN_EVIDENCE`]).
pub(super) fn break_heading_len(s: &str, cut: usize) -> Option<usize> {
    let fragment = s.get(..cut)?.trim_end();
    let first = fragment.split_whitespace().next()?;
    let quote = first.starts_with(['“', '"']);
    let first_core = first.trim_start_matches(['“', '"']);
    if first_core.ends_with(['.', ':'])
        || first_core == "Xem"
        || !starts_upper(first_core)
        || CAPTION_START_SET.contains(first_core)
        // Any other opener may start a heading here ("Không thể chậm trễ", "Còn vài vụ oan
        // sai"), but not a word that leans on the sentence before.
        || LEANS_BACK.contains(&first_core)
    {
        return None;
    }
    // "Đó là đoạn hội thoại ngắn ngủi giữa  Leo Messi …": a sentence cut where a link was.
    let last = fragment.rsplit(' ').next().unwrap_or_default();
    if CUT_BEFORE_NAME.contains(&last) {
        return None;
    }
    let words = fragment.split_whitespace().count();
    // A comma: a sentence cut where a link was lost ("Ngoài ra, sản phẩm  Kaspersky …").
    if !(MIN_WORDS..=BREAK_MAX_WORDS).contains(&words)
        || fragment.contains([',', ';'])
        || fragment.ends_with(['.', '!', '?', '…', ':', '-', '–'])
        || (quote && !fragment.ends_with(['”', '"']))
    {
        return None;
    }
    // "Biểu đồ: Finviz", "Tải về: video/mp4": a label and what it names.
    if fragment
        .split_once(':')
        .is_some_and(|(_, named)| named.split_whitespace().count() <= 2)
    {
        return None;
    }
    let rest = s[cut..].trim_start();
    let next = rest.split_whitespace().next()?;
    let next = next.trim_start_matches(['“', '"', '‘', '\'']);
    (starts_upper(next)
        && rest.split_whitespace().nth(MIN_AFTER - 1).is_some()
        && plausible(fragment, quote))
    .then_some(fragment.len())
}

/// A loose heading has lowercase words (no list of names), no brackets, no word of a
/// caption's scene, and does not end in a word that needs the next one or opens a title.
fn plausible(fragment: &str, quoted: bool) -> bool {
    let inner = if quoted {
        fragment.trim_matches(['\'', '‘', '’', '"', '“', '”'])
    } else {
        fragment
    };
    let words: Vec<&str> = inner.split_whitespace().collect();
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    let lower = words
        .iter()
        .filter(|w| starts_lower(w) && w.chars().count() >= 2)
        .count();
    !super::headings::without_scare_quotes(inner).contains(['(', ')', '“', '”', '"', '/', '[', ']'])
        && lower >= MIN_LOWER
        && more_than_names(&words)
        && !DANGLING.contains(&last.as_str())
        && !TITLE_BEFORE.contains(&last.as_str())
        && !DANGLING_TOO.contains(&last.as_str())
        && !names_a_moment(&words)
        && !words.iter().any(|w| glued(w))
        && !words.iter().any(|w| CAPTION_WORDS.contains(w))
}

/// A person named near the start, then a moment, or two people ("Hòa Minzy và Jun …",
/// "Siêu mẫu Ngọc Thúy và …"): the shape of a photo caption.
fn names_a_moment(words: &[&str]) -> bool {
    let named = words.iter().skip(1).take(2).any(|w| starts_upper(w));
    let pair = words
        .iter()
        .take(4)
        .position(|w| *w == "và")
        .is_some_and(|i| words[1..i].iter().any(|w| starts_upper(w)));
    pair || (named && words.iter().skip(2).any(|w| MOMENT_WORDS.contains(w)))
}

/// Vietnamese words glued without a space ("tướngChính"): a byline or a lost line break
/// inside, not a heading of its own. A brand (`VietinBank`, `iPhone`) has no diacritics.
fn glued(w: &str) -> bool {
    if w.is_ascii() {
        return false;
    }
    let mut prev_lower = false;
    w.chars().any(|c| {
        let glue = prev_lower && c.is_uppercase();
        prev_lower = c.is_lowercase();
        glue
    })
}

/// Two lowercase words in a row: the fragment says something. Titles and names alone
/// capitalise every word but the second syllables ("Đại biểu Quốc hội Nguyễn Thái Học", the
/// name under a portrait).
fn more_than_names(words: &[&str]) -> bool {
    words
        .windows(2)
        .any(|p| starts_lower(p[0]) && starts_lower(p[1]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preprocess::flat::headings::NAMES_TOO;
    use crate::preprocess::flat::sentences::OPENERS;

    #[test]
    fn no_opener_starts_with_a_lowercase_ascii_letter() {
        // `opens` lets such a word go without looking it up.
        for w in OPENERS.iter().chain(MORE_OPENERS).chain(NAMES_TOO) {
            assert!(!w.as_bytes()[0].is_ascii_lowercase(), "{w}");
        }
    }
}
