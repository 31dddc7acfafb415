//! Web chrome recognised line by line: navigation and related links, comment boxes, counters,
//! loading text, image alt-text slugs and foreign spam. Rules look at phrases (compared
//! folded, so case and diacritics do not matter), shapes and the language of the line;
//! `classify` adds the rules that depend on position (headline lists, page footers).

use crate::corpus::RemovalReason;
use crate::preprocess::shapes::more_words_than;
use crate::text::fold_char;

/// What kind of page element a chrome phrase introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chrome {
    /// A header of a list of links to other articles: the lines after it are headlines.
    RelatedHeader,
    /// Start of a comment box or the page footer: what follows is not the article.
    FooterStart,
    /// A "Từ khóa" / "Tags" label: the lines under it are keywords.
    TagsHeader,
    /// A single stray element (button, counter label, loading text).
    Single,
}

impl Chrome {
    /// Why the line that is this element is removed.
    pub fn removal_reason(self) -> RemovalReason {
        match self {
            Chrome::RelatedHeader => RemovalReason::RelatedLinksHeader,
            Chrome::FooterStart => RemovalReason::CommentBoxOrFooter,
            Chrome::TagsHeader => RemovalReason::KeywordTagsHeader,
            Chrome::Single => RemovalReason::Navigation,
        }
    }
}

/// Line key for phrase rules: folded, punctuation and digits to spaces, single-spaced.
pub fn phrase_key(line: &str) -> String {
    // The chrome, widget and marker rules ask the key of the same short line in turn: the
    // last line's key is kept per thread and handed out again, not folded again.
    thread_local! {
        static LAST: std::cell::RefCell<(String, String)> =
            const { std::cell::RefCell::new((String::new(), String::new())) };
    }
    LAST.with_borrow_mut(|(last, key)| {
        if last != line {
            *key = short_phrase_key(line, usize::MAX).unwrap_or_default();
            last.clear();
            last.push_str(line);
        }
        key.clone()
    })
}

/// [`phrase_key`] of `line` if it is at most `max` bytes long, else `None`. A long line is
/// not folded to its end to be compared with a short phrase: the key only grows as the line
/// is read, and trimming takes off at most one space at each end.
fn short_phrase_key(line: &str, max: usize) -> Option<String> {
    // Sized once for the usual key (folding seldom lengthens a line, and the key is given up
    // past `max` + 2): the rules ask this of every line, and growing the string a char at a
    // time was most of its cost.
    let mut key = String::with_capacity(line.len().min(max.saturating_add(3)));
    for c in line.chars().filter_map(fold_char) {
        if c.is_alphabetic() {
            key.push(c);
        } else if !key.ends_with(' ') {
            key.push(' ');
        }
        if key.len() > max.saturating_add(2) {
            return None;
        }
    }
    let trimmed = key.trim();
    if trimmed.len() > max {
        return None;
    }
    // The key itself when there is nothing to trim: no second string.
    Some(if trimmed.len() == key.len() {
        key
    } else {
        trimmed.to_string()
    })
}

/// Related-links and navigation headers (the headline list that follows is junk too).
const RELATED: &[&str] = &[
    "xem them",
    "doc them",
    "cac tin khac",
    "tin khac",
    "tin cung chuyen muc",
    "bai cung chuyen muc",
    "tin lien quan",
    "bai lien quan",
    "bai viet lien quan",
    "tin bai lien quan",
    "tin moi",
    "tin moi hon",
    "tin moi nhat",
    "tin cu hon",
    "tin da dua",
    "cac tin da dua",
    "cac tin bai khac",
    "cac bai khac",
    "tin noi bat",
    "tin doc nhieu",
    "doc nhieu nhat",
    "xem nhieu nhat",
    "tin xem nhieu",
    "co the ban quan tam",
    "ban co the quan tam",
    "tieu diem",
    "bai viet cung chu de",
    "cung chu de",
    "tin cung chu de",
    "tin tuc lien quan",
    "tin tuc khac",
    "bai viet khac",
    "cac bai viet khac",
    "tin bai khac",
    "tin lien quan khac",
    "video lien quan",
    "doc tiep",
    "xem tiep",
];

