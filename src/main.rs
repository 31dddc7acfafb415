use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = nghiquyet::cli::Args::parse();
    match nghiquyet::cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
