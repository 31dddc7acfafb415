//! After a jump (finder, bookmark, `n`/`N`, resume) the outline holds the article being
//! read and the breadcrumb names where it is, also when the locality filter hides it.

use super::outline::Node;
use super::tests::{app, press, select_locality};
use crate::corpus::PassageRef;

/// A passage of section `s` of document `d` of the embedded corpus.
fn passage(a: &super::App, d: usize, s: usize) -> PassageRef {
    assert!(!a.corpus.documents[d].sections[s].passages.is_empty());
    PassageRef::new(d, s, 0)
}

#[test]
fn a_jump_to_a_section_the_filter_hides_shows_it_and_offers_to_widen() {
    let mut a = app(120, 40);
    select_locality(&mut a, "Hạ Long");
    // Document 3 covers Việt Trì, Thanh Hóa and Hạ Long, a section each: its Thanh Hóa
    // section is hidden under Hạ Long.
    let at = passage(&a, 3, 1);
    assert_eq!(
        crate::bookmarks::locality_label(&a.corpus, at).as_deref(),
        Some("Thanh Hóa")
    );
    a.go_to_passage(at);
    assert_eq!(a.outline.selected_node(), Some(Node::Passage(at)));
    assert_eq!(a.reader.top_node(), Some(Node::Passage(at)));
    assert_eq!(a.breadcrumb()[0], "Thanh Hóa", "{:?}", a.breadcrumb());
    let notice = a.notice.clone().expect("a notice");
    assert!(
        notice.contains("Hạ Long") && notice.contains("w:"),
        "{notice}"
    );
    // The filter is kept until asked: `w` widens it and keeps the place.
    assert_eq!(a.localities.selected_name(), "Hạ Long");
    press(&mut a, "w");
    assert_eq!(a.localities.selected, 0);
    assert_eq!(a.outline.pinned, None);
    assert_eq!(a.outline.selected_node(), Some(Node::Passage(at)));
    assert_eq!(a.reader.top_node(), Some(Node::Passage(at)));
}

#[test]
fn an_article_outside_the_filter_is_pinned_first_until_the_filter_changes() {
    let mut a = app(120, 40);
    select_locality(&mut a, "Hạ Long");
    // Document 1 is about Hải Phòng only.
    let at = passage(&a, 1, 0);
    a.go_to_passage(at);
    assert_eq!(a.outline.rows[0], Node::Article(1));
    assert_eq!(a.outline.selected_node(), Some(Node::Passage(at)));
    assert_eq!(a.breadcrumb()[0], "Hải Phòng");
    // A jump inside the filter unpins it.
    let inside = passage(&a, 3, 2);
    a.go_to_passage(inside);
    assert_eq!(a.outline.pinned, None);
    assert!(!a.outline.rows.contains(&Node::Article(1)));
    assert_eq!(a.breadcrumb()[0], "Hạ Long");
    assert_eq!(a.outline.selected_node(), Some(Node::Passage(inside)));
}
