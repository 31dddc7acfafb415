//! The scores of a run: per set, overall and per category, as text tables or JSON; search
//! and fzf side by side; the pooled top 10 of topic queries for judging.

use std::fmt::Write as _;

use serde_json::{Value, json};

use nghiquyet::corpus::{Corpus, PassageRef};

use super::sets::{Entry, Resolution, Wanted};
use super::{CUT, DEPTH};

/// The categories in the order `tests/relevance/README.md` lists them.
const KINDS: &[&str] = &[
    "plain", "accented", "typo", "acronym", "number", "title", "topic",
];

/// Precision at 10 of one topic query: passages of the top 10 judged relevant (the wanted
/// one and `also` included), and passages of the top 10 no one judged.
pub struct Precision {
    pub relevant: usize,
    pub unjudged: usize,
}

/// What one query gave one system.
pub struct Outcome {
    pub query: String,
    pub kind: String,
    pub doc: String,
    /// 1-based rank of the first wanted passage, when in the top 20.
    pub rank: Option<usize>,
    pub hits: usize,
    /// The first hit: document id, passage id, opening of its text.
    pub top: Option<(String, String, String)>,
    /// The first ten hits.
    pub top10: Vec<PassageRef>,
    /// Topic queries only.
    pub precision: Option<Precision>,
    pub ms: f64,
    pub resolution: Resolution,
}

/// One set: search's outcomes, fzf's when it ran (same order), and the entries.
pub struct Run {
    pub set: String,
    pub search: Vec<Outcome>,
    pub fzf: Option<Vec<Outcome>>,
    pub entries: Vec<(Entry, Wanted)>,
}

/// The scores of a group of queries.
struct Scores {
    count: usize,
    top1: f64,
    top3: f64,
    success10: f64,
    mrr: f64,
    /// Mean precision@10 over the group's topic queries, if any.
    p10: Option<f64>,
    unjudged: usize,
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
    let judged: Vec<&Precision> = outcomes
        .iter()
        .filter_map(|o| o.precision.as_ref())
        .collect();
    let p10 = (!judged.is_empty()).then(|| {
        judged.iter().map(|p| p.relevant as f64).sum::<f64>() / (CUT * judged.len()) as f64
    });
    let mut ms: Vec<f64> = outcomes.iter().map(|o| o.ms).collect();
    ms.sort_by(f64::total_cmp);
    Scores {
        count,
        top1: share(within(1)),
        top3: share(within(3)),
        success10: share(within(CUT)),
        mrr: if count == 0 { 0.0 } else { rr / count as f64 },
        p10,
        unjudged: judged.iter().map(|p| p.unjudged).sum(),
        no_result: outcomes.iter().filter(|o| o.hits == 0).count(),
        median_ms: ms.get(ms.len() / 2).copied().unwrap_or(0.0),
    }
}

/// Every category present, in the README's order, then any other: its name and the
/// indices of its queries.
fn groups(outcomes: &[Outcome]) -> Vec<(String, Vec<usize>)> {
    let mut kinds: Vec<&str> = KINDS.to_vec();
    for o in outcomes {
        if !kinds.contains(&o.kind.as_str()) {
            kinds.push(&o.kind);
        }
    }
    let mut out = vec![("**all**".to_string(), (0..outcomes.len()).collect())];
    for k in kinds {
        let at: Vec<usize> = (0..outcomes.len())
            .filter(|&i| outcomes[i].kind == k)
            .collect();
        if !at.is_empty() {
            out.push((k.to_string(), at));
        }
    }
    out
}

fn pick<'a>(outcomes: &'a [Outcome], at: &[usize]) -> Vec<&'a Outcome> {
    at.iter().map(|&i| &outcomes[i]).collect()
}

fn p10_label(p: Option<f64>) -> String {
    p.map_or_else(|| "–".to_string(), |p| format!("{p:.2}"))
}

/// One system's table: every score of every group.
fn table(out: &mut String, runs: &[Run], fzf: bool) {
    out.push_str(
        "| set | category | queries | top-1 | top-3 | success@10 | MRR | P@10 | unjudged | no result | median ms |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for run in runs {
        let outcomes = if fzf {
            match &run.fzf {
                Some(f) => f,
                None => continue,
            }
        } else {
            &run.search
        };
        for (group, at) in groups(outcomes) {
            let s = scores(&pick(outcomes, &at));
            let unjudged = if s.p10.is_some() {
                s.unjudged.to_string()
            } else {
                "–".to_string()
            };
            let _ = writeln!(
                out,
                "| {} | {group} | {} | {:.0} % | {:.0} % | {:.0} % | {:.2} | {} | {unjudged} | {} | {:.1} |",
                run.set,
                s.count,
                s.top1,
                s.top3,
                s.success10,
                s.mrr,
                p10_label(s.p10),
                s.no_result,
                s.median_ms
            );
        }
    }
}

/// Search and fzf side by side: top-1, success@10, MRR, P@10 (topic), no result.
fn side_by_side(out: &mut String, runs: &[Run]) {
    out.push_str(
        "| set | category | queries | top-1 search | top-1 fzf | success@10 search | success@10 fzf \
         | MRR search | MRR fzf | P@10 search | P@10 fzf | no result search | no result fzf |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for run in runs {
        let Some(fzf) = &run.fzf else { continue };
        for (group, at) in groups(&run.search) {
            let s = scores(&pick(&run.search, &at));
            let f = scores(&pick(fzf, &at));
            let _ = writeln!(
                out,
                "| {} | {group} | {} | {:.0} % | {:.0} % | {:.0} % | {:.0} % | {:.2} | {:.2} | {} | {} | {} | {} |",
                run.set,
                s.count,
                s.top1,
                f.top1,
                s.success10,
                f.success10,
                s.mrr,
                f.mrr,
                p10_label(s.p10),
                p10_label(f.p10),
                s.no_result,
                f.no_result
            );
        }
    }
}

