//! The bookmarks pane (`'` / `m`), the note dialog (`B`, `e`) and the export dialog (`E`).

use std::collections::HashSet;

use crate::app::strings;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::text_box::TextBox;
use super::{Theme, list_offset};
use crate::app::bookmarks::{Dialog, NoteTarget};
use crate::app::input::Input;
use crate::app::{App, layout};
use crate::bookmarks::export::Format;
use crate::bookmarks::{Bookmark, Status};
use crate::text::date::display_date;
use crate::text::truncate_to_width;

use crate::app::layout::BOOKMARK_ROW;

fn block(theme: Theme, title: &str) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border_set())
        .border_style(theme.border(true))
        .title(String::from(title))
}

fn status_tag(status: Status) -> &'static str {
    match status {
        Status::Ok => "",
        Status::Reanchored => strings::STATUS_REANCHORED,
        Status::Orphaned => strings::STATUS_ORPHANED,
    }
}

/// Row heading: locality › section, else locality › article (the full path is in the detail
/// below; long upper-case titles would push the section out of a row).
fn crumbs(b: &Bookmark) -> String {
    let place = b.section.as_deref().unwrap_or(b.title.as_str());
    [b.locality.as_deref(), Some(place)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" › ")
}

/// ` · outlet · dd/mm/yyyy` after a row's path: the whole of it when it fits beside the path
/// or leaves the path half the row, else the day alone, else nothing (the path is cut
/// first; the detail below has them all).
fn source_suffix(b: &Bookmark, room: usize) -> String {
    let day = b
        .date
        .as_deref()
        .map(|d| display_date(d.split('T').next().unwrap_or(d)));
    let full = [b.outlet.clone(), day.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let path = crumbs(b).width();
    [full, day.unwrap_or_default()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(|s| format!(" · {s}"))
        .find(|s| path + s.width() <= room || 2 * s.width() <= room)
        .unwrap_or_default()
}

/// The mark of a bookmark: `+` in ASCII, where `*` already stands for a section's place.
/// The bookmark mark, in the reader's border, the outline and this pane.
pub const MARK: &str = "★";

pub fn draw_pane(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let bm = &app.bookmarks;
    let Some(pane) = &bm.pane else { return };
    // The same parts a click is matched against (`layout::bookmarks`).
    let rect = layout::overlay(area);
    frame.render_widget(Clear, rect);
    let count = if pane.rows.len() == bm.list.len() {
        format!("{}", bm.list.len())
    } else {
        format!("{}/{}", pane.rows.len(), bm.list.len())
    };
    let mut title = strings::bookmarks_title(&count, pane.sort.label());
    let only = (pane.only.as_ref().map(|o| o.0.clone()))
        .or_else(|| pane.tag.as_deref().map(strings::tag_label));
    if let Some(what) = only {
        title = strings::bookmarks_tagged_title(&count, &what, pane.sort.label());
    }
    let hints = strings::BOOKMARKS_HINTS;
    let hints = truncate_to_width(hints, usize::from(rect.width.saturating_sub(4)));
    let b = block(theme, &title).title_bottom(Line::from(Span::styled(
        format!(" {} ", &hints),
        theme.meta(),
    )));
    frame.render_widget(b, rect);
    let Some(parts) = layout::bookmarks(area) else {
        return;
    };
    draw_filter(frame, app, theme, parts.prompt);
    if pane.rows.is_empty() {
        let msg = if !bm.loaded {
            strings::BOOKMARKS_LOADING
        } else if bm.list.is_empty() {
            strings::BOOKMARKS_NONE
        } else {
            strings::BOOKMARKS_NONE_MATCH
        };
        frame.render_widget(
            Paragraph::new(String::from(msg))
                .style(theme.meta())
                .wrap(Wrap { trim: true }),
            if parts.detail.is_empty() {
                parts.list
            } else {
                parts.list.union(parts.detail)
            },
        );
        return;
    }
    draw_list(frame, app, theme, parts.list);
    if parts.detail.height > 0 {
        draw_detail(frame, app, theme, parts.detail);
    }
}

/// `/ filter` line, or what it is for.
fn draw_filter(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let Some(pane) = &app.bookmarks.pane else {
        return;
    };
    if !pane.filtering && pane.filter.text().is_empty() {
        frame.render_widget(
            Line::from(Span::styled(strings::FILTER_PROMPT, theme.meta())),
            area,
        );
        return;
    }
    let label = if pane.filter.telex() {
        strings::FILTER_LABEL_TELEX
    } else {
        strings::FILTER_LABEL
    };
    TextBox {
        input: &pane.filter,
        label,
        label_style: theme.key(),
        text_style: Style::new(),
        note: None,
        focused: pane.filtering,
    }
    .render(frame, area);
}

fn draw_list(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let bm = &app.bookmarks;
    let Some(pane) = &bm.pane else { return };
    let width = usize::from(area.width);
    let mark = format!("{MARK} ");
    let items: Vec<ListItem> = pane
        .rows
        .iter()
        .map(|&i| {
            let b = &bm.list[i];
            let status = bm.resolved.get(i).map_or(Status::Orphaned, |r| r.status);
            let tag = status_tag(status);
            let room = width.saturating_sub(2 + tag.width());
            let when = source_suffix(b, room);
            let head = truncate_to_width(&crumbs(b), room.saturating_sub(when.width()));
            let quote = truncate_to_width(&format!("“{}”", b.quote.text), width.saturating_sub(2));
            let extra = [b.note.as_str(), &b.tags_label()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("  ");
            let extra = truncate_to_width(&extra, width.saturating_sub(2));
            ListItem::new(vec![
                Line::from(vec![
                    Span::styled(mark.clone(), theme.bookmark()),
                    Span::styled(String::from(&head), theme.meta()),
                    Span::styled(when, theme.meta()),
                    Span::styled(String::from(tag), theme.notice()),
                ]),
                Line::from(format!("  {}", &quote)),
                Line::from(Span::styled(format!("  {}", &extra), theme.key())),
            ])
        })
        .collect();
    let n = items.len();
    let mut state = ListState::default()
        .with_selected(Some(pane.selected))
        .with_offset(list_offset(
            pane.selected,
            n,
            usize::from(area.height / BOOKMARK_ROW),
        ));
    let list = List::new(items).highlight_style(theme.selected(!pane.filtering));
    frame.render_stateful_widget(list, area, &mut state);
}

/// The selected bookmark in full: quote with its context, note, tags, when, status.
fn draw_detail(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let bm = &app.bookmarks;
    let Some(i) = bm.selected() else { return };
    let b = &bm.list[i];
    let status = bm.resolved.get(i).map_or(Status::Orphaned, |r| r.status);
    let when = display_date(b.created.get(..10).unwrap_or(&b.created));
    let state = match status {
        Status::Ok => "",
        Status::Reanchored => strings::DETAIL_REANCHORED,
        Status::Orphaned => strings::DETAIL_ORPHANED,
    };
    let path = [Some(b.title.as_str()), b.section.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" › ");
    let mut lines = vec![Line::from(Span::styled(String::from(&path), theme.title()))];
    // Who published the article and when, as the reader's meta line says it.
    let source: Vec<String> = [b.outlet.clone(), b.date.as_deref().map(display_date)]
        .into_iter()
        .flatten()
        .collect();
    if !source.is_empty() {
        lines.push(Line::from(Span::styled(source.join(" · "), theme.meta())));
    }
    lines.push(Line::from(Span::styled(
        strings::bookmark_id_line(&b.id, &when, state),
        theme.meta(),
    )));
    lines.push(Line::from(String::from(&b.quote.text)));
    if !b.note.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(strings::NOTE_LABEL, theme.key()),
            Span::raw(String::from(&b.note)),
        ]));
    }
    if !b.tags.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(strings::TAGS_LABEL, theme.key()),
            Span::raw(String::from(&b.tags_label())),
        ]));
    }
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(theme.border_set())
        .border_style(theme.border(false));
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}

pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}

pub fn draw_dialog(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    match &app.bookmarks.dialog {
        Some(Dialog::Note {
            target,
            note,
            tags,
            field,
        }) => draw_note(frame, app, theme, area, target, [note, tags], *field),
        Some(Dialog::Export {
            selected,
            dir,
            shown,
            all,
        }) => {
            let total = app.bookmarks.list.len();
            let what = strings::export_what(shown.as_ref().map(HashSet::len), total, *all);
            draw_export(frame, theme, area, *selected, dir, &what);
        }
        Some(Dialog::Prompt { purpose, input }) => {
            super::tags::draw_prompt(frame, theme, area, purpose, input);
        }
        None => {}
    }
}

fn draw_note(
    frame: &mut Frame,
    app: &App,
    theme: Theme,
    area: Rect,
    target: &NoteTarget,
    inputs: [&Input; 2],
    field: u8,
) {
    let rect = centered(area, 72, 7);
    frame.render_widget(Clear, rect);
    let title = match target {
        NoteTarget::New(_) => strings::NOTE_NEW_TITLE,
        NoteTarget::Edit(_) => strings::NOTE_EDIT_TITLE,
    };
    let b = block(theme, title);
    let inner = b.inner(rect);
    frame.render_widget(b, rect);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let quote = match target {
        NoteTarget::New(at) => at.get(&app.corpus).text.clone(),
        NoteTarget::Edit(id) => app
            .bookmarks
            .list
            .iter()
            .find(|b| &b.id == id)
            .map(|b| b.quote.text.clone())
            .unwrap_or_default(),
    };
    let width = usize::from(inner.width);
    let rows = Layout::vertical([Constraint::Length(1); 5]).split(inner);
    frame.render_widget(
        Line::from(Span::styled(
            String::from(&truncate_to_width(&format!("“{quote}”"), width)),
            theme.meta(),
        )),
        rows[0],
    );
    for (k, (label, input)) in [
        (strings::NOTE_LABEL, inputs[0]),
        (strings::TAGS_LABEL, inputs[1]),
    ]
    .into_iter()
    .enumerate()
    {
        let Some(&row) = rows.get(k + 1) else { break };
        if row.height == 0 {
            break;
        }
        let active = usize::from(field) == k;
        let style = if active {
            Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED)
        } else {
            Style::new()
        };
        TextBox {
            input,
            label,
            label_style: theme.key(),
            text_style: style,
            note: None,
            focused: active,
        }
        .render(frame, row);
    }
    if let Some(&row) = rows.get(4) {
        let hint = strings::tags_hint(inputs[usize::from(field)].telex());
        frame.render_widget(
            Line::from(Span::styled(
                String::from(&truncate_to_width(&hint, width)),
                theme.meta(),
            )),
            row,
        );
    }
}

