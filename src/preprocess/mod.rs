//! Raw scraped article text → structured [`Document`]s and a [`Corpus`].
//!
//! Pure functions over text: the caller reads files. Steps: [`normalize`] (bytes → clean
//! lines), [`classify`] (a class per line), then [`build_document`] assembles metadata,
//! sections, passages with stable ids, the removed lines, and what the article is about.

pub mod classify;
pub mod duplicates;
mod end_sapo;
pub mod flat;
pub mod ids;
pub mod junk;
pub mod localities;
pub mod meta;
pub mod normalize;
mod repeated_lead;
pub mod shapes;
mod word_set;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

pub use classify::{Line, LineClass, LineReason};
pub use normalize::InputError;

use crate::corpus::{
    Corpus, Document, Locality, Passage, PassageKind, RemovalReason, Removed, Section, UnitRef,
};
use crate::gazetteer::Gazetteer;

/// One article as the preprocessor saw it: the document, every classified line, and the
/// decision on every locality it names.
#[derive(Debug, Clone)]
pub struct Article {
    pub document: Document,
    pub lines: Vec<Line>,
    pub localities: localities::Decisions,
}

/// Classify the lines of a raw article (what `nghiquyet inspect` shows).
pub fn classify_bytes(bytes: &[u8], gaz: &Gazetteer) -> Result<Vec<Line>, InputError> {
    let text = normalize::decode(bytes)?;
    let mut lines = classify::classify(normalize::normalize(text), gaz);
    flat::split_flattened(&mut lines);
    Ok(lines)
}

/// The `.txt` files under `dir` (any case of the extension), recursively, sorted by path,
/// and the entries that could not be read. Symbolic links are followed, to files and to
/// directories; a link back to a directory the walk is in is an error (a loop), not
/// followed, so a loop cannot hang a build. A dangling link is an error too.
pub fn txt_files(dir: &Path) -> (Vec<PathBuf>, Vec<walkdir::Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        match entry {
            Ok(e)
                if e.file_type().is_file()
                    && e.path()
                        .extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("txt")) =>
            {
                files.push(e.into_path());
            }
            Ok(_) => {}
            Err(e) => errors.push(e),
        }
    }
    (files, errors)
}

/// Strip a bullet marker that opens a heading or a section-opening paragraph.
fn strip_marker(t: &str) -> &str {
    match t.strip_prefix(['*', '•', '▪', '●', '■', '♦']) {
        Some(rest) if !rest.trim().is_empty() => rest.trim_start(),
        _ => t,
    }
}

