//! The hand annotations of `tests/fidelity/<set>/<kind>-<id>.json` (format in
//! `tests/fidelity/README.md`): each parses, has every field with its type, names an
//! article of `sets.tsv` (same set, kind and genre), and writes its localities in the agreed
//! form. Where the raw article is at hand (`../shared/corpora`, or `$NGHIQUYET_CORPORA`; the
//! flat archive unpacked in `/tmp/nq/baomoi-2017-flat`), its title is the article's and
//! every heading, caption and junk line is in its text; otherwise that check is skipped with
//! a message.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use nghiquyet::gazetteer::{Gazetteer, Level};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

// The locality parser of the eval example, so that what is checked here is what it reads
// (and its own unit tests run here). Only `parse` and `fold_name` are used by this module.
#[allow(dead_code)]
#[path = "../../examples/eval_fidelity/places.rs"]
mod places;

const FIELDS: &[(&str, FieldType)] = &[
    ("id", FieldType::Str),
    ("kind", FieldType::Str),
    ("genre", FieldType::Bool),
    ("title", FieldType::Str),
    ("subtitle", FieldType::OptStr),
    ("author", FieldType::OptStr),
    ("outlet", FieldType::OptStr),
    ("date", FieldType::OptStr),
    ("headings", FieldType::List),
    ("captions", FieldType::List),
    ("junk", FieldType::List),
    ("about", FieldType::List),
    ("about_ok", FieldType::List),
    ("mentioned", FieldType::List),
    ("not_places", FieldType::List),
    ("notes", FieldType::Str),
];

#[derive(Clone, Copy)]
enum FieldType {
    Str,
    OptStr,
    Bool,
    List,
}

fn fidelity_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fidelity")
}

/// `(set, kind, id)` → genre, from `sets.tsv`.
fn sets() -> HashMap<(String, String, String), bool> {
    let text = std::fs::read_to_string(fidelity_dir().join("sets.tsv")).unwrap();
    let mut rows = HashMap::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "sets.tsv:{}: expected 4 columns", n + 1);
        assert!(
            matches!(cols[2], "genre" | "general"),
            "sets.tsv:{}: {:?}",
            n + 1,
            cols[2]
        );
        let key = (
            cols[0].to_string(),
            cols[1].to_string(),
            cols[3].to_string(),
        );
        assert!(
            rows.insert(key, cols[2] == "genre").is_none(),
            "sets.tsv:{}: listed twice",
            n + 1
        );
    }
    rows
}

/// Every annotation file: `(set, path, JSON)`.
fn annotations() -> Vec<(String, PathBuf, Value)> {
    let mut out = Vec::new();
    for set in ["dev", "heldout"] {
        let Ok(entries) = std::fs::read_dir(fidelity_dir().join(set)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            assert_eq!(
                path.extension().and_then(|e| e.to_str()),
                Some("json"),
                "{}: only <kind>-<id>.json files belong here",
                path.display()
            );
            let text = std::fs::read_to_string(&path).unwrap();
            let value: Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
            out.push((set.to_string(), path, value));
        }
    }
    out
}

fn check_fields(path: &Path, v: &Value) {
    let obj = v
        .as_object()
        .unwrap_or_else(|| panic!("{}: not a JSON object", path.display()));
    for (name, ty) in FIELDS {
        let field = obj
            .get(*name)
            .unwrap_or_else(|| panic!("{}: field {name:?} is missing", path.display()));
        let ok = match ty {
            FieldType::Str => field.is_string(),
            FieldType::OptStr => field.is_string() || field.is_null(),
            FieldType::Bool => field.is_boolean(),
            FieldType::List => field.as_array().is_some_and(|a| {
                a.iter()
                    .all(|x| x.as_str().is_some_and(|s| !s.trim().is_empty()))
            }),
        };
        assert!(ok, "{}: field {name:?} has the wrong type", path.display());
    }
    for key in obj.keys() {
        assert!(
            FIELDS.iter().any(|(n, _)| n == key),
            "{}: unknown field {key:?}",
            path.display()
        );
    }
}

