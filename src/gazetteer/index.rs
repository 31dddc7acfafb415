//! The name index shared by the scanner and [`Gazetteer::lookup`]: a vocabulary of canonical
//! lowercase words (and the surface forms a text writes them in), names keyed by their packed
//! word ids, type prefixes, and the word lists that block a bare name (`ông Vinh`, `Nguyễn
//! Thanh Hà`) or make it weak evidence (`công ty … Phú Quý`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::model::{Kind, PrefixType};
use super::{Gazetteer, UnitId, scan};
use crate::text;

/// One way of writing one unit's name.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    pub(super) unit: UnitId,
    /// Bit `k` set: syllable `k` must start with an uppercase letter or a digit in the text.
    pub(super) mask: u8,
    /// The unit's kind, or the earlier kind a former name carries.
    pub(super) kind: Kind,
    /// Only matches after a type prefix (digit names, `HCM`, person names, communes).
    pub(super) needs_prefix: bool,
    /// A district name that is also a common personal name (`Xuân Trường`).
    pub(super) person_like: bool,
}

/// A type prefix as a sequence of vocabulary ids, maybe followed by a dot (`TP.`).
#[derive(Debug, Clone)]
pub(super) struct Prefix {
    pub(super) words: Vec<u32>,
    pub(super) dot: bool,
    pub(super) ptype: PrefixType,
}

/// A name for [`Gazetteer::lookup`], in comparable forms: byte ranges into the gazetteer's
/// `lookup_text`.
#[derive(Debug, Clone)]
pub(super) struct LookupName {
    /// Canonical lowercase syllables joined by single spaces.
    pub(super) canon: (u32, u32),
    /// Folded (no marks), only `[a-z0-9]`.
    pub(super) folded: (u32, u32),
    pub(super) entry: Entry,
}

/// Flags per vocabulary word.
pub(super) const F_NAME_FIRST: u16 = 1;
/// Before a bare name, makes it a commune, street, river …: `xã Hòa Bình`, `đường Hà Nội`.
pub(super) const F_BLOCK_PLACE: u16 = 2;
/// Before a bare name, in any case, makes it a person: `ông Vinh`.
pub(super) const F_BLOCK_TITLE: u16 = 4;
/// Capitalised before a bare name, makes it a person: `Nguyễn Thanh Hà`.
pub(super) const F_BLOCK_CAP: u16 = 8;
/// First word of a type prefix.
pub(super) const F_PREFIX_FIRST: u16 = 16;
/// First word of a name that may match without a prefix.
pub(super) const F_BARE_FIRST: u16 = 32;
/// May start a match when written in lowercase (prefix words, names lowercase in the data).
pub(super) const F_LOWER_START: u16 = 64;
/// Last word of a cue phrase (`công ty`, `cầu thủ`, `kiến trúc`, `Nxb`).
pub(super) const F_CUE_END: u16 = 128;

/// Longest name in syllables the index supports (the mask is a `u8`, a key holds 8 ids).
pub(super) const MAX_SYLLABLES: usize = 8;

pub(super) use super::words::{
    BLOCK_CAP, BLOCK_PLACE, BLOCK_TITLE, CUE_PHRASES, CueKind, NOT_A_PREFIX_AFTER,
    ORGANISATION_STOP, PERSON_GIVEN, PERSON_MIDDLE, PERSON_NAMES,
};

