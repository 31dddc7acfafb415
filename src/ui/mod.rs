//! Drawing. Every function here only reads the [`App`]; one file per pane.

mod analysis;
pub mod ansi_backend;
mod bookmarks;
mod finder;
pub(crate) mod help;
mod localities;
mod outline;
mod preview;
mod reader;
pub mod safe_backend;
mod status;
mod tags;
pub mod text_box;
pub mod theme;

use crate::app::strings;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::{App, Pane, layout};
pub use ansi_backend::AnsiBackend;
pub use safe_backend::SafeBackend;
pub use theme::Theme;

pub use crate::app::layout::PANE_TITLES;

fn pane_title(p: Pane) -> &'static str {
    PANE_TITLES
        .iter()
        .find(|(q, _)| *q == p)
        .map_or("", |(_, t)| t)
}

fn pane_block(theme: Theme, pane: Pane, focused: bool) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border_set())
        .border_style(theme.border(focused))
        .title(String::from(pane_title(pane)))
}

pub use crate::app::layout::list_offset;

/// Row `at` of a list drawn in `list` (one line a row), in the selection's style when
/// `selected`: the analysis view's tables and the tags pane draw their rows so.
pub(crate) fn draw_row(
    frame: &mut Frame,
    list: Rect,
    at: usize,
    line: Line,
    selected: bool,
    theme: Theme,
) {
    let line = if selected {
        line.style(theme.selected(true))
    } else {
        line
    };
    let y = list.y.saturating_add(u16::try_from(at).unwrap_or(u16::MAX));
    if y < list.bottom() {
        frame.render_widget(
            line,
            Rect {
                y,
                height: 1,
                ..list
            },
        );
    }
}

/// Draw the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: Theme) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    if let Some(l) = app.loading {
        draw_loading(frame, app, l);
        return;
    }
    let panes = layout::panes(area, app.focus, app.left);
    if let Some(t) = panes.tabs {
        draw_tabs(frame, app, theme, t);
    }
    if let Some(r) = panes.localities {
        localities::draw(frame, app, theme, r);
    }
    if let Some(r) = panes.outline {
        outline::draw(frame, app, theme, r);
    }
    if let Some(r) = panes.reader {
        reader::draw(frame, app, theme, r);
    }
    status::draw(frame, app, theme, panes.status);
    if app.analysis_open {
        analysis::draw(frame, app, theme, area);
    }
    if app.finder.is_some() {
        finder::draw(frame, app, theme, area);
    }
    if app.bookmarks.pane.is_some() {
        bookmarks::draw_pane(frame, app, theme, area);
    }
    if app.bookmarks.tags.is_some() {
        tags::draw_pane(frame, app, theme, area);
    }
    if app.bookmarks.dialog.is_some() {
        bookmarks::draw_dialog(frame, app, theme, area);
    }
    if app.help {
        help::draw(frame, app, theme, area);
    }
}

/// The pane switcher shown when not all three panes fit (at the places `layout::tabs` says,
/// where clicks are matched).
fn draw_tabs(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let mut spans = Vec::new();
    for (p, title) in PANE_TITLES {
        let style = if p == app.focus {
            theme.selected(true)
        } else {
            theme.meta()
        };
        spans.push(ratatui::text::Span::styled(format!(" {title} "), style));
        spans.push(" ".into());
    }
    spans.push(ratatui::text::Span::styled(
        strings::PANE_SWITCH_HINT,
        theme.meta(),
    ));
    frame.render_widget(Line::from(spans), area);
}

fn draw_loading(frame: &mut Frame, app: &App, l: crate::app::Loading) {
    let pct = (l.done * 100).checked_div(l.total).unwrap_or(0);
    let text = strings::loading(
        &app.corpus_name,
        pct,
        l.done as f64 / 1e6,
        l.total as f64 / 1e6,
    );
    let area = frame.area();
    let y = area.height / 2;
    let line = Rect::new(area.x, area.y + y, area.width, 1);
    frame.render_widget(Paragraph::new(text).alignment(Alignment::Center), line);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_keep_the_selection_visible() {
        assert_eq!(list_offset(3, 5, 10), 0);
        for len in [11usize, 50] {
            for sel in 0..len {
                let off = list_offset(sel, len, 10);
                assert!(
                    off <= sel && sel < off + 10 && off + 10 <= len,
                    "{sel} {len} {off}"
                );
            }
        }
        assert_eq!(list_offset(5, 50, 0), 0);
    }
}
