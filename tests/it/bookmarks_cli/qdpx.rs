//! `bookmarks export --format qdpx -o FILE.qdpx` (issue 15): a REFI-QDA project whose
//! selections quote exactly what was bookmarked, orphans included; never over a file.
//! (Its structure against the schema is checked in `src/bookmarks/export/qdpx/tests.rs`.)

use std::collections::HashMap;
use std::io::Read as _;

use nghiquyet::bookmarks::BookmarkFile;
use nghiquyet::bookmarks::codebook::{Code, Codebook};
use nghiquyet::bookmarks::export::qdpx::{NAMESPACE, PROJECT_FILE};

use super::export::fixed_bookmarks;
use super::{Env, stderr};

fn unzip(path: &std::path::Path) -> HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.is_dir() {
            continue;
        }
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        out.insert(f.name().unwrap().to_string(), s);
    }
    out
}

#[test]
fn a_qdpx_export_unzips_and_every_selection_quotes_its_bookmark() {
    let env = Env::new();
    let list = fixed_bookmarks();
    let mut file = BookmarkFile::new(list.clone());
    let mut codebook = Codebook::default();
    codebook.tags.insert(
        "kinh-tế".into(),
        Code {
            description: "Kinh tế: tăng trưởng, đầu tư".into(),
            updated: None,
        },
    );
    codebook.store(&mut file.extra);
    std::fs::create_dir_all(env.bookmarks.parent().unwrap()).unwrap();
    std::fs::write(&env.bookmarks, serde_json::to_string_pretty(&file).unwrap()).unwrap();

    // A zip is not for a terminal: -o is needed.
    let o = env.run(&["bookmarks", "export", "--format", "qdpx"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("-o FILE.qdpx"), "{}", stderr(&o));

    let out = env.path("du-an.qdpx");
    let args = [
        "bookmarks",
        "export",
        "--format",
        "qdpx",
        "-o",
        out.to_str().unwrap(),
    ];
    let o = env.run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("wrote 9 bookmarks"), "{}", stderr(&o));

    let files = unzip(&out);
    let doc = roxmltree::Document::parse(&files[PROJECT_FILE]).unwrap();
    assert_eq!(doc.root_element().tag_name().namespace(), Some(NAMESPACE));
    let code = doc
        .descendants()
        .find(|n| n.has_tag_name((NAMESPACE, "Code")) && n.attribute("name") == Some("kinh-tế"))
        .unwrap();
    assert_eq!(
        code.children()
            .find(|n| n.has_tag_name((NAMESPACE, "Description")))
            .and_then(|n| n.text()),
        Some("Kinh tế: tăng trưởng, đầu tư")
    );
    let mut quoted = 0;
    for s in doc
        .descendants()
        .filter(|n| n.has_tag_name((NAMESPACE, "TextSource")))
    {
        let path = s.attribute("plainTextPath").unwrap();
        let name = path.strip_prefix("internal://").unwrap();
        let text: Vec<char> = files[&format!("sources/{name}")].chars().collect();
        for sel in s
            .children()
            .filter(|n| n.has_tag_name((NAMESPACE, "PlainTextSelection")))
        {
            let b = list
                .iter()
                .find(|b| Some(b.id.as_str()) == sel.attribute("name"))
                .unwrap();
            let at = |a: &str| sel.attribute(a).unwrap().parse::<usize>().unwrap();
            let slice: String = text[at("startPosition")..at("endPosition")]
                .iter()
                .collect();
            assert_eq!(slice, b.quote.text, "{}", b.id);
            quoted += 1;
        }
    }
    assert_eq!(quoted, list.len(), "orphans too: each quote as saved");

    // Never over an existing file (not even its own earlier export) without --force.
    let before = std::fs::read(&out).unwrap();
    let o = env.run(&args);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("exists") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), before);
    let mut forced = args.to_vec();
    forced.push("--force");
    let o = env.run(&forced);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        before,
        "the same bookmarks, the same bytes"
    );
}
