//! Lines that lists of links and images leave: dated headlines, image alt text.

use crate::preprocess::shapes::more_words_than;
use crate::text::is_vietnamese_syllable;

/// A headline with its date in brackets, as related-article lists print them:
/// "Gio Linh phát triển kinh tế biển (04/06/2022)", "… (8/8/2020)", "… (14:20 - 06/02)".
pub fn is_dated_headline(line: &str) -> bool {
    let Some(inner) = line
        .strip_suffix(')')
        .and_then(|l| l.rfind('(').map(|i| &l[i + 1..]))
    else {
        return false;
    };
    let digits = inner.chars().filter(char::is_ascii_digit).count();
    digits >= 2
        && inner.contains('/')
        && inner
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.' | ':' | ' '))
        && !line.ends_with(".)")
        && !more_words_than(line, 30)
}

/// Unaccented lowercase copy of text, as image `alt` attributes and URL slugs are written:
/// `ky cuoi nguyen nhan va bai hoc kinh nghiem`, `ky-cuoi-nguyen-nhan`. Real text has
/// capitals, diacritics and punctuation.
pub fn is_alt_slug(line: &str) -> bool {
    if !line
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == ' ' || c == '-' || c == '_')
    {
        return false;
    }
    let words: Vec<&str> = line
        .split([' ', '-', '_'])
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 3 {
        return false;
    }
    let viet = words.iter().filter(|w| is_vietnamese_syllable(w)).count();
    viet * 10 >= words.len() * 7
}
