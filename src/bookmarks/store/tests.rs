use std::os::unix::fs::PermissionsExt;

use super::*;
use crate::bookmarks::Quote;

fn bm(id: &str, text: &str) -> Bookmark {
    Bookmark {
        id: id.into(),
        created: "2026-11-22T00:00:00Z".into(),
        doc: "doc".into(),
        passage: format!("p-{id}"),
        quote: Quote {
            text: text.into(),
            prefix: String::new(),
            suffix: String::new(),
        },
        note: String::new(),
        tags: Vec::new(),
        locality: Some("Hạ Long".into()),
        title: "Tiêu đề".into(),
        section: None,
        outlet: None,
        date: None,
        updated: None,
        extra: serde_json::Map::new(),
    }
}

fn store(dir: &Path) -> Store {
    Store::new(dir.join("sub/bookmarks.json"))
}

#[test]
fn round_trip_with_mode_0600() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    assert!(s.load().unwrap().bookmarks.is_empty());
    assert!(!s.path().exists(), "loading creates nothing");
    let a = bm("b1", "Nghị quyết Đại hội");
    let snap = s.apply(&[Op::Add(Box::new(a.clone()))], &[]).unwrap();
    assert_eq!(snap.bookmarks, vec![a.clone()]);
    assert_eq!(snap.applied, vec![true]);
    let mode = std::fs::metadata(s.path()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let mut again = store(dir.path());
    assert_eq!(again.load().unwrap().bookmarks, vec![a.clone()]);
    // Edit, then remove; adding the same id twice changes nothing.
    let snap = s
        .apply(
            &[
                Op::Add(Box::new(a.clone())),
                Op::Edit {
                    id: "b1".into(),
                    note: "ghi chú".into(),
                    tags: vec!["cải-cách".into()],
                },
            ],
            &[],
        )
        .unwrap();
    assert_eq!(snap.applied, vec![false, true]);
    assert_eq!(snap.bookmarks[0].note, "ghi chú");
    assert!(snap.bookmarks[0].updated.is_some());
    let snap = s.apply(&[Op::Remove("b1".into())], &[]).unwrap();
    assert!(snap.bookmarks.is_empty());
    let snap = s.apply(&[Op::Remove("b1".into())], &[]).unwrap();
    assert_eq!(snap.applied, vec![false]);
    // No temp files (`….nghiquyet-tmp`, `….tmp` of earlier versions) are left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path().join("sub"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with("tmp")), "{names:?}");
}

#[test]
fn a_change_merges_with_what_another_instance_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut one = store(dir.path());
    let mut two = store(dir.path());
    one.load().unwrap();
    two.load().unwrap();
    one.apply(&[Op::Add(Box::new(bm("b1", "một")))], &[])
        .unwrap();
    // `two` never saw b1, yet its save keeps it.
    let snap = two
        .apply(&[Op::Add(Box::new(bm("b2", "hai")))], &[])
        .unwrap();
    let ids: Vec<&str> = snap.bookmarks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["b1", "b2"]);
}

#[test]
fn an_edit_of_a_bookmark_deleted_elsewhere_brings_it_back_with_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut one = store(dir.path());
    let mut two = store(dir.path());
    let a = bm("b1", "một");
    one.apply(&[Op::Add(Box::new(a.clone()))], &[]).unwrap();
    two.apply(&[Op::Remove("b1".into())], &[]).unwrap();
    let mut edited = a;
    edited.note = "ghi chú vừa gõ".into();
    let snap = one.apply(&[Op::Update(Box::new(edited))], &[]).unwrap();
    assert_eq!(snap.applied, vec![true]);
    assert_eq!(snap.bookmarks.len(), 1);
    assert_eq!(snap.bookmarks[0].note, "ghi chú vừa gõ");
}

#[test]
fn unknown_fields_survive_a_rewrite() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let mut a = bm("b1", "một");
    a.extra.insert("colour".into(), serde_json::json!("red"));
    s.apply(&[Op::Add(Box::new(a))], &[]).unwrap();
    s.apply(&[Op::Add(Box::new(bm("b2", "hai")))], &[]).unwrap();
    let text = std::fs::read_to_string(s.path()).unwrap();
    assert!(text.contains("\"colour\": \"red\""), "{text}");
}

