//! Hand-written examples of each trap and piece (no text copied from an article).

use super::sentences::{boundaries, quotations, sentences};
use super::*;

fn split_sentences(t: &str) -> Vec<&str> {
    sentences(t).into_iter().map(|r| &t[r]).collect()
}

#[test]
fn sentences_do_not_end_at_abbreviations_numbers_or_initials() {
    for t in [
        "Ông A sống tại TP. Hồ Chí Minh từ lâu.",
        "Sách do Nxb. Chính trị quốc gia in.",
        "GS.TS. Nguyễn Văn B phát biểu.",
        "PGS. Trần C và ThS. Lê D cùng dự.",
        "Nhà ở Q. Bình Thạnh, P. Tân Định.",
        "Lãi suất tăng 12.5 phần trăm.",
        "Ngày 5.2.2017 có 1.000.000 người.",
        "Ông N.V.A. Cho biết thêm.",
        "Bị cáo Nguyễn V. A. (SN 1990) khai.",
        "Bà nói: “Tôi đã... Không thể quên”.",
        "Như sau: 1. Tăng cường kiểm tra.",
    ] {
        assert_eq!(split_sentences(t), [t], "{t}");
    }
}

#[test]
fn sentences_end_at_final_punctuation_and_after_closing_quotes() {
    assert_eq!(
        split_sentences("Trời mưa. Đường ngập! Ai lo? Năm 2017. 5 người chết."),
        [
            "Trời mưa.",
            "Đường ngập!",
            "Ai lo?",
            "Năm 2017.",
            "5 người chết."
        ]
    );
    assert_eq!(
        split_sentences("Ông nói: “Tốt lắm. Cứ thế.” Sau đó ông về."),
        ["Ông nói: “Tốt lắm. Cứ thế.”", "Sau đó ông về."]
    );
    assert_eq!(
        split_sentences("Xong việc./. Minh An/VOV"),
        ["Xong việc./.", "Minh An/VOV"]
    );
    assert_eq!(
        split_sentences("Về TP.HCM. Ở đó vui. Đội vào bảng A. Sau đó thắng."),
        [
            "Về TP.HCM.",
            "Ở đó vui.",
            "Đội vào bảng A.",
            "Sau đó thắng."
        ]
    );
    // A stray quote mark does not swallow the rest of the text.
    let long = format!("Anh nói “không. {} Hết.", "Câu này dài. ".repeat(200));
    assert!(split_sentences(&long).len() > 100);
    assert!(quotations("“a” và \"b\"", 100).len() == 2);
    // Quoted boundaries are kept, marked.
    let t = "Ông nói: “Một. Hai.” Ba.";
    let b = boundaries(t);
    assert_eq!(b.iter().filter(|b| b.quoted).count(), 1);
    assert_eq!(b.iter().filter(|b| !b.quoted).count(), 1);
}

#[test]
fn sentence_ranges_are_char_boundaries_on_any_text() {
    for t in [
        "",
        " ",
        ".",
        "Ả. Ấ",
        "“. ”. ”",
        "a./. Đ",
        "…… Ơ",
        "x.\u{301} Y",
        "\". \"",
    ] {
        for r in sentences(t) {
            assert!(
                t.is_char_boundary(r.start) && t.is_char_boundary(r.end),
                "{t:?}"
            );
        }
        let _ = split(t, LineClass::Paragraph, true, &[]);
    }
}

/// A body of `n` plain sentences of about 100 chars each.
fn filler(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "Câu số {i} kể về việc người dân trong vùng đã cùng nhau dọn dẹp đường làng sau \
                 trận mưa lớn."
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn pieces(t: &str) -> Vec<(LineClass, String)> {
    split(t, LineClass::Paragraph, true, &[])
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p.class, p.text))
        .collect()
}

fn of(ps: &[(LineClass, String)], class: LineClass) -> Vec<&str> {
    ps.iter()
        .filter(|(c, _)| *c == class)
        .map(|(_, t)| t.as_str())
        .collect()
}

