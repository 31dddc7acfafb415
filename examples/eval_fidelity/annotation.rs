//! The hand annotations of `tests/fidelity/<set>/<kind>-<id>.json` (the format is in
//! `tests/fidelity/README.md`).

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Which raw form the article comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `baomoi-2017/articles/<id>.txt`: paragraphs on their own lines.
    Articles,
    /// `baomoi-2017-flat/<id>.txt`: the body on one line.
    Flat,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Articles => "articles",
            Kind::Flat => "flat",
        }
    }
}

/// One annotated article.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    pub id: String,
    pub kind: Kind,
    pub genre: bool,
    pub title: String,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub headings: Vec<String>,
    pub captions: Vec<String>,
    pub junk: Vec<String>,
    pub about: Vec<String>,
    pub about_ok: Vec<String>,
    pub mentioned: Vec<String>,
    pub not_places: Vec<String>,
    /// For people: why a call was made (never scored).
    #[allow(dead_code)]
    pub notes: String,
}

/// Every `*.json` annotation in `dir`, sorted by file name, and the files that could not be
/// read or parsed (with the reason). A missing `dir` yields nothing.
pub fn load_dir(dir: &Path) -> (Vec<(PathBuf, Annotation)>, Vec<String>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (found, errors);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for path in paths {
        let parsed = std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str::<Annotation>(&text).map_err(|e| e.to_string()));
        match parsed {
            Ok(a) => found.push((path, a)),
            Err(e) => errors.push(format!("{}: {e}", path.display())),
        }
    }
    (found, errors)
}
