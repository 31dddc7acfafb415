//! Running text → paragraph-sized passages, cut at sentence ends.
//!
//! Greedy and deterministic: a passage closes after a sentence once it holds [`TARGET`]
//! chars, or before a sentence that would take it past [`MAX`], or at [`MIN`] chars or more
//! before a sentence that opens a new turn of the story ("Trước đó, …", "Tuy nhiên, …"). A
//! short last piece joins the one before. A single sentence longer than [`MAX`] is cut inside
//! its quotations if it has sentence ends there, else kept whole.

use std::ops::Range;

use super::sentences::Boundary;

/// Chars a passage reaches before it may close after any sentence.
const TARGET: usize = 750;
/// Chars a passage does not pass by taking one more sentence (unless that sentence alone is
/// longer).
const MAX: usize = 1200;
/// Chars a passage holds at least before it closes at a turn of the story.
const MIN: usize = 350;
/// A last piece shorter than this joins the passage before when both fit in [`MERGED_MAX`].
const TAIL: usize = 250;
const MERGED_MAX: usize = 1500;

/// First words of a sentence that turns the story: a good place to start a paragraph.
const TURNS: &[&str] = &[
    "Trước đó",
    "Sau đó",
    "Tuy nhiên",
    "Ngoài ra",
    "Bên cạnh đó",
    "Trong khi đó",
    "Được biết",
    "Theo ",
    "Cũng theo",
    "Hiện nay",
    "Hiện ",
    "Đáng chú ý",
    "Trao đổi với",
    "Chia sẻ với",
    "Nói về",
    "Về ",
    "Liên quan",
    "Cùng ngày",
    "Tại ",
    "Ngày ",
    "Năm ",
    "Đến nay",
    "Cũng trong",
    "Mặt khác",
    "Đặc biệt",
    "Riêng ",
];

fn chars(t: &str, r: &Range<usize>) -> usize {
    t[r.clone()].chars().count()
}

/// Cut `range` of `t` into passages at the given sentence boundaries (those inside `range`).
pub(super) fn paragraphs(t: &str, range: Range<usize>, bounds: &[Boundary]) -> Vec<Range<usize>> {
    // Boundaries come in order, `end` before `next` and each past the last: those inside the
    // range are found by bisection, not by a scan of all of them for each range.
    let lo = bounds.partition_point(|b| b.next <= range.start);
    let hi = lo + bounds[lo..].partition_point(|b| b.next < range.end);
    let inside: Vec<&Boundary> = bounds[lo..hi]
        .iter()
        .filter(|b| range.start < b.end)
        .collect();
    // Sentences, each with the quoted boundaries inside it.
    let mut sentences: Vec<Range<usize>> = Vec::new();
    let mut start = range.start;
    for b in inside.iter().filter(|b| !b.quoted) {
        sentences.push(start..b.end);
        start = b.next;
    }
    sentences.push(start..range.end);
    // A sentence too long for one passage: cut at its quoted sentence ends. Each piece
    // with its length in chars, counted once (a paragraph's grows by what joins it).
    let mut pieces: Vec<(Range<usize>, usize)> = Vec::new();
    for s in sentences {
        let n = chars(t, &s);
        if n <= MAX {
            pieces.push((s, n));
            continue;
        }
        let mut from = s.start;
        for b in inside
            .iter()
            .filter(|b| b.quoted && s.start < b.end && b.next < s.end)
        {
            let r = from..b.end;
            let n = chars(t, &r);
            if n >= TARGET {
                pieces.push((r, n));
                from = b.next;
            }
        }
        let r = from..s.end;
        let n = chars(t, &r);
        pieces.push((r, n));
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut current: Option<(Range<usize>, usize)> = None;
    for (s, next) in pieces {
        let Some((c, have)) = current.take() else {
            current = Some((s, next));
            continue;
        };
        // The turns are compared only when they decide.
        let turn = || TURNS.iter().any(|w| t[s.clone()].starts_with(w));
        if have >= TARGET || have + 1 + next > MAX || (have >= MIN && turn()) {
            out.push(c);
            current = Some((s, next));
        } else {
            let gap = chars(t, &(c.end..s.start));
            current = Some((c.start..s.end, have + gap + next));
        }
    }
    if let Some((c, n)) = current {
        match out.last_mut() {
            Some(last) if n < TAIL && chars(t, &(last.start..c.end)) <= MERGED_MAX => {
                last.end = c.end;
            }
            _ => out.push(c),
        }
    }
    out
}
