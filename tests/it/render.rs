//! Renders of the seed corpus with `TestBackend`: text snapshots at three sizes, and cell
//! checks for styles (the highlighted selection, the focused border).

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nghiquyet::app::{App, Effect, Event};
use nghiquyet::ui::{self, SafeBackend, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

mod analysis;
mod analysis_title;
mod coding;
mod copy;
mod dates;
mod localities;
mod navigation;
mod search;

const THEME: Theme = Theme {
    color: true,
    ascii: false,
};

fn app(w: u16, h: u16) -> App {
    let mut a = App::new(Arc::new(nghiquyet::embedded::corpus()), "embedded", false);
    a.update(Event::Resize(w, h));
    let index = Arc::new(nghiquyet::search::SearchIndex::build(&a.corpus));
    let corpus = Arc::clone(&a.corpus);
    a.update(Event::IndexReady { corpus, index });
    a
}

/// The newest search among `effects`, run as the search thread would, its results sent back.
fn serve_search(a: &mut App, effects: Vec<Effect>) {
    let req = effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Search(r) => Some(r),
            _ => None,
        })
        .next_back()
        .expect("a search was asked for");
    let index = nghiquyet::search::SearchIndex::build(&a.corpus);
    let hits = nghiquyet::search::search_all(&index, &a.corpus, &req.query, &req.scope);
    a.update(Event::SearchResults(
        nghiquyet::search::worker::SearchResults {
            generation: req.generation,
            total: hits.len(),
            near: hits.iter().filter(|h| !h.exact).count(),
            notes: index.resolve(&nghiquyet::search::parse(&req.query)).notes(),
            hits,
            done: true,
            elapsed: std::time::Duration::ZERO,
        },
    ));
}

/// Type `keys` (`\n` Enter, `\t` Tab); the effects the app returned.
fn press(a: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            _ => KeyCode::Char(c),
        };
        effects.extend(a.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))));
    }
    effects
}

/// Draw as the browser does: through the backend that cleans cells and folds ASCII mode.
fn render(a: &App, w: u16, h: u16, theme: Theme) -> Terminal<SafeBackend<TestBackend>> {
    let mut t = Terminal::new(SafeBackend::new(TestBackend::new(w, h), theme.ascii)).unwrap();
    t.draw(|f| ui::draw(f, a, theme)).unwrap();
    t
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// Where `needle` starts on screen (column, row).
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    find_in(buf, needle, 0..buf.area.width)
}

/// Where `needle` starts within the columns `cols` (one pane).
fn find_in(buf: &Buffer, needle: &str, cols: std::ops::Range<u16>) -> Option<(u16, u16)> {
    (0..buf.area.height).find_map(|y| {
        let row: String = cols.clone().map(|x| buf[(x, y)].symbol()).collect();
        row.find(needle).map(|byte| {
            (
                cols.start + u16::try_from(row[..byte].chars().count()).unwrap(),
                y,
            )
        })
    })
}

#[test]
fn three_panes_at_120x40() {
    let a = app(120, 40);
    let t = render(&a, 120, 40, THEME);
    insta::assert_snapshot!(t.backend().inner);
}

#[test]
fn two_panes_at_80x24_with_an_article_open() {
    let mut a = app(80, 24);
    press(&mut a, "2jjj\n");
    let t = render(&a, 80, 24, THEME);
    insta::assert_snapshot!(t.backend().inner);
}

#[test]
fn one_pane_at_40x12() {
    let mut a = app(40, 12);
    press(&mut a, "2");
    let t = render(&a, 40, 12, THEME);
    insta::assert_snapshot!(t.backend().inner);
}

