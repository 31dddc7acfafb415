//! The body: captions, lines continuing a broken sentence, the lead, headings, list items,
//! paragraphs and the closing byline.

use super::evidence::cut_sentence;
use super::{Classifier, LineClass, LineReason, is_dateline_line};
use crate::preprocess::meta;
use crate::preprocess::shapes::{
    credit_byline, ends_sentence, is_heading_shape, is_list_item, is_prose, item_number,
};
use crate::text::is_all_caps;

impl Classifier<'_> {
    /// Captions carry a photo credit; a caption broken over several lines is joined.
    pub(super) fn mark_captions(&mut self) {
        for i in 0..self.lines.len() {
            let t = &self.lines[i].text;
            if !self.is_open(i) || self.facts[i].words > 80 || !meta::has_photo_credit(t) {
                continue;
            }
            self.set(i, LineClass::Caption, None);
            // Walk back over adjacent lines that do not end a sentence: the caption's start.
            let credit_only = self.facts[i].words <= 6;
            let mut first = i;
            while first > 0 {
                let p = first - 1;
                let pt = &self.lines[p].text;
                // A credit alone on its line also joins a caption found under an image.
                let caption_above = credit_only
                    && first == i
                    && self.lines[p].class == LineClass::Caption
                    && self.lines[p].joined_to.is_none();
                // Under a credit alone, a finished sentence above is the caption, if it is
                // one short sentence (a paragraph above "Hình minh họa" is body text) and
                // the walk stops there (a heading above it is no part of it).
                let sentence_above = credit_only
                    && first == i
                    && ends_sentence(pt)
                    && self.facts[p].words <= 30
                    && !pt
                        .trim_end_matches(['.', '!', '?', '…', '"', '”'])
                        .contains(". ");
                let continues = (self.is_open(p) || caption_above)
                    && self.facts[p].words <= 50
                    && (!ends_sentence(pt) || sentence_above);
                if !continues {
                    break;
                }
                first = p;
                if sentence_above {
                    break;
                }
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

    /// A sentence broken over adjacent lines: the line does not end a sentence and the next
    /// one starts in lowercase. Continuation lines point at the first line of the passage.
    fn mark_continuations(&mut self) {
        let n = self.lines.len();
        let only_credits_after = self.only_credits_after();
        // The last line still open: a whole body flattened onto it is no sentence's rest.
        let last_open = (0..n).rev().find(|&k| self.is_open(k));
        for i in 0..n.saturating_sub(1) {
            let (a, b) = (&self.lines[i], &self.lines[i + 1]);
            let whole_body = b.text.len() >= BODY_BYTES
                || (last_open == Some(i + 1) && b.text.len() >= LAST_BODY_BYTES);
            // A whole flattened body after a sapo cut short ("… lại có 1 đứa con" / "Bé trai
            // đó …") is no rest of its sentence: joined, it would never be split.
            if !self.is_open(i) || !self.is_open(i + 1) || ends_sentence(&a.text) || whole_body {
                continue;
            }
            // A scraper drops a link and cuts the sentence around it ("Và câu trả lời của" /
            // "Mkhitaryan" / "trên sân cỏ …"): a line ending on an open word goes on below.
            // A line opening with ", họ sẽ …" or ": 1.60" finishes the one above.
            // After a title in italics ("Whiplash" / "(2014) và …") a bracket goes on too.
            // "Whiplash" / "- bộ phim giúp …": a dash and a lowercase word go on as well.
            let fragment = self.facts[i].words <= 8 && !a.text.ends_with(':');
            let dash_lower = {
                let mut c = b.text.chars();
                matches!(c.next(), Some('-' | '–'))
                    && c.next() == Some(' ')
                    && c.next().is_some_and(char::is_lowercase)
            };
            let goes_on = b.text.chars().next().is_some_and(char::is_lowercase)
                || b.text.starts_with([',', ';', ':', ')', '.'])
                || (fragment && b.text.starts_with('(') && !meta::has_photo_credit(&b.text))
                || (cut_sentence(&a.text)
                    && !self.is_outlet(i + 1)
                    // "… tiếp xúc với nó," / "An Bình (t/h)": the signature follows.
                    && !(only_credits_after[i + 1] && self.byline(i + 1).is_some()));
            if !(goes_on && !is_list_item(&b.text) || fragment && dash_lower) {
                continue;
            }
            let head = a.joined_to.unwrap_or(i);
            self.lines[i + 1].joined_to = Some(head);
        }
    }

    /// Per line: nothing but blanks, junk and source credits after it (a signature's place).
    fn only_credits_after(&self) -> Vec<bool> {
        let n = self.lines.len();
        let mut out = vec![true; n];
        for i in (0..n.saturating_sub(1)).rev() {
            // Once a line is followed by more than credits, so is every line above it: the
            // outlet test (the costly part) is not asked of them.
            out[i] = out[i + 1]
                && (matches!(self.lines[i + 1].class, LineClass::Blank | LineClass::Junk)
                    || self.is_outlet(i + 1));
        }
        out
    }

    /// "1. Kết quả nổi bật" or "Thứ nhất: Nâng cao chất lượng sinh hoạt chi bộ" standing
    /// alone above a paragraph is a heading; the same shape after "…như sau:" or among
    /// sibling items is a list item.
    fn is_numbered_heading(&self, i: usize, t: &str) -> bool {
        if !is_heading_shape(t) {
            return false;
        }
        let content =
            |&k: &usize| !matches!(self.lines[k].class, LineClass::Blank | LineClass::Junk);
        let prev = (0..i).rev().find(content).map(|k| &self.lines[k]);
        let next = (i + 1..self.lines.len()).find(content);
        !prev.is_some_and(|l| l.text.ends_with(':') || is_list_item(&l.text))
            && next.is_some_and(|k| self.facts[k].prose && !is_list_item(&self.lines[k].text))
    }

    /// "1. Hy Lạp: Thịt xiên nướng" under a line ending with ':' reads as a list item, while
    /// "2. Israel: Bánh mì" and the rest of the run are headings: the item the next number's
    /// heading follows is a heading too.
    pub(super) fn promote_numbered_siblings(&mut self) {
        for i in 0..self.lines.len() {
            if self.lines[i].class != LineClass::ListItem
                || self.lines.iter().any(|l| l.joined_to == Some(i))
                || !is_heading_shape(&self.lines[i].text)
            {
                continue;
            }
            let Some(n) = line_item_number(&self.lines[i].text) else {
                continue;
            };
            let next = (i + 1..self.lines.len())
                .find(|&k| line_item_number(&self.lines[k].text).is_some_and(|m| m == n + 1));
            if next.is_some_and(|k| self.lines[k].class == LineClass::Heading) {
                self.set(i, LineClass::Heading, None);
            }
        }
    }

    /// A line joined to one that later became something else (a caption's first line
    /// taken as the title, say) would be in no passage: the first such line heads its own
    /// passage and the rest of the run follows it.
    pub(super) fn rejoin_orphans(&mut self) {
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
            let credit = matches!(
                self.lines[h].class,
                LineClass::OutletTag | LineClass::Byline
            );
            if (passage(self.lines[h].class) || credit)
                && self.lines[h].class == self.lines[i].class
            {
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
    pub(super) fn joined_text(&self, i: usize) -> String {
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
    pub(super) fn mark_body(&mut self) {
        self.mark_continuations();
        let mut date_seen = self.lines.iter().any(|l| l.class == LineClass::Dateline);
        let mut lead_done = false;
        let open = self.open();
        let last_prose = open.iter().rev().copied().find(|&i| self.facts[i].prose);
        let n = self.lines.len();
        let only_credits_after = self.only_credits_after();
        for &i in &open {
            if self.lines[i].joined_to.is_some() {
                continue; // classified with the line it continues
            }
            let t = self.joined_text(i);
            let continued = t.len() != self.lines[i].text.len();
            // What follows this line, ignoring blank lines and junk.
            let next_content = (i + 1..n)
                .find(|&k| !matches!(self.lines[k].class, LineClass::Blank | LineClass::Junk));
            let only_credits_follow = only_credits_after[i];
            let next_is_outlet = next_content.is_some_and(|k| self.is_outlet(k));
            // Aggregators put the byline, a gap of blank lines, then a short repeat of the
            // lead at the very end of the page.
            let before_end_gap = self.before_end_gap(i);
            if continued && self.is_broken_signature(i, &t, &only_credits_after) {
                // "Đỗ Thu Thoan" / "(t/h)": a signature with its note on the next line.
                for j in i..self.lines.len() {
                    if j == i || self.lines[j].joined_to == Some(i) {
                        self.set(j, LineClass::Byline, None);
                    }
                }
            } else if continued {
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
            } else if !date_seen
                && is_dateline_line(&t)
                // A date amid the story ("… 7h, ngày" / "8/2/2017") is no publication date:
                // only a signed dateline or one after the last paragraph is.
                && (meta::split_dateline(&t).is_some_and(|(_, pieces)| !pieces.is_empty())
                    || last_prose.is_some_and(|p| i > p))
            {
                self.set(i, LineClass::Dateline, None);
                date_seen = true;
            } else if self.is_outlet(i) {
                self.set(i, LineClass::OutletTag, None);
            } else if credit_byline(&t)
                || ((only_credits_follow || next_is_outlet || before_end_gap)
                    && self.facts[i].words <= 12
                    && meta::parse_byline(&t).is_some())
                || (last_prose.is_some_and(|p| i > p)
                    && self.facts[i].words <= 12
                    && meta::parse_byline(&t).is_some_and(|b| {
                        is_all_caps(&b.author) || is_all_caps(&t) || b.role.is_some()
                    }))
            {
                // After the last paragraph, an all-caps name or a name with its role is the
                // byline whatever page furniture follows.
                self.set(i, LineClass::Byline, None);
            } else if is_list_item(&t) && !self.is_numbered_heading(i, &t) {
                self.set(i, LineClass::ListItem, None);
            } else if is_heading_shape(&t) && next_content.is_some_and(|k| !self.is_credit_line(k))
            {
                match self.not_heading(i, &t) {
                    None => self.set(i, LineClass::Heading, None),
                    Some(why) => self.set(i, why.class(&t), Some(LineReason::NotHeading(why))),
                }
            } else {
                let lead = !lead_done && self.facts[i].prose;
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

/// A line at least this long (in bytes) is a whole body flattened onto one line.
const BODY_BYTES: usize = 4000;
/// The last text line of a page at least this long (in bytes) is the whole body.
const LAST_BODY_BYTES: usize = 1000;

impl Classifier<'_> {
    fn is_credit_line(&self, i: usize) -> bool {
        self.lines[i].class == LineClass::Byline || self.is_outlet(i)
    }

    /// Is line `i`, joined with the lines that continue it into `t`, a signature whose
    /// bracketed note went to the next line ("Đỗ Thu Thoan" / "(t/h)", "Phú Bình" / "(Theo
    /// CNN)")? Only where a signature stands: nothing but credits after it, or the gap
    /// before the sapo printed last.
    fn is_broken_signature(&self, i: usize, t: &str, only_credits_after: &[bool]) -> bool {
        let group: Vec<usize> = (i + 1..self.lines.len())
            .filter(|&j| self.lines[j].joined_to == Some(i))
            .collect();
        let Some(&last) = group.last() else {
            return false;
        };
        if !group.iter().all(|&j| self.lines[j].text.starts_with('('))
            || self.facts[i].words > 6
            || meta::parse_byline(&self.lines[i].text).is_none()
            || meta::parse_byline(t).is_none()
        {
            return false;
        }
        only_credits_after[last] || self.before_end_gap(last)
    }

    /// Does a gap of blank lines follow line `i`, then at most two lines of text (the short
    /// repeat of the lead that aggregators put at the very end of a page)?
    fn before_end_gap(&self, i: usize) -> bool {
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
    }
}

/// The number of the item a line opens ("3. …", "3) …").
fn line_item_number(t: &str) -> Option<u32> {
    t.split_whitespace().next().and_then(item_number)
}
