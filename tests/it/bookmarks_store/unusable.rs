//! Files a store must not overwrite: a corrupt one is moved aside, one of a newer version is
//! read but never written.

use std::path::PathBuf;

use nghiquyet::bookmarks::store::StoreError;
use nghiquyet::bookmarks::{Bookmark, Op, Quote, Store};

use super::read_valid;

fn bm(id: &str, text: &str) -> Bookmark {
    Bookmark {
        id: id.into(),
        created: "2026-11-22T00:00:00Z".into(),
        doc: "000_da172d7989a1d926".into(),
        passage: "p000000000000".into(),
        quote: Quote {
            text: text.into(),
            prefix: String::new(),
            suffix: String::new(),
        },
        note: String::new(),
        tags: Vec::new(),
        locality: Some("Thanh Hóa".into()),
        title: "Tiêu đề".into(),
        section: None,
        outlet: None,
        date: None,
        updated: None,
        extra: serde_json::Map::new(),
    }
}

#[test]
fn a_corrupt_file_is_moved_aside_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bookmarks.json");
    let garbage: &[u8] = b"\xff\xfe{\"format\": \"nghiquyet-bookm\x00\x01 r\xc3\xa1c";
    std::fs::write(&file, garbage).unwrap();
    let mut store = Store::new(file.clone());
    // Reading reports it and leaves it in place.
    let snap = store.load().unwrap();
    assert!(snap.bookmarks.is_empty());
    assert!(snap.unusable.is_some());
    assert_eq!(std::fs::read(&file).unwrap(), garbage);
    // The first change moves it aside, byte for byte.
    let snap = store
        .apply(&[Op::Add(Box::new(bm("b0000000001", "một")))], &[])
        .unwrap();
    let notice = snap.notice.expect("the user is told");
    let asides: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("bookmarks.json.corrupt-")
        })
        .collect();
    assert_eq!(asides.len(), 1, "{asides:?}");
    assert!(
        notice.contains(&*asides[0].to_string_lossy()),
        "the notice names {}: {notice}",
        asides[0].display()
    );
    assert_eq!(std::fs::read(&asides[0]).unwrap(), garbage);
    // A fresh, valid file holds the change; the moved file is left alone.
    assert_eq!(read_valid(&file).bookmarks.len(), 1);

    // A file that is JSON but not ours is also moved aside, never overwritten.
    let not_ours = b"{\"bookmarks\": []}";
    std::fs::write(&file, not_ours).unwrap();
    let snap = Store::new(file.clone())
        .apply(&[Op::Add(Box::new(bm("b0000000002", "hai")))], &[])
        .unwrap();
    assert_eq!(snap.bookmarks.len(), 1);
    assert!(snap.notice.unwrap().contains("moved to"));
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .any(|p| std::fs::read(p).unwrap() == not_ours);
    assert!(kept);
}

#[test]
fn a_newer_version_is_shown_but_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bookmarks.json");
    let mut b = serde_json::to_value(bm("b0000000001", "Nghị quyết")).unwrap();
    b["highlight"] = serde_json::json!({"from": 3, "to": 9});
    let text = serde_json::to_string_pretty(&serde_json::json!({
        "format": "nghiquyet-bookmarks",
        "version": 2,
        "bookmarks": [b],
        "collections": [{"name": "báo cáo"}],
    }))
    .unwrap();
    std::fs::write(&file, &text).unwrap();

    let mut store = Store::new(file.clone());
    let snap = store.load().unwrap();
    assert_eq!(snap.bookmarks.len(), 1);
    assert_eq!(snap.bookmarks[0].quote.text, "Nghị quyết");
    assert!(snap.notice.unwrap().contains("version 2"));
    for op in [
        Op::Add(Box::new(bm("b0000000002", "hai"))),
        Op::Remove("b0000000001".into()),
        Op::Edit {
            id: "b0000000001".into(),
            note: "x".into(),
            tags: vec![],
        },
    ] {
        let err = store.apply(&[op], &snap.bookmarks).unwrap_err();
        assert!(matches!(err, StoreError::ReadOnly(_)), "{err}");
    }
    // A store that never loaded finds out under the lock, and writes nothing either.
    let err = Store::new(file.clone())
        .apply(&[Op::Add(Box::new(bm("b0000000003", "ba")))], &[])
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly(_)), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}
