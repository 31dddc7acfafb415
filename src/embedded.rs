//! The default corpus: the five seed articles and the gazetteer are compiled into the
//! binary and preprocessed at start-up, so every command works with no file on disk.

use crate::corpus::Corpus;
use crate::gazetteer::Gazetteer;
use crate::preprocess::{build_document, corpus_from_documents};

/// The raw seed articles: (file stem, bytes).
pub const RAW_ARTICLES: [(&str, &[u8]); 5] = [
    (
        "000_da172d7989a1d926",
        include_bytes!("../data/raw/000_da172d7989a1d926.txt"),
    ),
    (
        "001_a12ac2841c855ec3",
        include_bytes!("../data/raw/001_a12ac2841c855ec3.txt"),
    ),
    (
        "002_0359f6b969af1900",
        include_bytes!("../data/raw/002_0359f6b969af1900.txt"),
    ),
    (
        "003_38274dcad4e56157",
        include_bytes!("../data/raw/003_38274dcad4e56157.txt"),
    ),
    (
        "004_9b822c38e3d4e473",
        include_bytes!("../data/raw/004_9b822c38e3d4e473.txt"),
    ),
];

/// Name shown for the embedded corpus where a file name would be.
pub const NAME: &str = "embedded";

/// Preprocess the embedded articles (a few milliseconds).
///
/// # Panics
///
/// Only if an article compiled into the binary is not valid text, which the tests rule out.
pub fn corpus() -> Corpus {
    let gaz = Gazetteer::embedded();
    let documents = RAW_ARTICLES
        .iter()
        .map(|(id, bytes)| {
            build_document(id, &format!("embedded:data/raw/{id}.txt"), bytes, gaz)
                .expect("the embedded seed articles are valid text")
                .document
        })
        .collect();
    corpus_from_documents(documents, gaz)
}
