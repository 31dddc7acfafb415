//! Deciding what an article is about, on short hand-written articles.

use super::*;
use crate::corpus::{Passage, Section};

fn gaz() -> &'static Gazetteer {
    Gazetteer::embedded()
}

/// An article: a title, then paragraphs (the first one the lead), in one section.
fn article(title: &str, paragraphs: &[&str]) -> Document {
    sectioned(title, &[("", paragraphs)])
}

/// An article with headed sections (an empty heading for none).
fn sectioned(title: &str, sections: &[(&str, &[&str])]) -> Document {
    let mut d = Document::new("t", "t");
    d.title = title.to_string();
    let mut first = true;
    for (heading, paragraphs) in sections {
        d.sections.push(Section {
            heading: (!heading.is_empty()).then(|| heading.to_string()),
            locality: None,
            passages: paragraphs
                .iter()
                .map(|p| {
                    let kind = if first {
                        PassageKind::Lead
                    } else {
                        PassageKind::Paragraph
                    };
                    first = false;
                    Passage {
                        id: String::new(),
                        kind,
                        text: (*p).to_string(),
                        line: 1,
                    }
                })
                .collect(),
        });
    }
    d
}

/// Ids about, ids mentioned, and the decisions.
fn decide_on(mut d: Document) -> (Vec<String>, Vec<String>, Decisions) {
    let starred = vec![false; d.sections.len()];
    let why = assign(&mut d, &starred, gaz());
    (d.localities, d.mentioned, why)
}

fn id(s: &str) -> UnitId {
    gaz().by_id(s).unwrap()
}

fn why_of(ds: &Decisions, unit: &str) -> Option<(Verdict, Why)> {
    ds.localities
        .iter()
        .find(|d| d.unit == id(unit))
        .map(|d| (d.verdict, d.why))
}

#[test]
fn a_commune_named_with_its_district_is_the_subject() {
    let (about, mentioned, why) = decide_on(article(
        "Đại hội Đảng bộ xã Hoằng Quỳ nhiệm kỳ 2020 - 2025",
        &[
            "Sáng nay, Đảng bộ xã Hoằng Quỳ (huyện Hoằng Hóa) tổ chức đại hội lần thứ XXV.",
            "Nhiệm kỳ qua, xã Hoằng Quỳ đạt chuẩn nông thôn mới.",
        ],
    ));
    assert_eq!(about, ["w15886"]);
    // The district in brackets places the commune; named once, it is only mentioned.
    assert_eq!(mentioned, ["d399"]);
    assert!(matches!(
        why_of(&why, "d399"),
        Some((Verdict::Mentioned, Why::BelowThreshold { .. }))
    ));
}

#[test]
fn the_district_yields_to_a_commune_named_as_often() {
    let (about, mentioned, why) = decide_on(article(
        "Xã Tân Thành, huyện Hàm Thuận Nam: đại hội Đảng bộ nhiệm kỳ 2015–2020",
        &["Đại hội Đảng bộ xã Tân Thành bầu 15 đồng chí vào Ban Chấp hành."],
    ));
    assert_eq!(about, ["w23146"]);
    assert_eq!(mentioned, ["d598"]);
    assert_eq!(
        why_of(&why, "d598"),
        Some((Verdict::Mentioned, Why::ParentOf(id("w23146"))))
    );
}

#[test]
fn a_shared_commune_name_is_settled_by_the_province_the_article_is_about() {
    // Tân Thành is a xã of both provinces named; the article is about Thanh Hóa.
    let (about, _, why) = decide_on(article(
        "Thanh Hóa: xây dựng nông thôn mới",
        &[
            "Tỉnh Thanh Hóa có thêm 20 xã đạt chuẩn nông thôn mới.",
            "Xã Tân Thành nay đạt chuẩn. Nhiều xã của Nghệ An cũng vậy.",
        ],
    ));
    assert_eq!(about, ["p38"]);
    let d = why
        .localities
        .iter()
        .find(|d| d.unit == id("w15661"))
        .unwrap();
    assert_eq!(d.settled, Settled::AboutProvince);
    assert!(why.shared.is_empty());
}

#[test]
fn an_ambiguous_commune_is_no_subject() {
    let (about, mentioned, why) = decide_on(article(
        "Đảng bộ xã Tân Thành tổ chức đại hội",
        &["Đại hội Đảng bộ xã Tân Thành lần thứ XX thành công tốt đẹp."],
    ));
    assert!(
        about.is_empty() && mentioned.is_empty(),
        "{about:?} {mentioned:?}"
    );
    assert_eq!(why.shared.len(), 2);
    assert!(why.shared[0].candidates > 25);
}

