//! The one-line text box of the finder, the bookmark filter and the note dialog: a label,
//! the text scrolled sideways so the cursor stays in view, and an optional note on the right
//! (the finder's count) that keeps its own columns, so it never covers the text.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::app::input::Input;
use crate::text::truncate_to_width;

pub struct TextBox<'a> {
    pub input: &'a Input,
    pub label: &'a str,
    pub label_style: Style,
    pub text_style: Style,
    /// Shown right-aligned after the text (a count, a state).
    pub note: Option<(&'a str, Style)>,
    /// Put the terminal cursor in the box (IMEs and screen readers follow it).
    pub focused: bool,
}

impl TextBox<'_> {
    pub fn render(self, frame: &mut Frame, area: Rect) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let width = usize::from(area.width);
        let label = truncate_to_width(self.label, width.saturating_sub(1));
        let lw = label.width();
        // The note keeps its columns, and one space before it, only when the text still
        // has a few columns left; on a tiny box the text wins.
        let note = self
            .note
            .filter(|(n, _)| !n.is_empty() && lw + n.width() + 1 + 8 <= width);
        let nw = note.map_or(0, |(n, _)| n.width() + 1);
        let room = width.saturating_sub(lw + nw + 1);
        let (text, cursor) = visible(self.input, room);
        frame.render_widget(
            Line::from(vec![
                Span::styled(label, self.label_style),
                Span::styled(text, self.text_style),
            ]),
            area,
        );
        if let Some((n, style)) = note {
            frame.render_widget(
                Line::from(Span::styled(n.to_string(), style)).right_aligned(),
                Rect {
                    x: area.x + u16::try_from(width - nw + 1).unwrap_or(0),
                    width: u16::try_from(nw - 1).unwrap_or(0),
                    ..area
                },
            );
        }
        if self.focused {
            let x = (lw + cursor).min(width.saturating_sub(1));
            frame.set_cursor_position(Position::new(
                area.x + u16::try_from(x).unwrap_or(0),
                area.y,
            ));
        }
    }
}

/// The part of an input that fits `width` columns with the cursor in view, and the cursor's
/// column in it.
pub fn visible(input: &Input, width: usize) -> (String, usize) {
    let text = input.text();
    let cursor = input.cursor_column();
    if width == 0 {
        return (String::new(), 0);
    }
    if text.width() <= width || cursor < width {
        return (truncate_to_width(text, width), cursor);
    }
    // Drop graphemes from the front until the cursor fits (a wide one may overshoot).
    let mut skipped = 0;
    let mut start = 0;
    for (i, g) in text.grapheme_indices(true) {
        if cursor.saturating_sub(skipped) < width {
            start = i;
            break;
        }
        skipped += g.width();
        start = i + g.len();
    }
    (
        truncate_to_width(&text[start..], width),
        cursor.saturating_sub(skipped),
    )
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    fn typed(s: &str) -> Input {
        let mut i = Input::new();
        i.insert_str(s);
        i
    }

    fn draw(input: &Input, note: &str, width: u16) -> (String, Position) {
        let mut t = Terminal::new(TestBackend::new(width, 1)).unwrap();
        t.draw(|f| {
            TextBox {
                input,
                label: "[tất cả] › ",
                label_style: Style::new(),
                text_style: Style::new(),
                note: Some((note, Style::new())),
                focused: true,
            }
            .render(f, f.area());
        })
        .unwrap();
        let cursor = t.get_cursor_position().unwrap();
        let row = t
            .backend()
            .buffer()
            .content()
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect();
        (row, cursor)
    }

    #[test]
    fn a_long_query_scrolls_and_the_count_keeps_its_place() {
        let input = typed("thuc hien nghi quyet dai hoi dang bo thanh pho");
        let (row, cursor) = draw(&input, "12/345", 50);
        assert!(row.ends_with(" 12/345"), "{row:?}");
        // The end of the query, where the cursor is, is in view, before the count.
        assert!(row.contains("thanh pho"), "{row:?}");
        assert!(!row.contains("thuc hien"), "{row:?}");
        assert!(usize::from(cursor.x) < 50 - " 12/345".len(), "{cursor:?}");
        assert_eq!(row.chars().nth(usize::from(cursor.x) - 1), Some('o'));
    }

    #[test]
    fn a_short_query_shows_whole_with_the_cursor_after_it() {
        let input = typed("ha long");
        let (row, cursor) = draw(&input, "3/9", 50);
        assert!(row.starts_with("[tất cả] › ha long "), "{row:?}");
        assert!(row.trim_end().ends_with("3/9"), "{row:?}");
        assert_eq!(cursor.x, 18);
    }

    #[test]
    fn a_long_input_scrolls_to_keep_the_cursor_in_view() {
        let mut i = Input::new();
        i.insert_str("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX");
        let (text, cursor) = visible(&i, 10);
        assert!(text.width() <= 10, "{text}");
        assert!(cursor < 10);
        assert!(
            "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX".ends_with(text.trim_end_matches('…'))
        );
        // Wide characters and no room at all do not underflow.
        let mut wide = Input::new();
        wide.insert_str("文字文字");
        wide.left();
        assert!(visible(&wide, 1).1 <= 1);
        assert_eq!(visible(&wide, 0), (String::new(), 0));
        let mut short = Input::new();
        short.insert_str("ngắn");
        assert_eq!(visible(&short, 10), ("ngắn".to_string(), 4));
    }
}
