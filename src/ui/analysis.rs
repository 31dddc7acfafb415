//! The analysis view, full screen: a title with the counts, the query box, the views' tabs,
//! the filter bar, the view itself (places table, time bars, concordance, columns side by
//! side) and the key hints. At 80×24 it stays usable: table columns drop by priority, the
//! bars and sparklines shrink first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::text_box::TextBox;
use crate::analysis::counts::{By, Row};
use crate::analysis::kwic::Sort;
use crate::app::App;
use crate::app::analysis::{Analysis, Facet, RowSort, TERMS, View};
use crate::app::layout::list_offset;
use crate::text::date::display_date;
use crate::text::truncate_to_width;

/// `n` with `.` between thousands, as Vietnamese writes it.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The last `cols` columns of `s`, `…` first when cut (never parting a letter from its
/// marks).
fn tail_width(s: &str, cols: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    if s.width() <= cols {
        return s.to_string();
    }
    if cols == 0 {
        return String::new();
    }
    let mut out: Vec<&str> = Vec::new();
    let mut w = 1;
    for g in s.graphemes(true).rev() {
        let gw = g.width();
        if w + gw > cols {
            break;
        }
        w += gw;
        out.push(g);
    }
    out.push("…");
    out.into_iter().rev().collect()
}

/// `s` cut or padded to exactly `cols` columns (right-aligned with `right`).
pub(super) fn fit(s: &str, cols: usize, right: bool) -> String {
    if cols == 0 {
        return String::new();
    }
    let s = truncate_to_width(s, cols);
    let pad = " ".repeat(cols.saturating_sub(s.width()));
    if right {
        format!("{pad}{s}")
    } else {
        format!("{s}{pad}")
    }
}

/// A bar of `value / max` of `cols` columns.
fn bar(value: f64, max: f64, cols: usize) -> String {
    if cols == 0 || max <= 0.0 {
        return String::new();
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "a few dozen columns"
    )]
    let n = ((value / max) * cols as f64).round() as usize;
    // A non-zero value shows at least a sliver.
    let n = if value > 0.0 { n.max(1) } else { 0 };
    "█".repeat(n.min(cols))
}

/// A sparkline of `values` in at most `cols` columns (the last periods when there are
/// more), scaled to their own maximum.
pub fn sparkline(values: &[usize], cols: usize) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let values = &values[values.len().saturating_sub(cols)..];
    let max = values.iter().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|&v| {
            if v == 0 || max == 0 {
                ' '
            } else {
                LEVELS[((v * 8).div_ceil(max)).clamp(1, 8) - 1]
            }
        })
        .collect()
}

fn view_title(v: View) -> &'static str {
    match v {
        View::Places => "Địa phương",
        View::Time => "Thời gian",
        View::Concordance => "Ngữ cảnh",
        View::Columns => "Song song",
    }
}

fn sort_title(a: &Analysis) -> String {
    let dir = if a.reverse { " ↑" } else { "" };
    match a.view {
        // Each column lists its place's passages as the search ranked them.
        View::Columns => "sắp: liên quan".to_string(),
        View::Concordance => match a.kwic_sort {
            Sort::Rank => "sắp: liên quan",
            Sort::Left => "sắp: ngữ cảnh trái",
            Sort::Right => "sắp: ngữ cảnh phải",
            Sort::Place => "sắp: nơi",
            Sort::Date => "sắp: ngày",
            Sort::Figure => "sắp: số liệu",
        }
        .to_string(),
        _ => format!(
            "sắp: {}{dir}",
            match a.row_sort {
                RowSort::Rate => "/100 bài",
                RowSort::Matching => "bài khớp",
                RowSort::Passages => "đoạn",
                RowSort::Articles => "bài",
                RowSort::Name => "tên",
                RowSort::First => "từ ngày",
                RowSort::Last => "đến ngày",
            }
        ),
    }
}

