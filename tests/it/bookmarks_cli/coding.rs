//! Coding for research through the binary (issue 15): `bookmarks add-search` counts what it
//! did and loses nothing when two run at once on one file; `tags rename` moves bookmarks and
//! codebook in one save; `matrix` prints what `bookmarks::matrix` computes.

use std::collections::{HashMap, HashSet};
use std::process::Child;

use nghiquyet::bookmarks::{Anchorer, Bookmark, BookmarkFile};
use nghiquyet::corpus::Corpus;
use nghiquyet::search::{Scope, SearchIndex, search_all};
use serde_json::Value;

use super::{Env, s, stderr};
use crate::spawn::LockedSpawn;

/// The passage ids a query hits, as `search --json` prints them.
fn hit_ids(env: &Env, query: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["search", query, "--json", "--limit", "100000"];
    args.extend_from_slice(extra);
    let out = env.ok(&args);
    let hits: Vec<Value> = serde_json::from_str(&out).unwrap();
    hits.iter().map(|h| s(h, "passage").to_string()).collect()
}

/// The bookmarks file, read once.
fn read_file(env: &Env) -> Value {
    let bytes = std::fs::read(&env.bookmarks).unwrap();
    serde_json::from_slice(&bytes).expect("the bookmarks file is JSON")
}

