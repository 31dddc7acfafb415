//! Why a bare name is not the unit: the words around it make it a place named after it, a
//! person, a route's end or the start of a longer proper noun.

use super::Scanner;
use super::tokens::{is_dash, is_hspace};
use crate::gazetteer::index::{
    F_BLOCK_CAP, F_BLOCK_PLACE, F_BLOCK_TITLE, F_NAME_FIRST, MAX_SYLLABLES, canon_lower,
};

/// Why a bare name is not the unit: its words are skipped and nothing is emitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Block {
    /// A commune, street, river … named after it.
    Place,
    /// Part of a person's name.
    Person,
    /// The start of a longer proper noun (`Tân Sơn Nhất`, `An Dương Vương`).
    Continues,
    /// After a type prefix that fits none of the units so named (`tỉnh Hạ Long`).
    WrongType,
}

impl Scanner<'_> {
    /// Do the words around the bare name at `i..e` make it something else?
    pub(super) fn block(&mut self, i: usize, e: usize) -> Option<Block> {
        if i > self.last_end
            && self.sep(i - 1).chars().all(is_hspace)
            && let Some(id) = self.id(i - 1)
        {
            let f = self.g.index.flags_of(id);
            if f & F_BLOCK_PLACE != 0 && !self.streets_of_city(i - 1) {
                return Some(Block::Place);
            }
            if f & F_BLOCK_TITLE != 0 || (f & F_BLOCK_CAP != 0 && self.toks[i - 1].cap) {
                return Some(Block::Person);
            }
        }
        if i > self.last_end
            && self.sep(i - 1).chars().all(is_hspace)
            && self.route_word_ends_at(i - 1, false)
        {
            return Some(Block::Place);
        }
        if self.route_pair_end(i) {
            return Some(Block::Place);
        }
        if self.continues(e) {
            return Some(Block::Continues);
        }
        None
    }

    /// Word `k`, canonical and lowercase.
    fn lower_word(&self, k: usize) -> String {
        let t = self.toks[k];
        let mut out = String::new();
        canon_lower(&self.text[t.start..t.end], &mut out);
        out
    }

    /// Does a road or route word end at word `k`: `cao tốc`, `quốc lộ`, `tỉnh lộ`, `tuyến`,
    /// `cầu`, `cảng`, `đường sắt`, `đường bay`, `xa lộ`, `đại lộ`? Not `yêu cầu`, `nhu cầu`, `điểm cầu` (a
    /// meeting's link-up point names the place), `trực tuyến`. With `pair`, the route word
    /// before the first end of a pair (`tuyến Hà Nội - Lào Cai`): `đường` counts too, and
    /// a capitalised `Cầu`/`Cảng` does not, since it starts names (`Cầu Giấy - Hà Đông`).
    fn route_word_ends_at(&self, k: usize, pair: bool) -> bool {
        let t = self.toks[k];
        let w = self.lower_word(k);
        let before =
            || (k > 0 && self.sep(k - 1).chars().all(is_hspace)).then(|| self.lower_word(k - 1));
        match w.as_str() {
            "tuyến" => !matches!(before().as_deref(), Some("trực" | "tiền" | "hậu")),
            "cầu" | "cảng" if pair && t.cap => false,
            "cầu" => !matches!(
                before().as_deref(),
                Some("yêu" | "nhu" | "toàn" | "địa" | "mưu" | "khẩn" | "điểm" | "đầu")
            ),
            "cảng" => true,
            "đường" => pair,
            "tốc" => before().as_deref() == Some("cao"),
            "lộ" => matches!(
                before().as_deref(),
                Some("quốc" | "tỉnh" | "hương" | "xa" | "đại")
            ),
            "sắt" | "bay" | "bộ" | "thủy" => before().as_deref() == Some("đường"),
            _ => false,
        }
    }

    /// Is the bare name at word `i` the second end of a route (`cao tốc Vân Đồn - Móng Cái`,
    /// `đường Vinh - Cửa Lò`, `tuyến Hà Nội - Hải Phòng - Quảng Ninh`)? A dash before it,
    /// then capitalised words back to a route word.
    fn route_pair_end(&self, i: usize) -> bool {
        if i == 0 || !self.toks[i - 1].join || !self.sep(i - 1).chars().any(is_dash) {
            return false;
        }
        let mut k = i - 1;
        for _ in 0..3 * MAX_SYLLABLES {
            if !self.toks[k].cap || k == 0 || !self.toks[k - 1].join {
                return false;
            }
            let before = k - 1;
            if self.sep(before).chars().all(is_hspace) && self.route_word_ends_at(before, true) {
                return true;
            }
            k = before;
        }
        false
    }

    /// `đường phố Hà Nội`, `phố phường Hà Nội`: "the streets of", so the city itself.
    fn streets_of_city(&mut self, k: usize) -> bool {
        if k == 0 || k <= self.last_end || !self.sep(k - 1).chars().all(is_hspace) {
            return false;
        }
        let g = self.g;
        let (Some(a), Some(b)) = (self.id(k - 1), self.id(k)) else {
            return false;
        };
        let (a, b) = (g.index.word_of_id(a), g.index.word_of_id(b));
        matches!((a, b), ("đường", "phố") | ("phố", "phường"))
    }

    /// Does a longer proper noun go on at word `e` (`Tân Sơn` + `Nhất`)? A capitalised
    /// word right after, on the same line with only spaces between. Not when it is an
    /// acronym or ALL CAPS (`Hà Nội FC`, titles), another locality, or a person's name
    /// starting with a surname (`Tỉnh ủy Quảng Ninh Nguyễn Văn Đọc`).
    fn continues(&mut self, e: usize) -> bool {
        if e == 0 || e >= self.toks.len() || !self.sep(e - 1).chars().all(is_hspace) {
            return false;
        }
        if !self.is_title_word(e) {
            return false;
        }
        if let Some(id) = self.id(e) {
            let f = self.g.index.flags_of(id);
            if f & F_BLOCK_CAP != 0
                && e + 1 < self.toks.len()
                && self.toks[e].join
                && self.is_title_word(e + 1)
            {
                return false;
            }
            if f & F_NAME_FIRST != 0 && self.name_at(e, None).is_some() {
                return false;
            }
        }
        true
    }

    /// Starts with an uppercase letter and has a lowercase one: `Nhất`, not `FC` or `1`.
    fn is_title_word(&self, k: usize) -> bool {
        let t = self.toks[k];
        let w = &self.text[t.start..t.end];
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
    }
}
