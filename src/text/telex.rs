//! Telex: typing Vietnamese with plain ASCII keys, for SSH sessions where no input method runs.
//!
//! * Quality marks: `aa` → â, `aw` → ă, `ee` → ê, `oo` → ô, `ow` → ơ, `uw` → ư, `uow` → ươ,
//!   `dd` → đ, and a lone `w` (at the start or after a consonant) → ư. The mark keeps the case
//!   of the letter it lands on (`Aa` → Â).
//! * Tones, typed anywhere once the word has a vowel: `s` sắc, `f` huyền, `r` hỏi, `x` ngã,
//!   `j` nặng; `z` removes the tone. The tone goes where [`crate::text::canonical`] puts it
//!   (`hoas` → `hóa`, `thuyr` → `thủy`, `quys` → `quý`).
//! * Repeating a key undoes it and leaves the letters typed (`aaa` → `aa`, `ass` → `as`).
//! * A word that does not come out as a Vietnamese syllable is left as typed (`facebook`,
//!   `covid`, `2020`), so foreign words and numbers survive.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::is_vietnamese_syllable;

/// A quality mark on one letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Plain,
    /// â ê ô
    Hat,
    /// ă
    Breve,
    /// ơ ư
    Horn,
    /// đ
    Bar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Acute,
    Grave,
    Hook,
    Tilde,
    Dot,
}

impl Tone {
    fn from_key(key: char) -> Option<Tone> {
        match key {
            's' => Some(Tone::Acute),
            'f' => Some(Tone::Grave),
            'r' => Some(Tone::Hook),
            'x' => Some(Tone::Tilde),
            'j' => Some(Tone::Dot),
            _ => None,
        }
    }

    fn key(self) -> char {
        match self {
            Tone::Acute => 's',
            Tone::Grave => 'f',
            Tone::Hook => 'r',
            Tone::Tilde => 'x',
            Tone::Dot => 'j',
        }
    }

    fn from_mark(mark: char) -> Option<Tone> {
        match mark {
            '\u{301}' => Some(Tone::Acute),
            '\u{300}' => Some(Tone::Grave),
            '\u{309}' => Some(Tone::Hook),
            '\u{303}' => Some(Tone::Tilde),
            '\u{323}' => Some(Tone::Dot),
            _ => None,
        }
    }

    /// The combining mark for this tone.
    fn mark(self) -> char {
        match self {
            Tone::Acute => '\u{301}',
            Tone::Grave => '\u{300}',
            Tone::Hook => '\u{309}',
            Tone::Tilde => '\u{303}',
            Tone::Dot => '\u{323}',
        }
    }
}

/// One letter of the word being built from keys.
#[derive(Debug, Clone, Copy)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent flags, each set by a different key"
)]
struct Letter {
    /// The key typed, lowercased (ASCII).
    base: char,
    upper: bool,
    mark: Mark,
    /// Typed back by an undo: later keys must not mark it again.
    locked: bool,
    /// An `ư` typed as a lone `w`: undoing it gives back the `w`.
    lone_w: bool,
    /// An `ơ` whose `w` also turned the `u` before it into `ư` (`uow`): undo reverts both.
    horn_pair: bool,
}

impl Letter {
    fn typed(key: char) -> Letter {
        Letter {
            base: key.to_ascii_lowercase(),
            upper: key.is_ascii_uppercase(),
            mark: Mark::Plain,
            locked: false,
            lone_w: false,
            horn_pair: false,
        }
    }

    fn locked(key: char) -> Letter {
        Letter {
            locked: true,
            ..Letter::typed(key)
        }
    }

    fn is_vowel(&self) -> bool {
        matches!(self.base, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
    }

    fn has_quality_mark(&self) -> bool {
        matches!(self.mark, Mark::Hat | Mark::Breve | Mark::Horn)
    }
}

/// The state of one word while its keys are replayed.
#[derive(Debug, Default)]
struct Word {
    letters: Vec<Letter>,
    tone: Option<Tone>,
    /// The last key undid a mark or a tone.
    undone: bool,
}

impl Word {
    fn type_key(&mut self, key: char) {
        let lower = key.to_ascii_lowercase();
        self.undone = false;
        // Tone keys are letters until there is a vowel to carry the tone ("sa", "ra", "xa").
        if self.letters.iter().any(Letter::is_vowel) {
            if let Some(tone) = Tone::from_key(lower) {
                if self.tone == Some(tone) {
                    self.tone = None;
                    self.letters.push(Letter::locked(key));
                    self.undone = true;
                } else {
                    self.tone = Some(tone);
                }
                return;
            }
            if lower == 'z' && self.tone.is_some() {
                self.tone = None;
                return;
            }
        }
        match lower {
            'a' | 'e' | 'o' | 'd' => self.double(key, lower),
            'w' => self.horn(key),
            _ => self.letters.push(Letter::typed(key)),
        }
    }

