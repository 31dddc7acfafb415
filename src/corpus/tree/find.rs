//! A place named on the command line (`--locality "Chau Thanh, Tien Giang"`), found in the
//! locality tree as a reader would name it: without diacritics, with or without its unit
//! type, with its province (or district) after a comma when the name alone is shared.

use super::TreeNode;
use crate::corpus::Corpus;
use crate::text::fold_str;

/// Why a name found no single place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindError {
    /// No place of the corpus has that name.
    Unknown,
    /// No place of that name lies in the province (or district) named after the comma:
    /// the places that have the name, as for [`FindError::Ambiguous`].
    NotThere(Vec<String>),
    /// Several places have it: each as `Name (unit type, parent) [id]`.
    Ambiguous(Vec<String>),
}

/// Unit types a name may start with ("tỉnh Thanh Hóa", "huyện Châu Thành"), folded.
const KINDS: &[&str] = &[
    "thanh pho",
    "tp",
    "tinh",
    "huyen",
    "quan",
    "thi xa",
    "thi tran",
    "xa",
    "phuong",
];

/// A folded name without the unit type in front ("tinh tien giang" → "tien giang").
fn untyped(name: &str) -> &str {
    KINDS
        .iter()
        .find_map(|k| name.strip_prefix(k).and_then(|r| r.strip_prefix(' ')))
        .unwrap_or(name)
}

/// Where a row of the tree lies: (province, district) names.
fn parents<'t>(tree: &'t [TreeNode<'t>]) -> Vec<(Option<&'t str>, Option<&'t str>)> {
    let mut province = None;
    let mut district = None;
    tree.iter()
        .map(|n| match n.depth {
            0 => {
                province = Some(n.name.as_str());
                district = None;
                (None, None)
            }
            1 => {
                district = Some(n.name.as_str());
                (province, None)
            }
            _ => (province, district),
        })
        .collect()
}

/// Folded words, punctuation dropped: "TP. Hồ Chí Minh" → "tp ho chi minh".
fn key(s: &str) -> String {
    fold_str(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The row of `tree` (from [`locality_tree`](super::locality_tree)) that `name` names:
/// a locality id (`d193`), or a name, optionally with its unit type in front and its
/// province or district after a comma. When several rows share the name and one of them
/// holds all the others (the province Thanh Hóa holds the city Thanh Hóa), that one.
///
/// # Errors
///
/// [`FindError::Unknown`] when nothing has the name, [`FindError::Ambiguous`] (the
/// candidates listed) when several unrelated places have it.
pub fn find_place<'t>(
    corpus: &'t Corpus,
    tree: &'t [TreeNode<'t>],
    name: &str,
) -> Result<&'t TreeNode<'t>, FindError> {
    if let Some(n) = tree.iter().find(|n| n.id.as_deref() == Some(name.trim())) {
        return Ok(n);
    }
    let (place, parent) = match name.rsplit_once(',') {
        Some((p, parent)) => (p, Some(key(parent))),
        None => (name, None),
    };
    let place = key(place);
    // A province heading's type is its locality's, if the corpus has it.
    let kind_of = |n: &'t TreeNode<'t>| -> &'t str {
        if n.depth == 0 {
            n.id.as_deref()
                .and_then(|id| corpus.locality(id))
                .map_or("tỉnh", |l| l.kind.as_str())
        } else {
            n.kind.as_str()
        }
    };
    let up = parents(tree);
    let named = |want: &str, kind: Option<&str>| -> Vec<usize> {
        (0..tree.len())
            .filter(|&i| key(&tree[i].name) == want)
            .filter(|&i| kind.is_none_or(|k| key(kind_of(&tree[i])).starts_with(k)))
            .filter(|&i| match &parent {
                None => true,
                Some(p) => {
                    let (province, district) = up[i];
                    [province, district]
                        .into_iter()
                        .flatten()
                        .any(|name| untyped(&key(name)) == untyped(p))
                }
            })
            .collect()
    };
    let mut found = named(&place, None);
    if found.is_empty() {
        // "tinh Thanh Hoa", "TP Ha Long", "huyen Chau Thanh": the type narrows.
        for k in KINDS {
            if let Some(rest) = place.strip_prefix(k).and_then(|r| r.strip_prefix(' ')) {
                let k = if *k == "tp" { "thanh pho" } else { k };
                found = named(rest, Some(k));
                break;
            }
        }
    }
    let holds_all = |&i: &usize| {
        found
            .iter()
            .all(|&j| tree[j].members.is_subset(&tree[i].members))
    };
    let label = |i: usize| {
        let n = &tree[i];
        let (province, district) = up[i];
        let within: Vec<&str> = [district, province].into_iter().flatten().collect();
        let mut label = format!("{} ({}", n.name, kind_of(n));
        if !within.is_empty() {
            label.push_str(", ");
            label.push_str(&within.join(", "));
        }
        label.push(')');
        if let Some(id) = &n.id {
            label.push_str(" [");
            label.push_str(id);
            label.push(']');
        }
        label
    };
    match found.as_slice() {
        [] if parent.is_some() => {
            let elsewhere = without_parent(corpus, tree, name);
            if elsewhere.is_empty() {
                Err(FindError::Unknown)
            } else {
                Err(FindError::NotThere(elsewhere))
            }
        }
        [] => Err(FindError::Unknown),
        [one] => Ok(&tree[*one]),
        _ => match found.iter().find(|i| holds_all(i)) {
            Some(&i) => Ok(&tree[i]),
            None => Err(FindError::Ambiguous(found.into_iter().map(label).collect())),
        },
    }
}

