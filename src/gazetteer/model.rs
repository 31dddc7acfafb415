//! The public data model (units, levels, mentions, load errors) and the kinds of unit that
//! type prefixes (`tỉnh`, `TP.`, `huyện` …) select.

/// Index into [`Gazetteer::units`](super::Gazetteer::units).
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
pub(super) enum Kind {
    Province { central: bool },
    District(DistrictKind),
    Town,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DistrictKind {
    City,
    TownLevel,
    Urban,
    Rural,
    Other,
}

/// The type named by a prefix word (`tỉnh`, `TP.`, `H.` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PrefixType {
    Tinh,
    ThanhPho,
    ThiXa,
    Quan,
    Huyen,
    ThiTran,
}

impl PrefixType {
    pub(super) fn parse(s: &str) -> Option<PrefixType> {
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

    pub(super) fn allows(self, kind: Kind) -> bool {
        match (self, kind) {
            (PrefixType::Tinh, Kind::Province { .. }) | (PrefixType::ThiTran, Kind::Town) => true,
            (PrefixType::ThanhPho, Kind::Province { central }) => central,
            (PrefixType::ThanhPho, Kind::District(d)) => d == DistrictKind::City,
            (PrefixType::ThiXa, Kind::District(d)) => d == DistrictKind::TownLevel,
            (PrefixType::Quan, Kind::District(d)) => d == DistrictKind::Urban,
            (PrefixType::Huyen, Kind::District(d)) => d == DistrictKind::Rural,
            _ => false,
        }
    }

    /// District statuses change often (huyện → thị xã → thành phố), and older articles use
    /// the old one, so a district-level prefix may fall back to any district of that name.
    pub(super) fn district_level(self) -> bool {
        matches!(
            self,
            PrefixType::ThanhPho | PrefixType::ThiXa | PrefixType::Quan | PrefixType::Huyen
        )
    }

    /// The kind a former name such as `Huyện Kim Bảng` had.
    pub(super) fn as_kind(self) -> Kind {
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

pub(super) fn parse_kind(level: Level, kind: &str, unit: &str) -> Result<Kind, GazetteerError> {
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
