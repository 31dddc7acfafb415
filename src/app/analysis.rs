//! The analysis view (`a`): a query's hits counted by place and over time, read as a
//! concordance with the figures that follow them, or read side by side for two or three
//! places; narrowed by facets (dates, term of office, outlet, about or only mentioned).
//!
//! All the work is the analysis worker's (`analysis::worker`): the view sends a request
//! whenever what it shows depends on something new, and keeps the newest results. Its own
//! state is what the user chose: the query, the view, the sorts, the place narrowed to,
//! the places marked.

use crossterm::event::KeyEvent;

use super::input::Input;
use super::{Action, App, Effect};
use crate::analysis::counts::{By, Row};
use crate::analysis::facets::Facets;
use crate::analysis::kwic::Sort;
use crate::analysis::worker::{Request, Results};
use crate::corpus::{Corpus, PassageRef};

/// Characters of context each side of a concordance line (cut to the width when drawn).
pub const CONTEXT: usize = 60;
/// At most this many places are read side by side.
pub const MAX_COLUMNS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Places,
    Time,
    Concordance,
    Columns,
}

impl View {
    pub const ALL: [View; 4] = [View::Places, View::Time, View::Concordance, View::Columns];

    fn step(self, forward: bool) -> View {
        let i = View::ALL.iter().position(|&v| v == self).unwrap_or(0);
        let n = View::ALL.len();
        View::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// The column the places table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowSort {
    /// Matching articles per 100 articles of the place.
    Rate,
    Matching,
    Passages,
    Articles,
    Name,
    First,
    Last,
}

impl RowSort {
    pub const ALL: [RowSort; 7] = [
        RowSort::Rate,
        RowSort::Matching,
        RowSort::Passages,
        RowSort::Articles,
        RowSort::Name,
        RowSort::First,
        RowSort::Last,
    ];
}

/// The facets of the filter bar, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    From,
    To,
    Term,
    Outlet,
    About,
}

impl Facet {
    pub const ALL: [Facet; 5] = [
        Facet::From,
        Facet::To,
        Facet::Term,
        Facet::Outlet,
        Facet::About,
    ];
}

/// The terms of office (*nhiệm kỳ*) the facet offers.
pub const TERMS: [(u16, u16); 4] = [(2010, 2015), (2015, 2020), (2020, 2025), (2025, 2030)];

/// What the facets can be set to, with the corpus's articles for each (counted once).
#[derive(Debug, Clone, Default)]
pub struct FacetValues {
    pub years: Vec<(String, usize)>,
    /// Most articles first.
    pub outlets: Vec<(String, usize)>,
    /// Articles dated within each of [`TERMS`].
    pub terms: Vec<usize>,
}

impl FacetValues {
    pub fn of(corpus: &Corpus) -> Self {
        let mut years = std::collections::BTreeMap::<String, usize>::new();
        let mut outlets = std::collections::HashMap::<String, usize>::new();
        let mut terms = vec![0; TERMS.len()];
        for d in corpus.documents.iter().filter(|d| d.duplicate_of.is_none()) {
            if let Some(y) = d.date.as_deref().and_then(|x| x.get(..4)) {
                *years.entry(y.to_string()).or_default() += 1;
                if let Ok(y) = y.parse::<u16>() {
                    for (i, (a, b)) in TERMS.iter().enumerate() {
                        if (*a..*b).contains(&y) {
                            terms[i] += 1;
                        }
                    }
                }
            }
            if let Some(o) = &d.outlet {
                *outlets.entry(o.clone()).or_default() += 1;
            }
        }
        let mut outlets: Vec<_> = outlets.into_iter().collect();
        outlets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        FacetValues {
            years: years.into_iter().collect(),
            outlets,
            terms,
        }
    }
}

