//! The expectations of the corpus issue on the five seed articles.

use nghiquyet::corpus::{Corpus, Document, PassageKind};
use nghiquyet::embedded::{self, RAW_ARTICLES};
use nghiquyet::gazetteer::Gazetteer;
use nghiquyet::preprocess::build_document;

use crate::common;

fn corpus() -> Corpus {
    embedded::corpus()
}

fn doc<'a>(c: &'a Corpus, prefix: &str) -> &'a Document {
    c.documents
        .iter()
        .find(|d| d.id.starts_with(prefix))
        .unwrap_or_else(|| panic!("no document {prefix}"))
}

/// (name, kind) of what the document is about, in order.
fn about(c: &Corpus, d: &Document) -> Vec<(String, String)> {
    d.localities
        .iter()
        .map(|id| {
            let l = c
                .locality(id)
                .unwrap_or_else(|| panic!("{id} not in corpus.localities"));
            (l.name.clone(), l.kind.clone())
        })
        .collect()
}

fn headings(d: &Document) -> Vec<&str> {
    d.sections
        .iter()
        .filter_map(|s| s.heading.as_deref())
        .collect()
}

fn count(d: &Document, kind: PassageKind) -> usize {
    d.passages().filter(|p| p.kind == kind).count()
}

#[test]
fn seed_000_thanh_hoa_city() {
    let c = corpus();
    let d = doc(&c, "000");
    assert_eq!(
        d.title,
        "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ THÀNH PHỐ THANH HÓA, NHIỆM KỲ 2015 – 2020"
    );
    assert_eq!(
        d.subtitle.as_deref(),
        Some("Kỳ cuối: Nguyên nhân và bài học kinh nghiệm")
    );
    assert_eq!(d.date.as_deref(), Some("2020-06-06T14:00"));
    assert_eq!(d.author.as_deref(), Some("Đức Thiện"));
    assert_eq!(d.outlet, None);
    assert_eq!(
        about(&c, d),
        [("Thanh Hóa".to_string(), "thành phố thuộc tỉnh".to_string())]
    );
    assert_eq!(
        headings(d),
        [
            "Nguyên của những kết quả đã đạt được",
            "Bài học kinh nghiệm"
        ]
    );
    // Một là … Năm là
    let items: Vec<&str> = d
        .passages()
        .filter(|p| p.kind == PassageKind::ListItem)
        .map(|p| p.text.split(',').next().unwrap())
        .collect();
    assert_eq!(items, ["Một là", "Hai là", "Ba là", "Bốn là", "Năm là"]);
    assert_eq!(count(d, PassageKind::Caption), 2);
    assert_eq!(count(d, PassageKind::Lead), 1);
    let lead = d.passages().find(|p| p.kind == PassageKind::Lead).unwrap();
    assert!(lead.text.starts_with("Sau 5 năm thực hiện"));
}

#[test]
fn seed_001_hai_phong() {
    let c = corpus();
    let d = doc(&c, "001");
    assert_eq!(
        d.title,
        "Không ngừng đổi mới tư duy, nâng cao năng lực lãnh đạo, chỉ đạo mang tầm chiến lược"
    );
    assert_eq!(d.category.as_deref(), Some("Xây dựng Đảng"));
    assert_eq!(d.date, None, "\"Ngày 19/7\" has no year: not a date");
    assert_eq!(d.author.as_deref(), Some("Minh Huệ"));
    assert_eq!(d.outlet.as_deref(), Some("TTXVN"));
    let a = about(&c, d);
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(a[0].0, "Hải Phòng");
    assert_eq!(
        headings(d),
        ["Kết quả nổi bật", "Biến thách thức thành cơ hội"]
    );
    assert_eq!(count(d, PassageKind::Caption), 2);
}

#[test]
fn seed_002_hau_giang() {
    let c = corpus();
    let d = doc(&c, "002");
    assert_eq!(
        d.title,
        "Các bài học kinh nghiệm không kém phần quan trọng trong nửa nhiệm kỳ thực hiện nghị quyết đại hội"
    );
    assert_eq!(d.date.as_deref(), Some("2023-04-26T08:01"));
    assert_eq!(d.author.as_deref(), Some("Trí Thức"));
    assert_eq!(d.outlet, None);
    let a = about(&c, d);
    assert_eq!(a, [("Hậu Giang".to_string(), "tỉnh".to_string())]);
    let hg = c.locality(&d.localities[0]).unwrap();
    assert_eq!(hg.province_2025, "Cần Thơ");
    assert_eq!(
        headings(d),
        [
            "Người đứng đầu phải thật sự gương mẫu, có năng lực, bản lĩnh",
            "Hành động quyết liệt, hiệu quả thực chất",
            "Xây dựng thành công các nền tảng bền vững cho tăng trưởng"
        ]
    );
    assert_eq!(count(d, PassageKind::Caption), 1);
}

