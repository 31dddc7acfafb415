//! A query line and passages (see `invariants::search_case`) → parse, search, highlight:
//! ranges slice the text on char boundaries, hits are what the matcher accepts, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nghiquyet_fuzz::invariants;

fuzz_target!(|data: &[u8]| invariants::search_highlight(data));
