//! The browser end to end, in a pseudo-terminal: keys in, screen (vt100) and raw bytes out.
//! Every wait has a timeout and fails with the screen it saw; nothing synchronises on sleeps.

use std::time::Duration;

use crate::common_pty::{ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, PtySession, TIMEOUT, rfind};

const FIRST_FRAME: &str = "1 Địa phương";
const HELP_TITLE: &str = "Phím tắt";
const HA_LONG_SECTION: &str = "Tại TP Hạ Long (tỉnh Quảng Ninh)";
/// How long without output counts as "the program has finished answering".
const QUIET: Duration = Duration::from_millis(300);

/// The terminal was handed back: the alternate screen was left after it was last entered,
/// and the pty is out of raw mode.
fn assert_restored(s: &PtySession) {
    let raw = s.raw();
    let enter = rfind(&raw, ENTER_ALT_SCREEN).expect("the alternate screen was never entered");
    let leave = rfind(&raw, LEAVE_ALT_SCREEN).unwrap_or_else(|| {
        panic!(
            "the alternate screen was never left; output ends with {:?}",
            String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..])
        )
    });
    assert!(
        leave > enter,
        "the last leave-alternate-screen ({leave}) comes before the last enter ({enter})"
    );
    assert!(
        !s.alternate_screen(),
        "the emulated terminal is still on the alternate screen"
    );
    if let Some(cooked) = s.cooked_mode() {
        assert!(cooked, "the pty was left in raw mode (no ICANON/ECHO)");
    }
}

/// Press `j` in the localities pane until the status bar's breadcrumb starts with `name`.
fn select_locality(s: &mut PtySession, name: &str) {
    // The list's filter box (`f`) finds the place in the collapsed tree; Enter keeps the
    // filter and gives the keys back to the list.
    s.send("1f");
    s.send(name);
    s.send("\r");
    s.wait_until(
        &format!("the status line to start with {name:?}"),
        TIMEOUT,
        |screen| {
            let rows: Vec<String> = screen.rows(0, screen.size().1.get()).collect();
            rows.last()
                .is_some_and(|l| l.trim_start().starts_with(name))
        },
    );
}

/// Wait until the status bar shows the reader's hints: those of the localities pane start
/// with `p` (grouping), those of the outline with Space (toggle).
fn wait_reader_focused(s: &PtySession) {
    s.wait_until("the reader to be focused", TIMEOUT, |screen| {
        let status = screen
            .rows(0, screen.size().1.get())
            .last()
            .unwrap_or_default();
        status.contains("q thoát") && !status.contains("p đổi") && !status.contains("Space")
    });
}

#[test]
fn ha_long_opens_at_its_section_and_quits_cleanly() {
    let mut s = PtySession::spawn(120, 40);
    s.wait_for(FIRST_FRAME, TIMEOUT);
    for title in ["2 Mục lục", "3 Bài viết"] {
        assert!(
            s.screen_text().contains(title),
            "three panes at 120 columns, {title:?} missing:\n{}",
            s.screen_text()
        );
    }
    if let Some(cooked) = s.cooked_mode() {
        assert!(!cooked, "the browser runs in raw mode");
    }
    select_locality(&mut s, "Hạ Long");
    s.send("\r"); // to the outline, filtered to Hạ Long's one article
    s.send("\r"); // open it
    wait_reader_focused(&s);
    s.wait_for(HA_LONG_SECTION, TIMEOUT);
    s.send("?");
    s.wait_for(HELP_TITLE, TIMEOUT);
    // Esc alone: sent with the next key, crossterm would read Alt+q.
    s.send("\x1b");
    s.wait_gone(HELP_TITLE, TIMEOUT);
    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "q exits 0, got {status}");
    assert_restored(&s);
}

