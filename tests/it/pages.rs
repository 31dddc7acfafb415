//! Synthetic pages in the style of provincial party newspapers (tests/fixtures/pages/,
//! written for these tests by an adversarial review): each checks the fields a careful
//! reader would read off the page, and that nothing is lost.

use nghiquyet::corpus::{Document, PassageKind};
use nghiquyet::gazetteer::Gazetteer;
use nghiquyet::preprocess::build_document;

use crate::common;

struct Expect {
    file: &'static str,
    title: &'static str,
    category: Option<&'static str>,
    subtitle: Option<&'static str>,
    date: Option<&'static str>,
    author: Option<&'static str>,
    about: &'static [&'static str],
    headings: &'static [&'static str],
    /// Text that must not be in any passage or heading (page furniture).
    absent: &'static [&'static str],
    list_items: usize,
    captions: usize,
}

const E: Expect = Expect {
    file: "",
    title: "",
    category: None,
    subtitle: None,
    date: None,
    author: None,
    about: &[],
    headings: &[],
    absent: &[],
    list_items: 0,
    captions: 0,
};

const PAGES: &[Expect] = &[
    Expect {
        file: "06_bacgiang_allcaps.txt",
        title: "LỤC NGẠN: TẬP TRUNG THỰC HIỆN BA KHÂU ĐỘT PHÁ",
        category: Some("Xây dựng Đảng"),
        date: Some("2022-05-16T07:45"),
        author: Some("Hoàng Phương"),
        about: &["Lục Ngạn"],
        headings: &[
            "PHÁT TRIỂN NÔNG NGHIỆP HÀNG HÓA",
            "ĐẦU TƯ HẠ TẦNG GIAO THÔNG",
        ],
        absent: &["Đang truy cập", "Hôm nay", "Yên Thế phát huy truyền thống"],
        ..E
    },
    Expect {
        file: "13_hue_huongthuy.txt",
        title: "Thị xã Hương Thủy xây dựng đô thị xanh theo Nghị quyết Đại hội",
        category: Some("Chính trị - Xã hội"),
        date: Some("2022-05-15T07:30"),
        author: Some("Thu Hằng"),
        about: &["Hương Thủy"],
        absent: &["(Còn nữa)", "huong thuy xay dung"],
        captions: 1,
        ..E
    },
    Expect {
        file: "15_binhduong_spam.txt",
        title: "Bình Dương: Thành phố Thủ Dầu Một phát triển đô thị thông minh",
        date: Some("2022-05-12T09:15"),
        author: Some("Kim Hà"),
        about: &["Thủ Dầu Một"],
        absent: &[
            "casino",
            "Facebook",
            "Bạn đọc bình luận",
            "Click here",
            "jinri",
        ],
        ..E
    },
    Expect {
        file: "17_series_above_title.txt",
        title: "Ninh Bình: Chuyển mình mạnh mẽ sau một năm thực hiện Nghị quyết Đại hội",
        category: Some("Xây dựng Đảng"),
        subtitle: Some("Bài 3: Kỳ vọng từ những quyết sách lớn"),
        date: Some("2022-05-12T14:20"),
        author: Some("Đinh Thu Trang"),
        about: &["Ninh Bình"],
        headings: &["Du lịch vẫn là mũi nhọn", "Hạ tầng đi trước một bước"],
        absent: &["(Còn nữa)", "Lượt xem", "Xin chờ"],
        captions: 1,
        ..E
    },
    Expect {
        file: "21_midarticle_related.txt",
        title: "Huyện Đông Anh tập trung xây dựng hạ tầng, sớm trở thành quận",
        category: Some("Thời sự"),
        date: Some("2022-05-11T16:20"),
        author: Some("Lam Nguyễn"),
        about: &["Đông Anh"],
        absent: &[
            "Tin liên quan",
            "Huyện Gia Lâm đẩy nhanh",
            "Khởi công dự án trường học",
            "Chia sẻ",
        ],
        ..E
    },
    Expect {
        file: "22_related_with_sapo.txt",
        title: "Hải Hà: Nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng",
        category: Some("Xây dựng Đảng"),
        date: Some("2022-05-12T09:15"),
        author: Some("Ngọc Anh"),
        about: &["Hải Hà"],
        absent: &["Đầm Hà", "Bình Liêu", "Giấy phép"],
        ..E
    },
    Expect {
        file: "m01_short_title_long_byline.txt",
        title: "Hạ Long vươn mình",
        date: Some("2022-05-12T09:15"),
        author: Some("Thu Hà Linh"),
        about: &["Hạ Long"],
        ..E
    },
    Expect {
        file: "m02_category_then_short_title.txt",
        title: "Đổi thay Mường Lát",
        category: Some("Chính trị"),
        date: Some("2022-05-12T09:15"),
        about: &["Mường Lát"],
        ..E
    },
    Expect {
        file: "m06_title_slug_before_sapo.txt",
        title: "Yên Thế phát huy truyền thống, thực hiện thắng lợi Nghị quyết Đại hội",
        date: Some("2022-05-12T09:15"),
        about: &["Yên Thế"],
        absent: &["yen the phat huy"],
        captions: 1,
        ..E
    },
    Expect {
        file: "m07_numbered_list_unpunctuated.txt",
        title: "Huyện Yên Thế đề ra các nhiệm vụ trọng tâm thực hiện nghị quyết",
        date: Some("2022-05-12T09:15"),
        about: &["Yên Thế"],
        list_items: 6,
        ..E
    },
    Expect {
        file: "m08_tags_block.txt",
        title: "Hải Dương đẩy mạnh thực hiện Nghị quyết Đại hội Đảng bộ tỉnh",
        date: Some("2022-05-12T09:15"),
        author: Some("Thanh Huyền"),
        about: &["Hải Dương"],
        absent: &["Từ khóa", "In bài viết"],
        ..E
    },
    Expect {
        file: "m09_quoted_headings.txt",
        title: "Hải Dương đẩy mạnh thực hiện Nghị quyết Đại hội Đảng bộ tỉnh",
        date: Some("2022-05-12T09:15"),
        about: &["Hải Dương"],
        headings: &[
            "“Chìa khóa” từ công tác cán bộ",
            "\"Đòn bẩy\" hạ tầng giao thông",
        ],
        ..E
    },
    Expect {
        file: "m10_ambiguous_bare_name.txt",
        title: "Kỳ Anh: Phát triển công nghiệp gắn với đô thị theo tinh thần nghị quyết",
        date: Some("2022-05-12T09:15"),
        about: &["Kỳ Anh (Thị xã)"],
        ..E
    },
    Expect {
        file: "m11_byline_slash_outlet.txt",
        title: "Hải Dương đẩy mạnh thực hiện Nghị quyết Đại hội Đảng bộ tỉnh",
        date: Some("2022-05-12T09:15"),
        author: Some("Mạnh Tú"),
        about: &["Hải Dương"],
        captions: 1,
        ..E
    },
    Expect {
        file: "m04_byline_date_same_line.txt",
        title: "Yên Thế phát huy truyền thống, thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ huyện",
        date: Some("2022-05-12T09:15"),
        author: Some("Ngọc Mai"),
        category: Some("Chính trị"),
        about: &["Yên Thế"],
        ..E
    },
    Expect {
        file: "m05_dateline_with_counter.txt",
        title: "Huyện Yên Mô thực hiện Nghị quyết Đại hội Đảng bộ huyện",
        category: Some("Chính trị"),
        date: Some("2022-05-12T09:15"),
        about: &["Yên Mô"],
        ..E
    },
    Expect {
        file: "01_quangninh_series.txt",
        title: "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV",
        category: Some("Chính trị"),
        subtitle: Some("Bài 2: Đột phá từ hạ tầng chiến lược"),
        date: Some("2022-05-12T09:15"),
        author: Some("Thu Hà"),
        about: &["Quảng Ninh"],
        headings: &[
            "Hoàn thiện mạng lưới giao thông kết nối",
            "Huy động nguồn lực ngoài ngân sách",
            "Hạ tầng số và hạ tầng xã hội",
        ],
        captions: 1,
        ..E
    },
];

