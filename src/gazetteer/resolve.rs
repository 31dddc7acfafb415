//! Choosing among the units that share a name. In order: what the scan settled (a bracketed
//! parent, a province before its namesake districts), the same unit named with its type
//! elsewhere, provinces named in the text or the caller's context; for communes, a district
//! or province containing one of them named in the same sentence, then anywhere in the text.
//! A name still shared is left unresolved: the caller may settle it later by the province
//! the article is about ([`Gazetteer::settle_in_provinces`]), and never guesses.

use super::model::{Cue, Level, Mention, Settled};
use super::scan::Raw;
use super::{Gazetteer, UnitId};

/// A name that stays shared by several units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub start: usize,
    pub end: usize,
    /// Every unit it may be (of the type its prefix names).
    pub candidates: Vec<UnitId>,
    pub prefixed: bool,
    pub cue: Option<Cue>,
}

/// Every locality named in a text: those resolved, and names still shared.
#[derive(Debug, Clone, Default)]
pub struct TextScan {
    /// In text order.
    pub mentions: Vec<Mention>,
    /// In text order.
    pub unresolved: Vec<Unresolved>,
}

struct State<'a> {
    g: &'a Gazetteer,
    raws: Vec<Raw>,
    unit: Vec<Option<UnitId>>,
    how: Vec<Option<Settled>>,
}

impl State<'_> {
    fn settle(&mut self, i: usize, u: UnitId, how: Settled) {
        self.unit[i] = Some(u);
        self.how[i] = Some(how);
    }

    fn open(&self) -> Vec<usize> {
        (0..self.raws.len())
            .filter(|&i| self.unit[i].is_none() && self.raws[i].cands.len() > 1)
            .collect()
    }

    /// Provinces of the resolved mentions (sorted, deduplicated).
    fn named_provinces(&self) -> Vec<UnitId> {
        let mut v: Vec<UnitId> = self
            .unit
            .iter()
            .flatten()
            .map(|&u| self.g.units[u].province)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// A bare name shared by several units (`Kỳ Anh`: a huyện and a thị xã of Hà Tĩnh) is
    /// the unit the text names with its type elsewhere (`thị xã Kỳ Anh`), when the typed
    /// mentions and the `known` units single out exactly one of its candidates.
    fn settle_by_typed(&mut self, known: &[UnitId], how: Settled) {
        let mut typed: Vec<UnitId> = (0..self.raws.len())
            .filter(|&i| self.raws[i].prefixed)
            .filter_map(|i| self.unit[i])
            .chain(known.iter().copied())
            .collect();
        if typed.is_empty() {
            return;
        }
        typed.sort_unstable();
        typed.dedup();
        for i in self.open() {
            if self.raws[i].prefixed {
                continue;
            }
            let mut hits = self.raws[i]
                .cands
                .iter()
                .filter(|u| typed.binary_search(u).is_ok());
            if let (Some(&u), None) = (hits.next(), hits.next()) {
                self.settle(i, u, how);
            }
        }
    }

    /// Districts and provinces: the candidates in `context` provinces, else those in
    /// provinces the text names.
    fn settle_by_provinces(&mut self, context: &[UnitId], how: Settled) {
        let g = self.g;
        let named = self.named_provinces();
        for i in self.open() {
            let cands = &self.raws[i].cands;
            if cands.iter().all(|&u| g.units[u].level == Level::Commune) {
                continue;
            }
            let in_context: Vec<UnitId> = cands
                .iter()
                .copied()
                .filter(|&u| context.binary_search(&g.units[u].province).is_ok())
                .collect();
            let pool = if in_context.is_empty() {
                cands.clone()
            } else {
                in_context
            };
            if pool.len() == 1 {
                self.settle(i, pool[0], how);
                continue;
            }
            let mut in_text = pool
                .iter()
                .filter(|&&u| named.binary_search(&g.units[u].province).is_ok());
            if let (Some(&u), None) = (in_text.next(), in_text.next()) {
                self.settle(i, u, Settled::Text);
            }
        }
    }

    /// Communes: a district containing exactly one candidate among `parents`, else a
    /// province.
    fn settle_communes(&mut self, text: &str, context: &[UnitId]) {
        let g = self.g;
        let open: Vec<usize> = self
            .open()
            .into_iter()
            .filter(|&i| {
                self.raws[i]
                    .cands
                    .iter()
                    .all(|&u| g.units[u].level == Level::Commune)
            })
            .collect();
        if open.is_empty() {
            return;
        }
        let sentence = sentence_ids(text, &self.raws);
        let resolved: Vec<(usize, UnitId)> = (0..self.raws.len())
            .filter_map(|i| self.unit[i].map(|u| (i, u)))
            .collect();
        let in_text: Vec<UnitId> = resolved.iter().map(|&(_, u)| u).collect();
        for i in open {
            let in_sentence: Vec<UnitId> = resolved
                .iter()
                .filter(|&&(j, _)| sentence[j] == sentence[i])
                .map(|&(_, u)| u)
                .collect();
            let cands = &self.raws[i].cands;
            let found = narrow(g, cands, &in_sentence)
                .map(|u| (u, Settled::Sentence))
                .or_else(|| narrow(g, cands, &in_text).map(|u| (u, Settled::Text)))
                .or_else(|| narrow(g, cands, context).map(|u| (u, Settled::Context)));
            if let Some((u, how)) = found {
                self.settle(i, u, how);
            }
        }
    }
}

