//! Page layouts the seeds do not show, in synthetic articles written for these tests
//! (tests/fixtures/layouts/): breadcrumbs, share bars, keyword tags, dated headline lists,
//! comment forms, all-caps numbered headings, credit-only caption lines, "Theo …" sources,
//! English spam.

use nghiquyet::corpus::{Document, PassageKind};
use nghiquyet::gazetteer::Gazetteer;
use nghiquyet::preprocess::{LineClass, build_document, classify_bytes};

use crate::common;

fn fixture(name: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/layouts")
        .join(name);
    std::fs::read(p).unwrap()
}

fn classes(raw: &[u8]) -> Vec<(usize, LineClass)> {
    classify_bytes(raw, Gazetteer::embedded())
        .unwrap()
        .into_iter()
        .filter(|l| l.class != LineClass::Blank)
        .map(|l| (l.number, l.class))
        .collect()
}

fn build(raw: &[u8]) -> Document {
    build_document("x", "x", raw, Gazetteer::embedded())
        .unwrap()
        .document
}

#[test]
fn district_page_with_widgets() {
    use LineClass::*;
    let raw = fixture("district_page_with_widgets.txt");
    let got = classes(&raw);
    let expect = [
        (1, Category),
        (3, Title),
        (5, Dateline),
        (7, Junk),
        (9, Lead),
        (11, Caption),
        (13, Heading),
        (15, Paragraph),
        (17, Paragraph),
        (19, Heading),
        (21, ListItem),
        (23, ListItem),
        (25, ListItem),
        (27, Byline),
        (29, Junk),
        (31, Junk),
        (33, Junk),
        (34, Junk),
        (35, Junk),
        (37, Junk),
        (38, Junk),
        (39, Junk),
        (40, Junk),
    ];
    assert_eq!(got, expect);
    let d = build(&raw);
    assert_eq!(
        d.category.as_deref(),
        Some("Xây dựng Đảng"),
        "last part of the breadcrumb"
    );
    assert_eq!(d.date.as_deref(), Some("2022-06-06T14:00"));
    assert_eq!(d.author.as_deref(), Some("Nguyễn Văn Hùng"));
    assert!(
        d.author_role
            .as_deref()
            .unwrap_or("")
            .contains("Ban Tuyên giáo")
    );
    assert_eq!(d.outlet.as_deref(), Some("QTO"));
    let about: Vec<String> = d.localities.iter().map(|id| name(id)).collect();
    assert_eq!(about, ["Hướng Hóa"]);
    assert!(common::lost_lines(&raw, &d).is_empty());
}

#[test]
fn province_page_caps_headings() {
    use LineClass::*;
    let raw = fixture("province_page_caps_headings.txt");
    let got = classes(&raw);
    let expect = [
        (1, Category),
        (3, Title),
        (5, Byline),
        (7, Dateline),
        (9, Lead),
        (11, Heading),
        (13, Paragraph),
        (15, Caption),
        (16, Caption),
        (18, Heading),
        (20, ListItem),
        (22, ListItem),
        (24, ListItem),
        (26, OutletTag),
        (28, Junk),
        (30, Junk),
    ];
    assert_eq!(got, expect);
    let d = build(&raw);
    assert_eq!(d.author.as_deref(), Some("Thu Hà"));
    assert_eq!(d.date.as_deref(), Some("2022-03-12"));
    assert_eq!(d.outlet.as_deref(), Some("Báo Bắc Ninh"));
    let caption = d
        .passages()
        .find(|p| p.kind == PassageKind::Caption)
        .unwrap();
    assert_eq!(
        caption.text,
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh Bắc Ninh sơ kết giữa nhiệm kỳ. Ảnh: Thu Hà"
    );
    let headings: Vec<&str> = d
        .sections
        .iter()
        .filter_map(|s| s.heading.as_deref())
        .collect();
    assert_eq!(headings, ["I. KẾT QUẢ ĐẠT ĐƯỢC", "II. NHIỆM VỤ, GIẢI PHÁP"]);
    let about: Vec<String> = d.localities.iter().map(|id| name(id)).collect();
    assert_eq!(about, ["Bắc Ninh"]);
    assert!(common::lost_lines(&raw, &d).is_empty());
}

