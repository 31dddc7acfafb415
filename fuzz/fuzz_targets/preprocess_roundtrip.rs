//! Raw article bytes → `build_document` → `corpus_from_documents` → JSON → `from_slice`:
//! nothing panics, no line is lost, the corpus comes back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nghiquyet_fuzz::invariants;

fuzz_target!(|data: &[u8]| invariants::preprocess_roundtrip(data));
