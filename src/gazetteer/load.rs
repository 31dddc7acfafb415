//! Loading `vn-localities.json`: the units, type prefixes, names, former names and aliases,
//! and the name index built from them.

use std::collections::HashMap;

use serde::Deserialize;

use super::index::{
    BLOCK_CAP, BLOCK_PLACE, BLOCK_TITLE, Entry, F_BLOCK_CAP, F_BLOCK_PLACE, F_BLOCK_TITLE,
    F_NAME_FIRST, F_PREFIX_FIRST, Index, LookupName, MAX_SYLLABLES, PERSON_NAMES, Prefix,
    canon_lower, pack,
};
use super::model::{Kind, PrefixType, parse_kind};
use super::{Gazetteer, GazetteerError, Level, Unit, UnitId, scan};
use crate::text;

#[derive(Deserialize)]
struct RawData {
    provinces: Vec<RawProvince>,
    provinces_2025: Vec<RawProvince2025>,
    districts: Vec<RawDistrict>,
    towns: Vec<RawTown>,
    #[serde(default)]
    aliases_handwritten: Vec<RawAlias>,
    #[serde(default)]
    type_prefixes_handwritten: Vec<RawPrefix>,
}

#[derive(Deserialize)]
struct RawProvince {
    code: String,
    name: String,
    short: String,
    #[serde(rename = "type")]
    kind: String,
    new: String,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    keys: Vec<String>,
}

#[derive(Deserialize)]
struct RawProvince2025 {
    code: String,
    short: String,
}

#[derive(Deserialize)]
struct RawDistrict {
    code: String,
    name: String,
    short: String,
    #[serde(rename = "type")]
    kind: String,
    province: String,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    former_names: Vec<String>,
    #[serde(default)]
    keys: Vec<String>,
}

#[derive(Deserialize)]
struct RawTown {
    code: String,
    name: String,
    short: String,
    district: String,
    province: String,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    keys: Vec<String>,
}

#[derive(Deserialize)]
struct RawAlias {
    text: String,
    province: Option<String>,
    district: Option<String>,
}

#[derive(Deserialize)]
struct RawPrefix {
    text: String,
    #[serde(rename = "type")]
    kind: String,
}

/// Where a name comes from, which decides how a leading type word is treated.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NameSource {
    /// `short` or `variants`: a leading type word is part of the short (`Quận 1`).
    Own,
    /// `former_names`: the type word gives the earlier kind (`Huyện Kim Bảng`).
    Former,
    /// `aliases_handwritten`: a leading prefix is stripped when it suits the unit
    /// (`TP.HCM` → `HCM` after a prefix).
    Alias,
}

/// Drop a trailing `(…)` qualifier: `Kỳ Anh (Huyện)`, `Yên Viên (Thị trấn)`.
pub(super) fn strip_qualifier(name: &str) -> &str {
    let t = name.trim();
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
        && open > 0
    {
        return t[..open].trim_end();
    }
    t
}

