//! The 3,718 real articles of ../shared/corpora/baomoi-2017: every one builds without error
//! or panic, and nothing is lost. Skipped (with a message) when the folder is absent.

use std::path::PathBuf;

use nghiquyet::gazetteer::Gazetteer;
use nghiquyet::preprocess::build_document;

use crate::common;

fn articles_dir() -> Option<PathBuf> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/baomoi-2017/articles");
    dir.is_dir().then_some(dir)
}

#[test]
fn real_articles_build_and_lose_nothing() {
    let Some(dir) = articles_dir() else {
        eprintln!("skipped: ../shared/corpora/baomoi-2017/articles is absent");
        return;
    };
    let gaz = Gazetteer::embedded();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 3000,
        "expected the 3,718 articles, found {}",
        files.len()
    );
    let mut errors = Vec::new();
    let mut lost_total = Vec::new();
    let mut passages = 0usize;
    for f in &files {
        let raw = std::fs::read(f).unwrap();
        let stem = f.file_stem().unwrap().to_string_lossy();
        match build_document(&stem, &f.display().to_string(), &raw, gaz) {
            Ok(a) => {
                let d = a.document;
                assert!(!d.title.is_empty(), "{}: no title", f.display());
                assert!(!d.sections.is_empty(), "{}: no section", f.display());
                passages += d.passage_count();
                for (n, text) in common::lost_lines(&raw, &d) {
                    lost_total.push(format!("{}:{n}: {text}", f.display()));
                }
            }
            Err(e) => errors.push(format!("{}: {e}", f.display())),
        }
    }
    assert!(
        errors.is_empty(),
        "{} articles failed: {:?}",
        errors.len(),
        &errors[..errors.len().min(10)]
    );
    assert!(
        lost_total.is_empty(),
        "{} lines lost, e.g. {:?}",
        lost_total.len(),
        &lost_total[..lost_total.len().min(10)]
    );
    assert!(
        passages > files.len() * 3,
        "suspiciously few passages: {passages}"
    );
}

/// Places named in these real articles that are not what they are about: a gold company
/// (Phú Quý), a footballer (Xuân Trường), an architectural style (Hà Nội), a venue named in
/// one item of a list (TP HCM); and a commune the article is about, with its district.
#[test]
fn names_that_are_not_the_subject_in_real_articles() {
    let Some(dir) = articles_dir() else {
        eprintln!("skipped: ../shared/corpora/baomoi-2017/articles is absent");
        return;
    };
    let gaz = Gazetteer::embedded();
    let about = |id: &str| -> Vec<String> {
        let raw = std::fs::read(dir.join(format!("{id}.txt"))).unwrap();
        build_document(id, id, &raw, gaz)
            .unwrap()
            .document
            .localities
    };
    for (id, not) in [
        ("21472271", "d602"), // công ty vàng bạc đá quý Phú Quý
        ("21471887", "d364"), // Xuân Trường the footballer
        ("21478465", "p01"),  // lối kiến trúc Hà Nội
        ("21471188", "p79"),  // a tournament held in TP HCM, one item of ten
    ] {
        let got = about(id);
        assert!(!got.iter().any(|u| u == not), "{id}: {got:?}");
    }
    // A mother jumped from a bridge in xã Đại Lãnh (Đại Lộc, Quảng Nam).
    assert_eq!(about("21473885"), ["w20506"]);
}
