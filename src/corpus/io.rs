//! Reading and writing corpus files: validated on load, written atomically.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Corpus, FORMAT, VERSION};
use crate::files::{self, FileError, Replace};

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{path}: not a nghiquyet corpus: {detail}")]
    Invalid { path: PathBuf, detail: String },
    #[error("{path}: corpus version {found} is newer than this program understands ({VERSION})")]
    TooNew { path: PathBuf, found: u32 },
    #[error(
        "{path}: exists and is not a nghiquyet corpus ({why}); refusing to overwrite it (use --force)"
    )]
    WouldClobber { path: PathBuf, why: String },
    #[error(
        "{path}: a corpus of {file_mb} MB needs about {need_mb} MB of memory, and only {avail_mb} MB \
         is available; close other programs or use a machine with more memory, or pass --force to \
         try anyway (the system may then kill nghiquyet)"
    )]
    TooBig {
        path: PathBuf,
        file_mb: u64,
        need_mb: u64,
        avail_mb: u64,
    },
}

/// Memory a loaded corpus takes, from its file size: the parsed model and the search index
/// built over it. Measured on the 139 MB corpus of 35,330 articles: a peak RSS of 308 MB in
/// the browser (2.2×); this adds a margin.
pub fn memory_needed(file_len: u64) -> u64 {
    file_len.saturating_mul(5) / 2 + (64 << 20)
}