    /// `aa`, `ee`, `oo`, `dd`: the second key marks the first letter.
    fn double(&mut self, key: char, lower: char) {
        let target = if lower == 'd' { Mark::Bar } else { Mark::Hat };
        let n = self.letters.len();
        let Some(prev) = self.letters.last().copied() else {
            self.letters.push(Letter::typed(key));
            return;
        };
        if prev.locked || prev.base != lower {
            self.letters.push(Letter::typed(key));
            return;
        }
        if prev.mark == target {
            self.letters[n - 1].mark = Mark::Plain;
            self.letters[n - 1].locked = true;
            self.letters.push(Letter::locked(key));
            self.undone = true;
            return;
        }
        // ă → â and ơ → ô: the later key wins, as in common IMEs.
        if prev.horn_pair {
            self.unhorn_before(n - 1);
        }
        self.letters[n - 1].mark = target;
        self.letters[n - 1].horn_pair = false;
    }

    /// `w`: breve on a, horn on o and u (both in `uo`), or a lone ư.
    fn horn(&mut self, key: char) {
        let n = self.letters.len();
        let Some(prev) = self.letters.last().copied() else {
            self.push_lone_w(key);
            return;
        };
        if prev.locked {
            self.letters.push(Letter::typed(key));
            return;
        }
        match (prev.base, prev.mark) {
            ('u' | 'o', Mark::Horn) | ('a', Mark::Breve) => {
                if prev.lone_w {
                    self.letters[n - 1] = Letter::locked(if prev.upper { 'W' } else { 'w' });
                } else {
                    if prev.horn_pair {
                        self.unhorn_before(n - 1);
                    }
                    self.letters[n - 1].mark = Mark::Plain;
                    self.letters[n - 1].horn_pair = false;
                    self.letters[n - 1].locked = true;
                    self.letters.push(Letter::locked(key));
                }
                self.undone = true;
            }
            ('a', Mark::Plain | Mark::Hat) => self.letters[n - 1].mark = Mark::Breve,
            ('o', Mark::Plain | Mark::Hat) => {
                self.letters[n - 1].mark = Mark::Horn;
                // "uow" → ươ, but not in "quơ" where the u belongs to the onset.
                let u_before = n >= 2 && {
                    let u = self.letters[n - 2];
                    u.base == 'u' && u.mark == Mark::Plain && !u.locked
                };
                let after_q = n >= 3 && self.letters[n - 3].base == 'q';
                if u_before && !after_q {
                    self.letters[n - 2].mark = Mark::Horn;
                    self.letters[n - 1].horn_pair = true;
                }
            }
            ('u', Mark::Plain) => self.letters[n - 1].mark = Mark::Horn,
            _ if !prev.is_vowel() => self.push_lone_w(key),
            // After i, e, y … a w is a foreign letter.
            _ => self.letters.push(Letter::typed(key)),
        }
    }

    fn push_lone_w(&mut self, key: char) {
        self.letters.push(Letter {
            base: 'u',
            mark: Mark::Horn,
            lone_w: true,
            ..Letter::typed(key)
        });
    }

    /// Undo the ư that a `uow` put before letter `i`.
    fn unhorn_before(&mut self, i: usize) {
        if let Some(u) = i.checked_sub(1).and_then(|j| self.letters.get_mut(j))
            && u.base == 'u'
            && u.mark == Mark::Horn
        {
            u.mark = Mark::Plain;
        }
    }

