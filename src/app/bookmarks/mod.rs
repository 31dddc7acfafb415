//! Bookmarks in the browser: `b` / `B` on the passage being read (or the finder's selection),
//! the bookmarks pane (`'` or `m`), the note dialog, export (`E`).
//!
//! The App never touches the disk: changes are applied to its list at once (so the screen
//! answers within the frame) and returned as effects for the event loop to hand to
//! the bookmark thread, which saves, merges with other instances and sends the list back.

use std::collections::HashSet;

use super::input::Input;
use super::outline::Node;
use super::{App, Effect, strings};
use crate::bookmarks::worker::{Event, Request};
use crate::bookmarks::{Bookmark, Op, Resolution, Status};
use crate::corpus::PassageRef;
use crate::search::matcher::term_hit;

/// How the pane orders bookmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first.
    #[default]
    Added,
    /// As in the corpus: article, then position; orphaned ones last.
    Article,
}

impl Sort {
    pub fn label(self) -> &'static str {
        match self {
            Sort::Added => strings::SORT_ADDED,
            Sort::Article => strings::SORT_ARTICLE,
        }
    }
}

/// The bookmarks pane.
#[derive(Debug, Clone, Default)]
pub struct Pane {
    pub filter: Input,
    /// Keys type into the filter (after `/`), rather than act.
    pub filtering: bool,
    /// Index into `rows`.
    pub selected: usize,
    pub sort: Sort,
    /// Indices into `Bookmarks::list`, filtered and sorted.
    pub rows: Vec<usize>,
    /// Only bookmarks with this tag, or a tag under it (Enter in the tags pane).
    pub tag: Option<String>,
    /// Only these bookmarks (a cell of the tags × places matrix), and what they are.
    pub only: Option<(String, HashSet<String>)>,
}

/// What the note dialog edits.
#[derive(Debug, Clone, PartialEq)]
pub enum NoteTarget {
    New(PassageRef),
    Edit(String),
}

#[derive(Debug, Clone)]
pub enum Dialog {
    Note {
        target: NoteTarget,
        note: Input,
        tags: Input,
        /// 0: the note, 1: the tags.
        field: u8,
    },
    Export {
        selected: usize,
        /// The current directory, read once when the dialog opens (not every frame).
        dir: std::path::PathBuf,
        /// The ids of the bookmarks the pane shows, when its filter hides some.
        shown: Option<HashSet<String>>,
        /// Export every bookmark, not only those shown (`a`).
        all: bool,
    },
    /// A one-line prompt: a tag for many passages, a tag's description or new name.
    Prompt { purpose: Prompt, input: Input },
}

/// What a one-line prompt asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Prompt {
    /// A tag for these passages (the concordance's lines, the finder's hits); `left_out`:
    /// hits the finder found but does not hold.
    Tag {
        targets: Vec<PassageRef>,
        left_out: usize,
    },
    /// A tag's description.
    Describe(String),
    /// A tag's new name.
    Rename(String),
}

/// One step `u` takes back.
#[derive(Debug, Clone)]
pub enum Undo {
    /// A deleted bookmark, and where it was.
    Deleted(Box<Bookmark>, Resolution),
    /// A tag put on many passages at once: the bookmarks it made, and those it tagged.
    Tagged {
        tag: String,
        added: Vec<String>,
        tagged: Vec<String>,
    },
}

#[derive(Debug, Clone, Default)]
pub struct Bookmarks {
    /// As stored (file order), and where each is in the corpus now.
    pub list: Vec<Bookmark>,
    /// The tags' descriptions, as on disk.
    pub codebook: crate::bookmarks::codebook::Codebook,
    pub resolved: Vec<Resolution>,
    /// Passages that have a bookmark (for the reader gutter and the outline).
    pub marked: HashSet<PassageRef>,
    /// Documents and sections that hold a bookmarked passage (for the collapsed outline).
    pub marked_in: HashSet<(usize, Option<usize>)>,
    /// The first list from the bookmark thread arrived.
    pub loaded: bool,
    /// Why nothing can be saved (a file of a newer version).
    pub read_only: Option<String>,
    /// Sequence number of the newest change sent; older lists from the thread are stale.
    pub seq: u64,
    /// Deletions and bulk taggings, newest last, for `u`.
    pub undo: Vec<Undo>,
    pub pane: Option<Pane>,
    /// The tags pane (the codebook), over the others.
    pub tags: Option<super::tags::TagsPane>,
    pub dialog: Option<Dialog>,
}