/// Preprocess one raw article. `id` is the file stem, `source` the path shown to users.
pub fn build_document(
    id: &str,
    source: &str,
    bytes: &[u8],
    gaz: &Gazetteer,
) -> Result<Article, InputError> {
    let mut classified = classify_bytes(bytes, gaz)?;
    // A flattened body line counts as one line per piece.
    let lines = flat::expand(&classified);
    let mut doc = Document::new(id, source);
    let mut copyright_outlet = None;
    let mut tag_outlet = None;
    // "Mạnh Tú/TTXVN": the outlet a byline names, used when nothing better says it.
    let mut byline_outlet = None;
    let mut credits = Vec::new();
    let mut ids = ids::IdAllocator::default();
    // Where each section starts and whether a "* Tại <place>" paragraph opened it.
    let mut openers: Vec<Option<usize>> = Vec::new();

    let new_section = |sections: &mut Vec<Section>, heading: Option<String>| {
        sections.push(Section {
            heading,
            locality: None,
            passages: Vec::new(),
        });
    };

    for (i, line) in lines.iter().enumerate() {
        let t = line.text.as_str();
        match line.class {
            LineClass::Blank => {}
            LineClass::Junk => {
                if copyright_outlet.is_none() {
                    copyright_outlet = meta::copyright_outlet(t);
                }
                let reason = match &line.reason {
                    Some(LineReason::Removed(r)) => r.clone(),
                    // `classify` gives every junk line its reason; this is only a default.
                    _ => RemovalReason::Other("junk".into()),
                };
                doc.removed.push(Removed {
                    line: line.number,
                    text: t.to_string(),
                    reason,
                });
            }
            LineClass::Title => {
                if doc.title.is_empty() {
                    doc.title = t.trim_end_matches(':').trim_end().to_string();
                } else {
                    doc.subtitle.get_or_insert_with(|| t.to_string());
                }
            }
            LineClass::Subtitle => {
                doc.subtitle.get_or_insert_with(|| t.to_string());
            }
            LineClass::Category => {
                let is_place = line.reason == Some(LineReason::LocalityTag);
                let category = match line.reason {
                    Some(LineReason::Breadcrumb) => shapes::breadcrumb_category(t).unwrap_or(t),
                    _ => t,
                };
                if !is_place && doc.category.is_none() {
                    doc.category = Some(category.to_string());
                }
                doc.tags.push(t.to_string());
            }
            LineClass::Dateline => {
                // "Ngọc Mai | 12/05/2022 09:15", "Chính trị | Thứ Năm, 12/05/2022": pieces
                // after `|` are the author or the category.
                let (date, pieces) = match meta::split_dateline(t) {
                    Some((date, pieces)) => (Some(date), pieces),
                    None => (meta::parse_date(t), Vec::new()),
                };
                if doc.date.is_none() && date.is_some() {
                    doc.date = date;
                }
                for piece in pieces {
                    if let Some(b) = meta::parse_byline(&piece) {
                        // "PV | 12/05/2022": a staff signature names no author.
                        if doc.author.is_none() && !b.staff {
                            doc.author = Some(b.author);
                            doc.author_role = b.role;
                            doc.byline = Some(piece);
                        }
                    } else if doc.category.is_none()
                        && piece.split_whitespace().count() <= 4
                        && piece.chars().next().is_some_and(char::is_uppercase)
                        && !junk::is_counter(&piece)
                        && junk::chrome_phrase(&piece).is_none()
                    {
                        doc.category = Some(piece);
                    }
                }
                // The first dateline is the dateline; a second one is kept with the tags.
                if doc.dateline.is_none() {
                    doc.dateline = Some(t.to_string());
                } else {
                    doc.tags.push(t.to_string());
                }
            }
            LineClass::Byline => {
                if line.joined_to.is_some() {
                    continue; // its text is in the signature's first line
                }
                // "Đỗ Thu Thoan" / "(t/h)" on two lines is one signature.
                let full = with_joined(&lines, i);
                let t = full.as_str();
                // Parsed once for both the outlet and the author (it is the costly part).
                let parsed = meta::parse_byline(t);
                // A header byline wins over a closing one; keep the first.
                if byline_outlet.is_none() && parsed.is_some() {
                    byline_outlet = meta::parsed_byline_outlet(t);
                }
                // A staff signature ("PV", "Nhóm phóng viên") names nobody: a credit only.
                if doc.author.is_none()
                    && let Some(b) = parsed.filter(|b| !b.staff)
                {
                    doc.author = Some(b.author);
                    doc.author_role = b.role;
                    doc.byline = Some(t.to_string());
                } else {
                    credits.push(t.to_string());
                }
            }
            LineClass::OutletTag => {
                if line.joined_to.is_some() {
                    continue; // its text is in the credit's first line
                }
                // "Theo" / "Hoàng Đan (Soha.vn)" on two lines is one credit.
                let full = with_joined(&lines, i);
                let t = full.as_str();
                // "St", "Tổng hợp": compiled from several sources, no outlet.
                if tag_outlet.is_none() {
                    tag_outlet = meta::outlet_line(t).filter(|o| !meta::is_compiled_marker(o));
                }
                // "Theo Thân Hoàng/Tuổi Trẻ": the credit names the writer too.
                if doc.author.is_none()
                    && let Some(author) = meta::credit_author(t)
                {
                    doc.author = Some(author);
                    doc.byline = Some(t.to_string());
                } else {
                    credits.push(t.to_string());
                }
            }
            LineClass::Heading => {
                new_section(&mut doc.sections, Some(strip_marker(t).to_string()));
                openers.push(None);
            }
            LineClass::Lead | LineClass::Paragraph | LineClass::ListItem | LineClass::Caption => {
                if line.joined_to.is_some() {
                    continue; // its text is in the caption's first line
                }
                // Captions and sentences broken over several lines are one passage.
                let mut text = t.to_string();
                for next in &lines[i + 1..] {
                    if next.joined_to == Some(i) {
                        text.push(' ');
                        text.push_str(&next.text);
                    }
                }
                let kind = match line.class {
                    LineClass::Lead => PassageKind::Lead,
                    LineClass::ListItem => PassageKind::ListItem,
                    LineClass::Caption => PassageKind::Caption,
                    _ => PassageKind::Paragraph,
                };
                // "* Tại thành phố X, …": a new block of the article, about that place.
                let starred = matches!(kind, PassageKind::Paragraph | PassageKind::Lead)
                    && strip_marker(&text).len() != text.len();
                if starred {
                    text = strip_marker(&text).to_string();
                    let current_empty = doc.sections.last().is_none_or(|s| s.passages.is_empty());
                    if !current_empty {
                        new_section(&mut doc.sections, None);
                        openers.push(Some(0));
                    } else if let Some(o) = openers.last_mut() {
                        *o = Some(0);
                    } else {
                        // The first section: pushed here, so that `openers` stays one per
                        // section (pushed below, it would get a second entry).
                        new_section(&mut doc.sections, None);
                        openers.push(Some(0));
                    }
                }
                if matches!(kind, PassageKind::Paragraph | PassageKind::Lead)
                    && tag_outlet.is_none()
                    && doc.passage_count() < 3
                    && let Some((tag, _)) = meta::outlet_tag(&text)
                {
                    tag_outlet = Some(tag);
                }
                if doc.sections.is_empty() {
                    new_section(&mut doc.sections, None);
                    openers.push(None);
                }
                let Some(section) = doc.sections.last_mut() else {
                    unreachable!("a section was pushed above")
                };
                section.passages.push(Passage {
                    id: ids.next(&text),
                    kind,
                    text,
                    line: line.number,
                });
            }
        }
    }
    if doc.sections.is_empty() {
        new_section(&mut doc.sections, None);
        openers.push(None);
    }
    // The copy comes after the closing byline or credit line.
    let credits_end = lines
        .iter()
        .filter(|l| matches!(l.class, LineClass::Byline | LineClass::OutletTag))
        .map(|l| l.number)
        .max();
    if let Some(after) = credits_end {
        repeated_lead::drop_repeated_lead(&mut doc, after);
    }
    let sapo = end_sapo::line(&lines).filter(|&n| end_sapo::lift(&mut doc, &mut openers, n));
    drop(lines);
    if let Some(n) = sapo {
        end_sapo::mark(&mut classified, n);
        // The outlet's tag opens the sapo ("(Baonghean) - Thời điểm …"), which the loop
        // above met last, after the passages it looks at for one.
        if tag_outlet.is_none()
            && let Some((tag, _)) = doc
                .passages()
                .next()
                .and_then(|p| meta::outlet_tag(&p.text))
        {
            tag_outlet = Some(tag);
        }
    }
    doc.outlet = copyright_outlet.or(tag_outlet).or(byline_outlet);
    doc.credits = credits;
    let starred: Vec<bool> = openers.iter().map(Option::is_some).collect();
    let decisions = localities::assign(&mut doc, &starred, gaz);
    Ok(Article {
        document: doc,
        lines: classified,
        localities: decisions,
    })
}

