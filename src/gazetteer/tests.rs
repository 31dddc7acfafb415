//! The gazetteer's tests: finding localities in text here, loading the data in `load`,
//! looking a name up in `lookup`.

use super::load::strip_qualifier;
use super::*;

mod communes;
mod load;
mod lookup;

fn g() -> &'static Gazetteer {
    Gazetteer::embedded()
}

/// `(matched text, unit id, prefixed, bracket_parent)` for each mention.
fn found(text: &str) -> Vec<(String, String, bool, bool)> {
    found_in(text, &[])
}

fn found_in(text: &str, context: &[UnitId]) -> Vec<(String, String, bool, bool)> {
    g().find_mentions(text, context)
        .iter()
        .map(|m| {
            (
                text[m.start..m.end].to_string(),
                g().unit(m.unit).id.clone(),
                m.prefixed,
                m.bracket_parent,
            )
        })
        .collect()
}

/// Just the unit ids.
fn ids(text: &str) -> Vec<String> {
    found(text).into_iter().map(|m| m.1).collect()
}

fn id(s: &str) -> UnitId {
    g().by_id(s).unwrap()
}

#[test]
fn city_with_bracketed_province() {
    assert_eq!(
        found("thành phố Thanh Hóa (tỉnh Thanh Hóa)"),
        vec![
            ("thành phố Thanh Hóa".into(), "d380".into(), true, false),
            ("tỉnh Thanh Hóa".into(), "p38".into(), true, true),
        ]
    );
    assert_eq!(
        found("TP Hạ Long (tỉnh Quảng Ninh)"),
        vec![
            ("TP Hạ Long".into(), "d193".into(), true, false),
            ("tỉnh Quảng Ninh".into(), "p22".into(), true, true),
        ]
    );
    assert_eq!(
        ids("Đảng bộ thành phố Việt Trì (tỉnh Phú Thọ) đã triển khai"),
        ["d227", "p25"]
    );
    // A bare bracketed province still picks the district out of a same-named province.
    assert_eq!(
        found("Thanh Hóa (Thanh Hóa)"),
        vec![
            ("Thanh Hóa".into(), "d380".into(), false, false),
            ("Thanh Hóa".into(), "p38".into(), false, true),
        ]
    );
    // … and the district among same-named ones: Hòa Bình of Bạc Liêu, not the province.
    assert_eq!(ids("huyện Hòa Bình (Bạc Liêu)"), ["d961", "p95"]);
    assert_eq!(ids("Hòa Bình (Bạc Liêu)"), ["d961", "p95"]);
    // Not a parent: an unrelated bracket is a mention of its own.
    assert_eq!(
        found("TP Hạ Long (Hải Phòng)"),
        vec![
            ("TP Hạ Long".into(), "d193".into(), true, false),
            ("Hải Phòng".into(), "p31".into(), false, false),
        ]
    );
}

#[test]
fn town_with_bracketed_district_and_province() {
    assert_eq!(
        found("thị trấn Hồ Xá (huyện Vĩnh Linh, tỉnh Quảng Trị)"),
        vec![
            ("thị trấn Hồ Xá".into(), "t19363".into(), true, false),
            // After a commune, the district in brackets places the article: no mere
            // context.
            ("huyện Vĩnh Linh".into(), "d464".into(), true, false),
            ("tỉnh Quảng Trị".into(), "p45".into(), true, false),
        ]
    );
}

#[test]
fn tone_placement_case_and_normalisation() {
    assert_eq!(ids("Thanh Hoá"), ["p38"]);
    assert_eq!(ids("Thanh Hóa"), ["p38"]);
    assert_eq!(ids("THANH HÓA"), ["p38"]);
    assert_eq!(ids("THANH HOÁ"), ["p38"]);
    // Decomposed (NFD) input: same unit, byte range over the original text.
    let nfd: String =
        unicode_normalization::UnicodeNormalization::nfd("về Thanh Hoá nhé").collect();
    let m = &g().find_mentions(&nfd, &[])[0];
    assert_eq!(g().unit(m.unit).id, "p38");
    assert!(nfd[m.start..m.end].starts_with("Thanh"));
    assert!(nfd[m.end..].starts_with(" nh"));
    // Typographic apostrophe in "Cư M’gar".
    assert_eq!(ids("Cư M’gar và Ea H'leo"), ["d648", "d645"]);
}

