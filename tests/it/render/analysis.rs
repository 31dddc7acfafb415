//! Issue 14: the analysis view at 80×24 and 120×40, each of its views as a snapshot, and
//! cells checked for what a snapshot does not show (the match and selection styles, the
//! columns kept at 80×24, ASCII mode).

use std::sync::{Arc, mpsc};
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nghiquyet::analysis::worker::{AnalysisWorker, Request, Results};
use nghiquyet::app::{App, Effect, Event};
use nghiquyet::ui::Theme;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use super::{THEME, app, find, press, render, row_text};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The screen as text, for a failure message.
pub(super) fn screen(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row_text(buf, y))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The newest analysis request among `effects`, run by an analysis worker as the event
/// loop would, its complete results sent back.
pub(super) fn serve(a: &mut App, effects: Vec<Effect>) {
    let req: Request = effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Analyze(r) => Some(r),
            _ => None,
        })
        .next_back()
        .expect("an analysis was asked for");
    let (tx, rx) = mpsc::channel::<Results>();
    let index = Arc::clone(a.index.as_ref().expect("the index is built"));
    let worker = AnalysisWorker::spawn(index, Arc::clone(&a.corpus), move |r| {
        let _ = tx.send(r);
    });
    worker.submit(req);
    let mut r = loop {
        let r = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the worker answers");
        if r.done {
            break r;
        }
    };
    // The time taken shows in the title: the same in every snapshot.
    r.elapsed = Duration::ZERO;
    a.update(Event::AnalysisResults(Box::new(r)));
}

/// Type `keys` (`\n` Enter, `\t` Tab) and serve the analysis they ask for.
pub(super) fn press_served(a: &mut App, keys: &str) {
    let fx = press(a, keys);
    serve(a, fx);
}

