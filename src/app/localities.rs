//! The locality list: "Tất cả" (all), then each province with the localities under it.
//! Provinces are the pre-2025 ones or, toggled, the 34 in force since 1 July 2025.

use std::collections::{BTreeMap, BTreeSet};

use crate::corpus::Corpus;

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
    Locality {
        id: String,
        name: String,
        kind: String,
        documents: usize,
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
    /// For each province row: the ids of the localities grouped under it.
    members: BTreeMap<usize, BTreeSet<String>>,
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
        // A province-level subject is a heading in one grouping and a row under a merged
        // province in the other: follow it by its id.
        let keep_id = match self.rows.get(self.selected) {
            Some(LocalityRow::Province { own, .. }) => own.clone(),
            Some(LocalityRow::Locality { id, .. }) => Some(id.clone()),
            _ => None,
        };
        self.rows.clear();
        self.members.clear();
        self.rows.push(LocalityRow::All {
            documents: corpus.documents.len(),
        });
        let mut groups: BTreeMap<&str, Vec<&crate::corpus::Locality>> = BTreeMap::new();
        for l in &corpus.localities {
            let p = if self.by_2025 {
                l.province_2025.as_str()
            } else {
                l.province.as_str()
            };
            groups.entry(p).or_default().push(l);
        }
        for (province, mut locs) in groups {
            // The province itself (when it is a subject) first, then the rest by name.
            locs.sort_by_key(|l| (!l.id.starts_with('p'), l.name.clone()));
            let ids: BTreeSet<String> = locs.iter().map(|l| l.id.clone()).collect();
            let docs: BTreeSet<&String> = locs.iter().flat_map(|l| l.documents.iter()).collect();
            let row = self.rows.len();
            let own = locs
                .iter()
                .find(|l| l.id.starts_with('p') && l.name == province)
                .map(|l| l.id.clone());
            self.rows.push(LocalityRow::Province {
                name: province.to_string(),
                documents: docs.len(),
                own,
            });
            self.members.insert(row, ids);
            for l in locs {
                // A province-level subject is the heading row itself, unless the grouping
                // puts it under another (merged) province.
                if l.id.starts_with('p') && l.name == province {
                    continue;
                }
                self.rows.push(LocalityRow::Locality {
                    id: l.id.clone(),
                    name: l.name.clone(),
                    kind: l.kind.clone(),
                    documents: l.documents.len(),
                });
            }
        }
        let by_key = keep.and_then(|k| self.rows.iter().position(|r| row_key(r) == k));
        let by_id = keep_id.and_then(|id| {
            self.rows.iter().position(|r| match r {
                LocalityRow::Locality { id: i, .. } => *i == id,
                LocalityRow::Province { own, .. } => own.as_deref() == Some(id.as_str()),
                LocalityRow::All { .. } => false,
            })
        });
        self.selected = by_key
            .or(by_id)
            .unwrap_or(0)
            .min(self.rows.len().saturating_sub(1));
    }

    fn selected_key(&self) -> Option<String> {
        self.rows.get(self.selected).map(row_key)
    }

    pub fn filter(&self) -> Filter {
        match self.rows.get(self.selected) {
            None | Some(LocalityRow::All { .. }) => Filter::All,
            Some(LocalityRow::Province { .. }) => Filter::Localities(
                self.members
                    .get(&self.selected)
                    .cloned()
                    .unwrap_or_default(),
            ),
            Some(LocalityRow::Locality { id, .. }) => {
                Filter::Localities(BTreeSet::from([id.clone()]))
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
    fn filters_follow_the_selection_and_survive_regrouping() {
        let c = crate::embedded::corpus();
        let mut l = LocalityList::new(&c, false);
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
        assert_eq!(l.selected_name(), "Hạ Long");
    }
}
