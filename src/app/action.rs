//! The one list of what a user can do (`Action`), where keys apply (`Scope`), and the
//! lookup of a key in the one table that binds them ([`KEYMAP`], in `keymap.rs`).

use crossterm::event::{KeyEvent, KeyEventKind, KeyModifiers};
use serde::{Deserialize, Serialize};

pub use super::keymap::{Binding, KEYMAP, QUERY_SYNTAX};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    Close,
    FocusNext,
    FocusPrev,
    FocusLocalities,
    FocusOutline,
    FocusReader,
    Up,
    Down,
    Top,
    Bottom,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Open,
    Toggle,
    Expand,
    Collapse,
    ToggleGrouping,
    SortOutline,
    Find,
    NextMatch,
    PrevMatch,
    Bookmark,
    BookmarkNote,
    Bookmarks,
    Export,
    EditBookmark,
    DeleteBookmark,
    Undo,
    SortBookmarks,
    Suspend,
    CycleFinderScope,
    FilterBookmarks,
    DismissNotice,
    ToggleTelex,
    EndFilter,
    ClearFilter,
    SaveNote,
    NextField,
    ExportChosen,
    ExportMarkdown,
    ExportCsv,
    ExportJson,
    ExportQdpx,
    ExportCodebook,
    WidenFilter,
    Copy,
    CopyCitation,
    FilterLocalities,
    SortLocalities,
    ExportAll,
    /// Open the analysis view (`a`; from the finder, with its query).
    Analyze,
    /// Analysis view: undo the last narrowing to a place.
    Widen,
    EditQuery,
    /// The analysis view's filter bar.
    Facets,
    NextView,
    PrevView,
    /// Rows one level below (districts, communes).
    LevelBelow,
    SortAnalysis,
    ReverseSort,
    SideBySide,
    /// The concordance: mark every line (again: none), for tagging.
    MarkAll,
    /// Tag the concordance's marked lines (or all), or the finder's hits, in one step.
    TagHits,
    /// The tags pane (the codebook).
    Tags,
    /// The tags pane: rename (or merge) the selected tag.
    RenameTag,
    /// The tags pane: tags × places, and back.
    Matrix,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// In every mode, overlays and dialogs included.
    Anywhere,
    Global,
    Localities,
    Outline,
    Reader,
    /// Inside the finder: only these keys act, every other key types.
    Finder,
    /// The bookmarks pane: only these keys act.
    Bookmarks,
    /// Typing the bookmarks pane's filter: only these keys act, every other key types.
    BookmarkFilter,
    /// Typing the locality list's filter: only these keys act, every other key types.
    LocalityFilter,
    /// The note and tags dialog, and the one-line prompts (a tag for many passages, a
    /// tag's description or new name): only these keys act, every other key types.
    NoteDialog,
    /// The export dialog: only these keys act.
    ExportDialog,
    /// The analysis view: only these keys act.
    Analysis,
    /// Typing the analysis view's query: only these keys act, every other key types.
    AnalysisQuery,
    /// The analysis view's filter bar: only these keys act.
    AnalysisFacets,
    /// The tags pane (the codebook): only these keys act.
    Tags,
}

impl Scope {
    /// Overlays and dialogs have their own keys only (in a text box every other key types);
    /// panes fall back to the global keys.
    pub fn is_modal(self) -> bool {
        !matches!(
            self,
            Scope::Global | Scope::Localities | Scope::Outline | Scope::Reader
        )
    }
}