#[test]
fn all_caps_titles() {
    assert_eq!(
        found("KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ THÀNH PHỐ THANH HÓA"),
        vec![("THÀNH PHỐ THANH HÓA".into(), "d380".into(), true, false)]
    );
    assert_eq!(ids("BÁO QUẢNG TRỊ"), ["p45"]);
    // An all-caps word after a name is an acronym, not the rest of a longer name.
    assert_eq!(ids("CLB Hà Nội FC"), ["p01"]);
}

#[test]
fn organisation_words_before_a_name() {
    assert_eq!(ids("Thành ủy Hải Phòng tổ chức hội nghị"), ["p31"]);
    assert_eq!(ids("Đảng bộ tỉnh Quảng Ninh"), ["p22"]);
    assert_eq!(ids("UBND huyện Hướng Hóa"), ["d465"]);
    assert_eq!(ids("Tỉnh ủy Quảng Ninh"), ["p22"]);
    assert_eq!(ids("Sở GD&ĐT Hà Tĩnh"), ["p42"]);
    // A person's name right after the place does not make the place part of a longer name.
    assert_eq!(
        ids("Bí thư Thành ủy Hải Phòng Lê Tiến Châu phát biểu"),
        ["p31"]
    );
}

#[test]
fn type_prefixes_choose_the_level() {
    assert_eq!(
        found("huyện Hướng Hoá"),
        vec![("huyện Hướng Hoá".into(), "d465".into(), true, false)]
    );
    assert_eq!(ids("thành phố Đông Hà"), ["d461"]);
    assert_eq!(ids("Thành phố Đông Hà"), ["d461"]);
    assert_eq!(ids("tỉnh Thanh Hóa"), ["p38"]);
    assert_eq!(
        ids("TP. Thanh Hóa, TP.Thanh Hóa, Tp Thanh Hóa"),
        ["d380", "d380", "d380"]
    );
    // A centrally-run city is a province-level "thành phố".
    assert_eq!(ids("thành phố Hải Phòng"), ["p31"]);
    assert_eq!(ids("thành phố Huế"), ["p46"]);
    assert_eq!(
        ids("TP.HCM, TP HCM, TPHCM, Tp. Hồ Chí Minh, thành phố Hồ Chí Minh"),
        ["p79"; 5]
    );
    // Same short name, different levels.
    assert_eq!(ids("Quảng Ninh"), ["p22"]);
    assert_eq!(ids("huyện Quảng Ninh"), ["d456"]);
    assert_eq!(ids("thị xã Quảng Trị"), ["d462"]);
    assert_eq!(ids("huyện Kỳ Anh, thị xã Kỳ Anh"), ["d447", "d449"]);
    // A former status still finds the district (huyện Kim Bảng is now a thị xã).
    assert_eq!(ids("huyện Kim Bảng"), ["d350"]);
    // "H." and "TX" abbreviations.
    assert_eq!(
        ids("H. Phù Cát, TX Sơn Tây (Hà Nội)"),
        ["d548", "d269", "p01"]
    );
    // A type that fits nothing: no guess.
    assert_eq!(ids("tỉnh Hạ Long"), Vec::<String>::new());
}

#[test]
fn numbered_districts() {
    assert_eq!(ids("Quận 10"), ["d771"]);
    assert_eq!(ids("Quận 1"), ["d760"]);
    assert_eq!(ids("quận 1 và quận 10"), ["d760", "d771"]);
    assert_eq!(ids("Q.3, Q. 5"), ["d770", "d774"]);
    // A bare number is never a district.
    assert_eq!(ids("có 1 người, 10 xã"), Vec::<String>::new());
}