#[test]
fn help_overlay_lists_the_keymap() {
    let mut a = app(120, 40);
    press(&mut a, "?");
    let t = render(&a, 120, 40, THEME);
    insta::assert_snapshot!(t.backend().inner);
    // Taller than 40 rows: every binding shows on a tall terminal…
    let mut tall = app(120, 200);
    press(&mut tall, "?");
    let t = render(&tall, 120, 200, THEME);
    let buf = t.backend().inner.buffer();
    for b in nghiquyet::app::action::KEYMAP {
        assert!(find(buf, b.help).is_some(), "help lacks {:?}", b.help);
    }
    // The query language too.
    for (example, what) in nghiquyet::app::action::QUERY_SYNTAX {
        let rows: Vec<String> = (0..200).map(|y| row_text(buf, y)).collect();
        assert!(
            find(buf, example).is_some() && find(buf, what).is_some(),
            "{example}\n{}",
            rows.join("\n")
        );
    }
    // …and j scrolls it on a short one, to its last line.
    assert!(
        find(
            render(&a, 120, 40, THEME).backend().inner.buffer(),
            "Mọi khung"
        )
        .is_some()
    );
    press(&mut a, &"j".repeat(200));
    let t = render(&a, 120, 40, THEME);
    assert!(find(t.backend().inner.buffer(), "Mọi khung").is_none());
    // The last group's keys are in view.
    assert!(find(t.backend().inner.buffer(), "tạm dừng (fg để quay lại)").is_some());
    // On a 40×12 terminal, G reaches the very last line (lines are cut, never wrapped).
    let mut small = app(40, 12);
    press(&mut small, "?G");
    let t = render(&small, 40, 12, THEME);
    let last_row = row_text(t.backend().inner.buffer(), 10);
    let (example, _) = nghiquyet::app::action::QUERY_SYNTAX.last().unwrap();
    assert!(last_row.contains(example), "{last_row}");
    let last = nghiquyet::app::action::KEYMAP
        .iter()
        .rfind(|b| b.scope == nghiquyet::app::action::Scope::Bookmarks)
        .unwrap();
    assert_eq!(last.help, "thoát");
}

