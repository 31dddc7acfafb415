//! `y` / `Y` in each pane → the text the effect carries; the sequence and its limits.

use base64::Engine as _;
use crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::app::tests::{app, key, press};

/// The texts the app asked to copy since the last check, in order.
fn copied(a: &mut App) -> Vec<String> {
    a.sent
        .drain(..)
        .filter_map(|e| match e {
            Effect::Copy(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn one_copy(a: &mut App) -> String {
    let mut all = copied(a);
    assert_eq!(all.len(), 1, "one copy asked for: {all:?}");
    all.remove(0)
}

#[test]
fn y_in_the_reader_copies_the_passage_at_the_top_with_its_citation() {
    let mut a = app(120, 40);
    press(&mut a, "3jjjj");
    let at = a.current_passage().expect("a passage in view");
    let p = at.get(&a.corpus).clone();
    let doc = a.corpus.documents[at.doc as usize].clone();
    copied(&mut a);
    press(&mut a, "y");
    let text = one_copy(&mut a);
    assert!(text.starts_with(p.text.trim_end()), "{text}");
    let citation = text.lines().last().unwrap();
    assert!(citation.starts_with("— "), "{citation}");
    assert!(citation.contains(&doc.title), "{citation}");
    assert!(citation.contains(&p.id), "{citation}");
    if let Some(d) = &doc.date {
        assert!(citation.contains(&display_date(d)), "{citation}");
    }
    let notice = a.notice.clone().unwrap();
    assert!(notice.contains("đã chép đoạn kèm trích dẫn"), "{notice}");

    // Y: the citation alone.
    press(&mut a, "Y");
    let only = one_copy(&mut a);
    assert_eq!(only, citation);
    assert!(a.notice.as_deref().unwrap().contains("đã chép trích dẫn"));
}

#[test]
fn y_in_the_outline_copies_its_selected_passage() {
    let mut a = app(120, 40);
    press(&mut a, "2");
    // Down the outline until a passage is selected.
    for _ in 0..40 {
        if let Some(super::super::outline::Node::Passage(_)) = a.outline.selected_node() {
            break;
        }
        press(&mut a, "lj");
    }
    let at = a.current_passage().expect("a passage selected");
    copied(&mut a);
    press(&mut a, "y");
    let text = one_copy(&mut a);
    assert!(text.contains(&at.get(&a.corpus).id));
}

#[test]
fn ctrl_y_in_the_finder_copies_the_selected_result_and_y_types() {
    let mut a = app(120, 40);
    press(&mut a, "/y");
    assert_eq!(
        a.finder.as_ref().unwrap().input.text(),
        "y",
        "y types in the box"
    );
    let at = crate::bookmarks::doc_refs(&a.corpus, 1)[1];
    a.finder.as_mut().unwrap().hits = vec![crate::search::Hit {
        at,
        score: 1,
        ranges: vec![],
        slot: 0,
        exact: true,
    }];
    copied(&mut a);
    key(&mut a, KeyCode::Char('y'), KeyModifiers::CONTROL);
    let text = one_copy(&mut a);
    let p = at.get(&a.corpus).clone();
    assert!(text.starts_with(p.text.trim_end()));
    assert!(text.contains(&p.id));
    assert!(a.finder.is_some(), "the finder stays open");
    key(&mut a, KeyCode::Char('Y'), KeyModifiers::ALT);
    let only = one_copy(&mut a);
    assert!(only.starts_with("— ") && !only.contains(&p.text));
}

#[test]
fn y_in_the_bookmarks_pane_copies_the_selected_bookmark() {
    let mut a = app(120, 40);
    a.bookmarks.loaded = true;
    press(&mut a, "3jjjj");
    let at = a.current_passage().unwrap();
    press(&mut a, "b'");
    assert!(a.bookmarks.pane.is_some());
    let b = a.bookmarks.list[0].clone();
    copied(&mut a);
    press(&mut a, "y");
    let text = one_copy(&mut a);
    assert!(text.starts_with(b.quote.text.trim_end()));
    assert!(text.contains(&at.get(&a.corpus).id));
    assert!(text.contains(&b.title));
    assert!(a.bookmarks.pane.is_some(), "the pane stays open");
    press(&mut a, "Y");
    assert!(one_copy(&mut a).starts_with("— "));
}

#[test]
fn when_off_y_copies_nothing_and_says_why() {
    let mut a = app(120, 40);
    a.osc52 = detect(Osc52Setting::Auto, Some("linux"));
    press(&mut a, "3jjy");
    assert!(copied(&mut a).is_empty());
    let notice = a.notice.clone().unwrap();
    assert!(
        notice.contains("chép tắt") && notice.contains("TERM=linux"),
        "{notice}"
    );
}

#[test]
fn nothing_to_copy_before_a_passage_is_open() {
    let mut a = App::new(
        std::sync::Arc::new(crate::corpus::Corpus::default()),
        "empty",
        false,
    );
    a.resize(80, 24);
    press(&mut a, "y");
    assert!(copied(&mut a).is_empty());
    assert_eq!(a.notice.as_deref(), Some(strings::NOTHING_TO_COPY));
}

#[test]
fn off_only_where_known_not_to_work_and_the_flag_wins() {
    for term in [
        None,
        Some("xterm-256color"),
        Some("tmux-256color"),
        Some("screen"),
    ] {
        assert_eq!(detect(Osc52Setting::Auto, term), Osc52::On, "{term:?}");
    }
    for term in ["linux", "dumb"] {
        assert!(matches!(
            detect(Osc52Setting::Auto, Some(term)),
            Osc52::Off(_)
        ));
        assert_eq!(detect(Osc52Setting::On, Some(term)), Osc52::On);
    }
    assert!(matches!(
        detect(Osc52Setting::Off, Some("xterm")),
        Osc52::Off(w) if w.contains("--osc52 off")
    ));
}

#[test]
fn the_sequence_is_osc_52_with_base64_ended_by_bel() {
    let text = "Nghị quyết Đại hội\n— Báo, 06/06/2020";
    let seq = sequence(text);
    assert!(seq.starts_with(b"\x1b]52;c;") && seq.ends_with(b"\x07"));
    let b64 = &seq[7..seq.len() - 1];
    // Nothing but base64 between the two ends: no control byte reaches the terminal.
    assert!(
        b64.iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
    );
    let back = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    assert_eq!(String::from_utf8(back).unwrap(), text);
}

#[test]
fn long_text_is_capped_at_a_char_boundary() {
    let long = "đ".repeat(MAX_BYTES); // two bytes each
    let (cut, was_cut) = cap(&long);
    assert!(was_cut);
    assert!(cut.len() <= MAX_BYTES && cut.len() >= MAX_BYTES - 1);
    assert!(cut.chars().all(|c| c == 'đ'));
    assert_eq!(cap("ngắn"), ("ngắn", false));
}

#[test]
fn the_citation_names_title_outlet_day_first_date_place_and_id() {
    let s = Source {
        text: "Đoạn văn.\n".into(),
        title: "Hạ Long học nghị quyết".into(),
        outlet: Some("Báo Quảng Ninh".into()),
        date: Some("2020-06-06T14:00".into()),
        locality: Some("Hạ Long".into()),
        section: Some("Tại TP Hạ Long".into()),
        passage_id: "p-abc".into(),
    };
    assert_eq!(
        s.citation(),
        "— Hạ Long học nghị quyết, Báo Quảng Ninh, 06/06/2020 14:00 · Hạ Long, mục “Tại TP Hạ Long” · đoạn p-abc"
    );
    assert_eq!(s.with_citation(), format!("Đoạn văn.\n\n{}", s.citation()));
    // A section named after its locality is not said twice; unknown parts are left out.
    let bare = Source {
        section: Some("Hạ Long".into()),
        outlet: None,
        date: None,
        ..s
    };
    assert_eq!(
        bare.citation(),
        "— Hạ Long học nghị quyết · Hạ Long · đoạn p-abc"
    );
}
