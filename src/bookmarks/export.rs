//! Bookmarks for a report: Markdown (grouped by locality, then article; each quote a block
//! quote with its citation and note), CSV (RFC 4180, UTF-8 with a BOM so spreadsheets keep
//! the Vietnamese), JSON exactly as stored, or a REFI-QDA project ([`qdpx`]) for the
//! qualitative analysis programs.
//!
//! Exports carry no timestamp of their own, so the same bookmarks always export the same.

use std::cmp::Ordering;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::codebook::Codebook;
use super::{Bookmark, BookmarkFile, Resolution, Status};
use crate::corpus::Corpus;
use crate::text::fold_str;

/// What an export is written as. (The command line's names for these are in
/// `cli::bookmarks`, the browser's labels in `ui::bookmarks`.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A report: grouped by locality and article, quotes with citations.
    Md,
    /// One row per bookmark (UTF-8 with a BOM).
    Csv,
    /// The bookmarks file as stored.
    Json,
    /// A REFI-QDA project (`.qdpx`): sources, codebook, coded passages.
    Qdpx,
    /// The tags, their descriptions, counts and an example quote each (Markdown).
    Codebook,
    /// Tags × places (provinces, 2025 provinces or the places themselves): tagged passages
    /// per cell, as CSV ([`super::matrix::csv`]).
    Matrix(crate::analysis::counts::By),
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md | Format::Codebook => "md",
            Format::Csv | Format::Matrix(_) => "csv",
            Format::Json => "json",
            Format::Qdpx => "qdpx",
        }
    }

    pub const ALL: [Format; 5] = [
        Format::Md,
        Format::Csv,
        Format::Json,
        Format::Qdpx,
        Format::Codebook,
    ];
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Csv(#[from] ::csv::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Zip(#[from] zip::result::ZipError),
}

/// A bookmark with what the current corpus says about its passage.
#[derive(Debug, Clone)]
pub struct Cited<'a> {
    pub bookmark: &'a Bookmark,
    pub status: Status,
    pub locality: Option<String>,
    pub title: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub section: Option<String>,
    /// The article it is under: where it resolves now, else where it was bookmarked.
    pub doc_id: String,
    /// That article's index in the corpus, when the corpus has it (an orphan's article may
    /// still be there with the passage gone).
    pub article: Option<usize>,
    /// Position in the corpus (document, section, passage), when resolved.
    pub order: Option<(u32, u32, u32)>,
}

/// The citation of `b`: from the corpus where it resolves (its section may have changed),
/// else from what the bookmark stored.
pub fn cite<'a>(corpus: &Corpus, b: &'a Bookmark, res: Resolution) -> Cited<'a> {
    if let Some(at) = res.at {
        let doc = &corpus.documents[at.doc as usize];
        Cited {
            bookmark: b,
            status: res.status,
            locality: super::locality_label(corpus, at).or_else(|| b.locality.clone()),
            title: doc.title.clone(),
            outlet: doc.outlet.clone(),
            date: doc.date.clone(),
            section: corpus.section_label(at.doc as usize, at.section as usize),
            doc_id: doc.id.clone(),
            article: Some(at.doc as usize),
            order: Some((at.doc, at.section, at.passage)),
        }
    } else {
        let article = corpus.documents.iter().position(|d| d.id == b.doc);
        Cited {
            bookmark: b,
            status: res.status,
            locality: b.locality.clone(),
            // Under the article's current title when the article is still there.
            title: article.map_or_else(|| b.title.clone(), |d| corpus.documents[d].title.clone()),
            outlet: b.outlet.clone(),
            date: b.date.clone(),
            section: b.section.clone(),
            doc_id: b.doc.clone(),
            article,
            order: None,
        }
    }
}

/// `2020-06-06T14:00` → `06/06/2020`, as Vietnamese reports write dates (the day: a
/// citation needs no time).
pub fn date_vi(iso: &str) -> String {
    let day = iso.split('T').next().unwrap_or(iso);
    let shown = crate::text::date::display_date(day);
    if shown == day { iso.to_string() } else { shown }
}

const NO_LOCALITY: &str = "Chưa rõ địa phương";

/// Report order: locality (folded, unknown last); then article, in corpus order (articles
/// no longer in the corpus last, by title); then position, orphaned bookmarks after the
/// resolved ones of their article, oldest first.
fn report_order(a: &Cited, b: &Cited) -> Ordering {
    let key = |c: &Cited| {
        (
            c.locality
                .as_deref()
                .map_or((1, String::new()), |l| (0, fold_str(l))),
            c.article.is_none(),
            c.article,
            c.title.clone(),
            c.doc_id.clone(),
            c.order.is_none(),
            c.order,
            c.bookmark.created.clone(),
        )
    };
    key(a).cmp(&key(b))
}