fn by_title(by: By) -> &'static str {
    match by {
        By::Province => "tỉnh",
        By::Province2025 => "tỉnh 2025",
        By::Locality => "địa phương",
        By::Year => "năm",
        By::Outlet => "báo",
    }
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let Some(a) = &app.analysis else { return };
    frame.render_widget(Clear, area);
    if area.height < 6 || area.width < 20 {
        frame.render_widget(Paragraph::new("Phân tích: cửa sổ quá nhỏ"), area);
        return;
    }
    let row = |i: u16| Rect::new(area.x, area.y + i, area.width, 1);
    draw_title(frame, app, a, theme, row(0));
    let telex = if a.input.telex() { "Telex " } else { "" };
    let label = format!("Truy vấn {telex}› ");
    TextBox {
        input: &a.input,
        label: &label,
        label_style: theme.key(),
        text_style: Style::new(),
        note: None,
        focused: a.editing,
    }
    .render(frame, row(1));
    draw_tabs(frame, a, theme, row(2));
    draw_facets(frame, a, theme, row(3));
    let body = Rect::new(area.x, area.y + 4, area.width, area.height - 5);
    match a.view {
        View::Places => draw_places(frame, a, theme, body),
        View::Time => draw_time(frame, a, theme, body),
        View::Concordance => draw_concordance(frame, a, theme, body),
        View::Columns => draw_columns(frame, app, a, theme, body),
    }
    let last = row(area.height - 1);
    let text = app
        .notice
        .clone()
        .unwrap_or_else(|| super::status::hints(app, usize::from(area.width)));
    let style = if app.notice.is_some() {
        theme.notice()
    } else {
        theme.status()
    };
    frame.render_widget(Paragraph::new(text).style(style), last);
}

fn draw_title(frame: &mut Frame, app: &App, a: &Analysis, theme: Theme, area: Rect) {
    let mut spans = vec![Span::styled(" Phân tích ", theme.title())];
    let mut where_ = vec!["Tất cả".to_string()];
    where_.extend(a.narrow.iter().map(|n| n.1.clone()));
    spans.push(Span::styled(where_.join(" › "), theme.province()));
    let facts = match (&a.results, app.index.is_some()) {
        (_, false) => " · đang lập chỉ mục…".to_string(),
        (None, _) if a.input.text().trim().is_empty() => " · gõ truy vấn (/)".to_string(),
        (None, _) => " · đang đếm…".to_string(),
        (Some(r), _) => {
            let rows_in = r.rows.len();
            // Partial, or answering an older request (a new query was typed): the counts
            // shown are not yet those of what the box and the tabs say.
            let state = if r.done && r.generation == a.generation {
                ""
            } else {
                " · đang đếm…"
            };
            let filtered = if a.facets.is_empty() {
                ""
            } else {
                " đã lọc"
            };
            format!(
                " · {} đoạn · {} {} · {} bài{filtered} · {} ms{state}",
                thousands(r.hits),
                thousands(rows_in),
                by_title(a.by()),
                thousands(r.articles),
                r.elapsed.as_millis()
            )
        }
    };
    spans.push(Span::styled(facts, theme.meta()));
    frame.render_widget(Line::from(spans), area);
}

fn draw_tabs(frame: &mut Frame, a: &Analysis, theme: Theme, area: Rect) {
    let mut spans = Vec::new();
    for v in View::ALL {
        let style = if v == a.view {
            theme.selected(true)
        } else {
            theme.meta()
        };
        spans.push(Span::styled(format!(" {} ", view_title(v)), style));
        spans.push(Span::raw(" "));
    }
    let mut line = Line::from(spans);
    let sort = format!(" {} ", sort_title(a));
    if line.width() + sort.width() <= usize::from(area.width) {
        line.push_span(Span::styled(sort, theme.meta()));
    }
    frame.render_widget(line, area);
}

