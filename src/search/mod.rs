//! Vietnamese-aware search over passages: folded once at load time ([`SearchIndex`]),
//! matched with fzf's query language ([`query`]), ranked ([`matcher`]), run off the UI
//! thread ([`worker`]).

mod accent;
mod highlight;
mod index;
mod learned;
pub mod matcher;
#[cfg(test)]
mod near_tests;
pub mod query;
mod scan;
mod scope;
mod vocab;
pub mod worker;

pub use highlight::{highlight_ranges, highlight_ranges_near_first};
pub use index::SearchIndex;
pub use query::{Query, parse};
pub use scan::{Hit, W_ACCENT, rank, search, search_all, search_noting};
pub use scope::Scope;

use std::sync::atomic::{AtomicU64, Ordering};

pub use crate::corpus::PassageRef;

/// Threads to fold or scan on: every core, up to 8.
fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 8)
}

/// A shared "newest query" counter: workers stop when their generation is no longer newest.
#[derive(Debug, Default)]
pub struct Generation(AtomicU64);

impl Generation {
    pub fn next(&self) -> u64 {
        self.0.fetch_add(1, Ordering::SeqCst) + 1
    }

    pub fn current(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }

    pub fn set(&self, generation: u64) {
        self.0.store(generation, Ordering::SeqCst);
    }
}
