//! Bylines: the author as signed, with a role when the line gives one.

use super::known_outlets::{is_compiled_bracketed, is_known_outlet};
use super::name::{parse_name, title_len};
use super::outlet::NOT_OUTLETS;
use super::{
    DASHES, after_folded_prefix, first_folded_word_is, fold_words, has_photo_credit, is_acronym,
    is_brand_token, is_copyright, is_domain, longer_than, lower_words, outlet_line, parse_date,
    smart_case, split_trailing_parens, starts_upper, strip_bullet,
};
use crate::text::{fold_char, fold_str, is_all_caps, is_vietnamese_syllable};

/// Author of an article as signed, with a role or office when the line gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Byline {
    pub author: String,
    pub role: Option<String>,
    /// A staff signature that names nobody ("PV", "Nhóm phóng viên", "CTV"): the line is a
    /// byline, but a reader learns no author from it, so it is kept as a credit only.
    pub staff: bool,
}

/// Labels that introduce a byline ("Bài, ảnh:", "Thực hiện:"), folded words.
const BYLINE_LABEL_WORDS: &[&str] = &[
    "bai", "anh", "tin", "va", "thuc", "hien", "nhom", "tac", "gia", "nguoi", "viet", "phong",
    "vien", "pv", "video", "clip", "ghi", "chep", "dich", "text",
];
const BYLINE_LABEL_KEYS: &[&str] = &["bai", "tin", "hien", "tac", "viet", "vien", "chep", "text"];

/// Splits off a "Bài, ảnh:" style label. `None` when the line has a colon that is no byline
/// label ("Ảnh: X" is a photo credit, "Hotline: …" is page furniture).
pub(super) fn strip_byline_label(s: &str) -> Option<&str> {
    let Some(colon) = s.find(':') else {
        return Some(s);
    };
    // The label is folded and judged word by word (words split at spaces and ",/&-+"), so a
    // sentence that merely has a colon somewhere is rejected at its first word.
    let mut count = 0;
    let mut key = false;
    let mut word = String::new();
    let folded = s[..colon].chars().filter_map(fold_char);
    for c in folded.chain(std::iter::once(' ')) {
        if !(c.is_whitespace() || ",/&-+".contains(c)) {
            word.push(c);
            continue;
        }
        if word.is_empty() {
            continue;
        }
        count += 1;
        if count > 5 || !BYLINE_LABEL_WORDS.contains(&word.as_str()) {
            return None;
        }
        key |= BYLINE_LABEL_KEYS.contains(&word.as_str());
        word.clear();
    }
    (count > 0 && key).then(|| s[colon + 1..].trim())
}

/// Generic staff signatures ("Nhóm PV", "Nhóm phóng viên", "Phóng viên").
pub(super) fn generic_staff(s: &str) -> bool {
    let f = fold_words(s.trim_end_matches('.'));
    if let Some(rest) = f.strip_prefix("nhom ") {
        return ["pv", "phong vien", "ctv", "tac gia", "thuc hien", "p.v"]
            .iter()
            .any(|g| rest == *g || rest.strip_prefix(g).is_some_and(|r| r.starts_with(' ')));
    }
    matches!(
        f.as_str(),
        "pv" | "p.v" | "phong vien" | "ctv" | "cong tac vien" | "btv" | "ban ban doc"
    )
}

/// First words of an office or role after the name (lowercased): never the first word of a
/// personal name as signed.
#[rustfmt::skip]
const ROLE_STARTS: &[&str] = &[
    "phó", "bí", "chủ", "giám", "ủy", "uỷ", "tổng", "thứ", "bộ", "trưởng", "hiệu", "đại", "giảng",
    "chuyên", "nhà", "nguyên", "thư", "chánh", "ubnd", "hđnd", "mttq",
];

/// Words that open an institution or office (lowercased): "Sở Nội vụ", "Ban Tuyên giáo",
/// "Huyện ủy …" (through "huyện"). Some are also given names ("Trường Giang"), so they open a
/// role only when the part is no plain personal name.
#[rustfmt::skip]
const INSTITUTION_WORDS: &[&str] = &[
    "sở", "ban", "cục", "viện", "phòng", "khoa", "hội", "huyện", "tỉnh", "quận", "xã", "phường",
    "trường", "báo", "đài",
];

