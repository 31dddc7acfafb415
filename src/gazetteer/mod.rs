//! Vietnamese administrative units (63 pre-2025 provinces, their 696 districts and 616 thị
//! trấn) and a matcher that finds them in news text.
//!
//! The data is `data/vn-localities.json` (see `data/README-vn-localities.md`). Names are
//! compared in [`crate::text::canonical`] form, lowercased, so `Thanh Hoá` = `Thanh Hóa` =
//! `THANH HÓA`. The matcher itself is in `scan.rs`; this file holds the data model, loading,
//! the name index and [`Gazetteer::lookup`].

mod scan;

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::text;

/// Index into [`Gazetteer::units`].
pub type UnitId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Province,
    District,
    Town,
}

#[derive(Debug, Clone)]
pub struct Unit {
    /// `p38` for a province (pre-2025 GSO code), `d380` for a district, `t14800` for a town.
    pub id: String,
    /// GSO code as in the JSON.
    pub code: String,
    pub level: Level,
    /// Short name: `Thanh Hóa`, `Hạ Long`, `Quận 1`.
    pub name: String,
    /// Official full name: `Thành phố Thanh Hóa`.
    pub full_name: String,
    /// JSON `type` (`tỉnh`, `thành phố thuộc tỉnh`, `huyện` …); `thị trấn` for towns.
    pub kind: String,
    /// The pre-2025 province unit (the unit itself for a province).
    pub province: UnitId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range in the input text, on char boundaries; covers the name and its type
    /// prefix if any.
    pub start: usize,
    pub end: usize,
    pub unit: UnitId,
    /// An explicit type word preceded the name (`thành phố`, `TP`, `tỉnh` …).
    pub prefixed: bool,
    /// This mention is the parent in brackets after another one: the `(tỉnh Quảng Ninh)`
    /// of `TP Hạ Long (tỉnh Quảng Ninh)`.
    pub bracket_parent: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer JSON is invalid: {0}")]
    Json(#[from] serde_json::Error),
    #[error("gazetteer: {unit} refers to unknown {what} code {code:?}")]
    UnknownCode {
        unit: String,
        what: &'static str,
        code: String,
    },
    #[error("gazetteer: unit id {0:?} appears twice")]
    DuplicateUnit(String),
    #[error("gazetteer: {unit} has an unknown type {kind:?}")]
    UnknownType { unit: String, kind: String },
    #[error("gazetteer: type prefix {text:?} has an unknown type {kind:?}")]
    UnknownPrefixType { text: String, kind: String },
    #[error("gazetteer: alias {0:?} names neither a province nor a district")]
    AliasWithoutTarget(String),
    #[error("gazetteer: name {name:?} of {unit} cannot be matched: {reason}")]
    BadName {
        unit: String,
        name: String,
        reason: &'static str,
    },
}

/// What a unit is, as far as type prefixes care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Province { central: bool },
    District(DistrictKind),
    Town,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DistrictKind {
    City,
    TownLevel,
    Urban,
    Rural,
    Other,
}

/// The type named by a prefix word (`tỉnh`, `TP.`, `H.` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PrefixType {
    Tinh,
    ThanhPho,
    ThiXa,
    Quan,
    Huyen,
    ThiTran,
}

impl PrefixType {
    fn parse(s: &str) -> Option<PrefixType> {
        Some(match s {
            "tỉnh" => PrefixType::Tinh,
            "thành phố" => PrefixType::ThanhPho,
            "thị xã" => PrefixType::ThiXa,
            "quận" => PrefixType::Quan,
            "huyện" => PrefixType::Huyen,
            "thị trấn" => PrefixType::ThiTran,
            _ => return None,
        })
    }

    fn allows(self, kind: Kind) -> bool {
        match (self, kind) {
            (PrefixType::Tinh, Kind::Province { .. }) => true,
            (PrefixType::ThanhPho, Kind::Province { central }) => central,
            (PrefixType::ThanhPho, Kind::District(d)) => d == DistrictKind::City,
            (PrefixType::ThiXa, Kind::District(d)) => d == DistrictKind::TownLevel,
            (PrefixType::Quan, Kind::District(d)) => d == DistrictKind::Urban,
            (PrefixType::Huyen, Kind::District(d)) => d == DistrictKind::Rural,
            (PrefixType::ThiTran, Kind::Town) => true,
            _ => false,
        }
    }

    /// District statuses change often (huyện → thị xã → thành phố), and older articles use
    /// the old one, so a district-level prefix may fall back to any district of that name.
    fn district_level(self) -> bool {
        matches!(
            self,
            PrefixType::ThanhPho | PrefixType::ThiXa | PrefixType::Quan | PrefixType::Huyen
        )
    }

    /// The kind a former name such as `Huyện Kim Bảng` had.
    fn as_kind(self) -> Kind {
        match self {
            PrefixType::Tinh => Kind::Province { central: false },
            PrefixType::ThanhPho => Kind::District(DistrictKind::City),
            PrefixType::ThiXa => Kind::District(DistrictKind::TownLevel),
            PrefixType::Quan => Kind::District(DistrictKind::Urban),
            PrefixType::Huyen => Kind::District(DistrictKind::Rural),
            PrefixType::ThiTran => Kind::Town,
        }
    }
}

