//! The command line: parsing (clap derive) and the commands. This is the binary's edge:
//! `anyhow` errors, printing, exit codes.

pub mod bookmarks;
mod build;
pub mod concord;
mod inspect;
pub mod output;
mod report;
pub mod search;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::clipboard::Osc52Setting;
use crate::corpus::{self, Corpus};

#[derive(Debug, Parser)]
#[command(
    name = "nghiquyet",
    version,
    about = "Read and research Vietnamese news on how localities carry out Party congress resolutions",
    long_about = "Read and research Vietnamese news on how localities carry out Party congress \
                  resolutions.\n\nWithout --corpus, every command works on the embedded corpus \
                  (five seed articles, preprocessed at start-up)."
)]
pub struct Args {
    /// Corpus file written by `nghiquyet build` (default: the embedded corpus)
    #[arg(long, global = true, value_name = "FILE")]
    pub corpus: Option<PathBuf>,

    /// Bookmarks file (default: $NGHIQUYET_BOOKMARKS, else $XDG_DATA_HOME/nghiquyet/bookmarks.json)
    #[allow(clippy::doc_markdown, reason = "the --help text, shown as written")]
    #[arg(long, global = true, value_name = "FILE")]
    pub bookmarks: Option<PathBuf>,

    /// Go ahead where nghiquyet would refuse: replace an output file that is not a corpus
    /// (`build -o`) or that exists (`bookmarks export -o`), or load a corpus larger than
    /// the memory available
    #[arg(long, global = true)]
    pub force: bool,

