//! Codes by cases: how many tagged passages each tag has in each place. A tag counts for its
//! parents too (`kinh-tế/nhà-ở` under `kinh-tế`); a passage counts once per cell however many
//! bookmarks it has.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::Bookmark;
use super::codebook::with_parents;
use crate::analysis::counts::{By, Grouper};
use crate::corpus::{Corpus, PassageRef};
use crate::text::collate::vi_cmp;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Matrix {
    /// Rows: every tag and every parent of one, in order (a parent before its children).
    pub tags: Vec<String>,
    /// Columns: the places with at least one tagged passage, in Vietnamese order; `?` last
    /// for passages about no known place.
    pub places: Vec<String>,
    /// `cells[tag][place]`: the bookmarks (indices into the list given) of the passages
    /// counted there, one per passage.
    pub cells: Vec<Vec<Vec<usize>>>,
}

impl Matrix {
    /// Tagged passages in a cell.
    pub fn count(&self, tag: usize, place: usize) -> usize {
        self.cells[tag][place].len()
    }
}

/// The matrix of `bookmarks`, each at the passage `at[i]` resolves to (`None`: not in this
/// corpus, left out), places grouped by `by` (a province, a 2025 province, a place).
pub fn matrix(
    corpus: &Corpus,
    bookmarks: &[Bookmark],
    at: &[Option<PassageRef>],
    by: By,
) -> Matrix {
    let grouper = Grouper::new(corpus, by, true);
    // (tag, place) → passage → first bookmark there.
    let mut cells: BTreeMap<(String, String), BTreeMap<PassageRef, usize>> = BTreeMap::new();
    let mut tags: BTreeSet<String> = BTreeSet::new();
    let mut places: BTreeSet<String> = BTreeSet::new();
    // Tags differing only in case are one (as bookmarks and the codebook treat them),
    // spelled as first met.
    let mut spelling: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for (i, (b, p)) in bookmarks.iter().zip(at).enumerate() {
        let Some(p) = *p else { continue };
        let mut groups = grouper.groups(p.doc_index(), Some(p.section_index()));
        if groups.is_empty() {
            groups.push("?".to_string());
        }
        for tag in &b.tags {
            for t in with_parents(tag) {
                let t = spelling
                    .entry(t.to_lowercase())
                    .or_insert_with(|| t.clone())
                    .clone();
                tags.insert(t.clone());
                for g in &groups {
                    places.insert(g.clone());
                    cells
                        .entry((t.clone(), g.clone()))
                        .or_default()
                        .entry(p)
                        .or_insert(i);
                }
            }
        }
    }
    let mut places: Vec<String> = places.into_iter().collect();
    places.sort_by(|a, b| (a == "?").cmp(&(b == "?")).then_with(|| vi_cmp(a, b)));
    // A parent before its children: `a`, `a/b`, `b` (by their path's parts).
    let mut tags: Vec<String> = tags.into_iter().collect();
    tags.sort_by(|a, b| {
        let parts = |s: &str| {
            s.split('/')
                .map(crate::text::collate::vi_key)
                .collect::<Vec<_>>()
        };
        parts(a).cmp(&parts(b))
    });
    let grid = tags
        .iter()
        .map(|t| {
            places
                .iter()
                .map(|g| {
                    cells
                        .get(&(t.clone(), g.clone()))
                        .map(|m| m.values().copied().collect())
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect();
    Matrix {
        tags,
        places,
        cells: grid,
    }
}

/// The matrix as CSV: a row per tag, a column per place, counts in the cells (UTF-8 with a
/// BOM and CRLF, as spreadsheets want it and the other CSV exports are).
pub fn csv(m: &Matrix) -> Result<Vec<u8>, ::csv::Error> {
    let mut buf = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(&mut buf);
        w.write_record(std::iter::once("tag").chain(m.places.iter().map(String::as_str)))?;
        for (t, tag) in m.tags.iter().enumerate() {
            let row: Vec<String> = std::iter::once(tag.clone())
                .chain((0..m.places.len()).map(|p| m.count(t, p).to_string()))
                .collect();
            w.write_record(&row)?;
        }
        w.flush()?;
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against a count by hand: each tagged passage in its place's cell, parents included,
    /// two bookmarks of one passage counted once.
    #[test]
    fn cells_count_tagged_passages_by_place() {
        let corpus = crate::corpus::synth::places();
        let refs: Vec<PassageRef> = (0..corpus.documents.len())
            .flat_map(|d| super::super::doc_refs(&corpus, d))
            .collect();
        let mut list = Vec::new();
        let mut at = Vec::new();
        for (k, p) in refs.iter().enumerate().take(6) {
            let tag = if k % 2 == 0 {
                "kinh-tế/nhà-ở"
            } else {
                "xã-hội"
            };
            list.push(Bookmark::new(&corpus, *p, "", vec![tag.into()]));
            at.push(Some(*p));
        }
        // A second bookmark of the first passage, same tag (other case): still one passage.
        list.push(Bookmark::new(
            &corpus,
            refs[0],
            "",
            vec!["Kinh-tế/Nhà-ở".into()],
        ));
        at.push(Some(refs[0]));
        // One not in the corpus: left out.
        list.push(Bookmark::new(&corpus, refs[1], "", vec!["mất".into()]));
        at.push(None);
        let m = matrix(&corpus, &list, &at, By::Province);
        assert_eq!(m.tags, ["kinh-tế", "kinh-tế/nhà-ở", "xã-hội"]);
        let g = Grouper::new(&corpus, By::Province, true);
        for (ti, t) in m.tags.iter().enumerate() {
            for (pi, place) in m.places.iter().enumerate() {
                let want: BTreeSet<PassageRef> = list
                    .iter()
                    .zip(&at)
                    .filter_map(|(b, p)| p.map(|p| (b, p)))
                    .filter(|(b, _)| {
                        b.tags
                            .iter()
                            .any(|x| with_parents(&x.to_lowercase()).contains(&t.to_lowercase()))
                    })
                    .filter(|(_, p)| {
                        let gs = g.groups(p.doc_index(), Some(p.section_index()));
                        gs.contains(place) || (gs.is_empty() && place == "?")
                    })
                    .map(|(_, p)| p)
                    .collect();
                assert_eq!(m.count(ti, pi), want.len(), "{t} × {place}");
            }
        }
        // As CSV: a BOM, a header of places, a row of counts per tag, CRLF.
        let text = String::from_utf8(csv(&m).unwrap()).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert!(text.starts_with('\u{feff}'));
        assert_eq!(lines[0], format!("tag,{}", m.places.join(",")));
        for (ti, t) in m.tags.iter().enumerate() {
            let counts: Vec<String> = (0..m.places.len())
                .map(|p| m.count(ti, p).to_string())
                .collect();
            assert_eq!(lines[ti + 1], format!("{t},{}", counts.join(",")));
        }
        // The parent holds what its child holds.
        for pi in 0..m.places.len() {
            assert_eq!(m.count(0, pi), m.count(1, pi));
        }
    }
}
