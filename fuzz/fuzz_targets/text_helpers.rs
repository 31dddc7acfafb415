//! Folding with its offset map, canonical tones, ASCII fallback, truncation to a width,
//! line normalisation and Telex, on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nghiquyet_fuzz::invariants;

fuzz_target!(|data: &[u8]| invariants::text_helpers(data));
