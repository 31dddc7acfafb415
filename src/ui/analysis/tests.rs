//! The analysis view's pure helpers: numbers, sparklines, cutting to a width, the places
//! table's columns.

use unicode_width::UnicodeWidthStr;

use super::*;

#[test]
fn thousands_are_separated_by_dots() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(7), "7");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1000), "1.000");
    assert_eq!(thousands(3718), "3.718");
    assert_eq!(thousands(100_000), "100.000");
    assert_eq!(thousands(1_234_567), "1.234.567");
}

#[test]
fn sparklines_scale_to_their_maximum_and_keep_the_last_periods() {
    assert_eq!(sparkline(&[0, 1, 2, 4, 8], 5), " ▁▂▄█");
    // Fewer columns than periods: the last ones.
    assert_eq!(sparkline(&[8, 0, 1, 2, 4, 8], 3), "▂▄█");
    // A small non-zero value still shows; zero is a gap.
    assert_eq!(sparkline(&[1, 0, 100], 3), "▁ █");
    assert_eq!(sparkline(&[0, 0], 4), "  ");
    assert_eq!(sparkline(&[], 4), "");
    assert_eq!(sparkline(&[3, 5], 0), "");
    // One glyph per period, never more columns than asked.
    let s = sparkline(&[5; 40], 12);
    assert_eq!((s.chars().count(), s.width()), (12, 12));
    assert!(s.chars().all(|c| c == '█'));
}

#[test]
fn tail_width_keeps_the_end_behind_an_ellipsis() {
    assert_eq!(tail_width("thực hiện", 20), "thực hiện");
    assert_eq!(tail_width("thực hiện", 9), "thực hiện");
    assert_eq!(tail_width("thực hiện nghị", 6), "… nghị");
    assert_eq!(tail_width("thực hiện nghị", 5), "…nghị");
    assert_eq!(tail_width("abc", 0), "");
    assert_eq!(tail_width("abc", 1), "…");
    // Wide letters: never more than asked.
    let t = tail_width("越南共产党", 6);
    assert!(
        t.width() <= 6 && t.starts_with('…') && t.ends_with('党'),
        "{t}"
    );
    // Decomposed marks stay on their letter.
    let nfd = "the\u{302}\u{301}";
    assert_eq!(tail_width(&format!("abcdef {nfd}"), 5), format!("… {nfd}"));
    assert_eq!(tail_width(&format!("abcdef {nfd}"), 4), format!("…{nfd}"));
    assert_eq!(tail_width(&format!("abcdef{nfd}"), 2), "…e\u{302}\u{301}");
}

#[test]
fn fit_cuts_or_pads_to_the_exact_width() {
    assert_eq!(fit("abc", 5, false), "abc  ");
    assert_eq!(fit("abc", 5, true), "  abc");
    assert_eq!(fit("Nghị quyết", 5, false), "Nghị…");
    assert_eq!(fit("Nghị quyết", 10, true), "Nghị quyết");
    assert_eq!(fit("", 3, true), "   ");
    assert_eq!(fit("abc", 0, false), "");
    for w in 0..8 {
        assert_eq!(fit("越南共产党", w, false).width(), w, "{w}");
        assert_eq!(fit("越南共产党", w, true).width(), w, "{w}");
    }
}

#[test]
fn bars_are_proportional_and_show_any_non_zero_value() {
    assert_eq!(bar(50.0, 100.0, 10), "█████");
    assert_eq!(bar(100.0, 100.0, 10).chars().count(), 10);
    assert_eq!(bar(0.1, 100.0, 10), "█");
    assert_eq!(bar(0.0, 100.0, 10), "");
    assert_eq!(bar(5.0, 0.0, 10), "");
    assert_eq!(bar(5.0, 5.0, 0), "");
}

fn kinds(cols: &[(Col, usize)]) -> Vec<Col> {
    cols.iter().map(|c| c.0).collect()
}

#[test]
fn place_columns_drop_by_priority_as_the_width_shrinks() {
    use Col::*;
    // Wide: every column, in reading order, the bar last.
    let (cols, name) = place_columns(120, 14, 4);
    assert_eq!(name, 14);
    assert_eq!(
        kinds(&cols),
        [Rate, Matching, Passages, Articles, First, Last, Spark, Bar]
    );
    // 80 columns: the dates go first, both at once…
    let (cols, _) = place_columns(80, 14, 4);
    assert_eq!(
        kinds(&cols),
        [Rate, Matching, Passages, Articles, Spark, Bar]
    );
    // …then the sparkline, the articles, the passages, the bar, the matching articles.
    let mut dropped = Vec::new();
    let mut last = kinds(&place_columns(200, 14, 4).0);
    for width in (10..200).rev() {
        let (cols, name) = place_columns(width, 14, 4);
        let used: usize = name + 2 + cols.iter().map(|c| c.1).sum::<usize>();
        assert!(used <= width, "{width}: {cols:?} name {name}");
        let now = kinds(&cols);
        for c in &last {
            if !now.contains(c) && !dropped.contains(c) {
                dropped.push(*c);
            }
        }
        // Nothing comes back as the width shrinks.
        assert!(now.iter().all(|c| last.contains(c)), "{width}: {now:?}");
        last = now;
    }
    assert_eq!(
        dropped,
        [First, Last, Spark, Articles, Passages, Bar, Matching, Rate]
    );
    // Down to 34 columns, the name, the rate and the matching articles stay; then the rate.
    let (cols, name) = place_columns(34, 14, 4);
    assert_eq!(kinds(&cols), [Rate, Matching]);
    assert_eq!(name, 14);
    assert_eq!(kinds(&place_columns(30, 14, 4).0), [Rate]);
}

#[test]
fn place_columns_give_the_bar_the_room_left_and_size_the_rest() {
    // The bar grows into what is left, up to 30 columns.
    let (cols, _) = place_columns(300, 10, 4);
    let bar = cols.iter().find(|c| c.0 == Col::Bar).unwrap();
    assert_eq!(bar.1, 30);
    let (cols, name) = place_columns(80, 14, 4);
    let used: usize = name + 2 + cols.iter().map(|c| c.1).sum::<usize>();
    assert_eq!(used, 80, "the bar takes the rest: {cols:?}");
    // No sparkline for a single period; its width follows the periods (at most 12),
    // never narrower than its heading.
    assert!(!kinds(&place_columns(200, 10, 1).0).contains(&Col::Spark));
    let spark = |periods| {
        place_columns(200, 10, periods)
            .0
            .iter()
            .find(|c| c.0 == Col::Spark)
            .unwrap()
            .1
    };
    assert_eq!(spark(2), " tháng".width());
    assert_eq!(spark(8), 9);
    assert_eq!(spark(40), 13);
    // Long names are cut to 26 columns, short ones padded to 8.
    assert_eq!(place_columns(200, 60, 4).1, 26);
    assert_eq!(place_columns(200, 3, 4).1, 8);
}
