//! Outlet tags opening a paragraph (`(QTO) - …`) and whole lines crediting the source
//! (`Theo TTXVN`, `Nguồn: Báo Nhân Dân`).

use super::byline::generic_staff;
use super::known_outlets::{is_compiled_bracketed, is_compiled_marker, is_known_outlet};
use super::name::{NOT_NAME_WORD_SET, parse_name};
use super::{
    DASHES, after_folded_prefix, fold_words, is_acronym, is_brand_token, is_domain, longer_than,
    lower_words, split_trailing_parens, starts_upper, strip_bullet,
};
use crate::text::{fold_str, is_vietnamese_syllable};

/// Capitalised acronyms that open ordinary sentences and headings: bodies, not outlets.
pub(super) const NOT_OUTLETS: &[&str] = &[
    "UBND", "HĐND", "MTTQ", "BCH", "BTV", "TP", "TPHCM", "TP.HCM", "CLB", "THPT", "THCS", "ĐH",
    "ĐHQG", "BHXH", "BHYT", "CSGT", "GTVT", "ASEAN", "APEC", "WHO", "EU", "NATO", "FIFA", "VFF",
];

/// Labels of the kind of item in brackets ("(Video)", "(CLIP)"), folded: no outlet.
#[rustfmt::skip]
const MEDIA_LABELS: &[&str] = &[
    "video", "clip", "photo", "infographic", "emagazine", "longform", "podcast", "live", "update",
    "hot", "new", "audio", "gallery", "interactive", "megastory",
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
    if MEDIA_LABELS.contains(&fold_str(tag).as_str()) {
        return false;
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

/// `(TAG) - text` starting at byte `open` (an ASCII `(`) of `s`. With `dashless`, also
/// `(TAG) Text` when the tag is shaped like an outlet and a whole sentence follows.
fn bracketed_tag_at(s: &str, open: usize, dashless: bool) -> Option<(String, usize)> {
    let inner_and_rest = s.get(open + 1..)?;
    let close = inner_and_rest.find(')')?;
    let tag = inner_and_rest[..close].trim();
    if !bracketed_tag_ok(tag) {
        return None;
    }
    let after = open + 1 + close + 1;
    let sep = s.get(after..)?.trim_start();
    let sep_pos = s.len() - sep.len();
    if let Some(dash) = sep.chars().next().filter(|c| DASHES.contains(c)) {
        let start = tag_rest_start(s, sep_pos + dash.len_utf8())?;
        return Some((tag.to_string(), start));
    }
    // "(BDO) Thực hiện Nghị quyết …": no dash, so the tag must be an outlet's shape (not a
    // body such as "(UBND)", a list number "(II)" or initials "(T.L)") and the text after it
    // a real paragraph.
    let roman = tag
        .chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'M'));
    let shaped = is_known_outlet(tag)
        || is_domain(tag)
        || (!tag.contains('.')
            && !roman
            && !NOT_OUTLETS.contains(&tag)
            && tag.chars().count() >= 3
            && is_acronym(tag, 15)
            && !is_vietnamese_syllable(&fold_str(tag)));
    if !dashless || !shaped || !s[after..].starts_with(' ') {
        return None;
    }
    let start = tag_rest_start(s, after)?;
    let rest = &s[start..];
    let first = rest.chars().next()?;
    (first.is_uppercase() && paragraph_like(rest)).then(|| (tag.to_string(), start))
}

/// Text that reads as a paragraph, not a heading: eight words or more, ending like a
/// sentence.
fn paragraph_like(rest: &str) -> bool {
    rest.split_whitespace().nth(7).is_some()
        && rest.trim_end().ends_with(['.', '…', '!', '?', '"', '”'])
}

