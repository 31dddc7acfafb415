//! The matcher behind [`Gazetteer::find_mentions`]: split the text into words, look for a type
//! prefix and the longest indexed name at each word, attach a bracketed parent, then resolve
//! names shared by several units.

use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;

use super::index::{
    F_BLOCK_CAP, F_BLOCK_PLACE, F_BLOCK_TITLE, F_NAME_FIRST, F_PREFIX_FIRST, MAX_SYLLABLES,
    canon_lower, pack,
};
use super::model::{Kind, PrefixType};
use super::{Gazetteer, Level, Mention, UnitId};

/// A word of the text: a maximal run of letters, digits and combining marks (an apostrophe
/// between letters included, for `H'Drai`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
    /// Starts with an uppercase letter or a digit.
    pub cap: bool,
    /// Only spaces or a single dash separate it from the next word, so a name may go on.
    pub join: bool,
}

fn is_word_char(c: char) -> bool {
    let u = u32::from(c);
    if u < WORD_TABLE_END {
        return word_char_table()[(u / 64) as usize] & (1 << (u % 64)) != 0;
    }
    is_word_char_slow(c)
}

/// Chars below this (every Vietnamese letter, the combining marks, general punctuation) are
/// told by a table built once from [`is_word_char_slow`], sparing a Unicode property lookup
/// per char of the text.
const WORD_TABLE_END: u32 = 0x2000;

fn word_char_table() -> &'static [u64; WORD_TABLE_END as usize / 64] {
    static TABLE: OnceLock<[u64; WORD_TABLE_END as usize / 64]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u64; WORD_TABLE_END as usize / 64];
        for c in (0..WORD_TABLE_END).filter_map(char::from_u32) {
            if is_word_char_slow(c) {
                let u = u32::from(c);
                t[(u / 64) as usize] |= 1 << (u % 64);
            }
        }
        t
    })
}

fn is_word_char_slow(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && is_combining_mark(c))
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–' | '—')
}

/// Whitespace within a line.
fn is_hspace(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

pub(super) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 6 + 1);
    let mut cur: Option<(usize, bool)> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_word_char(c) {
            if cur.is_none() {
                cur = Some((i, c.is_uppercase() || c.is_numeric()));
            }
            continue;
        }
        if let Some((start, cap)) = cur {
            if matches!(c, '\'' | '’') && it.peek().is_some_and(|&(_, n)| n.is_alphanumeric()) {
                continue;
            }
            toks.push(Tok {
                start,
                end: i,
                cap,
                join: false,
            });
            cur = None;
        }
    }
    if let Some((start, cap)) = cur {
        toks.push(Tok {
            start,
            end: text.len(),
            cap,
            join: false,
        });
    }
    for k in 1..toks.len() {
        toks[k - 1].join = joinable(&text[toks[k - 1].end..toks[k].start]);
    }
    toks
}

/// Can a name continue across this separator? Spaces, or one dash with optional spaces
/// (`Bà Rịa - Vũng Tàu`, `TT-Huế`); never a line break or other punctuation.
pub(super) fn joinable(sep: &str) -> bool {
    let mut dash = false;
    for c in sep.chars() {
        if is_dash(c) {
            if dash {
                return false;
            }
            dash = true;
        } else if !is_hspace(c) {
            return false;
        }
    }
    !sep.is_empty()
}

/// The separator after a prefix: spaces after `TP`; a dot then optional spaces after `TP.`.
pub(super) fn prefix_sep_ok(sep: &str, dot: bool) -> bool {
    if dot {
        sep.strip_prefix('.')
            .is_some_and(|rest| rest.chars().all(is_hspace))
    } else {
        !sep.is_empty() && sep.chars().all(is_hspace)
    }
}

const UNSEEN: u32 = u32::MAX;
const UNKNOWN: u32 = u32::MAX - 1;

/// Why a bare name is not the unit: its words are skipped and nothing is emitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    /// A commune, street, river … named after it.
    Place,
    /// Part of a person's name.
    Person,
    /// The start of a longer proper noun (`Tân Sơn Nhất`, `An Dương Vương`).
    Continues,
    /// After a type prefix that fits none of the units so named (`tỉnh Hạ Long`).
    WrongType,
}

/// A match at one position, before resolution.
struct Hit {
    start_tok: usize,
    end_tok: usize,
    /// Packed name ids.
    key: u128,
    cands: Vec<UnitId>,
    prefixed: bool,
    blocked: Option<Block>,
}

struct Raw {
    start: usize,
    end: usize,
    /// Packed name ids, to drop bare names the text also uses as a person's name.
    key: u128,
    cands: Vec<UnitId>,
    prefixed: bool,
    /// For a bracketed parent: index of the mention it qualifies.
    child: Option<usize>,
}

