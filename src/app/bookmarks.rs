//! Bookmarks in the browser: `b` / `B` on the passage being read (or the finder's selection),
//! the bookmarks pane (`'` or `m`), the note dialog, export (`E`).
//!
//! The App never touches the disk: changes are applied to its list at once (so the screen
//! answers within the frame) and returned as effects for the event loop to hand to
//! the bookmark thread, which saves, merges with other instances and sends the list back.

use std::collections::HashSet;

use crossterm::event::KeyEvent;

use super::input::Input;
use super::outline::Node;
use super::{Action, App, Effect, Scope as KeyScope, strings};
use crate::bookmarks::export::Format;
use crate::bookmarks::worker::{Event, Request};
use crate::bookmarks::{Bookmark, Op, Resolution, Status, parse_tags};
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
    },
}

#[derive(Debug, Clone, Default)]
pub struct Bookmarks {
    /// As stored (file order), and where each is in the corpus now.
    pub list: Vec<Bookmark>,
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
    /// Deleted bookmarks and where they were, newest last, for `u`.
    pub undo: Vec<(Bookmark, Resolution)>,
    pub pane: Option<Pane>,
    pub dialog: Option<Dialog>,
}

impl Bookmarks {
    fn refresh_marked(&mut self) {
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
    fn send_ops(&mut self, ops: Vec<Op>) {
        self.bookmarks.seq += 1;
        self.effects.push(Effect::Bookmarks(Request::Apply {
            seq: self.bookmarks.seq,
            ops,
            local: self.bookmarks.list.clone(),
        }));
    }

    fn refuse_if_read_only(&mut self) -> bool {
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
        let Some(pane) = &bm.pane else { return };
        let query = crate::search::parse(pane.filter.text());
        let matcher = fuzzy_matcher::skim::SkimMatcherV2::default();
        let mut rows: Vec<usize> = (0..bm.list.len())
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
    }

    /// A list from the bookmark thread.
    pub(super) fn on_bookmark_event(&mut self, e: Event) {
        match e {
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
            Event::Exported(Ok((path, n))) => self.notice = Some(strings::exported(n, &path)),
            Event::Exported(Err(e)) => self.notice = Some(strings::export_failed(&e)),
        }
    }

    /// Keys while the note or export dialog is open: the dialog's actions from the keymap;
    /// in the note dialog other keys type.
    pub(super) fn dialog_key(&mut self, action: Option<Action>, key: KeyEvent) {
        let Some(dialog) = self.bookmarks.dialog.as_mut() else {
            return;
        };
        match dialog {
            Dialog::Export { selected, .. } => match action {
                Some(Action::Close) => self.bookmarks.dialog = None,
                Some(Action::Down) => *selected = (*selected + 1) % Format::ALL.len(),
                Some(Action::Up) => {
                    *selected = (*selected + Format::ALL.len() - 1) % Format::ALL.len();
                }
                Some(Action::ExportChosen) => {
                    let f = Format::ALL[*selected];
                    self.export(f);
                }
                Some(Action::ExportMarkdown) => self.export(Format::Md),
                Some(Action::ExportCsv) => self.export(Format::Csv),
                Some(Action::ExportJson) => self.export(Format::Json),
                _ => {}
            },
            Dialog::Note {
                note, tags, field, ..
            } => match action {
                Some(Action::Close) => {
                    self.bookmarks.dialog = None;
                    self.notice = Some(strings::CANCELLED.into());
                }
                Some(Action::NextField) => {
                    // Telex is a choice for the dialog, not for one box.
                    let telex = if *field == 0 {
                        note.telex()
                    } else {
                        tags.telex()
                    };
                    *field = 1 - *field;
                    let other = if *field == 0 { note } else { tags };
                    if other.telex() != telex {
                        other.toggle_telex();
                    }
                }
                Some(Action::ToggleTelex) => {
                    if *field == 0 {
                        note.toggle_telex();
                    } else {
                        tags.toggle_telex();
                    }
                }
                Some(Action::SaveNote) => self.save_note_dialog(),
                _ => {
                    if *field == 0 {
                        note.handle_key(key);
                    } else {
                        tags.handle_key(key);
                    }
                }
            },
        }
    }

    /// Pasted text goes into the dialog's field or the pane's filter.
    pub(super) fn bookmarks_paste(&mut self, text: &str) -> bool {
        let one_line = text.replace(['\r', '\n'], " ");
        if let Some(Dialog::Note {
            note, tags, field, ..
        }) = self.bookmarks.dialog.as_mut()
        {
            if *field == 0 {
                note.insert_str(&one_line);
            } else {
                tags.insert_str(&one_line);
            }
            return true;
        }
        if let Some(p) = self.bookmarks.pane.as_mut()
            && p.filtering
        {
            p.filter.insert_str(&one_line);
            self.refresh_pane();
            return true;
        }
        false
    }

    fn save_note_dialog(&mut self) {
        let Some(Dialog::Note {
            target, note, tags, ..
        }) = self.bookmarks.dialog.take()
        else {
            return;
        };
        let text = crate::bookmarks::clean_note(note.text());
        let tag_list = parse_tags(tags.text());
        match target {
            NoteTarget::New(at) => self.add_bookmark(at, &text, tag_list),
            NoteTarget::Edit(id) => {
                if let Some(b) = self.bookmarks.list.iter_mut().find(|b| b.id == id) {
                    b.note = text;
                    b.tags = tag_list;
                    let b = Box::new(b.clone());
                    self.notice = Some(strings::note_saved(&id));
                    self.refresh_pane();
                    self.send_ops(vec![Op::Update(b)]);
                }
            }
        }
    }

    /// `E`: the export dialog.
    pub fn open_export(&mut self) {
        if self.bookmarks.list.is_empty() {
            self.notice = Some(strings::NOTHING_TO_EXPORT.into());
            return;
        }
        let dir = std::env::current_dir().unwrap_or_else(|_| ".".into());
        self.bookmarks.dialog = Some(Dialog::Export { selected: 0, dir });
    }

    fn export(&mut self, format: Format) {
        let Some(Dialog::Export { dir, .. }) = self.bookmarks.dialog.take() else {
            return;
        };
        self.notice = Some(strings::exporting(format.extension()));
        self.effects
            .push(Effect::Bookmarks(Request::Export { format, dir }));
    }

    /// Keys while the bookmarks pane is open (`scope`: the list, or its filter box).
    pub(super) fn bookmarks_key(&mut self, scope: KeyScope, action: Option<Action>, key: KeyEvent) {
        if scope == KeyScope::BookmarkFilter {
            match action {
                Some(Action::ClearFilter) => {
                    if let Some(p) = self.bookmarks.pane.as_mut() {
                        p.filtering = false;
                        p.filter = Input::new();
                    }
                    self.refresh_pane();
                }
                Some(Action::EndFilter) => {
                    if let Some(p) = self.bookmarks.pane.as_mut() {
                        p.filtering = false;
                    }
                }
                Some(Action::ToggleTelex) => {
                    if let Some(p) = self.bookmarks.pane.as_mut() {
                        p.filter.toggle_telex();
                    }
                }
                _ => {
                    let changed = self
                        .bookmarks
                        .pane
                        .as_mut()
                        .is_some_and(|p| p.filter.handle_key(key));
                    if changed {
                        if let Some(p) = self.bookmarks.pane.as_mut() {
                            p.selected = 0;
                        }
                        self.refresh_pane();
                    }
                }
            }
            return;
        }
        let Some(a) = action else {
            return;
        };
        let page = 5;
        match a {
            Action::Close => self.bookmarks.pane = None,
            Action::Quit => self.quit(),
            Action::Help => {
                self.help = true;
                self.help_scroll = 0;
            }
            Action::Down => self.pane_move(1),
            Action::Up => self.pane_move(-1),
            Action::PageDown => self.pane_move(page),
            Action::PageUp => self.pane_move(-page),
            Action::Top => self.pane_move(isize::MIN / 2),
            Action::Bottom => self.pane_move(isize::MAX / 2),
            Action::FilterBookmarks => {
                if let Some(p) = self.bookmarks.pane.as_mut() {
                    p.filtering = true;
                }
            }
            Action::Open => self.jump_to_bookmark(),
            Action::EditBookmark => {
                if let Some(i) = self.bookmarks.selected()
                    && !self.refuse_if_read_only()
                {
                    self.open_note_dialog(NoteTarget::Edit(self.bookmarks.list[i].id.clone()));
                }
            }
            Action::DeleteBookmark => self.delete_selected(),
            Action::Undo => self.undo_delete(),
            Action::SortBookmarks => {
                if let Some(p) = self.bookmarks.pane.as_mut() {
                    p.sort = match p.sort {
                        Sort::Added => Sort::Article,
                        Sort::Article => Sort::Added,
                    };
                }
                self.refresh_pane();
            }
            Action::Export => self.open_export(),
            _ => {}
        }
    }

    fn pane_move(&mut self, delta: isize) {
        if let Some(p) = self.bookmarks.pane.as_mut() {
            p.selected = super::navigation::step(p.selected, delta, p.rows.len());
        }
    }

    fn jump_to_bookmark(&mut self) {
        let Some(i) = self.bookmarks.selected() else {
            return;
        };
        match self.bookmarks.resolved.get(i).and_then(|r| r.at) {
            Some(at) => {
                self.bookmarks.pane = None;
                self.go_to_passage(at);
            }
            None => {
                self.notice = Some(strings::ORPHAN_CANNOT_OPEN.into());
            }
        }
    }

    fn delete_selected(&mut self) {
        let Some(i) = self.bookmarks.selected() else {
            return;
        };
        if self.refuse_if_read_only() {
            return;
        }
        let b = self.bookmarks.list.remove(i);
        let res = self.bookmarks.resolved.remove(i);
        self.bookmarks.refresh_marked();
        self.notice = Some(strings::deleted(&b.id));
        let id = b.id.clone();
        self.bookmarks.undo.push((b, res));
        // Rows index the list as it was: rebuild them, the cursor staying at its row.
        let row = self.bookmarks.pane.as_mut().map(|p| {
            p.rows.clear();
            p.selected
        });
        self.refresh_pane();
        if let (Some(p), Some(row)) = (self.bookmarks.pane.as_mut(), row) {
            p.selected = row.min(p.rows.len().saturating_sub(1));
        }
        self.send_ops(vec![Op::Remove(id)]);
    }

    fn undo_delete(&mut self) {
        let Some((b, res)) = self.bookmarks.undo.pop() else {
            self.notice = Some(strings::NOTHING_TO_UNDO.into());
            return;
        };
        self.notice = Some(strings::restored(&b.id));
        self.bookmarks.list.push(b.clone());
        self.bookmarks.resolved.push(res);
        self.bookmarks.refresh_marked();
        self.refresh_pane();
        if let Some(p) = self.bookmarks.pane.as_mut()
            && let Some(pos) = p
                .rows
                .iter()
                .position(|&i| i + 1 == self.bookmarks.list.len())
        {
            p.selected = pos;
        }
        self.send_ops(vec![Op::Add(Box::new(b))]);
    }
}

#[cfg(test)]
mod tests {

