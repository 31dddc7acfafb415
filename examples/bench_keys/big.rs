//! A large corpus made of a real one: every document `times` times, each copy after the
//! first with its own id, source, title and date, and the copies in shuffled orders, so the
//! file is not one block repeated. Passage texts are kept (searching scales with the text),
//! and so are passage ids (they only need to be unique within a document).

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::Path;

use serde_json::Value;

/// A tiny xorshift64 generator: the same file for the same input, no extra crate.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Fisher–Yates.
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = usize::try_from(self.next() % (i as u64 + 1)).unwrap_or(0);
            v.swap(i, j);
        }
    }
}

/// The id of a document in copy `k` (copy 0 keeps the original).
fn copy_id(id: &str, k: usize) -> String {
    if k == 0 {
        id.to_string()
    } else {
        format!("{id}-x{k}")
    }
}

/// Copy `k` of a document: another id, source and title, and the date `k` years later.
fn perturb(doc: &Value, k: usize) -> Value {
    let mut d = doc.clone();
    if k == 0 {
        return d;
    }
    if let Some(Value::String(id)) = d.get_mut("id") {
        *id = copy_id(id, k);
    }
    if let Some(Value::String(src)) = d.get_mut("source") {
        let _ = write!(src, "#copy{k}");
    }
    if let Some(Value::String(title)) = d.get_mut("title") {
        let _ = write!(title, " (bản {})", k + 1);
    }
    if let Some(Value::String(date)) = d.get_mut("date")
        && let Some(year) = date.get(..4).and_then(|y| y.parse::<usize>().ok())
    {
        *date = format!("{}{}", year + k, &date[4..]);
    }
    d
}

/// Write `times` copies of the corpus `from` to `out`; returns the documents written.
pub fn make_big(from: &Path, out: &Path, times: usize) -> anyhow::Result<usize> {
    let src: Value = serde_json::from_slice(&std::fs::read(from)?)?;
    let docs = src["documents"]
        .as_array()
        .ok_or_else(|| anyhow::anyhow!("{}: no \"documents\" array", from.display()))?;
    let tmp = out.with_extension("json.tmp");
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
    write!(
        w,
        "{{\"format\":{},\"version\":{},\"documents\":[",
        src["format"], src["version"]
    )?;
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut written = 0;
    for k in 0..times {
        let mut order: Vec<usize> = (0..docs.len()).collect();
        if k > 0 {
            rng.shuffle(&mut order);
        }
        for i in order {
            if written > 0 {
                w.write_all(b",")?;
            }
            serde_json::to_writer(&mut w, &perturb(&docs[i], k))?;
            written += 1;
        }
    }
    // Each locality lists the copies of its documents too.
    let mut localities = src["localities"].clone();
    for l in localities.as_array_mut().into_iter().flatten() {
        if let Some(Value::Array(ids)) = l.get_mut("documents") {
            let original: Vec<String> = ids
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            *ids = (0..times)
                .flat_map(|k| original.iter().map(move |id| Value::from(copy_id(id, k))))
                .collect();
        }
    }
    w.write_all(b"],\"localities\":")?;
    serde_json::to_writer(&mut w, &localities)?;
    w.write_all(b"}\n")?;
    w.into_inner()
        .map_err(std::io::IntoInnerError::into_error)?
        .sync_all()?;
    std::fs::rename(&tmp, out)?;
    Ok(written)
}
