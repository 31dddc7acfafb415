//! Step 1: bytes → normalised lines (UTF-8, NFC, clean whitespace, no control characters).

use unicode_normalization::{IsNormalized, UnicodeNormalization};

/// Longest line accepted. Real articles (even the one-line-per-article archive) stay far
/// below; a longer line means the file is not an article (a dump, minified HTML, binary).
pub const MAX_LINE_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("empty file (no text to build an article from)")]
    Empty,
    #[error("binary file (NUL byte at byte offset {offset}); expected UTF-8 text")]
    Binary { offset: usize },
    #[error("invalid UTF-8 at byte offset {offset} (line {line}); re-encode the file as UTF-8")]
    InvalidUtf8 { offset: usize, line: usize },
    #[error("line {line} is {bytes} bytes long (limit {MAX_LINE_BYTES}); not an article text")]
    LineTooLong { line: usize, bytes: usize },
}

/// Decode raw bytes to text: reject binary and invalid UTF-8 with a precise offset,
/// strip a BOM.
pub fn decode(bytes: &[u8]) -> Result<&str, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Only NULs in the first 8 KiB count as "binary", like git and grep do.
    if let Some(offset) = memchr::memchr(0, &bytes[..bytes.len().min(8192)]) {
        return Err(InputError::Binary { offset });
    }
    // simdutf8 checks valid text several times faster than std on Vietnamese, nearly all
    // multi-byte chars; std reads an invalid file again, for the offset of its first error.
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => std::str::from_utf8(bytes).map_err(|e| {
            let offset = e.valid_up_to();
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..offset]).count();
            InputError::InvalidUtf8 { offset, line }
        })?,
    };
    if text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    // Lines as `normalize` will see them: CR LF, LF and a lone CR each end one.
    let bytes = text.as_bytes();
    let (mut line, mut start) = (1, 0);
    // The LF of a CR LF, which ends no line of its own.
    let mut lf_of_crlf = None;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes).chain([bytes.len()]) {
        if lf_of_crlf == Some(i) {
            continue;
        }
        if i - start > MAX_LINE_BYTES {
            return Err(InputError::LineTooLong {
                line,
                bytes: i - start,
            });
        }
        start = i + 1;
        if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
            lf_of_crlf = Some(i + 1);
            start = i + 2;
        }
        line += 1;
    }
    Ok(text)
}

/// One line of the raw file after normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLine {
    /// 1-based line number in the raw file.
    pub number: usize,
    /// NFC text, single spaces, trimmed. Empty for a blank line.
    pub text: String,
    /// Byte offsets in `text` of the spaces that stand for two or more spaces in the raw
    /// line: where a flattened body lost a line break (see [`normalize_with_breaks`]).
    pub breaks: Vec<usize>,
}

/// Split text into normalised lines. CRLF and lone CR count as line ends.
pub fn normalize(text: &str) -> Vec<RawLine> {
    let unified;
    let text = if text.contains('\r') {
        unified = text.replace("\r\n", "\n").replace('\r', "\n");
        unified.as_str()
    } else {
        text
    };
    text.split('\n')
        .enumerate()
        .map(|(i, line)| {
            let (text, breaks) = normalize_with_breaks(line);
            RawLine {
                number: i + 1,
                text,
                breaks,
            }
        })
        .collect()
}

/// [`normalize_line`], and the offsets of the spaces in it that were two or more ASCII
/// spaces in `line`. A flattened body keeps them where it lost a line break: after a heading
/// ("… 5 - 10 năm tới. Năng lực không đáp ứng nhu cầu  Cách đây hơn 10 năm …"), a caption or
/// a signature; running text has single spaces.
pub fn normalize_with_breaks(line: &str) -> (String, Vec<usize>) {
    if !line.contains("  ") {
        return (normalize_line(line), Vec::new());
    }
    // Whitespace ends every run NFC composes and every run of spaces collapses: the pieces
    // between double spaces normalise apart to the same text as the whole line.
    let mut text = String::with_capacity(line.len());
    let mut breaks = Vec::new();
    for piece in line.split("  ") {
        let piece = normalize_line(piece);
        if piece.is_empty() {
            continue;
        }
        if !text.is_empty() {
            breaks.push(text.len());
            text.push(' ');
        }
        text.push_str(&piece);
    }
    (text, breaks)
}

