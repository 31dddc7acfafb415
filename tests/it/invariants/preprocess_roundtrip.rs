//! `preprocess_roundtrip`: raw bytes → `build_document` → `corpus_from_documents` → JSON →
//! back.

use std::path::Path;

use nghiquyet::corpus::{self, Corpus, Document};
use nghiquyet::gazetteer::Gazetteer;
use nghiquyet::preprocess::ids::passage_id;
use nghiquyet::preprocess::{self, Article, LineClass, normalize};

use super::{is_hidden, on};
// Both crates that include `invariants`, the test binary and `fuzz/`, have `common`
// (`tests/it/common/mod.rs`) at their root.
use crate::common;

/// Raw article bytes: rejected with the error `decode` gives, or built into a document that
/// loses no line, then a corpus that survives a JSON round trip unchanged.
pub fn preprocess_roundtrip(data: &[u8]) {
    let gaz = Gazetteer::embedded();
    let article = match preprocess::build_document("fuzz", "fuzz:input", data, gaz) {
        Ok(a) => a,
        Err(e) => {
            assert_eq!(
                normalize::decode(data).err(),
                Some(e),
                "build_document refused what decode accepts"
            );
            return;
        }
    };
    check_article(data, &article);
    // The same article twice under one stem: the second copy gets its own id.
    let corpus = corpus_from(vec![
        ("fuzz", article.document.clone()),
        ("fuzz", article.document),
    ]);
    check_json_round_trip(&corpus);
}

/// A corpus from (stem, document) pairs, checked: ids unique, localities linked both ways.
pub fn corpus_from(documents: Vec<(&str, Document)>) -> Corpus {
    let documents = documents
        .into_iter()
        .map(|(stem, mut d)| {
            d.id = stem.to_string();
            d
        })
        .collect();
    let corpus = preprocess::corpus_from_documents(documents, Gazetteer::embedded());
    check_built_corpus(&corpus);
    corpus
}

/// Every text field a document shows.
fn document_texts(d: &Document) -> Vec<&str> {
    let mut out = vec![d.title.as_str()];
    let options = [
        &d.subtitle,
        &d.category,
        &d.date,
        &d.dateline,
        &d.outlet,
        &d.author,
        &d.author_role,
        &d.byline,
    ];
    out.extend(options.into_iter().filter_map(|o| o.as_deref()));
    out.extend(d.tags.iter().map(String::as_str));
    out.extend(d.credits.iter().map(String::as_str));
    for s in &d.sections {
        out.extend(s.heading.as_deref());
        out.extend(s.passages.iter().map(|p| p.text.as_str()));
    }
    out.extend(d.removed.iter().map(|r| r.text.as_str()));
    out
}

