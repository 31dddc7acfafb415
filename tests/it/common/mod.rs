//! Helpers shared by the integration tests.

use nghiquyet::corpus::Document;
use nghiquyet::preprocess::{Line, normalize};

/// Comparable form of a line: markers that the preprocessor strips (bullets, a title's
/// trailing colon) and spacing removed.
fn key(s: &str) -> String {
    let s = s.trim_start_matches(['*', '•', '▪', '●', '■', '♦', ' ']);
    let s = s.trim_end_matches([':', ' ']);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every non-blank raw line must be somewhere in the document: a passage, a heading, a
/// metadata field or the removed list. Returns the lines that are nowhere.
pub fn lost_lines(raw: &[u8], doc: &Document) -> Vec<(usize, String)> {
    let text = normalize::decode(raw).expect("valid input");
    let mut haystack: Vec<String> = Vec::new();
    haystack.push(doc.title.clone());
    haystack.extend(doc.subtitle.clone());
    haystack.extend(doc.category.clone());
    haystack.extend(doc.tags.iter().cloned());
    haystack.extend(doc.dateline.clone());
    haystack.extend(doc.byline.clone());
    haystack.extend(doc.credits.iter().cloned());
    for s in &doc.sections {
        haystack.extend(s.heading.clone());
        for p in &s.passages {
            haystack.push(p.text.clone());
        }
    }
    let removed: Vec<(usize, String)> =
        doc.removed.iter().map(|r| (r.line, key(&r.text))).collect();
    let keys: Vec<String> = haystack.iter().map(|h| key(h)).collect();
    let mut lost = Vec::new();
    for line in normalize::normalize(text) {
        if line.text.is_empty() {
            continue;
        }
        let k = key(&line.text);
        if k.is_empty() {
            continue;
        }
        // A removed passage (a repeated lead) may span several raw lines from its first.
        let in_removed = removed
            .iter()
            .any(|(n, t)| *n == line.number && *t == k || *n <= line.number && t.contains(&k));
        let in_doc = keys.iter().any(|h| h.contains(&k));
        if !in_removed && !in_doc {
            lost.push((line.number, line.text));
        }
    }
    lost
}

/// What breaks "nothing is dropped" in the flattened lines (`preprocess::flat`): a line
/// whose pieces do not hold exactly its letters and digits, or a piece found in none of
/// `texts` (the document's fields). Empty when all is kept.
pub fn pieces_lost(lines: &[Line], texts: &[&str]) -> Vec<String> {
    let letters = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let mut lost = Vec::new();
    for l in lines.iter().filter(|l| !l.pieces.is_empty()) {
        let joined: String = l.pieces.iter().map(|p| p.text.as_str()).collect();
        if letters(&joined) != letters(&l.text) {
            lost.push(format!(
                "line {}: its pieces do not hold its letters",
                l.number
            ));
        }
        for p in &l.pieces {
            let t = p
                .text
                .trim_start_matches(['*', '•', '▪', '●', '■', '♦'])
                .trim();
            if !texts.iter().any(|x| x.contains(t)) {
                lost.push(format!("line {}: piece lost: {t}", l.number));
            }
        }
    }
    lost
}
