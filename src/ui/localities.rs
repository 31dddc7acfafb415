//! The locality pane: "Tất cả", then provinces with their localities (communes under their
//! district) and document counts.

use crate::app::strings;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};
use unicode_width::UnicodeWidthStr;

use super::text_box::TextBox;
use super::{Theme, list_offset, pane_block};
use crate::app::localities::LocalityRow;
use crate::app::{App, Pane};

/// Short form of a unit type, so "Thanh Hóa tp." and the province "Thanh Hóa" differ.
pub fn kind_abbrev(kind: &str) -> &'static str {
    match kind {
        "tỉnh" => "tỉnh",
        "thành phố trực thuộc trung ương" => "tp. TW",
        k if k.starts_with("thành phố") => "tp.",
        "quận" => "q.",
        "huyện" => "h.",
        "thị xã" => "tx.",
        "thị trấn" => "tt.",
        "xã" => "x.",
        "phường" => "p.",
        "đặc khu" => "đk.",
        _ => "",
    }
}

/// `left` and a count pushed to the right edge of `width` columns.
fn with_count(left: Vec<Span<'_>>, count: usize, width: usize, theme: Theme) -> Line<'_> {
    let count = count.to_string();
    let used: usize = left.iter().map(|s| s.content.width()).sum();
    let pad = width.saturating_sub(used + count.width()).max(1);
    let mut spans = left;
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(count, theme.count()));
    Line::from(spans)
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let focused = app.focus == Pane::Localities;
    let block = pane_block(theme, Pane::Localities, focused);
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let title = if app.localities.by_2025 {
        strings::PROVINCES_SINCE_2025
    } else {
        strings::PROVINCES_BEFORE_2025
    };
    // By name needs no word; the other order says so first (the border is short).
    let block = if app.localities.by_count {
        block.title_bottom(format!("{} · {title}", strings::SORT_BY_COUNT))
    } else {
        block.title_bottom(String::from(title))
    };
    // The filter box takes the first row while it is typed in or holds a filter.
    let l = &app.localities;
    let boxed = l.filtering || !l.query.text().is_empty();
    let (filter_row, list_area) = crate::app::layout::locality_list(inner, boxed);
    let n = app.localities.rows.len();
    let height = usize::from(list_area.height);
    let offset = list_offset(app.localities.selected, n, height);
    let items: Vec<ListItem> = app
        .localities
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| {
            // A branch shows whether it is open; leaves line up with its name.
            let mark = match l.branches.get(i).copied().flatten() {
                Some(true) => "▾ ",
                Some(false) => "▸ ",
                None => "  ",
            };
            let line = match row {
                LocalityRow::All { documents } => with_count(
                    vec![Span::styled(strings::ALL_LOCALITIES, theme.province())],
                    *documents,
                    width,
                    theme,
                ),
                LocalityRow::Province {
                    name, documents, ..
                } => with_count(
                    vec![
                        Span::styled(mark, theme.meta()),
                        Span::styled(String::from(name), theme.province()),
                    ],
                    *documents,
                    width,
                    theme,
                ),
                LocalityRow::Locality {
                    name,
                    kind,
                    documents,
                    depth,
                    parent,
                    ..
                } => with_count(
                    vec![
                        Span::raw("  ".repeat(usize::from(*depth))),
                        Span::styled(mark, theme.meta()),
                        Span::raw(String::from(name)),
                        // A name other rows share: `Châu Thành (Tiền Giang)`.
                        Span::raw(parent.as_ref().map_or(String::new(), |p| format!(" ({p})"))),
                        Span::raw(" "),
                        Span::styled(String::from(kind_abbrev(kind)), theme.meta()),
                    ],
                    *documents,
                    width,
                    theme,
                ),
            };
            ListItem::new(line)
        })
        .collect();
    let mut state = ListState::default()
        .with_selected((n > 0).then(|| app.localities.selected - offset))
        .with_offset(0);
    frame.render_widget(block, area);
    if let Some(row) = filter_row {
        let label = if l.query.telex() {
            strings::LOCALITY_FILTER_LABEL_TELEX
        } else {
            strings::LOCALITY_FILTER_LABEL
        };
        TextBox {
            input: &l.query,
            label,
            label_style: theme.key(),
            text_style: ratatui::style::Style::new(),
            note: None,
            focused: focused && l.filtering,
        }
        .render(frame, row);
    }
    let list = List::new(items).highlight_style(theme.selected(focused && !l.filtering));
    frame.render_stateful_widget(list, list_area, &mut state);
}