/// Memory this process can still take: the kernel's `MemAvailable`, bounded by the cgroup's
/// (v2) limit and the address-space limit. `None` when none of them can be read.
pub fn memory_available() -> Option<u64> {
    let mut best: Option<u64> = None;
    let mut bound = |v: u64| best = Some(best.map_or(v, |b| b.min(v)));
    if let Ok(info) = std::fs::read_to_string("/proc/meminfo")
        && let Some(kb) = info
            .lines()
            .find_map(|l| l.strip_prefix("MemAvailable:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
    {
        bound(kb * 1024);
    }
    if let Ok(cg) = std::fs::read_to_string("/proc/self/cgroup")
        && let Some(rel) = cg.lines().find_map(|l| l.strip_prefix("0::"))
    {
        let dir = Path::new("/sys/fs/cgroup").join(rel.trim_start_matches('/'));
        let read = |f: &str| {
            std::fs::read_to_string(dir.join(f))
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        if let (Some(max), Some(cur)) = (read("memory.max"), read("memory.current")) {
            bound(max.saturating_sub(cur));
        }
    }
    if let Some(limit) = rustix::process::getrlimit(rustix::process::Resource::As).current {
        bound(limit);
    }
    best
}

/// Refuse, before reading a byte, a corpus that will not fit in the memory available
/// (unless `force`): a process the kernel kills for memory cannot restore the terminal or
/// save anything.
pub fn check_memory(path: &Path, file_len: u64, force: bool) -> Result<(), CorpusError> {
    let need = memory_needed(file_len);
    match memory_available() {
        Some(avail) if need > avail && !force => Err(CorpusError::TooBig {
            path: path.to_path_buf(),
            file_mb: file_len.div_ceil(1 << 20),
            need_mb: need.div_ceil(1 << 20),
            avail_mb: avail >> 20,
        }),
        _ => Ok(()),
    }
}

/// Load and validate a corpus file: a regular file only, that fits in memory (unless
/// `force`).
pub fn load(path: &Path, force: bool) -> Result<Corpus, CorpusError> {
    load_with_progress(path, force, |_| {})
}

/// [`load`], telling `progress` how many bytes are parsed so far (after every MB).
///
/// The file is parsed as it is read, one document at a time ([`super::stream`]), so memory
/// holds the corpus and a chunk, not the whole file besides. A file the streaming reader
/// refuses is read whole and parsed again, for the exact message (or, should the two ever
/// disagree, for the corpus).
pub fn load_with_progress(
    path: &Path,
    force: bool,
    progress: impl FnMut(u64),
) -> Result<Corpus, CorpusError> {
    let (f, _) = open(path, force)?;
    let read_error = |error| FileError::Io {
        path: path.to_path_buf(),
        what: "cannot read",
        error,
    };
    let corpus = match super::stream::read(f, progress) {
        Ok(c) => c,
        Err(super::stream::StreamError::Io(e)) => return Err(read_error(e).into()),
        Err(super::stream::StreamError::Invalid(_)) => {
            let (mut f, _) = open(path, force)?;
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut bytes).map_err(read_error)?;
            return from_slice(path, &bytes);
        }
    };
    check_header(path, Some(&corpus.format), Some(corpus.version))?;
    Ok(corpus)
}

/// Open a corpus file for reading after the checks of [`load`]; the caller reads it (the
/// browser does, in chunks, to show progress).
pub fn open(path: &Path, force: bool) -> Result<(std::fs::File, std::fs::Metadata), CorpusError> {
    let (f, meta) = files::open_existing(path)?;
    check_memory(path, meta.len(), force)?;
    Ok((f, meta))
}

/// Parse a corpus from bytes; `path` only names the source in errors.
pub fn from_slice(path: &Path, bytes: &[u8]) -> Result<Corpus, CorpusError> {
    let invalid = |detail: String| CorpusError::Invalid {
        path: path.to_path_buf(),
        detail,
    };
    // One UTF-8 check of the whole file (fast, vectorised): serde_json then reads every
    // string without checking it again, which was 40 % of a load.
    let text = std::str::from_utf8(bytes).map_err(|e| invalid(format!("not UTF-8 text ({e})")))?;
    // Parsed once; only when that fails is the header read on its own, so a wrong or newer
    // file gets a clear message rather than a serde path.
    match serde_json::from_str::<Corpus>(text) {
        Ok(corpus) => {
            check_header(path, Some(&corpus.format), Some(corpus.version))?;
            Ok(corpus)
        }
        Err(e) => {
            #[derive(serde::Deserialize)]
            struct Header {
                format: Option<String>,
                version: Option<u32>,
            }
            let header: Header =
                serde_json::from_str(text).map_err(|e| invalid(format!("invalid JSON ({e})")))?;
            check_header(path, header.format.as_ref(), header.version)?;
            Err(invalid(e.to_string()))
        }
    }
}

/// Is this a corpus file this version can read?
fn check_header(
    path: &Path,
    format: Option<&String>,
    version: Option<u32>,
) -> Result<(), CorpusError> {
    let invalid = |detail: String| CorpusError::Invalid {
        path: path.to_path_buf(),
        detail,
    };
    if format.map(String::as_str) != Some(FORMAT) {
        return Err(invalid(format!(
            "the \"format\" field is {:?}, expected \"{FORMAT}\"",
            format.cloned().unwrap_or_default()
        )));
    }
    match version {
        Some(v) if v > VERSION => Err(CorpusError::TooNew {
            path: path.to_path_buf(),
            found: v,
        }),
        Some(_) => Ok(()),
        None => Err(invalid("no \"version\" field".into())),
    }
}

/// May `build -o path` replace what is there? Only a file that parses as a nghiquyet corpus
/// (or nothing at all); `Ok(Some(identity))` names the file checked, so the write can tell
/// whether it changed meanwhile.
pub fn check_replaceable(path: &Path) -> Result<Option<files::Identity>, CorpusError> {
    #[derive(serde::Deserialize)]
    struct Header {
        format: String,
        version: u32,
    }
    let target = files::resolve(path)?;
    let Some(meta) = files::check(&target)? else {
        return Ok(None);
    };
    let not_ours = |why: String| CorpusError::WouldClobber {
        path: path.to_path_buf(),
        why,
    };
    // Parsing it whole is the only honest answer: every document is read into the model
    // and dropped at once, so the check costs about a second per 100 MB and little memory.
    let read = |e: serde_json::Error| -> CorpusError {
        if e.is_io() {
            FileError::Io {
                path: target.clone(),
                what: "cannot read",
                error: e.into(),
            }
            .into()
        } else {
            not_ours(e.to_string())
        }
    };
    let reader = || -> Result<_, CorpusError> {
        let (f, _) = files::open_existing(&target)?;
        Ok(std::io::BufReader::with_capacity(1 << 16, f))
    };
    let check_header = |h: Header| {
        if h.format != FORMAT {
            return Err(not_ours(format!("the \"format\" field is {:?}", h.format)));
        }
        if h.version > VERSION {
            return Err(not_ours(format!(
                "it is a corpus of a newer version, {}",
                h.version
            )));
        }
        Ok(())
    };
    // One pass when the file parses (a corpus, nearly always); when it does not, the header
    // alone says why first: a newer version's documents may not fit this version's model.
    match serde_json::from_reader::<_, CorpusShape>(reader()?) {
        Ok(shape) => check_header(Header {
            format: shape.format,
            version: shape.version,
        })?,
        Err(e) => {
            let h: Header = serde_json::from_reader(reader()?).map_err(read)?;
            check_header(h)?;
            return Err(read(e));
        }
    }
    Ok(Some(files::Identity::of(&meta)))
}

/// A corpus file's shape, checked document by document without keeping them.
#[derive(serde::Deserialize)]
struct CorpusShape {
    format: String,
    version: u32,
    #[serde(rename = "documents")]
    _documents: EachDocument,
    #[serde(rename = "localities")]
    _localities: Vec<super::Locality>,
}

/// Deserializes a sequence of documents, each into the model and then dropped.
struct EachDocument;

impl<'de> serde::Deserialize<'de> for EachDocument {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = EachDocument;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of documents")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<EachDocument, A::Error> {
                while seq.next_element::<super::Document>()?.is_some() {}
                Ok(EachDocument)
            }
        }
        d.deserialize_seq(Visit)
    }
}