fn key(a: &mut App, code: KeyCode) -> Vec<Effect> {
    a.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// The analysis view of "nghi quyet" on the seed corpus, its table served.
pub(super) fn analysis(w: u16, h: u16) -> App {
    let mut a = app(w, h);
    press(&mut a, "a");
    press_served(&mut a, "nghi quyet\n");
    a
}

#[test]
fn places_at_80x24_and_120x40() {
    for (w, h) in SIZES {
        let a = analysis(w, h);
        let t = render(&a, w, h, THEME);
        let buf = t.backend().inner.buffer();
        insta::assert_snapshot!(format!("places_{w}x{h}"), t.backend().inner);
        let all = screen(buf);
        assert!(
            row_text(buf, 0).contains("Phân tích Tất cả · 37 đoạn · 6 tỉnh · 5 bài"),
            "{all}"
        );
        // The heading: name, rate and matching articles at both sizes; the dates at
        // 120 columns only, both or none.
        let head = row_text(buf, 4);
        for col in ["tỉnh", "/100 bài", "bài khớp", "đoạn"] {
            assert!(head.contains(col), "{w}x{h}: {head}");
        }
        let dates = [" từ ", " đến "].map(|d| head.contains(d));
        assert_eq!(dates, [w >= 120; 2], "{w}x{h}: {head}");
        assert_eq!(find(buf, "06/06/2020").is_some(), w >= 120, "{all}");
        // Every place row has its name and its rate.
        assert!(find(buf, "  Thanh Hóa").is_some(), "{all}");
        assert!(find(buf, "100,0").is_some(), "{all}");
        // The selected (first) row is in the selection style, across the screen; the
        // next one is not.
        for x in [2, w / 2, w - 1] {
            let m = buf[(x, 5)].modifier;
            assert!(
                m.contains(Modifier::REVERSED | Modifier::BOLD),
                "{x}: {m:?}"
            );
            assert!(!buf[(x, 6)].modifier.contains(Modifier::REVERSED));
        }
        // The key hints name the view's keys, not just Enter's.
        let hints = row_text(buf, h - 1);
        for k in ["? trợ giúp", "Enter mở", "Tab bảng sau", "f lọc"] {
            assert!(hints.contains(k), "{w}x{h}: {hints}");
        }
    }
}

#[test]
fn places_narrowed_to_a_province_say_so_in_the_title() {
    let mut a = analysis(80, 24);
    // Thanh Hóa is the first row (two matching articles).
    press_served(&mut a, "\n");
    let t = render(&a, 80, 24, THEME);
    let buf = t.backend().inner.buffer();
    let title = row_text(buf, 0);
    assert!(
        title.contains("Tất cả › Thanh Hóa · 6 đoạn · 1 địa phương"),
        "{title}"
    );
    assert!(row_text(buf, 4).starts_with("địa phương"));
}

#[test]
fn time_at_80x24_and_120x40() {
    for (w, h) in SIZES {
        let mut a = analysis(w, h);
        press(&mut a, "\t");
        let t = render(&a, w, h, THEME);
        insta::assert_snapshot!(format!("time_{w}x{h}"), t.backend().inner);
        let buf = t.backend().inner.buffer();
        let all = screen(buf);
        for (y, period) in [(5, "2020 █"), (6, "2021 "), (7, "2022 "), (8, "2023 █")] {
            assert!(row_text(buf, y).starts_with(period), "{all}");
        }
        assert!(
            row_text(buf, 5).trim_end().ends_with("2 bài · 9 đoạn"),
            "{all}"
        );
        assert!(buf[(0, 5)].modifier.contains(Modifier::REVERSED));
        assert!(!buf[(0, 6)].modifier.contains(Modifier::REVERSED));
    }
}

#[test]
fn concordance_at_80x24_and_120x40() {
    for (w, h) in SIZES {
        let mut a = analysis(w, h);
        // The concordance asks for every line.
        press_served(&mut a, "\t\t");
        let t = render(&a, w, h, THEME);
        insta::assert_snapshot!(format!("concordance_{w}x{h}"), t.backend().inner);
        let buf = t.backend().inner.buffer();
        let all = screen(buf);
        assert!(row_text(buf, 4).contains("ngữ cảnh · 36 dòng"), "{all}");
        // Every line has its match, in the match style (yellow), its context not; the
        // matches line up in one column.
        let mut at = None;
        for y in 5..h - 1 {
            let row = row_text(buf, y).to_lowercase();
            let byte = row
                .find("nghị quyết")
                .unwrap_or_else(|| panic!("{w}x{h} row {y}: {all}"));
            let x = u16::try_from(row[..byte].chars().count()).unwrap();
            assert_eq!(*at.get_or_insert(x), x, "{w}x{h} row {y}: {all}");
            for dx in 0..10 {
                let c = &buf[(x + dx, y)];
                assert_eq!(c.fg, Color::Yellow, "{w}x{h} ({}, {y}): {c:?}", x + dx);
            }
            assert_ne!(buf[(x - 1, y)].fg, Color::Yellow);
            assert_ne!(buf[(x + 10, y)].fg, Color::Yellow);
            // The selected line (the first) in the selection style, the others not.
            let left = buf[(x - 1, y)].modifier.contains(Modifier::REVERSED);
            assert_eq!(left, y == 5, "{w}x{h} row {y}");
        }
        // The place column.
        assert!(find(buf, "Hậu Giang").is_some(), "{all}");
        // The date column at 120 only.
        let head = row_text(buf, 4);
        assert_eq!(head.trim_end().ends_with(" ngày"), w >= 120, "{head}");
    }
}

#[test]
fn side_by_side_at_80x24_and_120x40() {
    for (w, h) in SIZES {
        let mut a = analysis(w, h);
        // Hải Phòng and Hậu Giang, marked in the table.
        press(&mut a, "j  ");
        press_served(&mut a, "v");
        let t = render(&a, w, h, THEME);
        insta::assert_snapshot!(format!("side_by_side_{w}x{h}"), t.backend().inner);
        let buf = t.backend().inner.buffer();
        let all = screen(buf);
        assert!(find(buf, "╭ Hải Phòng · 1/7").is_some(), "{all}");
        assert!(find(buf, "╭ Hậu Giang · 1/11").is_some(), "{all}");
        // The focused column's selected passage is in the selection style, its match
        // highlighted; the other column's first passage is not selected.
        let (x, y) = find(buf, "Hải Phòng thực hiện").expect("the first passage");
        assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED), "{all}");
        let (x, y) = find(buf, "Nghị").expect("a match");
        assert_eq!(buf[(x, y)].fg, Color::Yellow, "{all}");
        let (hx, _) = find(buf, "╭ Hậu Giang").unwrap();
        let other = (hx + 1..w - 1).find(|&x| !buf[(x, 6)].symbol().trim().is_empty());
        assert!(
            !buf[(other.unwrap(), 6)]
                .modifier
                .contains(Modifier::REVERSED),
            "{all}"
        );
        // An undated article's title starts at the border, no stray space.
        assert!(
            row_text(buf, 5).starts_with("│Không ngừng đổi mới"),
            "{all}"
        );
    }
}

