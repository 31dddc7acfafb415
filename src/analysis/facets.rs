//! Facets that narrow a search or a comparison to some articles: a date range, a term of
//! office (*nhiệm kỳ*), an outlet, and whether places must be what an article is about or
//! may be only mentioned.

use crate::corpus::{Corpus, Document};
use crate::text::fold_str;

/// The facets as command-line options (`search` and `concord` take them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, clap::Args)]
pub struct Facets {
    /// Articles dated on or after this day: dd/mm/yyyy, yyyy-mm-dd or a year
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub from: Option<String>,
    /// Articles dated on or before this day (a year: its last day)
    #[arg(long, value_name = "DATE", value_parser = parse_day_end)]
    pub to: Option<String>,
    /// Articles of a term of office (nhiệm kỳ), e.g. 2020-2025: dated within it, or naming it
    #[arg(long, value_name = "YYYY-YYYY", value_parser = parse_term)]
    pub term: Option<(u16, u16)>,
    /// Articles of an outlet (its name without diacritics is enough: "vov", "tuoi tre")
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
}

fn day(s: &str, end: bool) -> Result<String, String> {
    let s = s.trim();
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let (y, m, d) = match parts.as_slice() {
        [y] if digits(y) && y.len() == 4 => {
            return Ok(if end {
                format!("{y}-12-31")
            } else {
                format!("{y}-01-01")
            });
        }
        [y, m, d] if y.len() == 4 => (*y, *m, *d),
        [d, m, y] if y.len() == 4 => (*y, *m, *d),
        _ => {
            return Err(format!(
                "{s:?} is not a date: write dd/mm/yyyy, yyyy-mm-dd or yyyy"
            ));
        }
    };
    let num = |x: &str, max: u32| x.parse::<u32>().ok().filter(|n| (1..=max).contains(n));
    match (digits(y), num(m, 12), num(d, 31)) {
        (true, Some(m), Some(d)) => Ok(format!("{y}-{m:02}-{d:02}")),
        _ => Err(format!(
            "{s:?} is not a date: write dd/mm/yyyy, yyyy-mm-dd or yyyy"
        )),
    }
}

fn parse_day(s: &str) -> Result<String, String> {
    day(s, false)
}

fn parse_day_end(s: &str) -> Result<String, String> {
    day(s, true)
}

fn parse_term(s: &str) -> Result<(u16, u16), String> {
    let bad = || format!("{s:?} is not a term of office: write it as 2020-2025");
    let (a, b) = s.split_once(['-', '–']).ok_or_else(bad)?;
    let (a, b): (u16, u16) = (
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    );
    if b <= a || b - a > 10 {
        return Err(bad());
    }
    Ok((a, b))
}

impl Facets {
    pub fn is_empty(&self) -> bool {
        self.from.is_none() && self.to.is_none() && self.term.is_none() && self.outlet.is_none()
    }

    /// The facets set, in a few words (`từ 01/01/2017 · báo VOV`); empty when none is.
    pub fn summary(&self) -> String {
        let day = |d: &str| crate::text::date::display_date(d);
        let mut parts = Vec::new();
        if let Some(f) = &self.from {
            parts.push(format!("từ {}", day(f)));
        }
        if let Some(t) = &self.to {
            parts.push(format!("đến {}", day(t)));
        }
        if let Some((a, b)) = self.term {
            parts.push(format!("nhiệm kỳ {a}–{b}"));
        }
        if let Some(o) = &self.outlet {
            parts.push(format!("báo {o}"));
        }
        parts.join(" · ")
    }

    /// Does the article pass the date, term and outlet facets?
    pub fn keeps(&self, doc: &Document) -> bool {
        let date = doc.date.as_deref().map(|d| d.get(..10).unwrap_or(d));
        if let Some(from) = &self.from
            && date.is_none_or(|d| d < from.as_str())
        {
            return false;
        }
        if let Some(to) = &self.to
            && date.is_none_or(|d| d > to.as_str())
        {
            return false;
        }
        if let Some(outlet) = &self.outlet {
            let want = fold_str(outlet);
            if !doc
                .outlet
                .as_deref()
                .is_some_and(|o| fold_str(o).contains(&want))
            {
                return false;
            }
        }
        if let Some((a, b)) = self.term {
            let year: Option<u16> = date.and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
            let dated = year.is_some_and(|y| (a..b).contains(&y));
            if !dated && !names_term(doc, a, b) {
                return false;
            }
        }
        true
    }

    /// The documents of `corpus` the facets keep, by index (syndicated copies left out,
    /// as a search of everything leaves them).
    pub fn documents(&self, corpus: &Corpus) -> Vec<u32> {
        (0..corpus.documents.len())
            .filter(|&d| corpus.documents[d].duplicate_of.is_none())
            .filter(|&d| self.keeps(&corpus.documents[d]))
            .filter_map(|d| u32::try_from(d).ok())
            .collect()
    }
}

/// Does the article name the term ("nhiệm kỳ 2020 - 2025", "nhiệm kỳ 2020–2025")?
fn names_term(doc: &Document, a: u16, b: u16) -> bool {
    let want = format!("nhiem ky {a} {b}");
    let norm = |s: &str| {
        fold_str(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    std::iter::once(doc.title.as_str())
        .chain(doc.passages().map(|p| p.text.as_str()))
        .any(|t| t.contains(&a.to_string()) && norm(t).contains(&want))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_read_as_written_in_vietnam() {
        assert_eq!(day("06/02/2017", false).unwrap(), "2017-02-06");
        assert_eq!(day("2017-02-06", false).unwrap(), "2017-02-06");
        assert_eq!(day("2017", false).unwrap(), "2017-01-01");
        assert_eq!(day("2017", true).unwrap(), "2017-12-31");
        assert!(day("31/31/2017", false).is_err());
        assert!(day("hôm qua", false).is_err());
        assert_eq!(parse_term("2020-2025").unwrap(), (2020, 2025));
        assert_eq!(parse_term("2020 – 2025").unwrap(), (2020, 2025));
        assert!(parse_term("2025-2020").is_err());
    }

    #[test]
    fn facets_keep_the_articles_they_name() {
        let corpus = crate::embedded::corpus();
        let f = |facets: Facets| {
            facets
                .documents(&corpus)
                .iter()
                .map(|&d| corpus.documents[d as usize].id[..3].to_string())
                .collect::<Vec<_>>()
        };
        // Dated 06/06/2020 (000), 26/04/2023 (002), 02/07/2020 (004).
        let june_2020 = Facets {
            from: Some("2020-06-01".into()),
            to: Some("2020-06-30".into()),
            ..Facets::default()
        };
        assert_eq!(f(june_2020.clone()), ["000"]);
        assert_eq!(june_2020.summary(), "từ 01/06/2020 · đến 30/06/2020");
        assert_eq!(Facets::default().summary(), "");
        // Every seed names the term 2020–2025; the 2015–2020 one is named by 000 only.
        let t = |a, b| Facets {
            term: Some((a, b)),
            ..Facets::default()
        };
        assert_eq!(f(t(2020, 2025)).len(), 5);
        assert!(f(t(2015, 2020)).contains(&"000".to_string()));
        assert!(f(t(2010, 2015)).len() < 5);
    }
}