#[test]
fn the_selection_is_highlighted_in_the_focused_pane() {
    let mut a = app(120, 40);
    let corpus = Arc::clone(&a.corpus);
    a.localities.expand_all(&corpus);
    press(&mut a, "jjjjjj"); // "Hạ Long" in the localities pane, every branch open
    let t = render(&a, 120, 40, THEME);
    let buf = t.backend().inner.buffer();
    let (x, y) = find_in(buf, "Hạ Long", 0..26).expect("Hạ Long row");
    let cell = &buf[(x, y)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    assert!(
        cell.modifier.contains(Modifier::BOLD),
        "focused pane: bold selection"
    );
    // The neighbouring row is not highlighted.
    assert!(!buf[(x, y + 1)].modifier.contains(Modifier::REVERSED));
    // The focused pane's border is drawn in cyan, the others are not.
    assert_eq!(buf[(0, 0)].fg, Color::Cyan);
    let (ox, _) = find(buf, "2 Mục lục").unwrap();
    assert_ne!(buf[(ox - 1, 0)].fg, Color::Cyan);
    // The outline shows only the article about Hạ Long, the status bar the breadcrumb.
    assert!(row_text(buf, 39).starts_with("Hạ Long › Tạo khí thế thi đua"));
}

#[test]
fn no_color_keeps_modifiers_only() {
    let mut a = app(120, 40);
    press(&mut a, "j");
    let t = render(
        &a,
        120,
        40,
        Theme {
            color: false,
            ascii: false,
        },
    );
    let buf = t.backend().inner.buffer();
    for y in 0..40 {
        for x in 0..120 {
            let c = &buf[(x, y)];
            assert_eq!(c.fg, Color::Reset, "colour at {x},{y}");
            assert_eq!(c.bg, Color::Reset, "colour at {x},{y}");
        }
    }
    let (x, y) = find_in(buf, "Hải Phòng", 0..26).unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn ascii_mode_draws_only_ascii() {
    let mut a = App::new(Arc::new(nghiquyet::embedded::corpus()), "embedded", true);
    a.resize(100, 30);
    press(&mut a, "2\n");
    let t = render(
        &a,
        100,
        30,
        Theme {
            color: true,
            ascii: true,
        },
    );
    let buf = t.backend().inner.buffer();
    for y in 0..30 {
        let row = row_text(buf, y);
        assert!(row.is_ascii(), "row {y}: {row}");
    }
    assert!(find(buf, "Nghi quyet").is_some() || find(buf, "NGHI QUYET").is_some());
}

#[test]
fn every_size_down_to_1x1_renders() {
    let mut a = app(120, 40);
    press(&mut a, "2\n");
    for (w, h) in [
        (1, 1),
        (2, 2),
        (5, 3),
        (20, 5),
        (59, 10),
        (60, 10),
        (99, 20),
        (100, 20),
    ] {
        a.resize(w, h);
        let _ = render(&a, w, h, THEME);
    }
}

#[test]
fn finder_shows_count_breadcrumbs_and_highlighted_letters() {
    let mut a = app(120, 40);
    let fx = press(&mut a, "/cua luc");
    serve_search(&mut a, fx);
    let t = render(&a, 120, 40, THEME);
    insta::assert_snapshot!(t.backend().inner);
    let buf = t.backend().inner.buffer();
    let total = a.finder.as_ref().unwrap().total;
    assert!(find(buf, &format!("1/{total}")).is_some(), "count shown");
    assert!(
        find(buf, "Hạ Long › Tạo khí thế").is_some(),
        "breadcrumb with the section's place"
    );
    // "Cửa Lục" in the first result is highlighted as a match, letter by letter, and the
    // word before it is not.
    let (x, y) = find(buf, "Cửa Lục").expect("the match is on screen");
    for dx in 0..7 {
        let cell = &buf[(x + dx, y)];
        assert_eq!(cell.fg, Color::Yellow, "{dx}: {cell:?}");
    }
    assert_ne!(buf[(x - 2, y)].fg, Color::Yellow, "'cầu' is not a match");
}

/// Bookmarks with fixed ids and times, so renders are the same on every run.
fn with_bookmarks(a: &mut App) {
    use nghiquyet::bookmarks::{Status, doc_refs};
    for (k, d) in [0usize, 2, 4].into_iter().enumerate() {
        let at = doc_refs(&a.corpus, d)[3];
        a.bookmark(Some(at));
        let b = a.bookmarks.list.last_mut().unwrap();
        b.id = format!("b00000000{k:02}");
        b.created = format!("2026-11-2{k}T08:00:00Z");
    }
    a.bookmarks.list[0].note = "Chương trình trọng tâm, dẫn vào báo cáo".into();
    a.bookmarks.list[0].tags = vec!["cải-cách".into(), "đô-thị".into()];
    a.bookmarks.resolved[1].status = Status::Reanchored;
    a.bookmarks.resolved[2].status = Status::Orphaned;
    a.bookmarks.resolved[2].at = None;
    a.bookmarks.loaded = true;
    a.notice = None;
}

#[test]
fn bookmarked_passages_are_marked_in_the_reader_border_and_the_outline() {
    let mut a = app(120, 40);
    press(&mut a, "3jjjj");
    let at = a.current_passage().unwrap();
    press(&mut a, "b");
    a.notice = None;
    let t = render(&a, 120, 40, THEME);
    let buf = t.backend().inner.buffer();
    let (title_x, _) = find(buf, "3 Bài viết").unwrap();
    let border_x = title_x - 1;
    let node = nghiquyet::app::outline::Node::Passage(at);
    let mut marked_rows = 0;
    for (i, line) in a
        .reader
        .lines
        .iter()
        .enumerate()
        .skip(a.reader.scroll)
        .take(usize::from(a.reader.height))
    {
        let y = 1 + u16::try_from(i - a.reader.scroll).unwrap();
        let cell = &buf[(border_x, y)];
        let ours = line.node == node && line.kind != nghiquyet::app::reader::LineKind::Blank;
        if ours {
            assert_eq!(cell.symbol(), "★", "row {y}: {:?}", line.text);
            assert_eq!(cell.fg, Color::Yellow);
            assert!(cell.modifier.contains(Modifier::BOLD));
            marked_rows += 1;
        } else {
            assert_ne!(cell.symbol(), "★", "row {y}: {:?}", line.text);
        }
    }
    assert!(marked_rows >= 2, "every line of the passage is marked");
    // The outline shows the passage with a star.
    let (ox, _) = find(buf, "2 Mục lục").unwrap();
    let outline_star = (1..39).any(|y| {
        (ox..ox + 30).any(|x| buf[(x, y)].symbol() == "★") && !row_text(buf, y).contains("Bài viết")
    });
    assert!(
        outline_star,
        "{}",
        (0..40)
            .map(|y| row_text(buf, y))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn bookmarks_pane_at_80x24() {
    let mut a = app(80, 24);
    with_bookmarks(&mut a);
    press(&mut a, "'");
    let t = render(&a, 80, 24, THEME);
    insta::assert_snapshot!(t.backend().inner);
    let buf = t.backend().inner.buffer();
    assert!(find(buf, "[đã dời]").is_some() && find(buf, "[mồ côi]").is_some());
    assert!(find(buf, "#cải-cách #đô-thị").is_some());
    // Newest first: the orphan (made last) is on top and selected (reversed).
    let (_, y) = find(buf, "[mồ côi]").unwrap();
    let (x, _) = find(buf, "★").unwrap();
    assert!(buf[(x + 2, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn note_dialog_at_80x24() {
    let mut a = app(80, 24);
    with_bookmarks(&mut a);
    press(&mut a, "'se");
    press(&mut a, "Trích ở mục kết quả");
    let t = render(&a, 80, 24, THEME);
    insta::assert_snapshot!(t.backend().inner);
    let buf = t.backend().inner.buffer();
    assert!(find(buf, "Trích ở mục kết quả").is_some());
}

#[test]
fn bookmarks_pane_in_ascii_mode_is_ascii() {
    let mut a = App::new(Arc::new(nghiquyet::embedded::corpus()), "embedded", true);
    a.resize(80, 24);
    with_bookmarks(&mut a);
    press(&mut a, "'");
    let ascii = Theme {
        color: false,
        ascii: true,
    };
    let t = render(&a, 80, 24, ascii);
    let buf = t.backend().inner.buffer();
    for y in 0..24 {
        let row = row_text(buf, y);
        assert!(row.is_ascii(), "row {y}: {row}");
    }
    // The bookmark mark ★ folds to `*`.
    assert!(find(buf, "* ").is_some());
}

#[test]
fn ascii_help_and_outline_markers_are_ascii_and_distinct() {
    let ascii = Theme {
        color: false,
        ascii: true,
    };
    let mut a = App::new(Arc::new(nghiquyet::embedded::corpus()), "embedded", true);
    a.update(Event::Resize(100, 30));
    // An open article (▾) above closed ones (▸) in the outline.
    press(&mut a, "2 ");
    let t = render(&a, 100, 30, ascii);
    let buf = t.backend().inner.buffer();
    let screen: Vec<String> = (0..30).map(|y| row_text(buf, y)).collect();
    assert!(
        find(buf, "v KET QUA").is_some(),
        "open article: v\n{}",
        screen.join("\n")
    );
    assert!(find(buf, "> ").is_some(), "closed article: >");
    // The help overlay too: it used to keep its diacritics.
    press(&mut a, "?");
    let t = render(&a, 100, 30, ascii);
    let buf = t.backend().inner.buffer();
    for y in 0..30 {
        let row = row_text(buf, y);
        assert!(row.is_ascii(), "row {y}: {row}");
    }
    assert!(
        find(buf, "Moi khung").is_some(),
        "help headings folded, not dropped"
    );
}

#[test]
fn finder_counts_near_matches_apart() {
    let mut a = app(120, 40);
    // "quyte": no word of the corpus; "quyết" is one edit away.
    let fx = press(&mut a, "/nghi quyte");
    serve_search(&mut a, fx);
    let f = a.finder.as_ref().unwrap();
    assert!(f.total > 0 && f.near == f.total, "{} {}", f.total, f.near);
    let t = render(&a, 120, 40, THEME);
    let buf = t.backend().inner.buffer();
    let shown = format!("1/{} · 0 + {} gần đúng", f.total, f.near);
    assert!(find(buf, &shown).is_some(), "{shown}");
    // The preview says what the typo was taken for.
    assert!(
        find(buf, "quyte → quyet").is_some(),
        "the correction is shown"
    );
    // Typed right, every hit is exact and the count is plain.
    let mut a = app(120, 40);
    let fx = press(&mut a, "/nghi quyet");
    serve_search(&mut a, fx);
    let f = a.finder.as_ref().unwrap();
    assert_eq!(f.near, 0);
    let t = render(&a, 120, 40, THEME);
    assert!(find(t.backend().inner.buffer(), &format!("1/{}", f.total)).is_some());
    assert!(find(t.backend().inner.buffer(), "gần đúng").is_none());
    assert!(find(t.backend().inner.buffer(), "→").is_none());
    // An acronym shows its other form.
    let mut a = app(120, 40);
    let fx = press(&mut a, "/HĐND");
    serve_search(&mut a, fx);
    let t = render(&a, 120, 40, THEME);
    assert!(find(t.backend().inner.buffer(), "hdnd = hoi dong nhan dan").is_some());
}
