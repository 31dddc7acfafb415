//! A fixed word list asked whether it holds a word, by a hash set built on first use: the
//! flat rules ask the opener and name lists about most words of a flattened body, the name
//! rules each word of a signature, and scanning a list of dozens of words each time was a
//! large part of a build.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crate::gazetteer::FxHasher;

pub(in crate::preprocess) struct WordSet {
    list: &'static [&'static str],
    set: OnceLock<HashSet<&'static str, BuildHasherDefault<FxHasher>>>,
}

impl WordSet {
    pub(in crate::preprocess) const fn new(list: &'static [&'static str]) -> Self {
        WordSet {
            list,
            set: OnceLock::new(),
        }
    }

    /// `list.contains(&w)`.
    pub(in crate::preprocess) fn contains(&self, w: &str) -> bool {
        self.set
            .get_or_init(|| self.list.iter().copied().collect())
            .contains(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_set_holds_its_list() {
        static SET: WordSet = WordSet::new(&["Những", "Các", "a"]);
        for w in ["Những", "Các", "a"] {
            assert!(SET.contains(w));
        }
        for w in ["", "những", "Các ", "b"] {
            assert!(!SET.contains(w));
        }
    }
}
