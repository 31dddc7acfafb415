//! The tags pane: rows nested and counted, describe and rename send their ops, Enter lists
//! a tag's bookmarks.

use super::*;
use crate::app::Effect;
use crate::app::tests::press;
use crate::bookmarks::worker::Request;
use crate::bookmarks::{Bookmark, Resolution, Status};

fn ops(a: &mut App) -> Vec<Op> {
    a.sent
        .drain(..)
        .filter_map(|e| match e {
            Effect::Bookmarks(Request::Apply { ops, .. }) => Some(ops),
            _ => None,
        })
        .flatten()
        .collect()
}

/// The app with three bookmarks: `kinh-tế/nhà-ở`, `kinh-tế` and `xã-hội`, `kinh-tế-số`.
fn app() -> App {
    let mut a = crate::app::tests::app(120, 40);
    a.bookmarks.loaded = true;
    let at: Vec<crate::corpus::PassageRef> = a
        .corpus
        .documents
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| {
            doc.sections.iter().enumerate().flat_map(move |(s, sec)| {
                (0..sec.passages.len()).map(move |p| crate::corpus::PassageRef::new(d, s, p))
            })
        })
        .take(3)
        .collect();
    for (i, tags) in [
        vec!["kinh-tế/nhà-ở"],
        vec!["Kinh-tế", "xã-hội"],
        vec!["kinh-tế-số"],
    ]
    .into_iter()
    .enumerate()
    {
        let tags = tags.into_iter().map(String::from).collect();
        a.bookmarks
            .list
            .push(Bookmark::new(&a.corpus, at[i], "", tags));
        a.bookmarks.resolved.push(Resolution {
            status: Status::Ok,
            at: Some(at[i]),
            similarity: 1.0,
        });
    }
    a.bookmarks
        .codebook
        .tags
        .entry("xã-hội".into())
        .or_default()
        .description = "đời sống".into();
    a
}

fn rows(a: &App) -> Vec<(String, usize, usize)> {
    a.bookmarks
        .tags
        .as_ref()
        .unwrap()
        .rows
        .iter()
        .map(|r| (r.tag.clone(), r.depth, r.count))
        .collect()
}

#[test]
fn t_lists_tags_nested_with_parents_counting_children_once() {
    let mut a = app();
    press(&mut a, "T");
    assert_eq!(a.key_scope(), crate::app::Scope::Tags);
    assert_eq!(
        rows(&a),
        [
            ("kinh-tế".into(), 0, 2),
            ("kinh-tế/nhà-ở".into(), 1, 1),
            ("kinh-tế-số".into(), 0, 1),
            ("xã-hội".into(), 0, 1),
        ]
    );
    press(&mut a, "\x1b");
    assert!(a.bookmarks.tags.is_none());
}

#[test]
fn e_describes_and_r_renames_or_merges() {
    let mut a = app();
    press(&mut a, "T");
    a.sent.clear();
    // `e` on kinh-tế: the prompt, the description sent.
    press(&mut a, "e");
    assert_eq!(a.key_scope(), crate::app::Scope::NoteDialog);
    press(&mut a, "kinh tế\n");
    assert_eq!(
        ops(&mut a),
        [Op::Describe {
            tag: "kinh-tế".into(),
            description: "kinh tế".into()
        }]
    );
    assert_eq!(a.bookmarks.codebook.description("kinh-tế"), "kinh tế");
    // `r`: a new name (the prompt starts with the old one).
    press(&mut a, "r");
    for _ in 0.."kinh-tế".chars().count() {
        crate::app::tests::key(
            &mut a,
            crossterm::event::KeyCode::Backspace,
            crossterm::event::KeyModifiers::NONE,
        );
    }
    press(&mut a, "econ\n");
    assert_eq!(
        ops(&mut a),
        [Op::RenameTag {
            from: "kinh-tế".into(),
            to: "econ".into()
        }]
    );
    assert!(a.notice.as_deref().unwrap().contains("đổi tên"));
    assert_eq!(a.bookmarks.list[0].tags, ["econ/nhà-ở"]);
    assert_eq!(a.bookmarks.list[1].tags, ["econ", "xã-hội"]);
    assert_eq!(
        a.bookmarks.list[2].tags,
        ["kinh-tế-số"],
        "only under the tag"
    );
    assert_eq!(a.bookmarks.codebook.description("econ"), "kinh tế");
    // Into a tag that exists: a merge, and the notice says so.
    press(&mut a, "jjj");
    assert_eq!(
        a.bookmarks.tags.as_ref().unwrap().selected_tag(),
        Some("xã-hội")
    );
    press(&mut a, "r");
    for _ in 0.."xã-hội".chars().count() {
        crate::app::tests::key(
            &mut a,
            crossterm::event::KeyCode::Backspace,
            crossterm::event::KeyModifiers::NONE,
        );
    }
    press(&mut a, "econ\n");
    assert!(a.notice.as_deref().unwrap().contains("gộp"));
    assert_eq!(a.bookmarks.list[1].tags, ["econ"]);
    assert!(matches!(&ops(&mut a)[..], [Op::RenameTag { .. }]));
}

