//! Vietnamese text helpers shared by the preprocessor, the gazetteer and search.
//!
//! * [`fold`] strips tone and vowel marks (`Nghị quyết` → `nghi quyet`) and keeps a map back
//!   to the original characters, so a match in folded text can be highlighted in the original.
//! * [`canonical_tones`] moves tone marks to the "new" placement used by the gazetteer
//!   (`Hoá` → `Hóa`, `Uỷ` → `Ủy`), so both spellings compare equal without losing diacritics.
//! * [`is_vietnamese_syllable`] tells whether an unaccented word could be a Vietnamese syllable:
//!   the language check behind spam and alt-text detection.

pub mod chars;
pub mod collate;
pub mod date;
pub mod safe;
pub mod telex;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Text folded for matching, with a map from each folded char to the original char index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    /// `map[i]` is the index (in chars) in the original text of folded char `i`.
    pub map: Vec<usize>,
}

/// Chars below this fold through a precomputed table: every Vietnamese letter is there
/// (Latin-1, Latin Extended-A/B, Latin Extended Additional) and so is the combining range.
const TABLE_END: u32 = 0x2000;
/// Table value for a char that folds to nothing (a combining mark).
const FOLDS_TO_NOTHING: u32 = u32::MAX;

fn fold_table() -> &'static [u32] {
    static TABLE: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..TABLE_END)
            .map(|u| match char::from_u32(u) {
                Some(c) => fold_char_slow(c).map_or(FOLDS_TO_NOTHING, u32::from),
                None => u,
            })
            .collect()
    })
}

/// Fold one char: lowercase, tone and vowel marks removed, `đ` → `d`.
/// Returns `None` for a lone combining mark (it folds to nothing).
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    if u32::from(c) < TABLE_END {
        let f = fold_table()[c as usize];
        return if f == FOLDS_TO_NOTHING {
            None
        } else {
            char::from_u32(f)
        };
    }
    fold_char_slow(c)
}

fn fold_char_slow(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    if c == 'đ' || c == 'Đ' {
        return Some('d');
    }
    if is_combining_mark(c) {
        return None;
    }
    let mut base = None;
    decompose_canonical(c, |d| {
        if base.is_none() && !is_combining_mark(d) {
            base = Some(d);
        }
    });
    let base = base.unwrap_or(c);
    // Lowercasing a single letter can yield several chars (e.g. 'İ'); keep the first.
    base.to_lowercase().next().or(Some(base))
}

/// Fold text for matching (see [`fold_char`]) and keep the offset map back to `s`.
pub fn fold(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if let Some(f) = fold_char(c) {
            text.push(f);
            map.push(i);
        }
    }
    Folded { text, map }
}

/// Fold text for searching: [`fold`], and digit-grouping dots and commas dropped inside
/// numbers (`15.400` → `15400`, so typing `15400` finds it). The map still points every
/// folded char back to its original char.
pub fn fold_for_search(s: &str) -> Folded {
    let f = fold(s);
    if !needs_number_pass(&f.text) {
        return f;
    }
    let chars: Vec<char> = f.text.chars().collect();
    let mut text = String::with_capacity(f.text.len());
    let mut map = Vec::with_capacity(f.map.len());
    for i in 0..chars.len() {
        if let Some(c) = number_char(&chars, i) {
            text.push(c);
            map.push(f.map[i]);
        }
    }
    Folded { text, map }
}

/// Might the number pass ([`number_char`]) change `folded`?
fn needs_number_pass(folded: &str) -> bool {
    folded.contains(['.', ',', '/', '-'])
}

/// What `chars[i]` becomes in searchable text: a dot or comma grouping the digits of a
/// number is dropped (`15.400` → `15400`, `12,5` and `12.5` → `125`), and a day or month
/// is written one way (`05/02`, `5-2` → `5/2`), so a number is found however it is typed.
fn number_char(chars: &[char], i: usize) -> Option<char> {
    let c = chars[i];
    let digit = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
    let between_digits = i > 0 && digit(i - 1) && digit(i + 1);
    match c {
        '.' | ',' if between_digits => None,
        '-' if between_digits && date_part(chars, i - 1) && date_part(chars, i + 1) => Some('/'),
        '0' if !(i > 0 && digit(i - 1)) && digit(i + 1) && !digit(i + 2) && date_part(chars, i) => {
            None
        }
        _ => Some(c),
    }
}

/// Is the run of digits holding `chars[i]` one or two digits long, with a date's `/` or
/// `-` joining it to another run of digits (`5/2`, `05-02-2017`)?
fn date_part(chars: &[char], i: usize) -> bool {
    let digit = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
    let mut start = i;
    while start > 0 && digit(start - 1) {
        start -= 1;
    }
    let mut end = i;
    while digit(end) {
        end += 1;
    }
    let slash = |k: usize| chars.get(k).is_some_and(|c| matches!(c, '/' | '-'));
    (1..=2).contains(&(end - start))
        && ((start >= 2 && slash(start - 1) && digit(start - 2)) || (slash(end) && digit(end + 1)))
}

