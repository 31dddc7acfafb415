//! The query language, fzf's: space-separated terms, all required, in any order; `'term`
//! exact, `^term` at the start, `term$` at the end, `!term` excluded, `"quoted phrase"`
//! exact. Terms are folded like the text (case and diacritics never matter for matching);
//! the accented form is kept so an exact accented hit can rank first.

use std::sync::OnceLock;

use crate::text::{canonical, fold_for_search, is_vietnamese_syllable};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// Fuzzy, but compact: a substring, a word's initials, an acronym, or the letters in
    /// order within a short window.
    Fuzzy,
    /// `'term`: a substring.
    Exact,
    /// `^term`: the passage starts with it.
    Prefix,
    /// `term$`: the passage ends with it.
    Suffix,
    /// `"…"`: the words in this order.
    Phrase,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub kind: TermKind,
    pub negate: bool,
    /// Folded form, what is matched.
    pub folded: String,
    /// The term as typed, lowercase and with canonical tone placement, when it has
    /// diacritics: an exact accented hit gets a bonus.
    pub accented: Option<String>,
    /// Other folded forms that match as whole phrases: acronym expansions both ways.
    pub alternatives: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.terms.iter().all(|t| t.negate)
    }

    /// Does any term need the (slower) fuzzy pass?
    pub fn has_fuzzy(&self) -> bool {
        self.terms
            .iter()
            .any(|t| t.kind == TermKind::Fuzzy && !t.negate && t.folded.chars().count() >= 3)
    }
}

/// The acronym table (`data/acronyms.tsv`): (short, long), both folded.
pub fn acronyms() -> &'static [(String, String)] {
    static TABLE: OnceLock<Vec<(String, String)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../../data/acronyms.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(a, b)| (fold_key(a), fold_key(b)))
            .collect()
    })
}

