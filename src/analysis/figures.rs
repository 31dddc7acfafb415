//! The first figure in the right context of a hit: `12,06%`, `15.400 căn`, `1.200 tỷ đồng`.
//!
//! Numbers are read with the Vietnamese separators (`.` groups thousands, `,` marks the
//! decimals). The value is normalised so that rows sort numerically across scales: the scale
//! words (`nghìn`/`ngàn`, `triệu`, `tỷ`/`tỉ`, `nghìn tỷ`) multiply it, so `1.200 tỷ đồng` is
//! 1.2e12 and `500 triệu đồng` is 5e8. The unit label keeps the scale as written but in one
//! spelling (`tỉ` → `tỷ`, `ngàn` → `nghìn`, `m²` → `m2`, `hecta` → `ha`, `VNĐ` → `đồng`), so
//! `1.200 tỷ đồng` has unit `tỷ đồng` and [`Figure::base_unit`] `đồng`. A table sorts by
//! `value` (`f64::total_cmp`) among rows of one base unit; a rate keeps its denominator in the
//! label (`đồng/lượng`, `%/năm`), since a price per unit does not sort with an amount.
//!
//! Decisions on the ambiguous forms:
//! - `15.400`, `1.200.000`: thousands (every group after the first has three digits).
//!   `1.5`, `2.5 lít`, `1.2 triệu USD`: one dot followed by one, two or four and more digits is a
//!   decimal written the English way. `1.500` stays 1500: the Vietnamese reading wins.
//! - `12,06`, `3,5`, `1,234`: one comma is a decimal comma. `1,234,567` (every group three
//!   digits) is English thousands. `2.000,5` is 2000.5; `1,234.5` is 1234.5. Other mixes
//!   (`1.2.3`, `1,2,3`) are not figures.
//! - A separator not followed by a digit is punctuation: `tăng 5.` is 5, `2, người` is 2.
//! - `12,06%` and `12,06 %` (one space) are both percent; so is `phần trăm`.
//! - Ranges `5-7%`, `5 – 7 %`: the value is the lower end, the text the whole range, the unit
//!   the one after the upper end.
//! - `-5%`, `−5%` and `âm 145,7 tỷ` are negative (the text includes `âm`); `+0,9%` positive.
//!   `giảm 5%` stays 5: the verb is in the context, the figure is a magnitude.
//! - Years are not figures: a number after `năm` (and `tháng`, `ngày`, `quý`), and a bare
//!   integer 1900–2100 with no unit and no separator (`giai đoạn 2016-2020`).
//! - Identifiers and ordinals are not figures: numbers after `thứ`, `số`, `khóa`, `điều`,
//!   `khoản`, `lộ`, … and number words (`hai`, `thứ nhất`), which are never read.
//! - Periods are not figures but qualifiers of the one that follows: `GRDP 6 tháng ước đạt
//!   13,26%` gives 13,26%; `10 năm`, `3 quý`, `60 ngày` are skipped (and so is `18 năm tù`).
//! - Ranges with words, `từ 86 đến 88 triệu đồng`, `5 tới 7%`, read like `5-7%`.
//! - Identifiers after two words (`Nghị quyết 19`, `Quyết định 148`, `Trung ương 4`),
//!   codes `26-NQ/TW`, `19-2017/NQ-CP`, list markers `(2)`, `1- `, `2)` (but `(5%)` is a
//!   figure), clock times and addresses (`lúc 11 giờ`, `hôm 24`, `hẻm 725`) are not. A hit that
//!   ends in such a name leaves only the number in `right`: [`first_figure_after`] takes the
//!   hit too.
//! - Dates and fractions `5/2`, `6/45`, times `10h30`, `8h`, `10:30`, codes `6x36`, `4G`,
//!   and numbers with a leading zero (`0913.768.894`, phone numbers) are skipped, and the
//!   search goes on past them.
//!
//! Only the first [`MAX_WORDS`] words are searched, and never past the end of the sentence:
//! the figure of "tăng trưởng GRDP" sits within a verb and a parenthetical (`(ước tính) đạt
//! 8,5%`, `năm 2017 tăng 7,2%`); further on the sentence has usually moved to another subject
//! and its number would be a wrong row in the table.
//!
//! Offsets are in chars. The text is expected in NFC, as the corpus is; units match any case
//! except symbols such as `m`, `ha`, `kg` (so `4G`, `3D` are not grams or metres).

use std::ops::Range;

