//! The fuzz targets' entry points as property tests: the same checks (`tests/it/invariants/`)
//! on a few thousand generated inputs, and a replay of every input a fuzzer found
//! (`tests/fuzz_regressions/<target>-<what>`), so a fixed crash stays fixed.
//!
//! The cases come from a fixed seed, so a run is repeatable; `PROPTEST_RNG_SEED` picks
//! another, `PROPTEST_CASES` sets the number of cases per property.

use std::path::Path;
use std::sync::LazyLock;

use nghiquyet::corpus::{Corpus, Document};
use nghiquyet::embedded::RAW_ARTICLES;
use nghiquyet::search::Scope;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

use crate::invariants;

fn config(cases: u32) -> Config {
    let default = Config::default();
    let rng_seed = match std::env::var_os("PROPTEST_RNG_SEED") {
        Some(_) => default.rng_seed,
        None => RngSeed::Fixed(0x6e67_6869_7175_7965),
    };
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        rng_seed,
        // A shrunk failure is printed; it belongs in tests/fuzz_regressions/.
        failure_persistence: None,
        ..default
    }
}

/// The lines of the five seed articles: realistic headers, bylines, captions, paragraphs.
static SEED_LINES: LazyLock<Vec<String>> = LazyLock::new(|| {
    RAW_ARTICLES
        .iter()
        .flat_map(|(_, bytes)| {
            String::from_utf8_lossy(bytes)
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
});

/// Their words, for passages and queries that hit each other.
static SEED_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut words: Vec<String> = SEED_LINES
        .iter()
        .flat_map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    words.sort();
    words.dedup();
    words
});

/// Vietnamese letters in both cases and both tone placements, decomposed marks, digits
/// with grouping, typographic punctuation, the query operators, and the characters that
/// have broken text code elsewhere: wide, zero-width, controls, special case mappings.
const ALPHABET: &str = "aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐbcdghklmnpqrstvxwfjz \
    àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ\
    ÀÁẢÃẠÒÓỎÕỌỲÝỶỸỴ0123456789.,;:!?-–—“”\"'()*•#§@^$…\u{a0}\t\u{300}\u{301}\u{303}\u{309}\
    \u{323}\u{302}\u{306}\u{31b}\u{200b}\u{ad}\u{1}\u{1b}漢字☺\u{fe0f}İıΣσςß\u{212a}";

fn text_char() -> impl Strategy<Value = char> {
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    prop_oneof![9 => prop::sample::select(alphabet), 1 => any::<char>()]
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(text_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

fn seed_word() -> impl Strategy<Value = String> {
    prop::sample::select(SEED_WORDS.clone())
}

/// A passage: seed words (hits likely), or any text.
fn passage() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(seed_word(), 1..14).prop_map(|w| w.join(" ")),
        1 => text(40),
    ]
}

