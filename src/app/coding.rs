//! Coding by search (issue 15): tag many passages in one step, from the concordance (its
//! marked lines, or all) or from the finder (its hits), and take it back with `u` as one
//! step. Passages with a bookmark get the tag; the others get a bookmark with it. All of it
//! goes to the bookmark thread as one change.

use std::collections::{HashMap, HashSet};

use crossterm::event::KeyEvent;

use super::analysis::View;
use super::bookmarks::{Dialog, Prompt, Undo};
use super::input::Input;
use super::{Action, App, strings};
use crate::bookmarks::codebook::has_tag;
use crate::bookmarks::{Bookmark, Op, Resolution, Status, parse_tags};
use crate::corpus::PassageRef;

/// What one bulk tagging did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tagged {
    /// Passages that had no bookmark: one was made, with the tag.
    pub new: usize,
    /// Bookmarks that got the tag.
    pub added: usize,
    /// Bookmarks that had it already.
    pub already: usize,
}

impl App {
    /// `Space` in the concordance: mark the selected line's passage (or unmark it).
    pub(super) fn mark_line(&mut self) {
        let Some(a) = self.analysis.as_mut() else {
            return;
        };
        if let Some(at) = a.passage()
            && !a.tag_marks.remove(&at)
        {
            a.tag_marks.insert(at);
        }
        a.move_by(1);
    }

    /// `*` in the concordance: mark every line; when all are marked, none.
    pub(super) fn mark_all_lines(&mut self) {
        let Some(a) = self.analysis.as_mut() else {
            return;
        };
        if a.view != View::Concordance {
            self.notice = Some(strings::TAG_ONLY_IN_CONCORDANCE.into());
            return;
        }
        let shown = a.concordance_passages();
        if shown.iter().all(|at| a.tag_marks.contains(at)) {
            a.tag_marks.clear();
        } else {
            a.tag_marks.extend(shown);
        }
    }

    /// `t` in the concordance: ask for a tag for the marked lines, or all of them.
    pub(super) fn tag_concordance(&mut self) {
        let Some(a) = self.analysis.as_ref() else {
            return;
        };
        if a.view != View::Concordance {
            self.notice = Some(strings::TAG_ONLY_IN_CONCORDANCE.into());
            return;
        }
        let shown = a.concordance_passages();
        let marked: Vec<PassageRef> = shown
            .iter()
            .copied()
            .filter(|at| a.tag_marks.contains(at))
            .collect();
        let targets = if marked.is_empty() { shown } else { marked };
        self.open_tag_prompt(targets, 0);
    }

    /// `Alt-t` in the finder: ask for a tag for every hit it holds.
    pub(super) fn tag_finder_hits(&mut self) {
        let Some(f) = self.finder.as_ref() else {
            return;
        };
        let targets = dedup(f.hits.iter().map(|h| h.at));
        let left_out = f.total.saturating_sub(f.hits.len());
        self.open_tag_prompt(targets, left_out);
    }

    fn open_tag_prompt(&mut self, targets: Vec<PassageRef>, left_out: usize) {
        if targets.is_empty() {
            self.notice = Some(strings::NOTHING_TO_TAG.into());
            return;
        }
        // Before the file is read, the passages that have a bookmark are not known: each
        // would get a second one.
        if !self.bookmarks.loaded {
            self.notice = Some(strings::BOOKMARKS_LOADING.into());
            return;
        }
        if self.refuse_if_read_only() {
            return;
        }
        self.bookmarks.dialog = Some(Dialog::Prompt {
            purpose: Prompt::Tag { targets, left_out },
            input: Input::new(),
        });
    }

    /// Keys while a prompt is open: Enter applies, Esc cancels, others type.
    pub(super) fn prompt_key(&mut self, action: Option<Action>, key: KeyEvent) {
        let Some(Dialog::Prompt { input, .. }) = self.bookmarks.dialog.as_mut() else {
            return;
        };
        match action {
            Some(Action::Close) => {
                self.bookmarks.dialog = None;
                self.notice = Some(strings::CANCELLED.into());
            }
            Some(Action::ToggleTelex) => input.toggle_telex(),
            Some(Action::SaveNote) => {
                if let Some(Dialog::Prompt { purpose, input }) = self.bookmarks.dialog.take() {
                    self.apply_prompt(purpose, input.text());
                }
            }
            _ => {
                input.handle_key(key);
            }
        }
    }

