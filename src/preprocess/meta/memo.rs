//! The last answers of a line rule, per thread: the classifier, the flat closing credits and
//! `build_document` ask [`super::parse_byline`] and [`super::outlet_line`] of the same
//! signature lines again (`parse_byline` asks `outlet_line` too), and each answer costs
//! thousands of instructions. The rules are pure functions of the text: a remembered
//! answer is the answer.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::thread::LocalKey;

use crate::gazetteer::FxHasher;

/// Lines longer than this (bytes) are not remembered: no signature is, and a flattened body
/// would only be hashed for nothing.
const MAX_KEY: usize = 400;
/// Answers kept per rule and thread before they are all forgotten (one article's lines).
const MAX_ENTRIES: usize = 256;

pub(super) type Memo<T> = RefCell<HashMap<Box<str>, T, BuildHasherDefault<FxHasher>>>;

/// `rule(line)`, remembered in `memo`.
pub(super) fn remembered<T: Clone>(
    memo: &'static LocalKey<Memo<T>>,
    line: &str,
    rule: fn(&str) -> T,
) -> T {
    if line.len() > MAX_KEY {
        return rule(line);
    }
    if let Some(t) = memo.with(|m| m.borrow().get(line).cloned()) {
        return t;
    }
    // Not borrowed while the rule runs: it may ask another remembered rule.
    let t = rule(line);
    memo.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= MAX_ENTRIES {
            m.clear();
        }
        m.insert(line.into(), t.clone());
    });
    t
}
