//! The analysis view (`a`, issue 14) end to end: the real binary on the embedded corpus in
//! a pseudo-terminal. A query typed into the view fills the places table and the counts of
//! its title; Tab reaches the concordance with the matched words; Enter reads a line's
//! passage in the reader; `a` opens the view again as it was left; Esc closes it, and `q`
//! quits with the terminal handed back.
//!
//! What the screen must show is computed by the library's own analysis worker over the same
//! corpus, so the test follows the corpus and the counting rules rather than fixed numbers.

use std::sync::{Arc, mpsc};
use std::time::Duration;

use nghiquyet::analysis::worker::{AnalysisWorker, Results};
use nghiquyet::app::analysis::Analysis;
use nghiquyet::corpus::Corpus;
use nghiquyet::search::SearchIndex;

use crate::common_pty::{ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, PtySession, TIMEOUT, rfind};

const FIRST_FRAME: &str = "1 Địa phương";
const QUERY: &str = "nghi quyet";
/// The title's first words, while the view is open.
const TITLE: &str = " Phân tích Tất cả";
/// The title's mark of partial results.
const COUNTING: &str = "đang đếm…";
const COLS: u16 = 120;
const ROWS: u16 = 40;
/// Screen rows of the view: title, query box, tabs, filter bar, the body's heading, then
/// the body's first row.
const FIRST_BODY_ROW: u16 = 5;
/// At 120 columns the reader pane's text starts at this column (its border at 62).
const READER_COLUMN: usize = 63;

/// `n` with `.` between thousands, as the view writes counts.
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// What the view shows for `query` when opened from the panes with it: the worker's final
/// results for the view's first request.
fn expected(corpus: &Arc<Corpus>, query: &str) -> Results {
    let index = Arc::new(SearchIndex::build(corpus));
    let (tx, rx) = mpsc::channel();
    let worker = AnalysisWorker::spawn(index, Arc::clone(corpus), move |r| {
        let _ = tx.send(r);
    });
    worker.submit(Analysis::new(corpus, query).request(1));
    loop {
        let r = rx
            .recv_timeout(TIMEOUT)
            .expect("the analysis worker answers");
        if r.done {
            return r;
        }
    }
}

/// The style of a cell, as far as a highlight goes.
type Look = (vt100::Color, vt100::Color, bool);

/// Screen row `y` of a whole frame, one entry per character cell (a wide character's second
/// cell left out): its text and its look.
fn cells(s: &PtySession, y: u16) -> Vec<(String, Look)> {
    let grab = std::cell::RefCell::new(Vec::new());
    s.wait_until("a whole frame", TIMEOUT, |screen| {
        *grab.borrow_mut() = (0..COLS)
            .filter_map(|x| screen.cell(y, x))
            .filter(|c| !c.is_wide_continuation())
            .map(|c| {
                let text = if c.has_contents() { c.contents() } else { " " };
                (text.to_string(), (c.fgcolor(), c.bgcolor(), c.bold()))
            })
            .collect();
        true
    });
    grab.into_inner()
}

/// The title row holds the final counts of `r` (no partial mark).
fn wait_title(s: &PtySession, r: &Results) {
    let counts = format!(
        " · {} đoạn · {} tỉnh · {} bài · ",
        thousands(r.hits),
        thousands(r.rows.len()),
        thousands(r.articles)
    );
    s.wait_until(
        &format!("the title with {counts:?} and no {COUNTING:?}"),
        TIMEOUT,
        |screen| {
            let title = screen.rows(0, COLS).next().unwrap_or_default();
            title.starts_with(TITLE)
                && title.contains(&counts)
                && title.trim_end().ends_with(" ms")
                && !title.contains(COUNTING)
        },
    );
}

