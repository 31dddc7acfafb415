//! The help overlay, generated from the keymap.

use crate::app::strings;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Theme;
use crate::app::App;
use crate::app::action::{HELP_SCOPES, KEYMAP, QUERY_SYNTAX};

/// The help text lines: one per binding, grouped by where it applies; descriptions are cut
/// to `width` columns so a line never wraps (the app knows how far the help scrolls).
pub fn lines(theme: Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (scope, title) in HELP_SCOPES
        .into_iter()
        .map(|scope| (scope, strings::scope_title(scope)))
    {
        let rows: Vec<_> = KEYMAP.iter().filter(|b| b.scope == scope).collect();
        if rows.is_empty() {
            continue;
        }
        out.push(Line::from(Span::styled(String::from(title), theme.title())));
        for b in rows {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<10}", b.label), theme.key()),
                Span::raw(crate::text::truncate_to_width(
                    b.help,
                    width.saturating_sub(12),
                )),
            ]));
        }
    }
    out.push(Line::from(Span::styled(
        strings::QUERY_SYNTAX_TITLE,
        theme.title(),
    )));
    for (example, what) in QUERY_SYNTAX {
        out.push(Line::from(vec![
            // The examples are ASCII or one column per letter: padding by chars is by width.
            Span::styled(format!("  {example:<16}"), theme.key()),
            Span::raw(crate::text::truncate_to_width(
                what,
                width.saturating_sub(18),
            )),
        ]));
    }
    out
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let w = 64.min(area.width);
    let text = lines(theme, usize::from(w.saturating_sub(2)));
    let total = text.len();
    let h = u16::try_from(text.len() + 2).map_or(area.height, |h| h.min(area.height));
    let [row] = Layout::vertical([Constraint::Length(h)])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(w)])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border_set())
        .border_style(theme.border(true))
        .title(strings::HELP_TITLE);
    // Clamped here: the app does not know the height the help is drawn at.
    let room = usize::from(h.saturating_sub(2));
    let scroll = app.help_scroll.min(total.saturating_sub(room));
    frame.render_widget(
        Paragraph::new(text)
            .block(block)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        rect,
    );
}
