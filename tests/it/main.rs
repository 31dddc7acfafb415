//! The integration tests, as one test binary (`cargo test --test it`): one module per
//! area, and the helpers they share. One binary links once, where one per file linked the
//! library and the dev-dependencies into each.
//!
//! All tests run as threads of this one process, so none may change what the process
//! shares: no `std::env::set_var`, `set_current_dir` or `umask` (give a child process its
//! environment and directory instead), and no `Command::spawn` or `Command::output` but
//! through [`spawn::LockedSpawn`] (see [`spawn`] for why).

mod common;
mod common_pty;
mod invariants;
mod spawn;

mod bookmarks_cli;
mod bookmarks_store;
mod build_inputs;
mod cli;
mod durability;
mod e2e_analysis;
mod e2e_copy;
mod e2e_mouse;
mod e2e_pty;
mod e2e_safety;
mod e2e_terminal;
mod fidelity;
mod flat_archive;
mod fuzz_props;
mod layouts;
mod pages;
mod property;
mod real_corpus;
mod render;
mod safety;
mod search_relevance;
mod seeds;