#[test]
fn glued_captions_become_captions_with_their_credit() {
    let body = format!(
        "{} Cây đổ chắn ngang đường. Ảnh: Minh An Người dân cho biết mưa rất to. {} \
         Cảnh đường phố sau mưa (Ảnh: Lê Hà). {} Ảnh minh họa. (Nguồn: Internet) {} \
         Video: Người dân dọn cây đổ trên phố Tuy nhiên, trời vẫn mưa. {}",
        filler(4),
        filler(3),
        filler(3),
        filler(3),
        filler(3)
    );
    let ps = pieces(&body);
    assert_eq!(
        of(&ps, LineClass::Caption),
        [
            "Cây đổ chắn ngang đường. Ảnh: Minh An",
            "Cảnh đường phố sau mưa (Ảnh: Lê Hà).",
            "Ảnh minh họa. (Nguồn: Internet)",
            "Video: Người dân dọn cây đổ trên phố",
        ]
    );
    assert!(
        of(&ps, LineClass::Paragraph)
            .iter()
            .any(|p| p.starts_with("Người dân cho biết mưa rất to."))
    );
    assert!(
        of(&ps, LineClass::Paragraph)
            .iter()
            .any(|p| p.starts_with("Tuy nhiên, trời vẫn mưa."))
    );
}

#[test]
fn a_stock_caption_keeps_the_credit_after_its_colon() {
    let body = format!(
        "{} Ảnh minh họa: Nam Thái/TTXVN. {} Ảnh minh họa: Internet Người dân cho biết mưa \
         rất to. {} Ảnh minh họa: Một cây đổ trên phố Huế năm 2015. Ảnh: Reuters. {}",
        filler(3),
        filler(3),
        filler(3),
        filler(3)
    );
    let ps = pieces(&body);
    let captions = of(&ps, LineClass::Caption);
    assert!(
        captions.contains(&"Ảnh minh họa: Nam Thái/TTXVN."),
        "{captions:?}"
    );
    assert!(captions.contains(&"Ảnh minh họa: Internet"), "{captions:?}");
    // The caption's own sentence after the colon is no credit's name.
    assert!(
        !captions.iter().any(|c| c.ends_with(": Một")),
        "{captions:?}"
    );
    let paragraphs = of(&ps, LineClass::Paragraph);
    assert!(
        paragraphs
            .iter()
            .any(|p| p.starts_with("Người dân cho biết mưa rất to.")),
        "{paragraphs:?}"
    );
    assert!(
        !paragraphs.iter().any(|p| p.starts_with(':')),
        "{paragraphs:?}"
    );
}

#[test]
fn closing_byline_and_source_are_split_off() {
    for (tail, class, text) in [
        ("Văn Sơn (TTXVN)", LineClass::Byline, "Văn Sơn (TTXVN)"),
        (
            "Theo Thân Hoàng/Tuổi Trẻ",
            LineClass::OutletTag,
            "Theo Thân Hoàng/Tuổi Trẻ",
        ),
        ("Nguồn: Dân trí", LineClass::OutletTag, "Nguồn: Dân trí"),
        ("Thu Hà", LineClass::Byline, "Thu Hà"),
    ] {
        let body = format!("{} {tail}", filler(8));
        let ps = pieces(&body);
        assert_eq!(ps.last(), Some(&(class, text.to_string())), "{tail}");
    }
    // Glued to the last sentence without a dot.
    let body = format!("{} Nguyên nhân đang được làm rõ Hoàng Minh", filler(8));
    assert_eq!(
        pieces(&body).last(),
        Some(&(LineClass::Byline, "Hoàng Minh".to_string()))
    );
    // After a table's last cell: a writer with the outlet after a slash.
    let body = format!(
        "{} Lịch thi đấu: 18:00 U20 Nhật Bản vs U20 Iran Hoàng Yến/VOV.VN",
        filler(8)
    );
    assert_eq!(
        pieces(&body).last(),
        Some(&(LineClass::Byline, "Hoàng Yến/VOV.VN".to_string()))
    );
    // A name glued after a lowercase word, with a note in brackets.
    let body = format!(
        "{} Cây trồng bị thiệt hại nặng Quốc Văn (Dailymail)",
        filler(8)
    );
    assert_eq!(
        pieces(&body).last(),
        Some(&(LineClass::Byline, "Quốc Văn (Dailymail)".to_string()))
    );
    let body = format!("{} Đội tuyển thắng Iran Hoàng Yến", filler(8));
    assert!(of(&pieces(&body), LineClass::Byline).is_empty());
    // A sentence ending the text is no byline.
    let body = format!("{} Mọi việc đã ổn.", filler(8));
    assert!(of(&pieces(&body), LineClass::Byline).is_empty());
    // The writer, then the photos' credit: closing credits, not a caption.
    for (tail, credit, class) in [
        (
            "Hoàng Cường Ảnh: Paultan",
            "Ảnh: Paultan",
            LineClass::Byline,
        ),
        (
            "Phương Đặng (Ảnh: Reuters)",
            "(Ảnh: Reuters)",
            LineClass::Byline,
        ),
        (
            "Song Hy (Nguồn: Sputnik)",
            "(Nguồn: Sputnik)",
            LineClass::OutletTag,
        ),
    ] {
        let body = format!("{} {tail}", filler(8));
        let ps = pieces(&body);
        let name = tail.split(" Ả").next().unwrap().split(" (").next().unwrap();
        assert!(of(&ps, LineClass::Caption).is_empty(), "{tail}: {ps:?}");
        assert!(of(&ps, LineClass::Byline).contains(&name), "{tail}: {ps:?}");
        assert_eq!(ps.last(), Some(&(class, credit.to_string())), "{tail}");
    }
    // A caption's credit ending the text still credits the sentence before it.
    let body = format!("{} Người dân dọn cây đổ trên phố. Ảnh: Minh An", filler(8));
    assert_eq!(
        of(&pieces(&body), LineClass::Caption),
        ["Người dân dọn cây đổ trên phố. Ảnh: Minh An"]
    );
}

