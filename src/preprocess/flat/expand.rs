//! A flattened line's pieces as lines of their own, for the steps after classification.

use std::borrow::Cow;

use crate::preprocess::classify::{Line, LineClass, LineReason};

/// The lines of an article with every flattened line replaced by one line per piece (same
/// raw line number); `joined_to` indices follow. Borrowed when no line was split.
pub fn expand(lines: &[Line]) -> Cow<'_, [Line]> {
    if lines.iter().all(|l| l.pieces.is_empty()) {
        return Cow::Borrowed(lines);
    }
    let mut index = Vec::with_capacity(lines.len());
    let mut out: Vec<Line> = Vec::new();
    for l in lines {
        index.push(out.len());
        if l.pieces.is_empty() {
            let mut l = l.clone();
            l.joined_to = l.joined_to.map(|j| index[j]);
            out.push(l);
            continue;
        }
        for p in &l.pieces {
            let reason =
                (p.class == LineClass::Junk).then(|| LineReason::Removed(p.reason.removal()));
            out.push(Line {
                number: l.number,
                text: p.text.clone(),
                class: p.class,
                reason,
                joined_to: None,
                pieces: Vec::new(),
                breaks: Vec::new(),
            });
        }
    }
    Cow::Owned(out)
}