impl Bookmarks {
    pub(in crate::app) fn refresh_marked(&mut self) {
        self.marked = self.resolved.iter().filter_map(|r| r.at).collect();
        self.marked_in = self
            .marked
            .iter()
            .flat_map(|r| {
                [
                    (r.doc_index(), None),
                    (r.doc_index(), Some(r.section_index())),
                ]
            })
            .collect();
    }

    /// Does an article (`section` None) or a section hold a bookmarked passage?
    pub fn holds_marks(&self, doc: usize, section: Option<usize>) -> bool {
        self.marked_in.contains(&(doc, section))
    }

    pub fn is_marked(&self, at: PassageRef) -> bool {
        self.marked.contains(&at)
    }

    /// Index of the bookmark of a passage.
    pub fn find(&self, at: PassageRef) -> Option<usize> {
        self.resolved.iter().position(|r| r.at == Some(at))
    }

    /// The bookmark selected in the pane.
    pub fn selected(&self) -> Option<usize> {
        let pane = self.pane.as_ref()?;
        pane.rows.get(pane.selected).copied()
    }
}

/// Folded text a bookmark is filtered on: quote, note, tags, title, locality, section.
fn haystack(b: &Bookmark) -> String {
    let parts = [
        b.quote.text.as_str(),
        b.note.as_str(),
        &b.tags_label(),
        b.title.as_str(),
        b.locality.as_deref().unwrap_or(""),
        b.section.as_deref().unwrap_or(""),
    ];
    crate::text::fold_for_search(&parts.join(" \u{1f} ")).text
}

impl App {
    /// The passage `b` acts on: the outline's selected passage when the outline has focus,
    /// else the first passage at or below the top of the reader.
    pub fn current_passage(&self) -> Option<PassageRef> {
        let to_ref = |n: Node| match n {
            Node::Passage(at) => Some(at),
            _ => None,
        };
        if self.focus == super::Pane::Outline
            && let Some(at) = self.outline.selected_node().and_then(to_ref)
        {
            return Some(at);
        }
        self.reader
            .lines
            .iter()
            .skip(self.reader.scroll)
            // A blank line at the top belongs to the passage above, out of view.
            .filter(|l| l.kind != super::reader::LineKind::Blank)
            .find_map(|l| to_ref(l.node))
    }

    /// Queue a change for the bookmark thread.
    pub(in crate::app) fn send_ops(&mut self, ops: Vec<Op>) {
        self.bookmarks.seq += 1;
        self.effects.push(Effect::Bookmarks(Request::Apply {
            seq: self.bookmarks.seq,
            ops,
            local: self.bookmarks.list.clone(),
        }));
    }

    pub(in crate::app) fn refuse_if_read_only(&mut self) -> bool {
        if let Some(msg) = &self.bookmarks.read_only {
            self.notice = Some(msg.clone());
            return true;
        }
        false
    }

    /// `b` (or Ctrl-s in the finder): bookmark a passage; a second `b` says where it is.
    pub fn bookmark(&mut self, at: Option<PassageRef>) {
        let Some(at) = at else {
            self.notice = Some(strings::NOTHING_TO_BOOKMARK.into());
            return;
        };
        if self.refuse_if_read_only() {
            return;
        }
        if let Some(i) = self.bookmarks.find(at) {
            let id = &self.bookmarks.list[i].id;
            self.notice = Some(strings::already_bookmarked(id, self.finder.is_some()));
            return;
        }
        self.add_bookmark(at, "", Vec::new());
    }

    fn add_bookmark(&mut self, at: PassageRef, note: &str, tags: Vec<String>) {
        let b = Bookmark::new(&self.corpus, at, note, tags);
        self.notice = Some(strings::bookmarked(&b.id));
        self.bookmarks.list.push(b.clone());
        self.bookmarks.resolved.push(Resolution {
            status: Status::Ok,
            at: Some(at),
            similarity: 1.0,
        });
        self.bookmarks.refresh_marked();
        self.refresh_pane();
        self.send_ops(vec![Op::Add(Box::new(b))]);
    }

    /// `B`: the note dialog for a passage (editing its bookmark if it has one).
    pub fn bookmark_with_note(&mut self, at: Option<PassageRef>) {
        let Some(at) = at else {
            self.notice = Some(strings::NOTHING_TO_BOOKMARK.into());
            return;
        };
        if self.refuse_if_read_only() {
            return;
        }
        match self.bookmarks.find(at) {
            Some(i) => self.open_note_dialog(NoteTarget::Edit(self.bookmarks.list[i].id.clone())),
            None => self.open_note_dialog(NoteTarget::New(at)),
        }
    }

