//! The one list of what a user can do (`Action`) and the one table that binds keys to it.
//! The help overlay and the status-bar hints are generated from [`KEYMAP`], so they cannot
//! drift from what the keys really do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::{Deserialize, Serialize};

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
    /// The note and tags dialog: only these keys act, every other key types.
    NoteDialog,
    /// The export dialog: only these keys act.
    ExportDialog,
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

/// One row of the keymap: keys, what they do, and the text the help shows.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in help ("j ↓").
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    pub scope: Scope,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALT: KeyModifiers = KeyModifiers::ALT;

/// The keymap. Order is the order of the help overlay.
pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[(KeyCode::Char('j'), NONE), (KeyCode::Down, NONE)],
        label: "j ↓",
        action: Action::Down,
        help: "xuống, cuộn xuống",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('k'), NONE), (KeyCode::Up, NONE)],
        label: "k ↑",
        action: Action::Up,
        help: "lên, cuộn lên",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)],
        label: "g Home",
        action: Action::Top,
        help: "về đầu",
        scope: Scope::Global,
    },
    Binding {
        keys: &[
            (KeyCode::Char('G'), SHIFT),
            (KeyCode::Char('G'), NONE),
            (KeyCode::End, NONE),
        ],
        label: "G End",
        action: Action::Bottom,
        help: "về cuối",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::PageDown, NONE), (KeyCode::Char(' '), NONE)],
        label: "PgDn",
        action: Action::PageDown,
        help: "trang sau",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::PageUp, NONE)],
        label: "PgUp",
        action: Action::PageUp,
        help: "trang trước",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('d'), CTRL)],
        label: "Ctrl-d",
        action: Action::HalfPageDown,
        help: "nửa trang xuống",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('u'), CTRL)],
        label: "Ctrl-u",
        action: Action::HalfPageUp,
        help: "nửa trang lên",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        action: Action::Open,
        help: "mở: lọc theo địa phương, đọc bài hoặc mục",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char(' '), NONE)],
        label: "Space",
        action: Action::Toggle,
        help: "mở/đóng nhánh",
        scope: Scope::Outline,
    },
    Binding {
        keys: &[(KeyCode::Right, NONE), (KeyCode::Char('l'), NONE)],
        label: "→ l",
        action: Action::Expand,
        help: "mở nhánh",
        scope: Scope::Outline,
    },
    Binding {
        keys: &[(KeyCode::Left, NONE), (KeyCode::Char('h'), NONE)],
        label: "← h",
        action: Action::Collapse,
        help: "đóng nhánh, về nút cha",
        scope: Scope::Outline,
    },
    Binding {
        keys: &[(KeyCode::Char('p'), NONE)],
        label: "p",
        action: Action::ToggleGrouping,
        help: "đổi nhóm tỉnh (trước / từ 1/7/2025)",
        scope: Scope::Localities,
    },
    Binding {
        keys: &[(KeyCode::Char('/'), NONE)],
        label: "/",
        action: Action::Find,
        help: "tìm đoạn văn (không cần dấu)",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('n'), NONE)],
        label: "n",
        action: Action::NextMatch,
        help: "kết quả tìm sau",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('N'), SHIFT), (KeyCode::Char('N'), NONE)],
        label: "N",
        action: Action::PrevMatch,
        help: "kết quả tìm trước",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('b'), NONE)],
        label: "b",
        action: Action::Bookmark,
        help: "đánh dấu đoạn đang đọc",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('B'), SHIFT), (KeyCode::Char('B'), NONE)],
        label: "B",
        action: Action::BookmarkNote,
        help: "đánh dấu kèm ghi chú, thẻ (#thẻ)",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('\''), NONE), (KeyCode::Char('m'), NONE)],
        label: "' m",
        action: Action::Bookmarks,
        help: "danh sách đánh dấu",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('E'), SHIFT), (KeyCode::Char('E'), NONE)],
        label: "E",
        action: Action::Export,
        help: "xuất đánh dấu (Markdown, CSV, JSON)",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        action: Action::Open,
        help: "đọc đoạn đã chọn, tô sáng chỗ khớp",
        scope: Scope::Finder,
    },
    Binding {
        // Ctrl-b is tmux's prefix, so the finder bookmarks with Ctrl-s (raw mode frees it
        // from flow control) or Alt-b.
        keys: &[(KeyCode::Char('s'), CTRL), (KeyCode::Char('b'), ALT)],
        label: "Ctrl-s",
        action: Action::Bookmark,
        help: "đánh dấu kết quả đã chọn (cũng Alt-b)",
        scope: Scope::Finder,
    },
    Binding {
        keys: &[(KeyCode::Down, NONE), (KeyCode::Char('n'), CTRL)],
        label: "↓ Ctrl-n",
        action: Action::Down,
        help: "kết quả sau",
        scope: Scope::Finder,
    },
    Binding {
        keys: &[(KeyCode::Up, NONE), (KeyCode::Char('p'), CTRL)],
        label: "↑ Ctrl-p",
        action: Action::Up,
        help: "kết quả trước",
        scope: Scope::Finder,
    },
    Binding {
        keys: &[(KeyCode::PageDown, NONE)],
        label: "PgDn",
        action: Action::PageDown,
        help: "10 kết quả sau",
        scope: Scope::Finder,
    },
    Binding {
        keys: &[(KeyCode::PageUp, NONE)],
        label: "PgUp",
        action: Action::PageUp,
        help: "10 kết quả trước",
        scope: Scope::Finder,
    },
    Binding {
        keys: &[(KeyCode::Tab, NONE)],
        label: "Tab",
        action: Action::CycleFinderScope,
        help: "phạm vi: tất cả / địa phương / bài này",
        scope: Scope::Finder,
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        label: "Esc",
        action: Action::Close,
        help: "đóng, về chỗ cũ",
        scope: Scope::Finder,
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        action: Action::Open,
        help: "đi tới đoạn đã đánh dấu",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[(KeyCode::Char('j'), NONE), (KeyCode::Down, NONE)],
        label: "j ↓",
        action: Action::Down,
        help: "đánh dấu sau",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[(KeyCode::Char('k'), NONE), (KeyCode::Up, NONE)],
        label: "k ↑",
        action: Action::Up,
        help: "đánh dấu trước",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[(KeyCode::PageDown, NONE), (KeyCode::Char(' '), NONE)],
        label: "PgDn",
        action: Action::PageDown,
        help: "5 đánh dấu sau",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[(KeyCode::PageUp, NONE)],
        label: "PgUp",
        action: Action::PageUp,
        help: "5 đánh dấu trước",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)],
        label: "g Home",
        action: Action::Top,
        help: "đầu danh sách",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[
            (KeyCode::Char('G'), SHIFT),
            (KeyCode::Char('G'), NONE),
            (KeyCode::End, NONE),
        ],
        label: "G End",
        action: Action::Bottom,
        help: "cuối danh sách",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[(KeyCode::Char('/'), NONE)],
        label: "/",
        action: Action::FilterBookmarks,
        help: "lọc (không cần dấu; Enter: xong, Esc: bỏ lọc)",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[(KeyCode::Char('e'), NONE)],
        label: "e",
        action: Action::EditBookmark,
        help: "sửa ghi chú, thẻ",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[(KeyCode::Char('d'), NONE), (KeyCode::Delete, NONE)],
        label: "d",
        action: Action::DeleteBookmark,
        help: "xoá (u: hoàn tác)",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[(KeyCode::Char('u'), NONE)],
        label: "u",
        action: Action::Undo,
        help: "hoàn tác lần xoá gần nhất",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[(KeyCode::Char('s'), NONE)],
        label: "s",
        action: Action::SortBookmarks,
        help: "sắp xếp: mới nhất / theo bài",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[(KeyCode::Char('E'), SHIFT), (KeyCode::Char('E'), NONE)],
        label: "E",
        action: Action::Export,
        help: "xuất ra tệp trong thư mục hiện tại",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[
            (KeyCode::Esc, NONE),
            (KeyCode::Char('\''), NONE),
            (KeyCode::Char('m'), NONE),
        ],
        label: "Esc",
        action: Action::Close,
        help: "đóng danh sách",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[(KeyCode::Char('?'), NONE), (KeyCode::Char('?'), SHIFT)],
        label: "?",
        action: Action::Help,
        help: "trợ giúp",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[(KeyCode::Char('q'), NONE)],
        label: "q",
        action: Action::Quit,
        help: "thoát",
        scope: Scope::Bookmarks,
    },
    Binding {
        keys: &[(KeyCode::Tab, NONE)],
        label: "Tab",
        action: Action::FocusNext,
        help: "khung sau",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)],
        label: "Shift-Tab",
        action: Action::FocusPrev,
        help: "khung trước",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('1'), NONE)],
        label: "1",
        action: Action::FocusLocalities,
        help: "khung Địa phương",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('2'), NONE)],
        label: "2",
        action: Action::FocusOutline,
        help: "khung Mục lục",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('3'), NONE)],
        label: "3",
        action: Action::FocusReader,
        help: "khung Bài viết",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('?'), NONE), (KeyCode::Char('?'), SHIFT)],
        label: "?",
        action: Action::Help,
        help: "trợ giúp này",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        label: "Esc",
        action: Action::DismissNotice,
        help: "ẩn thông báo",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('q'), NONE)],
        label: "q",
        action: Action::Quit,
        help: "thoát",
        scope: Scope::Global,
    },
    Binding {
        keys: &[(KeyCode::Char('t'), CTRL)],
        label: "Ctrl-t",
        action: Action::ToggleTelex,
        help: "gõ Telex bật/tắt (aa → â, dd → đ, s f r x j → dấu)",
        scope: Scope::Finder,
    },
    Binding {
        keys: &[
            (KeyCode::Enter, NONE),
            (KeyCode::Down, NONE),
            (KeyCode::Up, NONE),
        ],
        label: "Enter",
        action: Action::EndFilter,
        help: "xong, về danh sách (giữ bộ lọc)",
        scope: Scope::BookmarkFilter,
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        label: "Esc",
        action: Action::ClearFilter,
        help: "bỏ lọc",
        scope: Scope::BookmarkFilter,
    },
    Binding {
        keys: &[(KeyCode::Char('t'), CTRL)],
        label: "Ctrl-t",
        action: Action::ToggleTelex,
        help: "gõ Telex bật/tắt",
        scope: Scope::BookmarkFilter,
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        action: Action::SaveNote,
        help: "lưu ghi chú và thẻ",
        scope: Scope::NoteDialog,
    },
    Binding {
        keys: &[
            (KeyCode::Tab, NONE),
            (KeyCode::BackTab, SHIFT),
            (KeyCode::BackTab, NONE),
            (KeyCode::Down, NONE),
            (KeyCode::Up, NONE),
        ],
        label: "Tab",
        action: Action::NextField,
        help: "đổi ô: ghi chú / thẻ",
        scope: Scope::NoteDialog,
    },
    Binding {
        keys: &[(KeyCode::Char('t'), CTRL)],
        label: "Ctrl-t",
        action: Action::ToggleTelex,
        help: "gõ Telex bật/tắt",
        scope: Scope::NoteDialog,
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        label: "Esc",
        action: Action::Close,
        help: "huỷ, không lưu",
        scope: Scope::NoteDialog,
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        action: Action::ExportChosen,
        help: "xuất theo định dạng đã chọn",
        scope: Scope::ExportDialog,
    },
    Binding {
        keys: &[(KeyCode::Down, NONE), (KeyCode::Tab, NONE)],
        label: "↓ Tab",
        action: Action::Down,
        help: "định dạng sau",
        scope: Scope::ExportDialog,
    },
    Binding {
        keys: &[
            (KeyCode::Up, NONE),
            (KeyCode::BackTab, SHIFT),
            (KeyCode::BackTab, NONE),
        ],
        label: "↑ S-Tab",
        action: Action::Up,
        help: "định dạng trước",
        scope: Scope::ExportDialog,
    },
    Binding {
        keys: &[(KeyCode::Char('m'), NONE)],
        label: "m",
        action: Action::ExportMarkdown,
        help: "xuất Markdown (báo cáo)",
        scope: Scope::ExportDialog,
    },
    Binding {
        keys: &[(KeyCode::Char('c'), NONE)],
        label: "c",
        action: Action::ExportCsv,
        help: "xuất CSV (bảng tính)",
        scope: Scope::ExportDialog,
    },
    Binding {
        keys: &[(KeyCode::Char('j'), NONE)],
        label: "j",
        action: Action::ExportJson,
        help: "xuất JSON",
        scope: Scope::ExportDialog,
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE), (KeyCode::Char('q'), NONE)],
        label: "Esc q",
        action: Action::Close,
        help: "đóng, không xuất",
        scope: Scope::ExportDialog,
    },
    Binding {
        keys: &[(KeyCode::Char('c'), CTRL)],
        label: "Ctrl-c",
        action: Action::Quit,
        help: "thoát",
        scope: Scope::Anywhere,
    },
    Binding {
        keys: &[(KeyCode::Char('z'), CTRL)],
        label: "Ctrl-z",
        action: Action::Suspend,
        help: "tạm dừng (fg để quay lại)",
        scope: Scope::Anywhere,
    },
];

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

/// The query language of the finder (and the bookmark filter), for the help: an example
/// and what it does.
pub const QUERY_SYNTAX: &[(&str, &str)] = &[
    ("nghi quyet", "các từ, thứ tự bất kỳ, không cần dấu"),
    ("\"dai hoi dang\"", "cụm từ, đúng thứ tự"),
    ("'tu", "đúng chuỗi này (không khớp mờ)"),
    ("^tu", "đoạn bắt đầu bằng từ này"),
    ("tu$", "đoạn kết thúc bằng từ này"),
    ("!tu", "bỏ các đoạn có từ này"),
    ("HĐND", "từ viết tắt khớp cả dạng đầy đủ"),
];

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
    use super::*;

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
    const ALL: [Action; 45] = [
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
