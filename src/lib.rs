//! nghiquyet: read and research Vietnamese news articles on how localities carry out
//! Party congress resolutions.
//!
//! The library (`corpus`, `preprocess`, `text`, `gazetteer`) knows nothing of terminals; the
//! `cli` module is the binary's edge.

#![forbid(unsafe_code)]

pub mod analysis;
pub mod app;
pub mod bookmarks;
pub mod cli;
pub mod corpus;
pub mod embedded;
pub mod files;
pub mod gazetteer;
pub mod preprocess;
pub mod search;
pub mod text;
pub mod tui;
pub mod ui;
pub mod xdg;

// mimalloc over the system allocator: `build` allocates many small strings and vectors per
// line, and glibc's malloc cost a fifth of its instructions and scaled poorly on two threads.
// Declared here so the binary, the benchmarks and the tests all run on the same allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