#[test]
fn seed_003_three_localities_one_section_each() {
    let c = corpus();
    let d = doc(&c, "003");
    assert_eq!(
        d.title,
        "Tạo khí thế thi đua sôi nổi, thực hiện thắng lợi nghị quyết đại hội"
    );
    assert_eq!(d.date, None);
    assert_eq!(d.author, None);
    assert_eq!(d.outlet, None);
    let names: Vec<String> = about(&c, d).into_iter().map(|a| a.0).collect();
    assert_eq!(names, ["Việt Trì", "Thanh Hóa", "Hạ Long"]);
    let thanh_hoa = c.locality(&d.localities[1]).unwrap();
    assert_eq!(
        thanh_hoa.kind, "thành phố thuộc tỉnh",
        "the city, not the province"
    );
    let section_places: Vec<String> = d
        .sections
        .iter()
        .map(|s| {
            let id = s
                .locality
                .as_deref()
                .expect("every section has its locality");
            c.locality(id).unwrap().name.clone()
        })
        .collect();
    assert_eq!(section_places, ["Việt Trì", "Thanh Hóa", "Hạ Long"]);
    assert!(headings(d).is_empty());
    // Captions broken across lines are joined into one passage.
    let captions: Vec<&str> = d
        .passages()
        .filter(|p| p.kind == PassageKind::Caption)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(captions.len(), 3, "{captions:?}");
    assert!(captions[2].starts_with("Các đồng chí lãnh đạo Thành ủy"));
    assert!(captions[2].contains("lần thứ XV, nhiệm kỳ 2020 - 2025. (Ảnh:halongcity.gov.vn)"));
}

#[test]
fn seed_004_dong_ha() {
    let c = corpus();
    let d = doc(&c, "004");
    assert_eq!(
        d.title,
        "Tiếp tục đổi mới phương thức lãnh đạo, xây dựng Đảng bộ thành phố trong sạch, vững mạnh"
    );
    assert_eq!(d.date.as_deref(), Some("2020-07-02T14:28:39"));
    assert_eq!(d.author.as_deref(), Some("Hồ Sỹ Trung"));
    assert_eq!(
        d.author_role.as_deref(),
        Some("Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố Đông Hà")
    );
    assert_eq!(d.outlet.as_deref(), Some("Báo Quảng Trị"));
    let names: Vec<String> = about(&c, d).into_iter().map(|a| a.0).collect();
    assert_eq!(names, ["Đông Hà"]);
    assert!(headings(d).is_empty());
    assert!(d.sections.len() == 1 && d.passage_count() > 10);
    assert_eq!(count(d, PassageKind::Caption), 3);
    // Places named only in the related-headlines list are not even mentions.
    let mentioned: Vec<&str> = d
        .mentioned
        .iter()
        .filter_map(|id| Gazetteer::embedded().by_id(id))
        .map(|u| Gazetteer::embedded().unit(u).name.as_str())
        .collect();
    assert!(!mentioned.contains(&"Hướng Hóa"), "{mentioned:?}");
}

