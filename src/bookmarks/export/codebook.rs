//! The codebook as a researcher hands it round (issue 15): every tag, the tags under one
//! indented beneath it, with its description, how many bookmarks carry it, and one example
//! quote with its place and article. [`entries`] is also what `nghiquyet bookmarks tags`
//! lists.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Bookmark, Corpus, citation_parts, cite, md_escape};
use crate::bookmarks::codebook::{Codebook, with_parents};

/// One tag of the codebook.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    /// As first written (tags compare without regard to case).
    pub tag: String,
    /// How deep it nests: 0 for `a`, 1 for `a/b`.
    pub depth: usize,
    /// Bookmarks carrying it or a tag under it.
    pub bookmarks: usize,
    pub description: String,
    /// The first of those bookmarks (index into the list given).
    #[serde(skip)]
    pub example: Option<usize>,
}

/// Every tag of `bookmarks` and of the codebook, and every parent of one (`a` of `a/b`), a
/// parent before its children, in Vietnamese order.
pub fn entries(bookmarks: &[Bookmark], codebook: &Codebook) -> Vec<Entry> {
    // Lowercased tag → the entry.
    let mut by_key: BTreeMap<String, Entry> = BTreeMap::new();
    let mut note = |tag: &str, bookmark: Option<usize>| {
        let e = by_key.entry(tag.to_lowercase()).or_insert_with(|| Entry {
            tag: tag.to_string(),
            depth: tag.matches('/').count(),
            bookmarks: 0,
            description: String::new(),
            example: None,
        });
        if let Some(i) = bookmark {
            e.bookmarks += 1;
            e.example.get_or_insert(i);
        }
    };
    for (i, b) in bookmarks.iter().enumerate() {
        // A bookmark counts once for a tag however many of its tags fall under it.
        let mut seen: Vec<String> = Vec::new();
        for t in b.tags.iter().flat_map(|t| with_parents(t)) {
            let key = t.to_lowercase();
            if !seen.contains(&key) {
                seen.push(key);
                note(&t, Some(i));
            }
        }
    }
    for t in codebook.tags.keys().flat_map(|t| with_parents(t)) {
        note(&t, None);
    }
    for (tag, code) in &codebook.tags {
        if let Some(e) = by_key.get_mut(&tag.to_lowercase()) {
            e.description.clone_from(&code.description);
        }
    }
    let mut out: Vec<Entry> = by_key.into_values().collect();
    let parts = |s: &str| {
        s.split('/')
            .map(crate::text::collate::vi_key)
            .collect::<Vec<_>>()
    };
    out.sort_by_cached_key(|e| parts(&e.tag.to_lowercase()));
    out
}

/// The codebook in Markdown: a nested list of the tags, each with its description, its
/// count and the quote of its first bookmark (with its place and citation).
pub fn markdown(corpus: &Corpus, bookmarks: &[Bookmark], codebook: &Codebook) -> String {
    let list = entries(bookmarks, codebook);
    let anchorer = crate::bookmarks::Anchorer::new(corpus);
    // (Writing to a String cannot fail: the `fmt::Result`s below are ignored.)
    let mut out = String::from("# Bảng mã\n\n");
    let _ = writeln!(
        out,
        "{} thẻ · {} đánh dấu · xuất từ nghiquyet",
        list.len(),
        bookmarks.len()
    );
    for e in &list {
        let pad = "  ".repeat(e.depth);
        let _ = writeln!(
            out,
            "\n{pad}- **{}** · {} đánh dấu",
            md_escape(&e.tag),
            e.bookmarks
        );
        let body = format!("{pad}  ");
        let description: Vec<&str> = e
            .description
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if description.is_empty() {
            let _ = writeln!(out, "\n{body}*(chưa có mô tả)*");
        } else {
            let lines: Vec<String> = description.iter().map(|l| md_escape(l)).collect();
            let _ = writeln!(out, "\n{body}{}", lines.join(&format!("  \n{body}")));
        }
        if let Some(b) = e.example.map(|i| &bookmarks[i]) {
            let c = cite(corpus, b, anchorer.resolve(b));
            let quote: Vec<&str> = b
                .quote
                .text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let place = c
                .locality
                .as_deref()
                .map(|l| format!("{}, ", md_escape(l)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "\n{body}> {}\n{body}>\n{body}> — {place}{}",
                md_escape(&quote.join(" ")),
                citation_parts(&c, true)
            );
        }
    }
    crate::text::safe::escape_text(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookmarks::codebook::Code;
    use crate::bookmarks::doc_refs;

    #[test]
    fn parents_count_their_children_once_per_bookmark() {
        let corpus = crate::embedded::corpus();
        let refs = doc_refs(&corpus, 0);
        let tags = |t: &[&str]| t.iter().map(|s| (*s).to_string()).collect();
        let list = vec![
            Bookmark::new(&corpus, refs[0], "", tags(&["kinh-tế/nhà-ở", "kinh-tế"])),
            Bookmark::new(&corpus, refs[1], "", tags(&["Kinh-tế/đất"])),
            Bookmark::new(&corpus, refs[2], "", tags(&["xã-hội"])),
        ];
        let mut cb = Codebook::default();
        cb.tags.insert(
            "kinh-tế/nhà-ở".into(),
            Code {
                description: "Nhà ở xã hội".into(),
                updated: None,
            },
        );
        cb.tags.insert("môi-trường".into(), Code::default());
        let all = entries(&list, &cb);
        let got: Vec<(&str, usize, usize)> = all
            .iter()
            .map(|e| (e.tag.as_str(), e.depth, e.bookmarks))
            .collect();
        assert_eq!(
            got,
            [
                ("kinh-tế", 0, 2),
                ("Kinh-tế/đất", 1, 1),
                ("kinh-tế/nhà-ở", 1, 1),
                ("môi-trường", 0, 0),
                ("xã-hội", 0, 1),
            ]
        );
        let md = markdown(&corpus, &list, &cb);
        assert!(md.contains("\n- **kinh-tế** · 2 đánh dấu\n"), "{md}");
        assert!(md.contains("\n  - **kinh-tế/nhà-ở** · 1 đánh dấu\n\n    Nhà ở xã hội\n"));
        assert!(md.contains("\n- **môi-trường** · 0 đánh dấu\n\n  *(chưa có mô tả)*\n"));
        let first = refs[0].get(&corpus).text.lines().next().unwrap().trim();
        assert!(md.contains(&format!("  > {}", md_escape(first))), "{md}");
    }
}