#[test]
fn a_heading_may_set_a_few_words_in_quotes() {
    let body = format!(
        "{} Thiên đường của dân “cá mưa” Những cửa hàng này cho biết khách đã giảm một nửa. {}",
        filler(5),
        filler(5)
    );
    assert_eq!(
        of(&pieces(&body), LineClass::Heading),
        ["Thiên đường của dân “cá mưa”"]
    );
    for glued in [
        // Speech, a long quotation, a clause going on after the quote.
        "“Chúng tôi đã làm hết sức” Những người dân cho biết họ vẫn chờ hỗ trợ thêm.",
        "Ông nói “chúng tôi đã làm hết sức mình rồi” Những người dân vẫn chờ hỗ trợ thêm.",
        "Tưởng con bị “ma ám”, mẹ đi cúng Những người dân cho biết họ vẫn chờ hỗ trợ.",
    ] {
        let body = format!("{} {glued} {}", filler(5), filler(5));
        assert!(of(&pieces(&body), LineClass::Heading).is_empty(), "{glued}");
    }
}

#[test]
fn inline_headings_only_in_the_unambiguous_shape() {
    let body = format!(
        "{} Dạy thêm để kiếm sống Những giáo viên này cho biết họ vẫn dạy đủ giờ. {}",
        filler(5),
        filler(5)
    );
    let ps = pieces(&body);
    assert_eq!(of(&ps, LineClass::Heading), ["Dạy thêm để kiếm sống"]);
    assert!(
        of(&ps, LineClass::Paragraph)
            .iter()
            .any(|p| p.starts_with("Những giáo viên này"))
    );
    // Not: a place name, a comma, a caption naming someone, a dangling preposition.
    for glued in [
        "Ban chỉ huy quân sự huyện Tuy Đức cũng tham gia dọn dẹp cùng dân.",
        "Vẫn chưa hết giận, Sau đó anh ta quay lại đập phá nhà cửa.",
        "Cháu Hưng được điều trị Theo bác sĩ, cháu đã qua cơn nguy kịch.",
        "Tội này được quy định tại Điều 99 của bộ luật hình sự năm cũ.",
    ] {
        let body = format!("{} {glued} {}", filler(5), filler(5));
        assert!(of(&pieces(&body), LineClass::Heading).is_empty(), "{glued}");
    }
}

#[test]
fn paragraphs_are_cut_to_size_at_sentence_ends() {
    let body = filler(60);
    let ps = pieces(&body);
    assert!(ps.len() >= 6);
    for (class, text) in &ps {
        assert_eq!(*class, LineClass::Paragraph);
        let n = text.chars().count();
        assert!((250..=1500).contains(&n), "{n}: {text}");
        assert!(text.ends_with('.'));
    }
    // Deterministic, and every char of the line is in a piece, in order.
    assert_eq!(pieces(&body), ps);
    let joined: Vec<&str> = ps.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(joined.join(" "), body);
}

#[test]
fn a_lead_line_keeps_its_first_paragraph_as_the_lead() {
    let body = format!("{} Thu Hà", filler(30));
    let ps = split(&body, LineClass::Lead, true, &[]).expect("split");
    assert_eq!(ps[0].class, LineClass::Lead);
    assert!(ps[1..].iter().all(|p| p.class != LineClass::Lead));
}

