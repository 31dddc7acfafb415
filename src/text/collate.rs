//! Vietnamese alphabetical order, as a reader expects it in a list of places: a < ă < â <
//! b … d < đ … o < ô < ơ … u < ư, tones after the base letter (ICU4X's collator with its
//! Vietnamese data), so Đà Nẵng comes after Dầu Tiếng and before Điện Biên, not after Yên
//! Bái as in code-point order.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

fn collator() -> &'static CollatorBorrowed<'static> {
    static C: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    C.get_or_init(|| {
        Collator::try_new(locale!("vi").into(), CollatorOptions::default())
            .expect("the Vietnamese collation data is compiled in")
    })
}

/// `a` against `b` in Vietnamese order.
pub fn vi_cmp(a: &str, b: &str) -> Ordering {
    collator().compare(a, b)
}

/// A sort key in Vietnamese order, for sorting many strings at once (a concordance of
/// tens of thousands of lines: comparing with [`vi_cmp`] each time costs a second): the
/// letters by the Vietnamese alphabet (a ă â b c d đ e ê … o ô ơ … u ư …), case and tones
/// ignored, then the tones (none, huyền, hỏi, ngã, sắc, nặng) to break ties. It agrees with
/// [`vi_cmp`] on Vietnamese words and numbers; punctuation comes first, but one mark is not
/// ordered against another as the collator does; other scripts go by code point.
pub fn vi_key(s: &str) -> Vec<u32> {
    use unicode_normalization::UnicodeNormalization;
    const ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";
    let mut primary = Vec::with_capacity(s.len());
    let mut tones = Vec::new();
    let mut chars = s.nfd().flat_map(char::to_lowercase).peekable();
    while let Some(c) = chars.next() {
        // The letter's own marks: breve, circumflex, horn make another letter.
        let mut letter = c;
        let mut tone = 0;
        while let Some(&m) = chars.peek() {
            let next = match (letter, m) {
                ('a', '\u{306}') => 'ă',
                ('a' | 'e' | 'o', '\u{302}') => match letter {
                    'a' => 'â',
                    'e' => 'ê',
                    _ => 'ô',
                },
                ('o', '\u{31b}') => 'ơ',
                ('u', '\u{31b}') => 'ư',
                (_, '\u{300}') => {
                    tone = 1;
                    letter
                }
                (_, '\u{309}') => {
                    tone = 2;
                    letter
                }
                (_, '\u{303}') => {
                    tone = 3;
                    letter
                }
                (_, '\u{301}') => {
                    tone = 4;
                    letter
                }
                (_, '\u{323}') => {
                    tone = 5;
                    letter
                }
                _ => break,
            };
            letter = next;
            chars.next();
        }
        let rank = match letter {
            c if c.is_whitespace() => 1,
            // Punctuation and symbols before digits and letters, as the collator has them.
            c if !c.is_alphanumeric() => 5,
            c if c.is_ascii_digit() => 10 + u32::from(c) - u32::from('0'),
            c => ALPHABET
                .chars()
                .position(|a| a == c)
                .map_or(0x1000 + u32::from(c), |i| {
                    100 + u32::try_from(i).unwrap_or(0)
                }),
        };
        primary.push(rank);
        tones.push(tone);
    }
    primary.push(0);
    primary.extend(tones);
    primary
}

#[cfg(test)]
mod tests {
    use super::{vi_cmp, vi_key};

    #[test]
    fn the_sort_key_agrees_with_the_collator() {
        let words = [
            "Yên Bái",
            "Đà Nẵng",
            "Huế",
            "Hà Giang",
            "Ân Thi",
            "An Giang",
            "Điện Biên",
            "Dầu Tiếng",
            "Ăn Khê",
            "Hạ Long",
            "Hà Nội",
            "Ô Môn",
            "Ơ Rê",
            "Ông Ích",
            "Uông Bí",
            "Ưng Hòa",
            "Ha",
            "Hà",
            "Hả",
            "Hã",
            "Há",
            "Hạ",
            "hà",
            "Tây Ninh",
            "Tân Hương",
            "Thanh Hóa",
            "Thanh Hoá",
            "thành",
            "12 tỷ",
            "2 tỷ",
            ", 11 chỉ thị",
            "13 ngày",
            "Đại hội",
            "đại hội.",
            "“Nơi",
        ];
        for a in words {
            for b in words {
                let by_key = vi_key(a).cmp(&vi_key(b));
                let by_icu = vi_cmp(a, b);
                // The collator breaks a tie of letters and tones by case; the key does not.
                if by_key != std::cmp::Ordering::Equal {
                    assert_eq!(by_key, by_icu, "{a} / {b}");
                }
            }
        }
    }

    #[test]
    fn places_sort_as_a_vietnamese_reader_expects() {
        let mut v = vec![
            "Yên Bái",
            "Đà Nẵng",
            "Huế",
            "Hà Giang",
            "Ân Thi",
            "An Giang",
            "Điện Biên",
            "Dầu Tiếng",
            "Ăn Khê",
            "Hạ Long",
            "Hà Nội",
            "Ô Môn",
            "Ơ Rê",
            "Ông Ích",
            "Uông Bí",
            "Ưng Hòa",
        ];
        v.sort_by(|a, b| vi_cmp(a, b));
        assert_eq!(
            v,
            [
                "An Giang",
                "Ăn Khê",
                "Ân Thi",
                "Dầu Tiếng",
                "Đà Nẵng",
                "Điện Biên",
                "Hà Giang",
                "Hạ Long",
                "Hà Nội",
                "Huế",
                "Ô Môn",
                "Ông Ích",
                "Ơ Rê",
                "Uông Bí",
                "Ưng Hòa",
                "Yên Bái",
            ]
        );
        // Tones after the base letters, in the order ngang, huyền, hỏi, ngã, sắc, nặng.
        let mut t = vec!["Hạ", "Há", "Hã", "Hả", "Hà", "Ha"];
        t.sort_by(|a, b| vi_cmp(a, b));
        assert_eq!(t, ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]);
    }
}