#[test]
fn a_commune_with_no_district_or_province_in_the_article_is_only_mentioned() {
    // Hoằng Quỳ is the only commune so named, but nothing else places it.
    let (about, mentioned, why) = decide_on(article(
        "Đảng bộ xã Hoằng Quỳ học tập nghị quyết",
        &["Đảng bộ xã Hoằng Quỳ tổ chức hội nghị học tập nghị quyết."],
    ));
    assert!(about.is_empty(), "{about:?}");
    assert_eq!(mentioned, ["w15886"]);
    assert_eq!(
        why_of(&why, "w15886"),
        Some((Verdict::Mentioned, Why::Unconfirmed))
    );
}

#[test]
fn a_company_name_is_no_subject() {
    let (about, mentioned, why) = decide_on(article(
        "Công ty vàng bạc đá quý Phú Quý ra mắt sản phẩm mới",
        &["Công ty vàng bạc đá quý Phú Quý cho biết khách đến mua đông."],
    ));
    assert!(about.is_empty(), "{about:?}");
    assert_eq!(mentioned, ["d602"]);
    assert_eq!(
        why_of(&why, "d602"),
        Some((Verdict::Mentioned, Why::Cue(Cue::Organisation)))
    );
}

#[test]
fn a_company_named_after_a_place_the_article_names_counts() {
    let (about, _, _) = decide_on(article(
        "Người dân chặn xe của Cty CP Môi trường Khánh Hòa",
        &[
            "Cty CP Môi trường Khánh Hòa cho biết xe chở rác bị chặn nhiều ngày.",
            "UBND tỉnh Khánh Hòa đã chỉ đạo giải quyết.",
        ],
    ));
    assert_eq!(about, ["p56"]);
}

#[test]
fn a_person_is_no_subject() {
    // A footballer's name that is also a district of Nam Định.
    let (about, mentioned, why) = decide_on(article(
        "Xuân Trường đổi kiểu tóc",
        &["Sau buổi tập, Xuân Trường cùng đồng đội đi cắt tóc ở Hàn Quốc."],
    ));
    assert!(about.is_empty(), "{about:?}");
    assert_eq!(mentioned, ["d364"]);
    assert_eq!(
        why_of(&why, "d364"),
        Some((Verdict::Mentioned, Why::PersonLike))
    );
    // Named with a job, or in full, it is no place at all.
    let (about, mentioned, _) = decide_on(article(
        "Xuân Trường đổi kiểu tóc",
        &["Tiền vệ Lương Xuân Trường đi cắt tóc. Xuân Trường rất vui."],
    ));
    assert!(
        about.is_empty() && mentioned.is_empty(),
        "{about:?} {mentioned:?}"
    );
    // With its province in the article, the district is the place.
    let (about, _, _) = decide_on(article(
        "Xuân Trường xây dựng nông thôn mới",
        &["Xuân Trường là huyện đầu tiên của Nam Định đạt chuẩn."],
    ));
    assert_eq!(about, ["d364"]);
}

#[test]
fn a_publisher_line_is_no_place() {
    let (about, mentioned, why) = decide_on(article(
        "Học tập tư tưởng của Đảng",
        &[
            "Văn kiện Đại hội (Nxb Chính trị quốc gia, Hà Nội, 2016, tr. 25).",
            "Xem: Văn kiện (Nxb Chính trị quốc gia, Hà Nội, 2011) và Lịch sử (Nxb Sự thật, Hà Nội, 1995).",
        ],
    ));
    assert!(
        about.is_empty() && mentioned.is_empty(),
        "{about:?} {mentioned:?}"
    );
    assert_eq!(
        why_of(&why, "p01"),
        Some((Verdict::NotAPlace, Why::Cue(Cue::Publisher)))
    );
}

#[test]
fn a_style_or_a_venue_is_only_mentioned() {
    let (about, mentioned, _) = decide_on(article(
        "Ngôi nhà vườn của ca sĩ",
        &[
            "Ngôi nhà theo lối kiến trúc Hà Nội xưa.",
            "Cột nhà mang phong cách Hà Nội, gạch theo kiểu Hà Nội.",
        ],
    ));
    assert!(about.is_empty(), "{about:?}");
    assert_eq!(mentioned, ["p01"]);
    let (about, mentioned, why) = decide_on(sectioned(
        "Những sự kiện bóng đá năm 2017",
        &[
            ("1. Đội tuyển dự vòng loại", &["Đội tuyển thi đấu ba trận."]),
            (
                "2. Giải futsal tổ chức tại TP HCM",
                &["Giải đấu diễn ra tại TP HCM tháng 11."],
            ),
            ("3. U20 dự World Cup", &["Lần đầu U20 dự giải thế giới."]),
        ],
    ));
    assert!(about.is_empty(), "{about:?}");
    assert_eq!(mentioned, ["p79"]);
    assert_eq!(
        why_of(&why, "p79"),
        Some((Verdict::Mentioned, Why::OneSection))
    );
}

