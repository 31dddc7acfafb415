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
