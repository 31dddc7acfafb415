//! What the locality list shows of the tree: homonyms told apart by their parent, sorted
//! by name or by number of articles (`s`), narrowed by a typed filter (`f`).

use std::collections::{BTreeSet, HashMap};

use super::LocalityRow;
use crate::text::fold_str;

/// A row with the locality ids it selects.
pub type Entry = (LocalityRow, BTreeSet<String>);

fn documents(row: &LocalityRow) -> usize {
    match row {
        LocalityRow::All { documents }
        | LocalityRow::Province { documents, .. }
        | LocalityRow::Locality { documents, .. } => *documents,
    }
}

fn depth(row: &LocalityRow) -> u8 {
    match row {
        LocalityRow::Locality { depth, .. } => *depth,
        _ => 0,
    }
}

/// A place whose name another row of the list shares names its province (a commune, its
/// district): `Châu Thành (Tiền Giang)`.
pub fn name_parents(entries: &mut [Entry]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (row, _) in entries.iter() {
        if let LocalityRow::Locality { name, .. } = row {
            *seen.entry(name.clone()).or_default() += 1;
        }
    }
    let (mut province, mut district) = (String::new(), String::new());
    for (row, _) in entries.iter_mut() {
        match row {
            LocalityRow::Province { name, .. } => province.clone_from(name),
            LocalityRow::Locality {
                name,
                depth,
                parent,
                ..
            } => {
                if *depth == 1 {
                    district.clone_from(name);
                }
                if seen.get(name.as_str()).copied().unwrap_or(0) > 1 {
                    *parent = Some(if *depth >= 2 {
                        district.clone()
                    } else {
                        province.clone()
                    });
                }
            }
            LocalityRow::All { .. } => {}
        }
    }
}

/// A province heading with its rows: each row under it with the rows under that one.
struct Group {
    head: Entry,
    children: Vec<(Entry, Vec<Entry>)>,
}

fn groups(entries: Vec<Entry>) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for e in entries {
        match depth(&e.0) {
            0 => out.push(Group {
                head: e,
                children: Vec::new(),
            }),
            1 => {
                if let Some(g) = out.last_mut() {
                    g.children.push((e, Vec::new()));
                }
            }
            _ => {
                if let Some((_, under)) = out.last_mut().and_then(|g| g.children.last_mut()) {
                    under.push(e);
                }
            }
        }
    }
    out
}

fn flatten(groups: Vec<Group>) -> Vec<Entry> {
    let mut out = Vec::new();
    for g in groups {
        out.push(g.head);
        for (c, under) in g.children {
            out.push(c);
            out.extend(under);
        }
    }
    out
}

/// Most articles first at every level; the name order stays among equals.
pub fn by_count(entries: Vec<Entry>) -> Vec<Entry> {
    let mut gs = groups(entries);
    let count = |e: &Entry| std::cmp::Reverse(documents(&e.0));
    gs.sort_by_key(|g| count(&g.head));
    for g in &mut gs {
        g.children.sort_by_key(|(c, _)| count(c));
        for (_, under) in &mut g.children {
            under.sort_by_key(count);
        }
    }
    flatten(gs)
}

/// Does a place's name answer a typed filter: its folded words hold the query (`ha long`,
/// `long`), or it is typed as the name's initials (`HL`)?
pub fn name_matches(name: &str, query: &str) -> bool {
    let name = fold_str(name);
    let query = fold_str(query);
    let query = query.split_whitespace().collect::<Vec<_>>().join(" ");
    if query.is_empty() {
        return true;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
    let joined = words.join(" ");
    joined
        .match_indices(&query)
        .any(|(at, _)| at == 0 || joined.as_bytes()[at - 1] == b' ')
        || (query.len() >= 2 && !query.contains(' ') && initials == query)
}

/// The rows a filter keeps: a province that matches with everything under it; else the
/// rows that match, each with what lies under it and the rows it lies under.
pub fn matching(entries: Vec<Entry>, query: &str) -> Vec<Entry> {
    let name = |e: &Entry| match &e.0 {
        LocalityRow::Province { name, .. } | LocalityRow::Locality { name, .. } => name.clone(),
        LocalityRow::All { .. } => String::new(),
    };
    let mut kept = Vec::new();
    for mut g in groups(entries) {
        if name_matches(&name(&g.head), query) {
            kept.push(g);
            continue;
        }
        g.children.retain_mut(|(c, under)| {
            if name_matches(&name(c), query) {
                return true;
            }
            under.retain(|e| name_matches(&name(e), query));
            !under.is_empty()
        });
        if !g.children.is_empty() {
            kept.push(g);
        }
    }
    flatten(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_by_words_or_initials_without_diacritics() {
        assert!(name_matches("Hạ Long", "ha long"));
        assert!(name_matches("Hạ Long", "HL"));
        assert!(name_matches("Hạ Long", "long"));
        assert!(name_matches("Quảng Ninh", "quang ninh"));
        assert!(!name_matches("Hạ Long", "a lo"), "not inside a word");
        assert!(!name_matches("Hải Phòng", "HL"));
        assert!(name_matches("Đà Nẵng", "da nang"));
    }
}
