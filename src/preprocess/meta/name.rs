//! Personal names as signed under articles: titles (`TS.`, `Đại tá`), initials, all-caps
//! names.

use super::{is_acronym, lower_words, smart_case, starts_upper};
use crate::preprocess::word_set::WordSet;
use crate::text::{fold_str, is_all_caps, is_vietnamese_syllable};

/// Lowercased words that never occur in a Vietnamese personal name but do in headings and page
/// furniture ("CÁC TIN KHÁC", "Xem Thêm", "Ông Nguyễn Văn A").
#[rustfmt::skip]
pub(super) const NOT_NAME_WORDS: &[&str] = &[
    "các", "những", "của", "và", "là", "có", "không", "được", "cho", "với", "tin", "khác", "xem",
    "thêm", "bài", "chủ", "đọc", "tiếp", "phản", "ông", "bà", "chị", "em", "cô", "chú", "bác",
    "theo", "nguồn", "ảnh", "báo", "tạp", "tổng", "hệ", "cáo", "nóng", "kết", "quả", "nổi", "bật",
    "phần", "mục", "sách", "về", "từ", "đề", "hỏi", "đáp", "bạn", "tôi", "này", "đó", "ở", "tại",
    "trong", "ngày", "tháng", "xin", "một", "nếu", "cùng", "tờ", "khi", "sau", "trước", "hay",
    "hoặc", "nhưng", "mà", "thì", "để", "vì", "bởi", "nên", "rất", "cũng", "vẫn", "đều", "chỉ",
    "mỗi", "mọi", "nhiều", "hơn", "đến", "lên", "ra", "vào", "the", "tuổi", "mới", "cũ", "tỉnh",
    "huyện", "quận", "xã", "phường", "đền", "chùa", "thờ", "trên", "dưới", "ngoài", "sân",
];

/// [`NOT_NAME_WORDS`], looked up by hash: asked of every word of a signature.
pub(super) static NOT_NAME_WORD_SET: WordSet = WordSet::new(NOT_NAME_WORDS);

/// [`PLACES`], looked up by hash.
static PLACE_SET: WordSet = WordSet::new(PLACES);

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
pub(super) fn title_len(tokens: &[&str]) -> usize {
    // Each token is lowercased once, when a title word is first compared with it.
    let mut lowered: Vec<Option<String>> = vec![None; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        // A title needs a name after it: a lone "CN" or "LS" is initials.
        let more = i + 1 < tokens.len();
        if more && is_title_abbrev(tokens[i]) && starts_upper(tokens[i]) {
            i += 1;
            continue;
        }
        let hit = TITLE_WORDS.iter().find(|t| {
            starts_upper(tokens[i])
                && t.len() + i <= tokens.len()
                && t.iter().enumerate().all(|(k, w)| {
                    let low = lowered[i + k].get_or_insert_with(|| lower_words(tokens[i + k]));
                    low.as_str() == *w
                })
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
        || NOT_NAME_WORD_SET.contains(&tok.to_lowercase())
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
pub(super) fn parse_name(part: &str) -> Option<String> {
    let part = part.trim();
    let raw: Vec<&str> = part.split_whitespace().collect();
    let t = title_len(&raw);
    let name = &raw[t..];
    if name.is_empty() || name.len() > 6 || PLACE_SET.contains(&lower_words(part)) {
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
