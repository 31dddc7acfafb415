//! Flattened bodies: an article whose whole body came on one line (the `baomoi-2017-flat`
//! archive), with photo captions, inline headings and the closing byline run into the text.
//!
//! After [`classify`](super::classify), a paragraph or lead line that has the shape of a
//! flattened body is split into [`Piece`]s, each with the class a line of its own would have
//! had and the reason it was cut there: captions (`… Ảnh: X`, `(Ảnh: X)`, `Ảnh minh họa`,
//! `Video: …`), inline headings, the closing byline and source credits, and paragraphs cut at
//! sentence ends to 300–1,200 chars. The pieces are slices of the line: joined with spaces
//! they give it back, so nothing is dropped, and each keeps the raw line number.
//! [`expand`] gives `build_document` one line per piece.
//!
//! A line counts as flattened by its shape only: three sentences or more, and longer than
//! any real paragraph (2,500 chars), or holding the whole body of its article (at most one
//! other body line, the summary) and either 1,600 chars long or 500 chars long with a
//! caption or closing credit glued to its sentences. A real paragraph line, even a long one
//! or one ending in a photo credit, in an article of several paragraphs is left alone.

#[cfg(test)]
mod break_tests;
mod credits;
mod cut;
mod echo;
mod edges;
mod expand;
mod first_words;
mod headings;
mod loose;
mod marks;
mod reason;
mod sentences;
#[cfg(test)]
mod tests;
mod vocab;

use std::ops::Range;

use serde::Serialize;

use super::classify::{Line, LineClass, LineReason};
use credits::CreditKind;
use edges::{closing_class, signature_only, title_copy_len};
pub use expand::expand;
use marks::{
    Mark, MarkKind, link_prompt_tail, marks, promo_tail, reader_call_tail, related_link_len,
};
pub use reason::PieceReason;

/// A line at least this long (in chars) is no paragraph but a flattened body.
const FLAT_LEN: usize = 2500;
/// A body line at least this long that holds the whole body is a flattened body.
const WHOLE_BODY_LEN: usize = 1600;
/// A body line at least this long that holds the whole body and carries a caption or a
/// closing credit glued to its sentences is a flattened body.
const GLUED_LEN: usize = 500;
/// Fewest sentences of a flattened body.
const MIN_SENTENCES: usize = 3;
/// Longest caption sentence (in chars) taken with the credit after it.
const CAPTION_MAX: usize = 300;

/// One piece of a flattened body line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub text: String,
    pub class: LineClass,
    pub reason: PieceReason,
}

/// A piece as a byte range of the line, before it gets its text.
struct Cut {
    range: Range<usize>,
    class: LineClass,
    reason: PieceReason,
}

