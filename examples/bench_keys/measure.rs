//! One session's measurements: start-up, typing queries key by key, moving in a list.

use std::time::{Duration, Instant};

use crate::program::Program;
use crate::pty::{Session, WatchId};

/// The longest a corpus may take to load (or fzf to read its lines).
const LOAD_TIMEOUT: Duration = Duration::from_mins(5);
/// The longest one search may take to show its final results.
const SEARCH_TIMEOUT: Duration = Duration::from_secs(20);
/// The output is "settled" once it has been quiet this long (and no search runs). Longer
/// than fzf's 200 ms without any sign of a running search.
pub const QUIET: Duration = Duration::from_millis(400);
/// Between two moves in a list: the frame is whole once the output paused this long.
const FRAME_GAP: Duration = Duration::from_millis(30);
/// The longest a single key may take to show.
const KEY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Startup {
    pub first_frame: Option<Duration>,
    pub ready: Option<Duration>,
    /// A key pressed as soon as it was ready, answered on the screen.
    pub answered: Option<Duration>,
    /// The search box opened and a query typed as soon as the key was answered: its final
    /// results shown.
    pub searched: Option<Duration>,
}

/// The query typed at start-up; in no query list, so that no cache of fzf helps them.
pub const STARTUP_QUERY: &str = "quoc hoi";

pub fn startup(p: &Program, s: &mut Session, first: WatchId, ready: WatchId) -> Startup {
    let spawned = s.started;
    let since = |t: Option<Instant>| t.map(|t| t.saturating_duration_since(spawned));
    let ready_at = s.wait_hit(ready, LOAD_TIMEOUT);
    let mut out = Startup {
        first_frame: since(s.hit(first)),
        ready: since(ready_at),
        answered: None,
        searched: None,
    };
    if ready_at.is_none() {
        return out;
    }
    let [probe, back] = p.probe_keys();
    out.answered = since(press_and_see(s, probe));
    press_and_see(s, back);
    let mut keys = p.open_search().to_vec();
    keys.extend_from_slice(STARTUP_QUERY.as_bytes());
    let done = s.watch(p.results_check(STARTUP_QUERY));
    if s.send(&keys).is_ok() {
        out.searched = since(s.wait_hit(done, SEARCH_TIMEOUT));
    }
    settle(p, s, STARTUP_QUERY);
    // The queries that follow start from an empty box (Ctrl-u empties it in both programs).
    if s.send(b"\x15").is_ok() {
        settle(p, s, "");
    }
    out
}

/// Press `key` and wait until the screen changes; returns when it did.
fn press_and_see(s: &mut Session, key: &[u8]) -> Option<Instant> {
    let before = s.with_screen(vt100::Screen::contents);
    let changed = s.watch(move |v| v.screen.contents() != before);
    s.send(key).ok()?;
    s.wait_hit(changed, KEY_TIMEOUT)
}

/// Wait until the output is quiet and the search for `typed` finished.
fn settle(p: &Program, s: &Session, typed: &str) -> Option<Instant> {
    s.wait_quiet(QUIET, SEARCH_TIMEOUT, |sc| p.done(sc, typed))
}

/// How keys are typed.
#[derive(Clone, Copy)]
pub enum Pace {
    /// One key every interval, whatever the screen shows.
    Every(Duration),
    /// The next key as soon as the previous one shows in the box.
    Echo,
}

/// One typed key.
pub struct Key {
    pub echo: Option<Duration>,
    /// Until the final results of the query so far showed; `None` if they never did (a
    /// later key came first).
    pub results: Option<Duration>,
    /// Bytes written from this key to the next (to the settled screen for the last key).
    pub bytes: usize,
}

pub struct Typed {
    pub keys: Vec<Key>,
    /// The last key → the screen stopped changing with the final results (quiet time
    /// subtracted).
    pub last: Option<Duration>,
    /// The first key → that moment.
    pub whole: Option<Duration>,
}

