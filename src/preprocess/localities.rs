//! What an article (and each of its sections) is about, as opposed to places named in
//! passing. The whole document is scanned once; each mention is weighed by where it stands:
//! the title and locality tags say what the page is about, a `* Tại <place>` opener says
//! what a section is about, a name deep in a paragraph or a caption says little. Some
//! mentions say less than their place suggests:
//!
//! * the parent in brackets (`TP Hạ Long (tỉnh Quảng Ninh)`) is context, not a subject;
//! * a publisher's city in a reference (`Nxb …, Hà Nội`) is no place of the article;
//! * a name inside a company or club name, or a style or origin (`kiến trúc Hà Nội`), is
//!   mentioned at most;
//! * a bare name that is also a personal name (`Xuân Trường`) needs its type or its province
//!   somewhere in the article;
//! * a commune needs its district or province somewhere in the article (one of that name may
//!   have been merged or renamed since the gazetteer's snapshot);
//! * a place named in one section of several, and nowhere in the title, tags or lead, is a
//!   venue or an aside.
//!
//! Commune names still shared by several units are settled by the provinces the article is
//! about, and the decisions made again.

mod decision;

use std::collections::HashMap;

pub use decision::{Decision, Decisions, Place, Shared, Verdict, Why};

use crate::corpus::{Document, PassageKind};
use crate::gazetteer::{Cue, Gazetteer, Level, Settled, TextScan, UnitId};

/// A locality needs at least this score, and this share of the top score, to be a subject.
const MIN_SCORE: f32 = 2.5;
const MIN_SHARE: f32 = 0.25;
/// An article with at least this many sections has sections a venue can hide in: a place
/// named at most [`VENUE_MENTIONS`] times, all in one of them, is an aside.
const MANY_SECTIONS: usize = 3;
const VENUE_MENTIONS: usize = 2;
/// A district or commune named at least this often, once with its type, draws on the
/// mentions of the district and province around it that the article names too: "huyện Cần
/// Giờ" twice and "Công an TP.HCM" once place the story in Cần Giờ, where neither alone says
/// much. It lifts a unit to [`MIN_SCORE`] only, not past a dominant place's share, and not
/// when an outer place is a subject on its own.
const NESTED_MENTIONS: usize = 2;

/// A piece of the document text that was scanned: its byte range, where it stands, and its
/// section.
struct Piece {
    start: usize,
    place: Place,
    section: Option<usize>,
}

/// Words that open a section about a place: "Tại TP Hạ Long, …", "Ở huyện X, …".
/// Returns their length in bytes.
fn opener_len(text: &str) -> Option<usize> {
    let head: String = text.chars().take(8).collect::<String>().to_lowercase();
    // Lowercasing these letters keeps their UTF-8 length, so the lengths carry over.
    ["tại ", "ở ", "còn tại ", "còn ở "]
        .into_iter()
        .find(|w| head.starts_with(w))
        .map(str::len)
}

/// The document as one text (pieces separated by line breaks, which no name crosses), the
/// pieces, and for each section opened by `Tại …` the byte offset its place must start by.
fn document_text(doc: &Document, starred: &[bool]) -> (String, Vec<Piece>, Vec<Option<usize>>) {
    let mut all = String::new();
    let mut pieces = Vec::new();
    let mut push = |all: &mut String, text: &str, place: Place, section: Option<usize>| {
        pieces.push(Piece {
            start: all.len(),
            place,
            section,
        });
        all.push_str(text);
        all.push('\n');
    };
    push(&mut all, &doc.title, Place::Title, None);
    if let Some(s) = &doc.subtitle {
        push(&mut all, s, Place::Subtitle, None);
    }
    for t in &doc.tags {
        push(&mut all, t, Place::Tag, None);
    }
    if let Some(r) = &doc.author_role {
        push(&mut all, r, Place::Role, None);
    }
    let mut openers = vec![None; doc.sections.len()];
    // A sapo printed last and read first (see `end_sapo`) sums the story up; the first body
    // paragraph is still the news lede, where the place is named: it weighs as a lead too.
    let mut passages = doc.sections.iter().flat_map(|s| s.passages.iter());
    let lede = match (
        passages.next(),
        passages.find(|p| p.kind != PassageKind::Caption),
    ) {
        (Some(sapo), Some(first)) if sapo.kind == PassageKind::Lead && sapo.line > first.line => {
            Some(first.line)
        }
        _ => None,
    };
    for (si, section) in doc.sections.iter().enumerate() {
        if let Some(h) = &section.heading {
            push(&mut all, h, Place::Heading, Some(si));
        }
        let starred = starred.get(si).copied().unwrap_or(false);
        for (pi, p) in section.passages.iter().enumerate() {
            let mut place = match p.kind {
                PassageKind::Lead => Place::Lead,
                _ if lede == Some(p.line) => Place::Lead,
                PassageKind::Caption => Place::Caption,
                _ => Place::Body,
            };
            if pi == 0 && starred {
                match opener_len(&p.text) {
                    // The first place right after "Tại" is the section's subject.
                    Some(skip) => openers[si] = Some(all.len() + skip + 1),
                    None if place.weight() < Place::Lead.weight() => place = Place::Lead,
                    None => {}
                }
            }
            push(&mut all, &p.text, place, Some(si));
        }
    }
    (all, pieces, openers)
}