#[test]
fn a_district_named_twice_draws_on_its_province() {
    // Neither the district (2.0) nor the city (1.0) reaches the threshold alone; together
    // they place the story.
    let (about, mentioned, why) = decide_on(article(
        "Thanh niên bắt cóc bé gái rồi mang đi cho",
        &[
            "Nam thanh niên bắt cóc con gái của người tình mang cho người khác.",
            "Công an TP.HCM vừa tạm giữ đối tượng thuê trọ ở huyện Cần Giờ.",
            "Công an huyện Cần Giờ đã vào cuộc điều tra.",
        ],
    ));
    assert_eq!(about, ["d787"]);
    assert_eq!(mentioned, ["p79"]);
    assert!(matches!(
        why_of(&why, "d787"),
        Some((Verdict::About, Why::Nested { .. }))
    ));
    // Named twice in a long story about its province, a district stays an aside.
    let (about, _, why) = decide_on(article(
        "Tỉnh Quảng Bình đẩy mạnh du lịch",
        &[
            "Tỉnh Quảng Bình đón hơn hai triệu lượt khách. Quảng Bình mở thêm tuyến mới.",
            "Quảng Bình có nhiều hang động đẹp, Quảng Bình thu hút khách quốc tế.",
            "Đoàn khách ghé huyện Bố Trạch, rồi về lại huyện Bố Trạch nghỉ đêm.",
        ],
    ));
    assert_eq!(about, ["p44"]);
    assert!(matches!(
        why_of(&why, "d455"),
        Some((Verdict::Mentioned, Why::BelowThreshold { .. }))
    ));
}

#[test]
fn the_one_commune_an_article_places_is_where_the_story_stands() {
    let (about, _, why) = decide_on(article(
        "Ghềnh Đá Dĩa - thiên đường hạ giới ở Phú Yên",
        &[
            "Ghềnh là tập hợp các trụ đá bazan vươn ra biển.",
            "Danh thắng nằm ở xã An Ninh Đông, huyện Tuy An, tỉnh Phú Yên.",
        ],
    ));
    assert!(about.contains(&"w22123".to_string()), "{about:?}");
    assert_eq!(why_of(&why, "w22123"), Some((Verdict::About, Why::Address)));
    // Two communes: a list, no single address (their district, named twice, is about).
    let (about, _, _) = decide_on(article(
        "Phú Yên mở rộng các điểm du lịch biển",
        &[
            "Tỉnh Phú Yên đầu tư cho du lịch biển.",
            "Các điểm mới ở xã An Ninh Đông, huyện Tuy An và xã An Hòa Hải, huyện Tuy An.",
        ],
    ));
    assert!(about.iter().all(|u| !u.starts_with('w')), "{about:?}");
}

#[test]
fn with_a_sapo_read_from_the_end_the_first_body_paragraph_weighs_as_a_lead_too() {
    let mut d = article(
        "Cấp phép xây nhà máy thép",
        &[
            "Tập đoàn vừa được cấp phép xây dựng nhà máy thép quy mô lớn.",
            "Sáng nay, tại tỉnh Quảng Ngãi, lễ trao giấy chứng nhận đầu tư đã diễn ra.",
            "Nhà máy dự kiến hoạt động từ năm 2019 với công suất lớn.",
        ],
    );
    // The sapo came from the end of the page: its line is past the body's.
    let lines = [30, 3, 4];
    for (p, line) in d.sections[0].passages.iter_mut().zip(lines) {
        p.line = line;
    }
    let (_, _, why) = decide_on(d.clone());
    let places = |ds: &Decisions| {
        ds.localities
            .iter()
            .find(|x| x.unit == id("p51"))
            .map(|x| x.places.clone())
    };
    assert_eq!(places(&why), Some(vec![(Place::Lead, 1)]));
    // In file order the same paragraph is only body text.
    for (p, line) in d.sections[0].passages.iter_mut().zip([2, 3, 4]) {
        p.line = line;
    }
    let (_, _, why) = decide_on(d);
    assert_eq!(places(&why), Some(vec![(Place::Body, 1)]));
}
