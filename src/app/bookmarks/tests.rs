//! Bookmarks in the browser: keys → state and requests for the bookmark thread.

use crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::app::Pane as Focus;
use crate::bookmarks::export::Format;

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
        exact: true,
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

/// `b` in the export dialog writes the codebook; ↓ reaches it too (the last format).
#[test]
fn the_export_dialog_offers_the_codebook() {
    let mut a = app();
    three(&mut a);
    press(&mut a, "Eb");
    assert_eq!(export_sent(&mut a).0, Format::Codebook);
    press(&mut a, "E");
    for _ in 1..Format::ALL.len() {
        crate::app::tests::key(&mut a, KeyCode::Down, KeyModifiers::NONE);
    }
    crate::app::tests::key(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(export_sent(&mut a).0, Format::Codebook);
}

/// The export the app asked for last: its format and the ids it keeps to (None: all).
fn export_sent(a: &mut App) -> (Format, Option<Vec<String>>) {
    match requests(a).pop() {
        Some(Request::Export { format, only, .. }) => (
            format,
            only.map(|s| {
                let mut v: Vec<String> = s.into_iter().collect();
                v.sort();
                v
            }),
        ),
        r => panic!("{r:?}"),
    }
}

#[test]
fn a_filtered_pane_exports_what_it_shows_or_all_with_a() {
    let mut a = app();
    let ids = three(&mut a);
    a.bookmarks.list[1].note = "riêng bài này".into();
    press(&mut a, "'/rieng\n");
    assert_eq!(shown_ids(&a), [ids[1].clone()]);
    press(&mut a, "E");
    let Some(Dialog::Export { shown, all, .. }) = &a.bookmarks.dialog else {
        panic!("the export dialog")
    };
    assert_eq!(shown.as_ref().map(HashSet::len), Some(1));
    assert!(!all);
    let what = strings::export_what(Some(1), 3, false);
    assert_eq!(what, "1/3 đánh dấu (đang lọc) · a: tất cả");
    press(&mut a, "c");
    assert_eq!(
        export_sent(&mut a),
        (Format::Csv, Some(vec![ids[1].clone()]))
    );
    // `a` in the dialog: every bookmark, and back.
    press(&mut a, "Eaj");
    assert_eq!(export_sent(&mut a), (Format::Json, None));
    press(&mut a, "Eaa\n");
    assert_eq!(export_sent(&mut a).1, Some(vec![ids[1].clone()]));
    // `Q`: a REFI-QDA project of what the pane shows (issue 15).
    press(&mut a, "EQ");
    assert_eq!(
        export_sent(&mut a),
        (Format::Qdpx, Some(vec![ids[1].clone()]))
    );
    // The notice says how many of how many.
    a.on_bookmark_event(Event::Exported(Ok(crate::bookmarks::worker::Exported {
        path: "/tmp/x.csv".into(),
        count: 1,
        total: 3,
    })));
    assert_eq!(
        a.notice.as_deref(),
        Some("đã xuất 1/3 đánh dấu (đang lọc) → /tmp/x.csv")
    );
}

#[test]
fn an_unfiltered_pane_or_no_pane_exports_all() {
    let mut a = app();
    three(&mut a);
    press(&mut a, "Em");
    assert_eq!(export_sent(&mut a), (Format::Md, None));
    press(&mut a, "'Eac");
    assert_eq!(
        export_sent(&mut a),
        (Format::Csv, None),
        "a: nothing to switch"
    );
    // A filter that hides every bookmark leaves all of them to export.
    press(&mut a, "/zzzz\nE");
    assert!(matches!(
        a.bookmarks.dialog,
        Some(Dialog::Export { all: true, .. })
    ));
    press(&mut a, "a\n");
    assert_eq!(export_sent(&mut a).1, None);
}
