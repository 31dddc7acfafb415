//! The finder's locality scope: what is said about the selected place, not every section
//! of an article that also names it.

use super::tests::{app_on, press, select_locality, serve_search};
use super::*;

/// The sections (document id, section) of the finder's hits, in rank order.
fn hit_sections(a: &App) -> Vec<(String, u32)> {
    let f = a.finder.as_ref().expect("the finder is open");
    f.hits
        .iter()
        .map(|h| {
            (
                a.corpus.documents[h.at.doc as usize].id.clone(),
                h.at.section,
            )
        })
        .collect()
}

#[test]
fn a_locality_scope_keeps_to_sections_about_the_place() {
    let mut a = app_on(crate::corpus::synth::places(), 120, 40);
    select_locality(&mut a, "Hạ Long");
    press(&mut a, "/du lich");
    serve_search(&mut a);
    let mut got = hit_sections(&a);
    got.sort();
    // The article about Hạ Long alone, whole; of the three-place article only its Hạ Long
    // section: not the introduction, not Thanh Hóa's (which says "du lịch" twice and would
    // rank first), not Quảng Ninh's.
    assert_eq!(
        got,
        [
            ("ba-noi".to_string(), 1),
            ("ha-long".to_string(), 0),
            ("ha-long".to_string(), 1)
        ]
    );
    // Tab to every article: the Thanh Hóa section is back.
    press(&mut a, "\t\t");
    serve_search(&mut a);
    assert!(hit_sections(&a).contains(&("ba-noi".to_string(), 2)));
}