/// A fast hasher for the short keys of the index (the `FxHash` of rustc): the default `SipHash`
/// costs more than the rest of a lookup.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_u128(&mut self, i: u128) {
        // Truncations keep each half.
        #[allow(clippy::cast_possible_truncation)]
        {
            self.add(i as u64);
            self.add((i >> 64) as u64);
        }
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(super) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The name index the scanner and `lookup` share.
#[derive(Clone, Default)]
pub(super) struct Index {
    /// Canonical lowercase word → id (name syllables, prefix words, blocker and cue words).
    pub(super) vocab: FxMap<Box<str>, u32>,
    /// The forms a text writes a vocabulary word in (lower, Title and UPPER case, in either
    /// tone placement) → its id, so most words are looked up as they stand, unfolded.
    pub(super) forms: FxMap<Box<str>, u32>,
    /// Id → word.
    pub(super) words: Vec<String>,
    pub(super) flags: Vec<u16>,
    /// Packed ids of a name's syllables → the range of `entries` that are every way of
    /// reading it (filled by [`Index::sort_names`]).
    pub(super) names: FxMap<u128, (u32, u32)>,
    pub(super) entries: Vec<Entry>,
    /// Names as they are added, before [`Index::sort_names`].
    pub(super) pending: Vec<(u128, Entry)>,
    pub(super) max_len: usize,
    pub(super) prefixes: Vec<Prefix>,
    /// Cue phrases as word ids, with what they mean.
    pub(super) cues: Vec<(Vec<u32>, CueKind)>,
    /// Ids of [`ORGANISATION_STOP`].
    pub(super) organisation_stop: Vec<u32>,
    /// Ids of [`NOT_A_PREFIX_AFTER`].
    pub(super) not_a_prefix_after: Vec<(u32, u32)>,
    /// First bytes of the lowercase words that may start a match ([`F_LOWER_START`]): any
    /// other lowercase word is skipped without a lookup.
    pub(super) lower_start_bytes: Vec<bool>,
    /// The first two bytes ([`byte_pair`]) of every form of those words: most lowercase words
    /// whose first byte passes are told by their second without a lookup.
    pub(super) lower_start_pairs: Vec<bool>,
}

/// The first two bytes of a word as an index into [`Index::lower_start_pairs`] (a word of one
/// byte has 0 for its second).
pub(super) fn byte_pair(word: &[u8]) -> usize {
    let first = word.first().copied().unwrap_or(0);
    let second = word.get(1).copied().unwrap_or(0);
    usize::from(first) << 8 | usize::from(second)
}

impl Index {
    pub(super) fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.vocab.get(word) {
            return id;
        }
        let id = u32::try_from(self.flags.len()).expect("fewer than 2^32 distinct words");
        self.vocab.insert(word.into(), id);
        self.words.push(word.to_string());
        self.flags.push(0);
        id
    }

    /// Register the surface forms of every word (after all words are interned).
    pub(super) fn build_forms(&mut self) {
        self.lower_start_bytes = vec![false; 256];
        self.lower_start_pairs = vec![false; 1 << 16];
        let mut forms = FxMap::default();
        forms.reserve(self.words.len() * 4);
        for (id, w) in self.words.iter().enumerate() {
            let id = u32::try_from(id).expect("fewer than 2^32 distinct words");
            let old = old_tone_placement(w);
            let lower_start = self.flags[id as usize] & (F_PREFIX_FIRST | F_LOWER_START) != 0;
            for base in std::iter::once(w.as_str()).chain(old.as_deref()) {
                if lower_start && let Some(&b) = base.as_bytes().first() {
                    self.lower_start_bytes[usize::from(b)] = true;
                }
                let title = text::title_case(base);
                let upper = base.to_uppercase();
                for f in [base, title.as_str(), upper.as_str()] {
                    // Every form a word with these flags may be looked up by (the map keeps the
                    // first id of a form, whose flags then answer).
                    if lower_start {
                        self.lower_start_pairs[byte_pair(f.as_bytes())] = true;
                    }
                    forms.entry(f.into()).or_insert(id);
                }
            }
        }
        self.forms = forms;
    }

    /// Group the names added into `names` and `entries`, keeping their order per key.
    pub(super) fn sort_names(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_by_key(|p| p.0);
        self.names.clear();
        self.names.reserve(pending.len());
        self.entries = Vec::with_capacity(pending.len());
        for (key, e) in pending {
            let at = u32::try_from(self.entries.len()).expect("fewer than 2^32 names");
            self.names
                .entry(key)
                .and_modify(|r| r.1 += 1)
                .or_insert((at, at + 1));
            self.entries.push(e);
        }
    }

    /// Every way of reading the name with these packed syllable ids.
    pub(super) fn entries_of(&self, key: u128) -> Option<&[Entry]> {
        let &(from, to) = self.names.get(&key)?;
        Some(&self.entries[from as usize..to as usize])
    }

    pub(super) fn word_of_id(&self, id: u32) -> &str {
        self.words.get(id as usize).map_or("", String::as_str)
    }

    pub(super) fn flags_of(&self, id: u32) -> u16 {
        self.flags.get(id as usize).copied().unwrap_or(0)
    }

    /// The id of a lowercase canonical word, if known.
    pub(super) fn id_of(&self, word: &str) -> Option<u32> {
        self.vocab.get(word).copied()
    }
}

