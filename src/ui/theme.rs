//! Styles. The default uses only the 16 ANSI colours plus bold/dim/italic/reverse, chosen to
//! read on dark and light backgrounds; `mono` (and `NO_COLOR`) keeps only the modifiers.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

impl Theme {
    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn border_set(self) -> border::Set<'static> {
        border::ROUNDED
    }

    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn selected(self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn heading(self) -> Style {
        self.fg(Color::Blue).add_modifier(Modifier::BOLD)
    }

    pub fn meta(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn caption(self) -> Style {
        Style::new().add_modifier(Modifier::DIM | Modifier::ITALIC)
    }

    pub fn province(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn count(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn status(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Matched letters: reverse video reads on any background and without colour.
    pub fn matched(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// Bookmark marks: bold, so they show without colour too.
    pub fn bookmark(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn notice(self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }
}
