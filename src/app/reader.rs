//! The reader: an article laid out for a width. Every line knows the node (article, section,
//! passage) it belongs to, so the outline can follow the reader and the reader can jump to
//! any node.

use super::outline::Node;
use crate::corpus::PassageRef;
use crate::corpus::{Corpus, PassageKind, SectionName};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Meta,
    Heading,
    Lead,
    Paragraph,
    ListItem,
    Caption,
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderLine {
    pub text: String,
    pub kind: LineKind,
    pub node: Node,
    /// Char offset, in the passage (or title…) text, of this line's first char after the
    /// indent: a highlight given in the passage's chars is sliced onto the line with it.
    pub start: usize,
    /// Chars of indent before the text.
    pub indent: usize,
}

impl ReaderLine {
    /// `ranges` (char offsets into the whole passage, sorted) as char offsets into this line.
    pub fn slice_ranges(&self, ranges: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let len = self.text.chars().count().saturating_sub(self.indent);
        let (from, to) = (self.start, self.start + len);
        ranges
            .iter()
            .filter(|&&(s, e)| s < to && e > from)
            .map(|&(s, e)| {
                (
                    s.max(from) - from + self.indent,
                    e.min(to) - from + self.indent,
                )
            })
            .collect()
    }
}

#[derive(Debug, Clone, Default)]
pub struct Reader {
    pub doc: Option<usize>,
    pub lines: Vec<ReaderLine>,
    /// Index of the first line shown.
    pub scroll: usize,
    /// Text width the lines were laid out for, and the visible height.
    pub width: u16,
    pub height: u16,
    /// Letters to highlight, as char ranges per passage of this article (the last query's).
    pub marks: std::collections::HashMap<PassageRef, Vec<(usize, usize)>>,
    /// The (article, query generation) `marks` were worked out for.
    pub marks_for: Option<(usize, u64)>,
}

fn wrap_into(
    out: &mut Vec<ReaderLine>,
    text: &str,
    width: usize,
    indent: &str,
    kind: LineKind,
    node: Node,
) {
    let opts = textwrap::Options::new(width.max(1))
        .initial_indent(indent)
        .subsequent_indent(indent)
        .break_words(true);
    // Where each line starts in `text`: lines are slices of it, in order, with the
    // whitespace between them dropped.
    let (mut byte, mut chars) = (0, 0);
    for l in textwrap::wrap(text, opts) {
        let content = l.get(indent.len()..).unwrap_or_default();
        if let Some(at) = text[byte..].find(content) {
            chars += text[byte..byte + at].chars().count();
            byte += at;
        }
        let start = chars;
        chars += content.chars().count();
        byte = (byte + content.len()).min(text.len());
        out.push(ReaderLine {
            text: l.into_owned(),
            kind,
            node,
            start,
            indent: indent.chars().count(),
        });
    }
}