/// An export format as the export dialog lists it.
fn format_label(f: Format) -> &'static str {
    match f {
        Format::Md => strings::FORMAT_MARKDOWN,
        Format::Csv => strings::FORMAT_CSV,
        Format::Json => strings::FORMAT_JSON,
        Format::Qdpx => strings::FORMAT_QDPX,
        Format::Matrix(_) => strings::FORMAT_MATRIX,
        Format::Codebook => strings::FORMAT_CODEBOOK,
    }
}

fn draw_export(
    frame: &mut Frame,
    theme: Theme,
    area: Rect,
    selected: usize,
    dir: &std::path::Path,
    what: &str,
) {
    // Borders, what goes out, a row per format, the folder and the keys.
    let rows = u16::try_from(Format::ALL.len()).unwrap_or(4) + 5;
    let rect = centered(area, 48, rows);
    frame.render_widget(Clear, rect);
    let b = block(theme, strings::EXPORT_TITLE);
    let inner = b.inner(rect);
    frame.render_widget(b, rect);
    let keys = ['m', 'c', 'j', 'Q', 'b'];
    let width = usize::from(inner.width);
    // Which bookmarks go out first: a filtered pane exports what it shows.
    let mut lines: Vec<Line> = vec![Line::from(Span::styled(
        truncate_to_width(what, width),
        theme.key(),
    ))];
    lines.extend(Format::ALL.iter().enumerate().map(|(i, f)| {
        let text = format!(
            "{} {}  {}",
            if i == selected { "▸" } else { " " },
            keys[i],
            format_label(*f)
        );
        let style = if i == selected {
            theme.selected(true)
        } else {
            Style::new()
        };
        Line::from(Span::styled(String::from(&text), style))
    }));
    let dir = dir.display();
    lines.push(Line::from(Span::styled(
        truncate_to_width(
            &strings::export_into(&dir.to_string()),
            usize::from(inner.width),
        ),
        theme.meta(),
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}
