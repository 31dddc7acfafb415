//! What the program will and will not touch, and what it will and will not print, as a user
//! meets it on the command line:
//! - device nodes, FIFOs and directories given as files are refused, named, and left as
//!   they are (device nodes are made with mknod in a temp dir, and skipped when not root;
//!   the real /dev is never used);
//! - reading commands change nothing; an empty bookmarks file is an empty list; symlinks
//!   are written through; `build -o` replaces only a corpus;
//! - no control character or bidi override reaches a terminal, from notes, hand-edited
//!   files, a hand-written corpus or a file name;
//! - a failed write to stdout is an error, a closed pipe is not; errors say each cause once;
//!   a corpus too large for memory is refused before it is read.
//!
//! `NGHIQUYET_TEST_BIN=/path/to/older/nghiquyet` runs these against another build.

use std::io::Write;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::spawn::LockedSpawn;

fn binary() -> String {
    std::env::var("NGHIQUYET_TEST_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_nghiquyet").to_string())
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        Env { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let home = self.path("home");
        let mut c = Command::new(binary());
        c.env("HOME", &home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env_remove("NGHIQUYET_BOOKMARKS")
            .env_remove("NO_COLOR")
            .current_dir(self.dir.path())
            .args(args)
            .stdin(Stdio::null());
        c
    }

    /// Run with a deadline: a command that blocks (on a FIFO, say) fails the test.
    fn run(&self, args: &[&str]) -> Output {
        let child = self
            .cmd(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .locked_spawn()
            .expect("the binary runs");
        let pid = libc::pid_t::try_from(child.id()).unwrap();
        let (done, finished) = std::sync::mpsc::channel::<()>();
        let watchdog = std::thread::spawn(move || {
            let late = finished.recv_timeout(Duration::from_secs(20)).is_err();
            if late {
                // SAFETY: kill(2) on the child we spawned, still unreaped (we wait below).
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
            late
        });
        let out = child.wait_with_output().unwrap();
        let _ = done.send(());
        assert!(
            !watchdog.join().unwrap(),
            "{args:?} did not finish within 20 s (blocked?)"
        );
        out
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn raw_dir() -> String {
    format!("{}/data/raw", env!("CARGO_MANIFEST_DIR"))
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

fn cstr(p: &Path) -> std::ffi::CString {
    std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap()
}

/// A character device like /dev/`name` (null 1,3; zero 1,5; full 1,7) in the temp dir.
fn mknod(env: &Env, name: &str, minor: u32) -> Option<PathBuf> {
    if !is_root() {
        eprintln!("skipped: mknod needs root");
        return None;
    }
    let p = env.path(name);
    // SAFETY: a valid path in our temp dir.
    let rc = unsafe {
        libc::mknod(
            cstr(&p).as_ptr(),
            libc::S_IFCHR | 0o666,
            libc::makedev(1, minor),
        )
    };
    if rc != 0 {
        eprintln!("skipped: mknod: {}", std::io::Error::last_os_error());
        return None;
    }
    Some(p)
}

fn mkfifo(env: &Env, name: &str) -> PathBuf {
    let p = env.path(name);
    // SAFETY: a valid path in our temp dir.
    assert_eq!(unsafe { libc::mkfifo(cstr(&p).as_ptr(), 0o600) }, 0);
    p
}

fn is_char_device(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_char_device())
}

/// Names in the temp dir, sorted (to see nothing was renamed or created).
fn names(env: &Env) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn a_passage_id() -> String {
    let c = nghiquyet::embedded::corpus();
    c.documents[1].sections[0].passages[0].id.clone()
}

fn fails_naming(o: &Output, path: &Path, kind: &str) {
    assert_eq!(o.status.code(), Some(1), "{}", stderr(o));
    let err = stderr(o);
    assert!(
        err.contains(&*path.to_string_lossy()) && err.contains(kind),
        "the error names {} and {kind}: {err}",
        path.display()
    );
}

// ---------------------------------------------------------------------------------------------
// Files that are not regular files

#[test]
fn device_nodes_are_refused_and_never_renamed_or_replaced() {
    let env = Env::new();
    let (Some(null), Some(zero), Some(full)) = (
        mknod(&env, "null", 3),
        mknod(&env, "zero", 5),
        mknod(&env, "full", 7),
    ) else {
        return;
    };
    let before = names(&env);
    let pid = a_passage_id();
    let n = null.to_str().unwrap();
    for args in [
        vec!["--bookmarks", n, "bookmarks", "list"],
        vec!["--bookmarks", n, "bookmarks", "add", &pid],
        vec!["--bookmarks", n, "bookmarks", "export", "--format", "md"],
    ] {
        let o = env.run(&args);
        fails_naming(&o, &null, "character device");
    }
    let f = full.to_str().unwrap();
    let o = env.run(&["bookmarks", "export", "--format", "md", "-o", f, "--force"]);
    fails_naming(&o, &full, "character device");
    let raw = raw_dir();
    let o = env.run(&["build", &raw, "-o", f, "--force"]);
    fails_naming(&o, &full, "character device");
    // /dev/zero as a corpus or an input is refused before a byte is read.
    let z = zero.to_str().unwrap();
    let o = env.run(&["stats", "--corpus", z]);
    fails_naming(&o, &zero, "character device");
    let o = env.run(&["inspect", z]);
    fails_naming(&o, &zero, "character device");
    let o = env.run(&["build", z, "-o", "out.json"]);
    fails_naming(&o, &zero, "character device");
    for d in [&null, &zero, &full] {
        assert!(is_char_device(d), "{} is still a device", d.display());
    }
    assert_eq!(names(&env), before, "nothing renamed, created or replaced");
}

#[test]
fn fifos_are_refused_without_blocking() {
    let env = Env::new();
    let fifo = mkfifo(&env, "pipe.json");
    let p = fifo.to_str().unwrap();
    let pid = a_passage_id();
    let raw = raw_dir();
    for args in [
        vec!["stats", "--corpus", p],
        vec!["search", "nghi quyet", "--corpus", p],
        vec!["inspect", p],
        vec!["build", p, "-o", "out.json"],
        vec!["build", &raw, "-o", p, "--force"],
        vec!["--bookmarks", p, "bookmarks", "list"],
        vec!["--bookmarks", p, "bookmarks", "add", &pid],
        vec!["bookmarks", "export", "--format", "csv", "-o", p, "--force"],
    ] {
        let o = env.run(&args);
        fails_naming(&o, &fifo, "FIFO");
    }
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(!env.path("out.json").exists());
}

#[test]
fn a_directory_as_the_bookmarks_file_is_refused_not_replaced() {
    let env = Env::new();
    let d = env.path("bookmarks.json");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("mine.txt"), "giữ nguyên").unwrap();
    let ds = d.to_str().unwrap();
    let pid = a_passage_id();
    for args in [
        vec!["--bookmarks", ds, "bookmarks", "list"],
        vec!["--bookmarks", ds, "bookmarks", "add", &pid],
    ] {
        let o = env.run(&args);
        fails_naming(&o, &d, "directory");
    }
    assert!(d.is_dir());
    assert_eq!(
        std::fs::read_to_string(d.join("mine.txt")).unwrap(),
        "giữ nguyên"
    );
    assert_eq!(names(&env), ["bookmarks.json", "home"]);
}

// ---------------------------------------------------------------------------------------------
// Regular files: what is read stays as it is

#[test]
fn an_empty_bookmarks_file_is_an_empty_list() {
    let env = Env::new();
    let f = env.path("bm.json");
    std::fs::write(&f, "").unwrap();
    let fs = f.to_str().unwrap();
    let out = env.ok(&["--bookmarks", fs, "bookmarks", "list"]);
    assert!(out.contains("no bookmarks yet"), "{out}");
    assert_eq!(std::fs::read(&f).unwrap(), b"", "not rewritten by a read");
    // A change fills it, without calling it corrupt.
    let o = env.run(&["--bookmarks", fs, "bookmarks", "add", &a_passage_id()]);
    assert!(
        o.status.success() && !stderr(&o).contains("corrupt"),
        "{}",
        stderr(&o)
    );
    assert_eq!(names(&env), ["bm.json", "bm.json.lock", "home"]);
}

#[test]
fn a_dangling_symlink_is_written_through() {
    let env = Env::new();
    std::fs::create_dir(env.path("dotfiles")).unwrap();
    let link = env.path("bm.json");
    std::os::unix::fs::symlink("dotfiles/bookmarks.json", &link).unwrap();
    env.ok(&[
        "--bookmarks",
        link.to_str().unwrap(),
        "bookmarks",
        "add",
        &a_passage_id(),
    ]);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(env.path("dotfiles/bookmarks.json")).unwrap();
    assert!(text.contains("nghiquyet-bookmarks"), "{text}");
}

/// Path → (bytes, modified time) of every file under `dir`.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut v = Vec::new();
    for e in walk(dir) {
        let m = std::fs::symlink_metadata(&e).unwrap();
        if m.is_file() {
            v.push((e.clone(), std::fs::read(&e).unwrap(), m.modified().unwrap()));
        }
    }
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    let mut i = 0;
    while i < out.len() {
        if out[i].is_dir() {
            let mut kids: Vec<PathBuf> = std::fs::read_dir(&out[i])
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            kids.sort();
            out.extend(kids);
        }
        i += 1;
    }
    out
}

#[test]
fn reading_commands_move_rename_or_rewrite_nothing() {
    let env = Env::new();
    let raw = raw_dir();
    env.ok(&["build", &raw, "-o", "corpus.json", "--quiet"]);
    let bm = env.path("bm.json");
    std::fs::write(&bm, "{\"format\": \"nghiquyet-bookmarks\", \"ver").unwrap();
    let before = tree(env.dir.path());
    let b = bm.to_str().unwrap();
    for args in [
        vec!["--bookmarks", b, "bookmarks", "list"],
        vec!["--bookmarks", b, "bookmarks", "list", "--json"],
        vec!["--bookmarks", b, "bookmarks", "export", "--format", "json"],
        vec!["search", "nghi quyet", "--corpus", "corpus.json"],
        vec!["stats", "--corpus", "corpus.json"],
        vec!["localities", "--corpus", "corpus.json"],
    ] {
        let _ = env.run(&args);
    }
    assert_eq!(tree(env.dir.path()), before);
}

#[test]
fn build_replaces_only_a_corpus() {
    let env = Env::new();
    let raw = raw_dir();
    // Names the format in its first bytes, but is a user's note, not a corpus.
    let note = "{\"format\": \"nghiquyet-corpus\"} is what build writes; my notes follow\n";
    std::fs::write(env.path("notes.json"), note).unwrap();
    let o = env.run(&["build", &raw, "-o", "notes.json", "--quiet"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(env.path("notes.json")).unwrap(),
        note
    );
    // A corpus is replaced; with --force, anything regular is.
    env.ok(&["build", &raw, "-o", "c.json", "--quiet"]);
    env.ok(&["build", &raw, "-o", "c.json", "--quiet"]);
    env.ok(&["build", &raw, "-o", "notes.json", "--quiet", "--force"]);
    env.ok(&["stats", "--corpus", "notes.json"]);
}

#[test]
fn temp_files_of_a_killed_writer_are_cleaned_by_the_next_run() {
    let env = Env::new();
    let raw = raw_dir();
    let old = std::time::SystemTime::now() - Duration::from_hours(2);
    let stale = [
        env.path(".c.json.a1b2c3.nghiquyet-tmp"),
        // Of the previous version's naming.
        env.path(".nghiquyet-Zx81qa.tmp"),
    ];
    for p in &stale {
        std::fs::write(p, vec![b'{'; 4096]).unwrap();
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    env.ok(&["build", &raw, "-o", "c.json", "--quiet"]);
    for p in &stale {
        assert!(!p.exists(), "{} was left", p.display());
    }
    assert_eq!(names(&env), ["c.json", "home"]);
}

// ---------------------------------------------------------------------------------------------
// Text never drives the terminal

/// Bytes a terminal would act on: C0 controls other than newline (and CR LF's CR in CSV,
/// tab), DEL, C1, bidi overrides and isolates.
fn unsafe_chars(s: &str) -> Vec<char> {
    s.chars()
        .filter(|&c| {
            (c < ' ' && c != '\n' && c != '\t' && c != '\r')
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect()
}

const NASTY: &str = "\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{2067}";

#[test]
fn notes_are_cleaned_and_listings_never_carry_escapes() {
    let env = Env::new();
    let bm = env.path("bm.json");
    let b = bm.to_str().unwrap();
    let note = format!("ghi chú {NASTY} hết");
    let tag = format!("#kinh{NASTY}-tế");
    env.ok(&[
        "--bookmarks",
        b,
        "bookmarks",
        "add",
        &a_passage_id(),
        "--note",
        &note,
        "--tag",
        &tag,
    ]);
    let stored = std::fs::read_to_string(&bm).unwrap();
    assert!(unsafe_chars(&stored).is_empty(), "{stored:?}");
    assert!(stored.contains("ghi chú ]0;PWNED[2J31m hết"), "{stored}");
    for args in [
        vec!["--bookmarks", b, "bookmarks", "list"],
        vec!["--bookmarks", b, "bookmarks", "list", "--json"],
        vec!["--bookmarks", b, "bookmarks", "export", "--format", "md"],
        vec!["--bookmarks", b, "bookmarks", "export", "--format", "csv"],
    ] {
        let out = env.ok(&args);
        assert!(unsafe_chars(&out).is_empty(), "{args:?}: {out:?}");
    }
}

#[test]
fn hand_edited_bookmarks_and_a_hand_written_corpus_never_drive_the_terminal() {
    fn on_bookmarks(rest: &'static str) -> Vec<&'static str> {
        let mut v = vec!["--bookmarks", "bm.json", "bookmarks"];
        v.extend(rest.split(' '));
        v
    }
    let env = Env::new();
    // A corpus written by hand (or by another tool): escapes in a title, a passage, a
    // locality name, an outlet.
    let mut c = nghiquyet::embedded::corpus();
    c.documents[0].title = format!("Tiêu đề {NASTY} độc");
    c.documents[0].outlet = Some(format!("Báo{NASTY}"));
    c.documents[0].sections[0].passages[0].text = format!("Nghị quyết {NASTY} đại hội");
    c.localities[0].name = format!("{}{NASTY}", c.localities[0].name);
    std::fs::write(env.path("c.json"), serde_json::to_vec(&c).unwrap()).unwrap();
    // A bookmarks file edited by hand, with raw escapes in the note.
    let mut b = serde_json::to_value(nghiquyet::bookmarks::BookmarkFile::new(vec![])).unwrap();
    b["bookmarks"] = serde_json::json!([{
        "id": "b0000000001", "created": "2026-01-01T00:00:00Z", "doc": c.documents[0].id,
        "passage": c.documents[0].sections[0].passages[0].id,
        "quote": {"text": c.documents[0].sections[0].passages[0].text, "prefix": "", "suffix": ""},
        "note": format!("note {NASTY}"), "tags": [format!("t{NASTY}")],
        "title": c.documents[0].title, "locality": format!("Hạ Long{NASTY}")
    }]);
    std::fs::write(env.path("bm.json"), serde_json::to_vec(&b).unwrap()).unwrap();
    let search = ["search", "nghi quyet dai hoi", "--corpus", "c.json"];
    for args in [
        search.to_vec(),
        [&search[..], &["--json"]].concat(),
        vec!["stats", "--corpus", "c.json"],
        vec!["stats", "--corpus", "c.json", "--json"],
        vec!["localities", "--corpus", "c.json"],
        vec!["localities", "--corpus", "c.json", "--json"],
        on_bookmarks("list --corpus c.json"),
        on_bookmarks("list --corpus c.json --json"),
        on_bookmarks("export --format md --corpus c.json"),
        on_bookmarks("export --format csv --corpus c.json"),
        on_bookmarks("export --format json"),
    ] {
        let o = env.run(&args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(unsafe_chars(&out).is_empty(), "{args:?}: {out:?}");
        assert!(unsafe_chars(&stderr(&o)).is_empty(), "{args:?}");
        if args.contains(&"--json") || args.contains(&"json") {
            // JSON says what is there, escaped: C1 and the bidi controls as \uXXXX.
            assert!(
                out.contains("\\u009b") && out.contains("\\u202e"),
                "{args:?}: {out}"
            );
            let _: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        }
    }
    // Written to files too: `cat` of an export is safe.
    for (fmt, name) in [("md", "x.md"), ("csv", "x.csv")] {
        env.ok(&[
            "--bookmarks",
            "bm.json",
            "bookmarks",
            "export",
            "--format",
            fmt,
            "-o",
            name,
            "--corpus",
            "c.json",
        ]);
        let text = std::fs::read_to_string(env.path(name)).unwrap();
        assert!(unsafe_chars(&text).is_empty(), "{name}: {text:?}");
    }
}

#[test]
fn a_file_name_with_escapes_is_shown_escaped_in_errors() {
    let env = Env::new();
    let name = "bad\u{1b}[2J\u{1b}]0;PWNED\u{7}.json";
    let o = env.run(&["stats", "--corpus", name]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(unsafe_chars(&err).is_empty(), "{err:?}");
    assert!(err.contains("bad^[[2J^[]0;PWNED^G.json"), "{err}");
    // The command line parser's own messages quote what was typed.
    let o = env.run(&["--theme", "x\u{202e}y\u{9b}2J"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(unsafe_chars(&err).is_empty(), "{err:?}");
    assert!(err.contains("x<U+202E>y"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Output, errors, memory

#[test]
fn a_failed_write_to_stdout_is_an_error_a_closed_pipe_is_not() {
    let env = Env::new();
    if let Some(full) = mknod(&env, "full", 7) {
        for args in [
            vec!["bookmarks", "list"],
            vec!["stats"],
            vec!["search", "nghi quyet"],
            vec!["localities", "--json"],
        ] {
            let out = std::fs::File::options().write(true).open(&full).unwrap();
            let o = env
                .cmd(&args)
                .stdout(Stdio::from(out))
                .stderr(Stdio::piped())
                .locked_output()
                .unwrap();
            assert_eq!(o.status.code(), Some(1), "{args:?}");
            let err = stderr(&o);
            assert!(
                err.contains("standard output") && err.contains("No space left"),
                "{err}"
            );
        }
    }
    // `| head -c 1`: the reader went away; that is not a failure.
    let mut child = env
        .cmd(&[
            "inspect",
            &format!("{}/004_9b822c38e3d4e473.txt", raw_dir()),
            "--width",
            "0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .locked_spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    std::io::Read::read_exact(&mut out, &mut one).unwrap();
    drop(out);
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn each_cause_is_said_once() {
    let env = Env::new();
    let o = env.run(&["stats", "--corpus", "missing.json"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
    assert!(err.contains("missing.json"), "{err}");
}

#[test]
fn a_corpus_too_large_for_memory_is_refused_before_it_is_read() {
    let env = Env::new();
    // Sparse: a terabyte on paper, nothing on disk.
    std::fs::File::create(env.path("huge.json"))
        .unwrap()
        .set_len(1 << 40)
        .unwrap();
    let started = Instant::now();
    let o = env.run(&["stats", "--corpus", "huge.json"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("huge.json") && err.contains("MB of memory") && err.contains("--force"),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_long_file_with_old_mac_line_ends_builds() {
    let env = Env::new();
    let mut f = std::fs::File::create(env.path("cr.txt")).unwrap();
    f.write_all("Tiêu đề bài viết\r\r".as_bytes()).unwrap();
    // Over 1 MiB in all, in lines of 80 bytes ended by CR alone.
    let line = "Nghị quyết đại hội được triển khai sâu rộng đến từng chi bộ.\r";
    for _ in 0..(1 << 20) / line.len() + 10 {
        f.write_all(line.as_bytes()).unwrap();
    }
    drop(f);
    let o = env.run(&["inspect", "cr.txt", "--width", "0"]);
    assert!(o.status.success(), "{}", stderr(&o));
}
