//! One document against its annotation: the counts the scores are made of, and every
//! mismatch in words (for `--verbose`).

use nghiquyet::corpus::{Document, Locality, PassageKind};
use unicode_normalization::UnicodeNormalization;

use crate::annotation::{Annotation, Kind};
use crate::places;

/// How many characters two texts must share at their start to be the same heading or
/// caption.
const PREFIX: usize = 30;
/// Junk shorter than this (in characters) is found only as a whole passage or at its start
/// or end, so that `Xem thêm` does not match inside a sentence.
const SHORT_JUNK: usize = 12;

/// The scores' ingredients for one document.
// One verdict per score, each counted on its own: they are not states of one thing.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone)]
pub struct DocScore {
    pub label: String,
    pub kind: Kind,
    pub genre: bool,
    pub headings_gold: usize,
    pub headings_found: usize,
    pub headings_hit: usize,
    pub subtitle_ok: bool,
    pub author_ok: bool,
    pub date_ok: bool,
    pub localities_ok: bool,
    pub junk_kept: bool,
    pub captions_gold: usize,
    pub captions_found: usize,
    pub captions_hit: usize,
    /// Length in characters of every passage.
    pub passage_chars: Vec<usize>,
    pub mismatches: Vec<String>,
}

/// NFC, whitespace collapsed, case folded; a trailing `…` (a shortened caption) dropped.
pub fn norm(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    let collapsed = nfc.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = collapsed.to_lowercase();
    match lower.strip_suffix('…') {
        Some(rest) if rest.chars().count() >= PREFIX => rest.trim_end().to_string(),
        _ => lower,
    }
}

fn first_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Two normalised texts are the same heading or caption: equal, or one begins with the
/// other's first 30 characters.
fn same(a: &str, b: &str) -> bool {
    a == b || b.starts_with(first_chars(a, PREFIX)) || a.starts_with(first_chars(b, PREFIX))
}

/// Pair gold texts with found ones, each used once (equal texts first, then by prefix).
/// Returns the gold texts and the found texts left unpaired.
fn pair<'a>(gold: &'a [String], found: &'a [String]) -> (Vec<&'a str>, Vec<&'a str>) {
    let g: Vec<String> = gold.iter().map(|s| norm(s)).collect();
    let f: Vec<String> = found.iter().map(|s| norm(s)).collect();
    let mut gold_used = vec![false; g.len()];
    let mut found_used = vec![false; f.len()];
    for exact in [true, false] {
        for (i, gi) in g.iter().enumerate() {
            if gold_used[i] {
                continue;
            }
            let hit = (0..f.len())
                .find(|&j| !found_used[j] && if exact { *gi == f[j] } else { same(gi, &f[j]) });
            if let Some(j) = hit {
                gold_used[i] = true;
                found_used[j] = true;
            }
        }
    }
    let missed = (0..g.len())
        .filter(|&i| !gold_used[i])
        .map(|i| gold[i].as_str())
        .collect();
    let extra = (0..f.len())
        .filter(|&j| !found_used[j])
        .map(|j| found[j].as_str())
        .collect();
    (missed, extra)
}

fn opt_same(gold: Option<&str>, found: Option<&str>) -> bool {
    match (gold, found) {
        (None, None) => true,
        (Some(g), Some(f)) => {
            let (g, f) = (norm(g), norm(f));
            g == f || same(&g, &f)
        }
        _ => false,
    }
}

fn shown(s: Option<&str>) -> String {
    s.map_or_else(|| "–".to_string(), |s| format!("{s:?}"))
}

/// Is this junk text left in `text` (both normalised)?
fn junk_in(junk: &str, text: &str) -> bool {
    if junk.is_empty() {
        return false;
    }
    if junk.chars().count() >= SHORT_JUNK {
        return text.contains(junk);
    }
    text == junk
        || text.strip_prefix(junk).is_some_and(|r| r.starts_with(' '))
        || text.strip_suffix(junk).is_some_and(|r| r.ends_with(' '))
}

