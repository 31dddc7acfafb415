//! The accent bonus: does the passage, canonical and lowercased, contain a term as typed
//! with its diacritics? `canonical(text).to_lowercase()` normalises the whole passage
//! (about 15 MB/s), so for a text that is provably its own canonical form the same answer
//! comes from comparing, case-folded, only where the term's first letter stands.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use memchr::memmem::Finder;

use super::matcher;
use memchr::arch::all::packedpair::HeuristicFrequencyRank;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::{IsNormalized, is_nfc_quick};

use super::Query;
use crate::text::{canonical, fold_char, fold_str};

pub(super) struct Accent<'q> {
    text: &'q str,
    /// Where to compare, when comparing char by char agrees with `str::to_lowercase`.
    anchor: Option<Anchor>,
    /// The form folded, when it has no `.` or `,` (see [`count`]).
    folded: Option<Finder<'static>>,
    /// What is known per passage about this form ([`Memo`]), and about remembered
    /// forms inside it (absent there: absent here) and around it (present there:
    /// present here).
    known: Answers,
    inside: Vec<Answers>,
    around: Vec<Answers>,
}

/// Per passage: 0 not known yet, [`ABSENT`] or [`PRESENT`].
type Answers = Arc<[AtomicU8]>;
const ABSENT: u8 = 1;
const PRESENT: u8 = 2;

/// Whether each passage contains an accented form, remembered for the last few forms:
/// a person typing "hội đồng nhân dân" asks about "hội" at every keystroke after it.
/// An answer depends on nothing but the passage text and the form, so a remembered one
/// is the one the search would compute.
#[derive(Default)]
pub(super) struct Memo {
    /// Most recently used last.
    forms: Mutex<Vec<(String, Answers)>>,
}

/// Forms remembered, each a byte per passage.
const REMEMBERED: usize = 16;

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let forms = self.forms.lock().unwrap_or_else(PoisonError::into_inner);
        f.debug_list()
            .entries(forms.iter().map(|(form, _)| form))
            .finish()
    }
}

impl Memo {
    /// The answers for `form` over `n` passages, and those for remembered forms inside
    /// and around it.
    fn answers(&self, form: &str, n: usize) -> (Answers, Vec<Answers>, Vec<Answers>) {
        let mut forms = self.forms.lock().unwrap_or_else(PoisonError::into_inner);
        forms.retain(|(_, a)| a.len() == n);
        let known = if let Some(i) = forms.iter().position(|(f, _)| f == form) {
            let entry = forms.remove(i);
            let known = Arc::clone(&entry.1);
            forms.push(entry);
            known
        } else {
            if forms.len() >= REMEMBERED {
                forms.remove(0);
            }
            let known: Answers = (0..n).map(|_| AtomicU8::new(0)).collect();
            forms.push((form.to_string(), Arc::clone(&known)));
            known
        };
        let others = |keep: &dyn Fn(&str) -> bool| -> Vec<Answers> {
            forms
                .iter()
                .filter(|(f, _)| f != form && keep(f))
                .map(|(_, a)| Arc::clone(a))
                .collect()
        };
        let inside = others(&|f| form.contains(f));
        let around = others(&|f| f.contains(form));
        (known, inside, around)
    }
}

/// How to find the accented form in a text, case-folded, without lowercasing it.
struct Anchor {
    chars: Vec<char>,
    /// For each char of the form, the chars whose lowercase is exactly that char.
    from: Vec<Vec<char>>,
    /// For each char of the form, whether it is part of a longer lowercase.
    in_longer: Vec<bool>,
    /// The char the search starts from: a non-ASCII one (rarer than letters), `back`
    /// chars into the form; searchers for each char that lowercases to it.
    back: usize,
    finders: Vec<Finder<'static>>,
}

/// The accented forms of the query's required terms, in order.
pub(super) fn prepare<'q>(q: &'q Query, memo: &Memo, n: usize) -> Vec<Accent<'q>> {
    q.terms
        .iter()
        .filter(|t| !t.negate)
        .filter_map(|t| t.accented.as_deref())
        .map(|text| {
            let (known, inside, around) = memo.answers(text, n);
            Accent {
                text,
                anchor: anchor(text),
                folded: Some(fold_str(text))
                    .filter(|f| !f.contains(['.', ',']))
                    .map(|f| matcher::finder(f.as_bytes()).into_owned()),
                known,
                inside,
                around,
            }
        })
        .collect()
}