fn build(file: &str) -> (Vec<u8>, Document) {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages")
        .join(file);
    let raw = std::fs::read(&p).unwrap();
    let d = build_document("x", file, &raw, Gazetteer::embedded())
        .unwrap()
        .document;
    (raw, d)
}

#[test]
fn pages_read_as_a_person_would() {
    let g = Gazetteer::embedded();
    let mut failures = Vec::new();
    for e in PAGES {
        let (raw, d) = build(e.file);
        let mut check = |what: &str, ok: bool, got: String| {
            if !ok {
                failures.push(format!("{}: {what}: got {got}", e.file));
            }
        };
        check("title", d.title == e.title, d.title.clone());
        check(
            "category",
            d.category.as_deref() == e.category,
            format!("{:?}", d.category),
        );
        check(
            "subtitle",
            d.subtitle.as_deref() == e.subtitle,
            format!("{:?}", d.subtitle),
        );
        check("date", d.date.as_deref() == e.date, format!("{:?}", d.date));
        check(
            "author",
            d.author.as_deref() == e.author,
            format!("{:?}", d.author),
        );
        let about: Vec<&str> = d
            .localities
            .iter()
            .map(|id| g.unit(g.by_id(id).unwrap()).name.as_str())
            .collect();
        check("about", about == e.about, format!("{about:?}"));
        let headings: Vec<&str> = d
            .sections
            .iter()
            .filter_map(|s| s.heading.as_deref())
            .collect();
        check("headings", headings == e.headings, format!("{headings:?}"));
        let count = |k| d.passages().filter(|p| p.kind == k).count();
        check(
            "list items",
            count(PassageKind::ListItem) == e.list_items,
            count(PassageKind::ListItem).to_string(),
        );
        check(
            "captions",
            count(PassageKind::Caption) == e.captions,
            count(PassageKind::Caption).to_string(),
        );
        for a in e.absent {
            let found =
                d.passages().any(|p| p.text.contains(a)) || headings.iter().any(|h| h.contains(a));
            check("furniture kept", !found, (*a).to_string());
        }
        let lost = common::lost_lines(&raw, &d);
        check("lost lines", lost.is_empty(), format!("{lost:?}"));
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