#[test]
fn real_paragraphs_are_left_alone() {
    // Short, or long but among other paragraphs, with a credit: not flattened.
    let t = format!("{} Ảnh: Minh An", filler(8));
    assert!(split(&t, LineClass::Paragraph, false, &[]).is_none());
    assert!(split(&filler(2), LineClass::Paragraph, true, &[]).is_none());
    assert!(split(&filler(14), LineClass::Paragraph, true, &[]).is_none());
    assert!(split(&filler(14), LineClass::Paragraph, false, &[]).is_none());
    // Longer than any paragraph: flattened wherever it stands.
    assert!(split(&filler(30), LineClass::Paragraph, false, &[]).is_some());
}

#[test]
fn expand_gives_one_line_per_piece_with_the_raw_number() {
    let mut lines = vec![
        Line {
            number: 1,
            text: "Tiêu đề".into(),
            class: LineClass::Title,
            reason: None,
            joined_to: None,
            pieces: Vec::new(),
            breaks: Vec::new(),
        },
        Line {
            number: 2,
            text: format!("{} Thu Hà", filler(30)),
            class: LineClass::Paragraph,
            reason: None,
            joined_to: None,
            pieces: Vec::new(),
            breaks: Vec::new(),
        },
    ];
    split_flattened(&mut lines);
    assert!(matches!(
        lines[1].reason,
        Some(LineReason::Flattened { .. })
    ));
    let n = lines[1].pieces.len();
    let expanded = expand(&lines);
    assert_eq!(expanded.len(), 1 + n);
    assert!(expanded[1..].iter().all(|l| l.number == 2));
    assert_eq!(expanded.last().map(|l| l.class), Some(LineClass::Byline));
}

#[test]
fn related_links_between_sentences_are_cut_out() {
    assert_eq!(
        super::marks::related_link_len("[Cựu Thủ tướng Đức đã từ trần ở tuổi 87] Ông Kohl là", 0),
        Some("[Cựu Thủ tướng Đức đã từ trần ở tuổi 87]".len())
    );
    assert_eq!(
        super::marks::related_link_len(
            "» Xứng đáng là quê hương 'Nghĩa trọng tình cao' Trường đoạn 3",
            0
        ),
        Some("» Xứng đáng là quê hương 'Nghĩa trọng tình cao'".len())
    );
    // No sure end: the text stays.
    assert_eq!(
        super::marks::related_link_len("» Một tin khác không có dấu kết thúc rõ ràng", 0),
        None
    );
    assert_eq!(super::marks::related_link_len("[1] Theo báo cáo.", 0), None);
    let links = "Tin liên quan Bộ đôi Hữu Thắng chưa chắc là phép cộng Công Phượng vẫn hot";
    assert_eq!(
        super::marks::related_link_len(links, links.len()),
        Some(links.len())
    );
    let more = ">> Xem thêm: Ý kiến chuyên gia tâm lý về vụ bạo hành trẻ em";
    assert_eq!(
        super::marks::related_link_len(more, more.len()),
        Some(more.len())
    );
    // Prose that starts with the same words stays.
    let prose = "Tin liên quan đến vụ việc đã được công bố.";
    assert_eq!(super::marks::related_link_len(prose, prose.len()), None);
}

/// Two fragments of the loose heading shape, and a sentence writing "vị" and "người"
/// lowercase (so that "Vị", "Người" open sentences here, not names).
const LOOSE_A: &str = "Phớt lờ mối đe dọa Vị tổng thống vốn dành nhiều tâm sức cho việc khác.";
const LOOSE_B: &str = "Thất bại của tiến trình hòa bình Người dân ở đây đã chờ đợi nhiều năm.";
const LOWER: &str = "Một vị tướng cho biết người dân đã trở về nhà.";

/// A body with one loose heading (`LOOSE_A`) for evidence, then `piece` among fillers.
fn with_evidence(piece: &str) -> String {
    format!(
        "{} {LOWER} {LOOSE_A} {} {piece} {}",
        filler(6),
        filler(6),
        filler(6)
    )
}

