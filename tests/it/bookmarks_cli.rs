//! `nghiquyet bookmarks list|add|rm|export` as a user runs them: a round trip, concurrent
//! invocations, a corrupt or newer file, re-anchoring after a rebuild, and the exports
//! (compared with golden files in `tests/golden/bookmarks/`; `UPDATE_GOLDEN=1` rewrites them).
//!
//! Every command runs with HOME and the XDG directories in a temp dir and an explicit
//! bookmarks file: nothing touches the real home.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use nghiquyet::bookmarks::{Bookmark, BookmarkFile, doc_refs, parse_tags};
use nghiquyet::corpus::PassageRef;
use serde_json::Value;

use crate::spawn::LockedSpawn;

/// A temp dir with a fake home and a bookmarks file in it.
struct Env {
    dir: tempfile::TempDir,
    bookmarks: PathBuf,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let bookmarks = dir.path().join("bm/bookmarks.json");
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        Env { dir, bookmarks }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self) -> Command {
        let home = self.path("home");
        let mut c = Command::new(env!("CARGO_BIN_EXE_nghiquyet"));
        c.env("HOME", &home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env_remove("NGHIQUYET_BOOKMARKS")
            .env_remove("NO_COLOR");
        c
    }

    /// `nghiquyet --bookmarks FILE ARGS…`.
    fn run(&self, args: &[&str]) -> Output {
        self.cmd()
            .arg("--bookmarks")
            .arg(&self.bookmarks)
            .args(args)
            .locked_output()
            .expect("the binary runs")
    }

    /// `run`, which must succeed; its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(
            o.status.success(),
            "{args:?} failed ({}):\n{}",
            o.status,
            stderr(&o)
        );
        stdout(&o)
    }

    fn list_json(&self, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["bookmarks", "list", "--json"];
        args.extend_from_slice(extra);
        let out = self.ok(&args);
        match serde_json::from_str(&out).expect("list --json is JSON") {
            Value::Array(a) => a,
            other => panic!("not an array: {other}"),
        }
    }

    /// Nothing was written under the fake home.
    fn assert_home_untouched(&self) {
        let home = self.path("home");
        let entries: Vec<_> = walk(&home);
        assert!(entries.is_empty(), "written under HOME: {entries:?}");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {v}"))
}

