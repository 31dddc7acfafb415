//! The matcher behind [`Gazetteer::find_mentions`]: split the text into words, look for a type
//! prefix and the longest indexed name at each word, attach a bracketed parent, then resolve
//! names shared by several units.

use super::index::{F_NAME_FIRST, F_PREFIX_FIRST, MAX_SYLLABLES, canon_lower, pack};
use super::model::{Kind, PrefixType};
use super::{Gazetteer, Level, Mention, UnitId};

mod block;
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
