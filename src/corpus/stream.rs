//! Reading a corpus file a chunk at a time, one document parsed as soon as its bytes are in.
//!
//! Reading the whole file and then parsing it holds the file and the corpus at once: 2.2× the
//! file at the peak. Here memory holds the corpus, one chunk and one document's bytes, and
//! progress counts bytes parsed, not just read. The scanner only finds where each element
//! of the top-level `"documents"` array starts and ends (tracking strings, escapes and
//! nesting); `serde_json` parses each element, and the rest of the file (format, version,
//! localities, with `"documents": []`) is parsed once at the end. Keys may come in any order
//! and with any whitespace.

use std::io::Read;

use memchr::memchr2;

use super::{Corpus, Document};

/// Bytes read per chunk.
const CHUNK: usize = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The bytes are not a corpus as this reader understands it (the caller then explains
    /// with a full parse).
    #[error("{0}")]
    Invalid(String),
}

/// Where the scanner is in the file's structure.
#[derive(Debug, Default)]
struct Scanner {
    /// Open objects and arrays.
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// At depth 1, the key being read (raw bytes), and the last complete key.
    key: Option<Vec<u8>>,
    last_key: Vec<u8>,
    /// Inside the top-level `"documents"` array.
    in_documents: bool,
    /// The bytes of the document being read (empty between documents).
    element: Vec<u8>,
    /// Everything outside the documents array, with `[]` as its value.
    skeleton: Vec<u8>,
    documents: Vec<Document>,
}

impl Scanner {
    fn feed(&mut self, bytes: &[u8]) -> Result<(), StreamError> {
        let mut i = 0;
        while i < bytes.len() {
            if self.in_string {
                // Most bytes are inside strings: jump to the next quote or backslash.
                let rest = &bytes[i..];
                let stop = if self.escaped {
                    0
                } else {
                    memchr2(b'"', b'\\', rest).unwrap_or(rest.len())
                };
                self.take(&rest[..stop]);
                i += stop;
                if i == bytes.len() {
                    break;
                }
                let b = bytes[i];
                self.take(&[b]);
                i += 1;
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else {
                    self.in_string = false;
                    if let Some(key) = self.key.take() {
                        self.last_key = key;
                    }
                }
                continue;
            }
            let b = bytes[i];
            i += 1;
            match b {
                b'"' => {
                    self.in_string = true;
                    if self.depth == 1 && !self.in_documents {
                        self.key = Some(Vec::new());
                    }
                    self.take(&[b]);
                }
                b'{' | b'[' => {
                    self.depth += 1;
                    if self.depth == 2 && b == b'[' && self.last_key == b"documents" {
                        self.in_documents = true;
                        self.skeleton.push(b'[');
                    } else {
                        self.take(&[b]);
                    }
                }
                b'}' | b']' => {
                    if self.depth == 0 {
                        return Err(StreamError::Invalid("unbalanced brackets".into()));
                    }
                    self.depth -= 1;
                    if self.in_documents && self.depth == 1 {
                        self.in_documents = false;
                        self.last_key.clear();
                        self.skeleton.push(b']');
                    } else {
                        self.take(&[b]);
                        if self.in_documents && self.depth == 2 {
                            self.finish_document()?;
                        }
                    }
                }
                b',' if self.in_documents && self.depth == 2 => {}
                _ => self.take(&[b]),
            }
        }
        Ok(())
    }

    /// Bytes that belong where the scanner is: a document, or the skeleton (and the key
    /// being read, if any).
    fn take(&mut self, bytes: &[u8]) {
        if self.in_documents {
            if self.depth > 2 || !self.element.is_empty() || !is_space(bytes) {
                self.element.extend_from_slice(bytes);
            }
        } else {
            self.skeleton.extend_from_slice(bytes);
            if let Some(key) = self.key.as_mut()
                && self.in_string
            {
                // The key's bytes, without its quotes.
                key.extend(bytes.iter().filter(|&&b| b != b'"'));
            }
        }
    }

