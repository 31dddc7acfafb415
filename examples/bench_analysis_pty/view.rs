//! One session of nghiquyet's analysis view in the pty: the index made ready, `a`, queries
//! typed key by key, then sorts and view switches on the last query's results.
//!
//! How the screen is read (120×40): row 0 is the title (`Phân tích Tất cả · N đoạn · M tỉnh
//! · K bài · T ms`, ending with `· đang đếm…` while the counts are partial or answer an older
//! request), row 1 the query box (`Truy vấn › query`, the cursor after the query while it
//! takes the keys), row 2 the tabs and the sort, row 4 the view's heading, row 5 its first
//! row. A screen is judged only at the end of a frame: ratatui ends each with the cursor
//! hidden (`ESC[?25l`) or shown and placed (`ESC[?25h ESC[r;cH`).

use std::time::{Duration, Instant};

use crate::program::Program;
use crate::pty::{COLS, Session, View, WatchId, row, row_text};

/// The longest the corpus may take to load and index.
const LOAD_TIMEOUT: Duration = Duration::from_mins(5);
/// The longest a query's complete results may take.
const SEARCH_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest a key may take to show.
const KEY_TIMEOUT: Duration = Duration::from_secs(10);
/// The output counts as settled once quiet this long (as in `bench_keys`).
pub const QUIET: Duration = Duration::from_millis(400);
/// Between two keys that are not typing: the previous answer's frame is written whole.
const GAP: Duration = Duration::from_millis(100);

const TITLE: &str = " Phân tích";
const COUNTING: &str = "đang đếm…";
const INDEXING: &str = "đang lập chỉ mục…";
const TITLE_ROW: u16 = 0;
const BOX_ROW: u16 = 1;
const TABS_ROW: u16 = 2;
const HEADING_ROW: u16 = 4;
const FIRST_ROW: u16 = 5;

/// The places table's sorts as `s` cycles through them, from the default (rate).
const PLACE_SORTS: [&str; 7] = [
    "bài khớp",
    "đoạn",
    "bài",
    "tên",
    "từ ngày",
    "đến ngày",
    "/100 bài",
];
/// The concordance's sorts as `s` cycles through them, from the default (rank).
const LINE_SORTS: [&str; 6] = [
    "ngữ cảnh trái",
    "ngữ cảnh phải",
    "nơi",
    "ngày",
    "số liệu",
    "liên quan",
];

/// Does this read end a frame?
pub fn frame_end(bytes: &[u8]) -> bool {
    if bytes.ends_with(b"\x1b[?25l") {
        return true;
    }
    let Some(at) = bytes.windows(6).rposition(|w| w == b"\x1b[?25h") else {
        return false;
    };
    // Then nothing, or one cursor move `ESC [ row ; col H`.
    let rest = &bytes[at + 6..];
    rest.is_empty()
        || rest.len() >= 6
            && rest.starts_with(b"\x1b[")
            && rest.ends_with(b"H")
            && rest[2..rest.len() - 1]
                .iter()
                .all(|&b| b.is_ascii_digit() || b == b';')
}

/// The counts of the title (`N đoạn · … · T ms`, the pending mark left off), if it shows
/// results.
fn counts(screen: &vt100::Screen) -> Option<String> {
    let t = row(screen, TITLE_ROW);
    if !t.starts_with(TITLE) || !t.contains(" đoạn · ") {
        return None;
    }
    Some(
        t.trim_end_matches(COUNTING)
            .trim_end_matches(" · ")
            .to_string(),
    )
}

fn pending(screen: &vt100::Screen) -> bool {
    row(screen, TITLE_ROW).contains(COUNTING)
}

/// The worker's own time for the results shown (the title's `T ms`).
fn title_ms(screen: &vt100::Screen) -> Option<f64> {
    let c = counts(screen)?;
    let ms = c.strip_suffix(" ms")?;
    let n = ms.rsplit(' ').next()?;
    n.parse().ok()
}

/// Does the query box show exactly `typed`, taking the keys, the cursor right after it?
fn echoed(screen: &vt100::Screen, typed: &str) -> bool {
    let (r, c) = screen.cursor_position();
    r == BOX_ROW
        && !screen.hide_cursor()
        && row_text(screen, r, 0, c.min(COLS)).ends_with(&format!("› {typed}"))
}

/// Is the table showing at least one row?
fn has_rows(screen: &vt100::Screen) -> bool {
    !row(screen, FIRST_ROW).trim().is_empty()
}

/// One typed key.
pub struct Key {
    pub echo: Option<Duration>,
    /// The first frame with rows counted for the query so far (a partial snapshot, or the
    /// whole); `None` if a later key came first.
    pub first: Option<Duration>,
    /// The first frame with its complete counts (no pending mark).
    pub complete: Option<Duration>,
}