#[derive(Debug, Clone)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent switches of the view"
)]
pub struct Analysis {
    pub input: Input,
    /// Typing into the query box.
    pub editing: bool,
    pub view: View,
    /// Rows are the 34 provinces since 1 July 2025.
    pub by_2025: bool,
    /// Rows are the places one level below (districts, communes).
    pub below: bool,
    /// Places narrowed to, outermost first (Enter on a row); the last one counts.
    pub narrow: Vec<(By, String)>,
    pub facets: Facets,
    pub about_only: bool,
    /// The facet the filter bar's keys change, while it has them.
    pub facet: Option<Facet>,
    pub values: FacetValues,
    pub row_sort: RowSort,
    pub reverse: bool,
    pub kwic_sort: Sort,
    /// Places marked for side by side (row names), in the order marked.
    pub marked: Vec<(By, String)>,
    /// Concordance passages marked for tagging (`Space`, `*`).
    pub tag_marks: std::collections::HashSet<PassageRef>,
    /// Places read side by side, the focused one, and each one's selected passage.
    pub columns: Vec<(By, String)>,
    pub column: usize,
    pub column_selected: Vec<usize>,
    /// Selected row of the places table (display order), period, concordance line.
    pub row: usize,
    pub period: usize,
    pub line: usize,
    /// Generation of the newest request sent.
    pub generation: u64,
    /// The newest results (possibly a partial snapshot: `done` false).
    pub results: Option<Results>,
    /// Rows of `results` in display order.
    pub order: Vec<usize>,
    /// The request the results answer: an equal one is not sent again.
    pub asked: Option<Request>,
    /// A passage was opened from the view: Esc in the panes comes back to it.
    pub reading: bool,
}

impl Analysis {
    pub fn new(corpus: &Corpus, query: &str) -> Self {
        let mut input = Input::new();
        input.insert_str(query);
        Analysis {
            editing: query.trim().is_empty(),
            input,
            view: View::Places,
            by_2025: false,
            below: false,
            narrow: Vec::new(),
            facets: Facets::default(),
            about_only: false,
            facet: None,
            values: FacetValues::of(corpus),
            row_sort: RowSort::Rate,
            reverse: false,
            kwic_sort: Sort::Rank,
            marked: Vec::new(),
            tag_marks: std::collections::HashSet::new(),
            columns: Vec::new(),
            column: 0,
            column_selected: Vec::new(),
            row: 0,
            period: 0,
            line: 0,
            generation: 0,
            results: None,
            order: Vec::new(),
            asked: None,
            reading: false,
        }
    }

    /// What the rows stand for now.
    pub fn by(&self) -> By {
        let province = if self.by_2025 {
            By::Province2025
        } else {
            By::Province
        };
        match self.narrow.last() {
            Some((By::Province | By::Province2025, _)) => By::Locality,
            Some((by, _)) => *by,
            None if self.below => By::Locality,
            None => province,
        }
    }

    /// The request for what the view shows now.
    pub fn request(&self, generation: u64) -> Request {
        Request {
            generation,
            query: self.input.text().to_string(),
            facets: self.facets.clone(),
            about_only: self.about_only,
            by: self.by(),
            narrow: self.narrow.last().cloned(),
            sort: self.kwic_sort,
            context: CONTEXT,
            columns: self.columns.clone(),
            // The concordance wants every line; the other views, the first few.
            all_lines: self.view == View::Concordance,
        }
    }