/// Build the case table now rather than on the first accented keystroke.
pub(super) fn warm_up() {
    lowercase();
}

/// Chars whose lowercase is exactly one other char, and chars that are part of a
/// longer lowercase (`İ` → `i̇`): built once, by asking every char.
struct Lowercase {
    from: HashMap<char, Vec<char>>,
    in_longer: HashSet<char>,
}

fn lowercase() -> &'static Lowercase {
    static TABLE: OnceLock<Lowercase> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Lowercase {
            from: HashMap::new(),
            in_longer: HashSet::new(),
        };
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut lower = c.to_lowercase();
            if lower.len() == 1 {
                match lower.next() {
                    Some(l) if l != c => t.from.entry(l).or_default().push(c),
                    _ => {}
                }
            } else {
                t.in_longer.extend(lower);
            }
        }
        t
    })
}

/// With none of the form's chars up to the anchor part of a longer lowercase, each of
/// them in an occurrence in the lowercased text is the whole lowercase of one char of
/// the text: the occurrence starts `back` chars before a char that lowercases to the
/// anchor.
fn anchor(a: &str) -> Option<Anchor> {
    // `str::to_lowercase` lowercases Σ by context, `char::to_lowercase` does not; no
    // other char differs between them.
    if a.contains(['σ', 'ς']) {
        return None;
    }
    let table = lowercase();
    let chars: Vec<char> = a.chars().collect();
    let in_longer: Vec<bool> = chars.iter().map(|c| table.in_longer.contains(c)).collect();
    let from: Vec<Vec<char>> = chars
        .iter()
        .map(|&x| {
            // The form's own char first: text is mostly lowercase.
            let mut from: Vec<char> = Vec::new();
            if x.to_lowercase().eq([x]) {
                from.push(x);
            }
            from.extend(table.from.get(&x).into_iter().flatten());
            from
        })
        .collect();
    // The non-ASCII char whose rarest UTF-8 byte is rarest, among those with no char
    // up to them part of a longer lowercase; else the first char.
    let usable = in_longer.iter().take_while(|l| !**l).count();
    let rarity = |c: char| {
        let rank = matcher::VietnameseRank;
        let mut buf = [0; 4];
        c.encode_utf8(&mut buf)
            .bytes()
            .map(|b| rank.rank(b))
            .min()
            .unwrap_or(0)
    };
    let back = (0..usable)
        .filter(|&i| !chars[i].is_ascii())
        .min_by_key(|&i| (rarity(chars[i]), i))
        .or((usable > 0).then_some(0))?;
    let finders = from[back]
        .iter()
        .map(|c| matcher::finder(c.encode_utf8(&mut [0; 4]).as_bytes()).into_owned())
        .collect();
    Some(Anchor {
        chars,
        from,
        in_longer,
        back,
        finders,
    })
}

/// Does `text.to_lowercase()` contain the form?
fn lowercase_contains(text: &str, anchor: &Anchor) -> bool {
    anchor.finders.iter().any(|f| {
        f.find_iter(text.as_bytes()).any(|i| {
            // The chars before the anchor, backwards: each one of `from`.
            let mut start = i;
            for k in (0..anchor.back).rev() {
                match text[..start].chars().next_back() {
                    Some(c) if anchor.from[k].contains(&c) => start -= c.len_utf8(),
                    _ => return false,
                }
            }
            // The rest as `flat_map(char::to_lowercase)` would compare it, without
            // lowercasing a char whose lowercase is exactly the form's char.
            let want = &anchor.chars;
            let mut k = anchor.back + 1;
            for c in text[i + f.needle().len()..].chars() {
                if k == want.len() {
                    return true;
                }
                if anchor.from[k].contains(&c) {
                    k += 1;
                    continue;
                }
                if !anchor.in_longer[k] {
                    // Only the chars in `from` have a lowercase starting with it.
                    return false;
                }
                for l in c.to_lowercase() {
                    if k == want.len() {
                        return true;
                    }
                    if l != want[k] {
                        return false;
                    }
                    k += 1;
                }
            }
            k == want.len()
        })
    })
}