pub struct Typed {
    pub query: String,
    pub keys: Vec<Key>,
    /// The first key → the last key's complete results.
    pub whole: Option<Duration>,
    /// The last key → the output settled (quiet for [`QUIET`], subtracted).
    pub settled: Option<Duration>,
    /// The worker's own time for the last query, as the title says.
    pub worker_ms: Option<f64>,
}

impl Typed {
    pub fn last(&self) -> Option<&Key> {
        self.keys.last()
    }
}

#[derive(Default)]
pub struct Measured {
    /// Spawn → panes drawn; → the search index ready (the finder no longer says it is
    /// being built).
    pub ready: Option<Duration>,
    pub indexed: Option<Duration>,
    /// `a` → the first frame of the view (its title).
    pub open: Option<Duration>,
    pub typed: Vec<Typed>,
    /// `s` in the places table → the frame with the new sort.
    pub sort_places: Vec<Option<Duration>>,
    /// Tab → the frame with the next view's heading.
    pub tabs: Vec<Option<Duration>>,
    /// `s` in the concordance → the frame with the lines sorted anew (the worker sorts).
    pub sort_lines: Vec<Option<Duration>>,
    pub peak_rss: Option<u64>,
}

/// How keys are typed.
#[derive(Clone, Copy)]
pub enum Pace {
    /// One key every interval, whatever the screen shows.
    Every(Duration),
    /// The next key as soon as the previous one shows in the box.
    Echo,
}

/// A check that holds at the end of a frame where `f` holds.
fn at_frame(mut f: impl FnMut(&vt100::Screen) -> bool + Send + 'static) -> crate::pty::Check {
    Box::new(move |v: &View| frame_end(v.bytes) && f(v.screen))
}

/// Press `key`; the time from the press to the first frame where `done` holds.
fn press(
    s: &mut Session,
    key: &[u8],
    done: impl FnMut(&vt100::Screen) -> bool + Send + 'static,
) -> Option<Duration> {
    let id = s.watch(at_frame(done));
    let t = s.send(key).ok()?;
    let hit = s.wait_hit(id, KEY_TIMEOUT);
    s.wait_quiet(GAP, KEY_TIMEOUT, |_| true);
    hit.map(|h| h.saturating_duration_since(t))
}

/// One session: start, index, open the view, type `queries`, then sorts and Tabs.
pub fn session(p: &Program, queries: &[&str], pace: Pace) -> anyhow::Result<Measured> {
    let home = tempfile::tempdir()?;
    let started = p.spawn(home.path())?;
    let mut s = started.session;
    let spawned = s.started;
    let since = |t: Option<Instant>| t.map(|t| t.saturating_duration_since(spawned));
    let mut out = Measured {
        ready: since(s.wait_hit(started.ready, LOAD_TIMEOUT)),
        ..Measured::default()
    };
    if out.ready.is_none() {
        eprintln!("nghiquyet: never ready; screen:\n{}", contents(&s));
        return Ok(out);
    }
    // The finder says when the index is ready; then Esc, and only once it is gone `a`
    // (sent together they read as Alt-a).
    let indexed = s.watch(at_frame(|sc| {
        let t = sc.contents();
        t.contains("] › ") && !t.contains(INDEXING)
    }));
    s.send(b"/")?;
    out.indexed = since(s.wait_hit(indexed, LOAD_TIMEOUT));
    press(&mut s, b"\x1b", |sc| !sc.contents().contains("] › "));
    out.open = press(&mut s, b"a", |sc| {
        row(sc, TITLE_ROW).starts_with(TITLE) && echoed(sc, "")
    });
    for q in queries {
        out.typed.push(type_query(&mut s, q, pace));
    }
    // Enter leaves the box; the table is sorted, the views switched, the lines sorted.
    press(&mut s, b"\r", vt100::Screen::hide_cursor);
    for label in PLACE_SORTS {
        let want = format!("sắp: {label}");
        out.sort_places.push(press(&mut s, b"s", move |sc| {
            row(sc, TABS_ROW).ends_with(&want)
        }));
    }
    let headings: [fn(&str) -> bool; 4] = [
        |h| h.starts_with("bài khớp theo"),
        |h| h.contains("ngữ cảnh · "),
        |h| h.starts_with("Chọn 2–3"),
        |h| h.starts_with("tỉnh"),
    ];
    for heading in headings.into_iter().cycle().take(8) {
        out.tabs.push(press(&mut s, b"\t", move |sc| {
            heading(&row(sc, HEADING_ROW))
        }));
    }
    press(&mut s, b"\t\t", |sc| {
        row(sc, HEADING_ROW).contains("ngữ cảnh · ")
    });
    for label in LINE_SORTS {
        let want = format!("sắp: {label}");
        out.sort_lines.push(press(&mut s, b"s", move |sc| {
            row(sc, TABS_ROW).ends_with(&want) && !pending(sc) && has_rows(sc)
        }));
    }
    out.peak_rss = s.peak_rss();
    // Esc closes the view; q quits.
    press(&mut s, b"\x1b", |sc| !row(sc, TITLE_ROW).starts_with(TITLE));
    s.quit(b"q", Duration::from_secs(10));
    Ok(out)
}