    /// The rows in display order.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        let rows = self.results.as_ref().map_or(&[][..], |r| &r.rows[..]);
        self.order.iter().filter_map(|&i| rows.get(i))
    }

    pub fn selected_row(&self) -> Option<&Row> {
        self.rows().nth(self.row)
    }

    /// Order the rows by the chosen column (biggest first for counts, A–Z for names,
    /// oldest first for dates, undated last), reversed with `r`.
    pub fn sort_rows(&mut self) {
        let Some(r) = &self.results else {
            self.order.clear();
            return;
        };
        let rows = &r.rows;
        let mut order: Vec<usize> = (0..rows.len()).collect();
        let name = |i: usize| crate::text::collate::vi_key(&rows[i].group);
        match self.row_sort {
            // The worker's order: rate, then matching articles, then name.
            RowSort::Rate => {}
            RowSort::Matching => {
                order.sort_by_key(|&i| std::cmp::Reverse(rows[i].matching_articles));
            }
            RowSort::Passages => order.sort_by_key(|&i| std::cmp::Reverse(rows[i].passages)),
            RowSort::Articles => order.sort_by_key(|&i| std::cmp::Reverse(rows[i].articles)),
            RowSort::Name => order.sort_by_cached_key(|&i| name(i)),
            // Undated rows last.
            RowSort::First => order.sort_by_key(|&i| (rows[i].first.is_none(), &rows[i].first)),
            RowSort::Last => order.sort_by_key(|&i| (rows[i].last.is_none(), &rows[i].last)),
        }
        if self.reverse {
            order.reverse();
        }
        self.order = order;
        self.row = self.row.min(self.order.len().saturating_sub(1));
    }

    /// How many items the current view lists.
    fn len(&self) -> usize {
        let Some(r) = &self.results else { return 0 };
        match self.view {
            View::Places => self.order.len(),
            View::Time => r.timeline.periods.len(),
            View::Concordance => r.lines.len(),
            View::Columns => r.columns.get(self.column).map_or(0, Vec::len),
        }
    }

    fn cursor(&mut self) -> &mut usize {
        match self.view {
            View::Places => &mut self.row,
            View::Time => &mut self.period,
            View::Concordance => &mut self.line,
            View::Columns => {
                if self.column_selected.len() <= self.column {
                    self.column_selected.resize(self.column + 1, 0);
                }
                &mut self.column_selected[self.column]
            }
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        let n = self.len();
        let c = self.cursor();
        *c = c.saturating_add_signed(delta).min(n.saturating_sub(1));
    }

    /// The passage the selection is on (a concordance line, a side-by-side passage).
    pub fn passage(&self) -> Option<PassageRef> {
        let r = self.results.as_ref()?;
        match self.view {
            View::Concordance => r.lines.get(self.line).map(|l| l.at),
            View::Columns => r
                .columns
                .get(self.column)?
                .get(self.column_selected.get(self.column).copied().unwrap_or(0))
                .map(|h| h.at),
            _ => None,
        }
    }

    /// The concordance's passages, in its order, each once.
    pub fn concordance_passages(&self) -> Vec<PassageRef> {
        let lines = self.results.as_ref().map_or(&[][..], |r| &r.lines[..]);
        super::coding::dedup(lines.iter().map(|l| l.at))
    }

    /// Change the value of a facet: `step` ±1 through its values, 0 clears it.
    pub fn step_facet(&mut self, facet: Facet, step: isize) {
        fn next<T: Clone + PartialEq>(values: &[T], now: Option<&T>, step: isize) -> Option<T> {
            if step == 0 || values.is_empty() {
                return None;
            }
            let n = isize::try_from(values.len()).unwrap_or(isize::MAX);
            // "None" sits before the first value and after the last.
            let at = now
                .and_then(|v| values.iter().position(|x| x == v))
                .and_then(|i| isize::try_from(i).ok())
                .unwrap_or(-1);
            let to = (at + 1 + step).rem_euclid(n + 1) - 1;
            usize::try_from(to).ok().map(|i| values[i].clone())
        }
        let years: Vec<String> = self.values.years.iter().map(|y| y.0.clone()).collect();
        match facet {
            Facet::From => {
                let now = self
                    .facets
                    .from
                    .as_ref()
                    .and_then(|d| d.get(..4))
                    .map(str::to_string);
                self.facets.from = next(&years, now.as_ref(), step).map(|y| format!("{y}-01-01"));
            }
            Facet::To => {
                let now = self
                    .facets
                    .to
                    .as_ref()
                    .and_then(|d| d.get(..4))
                    .map(str::to_string);
                self.facets.to = next(&years, now.as_ref(), step).map(|y| format!("{y}-12-31"));
            }
            Facet::Term => self.facets.term = next(&TERMS, self.facets.term.as_ref(), step),
            Facet::Outlet => {
                let outlets: Vec<String> =
                    self.values.outlets.iter().map(|o| o.0.clone()).collect();
                self.facets.outlet = next(&outlets, self.facets.outlet.as_ref(), step);
            }
            Facet::About => self.about_only = step != 0 && !self.about_only,
        }
    }
}

