//! Near matches over a whole index: typos corrected to the corpus's words, two words typed
//! as one, acronyms the corpus defines, initials only when typed as initials; near hits
//! rank after exact ones and are counted apart.

use super::{Hit, Scope, SearchIndex, highlight_ranges, search_all};
use crate::corpus::Corpus;
use crate::gazetteer::Gazetteer;
use crate::preprocess::{build_document, corpus_from_documents};

/// A corpus of small articles, one paragraph each (each repeated in three articles so its
/// words count as words of the corpus).
fn corpus(paragraphs: &[&str]) -> Corpus {
    let gaz = Gazetteer::embedded();
    let mut docs = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        for copy in 0..3 {
            let raw = format!("Bài số {i} bản {copy}\n\n{p}\n");
            let id = format!("d{i}-{copy}");
            docs.push(
                build_document(&id, &id, raw.as_bytes(), gaz)
                    .unwrap()
                    .document,
            );
        }
    }
    corpus_from_documents(docs, gaz)
}

const TEXTS: &[&str] = &[
    "Quốc hội sẽ bổ sung luật quản lý thuế trong kỳ họp tới, theo đề nghị của Chính phủ.",
    "Bản tóm tắt hội giao lưu được gửi cho các trường trong tỉnh từ tuần trước.",
    "Điện hỏng, nguyên nhân là dây dẫn cũ, người dân phản ánh nhiều lần.",
    "Xây dựng nông thôn mới là nhiệm vụ trọng tâm của huyện trong năm nay.",
    "Phòng Cảnh sát giao thông (CSGT) Công an tỉnh ra quân đầu năm.",
    "Lực lượng CSGT đã xử lý hơn 200 trường hợp vi phạm trong tuần.",
    "Đăng trên mạng xã hội, bài viết thu hút nhiều lượt xem của bạn đọc.",
    "Hội đồng nhân dân tỉnh họp phiên bất thường, rất hấp dẫn nhất đối với cử tri.",
];

fn texts<'a>(c: &'a Corpus, hits: &[Hit]) -> Vec<&'a str> {
    hits.iter().map(|h| h.at.get(c).text.as_str()).collect()
}

#[test]
fn one_wrong_swapped_doubled_or_dropped_letter_still_finds_the_passage() {
    let c = corpus(TEXTS);
    let index = SearchIndex::build(&c);
    for (typed, meant) in [
        ("bo sumg luat quan ly", "bổ sung luật"),
        ("ban tom tat hoi gkao", "tóm tắt hội giao"),
        ("dien hong ngyuen nhan", "nguyên nhân là dây"),
        ("bo sungg luat", "bổ sung luật"),
        ("bo sng luat", "bổ sung luật"),
    ] {
        let hits = search_all(&index, &c, typed, &Scope::All);
        let first = texts(&c, &hits).first().copied().unwrap_or_default();
        assert!(first.contains(meant), "{typed}: {first:?}");
        assert!(!hits[0].exact, "{typed}: a near hit");
    }
    // The typo is highlighted on the letters typed: "sumg" lights s, u, g of "sung".
    let hits = search_all(&index, &c, "sumg", &Scope::All);
    let text = &hits[0].at.get(&c).text;
    let lit: Vec<String> = highlight_ranges(text, &hits[0].ranges)
        .into_iter()
        .map(|(s, e)| text.chars().skip(s).take(e - s).collect())
        .collect();
    assert_eq!(lit, ["su", "g"], "{text}");
}

#[test]
fn two_words_typed_as_one_are_found() {
    let c = corpus(TEXTS);
    let index = SearchIndex::build(&c);
    let hits = search_all(&index, &c, "nongthon moi", &Scope::All);
    assert!(texts(&c, &hits)[0].contains("nông thôn mới"));
}

#[test]
fn letters_from_neighbouring_words_never_match() {
    let c = corpus(TEXTS);
    let index = SearchIndex::build(&c);
    // "tenma": t of "trên", e-n of "trên", m-a of "mạng": not one word.
    assert!(search_all(&index, &c, "tenma", &Scope::All).is_empty());
}

#[test]
fn a_known_word_gets_no_near_hits() {
    let c = corpus(TEXTS);
    let index = SearchIndex::build(&c);
    let hits = search_all(&index, &c, "tuan", &Scope::All);
    assert!(!hits.is_empty() && hits.iter().all(|h| h.exact));
}