/// "Báo Kon Tum - …": an outlet named "Báo" and a proper name (every word capitalised) before
/// the dash. "Báo cáo - …", "Báo chí - truyền thông …" are no names.
fn bao_name(tag: &str) -> bool {
    let words: Vec<&str> = tag.split_whitespace().collect();
    match words.as_slice() {
        [bao, name @ ..] if *bao == "Báo" || *bao == "BÁO" => {
            (1..=4).contains(&name.len())
                && name.iter().all(|w| {
                    starts_upper(w)
                        && w.chars().all(char::is_alphabetic)
                        && is_vietnamese_syllable(&fold_str(w))
                })
        }
        _ => false,
    }
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
        return bracketed_tag_at(s, 0, true);
    }
    // "Hà Nội (TTXVN) - …": a dateline place (capitalised Vietnamese words) before the tag.
    // Searched in the first bytes only: a paragraph may run long.
    let near = &s.as_bytes()[..s.len().min(42)];
    if let Some(open) = memchr::memmem::find(near, b" (").filter(|&o| o <= 40) {
        let place: Vec<&str> = s[..open].split_whitespace().collect();
        let place_ok = place.iter().all(|w| {
            starts_upper(w)
                && (w.contains('.') || is_vietnamese_syllable(&fold_str(w.trim_end_matches(','))))
        });
        if (1..=4).contains(&place.len()) && place_ok {
            return bracketed_tag_at(s, open + 1, false);
        }
    }
    // Unbracketed: the tag is everything before the first dash, which must be spaced on at
    // least one side so that "VN-Index" or "GD-ĐT" are not split.
    // A tag of at most 30 chars ends at the dash: a dash is searched past the first 256
    // bytes only when they hold no longer tag (a paragraph may run long).
    let head = &s[..s.floor_char_boundary(256)];
    let dash_pos = match head.find(DASHES) {
        Some(p) => p,
        None if longer_than(head.trim(), 30) => return None,
        None => s.find(DASHES)?,
    };
    let dash = s[dash_pos..].chars().next()?;
    let before = &s[..dash_pos];
    let after_pos = dash_pos + dash.len_utf8();
    let spaced = before.ends_with(' ') || s[after_pos..].starts_with(' ');
    let tag = before.trim();
    if !spaced || tag.is_empty() || longer_than(tag, 30) {
        return None;
    }
    // "Báo Kon Tum - Trong những năm qua, …": leads a real paragraph, like an unknown acronym.
    if bao_name(tag) {
        let start = tag_rest_start(s, after_pos)?;
        return paragraph_like(&s[start..]).then(|| (tag.to_string(), start));
    }
    if longer_than(tag, 15) {
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

/// Does `s` open with words that introduce the credited source ("Theo …", "Tổng hợp từ …",
/// "Nguồn: …")?
pub(super) fn is_credit_lead(s: &str) -> bool {
    credit_lead_rest(s).is_some()
}

/// What follows a credit lead ("Theo CNN" → "CNN"), or `s` itself when it has none.
pub(super) fn after_credit_lead(s: &str) -> &str {
    credit_lead_rest(s).map_or(s, |rest| rest.trim_start_matches([' ', ':']))
}

/// What follows the credit lead opening `s`, if one does.
fn credit_lead_rest(s: &str) -> Option<&str> {
    CREDIT_LEADS
        .iter()
        .chain(CREDIT_LABELS)
        .find_map(|lead| after_folded_prefix(s, lead))
}

/// A short list of sources: "Washington Post, Daily Mail", "Indiatoday và The Huffington Post".
fn source_list(c: &str) -> bool {
    // Two parts need a separator: most lines are told without splitting them.
    if !c.contains([',', ';']) && !c.contains(" và ") {
        return false;
    }
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
                // "Nguồn: Mạnh Quân/Otofun News": the writer, then the outlet.
                let r = r.trim();
                match r.split_once('/') {
                    Some((name, outlet))
                        if parse_name(name).is_some() && starts_upper(outlet.trim()) =>
                    {
                        Some(outlet.trim().to_string())
                    }
                    _ => Some(r.to_string()),
                }
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
    // Counted before collecting: most lines are longer.
    if s.split_whitespace().nth(8).is_some() {
        return None;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
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
        // "Bá Vương/VTC News": a writer, then the outlet; a byline, not an outlet's name.
        if !outletish && parse_name(left).is_some_and(|n| n.contains([' ', '.'])) {
            return None;
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
        ["tạp", "chí", ..] | ["thời" | "tuần" | "nhật", "báo", ..] => 2,
        ["báo" | "đài" | "kênh" | "cổng", ..] => 1,
        _ => 0,
    };
    let name_like = || {
        words.len() <= 6
            && !ends_sentence
            && !s.contains([':', '"', '“', '”', '\''])
            && !s.chars().any(|c| c.is_ascii_digit())
            && !words
                .iter()
                .any(|w| VERBISH.contains(&w.to_lowercase().as_str()))
            && lower_words(s) != "đài loan"
    };
    if kind_len > 0
        && name_like()
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
    let plain = || {
        !s.contains(':')
            && words
                .iter()
                .all(|w| !NOT_NAME_WORD_SET.contains(&w.to_lowercase()))
    };
    if (2..=5).contains(&words.len())
        && starts_upper(s)
        && plain()
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
    // A line past 100 chars is none (`outlet_line_once` says so first): told before the memo
    // hashes and copies it, as it did every paragraph.
    if longer_than(line.trim(), 100) {
        return None;
    }
    thread_local! {
        static MEMO: super::memo::Memo<Option<String>> = super::memo::Memo::default();
    }
    super::memo::remembered(&MEMO, line, outlet_line_once)
}

/// [`outlet_line`], worked out.
fn outlet_line_once(line: &str) -> Option<String> {
    let s = line.trim();
    if s.is_empty() || longer_than(s, 100) {
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

/// The writer a source credit names: `Theo Thân Hoàng/Tuổi Trẻ`, `Nguồn: Mạnh Quân/Otofun
/// News`, `Theo Vân Anh (Khám phá)`, `Hoàng Đan (Soha.vn/Trí Thức Trẻ)` after a lone `Theo`.
/// `None` for a credit naming only an outlet (`Theo TTXVN`).
pub fn credit_author(line: &str) -> Option<String> {
    outlet_line(line)?;
    let s = strip_bullet(line.trim()).trim();
    let s = s
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .unwrap_or(s)
        .trim()
        .trim_end_matches('.');
    let rest = CREDIT_LEADS
        .iter()
        .chain(CREDIT_LABELS)
        .find_map(|lead| after_folded_prefix(s, lead))?
        .trim_start_matches([':', ' ']);
    let name = match split_trailing_parens(rest) {
        Some((head, inner)) if !head.trim().is_empty() && !is_compiled_bracketed(inner) => head,
        _ => rest.split_once('/').map(|(name, _)| name)?,
    };
    // "Theo Thanh Loan (Dịch từ brightside) (Khám phá)": the notes on the source go too.
    let mut name = name.trim();
    while let Some((head, inner)) = split_trailing_parens(name)
        && super::byline::source_note(inner)
    {
        name = head.trim();
    }
    // An outlet is no person: "Theo TTXVN/Vietnam+", "Theo Báo Nhân Dân (Hà Nội)".
    if is_known_outlet(name) || is_domain(name) || is_acronym(name, 10) {
        return None;
    }
    parse_name(name)
}

#[cfg(test)]
mod tests;
