//! The localities of a corpus as a tree, for the browser's locality pane and `nghiquyet
//! localities`:
//!
//! * before 2025: each province, then its districts, each with its communes under it (a
//!   district the corpus is not about still heads its communes);
//! * since 1 July 2025 (two tiers, no districts): each of the 34 provinces, then the
//!   provinces merged into it, its former districts, and the communes by the name of the
//!   2025 commune they became (several former communes under one).

use std::collections::{BTreeMap, BTreeSet};

use super::{Corpus, Locality, LocalityLevel, UnitRef};
use crate::text::collate::vi_cmp;

/// One row of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeNode<'a> {
    /// 0 a province heading, 1 under a province, 2 a commune under its district.
    pub depth: u8,
    /// The locality id (a province heading: the province's own id when the corpus is about
    /// it; a district heading only its communes: the district's id; a 2025 commune: its
    /// `n…` id).
    pub id: Option<String>,
    pub name: String,
    /// Unit type (`huyện`, `xã` …); empty for a province heading.
    pub kind: String,
    /// Is the row itself a locality of the corpus (not only a heading of others)?
    pub subject: bool,
    /// The locality ids the row selects: itself and everything under it.
    pub members: BTreeSet<&'a str>,
    /// The documents about any of them.
    pub documents: BTreeSet<&'a str>,
    /// The localities of the corpus a 2025 commune row stands for.
    pub former: Vec<&'a Locality>,
}

impl<'a> TreeNode<'a> {
    fn of(depth: u8, l: &'a Locality) -> Self {
        TreeNode {
            depth,
            id: Some(l.id.clone()),
            name: l.name.clone(),
            kind: l.kind.clone(),
            subject: true,
            members: BTreeSet::from([l.id.as_str()]),
            documents: l.documents.iter().map(String::as_str).collect(),
            former: Vec::new(),
        }
    }

    fn heading(depth: u8, id: Option<String>, name: &str, kind: &str) -> Self {
        TreeNode {
            depth,
            id,
            name: name.to_string(),
            kind: kind.to_string(),
            subject: false,
            members: BTreeSet::new(),
            documents: BTreeSet::new(),
            former: Vec::new(),
        }
    }

    fn add(&mut self, l: &'a Locality) {
        self.members.insert(&l.id);
        self.documents
            .extend(l.documents.iter().map(String::as_str));
    }
}

/// The tree of `corpus.localities`, grouped by the provinces before 2025 or (`by_2025`)
/// since 1 July 2025. Provinces by name; within each, provinces, districts, communes, each
/// by name.
pub fn locality_tree(corpus: &Corpus, by_2025: bool) -> Vec<TreeNode<'_>> {
    let mut groups: BTreeMap<&str, Vec<&Locality>> = BTreeMap::new();
    for l in &corpus.localities {
        let p = if by_2025 {
            &l.province_2025
        } else {
            &l.province
        };
        groups.entry(p.as_str()).or_default().push(l);
    }
    let mut out = Vec::new();
    let mut groups: Vec<(&str, Vec<&Locality>)> = groups.into_iter().collect();
    groups.sort_by(|a, b| vi_cmp(a.0, b.0).then(a.0.cmp(b.0)));
    for (province, mut locs) in groups {
        locs.sort_by(|a, b| {
            a.level()
                .cmp(&b.level())
                .then_with(|| vi_cmp(&a.name, &b.name))
                .then_with(|| a.id.cmp(&b.id))
        });
        let own = locs
            .iter()
            .find(|l| l.level() == LocalityLevel::Province && l.name == province);
        let mut head = TreeNode::heading(0, own.map(|l| l.id.clone()), province, "");
        head.subject = own.is_some();
        for l in &locs {
            head.add(l);
        }
        out.push(head);
        let under: Vec<&Locality> = locs
            .into_iter()
            .filter(|l| !(l.level() == LocalityLevel::Province && l.name == province))
            .collect();
        if by_2025 {
            since_2025(&under, &mut out);
        } else {
            before_2025(&under, &mut out);
        }
    }
    out
}

/// Districts with their communes under them; communes of no known district after them.
fn before_2025<'a>(locs: &[&'a Locality], out: &mut Vec<TreeNode<'a>>) {
    // District id → its row and its communes.
    let mut districts: BTreeMap<&str, (Option<&'a Locality>, Vec<&'a Locality>)> = BTreeMap::new();
    let mut loose: Vec<&'a Locality> = Vec::new();
    let mut district_refs: BTreeMap<&str, &UnitRef> = BTreeMap::new();
    for &l in locs {
        match (l.level(), &l.district) {
            (LocalityLevel::District, _) => districts.entry(&l.id).or_default().0 = Some(l),
            (LocalityLevel::Commune, Some(d)) => {
                districts.entry(&d.id).or_default().1.push(l);
                district_refs.insert(&d.id, d);
            }
            _ => loose.push(l),
        }
    }
    let mut rows: Vec<(&str, TreeNode<'a>, Vec<&'a Locality>)> = districts
        .into_iter()
        .map(|(id, (own, communes))| {
            let mut row = if let Some(l) = own {
                TreeNode::of(1, l)
            } else {
                let r = district_refs[id];
                TreeNode::heading(1, Some(r.id.clone()), &r.name, &r.kind)
            };
            for &c in &communes {
                row.add(c);
            }
            (id, row, communes)
        })
        .collect();
    rows.sort_by(|a, b| vi_cmp(&a.1.name, &b.1.name).then_with(|| a.0.cmp(b.0)));
    // Provinces placed under another (only in the other grouping) come first.
    for l in loose
        .iter()
        .filter(|l| l.level() == LocalityLevel::Province)
    {
        out.push(TreeNode::of(1, l));
    }
    for (_, row, communes) in rows {
        out.push(row);
        out.extend(communes.into_iter().map(|c| TreeNode::of(2, c)));
    }
    out.extend(
        loose
            .iter()
            .filter(|l| l.level() != LocalityLevel::Province)
            .map(|l| TreeNode::of(1, l)),
    );
}

/// Merged provinces, former districts, then communes by the 2025 commune they became.
fn since_2025<'a>(locs: &[&'a Locality], out: &mut Vec<TreeNode<'a>>) {
    out.extend(
        locs.iter()
            .filter(|l| l.level() != LocalityLevel::Commune)
            .map(|l| TreeNode::of(1, l)),
    );
    let mut communes: BTreeMap<(&str, &str), TreeNode<'a>> = BTreeMap::new();
    for &l in locs.iter().filter(|l| l.level() == LocalityLevel::Commune) {
        if l.communes_2025.is_empty() {
            // A corpus built before communes were known: the commune by its own name.
            communes.insert((&l.name, &l.id), TreeNode::of(1, l));
            continue;
        }
        for c in &l.communes_2025 {
            let row = communes
                .entry((&c.name, &c.id))
                .or_insert_with(|| TreeNode::heading(1, Some(c.id.clone()), &c.name, &c.kind));
            row.add(l);
            row.former.push(l);
        }
    }
    let mut communes: Vec<((&str, &str), TreeNode<'a>)> = communes.into_iter().collect();
    communes.sort_by(|a, b| vi_cmp(a.0.0, b.0.0).then_with(|| a.0.1.cmp(b.0.1)));
    out.extend(communes.into_iter().map(|(_, row)| row));
}

mod find;

pub use find::{FindError, find_place};

#[cfg(test)]
mod tests;
