use super::*;

#[test]
fn outlet_tags() {
    let line = "(QTO) - Xác định đổi mới phương thức lãnh đạo của Đảng là một trong những nội dung quan trọng.";
    let (tag, at) = outlet_tag(line).unwrap();
    assert_eq!(tag, "QTO");
    assert!(line[at..].starts_with("Xác định"));
    let line = "TTXVN - Ngày 19/7, Thành ủy Hải Phòng tổ chức Hội nghị sơ kết giữa nhiệm kỳ.";
    let (tag, at) = outlet_tag(line).unwrap();
    assert_eq!(tag, "TTXVN");
    assert!(line[at..].starts_with("Ngày 19/7"));
    for (line, want) in [
        (
            "(Chinhphu.vn) - Thủ tướng vừa ký quyết định phê duyệt đề án.",
            "Chinhphu.vn",
        ),
        (
            "(ĐCSVN) – Sáng nay, Bộ Chính trị làm việc với Tỉnh ủy.",
            "ĐCSVN",
        ),
        ("HNM – Chiều 6-2, UBND thành phố tổ chức hội nghị.", "HNM"),
        (
            "(PLO)- Vài ngày gần đây, người dân sinh sống ở ấp 4 rất lo lắng.",
            "PLO",
        ),
        (
            "QĐND Online - Sáng 6-2, Quân khu 4 tổ chức ra quân huấn luyện.",
            "QĐND Online",
        ),
        (
            "(Baonghean) - Thời điểm sau Tết, các đền chùa trên địa bàn đông khách.",
            "Baonghean",
        ),
        (
            "ANTT.VN – Cơ quan Cảnh sát điều tra, Bộ Công an vừa khởi tố vụ án.",
            "ANTT.VN",
        ),
        (
            "GD&TĐ - Thứ trưởng Bộ GD&ĐT Nguyễn Thị Nghĩa vừa có buổi làm việc với Sở.",
            "GD&TĐ",
        ),
        (
            "Hà Nội (TTXVN) - Sáng 6/6, Thủ tướng chủ trì hội nghị trực tuyến.",
            "TTXVN",
        ),
    ] {
        assert_eq!(
            outlet_tag(line).map(|t| t.0).as_deref(),
            Some(want),
            "{line}"
        );
    }
    for line in [
        "(Ảnh: An Đăng/TTXVN) - Một góc thành phố",
        "Hà Nội - Hải Phòng là tuyến cao tốc quan trọng.",
        "UBND tỉnh - cơ quan hành chính nhà nước ở địa phương.",
        "UBND - Cơ quan hành chính nhà nước ở địa phương đã ban hành quyết định.",
        "HACHIKO - Chú chó đợi chờ đã đến Việt Nam",
        "EVN - khách 'sộp' của nhà thầu PECC 2",
        "(Bắc Ninh) - Gia Bình phát hiện thêm",
        "VN-Index tăng mạnh trong phiên sáng.",
        "Vinamilk (VNM) - Cổ phiếu tăng mạnh trong phiên hôm nay.",
        "Rolls-Royce Phantom thế hệ đầu tiên",
        "",
    ] {
        assert_eq!(outlet_tag(line), None, "{line}");
    }
}

#[test]
fn bracketed_tags_without_a_dash() {
    let line = "(BDO) Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI, TP.Thủ Dầu Một được chọn là địa phương đi đầu.";
    let (tag, at) = outlet_tag(line).unwrap();
    assert_eq!(tag, "BDO");
    assert!(line[at..].starts_with("Thực hiện"));
    let line = "(TTXVN) Sáng 6/6, Thủ tướng chủ trì hội nghị trực tuyến với các địa phương.";
    assert_eq!(outlet_tag(line).map(|t| t.0).as_deref(), Some("TTXVN"));
    for line in [
        "(BDO) Thực hiện Nghị quyết",
        "(BDO) thực hiện nghị quyết đại hội đảng bộ tỉnh lần thứ XI rất tốt.",
        "(UBND) Cơ quan hành chính nhà nước ở địa phương đã ban hành quyết định.",
        "(II) Nhiệm vụ và giải pháp chủ yếu trong giai đoạn tới của toàn tỉnh.",
        "(T.L) Sáng nay, Bộ Chính trị làm việc với Tỉnh ủy về công tác cán bộ.",
        "(VIDEO) Cận cảnh vụ tai nạn kinh hoàng trên cao tốc trong đêm qua.",
        "(ẢNH) Cận cảnh vụ tai nạn kinh hoàng trên cao tốc trong đêm qua.",
        "(Video) Cận cảnh vụ tai nạn kinh hoàng trên cao tốc trong đêm qua.",
        "(Baonghean)Thời điểm sau Tết, các đền chùa trên địa bàn đông khách.",
        "Hà Nội (TTXVN) Sáng 6/6, Thủ tướng chủ trì hội nghị trực tuyến.",
        "(1) Tăng cường công tác xây dựng Đảng về chính trị, tư tưởng, đạo đức.",
    ] {
        assert_eq!(outlet_tag(line), None, "{line}");
    }
}

