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
    let a = app_on(crate::corpus::synth::places(), 120, 40);
    let n = names(&a);
    assert!(n.contains(&"Châu Thành (Tiền Giang)".to_string()), "{n:?}");
    assert!(n.contains(&"Châu Thành (Trà Vinh)".to_string()), "{n:?}");
    assert!(
        n.contains(&"Hạ Long".to_string()),
        "a name of its own stays bare: {n:?}"
    );
}
