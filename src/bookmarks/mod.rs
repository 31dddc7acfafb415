//! Bookmarks: passages a user keeps, with a note and tags, for the report they are writing.
//!
//! - the model and the file format (`nghiquyet-bookmarks`, version 1) live here;
//! - [`store`] keeps the file safe: atomic writes, a lock, merging with other instances,
//!   corrupt files moved aside, newer versions left alone;
//! - [`anchor`] finds each bookmark's passage again in the current corpus, by id and then by
//!   its quote, after a rebuild;
//! - [`export`] writes Markdown, CSV or JSON for a report.

pub mod anchor;
pub mod codebook;
pub mod export;
pub mod matrix;
pub mod store;
pub mod worker;

use std::hash::{BuildHasher, Hasher};

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::corpus::Corpus;
use crate::corpus::PassageRef;

pub use anchor::{Anchorer, Resolution, Status};
pub use store::{Op, Store, StoreError};

/// Value of the top-level `format` field.
pub const FORMAT: &str = "nghiquyet-bookmarks";
/// The newest `version` this build reads and writes.
pub const VERSION: u32 = 1;

/// Characters of context kept before and after the quoted passage.
const CONTEXT_CHARS: usize = 80;

/// The file: `{"format": "nghiquyet-bookmarks", "version": 1, "bookmarks": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookmarkFile {
    pub format: String,
    pub version: u32,
    pub bookmarks: Vec<Bookmark>,
    /// Top-level fields this version does not know, kept as they are on rewrite.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl BookmarkFile {
    pub fn new(bookmarks: Vec<Bookmark>) -> Self {
        BookmarkFile {
            format: FORMAT.to_string(),
            version: VERSION,
            bookmarks,
            extra: serde_json::Map::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Short and typeable (`b` and 10 hex digits), for `nghiquyet bookmarks rm ID`.
    pub id: String,
    /// When it was made, RFC 3339 in UTC.
    pub created: String,
    /// Document id (the raw file's stem).
    pub doc: String,
    /// Passage id when bookmarked; may no longer resolve after a rebuild.
    pub passage: String,
    pub quote: Quote,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Name of the locality the passage is about (its section's, else the article's first).
    #[serde(default)]
    pub locality: Option<String>,
    pub title: String,
    /// Section heading (or the section's locality) when the passage is under one.
    #[serde(default)]
    pub section: Option<String>,
    /// Outlet and date of the article, kept for the citation even if it leaves the corpus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Last edit of the note or tags, RFC 3339 in UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// Fields written by a newer build, kept as they are when this one rewrites the file.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The passage text as bookmarked, with a little of what came before and after it: enough
/// to find it again after the corpus is rebuilt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

/// Now, RFC 3339 in UTC to the second (`2026-11-22T08:30:00Z`).
pub fn now_rfc3339() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .unwrap_or_else(|_| jiff::Timestamp::now())
        .to_string()
}

/// A fresh id: `b` and 10 hex digits from a randomly seeded hash of the time and process.
pub fn new_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::hash::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.write_u32(std::process::id());
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    format!("b{:010x}", h.finish() & 0xff_ffff_ffff)
}

/// Tags typed by a user: `#cải-cách, kinh-tế số` → `["cải-cách", "kinh-tế", "số"]`.
/// Commas or spaces separate; a leading `#` is dropped; duplicates (ignoring case) are kept once.
pub fn parse_tags(input: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in input.split(|c: char| c == ',' || c.is_whitespace()) {
        let t = raw.trim().trim_start_matches('#').trim();
        if t.is_empty() {
            continue;
        }
        let t = clean_tag(t);
        if t.is_empty() {
            continue;
        }
        if !out.iter().any(|o| o.to_lowercase() == t.to_lowercase()) {
            out.push(t);
        }
    }
    out
}

/// A note as typed: NFC, trimmed, inner runs of spaces and line breaks kept (a user may
/// want them), and cleaned as corpus text is at build: CR LF and lone CR become LF, a tab a
/// space, and other controls and invisible format characters (escape sequences, bidi
/// overrides) are dropped.
pub fn clean_note(input: &str) -> String {
    let unified = input.replace("\r\n", "\n");
    let s: String = unified
        .nfc()
        .filter_map(|c| match c {
            '\n' | '\r' => Some('\n'),
            '\t' => Some(' '),
            c if crate::preprocess::normalize::is_dropped(c) => None,
            c => Some(c),
        })
        .collect();
    s.trim().to_string()
}

/// A tag as typed: cleaned like a note, on one line.
fn clean_tag(input: &str) -> String {
    clean_note(input).replace('\n', " ")
}

/// Name of the locality a passage is about: its section's, else its article's first.
pub fn locality_label(corpus: &Corpus, at: PassageRef) -> Option<String> {
    let doc = &corpus.documents[at.doc as usize];
    doc.sections[at.section as usize]
        .locality
        .iter()
        .chain(doc.localities.iter())
        .find_map(|id| corpus.locality(id).map(|l| l.name.clone()))
}