/// Two-word openings of an institution (lowercased), whose first word alone opens ordinary
/// names and clauses too ("Trung Kiên", "Công Lý tung hứng …").
#[rustfmt::skip]
const INSTITUTION_PAIRS: &[[&str; 2]] = &[
    ["học", "viện"], ["thành", "ủy"], ["thành", "uỷ"], ["thành", "đoàn"], ["thị", "ủy"],
    ["thị", "uỷ"], ["thị", "đoàn"], ["đảng", "ủy"], ["đảng", "uỷ"], ["đảng", "bộ"],
    ["trung", "tâm"], ["trung", "đoàn"], ["trung", "ương"], ["công", "ty"], ["công", "an"],
    ["công", "đoàn"], ["tập", "đoàn"], ["tạp", "chí"], ["bệnh", "viện"], ["liên", "đoàn"],
    ["liên", "minh"], ["liên", "hiệp"], ["văn", "phòng"], ["cơ", "quan"], ["tòa", "án"],
    ["toà", "án"], ["quân", "khu"], ["quân", "đoàn"], ["quân", "chủng"], ["sư", "đoàn"],
    ["lữ", "đoàn"], ["tiểu", "đoàn"], ["chi", "cục"], ["chi", "nhánh"], ["chi", "bộ"],
    ["chi", "hội"], ["câu", "lạc"], ["thanh", "tra"], ["kiểm", "toán"], ["đại", "học"],
];

/// A plain personal name: 2–4 capitalised Vietnamese syllables ("Trung Kiên", "Thu Hà"), no
/// acronym, no title, no lowercase word.
fn plain_name(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && parse_name(p).is_some()
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && (cs.all(char::is_lowercase) || is_all_caps(p))
                && is_vietnamese_syllable(&fold_str(w))
        })
}

/// Does `p` open with an institution word and read as no personal name ("Học viện Chính trị
/// khu vực I", "Huyện ủy Hải Hậu", "Trường THPT Chu Văn An"; not "Trung Kiên")?
fn institution_part(p: &str) -> bool {
    let mut words = p.split_whitespace().map(lower_words);
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    let opens = INSTITUTION_WORDS.contains(&first.as_str())
        || INSTITUTION_PAIRS
            .iter()
            .any(|[a, b]| first == *a && second == *b);
    opens && !plain_name(p)
}

/// Does `tail` (after the name's comma) read as a role, not more names or a clause?
fn role_like(tail: &str) -> bool {
    let words: Vec<&str> = tail.split_whitespace().collect();
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    !words.is_empty()
        && words.len() <= 25
        && (starts_upper(tail) || first == "nguyên")
        && !tail.ends_with(['.', ':', '?', '!'])
        && !tail.contains([':', '"', '“', '”'])
        && (starts_with_role(tail) || words.iter().any(|w| w.starts_with(char::is_lowercase)))
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

/// A bracketed note on the source, not the writer's office: "(Theo TTXVN)", "(Tổng hợp)",
/// "(T/h)", "(Dịch từ brightside)", "(Lược dịch)", "(Nguồn: AP)".
pub(super) fn source_note(inner: &str) -> bool {
    let inner = inner.trim();
    is_compiled_bracketed(inner)
        || super::outlet::is_credit_lead(inner)
        // "(dịch USAToday)", "(Tổng hợp Dailymail)": named without "từ" or "theo".
        || first_folded_word_is(inner, "dich")
        || after_folded_prefix(inner, "tong hop").is_some()
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

/// Part of a byline that names the outlet or desk, dropped from the author (`Bích Huệ -
/// TTXVN`, `Minh Anh - TNTBros`).
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
        // "Văn Thành - Huyện ủy Hải Hậu", "Minh Anh - Trường THPT Chu Văn An": an office
        // after the dash is the role, even where its words could pass for a name.
        let as_role = || {
            let r = if is_all_caps(p) {
                smart_case(p)
            } else {
                p.to_string()
            };
            Some(r)
        };
        if i > 0 && last && institution_part(p) && role_like(p) {
            role = as_role();
            continue;
        }
        match parse_name(p) {
            Some(n) => out.push(n),
            // "Endo - Thể thao Việt Nam": a foreign pen name, one word, signed beside a
            // known outlet (alone, "Moonlight" is a film title, not a signature).
            None if i == 0 && pen_name(p) && signed_for_outlet(&parts[1..]) => {
                out.push((*p).to_string());
            }
            None if i > 0 && outlet_part(p) => {}
            None if i > 0 && last && starts_with_role(p) && role_like(p) => role = as_role(),
            None => return None,
        }
    }
    (!out.is_empty()).then_some((out, role))
}