    /// The letters with `ưo`/`uơ` completed to `ươ` when more follows (`thuwong` → thương):
    /// half-marked forms exist only open (`thuở`, `huơ`).
    fn settled(&self) -> Vec<Letter> {
        let mut letters = self.letters.clone();
        for i in 0..letters.len().saturating_sub(2) {
            let (u, o) = (letters[i], letters[i + 1]);
            let half = matches!(
                (u.base, u.mark, o.base, o.mark),
                ('u', Mark::Horn, 'o', Mark::Plain) | ('u', Mark::Plain, 'o', Mark::Horn)
            );
            let after_q = i > 0 && letters[i - 1].base == 'q';
            if half && !after_q {
                letters[i].mark = Mark::Horn;
                letters[i + 1].mark = Mark::Horn;
            }
        }
        letters
    }
}

/// Which letter carries the tone, with the placement of [`crate::text::canonical`].
fn tone_index(letters: &[Letter]) -> Option<usize> {
    let first = letters.iter().position(Letter::is_vowel)?;
    let mut start = first;
    // In "qu" and "gi" before another vowel, the u or i belongs to the onset (quý, giá).
    if first > 0
        && letters.get(first + 1).is_some_and(Letter::is_vowel)
        && letters[first].mark == Mark::Plain
        && matches!(
            (letters[first - 1].base, letters[first].base),
            ('q', 'u') | ('g', 'i')
        )
    {
        start = first + 1;
    }
    let end = letters[start..]
        .iter()
        .position(|l| !l.is_vowel())
        .map_or(letters.len(), |p| start + p);
    if let Some(i) = (start..end).rev().find(|&i| letters[i].has_quality_mark()) {
        return Some(i);
    }
    if end < letters.len() {
        return Some(end - 1); // closed syllable: the last vowel (hoàn, toán)
    }
    match end - start {
        0..=2 => Some(start), // hóa, múa, túi, khỏe
        _ => Some(start + 1), // hoài, xoáy, khuỷu
    }
}

fn render(letters: &[Letter], tone: Option<Tone>) -> String {
    let at = tone.and_then(|_| tone_index(letters));
    let mut s = String::with_capacity(letters.len() * 3);
    for (i, l) in letters.iter().enumerate() {
        match (l.mark, l.upper) {
            (Mark::Bar, true) => s.push('Đ'),
            (Mark::Bar, false) => s.push('đ'),
            (_, true) => s.push(l.base.to_ascii_uppercase()),
            (_, false) => s.push(l.base),
        }
        match l.mark {
            Mark::Hat => s.push('\u{302}'),
            Mark::Breve => s.push('\u{306}'),
            Mark::Horn => s.push('\u{31b}'),
            Mark::Plain | Mark::Bar => {}
        }
        if at == Some(i)
            && let Some(t) = tone
        {
            s.push(t.mark());
        }
    }
    s.nfc().collect()
}

/// Convert the Telex keys of one word: `thanhf` → `thành`, `DDAIJ` → `ĐẠI`.
///
/// A word that is not all ASCII letters, or that does not come out as a Vietnamese syllable, is
/// returned unchanged (`facebook`, `2020`; a bare onset such as `dd` → `đ` counts, so a word
/// shows right while it is typed), unless its last key was an undo (`ass` → `as`): then
/// the letters the undo gave back are what the user asked for. The result is NFC.
pub fn telex_word(word: &str) -> String {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return word.to_string();
    }
    let mut w = Word::default();
    for key in word.chars() {
        w.type_key(key);
    }
    let letters = w.settled();
    let folded: String = letters.iter().map(|l| l.base).collect();
    if could_be_syllable(&folded) || w.undone {
        render(&letters, w.tone)
    } else {
        word.to_string()
    }
}

/// A Vietnamese syllable, or an onset still waiting for its vowel: `dd` must show `đ` while
/// `ddi` is being typed.
fn could_be_syllable(folded: &str) -> bool {
    let has_vowel = folded.chars().any(|c| "aeiouy".contains(c));
    if has_vowel {
        is_vietnamese_syllable(folded)
    } else {
        is_vietnamese_syllable(&format!("{folded}a"))
    }
}

/// Is `c` part of a word for Telex (letters, digits, and marks that attach to them)?
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Convert every word of `text` with [`telex_word`], keeping spaces and punctuation:
/// `nghij quyeets ddaij hooij` → `nghị quyết đại hội`. The result is NFC.
pub fn telex(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut word_start = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            word_start.get_or_insert(i);
        } else {
            if let Some(start) = word_start.take() {
                out.push_str(&telex_word(&text[start..i]));
            }
            out.push(c);
        }
    }
    if let Some(start) = word_start {
        out.push_str(&telex_word(&text[start..]));
    }
    out.nfc().collect()
}

/// The Telex keys that type `word` (`thành` → `thanhf`, `Đường` → `DDuwowngf`), or `None`
/// when it holds something Telex cannot type. Lets a text box pick up editing a word typed
/// earlier; `telex_word` of the keys gives the word back for words in canonical form.
pub fn telex_keys(word: &str) -> Option<String> {
    let mut keys = String::with_capacity(word.len() + 2);
    let mut tone = None;
    // The letter a following quality mark applies to (NFD puts marks after their letter).
    let mut base: Option<char> = None;
    for c in word.nfd() {
        match c {
            'đ' | 'Đ' => {
                keys.push_str(if c == 'Đ' { "DD" } else { "dd" });
                base = None;
            }
            _ if c.is_ascii_alphabetic() => {
                keys.push(c);
                base = Some(c);
            }
            '\u{302}' => {
                let b = base.filter(|b| matches!(b.to_ascii_lowercase(), 'a' | 'e' | 'o'))?;
                keys.push(b);
                base = None;
            }
            '\u{306}' | '\u{31b}' => {
                let allowed = if c == '\u{306}' { "a" } else { "ou" };
                let b = base.filter(|b| allowed.contains(b.to_ascii_lowercase()))?;
                keys.push(if b.is_ascii_uppercase() { 'W' } else { 'w' });
                base = None;
            }
            _ => {
                if tone.replace(Tone::from_mark(c)?).is_some() {
                    return None;
                }
            }
        }
    }
    if let Some(t) = tone {
        keys.push(t.key());
    }
    Some(keys)
}

#[cfg(test)]
mod tests;
