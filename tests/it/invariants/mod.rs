//! What must hold for any input to the library's entry points: the checks behind the fuzz
//! targets (`fuzz/fuzz_targets/`, which include this file) and `tests/it/fuzz_props.rs`.
//!
//! Each target has one function taking the fuzzer's raw bytes ([`preprocess_roundtrip`],
//! [`search_highlight`], [`text_helpers`], [`corpus_load`]); it panics when an invariant
//! breaks. The property tests call the same checks on generated inputs and replay the
//! inputs saved in `tests/fuzz_regressions/` through [`run_target`].
//!
//! `FUZZ_SKIP=name,name` turns off the named checks (see [`on`]), so fuzzing can go on past
//! a bug whose fix is pending. The tests never set it. The names: `title`, `hidden-chars`,
//! `lost-lines`, `lost-joined-lines`, `unique-ids`, `matcher-agrees`, `canonical-nfc`,
//! `truncate-width`, `line-nfc`, `telex-nfc`.

use std::path::Path;
use std::sync::OnceLock;

use fuzzy_matcher::skim::SkimMatcherV2;
use nghiquyet::corpus::{self, Corpus, Document, Passage, PassageKind, Section};
use nghiquyet::gazetteer::Gazetteer;
use nghiquyet::preprocess::ids::passage_id;
use nghiquyet::preprocess::{self, Article, LineClass, normalize};
use nghiquyet::search::matcher::match_passage;
use nghiquyet::search::{
    self, Hit, Query, Scope, SearchIndex, W_ACCENT, highlight_ranges, parse, search_all,
};
use nghiquyet::text::{self, telex};
use unicode_normalization::{UnicodeNormalization, is_nfc};
use unicode_width::UnicodeWidthStr;

// Both crates that include this file, the test binary and `fuzz/`, have `common`
// (`tests/it/common/mod.rs`) at their root.
use crate::common;

/// The fuzz targets, as named in `fuzz/Cargo.toml` and in regression file names
/// (`<target>-<what>`).
pub const TARGETS: [&str; 4] = [
    "preprocess_roundtrip",
    "search_highlight",
    "text_helpers",
    "corpus_load",
];

/// Run the check of fuzz target `target` on `data`, as the target does. Panics on an
/// unknown target name.
pub fn run_target(target: &str, data: &[u8]) {
    match target {
        "preprocess_roundtrip" => preprocess_roundtrip(data),
        "search_highlight" => search_highlight(data),
        "text_helpers" => text_helpers(data),
        "corpus_load" => corpus_load(data),
        _ => panic!("no fuzz target {target:?}; known: {TARGETS:?}"),
    }
}

/// Is the check `name` on? All are, except those listed in `FUZZ_SKIP`.
pub fn on(name: &str) -> bool {
    static SKIP: OnceLock<Vec<String>> = OnceLock::new();
    let skip = SKIP.get_or_init(|| {
        std::env::var("FUZZ_SKIP")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    });
    !skip.iter().any(|s| s == name)
}

// ---------------------------------------------------------------------------------------
// preprocess_roundtrip: raw bytes → build_document → corpus_from_documents → JSON → back.

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

/// Characters the normaliser removes: C0/C1 controls and invisible format characters
/// (`preprocess::normalize`). None may reach the corpus, where a terminal would show them.
fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c,
            '\u{00AD}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
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

// ---------------------------------------------------------------------------------------
// search_highlight: query parse + search + highlight ranges.