#[test]
fn a_lowercase_word_after_a_common_opener_is_enough() {
    // "quay" is written lowercase nowhere else in the body.
    let body = with_evidence(
        "Năng suất là yếu tố then chốt Quay lại câu hỏi của báo cáo, các chuyên gia chỉ ra \
         nhiều điều.",
    );
    assert!(
        of(&pieces(&body), LineClass::Heading).contains(&"Năng suất là yếu tố then chốt"),
        "{:?}",
        pieces(&body)
    );
}

#[test]
fn loose_headings_count_only_with_a_second_heading() {
    let body = format!(
        "{} {LOWER} {LOOSE_A} {} {LOOSE_B} {}",
        filler(6),
        filler(6),
        filler(6)
    );
    let ps = pieces(&body);
    assert_eq!(
        of(&ps, LineClass::Heading),
        ["Phớt lờ mối đe dọa", "Thất bại của tiến trình hòa bình"]
    );
    assert!(
        of(&ps, LineClass::Paragraph)
            .iter()
            .any(|p| p.starts_with("Vị tổng thống"))
    );
    // Alone, the same fragment stays in its paragraph.
    let body = format!("{} {LOWER} {LOOSE_A} {}", filler(8), filler(8));
    assert!(of(&pieces(&body), LineClass::Heading).is_empty());
    // A quotation may be a heading; a heading may end in a name before a word of grammar.
    let body = format!(
        "{} {LOWER} 'Tôi sẽ về quê ăn Tết' Ông Ba kể lại chuyện năm xưa với ông bà. {} \
         Nhóm Maute mở rộng ở Đông Nam Á Việc chiếm thành phố gây lo ngại cho cả vùng. {}",
        filler(6),
        filler(6),
        filler(6)
    );
    assert_eq!(
        of(&pieces(&body), LineClass::Heading),
        ["'Tôi sẽ về quê ăn Tết'", "Nhóm Maute mở rộng ở Đông Nam Á"]
    );
}

#[test]
fn a_loose_heading_runs_to_thirteen_words_not_more() {
    // 13 words: a heading of a news site, with others in the body as evidence.
    let long = "Lấy đất sân golf để mở rộng sân bay là cách tốt nhất";
    let body = format!(
        "{} {LOWER} {LOOSE_A} {} {long} Theo các chuyên gia, phương án này đỡ tốn kém nhất. {} \
         {LOOSE_B} {}",
        filler(6),
        filler(6),
        filler(6),
        filler(6)
    );
    let heads = [
        "Phớt lờ mối đe dọa",
        long,
        "Thất bại của tiến trình hòa bình",
    ];
    assert_eq!(of(&pieces(&body), LineClass::Heading), heads);
    // 14 words: a sentence that lost its comma, not a heading.
    let longer = format!("{long} nay");
    let body = body.replace(long, &longer);
    assert_eq!(of(&pieces(&body), LineClass::Heading), [heads[0], heads[2]]);
}

#[test]
fn loose_headings_are_not_names_or_captions() {
    for trap in [
        // "Ba Vì" is a place: after a capital only a word of grammar opens a sentence.
        "Trách nhiệm không của riêng ai Ba Vì xanh sạch đẹp là nhờ mọi người góp sức.",
        // Two people, then what they do: a photo whose credit is missing.
        "Hòa Minzy và Jun diễn xuất đáng yêu Người xem vỗ tay rất lâu sau tiết mục.",
        // A name of lowercase words after a capital goes on: "Học viện An ninh Nhân dân".
        "Điểm chuẩn của Viện An ninh Người dùng năm nay cao nhất trong các trường.",
        // A title and a name alone: the name under a portrait.
        "Đại biểu Quốc hội Trần Văn Ba Theo ông, các câu hỏi đều đã được trả lời rõ.",
        // A shrine's name: "chùa Bà".
        "Lễ hội chính của chùa Bà diễn ra vào rằm tháng Giêng hằng năm ở đây.",
        // A signature's initials glued before the next sentence.
        "B.M. Quy hoạch kho số viễn thông Theo Cục Viễn thông, kho số đã dùng gần hết.",
        // A portrait's caption: a name and an age.
        "Tiền đạo Alice Brown năm 13 tuổi Người hâm mộ đã theo dõi cô từ nhiều năm.",
        // A weekday: "hôm thứ Năm".
        "Cầu thủ này đã ký hợp đồng hôm thứ Năm vừa qua với mức lương rất cao.",
        // A name before a number: "bị cáo Ba 20 năm tù".
        "Hội đồng xét xử tuyên bị cáo Ba 20 năm tù về tội giết người và bồi thường.",
    ] {
        let body = format!(
            "{} {LOWER} {LOOSE_A} {} {trap} {} {LOOSE_B} {}",
            filler(5),
            filler(5),
            filler(5),
            filler(5)
        );
        assert_eq!(
            of(&pieces(&body), LineClass::Heading),
            ["Phớt lờ mối đe dọa", "Thất bại của tiến trình hòa bình"],
            "{trap}"
        );
    }
}