/// A query over `passages`: a run of words from one of them, typed plain, folded, with
/// an operator, as a phrase or as initials; an acronym; or any text.
fn query(passages: &[String]) -> impl Strategy<Value = String> + use<> {
    let runs: Vec<Vec<String>> = passages
        .iter()
        .map(|p| p.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect();
    let runs = if runs.is_empty() {
        vec![vec!["nghị".to_string(), "quyết".to_string()]]
    } else {
        runs
    };
    let run = (
        prop::sample::select(runs),
        any::<prop::sample::Index>(),
        1..4usize,
    )
        .prop_map(|(words, at, n)| {
            let from = at.index(words.len());
            words[from..(from + n).min(words.len())].to_vec()
        });
    let fold = |w: &String| nghiquyet::text::fold_str(w);
    prop_oneof![
        6 => (run.clone(), 0..8u8, any::<bool>()).prop_map(move |(words, op, folded)| {
            let words: Vec<String> = if folded { words.iter().map(fold).collect() } else { words };
            let w = words.join(" ");
            match op {
                0 => format!("'{w}"),
                1 => format!("^{w}"),
                2 => format!("{w}$"),
                3 => format!("!{w}"),
                4 => format!("\"{w}\""),
                5 => words.iter().filter_map(|x| fold(x).chars().next()).collect(),
                _ => w,
            }
        }),
        // A letter dropped: the fuzzy pass.
        2 => (run, any::<prop::sample::Index>()).prop_map(move |(words, at)| {
            let mut chars: Vec<char> = fold(&words.join(" ")).chars().collect();
            let i = at.index(chars.len().max(1));
            if i < chars.len() {
                chars.remove(i);
            }
            chars.into_iter().collect()
        }),
        1 => prop::sample::select(vec!["HĐND", "ubnd", "nqdh", "15400", "quyt", "chuyn doi so"])
            .prop_map(str::to_string),
        1 => text(12),
    ]
}

/// Documents and a query over their passages.
fn search_case() -> impl Strategy<Value = (Vec<Sections>, String)> {
    documents().prop_flat_map(|docs| {
        let passages: Vec<String> = docs
            .iter()
            .flatten()
            .flat_map(|(_, texts)| texts.iter().cloned())
            .collect();
        (Just(docs), query(&passages))
    })
}

type Sections = Vec<(Option<String>, Vec<String>)>;

fn documents() -> impl Strategy<Value = Vec<Sections>> {
    let section = (
        prop::option::of(passage()),
        prop::collection::vec(passage(), 0..5),
    );
    prop::collection::vec(prop::collection::vec(section, 1..3), 1..4)
}

/// A raw article: seed lines, any text and blank lines, with either line end.
fn article() -> impl Strategy<Value = Vec<u8>> {
    let line = prop_oneof![
        6 => prop::sample::select(SEED_LINES.clone()),
        2 => text(60),
        1 => Just(String::new()),
    ];
    prop_oneof![
        9 => (prop::collection::vec(line, 1..30), any::<bool>()).prop_map(|(lines, crlf)| {
            lines.join(if crlf { "\r\n" } else { "\n" }).into_bytes()
        }),
        1 => prop::collection::vec(any::<u8>(), 0..200),
    ]
}

proptest! {
    #![proptest_config(config(500))]

    #[test]
    fn preprocess_roundtrip(raw in article()) {
        invariants::preprocess_roundtrip(&raw);
    }
}

proptest! {
    #![proptest_config(config(200))]

    /// File stems become document ids, unique even when stems repeat or look suffixed.
    #[test]
    fn document_ids_stay_unique(
        stems in prop::collection::vec(prop::sample::select(vec!["a", "a-2", "a-3", "b"]), 1..6)
    ) {
        let docs = stems.iter().map(|s| (*s, Document::new(s, "x"))).collect();
        invariants::corpus_from(docs);
    }
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn search_highlight((docs, q) in search_case(), scope in 0u8..3) {
        let corpus = invariants::search_corpus(&docs);
        let n = |i: usize| u32::try_from(i).unwrap();
        // Everything, every other document, every other section.
        let scope = match scope {
            0 => Scope::All,
            1 => Scope::Documents((0..n(corpus.documents.len())).step_by(2).collect()),
            _ => Scope::Sections(
                corpus
                    .documents
                    .iter()
                    .enumerate()
                    .flat_map(|(d, doc)| (0..doc.sections.len()).map(move |s| (n(d), n(s))))
                    .step_by(2)
                    .collect(),
            ),
        };
        invariants::check_search(&corpus, &q, &scope);
    }
}

proptest! {
    #![proptest_config(config(1500))]

    #[test]
    fn text_helpers(s in text(48), cols in 0usize..48) {
        invariants::check_text(&s, cols);
    }

    #[test]
    fn telex_keys_give_vietnamese_letters(keys in "[a-zA-Z]{1,12}") {
        invariants::check_telex_word(&keys);
    }
}

/// A corpus to write as JSON: generated passages, with some metadata set.
fn corpus() -> impl Strategy<Value = Corpus> {
    (documents(), prop::option::of(text(20)), text(20)).prop_map(|(docs, author, title)| {
        let mut c = invariants::search_corpus(&docs);
        if let Some(d) = c.documents.first_mut() {
            d.author = author;
            d.title = title;
        }
        c
    })
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn corpus_load(c in corpus()) {
        invariants::corpus_load(&serde_json::to_vec(&c).unwrap());
    }

    /// Damaged files: cut short or with a byte changed, they load or are refused.
    #[test]
    fn damaged_corpus_load(c in corpus(), at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<bool>()) {
        let mut bytes = serde_json::to_vec(&c).unwrap();
        let i = at.index(bytes.len());
        if cut {
            bytes.truncate(i);
        } else {
            bytes[i] = byte;
        }
        invariants::corpus_load(&bytes);
    }
}

/// The smallest case of `document_ids_stay_unique`: `nghiquyet build a/x.txt b/x.txt
/// x-2.txt` gives two documents the id `x-2`.
#[test]
fn a_stem_that_looks_suffixed_keeps_its_own_id() {
    let docs = ["x", "x", "x-2"].map(|s| (s, Document::new(s, "x")));
    invariants::corpus_from(docs.to_vec());
}

/// Every input a fuzzer found, saved as `tests/fuzz_regressions/<target>-<what>`, through
/// its target's checks. All failures are listed at once.
#[test]
fn saved_fuzz_inputs_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut files: Vec<_> = entries
        .map(|e| e.expect("a directory entry").path())
        .collect();
    files.sort();
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let target = invariants::TARGETS
            .iter()
            .find(|t| name.starts_with(&format!("{t}-")))
            .unwrap_or_else(|| {
                panic!(
                    "{name}: expected <target>-<what>, target one of {:?}",
                    invariants::TARGETS
                )
            });
        let data = std::fs::read(path).unwrap();
        let outcome = std::panic::catch_unwind(|| invariants::run_target(target, &data));
        if let Err(panic) = outcome {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| {
                    panic
                        .downcast_ref::<&str>()
                        .map(std::string::ToString::to_string)
                })
                .unwrap_or_default();
            failures.push(format!("{name}: {message}"));
        }
    }
    assert!(
        failures.is_empty(),
        "saved fuzz inputs fail:\n{}",
        failures.join("\n")
    );
}
