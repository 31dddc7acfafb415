//! The terminal backend: ratatui's cells as plain ANSI/ECMA-48 sequences.
//!
//! ratatui's crossterm backend sends the 16 theme colours as 256-colour codes (`38;5;6`),
//! which 16-colour terminals (`TERM=xterm`, `vt100`, the Linux console) show wrongly or not
//! at all. Here the named colours are SGR 30–37 / 90–97 (40–47 / 100–107 for backgrounds),
//! every style change is one SGR sequence, and cursor moves are only written where the next
//! cell does not follow the last one. Everything goes into one buffer, flushed once a frame.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

#[derive(Debug)]
pub struct AnsiBackend<W: Write> {
    out: W,
    cursor: Position,
}

impl<W: Write> AnsiBackend<W> {
    pub fn new(out: W) -> Self {
        AnsiBackend {
            out,
            cursor: Position::ORIGIN,
        }
    }

    pub fn writer(&mut self) -> &mut W {
        &mut self.out
    }
}

/// The SGR parameter of a colour: named colours as the 16 ANSI codes.
fn color_code(c: Color, background: bool) -> Option<String> {
    let shift = if background { 10 } else { 0 };
    let named = match c {
        Color::Reset => return None,
        Color::Black => 30,
        Color::Red => 31,
        Color::Green => 32,
        Color::Yellow => 33,
        Color::Blue => 34,
        Color::Magenta => 35,
        Color::Cyan => 36,
        Color::Gray => 37,
        Color::DarkGray => 90,
        Color::LightRed => 91,
        Color::LightGreen => 92,
        Color::LightYellow => 93,
        Color::LightBlue => 94,
        Color::LightMagenta => 95,
        Color::LightCyan => 96,
        Color::White => 97,
        Color::Indexed(i) => return Some(format!("{};5;{i}", 38 + shift)),
        Color::Rgb(r, g, b) => return Some(format!("{};2;{r};{g};{b}", 38 + shift)),
    };
    Some((named + shift).to_string())
}

const MODIFIERS: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// One SGR sequence that sets exactly this style (from a reset).
pub fn sgr(fg: Color, bg: Color, modifier: Modifier) -> String {
    let mut params = vec!["0".to_string()];
    for (m, code) in MODIFIERS {
        if modifier.contains(m) {
            params.push(code.to_string());
        }
    }
    params.extend(color_code(fg, false));
    params.extend(color_code(bg, true));
    format!("\x1b[{}m", params.join(";"))
}

impl<W: Write> Backend for AnsiBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut style: Option<(Color, Color, Modifier)> = None;
        let mut last: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            if last != Some((x.wrapping_sub(1), y)) || x == 0 {
                write!(self.out, "\x1b[{};{}H", y + 1, x + 1)?;
            }
            last = Some((x, y));
            let s = (cell.fg, cell.bg, cell.modifier);
            if style != Some(s) {
                self.out.write_all(sgr(s.0, s.1, s.2).as_bytes())?;
                style = Some(s);
            }
            self.out.write_all(cell.symbol().as_bytes())?;
        }
        if style.is_some() {
            self.out.write_all(b"\x1b[0m")?;
        }
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        for _ in 0..n {
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.out.write_all(b"\x1b[?25l")
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.out.write_all(b"\x1b[?25h")
    }

    /// Where this backend last put the cursor: the browser is full-screen, so nothing asks
    /// the terminal (that would read from stdin, which the input thread owns).
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        self.cursor = p;
        write!(self.out, "\x1b[{};{}H", p.y + 1, p.x + 1)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.out.write_all(b"\x1b[0m\x1b[2J")
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let seq: &[u8] = match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[0J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[0K",
        };
        self.out.write_all(seq)
    }

    fn size(&self) -> io::Result<Size> {
        let (w, h) = crossterm::terminal::size()?;
        Ok(Size::new(w, h))
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let w = crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size::new(w.columns, w.rows),
            pixels: Size::new(w.width, w.height),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::style::Style;
    use ratatui::text::Span;

    use super::*;

    fn frame(draw: impl FnOnce(&mut ratatui::Frame)) -> String {
        let mut t = Terminal::with_options(
            AnsiBackend::new(Vec::new()),
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 10, 2)),
            },
        )
        .unwrap();
        t.draw(draw).unwrap();
        String::from_utf8(t.backend_mut().writer().clone()).unwrap()
    }

    #[test]
    fn named_colours_are_the_sixteen_ansi_codes() {
        let out = frame(|f| {
            f.render_widget(
                Span::styled("ab", Style::new().fg(Color::Cyan).bg(Color::Blue)),
                f.area(),
            );
        });
        assert!(out.contains("\x1b[0;36;44mab"), "{out:?}");
        assert!(!out.contains("38;5"), "{out:?}");
        let out = frame(|f| {
            f.render_widget(
                Span::styled("x", Style::new().fg(Color::LightYellow).bold().reversed()),
                f.area(),
            );
        });
        assert!(out.contains("\x1b[0;1;7;93mx"), "{out:?}");
    }

    #[test]
    fn cells_in_a_row_need_one_move_and_one_style() {
        let out = frame(|f| f.render_widget(Span::raw("hello"), f.area()));
        assert_eq!(out.matches("\x1b[1;1H").count(), 1, "{out:?}");
        assert!(out.contains("hello"), "{out:?}");
        // The blank rest of the frame is drawn too, in the same style, without new moves.
        assert_eq!(out.matches("\x1b[0m").count(), 2, "{out:?}");
    }
}
