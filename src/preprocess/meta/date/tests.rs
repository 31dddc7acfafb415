use super::*;

#[test]
fn dates_in_every_dateline_form() {
    let cases = [
        ("Cập nhật: 14:00 | 06/06/2020", "2020-06-06T14:00"),
        ("26/04/2023 | 08:01 GMT+7", "2023-04-26T08:01"),
        ("Ngày cập nhật: 02/07/2020 14:28:39", "2020-07-02T14:28:39"),
        ("06/06/2020", "2020-06-06"),
        ("6-6-2020", "2020-06-06"),
        ("06.06.2020", "2020-06-06"),
        ("Thứ Hai, 06/06/2020 - 14:00", "2020-06-06T14:00"),
        ("Thứ bảy, 6/6/2020, 14:00 (GMT+7)", "2020-06-06T14:00"),
        ("ngày 6 tháng 6 năm 2020", "2020-06-06"),
        ("14h00 ngày 06/06/2020", "2020-06-06T14:00"),
        ("06/06/2020 14h30", "2020-06-06T14:30"),
        ("2020-06-06", "2020-06-06"),
        ("2020-06-06T14:00", "2020-06-06T14:00"),
        ("29/02/2020", "2020-02-29"),
        // Baomoi: author, outlet and time on one line.
        (
            "Phúc Vũ - Thể thao Việt Nam | 21:20 06/02/2017",
            "2017-02-06T21:20",
        ),
        (
            "Vụ tai nạn hy hữu xảy ra vào khoảng 21h tối 5-2-2017, tại cầu Nhật Tân.",
            "2017-02-05T21:00",
        ),
    ];
    for (line, want) in cases {
        assert_eq!(parse_date(line).as_deref(), Some(want), "{line}");
    }
}

#[test]
fn no_date_without_a_valid_year_month_and_day() {
    for line in [
        "Ngày 19/7",
        "Hôm nay (6-2)",
        "32/13/2020",
        "29/02/2019",
        "31/04/2020",
        "06/06/1850",
        "Lịch chiếu: 22:45 ngày 11.02",
        "Quy định 202-QĐ/TW",
        "trong hai ngày 10-11/2 ở Bắc bộ",
        "nhiệm kỳ 2015 – 2020",
        "tổng mức đầu tư trên 3.700 tỷ đồng",
        "",
    ] {
        assert_eq!(parse_date(line), None, "{line}");
    }
    // A time far from the date, or an impossible one, is not attached to it.
    assert_eq!(
        parse_date("06/06/2020 25:00").as_deref(),
        Some("2020-06-06")
    );
    assert_eq!(
        parse_date("Màn hình 240Hz ra mắt ngày 05/02/2017").as_deref(),
        Some("2017-02-05")
    );
}

#[test]
fn parts_of_the_day_move_the_hour() {
    for (line, want) in [
        ("Thứ Năm, 12/05/2022 09:15 PM", "2022-05-12T21:15"),
        ("Cập nhật: 09:15 PM, 12/05/2022", "2022-05-12T21:15"),
        ("12/05/2022 9:15 CH", "2022-05-12T21:15"),
        ("12/05/2022 9:15 chiều", "2022-05-12T21:15"),
        ("9 giờ 15 phút tối ngày 12/05/2022", "2022-05-12T21:15"),
        ("12/05/2022 09:15 AM", "2022-05-12T09:15"),
        ("12/05/2022 9:15 SA", "2022-05-12T09:15"),
        ("12/05/2022 9:15 sáng", "2022-05-12T09:15"),
        ("12/05/2022 12:30 AM", "2022-05-12T00:30"),
        ("12/05/2022 12:30 PM", "2022-05-12T12:30"),
        ("12/05/2022 21:15 PM", "2022-05-12T21:15"),
        ("12/05/2022 8h tối", "2022-05-12T20:00"),
        ("1 giờ trưa 12/05/2022", "2022-05-12T13:00"),
        ("11 giờ trưa 12/05/2022", "2022-05-12T11:00"),
        ("11 giờ đêm 12/05/2022", "2022-05-12T23:00"),
        ("2 giờ đêm 12/05/2022", "2022-05-12T02:00"),
        ("9 giờ ngày 12/05/2022", "2022-05-12T09:00"),
        ("9 giờ 15 ngày 12/05/2022", "2022-05-12T09:15"),
        // Not a part of the day: a word that merely starts like one, or a glued digit.
        ("12/05/2022 9:15 Sang Mỹ", "2022-05-12T09:15"),
        ("12/05/2022 9:15 PMU", "2022-05-12T09:15"),
        ("12/05/2022 9:15 SA3", "2022-05-12T09:15"),
    ] {
        assert_eq!(parse_date(line).as_deref(), Some(want), "{line}");
    }
    // "giờ" only after a standalone number of hours.
    assert_eq!(
        parse_date("12/05/2022 ngày giờ").as_deref(),
        Some("2022-05-12")
    );
    assert_eq!(
        parse_date("12/05/2022 có 30 giờ").as_deref(),
        Some("2022-05-12")
    );
    assert!(is_dateline("Thứ Năm, 12/05/2022 09:15 PM"));
    assert!(is_dateline("Cập nhật: 9 giờ 15 phút tối, 12/05/2022"));
}

