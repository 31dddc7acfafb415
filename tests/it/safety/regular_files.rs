//! Regular files: what is read stays as it is; symlinks are written through, `build -o`
//! replaces only a corpus, a killed writer's temp files are cleaned.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Env, a_passage_id, names, raw_dir, stderr};

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