/// Markdown special characters in running text.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Title, outlet, day (dd/mm/yyyy) and section, as a report cites them; `md`: in
/// Markdown (the title in italics, special characters escaped).
fn citation_parts(c: &Cited, md: bool) -> String {
    let text = |s: &str| if md { md_escape(s) } else { s.to_string() };
    let mut parts = vec![if md {
        format!("*{}*", md_escape(&c.title))
    } else {
        c.title.clone()
    }];
    if let Some(o) = &c.outlet {
        parts.push(text(o));
    }
    if let Some(d) = &c.date {
        parts.push(date_vi(d));
    }
    if let Some(s) = &c.section {
        parts.push(format!("mục “{}”", text(s)));
    }
    parts.join(", ")
}

fn citation(c: &Cited) -> String {
    format!("— {}", citation_parts(c, true))
}

pub fn markdown(items: &[Cited]) -> String {
    let mut items: Vec<&Cited> = items.iter().collect();
    items.sort_by(|a, b| report_order(a, b));
    let localities = items
        .iter()
        .map(|c| c.locality.as_deref().unwrap_or(NO_LOCALITY))
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    // (Writing to a String cannot fail: the `fmt::Result`s below are ignored.)
    let mut out = String::from("# Trích dẫn đã đánh dấu\n\n");
    let _ = writeln!(
        out,
        "{} đoạn trích · {} địa phương · xuất từ nghiquyet",
        items.len(),
        localities
    );
    let mut locality: Option<&str> = None;
    let mut article: Option<(&str, &str)> = None;
    for c in items {
        let loc = c.locality.as_deref().unwrap_or(NO_LOCALITY);
        if locality != Some(loc) {
            let _ = writeln!(out, "\n## {}", md_escape(loc));
            locality = Some(loc);
            article = None;
        }
        let key = (c.doc_id.as_str(), c.title.as_str());
        if article != Some(key) {
            let _ = writeln!(out, "\n### {}", md_escape(&c.title));
            article = Some(key);
        }
        out.push('\n');
        // Every line of the quote stays inside the block quote.
        let quote: Vec<String> = c
            .bookmark
            .quote
            .text
            .lines()
            .map(|l| format!("> {}", md_escape(l.trim())))
            .collect();
        out.push_str(&quote.join("\n>\n"));
        out.push_str("\n\n");
        out.push_str(&citation(c));
        out.push('\n');
        if c.status == Status::Orphaned {
            out.push_str(
                "\n*(Không còn tìm thấy đoạn này trong kho dữ liệu hiện tại: trích theo bản đã lưu.)*\n",
            );
        }
        // A note typed on several lines keeps its lines (hard breaks), in one paragraph.
        let note: Vec<String> = c
            .bookmark
            .note
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(md_escape)
            .collect();
        if !note.is_empty() {
            let _ = writeln!(out, "\n**Ghi chú:** {}", note.join("  \n"));
        }
        if !c.bookmark.tags.is_empty() {
            let tags: Vec<String> = c.bookmark.tags.iter().map(|t| format!("`#{t}`")).collect();
            let _ = writeln!(out, "\n**Thẻ:** {}", tags.join(" "));
        }
    }
    // Whatever a hand-edited file or corpus holds, `cat` of the export cannot drive the
    // terminal.
    crate::text::safe::escape_text(&out).into_owned()
}

/// RFC 4180: a header row (`date` stays ISO so a spreadsheet sorts it; the last column,
/// `citation`, cites as the Markdown report does, the day as dd/mm/yyyy), CRLF line ends, fields quoted when needed; a UTF-8 BOM first so
/// spreadsheet programs read the Vietnamese as UTF-8.
/// A cell a spreadsheet would run as a formula (`=`, `+`, `@`, or `-` not followed by a
/// space, as in `-2+3`) gets a leading `'`, as OWASP advises; text is otherwise unchanged.
/// Controls and bidi overrides are shown escaped (`^[`), so `cat` of the file cannot drive
/// the terminal; line breaks inside a cell stay (the cell is quoted).
fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = s.chars();
    let risky = match chars.next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => !matches!(chars.next(), None | Some(' ')),
        _ => false,
    };
    let s = crate::text::safe::escape_text(s);
    if risky {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        s
    }
}