/// The one candidate inside a district among `named`, else the one inside a province among
/// `named` (or a province of theirs).
fn narrow(g: &Gazetteer, cands: &[UnitId], named: &[UnitId]) -> Option<UnitId> {
    let one = |v: Vec<UnitId>| (v.len() == 1).then(|| v[0]);
    let districts: Vec<UnitId> = named
        .iter()
        .copied()
        .filter(|&u| g.units.get(u).is_some_and(|x| x.level == Level::District))
        .collect();
    let by_district: Vec<UnitId> = cands
        .iter()
        .copied()
        .filter(|&c| districts.iter().any(|&d| g.contains(d, c)))
        .collect();
    if !by_district.is_empty() {
        return one(by_district);
    }
    let mut provinces: Vec<UnitId> = named
        .iter()
        .filter_map(|&u| g.units.get(u).map(|x| x.province))
        .collect();
    provinces.sort_unstable();
    provinces.dedup();
    one(cands
        .iter()
        .copied()
        .filter(|&c| provinces.binary_search(&g.units[c].province).is_ok())
        .collect())
}

/// A sentence number for each mention: a new sentence starts after a line break, or after
/// `.`, `!`, `?` or `;` and a space, unless the dot ends an abbreviation (`TP.`, `Q.`).
fn sentence_ids(text: &str, raws: &[Raw]) -> Vec<usize> {
    let mut ids = Vec::with_capacity(raws.len());
    let mut sid = 0;
    let mut prev = 0;
    for r in raws {
        if r.start > prev && ends_sentence(&text[prev..r.start], prev == 0) {
            sid += 1;
        }
        ids.push(sid);
        prev = prev.max(r.end);
    }
    ids
}

fn ends_sentence(gap: &str, at_start: bool) -> bool {
    let b = gap.as_bytes();
    for (k, &c) in b.iter().enumerate() {
        match c {
            b'\n' => return true,
            b'!' | b'?' | b';' | b'.' => {
                let spaced = b.get(k + 1).is_none_or(u8::is_ascii_whitespace);
                if !spaced {
                    continue;
                }
                if c == b'.' && (k != 0 || at_start) {
                    // The word before the dot: an abbreviation is short and capitalised.
                    let word: Vec<char> = gap[..k]
                        .chars()
                        .rev()
                        .take_while(|c| c.is_alphanumeric())
                        .collect();
                    if (1..=3).contains(&word.len())
                        && word.last().is_some_and(|c| c.is_uppercase())
                    {
                        continue;
                    }
                }
                return true;
            }
            _ => {}
        }
    }
    false
}

