//! The last gate before the terminal: no cell ever carries a control character or a bidi
//! override to it, whatever text a widget was given (a hand-written corpus, a pasted note,
//! a file name). ratatui already skips C0/C1 controls in most widgets; this catches the rest,
//! and the bidi overrides and isolates it lets through as zero-width text.

use std::borrow::Cow;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use crate::text::safe;

/// A backend that strips unsafe characters from every cell it draws.
#[derive(Debug)]
pub struct SafeBackend<B>(pub B);

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
        let cells: Vec<(u16, u16, Cow<'a, Cell>)> =
            content.map(|(x, y, c)| (x, y, clean_cell(c))).collect();
        self.0
            .draw(cells.iter().map(|(x, y, c)| (*x, *y, c.as_ref())))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.0.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.0.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
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
        let mut t = Terminal::new(SafeBackend(TestBackend::new(30, 2))).unwrap();
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
        let buf = t.backend().0.buffer();
        for cell in buf.content() {
            assert!(!safe::has_unsafe(cell.symbol()), "{:?}", cell.symbol());
        }
        assert_eq!(buf[(0, 1)].symbol(), "\u{fffd}");
        assert_eq!(buf[(1, 1)].symbol(), "x");
        assert_eq!(buf[(2, 1)].symbol(), "y");
    }
}
