//! The matcher: split the text into words, look for a type prefix and the longest indexed
//! name at each word, attach a bracketed parent, note the words that block a bare name or
//! weaken it. What it returns ([`Raw`]) may still have several candidate units; `resolve.rs`
//! chooses among them.

use super::index::{
    F_BARE_FIRST, F_LOWER_START, F_NAME_FIRST, F_PREFIX_FIRST, MAX_SYLLABLES, byte_pair,
    canon_lower, pack,
};
use super::model::{Cue, Level, PrefixType, Settled};
use super::{Gazetteer, UnitId};

mod block;
mod cues;
mod tokens;

use block::Block;
use tokens::is_hspace;
pub(super) use tokens::{Tok, joinable, prefix_sep_ok, tokenize};

const UNSEEN: u32 = u32::MAX;
const UNKNOWN: u32 = u32::MAX - 1;

/// A match at one position, before resolution.
struct Hit {
    start_tok: usize,
    end_tok: usize,
    /// Packed name ids.
    key: u128,
    cands: Vec<UnitId>,
    prefixed: bool,
    blocked: Option<Block>,
    cue: Option<Cue>,
}

/// A name found in the text, with every unit it may be.
#[derive(Debug, Clone)]
pub(super) struct Raw {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Packed name ids, to drop bare names the text also uses as a person's name.
    key: u128,
    pub(super) cands: Vec<UnitId>,
    pub(super) prefixed: bool,
    /// For a bracketed parent: index of the mention it qualifies.
    pub(super) child: Option<usize>,
    pub(super) cue: Option<Cue>,
    /// Set when the scan itself chose among the candidates (a bracketed parent, a province
    /// before its namesake districts).
    pub(super) settled: Option<Settled>,
}

pub(super) struct Scanner<'a> {
    g: &'a Gazetteer,
    text: &'a str,
    toks: Vec<Tok>,
    /// Vocabulary id per word, computed on first use.
    ids: Vec<u32>,
    buf: String,
    /// Word index just past the last match: a word inside a match does not qualify the
    /// next one (`Thạch Hà- Hà Tĩnh`).
    last_end: usize,
}

impl<'a> Scanner<'a> {
    fn new(g: &'a Gazetteer, text: &'a str) -> Self {
        let toks = tokenize(text);
        Scanner {
            g,
            text,
            ids: vec![UNSEEN; toks.len()],
            toks,
            buf: String::new(),
            last_end: 0,
        }
    }

    /// The vocabulary id of word `i`. A plain word (lower, Title or UPPER case, NFC) is
    /// looked up as it stands; only odd ones are folded first.
    fn id(&mut self, i: usize) -> Option<u32> {
        let mut v = self.ids[i];
        if v == UNSEEN {
            let t = self.toks[i];
            let word = &self.text[t.start..t.end];
            let found = if t.plain {
                self.g.index.forms.get(word).copied()
            } else {
                canon_lower(word, &mut self.buf);
                self.g.index.id_of(&self.buf)
            };
            v = found.unwrap_or(UNKNOWN);
            self.ids[i] = v;
        }
        (v != UNKNOWN).then_some(v)
    }

    fn flags(&mut self, i: usize) -> u16 {
        self.id(i).map_or(0, |id| self.g.index.flags_of(id))
    }

    /// Could a prefix or a name start here? Capitalised words may; a lowercase word only if
    /// it may open a prefix or a name written lowercase.
    fn may_start(&mut self, i: usize) -> bool {
        let t = self.toks[i];
        if t.cap {
            return true;
        }
        let word = &self.text.as_bytes()[t.start..t.end];
        let first = word[0];
        // Odd words (not NFC …) may fold to a word that starts otherwise. A plain one is
        // looked up as it stands: its first bytes must start a form of such a word.
        (!t.plain
            || (self.g.index.lower_start_bytes[usize::from(first)]
                && self.g.index.lower_start_pairs[byte_pair(word)]))
            && self.flags(i) & (F_PREFIX_FIRST | F_LOWER_START) != 0
    }