/// The value a facet shows in the filter bar, with the corpus's articles for it unless
/// `short`.
fn facet_value(a: &Analysis, f: Facet, short: bool) -> String {
    let year_count = |y: &str| {
        a.values
            .years
            .iter()
            .find(|(x, _)| x == y && !short)
            .map_or(String::new(), |(_, n)| format!(" ({})", thousands(*n)))
    };
    match f {
        Facet::From => a.facets.from.as_deref().map_or("—".into(), |d| {
            let y = d.get(..4).unwrap_or(d);
            format!("{y}{}", year_count(y))
        }),
        Facet::To => a.facets.to.as_deref().map_or("—".into(), |d| {
            let y = d.get(..4).unwrap_or(d);
            format!("{y}{}", year_count(y))
        }),
        Facet::Term => a.facets.term.map_or("—".into(), |t| {
            if short {
                return format!("{}–{}", t.0, t.1);
            }
            let n = TERMS
                .iter()
                .position(|x| *x == t)
                .and_then(|i| a.values.terms.get(i))
                .copied()
                .unwrap_or(0);
            format!("{}–{} ({} bài theo ngày)", t.0, t.1, thousands(n))
        }),
        Facet::Outlet => a.facets.outlet.as_deref().map_or("—".into(), |o| {
            if short {
                return o.to_string();
            }
            let n = a
                .values
                .outlets
                .iter()
                .find(|(x, _)| x == o)
                .map_or(0, |x| x.1);
            format!("{o} ({})", thousands(n))
        }),
        Facet::About => if a.about_only {
            "nói về"
        } else {
            "nói về + chỉ nhắc"
        }
        .into(),
    }
}

fn facet_label(f: Facet) -> &'static str {
    match f {
        Facet::From => "từ",
        Facet::To => "đến",
        Facet::Term => "nhiệm kỳ",
        Facet::Outlet => "báo",
        Facet::About => "địa phương",
    }
}

/// The filter bar. When it is too wide, the counts go (the focused facet's last), then the
/// facets before the focused one, so what the keys change is always in view.
fn draw_facets(frame: &mut Frame, a: &Analysis, theme: Theme, area: Rect) {
    let width = usize::from(area.width);
    let head = Span::styled("Lọc (f) ", theme.key());
    let part = |f: Facet, short: bool| {
        let focused = a.facet == Some(f);
        let value = facet_value(a, f, short);
        let set = !value.starts_with('—') && (f != Facet::About || a.about_only);
        let style = if focused {
            theme.selected(true)
        } else if set {
            theme.bookmark()
        } else {
            theme.meta()
        };
        Span::styled(format!("{} {value}", facet_label(f)), style)
    };
    let line = |first: usize, short: &dyn Fn(Facet) -> bool| {
        let mut spans = vec![head.clone()];
        if first > 0 {
            spans.push(Span::styled("… ", theme.meta()));
        }
        for (i, f) in Facet::ALL.into_iter().enumerate().skip(first) {
            if i > first {
                spans.push(Span::styled(" · ", theme.meta()));
            }
            spans.push(part(f, short(f)));
        }
        Line::from(spans)
    };
    let focused = a
        .facet
        .and_then(|f| Facet::ALL.iter().position(|&x| x == f));
    let mut shown = line(0, &|_| false);
    if shown.width() > width {
        shown = line(0, &|f| Some(f) != a.facet);
    }
    if shown.width() > width {
        shown = line(0, &|_| true);
    }
    for first in 1..=focused.unwrap_or(0) {
        if shown.width() <= width {
            break;
        }
        shown = line(first, &|_| true);
    }
    frame.render_widget(shown, area);
}

/// A column of the places table.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Col {
    Rate,
    Matching,
    Passages,
    Articles,
    Bar,
    Spark,
    First,
    Last,
}

/// The columns that fit `width` after the name, by priority (the first that does not fit
/// ends the list), and the name's width. The two dates go together (one end of a span alone reads as a date of its own).
fn place_columns(width: usize, name_w: usize, periods: usize) -> (Vec<(Col, usize)>, usize) {
    let name = name_w.clamp(8, 26).min(width.saturating_sub(8));
    let wanted = [
        (Col::Rate, 9),
        (Col::Matching, 9),
        (Col::Bar, 8),
        (Col::Passages, 7),
        (Col::Articles, 7),
        // At least as wide as its heading, ` tháng`.
        (Col::Spark, periods.clamp(5, 12) + 1),
        (Col::First, 11),
    ];
    let mut used = name + 2;
    let mut cols = Vec::new();
    for (c, w) in wanted {
        if c == Col::Spark && periods < 2 {
            continue;
        }
        let both = if c == Col::First { 2 * w } else { w };
        if used + both > width {
            // Strictly by priority: a narrower column further down does not take the place
            // of one that did not fit (the bar takes the room).
            break;
        }
        used += both;
        cols.push((c, w));
        if c == Col::First {
            cols.push((Col::Last, w));
        }
    }
    // The bar takes what is left (up to 30 columns).
    if let Some(b) = cols.iter_mut().find(|c| c.0 == Col::Bar) {
        b.1 = (b.1 + width - used).min(30);
    }
    let order = [
        Col::Rate,
        Col::Matching,
        Col::Passages,
        Col::Articles,
        Col::First,
        Col::Last,
        Col::Spark,
        Col::Bar,
    ];
    cols.sort_by_key(|c| order.iter().position(|o| *o == c.0));
    (cols, name)
}