/// Lay out document `d` for `width` columns.
pub fn layout(corpus: &Corpus, d: usize, width: u16) -> Vec<ReaderLine> {
    let Some(doc) = corpus.documents.get(d) else {
        return Vec::new();
    };
    let w = usize::from(width.max(1));
    let article = Node::Article(d);
    let blank = |node| ReaderLine {
        text: String::new(),
        kind: LineKind::Blank,
        node,
        start: 0,
        indent: 0,
    };
    let mut out = Vec::new();
    wrap_into(&mut out, &doc.title, w, "", LineKind::Title, article);
    if let Some(sub) = &doc.subtitle {
        wrap_into(&mut out, sub, w, "", LineKind::Meta, article);
    }
    let places: Vec<&str> = doc
        .localities
        .iter()
        .filter_map(|id| corpus.locality(id).map(|l| l.name.as_str()))
        .collect();
    let meta: Vec<String> = [
        doc.outlet.clone(),
        doc.date.as_deref().map(crate::text::date::display_date),
        doc.author.clone(),
        (!places.is_empty()).then(|| places.join(", ")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !meta.is_empty() {
        wrap_into(&mut out, &meta.join(" · "), w, "", LineKind::Meta, article);
    }
    out.push(blank(article));
    for (s, section) in doc.sections.iter().enumerate() {
        let sec = Node::Section(d, s);
        let heading = corpus.section_name(d, s).map(SectionName::shown);
        if let Some(h) = heading {
            wrap_into(&mut out, &h, w, "", LineKind::Heading, sec);
            out.push(blank(sec));
        }
        for (p, passage) in section.passages.iter().enumerate() {
            let node = Node::Passage(PassageRef::new(d, s, p));
            let (kind, indent) = match passage.kind {
                PassageKind::Lead => (LineKind::Lead, ""),
                PassageKind::Paragraph => (LineKind::Paragraph, ""),
                PassageKind::ListItem => (LineKind::ListItem, "  "),
                PassageKind::Caption => (LineKind::Caption, "  "),
            };
            wrap_into(&mut out, &passage.text, w, indent, kind, node);
            out.push(blank(node));
        }
    }
    out
}

impl Reader {
    /// Show document `d` (re-laid out if the document, width or mode changed).
    pub fn open(&mut self, corpus: &Corpus, d: usize, width: u16) {
        if self.doc != Some(d) || self.width != width || self.lines.is_empty() {
            let keep = (self.doc == Some(d)).then(|| self.top_node()).flatten();
            self.doc = Some(d);
            self.width = width;
            self.lines = layout(corpus, d, width);
            self.scroll = 0;
            if let Some(node) = keep {
                self.scroll_to(node);
            }
        }
    }

    /// Re-lay out for a new size, keeping the passage at the top of the view in place.
    pub fn resize(&mut self, corpus: &Corpus, width: u16, height: u16) {
        self.height = height;
        if let Some(d) = self.doc
            && width != self.width
        {
            let keep = self.top_node();
            self.width = width;
            self.lines = layout(corpus, d, width);
            if let Some(node) = keep {
                self.scroll_to(node);
            }
        }
        self.clamp();
    }

    pub fn max_scroll(&self) -> usize {
        self.lines
            .len()
            .saturating_sub(usize::from(self.height.max(1)))
    }

    pub fn clamp(&mut self) {
        self.scroll = self.scroll.min(self.max_scroll());
    }

    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll());
    }

    /// Scroll so `node` starts at the top (as far as the end of the article allows).
    pub fn scroll_to(&mut self, node: Node) {
        let found = self.lines.iter().position(|l| l.node == node).or_else(|| {
            // A section without a heading starts at its first passage.
            match node {
                Node::Section(d, s) => self.lines.iter().position(|l| {
                    matches!(l.node, Node::Passage(at)
                            if at.doc_index() == d && at.section_index() == s)
                }),
                _ => None,
            }
        });
        if let Some(i) = found {
            self.scroll = i;
            self.clamp();
        }
    }

    /// The node of the first line in view: what the outline cursor follows.
    pub fn top_node(&self) -> Option<Node> {
        self.lines.get(self.scroll).map(|l| l.node)
    }

    /// "§2 ¶5/31 · 42%": section and passage at the top, and how far through the article.
    pub fn position(&self, corpus: &Corpus) -> String {
        let Some(d) = self.doc else {
            return String::new();
        };
        let doc = &corpus.documents[d];
        let total = doc.passage_count();
        let pct = if self.max_scroll() == 0 {
            100
        } else {
            self.scroll * 100 / self.max_scroll()
        };
        let here = match self.top_node() {
            Some(Node::Passage(at)) => {
                let (s, p) = (at.section_index(), at.passage_index());
                let ordinal: usize = doc.sections[..s]
                    .iter()
                    .map(|x| x.passages.len())
                    .sum::<usize>()
                    + p
                    + 1;
                format!("§{} ¶{ordinal}/{total}", s + 1)
            }
            Some(Node::Section(_, s)) => format!("§{} ¶–/{total}", s + 1),
            _ => format!("¶–/{total}"),
        };
        format!("{here} · {pct}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn lines_fit_the_width_and_keep_every_word() {
        let c = crate::embedded::corpus();
        for d in 0..c.documents.len() {
            for width in [20u16, 37, 80] {
                let lines = layout(&c, d, width);
                for l in &lines {
                    assert!(
                        l.text.width() <= usize::from(width),
                        "{:?} > {width}",
                        l.text
                    );
                }
                // Joining the lines of a passage gives back its words.
                let p = &c.documents[d].sections[0].passages[0];
                let joined: Vec<&str> = lines
                    .iter()
                    .filter(|l| l.node == Node::Passage(PassageRef::new(d, 0, 0)))
                    .flat_map(|l| l.text.split_whitespace())
                    .collect();
                let words: Vec<&str> = p.text.split_whitespace().collect();
                if width >= 37 {
                    assert_eq!(joined, words);
                }
            }
        }
    }

    #[test]
    fn scrolling_follows_nodes_and_survives_resize() {
        let c = crate::embedded::corpus();
        let mut r = Reader::default();
        r.resize(&c, 60, 10);
        r.open(&c, 3, 60);
        let target = Node::Passage(PassageRef::new(3, 2, 1));
        r.scroll_to(target);
        assert_eq!(r.top_node(), Some(target));
        r.resize(&c, 30, 10);
        assert_eq!(r.top_node(), Some(target), "resizing keeps the position");
        r.scroll_by(-1000);
        assert_eq!(r.scroll, 0);
        r.scroll_by(100_000);
        assert_eq!(r.scroll, r.max_scroll());
        assert!(r.position(&c).ends_with("100%"));
    }

    #[test]
    fn each_line_knows_where_it_starts_in_its_passage() {
        let c = crate::embedded::corpus();
        for width in [12u16, 25, 72] {
            let lines = layout(&c, 0, width);
            for l in lines.iter().filter(|l| l.kind == LineKind::Paragraph) {
                let Node::Passage(at) = l.node else {
                    panic!("{l:?}")
                };
                let text = &at.get(&c).text;
                let shown: String = l.text.chars().skip(l.indent).collect();
                let at: String = text
                    .chars()
                    .skip(l.start)
                    .take(shown.chars().count())
                    .collect();
                assert_eq!(shown, at, "width {width}");
            }
        }
    }
}
