//! The mouse: wheel and clicks → state, matched against the screen as drawn.

use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::WHEEL_ROWS;
use crate::app::layout::{self, FINDER_ROW};
use crate::app::tests::{app, press, send, serve_search};
use crate::app::{App, Event, Pane};

const THEME: crate::ui::Theme = crate::ui::Theme {
    color: false,
    ascii: false,
};

fn mouse(a: &mut App, kind: MouseEventKind, column: u16, row: u16) {
    send(
        a,
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }),
    );
}

fn click(a: &mut App, x: u16, y: u16) {
    mouse(a, MouseEventKind::Down(MouseButton::Left), x, y);
}

fn wheel_down(a: &mut App, x: u16, y: u16) {
    mouse(a, MouseEventKind::ScrollDown, x, y);
}

/// Where `pane` is drawn now.
fn rect(a: &App, pane: Pane) -> Rect {
    a.panes()
        .get(pane)
        .unwrap_or_else(|| panic!("{pane:?} not shown"))
}

/// Row `i` of the screen's list in `pane` (from the top of its inside): a cell to click.
fn row_cell(a: &App, pane: Pane, i: u16) -> (u16, u16) {
    let inner = layout::inner(rect(a, pane));
    (inner.x + 2, inner.y + i)
}

/// The screen as drawn now, one string per row.
fn screen(a: &App) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(a.size.width, a.size.height)).unwrap();
    t.draw(|f| crate::ui::draw(f, a, THEME)).unwrap();
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// The screen rows of `area` drawn as a selection (reversed).
fn highlighted_rows(a: &App, area: Rect) -> Vec<u16> {
    let mut t = Terminal::new(TestBackend::new(a.size.width, a.size.height)).unwrap();
    t.draw(|f| crate::ui::draw(f, a, THEME)).unwrap();
    let buf = t.backend().buffer();
    (area.y..area.bottom())
        .filter(|&y| buf[(area.x, y)].modifier.contains(Modifier::REVERSED))
        .collect()
}

/// The text drawn in `area` on row `y`.
fn text_at(screen: &[String], area: Rect, y: u16) -> String {
    screen[usize::from(y)]
        .chars()
        .skip(usize::from(area.x))
        .take(usize::from(area.width))
        .collect::<String>()
        .trim()
        .to_string()
}

#[test]
fn a_click_focuses_the_pane_and_selects_the_row_at_both_sizes() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        assert_eq!(a.focus, Pane::Localities);
        // A locality row: selected, and the outline filtered to it.
        let (x, y) = row_cell(&a, Pane::Localities, 3);
        let drawn = text_at(&screen(&a), layout::inner(rect(&a, Pane::Localities)), y);
        click(&mut a, x, y);
        assert_eq!(a.focus, Pane::Localities);
        assert_eq!(a.localities.selected, 3, "{w}x{h}");
        assert!(
            drawn
                .trim_start_matches(['▸', '▾', ' '])
                .starts_with(a.localities.selected_name()),
            "{w}x{h}: clicked {drawn:?}, selected {:?}",
            a.localities.selected_name()
        );
        // The reader: focused, nothing else changes.
        let reader = rect(&a, Pane::Reader);
        let (scroll, doc) = (a.reader.scroll, a.reader.doc);
        click(&mut a, reader.x + 3, reader.y + 3);
        assert_eq!(a.focus, Pane::Reader, "{w}x{h}");
        assert_eq!((a.reader.scroll, a.reader.doc), (scroll, doc));
        assert_eq!(a.localities.selected, 3);
    }
}

#[test]
fn an_outline_click_selects_and_a_second_click_opens() {
    let mut a = app(120, 40);
    let (x, y) = row_cell(&a, Pane::Outline, 1);
    click(&mut a, x, y);
    assert_eq!((a.focus, a.outline.selected), (Pane::Outline, 1));
    // The reader follows the outline, as with `j`.
    let node = a.outline.selected_node().unwrap();
    assert_eq!(a.reader.doc, Some(node.doc()));
    click(&mut a, x, y);
    assert_eq!(
        a.focus,
        Pane::Reader,
        "the selected row, clicked again, opens"
    );
}

