//! Captions and credits glued into a flattened body: `… Ảnh: An Đăng/TTXVN`, `(Ảnh: X)`,
//! `Ảnh minh họa`, `Video: <title>`, and the closing byline and source credits.

use std::ops::Range;

use super::sentences::OPENER_SET;
use crate::preprocess::meta;

/// A credit found inside running text: the marker starts at `range.start`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Credit {
    pub range: Range<usize>,
    pub kind: CreditKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CreditKind {
    /// `Ảnh: X`, `(Ảnh: X)`, `Nguồn: X`, `Đồ họa: X`: credits the sentence before it.
    Photo,
    /// `Ảnh minh họa`, `(Ảnh tư liệu)`: a caption by itself.
    Stock,
    /// `Video: <title>`: the title of an embedded video, a caption by itself.
    VideoTitle,
}

/// Labels that credit a photo, a chart or a video's source, before a colon.
const LABELS: &[&str] = &[
    "Ảnh",
    "ẢNH",
    "Photo",
    "Nguồn ảnh",
    "Nguồn",
    "Đồ họa",
    "Đồ hoạ",
    "Biểu đồ",
    "Hình",
    "Ảnh/Video",
    "Ảnh/video",
    "Ảnh/Clip",
];

/// The loading notice an embedded video leaves after its title.
const LOADING: &str = " ĐANG TẢI VIDEO...Vui lòng chờ trong giây lát.";

/// Labels of an embedded video's title.
const VIDEO_LABELS: &[&str] = &["Video", "VIDEO", "Clip", "CLIP"];

/// Stock captions, "Ảnh" and the words after it.
const STOCK: &[&str] = &[
    "Ảnh minh họa",
    "Ảnh minh hoạ",
    "ảnh minh họa",
    "ảnh minh hoạ",
    "Ảnh tư liệu",
    "ảnh tư liệu",
    "Ảnh chụp màn hình",
    "Ảnh cắt từ clip",
    "Ảnh cắt từ video",
    "Ảnh: Minh họa",
    "Ảnh: Minh hoạ",
    "Ảnh: minh họa",
    "Ảnh: Internet",
    "Ảnh: internet",
];

/// `w` with the punctuation that may stick to a word stripped off both ends.
fn bare(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

/// The words of `t[from..]` with their byte ranges.
fn words_from(t: &str, from: usize) -> impl Iterator<Item = (usize, &str)> {
    crate::text::word_offsets(&t[from..]).map(move |(at, w)| (from + at, w))
}

/// Where the name credited after a label ends: a run of capitalised words ("Thống Nhất/TTXVN",
/// "AFP/Getty"), at most six, stopping at a sentence end, at a word that opens a sentence, or
/// before the capitalised word that a lowercase word shows to be the next sentence's first.
fn name_end(t: &str, from: usize) -> Option<usize> {
    let mut taken: Vec<(usize, &str)> = Vec::new();
    let words: Vec<(usize, &str)> = words_from(t, from).take(12).collect();
    for (k, &(at, w)) in words.iter().enumerate() {
        let core = bare(w);
        let first = core.chars().next();
        if !taken.is_empty() && OPENER_SET.contains(core) && first.is_some_and(char::is_uppercase) {
            break;
        }
        let lower = first.is_some_and(char::is_lowercase);
        if lower && !taken.is_empty() {
            if matches!(core, "và" | "st" | "tl" | "ctv") {
                taken.push((at, w));
                continue;
            }
            // "Ảnh: Báo Thanh niên Theo kết quả …": a lowercase word inside the name, which
            // a word opening a sentence (or the end) follows.
            let then = words.get(k + 1).map(|(_, n)| bare(n));
            if then.is_none_or(|n| OPENER_SET.contains(n)) && !w.ends_with(['.', ',']) {
                taken.push((at, w));
                break;
            }
            // "Ảnh: AP Ông Trump thân thiện …": the capital before a lowercase word opens
            // the next sentence.
            if taken.len() >= 2 {
                taken.pop();
            }
            break;
        }
        taken.push((at, w));
        if w.ends_with(['.', '!', '?']) && !is_initial(core) || taken.len() >= 6 {
            break;
        }
        // The last word of the text, or "Ảnh: X)" closing a bracket.
        if w.ends_with(')') {
            break;
        }
    }
    let &(at, w) = taken.last()?;
    Some(at + w.len())
}

/// `T`, `H`: a single letter, written with a dot as an initial.
fn is_initial(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some() && cs.next().is_none()
}

/// Is `at` the start of a word (or right after a lowercase letter it is glued to, as in
/// "gần đâyẢnh:")?
fn word_start(t: &str, at: usize) -> bool {
    let before = t[..at].chars().next_back();
    let here = t[at..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric())
        || (before.is_some_and(char::is_lowercase) && here.is_some_and(char::is_uppercase))
}

/// The end of a bracket opened right before `from`, within 120 bytes, with a dot after it.
fn bracket_end(t: &str, from: usize) -> Option<usize> {
    let rest = &t[from..];
    let close = rest
        .find(')')
        .filter(|&c| c <= 120 && !rest[..c].contains('('))?;
    let end = from + close + 1;
    Some(if t[end..].starts_with('.') {
        end + 1
    } else {
        end
    })
}

/// The label (and colon) starting at `at`, if any: the byte after the colon.
fn label_at(t: &str, at: usize, labels: &[&str]) -> Option<usize> {
    let rest = &t[at..];
    labels.iter().find_map(|l| {
        let after = rest.strip_prefix(l)?;
        let after_space = after.trim_start_matches(' ');
        after_space
            .strip_prefix(':')
            .map(|r| t.len() - r.len())
            .filter(|_| after.len() - after_space.len() <= 1)
    })
}

/// The first three bytes of every stock caption, label and video label: where a credit may
/// start (a test checks the lists against it).
const HEADS: &[[u8; 3]] = &[
    *b"\xE1\xBA\xA2", // Ả
    *b"\xE1\xBA\xA3", // ả
    *b"Pho",
    *b"Ngu",
    *b"\xC4\x90\xE1", // Đồ
    *b"Bi\xE1",       // Biể
    *b"H\xC3\xAC",    // Hì
    *b"Vid",
    *b"VID",
    *b"Cli",
    *b"CLI",
];

/// The first bytes of [`HEADS`], by byte value.
const HEAD_FIRST: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < HEADS.len() {
        t[HEADS[i][0] as usize] = true;
        i += 1;
    }
    t
};

