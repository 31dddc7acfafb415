//! The corpus model and its JSON file format (`docs/corpus-format.md`).

pub mod io;
mod reason;
mod stream;
pub mod synth;
pub mod tree;

pub use io::{CorpusError, load, save_atomic};
pub use reason::RemovalReason;

use serde::{Deserialize, Serialize};

/// Value of the top-level `format` field.
pub const FORMAT: &str = "nghiquyet-corpus";
/// Current value of the top-level `version` field.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    pub format: String,
    pub version: u32,
    pub documents: Vec<Document>,
    pub localities: Vec<Locality>,
}

impl Default for Corpus {
    fn default() -> Self {
        Corpus {
            format: FORMAT.to_string(),
            version: VERSION,
            documents: Vec::new(),
            localities: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// File stem of the raw article, e.g. `000_da172d7989a1d926`.
    pub id: String,
    /// Path of the raw file as given to `build` (or `embedded:NAME`).
    pub source: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub category: Option<String>,
    /// Every category/tag line of the page header, in order (the category and locality tags).
    #[serde(default)]
    pub tags: Vec<String>,
    /// ISO 8601 date (`2020-06-06T14:00`, or `2020-06-06` without a time).
    pub date: Option<String>,
    /// The raw dateline the date was read from.
    #[serde(default)]
    pub dateline: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub author_role: Option<String>,
    /// The raw byline the author was read from.
    #[serde(default)]
    pub byline: Option<String>,
    /// Other credit lines: source tags (`/KD&PL`, `Theo TTXVN`) and further bylines.
    #[serde(default)]
    pub credits: Vec<String>,
    /// Ids of the localities the article is about.
    pub localities: Vec<String>,
    /// Ids of localities only named in passing.
    #[serde(default)]
    pub mentioned: Vec<String>,
    pub sections: Vec<Section>,
    pub removed: Vec<Removed>,
    /// Id of an earlier document with (almost) the same text: a syndicated copy from
    /// another outlet. Search shows the first and says where else it ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub heading: Option<String>,
    /// Id of the locality this section is about, when it is about one in particular.
    pub locality: Option<String>,
    pub passages: Vec<Passage>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    Lead,
    Paragraph,
    ListItem,
    Caption,
}

impl PassageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PassageKind::Lead => "lead",
            PassageKind::Paragraph => "paragraph",
            PassageKind::ListItem => "list_item",
            PassageKind::Caption => "caption",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// Stable id derived from the passage text (see `preprocess::ids`).
    pub id: String,
    pub kind: PassageKind,
    pub text: String,
    /// 1-based line in the raw file where the passage starts.
    #[serde(default)]
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    /// 1-based line number in the raw file.
    pub line: usize,
    pub text: String,
    pub reason: RemovalReason,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Locality {
    /// `p<code>` for a province, `d<code>` for a district-level unit, `t<code>` for a thị
    /// trấn, `w<code>` for a xã or phường (GSO codes of the pre-2025 units).
    pub id: String,
    /// Short name, e.g. "Thanh Hóa".
    pub name: String,
    /// Unit type, e.g. "tỉnh", "thành phố thuộc tỉnh", "huyện", "thị trấn", "xã", "phường".
    pub kind: String,
    /// Pre-2025 province name.
    pub province: String,
    /// Province it belongs to since 1 July 2025.
    pub province_2025: String,
    /// Ids of the documents about this locality.
    pub documents: Vec<String>,
    /// For a commune: its district (pre-2025).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<UnitRef>,
    /// For a commune: the communes since 1 July 2025 it became, whole or in part (`n<code>`
    /// ids, a code space of their own).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub communes_2025: Vec<UnitRef>,
}

/// Another administrative unit, named by a locality: a commune's district, the communes it
/// became in 2025.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UnitRef {
    pub id: String,
    pub name: String,
    pub kind: String,
}

/// What level a locality id names, from its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LocalityLevel {
    Province,
    District,
    Commune,
}

impl Locality {
    pub fn level(&self) -> LocalityLevel {
        level_of(&self.id)
    }
}

/// `p…` a province, `d…` a district, anything else (`t…`, `w…`, `n…`) a commune.
pub fn level_of(id: &str) -> LocalityLevel {
    match id.as_bytes().first() {
        Some(b'p') => LocalityLevel::Province,
        Some(b'd') => LocalityLevel::District,
        _ => LocalityLevel::Commune,
    }
}

impl Corpus {
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    pub fn locality(&self, id: &str) -> Option<&Locality> {
        self.localities.iter().find(|l| l.id == id)
    }

    /// A section's label: its heading, else the name of the locality it is about.
    pub fn section_label(&self, doc: usize, section: usize) -> Option<String> {
        self.section_name(doc, section).map(|n| match n {
            SectionName::Heading(h) | SectionName::Locality(h) => h.to_string(),
        })
    }

