//! The peer: `fzf --filter` over the same passages.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub fn fzf_available() -> bool {
    Command::new("fzf")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `fzf --filter QUERY < file`: (wall time, lines printed).
pub fn time_fzf(file: &Path, query: &str) -> anyhow::Result<(Duration, usize)> {
    let started = Instant::now();
    let mut child = Command::new("fzf")
        .arg("--filter")
        .arg(query)
        .env_remove("FZF_DEFAULT_OPTS")
        .env_remove("FZF_DEFAULT_COMMAND")
        .stdin(std::fs::File::open(file)?)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let out = child.stdout.take().expect("piped stdout");
    let lines = BufReader::new(out).split(b'\n').count();
    child.wait()?;
    Ok((started.elapsed(), lines))
}
