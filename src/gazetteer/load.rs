//! Loading `vn-localities.json`: the units (provinces, districts, communes), the communes
//! since 2025 they became, then (in `names.rs`) the type prefixes, names, former names and
//! aliases, and the name index built from them.

use std::borrow::Cow;

use serde::Deserialize;

use super::index::{
    BLOCK_CAP, BLOCK_PLACE, BLOCK_TITLE, CUE_PHRASES, F_BLOCK_CAP, F_BLOCK_PLACE, F_BLOCK_TITLE,
    F_CUE_END, FxMap, NOT_A_PREFIX_AFTER, ORGANISATION_STOP,
};
use super::model::{Commune2025, Kind, PrefixType, parse_kind};
use super::{Gazetteer, GazetteerError, Level, Unit, UnitId};

mod names;

use names::NameSource;
#[cfg(test)]
pub(super) use names::strip_qualifier;

/// A string borrowed from the JSON when it has no escapes. `#[serde(borrow)]` on a
/// `Vec<Cow<str>>` does not reach its elements, so lists hold this instead.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub(super) struct Text<'a>(#[serde(borrow)] pub(super) Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Deserialize)]
struct RawData<'a> {
    #[serde(borrow)]
    provinces: Vec<RawProvince<'a>>,
    #[serde(borrow)]
    provinces_2025: Vec<RawProvince2025<'a>>,
    #[serde(borrow)]
    districts: Vec<RawDistrict<'a>>,
    /// Schema 1's thị trấn, read only when `wards` is absent.
    #[serde(borrow, default)]
    towns: Vec<RawWard<'a>>,
    #[serde(borrow, default)]
    wards: Vec<RawWard<'a>>,
    #[serde(borrow, default)]
    wards_2025: Vec<RawWard2025<'a>>,
    #[serde(borrow, default)]
    aliases_handwritten: Vec<RawAlias<'a>>,
    #[serde(borrow, default)]
    type_prefixes_handwritten: Vec<RawPrefix<'a>>,
}

#[derive(Deserialize)]
struct RawProvince<'a> {
    #[serde(borrow)]
    code: Text<'a>,
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    short: Text<'a>,
    #[serde(borrow, rename = "type")]
    kind: Text<'a>,
    #[serde(borrow)]
    new: Text<'a>,
    #[serde(borrow, default)]
    variants: Vec<Text<'a>>,
    #[serde(borrow, default)]
    keys: Vec<Text<'a>>,
}

#[derive(Deserialize)]
struct RawProvince2025<'a> {
    #[serde(borrow)]
    code: Text<'a>,
    #[serde(borrow)]
    short: Text<'a>,
}

#[derive(Deserialize)]
struct RawDistrict<'a> {
    #[serde(borrow)]
    code: Text<'a>,
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    short: Text<'a>,
    #[serde(borrow, rename = "type")]
    kind: Text<'a>,
    #[serde(borrow)]
    province: Text<'a>,
    #[serde(borrow, default)]
    variants: Vec<Text<'a>>,
    #[serde(borrow, default)]
    former_names: Vec<Text<'a>>,
    #[serde(borrow, default)]
    keys: Vec<Text<'a>>,
}

/// A commune before 2025 (`wards`), or a thị trấn of schema 1 (`towns`, no `type`).
#[derive(Deserialize)]
struct RawWard<'a> {
    #[serde(borrow)]
    code: Text<'a>,
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    short: Text<'a>,
    #[serde(borrow, rename = "type")]
    kind: Option<Text<'a>>,
    #[serde(borrow)]
    district: Text<'a>,
    #[serde(borrow)]
    province: Text<'a>,
    #[serde(borrow, default)]
    new: Vec<Text<'a>>,
    #[serde(borrow, default)]
    variants: Vec<Text<'a>>,
    #[serde(borrow, default)]
    keys: Vec<Text<'a>>,
}

#[derive(Deserialize)]
struct RawWard2025<'a> {
    #[serde(borrow)]
    code: Text<'a>,
    #[serde(borrow)]
    short: Text<'a>,
    #[serde(borrow, rename = "type")]
    kind: Text<'a>,
}

#[derive(Deserialize)]
struct RawAlias<'a> {
    #[serde(borrow)]
    text: Text<'a>,
    #[serde(borrow)]
    province: Option<Text<'a>>,
    #[serde(borrow)]
    district: Option<Text<'a>>,
}

#[derive(Deserialize)]
struct RawPrefix<'a> {
    #[serde(borrow)]
    text: Text<'a>,
    #[serde(borrow, rename = "type")]
    kind: Text<'a>,
}

