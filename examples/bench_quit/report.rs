//! Reporting: durations and their summary, the output after the terminal was restored, and
//! the id of the bookmark `b` made.

use std::time::Duration;

use super::{Quit, TAIL_BYTES};

pub fn ms(d: Option<Duration>) -> String {
    match d {
        Some(d) => format!("{:.1} ms", d.as_secs_f64() * 1e3),
        None => "—".to_string(),
    }
}

/// Median (upper median for an even count), min and max of the values present, and how many
/// are missing (a timeout, or no leave-alternate-screen sequence).
pub fn summary(v: &[Option<Duration>]) -> String {
    let mut got: Vec<Duration> = v.iter().flatten().copied().collect();
    if got.is_empty() {
        return "—".to_string();
    }
    got.sort();
    let missing = v.len() - got.len();
    format!(
        "median {:>10}  min {:>10}  max {:>10}{}",
        ms(Some(got[got.len() / 2])),
        ms(got.first().copied()),
        ms(got.last().copied()),
        if missing > 0 {
            format!("  ({missing} missing)")
        } else {
            String::new()
        }
    )
}

/// The first `TAIL_BYTES` bytes, escaped so control sequences show.
pub fn shown_tail(b: &[u8]) -> String {
    let cut = &b[..b.len().min(TAIL_BYTES)];
    format!("{:?}", String::from_utf8_lossy(cut))
}

/// The id of the bookmark `b` made, from the notice in the status bar
/// (`★ đã đánh dấu b0123456789 · …`).
pub fn new_id(status: &str) -> Option<String> {
    status
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| {
            w.len() == 11 && w.starts_with('b') && w[1..].bytes().all(|b| b.is_ascii_hexdigit())
        })
        .map(str::to_string)
}

/// Was the new bookmark printed after the terminal was restored (unsaved changes are)?
pub fn printed_id(q: &Quit) -> bool {
    new_id(&q.status_at_exit)
        .is_some_and(|id| String::from_utf8_lossy(&q.after).contains(id.as_str()))
}
