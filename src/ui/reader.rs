//! The reader pane: the article, styled by line kind, with a scrollbar and a position.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::{Theme, pane_block};
use crate::app::outline::Node;
use crate::app::reader::LineKind;
use crate::app::{App, Pane};

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let focused = app.focus == Pane::Reader;
    let r = &app.reader;
    let block = pane_block(theme, Pane::Reader, focused)
        .title_bottom(Line::from(String::from(&r.position(&app.corpus))).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    let lines: Vec<Line> = r
        .lines
        .iter()
        .skip(r.scroll)
        .take(height)
        .map(|l| {
            let style = match l.kind {
                LineKind::Title => theme.title(),
                LineKind::Meta => theme.meta(),
                LineKind::Heading => theme.heading(),
                LineKind::Caption => theme.caption(),
                _ => ratatui::style::Style::new(),
            };
            // The letters the last query matched, worked out per passage when it was opened.
            let marks = match l.node {
                Node::Passage(at) => r.marks.get(&at),
                _ => None,
            };
            match marks {
                Some(ranges) => Line::from(super::finder::highlighted(
                    &l.text,
                    &l.slice_ranges(ranges),
                    theme,
                    style,
                )),
                None => Line::from(Span::styled(l.text.as_str(), style)),
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    // Bookmarked passages: a mark in the left border beside every line of them (it costs
    // no text width, which small terminals need).
    if area.width > 2 {
        let mark = super::bookmarks::MARK;
        for (y, l) in (inner.y..).zip(r.lines.iter().skip(r.scroll).take(height)) {
            if let Node::Passage(at) = l.node
                && l.kind != LineKind::Blank
                && app.bookmarks.is_marked(at)
            {
                frame.render_widget(
                    Span::styled(mark, theme.bookmark()),
                    Rect::new(area.x, y, 1, 1),
                );
            }
        }
    }
    if r.lines.len() > height && inner.width > 1 {
        let mut sb = ScrollbarState::new(r.max_scroll()).position(r.scroll);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None);
        frame.render_stateful_widget(bar, area.inner(Margin::new(0, 1)), &mut sb);
    }
}
