//! Terminal manners, end to end in a pseudo-terminal: 16-colour terminals get the 16 ANSI
//! colours, Ctrl-z suspends and `fg` redraws, quitting in tmux after the window grew leaves
//! nothing of the frame on the shell's screen, and a typed letter costs a small diff.

use std::process::Command;
use std::time::Duration;

use crate::common_pty::{PtySession, TIMEOUT, binary};
use crate::spawn::LockedSpawn;

const FIRST_FRAME: &str = "1 Địa phương";
const QUIET: Duration = Duration::from_millis(300);

#[test]
fn sixteen_colour_terminals_get_the_sixteen_ansi_colours() {
    let mut s = PtySession::spawn_with(100, 30, &[], &[("TERM", "xterm")]);
    s.wait_for(FIRST_FRAME, TIMEOUT);
    s.send("/"); // the finder's prompt is in the key colour (cyan)
    s.wait_for("Tìm", TIMEOUT);
    s.wait_idle(0, QUIET, TIMEOUT);
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(
        !raw.contains("38;5;") && !raw.contains("48;5;"),
        "256-colour codes sent to a 16-colour terminal"
    );
    // The focused border and the prompt: bold cyan, as SGR 36.
    assert!(raw.contains(";36m"), "no SGR 36 (cyan) in the output");
    close_finder_and_quit(&mut s);
}

/// Esc, and only once the finder is gone `q` (sent together they read as Alt-q).
fn close_finder_and_quit(s: &mut PtySession) {
    s.send("\x1b");
    s.wait_gone("Tìm ·", TIMEOUT);
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).success());
}

/// A shell with job control in the pty, its prompt `NQ$ `.
fn shell(cols: u16, rows: u16) -> PtySession {
    let s = PtySession::spawn_program(
        cols,
        rows,
        "bash",
        &["--norc", "--noprofile", "-i"],
        &[("PS1", "NQ$ "), ("PATH", "/usr/bin:/bin")],
    );
    s.wait_for("NQ$", TIMEOUT);
    s
}

fn quote(path: &str) -> String {
    format!("'{}'", path.replace('\'', r"'\''"))
}

#[test]
fn ctrl_z_suspends_and_fg_redraws_everything() {
    let mut s = shell(100, 30);
    s.send(&format!("{}\r", quote(&binary())));
    s.wait_for(FIRST_FRAME, TIMEOUT);
    s.send("\x1a");
    s.wait_until("the shell's prompt after Ctrl-z", TIMEOUT, |screen| {
        !screen.alternate_screen() && screen.contents().contains("Stopped")
    });
    s.send("fg\r");
    s.wait_until("the whole frame again after fg", TIMEOUT, |screen| {
        let text = screen.contents();
        screen.alternate_screen()
            && text.contains(FIRST_FRAME)
            && text.contains("2 Mục lục")
            && text.contains("q thoát")
    });
    // Keys work again.
    s.send("?");
    s.wait_for("Phím tắt", TIMEOUT);
    s.send("\x1b");
    s.wait_gone("Phím tắt", TIMEOUT);
    s.send("q");
    s.wait_until("the prompt after quitting", TIMEOUT, |screen| {
        !screen.alternate_screen() && screen.contents().trim_end().ends_with("NQ$")
    });
    s.send("exit\r");
    s.wait_exit(TIMEOUT);
}

/// Run tmux on its own server (socket and config in a temp dir); `None` if it is missing.
fn tmux(dir: &std::path::Path, args: &[&str]) -> Option<std::process::Output> {
    let config = dir.join("tmux.conf");
    if !config.exists() {
        std::fs::write(&config, "").ok()?;
    }
    Command::new("tmux")
        .arg("-L")
        .arg("nq")
        .arg("-f")
        .arg(&config)
        .args(args)
        .env("TMUX_TMPDIR", dir)
        .env("HOME", dir)
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("LANG", "C.UTF-8")
        .env_remove("TMUX")
        .locked_output()
        .ok()
}

