//! Is a heading-shaped line really a heading? The shape (short, capitalised, unpunctuated)
//! is shared by photo captions, gallery lines, table cells, names under a photo and
//! sentences the scraper cut at a link. The article around the line decides: a heading
//! closes nothing, opens running text, and follows the end of a paragraph.

use super::{Classifier, Line, LineClass, LineReason};
use crate::preprocess::shapes::{ends_sentence, is_list_item, is_prose, word_count};

/// Why a heading-shaped line was not taken as a heading (shown by `inspect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotHeading {
    /// A whole sentence without its full stop (14 words or more): a photo's description.
    LongDescription,
    /// Ends on a word that cannot end a phrase ("của", "và", a comma): a cut sentence.
    CutSentence,
    /// Mostly numbers: a table row or a score line.
    TableRow,
    /// Among other unpunctuated lines (a photo gallery, a list of names).
    InARun,
    /// Right under a numbered heading, before its text: a caption or a name under a photo.
    UnderAHeading,
    /// A personal name alone: a signature or the name under a portrait.
    Name,
    /// An e-mail address or a web link.
    Contact,
    /// The only heading-shaped line the article would have: articles with sections have at
    /// least two, so a lone one is a caption or a label.
    Lone,
}

impl NotHeading {
    pub fn as_str(self) -> &'static str {
        match self {
            NotHeading::LongDescription => "not a heading: a sentence describing a photo",
            NotHeading::CutSentence => "not a heading: a cut sentence",
            NotHeading::TableRow => "not a heading: a table row",
            NotHeading::InARun => "not a heading: one of a run of unpunctuated lines",
            NotHeading::UnderAHeading => "not a heading: under a numbered heading",
            NotHeading::Name => "not a heading: a personal name",
            NotHeading::Contact => "not a heading: an address or a link",
            NotHeading::Lone => "not a heading: the only one in the article",
        }
    }

    /// What the line is instead: a description of a photo, or plain text.
    pub fn class(self, t: &str) -> LineClass {
        match self {
            NotHeading::LongDescription => LineClass::Caption,
            NotHeading::InARun | NotHeading::UnderAHeading | NotHeading::Lone
                if word_count(t) >= 4 =>
            {
                LineClass::Caption
            }
            _ => LineClass::Paragraph,
        }
    }
}

/// Words after which a phrase goes on: a line ending with one was cut.
#[rustfmt::skip]
const OPEN_ENDS: &[&str] = &[
    "của", "và", "với", "cho", "là", "thì", "mà", "những", "các", "tại", "rằng", "để", "một",
    "do", "bởi", "nhưng", "hoặc", "việc", "sự", "chí", "vì", "nếu", "trên", "tờ", "từ", "theo",
    "như", "khi", "cùng", "trong", "ở",
];

/// A sentence cut where a link was: it ends on a comma or on a word a phrase cannot end
/// with.
pub fn cut_sentence(t: &str) -> bool {
    let t = t.trim_end();
    if t.ends_with([',', '-', '–', '“']) {
        return true;
    }
    // `nhấn mạnh: "` or `các "`: a quote opened and never closed.
    if t.ends_with('"') && t.matches('"').count() % 2 == 1 {
        return true;
    }
    // "… yêu điện ảnh. Bộ phim": a sentence ended inside, the next one was cut.
    let ended_inside = t.match_indices(". ").any(|(at, _)| {
        let word = t[..at].rsplit(' ').next().unwrap_or("");
        word.chars().count() >= 3 && word.chars().all(char::is_lowercase)
    });
    if ended_inside {
        return true;
    }
    t.split_whitespace()
        .last()
        .is_some_and(|w| OPEN_ENDS.contains(&w.to_lowercase().as_str()))
}