/// Split every flattened body line of an article into pieces (see the module docs).
pub fn split_flattened(lines: &mut [Line]) {
    let body = |l: &Line| {
        l.joined_to.is_none()
            && matches!(
                l.class,
                LineClass::Lead | LineClass::Paragraph | LineClass::ListItem
            )
    };
    let whole_body = lines.iter().filter(|l| body(l)).count() <= 2;
    let last_body = lines.iter().rposition(body);
    let title = lines
        .iter()
        .find(|l| l.class == LineClass::Title)
        .map(|l| l.text.clone());
    for i in 0..lines.len() {
        let l = &lines[i];
        let has_joined = lines.get(i + 1).is_some_and(|n| n.joined_to.is_some());
        if !matches!(
            l.class,
            LineClass::Lead | LineClass::Paragraph | LineClass::ListItem
        ) || l.joined_to.is_some()
            || has_joined
        {
            continue;
        }
        let last = last_body == Some(i);
        // The text at byte `at` of the line, with the line's breaks that fall inside it.
        let split_body = |t: &str, at: usize| {
            let breaks: Vec<usize> = l
                .breaks
                .iter()
                .filter(|&&b| at < b && b < at + t.len())
                .map(|&b| b - at)
                .collect();
            split(t, l.class, whole_body, &breaks).or_else(|| {
                // A short body's last line may still end in its signature.
                (whole_body && last)
                    .then(|| split_closing(t, l.class))
                    .flatten()
            })
        };
        let t = l.text.as_str();
        // "… Chu Phương Báo Gia đình và Xã hội cập nhật tin tức …": the site's promo glued
        // to the last line goes as junk, and so does a lost link's prompt before the
        // signature ("… Bấm xem >> Đăng Đức"); the text before is cut as a line.
        let tail = last
            .then(|| {
                promo_tail(t)
                    .or_else(|| reader_call_tail(t))
                    .map(|k| (k..t.len(), PieceReason::SitePromo))
                    .or_else(|| link_prompt_tail(t).map(|r| (r, PieceReason::RelatedLink)))
            })
            .flatten();
        // "Title Title Ngày 11/5, …": the page's title repeated where the body starts.
        let start = title
            .as_deref()
            .and_then(|title| title_copy_len(title, t))
            // Only in a flattened body: a sapo may open with the title's question.
            .filter(|_| split_body(t, 0).is_some())
            .unwrap_or(0);
        let pieces = match tail {
            None if start == 0 => split_body(t, 0),
            _ => {
                let end = tail.as_ref().map_or(t.len(), |(junk, _)| junk.start);
                let head = t[start..end].trim_end();
                let mut pieces = Vec::new();
                if start > 0 {
                    pieces.push(Piece {
                        text: t[..start].trim_end().to_string(),
                        class: LineClass::Junk,
                        reason: PieceReason::RepeatedTitle,
                    });
                }
                pieces.extend(split_body(head, start).unwrap_or_else(|| {
                    vec![Piece {
                        text: head.to_string(),
                        class: l.class,
                        reason: PieceReason::Paragraph,
                    }]
                }));
                if let Some((junk, reason)) = tail {
                    let credits = t[junk.end..].trim();
                    pieces.push(Piece {
                        text: t[junk].trim().to_string(),
                        class: LineClass::Junk,
                        reason,
                    });
                    for (r, what) in credits::closing(credits).unwrap_or_default() {
                        pieces.push(Piece {
                            text: credits[r].to_string(),
                            class: closing_class(what),
                            reason: PieceReason::Closing,
                        });
                    }
                }
                Some(pieces)
            }
        };
        if let Some(pieces) = pieces {
            let chars = l.text.chars().count();
            lines[i].reason = Some(LineReason::Flattened {
                chars,
                pieces: pieces.len(),
            });
            lines[i].pieces = pieces;
        }
    }
}

/// The sentences of `t`, as byte ranges: what a passage cut from a flattened body never
/// splits (but inside a quotation, when a sentence is too long for one passage).
pub fn sentence_ranges(t: &str) -> Vec<Range<usize>> {
    sentences::sentences(t)
}

/// The pieces of a flattened body line of class `class` (lead, paragraph or list item), or `None` when
/// the line does not have the shape of one.
///
/// `breaks` are the byte offsets of the spaces that were two or more in the raw line (see
/// [`RawLine::breaks`](crate::preprocess::normalize::RawLine::breaks)), in order.
pub fn split(t: &str, class: LineClass, whole_body: bool, breaks: &[usize]) -> Option<Vec<Piece>> {
    let n = t.chars().count();
    // Too short to be cut whatever its sentences and credits (the test below): most
    // paragraphs, whose sentences are then not looked for.
    if n < GLUED_LEN || (!whole_body && n < FLAT_LEN) {
        return None;
    }
    let bounds = sentences::boundaries(t);
    let sentence_count = 1 + bounds.iter().filter(|b| !b.quoted).count();
    if sentence_count < MIN_SENTENCES {
        return None;
    }
    let cuts = cuts(t, &bounds, breaks);
    let glued = cuts.iter().any(|c| c.class != LineClass::Paragraph);
    if !(n >= FLAT_LEN || (whole_body && (n >= WHOLE_BODY_LEN || (glued && n >= GLUED_LEN)))) {
        return None;
    }
    // A lead line's first paragraph stays the lead ("1. …": a list item's, the item, unless
    // the number opens a heading: "1. Thái Lan Thái Lan thu hút …").
    let numbered_heading =
        class == LineClass::ListItem && cuts.first().is_some_and(|c| c.class == LineClass::Heading);
    let mut lead = matches!(class, LineClass::Lead | LineClass::ListItem) && !numbered_heading;
    let line_class = class;
    let pieces: Vec<Piece> = cuts
        .into_iter()
        .map(|c| {
            let mut class = c.class;
            if lead && class == LineClass::Paragraph {
                class = line_class;
                lead = false;
            }
            Piece {
                text: t[c.range].to_string(),
                class,
                reason: c.reason,
            }
        })
        .collect();
    (pieces.len() > 1).then_some(pieces)
}

