//! The outlets and agencies known by name, and the "compiled from several sources" markers.

use super::{fold_words_within, folds_to, longest, lower_words};

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

/// Longest name in bytes, folded or not (folding a Vietnamese name never lengthens it).
const KNOWN_MAX_LEN: usize = max(longest(KNOWN_OUTLETS), longest(KNOWN_OUTLETS_VI));

/// Most words in a name of [`KNOWN_OUTLETS_VI`].
const KNOWN_OUTLETS_VI_MAX_WORDS: usize = 5;

/// "Compiled from several sources" markers: credits without a single outlet. "TH" alone could be
/// initials, so it only counts in brackets.
const COMPILED: &[&str] = &["t/h", "tong hop", "st", "suu tam", "t/hop"];
const COMPILED_BRACKETED: &[&str] = &["th", "t.h", "th."];
const COMPILED_MAX_LEN: usize = max(longest(COMPILED), longest(COMPILED_BRACKETED));

const fn max(a: usize, b: usize) -> usize {
    if a > b { a } else { b }
}

/// A news outlet the project knows by name (`TTXVN`, `Trí Thức Trẻ`, `VnExpress` …).
pub fn is_known_outlet(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    // Only the first bytes of a long line are folded: past the longest name it is none.
    let Some(f) = fold_words_within(s, KNOWN_MAX_LEN) else {
        return false;
    };
    if KNOWN_OUTLETS.contains(&f.as_str()) {
        return true;
    }
    // A line whose `lower_words` is a Vietnamese name folds as that name does (lowercasing
    // and moving tone marks keep the letters under the marks): most lines are told here,
    // without lowercasing them.
    if !KNOWN_OUTLETS_VI.iter().any(|o| folds_to(o, &f)) {
        return false;
    }
    // `lower_words` keeps the words of `s` (lowercasing and moving tone marks neither add nor
    // remove whitespace), so a line of more words than any name is no name.
    let few_words = s
        .split_whitespace()
        .nth(KNOWN_OUTLETS_VI_MAX_WORDS)
        .is_none();
    (few_words && KNOWN_OUTLETS_VI.contains(&lower_words(s).as_str())) || s.is_ascii()
}

/// "Tổng hợp", "St", "T/h": compiled from several sources, no single outlet.
pub fn is_compiled_marker(s: &str) -> bool {
    fold_words_within(s.trim(), COMPILED_MAX_LEN).is_some_and(|f| COMPILED.contains(&f.as_str()))
}

pub(super) fn is_compiled_bracketed(s: &str) -> bool {
    fold_words_within(s.trim(), COMPILED_MAX_LEN)
        .is_some_and(|f| COMPILED.contains(&f.as_str()) || COMPILED_BRACKETED.contains(&f.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_bound_covers_every_vietnamese_name() {
        let most = KNOWN_OUTLETS_VI
            .iter()
            .map(|o| o.split_whitespace().count())
            .max();
        assert_eq!(most, Some(KNOWN_OUTLETS_VI_MAX_WORDS));
    }

    #[test]
    fn folding_never_lengthens_a_name() {
        for o in KNOWN_OUTLETS_VI {
            assert!(crate::text::fold_str(o).len() <= o.len(), "{o}");
        }
    }

    #[test]
    fn lower_words_keeps_the_word_count() {
        // Lowercasing maps whitespace to itself and nothing else to whitespace …
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut low = c.to_lowercase();
            if c.is_whitespace() {
                assert!(low.eq([c]), "{c:?}");
            } else {
                assert!(low.all(|l| !l.is_whitespace()), "{c:?}");
            }
        }
        // … and moving tone marks keeps the words apart (every whitespace char is below
        // U+3001; above it, only letters and marks of words are rewritten).
        for c in (0..=0x3000).filter_map(char::from_u32) {
            for s in [format!("a{c}b"), format!("{c}hoa {c}")] {
                let lower = lower_words(&s);
                assert_eq!(
                    lower.split_whitespace().count(),
                    s.split_whitespace().count(),
                    "{c:?}"
                );
            }
        }
    }
}
