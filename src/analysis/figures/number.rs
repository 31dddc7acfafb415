//! Reading the digits of a number with the Vietnamese separators.

use std::ops::Range;

/// Digits with `.` and `,` between digits, from `i`.
pub(super) fn scan_number(chars: &[char], i: usize) -> Range<usize> {
    let mut j = i;
    while j < chars.len() {
        let c = chars[j];
        let separator =
            matches!(c, '.' | ',') && chars.get(j + 1).is_some_and(char::is_ascii_digit) && j > i;
        if c.is_ascii_digit() || separator {
            j += 1;
        } else {
            break;
        }
    }
    i..j
}

/// The value of digits with Vietnamese (or, when unambiguous, English) separators.
pub(super) fn parse_number(chars: &[char]) -> Option<f64> {
    let s: String = chars.iter().collect();
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let first = s.split(['.', ',']).next()?;
    if first.is_empty() || first.len() > 1 && first.starts_with('0') {
        return None; // a phone number, a code
    }
    let grouped = |sep: char, body: &str| {
        let mut parts = body.split(sep);
        let head = parts.next().unwrap_or("");
        (1..=3).contains(&head.len()) && parts.all(|p| p.len() == 3)
    };
    let plain = match (dots, commas) {
        (0, 0) => s,
        (_, 0) if first != "0" && grouped('.', &s) => s.replace('.', ""),
        (1, 0) => s,
        (0, 1) => s.replace(',', "."),
        (0, _) if grouped(',', &s) => s.replace(',', ""),
        (_, 1) if s.rfind(',') > s.rfind('.') => {
            let (int, frac) = s.split_once(',')?;
            grouped('.', int).then(|| format!("{}.{frac}", int.replace('.', "")))?
        }
        (1, _) if s.rfind('.') > s.rfind(',') => {
            let (int, frac) = s.split_once('.')?;
            grouped(',', int).then(|| format!("{}.{frac}", int.replace(',', "")))?
        }
        _ => return None,
    };
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}