#[test]
fn a_corrupt_file_is_moved_aside_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    let garbage = b"{\"format\": \"nghiquyet-bookmarks\", \"version\": 1, \"bookm";
    std::fs::write(s.path(), garbage).unwrap();
    // Reading changes nothing: the file is reported, and stays.
    let snap = s.load().unwrap();
    assert!(snap.bookmarks.is_empty());
    assert!(snap.unusable.is_some());
    assert!(snap.notice.unwrap().contains("next change"));
    assert_eq!(std::fs::read(s.path()).unwrap(), garbage);
    // The first change moves it aside and saves what the user saw.
    let snap = s
        .apply(&[Op::Add(Box::new(bm("b0", "không")))], &[])
        .unwrap();
    let notice = snap.notice.unwrap();
    assert!(notice.contains("moved to"), "{notice}");
    assert_eq!(snap.bookmarks.len(), 1);
    let aside: Vec<PathBuf> = std::fs::read_dir(dir.path().join("sub"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("bookmarks.json.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert!(notice.contains(&*aside[0].to_string_lossy()));
    assert_eq!(std::fs::read(&aside[0]).unwrap(), garbage);
    std::fs::remove_file(s.path()).unwrap();
    // A second corrupt file the same second gets its own name.
    std::fs::write(s.path(), b"[]").unwrap();
    let local = vec![bm("b9", "shown")];
    let snap = s
        .apply(&[Op::Add(Box::new(bm("b1", "một")))], &local)
        .unwrap();
    assert!(snap.notice.unwrap().contains("moved to"));
    let ids: Vec<&str> = snap.bookmarks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(
        ids,
        ["b9", "b1"],
        "what the user saw is saved, plus the change"
    );
    let asides = std::fs::read_dir(dir.path().join("sub"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".corrupt-")
        })
        .count();
    assert_eq!(asides, 2);
}

#[test]
fn a_newer_version_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    let mut b = serde_json::to_value(bm("b1", "một")).unwrap();
    b["future"] = serde_json::json!({"x": 1});
    let text = serde_json::to_string(&serde_json::json!({
        "format": FORMAT, "version": 2, "bookmarks": [b], "more": true
    }))
    .unwrap();
    std::fs::write(s.path(), &text).unwrap();
    let snap = s.load().unwrap();
    assert_eq!(snap.bookmarks.len(), 1, "shown, read-only");
    assert!(snap.notice.unwrap().contains("version 2"));
    assert!(s.read_only().is_some());
    let err = s
        .apply(&[Op::Add(Box::new(bm("b2", "hai")))], &[])
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly(_)), "{err}");
    assert_eq!(std::fs::read_to_string(s.path()).unwrap(), text);
}

#[test]
fn stale_temp_files_are_cleaned_under_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    let stale = dir.path().join("sub/.bookmarks.json.abc123.tmp");
    std::fs::write(&stale, b"half a fi").unwrap();
    s.apply(&[Op::Add(Box::new(bm("b1", "một")))], &[]).unwrap();
    assert!(!stale.exists());
}

#[test]
fn an_empty_file_is_an_empty_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    for empty in ["", "\n", "  \n\t"] {
        std::fs::write(s.path(), empty).unwrap();
        let snap = s.load().unwrap();
        assert!(snap.bookmarks.is_empty() && snap.notice.is_none() && snap.unusable.is_none());
    }
    let snap = s.apply(&[Op::Add(Box::new(bm("b1", "một")))], &[]).unwrap();
    assert!(snap.moved_aside.is_none(), "an empty file is not corrupt");
    assert_eq!(snap.bookmarks.len(), 1);
}

#[test]
fn unknown_top_level_fields_survive_a_rewrite() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    std::fs::write(
        s.path(),
        r#"{"format": "nghiquyet-bookmarks", "version": 1, "bookmarks": [], "codebook": {"kinh-tế": "memo"}}"#,
    )
    .unwrap();
    s.apply(&[Op::Add(Box::new(bm("b1", "một")))], &[]).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(s.path()).unwrap()).unwrap();
    assert_eq!(v["codebook"], serde_json::json!({"kinh-tế": "memo"}));
    assert_eq!(v["bookmarks"].as_array().unwrap().len(), 1);
}

#[test]
fn a_path_that_is_not_a_regular_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    // A directory given as the bookmarks file.
    let d = dir.path().join("bookmarks.json");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("mine.txt"), "keep").unwrap();
    let mut s = Store::new(d.clone());
    let e = s.load().unwrap_err().to_string();
    assert!(e.contains("is a directory"), "{e}");
    let e = s
        .apply(&[Op::Add(Box::new(bm("b1", "một")))], &[])
        .unwrap_err()
        .to_string();
    assert!(e.contains("is a directory"), "{e}");
    assert_eq!(std::fs::read_to_string(d.join("mine.txt")).unwrap(), "keep");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names.len(),
        1,
        "nothing created or moved beside it: {names:?}"
    );
}