/// Characters that never reach the corpus: C0/C1 controls (escape sequences in a terminal),
/// and invisible format characters (zero-width, bidi overrides, soft hyphen, BOM).
pub fn is_dropped(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c,
            '\u{00AD}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// NFC, every kind of space (tab, no-break, ideographic …) → one ASCII space, runs collapsed,
/// trimmed, controls removed.
pub fn normalize_line(line: &str) -> String {
    // Most lines are normal already: copied whole, not word by word. Of another, the
    // words before the first odd char or space are copied whole.
    let from = match normal_plain_prefix(line) {
        Ok(()) => return line.to_owned(),
        Err(from) => from,
    };
    // Most lines are printable ASCII and the letters and punctuation of Vietnamese
    // ([`is_plain_letter`]) with spaces: NFC as they are, and nothing to drop. One pass over
    // such a line does what the three of the general case do.
    // Each run of letters between spaces is read in a tight loop and copied whole, and an
    // ASCII byte is not decoded.
    let mut out = String::with_capacity(line.len());
    out.push_str(&line[..from]);
    let bytes = line.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if !(b'!'..=b'~').contains(&b) {
                    break;
                }
                i += 1;
            } else {
                let (c, len) = crate::text::chars::decode_at(line, i);
                if !is_plain_letter(c) {
                    break;
                }
                i += len;
            }
        }
        if i > start {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&line[start..i]);
        }
        if i == bytes.len() {
            break;
        }
        let (c, len) = crate::text::chars::decode_at(line, i);
        if !matches!(c, ' ' | '\t'..='\r' | '\u{a0}') {
            return normalize_other_line(line);
        }
        i += len;
    }
    out
}

/// `Ok` if `line` is plain letters ([`is_plain_letter`]) in words parted by one ASCII
/// space, with none at either end: what [`normalize_line`] gives back unchanged. Else where
/// the words before the first char breaking that shape end: the loop of [`normalize_line`]
/// goes on from there as if it had read them. Told by bytes.
fn normal_plain_prefix(line: &str) -> Result<(), usize> {
    let b = line.as_bytes();
    let mut i = 0;
    // After a space, or at the start: no space may come.
    let mut after_space = true;
    let mut last_word_end = 0;
    while i < b.len() {
        if b[i] == b' ' {
            if after_space {
                return Err(last_word_end);
            }
            last_word_end = i;
            after_space = true;
            i += 1;
            continue;
        }
        match plain_letter_len(b, i) {
            0 => return Err(if after_space { last_word_end } else { i }),
            n => i += n,
        }
        after_space = false;
    }
    if after_space && !b.is_empty() {
        return Err(last_word_end);
    }
    Ok(())
}

/// The byte length of the char at byte `i` of valid UTF-8 `b` if it is a
/// [`is_plain_letter`], else 0: told from its first bytes, not decoded.
fn plain_letter_len(b: &[u8], i: usize) -> usize {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        b'!'..=b'~' => 1,
        // U+A1–U+AC, U+AE–U+BF (not the soft hyphen U+AD); U+C0–U+23F; U+240–U+24F.
        0xC2 if matches!(at(1), 0xA1..=0xAC | 0xAE..=0xBF) => 2,
        0xC3..=0xC8 => 2,
        0xC9 if at(1) <= 0x8F => 2,
        // U+1E00–U+1EFF; U+2010–U+2027.
        0xE1 if matches!(at(1), 0xB8..=0xBB) => 3,
        0xE2 if at(1) == 0x80 && matches!(at(2), 0x90..=0xA7) => 3,
        _ => 0,
    }
}

/// A char of a normalised line that [`normalize_line`] keeps as it is wherever it stands:
/// [`is_plain`], and neither a space nor a dropped char.
fn is_plain_letter(c: char) -> bool {
    matches!(c, '!'..='~' | '\u{A1}'..='\u{AC}' | '\u{AE}'..='\u{24F}')
        || matches!(c, '\u{1E00}'..='\u{1EFF}' | '\u{2010}'..='\u{2027}')
}

