//! What `build` reads from its inputs: symbolic links to files and directories are followed,
//! a link loop is said and not followed (and never hangs the build), a dangling link is
//! named, and a file reached by two paths is read once. The same corpus whatever the number
//! of threads.
//!
//! `NGHIQUYET_TEST_BIN=/path/to/older/nghiquyet` runs these against another build.

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::spawn::LockedSpawn;

fn binary() -> String {
    std::env::var("NGHIQUYET_TEST_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_nghiquyet").to_string())
}

/// A seed article under a name of ours.
fn seed(to: &Path, name: &str) {
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/raw");
    std::fs::copy(raw.join(name), to).unwrap();
}

/// A temp dir with `real/x.txt` and `in/a.txt`, two seed articles; tests add links to `in`.
struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    fn new() -> Tree {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("in")).unwrap();
        std::fs::create_dir_all(dir.path().join("real")).unwrap();
        let t = Tree { dir };
        seed(&t.path("in/a.txt"), "000_da172d7989a1d926.txt");
        seed(&t.path("real/x.txt"), "002_0359f6b969af1900.txt");
        t
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// `build ARGS -o out.json` in the temp dir, killed (and the test failed) if it takes
    /// more than 20 s: a loop must not hang it.
    fn build(&self, args: &[&str]) -> Output {
        let mut child = Command::new(binary())
            .arg("build")
            .args(args)
            .args(["-o", "out.json"])
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .locked_spawn()
            .expect("the binary runs");
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(20) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("build {args:?} did not finish within 20 s (a link loop followed?)");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        child.wait_with_output().unwrap()
    }

    /// The id and source of every document of out.json.
    fn documents(&self) -> Vec<(String, String)> {
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(self.path("out.json")).unwrap()).unwrap();
        v["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["id"].as_str().unwrap().to_string(),
                    d["source"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Does a line of `err` start with `what` (`error: `, `warning: `) and contain every part?
fn said(err: &str, what: &str, parts: &[&str]) -> bool {
    err.lines()
        .any(|l| l.starts_with(what) && parts.iter().all(|p| l.contains(p)))
}

#[test]
fn a_symlinked_file_is_read() {
    let t = Tree::new();
    symlink("../real/x.txt", t.path("in/linked.txt")).unwrap();
    let o = t.build(&["in"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        t.documents(),
        [
            ("a".to_string(), "in/a.txt".to_string()),
            ("linked".to_string(), "in/linked.txt".to_string())
        ]
    );
}

#[test]
fn a_symlinked_directory_is_walked() {
    let t = Tree::new();
    symlink("../real", t.path("in/more")).unwrap();
    // The link itself as the input, too.
    symlink("real", t.path("real-link")).unwrap();
    let o = t.build(&["in", "real-link"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // in/more/x.txt and real-link/x.txt are the same file: read once, under the first path.
    assert_eq!(
        t.documents(),
        [
            ("a".to_string(), "in/a.txt".to_string()),
            ("x".to_string(), "in/more/x.txt".to_string())
        ]
    );
    assert!(
        said(
            &stderr(&o),
            "warning: ",
            &["real-link/x.txt", "the same file as in/more/x.txt"]
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_link_loop_is_said_and_not_followed() {
    let t = Tree::new();
    std::fs::create_dir(t.path("in/sub")).unwrap();
    symlink("..", t.path("in/sub/up")).unwrap();
    let o = t.build(&["in"]);
    let err = stderr(&o);
    // Nothing is lost (in/a.txt is read through `in`): a warning, and success.
    assert!(o.status.success(), "{err}");
    assert!(
        said(&err, "warning: ", &["in/sub/up", "a loop", "not followed"]),
        "{err}"
    );
    assert_eq!(t.documents(), [("a".to_string(), "in/a.txt".to_string())]);
}

#[test]
fn a_link_to_itself_is_an_error_naming_it() {
    let t = Tree::new();
    symlink("self.txt", t.path("in/self.txt")).unwrap();
    let o = t.build(&["in"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        said(
            &err,
            "error: ",
            &["in/self.txt", "too many levels of symbolic links"]
        ),
        "{err}"
    );
    // The other articles are still built.
    assert_eq!(t.documents(), [("a".to_string(), "in/a.txt".to_string())]);
}

#[test]
fn a_dangling_link_is_named() {
    let t = Tree::new();
    symlink("gone.txt", t.path("in/dangling.txt")).unwrap();
    symlink("gone-dir", t.path("in/more")).unwrap();
    symlink("missing.txt", t.path("named.txt")).unwrap();
    let o = t.build(&["in", "named.txt"]);
    let err = stderr(&o);
    // An article that cannot be read is an error, as a missing input file is …
    assert_eq!(o.status.code(), Some(1), "{err}");
    for (link, target) in [
        ("in/dangling.txt", "gone.txt"),
        ("named.txt", "missing.txt"),
    ] {
        assert!(
            said(&err, "error: ", &[link, "dangling symbolic link", target]),
            "{link}: {err}"
        );
    }
    // … a dangling link not named like an article is skipped, with a warning.
    assert!(
        said(
            &err,
            "warning: ",
            &["in/more", "dangling symbolic link", "gone-dir", "skipped"]
        ),
        "{err}"
    );
    assert_eq!(t.documents(), [("a".to_string(), "in/a.txt".to_string())]);
}

#[test]
fn a_file_reached_twice_is_read_once() {
    let t = Tree::new();
    symlink("a.txt", t.path("in/b.txt")).unwrap();
    std::fs::hard_link(t.path("real/x.txt"), t.path("in/y.txt")).unwrap();
    symlink("../real/x.txt", t.path("in/z.txt")).unwrap();
    // A path named twice is one path.
    let o = t.build(&["in", "in/a.txt"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert_eq!(
        t.documents(),
        [
            ("a".to_string(), "in/a.txt".to_string()),
            ("y".to_string(), "in/y.txt".to_string())
        ]
    );
    for (second, first) in [("in/b.txt", "in/a.txt"), ("in/z.txt", "in/y.txt")] {
        assert!(
            said(&err, "warning: ", &[second, "the same file as", first]),
            "{second}: {err}"
        );
    }
}

#[test]
fn the_corpus_is_the_same_whatever_the_number_of_threads() {
    let t = Tree::new();
    // Twenty articles, with duplicate stems in two directories (ids then get suffixes), and
    // a bad file among them.
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/raw");
    let seeds: Vec<_> = std::fs::read_dir(&raw)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    for d in ["in/p", "in/q"] {
        std::fs::create_dir(t.path(d)).unwrap();
        for (k, s) in seeds.iter().cycle().take(10).enumerate() {
            // Each copy a little different, so that no two are the same file or text.
            let mut text = std::fs::read(raw.join(s)).unwrap();
            text.extend(format!("\nBản {d} {k}.\n").bytes());
            std::fs::write(t.path(&format!("{d}/{}.txt", k % 4)), &text).unwrap();
            std::fs::write(t.path(&format!("{d}/n{k}.txt")), &text).unwrap();
        }
    }
    std::fs::write(t.path("in/p/bad.txt"), b"\xff\xfe").unwrap();
    let mut outputs = Vec::new();
    for threads in ["1", "2", "5"] {
        let o = t.build(&["in", "-j", threads]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        outputs.push((
            o.stdout,
            o.stderr,
            std::fs::read(t.path("out.json")).unwrap(),
        ));
    }
    for (k, (out, err, corpus)) in outputs.iter().enumerate().skip(1) {
        // The total line ends with the time taken.
        let lines = |b: &[u8]| {
            let s = String::from_utf8_lossy(b).into_owned();
            s.lines()
                .filter(|l| !l.contains(" s → "))
                .map(String::from)
                .collect::<Vec<_>>()
        };
        assert_eq!(lines(out), lines(&outputs[0].0), "stdout of run {k}");
        assert_eq!(err, &outputs[0].1, "stderr of run {k}");
        assert!(corpus == &outputs[0].2, "corpus of run {k}");
    }
}
