//! Communes (xã, phường, thị trấn): only with their type word, and settled among the many
//! that share a name by a district or province named with them.

use super::*;

/// The unit ids and how each was settled.
fn settled(text: &str) -> Vec<(String, Settled)> {
    g().find_mentions(text, &[])
        .iter()
        .map(|m| (g().unit(m.unit).id.clone(), m.settled))
        .collect()
}

#[test]
fn a_commune_needs_its_type_word() {
    assert_eq!(
        found("Đại hội Đảng bộ phường Trúc Bạch nhiệm kỳ 2015–2020"),
        vec![("phường Trúc Bạch".into(), "w00004".into(), true, false)]
    );
    assert_eq!(ids("Đảng bộ xã Hoằng Quỳ"), ["w15886"]);
    assert_eq!(ids("ĐẢNG BỘ XÃ HOẰNG QUỲ"), ["w15886"]);
    assert_eq!(ids("Xã Hoằng Quỳ đạt chuẩn nông thôn mới"), ["w15886"]);
    // Bare, a commune's name is too often something else.
    assert_eq!(ids("Hoằng Quỳ đạt chuẩn"), Vec::<String>::new());
    // Thị trấn keep their ids.
    assert_eq!(ids("thị trấn Hồ Xá"), ["t19363"]);
    // `thị xã` is no `xã`.
    assert_eq!(ids("thị xã Hoằng Quỳ"), Vec::<String>::new());
    // A status changed since the article (xã → phường) still finds the commune.
    assert_eq!(ids("xã Trúc Bạch"), ["w00004"]);
    // `xã hội` is no commune.
    assert_eq!(
        ids("Sở Lao động - Thương binh và Xã hội"),
        Vec::<String>::new()
    );
}

#[test]
fn a_shared_name_is_settled_by_its_parent() {
    // Thirty-four communes are called Tân Thành.
    let scan = g().scan_text("Đảng bộ xã Tân Thành tổ chức đại hội.");
    assert!(scan.mentions.is_empty());
    assert_eq!(scan.unresolved.len(), 1);
    assert!(scan.unresolved[0].candidates.len() > 25);
    // The district in the same sentence.
    assert_eq!(
        settled("Xã Tân Thành, huyện Hàm Thuận Nam vừa tổ chức đại hội."),
        [
            ("w23146".to_string(), Settled::Sentence),
            ("d598".to_string(), Settled::Unique)
        ]
    );
    // In brackets, the district alone or with its province.
    assert_eq!(ids("xã Tân Thành (Thủ Thừa)")[0], "w28042");
    assert_eq!(
        settled("xã Tân Thành (huyện Thủ Thừa, tỉnh Long An)")[0],
        ("w28042".to_string(), Settled::Bracket)
    );
    // The district elsewhere in the text.
    assert_eq!(
        settled("Huyện Bắc Quang tổ chức hội nghị. Sau đó, xã Tân Thành đã họp.")[1],
        ("w01162".to_string(), Settled::Text)
    );
    // A province with one Tân Thành.
    assert_eq!(ids("Nghệ An: xã Tân Thành đạt chuẩn"), ["p40", "w17515"]);
    // A province with three of them: still no guess.
    assert_eq!(ids("Lạng Sơn: xã Tân Thành đạt chuẩn"), ["p20"]);
    // A bracket that places it where no commune of that name is: not the one elsewhere.
    assert_eq!(ids("xã Tân Thành (Hoằng Hóa)"), ["d399"]);
    // Numbered wards need their district.
    assert_eq!(ids("phường 1, quận 3"), ["w27160", "d770"]);
    assert_eq!(ids("phường 1"), Vec::<String>::new());
}

#[test]
fn the_province_an_article_is_about_settles_what_is_left() {
    let mut scan = g().scan_text("Đảng bộ xã Tân Thành tổ chức đại hội.");
    g().settle_in_provinces(&mut scan, &[id("p20")]); // Lạng Sơn: three of them
    assert!(scan.mentions.is_empty());
    g().settle_in_provinces(&mut scan, &[id("p38")]); // Thanh Hóa: one
    assert!(scan.unresolved.is_empty());
    assert_eq!(g().unit(scan.mentions[0].unit).id, "w15661");
    assert_eq!(scan.mentions[0].settled, Settled::AboutProvince);
}

#[test]
fn communes_know_their_district_and_their_2025_successor() {
    let tb = g().unit(id("w00004"));
    assert_eq!(
        (tb.name.as_str(), tb.kind.as_str()),
        ("Trúc Bạch", "phường")
    );
    assert_eq!(tb.district, Some(id("d001")));
    assert_eq!(g().province_name(id("w00004")), "Hà Nội");
    let new: Vec<&str> = g()
        .communes_2025(id("w00004"))
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(new, ["Ba Đình"]);
    // Bát Tràng was divided among three.
    assert_eq!(g().communes_2025(id("w00583")).count(), 3);
    assert_eq!(g().communes_2025(id("p01")).count(), 0);
}

#[test]
fn cues_before_a_bare_name() {
    let cue = |text: &str| -> Vec<(String, Option<Cue>)> {
        g().find_mentions(text, &[])
            .iter()
            .map(|m| (g().unit(m.unit).id.clone(), m.cue))
            .collect()
    };
    assert_eq!(
        cue("Công ty vàng bạc đá quý Phú Quý tung ra sản phẩm mới"),
        [("d602".to_string(), Some(Cue::Organisation))]
    );
    assert_eq!(
        cue("CLB Hà Nội thắng"),
        [("p01".to_string(), Some(Cue::Organisation))]
    );
    // A company's branch stands in the place.
    assert_eq!(cue("công ty chi nhánh Hà Nội"), [("p01".to_string(), None)]);
    assert_eq!(
        cue("(Nxb Chính trị quốc gia, Hà Nội, 2011, tr. 25)"),
        [("p01".to_string(), Some(Cue::Publisher))]
    );
    assert_eq!(
        cue("theo lối kiến trúc Hà Nội xưa"),
        [("p01".to_string(), Some(Cue::Attribute))]
    );
    assert_eq!(
        cue("cầu thủ gốc Tuyên Quang"),
        [("p08".to_string(), Some(Cue::Attribute))]
    );
    assert_eq!(
        cue("Xuân Trường ghi bàn"),
        [("d364".to_string(), Some(Cue::PersonLike))]
    );
    // A job before the name makes it a person, and the person's other bare uses too.
    assert_eq!(cue("cầu thủ Xuân Trường ghi bàn. Xuân Trường nói"), []);
    // A province is no person: the player is from there.
    assert_eq!(
        cue("cầu thủ Đắk Lắk bị đấm. Đắk Lắk khiếu nại"),
        [
            ("p66".to_string(), Some(Cue::Attribute)),
            ("p66".to_string(), None)
        ]
    );
    // Prefixed names carry no cue.
    assert_eq!(cue("công ty ở huyện Phú Quý"), [("d602".to_string(), None)]);
}