/// Signal the browser once it shows its first frame; it exits 128 + n and restores the
/// terminal.
fn dies_cleanly_on(signal: libc::c_int) {
    let mut s = PtySession::spawn(120, 40);
    s.wait_for(FIRST_FRAME, TIMEOUT);
    s.signal(signal);
    let status = s.wait_exit(Duration::from_secs(5));
    assert_eq!(
        status.signal(),
        None,
        "the browser handles signal {signal} itself"
    );
    assert_eq!(
        status.exit_code(),
        128 + u32::try_from(signal).unwrap(),
        "{status}"
    );
    assert_restored(&s);
}

#[test]
fn sighup_exits_129_and_restores_the_terminal() {
    dies_cleanly_on(libc::SIGHUP);
}

#[test]
fn sigterm_exits_143_and_restores_the_terminal() {
    dies_cleanly_on(libc::SIGTERM);
}

#[test]
fn panic_message_comes_after_the_terminal_is_restored() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: NGHIQUYET_TEST_PANIC works in debug builds only");
        return;
    }
    let mut s = PtySession::spawn_with(120, 40, &[], &[("NGHIQUYET_TEST_PANIC", "1")]);
    s.wait_for(FIRST_FRAME, TIMEOUT);
    s.send("P");
    let status = s.wait_exit(TIMEOUT);
    assert!(!status.success(), "a panic exits non-zero, got {status}");
    let raw = s.raw();
    let leave = rfind(&raw, LEAVE_ALT_SCREEN).expect("the alternate screen was never left");
    let message = rfind(&raw, b"test panic requested").unwrap_or_else(|| {
        panic!(
            "no panic message in the output; it ends with {:?}",
            String::from_utf8_lossy(&raw[raw.len().saturating_sub(400)..])
        )
    });
    assert!(
        message > leave,
        "the panic message ({message}) was printed before the terminal was restored ({leave})"
    );
    assert_restored(&s);
}

#[test]
fn small_terminals_start_and_quit() {
    for (cols, rows) in [(80, 24), (40, 12)] {
        let mut s = PtySession::spawn(cols, rows);
        s.wait_for(FIRST_FRAME, TIMEOUT);
        s.send("q");
        let status = s.wait_exit(TIMEOUT);
        assert!(status.success(), "{cols}×{rows}: q exits 0, got {status}");
        assert_restored(&s);
    }
}

#[test]
fn a_one_cell_terminal_does_not_crash() {
    let mut s = PtySession::spawn(1, 1);
    // Nothing readable fits in one cell: wait for the alternate screen instead.
    s.wait_until("the alternate screen", TIMEOUT, |screen| {
        screen.alternate_screen()
    });
    s.send("jjj\t\t?q");
    let status = s.wait_exit(TIMEOUT);
    assert!(
        status.success(),
        "1×1: exits 0, got {status}; output ends with {:?}",
        String::from_utf8_lossy(&s.raw()[s.raw_len().saturating_sub(400)..])
    );
    assert_restored(&s);
}

#[test]
fn resizing_while_running_relays_out_the_screen() {
    let mut s = PtySession::spawn(120, 40);
    s.wait_for("3 Bài viết", TIMEOUT);
    // The emulated screen keeps stale rows after a resize: only a redraw at the new size
    // puts the status bar on the last row and the pane titles (or the tab line) on the first.
    for (cols, rows) in [(50, 15), (1, 1), (200, 60), (120, 40)] {
        s.resize(cols, rows);
        if cols < 20 {
            continue;
        }
        s.wait_until(
            &format!("a frame laid out for {cols}×{rows}"),
            TIMEOUT,
            |screen| {
                let lines: Vec<String> = screen.rows(0, cols).collect();
                let (first, last) = (&lines[0], &lines[lines.len() - 1]);
                let titles = if cols >= 100 {
                    first.starts_with('╭') && first.contains("3 Bài viết")
                } else {
                    !first.starts_with('╭') && first.contains("1 Địa phương")
                };
                titles && last.contains("thoát")
            },
        );
    }
    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "q exits 0 after resizes, got {status}");
    assert_restored(&s);
}

