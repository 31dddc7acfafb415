//! A `.qdpx` round trip: unzip, parse `project.qde`, and check it against the REFI-QDA
//! schema's rules for what we write, and every selection against the bookmark it comes from.
//!
//! Why no validation against `Project-mrt2019.xsd` itself: the schema is MIT-licensed, but
//! no maintained pure-Rust XSD validator exists (the ones that work bind libxml2, a C
//! library this crate does not otherwise need). So [`conforms`] states by hand, for every
//! element this export writes, the schema's content model (which children, in which order,
//! how many), its required attributes and the types of the GUID, integer, boolean and
//! dateTime attributes; the element and attribute names are copied from the schema.

use std::collections::{HashMap, HashSet};
use std::io::Read as _;

use super::*;
use crate::bookmarks::codebook::Code;
use crate::bookmarks::{doc_refs, parse_tags};

/// Bookmarks of the embedded corpus: nested and case-variant tags, a note with markup
/// characters and a line break, one re-anchored (its passage id changed), one orphaned
/// (its passage rewritten), one with neither note nor tags.
fn fixture(corpus: &Corpus) -> (Vec<Bookmark>, Codebook) {
    let at = |d: usize, i: usize| doc_refs(corpus, d)[i];
    let mut list = vec![
        Bookmark::new(
            corpus,
            at(0, 3),
            "Vai trò <Thành ủy> & \"HĐND\"\ndòng hai",
            parse_tags("kinh-tế/nhà-ở, lãnh-đạo"),
        ),
        Bookmark::new(corpus, at(0, 13), "", parse_tags("Kinh-tế")),
        Bookmark::new(corpus, at(3, 5), "", vec![]),
        Bookmark::new(corpus, at(4, 1), "đã chuyển", parse_tags("lãnh-đạo")),
        Bookmark::new(corpus, at(1, 2), "mồ côi", parse_tags("cũ/mồ-côi")),
    ];
    list[3].passage = "p-old".into();
    list[4].passage = "p-gone".into();
    list[4].quote.text = "Một đoạn <đã viết lại> & không còn trong kho.".into();
    for (n, b) in list.iter_mut().enumerate() {
        b.id = format!("b{n:010}");
        b.created = format!("2026-01-0{}T08:30:00Z", n + 1);
    }
    list[0].updated = Some("2026-02-01T09:00:00Z".into());
    let mut codebook = Codebook::default();
    for (tag, description) in [
        ("kinh-tế", "Kinh tế & xã hội <chung>"),
        ("kinh-tế/nhà-ở", "Nhà ở xã hội"),
        ("chưa-dùng", "Chưa đoạn nào"),
    ] {
        codebook.tags.insert(
            tag.into(),
            Code {
                description: description.into(),
                updated: None,
            },
        );
    }
    (list, codebook)
}

fn unzip(bytes: &[u8]) -> HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
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

fn is_guid(s: &str) -> bool {
    let s = s
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .unwrap_or(s);
    let groups: Vec<&str> = s.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// One element type of the schema: its children in order (name, at least one, more than
/// one allowed), its attributes (name, required, type), and whether it holds only text.
struct Model {
    children: &'static [(&'static str, bool, bool)],
    attributes: &'static [(&'static str, bool, Type)],
    text: bool,
}

#[derive(Clone, Copy)]
enum Type {
    Str,
    Guid,
    Int,
    Bool,
    DateTime,
}

const TEXT_SOURCE: Model = Model {
    children: &[
        ("Description", false, false),
        ("PlainTextContent", false, false),
        ("PlainTextSelection", false, true),
        ("Coding", false, true),
        ("NoteRef", false, true),
        ("VariableValue", false, true),
    ],
    attributes: &[
        ("guid", true, Type::Guid),
        ("name", false, Type::Str),
        ("richTextPath", false, Type::Str),
        ("plainTextPath", false, Type::Str),
        ("creatingUser", false, Type::Guid),
        ("creationDateTime", false, Type::DateTime),
        ("modifyingUser", false, Type::Guid),
        ("modifiedDateTime", false, Type::DateTime),
    ],
    text: false,
};

const TEXT_ONLY: Model = Model {
    children: &[],
    attributes: &[],
    text: true,
};

const REF: Model = Model {
    children: &[],
    attributes: &[("targetGUID", true, Type::Guid)],
    text: false,
};

