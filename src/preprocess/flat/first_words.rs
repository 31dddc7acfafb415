//! The first words of a sentence, read only as far as a rule asks: most sentences fail a
//! heading's shape at their first words, and collecting a score of words for each was a
//! tenth of a flat build.

/// Up to `N` first words of a text with their byte offsets, as `text::word_offsets` gives
/// them, read on demand.
pub(super) struct FirstWords<'a, const N: usize> {
    rest: Words<'a>,
    buf: [(usize, &'a str); N],
    len: usize,
}

/// The first `N` words of `s`, to be read on demand. `spaces_only`: the caller knows that `s`
/// holds no whitespace but ASCII spaces (a normalised line), so it is cut at its space bytes;
/// `split_whitespace` decoded every char, a twentieth of a flat build.
pub(super) fn first_words<const N: usize>(s: &str, spaces_only: bool) -> FirstWords<'_, N> {
    FirstWords {
        rest: Words {
            s,
            at: 0,
            spaces_only,
        },
        buf: [(0, ""); N],
        len: 0,
    }
}

/// Does `t` hold no whitespace but ASCII spaces? Then [`first_words`] may cut its slices at
/// their space bytes.
pub(super) fn spaces_only(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memchr3(b'\t', b'\n', b'\r', b).is_none()
        && memchr::memchr2(0x0B, 0x0C, b).is_none()
        && !crate::preprocess::shapes::has_non_ascii_space(b)
}

/// The words of `s` with their byte offsets, as `text::word_offsets` gives them; cut at
/// space bytes when `spaces_only` (see [`first_words`]).
pub(super) fn words(s: &str, spaces_only: bool) -> impl Iterator<Item = (usize, &str)> {
    Words {
        s,
        at: 0,
        spaces_only,
    }
}

/// The words of `s` with their byte offsets, as `text::word_offsets` gives them.
struct Words<'a> {
    s: &'a str,
    at: usize,
    spaces_only: bool,
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let (s, b) = (self.s, self.s.as_bytes());
        if !self.spaces_only {
            let w = s[self.at..].split_whitespace().next()?;
            let start = w.as_ptr() as usize - s.as_ptr() as usize;
            self.at = start + w.len();
            return Some((start, w));
        }
        let mut i = self.at;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if i == b.len() {
            self.at = i;
            return None;
        }
        let start = i;
        while i < b.len() && b[i] != b' ' {
            i += 1;
        }
        self.at = i;
        Some((start, &s[start..i]))
    }
}

impl<'a, const N: usize> FirstWords<'a, N> {
    /// Word `k` (counted from 0), if the text has it and `k < N`.
    pub(super) fn get(&mut self, k: usize) -> Option<(usize, &'a str)> {
        while self.len <= k && self.len < N {
            self.buf[self.len] = self.rest.next()?;
            self.len += 1;
        }
        self.buf[..self.len].get(k).copied()
    }

    /// The words read so far.
    pub(super) fn read(&self) -> &[(usize, &'a str)] {
        &self.buf[..self.len]
    }
}

#[cfg(test)]
mod tests {
    use super::first_words;

    #[test]
    fn first_words_are_the_words_taken() {
        let s = " Một hai  ba\u{a0}bốn năm ";
        let all: Vec<(usize, &str)> = crate::text::word_offsets(s).take(4).collect();
        let mut words = first_words::<4>(s, false);
        assert_eq!(words.get(2), Some(all[2]));
        assert_eq!(words.read(), &all[..3]);
        assert_eq!(words.get(4), None);
        assert_eq!(words.read(), &all[..]);
        assert_eq!(words.get(0), Some(all[0]));
        assert_eq!(first_words::<8>(s, false).get(5), None);
    }

    #[test]
    fn a_text_of_ascii_spaces_is_cut_at_them_as_split_whitespace_does() {
        let odd = [
            "a\tb",
            "a\u{a0}b",
            "a\u{3000}b",
            "a\u{1680}b",
            "a\u{b}b",
            "a\u{85}b",
        ];
        assert!(odd.iter().all(|t| !super::spaces_only(t)));
        for s in [
            "",
            " ",
            "Một hai  ba bốn năm ",
            "  “Đại hội” – lần thứ XIII. ",
            "x",
        ] {
            assert!(super::spaces_only(s));
            let all: Vec<(usize, &str)> = crate::text::word_offsets(s).take(6).collect();
            let mut words = first_words::<6>(s, true);
            words.get(5);
            assert_eq!(words.read(), &all[..], "{s:?}");
        }
    }
}
