//! Words before a bare name that make it weak evidence of the place (`công ty … Phú Quý`,
//! `Nxb …, Hà Nội`, `kiến trúc Hà Nội`) or a person (`cầu thủ Xuân Trường`).

use super::Scanner;
use super::block::Block;
use super::tokens::is_dash;
use crate::gazetteer::index::{CueKind, F_CUE_END};
use crate::gazetteer::model::Cue;

/// Words a company's name may run over between its head and the place (`công ty vàng bạc
/// đá quý Phú Quý`).
const ORGANISATION_GAP: usize = 5;
/// Words a reference may run over between `Nxb` and the city (`Nxb Chính trị quốc gia Sự
/// thật, Hà Nội`).
const PUBLISHER_GAP: usize = 12;

impl Scanner<'_> {
    /// The cue phrase that ends at word `e`, if any.
    fn cue_ending_at(&mut self, e: usize) -> Option<CueKind> {
        if self.flags(e) & F_CUE_END == 0 {
            return None;
        }
        let g = self.g;
        'cues: for (words, kind) in &g.index.cues {
            let m = words.len();
            if m > e + 1 || e + 1 - m < self.last_end {
                continue;
            }
            let first = e + 1 - m;
            for (k, &w) in words.iter().enumerate() {
                if self.id(first + k) != Some(w) || (k + 1 < m && !self.spaced(first + k)) {
                    continue 'cues;
                }
            }
            return Some(*kind);
        }
        None
    }

    /// What the words before the bare name at word `i` make of it: `Err` a person (the
    /// name is dropped), `Ok` a weak cue.
    pub(super) fn cue_before(&mut self, i: usize) -> Option<Result<Cue, Block>> {
        if i == 0 || i <= self.last_end {
            return None;
        }
        // Right before the name.
        if self.spaced(i - 1) {
            match self.cue_ending_at(i - 1) {
                Some(CueKind::Person) => return Some(Err(Block::Person)),
                Some(CueKind::Company | CueKind::Organisation) => {
                    return Some(Ok(Cue::Organisation));
                }
                Some(CueKind::Attribute) => return Some(Ok(Cue::Attribute)),
                Some(CueKind::Publisher) => return Some(Ok(Cue::Publisher)),
                None => {}
            }
        }
        // A company's head a few plain words back.
        let mut k = i;
        for _ in 0..ORGANISATION_GAP {
            if k < 2 || k - 1 <= self.last_end || !self.spaced(k - 1) {
                break;
            }
            k -= 1;
            if self.is_organisation_stop(k) {
                break;
            }
            if k >= 1 && self.spaced(k - 1) && self.cue_ending_at(k - 1) == Some(CueKind::Company) {
                return Some(Ok(Cue::Organisation));
            }
        }
        // A publisher some words back, across commas: `Nxb Chính trị quốc gia, Hà Nội`.
        let mut k = i;
        for _ in 0..PUBLISHER_GAP {
            if k == 0 || k <= self.last_end {
                break;
            }
            let sep = self.sep(k - 1);
            let before_is_nxb = self.cue_ending_at(k - 1) == Some(CueKind::Publisher);
            let sep_ok = sep.chars().all(|c| {
                c == ',' || is_dash(c) || super::is_hspace(c) || (c == '.' && before_is_nxb)
            });
            if !sep_ok {
                break;
            }
            if before_is_nxb {
                return Some(Ok(Cue::Publisher));
            }
            k -= 1;
        }
        None
    }

    fn is_organisation_stop(&mut self, k: usize) -> bool {
        self.id(k)
            .is_some_and(|id| self.g.index.organisation_stop.contains(&id))
    }
}
