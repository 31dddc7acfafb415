use std::process::ExitCode;

use clap::Parser;
use nghiquyet::cli::output;

fn main() -> ExitCode {
    let args = match nghiquyet::cli::Args::try_parse() {
        Ok(a) => a,
        // clap's own messages quote what was typed: they go through the sanitiser too.
        Err(e) => {
            let text = e.render().to_string();
            if e.use_stderr() {
                output::eprint_text(&text);
            } else {
                let mut out = output::stdout();
                let _ = std::io::Write::write_all(&mut out, text.as_bytes());
                let _ = out.finish();
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    // `search` and `bookmarks add-search` exit as grep does: 1 when nothing matched, 2 on
    // an error.
    let error_code = if matches!(
        args.command,
        Some(
            nghiquyet::cli::Command::Search(_)
                | nghiquyet::cli::Command::Bookmarks(nghiquyet::cli::bookmarks::BookmarksArgs {
                    command: nghiquyet::cli::bookmarks::BookmarksCommand::AddSearch(_),
                })
        )
    ) {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    };
    match nghiquyet::cli::run(args) {
        Ok(code) => code,
        // `nghiquyet inspect … | head` closes the pipe early: that is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            output::error(output::error_chain(&e));
            error_code
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}
