//! Copyright and rights lines, and the outlet they name.

use super::{DASHES, longer_than, smart_case, strip_bullet, word_spans};
use crate::text::{fold_char, fold_str, is_all_caps, is_vietnamese_syllable};

/// Phrases forbidding copies, compared lowercased with their marks; each holds "sao chép".
const COPY_BANS: &[&str] = &["cấm sao chép", "không được sao chép", "không sao chép"];

/// Is this a copyright or rights line (`Copyright …`, `©`, `Bản quyền thuộc …`,
/// `All rights reserved`, `Ghi rõ nguồn … khi phát hành lại`)?
pub fn is_copyright(line: &str) -> bool {
    let s = strip_bullet(line.trim());
    !s.is_empty() && !longer_than(s, 250) && may_be_copyright(s) && copyright_rule(s)
}

/// [`is_copyright`] on a short, stripped line, without the precheck.
fn copyright_rule(s: &str) -> bool {
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
            || !longer_than(s, 40) && near.is_empty();
    }
    if f.contains("(c) 19") || f.contains("(c) 20") {
        return true;
    }
    // "Nghiêm cấm sao chép …", "Không được sao chép khi chưa có sự đồng ý …". Each phrase
    // holds "sao chép", which shows in the folded line as "sao chep" (a test checks every char
    // that lowercases into it), so most lines are let go without lowercasing them.
    if !longer_than(s, 200) && f.contains("sao chep") {
        let lower = s.to_lowercase();
        if COPY_BANS.iter().any(|p| lower.contains(p)) {
            return true;
        }
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

/// Does the folded line hold a key every accepted copyright line holds: "quy" (bản quyền),
/// "ght" (copyright, all rights reserved), "©", "(c" ("(c) 2020"), "chep" (sao chép) or "ghi r"
/// (ghi rõ nguồn)? (A bare "q" or "(" let most lines through: "quốc", "quan", "(TTXVN)".) One pass over the folded chars, with no folded string built: most lines hold none
/// of them and are let go here.
fn may_be_copyright(s: &str) -> bool {
    // The last folded chars, one byte each, newest lowest (a non-ASCII one as 0xff).
    let mut last: u64 = 0;
    for c in s.chars() {
        let b = if c.is_ascii() {
            // An ASCII char folds to itself lowercased: no table.
            (c as u8).to_ascii_lowercase()
        } else {
            match fold_char(c) {
                None => continue,
                Some('©') => return true,
                Some(f) => u8::try_from(f).unwrap_or(0xff),
            }
        };
        // A key is told at its last char.
        let hit = match b {
            b'y' => last & 0xffff == key(b"qu"),
            b'c' => last & 0xff == key(b"("),
            b't' => last & 0xffff == key(b"gh"),
            b'p' => last & 0xff_ffff == key(b"che"),
            b'r' => last & 0xffff_ffff == key(b"ghi "),
            _ => false,
        };
        if hit {
            return true;
        }
        last = (last << 8) | u64::from(b);
    }
    false
}

/// `k`'s bytes packed as [`may_be_copyright`] keeps its last chars.
const fn key(k: &[u8]) -> u64 {
    let mut v = 0;
    let mut i = 0;
    while i < k.len() {
        v = (v << 8) | k[i] as u64;
        i += 1;
    }
    v
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
    // "Ghi rõ nguồn 'Báo X' khi phát hành lại": the outlet is the quoted part; without one,
    // the notice may still name it ("Bản quyền thuộc về Báo X. Ghi rõ nguồn khi …").
    let quote_marks = ['"', '“', '”', '\'', '‘', '’'];
    if fold_str(s).contains("ghi ro nguon") {
        let quoted = s.split(quote_marks).nth(1).map(str::trim);
        if let Some(q) = quoted.filter(|q| !q.is_empty()) {
            return Some(finish_outlet(q));
        }
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
    // "Báo Nghệ An giữ bản quyền (nội dung)": the holder comes before the verb, and what
    // follows "bản quyền" there is no outlet.
    match holder_before_giu(notice) {
        Holder::Named(holder) => return Some(finish_outlet(holder)),
        Holder::Nobody => return None,
        Holder::NoNotice => {}
    }
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

/// The holder named before "giữ bản quyền": `© 2022 Báo Nghệ An giữ bản quyền` → `Báo Nghệ
/// An`. Leading signs, "Copyright" and years are skipped; the holder must be a short proper
/// name (every word capitalised, or an outlet kind such as "Báo" before capitalised words), so
/// "Tác giả giữ bản quyền" names nobody.
fn holder_before_giu(notice: &str) -> Holder<'_> {
    let words = word_spans(notice);
    let folded: Vec<String> = words.iter().map(|(_, w)| fold_str(w)).collect();
    let Some(giu) = (0..folded.len().saturating_sub(2))
        .find(|&i| folded[i] == "giu" && folded[i + 1] == "ban" && folded[i + 2] == "quyen")
    else {
        return Holder::NoNotice;
    };
    let first = (0..giu).find(|&i| {
        let w = words[i].1;
        !(is_year_token(w)
            || matches!(w, "©" | "®" | "(c)" | "(C)")
            || folded[i] == "copyright"
            || !w.chars().any(char::is_alphanumeric))
    });
    let Some(first) = first else {
        return Holder::Nobody;
    };
    let holder = notice[words[first].0..words[giu].0].trim();
    let hw: Vec<&str> = holder.split_whitespace().collect();
    let proper = |w: &&str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let kind = matches!(
        hw.first().map(|w| fold_str(w)).as_deref(),
        Some("bao" | "dai" | "tap" | "cong" | "trang" | "kenh")
    );
    let named = match hw.as_slice() {
        [] => false,
        // "VTV", "VnExpress"; not "Tôi".
        [one] => is_all_caps(one) || !is_vietnamese_syllable(&fold_str(one)),
        [head, rest @ ..] if kind => proper(head) && rest.iter().any(proper),
        all => all.iter().all(proper),
    };
    if named && hw.len() <= 8 && !holder.contains(['"', ':']) {
        Holder::Named(holder)
    } else {
        Holder::Nobody
    }
}

/// What a notice says of the holder before "giữ bản quyền".
enum Holder<'a> {
    /// The notice has no "giữ bản quyền".
    NoNotice,
    /// It has, but names no holder.
    Nobody,
    Named(&'a str),
}

fn finish_outlet(name: &str) -> String {
    if is_all_caps(name) {
        smart_case(name)
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ban_on_copies_shows_in_the_folded_line() {
        let key = "sao chép";
        assert!(COPY_BANS.iter().all(|p| p.contains(key)));
        assert_eq!(fold_str(key), "sao chep");
        assert!(key.chars().all(|k| fold_char(k).is_some()));
        // Whatever char lowercases into a char of the key folds like that char, and no char
        // that lowercases to several chars gives any of them.
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let low: Vec<char> = c.to_lowercase().collect();
            match low.as_slice() {
                [l] if key.contains(*l) => assert_eq!(fold_char(c), fold_char(*l), "{c:?}"),
                [_] => {}
                more => assert!(more.iter().all(|l| !key.contains(*l)), "{c:?}"),
            }
        }
    }

    #[test]
    fn the_precheck_turns_away_lines_without_a_key() {
        for line in [
            "Hà Nội mưa to",
            "Ông Nguyễn Văn A, nghị sĩ",
            "",
            "Quốc hội họp (TTXVN)",
        ] {
            assert!(!may_be_copyright(line), "{line}");
        }
    }

    /// Every line `is_copyright` accepts (it is called with the precheck skipped) passes the
    /// precheck: over the rule's own examples and the folded keys each accepting branch needs.
    #[test]
    fn every_branch_of_the_rule_holds_a_precheck_key() {
        for phrase in [
            "all rights reserved",
            "giu ban quyen",
            "©",
            "copyright",
            "ban quyen",
            "(c) 19",
            "(c) 20",
            "sao chep",
            "ghi ro nguon",
        ] {
            assert!(may_be_copyright(phrase), "{phrase}");
        }
        // Lines the rule accepts, cased and marked every way: the precheck lets each through.
        let lines = [
            "Copyright 2020 by BÁO QUẢNG TRỊ",
            "© 2020 Báo Nhân Dân",
            "Bản quyền thuộc về Báo X",
            "BẢN QUYỀN THUỘC VỀ TTXVN",
            "Copyright © 2003-2020 VTV",
            "VnExpress. All Rights Reserved",
            "Báo Nghệ An GIỮ BẢN QUYỀN",
            "(C) 2019 VTV",
            "Nghiêm CẤM SAO CHÉP dưới mọi hình thức",
            "Không được sao chép khi chưa có sự đồng ý",
            "GHI RÕ NGUỒN \"Báo Hậu Giang\" KHI PHÁT HÀNH LẠI",
            "Ghi rõ nguồn khi trích dẫn",
            "C\u{f3}pyright 2020",
            "CÓPYRIGHT 2020",
            "ALL RIGHTS RESERVED",
            "Giữ bản quyền",
            "ghi rõ nguồn khi đăng lại",
            "Ba\u{301}n quye\u{302}\u{300}n thuộc VTV",
        ];
        for line in lines {
            assert!(copyright_rule(line), "{line}");
            assert!(may_be_copyright(line), "{line}");
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
        // An outlet named beside "ghi rõ nguồn" without quotes, or before "giữ bản quyền".
        for (line, want) in [
            (
                "Bản quyền thuộc về Báo Quảng Ninh. Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
                "Báo Quảng Ninh",
            ),
            ("® Báo Nghệ An giữ bản quyền", "Báo Nghệ An"),
            ("Báo Nghệ An giữ bản quyền nội dung", "Báo Nghệ An"),
            ("© 2022 Báo Nghệ An giữ bản quyền.", "Báo Nghệ An"),
            ("Copyright © VTV giữ bản quyền", "VTV"),
            ("BÁO NGHỆ AN GIỮ BẢN QUYỀN", "Báo Nghệ An"),
            (
                "Tạp chí Cộng sản giữ bản quyền nội dung",
                "Tạp chí Cộng sản",
            ),
        ] {
            assert!(is_copyright(line), "{line}");
            assert_eq!(copyright_outlet(line).as_deref(), Some(want), "{line}");
        }
        // Copyright lines that name no holder.
        for line in [
            "Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
            "Tác giả giữ bản quyền",
            "Tôi giữ bản quyền",
            "Chúng tôi giữ bản quyền",
            "Báo chí giữ bản quyền",
            "® giữ bản quyền",
            "Công ty hiện đang giữ bản quyền phát sóng giải đấu.",
            "Tác giả giữ bản quyền nội dung",
        ] {
            assert!(is_copyright(line), "{line}");
            assert_eq!(copyright_outlet(line), None, "{line}");
        }
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
}