#[test]
fn clicks_land_on_the_row_drawn_there_when_the_list_is_scrolled() {
    // Short screens: the embedded corpus has a couple of dozen locality rows.
    for (w, h) in [(70, 10), (120, 10)] {
        let mut a = app(w, h);
        let corpus = std::sync::Arc::clone(&a.corpus);
        a.localities.expand_all(&corpus);
        // The last locality: the list is scrolled, its offset not zero.
        press(&mut a, "G");
        let inner = layout::inner(rect(&a, Pane::Localities));
        assert!(
            a.localities.rows.len() > usize::from(inner.height),
            "{w}x{h}"
        );
        let shown = screen(&a);
        for i in [0, 1, inner.height / 2, inner.height - 1] {
            let y = inner.y + i;
            let drawn = text_at(&shown, inner, y);
            let mut b = app(w, h);
            b.localities.expand_all(&corpus);
            press(&mut b, "G");
            click(&mut b, inner.x + 1, y);
            assert!(
                drawn
                    .trim_start_matches(['▸', '▾', ' '])
                    .starts_with(b.localities.selected_name()),
                "{w}x{h} row {i}: drawn {drawn:?}, selected {:?}",
                b.localities.selected_name()
            );
        }
    }
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_and_keeps_the_focus() {
    let mut a = app(120, 40);
    press(&mut a, "2\n"); // open the first article
    press(&mut a, "1");
    let reader = rect(&a, Pane::Reader);
    assert!(
        a.reader.max_scroll() > 10,
        "the article is longer than the pane"
    );
    let before = a.reader.scroll;
    wheel_down(&mut a, reader.x + 5, reader.y + 5);
    assert_eq!(a.reader.scroll, before + WHEEL_ROWS.unsigned_abs());
    assert_eq!(
        a.focus,
        Pane::Localities,
        "the wheel does not take the focus"
    );
    mouse(&mut a, MouseEventKind::ScrollUp, reader.x + 5, reader.y + 5);
    assert_eq!(a.reader.scroll, before);
    // Over the outline: its selection moves, the localities stay.
    let outline = rect(&a, Pane::Outline);
    let (sel, loc) = (a.outline.selected, a.localities.selected);
    wheel_down(&mut a, outline.x + 1, outline.y + 1);
    assert_eq!(a.outline.selected, sel + WHEEL_ROWS.unsigned_abs());
    assert_eq!(a.localities.selected, loc);
    // Over the localities.
    let l = rect(&a, Pane::Localities);
    wheel_down(&mut a, l.x + 1, l.y + 1);
    assert_eq!(a.localities.selected, loc + WHEEL_ROWS.unsigned_abs());
    assert_eq!(a.focus, Pane::Localities);
}

/// What a click may change.
fn state(a: &App) -> (Pane, usize, usize, usize, Option<usize>) {
    (
        a.focus,
        a.localities.selected,
        a.outline.selected,
        a.reader.scroll,
        a.reader.doc,
    )
}

#[test]
fn clicks_outside_the_panes_and_other_buttons_do_nothing() {
    let mut a = app(120, 40);
    press(&mut a, "2jj");
    let before = state(&a);
    // The status line, past the screen, a right click, a release, a drag.
    click(&mut a, 5, 39);
    click(&mut a, 500, 500);
    let l = rect(&a, Pane::Localities);
    for kind in [
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::Up(MouseButton::Left),
        MouseEventKind::Drag(MouseButton::Left),
        MouseEventKind::Moved,
    ] {
        mouse(&mut a, kind, l.x + 2, l.y + 2);
    }
    assert_eq!(state(&a), before);
    // A border focuses the pane without choosing a row.
    click(&mut a, l.x, l.y + 2);
    assert_eq!(a.focus, Pane::Localities);
    assert_eq!(a.localities.selected, before.1);
}

#[test]
fn the_tabs_line_focuses_the_pane_named() {
    let mut a = app(80, 24);
    let tabs = a.panes().tabs.expect("a tabs line at 80 columns");
    let shown = screen(&a);
    for (pane, r) in layout::tabs(tabs) {
        let title = crate::ui::PANE_TITLES
            .iter()
            .find(|(p, _)| *p == pane)
            .unwrap()
            .1;
        assert_eq!(
            text_at(&shown, r, r.y),
            title,
            "drawn where clicks are matched"
        );
        click(&mut a, r.x + 1, r.y);
        assert_eq!(a.focus, pane);
    }
}

#[test]
fn the_finder_takes_clicks_on_results_and_the_wheel() {
    let mut a = app(120, 40);
    press(&mut a, "/");
    press(&mut a, "tinh");
    serve_search(&mut a);
    let parts = layout::finder(a.size).unwrap();
    assert!(a.finder.as_ref().unwrap().hits.len() > 5);
    // A click on the panes under the finder does nothing.
    click(&mut a, 1, 5);
    assert_eq!(a.focus, Pane::Localities);
    assert!(a.finder.is_some());
    // The third result (two rows each).
    click(&mut a, parts.list.x + 4, parts.list.y + 2 * FINDER_ROW + 1);
    assert_eq!(a.finder.as_ref().unwrap().selected, 2);
    wheel_down(&mut a, parts.detail.x + 2, parts.detail.y + 2);
    assert_eq!(
        a.finder.as_ref().unwrap().selected,
        2 + WHEEL_ROWS.unsigned_abs()
    );
    // The selected result, clicked, is opened as with Enter.
    let selected = a.finder.as_ref().unwrap().selected;
    let at = a.finder.as_ref().unwrap().hits[selected].at;
    let y = highlighted_rows(&a, parts.list)
        .last()
        .copied()
        .expect("the selected result is drawn highlighted");
    click(&mut a, parts.list.x + 1, y);
    assert!(a.finder.is_none());
    assert_eq!(a.current_passage(), Some(at));
}

#[test]
fn the_bookmarks_pane_selects_on_click_and_opens_on_a_second() {
    let mut a = app(120, 40);
    a.bookmarks.loaded = true;
    for d in [0usize, 2, 4] {
        let at = crate::bookmarks::doc_refs(&a.corpus, d)[3];
        a.bookmark(Some(at));
    }
    press(&mut a, "'");
    let parts = layout::bookmarks(a.size).unwrap();
    let p = a.bookmarks.pane.as_ref().unwrap();
    assert_eq!((p.rows.len(), p.selected), (3, 0));
    let y = parts.list.y + 3 * layout::BOOKMARK_ROW - 1; // the last line of the third
    click(&mut a, parts.list.x + 3, y);
    assert_eq!(a.bookmarks.pane.as_ref().unwrap().selected, 2);
    mouse(
        &mut a,
        MouseEventKind::ScrollUp,
        parts.list.x + 3,
        parts.list.y,
    );
    assert_eq!(a.bookmarks.pane.as_ref().unwrap().selected, 0);
    click(&mut a, parts.list.x + 3, parts.list.y + 1);
    assert!(
        a.bookmarks.pane.is_none(),
        "the selected one, clicked, opens"
    );
    assert_eq!(a.focus, Pane::Reader);
}

#[test]
fn help_scrolls_with_the_wheel_and_dialogs_ignore_the_mouse() {
    let mut a = app(80, 24);
    press(&mut a, "?");
    wheel_down(&mut a, 10, 10);
    assert_eq!(a.help_scroll, WHEEL_ROWS.unsigned_abs());
    click(&mut a, 10, 10);
    assert!(a.help, "a click does not close the help");
    press(&mut a, "\x1b3B");
    assert!(a.bookmarks.dialog.is_some());
    let before = state(&a);
    click(&mut a, 2, 5);
    wheel_down(&mut a, 2, 5);
    assert!(a.bookmarks.dialog.is_some());
    assert_eq!(state(&a), before);
}

#[test]
fn every_cell_of_every_overlay_takes_a_click_and_the_wheel() {
    for (w, h) in [(80, 24), (120, 40), (30, 8), (1, 1)] {
        for setup in ["", "3", "/tinh", "'", "?", "3B"] {
            let mut a = app(w, h);
            press(&mut a, setup);
            if setup.starts_with('/') {
                serve_search(&mut a);
            }
            // Every row; every third column (the panes are wider than that).
            for y in 0..h {
                for x in (0..w).step_by(3) {
                    let kind = if (x / 3 + y) % 3 == 0 {
                        MouseEventKind::ScrollDown
                    } else {
                        MouseEventKind::Down(MouseButton::Left)
                    };
                    mouse(&mut a, kind, x, y);
                }
            }
            let _ = screen(&a);
        }
    }
}

#[test]
fn a_click_in_a_filtered_locality_list_picks_the_row_drawn_there() {
    let mut a = app(120, 40);
    press(&mut a, "1fquang");
    // The filter box takes the pane's first row: the list starts one row lower.
    let (x, y) = row_cell(&a, Pane::Localities, 3);
    let drawn = screen(&a)[usize::from(y)].clone();
    assert!(drawn.contains("Hạ Long"), "{drawn}");
    click(&mut a, x, y);
    assert_eq!(a.localities.selected_name(), "Hạ Long");
}

/// Under the analysis view the panes never see the mouse: the wheel moves the view's rows,
/// a click changes nothing.
#[test]
fn the_analysis_view_keeps_the_mouse_from_the_panes_under_it() {
    let mut a = app(120, 40);
    press(&mut a, "a");
    assert!(a.analysis_open);
    let results = {
        let an = a.analysis.as_ref().unwrap();
        let mut r = crate::analysis::worker::Results {
            generation: an.generation,
            done: true,
            hits: 0,
            articles: 5,
            rows: Vec::new(),
            timeline: crate::analysis::timeline::Timeline::default(),
            lines: std::sync::Arc::new(Vec::new()),
            columns: Vec::new(),
            notes: Vec::new(),
            elapsed: std::time::Duration::ZERO,
        };
        for g in ["A", "B", "C", "D", "E"] {
            r.rows.push(crate::analysis::counts::Row {
                group: g.into(),
                articles: 1,
                matching_articles: 1,
                passages: 1,
                per_100: 100.0,
                first: None,
                last: None,
            });
        }
        r
    };
    send(&mut a, Event::AnalysisResults(Box::new(results)));
    let before = (a.focus, a.localities.selected, a.outline.selected);
    click(&mut a, 5, 10);
    click(&mut a, 60, 10);
    assert_eq!((a.focus, a.localities.selected, a.outline.selected), before);
    assert!(a.analysis_open);
    wheel_down(&mut a, 5, 10);
    assert_eq!(a.analysis.as_ref().unwrap().row, WHEEL_ROWS.unsigned_abs());
    assert_eq!((a.focus, a.localities.selected, a.outline.selected), before);
}