fn contents(s: &Session) -> String {
    s.with_screen(vt100::Screen::contents)
}

/// Watches of one typed key: its echo, its first rows, its complete counts.
struct Sent {
    at: Instant,
    echo: WatchId,
    first: WatchId,
    complete: WatchId,
}

/// Type `query` into the empty box key by key, wait for its complete results, empty the
/// box again (Ctrl-u).
fn type_query(s: &mut Session, query: &str, pace: Pace) -> Typed {
    let mut sent: Vec<Sent> = Vec::new();
    let start = Instant::now();
    for (i, (at, c)) in query.char_indices().enumerate() {
        let typed = query[..at + c.len_utf8()].to_string();
        match pace {
            Pace::Every(interval) => {
                let due = start + interval * u32::try_from(i).unwrap_or(u32::MAX);
                std::thread::sleep(due.saturating_duration_since(Instant::now()));
            }
            Pace::Echo => {
                if let Some(prev) = sent.last() {
                    s.wait_hit(prev.echo, KEY_TIMEOUT);
                }
            }
        }
        let t = typed.clone();
        let echo = s.watch(at_frame(move |sc| echoed(sc, &t)));
        // The counts of the frame that first shows the key (older results, marked
        // pending); rows counted for the key change them.
        let t = typed.clone();
        let mut before: Option<Option<String>> = None;
        let first = s.watch(at_frame(move |sc| {
            if !echoed(sc, &t) {
                return false;
            }
            let now = counts(sc);
            match &before {
                None => {
                    before = Some(now);
                    false
                }
                Some(b) => now.is_some() && now != *b && has_rows(sc),
            }
        }));
        let t = typed.clone();
        let complete = s.watch(at_frame(move |sc| {
            echoed(sc, &t) && counts(sc).is_some() && !pending(sc)
        }));
        let mut buf = [0u8; 4];
        let Ok(at) = s.send(c.encode_utf8(&mut buf).as_bytes()) else {
            break;
        };
        sent.push(Sent {
            at,
            echo,
            first,
            complete,
        });
    }
    let last = sent
        .last()
        .and_then(|l| s.wait_hit(l.complete, SEARCH_TIMEOUT));
    if last.is_none() {
        eprintln!(
            "nghiquyet: no complete results for {query:?}; screen:\n{}",
            contents(s)
        );
    }
    let worker_ms = s.with_screen(title_ms);
    let settled = s.wait_quiet(QUIET, SEARCH_TIMEOUT, |sc| !pending(sc));
    let keys = sent
        .iter()
        .map(|k| {
            let d = |id| {
                s.hit(id)
                    .map(|h: Instant| h.saturating_duration_since(k.at))
            };
            let complete = d(k.complete);
            // Counts equal to the older ones (rare) show no change before the whole.
            let first = match (d(k.first), complete) {
                (Some(f), Some(c)) => Some(f.min(c)),
                (f, c) => f.or(c),
            };
            Key {
                echo: d(k.echo),
                first,
                complete,
            }
        })
        .collect();
    let typed = Typed {
        query: query.to_string(),
        keys,
        whole: sent
            .first()
            .zip(last)
            .map(|(f, l)| l.saturating_duration_since(f.at)),
        settled: sent
            .last()
            .zip(settled)
            .map(|(l, q)| q.saturating_duration_since(l.at)),
        worker_ms,
    };
    s.drop_watches();
    let empty = s.watch(at_frame(|sc| echoed(sc, "")));
    if s.send(b"\x15").is_ok() {
        s.wait_hit(empty, KEY_TIMEOUT);
        s.wait_quiet(QUIET, KEY_TIMEOUT, |_| true);
    }
    s.drop_watches();
    typed
}

#[cfg(test)]
mod tests {
    use super::frame_end;

    #[test]
    fn frames_end_with_the_cursor_hidden_or_placed() {
        assert!(frame_end(b"x\x1b[0m\x1b[?25l"));
        assert!(frame_end(b"x\x1b[?25h\x1b[2;13H"));
        assert!(frame_end(b"\x1b[?25h"));
        assert!(!frame_end(b"\x1b[?25h\x1b[2;13Hn"));
        assert!(!frame_end(b"\x1b[5;1Habc"));
    }
}