/// The schema's model of the element `name` (as `Project-mrt2019.xsd` declares it), for
/// the elements this export writes.
fn model(name: &str) -> Option<Model> {
    Some(match name {
        "Project" => Model {
            children: &[
                ("Users", false, false),
                ("CodeBook", false, false),
                ("Variables", false, false),
                ("Cases", false, false),
                ("Sources", false, false),
                ("Notes", false, false),
                ("Links", false, false),
                ("Sets", false, false),
                ("Graphs", false, false),
                ("Description", false, false),
                ("NoteRef", false, true),
            ],
            attributes: &[
                ("name", true, Type::Str),
                ("origin", false, Type::Str),
                ("creatingUserGUID", false, Type::Guid),
                ("creationDateTime", false, Type::DateTime),
                ("modifyingUserGUID", false, Type::Guid),
                ("modifiedDateTime", false, Type::DateTime),
                ("basePath", false, Type::Str),
            ],
            text: false,
        },
        "Users" => Model {
            children: &[("User", true, true)],
            attributes: &[],
            text: false,
        },
        "User" => Model {
            children: &[],
            attributes: &[
                ("guid", true, Type::Guid),
                ("name", false, Type::Str),
                ("id", false, Type::Str),
            ],
            text: false,
        },
        "CodeBook" => Model {
            children: &[("Codes", true, false)],
            attributes: &[],
            text: false,
        },
        "Codes" => Model {
            children: &[("Code", true, true)],
            attributes: &[],
            text: false,
        },
        "Code" => Model {
            children: &[
                ("Description", false, false),
                ("NoteRef", false, true),
                ("Code", false, true),
            ],
            attributes: &[
                ("guid", true, Type::Guid),
                ("name", true, Type::Str),
                ("isCodable", true, Type::Bool),
                ("color", false, Type::Str),
            ],
            text: false,
        },
        // A choice of the source kinds, at least one; this export writes only text.
        "Sources" => Model {
            children: &[("TextSource", true, true)],
            attributes: &[],
            text: false,
        },
        "TextSource" | "Note" => TEXT_SOURCE,
        "PlainTextSelection" => Model {
            children: &[
                ("Description", false, false),
                ("Coding", false, true),
                ("NoteRef", false, true),
            ],
            attributes: &[
                ("guid", true, Type::Guid),
                ("name", false, Type::Str),
                ("startPosition", true, Type::Int),
                ("endPosition", true, Type::Int),
                ("creatingUser", false, Type::Guid),
                ("creationDateTime", false, Type::DateTime),
                ("modifyingUser", false, Type::Guid),
                ("modifiedDateTime", false, Type::DateTime),
            ],
            text: false,
        },
        "Coding" => Model {
            children: &[("CodeRef", true, false), ("NoteRef", false, true)],
            attributes: &[
                ("guid", true, Type::Guid),
                ("creatingUser", false, Type::Guid),
                ("creationDateTime", false, Type::DateTime),
            ],
            text: false,
        },
        "Notes" => Model {
            children: &[("Note", true, true)],
            attributes: &[],
            text: false,
        },
        "CodeRef" | "NoteRef" => REF,
        "Description" | "PlainTextContent" => TEXT_ONLY,
        _ => return None,
    })
}

