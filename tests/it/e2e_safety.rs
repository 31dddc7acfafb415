//! Safety of the browser's way out, in a real pseudo-terminal, with a large corpus and a
//! bookmark thread kept busy re-anchoring 1,000 orphaned bookmarks:
//! - `q` returns at once and a bookmark made just before is on disk;
//! - what is typed after quitting reaches the shell, not the browser;
//! - a terminal closed under it (a dropped SSH connection) during a search is an orderly
//!   hang-up: exit 129, the position and the bookmarks saved, whether SIGHUP arrives or not.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nghiquyet::bookmarks::{Bookmark, BookmarkFile, Quote};
use nghiquyet::corpus::synth;

use crate::common_pty::{self, PtySession, TIMEOUT};

/// A corpus of 3,000 synthetic articles (15,000 passages) and 1,000 bookmarks whose quotes
/// it does not hold: each sends the re-anchoring through every passage.
struct Fixture {
    dir: tempfile::TempDir,
    orphans: usize,
}

impl Fixture {
    fn new(orphans: usize) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let corpus = synth::corpus(3000, 5, 11);
        std::fs::write(
            dir.path().join("corpus.json"),
            serde_json::to_vec(&corpus).unwrap(),
        )
        .unwrap();
        let mut rng = synth::Rng::new(5);
        let bookmarks: Vec<Bookmark> = (0..orphans)
            .map(|i| Bookmark {
                id: format!("b{i:010x}"),
                created: "2026-01-01T00:00:00Z".into(),
                doc: format!("gone_{i}"),
                passage: format!("pgone{i:08}"),
                quote: Quote {
                    text: format!("{} qzx{i} vrk{i}", synth::sentence(&mut rng, 30)),
                    prefix: String::new(),
                    suffix: String::new(),
                },
                note: String::new(),
                tags: Vec::new(),
                locality: None,
                title: "Bài không còn".into(),
                section: None,
                outlet: None,
                date: None,
                updated: None,
                extra: serde_json::Map::new(),
            })
            .collect();
        std::fs::write(
            dir.path().join("bm.json"),
            serde_json::to_vec_pretty(&BookmarkFile::new(bookmarks)).unwrap(),
        )
        .unwrap();
        Fixture { dir, orphans }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn args(&self) -> Vec<String> {
        vec![
            "--corpus".into(),
            self.path("corpus.json").display().to_string(),
            "--bookmarks".into(),
            self.path("bm.json").display().to_string(),
            "--fresh".into(),
        ]
    }

    fn bookmarks(&self) -> usize {
        let f: BookmarkFile =
            serde_json::from_slice(&std::fs::read(self.path("bm.json")).unwrap()).unwrap();
        f.bookmarks.len()
    }
}

/// Wait until the corpus is loaded and the panes are drawn.
fn wait_loaded(s: &PtySession) {
    s.wait_for("Địa phương", Duration::from_mins(1));
    s.wait_gone("Đang tải", Duration::from_mins(1));
}

fn spawn(f: &Fixture) -> PtySession {
    let args = f.args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    PtySession::spawn_with(100, 30, &args, &[])
}

#[test]
fn q_returns_at_once_and_keeps_the_bookmark_made_just_before() {
    let f = Fixture::new(1000);
    let mut s = spawn(&f);
    wait_loaded(&s);
    s.send("3b");
    s.wait_for("đã đánh dấu", TIMEOUT);
    let started = Instant::now();
    s.send("q");
    let status = s.wait_exit(Duration::from_secs(20));
    let took = started.elapsed();
    assert!(status.success(), "exit {status:?}\n{}", s.screen_text());
    // The issue asks for 100 ms on a 139 MB corpus in release (examples/bench_quit/
    // measures that); this is a debug build on a busy test machine.
    assert!(took < Duration::from_secs(3), "q took {took:?}");
    assert_eq!(f.bookmarks(), 1001, "the new bookmark is on disk");
}