/// What the mentions of one unit add up to.
#[derive(Default)]
struct Evidence {
    /// Mentions that count.
    score: f32,
    /// Mentions that count only when something else in the article places the unit: inside
    /// a company or club name, or a bare personal name.
    doubtful: f32,
    doubtful_cue: Option<Cue>,
    /// Mentions that never count towards "about": a style or an origin.
    weak: f32,
    first: usize,
    places: Vec<(Place, usize)>,
    prefixed: usize,
    bracket: usize,
    publisher: usize,
    /// Mentions in `score` and `doubtful`.
    counted: usize,
    /// Mentions in `score`.
    plain: usize,
    head: bool,
    sections: Vec<usize>,
    settled: Option<Settled>,
}

impl Evidence {
    fn place(&mut self, place: Place) {
        match self.places.iter_mut().find(|(p, _)| *p == place) {
            Some((_, n)) => *n += 1,
            None => self.places.push((place, 1)),
        }
    }
}

/// The scores of one pass over the scan.
struct Tally {
    evidence: HashMap<UnitId, Evidence>,
    /// Per section, the counted score of each unit.
    sections: Vec<HashMap<UnitId, f32>>,
    /// Per section, the unit a `Tại …` opener names.
    explicit: Vec<Option<UnitId>>,
}

fn tally(scan: &TextScan, pieces: &[Piece], openers: &[Option<usize>]) -> Tally {
    let mut t = Tally {
        evidence: HashMap::new(),
        sections: vec![HashMap::new(); openers.len()],
        explicit: vec![None; openers.len()],
    };
    for (order, m) in scan.mentions.iter().enumerate() {
        let k = pieces
            .partition_point(|p| p.start <= m.start)
            .saturating_sub(1);
        let piece = &pieces[k];
        let ev = t.evidence.entry(m.unit).or_insert_with(|| Evidence {
            first: order,
            ..Evidence::default()
        });
        if m.bracket_parent {
            ev.bracket += 1;
            continue;
        }
        if m.cue == Some(Cue::Publisher) {
            ev.publisher += 1;
            continue;
        }
        let mut place = piece.place;
        if let Some(si) = piece.section
            && t.explicit[si].is_none()
            && openers[si].is_some_and(|limit| m.start <= limit && m.start >= piece.start)
        {
            t.explicit[si] = Some(m.unit);
            place = Place::Opener;
        }
        ev.place(place);
        if m.cue == Some(Cue::Attribute) {
            ev.weak += place.weight();
            continue;
        }
        // An opener's place counts as an opener and as the passage it stands in.
        let weight = if place == Place::Opener {
            Place::Opener.weight() + piece.place.weight()
        } else {
            place.weight()
        };
        if let Some(c @ (Cue::Organisation | Cue::PersonLike)) = m.cue {
            ev.doubtful += weight;
            ev.doubtful_cue = Some(c);
        } else {
            ev.score += weight;
            ev.plain += 1;
        }
        ev.counted += 1;
        ev.settled.get_or_insert(m.settled);
        ev.prefixed += usize::from(m.prefixed);
        ev.head |= place.is_head();
        if let Some(si) = piece.section {
            if !ev.sections.contains(&si) {
                ev.sections.push(si);
            }
            *t.sections[si].entry(m.unit).or_insert(0.0) += weight;
        }
    }
    t
}