/// The other tone placement of a canonical word, if it has one: `hóa` → `hoá`, `thủy` →
/// `thuỷ` (the inverse of [`text::canonical`] on open `oa`, `oe`, `uy`).
fn old_tone_placement(word: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut letters: Vec<(char, Vec<char>)> = Vec::new();
    for c in word.nfd() {
        if is_combining_mark(c) {
            letters.last_mut()?.1.push(c);
        } else {
            letters.push((c, Vec::new()));
        }
    }
    let n = letters.len();
    if n < 2 || !letters[n - 1].1.is_empty() {
        return None;
    }
    let (a, b) = (letters[n - 2].0, letters[n - 1].0);
    if !matches!((a, b), ('o', 'a' | 'e') | ('u', 'y')) {
        return None;
    }
    let marks = &letters[n - 2].1;
    if marks.len() != 1 || !TONES.contains(&marks[0]) {
        return None;
    }
    let tone = letters[n - 2].1.remove(0);
    letters[n - 1].1.push(tone);
    let old: String = letters
        .into_iter()
        .flat_map(|(c, m)| std::iter::once(c).chain(m))
        .nfc()
        .collect();
    (text::canonical(&old) == word).then_some(old)
}

/// Pack up to [`MAX_SYLLABLES`] vocabulary ids (each < 2^16 - 1) into one key.
pub(super) fn pack(ids: &[u32]) -> u128 {
    ids.iter()
        .fold(0u128, |k, &id| (k << 16) | u128::from(id + 1))
}

/// Canonical lowercase form of a word (apostrophes unified), the form the index keys on.
pub(super) fn canon_lower(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    let push = |out: &mut String, c: char| {
        if matches!(c, '’' | 'ʼ' | '‘') {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    };
    if needs_canonical(word) {
        for c in text::canonical(word).chars() {
            push(out, c);
        }
    } else {
        for c in word.chars() {
            push(out, c);
        }
    }
}

/// Does `word` need [`text::canonical`]? Only words that are not NFC, or that end in an open
/// `oa`/`oe`/`uy` whose tone may sit on either vowel; skipping the rest saves allocations.
pub(super) fn needs_canonical(word: &str) -> bool {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    if is_nfc_quick(word.chars()) != IsNormalized::Yes {
        return true;
    }
    let mut it = word.chars().rev().filter_map(text::fold_char);
    let (Some(b), Some(a)) = (it.next(), it.next()) else {
        return false;
    };
    matches!((a, b), ('o', 'a' | 'e') | ('u', 'y'))
}

impl Gazetteer {
    /// Length in tokens and type of a prefix at the start of `toks` (longest wins).
    pub(super) fn prefix_in(
        &self,
        text: &str,
        toks: &[scan::Tok],
        folded: bool,
    ) -> Option<(usize, PrefixType)> {
        let mut buf = String::new();
        let mut words: Vec<String> = Vec::new();
        for t in toks.iter().take(MAX_SYLLABLES) {
            canon_lower(&text[t.start..t.end], &mut buf);
            words.push(if folded {
                text::fold_str(&buf)
            } else {
                buf.clone()
            });
        }
        let mut best: Option<(usize, PrefixType)> = None;
        for p in &self.index.prefixes {
            let n = p.words.len();
            if n >= toks.len() {
                continue; // a name must follow
            }
            let same = p.words.iter().zip(&words).all(|(&id, w)| {
                let pw = self.word_of(id);
                if folded {
                    text::fold_str(pw) == *w
                } else {
                    pw == w
                }
            });
            if !same || !scan::prefix_sep_ok(&text[toks[n - 1].end..toks[n].start], p.dot) {
                continue;
            }
            if (1..n).any(|k| {
                !text[toks[k - 1].end..toks[k].start]
                    .chars()
                    .all(char::is_whitespace)
            }) {
                continue;
            }
            if best.is_none_or(|(bn, _)| n > bn) {
                best = Some((n, p.ptype));
            }
        }
        best
    }
}
