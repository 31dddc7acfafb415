//! The words around a number: scales, units, periods and the words before non-figures.

/// Scale words, longest first: pattern, label, factor.
pub(super) const SCALES: &[(&str, &str, f64)] = &[
    ("nghìn tỷ", "nghìn tỷ", 1e12),
    ("nghìn tỉ", "nghìn tỷ", 1e12),
    ("ngàn tỷ", "nghìn tỷ", 1e12),
    ("ngàn tỉ", "nghìn tỷ", 1e12),
    ("nghìn", "nghìn", 1e3),
    ("ngàn", "nghìn", 1e3),
    ("triệu", "triệu", 1e6),
    ("tỷ", "tỷ", 1e9),
    ("tỉ", "tỷ", 1e9),
];

/// Words that make a scale word something else: `tỷ lệ`, `tỷ trọng`, `triệu chứng`, `triệu tập`.
pub(super) const NOT_AFTER_SCALE: &[&str] = &["lệ", "trọng", "chứng", "tập", "phú", "hồi"];

/// Units: pattern, label, whether the case must match (symbols).
pub(super) const UNITS: &[(&str, &str, bool)] = &[
    ("%", "%", true),
    ("phần trăm", "%", false),
    ("ha", "ha", true),
    ("hecta", "ha", false),
    ("héc-ta", "ha", false),
    ("héc ta", "ha", false),
    ("hécta", "ha", false),
    ("km2", "km2", true),
    ("km²", "km2", true),
    ("km 2", "km2", true), // a superscript lost in the text: `0m 2 đất`
    ("km", "km", true),
    ("m2", "m2", true),
    ("m²", "m2", true),
    ("m 2", "m2", true),
    ("m3", "m3", true),
    ("m³", "m3", true),
    ("m", "m", true),
    ("mét", "m", false),
    ("cm", "cm", true),
    ("mm", "mm", true),
    ("kg", "kg", true),
    ("tấn", "tấn", false),
    ("tạ", "tạ", false),
    ("lít", "lít", false),
    ("MW", "MW", true),
    ("kWh", "kWh", true),
    ("người", "người", false),
    ("căn hộ", "căn hộ", false),
    ("căn", "căn", false),
    ("hộ", "hộ", false),
    ("lượt", "lượt", false),
    ("đồng chí", "đồng chí", false),
    ("đồng", "đồng", false),
    ("USD", "USD", false),
    ("$", "USD", true),
    ("VNĐ", "đồng", false),
    ("VND", "đồng", false),
    ("đ", "đồng", true),
    ("đô la", "USD", false),
    ("EUR", "EUR", false),
    ("euro", "EUR", false),
    ("điểm", "điểm", false),
    ("doanh nghiệp", "doanh nghiệp", false),
    ("dự án", "dự án", false),
    ("tuổi", "tuổi", false),
    ("lần", "lần", false),
    ("năm", "năm", false),
    ("quý", "quý", false),
    ("tháng", "tháng", false),
    ("tuần", "tuần", false),
    ("ngày", "ngày", false),
];

/// Units of a period, which qualifies the figure that follows: `GRDP 6 tháng ước đạt 13,26%`.
pub(super) const PERIODS: &[&str] = &["năm", "quý", "tháng", "tuần", "ngày"];

/// Words after which a number is a date, an ordinal or an identifier, not a figure.
pub(super) const NOT_A_FIGURE_AFTER: &[&str] = &[
    "năm",
    "tháng",
    "ngày",
    "quý",
    "thứ",
    "số",
    "khóa",
    "khoá",
    "điều",
    "khoản",
    "chương",
    "mục",
    "lộ",
    "phường",
    "quận",
    "tổ",
    "ấp",
    "khu",
    "lớp",
    "top",
];

/// Two words after which a number names a document or a body, not a figure.
pub(super) const NOT_A_FIGURE_AFTER_TWO: &[&str] = &[
    "nghị quyết",
    "quyết định",
    "nghị định",
    "chỉ thị",
    "thông tư",
    "kết luận",
    "công văn",
    "trung ương",
];