pub(super) fn resolve(g: &Gazetteer, text: &str, raws: Vec<Raw>, context: &[UnitId]) -> TextScan {
    let n = raws.len();
    let mut s = State {
        g,
        raws,
        unit: vec![None; n],
        how: vec![None; n],
    };
    for i in 0..n {
        if s.raws[i].cands.len() == 1 {
            let how = s.raws[i].settled.unwrap_or(Settled::Unique);
            s.settle(i, s.raws[i].cands[0], how);
        }
    }
    // Districts and towns in the context stand for typed mentions made elsewhere in the
    // document.
    let known: Vec<UnitId> = context
        .iter()
        .copied()
        .filter(|&u| g.units.get(u).is_some_and(|x| x.level != Level::Province))
        .collect();
    s.settle_by_typed(&known, Settled::Typed);
    let mut provinces: Vec<UnitId> = context
        .iter()
        .filter_map(|&u| g.units.get(u).map(|x| x.province))
        .collect();
    provinces.sort_unstable();
    provinces.dedup();
    s.settle_by_provinces(&provinces, Settled::Context);
    // Once more with what the text itself settled as context.
    let resolved: Vec<UnitId> = s.unit.iter().flatten().copied().collect();
    let known: Vec<UnitId> = resolved
        .iter()
        .copied()
        .filter(|&u| g.units[u].level != Level::Province)
        .collect();
    s.settle_by_typed(&known, Settled::Typed);
    let mut provinces: Vec<UnitId> = provinces
        .into_iter()
        .chain(resolved.iter().map(|&u| g.units[u].province))
        .collect();
    provinces.sort_unstable();
    provinces.dedup();
    s.settle_by_provinces(&provinces, Settled::Text);
    s.settle_communes(text, context);

    let mut scan = TextScan::default();
    for (i, r) in s.raws.iter().enumerate() {
        match s.unit[i] {
            Some(unit) => scan.mentions.push(Mention {
                start: r.start,
                end: r.end,
                unit,
                prefixed: r.prefixed,
                // After a commune, the district or province in brackets places the article
                // and counts as a mention of its own.
                bracket_parent: r
                    .child
                    .is_some_and(|c| s.unit[c].is_some_and(|u| g.units[u].level != Level::Commune)),
                cue: r.cue,
                settled: s.how[i].unwrap_or(Settled::Unique),
            }),
            None if r.cands.len() > 1 => scan.unresolved.push(Unresolved {
                start: r.start,
                end: r.end,
                candidates: r.cands.clone(),
                prefixed: r.prefixed,
                cue: r.cue,
            }),
            None => {}
        }
    }
    scan
}

impl Gazetteer {
    /// Settle names still shared by the provinces the article is about: a name with exactly
    /// one candidate in them becomes a mention of it ([`Settled::AboutProvince`]).
    pub fn settle_in_provinces(&self, scan: &mut TextScan, provinces: &[UnitId]) {
        let mut provinces = provinces.to_vec();
        provinces.sort_unstable();
        provinces.dedup();
        let mut settled = false;
        scan.unresolved.retain(|u| {
            let mut inside = u.candidates.iter().filter(|&&c| {
                self.units
                    .get(c)
                    .is_some_and(|x| provinces.binary_search(&x.province).is_ok())
            });
            let (Some(&unit), None) = (inside.next(), inside.next()) else {
                return true;
            };
            scan.mentions.push(Mention {
                start: u.start,
                end: u.end,
                unit,
                prefixed: u.prefixed,
                bracket_parent: false,
                cue: u.cue,
                settled: Settled::AboutProvince,
            });
            settled = true;
            false
        });
        if settled {
            scan.mentions.sort_by_key(|m| m.start);
        }
    }
}
