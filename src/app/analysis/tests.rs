//! The analysis view's keys → state and requests; requests are served by a real
//! analysis worker, synchronously.

use std::sync::{Arc, mpsc};
use std::time::Duration;

use crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::analysis::worker::AnalysisWorker;
use crate::app::tests::{app_on, key, press, send};
use crate::app::{Event, Pane, Scope};
use crate::bookmarks::Op;
use crate::bookmarks::worker::Request as BookmarkRequest;

const NONE: KeyModifiers = KeyModifiers::NONE;

pub(in crate::app) fn embedded() -> App {
    app_on(crate::embedded::corpus(), 120, 40)
}

fn places() -> App {
    app_on(crate::corpus::synth::places(), 120, 40)
}

/// The analysis requests the app sent since the last check, oldest first (other effects
/// are kept).
fn requests(a: &mut App) -> Vec<Request> {
    let mut out = Vec::new();
    a.sent.retain(|e| match e {
        Effect::Analyze(r) => {
            out.push(r.clone());
            false
        }
        _ => true,
    });
    out
}

/// `req` run by an analysis worker of the app's corpus and index: its complete results.
fn run(a: &App, req: Request) -> Results {
    let (tx, rx) = mpsc::channel();
    let index = Arc::clone(a.index.as_ref().expect("the index is built"));
    let worker = AnalysisWorker::spawn(index, Arc::clone(&a.corpus), move |r| {
        let _ = tx.send(r);
    });
    worker.submit(req);
    loop {
        let r = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the worker answers");
        if r.done {
            return r;
        }
    }
}

/// Serve the newest request the app sent, as the event loop does; the request.
pub(in crate::app) fn serve(a: &mut App) -> Request {
    let req = requests(a).pop().expect("a request was sent");
    let r = run(a, req.clone());
    send(a, Event::AnalysisResults(Box::new(r)));
    req
}

pub(in crate::app) fn analysis(a: &App) -> &Analysis {
    a.analysis.as_ref().expect("the analysis view was opened")
}

/// `a`, the query typed, Enter: the view's table, served.
pub(in crate::app) fn open_on(a: &mut App, query: &str) {
    press(a, "a");
    press(a, query);
    press(a, "\n");
    serve(a);
}

fn groups(a: &App) -> Vec<String> {
    analysis(a).rows().map(|r| r.group.clone()).collect()
}

/// Move the selection of the places table to `group`.
fn select_row(a: &mut App, group: &str) {
    press(a, "g");
    let i = groups(a)
        .iter()
        .position(|g| g == group)
        .unwrap_or_else(|| panic!("no row {group}: {:?}", groups(a)));
    for _ in 0..i {
        press(a, "j");
    }
    assert_eq!(analysis(a).selected_row().unwrap().group, group);
}

#[test]
fn a_opens_empty_for_typing_and_each_key_asks_the_worker() {
    let mut a = embedded();
    press(&mut a, "a");
    assert!(a.analysis_open);
    assert_eq!(a.key_scope(), Scope::AnalysisQuery);
    let v = analysis(&a);
    assert!(v.editing && v.input.text().is_empty() && v.view == View::Places);
    assert!(requests(&mut a).is_empty(), "nothing to ask for yet");
    // Typing: `a`, `f`, `s`… type, they are not the view's keys.
    press(&mut a, "nghi");
    let sent = requests(&mut a);
    let queries: Vec<&str> = sent.iter().map(|r| r.query.as_str()).collect();
    assert_eq!(queries, ["n", "ng", "ngh", "nghi"]);
    assert!(sent.windows(2).all(|w| w[0].generation < w[1].generation));
    assert_eq!(analysis(&a).generation, sent[3].generation);
    assert_eq!(sent[3].by, By::Province);
    // Enter: back to the table, nothing new to ask.
    press(&mut a, "\n");
    assert!(!analysis(&a).editing);
    assert_eq!(a.key_scope(), Scope::Analysis);
    assert!(requests(&mut a).is_empty());
    // `/` types again.
    press(&mut a, "/");
    assert!(analysis(&a).editing);
}