use number::{parse_number, scan_number};
use words::{NOT_A_FIGURE_AFTER, NOT_A_FIGURE_AFTER_TWO, NOT_AFTER_SCALE, PERIODS, SCALES, UNITS};

mod number;
mod words;

/// How many words after the hit are searched for a figure.
pub const MAX_WORDS: usize = 12;

/// A number and its unit as found in a hit's right context.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The number with its sign and scale applied: `1.200 tỷ đồng` is 1.2e12.
    pub value: f64,
    /// The unit label, one spelling per unit: `%`, `tỷ đồng`, `nghìn tấn`, `m2`; empty when
    /// none follows.
    pub unit: String,
    /// The figure as written, unit included.
    pub text: String,
    /// Char offset of the figure's first char in the input.
    pub start: usize,
    /// Char offset just past the figure.
    pub end: usize,
}

impl Figure {
    /// The unit without its scale word: `đồng` for `tỷ đồng`, `tỷ` when a scale stands alone.
    pub fn base_unit(&self) -> &str {
        let mut unit = self.unit.as_str();
        for (_, label, _) in SCALES {
            if let Some(rest) = unit.strip_prefix(label)
                && let Some(rest) = rest.strip_prefix(' ')
            {
                unit = rest;
                break;
            }
        }
        unit
    }
}

/// The first figure within the first [`MAX_WORDS`] words of `right` and its sentence.
pub fn first_figure(right: &str) -> Option<Figure> {
    first_figure_after("", right)
}

/// [`first_figure`] when the words before `right` are known (the hit, or the hit and its left
/// context): they tell an identifier from a figure, as in `Nghị quyết` + ` 19 của Chính phủ`.
/// The figure's offsets are still in `right`.
pub fn first_figure_after(before: &str, right: &str) -> Option<Figure> {
    // Only the words that can matter: three before (`Trung ương`, `âm`), and past the last
    // number a figure may start at, room for its range, scale, unit and rate.
    let before = tail_words(before, 3);
    let right = head_words(right, MAX_WORDS + 8);
    let chars: Vec<char> = before.chars().chain(right.chars()).collect();
    let base = chars.len() - right.chars().count();
    let mut figure = scan(&chars, base)?;
    figure.start -= base;
    figure.end -= base;
    Some(figure)
}

/// The last `n` words of `s` and the space before them.
fn tail_words(s: &str, n: usize) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (byte, c) in s.char_indices().rev() {
        if c.is_whitespace() {
            if in_word && words == n {
                return &s[byte + c.len_utf8()..];
            }
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
        }
    }
    s
}

/// The first `n` words of `s`, up to its first line break.
fn head_words(s: &str, n: usize) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (byte, c) in s.char_indices() {
        if c == '\n' || c == '\r' {
            return &s[..byte];
        }
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > n {
                return &s[..byte];
            }
        }
    }
    s
}

/// The first figure from `base`, offsets in `chars`.
fn scan(chars: &[char], base: usize) -> Option<Figure> {
    let mut i = base;
    let mut words = 0;
    let mut in_word = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' || c == '\r' {
            break;
        }
        if c.is_whitespace() {
            in_word = false;
            i += 1;
            continue;
        }
        if !in_word {
            in_word = true;
            words += 1;
            if words > MAX_WORDS {
                break;
            }
        }
        if ends_sentence(chars, i) {
            break;
        }
        if starts_number(chars, i) {
            match read_figure(chars, i, base) {
                Ok(figure) => return Some(figure),
                Err(next) => {
                    i = next;
                    continue;
                }
            }
        }
        i += 1;
    }
    None
}

/// A `.`, `!`, `?` or `…` before a space or the end, not after an abbreviation (`TP.`, `Q.`).
fn ends_sentence(chars: &[char], i: usize) -> bool {
    if !matches!(chars[i], '.' | '!' | '?' | '…') || !at_gap(chars, i + 1) {
        return false;
    }
    if chars[i] != '.' {
        return true;
    }
    let word = &chars[word_start(chars, i)..i];
    let abbreviation =
        (1..=3).contains(&word.len()) && word.first().is_some_and(|c| c.is_uppercase());
    !abbreviation
}

/// Whether `i` is the end or whitespace.
fn at_gap(chars: &[char], i: usize) -> bool {
    chars.get(i).is_none_or(|c| c.is_whitespace())
}

