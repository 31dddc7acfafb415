//! `y` / `Y` end to end: the real binary in a pty writes OSC 52 (`ESC ] 52 ; c ; base64 BEL`)
//! holding the passage at the top of the reader and its citation; on the Linux console it
//! writes none and says why.

use std::sync::Arc;

use base64::Engine as _;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nghiquyet::app::clipboard::Source;
use nghiquyet::app::{App, Event};

use crate::common_pty::{PtySession, TIMEOUT};

const FIRST_FRAME: &str = "1 Địa phương";
const OSC52: &[u8] = b"\x1b]52;c;";

/// Every OSC 52 payload in `raw`, decoded.
fn osc52_payloads(raw: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(start) = rest.windows(OSC52.len()).position(|w| w == OSC52) {
        let body = &rest[start + OSC52.len()..];
        let end = body
            .iter()
            .position(|&b| b == 0x07)
            .expect("the sequence ends with BEL");
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&body[..end])
            .expect("valid base64");
        out.push(String::from_utf8(bytes).expect("UTF-8"));
        rest = &body[end..];
    }
    out
}

/// What the browser shows at `w`×`h` after `keys`, as the binary starts (embedded corpus, no
/// saved position): the passage at the top of the reader.
fn expected_source(w: u16, h: u16, keys: &str) -> Source {
    let mut a = App::new(Arc::new(nghiquyet::embedded::corpus()), "embedded", false);
    a.update(Event::Resize(w, h));
    for c in keys.chars() {
        a.update(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
    let at = a
        .current_passage()
        .expect("a passage at the top of the reader");
    Source::of_passage(&a.corpus, at)
}

fn copy_in(env: &[(&str, &str)]) {
    let mut s = PtySession::spawn_with(120, 40, &[], env);
    s.wait_for(FIRST_FRAME, TIMEOUT);
    s.send("3jj");
    s.send("y");
    s.wait_for("đã chép đoạn kèm trích dẫn", TIMEOUT);
    let expected = expected_source(120, 40, "3jj");
    let got = osc52_payloads(&s.raw());
    assert_eq!(got, vec![expected.with_citation()]);
    let copied = &got[0];
    assert!(copied.contains(&expected.passage_id), "{copied}");
    assert!(copied.lines().last().unwrap().starts_with("— "), "{copied}");
    // The screen is whole around it: the panes are still drawn.
    s.wait_for("3 Bài viết", TIMEOUT);

    s.send("Y");
    s.wait_for("đã chép trích dẫn", TIMEOUT);
    let got = osc52_payloads(&s.raw());
    assert_eq!(got.len(), 2);
    assert_eq!(got[1], expected.citation());
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).success());
}

#[test]
fn y_writes_osc_52_with_the_passage_and_its_citation() {
    copy_in(&[]);
}

/// Inside tmux the same plain sequence goes out: tmux takes it with `set-clipboard on`
/// (no passthrough wrapping needed).
#[test]
fn y_in_tmux_writes_the_same_plain_sequence() {
    copy_in(&[
        ("TMUX", "/tmp/tmux-1000/default,1,0"),
        ("TERM", "tmux-256color"),
    ]);
}

#[test]
fn on_the_linux_console_y_writes_nothing_and_says_why() {
    let mut s = PtySession::spawn_with(120, 40, &[], &[("TERM", "linux")]);
    s.wait_for(FIRST_FRAME, TIMEOUT);
    s.send("3y");
    s.wait_for("chép tắt: TERM=linux", TIMEOUT);
    assert!(osc52_payloads(&s.raw()).is_empty());
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).success());
}

#[test]
fn osc52_off_flag_turns_copying_off() {
    let mut s = PtySession::spawn_with(120, 40, &["--osc52", "off"], &[]);
    s.wait_for(FIRST_FRAME, TIMEOUT);
    s.send("3y");
    s.wait_for("chép tắt: --osc52 off", TIMEOUT);
    assert!(osc52_payloads(&s.raw()).is_empty());
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).success());
}