#[test]
fn acronyms_the_corpus_defines_find_both_forms() {
    let c = corpus(TEXTS);
    let index = SearchIndex::build(&c);
    let long = texts(
        &c,
        &search_all(&index, &c, "canh sat giao thong", &Scope::All),
    )
    .join(" ");
    assert!(long.contains("Lực lượng CSGT"), "{long}");
    // A short form the built-in table does not hold.
    let c2 = corpus(&[
        "Ban Quản lý dự án (BQLDA) đã họp với nhà thầu về tiến độ.",
        "Theo BQLDA, công trình sẽ xong vào cuối năm nay.",
    ]);
    let index = SearchIndex::build(&c2);
    let found = texts(
        &c2,
        &search_all(&index, &c2, "ban quan ly du an", &Scope::All),
    )
    .join(" ");
    assert!(found.contains("Theo BQLDA"), "{found}");
}

#[test]
fn initials_only_when_typed_as_initials_and_never_for_a_known_acronym() {
    let c = corpus(TEXTS);
    let index = SearchIndex::build(&c);
    // "HĐND" is a known acronym: "hấp dẫn nhất đối" is no hit, "Hội đồng nhân dân" is.
    let hits = search_all(&index, &c, "HĐND", &Scope::All);
    assert!(!hits.is_empty());
    for h in &hits {
        let text = &h.at.get(&c).text;
        for (s, e) in highlight_ranges(text, &h.ranges) {
            let lit: String = text.chars().skip(s).take(e - s).collect();
            assert!(!lit.starts_with("hấp"), "{lit}");
        }
    }
    // Initials typed as such match, as near hits ranked after exact ones.
    let hits = search_all(&index, &c, "bstc", &Scope::All);
    assert!(hits.iter().all(|h| !h.exact));
    let mixed = search_all(&index, &c, "tinh", &Scope::All);
    assert!(mixed.iter().all(|h| h.exact));
}

/// A corpus of articles given as (title, paragraphs).
fn titled(articles: &[(&str, &[&str])]) -> Corpus {
    let gaz = Gazetteer::embedded();
    let docs = articles
        .iter()
        .enumerate()
        .map(|(i, (title, paragraphs))| {
            let raw = format!("{title}\n\n{}\n", paragraphs.join("\n\n"));
            let id = format!("t{i}");
            build_document(&id, &id, raw.as_bytes(), gaz)
                .unwrap()
                .document
        })
        .collect();
    corpus_from_documents(docs, gaz)
}

#[test]
fn the_title_is_the_passages_context_and_is_findable() {
    let c = titled(&[
        (
            "Cặp song sinh thiên thần gây sốt cộng đồng mạng",
            &[
                "Hai bé gái có đôi mắt to tròn, được mẹ chia sẻ ảnh lên fanpage riêng.",
                "Nhiều người để lại lời khen ngợi dưới các bức ảnh của hai bé.",
            ],
        ),
        (
            "Giá vàng hôm nay tăng mạnh",
            &["Một fanpage về vàng bạc đăng tin giá mới vào sáng nay, nhiều người quan tâm."],
        ),
    ]);
    let index = SearchIndex::build(&c);
    // Title words and a passage word together: the passage in that article.
    let hits = search_all(&index, &c, "song sinh fanpage", &Scope::All);
    assert_eq!(hits.len(), 1);
    assert!(texts(&c, &hits)[0].contains("lên fanpage riêng"));
    assert!(hits[0].exact);
    // Only the passage's words are highlighted.
    let text = &hits[0].at.get(&c).text;
    let lit: Vec<String> = highlight_ranges(text, &hits[0].ranges)
        .into_iter()
        .map(|(s, e)| text.chars().skip(s).take(e - s).collect())
        .collect();
    assert_eq!(lit, ["fanpage"]);
    // The title alone: its article's first passage, once.
    let hits = search_all(&index, &c, "cap song sinh thien than", &Scope::All);
    assert_eq!(
        texts(&c, &hits),
        ["Hai bé gái có đôi mắt to tròn, được mẹ chia sẻ ảnh lên fanpage riêng."]
    );
    let vang = search_all(&index, &c, "vang", &Scope::All);
    assert!(!vang.is_empty() && vang.iter().all(|h| h.at.doc == 1));
    // An excluded word in the title does not exclude the passage.
    assert_eq!(
        search_all(&index, &c, "fanpage !song", &Scope::All).len(),
        2
    );
}