/// A table row or score line: several tokens carry digits ("Bàn thắng 2,9 2,4",
/// "3:00 8/2 PSG - Lille"), or a unit ("VND/kg").
pub fn table_row(t: &str) -> bool {
    let tokens: Vec<&str> = t.split_whitespace().collect();
    // A leading list number ("9. Ấn Độ") is the heading's own.
    let rest = match tokens.first() {
        Some(f)
            if f.trim_end_matches(['.', ')'])
                .chars()
                .all(|c| c.is_ascii_digit()) =>
        {
            &tokens[1..]
        }
        _ => &tokens[..],
    };
    // A year names a term or an event ("Nhiệm kỳ 2015 - 2020"), not a cell.
    let year = |w: &str| w.len() == 4 && (w.starts_with("19") || w.starts_with("20"));
    let digits = rest
        .iter()
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()) && !year(w))
        .count();
    digits >= 2 && digits * 3 >= rest.len()
        || t.contains('|')
        || (tokens.len() == 1 && t.contains('/'))
}

/// An address, a link or a phone number: "Email: a@b.vn", "Hotline: 0914926900".
fn contact(t: &str) -> bool {
    let lower = t.to_lowercase();
    let phone = crate::preprocess::shapes::has_phone(t);
    t.contains('@')
        || lower.contains("http")
        || lower.contains("www.")
        || ((lower.starts_with("hotline")
            || lower.starts_with("điện thoại")
            || lower.starts_with("tel"))
            && phone)
}

fn content(l: &Line) -> bool {
    !matches!(l.class, LineClass::Blank | LineClass::Junk)
}

impl Classifier<'_> {
    /// `None` when line `i` (heading-shaped, text `t`) is a heading; else why not. A heading
    /// may open the body: the aggregator moves the lead to the end of the page.
    pub(super) fn not_heading(&self, i: usize, t: &str) -> Option<NotHeading> {
        if word_count(t) >= 14 {
            return Some(NotHeading::LongDescription);
        }
        if cut_sentence(t) {
            return Some(NotHeading::CutSentence);
        }
        if table_row(t) {
            return Some(NotHeading::TableRow);
        }
        if contact(t) {
            return Some(NotHeading::Contact);
        }
        // "Julie (trái) và Racha (phải)": who is where in a photo.
        if ["(trái)", "(phải)", "(giữa)", "(ảnh)"]
            .iter()
            .any(|p| t.contains(p))
        {
            return Some(NotHeading::LongDescription);
        }
        if crate::preprocess::meta::is_personal_name(t) {
            return Some(NotHeading::Name);
        }
        let prev = self.lines[..i].iter().rev().find(|l| content(l));
        // "“Kết đoàn”" / "." : the full stop of a sentence broken around an italic phrase.
        let next_line = self.lines[i + 1..]
            .iter()
            .find(|l| l.class != LineClass::Blank);
        if next_line.is_some_and(|l| {
            !l.text.is_empty()
                && l.text
                    .chars()
                    .all(|c| matches!(c, '.' | ',' | ';' | ')' | '…'))
        }) {
            return Some(NotHeading::CutSentence);
        }
        // A name or caption right under "1. Romelu Lukaku (Everton): 16 bàn".
        if prev.is_some_and(|p| {
            p.class == LineClass::Heading && is_list_item(&p.text) && !is_list_item(t)
        }) {
            return Some(NotHeading::UnderAHeading);
        }
        // Only what follows counts: a caption without a full stop often sits right above a
        // real heading.
        // The next line with the lines that continue it ("La La Land" / "vừa mang …").
        let next_at = (i + 1..self.lines.len()).find(|&j| content(&self.lines[j]));
        let next_runs_on = next_at.is_some_and(|j| {
            let n = &self.lines[j];
            let text = self.joined_text(j);
            !ends_sentence(&text)
                && !text.ends_with(':')
                && !is_prose(&text)
                && !is_list_item(&text)
                && word_count(&text) >= 3
                && n.class != LineClass::Caption
        });
        next_runs_on.then_some(NotHeading::InARun)
    }
}