    fn sep(&self, k: usize) -> &'a str {
        let end = self.toks.get(k + 1).map_or(self.text.len(), |t| t.start);
        &self.text[self.toks[k].end..end]
    }

    /// Only spaces between word `k` and the next.
    fn spaced(&self, k: usize) -> bool {
        self.sep(k).chars().all(is_hspace)
    }

    /// A type prefix starting at word `i`: the index of the word after it, and its type.
    fn prefix_at(&mut self, i: usize) -> Option<(usize, PrefixType)> {
        let g = self.g;
        if self.flags(i) & F_PREFIX_FIRST == 0 {
            return None;
        }
        if i > 0
            && self.spaced(i - 1)
            && let (Some(before), Some(word)) = (self.id(i - 1), self.id(i))
            && g.index.not_a_prefix_after.contains(&(before, word))
        {
            return None;
        }
        let mut best: Option<(usize, PrefixType)> = None;
        'prefixes: for p in &g.index.prefixes {
            let n = p.words.len();
            if i + n >= self.toks.len() || best.is_some_and(|(b, _)| b >= i + n) {
                continue;
            }
            for (k, &w) in p.words.iter().enumerate() {
                if self.id(i + k) != Some(w) {
                    continue 'prefixes;
                }
                if k + 1 < n && !self.spaced(i + k) {
                    continue 'prefixes;
                }
            }
            if prefix_sep_ok(self.sep(i + n - 1), p.dot) {
                best = Some((i + n, p.ptype));
            }
        }
        best
    }

    /// The longest name at word `j` whose entries suit `ptype` and the capitalisation:
    /// its length in words, key, candidate units, and whether it reads as a personal name.
    fn name_at(
        &mut self,
        j: usize,
        ptype: Option<PrefixType>,
    ) -> Option<(usize, u128, Vec<UnitId>, bool)> {
        let g = self.g;
        let first_flag = if ptype.is_some() {
            F_NAME_FIRST
        } else {
            F_BARE_FIRST
        };
        if self.flags(j) & first_flag == 0 {
            return None;
        }
        let max = g.index.max_len.min(self.toks.len() - j).min(MAX_SYLLABLES);
        let mut ids = [0u32; MAX_SYLLABLES];
        let mut avail = 0;
        for (k, slot) in ids.iter_mut().enumerate().take(max) {
            if k > 0 && !self.toks[j + k - 1].join {
                break;
            }
            match self.id(j + k) {
                Some(id) => *slot = id,
                None => break,
            }
            avail += 1;
        }
        for len in (1..=avail).rev() {
            let key = pack(&ids[..len]);
            let Some(entries) = g.index.entries_of(key) else {
                continue;
            };
            let mut strict: Vec<UnitId> = Vec::new();
            let mut loose: Vec<UnitId> = Vec::new();
            let mut person_like = false;
            for e in entries {
                let caps_ok = (0..len).all(|k| e.mask & (1 << k) == 0 || self.toks[j + k].cap);
                if !caps_ok {
                    continue;
                }
                match ptype {
                    None if !e.needs_prefix => {
                        strict.push(e.unit);
                        person_like |= e.person_like;
                    }
                    Some(p) if p.allows(e.kind) => strict.push(e.unit),
                    Some(p) if p.falls_back_to(e.kind) => loose.push(e.unit),
                    _ => {}
                }
            }
            let mut cands = if strict.is_empty() { loose } else { strict };
            if !cands.is_empty() {
                cands.sort_unstable();
                cands.dedup();
                return Some((len, key, cands, person_like));
            }
        }
        None
    }

    /// The best match starting at word `i`: prefix + name, or a bare name if longer. A
    /// prefix followed by no name skips the scan past it (`thị xã` is not read again as
    /// `xã`).
    fn match_at(&mut self, i: usize, blockers: bool) -> Result<Hit, usize> {
        let mut best: Option<Hit> = None;
        let mut skip = i + 1;
        if let Some((ns, ptype)) = self.prefix_at(i) {
            skip = ns;
            if let Some((len, key, cands, _)) = self.name_at(ns, Some(ptype)) {
                best = Some(Hit {
                    start_tok: i,
                    end_tok: ns + len,
                    key,
                    cands,
                    prefixed: true,
                    blocked: None,
                    cue: None,
                });
            } else if let Some((len, key, cands, _)) = self.name_at(ns, None) {
                // The prefix restricts the candidates to none: never fall back to a guess.
                best = Some(Hit {
                    start_tok: i,
                    end_tok: ns + len,
                    key,
                    cands,
                    prefixed: true,
                    blocked: Some(Block::WrongType),
                    cue: None,
                });
            }
        }
        if let Some((len, key, cands, person_like)) = self.name_at(i, None)
            && best.as_ref().is_none_or(|b| i + len > b.end_tok)
        {
            let mut hit = Hit {
                start_tok: i,
                end_tok: i + len,
                key,
                cands,
                prefixed: false,
                blocked: None,
                cue: None,
            };
            if blockers {
                hit.blocked = self.block(i, i + len);
                if hit.blocked.is_none() {
                    match self.cue_before(i) {
                        // `cầu thủ Đắk Lắk`: a province is never a person's name, so the
                        // player is from there.
                        Some(Err(Block::Person))
                            if hit
                                .cands
                                .iter()
                                .any(|&u| self.g.units[u].level == Level::Province) =>
                        {
                            hit.cue = Some(Cue::Attribute);
                        }
                        Some(Err(b)) => hit.blocked = Some(b),
                        Some(Ok(c)) => hit.cue = Some(c),
                        None if person_like => hit.cue = Some(Cue::PersonLike),
                        None => {}
                    }
                }
            }
            best = Some(hit);
        }
        best.ok_or(skip)
    }

    /// A mention in brackets right after the word before `e`, closed by `)` or followed by
    /// `,` (`(huyện Vĩnh Linh, tỉnh Quảng Trị)`).
    fn bracket_after(&mut self, e: usize) -> Option<Hit> {
        if e == 0 || e >= self.toks.len() {
            return None;
        }
        let sep = self.sep(e - 1);
        if sep.trim() != "(" || !sep.chars().all(|c| c == '(' || is_hspace(c)) {
            return None;
        }
        let h = self.match_at(e, false).ok()?;
        let after = self.sep(h.end_tok - 1).trim_start();
        (after.starts_with(')') || after.starts_with(',')).then_some(h)
    }

    fn raw(&self, h: &Hit) -> Raw {
        Raw {
            start: self.toks[h.start_tok].start,
            end: self.toks[h.end_tok - 1].end,
            key: h.key,
            cands: h.cands.clone(),
            prefixed: h.prefixed,
            child: None,
            cue: h.cue,
            settled: None,
        }
    }
}