impl Gazetteer {
    /// Load the gazetteer from `vn-localities.json` text and build the name index.
    pub fn from_json(json: &str) -> Result<Gazetteer, GazetteerError> {
        let raw: RawData = serde_json::from_str(json)?;
        let mut g = Gazetteer {
            units: Vec::new(),
            kinds: Vec::new(),
            town_district: Vec::new(),
            province_2025: Vec::new(),
            by_id: HashMap::new(),
            index: Index {
                vocab: HashMap::new(),
                words: Vec::new(),
                flags: Vec::new(),
                names: HashMap::new(),
                max_len: 0,
                prefixes: Vec::new(),
                lower_initials: Vec::new(),
            },
            lookup_names: Vec::new(),
            keys: Vec::new(),
        };

        let new_names: HashMap<&str, &str> = raw
            .provinces_2025
            .iter()
            .map(|p| (p.code.as_str(), p.short.as_str()))
            .collect();
        let mut province_by_code: HashMap<&str, UnitId> = HashMap::new();
        let mut district_by_code: HashMap<&str, UnitId> = HashMap::new();

        for p in &raw.provinces {
            let id = format!("p{}", p.code);
            let kind = parse_kind(Level::Province, &p.kind, &id)?;
            let new = new_names
                .get(p.new.as_str())
                .ok_or_else(|| GazetteerError::UnknownCode {
                    unit: id.clone(),
                    what: "provinces_2025",
                    code: p.new.clone(),
                })?;
            let uid = g.units.len();
            g.push_unit(
                Unit {
                    id,
                    code: p.code.clone(),
                    level: Level::Province,
                    name: p.short.clone(),
                    full_name: p.name.clone(),
                    kind: p.kind.clone(),
                    province: uid,
                },
                kind,
                None,
                new.to_string(),
            )?;
            province_by_code.insert(p.code.as_str(), uid);
        }

        let province_of = |unit: &str,
                           code: &str,
                           map: &HashMap<&str, UnitId>|
         -> Result<UnitId, GazetteerError> {
            map.get(code)
                .copied()
                .ok_or_else(|| GazetteerError::UnknownCode {
                    unit: unit.to_string(),
                    what: "province",
                    code: code.to_string(),
                })
        };

        for d in &raw.districts {
            let id = format!("d{}", d.code);
            let kind = parse_kind(Level::District, &d.kind, &id)?;
            let prov = province_of(&id, &d.province, &province_by_code)?;
            let new = g.province_2025[prov].clone();
            let uid = g.units.len();
            g.push_unit(
                Unit {
                    id,
                    code: d.code.clone(),
                    level: Level::District,
                    name: d.short.clone(),
                    full_name: d.name.clone(),
                    kind: d.kind.clone(),
                    province: prov,
                },
                kind,
                None,
                new,
            )?;
            district_by_code.insert(d.code.as_str(), uid);
        }

        for t in &raw.towns {
            let id = format!("t{}", t.code);
            let prov = province_of(&id, &t.province, &province_by_code)?;
            let dist = district_by_code
                .get(t.district.as_str())
                .copied()
                .ok_or_else(|| GazetteerError::UnknownCode {
                    unit: id.clone(),
                    what: "district",
                    code: t.district.clone(),
                })?;
            let new = g.province_2025[prov].clone();
            g.push_unit(
                Unit {
                    id,
                    code: t.code.clone(),
                    level: Level::Town,
                    name: t.short.clone(),
                    full_name: t.name.clone(),
                    kind: "thị trấn".to_string(),
                    province: prov,
                },
                Kind::Town,
                Some(dist),
                new,
            )?;
        }

        // Prefixes first: stripping them from aliases and former names needs them.
        for p in &raw.type_prefixes_handwritten {
            let ptype =
                PrefixType::parse(&p.kind).ok_or_else(|| GazetteerError::UnknownPrefixType {
                    text: p.text.clone(),
                    kind: p.kind.clone(),
                })?;
            g.add_prefix(&p.text, ptype)?;
        }
        for (words, flag) in [
            (BLOCK_PLACE, F_BLOCK_PLACE),
            (BLOCK_TITLE, F_BLOCK_TITLE),
            (BLOCK_CAP, F_BLOCK_CAP),
        ] {
            for w in words {
                let id = g.index.intern(w);
                g.index.flags[id as usize] |= flag;
            }
        }

        // Names, in unit order so `lookup` ties break by unit.
        for (i, p) in raw.provinces.iter().enumerate() {
            let uid = i;
            for n in std::iter::once(&p.short).chain(&p.variants) {
                g.add_name(uid, n, NameSource::Own)?;
            }
            g.add_keys(uid, &p.keys);
        }
        let base = raw.provinces.len();
        for (i, d) in raw.districts.iter().enumerate() {
            let uid = base + i;
            for n in std::iter::once(&d.short).chain(&d.variants) {
                g.add_name(uid, n, NameSource::Own)?;
            }
            for n in &d.former_names {
                g.add_name(uid, n, NameSource::Former)?;
            }
            g.add_keys(uid, &d.keys);
        }
        let base = base + raw.districts.len();
        for (i, t) in raw.towns.iter().enumerate() {
            let uid = base + i;
            for n in std::iter::once(&t.short).chain(&t.variants) {
                g.add_name(uid, n, NameSource::Own)?;
            }
            g.add_keys(uid, &t.keys);
        }
        for a in &raw.aliases_handwritten {
            let target = match (&a.province, &a.district) {
                (Some(code), _) => province_by_code.get(code.as_str()).copied(),
                (None, Some(code)) => district_by_code.get(code.as_str()).copied(),
                (None, None) => return Err(GazetteerError::AliasWithoutTarget(a.text.clone())),
            };
            let uid = target.ok_or_else(|| GazetteerError::UnknownCode {
                unit: format!("alias {:?}", a.text),
                what: if a.province.is_some() {
                    "province"
                } else {
                    "district"
                },
                code: a
                    .province
                    .clone()
                    .or(a.district.clone())
                    .unwrap_or_default(),
            })?;
            g.add_name(uid, &a.text, NameSource::Alias)?;
        }

        let mut initials: Vec<char> = Vec::new();
        for p in &g.index.prefixes {
            if let Some(c) = g.word_of(p.words[0]).chars().next() {
                initials.push(c);
            }
        }
        for ln in &g.lookup_names {
            if ln.entry.mask & 1 == 0
                && let Some(c) = ln.canon.chars().next()
            {
                initials.push(c);
            }
        }
        initials.sort_unstable();
        initials.dedup();
        g.index.lower_initials = initials;
        Ok(g)
    }