/// A body line too short to be flattened, split only where its last sentence is the closing
/// credit ("… TP Hồ Chí Minh. Khánh Vũ"): the text before it stays one piece of class `class`.
fn split_closing(t: &str, class: LineClass) -> Option<Vec<Piece>> {
    let bounds = sentences::boundaries(t);
    let cuts = cuts(t, &bounds, &[]);
    let first = cuts.iter().position(|c| c.reason == PieceReason::Closing)?;
    let text_end = t[..cuts[first].range.start].trim_end().len();
    // Only after a finished sentence: a short line without its full stop ("Hoa quả đắt khách
    // ngày Thần Tài") is more often a caption or a list than a body with its signature.
    if text_end == 0 || !t[..text_end].ends_with(['.', '!', '?', '…', '”', '"', ')']) {
        return None;
    }
    let mut pieces = vec![Piece {
        text: t[..text_end].to_string(),
        class,
        reason: PieceReason::Paragraph,
    }];
    pieces.extend(cuts[first..].iter().map(|c| Piece {
        text: t[c.range.clone()].to_string(),
        class: c.class,
        reason: c.reason.clone(),
    }));
    Some(pieces)
}

/// The pieces of `t` as byte ranges: captions and credits first, the closing credits, then
/// headings and paragraphs in the running text between them.
fn cuts(t: &str, bounds: &[sentences::Boundary], breaks: &[usize]) -> Vec<Cut> {
    // Running text and captions, in order.
    let mut out: Vec<Cut> = Vec::new();
    let mut cursor = t.len() - t.trim_start().len();
    for c in credits::find(t) {
        let (s, e) = (c.range.start, c.range.end);
        // "… Nguồn: VnExpress" ending the text credits the article, not a photo.
        let source_at_end = t[s..].starts_with("Nguồn:") && t[e..].trim().is_empty();
        if s < cursor || source_at_end {
            continue;
        }
        let mut start = s;
        if c.kind == CreditKind::Photo {
            let sentence_start = bounds
                .iter()
                .filter(|b| !b.quoted && cursor <= b.next && b.next < s)
                .map(|b| b.next)
                .next_back()
                .unwrap_or(cursor);
            if t[sentence_start..s].chars().count() <= CAPTION_MAX {
                start = sentence_start;
            }
            // "… 1,8 lít/100 km. Hoàng Cường Ảnh: Paultan": the writer and the photos' credit
            // end the text; the closing credits below take them, not a caption.
            if t[e..].trim().is_empty()
                && t[..s].ends_with(char::is_whitespace)
                && signature_only(&t[start..s])
                && credits::closing(&t[start..e]).is_some()
            {
                continue;
            }
        }
        // "… lớn. » Headline 'quoted' Caption … Ảnh: X": a link to another article, after a
        // sentence end and glued before the caption, is junk, not the caption's first words
        // (no sentence starts at "»", so the caption's start may lie before it).
        let link = t[start..s]
            .find('»')
            .map(|k| start + k)
            .filter(|&k| k == start || t[..k].trim_end().ends_with(['.', '!', '?', '”', '"']))
            .and_then(|k| {
                let len = related_link_len(&t[k..s], s - k)?;
                (!t[k + len..s].trim().is_empty()).then_some(k..k + len)
            });
        let para_end = link.as_ref().map_or(start, |l| l.start);
        let reason = match c.kind {
            CreditKind::Photo => PieceReason::Caption {
                credit: t[s..e].trim().to_string(),
            },
            CreditKind::Stock => PieceReason::StockCaption,
            CreditKind::VideoTitle => PieceReason::VideoTitle,
        };
        let gap = t[cursor..para_end].trim();
        match out.last_mut() {
            // "Ảnh minh họa. (Nguồn: Internet)": one caption.
            Some(prev) if gap.is_empty() && prev.class == LineClass::Caption && start == s => {
                prev.range.end = e;
            }
            _ => {
                if !gap.is_empty() {
                    out.push(Cut {
                        range: cursor..t[..para_end].trim_end().len(),
                        class: LineClass::Paragraph,
                        reason: PieceReason::Paragraph,
                    });
                }
                if let Some(link) = link {
                    start = link.end + (t[link.end..].len() - t[link.end..].trim_start().len());
                    out.push(Cut {
                        range: link,
                        class: LineClass::Junk,
                        reason: PieceReason::RelatedLink,
                    });
                }
                out.push(Cut {
                    range: start..e,
                    class: LineClass::Caption,
                    reason,
                });
            }
        }
        cursor = e + (t[e..].len() - t[e..].trim_start().len());
    }
    let end = t.trim_end().len();
    if cursor < end {
        out.push(Cut {
            range: cursor..end,
            class: LineClass::Paragraph,
            reason: PieceReason::Paragraph,
        });
    }
    // The closing credits: the last sentence of the text, when it is nothing else.
    let mut closing_cuts = Vec::new();
    if let Some(last) = out.last().filter(|c| c.class == LineClass::Paragraph) {
        let run = last.range.clone();
        let (text_end, s) = bounds
            .iter()
            .filter(|b| !b.quoted && run.start < b.next && b.next < run.end)
            .map(|b| (b.end, b.next))
            .next_back()
            .unwrap_or((run.start, run.start));
        // "Xem lại trận đấu: Phúc Vũ - Thể thao Việt Nam | 07:05 13/05/2017": after a colon.
        // Not after a source label ("Nguồn clip: FB"): what follows names a source.
        let after_colon = t[s..run.end]
            .rfind(": ")
            .filter(|&c| !credits::source_label(&t[s..s + c]))
            .map(|c| (s + c + 1, s + c + 2));
        let found = credits::closing(&t[s..run.end])
            .map(|parts| (text_end, s, parts))
            .or_else(|| {
                let (colon_end, after) = after_colon?;
                credits::closing(&t[after..run.end]).map(|parts| (colon_end, after, parts))
            })
            .or_else(|| {
                let at = s + credits::glued_closing_start(&t[s..run.end])?;
                let parts = credits::closing(&t[at..run.end])?;
                Some((t[..at].trim_end().len(), at, parts))
            });
        if let Some((text_end, s, parts)) = found {
            for (r, what) in parts {
                closing_cuts.push(Cut {
                    range: s + r.start..s + r.end,
                    class: closing_class(what),
                    reason: PieceReason::Closing,
                });
            }
            if text_end > run.start {
                out.last_mut().expect("the run").range.end = text_end;
            } else {
                out.pop();
            }
        }
    }
    // Headings and paragraphs in each run of text, the headings judged over the whole body.
    let runs: Vec<Range<usize>> = out
        .iter()
        .filter(|c| c.class == LineClass::Paragraph)
        .map(|c| c.range.clone())
        .collect();
    let marks = marks(t, &runs, bounds, breaks);
    let among = marks.iter().filter(|m| m.kind != MarkKind::Link).count();
    let mut pieces = Vec::new();
    for c in out {
        if c.class != LineClass::Paragraph {
            pieces.push(c);
            continue;
        }
        running_text(t, c.range, &marks, among, bounds, &mut pieces);
    }
    pieces.extend(closing_cuts);
    pieces
}

