//! `text_helpers`: folding, canonical tones, widths, normalised lines, Telex.

use nghiquyet::preprocess::normalize;
use nghiquyet::text::{self, telex};
use unicode_normalization::{UnicodeNormalization, is_nfc};
use unicode_width::UnicodeWidthStr;

use super::{is_hidden, on};

/// First byte: a column count; the rest: text (invalid UTF-8 replaced).
pub fn text_helpers(data: &[u8]) {
    /// Telex keys: letters only, so every key is exercised.
    const KEYS: &[u8] = b"aaaeeooouuwwddsfrxjzyinghtcqmpklvbAEOUWDSFRXJ";
    let (cols, rest) = match data.split_first() {
        Some((c, rest)) => (usize::from(*c % 64), rest),
        None => (0, data),
    };
    let s = String::from_utf8_lossy(rest);
    check_text(&s, cols);
    // The same bytes as Telex keys.
    let keys: String = rest
        .iter()
        .take(24)
        .map(|&b| char::from(KEYS[usize::from(b) % KEYS.len()]))
        .collect();
    check_telex_word(&keys);
}

pub fn check_text(s: &str, cols: usize) {
    check_fold(s);
    if on("canonical-nfc") {
        let c = text::canonical(s);
        assert!(is_nfc(&c), "canonical({s:?}) = {c:?} is not NFC");
    }
    assert!(text::to_ascii(s).is_ascii(), "to_ascii({s:?}) is not ASCII");
    let _ = text::title_case(s);
    let _ = text::is_all_caps(s);
    let _ = text::has_vietnamese_letters(s);
    check_truncation(s, cols);
    for line in s.split('\n') {
        check_normalized_line(line);
    }
    // Telex over the whole text, and word by word.
    let t = telex::telex(s);
    if on("telex-nfc") {
        assert!(is_nfc(&t), "telex({s:?}) = {t:?} is not NFC");
    }
    if !s.bytes().any(|b| b.is_ascii_alphabetic()) {
        assert_eq!(
            t,
            s.nfc().collect::<String>(),
            "telex changed a text without keys"
        );
    }
    for word in s
        .split(|c: char| !telex_word_char(c))
        .filter(|w| !w.is_empty())
    {
        if word.bytes().all(|b| b.is_ascii_alphabetic()) {
            check_telex_word(word);
        } else {
            assert_eq!(telex::telex_word(word), word, "non-key word changed");
        }
        if let Some(k) = telex::telex_keys(word) {
            assert!(
                k.bytes().all(|b| b.is_ascii_alphabetic()),
                "keys {k:?} for {word:?}"
            );
        }
        let _ = text::is_vietnamese_syllable(word);
    }
}

/// `telex::is_word_char` (crate-private): letters, digits, combining marks.
fn telex_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// `fold`'s map points each folded char back at the char it came from; `fold_str` is the
/// same text; folding is idempotent; `fold_for_search` only drops digit-grouping marks.
pub fn check_fold(s: &str) {
    let orig: Vec<char> = s.chars().collect();
    let f = text::fold(s);
    let folded: Vec<char> = f.text.chars().collect();
    assert_eq!(f.map.len(), folded.len(), "map length");
    assert!(f.map.windows(2).all(|w| w[0] < w[1]), "map not increasing");
    let kept: Vec<usize> = (0..orig.len())
        .filter(|&i| text::fold_char(orig[i]).is_some())
        .collect();
    assert_eq!(f.map, kept, "map is not the chars that fold to something");
    for (k, &i) in f.map.iter().enumerate() {
        assert_eq!(Some(folded[k]), text::fold_char(orig[i]));
        assert_eq!(
            text::fold_char(folded[k]),
            Some(folded[k]),
            "fold not idempotent"
        );
    }
    assert_eq!(text::fold_str(s), f.text);

    let g = text::fold_for_search(s);
    let gchars: Vec<char> = g.text.chars().collect();
    assert_eq!(g.map.len(), gchars.len(), "search map length");
    // A subsequence of `fold`: the chars left out are `.` or `,` between digits.
    let mut k = 0;
    for (j, &i) in f.map.iter().enumerate() {
        if g.map.get(k) == Some(&i) {
            assert_eq!(gchars[k], folded[j]);
            k += 1;
        } else {
            let digit = |x: Option<&char>| x.is_some_and(char::is_ascii_digit);
            assert!(
                matches!(folded[j], '.' | ',')
                    && digit(j.checked_sub(1).and_then(|p| folded.get(p)))
                    && digit(folded.get(j + 1)),
                "fold_for_search dropped {:?} at {j} of {:?}",
                folded[j],
                f.text
            );
        }
    }
    assert_eq!(
        k,
        g.map.len(),
        "fold_for_search map is not a subsequence of fold's"
    );
}

/// Cut to `cols` columns: unchanged when it fits; else a prefix and the ellipsis, at most
/// `cols` columns wide (the ellipsis alone when even it does not fit).
pub fn check_truncation(s: &str, cols: usize) {
    for ellipsis in ["…", "..."] {
        let t = text::truncate_with(s, cols, ellipsis);
        if s.width() <= cols {
            assert_eq!(t, s, "a text that fits was cut");
            continue;
        }
        let head = t
            .strip_suffix(ellipsis)
            .expect("a cut text ends with the ellipsis");
        assert!(s.starts_with(head), "{t:?} is not a prefix of {s:?}");
        if on("truncate-width") {
            assert!(
                t.width() <= cols.max(ellipsis.width()),
                "truncate_with({s:?}, {cols}, {ellipsis:?}) = {t:?} is {} columns wide",
                t.width()
            );
        }
    }
    assert_eq!(
        text::truncate_to_width(s, cols),
        text::truncate_with(s, cols, "…")
    );
}

/// A normalised line: no hidden characters, every space one ASCII space, no run, trimmed,
/// NFC (`normalize::normalize_line`).
pub fn check_normalized_line(line: &str) {
    let n = normalize::normalize_line(line);
    assert!(!n.chars().any(is_hidden), "hidden character in {n:?}");
    assert!(
        !n.chars().any(|c| c.is_whitespace() && c != ' '),
        "other whitespace in {n:?}"
    );
    assert!(
        !n.starts_with(' ') && !n.ends_with(' ') && !n.contains("  "),
        "spaces not collapsed and trimmed: {n:?}"
    );
    if on("line-nfc") {
        assert!(is_nfc(&n), "normalize_line({line:?}) = {n:?} is not NFC");
    }
}

/// Telex keys (ASCII letters) give NFC Vietnamese letters, at most one per key, each an
/// ASCII letter or a Vietnamese letter, folding back to ASCII lowercase.
pub fn check_telex_word(keys: &str) {
    let out = telex::telex_word(keys);
    assert!(is_nfc(&out), "telex_word({keys:?}) = {out:?} is not NFC");
    assert!(
        out.chars().count() <= keys.chars().count(),
        "telex_word({keys:?}) = {out:?} is longer than its keys"
    );
    assert!(
        out.chars()
            .all(|c| c.is_ascii_alphabetic() || text::is_vietnamese_letter(c)),
        "telex_word({keys:?}) = {out:?}"
    );
    assert!(text::fold_str(&out).bytes().all(|b| b.is_ascii_lowercase()));
}
