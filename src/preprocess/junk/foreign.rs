//! The language check: text after the story, or spam, in another language.

use crate::text::{has_vietnamese_letters, is_vietnamese_syllable};

/// Words that only spam uses.
const SPAM_WORDS: &[&str] = &[
    "escort", "bayan", "casino", "viagra", "cialis", "porn", "xxx", "betting", "slot", "slots",
    "poker", "jackpot", "loan", "loans", "replica", "bitcoin", "crypto", "dating", "sex",
];

/// Verdict of the language check on a line without Vietnamese letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foreign {
    /// Vietnamese (or too short to tell).
    No,
    /// Another language.
    Yes,
    /// Another language, with spam vocabulary or a repeated phrase.
    Spam,
}

/// Language check: is this line not Vietnamese? Names, acronyms and numbers inside
/// Vietnamese text never trigger it: the line must have no Vietnamese letter at all and
/// mostly words that cannot be Vietnamese syllables.
pub fn foreign(line: &str) -> Foreign {
    if has_vietnamese_letters(line) {
        return Foreign::No;
    }
    let words: Vec<String> = line
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect();
    if words.len() < 2 {
        return Foreign::No;
    }
    let spam = words.iter().any(|w| SPAM_WORDS.contains(&w.as_str()));
    let non_viet = words.iter().filter(|w| !is_vietnamese_syllable(w)).count();
    let repeated = {
        let half = words.len() / 2;
        half >= 2 && words[..half] == words[half..half * 2]
    };
    if non_viet * 2 < words.len() {
        return Foreign::No;
    }
    if spam || repeated {
        Foreign::Spam
    } else {
        Foreign::Yes
    }
}
