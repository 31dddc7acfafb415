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

use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use crate::spawn::LockedSpawn;

mod output;
mod regular_files;
mod special_files;
mod terminal;

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
    fails_with(o, 1, path, kind);
}

/// An error naming `path` and `kind`, with exit status `code` (`search` exits 2 on an
/// error, as grep does: 1 says nothing matched).
fn fails_with(o: &Output, code: i32, path: &Path, kind: &str) {
    assert_eq!(o.status.code(), Some(code), "{}", stderr(o));
    let err = stderr(o);
    assert!(
        err.contains(&*path.to_string_lossy()) && err.contains(kind),
        "the error names {} and {kind}: {err}",
        path.display()
    );
}