/// Cut a run of running text into the links and headings in `marks` and paragraphs.
fn running_text(
    t: &str,
    range: Range<usize>,
    marks: &[Mark],
    among: usize,
    bounds: &[sentences::Boundary],
    out: &mut Vec<Cut>,
) {
    let mut from = range.start;
    for m in marks
        .iter()
        .filter(|m| range.start <= m.range.start && m.range.end <= range.end)
    {
        let (s, after) = (m.range.start, m.range.end);
        let text_end = t[..s].trim_end().len();
        if from < text_end {
            for r in cut::paragraphs(t, from..text_end, bounds) {
                out.push(Cut {
                    range: r,
                    class: LineClass::Paragraph,
                    reason: PieceReason::Paragraph,
                });
            }
        }
        let next = after + (t[after..].len() - t[after..].trim_start().len());
        let next_word = t[next..].split_whitespace().next().unwrap_or_default();
        let (class, reason) = match m.kind {
            MarkKind::Link => (LineClass::Junk, PieceReason::RelatedLink),
            MarkKind::Heading => (
                LineClass::Heading,
                PieceReason::Heading {
                    next: next_word.to_string(),
                },
            ),
            MarkKind::Loose => (
                LineClass::Heading,
                PieceReason::LooseHeading {
                    next: next_word.to_string(),
                    among,
                },
            ),
            MarkKind::Echo { .. } => (LineClass::Heading, PieceReason::EchoHeading { among }),
            MarkKind::Break => (
                LineClass::Heading,
                PieceReason::BreakHeading {
                    next: next_word.to_string(),
                    among,
                },
            ),
        };
        out.push(Cut {
            range: s..after,
            class,
            reason,
        });
        from = next;
    }
    if from < range.end {
        for r in cut::paragraphs(t, from..range.end, bounds) {
            out.push(Cut {
                range: r,
                class: LineClass::Paragraph,
                reason: PieceReason::Paragraph,
            });
        }
    }
}
