//! Synthetic corpora of any size, the same for the same seed: for tests and benchmarks that
//! need a large corpus without shipping real articles.

use super::{Corpus, Document, Passage, PassageKind, Section};

const WORDS: &[&str] = &[
    "nghị",
    "quyết",
    "đại",
    "hội",
    "đảng",
    "bộ",
    "tỉnh",
    "thành",
    "phố",
    "huyện",
    "xã",
    "phát",
    "triển",
    "kinh",
    "tế",
    "xã",
    "hội",
    "hạ",
    "tầng",
    "giao",
    "thông",
    "du",
    "lịch",
    "nông",
    "thôn",
    "mới",
    "chuyển",
    "đổi",
    "số",
    "cải",
    "cách",
    "hành",
    "chính",
    "đầu",
    "tư",
    "công",
    "nghiệp",
    "dịch",
    "vụ",
    "văn",
    "hóa",
    "giáo",
    "dục",
    "y",
    "tế",
    "môi",
    "trường",
    "an",
    "ninh",
    "quốc",
    "phòng",
    "cán",
    "bộ",
    "đảng",
    "viên",
    "nhân",
    "dân",
    "mục",
    "tiêu",
    "chỉ",
    "tiêu",
    "tăng",
    "trưởng",
    "thu",
    "ngân",
    "sách",
    "giảm",
    "nghèo",
    "việc",
    "làm",
];

/// A small deterministic generator (xorshift64*): no dependency, same output everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// In `0..n` (n > 0).
    #[allow(
        clippy::cast_possible_truncation,
        reason = "the remainder is below n, a usize"
    )]
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// A sentence of `n` words from the vocabulary.
pub fn sentence(rng: &mut Rng, n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let w = WORDS[rng.below(WORDS.len())];
        if i == 0 {
            let mut c = w.chars();
            let first = c.next().map(|f| f.to_uppercase().collect::<String>());
            s.push_str(&first.unwrap_or_default());
            s.push_str(c.as_str());
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// `docs` articles of `passages` paragraphs each (about 40 words a paragraph).
pub fn corpus(docs: usize, passages: usize, seed: u64) -> Corpus {
    let mut rng = Rng::new(seed);
    let documents = (0..docs)
        .map(|d| {
            let mut doc = Document::new(&format!("synth_{d:06}"), "synthetic");
            doc.title = sentence(&mut rng, 10);
            doc.date = Some(format!("2020-{:02}-{:02}", 1 + d % 12, 1 + d % 28));
            doc.sections = vec![Section {
                heading: None,
                locality: None,
                passages: (0..passages)
                    .map(|p| {
                        let n = 30 + rng.below(20);
                        // A serial number keeps every passage's text (and id) distinct.
                        let text = format!("{} ({d}.{p})", sentence(&mut rng, n));
                        Passage {
                            id: crate::preprocess::ids::passage_id(&text),
                            kind: PassageKind::Paragraph,
                            text,
                            line: p + 1,
                        }
                    })
                    .collect(),
            }];
            doc
        })
        .collect();
    Corpus {
        documents,
        ..Corpus::default()
    }
}

/// Articles about places, for scope tests: one about Hạ Long alone (its province named
/// too), one about Hạ Long, Thanh Hóa and Quảng Ninh with a section on each after an
/// introduction, and one about each of two districts named Châu Thành. Every passage
/// speaks of tourism (`du lịch`). The city of Thanh Hóa and a commune of one Châu Thành
/// are places too, with no article.
pub fn places() -> Corpus {
    let unit = |id: &str, name: &str, kind: &str, province: &str| crate::corpus::Locality {
        id: id.into(),
        name: name.into(),
        kind: kind.into(),
        province: province.into(),
        province_2025: province.into(),
        documents: Vec::new(),
        district: None,
        communes_2025: Vec::new(),
    };
    let section = |locality: Option<&str>, texts: &[&str]| Section {
        heading: None,
        locality: locality.map(str::to_string),
        passages: texts
            .iter()
            .enumerate()
            .map(|(i, t)| Passage {
                id: crate::preprocess::ids::passage_id(t),
                kind: PassageKind::Paragraph,
                text: (*t).to_string(),
                line: i + 1,
            })
            .collect(),
    };
    let mut alone = Document::new("ha-long", "synthetic");
    alone.title = "Hạ Long đón khách".into();
    alone.localities = vec!["d193".into(), "p22".into()];
    alone.sections = vec![
        section(None, &["Du lịch Hạ Long đón một triệu khách trong quý I."]),
        section(
            Some("d193"),
            &["Thành phố Hạ Long mở thêm tuyến du lịch đêm."],
        ),
    ];
    let mut three = Document::new("ba-noi", "synthetic");
    three.title = "Ba địa phương làm du lịch".into();
    three.localities = vec!["d193".into(), "p38".into(), "p22".into()];
    three.sections = vec![
        section(None, &["Ba địa phương cùng đẩy mạnh du lịch biển."]),
        section(Some("d193"), &["Hạ Long làm du lịch vịnh."]),
        section(
            Some("p38"),
            &["Thanh Hóa làm du lịch biển Sầm Sơn, du lịch xanh."],
        ),
        section(Some("p22"), &["Quảng Ninh nối các điểm du lịch."]),
    ];
    let mut tien_giang = Document::new("chau-thanh-tg", "synthetic");
    tien_giang.localities = vec!["d821".into()];
    tien_giang.sections = vec![section(
        None,
        &["Châu Thành (Tiền Giang) làm du lịch vườn."],
    )];
    let mut tra_vinh = Document::new("chau-thanh-tv", "synthetic");
    tra_vinh.localities = vec!["d847".into()];
    tra_vinh.sections = vec![section(None, &["Châu Thành (Trà Vinh) làm du lịch sông."])];
    let mut commune = unit("w28", "Tân Hương", "xã", "Tiền Giang");
    commune.district = Some(crate::corpus::UnitRef {
        id: "d821".into(),
        name: "Châu Thành".into(),
        kind: "huyện".into(),
    });
    Corpus {
        documents: vec![alone, three, tien_giang, tra_vinh],
        localities: vec![
            unit("d193", "Hạ Long", "thành phố thuộc tỉnh", "Quảng Ninh"),
            unit("p22", "Quảng Ninh", "tỉnh", "Quảng Ninh"),
            unit("p38", "Thanh Hóa", "tỉnh", "Thanh Hóa"),
            unit("d380", "Thanh Hóa", "thành phố thuộc tỉnh", "Thanh Hóa"),
            unit("d821", "Châu Thành", "huyện", "Tiền Giang"),
            unit("d847", "Châu Thành", "huyện", "Trà Vinh"),
            commune,
        ],
        ..Corpus::default()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_seed_same_corpus() {
        let a = super::corpus(3, 4, 7);
        assert_eq!(a, super::corpus(3, 4, 7));
        assert_ne!(a, super::corpus(3, 4, 8));
        assert_eq!(a.documents.len(), 3);
        assert_eq!(a.documents[2].sections[0].passages.len(), 4);
    }
}
