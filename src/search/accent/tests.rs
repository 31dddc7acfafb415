//! The accent bonus's shortcuts against the plain computation: lowercasing the canonical
//! text.

use proptest::prelude::*;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::search::{Query, accent, parse};
use crate::text::{canonical, fold_for_search, fold_str};

/// What `accent::canonical_as_is` relies on: a char it accepts decomposes into a letter
/// first, and whatever letters follow in its decomposition are not ASCII.
#[test]
fn accepted_chars_decompose_letter_first() {
    for c in (0x80..0x10000u32).filter_map(char::from_u32) {
        if !accent::nfc_starter(c) {
            continue;
        }
        let mut d = Vec::new();
        decompose_canonical(c, |x| d.push(x));
        assert!(!is_combining_mark(d[0]), "U+{:04X}", c as u32);
        for x in &d[1..] {
            assert!(is_combining_mark(*x) || !x.is_ascii(), "U+{:04X}", c as u32);
        }
    }
}

/// What the accent bonus's folded pre-check relies on.
#[test]
fn every_char_lowercases_to_what_folds_like_it() {
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        let lower: String = c.to_lowercase().collect();
        assert_eq!(
            fold_str(&lower),
            fold_str(c.encode_utf8(&mut [0; 4])),
            "U+{:04X}",
            c as u32
        );
    }
}

const TEXTS: &[&str] = &[
    "Thành phố Đà Nẵng, ĐÀ NẴNG và đà tăng trưởng",
    "Hội đồng nhân dân tỉnh Thanh Hóa; HĐND, UBND tỉnh",
    "Thanh Hoá và Hoà Bình, khoẻ, thuý, Uỷ ban, quý, quỹ",
    "HỘİ và İstanbul, ΣΊΣΥΦΟΣ, σίσυφος",
    "Nghi\u{0323} quyê\u{0301}t (decomposed)",
    "15.400 căn nhà; 7,5% GDP; 1.000 tỷ đồng",
    "ĐẠI HỘI ĐẢNG BỘ lần thứ XXI",
    "Kelvin \u{212A} and Ångström \u{212B}",
    "plain ascii text only",
];

const FORMS: &[&str] = &[
    "đà",
    "nẵng",
    "Đà Nẵng",
    "hội",
    "HĐND",
    "hđ",
    "hoá",
    "hòa",
    "khỏe",
    "ủy",
    "quý",
    "hộ",
    "σίσυφος",
    "tỷ",
    "căn",
    "đại hội",
    "ĐẢNG",
    "ı",
    "i̇",
];

fn slow_count(text: &str, q: &Query) -> usize {
    let original = canonical(text).to_lowercase();
    q.terms
        .iter()
        .filter(|t| !t.negate)
        .filter_map(|t| t.accented.as_deref())
        .filter(|a| original.contains(a))
        .count()
}

fn fast_count(text: &str, q: &Query, memo: &accent::Memo) -> usize {
    let accents = accent::prepare(q, memo, 1);
    let folded = fold_for_search(text).text;
    accent::count(0, || text, &folded, accent::canonical_as_is(text), &accents)
}

#[test]
fn accent_bonus_agrees_with_lowercasing_the_canonical_text() {
    for text in TEXTS {
        if accent::canonical_as_is(text) {
            assert_eq!(canonical(text), *text);
        }
        for form in FORMS {
            let q = parse(form);
            // Fresh, then from what was remembered.
            let memo = accent::Memo::default();
            for _ in 0..2 {
                assert_eq!(
                    fast_count(text, &q, &memo),
                    slow_count(text, &q),
                    "{text} / {form}"
                );
            }
        }
    }
    assert!(accent::canonical_as_is("Thanh Hóa, Ủy ban, quý"));
    assert!(!accent::canonical_as_is("Thanh Hoá"));
    assert!(!accent::canonical_as_is("Uỷ ban"));
}

fn vietnamese_text() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯYđĐqQnhgtc àáảãạÀÁẢÃẠằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵỲÝỶỸỴÒÓỎÕỌ.,-“\u{0300}\u{0301}\u{0323}İΣσςK\u{212A}"
        .chars()
        .collect();
    proptest::collection::vec(proptest::sample::select(alphabet), 0..24)
        .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn canonical_as_is_never_lies(text in vietnamese_text()) {
        if accent::canonical_as_is(&text) {
            prop_assert_eq!(canonical(&text), text);
        }
    }

    #[test]
    fn accent_bonus_never_differs(text in vietnamese_text(), form in vietnamese_text()) {
        let q = parse(&form);
        let memo = accent::Memo::default();
        prop_assert_eq!(fast_count(&text, &q, &memo), slow_count(&text, &q));
        prop_assert_eq!(fast_count(&text, &q, &memo), slow_count(&text, &q));
    }
}
