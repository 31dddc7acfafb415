//! Acronyms the corpus defines: newspapers write the long form once with the short one in
//! brackets (`Cảnh sát giao thông (CSGT)`, `Hội đồng nhân dân (HĐND) tỉnh`), then only the
//! short one. Read at index time, they let each form find the other, as the built-in table
//! (`data/acronyms.tsv`) does.

use std::collections::HashMap;

use crate::text::fold_str;

/// Most long forms kept for one short form: the most often defined.
const MAX_LONG: usize = 3;

/// Definitions seen while passages are indexed: (short, long) → times, both folded.
#[derive(Debug, Default)]
pub(crate) struct Seen(HashMap<(String, String), u32>);

/// The acronyms a corpus defines: (short, long), both folded, the short without spaces or
/// punctuation ("csgt", "tphcm"), the long as words ("canh sat giao thong").
#[derive(Debug, Default, Clone)]
pub(crate) struct Learned(Vec<(String, String)>);

impl Seen {
    /// Read the definitions in one passage's original text.
    pub(crate) fn add(&mut self, text: &str) {
        for open in memchr::memchr_iter(b'(', text.as_bytes()) {
            if let Some(pair) = definition(text, open) {
                *self.0.entry(pair).or_default() += 1;
            }
        }
    }
}

impl Learned {
    pub(crate) fn merge(seen: Vec<Seen>) -> Learned {
        let mut all: HashMap<(String, String), u32> = HashMap::new();
        for s in seen {
            for (k, n) in s.0 {
                *all.entry(k).or_default() += n;
            }
        }
        let mut by_short: HashMap<String, Vec<(u32, String)>> = HashMap::new();
        for ((short, long), n) in all {
            by_short.entry(short).or_default().push((n, long));
        }
        let mut out = Vec::new();
        for (short, mut longs) in by_short {
            longs.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            out.extend(
                longs
                    .into_iter()
                    .take(MAX_LONG)
                    .map(|(_, long)| (short.clone(), long)),
            );
        }
        out.sort_unstable();
        Learned(out)
    }

    /// Every (short, long) pair, sorted.
    pub(crate) fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// The long forms of `short` (folded, without spaces or punctuation).
    pub(crate) fn longs<'a>(&'a self, short: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let from = self.0.partition_point(|(s, _)| s.as_str() < short);
        self.0[from..]
            .iter()
            .take_while(move |(s, _)| s == short)
            .map(|(_, l)| l.as_str())
    }
}

/// The definition whose bracket opens at byte `open` of `text`: the bracket holds capitals
/// only (with `&`, `-` or `.` between them), and the words just before it start with those
/// letters, in order ("và" standing for `&`).
fn definition(text: &str, open: usize) -> Option<(String, String)> {
    let rest = &text[open + 1..];
    let close = rest.find(')').filter(|&k| (2..=12).contains(&k))?;
    let inner = &rest[..close];
    if !inner
        .chars()
        .all(|c| c.is_uppercase() || matches!(c, '&' | '-' | '.'))
    {
        return None;
    }
    let letters: Vec<char> = fold_str(inner)
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect();
    if !(2..=8).contains(&letters.len()) {
        return None;
    }
    // The words before the bracket, last first, without the punctuation between them.
    let before = &text[..open];
    let mut words: Vec<&str> = Vec::with_capacity(letters.len() + 1);
    for w in before.split_whitespace().rev() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        let matched = words.iter().filter(|x| !is_and(x)).count();
        if matched == letters.len() {
            break;
        }
        words.push(w);
    }
    words.reverse();
    let initials: Vec<char> = words
        .iter()
        .filter(|w| !is_and(w) || !inner.contains('&'))
        .filter_map(|w| fold_str(w).chars().next())
        .collect();
    if initials != letters || words.first().is_some_and(|w| is_and(w)) {
        return None;
    }
    let short: String = letters.iter().collect();
    let long = words
        .iter()
        .map(|w| fold_str(w))
        .collect::<Vec<_>>()
        .join(" ");
    Some((short, long))
}

fn is_and(w: &str) -> bool {
    w == "và" || w == "Và"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn learned(texts: &[&str]) -> Learned {
        let mut s = Seen::default();
        for t in texts {
            s.add(t);
        }
        Learned::merge(vec![s])
    }

    #[test]
    fn definitions_in_brackets_are_read() {
        let l = learned(&[
            "Phòng Cảnh sát giao thông (CSGT) Công an tỉnh cho biết",
            "Đại biểu Hội đồng nhân dân (HĐND) tỉnh đã thông qua",
            "Sở Giáo dục và Đào tạo (GD&ĐT) Hà Nội",
            "tại Thành phố Hồ Chí Minh (TP.HCM), giá nhà",
        ]);
        assert_eq!(l.longs("csgt").collect::<Vec<_>>(), ["canh sat giao thong"]);
        assert_eq!(l.longs("hdnd").collect::<Vec<_>>(), ["hoi dong nhan dan"]);
        assert_eq!(l.longs("gddt").collect::<Vec<_>>(), ["giao duc va dao tao"]);
        assert_eq!(
            l.longs("tphcm").collect::<Vec<_>>(),
            ["thanh pho ho chi minh"]
        );
    }

    #[test]
    fn brackets_that_define_nothing_are_ignored() {
        let l = learned(&[
            // Letters that are not the words' initials; a name; lowercase; a year.
            "Tổ chức Thương mại Thế giới (WTO) cho biết",
            "ông Nguyễn Văn A (Hà Nội) nói",
            "đội tuyển (trái) và (phải)",
            "năm ngoái (2016) tăng",
            "và Đầu tư (VĐT) thì",
        ]);
        assert!(l.pairs().is_empty(), "{:?}", l.pairs());
    }
}