/// Press `key` once the program is idle; return how many bytes it writes in answer.
fn bytes_for_key(s: &mut PtySession, key: &str, expect_output: bool) -> usize {
    s.wait_idle(0, QUIET, TIMEOUT);
    let before = s.mark();
    s.send(key);
    if expect_output {
        // Count from the first byte of the answer, however late it comes.
        s.wait_output(before, TIMEOUT);
    }
    s.wait_idle(before, QUIET, TIMEOUT)
}

#[test]
fn one_line_of_scrolling_sends_a_diff_not_a_repaint() {
    let mut s = PtySession::spawn(120, 40);
    s.wait_for(FIRST_FRAME, TIMEOUT);
    s.send("\r"); // to the outline
    s.send("\r"); // open the first article: focus goes to the reader
    s.send("3");
    wait_reader_focused(&s);
    let before = s.screen_text();
    let scroll = bytes_for_key(&mut s, "j", true);
    let after = s.screen_text();
    assert_ne!(before, after, "j did not scroll the reader");
    let noop = bytes_for_key(&mut s, "x", false);
    eprintln!("bytes written at 120×40: one reader line down (j) {scroll}, unbound key (x) {noop}");
    assert!(
        scroll < 12_000,
        "scrolling one line wrote {scroll} bytes: a full repaint instead of a diff?"
    );
    assert!(
        noop < 200,
        "an unbound key wrote {noop} bytes, though nothing on screen changed"
    );
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).success());
}

/// The finder in the real binary: the index builds in the background, results arrive from
/// the worker, Telex typing works without an input method, Enter reads the passage, n moves on.
#[test]
fn finder_searches_in_the_background_and_jumps() {
    let mut s = PtySession::spawn(120, 40);
    s.wait_for(FIRST_FRAME, TIMEOUT);
    s.send("/");
    s.wait_for("Esc: đóng", TIMEOUT);
    s.send("cua luc");
    // The prompt's count: "1/N" once the search is done (no "…").
    s.wait_until("a result count", TIMEOUT, |screen| {
        screen.contents().lines().any(|l| {
            l.contains("cua luc")
                && !l.contains('…')
                && l.split_whitespace().any(|w| {
                    w.trim_end_matches('│')
                        .split_once('/')
                        .is_some_and(|(a, b)| {
                            a.ends_with('1') && b.trim_end_matches('│').parse::<usize>().is_ok()
                        })
                })
        })
    });
    assert!(s.screen_text().contains("Cửa Lục"), "{}", s.screen_text());
    s.send("\r");
    s.wait_until("kết quả i/N · n/N", TIMEOUT, |screen| {
        screen.contents().contains(" · n/N")
    });
    // "kết quả i/N": n moves to i + 1 (in reading order, wrapping after N).
    let status = s.status_line();
    let after = status
        .split("kết quả ")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    let mut numbers = after
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty());
    let i: usize = numbers
        .next()
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("match number in {status:?}"));
    let n: usize = numbers
        .next()
        .and_then(|w| w.parse().ok())
        .expect("match total");
    let next = format!("kết quả {}/{n}", i % n + 1);
    s.send("n");
    s.wait_until("the next match", TIMEOUT, |screen| {
        screen.contents().contains(&next)
    });
    // Telex: Ctrl-t, then "hoas" types "hóa".
    s.send("/");
    s.wait_for("Esc: đóng", TIMEOUT);
    s.send("\x14");
    s.wait_for("Telex", TIMEOUT);
    s.send("thanhf hoas");
    s.wait_for("thành hóa", TIMEOUT);
    s.send("\x1b");
    s.wait_gone("Esc: đóng", TIMEOUT);
    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "{status}");
    assert_restored(&s);
}

fn read_bookmarks(path: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("the bookmarks file");
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(v["format"], "nghiquyet-bookmarks");
    assert_eq!(v["version"], 1);
    v
}

