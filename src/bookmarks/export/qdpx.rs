//! The REFI-QDA project exchange format (`.qdpx`), so coded passages open in NVivo,
//! ATLAS.ti, MAXQDA and QualCoder.
//!
//! A `.qdpx` is a zip: `project.qde` (XML in the namespace `urn:QDA-XML:project:1.0`, schema
//! `Project-mrt2019.xsd` of the Rotterdam Exchange Format Initiative) and a `sources/` folder
//! with one UTF-8 plain-text file per source, named `<guid>.txt` and referred to as
//! `internal://<guid>.txt`. What is written:
//!
//! - **`Users`**: one user, nghiquyet, who made every source and coding.
//! - **`CodeBook`**: every tag of the codebook and of the bookmarks, with the tags above it
//!   (`kinh-tế/nhà-ở` is the code `nhà-ở` inside the code `kinh-tế`), each with its
//!   description. Tags that differ only in case are one code.
//! - **`Sources`**: one `TextSource` per article with a bookmark in it. Its text is the
//!   article's title, then each section's heading (when it has one) and passages in reading
//!   order, each block separated by a blank line (`\n\n`). A bookmark whose quote is no
//!   longer in the article's text in the current corpus (orphaned, or re-anchored to a
//!   changed passage) gets a small source of its own holding the quote as saved, so nothing
//!   is lost; its description says so.
//! - Each bookmark is a `PlainTextSelection` of its source: `startPosition` and
//!   `endPosition` count characters (Unicode scalar values; Vietnamese text is all in the
//!   Basic Multilingual Plane, so UTF-16 counts are the same), end exclusive, and cover
//!   exactly the quoted text. It is coded with its tags; its note is the selection's
//!   `Description` and also a `Note` the selection refers to (`NoteRef`), since some tools
//!   read one and some the other.
//!
//! GUIDs are UUID version 5 (name-based) of what they stand for (an article's id, a
//! bookmark's id, a tag), so the same bookmarks export to the same project every time and
//! a re-import matches the earlier one. Like the other exports, the project carries no time
//! of its own: its dates are the bookmarks' (zip entries are dated 1980-01-01).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use uuid::Uuid;

use super::ExportError;
use crate::bookmarks::codebook::{Codebook, with_parents};
use crate::bookmarks::{Anchorer, Bookmark};
use crate::corpus::Corpus;

/// The namespace of `project.qde`.
pub const NAMESPACE: &str = "urn:QDA-XML:project:1.0";
/// The project file inside the zip.
pub const PROJECT_FILE: &str = "project.qde";
/// The folder of the plain-text sources inside the zip.
pub const SOURCES_DIR: &str = "sources";

/// Said of a source holding a quote no longer found in the current corpus.
const SAVED_QUOTE: &str =
    "Không còn tìm thấy đoạn này trong kho dữ liệu hiện tại: trích theo bản đã lưu.";

/// The GUID of `what` (`article:ID`, `bookmark:ID`, `code:tag`…): a UUID v5 in a namespace
/// of our own, in canonical form.
pub fn guid(what: &str) -> String {
    let ours = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:nghiquyet:qdpx");
    Uuid::new_v5(&ours, what.as_bytes())
        .hyphenated()
        .to_string()
}

/// A source's text: its name, what it is, and where each bookmark is in it.
struct Source {
    guid: String,
    name: String,
    description: String,
    text: String,
    /// (bookmark, start char, end char).
    selections: Vec<(usize, usize, usize)>,
}

/// An article as one text: title, then headings and passages, blank lines between; with
/// the char offset where each passage starts, by passage id.
fn article_text(corpus: &Corpus, d: usize) -> (String, BTreeMap<(usize, usize), usize>) {
    let doc = &corpus.documents[d];
    let mut text = doc.title.clone();
    let mut chars = text.chars().count();
    let mut starts = BTreeMap::new();
    let mut push = |text: &mut String, block: &str| {
        text.push_str("\n\n");
        chars += 2;
        let at = chars;
        text.push_str(block);
        chars += block.chars().count();
        at
    };
    for (s, sec) in doc.sections.iter().enumerate() {
        if let Some(h) = &sec.heading {
            push(&mut text, h);
        }
        for (p, passage) in sec.passages.iter().enumerate() {
            let at = push(&mut text, &passage.text);
            starts.insert((s, p), at);
        }
    }
    text.push('\n');
    (text, starts)
}