/// The action a key press means in a pane, if any. Pane-specific bindings win over global
/// ones (Space toggles in the outline, pages elsewhere).
pub fn action_for(key: KeyEvent, pane: Scope) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    // Terminals differ on whether Shift is reported with an uppercase letter or '?'.
    let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::SHIFT | KeyModifiers::ALT);
    let hit = |b: &&Binding| b.keys.iter().any(|&(c, m)| c == key.code && m == mods);
    if pane != Scope::Anywhere
        && let Some(b) = KEYMAP
            .iter()
            .filter(|b| b.scope == Scope::Anywhere)
            .find(hit)
    {
        return Some(b.action);
    }
    if pane.is_modal() {
        // Overlays have their own keys only (in the finder every other key types).
        return KEYMAP
            .iter()
            .filter(|b| b.scope == pane)
            .find(hit)
            .map(|b| b.action);
    }
    KEYMAP
        .iter()
        .filter(|b| b.scope == pane)
        .find(hit)
        .or_else(|| KEYMAP.iter().filter(|b| b.scope == Scope::Global).find(hit))
        .map(|b| b.action)
}

/// The help's groups of keys, in order.
pub const HELP_SCOPES: [Scope; 15] = [
    Scope::Global,
    Scope::Localities,
    Scope::LocalityFilter,
    Scope::Outline,
    Scope::Reader,
    Scope::Finder,
    Scope::Bookmarks,
    Scope::BookmarkFilter,
    Scope::NoteDialog,
    Scope::ExportDialog,
    Scope::Tags,
    Scope::Analysis,
    Scope::AnalysisQuery,
    Scope::AnalysisFacets,
    Scope::Anywhere,
];

/// The help's line where the keys of `scope` start (its group's title).
pub fn help_line_of(scope: Scope) -> usize {
    let mut line = 0;
    for s in HELP_SCOPES {
        if s == scope {
            return line;
        }
        let n = KEYMAP.iter().filter(|b| b.scope == s).count();
        if n > 0 {
            line += 1 + n;
        }
    }
    0
}

/// Lines of the help overlay: one per binding and one per group (a scope with bindings),
/// then the query language under its own heading.
pub fn help_lines() -> usize {
    let mut scopes: Vec<Scope> = Vec::new();
    for b in KEYMAP {
        if !scopes.contains(&b.scope) {
            scopes.push(b.scope);
        }
    }
    KEYMAP.len() + scopes.len() + 1 + QUERY_SYNTAX.len()
}

