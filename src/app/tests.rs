//! Key sequences → actions → state.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::localities::LocalityRow;
use super::outline::Node;
use super::*;

pub(super) fn app(w: u16, h: u16) -> App {
    app_on(crate::embedded::corpus(), w, h)
}

/// The app on `corpus`, its index built.
pub(super) fn app_on(corpus: crate::corpus::Corpus, w: u16, h: u16) -> App {
    let mut a = App::new(Arc::new(corpus), "embedded", false);
    send(&mut a, Event::Resize(w, h));
    let index = Arc::new(crate::search::SearchIndex::build(&a.corpus));
    let corpus = Arc::clone(&a.corpus);
    send(&mut a, Event::IndexReady { corpus, index });
    a
}

/// Hand `event` to the app as the event loop does; its effects are kept in `a.sent`.
pub(super) fn send(a: &mut App, event: Event) {
    let fx = a.update(event);
    a.sent.extend(fx);
}

/// Did any update so far ask to quit?
fn quit_sent(a: &App) -> bool {
    a.sent.iter().any(|e| matches!(e, Effect::Quit))
}

/// The newest search the app asked for since the last check.
fn search_sent(a: &mut App) -> Option<crate::search::worker::SearchRequest> {
    a.sent
        .drain(..)
        .filter_map(|e| match e {
            Effect::Search(r) => Some(r),
            _ => None,
        })
        .next_back()
}

