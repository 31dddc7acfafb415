//! A corrupt file, a newer file: read as far as possible, never overwritten.

use std::path::PathBuf;

use nghiquyet::bookmarks::{Bookmark, doc_refs};
use serde_json::Value;

use super::{Env, s, stderr, stdout, walk};

#[test]
fn a_corrupt_file_is_left_alone_by_reading_and_moved_aside_by_a_change() {
    let env = Env::new();
    std::fs::create_dir_all(env.bookmarks.parent().unwrap()).unwrap();
    let garbage =
        b"{\"format\": \"nghiquyet-bookmarks\", \"version\": 1, \"bookmarks\": [{\"id\": ";
    std::fs::write(&env.bookmarks, garbage).unwrap();
    let listing = || {
        std::fs::read_dir(env.bookmarks.parent().unwrap())
            .unwrap()
            .count()
    };

    // Reading commands say what is wrong, exit 1, and change nothing.
    for args in [
        &["bookmarks", "list"][..],
        &["bookmarks", "list", "--json"],
        &["bookmarks", "export", "--format", "md"],
    ] {
        let o = env.run(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("bookmarks.json") && err.contains("not valid JSON"),
            "{err}"
        );
        assert_eq!(std::fs::read(&env.bookmarks).unwrap(), garbage);
        assert_eq!(listing(), 1, "nothing created or moved by {args:?}");
    }

    // A change moves it aside (with a warning naming where) and starts a new file.
    let corpus = nghiquyet::embedded::corpus();
    let passage = doc_refs(&corpus, 0)[2].get(&corpus).id.clone();
    let o = env.run(&["bookmarks", "add", &passage]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    let aside = err
        .split_whitespace()
        .map(|w| w.trim_end_matches([';', ',', ')']))
        .find(|w| w.contains("bookmarks.json.corrupt-"))
        .unwrap_or_else(|| panic!("the warning names the moved file: {err}"));
    let aside = PathBuf::from(aside);
    assert_eq!(aside.parent(), env.bookmarks.parent());
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        garbage,
        "moved, not rewritten"
    );
    assert_eq!(env.list_json(&[]).len(), 1);
    let o = env.run(&["bookmarks", "list"]);
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
}

#[test]
fn a_newer_file_is_listed_but_never_changed() {
    let env = Env::new();
    std::fs::create_dir_all(env.bookmarks.parent().unwrap()).unwrap();
    let corpus = nghiquyet::embedded::corpus();
    let at = doc_refs(&corpus, 1)[4];
    let mut b = serde_json::to_value(Bookmark::new(&corpus, at, "ghi chú", vec![])).unwrap();
    b["colour"] = serde_json::json!("đỏ");
    let text = serde_json::to_string_pretty(&serde_json::json!({
        "format": "nghiquyet-bookmarks",
        "version": 2,
        "bookmarks": [b],
        "folders": [],
    }))
    .unwrap();
    std::fs::write(&env.bookmarks, &text).unwrap();
    let id = s(&b, "id").to_string();

    let o = env.run(&["bookmarks", "list", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("version 2"), "{}", stderr(&o));
    let list: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(s(&list[0], "status"), "ok");

    let other = doc_refs(&corpus, 1)[5].get(&corpus).id.clone();
    for args in [
        vec!["bookmarks", "add", other.as_str()],
        vec!["bookmarks", "rm", id.as_str()],
    ] {
        let o = env.run(&args);
        assert!(!o.status.success(), "{args:?} must fail");
        let err = stderr(&o);
        assert!(err.contains("version"), "{err}");
        assert!(err.contains("read-only") || err.contains("newer"), "{err}");
        assert!(o.stdout.is_empty(), "no id printed: {}", stdout(&o));
        assert_eq!(
            std::fs::read_to_string(&env.bookmarks).unwrap(),
            text,
            "{args:?} changed the file"
        );
    }
    let leftovers: Vec<PathBuf> = walk(env.bookmarks.parent().unwrap())
        .into_iter()
        .filter(|p| !p.ends_with("bookmarks.json") && !p.ends_with("bookmarks.json.lock"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
