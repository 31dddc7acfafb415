//! `search_highlight`: query parse + search + highlight ranges.

use nghiquyet::corpus::{Corpus, Document, Passage, PassageKind, PassageRef, Section};
use nghiquyet::preprocess::ids::passage_id;
use nghiquyet::search::{
    self, Hit, Query, Scope, SearchIndex, W_ACCENT, highlight_ranges, parse, search_all,
};
use nghiquyet::text;

use super::on;

/// Fuzz input → (corpus, query, scope). The first line is the query (`@` in front: search
/// every other document only; `%`: every other section); each further line is a passage, except that a line starting
/// with `#` starts a new document and one starting with `§` a new section (its heading).
pub fn search_case(data: &[u8]) -> (Corpus, String, Scope) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or_default();
    let (query, every_other) = if let Some(q) = first.strip_prefix('@') {
        (q.to_string(), Some(false))
    } else if let Some(q) = first.strip_prefix('%') {
        (q.to_string(), Some(true))
    } else {
        (first.to_string(), None)
    };
    let mut docs: Vec<Vec<(Option<String>, Vec<String>)>> = vec![vec![(None, Vec::new())]];
    for line in lines {
        if line.starts_with('#') {
            docs.push(vec![(None, Vec::new())]);
        } else if let Some(h) = line.strip_prefix('§') {
            let doc = docs.last_mut().expect("a document");
            doc.push((Some(h.to_string()), Vec::new()));
        } else {
            let doc = docs.last_mut().expect("a document");
            doc.last_mut().expect("a section").1.push(line.to_string());
        }
    }
    let corpus = search_corpus(&docs);
    let n = |i: usize| u32::try_from(i).unwrap();
    let scope = match every_other {
        Some(false) => Scope::Documents((0..n(corpus.documents.len())).step_by(2).collect()),
        Some(true) => Scope::Sections(
            corpus
                .documents
                .iter()
                .enumerate()
                .flat_map(|(d, doc)| (0..doc.sections.len()).map(move |s| (n(d), n(s))))
                .step_by(2)
                .collect(),
        ),
        None => Scope::All,
    };
    (corpus, query, scope)
}

/// A corpus of documents made of sections (heading, passage texts).
pub fn search_corpus(docs: &[Vec<(Option<String>, Vec<String>)>]) -> Corpus {
    let documents = docs
        .iter()
        .enumerate()
        .map(|(i, sections)| {
            let mut d = Document::new(&format!("d{i}"), "fuzz");
            d.title = format!("Document {i}");
            let mut line = 0;
            d.sections = sections
                .iter()
                .map(|(heading, texts)| Section {
                    heading: heading.clone(),
                    locality: None,
                    passages: texts
                        .iter()
                        .map(|t| {
                            line += 1;
                            Passage {
                                id: passage_id(t),
                                kind: PassageKind::Paragraph,
                                text: t.clone(),
                                line,
                            }
                        })
                        .collect(),
                })
                .collect();
            d
        })
        .collect();
    Corpus {
        documents,
        ..Corpus::default()
    }
}

pub fn search_highlight(data: &[u8]) {
    let (corpus, query, scope) = search_case(data);
    check_search(&corpus, &query, &scope);
}

/// Terms are folded like the text and never empty; an all-excluded query is empty.
pub fn check_query(q: &Query) {
    for t in &q.terms {
        assert!(!t.folded.is_empty(), "empty term in {q:?}");
        assert_eq!(text::fold_str(&t.folded), t.folded, "term not folded");
        for a in &t.alternatives {
            assert!(!a.is_empty(), "empty alternative in {q:?}");
        }
    }
    assert_eq!(q.is_empty(), q.terms.iter().all(|t| t.negate));
}

fn admits(scope: &Scope, at: PassageRef) -> bool {
    match scope {
        Scope::All => true,
        Scope::Documents(docs) => docs.contains(&at.doc),
        Scope::Sections(sections) => sections.contains(&(at.doc, at.section)),
    }
}

/// Does an earlier passage of the same document read the same, folded? A search shows
/// the text once.
fn repeats_earlier(corpus: &Corpus, at: PassageRef) -> bool {
    let fold = |p: &Passage| text::fold_for_search(&p.text).text.trim().to_string();
    let me = fold(at.get(corpus));
    corpus.documents[at.doc as usize]
        .sections
        .iter()
        .enumerate()
        .flat_map(|(s, sec)| {
            sec.passages
                .iter()
                .enumerate()
                .map(move |(p, passage)| (PassageRef::new(at.doc as usize, s, p), passage))
        })
        .take_while(|(r, _)| *r < at)
        .any(|(_, p)| fold(p) == me)
}