/// Type `keys`: `\n` is Enter, `\t` Tab, `\x1b` Esc.
pub(super) fn press(a: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\x1b' => KeyCode::Esc,
            _ => KeyCode::Char(c),
        };
        send(a, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

pub(super) fn key(a: &mut App, code: KeyCode, m: KeyModifiers) {
    send(a, Event::Key(KeyEvent::new(code, m)));
}

pub(super) fn select_locality(a: &mut App, name: &str) {
    // Every branch open, so the place has a row to move to.
    let corpus = std::sync::Arc::clone(&a.corpus);
    a.localities.expand_all(&corpus);
    press(a, "1g");
    let i = a
        .localities
        .rows
        .iter()
        .position(|r| match r {
            LocalityRow::Locality { name: n, .. } | LocalityRow::Province { name: n, .. } => {
                n == name
            }
            LocalityRow::All { .. } => false,
        })
        .unwrap_or_else(|| panic!("no row {name}"));
    for _ in 0..i {
        press(a, "j");
    }
}

#[test]
fn starts_on_all_localities_with_every_article() {
    let a = app(120, 40);
    assert_eq!(a.focus, Pane::Localities);
    assert_eq!(a.localities.selected_name(), "Tất cả");
    assert_eq!(a.outline.rows.len(), 5);
    assert_eq!(
        a.reader.doc,
        Some(0),
        "the reader shows the first article at once"
    );
}

#[test]
fn selecting_a_locality_filters_and_enter_opens_its_section() {
    let mut a = app(120, 40);
    select_locality(&mut a, "Hạ Long");
    assert_eq!(a.outline.rows.len(), 1);
    let d = a.outline.rows[0].doc();
    assert!(a.corpus.documents[d].id.starts_with("003"));
    press(&mut a, "\n"); // to the outline
    assert_eq!(a.focus, Pane::Outline);
    press(&mut a, "\n"); // open the article
    assert_eq!(a.focus, Pane::Reader);
    // The reader is at the Hạ Long section.
    let top = a.reader.lines[a.reader.scroll].text.clone();
    assert!(top.contains("Hạ Long"), "{top}");
    let crumbs = a.breadcrumb();
    assert_eq!(crumbs[0], "Hạ Long");
}

#[test]
fn outline_and_reader_never_disagree() {
    let mut a = app(120, 40);
    press(&mut a, "2\n"); // open the first article in the reader
    assert_eq!(a.focus, Pane::Reader);
    for _ in 0..30 {
        press(&mut a, "j");
        let top = a.reader.top_node().unwrap();
        let sel = a.outline.selected_node().unwrap();
        // The outline shows the top node, or its nearest shown ancestor.
        assert_eq!(
            a.outline.position_of(top),
            Some(a.outline.selected),
            "{top:?} vs {sel:?}"
        );
    }
    // And the other way: moving in the outline scrolls the reader.
    press(&mut a, "2");
    for _ in 0..8 {
        press(&mut a, "j");
        let sel = a.outline.selected_node().unwrap();
        if let Node::Passage(..) = sel {
            assert_eq!(a.reader.top_node(), Some(sel));
        }
    }
}

#[test]
fn paging_keys_scroll_the_reader() {
    let mut a = app(100, 30);
    press(&mut a, "2\n");
    let h = usize::from(a.reader.height);
    key(&mut a, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(a.reader.scroll, h.min(a.reader.max_scroll()));
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(a.reader.scroll, (h - h / 2).min(a.reader.max_scroll()));
    press(&mut a, "G");
    assert_eq!(a.reader.scroll, a.reader.max_scroll());
    press(&mut a, "g");
    assert_eq!(a.reader.scroll, 0);
}

#[test]
fn focus_cycles_and_help_is_modal() {
    let mut a = app(120, 40);
    press(&mut a, "\t");
    assert_eq!(a.focus, Pane::Outline);
    key(&mut a, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(a.focus, Pane::Localities);
    press(&mut a, "3");
    assert_eq!(a.focus, Pane::Reader);
    press(&mut a, "?");
    assert!(a.help);
    press(&mut a, "j2"); // ignored while help is open
    assert_eq!(a.focus, Pane::Reader);
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert!(!a.help);
    assert!(!quit_sent(&a));
    press(&mut a, "q");
    assert!(quit_sent(&a));
}

#[test]
fn grouping_toggle_keeps_the_selection() {
    let mut a = app(120, 40);
    select_locality(&mut a, "Hậu Giang");
    press(&mut a, "p");
    assert!(a.localities.by_2025);
    assert_eq!(a.localities.selected_name(), "Hậu Giang");
    assert_eq!(a.outline.rows.len(), 1);
}

#[test]
fn resize_keeps_the_reading_position() {
    let mut a = app(120, 40);
    press(&mut a, "2jj\n"); // third article
    for _ in 0..25 {
        press(&mut a, "j");
    }
    let before = a.reader.top_node();
    for (w, h) in [(80, 24), (40, 12), (1, 1), (200, 60), (120, 40)] {
        a.resize(w, h);
    }
    assert_eq!(a.reader.top_node(), before);
}

#[test]
fn tiny_sizes_do_not_panic() {
    let mut a = app(1, 1);
    press(&mut a, "jjj\n\n\tGgjk?q");
    a.resize(0, 0);
    press(&mut a, "3jjj");
}

/// Run the search the app asked for, as the event loop's worker would, and hand back the
/// results.
pub(super) fn serve_search(a: &mut App) {
    let req = search_sent(a).expect("a search was requested");
    let index = crate::search::SearchIndex::build(&a.corpus);
    let hits = crate::search::search_all(&index, &a.corpus, &req.query, &req.scope);
    send(
        a,
        Event::SearchResults(crate::search::worker::SearchResults {
            generation: req.generation,
            total: hits.len(),
            near: hits.iter().filter(|h| !h.exact).count(),
            notes: Vec::new(),
            hits,
            done: true,
            elapsed: std::time::Duration::ZERO,
        }),
    );
}

#[test]
fn finder_types_searches_and_jumps_to_the_passage() {
    let mut a = app(120, 40);
    press(&mut a, "/");
    assert!(a.finder.is_some());
    // Letters type into the box: j, k and q do not move or quit here.
    press(&mut a, "cua luc");
    assert!(!quit_sent(&a));
    assert_eq!(a.finder.as_ref().unwrap().input.text(), "cua luc");
    serve_search(&mut a);
    let f = a.finder.as_ref().unwrap();
    assert!(f.total >= 1);
    assert!(f.hits[0].at.get(&a.corpus).text.contains("Cửa Lục"));
    press(&mut a, "\n");
    assert!(a.finder.is_none());
    assert_eq!(a.focus, Pane::Reader);
    let top = a.reader.top_node().unwrap();
    assert!(matches!(top, Node::Passage(..)));
    let Node::Passage(at) = top else {
        unreachable!()
    };
    assert!(at.get(&a.corpus).text.contains("Cửa Lục"));
    assert!(a.match_status().unwrap().starts_with("kết quả "));
    // The outline shows the same passage.
    assert_eq!(a.outline.selected_node(), Some(top));
}

#[test]
fn stale_results_are_dropped_and_esc_returns() {
    let mut a = app(120, 40);
    let before = (a.focus, a.reader.doc, a.reader.scroll);
    press(&mut a, "/ha");
    let old = search_sent(&mut a).unwrap();
    press(&mut a, "l"); // the query changes: a newer generation
    let newest = a
        .sent
        .iter()
        .rev()
        .find_map(|e| match e {
            Effect::Search(r) => Some(r.generation),
            _ => None,
        })
        .unwrap();
    assert!(newest > old.generation);
    let index = crate::search::SearchIndex::build(&a.corpus);
    let stale = crate::search::search_all(&index, &a.corpus, &old.query, &old.scope);
    send(
        &mut a,
        Event::SearchResults(crate::search::worker::SearchResults {
            generation: old.generation,
            total: stale.len(),
            near: stale.iter().filter(|h| !h.exact).count(),
            notes: Vec::new(),
            hits: stale,
            done: true,
            elapsed: std::time::Duration::ZERO,
        }),
    );
    assert_eq!(
        a.finder.as_ref().unwrap().total,
        0,
        "stale results are ignored"
    );
    serve_search(&mut a);
    assert!(a.finder.as_ref().unwrap().total > 0);
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert!(a.finder.is_none());
    assert_eq!((a.focus, a.reader.doc, a.reader.scroll), before);
}

#[test]
fn tab_cycles_the_finder_scope_and_n_steps_through_matches() {
    let mut a = app(120, 40);
    select_locality(&mut a, "Hạ Long");
    press(&mut a, "/");
    assert_eq!(
        a.finder.as_ref().unwrap().scope,
        super::finder::FinderScope::Locality
    );
    press(&mut a, "nghi quyet");
    serve_search(&mut a);
    // Only the article about Hạ Long is searched.
    let docs: Vec<u32> = a
        .finder
        .as_ref()
        .unwrap()
        .hits
        .iter()
        .map(|h| h.at.doc)
        .collect();
    assert!(
        !docs.is_empty()
            && docs
                .iter()
                .all(|&d| a.corpus.documents[d as usize].id.starts_with("003"))
    );
    press(&mut a, "\t");
    assert_eq!(
        a.finder.as_ref().unwrap().scope,
        super::finder::FinderScope::Article
    );
    press(&mut a, "\t");
    serve_search(&mut a);
    assert!(
        a.finder.as_ref().unwrap().total > docs.len(),
        "all articles"
    );
    press(&mut a, "\n");
    let first = a.reader.top_node();
    press(&mut a, "n");
    assert_ne!(a.reader.top_node(), first);
    press(&mut a, "N");
    assert_eq!(a.reader.top_node(), first);
}

#[test]
fn a_space_or_a_cursor_move_asks_no_new_search() {
    let mut a = app(120, 40);
    press(&mut a, "/ha long");
    let first = search_sent(&mut a).expect("typing asks for a search");
    press(&mut a, " ");
    key(&mut a, KeyCode::Left, KeyModifiers::NONE);
    press(&mut a, " ");
    assert!(search_sent(&mut a).is_none(), "the words did not change");
    assert_eq!(a.finder.as_ref().unwrap().generation, first.generation);
    // Results of the first request still count.
    let index = crate::search::SearchIndex::build(&a.corpus);
    let hits = crate::search::search_all(&index, &a.corpus, &first.query, &first.scope);
    send(
        &mut a,
        Event::SearchResults(crate::search::worker::SearchResults {
            generation: first.generation,
            total: hits.len(),
            near: hits.iter().filter(|h| !h.exact).count(),
            notes: Vec::new(),
            hits,
            done: true,
            elapsed: std::time::Duration::ZERO,
        }),
    );
    assert!(a.finder.as_ref().unwrap().total > 0);
    // A new word, or a new scope, asks again.
    press(&mut a, "x");
    assert!(search_sent(&mut a).is_some());
    press(&mut a, "\t");
    assert!(search_sent(&mut a).is_some());
}

#[test]
fn a_query_typed_before_the_index_is_built_runs_when_it_is() {
    let mut a = App::new(Arc::new(crate::embedded::corpus()), "embedded", false);
    send(&mut a, Event::Resize(120, 40));
    press(&mut a, "/cua luc");
    assert!(search_sent(&mut a).is_none(), "no index yet");
    let index = Arc::new(crate::search::SearchIndex::build(&a.corpus));
    // An index of another corpus (one loaded before) is not taken.
    let other = Arc::new(crate::embedded::corpus());
    send(
        &mut a,
        Event::IndexReady {
            corpus: other,
            index: Arc::clone(&index),
        },
    );
    assert!(a.index.is_none() && search_sent(&mut a).is_none());
    let corpus = Arc::clone(&a.corpus);
    send(&mut a, Event::IndexReady { corpus, index });
    let req = search_sent(&mut a).expect("the waiting query runs");
    assert_eq!(req.query, "cua luc");
}

#[test]
fn loading_a_corpus_asks_for_its_index_and_its_bookmarks() {
    let mut a = App::loading("x.json", 100, false);
    send(&mut a, Event::Resize(80, 24));
    send(&mut a, Event::LoadProgress(50));
    assert_eq!(a.loading.unwrap().done, 50);
    let corpus = Arc::new(crate::embedded::corpus());
    send(&mut a, Event::Loaded(Arc::clone(&corpus)));
    assert!(a.loading.is_none());
    assert!(matches!(&a.sent[..], [
        Effect::BuildIndex(c),
        Effect::Bookmarks(crate::bookmarks::worker::Request::SetCorpus(b)),
    ] if Arc::ptr_eq(c, &corpus) && Arc::ptr_eq(b, &corpus)));
}

#[test]
fn ctrl_c_quits_and_ctrl_z_suspends_in_every_mode() {
    for setup in ["", "/", "?", "'", "B"] {
        let mut a = app(100, 30);
        press(&mut a, setup);
        key(&mut a, KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert!(
            matches!(a.sent.last(), Some(Effect::Suspend)),
            "{setup:?}: {:?}",
            a.sent.last()
        );
        key(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(quit_sent(&a), "{setup:?}");
    }
}

#[test]
fn every_dialog_is_a_key_scope_and_its_keys_act() {
    let mut a = app(100, 30);
    // The export dialog: `j` exports JSON here, it does not move a pane.
    press(&mut a, "3b");
    press(&mut a, "E");
    assert_eq!(a.key_scope(), Scope::ExportDialog);
    press(&mut a, "j");
    assert!(a.bookmarks.dialog.is_none());
    assert!(a.sent.iter().any(|e| matches!(
        e,
        Effect::Bookmarks(crate::bookmarks::worker::Request::Export {
            format: crate::bookmarks::export::Format::Json,
            ..
        })
    )));
    // The note dialog: Ctrl-t turns Telex on for the field, Tab moves to the tags.
    press(&mut a, "B");
    assert_eq!(a.key_scope(), Scope::NoteDialog);
    key(&mut a, KeyCode::Char('t'), KeyModifiers::CONTROL);
    press(&mut a, "vieetj");
    let Some(bookmarks::Dialog::Note { note, .. }) = &a.bookmarks.dialog else {
        panic!("the note dialog is open");
    };
    assert_eq!(note.text(), "việt");
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert!(a.bookmarks.dialog.is_none());
    // The bookmarks pane's filter box: `q` types, Esc clears and leaves the box.
    press(&mut a, "'/");
    assert_eq!(a.key_scope(), Scope::BookmarkFilter);
    press(&mut a, "q");
    assert!(!quit_sent(&a));
    assert_eq!(a.bookmarks.pane.as_ref().unwrap().filter.text(), "q");
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(a.key_scope(), Scope::Bookmarks);
    assert_eq!(a.bookmarks.pane.as_ref().unwrap().filter.text(), "");
}

#[test]
fn esc_in_a_pane_dismisses_the_notice() {
    let mut a = app(100, 30);
    press(&mut a, "n"); // no search yet: a notice says so
    assert!(a.notice.is_some());
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert!(a.notice.is_none());
}