#[test]
fn proper_nouns_only() {
    assert_eq!(ids("hòa bình và phát triển"), Vec::<String>::new());
    assert_eq!(ids("Hòa bình là khát vọng"), Vec::<String>::new());
    assert_eq!(ids("Hòa Bình"), ["p17"]);
    assert_eq!(ids("bình minh lên"), Vec::<String>::new());
    assert_eq!(ids("Bình minh lên"), Vec::<String>::new());
}

#[test]
fn geographic_names_that_are_not_units() {
    for t in [
        "khu vực Đông Nam Á",
        "cửa ngõ ra biển",
        "bãi biển ở Cát Bà",
        "đồng bằng sông Cửu Long",
        "Cát Bà",
        "du khách tham quan vịnh Hạ Long",
        "sân bay Tân Sơn Nhất",
        "sông Sài Gòn",
        "xã Hòa Bình",
        "đường Hà Nội",
        "sân Thống Nhất",
    ] {
        assert_eq!(ids(t), Vec::<String>::new(), "{t}");
    }
    // Towns need their prefix.
    assert_eq!(ids("thị trấn Cát Bà"), ["t11914"]);
    assert_eq!(ids("TT Cát Bà"), ["t11914"]);
    // "The streets of" the city is the city.
    assert_eq!(ids("trên đường phố Hà Nội"), ["p01"]);
    assert_eq!(ids("khắp các phố phường Hà Nội"), ["p01"]);
}

#[test]
fn people_named_like_places() {
    assert_eq!(ids("ông Nguyễn Thanh Hà cho biết"), Vec::<String>::new());
    assert_eq!(ids("bà Lê Thị Thanh Sơn"), Vec::<String>::new());
    assert_eq!(
        ids("học tập và làm theo tư tưởng Hồ Chí Minh"),
        Vec::<String>::new()
    );
    assert_eq!(ids("Đoàn TNCS HCM"), Vec::<String>::new());
    assert_eq!(ids("ông Vinh nói"), Vec::<String>::new());
    // Once the text names the person in full, the short form is that person too.
    assert_eq!(
        ids("Lương Xuân Trường ghi bàn. Sau trận, Xuân Trường nói."),
        Vec::<String>::new()
    );
    // But an explicit prefix is always the place.
    assert_eq!(ids("Lương Xuân Trường về thăm huyện Xuân Trường"), ["d364"]);
    assert_eq!(ids("Xuân Trường là huyện của Nam Định"), ["d364", "p36"]);
}

#[test]
fn names_with_dashes_and_aliases() {
    assert_eq!(ids("Bà Rịa - Vũng Tàu"), ["p77"]);
    assert_eq!(ids("Bà Rịa-Vũng Tàu"), ["p77"]);
    assert_eq!(ids("Bà Rịa – Vũng Tàu"), ["p77"]);
    assert_eq!(
        ids("Thừa Thiên - Huế, Thừa Thiên Huế, TT-Huế"),
        ["p46", "p46", "p46"]
    );
    assert_eq!(ids("huyện Đakrông"), ["d467"]);
    assert_eq!(ids("Thủ đô Hà Nội"), ["p01"]);
    assert_eq!(found("Thủ đô Hà Nội")[0].0, "Thủ đô Hà Nội");
    // A name does not run across other punctuation or lines.
    assert_eq!(ids("Bà Rịa, Vũng Tàu"), ["d748", "d747"]); // two cities
    assert_eq!(ids("Thanh\nHóa"), Vec::<String>::new());
}