/// How many of `accents` the passage `text` (`folded` in the index) contains once
/// canonical and lowercased; `as_is` when [`canonical_as_is`] holds for `text`.
///
/// For such a text, the lowercase of each char folds as the char does
/// (`fold_str(c.to_lowercase()) == fold_str(c)` for every char, checked by a test) and
/// folding is char by char: an occurrence of the form in the lowercased text folds to
/// an occurrence of the folded form in the folded text, which only drops `.` and `,`
/// between digits. So a folded text without the folded form (when that has no `.` or
/// `,`) cannot have the form, and is not searched.
pub(super) fn count<'t>(
    slot: usize,
    text: impl Fn() -> &'t str,
    folded: &str,
    as_is: bool,
    accents: &[Accent],
) -> usize {
    let mut original: Option<String> = None;
    let mut n = 0;
    for a in accents {
        let answer = |answers: &Answers| answers[slot].load(Ordering::Relaxed);
        let known = match answer(&a.known) {
            0 if a.inside.iter().any(|x| answer(x) == ABSENT) => Some(false),
            0 if a.around.iter().any(|x| answer(x) == PRESENT) => Some(true),
            0 => None,
            v => Some(v == PRESENT),
        };
        if let Some(found) = known {
            n += usize::from(found);
            continue;
        }
        let found = match &a.anchor {
            Some(anchor) if as_is => {
                a.folded
                    .as_ref()
                    .is_none_or(|f| f.find(folded.as_bytes()).is_some())
                    && lowercase_contains(text(), anchor)
            }
            _ => original
                .get_or_insert_with(|| canonical(text()).to_lowercase())
                .contains(a.text),
        };
        a.known[slot].store(if found { PRESENT } else { ABSENT }, Ordering::Relaxed);
        n += usize::from(found);
    }
    n
}

/// BMP chars that are NFC on their own and start a combining sequence: a string of
/// such chars passes the NFC quick check, so it is NFC. One bit each.
fn nfc_starters() -> &'static [u64] {
    static TABLE: OnceLock<Vec<u64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut bits = vec![0u64; 0x10000 / 64];
        for c in (0x80..0x10000).filter_map(char::from_u32) {
            if !is_combining_mark(c)
                && canonical_combining_class(c) == 0
                && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
            {
                bits[c as usize / 64] |= 1 << (c as usize % 64);
            }
        }
        bits
    })
}

pub(super) fn nfc_starter(c: char) -> bool {
    let u = c as usize;
    u < 0x10000 && nfc_starters()[u / 64] & (1 << (u % 64)) != 0
}

/// `canonical_tones` moves the tone off the last letter of a word ending in `oa`, `oe`
/// or `uy` (not `quy`). Could the word-final char `c2`, after `c1` after `c0`, be that?
fn tone_may_move(c0: char, c1: char, c2: char) -> bool {
    match (fold_char(c1), fold_char(c2)) {
        (Some('o'), Some('a' | 'e')) => true,
        (Some('u'), Some('y')) => !matches!(c0, 'q' | 'Q'),
        _ => false,
    }
}

/// True only when `canonical(text) == text`, decided without normalising:
///
/// * every char is ASCII or a BMP char that is NFC alone and no combining mark
///   ([`nfc_starter`]): the text is NFC, and every letter's marks are its own;
/// * `canonical_tones` changes a word only when its last letter has a tone mark (so is
///   not ASCII) and its last two letters are `o`+`a`/`e` or `u`+`y`; a non-ASCII char
///   that could end a word (what follows is not an ASCII letter) is checked for that
///   with `fold_char` (base letter, lowercase). A char that decomposes into several
///   letters has only non-ASCII ones after the first (checked by a test), so there
///   the pair cannot be ASCII vowels.
pub(crate) fn canonical_as_is(text: &str) -> bool {
    if text.is_ascii() {
        return true;
    }
    let (mut c0, mut c1) = ('\0', '\0');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_ascii() {
            if !nfc_starter(c) {
                return false;
            }
            let word_end = chars.peek().is_none_or(|n| !n.is_ascii_alphabetic());
            if word_end && tone_may_move(c0, c1, c) {
                return false;
            }
        }
        (c0, c1) = (c1, c);
    }
    true
}

#[cfg(test)]
mod tests;