    use crossterm::event::{KeyCode, KeyModifiers};

    use super::*;
    use crate::app::Pane as Focus;

    fn app() -> App {
        let mut a = crate::app::tests::app(120, 40);
        a.bookmarks.loaded = true;
        a
    }

    use crate::app::tests::press;

    /// What the app asked of the bookmark thread since the last check, in order.
    fn requests(a: &mut App) -> Vec<Request> {
        a.sent
            .drain(..)
            .filter_map(|e| match e {
                crate::app::Effect::Bookmarks(r) => Some(r),
                _ => None,
            })
            .collect()
    }

    /// The ops the app asked the bookmark thread to save, in order.
    fn sent_ops(a: &mut App) -> Vec<Op> {
        requests(a)
            .into_iter()
            .filter_map(|r| match r {
                Request::Apply { ops, .. } => Some(ops),
                _ => None,
            })
            .flatten()
            .collect()
    }

    #[test]
    fn b_bookmarks_the_passage_at_the_top_of_the_reader_once() {
        let mut a = app();
        press(&mut a, "3jjjj");
        let at = a.current_passage().expect("a passage in view");
        press(&mut a, "b");
        assert_eq!(a.bookmarks.list.len(), 1);
        let b = a.bookmarks.list[0].clone();
        assert_eq!(b.quote.text, at.get(&a.corpus).text);
        assert!(a.bookmarks.is_marked(at));
        assert!(matches!(&sent_ops(&mut a)[..], [Op::Add(x)] if x.id == b.id));
        // Again: nothing new, the user is told it is there.
        press(&mut a, "b");
        assert_eq!(a.bookmarks.list.len(), 1);
        assert!(sent_ops(&mut a).is_empty());
        assert!(a.notice.as_deref().unwrap().contains("đã đánh dấu rồi"));
    }

