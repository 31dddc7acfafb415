//! Headings that a lost line break ends: two spaces in the raw line.

use super::*;
use crate::preprocess::normalize::normalize_with_breaks;

fn filler(n: usize) -> String {
    (0..n)
        .map(|i| format!("Câu số {i} kể rằng người dân trong vùng đã cùng nhau dọn đường làng."))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The headings of a raw body line, its double spaces kept as breaks or not.
fn headings(raw: &str, keep_breaks: bool) -> Vec<String> {
    let (text, breaks) = normalize_with_breaks(raw);
    let breaks = if keep_breaks { breaks } else { Vec::new() };
    split(&text, LineClass::Paragraph, true, &breaks)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.class == LineClass::Heading)
        .map(|p| p.text)
        .collect()
}

const FIRST: &str = "Năng lực không đáp ứng nhu cầu  Khu đô thị Linh Đàm hơn 10 năm trước còn \
                     vắng người qua lại.";
const SECOND: &str = "Không thể chậm trễ  Khi đề cập đến vấn đề này, giám đốc trung tâm cho rằng \
                      cần làm ngay.";

#[test]
fn two_breaks_after_heading_shaped_fragments_end_two_headings() {
    let raw = format!("{} {FIRST} {} {SECOND} {}", filler(4), filler(4), filler(4));
    assert_eq!(
        headings(&raw, true),
        ["Năng lực không đáp ứng nhu cầu", "Không thể chậm trễ"]
    );
    // The same words with single spaces: nothing tells where they end.
    assert!(headings(&raw, false).is_empty());
    let pieces = split(
        &normalize_with_breaks(&raw).0,
        LineClass::Paragraph,
        true,
        &normalize_with_breaks(&raw).1,
    )
    .expect("split");
    let heading = pieces
        .iter()
        .find(|p| p.class == LineClass::Heading)
        .expect("a heading");
    assert!(matches!(
        &heading.reason,
        PieceReason::BreakHeading { next, among: 2 } if next == "Khu"
    ));
}

#[test]
fn one_break_alone_is_no_evidence() {
    let raw = format!("{} {FIRST} {}", filler(4), filler(6));
    assert!(headings(&raw, true).is_empty());
}

#[test]
fn fragments_that_are_not_headings_stay_in_the_text() {
    for glued in [
        // A sentence cut where a link was lost: a comma, a word that needs the next one.
        "Ngoài ra, sản phẩm  Kaspersky Internet Security cũng đạt chứng nhận cho doanh nghiệp.",
        "Đó là đoạn hội thoại ngắn ngủi giữa  Leo Messi và huấn luyện viên của anh khi đó.",
        "Người được chọn là  Isco, cầu thủ đã chơi rất hay trong suốt mùa giải vừa qua.",
        // A label and what it names; a caption leaning on the story.
        "Biểu đồ: Finviz  Tuy nhiên đồng USD lại giảm xuống đáy của ba tháng qua.",
        "Nhưng Angie đã lột xác tài tình  Angelina trong vai điệp viên Salt lúc còn trẻ.",
    ] {
        let raw = format!(
            "{} {FIRST} {} {glued} {} {SECOND} {}",
            filler(4),
            filler(4),
            filler(4),
            filler(4)
        );
        assert_eq!(
            headings(&raw, true),
            ["Năng lực không đáp ứng nhu cầu", "Không thể chậm trễ"],
            "{glued}"
        );
    }
}
