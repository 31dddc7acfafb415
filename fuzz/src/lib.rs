//! The checks the fuzz targets run. They live in `../tests/invariants/mod.rs`, shared with
//! `tests/fuzz_props.rs`, so a crash input replays through the same code in `cargo test`.

#[path = "../../tests/invariants/mod.rs"]
pub mod invariants;