#[test]
fn alt_a_in_the_finder_analyses_its_query() {
    let mut a = embedded();
    press(&mut a, "/nghi quyet");
    key(&mut a, KeyCode::Char('a'), KeyModifiers::ALT);
    assert!(a.finder.is_none() && a.analysis_open);
    assert_eq!(analysis(&a).input.text(), "nghi quyet");
    assert!(
        !analysis(&a).editing,
        "a query given: the table has the keys"
    );
    assert_eq!(serve(&mut a).query, "nghi quyet");
    assert!(analysis(&a).rows().count() > 0);
}

#[test]
fn stale_results_are_dropped() {
    let mut a = embedded();
    press(&mut a, "anghi");
    let old = requests(&mut a).pop().unwrap();
    press(&mut a, " quyet");
    let new = requests(&mut a).pop().unwrap();
    assert!(new.generation > old.generation);
    // The old query's results arrive after the new one was asked: dropped.
    let r = run(&a, old.clone());
    send(&mut a, Event::AnalysisResults(Box::new(r)));
    assert!(analysis(&a).results.is_none());
    let r = run(&a, new.clone());
    let hits = r.hits;
    send(&mut a, Event::AnalysisResults(Box::new(r)));
    assert_eq!(
        analysis(&a).results.as_ref().unwrap().generation,
        new.generation
    );
    // And late once the new ones are in: still dropped.
    let mut late = run(&a, old);
    late.hits = hits + 1000;
    send(&mut a, Event::AnalysisResults(Box::new(late)));
    assert_eq!(analysis(&a).results.as_ref().unwrap().hits, hits);
}

#[test]
fn enter_narrows_to_a_province_backspace_and_esc_widen_esc_at_the_top_closes() {
    let mut a = places();
    open_on(&mut a, "du lich");
    let provinces = groups(&a);
    let mut sorted = provinces.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["Quảng Ninh", "Thanh Hóa", "Tiền Giang", "Trà Vinh"]
    );
    let qn = analysis(&a)
        .rows()
        .find(|r| r.group == "Quảng Ninh")
        .unwrap()
        .clone();
    select_row(&mut a, "Quảng Ninh");
    press(&mut a, "\n");
    let v = analysis(&a);
    assert_eq!(v.narrow, [(By::Province, "Quảng Ninh".to_string())]);
    assert_eq!(v.by(), By::Locality);
    assert_eq!(v.view, View::Places, "a province's places are a table");
    let req = serve(&mut a);
    assert_eq!(req.narrow, Some((By::Province, "Quảng Ninh".into())));
    assert_eq!(req.by, By::Locality);
    // Its rows are its places, its hits its passages.
    let rows = groups(&a);
    assert!(rows.contains(&"Hạ Long".to_string()), "{rows:?}");
    for g in &rows {
        let l = a.corpus.localities.iter().find(|l| l.name == *g).unwrap();
        assert_eq!(l.province, "Quảng Ninh", "{g}");
    }
    assert_eq!(analysis(&a).results.as_ref().unwrap().hits, qn.passages);
    // Backspace widens.
    key(&mut a, KeyCode::Backspace, NONE);
    assert!(analysis(&a).narrow.is_empty());
    let req = serve(&mut a);
    assert_eq!((req.by, req.narrow), (By::Province, None));
    assert_eq!(groups(&a), provinces);
    // Esc widens too, then closes; the state is kept for `a`.
    select_row(&mut a, "Quảng Ninh");
    press(&mut a, "\n");
    serve(&mut a);
    press(&mut a, "\x1b");
    assert!(a.analysis_open && analysis(&a).narrow.is_empty());
    serve(&mut a);
    press(&mut a, "\x1b");
    assert!(!a.analysis_open);
    assert_eq!(analysis(&a).input.text(), "du lich");
    press(&mut a, "a");
    assert!(a.analysis_open);
    assert!(requests(&mut a).is_empty(), "the same view: nothing to ask");
    assert_eq!(groups(&a), provinces);
}

