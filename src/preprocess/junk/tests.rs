use super::*;

#[test]
fn phrases_match_in_any_case_and_accent() {
    for l in [
        "Xem thêm",
        "Xem thêm >>",
        "CÁC TIN KHÁC",
        "Các tin khác",
        "Tin cùng chuyên mục",
    ] {
        assert_eq!(chrome_phrase(l), Some(Chrome::RelatedHeader), "{l}");
    }
    for l in [
        "Viết bình luận mới",
        "Bình luận của bạn:",
        "Bình luận bạn đọc (0)",
        "Phản hồi",
        "Liên hệ - Góp ý Quay lại!",
    ] {
        assert_eq!(chrome_phrase(l), Some(Chrome::FooterStart), "{l}");
    }
    for l in [
        "Trực tuyến",
        "• Xin chờ trong giây lát...",
        "Lượt xem: 1.234",
    ] {
        assert_eq!(chrome_phrase(l), Some(Chrome::Single), "{l}");
    }
    // Real sentences that start like chrome are not chrome.
    assert_eq!(chrome_phrase("Phản hồi của người dân được tiếp thu."), None);
    assert_eq!(
        chrome_phrase("Xem thêm các quy định của Trung ương về công tác cán bộ trong nhiệm kỳ"),
        None
    );
}

#[test]
fn inline_links() {
    assert!(inline_related_link(
        "-> Mua vé xổ số Vietlott ở đâu tại Hà Nội?"
    ));
    assert!(inline_related_link("Xem thêm: Hà Nội công bố kết quả"));
    assert!(!inline_related_link(
        "Đến năm 2025: hoàn thành các chỉ tiêu"
    ));
}

#[test]
fn widgets_markers_licences() {
    assert!(is_widget_bar("Chia sẻ Facebook Zalo"));
    assert!(is_widget_bar("Nghe đọc bài viết"));
    assert!(is_widget_bar("Cỡ chữ A- A A+"));
    assert!(!is_widget_bar("Bài viết"));
    assert!(!is_widget_bar("Chia sẻ kinh nghiệm xây dựng nông thôn mới"));
    assert_eq!(
        is_marker_line("(Còn nữa)"),
        Some(RemovalReason::SeriesMarker)
    );
    assert_eq!(is_marker_line("* * *"), Some(RemovalReason::Separator));
    assert_eq!(is_marker_line("2020"), None);
    assert_eq!(is_marker_line("Hết năm 2021, huyện đạt 19 tiêu chí"), None);
    assert!(is_licence_line("Giấy phép số 123/GP-BTTTT"));
    assert!(!is_licence_line(
        "Giấy phép xây dựng được cấp cho 120 hộ dân trong năm qua."
    ));
}

/// `is_licence_line` reads only the start of the key: it answers as the whole key does.
#[test]
fn licence_lines_read_only_the_key_start() {
    let whole = |line: &str| {
        let key = phrase_key(line);
        !more_words_than(line, 25) && LICENCE_PHRASES.iter().any(|p| key.starts_with(p))
    };
    for line in [
        "Giấy phép số 123/GP-BTTTT",
        "GIẤY PHÉP SỐ 123",
        "- Giấy phép số",
        "  ** Giấy  phép,  hoạt động báo điện tử số 45",
        "Giấy phép xuất bản số 12/GP-BTTTT ngày 1/1/2020",
        "Giấy phép xuất bả",
        "Gia\u{301}y phe\u{301}p so\u{302}\u{301} 7",
        "Giấy phép xây dựng được cấp cho 120 hộ dân trong năm qua.",
        "Giấy phép số 1 một hai ba bốn năm sáu bảy tám chín mười một hai ba bốn năm sáu bảy tám chín mười một hai ba",
        "Giấy phép",
        "giay phep so",
        "",
        "123",
        "Hà Nội",
    ] {
        assert_eq!(is_licence_line(line), whole(line), "{line}");
    }
}

#[test]
fn tag_lists_and_dated_headlines() {
    assert!(is_tag_list("Từ khóa: nghị quyết, đại hội, Hướng Hóa"));
    assert!(is_tag_list("Tags: Quảng Trị"));
    assert!(!is_tag_list("Chủ đề năm 2019 là: đề cao kỷ luật"));
    assert!(is_dated_headline(
        "Gio Linh phát triển kinh tế biển (04/06/2022)"
    ));
    assert!(is_dated_headline(
        "Nguyên Tổng Bí thư Lê Khả Phiêu từ trần (7/8/2020)"
    ));
    assert!(!is_dated_headline("Quy định 202-QĐ/TW (ngày 2/8/2019)"));
    assert!(!is_dated_headline("tăng 7%-7,5%/năm (2021-2025)"));
}

#[test]
fn counters_and_slugs() {
    assert!(is_counter("93401966"));
    assert!(is_counter("1.234.567"));
    assert!(!is_counter("2020 - 2025 là nhiệm kỳ"));
    assert!(is_alt_slug("ky cuoi nguyen nhan va bai hoc kinh nghiem"));
    assert!(is_alt_slug("thanh-pho-thanh-hoa-don-nhan"));
    assert!(!is_alt_slug("Ky cuoi nguyen nhan"));
    assert!(!is_alt_slug("izmir escort bayan"));
    assert!(!is_alt_slug("ok"));
}

#[test]
fn language_check() {
    assert_eq!(
        foreign("izmir escort bayan izmir escort bayan"),
        Foreign::Spam
    );
    assert_eq!(
        foreign("Click here to subscribe to our newsletter"),
        Foreign::Yes
    );
    assert_eq!(
        foreign("Chỉ số PCI, PAPI và các chỉ số khác như: PAR Index"),
        Foreign::No
    );
    assert_eq!(foreign("PCI"), Foreign::No);
    assert_eq!(foreign("Minh Hue"), Foreign::No);
}

#[test]
fn a_short_phrase_key_is_the_key_when_it_is_short_enough() {
    for line in [
        "",
        " ",
        "Xem thêm",
        "  Lượt xem: 1.234 ",
        "-- Tổng số lượt truy cập --",
        "12 Tin liên quan:",
        "Đà Nẵng, “Hội An” … và 3 nơi khác.",
        "\u{a0}Từ khóa\u{a0}",
        "北京 欢迎 你",
    ] {
        let key = phrase_key(line);
        for max in 0..=line.len() + 3 {
            let short = short_phrase_key(line, max);
            let expected = (key.len() <= max).then(|| key.clone());
            assert_eq!(short, expected, "{line:?} up to {max}");
        }
    }
}

#[test]
fn site_promos() {
    assert!(is_site_promo(
        "Báo Gia đình và Xã hội cập nhật tin tức trong ngày liên tục, mới nhất"
    ));
    assert!(is_site_promo(
        "Đọc báo Dân trí để cập nhật tin tức liên tục từng giờ"
    ));
    assert!(!is_site_promo(
        "Bộ Y tế cập nhật liên tục tình hình dịch bệnh tại các tỉnh phía Bắc."
    ));
    assert!(inline_related_link(
        ">> Sốc xem clip cô giáo >> Đuổi việc 2 cô giáo mầm non"
    ));
}

#[test]
fn related_labels_in_any_case() {
    assert_eq!(
        related_label_len("Xem thêm: Headline"),
        Some("Xem thêm:".len())
    );
    assert_eq!(
        related_label_len("TIN LIÊN QUAN Headline"),
        Some("TIN LIÊN QUAN".len())
    );
    assert_eq!(related_label_len("Tin tức hôm nay"), None);
    assert_eq!(related_label_len("Hà Nội"), None);
}
