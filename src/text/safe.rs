//! Text never drives the terminal: one sanitiser for every string bound for one.
//!
//! C0 and C1 controls (ESC starts every escape sequence; C1 CSI U+009B is one on its own) and
//! the bidirectional overrides and isolates (U+202A–202E, U+2066–2069: they reorder what
//! follows, so a line can read differently from what it holds) are never emitted:
//! - on a line of human-readable output they are shown escaped (`^[`, `<U+202E>`), see
//!   [`escape_line`] and [`SafeWriter`];
//! - in a terminal cell they are dropped (`ui::SafeBackend`);
//! - in JSON they are written as `\uXXXX` ([`json`]): `serde_json` escapes C0 itself, this
//!   adds DEL, C1 and the bidi controls.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Would `c` change what a terminal does or shows beyond itself?
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The length of the [`is_unsafe`] char that UTF-8 `b` starts with, if it starts with one:
/// C0 and DEL are one byte, C1 two (`C2 80`–`C2 9F`), the bidi controls three (`E2 80 AA`–`AE`,
/// `E2 81 A6`–`A9`).
fn unsafe_len(b: &[u8]) -> Option<usize> {
    match b {
        [0x00..=0x1f | 0x7f, ..] => Some(1),
        [0xc2, 0x80..=0x9f, ..] => Some(2),
        [0xe2, 0x80, 0xaa..=0xae, ..] | [0xe2, 0x81, 0xa6..=0xa9, ..] => Some(3),
        _ => None,
    }
}

/// Does `s` hold anything [`is_unsafe`]?
pub fn has_unsafe(s: &str) -> bool {
    // Fast path on bytes: C0/DEL are single bytes; C1 starts with 0xC2, the bidi controls
    // with 0xE2. Only then look at chars.
    s.bytes()
        .any(|b| b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2)
        && s.chars().any(is_unsafe)
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        // Caret notation, as `cat -v` and less show them.
        '\u{0}'..='\u{1f}' => {
            out.push('^');
            out.push(char::from(b'@' + c as u8));
        }
        '\u{7f}' => out.push_str("^?"),
        _ => {
            // (Writing to a String cannot fail.)
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        }
    }
}