/// Every glued credit and video title of `t`, in order, not overlapping.
pub(super) fn find(t: &str) -> Vec<Credit> {
    let mut out: Vec<Credit> = Vec::new();
    let mut next_free = 0;
    let bytes = t.as_bytes();
    // A credit starts with one of a few three-byte heads (ASCII or a lead byte first, so at
    // a char boundary): the text is scanned by byte, not decoded char by char.
    for at in 0..bytes.len() {
        if at < next_free || !HEAD_FIRST[usize::from(bytes[at])] {
            continue;
        }
        let Some(head) = bytes.get(at..at + 3) else {
            break;
        };
        if !HEADS.iter().any(|h| h == head) || !word_start(t, at) {
            continue;
        }
        let bracketed = t[..at].ends_with('(');
        let start = if bracketed { at - 1 } else { at };
        let found = if let Some(s) = STOCK.iter().find(|s| t[at..].starts_with(*s)) {
            let after = at + s.len();
            let end = if bracketed {
                bracket_end(t, after)
            } else if t[after..].starts_with(':') {
                // "Ảnh minh họa: TTXVN.": the credit goes with the stock phrase, not into the
                // next passage. One word before a lowercase one opens the caption's own
                // sentence instead ("Ảnh minh họa: Một vụ cháy … Ảnh: Reuters.").
                let name = name_end(t, after + 1);
                let sentence = name.is_some_and(|e| {
                    t[after + 1..e].split_whitespace().count() == 1
                        && words_from(t, e)
                            .next()
                            .is_some_and(|(_, w)| starts_lower(w))
                });
                Some(if sentence {
                    after
                } else {
                    name.unwrap_or(after)
                })
            } else if t[after..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
            {
                Some(if t[after..].starts_with('.') {
                    after + 1
                } else {
                    after
                })
            } else {
                None
            };
            end.map(|e| (e, CreditKind::Stock))
        } else if let Some(after) = label_at(t, at, LABELS) {
            let end = if bracketed {
                bracket_end(t, after)
            } else {
                name_end(t, after)
            };
            // Judged with the word before it: "Nguồn: X" credits a photo only after a sentence.
            let from = t[..start].trim_end().rfind(' ').map_or(0, |s| s + 1);
            end.filter(|&e| meta::has_photo_credit(&t[from..e]))
                .map(|e| (e, CreditKind::Photo))
        } else if let Some(after) = label_at(t, at, VIDEO_LABELS) {
            video_end(t, after, bracketed)
        } else {
            None
        };
        if let Some((end, kind)) = found {
            out.push(Credit {
                range: start..end,
                kind,
            });
            next_free = end;
        }
    }
    out
}

/// A video's label is followed by its source (`Video: YouTube.`, a credit like a photo's) or
/// by its title, up to a sentence end or to a word that opens the next sentence, and maybe
/// a loading notice ("ĐANG TẢI VIDEO...Vui lòng chờ trong giây lát.").
fn video_end(t: &str, from: usize, bracketed: bool) -> Option<(usize, CreditKind)> {
    if bracketed {
        return bracket_end(t, from).map(|e| (e, CreditKind::Photo));
    }
    let mut end = None;
    let mut prev_lower = false;
    for (n, (at, w)) in words_from(t, from).enumerate() {
        let core = bare(w);
        let upper = core.chars().next().is_some_and(char::is_uppercase);
        if n > 0 && prev_lower && upper && OPENER_SET.contains(core) {
            break;
        }
        end = Some(at + w.len());
        if n >= 30 {
            return None;
        }
        if w.ends_with(['.', '!', '?']) && !w.ends_with("...") {
            break;
        }
        prev_lower = core.chars().next().is_some_and(char::is_lowercase);
    }
    let mut end = end?;
    let title = t[from..end].trim();
    let words = title.split_whitespace().count();
    if words == 0 {
        return None;
    }
    if t[end..].starts_with(LOADING) {
        end += LOADING.len();
    }
    // "Video: VTC14", "Clip: YouTube.": a source, credited like a photo.
    let source = words <= 3 && title.split_whitespace().all(|w| !starts_lower(w));
    Some((
        end,
        if source {
            CreditKind::Photo
        } else {
            CreditKind::VideoTitle
        },
    ))
}

fn starts_lower(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
}

/// How a part of the closing credits reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Closing {
    /// A signature: "Văn Sơn (TTXVN)", "Nhị Tiến", "Hà Giang (T/h)".
    Byline,
    /// A source credit: `Theo Thân Hoàng/Tuổi Trẻ`, `(VnExpress)`, `Nguồn: Dân trí`.
    Source,
    /// A photo credit after the signature: "Ảnh: T.Luân".
    PhotoCredit,
    /// A signature with the time of posting: "Duy Anh - Thể thao Việt Nam | 19:05 12/07/2017".
    Dateline,
}