/// One capitalised word of letters, the rest lowercase: "Endo", "Giro".
fn pen_name(p: &str) -> bool {
    let mut cs = p.chars();
    (3..=15).contains(&p.chars().count())
        && cs.next().is_some_and(char::is_uppercase)
        && cs.all(char::is_lowercase)
}

/// Do the parts after a name name a known outlet, and nothing else?
fn signed_for_outlet(rest: &[&str]) -> bool {
    rest.iter().any(|p| !p.is_empty())
        && rest
            .iter()
            .all(|p| p.is_empty() || is_known_outlet(p) || is_domain(p))
}

/// Does `s` open with an office ("Phó Giám đốc …") or an institution ("Học viện …")?
fn starts_with_role(s: &str) -> bool {
    let first = s
        .split_whitespace()
        .next()
        .map(str::to_lowercase)
        .unwrap_or_default();
    ROLE_STARTS.contains(&first.as_str()) || institution_part(s)
}

/// A byline: the author's name (1–6 capitalised words or all caps, initials and titles such
/// as `TS.` allowed, a leading bullet allowed), optionally followed by a comma and a role.
/// "Bài, ảnh: X" labels are removed, several authors are joined with ", ", and trailing
/// notes like "(t/h)" or "/VOV" are dropped. Source credits ("Theo X"), headings, page
/// furniture, dates and photo captions are not bylines.
pub fn parse_byline(line: &str) -> Option<Byline> {
    thread_local! {
        static MEMO: super::memo::Memo<Option<Byline>> = super::memo::Memo::default();
    }
    super::memo::remembered(&MEMO, line, parse_byline_once)
}

