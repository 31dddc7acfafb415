//! [`Gazetteer::lookup`]: units by name, as a person types it.

use super::index::canon_lower;
use super::model::{Kind, PrefixType};
use super::{Gazetteer, Level, UnitId, scan};
use crate::text;

impl Gazetteer {
    /// Units whose name, variant or alias matches `query` (case-, tone-placement- and
    /// diacritic-insensitive; a type prefix like `TP`, `tỉnh` restricts the type). Best first:
    /// exact accented name, then unaccented match, then vietnamadminunits' ASCII keys; within
    /// each, provinces before districts before communes.
    pub fn lookup(&self, query: &str) -> Vec<UnitId> {
        let toks = scan::tokenize(query);
        if toks.is_empty() {
            return Vec::new();
        }
        // Read the query both as a plain name and as prefix + name ("Quan Hoa" is a district,
        // "quan 1" is prefix + name).
        let mut readings: Vec<(Option<PrefixType>, usize)> = vec![(None, 0)];
        for folded in [false, true] {
            if let Some((n, p)) = self.prefix_in(query, &toks, folded)
                && !readings.contains(&(Some(p), n))
            {
                readings.push((Some(p), n));
            }
        }
        let whole_compact = compact(query);
        let mut hits: Vec<(u8, u8, UnitId)> = Vec::new();
        let mut buf = String::new();
        for (ptype, skip) in readings {
            let rest = &toks[skip..];
            let canon: Vec<String> = rest
                .iter()
                .map(|t| {
                    canon_lower(&query[t.start..t.end], &mut buf);
                    buf.clone()
                })
                .collect();
            let canon = canon.join(" ");
            let folded = compact(&canon);
            let mut strict: Vec<(u8, u8, UnitId)> = Vec::new();
            let mut loose: Vec<(u8, u8, UnitId)> = Vec::new();
            let mut consider = |tier: u8, unit: UnitId, kind: Kind| {
                let hit = (tier, level_rank(self.units[unit].level), unit);
                match ptype {
                    None => strict.push(hit),
                    Some(p) if p.allows(kind) => strict.push(hit),
                    Some(p) if p.falls_back_to(kind) => loose.push(hit),
                    Some(_) => {}
                }
            };
            // A bare number is no district ("1"), though "quận 1" is.
            let numeric = canon.chars().all(|c| c.is_numeric() || c == ' ');
            if numeric && ptype.is_none() {
                continue;
            }
            let text_of = |(from, to): (u32, u32)| &self.lookup_text[from as usize..to as usize];
            for ln in &self.lookup_names {
                if text_of(ln.canon) == canon {
                    consider(0, ln.entry.unit, ln.entry.kind);
                } else if !folded.is_empty() && text_of(ln.folded) == folded {
                    consider(1, ln.entry.unit, ln.entry.kind);
                }
            }
            for &(from, to, unit) in &self.key_spans {
                let k = &self.keys[from as usize..to as usize];
                let whole = ptype.is_none() && k == whole_compact;
                if whole || (!folded.is_empty() && k == folded) {
                    consider(2, unit, self.kinds[unit]);
                }
            }
            hits.extend(if strict.is_empty() { loose } else { strict });
        }
        hits.sort_unstable();
        let mut out: Vec<UnitId> = Vec::new();
        for (_, _, u) in hits {
            if !out.contains(&u) {
                out.push(u);
            }
        }
        out
    }
}

fn level_rank(level: Level) -> u8 {
    match level {
        Level::Province => 0,
        Level::District => 1,
        Level::Commune => 2,
    }
}

/// Folded, only `[a-z0-9]`: the form of vietnamadminunits' keys.
fn compact(s: &str) -> String {
    text::fold_str(s)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}
