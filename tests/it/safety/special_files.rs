//! Files that are not regular files: device nodes, FIFOs and directories are refused, named,
//! and left as they are.

use std::os::unix::fs::FileTypeExt;

use super::{
    Env, a_passage_id, fails_naming, fails_with, is_char_device, mkfifo, mknod, names, raw_dir,
};

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
        fails_with(&o, if args[0] == "search" { 2 } else { 1 }, &fifo, "FIFO");
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
