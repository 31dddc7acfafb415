//! The finder overlay: the query box, ranked passages with breadcrumbs and highlighted
//! letters, a count, and a preview of the selected passage in its context.

use crate::app::strings;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};

use super::text_box::TextBox;
use super::{Theme, list_offset};
use crate::app::finder::Finder;
use crate::app::layout::FINDER_ROW;
use crate::app::{App, layout};
use crate::search::{Hit, highlight_ranges};

/// `text` as spans, the char ranges in `ranges` styled as matches.
pub fn highlighted<'a>(
    text: &str,
    ranges: &[(usize, usize)],
    theme: Theme,
    base: Style,
) -> Vec<Span<'a>> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let mut at = 0;
    for &(s, e) in ranges {
        let (s, e) = (s.min(chars.len()), e.min(chars.len()));
        if s < at || s >= e {
            continue;
        }
        let plain: String = chars[at..s].iter().collect();
        let hit: String = chars[s..e].iter().collect();
        spans.push(Span::styled(String::from(&plain), base));
        spans.push(Span::styled(String::from(&hit), theme.matched()));
        at = e;
    }
    let rest: String = chars[at..].iter().collect();
    spans.push(Span::styled(String::from(&rest), base));
    spans
}

/// The char ranges of a hit's letters in the passage, for the part a one-line snippet can
/// show: only the text up to there is folded again (a flattened article is one passage of
/// tens of thousands of characters, and a frame shows a few dozen rows).
pub fn snippet_highlights(text: &str, hit: &Hit, width: usize) -> Vec<(usize, usize)> {
    crate::search::highlight_ranges_near_first(text, &hit.ranges, 2 * width + 64)
}

/// The passage text around its first match, so the match shows in a one-line snippet.
fn snippet(text: &str, ranges: &[(usize, usize)], width: usize) -> (String, Vec<(usize, usize)>) {
    let first = ranges.first().map_or(0, |r| r.0);
    // Start a little before the match, at a word start; only what one row can show is
    // copied.
    let room = first + 2 * width + 8;
    let chars: Vec<char> = text.chars().take(room).collect();
    let first = first.min(chars.len());
    let mut start = first.saturating_sub(width / 4);
    while start > 0 && !chars[start - 1].is_whitespace() {
        start -= 1;
    }
    if first < width / 2 {
        start = 0;
    }
    let prefix = if start > 0 { "…" } else { "" };
    let body: String = chars[start..].iter().collect();
    let shift = |r: &(usize, usize)| {
        (
            r.0.saturating_sub(start) + prefix.chars().count(),
            r.1.saturating_sub(start) + prefix.chars().count(),
        )
    };
    (
        format!("{prefix}{body}"),
        ranges.iter().filter(|r| r.0 >= start).map(shift).collect(),
    )
}

fn breadcrumb(app: &App, hit: &Hit) -> String {
    let c = &app.corpus;
    let doc = &c.documents[hit.at.doc_index()];
    // The section's own locality when it has one (seed 003 covers three places).
    let place = crate::bookmarks::locality_label(c, hit.at);
    let section = c.section_label(hit.at.doc_index(), hit.at.section_index());
    // The same article from other outlets is not searched again: say where else it ran.
    let also = app.copies.get(&hit.at.doc_index()).map(|copies| {
        let mut outlets: Vec<String> = Vec::new();
        for o in copies.iter().filter_map(|&i| c.documents[i].outlet.clone()) {
            if !outlets.contains(&o) && doc.outlet.as_ref() != Some(&o) {
                outlets.push(o);
            }
        }
        strings::also_in(&outlets, copies.len())
    });
    // Outlet and date beside the title: which paper said it, and when.
    let title = [
        Some(doc.title.clone()),
        doc.outlet.clone(),
        doc.date.as_deref().map(crate::text::date::display_date),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    [place, Some(title), section, also]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" › ")
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let Some(f) = &app.finder else { return };
    // The same parts a click is matched against (`layout::finder`).
    let rect = layout::overlay(area);
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border_set())
        .border_style(theme.border(true))
        .title(strings::FINDER_TITLE);
    frame.render_widget(block, rect);
    let Some(parts) = layout::finder(area) else {
        return;
    };
    draw_prompt(frame, app, f, theme, parts.prompt);
    draw_results(frame, app, f, theme, parts.list);
    draw_preview(frame, app, f, theme, parts.detail);
}

