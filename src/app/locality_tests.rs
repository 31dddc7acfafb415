//! The locality list's filter (`f`), sort (`s`) and homonyms.

use crossterm::event::{KeyCode, KeyModifiers};

use super::localities::LocalityRow;
use super::tests::{app, app_on, key, press};
use super::*;

fn names(a: &App) -> Vec<String> {
    a.localities
        .rows
        .iter()
        .map(|r| match r {
            LocalityRow::All { .. } => "*".to_string(),
            LocalityRow::Province { name, .. } => format!("[{name}]"),
            LocalityRow::Locality { name, parent, .. } => match parent {
                Some(p) => format!("{name} ({p})"),
                None => name.clone(),
            },
        })
        .collect()
}

#[test]
fn typing_a_filter_narrows_the_list_and_the_outline_follows() {
    let mut a = app(120, 40);
    press(&mut a, "1f");
    assert_eq!(a.key_scope(), Scope::LocalityFilter);
    press(&mut a, "ha long");
    assert_eq!(names(&a), ["*", "[Quảng Ninh]", "Hạ Long"]);
    assert_eq!(a.localities.selected_name(), "Hạ Long");
    // The outline shows Hạ Long's article.
    let docs: Vec<&str> = a
        .outline
        .rows
        .iter()
        .map(|n| a.corpus.documents[n.doc()].id.as_str())
        .collect();
    assert!(
        !docs.is_empty() && docs.iter().all(|d| d.starts_with("003")),
        "{docs:?}"
    );
    // Enter keeps the filter and gives the keys back to the list; Esc in the box clears.
    press(&mut a, "\n");
    assert_eq!(a.key_scope(), Scope::Localities);
    assert_eq!(names(&a).len(), 3);
    press(&mut a, "f");
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert!(names(&a).len() > 3);
    assert_eq!(
        a.localities.selected_name(),
        "Hạ Long",
        "the place stays selected"
    );
}

#[test]
fn a_filter_takes_initials_and_a_province_brings_its_places() {
    let mut a = app(120, 40);
    press(&mut a, "1fHL");
    assert_eq!(names(&a), ["*", "[Quảng Ninh]", "Hạ Long"]);
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut a, "fquang ninh");
    assert_eq!(names(&a), ["*", "[Quảng Ninh]", "Hạ Long"]);
    // Hạ Long, picked by the filter before, is still listed: it stays selected.
    assert_eq!(a.localities.selected_name(), "Hạ Long");
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut a, "fzzz");
    assert_eq!(names(&a), ["*"]);
}

#[test]
fn s_sorts_by_number_of_articles_and_back() {
    let mut a = app(120, 40);
    let by_name = names(&a);
    press(&mut a, "1s");
    assert!(a.localities.by_count);
    let counts: Vec<usize> = a
        .localities
        .rows
        .iter()
        .filter_map(|r| match r {
            LocalityRow::Province { documents, .. } => Some(*documents),
            _ => None,
        })
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert_ne!(
        names(&a),
        by_name,
        "the embedded corpus has provinces of 1 and 2 articles"
    );
    press(&mut a, "s");
    assert_eq!(names(&a), by_name);
}

#[test]
fn homonyms_show_their_province() {
    let mut a = app_on(crate::corpus::synth::places(), 120, 40);
    let corpus = std::sync::Arc::clone(&a.corpus);
    a.localities.expand_all(&corpus);
    let n = names(&a);
    assert!(n.contains(&"Châu Thành (Tiền Giang)".to_string()), "{n:?}");
    assert!(n.contains(&"Châu Thành (Trà Vinh)".to_string()), "{n:?}");
    assert!(
        n.contains(&"Hạ Long".to_string()),
        "a name of its own stays bare: {n:?}"
    );
}

#[test]
fn the_tree_starts_closed_and_opens_by_branch() {
    let mut a = app(120, 40);
    // A row per province, the ones holding places marked closed.
    let shown = names(&a);
    assert!(shown[1..].iter().all(|n| n.starts_with('[')), "{shown:?}");
    let qn = shown.iter().position(|n| n == "[Quảng Ninh]").unwrap();
    assert_eq!(a.localities.branches[qn], Some(false));
    // Space opens it: Hạ Long under it.
    press(&mut a, "1g");
    for _ in 0..qn {
        press(&mut a, "j");
    }
    press(&mut a, " ");
    assert_eq!(names(&a)[qn + 1], "Hạ Long");
    assert_eq!(a.localities.branches[qn], Some(true));
    // On Hạ Long, ← closes the branch it is in and selects the province.
    press(&mut a, "j");
    assert_eq!(a.localities.selected_name(), "Hạ Long");
    key(&mut a, KeyCode::Left, KeyModifiers::NONE);
    assert_eq!(a.localities.selected_name(), "Quảng Ninh");
    assert!(!names(&a).contains(&"Hạ Long".to_string()));
    // → opens it again.
    key(&mut a, KeyCode::Right, KeyModifiers::NONE);
    assert!(names(&a).contains(&"Hạ Long".to_string()));
}

#[test]
fn a_place_selected_from_elsewhere_opens_its_branch() {
    let mut a = app(120, 40);
    let id = a
        .corpus
        .localities
        .iter()
        .find(|l| l.name == "Hạ Long")
        .unwrap()
        .id
        .clone();
    assert!(!names(&a).contains(&"Hạ Long".to_string()));
    // As a restored position does: its branch opens.
    let corpus = std::sync::Arc::clone(&a.corpus);
    assert!(a.localities.select_key_in(&corpus, &id));
    assert_eq!(a.localities.selected_name(), "Hạ Long");
    assert!(names(&a).contains(&"[Quảng Ninh]".to_string()));
}
