//! The query sets of `tests/relevance/<set>.json` and what each query counts as an answer.

use std::collections::HashSet;
use std::path::PathBuf;

use serde::Deserialize;

use nghiquyet::corpus::Corpus;

/// One query of a set, as `tests/relevance/draw.py` writes it.
#[derive(Debug, Deserialize)]
pub struct Entry {
    pub query: String,
    pub doc: String,
    pub passage: String,
    pub snippet: String,
    pub kind: String,
    /// Other passages that answer the query as well (checked by hand).
    #[serde(default)]
    pub also: Vec<String>,
    /// Topic queries: passages of any document judged about the topic, by reading them.
    #[serde(default)]
    pub relevant: Vec<String>,
    /// Topic queries: passages read and judged not about it.
    #[serde(default)]
    pub not_relevant: Vec<String>,
}

/// How the wanted passage was found in the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Id,
    Snippet,
    Missing,
}

/// What counts as an answer to one query.
pub struct Wanted {
    /// The wanted passage and `also`: the first of them in the results gives the rank.
    pub ids: HashSet<String>,
    pub resolution: Resolution,
    /// For precision@10 (topic queries): `ids` and the passages judged relevant.
    pub relevant: HashSet<String>,
    /// Every passage judged either way (`relevant` and `not_relevant`).
    pub judged: HashSet<String>,
}

pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn load(name: &str) -> Result<Vec<Entry>, String> {
    let path = crate_dir()
        .join("tests/relevance")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The ids of every passage in the corpus.
pub fn known(corpus: &Corpus) -> HashSet<&str> {
    corpus
        .documents
        .iter()
        .flat_map(|d| d.passages().map(|p| p.id.as_str()))
        .collect()
}

/// The passages that answer `e`: its own and `also`. When its id is not in the corpus (the
/// preprocessor changed the passage), the passage of its document that starts with the
/// snippet stands in, and `resolution` says so.
pub fn wanted(e: &Entry, corpus: &Corpus, known: &HashSet<&str>) -> Wanted {
    let mut ids: HashSet<String> = e.also.iter().cloned().collect();
    let resolution = if known.contains(e.passage.as_str()) {
        ids.insert(e.passage.clone());
        Resolution::Id
    } else {
        // A passage re-split or re-trimmed keeps its opening words more often than its id.
        let prefix: String = e.snippet.chars().take(40).collect();
        let found = corpus.document(&e.doc).and_then(|d| {
            d.passages()
                .find(|p| p.text.starts_with(&prefix) || e.snippet.starts_with(&p.text))
        });
        if let Some(p) = found {
            ids.insert(p.id.clone());
            Resolution::Snippet
        } else {
            Resolution::Missing
        }
    };
    let relevant: HashSet<String> = ids.iter().chain(&e.relevant).cloned().collect();
    let judged = relevant.iter().chain(&e.not_relevant).cloned().collect();
    Wanted {
        ids,
        resolution,
        relevant,
        judged,
    }
}