/// Comment boxes, contact links, share bars: the start of the page footer.
const FOOTER: &[&str] = &[
    "viet binh luan moi",
    "viet binh luan",
    "binh luan cua ban",
    "binh luan ban doc",
    "ban doc binh luan",
    "y kien binh luan",
    "binh luan",
    "cac binh luan",
    "gui binh luan",
    "y kien ban doc",
    "y kien cua ban",
    "gui y kien",
    "phan hoi",
    "gui phan hoi",
    "lien he gop y quay lai",
    "lien he gop y",
    "dang nhap de binh luan",
    "ban can dang nhap de binh luan",
];

/// Lone buttons, labels and status text anywhere on the page.
const SINGLE: &[&str] = &[
    "truc tuyen",
    "dang truc tuyen",
    "dang truy cap",
    "truy cap",
    "tong truy cap",
    "hom qua",
    "hom nay",
    "tuan nay",
    "thang nay",
    "luot xem",
    "luot truy cap",
    "so luot truy cap",
    "tong luot truy cap",
    "tong so luot truy cap",
    "thong ke truy cap",
    "xin cho trong giay lat",
    "dang tai",
    "dang tai du lieu",
    "loading",
    "quay lai",
    "ve trang truoc",
    "tro ve",
    "len dau trang",
    "ve dau trang",
    "trang chu",
    "in bai",
    "in bai viet",
    "ban in",
    "gui bai",
    "gui bai viet",
    "gui cho ban be",
    "chia se",
    "chia se bai viet",
    "da xem",
    "luot doc",
    "luot thich",
    "luot chia se",
    "danh gia bai viet",
    "ho va ten",
    "ho ten",
    "ma xac nhan",
    "gui",
    "zalo",
    "facebook",
    "twitter",
    "luu bai",
    "luu bai viet",
    "theo doi",
    "like",
    "tweet",
    "share",
    "email",
    "print",
    "top",
];

/// The keys of the labels printed before a visitor or view counter.
const COUNTER_LABELS: &[&str] = &[
    "truc tuyen",
    "dang truc tuyen",
    "luot xem",
    "luot truy cap",
    "so luot truy cap",
    "tong luot truy cap",
    "tong so luot truy cap",
    "thong ke truy cap",
    "da xem",
    "luot doc",
    "hom nay",
    "hom qua",
    "dang truy cap",
    "truy cap",
    "tong truy cap",
    "tuan nay",
    "thang nay",
];

/// Labels printed before a visitor or view counter.
pub fn is_counter_label(line: &str) -> bool {
    is_one_of(line, COUNTER_LABELS)
}

/// The length of the longest of `phrases`.
const fn longest(phrases: &[&str]) -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < phrases.len() {
        if phrases[i].len() > max {
            max = phrases[i].len();
        }
        i += 1;
    }
    max
}

/// Is the [`phrase_key`] of `text` one of `phrases`? A text whose key is longer than all of
/// them is not folded to its end.
fn is_one_of(text: &str, phrases: &[&str]) -> bool {
    short_phrase_key(text, longest(phrases)).is_some_and(|key| phrases.contains(&key.as_str()))
}

/// Phrase rules: the whole line (as a key) is a known chrome phrase.
pub fn chrome_phrase(line: &str) -> Option<Chrome> {
    // Chrome lines are short; a sentence that happens to start with "Xem thêm" is not.
    if more_words_than(line, 8) {
        return None;
    }
    let key = phrase_key(line);
    if key.is_empty() {
        return None;
    }
    if RELATED.contains(&key.as_str()) {
        return Some(Chrome::RelatedHeader);
    }
    if matches!(
        key.as_str(),
        "tu khoa" | "tags" | "tag" | "the" | "tim kiem theo tu khoa"
    ) {
        return Some(Chrome::TagsHeader);
    }
    if FOOTER.contains(&key.as_str()) {
        return Some(Chrome::FooterStart);
    }
    if SINGLE.contains(&key.as_str()) {
        return Some(Chrome::Single);
    }
    None
}