/// Does `head` end in a source label ("Nguồn clip", "Nguồn tham khảo"), so that what follows
/// its colon names a source, not a writer? Not "Video … (nguồn VTV)", a bracket closing it.
pub(super) fn source_label(head: &str) -> bool {
    !head.ends_with(')')
        && head
            .split_whitespace()
            .rev()
            .take(3)
            .any(|w| w.to_lowercase() == "nguồn")
}

/// Where the parts of a closing credit start: at each "Theo", "Nguồn:", "Ảnh:" or "(Theo"
/// after the first word ("Hạnh Chi (T/h) Theo Đời sống Plus/GĐVN").
fn closing_parts(s: &str) -> Vec<Range<usize>> {
    let mut starts = vec![0];
    for (at, w) in words_from(s, 0).skip(1) {
        if matches!(
            w,
            "Theo" | "Nguồn:" | "Ảnh:" | "(Theo" | "(Ảnh:" | "(Nguồn:" | "Clip:" | "Video:"
        ) {
            starts.push(at);
        }
    }
    let mut out = Vec::new();
    for (k, &a) in starts.iter().enumerate() {
        let b = starts.get(k + 1).copied().unwrap_or(s.len());
        // "Newben / Theo Trí Thức Trẻ": the separator before the next part is dropped.
        let end = s[..b]
            .trim_end()
            .trim_end_matches(['/', '-', '–', '|', ','])
            .trim_end();
        out.push(a..end.len().max(a));
    }
    out
}

