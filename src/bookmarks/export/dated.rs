//! Issue 13: Markdown and CSV citations carry the outlet and the day as dd/mm/yyyy; the
//! CSV's `date` column and the JSON keep the ISO date (data, sortable).

use super::*;
use crate::bookmarks::doc_refs;

/// Bookmarks on seed 004 (Báo Quảng Trị, 2020-07-02T14:28:39), 000 (dated, no outlet) and
/// 001 (TTXVN, undated).
fn bookmarks(corpus: &Corpus) -> Vec<Bookmark> {
    [4, 0, 1]
        .into_iter()
        .map(|d| Bookmark::new(corpus, doc_refs(corpus, d)[1], "", vec![]))
        .collect()
}

#[test]
fn markdown_cites_outlet_and_day() {
    let c = crate::embedded::corpus();
    let md =
        String::from_utf8(render(&c, &bookmarks(&c), &Codebook::default(), Format::Md).unwrap())
            .unwrap();
    let cite = |title: &str| {
        md.lines()
            .find(|l| l.starts_with("— ") && l.contains(&md_escape(title)))
            .unwrap_or_else(|| panic!("no citation of {title}:\n{md}"))
            .to_string()
    };
    let t = |d: usize| c.documents[d].title.clone();
    assert!(
        cite(&t(4)).contains("*, Báo Quảng Trị, 02/07/2020"),
        "{}",
        cite(&t(4))
    );
    assert!(cite(&t(0)).contains("*, 06/06/2020"), "{}", cite(&t(0)));
    assert!(cite(&t(1)).contains("*, TTXVN"), "{}", cite(&t(1)));
    assert!(!md.contains("2020-07-02") && !md.contains("14:28"), "{md}");
}

#[test]
fn csv_cites_in_dd_mm_yyyy_and_keeps_a_sortable_date() {
    let c = crate::embedded::corpus();
    let bytes = render(&c, &bookmarks(&c), &Codebook::default(), Format::Csv).unwrap();
    let mut r = ::csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<::csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let row = |d: usize| {
        rows.iter()
            .find(|r| r[col("doc")] == c.documents[d].id)
            .unwrap()
    };
    let r4 = row(4);
    assert_eq!(&r4[col("date")], "2020-07-02T14:28:39");
    assert_eq!(&r4[col("outlet")], "Báo Quảng Trị");
    let citation = &r4[col("citation")];
    assert!(
        citation.starts_with(&format!(
            "{}, Báo Quảng Trị, 02/07/2020",
            c.documents[4].title
        )),
        "{citation}"
    );
    assert!(row(0)[col("citation")].contains(", 06/06/2020"));
    assert!(!row(1)[col("citation")].contains('/'), "undated: no day");
}

#[test]
fn json_keeps_the_iso_date() {
    let c = crate::embedded::corpus();
    let json =
        String::from_utf8(render(&c, &bookmarks(&c), &Codebook::default(), Format::Json).unwrap())
            .unwrap();
    assert!(json.contains("\"2020-07-02T14:28:39\""), "{json}");
    assert!(!json.contains("02/07/2020"));
}
