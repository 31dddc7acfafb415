use super::*;

fn author(line: &str) -> Option<String> {
    parse_byline(line).map(|b| b.author)
}

#[test]
fn bylines_from_the_spec() {
    let b = parse_byline(
        "* HỒ SỸ TRUNG, Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố Đông Hà",
    )
    .unwrap();
    assert_eq!(b.author, "Hồ Sỹ Trung");
    assert_eq!(
        b.role.as_deref(),
        Some("Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố Đông Hà")
    );
    assert_eq!(author("Đức Thiện").as_deref(), Some("Đức Thiện"));
    assert_eq!(parse_byline("Minh Huệ").unwrap().role, None);
    assert_eq!(author("TRÍ THỨC").as_deref(), Some("Trí Thức"));
    assert_eq!(author("Bài, ảnh: Thu Hà").as_deref(), Some("Thu Hà"));
    let b = parse_byline("Nguyễn Văn Hùng (Ban Tuyên giáo Huyện ủy Hướng Hóa)").unwrap();
    assert_eq!(b.author, "Nguyễn Văn Hùng");
    assert_eq!(b.role.as_deref(), Some("Ban Tuyên giáo Huyện ủy Hướng Hóa"));
    assert_eq!(parse_byline("Kim Thanh (T/h)").unwrap().role, None);
    assert_eq!(parse_byline("Minh Anh (Theo TTXVN)").unwrap().role, None);
    assert_eq!(author("Bài và ảnh: Yến Anh").as_deref(), Some("Yến Anh"));
    // Compiled by the writer named after it; not a source named after it.
    assert_eq!(author("Tổng hợp Hải Đăng").as_deref(), Some("Hải Đăng"));
    assert_eq!(
        author("Tổng hợp: Thúy Quỳnh").as_deref(),
        Some("Thúy Quỳnh")
    );
    assert_eq!(author("(Tổng hợp) Hoàng Yên").as_deref(), Some("Hoàng Yên"));
    assert_eq!(author("(T/h) Duy Ngọc").as_deref(), Some("Duy Ngọc"));
    assert_eq!(author("Tổng hợp"), None);
    assert_eq!(author("Tổng hợp từ VnExpress"), None);
    assert_eq!(
        author("Thu Hà - Minh Anh").as_deref(),
        Some("Thu Hà, Minh Anh")
    );
    assert_eq!(
        author("TS. NGUYỄN VĂN A").as_deref(),
        Some("TS. Nguyễn Văn A")
    );
    assert_eq!(
        author("ThS. Hoàng Khánh Toàn").as_deref(),
        Some("ThS. Hoàng Khánh Toàn")
    );
}

/// A bare staff signature is a byline line (not text, not a heading), but it names nobody:
/// the fidelity annotations give no author for "PV" (tests/fidelity/README.md).
#[test]
fn staff_signatures_are_bylines_without_an_author() {
    for line in [
        "PV",
        "PV.",
        "P.V",
        "Nhóm PV",
        "Nhóm phóng viên",
        "NHÓM PV THỜI SỰ",
        "CTV",
        "Phóng viên",
        "PV/VOV-Tây Nguyên",
        "Ban Bạn đọc",
    ] {
        let b = parse_byline(line).unwrap_or_else(|| panic!("{line}"));
        assert!(b.staff, "{line}");
    }
    // Beside a name, the staff part is dropped and the name is the author.
    let b = parse_byline("Như Anh, CTV").unwrap();
    assert_eq!((b.author.as_str(), b.staff), ("Như Anh", false));
    for (line, want) in [
        ("Phóng viên Thu Hà", "Phóng viên Thu Hà"),
        ("CTV Lê Tùng", "CTV Lê Tùng"),
    ] {
        let b = parse_byline(line).unwrap();
        assert_eq!((b.author.as_str(), b.staff), (want, false), "{line}");
    }
}

