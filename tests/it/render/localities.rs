//! The locality pane with communes: under their district before 2025, by their 2025 name
//! under the 2025 province after `p`.

use std::sync::Arc;

use nghiquyet::app::{App, Event};
use nghiquyet::gazetteer::Gazetteer;
use nghiquyet::preprocess::{build_document, corpus_from_documents};

use super::{THEME, find, press, render, row_text};

/// Two short hand-written articles: one about a commune (its district named in brackets),
/// one about a district of another province.
fn commune_app() -> App {
    let gaz = Gazetteer::embedded();
    let raw = [
        (
            "a",
            "Đại hội Đảng bộ xã Hoằng Quỳ nhiệm kỳ 2020 - 2025\n\n\
             Sáng 10/6, Đảng bộ xã Hoằng Quỳ (huyện Hoằng Hóa) tổ chức đại hội lần thứ XXV.\n\n\
             Nhiệm kỳ qua, xã Hoằng Quỳ đạt chuẩn nông thôn mới nâng cao.\n",
        ),
        (
            "b",
            "Huyện Vĩnh Linh học tập nghị quyết\n\n\
             Huyện Vĩnh Linh (Quảng Trị) tổ chức hội nghị học tập nghị quyết đại hội.\n",
        ),
    ];
    let docs = raw
        .iter()
        .map(|(id, text)| {
            build_document(id, id, text.as_bytes(), gaz)
                .unwrap()
                .document
        })
        .collect();
    let corpus = corpus_from_documents(docs, gaz);
    let mut a = App::new(Arc::new(corpus), "test", false);
    a.update(Event::Resize(100, 24));
    let corpus = Arc::clone(&a.corpus);
    a.localities.expand_all(&corpus);
    a
}

#[test]
fn a_commune_sits_under_its_district_in_the_locality_pane() {
    let a = commune_app();
    let t = render(&a, 100, 24, THEME);
    let buf = t.backend().inner.buffer();
    let (px, py) = find(buf, "Thanh Hóa").expect("the province");
    let (dx, dy) = find(buf, "Hoằng Hóa h.").expect("the district");
    let (cx, cy) = find(buf, "Hoằng Quỳ x.").expect("the commune");
    assert_eq!((dy, cy), (py + 1, py + 2), "{}", row_text(buf, cy));
    assert_eq!((dx, cx), (px + 2, px + 4), "{}", row_text(buf, cy));
    // The district heads its commune: the commune's article counts under it.
    let pane = |y| {
        row_text(buf, y)
            .split('│')
            .nth(1)
            .unwrap_or_default()
            .to_string()
    };
    assert!(pane(dy).trim_end().ends_with(" 1"), "{}", pane(dy));
    assert!(pane(cy).trim_end().ends_with(" 1"), "{}", pane(cy));
}

#[test]
fn since_2025_a_commune_goes_by_its_new_name() {
    let mut a = commune_app();
    press(&mut a, "1p");
    let t = render(&a, 100, 24, THEME);
    let buf = t.backend().inner.buffer();
    let (px, py) = find(buf, "Thanh Hóa").expect("the province");
    // Xã Hoằng Quỳ is part of Xã Hoằng Giang since 1 July 2025; no district row is left.
    let (cx, cy) = find(buf, "Hoằng Giang x.").expect("the 2025 commune");
    assert_eq!((cx, cy), (px + 2, py + 1), "{}", row_text(buf, cy));
    assert!(find(buf, "Hoằng Hóa").is_none());
}

/// Homonyms named with their province, the filter box on the pane's first row, and the
/// sort in its border, at 80×24 and 120×40.
#[test]
fn the_locality_pane_shows_homonyms_its_filter_and_its_sort() {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut a = App::new(Arc::new(nghiquyet::corpus::synth::places()), "test", false);
        a.update(Event::Resize(w, h));
        let corpus = Arc::clone(&a.corpus);
        a.localities.expand_all(&corpus);
        let t = render(&a, w, h, THEME);
        let buf = t.backend().inner.buffer();
        // (In a 26-column pane the parent may be cut: its first letters tell them apart.)
        assert!(find(buf, "Châu Thành (Tiề").is_some(), "{w}×{h}");
        assert!(find(buf, "Châu Thành (Trà").is_some(), "{w}×{h}");
        press(&mut a, "1fchau");
        let t = render(&a, w, h, THEME);
        let buf = t.backend().inner.buffer();
        let (fx, fy) = find(buf, "lọc › chau").expect("the filter box");
        let top = (0..h)
            .find(|&y| row_text(buf, y).starts_with('╭'))
            .expect("the pane's border");
        assert_eq!(fy, top + 1, "{w}×{h}: on the pane's first row");
        assert!(fx <= 2);
        let pane: Vec<String> = (2..h - 1)
            .map(|y| row_text(buf, y).chars().take(20).collect())
            .collect();
        assert!(
            pane.iter().all(|r| !r.contains("Hạ Long")),
            "{w}×{h}: {pane:?}"
        );
        assert!(find(buf, "Tiền Giang").is_some());
        // `s` (in the list, the box done): most articles first, said in the border.
        press(&mut a, "\ns");
        let t = render(&a, w, h, THEME);
        let buf = t.backend().inner.buffer();
        assert!(find(buf, "╰nhiều bài").is_some(), "{w}×{h}: the sort shown");
    }
}
