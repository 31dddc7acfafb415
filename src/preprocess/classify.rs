//! Step 2: give every raw line a class. Page chrome goes first (it must not be mistaken for
//! content), then the header (title, category, dateline, byline …), then the body (lead,
//! headings, paragraphs, list items, captions, the closing byline).

use std::cell::OnceCell;
use std::fmt;

use serde::{Serialize, Serializer};

use super::meta;
use super::normalize::RawLine;
use super::shapes::{is_prose_counted, word_count};
use crate::corpus::RemovalReason;
use crate::gazetteer::Gazetteer;

mod body;
mod chrome;
pub mod evidence;
mod header;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineClass {
    Blank,
    Title,
    Subtitle,
    Category,
    Dateline,
    Byline,
    OutletTag,
    Lead,
    Heading,
    Paragraph,
    ListItem,
    Caption,
    Junk,
}

impl LineClass {
    pub fn as_str(self) -> &'static str {
        match self {
            LineClass::Blank => "blank",
            LineClass::Title => "title",
            LineClass::Subtitle => "subtitle",
            LineClass::Category => "category",
            LineClass::Dateline => "dateline",
            LineClass::Byline => "byline",
            LineClass::OutletTag => "outlet_tag",
            LineClass::Lead => "lead",
            LineClass::Heading => "heading",
            LineClass::Paragraph => "paragraph",
            LineClass::ListItem => "list_item",
            LineClass::Caption => "caption",
            LineClass::Junk => "junk",
        }
    }
}

/// A raw line with its class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub number: usize,
    pub text: String,
    pub class: LineClass,
    /// Why a junk line was removed, or a note on another class (e.g. "locality tag").
    pub reason: Option<LineReason>,
    /// For the 2nd, 3rd … line of a caption broken over several lines: the index (in the
    /// line list) of the caption's first line, which carries the joined text.
    pub joined_to: Option<usize>,
    /// A flattened body line cut into pieces (see [`super::flat`]); empty for other lines.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pieces: Vec<super::flat::Piece>,
    /// Where the raw line had two spaces or more ([`super::normalize::RawLine::breaks`]).
    #[serde(skip)]
    pub breaks: Vec<usize>,
}

/// Why a line has its class: the reason a junk line was removed, or a note on a kept line.
/// In JSON (`inspect --json`) it is the sentence [`fmt::Display`] writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineReason {
    /// A junk line: why it was removed.
    Removed(RemovalReason),
    /// A category line that is a locality's name ("Hải Phòng" above the title).
    LocalityTag,
    /// A category taken from breadcrumb navigation (its last part).
    Breadcrumb,
    /// A subtitle that is a series kicker ("Bài 3: …" above the title).
    Series,
    /// A caption found right under an image's alt text.
    UnderAnImage,
    /// A heading-shaped line the article shows is something else.
    NotHeading(evidence::NotHeading),
    /// A whole article body on one line, split into pieces (see [`super::flat`]).
    Flattened { chars: usize, pieces: usize },
    /// The sapo an aggregator printed last, after a gap: read as the lead.
    EndSapo,
}

impl fmt::Display for LineReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LineReason::Removed(r) => return r.fmt(f),
            LineReason::LocalityTag => "locality tag",
            LineReason::Breadcrumb => "breadcrumb",
            LineReason::Series => "series",
            LineReason::UnderAnImage => "under an image",
            LineReason::EndSapo => "the sapo, printed last after a gap: read first, as the lead",
            LineReason::NotHeading(why) => why.as_str(),
            LineReason::Flattened { chars, pieces } => {
                return write!(
                    f,
                    "split from a flattened body ({chars} chars) into {pieces} pieces"
                );
            }
        })
    }
}

impl Serialize for LineReason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

struct Classifier<'a> {
    lines: Vec<Line>,
    /// Lines whose class is final; the others are still open to later passes.
    decided: Vec<bool>,
    /// The facts of each line's text, which the passes ask again and again.
    facts: Vec<Facts>,
    /// Whether each line is an outlet tag line, found when first asked.
    outlet: Vec<OnceCell<bool>>,
    /// Each line's [`meta::parse_byline`], found when first asked: the header pass asks it of
    /// every later header line for each candidate title.
    byline: Vec<OnceCell<Option<meta::Byline>>>,
    gaz: &'a Gazetteer,
}

/// What the passes ask of a line's text, found once per line: a long line (a whole
/// flattened article body) is not read again for each question.
#[derive(Debug, Clone, Copy)]
struct Facts {
    /// Its [`word_count`].
    words: usize,
    /// Is it [`is_prose`](super::shapes::is_prose)?
    prose: bool,
}