fn draw_places(frame: &mut Frame, a: &Analysis, theme: Theme, area: Rect) {
    let Some(r) = &a.results else { return };
    if area.height < 2 {
        return;
    }
    let rows: Vec<&Row> = a.rows().collect();
    let name_w = rows.iter().map(|r| r.group.width() + 2).max().unwrap_or(8);
    let (cols, name) = place_columns(usize::from(area.width), name_w, r.timeline.periods.len());
    let sorted = |c: Col| {
        let s = match c {
            Col::Rate => RowSort::Rate,
            Col::Matching => RowSort::Matching,
            Col::Passages => RowSort::Passages,
            Col::Articles => RowSort::Articles,
            Col::First => RowSort::First,
            Col::Last => RowSort::Last,
            _ => return "",
        };
        if s == a.row_sort { "▼" } else { "" }
    };
    let mut head = fit(
        &format!(
            "{}{}",
            by_title(a.by()),
            if a.row_sort == RowSort::Name {
                "▼"
            } else {
                ""
            }
        ),
        name + 2,
        false,
    );
    for &(c, w) in &cols {
        let t = match c {
            Col::Rate => "/100 bài",
            Col::Matching => "bài khớp",
            Col::Passages => "đoạn",
            Col::Articles => "bài",
            Col::Bar => "",
            Col::Spark => match (r.timeline.monthly, w > "theo tháng".width()) {
                (true, true) => "theo tháng",
                (true, false) => "tháng",
                (false, true) => "theo năm",
                (false, false) => "năm",
            },
            Col::First => "từ",
            Col::Last => "đến",
        };
        let t = format!("{}{t}", sorted(c));
        head.push_str(&match c {
            Col::Bar | Col::Spark | Col::First | Col::Last => fit(&format!(" {t}"), w, false),
            _ => fit(&t, w, true),
        });
    }
    frame.render_widget(
        Paragraph::new(head).style(theme.heading()),
        Rect { height: 1, ..area },
    );
    let list = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    if rows.is_empty() {
        frame.render_widget(Paragraph::new("Không có kết quả").style(theme.meta()), list);
        return;
    }
    let max = rows.iter().map(|r| r.per_100).fold(0.0_f64, f64::max);
    let h = usize::from(list.height);
    let offset = list_offset(a.row, rows.len(), h);
    for (i, row) in rows.iter().enumerate().skip(offset).take(h) {
        let mark = if a.marked.contains(&(a.by(), row.group.clone())) {
            "● "
        } else {
            "  "
        };
        let mut spans = vec![Span::raw(format!("{mark}{}", fit(&row.group, name, false)))];
        for &(c, w) in &cols {
            let date = |d: &Option<String>| d.as_deref().map_or("—".into(), display_date);
            let cell = match c {
                Col::Rate => fit(&format!("{:.1}", row.per_100).replace('.', ","), w, true),
                Col::Matching => fit(&thousands(row.matching_articles), w, true),
                Col::Passages => fit(&thousands(row.passages), w, true),
                Col::Articles => fit(&thousands(row.articles), w, true),
                Col::Bar => format!(" {}", fit(&bar(row.per_100, max, w - 1), w - 1, false)),
                Col::Spark => {
                    let v = r.timeline.by_group.get(&row.group);
                    format!(
                        " {}",
                        fit(
                            &v.map_or(String::new(), |v| sparkline(v, w - 1)),
                            w - 1,
                            false
                        )
                    )
                }
                Col::First => format!(" {}", fit(&date(&row.first), w - 1, false)),
                Col::Last => format!(" {}", fit(&date(&row.last), w - 1, false)),
            };
            let style = match c {
                Col::Bar | Col::Spark => theme.count(),
                _ => Style::new(),
            };
            spans.push(Span::styled(cell, style));
        }
        super::draw_row(
            frame,
            list,
            i - offset,
            Line::from(spans),
            i == a.row,
            theme,
        );
    }
}