#[test]
fn bylines_seen_in_baomoi() {
    let cases = [
        ("Nguyễn Thảo (t/h)", "Nguyễn Thảo"),
        ("Lương Ngọc (Theo Touropia)", "Lương Ngọc"),
        ("Công Danh (tổng hợp theo báo PL TP. HCM, NĐT)", "Công Danh"),
        ("Hoàng Hợi -", "Hoàng Hợi"),
        ("Vũ Dũng/VOV", "Vũ Dũng"),
        ("Việt Quốc/VOV – TP HCM", "Việt Quốc"),
        ("Minh Anh - TNTBros", "Minh Anh"),
        ("Bích Huệ - TTXVN", "Bích Huệ"),
        ("ĐẶNG CHUNG - ĐỨC VÂN", "Đặng Chung, Đức Vân"),
        ("Văn Minh -Uyên Phương", "Văn Minh, Uyên Phương"),
        ("T.N. (Clip: Tạ Quang Huy)", "T.N."),
        ("H. Nam", "H. Nam"),
        ("Ch. Tuấn", "Ch. Tuấn"),
        ("Tin-ảnh: X.Hoàng", "X.Hoàng"),
        ("Bài: SỸ ĐÔNG; Ảnh: HOÀNG TRIỀU", "Sỹ Đông"),
        ("Hồ An. Ảnh: Trí Bùi", "Hồ An"),
        ("GIA MINH thực hiện", "Gia Minh"),
        ("Anh Tú", "Anh Tú"),
        ("Endo - Thể thao Việt Nam", "Endo"),
    ];
    for (line, want) in cases {
        assert_eq!(author(line).as_deref(), Some(want), "{line}");
    }
    let b = parse_byline("Vũ Hải - Phó Tổng Giám đốc Đài TNVN").unwrap();
    assert_eq!(b.role.as_deref(), Some("Phó Tổng Giám đốc Đài TNVN"));
    let more = [
        ("TTXVN/Quân Trang - Thanh Thắng", "Quân Trang, Thanh Thắng"),
        ("Đại tá, TS. NGUYỄN VĂN A", "Đại tá, TS. Nguyễn Văn A"),
        ("Phóng viên Thu Hà", "Phóng viên Thu Hà"),
        ("BS.CKII. HUỲNH TẤN VŨ", "BS.CKII. Huỳnh Tấn Vũ"),
    ];
    for (line, want) in more {
        assert_eq!(author(line).as_deref(), Some(want), "{line}");
    }
}

#[test]
fn roles_after_a_dash() {
    for (line, who, what) in [
        (
            "ThS. Lê Thị Hoa - Học viện Chính trị khu vực I",
            "ThS. Lê Thị Hoa",
            "Học viện Chính trị khu vực I",
        ),
        (
            "Văn Thành - Huyện ủy Hải Hậu",
            "Văn Thành",
            "Huyện ủy Hải Hậu",
        ),
        (
            "Minh Anh – Trung tâm Y tế huyện",
            "Minh Anh",
            "Trung tâm Y tế huyện",
        ),
        (
            "Hồng Nhung - Trường THPT Chu Văn An",
            "Hồng Nhung",
            "Trường THPT Chu Văn An",
        ),
        (
            "Thu Hà - UBND huyện Gia Lâm",
            "Thu Hà",
            "UBND huyện Gia Lâm",
        ),
        (
            "VĂN THÀNH - HUYỆN ỦY HẢI HẬU",
            "Văn Thành",
            "Huyện Ủy Hải Hậu",
        ),
        (
            "Ngọc Lan, Hội Nông dân tỉnh",
            "Ngọc Lan",
            "Hội Nông dân tỉnh",
        ),
    ] {
        let b = parse_byline(line).unwrap_or_else(|| panic!("{line}"));
        assert_eq!(b.author, who, "{line}");
        assert_eq!(b.role.as_deref(), Some(what), "{line}");
    }
    // A second author is a name, even when its first word can open an institution.
    for (line, who) in [
        ("Thu Hà - Minh Anh", "Thu Hà, Minh Anh"),
        ("Thu Hà - Trung Kiên", "Thu Hà, Trung Kiên"),
        ("Hải Yến - Thành Long", "Hải Yến, Thành Long"),
        ("Thu Hà, Trường Giang", "Thu Hà, Trường Giang"),
        ("ĐẶNG CHUNG - TRUNG HIẾU", "Đặng Chung, Trung Hiếu"),
    ] {
        let b = parse_byline(line).unwrap_or_else(|| panic!("{line}"));
        assert_eq!((b.author.as_str(), b.role), (who, None), "{line}");
    }
    // A dash before a clause or a place is still no byline.
    for line in [
        "Vân Dung - Quang Thắng - Công Lý tung hứng trên sân khấu",
        "Minh Anh - Trung thành với lý tưởng của Đảng",
        "Văn Thành - Hà Nội",
        "Thu Hà - học sinh lớp 12 cho biết.",
        "Huyện ủy Hải Hậu - Nam Định",
    ] {
        assert_eq!(parse_byline(line), None, "{line}");
    }
}

