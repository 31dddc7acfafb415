//! Where the user was, per corpus, kept in `$XDG_STATE_HOME/nghiquyet/state.json`
//! (`~/.local/state/nghiquyet/` when unset). Positions are stable ids — locality, document
//! id, passage id — so they survive another terminal width or a rebuilt corpus.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::outline::Node;
use super::{App, Pane};

const FORMAT: &str = "nghiquyet-state";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedPosition {
    /// Locality row key: "" for all, "province:NAME", or a locality id.
    pub locality: String,
    pub by_2025: bool,
    /// Document id and the passage at the top of the reader.
    pub doc: Option<String>,
    pub passage: Option<String>,
    pub focus: Pane,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StateFile {
    format: String,
    version: u32,
    corpora: BTreeMap<String, SavedPosition>,
}

/// The state file: `$XDG_STATE_HOME/nghiquyet/state.json`, else under `~/.local/state`.
pub fn state_path() -> Option<PathBuf> {
    let base = crate::xdg::base("XDG_STATE_HOME", ".local/state")?;
    Some(base.join("nghiquyet").join("state.json"))
}

/// The key a corpus is remembered under.
pub fn corpus_key(corpus: Option<&Path>) -> String {
    match corpus {
        None => "embedded".into(),
        Some(p) => std::fs::canonicalize(p)
            .unwrap_or_else(|_| p.to_path_buf())
            .display()
            .to_string(),
    }
}

/// The newest state file version this build reads and writes.
const VERSION: u32 = 1;

/// Why the state file could not be used.
enum ReadError {
    /// Garbage: replaced by the next save (it only ever held positions).
    Corrupt(String),
    /// A newer version's file, or not a regular file: never written.
    Untouchable(String),
}

impl ReadError {
    fn message(self) -> String {
        match self {
            ReadError::Corrupt(m) | ReadError::Untouchable(m) => m,
        }
    }
}

fn read(path: &Path) -> Result<Option<StateFile>, ReadError> {
    let bytes = match crate::files::read(path) {
        Ok(Some(b)) => b,
        Ok(None) => return Ok(None),
        Err(e @ crate::files::FileError::Io { .. }) => {
            return Err(ReadError::Corrupt(e.to_string()));
        }
        Err(e) => return Err(ReadError::Untouchable(e.to_string())),
    };
    let corrupt =
        |why: String| ReadError::Corrupt(format!("{}: not a state file ({why})", path.display()));
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(corrupt(format!("no \"format\": \"{FORMAT}\"")));
    }
    let version = value
        .get("version")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    if version > u64::from(VERSION) {
        return Err(ReadError::Untouchable(format!(
            "{}: state file version {version} is newer than this nghiquyet ({VERSION}); \
             left as it is",
            path.display()
        )));
    }
    let file: StateFile = serde_json::from_value(value).map_err(|e| corrupt(e.to_string()))?;
    Ok(Some(file))
}

/// The saved position for `key`; `Err` (a notice for the user) when the file is unreadable.
pub fn load(path: &Path, key: &str) -> Result<Option<SavedPosition>, String> {
    Ok(read(path)
        .map_err(ReadError::message)?
        .and_then(|mut f| f.corpora.remove(key)))
}

/// Save the position for `key`, keeping the other corpora's. A corrupt file is replaced (it
/// only ever held positions); a newer version's file, or a path that is not a regular
/// file, is left alone and the save refused.
pub fn save(path: &Path, key: &str, pos: SavedPosition) -> Result<(), String> {
    let mut file = match read(path) {
        Ok(f) => f.unwrap_or_default(),
        Err(ReadError::Untouchable(e)) => return Err(e),
        Err(ReadError::Corrupt(_)) => StateFile::default(),
    };
    file.format = FORMAT.into();
    file.version = VERSION;
    file.corpora.insert(key.to_string(), pos);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let opts = crate::files::WriteOptions {
        mode: 0o600,
        replace: crate::files::Replace::Yes,
    };
    crate::files::write_atomic(path, opts, |w| {
        crate::text::safe::json::to_writer(&mut *w, &file, true)?;
        w.write_all(b"\n")
    })
    .map_err(|e| e.to_string())?;
    Ok(())
}

impl App {
    /// Where the user is now.
    pub fn saved_position(&self) -> SavedPosition {
        let doc = self.reader.doc.map(|d| &self.corpus.documents[d]);
        let passage = match (doc, self.reader.top_node()) {
            (Some(doc), Some(Node::Passage(at))) => {
                let (s, p) = (at.section_index(), at.passage_index());
                Some(doc.sections[s].passages[p].id.clone())
            }
            _ => None,
        };
        SavedPosition {
            locality: self.localities.selection_key(),
            by_2025: self.localities.by_2025,
            doc: doc.map(|d| d.id.clone()),
            passage,
            focus: self.focus,
        }
    }

