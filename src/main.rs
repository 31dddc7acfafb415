use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = nghiquyet::cli::Args::parse();
    match nghiquyet::cli::run(args) {
        Ok(code) => code,
        // `nghiquyet inspect … | head` closes the pipe early: that is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            nghiquyet::cli::output::error(nghiquyet::cli::output::error_chain(&e));
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}
