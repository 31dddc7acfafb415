//! Step 2: give every raw line a class. Page chrome goes first (it must not be mistaken for
//! content), then the header (title, category, dateline, byline …), then the body (lead,
//! headings, paragraphs, list items, captions, the closing byline).

use std::fmt;

use serde::{Serialize, Serializer};

use super::junk::{self, Chrome, Foreign};
use super::meta;
use super::normalize::RawLine;
use super::shapes::{
    breadcrumb_category, credit_byline, ends_sentence, is_heading_shape, is_list_item, is_prose,
    is_series_line, strip_bullet, word_count, words,
};
use crate::corpus::RemovalReason;
use crate::gazetteer::Gazetteer;
use crate::text::is_all_caps;

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
}

impl fmt::Display for LineReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LineReason::Removed(r) => return r.fmt(f),
            LineReason::LocalityTag => "locality tag",
            LineReason::Breadcrumb => "breadcrumb",
            LineReason::Series => "series",
            LineReason::UnderAnImage => "under an image",
        })
    }
}

impl Serialize for LineReason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Is the whole line one locality name ("Hải Phòng", "TP Hạ Long")? Pages print such tags
/// above or below the title.
fn is_locality_tag(gaz: &Gazetteer, t: &str) -> bool {
    let t = t.trim_end_matches(['.', ':']);
    if word_count(t) > 6 {
        return false;
    }
    gaz.find_mentions(t, &[])
        .iter()
        .any(|m| m.start == 0 && m.end == t.len())
}

