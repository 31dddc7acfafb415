//! The finder's preview: the selected passage between its neighbours, laid out here (not
//! by the paragraph widget) so that the line holding the match is known and kept in view
//! however long the passage before it is.

use ratatui::style::Style;
use ratatui::text::Line;

use super::Theme;
use super::finder::highlighted;

/// `text` wrapped to `width` columns, each line with the char ranges of `marks` that fall
/// in it; returns the lines and, per line, its first char's offset in `text`.
pub fn wrap_marked(
    text: &str,
    marks: &[(usize, usize)],
    width: usize,
    theme: Theme,
    base: Style,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let opts = textwrap::Options::new(width.max(1)).break_words(true);
    let (mut byte, mut chars) = (0, 0);
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    for l in textwrap::wrap(text, opts) {
        // Lines are slices of `text`, in order, with the whitespace between them dropped.
        if let Some(at) = text[byte..].find(l.as_ref()) {
            chars += text[byte..byte + at].chars().count();
            byte += at;
        }
        let n = l.chars().count();
        let here: Vec<(usize, usize)> = marks
            .iter()
            .filter(|r| r.1 > chars && r.0 < chars + n)
            .map(|r| (r.0.max(chars) - chars, r.1.min(chars + n) - chars))
            .collect();
        lines.push(Line::from(highlighted(&l, &here, theme, base)));
        starts.push(chars);
        chars += n;
        byte = (byte + l.len()).min(text.len());
    }
    (lines, starts)
}

/// The tail of `text` that `lines` lines of `width` columns can show at most: a long
/// passage before the match is not laid out whole for the one or two lines it shows.
pub fn tail(text: &str, lines: usize, width: usize) -> &str {
    let keep = lines.saturating_mul(width.max(1)) + width;
    let n = text.chars().count();
    if n <= keep {
        return text;
    }
    let cut = text.char_indices().nth(n - keep).map_or(0, |(b, _)| b);
    // From a word start.
    let rest = &text[cut..];
    rest.find(char::is_whitespace)
        .map_or(rest, |s| rest[s..].trim_start())
}

/// The first line to show of a preview of `total` lines in `height` rows, where the
/// passage wanted starts at line `start` and its first match is on line `matched`: the
/// passage from its start with a line of what comes before, unless the match would then
/// be out of view; then the match a third of the way down.
pub fn scroll_for(start: usize, matched: usize, total: usize, height: usize) -> usize {
    if height == 0 {
        return 0;
    }
    let mut top = start.saturating_sub(1);
    if matched >= top + height {
        top = matched.saturating_sub(height / 3);
    }
    // No blank rows after the end; the match stays in view (it is before the end).
    top.min(total.saturating_sub(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    const THEME: Theme = Theme {
        color: true,
        ascii: false,
    };

    #[test]
    fn the_match_line_is_always_in_view() {
        for total in 1..40 {
            for start in 0..total {
                for matched in start..total {
                    for height in 1..12 {
                        let top = scroll_for(start, matched, total, height);
                        assert!(
                            top <= matched && matched < top + height,
                            "start {start} matched {matched} total {total} height {height}: {top}"
                        );
                    }
                }
            }
        }
        // Room for it: the passage from its start, a line of context before.
        assert_eq!(scroll_for(5, 6, 20, 8), 4);
        assert_eq!(scroll_for(0, 0, 20, 8), 0);
    }

    #[test]
    fn wrapped_lines_carry_their_marks() {
        let text = "một hai ba bốn năm sáu bảy tám chín mười";
        let marks = [(8, 10), (35, 40)]; // "ba", "mười"
        let (lines, starts) = wrap_marked(text, &marks, 12, THEME, Style::new());
        let shown: Vec<String> = lines.iter().map(ToString::to_string).collect();
        assert_eq!(shown.join(" "), text);
        assert!(
            shown
                .iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 12)
        );
        let matched = |i: usize| {
            lines[i]
                .spans
                .iter()
                .filter(|s| s.style == THEME.matched())
                .map(|s| s.content.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(matched(0), ["ba"]);
        assert_eq!(matched(lines.len() - 1), ["mười"]);
        assert_eq!(starts[0], 0);
        assert!(tail(text, 1, 10).chars().count() <= 20);
        assert!(text.ends_with(tail(text, 1, 10)));
    }
}
