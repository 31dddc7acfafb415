//! Relevance on the seed corpus: the passage a person means is ranked first (or in the top
//! three where that is the honest claim), whatever the diacritics, case, tone placement,
//! typos, word order, numbers, acronyms or initials; and every highlight is the matched
//! letters.

use nghiquyet::corpus::Corpus;
use nghiquyet::search::{Scope, SearchIndex, highlight_ranges, parse, search_all};
use nghiquyet::text::fold_for_search;

/// (query, a snippet of the expected passage, how high it must rank).
const CASES: &[(&str, &str, usize)] = &[
    // Without diacritics, with capitals, with the other tone placement.
    (
        "nghi quyet dai hoi dang bo thanh pho thanh hoa lan thu xxi",
        "Đại hội Đảng bộ thành phố Thanh Hóa lần thứ XXI đề ra 3 chương trình",
        1,
    ),
    ("Thanh Hoa trung tam", "Trung tâm thành phố Thanh Hóa.", 1),
    ("THANH HOÁ trung tâm", "Trung tâm thành phố Thanh Hóa.", 1),
    (
        "uỷ viên ban thường vụ",
        "các đồng chí Uỷ viên Ban Thường vụ",
        1,
    ),
    (
        "ủy viên ban thường vụ",
        "các đồng chí Uỷ viên Ban Thường vụ",
        1,
    ),
    ("NONG NGHIEP VEN DO", "Nông nghiệp ven đô phát triển", 1),
    ("nông nghiệp ven đô", "Nông nghiệp ven đô phát triển", 1),
    ("ky luat va dong tam", "Kỷ luật và Đồng tâm", 1),
    ("bai bien 3 trai dao", "bãi biển 3 trái đào ở Cát Bà", 1),
    ("cat ba", "bãi biển 3 trái đào ở Cát Bà", 1),
    ("cua luc", "cầu Cửa Lục 1", 1),
    ("hau giang 2004", "thành lập tỉnh Hậu Giang (2004-2024)", 1),
    // Numbered lessons.
    ("mot la", "Một là, tập trung xây dựng Đảng bộ", 1),
    ("nam la", "Năm là, chú trọng tổng kết thực tiễn", 1),
    ("Hai là", "Hai là, chú trọng xây dựng đội ngũ cán bộ", 1),
    // Numbers, with and without digit grouping.
    ("15400", "15.400 căn nhà ở xã hội", 1),
    ("15.400 can nha", "15.400 căn nhà ở xã hội", 1),
    ("7,5%", "7%-7,5%/năm", 1),
    ("139 ty dong", "trên 139 tỷ đồng", 1),
    // Acronyms both ways, syllable initials.
    (
        "hoi dong nhan dan thanh pho",
        "Thành ủy, HĐND, UBND thành phố luôn bám sát",
        1,
    ),
    ("UBND tinh", "Tỉnh ủy, HĐND, UBND tỉnh", 1),
    // Two passages contain the phrase; the earlier one (the lead) comes first.
    (
        "ban chap hanh dang bo thanh pho viet tri",
        "Ban chấp hành Đảng bộ thành phố Việt Trì (tỉnh Phú Thọ)",
        1,
    ),
    (
        "BCH dang bo thanh pho dong ha",
        "Ban Chấp hành (BCH) Đảng bộ thành phố Đông Hà",
        3,
    ),
    (
        "nqdh ha long",
        "Nghị quyết Đại hội Đảng bộ TP Hạ Long lần thứ XXV",
        1,
    ),
    (
        "nqdh xxi thanh hoa",
        "Đại hội Đảng bộ thành phố Thanh Hóa lần thứ XXI đề ra 3 chương trình",
        1,
    ),
    // Typos (a letter missing or swapped in place), word order.
    ("chuyn doi so", "chuyển đổi số (chính quyền số", 3),
    ("chuyen doi so", "chuyển đổi số", 1),
    // 002 also has "chuyển đổi số … kinh tế số", earlier in its paragraph: a fair tie.
    (
        "chuyen doi so kinh te so",
        "chuyển đổi số (chính quyền số, kinh tế số",
        2,
    ),
    ("so doi chuyen", "chuyển đổi số (chính quyền số", 3),
    ("nghiquyet dai hoi xiii", "Nghị quyết Đại hội XIII", 3),
    (
        "le tien chau nhan manh",
        "Bí thư Thành ủy Hải Phòng Lê Tiến Châu nhấn mạnh",
        1,
    ),
    (
        "dong ha do thi loai ii",
        "Đông Hà phấn đấu trở thành đô thị loại II",
        3,
    ),
    // Operators.
    (
        "^Sau 5 nam",
        "Sau 5 năm thực hiện Nghị quyết Đại hội Đảng bộ nhiệm kỳ 2015",
        1,
    ),
    ("nang len$", "chính quyền được nâng lên.", 1),
    ("'vuon len lam giau", "vươn lên làm giàu chính đáng", 1),
    (
        "\"dai hoi dang bo tinh\" ha long",
        "Nghị quyết Đại hội Đảng bộ tỉnh, Đại hội Đảng bộ thành phố nhiệm kỳ 2020 - 2025 sớm",
        1,
    ),
];