impl Facts {
    fn of(text: &str) -> Facts {
        let words = word_count(text);
        Facts {
            words,
            prose: is_prose_counted(text, words),
        }
    }
}

impl Classifier<'_> {
    fn is_open(&self, i: usize) -> bool {
        !self.decided[i]
    }

    fn set(&mut self, i: usize, class: LineClass, reason: Option<LineReason>) {
        self.lines[i].class = class;
        self.lines[i].reason = reason;
        self.decided[i] = true;
    }

    /// Is line `i` an outlet tag line ([`meta::outlet_line`])? Several passes ask it of the
    /// same lines, the body pass of each line's successor again.
    fn is_outlet(&self, i: usize) -> bool {
        *self.outlet[i].get_or_init(|| meta::outlet_line(&self.lines[i].text).is_some())
    }

    /// Line `i` read as a byline ([`meta::parse_byline`] of its text, cached).
    fn byline(&self, i: usize) -> Option<&meta::Byline> {
        self.byline[i]
            .get_or_init(|| meta::parse_byline(&self.lines[i].text))
            .as_ref()
    }

    fn junk(&mut self, i: usize, reason: RemovalReason) {
        self.set(i, LineClass::Junk, Some(LineReason::Removed(reason)));
    }

    /// Indices of lines still open to classification (not blank, not junk, not yet decided).
    fn open(&self) -> Vec<usize> {
        (0..self.lines.len()).filter(|&i| self.is_open(i)).collect()
    }

    fn content(&self) -> Vec<usize> {
        (0..self.lines.len())
            .filter(|&i| !matches!(self.lines[i].class, LineClass::Blank | LineClass::Junk))
            .collect()
    }
}

impl Classifier<'_> {
    /// "Theo" alone on a line, the credit on the next: one credit line. The first line
    /// carries the joined text; the second points at it.
    fn join_split_credits(&mut self) {
        for i in 0..self.lines.len() {
            // Only a line of a word or two is folded (this runs on every line).
            if !self.is_open(i) || self.lines[i].text.len() > 12 {
                continue;
            }
            let lead = crate::text::fold_str(self.lines[i].text.trim_end_matches(':').trim());
            if !matches!(lead.as_str(), "theo" | "nguon" | "nguon tin") {
                continue;
            }
            let Some(j) =
                (i + 1..self.lines.len()).find(|&j| self.lines[j].class != LineClass::Blank)
            else {
                continue;
            };
            let joined = format!("{} {}", self.lines[i].text, self.lines[j].text);
            if !self.is_open(j) || meta::outlet_line(&joined).is_none() {
                continue;
            }
            self.set(i, LineClass::OutletTag, None);
            self.set(j, LineClass::OutletTag, None);
            self.lines[j].joined_to = Some(i);
        }
    }
}

/// A dateline, alone or with other pieces after `|`: "Ngọc Mai | 12/05/2022 09:15",
/// "Thứ Năm, 12/05/2022 | 09:15 | Lượt xem: 1.234".
fn is_dateline_line(t: &str) -> bool {
    meta::is_dateline(t) || meta::split_dateline(t).is_some()
}

/// Classify every line of an article.
pub fn classify(raw: Vec<RawLine>, gaz: &Gazetteer) -> Vec<Line> {
    let lines: Vec<Line> = raw
        .into_iter()
        .map(|r| Line {
            number: r.number,
            class: if r.text.is_empty() {
                LineClass::Blank
            } else {
                LineClass::Paragraph
            },
            text: r.text,
            reason: None,
            joined_to: None,
            pieces: Vec::new(),
            breaks: r.breaks,
        })
        .collect();
    let decided = lines.iter().map(|l| l.class == LineClass::Blank).collect();
    let facts = lines.iter().map(|l| Facts::of(&l.text)).collect();
    let outlet = vec![OnceCell::new(); lines.len()];
    let byline = vec![OnceCell::new(); lines.len()];
    let mut c = Classifier {
        lines,
        decided,
        facts,
        outlet,
        byline,
        gaz,
    };
    c.mark_chrome();
    c.join_split_credits();
    c.mark_captions();
    c.mark_header();
    c.mark_body();
    c.promote_numbered_siblings();
    c.drop_lone_heading();
    // Every article has a title: fall back to the first content line.
    if !c.lines.iter().any(|l| l.class == LineClass::Title)
        && let Some(&i) = c.content().first()
    {
        c.set(i, LineClass::Title, None);
    }
    c.rejoin_orphans();
    c.lines
}