/// Type `query` key by key into the search box (open and empty), then clear it again.
pub fn type_query(p: &Program, s: &mut Session, query: &str, pace: Pace) -> Typed {
    let mut sent: Vec<(Instant, usize, WatchId, WatchId)> = Vec::new();
    let start = Instant::now();
    for (i, (at, c)) in query.char_indices().enumerate() {
        let typed = &query[..at + c.len_utf8()];
        match pace {
            Pace::Every(interval) => {
                let due = start + interval * u32::try_from(i).unwrap_or(u32::MAX);
                std::thread::sleep(due.saturating_duration_since(Instant::now()));
            }
            Pace::Echo => {
                if let Some(&(_, _, echo, _)) = sent.last() {
                    s.wait_hit(echo, KEY_TIMEOUT);
                }
            }
        }
        let me = p.clone();
        let shown = typed.to_string();
        let echo = s.watch(move |v| me.echoed(v.screen, &shown));
        let results = s.watch(p.results_check(typed));
        let before = s.bytes_read();
        let mut buf = [0u8; 4];
        let Ok(t) = s.send(c.encode_utf8(&mut buf).as_bytes()) else {
            break;
        };
        sent.push((t, before, echo, results));
    }
    // The last key's final results, then the output quiet (which also tells a late result
    // of an earlier key from the last one's).
    if let Some(&(.., results)) = sent.last()
        && s.wait_hit(results, SEARCH_TIMEOUT).is_none()
    {
        eprintln!(
            "{}: no final results for {query:?}; screen:\n{}",
            p.label(),
            s.with_screen(vt100::Screen::contents)
        );
    }
    let settled = settle(p, s, query);
    let end = s.bytes_read();
    let keys = sent
        .iter()
        .enumerate()
        .map(|(i, &(t, from, echo, results))| {
            let to = sent.get(i + 1).map_or(end, |next| next.1);
            Key {
                echo: s.hit(echo).map(|e| e.saturating_duration_since(t)),
                results: s.hit(results).map(|r| r.saturating_duration_since(t)),
                bytes: to - from,
            }
        })
        .collect();
    let since = |i: usize| {
        let (t, ..) = sent.get(i)?;
        settled.map(|e| e.saturating_duration_since(*t))
    };
    let typed = Typed {
        keys,
        last: since(sent.len().saturating_sub(1)),
        whole: since(0),
    };
    s.drop_watches();
    // Ctrl-u empties the box in both programs.
    if s.send(b"\x15").is_ok() {
        settle(p, s, "");
    }
    typed
}

/// One move in a list.
pub struct Move {
    /// Key → the first byte of the answer.
    pub first: Option<Duration>,
    /// Key → the last byte of the frame (the output then paused for `FRAME_GAP`).
    pub frame: Option<Duration>,
    pub bytes: usize,
}

/// Leave the search, then press the down key `n` times and the up key `n` times, each once
/// the previous frame is whole.
pub fn navigate(p: &Program, s: &mut Session, n: usize) -> Vec<Move> {
    for key in p.leave_search() {
        let _ = s.send(key);
        s.wait_quiet(QUIET, KEY_TIMEOUT, |sc| !p.busy(sc));
    }
    let [down, up] = p.nav_keys();
    let mut moves = Vec::new();
    for key in std::iter::repeat_n(down, n).chain(std::iter::repeat_n(up, n)) {
        let answer = s.watch(|_| true);
        let before = s.bytes_read();
        let Ok(t) = s.send(key) else { break };
        let first = s.wait_hit(answer, KEY_TIMEOUT);
        if first.is_none() {
            eprintln!(
                "{}: no answer to a move; screen:\n{}",
                p.label(),
                s.with_screen(vt100::Screen::contents)
            );
        }
        let last = first.and_then(|_| s.wait_quiet(FRAME_GAP, KEY_TIMEOUT, |_| true));
        moves.push(Move {
            first: first.map(|f| f.saturating_duration_since(t)),
            frame: last.map(|l| l.saturating_duration_since(t)),
            bytes: s.bytes_read() - before,
        });
    }
    s.drop_watches();
    moves
}
