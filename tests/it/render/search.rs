//! A search seen on screen: the matched words highlighted in the reader, a long query in a
//! narrow finder.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use super::{THEME, app, find, press, render, row_text, serve_search};

/// The text of the reader's highlighted cells, row by row (runs joined by `|`).
fn highlighted_runs(buf: &Buffer) -> Vec<String> {
    let mut runs = Vec::new();
    for y in 0..buf.area.height {
        let mut run = String::new();
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if cell.modifier.contains(Modifier::REVERSED) && cell.fg == Color::Yellow {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
    }
    runs
}

#[test]
fn a_phrase_that_wraps_stays_highlighted_in_the_reader() {
    let mut a = app(72, 30);
    let fx = press(&mut a, "/\"thuc hien nghi quyet dai hoi dang bo\"");
    serve_search(&mut a, fx);
    press(&mut a, "\n");
    assert!(a.match_status().unwrap().starts_with("kết quả 1/"));
    let t = render(&a, 72, 30, THEME);
    let runs = highlighted_runs(t.backend().inner.buffer());
    // At 72 columns the phrase breaks after "Nghị quyết": two runs on two rows, together
    // the whole phrase.
    let joined = runs.join(" ");
    assert_eq!(
        joined, "thực hiện Nghị quyết Đại hội Đảng bộ",
        "highlighted: {runs:?}"
    );
    assert!(runs.len() >= 2, "the phrase should wrap here: {runs:?}");
}

#[test]
fn du_lich_highlights_the_words_not_du_inside_xay_dung() {
    let mut a = app(100, 40);
    let fx = press(&mut a, "/du lich");
    serve_search(&mut a, fx);
    press(&mut a, "\n");
    let t = render(&a, 100, 40, THEME);
    let runs = highlighted_runs(t.backend().inner.buffer());
    assert!(!runs.is_empty());
    for run in &runs {
        assert!(
            ["du", "lịch", "du lịch"].contains(&run.to_lowercase().as_str()),
            "{run:?} highlighted: {runs:?}"
        );
    }
}

#[test]
fn a_long_query_in_a_narrow_finder_scrolls_and_keeps_its_count() {
    let mut a = app(50, 20);
    let fx = press(&mut a, "/thuc hien nghi quyet dai hoi dang bo");
    serve_search(&mut a, fx);
    let mut t = render(&a, 50, 20, THEME);
    let buf = t.backend().inner.buffer().clone();
    let total = a.finder.as_ref().unwrap().total;
    let count = format!("1/{total}");
    let (_, y) = find(&buf, &count).expect("the count is shown");
    let row = row_text(&buf, y);
    // The end of the query (where the cursor is) shows, and the count is not written over it.
    assert!(row.contains("dang bo "), "{row:?}");
    assert!(row.contains(&format!(" {count}")), "{row:?}");
    let cursor = t.get_cursor_position().unwrap();
    assert_eq!(cursor.y, y);
    let before_cursor: String = row.chars().take(usize::from(cursor.x)).collect();
    assert!(
        before_cursor.ends_with("dang bo"),
        "{row:?} cursor at {}",
        cursor.x
    );
}

/// The finder's preview at 80×24 shows the passage's match, however long the passage
/// before it: for each of the first results of `cua luc`, the preview (below the list)
/// has letters in the match colour.
#[test]
fn the_preview_keeps_the_match_in_view_at_80x24() {
    let mut a = app(80, 24);
    let fx = press(&mut a, "/cua luc");
    serve_search(&mut a, fx);
    let total = a.finder.as_ref().unwrap().total.min(6);
    assert!(total >= 3, "a few results to step through");
    for i in 0..total {
        let t = render(&a, 80, 24, THEME);
        let buf = t.backend().inner.buffer();
        // The preview's top border: the second "╭" of the finder, below its list.
        let top = (3..24u16)
            .find(|&y| {
                row_text(buf, y)
                    .chars()
                    .skip(3)
                    .collect::<String>()
                    .contains('╭')
            })
            .expect("a preview below the list");
        // Inside the finder's borders, left of the reader's scrollbar.
        let matched = (top + 2..23).any(|y| (4..77).any(|x| buf[(x, y)].fg == Color::Yellow));
        assert!(
            matched,
            "result {i}: no highlighted match in the preview:\n{}",
            (0..24)
                .map(|y| row_text(buf, y))
                .collect::<Vec<_>>()
                .join("\n")
        );
        let down = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Down,
            crossterm::event::KeyModifiers::NONE,
        );
        let _ = a.update(nghiquyet::app::Event::Key(down));
    }
}
