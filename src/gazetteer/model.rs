//! The public data model (units, levels, mentions, load errors) and the kinds of unit that
//! type prefixes (`tỉnh`, `TP.`, `huyện` …) select.

/// Index into [`Gazetteer::units`](super::Gazetteer::units).
pub type UnitId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Province,
    District,
    /// A commune-level unit: xã, phường or thị trấn.
    Commune,
}

#[derive(Debug, Clone)]
pub struct Unit {
    /// `p38` for a province (pre-2025 GSO code), `d380` for a district, `t14800` for a thị
    /// trấn, `w14755` for a xã or phường.
    pub id: String,
    /// GSO code as in the JSON.
    pub code: String,
    pub level: Level,
    /// Short name: `Thanh Hóa`, `Hạ Long`, `Quận 1`.
    pub name: String,
    /// Official full name: `Thành phố Thanh Hóa`.
    pub full_name: String,
    /// JSON `type` (`tỉnh`, `thành phố thuộc tỉnh`, `huyện`, `xã`, `phường`, `thị trấn` …).
    pub kind: String,
    /// The pre-2025 province unit (the unit itself for a province).
    pub province: UnitId,
    /// The district of a commune-level unit.
    pub district: Option<UnitId>,
}

/// A commune-level unit since 1 July 2025, which a pre-2025 commune became (part of).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commune2025 {
    /// `n` + the `wards_2025` code: a code space of its own (`n00004` is Phường Ba Đình,
    /// `w00004` the earlier Phường Trúc Bạch).
    pub id: String,
    /// Short name: `Ba Đình`.
    pub name: String,
    /// `xã`, `phường` or `đặc khu`.
    pub kind: String,
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
    /// This mention is the parent in brackets after a province or district: the `(tỉnh
    /// Quảng Ninh)` of `TP Hạ Long (tỉnh Quảng Ninh)`. The parent in brackets after a
    /// commune (`xã Phước Bình (huyện Long Thành)`) places the article: it is not flagged.
    pub bracket_parent: bool,
    /// Words around a bare name that make it weak evidence of the place.
    pub cue: Option<Cue>,
    /// How the unit was told apart from others of the same name.
    pub settled: Settled,
}

/// Words around a bare (unprefixed) name that say it is not quite the place itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// Part of a company, brand, bank or club name: `công ty vàng bạc đá quý Phú Quý`,
    /// `CLB Hà Nội`.
    Organisation,
    /// The city of a publisher in a reference: `Nxb Chính trị quốc gia, Hà Nội, 2011`.
    Publisher,
    /// A style or an origin named after the place: `kiến trúc Hà Nội`, `gốc Tuyên Quang`.
    Attribute,
    /// A district name that is also a common personal name (`Xuân Trường`, `Thanh Hà`).
    PersonLike,
}

impl Cue {
    /// What the cue means, for `nghiquyet inspect`.
    pub fn describe(self) -> &'static str {
        match self {
            Cue::Organisation => "part of a company, brand or club name",
            Cue::Publisher => "a publisher's city in a reference",
            Cue::Attribute => "a style or an origin named after the place",
            Cue::PersonLike => "a bare name that is also a common personal name",
        }
    }
}

/// How a mention's unit was chosen among those of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// No other unit (of the type the prefix names) has the name.
    Unique,
    /// The parent in brackets: `xã Tân Thành (Hàm Tân)`.
    Bracket,
    /// A province beats districts of the same name when nothing says otherwise.
    ProvinceFirst,
    /// The same unit named with its type elsewhere: `Kỳ Anh` after `thị xã Kỳ Anh`.
    Typed,
    /// A district or province containing it is named in the same sentence.
    Sentence,
    /// A district or province containing it is named elsewhere in the text.
    Text,
    /// The context the caller gave (the rest of the document).
    Context,
    /// The province the article is about.
    AboutProvince,
}

impl Settled {
    pub fn describe(self) -> &'static str {
        match self {
            Settled::Unique => "the only unit so named",
            Settled::Bracket => "its parent is named in brackets",
            Settled::ProvinceFirst => "a province before districts of the same name",
            Settled::Typed => "named with its type elsewhere",
            Settled::Sentence => "its district or province is named in the same sentence",
            Settled::Text => "its district or province is named in the text",
            Settled::Context => "its district or province is named in the article",
            Settled::AboutProvince => "the only one so named in the province the article is about",
        }
    }
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
    Commune(CommuneKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CommuneKind {
    /// xã
    Rural,
    /// phường
    Urban,
    /// thị trấn
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
    Xa,
    Phuong,
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
            "xã" => PrefixType::Xa,
            "phường" => PrefixType::Phuong,
            _ => return None,
        })
    }

    pub(super) fn allows(self, kind: Kind) -> bool {
        match (self, kind) {
            (PrefixType::Tinh, Kind::Province { .. })
            | (PrefixType::ThiTran, Kind::Commune(CommuneKind::Town))
            | (PrefixType::Xa, Kind::Commune(CommuneKind::Rural))
            | (PrefixType::Phuong, Kind::Commune(CommuneKind::Urban)) => true,
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

    /// Communes change status too (xã → thị trấn → phường), so a commune-level prefix may
    /// fall back to any commune of that name.
    pub(super) fn commune_level(self) -> bool {
        matches!(
            self,
            PrefixType::ThiTran | PrefixType::Xa | PrefixType::Phuong
        )
    }

    /// Does a prefix of this type, when it names nothing, still fall back to `kind`?
    pub(super) fn falls_back_to(self, kind: Kind) -> bool {
        match kind {
            Kind::District(_) => self.district_level(),
            Kind::Commune(_) => self.commune_level(),
            Kind::Province { .. } => false,
        }
    }

    /// The kind a former name such as `Huyện Kim Bảng` had.
    pub(super) fn as_kind(self) -> Kind {
        match self {
            PrefixType::Tinh => Kind::Province { central: false },
            PrefixType::ThanhPho => Kind::District(DistrictKind::City),
            PrefixType::ThiXa => Kind::District(DistrictKind::TownLevel),
            PrefixType::Quan => Kind::District(DistrictKind::Urban),
            PrefixType::Huyen => Kind::District(DistrictKind::Rural),
            PrefixType::ThiTran => Kind::Commune(CommuneKind::Town),
            PrefixType::Xa => Kind::Commune(CommuneKind::Rural),
            PrefixType::Phuong => Kind::Commune(CommuneKind::Urban),
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
        Level::Commune => Kind::Commune(match kind {
            "xã" => CommuneKind::Rural,
            "phường" => CommuneKind::Urban,
            "thị trấn" => CommuneKind::Town,
            _ => return Err(bad()),
        }),
    })
}