    #[test]
    fn the_outline_selection_is_what_b_bookmarks_when_it_has_focus() {
        let mut a = app();
        press(&mut a, "2");
        for _ in 0..20 {
            if matches!(a.outline.selected_node(), Some(Node::Passage(..))) {
                break;
            }
            press(&mut a, "lj");
        }
        let Some(Node::Passage(selected)) = a.outline.selected_node() else {
            panic!("expected a passage row: {:?}", a.outline.selected_node());
        };
        press(&mut a, "b");
        assert_eq!(a.bookmarks.resolved[0].at, Some(selected));
    }

    #[test]
    fn capital_b_takes_a_note_and_tags_in_vietnamese() {
        let mut a = app();
        press(&mut a, "3jj");
        press(&mut a, "B");
        assert!(matches!(a.bookmarks.dialog, Some(Dialog::Note { .. })));
        press(&mut a, "Cải cách hành chính\t#cải-cách, kinh-tế số");
        // Telex turned on in one box stays on in the other.
        crate::app::tests::key(&mut a, KeyCode::Char('t'), KeyModifiers::CONTROL);
        press(&mut a, "\t");
        let Some(Dialog::Note { note, .. }) = &a.bookmarks.dialog else {
            panic!()
        };
        assert!(note.telex());
        press(&mut a, "\t");
        press(&mut a, "\n");
        assert!(a.bookmarks.dialog.is_none());
        let b = &a.bookmarks.list[0];
        assert_eq!(b.note, "Cải cách hành chính");
        assert_eq!(b.tags, ["cải-cách", "kinh-tế", "số"]);
        // B on a bookmarked passage edits it; Esc cancels without a change.
        sent_ops(&mut a);
        press(&mut a, "B");
        let Some(Dialog::Note { target, note, .. }) = &a.bookmarks.dialog else {
            panic!()
        };
        assert!(matches!(target, NoteTarget::Edit(_)));
        assert_eq!(note.text(), "Cải cách hành chính");
        press(&mut a, "\x1b");
        assert!(a.bookmarks.dialog.is_none() && sent_ops(&mut a).is_empty());
    }

