//! The analysis view's title tells final counts from pending ones: partial results, and the
//! results of an older query while a new one is counted, both end with `đang đếm…`.

use std::sync::{Arc, mpsc};

use nghiquyet::analysis::worker::{AnalysisWorker, Results};
use nghiquyet::app::{App, Effect, Event};
use nghiquyet::search::SearchIndex;

use super::{THEME, app, press, render, row_text};

const COUNTING: &str = "đang đếm…";

/// The final results of the newest analysis request among `effects`, as the worker sends
/// them.
fn analyse(a: &App, effects: Vec<Effect>) -> Results {
    let req = effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Analyze(r) => Some(r),
            _ => None,
        })
        .next_back()
        .expect("an analysis was asked for");
    let index = Arc::new(SearchIndex::build(&a.corpus));
    let (tx, rx) = mpsc::channel();
    let worker = AnalysisWorker::spawn(index, Arc::clone(&a.corpus), move |r| {
        let _ = tx.send(r);
    });
    worker.submit(req);
    loop {
        let r = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the analysis worker answers");
        if r.done {
            return r;
        }
    }
}

fn title(a: &App) -> String {
    let t = render(a, 120, 40, THEME);
    row_text(t.backend().inner.buffer(), 0)
}

#[test]
fn the_title_marks_counts_of_an_older_query_as_pending() {
    let mut a = app(120, 40);
    let fx = press(&mut a, "anghi quyet");
    let r = analyse(&a, fx);
    let hits = r.hits;
    a.update(Event::AnalysisResults(Box::new(r)));
    let done = title(&a);
    assert!(done.contains(&format!(" · {hits} đoạn · ")), "{done}");
    assert!(!done.contains(COUNTING), "{done}");

    // A letter more: the old counts stay, marked pending until the new ones come.
    let fx = press(&mut a, " d");
    let pending = title(&a);
    assert!(pending.contains(&format!(" · {hits} đoạn · ")), "{pending}");
    assert!(pending.trim_end().ends_with(COUNTING), "{pending}");
    let r = analyse(&a, fx);
    a.update(Event::AnalysisResults(Box::new(r)));
    let done = title(&a);
    assert!(!done.contains(COUNTING), "{done}");
}