/// The closing credits of a flattened body, when its last sentence `s` is nothing else:
/// each part with what it is. A part must read as a byline or a source credit by the same
/// rules as a line of its own; the first must be a signature or a source credit.
pub(super) fn closing(s: &str) -> Option<Vec<(Range<usize>, Closing)>> {
    // Bounded: `s` may run long, and only the first 17 words matter.
    if crate::preprocess::shapes::more_words_than(s, 16)
        || s.ends_with(['.', '!', '?', '…', '”', '"', ':', ',', ';'])
        || s.contains(['“', '"'])
    {
        return None;
    }
    let mut out = Vec::new();
    for r in closing_parts(s) {
        let part = &s[r.clone()];
        let what = if meta::split_dateline(part).is_some() {
            Closing::Dateline
        } else if meta::outlet_line(part).is_some() {
            Closing::Source
        } else if meta::parse_byline(part).is_some() {
            Closing::Byline
        } else if !out.is_empty() && meta::has_photo_credit(part) {
            Closing::PhotoCredit
        } else {
            return None;
        };
        out.push((r, what));
    }
    Some(out)
}

/// Words before which a run of capitalised words at the end is a place, not a signature.
const PLACE_WORDS: &[&str] = &[
    "tại",
    "ở",
    "của",
    "từ",
    "đến",
    "về",
    "với",
    "và",
    "tỉnh",
    "huyện",
    "xã",
    "quận",
    "phố",
    "phường",
    "thị",
    "thành",
    "nước",
    "sang",
    "tới",
    "cho",
    "gặp",
    "đội",
    "thắng",
    "bại",
];

/// A signature or source credit glued to the last sentence without a dot: "… do chập điện
/// Nguyễn Tuấn", "… đoạn đường dốc Theo Trí thức trẻ". The byte where it starts in `t`.
pub(super) fn glued_closing_start(t: &str) -> Option<usize> {
    let t = t.trim_end();
    if t.ends_with(['.', '!', '?', '…', '”', '"', ':', ',', ';']) {
        return None;
    }
    // "… thiệt hại nặng Quốc Văn (Dailymail)": a short note in brackets may end it.
    let core_end = if t.ends_with(')') {
        let open = t.rfind('(').filter(|&k| t.len() - k <= 48)?;
        t[..open].trim_end().len()
    } else {
        t.len()
    };
    let words: Vec<(usize, &str)> = words_from(&t[..core_end], 0).collect();
    let n = words.len();
    // "… Theo Trí thức trẻ": a capital "Theo" after a lowercase word, then a source.
    for k in (n.saturating_sub(8)..n).rev() {
        let (at, w) = words[k];
        if w == "Theo" && k > 0 && starts_lower(words[k - 1].1) {
            return meta::outlet_line(&t[at..]).map(|_| at);
        }
        // "… được đăng tải trên Youtube theo Trí Thức Trẻ": lowercase, so only an outlet
        // known by name and ending the text ("… theo Bộ Y tế" is a sentence's end).
        if w == "theo" && k > 0 && k + 1 < n && meta::is_known_outlet(&t[words[k + 1].0..]) {
            return Some(at);
        }
    }
    // "… do chập điện Nguyễn Tuấn": 2–3 capitalised Vietnamese syllables after a lowercase
    // word that does not introduce a place.
    for len in [3, 2] {
        if n <= len + 3 {
            continue;
        }
        let (at, _) = words[n - len];
        let before = words[n - len - 1].1;
        let name = &words[n - len..];
        // "… U20 Iran Hoàng Yến/VOV.VN": the last word may carry the outlet after a slash.
        let syllables = name.iter().all(|(_, w)| {
            let w = w.split('/').next().unwrap_or(w);
            w.chars().next().is_some_and(char::is_uppercase)
                && crate::text::is_vietnamese_syllable(&crate::text::fold_str(w))
                && !crate::text::is_all_caps(w)
        });
        // A writer with an outlet after a slash may follow a table's last cell or a name.
        let signed = || {
            name.last().is_some_and(|(_, w)| w.contains('/'))
                && meta::byline_outlet(&t[at..]).is_some()
        };
        if syllables
            && (starts_lower(before) || signed())
            && !PLACE_WORDS.contains(&before)
            && meta::parse_byline(&t[at..]).is_some()
        {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{HEADS, LABELS, STOCK, VIDEO_LABELS};

    #[test]
    fn every_credit_starts_with_a_head() {
        // `find` looks only where a head starts.
        for s in STOCK.iter().chain(LABELS).chain(VIDEO_LABELS) {
            let b = s.as_bytes();
            assert!(HEADS.contains(&[b[0], b[1], b[2]]), "{s}");
        }
    }
}