/// Every element under `node` in the project namespace, with the children, order, counts
/// and attributes its schema type allows; the errors found.
fn conforms(node: roxmltree::Node, errors: &mut Vec<String>) {
    let name = node.tag_name().name();
    let at = format!("{name} (byte {})", node.range().start);
    if node.tag_name().namespace() != Some(NAMESPACE) {
        errors.push(format!("{at}: not in {NAMESPACE}"));
    }
    let Some(m) = model(name) else {
        errors.push(format!("{at}: not an element this export should write"));
        return;
    };
    for a in node.attributes() {
        match m.attributes.iter().find(|(n, ..)| *n == a.name()) {
            None => errors.push(format!("{at}: attribute {} not in the schema", a.name())),
            Some((_, _, t)) => {
                let v = a.value();
                let ok = match t {
                    Type::Str => true,
                    Type::Guid => is_guid(v),
                    Type::Int => v.parse::<i64>().is_ok(),
                    Type::Bool => matches!(v, "true" | "false" | "1" | "0"),
                    Type::DateTime => v.parse::<jiff::Timestamp>().is_ok(),
                };
                if !ok {
                    errors.push(format!("{at}: {}={v:?} is not of its type", a.name()));
                }
            }
        }
    }
    for (n, required, _) in m.attributes {
        if *required && node.attribute(*n).is_none() {
            errors.push(format!("{at}: required attribute {n} missing"));
        }
    }
    let kids: Vec<roxmltree::Node> = node
        .children()
        .filter(roxmltree::Node::is_element)
        .collect();
    if m.text {
        if !kids.is_empty() {
            errors.push(format!("{at}: text only, has elements"));
        }
        return;
    }
    if node
        .children()
        .any(|c| c.is_text() && !c.text().unwrap_or("").trim().is_empty())
    {
        errors.push(format!("{at}: text where the schema has only elements"));
    }
    // The sequence: each child matches the model at or after the previous one's place.
    let mut counts = vec![0usize; m.children.len()];
    let mut place = 0;
    for k in &kids {
        let kname = k.tag_name().name();
        match (place..m.children.len()).find(|&i| m.children[i].0 == kname) {
            Some(i) => {
                place = i;
                counts[i] += 1;
                if counts[i] > 1 && !m.children[i].2 {
                    errors.push(format!("{at}: more than one {kname}"));
                }
            }
            None => errors.push(format!("{at}: {kname} not allowed here (or out of order)")),
        }
        conforms(*k, errors);
    }
    for (i, (kname, required, _)) in m.children.iter().enumerate() {
        if *required && counts[i] == 0 {
            errors.push(format!("{at}: required {kname} missing"));
        }
    }
}

fn attr<'a>(n: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    n.attribute(name)
        .unwrap_or_else(|| panic!("{} has no {name}", n.tag_name().name()))
}

fn child_text<'a>(n: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.children()
        .find(|c| c.tag_name().name() == name)
        .map(|c| c.text().unwrap_or(""))
}

/// The path of a `Code`: its name under its parents' (`kinh-tế/nhà-ở`).
fn code_path(n: roxmltree::Node) -> String {
    let mut parts: Vec<&str> = n
        .ancestors()
        .filter(|a| a.tag_name().name() == "Code")
        .map(|a| attr(a, "name"))
        .collect();
    parts.reverse();
    parts.join("/")
}

