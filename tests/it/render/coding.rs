//! Issue 15: coding in the browser at 80×24 and 120×40 — the concordance with lines marked
//! for tagging, the tag prompt, and the tags pane (the codebook).

use nghiquyet::app::App;
use nghiquyet::bookmarks::codebook::Code;

use super::analysis::{analysis, press_served, screen};
use super::{THEME, find, press, render, row_text};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The concordance of "nghi quyet" with its first two lines marked.
fn marked(w: u16, h: u16) -> App {
    let mut a = analysis(w, h);
    // As if the bookmark thread had read the (empty) file.
    a.bookmarks.loaded = true;
    press_served(&mut a, "\t\t");
    press(&mut a, "  ");
    a
}

#[test]
fn concordance_with_marked_lines_at_80x24_and_120x40() {
    for (w, h) in SIZES {
        let a = marked(w, h);
        let t = render(&a, w, h, THEME);
        insta::assert_snapshot!(format!("coding_marked_{w}x{h}"), t.backend().inner);
        let buf = t.backend().inner.buffer();
        let all = screen(buf);
        assert!(row_text(buf, 4).contains("2 đã chọn"), "{all}");
        // The first two lines carry the mark, the third (selected now) not.
        assert!(row_text(buf, 5).starts_with('●'), "{all}");
        assert!(row_text(buf, 6).starts_with('●'), "{all}");
        assert!(row_text(buf, 7).starts_with("  "), "{all}");
    }
}

#[test]
fn tag_prompt_and_its_notice_at_80x24_and_120x40() {
    for (w, h) in SIZES {
        let mut a = marked(w, h);
        press(&mut a, "tnhà-ở");
        let t = render(&a, w, h, THEME);
        insta::assert_snapshot!(format!("coding_prompt_{w}x{h}"), t.backend().inner);
        let buf = t.backend().inner.buffer();
        assert!(find(buf, "Gắn thẻ cho 2 đoạn").is_some(), "{}", screen(buf));
        press(&mut a, "\n");
        let t = render(&a, w, h, THEME);
        let buf = t.backend().inner.buffer();
        let last = row_text(buf, h - 1);
        assert!(
            last.starts_with("thẻ \"nhà-ở\": 2 đánh dấu mới · 0 gắn thêm · 0 đã có"),
            "{last}"
        );
    }
}

/// Bookmarks tagged from the concordance: nested tags, one described; the tags pane open.
fn tags_pane(w: u16, h: u16) -> App {
    let mut a = analysis(w, h);
    press_served(&mut a, "\t\t");
    let at = a.analysis.as_ref().unwrap().concordance_passages();
    a.tag_passages(&at[..3], "kinh-tế/nhà-ở");
    a.tag_passages(&at[2..6], "kinh-tế");
    a.tag_passages(&at[5..7], "xã-hội");
    a.bookmarks.codebook.tags.insert(
        "kinh-tế".into(),
        Code {
            description: "chi ngân sách, đầu tư, giá cả".into(),
            updated: None,
        },
    );
    a.notice = None;
    press(&mut a, "qT");
    a
}

#[test]
fn tags_pane_at_80x24_and_120x40() {
    for (w, h) in SIZES {
        let a = tags_pane(w, h);
        let t = render(&a, w, h, THEME);
        insta::assert_snapshot!(format!("coding_tags_{w}x{h}"), t.backend().inner);
        let buf = t.backend().inner.buffer();
        let all = screen(buf);
        // kinh-tế counts its own four and nhà-ở's three, a passage once: six.
        let row = (0..h)
            .map(|y| row_text(buf, y))
            .find(|r| r.contains("kinh-tế ") && r.contains("chi ngân sách"))
            .unwrap_or_else(|| panic!("{all}"));
        assert!(row.contains(" 6 "), "{row}");
        assert!(
            find(buf, "  nhà-ở").is_some(),
            "nested under its parent: {all}"
        );
    }
}

#[test]
fn tags_by_places_matrix_at_80x24_and_120x40() {
    for (w, h) in SIZES {
        let mut a = tags_pane(w, h);
        press(&mut a, "M");
        let t = render(&a, w, h, THEME);
        insta::assert_snapshot!(format!("coding_matrix_{w}x{h}"), t.backend().inner);
        let buf = t.backend().inner.buffer();
        let all = screen(buf);
        assert!(find(buf, "Thẻ × tỉnh: 3 thẻ").is_some(), "{all}");
        assert!(find(buf, "Thanh Hóa").is_some(), "{all}");
        // The densest cell (kinh-tế × Thanh Hóa: 4) in the top shade: red and bold.
        let (_, y) = find(buf, "kinh-tế").unwrap();
        let row = row_text(buf, y);
        let x = u16::try_from(row.rfind('4').map(|b| row[..b].chars().count()).unwrap()).unwrap();
        let c = &buf[(x, y)];
        assert_eq!(c.fg, ratatui::style::Color::Red, "{c:?}");
        assert!(c.modifier.contains(ratatui::style::Modifier::BOLD));
    }
}
