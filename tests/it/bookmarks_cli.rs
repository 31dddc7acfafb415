//! `nghiquyet bookmarks list|add|rm|export` as a user runs them: a round trip, concurrent
//! invocations, a corrupt or newer file, re-anchoring after a rebuild, and the exports
//! (compared with golden files in `tests/golden/bookmarks/`; `UPDATE_GOLDEN=1` rewrites them).
//!
//! Every command runs with HOME and the XDG directories in a temp dir and an explicit
//! bookmarks file: nothing touches the real home.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use nghiquyet::bookmarks::doc_refs;
use nghiquyet::corpus::PassageRef;
use serde_json::Value;

use crate::spawn::LockedSpawn;

mod coding;
mod concurrent;
mod corrupt_or_newer;
mod export;
mod qdpx;
mod rebuild;
mod round_trip;

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

type Row = std::collections::HashMap<String, String>;

const CSV_HEADER: [&str; 14] = [
    "id", "created", "locality", "title", "outlet", "date", "section", "quote", "note", "tags",
    "status", "doc", "passage", "citation",
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
