//! The mouse end to end in a pseudo-terminal: reports are asked for at start, a click and
//! the wheel (sent as the terminal sends them, SGR-encoded) act, and the reports are turned
//! off again on every way out — q, Ctrl-c, SIGTERM, SIGHUP, a panic, Ctrl-z (and back on
//! after `fg`). `--no-mouse` asks for none.

use crate::common_pty::{PtySession, TIMEOUT, binary, rfind};

const FIRST_FRAME: &str = "1 Địa phương";
/// Press-and-release reports (what the browser asks for, with SGR encoding below).
const MOUSE_ON: &[u8] = b"\x1b[?1000h";
const SGR_ON: &[u8] = b"\x1b[?1006h";
/// What turning reports off writes (crossterm's `DisableMouseCapture` ends with it).
const MOUSE_OFF: &[u8] = b"\x1b[?1000l";

/// A left click at 0-based `(x, y)`, press then release, as an xterm sends it in SGR mode.
fn click(s: &mut PtySession, x: u16, y: u16) {
    s.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        x + 1,
        y + 1,
        x + 1,
        y + 1
    ));
}

/// One notch of the wheel towards the user.
fn wheel_down(s: &mut PtySession, x: u16, y: u16) {
    s.send(&format!("\x1b[<65;{};{}M", x + 1, y + 1));
}

/// Mouse reports were turned on, and turned off after they were last turned on.
fn assert_mouse_off(s: &PtySession) {
    let raw = s.raw();
    let on = rfind(&raw, MOUSE_ON).expect("mouse reports were never turned on");
    let off = rfind(&raw, MOUSE_OFF).unwrap_or_else(|| {
        panic!(
            "mouse reports were never turned off; output ends with {:?}",
            String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..])
        )
    });
    assert!(
        off > on,
        "the last mouse-off ({off}) comes before the last mouse-on ({on})"
    );
    s.wait_until(
        "the emulated terminal to report no mouse",
        TIMEOUT,
        |screen| screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None,
    );
}

/// The status line's hints name the focused pane: the outline's include Space (toggle),
/// the localities' `p` (grouping), the reader's neither.
fn wait_status(s: &PtySession, what: &str, test: impl Fn(&str) -> bool) {
    s.wait_until(what, TIMEOUT, |screen| {
        let status = screen
            .rows(0, screen.size().1.get())
            .last()
            .unwrap_or_default();
        status.contains("q thoát") && test(&status)
    });
}

/// The reader's columns of screen row `y` (at 120 columns it starts past column 62).
fn reader_row(s: &PtySession, y: u16) -> String {
    s.row(y).chars().skip(64).collect()
}

#[test]
fn clicks_and_the_wheel_act_and_q_turns_the_mouse_off() {
    let mut s = PtySession::spawn(120, 40);
    s.wait_for(FIRST_FRAME, TIMEOUT);
    let raw = s.raw();
    assert!(rfind(&raw, MOUSE_ON).is_some() && rfind(&raw, SGR_ON).is_some());
    assert!(
        s.alternate_screen(),
        "the browser is on the alternate screen"
    );
    // The outline (columns 26 to 61 at 120): focused by a click on its third row.
    click(&mut s, 35, 3);
    wait_status(&s, "the outline focused by a click", |st| {
        st.contains("Space")
    });
    // The wheel over the reader scrolls it, and the focus stays in the outline.
    let before = reader_row(&s, 1);
    wheel_down(&mut s, 90, 10);
    s.wait_until("the reader to scroll", TIMEOUT, |screen| {
        let row: String = screen
            .rows(0, 120)
            .nth(1)
            .unwrap_or_default()
            .chars()
            .skip(64)
            .collect();
        row != before
    });
    wait_status(&s, "the outline still focused", |st| st.contains("Space"));
    // A click in the reader focuses it.
    click(&mut s, 90, 10);
    wait_status(&s, "the reader focused by a click", |st| {
        !st.contains("Space") && !st.contains("p đổi")
    });
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).success());
    assert_mouse_off(&s);
}

