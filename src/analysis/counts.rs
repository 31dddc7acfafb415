//! Counts of a query's hits by place, year or outlet: how many articles each group has,
//! how many of them (and of their passages) match, the rate per 100 articles (so a big
//! province does not win by size) and the span of the matching articles' dates.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;

use crate::corpus::{Corpus, Locality, PassageRef};
use crate::text::collate::vi_cmp;

/// What a row of the table stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, Default)]
pub enum By {
    /// The province (before 2025) of the places an article or section is about.
    #[default]
    Province,
    /// The 34 provinces since 1 July 2025.
    Province2025,
    /// Each place itself (a district, a commune).
    Locality,
    /// The year of the article's date.
    Year,
    /// The outlet that published the article.
    Outlet,
}

/// One row: a group and its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub group: String,
    /// Articles of the corpus in the group (the denominator).
    pub articles: usize,
    /// Of those, the articles with a hit in the group.
    pub matching_articles: usize,
    /// Passages with a hit in the group.
    pub passages: usize,
    /// Matching articles per 100 articles of the group.
    pub per_100: f64,
    /// The first and last date (`yyyy-mm-dd`) of the matching articles that have one.
    pub first: Option<String>,
    pub last: Option<String>,
}

/// Which groups a passage or an article falls in, for one [`By`]: the places' lookup is
/// built once (`Corpus::locality` is a scan: once per passage it would dominate).
pub struct Grouper<'c> {
    corpus: &'c Corpus,
    places: HashMap<&'c str, &'c Locality>,
    /// Names several places share (seven districts named Châu Thành): shown with their
    /// province, `Châu Thành (Tiền Giang)`.
    homonyms: HashSet<&'c str>,
    pub by: By,
    pub about_only: bool,
}

impl<'c> Grouper<'c> {
    pub fn new(corpus: &'c Corpus, by: By, about_only: bool) -> Self {
        let places: HashMap<&str, &Locality> = corpus
            .localities
            .iter()
            .map(|l| (l.id.as_str(), l))
            .collect();
        let mut seen: HashMap<&str, &str> = HashMap::new();
        let mut homonyms = HashSet::new();
        for l in &corpus.localities {
            if let Some(p) = seen.insert(l.name.as_str(), l.province.as_str())
                && p != l.province
            {
                homonyms.insert(l.name.as_str());
            }
        }
        Grouper {
            corpus,
            places,
            homonyms,
            by,
            about_only,
        }
    }

    /// How a place is named in a row: its name, with its province when others share it.
    pub fn label(&self, l: &Locality) -> String {
        match self.by {
            By::Province => l.province.clone(),
            By::Province2025 => l.province_2025.clone(),
            _ if self.homonyms.contains(l.name.as_str()) && l.name != l.province => {
                format!("{} ({})", l.name, l.province)
            }
            _ => l.name.clone(),
        }
    }

    /// The places (by id) section `section` of article `d` is about (`None`: the
    /// article as a whole). Places the article only mentions count too, unless
    /// `about_only`.
    pub fn places_of(&self, d: usize, section: Option<usize>) -> Vec<&'c Locality> {
        let doc = &self.corpus.documents[d];
        // A passage is about its section's place when the section has one, else about
        // the places of its article; an article, about all of its places.
        let mentioned = doc
            .mentioned
            .iter()
            .map(String::as_str)
            .filter(|_| !self.about_only);
        let ids: Vec<&str> = match section.and_then(|s| doc.sections[s].locality.as_deref()) {
            Some(id) => vec![id],
            None if section.is_some() => doc
                .localities
                .iter()
                .map(String::as_str)
                .chain(mentioned)
                .collect(),
            None => doc
                .localities
                .iter()
                .map(String::as_str)
                .chain(doc.sections.iter().filter_map(|s| s.locality.as_deref()))
                .chain(mentioned)
                .collect(),
        };
        ids.into_iter()
            .filter_map(|id| self.places.get(id).copied())
            .collect()
    }

    /// The groups section `section` of article `d` (`None`: the article as a whole)
    /// falls in.
    pub fn groups(&self, d: usize, section: Option<usize>) -> Vec<String> {
        let doc = &self.corpus.documents[d];
        match self.by {
            By::Year => vec![
                doc.date
                    .as_deref()
                    .and_then(|x| x.get(..4))
                    .unwrap_or("?")
                    .to_string(),
            ],
            By::Outlet => vec![doc.outlet.clone().unwrap_or_else(|| "?".to_string())],
            By::Province | By::Province2025 | By::Locality => {
                let mut out: Vec<String> = self
                    .places_of(d, section)
                    .into_iter()
                    .map(|l| self.label(l))
                    .collect();
                out.sort();
                out.dedup();
                out
            }
        }
    }
}

