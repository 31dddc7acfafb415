//! The two programs measured, and how to read their screens: where the typed query is
//! shown, when results are final, which keys move the cursor.

use std::path::{Path, PathBuf};

use crate::pty::{COLS, Check, ROWS, Session, View, WatchId, row, row_text};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Nghiquyet,
    Fzf,
}

#[derive(Clone)]
pub struct Program {
    pub kind: Kind,
    exe: PathBuf,
    args: Vec<String>,
    /// fzf: the number of lines it reads (the total of its `N/M` count line).
    lines: usize,
}

/// What `Program::spawn` watches from the first byte on.
pub struct Started {
    pub session: Session,
    /// The first frame: the screen shows something.
    pub first_frame: WatchId,
    /// nghiquyet: the corpus is loaded (panes and status bar drawn); fzf: every line read.
    pub ready: WatchId,
}

impl Program {
    pub fn nghiquyet(bin: &Path, corpus: &Path) -> Program {
        Program {
            kind: Kind::Nghiquyet,
            exe: bin.to_path_buf(),
            args: vec!["browse".into(), "--corpus".into(), path_arg(corpus)],
            lines: 0,
        }
    }

    /// fzf over `passages` (one per line, `lines` of them), full screen.
    pub fn fzf(fzf: &Path, passages: &Path, lines: usize) -> Program {
        let script = format!("exec '{}' < '{}'", fzf.display(), passages.display());
        Program {
            kind: Kind::Fzf,
            exe: PathBuf::from("/bin/sh"),
            args: vec!["-c".into(), script],
            lines,
        }
    }

