//! The page header: title, subtitle, category, dateline, byline and outlet tag above the
//! first paragraph.

use super::{Classifier, LineClass, LineReason, is_dateline_line};
use crate::gazetteer::Gazetteer;
use crate::preprocess::meta;
use crate::preprocess::shapes::{
    breadcrumb_category, credit_byline, ends_sentence, is_series_line, strip_bullet, word_count,
    words,
};
use crate::text::is_all_caps;

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

impl Classifier<'_> {
    /// The page header: everything before the first paragraph of running text.
    pub(super) fn mark_header(&mut self) {
        let open = self.open();
        let Some(&first) = open.first() else { return };
        let body_start = open
            .iter()
            .copied()
            .find(|&i| i != first && self.facts[i].prose)
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
            } else if self.is_outlet(i) {
                self.set(i, LineClass::OutletTag, None);
            } else if !title_set {
                // What else the header holds that could be a title.
                let later: Vec<&str> = header[k + 1..]
                    .iter()
                    .filter(|&&j| {
                        let u = self.lines[j].text.as_str();
                        !self.is_outlet(j)
                            && !meta::is_dateline(u)
                            && breadcrumb_category(u).is_none()
                            && !credit_byline(u)
                            && !is_series_line(u)
                            && self.byline(j).is_none_or(|b| b.role.is_none())
                            && !(is_all_caps(u) && words(u) <= 5 && self.byline(j).is_some())
                            && !is_locality_tag(self.gaz, u)
                    })
                    .map(|&j| self.lines[j].text.as_str())
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
            } else if self
                .byline(i)
                .is_some_and(|b| b.role.is_some() || strip_bullet(&t).is_some() || is_all_caps(&t))
            {
                self.set(i, LineClass::Byline, None);
            } else if is_locality_tag(self.gaz, &t) {
                self.set(i, LineClass::Category, Some(LineReason::LocalityTag));
            } else if credit_byline(&t) || (self.facts[i].words <= 5 && self.byline(i).is_some()) {
                self.set(i, LineClass::Byline, None);
            } else if !subtitle_set && is_series_line(&t) {
                // "Kỳ cuối: …" under the headline. Any other short line here is a photo
                // caption, a heading or a cut sentence: the body rules decide, so its text
                // stays in a passage (searchable, in the outline) instead of a slot.
                self.set(i, LineClass::Subtitle, Some(LineReason::Series));
                subtitle_set = true;
            } else {
                break;
            }
        }
    }
}
