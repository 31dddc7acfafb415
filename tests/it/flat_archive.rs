//! The one-line-body archive `baomoi-2017-flat` (unpacked at /tmp/nq, see
//! ../shared/corpora/README.md): a deterministic sample of 300 articles builds into
//! paragraph-sized passages, with captions and bylines split off and nothing lost. Skipped
//! (with a message) when the folder is absent.

use std::path::{Path, PathBuf};

use nghiquyet::gazetteer::Gazetteer;

use crate::common;
use nghiquyet::preprocess::{LineClass, build_document, flat};

const DIR: &str = "/tmp/nq/baomoi-2017-flat";

/// Every `len / 300`-th file in name order.
fn sample(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let step = (files.len() / 300).max(1);
    files.into_iter().step_by(step).take(300).collect()
}

#[test]
fn flattened_bodies_are_split_into_passages_captions_and_bylines() {
    let dir = Path::new(DIR);
    if !dir.is_dir() {
        eprintln!(
            "skipped: {DIR} is absent (mkdir -p /tmp/nq && tar -xzf \
             ../shared/corpora/baomoi-2017-flat.tar.gz -C /tmp/nq)"
        );
        return;
    }
    let gaz = Gazetteer::embedded();
    let files = sample(dir);
    assert!(
        files.len() >= 250,
        "expected 300 files, found {}",
        files.len()
    );
    let (mut with_author, mut with_photo_credit, mut with_caption) = (0, 0, 0);
    for f in &files {
        let raw = std::fs::read(f).unwrap();
        let stem = f.file_stem().unwrap().to_string_lossy();
        let a = build_document(&stem, &f.display().to_string(), &raw, gaz)
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let d = &a.document;
        for p in d.passages() {
            let n = p.text.chars().count();
            assert!(
                n <= 3000 || flat::sentence_ranges(&p.text).len() == 1,
                "{}: passage {} of {n} chars and several sentences",
                f.display(),
                p.id
            );
        }
        // Nothing dropped: the pieces hold every letter and digit of their line, and each
        // piece is somewhere in the document.
        let mut fields: Vec<&str> = d.passages().map(|p| p.text.as_str()).collect();
        fields.extend(d.sections.iter().filter_map(|s| s.heading.as_deref()));
        fields.extend(d.byline.as_deref());
        // A sapo repeated at the start of the body is removed as a repeated lead, with its text.
        fields.extend(d.removed.iter().map(|r| r.text.as_str()));
        fields.extend(d.dateline.as_deref());
        fields.extend(d.credits.iter().map(String::as_str));
        fields.extend(d.tags.iter().map(String::as_str));
        let lost = common::pieces_lost(&a.lines, &fields);
        assert!(lost.is_empty(), "{}: {lost:?}", f.display());
        with_author += usize::from(d.author.is_some());
        let body_has_credit = a
            .lines
            .iter()
            .filter(|l| matches!(l.class, LineClass::Paragraph | LineClass::Lead))
            .any(|l| l.text.contains("Ảnh:"));
        if body_has_credit {
            with_photo_credit += 1;
            let caption = d.passages().any(|p| p.kind.as_str() == "caption");
            with_caption += usize::from(caption);
        }
    }
    let n = files.len();
    // About a third of these articles end with no signature at all (the last sentence, then
    // nothing): ~50 % with an author is what the text allows.
    assert!(
        with_author * 100 >= n * 45,
        "{with_author} of {n} documents have an author"
    );
    assert!(
        with_caption * 100 >= with_photo_credit * 80,
        "captions found in {with_caption} of {with_photo_credit} documents with \"Ảnh:\""
    );
}