pub fn csv(items: &[Cited]) -> Result<Vec<u8>, ExportError> {
    let mut items: Vec<&Cited> = items.iter().collect();
    items.sort_by(|a, b| report_order(a, b));
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record([
        "id", "created", "locality", "title", "outlet", "date", "section", "quote", "note", "tags",
        "status", "doc", "passage", "citation",
    ])?;
    for c in items {
        let b = c.bookmark;
        let tags = b.tags_label();
        let cited = citation_parts(c, false);
        w.write_record(
            [
                b.id.as_str(),
                b.created.as_str(),
                c.locality.as_deref().unwrap_or(""),
                c.title.as_str(),
                c.outlet.as_deref().unwrap_or(""),
                c.date.as_deref().unwrap_or(""),
                c.section.as_deref().unwrap_or(""),
                b.quote.text.as_str(),
                b.note.as_str(),
                tags.as_str(),
                c.status.as_str(),
                b.doc.as_str(),
                b.passage.as_str(),
                cited.as_str(),
            ]
            .map(cell)
            .iter()
            .map(std::convert::AsRef::as_ref),
        )?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// The bookmarks as stored (the file format), in the stored order.
pub fn json(bookmarks: &[Bookmark]) -> Result<String, ExportError> {
    let mut s = crate::text::safe::json::to_string_pretty(&BookmarkFile::new(bookmarks.to_vec()))?;
    s.push('\n');
    Ok(s)
}

/// Export `bookmarks` resolved against `corpus` (the codebook gives the tags'
/// descriptions where a format has room for them).
pub fn render(
    corpus: &Corpus,
    bookmarks: &[Bookmark],
    codebook: &Codebook,
    format: Format,
) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Json => return Ok(json(bookmarks)?.into_bytes()),
        Format::Qdpx => return qdpx::render(corpus, bookmarks, codebook),
        Format::Codebook => {
            return Ok(self::codebook::markdown(corpus, bookmarks, codebook).into_bytes());
        }
        Format::Matrix(by) => {
            let anchorer = super::Anchorer::new(corpus);
            let at: Vec<_> = bookmarks.iter().map(|b| anchorer.resolve(b).at).collect();
            return Ok(super::matrix::csv(&super::matrix::matrix(
                corpus, bookmarks, &at, by,
            ))?);
        }
        Format::Md | Format::Csv => {}
    }
    let anchorer = super::Anchorer::new(corpus);
    let cited: Vec<Cited> = bookmarks
        .iter()
        .map(|b| cite(corpus, b, anchorer.resolve(b)))
        .collect();
    match format {
        Format::Md => Ok(markdown(&cited).into_bytes()),
        _ => csv(&cited),
    }
}

/// Write `bytes` to `path` atomically (see [`crate::files`]); an existing file is only
/// replaced with `force`, and never one that is not a regular file.
pub fn write_new(
    path: &Path,
    bytes: &[u8],
    force: bool,
) -> Result<PathBuf, crate::files::FileError> {
    let opts = crate::files::WriteOptions {
        // Exports are for sharing: the usual 0644.
        mode: 0o644,
        replace: if force {
            crate::files::Replace::Yes
        } else {
            crate::files::Replace::No
        },
    };
    crate::files::write_atomic(path, opts, |w| w.write_all(bytes))
}

/// The stored file's bytes for a JSON export: as they are, unless they hold raw controls or
/// bidi overrides, which are then written as `\uXXXX` (the same JSON, safe to print).
pub fn json_as_stored(raw: Vec<u8>) -> Vec<u8> {
    let printable = std::str::from_utf8(&raw).is_ok_and(|s| {
        !s.chars()
            .any(|c| crate::text::safe::is_unsafe(c) && !matches!(c, '\n' | '\r' | '\t'))
    });
    if printable {
        return raw;
    }
    match serde_json::from_slice::<serde_json::Value>(&raw) {
        Ok(v) => {
            let mut s = crate::text::safe::json::to_string_pretty(&v).unwrap_or_default();
            s.push('\n');
            s.into_bytes()
        }
        Err(_) => crate::text::safe::escape_text(&String::from_utf8_lossy(&raw))
            .into_owned()
            .into_bytes(),
    }
}

pub mod qdpx;

pub mod codebook;
#[cfg(test)]
mod dated;
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_vietnamese_order() {
        assert_eq!(date_vi("2020-06-06T14:00"), "06/06/2020");
        assert_eq!(date_vi("2020-06-06"), "06/06/2020");
        assert_eq!(date_vi("2020"), "2020");
    }

    #[test]
    fn csv_cells_that_look_like_formulas_are_defused() {
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("+84 912"), "'+84 912");
        assert_eq!(cell("@x"), "'@x");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("- gạch đầu dòng"), "- gạch đầu dòng");
        assert_eq!(cell("Nghị quyết"), "Nghị quyết");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn markdown_escapes_what_would_format() {
        assert_eq!(md_escape("a*b_c [d] #1"), "a\\*b\\_c \\[d\\] \\#1");
        assert_eq!(
            md_escape("Nghị quyết số 05-NQ/TU"),
            "Nghị quyết số 05-NQ/TU"
        );
    }
}
