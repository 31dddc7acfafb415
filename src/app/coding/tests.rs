//! Coding by search: bulk tagging from the concordance and the finder, its counts, its one
//! request to the bookmark thread, and `u` taking it back as one step.

use crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::app::analysis::tests::{analysis, embedded, open_on, serve};
use crate::app::tests::{key, press};
use crate::app::{Effect, Scope};
use crate::bookmarks::worker::Request;

/// The Apply requests sent since the last check: their ops, one list per request.
fn applies(a: &mut App) -> Vec<Vec<Op>> {
    a.sent
        .drain(..)
        .filter_map(|e| match e {
            Effect::Bookmarks(Request::Apply { ops, .. }) => Some(ops),
            _ => None,
        })
        .collect()
}

/// The analysis view on `query`, in its concordance, served.
fn concordance(query: &str) -> App {
    let mut a = embedded();
    a.bookmarks.loaded = true;
    open_on(&mut a, query);
    press(&mut a, "\t\t");
    assert_eq!(analysis(&a).view, View::Concordance);
    serve(&mut a);
    assert!(
        analysis(&a).concordance_passages().len() >= 4,
        "enough lines"
    );
    a
}

#[test]
fn space_marks_lines_and_star_marks_all_then_none() {
    let mut a = concordance("nghi quyet");
    let all = analysis(&a).concordance_passages();
    press(&mut a, " ");
    assert_eq!(analysis(&a).line, 1, "Space moves on");
    press(&mut a, " ");
    assert_eq!(analysis(&a).tag_marks.len(), 2);
    press(&mut a, "k ");
    assert_eq!(analysis(&a).tag_marks.len(), 1, "Space again unmarks");
    press(&mut a, "*");
    assert_eq!(analysis(&a).tag_marks.len(), all.len());
    press(&mut a, "*");
    assert!(analysis(&a).tag_marks.is_empty());
    // Space still marks places in the places table.
    press(&mut a, "\t\t");
    assert_eq!(analysis(&a).view, View::Places);
    press(&mut a, " ");
    assert_eq!(analysis(&a).marked.len(), 1);
}

#[test]
fn t_tags_the_marked_lines_in_one_request_and_counts_new_added_already() {
    let mut a = concordance("nghi quyet");
    let all = analysis(&a).concordance_passages();
    // Line 0's passage has a bookmark with the tag, line 1's one without it.
    let b0 = Bookmark::new(&a.corpus, all[0], "", vec!["Nhà-ở".into()]);
    let b1 = Bookmark::new(&a.corpus, all[1], "", vec!["khác".into()]);
    for b in [b0.clone(), b1.clone()] {
        a.bookmarks.list.push(b);
        a.bookmarks.resolved.push(Resolution {
            status: Status::Ok,
            at: Some(all[a.bookmarks.resolved.len()]),
            similarity: 1.0,
        });
    }
    a.bookmarks.refresh_marked();
    applies(&mut a);
    // Mark the first four lines' passages.
    for at in &all[..4] {
        analysis_mut(&mut a).tag_marks.insert(*at);
    }
    press(&mut a, "t");
    assert_eq!(a.key_scope(), Scope::NoteDialog);
    press(&mut a, "nhà-ở\n");
    assert_eq!(a.key_scope(), Scope::Analysis);
    let notice = a.notice.clone().unwrap();
    assert!(
        notice.starts_with("thẻ \"nhà-ở\": 2 đánh dấu mới · 1 gắn thêm · 1 đã có"),
        "{notice}"
    );
    let sent = applies(&mut a);
    assert_eq!(sent.len(), 1, "one request: {sent:?}");
    let ops = &sent[0];
    assert_eq!(ops.len(), 3);
    assert!(matches!(&ops[0], Op::Tag { id, tag } if *id == b1.id && tag == "nhà-ở"));
    assert!(
        ops[1..]
            .iter()
            .all(|o| matches!(o, Op::TagPassage(b) if b.tags == ["nhà-ở"]))
    );
    assert_eq!(a.bookmarks.list.len(), 4);
    assert!(has_tag(&a.bookmarks.list[1].tags, "nhà-ở"));
    for at in &all[..4] {
        assert!(a.bookmarks.is_marked(*at));
    }

    // `u`: one step takes it all back, in one request.
    press(&mut a, "u");
    let sent = applies(&mut a);
    assert_eq!(sent.len(), 1);
    let ops = &sent[0];
    assert_eq!(ops.len(), 3);
    assert_eq!(ops.iter().filter(|o| matches!(o, Op::Remove(_))).count(), 2);
    assert!(
        ops.iter()
            .any(|o| matches!(o, Op::Untag { id, tag } if *id == b1.id && tag == "nhà-ở"))
    );
    assert_eq!(a.bookmarks.list.len(), 2);
    assert_eq!(a.bookmarks.resolved.len(), 2);
    assert_eq!(a.bookmarks.list[1].tags, ["khác"]);
    assert_eq!(a.bookmarks.list[0].tags, ["Nhà-ở"]);
    assert!(!a.bookmarks.is_marked(all[2]));
    press(&mut a, "u");
    assert!(a.notice.as_deref().unwrap().contains("không có gì"));
}