/// The start of the run of non-whitespace chars that ends at `end`.
fn word_start(chars: &[char], end: usize) -> usize {
    let mut s = end;
    while s > 0 && !chars[s - 1].is_whitespace() {
        s -= 1;
    }
    s
}

/// A digit or a sign before a digit, not inside a word or code (`U23`, `COVID-19`).
fn starts_number(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    let digit_at = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
    let before = i.checked_sub(1).map(|k| chars[k]);
    if matches!(c, '+' | '-' | '−') {
        return digit_at(i + 1) && before.is_none_or(|b| b.is_whitespace() || b == '(');
    }
    if !c.is_ascii_digit() {
        return false;
    }
    match before {
        Some(b) if b.is_alphanumeric() => false,
        Some('-' | '.' | ',') => {
            let before2 = i.checked_sub(2).map(|k| chars[k]);
            before2.is_none_or(|b| !b.is_alphanumeric())
        }
        _ => true,
    }
}

/// The figure starting at `i`, or where to go on searching when the number there is not one.
fn read_figure(chars: &[char], i: usize, base: usize) -> Result<Figure, usize> {
    let mut negative = matches!(chars[i], '-' | '−');
    let digits = if matches!(chars[i], '+' | '-' | '−') {
        i + 1
    } else {
        i
    };
    let number = scan_number(chars, digits);
    let skip = skip_token(chars, number.end);
    let Some(mut value) = parse_number(&chars[number.clone()]) else {
        return Err(skip);
    };
    let mut start = i;
    let previous = previous_word(chars, i);
    let previous_lower: String = chars[previous.clone()]
        .iter()
        .flat_map(|c| c.to_lowercase())
        .collect();
    if NOT_A_FIGURE_AFTER.contains(&previous_lower.as_str()) {
        return Err(skip);
    }
    let two = previous_word(chars, previous.start);
    let two_lower: String = chars[two.start..previous.end]
        .iter()
        .flat_map(|c| c.to_lowercase())
        .collect();
    if NOT_A_FIGURE_AFTER_TWO.contains(&two_lower.as_str()) {
        return Err(skip); // `Nghị quyết 19`, `Trung ương 4`
    }
    if previous_lower == "âm" && !negative {
        negative = true;
        if previous.start >= base {
            start = previous.start; // `âm` is in the text unless it is in the hit
        }
    }
    if matches!(chars.get(number.end), Some('/' | ':'))
        && chars.get(number.end + 1).is_some_and(char::is_ascii_digit)
    {
        return Err(skip); // a date `5/2`, a fraction `6/45`, a time `10:30`
    }
    let mut end = number.end;
    if let Some(upper) = scan_range(chars, end) {
        end = upper;
    }
    let (unit, factor, unit_end) = scan_unit(chars, end);
    if unit.is_empty() && chars.get(end).is_some_and(|c| c.is_alphabetic()) {
        return Err(skip); // a time `10h30`, `8h`, a code `6x36`, `4G`
    }
    if unit.is_empty() && matches!(chars.get(end), Some('-' | '/' | ')')) {
        let next = chars.get(end + 1);
        if next.is_none_or(|c| c.is_alphanumeric() || c.is_whitespace()) {
            return Err(skip); // a code `26-NQ/TW`, `19-2017/NQ-CP`, a list marker `1-`, `2)`
        }
    }
    if PERIODS.contains(&unit.as_str()) {
        return Err(unit_end); // `6 tháng đầu năm`, `trong 10 năm`
    }
    let marker = i > 0 && chars[i - 1] == '(' && chars.get(end) == Some(&')');
    if unit.is_empty() && marker {
        return Err(skip); // a list marker `(2)`
    }
    let plain = number.clone().all(|k| chars[k].is_ascii_digit());
    let year = number.len() == 4 && (1900.0..=2100.0).contains(&value);
    if unit.is_empty() && plain && !negative && year {
        return Err(skip_token(chars, end)); // `2017`, `2016-2020`
    }
    value *= factor;
    if negative {
        value = -value;
    }
    if !value.is_finite() {
        return Err(skip);
    }
    Ok(Figure {
        value,
        unit,
        text: chars[start..unit_end].iter().collect(),
        start,
        end: unit_end,
    })
}

/// Past the rest of a token that is not a figure: to the next space or sentence end.
fn skip_token(chars: &[char], from: usize) -> usize {
    let mut j = from;
    while j < chars.len() && !chars[j].is_whitespace() {
        if matches!(chars[j], '.' | '!' | '?' | '…') && at_gap(chars, j + 1) {
            break;
        }
        j += 1;
    }
    j
}