#[test]
fn outlets_named_in_bylines() {
    for (line, want) in [
        ("Mạnh Tú/TTXVN", "TTXVN"),
        ("Bích Huệ - TTXVN", "TTXVN"),
        ("Vũ Dũng/VOV", "VOV"),
        ("Việt Quốc/VOV – TP HCM", "VOV"),
        ("PV/VOV-Tây Nguyên", "VOV"),
        ("TTXVN/Quân Trang - Thanh Thắng", "TTXVN"),
        ("Bài, ảnh: Thu Hà/QĐND", "QĐND"),
        ("Hoàng Anh - BDO", "BDO"),
        ("Phúc Vũ - Thể thao Việt Nam", "Thể thao Việt Nam"),
        ("* Mạnh Tú/TTXVN (t/h)", "TTXVN"),
        ("Nhất Nam / NĐT", "NĐT"),
        ("Vân Thiêng, Diệu Linh/VOV-Trung tâm Tin", "VOV"),
        ("Bích Lan/VOV.VN", "VOV.VN"),
        // A bracketed note after the writer credits the outlet or the source.
        ("Văn Sơn (TTXVN)", "TTXVN"),
        ("Bá Vương/VTC News", "VTC News"),
        ("TỬ QUỲNH (VnExpress)", "VnExpress"),
        ("Du Lam (Theo Reuters)", "Reuters"),
        ("Đăng Đức (Tổng hợp từ Mirror)", "Mirror"),
        ("Tin, ảnh: Đậu Tất Thành (TTXVN)", "TTXVN"),
    ] {
        assert_eq!(byline_outlet(line).as_deref(), Some(want), "{line}");
    }
    for line in [
        "Quý II/2017",
        "VND/kg",
        "USD/tấn",
        "BRT",
        "FOB (HCM)",
        "TTXVN",
        "Mạnh Tú",
        "Thu Hà - Minh Anh",
        "Văn Thành - Huyện ủy Hải Hậu",
        "Minh Anh - T.L",
        "Thu Hà - PV",
        "Nhóm PV",
        "Ảnh: Mạnh Tú/TTXVN",
        "Theo TTXVN",
        "Minh An (Tổng hợp)",
        "(TTXVN)",
        "Phòng Tuyên truyền (TTXVN)",
        "Một góc thành phố Hải Phòng. (Ảnh: An Đăng/TTXVN).",
        "",
    ] {
        assert_eq!(byline_outlet(line), None, "{line}");
    }
}

#[test]
fn not_bylines() {
    for line in [
        "Theo VnExpress",
        "Theo Vân Anh (Khám phá)",
        "TTXVN/Tin Tức",
        "(Tổng hợp)",
        "Reuters",
        "Bài học kinh nghiệm",
        "* Kết quả nổi bật",
        "CÁC TIN KHÁC",
        "Xem thêm >>",
        "Viết bình luận mới",
        "Xin chờ trong giây lát...",
        "Hải Phòng",
        "Tin liên quan",
        "Hotline: 0914926900",
        "26/04/2023 | 08:01 GMT+7",
        "Ảnh: Đình Văn",
        "Ảnh minh họa",
        "Một góc thành phố Hải Phòng. (Ảnh: An Đăng/TTXVN).",
        "Copyright 2020 by BÁO QUẢNG TRỊ",
        "U23 Việt Nam",
        "La La Land",
        "Moonlight",
        "Moonlight - La La Land",
        "Whiplash - Oscar",
        "Ông Nguyễn Văn A",
        "Quý II/2017",
        "Tiền Phong,",
        "Thái Hà.",
        "Anh Tuấn, một người dân ở xã bên cho biết.",
        "",
    ] {
        assert_eq!(parse_byline(line), None, "{line}");
    }
}

#[test]
fn a_bracketed_note_on_the_source_is_no_role() {
    for s in [
        "Q.H (Tổng hợp)",
        "Thu Thủy (Tổng hợp)",
        "Minh Anh (T/h)",
        "Lan Chi (Dịch từ Brightside)",
        "Hà Vy (Lược dịch)",
        "Hà Vy (Tổng hợp Dailymail)",
        "Nguyễn Hiền (dịch USAToday)",
        "Minh Anh (Theo TTXVN)",
    ] {
        let b = parse_byline(s).expect(s);
        assert_eq!(b.role, None, "{s}");
        assert!(!b.author.contains('('), "{s}: {}", b.author);
    }
    // An office in brackets stays the role.
    let b = parse_byline("Nguyễn Văn Hùng (Ban Tuyên giáo Huyện ủy Hướng Hóa)").unwrap();
    assert_eq!(b.role.as_deref(), Some("Ban Tuyên giáo Huyện ủy Hướng Hóa"));
}