/// Char offset of `needle` in `hay`, if there.
fn char_find(hay: &str, needle: &str) -> Option<usize> {
    hay.find(needle).map(|b| hay[..b].chars().count())
}

/// One line of an XML document being written, indented.
struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    fn open(&mut self, tag: &str, attrs: &[(&str, &str)], empty: bool) {
        let pad = self.depth * 2;
        let _ = write!(self.out, "{:pad$}<{tag}", "");
        for (k, v) in attrs {
            let _ = write!(self.out, " {k}=\"{}\"", escape(v, true));
        }
        self.out.push_str(if empty { "/>\n" } else { ">\n" });
        if !empty {
            self.depth += 1;
        }
    }

    fn close(&mut self, tag: &str) {
        self.depth -= 1;
        let pad = self.depth * 2;
        let _ = writeln!(self.out, "{:pad$}</{tag}>", "");
    }

    /// `<tag>text</tag>` on one line.
    fn text(&mut self, tag: &str, text: &str) {
        let (pad, text) = (self.depth * 2, escape(text, false));
        let _ = writeln!(self.out, "{:pad$}<{tag}>{text}</{tag}>", "");
    }
}

/// Text for XML 1.0: markup characters as entities; in an attribute, line breaks and tabs
/// as character references too (a parser would turn them into spaces); characters XML 1.0
/// cannot hold at all (most C0 controls, lone surrogates cannot occur in a `str`, U+FFFE and
/// U+FFFF) become U+FFFD. Carriage returns are kept as `&#13;`.
fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' | '\t' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A timestamp as `xsd:dateTime` (RFC 3339 is one), or none when it is not one.
fn date_time(s: &str) -> Option<String> {
    s.parse::<jiff::Timestamp>().ok().map(|t| t.to_string())
}

/// The code tree: by lowercased path, the path as first written and its description.
struct Codes {
    by_key: BTreeMap<String, (String, String)>,
}

impl Codes {
    fn new(codebook: &Codebook, bookmarks: &[Bookmark]) -> Codes {
        let mut by_key: BTreeMap<String, (String, String)> = BTreeMap::new();
        let tags = codebook
            .tags
            .keys()
            .chain(bookmarks.iter().flat_map(|b| b.tags.iter()));
        for tag in tags {
            for path in with_parents(tag) {
                by_key
                    .entry(path.to_lowercase())
                    .or_insert_with(|| (path.clone(), String::new()));
            }
        }
        for (tag, code) in &codebook.tags {
            if let Some(entry) = by_key.get_mut(&tag.to_lowercase())
                && entry.1.is_empty()
            {
                entry.1.clone_from(&code.description);
            }
        }
        Codes { by_key }
    }

    fn guid(tag: &str) -> String {
        guid(&format!("code:{}", tag.to_lowercase()))
    }

    /// The codes directly under `parent` (`""`: the top ones).
    fn children<'a>(&'a self, parent: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.by_key.iter().filter_map(move |(key, (path, desc))| {
            let up = key.rfind('/').map_or("", |i| &key[..i]);
            (up == parent).then_some((path.as_str(), desc.as_str()))
        })
    }

    fn write(&self, xml: &mut Xml, parent: &str) {
        let kids: Vec<(&str, &str)> = self.children(parent).collect();
        for (path, desc) in kids {
            let name = path.rsplit('/').next().unwrap_or(path);
            let g = Codes::guid(path);
            let key = path.to_lowercase();
            let has_children = self.children(&key).next().is_some();
            let empty = desc.is_empty() && !has_children;
            xml.open(
                "Code",
                &[("guid", &g), ("name", name), ("isCodable", "true")],
                empty,
            );
            if !empty {
                if !desc.is_empty() {
                    xml.text("Description", desc);
                }
                self.write(xml, &key);
                xml.close("Code");
            }
        }
    }
}

