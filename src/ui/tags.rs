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
use crate::app::tags::MatrixView;
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
    if let Some(view) = &pane.matrix {
        draw_matrix(frame, theme, rect, view);
        return;
    }
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
        super::draw_row(
            frame,
            list,
            i - offset,
            Line::from(spans),
            i == pane.selected,
            theme,
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

/// Tags × places: a row per tag, a column per place, each cell the passages tagged there,
/// shaded by how many (colour, and bold for the densest, so it reads without colour).
fn draw_matrix(frame: &mut Frame, theme: Theme, rect: Rect, view: &MatrixView) {
    let m = &view.m;
    let hints = truncate_to_width(
        strings::MATRIX_HINTS,
        usize::from(rect.width.saturating_sub(4)),
    );
    let b = block(
        theme,
        strings::matrix_title(
            m.tags.len(),
            m.places.len(),
            view.by == crate::analysis::counts::By::Province,
        ),
    )
    .title_bottom(Line::from(Span::styled(format!(" {hints} "), theme.meta())));
    let inner = b.inner(rect);
    frame.render_widget(b, rect);
    if inner.height < 2 || inner.width < 12 {
        return;
    }
    if view.cells.is_empty() {
        frame.render_widget(
            Paragraph::new(strings::MATRIX_NONE)
                .style(theme.meta())
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let width = usize::from(inner.width);
    let leaf = |t: &str| {
        let depth = t.matches('/').count();
        format!(
            "{}{}",
            "  ".repeat(depth),
            t.rsplit('/').next().unwrap_or(t)
        )
    };
    let name_w = m
        .tags
        .iter()
        .map(|t| leaf(t).width())
        .max()
        .unwrap_or(0)
        .clamp(6, (width / 3).max(6));
    let col_w = 12;
    let (sel_t, sel_p) = view.cell().unwrap_or((0, 0));
    // Columns in view: enough to keep the selected one on screen.
    let fit_cols = (width.saturating_sub(name_w) / col_w).max(1);
    let first_col = sel_p.saturating_sub(fit_cols - 1);
    let cols = first_col..m.places.len().min(first_col + fit_cols);
    let max = (0..m.tags.len())
        .flat_map(|t| (0..m.places.len()).map(move |p| (t, p)))
        .map(|(t, p)| m.count(t, p))
        .max()
        .unwrap_or(1)
        .max(1);
    let mut head = vec![Span::raw(" ".repeat(name_w))];
    for p in cols.clone() {
        let name = truncate_to_width(&m.places[p], col_w - 1);
        head.push(Span::styled(
            format!("{}{name}", " ".repeat(col_w - name.width())),
            theme.heading(),
        ));
    }
    frame.render_widget(Line::from(head), Rect { height: 1, ..inner });
    let h = usize::from(inner.height - 1);
    let offset = list_offset(sel_t, m.tags.len(), h);
    for (row, t) in (offset..m.tags.len()).take(h).enumerate() {
        let name = truncate_to_width(&leaf(&m.tags[t]), name_w);
        let mut spans = vec![Span::styled(
            format!("{name}{}", " ".repeat(name_w - name.width())),
            theme.key(),
        )];
        for p in cols.clone() {
            let n = m.count(t, p);
            let text = if n == 0 {
                "·".to_string()
            } else {
                n.to_string()
            };
            let mut style = shade(theme, n, max);
            if (t, p) == (sel_t, sel_p) {
                style = theme.selected(true);
            }
            spans.push(Span::raw(
                " ".repeat(col_w - 1 - text.width().min(col_w - 1)),
            ));
            spans.push(Span::styled(text, style));
            spans.push(Span::raw(" "));
        }
        let y = inner.y + 1 + u16::try_from(row).unwrap_or(0);
        frame.render_widget(
            Line::from(spans),
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
    }
}

/// A cell's style by its share of the densest cell: four steps of the 16 colours, the top
/// one bold too.
fn shade(theme: Theme, n: usize, max: usize) -> Style {
    use ratatui::style::{Color, Modifier};
    if n == 0 {
        return theme.meta();
    }
    let step = (4 * n).div_ceil(max).clamp(1, 4);
    let style = if theme.color {
        Style::new().fg([Color::Blue, Color::Cyan, Color::Yellow, Color::Red][step - 1])
    } else {
        Style::new()
    };
    if step == 4 {
        style.add_modifier(Modifier::BOLD)
    } else {
        style
    }
}