/// Decide every unit of the tally: about, mentioned, context or not a place.
fn decide(gaz: &Gazetteer, t: &Tally, sections: usize) -> Vec<Decision> {
    let named: Vec<UnitId> = t.evidence.keys().copied().collect();
    // Is a place in this district or province named besides `unit` (or the outer unit
    // itself)?
    let district_named = |unit: UnitId, d: UnitId| {
        named
            .iter()
            .any(|&o| o == d || (o != unit && gaz.unit(o).district == Some(d)))
    };
    let province_named = |unit: UnitId, p: UnitId| {
        named
            .iter()
            .any(|&o| o != unit && gaz.unit(o).province == p)
    };
    // Doubtful mentions count when a plain or typed mention, or another place of the same
    // province, places the unit.
    let corroborated: HashMap<UnitId, bool> = t
        .evidence
        .iter()
        .map(|(&unit, ev)| {
            let ok =
                ev.plain > 0 || ev.prefixed > 0 || province_named(unit, gaz.unit(unit).province);
            (unit, ok)
        })
        .collect();
    let score = |unit: UnitId| {
        t.evidence.get(&unit).map_or(0.0, |ev| {
            ev.score
                + if corroborated[&unit] {
                    ev.doubtful
                } else {
                    0.0
                }
        })
    };
    let top = t.evidence.keys().map(|&u| score(u)).fold(0.0, f32::max);
    let threshold = MIN_SCORE.max(MIN_SHARE * top);
    // The plain score of the district and province around `unit` that the article names.
    let support = |unit: UnitId, ev: &Evidence| {
        let u = gaz.unit(unit);
        if u.level == Level::Province || ev.plain < NESTED_MENTIONS || ev.prefixed == 0 {
            return 0.0;
        }
        let outer: Vec<UnitId> = u
            .district
            .into_iter()
            .chain([u.province])
            .filter(|&o| o != unit)
            .collect();
        // An outer place that is a subject on its own stays the subject: the district is
        // then one of its places ("TP Hạ Long" twice in a story about Quảng Ninh).
        if outer.iter().any(|&o| score(o) >= threshold) {
            return 0.0;
        }
        outer
            .iter()
            .filter_map(|o| t.evidence.get(o))
            .map(|o| o.score)
            .sum::<f32>()
    };
    let mut out: Vec<Decision> = t
        .evidence
        .iter()
        .map(|(&unit, ev)| {
            let u = gaz.unit(unit);
            let explicit = t.explicit.contains(&Some(unit));
            let confirmed = u.level != Level::Commune
                || ev.settled.is_some_and(|s| s != Settled::Unique)
                || u.district.is_some_and(|d| district_named(unit, d))
                || province_named(unit, u.province);
            let counted = score(unit);
            let weak = ev.weak
                + if corroborated[&unit] {
                    0.0
                } else {
                    ev.doubtful
                };
            let (verdict, why) = if counted == 0.0 && weak == 0.0 {
                if ev.bracket > 0 {
                    (Verdict::Context, Why::BracketParent)
                } else {
                    (Verdict::NotAPlace, Why::Cue(Cue::Publisher))
                }
            } else if counted == 0.0 {
                let why = match ev.doubtful_cue {
                    Some(Cue::PersonLike) => Why::PersonLike,
                    Some(c) if ev.doubtful > 0.0 => Why::Cue(c),
                    _ => Why::Cue(Cue::Attribute),
                };
                (Verdict::Mentioned, why)
            } else if !confirmed {
                (Verdict::Mentioned, Why::Unconfirmed)
            } else if explicit {
                (Verdict::About, Why::Opener)
            } else if counted < threshold
                && counted >= MIN_SHARE * top
                && counted + support(unit, ev) >= threshold
            {
                (Verdict::About, Why::Nested { threshold })
            } else if counted < threshold {
                (Verdict::Mentioned, Why::BelowThreshold { threshold })
            } else if !ev.head
                && ev.sections.len() == 1
                && ev.counted <= VENUE_MENTIONS
                && sections >= MANY_SECTIONS
            {
                (Verdict::Mentioned, Why::OneSection)
            } else {
                (Verdict::About, Why::Score { threshold })
            };
            Decision {
                unit,
                verdict,
                why,
                score: counted,
                weak,
                places: ev.places.clone(),
                prefixed: ev.prefixed,
                settled: ev.settled.unwrap_or(Settled::Unique),
            }
        })
        .collect();
    address(gaz, &mut out);
    // A province or district is context when the article is about a place inside it and
    // does not name the outer one much more often: districts first (a commune named as
    // often), then provinces (a district or commune named more than half as often).
    for level in [Level::District, Level::Province] {
        let about: Vec<UnitId> = out
            .iter()
            .filter(|d| d.verdict == Verdict::About)
            .map(|d| d.unit)
            .collect();
        for d in &mut out {
            if d.verdict != Verdict::About || d.why == Why::Opener {
                continue;
            }
            if gaz.unit(d.unit).level != level {
                continue;
            }
            let inner = about.iter().copied().find(|&c| {
                c != d.unit
                    && match level {
                        Level::Province => {
                            gaz.unit(c).province == d.unit && d.score < 2.0 * score(c)
                        }
                        _ => gaz.unit(c).district == Some(d.unit) && d.score <= score(c),
                    }
            });
            if let Some(c) = inner {
                d.verdict = Verdict::Mentioned;
                d.why = Why::ParentOf(c);
            }
        }
    }
    out.sort_by_key(|d| t.evidence[&d.unit].first);
    out
}

