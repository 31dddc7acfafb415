//! The name index shared by the scanner and [`Gazetteer::lookup`]: a vocabulary of canonical
//! lowercase words, names keyed by their packed word ids, type prefixes, and the word lists
//! that block a bare name (`xã Hòa Bình`, `ông Vinh`, `Nguyễn Thanh Hà`).

use std::collections::HashMap;

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
    /// Only matches after a type prefix (digit names, `HCM`, person names).
    pub(super) needs_prefix: bool,
}

/// A type prefix as a sequence of vocabulary ids, maybe followed by a dot (`TP.`).
#[derive(Debug, Clone)]
pub(super) struct Prefix {
    pub(super) words: Vec<u32>,
    pub(super) dot: bool,
    pub(super) ptype: PrefixType,
}

/// A name for [`Gazetteer::lookup`], in comparable forms.
#[derive(Debug, Clone)]
pub(super) struct LookupName {
    /// Canonical lowercase syllables joined by single spaces.
    pub(super) canon: String,
    /// Folded (no marks), only `[a-z0-9]`.
    pub(super) folded: String,
    pub(super) entry: Entry,
}

/// Flags per vocabulary word.
pub(super) const F_NAME_FIRST: u8 = 1;
/// Before a bare name, makes it a commune, street, river …: `xã Hòa Bình`, `đường Hà Nội`.
pub(super) const F_BLOCK_PLACE: u8 = 2;
/// Before a bare name, in any case, makes it a person: `ông Vinh`.
pub(super) const F_BLOCK_TITLE: u8 = 4;
/// Capitalised before a bare name, makes it a person: `Nguyễn Thanh Hà`.
pub(super) const F_BLOCK_CAP: u8 = 8;
/// First word of a type prefix.
pub(super) const F_PREFIX_FIRST: u8 = 16;

/// Longest name in syllables the index supports (the mask is a `u8`, a key holds 8 ids).
pub(super) const MAX_SYLLABLES: usize = 8;

/// Features named after a unit but not the unit: `xã Hòa Bình` is a commune, `đường Hà Nội`
/// a street, `vịnh Hạ Long` a bay, `sân Thống Nhất` a stadium.
pub(super) const BLOCK_PLACE: &[&str] = &[
    "xã",
    "phường",
    "thôn",
    "ấp",
    "bản",
    "làng",
    "xóm",
    "khóm",
    "đường",
    "phố",
    "ngõ",
    "ngách",
    "hẻm",
    "sông",
    "hồ",
    "núi",
    "vịnh",
    "đèo",
    "suối",
    "đầm",
    "sân",
    "chùa",
    "đền",
];

/// Titles before a person's given name: `ông Vinh`, `chị Thanh Hà`.
pub(super) const BLOCK_TITLE: &[&str] = &[
    "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cụ", "cháu",
];

/// Common surnames and middle names: `Nguyễn Thanh Hà`, `Lê Thị Thanh Sơn`, `Phí Minh Long`
/// are people, not the districts Thanh Hà, Thanh Sơn, Minh Long. Words that often end a
/// place name (`Giang`, `Yên`, `Ninh` …) or start a sentence or an organisation (`Từ` "from",
/// `Hầu hết`, `Đoàn` "union") are left out.
pub(super) const BLOCK_CAP: &[&str] = &[
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
    "hồ", "ngô", "dương", "lý", "đào", "vương", "trịnh", "trương", "lâm", "phùng", "mai", "tô",
    "hà", "tạ", "lương", "lưu", "đinh", "cao", "quách", "thái", "chu", "triệu", "kiều", "tăng",
    "phí", "lã", "khúc", "khổng", "mạc", "nông", "lục", "lò", "giáp", "hứa", "tôn", "tống", "âu",
    "bạch", "cù", "diệp", "doãn", "đàm", "đậu", "kha", "khương", "lại", "nghiêm", "nhữ", "thân",
    "tiêu", "vi", "văn", "thị", "hữu", "đình", "đức", "công", "quốc", "ngọc", "xuân", "duy",
    "quang", "mạnh", "trọng", "tiến", "bá", "khắc", "viết", "thế", "minh", "thanh",
];

/// Unit names that are far more often a person: `tư tưởng Hồ Chí Minh`, `Đoàn TNCS Hồ Chí
/// Minh`. They need a prefix (`TP Hồ Chí Minh`).
pub(super) const PERSON_NAMES: &[&str] = &["hồ chí minh"];

/// The name index the scanner and `lookup` share.
#[derive(Debug, Clone)]
pub(super) struct Index {
    /// Canonical lowercase word → id (name syllables, prefix words, blocker words).
    pub(super) vocab: HashMap<String, u32>,
    /// Id → word.
    pub(super) words: Vec<String>,
    pub(super) flags: Vec<u8>,
    /// Packed ids of a name's syllables → every way of reading it.
    pub(super) names: HashMap<u128, Vec<Entry>>,
    pub(super) max_len: usize,
    pub(super) prefixes: Vec<Prefix>,
    /// Lowercase first letters of words that may start a match uncapitalised (prefix words,
    /// names written lowercase in the data), so other lowercase words are skipped cheaply.
    pub(super) lower_initials: Vec<char>,
}

impl Index {
    pub(super) fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.vocab.get(word) {
            return id;
        }
        let id = u32::try_from(self.flags.len()).expect("fewer than 2^32 distinct words");
        self.vocab.insert(word.to_string(), id);
        self.words.push(word.to_string());
        self.flags.push(0);
        id
    }

    pub(super) fn word_of_id(&self, id: u32) -> &str {
        self.words.get(id as usize).map_or("", String::as_str)
    }

    pub(super) fn flags_of(&self, id: u32) -> u8 {
        self.flags.get(id as usize).copied().unwrap_or(0)
    }
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
