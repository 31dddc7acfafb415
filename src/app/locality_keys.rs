//! The locality list's own keys: its filter box (`f`) and its sort (`s`).

use crossterm::event::KeyEvent;

use super::input::Input;
use super::{Action, App};

impl App {
    /// Keys while the locality filter box has them: every key types but these.
    pub(super) fn locality_filter_key(&mut self, action: Option<Action>, key: KeyEvent) {
        match action {
            Some(Action::ClearFilter) => {
                self.localities.filtering = false;
                self.localities.query = Input::new();
                self.relist_localities();
            }
            Some(Action::EndFilter) => self.localities.filtering = false,
            Some(Action::ToggleTelex) => self.localities.query.toggle_telex(),
            _ => {
                if self.localities.query.handle_key(key) {
                    self.relist_localities();
                }
            }
        }
    }

    /// `s`: by name, or most articles first.
    pub(super) fn sort_localities(&mut self) {
        self.localities.by_count = !self.localities.by_count;
        self.relist_localities();
    }

    /// The list's rows changed (filter, sort): the outline follows when the selection did.
    fn relist_localities(&mut self) {
        let before = self.localities.filter();
        self.localities.rebuild(&self.corpus);
        if self.localities.filter() != before {
            self.apply_filter();
        }
    }
}
