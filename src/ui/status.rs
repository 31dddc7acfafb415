//! The status bar: where the user is (locality › article › section) and the main keys of
//! the focused pane, from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{Theme, shown};
use crate::app::action::bindings_for;
use crate::app::{Action, App};

/// Actions worth a hint in the status bar, in order.
const HINTED: [Action; 7] = [
    Action::Open,
    Action::Toggle,
    Action::ToggleGrouping,
    Action::FocusNext,
    Action::Help,
    Action::Quit,
    Action::Down,
];

pub fn hints(app: &App) -> String {
    let mut seen = Vec::new();
    let mut parts = Vec::new();
    for b in bindings_for(app.focus.scope()) {
        if HINTED.contains(&b.action) && !seen.contains(&b.action) {
            seen.push(b.action);
            let label = b.label.split(' ').next().unwrap_or(b.label);
            let what = b
                .help
                .split([',', ':', '('])
                .next()
                .unwrap_or(b.help)
                .trim();
            parts.push(format!("{label} {what}"));
        }
    }
    parts.join(" · ")
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let crumbs = app.breadcrumb().join(" › ");
    let right = match &app.notice {
        Some(n) => n.clone(),
        None => hints(app),
    };
    let width = usize::from(area.width);
    let right = shown(theme, &right).into_owned();
    // The keys win the space; the breadcrumb is cut from its end.
    let room = width.saturating_sub(right.width() + 2);
    let crumbs = crate::text::truncate_to_width(&shown(theme, &crumbs), room);
    let pad = width.saturating_sub(crumbs.width() + right.width());
    let right_style = if app.notice.is_some() {
        theme.notice()
    } else {
        theme.status()
    };
    let line = Line::from(vec![
        Span::styled(crumbs.clone(), theme.status()),
        Span::styled(" ".repeat(pad), theme.status()),
        Span::styled(right, right_style),
    ]);
    frame.render_widget(line, area);
}