fn draw_time(frame: &mut Frame, a: &Analysis, theme: Theme, area: Rect) {
    let Some(r) = &a.results else { return };
    let t = &r.timeline;
    let unit = if t.monthly { "tháng" } else { "năm" };
    let mut head = format!("bài khớp theo {unit}");
    if t.undated > 0 {
        head = format!("{head} · {} bài không rõ ngày", thousands(t.undated));
    }
    head.push_str(" · Enter: lọc theo kỳ này");
    frame.render_widget(
        Paragraph::new(head).style(theme.heading()),
        Rect { height: 1, ..area },
    );
    let list = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    let h = usize::from(list.height);
    let max = t.articles.iter().copied().max().unwrap_or(0);
    let w = usize::from(area.width);
    let offset = list_offset(a.period, t.periods.len(), h);
    for (i, p) in t.periods.iter().enumerate().skip(offset).take(h) {
        let figures = format!(
            " {} bài · {} đoạn",
            thousands(t.articles[i]),
            thousands(t.passages[i])
        );
        let room = w.saturating_sub(p.width() + 1 + figures.width());
        #[allow(clippy::cast_precision_loss, reason = "article counts")]
        let b = bar(t.articles[i] as f64, max as f64, room);
        let line = Line::from(vec![
            Span::raw(format!("{p} ")),
            Span::styled(b, theme.count()),
            Span::styled(figures, theme.meta()),
        ]);
        super::draw_row(frame, list, i - offset, line, i == a.period, theme);
    }
}

fn draw_concordance(frame: &mut Frame, a: &Analysis, theme: Theme, area: Rect) {
    let Some(r) = &a.results else { return };
    let lines = &r.lines;
    let w = usize::from(area.width);
    let figures = lines.iter().take(2000).any(|l| l.figure.is_some());
    // Columns by priority: the line itself, the place, the figure, the date.
    // A gutter for the lines marked for tagging, while any is.
    let mark_w = if a.tag_marks.is_empty() { 0 } else { 2 };
    let mut kwic = w.saturating_sub(mark_w);
    let place_w = if kwic >= 60 { 16 } else { 0 };
    kwic -= place_w;
    // The figure column only when sorted by it or when the line keeps room to be read.
    let fig_w = if figures && (a.kwic_sort == Sort::Figure || kwic >= 100) {
        16
    } else {
        0
    };
    kwic -= fig_w;
    let date_w = if kwic >= 70 { 11 } else { 0 };
    kwic -= date_w;
    let marked = if a.tag_marks.is_empty() {
        String::new()
    } else {
        let n = lines.iter().filter(|l| a.tag_marks.contains(&l.at)).count();
        format!(" · {} đã chọn (t: gắn thẻ)", thousands(n))
    };
    let head = format!(
        "{}{}{}{}{}",
        " ".repeat(mark_w),
        fit(if fig_w > 0 { "số liệu" } else { "" }, fig_w, false),
        fit(
            &format!("ngữ cảnh · {} dòng{marked}", thousands(lines.len())),
            kwic,
            false
        ),
        fit(" nơi", place_w, false),
        fit(" ngày", date_w, false),
    );
    frame.render_widget(
        Paragraph::new(head).style(theme.heading()),
        Rect { height: 1, ..area },
    );
    let list = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    let h = usize::from(list.height);
    let offset = list_offset(a.line, lines.len(), h);
    for (i, l) in lines.iter().enumerate().skip(offset).take(h) {
        let matched = truncate_to_width(&l.matched, kwic / 3);
        let left_w = (kwic.saturating_sub(matched.width())) * 2 / 5;
        let right_w = kwic.saturating_sub(left_w + matched.width());
        let left = fit(&tail_width(&l.left, left_w), left_w, true);
        let right = fit(&l.right, right_w, false);
        let mut spans = Vec::new();
        if mark_w > 0 {
            let mark = match (a.tag_marks.contains(&l.at), theme.ascii) {
                (false, _) => "  ",
                (true, false) => "● ",
                (true, true) => "* ",
            };
            spans.push(Span::styled(mark, theme.bookmark()));
        }
        if fig_w > 0 {
            spans.push(Span::styled(
                fit(l.figure.as_deref().unwrap_or("·"), fig_w - 1, true) + " ",
                theme.count(),
            ));
        }
        spans.push(Span::raw(left));
        spans.push(Span::styled(matched, theme.matched()));
        spans.push(Span::raw(right));
        if place_w > 0 {
            spans.push(Span::styled(
                format!(
                    " {}",
                    fit(l.place.as_deref().unwrap_or("—"), place_w - 1, false)
                ),
                theme.province(),
            ));
        }
        if date_w > 0 {
            let d = l
                .date
                .as_deref()
                .map_or("—".into(), |d| display_date(d.get(..10).unwrap_or(d)));
            spans.push(Span::styled(
                format!(" {}", fit(&d, date_w - 1, false)),
                theme.meta(),
            ));
        }
        super::draw_row(
            frame,
            list,
            i - offset,
            Line::from(spans),
            i == a.line,
            theme,
        );
    }
}