/// The last `n` chars of `s`, starting at a word.
fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_string();
    }
    let start = s.char_indices().nth(count - n).map_or(0, |(i, _)| i);
    let rest = &s[start..];
    match rest.find(' ') {
        Some(i) if i + 1 < rest.len() => rest[i + 1..].to_string(),
        _ => rest.to_string(),
    }
}

/// The first `n` chars of `s`, ending at a word.
fn head(s: &str, n: usize) -> String {
    let Some((end, _)) = s.char_indices().nth(n) else {
        return s.to_string();
    };
    let part = &s[..end];
    match part.rfind(' ') {
        Some(i) if i > 0 => part[..i].to_string(),
        _ => part.to_string(),
    }
}

/// The passages of a document in reading order.
pub fn doc_refs(corpus: &Corpus, d: usize) -> Vec<PassageRef> {
    let mut out = Vec::new();
    for (s, sec) in corpus.documents[d].sections.iter().enumerate() {
        for p in 0..sec.passages.len() {
            out.push(PassageRef::new(d, s, p));
        }
    }
    out
}

impl Bookmark {
    /// A bookmark of the passage at `at`.
    pub fn new(corpus: &Corpus, at: PassageRef, note: &str, tags: Vec<String>) -> Bookmark {
        let d = at.doc as usize;
        let doc = &corpus.documents[d];
        let passage = at.get(corpus);
        let order = doc_refs(corpus, d);
        let i = order.iter().position(|r| *r == at).unwrap_or(0);
        let prefix = i
            .checked_sub(1)
            .map(|j| tail(&order[j].get(corpus).text, CONTEXT_CHARS))
            .unwrap_or_default();
        let suffix = order
            .get(i + 1)
            .map(|r| head(&r.get(corpus).text, CONTEXT_CHARS))
            .unwrap_or_default();
        Bookmark {
            id: new_id(),
            created: now_rfc3339(),
            doc: doc.id.clone(),
            passage: passage.id.clone(),
            quote: Quote {
                text: passage.text.clone(),
                prefix,
                suffix,
            },
            note: clean_note(note),
            tags: tags
                .into_iter()
                .map(|t| clean_tag(&t))
                .filter(|t| !t.is_empty())
                .collect(),
            locality: locality_label(corpus, at),
            title: doc.title.clone(),
            section: corpus.section_label(d, at.section as usize),
            outlet: doc.outlet.clone(),
            date: doc.date.clone(),
            updated: None,
            extra: serde_json::Map::new(),
        }
    }

    /// Tags as shown: `#a #b`.
    pub fn tags_label(&self) -> String {
        self.tags
            .iter()
            .map(|t| format!("#{t}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_split_on_commas_and_spaces() {
        assert_eq!(
            parse_tags("#cải-cách, kinh-tế  #số,,#Cải-cách"),
            vec!["cải-cách", "kinh-tế", "số"]
        );
        assert!(parse_tags("  , # ").is_empty());
        // Decomposed input comes out NFC.
        assert_eq!(parse_tags("ca\u{0309}i"), vec!["cải"]);
    }

    #[test]
    fn ids_are_fresh_and_short() {
        let a = new_id();
        let b = new_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 11);
        assert!(a.starts_with('b') && a[1..].chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn context_cuts_at_words_and_char_boundaries() {
        let s = "Đảng bộ tỉnh Thanh Hóa đã lãnh đạo thực hiện thắng lợi";
        let t = tail(s, 12);
        assert!(s.ends_with(&t) && !t.starts_with(' '), "{t}");
        let h = head(s, 12);
        assert!(s.starts_with(&h) && h.chars().count() <= 12, "{h}");
        assert_eq!(head("ngắn", 80), "ngắn");
        assert_eq!(tail("ngắn", 80), "ngắn");
    }

    #[test]
    fn a_bookmark_quotes_its_passage_with_context() {
        let corpus = crate::embedded::corpus();
        let at = doc_refs(&corpus, 0)[1];
        let b = Bookmark::new(&corpus, at, "  ghi chú ", vec!["x".into()]);
        assert_eq!(b.quote.text, at.get(&corpus).text);
        assert_eq!(b.passage, at.get(&corpus).id);
        assert_eq!(b.doc, corpus.documents[0].id);
        assert_eq!(b.note, "ghi chú");
        assert!(!b.quote.prefix.is_empty());
        let json = serde_json::to_value(&b).unwrap();
        for key in [
            "id", "created", "doc", "passage", "quote", "note", "tags", "locality", "title",
            "section",
        ] {
            assert!(json.get(key).is_some(), "{key} missing");
        }
        assert!(b.created.parse::<jiff::Timestamp>().is_ok());
    }
}
