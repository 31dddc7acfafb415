//! Vietnamese administrative units (63 pre-2025 provinces, their 696 districts and 616 thị
//! trấn) and a matcher that finds them in news text.
//!
//! The data is `data/vn-localities.json` (see `data/README-vn-localities.md`). Names are
//! compared in [`crate::text::canonical`] form, lowercased, so `Thanh Hoá` = `Thanh Hóa` =
//! `THANH HÓA`. This file holds the [`Gazetteer`] type and its accessors; the rest is split
//! by concern:
//!
//! * `model.rs`: [`Unit`], [`Level`], [`Mention`], [`GazetteerError`] and the unit kinds that
//!   type prefixes select;
//! * `index.rs`: the name index shared by the matcher and [`Gazetteer::lookup`];
//! * `load.rs`: reading the JSON and building the index ([`Gazetteer::from_json`]);
//! * `scan.rs`: the matcher behind [`Gazetteer::find_mentions`];
//! * `lookup.rs`: [`Gazetteer::lookup`].

mod index;
mod load;
mod lookup;
mod model;
mod scan;

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

pub use model::{GazetteerError, Level, Mention, Unit, UnitId};

use index::{Index, LookupName};
use model::Kind;

pub struct Gazetteer {
    units: Vec<Unit>,
    kinds: Vec<Kind>,
    /// For a town, its district.
    town_district: Vec<Option<UnitId>>,
    /// For each unit, the short name of its province since 1 July 2025.
    province_2025: Vec<String>,
    by_id: HashMap<String, UnitId>,
    index: Index,
    lookup_names: Vec<LookupName>,
    /// vietnamadminunits' ASCII keys (`thanhhoa`, `hcm`), for `lookup`.
    keys: Vec<(String, UnitId)>,
}

impl fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The index is large; a summary is what a debug print needs.
        f.debug_struct("Gazetteer")
            .field("units", &self.units.len())
            .field("names", &self.index.names.len())
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
        &self.province_2025[id]
    }

    /// Every locality named in `text`, in order, resolved. `context` = units already known
    /// to be relevant to the document; their provinces pick among same-named districts, and
    /// a district or town in it settles a bare name it shares with another unit of the same
    /// province (`Kỳ Anh` with the thị xã Kỳ Anh in the context), as a typed mention in
    /// `text` itself does.
    pub fn find_mentions(&self, text: &str, context: &[UnitId]) -> Vec<Mention> {
        scan::find_mentions(self, text, context)
    }
}

#[cfg(test)]
mod tests;