/// One way of writing one unit's name.
#[derive(Debug, Clone, Copy)]
struct Entry {
    unit: UnitId,
    /// Bit `k` set: syllable `k` must start with an uppercase letter or a digit in the text.
    mask: u8,
    /// The unit's kind, or the earlier kind a former name carries.
    kind: Kind,
    /// Only matches after a type prefix (digit names, `HCM`, person names).
    needs_prefix: bool,
}

/// A type prefix as a sequence of vocabulary ids, maybe followed by a dot (`TP.`).
#[derive(Debug, Clone)]
struct Prefix {
    words: Vec<u32>,
    dot: bool,
    ptype: PrefixType,
}

/// A name for [`Gazetteer::lookup`], in comparable forms.
#[derive(Debug, Clone)]
struct LookupName {
    /// Canonical lowercase syllables joined by single spaces.
    canon: String,
    /// Folded (no marks), only `[a-z0-9]`.
    folded: String,
    entry: Entry,
}

/// Flags per vocabulary word.
const F_NAME_FIRST: u8 = 1;
/// Before a bare name, makes it a commune, street, river …: `xã Hòa Bình`, `đường Hà Nội`.
const F_BLOCK_PLACE: u8 = 2;
/// Before a bare name, in any case, makes it a person: `ông Vinh`.
const F_BLOCK_TITLE: u8 = 4;
/// Capitalised before a bare name, makes it a person: `Nguyễn Thanh Hà`.
const F_BLOCK_CAP: u8 = 8;
/// First word of a type prefix.
const F_PREFIX_FIRST: u8 = 16;

/// Longest name in syllables the index supports (the mask is a `u8`, a key holds 8 ids).
const MAX_SYLLABLES: usize = 8;

/// Features named after a unit but not the unit: `xã Hòa Bình` is a commune, `đường Hà Nội`
/// a street, `vịnh Hạ Long` a bay, `sân Thống Nhất` a stadium.
const BLOCK_PLACE: &[&str] = &[
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
const BLOCK_TITLE: &[&str] = &[
    "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cụ", "cháu",
];

/// Common surnames and middle names: `Nguyễn Thanh Hà`, `Lê Thị Thanh Sơn`, `Phí Minh Long`
/// are people, not the districts Thanh Hà, Thanh Sơn, Minh Long. Words that often end a
/// place name (`Giang`, `Yên`, `Ninh` …) or start a sentence or an organisation (`Từ` "from",
/// `Hầu hết`, `Đoàn` "union") are left out.
const BLOCK_CAP: &[&str] = &[
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
const PERSON_NAMES: &[&str] = &["hồ chí minh"];

/// The name index the scanner and `lookup` share.
#[derive(Debug, Clone)]
struct Index {
    /// Canonical lowercase word → id (name syllables, prefix words, blocker words).
    vocab: HashMap<String, u32>,
    /// Id → word.
    words: Vec<String>,
    flags: Vec<u8>,
    /// Packed ids of a name's syllables → every way of reading it.
    names: HashMap<u128, Vec<Entry>>,
    max_len: usize,
    prefixes: Vec<Prefix>,
    /// Lowercase first letters of words that may start a match uncapitalised (prefix words,
    /// names written lowercase in the data), so other lowercase words are skipped cheaply.
    lower_initials: Vec<char>,
}

impl Index {
    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.vocab.get(word) {
            return id;
        }
        let id = self.flags.len() as u32;
        self.vocab.insert(word.to_string(), id);
        self.words.push(word.to_string());
        self.flags.push(0);
        id
    }

    fn word_of_id(&self, id: u32) -> &str {
        self.words.get(id as usize).map_or("", String::as_str)
    }

    fn flags_of(&self, id: u32) -> u8 {
        self.flags.get(id as usize).copied().unwrap_or(0)
    }
}

/// Pack up to [`MAX_SYLLABLES`] vocabulary ids (each < 2^16 - 1) into one key.
fn pack(ids: &[u32]) -> u128 {
    ids.iter()
        .fold(0u128, |k, &id| (k << 16) | u128::from(id + 1))
}

pub struct Gazetteer {
    units: Vec<Unit>,
    kinds: Vec<Kind>,
    /// For a town, its district.
    town_district: Vec<Option<UnitId>>,
    /// For each unit, the short name of its province since 1 July 2025.
    province_2025: Vec<String>,
    by_id: HashMap<String, UnitId>,
    index: Index,
    lookup_names: Vec<LookupName>,
    /// vietnamadminunits' ASCII keys (`thanhhoa`, `hcm`), for `lookup`.
    keys: Vec<(String, UnitId)>,
}

impl fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The index is large; a summary is what a debug print needs.
        f.debug_struct("Gazetteer")
            .field("units", &self.units.len())
            .field("names", &self.index.names.len())
            .finish_non_exhaustive()
    }
}

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