/// [`normalize_line`] of a line with other chars than spaces and [`is_plain_letter`]s.
fn normalize_other_line(line: &str) -> String {
    // Most scraped text is already NFC: the quick check skips decomposing and recomposing.
    let nfc: std::borrow::Cow<str> = match is_nfc_quick(line) {
        IsNormalized::Yes => std::borrow::Cow::Borrowed(line),
        _ => std::borrow::Cow::Owned(line.nfc().collect()),
    };
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in nfc.chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            pending_space = !out.is_empty();
            continue;
        }
        if is_dropped(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    // Dropping a character can bring a mark next to a letter it composes with
    // (`z`, NUL, U+0301): compose again where that happened.
    match is_nfc_quick(&out) {
        IsNormalized::Yes => out,
        _ => out.nfc().collect(),
    }
}

/// A char that the NFC quick check passes as it passes ASCII: a starter (combining class 0)
/// that is NFC whatever surrounds it. These are the letters and punctuation of Vietnamese
/// text (Latin-1, Latin Extended-A and B, Latin Extended Additional, dashes and quotes),
/// checked one by one in the tests.
fn is_plain(c: char) -> bool {
    matches!(c, '\0'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' | '\u{2010}'..='\u{2027}')
}

/// [`unicode_normalization::is_nfc_quick`], the same answer without its two table look-ups
/// for each char of Vietnamese text: runs of [`is_plain`] chars are skipped, and the crate
/// checks what lies between them. A plain char resets the check's state as ASCII does, so
/// the runs between can be checked apart.
fn is_nfc_quick(s: &str) -> IsNormalized {
    let mut result = IsNormalized::Yes;
    let mut other_from = None;
    for (i, c) in s.char_indices().chain([(s.len(), 'a')]) {
        if !is_plain(c) {
            other_from.get_or_insert(i);
            continue;
        }
        if let Some(from) = other_from.take() {
            match unicode_normalization::is_nfc_quick(s[from..i].chars()) {
                IsNormalized::No => return IsNormalized::No,
                IsNormalized::Maybe => result = IsNormalized::Maybe,
                IsNormalized::Yes => {}
            }
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_letters_are_told_by_their_bytes() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let s = c.to_string();
            let want = if is_plain_letter(c) { s.len() } else { 0 };
            assert_eq!(plain_letter_len(s.as_bytes(), 0), want, "{c:?}");
        }
    }

    #[test]
    fn a_line_read_from_its_plain_prefix_is_normalised_as_from_its_start() {
        for t in [
            "",
            "a",
            "Nghị quyết – “Đảng”",
            "x y",
            " x",
            "x ",
            "x  y",
            "a\u{a0}b c",
            "ab \u{a0}c",
            "a\tb",
            "ab\u{300}c d",
            "Hà Nội  \u{202e}x ",
            "z \u{0}\u{301}",
        ] {
            let whole = normal_plain_prefix(t).is_ok();
            let ok = !t.starts_with(' ') && !t.ends_with(' ') && !t.contains("  ");
            let plain = t.chars().all(|c| c == ' ' || is_plain_letter(c));
            assert_eq!(whole, ok && plain, "{t:?}");
            // The general steps, from the start.
            let general = normalize_other_line(t);
            assert_eq!(normalize_line(t), general, "{t:?}");
        }
    }

    #[test]
    fn decode_rejects_bad_input_precisely() {
        assert_eq!(decode(b""), Err(InputError::Empty));
        assert_eq!(decode(b" \n\n\t"), Err(InputError::Empty));
        assert_eq!(decode(b"ab\0cd"), Err(InputError::Binary { offset: 2 }));
        assert_eq!(
            decode(b"ok\nbad \xff here"),
            Err(InputError::InvalidUtf8 { offset: 7, line: 2 })
        );
        let long = "a".repeat(MAX_LINE_BYTES + 1);
        assert!(matches!(
            decode(format!("title\n{long}").as_bytes()),
            Err(InputError::LineTooLong { line: 2, .. })
        ));
        assert_eq!(decode(b"\xEF\xBB\xBFxin chao"), Ok("xin chao"));
        // Old Mac line ends: many short lines, not one long one.
        let cr_only = "một dòng ngắn\r".repeat((MAX_LINE_BYTES / 10) * 2);
        assert!(cr_only.len() > MAX_LINE_BYTES);
        assert!(decode(cr_only.as_bytes()).is_ok());
        let crlf = format!("a\r\nb\r\n{long}");
        assert!(matches!(
            decode(crlf.as_bytes()),
            Err(InputError::LineTooLong { line: 3, .. })
        ));
        let cr_long = format!("a\rb\r{long}\rc");
        assert!(matches!(
            decode(cr_long.as_bytes()),
            Err(InputError::LineTooLong { line: 3, .. })
        ));
    }

    #[test]
    fn double_spaces_are_kept_as_breaks_and_the_text_is_as_normalize_line_makes_it() {
        for line in [
            "Đáng lo ngại hơn. Năng lực không đáp ứng nhu cầu  Cách đây hơn 10 năm",
            "  a   b\t\t c \u{a0} d    ",
            "a  \u{200B}  b  ",
            "e\u{301}  \u{301}x   y",
            "không có dấu cách đôi",
            "    ",
        ] {
            let (text, breaks) = normalize_with_breaks(line);
            assert_eq!(text, normalize_line(line), "{line:?}");
            for &b in &breaks {
                assert_eq!(text.as_bytes()[b], b' ', "{line:?} at {b}");
            }
            assert!(breaks.windows(2).all(|w| w[0] < w[1]), "{line:?}");
        }
        let (text, breaks) = normalize_with_breaks(
            "Đáng lo ngại hơn. Năng lực không đáp ứng nhu cầu  Cách đây hơn 10 năm",
        );
        assert_eq!(breaks.len(), 1);
        assert!(text[breaks[0]..].starts_with(" Cách đây"));
        assert_eq!(normalize_with_breaks("a  \u{200B}  b").1, [1]);
        assert!(normalize_with_breaks("a b\u{a0} c").1.is_empty());
    }

    #[test]
    fn plain_chars_are_nfc_starters() {
        for c in (0..=0x10_FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(c))
        {
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "{c:?}"
            );
            assert_eq!(
                unicode_normalization::is_nfc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "{c:?}"
            );
        }
    }

    #[test]
    fn plain_letters_are_kept_as_they_are() {
        for c in (0..=0x10_FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain_letter(c))
        {
            assert!(is_plain(c) && !c.is_whitespace() && !is_dropped(c), "{c:?}");
            assert_eq!(
                normalize_other_line(&format!("a{c} {c}")),
                format!("a{c} {c}")
            );
        }
    }

    #[test]
    fn plain_lines_take_the_short_path_to_the_same_result() {
        // Lines drawn from chars that each take another path, compared with the general case.
        let alphabet: Vec<char> =
            " \t\u{a0}\u{3000}aZ.ạĐư–“…\u{301}\u{323}\u{ad}\u{200b}\u{1b}\u{85}\u{7f}北😀"
                .chars()
                .collect();
        let mut seed: u64 = 20_261_206;
        let mut normal = 0;
        for _ in 0..20_000 {
            let mut line = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            for _ in 0..(seed >> 60) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let k = usize::try_from(seed >> 33).unwrap() % alphabet.len();
                line.push(alphabet[k]);
            }
            let expected = normalize_other_line(&line);
            assert_eq!(normalize_line(&line), expected, "{line:?}");
            if line.chars().all(is_plain_letter) {
                assert_eq!(expected, line);
                normal += 1;
            }
        }
        assert!(normal > 100, "{normal}");
    }

    #[test]
    fn the_quick_check_answers_as_the_crate_does() {
        let nfd: String = "Thanh Hoá, Đà Nẵng".nfd().collect();
        for s in [
            String::new(),
            "Nghị quyết “Đại hội” – 2020…".to_string(),
            nfd.clone(),
            format!("ạ{nfd}ư"),
            "a\u{301}".to_string(),
            "\u{301}a".to_string(),
            "e\u{323}\u{302}".to_string(),
            "e\u{302}\u{323}".to_string(),
            "\u{2000}\u{958}x\u{F900}".to_string(),
            "Ω Å \u{212B} \u{2126}".to_string(),
        ] {
            for cut in 0..=s.chars().count() {
                let t: String = s.chars().take(cut).collect();
                assert_eq!(
                    is_nfc_quick(&t),
                    unicode_normalization::is_nfc_quick(t.chars()),
                    "{t:?}"
                );
            }
        }
    }

    #[test]
    fn lines_are_normalised() {
        let nfd: String = "Thanh Hoá".nfd().collect();
        let raw = format!("a\u{a0}\u{a0}b  c \r\n{nfd}\rx\u{1b}[31my\u{200b}z\t\n");
        let lines = normalize(&raw);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a b c", "Thanh Hoá", "x[31myz", ""]);
        assert_eq!(lines[1].number, 2);
        assert_eq!(normalize("  caption")[0].text, "caption");
    }
}