/// A link to another article written inline: "Xem thêm: …", "Tin liên quan: …", "-> …",
/// ">> …".
pub fn inline_related_link(line: &str) -> bool {
    let t = line.trim_start_matches(['•', '*', ' ']);
    if t.starts_with(">>") {
        // ">> Headline one >> Headline two": several links on one line.
        return t.split(">>").all(|link| !more_words_than(link, 30));
    }
    if t.starts_with("->") || t.starts_with("=>") || t.starts_with('»') {
        return !more_words_than(t, 30);
    }
    let Some((head, rest)) = t.split_once(':') else {
        return false;
    };
    !rest.trim().is_empty() && !more_words_than(rest, 30) && is_one_of(head, INLINE_RELATED)
}

/// The byte length of a related-links label opening `s` ("Xem thêm", "TIN LIÊN QUAN", "Bài
/// liên quan:"), in any case and accent, or `None`.
pub fn related_label_len(s: &str) -> Option<usize> {
    // Every label starts with one of these letters: most text is ruled out before folding.
    if !s.starts_with(['X', 'x', 'T', 't', 'B', 'b', 'Đ', 'đ', 'D', 'd']) {
        return None;
    }
    // Every label's key opens with a word of three letters ("xem", "doc", "tin", "bai"):
    // told from the first folded chars before a key is built for each prefix.
    let mut folded = s.chars().filter_map(fold_char);
    let head = [folded.next(), folded.next(), folded.next()];
    let word_ends = folded.next().is_some_and(|c| !c.is_alphabetic());
    if !word_ends
        || !INLINE_RELATED.iter().any(|p| {
            let mut pc = p.chars();
            head.iter().all(|&h| h.is_some() && h == pc.next())
        })
    {
        return None;
    }
    s.split_whitespace()
        .take(3)
        .skip(1)
        .map(|word| word.as_ptr() as usize - s.as_ptr() as usize + word.len())
        .find(|&end| is_one_of(&s[..end], INLINE_RELATED))
}

/// A site advertising itself: "Đọc báo Dân trí cập nhật liên tục từng giờ", "Báo Gia đình
/// và Xã hội cập nhật tin tức trong ngày liên tục, mới nhất".
pub fn is_site_promo(line: &str) -> bool {
    // Folding is the cost and this runs on every line: only short lines saying "cập nhật"
    // (NFC). The phrase is searched first, but in a long line (a flattened body) the words
    // are counted first: that stops early, the search would read it through.
    if line.len() > 1000 && more_words_than(line, 30) {
        return false;
    }
    if !(line.contains("ập nhật") || line.contains("ẬP NHẬT")) || more_words_than(line, 30)
    {
        return false;
    }
    let key = phrase_key(line);
    let has = |p: &str| key.contains(p);
    let site = key.starts_with("doc bao") || key.starts_with("bao ") || has("tin tuc");
    let always = has("lien tuc") || has("tung gio") || has("nhanh nhat");
    site && has("cap nhat") && always
}

/// Labels of inline links to other articles, before the colon.
const INLINE_RELATED: &[&str] = &[
    "xem them",
    "doc them",
    "tin lien quan",
    "bai lien quan",
    "xem tiep",
    "xem chi tiet",
];

/// Words of share bars, print/listen buttons and font-size widgets.
const WIDGET_WORDS: &[&str] = &[
    "chia",
    "se",
    "facebook",
    "zalo",
    "twitter",
    "email",
    "in",
    "bai",
    "viet",
    "gui",
    "luu",
    "like",
    "tweet",
    "share",
    "copy",
    "link",
    "sao",
    "chep",
    "messenger",
    "linkedin",
    "telegram",
    "print",
    "nghe",
    "doc",
    "co",
    "chu",
    "a",
    "tang",
    "giam",
    "font",
    "google",
    "pinterest",
    "tai",
    "xuong",
    "pdf",
    "theo",
    "doi",
    "nhan",
    "tin",
];