fn capture(dir: &std::path::Path) -> String {
    let out = tmux(dir, &["capture-pane", "-p", "-t", "nq"]).expect("tmux capture-pane");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn wait_capture(dir: &std::path::Path, what: &str, done: impl Fn(&str) -> bool) -> String {
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        let screen = capture(dir);
        if done(&screen) {
            return screen;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}; tmux shows:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn quitting_in_tmux_after_the_window_grew_leaves_no_frame_behind() {
    let dir = tempfile::tempdir().unwrap();
    let Some(version) = tmux(dir.path(), &["-V"]) else {
        eprintln!("tmux is not installed: skipped (.ci/run installs it)");
        return;
    };
    assert!(version.status.success());
    let shell = "env PS1='NQ$ ' bash --norc --noprofile";
    let started = tmux(
        dir.path(),
        &[
            "new-session",
            "-d",
            "-s",
            "nq",
            "-x",
            "60",
            "-y",
            "15",
            shell,
        ],
    )
    .unwrap();
    assert!(started.status.success(), "{started:?}");
    let _kill = KillServer(dir.path().to_path_buf());
    wait_capture(dir.path(), "the prompt", |s| s.contains("NQ$"));
    let cmd = format!("{} --ascii", quote(&binary()));
    tmux(dir.path(), &["send-keys", "-t", "nq", &cmd, "Enter"]).unwrap();
    wait_capture(dir.path(), "the browser", |s| s.contains("Dia phuong"));
    // The window grows while the browser runs, then the user quits.
    tmux(
        dir.path(),
        &["resize-window", "-t", "nq", "-x", "110", "-y", "35"],
    )
    .unwrap();
    wait_capture(dir.path(), "the browser redrawn at 110 columns", |s| {
        s.lines().any(|l| l.trim_end().chars().count() > 90)
    });
    tmux(dir.path(), &["send-keys", "-t", "nq", "q"]).unwrap();
    let screen = wait_capture(dir.path(), "the prompt after quitting", |s| {
        s.lines().filter(|l| l.starts_with("NQ$")).count() >= 2
    });
    // Only the shell's lines: no row of the frame (its borders are `|` in ASCII mode).
    for line in screen.lines() {
        assert!(
            !line.contains('|') && !line.contains("+--"),
            "a row of the frame was left on the shell's screen:\n{screen}"
        );
    }
}

struct KillServer(std::path::PathBuf);

impl Drop for KillServer {
    fn drop(&mut self) {
        let _ = tmux(&self.0, &["kill-server"]);
    }
}

#[test]
fn a_typed_letter_costs_a_small_diff() {
    let mut s = PtySession::spawn(120, 40);
    s.wait_for(FIRST_FRAME, TIMEOUT);
    s.send("/");
    s.wait_for("Tìm", TIMEOUT);
    // Let the index and the first frame of the finder settle.
    s.wait_idle(0, QUIET, TIMEOUT);
    s.send("nghi quye");
    // Under load the last results of "nghi quye" can arrive late and be counted against the
    // next letter: wait until the prompt shows a final count (no "…") for this query.
    s.wait_until("the final count for \"nghi quye\"", TIMEOUT, |screen| {
        screen
            .rows(0, 120)
            .find(|row| row.contains("› nghi quye"))
            .is_some_and(|prompt| prompt.contains('/') && !prompt.contains('…'))
    });
    s.wait_idle(0, QUIET, TIMEOUT);
    let before = s.mark();
    s.send("t");
    s.wait_output(before, TIMEOUT);
    let bytes = s.wait_idle(before, QUIET, TIMEOUT);
    eprintln!("bytes for one typed letter in the finder at 120×40: {bytes}");
    assert!(
        s.row(1).contains("nghi quyet") || s.screen_text().contains("nghi quyet"),
        "{}",
        s.screen_text()
    );
    // A full repaint of 120×40 is well over 10 kB; a letter and new results are less.
    assert!(bytes < 9_000, "one letter wrote {bytes} bytes");
    close_finder_and_quit(&mut s);
}
