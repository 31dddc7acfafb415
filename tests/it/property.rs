//! Random key presses and resizes, applied to the App and drawn after every step: nothing
//! panics, and the selections and the reader's scroll stay within what they index.

use std::sync::{Arc, LazyLock};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nghiquyet::app::action::KEYMAP;
use nghiquyet::app::{App, Event};
use nghiquyet::ui::{self, Theme};
use proptest::prelude::*;
use proptest::test_runner::Config;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Preprocessing the embedded corpus costs more than a whole case: do it once.
static CORPUS: LazyLock<Arc<nghiquyet::corpus::Corpus>> =
    LazyLock::new(|| Arc::new(nghiquyet::embedded::corpus()));

#[derive(Debug, Clone)]
enum Step {
    Key(KeyCode, KeyModifiers),
    Resize(u16, u16),
}

/// Every key the keymap binds, with its modifiers.
fn bound_keys() -> Vec<(KeyCode, KeyModifiers)> {
    KEYMAP.iter().flat_map(|b| b.keys.iter().copied()).collect()
}

/// A terminal size: often tiny (where layouts break), otherwise anything up to 200×60.
fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![(0u16..=12, 0u16..=8), (0u16..=200, 0u16..=60)]
}

fn step() -> impl Strategy<Value = Step> {
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    prop_oneof![
        6 => prop::sample::select(bound_keys()).prop_map(|(c, m)| Step::Key(c, m)),
        2 => (any::<char>(), modifiers).prop_map(|(c, m)| Step::Key(KeyCode::Char(c), m)),
        1 => size().prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32);
    Config {
        cases,
        // No `proptest-regressions/` files beside the tests: a shrunk failure is printed,
        // and belongs in a named regression test.
        failure_persistence: None,
        ..Config::default()
    }
}

/// Selections index their rows, and the reader does not scroll past its end.
fn check_invariants(app: &App, after: &[Step]) {
    let loc = &app.localities;
    assert!(
        loc.selected < loc.rows.len().max(1),
        "locality {} of {} rows after {after:?}",
        loc.selected,
        loc.rows.len()
    );
    let out = &app.outline;
    assert!(
        out.selected < out.rows.len().max(1),
        "outline row {} of {} after {after:?}",
        out.selected,
        out.rows.len()
    );
    let r = &app.reader;
    assert!(
        r.scroll <= r.max_scroll(),
        "reader scroll {} > max {} ({} lines, height {}) after {after:?}",
        r.scroll,
        r.max_scroll(),
        r.lines.len(),
        r.height
    );
    if let Some(d) = r.doc {
        assert!(d < app.corpus.documents.len(), "reader on document {d}");
    }
}

fn new_terminal(w: u16, h: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(w, h)).expect("a test terminal")
}

/// Start at `w`×`h`, apply `steps`, check the invariants and draw after each one.
fn run(w: u16, h: u16, steps: &[Step], theme: Theme) {
    let mut app = App::new(Arc::clone(&CORPUS), "embedded", theme.ascii);
    app.update(Event::Resize(w, h));
    let mut size = (w, h);
    // One terminal per size, as in the real loop, so most draws are diffs.
    let mut terminal = (w > 0 && h > 0).then(|| new_terminal(w, h));
    for (i, s) in steps.iter().enumerate() {
        match *s {
            Step::Key(code, modifiers) => {
                app.update(Event::Key(KeyEvent::new(code, modifiers)));
            }
            Step::Resize(w, h) => {
                app.update(Event::Resize(w, h));
                if (w, h) != size {
                    size = (w, h);
                    terminal = (w > 0 && h > 0).then(|| new_terminal(w, h));
                }
            }
        }
        check_invariants(&app, &steps[..=i]);
        if let Some(t) = terminal.as_mut() {
            t.draw(|f| ui::draw(f, &app, theme)).expect("draw");
        }
    }
}

// Two properties (Unicode and ASCII drawing) so the test harness runs them side by side:
// drawing in a debug build is what takes the time.
proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_keys_and_resizes_never_break_the_browser(
        (w, h) in size(),
        steps in prop::collection::vec(step(), 0..200),
        color in any::<bool>(),
    ) {
        run(w, h, &steps, Theme { color, ascii: false });
    }

    #[test]
    fn random_keys_and_resizes_never_break_the_ascii_browser(
        (w, h) in size(),
        steps in prop::collection::vec(step(), 0..200),
        color in any::<bool>(),
    ) {
        run(w, h, &steps, Theme { color, ascii: true });
    }
}