#[test]
fn fidelity_annotations_are_well_formed_and_listed() {
    let listed = sets();
    let annotations = annotations();
    let provinces: Vec<String> = Gazetteer::embedded()
        .units()
        .iter()
        .filter(|u| u.level == Level::Province)
        .map(|u| places::fold_name(&u.name))
        .collect();
    for (set, path, v) in &annotations {
        check_fields(path, v);
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        let (id, kind) = (s("id"), s("kind"));
        assert!(
            matches!(kind.as_str(), "articles" | "flat"),
            "{}: kind {kind:?}",
            path.display()
        );
        let stem = path.file_stem().unwrap().to_string_lossy();
        assert_eq!(
            stem,
            format!("{kind}-{id}"),
            "{}: file name",
            path.display()
        );
        let genre = listed
            .get(&(set.clone(), kind.clone(), id.clone()))
            .unwrap_or_else(|| panic!("{}: {set} {kind} {id} is not in sets.tsv", path.display()));
        assert_eq!(
            v["genre"].as_bool(),
            Some(*genre),
            "{}: genre",
            path.display()
        );
        assert!(
            !s("title").trim().is_empty(),
            "{}: empty title",
            path.display()
        );
        if let Some(date) = v["date"].as_str() {
            let b = date.as_bytes();
            let shape = b.len() == 10
                && b[4] == b'-'
                && b[7] == b'-'
                && b.iter()
                    .enumerate()
                    .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
            assert!(shape, "{}: date {date:?} is not YYYY-MM-DD", path.display());
        }
        // Long captions are given by their first words, so articles are not copied here.
        for c in v["captions"].as_array().unwrap() {
            let c = c.as_str().unwrap();
            assert!(
                c.chars().count() <= 100 || c.ends_with('…'),
                "{}: caption over 100 characters not shortened: {c:?}",
                path.display()
            );
        }
        for field in ["about", "about_ok"] {
            for raw in v[field].as_array().unwrap() {
                let raw = raw.as_str().unwrap();
                assert_eq!(
                    raw.matches('(').count(),
                    raw.matches(')').count(),
                    "{}: {field} {raw:?}: unbalanced brackets",
                    path.display()
                );
                // `Name` is a province; `Name (…, Province)` ends with one.
                let province = match raw.rfind('(') {
                    Some(open) => raw[open + 1..]
                        .trim_end_matches(')')
                        .rsplit(',')
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                    None if raw.contains(' ') && raw.starts_with(char::is_lowercase) => continue,
                    None => raw.to_string(),
                };
                assert!(
                    provinces.contains(&places::fold_name(&province)),
                    "{}: {field} {raw:?}: {province:?} is not a province",
                    path.display()
                );
            }
        }
    }
    eprintln!("{} fidelity annotations checked", annotations.len());
}

fn squash(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn fidelity_annotations_quote_their_articles() {
    let corpora = std::env::var_os("NGHIQUYET_CORPORA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"),
        PathBuf::from,
    );
    let flat = PathBuf::from("/tmp/nq/baomoi-2017-flat");
    let (mut checked, mut absent) = (0usize, 0usize);
    for (_, path, v) in annotations() {
        let id = v["id"].as_str().unwrap();
        let raw_path = match v["kind"].as_str().unwrap() {
            "flat" => flat.join(format!("{id}.txt")),
            _ => corpora.join(format!("baomoi-2017/articles/{id}.txt")),
        };
        let Ok(raw) = std::fs::read_to_string(&raw_path) else {
            absent += 1;
            continue;
        };
        let first = raw.lines().next().unwrap_or_default();
        assert_eq!(
            squash(first),
            squash(v["title"].as_str().unwrap()),
            "{}: the title is not the article's first line",
            path.display()
        );
        let text = squash(&raw);
        for field in ["headings", "captions", "junk"] {
            for quoted in v[field].as_array().unwrap() {
                let quoted = quoted.as_str().unwrap();
                let q = squash(quoted.strip_suffix('…').unwrap_or(quoted));
                assert!(
                    text.contains(&q),
                    "{}: {field} {quoted:?} is not in {}",
                    path.display(),
                    raw_path.display()
                );
            }
        }
        checked += 1;
    }
    if absent > 0 {
        eprintln!(
            "skipped: {absent} annotated articles are absent (looked in {} and {})",
            corpora.display(),
            flat.display()
        );
    }
    eprintln!("{checked} annotated articles checked against their text");
}