#[test]
fn a_related_link_glued_before_a_caption_is_junk() {
    let t = format!(
        "{} » Lễ hội làng chài 'Biển gọi' Người dân rước kiệu ra bến sông. Ảnh: Thu Hà {}",
        filler(3),
        filler(12)
    );
    let ps = pieces(&t);
    assert_eq!(of(&ps, LineClass::Junk), ["» Lễ hội làng chài 'Biển gọi'"]);
    assert_eq!(
        of(&ps, LineClass::Caption),
        ["Người dân rước kiệu ra bến sông. Ảnh: Thu Hà"]
    );
}

fn body_line(number: usize, text: &str, class: LineClass) -> Line {
    Line {
        number,
        text: text.into(),
        class,
        reason: None,
        joined_to: None,
        pieces: Vec::new(),
        breaks: Vec::new(),
    }
}

#[test]
fn a_short_body_keeps_its_signature_apart() {
    // Too short to be a flattened body, but its last sentence is the signature.
    let mut lines = vec![
        body_line(1, "Tiêu đề", LineClass::Title),
        body_line(2, &filler(2), LineClass::Lead),
        body_line(3, &format!("{} Khánh Vũ", filler(1)), LineClass::Paragraph),
    ];
    split_flattened(&mut lines);
    assert!(lines[1].pieces.is_empty());
    let got: Vec<(LineClass, &str)> = lines[2]
        .pieces
        .iter()
        .map(|p| (p.class, p.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (LineClass::Paragraph, filler(1).as_str()),
            (LineClass::Byline, "Khánh Vũ")
        ]
    );
    // Without a full stop before it, a run of capitalised words ends a caption or a list.
    let mut lines = vec![
        body_line(1, "Tiêu đề", LineClass::Title),
        body_line(
            2,
            "Người dân mua cá lóc về cúng. Hoa quả đắt khách ngày Thần Tài",
            LineClass::Lead,
        ),
    ];
    split_flattened(&mut lines);
    assert!(lines[1].pieces.is_empty());
}

#[test]
fn a_site_promo_glued_to_the_last_line_is_junk_and_the_signature_stays() {
    let promo = "Báo Gia đình và Xã hội cập nhật tin tức trong ngày liên tục, mới nhất";
    let mut lines = vec![
        body_line(1, "Tiêu đề", LineClass::Title),
        body_line(2, &filler(2), LineClass::Lead),
        body_line(
            3,
            &format!("{} Chu Phương {promo}", filler(1)),
            LineClass::Paragraph,
        ),
    ];
    split_flattened(&mut lines);
    let got: Vec<(LineClass, &str)> = lines[2]
        .pieces
        .iter()
        .map(|p| (p.class, p.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (LineClass::Paragraph, filler(1).as_str()),
            (LineClass::Byline, "Chu Phương"),
            (LineClass::Junk, promo),
        ]
    );
    let expanded = expand(&lines);
    assert!(matches!(
        &expanded.last().expect("lines").reason,
        Some(LineReason::Removed(crate::corpus::RemovalReason::SitePromo))
    ));
    // The outlet named in the story's last sentence is no promo; only the tail is.
    let said = "Báo Gia đình & Xã hội sẽ thông tin đến độc giả trong những bài viết sau!";
    let mut lines = vec![
        body_line(1, "Tiêu đề", LineClass::Title),
        body_line(
            2,
            &format!("{} {said} Cao Tuân {promo}", filler(1)),
            LineClass::Lead,
        ),
    ];
    split_flattened(&mut lines);
    let junk: Vec<&str> = lines[1]
        .pieces
        .iter()
        .filter(|p| p.class == LineClass::Junk)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(junk, [promo]);
    // A promo alone in mid-body is left to the line rules; one inside a body is not cut.
    let mut lines = vec![
        body_line(1, "Tiêu đề", LineClass::Title),
        body_line(
            2,
            &format!("{} {promo}. {}", filler(1), filler(1)),
            LineClass::Lead,
        ),
    ];
    split_flattened(&mut lines);
    assert!(lines[1].pieces.iter().all(|p| p.class != LineClass::Junk));
}

