//! The tags pane (`T`): the codebook, every tag indented under its parent with its count
//! and description; and the one-line prompt (a tag for many passages, a description, a
//! new name).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::text_box::TextBox;
use super::{Theme, list_offset};
use crate::app::bookmarks::Prompt;
use crate::app::input::Input;
use crate::app::{App, layout, strings};
use crate::text::truncate_to_width;

fn block(theme: Theme, title: String) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border_set())
        .border_style(theme.border(true))
        .title(title)
}

pub fn draw_pane(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let Some(pane) = &app.bookmarks.tags else {
        return;
    };
    let rect = layout::overlay(area);
    frame.render_widget(Clear, rect);
    let hints = truncate_to_width(
        strings::TAGS_HINTS,
        usize::from(rect.width.saturating_sub(4)),
    );
    let b = block(theme, strings::tags_title(pane.rows.len()))
        .title_bottom(Line::from(Span::styled(format!(" {hints} "), theme.meta())));
    let inner = b.inner(rect);
    frame.render_widget(b, rect);
    if inner.height < 2 || inner.width < 8 {
        return;
    }
    if pane.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(strings::TAGS_NONE)
                .style(theme.meta())
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let width = usize::from(inner.width);
    // The name column: as wide as the widest indented name, at most 40% of the row.
    let name_w = pane
        .rows
        .iter()
        .map(|r| 2 * r.depth + r.leaf().width())
        .max()
        .unwrap_or(0)
        .clamp(8, (width * 2 / 5).max(8));
    let count_w = 8;
    let head = format!(
        "{}{:>count_w$}  {}",
        crate::ui::analysis::fit(strings::TAGS_HEAD[0], name_w, false),
        strings::TAGS_HEAD[1],
        strings::TAGS_HEAD[2]
    );
    frame.render_widget(
        Line::from(Span::styled(
            truncate_to_width(&head, width),
            theme.heading(),
        )),
        Rect { height: 1, ..inner },
    );
    let list = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    let h = usize::from(list.height);
    let offset = list_offset(pane.selected, pane.rows.len(), h);
    for (i, r) in pane.rows.iter().enumerate().skip(offset).take(h) {
        let name = format!("{}{}", "  ".repeat(r.depth), r.leaf());
        let name = truncate_to_width(&name, name_w);
        let pad = name_w.saturating_sub(name.width());
        let desc = app.bookmarks.codebook.description(&r.tag);
        let desc = desc.split_whitespace().collect::<Vec<_>>().join(" ");
        let room = width.saturating_sub(name_w + count_w + 2);
        let spans = vec![
            Span::styled(name, theme.key()),
            Span::raw(" ".repeat(pad)),
            Span::styled(format!("{:>count_w$}  ", r.count), theme.count()),
            Span::styled(truncate_to_width(&desc, room), theme.meta()),
        ];
        let mut line = Line::from(spans);
        if i == pane.selected {
            line = line.style(theme.selected(true));
        }
        let y = list.y + u16::try_from(i - offset).unwrap_or(0);
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

/// The one-line prompt, centred.
pub fn draw_prompt(frame: &mut Frame, theme: Theme, area: Rect, purpose: &Prompt, input: &Input) {
    let rect = super::bookmarks::centered(area, 72, 4);
    frame.render_widget(Clear, rect);
    let (title, label) = match purpose {
        Prompt::Tag { targets, left_out } => (
            strings::tag_prompt_title(targets.len(), *left_out),
            "Thẻ › ",
        ),
        Prompt::Describe(tag) => (strings::describe_title(tag), "Mô tả › "),
        Prompt::Rename(tag) => (strings::rename_title(tag), "Tên mới › "),
    };
    let b = block(theme, title);
    let inner = b.inner(rect);
    frame.render_widget(b, rect);
    if inner.height == 0 {
        return;
    }
    TextBox {
        input,
        label,
        label_style: theme.key(),
        text_style: Style::new(),
        note: input.telex().then_some(("Telex", theme.meta())),
        focused: true,
    }
    .render(frame, Rect { height: 1, ..inner });
    if inner.height > 1 {
        frame.render_widget(
            Line::from(Span::styled(
                truncate_to_width(strings::PROMPT_HINT, usize::from(inner.width)),
                theme.meta(),
            )),
            Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            },
        );
    }
}
