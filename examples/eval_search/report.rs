//! The scores of a run: per set, overall and per category, as a text table or JSON.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::Resolution;

/// The categories in the order `tests/relevance/README.md` lists them.
const KINDS: &[&str] = &[
    "plain", "accented", "typo", "acronym", "number", "title", "topic",
];

/// What one query gave.
pub struct Outcome {
    pub query: String,
    pub kind: String,
    pub doc: String,
    /// 1-based rank of the first wanted passage, when in the top 20.
    pub rank: Option<usize>,
    pub hits: usize,
    /// The first hit: document id, passage id, opening of its text.
    pub top: Option<(String, String, String)>,
    pub ms: f64,
    pub resolution: Resolution,
}

/// The scores of a group of queries.
struct Scores {
    count: usize,
    top1: f64,
    top3: f64,
    mrr: f64,
    no_result: usize,
    median_ms: f64,
}

fn scores(outcomes: &[&Outcome]) -> Scores {
    let count = outcomes.len();
    let share = |n: usize| {
        if count == 0 {
            0.0
        } else {
            100.0 * n as f64 / count as f64
        }
    };
    let within = |k: usize| {
        outcomes
            .iter()
            .filter(|o| o.rank.is_some_and(|r| r <= k))
            .count()
    };
    let rr: f64 = outcomes
        .iter()
        .filter_map(|o| o.rank.map(|r| 1.0 / r as f64))
        .sum();
    let mut ms: Vec<f64> = outcomes.iter().map(|o| o.ms).collect();
    ms.sort_by(f64::total_cmp);
    Scores {
        count,
        top1: share(within(1)),
        top3: share(within(3)),
        mrr: if count == 0 { 0.0 } else { rr / count as f64 },
        no_result: outcomes.iter().filter(|o| o.hits == 0).count(),
        median_ms: ms.get(ms.len() / 2).copied().unwrap_or(0.0),
    }
}

/// Every category present, in the README's order, then any other.
fn groups(outcomes: &[Outcome]) -> Vec<(String, Vec<&Outcome>)> {
    let mut kinds: Vec<&str> = KINDS.to_vec();
    for o in outcomes {
        if !kinds.contains(&o.kind.as_str()) {
            kinds.push(&o.kind);
        }
    }
    kinds
        .into_iter()
        .map(|k| {
            (
                k.to_string(),
                outcomes.iter().filter(|o| o.kind == k).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

fn row(out: &mut String, set: &str, group: &str, s: &Scores) {
    let _ = writeln!(
        out,
        "| {set} | {group} | {} | {:.0} % | {:.0} % | {:.2} | {} | {:.1} |",
        s.count, s.top1, s.top3, s.mrr, s.no_result, s.median_ms
    );
}

fn rank_label(o: &Outcome) -> String {
    match (o.rank, o.hits) {
        (Some(r), _) => r.to_string(),
        (None, 0) => "none".into(),
        (None, _) => format!(">{}", super::DEPTH),
    }
}

pub fn text(results: &[(&str, Vec<Outcome>)], verbose: bool) -> String {
    let mut out = String::new();
    out.push_str("| set | category | queries | top-1 | top-3 | MRR | no result | median ms |\n");
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    for (set, outcomes) in results {
        let all: Vec<&Outcome> = outcomes.iter().collect();
        row(&mut out, set, "**all**", &scores(&all));
        for (kind, group) in groups(outcomes) {
            row(&mut out, set, &kind, &scores(&group));
        }
    }
    for (set, outcomes) in results {
        for o in outcomes {
            match o.resolution {
                Resolution::Id => {}
                Resolution::Snippet => {
                    let _ = writeln!(
                        out,
                        "note: {set} {:?}: passage found by its snippet",
                        o.query
                    );
                }
                Resolution::Missing => {
                    let _ = writeln!(
                        out,
                        "note: {set} {:?}: passage not in the corpus (doc {})",
                        o.query, o.doc
                    );
                }
            }
        }
    }
    if verbose {
        for (set, outcomes) in results {
            let _ = writeln!(out, "\n{set}:");
            for o in outcomes {
                let _ = write!(out, "{:>5}  {:<8} {}", rank_label(o), o.kind, o.query);
                if let (Some((doc, _, text)), false) = (&o.top, o.rank == Some(1)) {
                    let _ = write!(out, "\n         top: {doc} {text}");
                }
                out.push('\n');
            }
        }
    }
    out
}

fn scores_json(s: &Scores) -> Value {
    json!({
        "queries": s.count,
        "top1": s.top1,
        "top3": s.top3,
        "mrr": s.mrr,
        "no_result": s.no_result,
        "median_ms": s.median_ms,
    })
}

pub fn json(results: &[(&str, Vec<Outcome>)], verbose: bool) -> Value {
    let mut sets = serde_json::Map::new();
    for (set, outcomes) in results {
        let all: Vec<&Outcome> = outcomes.iter().collect();
        let mut kinds = serde_json::Map::new();
        for (kind, group) in groups(outcomes) {
            kinds.insert(kind, scores_json(&scores(&group)));
        }
        let mut v = json!({ "all": scores_json(&scores(&all)), "categories": kinds });
        if verbose {
            v["queries"] = outcomes
                .iter()
                .map(|o| {
                    json!({
                        "query": o.query,
                        "kind": o.kind,
                        "doc": o.doc,
                        "rank": o.rank,
                        "hits": o.hits,
                        "top": o.top.as_ref().map(|(d, p, t)| json!({"doc": d, "passage": p, "text": t})),
                        "ms": o.ms,
                        "resolution": format!("{:?}", o.resolution).to_lowercase(),
                    })
                })
                .collect();
        }
        sets.insert((*set).to_string(), v);
    }
    Value::Object(sets)
}
