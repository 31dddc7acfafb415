//! The locality list: "Tất cả" (all), then each province with the localities under it:
//! districts with their communes before 2025, or, toggled, the 34 provinces in force since
//! 1 July 2025 with the communes by their 2025 names (`corpus::tree`).

use std::collections::{BTreeMap, BTreeSet};

use crate::corpus::Corpus;
use crate::corpus::tree::locality_tree;

mod shape;

/// What a row of the list selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalityRow {
    All {
        documents: usize,
    },
    /// A province heading: selects every locality under it. `own` is the id of the province
    /// itself when an article is about it.
    Province {
        name: String,
        documents: usize,
        own: Option<String>,
    },
    /// A locality, or a heading of those under it: a district only its communes are about,
    /// a 2025 commune (`n…`) standing for the former communes it was formed from.
    Locality {
        id: String,
        name: String,
        kind: String,
        documents: usize,
        /// 1 under a province, 2 a commune under its district.
        depth: u8,
        /// The province (a commune: its district) when another row has the same name.
        parent: Option<String>,
    },
}

/// Which documents the current selection keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    All,
    /// Locality ids; a document or section about any of them matches.
    Localities(BTreeSet<String>),
}

impl Filter {
    pub fn matches_one(&self, id: Option<&str>) -> bool {
        match self {
            Filter::All => true,
            Filter::Localities(set) => id.is_some_and(|i| set.contains(i)),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct LocalityList {
    pub rows: Vec<LocalityRow>,
    pub selected: usize,
    pub by_2025: bool,
    /// For each row: the ids of the localities it selects.
    members: BTreeMap<usize, BTreeSet<String>>,
    /// `s`: provinces, and the places under each, by number of articles (else by name).
    pub by_count: bool,
    /// `f`: the typed filter (folded like the finder's; `ha long`, `HL`).
    pub query: super::input::Input,
    /// The filter box has the keys.
    pub filtering: bool,
    /// The branches open (province and district rows, by key); all closed at first.
    pub expanded: BTreeSet<String>,
    /// Per row shown: `None` a leaf, else whether its branch is open.
    pub branches: Vec<Option<bool>>,
}

impl LocalityList {
    pub fn new(corpus: &Corpus, by_2025: bool) -> Self {
        let mut list = LocalityList {
            by_2025,
            ..Default::default()
        };
        list.rebuild(corpus);
        list
    }

    /// Rebuild rows (after toggling the grouping), keeping the selected locality if possible.
    pub fn rebuild(&mut self, corpus: &Corpus) {
        let keep = self.selected_key();
        // A locality is a heading in one grouping and a row under a merged province, or
        // inside a 2025 commune, in the other: follow it by its ids.
        let keep_ids: BTreeSet<String> = match self.rows.get(self.selected) {
            Some(LocalityRow::Province { own, .. }) => own.iter().cloned().collect(),
            Some(LocalityRow::Locality { .. }) => self
                .members
                .get(&self.selected)
                .cloned()
                .unwrap_or_default(),
            _ => BTreeSet::new(),
        };
        self.rows.clear();
        self.members.clear();
        self.rows.push(LocalityRow::All {
            documents: corpus.documents.len(),
        });
        let mut entries: Vec<shape::Entry> = locality_tree(corpus, self.by_2025)
            .into_iter()
            .map(|node| {
                let members = node.members.iter().map(|m| (*m).to_string()).collect();
                let row = if node.depth == 0 {
                    LocalityRow::Province {
                        name: node.name,
                        documents: node.documents.len(),
                        own: node.id,
                    }
                } else {
                    LocalityRow::Locality {
                        id: node.id.unwrap_or_default(),
                        name: node.name,
                        kind: node.kind,
                        documents: node.documents.len(),
                        depth: node.depth,
                        parent: None,
                    }
                };
                (row, members)
            })
            .collect();
        shape::name_parents(&mut entries);
        if self.by_count {
            entries = shape::by_count(entries);
        }
        let query = self.query.text().to_string();
        if !query.trim().is_empty() {
            entries = shape::matching(entries, &query);
        }
        for (row, members) in entries {
            self.members.insert(self.rows.len(), members);
            self.rows.push(row);
        }
        let by_key = keep.and_then(|k| self.rows.iter().position(|r| row_key(r) == k));
        let by_id = || {
            let own_row = |r: &LocalityRow| match r {
                LocalityRow::Locality { id, .. } => keep_ids.contains(id),
                LocalityRow::Province { own, .. } => {
                    own.as_ref().is_some_and(|o| keep_ids.contains(o))
                }
                LocalityRow::All { .. } => false,
            };
            self.rows.iter().position(own_row).or_else(|| {
                // Else the row now standing for it (a 2025 commune, a district heading).
                self.rows.iter().enumerate().position(|(i, r)| {
                    matches!(r, LocalityRow::Locality { .. })
                        && self
                            .members
                            .get(&i)
                            .is_some_and(|m| m.iter().any(|id| keep_ids.contains(id)))
                })
            })
        };
        // Filtering away the selection: the first place that answers the filter (not a
        // province heading kept for context).
        let fallback = if query.trim().is_empty() {
            0
        } else {
            self.rows
                .iter()
                .position(|r| match r {
                    LocalityRow::Province { name, .. } | LocalityRow::Locality { name, .. } => {
                        shape::name_matches(name, &query)
                    }
                    LocalityRow::All { .. } => false,
                })
                .unwrap_or(0)
        };
        // "Tất cả" is kept above a filter, but a filter is typed to pick a place.
        let by_key = by_key.filter(|&i| i > 0 || query.trim().is_empty());
        self.selected = by_key
            .or_else(by_id)
            .unwrap_or(fallback)
            .min(self.rows.len().saturating_sub(1));
        // A filter shows every place it finds; else the tree shows what is open.
        let filtered = !query.trim().is_empty();
        self.fold(filtered);
    }

    /// Hide the rows under closed branches (all of them when `show_all`), keeping the
    /// selection's branch open; note which rows are branches and whether they are open.
    fn fold(&mut self, show_all: bool) {
        let depth = |r: &LocalityRow| match r {
            LocalityRow::Locality { depth, .. } => *depth,
            _ => 0,
        };
        // Per row: the keys of the province and the district it lies under.
        let mut parents: Vec<(Option<String>, Option<String>)> = Vec::new();
        let (mut province, mut district) = (None, None);
        for r in &self.rows {
            match (r, depth(r)) {
                (LocalityRow::All { .. }, _) => parents.push((None, None)),
                (_, 0) => {
                    parents.push((None, None));
                    province = Some(row_key(r));
                    district = None;
                }
                (_, 1) => {
                    parents.push((province.clone(), None));
                    district = Some(row_key(r));
                }
                _ => parents.push((province.clone(), district.clone())),
            }
        }
        if let Some((p, d)) = parents.get(self.selected) {
            self.expanded.extend(p.iter().chain(d).cloned());
        }
        let open = |k: &Option<String>| k.as_ref().is_none_or(|k| self.expanded.contains(k));
        let n = self.rows.len();
        let mut rows = Vec::new();
        let mut members = BTreeMap::new();
        let mut branches = Vec::new();
        let mut selected = 0;
        for (i, row) in std::mem::take(&mut self.rows).into_iter().enumerate() {
            let (p, d) = &parents[i];
            if !(show_all || (open(p) && open(d))) {
                continue;
            }
            let has_children = i + 1 < n && parents[i + 1] != (None, None) && {
                let (np, nd) = &parents[i + 1];
                let me = Some(row_key(&row));
                *np == me || *nd == me
            };
            branches.push(has_children.then(|| show_all || self.expanded.contains(&row_key(&row))));
            if i == self.selected {
                selected = rows.len();
            }
            if let Some(m) = self.members.remove(&i) {
                members.insert(rows.len(), m);
            }
            rows.push(row);
        }
        self.rows = rows;
        self.members = members;
        self.branches = branches;
        self.selected = selected;
    }

    /// Open every branch (each province and district row).
    pub fn expand_all(&mut self, corpus: &Corpus) {
        for node in locality_tree(corpus, self.by_2025) {
            match node.depth {
                0 => {
                    self.expanded.insert(format!("province:{}", node.name));
                }
                1 => {
                    if let Some(id) = node.id {
                        self.expanded.insert(id);
                    }
                }
                _ => {}
            }
        }
        self.rebuild(corpus);
    }

    /// Space / → / ←: open or close the branch at the cursor (← on a leaf closes its
    /// parent and selects it).
    pub fn toggle_branch(&mut self, corpus: &Corpus, open: Option<bool>) {
        let Some(row) = self.rows.get(self.selected) else {
            return;
        };
        let key = row_key(row);
        match self.branches.get(self.selected).copied().flatten() {
            Some(is_open) => {
                if open.unwrap_or(!is_open) {
                    self.expanded.insert(key);
                } else {
                    self.expanded.remove(&key);
                }
            }
            None if open == Some(false) => {
                // A leaf: up to the row that holds it, closed.
                let depth = |r: &LocalityRow| match r {
                    LocalityRow::Locality { depth, .. } => *depth,
                    _ => 0,
                };
                let mine = depth(row);
                if let Some(parent) = (0..self.selected).rev().find(|&i| {
                    depth(&self.rows[i]) < mine && !matches!(self.rows[i], LocalityRow::All { .. })
                }) {
                    self.expanded.remove(&row_key(&self.rows[parent]));
                    self.selected = parent;
                }
            }
            None => return,
        }
        self.rebuild(corpus);
    }

    fn selected_key(&self) -> Option<String> {
        self.rows.get(self.selected).map(row_key)
    }

    pub fn filter(&self) -> Filter {
        match self.rows.get(self.selected) {
            None | Some(LocalityRow::All { .. }) => Filter::All,
            Some(LocalityRow::Province { .. } | LocalityRow::Locality { .. }) => {
                Filter::Localities(
                    self.members
                        .get(&self.selected)
                        .cloned()
                        .unwrap_or_default(),
                )
            }
        }
    }

    /// The name of the selection, for the status bar.
    pub fn selected_name(&self) -> &str {
        match self.rows.get(self.selected) {
            None | Some(LocalityRow::All { .. }) => super::strings::ALL_LOCALITIES,
            Some(LocalityRow::Province { name, .. } | LocalityRow::Locality { name, .. }) => name,
        }
    }

    /// A stable key of the selection: "" for all, "province:NAME", or the locality id.
    pub fn selection_key(&self) -> String {
        self.selected_key().unwrap_or_default()
    }

    /// Select the row of `key` (a saved position's), opening the branches it is in.
    pub fn select_key_in(&mut self, corpus: &Corpus, key: &str) -> bool {
        if !self.rows.iter().any(|r| row_key(r) == key) {
            let (mut province, mut district) = (String::new(), None);
            for node in locality_tree(corpus, self.by_2025) {
                let k = match node.depth {
                    0 => {
                        province = format!("province:{}", node.name);
                        district = None;
                        province.clone()
                    }
                    d => {
                        let id = node.id.clone().unwrap_or_default();
                        if d == 1 {
                            district = Some(id.clone());
                        }
                        id
                    }
                };
                if k == key {
                    self.expanded.insert(province.clone());
                    if node.depth == 2 {
                        self.expanded.extend(district.clone());
                    }
                    break;
                }
            }
            self.rebuild(corpus);
        }
        self.select_key(key)
    }

    pub fn select_key(&mut self, key: &str) -> bool {
        match self.rows.iter().position(|r| row_key(r) == key) {
            Some(i) => {
                self.selected = i;
                true
            }
            None => false,
        }
    }
}

fn row_key(r: &LocalityRow) -> String {
    match r {
        LocalityRow::All { .. } => String::new(),
        LocalityRow::Province { name, .. } => format!("province:{name}"),
        LocalityRow::Locality { id, .. } => id.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_province_and_toggles_to_2025() {
        let c = crate::embedded::corpus();
        let mut l = LocalityList::new(&c, false);
        l.expand_all(&c);
        assert!(matches!(l.rows[0], LocalityRow::All { documents: 5 }));
        let names: Vec<String> = l
            .rows
            .iter()
            .map(|r| match r {
                LocalityRow::All { .. } => "*".into(),
                LocalityRow::Province { name, .. } => format!("[{name}]"),
                LocalityRow::Locality { name, .. } => name.clone(),
            })
            .collect();
        assert!(names.contains(&"[Quảng Ninh]".to_string()));
        let qn = names.iter().position(|n| n == "[Quảng Ninh]").unwrap();
        assert_eq!(names[qn + 1], "Hạ Long");
        // Hậu Giang is its own province before 2025 …
        assert!(names.contains(&"[Hậu Giang]".to_string()));
        // … and part of Cần Thơ since.
        l.by_2025 = true;
        l.rebuild(&c);
        l.expand_all(&c);
        let has = |l: &LocalityList, n: &str| {
            l.rows
                .iter()
                .any(|r| matches!(r, LocalityRow::Province { name, .. } if name == n))
        };
        assert!(has(&l, "Cần Thơ") && !has(&l, "Hậu Giang"));
        let ct = l
            .rows
            .iter()
            .position(|r| matches!(r, LocalityRow::Province { name, .. } if name == "Cần Thơ"))
            .unwrap();
        assert!(
            matches!(&l.rows[ct + 1], LocalityRow::Locality { name, .. } if name == "Hậu Giang")
        );
    }

    #[test]
    fn a_commune_row_under_its_district_filters_and_follows_the_toggle() {
        let gaz = crate::gazetteer::Gazetteer::embedded();
        let text = "Đảng bộ xã Hoằng Quỳ học tập nghị quyết\n\n\
                    Đảng bộ xã Hoằng Quỳ (huyện Hoằng Hóa) học tập nghị quyết đại hội.\n";
        let doc = crate::preprocess::build_document("a", "a", text.as_bytes(), gaz)
            .unwrap()
            .document;
        let c = crate::preprocess::corpus_from_documents(vec![doc], gaz);
        let mut l = LocalityList::new(&c, false);
        l.expand_all(&c);
        let shape: Vec<(String, u8)> = l
            .rows
            .iter()
            .map(|r| match r {
                LocalityRow::All { .. } => ("*".to_string(), 0),
                LocalityRow::Province { name, .. } => (name.clone(), 0),
                LocalityRow::Locality { name, depth, .. } => (name.clone(), *depth),
            })
            .collect();
        let want = [
            ("*", 0),
            ("Thanh Hóa", 0),
            ("Hoằng Hóa", 1),
            ("Hoằng Quỳ", 2),
        ];
        assert_eq!(
            shape,
            want.map(|(n, d)| (n.to_string(), d)),
            "a commune under its district"
        );
        // The district's row selects its commune; the commune's row, itself.
        l.selected = 2;
        assert!(l.filter().matches_one(Some("w15886")));
        l.selected = 3;
        assert_eq!(
            l.filter(),
            Filter::Localities(BTreeSet::from(["w15886".into()]))
        );
        // Since 2025 it is part of Xã Hoằng Giang, and the selection follows it there.
        l.by_2025 = true;
        l.rebuild(&c);
        l.expand_all(&c);
        assert_eq!(l.selected_name(), "Hoằng Giang");
        assert!(l.filter().matches_one(Some("w15886")));
        l.by_2025 = false;
        l.rebuild(&c);
        l.expand_all(&c);
        assert_eq!(l.selected_name(), "Hoằng Quỳ");
    }

    #[test]
    fn filters_follow_the_selection_and_survive_regrouping() {
        let c = crate::embedded::corpus();
        let mut l = LocalityList::new(&c, false);
        l.expand_all(&c);
        assert_eq!(l.filter(), Filter::All);
        let hl = l
            .rows
            .iter()
            .position(|r| matches!(r, LocalityRow::Locality { name, .. } if name == "Hạ Long"))
            .unwrap();
        l.selected = hl;
        let f = l.filter();
        let hl_id = c
            .localities
            .iter()
            .find(|x| x.name == "Hạ Long")
            .unwrap()
            .id
            .clone();
        assert!(f.matches_one(Some(&hl_id)));
        l.by_2025 = true;
        l.rebuild(&c);
        l.expand_all(&c);
        assert_eq!(l.selected_name(), "Hạ Long");
    }
}