#[test]
fn enter_on_a_place_narrows_to_it_and_shows_its_concordance() {
    let mut a = places();
    open_on(&mut a, "du lich");
    press(&mut a, "c");
    assert_eq!(analysis(&a).by(), By::Locality);
    serve(&mut a);
    select_row(&mut a, "Hạ Long");
    press(&mut a, "\n");
    let v = analysis(&a);
    assert_eq!(v.narrow, [(By::Locality, "Hạ Long".to_string())]);
    assert_eq!(v.view, View::Concordance);
    serve(&mut a);
    let r = analysis(&a).results.as_ref().unwrap();
    assert!(!r.lines.is_empty());
    assert!(
        r.lines.iter().all(|l| l.place.as_deref() == Some("Hạ Long")
            || a.corpus.documents[l.at.doc_index()]
                .localities
                .contains(&"d193".to_string())),
        "{:?}",
        r.lines
    );
}

#[test]
fn p_and_c_change_what_the_rows_are() {
    let mut a = embedded();
    open_on(&mut a, "nghi quyet");
    assert_eq!(analysis(&a).by(), By::Province);
    press(&mut a, "p");
    assert_eq!(analysis(&a).by(), By::Province2025);
    assert_eq!(serve(&mut a).by, By::Province2025);
    press(&mut a, "p");
    assert_eq!(analysis(&a).by(), By::Province);
    assert_eq!(serve(&mut a).by, By::Province);
    press(&mut a, "c");
    assert_eq!(analysis(&a).by(), By::Locality);
    assert_eq!(serve(&mut a).by, By::Locality);
    // The rows are places now: a province's name is not one of them unless a place has it.
    let rows = groups(&a);
    assert!(rows.iter().all(|g| {
        a.corpus
            .localities
            .iter()
            .any(|l| l.name == *g || g.starts_with(&format!("{} (", l.name)))
    }));
    press(&mut a, "c");
    assert_eq!(analysis(&a).by(), By::Province);
    // `p` while narrowed widens: the place belonged to the other grouping.
    press(&mut a, "\n");
    assert!(!analysis(&a).narrow.is_empty());
    press(&mut a, "p");
    assert!(analysis(&a).narrow.is_empty());
    assert_eq!(analysis(&a).by(), By::Province2025);
}

/// Is `v` ordered by `key`, `desc` biggest first?
fn ordered<K: PartialOrd>(v: &[K], desc: bool) -> bool {
    v.windows(2)
        .all(|w| if desc { w[0] >= w[1] } else { w[0] <= w[1] })
}

fn assert_sorted(a: &App) {
    let v = analysis(a);
    let rows: Vec<&Row> = v.rows().collect();
    assert_eq!(rows.len(), v.results.as_ref().unwrap().rows.len());
    let d = !v.reverse;
    let ok = match v.row_sort {
        RowSort::Rate => ordered(&rows.iter().map(|r| r.per_100).collect::<Vec<_>>(), d),
        RowSort::Matching => ordered(
            &rows.iter().map(|r| r.matching_articles).collect::<Vec<_>>(),
            d,
        ),
        RowSort::Passages => ordered(&rows.iter().map(|r| r.passages).collect::<Vec<_>>(), d),
        RowSort::Articles => ordered(&rows.iter().map(|r| r.articles).collect::<Vec<_>>(), d),
        RowSort::Name => ordered(
            &rows
                .iter()
                .map(|r| crate::text::collate::vi_key(&r.group))
                .collect::<Vec<_>>(),
            !d,
        ),
        // Undated rows last.
        RowSort::First => ordered(
            &rows
                .iter()
                .map(|r| (r.first.is_none(), r.first.clone()))
                .collect::<Vec<_>>(),
            !d,
        ),
        RowSort::Last => ordered(
            &rows
                .iter()
                .map(|r| (r.last.is_none(), r.last.clone()))
                .collect::<Vec<_>>(),
            !d,
        ),
    };
    let table: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                &r.group,
                r.per_100,
                r.matching_articles,
                r.passages,
                r.articles,
                &r.first,
                &r.last,
            )
        })
        .collect();
    assert!(ok, "{:?} reversed {}: {table:#?}", v.row_sort, v.reverse);
}

