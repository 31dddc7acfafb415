//! Issue 13: dates as dd/mm/yyyy with the outlet (reader, outline, finder, bookmarks), the
//! outline's order and date span, and the export dialog of a filtered bookmarks pane.

use super::{THEME, app, find, press, render, row_text, serve_search, with_bookmarks};

/// The screen as text, for a failure message.
fn screen(buf: &ratatui::buffer::Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row_text(buf, y))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_reader_and_outline_show_dates_as_dd_mm_yyyy_at_80x24_and_120x40() {
    for (w, h, span) in [
        (80, 24, "5 bài · 2020 – 2023"),
        (120, 40, "5 bài · 06/06/2020 – 26/04/2023"),
    ] {
        let mut a = app(w, h);
        // Seed 004 is last: Báo Quảng Trị, 2020-07-02T14:28:39.
        press(&mut a, "2G\n");
        let t = render(&a, w, h, THEME);
        let buf = t.backend().inner.buffer();
        let all = screen(buf);
        assert!(
            find(buf, "Báo Quảng Trị · 02/07/2020 14:28").is_some(),
            "{w}x{h}\n{all}"
        );
        assert!(!all.contains("2020-07-02"), "{w}x{h}\n{all}");
        assert!(find(buf, "thứ tự kho · s").is_some(), "{w}x{h}\n{all}");
        assert!(find(buf, span).is_some(), "{w}x{h}\n{all}");
        // `s` in the outline: newest first, said in its border; 004 stays selected.
        press(&mut a, "2s");
        let t = render(&a, w, h, THEME);
        let buf = t.backend().inner.buffer();
        assert!(
            find(buf, "mới nhất · s").is_some(),
            "{w}x{h}\n{}",
            screen(buf)
        );
        assert_eq!(a.reader.doc, Some(4));
    }
}

#[test]
fn the_finder_breadcrumb_carries_outlet_and_date() {
    let mut a = app(120, 40);
    let fx = press(&mut a, "/dong ha");
    serve_search(&mut a, fx);
    let t = render(&a, 120, 40, THEME);
    let buf = t.backend().inner.buffer();
    assert!(
        find(buf, "Báo Quảng Trị · 02/07/2020 14:28").is_some(),
        "{}",
        screen(buf)
    );
}

#[test]
fn the_bookmarks_pane_shows_the_day_and_the_export_dialog_what_it_exports() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        with_bookmarks(&mut a);
        press(&mut a, "'");
        let t = render(&a, w, h, THEME);
        let buf = t.backend().inner.buffer();
        let all = screen(buf);
        // Rows: the article's day (seed 000: 06/06/2020); the detail of the selected
        // (seed 004): outlet, date and time.
        assert!(all.contains("· 06/06/2020"), "{w}x{h}\n{all}");
        assert!(
            find(buf, "Báo Quảng Trị · 02/07/2020 14:28").is_some(),
            "{w}x{h}\n{all}"
        );
        assert!(find(buf, "đánh dấu 22/11/2026").is_some(), "{w}x{h}\n{all}");
        // Filter to one, then E: the dialog says it exports 1 of 3, `a` for all.
        press(&mut a, "/cai-cach\nE");
        let t = render(&a, w, h, THEME);
        let buf = t.backend().inner.buffer();
        assert!(
            find(buf, "1/3 đánh dấu (đang lọc) · a: tất cả").is_some(),
            "{w}x{h}\n{}",
            screen(buf)
        );
        press(&mut a, "a");
        let t = render(&a, w, h, THEME);
        let buf = t.backend().inner.buffer();
        assert!(
            find(buf, "tất cả 3 đánh dấu · a: chỉ 1 đang hiện").is_some(),
            "{w}x{h}\n{}",
            screen(buf)
        );
    }
}

#[test]
fn the_order_never_covers_the_outline_name() {
    for (w, hint) in [
        (16u16, None),
        (24, Some(" thứ tự kho ╮")),
        (30, Some(" thứ tự kho · s ╮")),
    ] {
        let mut a = app(w, 10);
        press(&mut a, "2");
        let t = render(&a, w, 10, THEME);
        let buf = t.backend().inner.buffer();
        assert!(find(buf, "╭2 Mục lục─").is_some(), "{w}\n{}", screen(buf));
        assert_eq!(
            hint.is_some(),
            find(buf, "thứ tự kho").is_some(),
            "{w}\n{}",
            screen(buf)
        );
        if let Some(h) = hint {
            assert!(find(buf, h).is_some(), "{w}\n{}", screen(buf));
        }
    }
}