impl Gazetteer {
    /// Does `outer` directly or indirectly contain `inner`?
    pub(super) fn contains(&self, outer: UnitId, inner: UnitId) -> bool {
        let (Some(o), Some(i)) = (self.units.get(outer), self.units.get(inner)) else {
            return false;
        };
        outer != inner
            && match o.level {
                Level::Province => i.province == outer,
                Level::District => i.district == Some(outer),
                Level::Commune => false,
            }
    }
}

/// Every name in `text` with its candidate units, in order.
pub(super) fn scan(g: &Gazetteer, text: &str) -> Vec<Raw> {
    let mut s = Scanner::new(g, text);
    let n = s.toks.len();
    let mut raws: Vec<Raw> = Vec::new();
    // Names the text uses as a person's name (`Lương Xuân Trường`): their bare uses elsewhere
    // in it (`Xuân Trường ghi bàn`) are that person too.
    let mut person_keys: Vec<u128> = Vec::new();
    let mut i = 0;
    while i < n {
        if !s.may_start(i) {
            i += 1;
            continue;
        }
        let hit = match s.match_at(i, true) {
            Ok(hit) => hit,
            Err(next) => {
                i = next;
                continue;
            }
        };
        i = hit.end_tok;
        s.last_end = i;
        if let Some(b) = hit.blocked {
            if b == Block::Person && !person_keys.contains(&hit.key) {
                person_keys.push(hit.key);
            }
            continue;
        }
        let mut main = s.raw(&hit);
        let Some(br) = s.bracket_after(hit.end_tok) else {
            raws.push(main);
            continue;
        };
        i = br.end_tok;
        s.last_end = i;
        let mut parent = s.raw(&br);
        let pairs: Vec<(UnitId, UnitId)> = main
            .cands
            .iter()
            .flat_map(|&m| br.cands.iter().map(move |&b| (m, b)))
            .filter(|&(m, b)| g.contains(b, m))
            .collect();
        if !pairs.is_empty() {
            // The bracket names the parent: keep only the readings it confirms.
            let before = main.cands.len();
            main.cands = pairs.iter().map(|p| p.0).collect();
            main.cands.dedup();
            if before > 1 {
                main.settled = Some(Settled::Bracket);
            }
            // A bracketed parent is the place, whatever words stand before the child.
            main.cue = None;
            parent.cands = pairs.iter().map(|p| p.1).collect();
            parent.cands.sort_unstable();
            parent.cands.dedup();
            parent.child = Some(raws.len());
        } else if main
            .cands
            .iter()
            .all(|&u| g.units[u].level == Level::Commune)
            && br.cands.iter().any(|&u| g.units[u].level != Level::Commune)
        {
            // `xã Quế Tân (Quế Võ, Bắc Ninh)`, and no Quế Tân there: the commune meant was
            // merged or renamed since, and the one of that name elsewhere is not it.
            main.cands.clear();
        }
        raws.push(main);
        raws.push(parent);
    }

    if !person_keys.is_empty() {
        // A bracketed parent confirms a place; indices must stay put for `child`.
        let mut confirmed = vec![false; raws.len()];
        for c in raws.iter().filter_map(|r| r.child) {
            confirmed[c] = true;
        }
        for (r, confirmed) in raws.iter_mut().zip(confirmed) {
            if !r.prefixed && r.child.is_none() && !confirmed && person_keys.contains(&r.key) {
                r.cands.clear();
            }
        }
    }
    // A province beats same-named districts when nothing says otherwise ("Thanh Hóa").
    for r in &mut raws {
        if r.cands.len() > 1 && r.cands.iter().any(|&u| g.units[u].level == Level::Province) {
            r.cands.retain(|&u| g.units[u].level == Level::Province);
            if r.cands.len() == 1 {
                r.settled = Some(Settled::ProvinceFirst);
            }
        }
    }
    raws
}
