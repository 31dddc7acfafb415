//! The scores of a group of documents, as a table or as JSON.

use serde_json::{Value, json};

use crate::annotation::Kind;
use crate::score::DocScore;

/// Passages longer than this (in characters) are too long to read as one: the flat split
/// reports their share.
const LONG_PASSAGE: usize = 1500;

/// The groups of a set, in the order they are shown.
pub const GROUPS: &[&str] = &["articles", "flat", "genre", "all"];

pub fn in_group(d: &DocScore, group: &str) -> bool {
    match group {
        "articles" => d.kind == Kind::Articles,
        "flat" => d.kind == Kind::Flat,
        "genre" => d.genre,
        _ => true,
    }
}

/// The scores of one group; `None` where a ratio has no denominator.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub documents: usize,
    pub headings_precision: Option<f64>,
    pub headings_recall: Option<f64>,
    pub headings_f1: Option<f64>,
    pub subtitle_misfiled: Option<f64>,
    pub author: Option<f64>,
    pub date: Option<f64>,
    pub localities: Option<f64>,
    pub junk_kept: Option<f64>,
    pub captions_precision: Option<f64>,
    pub captions_recall: Option<f64>,
    pub flat_documents: usize,
    pub flat_passages_per_article: Option<f64>,
    pub flat_median_passage_chars: Option<f64>,
    pub flat_long_share: Option<f64>,
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

fn share(docs: &[&DocScore], test: impl Fn(&DocScore) -> bool) -> Option<f64> {
    ratio(docs.iter().filter(|d| test(d)).count(), docs.len())
}

fn median(mut v: Vec<usize>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2] as f64
    } else {
        (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0
    })
}

pub fn scores(docs: &[&DocScore]) -> Scores {
    let sum = |f: fn(&DocScore) -> usize| docs.iter().map(|d| f(d)).sum::<usize>();
    let (h_hit, h_gold, h_found) = (
        sum(|d| d.headings_hit),
        sum(|d| d.headings_gold),
        sum(|d| d.headings_found),
    );
    let headings_precision = ratio(h_hit, h_found);
    let headings_recall = ratio(h_hit, h_gold);
    let headings_f1 = match (headings_precision, headings_recall) {
        (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
        (Some(_), Some(_)) => Some(0.0),
        _ => None,
    };
    let flat: Vec<&&DocScore> = docs.iter().filter(|d| d.kind == Kind::Flat).collect();
    let flat_chars: Vec<usize> = flat
        .iter()
        .flat_map(|d| d.passage_chars.iter().copied())
        .collect();
    Scores {
        documents: docs.len(),
        headings_precision,
        headings_recall,
        headings_f1,
        subtitle_misfiled: share(docs, |d| !d.subtitle_ok),
        author: share(docs, |d| d.author_ok),
        date: share(docs, |d| d.date_ok),
        localities: share(docs, |d| d.localities_ok),
        junk_kept: share(docs, |d| d.junk_kept),
        captions_precision: ratio(sum(|d| d.captions_hit), sum(|d| d.captions_found)),
        captions_recall: ratio(sum(|d| d.captions_hit), sum(|d| d.captions_gold)),
        flat_documents: flat.len(),
        flat_passages_per_article: ratio(flat_chars.len(), flat.len()),
        flat_long_share: ratio(
            flat_chars.iter().filter(|&&c| c > LONG_PASSAGE).count(),
            flat_chars.len(),
        ),
        flat_median_passage_chars: median(flat_chars),
    }
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), |x| format!("{:.0}%", x * 100.0))
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), |x| format!("{x:.1}"))
}

/// The table's two header lines.
pub fn header() -> String {
    let first = format!(
        "{:<8} {:<8} {:>4} | {:^17} | {:>8} {:>6} {:>5} {:>5} {:>5} | {:^11} | {:^20}",
        "",
        "",
        "",
        "headings",
        "subtitle",
        "author",
        "date",
        "loc",
        "junk",
        "captions",
        "flat split"
    );
    let second = format!(
        "{:<8} {:<8} {:>4} | {:>5} {:>5} {:>5} | {:>8} {:>6} {:>5} {:>5} {:>5} | {:>5} {:>5} | {:>6} {:>6} {:>6}",
        "set",
        "kind",
        "docs",
        "P",
        "R",
        "F1",
        "misfile",
        "ok",
        "ok",
        "ok",
        "kept",
        "P",
        "R",
        "p/art",
        "median",
        ">1500"
    );
    format!("{first}\n{second}")
}

/// One row of the table.
pub fn row(set: &str, group: &str, s: &Scores) -> String {
    format!(
        "{:<8} {:<8} {:>4} | {:>5} {:>5} {:>5} | {:>8} {:>6} {:>5} {:>5} {:>5} | {:>5} {:>5} | {:>6} {:>6} {:>6}",
        set,
        group,
        s.documents,
        pct(s.headings_precision),
        pct(s.headings_recall),
        pct(s.headings_f1),
        pct(s.subtitle_misfiled),
        pct(s.author),
        pct(s.date),
        pct(s.localities),
        pct(s.junk_kept),
        pct(s.captions_precision),
        pct(s.captions_recall),
        num(s.flat_passages_per_article),
        num(s.flat_median_passage_chars),
        pct(s.flat_long_share),
    )
}

pub fn to_json(s: &Scores) -> Value {
    json!({
        "documents": s.documents,
        "headings": {
            "precision": s.headings_precision,
            "recall": s.headings_recall,
            "f1": s.headings_f1,
        },
        "subtitle_misfiled": s.subtitle_misfiled,
        "author": s.author,
        "date": s.date,
        "localities": s.localities,
        "junk_kept": s.junk_kept,
        "captions": {
            "precision": s.captions_precision,
            "recall": s.captions_recall,
        },
        "flat_split": {
            "documents": s.flat_documents,
            "passages_per_article": s.flat_passages_per_article,
            "median_passage_chars": s.flat_median_passage_chars,
            "share_over_1500_chars": s.flat_long_share,
        },
    })
}
