//! Where the commands print: standard output through the terminal sanitiser, messages on
//! standard error that never panic (after a dropped SSH connection stderr may be a dead
//! terminal, and `eprintln!` would panic), and a failed write that is an error, not a
//! silent success.

use std::fmt::Display;
use std::io::{self, BufWriter, StdoutLock, Write};

use anyhow::Context;

use crate::text::safe::{self, SafeWriter};

/// Buffered standard output, with every unsafe char of the text shown escaped.
pub struct Out {
    w: SafeWriter<BufWriter<StdoutLock<'static>>>,
}

/// Standard output for one command's results.
pub fn stdout() -> Out {
    Out {
        w: SafeWriter::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
    }
}

impl Out {
    /// The program's own escape sequences (colours), written as they are.
    pub fn raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.raw(bytes)
    }

    /// Bytes that are a file's content (an export), written as they are: the renderer made
    /// them safe.
    pub fn content(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.raw(bytes)
    }

    /// `value` as indented JSON and a newline (controls and bidi overrides as `\uXXXX`).
    pub fn json<T: ?Sized + serde::Serialize>(&mut self, value: &T) -> anyhow::Result<()> {
        safe::json::to_writer(&mut *self, value, true)?;
        self.write_all(b"\n")?;
        Ok(())
    }

    /// Flush, and make a failed write (a full disk behind a redirect) an error. Dropping an
    /// `Out` without this would lose that error.
    pub fn finish(self) -> anyhow::Result<()> {
        self.w
            .into_inner()
            .and_then(|mut b| b.flush())
            .context("writing to standard output")
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.w.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// Write `text` on standard error, sanitised, ignoring failures: it is the last thing to
/// try, and it must not panic when the terminal is gone.
pub fn eprint_text(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(safe::escape_text(text).as_bytes());
    let _ = err.flush();
}

/// `warning: …` on standard error.
pub fn warn(msg: impl Display) {
    eprint_text(&format!("warning: {msg}\n"));
}

/// `error: …` on standard error.
pub fn error(msg: impl Display) {
    eprint_text(&format!("error: {msg}\n"));
}

/// A line of information on standard error (`removed …`, `wrote …`).
pub fn info(msg: impl Display) {
    eprint_text(&format!("{msg}\n"));
}

/// An error and its causes on one line, each cause once: a cause whose text the message
/// already holds (a `{source}` in its Display) is not repeated.
pub fn error_chain(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if text.is_empty() || out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cause_is_said_once() {
        let io = io::Error::from(io::ErrorKind::NotFound);
        let text = io.to_string();
        let e = anyhow::Error::new(io).context(format!("x.json: cannot read: {text}"));
        assert_eq!(error_chain(&e), format!("x.json: cannot read: {text}"));
        let e = anyhow::Error::new(io::Error::from(io::ErrorKind::NotFound)).context("writing");
        assert_eq!(error_chain(&e), format!("writing: {text}"));
    }
}