impl App {
    /// `a`: open the analysis view, as it was left (a new query replaces its own).
    pub fn open_analysis(&mut self, query: Option<String>) {
        match (&mut self.analysis, query) {
            (Some(a), Some(q)) if q != a.input.text() => {
                a.input.clear();
                a.input.insert_str(&q);
                a.narrow.clear();
                a.editing = false;
            }
            (Some(_), _) => {}
            (None, q) => {
                self.analysis = Some(Analysis::new(&self.corpus, q.as_deref().unwrap_or("")));
            }
        }
        if let Some(a) = self.analysis.as_mut() {
            a.reading = false;
        }
        self.analysis_open = true;
        self.request_analysis();
    }

    /// Esc in the panes after reading a passage from the view: back to it, as it was left.
    pub(super) fn back_to_analysis(&mut self) {
        if self.analysis.as_ref().is_some_and(|a| a.reading) {
            self.open_analysis(None);
        }
    }

    /// Ask the worker for what the view shows, unless it was asked already.
    pub(super) fn request_analysis(&mut self) {
        if self.index.is_none() {
            // Asked again when the index is ready.
            return;
        }
        let generation = self.search_generation + 1;
        let Some(a) = self.analysis.as_mut() else {
            return;
        };
        let req = a.request(generation);
        let same = a.asked.as_ref().is_some_and(|old| {
            Request {
                generation,
                ..old.clone()
            } == req
        });
        if same || req.query.trim().is_empty() {
            return;
        }
        self.search_generation = generation;
        a.generation = generation;
        a.asked = Some(req.clone());
        self.effects.push(Effect::Analyze(req));
    }

    /// `v` in the locality list: mark the selected province or place (or unmark it) to be
    /// read side by side in the analysis view, beside places marked in its table.
    pub(super) fn pick_place_for_columns(&mut self) {
        use super::localities::LocalityRow;
        use crate::analysis::counts::Grouper;
        let place = match self.localities.rows.get(self.localities.selected) {
            Some(LocalityRow::Province { name, .. }) => Some((
                if self.localities.by_2025 {
                    By::Province2025
                } else {
                    By::Province
                },
                name.clone(),
            )),
            Some(LocalityRow::Locality { id, .. }) => {
                let grouper = Grouper::new(&self.corpus, By::Locality, false);
                self.corpus
                    .localities
                    .iter()
                    .find(|l| l.id == *id)
                    .map(|l| (By::Locality, grouper.label(l)))
            }
            _ => None,
        };
        let Some(place) = place else {
            self.notice = Some(super::strings::NOT_A_PLACE.into());
            return;
        };
        let a = self
            .analysis
            .get_or_insert_with(|| Analysis::new(&self.corpus, ""));
        if let Some(i) = a.marked.iter().position(|m| *m == place) {
            a.marked.remove(i);
            self.notice = Some(super::strings::unmarked_place(&place.1));
        } else if a.marked.len() < MAX_COLUMNS {
            a.marked.push(place);
            self.notice = Some(super::strings::marked_place(
                &a.marked.last().map(|p| p.1.clone()).unwrap_or_default(),
                a.marked.len(),
                MAX_COLUMNS,
            ));
        } else {
            self.notice = Some(super::strings::too_many_columns(MAX_COLUMNS));
        }
    }

