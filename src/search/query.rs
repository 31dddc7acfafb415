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
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent facts of a typed word, not a state machine"
)]
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
    /// Typed as initials ("nqdh", "HĐND"): no vowel after the first letter, or capitals
    /// only. Only such a term may match the first letters of a run of words.
    pub initials: bool,
    /// What a word the corpus does not know was meant to be (filled by the index, see
    /// [`SearchIndex::resolve`](crate::search::SearchIndex)): the corpus's words within an
    /// edit or two, and the two words it may be written as one of.
    pub corrections: Vec<Correction>,
    /// The corpus knows the word (as a word of three passages or more, or the start of
    /// one): then only exact hits count. False when no index was asked: the compact
    /// fallback is tried.
    pub known: bool,
    /// A word the corpus does not know and has no correction for, among words it does:
    /// passages with the others still match, as near hits ("bo sung luat xqzw").
    pub optional: bool,
}

/// A word of the corpus a typed word may have meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// Folded: one word, or two ("nong thon" for "nongthon").
    pub text: String,
    /// Edits from the typed word (0 for two words written as one).
    pub edits: usize,
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
        self.terms.iter().any(|t| {
            t.kind == TermKind::Fuzzy && !t.negate && !t.known && t.folded.chars().count() >= 3
        })
    }
}

impl Query {
    /// What the search made of the words typed, to show beside the results: an acronym's
    /// other forms ("hdnd = hoi dong nhan dan") and a typo's corrections ("sumg → sung"),
    /// folded. Empty for a query typed as the corpus writes it.
    pub fn notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        for t in self.terms.iter().filter(|t| !t.negate) {
            if !t.alternatives.is_empty() {
                let alts: Vec<&str> = t.alternatives.iter().take(2).map(String::as_str).collect();
                out.push(format!("{} = {}", t.folded, alts.join(" / ")));
            }
            if !t.corrections.is_empty() {
                let fixes: Vec<&str> = t
                    .corrections
                    .iter()
                    .take(3)
                    .map(|c| c.text.as_str())
                    .collect();
                out.push(format!("{} → {}", t.folded, fixes.join(", ")));
            }
        }
        out
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

/// Is a term typed as initials: two to ten letters, all capitals ("HĐND", "TP"), or no
/// vowel after the first letter ("nqdh", "ubnd")? A word ("dang", "hoi") is not.
fn looks_like_initials(raw: &str, folded: &str) -> bool {
    let letters = folded.chars().filter(char::is_ascii_alphabetic).count();
    let all_letters = folded.chars().all(|c| c.is_ascii_alphanumeric());
    let capitals = raw
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let no_vowel = !folded
        .chars()
        .skip(1)
        .any(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'));
    all_letters && (2..=10).contains(&letters) && (capitals || no_vowel)
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
                let bare = key.replace(' ', "");
                for (short, long) in acronyms() {
                    if short.replace(' ', "") == bare {
                        alternatives.push(long.clone());
                    }
                }
            }
        }
        terms.push(Term {
            kind,
            negate,
            accented: accented_form(&body),
            initials: kind == TermKind::Fuzzy && looks_like_initials(&body, &folded),
            folded,
            alternatives,
            corrections: Vec::new(),
            known: false,
            optional: false,
        });
    }
    join_long_forms(&mut terms, acronyms());
    Query { terms }
}

/// Consecutive plain terms that spell a long form of `table` ("hội đồng nhân dân") become
/// one term that also finds the short form ("HĐND"); the longest form wins ("thành phố Hồ
/// Chí Minh" over "thành phố").
pub(crate) fn join_long_forms(terms: &mut Vec<Term>, table: &[(String, String)]) {
    let mut i = 0;
    while i < terms.len() {
        // (words, long form) of the longest that fits.
        let mut joined: Option<(usize, String)> = None;
        for (_, long) in table {
            let n = long.split(' ').count();
            if n < 2 || i + n > terms.len() || joined.as_ref().is_some_and(|j| j.0 >= n) {
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
                joined = Some((n, long.clone()));
            }
        }
        if let Some((n, long)) = joined {
            let accented: Vec<String> = terms[i..i + n]
                .iter()
                .filter_map(|t| t.accented.clone())
                .collect();
            // Every short form of it ("TP.HCM", "TPHCM").
            let alternatives = table
                .iter()
                .filter(|(_, l)| *l == long)
                .map(|(s, _)| s.clone())
                .collect();
            let term = Term {
                kind: TermKind::Phrase,
                negate: false,
                folded: long,
                accented: (!accented.is_empty()).then(|| accented.join(" ")),
                alternatives,
                initials: false,
                corrections: Vec::new(),
                known: false,
                optional: false,
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
    fn initials_are_told_by_their_shape() {
        for raw in ["nqdh", "HĐND", "ubnd", "TP", "hdnd"] {
            assert!(parse(raw).terms[0].initials, "{raw}");
        }
        for raw in ["dang", "hoi", "Nghị", "nghi", "15400", "tp.hcm", "a"] {
            assert!(!parse(raw).terms[0].initials, "{raw}");
        }
    }

    #[test]
    fn a_negated_phrase_is_one_term() {
        let q = parse("phong !\"hai phong\" !hai x");
        let kinds: Vec<(TermKind, bool, &str)> = q
            .terms
            .iter()
            .map(|t| (t.kind, t.negate, t.folded.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (TermKind::Fuzzy, false, "phong"),
                (TermKind::Phrase, true, "hai phong"),
                (TermKind::Fuzzy, true, "hai"),
                (TermKind::Fuzzy, false, "x"),
            ]
        );
    }

    #[test]
    fn empty_and_negated_only() {
        assert!(parse("").is_empty());
        assert!(parse("   ").is_empty());
        assert!(parse("!abc").is_empty());
        assert!(!parse("abc").is_empty());
    }
}
