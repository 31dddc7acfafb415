//! Vietnamese administrative units (63 pre-2025 provinces, their 696 districts and 10,035
//! communes, with the communes since 1 July 2025 they became) and a matcher that finds them
//! in news text.
//!
//! The data is `data/vn-localities.json` (see `data/README-vn-localities.md`). Names are
//! compared in [`crate::text::canonical`] form, lowercased, so `Thanh Hoá` = `Thanh Hóa` =
//! `THANH HÓA`. This file holds the [`Gazetteer`] type and its accessors; the rest is split
//! by concern:
//!
//! * `model.rs`: [`Unit`], [`Level`], [`Mention`], [`Cue`], [`Settled`], [`GazetteerError`]
//!   and the unit kinds that type prefixes select;
//! * `index.rs`: the name index shared by the matcher and [`Gazetteer::lookup`];
//! * `words.rs`: the word lists that block or weaken a bare name;
//! * `load.rs`: reading the JSON and building the index ([`Gazetteer::from_json`]);
//! * `scan.rs`: the matcher: names and their candidate units, cues, brackets;
//! * `resolve.rs`: choosing among units of the same name ([`Gazetteer::scan_text`]);
//! * `lookup.rs`: [`Gazetteer::lookup`].

mod index;
mod load;
mod lookup;
mod model;
mod resolve;
mod scan;
mod words;

use std::fmt;
use std::sync::OnceLock;

/// The gazetteer's fast hasher, for the preprocessor's maps of short keys too.
pub(crate) use index::FxHasher;
pub use model::{Commune2025, Cue, GazetteerError, Level, Mention, Settled, Unit, UnitId};
pub use resolve::{TextScan, Unresolved};

use index::{FxMap, Index, LookupName};
use model::Kind;

pub struct Gazetteer {
    units: Vec<Unit>,
    kinds: Vec<Kind>,
    /// For each unit, its province since 1 July 2025, an index into `provinces_2025`.
    province_2025: Vec<u16>,
    /// Short names of the 34 provinces since 1 July 2025.
    provinces_2025: Vec<String>,
    /// The communes since 1 July 2025.
    communes_2025: Vec<Commune2025>,
    /// Indices into `communes_2025`; a unit's are `links_2025[link_ranges[unit]]`.
    links_2025: Vec<u32>,
    link_ranges: Vec<(u32, u32)>,
    by_id: FxMap<String, UnitId>,
    index: Index,
    lookup_names: Vec<LookupName>,
    /// The texts `lookup_names` point into.
    lookup_text: String,
    /// vietnamadminunits' ASCII keys (`thanhhoa`, `hcm`), for `lookup`, one after another;
    /// `key_spans` gives each one's byte range and unit.
    keys: String,
    key_spans: Vec<(u32, u32, UnitId)>,
}

impl fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The index is large; a summary is what a debug print needs.
        f.debug_struct("Gazetteer")
            .field("units", &self.units.len())
            .field("names", &self.index.names.len())
            .field("communes_2025", &self.communes_2025.len())
            .finish_non_exhaustive()
    }
}

impl Gazetteer {
    fn word_of(&self, id: u32) -> &str {
        self.index.word_of_id(id)
    }

    /// The gazetteer built from the JSON compiled into the binary.
    ///
    /// # Panics
    ///
    /// Only if that JSON is invalid, which the tests rule out.
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            // The file is fixed at compile time and the tests load it, so this cannot fail
            // at run time.
            Gazetteer::from_json(include_str!("../../data/vn-localities.json"))
                .expect("embedded vn-localities.json is valid")
        })
    }

    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// # Panics
    /// If `id` is not an index into [`Gazetteer::units`].
    pub fn unit(&self, id: UnitId) -> &Unit {
        &self.units[id]
    }

    /// `"p38"` → the province Thanh Hóa.
    pub fn by_id(&self, id: &str) -> Option<UnitId> {
        self.by_id.get(id).copied()
    }

    /// Short name of the unit's pre-2025 province (`Thanh Hóa`).
    ///
    /// # Panics
    /// If `id` is not an index into [`Gazetteer::units`].
    pub fn province_name(&self, id: UnitId) -> &str {
        &self.units[self.units[id].province].name
    }

    /// Short name of the province the unit belongs to since 1 July 2025 (Hậu Giang →
    /// `Cần Thơ`).
    ///
    /// # Panics
    /// If `id` is not an index into [`Gazetteer::units`].
    pub fn province_2025_name(&self, id: UnitId) -> &str {
        &self.provinces_2025[usize::from(self.province_2025[id])]
    }

    /// The communes since 1 July 2025 that a pre-2025 commune became, whole or in part
    /// (none for a province or district).
    ///
    /// # Panics
    /// If `id` is not an index into [`Gazetteer::units`].
    pub fn communes_2025(&self, id: UnitId) -> impl Iterator<Item = &Commune2025> {
        let (from, to) = self.link_ranges[id];
        self.links_2025[from as usize..to as usize]
            .iter()
            .map(|&i| &self.communes_2025[i as usize])
    }

    /// Every locality named in `text`, in order, resolved. `context` = units already known
    /// to be relevant to the document; their provinces pick among same-named districts, and
    /// a district or commune in it settles a bare name it shares with another unit of the
    /// same province (`Kỳ Anh` with the thị xã Kỳ Anh in the context), as a typed mention in
    /// `text` itself does. Communes shared by several units are settled by a district or
    /// province in the same sentence, the text or the context.
    pub fn find_mentions(&self, text: &str, context: &[UnitId]) -> Vec<Mention> {
        resolve::resolve(self, text, scan::scan(self, text), context).mentions
    }

    /// Every locality named in `text` (a whole document at once), resolved by what the text
    /// itself says, and the names still shared by several units.
    pub fn scan_text(&self, text: &str) -> TextScan {
        resolve::resolve(self, text, scan::scan(self, text), &[])
    }
}

#[cfg(test)]
mod tests;