#[test]
fn a_word_the_title_holds_too_ranks_the_passage_higher() {
    let c = titled(&[
        (
            "Tin thể thao cuối tuần",
            &["Đội bóng thắng lớn trong trận đấu tối qua tại sân nhà."],
        ),
        (
            "Đội bóng thắng lớn",
            &["Đội bóng thắng lớn trong trận đấu tối qua tại sân khách."],
        ),
    ]);
    let index = SearchIndex::build(&c);
    let hits = search_all(&index, &c, "doi bong", &Scope::All);
    assert_eq!(hits.len(), 2);
    // Without the title, document order would put the first article first.
    assert_eq!(hits[0].at.doc, 1);
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn words_standing_together_as_typed_rank_first_even_in_part_of_the_query() {
    let c = titled(&[
        (
            "Tin y tế",
            &["Người dân cho biết số ca cứu chữa tăng, sọ não của bệnh nhân được chụp lại."],
        ),
        (
            "Tin sức khỏe",
            &["Người dân được hướng dẫn cách sơ cứu khi bị bỏng nặng tại bệnh viện tỉnh."],
        ),
    ]);
    let index = SearchIndex::build(&c);
    let hits = search_all(&index, &c, "so cuu nguoi dan", &Scope::All);
    assert_eq!(hits.len(), 2);
    assert!(
        texts(&c, &hits)[0].contains("sơ cứu"),
        "{:?} {:?}",
        texts(&c, &hits),
        hits.iter().map(|h| h.score).collect::<Vec<_>>()
    );
}

#[test]
fn a_typo_that_makes_another_word_is_corrected_when_nothing_else_matches() {
    let c = corpus(TEXTS);
    let index = SearchIndex::build(&c);
    // "nhat" is a word here ("nhất"), but no passage has "nguyen" and "nhat".
    let hits = search_all(&index, &c, "nguyen nhat", &Scope::All);
    assert!(!hits.is_empty() && !hits[0].exact);
    assert!(texts(&c, &hits)[0].contains("nguyên nhân"));
    // Where the words match as typed, nothing is corrected.
    let hits = search_all(&index, &c, "hap dan nhat", &Scope::All);
    assert!(!hits.is_empty() && hits.iter().all(|h| h.exact));
}

#[test]
fn a_word_nothing_resembles_does_not_stop_the_others() {
    let c = corpus(TEXTS);
    let index = SearchIndex::build(&c);
    let hits = search_all(&index, &c, "bo sung luat xqzwv", &Scope::All);
    assert!(!hits.is_empty() && !hits[0].exact);
    assert!(texts(&c, &hits)[0].contains("bổ sung luật"));
    // Alone, it finds nothing.
    assert!(search_all(&index, &c, "xqzwv", &Scope::All).is_empty());
}

#[test]
fn a_corrected_word_standing_with_its_neighbours_counts_as_typed_together() {
    let c = corpus(&[
        // The words apart, early in the passage.
        "Hội vật năm nay đông vui, sinh viên về làng xem rất nhiều.",
        // Together as typed, but late: without credit for the corrected pair it ranks
        // below the one above.
        "Ngay từ sáng sớm, trên khắp các ngả đường, đông đảo người dân và du khách thập \
         phương kéo về trẩy hội từ các xã lân cận, từ thành phố và từ các tỉnh bạn, đi \
         bộ, đi xe máy, đi ô tô, chen chúc nhau trên con đường nhỏ dẫn vào sân đấu nằm \
         giữa cánh đồng, nơi những đô vật đã chờ sẵn từ lâu. Hội vật làng Sình thu hút \
         hàng ngàn người.",
    ]);
    let index = SearchIndex::build(&c);
    let hits = search_all(&index, &c, "hoi vat lanb sinh", &Scope::All);
    assert!(
        texts(&c, &hits)[0].contains("Hội vật làng Sình"),
        "{:?}",
        texts(&c, &hits)
    );
}