#[test]
fn what_is_typed_after_quitting_reaches_the_shell() {
    let f = Fixture::new(1000);
    let out = f.path("typed-after");
    let script = format!("\"$0\" \"$@\"; head -c 6 > '{}'", out.display());
    let mut args = vec!["-c".to_string(), script, common_pty::binary()];
    args.extend(f.args());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut s = PtySession::spawn_program(100, 30, "/bin/sh", &args, &[]);
    wait_loaded(&s);
    s.send("q");
    s.wait_until("the normal screen", TIMEOUT, |screen| {
        !screen.alternate_screen()
    });
    // The browser has given the terminal back: these keys are the shell's.
    s.send("hello\n");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::fs::read(&out).map_or(0, |b| b.len()) < 6 {
        assert!(
            Instant::now() < deadline,
            "the shell never got the keys typed after quitting"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "hello\n");
    assert!(s.wait_exit(TIMEOUT).success());
}

/// The state file of a session: the position saved for the corpus.
fn saved_position(s: &PtySession, corpus: &Path) -> Option<serde_json::Value> {
    let text = std::fs::read_to_string(s.home().join("state/nghiquyet/state.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    let key = std::fs::canonicalize(corpus).unwrap().display().to_string();
    v["corpora"].get(&key).cloned()
}

/// Hang up with a search under way (its results make the browser write to the dead
/// terminal), or idle (nothing to write: only noticing the hang-up itself ends it).
fn hang_up(program: &str, args: &[&str], f: &Fixture, searching: bool) {
    let mut s = PtySession::spawn_program(100, 30, program, args, &[]);
    wait_loaded(&s);
    s.send("3jjjjb");
    s.wait_for("đã đánh dấu", TIMEOUT);
    if searching {
        // A search over 15,000 passages, typed without waiting for it.
        s.send("/nghi quyet dai hoi phat trien");
    } else {
        s.wait_idle(0, Duration::from_millis(300), TIMEOUT);
    }
    s.hang_up();
    let started = Instant::now();
    let status = s.wait_exit_after_hang_up(Duration::from_secs(20));
    assert_eq!(
        status.exit_code(),
        129,
        "a hang-up is exit 129, not a panic (101) or an error (1)"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        f.bookmarks(),
        f.orphans + 1,
        "the bookmark made before the hang-up is saved"
    );
    let pos = saved_position(&s, &f.path("corpus.json")).expect("the position is saved");
    assert!(pos["doc"].is_string(), "{pos}");
}

#[test]
fn a_terminal_closed_during_a_search_is_an_orderly_hang_up() {
    let f = Fixture::new(300);
    let args = f.args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    hang_up(&common_pty::binary(), &args, &f, true);
}

/// In a session of its own (`setsid`), the browser gets no SIGHUP when its terminal goes:
/// only the dead terminal tells, and that must end the same way.
#[test]
fn a_closed_terminal_is_a_hang_up_even_without_sighup() {
    let f = Fixture::new(300);
    let mut args = vec![
        "-c".to_string(),
        // Not exec: the shell stays the pty's session leader, the browser is in another session.
        "trap '' HUP; setsid -w \"$0\" \"$@\"".to_string(),
        common_pty::binary(),
    ];
    args.extend(f.args());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    hang_up("/bin/sh", &args, &f, true);
    // Idle, and no re-anchoring to finish: nothing at all would write to the terminal.
    let f = Fixture::new(0);
    let mut args = args
        .iter()
        .take(3)
        .map(ToString::to_string)
        .collect::<Vec<_>>();
    args.extend(f.args());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    hang_up("/bin/sh", &args, &f, false);
}

/// Text that did not come through `build` (a hand-written corpus, a pasted note) is shown,
/// but nothing in it reaches the terminal as a control: no title change, no cleared screen,
/// no reordered line.
#[test]
fn a_hand_written_corpus_and_a_pasted_note_never_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let nasty = "\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{2066}";
    let mut c = nghiquyet::embedded::corpus();
    for d in &mut c.documents {
        d.title = format!("Bài {nasty}viết {}", d.id);
        d.outlet = Some(format!("Báo{nasty}"));
        for s in &mut d.sections {
            for p in &mut s.passages {
                p.text = format!("{nasty}{}", p.text);
            }
        }
    }
    c.localities[0].name = format!("{nasty}{}", c.localities[0].name);
    let corpus = dir.path().join("c.json");
    std::fs::write(&corpus, serde_json::to_vec(&c).unwrap()).unwrap();
    let bm = dir.path().join("bm.json");
    let args = [
        "--corpus",
        corpus.to_str().unwrap(),
        "--bookmarks",
        bm.to_str().unwrap(),
        "--fresh",
    ];
    let mut s = PtySession::spawn_with(120, 40, &args, &[]);
    s.wait_for("viết", Duration::from_secs(30));
    // Open an article, then a note dialog, and paste into it (bracketed paste).
    s.send("2\r3");
    s.send("B");
    s.wait_for("Ghi chú", TIMEOUT);
    s.send(&format!("\u{1b}[200~dán {nasty}vào\u{1b}[201~\r"));
    s.wait_for("đã đánh dấu", TIMEOUT);
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).success());
    let raw = s.raw();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        !text.contains("\u{1b}]0;PWNED"),
        "a title change reached the terminal"
    );
    assert!(!text.contains("\u{9b}"), "C1 CSI reached the terminal");
    for c in ['\u{202e}', '\u{2066}'] {
        assert!(!text.contains(c), "{c:?} reached the terminal");
    }
    let stored = std::fs::read_to_string(&bm).unwrap();
    let f: BookmarkFile = serde_json::from_str(&stored).unwrap();
    assert_eq!(f.bookmarks.len(), 1);
    // Whole escape sequences go, as typed text never holds them.
    assert_eq!(f.bookmarks[0].note, "dán vào");
}