    /// Three bookmarks on different passages of different articles.
    fn three(a: &mut App) -> Vec<String> {
        let mut ids = Vec::new();
        for d in [0usize, 2, 4] {
            let at = crate::bookmarks::doc_refs(&a.corpus, d)[3];
            a.bookmark(Some(at));
            ids.push(a.bookmarks.list.last().unwrap().id.clone());
        }
        // Distinct creation times, the last one newest.
        for (i, b) in a.bookmarks.list.iter_mut().enumerate() {
            b.created = format!("2026-11-2{i}T00:00:00Z");
        }
        sent_ops(a);
        ids
    }

    fn shown_ids(a: &App) -> Vec<String> {
        let p = a.bookmarks.pane.as_ref().unwrap();
        p.rows
            .iter()
            .map(|&i| a.bookmarks.list[i].id.clone())
            .collect()
    }

    #[test]
    fn the_pane_sorts_filters_and_jumps() {
        let mut a = app();
        let ids = three(&mut a);
        press(&mut a, "'");
        assert!(matches!(
            requests(&mut a).last(),
            Some(Request::Reload { .. })
        ));
        assert_eq!(
            shown_ids(&a),
            [ids[2].clone(), ids[1].clone(), ids[0].clone()],
            "newest first"
        );
        press(&mut a, "s");
        assert_eq!(
            shown_ids(&a),
            [ids[0].clone(), ids[1].clone(), ids[2].clone()],
            "article order"
        );
        // Filter without diacritics on the quote of the second.
        let word = a.bookmarks.list[1]
            .quote
            .text
            .split_whitespace()
            .max_by_key(|w| w.chars().count())
            .unwrap()
            .to_string();
        let folded = crate::text::fold_str(&word);
        press(&mut a, "/");
        press(&mut a, &folded);
        assert!(shown_ids(&a).contains(&ids[1]), "{folded}");
        press(&mut a, "\x1b");
        assert_eq!(shown_ids(&a).len(), 3, "Esc in the filter clears it");
        // Enter reads the selected bookmark.
        press(&mut a, "gj\n");
        assert!(a.bookmarks.pane.is_none());
        assert_eq!(a.focus, Focus::Reader);
        let at = a.bookmarks.resolved[1].at.unwrap();
        assert_eq!(a.reader.doc, Some(at.doc_index()));
        assert_eq!(a.current_passage(), Some(at));
    }

    #[test]
    fn the_filter_finds_notes_and_tags_without_diacritics() {
        let mut a = app();
        let ids = three(&mut a);
        a.bookmarks.list[2].note = "Trích cho phần Kinh tế".into();
        a.bookmarks.list[0].tags = vec!["cải-cách".into()];
        press(&mut a, "'/kinh te");
        assert_eq!(shown_ids(&a), [ids[2].clone()]);
        press(&mut a, "\x1b/#cai-cach");
        assert_eq!(shown_ids(&a), [ids[0].clone()]);
        press(&mut a, "\x1b/!cai-cach");
        assert_eq!(shown_ids(&a).len(), 2);
    }