#[test]
fn a_dangling_symlink_is_written_through_and_a_corrupt_target_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("bookmarks.json");
    std::fs::create_dir(dir.path().join("dotfiles")).unwrap();
    std::os::unix::fs::symlink("dotfiles/bm.json", &link).unwrap();
    let mut s = Store::new(link.clone());
    s.apply(&[Op::Add(Box::new(bm("b1", "một")))], &[]).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let target = dir.path().join("dotfiles/bm.json");
    assert_eq!(
        Store::new(target.clone()).load().unwrap().bookmarks.len(),
        1
    );
    // The target turns corrupt: it is moved aside beside itself, the link stays and
    // names the fresh file.
    std::fs::write(&target, "{oops").unwrap();
    let mut s = Store::new(link.clone());
    let snap = s.apply(&[Op::Add(Box::new(bm("b2", "hai")))], &[]).unwrap();
    let aside = snap.moved_aside.unwrap();
    assert_eq!(aside.parent().unwrap(), dir.path().join("dotfiles"));
    assert_eq!(std::fs::read_to_string(aside).unwrap(), "{oops");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(Store::new(link).load().unwrap().bookmarks.len(), 1);
}

#[test]
fn paths_follow_the_override_order() {
    let p = resolve_path(Some(Path::new("/x/b.json"))).unwrap();
    assert_eq!(p, PathBuf::from("/x/b.json"));
}

/// Tagging, untagging, describing and renaming (merging) tags: bookmarks and codebook in
/// one save, seen by another instance.
#[test]
fn tags_and_the_codebook_change_together() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let mut a = bm("b1", "một");
    a.tags = vec!["kinh-tế/nhà-ở".into()];
    let b = bm("b2", "hai");
    let snap = s
        .apply(
            &[
                Op::Add(Box::new(a)),
                Op::Add(Box::new(b)),
                Op::Tag {
                    id: "b2".into(),
                    tag: "nhà-ở".into(),
                },
                Op::Tag {
                    id: "b2".into(),
                    tag: "Nhà-ở".into(),
                },
                Op::Describe {
                    tag: "kinh-tế/nhà-ở".into(),
                    description: "chính sách nhà ở".into(),
                },
                Op::Describe {
                    tag: "nhà-ở".into(),
                    description: "nhà ở nói chung".into(),
                },
            ],
            &[],
        )
        .unwrap();
    assert_eq!(snap.applied, [true, true, true, false, true, true]);
    assert_eq!(snap.bookmarks[1].tags, ["nhà-ở"]);
    // Rename the parent: the nested tag follows, and merges into the existing `nhà-ở`.
    let snap = s
        .apply(
            &[Op::RenameTag {
                from: "kinh-tế/nhà-ở".into(),
                to: "nhà-ở".into(),
            }],
            &[],
        )
        .unwrap();
    assert_eq!(snap.applied, [true]);
    assert_eq!(snap.bookmarks[0].tags, ["nhà-ở"]);
    assert_eq!(
        snap.codebook.description("nhà-ở"),
        "nhà ở nói chung\nchính sách nhà ở"
    );
    assert!(!snap.codebook.tags.contains_key("kinh-tế/nhà-ở"));
    // Another instance reads the same.
    let mut other = store(dir.path());
    let seen = other.load().unwrap();
    assert_eq!(seen.codebook, snap.codebook);
    assert_eq!(seen.bookmarks, snap.bookmarks);
    // Untag, and an empty description drops the entry.
    let snap = s
        .apply(
            &[
                Op::Untag {
                    id: "b1".into(),
                    tag: "NHÀ-Ở".into(),
                },
                Op::Describe {
                    tag: "nhà-ở".into(),
                    description: String::new(),
                },
            ],
            &[],
        )
        .unwrap();
    assert_eq!(snap.applied, [true, true]);
    assert!(snap.bookmarks[0].tags.is_empty());
    assert!(snap.codebook.tags.is_empty());
    let raw = String::from_utf8(s.raw().unwrap().unwrap()).unwrap();
    assert!(!raw.contains("\"codebook\""), "{raw}");
}

/// Two instances tag the same passage, each having seen it without a bookmark: the second
/// tags the first's bookmark instead of adding another.
#[test]
fn tagging_a_passage_another_instance_just_bookmarked_tags_its_bookmark() {
    let dir = tempfile::tempdir().unwrap();
    let mut one = store(dir.path());
    let mut two = store(dir.path());
    let mut a = bm("b1", "một");
    a.tags = vec!["nhà-ở".into()];
    let mut b = bm("b2", "một");
    b.passage = a.passage.clone();
    b.tags = vec!["du-lịch".into()];
    one.apply(&[Op::TagPassage(Box::new(a))], &[]).unwrap();
    let snap = two.apply(&[Op::TagPassage(Box::new(b))], &[]).unwrap();
    assert_eq!(snap.applied, [true]);
    assert_eq!(snap.bookmarks.len(), 1);
    assert_eq!(snap.bookmarks[0].id, "b1");
    assert_eq!(snap.bookmarks[0].tags, ["nhà-ở", "du-lịch"]);
    // Again: nothing changes.
    let mut c = bm("b3", "một");
    c.passage = snap.bookmarks[0].passage.clone();
    c.tags = vec!["du-lịch".into()];
    assert_eq!(
        two.apply(&[Op::TagPassage(Box::new(c))], &[])
            .unwrap()
            .applied,
        [false]
    );
}
