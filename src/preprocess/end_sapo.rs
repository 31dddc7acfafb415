//! The sapo printed last: aggregator pages move the summary under the title to the very end,
//! after the byline and a gap of blank lines (3,679 of the 3,718 real articles end that way).
//! Read in file order it would be the last paragraph of the last section, under a heading it
//! has nothing to do with, while the first paragraph of the body passed for the lead. It is
//! put back where a reader meets it: first, as the lead.

use crate::corpus::{Document, PassageKind, Section};

use super::classify::{Line, LineClass, LineReason};
use super::shapes;

/// Fewest blank lines between the body and a sapo moved to the end.
const GAP: usize = 3;

/// The line number of a sapo moved to the end: the last line of text, alone after at least
/// [`GAP`] blank lines, running text (a link list or a credit is not a summary).
pub(super) fn line(lines: &[Line]) -> Option<usize> {
    let last = lines
        .iter()
        .rposition(|l| !matches!(l.class, LineClass::Blank | LineClass::Junk))?;
    let l = &lines[last];
    let gap = lines[..last]
        .iter()
        .rev()
        .take_while(|p| p.class == LineClass::Blank)
        .count();
    let body_before = lines[..last - gap].iter().any(|p| {
        !matches!(
            p.class,
            LineClass::Blank | LineClass::Junk | LineClass::Title
        )
    });
    // The gap must stand out: some pages put three blank lines between all paragraphs.
    let mut run = 0;
    let mut widest = 0;
    for p in &lines[..last - gap] {
        if p.class == LineClass::Blank {
            run += 1;
        } else {
            widest = widest.max(run);
            run = 0;
        }
    }
    (matches!(l.class, LineClass::Paragraph | LineClass::Lead)
        && l.joined_to.is_none()
        && l.pieces.is_empty()
        && gap >= GAP
        && gap > widest
        && body_before
        && shapes::is_prose(&l.text))
    .then_some(l.number)
}

/// Move the passage of line `number` (when it is still the last passage: a copy of the lead
/// is removed before) to the front as the lead; a passage taken for the lead by its place
/// becomes a paragraph. A new unheaded first section holds it when the body opens with a
/// heading; `openers` (one per section) gets its entry. True when it moved.
pub(super) fn lift(doc: &mut Document, openers: &mut Vec<Option<usize>>, number: usize) -> bool {
    let Some(section) = doc.sections.last_mut() else {
        return false;
    };
    // Never empty a section: the outline counts on each having text.
    if section.passages.len() < 2 || section.passages.last().is_none_or(|p| p.line != number) {
        return false;
    }
    let Some(mut sapo) = section.passages.pop() else {
        return false;
    };
    for p in doc.sections.iter_mut().flat_map(|s| s.passages.iter_mut()) {
        if p.kind == PassageKind::Lead {
            p.kind = PassageKind::Paragraph;
        }
    }
    sapo.kind = PassageKind::Lead;
    if doc.sections[0].heading.is_some() {
        doc.sections.insert(
            0,
            Section {
                heading: None,
                locality: None,
                passages: Vec::new(),
            },
        );
        openers.insert(0, None);
    }
    doc.sections[0].passages.insert(0, sapo);
    true
}