/// The word before `i`, skipping whitespace and an opening parenthesis.
fn previous_word(chars: &[char], i: usize) -> Range<usize> {
    let mut end = i;
    while end > 0 && (chars[end - 1].is_whitespace() || chars[end - 1] == '(') {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && chars[start - 1].is_alphabetic() {
        start -= 1;
    }
    start..end
}

/// The end of a range's upper number (`5-7`, `5 – 7`, `86 đến 88`) after a number ending at `at`.
fn scan_range(chars: &[char], at: usize) -> Option<usize> {
    let mut j = at;
    if chars.get(j) == Some(&' ') {
        j += 1;
    }
    if matches!(chars.get(j), Some('-' | '–' | '—')) {
        j += 1;
    } else if let Some(end) = (j > at)
        .then(|| {
            ["đến", "tới"]
                .iter()
                .find_map(|w| match_at(chars, j, w, false))
        })
        .flatten()
    {
        j = end; // `từ 86 đến 88 triệu đồng`
        if chars.get(j) != Some(&' ') {
            return None;
        }
    } else {
        return None;
    }
    if chars.get(j) == Some(&' ') {
        j += 1;
    }
    if !chars.get(j).is_some_and(char::is_ascii_digit) {
        return None;
    }
    let upper = scan_number(chars, j);
    parse_number(&chars[upper.clone()])?;
    Some(upper.end)
}

/// The unit after a number ending at `at`: its label, the scale factor and where it ends.
fn scan_unit(chars: &[char], at: usize) -> (String, f64, usize) {
    let after_space = |k: usize| {
        if chars.get(k).is_some_and(|&c| c == ' ' || c == '\u{a0}') {
            k + 1
        } else {
            k
        }
    };
    let mut label = String::new();
    let mut factor = 1.0;
    let mut end = at;
    let scale_at = after_space(at);
    if let Some((scale_end, (_, scale_label, scale_factor))) =
        longest(chars, scale_at, SCALES.iter().map(|s| (s.0, false, s)))
    {
        let next = after_space(scale_end);
        let next_word: String = chars[next..]
            .iter()
            .take_while(|c| c.is_alphabetic())
            .flat_map(|c| c.to_lowercase())
            .collect();
        if !NOT_AFTER_SCALE.contains(&next_word.as_str()) {
            label.push_str(scale_label);
            factor = *scale_factor;
            end = scale_end;
        }
    }
    let unit_at = after_space(end);
    if let Some((unit_end, (_, unit_label, _))) =
        longest(chars, unit_at, UNITS.iter().map(|u| (u.0, u.2, u)))
    {
        if !label.is_empty() {
            label.push(' ');
        }
        label.push_str(unit_label);
        end = unit_end;
    }
    // A rate: `USD/ounce`, `đồng/kg`, `km/h`, `đồng/vé/tháng`.
    while !label.is_empty()
        && chars.get(end) == Some(&'/')
        && chars.get(end + 1).is_some_and(|c| c.is_alphabetic())
    {
        let rate_end = end
            + 1
            + chars[end + 1..]
                .iter()
                .take_while(|c| c.is_alphanumeric())
                .count();
        label.extend(&chars[end..rate_end]);
        end = rate_end;
    }
    (label, factor, end)
}

/// The longest pattern matching at `at` and ending at a word boundary, with its end.
fn longest<'a, T>(
    chars: &[char],
    at: usize,
    patterns: impl Iterator<Item = (&'a str, bool, T)>,
) -> Option<(usize, T)> {
    let mut best: Option<(usize, T)> = None;
    for (pattern, case_sensitive, item) in patterns {
        let Some(end) = match_at(chars, at, pattern, case_sensitive) else {
            continue;
        };
        let boundary = chars.get(end).is_none_or(|c| !c.is_alphanumeric());
        if boundary && best.as_ref().is_none_or(|(e, _)| end > *e) {
            best = Some((end, item));
        }
    }
    best
}

/// Where `pattern` ends when it is written at `at`.
fn match_at(chars: &[char], at: usize, pattern: &str, case_sensitive: bool) -> Option<usize> {
    let mut j = at;
    for p in pattern.chars() {
        let &c = chars.get(j)?;
        let same = c == p || !case_sensitive && c.to_lowercase().eq(p.to_lowercase());
        if !same {
            return None;
        }
        j += 1;
    }
    Some(j)
}

#[cfg(test)]
mod tests;