#[test]
fn a_counts_a_query_by_place_reads_its_concordance_and_its_passage() {
    let corpus = Arc::new(nghiquyet::embedded::corpus());
    let want = expected(&corpus, QUERY);
    assert!(
        want.rows.len() >= 2 && want.lines.len() >= 2,
        "the embedded corpus has {QUERY:?} in several provinces"
    );

    let mut s = PtySession::spawn(COLS, ROWS);
    s.wait_for(FIRST_FRAME, TIMEOUT);
    // Opened from the panes with no query: the query box takes the keys.
    s.send("a");
    s.wait_for(TITLE, TIMEOUT);
    s.wait_for("Truy vấn › ", TIMEOUT);
    s.send(QUERY);
    wait_title(&s, &want);
    s.wait_for(&format!("Truy vấn › {QUERY}"), TIMEOUT);

    // The places table: its heading, then the provinces in the worker's order (the rate).
    let heading = s.row(FIRST_BODY_ROW - 1);
    assert!(heading.starts_with("tỉnh"), "{heading:?}");
    assert!(heading.contains("/100 bài"), "{heading:?}");
    for (i, row) in want.rows.iter().take(3).enumerate() {
        let y = FIRST_BODY_ROW + u16::try_from(i).unwrap();
        let shown = s.row(y);
        assert!(
            shown.trim_start().starts_with(&row.group),
            "row {y} shows {shown:?}, not {:?}\n{}",
            row.group,
            s.screen_text()
        );
        assert!(
            shown.contains(&format!(" {} ", thousands(row.passages))),
            "row {y} ({shown:?}) has {} passages",
            row.passages
        );
    }

    // Enter leaves the query box; Tab twice: the time bars, then the concordance.
    s.send("\r");
    s.send("\t");
    s.wait_for("bài khớp theo", TIMEOUT);
    s.send("\t");
    let concordance = format!("ngữ cảnh · {} dòng", thousands(want.lines.len()));
    s.wait_for(&concordance, TIMEOUT);
    // Each line shows its match; the second line's (not under the selection) in the
    // match's own style, unlike the context after it.
    for (i, line) in want.lines.iter().take(2).enumerate() {
        let y = FIRST_BODY_ROW + u16::try_from(i).unwrap();
        let shown = s.row(y);
        assert!(
            shown.contains(&line.matched),
            "line {y} ({shown:?}) shows the match {:?}",
            line.matched
        );
    }
    let second = &want.lines[1].matched;
    let row = cells(&s, FIRST_BODY_ROW + 1);
    let text: String = row.iter().map(|c| c.0.as_str()).collect();
    let at = text
        .find(second.as_str())
        .expect("the match is on its line");
    let col = text[..at].chars().count();
    // The right context follows the match on every line (the left one may be empty).
    let after = (col + second.chars().count()..row.len())
        .find(|&i| row[i].0 != " ")
        .expect("context after the match");
    assert_ne!(
        row[col].1, row[after].1,
        "the match {second:?} is styled apart from its context: {text:?}"
    );

    // Enter reads the selected (first) line's passage: the view closes, the reader shows it.
    let passage = &want.lines[0].at.get(&corpus).text;
    let opening: String = passage
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    s.send("\r");
    s.wait_until(
        &format!("the reader showing {opening:?}, the view closed"),
        TIMEOUT,
        |screen| {
            let text = screen.contents();
            !text.contains(TITLE)
                && text.contains("3 Bài viết")
                && screen.rows(0, COLS).any(|r| {
                    r.chars()
                        .skip(READER_COLUMN)
                        .collect::<String>()
                        .contains(&opening)
                })
        },
    );

    // `a` opens the view again as it was left: the same query, counts and concordance.
    s.send("a");
    wait_title(&s, &want);
    s.wait_for(&concordance, TIMEOUT);
    s.wait_for(&format!("Truy vấn › {QUERY}"), TIMEOUT);

    // Esc closes it (nothing was narrowed); q then quits.
    s.send("\x1b");
    s.wait_until("the panes back, the view closed", TIMEOUT, |screen| {
        let text = screen.contents();
        !text.contains(TITLE) && text.contains(FIRST_FRAME) && text.contains("q thoát")
    });
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
    assert_restored(&s);
}

/// The terminal was handed back: the alternate screen left after it was last entered, the
/// cursor shown, the pty out of raw mode.
fn assert_restored(s: &PtySession) {
    let raw = s.raw();
    let enter = rfind(&raw, ENTER_ALT_SCREEN).expect("the alternate screen was never entered");
    let leave = rfind(&raw, LEAVE_ALT_SCREEN).expect("the alternate screen was never left");
    assert!(
        leave > enter,
        "the alternate screen left ({leave}) before entered ({enter})"
    );
    assert!(!s.alternate_screen(), "still on the alternate screen");
    let hide = rfind(&raw, b"\x1b[?25l").expect("the cursor was hidden while drawing");
    let show = rfind(&raw, b"\x1b[?25h").expect("the cursor was never shown again");
    assert!(show > hide, "the cursor is left hidden");
    s.wait_until("the cursor shown", TIMEOUT, |screen| !screen.hide_cursor());
    if let Some(cooked) = s.cooked_mode() {
        assert!(cooked, "the pty was left in raw mode");
    }
}