/// The table for the hits at `hits` (passages of `corpus`), one row per group with at
/// least one article, ordered by matching articles per 100, then by name. `only` (sorted
/// document indices): the articles the facets keep, the denominators' too.
pub fn count(
    corpus: &Corpus,
    hits: &[PassageRef],
    by: By,
    about_only: bool,
    only: Option<&[u32]>,
) -> Vec<Row> {
    let grouper = Grouper::new(corpus, by, about_only);
    let articles = denominators(corpus, &grouper, only);
    count_with(corpus, &grouper, hits, &articles)
}

/// Articles of the corpus in each group (those `only` keeps): the rates' denominators,
/// the same for every query (the analysis view keeps them).
pub fn denominators(
    corpus: &Corpus,
    grouper: &Grouper,
    only: Option<&[u32]>,
) -> HashMap<String, usize> {
    let mut articles: HashMap<String, usize> = HashMap::new();
    for d in 0..corpus.documents.len() {
        let kept = only.is_none_or(|o| u32::try_from(d).is_ok_and(|d| o.binary_search(&d).is_ok()));
        if corpus.documents[d].duplicate_of.is_some() || !kept {
            continue;
        }
        for g in grouper.groups(d, None) {
            *articles.entry(g).or_default() += 1;
        }
    }
    articles
}

/// [`count`] with the denominators already counted.
pub fn count_with<S: std::hash::BuildHasher>(
    corpus: &Corpus,
    grouper: &Grouper,
    hits: &[PassageRef],
    articles: &HashMap<String, usize, S>,
) -> Vec<Row> {
    let mut matching: BTreeMap<String, (BTreeSet<usize>, usize)> = BTreeMap::new();
    for at in hits {
        let (d, s) = (at.doc_index(), at.section_index());
        for g in grouper.groups(d, Some(s)) {
            let e = matching.entry(g).or_default();
            e.0.insert(d);
            e.1 += 1;
        }
    }
    let mut rows: Vec<Row> = matching
        .into_iter()
        .map(|(group, (docs, passages))| {
            let n = articles
                .get(&group)
                .copied()
                .unwrap_or(docs.len())
                .max(docs.len());
            let dates: Vec<&str> = docs
                .iter()
                .filter_map(|&d| corpus.documents[d].date.as_deref())
                .map(|x| x.get(..10).unwrap_or(x))
                .collect();
            #[allow(clippy::cast_precision_loss, reason = "article counts")]
            let per_100 = 100.0 * docs.len() as f64 / n as f64;
            Row {
                articles: n,
                matching_articles: docs.len(),
                passages,
                per_100: (per_100 * 10.0).round() / 10.0,
                first: dates.iter().min().map(|x| (*x).to_string()),
                last: dates.iter().max().map(|x| (*x).to_string()),
                group,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.per_100
            .total_cmp(&a.per_100)
            .then(b.matching_articles.cmp(&a.matching_articles))
            .then_with(|| vi_cmp(&a.group, &b.group))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Scope, SearchIndex, search_all};

    /// The table against a count by hand: every hit's places, every article's places.
    #[test]
    fn counts_by_place_match_a_brute_force_count() {
        let corpus = crate::corpus::synth::places();
        let index = SearchIndex::build(&corpus);
        let hits: Vec<PassageRef> = search_all(&index, &corpus, "du lich", &Scope::All)
            .iter()
            .map(|h| h.at)
            .collect();
        let rows = count(&corpus, &hits, By::Province, true, None);
        let get = |g: &str| rows.iter().find(|r| r.group == g).cloned();
        // Quảng Ninh: the Hạ Long article (2 passages) and the three-place article's Hạ
        // Long and Quảng Ninh sections (its introduction is about all three places).
        let qn = get("Quảng Ninh").unwrap();
        assert_eq!((qn.articles, qn.matching_articles), (2, 2));
        assert_eq!(qn.passages, 2 + 3);
        assert!((qn.per_100 - 100.0).abs() < 1e-9);
        // Thanh Hóa: the introduction and its own section.
        let th = get("Thanh Hóa").unwrap();
        assert_eq!((th.articles, th.matching_articles, th.passages), (1, 1, 2));
        // Every passage counted: the sum over provinces is at least the hits.
        let sum: usize = rows.iter().map(|r| r.passages).sum();
        assert!(sum >= hits.len());
        // By year: no article is dated.
        let years = count(&corpus, &hits, By::Year, true, None);
        assert_eq!(years.len(), 1);
        assert_eq!(years[0].group, "?");
        assert_eq!(years[0].passages, hits.len());
    }
}
