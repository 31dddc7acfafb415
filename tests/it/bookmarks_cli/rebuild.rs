//! Re-anchoring after a rebuild: bookmarks follow their passage.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{Env, parse_csv, s, stderr};
use crate::spawn::LockedSpawn;

const SEED_DOC: &str = "000_da172d7989a1d926";

/// Copy the seeds into `dir`, with `edit` applied to the text of `SEED_DOC`, and build them.
fn build_corpus(env: &Env, name: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let raw = env.path(&format!("raw-{name}"));
    std::fs::create_dir_all(&raw).unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/raw");
    for e in std::fs::read_dir(&seeds).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        let text = if p.file_stem().unwrap() == SEED_DOC {
            let edited = edit(&text);
            if name != "original" {
                assert_ne!(edited, text, "the edit for {name} changed nothing");
            }
            edited
        } else {
            text
        };
        std::fs::write(raw.join(p.file_name().unwrap()), text).unwrap();
    }
    let out = env.path(&format!("{name}.json"));
    let o = env
        .cmd()
        .args(["build", raw.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .locked_output()
        .unwrap();
    assert!(o.status.success(), "build {name}: {}", stderr(&o));
    out
}

/// (id, kind, text) of every passage of `doc` in a corpus file, in reading order.
fn passages_of(corpus: &Path, doc: &str) -> Vec<(String, String, String)> {
    let v: Value = serde_json::from_slice(&std::fs::read(corpus).unwrap()).unwrap();
    let d = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == doc)
        .unwrap_or_else(|| panic!("no {doc}"));
    d["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["passages"].as_array().unwrap())
        .map(|p| {
            (
                s(p, "id").to_string(),
                s(p, "kind").to_string(),
                s(p, "text").to_string(),
            )
        })
        .collect()
}

/// Replace the one raw line that is exactly `line`.
fn replace_line(raw: &str, line: &str, with: &str) -> String {
    let mut hits = 0;
    let out: Vec<String> = raw
        .split('\n')
        .map(|l| {
            if l.trim_end_matches('\r') == line {
                hits += 1;
                with.to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_eq!(hits, 1, "the paragraph is one raw line");
    out.join("\n")
}

#[test]
fn bookmarks_follow_their_passage_across_rebuilds() {
    let env = Env::new();
    let corpus1 = build_corpus(&env, "original", str::to_string);
    let raw_seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/raw/{SEED_DOC}.txt")),
    )
    .unwrap();

    // A paragraph in the middle of the article, long enough for a fair fuzzy match, that is
    // one raw line of its own.
    let before = passages_of(&corpus1, SEED_DOC);
    let candidates: Vec<usize> = (1..before.len() - 1)
        .filter(|&i| {
            let (_, kind, text) = &before[i];
            kind == "paragraph"
                && text.split_whitespace().count() >= 30
                && raw_seed.lines().filter(|l| l.trim_end() == text).count() == 1
        })
        .collect();
    assert!(!candidates.is_empty());
    let i = candidates[candidates.len() / 2];
    let (pid, _, ptext) = before[i].clone();
    let c1 = corpus1.to_str().unwrap();
    let id = env
        .ok(&[
            "--corpus",
            c1,
            "bookmarks",
            "add",
            &pid,
            "--note",
            "theo dõi",
        ])
        .trim()
        .to_string();
    let list = env.list_json(&["--corpus", c1]);
    assert_eq!(s(&list[0], "status"), "ok");
    let stored = std::fs::read(&env.bookmarks).unwrap();

    // (a) A paragraph inserted before it: the same passage id, at a new position: ok.
    let inserted = "Đoạn văn này được chèn thêm vào bài khi biên tập lại, nói về công tác \
                    chuyển đổi số của thành phố trong năm qua.";
    let corpus2 = build_corpus(&env, "inserted", |raw| {
        replace_line(raw, &ptext, &format!("{inserted}\n\n{ptext}"))
    });
    let after = passages_of(&corpus2, SEED_DOC);
    let j = after
        .iter()
        .position(|(p, _, _)| *p == pid)
        .expect("the passage is still there");
    assert_eq!(
        after[j - 1].2,
        inserted,
        "the new paragraph is just before it"
    );
    assert_eq!(j, i + 1);
    let c2 = corpus2.to_str().unwrap();
    let list = env.list_json(&["--corpus", c2]);
    assert_eq!(list.len(), 1);
    let b = &list[0];
    assert_eq!(s(b, "id"), id);
    assert_eq!(s(b, "status"), "ok", "{b}");
    assert_eq!(s(&b["resolved"], "passage"), pid);
    assert_eq!(s(&b["resolved"], "doc"), SEED_DOC);
    assert_eq!(b["resolved"]["similarity"], 1.0);

    // (b) The paragraph lightly edited: a new passage id; found again by its quote.
    let words: Vec<&str> = ptext.split(' ').collect();
    assert!(!ptext.contains("kiên trì"));
    let edited = format!(
        "{} một cách kiên trì {}",
        words[..4].join(" "),
        words[4..].join(" ")
    );
    let corpus3 = build_corpus(&env, "edited", |raw| replace_line(raw, &ptext, &edited));
    let after = passages_of(&corpus3, SEED_DOC);
    let (new_id, _, new_text) = after
        .iter()
        .find(|(_, _, t)| t.contains("kiên trì"))
        .expect("the edited paragraph")
        .clone();
    assert_ne!(new_id, pid, "an edit changes the passage id");
    let c3 = corpus3.to_str().unwrap();
    let list = env.list_json(&["--corpus", c3]);
    let b = &list[0];
    assert_eq!(s(b, "id"), id);
    assert_eq!(s(b, "status"), "reanchored", "{b}");
    assert_eq!(s(&b["resolved"], "passage"), new_id);
    assert_eq!(s(&b["resolved"], "doc"), SEED_DOC);
    let sim = b["resolved"]["similarity"].as_f64().unwrap();
    assert!((0.6..1.0).contains(&sim), "similarity {sim}");
    assert_eq!(
        s(&b["quote"], "text"),
        ptext,
        "the stored quote is not changed"
    );
    assert!(new_text.contains("một cách kiên trì"));
    let md = env.ok(&["--corpus", c3, "bookmarks", "export", "--format", "md"]);
    assert!(!md.contains("Không còn tìm thấy"), "{md}");

    // (c) The paragraph replaced by other text: orphaned, yet kept, listed and exported.
    let other = "Thời tiết cuối tuần nắng ráo, nhiều gia đình đưa trẻ nhỏ ra công viên ven sông \
                 thả diều và đạp xe cho đến tối muộn.";
    let corpus4 = build_corpus(&env, "replaced", |raw| replace_line(raw, &ptext, other));
    let c4 = corpus4.to_str().unwrap();
    let list = env.list_json(&["--corpus", c4]);
    assert_eq!(list.len(), 1);
    let b = &list[0];
    assert_eq!(s(b, "id"), id);
    assert_eq!(s(b, "status"), "orphaned", "{b}");
    assert!(b["resolved"].is_null(), "{b}");
    assert_eq!(s(&b["quote"], "text"), ptext);
    let text_list = env.ok(&["--corpus", c4, "bookmarks", "list"]);
    assert!(
        text_list.contains(&id) && text_list.contains("orphaned"),
        "{text_list}"
    );
    let md = env.ok(&["--corpus", c4, "bookmarks", "export", "--format", "md"]);
    assert!(md.contains("Không còn tìm thấy"), "{md}");
    assert!(md.contains("theo dõi"), "{md}");
    let csv = env.ok(&["--corpus", c4, "bookmarks", "export", "--format", "csv"]);
    let rows = parse_csv(csv.as_bytes());
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["status"], "orphaned");
    assert_eq!(rows[0]["quote"], ptext);
    assert_eq!(rows[0]["id"], id);
    let json = env.ok(&["--corpus", c4, "bookmarks", "export", "--format", "json"]);
    assert_eq!(
        json.as_bytes(),
        stored,
        "the JSON export is the file as stored"
    );

    // Listing and exporting never rewrote the file.
    assert_eq!(std::fs::read(&env.bookmarks).unwrap(), stored);
}