    /// Go back to a saved position, as far as the corpus still has it.
    pub fn restore(&mut self, pos: &SavedPosition) {
        if pos.by_2025 != self.localities.by_2025 {
            self.localities.by_2025 = pos.by_2025;
            self.localities.rebuild(&self.corpus);
        }
        let corpus = std::sync::Arc::clone(&self.corpus);
        self.localities.select_key_in(&corpus, &pos.locality);
        self.outline
            .rebuild(&self.corpus, &self.localities.filter());
        let doc = pos
            .doc
            .as_deref()
            .and_then(|id| self.corpus.documents.iter().position(|d| d.id == id));
        if let Some(d) = doc {
            let node = pos
                .passage
                .as_deref()
                .and_then(|pid| {
                    self.corpus.documents[d]
                        .sections
                        .iter()
                        .enumerate()
                        .find_map(|(s, sec)| {
                            sec.passages
                                .iter()
                                .position(|p| p.id == pid)
                                .map(|p| Node::Passage(crate::corpus::PassageRef::new(d, s, p)))
                        })
                })
                .unwrap_or(Node::Article(d));
            // The article read last, in the outline even when the filter hides it.
            let at = match node {
                Node::Passage(at) => at,
                _ => crate::corpus::PassageRef::new(d, 0, 0),
            };
            if !self.corpus.documents[d].sections.is_empty() {
                self.pin_if_hidden(at);
            }
            self.outline.reveal(&self.corpus, node);
            self.reader.open(&self.corpus, d, self.reader.width);
            match node {
                Node::Article(_) => self.reader.scroll = 0,
                n => self.reader.scroll_to(n),
            }
        }
        self.focus(pos.focus);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn app() -> App {
        let mut a = App::new(Arc::new(crate::embedded::corpus()), "embedded", false);
        a.resize(120, 40);
        a
    }

    #[test]
    fn a_position_round_trips_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nghiquyet/state.json");
        let mut a = app();
        a.act(super::super::Action::FocusOutline);
        for _ in 0..3 {
            a.act(super::super::Action::Down);
        }
        a.act(super::super::Action::Open);
        for _ in 0..12 {
            a.act(super::super::Action::Down);
        }
        let pos = a.saved_position();
        assert!(pos.passage.is_some());
        save(&path, "embedded", pos.clone()).unwrap();
        save(
            &path,
            "/other/corpus.json",
            SavedPosition {
                focus: Pane::Outline,
                ..pos.clone()
            },
        )
        .unwrap();
        let back = load(&path, "embedded").unwrap().unwrap();
        assert_eq!(back, pos);

        let mut b = app();
        b.resize(80, 24); // another terminal: same passage at the top
        b.restore(&back);
        assert_eq!(b.saved_position(), pos);
        assert_eq!(b.reader.top_node(), a.reader.top_node());
    }

    #[test]
    fn missing_and_corrupt_files_are_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        assert_eq!(load(&path, "embedded"), Ok(None));
        std::fs::write(&path, "{ garbage").unwrap();
        let e = load(&path, "embedded").unwrap_err();
        assert!(e.contains("state.json"), "{e}");
        // Saving over a corrupt state file works (it only held positions).
        save(&path, "embedded", app().saved_position()).unwrap();
        assert!(load(&path, "embedded").unwrap().is_some());
    }

    #[test]
    fn a_newer_state_file_is_never_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let newer = r#"{"format": "nghiquyet-state", "version": 2, "corpora": {}, "tabs": [1]}"#;
        std::fs::write(&path, newer).unwrap();
        let e = load(&path, "embedded").unwrap_err();
        assert!(e.contains("version 2"), "{e}");
        let e = save(&path, "embedded", app().saved_position()).unwrap_err();
        assert!(e.contains("newer"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
        // Nor is a path that is not a regular file.
        let d = dir.path().join("dir-state.json");
        std::fs::create_dir(&d).unwrap();
        let e = save(&d, "embedded", app().saved_position()).unwrap_err();
        assert!(e.contains("is a directory"), "{e}");
        assert!(d.is_dir());
    }

    #[test]
    fn a_position_in_a_changed_corpus_degrades_gracefully() {
        let mut a = app();
        a.restore(&SavedPosition {
            locality: "d999".into(),
            by_2025: true,
            doc: Some("no-such-doc".into()),
            passage: Some("p000".into()),
            focus: Pane::Reader,
        });
        assert_eq!(a.localities.selected_name(), "Tất cả");
        assert_eq!(a.focus, Pane::Reader);
    }
}