#[test]
fn ctrl_c_turns_the_mouse_off() {
    let mut s = PtySession::spawn(100, 30);
    s.wait_for(FIRST_FRAME, TIMEOUT);
    s.send("\x03");
    assert!(s.wait_exit(TIMEOUT).success());
    assert_mouse_off(&s);
}

fn signal_turns_the_mouse_off(signal: libc::c_int) {
    let mut s = PtySession::spawn(100, 30);
    s.wait_for(FIRST_FRAME, TIMEOUT);
    s.signal(signal);
    let status = s.wait_exit(TIMEOUT);
    assert_eq!(
        status.exit_code(),
        128 + u32::try_from(signal).unwrap(),
        "{status}"
    );
    assert_mouse_off(&s);
}

#[test]
fn sigterm_turns_the_mouse_off() {
    signal_turns_the_mouse_off(libc::SIGTERM);
}

#[test]
fn sighup_turns_the_mouse_off() {
    signal_turns_the_mouse_off(libc::SIGHUP);
}

#[test]
fn a_panic_turns_the_mouse_off_before_its_message() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: NGHIQUYET_TEST_PANIC works in debug builds only");
        return;
    }
    let mut s = PtySession::spawn_with(100, 30, &[], &[("NGHIQUYET_TEST_PANIC", "1")]);
    s.wait_for(FIRST_FRAME, TIMEOUT);
    s.send("P");
    assert!(!s.wait_exit(TIMEOUT).success());
    assert_mouse_off(&s);
    let raw = s.raw();
    let off = rfind(&raw, MOUSE_OFF).unwrap();
    let message = rfind(&raw, b"test panic requested").expect("the panic message");
    assert!(
        message > off,
        "the panic message comes after the mouse is off"
    );
}

#[test]
fn no_mouse_asks_for_no_reports() {
    for args in [&["--no-mouse"][..], &["browse", "--no-mouse"]] {
        let mut s = PtySession::spawn_with(100, 30, args, &[]);
        s.wait_for(FIRST_FRAME, TIMEOUT);
        s.send("q");
        assert!(s.wait_exit(TIMEOUT).success(), "{args:?}");
        let raw = s.raw();
        for seq in [MOUSE_ON, SGR_ON, b"\x1b[?1002h", b"\x1b[?1003h"] {
            assert!(
                rfind(&raw, seq).is_none(),
                "{args:?}: {:?} was written",
                String::from_utf8_lossy(seq)
            );
        }
    }
}

#[test]
fn ctrl_z_turns_the_mouse_off_and_fg_back_on() {
    let mut s = PtySession::spawn_program(
        100,
        30,
        "bash",
        &["--norc", "--noprofile", "-i"],
        &[("PS1", "NQ$ "), ("PATH", "/usr/bin:/bin")],
    );
    s.wait_for("NQ$", TIMEOUT);
    s.send(&format!("'{}'\r", binary().replace('\'', r"'\''")));
    s.wait_for(FIRST_FRAME, TIMEOUT);
    s.send("\x1a");
    s.wait_until("the shell's prompt after Ctrl-z", TIMEOUT, |screen| {
        !screen.alternate_screen() && screen.contents().contains("Stopped")
    });
    assert_mouse_off(&s);
    let stopped = s.raw().len();
    s.send("fg\r");
    s.wait_until("the frame again after fg", TIMEOUT, |screen| {
        screen.alternate_screen() && screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None
    });
    assert!(
        rfind(&s.raw()[stopped..], MOUSE_ON).is_some(),
        "mouse reports are asked for again after fg"
    );
    s.send("q");
    s.wait_until("the prompt after quitting", TIMEOUT, |screen| {
        !screen.alternate_screen() && screen.contents().trim_end().ends_with("NQ$")
    });
    assert_mouse_off(&s);
    s.send("exit\r");
    s.wait_exit(TIMEOUT);
}
