//! The order of the outline's articles (`s` cycles it) and what the outline says about the
//! articles it lists (how many, the span of their dates).

use std::cmp::Reverse;

use crate::app::strings;
use crate::corpus::Corpus;
use crate::text::date::display_date;
use crate::text::fold_str;

/// How the outline orders articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// As in the corpus (the order the articles were built in).
    #[default]
    Corpus,
    /// Newest first; undated articles last, in corpus order.
    Date,
    /// By title, diacritics folded first (`Đ` with `D`, `Ă` with `A`), then as written.
    Title,
}

impl Order {
    #[must_use]
    pub fn next(self) -> Order {
        match self {
            Order::Corpus => Order::Date,
            Order::Date => Order::Title,
            Order::Title => Order::Corpus,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Order::Corpus => strings::ORDER_CORPUS,
            Order::Date => strings::ORDER_DATE,
            Order::Title => strings::ORDER_TITLE,
        }
    }
}

/// Every document's index, in `order`. Ties keep corpus order.
pub fn sorted(corpus: &Corpus, order: Order) -> Vec<usize> {
    let docs = &corpus.documents;
    let mut out: Vec<usize> = (0..docs.len()).collect();
    match order {
        Order::Corpus => {}
        // ISO dates sort as text; a date the preprocessor could not read still sorts
        // before the undated.
        Order::Date => {
            out.sort_by_key(|&d| (docs[d].date.is_none(), Reverse(docs[d].date.as_deref())));
        }
        // Keyed once per title, not once per comparison.
        Order::Title => out.sort_by_cached_key(|&d| title_key(&docs[d].title)),
    }
    out
}

/// A title's place in Vietnamese order: the letters folded first (`Đ` with `D`), then,
/// between titles that fold alike, the letter variants as the alphabet orders them (a ă â,
/// d đ, e ê, o ô ơ, u ư), then the tones (none, huyền, hỏi, ngã, sắc, nặng), then the
/// title as written.
fn title_key(title: &str) -> (String, Vec<u8>, Vec<u8>, String) {
    let mut variants = Vec::new();
    let mut tones = Vec::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let (mut variant, mut tone) = (u8::from(c == 'đ'), 0);
        unicode_normalization::char::decompose_canonical(c, |m| match m {
            '\u{306}' => variant = 1,
            '\u{302}' => variant = 2,
            '\u{31b}' => variant = 3,
            '\u{300}' => tone = 1,
            '\u{309}' => tone = 2,
            '\u{303}' => tone = 3,
            '\u{301}' => tone = 4,
            '\u{323}' => tone = 5,
            _ => {}
        });
        variants.push(variant);
        tones.push(tone);
    }
    (fold_str(title), variants, tones, title.to_string())
}

/// What the outline lists: the articles, and the span of the dated ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    /// Earliest and latest date (ISO) of the dated articles.
    pub first: Option<String>,
    pub last: Option<String>,
    pub undated: usize,
}

impl Summary {
    pub fn add(&mut self, date: Option<&str>) {
        self.articles += 1;
        let Some(date) = date else {
            self.undated += 1;
            return;
        };
        if self.first.as_deref().is_none_or(|f| date < f) {
            self.first = Some(date.to_string());
        }
        if self.last.as_deref().is_none_or(|l| date > l) {
            self.last = Some(date.to_string());
        }
    }

    /// The outline's bottom line in at most `width` columns: the count, the span of the
    /// dates and how many are undated; the span by year, or the count alone, when that
    /// is too long.
    pub fn label(&self, width: usize) -> String {
        use unicode_width::UnicodeWidthStr;
        let count = strings::articles(self.articles);
        let (Some(first), Some(last)) = (&self.first, &self.last) else {
            return count;
        };
        let day = |d: &str| display_date(d.split('T').next().unwrap_or(d));
        let year = |d: &str| d.get(..4).unwrap_or(d).to_string();
        let span = |f: String, l: String| if f == l { f } else { format!("{f} – {l}") };
        let days = span(day(first), day(last));
        let years = span(year(first), year(last));
        let undated = (self.undated > 0).then(|| strings::undated(self.undated));
        [
            [Some(count.clone()), Some(days.clone()), undated]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
            vec![count.clone(), days],
            vec![count.clone(), years],
        ]
        .into_iter()
        .map(|parts| parts.join(" · "))
        .find(|s| s.width() <= width)
        .unwrap_or(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_cycle_and_sort() {
        assert_eq!(Order::default().next().next().next(), Order::Corpus);
        let mut c = crate::embedded::corpus();
        let by_date = sorted(&c, Order::Date);
        let dates: Vec<Option<&str>> = by_date
            .iter()
            .map(|&d| c.documents[d].date.as_deref())
            .collect();
        assert_eq!(
            dates,
            [
                Some("2023-04-26T08:01"),
                Some("2020-07-02T14:28:39"),
                Some("2020-06-06T14:00"),
                None,
                None
            ]
        );
        // Undated ones keep corpus order.
        assert!(by_date[3] < by_date[4]);
        c.documents[0].title = "Đổi mới".into();
        c.documents[1].title = "Dân chủ".into();
        c.documents[2].title = "Ăn ở".into();
        c.documents[3].title = "Bàn bạc".into();
        c.documents[4].title = "dân chủ".into();
        let titles: Vec<&str> = sorted(&c, Order::Title)
            .into_iter()
            .map(|d| c.documents[d].title.as_str())
            .collect();
        assert_eq!(titles, ["Ăn ở", "Bàn bạc", "Dân chủ", "dân chủ", "Đổi mới"]);
        // Titles that fold alike: the alphabet's letter variants, then the tones.
        let mut words = [
            "ân", "ăn", "an", "án", "àn", "ạn", "Đa", "da", "ơ", "ô", "o",
        ];
        words.sort_by_cached_key(|w| title_key(w));
        assert_eq!(
            words,
            [
                "an", "àn", "án", "ạn", "ăn", "ân", "da", "Đa", "o", "ô", "ơ"
            ]
        );
    }

    #[test]
    fn the_summary_fits_its_width() {
        let mut s = Summary::default();
        for d in [Some("2017-02-14T08:00"), None, Some("2017-02-03"), None] {
            s.add(d);
        }
        assert_eq!(
            s.label(80),
            "4 bài · 03/02/2017 – 14/02/2017 · 2 không rõ ngày"
        );
        assert_eq!(s.label(31), "4 bài · 03/02/2017 – 14/02/2017");
        assert_eq!(s.label(20), "4 bài · 2017");
        assert_eq!(s.label(5), "4 bài");
        let mut none = Summary::default();
        none.add(None);
        assert_eq!(none.label(80), "1 bài");
    }
}