    fn finish_document(&mut self) -> Result<(), StreamError> {
        let n = self.documents.len();
        let text = std::str::from_utf8(&self.element)
            .map_err(|e| StreamError::Invalid(format!("document {}: not UTF-8 ({e})", n + 1)))?;
        let doc = serde_json::from_str(text)
            .map_err(|e| StreamError::Invalid(format!("document {}: {e}", n + 1)))?;
        self.documents.push(doc);
        self.element.clear();
        Ok(())
    }
}

fn is_space(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// Read and parse a corpus from `reader`; `progress` is told how many bytes were parsed so
/// far, after every chunk.
pub fn read(mut reader: impl Read, mut progress: impl FnMut(u64)) -> Result<Corpus, StreamError> {
    let mut scanner = Scanner::default();
    let mut buf = vec![0u8; CHUNK];
    let mut done = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        scanner.feed(&buf[..n])?;
        done += n as u64;
        progress(done);
    }
    if scanner.depth != 0 || scanner.in_string || !scanner.element.is_empty() {
        return Err(StreamError::Invalid("the file ends in the middle".into()));
    }
    let skeleton = std::str::from_utf8(&scanner.skeleton)
        .map_err(|e| StreamError::Invalid(format!("not UTF-8 ({e})")))?;
    let mut corpus: Corpus =
        serde_json::from_str(skeleton).map_err(|e| StreamError::Invalid(e.to_string()))?;
    corpus.documents = scanner.documents;
    Ok(corpus)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Feed `bytes` to the reader `chunk` bytes at a time.
    struct Chunked<'a> {
        bytes: &'a [u8],
        chunk: usize,
    }

    impl Read for Chunked<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.chunk.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn read_in(bytes: &[u8], chunk: usize) -> Result<Corpus, StreamError> {
        read(Chunked { bytes, chunk }, |_| {})
    }

    #[test]
    fn the_embedded_corpus_reads_as_a_whole_parse_does() {
        let c = crate::embedded::corpus();
        for bytes in [
            serde_json::to_vec(&c).unwrap(),
            serde_json::to_vec_pretty(&c).unwrap(),
        ] {
            for chunk in [1, 3, 4096, CHUNK] {
                assert_eq!(read_in(&bytes, chunk).unwrap(), c, "chunk {chunk}");
            }
        }
    }

    #[test]
    fn keys_in_any_order_and_brackets_and_quotes_inside_strings() {
        let c = crate::embedded::corpus();
        let mut v = serde_json::to_value(&c).unwrap();
        v["documents"][0]["title"] =
            serde_json::json!(r#"a "quoted" [title] {with} \ and "documents": ["#);
        let docs = v.as_object_mut().unwrap().remove("documents").unwrap();
        // "documents" last, after "localities".
        let rest = serde_json::to_string(&v).unwrap();
        let text = format!(r#"{}, "documents" : {docs} }}"#, &rest[..rest.len() - 1]);
        let back = read_in(text.as_bytes(), 7).unwrap();
        let expected: Corpus = serde_json::from_str(&text).unwrap();
        assert_eq!(back, expected);
        assert!(back.documents[0].title.contains(r#""documents": ["#));
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        let c = crate::embedded::corpus();
        let bytes = serde_json::to_vec(&c).unwrap();
        for cut in [0, 1, 10, bytes.len() / 2, bytes.len() - 1] {
            assert!(read_in(&bytes[..cut], 64).is_err(), "cut at {cut}");
        }
        assert!(read_in(b"]]", 1).is_err());
        assert!(read_in(br#"{"format":"x","version":1,"documents":[{"id":1}]}"#, 5).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn any_synthetic_corpus_in_any_chunking_reads_back(
            seed in any::<u64>(),
            docs in 0usize..6,
            chunk in 1usize..300,
            pretty in any::<bool>(),
        ) {
            let c = crate::corpus::synth::corpus(docs, 3, seed);
            let bytes = if pretty {
                serde_json::to_vec_pretty(&c).unwrap()
            } else {
                serde_json::to_vec(&c).unwrap()
            };
            prop_assert_eq!(read_in(&bytes, chunk).unwrap(), c);
        }
    }
}
