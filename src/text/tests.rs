use super::*;
#[test]
fn the_index_fold_is_the_search_fold_without_its_map() {
    for s in [
        "Nghị quyết Đại hội 15.400 căn, 12,5% và 1.200 tỷ đồng.",
        "ĐẠI HỘI, lần thứ XV. ",
        "",
        "a.b 1. .2 1,2,3",
        "Ngày 05/02/2017, 5-2, 0-0, 2015-2020, 0914-926-900, 01/2017, 0,5%",
    ] {
        assert_eq!(fold_for_search_text(s), fold_for_search(s).text, "{s:?}");
    }
}

#[test]
fn fold_strips_all_marks_and_maps_back() {
    let f = fold("Nghị Quyết ĐẠI hội");
    assert_eq!(f.text, "nghi quyet dai hoi");
    assert_eq!(f.map.len(), f.text.chars().count());
    // 'd' of "đại" comes from the 'Đ' at char index 11.
    let i = f.text.find("dai").unwrap();
    assert_eq!("Nghị Quyết ĐẠI hội".chars().nth(f.map[i]), Some('Đ'));
}

#[test]
fn table_agrees_with_decomposition() {
    for u in 0..0x3000u32 {
        if let Some(c) = char::from_u32(u) {
            assert_eq!(fold_char(c), fold_char_slow(c), "U+{u:04X}");
        }
    }
    // All 134 Vietnamese vowel letters with marks fold to a plain vowel.
    let lower = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
    let upper = lower.to_uppercase();
    assert_eq!(lower.chars().count(), 66);
    for c in lower.chars().chain(upper.chars()) {
        assert!("aeiouy".contains(fold_char(c).unwrap()), "{c}");
    }
    assert_eq!(fold_char('Đ'), Some('d'));
    assert_eq!(fold_char('\u{301}'), None);
}

#[test]
fn search_folding_drops_digit_grouping() {
    let f = fold_for_search("Đạt 15.400 căn, tăng 7,5%. Năm 2025, xong.");
    assert_eq!(f.text, "dat 15400 can, tang 75%. nam 2025, xong.");
    // The map still lands on the original letters.
    let orig: Vec<char> = "Đạt 15.400 căn, tăng 7,5%. Năm 2025, xong."
        .chars()
        .collect();
    let i = f.text.find("15400").unwrap();
    assert_eq!(orig[f.map[i + 2]], '4');
    assert_eq!(f.map.len(), f.text.chars().count());
}

#[test]
fn search_folding_writes_days_and_months_one_way() {
    let f = |s: &str| fold_for_search(s).text;
    // Leading zeros of a day or month go, a dash between them is a slash.
    assert_eq!(f("05/02"), "5/2");
    assert_eq!(f("5-2"), "5/2");
    assert_eq!(f("Sáng 05/02/2017"), "sang 5/2/2017");
    assert_eq!(f("10/02/2017"), "10/2/2017");
    assert_eq!(f("01/2017"), "1/2017");
    assert_eq!(f("12,5%"), f("12.5%"));
    // Not a date: a term of office, a phone number, a decimal, a lone number.
    assert_eq!(f("2015-2020"), "2015-2020");
    assert_eq!(f("0914-926-900"), "0914-926-900");
    assert_eq!(f("0,5%"), "05%");
    assert_eq!(f("05 người"), "05 nguoi");
    // Every folded char still maps back to its original char.
    let s = "Ngày 05-02, lúc 07/08";
    let folded = fold_for_search(s);
    assert_eq!(folded.map.len(), folded.text.chars().count());
    let orig: Vec<char> = s.chars().collect();
    let i = folded.text.find("5/2").unwrap();
    assert_eq!((orig[folded.map[i]], orig[folded.map[i + 2]]), ('5', '2'));
}

#[test]
fn fold_handles_decomposed_input() {
    let nfd: String = "Thanh Hoá".nfd().collect();
    let f = fold(&nfd);
    assert_eq!(f.text, "thanh hoa");
}

#[test]
fn tone_placement_is_canonicalised() {
    assert_eq!(canonical("Hướng Hoá"), "Hướng Hóa");
    assert_eq!(canonical("Uỷ ban"), "Ủy ban");
    assert_eq!(canonical("THANH HOÁ"), "THANH HÓA");
    assert_eq!(canonical("thuỷ lợi"), "thủy lợi");
    assert_eq!(canonical("khoẻ"), "khỏe");
    // Closed syllables and "qu" onsets are the same in both placements.
    assert_eq!(canonical("hoàn toàn quý"), "hoàn toàn quý");
    assert_eq!(canonical("Khánh Hòa"), "Khánh Hòa");
}

#[test]
fn vietnamese_syllables() {
    for w in [
        "nghiem", "truong", "quyet", "kinh", "hoc", "cuoi", "khuyen", "gi", "uy",
    ] {
        assert!(is_vietnamese_syllable(w), "{w}");
    }
    for w in ["izmir", "escort", "bayan", "street", "html", "www"] {
        assert!(!is_vietnamese_syllable(w), "{w}");
    }
}

#[test]
fn vietnamese_letters() {
    assert!(has_vietnamese_letters("Thanh Hóa"));
    assert!(has_vietnamese_letters("đi"));
    assert!(!has_vietnamese_letters("izmir escort bayan"));
    assert!(!has_vietnamese_letters("naïve")); // a diaeresis is not a Vietnamese mark
    assert!(is_vietnamese_letter('ự'));
}

#[test]
fn truncation_counts_columns() {
    assert_eq!(truncate_to_width("Nghị quyết", 20), "Nghị quyết");
    assert_eq!(truncate_to_width("Nghị quyết đại hội", 8), "Nghị qu…");
    assert_eq!(truncate_to_width("漢字漢字", 5), "漢字…");
    assert_eq!(truncate_to_width("abc", 3), "abc");
    assert_eq!(truncate_to_width("abc", 0), "…");
    assert_eq!(truncate_with("Nghi quyet dai hoi", 10, "..."), "Nghi qu...");
}

#[test]
fn ascii_keeps_case() {
    assert_eq!(to_ascii("Nghị quyết Đại hội"), "Nghi quyet Dai hoi");
    assert_eq!(
        to_ascii("THÀNH PHỐ THANH HÓA – “Kỷ luật”…"),
        "THANH PHO THANH HOA - \"Ky luat\"..."
    );
    assert_eq!(to_ascii("漢"), "?");
    assert!(to_ascii("Ưu tiên ở Đắk Lắk").is_ascii());
}

#[test]
fn title_case_names() {
    assert_eq!(title_case("HỒ SỸ TRUNG"), "Hồ Sỹ Trung");
    assert_eq!(title_case("TRÍ THỨC"), "Trí Thức");
    assert_eq!(title_case("BÁO QUẢNG TRỊ"), "Báo Quảng Trị");
}

#[test]
fn words_let_go_unretoned_are_those_retoning_leaves_alone() {
    let letters: Vec<char> = ('A'..='z')
        .chain('\u{C0}'..='\u{1B0}')
        .chain('\u{1EA0}'..='\u{1EF9}')
        .filter(|c| c.is_alphabetic())
        .collect();
    for &a in &letters {
        for &b in &letters {
            let word = [a, b];
            if !may_retone(&word) {
                let w: String = word.iter().collect();
                assert_eq!(retone_word(&w), None, "{w}");
                assert_eq!(retone_word(&format!("h{w}")), None, "h{w}");
            }
        }
    }
    assert!(may_retone(&['o', 'á']) && may_retone(&['U', 'Ỷ']) && may_retone(&['a', '\u{301}']));
}