/// Compare one built document (with the corpus's localities) against its annotation.
pub fn score(label: String, ann: &Annotation, doc: &Document, localities: &[Locality]) -> DocScore {
    let mut mismatches = Vec::new();
    if norm(&ann.title) != norm(&doc.title) {
        mismatches.push(format!("title: gold {:?} | got {:?}", ann.title, doc.title));
    }

    let headings: Vec<String> = doc
        .sections
        .iter()
        .filter_map(|s| s.heading.clone())
        .collect();
    let (missed, extra) = pair(&ann.headings, &headings);
    mismatches.extend(missed.iter().map(|h| format!("heading missed: {h:?}")));
    mismatches.extend(extra.iter().map(|h| format!("heading extra:  {h:?}")));
    let headings_hit = ann.headings.len() - missed.len();

    // A sapo (the summary under the title) kept as the lead passage is findable, which a
    // subtitle slot is not: that counts as right when nothing is put in the slot.
    let sapo_as_lead = doc.subtitle.is_none()
        && ann.subtitle.as_deref().is_some_and(|gold| {
            doc.sections
                .iter()
                .flat_map(|s| &s.passages)
                .next()
                .is_some_and(|p| norm(&p.text).starts_with(&norm(gold)))
        });
    let subtitle_ok = sapo_as_lead || opt_same(ann.subtitle.as_deref(), doc.subtitle.as_deref());
    if !subtitle_ok {
        mismatches.push(format!(
            "subtitle: gold {} | got {}",
            shown(ann.subtitle.as_deref()),
            shown(doc.subtitle.as_deref())
        ));
    }
    let author_ok = match (&ann.author, &doc.author) {
        (None, None) => true,
        (Some(g), Some(f)) => norm(g) == norm(f),
        _ => false,
    };
    if !author_ok {
        mismatches.push(format!(
            "author: gold {} | got {}",
            shown(ann.author.as_deref()),
            shown(doc.author.as_deref())
        ));
    }
    if !opt_same(ann.outlet.as_deref(), doc.outlet.as_deref()) {
        mismatches.push(format!(
            "outlet (not scored): gold {} | got {}",
            shown(ann.outlet.as_deref()),
            shown(doc.outlet.as_deref())
        ));
    }
    let day = |d: &Option<String>| d.as_deref().map(|d| first_chars(d, 10).to_string());
    let date_ok = day(&ann.date) == day(&doc.date);
    if !date_ok {
        mismatches.push(format!(
            "date: gold {} | got {}",
            shown(ann.date.as_deref()),
            shown(doc.date.as_deref())
        ));
    }

    let found: Vec<&Locality> = doc
        .localities
        .iter()
        .filter_map(|id| localities.iter().find(|l| &l.id == id))
        .collect();
    let (missing, wrong) = places::compare(&ann.about, &ann.about_ok, &found);
    mismatches.extend(missing.iter().map(|p| format!("about missed: {p}")));
    mismatches.extend(wrong.iter().map(|l| {
        let why = if places::named_in(&ann.not_places, l) {
            " - annotated as not a place"
        } else if places::named_in(&ann.mentioned, l) {
            " - annotated as only mentioned"
        } else {
            ""
        };
        format!(
            "about wrong:  {} ({}, {}) [{}]{why}",
            l.name, l.kind, l.province, l.id
        )
    }));
    let localities_ok = missing.is_empty() && wrong.is_empty();

    // Junk is kept when it is left in the title, the subtitle, a heading or a passage.
    let mut texts: Vec<String> = vec![norm(&doc.title)];
    texts.extend(doc.subtitle.as_deref().map(norm));
    texts.extend(headings.iter().map(|h| norm(h)));
    texts.extend(doc.passages().map(|p| norm(&p.text)));
    let kept: Vec<&String> = ann
        .junk
        .iter()
        .filter(|j| {
            let j = norm(j);
            texts.iter().any(|t| junk_in(&j, t))
        })
        .collect();
    mismatches.extend(kept.iter().map(|j| format!("junk kept: {j:?}")));

    let captions: Vec<String> = doc
        .passages()
        .filter(|p| p.kind == PassageKind::Caption)
        .map(|p| p.text.clone())
        .collect();
    let (missed, extra) = pair(&ann.captions, &captions);
    mismatches.extend(missed.iter().map(|c| format!("caption missed: {c:?}")));
    mismatches.extend(extra.iter().map(|c| format!("caption extra:  {c:?}")));
    let captions_hit = ann.captions.len() - missed.len();

    DocScore {
        label,
        kind: ann.kind,
        genre: ann.genre,
        headings_gold: ann.headings.len(),
        headings_found: headings.len(),
        headings_hit,
        subtitle_ok,
        author_ok,
        date_ok,
        localities_ok,
        junk_kept: !kept.is_empty(),
        captions_gold: ann.captions.len(),
        captions_found: captions.len(),
        captions_hit,
        passage_chars: doc.passages().map(|p| p.text.chars().count()).collect(),
        mismatches,
    }
}