impl Classifier<'_> {
    /// An article with one heading has none: that line is a caption or a label.
    pub(super) fn drop_lone_heading(&mut self) {
        let headings: Vec<usize> = (0..self.lines.len())
            .filter(|&i| self.lines[i].class == LineClass::Heading)
            .collect();
        if let [i] = headings[..] {
            let class = NotHeading::Lone.class(&self.lines[i].text);
            self.set(i, class, Some(LineReason::NotHeading(NotHeading::Lone)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_sentences_end_on_an_open_word() {
        assert!(cut_sentence("Ở tuổi 25, thậm chí"));
        assert!(cut_sentence("Còn facebooker Giang Nguyễn cho rằng"));
        assert!(cut_sentence("Việc"));
        assert!(cut_sentence("Theo báo cáo của"));
        assert!(cut_sentence("Luật sư Trần Thu Nam nhấn mạnh: \""));
        assert!(cut_sentence("Trả lời phỏng vấn trên tờ"));
        assert!(cut_sentence(
            "Chazelle cũng là một người yêu điện ảnh. Bộ phim"
        ));
        assert!(!cut_sentence("Bùi Văn A. Ảnh: TTXVN"));
        assert!(!cut_sentence("Bài học kinh nghiệm"));
        assert!(!cut_sentence("Nguyên nhân thứ hai"));
        assert!(!cut_sentence("Nguyên nhân của những kết quả đã đạt được"));
        assert!(!cut_sentence("Chôn ở đâu bây giờ?"));
    }

    #[test]
    fn contacts() {
        assert!(contact("Hotline: 0914926900"));
        assert!(contact("Email: sieuthi@gmail.com"));
        assert!(!contact("Tầm nhìn đến năm 2030"));
    }

    #[test]
    fn table_rows_are_mostly_numbers() {
        assert!(table_row("Bàn thắng trung bình 2,9 2,4"));
        assert!(table_row("3:00 8/2 PSG - Lille"));
        assert!(table_row("VND/kg"));
        assert!(table_row(
            "Hậu vệ trái: Patrick van Aanholt | Crystal Palace"
        ));
        assert!(!table_row("9. Ấn Độ: Món Samosas"));
        assert!(!table_row("Kết quả 5 năm thực hiện Nghị quyết"));
        assert!(!table_row("Nhiệm kỳ 2015 - 2020"));
    }
}

/// The rules on whole (hand-written) articles: what the article around a line decides.
#[cfg(test)]
mod article_tests {
    use crate::gazetteer::Gazetteer;
    use crate::preprocess::{LineClass, build_document, classify_bytes};

    fn classes(text: &str) -> Vec<(String, LineClass)> {
        classify_bytes(text.as_bytes(), Gazetteer::embedded())
            .expect("valid text")
            .into_iter()
            .filter(|l| l.class != LineClass::Blank)
            .map(|l| (l.text, l.class))
            .collect()
    }

    const PARA: &str =
        "Đây là một đoạn văn dài đủ để là văn xuôi của bài báo, có dấu chấm ở cuối câu.";

    #[test]
    fn a_stock_credit_joins_one_short_sentence_above_not_a_paragraph_or_a_heading() {
        let cls = |text: &str| {
            classes(text)
                .into_iter()
                .map(|(_, c)| c)
                .collect::<Vec<_>>()
        };
        let body = "Trường gần nhà giúp bạn tiết kiệm thời gian. Trẻ nhỏ không nên ngồi xe lâu.";
        let text = format!(
            "Chọn trường mầm non\n\n{PARA}\nChọn trường gần nhà\n{body}\nHình minh họa\n\
             Đọc kỹ thông tin của trường\n{PARA}\n"
        );
        assert_eq!(
            cls(&text),
            [
                LineClass::Title,
                LineClass::Lead,
                LineClass::Heading,
                LineClass::Paragraph,
                LineClass::Caption,
                LineClass::Heading,
                LineClass::Paragraph
            ]
        );
        // One short sentence above the credit is the photo's caption, joined to it.
        let caption = "Các em nhỏ vui chơi ở sân trường.";
        let text = format!("Chọn trường mầm non\n\n{PARA}\n{caption}\nHình minh họa\n{PARA}\n");
        let lines = classify_bytes(text.as_bytes(), Gazetteer::embedded()).expect("valid");
        let cap = lines
            .iter()
            .find(|l| l.text == caption)
            .expect("caption line");
        assert_eq!(cap.class, LineClass::Caption);
        let credit = lines
            .iter()
            .find(|l| l.text == "Hình minh họa")
            .expect("credit");
        assert!(credit.joined_to.is_some());
    }

    #[test]
    fn the_first_of_a_numbered_run_of_headings_is_a_heading_too() {
        let text = format!(
            "Đồ ăn vặt trong rạp chiếu phim\n\nMón ăn phổ biến ở các rạp chiếu phim như sau:\n\
             1. Hy Lạp: Thịt xiên nướng\n{PARA}\n2. Israel: Bánh mì\n{PARA}\n\
             3. Mexico: Món Tostilocos\n{PARA}\n"
        );
        let heads: Vec<String> = classes(&text)
            .into_iter()
            .filter(|(_, c)| *c == LineClass::Heading)
            .map(|(t, _)| t)
            .collect();
        assert_eq!(
            heads,
            [
                "1. Hy Lạp: Thịt xiên nướng",
                "2. Israel: Bánh mì",
                "3. Mexico: Món Tostilocos"
            ]
        );
        // A list of items after a colon stays a list.
        let text = format!(
            "Đồ ăn vặt\n\n{PARA}\nCác món gồm:\n1. Thịt xiên nướng\n2. Bánh mì\n3. Ô mai\n{PARA}\n"
        );
        assert!(classes(&text).iter().all(|(_, c)| *c != LineClass::Heading));
    }

    #[test]
    fn a_lone_heading_shape_is_no_heading_but_two_are() {
        let one = format!("Tiêu đề bài\n\n{PARA}\n\nQuang cảnh buổi lễ khai mạc\n\n{PARA}\n");
        assert!(!classes(&one).iter().any(|(_, c)| *c == LineClass::Heading));
        let two = format!(
            "Tiêu đề bài\n\n{PARA}\n\nKết quả nổi bật\n\n{PARA}\n\nBài học kinh nghiệm\n\n{PARA}\n"
        );
        let headings = classes(&two)
            .into_iter()
            .filter(|(_, c)| *c == LineClass::Heading)
            .count();
        assert_eq!(headings, 2);
    }

    #[test]
    fn a_subtitle_slot_only_for_a_series_kicker() {
        let caption = format!("Tiêu đề bài\n\nẢnh chụp toàn cảnh hội nghị\n\n{PARA}\n");
        let doc = build_document("a", "a", caption.as_bytes(), Gazetteer::embedded()).unwrap();
        assert_eq!(doc.document.subtitle, None);
        let series = format!("Tiêu đề bài\n\nKỳ cuối: Bài học kinh nghiệm\n\n{PARA}\n");
        let doc = build_document("a", "a", series.as_bytes(), Gazetteer::embedded()).unwrap();
        assert_eq!(
            doc.document.subtitle.as_deref(),
            Some("Kỳ cuối: Bài học kinh nghiệm")
        );
    }

    #[test]
    fn a_date_amid_the_story_is_no_publication_date() {
        let text =
            format!("Tiêu đề bài\n\n{PARA}\n\nVụ việc xảy ra lúc 7h, ngày\n8/2/2017\n\n{PARA}\n");
        let doc = build_document("a", "a", text.as_bytes(), Gazetteer::embedded()).unwrap();
        assert_eq!(doc.document.date, None);
    }

    #[test]
    fn a_credit_names_its_writer_and_theo_may_stand_alone() {
        let text = format!("Tiêu đề bài\n\n{PARA}\n\n{PARA}\n\nTheo\n\nHoàng Đan (Soha.vn)\n");
        let doc = build_document("a", "a", text.as_bytes(), Gazetteer::embedded()).unwrap();
        assert_eq!(doc.document.author.as_deref(), Some("Hoàng Đan"));
        assert_eq!(doc.document.outlet.as_deref(), Some("Soha.vn"));
    }

    #[test]
    fn the_lead_repeated_after_the_byline_is_removed_with_its_reason() {
        let text = format!(
            "Tiêu đề bài\n\n{PARA}\n\nMột đoạn khác của bài viết, cũng dài và có dấu chấm.\n\nMai Hà\n\n\n\n{PARA}\n"
        );
        let doc = build_document("a", "a", text.as_bytes(), Gazetteer::embedded()).unwrap();
        assert_eq!(doc.document.passage_count(), 2);
        assert!(
            doc.document
                .removed
                .iter()
                .any(|r| r.reason == crate::corpus::RemovalReason::RepeatedLead)
        );
    }
}
