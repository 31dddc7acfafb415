//! `corpus_load`: JSON bytes → `from_slice` → stats, round trip, search.

use std::path::Path;

use nghiquyet::corpus;
use nghiquyet::search::Scope;

use super::preprocess_roundtrip::{check_json_round_trip, check_stats};
use super::search_highlight::check_search;

pub fn corpus_load(data: &[u8]) {
    let corpus = match corpus::io::from_slice(Path::new("fuzz.json"), data) {
        Ok(c) => c,
        Err(e) => {
            assert!(
                e.to_string().starts_with("fuzz.json: "),
                "error names the file: {e}"
            );
            return;
        }
    };
    check_stats(&corpus);
    check_json_round_trip(&corpus);
    for (d, doc) in corpus.documents.iter().enumerate() {
        for s in 0..doc.sections.len() {
            let _ = corpus.section_label(d, s);
        }
    }
    // Search with what the corpus itself holds: the first title, and the first words of
    // the first passage, and over the first document only.
    let first_words: String = corpus
        .documents
        .iter()
        .flat_map(nghiquyet::corpus::Document::passages)
        .next()
        .map(|p| {
            p.text
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    let title = corpus
        .documents
        .first()
        .map(|d| d.title.clone())
        .unwrap_or_default();
    check_search(&corpus, &first_words, &Scope::All);
    check_search(&corpus, &title, &Scope::Documents(vec![0]));
}
