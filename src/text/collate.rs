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

#[cfg(test)]
mod tests {
    use super::vi_cmp;

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