#[test]
fn s_cycles_the_sorts_each_really_sorted_and_r_reverses() {
    let mut a = embedded();
    open_on(&mut a, "nghi quyet");
    press(&mut a, "c"); // places: more rows, more varied
    serve(&mut a);
    assert!(groups(&a).len() >= 4, "{:?}", groups(&a));
    assert_eq!(analysis(&a).row_sort, RowSort::Rate);
    assert_sorted(&a);
    for want in RowSort::ALL.iter().skip(1) {
        press(&mut a, "s");
        assert_eq!(analysis(&a).row_sort, *want);
        assert_sorted(&a);
        let before = groups(&a);
        press(&mut a, "r");
        assert!(analysis(&a).reverse);
        assert_sorted(&a);
        let mut back = groups(&a);
        back.reverse();
        assert_eq!(back, before);
        press(&mut a, "r");
    }
    press(&mut a, "s");
    assert_eq!(analysis(&a).row_sort, RowSort::Rate, "round the cycle");
    // A sort of the table is the app's own: no request.
    assert!(requests(&mut a).is_empty());
    // In the concordance `s` sorts the lines, by the worker.
    press(&mut a, "\t\t");
    press(&mut a, "s");
    assert_eq!(analysis(&a).kwic_sort, Sort::Left);
    assert_eq!(serve(&mut a).sort, Sort::Left);
}

#[test]
fn space_marks_at_most_three_places_and_v_reads_them_side_by_side() {
    let mut a = places();
    open_on(&mut a, "du lich");
    let rows = groups(&a);
    assert_eq!(rows.len(), 4, "{rows:?}");
    let by = |g: &[String]| -> Vec<(By, String)> {
        g.iter().map(|g| (By::Province, g.clone())).collect()
    };
    press(&mut a, "   ");
    assert_eq!(analysis(&a).marked, by(&rows[..3]));
    assert_eq!(analysis(&a).row, 3, "Space moves down");
    assert!(a.notice.is_none());
    press(&mut a, " ");
    assert_eq!(analysis(&a).marked.len(), 3);
    assert_eq!(
        a.notice.as_deref(),
        Some(crate::app::strings::too_many_columns(3).as_str())
    );
    // Space on a marked row unmarks it.
    press(&mut a, "gj ");
    let chosen = by(&[rows[0].clone(), rows[2].clone()]);
    assert_eq!(analysis(&a).marked, chosen);
    press(&mut a, "v");
    let v = analysis(&a);
    assert_eq!(v.view, View::Columns);
    assert_eq!(v.columns, chosen);
    let req = serve(&mut a);
    assert_eq!(req.columns, chosen);
    let r = analysis(&a).results.as_ref().unwrap();
    assert_eq!(r.columns.len(), 2);
    for (c, place) in r.columns.iter().zip(&chosen) {
        let row = r.rows.iter().find(|x| x.group == place.1).unwrap();
        assert_eq!(c.len(), row.passages, "{place:?}");
    }
    // ↓ moves down the focused column, → and ← between columns (each keeps its place).
    assert!(r.columns[0].len() > 1 && r.columns[1].len() == 1);
    press(&mut a, "j");
    key(&mut a, KeyCode::Right, NONE);
    press(&mut a, "jj");
    key(&mut a, KeyCode::Right, NONE);
    let v = analysis(&a);
    assert_eq!((v.column, v.column_selected.clone()), (1, vec![1, 0]));
    key(&mut a, KeyCode::Left, NONE);
    let at = analysis(&a).passage().unwrap();
    assert_eq!(at, r_column(&a, 0)[1]);
    // Enter reads the selected passage.
    press(&mut a, "\n");
    assert!(!a.analysis_open);
    assert_eq!(a.reader.doc, Some(at.doc_index()));
}

fn r_column(a: &App, c: usize) -> Vec<crate::corpus::PassageRef> {
    analysis(a).results.as_ref().unwrap().columns[c]
        .iter()
        .map(|h| h.at)
        .collect()
}

