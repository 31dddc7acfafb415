//! Output, errors, memory: a failed write to stdout, a closed pipe, each cause said once, a
//! corpus too large for memory.

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use super::{Env, mknod, raw_dir, stderr};
use crate::spawn::LockedSpawn;

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
            // `search` exits 2 on an error, as grep does.
            let code = if args[0] == "search" { 2 } else { 1 };
            assert_eq!(o.status.code(), Some(code), "{args:?}");
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
