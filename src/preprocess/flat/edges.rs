//! The edges of a flattened body: a copy of the title opening it, and the closing credits.

use super::credits::Closing;
use super::{loose, sentences};
use crate::preprocess::classify::LineClass;

/// The length of a copy of the title opening `t`, with the space after it, when a sentence
/// starts right after ("Một phó phòng tử vong … cai nghiện Ngày 11/5, …"). Titles of a few
/// words are left alone: the body may well open with them.
pub(super) fn title_copy_len(title: &str, t: &str) -> Option<usize> {
    let rest = t.strip_prefix(title)?.strip_prefix(' ')?;
    let mut words = rest.split_whitespace();
    let next = words.next()?;
    let then = words.next().unwrap_or_default();
    let starts = |w: &str, f: fn(char) -> bool| w.chars().next().is_some_and(f);
    // The next word opens a sentence, not the rest of a name the title ends with ("… Mỹ -
    // Trung" / "Quốc …", "… Kiến trúc-Quy hoạch" / "TP …").
    let opens = sentences::OPENER_SET.contains(next)
        || loose::MORE_OPENER_SET.contains(next)
        || starts(next, |c| c.is_ascii_digit())
        || (title
            .rsplit(' ')
            .next()
            .is_some_and(|w| starts(w, char::is_lowercase))
            && starts(next, char::is_uppercase)
            && starts(then, char::is_lowercase));
    (title.split_whitespace().nth(3).is_some() && opens).then_some(t.len() - rest.len())
}

/// The line class of a part of the closing credits.
pub(super) fn closing_class(what: Closing) -> LineClass {
    match what {
        Closing::Byline | Closing::PhotoCredit => LineClass::Byline,
        Closing::Source => LineClass::OutletTag,
        Closing::Dateline => LineClass::Dateline,
    }
}

/// Is `s` nothing but a signature ("Hoàng Cường", "Anh Thư - Hồng Nhi -"): a few
/// capitalised words that read as a byline?
pub(super) fn signature_only(s: &str) -> bool {
    let s = s.trim().trim_end_matches(['-', '–', ' ']);
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words
            .iter()
            .all(|w| matches!(*w, "-" | "–") || w.chars().next().is_some_and(char::is_uppercase))
        && crate::preprocess::meta::parse_byline(s).is_some()
}
