//! Key sequences → actions → state.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::localities::LocalityRow;
use super::outline::Node;
use super::*;

fn app(w: u16, h: u16) -> App {
    let mut a = App::new(Arc::new(crate::embedded::corpus()), "embedded", false);
    a.resize(w, h);
    a
}

fn press(a: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            _ => KeyCode::Char(c),
        };
        a.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
}

fn key(a: &mut App, code: KeyCode, m: KeyModifiers) {
    a.handle_key(KeyEvent::new(code, m));
}

fn select_locality(a: &mut App, name: &str) {
    press(a, "1g");
    let i = a
        .localities
        .rows
        .iter()
        .position(|r| match r {
            LocalityRow::Locality { name: n, .. } | LocalityRow::Province { name: n, .. } => {
                n == name
            }
            LocalityRow::All { .. } => false,
        })
        .unwrap_or_else(|| panic!("no row {name}"));
    for _ in 0..i {
        press(a, "j");
    }
}

#[test]
fn starts_on_all_localities_with_every_article() {
    let a = app(120, 40);
    assert_eq!(a.focus, Pane::Localities);
    assert_eq!(a.localities.selected_name(), "Tất cả");
    assert_eq!(a.outline.rows.len(), 5);
    assert_eq!(
        a.reader.doc,
        Some(0),
        "the reader shows the first article at once"
    );
}

#[test]
fn selecting_a_locality_filters_and_enter_opens_its_section() {
    let mut a = app(120, 40);
    select_locality(&mut a, "Hạ Long");
    assert_eq!(a.outline.rows.len(), 1);
    let d = a.outline.rows[0].doc();
    assert!(a.corpus.documents[d].id.starts_with("003"));
    press(&mut a, "\n"); // to the outline
    assert_eq!(a.focus, Pane::Outline);
    press(&mut a, "\n"); // open the article
    assert_eq!(a.focus, Pane::Reader);
    // The reader is at the Hạ Long section.
    let top = a.reader.lines[a.reader.scroll].text.clone();
    assert!(top.contains("Hạ Long"), "{top}");
    let crumbs = a.breadcrumb();
    assert_eq!(crumbs[0], "Hạ Long");
}

#[test]
fn outline_and_reader_never_disagree() {
    let mut a = app(120, 40);
    press(&mut a, "2\n"); // open the first article in the reader
    assert_eq!(a.focus, Pane::Reader);
    for _ in 0..30 {
        press(&mut a, "j");
        let top = a.reader.top_node().unwrap();
        let sel = a.outline.selected_node().unwrap();
        // The outline shows the top node, or its nearest shown ancestor.
        assert_eq!(
            a.outline.position_of(top),
            Some(a.outline.selected),
            "{top:?} vs {sel:?}"
        );
    }
    // And the other way: moving in the outline scrolls the reader.
    press(&mut a, "2");
    for _ in 0..8 {
        press(&mut a, "j");
        let sel = a.outline.selected_node().unwrap();
        if let Node::Passage(..) = sel {
            assert_eq!(a.reader.top_node(), Some(sel));
        }
    }
}

#[test]
fn paging_keys_scroll_the_reader() {
    let mut a = app(100, 30);
    press(&mut a, "2\n");
    let h = usize::from(a.reader.height);
    key(&mut a, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(a.reader.scroll, h.min(a.reader.max_scroll()));
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(a.reader.scroll, (h - h / 2).min(a.reader.max_scroll()));
    press(&mut a, "G");
    assert_eq!(a.reader.scroll, a.reader.max_scroll());
    press(&mut a, "g");
    assert_eq!(a.reader.scroll, 0);
}

#[test]
fn focus_cycles_and_help_is_modal() {
    let mut a = app(120, 40);
    press(&mut a, "\t");
    assert_eq!(a.focus, Pane::Outline);
    key(&mut a, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(a.focus, Pane::Localities);
    press(&mut a, "3");
    assert_eq!(a.focus, Pane::Reader);
    press(&mut a, "?");
    assert!(a.help);
    press(&mut a, "j2"); // ignored while help is open
    assert_eq!(a.focus, Pane::Reader);
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert!(!a.help);
    press(&mut a, "q");
    assert!(a.quit);
}

#[test]
fn grouping_toggle_keeps_the_selection() {
    let mut a = app(120, 40);
    select_locality(&mut a, "Hậu Giang");
    press(&mut a, "p");
    assert!(a.localities.by_2025);
    assert_eq!(a.localities.selected_name(), "Hậu Giang");
    assert_eq!(a.outline.rows.len(), 1);
}

#[test]
fn resize_keeps_the_reading_position() {
    let mut a = app(120, 40);
    press(&mut a, "2jj\n"); // third article
    for _ in 0..25 {
        press(&mut a, "j");
    }
    let before = a.reader.top_node();
    for (w, h) in [(80, 24), (40, 12), (1, 1), (200, 60), (120, 40)] {
        a.resize(w, h);
    }
    assert_eq!(a.reader.top_node(), before);
}

#[test]
fn tiny_sizes_do_not_panic() {
    let mut a = app(1, 1);
    press(&mut a, "jjj\n\n\tGgjk?q");
    a.resize(0, 0);
    press(&mut a, "3jjj");
}
