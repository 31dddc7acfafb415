//! A one-line text box: the model behind the finder's query and the bookmark-note prompt.
//!
//! Editing goes by grapheme (what the user sees as one character: `e` + a combining acute,
//! a family emoji joined with ZWJ), so the cursor never lands inside one. The text is kept in
//! NFC, the form the rest of the program compares.
//!
//! With Telex on ([`Input::toggle_telex`], Ctrl-t), the word being typed is converted live:
//! the keys typed for it are kept in `raw_word`, and after each key the word (from its start
//! to the cursor) is replaced by [`telex_word`] of those keys, so `t h a n h f` shows `thành`.
//! Backspace then removes the last *key* and converts again (`thành` → `thanh`), as Telex
//! input methods do. A separator, a paste, a cursor move or any other edit ends the word;
//! typing again right after a word picks it up again from its Telex keys ([`telex_keys`]), so
//! `thành` + `s` gives `thánh`. A pasted text is never converted.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use unicode_normalization::{UnicodeNormalization, is_nfc};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::text::telex::{is_word_char, telex_keys, telex_word};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    text: String,
    /// Byte index into `text`, always on a grapheme boundary.
    cursor: usize,
    telex: bool,
    /// Telex keys typed for the word that ends at the cursor; empty when no word is being typed.
    raw_word: String,
    /// Where that word starts in `text` (bytes).
    word_start: usize,
}

impl Input {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Display width (terminal columns) of the text before the cursor.
    pub fn cursor_column(&self) -> usize {
        self.text
            .get(..self.cursor)
            .map_or(0, UnicodeWidthStr::width)
    }

    /// Is Telex conversion on?
    pub fn telex(&self) -> bool {
        self.telex
    }

    pub fn toggle_telex(&mut self) {
        self.telex = !self.telex;
        self.raw_word.clear();
    }

    /// Type one character at the cursor. Control characters are ignored.
    pub fn insert_char(&mut self, c: char) {
        if c.is_control() || crate::preprocess::normalize::is_dropped(c) {
            return;
        }
        if !self.telex || !is_word_char(c) {
            self.raw_word.clear();
            let mut buf = [0; 4];
            self.splice(self.cursor, self.cursor, c.encode_utf8(&mut buf));
            return;
        }
        if !self.typing_word() {
            self.pick_up_word();
        }
        self.raw_word.push(c);
        self.redraw_word();
    }

    /// Paste: escape sequences and control characters are dropped, line breaks and tabs become
    /// spaces, and the text is inserted as is (no Telex).
    pub fn insert_str(&mut self, s: &str) {
        self.raw_word.clear();
        let clean = sanitize_paste(s);
        self.splice(self.cursor, self.cursor, &clean);
    }

    /// Delete the grapheme before the cursor, or, while a Telex word is being typed, its last key.
    pub fn backspace(&mut self) {
        if self.telex && self.typing_word() {
            self.raw_word.pop();
            self.redraw_word();
            return;
        }
        self.raw_word.clear();
        if let Some(start) = self.prev_boundary() {
            self.splice(start, self.cursor, "");
        }
    }

    /// Delete the grapheme after the cursor.
    pub fn delete(&mut self) {
        self.raw_word.clear();
        if let Some(end) = self.next_boundary() {
            self.splice(self.cursor, end, "");
        }
    }

    pub fn left(&mut self) {
        self.raw_word.clear();
        if let Some(i) = self.prev_boundary() {
            self.cursor = i;
        }
    }

    pub fn right(&mut self) {
        self.raw_word.clear();
        if let Some(i) = self.next_boundary() {
            self.cursor = i;
        }
    }

    pub fn home(&mut self) {
        self.raw_word.clear();
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.raw_word.clear();
        self.cursor = self.text.len();
    }

    /// Ctrl-w: delete back over spaces, then over the word before them (words end at
    /// whitespace, as in a shell).
    pub fn delete_word_back(&mut self) {
        self.raw_word.clear();
        let Some(before) = self.text.get(..self.cursor) else {
            return;
        };
        let is_space = |g: &str| g.chars().next().is_some_and(char::is_whitespace);
        let mut graphemes = before.grapheme_indices(true).rev().peekable();
        let mut start = self.cursor;
        while let Some((i, _)) = graphemes.next_if(|(_, g)| is_space(g)) {
            start = i;
        }
        while let Some((i, _)) = graphemes.next_if(|(_, g)| !is_space(g)) {
            start = i;
        }
        self.splice(start, self.cursor, "");
    }

    /// Ctrl-u: delete everything before the cursor.
    pub fn clear(&mut self) {
        self.raw_word.clear();
        self.splice(0, self.cursor, "");
    }