#[test]
fn v_with_nothing_marked_reads_the_two_first_rows() {
    let mut a = places();
    open_on(&mut a, "du lich");
    press(&mut a, "s"); // by matching articles
    let rows = groups(&a);
    press(&mut a, "v");
    let first: Vec<(By, String)> = rows[..2]
        .iter()
        .map(|g| (By::Province, g.clone()))
        .collect();
    assert_eq!(analysis(&a).columns, first);
    assert_eq!(serve(&mut a).columns, first);
}

#[test]
fn enter_in_the_concordance_reads_the_passage_and_a_or_esc_returns_as_left() {
    let mut a = embedded();
    open_on(&mut a, "nghi quyet");
    press(&mut a, "\t\t");
    assert_eq!(analysis(&a).view, View::Concordance);
    // The concordance asks for every line.
    assert!(serve(&mut a).all_lines);
    press(&mut a, "jj");
    let at = analysis(&a).passage().expect("a line is selected");
    assert_eq!(at, analysis(&a).results.as_ref().unwrap().lines[2].at);
    press(&mut a, "\n");
    assert!(!a.analysis_open);
    assert_eq!(a.focus, Pane::Reader);
    assert_eq!(a.reader.doc, Some(at.doc_index()));
    assert_eq!(a.current_passage(), Some(at));
    // `a` returns to the same line of the same view, without asking again.
    press(&mut a, "a");
    assert!(a.analysis_open);
    let v = analysis(&a);
    assert_eq!((v.view, v.line), (View::Concordance, 2));
    assert!(requests(&mut a).is_empty());
    // So does Esc in the reader, after reading a passage from the view.
    press(&mut a, "j\n");
    assert!(!a.analysis_open);
    press(&mut a, "\x1b");
    assert!(a.analysis_open);
    assert_eq!(analysis(&a).line, 3);
    // Esc in the panes without having come from the view opens nothing.
    press(&mut a, "\x1b");
    assert!(!a.analysis_open);
    press(&mut a, "1\x1b");
    assert!(!a.analysis_open);
}