fn rank_label(o: &Outcome) -> String {
    match (o.rank, o.hits) {
        (Some(r), _) => r.to_string(),
        (None, 0) => "none".into(),
        (None, _) => format!(">{DEPTH}"),
    }
}

fn notes(out: &mut String, runs: &[Run]) {
    for run in runs {
        for o in &run.search {
            match o.resolution {
                Resolution::Id => {}
                Resolution::Snippet => {
                    let _ = writeln!(
                        out,
                        "note: {} {:?}: passage found by its snippet",
                        run.set, o.query
                    );
                }
                Resolution::Missing => {
                    let _ = writeln!(
                        out,
                        "note: {} {:?}: passage not in the corpus (doc {})",
                        run.set, o.query, o.doc
                    );
                }
            }
        }
    }
}

pub fn text(runs: &[Run], verbose: bool) -> String {
    let mut out = String::from("search (nghiquyet):\n\n");
    table(&mut out, runs, false);
    if runs.iter().any(|r| r.fzf.is_some()) {
        out.push_str("\nfzf --filter, same passages:\n\n");
        table(&mut out, runs, true);
        out.push_str("\nside by side:\n\n");
        side_by_side(&mut out, runs);
    }
    notes(&mut out, runs);
    if verbose {
        for run in runs {
            let _ = writeln!(out, "\n{} (rank: search, fzf):", run.set);
            for (i, o) in run.search.iter().enumerate() {
                let f = run
                    .fzf
                    .as_ref()
                    .map_or_else(|| "-".to_string(), |f| rank_label(&f[i]));
                let _ = write!(
                    out,
                    "{:>5} {f:>5}  {:<8} {}",
                    rank_label(o),
                    o.kind,
                    o.query
                );
                if let (Some((doc, _, text)), false) = (&o.top, o.rank == Some(1)) {
                    let _ = write!(out, "\n               top: {doc} {text}");
                }
                out.push('\n');
            }
        }
    }
    out
}

/// For every topic query: the passages of both systems' top 10, each marked `W` (the wanted
/// passage or `also`), `R` (judged relevant), `N` (judged not relevant) or `?` (unjudged),
/// with its rank in each system, its document's title and its text.
pub fn pool(runs: &[Run], corpus: &Corpus) -> String {
    let mut out = String::new();
    for run in runs {
        for (i, (e, w)) in run.entries.iter().enumerate() {
            if e.kind != "topic" {
                continue;
            }
            let s = &run.search[i].top10;
            let f: &[PassageRef] = run.fzf.as_ref().map_or(&[], |f| &f[i].top10);
            let mut pooled: Vec<PassageRef> = s.clone();
            for at in f {
                if !pooled.contains(at) {
                    pooled.push(*at);
                }
            }
            let _ = writeln!(out, "\n## {} {:?} (doc {})", run.set, e.query, e.doc);
            for at in pooled {
                let p = at.get(corpus);
                let mark = if w.ids.contains(&p.id) {
                    'W'
                } else if w.relevant.contains(&p.id) {
                    'R'
                } else if w.judged.contains(&p.id) {
                    'N'
                } else {
                    '?'
                };
                let rank = |list: &[PassageRef]| {
                    list.iter()
                        .position(|x| *x == at)
                        .map_or_else(|| "-".to_string(), |r| (r + 1).to_string())
                };
                let doc = &corpus.documents[at.doc_index()];
                let text: String = p.text.chars().take(500).collect();
                let _ = writeln!(
                    out,
                    "{mark} {} s{} f{} {} «{}» {text}",
                    p.id,
                    rank(s),
                    rank(f),
                    doc.id,
                    doc.title
                );
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
        "success10": s.success10,
        "mrr": s.mrr,
        "p10": s.p10,
        "unjudged": s.unjudged,
        "no_result": s.no_result,
        "median_ms": s.median_ms,
    })
}

fn system_json(outcomes: &[Outcome]) -> Value {
    let mut kinds = serde_json::Map::new();
    let mut all = Value::Null;
    for (group, at) in groups(outcomes) {
        let s = scores_json(&scores(&pick(outcomes, &at)));
        if group == "**all**" {
            all = s;
        } else {
            kinds.insert(group, s);
        }
    }
    json!({ "all": all, "categories": kinds })
}

fn query_json(o: &Outcome) -> Value {
    json!({
        "query": o.query,
        "kind": o.kind,
        "doc": o.doc,
        "rank": o.rank,
        "hits": o.hits,
        "top": o.top.as_ref().map(|(d, p, t)| json!({"doc": d, "passage": p, "text": t})),
        "p10_relevant": o.precision.as_ref().map(|p| p.relevant),
        "ms": o.ms,
        "resolution": format!("{:?}", o.resolution).to_lowercase(),
    })
}

/// Per set: search's scores (`all`, `categories`) and, when it ran, fzf's under `fzf`.
pub fn json(runs: &[Run], verbose: bool) -> Value {
    let mut sets = serde_json::Map::new();
    for run in runs {
        let mut v = system_json(&run.search);
        if let Some(f) = &run.fzf {
            v["fzf"] = system_json(f);
        }
        if verbose {
            v["queries"] = run.search.iter().map(query_json).collect();
            if let Some(f) = &run.fzf {
                v["fzf"]["queries"] = f.iter().map(query_json).collect();
            }
        }
        sets.insert(run.set.clone(), v);
    }
    Value::Object(sets)
}