/// The whole bookmark flow in the real binary: `b`, `B` with a Vietnamese note and a tag,
/// the pane, and a hang-up straight after a change: the change is on disk all the same.
#[test]
fn bookmarks_are_saved_even_when_the_line_drops() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bm.json");
    let mut s = PtySession::spawn_with(
        120,
        40,
        &[],
        &[("NGHIQUYET_BOOKMARKS", file.to_str().unwrap())],
    );
    s.wait_for(FIRST_FRAME, TIMEOUT);
    s.send("3");
    wait_reader_focused(&s);
    s.send("jjjj");
    s.send("b");
    s.wait_for("đã đánh dấu", TIMEOUT);
    s.wait_until("the save", TIMEOUT, |_| file.exists());
    assert_eq!(
        read_bookmarks(&file)["bookmarks"].as_array().unwrap().len(),
        1
    );
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // The reader border marks the passage.
    assert!(s.screen_text().contains('★'), "{}", s.screen_text());

    s.send("jjjjjjjjjjjj");
    s.send("B");
    s.wait_for("Enter: lưu", TIMEOUT);
    s.send("Ghi chú quan trọng\t#cải-cách, kinh-tế\r");
    s.wait_gone("Enter: lưu", TIMEOUT);
    s.send("'");
    s.wait_for("Đánh dấu 2", TIMEOUT);
    assert!(
        s.screen_text().contains("#cải-cách #kinh-tế"),
        "{}",
        s.screen_text()
    );
    // Enter jumps to the selected (newest) bookmark and closes the pane.
    s.send("\r");
    s.wait_gone("Đánh dấu 2", TIMEOUT);
    // The notice of the bookmark before may still be up: wait for this one's.
    let before = s.status_line();
    s.send("GGb");
    s.wait_until("the third bookmark's notice", TIMEOUT, |screen| {
        let last = screen.rows(0, 120).last().unwrap_or_default();
        last != before && last.contains("đã đánh dấu")
    });
    // Hang up at once: the last change may still be in flight; it must reach the disk.
    s.signal(libc::SIGHUP);
    let status = s.wait_exit(Duration::from_secs(10));
    assert_eq!(status.exit_code(), 129, "{status}");
    assert_restored(&s);
    let v = read_bookmarks(&file);
    let list = v["bookmarks"].as_array().unwrap();
    assert_eq!(list.len(), 3, "{v:#}");
    let noted = list
        .iter()
        .find(|b| b["note"] == "Ghi chú quan trọng")
        .expect("the note");
    assert_eq!(noted["tags"], serde_json::json!(["cải-cách", "kinh-tế"]));
}

/// A corrupt bookmarks file is reported and left alone while the user only reads; the first
/// change moves it aside, the user is told where, and nothing is lost.
#[test]
fn a_corrupt_bookmarks_file_is_left_alone_until_a_change_moves_it_aside() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bm.json");
    let garbage = b"{\"format\": \"nghiquyet-bookm";
    std::fs::write(&file, garbage).unwrap();
    let mut s = PtySession::spawn_with(
        100,
        30,
        &[],
        &[("NGHIQUYET_BOOKMARKS", file.to_str().unwrap())],
    );
    s.wait_for("tệp đánh dấu hỏng", TIMEOUT);
    let names = || -> Vec<String> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(names(), ["bm.json"], "reading moved or created nothing");
    assert_eq!(std::fs::read(&file).unwrap(), garbage);
    // A bookmark is a change: now the file is moved aside and a new one written.
    s.send("3b");
    s.wait_for("đã chuyển sang", TIMEOUT);
    assert!(
        s.status_line().contains("bm.json.corrupt-"),
        "{}",
        s.status_line()
    );
    let aside: Vec<_> = names()
        .into_iter()
        .filter(|n| n.starts_with("bm.json.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(std::fs::read(dir.path().join(&aside[0])).unwrap(), garbage);
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).success());
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(saved["bookmarks"].as_array().unwrap().len(), 1);
}