/// Write `corpus` to `path` atomically (see [`crate::files::write_atomic`]). An existing
/// file is only replaced when it is a nghiquyet corpus, or with `force`; never when it is not
/// a regular file.
pub fn save_atomic(corpus: &Corpus, path: &Path, force: bool) -> Result<(), CorpusError> {
    let checked = if force {
        None
    } else {
        check_replaceable(path)?
    };
    save_checked(corpus, path, force, checked)
}

/// [`save_atomic`] after [`check_replaceable`] was run earlier (before a long build): the
/// file is checked again only if it changed since.
pub fn save_checked(
    corpus: &Corpus,
    path: &Path,
    force: bool,
    checked: Option<files::Identity>,
) -> Result<(), CorpusError> {
    if !force {
        let target = files::resolve(path)?;
        let now = files::check(&target)?.map(|m| files::Identity::of(&m));
        if now.is_some() && now != checked {
            check_replaceable(path)?;
        }
    }
    let opts = files::WriteOptions {
        // A corpus is an ordinary document: rw-r--r--, or the old file's permissions.
        mode: 0o644,
        replace: Replace::Yes,
    };
    files::write_atomic(path, opts, |w| {
        write_json(&mut *w, corpus)?;
        w.write_all(b"\n")
    })?;
    Ok(())
}

/// Documents serialised at once by [`write_json`], between two writes.
const BATCH: usize = 512;

