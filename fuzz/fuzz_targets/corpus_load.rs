//! Corpus JSON bytes → `corpus::io::from_slice` → stats, JSON round trip, search over it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nghiquyet_fuzz::invariants;

fuzz_target!(|data: &[u8]| invariants::corpus_load(data));