fn name(id: &str) -> String {
    let g = Gazetteer::embedded();
    g.unit(g.by_id(id).unwrap()).name.clone()
}

#[test]
fn crlf_bom_nbsp_and_controls_are_normalised() {
    let raw = "\u{feff}Tiêu đề bài viết về Hải Phòng\r\n\r\nThành ủy Hải Phòng\u{a0}\u{a0}tổ chức\u{1b}[2J hội nghị sơ kết giữa nhiệm kỳ, đánh giá kết quả thực hiện Nghị quyết.\r\n";
    let d = build(raw.as_bytes());
    assert_eq!(d.title, "Tiêu đề bài viết về Hải Phòng");
    let p = d.passages().next().unwrap();
    assert!(p.text.starts_with("Thành ủy Hải Phòng tổ chức"));
    assert!(!p.text.contains('\u{1b}') && !p.text.contains('\u{a0}') && !p.text.contains('\r'));
}

#[test]
fn nfd_input_becomes_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let nfc = "Nghị quyết Đại hội Đảng bộ tỉnh Thanh Hoá\n\nĐảng bộ tỉnh Thanh Hoá đã lãnh đạo thực hiện thắng lợi các mục tiêu đề ra trong nhiệm kỳ.\n";
    let nfd: String = nfc.nfd().collect();
    let a = build(nfc.as_bytes());
    let b = build(nfd.as_bytes());
    assert_eq!(a.title, b.title);
    assert_eq!(
        a.passages().map(|p| &p.id).collect::<Vec<_>>(),
        b.passages().map(|p| &p.id).collect::<Vec<_>>(),
        "ids do not depend on the normal form of the input"
    );
    assert_eq!(a.localities, b.localities);
}

#[test]
fn a_signature_with_its_note_on_the_next_line_names_the_writer() {
    let body = "Người dân trong xã đã cùng nhau dọn dẹp đường làng sau trận mưa lớn kéo dài.\n\
                Chính quyền xã cho biết sẽ hỗ trợ các hộ bị thiệt hại trong tuần tới.\n";
    let sapo =
        "Mưa lớn kéo dài khiến nhiều tuyến đường ở xã bị sạt lở, người dân cùng nhau khắc phục.";
    for (signature, byline, outlet) in [
        ("Đỗ Thu Thoan\n(t/h)", "Đỗ Thu Thoan (t/h)", None),
        ("Phú Bình\n(Theo CNN)", "Phú Bình (Theo CNN)", Some("CNN")),
    ] {
        // Before the gap and the sapo printed last, and at the very end.
        for tail in [format!("\n\n\n\n{sapo}\n"), String::new()] {
            let raw = format!("Mưa lớn gây sạt lở đường làng\n\n{body}{signature}\n{tail}");
            let doc = build(raw.as_bytes());
            let name = byline.split(" (").next().unwrap();
            assert_eq!(doc.author.as_deref(), Some(name), "{raw}");
            assert_eq!(doc.byline.as_deref(), Some(byline), "{raw}");
            assert_eq!(doc.outlet.as_deref(), outlet, "{raw}");
            // The signature is in no passage.
            assert!(doc.passages().all(|p| !p.text.contains(name)), "{raw}");
        }
    }
    // A bracket going on a short line amid the story is still text.
    let raw = format!(
        "Mưa lớn gây sạt lở đường làng\n\n{body}Phim Whiplash\n(2014) kể về một tay trống trẻ.\n{body}"
    );
    let doc = build(raw.as_bytes());
    assert_eq!(doc.author, None);
    assert!(doc.passages().any(|p| p.text.contains("Whiplash (2014)")));
}

#[test]
fn a_flattened_body_after_a_sapo_cut_short_is_still_split() {
    let sentence = "Người dân trong xã đã cùng nhau dọn dẹp đường làng sau trận mưa lớn kéo dài \
                    suốt mấy ngày qua, chính quyền xã cho biết sẽ hỗ trợ các hộ bị thiệt hại.";
    // A long body line anywhere, or a shorter one that is the page's last line of text.
    for count in [40, 12] {
        let body = vec![sentence; count].join(" ");
        assert!(body.len() > 1000);
        a_sapo_cut_short_then(&body);
    }
}

