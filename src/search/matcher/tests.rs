use super::*;
use crate::search::query::parse;

fn m(h: &str, q: &str) -> Option<Match> {
    let h = crate::text::fold_for_search(h).text;
    match_passage(&h, &parse(q), true, &SkimMatcherV2::default())
}

#[test]
fn whole_words_beat_prefixes_beat_substrings() {
    let w = m("thực hiện nghị quyết", "quyet").unwrap().score;
    let p = m("thực hiện nghị quyếtabc", "quyet").unwrap().score;
    let s = m("thực hiện nghị xquyết", "quyet").unwrap().score;
    assert!(w > p && p > s, "{w} {p} {s}");
}

#[test]
fn terms_are_anded_in_any_order() {
    assert!(m("Nghị quyết Đại hội Đảng bộ", "dang nghi").is_some());
    assert!(m("Nghị quyết Đại hội Đảng bộ", "dang xyz").is_none());
    assert!(m("Nghị quyết Đại hội Đảng bộ", "nghi !dang").is_none());
    assert!(m("Nghị quyết Đại hội Đảng bộ", "nghi !tinh").is_some());
}

#[test]
fn operators_match_where_they_say() {
    assert!(m("Sau 5 năm thực hiện.", "^sau").is_some());
    assert!(m("Sau 5 năm thực hiện.", "^nam").is_none());
    assert!(m("Sau 5 năm thực hiện.", "hien$").is_some());
    assert!(m("Sau 5 năm thực hiện.", "nam$").is_none());
    assert!(m("Sau 5 năm thực hiện.", "'thuc hi").is_some());
    assert!(m("kinh tế - xã hội phát triển", "\"kinh te xa hoi\"").is_some());
    assert!(m("kinh tế xã, hội", "\"te xa\"").is_some());
    assert!(m("kinh tế ở xã hội", "\"te xa\"").is_none());
}

#[test]
fn initials_acronyms_and_compact_fuzzy() {
    let hit = m("thực hiện Nghị quyết Đại hội Đảng bộ", "nqdh").unwrap();
    assert_eq!(hit.ranges.len(), 4);
    assert!(m("Thường trực HĐND tỉnh", "hoi dong nhan dan").is_some());
    assert!(m("Thường trực Hội đồng nhân dân tỉnh", "HĐND").is_some());
    // A typo (missing letter) inside one word: compact, so it matches.
    assert!(m("thực hiện nghị quyết đại hội", "quyt").is_some());
    // The same letters scattered over a long paragraph do not.
    assert!(m("quần chúng yêu nước tích cực", "quyet").is_none());
}

#[test]
fn words_typed_together_rank_and_highlight_together() {
    let apart = m("Một số nhiệm vụ, đó là đạt chỉ tiêu", "mot la").unwrap();
    let together = m("Một là, tập trung xây dựng Đảng bộ", "mot la").unwrap();
    assert!(together.score > apart.score);
    let h = crate::text::fold_for_search("Tại thành phố Thanh Hóa").text;
    let hit = match_passage(&h, &parse("thanh hoa"), true, &SkimMatcherV2::default()).unwrap();
    assert_eq!(&h[hit.ranges[0].0..hit.ranges[0].1], "thanh hoa");
}

#[test]
fn ranges_slice_the_folded_text() {
    let h = crate::text::fold_for_search("Tại “TP Hạ Long” đạt 15.400 căn").text;
    for q in ["ha long", "15400", "tp", "\"ha long\"", "hl"] {
        let hit = match_passage(&h, &parse(q), true, &SkimMatcherV2::default())
            .unwrap_or_else(|| panic!("{q}"));
        for (s, e) in hit.ranges {
            assert!(
                h.is_char_boundary(s) && h.is_char_boundary(e) && s < e,
                "{q}"
            );
        }
    }
}

#[test]
fn dates_and_decimals_match_however_they_are_typed() {
    for (text, query) in [
        ("Sáng 5/2, đoàn đến thăm", "05/02"),
        ("Sáng 5-2, đoàn đến thăm", "05/02"),
        ("Sáng 05/02/2017, đoàn đến thăm", "5/2/2017"),
        ("Tăng trưởng đạt 12,5% năm nay", "12.5%"),
        ("Tăng trưởng đạt 12.5% năm nay", "12,5%"),
    ] {
        assert!(m(text, query).is_some(), "{query} in {text}");
    }
    assert!(m("Sáng 15/2, đoàn đến thăm", "5/12").is_none());
}

#[test]
fn the_compact_fallback_stays_inside_one_word() {
    assert!(m("Bài đăng trên mạng xã hội", "tenma").is_none());
    assert!(m("St. Johnstone, thì đội khách", "stnet").is_none());
    assert!(m("thực hiện nghị quyết", "quyt").is_some());
}