/// [`parse_byline`], worked out.
fn parse_byline_once(line: &str) -> Option<Byline> {
    let s = strip_bullet(line.trim());
    let s = after_compiled_marker(s).unwrap_or(s);
    // A trailing comma means the sentence goes on in the next line.
    if s.is_empty() || longer_than(s, 160) || s.ends_with(',') {
        return None;
    }
    if first_folded_word_is(s, "theo") || outlet_line(s).is_some() {
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
        return Some(Byline {
            author,
            role: None,
            staff: true,
        });
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
    // "Nguyễn Văn Hùng (Ban Tuyên giáo Huyện ủy)": a role in brackets after the name. Notes
    // such as "(t/h)" or "(Theo TTXVN)" are not role-like and stay dropped.
    if role.is_none()
        && let Some((_, inner)) = split_trailing_parens(credited.unwrap_or(s))
        && role_like(inner)
        && !source_note(inner)
    {
        role = Some(inner.trim().to_string());
    }
    // "PV/VOV-Tây Nguyên", "Như Anh, CTV": a staff signature beside names is no author.
    let people: Vec<&String> = authors.iter().filter(|a| !generic_staff(a)).collect();
    let staff = people.is_empty();
    let author = if staff {
        authors.join(", ")
    } else {
        people
            .iter()
            .map(|a| a.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(Byline {
        author,
        role,
        staff,
    })
}

/// The outlet a byline names beside its author: "Mạnh Tú/TTXVN" and "Bích Huệ - TTXVN" give
/// "TTXVN", "Việt Quốc/VOV – TP HCM" and "PV/VOV-Tây Nguyên" give "VOV", "TTXVN/Quân Trang"
/// gives "TTXVN". Only a known outlet, a domain or an all-caps acronym of three letters or
/// more counts (not "UBND", not initials such as "T.L"); `None` when the line is no byline
/// ("Quý II/2017") or names no outlet.
pub fn byline_outlet(line: &str) -> Option<String> {
    parse_byline(line)?;
    parsed_byline_outlet(line)
}

/// [`byline_outlet`] of a line already known to parse as a byline ([`parse_byline`] is
/// `Some`): the caller that parsed it does not parse it again.
pub fn parsed_byline_outlet(line: &str) -> Option<String> {
    let s = strip_bullet(line.trim());
    let s = strip_notes(before_appended_credit(s).unwrap_or(s));
    let s = strip_byline_label(s)?;
    // "Bài: Thu Hà/TTXVN; Ảnh: …": the writer's part.
    let s = s.split_once(';').map_or(s, |(first, _)| first);
    let pieces: Vec<&str> = s
        .split(['/', ','])
        .flat_map(split_authors)
        .map(|p| p.trim().trim_end_matches('.').trim())
        .collect();
    let Some((at, outlet)) = pieces.iter().enumerate().find_map(|(i, p)| {
        // "VOV-Tây Nguyên": the outlet, then its desk.
        let head = p.split(DASHES).next().unwrap_or(p).trim();
        [*p, head]
            .into_iter()
            .find(|c| named_outlet(c))
            .map(|c| (i, c))
    }) else {
        return note_outlet(line);
    };
    // Someone signs beside it: "Mạnh Tú/TTXVN", not "VND/kg" or a lone "BRT".
    let signed = pieces.iter().enumerate().any(|(i, p)| {
        i != at && (generic_staff(p) || parse_name(p).is_some_and(|n| n.contains([' ', '.'])))
    });
    signed.then(|| outlet.to_string())
}

/// The writer's name after a compiled-source marker opening `s` ("Tổng hợp Hải Đăng",
/// "(Tổng hợp) Hoàng Yên", "(T/h) Duy Ngọc"): compiled by the writer named after it.
fn after_compiled_marker(s: &str) -> Option<&str> {
    let rest = match s.strip_prefix('(') {
        Some(inner) => {
            let (marker, rest) = inner.split_once(')')?;
            is_compiled_bracketed(marker).then_some(rest)?
        }
        None => after_folded_prefix(s, "tong hop")?,
    };
    let rest = rest.trim_start_matches([':', ' ']);
    starts_upper(rest).then_some(rest)
}

/// The outlet a bracketed note after the writer's name credits: "Văn Sơn (TTXVN)", "Du Lam
/// (Theo CNN)", "Hà My (Dịch từ SN) (Khám Phá)". Only after a name of two words or initials:
/// "(TTXVN)" after a desk or nothing is no signature.
fn note_outlet(line: &str) -> Option<String> {
    let s = strip_bullet(line.trim());
    let mut body = before_appended_credit(s)
        .unwrap_or(s)
        .trim_end_matches(['.', ' ']);
    let mut found = None;
    while let Some((head, inner)) = split_trailing_parens(body) {
        let named = super::outlet::after_credit_lead(inner.trim()).trim();
        if found.is_none() && named_outlet(named) {
            found = Some(named);
        }
        body = head.trim_end_matches(['-', '–', ' ']);
    }
    let writer = strip_byline_label(body)?;
    let signed = parse_name(writer).is_some_and(|n| n.contains([' ', '.']));
    found.filter(|_| signed).map(str::to_string)
}

/// A piece of a byline that names an outlet: known, a domain, or an acronym that is no
/// syllable, no public body and no staff signature.
fn named_outlet(p: &str) -> bool {
    if p.is_empty() || generic_staff(p) {
        return false;
    }
    is_known_outlet(p)
        || is_domain(p)
        || (p.chars().count() >= 3
            && !p.contains('.')
            && is_acronym(p, 10)
            && !is_vietnamese_syllable(&fold_str(p))
            && !NOT_OUTLETS.contains(&p))
}

#[cfg(test)]
mod tests;