/// [`fold_for_search`]'s text alone, allocated to its size: what the search index keeps of
/// every passage (the offset map is 8 bytes a char, and the index never needs it).
pub fn fold_for_search_text(s: &str) -> String {
    let folded = fold_str(s);
    if !needs_number_pass(&folded) {
        return folded;
    }
    let chars: Vec<char> = folded.chars().collect();
    let mut out: String = (0..chars.len())
        .filter_map(|i| number_char(&chars, i))
        .collect();
    out.shrink_to_fit();
    out
}

/// The whitespace-separated words of `s` with their byte offsets in `s`.
pub fn word_offsets(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

/// Fold text for matching without the offset map.
pub fn fold_str(s: &str) -> String {
    // Folding never lengthens Vietnamese text: one allocation, not one per doubling.
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().filter_map(fold_char));
    // Folding shrinks Vietnamese (2–3 bytes a letter become 1): keep no spare capacity.
    out.shrink_to_fit();
    out
}

/// Vietnamese (and typographic punctuation) folded to ASCII, keeping case: `Nghị quyết` →
/// `Nghi quyet`, `Đà Nẵng` → `Da Nang`, `“…”` → `"..."`. For consoles that cannot show UTF-8.
/// Other non-ASCII characters become `?`.
pub fn to_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        match c {
            'đ' => out.push('d'),
            'Đ' => out.push('D'),
            '“' | '”' | '„' | '«' | '»' => out.push('"'),
            '‘' | '’' | '‚' => out.push('\''),
            '–' | '—' | '−' => out.push('-'),
            '…' => out.push_str("..."),
            '•' | '▪' | '●' | '◆' | '■' => out.push('*'),
            '›' => out.push('>'),
            '‹' => out.push('<'),
            '·' => out.push('.'),
            '§' => out.push('S'),
            '¶' => out.push('P'),
            _ if is_combining_mark(c) => {}
            _ => {
                let mut base = None;
                decompose_canonical(c, |d| {
                    if base.is_none() && !is_combining_mark(d) {
                        base = Some(d);
                    }
                });
                match base {
                    Some(b) if b.is_ascii() => out.push(b),
                    _ if c.is_whitespace() => out.push(' '),
                    _ => out.push('?'),
                }
            }
        }
    }
    out
}

const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

fn is_tone_mark(c: char) -> bool {
    TONE_MARKS.contains(&c)
}

/// Move tone marks in open `oa`, `oe`, `uy` syllables to the first vowel (`hoá` → `hóa`,
/// `thuỷ` → `thủy`, `Uỷ` → `Ủy`), the placement the gazetteer uses. `quý`, `hoàn`, `khuyến`
/// are left alone: there both placements agree. The result is NFC.
pub fn canonical_tones(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut word: Vec<char> = Vec::new();
    for c in s.chars() {
        if chars::is_alphabetic(c) || is_combining_mark(c) {
            word.push(c);
        } else {
            flush_word(&mut word, &mut out);
            out.push(c);
        }
    }
    flush_word(&mut word, &mut out);
    out
}

fn flush_word(word: &mut Vec<char>, out: &mut String) {
    if word.is_empty() {
        return;
    }
    if !may_retone(word) {
        out.extend(word.drain(..));
        return;
    }
    let w: String = word.drain(..).collect();
    match retone_word(&w) {
        Some(fixed) => out.push_str(&fixed),
        None => out.push_str(&w),
    }
}

/// Could [`retone_word`] change `word`? Only when it ends in `oa`, `oe` or `uy` with a mark
/// on the last letter: most words are let go without decomposing them. A word ending in a
/// combining mark is not told apart here.
fn may_retone(word: &[char]) -> bool {
    let [.., a, b] = word else {
        return false;
    };
    if is_combining_mark(*a) || is_combining_mark(*b) {
        return true;
    }
    !b.is_ascii()
        && matches!(fold_char(*b), Some('a' | 'e' | 'y'))
        && matches!(fold_char(*a), Some('o' | 'u'))
}