/// The sources: articles in corpus order, then the saved quotes in bookmark order.
fn sources(corpus: &Corpus, bookmarks: &[Bookmark]) -> Vec<Source> {
    let anchorer = Anchorer::new(corpus);
    let mut articles: BTreeMap<usize, Source> = BTreeMap::new();
    let mut texts: BTreeMap<usize, BTreeMap<(usize, usize), usize>> = BTreeMap::new();
    let mut saved = Vec::new();
    for (i, b) in bookmarks.iter().enumerate() {
        let at = anchorer.resolve(b).at.and_then(|at| {
            let passage = at.get(corpus);
            char_find(&passage.text, &b.quote.text).map(|off| (at, off))
        });
        if let Some((at, off)) = at {
            let d = at.doc_index();
            let source = articles.entry(d).or_insert_with(|| {
                let doc = &corpus.documents[d];
                let (text, starts) = article_text(corpus, d);
                texts.insert(d, starts);
                Source {
                    guid: guid(&format!("article:{}", doc.id)),
                    name: doc.title.clone(),
                    description: article_description(corpus, d),
                    text,
                    selections: Vec::new(),
                }
            });
            let start = texts[&d][&(at.section_index(), at.passage_index())] + off;
            source
                .selections
                .push((i, start, start + b.quote.text.chars().count()));
        } else {
            let mut description = String::from(SAVED_QUOTE);
            let _ = write!(description, "\n{}", b.title);
            saved.push(Source {
                guid: guid(&format!("quote:{}", b.id)),
                name: format!("{} ({})", b.title, b.id),
                description,
                text: b.quote.text.clone(),
                selections: vec![(i, 0, b.quote.text.chars().count())],
            });
        }
    }
    let mut out: Vec<Source> = articles.into_values().collect();
    for s in &mut out {
        s.selections.sort_by_key(|&(i, start, end)| (start, end, i));
    }
    out.extend(saved);
    out
}

/// Outlet, date and the article's id, as a source's description.
fn article_description(corpus: &Corpus, d: usize) -> String {
    let doc = &corpus.documents[d];
    let mut parts: Vec<String> = Vec::new();
    if let Some(o) = &doc.outlet {
        parts.push(o.clone());
    }
    if let Some(date) = &doc.date {
        parts.push(super::date_vi(date));
    }
    parts.push(format!("nghiquyet: {}", doc.id));
    parts.join(", ")
}

/// `project.qde` and the sources' texts (file name in the zip, text).
pub fn project(
    corpus: &Corpus,
    bookmarks: &[Bookmark],
    codebook: &Codebook,
) -> (String, Vec<(String, String)>) {
    let user = guid("user:nghiquyet");
    let codes = Codes::new(codebook, bookmarks);
    let sources = sources(corpus, bookmarks);
    let created = bookmarks.iter().filter_map(|b| date_time(&b.created)).min();
    let modified = bookmarks
        .iter()
        .filter_map(|b| date_time(b.updated.as_deref().unwrap_or(&b.created)))
        .max();

    let mut xml = Xml {
        out: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
        depth: 0,
    };
    let origin = concat!("nghiquyet ", env!("CARGO_PKG_VERSION"));
    let mut attrs = vec![
        ("xmlns", NAMESPACE),
        ("name", "nghiquyet"),
        ("origin", origin),
        ("creatingUserGUID", user.as_str()),
    ];
    if let Some(c) = &created {
        attrs.push(("creationDateTime", c));
    }
    attrs.push(("modifyingUserGUID", &user));
    if let Some(m) = &modified {
        attrs.push(("modifiedDateTime", m));
    }
    xml.open("Project", &attrs, false);

    xml.open("Users", &[], false);
    xml.open("User", &[("guid", &user), ("name", "nghiquyet")], true);
    xml.close("Users");

    if !codes.by_key.is_empty() {
        xml.open("CodeBook", &[], false);
        xml.open("Codes", &[], false);
        codes.write(&mut xml, "");
        xml.close("Codes");
        xml.close("CodeBook");
    }

    let mut files = Vec::new();
    let mut notes: Vec<(String, &Bookmark)> = Vec::new();
    if !sources.is_empty() {
        xml.open("Sources", &[], false);
        for s in &sources {
            let path = format!("internal://{}.txt", s.guid);
            xml.open(
                "TextSource",
                &[
                    ("guid", &s.guid),
                    ("name", &s.name),
                    ("plainTextPath", &path),
                    ("creatingUser", &user),
                ],
                false,
            );
            xml.text("Description", &s.description);
            for &(i, start, end) in &s.selections {
                let b = &bookmarks[i];
                selection(&mut xml, b, start, end, &user, &mut notes);
            }
            xml.close("TextSource");
            files.push((format!("{SOURCES_DIR}/{}.txt", s.guid), s.text.clone()));
        }
        xml.close("Sources");
    }

    if !notes.is_empty() {
        xml.open("Notes", &[], false);
        for (g, b) in &notes {
            let name = format!("Ghi chú {}", b.id);
            let mut attrs = vec![
                ("guid", g.as_str()),
                ("name", &name),
                ("creatingUser", &user),
            ];
            let created = date_time(&b.created);
            if let Some(c) = &created {
                attrs.push(("creationDateTime", c));
            }
            xml.open("Note", &attrs, false);
            xml.text("PlainTextContent", &b.note);
            xml.close("Note");
        }
        xml.close("Notes");
    }
    xml.close("Project");
    (xml.out, files)
}

