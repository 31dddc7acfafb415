use super::*;

#[test]
fn marker_initials_are_exactly_the_lowercase_test() {
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let slow = matches!(lower, 'ả' | 'h' | 'p' | 'n' | 'đ');
        assert_eq!(may_start_marker(c), slow, "{c:?}");
    }
}

#[test]
fn marker_initials_are_found_by_their_first_byte() {
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        if !may_start_marker(c) {
            continue;
        }
        let mut buf = [0; 4];
        let first = c.encode_utf8(&mut buf).as_bytes()[0];
        if c.is_ascii() {
            assert!(b"hHpPnN".contains(&first), "{c:?}");
        } else {
            assert!(MARKER_LEAD_BYTES.contains(&first), "{c:?}");
        }
    }
}

#[test]
fn head_check_never_rejects_a_marker() {
    assert_eq!(
        MARKER_HEADS.iter().map(|h| h.chars().count()).max(),
        Some(MARKER_HEAD_MAX_CHARS)
    );
    for h in MARKER_HEADS {
        assert!(head_may_match(h), "{h}");
        assert!(head_may_match(&format!("{}: X", h.to_uppercase())), "{h}");
    }
    for w in [
        "ảnh hưởng",
        "những",
        "phát",
        "nguồn gốc",
        "Ảnh/photoo",
        "hìnhh",
    ] {
        assert_eq!(
            head_may_match(w),
            MARKER_HEADS.contains(&w.split(' ').next().unwrap().to_lowercase().as_str()),
            "{w}"
        );
    }
    let lines = [
        "Một góc thành phố Hải Phòng. (Ảnh: An Đăng/TTXVN).",
        "Ảnh/Video: X. Nguồn ảnh: Y. Photo by Z. Đồ họa: Q. Hình: W. Photos : V",
        "Ảnh hưởng của bão, hình ảnh, nguồn gốc, ẢNH MINH HỌA, Nguồn Reuters",
        "Messi đang có được phong độ cực tốt trong chuỗi trận gần đâyẢnh: REUTERS",
    ];
    for s in lines {
        for (p, _) in s.char_indices() {
            let rest = &s[p..];
            if rest.starts_with(char::is_whitespace) {
                continue;
            }
            if match_marker(&marker_words(rest)).is_some() {
                assert!(head_may_match(rest), "{rest}");
            }
        }
    }
}

#[test]
fn second_char_check_never_rejects_a_head() {
    for h in MARKER_HEADS {
        let mut cs = h.chars();
        let (first, second) = (cs.next().unwrap(), cs.next().unwrap());
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if c.to_lowercase().next() != Some(second) {
                continue;
            }
            let mut buf = [0; 4];
            let after = c.encode_utf8(&mut buf).as_bytes();
            for f in [first, first.to_uppercase().next().unwrap()] {
                assert!(second_may_match(f, after), "{h} {f:?} {c:?}");
            }
        }
    }
    assert!(!second_may_match('n', "hững".as_bytes()));
    assert!(!second_may_match('h', "ơn".as_bytes()));
}

#[test]
fn third_char_check_never_rejects_a_head() {
    for h in MARKER_HEADS {
        let cs: Vec<char> = h.chars().collect();
        let Some(&third) = cs.get(2).filter(|_| cs[0] != 'đ') else {
            continue;
        };
        let up = |c: char| c.to_uppercase().next().unwrap();
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if c.to_lowercase().next() != Some(third) {
                continue;
            }
            for f in [cs[0], up(cs[0])] {
                for second in [cs[1], up(cs[1])] {
                    let after = format!("{second}{c}");
                    assert!(
                        second_may_match(f, after.as_bytes()),
                        "{h} {f:?} {second:?}"
                    );
                    assert!(third_may_match(f, after.as_bytes()), "{h} {f:?} {c:?}");
                }
            }
        }
    }
    assert!(!third_may_match('n', "gười".as_bytes()));
    assert!(!third_may_match('P', "hát".as_bytes()));
    assert!(third_may_match('N', "GUỒN".as_bytes()));
}

#[test]
fn marker_starts_skip_only_lowercase_initials_inside_words() {
    let s = "Ảnh:AP nhà Phố hNgười đâyẢnh (ảnh) pHoto 1n ĐỒ";
    let starts: Vec<usize> = marker_starts(s.as_bytes()).collect();
    for (p, &b) in s.as_bytes().iter().enumerate() {
        let initial = b"hHpPnN".contains(&b) || MARKER_LEAD_BYTES.contains(&b);
        let inside = p > 0 && s.as_bytes()[p - 1].is_ascii_alphanumeric();
        let kept = initial && !(b.is_ascii_lowercase() && inside);
        assert_eq!(starts.contains(&p), kept, "{p}");
    }
    let long = "nhà ".repeat(40) + "Ảnh: X";
    assert!(marker_starts(long.as_bytes()).any(|p| long[p..].starts_with("Ảnh")));
}

#[test]
fn photo_credits() {
    for line in [
        "Một góc thành phố Hải Phòng. (Ảnh: An Đăng/TTXVN).",
        "Bí thư Tỉnh ủy tiếp dân tại nhà công vụ. Ảnh: ĐÌNH BẢO",
        "Đại hội đại biểu Đảng bộ thành phố Việt Trì lần thứ XXI. (Ảnh:baophutho.vn)",
        "Ông Hà phát biểu tại hội nghị. Ảnh: Lâm Thanh",
        "Ảnh minh họa",
        "(Ảnh minh hoạ)",
        "Photo: Reuters",
        "Nguồn ảnh: Sina.",
        "Pha phạm lỗi của Hoàng Vũ Samson. (Ảnh: TL)",
        "Ảnh minh họa. Nguồn: internet",
        "Samson có hơn 10 năm chơi bóng ở VN. Ảnh Nguyên Huy",
        "Chiếc xe khách lật chắn ngang đường. Ảnh CTV.",
        "Tổng thống Mỹ Donald Trump. Ảnh:AP",
        "Messi đang có được phong độ cực tốt trong chuỗi trận gần đâyẢnh: REUTERS",
        "Nhiều hành khách đã quen với việc sử dụng buýt nhanh. Ảnh:",
        "Thủ tướng Ukraine Yulia Tymoshenko. (Nguồn: AFP/TTXVN)",
        "Cô giáo dùng dép đánh học sinh. Ảnh chụp màn hình",
    ] {
        assert!(has_photo_credit(line), "{line}");
    }
    for line in [
        "Biến đổi khí hậu ảnh hưởng lớn đến sản xuất nông nghiệp của tỉnh trong năm qua.",
        "Ảnh hưởng của bão số 3 khiến nhiều tuyến đường bị ngập.",
        "Hình ảnh người lớn, trẻ em mua bán súng và chơi nghịch trong sân làng rất phổ biến.",
        "Một số hình ảnh:",
        "Ảnh nền Thần tài đẹp mắt cho smartphone",
        "Ảnh chụp auto điều kiện đủ sáng.",
        "Ngoại hạng Anh: Thêm 2 kẻ rời cuộc đua",
        "Anh Tú",
        "Nguồn: Báo Nhân Dân",
        "Bài, ảnh: Thu Hà",
        "Ảnh: Minh Anh chụp lại toàn bộ cảnh tượng hôm đó khi đoàn xe đi qua cây cầu mới xây ở đầu làng.",
        "",
    ] {
        assert!(!has_photo_credit(line), "{line}");
    }
}
