//! What the pty benchmarks share: the binary they measure, and a clean environment for it.

use std::path::{Path, PathBuf};

use portable_pty::CommandBuilder;

/// `--bin`, or the release binary beside this example (target/release/examples/NAME →
/// target/release/nghiquyet); exits with a message if it or the corpus is missing.
pub fn binary_checked(bin: Option<PathBuf>, corpus: &Path) -> PathBuf {
    let bin = bin.unwrap_or_else(|| {
        std::env::current_exe()
            .ok()
            .and_then(|e| e.parent()?.parent().map(|d| d.join("nghiquyet")))
            .unwrap_or_else(|| PathBuf::from("target/release/nghiquyet"))
    });
    if !bin.is_file() {
        eprintln!(
            "{}: no such binary (build it with `cargo build --release`, or pass --bin PATH)",
            bin.display()
        );
        std::process::exit(2);
    }
    if !corpus.is_file() {
        eprintln!("{}: no such corpus file", corpus.display());
        std::process::exit(2);
    }
    bin
}

/// `program` with only a terminal's variables, HOME and the XDG directories in `home` (made
/// there), run in `home`: nothing of the user's is read or written.
pub fn clean_command(program: &Path, home: &Path) -> std::io::Result<CommandBuilder> {
    let mut cmd = CommandBuilder::new(program);
    cmd.env_clear();
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.env("PATH", "/usr/bin:/bin");
    cmd.env("HOME", home);
    for (var, name) in [
        ("XDG_STATE_HOME", "state"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ] {
        let dir = home.join(name);
        std::fs::create_dir_all(&dir)?;
        cmd.env(var, dir);
    }
    cmd.cwd(home);
    Ok(cmd)
}