    /// Apply a key; returns whether the text changed. Ctrl-a/e go home/end, Ctrl-w and Ctrl-u
    /// delete, Ctrl-h is Backspace (some terminals send it so). (Ctrl-t, Telex, is in the
    /// keymap of each box's scope, so the help lists it.)
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        let before = self.text.clone();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            // Ctrl+Alt together is AltGr on some keyboards: it types a character.
            KeyCode::Char(c) if ctrl && !alt => match c.to_ascii_lowercase() {
                'a' => self.home(),
                'e' => self.end(),
                'w' => self.delete_word_back(),
                'u' => self.clear(),
                'h' => self.backspace(),
                _ => {}
            },
            KeyCode::Char(_) if alt && !ctrl => {}
            KeyCode::Char(c) => self.insert_char(c),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => self.left(),
            KeyCode::Right => self.right(),
            KeyCode::Home => self.home(),
            KeyCode::End => self.end(),
            _ => {}
        }
        self.text != before
    }

    /// Is a Telex word being typed, and does the text still show what its keys give?
    fn typing_word(&self) -> bool {
        !self.raw_word.is_empty()
            && self.word_start <= self.cursor
            && self.text.get(self.word_start..self.cursor) == Some(&telex_word(&self.raw_word))
    }

    /// Start a Telex word at the cursor, taking over the word just before it when its keys can
    /// be recovered (so `thành` + `s` → `thánh`).
    fn pick_up_word(&mut self) {
        self.raw_word.clear();
        self.word_start = self.cursor;
        let Some(before) = self.text.get(..self.cursor) else {
            return;
        };
        let start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map_or(self.cursor, |(i, _)| i);
        let Some(word) = before.get(start..).filter(|w| !w.is_empty()) else {
            return;
        };
        if let Some(keys) = telex_keys(word)
            && telex_word(&keys) == word
        {
            self.word_start = start;
            self.raw_word = keys;
        }
    }

    /// Replace the word being typed with the conversion of its keys.
    fn redraw_word(&mut self) {
        let word = telex_word(&self.raw_word);
        self.splice(self.word_start, self.cursor, &word);
        // Normalisation may have merged the word with its neighbours: then stop tracking it.
        if self.raw_word.is_empty() || !self.typing_word() {
            self.raw_word.clear();
        }
    }

    /// Replace `text[start..end]` with `insert` and put the cursor after it; keeps the text
    /// NFC and the cursor on a grapheme boundary. Does nothing for a range that is not valid.
    fn splice(&mut self, start: usize, end: usize, insert: &str) {
        if start > end {
            return;
        }
        let (Some(head), Some(tail)) = (self.text.get(..start), self.text.get(end..)) else {
            return;
        };
        let mut text: String = head.chars().chain(insert.chars()).nfc().collect();
        let at = text.len();
        text.push_str(tail);
        // The seam can still compose (a pasted letter before a lone combining mark).
        if !is_nfc(&text) {
            text = text.nfc().collect();
        }
        self.cursor = snap_to_grapheme(&text, at);
        self.text = text;
    }

    fn prev_boundary(&self) -> Option<usize> {
        self.text
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .take_while(|&i| i < self.cursor)
            .last()
    }

    fn next_boundary(&self) -> Option<usize> {
        self.text
            .grapheme_indices(true)
            .map(|(i, g)| i + g.len())
            .find(|&end| end > self.cursor)
    }
}

/// The first grapheme boundary at or after `at`.
fn snap_to_grapheme(text: &str, at: usize) -> usize {
    text.grapheme_indices(true)
        .map(|(i, _)| i)
        .find(|&i| i >= at)
        .unwrap_or(text.len())
}

/// What a paste may bring into a one-line box: no escape sequences (a terminal's colours,
/// bracketed-paste markers), no control characters, line breaks and tabs as spaces; NFC.
fn sanitize_paste(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push(' ');
            }
            '\n' | '\t' | '\u{2028}' | '\u{2029}' => out.push(' '),
            '\u{1b}' => match chars.next() {
                // CSI: parameters and intermediates, then one final byte in @..~.
                Some('[') => {
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
                // OSC, DCS, APC, PM, SOS: a string ended by BEL or ESC \.
                Some(']' | 'P' | '_' | '^' | 'X') => {
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' {
                            break;
                        }
                        if c == '\u{1b}' {
                            chars.next_if_eq(&'\\');
                            break;
                        }
                    }
                }
                // Any other escape is two characters long.
                _ => {}
            },
            '\u{9b}' => {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            // Bidi overrides and other invisible format characters go too, as at build.
            _ if c.is_control() || crate::preprocess::normalize::is_dropped(c) => {}
            _ => out.push(c),
        }
    }
    out.nfc().collect()
}

#[cfg(test)]
mod tests;
