//! The number parsing against real forms from the baomoi-2017 corpus, the edge cases, and a
//! run over every line of the corpus when it is on this machine.

use super::*;

/// A right context, the value, the unit and the text expected.
type Case = (&'static str, f64, &'static str, &'static str);

/// Short snippets of the corpus (the few words from the verb to the unit), each found verbatim
/// in the baomoi-2017 articles or its flat archive.
const REAL_FORMS: &[Case] = &[
    (" năm 2016 đạt 5,6%", 5.6, "%", "5,6%"),
    (" đạt 6,2%", 6.2, "%", "6,2%"),
    (" năm 2017 đạt từ 8,5 - 9%", 8.5, "%", "8,5 - 9%"),
    ("tăng 3,4% lên", 3.4, "%", "3,4%"),
    ("tăng 26,6%.", 26.6, "%", "26,6%"),
    ("tăng 18,3% so", 18.3, "%", "18,3%"),
    ("tăng 0,45%...", 0.45, "%", "0,45%"),
    ("giảm 0,24%.", 0.24, "%", "0,24%"),
    ("giảm 1,38%, xuống", 1.38, "%", "1,38%"),
    ("tăng 16%; sản", 16.0, "%", "16%"),
    (" +1,29%", 1.29, "%", "+1,29%"),
    ("khoảng 72%", 72.0, "%", "72%"),
    ("với 0,15%", 0.15, "%", "0,15%"),
    ("đạt 62 -66%", 62.0, "%", "62 -66%"),
    ("từ 30- 40%", 30.0, "%", "30- 40%"),
    ("từ 5-10%", 5.0, "%", "5-10%"),
    ("lợi 7 - 8%", 7.0, "%", "7 - 8%"),
    ("hơn 1,2 tỷ đồng", 1.2e9, "tỷ đồng", "1,2 tỷ đồng"),
    ("gần 307,5 tỷ đồng", 307.5e9, "tỷ đồng", "307,5 tỷ đồng"),
    ("là 8,030 tỷ đồng.", 8.03e9, "tỷ đồng", "8,030 tỷ đồng"),
    ("hơn 109.4 tỷ đồng.", 109.4e9, "tỷ đồng", "109.4 tỷ đồng"),
    ("đạt 37,124 tỷ USD),", 37.124e9, "tỷ USD", "37,124 tỷ USD"),
    ("hơn 3,191 tỷ USD", 3.191e9, "tỷ USD", "3,191 tỷ USD"),
    ("khoảng 62 triệu USD.", 62e6, "triệu USD", "62 triệu USD"),
    ("khoảng 1,2 triệu USD.", 1.2e6, "triệu USD", "1,2 triệu USD"),
    (
        "là 34,75 triệu đồng",
        34.75e6,
        "triệu đồng",
        "34,75 triệu đồng",
    ),
    (
        "khoảng 265,7 nghìn tỷ",
        265.7e12,
        "nghìn tỷ",
        "265,7 nghìn tỷ",
    ),
    (
        "330,3 nghìn tỷ đồng,",
        330.3e12,
        "nghìn tỷ đồng",
        "330,3 nghìn tỷ đồng",
    ),
    ("175 ngàn tỉ", 175e12, "nghìn tỷ", "175 ngàn tỉ"),
    ("2.200 tỉ đồng.", 2.2e12, "tỷ đồng", "2.200 tỉ đồng"),
    ("9.920,8 tỷ đồng,", 9920.8e9, "tỷ đồng", "9.920,8 tỷ đồng"),
    (
        "217.700,6 tỷ đồng,",
        217_700.6e9,
        "tỷ đồng",
        "217.700,6 tỷ đồng",
    ),
    ("giảm 270 ngàn đồng", 270e3, "nghìn đồng", "270 ngàn đồng"),
    ("âm 145,7 tỷ", -145.7e9, "tỷ", "âm 145,7 tỷ"),
    ("âm 625.540 tỷ", -625_540e9, "tỷ", "âm 625.540 tỷ"),
    (
        "ước đạt 660 nghìn tấn,",
        660e3,
        "nghìn tấn",
        "660 nghìn tấn",
    ),
    ("208,8 nghìn tấn,", 208.8e3, "nghìn tấn", "208,8 nghìn tấn"),
    ("có hơn 2.000 ha", 2000.0, "ha", "2.000 ha"),
    ("lên đến 12,1 ha", 12.1, "ha", "12,1 ha"),
    ("đạt trên 515.000ha", 515_000.0, "ha", "515.000ha"),
    ("làm khoảng 1000 hecta", 1000.0, "ha", "1000 hecta"),
    ("được là 5ha,", 5.0, "ha", "5ha"),
    ("với gần 6.600 căn hộ,", 6600.0, "căn hộ", "6.600 căn hộ"),
    ("gần 5.200 căn NƠXH,", 5200.0, "căn", "5.200 căn"),
    ("có hơn 30 hộ dân", 30.0, "hộ", "30 hộ"),
    (
        "có gần 400.000 lượt khách",
        400_000.0,
        "lượt",
        "400.000 lượt",
    ),
    (
        "khoảng 300.000 người và",
        300_000.0,
        "người",
        "300.000 người",
    ),
    ("3.625 km2", 3625.0, "km2", "3.625 km2"),
    ("510.000.000 km2", 510e6, "km2", "510.000.000 km2"),
    ("hơn 3 km từ", 3.0, "km", "3 km"),
    ("khoảng 4 kg chạy", 4.0, "kg", "4 kg"),
    ("là 58.101 Euro (tương", 58_101.0, "EUR", "58.101 Euro"),
    ("khoảng 25.000 USD (560", 25_000.0, "USD", "25.000 USD"),
    (
        "trị giá 22.224.383.000 đồng (chưa",
        22_224_383_000.0,
        "đồng",
        "22.224.383.000 đồng",
    ),
    (
        "thể nhận 13.533.236 USD, còn",
        13_533_236.0,
        "USD",
        "13.533.236 USD",
    ),
    (
        "ở mức 800.000 đồng/lượng.",
        800_000.0,
        "đồng/lượng",
        "800.000 đồng/lượng",
    ),
    (
        "là 100.000 đồng/vé/tháng;",
        100_000.0,
        "đồng/vé/tháng",
        "100.000 đồng/vé/tháng",
    ),
    (
        "là 10 triệu đồng/m2;",
        10e6,
        "triệu đồng/m2",
        "10 triệu đồng/m2",
    ),
    (
        "1.233,1 USD/ounce. Giá",
        1233.1,
        "USD/ounce",
        "1.233,1 USD/ounce",
    ),
    ("23.348,24 điểm. Chỉ", 23_348.24, "điểm", "23.348,24 điểm"),
    ("dung tích 2.5 lít,", 2.5, "lít", "2.5 lít"),
    ("1.2 triệu USD", 1.2e6, "triệu USD", "1.2 triệu USD"),
    ("với 46 điểm, nhiều", 46.0, "điểm", "46 điểm"),
    ("được là 1.225$ sau khi", 1225.0, "USD", "1.225$"),
    ("mức 5,01%/năm; kỳ hạn", 5.01, "%/năm", "5,01%/năm"),
    ("Giang đạt 7 tấn/ha.", 7.0, "tấn/ha", "7 tấn/ha"),
    (
        "được từ 150 -200 triệu/tháng.",
        150e6,
        "triệu/tháng",
        "150 -200 triệu/tháng",
    ),
    (
        "hơn 2,5 triệu lượt người.",
        2.5e6,
        "triệu lượt",
        "2,5 triệu lượt",
    ),
    (
        "90,3 nghìn tỷ đồng, tăng",
        90.3e12,
        "nghìn tỷ đồng",
        "90,3 nghìn tỷ đồng",
    ),
    ("657.282 tấn, bằng 109,5%", 657_282.0, "tấn", "657.282 tấn"),
    ("tự nhiên là 8,2%o. Trong", 8.2, "‰", "8,2%o"),
    (
        "khoảng 200.000 dân, đến nay",
        200_000.0,
        "dân",
        "200.000 dân",
    ),
    (
        "2,9 triệu bảng, thấp hơn",
        2.9e6,
        "triệu bảng",
        "2,9 triệu bảng",
    ),
    ("4.688 CNY (683 USD).", 4688.0, "CNY", "4.688 CNY"),
    ("đến 1,545 USD/lb vào", 1.545, "USD/lb", "1,545 USD/lb"),
    (
        "vé từ 10.000 đến 15.000 đồng/lượt, tùy",
        10_000.0,
        "đồng/lượt",
        "10.000 đến 15.000 đồng/lượt",
    ),
    ("trên 3 triệu héc ta ở", 3e6, "triệu ha", "3 triệu héc ta"),
    ("nhỏ 20 - 30m 2 , không", 20.0, "m2", "20 - 30m 2"),
    ("diện tích 30 m 2 nhà ở xã hội", 30.0, "m2", "30 m 2"),
    ("trên 246ha, doanh thu", 246.0, "ha", "246ha"),
    (
        "đạt 250 triệu đồng/ha/năm.",
        250e6,
        "triệu đồng/ha/năm",
        "250 triệu đồng/ha/năm",
    ),
    ("(66,24%), Vĩnh Phúc", 66.24, "%", "66,24%"),
    ("25.329m2, trong đó", 25_329.0, "m2", "25.329m2"),
    (
        " bình quân đầu người từ 86 đến 88 triệu đồng; tốc",
        86e6,
        "triệu đồng",
        "86 đến 88 triệu đồng",
    ),
    (") ước tăng 5,29% (cùng kỳ", 5.29, "%", "5,29%"),
    (") tăng bình quân gần 11,5%; cơ cấu", 11.5, "%", "11,5%"),
    ("tăng gấp 27 lần so với năm 1997", 27.0, "lần", "27 lần"),
    ("khoảng 140.000 chỗ làm", 140_000.0, "", "140.000"),
    ("2, người", 2.0, "", "2"),
    ("4, tỉ lệ", 4.0, "", "4"),
];

#[test]
fn real_forms() {
    assert!(REAL_FORMS.len() >= 40);
    for &(right, value, unit, text) in REAL_FORMS {
        let figure = first_figure(right).unwrap_or_else(|| panic!("no figure in {right:?}"));
        let close = (figure.value - value).abs() <= value.abs() * 1e-12;
        assert!(close, "{right:?}: value {} ≠ {value}", figure.value);
        assert_eq!(figure.unit, unit, "{right:?}");
        assert_eq!(figure.text, text, "{right:?}");
        let chars: Vec<char> = right.chars().collect();
        let written: String = chars[figure.start..figure.end].iter().collect();
        assert_eq!(written, text, "{right:?}: offsets");
    }
}

/// Not figures, or figures further on: the value and text expected, `None` for no figure.
const SKIPPED: &[(&str, Option<(f64, &str)>)] = &[
    ("năm 2020", None),
    (" năm 2017 ước đạt 8,5%", Some((8.5, "8,5%"))),
    ("giai đoạn 2016-2020 tăng 7%", Some((7.0, "7%"))),
    ("trong 2017", None),
    ("ngày 6/2 trên cầu Thanh Trì", None),
    ("ngày 31/12/2016) mới có 241/620 doanh nghiệp", None),
    ("lúc 19h15' ngày 6/2 có 3 người", Some((3.0, "3 người"))),
    (
        "lúc 10h30, 8h sáng, 10:30 tối có 2 người",
        Some((2.0, "2 người")),
    ),
    ("số 356c đường Minh Khai", None),
    ("lần thứ 12 của đại hội", None),
    ("xổ số 6x36 mở thưởng", None),
    ("mạng 4G phủ 85 ha", Some((85.0, "85 ha"))),
    ("gọi 0969.100.300 hoặc 0913768894", None),
    ("COVID-19 và U23", None),
    ("nghị quyết. Năm sau tăng 5%", None),
    ("TP. Hồ Chí Minh tăng 5%", Some((5.0, "5%"))),
    (
        "một hai ba bốn năm sáu bảy tám chín mười mười một mười hai 5%",
        None,
    ),
    ("tỷ lệ hộ nghèo giảm 1,5%", Some((1.5, "1,5%"))),
    ("1.2.3 rồi 4", Some((4.0, "4"))),
    ("tháng 5 năm 2017 tăng 5.", Some((5.0, "5"))),
    ("giai đoạn 2017 – 2020; (2) Quá trình", None),
    ("tỉ lệ tiêu diệt 15:1, tức là", None),
    ("(3,5%) và (4)", Some((3.5, "3,5%"))),
    ("Châu lúc 11 giờ trưa chỉ còn", None),
    ("hôm 24 Tết ông có thấy", None),
    ("trong hẻm 725 Trường Chinh", None),
    ("Giá xăng RON 92 và xăng E5", None),
    ("19-2017/NQ-CP ngày 6/2/2017 về tiếp tục", None),
    (
        "trên gồm: 1- Nghị quyết số 333/2017/UBTVQH14 ngày 11/1/2017",
        None,
    ),
    (" Nghị quyết 19 của Chính phủ", None),
    ("Hội nghị Trung ương 4 Khóa XII", None),
    ("Quyết định 148 tại Hải Phòng", None),
    ("theo Nghị quyết số 26-NQ/TW, 85 ha", Some((85.0, "85 ha"))),
    (" 6 tháng ước đạt 13,26%, chỉ số", Some((13.26, "13,26%"))),
    (") tăng cao nhất trong 10 năm gần đây", None),
    ("từ 2016 đến 2020 tăng 3 lần", Some((3.0, "3 lần"))),
];

#[test]
fn skipped_forms() {
    for &(right, expected) in SKIPPED {
        let found = first_figure(right).map(|f| (f.value, f.text));
        assert_eq!(found, expected.map(|(v, t)| (v, t.to_owned())), "{right:?}");
    }
}

#[test]
fn the_words_before() {
    assert_eq!(
        first_figure(" 19 của Chính phủ").map(|f| f.value),
        Some(19.0)
    );
    assert_eq!(first_figure_after("Nghị quyết", " 19 của Chính phủ"), None);
    assert_eq!(first_figure_after("Trung ương", " 4 (Khóa XII)"), None);
    let f = first_figure_after("Nghị quyết 35", " giảm 1,5% chi phí").unwrap();
    assert_eq!(
        (f.value, f.start, f.end, f.text.as_str()),
        (1.5, 6, 10, "1,5%")
    );
    let f = first_figure_after("lợi nhuận âm", " 145,7 tỷ").unwrap();
    assert_eq!(
        (f.value, f.start, f.text.as_str()),
        (-145.7e9, 1, "145,7 tỷ")
    );
    let f = first_figure_after("tăng trưởng", " âm 2%").unwrap();
    assert_eq!((f.value, f.start, f.text.as_str()), (-2.0, 1, "âm 2%"));
}

#[test]
fn only_the_words_that_matter() {
    assert_eq!(tail_words("a bb  ccc dd", 2), "ccc dd");
    assert_eq!(tail_words("a bb ", 1), "bb ");
    assert_eq!(tail_words("ước đạt", 3), "ước đạt");
    assert_eq!(head_words("một hai ba", 2), "một hai ");
    assert_eq!(head_words("đạt 5%\ntăng 7%", 9), "đạt 5%");
    let long = format!("{} 5%", "từ ".repeat(MAX_WORDS));
    assert_eq!(first_figure(&long), None);
    let long = format!("{}5%", "từ ".repeat(MAX_WORDS - 1));
    assert_eq!(
        first_figure(&long).map(|f| f.start),
        Some(3 * (MAX_WORDS - 1))
    );
}

#[test]
fn separators() {
    let value = |s: &str| parse_number(&s.chars().collect::<Vec<_>>());
    assert_eq!(value("15.400"), Some(15_400.0));
    assert_eq!(value("12,06"), Some(12.06));
    assert_eq!(value("1.200.000"), Some(1_200_000.0));
    assert_eq!(value("3,5"), Some(3.5));
    assert_eq!(value("1.5"), Some(1.5));
    assert_eq!(value("1.500"), Some(1500.0));
    assert_eq!(value("0.500"), Some(0.5));
    assert_eq!(value("2.000,5"), Some(2000.5));
    assert_eq!(value("1,234"), Some(1.234));
    assert_eq!(value("1,234,567"), Some(1_234_567.0));
    assert_eq!(value("1,234.5"), Some(1234.5));
    assert_eq!(value("1.2.3"), None);
    assert_eq!(value("1,2,3"), None);
    assert_eq!(value("0913.768.894"), None);
    assert_eq!(value("0,5"), Some(0.5));
}

#[test]
fn signs_percent_and_space() {
    let f = first_figure("tăng 12,06 % so với").unwrap();
    assert_eq!(
        (f.value, f.unit.as_str(), f.text.as_str()),
        (12.06, "%", "12,06 %")
    );
    let f = first_figure("(-5%)").unwrap();
    assert_eq!((f.value, f.text.as_str()), (-5.0, "-5%"));
    let f = first_figure("giảm −0,3%").unwrap();
    assert!((f.value + 0.3).abs() < 1e-12);
    let f = first_figure("đạt 5 phần trăm").unwrap();
    assert_eq!((f.value, f.unit.as_str()), (5.0, "%"));
    let f = first_figure("Đạt 15.400 CĂN").unwrap();
    assert_eq!((f.value, f.unit.as_str()), (15_400.0, "căn"));
    let f = first_figure("khoảng 1.200 tỷ đồng").unwrap();
    assert_eq!(
        (f.value, f.unit.as_str(), f.base_unit()),
        (1.2e12, "tỷ đồng", "đồng")
    );
    assert_eq!(first_figure("12 tỷ").unwrap().base_unit(), "tỷ");
    assert_eq!(first_figure("12 m²").unwrap().unit, "m2");
}

#[test]
fn offsets_are_chars() {
    let right = "Đồng Nai ước đạt 8,5%";
    let f = first_figure(right).unwrap();
    assert_eq!((f.start, f.end), (17, 21));
    assert!(first_figure("").is_none());
    assert!(first_figure("không có số").is_none());
    assert!(first_figure("-").is_none());
    assert!(first_figure("5").is_some());
}

#[test]
fn whole_corpus_never_panics() {
    let dir = std::path::Path::new("/work/shared/corpora/baomoi-2017/articles");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let (mut lines, mut found) = (0_usize, 0_usize);
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        for line in text.lines() {
            lines += 1;
            let n = line.chars().count();
            // Starts all along the line, as a hit could end anywhere, with the line before it as the
            // hit; every 16th char to stay fast.
            for (k, (byte, _)) in line.char_indices().enumerate().step_by(16) {
                let Some(f) = first_figure_after(&line[..byte], &line[byte..]) else {
                    continue;
                };
                found += 1;
                assert!(f.value.is_finite(), "{line:?} at {k}");
                assert!(f.start < f.end && f.end <= n - k, "{line:?} at {k}: {f:?}");
                let chars: Vec<char> = line[byte..].chars().collect();
                let written: String = chars[f.start..f.end].iter().collect();
                assert_eq!(written, f.text);
            }
        }
    }
    assert!(lines > 0 && found > 0);
}