/// The text of credit line `i` with the lines joined to it.
fn with_joined(lines: &[classify::Line], i: usize) -> String {
    let mut full = lines[i].text.clone();
    for next in lines[i + 1..].iter().filter(|l| l.joined_to == Some(i)) {
        full.push(' ');
        full.push_str(&next.text);
    }
    full
}

/// The corpus-level locality list: every locality some document or section is about.
pub fn corpus_from_documents(mut documents: Vec<Document>, gaz: &Gazetteer) -> Corpus {
    // Ids are file stems; two inputs with the same stem get a suffix so bookmarks stay unique.
    // A suffixed id never takes a stem another input has (`a`, `a`, `a-2` → `a`, `a-3`, `a-2`).
    let stems: std::collections::HashSet<String> = documents.iter().map(|d| d.id.clone()).collect();
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut next: HashMap<String, usize> = HashMap::new();
    for d in &mut documents {
        if taken.insert(d.id.clone()) {
            continue;
        }
        let n = next.entry(d.id.clone()).or_insert(1);
        let id = loop {
            *n += 1;
            let candidate = format!("{}-{}", d.id, n);
            if !stems.contains(&candidate) && !taken.contains(&candidate) {
                break candidate;
            }
        };
        taken.insert(id.clone());
        d.id = id;
    }
    duplicates::mark(&mut documents);
    let mut about: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in &documents {
        for l in &d.localities {
            let docs = about.entry(l.clone()).or_default();
            if docs.last() != Some(&d.id) {
                docs.push(d.id.clone());
            }
        }
        for s in &d.sections {
            if let Some(l) = &s.locality {
                about.entry(l.clone()).or_default();
            }
        }
    }
    let mut localities: Vec<Locality> = about
        .into_iter()
        .filter_map(|(id, documents)| {
            let u = gaz.by_id(&id)?;
            let unit = gaz.unit(u);
            Some(Locality {
                id,
                name: unit.name.clone(),
                kind: unit.kind.clone(),
                province: gaz.province_name(u).to_string(),
                province_2025: gaz.province_2025_name(u).to_string(),
                documents,
                district: unit.district.map(|d| {
                    let d = gaz.unit(d);
                    UnitRef {
                        id: d.id.clone(),
                        name: d.name.clone(),
                        kind: d.kind.clone(),
                    }
                }),
                communes_2025: gaz
                    .communes_2025(u)
                    .map(|c| UnitRef {
                        id: c.id.clone(),
                        name: c.name.clone(),
                        kind: c.kind.clone(),
                    })
                    .collect(),
            })
        })
        .collect();
    localities.sort_by(|a, b| (&a.province, &a.name, &a.id).cmp(&(&b.province, &b.name, &b.id)));
    Corpus {
        documents,
        localities,
        ..Corpus::default()
    }
}