fn draw_columns(frame: &mut Frame, app: &App, a: &Analysis, theme: Theme, area: Rect) {
    let Some(r) = &a.results else { return };
    if a.columns.is_empty() {
        frame.render_widget(
            Paragraph::new(
                "Chọn 2–3 địa phương trong bảng Địa phương (Space), rồi v để đọc song song.",
            )
            .style(theme.meta()),
            area,
        );
        return;
    }
    let n = u16::try_from(a.columns.len()).unwrap_or(1).max(1);
    let col_w = area.width / n;
    for (c, place) in a.columns.iter().enumerate() {
        let ci = u16::try_from(c).unwrap_or(0);
        let rect = Rect {
            x: area.x + ci * col_w,
            width: if ci + 1 == n {
                area.width - ci * col_w
            } else {
                col_w
            },
            ..area
        };
        let hits = r.columns.get(c).map_or(&[][..], |v| &v[..]);
        let focused = c == a.column;
        let selected = a.column_selected.get(c).copied().unwrap_or(0);
        let title = format!(
            " {} · {}/{} ",
            place.1,
            if hits.is_empty() { 0 } else { selected + 1 },
            thousands(hits.len())
        );
        let block = Block::new()
            .borders(Borders::ALL)
            .border_set(theme.border_set())
            .border_style(theme.border(focused))
            .title(truncate_to_width(
                &title,
                usize::from(rect.width.saturating_sub(2)),
            ));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let width = usize::from(inner.width);
        let mut lines: Vec<Line> = Vec::new();
        for (k, h) in hits.iter().enumerate().skip(selected) {
            if lines.len() >= usize::from(inner.height) {
                break;
            }
            let p = h.at.get(&app.corpus);
            let marks =
                crate::search::highlight_ranges_near_first(&p.text, &h.ranges, 4 * width + 64);
            // Only the text around the first match is laid out (a flattened article is one
            // passage of thousands of words).
            let first = marks.first().map_or(0, |m| m.0);
            let start = first.saturating_sub(width * 2);
            let end = first + width * usize::from(inner.height);
            let text: String = p.text.chars().skip(start).take(end - start).collect();
            let prefix = if start > 0 { "…" } else { "" };
            let shifted: Vec<(usize, usize)> = marks
                .iter()
                .filter(|m| m.0 >= start)
                .map(|m| {
                    (
                        m.0 - start + prefix.len().min(1),
                        m.1 - start + prefix.len().min(1),
                    )
                })
                .collect();
            let base = if focused && k == selected {
                theme.selected(true)
            } else {
                Style::new()
            };
            let (wrapped, _) = super::preview::wrap_marked(
                &format!("{prefix}{text}"),
                &shifted,
                width,
                theme,
                base,
            );
            let doc = &app.corpus.documents[h.at.doc_index()];
            let date = doc
                .date
                .as_deref()
                .map(|d| display_date(d.get(..10).unwrap_or(d)))
                .unwrap_or_default();
            let heading = if date.is_empty() {
                doc.title.clone()
            } else {
                format!("{date} {}", doc.title)
            };
            lines.push(Line::from(Span::styled(
                truncate_to_width(&heading, width),
                theme.meta(),
            )));
            lines.extend(wrapped.into_iter().take(6));
            lines.push(Line::raw(""));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

#[cfg(test)]
mod tests;