#[test]
fn junk_never_reaches_a_passage_and_is_recorded() {
    let c = corpus();
    let junk = [
        "Xem thêm",
        "Xin chờ trong giây lát",
        "Viết bình luận mới",
        "Tin cùng chuyên mục",
        "Các tin khác",
        "CÁC TIN KHÁC",
        "Phản hồi",
        "Liên hệ - Góp ý",
        "Bình luận của bạn",
        "Bình luận bạn đọc",
        "Trực tuyến",
        "93401966",
        "Copyright 2020",
        "escort",
        "ky cuoi nguyen nhan va bai hoc kinh nghiem",
        "Quyết tâm xây dựng thị trấn Hồ Xá thành đô thị loại IV",
        "Học tập và làm theo lời Bác ở Hướng Hoá",
    ];
    let removed: Vec<&str> = c
        .documents
        .iter()
        .flat_map(|d| d.removed.iter().map(|r| r.text.as_str()))
        .collect();
    for j in junk {
        for d in &c.documents {
            for p in d.passages() {
                assert!(
                    !p.text.contains(j),
                    "{j:?} survived in {} passage {}",
                    d.id,
                    p.id
                );
            }
            for s in &d.sections {
                assert!(
                    !s.heading.as_deref().unwrap_or("").contains(j),
                    "{j:?} is a heading"
                );
            }
        }
        assert!(
            removed.iter().any(|r| r.contains(j)),
            "{j:?} is not in any removed list"
        );
    }
    for d in &c.documents {
        for r in &d.removed {
            assert!(r.line > 0 && !r.reason.to_string().is_empty());
        }
    }
}

#[test]
fn nothing_is_lost_on_the_seeds() {
    let c = corpus();
    for (id, raw) in RAW_ARTICLES {
        let d = c.document(id).unwrap();
        let lost = common::lost_lines(raw, d);
        assert!(
            lost.is_empty(),
            "{id}: lines in neither the document nor removed: {lost:?}"
        );
    }
}

#[test]
fn passage_ids_are_stable_across_builds_and_local_edits() {
    let gaz = Gazetteer::embedded();
    let (id, raw) = RAW_ARTICLES[0];
    let a = build_document(id, "x", raw, gaz).unwrap().document;
    let b = build_document(id, "x", raw, gaz).unwrap().document;
    let ids = |d: &Document| {
        d.passages()
            .map(|p| (p.id.clone(), p.text.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&a), ids(&b));

    // Edit one paragraph: every other passage keeps its id.
    let text = std::str::from_utf8(raw).unwrap();
    let edited = text.replace(
        "Về nguyên nhân chủ quan, là sự đoàn kết",
        "Về nguyên nhân chủ quan, trước hết là sự đoàn kết",
    );
    assert_ne!(edited, text);
    let c = build_document(id, "x", edited.as_bytes(), gaz)
        .unwrap()
        .document;
    let before = ids(&a);
    let after = ids(&c);
    assert_eq!(before.len(), after.len());
    let changed: Vec<_> = before
        .iter()
        .zip(&after)
        .filter(|(x, y)| x.0 != y.0)
        .collect();
    assert_eq!(
        changed.len(),
        1,
        "only the edited passage changes id: {changed:?}"
    );
    assert!(changed[0].1.1.contains("trước hết là"));
    // Ids are unique within a document.
    let mut all: Vec<&str> = a.passages().map(|p| p.id.as_str()).collect();
    all.sort_unstable();
    let n = all.len();
    all.dedup();
    assert_eq!(all.len(), n);
}

#[test]
fn corpus_json_has_the_documented_fields() {
    let c = corpus();
    let v = serde_json::to_value(&c).unwrap();
    assert_eq!(v["format"], "nghiquyet-corpus");
    assert_eq!(v["version"], 1);
    let d = &v["documents"][0];
    for f in [
        "id",
        "source",
        "title",
        "subtitle",
        "category",
        "date",
        "outlet",
        "author",
        "author_role",
        "localities",
        "sections",
        "removed",
    ] {
        assert!(d.get(f).is_some(), "document field {f} missing");
    }
    let s = &d["sections"][0];
    for f in ["heading", "locality", "passages"] {
        assert!(s.get(f).is_some(), "section field {f} missing");
    }
    let p = &s["passages"][0];
    for f in ["id", "kind", "text"] {
        assert!(p.get(f).is_some(), "passage field {f} missing");
    }
    let r = &d["removed"][0];
    for f in ["line", "text", "reason"] {
        assert!(r.get(f).is_some(), "removed field {f} missing");
    }
    let l = &v["localities"][0];
    for f in [
        "id",
        "name",
        "kind",
        "province",
        "province_2025",
        "documents",
    ] {
        assert!(l.get(f).is_some(), "locality field {f} missing");
    }
    let kinds: Vec<&str> = c
        .documents
        .iter()
        .flat_map(nghiquyet::corpus::Document::passages)
        .map(|p| p.kind.as_str())
        .collect();
    for k in ["lead", "paragraph", "list_item", "caption"] {
        assert!(kinds.contains(&k), "no {k} passage in the seeds");
    }
}
