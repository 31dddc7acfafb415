//! `nghiquyet inspect FILE.txt`: every raw line with its class, so a user can see why the
//! preprocessor did what it did.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::gazetteer::Gazetteer;
use crate::preprocess::localities::Decisions;
use crate::preprocess::{LineClass, build_document};
use crate::text::truncate_to_width;

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// A raw article (.txt)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Print the lines and the document as JSON
    #[arg(long)]
    pub json: bool,
    /// Cut long lines to this many columns (default: the terminal width; 0 = never)
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
}

pub fn run(args: &InspectArgs) -> anyhow::Result<ExitCode> {
    let bytes = crate::files::read_existing(&args.file)?;
    let stem = args
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let gaz = Gazetteer::embedded();
    let article = build_document(&stem, &args.file.display().to_string(), &bytes, gaz)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    let mut out = super::output::stdout();
    if args.json {
        out.json(&serde_json::json!({
            "lines": article.lines,
            "document": article.document,
            "localities": decisions_json(&article.localities, gaz),
        }))?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = args.width.unwrap_or_else(|| {
        if std::io::stdout().is_terminal() {
            crossterm::terminal::size().map_or(120, |(w, _)| usize::from(w))
        } else {
            0
        }
    });
    for line in &article.lines {
        if line.class == LineClass::Blank {
            writeln!(out, "{:>5}  blank", line.number)?;
            continue;
        }
        let mut class = line.class.as_str().to_string();
        if let Some(first) = line.joined_to {
            class = format!("{class} (joined to line {})", article.lines[first].number);
        }
        let mut row = format!("{:>5}  {:<12} {}", line.number, class, line.text);
        if let Some(r) = &line.reason {
            row = format!("{row}   ← {r}");
        }
        if width > 0 {
            row = truncate_to_width(&row, width);
        }
        writeln!(out, "{row}")?;
        // A flattened body: each piece it was split into, with its class and why.
        for piece in &line.pieces {
            let mut row = format!(
                "{:>5}  · {:<10} {}   ← {}",
                line.number,
                piece.class.as_str(),
                piece.text,
                piece.reason
            );
            if width > 0 {
                row = truncate_to_width(&row, width);
            }
            writeln!(out, "{row}")?;
        }
    }
    let d = &article.document;
    let names: Vec<String> = d
        .localities
        .iter()
        .map(|id| {
            gaz.by_id(id).map_or_else(
                || id.clone(),
                |u| format!("{} ({})", gaz.unit(u).name, gaz.unit(u).kind),
            )
        })
        .collect();
    writeln!(out)?;
    writeln!(out, "title:    {}", d.title)?;
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "–".into());
    writeln!(out, "subtitle: {}", opt(&d.subtitle))?;
    writeln!(out, "category: {}", opt(&d.category))?;
    writeln!(out, "date:     {}", opt(&d.date))?;
    writeln!(out, "outlet:   {}", opt(&d.outlet))?;
    writeln!(
        out,
        "author:   {}{}",
        opt(&d.author),
        d.author_role
            .as_ref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default()
    )?;
    writeln!(
        out,
        "about:    {}",
        if names.is_empty() {
            "–".into()
        } else {
            names.join(", ")
        }
    )?;
    if !article.localities.localities.is_empty() || !article.localities.shared.is_empty() {
        writeln!(out, "localities:")?;
    }
    for l in &article.localities.localities {
        writeln!(out, "  {}", l.describe(gaz))?;
    }
    for s in &article.localities.shared {
        writeln!(
            out,
            "  {:<11} {}: {} units so named, none settled by a district or province in the article",
            "shared", s.text, s.candidates
        )?;
    }
    writeln!(
        out,
        "sections: {}, passages: {}, removed lines: {}",
        d.sections.len(),
        d.passage_count(),
        d.removed.len()
    )?;
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// Each locality decision as JSON: the unit, the verdict, the reason in words, the evidence.
fn decisions_json(d: &Decisions, gaz: &Gazetteer) -> serde_json::Value {
    let localities: Vec<serde_json::Value> = d
        .localities
        .iter()
        .map(|l| {
            let u = gaz.unit(l.unit);
            serde_json::json!({
                "id": u.id,
                "name": u.name,
                "kind": u.kind,
                "verdict": l.verdict.as_str(),
                "why": l.why_text(gaz),
                "score": l.score,
                "weak": l.weak,
                "places": l.places.iter().map(|(p, n)| (p.label().to_string(), serde_json::Value::from(*n))).collect::<serde_json::Map<_, _>>(),
                "prefixed": l.prefixed,
                "settled": l.settled.describe(),
            })
        })
        .collect();
    let shared: Vec<serde_json::Value> = d
        .shared
        .iter()
        .map(|s| serde_json::json!({"text": s.text, "candidates": s.candidates}))
        .collect();
    serde_json::json!({"decisions": localities, "shared": shared})
}