/// The places the name before the comma names anywhere, labelled.
fn without_parent(corpus: &Corpus, tree: &[TreeNode<'_>], name: &str) -> Vec<String> {
    let bare = name.rsplit_once(',').map_or(name, |(p, _)| p);
    match find_place(corpus, tree, bare) {
        Ok(n) => vec![match &n.id {
            Some(id) => format!("{} [{id}]", n.name),
            None => n.name.clone(),
        }],
        Err(FindError::Ambiguous(v) | FindError::NotThere(v)) => v,
        Err(FindError::Unknown) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::synth;
    use crate::corpus::tree::locality_tree;

    #[test]
    fn a_name_finds_its_place_with_or_without_type_and_province() {
        let corpus = synth::places();
        let tree = locality_tree(&corpus, false);
        let id = |name: &str| {
            find_place(&corpus, &tree, name)
                .map(|n| n.id.clone().unwrap_or_default())
                .map_err(|e| format!("{name}: {e:?}"))
        };
        assert_eq!(id("Ha Long").unwrap(), "d193");
        assert_eq!(id("TP Hạ Long").unwrap(), "d193");
        assert_eq!(id("d847").unwrap(), "d847");
        assert_eq!(id("Chau Thanh, Tien Giang").unwrap(), "d821");
        assert_eq!(id("chau thanh,tinh tra vinh").unwrap(), "d847");
        assert_eq!(id("huyện Châu Thành, Trà Vinh").unwrap(), "d847");
        assert_eq!(id("Tan Huong, Chau Thanh").unwrap(), "w28");
        // The province holds the city of the same name: the province, unless the city is
        // asked for.
        assert_eq!(id("Thanh Hoa").unwrap(), "p38");
        assert_eq!(id("tinh thanh hoa").unwrap(), "p38");
        assert_eq!(id("thanh pho Thanh Hoa").unwrap(), "d380");
        assert_eq!(id("Thanh Hoa, Thanh Hoa").unwrap(), "d380");
    }

    #[test]
    fn a_shared_name_is_said_to_be_ambiguous_with_the_places_listed() {
        let corpus = synth::places();
        let tree = locality_tree(&corpus, false);
        let want = vec![
            "Châu Thành (huyện, Tiền Giang) [d821]".to_string(),
            "Châu Thành (huyện, Trà Vinh) [d847]".to_string(),
        ];
        assert_eq!(
            find_place(&corpus, &tree, "Chau Thanh").map(|n| &n.name),
            Err(FindError::Ambiguous(want.clone()))
        );
        assert_eq!(
            find_place(&corpus, &tree, "Chau Thanh, Long An").map(|n| &n.name),
            Err(FindError::NotThere(want))
        );
        assert_eq!(
            find_place(&corpus, &tree, "Atlantis").map(|n| &n.name),
            Err(FindError::Unknown)
        );
    }
}
