//! What must hold for any input to the library's entry points: the checks behind the fuzz
//! targets (`fuzz/fuzz_targets/`, which include this file) and `tests/it/fuzz_props.rs`.
//!
//! Each target has one function taking the fuzzer's raw bytes ([`preprocess_roundtrip`],
//! [`search_highlight`], [`text_helpers`], [`corpus_load`]); it panics when an invariant
//! breaks. The property tests call the same checks on generated inputs and replay the
//! inputs saved in `tests/fuzz_regressions/` through [`run_target`].
//!
//! `FUZZ_SKIP=name,name` turns off the named checks (see [`on`]), so fuzzing can go on past
//! a bug whose fix is pending. The tests never set it. The names: `title`, `hidden-chars`,
//! `lost-lines`, `lost-joined-lines`, `unique-ids`, `matcher-agrees`, `canonical-nfc`,
//! `truncate-width`, `line-nfc`, `telex-nfc`.

use std::sync::OnceLock;

mod corpus_load;
mod preprocess_roundtrip;
mod search_highlight;
mod text_helpers;

pub use corpus_load::corpus_load;
pub use preprocess_roundtrip::{corpus_from, preprocess_roundtrip};
pub use search_highlight::{check_search, search_corpus, search_highlight};
pub use text_helpers::{check_telex_word, check_text, text_helpers};

/// The fuzz targets, as named in `fuzz/Cargo.toml` and in regression file names
/// (`<target>-<what>`).
pub const TARGETS: [&str; 4] = [
    "preprocess_roundtrip",
    "search_highlight",
    "text_helpers",
    "corpus_load",
];

/// Run the check of fuzz target `target` on `data`, as the target does. Panics on an
/// unknown target name.
pub fn run_target(target: &str, data: &[u8]) {
    match target {
        "preprocess_roundtrip" => preprocess_roundtrip(data),
        "search_highlight" => search_highlight(data),
        "text_helpers" => text_helpers(data),
        "corpus_load" => corpus_load(data),
        _ => panic!("no fuzz target {target:?}; known: {TARGETS:?}"),
    }
}

/// Is the check `name` on? All are, except those listed in `FUZZ_SKIP`.
pub fn on(name: &str) -> bool {
    static SKIP: OnceLock<Vec<String>> = OnceLock::new();
    let skip = SKIP.get_or_init(|| {
        std::env::var("FUZZ_SKIP")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    });
    !skip.iter().any(|s| s == name)
}

/// Characters the normaliser removes: C0/C1 controls and invisible format characters
/// (`preprocess::normalize`). None may reach the corpus, where a terminal would show them.
fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c,
            '\u{00AD}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}
