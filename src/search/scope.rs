//! Which passages a search reads: everything, some documents, or what is said about some
//! places.

use std::collections::{HashMap, HashSet};

use super::PassageRef;
use crate::corpus::{Corpus, Locality, LocalityLevel};

/// Which passages to search.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    /// Every document but the syndicated copies (the finder names those).
    #[default]
    All,
    /// Some documents, copies included (one article's own text).
    Documents(Vec<u32>),
    /// Some sections, as sorted (document, section) pairs: what is said about some places
    /// ([`Scope::places`]).
    Sections(Vec<(u32, u32)>),
}

impl Scope {
    /// This scope within the documents `docs` (sorted, copies left out).
    #[must_use]
    pub fn restrict(self, docs: &[u32]) -> Scope {
        let kept = |d: &u32| docs.binary_search(d).is_ok();
        match self {
            Scope::All => Scope::Documents(docs.to_vec()),
            Scope::Documents(d) => Scope::Documents(d.into_iter().filter(kept).collect()),
            Scope::Sections(s) => Scope::Sections(s.into_iter().filter(|x| kept(&x.0)).collect()),
        }
    }

    pub(super) fn admits(&self, at: PassageRef, copy: bool) -> bool {
        match self {
            Scope::All => !copy,
            Scope::Documents(docs) => docs.binary_search(&at.doc).is_ok(),
            Scope::Sections(sections) => {
                !copy && sections.binary_search(&(at.doc, at.section)).is_ok()
            }
        }
    }

    /// The passages about some places (`members`: locality ids, a place and every place
    /// under it): the sections about one of them, and every section of an article about
    /// only them. An article about only them may also name the province or district they
    /// lie in; an article that is also about another place gives only its sections about
    /// these (a three-place article's Thanh Hóa section is not about Hạ Long).
    pub fn places<'a>(corpus: &Corpus, members: impl IntoIterator<Item = &'a str>) -> Scope {
        let members: HashSet<&str> = members.into_iter().collect();
        let by_id: HashMap<&str, &Locality> = corpus
            .localities
            .iter()
            .map(|l| (l.id.as_str(), l))
            .collect();
        // The members and the units they lie in.
        let mut context = members.clone();
        for id in &members {
            let Some(l) = by_id.get(id) else { continue };
            if let Some(d) = &l.district {
                context.insert(d.id.as_str());
            }
            context.extend(
                corpus
                    .localities
                    .iter()
                    .filter(|p| p.level() == LocalityLevel::Province && p.name == l.province)
                    .map(|p| p.id.as_str()),
            );
        }
        let mut out = Vec::new();
        for (d, doc) in corpus.documents.iter().enumerate() {
            if !doc.is_about(|id| members.contains(id)) {
                continue;
            }
            let only = doc.localities.iter().all(|l| context.contains(l.as_str()))
                && doc
                    .sections
                    .iter()
                    .filter_map(|s| s.locality.as_deref())
                    .all(|l| context.contains(l));
            for (s, sec) in doc.sections.iter().enumerate() {
                let about = match sec.locality.as_deref() {
                    Some(l) => only || members.contains(l),
                    None => only,
                };
                if about {
                    let at = PassageRef::new(d, s, 0);
                    out.push((at.doc, at.section));
                }
            }
        }
        Scope::Sections(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::synth;

    #[test]
    fn a_place_takes_its_sections_and_its_own_articles() {
        let corpus = synth::places();
        let ids = |s: &Scope| match s {
            Scope::Sections(v) => v.clone(),
            other => panic!("{other:?}"),
        };
        // Hạ Long: all of the article about it alone (naming its province too), and only
        // the Hạ Long section of the three-place article.
        let ha_long = Scope::places(&corpus, ["d193"]);
        assert_eq!(ids(&ha_long), [(0, 0), (0, 1), (1, 1)]);
        // The province takes its districts: the same, plus its own section.
        let quang_ninh = Scope::places(&corpus, ["p22", "d193"]);
        assert_eq!(ids(&quang_ninh), [(0, 0), (0, 1), (1, 1), (1, 3)]);
        // Thanh Hóa: its section of the three-place article only.
        assert_eq!(ids(&Scope::places(&corpus, ["p38"])), [(1, 2)]);
        assert_eq!(ids(&Scope::places(&corpus, ["x"])), []);
    }

    #[test]
    fn sections_admit_their_passages_but_not_copies() {
        let s = Scope::Sections(vec![(0, 1), (2, 0)]);
        assert!(s.admits(PassageRef::new(0, 1, 5), false));
        assert!(!s.admits(PassageRef::new(0, 0, 0), false));
        assert!(!s.admits(PassageRef::new(2, 0, 0), true));
        assert!(Scope::Documents(vec![2]).admits(PassageRef::new(2, 0, 0), true));
    }
}