fn all_refs(corpus: &nghiquyet::corpus::Corpus) -> Vec<PassageRef> {
    (0..corpus.documents.len())
        .flat_map(|d| doc_refs(corpus, d))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Round trip

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

// ---------------------------------------------------------------------------------------------
// Concurrency through the binary

#[test]
fn parallel_cli_adds_all_survive() {
    const EACH: usize = 15;
    let env = Env::new();
    let corpus = nghiquyet::embedded::corpus();
    let refs = all_refs(&corpus);
    let ids: Vec<String> = refs
        .iter()
        .map(|r| r.get(&corpus).id.clone())
        .collect::<Vec<_>>();
    // Distinct passages (an id can repeat when two passages share a text).
    let mut seen = HashSet::new();
    let passages: Vec<String> = ids
        .into_iter()
        .filter(|p| seen.insert(p.clone()))
        .take(2 * EACH)
        .collect();
    assert_eq!(passages.len(), 2 * EACH);

    let printed: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = [0, 1]
            .map(|k| {
                let env = &env;
                let mine: Vec<&String> = passages.iter().skip(k).step_by(2).collect();
                scope.spawn(move || {
                    mine.iter()
                        .map(|p| env.ok(&["bookmarks", "add", p]).trim().to_string())
                        .collect::<Vec<_>>()
                })
            })
            .into_iter()
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert_eq!(printed.len(), 2 * EACH);

    let list = env.list_json(&[]);
    assert_eq!(list.len(), 2 * EACH, "every add survives");
    let on_disk: HashSet<&str> = list.iter().map(|b| s(b, "id")).collect();
    for id in &printed {
        assert!(on_disk.contains(id.as_str()), "{id} lost");
    }
    let bookmarked: HashSet<&str> = list.iter().map(|b| s(b, "passage")).collect();
    assert_eq!(bookmarked.len(), 2 * EACH);
    assert!(list.iter().all(|b| s(b, "status") == "ok"));
}

// ---------------------------------------------------------------------------------------------
// A corrupt file, a newer file

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

// ---------------------------------------------------------------------------------------------
// Re-anchoring after a rebuild

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

// ---------------------------------------------------------------------------------------------
// Exports

type Row = std::collections::HashMap<String, String>;

const CSV_HEADER: [&str; 13] = [
    "id", "created", "locality", "title", "outlet", "date", "section", "quote", "note", "tags",
    "status", "doc", "passage",
];

/// Check the BOM and header, then parse the rows.
fn parse_csv(bytes: &[u8]) -> Vec<Row> {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a UTF-8 BOM first");
    let mut r = csv::ReaderBuilder::new().from_reader(body);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, CSV_HEADER);
    r.records()
        .map(|rec| {
            let rec = rec.expect("RFC 4180");
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/bookmarks")
}

/// Compare with `tests/golden/bookmarks/NAME`, or write it when `UPDATE_GOLDEN=1`.
fn golden(name: &str, actual: &[u8]) {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
        eprintln!("wrote {}", path.display());
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    if expected != actual {
        let (e, a) = (
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual),
        );
        let line = e
            .split('\n')
            .zip(a.split('\n'))
            .position(|(x, y)| x != y)
            .unwrap_or_else(|| e.split('\n').count().min(a.split('\n').count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             (UPDATE_GOLDEN=1 rewrites the golden files; check the diff before committing)",
            line + 1,
            e.split('\n').nth(line).unwrap_or("<end>"),
            a.split('\n').nth(line).unwrap_or("<end>"),
        );
    }
}

/// Bookmarks with fixed ids and times, of passages of the embedded corpus chosen by position,
/// plus two whose passage is gone. Added in an order unlike the report's.
fn fixed_bookmarks() -> Vec<Bookmark> {
    let corpus = nghiquyet::embedded::corpus();
    let at = |doc: usize, i: usize| doc_refs(&corpus, doc)[i];
    let mut out = Vec::new();
    let mut push = |mut b: Bookmark| {
        let n = out.len() + 1;
        b.id = format!("b{n:010}");
        b.created = format!("2026-01-{n:02}T08:30:00Z");
        out.push(b);
    };
    // Thanh Hóa, article 000: the later passage first.
    push(Bookmark::new(
        &corpus,
        at(0, 13),
        "Kết quả chung: cần trích đủ, \"nguyên văn\".",
        parse_tags("#tổng-kết, kinh-tế"),
    ));
    push(Bookmark::new(
        &corpus,
        at(0, 3),
        "Vai trò *Thành ủy* và _HĐND_ # điểm chính\ndòng thứ hai của ghi chú",
        parse_tags("lãnh-đạo"),
    ));
    // Hạ Long and Thanh Hóa sections of article 003 (three localities).
    push(Bookmark::new(&corpus, at(3, 9), "", vec![]));
    push(Bookmark::new(
        &corpus,
        at(3, 5),
        "So sánh với bài 000",
        vec![],
    ));
    // Hải Phòng (an outlet, no date), Đông Hà (outlet and date), Hậu Giang (date only).
    push(Bookmark::new(
        &corpus,
        at(1, 8),
        "Tác động bên ngoài, mở cửa",
        parse_tags("kinh-tế #hội-nhập"),
    ));
    push(Bookmark::new(
        &corpus,
        at(4, 2),
        "Đổi mới phương thức lãnh đạo",
        vec![],
    ));
    push(Bookmark::new(
        &corpus,
        at(2, 19),
        "Chỉ tiêu 7%-7,5%/năm",
        parse_tags("chỉ-tiêu"),
    ));
    // Orphaned: its article is gone from the corpus; no locality known.
    let mut gone = Bookmark::new(&corpus, at(2, 3), "Bài đã bị gỡ, \"lưu\" lại", vec![]);
    gone.doc = "999_bai_da_go".into();
    gone.passage = "p000000000000".into();
    gone.quote.text = "Đoạn trích từ bài đã gỡ: số liệu *tạm tính* [chưa công bố] #1, \
                       so với cùng kỳ <tăng> 5%."
        .into();
    gone.quote.prefix = String::new();
    gone.quote.suffix = String::new();
    gone.locality = None;
    gone.title = "Bài đã gỡ: \"Tổng kết_quý I\"".into();
    gone.section = Some("Mục cũ".into());
    gone.outlet = Some("Báo Cũ".into());
    gone.date = Some("2019-12-31T23:00".into());
    push(gone);
    // Orphaned within an article that is still there (Hải Phòng): its passage was rewritten.
    let mut rewritten = Bookmark::new(&corpus, at(1, 10), "ghi chú cũ", parse_tags("cũ"));
    rewritten.passage = "p111111111111".into();
    rewritten.quote.text = "Một đoạn đã được viết lại hoàn toàn, không còn chữ nào giống \
                            trước nữa trong kho dữ liệu."
        .into();
    push(rewritten);
    out
}

fn write_fixed(env: &Env) -> Vec<Bookmark> {
    let list = fixed_bookmarks();
    std::fs::create_dir_all(env.bookmarks.parent().unwrap()).unwrap();
    let text = serde_json::to_string_pretty(&BookmarkFile::new(list.clone())).unwrap();
    std::fs::write(&env.bookmarks, text + "\n").unwrap();
    list
}

#[test]
fn exports_match_the_golden_files() {
    let env = Env::new();
    let list = write_fixed(&env);
    let export = |format: &str| {
        let o = env.run(&["bookmarks", "export", "--format", format]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{format}: {}", stderr(&o));
        o.stdout
    };
    let md = export("md");
    let csv = export("csv");
    let json = export("json");
    // The same bookmarks export the same, byte for byte.
    assert_eq!(export("md"), md);
    assert_eq!(export("csv"), csv);
    golden("export.md", &md);
    golden("export.csv", &csv);
    golden("export.json", &json);

    // Markdown: grouped by locality (unknown last), then article; each quote cited.
    let md = String::from_utf8(md).unwrap();
    let localities: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    assert_eq!(
        localities,
        [
            "Đông Hà",
            "Hạ Long",
            "Hải Phòng",
            "Hậu Giang",
            "Thanh Hóa",
            "Chưa rõ địa phương"
        ]
    );
    assert!(md.starts_with("# Trích dẫn đã đánh dấu\n\n9 đoạn trích · 6 địa phương"));
    assert_eq!(md.matches("\n> ").count(), 9, "one block quote each");
    assert_eq!(md.matches("\n— *").count(), 9, "one citation each");
    assert_eq!(md.matches("Không còn tìm thấy").count(), 2, "two orphans");
    assert!(md.contains("Vai trò \\*Thành ủy\\* và \\_HĐND\\_ \\# điểm chính"));
    assert!(md.contains("số liệu \\*tạm tính\\* \\[chưa công bố\\] \\#1"));
    assert!(md.contains("— *Bài đã gỡ: \"Tổng kết\\_quý I\"*, Báo Cũ, 31/12/2019, mục “Mục cũ”"));
    // Within Thanh Hóa: article 000 in reading order (3 before 13), then article 003.
    let pos = |needle: &str| {
        md.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the export"))
    };
    let quote = |b: &Bookmark| {
        // Up to 60 characters, stopping before any that Markdown escapes.
        let start: String = b
            .quote
            .text
            .chars()
            .take_while(|c| !"\\*_`[]<>#|".contains(*c))
            .take(60)
            .collect();
        pos(&format!("> {start}"))
    };
    assert!(quote(&list[1]) < quote(&list[0]));
    assert!(quote(&list[0]) < quote(&list[3]));
    // Each article heading once within its locality.
    for block in md.split("\n## ") {
        let headings: Vec<&str> = block.lines().filter(|l| l.starts_with("### ")).collect();
        let unique: HashSet<&&str> = headings.iter().collect();
        assert_eq!(unique.len(), headings.len(), "{block}");
    }

    // CSV: BOM, CRLF after every record, and every field back exactly as stored.
    assert!(csv.starts_with(b"\xEF\xBB\xBFid,created,locality,"));
    assert!(csv.ends_with(b"\r\n"));
    let header_end = csv.iter().position(|&c| c == b'\n').unwrap();
    assert_eq!(csv[header_end - 1], b'\r');
    let rows = parse_csv(&csv);
    assert_eq!(rows.len(), list.len());
    for b in &list {
        let row = rows
            .iter()
            .find(|r| r["id"] == b.id)
            .unwrap_or_else(|| panic!("{} missing", b.id));
        assert_eq!(
            row["quote"], b.quote.text,
            "the Vietnamese quote round-trips"
        );
        assert_eq!(row["note"], b.note);
        assert_eq!(row["created"], b.created);
        assert_eq!(row["doc"], b.doc);
        assert_eq!(row["passage"], b.passage);
        assert_eq!(row["tags"], b.tags_label());
    }
    let status = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap()["status"].clone();
    assert_eq!(status("b0000000008"), "orphaned");
    assert_eq!(status("b0000000009"), "orphaned");
    assert_eq!(status("b0000000001"), "ok");
    // Rows in the report's order: the same order as the Markdown.
    let order: Vec<&str> = rows.iter().map(|r| r["id"].as_str()).collect();
    let mut by_md = order.clone();
    by_md.sort_by_key(|id| {
        let b = list.iter().find(|b| b.id == *id).unwrap();
        quote(b)
    });
    assert_eq!(order, by_md);
    // Quoting only where needed (RFC 4180): a comma, a quote or a line break.
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains(",\"Kết quả chung: cần trích đủ, \"\"nguyên văn\"\".\","));
    assert!(text.contains("\"Vai trò *Thành ủy* và _HĐND_ # điểm chính\ndòng thứ hai"));
    assert!(text.contains(",#lãnh-đạo,ok,"));

    // JSON: the file as stored.
    let parsed: BookmarkFile = serde_json::from_slice(&json).unwrap();
    assert_eq!(parsed.bookmarks, list);
    assert_eq!(parsed.format, "nghiquyet-bookmarks");
    assert_eq!(parsed.version, 1);
}

#[test]
fn export_to_a_file_never_overwrites_without_force() {
    let env = Env::new();
    write_fixed(&env);
    let out_dir = env.path("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let stdout_csv = env.run(&["bookmarks", "export", "--format", "csv"]).stdout;

    let out = out_dir.join("trich-dan.csv");
    let o = env.run(&[
        "bookmarks",
        "export",
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("wrote 9 bookmarks"), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 orphaned"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), stdout_csv);

    // An existing file is kept as it is.
    let mine = "báo cáo của tôi, đừng ghi đè\n";
    std::fs::write(&out, mine).unwrap();
    for format in ["csv", "md", "json"] {
        let o = env.run(&[
            "bookmarks",
            "export",
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(!o.status.success(), "{format} overwrote the file");
        let err = stderr(&o);
        assert!(err.contains("exists") && err.contains("--force"), "{err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), mine);
    }

    // With --force it is replaced.
    let o = env.run(&[
        "bookmarks",
        "export",
        "--format",
        "md",
        "-o",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = env.run(&["bookmarks", "export", "--format", "md"]).stdout;
    assert_eq!(std::fs::read(&out).unwrap(), md);
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&out).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o644, "exports are for sharing");

    // No temp files are left next to it.
    let names: Vec<PathBuf> = walk(&out_dir);
    assert_eq!(names, std::slice::from_ref(&out), "{names:?}");
}

/// The documented order (`report_order` in src/bookmarks/export.rs): "orphaned bookmarks after
/// the resolved ones of their article". An orphan of article 000 must stay under article
/// 000's heading, even when another article of the same locality has resolved bookmarks.
#[test]
fn an_orphan_stays_under_its_own_article() {
    let env = Env::new();
    let corpus = nghiquyet::embedded::corpus();
    let at = |doc: usize, i: usize| doc_refs(&corpus, doc)[i];
    let mut list = vec![
        Bookmark::new(&corpus, at(0, 3), "", vec![]),
        Bookmark::new(&corpus, at(3, 5), "", vec![]),
    ];
    let mut orphan = Bookmark::new(&corpus, at(0, 4), "", vec![]);
    orphan.passage = "p222222222222".into();
    orphan.quote.text = "Một đoạn đã được viết lại hoàn toàn, không còn chữ nào giống \
                         trước nữa trong kho dữ liệu."
        .into();
    list.push(orphan);
    std::fs::create_dir_all(env.bookmarks.parent().unwrap()).unwrap();
    let text = serde_json::to_string_pretty(&BookmarkFile::new(list)).unwrap();
    std::fs::write(&env.bookmarks, text).unwrap();
    let md = env.ok(&["bookmarks", "export", "--format", "md"]);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(headings.len(), 2, "each article heading once:\n{md}");
}