struct Scanner<'a> {
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
    fn id(&mut self, i: usize) -> Option<u32> {
        let mut v = self.ids[i];
        if v == UNSEEN {
            let t = self.toks[i];
            canon_lower(&self.text[t.start..t.end], &mut self.buf);
            v = self
                .g
                .index
                .vocab
                .get(self.buf.as_str())
                .copied()
                .unwrap_or(UNKNOWN);
            self.ids[i] = v;
        }
        (v != UNKNOWN).then_some(v)
    }

    /// Could a prefix or a name start here? Cheap test that skips most lowercase words
    /// without normalising them.
    fn may_start(&self, i: usize) -> bool {
        let t = self.toks[i];
        if t.cap {
            return true;
        }
        self.text[t.start..]
            .chars()
            .next()
            .and_then(|c| c.to_lowercase().next())
            .is_some_and(|c| self.g.index.lower_initials.binary_search(&c).is_ok())
    }

    fn sep(&self, k: usize) -> &'a str {
        let end = self.toks.get(k + 1).map_or(self.text.len(), |t| t.start);
        &self.text[self.toks[k].end..end]
    }

    /// A type prefix starting at word `i`: the index of the word after it, and its type.
    fn prefix_at(&mut self, i: usize) -> Option<(usize, PrefixType)> {
        let g = self.g;
        let first = self.id(i)?;
        if g.index.flags_of(first) & F_PREFIX_FIRST == 0 {
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
                if k + 1 < n && !self.sep(i + k).chars().all(is_hspace) {
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
    /// its length in words, key and candidate units.
    fn name_at(
        &mut self,
        j: usize,
        ptype: Option<PrefixType>,
    ) -> Option<(usize, u128, Vec<UnitId>)> {
        let g = self.g;
        let max = g.index.max_len.min(self.toks.len() - j).min(MAX_SYLLABLES);
        let mut ids = [0u32; MAX_SYLLABLES];
        let mut avail = 0;
        for k in 0..max {
            if k > 0 && !self.toks[j + k - 1].join {
                break;
            }
            match self.id(j + k) {
                Some(id) => ids[k] = id,
                None => break,
            }
            if k == 0 && g.index.flags_of(ids[0]) & F_NAME_FIRST == 0 {
                return None;
            }
            avail += 1;
        }
        for len in (1..=avail).rev() {
            let key = pack(&ids[..len]);
            let Some(entries) = g.index.names.get(&key) else {
                continue;
            };
            let mut strict: Vec<UnitId> = Vec::new();
            let mut loose: Vec<UnitId> = Vec::new();
            for e in entries {
                let caps_ok = (0..len).all(|k| e.mask & (1 << k) == 0 || self.toks[j + k].cap);
                if !caps_ok {
                    continue;
                }
                match ptype {
                    None => {
                        // Town names are too often commune names or plain words.
                        if !e.needs_prefix && e.kind != Kind::Town {
                            strict.push(e.unit);
                        }
                    }
                    Some(p) if p.allows(e.kind) => strict.push(e.unit),
                    Some(p) if p.district_level() && matches!(e.kind, Kind::District(_)) => {
                        loose.push(e.unit);
                    }
                    Some(_) => {}
                }
            }
            let mut cands = if strict.is_empty() { loose } else { strict };
            if !cands.is_empty() {
                cands.sort_unstable();
                cands.dedup();
                return Some((len, key, cands));
            }
        }
        None
    }

    /// Do the words around the bare name at `i..e` make it something else?
    fn block(&mut self, i: usize, e: usize) -> Option<Block> {
        if i > self.last_end
            && self.sep(i - 1).chars().all(is_hspace)
            && let Some(id) = self.id(i - 1)
        {
            let f = self.g.index.flags_of(id);
            if f & F_BLOCK_PLACE != 0 && !self.streets_of_city(i - 1) {
                return Some(Block::Place);
            }
            if f & F_BLOCK_TITLE != 0 || (f & F_BLOCK_CAP != 0 && self.toks[i - 1].cap) {
                return Some(Block::Person);
            }
        }
        if i > self.last_end
            && self.sep(i - 1).chars().all(is_hspace)
            && self.route_word_ends_at(i - 1, false)
        {
            return Some(Block::Place);
        }
        if self.route_pair_end(i) {
            return Some(Block::Place);
        }
        if self.continues(e) {
            return Some(Block::Continues);
        }
        None
    }

    /// Word `k`, canonical and lowercase.
    fn lower_word(&self, k: usize) -> String {
        let t = self.toks[k];
        let mut out = String::new();
        canon_lower(&self.text[t.start..t.end], &mut out);
        out
    }

    /// Does a road or route word end at word `k`: `cao tốc`, `quốc lộ`, `tỉnh lộ`, `tuyến`,
    /// `cầu`, `cảng`, `đường sắt`, `đường bay`? Not `yêu cầu`, `nhu cầu`, `điểm cầu` (a
    /// meeting's link-up point names the place), `trực tuyến`. With `pair`, the route word
    /// before the first end of a pair (`tuyến Hà Nội - Lào Cai`): `đường` counts too, and
    /// a capitalised `Cầu`/`Cảng` does not, since it starts names (`Cầu Giấy - Hà Đông`).
    fn route_word_ends_at(&self, k: usize, pair: bool) -> bool {
        let t = self.toks[k];
        let w = self.lower_word(k);
        let before =
            || (k > 0 && self.sep(k - 1).chars().all(is_hspace)).then(|| self.lower_word(k - 1));
        match w.as_str() {
            "tuyến" => !matches!(before().as_deref(), Some("trực" | "tiền" | "hậu")),
            "cầu" | "cảng" if pair && t.cap => false,
            "cầu" => !matches!(
                before().as_deref(),
                Some("yêu" | "nhu" | "toàn" | "địa" | "mưu" | "khẩn" | "điểm" | "đầu")
            ),
            "cảng" => true,
            "đường" => pair,
            "tốc" => before().as_deref() == Some("cao"),
            "lộ" => matches!(before().as_deref(), Some("quốc" | "tỉnh" | "hương")),
            "sắt" | "bay" | "bộ" | "thủy" => before().as_deref() == Some("đường"),
            _ => false,
        }
    }

    /// Is the bare name at word `i` the second end of a route (`cao tốc Vân Đồn - Móng Cái`,
    /// `đường Vinh - Cửa Lò`, `tuyến Hà Nội - Hải Phòng - Quảng Ninh`)? A dash before it,
    /// then capitalised words back to a route word.
    fn route_pair_end(&self, i: usize) -> bool {
        if i == 0 || !self.toks[i - 1].join || !self.sep(i - 1).chars().any(is_dash) {
            return false;
        }
        let mut k = i - 1;
        for _ in 0..3 * MAX_SYLLABLES {
            if !self.toks[k].cap || k == 0 || !self.toks[k - 1].join {
                return false;
            }
            let before = k - 1;
            if self.sep(before).chars().all(is_hspace) && self.route_word_ends_at(before, true) {
                return true;
            }
            k = before;
        }
        false
    }

    /// `đường phố Hà Nội`, `phố phường Hà Nội`: "the streets of", so the city itself.
    fn streets_of_city(&mut self, k: usize) -> bool {
        if k == 0 || k <= self.last_end || !self.sep(k - 1).chars().all(is_hspace) {
            return false;
        }
        let g = self.g;
        let (Some(a), Some(b)) = (self.id(k - 1), self.id(k)) else {
            return false;
        };
        let (a, b) = (g.index.word_of_id(a), g.index.word_of_id(b));
        matches!((a, b), ("đường", "phố") | ("phố", "phường"))
    }

    /// Does a longer proper noun go on at word `e` (`Tân Sơn` + `Nhất`)? A capitalised
    /// word right after, on the same line with only spaces between. Not when it is an
    /// acronym or ALL CAPS (`Hà Nội FC`, titles), another locality, or a person's name
    /// starting with a surname (`Tỉnh ủy Quảng Ninh Nguyễn Văn Đọc`).
    fn continues(&mut self, e: usize) -> bool {
        if e == 0 || e >= self.toks.len() || !self.sep(e - 1).chars().all(is_hspace) {
            return false;
        }
        if !self.is_title_word(e) {
            return false;
        }
        if let Some(id) = self.id(e) {
            let f = self.g.index.flags_of(id);
            if f & F_BLOCK_CAP != 0
                && e + 1 < self.toks.len()
                && self.toks[e].join
                && self.is_title_word(e + 1)
            {
                return false;
            }
            if f & F_NAME_FIRST != 0 && self.name_at(e, None).is_some() {
                return false;
            }
        }
        true
    }

    /// Starts with an uppercase letter and has a lowercase one: `Nhất`, not `FC` or `1`.
    fn is_title_word(&self, k: usize) -> bool {
        let t = self.toks[k];
        let w = &self.text[t.start..t.end];
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
    }

    /// The best match starting at word `i`: prefix + name, or a bare name if longer.
    fn match_at(&mut self, i: usize, blockers: bool) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        if let Some((ns, ptype)) = self.prefix_at(i) {
            if let Some((len, key, cands)) = self.name_at(ns, Some(ptype)) {
                best = Some(Hit {
                    start_tok: i,
                    end_tok: ns + len,
                    key,
                    cands,
                    prefixed: true,
                    blocked: None,
                });
            } else if let Some((len, key, cands)) = self.name_at(ns, None) {
                // The prefix restricts the candidates to none: never fall back to a guess.
                best = Some(Hit {
                    start_tok: i,
                    end_tok: ns + len,
                    key,
                    cands,
                    prefixed: true,
                    blocked: Some(Block::WrongType),
                });
            }
        }
        if let Some((len, key, cands)) = self.name_at(i, None)
            && best.as_ref().is_none_or(|b| i + len > b.end_tok)
        {
            best = Some(Hit {
                start_tok: i,
                end_tok: i + len,
                key,
                cands,
                prefixed: false,
                blocked: if blockers {
                    self.block(i, i + len)
                } else {
                    None
                },
            });
        }
        best
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
        let h = self.match_at(e, false)?;
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
        }
    }
}

