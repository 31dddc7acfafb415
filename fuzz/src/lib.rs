//! The checks the fuzz targets run. They live in `../tests/it/invariants/mod.rs`, shared
//! with `tests/it/fuzz_props.rs`, so a crash input replays through the same code in
//! `cargo test`.

// `invariants` uses it as `crate::common`, as in the test binary.
#[path = "../../tests/it/common/mod.rs"]
mod common;
#[path = "../../tests/it/invariants/mod.rs"]
pub mod invariants;