#[test]
fn b_bookmarks_the_selected_line() {
    let mut a = embedded();
    a.bookmarks.loaded = true;
    open_on(&mut a, "nghi quyet");
    // In the table there is no passage to bookmark.
    press(&mut a, "b");
    assert_eq!(
        a.notice.as_deref(),
        Some(crate::app::strings::NOTHING_TO_BOOKMARK)
    );
    assert!(a.bookmarks.list.is_empty());
    press(&mut a, "\t\tj");
    let at = analysis(&a).passage().unwrap();
    press(&mut a, "b");
    assert!(a.analysis_open, "b does not leave the view");
    assert_eq!(a.bookmarks.list.len(), 1);
    assert_eq!(a.bookmarks.list[0].quote.text, at.get(&a.corpus).text);
    assert!(a.bookmarks.is_marked(at));
    let ops: Vec<Op> = a
        .sent
        .drain(..)
        .filter_map(|e| match e {
            Effect::Bookmarks(BookmarkRequest::Apply { ops, .. }) => Some(ops),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(matches!(&ops[..], [Op::Add(b)] if b.id == a.bookmarks.list[0].id));
    // Again: told it is there, nothing new.
    press(&mut a, "b");
    assert_eq!(a.bookmarks.list.len(), 1);
    assert!(a.notice.as_deref().unwrap().contains("đã đánh dấu rồi"));
}

#[test]
fn the_filter_bar_moves_between_facets_sets_and_clears_them() {
    let mut a = embedded();
    open_on(&mut a, "nghi quyet");
    let years: Vec<String> = analysis(&a)
        .values
        .years
        .iter()
        .map(|y| y.0.clone())
        .collect();
    assert_eq!(years.first().map(String::as_str), Some("2020"));
    assert_eq!(years.last().map(String::as_str), Some("2023"));
    press(&mut a, "f");
    assert_eq!(a.key_scope(), Scope::AnalysisFacets);
    assert_eq!(analysis(&a).facet, Some(Facet::From));
    // ↓: the first year.
    key(&mut a, KeyCode::Down, NONE);
    assert_eq!(analysis(&a).facets.from.as_deref(), Some("2020-01-01"));
    let req = serve(&mut a);
    assert_eq!(req.facets.from.as_deref(), Some("2020-01-01"));
    // →: the end date; ↑ from nothing: the last year.
    key(&mut a, KeyCode::Right, NONE);
    assert_eq!(analysis(&a).facet, Some(Facet::To));
    key(&mut a, KeyCode::Up, NONE);
    assert_eq!(analysis(&a).facets.to.as_deref(), Some("2023-12-31"));
    // ↓ past the last value: none.
    key(&mut a, KeyCode::Down, NONE);
    assert_eq!(analysis(&a).facets.to, None);
    key(&mut a, KeyCode::Down, NONE);
    assert_eq!(analysis(&a).facets.to.as_deref(), Some("2020-12-31"));
    let req = serve(&mut a);
    assert_eq!(
        (req.facets.from.as_deref(), req.facets.to.as_deref()),
        (Some("2020-01-01"), Some("2020-12-31"))
    );
    // The articles counted are those of 2020.
    let in_2020 = a
        .corpus
        .documents
        .iter()
        .filter(|d| d.date.as_deref().is_some_and(|d| d.starts_with("2020")))
        .count();
    assert_eq!(analysis(&a).results.as_ref().unwrap().articles, in_2020);
    // x clears the focused facet only.
    press(&mut a, "x");
    assert_eq!(analysis(&a).facets.to, None);
    assert_eq!(analysis(&a).facets.from.as_deref(), Some("2020-01-01"));
    // → term, outlet, about; → wraps to From, ← back to About.
    key(&mut a, KeyCode::Right, NONE);
    assert_eq!(analysis(&a).facet, Some(Facet::Term));
    key(&mut a, KeyCode::Down, NONE);
    assert_eq!(analysis(&a).facets.term, Some(TERMS[0]));
    press(&mut a, "x");
    key(&mut a, KeyCode::Right, NONE);
    key(&mut a, KeyCode::Down, NONE);
    let outlet = analysis(&a).values.outlets[0].0.clone();
    assert_eq!(analysis(&a).facets.outlet.as_ref(), Some(&outlet));
    assert_eq!(serve(&mut a).facets.outlet, Some(outlet));
    key(&mut a, KeyCode::Right, NONE);
    assert_eq!(analysis(&a).facet, Some(Facet::About));
    key(&mut a, KeyCode::Down, NONE);
    assert!(analysis(&a).about_only);
    assert!(serve(&mut a).about_only);
    key(&mut a, KeyCode::Right, NONE);
    assert_eq!(analysis(&a).facet, Some(Facet::From));
    key(&mut a, KeyCode::Left, NONE);
    assert_eq!(analysis(&a).facet, Some(Facet::About));
    press(&mut a, "x");
    assert!(!analysis(&a).about_only);
    // Enter, Esc or f leave the bar, the facets kept.
    press(&mut a, "\n");
    assert_eq!(analysis(&a).facet, None);
    assert_eq!(a.key_scope(), Scope::Analysis);
    press(&mut a, "f\x1b");
    assert_eq!(analysis(&a).facet, None);
    assert!(a.analysis_open, "Esc leaves the bar, not the view");
    press(&mut a, "ff");
    assert_eq!(analysis(&a).facet, None);
    assert_eq!(analysis(&a).facets.from.as_deref(), Some("2020-01-01"));
}

#[test]
fn enter_on_a_period_sets_the_dates() {
    let mut a = embedded();
    open_on(&mut a, "nghi quyet");
    press(&mut a, "\t");
    assert_eq!(analysis(&a).view, View::Time);
    let periods = analysis(&a)
        .results
        .as_ref()
        .unwrap()
        .timeline
        .periods
        .clone();
    assert_eq!(periods, ["2020", "2021", "2022", "2023"]);
    press(&mut a, "G\n");
    let v = analysis(&a);
    assert_eq!(v.facets.from.as_deref(), Some("2023-01-01"));
    assert_eq!(v.facets.to.as_deref(), Some("2023-12-31"));
    assert_eq!(v.view, View::Places);
    let req = serve(&mut a);
    assert_eq!(req.facets.from.as_deref(), Some("2023-01-01"));
    assert_eq!(analysis(&a).results.as_ref().unwrap().articles, 1);
    // Months: their first and last day, February of a leap year too.
    assert_eq!(
        period_days("2024-02"),
        ("2024-02-01".into(), "2024-02-29".into())
    );
    assert_eq!(
        period_days("2023-02"),
        ("2023-02-01".into(), "2023-02-28".into())
    );
    assert_eq!(
        period_days("2023-11"),
        ("2023-11-01".into(), "2023-11-30".into())
    );
}

/// `?` in the analysis view opens the help at the view's own keys.
#[test]
fn help_opens_at_the_analysis_keys() {
    let mut a = crate::app::tests::app(120, 40);
    crate::app::tests::press(&mut a, "a\x1b?");
    assert!(a.help);
    let at = crate::app::action::help_line_of(crate::app::Scope::Analysis);
    assert!(at > 0);
    assert_eq!(a.help_scroll, at);
    let theme = crate::ui::Theme {
        color: false,
        ascii: false,
    };
    let lines = crate::ui::help::lines(theme, 80);
    let title: String = lines[at].spans.iter().map(|s| s.content.as_ref()).collect();
    assert_eq!(
        title,
        crate::app::strings::scope_title(crate::app::Scope::Analysis)
    );
}

/// A paste goes into the query box while it is typed into, as one request.
#[test]
fn a_paste_types_the_query() {
    let mut a = crate::app::tests::app(120, 40);
    crate::app::tests::press(&mut a, "a");
    crate::app::tests::send(&mut a, crate::app::Event::Paste("nghi\nquyet".into()));
    assert_eq!(analysis(&a).input.text(), "nghi quyet");
    let sent = requests(&mut a);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].query, "nghi quyet");
    // Out of the box (Enter), a paste is not typed anywhere in the view.
    crate::app::tests::press(&mut a, "\n");
    crate::app::tests::send(&mut a, crate::app::Event::Paste("x".into()));
    assert_eq!(analysis(&a).input.text(), "nghi quyet");
}