#[test]
fn a_heading_the_next_sentence_echoes_is_cut_at_the_echo() {
    // A number or two words echoed: sure alone.
    let body = format!(
        "{} 3. Hàu Hàu là một loại hải sản giàu kẽm cho nam giới. {}",
        filler(6),
        filler(6)
    );
    let ps = pieces(&body);
    assert_eq!(of(&ps, LineClass::Heading), ["3. Hàu"]);
    assert!(
        of(&ps, LineClass::Paragraph)
            .iter()
            .any(|p| p.starts_with("Hàu là một loại"))
    );
    // One word without a number may be a doubled name ("Băng Băng"): only with another
    // heading in the body.
    let bingbing = "Băng Băng tiết lộ cô đã chuẩn bị cho vai diễn này rất lâu.";
    let body = format!("{} {bingbing} {}", filler(6), filler(6));
    assert!(of(&pieces(&body), LineClass::Heading).is_empty());
    let body = format!(
        "{} Bưởi Bưởi không chỉ giúp bạn giảm cân mà còn đẹp da. {} \
         Đu đủ Đu đủ chứa nhiều vitamin A và vitamin E. {}",
        filler(6),
        filler(6),
        filler(6)
    );
    assert_eq!(of(&pieces(&body), LineClass::Heading), ["Bưởi", "Đu đủ"]);
    // The word doubled in mid-sentence too is a doubled name, whatever else the body has.
    let body = format!(
        "{} Bưởi Bưởi không chỉ giúp bạn giảm cân mà còn đẹp da. {} {bingbing} {} \
         Đu đủ Đu đủ chứa nhiều vitamin A và vitamin E. Hôm qua, Băng Băng và bạn trai đã đi \
         xem phim ở trung tâm thành phố. {}",
        filler(6),
        filler(6),
        filler(6),
        filler(6)
    );
    assert_eq!(of(&pieces(&body), LineClass::Heading), ["Bưởi", "Đu đủ"]);
}

#[test]
fn a_numbered_line_opening_with_a_heading_gives_a_paragraph_not_a_list_item() {
    let body = format!(
        "1. Thái Lan Thái Lan thu hút du khách nhờ giàu văn hóa và nhiều cảnh đẹp. {}",
        filler(8)
    );
    let ps = split(&body, LineClass::ListItem, true, &[]).expect("split");
    assert_eq!(ps[0].class, LineClass::Heading);
    assert_eq!(ps[0].text, "1. Thái Lan");
    assert_eq!(ps[1].class, LineClass::Paragraph);
    assert!(ps[1].text.starts_with("Thái Lan thu hút"));
}

#[test]
fn an_items_number_may_open_an_inline_heading() {
    let body = format!(
        "{} 3. Ăn chậm nhai kỹ Khi ăn chậm, dạ dày có thời gian báo cho não biết đã no. {}",
        filler(6),
        filler(6)
    );
    let ps = pieces(&body);
    assert_eq!(of(&ps, LineClass::Heading), ["3. Ăn chậm nhai kỹ"]);
    // A number before a sentence with its full stops is still running text.
    let body = format!(
        "{} 3. Ăn chậm, nhai kỹ. Khi ăn chậm, dạ dày có thời gian báo cho não. {}",
        filler(6),
        filler(6)
    );
    assert!(of(&pieces(&body), LineClass::Heading).is_empty());
}

#[test]
fn a_loose_heading_may_open_with_an_opener_that_is_also_a_name() {
    // "Thời", "Có", "Năm" open sentences and headings alike; the heading shape decides.
    let head = "Thời gian của một hơi thở";
    let body = with_evidence(&format!(
        "{head} Đây là một điều mà ai cũng cần phải biết rõ."
    ));
    assert_eq!(
        of(&pieces(&body), LineClass::Heading),
        ["Phớt lờ mối đe dọa", head]
    );
}

/// The junk pieces of a flattened last body line `text`.
fn junk_of_last_line(text: &str) -> Vec<String> {
    let mut lines = vec![
        body_line(1, "Tiêu đề", LineClass::Title),
        body_line(2, &filler(2), LineClass::Lead),
        body_line(3, text, LineClass::Paragraph),
    ];
    split_flattened(&mut lines);
    lines[2]
        .pieces
        .iter()
        .filter(|p| p.class == LineClass::Junk)
        .map(|p| p.text.clone())
        .collect()
}