    /// What names a section: its heading, else the locality it is about (an article
    /// covering several places has one section per place). The one rule for every view.
    pub fn section_name(&self, doc: usize, section: usize) -> Option<SectionName<'_>> {
        let s = &self.documents[doc].sections[section];
        if let Some(h) = &s.heading {
            return Some(SectionName::Heading(h));
        }
        s.locality
            .as_deref()
            .and_then(|id| self.locality(id))
            .map(|l| SectionName::Locality(&l.name))
    }

    /// For each document that others copy, the indices of its copies (documents whose
    /// `duplicate_of` names it), in corpus order.
    pub fn copies(&self) -> std::collections::HashMap<usize, Vec<usize>> {
        let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut out: std::collections::HashMap<usize, Vec<usize>> =
            std::collections::HashMap::new();
        for (i, d) in self.documents.iter().enumerate() {
            match d.duplicate_of.as_deref().and_then(|o| at.get(o)) {
                Some(&o) => out.entry(o).or_default().push(i),
                None => {
                    at.insert(&d.id, i);
                }
            }
        }
        out
    }

    pub fn stats(&self) -> Stats {
        let mut s = Stats {
            documents: self.documents.len(),
            localities: self.localities.len(),
            ..Stats::default()
        };
        for d in &self.documents {
            s.sections += d.sections.len();
            s.passages += d.sections.iter().map(|x| x.passages.len()).sum::<usize>();
            s.removed += d.removed.len();
        }
        s
    }
}

impl Document {
    /// A document with only its id and source: the rest is filled in by the preprocessor.
    pub fn new(id: &str, source: &str) -> Document {
        Document {
            id: id.to_string(),
            source: source.to_string(),
            title: String::new(),
            subtitle: None,
            category: None,
            tags: Vec::new(),
            date: None,
            dateline: None,
            outlet: None,
            author: None,
            author_role: None,
            byline: None,
            credits: Vec::new(),
            localities: Vec::new(),
            mentioned: Vec::new(),
            sections: Vec::new(),
            removed: Vec::new(),
            duplicate_of: None,
        }
    }

    pub fn passages(&self) -> impl Iterator<Item = &Passage> {
        self.sections.iter().flat_map(|s| s.passages.iter())
    }

    pub fn passage_count(&self) -> usize {
        self.sections.iter().map(|s| s.passages.len()).sum()
    }

    /// Is the article about a place `is_place` accepts (by locality id)? About means its
    /// own localities, or a section about that place (an article covering several places
    /// has one section per place); a place only mentioned in passing does not count. The
    /// one rule for the browser's locality filter and the command line's `--locality`.
    pub fn is_about(&self, is_place: impl Fn(&str) -> bool) -> bool {
        self.localities.iter().any(|l| is_place(l))
            || self
                .sections
                .iter()
                .any(|s| s.locality.as_deref().is_some_and(&is_place))
    }
}

/// See [`Corpus::section_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionName<'a> {
    Heading(&'a str),
    Locality(&'a str),
}

impl SectionName<'_> {
    /// As the outline and the reader show it: a place is marked `◆`.
    pub fn shown(self) -> String {
        match self {
            SectionName::Heading(h) => h.to_string(),
            SectionName::Locality(name) => format!("◆ {name}"),
        }
    }
}

/// Where a passage is: indices into `documents[doc].sections[section].passages[passage]`.
/// The one address of a passage: the outline, the reader, search hits and bookmarks all
/// carry it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PassageRef {
    pub doc: u32,
    pub section: u32,
    pub passage: u32,
}

impl PassageRef {
    pub fn get(self, corpus: &Corpus) -> &Passage {
        &corpus.documents[self.doc_index()].sections[self.section_index()].passages
            [self.passage_index()]
    }

    /// The address of passage `p` of section `s` of document `d`. A corpus holds fewer than
    /// 2³² of each (the index stores them as `u32` to halve its size).
    ///
    /// # Panics
    ///
    /// If one of them is 2³² or more.
    pub fn new(d: usize, s: usize, p: usize) -> Self {
        let n = |i: usize| u32::try_from(i).expect("fewer than 2^32 documents, sections, passages");
        PassageRef {
            doc: n(d),
            section: n(s),
            passage: n(p),
        }
    }

    pub fn doc_index(self) -> usize {
        self.doc as usize
    }

    pub fn section_index(self) -> usize {
        self.section as usize
    }

    pub fn passage_index(self) -> usize {
        self.passage as usize
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub documents: usize,
    pub sections: usize,
    pub passages: usize,
    pub removed: usize,
    pub localities: usize,
}