/// `v` in the locality list marks a province or a place for side by side; the view reads
/// a place beside a province, each counted under its own grouping.
#[test]
fn v_in_the_locality_list_picks_places_to_read_side_by_side() {
    let mut a = places();
    a.localities.expand_all(&std::sync::Arc::clone(&a.corpus));
    let row_of = |a: &App, name: &str| {
        a.localities
            .rows
            .iter()
            .position(|r| match r {
                super::super::localities::LocalityRow::Province { name: n, .. }
                | super::super::localities::LocalityRow::Locality { name: n, .. } => n == name,
                super::super::localities::LocalityRow::All { .. } => false,
            })
            .unwrap_or_else(|| panic!("no row {name}"))
    };
    a.localities.selected = row_of(&a, "Thanh Hóa");
    press(&mut a, "v");
    a.localities.selected = row_of(&a, "Hạ Long");
    press(&mut a, "v");
    assert!(a.notice.as_deref().unwrap().contains("(2/3)"));
    assert_eq!(
        analysis(&a).marked,
        [
            (By::Province, "Thanh Hóa".to_string()),
            (By::Locality, "Hạ Long".to_string())
        ]
    );
    // "Tất cả" is no place.
    a.localities.selected = 0;
    press(&mut a, "v");
    assert_eq!(a.notice.as_deref(), Some(crate::app::strings::NOT_A_PLACE));
    // In the view, v reads them.
    open_on(&mut a, "du lich");
    press(&mut a, "v");
    let req = serve(&mut a);
    assert_eq!(req.columns.len(), 2);
    let r = analysis(&a).results.as_ref().unwrap();
    let th = r.rows.iter().find(|x| x.group == "Thanh Hóa").unwrap();
    assert_eq!(r.columns[0].len(), th.passages);
    // Hạ Long's passages: those about it (its section and its own article).
    assert!(!r.columns[1].is_empty());
    for h in &r.columns[1] {
        let g = crate::analysis::counts::Grouper::new(&a.corpus, By::Locality, false);
        assert!(
            g.groups(h.at.doc_index(), Some(h.at.section_index()))
                .contains(&"Hạ Long".to_string())
        );
    }
}