fn corpus() -> Corpus {
    nghiquyet::embedded::corpus()
}

#[test]
fn at_least_thirty_queries_find_their_passage() {
    assert!(CASES.len() >= 30);
    let c = corpus();
    let index = SearchIndex::build(&c);
    let mut failures = Vec::new();
    for &(q, snippet, within) in CASES {
        let hits = search_all(&index, &c, q, &Scope::All);
        let rank = hits
            .iter()
            .position(|h| h.at.get(&c).text.contains(snippet))
            .map(|r| r + 1);
        if rank.is_none_or(|r| r > within) {
            let top: Vec<String> = hits
                .iter()
                .take(3)
                .map(|h| h.at.get(&c).text.chars().take(60).collect())
                .collect();
            failures.push(format!(
                "{q:?}: expected rank ≤ {within}, got {rank:?}; top: {top:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn excluded_and_removed_text_is_not_found() {
    let c = corpus();
    let index = SearchIndex::build(&c);
    // Only in junk that the preprocessor removed.
    for q in [
        "izmir escort",
        "Hồ Xá đô thị loại IV",
        "Xin chờ trong giây lát",
        "93401966",
    ] {
        assert!(search_all(&index, &c, q, &Scope::All).is_empty(), "{q}");
    }
    // A negated term removes its passages.
    let hits = search_all(&index, &c, "cai cach hanh chinh !hai", &Scope::All);
    assert!(!hits.is_empty());
    for h in &hits {
        assert!(!fold_for_search(&h.at.get(&c).text).text.contains("hai"));
    }
    // `!` negates the one term it stands before: `!hai phong` keeps "phong" required.
    let folded = |h: &nghiquyet::search::Hit| fold_for_search(&h.at.get(&c).text).text;
    let hits = search_all(&index, &c, "!hai phong", &Scope::All);
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| folded(h).contains("phong") && !folded(h).contains("hai"))
    );
    // A negated phrase removes only the passages with those words together.
    let phong = search_all(&index, &c, "phong", &Scope::All);
    let hits = search_all(&index, &c, "phong !\"hai phong\"", &Scope::All);
    assert!(!hits.is_empty() && hits.len() < phong.len());
    assert_eq!(
        hits.len(),
        phong
            .iter()
            .filter(|h| !folded(h).contains("hai phong"))
            .count()
    );
    assert!(
        hits.iter().any(|h| folded(h).contains("hai")),
        "a lone \"hai\" stays"
    );
}

#[test]
fn exact_accented_hits_rank_above_folded_ones() {
    let c = corpus();
    let index = SearchIndex::build(&c);
    // "hòa" (peace, harmony) and "hóa" (in "văn hóa", "Thanh Hóa") fold the same.
    let hits = search_all(&index, &c, "hòa", &Scope::All);
    let first = &hits[0].at.get(&c).text;
    assert!(first.to_lowercase().contains("hòa"), "{first}");
}

#[test]
fn every_highlight_unfolds_to_the_matched_letters() {
    let c = corpus();
    let index = SearchIndex::build(&c);
    for &(q, _, _) in CASES {
        let query = parse(q);
        // Everything a highlight may legitimately fold to: the terms and their other forms.
        let mut allowed: Vec<String> = Vec::new();
        for t in &query.terms {
            allowed.push(t.folded.clone());
            allowed.extend(t.alternatives.iter().cloned());
        }
        for h in search_all(&index, &c, q, &Scope::All).iter().take(10) {
            let text = &h.at.get(&c).text;
            let chars: Vec<char> = text.chars().collect();
            for (s, e) in highlight_ranges(text, &h.ranges) {
                assert!(s < e && e <= chars.len(), "{q}: {s}..{e}");
                let piece: String = chars[s..e].iter().collect();
                let folded = fold_for_search(&piece).text;
                // Merged neighbouring ranges may join words with a space or punctuation.
                for part in folded
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|p| !p.is_empty())
                {
                    assert!(
                        allowed.iter().any(|a| a.contains(part)),
                        "{q}: highlight {piece:?} ({part}) is not from the query in {text:?}"
                    );
                }
            }
        }
    }
}