    /// Pasted text goes into the query box while it is typed into; true if it took it.
    pub(super) fn analysis_paste(&mut self, text: &str) -> bool {
        if self.finder.is_some() || !self.analysis_open {
            return false;
        }
        let Some(a) = self.analysis.as_mut().filter(|a| a.editing) else {
            return false;
        };
        // One line: a pasted newline would not run anything.
        a.input
            .insert_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
        a.narrow.clear();
        a.row = 0;
        a.line = 0;
        self.request_analysis();
        true
    }

    pub(super) fn on_analysis_results(&mut self, r: Box<Results>) {
        let Some(a) = self.analysis.as_mut() else {
            return;
        };
        if r.generation != a.generation {
            return;
        }
        a.results = Some(*r);
        a.sort_rows();
        a.move_by(0);
    }

    pub(super) fn analysis_key(
        &mut self,
        scope: super::Scope,
        action: Option<Action>,
        key: KeyEvent,
    ) {
        let Some(a) = self.analysis.as_mut() else {
            return;
        };
        match scope {
            super::Scope::AnalysisQuery => match action {
                Some(Action::Open | Action::Close) => a.editing = false,
                Some(Action::ToggleTelex) => a.input.toggle_telex(),
                _ => {
                    if a.input.handle_key(key) {
                        a.narrow.clear();
                        a.tag_marks.clear();
                        a.row = 0;
                        a.line = 0;
                        self.request_analysis();
                    }
                }
            },
            super::Scope::AnalysisFacets => {
                let Some(f) = a.facet else { return };
                let i = Facet::ALL.iter().position(|&x| x == f).unwrap_or(0);
                let n = Facet::ALL.len();
                match action {
                    Some(Action::Expand) => a.facet = Some(Facet::ALL[(i + 1) % n]),
                    Some(Action::Collapse) => a.facet = Some(Facet::ALL[(i + n - 1) % n]),
                    Some(Action::Down) => a.step_facet(f, 1),
                    Some(Action::Up) => a.step_facet(f, -1),
                    Some(Action::ClearFilter) => a.step_facet(f, 0),
                    Some(Action::Open | Action::Close | Action::Facets) => a.facet = None,
                    _ => {}
                }
                self.request_analysis();
            }
            _ => {
                if let Some(action) = action {
                    self.analysis_act(action);
                }
            }
        }
    }

