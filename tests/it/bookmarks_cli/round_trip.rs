//! Round trip: add, list and rm through the binary, and the file the environment names.

use nghiquyet::bookmarks::{BookmarkFile, doc_refs};
use serde_json::Value;

use super::{Env, s, stderr, stdout};
use crate::spawn::LockedSpawn;

#[test]
fn add_list_rm_round_trip() {
    let env = Env::new();
    // A passage id as a user finds one.
    let found: Value = serde_json::from_str(&env.ok(&["search", "Hạ Long", "--json"])).unwrap();
    let hit = &found[0];
    let passage = s(hit, "passage").to_string();
    let text = s(hit, "text").to_string();

    assert!(
        env.ok(&["bookmarks", "list"]).contains("no bookmarks yet"),
        "an empty list says so"
    );
    assert!(!env.bookmarks.exists(), "listing creates nothing");

    let note = "Trích cho báo cáo \"quý IV\", mục Quảng Ninh";
    let out = env.ok(&[
        "bookmarks",
        "add",
        &passage,
        "--note",
        note,
        "--tag",
        "#cải-cách",
        "--tag",
        "kinh-tế",
    ]);
    let id = out.trim().to_string();
    assert!(
        id.len() == 11 && id.starts_with('b') && id[1..].chars().all(|c| c.is_ascii_hexdigit()),
        "add prints the new id: {out:?}"
    );
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&env.bookmarks).unwrap().permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);

    // The same passage again: a second bookmark (its own note), with a word about the first.
    let o = env.run(&["bookmarks", "add", &passage, "--note", "lần hai"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let second = stdout(&o).trim().to_string();
    assert_ne!(second, id);
    assert!(stderr(&o).contains(&id), "{}", stderr(&o));
    let o = env.run(&["bookmarks", "rm", &second]);
    assert!(o.status.success(), "{}", stderr(&o));

    let list = env.list_json(&[]);
    assert_eq!(list.len(), 1, "{list:?}");
    let b = &list[0];
    for key in [
        "id", "created", "doc", "passage", "quote", "note", "tags", "locality", "title", "section",
        "status", "resolved",
    ] {
        assert!(b.get(key).is_some(), "{key} missing from {b}");
    }
    assert_eq!(s(b, "id"), id);
    assert!(s(b, "created").parse::<jiff::Timestamp>().is_ok());
    assert!(s(b, "created").ends_with('Z'), "UTC: {}", s(b, "created"));
    assert_eq!(s(b, "doc"), s(hit, "doc"));
    assert_eq!(s(b, "passage"), passage);
    assert_eq!(s(&b["quote"], "text"), text);
    assert!(b["quote"]["prefix"].is_string() && b["quote"]["suffix"].is_string());
    assert_eq!(s(b, "note"), note);
    assert_eq!(b["tags"], serde_json::json!(["cải-cách", "kinh-tế"]));
    assert_eq!(s(b, "title"), s(hit, "title"));
    assert_eq!(b["section"], hit["section"]);
    assert!(b["locality"].is_string(), "{b}");
    assert_eq!(s(b, "status"), "ok");
    assert_eq!(s(&b["resolved"], "passage"), passage);
    assert_eq!(s(&b["resolved"], "doc"), s(hit, "doc"));
    assert_eq!(b["resolved"]["similarity"], 1.0);

    // The text list names it, its status, its note and tags.
    let text_list = env.ok(&["bookmarks", "list"]);
    assert!(text_list.contains(&id), "{text_list}");
    assert!(text_list.contains("ok"), "{text_list}");
    assert!(text_list.contains(note), "{text_list}");
    assert!(text_list.contains("#cải-cách #kinh-tế"), "{text_list}");

    // Removing an id that is not there fails and names it.
    let o = env.run(&["bookmarks", "rm", "b0123456789"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("b0123456789"), "{}", stderr(&o));
    assert_eq!(env.list_json(&[]).len(), 1, "a failed rm changes nothing");

    // Bookmarking a passage that does not exist fails and names it.
    let o = env.run(&["bookmarks", "add", "pdeadbeef0000"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("pdeadbeef0000"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert_eq!(env.list_json(&[]).len(), 1);

    let o = env.run(&["bookmarks", "rm", &id]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(env.list_json(&[]).is_empty());
    let o = env.run(&["bookmarks", "rm", &id]);
    assert!(!o.status.success(), "removing twice fails");
    assert!(stderr(&o).contains(&id), "{}", stderr(&o));
    env.assert_home_untouched();
}

#[test]
fn the_environment_variable_names_the_file() {
    let env = Env::new();
    let file = env.path("from-env/bm.json");
    let corpus = nghiquyet::embedded::corpus();
    let passage = doc_refs(&corpus, 2)[3].get(&corpus).id.clone();
    let o = env
        .cmd()
        .env("NGHIQUYET_BOOKMARKS", &file)
        .args(["bookmarks", "add", &passage])
        .locked_output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let f: BookmarkFile = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(f.bookmarks.len(), 1);
    assert_eq!(f.bookmarks[0].passage, passage);
    assert!(!env.bookmarks.exists());
    env.assert_home_untouched();
}
