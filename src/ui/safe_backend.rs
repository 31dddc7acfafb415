//! The last gate before the terminal: no cell ever carries a control character or a bidi
//! override to it, whatever text a widget was given (a hand-written corpus, a pasted note,
//! a file name). ratatui already skips C0/C1 controls in most widgets; this catches the rest,
//! and the bidi overrides and isolates it lets through as zero-width text.
//!
//! ASCII mode (`--ascii`, or a locale without UTF-8) is done here too, once, on the finished
//! frame: every cell is folded to ASCII (`ạ` → `a`, `▸` → `>`, `…` → `.`), one column per
//! column, so widgets draw the same text in both modes and nothing is missed.

use std::borrow::Cow;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use crate::text::safe;

/// A backend that strips unsafe characters from every cell it draws (and folds it to ASCII
/// in ASCII mode).
#[derive(Debug)]
pub struct SafeBackend<B> {
    pub inner: B,
    pub ascii: bool,
}

impl<B> SafeBackend<B> {
    pub fn new(inner: B, ascii: bool) -> Self {
        SafeBackend { inner, ascii }
    }
}

/// One ASCII character for a symbol drawn by the widgets (arrows, marks, box drawing), where
/// the text folding has none.
fn symbol_to_ascii(c: char) -> Option<char> {
    Some(match c {
        '▸' | '▶' | '→' | '›' | '»' => '>',
        '▾' | '▼' | '↓' => 'v',
        '◂' | '◀' | '←' | '‹' | '«' => '<',
        '▴' | '▲' | '↑' => '^',
        '★' | '☆' | '•' | '●' | '◆' | '■' | '▪' => '*',
        // (▁▂▃ ▄▅ ▆▇: a sparkline's low, middle and high.)
        '…' | '·' | '░' | '▁' | '▂' | '▃' => '.',
        '▄' | '▅' => ':',
        '│' | '┃' | '║' | '▏' | '▕' | '▆' | '▇' => '|',
        '─' | '━' | '═' => '-',
        '╭' | '╮' | '╰' | '╯' | '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' => {
            '+'
        }
        '█' | '▓' | '▒' => '#',

        '⚠' => '!',
        _ => return None,
    })
}

/// A cell's symbol in ASCII, as many columns wide as it was.
pub fn ascii_symbol(symbol: &str) -> Cow<'_, str> {
    if symbol.is_ascii() {
        return Cow::Borrowed(symbol);
    }
    let width = unicode_width::UnicodeWidthStr::width(symbol).max(1);
    let mut chars = symbol.chars();
    let first = chars.next().unwrap_or(' ');
    let folded = symbol_to_ascii(first)
        .or_else(|| {
            crate::text::to_ascii(symbol)
                .chars()
                .find(|c| !c.is_control())
        })
        .unwrap_or('?');
    Cow::Owned(std::iter::repeat_n(folded, width).collect())
}

/// The cell as it may reach the terminal.
pub fn clean_cell(cell: &Cell) -> Cow<'_, Cell> {
    let symbol = cell.symbol();
    if !safe::has_unsafe(symbol) {
        return Cow::Borrowed(cell);
    }
    let kept = safe::strip(symbol);
    let mut c = cell.clone();
    // A cell that held only a control still takes its column: show that something was there.
    c.set_symbol(if kept.is_empty() { "\u{fffd}" } else { &kept });
    Cow::Owned(c)
}

impl<B: Backend> Backend for SafeBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let ascii = self.ascii;
        let cells: Vec<(u16, u16, Cow<'a, Cell>)> = content
            .map(|(x, y, c)| {
                let c = clean_cell(c);
                if ascii && !c.symbol().is_ascii() {
                    let mut folded = c.into_owned();
                    let s = ascii_symbol(folded.symbol()).into_owned();
                    folded.set_symbol(&s);
                    (x, y, Cow::Owned(folded))
                } else {
                    (x, y, c)
                }
            })
            .collect();
        self.inner
            .draw(cells.iter().map(|(x, y, c)| (*x, *y, c.as_ref())))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::text::Line;
    use ratatui::widgets::Paragraph;

    use super::*;

    #[test]
    fn no_cell_reaches_the_terminal_with_a_control_or_bidi_override() {
        let mut t = Terminal::new(SafeBackend::new(TestBackend::new(30, 2), false)).unwrap();
        t.draw(|f| {
            f.render_widget(
                Paragraph::new(Line::from("ab\u{202e}cd\u{1b}[2Je\u{2066}f")),
                f.area(),
            );
            // A widget that writes cells directly is caught too. (A control char there would
            // trip ratatui's own debug assertion before the backend; bidi overrides do not.)
            f.buffer_mut()[(0, 1)].set_symbol("\u{202e}");
            f.buffer_mut()[(1, 1)].set_symbol("x\u{2066}");
            f.buffer_mut()[(2, 1)].set_symbol("y\u{9b}");
        })
        .unwrap();
        let buf = t.backend().inner.buffer();
        for cell in buf.content() {
            assert!(!safe::has_unsafe(cell.symbol()), "{:?}", cell.symbol());
        }
        assert_eq!(buf[(0, 1)].symbol(), "\u{fffd}");
        assert_eq!(buf[(1, 1)].symbol(), "x");
        assert_eq!(buf[(2, 1)].symbol(), "y");
    }

    #[test]
    fn ascii_mode_folds_every_cell_keeping_its_width() {
        let mut t = Terminal::new(SafeBackend::new(TestBackend::new(12, 1), true)).unwrap();
        t.draw(|f| f.render_widget(Paragraph::new("▸▾ Hạ→… 中x"), f.area()))
            .unwrap();
        let buf = t.backend().inner.buffer();
        let row: String = buf.content().iter().map(Cell::symbol).collect();
        // The wide 中 becomes two question marks in its own cell; the cell it covers stays.
        assert_eq!(row, ">v Ha>. ?? x ");
        assert!(buf.content().iter().all(|c| c.symbol().is_ascii()));
    }
}
