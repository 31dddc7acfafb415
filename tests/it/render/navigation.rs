//! After a jump outside the locality filter: the outline holds the article being read,
//! marked, and the status bar names its own place, at 80×24 and 120×40.

use nghiquyet::app::outline::Node;
use nghiquyet::corpus::PassageRef;

use super::{THEME, app, find, press, render, row_text};

#[test]
fn a_jump_outside_the_filter_is_shown_and_named_at_both_sizes() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = app(w, h);
        let corpus = std::sync::Arc::clone(&a.corpus);
        a.localities.expand_all(&corpus);
        // Hạ Long in the locality list (as a reader picks it), then a jump to the Thanh
        // Hóa section of the three-place article.
        let row = a
            .localities
            .rows
            .iter()
            .position(|r| format!("{r:?}").contains("\"Hạ Long\""))
            .expect("a Hạ Long row");
        press(&mut a, "1g");
        for _ in 0..row {
            press(&mut a, "j");
        }
        assert_eq!(a.localities.selected_name(), "Hạ Long");
        let at = PassageRef::new(3, 1, 0);
        a.go_to_passage(at);
        let t = render(&a, w, h, THEME);
        let buf = t.backend().inner.buffer();
        let status = row_text(buf, h - 1);
        // (At 80 columns the notice leaves the breadcrumb its first word or so.)
        assert!(
            status.trim_start().starts_with("Thanh Hó"),
            "{w}×{h}: {status}"
        );
        assert!(!status.contains("Hạ Long ›"), "{w}×{h}: {status}");
        // The notice says it and offers `w`, on screen.
        let screen: String = (0..h)
            .map(|y| row_text(buf, y))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(screen.contains("w: xem mọi"), "{w}×{h}:\n{screen}");
        // The outline (shown beside the reader at 120 columns) marks the article.
        if w >= 120 {
            assert!(find(buf, "[ngoài bộ lọc]").is_some(), "{screen}");
        }
        assert_eq!(a.outline.selected_node(), Some(Node::Passage(at)));
    }
}