/// Fuzz input → (corpus, query, scope). The first line is the query (`@` in front: search
/// every other document only); each further line is a passage, except that a line starting
/// with `#` starts a new document and one starting with `§` a new section (its heading).
pub fn search_case(data: &[u8]) -> (Corpus, String, Scope) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or_default();
    let (query, every_other) = match first.strip_prefix('@') {
        Some(q) => (q.to_string(), true),
        None => (first.to_string(), false),
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
    let scope = if every_other {
        Scope::Documents(
            (0..u32::try_from(corpus.documents.len()).unwrap())
                .step_by(2)
                .collect(),
        )
    } else {
        Scope::All
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

fn admits(scope: &Scope, doc: u32) -> bool {
    match scope {
        Scope::All => true,
        Scope::Documents(docs) => docs.contains(&doc),
    }
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
    // An index filled by hand (no private facts) gives the same hits.
    let mut by_hand = SearchIndex::default();
    by_hand.refs.clone_from(&index.refs);
    by_hand.folded.clone_from(&index.folded);
    by_hand.bytes = index.bytes;
    assert!(
        search_all(&by_hand, corpus, raw, scope) == hits,
        "the index's facts changed the hits for {raw:?}"
    );
    // The hits are the passages in scope the matcher accepts, with its ranges; the score
    // differs only by the accent bonus.
    if on("matcher-agrees") {
        let matcher = SkimMatcherV2::default();
        let mut by_slot: Vec<&Hit> = hits.iter().collect();
        by_slot.sort_by_key(|h| h.slot);
        let mut expected = Vec::new();
        for (slot, at) in index.refs.iter().enumerate() {
            if admits(scope, at.doc)
                && let Some(m) = match_passage(&index.folded[slot], &q, true, &matcher)
            {
                expected.push((u32::try_from(slot).unwrap(), m));
            }
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
    assert!(admits(scope, hit.at.doc), "hit outside the scope");
    let folded = &index.folded[slot];
    assert!(!hit.ranges.is_empty(), "a hit without ranges");
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

// ---------------------------------------------------------------------------------------
// text_helpers: folding, canonical tones, widths, normalised lines, Telex.

/// First byte: a column count; the rest: text (invalid UTF-8 replaced).
pub fn text_helpers(data: &[u8]) {
    /// Telex keys: letters only, so every key is exercised.
    const KEYS: &[u8] = b"aaaeeooouuwwddsfrxjzyinghtcqmpklvbAEOUWDSFRXJ";
    let (cols, rest) = match data.split_first() {
        Some((c, rest)) => (usize::from(*c % 64), rest),
        None => (0, data),
    };
    let s = String::from_utf8_lossy(rest);
    check_text(&s, cols);
    // The same bytes as Telex keys.
    let keys: String = rest
        .iter()
        .take(24)
        .map(|&b| char::from(KEYS[usize::from(b) % KEYS.len()]))
        .collect();
    check_telex_word(&keys);
}

pub fn check_text(s: &str, cols: usize) {
    check_fold(s);
    if on("canonical-nfc") {
        let c = text::canonical(s);
        assert!(is_nfc(&c), "canonical({s:?}) = {c:?} is not NFC");
    }
    assert!(text::to_ascii(s).is_ascii(), "to_ascii({s:?}) is not ASCII");
    let _ = text::title_case(s);
    let _ = text::is_all_caps(s);
    let _ = text::has_vietnamese_letters(s);
    check_truncation(s, cols);
    for line in s.split('\n') {
        check_normalized_line(line);
    }
    // Telex over the whole text, and word by word.
    let t = telex::telex(s);
    if on("telex-nfc") {
        assert!(is_nfc(&t), "telex({s:?}) = {t:?} is not NFC");
    }
    if !s.bytes().any(|b| b.is_ascii_alphabetic()) {
        assert_eq!(
            t,
            s.nfc().collect::<String>(),
            "telex changed a text without keys"
        );
    }
    for word in s
        .split(|c: char| !telex_word_char(c))
        .filter(|w| !w.is_empty())
    {
        if word.bytes().all(|b| b.is_ascii_alphabetic()) {
            check_telex_word(word);
        } else {
            assert_eq!(telex::telex_word(word), word, "non-key word changed");
        }
        if let Some(k) = telex::telex_keys(word) {
            assert!(
                k.bytes().all(|b| b.is_ascii_alphabetic()),
                "keys {k:?} for {word:?}"
            );
        }
        let _ = text::is_vietnamese_syllable(word);
    }
}

/// `telex::is_word_char` (crate-private): letters, digits, combining marks.
fn telex_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// `fold`'s map points each folded char back at the char it came from; `fold_str` is the
/// same text; folding is idempotent; `fold_for_search` only drops digit-grouping marks.
pub fn check_fold(s: &str) {
    let orig: Vec<char> = s.chars().collect();
    let f = text::fold(s);
    let folded: Vec<char> = f.text.chars().collect();
    assert_eq!(f.map.len(), folded.len(), "map length");
    assert!(f.map.windows(2).all(|w| w[0] < w[1]), "map not increasing");
    let kept: Vec<usize> = (0..orig.len())
        .filter(|&i| text::fold_char(orig[i]).is_some())
        .collect();
    assert_eq!(f.map, kept, "map is not the chars that fold to something");
    for (k, &i) in f.map.iter().enumerate() {
        assert_eq!(Some(folded[k]), text::fold_char(orig[i]));
        assert_eq!(
            text::fold_char(folded[k]),
            Some(folded[k]),
            "fold not idempotent"
        );
    }
    assert_eq!(text::fold_str(s), f.text);

    let g = text::fold_for_search(s);
    let gchars: Vec<char> = g.text.chars().collect();
    assert_eq!(g.map.len(), gchars.len(), "search map length");
    // A subsequence of `fold`: the chars left out are `.` or `,` between digits.
    let mut k = 0;
    for (j, &i) in f.map.iter().enumerate() {
        if g.map.get(k) == Some(&i) {
            assert_eq!(gchars[k], folded[j]);
            k += 1;
        } else {
            let digit = |x: Option<&char>| x.is_some_and(char::is_ascii_digit);
            assert!(
                matches!(folded[j], '.' | ',')
                    && digit(j.checked_sub(1).and_then(|p| folded.get(p)))
                    && digit(folded.get(j + 1)),
                "fold_for_search dropped {:?} at {j} of {:?}",
                folded[j],
                f.text
            );
        }
    }
    assert_eq!(
        k,
        g.map.len(),
        "fold_for_search map is not a subsequence of fold's"
    );
}

/// Cut to `cols` columns: unchanged when it fits; else a prefix and the ellipsis, at most
/// `cols` columns wide (the ellipsis alone when even it does not fit).
pub fn check_truncation(s: &str, cols: usize) {
    for ellipsis in ["…", "..."] {
        let t = text::truncate_with(s, cols, ellipsis);
        if s.width() <= cols {
            assert_eq!(t, s, "a text that fits was cut");
            continue;
        }
        let head = t
            .strip_suffix(ellipsis)
            .expect("a cut text ends with the ellipsis");
        assert!(s.starts_with(head), "{t:?} is not a prefix of {s:?}");
        if on("truncate-width") {
            assert!(
                t.width() <= cols.max(ellipsis.width()),
                "truncate_with({s:?}, {cols}, {ellipsis:?}) = {t:?} is {} columns wide",
                t.width()
            );
        }
    }
    assert_eq!(
        text::truncate_to_width(s, cols),
        text::truncate_with(s, cols, "…")
    );
}

/// A normalised line: no hidden characters, every space one ASCII space, no run, trimmed,
/// NFC (`normalize::normalize_line`).
pub fn check_normalized_line(line: &str) {
    let n = normalize::normalize_line(line);
    assert!(!n.chars().any(is_hidden), "hidden character in {n:?}");
    assert!(
        !n.chars().any(|c| c.is_whitespace() && c != ' '),
        "other whitespace in {n:?}"
    );
    assert!(
        !n.starts_with(' ') && !n.ends_with(' ') && !n.contains("  "),
        "spaces not collapsed and trimmed: {n:?}"
    );
    if on("line-nfc") {
        assert!(is_nfc(&n), "normalize_line({line:?}) = {n:?} is not NFC");
    }
}

/// Telex keys (ASCII letters) give NFC Vietnamese letters, at most one per key, each an
/// ASCII letter or a Vietnamese letter, folding back to ASCII lowercase.
pub fn check_telex_word(keys: &str) {
    let out = telex::telex_word(keys);
    assert!(is_nfc(&out), "telex_word({keys:?}) = {out:?} is not NFC");
    assert!(
        out.chars().count() <= keys.chars().count(),
        "telex_word({keys:?}) = {out:?} is longer than its keys"
    );
    assert!(
        out.chars()
            .all(|c| c.is_ascii_alphabetic() || text::is_vietnamese_letter(c)),
        "telex_word({keys:?}) = {out:?}"
    );
    assert!(text::fold_str(&out).bytes().all(|b| b.is_ascii_lowercase()));
}

// ---------------------------------------------------------------------------------------
// corpus_load: JSON bytes → from_slice → stats, round trip, search.

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