#[test]
fn enter_lists_the_bookmarks_of_a_tag_and_those_under_it() {
    let mut a = app();
    press(&mut a, "T\n");
    assert!(a.bookmarks.tags.is_none());
    let p = a.bookmarks.pane.as_ref().expect("the bookmarks pane");
    assert_eq!(p.tag.as_deref(), Some("kinh-tế"));
    assert_eq!(p.rows.len(), 2, "kinh-tế and kinh-tế/nhà-ở, not kinh-tế-số");
    // From the bookmarks pane too.
    press(&mut a, "T");
    assert!(a.bookmarks.tags.is_some());
}

#[test]
fn m_shows_tags_by_places_and_enter_lists_a_cells_bookmarks() {
    let mut a = app();
    press(&mut a, "TM");
    let view = a
        .bookmarks
        .tags
        .as_ref()
        .unwrap()
        .matrix
        .clone()
        .expect("M: the matrix");
    assert_eq!(view.m.tags[0].to_lowercase(), "kinh-tế");
    let (t, p) = view.cell().unwrap();
    assert!(
        view.m.count(t, p) > 0,
        "the cursor starts on a cell with passages"
    );
    // Every cell the cursor visits holds passages; j walks them all.
    for _ in 0..view.cells.len() {
        let v = a.bookmarks.tags.as_ref().unwrap().matrix.as_ref().unwrap();
        let (t, p) = v.cell().unwrap();
        assert!(v.m.count(t, p) > 0);
        press(&mut a, "j");
    }
    // Back to the first cell.
    for _ in 0..view.cells.len() {
        press(&mut a, "k");
    }
    let want: Vec<String> = view.m.cells[t][p]
        .iter()
        .map(|&i| a.bookmarks.list[i].id.clone())
        .collect();
    press(&mut a, "\n");
    assert!(a.bookmarks.tags.is_none());
    let pane = a.bookmarks.pane.as_ref().expect("the bookmarks pane");
    let shown: Vec<String> = pane
        .rows
        .iter()
        .map(|&i| a.bookmarks.list[i].id.clone())
        .collect();
    assert_eq!(shown.len(), want.len());
    assert!(want.iter().all(|id| shown.contains(id)));
    assert!(
        pane.only
            .as_ref()
            .unwrap()
            .0
            .to_lowercase()
            .contains("kinh-tế")
    );
    // Esc in the matrix goes back to the list, then closes.
    press(&mut a, "\x1bTM\x1b");
    let tags = a.bookmarks.tags.as_ref().unwrap();
    assert!(tags.matrix.is_none());
    press(&mut a, "\x1b");
    assert!(a.bookmarks.tags.is_none());
}

/// `c` in the matrix: columns are the places themselves, then provinces again; the cells
/// are the library's for that level.
#[test]
fn c_switches_the_matrix_between_provinces_and_places() {
    use crate::analysis::counts::By;
    let mut a = app();
    press(&mut a, "TMc");
    let v = a.bookmarks.tags.as_ref().unwrap().matrix.clone().unwrap();
    assert_eq!(v.by, By::Locality);
    let at: Vec<_> = a.bookmarks.resolved.iter().map(|r| r.at).collect();
    let want = crate::bookmarks::matrix::matrix(&a.corpus, &a.bookmarks.list, &at, By::Locality);
    assert_eq!(v.m, want);
    press(&mut a, "c");
    let v = a.bookmarks.tags.as_ref().unwrap().matrix.clone().unwrap();
    assert_eq!(v.by, By::Province);
    // E exports the whole matrix at its level, as CSV, through the bookmark thread.
    a.sent.clear();
    press(&mut a, "cE");
    let asked: Vec<_> = a
        .sent
        .iter()
        .filter_map(|e| match e {
            Effect::Bookmarks(Request::Export { format, only, .. }) => {
                Some((*format, only.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        asked,
        [(crate::bookmarks::export::Format::Matrix(By::Locality), None)]
    );
}

#[test]
fn the_wheel_moves_the_tags_pane_not_the_bookmarks_pane_under_it() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut a = app();
    press(&mut a, "'T");
    let mouse = |a: &mut App, kind| {
        crate::app::tests::send(
            a,
            crate::app::Event::Mouse(MouseEvent {
                kind,
                column: 30,
                row: 10,
                modifiers: KeyModifiers::NONE,
            }),
        );
    };
    mouse(&mut a, MouseEventKind::ScrollDown);
    assert!(a.bookmarks.tags.as_ref().unwrap().selected > 0);
    mouse(&mut a, MouseEventKind::Down(MouseButton::Left));
    assert_eq!(a.bookmarks.pane.as_ref().unwrap().selected, 0);
    assert!(a.bookmarks.tags.is_some());
}