    fn apply_prompt(&mut self, purpose: Prompt, text: &str) {
        match purpose {
            Prompt::Tag { targets, left_out } => {
                let Some(tag) = parse_tags(text).into_iter().next() else {
                    self.notice = Some(strings::NO_TAG_TYPED.into());
                    return;
                };
                if let Some(done) = self.tag_passages(&targets, &tag) {
                    self.notice = Some(strings::tagged(&tag, done, left_out));
                }
            }
            Prompt::Describe(tag) => self.describe_tag(&tag, text),
            Prompt::Rename(from) => self.rename_tag(&from, text),
        }
    }

    /// Put `tag` on every passage of `targets` (each once), in one change and one undo
    /// step; `None` when the file is read-only.
    pub fn tag_passages(&mut self, targets: &[PassageRef], tag: &str) -> Option<Tagged> {
        if self.refuse_if_read_only() {
            return None;
        }
        let bm = &mut self.bookmarks;
        // The first bookmark of each passage (as `find` gives).
        let mut of: HashMap<PassageRef, usize> = HashMap::new();
        for (i, r) in bm.resolved.iter().enumerate() {
            if let Some(at) = r.at {
                of.entry(at).or_insert(i);
            }
        }
        let mut done = Tagged::default();
        let (mut ops, mut added, mut tagged) = (Vec::new(), Vec::new(), Vec::new());
        let mut seen = HashSet::new();
        for &at in targets {
            if !seen.insert(at) {
                continue;
            }
            match of.get(&at) {
                Some(&i) if has_tag(&bm.list[i].tags, tag) => done.already += 1,
                Some(&i) => {
                    let b = &mut bm.list[i];
                    b.tags.push(tag.to_string());
                    ops.push(Op::Tag {
                        id: b.id.clone(),
                        tag: tag.to_string(),
                    });
                    tagged.push(b.id.clone());
                    done.added += 1;
                }
                None => {
                    let b = Bookmark::new(&self.corpus, at, "", vec![tag.to_string()]);
                    added.push(b.id.clone());
                    bm.list.push(b.clone());
                    bm.resolved.push(Resolution {
                        status: Status::Ok,
                        at: Some(at),
                        similarity: 1.0,
                    });
                    // Tags another instance's bookmark of the passage instead, if one was
                    // made meanwhile (the undo then leaves that tag).
                    ops.push(Op::TagPassage(Box::new(b)));
                    done.new += 1;
                }
            }
        }
        if ops.is_empty() {
            return Some(done);
        }
        bm.undo.push(Undo::Tagged {
            tag: tag.to_string(),
            added,
            tagged,
        });
        bm.refresh_marked();
        self.refresh_pane();
        self.send_ops(ops);
        Some(done)
    }

    /// Take back a bulk tagging: remove the bookmarks it made, take the tag off the others.
    pub(super) fn undo_tagging(&mut self, tag: &str, added: &[String], tagged: &[String]) {
        let bm = &mut self.bookmarks;
        let gone: HashSet<&String> = added.iter().collect();
        let keep: Vec<bool> = bm.list.iter().map(|b| !gone.contains(&b.id)).collect();
        let mut keep = keep.into_iter();
        bm.resolved.retain(|_| keep.next().unwrap_or(true));
        bm.list.retain(|b| !gone.contains(&b.id));
        let lower = tag.to_lowercase();
        for b in bm.list.iter_mut().filter(|b| tagged.contains(&b.id)) {
            b.tags.retain(|t| t.to_lowercase() != lower);
        }
        bm.refresh_marked();
        // Rows index the list as it was.
        if let Some(p) = bm.pane.as_mut() {
            p.rows.clear();
        }
        self.refresh_pane();
        let ops = added
            .iter()
            .map(|id| Op::Remove(id.clone()))
            .chain(tagged.iter().map(|id| Op::Untag {
                id: id.clone(),
                tag: tag.to_string(),
            }))
            .collect();
        self.notice = Some(strings::untagged(tag, added.len(), tagged.len()));
        self.send_ops(ops);
    }
}

/// Passages in their first order, each once.
pub(super) fn dedup(at: impl Iterator<Item = PassageRef>) -> Vec<PassageRef> {
    let mut seen = HashSet::new();
    at.filter(|a| seen.insert(*a)).collect()
}

#[cfg(test)]
mod tests;
