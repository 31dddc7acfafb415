//! Reading and writing corpus files: validated on load, written atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Corpus, FORMAT, VERSION};

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a nghiquyet corpus: {detail}")]
    Invalid { path: PathBuf, detail: String },
    #[error("{path}: corpus version {found} is newer than this program understands ({VERSION})")]
    TooNew { path: PathBuf, found: u32 },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: exists and is not a nghiquyet corpus; refusing to overwrite it (use --force)")]
    WouldClobber { path: PathBuf },
}

/// Load and validate a corpus file.
pub fn load(path: &Path) -> Result<Corpus, CorpusError> {
    let bytes = std::fs::read(path).map_err(|source| CorpusError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    from_slice(path, &bytes)
}

/// Parse a corpus from bytes; `path` only names the source in errors.
pub fn from_slice(path: &Path, bytes: &[u8]) -> Result<Corpus, CorpusError> {
    let invalid = |detail: String| CorpusError::Invalid {
        path: path.to_path_buf(),
        detail,
    };
    // Check the header first so a wrong file gets a clear message, not a serde path.
    #[derive(serde::Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u32>,
    }
    let header: Header =
        serde_json::from_slice(bytes).map_err(|e| invalid(format!("invalid JSON ({e})")))?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(invalid(format!(
            "the \"format\" field is {:?}, expected \"{FORMAT}\"",
            header.format.unwrap_or_default()
        )));
    }
    match header.version {
        Some(v) if v > VERSION => {
            return Err(CorpusError::TooNew {
                path: path.to_path_buf(),
                found: v,
            });
        }
        Some(_) => {}
        None => return Err(invalid("no \"version\" field".into())),
    }
    serde_json::from_slice(bytes).map_err(|e| invalid(e.to_string()))
}

/// Does the file at `path` look like a corpus we wrote (so overwriting it loses nothing)?
fn is_corpus_file(path: &Path) -> bool {
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = [0u8; 256];
    let n = std::io::Read::read(&mut f, &mut head).unwrap_or(0);
    String::from_utf8_lossy(&head[..n]).contains(FORMAT)
}

/// Write `corpus` to `path` through a temporary file in the same directory and a rename, so
/// an interrupted write never leaves a half-written file. An existing file that is not a
/// corpus is only replaced with `force`.
pub fn save_atomic(corpus: &Corpus, path: &Path, force: bool) -> Result<(), CorpusError> {
    if path.exists() && !force && !is_corpus_file(path) {
        return Err(CorpusError::WouldClobber {
            path: path.to_path_buf(),
        });
    }
    let werr = |source| CorpusError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".nghiquyet-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(werr)?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        serde_json::to_writer(&mut w, corpus).map_err(|e| werr(e.into()))?;
        w.write_all(b"\n").map_err(werr)?;
        w.flush().map_err(werr)?;
    }
    // tempfile creates files readable by the owner only; a corpus is an ordinary document,
    // so keep the old file's permissions, or use the usual rw-r--r--.
    let perms = match std::fs::metadata(path) {
        Ok(m) => m.permissions(),
        Err(_) => default_permissions(tmp.as_file()).map_err(werr)?,
    };
    tmp.as_file().set_permissions(perms).map_err(werr)?;
    tmp.as_file().sync_all().map_err(werr)?;
    tmp.persist(path).map_err(|e| werr(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions(_f: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(f: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    Ok(f.metadata()?.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_validation() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.json");
        let c = Corpus::default();
        save_atomic(&c, &p, false).unwrap();
        assert_eq!(load(&p).unwrap(), c);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(
                mode & 0o777,
                0o644,
                "a corpus is readable like any document"
            );
        }

        std::fs::write(&p, br#"{"format":"other","version":1}"#).unwrap();
        let e = load(&p).unwrap_err().to_string();
        assert!(e.contains("not a nghiquyet corpus"), "{e}");

        std::fs::write(&p, br#"{"format":"nghiquyet-corpus","version":99}"#).unwrap();
        assert!(matches!(
            load(&p),
            Err(CorpusError::TooNew { found: 99, .. })
        ));
    }

    #[test]
    fn refuses_to_clobber_a_foreign_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("notes.txt");
        std::fs::write(&p, "my notes").unwrap();
        let e = save_atomic(&Corpus::default(), &p, false).unwrap_err();
        assert!(matches!(e, CorpusError::WouldClobber { .. }));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "my notes");
        save_atomic(&Corpus::default(), &p, true).unwrap();
        assert!(load(&p).is_ok());
    }
}