/// A bookmark as a selection: its note as description and as a note, its tags as codings.
fn selection<'b>(
    xml: &mut Xml,
    b: &'b Bookmark,
    start: usize,
    end: usize,
    user: &str,
    notes: &mut Vec<(String, &'b Bookmark)>,
) {
    let g = guid(&format!("bookmark:{}", b.id));
    let (start, end) = (start.to_string(), end.to_string());
    let created = date_time(&b.created);
    let modified = b.updated.as_deref().and_then(date_time);
    let mut attrs = vec![
        ("guid", g.as_str()),
        ("name", b.id.as_str()),
        ("startPosition", &start),
        ("endPosition", &end),
        ("creatingUser", user),
    ];
    if let Some(c) = &created {
        attrs.push(("creationDateTime", c));
    }
    if let Some(m) = &modified {
        attrs.push(("modifyingUser", user));
        attrs.push(("modifiedDateTime", m));
    }
    let mut tags: Vec<&String> = Vec::new();
    for t in &b.tags {
        if !tags.iter().any(|x| x.to_lowercase() == t.to_lowercase()) {
            tags.push(t);
        }
    }
    let empty = b.note.is_empty() && tags.is_empty();
    xml.open("PlainTextSelection", &attrs, empty);
    if empty {
        return;
    }
    if !b.note.is_empty() {
        xml.text("Description", &b.note);
    }
    for t in tags {
        let coding = guid(&format!("coding:{}:{}", b.id, t.to_lowercase()));
        let mut attrs = vec![("guid", coding.as_str()), ("creatingUser", user)];
        if let Some(c) = &created {
            attrs.push(("creationDateTime", c));
        }
        xml.open("Coding", &attrs, false);
        xml.open("CodeRef", &[("targetGUID", &Codes::guid(t))], true);
        xml.close("Coding");
    }
    if !b.note.is_empty() {
        let note = guid(&format!("note:{}", b.id));
        xml.open("NoteRef", &[("targetGUID", &note)], true);
        notes.push((note, b));
    }
    xml.close("PlainTextSelection");
}

/// The `.qdpx` file: `project.qde` and `sources/`, deflated.
pub fn render(
    corpus: &Corpus,
    bookmarks: &[Bookmark],
    codebook: &Codebook,
) -> Result<Vec<u8>, ExportError> {
    let (qde, files) = project(corpus, bookmarks, codebook);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    zip.start_file(PROJECT_FILE, options)?;
    zip.write_all(qde.as_bytes())?;
    zip.add_directory(format!("{SOURCES_DIR}/"), options)?;
    for (name, text) in files {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests;