#[test]
fn a_call_on_readers_with_the_sites_address_ending_the_body_is_junk() {
    let call = "Mọi phản ánh, ý kiến, thông tin nóng, bài vở cộng tác của độc giả có thể gửi cho \
                chúng tôi theo địa chỉ: Email: banbientap@example.vn Hotline: 0914926900";
    // After a related headline glued without a full stop, as the pages have it.
    let text = format!("{} Mẹo trang trí nhà đón Tết {call}", filler(1));
    assert_eq!(junk_of_last_line(&text), [call]);
    // A police appeal with its phone numbers is the story.
    let appeal = "Mọi thông tin về đối tượng truy nã đề nghị người dân cung cấp cho Công an \
                  tỉnh, số điện thoại 0914383973.";
    assert!(junk_of_last_line(&format!("{} {appeal}", filler(1))).is_empty());
    // A signature and the writers' bio after the address stay, and so does the call.
    let bio = "Mọi ý kiến đóng góp xin gửi về địa chỉ email: tac.gia@example.vn. Nguyễn Xuân \
               Hải - Trần Liên Phương (*) Nguyễn Xuân Hải là giáo sư dự khuyết tại một đại học \
               lớn, chuyên về kinh tế học phát triển.";
    assert!(junk_of_last_line(&format!("{} {bio}", filler(1))).is_empty());
}

#[test]
fn a_known_outlet_after_a_lowercase_theo_ends_the_body_as_its_credit() {
    let body = format!(
        "{} Toàn bộ lời xin lỗi được đăng tải trên Youtube theo Trí Thức Trẻ",
        filler(8)
    );
    let ps = pieces(&body);
    assert_eq!(of(&ps, LineClass::OutletTag), ["theo Trí Thức Trẻ"]);
    // Any other body after "theo" is the end of a sentence.
    let body = format!("{} Số ca mắc mới đã giảm theo Bộ Y tế", filler(8));
    assert!(of(&pieces(&body), LineClass::OutletTag).is_empty());
}

#[test]
fn a_loose_heading_may_list_things_with_a_comma() {
    let head = "Đạo đức, năng lực giáo viên yếu kém";
    let body = with_evidence(&format!(
        "{head} Những câu chuyện này khiến phụ huynh rất lo lắng."
    ));
    assert_eq!(
        of(&pieces(&body), LineClass::Heading),
        ["Phớt lờ mối đe dọa", head]
    );
    // A name then its role is a portrait's caption; a connective opens a sentence.
    for trap in [
        "James Clapper, cựu giám đốc tình báo Theo ông, các câu hỏi đều đã được trả lời.",
        "Cụ thể, khoản một Điều này quy định rõ mức phạt cho từng hành vi vi phạm.",
    ] {
        let body = with_evidence(trap);
        assert!(
            !of(&pieces(&body), LineClass::Heading)
                .iter()
                .any(|h| trap.starts_with(h)),
            "{trap}"
        );
    }
}

#[test]
fn a_loose_heading_may_end_in_a_phrase_in_scare_quotes() {
    let head = "Ở nhà thuê, để tiền tặng xe cho “người dưng”";
    let body = with_evidence(&format!(
        "{head} Khi được hỏi về mái nhà, anh chỉ tay lên gác lửng phía trên tiệm."
    ));
    assert_eq!(
        of(&pieces(&body), LineClass::Heading),
        ["Phớt lờ mối đe dọa", head]
    );
    // A quotation that runs long is speech, not a heading's phrase.
    let speech = "Anh nói rằng “tôi chỉ làm việc mình thấy là đúng thôi” Khi được hỏi về mái nhà, \
                  anh chỉ tay lên gác.";
    let body = with_evidence(speech);
    assert!(
        !of(&pieces(&body), LineClass::Heading)
            .iter()
            .any(|h| h.starts_with("Anh nói")),
        "{:?}",
        pieces(&body)
    );
}

#[test]
fn ngay_opens_a_sentence_after_a_loose_heading() {
    let head = "Hàng trăm chiếc xe được gửi đến người nghèo";
    let body = with_evidence(&format!(
        "{head} Ngay từ đầu đường, hỏi thăm anh sửa xe thì hầu như ai cũng biết."
    ));
    assert_eq!(
        of(&pieces(&body), LineClass::Heading),
        ["Phớt lờ mối đe dọa", head]
    );
}