/// Bindings in effect in a scope: its own, then the global ones (for a pane) or those that
/// work anywhere (for an overlay).
pub fn bindings_for(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    let fallback = if scope.is_modal() {
        Scope::Anywhere
    } else {
        Scope::Global
    };
    KEYMAP
        .iter()
        .filter(move |b| b.scope == scope)
        .chain(KEYMAP.iter().filter(move |b| b.scope == fallback))
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use super::*;

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

    fn key(c: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(c, m)
    }

    #[test]
    fn keys_map_to_actions() {
        let g = Scope::Reader;
        assert_eq!(
            action_for(key(KeyCode::Char('j'), NONE), g),
            Some(Action::Down)
        );
        assert_eq!(action_for(key(KeyCode::Down, NONE), g), Some(Action::Down));
        assert_eq!(
            action_for(key(KeyCode::Char('d'), CTRL), g),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('G'), SHIFT), g),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('?'), SHIFT), g),
            Some(Action::Help)
        );
        assert_eq!(
            action_for(key(KeyCode::BackTab, SHIFT), g),
            Some(Action::FocusPrev)
        );
        assert_eq!(action_for(key(KeyCode::Char('x'), NONE), g), None);
        // Space pages in the reader but toggles in the outline.
        assert_eq!(
            action_for(key(KeyCode::Char(' '), NONE), g),
            Some(Action::PageDown)
        );
        assert_eq!(
            action_for(key(KeyCode::Char(' '), NONE), Scope::Outline),
            Some(Action::Toggle)
        );
        assert_eq!(action_for(key(KeyCode::Char('p'), NONE), g), None);
        assert_eq!(
            action_for(key(KeyCode::Char('p'), NONE), Scope::Localities),
            Some(Action::ToggleGrouping)
        );
    }

    use Action::*;

    /// Every action, in the order of [`position`].
    const ALL: [Action; 69] = [
        Quit,
        Help,
        Close,
        FocusNext,
        FocusPrev,
        FocusLocalities,
        FocusOutline,
        FocusReader,
        Up,
        Down,
        Top,
        Bottom,
        PageDown,
        PageUp,
        HalfPageDown,
        HalfPageUp,
        Open,
        Toggle,
        Expand,
        Collapse,
        ToggleGrouping,
        Find,
        NextMatch,
        PrevMatch,
        Bookmark,
        BookmarkNote,
        Bookmarks,
        Export,
        EditBookmark,
        DeleteBookmark,
        Undo,
        SortBookmarks,
        Suspend,
        CycleFinderScope,
        FilterBookmarks,
        DismissNotice,
        ToggleTelex,
        EndFilter,
        ClearFilter,
        SaveNote,
        NextField,
        ExportChosen,
        ExportMarkdown,
        ExportCsv,
        ExportJson,
        WidenFilter,
        Copy,
        CopyCitation,
        FilterLocalities,
        SortLocalities,
        SortOutline,
        ExportAll,
        Analyze,
        Widen,
        EditQuery,
        Facets,
        NextView,
        PrevView,
        LevelBelow,
        SortAnalysis,
        ReverseSort,
        SideBySide,
        ExportQdpx,
        MarkAll,
        TagHits,
        Tags,
        RenameTag,
        Matrix,
        ExportCodebook,
    ];

    /// Exhaustive: a new action does not compile until it is placed in [`ALL`] too.
    fn position(a: Action) -> usize {
        match a {
            Quit => 0,
            Help => 1,
            Close => 2,
            FocusNext => 3,
            FocusPrev => 4,
            FocusLocalities => 5,
            FocusOutline => 6,
            FocusReader => 7,
            Up => 8,
            Down => 9,
            Top => 10,
            Bottom => 11,
            PageDown => 12,
            PageUp => 13,
            HalfPageDown => 14,
            HalfPageUp => 15,
            Open => 16,
            Toggle => 17,
            Expand => 18,
            Collapse => 19,
            ToggleGrouping => 20,
            Find => 21,
            NextMatch => 22,
            PrevMatch => 23,
            Bookmark => 24,
            BookmarkNote => 25,
            Bookmarks => 26,
            Export => 27,
            EditBookmark => 28,
            DeleteBookmark => 29,
            Undo => 30,
            SortBookmarks => 31,
            Suspend => 32,
            CycleFinderScope => 33,
            FilterBookmarks => 34,
            DismissNotice => 35,
            ToggleTelex => 36,
            EndFilter => 37,
            ClearFilter => 38,
            SaveNote => 39,
            NextField => 40,
            ExportChosen => 41,
            ExportMarkdown => 42,
            ExportCsv => 43,
            ExportJson => 44,
            WidenFilter => 45,
            Copy => 46,
            CopyCitation => 47,
            FilterLocalities => 48,
            SortLocalities => 49,
            SortOutline => 50,
            ExportAll => 51,
            Analyze => 52,
            Widen => 53,
            EditQuery => 54,
            Facets => 55,
            NextView => 56,
            PrevView => 57,
            LevelBelow => 58,
            SortAnalysis => 59,
            ReverseSort => 60,
            SideBySide => 61,
            ExportQdpx => 62,
            MarkAll => 63,
            TagHits => 64,
            Tags => 65,
            RenameTag => 66,
            Matrix => 67,
            ExportCodebook => 68,
        }
    }

    #[test]
    fn every_action_has_a_key_and_help() {
        for (i, &a) in ALL.iter().enumerate() {
            assert_eq!(position(a), i, "ALL and position() disagree on {a:?}");
            let b = KEYMAP
                .iter()
                .find(|b| b.action == a)
                .unwrap_or_else(|| panic!("{a:?}"));
            assert!(!b.help.is_empty() && !b.keys.is_empty());
        }
    }

    #[test]
    fn actions_serialise_snake_case() {
        assert_eq!(
            serde_json::to_string(&Action::HalfPageDown).unwrap(),
            "\"half_page_down\""
        );
    }
}