#[test]
fn ambiguous_districts_need_evidence() {
    // Ten districts are called Châu Thành.
    assert_eq!(ids("huyện Châu Thành"), Vec::<String>::new());
    assert_eq!(ids("Châu Thành"), Vec::<String>::new());
    let long_an = id("p80");
    assert_eq!(
        found_in("huyện Châu Thành", &[long_an]),
        vec![("huyện Châu Thành".into(), "d808".into(), true, false)]
    );
    // The context may hold any unit; its province counts.
    assert_eq!(found_in("Châu Thành", &[id("d808")])[0].1, "d808");
    assert_eq!(ids("huyện Châu Thành, tỉnh Long An"), ["d808", "p80"]);
    assert_eq!(ids("Hoàng Mai (Nghệ An)"), ["d432", "p40"]);
    assert_eq!(ids("quận Hoàng Mai"), ["d008"]);
    // A district's province known from another district of it.
    assert_eq!(ids("Hoàng Mai và Diễn Châu"), ["d432", "d425"]);
    // Two candidate provinces both named: still no guess.
    assert_eq!(ids("Châu Thành, Long An, Tiền Giang"), ["p80", "p82"]);
    // Out-of-range context ids are ignored, not a panic.
    assert_eq!(
        ids("Châu Thành").len(),
        found_in("Châu Thành", &[usize::MAX]).len()
    );
}

#[test]
fn word_boundaries() {
    assert_eq!(ids("HàNội"), Vec::<String>::new());
    assert_eq!(ids("Thanh Hóa2"), Vec::<String>::new());
    assert_eq!(ids("Quận 1A"), Vec::<String>::new());
    // Longest match: "Điện Biên Phủ" the city, not "Điện Biên" the province.
    assert_eq!(ids("Điện Biên Phủ"), ["d094"]);
    assert_eq!(ids("Điện Biên"), ["p11"]);
}