pub fn check_article(raw: &[u8], article: &Article) {
    let text = normalize::decode(raw).expect("a built article decodes");
    let raw_lines = normalize::normalize(text).len();
    let gaz = Gazetteer::embedded();
    // One classified line per raw line, numbered from 1; joined lines point backwards.
    assert_eq!(article.lines.len(), raw_lines, "a class for every raw line");
    for (i, l) in article.lines.iter().enumerate() {
        assert_eq!(l.number, i + 1, "line numbers");
        if let Some(j) = l.joined_to {
            assert!(j < i, "line {} joined to later line index {j}", l.number);
        }
    }
    let d = &article.document;
    if on("title") {
        // "Every article has a title: fall back to the first content line."
        let content = |l: &preprocess::Line| !matches!(l.class, LineClass::Blank | LineClass::Junk);
        if article.lines.iter().any(content) {
            assert!(
                article.lines.iter().any(|l| l.class == LineClass::Title),
                "content but no title line: {:?}",
                article.lines
            );
        }
    }
    assert!(!d.sections.is_empty(), "no section");
    let mut ids = std::collections::HashSet::new();
    for p in d.passages() {
        assert!(!p.text.is_empty(), "empty passage {}", p.id);
        assert!((1..=raw_lines).contains(&p.line), "passage line {}", p.line);
        let base = passage_id(&p.text);
        assert!(
            p.id == base || p.id.strip_prefix(&base).is_some_and(|n| n.starts_with('-')),
            "id {} is not derived from its text ({base})",
            p.id
        );
        assert!(ids.insert(p.id.as_str()), "passage id {} twice", p.id);
    }
    for r in &d.removed {
        assert!((1..=raw_lines).contains(&r.line), "removed line {}", r.line);
        assert!(
            !r.reason.to_string().is_empty(),
            "removed line {} without a reason",
            r.line
        );
    }
    if on("hidden-chars") {
        for t in document_texts(d) {
            assert!(!t.chars().any(is_hidden), "hidden character kept in {t:?}");
        }
    }
    let ids_known = d
        .localities
        .iter()
        .chain(&d.mentioned)
        .chain(d.sections.iter().filter_map(|s| s.locality.as_ref()));
    for id in ids_known {
        assert!(
            gaz.by_id(id).is_some(),
            "locality {id} not in the gazetteer"
        );
    }
    if on("lost-lines") {
        // "Nothing is silently dropped": the check tests/it/seeds.rs and
        // tests/it/real_corpus.rs run on real articles. `lost-joined-lines` off: a line
        // joined to one that is no passage (so `build_document` skips it) is not counted.
        let passage = |c: LineClass| {
            matches!(
                c,
                LineClass::Lead | LineClass::Paragraph | LineClass::ListItem | LineClass::Caption
            )
        };
        let mut lost = common::lost_lines(raw, d);
        if !on("lost-joined-lines") {
            lost.retain(|(n, _)| {
                let l = &article.lines[n - 1];
                l.joined_to.is_none_or(|j| passage(article.lines[j].class))
            });
        }
        // A flattened body line is in the document as its pieces (`preprocess::flat`): they
        // hold every letter and digit of the line, and each is in the document.
        lost.retain(|(n, _)| article.lines[n - 1].pieces.is_empty());
        let pieces = common::pieces_lost(&article.lines, &document_texts(d));
        assert!(pieces.is_empty(), "{pieces:?}");
        assert!(lost.is_empty(), "lines lost: {lost:?}");
    }
}

/// What `corpus_from_documents` promises: document ids unique, every locality in the
/// gazetteer, listed documents and document localities agreeing, sorted by province.
pub fn check_built_corpus(c: &Corpus) {
    let gaz = Gazetteer::embedded();
    if on("unique-ids") {
        let mut ids = std::collections::HashSet::new();
        for d in &c.documents {
            assert!(ids.insert(d.id.as_str()), "document id {} twice", d.id);
        }
    }
    for l in &c.localities {
        let u = gaz.by_id(&l.id).expect("corpus locality in the gazetteer");
        assert_eq!(l.name, gaz.unit(u).name);
        for doc in &l.documents {
            assert!(
                c.documents
                    .iter()
                    .any(|d| d.id == *doc && d.localities.contains(&l.id)),
                "{} lists {doc}, which is not about it",
                l.id
            );
        }
    }
    let key = |l: &corpus::Locality| (l.province.clone(), l.name.clone(), l.id.clone());
    assert!(
        c.localities.windows(2).all(|w| key(&w[0]) < key(&w[1])),
        "localities not sorted and unique"
    );
    for d in &c.documents {
        for id in &d.localities {
            let l = c.locality(id).expect("a document's locality is listed");
            assert!(l.documents.contains(&d.id), "{id} does not list {}", d.id);
        }
        for id in d.sections.iter().filter_map(|s| s.locality.as_ref()) {
            assert!(c.locality(id).is_some(), "section locality {id} not listed");
        }
    }
    check_stats(c);
}

pub fn check_stats(c: &Corpus) {
    let s = c.stats();
    assert_eq!(s.documents, c.documents.len());
    assert_eq!(s.localities, c.localities.len());
    assert_eq!(
        s.sections,
        c.documents.iter().map(|d| d.sections.len()).sum::<usize>()
    );
    assert_eq!(
        s.passages,
        c.documents
            .iter()
            .map(|d| d.passages().count())
            .sum::<usize>()
    );
    assert_eq!(
        s.removed,
        c.documents.iter().map(|d| d.removed.len()).sum::<usize>()
    );
}

/// The corpus written as JSON (compact and pretty) loads back equal.
pub fn check_json_round_trip(c: &Corpus) {
    for bytes in [
        serde_json::to_vec(c).expect("a corpus serialises"),
        serde_json::to_vec_pretty(c).expect("a corpus serialises"),
    ] {
        let back = corpus::io::from_slice(Path::new("round-trip.json"), &bytes)
            .unwrap_or_else(|e| panic!("a written corpus does not load: {e}"));
        assert!(back == *c, "the corpus changed in a JSON round trip");
    }
}