struct Classifier<'a> {
    lines: Vec<Line>,
    /// Lines whose class is final; the others are still open to later passes.
    decided: Vec<bool>,
    gaz: &'a Gazetteer,
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

    /// Chrome recognisable on its own, headline lists after a related-links header, and the
    /// page footer after a comment box.
    fn mark_chrome(&mut self) {
        let n = self.lines.len();
        let mut slug_before = vec![false; n];
        // (line, marker text, everything after it is the page's, long lines too)
        let mut footer_from: Option<(usize, String, bool)> = None;
        let first_prose = (0..n).find(|&i| is_prose(&self.lines[i].text));
        let mut i = 0;
        while i < n {
            if self.lines[i].class == LineClass::Blank {
                i += 1;
                continue;
            }
            let t = self.lines[i].text.clone();
            if let Some(kind) = junk::chrome_phrase(&t) {
                self.junk(i, kind.removal_reason());
                // A footer has no running text after it (one repeated lead at most), or it
                // comes right after the closing byline: then whatever follows is the page's.
                let closes = self.after_closing_byline(i);
                let after_content = first_prose.is_some_and(|p| p < i)
                    && (closes
                        || self.lines[i + 1..]
                            .iter()
                            .filter(|l| word_count(&l.text) >= 25)
                            .count()
                            <= 1);
                if matches!(
                    kind,
                    Chrome::RelatedHeader | Chrome::FooterStart | Chrome::TagsHeader
                ) && after_content
                    && footer_from.is_none()
                {
                    footer_from = Some((i, t.clone(), closes));
                }
                if matches!(kind, Chrome::RelatedHeader | Chrome::TagsHeader) {
                    // The list under it (after any blank lines) runs to the next blank line.
                    let mut j = i + 1;
                    while j < n && self.lines[j].class == LineClass::Blank {
                        j += 1;
                    }
                    while j < n && self.lines[j].class != LineClass::Blank {
                        let h = &self.lines[j].text;
                        if junk::chrome_phrase(h).is_some() {
                            break;
                        }
                        if word_count(h) > 30 || (h.ends_with('.') && !h.ends_with("...")) {
                            break;
                        }
                        let header = t.clone();
                        let why = if kind == Chrome::TagsHeader {
                            RemovalReason::KeywordTag { header }
                        } else {
                            RemovalReason::RelatedHeadline { header }
                        };
                        self.junk(j, why);
                        j += 1;
                    }
                    i = j;
                    continue;
                }
            } else if junk::inline_related_link(&t) {
                self.junk(i, RemovalReason::LinkToAnotherArticle);
            } else if junk::is_tag_list(&t) {
                self.junk(i, RemovalReason::KeywordTags);
            } else if junk::is_widget_bar(&t) {
                self.junk(i, RemovalReason::ShareBarOrWidget);
            } else if let Some(why) = junk::is_marker_line(&t) {
                self.junk(i, why);
            } else if junk::is_licence_line(&t) {
                self.junk(i, RemovalReason::SiteLicence);
            } else if meta::is_copyright(&t) {
                self.junk(i, RemovalReason::Copyright);
            } else if junk::is_alt_slug(&t) {
                self.junk(i, RemovalReason::ImageAltText);
                if i + 1 < n {
                    slug_before[i + 1] = true;
                }
            } else if junk::foreign(&t) == Foreign::Spam {
                self.junk(i, RemovalReason::ForeignSpam);
            }
            i += 1;
        }
        // Two or more dated headlines in a row are a related-articles list.
        let mut run: Vec<usize> = Vec::new();
        for j in 0..=n {
            let dated = j < n && self.is_open(j) && junk::is_dated_headline(&self.lines[j].text);
            let blank = j < n && self.lines[j].class == LineClass::Blank;
            if dated {
                run.push(j);
            } else if !blank {
                if run.len() >= 2 {
                    for &k in &run {
                        self.junk(k, RemovalReason::DatedHeadlines);
                    }
                }
                run.clear();
            }
        }
        // A number alone on a line is a counter only beside its label or in the footer;
        // elsewhere it is a list number or a table cell.
        let mut prev_label = false;
        for j in 0..n {
            if self.lines[j].class == LineClass::Blank {
                continue;
            }
            let in_footer = footer_from.as_ref().is_some_and(|(f, _, _)| j > *f);
            let counter = junk::is_counter(&self.lines[j].text);
            let label = junk::is_counter_label(&self.lines[j].text);
            if self.is_open(j) && counter && (prev_label || in_footer) {
                self.junk(j, RemovalReason::ViewCounter);
            }
            prev_label = label;
        }
        // Everything short after the footer starts is footer (menus, widgets, lists).
        if let Some((f, marker, everything)) = footer_from {
            for j in f + 1..n {
                if self.is_open(j) && (everything || word_count(&self.lines[j].text) < 25) {
                    let t = &self.lines[j].text;
                    if meta::copyright_outlet(t).is_some() || meta::outlet_line(t).is_some() {
                        continue;
                    }
                    self.junk(
                        j,
                        RemovalReason::PageFooter {
                            marker: marker.clone(),
                        },
                    );
                }
            }
        }
        // Foreign text after the last Vietnamese paragraph is page furniture.
        if let Some(last_prose) = (0..n)
            .rev()
            .find(|&i| self.is_open(i) && is_prose(&self.lines[i].text))
        {
            for j in last_prose + 1..n {
                if self.is_open(j) && junk::foreign(&self.lines[j].text) != Foreign::No {
                    self.junk(j, RemovalReason::TrailingForeignText);
                }
            }
        }
        // A picture's caption sits right under its alt text.
        for j in (0..n).filter(|&j| slug_before[j]) {
            // Above the first paragraph a slug belongs to the header image: the line under
            // it is the summary, not a caption.
            let in_body = first_prose.is_some_and(|p| p < j);
            if self.is_open(j) && in_body && word_count(&self.lines[j].text) <= 40 {
                self.set(j, LineClass::Caption, Some(LineReason::UnderAnImage));
            }
        }
    }

    /// Is the content line before `i` a closing byline or source credit (so the article
    /// ended there)?
    fn after_closing_byline(&self, i: usize) -> bool {
        let prev = self.lines[..i]
            .iter()
            .rev()
            .find(|l| !matches!(l.class, LineClass::Blank | LineClass::Junk));
        prev.is_some_and(|l| {
            let t = &l.text;
            (word_count(t) <= 12 && meta::parse_byline(t).is_some())
                || meta::outlet_line(t).is_some()
        })
    }

    /// Captions carry a photo credit; a caption broken over several lines is joined.
    fn mark_captions(&mut self) {
        for i in 0..self.lines.len() {
            let t = self.lines[i].text.clone();
            if !self.is_open(i) || word_count(&t) > 80 || !meta::has_photo_credit(&t) {
                continue;
            }
            self.set(i, LineClass::Caption, None);
            // Walk back over adjacent lines that do not end a sentence: the caption's start.
            let credit_only = word_count(&t) <= 6;
            let mut first = i;
            while first > 0 {
                let p = first - 1;
                let pt = &self.lines[p].text;
                // A credit alone on its line also joins a caption found under an image.
                let caption_above = credit_only
                    && first == i
                    && self.lines[p].class == LineClass::Caption
                    && self.lines[p].joined_to.is_none();
                let continues = (self.is_open(p) || caption_above)
                    && word_count(pt) <= 50
                    && (!ends_sentence(pt) || (credit_only && first == i));
                if !continues {
                    break;
                }
                first = p;
            }
            if first < i {
                self.set(first, LineClass::Caption, None);
                for j in first + 1..=i {
                    self.set(j, LineClass::Caption, None);
                    self.lines[j].joined_to = Some(first);
                }
            }
        }
    }

    /// The page header: everything before the first paragraph of running text.
    fn mark_header(&mut self) {
        let open = self.open();
        let Some(&first) = open.first() else { return };
        let body_start = open
            .iter()
            .copied()
            .find(|&i| i != first && is_prose(&self.lines[i].text))
            .unwrap_or(usize::MAX);
        let header: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&i| i < body_start)
            .take(8)
            .collect();
        let mut title_set = false;
        let mut subtitle_set = false;
        for (k, &i) in header.iter().enumerate() {
            let t = self.lines[i].text.clone();
            if is_dateline_line(&t) {
                self.set(i, LineClass::Dateline, None);
            } else if breadcrumb_category(&t).is_some() {
                self.set(i, LineClass::Category, Some(LineReason::Breadcrumb));
            } else if meta::outlet_line(&t).is_some() {
                self.set(i, LineClass::OutletTag, None);
            } else if !title_set {
                // What else the header holds that could be a title.
                let later: Vec<&str> = header[k + 1..]
                    .iter()
                    .map(|&j| self.lines[j].text.as_str())
                    .filter(|u| {
                        !meta::is_dateline(u)
                            && breadcrumb_category(u).is_none()
                            && meta::outlet_line(u).is_none()
                            && !credit_byline(u)
                            && !is_series_line(u)
                            && meta::parse_byline(u).is_none_or(|b| b.role.is_none())
                            && !(is_all_caps(u) && words(u) <= 5 && meta::parse_byline(u).is_some())
                            && !is_locality_tag(self.gaz, u)
                    })
                    .collect();
                let n = words(&t);
                let short = n <= 4 && t.chars().count() <= 40 && !ends_sentence(&t);
                if is_series_line(&t) && !later.is_empty() && !subtitle_set {
                    // "Bài 3: …" above the headline is the series kicker.
                    self.set(i, LineClass::Subtitle, Some(LineReason::Series));
                    subtitle_set = true;
                } else if short && later.iter().any(|u| words(u) >= 5 || words(u) >= n) {
                    let note = is_locality_tag(self.gaz, &t).then_some(LineReason::LocalityTag);
                    self.set(i, LineClass::Category, note);
                } else {
                    self.set(i, LineClass::Title, None);
                    title_set = true;
                }
            } else if meta::parse_byline(&t)
                .is_some_and(|b| b.role.is_some() || strip_bullet(&t).is_some() || is_all_caps(&t))
            {
                self.set(i, LineClass::Byline, None);
            } else if is_locality_tag(self.gaz, &t) {
                self.set(i, LineClass::Category, Some(LineReason::LocalityTag));
            } else if credit_byline(&t) || (word_count(&t) <= 5 && meta::parse_byline(&t).is_some())
            {
                self.set(i, LineClass::Byline, None);
            } else if !subtitle_set && !is_prose(&t) {
                self.set(i, LineClass::Subtitle, None);
                subtitle_set = true;
            } else {
                break;
            }
        }
    }

    /// A sentence broken over adjacent lines: the line does not end a sentence and the next
    /// one starts in lowercase. Continuation lines point at the first line of the passage.
    fn mark_continuations(&mut self) {
        let n = self.lines.len();
        for i in 0..n.saturating_sub(1) {
            let (a, b) = (&self.lines[i], &self.lines[i + 1]);
            if !self.is_open(i) || !self.is_open(i + 1) || ends_sentence(&a.text) {
                continue;
            }
            if !b.text.chars().next().is_some_and(char::is_lowercase) || is_list_item(&b.text) {
                continue;
            }
            let head = a.joined_to.unwrap_or(i);
            self.lines[i + 1].joined_to = Some(head);
        }
    }

    /// "1. Kết quả nổi bật" or "Thứ nhất: Nâng cao chất lượng sinh hoạt chi bộ" standing
    /// alone above a paragraph is a heading; the same shape after "…như sau:" or among
    /// sibling items is a list item.
    fn is_numbered_heading(&self, i: usize, t: &str) -> bool {
        if !is_heading_shape(t) {
            return false;
        }
        let content = |l: &&Line| !matches!(l.class, LineClass::Blank | LineClass::Junk);
        let prev = self.lines[..i].iter().rev().find(content);
        let next = self.lines[i + 1..].iter().find(content);
        !prev.is_some_and(|l| l.text.ends_with(':') || is_list_item(&l.text))
            && next.is_some_and(|l| is_prose(&l.text) && !is_list_item(&l.text))
    }

    /// A line joined to one that later became something else (a caption's first line
    /// taken as the title, say) would be in no passage: the first such line heads its own
    /// passage and the rest of the run follows it.
    fn rejoin_orphans(&mut self) {
        let passage = |c: LineClass| {
            matches!(
                c,
                LineClass::Lead | LineClass::Paragraph | LineClass::ListItem | LineClass::Caption
            )
        };
        let mut moved: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for i in 0..self.lines.len() {
            let Some(h) = self.lines[i].joined_to else {
                continue;
            };
            if passage(self.lines[h].class) && self.lines[h].class == self.lines[i].class {
                continue;
            }
            match moved.get(&h) {
                Some(&head) if self.lines[head].class == self.lines[i].class => {
                    self.lines[i].joined_to = Some(head);
                }
                _ => {
                    self.lines[i].joined_to = None;
                    moved.insert(h, i);
                }
            }
        }
    }

    /// The text of line `i` with its continuation lines.
    fn joined_text(&self, i: usize) -> String {
        let mut text = self.lines[i].text.clone();
        for l in &self.lines[i + 1..] {
            match l.joined_to {
                Some(h) if h == i => {
                    text.push(' ');
                    text.push_str(&l.text);
                }
                _ if l.class == LineClass::Blank => {}
                _ => break,
            }
        }
        text
    }

    /// The body: lead, headings, list items, closing byline, paragraphs.
    fn mark_body(&mut self) {
        self.mark_continuations();
        let mut date_seen = self.lines.iter().any(|l| l.class == LineClass::Dateline);
        let mut lead_done = false;
        let open = self.open();
        let last_prose = open
            .iter()
            .rev()
            .copied()
            .find(|&i| is_prose(&self.lines[i].text));
        // only_credits_after[i]: nothing but blanks, junk and source credits after line i.
        let n = self.lines.len();
        let mut only_credits_after = vec![true; n];
        for i in (0..n.saturating_sub(1)).rev() {
            let l = &self.lines[i + 1];
            let credit = matches!(l.class, LineClass::Blank | LineClass::Junk)
                || meta::outlet_line(&l.text).is_some();
            only_credits_after[i] = credit && only_credits_after[i + 1];
        }
        for &i in &open {
            if self.lines[i].joined_to.is_some() {
                continue; // classified with the line it continues
            }
            let t = self.joined_text(i);
            let continued = t.len() != self.lines[i].text.len();
            // What follows this line, ignoring blank lines and junk.
            let next_content = self.lines[i + 1..]
                .iter()
                .find(|l| !matches!(l.class, LineClass::Blank | LineClass::Junk));
            let only_credits_follow = only_credits_after[i];
            let next_is_outlet = next_content.is_some_and(|l| meta::outlet_line(&l.text).is_some());
            // Aggregators put the byline, a gap of blank lines, then a short repeat of the
            // lead at the very end of the page.
            let before_end_gap = {
                let rest = &self.lines[i + 1..];
                let gap = rest
                    .iter()
                    .take_while(|l| l.class == LineClass::Blank)
                    .count();
                let after = rest[gap..]
                    .iter()
                    .filter(|l| !matches!(l.class, LineClass::Blank | LineClass::Junk))
                    .count();
                gap >= 2 && after <= 2
            };
            if continued {
                // A broken sentence is running text, whatever its first line looks like.
                let class = if is_list_item(&t) {
                    LineClass::ListItem
                } else if !lead_done && is_prose(&t) {
                    LineClass::Lead
                } else {
                    LineClass::Paragraph
                };
                self.set(i, class, None);
                for j in i + 1..self.lines.len() {
                    if self.lines[j].joined_to == Some(i) {
                        self.set(j, class, None);
                    }
                }
            } else if !date_seen && is_dateline_line(&t) {
                self.set(i, LineClass::Dateline, None);
                date_seen = true;
            } else if meta::outlet_line(&t).is_some() {
                self.set(i, LineClass::OutletTag, None);
            } else if credit_byline(&t)
                || ((only_credits_follow || next_is_outlet || before_end_gap)
                    && word_count(&t) <= 12
                    && meta::parse_byline(&t).is_some())
                || (last_prose.is_some_and(|p| i > p)
                    && word_count(&t) <= 12
                    && meta::parse_byline(&t).is_some_and(|b| {
                        is_all_caps(&b.author) || is_all_caps(&t) || b.role.is_some()
                    }))
            {
                // After the last paragraph, an all-caps name or a name with its role is the
                // byline whatever page furniture follows.
                self.set(i, LineClass::Byline, None);
            } else if is_list_item(&t) && !self.is_numbered_heading(i, &t) {
                self.set(i, LineClass::ListItem, None);
            } else if is_heading_shape(&t) && next_content.is_some_and(|l| !is_credit_line(l)) {
                self.set(i, LineClass::Heading, None);
            } else {
                let lead = !lead_done && is_prose(&t);
                let class = if lead {
                    LineClass::Lead
                } else {
                    LineClass::Paragraph
                };
                self.set(i, class, None);
            }
            // Only the first paragraph before any heading or list can be the lead.
            if matches!(
                self.lines[i].class,
                LineClass::Lead | LineClass::Paragraph | LineClass::Heading | LineClass::ListItem
            ) {
                lead_done = true;
            }
        }
    }
}

/// A dateline, alone or with other pieces after `|`: "Ngọc Mai | 12/05/2022 09:15",
/// "Thứ Năm, 12/05/2022 | 09:15 | Lượt xem: 1.234".
fn is_dateline_line(t: &str) -> bool {
    meta::is_dateline(t) || meta::split_dateline(t).is_some()
}

fn is_credit_line(l: &Line) -> bool {
    l.class == LineClass::Byline || meta::outlet_line(&l.text).is_some()
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
        })
        .collect();
    let decided = lines.iter().map(|l| l.class == LineClass::Blank).collect();
    let mut c = Classifier {
        lines,
        decided,
        gaz,
    };
    c.mark_chrome();
    c.mark_captions();
    c.mark_header();
    c.mark_body();
    // Every article has a title: fall back to the first content line.
    if !c.lines.iter().any(|l| l.class == LineClass::Title)
        && let Some(&i) = c.content().first()
    {
        c.set(i, LineClass::Title, None);
    }
    c.rejoin_orphans();
    c.lines
}
