//! The outline pane: articles, their sections and passages.

use crate::app::strings;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use unicode_width::UnicodeWidthStr;

use super::{Theme, list_offset, pane_block, pane_title};
use crate::app::outline::Node;
use crate::app::{App, Pane};
use crate::corpus::{PassageKind, SectionName};
use crate::text::date::display_date;

/// A bookmarked passage, or a closed article or section holding one.
const MARKED: &str = "★ ";

/// The first words of a text, for a one-line label.
fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(n + 1).collect();
    if words.len() > n {
        format!("{} …", words[..n].join(" "))
    } else {
        words.join(" ")
    }
}

/// The label of a node (without indentation).
pub fn label(app: &App, node: Node) -> String {
    let c = &app.corpus;
    match node {
        Node::Article(d) => {
            let doc = &c.documents[d];
            // The day only: a row has little room, the reader shows the time.
            let meta: Vec<String> = [
                doc.date
                    .as_deref()
                    .map(|x| display_date(x.split('T').next().unwrap_or(x))),
                doc.outlet.clone(),
            ]
            .into_iter()
            .flatten()
            .collect();
            if meta.is_empty() {
                doc.title.clone()
            } else {
                format!("{} — {}", doc.title, meta.join(" · "))
            }
        }
        Node::Section(d, s) => c.section_name(d, s).map_or_else(
            || {
                c.documents[d].sections[s]
                    .passages
                    .first()
                    .map_or_else(|| format!("§{}", s + 1), |p| first_words(&p.text, 8))
            },
            SectionName::shown,
        ),
        Node::Passage(at) => {
            let passage = at.get(c);
            let words = first_words(&passage.text, 8);
            match passage.kind {
                PassageKind::Caption => format!("{}{words}", strings::CAPTION_MARK),
                PassageKind::ListItem => format!("• {words}"),
                PassageKind::Lead => format!("{}{words}", strings::LEAD_MARK),
                PassageKind::Paragraph => words,
            }
        }
    }
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let focused = app.focus == Pane::Outline;
    let block = pane_block(theme, Pane::Outline, focused);
    let inner = block.inner(area);
    let n = app.outline.rows.len();
    // Only the rows in view are built: an outline can hold every article of the corpus.
    let height = usize::from(inner.height);
    let offset = list_offset(app.outline.selected, n, height);
    let items: Vec<ListItem> = app
        .outline
        .rows
        .iter()
        .skip(offset)
        .take(height)
        .map(|&node| {
            let depth = node.depth(app.outline.is_flat(node.doc()));
            let marker = match node {
                Node::Passage(at) if app.bookmarks.is_marked(at) => MARKED,
                Node::Passage(..) => "  ",
                n if app.outline.is_expanded(n) => "▾ ",
                _ => "▸ ",
            };
            let style = match node {
                Node::Article(_) => theme.title(),
                Node::Section(..) => theme.heading(),
                Node::Passage(..) => ratatui::style::Style::new(),
            };
            // A collapsed article or section shows that it holds bookmarks.
            let holds = match node {
                Node::Article(d) => app.bookmarks.holds_marks(d, None),
                Node::Section(d, s) => app.bookmarks.holds_marks(d, Some(s)),
                Node::Passage(..) => false,
            };
            let star = if holds { MARKED } else { "" };
            // An article read outside the locality filter says so.
            let outside = match node {
                Node::Article(d) if app.outline.pinned == Some(d) => strings::OUTSIDE_MARK,
                _ => "",
            };
            let text = format!(
                "{}{}{}{}{}",
                "  ".repeat(depth),
                marker,
                star,
                outside,
                label(app, node)
            );
            ListItem::new(Line::from(Span::styled(text, style)))
        })
        .collect();
    // How the articles are ordered (top right, only beside the pane's name, never over
    // it), how many and over which dates (bottom).
    let o = &app.outline;
    let room =
        usize::from(area.width.saturating_sub(3)).saturating_sub(pane_title(Pane::Outline).width());
    let label = o.order.label();
    let hint = [strings::order_hint(label), format!(" {label} ")]
        .into_iter()
        .find(|h| h.width() <= room);
    let block = match hint {
        Some(h) => block.title(Line::from(h).right_aligned()),
        None => block,
    }
    .title_bottom(o.summary.label(usize::from(area.width.saturating_sub(2))));
    let mut state = ListState::default()
        .with_selected((n > 0).then(|| app.outline.selected - offset))
        .with_offset(0);
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selected(focused));
    frame.render_stateful_widget(list, area, &mut state);
}