fn analysis_mut(a: &mut App) -> &mut crate::app::analysis::Analysis {
    a.analysis.as_mut().unwrap()
}

#[test]
fn t_with_nothing_marked_tags_every_line_and_esc_cancels() {
    let mut a = concordance("nghi quyet");
    let all = analysis(&a).concordance_passages();
    applies(&mut a);
    press(&mut a, "t");
    press(&mut a, "x\x1b");
    assert!(a.bookmarks.dialog.is_none() && applies(&mut a).is_empty());
    press(&mut a, "tcải-cách\n");
    assert_eq!(a.bookmarks.list.len(), all.len());
    let sent = applies(&mut a);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].len(), all.len());
    // Again: every one has it already, nothing is sent, nothing to undo.
    press(&mut a, "tcải-cách\n");
    assert!(applies(&mut a).is_empty());
    assert!(a.notice.as_deref().unwrap().contains(&format!(
        "0 đánh dấu mới · 0 gắn thêm · {} đã có",
        all.len()
    )));
    assert_eq!(a.bookmarks.undo.len(), 1);
}

#[test]
fn nothing_is_tagged_before_the_bookmarks_file_is_read() {
    let mut a = concordance("nghi quyet");
    a.bookmarks.loaded = false;
    press(&mut a, "t");
    assert!(a.bookmarks.dialog.is_none());
    assert_eq!(a.notice.as_deref(), Some(strings::BOOKMARKS_LOADING));
}

#[test]
fn a_read_only_file_refuses_bulk_tagging() {
    let mut a = concordance("nghi quyet");
    a.bookmarks.read_only = Some("chỉ đọc".into());
    press(&mut a, "t");
    assert!(a.bookmarks.dialog.is_none());
    assert_eq!(a.notice.as_deref(), Some("chỉ đọc"));
}

#[test]
fn alt_t_in_the_finder_tags_its_hits() {
    let mut a = embedded();
    a.bookmarks.loaded = true;
    press(&mut a, "/nghi quyet");
    crate::app::tests::serve_search(&mut a);
    let hits: Vec<PassageRef> = dedup(a.finder.as_ref().unwrap().hits.iter().map(|h| h.at));
    assert!(!hits.is_empty());
    applies(&mut a);
    key(&mut a, KeyCode::Char('t'), KeyModifiers::ALT);
    assert_eq!(a.key_scope(), Scope::NoteDialog);
    press(&mut a, "chính-sách\n");
    assert_eq!(a.key_scope(), Scope::Finder, "the finder stays open");
    assert_eq!(a.bookmarks.list.len(), hits.len());
    assert_eq!(applies(&mut a).len(), 1);
    // When it found more than it holds, the notice says how many were left out.
    a.finder.as_mut().unwrap().total += 5;
    key(&mut a, KeyCode::Char('t'), KeyModifiers::ALT);
    assert!(matches!(
        &a.bookmarks.dialog,
        Some(crate::app::bookmarks::Dialog::Prompt {
            purpose: Prompt::Tag { left_out: 5, .. },
            ..
        })
    ));
    press(&mut a, "khác\n");
    let notice = a.notice.clone().unwrap();
    assert!(
        notice.contains("2000") && notice.contains("5 kết quả sau"),
        "{notice}"
    );
}
