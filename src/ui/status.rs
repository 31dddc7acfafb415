//! The status bar: where the user is (locality › article › section) and the main keys of
//! the focused pane, from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use crate::app::action::bindings_for;
use crate::app::{Action, App};

/// Actions worth a hint in the status bar, most important first (each scope has a few).
const HINTED: [Action; 20] = [
    Action::Help,
    Action::Quit,
    Action::Open,
    Action::NextView,
    Action::EditQuery,
    Action::Facets,
    Action::SortAnalysis,
    Action::SaveNote,
    Action::ExportChosen,
    Action::EndFilter,
    Action::NextField,
    Action::CycleFinderScope,
    Action::FilterBookmarks,
    Action::Close,
    Action::ClearFilter,
    Action::Toggle,
    Action::ToggleGrouping,
    Action::SideBySide,
    Action::FocusNext,
    Action::Down,
];

/// Key hints for the keys in effect (the focused pane's, or the open dialog's) that fit in
/// `max` columns, most important first.
pub fn hints(app: &App, max: usize) -> String {
    let mut out = String::new();
    let scope = app.key_scope();
    for action in HINTED {
        let Some(b) = bindings_for(scope).find(|b| b.action == action) else {
            continue;
        };
        let label = b.label.split(' ').next().unwrap_or(b.label);
        let what = b
            .help
            .split([',', ':', '('])
            .next()
            .unwrap_or(b.help)
            .trim();
        let part = format!("{label} {what}");
        let sep = if out.is_empty() { "" } else { " · " };
        if out.width() + sep.width() + part.width() > max {
            break;
        }
        out.push_str(sep);
        out.push_str(&part);
    }
    out
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let crumbs = app.breadcrumb().join(" › ");
    let width = usize::from(area.width);
    let right = match (&app.notice, app.match_status()) {
        (Some(n), _) => n.clone(),
        (None, Some(m)) => format!("{m} · n/N · {}", hints(app, width / 3)),
        // The breadcrumb keeps at least a third of the line.
        (None, None) => hints(app, width * 2 / 3),
    };
    // The keys win the space; the breadcrumb is cut from its end.
    let room = width.saturating_sub(right.width() + 2);
    let crumbs = crate::text::truncate_to_width(&crumbs, room);
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