fn draw_prompt(frame: &mut Frame, app: &App, f: &Finder, theme: Theme, area: Rect) {
    let telex = if f.input.telex() { " Telex" } else { "" };
    // The analysis view's filter bar narrows the finder too: say so where the scope is.
    let facets = app
        .analysis
        .as_ref()
        .filter(|_| f.scope != crate::app::finder::FinderScope::Article)
        .map(|a| a.facets.summary())
        .filter(|s| !s.is_empty())
        .map(|s| format!(" · {s}"))
        .unwrap_or_default();
    let label = format!("[{}{facets}{telex}] › ", f.scope.label());
    let count = if app.index.is_none() {
        strings::FINDER_INDEXING.to_string()
    } else if f.input.text().trim().is_empty() {
        String::new()
    } else {
        let pos = if f.hits.is_empty() { 0 } else { f.selected + 1 };
        let more = if f.done { "" } else { " …" };
        format!("{}{more}", strings::finder_count(pos, f.total, f.near))
    };
    TextBox {
        input: &f.input,
        label: &label,
        label_style: theme.key(),
        text_style: Style::new(),
        note: Some((&count, theme.meta())),
        focused: true,
    }
    .render(frame, area);
}

fn draw_results(frame: &mut Frame, app: &App, f: &Finder, theme: Theme, area: Rect) {
    let width = usize::from(area.width);
    // Only the rows in view are built (of up to 2,000 results).
    let rows = usize::from(area.height / FINDER_ROW);
    let offset = list_offset(f.selected, f.hits.len(), rows);
    let items: Vec<ListItem> = f
        .hits
        .iter()
        .skip(offset)
        .take(rows.max(1))
        .map(|hit| {
            let p = hit.at.get(&app.corpus);
            let ranges = snippet_highlights(&p.text, hit, width);
            let (text, ranges) = snippet(&p.text, &ranges, width);
            let crumbs = crate::text::truncate_to_width(&breadcrumb(app, hit), width);
            ListItem::new(vec![
                Line::from(Span::styled(String::from(&crumbs), theme.meta())),
                Line::from(highlighted(&text, &ranges, theme, Style::new())),
            ])
        })
        .collect();
    let mut state = ListState::default()
        .with_selected((!items.is_empty()).then_some(f.selected - offset))
        .with_offset(0);
    let list = List::new(items).highlight_style(theme.selected(true));
    frame.render_stateful_widget(list, area, &mut state);
}

fn draw_preview(frame: &mut Frame, app: &App, f: &Finder, theme: Theme, area: Rect) {
    let Some(hit) = f.hits.get(f.selected) else {
        return;
    };
    let c = &app.corpus;
    let section = &c.documents[hit.at.doc_index()].sections[hit.at.section_index()];
    let p = hit.at.passage_index();
    // Inside the block's left and top borders: the breadcrumb (up to a third of the
    // rows: it carries the place, title, section, outlet and date), then the passages.
    let width = usize::from(area.width.saturating_sub(1));
    let rows = usize::from(area.height.saturating_sub(1));
    let crumbs: Vec<Line> =
        super::preview::wrap_marked(&breadcrumb(app, hit), &[], width, theme, theme.title())
            .0
            .into_iter()
            .take((rows / 3).max(1))
            .collect();
    let height = rows.saturating_sub(crumbs.len());
    let mut lines: Vec<Line> = Vec::new();
    // The passage between its neighbours, dimmed; of the one before, only what can show.
    if p > 0 {
        let before = super::preview::tail(&section.passages[p - 1].text, height, width);
        lines.extend(super::preview::wrap_marked(before, &[], width, theme, theme.meta()).0);
    }
    let start = lines.len();
    let text = &section.passages[p].text;
    let marks = highlight_ranges(text, &hit.ranges);
    let (own, starts) = super::preview::wrap_marked(text, &marks, width, theme, Style::new());
    let first_mark = marks.first().map_or(0, |r| r.0);
    let matched = start + starts.iter().rposition(|&s| s <= first_mark).unwrap_or(0);
    lines.extend(own);
    if let Some(next) = section.passages.get(p + 1) {
        let (after, _) = super::preview::wrap_marked(&next.text, &[], width, theme, theme.meta());
        lines.extend(after.into_iter().take(height));
    }
    let top = super::preview::scroll_for(start, matched, lines.len(), height);
    let mut shown = crumbs;
    shown.extend(lines.into_iter().skip(top).take(height));
    let mut block = Block::new()
        .borders(Borders::LEFT | Borders::TOP)
        .border_set(theme.border_set())
        .border_style(theme.border(false));
    // What the search made of the words typed: "csgt = canh sat giao thong", "sumg → sung".
    if !f.notes.is_empty() {
        block = block.title(Span::styled(
            format!(" {} ", f.notes.join(" · ")),
            theme.meta(),
        ));
    }
    frame.render_widget(Paragraph::new(shown).block(block), area);
}