impl Gazetteer {
    /// Does `outer` directly or indirectly contain `inner`?
    fn contains(&self, outer: UnitId, inner: UnitId) -> bool {
        outer != inner
            && match self.units[outer].level {
                Level::Province => self.units[inner].province == outer,
                Level::District => self.town_district[inner] == Some(outer),
                Level::Town => false,
            }
    }
}

pub(super) fn find_mentions(g: &Gazetteer, text: &str, context: &[UnitId]) -> Vec<Mention> {
    let toks = tokenize(text);
    let n = toks.len();
    let mut s = Scanner {
        g,
        text,
        ids: vec![UNSEEN; n],
        toks,
        buf: String::new(),
        last_end: 0,
    };
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
        let Some(hit) = s.match_at(i, true) else {
            i += 1;
            continue;
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
            main.cands = pairs.iter().map(|p| p.0).collect();
            main.cands.dedup();
            parent.cands = pairs.iter().map(|p| p.1).collect();
            parent.cands.sort_unstable();
            parent.cands.dedup();
            parent.child = Some(raws.len());
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
        }
    }
    // Districts and towns in the context stand for typed mentions made elsewhere in the
    // document (its title scanned apart from its body).
    let known: Vec<UnitId> = context
        .iter()
        .copied()
        .filter(|&u| g.units.get(u).is_some_and(|x| x.level != Level::Province))
        .collect();
    settle_by_typed_mentions(&mut raws, &known);
    // Sorted and deduplicated: at most the 63 provinces, however long the text.
    let mut context: Vec<UnitId> = context
        .iter()
        .filter_map(|&u| g.units.get(u).map(|x| x.province))
        .collect();
    context.sort_unstable();
    context.dedup();
    let mut named: Vec<UnitId> = raws
        .iter()
        .filter(|r| r.cands.len() == 1)
        .map(|r| g.units[r.cands[0]].province)
        .collect();
    named.sort_unstable();
    named.dedup();
    let resolved: Vec<Option<UnitId>> = raws
        .iter()
        .map(|r| {
            if r.cands.len() == 1 {
                return Some(r.cands[0]);
            }
            let in_context: Vec<UnitId> = r
                .cands
                .iter()
                .copied()
                .filter(|&u| context.contains(&g.units[u].province))
                .collect();
            let pool = if in_context.is_empty() {
                &r.cands
            } else {
                &in_context
            };
            if pool.len() == 1 {
                return Some(pool[0]);
            }
            let in_text: Vec<UnitId> = pool
                .iter()
                .copied()
                .filter(|&u| named.contains(&g.units[u].province))
                .collect();
            // Still ambiguous: never guess.
            (in_text.len() == 1).then(|| in_text[0])
        })
        .collect();
    raws.iter()
        .zip(&resolved)
        .filter_map(|(r, &u)| {
            Some(Mention {
                start: r.start,
                end: r.end,
                unit: u?,
                prefixed: r.prefixed,
                bracket_parent: r.child.is_some_and(|c| resolved[c].is_some()),
            })
        })
        .collect()
}

/// A bare name shared by several units (`Kỳ Anh`: a huyện and a thị xã of Hà Tĩnh) is the
/// unit the text names with its type elsewhere (`thị xã Kỳ Anh`), when the typed mentions
/// and the `known` units single out exactly one of its candidates.
fn settle_by_typed_mentions(raws: &mut [Raw], known: &[UnitId]) {
    let mut typed: Vec<UnitId> = raws
        .iter()
        .filter(|r| r.prefixed && r.cands.len() == 1)
        .map(|r| r.cands[0])
        .chain(known.iter().copied())
        .collect();
    if typed.is_empty() {
        return;
    }
    typed.sort_unstable();
    typed.dedup();
    for r in raws.iter_mut().filter(|r| !r.prefixed && r.cands.len() > 1) {
        let mut hits = r.cands.iter().filter(|u| typed.binary_search(u).is_ok());
        if let (Some(&u), None) = (hits.next(), hits.next()) {
            r.cands = vec![u];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_char_table_agrees_with_unicode() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), is_word_char_slow(c), "{c:?}");
        }
    }
}