    pub(super) fn analysis_act(&mut self, action: Action) {
        let page = isize::try_from(self.size.height.saturating_sub(6))
            .unwrap_or(1)
            .max(1);
        let Some(a) = self.analysis.as_mut() else {
            return;
        };
        match action {
            Action::Close => {
                if a.narrow.pop().is_some() {
                    a.row = 0;
                } else {
                    self.analysis_open = false;
                    return;
                }
            }
            Action::Widen => {
                a.narrow.pop();
                a.row = 0;
            }
            Action::Help => {
                // Opened at the analysis view's own keys (the help scrolls to the others).
                self.help = true;
                let total = super::action::help_lines();
                let rows = (total + 2)
                    .min(usize::from(self.size.height))
                    .saturating_sub(2);
                self.help_scroll = super::action::help_line_of(super::Scope::Analysis)
                    .min(total.saturating_sub(rows));
                return;
            }
            Action::EditQuery => a.editing = true,
            Action::Facets => a.facet = Some(Facet::From),
            Action::NextView => a.view = a.view.step(true),
            Action::PrevView => a.view = a.view.step(false),
            Action::Down => a.move_by(1),
            Action::Up => a.move_by(-1),
            Action::PageDown => a.move_by(page),
            Action::PageUp => a.move_by(-page),
            Action::Top => a.move_by(isize::MIN / 2),
            Action::Bottom => a.move_by(isize::MAX / 2),
            Action::Expand if a.view == View::Columns => {
                a.column = (a.column + 1).min(a.columns.len().saturating_sub(1));
            }
            Action::Collapse if a.view == View::Columns => a.column = a.column.saturating_sub(1),
            Action::ToggleGrouping => {
                a.by_2025 = !a.by_2025;
                a.narrow.clear();
                a.marked.clear();
            }
            Action::LevelBelow => {
                a.below = !a.below;
                a.marked.clear();
            }
            Action::SortAnalysis => match a.view {
                View::Concordance | View::Columns => {
                    let sorts = [
                        Sort::Rank,
                        Sort::Left,
                        Sort::Right,
                        Sort::Place,
                        Sort::Date,
                        Sort::Figure,
                    ];
                    let i = sorts.iter().position(|&s| s == a.kwic_sort).unwrap_or(0);
                    a.kwic_sort = sorts[(i + 1) % sorts.len()];
                    a.line = 0;
                }
                _ => {
                    let i = RowSort::ALL
                        .iter()
                        .position(|&s| s == a.row_sort)
                        .unwrap_or(0);
                    a.row_sort = RowSort::ALL[(i + 1) % RowSort::ALL.len()];
                    a.sort_rows();
                }
            },
            Action::ReverseSort => {
                a.reverse = !a.reverse;
                a.sort_rows();
            }
            Action::Toggle if a.view == View::Places => {
                if let Some(g) = a.selected_row().map(|r| (a.by(), r.group.clone())) {
                    if let Some(i) = a.marked.iter().position(|m| *m == g) {
                        a.marked.remove(i);
                    } else if a.marked.len() < MAX_COLUMNS {
                        a.marked.push(g);
                    } else {
                        self.notice = Some(super::strings::too_many_columns(MAX_COLUMNS));
                    }
                    a.move_by(1);
                }
            }
            Action::Toggle if a.view == View::Concordance => {
                self.mark_line();
                return;
            }
            Action::MarkAll => {
                self.mark_all_lines();
                return;
            }
            Action::TagHits => {
                self.tag_concordance();
                return;
            }
            Action::Undo => {
                self.undo();
                return;
            }
            Action::SideBySide => {
                let mut places = a.marked.clone();
                if places.is_empty() {
                    // The two first rows, as sorted.
                    let by = a.by();
                    places = a.rows().take(2).map(|r| (by, r.group.clone())).collect();
                }
                if places.is_empty() {
                    return;
                }
                a.columns = places;
                a.column = 0;
                a.column_selected = vec![0; a.columns.len()];
                a.view = View::Columns;
            }
            Action::Open => match a.view {
                View::Places => {
                    if let Some(g) = a.selected_row().map(|r| r.group.clone()) {
                        let by = a.by();
                        a.narrow.push((by, g));
                        a.row = 0;
                        a.line = 0;
                        if by == By::Locality {
                            a.view = View::Concordance;
                        }
                    }
                }
                View::Time => {
                    // The period becomes the date range.
                    let p = a
                        .results
                        .as_ref()
                        .and_then(|r| r.timeline.periods.get(a.period).cloned());
                    if let Some(p) = p {
                        let (from, to) = period_days(&p);
                        a.facets.from = Some(from);
                        a.facets.to = Some(to);
                        a.view = View::Places;
                    }
                }
                View::Concordance | View::Columns => {
                    if let Some(at) = a.passage() {
                        a.reading = true;
                        self.analysis_open = false;
                        self.go_to_passage(at);
                    }
                    return;
                }
            },
            Action::Bookmark => {
                let at = a.passage();
                self.bookmark(at);
                return;
            }
            _ => {}
        }
        self.request_analysis();
    }
}

/// The first and last day of a period (`2017` or `2017-03`), as the facets write them.
fn period_days(p: &str) -> (String, String) {
    if p.len() == 4 {
        return (format!("{p}-01-01"), format!("{p}-12-31"));
    }
    let first = format!("{p}-01");
    let last = first
        .parse::<jiff::civil::Date>()
        .map_or_else(|_| format!("{p}-31"), |d| d.last_of_month().to_string());
    (first, last)
}

#[cfg(test)]
pub(super) mod tests;