/// Returns the word with the tone moved, or `None` when nothing changes.
fn retone_word(w: &str) -> Option<String> {
    // Decompose, then split into base letters each carrying its own marks.
    let nfd: Vec<char> = w.nfd().collect();
    let mut letters: Vec<(char, Vec<char>)> = Vec::new();
    for c in nfd {
        if is_combining_mark(c) {
            if let Some(last) = letters.last_mut() {
                last.1.push(c);
            }
        } else {
            letters.push((c, Vec::new()));
        }
    }
    let n = letters.len();
    if n < 2 {
        return None;
    }
    let lower = |i: usize| letters[i].0.to_ascii_lowercase();
    let (a, b) = (lower(n - 2), lower(n - 1));
    let pair_ok = matches!((a, b), ('o', 'a' | 'e') | ('u', 'y'));
    if !pair_ok {
        return None;
    }
    // The first vowel of the pair must carry no quality mark (ô, ơ, ư …) either.
    if letters[n - 2].1.iter().any(|m| !is_tone_mark(*m)) {
        return None;
    }
    if a == 'u' && n >= 3 && lower(n - 3) == 'q' {
        return None; // "quý": u belongs to the onset
    }
    let tone_pos = letters[n - 1].1.iter().position(|m| is_tone_mark(*m))?;
    let tone = letters[n - 1].1.remove(tone_pos);
    letters[n - 2].1.push(tone);
    let mut s = String::with_capacity(w.len() + 2);
    for (base, marks) in letters {
        s.push(base);
        s.extend(marks);
    }
    Some(s.nfc().collect())
}

/// NFC and canonical tone placement: the form used to compare names.
pub fn canonical(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    canonical_tones(&nfc)
}

/// True when `c` is a letter only Vietnamese (among Latin-script languages we meet) uses:
/// `đ`, `ă`, `â`, `ê`, `ô`, `ơ`, `ư` or any vowel with a Vietnamese tone mark.
pub fn is_vietnamese_letter(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    if matches!(c, 'đ' | 'Đ') {
        return true;
    }
    let mut base = None;
    let mut marks = Vec::new();
    decompose_canonical(c, |d| {
        if is_combining_mark(d) {
            marks.push(d);
        } else {
            base = Some(d);
        }
    });
    match base {
        Some(b) if "aeiouyAEIOUY".contains(b) => marks
            .iter()
            .all(|m| is_tone_mark(*m) || matches!(*m, '\u{302}' | '\u{306}' | '\u{31b}')),
        _ => false,
    }
}

/// Does the string contain any Vietnamese-specific letter?
pub fn has_vietnamese_letters(s: &str) -> bool {
    s.chars().any(is_vietnamese_letter)
}

const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h",
    "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];
const CODAS: [&str; 12] = [
    "ng", "nh", "ch", "c", "m", "n", "p", "t", "i", "y", "o", "u",
];
/// Vowel nuclei after folding (marks removed), longest first.
const NUCLEI: [&str; 27] = [
    "uye", "uya", "oai", "oay", "oeo", "uoi", "uou", "ieu", "yeu", "ua", "uo", "ue", "uy", "ie",
    "ye", "ia", "oa", "oe", "oo", "ai", "ao", "au", "ay", "eo", "eu", "a", "e",
];
const SINGLE_VOWELS: [&str; 5] = ["i", "o", "u", "y", "a"];

/// Could this folded (unaccented, lowercase) word be one Vietnamese syllable?
/// `nghiem`, `truong`, `quyet` are; `izmir`, `escort`, `bayan`, `the` (as English) … the last
/// one is, which is why callers look at whole lines, not single words.
pub fn is_vietnamese_syllable(word: &str) -> bool {
    if word.is_empty() || word.len() > 7 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    for onset in ONSETS {
        let Some(rest) = word.strip_prefix(onset) else {
            continue;
        };
        if rest.is_empty() {
            // "gi" alone is a syllable ("gì"); other bare onsets are not.
            if onset == "gi" {
                return true;
            }
            continue;
        }
        for nucleus in NUCLEI.iter().chain(SINGLE_VOWELS.iter()) {
            let Some(coda) = rest.strip_prefix(nucleus) else {
                continue;
            };
            if coda.is_empty() || CODAS.contains(&coda) {
                return true;
            }
        }
    }
    false
}

/// Capitalise the first letter of each word and lowercase the rest (`HỒ SỸ TRUNG` →
/// `Hồ Sỹ Trung`).
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at_start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if at_start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            at_start = false;
        } else {
            out.push(c);
            at_start = c.is_whitespace() || c == '-' || c == '(';
        }
    }
    out
}

/// Is every cased letter of `s` uppercase (and is there at least a few of them)?
pub fn is_all_caps(s: &str) -> bool {
    let mut upper = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            upper += 1;
        }
    }
    upper >= 2
}

/// Cut `s` to at most `cols` display columns, ending with "…" when cut.
pub fn truncate_to_width(s: &str, cols: usize) -> String {
    truncate_with(s, cols, "…")
}

/// Cut `s` to at most `cols` display columns, ending with `ellipsis` when cut (`...` for
/// ASCII consoles).
pub fn truncate_with(s: &str, cols: usize, ellipsis: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    if s.width() <= cols {
        return s.to_string();
    }
    let room = cols.saturating_sub(ellipsis.width());
    let mut out = String::new();
    let mut used = 0;
    // By grapheme, measured as the whole string is (a control char is not width 0 there),
    // so a cut never parts a letter from its marks and the result never overflows.
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w > room {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push_str(ellipsis);
    out
}

#[cfg(test)]
mod tests;