fn unknown(unit: &str, what: &'static str, code: &str) -> GazetteerError {
    GazetteerError::UnknownCode {
        unit: unit.to_string(),
        what,
        code: code.to_string(),
    }
}

impl Gazetteer {
    /// Load the gazetteer from `vn-localities.json` text and build the name index.
    pub fn from_json(json: &str) -> Result<Gazetteer, GazetteerError> {
        let raw: RawData = serde_json::from_str(json)?;
        let mut g = Gazetteer {
            units: Vec::new(),
            kinds: Vec::new(),
            province_2025: Vec::new(),
            provinces_2025: raw
                .provinces_2025
                .iter()
                .map(|p| p.short.to_string())
                .collect(),
            communes_2025: Vec::new(),
            links_2025: Vec::new(),
            link_ranges: Vec::new(),
            by_id: FxMap::default(),
            index: super::index::Index::default(),
            lookup_names: Vec::new(),
            lookup_text: String::new(),
            keys: String::new(),
            key_spans: Vec::new(),
        };
        let new_index: FxMap<&str, u16> = raw
            .provinces_2025
            .iter()
            .enumerate()
            .map(|(i, p)| (p.code.as_ref(), u16::try_from(i).unwrap_or(u16::MAX)))
            .collect();
        let commune_2025_index: FxMap<&str, u32> = raw
            .wards_2025
            .iter()
            .enumerate()
            .map(|(i, w)| (w.code.as_ref(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        g.communes_2025 = raw
            .wards_2025
            .iter()
            .map(|w| Commune2025 {
                id: format!("n{}", w.code),
                name: names::strip_qualifier(&w.short).to_string(),
                kind: w.kind.to_string(),
            })
            .collect();
        let communes = if raw.wards.is_empty() {
            &raw.towns
        } else {
            &raw.wards
        };
        let total = raw.provinces.len() + raw.districts.len() + communes.len();
        g.units.reserve_exact(total);
        g.kinds.reserve_exact(total);
        g.province_2025.reserve_exact(total);
        g.link_ranges.reserve_exact(total);
        g.by_id.reserve(total);
        g.index.pending.reserve(total * 2);
        let mut province_by_code: FxMap<&str, UnitId> = FxMap::default();
        let mut district_by_code: FxMap<&str, UnitId> = FxMap::default();

        for p in &raw.provinces {
            let id = format!("p{}", p.code);
            let kind = parse_kind(Level::Province, &p.kind, &id)?;
            let new = *new_index
                .get(p.new.as_ref())
                .ok_or_else(|| unknown(&id, "provinces_2025", &p.new))?;
            let uid = g.units.len();
            g.push_unit(
                Unit {
                    id,
                    code: p.code.to_string(),
                    level: Level::Province,
                    name: p.short.to_string(),
                    full_name: p.name.to_string(),
                    kind: p.kind.to_string(),
                    province: uid,
                    district: None,
                },
                kind,
                new,
                &[],
                &commune_2025_index,
            )?;
            province_by_code.insert(p.code.as_ref(), uid);
        }

        for d in &raw.districts {
            let id = format!("d{}", d.code);
            let kind = parse_kind(Level::District, &d.kind, &id)?;
            let prov = *province_by_code
                .get(d.province.as_ref())
                .ok_or_else(|| unknown(&id, "province", &d.province))?;
            let new = g.province_2025[prov];
            let uid = g.units.len();
            g.push_unit(
                Unit {
                    id,
                    code: d.code.to_string(),
                    level: Level::District,
                    name: d.short.to_string(),
                    full_name: d.name.to_string(),
                    kind: d.kind.to_string(),
                    province: prov,
                    district: None,
                },
                kind,
                new,
                &[],
                &commune_2025_index,
            )?;
            district_by_code.insert(d.code.as_ref(), uid);
        }

        // `wards` lists every commune; a schema-1 file has only its thị trấn, in `towns`.
        let first_commune = g.units.len();
        for w in communes {
            let kind_name = w.kind.as_deref().unwrap_or("thị trấn");
            // Thị trấn keep the ids they had before the other communes were listed.
            let id = if kind_name == "thị trấn" {
                format!("t{}", w.code)
            } else {
                format!("w{}", w.code)
            };
            let kind = parse_kind(Level::Commune, kind_name, &id)?;
            let prov = *province_by_code
                .get(w.province.as_ref())
                .ok_or_else(|| unknown(&id, "province", &w.province))?;
            let dist = *district_by_code
                .get(w.district.as_ref())
                .ok_or_else(|| unknown(&id, "district", &w.district))?;
            let new = g.province_2025[prov];
            g.push_unit(
                Unit {
                    id,
                    code: w.code.to_string(),
                    level: Level::Commune,
                    name: names::strip_qualifier(&w.short).to_string(),
                    full_name: w.name.to_string(),
                    kind: kind_name.to_string(),
                    province: prov,
                    district: Some(dist),
                },
                kind,
                new,
                &w.new,
                &commune_2025_index,
            )?;
        }

        // Prefixes first: stripping them from aliases and former names needs them. The
        // communes' own type words (`xã`, `phường`) are prefixes too.
        for p in &raw.type_prefixes_handwritten {
            let ptype =
                PrefixType::parse(&p.kind).ok_or_else(|| GazetteerError::UnknownPrefixType {
                    text: p.text.to_string(),
                    kind: p.kind.to_string(),
                })?;
            g.add_prefix(&p.text, ptype)?;
        }
        let mut commune_types: Vec<&str> = communes
            .iter()
            .map(|w| w.kind.as_deref().unwrap_or("thị trấn"))
            .collect();
        commune_types.sort_unstable();
        commune_types.dedup();
        for t in commune_types {
            if let Some(ptype) = PrefixType::parse(t) {
                g.add_prefix(t, ptype)?;
            }
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
        for (words, kind) in CUE_PHRASES {
            let ids: Vec<u32> = words.iter().map(|w| g.index.intern(w)).collect();
            if let Some(&last) = ids.last() {
                g.index.flags[last as usize] |= F_CUE_END;
            }
            g.index.cues.push((ids, *kind));
        }
        g.index.organisation_stop = ORGANISATION_STOP
            .iter()
            .map(|w| g.index.intern(w))
            .collect();
        g.index.not_a_prefix_after = NOT_A_PREFIX_AFTER
            .iter()
            .map(|(a, b)| (g.index.intern(a), g.index.intern(b)))
            .collect();

        // Names, in unit order so `lookup` ties break by unit.
        let mut seen: FxMap<&str, u32> = FxMap::default();
        for (uid, p) in raw.provinces.iter().enumerate() {
            for n in std::iter::once(&p.short).chain(&p.variants) {
                g.add_name(uid, n, NameSource::Own, &mut seen)?;
            }
            g.add_keys(uid, &p.keys);
        }
        let base = raw.provinces.len();
        for (i, d) in raw.districts.iter().enumerate() {
            let uid = base + i;
            for n in std::iter::once(&d.short).chain(&d.variants) {
                g.add_name(uid, n, NameSource::Own, &mut seen)?;
            }
            for n in &d.former_names {
                g.add_name(uid, n, NameSource::Former, &mut seen)?;
            }
            g.add_keys(uid, &d.keys);
        }
        for (i, w) in communes.iter().enumerate() {
            let uid = first_commune + i;
            for n in std::iter::once(&w.short).chain(&w.variants) {
                g.add_name(uid, n, NameSource::Own, &mut seen)?;
            }
            g.add_keys(uid, &w.keys);
        }
        for a in &raw.aliases_handwritten {
            let target = match (&a.province, &a.district) {
                (Some(code), _) => province_by_code.get(code.as_ref()).copied(),
                (None, Some(code)) => district_by_code.get(code.as_ref()).copied(),
                (None, None) => {
                    return Err(GazetteerError::AliasWithoutTarget(a.text.to_string()));
                }
            };
            let uid = target.ok_or_else(|| {
                unknown(
                    &format!("alias {:?}", a.text),
                    if a.province.is_some() {
                        "province"
                    } else {
                        "district"
                    },
                    a.province
                        .as_deref()
                        .or(a.district.as_deref())
                        .unwrap_or(""),
                )
            })?;
            g.add_name(uid, &a.text, NameSource::Alias, &mut seen)?;
        }
        g.index.build_forms();
        g.index.sort_names();
        Ok(g)
    }

    fn push_unit(
        &mut self,
        unit: Unit,
        kind: Kind,
        province_2025: u16,
        new: &[Text<'_>],
        commune_2025_index: &FxMap<&str, u32>,
    ) -> Result<(), GazetteerError> {
        let uid = self.units.len();
        if self.by_id.insert(unit.id.clone(), uid).is_some() {
            return Err(GazetteerError::DuplicateUnit(unit.id));
        }
        let from = u32::try_from(self.links_2025.len()).unwrap_or(u32::MAX);
        for code in new {
            let i = commune_2025_index
                .get(code.as_ref())
                .ok_or_else(|| unknown(&unit.id, "wards_2025", code))?;
            self.links_2025.push(*i);
        }
        let to = u32::try_from(self.links_2025.len()).unwrap_or(u32::MAX);
        self.link_ranges.push((from, to));
        self.units.push(unit);
        self.kinds.push(kind);
        self.province_2025.push(province_2025);
        Ok(())
    }
}