/// Search `raw` over `corpus` and check the index, every hit, its highlight, the ranking,
/// and that the hits are exactly the passages the matcher accepts.
pub fn check_search(corpus: &Corpus, raw: &str, scope: &Scope) {
    let index = SearchIndex::build(corpus);
    // Every passage, in document order, folded as `fold_for_search` folds it.
    let all: Vec<&Passage> = corpus
        .documents
        .iter()
        .flat_map(nghiquyet::corpus::Document::passages)
        .collect();
    assert_eq!(index.len(), all.len(), "index size");
    assert!(
        index.refs.windows(2).all(|w| w[0] < w[1]),
        "refs not in order"
    );
    for (slot, at) in index.refs.iter().enumerate() {
        let text = &at.get(corpus).text;
        assert_eq!(index.folded[slot], text::fold_for_search(text).text);
    }
    assert_eq!(index.bytes, all.iter().map(|p| p.text.len()).sum::<usize>());

    let q = parse(raw);
    check_query(&q);
    let mut exact_pass: Vec<u32> = Vec::new();
    let hits = search::search(&index, corpus, &q, scope, &|| false, &mut |h| {
        exact_pass = h.iter().map(|h| h.slot).collect();
    })
    .expect("a search that is never cancelled finishes");
    if q.is_empty() {
        assert!(hits.is_empty(), "an empty query found something");
    }
    for hit in &hits {
        check_hit(corpus, &index, scope, hit);
    }
    // Best score first, ties in document order.
    for w in hits.windows(2) {
        assert!(
            w[0].score > w[1].score || (w[0].score == w[1].score && w[0].slot < w[1].slot),
            "hits out of order: {:?} then {:?}",
            (w[0].slot, w[0].score),
            (w[1].slot, w[1].score)
        );
    }
    // What the exact pass reported is kept.
    for slot in exact_pass {
        assert!(hits.iter().any(|h| h.slot == slot), "exact hit {slot} lost");
    }
    // The index without its facts of each passage gives the same hits.
    let by_hand = index.without_facts();
    assert!(
        search_all(&by_hand, corpus, raw, scope) == hits,
        "the index's facts changed the hits for {raw:?}"
    );
    // The hits are the passages in scope the matcher accepts, with its ranges; the score
    // differs only by the accent bonus.
    if on("matcher-agrees") {
        let mut by_slot: Vec<&Hit> = hits.iter().collect();
        by_slot.sort_by_key(|h| h.slot);
        // As the search does: words the corpus knows taken for typos only when nothing
        // matched without.
        let expect = |even_known: bool| {
            let resolved = index.resolve_with(&q, even_known);
            let mut expected = Vec::new();
            for (slot, at) in index.refs.iter().enumerate() {
                if admits(scope, *at)
                    && !repeats_earlier(corpus, *at)
                    && let Some(m) = index.match_slot(slot, &resolved)
                {
                    expected.push((u32::try_from(slot).unwrap(), m));
                }
            }
            expected
        };
        let mut expected = expect(false);
        if expected.is_empty() {
            expected = expect(true);
        }
        let got: Vec<u32> = by_slot.iter().map(|h| h.slot).collect();
        let want: Vec<u32> = expected.iter().map(|(s, _)| *s).collect();
        assert_eq!(got, want, "hits differ from the matcher's for {raw:?}");
        for (hit, (_, m)) in by_slot.iter().zip(&expected) {
            assert_eq!(hit.ranges, m.ranges, "ranges of slot {}", hit.slot);
            let bonus = hit.score - m.score;
            assert!(
                bonus >= 0
                    && bonus % W_ACCENT == 0
                    && bonus / W_ACCENT <= i64::try_from(q.terms.len()).unwrap(),
                "slot {}: score {} vs matcher {}",
                hit.slot,
                hit.score,
                m.score
            );
        }
    }
}

/// A hit points at its passage, in scope; its ranges slice the folded text; its highlight
/// is non-empty, sorted, disjoint, and inside the passage text.
pub fn check_hit(corpus: &Corpus, index: &SearchIndex, scope: &Scope, hit: &Hit) {
    let slot = hit.slot as usize;
    assert!(slot < index.len(), "slot {slot} of {}", index.len());
    assert_eq!(index.refs[slot], hit.at, "slot and position disagree");
    assert!(admits(scope, hit.at), "hit outside the scope");
    assert!(
        !repeats_earlier(corpus, hit.at),
        "hit {:?} repeats an earlier passage of its document",
        hit.at
    );
    let folded = &index.folded[slot];
    // A hit without ranges: every term was in the article's title alone, and the
    // article's first passage stands for it.
    if hit.ranges.is_empty() {
        let first = slot == 0 || index.refs[slot - 1].doc != hit.at.doc;
        assert!(
            first,
            "a hit without ranges that is not its article's first passage"
        );
        return;
    }
    assert!(
        hit.ranges.windows(2).all(|w| w[0] <= w[1]),
        "ranges unsorted"
    );
    for &(s, e) in &hit.ranges {
        assert!(
            s < e && e <= folded.len() && folded.is_char_boundary(s) && folded.is_char_boundary(e),
            "range {s}..{e} does not slice the folded text {folded:?}"
        );
    }
    let text = &hit.at.get(corpus).text;
    let hl = highlight_ranges(text, &hit.ranges);
    check_highlight(text, &hl);
    assert!(!hl.is_empty(), "a hit with nothing highlighted");
}

/// `[start, end)` char offsets: non-empty, inside `text`, sorted and apart (merged).
pub fn check_highlight(text: &str, ranges: &[(usize, usize)]) {
    let chars = text.chars().count();
    for &(s, e) in ranges {
        assert!(s < e && e <= chars, "highlight {s}..{e} in {chars} chars");
        // As byte offsets they slice the text on char boundaries.
        let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
        assert!(text.get(byte(s)..byte(e)).is_some());
    }
    for w in ranges.windows(2) {
        assert!(w[0].1 < w[1].0, "highlights {w:?} not merged");
    }
}