/// `s` for one line of output: every unsafe char, newline and tab included, shown escaped.
pub fn escape_line(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// `s` for output that may span lines: newline and tab kept, every other unsafe char shown
/// escaped.
pub fn escape_text(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

fn escape(s: &str, keep_lines: bool) -> Cow<'_, str> {
    let keep = |c: char| keep_lines && (c == '\n' || c == '\t');
    if !has_unsafe(s) || !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && !keep(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` with every unsafe char removed (for a terminal cell, where an escape would not fit).
pub fn strip(s: &str) -> Cow<'_, str> {
    if !has_unsafe(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter(|&c| !is_unsafe(c)).collect())
}

/// A writer for human-readable output to a terminal or a pipe: whatever is written through
/// it has its unsafe chars shown escaped (newlines and tabs pass). Styling the program means
/// to emit goes through [`SafeWriter::raw`], the one way around the filter.
pub struct SafeWriter<W: Write> {
    inner: W,
    /// The start of a UTF-8 sequence cut by the end of the last write.
    carry: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    pub fn new(inner: W) -> Self {
        SafeWriter {
            inner,
            carry: Vec::new(),
        }
    }

    /// Write `bytes` as they are: only for the program's own escape sequences (colours).
    pub fn raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.flush_carry()?;
        self.inner.write_all(bytes)
    }

    fn flush_carry(&mut self) -> io::Result<()> {
        if self.carry.is_empty() {
            return Ok(());
        }
        let carry = std::mem::take(&mut self.carry);
        for b in carry {
            write!(self.inner, "\\x{b:02X}")?;
        }
        Ok(())
    }

    pub fn into_inner(mut self) -> io::Result<W> {
        self.flush_carry()?;
        Ok(self.inner)
    }

    pub fn get_mut(&mut self) -> &mut W {
        &mut self.inner
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let joined;
        let mut bytes: &[u8] = if self.carry.is_empty() {
            buf
        } else {
            let mut v = std::mem::take(&mut self.carry);
            v.extend_from_slice(buf);
            joined = v;
            &joined
        };
        while !bytes.is_empty() {
            match std::str::from_utf8(bytes) {
                Ok(s) => {
                    self.inner.write_all(escape_text(s).as_bytes())?;
                    break;
                }
                Err(e) => {
                    let (good, rest) = bytes.split_at(e.valid_up_to());
                    // SAFETY-free: `good` is valid UTF-8 by the check above.
                    let s = std::str::from_utf8(good).expect("valid prefix");
                    self.inner.write_all(escape_text(s).as_bytes())?;
                    match e.error_len() {
                        // Cut at the end of this write: keep it for the next.
                        None => {
                            self.carry = rest.to_vec();
                            break;
                        }
                        Some(n) => {
                            for b in &rest[..n] {
                                write!(self.inner, "\\x{b:02X}")?;
                            }
                            bytes = &rest[n..];
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// JSON that is safe to print: `serde_json`'s output with DEL, C1 and the bidi controls also
/// written as `\uXXXX`.
pub mod json {
    use std::io::{self, Write};

    use serde::Serialize;
    use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

    use super::unsafe_len;

    /// Wraps a formatter; only string contents change.
    struct Safe<F>(F);

    impl<F: Formatter> Formatter for Safe<F> {
        fn write_string_fragment<W: ?Sized + Write>(
            &mut self,
            w: &mut W,
            fragment: &str,
        ) -> io::Result<()> {
            // Over bytes, not chars: every unsafe char starts with one of four kinds of byte
            // (see `unsafe_len`), and most text has none, or only quotes and dashes (`E2`).
            let b = fragment.as_bytes();
            let (mut start, mut i) = (0, 0);
            while let Some(k) = b[i..]
                .iter()
                .position(|&x| x < 0x20 || x == 0x7f || x == 0xc2 || x == 0xe2)
            {
                i += k;
                match unsafe_len(&b[i..]) {
                    Some(n) => {
                        w.write_all(&b[start..i])?;
                        let c = fragment[i..].chars().next().unwrap_or_default();
                        write!(w, "\\u{:04x}", u32::from(c))?;
                        i += n;
                        start = i;
                    }
                    None => i += 1,
                }
            }
            w.write_all(&b[start..])
        }
        fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.0.begin_array(w)
        }
        fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.0.end_array(w)
        }
        fn begin_array_value<W: ?Sized + Write>(
            &mut self,
            w: &mut W,
            first: bool,
        ) -> io::Result<()> {
            self.0.begin_array_value(w, first)
        }
        fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.0.end_array_value(w)
        }
        fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.0.begin_object(w)
        }
        fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.0.end_object(w)
        }
        fn begin_object_key<W: ?Sized + Write>(
            &mut self,
            w: &mut W,
            first: bool,
        ) -> io::Result<()> {
            self.0.begin_object_key(w, first)
        }
        fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.0.end_object_key(w)
        }
        fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.0.begin_object_value(w)
        }
        fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.0.end_object_value(w)
        }
    }

    /// Write `value` as JSON, indented when `pretty`.
    pub fn to_writer<W: Write, T: ?Sized + Serialize>(
        w: W,
        value: &T,
        pretty: bool,
    ) -> serde_json::Result<()> {
        if pretty {
            let mut ser = serde_json::Serializer::with_formatter(w, Safe(PrettyFormatter::new()));
            value.serialize(&mut ser)
        } else {
            let mut ser = serde_json::Serializer::with_formatter(w, Safe(CompactFormatter));
            value.serialize(&mut ser)
        }
    }

    /// `value` as indented JSON.
    pub fn to_string_pretty<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<String> {
        let mut v = Vec::new();
        to_writer(&mut v, value, true)?;
        String::from_utf8(v).map_err(serde::ser::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NASTY: &str = "a\u{1b}]0;PWNED\u{7}\u{1b}[2Jb\u{9b}31mc\u{202e}d\u{2066}e\r\n\tf\u{7f}";

    #[test]
    fn escapes_every_control_and_bidi_override() {
        let line = escape_line(NASTY);
        assert!(!line.chars().any(is_unsafe), "{line}");
        assert_eq!(
            line,
            "a^[]0;PWNED^G^[[2Jb<U+009B>31mc<U+202E>d<U+2066>e^M^J^If^?"
        );
        let text = escape_text(NASTY);
        assert!(text.contains("e^M\n\tf"), "{text}");
        assert_eq!(strip(NASTY), "a]0;PWNED[2Jb31mcdef");
        assert!(matches!(escape_line("Nghị quyết — “x”"), Cow::Borrowed(_)));
    }

    #[test]
    fn unsafe_chars_are_told_by_their_bytes() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let expected = is_unsafe(c).then_some(bytes.len());
            assert_eq!(unsafe_len(bytes), expected, "{c:?}");
            // And in JSON, between other chars, as the char-by-char escaper wrote it:
            // serde_json's escapes (all of C0), then DEL, C1 and bidi controls as \uXXXX.
            let s = format!("a{c}“b”");
            let mut out = Vec::new();
            json::to_writer(&mut out, &s, false).unwrap();
            let expected: String = serde_json::to_string(&s)
                .unwrap()
                .chars()
                .map(|c| {
                    if is_unsafe(c) {
                        format!("\\u{:04x}", u32::from(c))
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{c:?}");
        }
    }

    #[test]
    fn the_writer_escapes_across_write_boundaries() {
        let mut w = SafeWriter::new(Vec::new());
        let bytes = "x\u{9b}y\u{202e}z\n".as_bytes();
        // Every split point, including inside the multi-byte controls.
        for cut in 0..bytes.len() {
            w.write_all(&bytes[..cut]).unwrap();
            w.write_all(&bytes[cut..]).unwrap();
        }
        w.raw(b"\x1b[0m").unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let one = "x<U+009B>y<U+202E>z\n";
        assert_eq!(out, format!("{}\u{1b}[0m", one.repeat(bytes.len())));
    }

    #[test]
    fn json_escapes_c1_and_bidi() {
        let v = serde_json::json!({"note": NASTY});
        let s = json::to_string_pretty(&v).unwrap();
        assert!(!s.chars().any(|c| is_unsafe(c) && c != '\n'), "{s}");
        assert!(
            s.contains("\\u009b") && s.contains("\\u202e") && s.contains("\\u007f"),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v, "the escapes decode to the same text");
        let mut compact = Vec::new();
        json::to_writer(&mut compact, &v, false).unwrap();
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&compact).unwrap(),
            v
        );
    }
}
