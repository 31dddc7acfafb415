//! What an article (and each of its sections) is about, as opposed to places named in
//! passing. Mentions are weighed by where they stand: the title and locality tags say what
//! the page is about, a `* Tại <place>` opener says what a section is about, a name deep in a
//! paragraph or a caption says little. Places named only as the parent in brackets
//! ("TP Hạ Long (tỉnh Quảng Ninh)") count as context, not as a subject.

use std::collections::HashMap;

use crate::corpus::{Document, PassageKind};
use crate::gazetteer::{Gazetteer, Level, UnitId};

const W_TITLE: f32 = 6.0;
const W_TAG: f32 = 5.0;
const W_SUBTITLE: f32 = 4.0;
const W_OPENER: f32 = 4.0;
const W_LEAD: f32 = 2.0;
const W_HEADING: f32 = 2.0;
const W_ROLE: f32 = 2.0;
const W_BODY: f32 = 1.0;
const W_CAPTION: f32 = 0.5;

/// A locality needs at least this score, and this share of the top score, to be a subject.
const MIN_SCORE: f32 = 2.5;
const MIN_SHARE: f32 = 0.25;

#[derive(Default)]
struct Scores {
    score: HashMap<UnitId, f32>,
    first_seen: HashMap<UnitId, usize>,
}

impl Scores {
    fn add(&mut self, unit: UnitId, weight: f32, order: usize) {
        *self.score.entry(unit).or_insert(0.0) += weight;
        self.first_seen.entry(unit).or_insert(order);
    }

    fn get(&self, unit: UnitId) -> f32 {
        self.score.get(&unit).copied().unwrap_or(0.0)
    }

    fn top(&self) -> f32 {
        self.score.values().copied().fold(0.0, f32::max)
    }
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

/// Fill `doc.localities`, `doc.mentioned` and each section's `locality`. `starred[i]` tells
/// whether section `i` was opened by a `* …` paragraph.
pub fn assign(doc: &mut Document, starred: &[bool], gaz: &Gazetteer) {
    let mut all = String::new();
    for t in [
        Some(&doc.title),
        doc.subtitle.as_ref(),
        doc.author_role.as_ref(),
    ]
    .into_iter()
    .flatten()
    .chain(doc.tags.iter())
    {
        all.push_str(t);
        all.push('\n');
    }
    for s in &doc.sections {
        if let Some(h) = &s.heading {
            all.push_str(h);
            all.push('\n');
        }
        for p in &s.passages {
            all.push_str(&p.text);
            all.push('\n');
        }
    }
    // The units named anywhere (and their provinces): "Kỳ Anh:" in a title is the thị xã
    // when the body says "thị xã Kỳ Anh".
    let mut context: Vec<UnitId> = gaz
        .find_mentions(&all, &[])
        .iter()
        .flat_map(|m| [m.unit, gaz.unit(m.unit).province])
        .collect();
    context.sort_unstable();
    context.dedup();

    let mut order = 0usize;
    let mut doc_scores = Scores::default();
    let add_text = |scores: &mut Scores, text: &str, weight: f32, order: &mut usize| {
        for m in gaz.find_mentions(text, &context) {
            *order += 1;
            if !m.bracket_parent {
                scores.add(m.unit, weight, *order);
            }
        }
    };
    add_text(&mut doc_scores, &doc.title.clone(), W_TITLE, &mut order);
    if let Some(s) = doc.subtitle.clone() {
        add_text(&mut doc_scores, &s, W_SUBTITLE, &mut order);
    }
    for t in doc.tags.clone() {
        add_text(&mut doc_scores, &t, W_TAG, &mut order);
    }
    if let Some(r) = doc.author_role.clone() {
        add_text(&mut doc_scores, &r, W_ROLE, &mut order);
    }

    let mut section_scores: Vec<Scores> = Vec::with_capacity(doc.sections.len());
    let mut explicit: Vec<Option<UnitId>> = vec![None; doc.sections.len()];
    for (si, section) in doc.sections.iter().enumerate() {
        let mut sec = Scores::default();
        if let Some(h) = &section.heading {
            add_text(&mut sec, h, W_HEADING, &mut order);
        }
        for (pi, p) in section.passages.iter().enumerate() {
            let mut weight = match p.kind {
                PassageKind::Lead => W_LEAD,
                PassageKind::Caption => W_CAPTION,
                _ => W_BODY,
            };
            if pi == 0
                && starred.get(si).copied().unwrap_or(false)
                && let Some(skip) = opener_len(&p.text)
            {
                // The first place right after "Tại" is the section's subject.
                let found = gaz
                    .find_mentions(&p.text, &context)
                    .into_iter()
                    .find(|m| !m.bracket_parent && m.start <= skip + 1);
                if let Some(m) = found {
                    explicit[si] = Some(m.unit);
                    order += 1;
                    sec.add(m.unit, W_OPENER, order);
                }
            } else if pi == 0 && starred.get(si).copied().unwrap_or(false) {
                weight = weight.max(W_LEAD);
            }
            add_text(&mut sec, &p.text, weight, &mut order);
        }
        for (&u, &s) in &sec.score {
            doc_scores.add(u, s, sec.first_seen[&u]);
        }
        section_scores.push(sec);
    }

    let top = doc_scores.top();
    let threshold = MIN_SCORE.max(MIN_SHARE * top);
    let mut about: Vec<UnitId> = doc_scores
        .score
        .iter()
        .filter(|&(_, &s)| s >= threshold)
        .map(|(&u, _)| u)
        .collect();
    for u in explicit.iter().flatten() {
        if !about.contains(u) {
            about.push(*u);
        }
    }
    // A province is context when the article is about one of its districts or towns and
    // the province itself is not named much more often.
    let about_snapshot = about.clone();
    about.retain(|&p| {
        gaz.unit(p).level != Level::Province
            || !about_snapshot.iter().any(|&d| {
                d != p && gaz.unit(d).province == p && doc_scores.get(p) < 2.0 * doc_scores.get(d)
            })
    });
    about.sort_by_key(|u| doc_scores.first_seen.get(u).copied().unwrap_or(usize::MAX));

    // Sections name their own subject when the article covers several places.
    for (si, section) in doc.sections.iter_mut().enumerate() {
        let unit = explicit[si].or_else(|| {
            if about.len() < 2 {
                return None;
            }
            let sec = &section_scores[si];
            let mut ranked: Vec<(UnitId, f32)> = about.iter().map(|&u| (u, sec.get(u))).collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
            let (best, s1) = ranked[0];
            let s2 = ranked.get(1).map_or(0.0, |r| r.1);
            (s1 >= 2.0 && s1 > s2).then_some(best)
        });
        section.locality = unit.map(|u| gaz.unit(u).id.clone());
    }

    let mut mentioned: Vec<(UnitId, f32)> = doc_scores
        .score
        .iter()
        .filter(|(u, _)| !about.contains(u))
        .map(|(&u, &s)| (u, s))
        .collect();
    mentioned.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    doc.localities = about.iter().map(|&u| gaz.unit(u).id.clone()).collect();
    doc.mentioned = mentioned
        .into_iter()
        .map(|(u, _)| gaz.unit(u).id.clone())
        .collect();
}