#[test]
fn datelines_with_widgets_and_other_pieces() {
    let line = "Thứ Năm, 12/05/2022 | 09:15 | Lượt xem: 1.234";
    assert!(is_dateline(line));
    assert_eq!(parse_date(line).as_deref(), Some("2022-05-12T09:15"));
    for line in [
        "Thứ năm, 12/05/2022 | 09:15 | Lượt xem: 1234",
        "12/05/2022 | 0 bình luận",
        "12/05/2022 09:15 | In bài | Chia sẻ",
    ] {
        assert!(is_dateline(line), "{line}");
    }
    for line in [
        "Ngọc Mai | 12/05/2022 09:15",
        "Chính trị | Thứ Năm, 12/05/2022",
        "Lượt xem: 1.234 | 09:15",
        "Lượt xem: 1.234",
        "Ngày 6/2/2016, sau khi nhậu | Lượt xem: 1.234",
    ] {
        assert!(!is_dateline(line), "{line}");
    }
    let split = |l: &str| split_dateline(l).map(|(d, p)| (d, p.join(" / ")));
    for (line, date, rest) in [
        (
            "Ngọc Mai | 12/05/2022 09:15",
            "2022-05-12T09:15",
            "Ngọc Mai",
        ),
        ("Chính trị | Thứ Năm, 12/05/2022", "2022-05-12", "Chính trị"),
        (
            "Thứ Năm, 12/05/2022 | 09:15 | Lượt xem: 1.234",
            "2022-05-12T09:15",
            "Lượt xem: 1.234",
        ),
        (
            "Phúc Vũ - Thể thao Việt Nam | 21:20 06/02/2017",
            "2017-02-06T21:20",
            "Phúc Vũ - Thể thao Việt Nam",
        ),
        (
            "12/05/2022 | Ngọc Mai | 09:15 PM",
            "2022-05-12T21:15",
            "Ngọc Mai",
        ),
        ("06/06/2020", "2020-06-06", ""),
    ] {
        assert_eq!(
            split(line),
            Some((date.to_string(), rest.to_string())),
            "{line}"
        );
    }
    for line in [
        "Ngọc Mai | 09:15",
        "Ngọc Mai | Chính trị",
        "Ngọc Mai | 12/5",
        "Ngọc Mai 12/05/2022",
        "Sáng 12/5/2022, Tỉnh ủy tổ chức hội nghị sơ kết giữa nhiệm kỳ | 12/05/2022",
        "",
        "|",
    ] {
        assert_eq!(split_dateline(line), None, "{line}");
    }
}

#[test]
fn datelines() {
    for line in [
        "Cập nhật: 14:00 | 06/06/2020",
        "26/04/2023 | 08:01 GMT+7",
        "Ngày cập nhật: 02/07/2020 14:28:39",
        "Thứ Hai, 06/06/2020 - 14:00",
        "Thứ bảy, 6/6/2020, 14:00 (GMT+7)",
        "Chủ nhật, 07/06/2020 09:15",
        "Đăng ngày: 06/06/2020",
        "Ngày đăng: 6-6-2020",
        "Thứ 2, 06/06/2020",
        "ngày 6 tháng 6 năm 2020",
        "14h00 ngày 06/06/2020",
        "2020-06-06T14:00:00+07:00",
        "06/06/2020",
        "Xuất bản: 06/06/2020",
        "Cập nhật lúc 14:00, 06/06/2020",
        "Thứ Sáu, 05/06/2020 15:32 (GMT+07:00)",
    ] {
        assert!(is_dateline(line), "{line}");
    }
    for line in [
        "Ngày 5-2, Phòng GD-ĐT quận 1 đã làm việc với trường.",
        "Ngày 6/2/2016, sau khi nhậu, Nguyễn Văn A đã gây án.",
        "Ngày 6/2/2016,",
        "Thông tư 332/2016/TT-BTC có hiệu lực từ ngày 10/2/2017.",
        "Giá vàng trong nước hôm nay 7/2/2017",
        "Phúc Vũ - Thể thao Việt Nam | 21:20 06/02/2017",
        "Thứ hai,",
        "Ngày 19/7",
        "",
    ] {
        assert!(!is_dateline(line), "{line}");
    }
}