/// Canonical lowercase form of a word (apostrophes unified), the form the index keys on.
fn canon_lower(word: &str, out: &mut String) {
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
fn needs_canonical(word: &str) -> bool {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    if is_nfc_quick(word.chars()) != IsNormalized::Yes {
        return true;
    }
    let mut it = word.chars().rev().filter_map(text::fold_char);
    let (Some(b), Some(a)) = (it.next(), it.next()) else {
        return false;
    };
    matches!((a, b), ('o', 'a') | ('o', 'e') | ('u', 'y'))
}

/// Drop a trailing `(…)` qualifier: `Kỳ Anh (Huyện)`, `Yên Viên (Thị trấn)`.
fn strip_qualifier(name: &str) -> &str {
    let t = name.trim();
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
        && open > 0
    {
        return t[..open].trim_end();
    }
    t
}

fn parse_kind(level: Level, kind: &str, unit: &str) -> Result<Kind, GazetteerError> {
    let bad = || GazetteerError::UnknownType {
        unit: unit.to_string(),
        kind: kind.to_string(),
    };
    Ok(match level {
        Level::Province => match kind {
            "tỉnh" => Kind::Province { central: false },
            "thành phố trực thuộc trung ương" => Kind::Province { central: true },
            _ => return Err(bad()),
        },
        Level::District => Kind::District(if kind.starts_with("thành phố") {
            DistrictKind::City
        } else if kind == "thị xã" {
            DistrictKind::TownLevel
        } else if kind == "quận" {
            DistrictKind::Urban
        } else if kind == "huyện" {
            DistrictKind::Rural
        } else {
            // A new status still matches bare and through prefix fallback.
            DistrictKind::Other
        }),
        Level::Town => Kind::Town,
    })
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

    fn word_of(&self, id: u32) -> &str {
        self.index.word_of_id(id)
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

    /// Length in tokens and type of a prefix at the start of `toks` (longest wins).
    fn prefix_in(
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
        if canon_words
            .iter()
            .all(|w| w.chars().all(|c| c.is_numeric()))
        {
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

    /// The gazetteer built from the JSON compiled into the binary.
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            // The file is fixed at compile time and the tests load it, so this cannot fail
            // at run time.
            Gazetteer::from_json(include_str!("../../data/vn-localities.json"))
                .expect("embedded vn-localities.json is valid")
        })
    }

    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// # Panics
    /// If `id` is not an index into [`Gazetteer::units`].
    pub fn unit(&self, id: UnitId) -> &Unit {
        &self.units[id]
    }

    /// `"p38"` → the province Thanh Hóa.
    pub fn by_id(&self, id: &str) -> Option<UnitId> {
        self.by_id.get(id).copied()
    }

    /// Short name of the unit's pre-2025 province (`Thanh Hóa`).
    ///
    /// # Panics
    /// If `id` is not an index into [`Gazetteer::units`].
    pub fn province_name(&self, id: UnitId) -> &str {
        &self.units[self.units[id].province].name
    }

    /// Short name of the province the unit belongs to since 1 July 2025 (Hậu Giang →
    /// `Cần Thơ`).
    ///
    /// # Panics
    /// If `id` is not an index into [`Gazetteer::units`].
    pub fn province_2025_name(&self, id: UnitId) -> &str {
        &self.province_2025[id]
    }

    /// Every locality named in `text`, in order, resolved. `context` = provinces (UnitIds)
    /// already known to be relevant to the document; used to pick among same-named
    /// districts.
    pub fn find_mentions(&self, text: &str, context: &[UnitId]) -> Vec<Mention> {
        scan::find_mentions(self, text, context)
    }

    /// Units whose name, variant or alias matches `query` (case-, tone-placement- and
    /// diacritic-insensitive; a type prefix like `TP`, `tỉnh` restricts the type). Best first:
    /// exact accented name, then unaccented match, then vietnamadminunits' ASCII keys; within
    /// each, provinces before districts before towns.
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
                    Some(p) if p.district_level() && matches!(kind, Kind::District(_)) => {
                        loose.push(hit)
                    }
                    Some(_) => {}
                }
            };
            // A bare number is no district ("1"), though "quận 1" is.
            let numeric = canon.chars().all(|c| c.is_numeric() || c == ' ');
            if numeric && ptype.is_none() {
                continue;
            }
            for ln in &self.lookup_names {
                if ln.canon == canon {
                    consider(0, ln.entry.unit, ln.entry.kind);
                } else if !folded.is_empty() && ln.folded == folded {
                    consider(1, ln.entry.unit, ln.entry.kind);
                }
            }
            for (k, unit) in &self.keys {
                let whole = ptype.is_none() && *k == whole_compact;
                if whole || (!folded.is_empty() && *k == folded) {
                    consider(2, *unit, self.kinds[*unit]);
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
        Level::Town => 2,
    }
}

/// Folded, only `[a-z0-9]`: the form of vietnamadminunits' keys.
fn compact(s: &str) -> String {
    text::fold_str(s)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

#[cfg(test)]
mod tests;