    pub fn label(&self) -> &'static str {
        match self.kind {
            Kind::Nghiquyet => "nghiquyet",
            Kind::Fzf => "fzf",
        }
    }

    /// Start it with HOME and the XDG directories in `home` (and nghiquyet's bookmarks file
    /// there, and no saved position).
    pub fn spawn(&self, home: &Path) -> anyhow::Result<Started> {
        let mut args: Vec<String> = self.args.clone();
        if self.kind == Kind::Nghiquyet {
            args.extend([
                "--bookmarks".into(),
                path_arg(&home.join("b.json")),
                "--fresh".into(),
            ]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let first: Check = Box::new(|v: &View| !v.screen.contents().trim().is_empty());
        let me = self.clone();
        let ready: Check = Box::new(move |v: &View| me.ready(v.screen));
        let (session, ids) = Session::spawn(&self.exe, &args, home, vec![first, ready])?;
        Ok(Started {
            session,
            first_frame: ids[0],
            ready: ids[1],
        })
    }

    fn ready(&self, s: &vt100::Screen) -> bool {
        match self.kind {
            Kind::Nghiquyet => {
                let text = s.contents();
                let loading = text.contains("Đang tải") || text.contains("Dang tai");
                s.alternate_screen() && !loading && !row(s, ROWS - 1).is_empty()
            }
            Kind::Fzf => {
                let info = row(s, ROWS - 2);
                let all = format!("{0}/{0}", self.lines);
                // Column 0 holds the spinner while fzf is still reading.
                info.starts_with("  ") && info.trim_start().starts_with(&all)
            }
        }
    }

    /// Keys that open the search box (fzf's is always open).
    pub fn open_search(&self) -> &'static [u8] {
        match self.kind {
            Kind::Nghiquyet => b"/",
            Kind::Fzf => b"",
        }
    }

    /// A key whose effect shows at once, and the key that undoes it: nghiquyet moves the
    /// localities' cursor down and back (so the finder searches everything), fzf moves its
    /// cursor.
    pub fn probe_keys(&self) -> [&'static [u8]; 2] {
        match self.kind {
            Kind::Nghiquyet => [b"j", b"k"],
            Kind::Fzf => [b"\x1b[A", b"\x1b[B"],
        }
    }

    /// Keys that leave the search for the list to move in: nghiquyet closes the finder and
    /// focuses the outline; fzf clears its query (the whole list).
    pub fn leave_search(&self) -> &'static [&'static [u8]] {
        match self.kind {
            Kind::Nghiquyet => &[b"\x1b", b"2"],
            Kind::Fzf => &[b"\x15"],
        }
    }

    /// Down and up in the list: `j` `k` in nghiquyet's outline; fzf's list grows upwards
    /// (its default layout), so its next item is Up.
    pub fn nav_keys(&self) -> [&'static [u8]; 2] {
        match self.kind {
            Kind::Nghiquyet => [b"j", b"k"],
            Kind::Fzf => [b"\x1b[A", b"\x1b[B"],
        }
    }

    /// Quit from the list (after `leave_search`) or from fzf's box.
    pub fn quit_keys(&self) -> &'static [u8] {
        match self.kind {
            Kind::Nghiquyet => b"q",
            Kind::Fzf => b"\x03",
        }
    }

    /// Does the box show exactly `typed`, with the cursor right after it? The cursor is
    /// what tells a typed space from an empty cell.
    pub fn echoed(&self, s: &vt100::Screen, typed: &str) -> bool {
        let (r, c) = s.cursor_position();
        let before = row_text(s, r, 0, c.min(COLS));
        match self.kind {
            // `…│[tất cả] › query`: the finder's box is inset from the screen's edge.
            Kind::Nghiquyet => before.ends_with(&format!("] › {typed}")),
            Kind::Fzf => r == ROWS - 1 && before == format!("> {typed}"),
        }
    }

    /// Is a search still running? nghiquyet ends its count with `…` (or says the index is
    /// being built); fzf shows `(NN%)` after 200 ms of searching, and a spinner while reading.
    pub fn busy(&self, s: &vt100::Screen) -> bool {
        match self.kind {
            Kind::Nghiquyet => nq_prompt_row(s).is_some_and(|r| r.contains('…')),
            Kind::Fzf => {
                let info = row(s, ROWS - 2);
                info.contains('%') || !info.starts_with("  ")
            }
        }
    }

    /// Is the search for `typed` finished and shown?
    pub fn done(&self, s: &vt100::Screen, typed: &str) -> bool {
        self.echoed(s, typed) && !self.busy(s)
    }

    /// A check that holds once the final results of `typed` are on the screen.
    ///
    /// nghiquyet marks its count `…` in the very frame that shows a changed query, and drops
    /// the results of older queries, so the first frame with `typed` and no `…` is final.
    /// fzf gives no sign for the first 200 ms of a search, so it also takes a write of its
    /// count line while the box shows the query (fzf writes that line when a search ends,
    /// and with a percentage while one runs, never for a key alone). A late result of the
    /// previous query written with or just after the new query would pass too: fzf cancels
    /// stale searches, so that is rare.
    pub fn results_check(&self, typed: &str) -> Check {
        let me = self.clone();
        let typed = typed.to_string();
        let total = format!("/{}", self.lines);
        // fzf's results of long lines reach the pty in several reads: the count line in the
        // first, the cursor back in the box in the last. The count is noted in any read
        // while the box shows the query, and the check holds once the cursor is back.
        let mut counted = false;
        Box::new(move |v: &View| {
            if me.kind == Kind::Fzf
                && !counted
                && find(v.bytes, total.as_bytes())
                && row(v.screen, ROWS - 1) == format!("> {typed}").trim_end()
            {
                counted = true;
            }
            me.echoed(v.screen, &typed)
                && !me.busy(v.screen)
                && (me.kind == Kind::Nghiquyet || counted)
        })
    }
}

/// nghiquyet's search box row (`[tất cả] › query   12/340 …`), if the finder is open.
fn nq_prompt_row(s: &vt100::Screen) -> Option<String> {
    (0..ROWS).map(|r| row(s, r)).find(|t| t.contains("] › "))
}

fn find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn path_arg(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}