#[test]
fn add_search_counts_new_tagged_and_already_tagged() {
    let env = Env::new();
    let hits = hit_ids(&env, "nha o xa hoi", &[]);
    assert!(hits.len() >= 3, "{hits:?}");
    // One hit bookmarked with another tag, one already with the tag.
    env.ok(&["bookmarks", "add", &hits[0], "--tag", "khác"]);
    env.ok(&["bookmarks", "add", &hits[1], "--tag", "nhà-ở"]);
    let out = env.ok(&["bookmarks", "add-search", "nha o xa hoi", "--tag", "#nhà-ở"]);
    let n = hits.len();
    assert_eq!(
        out.trim(),
        format!(
            "{n} passages: {} new bookmark{}, 1 tagged, 1 already tagged \"nhà-ở\"",
            n - 2,
            if n - 2 == 1 { "" } else { "s" }
        )
    );
    let list = env.list_json(&[]);
    assert_eq!(list.len(), n, "one bookmark a passage");
    for h in &hits {
        let b = list.iter().find(|b| s(b, "passage") == h).unwrap();
        let tags: Vec<&str> = b["tags"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(tags.contains(&"nhà-ở"), "{h}: {tags:?}");
    }
    // Again: all already tagged, nothing written.
    let before = std::fs::read(&env.bookmarks).unwrap();
    let out = env.ok(&["bookmarks", "add-search", "nha o xa hoi", "--tag", "nhà-ở"]);
    assert!(out.contains(": 0 new bookmarks, 0 tagged,"), "{out}");
    assert_eq!(std::fs::read(&env.bookmarks).unwrap(), before);
    // No hit: exit 1, as grep; a bad locality: exit 2.
    let o = env.run(&["bookmarks", "add-search", "zzqxzzqx", "--tag", "x"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = env.run(&[
        "bookmarks",
        "add-search",
        "nha o",
        "--tag",
        "x",
        "--locality",
        "Nowhere",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // Scoped: only the hits about a place.
    let scoped = hit_ids(&env, "du lich", &["--locality", "Hậu Giang"]);
    let out = env.ok(&[
        "bookmarks",
        "add-search",
        "du lich",
        "--tag",
        "du-lịch",
        "--locality",
        "Hậu Giang",
    ]);
    assert!(
        out.starts_with(&format!("{} passage", scoped.len())),
        "{out}"
    );
    env.assert_home_untouched();
}

#[test]
fn rename_into_an_existing_tag_merges_bookmarks_and_codebook_in_one_save() {
    let env = Env::new();
    env.ok(&["bookmarks", "add-search", "nha o xa hoi", "--tag", "nhà-ở"]);
    env.ok(&[
        "bookmarks",
        "add-search",
        "du lich",
        "--tag",
        "kinh-tế/du-lịch",
    ]);
    env.ok(&[
        "bookmarks",
        "add-search",
        "nong thon moi",
        "--tag",
        "nông-thôn",
    ]);
    env.ok(&["bookmarks", "tags", "describe", "nhà-ở", "Nhà ở xã hội"]);
    env.ok(&["bookmarks", "tags", "describe", "kinh-tế", "Kinh tế"]);
    env.ok(&[
        "bookmarks",
        "tags",
        "describe",
        "kinh-tế/du-lịch",
        "Du lịch",
    ]);
    let tagged = |file: &Value, tag: &str| -> HashSet<String> {
        file["bookmarks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| {
                b["tags"].as_array().unwrap().iter().any(|t| {
                    t.as_str()
                        .is_some_and(|t| t == tag || t.starts_with(&format!("{tag}/")))
                })
            })
            .map(|b| s(b, "id").to_string())
            .collect()
    };
    let before = read_file(&env);
    let (housing, economy) = (tagged(&before, "nhà-ở"), tagged(&before, "kinh-tế"));
    // A rename reaches the tags under the tag: kinh-tế/du-lịch → xã-hội/du-lịch.
    let o = env.run(&["bookmarks", "tags", "rename", "kinh-tế", "xã-hội"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("renamed \"kinh-tế\" to \"xã-hội\""),
        "{}",
        stderr(&o)
    );
    // Into an existing tag: a merge, said so.
    let o = env.run(&["bookmarks", "tags", "rename", "nhà-ở", "xã-hội"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("merged \"nhà-ở\" into \"xã-hội\""),
        "{}",
        stderr(&o)
    );
    let after = read_file(&env);
    assert!(tagged(&after, "nhà-ở").is_empty() && tagged(&after, "kinh-tế").is_empty());
    assert_eq!(tagged(&after, "xã-hội"), &housing | &economy);
    let cb = &after["codebook"]["tags"];
    assert!(
        cb.get("nhà-ở").is_none() && cb.get("kinh-tế").is_none(),
        "{cb}"
    );
    assert_eq!(cb["xã-hội"]["description"], "Kinh tế\nNhà ở xã hội");
    assert_eq!(cb["xã-hội/du-lịch"]["description"], "Du lịch");
    // Renaming a tag nobody has fails and writes nothing.
    let o = env.run(&["bookmarks", "tags", "rename", "không-có", "x"]);
    assert!(!o.status.success());
    assert_eq!(read_file(&env), after);
    // The codebook lists parents with their children's bookmarks.
    let tags: Vec<Value> = serde_json::from_str(&env.ok(&["bookmarks", "tags", "--json"])).unwrap();
    let count = |t: &str| {
        tags.iter()
            .find(|e| s(e, "tag") == t)
            .map(|e| e["bookmarks"].as_u64().unwrap())
    };
    assert_eq!(count("xã-hội"), Some(tagged(&after, "xã-hội").len() as u64));
    assert_eq!(count("nhà-ở"), None);
    let md = env.ok(&["bookmarks", "export", "--format", "codebook"]);
    assert!(md.starts_with("# Bảng mã\n"), "{md}");
    assert!(
        md.contains(&format!(
            "\n- **xã-hội** · {} đánh dấu\n\n  Kinh tế  \n  Nhà ở xã hội\n",
            count("xã-hội").unwrap()
        )),
        "{md}"
    );
    assert!(md.contains("\n  - **xã-hội/du-lịch** · "), "{md}");
}

#[test]
fn matrix_prints_what_the_library_counts() {
    let env = Env::new();
    env.ok(&[
        "bookmarks",
        "add-search",
        "nha o xa hoi",
        "--tag",
        "kinh-tế/nhà-ở",
    ]);
    env.ok(&["bookmarks", "add-search", "du lich", "--tag", "du-lịch"]);
    let corpus = nghiquyet::embedded::corpus();
    let file: BookmarkFile = serde_json::from_value(read_file(&env)).unwrap();
    let a = Anchorer::new(&corpus);
    let at: Vec<_> = file.bookmarks.iter().map(|b| a.resolve(b).at).collect();
    for (by, lib) in [
        ("province", nghiquyet::analysis::counts::By::Province),
        ("locality", nghiquyet::analysis::counts::By::Locality),
    ] {
        let m = nghiquyet::bookmarks::matrix::matrix(&corpus, &file.bookmarks, &at, lib);
        assert!(!m.places.is_empty());
        let j: Value =
            serde_json::from_str(&env.ok(&["bookmarks", "matrix", "--by", by, "--json"])).unwrap();
        assert_eq!(j["tags"], serde_json::json!(m.tags));
        assert_eq!(j["places"], serde_json::json!(m.places));
        for t in 0..m.tags.len() {
            for p in 0..m.places.len() {
                assert_eq!(
                    j["counts"][t][p],
                    m.count(t, p),
                    "{by}: {} × {}",
                    m.tags[t],
                    m.places[p]
                );
            }
        }
        // CSV: a BOM, CRLF, a header of places, a row a tag.
        let o = env.run(&["bookmarks", "matrix", "--by", by, "--csv"]);
        let csv = String::from_utf8(o.stdout).unwrap();
        let body = csv.strip_prefix('\u{feff}').expect("a BOM");
        let lines: Vec<&str> = body.split_terminator("\r\n").collect();
        assert_eq!(lines.len(), 1 + m.tags.len());
        assert!(!body.replace("\r\n", "").contains('\n'));
        let row0: Vec<String> = lines[1].split(',').map(str::to_string).collect();
        assert_eq!(row0[0], m.tags[0]);
        assert_eq!(
            row0[1..]
                .iter()
                .map(|c| c.parse::<usize>().unwrap())
                .collect::<Vec<_>>(),
            (0..m.places.len())
                .map(|p| m.count(0, p))
                .collect::<Vec<_>>()
        );
        // Text: a header line then a line a tag, the counts under their places.
        let text = env.ok(&["bookmarks", "matrix", "--by", by]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + m.tags.len(), "{text}");
        assert!(lines[1].starts_with(&m.tags[0]));
    }
}

/// `docs` synthetic articles of `passages` paragraphs, saved as a corpus file in `env`.
fn synthetic_corpus(env: &Env, docs: usize, passages: usize) -> (Corpus, std::path::PathBuf) {
    let corpus = nghiquyet::corpus::synth::corpus(docs, passages, 15);
    let path = env.path("synth.json");
    nghiquyet::corpus::io::save_atomic(&corpus, &path, false).unwrap();
    (corpus, path)
}

/// Two researchers code the same file at once, each a query of more than 1,000 hits with its
/// own tag, the hits overlapping: every hit carries its tag, the file is valid, no passage
/// has two bookmarks.
#[test]
fn two_add_searches_at_once_lose_nothing_and_never_bookmark_a_passage_twice() {
    let env = Env::new();
    let (corpus, path) = synthetic_corpus(&env, 50, 60);
    let index = SearchIndex::build(&corpus);
    let jobs = [("'nông", "nông"), ("'giáo", "giáo")];
    let hits: Vec<HashSet<String>> = jobs
        .iter()
        .map(|(q, _)| {
            search_all(&index, &corpus, q, &Scope::All)
                .iter()
                .map(|h| h.at.get(&corpus).id.clone())
                .collect()
        })
        .collect();
    for (h, (q, _)) in hits.iter().zip(&jobs) {
        assert!(h.len() >= 1000, "{q}: {} hits", h.len());
    }
    let both = hits[0].intersection(&hits[1]).count();
    assert!(both >= 100, "the queries overlap: {both}");
    let children: Vec<Child> = jobs
        .iter()
        .map(|(q, tag)| {
            env.cmd()
                .arg("--bookmarks")
                .arg(&env.bookmarks)
                .arg("--corpus")
                .arg(&path)
                .args(["bookmarks", "add-search", q, "--tag", tag])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .locked_spawn()
                .unwrap()
        })
        .collect();
    let mut new = 0;
    for c in children {
        let o = c.wait_with_output().unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{out}{}", stderr(&o));
        // `N passages: K new bookmarks, …`
        new += out
            .split(": ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .unwrap()
            .parse::<usize>()
            .unwrap();
    }
    let file: BookmarkFile =
        serde_json::from_value(read_file(&env)).expect("a valid bookmarks file");
    assert_eq!(file.bookmarks.len(), new, "every new bookmark saved");
    let mut by_passage: HashMap<&str, &Bookmark> = HashMap::new();
    for b in &file.bookmarks {
        assert!(
            by_passage.insert(b.passage.as_str(), b).is_none(),
            "{} bookmarked twice",
            b.passage
        );
    }
    assert_eq!(by_passage.len(), hits[0].union(&hits[1]).count());
    for (h, (_, tag)) in hits.iter().zip(&jobs) {
        for p in h {
            let b = by_passage
                .get(p.as_str())
                .unwrap_or_else(|| panic!("{p} lost"));
            assert!(
                b.tags.iter().any(|t| t == tag),
                "{p} lost {tag}: {:?}",
                b.tags
            );
        }
    }
}
