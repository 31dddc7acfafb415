//! fzf on the same passages, for comparison: every passage `search_all` sees over
//! `Scope::All` (syndicated copies, documents with `duplicate_of`, left out) written as one
//! line `slot<TAB>text` to a temporary file, then `fzf --filter QUERY --delimiter '\t'
//! --nth 2..` per query, with fzf's own ranking. `FZF_DEFAULT_OPTS` is cleared so that a
//! user's settings do not change the figures.

use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::process::{Command, Stdio};

use nghiquyet::corpus::{Corpus, PassageRef};
use nghiquyet::search::SearchIndex;

pub struct Fzf {
    file: tempfile::NamedTempFile,
    /// Every passage by its slot in the search index.
    refs: Vec<PassageRef>,
    pub version: String,
}

/// `fzf --version`, when fzf is on PATH.
fn version() -> Option<String> {
    let out = Command::new("fzf")
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

impl Fzf {
    /// The passages written out for fzf; `Ok(None)` when fzf is not on PATH.
    pub fn new(corpus: &Corpus, index: &SearchIndex) -> Result<Option<Self>, String> {
        let Some(version) = version() else {
            return Ok(None);
        };
        let mut file = tempfile::NamedTempFile::new().map_err(|e| format!("temp file: {e}"))?;
        {
            let mut w = BufWriter::new(file.as_file_mut());
            for (slot, at) in index.refs.iter().enumerate() {
                if corpus.documents[at.doc_index()].duplicate_of.is_some() {
                    continue;
                }
                // One passage, one line: fzf reads lines.
                let text: String = at
                    .get(corpus)
                    .text
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                writeln!(w, "{slot}\t{text}").map_err(|e| format!("temp file: {e}"))?;
            }
            w.flush().map_err(|e| format!("temp file: {e}"))?;
        }
        Ok(Some(Fzf {
            file,
            refs: index.refs.clone(),
            version,
        }))
    }

    /// fzf's matches for `query`, best first: the first `depth` passages, and how many matched.
    pub fn search(&self, query: &str, depth: usize) -> Result<(Vec<PassageRef>, usize), String> {
        let input = File::open(self.file.path()).map_err(|e| format!("temp file: {e}"))?;
        let out = Command::new("fzf")
            .args(["--filter", query, "--delimiter", "\t", "--nth", "2.."])
            .env_remove("FZF_DEFAULT_OPTS")
            .stdin(input)
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| format!("fzf: {e}"))?;
        // 0: some lines matched, 1: none; anything else is an error.
        if !matches!(out.status.code(), Some(0 | 1)) {
            return Err(format!("fzf --filter {query:?}: {}", out.status));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let mut count = 0;
        let mut top = Vec::with_capacity(depth);
        for line in text.lines() {
            count += 1;
            if top.len() < depth {
                let slot = line
                    .split('\t')
                    .next()
                    .and_then(|s| s.parse::<usize>().ok())
                    .and_then(|s| self.refs.get(s))
                    .ok_or_else(|| format!("fzf printed a line not ours: {line:?}"))?;
                top.push(*slot);
            }
        }
        Ok((top, count))
    }
}