    /// Browser options for the bare command (the same as `nghiquyet browse …`)
    #[command(flatten)]
    pub browse: BrowseArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Preprocess raw articles (.txt files and directories, read recursively) into a corpus
    Build(build::BuildArgs),
    /// Show every raw line of an article with its class (and why junk was removed)
    Inspect(inspect::InspectArgs),
    /// Documents, sections, passages, removed lines and localities of the corpus
    Stats(report::StatsArgs),
    /// The localities the corpus is about, grouped by province
    Localities(report::LocalitiesArgs),
    /// Browse the corpus in the terminal (the default command)
    Browse(BrowseArgs),
    /// Find passages: Vietnamese-aware fuzzy search (diacritics and case never matter)
    Search(search::SearchArgs),
    /// Bookmarked passages: list, add, rm, export (md, csv, json, codebook); coding for
    /// research: add-search, tags, matrix
    Bookmarks(bookmarks::BookmarksArgs),
    /// Compare places: a query's hits counted by province, place, year or outlet, or as a
    /// concordance (--kwic)
    Concord(concord::ConcordArgs),
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct BrowseArgs {
    /// Draw Vietnamese folded to ASCII, with ASCII borders (automatic when the locale is not UTF-8)
    #[arg(long)]
    pub ascii: bool,
    /// Leave the mouse to the terminal: no wheel or clicks in the browser, the terminal's own
    /// text selection without Shift
    #[arg(long)]
    pub no_mouse: bool,
    /// Colours: `default` (16 ANSI colours) or `mono` (bold/dim/reverse only; also when NO_COLOR is set)
    #[allow(clippy::doc_markdown, reason = "the --help text, shown as written")]
    #[arg(long, value_name = "THEME", default_value = "default")]
    pub theme: Theme,
    /// Start at the top, ignoring the position saved for this corpus
    #[arg(long)]
    pub fresh: bool,
    /// Copying with y / Y through OSC 52: `auto` (off only on TERM=linux or dumb), `on`, `off`
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    pub osc52: Osc52Arg,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Osc52Arg {
    #[default]
    Auto,
    On,
    Off,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Theme {
    #[default]
    Default,
    Mono,
}

/// Load the corpus named by `--corpus` (refusing one that will not fit in memory unless
/// `force`), or build the embedded one.
pub fn load_corpus(path: Option<&PathBuf>, force: bool) -> anyhow::Result<(Corpus, String)> {
    match path {
        Some(p) => Ok((corpus::load(p, force)?, p.display().to_string())),
        None => Ok((crate::embedded::corpus(), crate::embedded::NAME.to_string())),
    }
}

/// Run a parsed command line. Errors are printed by the caller as `error: …`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let force = args.force;
    match args.command {
        Some(Command::Build(b)) => build::run(&b, force),
        Some(Command::Inspect(i)) => inspect::run(&i),
        Some(Command::Stats(s)) => report::stats(args.corpus.as_ref(), force, &s),
        Some(Command::Localities(l)) => report::localities(args.corpus.as_ref(), force, &l),
        Some(Command::Browse(b)) => browse(args.corpus, args.bookmarks, force, &b),
        Some(Command::Search(q)) => search::run(args.corpus.as_ref(), force, &q),
        Some(Command::Concord(c)) => concord::run(args.corpus.as_ref(), force, &c),
        Some(Command::Bookmarks(b)) => {
            bookmarks::run(args.corpus.as_ref(), args.bookmarks.as_deref(), force, b)
        }
        None => browse(args.corpus, args.bookmarks, force, &args.browse),
    }
}

fn browse(
    corpus: Option<PathBuf>,
    bookmarks: Option<PathBuf>,
    force: bool,
    b: &BrowseArgs,
) -> anyhow::Result<ExitCode> {
    // NO_COLOR set to any value turns colour off.
    let no_color = std::env::var_os("NO_COLOR").is_some();
    crate::tui::run(&crate::tui::BrowseOptions {
        corpus,
        bookmarks,
        ascii: b.ascii,
        no_mouse: b.no_mouse,
        color: b.theme == Theme::Default && !no_color,
        fresh: b.fresh,
        force,
        osc52: match b.osc52 {
            Osc52Arg::Auto => Osc52Setting::Auto,
            Osc52Arg::On => Osc52Setting::On,
            Osc52Arg::Off => Osc52Setting::Off,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_mouse_is_a_browser_flag() {
        for args in [
            &["nghiquyet", "--no-mouse"][..],
            &["nghiquyet", "browse", "--no-mouse"],
        ] {
            let a = Args::try_parse_from(args).unwrap();
            let b = a.command.map_or(a.browse, |c| match c {
                Command::Browse(b) => b,
                _ => unreachable!(),
            });
            assert!(b.no_mouse, "{args:?}");
        }
        assert!(!Args::try_parse_from(["nghiquyet"]).unwrap().browse.no_mouse);
    }

    #[test]
    fn parses_commands() {
        let a =
            Args::try_parse_from(["nghiquyet", "build", "a.txt", "dir", "-o", "c.json"]).unwrap();
        match a.command {
            Some(Command::Build(b)) => {
                assert_eq!(b.inputs.len(), 2);
                assert_eq!(b.output, PathBuf::from("c.json"));
            }
            other => panic!("{other:?}"),
        }
        let a =
            Args::try_parse_from(["nghiquyet", "stats", "--json", "--corpus", "x.json"]).unwrap();
        assert_eq!(a.corpus, Some(PathBuf::from("x.json")));
        assert!(
            Args::try_parse_from(["nghiquyet", "build", "a.txt"]).is_err(),
            "-o is required"
        );
        assert!(Args::try_parse_from(["nghiquyet", "localities", "--2025"]).is_ok());
        let a =
            Args::try_parse_from(["nghiquyet", "--fresh", "--ascii", "--theme", "mono"]).unwrap();
        assert!(a.browse.fresh && a.browse.ascii && a.browse.theme == Theme::Mono);
        let a = Args::try_parse_from(["nghiquyet", "browse", "--fresh"]).unwrap();
        assert!(matches!(a.command, Some(Command::Browse(b)) if b.fresh));
        let a = Args::try_parse_from(["nghiquyet", "--osc52", "off"]).unwrap();
        assert_eq!(a.browse.osc52, Osc52Arg::Off);
        assert!(Args::try_parse_from(["nghiquyet", "--osc52", "maybe"]).is_err());
    }
}
