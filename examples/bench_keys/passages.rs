//! The passages of a corpus file as fzf reads them: one a line.

use std::path::Path;

/// The corpus's documents and passages; with `out`, every passage is also written there on
/// a line of its own, as fzf reads them.
pub fn passages(corpus: &Path, out: Option<&Path>) -> anyhow::Result<(usize, usize)> {
    // Only the fields needed: a corpus of 500 MB as a serde_json::Value takes gigabytes.
    #[derive(serde::Deserialize)]
    struct Corpus {
        documents: Vec<Doc>,
    }
    #[derive(serde::Deserialize)]
    struct Doc {
        sections: Vec<Section>,
    }
    #[derive(serde::Deserialize)]
    struct Section {
        passages: Vec<Passage>,
    }
    #[derive(serde::Deserialize)]
    struct Passage {
        text: String,
    }
    let c: Corpus = serde_json::from_slice(&std::fs::read(corpus)?)?;
    let mut n = 0;
    let mut text = String::new();
    for p in c
        .documents
        .iter()
        .flat_map(|d| &d.sections)
        .flat_map(|s| &s.passages)
    {
        n += 1;
        if out.is_some() {
            text.push_str(&p.text.replace('\n', " "));
            text.push('\n');
        }
    }
    if let Some(out) = out {
        std::fs::write(out, text)?;
    }
    Ok((c.documents.len(), n))
}
