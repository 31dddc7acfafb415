//! Counts over time: a query's matching articles per year (per month when they span two
//! years or less), for the whole query and for each group of a [`Grouper`] (a sparkline in
//! its row).

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::counts::Grouper;
use crate::corpus::{Corpus, PassageRef};

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Timeline {
    /// Months (`2017-03`) rather than years (`2017`).
    pub monthly: bool,
    /// Every period from the first matching article's to the last one's, empty ones too
    /// (a gap is a finding).
    pub periods: Vec<String>,
    /// Matching articles per period.
    pub articles: Vec<usize>,
    /// Passages with a hit per period.
    pub passages: Vec<usize>,
    /// Matching articles with no date (in no period).
    pub undated: usize,
    /// Matching articles per period of each group.
    pub by_group: HashMap<String, Vec<usize>>,
}

/// The period of a `yyyy-mm-dd…` date: its year or month.
fn period(date: &str, monthly: bool) -> Option<&str> {
    let p = date.get(..if monthly { 7 } else { 4 })?;
    p.bytes()
        .all(|b| b.is_ascii_digit() || b == b'-')
        .then_some(p)
}

/// The periods from `first` to `last` (both included), as [`period`] writes them.
fn span(first: &str, last: &str, monthly: bool) -> Vec<String> {
    let ym = |p: &str| -> Option<(u32, u32)> {
        let y = p.get(..4)?.parse().ok()?;
        let m = if monthly {
            p.get(5..7)?.parse().ok()?
        } else {
            1
        };
        Some((y, m))
    };
    let (Some((mut y, mut m)), Some(end)) = (ym(first), ym(last)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while (y, m) <= end {
        if monthly {
            out.push(format!("{y:04}-{m:02}"));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        } else {
            out.push(format!("{y:04}"));
            y += 1;
        }
    }
    out
}

/// The timeline of the hits at `hits`, grouped as `grouper` groups them.
pub fn timeline(corpus: &Corpus, grouper: &Grouper, hits: &[PassageRef]) -> Timeline {
    let date = |d: usize| corpus.documents[d].date.as_deref();
    let docs: BTreeSet<usize> = hits.iter().map(|h| h.doc_index()).collect();
    let years: BTreeSet<&str> = docs
        .iter()
        .filter_map(|&d| date(d).and_then(|x| period(x, false)))
        .collect();
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return Timeline {
            undated: docs.len(),
            ..Timeline::default()
        };
    };
    let monthly = last.parse::<u32>().unwrap_or(0) - first.parse::<u32>().unwrap_or(0) < 2;
    let months: BTreeSet<&str> = docs
        .iter()
        .filter_map(|&d| date(d).and_then(|x| period(x, monthly)))
        .collect();
    let periods = match (months.first(), months.last()) {
        (Some(a), Some(b)) => span(a, b, monthly),
        _ => Vec::new(),
    };
    let slot: HashMap<&str, usize> = periods
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i))
        .collect();
    let at = |d: usize| {
        date(d)
            .and_then(|x| period(x, monthly))
            .and_then(|p| slot.get(p).copied())
    };
    let n = periods.len();
    let mut t = Timeline {
        monthly,
        articles: vec![0; n],
        passages: vec![0; n],
        ..Timeline::default()
    };
    for &d in &docs {
        match at(d) {
            Some(i) => t.articles[i] += 1,
            None => t.undated += 1,
        }
    }
    // Each article once per group.
    let mut counted: BTreeSet<(usize, String)> = BTreeSet::new();
    for h in hits {
        let d = h.doc_index();
        let Some(i) = at(d) else { continue };
        t.passages[i] += 1;
        for g in grouper.groups(d, Some(h.section_index())) {
            if counted.insert((d, g.clone())) {
                t.by_group.entry(g).or_insert_with(|| vec![0; n])[i] += 1;
            }
        }
    }
    t.periods = periods;
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::counts::By;
    use crate::search::{Scope, SearchIndex, search_all};

    #[test]
    fn periods_run_without_gaps() {
        assert_eq!(
            span("2016", "2019", false),
            ["2016", "2017", "2018", "2019"]
        );
        assert_eq!(
            span("2019-11", "2020-02", true),
            ["2019-11", "2019-12", "2020-01", "2020-02"]
        );
        assert_eq!(period("2020-06-06T14:00", true), Some("2020-06"));
        assert_eq!(period("??", false), None);
    }

    /// Against a count by hand over the embedded corpus: articles per month, each once.
    #[test]
    fn timeline_matches_a_brute_force_count() {
        let corpus = crate::embedded::corpus();
        let index = SearchIndex::build(&corpus);
        let hits: Vec<PassageRef> = search_all(&index, &corpus, "nghi quyet", &Scope::All)
            .iter()
            .map(|h| h.at)
            .collect();
        let g = Grouper::new(&corpus, By::Province, false);
        let t = timeline(&corpus, &g, &hits);
        let docs: BTreeSet<usize> = hits.iter().map(|h| h.doc_index()).collect();
        // Seeds are dated 2020 to 2023: more than two years, so by year.
        assert!(!t.monthly);
        assert_eq!(t.periods.first().map(String::as_str), Some("2020"));
        for (i, p) in t.periods.iter().enumerate() {
            let want = docs
                .iter()
                .filter(|&&d| {
                    corpus.documents[d]
                        .date
                        .as_deref()
                        .is_some_and(|x| x.starts_with(p.as_str()))
                })
                .count();
            assert_eq!(t.articles[i], want, "{p}");
            let passages = hits
                .iter()
                .filter(|h| {
                    corpus.documents[h.doc_index()]
                        .date
                        .as_deref()
                        .is_some_and(|x| x.starts_with(p.as_str()))
                })
                .count();
            assert_eq!(t.passages[i], passages, "{p}");
        }
        assert_eq!(t.articles.iter().sum::<usize>() + t.undated, docs.len());
        // A group's articles per period never exceed the whole query's.
        for v in t.by_group.values() {
            for (i, n) in v.iter().enumerate() {
                assert!(*n <= t.articles[i]);
            }
        }
        assert!(!t.by_group.is_empty());
    }
}
