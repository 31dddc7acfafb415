//! Every write is durable: after the rename that puts a file in place, the directory that
//! holds it is fsynced too, so the rename itself survives a power cut. Checked by running the
//! real binary under `strace` (installed by `.ci/run`; skipped with a message when absent).

use std::path::Path;
use std::process::Command;

use crate::spawn::LockedSpawn;

fn binary() -> String {
    std::env::var("NGHIQUYET_TEST_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_nghiquyet").to_string())
}

/// Is strace there, and may it trace (a container may forbid ptrace)?
fn have_strace() -> bool {
    Command::new("strace")
        .args(["-qq", "-e", "trace=none", "true"])
        .locked_output()
        .is_ok_and(|o| o.status.success())
}

/// Run `nghiquyet ARGS` in `dir` under strace; the syscalls that matter, one per line.
fn trace(dir: &Path, args: &[&str]) -> Vec<String> {
    let log = dir.join("strace.log");
    let o = Command::new("strace")
        .args(["-f", "-qq", "-o"])
        .arg(&log)
        .args([
            "-e",
            "trace=openat,rename,renameat,renameat2,fsync,fdatasync,close",
        ])
        .arg(binary())
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .locked_output()
        .expect("strace runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        // Drop the pid strace -f puts first.
        .map(|l| {
            l.split_once(' ')
                .map_or(l, |(_, rest)| rest)
                .trim()
                .to_string()
        })
        .collect()
}

/// After the rename onto `target`, is a descriptor opened on `dir` fsynced?
fn dir_synced_after_rename(lines: &[String], target: &str, dir: &str) -> bool {
    let Some(renamed) = lines.iter().position(|l| {
        l.starts_with("rename")
            && (l.contains(&format!("\"{target}\")")) || l.contains(&format!("\"{target}\",")))
    }) else {
        panic!("no rename onto {target}:\n{}", lines.join("\n"));
    };
    let opened = format!("openat(AT_FDCWD, \"{dir}\", ");
    let mut dir_fds = Vec::new();
    for l in &lines[renamed..] {
        if l.starts_with(&opened) {
            if let Some(fd) = l.rsplit("= ").next() {
                dir_fds.push(fd.trim().to_string());
            }
        } else if let Some(fd) = l.strip_prefix("fsync(").and_then(|r| r.split(')').next())
            && dir_fds.iter().any(|d| d == fd)
        {
            return true;
        }
    }
    false
}

#[test]
fn build_export_and_bookmarks_sync_the_directory_after_the_rename() {
    if !have_strace() {
        eprintln!("skipped: strace is not installed or may not trace here (.ci/run installs it)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let raw = format!("{}/data/raw", env!("CARGO_MANIFEST_DIR"));
    let lines = trace(dir.path(), &["build", &raw, "-o", "out.json", "--quiet"]);
    assert!(
        dir_synced_after_rename(&lines, "out.json", "."),
        "build -o: the directory is not fsynced after the rename:\n{}",
        lines.join("\n")
    );
    let corpus = nghiquyet::embedded::corpus();
    let passage = corpus.documents[0].sections[0].passages[0].id.clone();
    let bm = dir.path().join("bm.json");
    let b = bm.to_str().unwrap();
    Command::new(binary())
        .args(["--bookmarks", b, "bookmarks", "add", &passage])
        .env("HOME", dir.path())
        .locked_output()
        .unwrap();
    let lines = trace(
        dir.path(),
        &[
            "--bookmarks",
            b,
            "bookmarks",
            "export",
            "--format",
            "md",
            "-o",
            "x.md",
        ],
    );
    assert!(
        dir_synced_after_rename(&lines, "x.md", "."),
        "export -o: the directory is not fsynced after the rename:\n{}",
        lines.join("\n")
    );
}
