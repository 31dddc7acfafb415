//! Issue 13: the outline's order of articles (`s`) and the span of their dates.

use super::outline::{Node, Order};
use super::tests::{app, press};
use super::*;

/// The articles of the outline, by document id prefix (`000`…), top to bottom.
fn articles(a: &App) -> Vec<String> {
    a.outline
        .rows
        .iter()
        .filter_map(|n| match n {
            Node::Article(d) => Some(a.corpus.documents[*d].id[..3].to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn s_cycles_the_order_and_keeps_the_selected_article() {
    let mut a = app(120, 40);
    press(&mut a, "2");
    assert_eq!(a.outline.order, Order::Corpus);
    assert_eq!(articles(&a), ["000", "001", "002", "003", "004"]);
    // Select 004 (dated 02/07/2020) and open it: its sections are rows too.
    press(&mut a, "Gl");
    let selected = a.outline.selected_node();
    assert_eq!(selected, Some(Node::Article(4)));
    press(&mut a, "s");
    assert_eq!(a.outline.order, Order::Date);
    // Newest first, the undated last in corpus order.
    assert_eq!(articles(&a), ["002", "004", "000", "001", "003"]);
    assert_eq!(a.outline.selected_node(), selected, "still on 004");
    assert_eq!(a.reader.doc, Some(4), "the reader stays on it");
    // Its open branch moved with it.
    let row = a.outline.selected;
    assert!(matches!(a.outline.rows[row + 1], Node::Passage(at) if at.doc_index() == 4));
    press(&mut a, "s");
    assert_eq!(a.outline.order, Order::Title);
    let titles: Vec<String> = a
        .outline
        .rows
        .iter()
        .filter_map(|n| match n {
            Node::Article(d) => Some(crate::text::fold_str(&a.corpus.documents[*d].title)),
            _ => None,
        })
        .collect();
    assert!(titles.is_sorted(), "{titles:?}");
    assert_eq!(a.outline.selected_node(), selected);
    press(&mut a, "s");
    assert_eq!(a.outline.order, Order::Corpus);
    assert_eq!(articles(&a), ["000", "001", "002", "003", "004"]);
    assert_eq!(a.outline.selected_node(), selected);
}

#[test]
fn s_only_sorts_in_the_outline() {
    let mut a = app(120, 40);
    press(&mut a, "3s1s");
    assert_eq!(a.outline.order, Order::Corpus);
}

#[test]
fn the_outline_spans_the_dates_of_the_locality_shown() {
    let mut a = app(120, 40);
    let s = &a.outline.summary;
    assert_eq!((s.articles, s.undated), (5, 2));
    assert_eq!(s.first.as_deref(), Some("2020-06-06T14:00"));
    assert_eq!(s.last.as_deref(), Some("2023-04-26T08:01"));
    super::tests::select_locality(&mut a, "Thanh Hóa");
    let s = &a.outline.summary;
    assert_eq!(s.articles, 2);
    assert_eq!(s.label(80), "2 bài · 06/06/2020 · 1 không rõ ngày");
}

#[test]
fn the_order_outlives_a_new_corpus() {
    let mut a = app(120, 40);
    press(&mut a, "2s");
    send_loaded(&mut a);
    assert_eq!(a.outline.order, Order::Date);
    assert_eq!(articles(&a), ["002", "004", "000", "001", "003"]);
}

fn send_loaded(a: &mut App) {
    let corpus = std::sync::Arc::new(crate::embedded::corpus());
    super::tests::send(a, Event::Loaded(corpus));
}