fn a_sapo_cut_short_then(body: &str) {
    let raw = format!(
        "Mưa lớn gây sạt lở đường làng\nMưa lớn kéo dài nhiều ngày qua. Nhiều tuyến đường ở xã bị \
         sạt lở và người dân đã phải cùng nhau\n{body} Thu Hà\n"
    );
    let doc = build(raw.as_bytes());
    let passages: Vec<_> = doc.passages().collect();
    assert!(passages.len() >= 3, "{}", passages.len());
    assert!(
        passages[0].text.ends_with("cùng nhau"),
        "{}",
        passages[0].text
    );
    assert!(passages.iter().all(|p| p.text.len() < 2500));
    assert_eq!(doc.author.as_deref(), Some("Thu Hà"));
}

#[test]
fn a_lost_links_prompt_before_the_signature_is_junk() {
    let sentence = "Người dân trong xã đã cùng nhau dọn dẹp đường làng sau trận mưa lớn kéo dài \
                    suốt mấy ngày qua, chính quyền xã cho biết sẽ hỗ trợ các hộ bị thiệt hại.";
    let body = vec![sentence; 20].join(" ");
    for (tail, author) in [
        ("Bấm xem >> Đăng Đức (Tổng hợp từ Marca)", "Đăng Đức"),
        ("Bấm xem ngay >> Tiến Long", "Tiến Long"),
        ("VIDEO XEM THÊM: Lê Cường", "Lê Cường"),
        ("Xem video: Play Q.C", "Q.C"),
    ] {
        let raw =
            format!("Mưa lớn gây sạt lở đường làng\nMưa lớn kéo dài nhiều ngày.\n{body} {tail}\n");
        let doc = build(raw.as_bytes());
        assert_eq!(doc.author.as_deref(), Some(author), "{tail}");
        let prompt = &tail[..tail.find(['>', ':']).unwrap()];
        assert!(doc.passages().all(|p| !p.text.contains(prompt)), "{tail}");
        assert!(
            doc.removed.iter().any(|r| r.text.starts_with(prompt)),
            "{tail}: {:?}",
            doc.removed
        );
    }
    // Amid the story, or with no signature after it, the words stay.
    let raw = format!(
        "Mưa lớn gây sạt lở đường làng\nMưa lớn kéo dài nhiều ngày.\n{body} Bấm xem >> để biết thêm chi tiết về vụ việc này.\n"
    );
    let doc = build(raw.as_bytes());
    assert!(doc.passages().any(|p| p.text.contains("Bấm xem")));
}

#[test]
fn the_title_repeated_where_the_body_starts_is_removed() {
    let sentence = "Người dân trong xã đã cùng nhau dọn dẹp đường làng sau trận mưa lớn kéo dài \
                    suốt mấy ngày qua, chính quyền xã cho biết sẽ hỗ trợ các hộ bị thiệt hại.";
    let body = vec![sentence; 20].join(" ");
    let title = "Mưa lớn gây sạt lở đường làng ở Quảng Nam";
    let raw = format!("{title}\nMưa lớn kéo dài nhiều ngày.\n{title} Ngày 11/5, {body} Thu Hà\n");
    let doc = build(raw.as_bytes());
    assert!(doc.passages().all(|p| !p.text.starts_with(title)));
    assert!(
        doc.removed
            .iter()
            .any(|r| r.text == title && r.reason.to_string().contains("title repeated")),
        "{:?}",
        doc.removed
    );
    assert!(doc.passages().any(|p| p.text.starts_with("Ngày 11/5,")));
    // A body that opens with the title's words and goes on with a name is the body.
    let title = "Tỷ phú Jack Ma cảnh báo có thể có chiến tranh Mỹ - Trung";
    let raw = format!("{title}\nMưa lớn kéo dài nhiều ngày.\n{title} Quốc nếu {body}\n");
    let doc = build(raw.as_bytes());
    assert!(doc.removed.is_empty(), "{:?}", doc.removed);
    assert!(doc.passages().any(|p| p.text.starts_with(title)));
}