    #[test]
    fn delete_and_undo() {
        let mut a = app();
        let ids = three(&mut a);
        press(&mut a, "'");
        requests(&mut a);
        press(&mut a, "jd");
        assert_eq!(shown_ids(&a), [ids[2].clone(), ids[0].clone()]);
        assert_eq!(a.bookmarks.pane.as_ref().unwrap().selected, 1);
        assert!(matches!(&sent_ops(&mut a)[..], [Op::Remove(id)] if id == &ids[1]));
        press(&mut a, "dd");
        assert!(shown_ids(&a).is_empty());
        assert!(a.bookmarks.marked.is_empty());
        press(&mut a, "uuu");
        assert_eq!(shown_ids(&a).len(), 3);
        assert_eq!(a.bookmarks.marked.len(), 3);
        let readded: Vec<String> = sent_ops(&mut a)
            .into_iter()
            .filter_map(|op| match op {
                Op::Add(b) => Some(b.id),
                _ => None,
            })
            .collect();
        assert_eq!(readded.len(), 3, "each undo saves the bookmark again");
        assert!(ids.iter().all(|id| readded.contains(id)));
        press(&mut a, "u");
        assert!(a.notice.as_deref().unwrap().contains("không có gì"));
    }

    #[test]
    fn an_older_list_from_the_thread_does_not_undo_newer_edits() {
        let mut a = app();
        three(&mut a);
        let seq = a.bookmarks.seq;
        a.on_bookmark_event(Event::Snapshot {
            seq: seq - 1,
            bookmarks: Vec::new(),
            resolved: Vec::new(),
        });
        assert_eq!(a.bookmarks.list.len(), 3);
        a.on_bookmark_event(Event::Status(crate::bookmarks::worker::FileFacts {
            moved_aside: Some("/d/b.json.corrupt-1".into()),
            ..Default::default()
        }));
        assert_eq!(a.bookmarks.list.len(), 3, "a notice alone changes no list");
        assert!(a.notice.as_deref().unwrap().contains("b.json.corrupt-1"));
        a.on_bookmark_event(Event::Snapshot {
            seq,
            bookmarks: Vec::new(),
            resolved: Vec::new(),
        });
        assert!(a.bookmarks.list.is_empty());
    }

    #[test]
    fn read_only_refuses_changes_with_the_reason() {
        let mut a = app();
        a.bookmarks.read_only = Some("bookmarks version 2".into());
        press(&mut a, "3jjb");
        assert!(a.bookmarks.list.is_empty());
        assert!(a.notice.as_deref().unwrap().contains("version 2"));
        assert!(sent_ops(&mut a).is_empty());
    }

    #[test]
    fn orphans_stay_listed_and_say_why_they_cannot_be_opened() {
        let mut a = app();
        three(&mut a);
        a.bookmarks.resolved[0] = Resolution {
            status: Status::Orphaned,
            at: None,
            similarity: 0.0,
        };
        press(&mut a, "'s");
        // Article order puts the orphan last.
        press(&mut a, "G\n");
        assert!(a.bookmarks.pane.is_some());
        assert!(a.notice.as_deref().unwrap().contains("mồ côi"));
    }

    #[test]
    fn the_finder_bookmarks_its_selection_with_ctrl_s() {
        let mut a = app();
        press(&mut a, "/");
        let f = a.finder.as_mut().unwrap();
        let at = crate::bookmarks::doc_refs(&a.corpus, 1)[1];
        f.hits = vec![crate::search::Hit {
            at,
            score: 1,
            ranges: vec![],
            slot: 0,
        }];
        crate::app::tests::key(&mut a, KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(a.finder.is_some(), "the finder stays open");
        assert!(a.bookmarks.is_marked(at));
    }

    #[test]
    fn export_asks_the_format_and_sends_the_job() {
        let mut a = app();
        press(&mut a, "E");
        assert!(a.bookmarks.dialog.is_none(), "nothing to export yet");
        three(&mut a);
        press(&mut a, "E");
        assert!(matches!(a.bookmarks.dialog, Some(Dialog::Export { .. })));
        press(&mut a, "c");
        assert!(a.bookmarks.dialog.is_none());
        assert!(matches!(
            requests(&mut a).last(),
            Some(Request::Export {
                format: Format::Csv,
                ..
            })
        ));
    }
}