#[test]
fn a_project_round_trips_and_every_selection_points_at_its_quote() {
    let corpus = crate::embedded::corpus();
    let (list, codebook) = fixture(&corpus);
    let bytes = render(&corpus, &list, &codebook).unwrap();
    assert_eq!(
        render(&corpus, &list, &codebook).unwrap(),
        bytes,
        "the same bookmarks export the same bytes"
    );
    let files = unzip(&bytes);
    let qde = &files[PROJECT_FILE];
    let doc = roxmltree::Document::parse(qde).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "Project");
    assert_eq!(root.tag_name().namespace(), Some(NAMESPACE));

    let mut errors = Vec::new();
    conforms(root, &mut errors);
    assert!(errors.is_empty(), "{}\n{qde}", errors.join("\n"));

    // Every GUID is used once.
    let mut seen = HashSet::new();
    for n in doc.descendants().filter(|n| n.attribute("guid").is_some()) {
        assert!(seen.insert(attr(n, "guid")), "{} twice", attr(n, "guid"));
    }
    let users: HashSet<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((NAMESPACE, "User")))
        .map(|n| attr(n, "guid"))
        .collect();
    assert!(users.contains(attr(root, "creatingUserGUID")));

    // The codebook: nested by `/`, with descriptions, case variants once.
    let codes: HashMap<&str, (String, Option<&str>)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((NAMESPACE, "Code")))
        .map(|n| {
            (
                attr(n, "guid"),
                (code_path(n), child_text(n, "Description")),
            )
        })
        .collect();
    let mut paths: Vec<&str> = codes.values().map(|(p, _)| p.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "chưa-dùng",
            "cũ",
            "cũ/mồ-côi",
            "kinh-tế",
            "kinh-tế/nhà-ở",
            "lãnh-đạo"
        ]
    );
    let description = |path: &str| codes.values().find(|(p, _)| p == path).unwrap().1;
    assert_eq!(description("kinh-tế"), Some("Kinh tế & xã hội <chung>"));
    assert_eq!(description("kinh-tế/nhà-ở"), Some("Nhà ở xã hội"));
    assert_eq!(description("lãnh-đạo"), None);

    let notes: HashMap<&str, &str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((NAMESPACE, "Note")))
        .map(|n| (attr(n, "guid"), child_text(n, "PlainTextContent").unwrap()))
        .collect();

    // Sources: each text is in the zip; each selection slices exactly its quote.
    let mut found = HashSet::new();
    let sources: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name((NAMESPACE, "TextSource")))
        .collect();
    for s in &sources {
        let g = attr(*s, "guid");
        assert_eq!(attr(*s, "plainTextPath"), format!("internal://{g}.txt"));
        let text: Vec<char> = files
            .get(&format!("{SOURCES_DIR}/{g}.txt"))
            .unwrap_or_else(|| panic!("no text for source {g}"))
            .chars()
            .collect();
        for sel in s
            .children()
            .filter(|n| n.has_tag_name((NAMESPACE, "PlainTextSelection")))
        {
            let id = attr(sel, "name");
            let b = list.iter().find(|b| b.id == id).unwrap();
            assert!(found.insert(id), "{id} twice");
            let start: usize = attr(sel, "startPosition").parse().unwrap();
            let end: usize = attr(sel, "endPosition").parse().unwrap();
            let quoted: String = text[start..end].iter().collect();
            assert_eq!(quoted, b.quote.text, "{id}");
            // Coded with its tags (case variants of one tag are one code).
            let mut coded_as: Vec<String> = sel
                .descendants()
                .filter(|n| n.has_tag_name((NAMESPACE, "CodeRef")))
                .map(|r| {
                    let (path, _) = codes
                        .get(attr(r, "targetGUID"))
                        .unwrap_or_else(|| panic!("{id}: a CodeRef to no Code"));
                    path.clone()
                })
                .collect();
            coded_as.sort();
            let mut tags: Vec<String> = b.tags.iter().map(|t| t.to_lowercase()).collect();
            tags.sort();
            assert_eq!(coded_as, tags, "{id}");
            // The note, as the description and as a note referred to.
            let refs: Vec<&str> = sel
                .children()
                .filter(|n| n.has_tag_name((NAMESPACE, "NoteRef")))
                .map(|r| attr(r, "targetGUID"))
                .collect();
            if b.note.is_empty() {
                assert!(refs.is_empty() && child_text(sel, "Description").is_none());
            } else {
                assert_eq!(child_text(sel, "Description"), Some(b.note.as_str()));
                assert_eq!(refs.len(), 1);
                assert_eq!(notes.get(refs[0]), Some(&b.note.as_str()), "{id}");
            }
        }
    }
    assert_eq!(found.len(), list.len(), "every bookmark is a selection");

    // Articles, not passages: the two bookmarks of article 000 share its source; the
    // orphan has a source of its own that says why.
    let article = guid(&format!("article:{}", corpus.documents[0].id));
    let of = |g: &str| sources.iter().find(|s| attr(**s, "guid") == g).unwrap();
    assert_eq!(
        of(&article)
            .children()
            .filter(|n| n.has_tag_name((NAMESPACE, "PlainTextSelection")))
            .count(),
        2
    );
    let text = &files[&format!("{SOURCES_DIR}/{article}.txt")];
    assert!(text.starts_with(&format!("{}\n\n", corpus.documents[0].title)));
    let orphan = of(&guid("quote:b0000000004"));
    assert!(
        child_text(*orphan, "Description")
            .unwrap()
            .contains(SAVED_QUOTE)
    );
    assert_eq!(sources.len(), 4, "articles 000, 003, 004, and the orphan's");
}

#[test]
fn an_empty_project_is_still_valid() {
    let corpus = crate::embedded::corpus();
    let files = unzip(&render(&corpus, &[], &Codebook::default()).unwrap());
    let doc = roxmltree::Document::parse(&files[PROJECT_FILE]).unwrap();
    let mut errors = Vec::new();
    conforms(doc.root_element(), &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(files.len(), 1);
}

#[test]
fn guids_are_canonical_and_stable() {
    let g = guid("bookmark:b0000000001");
    assert!(is_guid(&g) && g == g.to_lowercase(), "{g}");
    assert_eq!(g, guid("bookmark:b0000000001"));
    assert_ne!(g, guid("bookmark:b0000000002"));
}

#[test]
fn xml_text_is_escaped_and_kept_legal() {
    assert_eq!(escape("a<b>&\"c\"", false), "a&lt;b&gt;&amp;\"c\"");
    assert_eq!(escape("a\"\nb\tc", true), "a&quot;&#10;b&#9;c");
    assert_eq!(escape("x\u{1b}y\r", false), "x\u{FFFD}y&#13;");
}
