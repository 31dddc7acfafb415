//! The note dialog (`B`, `e`) and the export dialog (`E`).

use std::collections::HashSet;

use crossterm::event::KeyEvent;

use super::{Dialog, NoteTarget};
use crate::app::{Action, App, Effect, strings};
use crate::bookmarks::export::Format;
use crate::bookmarks::worker::Request;
use crate::bookmarks::{Op, parse_tags};

impl App {
    /// Keys while the note or export dialog is open: the dialog's actions from the keymap;
    /// in the note dialog other keys type.
    pub(in crate::app) fn dialog_key(&mut self, action: Option<Action>, key: KeyEvent) {
        let Some(dialog) = self.bookmarks.dialog.as_mut() else {
            return;
        };
        match dialog {
            Dialog::Prompt { .. } => self.prompt_key(action, key),
            Dialog::Export {
                selected,
                shown,
                all,
                ..
            } => match action {
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
                Some(Action::ExportQdpx) => self.export(Format::Qdpx),
                Some(Action::ExportCodebook) => self.export(Format::Codebook),
                // Only a filtered pane has a subset to choose from (and an empty one none).
                Some(Action::ExportAll) if shown.as_ref().is_some_and(|s| !s.is_empty()) => {
                    *all = !*all;
                }
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
    pub(in crate::app) fn bookmarks_paste(&mut self, text: &str) -> bool {
        let one_line = text.replace(['\r', '\n'], " ");
        if let Some(Dialog::Prompt { input, .. }) = self.bookmarks.dialog.as_mut() {
            input.insert_str(&one_line);
            return true;
        }
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

    pub(super) fn save_note_dialog(&mut self) {
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
        // What the pane shows is what is exported, unless its filter hides none.
        let bm = &self.bookmarks;
        let shown = bm
            .pane
            .as_ref()
            .filter(|p| p.rows.len() < bm.list.len())
            .map(|p| {
                p.rows
                    .iter()
                    .filter_map(|&i| bm.list.get(i).map(|b| b.id.clone()))
                    .collect::<HashSet<String>>()
            });
        // A filter that shows nothing leaves only everything to export.
        let all = shown.as_ref().is_some_and(HashSet::is_empty);
        self.bookmarks.dialog = Some(Dialog::Export {
            selected: 0,
            dir,
            shown,
            all,
        });
    }

    pub(super) fn export(&mut self, format: Format) {
        let Some(Dialog::Export {
            dir, shown, all, ..
        }) = self.bookmarks.dialog.take()
        else {
            return;
        };
        let only = shown.filter(|_| !all);
        self.notice = Some(strings::exporting(format.extension()));
        self.effects
            .push(Effect::Bookmarks(Request::Export { format, dir, only }));
    }
}
