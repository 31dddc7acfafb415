//! The first pass: page chrome (related links, share bars, tag lists, counters, the page
//! footer …) becomes junk, before it can be mistaken for content.

use super::{Classifier, LineClass, LineReason};
use crate::corpus::RemovalReason;
use crate::preprocess::junk::{self, Chrome, Foreign};
use crate::preprocess::meta;

impl Classifier<'_> {
    /// Chrome recognisable on its own, headline lists after a related-links header, and the
    /// page footer after a comment box.
    pub(super) fn mark_chrome(&mut self) {
        let n = self.lines.len();
        let mut slug_before = vec![false; n];
        // (line, marker text, everything after it is the page's, long lines too)
        let mut footer_from: Option<(usize, String, bool)> = None;
        let first_prose = (0..n).find(|&i| self.facts[i].prose);
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
                        || self.facts[i + 1..].iter().filter(|f| f.words >= 25).count() <= 1);
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
                        if self.facts[j].words > 30 || (h.ends_with('.') && !h.ends_with("...")) {
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
            } else if junk::is_site_promo(&t) {
                self.junk(i, RemovalReason::SitePromo);
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
                if self.is_open(j) && (everything || self.facts[j].words < 25) {
                    let t = &self.lines[j].text;
                    if meta::copyright_outlet(t).is_some() || self.is_outlet(j) {
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
            .find(|&i| self.is_open(i) && self.facts[i].prose)
        {
            for j in last_prose + 1..n {
                // "Theo TTXVN", "Theo CNN": a credit has no Vietnamese letter either.
                if self.is_open(j)
                    && junk::foreign(&self.lines[j].text) != Foreign::No
                    && !self.is_outlet(j)
                {
                    self.junk(j, RemovalReason::TrailingForeignText);
                }
            }
        }
        // A picture's caption sits right under its alt text.
        for j in (0..n).filter(|&j| slug_before[j]) {
            // Above the first paragraph a slug belongs to the header image: the line under
            // it is the summary, not a caption.
            let in_body = first_prose.is_some_and(|p| p < j);
            if self.is_open(j) && in_body && self.facts[j].words <= 40 {
                self.set(j, LineClass::Caption, Some(LineReason::UnderAnImage));
            }
        }
    }

    /// Is the content line before `i` a closing byline or source credit (so the article
    /// ended there)?
    fn after_closing_byline(&self, i: usize) -> bool {
        let prev = (0..i)
            .rev()
            .find(|&k| !matches!(self.lines[k].class, LineClass::Blank | LineClass::Junk));
        prev.is_some_and(|k| {
            (self.facts[k].words <= 12 && self.byline(k).is_some()) || self.is_outlet(k)
        })
    }
}