    fn open_note_dialog(&mut self, target: NoteTarget) {
        let (mut note, mut tags) = (Input::new(), Input::new());
        if let NoteTarget::Edit(id) = &target
            && let Some(b) = self.bookmarks.list.iter().find(|b| &b.id == id)
        {
            note.insert_str(&b.note);
            tags.insert_str(&b.tags_label());
        }
        self.bookmarks.dialog = Some(Dialog::Note {
            target,
            note,
            tags,
            field: 0,
        });
    }

    /// `'` / `m`: open the bookmarks pane (and read the file again: another instance may
    /// have added some).
    pub fn open_bookmarks(&mut self) {
        if self.bookmarks.pane.is_none() {
            self.bookmarks.pane = Some(Pane::default());
            self.refresh_pane();
        }
        self.bookmarks.seq += 1;
        self.effects.push(Effect::Bookmarks(Request::Reload {
            seq: self.bookmarks.seq,
        }));
    }

    /// Recompute the pane's rows (filter and sort), keeping the selected bookmark selected.
    pub fn refresh_pane(&mut self) {
        let keep = self.selected_bookmark_id();
        self.refresh_pane_keeping(keep);
    }

    fn selected_bookmark_id(&self) -> Option<String> {
        let bm = &self.bookmarks;
        let pane = bm.pane.as_ref()?;
        pane.rows
            .get(pane.selected)
            .and_then(|&i| bm.list.get(i))
            .map(|b| b.id.clone())
    }

    fn refresh_pane_keeping(&mut self, keep: Option<String>) {
        let bm = &self.bookmarks;
        let Some(pane) = &bm.pane else {
            self.refresh_tags();
            return;
        };
        let query = crate::search::parse(pane.filter.text());
        let matcher = fuzzy_matcher::skim::SkimMatcherV2::default();
        let mut rows: Vec<usize> = (0..bm.list.len())
            .filter(|&i| {
                pane.tag
                    .as_deref()
                    .is_none_or(|t| crate::app::tags::has_tag_or_under(&bm.list[i].tags, t))
            })
            .filter(|&i| {
                pane.only
                    .as_ref()
                    .is_none_or(|(_, ids)| ids.contains(&bm.list[i].id))
            })
            .filter(|&i| {
                if query.terms.is_empty() {
                    return true;
                }
                let h = haystack(&bm.list[i]);
                query
                    .terms
                    .iter()
                    .all(|t| term_hit(&h, t, true, &matcher).is_some() != t.negate)
            })
            .collect();
        match pane.sort {
            Sort::Added => {
                rows.sort_by(|&a, &b| bm.list[b].created.cmp(&bm.list[a].created).then(b.cmp(&a)));
            }
            Sort::Article => rows.sort_by_key(|&i| {
                let r = bm.resolved.get(i).and_then(|r| r.at);
                (r.is_none(), r, i)
            }),
        }
        let selected = keep
            .and_then(|id| rows.iter().position(|&i| bm.list[i].id == id))
            .unwrap_or(0);
        if let Some(pane) = self.bookmarks.pane.as_mut() {
            pane.rows = rows;
            pane.selected = selected.min(pane.rows.len().saturating_sub(1));
        }
        self.refresh_tags();
    }

    /// A list from the bookmark thread.
    pub(super) fn on_bookmark_event(&mut self, e: Event) {
        match e {
            Event::Codebook(c) => {
                self.bookmarks.codebook = c;
                self.refresh_tags();
            }
            Event::Status(facts) => {
                if let Some(n) = strings::file_facts(&facts) {
                    self.notice = Some(n);
                }
                self.bookmarks.read_only = facts.read_only().then(|| {
                    strings::bookmarks_read_only(facts.newer_version, facts.failed.as_deref())
                });
            }
            Event::Snapshot {
                seq,
                bookmarks,
                resolved,
            } => {
                self.bookmarks.loaded = true;
                // An older answer would undo what the user just did on screen.
                if seq < self.bookmarks.seq {
                    return;
                }
                let keep = self.selected_bookmark_id();
                self.bookmarks.list = bookmarks;
                self.bookmarks.resolved = resolved;
                self.bookmarks.refresh_marked();
                self.refresh_pane_keeping(keep);
            }
            Event::SaveFailed {
                error,
                pending,
                newer_version,
            } => {
                self.notice = Some(strings::save_failed(&error, pending, newer_version));
            }
            Event::LoadFailed(e) => self.notice = Some(strings::reload_failed(&e)),
            Event::Exported(Ok(done)) => {
                self.notice = Some(strings::exported(done.count, done.total, &done.path));
            }
            Event::Exported(Err(e)) => self.notice = Some(strings::export_failed(&e)),
        }
    }
}

mod dialog;
mod pane;
#[cfg(test)]
mod tests;