#[test]
fn bao_and_a_name_before_a_dash() {
    let line = "Báo Kon Tum - Trong những năm qua, các huyện biên giới của tỉnh đã có nhiều cách làm sáng tạo.";
    let (tag, at) = outlet_tag(line).unwrap();
    assert_eq!(tag, "Báo Kon Tum");
    assert!(line[at..].starts_with("Trong những"));
    let line = "Báo Thừa Thiên Huế – Sáng nay, Tỉnh ủy tổ chức hội nghị sơ kết giữa nhiệm kỳ.";
    assert_eq!(
        outlet_tag(line).map(|t| t.0).as_deref(),
        Some("Báo Thừa Thiên Huế")
    );
    for line in [
        "Báo cáo - Kết quả thực hiện nhiệm vụ năm 2021 của Đảng bộ tỉnh đã được thông qua.",
        "Báo chí - truyền thông là lực lượng xung kích trên mặt trận tư tưởng của Đảng.",
        "Báo Kon Tum - Cơ quan của Đảng bộ",
        "Báo Kon Tum - ngày nay đã có nhiều thay đổi về nội dung và hình thức thể hiện.",
        "Báo Nhân Dân Và Các Cơ Quan - Trong những năm qua, nhiều địa phương đã làm tốt.",
        "Bảo Anh - Trong những năm qua, các huyện biên giới đã có nhiều cách làm sáng tạo.",
    ] {
        assert_eq!(outlet_tag(line), None, "{line}");
    }
}

#[test]
fn outlet_lines() {
    let cases = [
        ("/KD&PL", "KD&PL"),
        ("(Theo VnExpress)", "VnExpress"),
        ("Theo TTXVN", "TTXVN"),
        ("Nguồn: Báo Nhân Dân", "Báo Nhân Dân"),
        ("(T/h)", "T/h"),
        ("TTXVN/Vietnam+", "TTXVN/Vietnam+"),
        ("Theo VnExpress.", "VnExpress"),
        ("theo Phonearena", "Phonearena"),
        ("Theo Đời sống Plus", "Đời sống Plus"),
        ("Theo Vân Anh (Khám phá)", "Khám phá"),
        ("Theo PV (VTC News)", "VTC News"),
        ("(TTXVN)", "TTXVN"),
        ("Thể thao & Văn hóa", "Thể thao & Văn hóa"),
        ("Báo Giao thông", "Báo Giao thông"),
        ("Zing.vn", "Zing.vn"),
        ("(Theo TASS, The Sun)", "TASS, The Sun"),
        ("- Theo Daily Mail", "Daily Mail"),
        ("Tham khảo: Sammobile", "Sammobile"),
        ("Theo Kim Kim/VNE", "VNE"),
        ("Sputnik -", "Sputnik"),
        ("(Nguồn: VnExpress)", "VnExpress"),
    ];
    for (line, want) in cases {
        assert_eq!(outlet_line(line).as_deref(), Some(want), "{line}");
    }
    for line in [
        "Theo đó, Sở GD&ĐT Đà Nẵng sẽ sớm đề xuất.",
        "Theo tờ Elbalonrosa, tiền đạo Giovanni Simeone đang hẹn hò.",
        "Theo",
        "Nguồn gốc Thái Tuế và quan niệm dân gian",
        "Vũ Dũng/VOV",
        "Bá Vương/VTC News",
        "Bảo Vinh",
        "Thanh Minh",
        "(Còn nữa)",
        "VND/kg",
        "Ảnh: NBC News",
        "Đánh giá của Financial Times",
        "Một góc thành phố Hải Phòng.",
        "",
    ] {
        assert_eq!(outlet_line(line), None, "{line}");
    }
}

#[test]
fn credits_name_their_writer() {
    use super::credit_author;
    assert_eq!(
        credit_author("Theo Thân Hoàng/Tuổi Trẻ").as_deref(),
        Some("Thân Hoàng")
    );
    assert_eq!(
        credit_author("Nguồn: Mạnh Quân/Otofun News").as_deref(),
        Some("Mạnh Quân")
    );
    assert_eq!(
        credit_author("Theo Vân Anh (Khám phá)").as_deref(),
        Some("Vân Anh")
    );
    assert_eq!(credit_author("Theo TTXVN"), None);
    assert_eq!(credit_author("Theo TTXVN/Vietnam+"), None);
    assert_eq!(credit_author("/KD&PL"), None);
    assert_eq!(
        outlet_line("Nguồn: Mạnh Quân/Otofun News").as_deref(),
        Some("Otofun News")
    );
    assert_eq!(
        outlet_line("Theo Thân Hoàng/Tuổi Trẻ").as_deref(),
        Some("Tuổi Trẻ")
    );
}

#[test]
fn notes_on_the_source_after_the_writer_are_dropped() {
    assert_eq!(
        credit_author("Theo Thanh Loan (Dịch từ brightside) (Khám phá)").as_deref(),
        Some("Thanh Loan")
    );
}

#[test]
fn a_compiled_marker_tag_is_a_credit_but_no_outlet() {
    use crate::gazetteer::Gazetteer;
    let body = "Người dân trong vùng đã cùng nhau dọn dẹp đường làng sau trận mưa lớn hôm qua.";
    for tag in ["St", "Tổng hợp", "(T/h)"] {
        let text = format!("Dọn dẹp đường làng sau mưa\n\n{body}\n{body}\n{tag}\n");
        let a = crate::preprocess::build_document("a", "a", text.as_bytes(), Gazetteer::embedded())
            .expect("builds");
        assert_eq!(a.document.outlet, None, "{tag}");
        assert!(
            a.document
                .sections
                .iter()
                .all(|s| s.passages.iter().all(|p| p.text != tag))
        );
    }
    let text = format!("Dọn dẹp đường làng sau mưa\n\n{body}\n{body}\nTheo TTXVN\n");
    let a = crate::preprocess::build_document("a", "a", text.as_bytes(), Gazetteer::embedded())
        .expect("builds");
    assert_eq!(a.document.outlet.as_deref(), Some("TTXVN"));
}
