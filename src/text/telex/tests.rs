use super::*;

fn check(cases: &[(&str, &str)]) {
    for (keys, want) in cases {
        assert_eq!(telex_word(keys), *want, "{keys}");
    }
}

#[test]
fn examples_from_the_brief() {
    check(&[
        ("hoas", "hóa"),
        ("thuyr", "thủy"),
        ("quys", "quý"),
        ("hoanf", "hoàn"),
        ("nguyeenx", "nguyễn"),
        ("truwowngf", "trường"),
        ("thanhf", "thành"),
        ("dduwowngf", "đường"),
        ("gias", "giá"),
        ("khoer", "khỏe"),
    ]);
    assert_eq!(telex("thanhf hoas"), "thành hóa");
    assert_eq!(telex("nghij quyeets ddaij hooij"), "nghị quyết đại hội");
}

#[test]
fn quality_marks() {
    check(&[
        ("aa", "â"),
        ("aw", "ă"),
        ("ee", "ê"),
        ("oo", "ô"),
        ("ow", "ơ"),
        ("uw", "ư"),
        ("w", "ư"),
        ("tw", "tư"),
        ("nhw", "như"),
        ("dd", "đ"),
        ("ddi", "đi"),
        ("awn", "ăn"),
        ("quaan", "quân"),
        ("huwu", "hưu"),
        ("tuoow", "tươ"), // ô → ơ with the u
    ]);
}

#[test]
fn more_real_words() {
    check(&[
        ("tieengs", "tiếng"),
        ("Vieetj", "Việt"),
        ("cuwar", "cửa"),
        ("muaf", "mùa"),
        ("muas", "múa"),
        ("tuis", "túi"),
        ("khuyur", "khuỷu"),
        ("hoaif", "hoài"),
        ("xoays", "xoáy"),
        ("nguowif", "người"),
        ("dduwowcj", "được"),
        ("Quoocs", "Quốc"),
        ("chuyeenr", "chuyển"),
        ("giuwax", "giữa"),
        ("gif", "gì"),
        ("tuwj", "tự"),
        ("thuwowngr", "thưởng"),
        ("uoongs", "uống"),
        ("owr", "ở"),
        ("keets", "kết"),
        ("phats", "phát"),
        ("thuwong", "thương"), // ươ completed by the coda
        ("thuowng", "thương"),
        ("tinhr", "tỉnh"),
        ("xax", "xã"),
        ("hoasz", "hoa"), // z removes the tone
        ("hoasf", "hòa"), // a second tone replaces the first
        ("quyeets", "quyết"),
        ("khuyeens", "khuyến"),
    ]);
}

#[test]
fn uppercase_keeps_the_first_letters_case() {
    check(&[
        ("Hoas", "Hóa"),
        ("DDAIJ", "ĐẠI"),
        ("Ddoongf", "Đồng"),
        ("DDuwowngf", "Đường"),
        ("NGUYEENX", "NGUYỄN"),
        ("Aa", "Â"),
        ("AA", "Â"),
        ("aA", "â"),
        ("W", "Ư"),
        ("THANHF", "THÀNH"),
        ("HOAS", "HÓA"),
    ]);
}

#[test]
fn repeated_keys_undo() {
    check(&[
        ("aaa", "aa"),
        ("ass", "as"),
        ("ddd", "dd"),
        ("eee", "ee"),
        ("ooo", "oo"),
        ("aww", "aw"),
        ("ww", "w"),
        ("uww", "uw"),
        ("thanhff", "thanhf"),
        ("AAA", "AA"),
    ]);
}

#[test]
fn foreign_words_and_numbers_stay() {
    check(&[
        ("facebook", "facebook"),
        ("covid", "covid"),
        ("2020", "2020"),
        ("coffee", "coffee"),
        ("google", "google"),
        ("video", "video"),
        ("email", "email"),
        ("wifi", "wifi"),
        ("zalo", "zalo"),
        ("fair", "fair"),
        ("html", "html"),
        ("", ""),
    ]);
    assert_eq!(telex("covid-19 facebook, 2020"), "covid-19 facebook, 2020");
}

#[test]
fn text_keeps_separators_and_other_scripts() {
    assert_eq!(
        telex("Nghij quyeets (ddaij hooij) XIV: tinhr Thanhf Hoas!"),
        "Nghị quyết (đại hội) XIV: tỉnh Thành Hóa!"
    );
    // Words already in Vietnamese, or not in Latin script, are left alone.
    assert_eq!(telex("Hóa  漢字 hoas\n"), "Hóa  漢字 hóa\n");
}

#[test]
fn tones_follow_canonical_placement() {
    for keys in [
        "hoas",
        "thuyr",
        "khoer",
        "hoanf",
        "quys",
        "truwowngf",
        "hoaif",
    ] {
        let w = telex_word(keys);
        assert_eq!(crate::text::canonical(&w), w, "{keys}");
    }
}

proptest::proptest! {
    #[test]
    fn never_panics_and_keeps_non_letters(s in "\\PC{0,12}") {
        let out = telex_word(&s);
        if !s.bytes().all(|b| b.is_ascii_alphabetic()) {
            proptest::prop_assert_eq!(&out, &s);
        }
        let _ = telex(&s);
        let _ = telex_keys(&s);
    }

    #[test]
    fn letters_convert_to_nfc(s in "[a-zA-Z]{1,10}") {
        let out = telex_word(&s);
        proptest::prop_assert!(unicode_normalization::is_nfc(&out));
    }
}

#[test]
fn keys_round_trip() {
    for word in [
        "thành",
        "Đường",
        "nguyễn",
        "quý",
        "hóa",
        "Việt",
        "người",
        "ăn",
        "ĐẠI",
        "thanh",
    ] {
        let keys = telex_keys(word).unwrap();
        assert!(keys.is_ascii(), "{word}: {keys}");
        assert_eq!(telex_word(&keys), word, "{word}: {keys}");
    }
    assert_eq!(telex_keys("thành").as_deref(), Some("thanhf"));
    assert_eq!(telex_keys("2020"), None);
    assert_eq!(telex_keys("naïve"), None);
}
