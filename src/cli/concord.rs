//! `nghiquyet concord QUERY [--by …] [--kwic] [--sort …] [--csv|--json]`: a query's hits
//! counted by place, year or outlet, or read as a concordance.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use unicode_width::UnicodeWidthStr;

use super::{load_corpus, output};
use crate::analysis::counts::{self, By, Row};
use crate::analysis::kwic::{self, Sort};
use crate::search::{Scope, SearchIndex, search_all};

#[derive(Debug, clap::Args)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent command-line switches"
)]
pub struct ConcordArgs {
    /// The query, in the finder's language (see `nghiquyet search --help`)
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// One row per province (before 2025), 2025 province, place, year or outlet
    #[arg(long, value_enum, default_value = "province")]
    pub by: By,
    /// A concordance: one line per hit, the match between its left and right context
    #[arg(long)]
    pub kwic: bool,
    /// Show the first figure after each match (`12,06%`, `15.400 căn`) in the concordance
    #[arg(long)]
    pub figures: bool,
    /// Order of the concordance's lines (figure: by unit, then by value)
    #[arg(long, value_enum, default_value = "rank")]
    pub sort: Sort,
    /// Characters of context each side of the match (concordance)
    #[arg(long, value_name = "N", default_value_t = 40)]
    pub context: usize,
    /// CSV (UTF-8 with a BOM, as spreadsheets want it)
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// JSON
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub facets: crate::analysis::facets::Facets,
    /// Count places an article is about, not those it only mentions
    #[arg(long)]
    pub about_only: bool,
}

pub fn run(
    corpus_path: Option<&PathBuf>,
    force: bool,
    args: &ConcordArgs,
) -> anyhow::Result<ExitCode> {
    let (corpus, _) = load_corpus(corpus_path, force)?;
    let index = SearchIndex::build(&corpus);
    let raw = args.query.join(" ");
    let kept = (!args.facets.is_empty()).then(|| args.facets.documents(&corpus));
    let scope = kept.clone().map_or(Scope::All, Scope::Documents);
    let hits = search_all(&index, &corpus, &raw, &scope);
    let mut out = output::stdout();
    if args.kwic {
        let mut lines = kwic::lines(&index, &corpus, &hits, args.context);
        kwic::sort(&mut lines, args.sort);
        if args.json {
            out.json(&lines)?;
        } else if args.csv {
            let mut w = csv_writer();
            w.write_record([
                "doc", "passage", "place", "date", "left", "match", "right", "figure", "value",
                "unit",
            ])?;
            for l in &lines {
                w.write_record([
                    l.doc.as_str(),
                    &l.passage,
                    l.place.as_deref().unwrap_or(""),
                    l.date.as_deref().unwrap_or(""),
                    &l.left,
                    &l.matched,
                    &l.right,
                    l.figure.as_deref().unwrap_or(""),
                    &l.value.map(|v| v.to_string()).unwrap_or_default(),
                    l.unit.as_deref().unwrap_or(""),
                ])?;
            }
            out.content(&csv_bytes(w)?)?;
        } else {
            let width = lines.iter().map(|l| l.left.width()).max().unwrap_or(0);
            let fig_w = lines
                .iter()
                .map(|l| l.figure.as_deref().map_or(1, UnicodeWidthStr::width))
                .max()
                .unwrap_or(1);
            for l in &lines {
                let pad = " ".repeat(width - l.left.width());
                let place = l.place.as_deref().unwrap_or("");
                // A column of its own, so the eye runs down the figures.
                let figure = if args.figures {
                    let f = l.figure.as_deref().unwrap_or("—");
                    format!("{f}{}  ", " ".repeat(fig_w - f.width()))
                } else {
                    String::new()
                };
                let date = l.date.as_deref().map(crate::text::date::display_date);
                writeln!(
                    out,
                    "{figure}{pad}{}[{}]{}  · {place}{}",
                    l.left,
                    l.matched,
                    l.right,
                    date.map(|d| format!(" · {d}")).unwrap_or_default()
                )?;
            }
        }
    } else {
        let at: Vec<_> = hits.iter().map(|h| h.at).collect();
        let rows = counts::count(&corpus, &at, args.by, args.about_only, kept.as_deref());
        if args.json {
            out.json(&rows)?;
        } else if args.csv {
            let mut w = csv_writer();
            w.write_record([
                "group",
                "articles",
                "matching_articles",
                "passages",
                "per_100",
                "first",
                "last",
            ])?;
            for r in &rows {
                w.write_record([
                    r.group.clone(),
                    r.articles.to_string(),
                    r.matching_articles.to_string(),
                    r.passages.to_string(),
                    format!("{:.1}", r.per_100),
                    r.first.clone().unwrap_or_default(),
                    r.last.clone().unwrap_or_default(),
                ])?;
            }
            out.content(&csv_bytes(w)?)?;
        } else {
            table(&mut out, &rows, args.by)?;
        }
    }
    out.finish()?;
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub(super) fn csv_writer() -> csv::Writer<Vec<u8>> {
    let mut buf = Vec::new();
    // The BOM tells a spreadsheet the file is UTF-8.
    buf.extend_from_slice("\u{feff}".as_bytes());
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf)
}

pub(super) fn csv_bytes(w: csv::Writer<Vec<u8>>) -> anyhow::Result<Vec<u8>> {
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// The counts as an aligned table, with a bar for the rate per 100 articles.
fn table(out: &mut output::Out, rows: &[Row], by: By) -> anyhow::Result<()> {
    let head = match by {
        By::Province | By::Province2025 => "tỉnh",
        By::Locality => "địa phương",
        By::Year => "năm",
        By::Outlet => "báo",
    };
    let name_w = rows
        .iter()
        .map(|r| r.group.width())
        .chain([head.width()])
        .max()
        .unwrap_or(0);
    let max = rows
        .iter()
        .map(|r| r.per_100)
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    writeln!(
        out,
        "{head}{}  bài  khớp  đoạn  /100 bài  từ          đến",
        " ".repeat(name_w - head.width())
    )?;
    for r in rows {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "0..=20"
        )]
        let bar = "█".repeat(((r.per_100 / max) * 20.0).round() as usize);
        let date = |d: &Option<String>| {
            d.as_deref()
                .map_or_else(|| "—".into(), crate::text::date::display_date)
        };
        writeln!(
            out,
            "{}{} {:>4} {:>5} {:>5} {:>8.1}  {:<10}  {:<10}  {bar}",
            r.group,
            " ".repeat(name_w - r.group.width()),
            r.articles,
            r.matching_articles,
            r.passages,
            r.per_100,
            date(&r.first),
            date(&r.last),
        )?;
    }
    Ok(())
}