/// Folded, with punctuation between words reduced to single spaces ("kinh tế - xã hội" →
/// "kinh te xa hoi"), the form acronyms and phrases are compared in.
fn fold_key(s: &str) -> String {
    let f = fold_for_search(s).text;
    f.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn accented_form(raw: &str) -> Option<String> {
    crate::text::has_vietnamese_letters(raw).then(|| canonical(raw).to_lowercase())
}

/// Split the raw query into (text, quoted) pieces. `!"…"` keeps its `!`.
fn pieces(raw: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in raw.chars() {
        match c {
            '"' if quoted => {
                out.push((std::mem::take(&mut cur), true));
                quoted = false;
            }
            '"' => {
                if !cur.is_empty() && cur != "!" {
                    out.push((std::mem::take(&mut cur), false));
                }
                quoted = true;
            }
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push((std::mem::take(&mut cur), false));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.trim().is_empty() && cur != "!" {
        out.push((cur, quoted));
    }
    out
}

pub fn parse(raw: &str) -> Query {
    let mut terms = Vec::new();
    for (piece, quoted) in pieces(raw) {
        let (negate, rest) = match piece.strip_prefix('!') {
            Some(r) => (true, r.to_string()),
            None => (false, piece.clone()),
        };
        let (kind, body) = if quoted {
            (TermKind::Phrase, rest)
        } else if let Some(r) = rest.strip_prefix('\'') {
            (TermKind::Exact, r.to_string())
        } else if let Some(r) = rest.strip_prefix('^') {
            (TermKind::Prefix, r.to_string())
        } else if let Some(r) = rest.strip_suffix('$') {
            (TermKind::Suffix, r.to_string())
        } else {
            (TermKind::Fuzzy, rest)
        };
        let folded = match kind {
            TermKind::Phrase => fold_key(&body),
            _ => fold_for_search(&body).text,
        };
        if folded.is_empty() {
            continue;
        }
        let mut alternatives = Vec::new();
        if kind == TermKind::Fuzzy {
            // A short form finds its long form. Two-letter forms that are also words
            // ("tu", "hu") expand only when typed in capitals.
            let key = fold_key(&body);
            let shouty = body.chars().any(char::is_uppercase);
            if shouty || !is_vietnamese_syllable(&key) {
                for (short, long) in acronyms() {
                    if *short == key.replace(' ', "") || *short == key {
                        alternatives.push(long.clone());
                    }
                }
            }
        }
        terms.push(Term {
            kind,
            negate,
            accented: accented_form(&body),
            folded,
            alternatives,
        });
    }
    join_long_forms(&mut terms);
    Query { terms }
}

/// Consecutive plain terms that spell a long form ("hội đồng nhân dân") become one term that
/// also finds the short form ("HĐND").
fn join_long_forms(terms: &mut Vec<Term>) {
    let table = acronyms();
    let mut i = 0;
    while i < terms.len() {
        let mut joined = None;
        for (short, long) in table {
            let n = long.split(' ').count();
            if n < 2 || i + n > terms.len() {
                continue;
            }
            let run = &terms[i..i + n];
            if run.iter().all(|t| t.kind == TermKind::Fuzzy && !t.negate)
                && run
                    .iter()
                    .map(|t| t.folded.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
                    == *long
            {
                joined = Some((n, short.clone(), long.clone()));
                break;
            }
        }
        if let Some((n, short, long)) = joined {
            let accented: Vec<String> = terms[i..i + n]
                .iter()
                .filter_map(|t| t.accented.clone())
                .collect();
            let term = Term {
                kind: TermKind::Phrase,
                negate: false,
                folded: long,
                accented: (!accented.is_empty()).then(|| accented.join(" ")),
                alternatives: vec![short],
            };
            terms.splice(i..i + n, [term]);
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators() {
        let q = parse("nghi 'quyet ^Sau ra$ !Hải \"đại hội\"");
        let kinds: Vec<(TermKind, bool, &str)> = q
            .terms
            .iter()
            .map(|t| (t.kind, t.negate, t.folded.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (TermKind::Fuzzy, false, "nghi"),
                (TermKind::Exact, false, "quyet"),
                (TermKind::Prefix, false, "sau"),
                (TermKind::Suffix, false, "ra"),
                (TermKind::Fuzzy, true, "hai"),
                (TermKind::Phrase, false, "dai hoi"),
            ]
        );
        assert_eq!(q.terms[4].accented.as_deref(), Some("hải"));
        assert_eq!(q.terms[0].accented, None);
    }

    #[test]
    fn folding_ignores_case_and_tone_placement() {
        for raw in ["HOÁ", "hóa", "hoá", "Hoa", "HOA"] {
            assert_eq!(parse(raw).terms[0].folded, "hoa", "{raw}");
        }
        assert_eq!(parse("hoá").terms[0].accented.as_deref(), Some("hóa"));
        assert_eq!(parse("15.400").terms[0].folded, "15400");
    }

    #[test]
    fn acronyms_both_ways() {
        let q = parse("HĐND");
        assert_eq!(q.terms[0].alternatives, ["hoi dong nhan dan"]);
        let q = parse("ubnd tỉnh");
        assert_eq!(q.terms[0].alternatives, ["uy ban nhan dan"]);
        let q = parse("hội đồng nhân dân tỉnh");
        assert_eq!(q.terms.len(), 2);
        assert_eq!(q.terms[0].folded, "hoi dong nhan dan");
        assert_eq!(q.terms[0].alternatives, ["hdnd"]);
        // A word that is also an acronym expands only in capitals.
        assert!(parse("tu").terms[0].alternatives.is_empty());
        assert!(!parse("TU").terms[0].alternatives.is_empty());
    }

    #[test]
    fn empty_and_negated_only() {
        assert!(parse("").is_empty());
        assert!(parse("   ").is_empty());
        assert!(parse("!abc").is_empty());
        assert!(!parse("abc").is_empty());
    }
}
