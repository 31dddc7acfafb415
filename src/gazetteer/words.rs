//! The word lists of the matcher: what blocks a bare name (`xã Hòa Bình`, `ông Vinh`, `Nguyễn
//! Thanh Hà`), what makes it weak evidence (`công ty … Phú Quý`, `kiến trúc Hà Nội`, `Nxb`),
//! and the names that are also people's names.

/// Features named after a unit but not the unit: `xã Hòa Bình` is a commune, `đường Hà Nội`
/// a street, `vịnh Hạ Long` a bay, `sân Thống Nhất` a stadium.
pub(super) const BLOCK_PLACE: &[&str] = &[
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
pub(super) const BLOCK_TITLE: &[&str] = &[
    "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cụ", "cháu",
];

/// Common surnames and middle names: `Nguyễn Thanh Hà`, `Lê Thị Thanh Sơn`, `Phí Minh Long`
/// are people, not the districts Thanh Hà, Thanh Sơn, Minh Long. Words that often end a
/// place name (`Giang`, `Yên`, `Ninh` …) or start a sentence or an organisation (`Từ` "from",
/// `Hầu hết`, `Đoàn` "union") are left out.
pub(super) const BLOCK_CAP: &[&str] = &[
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
pub(super) const PERSON_NAMES: &[&str] = &["hồ chí minh"];

/// A two-syllable district name is also a common personal name when its first syllable is a
/// common middle name and its second a common given name: `Xuân Trường` (the footballer),
/// `Thanh Hà`, `Minh Long`, `Văn Lâm`. Written bare, such a name is weak evidence.
pub(super) const PERSON_MIDDLE: &[&str] = &[
    "văn", "thị", "hữu", "đình", "đức", "công", "quốc", "ngọc", "xuân", "duy", "quang", "mạnh",
    "trọng", "tiến", "bá", "khắc", "viết", "thế", "minh", "thanh", "hồng", "kim", "thu", "hoài",
    "tuấn", "gia", "bảo", "anh", "huy", "mỹ",
];
pub(super) const PERSON_GIVEN: &[&str] = &[
    "an",
    "anh",
    "bình",
    "chương",
    "cường",
    "dũng",
    "đức",
    "giang",
    "hà",
    "hải",
    "hòa",
    "hùng",
    "huy",
    "hương",
    "khánh",
    "lâm",
    "linh",
    "long",
    "lộc",
    "minh",
    "nam",
    "nghĩa",
    "ngọc",
    "phong",
    "phúc",
    "phương",
    "quân",
    "sơn",
    "tâm",
    "thành",
    "thảo",
    "thắng",
    "thọ",
    "thủy",
    "trang",
    "trung",
    "trường",
    "tú",
    "tuấn",
    "vân",
    "việt",
    "xuân",
];

/// What a phrase before a bare name makes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CueKind {
    /// A job or title before a person's name: `cầu thủ Xuân Trường`, `ca sĩ`.
    Person,
    /// The head of a company or brand name, maybe a few words before the place: `công ty
    /// vàng bạc đá quý Phú Quý`, `Cty CP Môi trường Khánh Hòa`.
    Company,
    /// A club, bank, hotel or restaurant right before the place: `CLB Hà Nội`.
    Organisation,
    /// A publisher, some words before its city: `Nxb Chính trị quốc gia, Hà Nội`.
    Publisher,
    /// Right before the name, a style or an origin: `kiến trúc Hà Nội`, `gốc Tuyên Quang`.
    Attribute,
}

/// Cue phrases, lowercase, in words.
pub(super) const CUE_PHRASES: &[(&[&str], CueKind)] = &[
    (&["cầu", "thủ"], CueKind::Person),
    (&["tuyển", "thủ"], CueKind::Person),
    (&["danh", "thủ"], CueKind::Person),
    (&["thủ", "môn"], CueKind::Person),
    (&["tiền", "đạo"], CueKind::Person),
    (&["tiền", "vệ"], CueKind::Person),
    (&["hậu", "vệ"], CueKind::Person),
    (&["trung", "vệ"], CueKind::Person),
    (&["hlv"], CueKind::Person),
    (&["huấn", "luyện", "viên"], CueKind::Person),
    (&["ca", "sĩ"], CueKind::Person),
    (&["nhạc", "sĩ"], CueKind::Person),
    (&["nghệ", "sĩ"], CueKind::Person),
    (&["họa", "sĩ"], CueKind::Person),
    (&["diễn", "viên"], CueKind::Person),
    (&["nsưt"], CueKind::Person),
    (&["nsnd"], CueKind::Person),
    (&["người", "mẫu"], CueKind::Person),
    (&["hoa", "hậu"], CueKind::Person),
    (&["á", "hậu"], CueKind::Person),
    (&["võ", "sĩ"], CueKind::Person),
    (&["vđv"], CueKind::Person),
    (&["vận", "động", "viên"], CueKind::Person),
    (&["nhà", "văn"], CueKind::Person),
    (&["nhà", "thơ"], CueKind::Person),
    (&["tác", "giả"], CueKind::Person),
    (&["đồng", "chí"], CueKind::Person),
    (&["công", "ty"], CueKind::Company),
    (&["cty"], CueKind::Company),
    (&["tập", "đoàn"], CueKind::Company),
    (&["hãng"], CueKind::Company),
    (&["thương", "hiệu"], CueKind::Company),
    (&["nhãn", "hiệu"], CueKind::Company),
    (&["clb"], CueKind::Organisation),
    (&["câu", "lạc", "bộ"], CueKind::Organisation),
    (&["đội", "bóng"], CueKind::Organisation),
    (&["ngân", "hàng"], CueKind::Organisation),
    (&["khách", "sạn"], CueKind::Organisation),
    (&["nhà", "hàng"], CueKind::Organisation),
    (&["nxb"], CueKind::Publisher),
    (&["xuất", "bản"], CueKind::Publisher),
    (&["kiến", "trúc"], CueKind::Attribute),
    (&["phong", "cách"], CueKind::Attribute),
    (&["kiểu"], CueKind::Attribute),
    (&["lối"], CueKind::Attribute),
    (&["giọng"], CueKind::Attribute),
    (&["gốc"], CueKind::Attribute),
    (&["quê"], CueKind::Attribute),
    (&["đặc", "sản"], CueKind::Attribute),
    (&["hương", "vị"], CueKind::Attribute),
];

/// Words between an organisation's head and a place name that end the organisation's name:
/// `công ty đóng tại Hà Nội`, `doanh nghiệp của tỉnh`, `ngân hàng chi nhánh Hà Nội`.
pub(super) const ORGANISATION_STOP: &[&str] = &[
    "tại",
    "ở",
    "của",
    "thuộc",
    "trên",
    "về",
    "đến",
    "từ",
    "và",
    "với",
    "cho",
    "là",
    "có",
    "được",
    "đã",
    "sẽ",
    "đang",
    "ra",
    "vào",
    "khắp",
    "toàn",
    "trong",
    "nhánh",
    "sở",
    "bàn",
    "huyện",
    "tỉnh",
    "quận",
    "xã",
    "phường",
    "thành",
    "thị",
    "ngay",
    "gần",
    "giữa",
    "tâm",
    "khu",
    "vực",
    "vùng",
    "miền",
    "đất",
    "nước",
    "người",
    "dân",
];

/// A type word right after this word is no type word: `phố phường Hà Nội` are the streets
/// of the city.
pub(super) const NOT_A_PREFIX_AFTER: &[(&str, &str)] = &[("phố", "phường")];
