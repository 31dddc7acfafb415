//! The first words of a sentence, read only as far as a rule asks: most sentences fail a
//! heading's shape at their first words, and collecting a score of words for each was a
//! tenth of a flat build.

/// Up to `N` first words of a text with their byte offsets, as `text::word_offsets` gives
/// them, read on demand.
pub(super) struct FirstWords<'a, I, const N: usize> {
    rest: I,
    buf: [(usize, &'a str); N],
    len: usize,
}

/// The first `N` words of `s`, to be read on demand.
pub(super) fn first_words<const N: usize>(
    s: &str,
) -> FirstWords<'_, impl Iterator<Item = (usize, &str)>, N> {
    FirstWords {
        rest: crate::text::word_offsets(s),
        buf: [(0, ""); N],
        len: 0,
    }
}

impl<'a, I: Iterator<Item = (usize, &'a str)>, const N: usize> FirstWords<'a, I, N> {
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
        let mut words = first_words::<4>(s);
        assert_eq!(words.get(2), Some(all[2]));
        assert_eq!(words.read(), &all[..3]);
        assert_eq!(words.get(4), None);
        assert_eq!(words.read(), &all[..]);
        assert_eq!(words.get(0), Some(all[0]));
        assert_eq!(first_words::<8>(s).get(5), None);
    }
}