/// The classes `inspect` shows, to match: the sapo's line is the lead, with the reason; a
/// line taken for the lead by its place (and the lines joined to it) a paragraph.
pub(super) fn mark(lines: &mut [Line], number: usize) {
    let leads: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].class == LineClass::Lead)
        .collect();
    for l in lines.iter_mut() {
        if l.class == LineClass::Lead || l.joined_to.is_some_and(|j| leads.contains(&j)) {
            l.class = LineClass::Paragraph;
        }
        if l.number == number {
            l.class = LineClass::Lead;
            l.reason = Some(LineReason::EndSapo);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::{PassageKind, RemovalReason};
    use crate::gazetteer::Gazetteer;
    use crate::preprocess::{LineClass, LineReason, build_document};

    const SAPO: &str =
        "Sau những ngày Tết ăn uống thả phanh, nhiều người tăng cân và thấy nặng bụng.";
    const FIRST: &str = "Cơ thể vốn có chế độ thanh lọc tự nhiên và liên tục suốt cả năm qua.";

    fn last_passage(d: &crate::corpus::Document) -> &crate::corpus::Passage {
        d.passages().last().expect("text")
    }

    fn build(text: &str) -> crate::preprocess::Article {
        build_document("a", "a.txt", text.as_bytes(), Gazetteer::embedded()).expect("builds")
    }

    fn page(gap: &str, before_heading: bool) -> String {
        let opening = if before_heading { "Gạo lứt\n" } else { "" };
        format!(
            "Những cách giải độc cơ thể sau Tết\n\n{opening}{FIRST}\nĐậu lăng\n\
             Đậu lăng giúp thanh lọc cơ thể nhờ chứa nhiều chất xơ hữu ích cho đường ruột.\n\
             Minh Anh\n{gap}{SAPO}\n"
        )
    }

    #[test]
    fn the_sapo_printed_last_after_a_gap_is_read_first_as_the_lead() {
        let a = build(&page("\n\n\n", false));
        let d = &a.document;
        let first = &d.sections[0].passages[0];
        assert_eq!((first.kind, first.text.as_str()), (PassageKind::Lead, SAPO));
        assert_eq!(first.line, 10, "the passage keeps its line in the file");
        let was_lead = &d.sections[0].passages[1];
        assert_eq!(
            (was_lead.kind, was_lead.text.as_str()),
            (PassageKind::Paragraph, FIRST)
        );
        // Not left under the last heading.
        let last = last_passage(d);
        assert_ne!(last.text, SAPO);
        let line = a.lines.iter().find(|l| l.number == 10).expect("line 10");
        assert_eq!(line.class, LineClass::Lead);
        assert!(matches!(line.reason, Some(LineReason::EndSapo)));
        let line3 = a.lines.iter().find(|l| l.number == 3).expect("line 3");
        assert_eq!(line3.class, LineClass::Paragraph);
    }

    #[test]
    fn the_outlet_tag_opening_a_sapo_printed_last_names_the_outlet() {
        let tagged = format!("(Baonghean) - {SAPO}");
        let d = build(&page("\n\n\n", false).replace(SAPO, &tagged)).document;
        assert_eq!(d.sections[0].passages[0].text, tagged);
        assert_eq!(d.outlet.as_deref(), Some("Baonghean"));
    }

    #[test]
    fn a_body_opening_with_a_heading_gets_an_unheaded_first_section_for_the_sapo() {
        let d = build(&page("\n\n\n", true)).document;
        assert_eq!(d.sections[0].heading, None);
        assert_eq!(d.sections[0].passages.len(), 1);
        assert_eq!(d.sections[0].passages[0].text, SAPO);
        assert_eq!(d.sections[1].heading.as_deref(), Some("Gạo lứt"));
    }

    #[test]
    fn a_gap_no_wider_than_the_others_or_too_narrow_moves_nothing() {
        // One blank line only.
        let d = build(&page("\n", false)).document;
        assert_eq!(d.sections[0].passages[0].text, FIRST);
        // Three blank lines between every paragraph: the last one is just the last.
        let spread = page("", false).replace('\n', "\n\n\n\n");
        let d = build(&spread).document;
        let last = last_passage(&d);
        assert_eq!(last.text, SAPO);
        assert_ne!(d.sections[0].passages[0].text, SAPO);
    }

    #[test]
    fn a_copy_of_the_first_paragraph_is_still_removed_and_the_first_stays_the_lead() {
        let text = page("\n\n\n", false).replace(SAPO, FIRST);
        let d = build(&text).document;
        let first = &d.sections[0].passages[0];
        assert_eq!(
            (first.kind, first.text.as_str()),
            (PassageKind::Lead, FIRST)
        );
        assert!(
            d.removed
                .iter()
                .any(|r| r.line == 10 && r.reason == RemovalReason::RepeatedLead)
        );
    }

    #[test]
    fn a_short_line_or_a_credit_after_the_gap_is_no_sapo() {
        let text = page("\n\n\n", false).replace(SAPO, "Theo VnExpress");
        let d = build(&text).document;
        assert_eq!(d.sections[0].passages[0].text, FIRST);
    }
}
