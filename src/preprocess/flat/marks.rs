//! What opens a sentence of a flattened body's running text: a link to another article or
//! an inline heading (strict, or loose with document evidence), found for the whole body
//! before it is cut into passages.

use std::ops::Range;

use super::{echo, headings, loose, sentences};
use crate::preprocess::shapes::{has_phone, more_words_than};

/// What opens a sentence of running text: a link to another article or an inline heading,
/// as a byte range of the line.
pub(super) struct Mark {
    pub range: Range<usize>,
    pub kind: MarkKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum MarkKind {
    Link,
    Heading,
    /// A heading of the loose shape: kept only with document evidence.
    Loose,
    /// A heading the next sentence echoes ([`echo`]); sure alone or needing evidence.
    Echo {
        sure: bool,
    },
    /// A heading ended by a lost line break ([`loose::break_heading_len`]); needs evidence.
    Break,
}

/// The links and headings opening the sentences of the runs of running text, found for the
/// whole body at once: loose headings count only when it has enough headings.
pub(super) fn marks(
    t: &str,
    runs: &[Range<usize>],
    bounds: &[sentences::Boundary],
    breaks: &[usize],
) -> Vec<Mark> {
    debug_assert!(bounds.windows(2).all(|w| w[0].next < w[1].next));
    let vocab = loose::Vocab::new(t);
    // Asked once of the line: its sentences' first words are then cut at space bytes.
    let spaces_only = super::first_words::spaces_only(t);
    let mut out = Vec::new();
    for range in runs {
        let mut from = range.start;
        // Sentence starts in the run where a heading may stand, and the ends of their
        // sentences. Boundaries come in order, each `next` past the last, so sentence `k`
        // ends at boundary `k` of the run; the last at the first boundary past the run (a
        // search per sentence grew with the square of the sentence count).
        // `next` grows strictly, so the run's boundaries are found by bisection (a scan of
        // all of them per run grew with runs × boundaries on the flattened archive).
        let lo = bounds.partition_point(|b| b.next <= range.start);
        let hi = lo + bounds[lo..].partition_point(|b| b.next < range.end);
        let inside: Vec<&sentences::Boundary> =
            bounds[lo..hi].iter().filter(|b| !b.quoted).collect();
        let last_end = bounds[hi..]
            .iter()
            .find(|b| !b.quoted)
            .map_or(range.end, |b| b.end);
        let starts = std::iter::once(range.start).chain(inside.iter().map(|b| b.next));
        for (k, s) in starts.enumerate() {
            if s < from {
                continue;
            }
            // The heading is judged within its sentence.
            let sentence_end = inside.get(k).map_or(last_end, |b| b.end).min(range.end);
            let sentence = &t[s..sentence_end];
            let link = related_link_len(&t[s..range.end], sentence_end.saturating_sub(s));
            let found = link
                .map(|l| (l, MarkKind::Link))
                .or_else(|| {
                    echo::heading_len(sentence, spaces_only)
                        .map(|(l, sure)| (l, MarkKind::Echo { sure }))
                })
                .or_else(|| {
                    // "3. Ăn chậm Khi …": an item's number opens the heading.
                    let (number, rest) = echo::split_number(sentence);
                    headings::heading_len(rest, spaces_only)
                        .map(|l| (number + l, MarkKind::Heading))
                        .or_else(|| {
                            loose::heading_len(rest, &vocab, spaces_only)
                                .map(|l| (number + l, MarkKind::Loose))
                        })
                        .or_else(|| {
                            // The first lost line break inside the sentence.
                            let at = s + number;
                            let k = breaks.partition_point(|&b| b <= at);
                            let cut = breaks.get(k).filter(|&&b| b < sentence_end)? - at;
                            loose::break_heading_len(rest, cut)
                                .map(|l| (number + l, MarkKind::Break))
                        })
                });
            if let Some((len, kind)) = found {
                out.push(Mark {
                    range: s..s + len,
                    kind,
                });
                from = s + len;
            }
        }
    }
    // "Băng Băng", "Cầu Cầu": one word doubled in mid-sentence too is a doubled name.
    out.retain(|m| {
        m.kind != MarkKind::Echo { sure: false } || !doubled_mid_sentence(t, &t[m.range.clone()])
    });
    let headings = out.iter().filter(|m| m.kind != MarkKind::Link).count();
    if headings < loose::MIN_EVIDENCE {
        out.retain(|m| {
            !matches!(
                m.kind,
                MarkKind::Loose | MarkKind::Break | MarkKind::Echo { sure: false }
            )
        });
    }
    out
}

/// Does `w w` stand in `t` after a word that ends no sentence ("… Lý Thần, Băng Băng luôn
/// …")?
fn doubled_mid_sentence(t: &str, w: &str) -> bool {
    let doubled = format!("{w} {w}");
    t.match_indices(&doubled).any(|(at, _)| {
        let before = t[..at].trim_end();
        !before.is_empty() && !before.ends_with(['.', '!', '?', '…', ':', '"', '”', '/'])
    })
}

/// A link to another article opening `s`: `[Cựu Thủ tướng Đức … từ trần]` (up to its
/// bracket) or `» Headline 'quoted'` (up to a closing quote before a capitalised word). The
/// byte length, or `None`: when its end is not sure, the text stays.
pub(super) fn related_link_len(s: &str, sentence: usize) -> Option<usize> {
    // "Xem thêm: Headline …", "Tin liên quan Headline Headline …", ">> Xem thêm: …": the
    // whole sentence is links (their ends are not marked, but no sentence ends inside).
    let after_arrows = s.trim_start_matches('>');
    let arrows = s.len() - after_arrows.len();
    let unarrowed = after_arrows.trim_start();
    // (label, what follows it). ">> Headline …" has no label.
    let marked = match crate::preprocess::junk::related_label_len(unarrowed) {
        Some(len) => Some((&unarrowed[..len], &unarrowed[len..])),
        None if arrows >= 2 => Some(("", unarrowed)),
        None => None,
    };
    if let Some((label, after)) = marked {
        let after = after.trim_start_matches(['>', ' ']);
        let colon = label.ends_with(':') || after.starts_with(':');
        // Without a colon only a list label ("Tin liên quan Headline …") or the arrows open
        // links: "Xem tiếp Sa Lin" at the end is a signature.
        let list_label = label.is_empty() || label.to_lowercase().contains("liên quan");
        let starts_link = colon
            || after.is_empty()
            || (list_label && after.chars().next().is_some_and(char::is_uppercase));
        // A long "sentence" ran on into the story (no full stop after the headline): the
        // text stays rather than lose a sentence of the article.
        let short = s.get(..sentence).is_some_and(|x| !more_words_than(x, 22));
        if starts_link && sentence > 0 && short {
            return Some(s[..sentence].trim_end().len());
        }
    }
    if let Some(inner) = s.strip_prefix('[') {
        let close = inner.find(']')?;
        let words = inner[..close].split_whitespace().count();
        let sentence = inner[..close].trim_end().ends_with(['.', '!', '?']);
        return ((3..=25).contains(&words) && !sentence).then_some(close + 2);
    }
    let rest = s.strip_prefix('»')?;
    let base = s.len() - rest.len();
    let words: Vec<(usize, &str)> = crate::text::word_offsets(rest).take(26).collect();
    (1..words.len()).find_map(|k| {
        let (at, prev) = words[k - 1];
        let quoted_end = prev.ends_with(['\'', '’', '”', '"']);
        let opens = words[k].1.chars().next().is_some_and(char::is_uppercase);
        (k >= 3 && quoted_end && opens).then_some(base + at + prev.len())
    })
}

/// How far from the end of a line a glued site promo may start, in bytes.
const PROMO_BYTES: usize = 240;

/// Calls on readers to send tips or questions, ending a page with the site's address:
/// "Mọi phản ánh, ý kiến, thông tin nóng … gửi cho chúng tôi theo địa chỉ: Email: …",
/// "Bạn đọc muốn gửi các câu hỏi … xin gửi về địa chỉ …@vietnamnet.vn …".
const READER_CALLS: &[&str] = &[
    "Mọi phản ánh",
    "Mọi ý kiến",
    "Bạn đọc muốn gửi",
    "Bạn đọc có thể gửi",
    "Mời bạn đọc gửi",
    "Độc giả có thể gửi",
    "Độc giả muốn gửi",
];

/// How far from the end a call on readers may start, in bytes (the address and phone
/// numbers of a newsroom follow it).
const CALL_BYTES: usize = 700;

/// Where a call on readers with the site's address ends the text, after some text.
pub(super) fn reader_call_tail(t: &str) -> Option<usize> {
    let from = t.floor_char_boundary(t.len().saturating_sub(CALL_BYTES));
    let tail = &t[from..];
    // An address or a phone number must follow: "Mọi ý kiến của ông …" in a story has none.
    if !tail.contains('@') && !has_phone(tail) {
        return None;
    }
    READER_CALLS
        .iter()
        .filter_map(|c| tail.find(c).map(|k| from + k))
        // Often after related headlines glued without a full stop: no end of sentence before.
        .filter(|&k| !t[..k].trim_end().is_empty())
        .min()
        .filter(|&k| t[k..].contains('@') || has_phone(&t[k..]))
        // The address ends the page: a signature and a bio after it ("… email: x@y.vn.
        // Nguyễn Xuân Hải - Trần Liên Phương (*) Nguyễn Xuân Hải: Giáo sư …") stay.
        .filter(|&k| {
            let last_digit = t
                .rfind(|c: char| c.is_ascii_digit())
                .filter(|_| has_phone(&t[k..]));
            let end = t.rfind('@').max(last_digit).unwrap_or(k);
            !more_words_than(&t[end..], 12)
        })
}

/// Where a site's promo ends the text ("… Báo Gia đình và Xã hội cập nhật tin tức trong ngày
/// liên tục, mới nhất", "… Đọc báo X cập nhật liên tục từng giờ"), after some text.
pub(super) fn promo_tail(t: &str) -> Option<usize> {
    // A promo is a short phrase: look only near the end, and only where it says "cập nhật".
    let from = t.len().saturating_sub(PROMO_BYTES);
    if !t[t.floor_char_boundary(from)..].contains("ập nhật") {
        return None;
    }
    let mut starts: Vec<usize> = t
        .match_indices("Đọc báo ")
        .chain(t.match_indices("Báo "))
        .map(|(k, _)| k)
        .filter(|&k| k >= from && !t[..k].trim().is_empty())
        .collect();
    // The earliest start that makes a promo ("Báo X & Y Báo X và Y cập nhật …" whole), not
    // one inside the story's last sentence ("Báo Gia đình & Xã hội sẽ thông tin …").
    starts.sort_unstable();
    starts
        .into_iter()
        .find(|&k| crate::preprocess::junk::is_site_promo(&t[k..]))
}

/// Prompts to click a link or play a video that the page lost ("Bấm xem >>", "Xem video:"),
/// glued before the signature at the end of a body.
const LINK_PROMPTS: &[&str] = &[
    "Bấm xem ngay >>",
    "Bấm xem >>",
    "Bấm xem ngay »",
    "Bấm xem »",
    "Xem tiếp >>",
    "Xem video:",
    "XEM VIDEO:",
    "VIDEO XEM THÊM:",
    "Video xem thêm:",
    "Xem thêm video:",
];

/// How far from the end a lost link's prompt may start, in bytes.
const PROMPT_BYTES: usize = 200;

/// A prompt to click a lost link after the last sentence, then the closing credits ("… với
/// Juventus. Bấm xem >> Đăng Đức (Tổng hợp từ Marca)", "… Xem video: Play Q.C"): the
/// prompt's byte range (with a video player's leftover "Play"), when what follows it reads
/// as closing credits.
pub(super) fn link_prompt_tail(t: &str) -> Option<Range<usize>> {
    let from = t.floor_char_boundary(t.len().saturating_sub(PROMPT_BYTES));
    // Every prompt holds '>', ':' or '»': most tails have none, and are let go before ten
    // substring searches are set up.
    let tail = &t.as_bytes()[from..];
    if memchr::memchr2(b'>', b':', tail).is_none()
        && memchr::memmem::find(tail, "»".as_bytes()).is_none()
    {
        return None;
    }
    let (at, prompt) = LINK_PROMPTS
        .iter()
        .find_map(|p| t[from..].rfind(p).map(|k| (from + k, *p)))?;
    let after = t[at + prompt.len()..].trim_start();
    let rest = after.strip_prefix("Play ").unwrap_or(after);
    let end = t.len() - rest.len();
    let before = t[..at].trim_end();
    (!before.is_empty()
        && before.ends_with(['.', '!', '?', '…', '”', '"', ')'])
        && super::credits::closing(rest.trim()).is_some())
    .then_some(at..end)
}