    fn push_unit(
        &mut self,
        unit: Unit,
        kind: Kind,
        district: Option<UnitId>,
        province_2025: String,
    ) -> Result<(), GazetteerError> {
        let uid = self.units.len();
        if self.by_id.insert(unit.id.clone(), uid).is_some() {
            return Err(GazetteerError::DuplicateUnit(unit.id));
        }
        self.units.push(unit);
        self.kinds.push(kind);
        self.town_district.push(district);
        self.province_2025.push(province_2025);
        Ok(())
    }

    fn add_prefix(&mut self, text: &str, ptype: PrefixType) -> Result<(), GazetteerError> {
        let toks = scan::tokenize(text);
        let bad = |reason| GazetteerError::BadName {
            unit: "type prefix".to_string(),
            name: text.to_string(),
            reason,
        };
        if toks.is_empty() || toks.len() > MAX_SYLLABLES {
            return Err(bad("no words or too many"));
        }
        let tail = &text[toks[toks.len() - 1].end..];
        let dot = match tail.trim() {
            "" => false,
            "." => true,
            _ => return Err(bad("only a dot may follow the words")),
        };
        let mut words = Vec::with_capacity(toks.len());
        let mut buf = String::new();
        for (k, t) in toks.iter().enumerate() {
            if k > 0
                && !text[toks[k - 1].end..t.start]
                    .chars()
                    .all(char::is_whitespace)
            {
                return Err(bad("words must be separated by spaces"));
            }
            canon_lower(&text[t.start..t.end], &mut buf);
            words.push(self.index.intern(&buf));
        }
        self.index.flags[words[0] as usize] |= F_PREFIX_FIRST;
        // "TP." and "Tp." are the same prefix once lowercased.
        if !self
            .index
            .prefixes
            .iter()
            .any(|p| p.words == words && p.dot == dot)
        {
            self.index.prefixes.push(Prefix { words, dot, ptype });
        }
        Ok(())
    }

    fn add_name(
        &mut self,
        unit: UnitId,
        name: &str,
        source: NameSource,
    ) -> Result<(), GazetteerError> {
        let name = strip_qualifier(name);
        let toks = scan::tokenize(name);
        let bad = |reason| GazetteerError::BadName {
            unit: self.units[unit].id.clone(),
            name: name.to_string(),
            reason,
        };
        let mut kind = self.kinds[unit];
        let mut start = 0;
        let mut needs_prefix = false;
        if let Some((n, ptype)) = self.prefix_in(name, &toks, false) {
            match source {
                NameSource::Own => start = n,
                NameSource::Former => {
                    start = n;
                    kind = ptype.as_kind();
                }
                NameSource::Alias if ptype.allows(kind) => {
                    start = n;
                    // `HCM` alone is not the city (`Đoàn TNCS HCM`); it needs the `TP`.
                    needs_prefix = true;
                }
                NameSource::Alias => {}
            }
        }
        let toks = &toks[start..];
        if toks.is_empty() {
            return Err(bad("no words"));
        }
        if toks.len() > MAX_SYLLABLES {
            return Err(bad("more than 8 syllables"));
        }
        if toks
            .windows(2)
            .any(|w| !scan::joinable(&name[w[0].end..w[1].start]))
        {
            return Err(bad("words must be separated by spaces or a hyphen"));
        }
        let mut ids = Vec::with_capacity(toks.len());
        let mut mask = 0u8;
        let mut canon_words = Vec::with_capacity(toks.len());
        let mut buf = String::new();
        for (k, t) in toks.iter().enumerate() {
            let w = &name[t.start..t.end];
            if t.cap {
                mask |= 1 << k;
            }
            canon_lower(w, &mut buf);
            ids.push(self.index.intern(&buf));
            canon_words.push(buf.clone());
        }
        let canon = canon_words.join(" ");
        if canon_words.iter().all(|w| w.chars().all(char::is_numeric)) {
            // `1` of `Quận 1` is only a district after `quận`/`Q.`.
            needs_prefix = true;
        }
        if PERSON_NAMES.contains(&canon.as_str()) {
            needs_prefix = true;
        }
        if self.index.flags.len() >= u16::MAX as usize {
            // Ids are packed 16 bits each, with 0 meaning "no syllable".
            return Err(bad("vocabulary too large"));
        }
        self.index.flags[ids[0] as usize] |= F_NAME_FIRST;
        self.index.max_len = self.index.max_len.max(ids.len());
        let entry = Entry {
            unit,
            mask,
            kind,
            needs_prefix,
        };
        self.index.names.entry(pack(&ids)).or_default().push(entry);
        let folded: String = text::fold_str(&canon)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        self.lookup_names.push(LookupName {
            canon,
            folded,
            entry,
        });
        Ok(())
    }

    fn add_keys(&mut self, unit: UnitId, keys: &[String]) {
        for k in keys {
            self.keys.push((k.clone(), unit));
        }
    }
}