/// A line made only of widget words: "Chia sẻ Facebook Zalo", "Nghe đọc bài viết",
/// "Cỡ chữ A- A A+".
pub fn is_widget_bar(line: &str) -> bool {
    if more_words_than(line, 10) {
        return false; // cheap: most lines are paragraphs
    }
    let key = phrase_key(line);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    (2..=10).contains(&words.len())
        && words.iter().all(|w| WIDGET_WORDS.contains(w))
        // Real text almost always has a word outside this list; require a widget anchor.
        && words.iter().any(|w| {
            matches!(*w, "facebook" | "zalo" | "twitter" | "email" | "share" | "nghe" | "chu" | "print" | "like" | "tweet" | "messenger" | "telegram" | "se" | "pdf")
        })
}

/// Editorial markers between parts of a series or at its end, and visual separators:
/// "(Còn nữa)", "(Còn tiếp)", "(Hết)", "* * *".
pub fn is_marker_line(line: &str) -> Option<RemovalReason> {
    if more_words_than(line, 5) {
        return None;
    }
    let key = phrase_key(line);
    if matches!(
        key.as_str(),
        "con nua" | "con tiep" | "het" | "con nua ky sau" | "ky sau dang tiep" | "doc tiep ky sau"
    ) {
        return Some(RemovalReason::SeriesMarker);
    }
    if key.is_empty() && !line.chars().any(|c| c.is_ascii_digit()) {
        return Some(RemovalReason::Separator);
    }
    None
}

/// Site registration lines in page footers: "Giấy phép số 123/GP-BTTTT", "Giấy phép hoạt động
/// báo điện tử số …".
pub fn is_licence_line(line: &str) -> bool {
    // Only the key's start is compared: it is not built past the longest phrase.
    let key = phrase_key_start(
        line,
        LICENCE_PHRASES.iter().map(|p| p.len()).max().unwrap_or(0),
    );
    LICENCE_PHRASES.iter().any(|p| key.starts_with(p)) && !more_words_than(line, 25)
}

/// Openings of licence lines, as [`phrase_key`] gives them.
const LICENCE_PHRASES: [&str; 3] = ["giay phep so", "giay phep hoat dong", "giay phep xuat ban"];

/// The start of `line`'s [`phrase_key`], at least `n` bytes of it when it is that long: a
/// prefix of the key up to `n` bytes is that of the whole key plus at most a space at its end
/// (the key only grows as the line is read, and trimming takes one space off each end), so
/// `starts_with` a phrase that ends in no space answers as on the whole key.
fn phrase_key_start(line: &str, n: usize) -> String {
    let mut key = String::with_capacity(n + 4);
    for c in line.chars().filter_map(fold_char) {
        if c.is_alphabetic() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with(' ') {
            // No leading space: the whole key's is trimmed.
            key.push(' ');
        }
        if key.len() >= n {
            break;
        }
    }
    key
}

/// Keyword lists under an article: "Từ khóa: nghị quyết, đại hội", "Tags: …".
pub fn is_tag_list(line: &str) -> bool {
    let Some((head, rest)) = line.split_once(':') else {
        return false;
    };
    !rest.trim().is_empty() && is_one_of(head, TAG_LABELS)
}

/// Labels of keyword lists, before the colon.
const TAG_LABELS: &[&str] = &["tu khoa", "tags", "tag", "chu de", "nhan"];

/// A line that is only a number (a view or visitor counter): `93401966`, `1.234.567`.
pub fn is_counter(line: &str) -> bool {
    // The shape first: it fails at the first letter, where counting digits reads it all.
    line.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' '))
        && line.chars().any(|c| c.is_ascii_digit())
}

mod foreign;
mod listings;
pub use foreign::{Foreign, foreign};
pub use listings::{is_alt_slug, is_dated_headline};

#[cfg(test)]
mod tests;