/// `corpus` as compact JSON: the bytes `safe::json::to_writer(w, corpus, false)` writes,
/// with the documents (nearly all of it) serialised in parallel on the current rayon pool,
/// a batch at a time, and written in order. Compact JSON of an array is its elements'
/// JSON, each the same wherever it stands, between commas.
pub fn write_json(w: &mut dyn Write, corpus: &Corpus) -> io::Result<()> {
    use crate::text::safe::json::to_writer;
    // Everything but the documents, written around them.
    let shell = Corpus {
        format: corpus.format.clone(),
        version: corpus.version,
        documents: Vec::new(),
        localities: corpus.localities.clone(),
    };
    let mut around = Vec::new();
    to_writer(&mut around, &shell, false)?;
    // The first: `format` and `version` come before, and a string holding these bytes
    // would have its quotes escaped.
    let empty: &[u8] = b"\"documents\":[]";
    let Some(at) = memchr::memmem::find(&around, empty) else {
        return Ok(to_writer(w, corpus, false)?);
    };
    let (head, tail) = around.split_at(at + empty.len() - 1);
    w.write_all(head)?;
    for (b, batch) in corpus.documents.chunks(BATCH).enumerate() {
        let parts = batch
            .par_iter()
            .map(|d| {
                let mut json = Vec::with_capacity(4096);
                to_writer(&mut json, d, false).map(|()| json)
            })
            .collect::<serde_json::Result<Vec<_>>>()?;
        for (k, json) in parts.iter().enumerate() {
            if b > 0 || k > 0 {
                w.write_all(b",")?;
            }
            w.write_all(json)?;
        }
    }
    w.write_all(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_written_in_parallel_is_the_serialised_corpus() {
        let seeds = crate::embedded::corpus();
        let mut c = seeds.clone();
        // Batches and a partial last one, and text the sanitiser escapes.
        c.documents = (0..BATCH * 2 + 7)
            .map(|k| {
                let mut d = seeds.documents[k % seeds.documents.len()].clone();
                d.id = format!("{}-{k}", d.id);
                d.title = format!("{}\u{1b}[31m\u{202e} \"documents\":[] {k}", d.title);
                d
            })
            .collect();
        for corpus in [&c, &seeds, &Corpus::default()] {
            let mut expected = Vec::new();
            crate::text::safe::json::to_writer(&mut expected, corpus, false).unwrap();
            let mut written = Vec::new();
            write_json(&mut written, corpus).unwrap();
            assert!(written == expected, "{} documents", corpus.documents.len());
        }
    }

    #[test]
    fn round_trip_and_validation() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.json");
        let c = Corpus::default();
        save_atomic(&c, &p, false).unwrap();
        assert_eq!(load(&p, false).unwrap(), c);
        let mode = std::fs::metadata(&p).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o644,
            "a corpus is readable like any document"
        );

        std::fs::write(&p, br#"{"format":"other","version":1}"#).unwrap();
        let e = load(&p, false).unwrap_err().to_string();
        assert!(e.contains("not a nghiquyet corpus"), "{e}");

        std::fs::write(&p, br#"{"format":"nghiquyet-corpus","version":99}"#).unwrap();
        assert!(matches!(
            load(&p, false),
            Err(CorpusError::TooNew { found: 99, .. })
        ));
        // A newer file that happens to parse as this version's corpus is refused too.
        let mut newer = serde_json::to_value(&c).unwrap();
        newer["version"] = serde_json::json!(99);
        std::fs::write(&p, newer.to_string()).unwrap();
        assert!(matches!(
            load(&p, false),
            Err(CorpusError::TooNew { found: 99, .. })
        ));
        // Bytes that are not UTF-8 are named as such.
        let mut bad = serde_json::to_vec(&c).unwrap();
        bad.insert(bad.len() - 1, 0xff);
        std::fs::write(&p, &bad).unwrap();
        let e = load(&p, false).unwrap_err().to_string();
        assert!(e.contains("not UTF-8"), "{e}");
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
        assert!(load(&p, false).is_ok());
    }

    #[test]
    fn the_magic_string_alone_does_not_make_a_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("notes.md");
        // A note about the format is not a corpus, though it names it early on.
        let text = "# Notes on \"nghiquyet-corpus\" files\nkeep these\n";
        std::fs::write(&p, text).unwrap();
        let e = save_atomic(&Corpus::default(), &p, false).unwrap_err();
        assert!(matches!(e, CorpusError::WouldClobber { .. }), "{e}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), text);
        // Nor does a corpus of a newer version: this build would lose what it holds.
        std::fs::write(
            &p,
            br#"{"format":"nghiquyet-corpus","version":99,"documents":[]}"#,
        )
        .unwrap();
        let e = save_atomic(&Corpus::default(), &p, false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("newer version"), "{e}");
    }

    #[test]
    fn a_corpus_that_cannot_fit_in_memory_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("huge.json");
        // Sparse: a terabyte on paper, nothing on disk, and nothing is read.
        std::fs::File::create(&p).unwrap().set_len(1 << 40).unwrap();
        if memory_available().is_none() {
            eprintln!("skipped: this system tells no available memory");
            return;
        }
        let e = load(&p, false).unwrap_err();
        assert!(matches!(e, CorpusError::TooBig { .. }), "{e}");
        let msg = e.to_string();
        assert!(msg.contains("--force") && msg.contains("MB"), "{msg}");
        assert!(memory_needed(139 << 20) > 300 << 20);
    }
}