#[test]
fn byte_ranges_are_clean() {
    let text = "Sau 5 năm, thành phố Thanh Hóa (tỉnh Thanh Hoá) cùng TP.HCM, Q.1 và \
                huyện Hướng Hoá — Đakrông, “Hải Phòng”, ĐẢNG BỘ TỈNH QUẢNG NINH; Cư M’gar.";
    let ms = g().find_mentions(text, &[]);
    assert_eq!(ms.len(), 9, "{:?}", found(text));
    let mut last = 0;
    for m in &ms {
        assert!(last <= m.start && m.start < m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        let s = &text[m.start..m.end];
        assert_eq!(s.trim(), s);
        // The slice ends with the last word of the unit's name (without marks and case).
        let name = crate::text::fold_str(strip_qualifier(&g().unit(m.unit).name));
        let last_word = name.split(' ').next_back().unwrap_or_default();
        let folded = crate::text::fold_str(s);
        let alias = ["hcm", "dakrong", "gar"]
            .iter()
            .any(|a| folded.ends_with(a));
        assert!(folded.ends_with(last_word) || alias, "{s} / {name}");
        last = m.end;
    }
}

#[test]
fn no_panic_on_odd_input() {
    let text = "TP. (tỉnh) Thanh Hóa ( huyện TT. TP Q. Ea H' M'Đrắk Bà Rịa - - Vũng Tàu \
                \u{301}Hà N\u{1ed9}i ('\u{0}) Quận 1( tỉnh Thanh Hóa TP.HCM\u{301} Hạ Long (";
    for (i, _) in text.char_indices() {
        let _ = g().find_mentions(&text[..i], &[]);
        let _ = g().find_mentions(&text[i..], &[]);
        let _ = g().lookup(&text[i..]);
    }
    assert!(g().find_mentions("", &[]).is_empty());
    assert!(g().lookup("").is_empty());
    assert!(g().lookup("TP").is_empty());
}

#[test]
fn bare_names_settled_by_a_typed_mention() {
    // Six names shared by a huyện and a thị xã (or city) of one province.
    for (typed, bare, want) in [
        ("thị xã Kỳ Anh", "Kỳ Anh", "d449"),
        ("huyện Kỳ Anh", "Kỳ Anh", "d447"),
        ("thị xã Cai Lậy", "Cai Lậy", "d817"),
        ("huyện Long Mỹ", "Long Mỹ", "d936"),
        ("thị xã Duyên Hải", "Duyên Hải", "d851"),
        ("thành phố Cao Lãnh", "Cao Lãnh", "d866"),
        ("huyện Hồng Ngự", "Hồng Ngự", "d870"),
    ] {
        // Alone the bare name is no guess.
        assert_eq!(ids(bare), Vec::<String>::new(), "{bare}");
        let text = format!("{bare} phát triển công nghiệp. Đại hội Đảng bộ {typed} lần thứ IV.");
        assert_eq!(ids(&text), [want, want], "{text}");
        let text = format!("Đại hội Đảng bộ {typed} lần thứ IV. Năm 2021, {bare} đạt 85.000 tỷ.");
        assert_eq!(ids(&text), [want, want], "{text}");
    }
    // A unit in the context (typed in another part of the document) does the same; its
    // province alone does not.
    assert_eq!(found_in("Kỳ Anh: Phát triển", &[id("d449")])[0].1, "d449");
    assert_eq!(found_in("Kỳ Anh: Phát triển", &[id("p42")]), Vec::new());
    assert_eq!(
        found_in("Kỳ Anh: Phát triển", &[id("d449"), id("d447")]),
        Vec::new()
    );
    // Both units typed: the bare name stays unsettled.
    assert_eq!(
        ids("Kỳ Anh đổi mới. Huyện Kỳ Anh và thị xã Kỳ Anh cùng phát triển."),
        ["d447", "d449"]
    );
    // A typed mention of another unit settles nothing.
    assert_eq!(ids("Kỳ Anh đổi mới. Huyện Cẩm Xuyên phát triển."), ["d446"]);
    // A name settled already (the province beats its namesake city) stays so.
    assert_eq!(
        ids("thành phố Thanh Hóa (tỉnh Thanh Hóa). Thanh Hóa phát triển."),
        ["d380", "p38", "p38"]
    );
}

#[test]
fn route_endpoints_are_no_mentions() {
    for t in [
        "cao tốc Vân Đồn - Móng Cái",
        "tuyến cao tốc Vân Đồn - Móng Cái, hoàn thành",
        "đường nối từ cao tốc Hạ Long - Hải Phòng đến",
        "Cao tốc Vân Đồn – Móng Cái đưa vào khai thác",
        "tuyến Hà Nội - Lào Cai",
        "Tuyến Hà Nội - Lào Cai",
        "tuyến Hà Nội - Hải Phòng - Quảng Ninh",
        "cao tốc Nội Bài - Lào Cai",
        "đường Hạ Long - Móng Cái",
        "tuyến đường sắt Hà Nội - Lào Cai",
        "đường bay Hà Nội - Lào Cai",
        "quốc lộ 18",
        "tỉnh lộ Hạ Long",
        "xa lộ Hà Nội",
        "đại lộ Hạ Long",
        "cầu Long Biên",
        "cảng Hải Phòng",
    ] {
        assert_eq!(found(t), Vec::new(), "{t}");
    }
    assert_eq!(ids("Quốc lộ 18 qua Móng Cái"), ["d194"]);
    // Typed names and names outside a route still count.
    assert_eq!(ids("thành phố Móng Cái"), ["d194"]);
    assert_eq!(ids("từ TP Hạ Long đến TP Móng Cái"), ["d193", "d194"]);
    assert_eq!(ids("cao tốc qua thành phố Móng Cái"), ["d194"]);
    assert_eq!(ids("Hạ Long - Móng Cái"), ["d193", "d194"]);
    assert_eq!(ids("yêu cầu Hà Nội khẩn trương"), ["p01"]);
    assert_eq!(ids("nhu cầu Hà Nội"), ["p01"]);
    assert_eq!(ids("tại điểm cầu Hà Nội"), ["p01"]);
    assert_eq!(ids("hội nghị trực tuyến Hà Nội"), ["p01"]);
    assert_eq!(ids("Cầu Giấy - Hà Đông"), ["d005", "d268"]);
    assert_eq!(ids("tốc độ Hà Nội"), ["p01"]);
    assert_eq!(ids("tiết lộ Hà Nội"), ["p01"]);
    // The pair rule needs the dash right before the name.
    assert_eq!(
        ids("cao tốc Vân Đồn, Móng Cái và Hạ Long"),
        ["d194", "d193"]
    );
}
