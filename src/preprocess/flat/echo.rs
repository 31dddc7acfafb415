//! An inline heading the paragraph after it echoes: "… tự nhiên. 3. Hàu Hàu là một loại hải
//! sản …", "… vitamin E dồi dào. Đu đủ Đu đủ chứa nhiều vitamin A …". Lists of tips, foods,
//! places or people open each paragraph with the item's name, right after the heading that
//! names it; once the line breaks are lost the same words stand twice in a row, which
//! running text never writes. The echo tells exactly where the heading ends.

use super::first_words::words;
use crate::preprocess::shapes::item_number;

/// Most words of an echoed heading.
const MAX_WORDS: usize = 8;
/// Fewest words after the echo: the paragraph goes on.
const MIN_AFTER: usize = 3;

/// If `s` (one sentence, trimmed) opens with a heading its next words repeat, the byte
/// length of the heading and whether it is sure alone. One word echoed ("Băng Băng tiết lộ
/// …", "Pei Pei nhấn mạnh …") may be a doubled name: sure only after a number ("3. Hàu");
/// otherwise it needs another heading in the body, as a loose one does. `spaces_only`: `s`
/// holds no whitespace but ASCII spaces, and its words are cut at them.
pub(super) fn heading_len(s: &str, spaces_only: bool) -> Option<(usize, bool)> {
    let first = s.split_whitespace().next()?;
    // Most sentences open with a lowercase ASCII letter or a word of one of a few shapes:
    // only a capital or a number marker goes on to the word list.
    if first.as_bytes().first().is_none_or(u8::is_ascii_lowercase) || !may_echo(s, spaces_only) {
        return None;
    }
    let words: Vec<(usize, &str)> = words(s, spaces_only)
        .take(1 + 2 * MAX_WORDS + MIN_AFTER)
        .collect();
    let numbered = item_number(words[0].1).is_some();
    let off = usize::from(numbered);
    let starts_upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if !words.get(off).is_some_and(|(_, w)| starts_upper(w)) {
        return None;
    }
    for m in 1..=MAX_WORDS {
        let Some(after) = words.len().checked_sub(off + 2 * m) else {
            break;
        };
        let head = &words[off..off + m];
        // A heading has no punctuation inside or at its end.
        if head
            .iter()
            .any(|(_, w)| w.ends_with(['.', ',', ':', ';', '!', '?', '…', ')', '"', '”']))
        {
            return None;
        }
        let echo = &words[off + m..off + 2 * m];
        if after >= MIN_AFTER && head.iter().zip(echo).all(|(a, b)| a.1 == b.1) {
            let (at, last) = head[m - 1];
            return Some((at + last.len(), m >= 2 || numbered));
        }
    }
    None
}

/// Can `s` open with an echoed heading: does the heading's first word come again within
/// [`MAX_WORDS`] words, before a word with the punctuation no heading has? Words are read
/// one by one until then, not collected: most sentences fail at their first words.
fn may_echo(s: &str, spaces_only: bool) -> bool {
    let mut words = words(s, spaces_only).map(|(_, w)| w);
    let Some(first) = words.next() else {
        return false;
    };
    let head = if item_number(first).is_some() {
        words.next()
    } else {
        Some(first)
    };
    let Some(head) = head else {
        return false;
    };
    let mut prev = head;
    for w in words.take(MAX_WORDS) {
        if prev.ends_with(['.', ',', ':', ';', '!', '?', '…', ')', '"', '”']) {
            return false;
        }
        if w == head {
            return true;
        }
        prev = w;
    }
    false
}

/// The byte length of an item's number and the space after it opening `s` ("3. Ăn chậm"),
/// and the rest; 0 and `s` when it has none.
pub(super) fn split_number(s: &str) -> (usize, &str) {
    match s.split_once(' ') {
        Some((first, rest)) if item_number(first).is_some() => {
            let rest = rest.trim_start();
            (s.len() - rest.len(), rest)
        }
        _ => (0, s),
    }
}

#[cfg(test)]
mod tests {
    use super::heading_len;

    fn head(s: &str) -> Option<(&str, bool)> {
        let plain = heading_len(s, super::super::first_words::spaces_only(s));
        assert_eq!(plain, heading_len(s, false), "{s}");
        plain.map(|(l, sure)| (&s[..l], sure))
    }

    #[test]
    fn the_words_repeated_right_after_are_the_heading() {
        assert_eq!(
            head("3. Hàu Hàu là một loại hải sản giàu kẽm."),
            Some(("3. Hàu", true))
        );
        assert_eq!(
            head("Lee Jong Suk Lee Jong Suk nhận kịch bản mới tên là Hồ sơ."),
            Some(("Lee Jong Suk", true))
        );
        assert_eq!(
            head("Uống nước quá lạnh Uống nước quá lạnh sẽ ảnh hưởng tới sức khỏe."),
            Some(("Uống nước quá lạnh", true))
        );
        // One word without a number: maybe a doubled name, sure only with other headings.
        assert_eq!(
            head("Bưởi Bưởi không chỉ giúp bạn giảm cân."),
            Some(("Bưởi", false))
        );
    }

    #[test]
    fn running_text_has_no_echo() {
        for s in [
            "Hà Nội là thủ đô của Việt Nam, Hà Nội có nhiều hồ.",
            "Nhiều nhiều người đã đến.",
            // Punctuation inside: a list, not a heading.
            "Cam, Cam, quýt và bưởi đều tốt.",
            // Nothing after the echo: no paragraph opens.
            "Thái Lan Thái Lan",
            "có có ba người",
            "2017. 2017. là năm của chúng ta",
        ] {
            assert_eq!(head(s), None, "{s}");
        }
    }
}