#[test]
fn filter_bar_focused_at_80x24_and_120x40() {
    for (w, h) in SIZES {
        let mut a = analysis(w, h);
        press(&mut a, "f");
        // A term (2020–2025) and an outlet set, then the last facet focused.
        key(&mut a, KeyCode::Right);
        key(&mut a, KeyCode::Right);
        for _ in 0..3 {
            key(&mut a, KeyCode::Down);
        }
        key(&mut a, KeyCode::Right);
        key(&mut a, KeyCode::Down);
        key(&mut a, KeyCode::Right);
        let fx = key(&mut a, KeyCode::Down);
        serve(&mut a, fx);
        let t = render(&a, w, h, THEME);
        insta::assert_snapshot!(format!("filter_bar_{w}x{h}"), t.backend().inner);
        let buf = t.backend().inner.buffer();
        let all = screen(buf);
        let bar = row_text(buf, 3);
        assert!(bar.contains("nhiệm kỳ 2020–2025"), "{bar}");
        // The focused facet is on screen, in the selection style, whatever the width.
        let (x, y) = find(buf, "địa phương nói về").unwrap_or_else(|| panic!("{all}"));
        assert_eq!(y, 3);
        assert!(x + 17 <= w, "{bar}");
        assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
        // The key hints are the bar's.
        assert!(row_text(buf, h - 1).contains("Enter xong"), "{all}");
        // Set facets are in the bookmark style (yellow), unset ones dim.
        let (x, _) = find(buf, "nhiệm kỳ").unwrap();
        assert_eq!(buf[(x, 3)].fg, Color::Yellow);
        let (x, _) = find(buf, "đến —").unwrap();
        assert!(buf[(x, 3)].modifier.contains(Modifier::DIM));
        // At 120 columns the whole bar shows, with the articles of each value; at 80 the
        // counts go, then the facets before the focused one.
        if w >= 120 {
            assert!(
                bar.starts_with("Lọc (f) từ — · đến — · nhiệm kỳ 2020–2025 ("),
                "{bar}"
            );
        } else {
            assert!(
                bar.starts_with("Lọc (f) … đến — · nhiệm kỳ 2020–2025 · báo "),
                "{bar}"
            );
        }
    }
}

#[test]
fn ascii_mode_draws_bars_and_sparklines_in_ascii() {
    let ascii = Theme {
        color: true,
        ascii: true,
    };
    for (w, h) in SIZES {
        let mut a = analysis(w, h);
        for keys in ["", "\t", "\t", "\t\t"] {
            press(&mut a, keys);
            let t = render(&a, w, h, ascii);
            let buf = t.backend().inner.buffer();
            let all = screen(buf);
            assert!(
                buf.content().iter().all(|c| c.symbol().is_ascii()),
                "{w}x{h}\n{all}"
            );
            assert!(all.contains("Phan tich"), "{all}");
        }
        // The bars are there, as ASCII.
        press(&mut a, "\t");
        let t = render(&a, w, h, ascii);
        let buf = t.backend().inner.buffer();
        let row = row_text(buf, 5);
        assert!(row.starts_with("2020 ##"), "{}", screen(buf));
    }
}