/// The one commune an article names, with its district, in the province it is about, and
/// no other place is about: the address where the story stands ("nằm ở xã An Ninh Đông,
/// huyện Tuy An, tỉnh Phú Yên"), the most specific place the text supports.
fn address(gaz: &Gazetteer, out: &mut [Decision]) {
    let mut communes = out
        .iter()
        .enumerate()
        .filter(|(_, d)| gaz.unit(d.unit).level == Level::Commune && d.score > 0.0);
    let (Some((k, d)), None) = (communes.next(), communes.next()) else {
        return;
    };
    let u = gaz.unit(d.unit);
    let Some(district) = u.district else {
        return;
    };
    if d.verdict != Verdict::Mentioned || !matches!(d.why, Why::BelowThreshold { .. }) {
        return;
    }
    let about = |unit: UnitId| {
        out.iter()
            .any(|o| o.unit == unit && o.verdict == Verdict::About)
    };
    let district_named = out.iter().any(|o| o.unit == district && o.score > 0.0);
    let others = out
        .iter()
        .any(|o| o.verdict == Verdict::About && o.unit != u.province && o.unit != district);
    // Only when the province is the article's one subject: a district already about has
    // its own places ("các phường Phú Bài, Thủy Dương" in a story about thị xã Hương Thủy).
    if about(u.province) && !about(district) && district_named && !others {
        out[k].verdict = Verdict::About;
        out[k].why = Why::Address;
    }
}

/// Fill `doc.localities`, `doc.mentioned` and each section's `locality`, and say why.
/// `starred[i]` tells whether section `i` was opened by a `* …` paragraph.
pub fn assign(doc: &mut Document, starred: &[bool], gaz: &Gazetteer) -> Decisions {
    let (all, pieces, openers) = document_text(doc, starred);
    let mut scan = gaz.scan_text(&all);
    let mut t = tally(&scan, &pieces, &openers);
    let mut decisions = decide(gaz, &t, doc.sections.len());
    if !scan.unresolved.is_empty() {
        // Names still shared: the provinces the article is about may settle them.
        let provinces: Vec<UnitId> = decisions
            .iter()
            .filter(|d| d.verdict == Verdict::About)
            .map(|d| gaz.unit(d.unit).province)
            .collect();
        let before = scan.unresolved.len();
        gaz.settle_in_provinces(&mut scan, &provinces);
        if scan.unresolved.len() < before {
            t = tally(&scan, &pieces, &openers);
            decisions = decide(gaz, &t, doc.sections.len());
        }
    }
    let about: Vec<UnitId> = decisions
        .iter()
        .filter(|d| d.verdict == Verdict::About)
        .map(|d| d.unit)
        .collect();

    // Sections name their own subject when the article covers several places.
    for (si, section) in doc.sections.iter_mut().enumerate() {
        let unit = t.explicit[si].filter(|u| about.contains(u)).or_else(|| {
            if about.len() < 2 {
                return None;
            }
            let sec = &t.sections[si];
            let get = |u: UnitId| sec.get(&u).copied().unwrap_or(0.0);
            let mut ranked: Vec<(UnitId, f32)> = about.iter().map(|&u| (u, get(u))).collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
            let (best, s1) = ranked[0];
            let s2 = ranked.get(1).map_or(0.0, |r| r.1);
            (s1 >= 2.0 && s1 > s2).then_some(best)
        });
        section.locality = unit.map(|u| gaz.unit(u).id.clone());
    }

    let mut mentioned: Vec<(UnitId, f32)> = decisions
        .iter()
        .filter(|d| d.verdict == Verdict::Mentioned)
        .map(|d| (d.unit, d.score + d.weak))
        .collect();
    mentioned.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    doc.localities = about.iter().map(|&u| gaz.unit(u).id.clone()).collect();
    doc.mentioned = mentioned
        .into_iter()
        .map(|(u, _)| gaz.unit(u).id.clone())
        .collect();
    Decisions {
        shared: scan
            .unresolved
            .iter()
            .map(|u| Shared {
                text: all[u.start..u.end].to_string(),
                candidates: u.candidates.len(),
            })
            .collect(),
        localities: decisions,
    }
}

#[cfg(test)]
mod tests;
