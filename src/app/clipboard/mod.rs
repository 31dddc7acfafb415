//! `y` / `Y`: copy a passage with its citation (or the citation alone) to the user's own
//! clipboard through OSC 52, which the terminal emulator carries out, so it works over SSH
//! and in tmux. The app only decides what to copy and says so; the event loop writes the
//! sequence ([`Effect::Copy`]) between two frames, through the same buffer as the frames.

use base64::Engine as _;

use super::{App, Effect, Scope, strings};
use crate::bookmarks::export::cite;
use crate::bookmarks::{Resolution, Status};
use crate::corpus::{Corpus, PassageRef};
use crate::text::date::display_date;

/// The most text sent in one OSC 52 sequence, before base64 (which makes it 4/3 as long):
/// about 100 kB on the wire, under the limit of xterm and most terminals that cap it.
pub const MAX_BYTES: usize = 75_000;

/// Whether `y` may write OSC 52: on, or off and why.
/// On by default: in unit tests and wherever the event loop has not said otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Osc52 {
    #[default]
    On,
    Off(String),
}

/// `--osc52`: `auto` decides from `TERM`; `on` / `off` force it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Osc52Setting {
    #[default]
    Auto,
    On,
    Off,
}

/// On unless the terminal is one known to ignore OSC 52 (or to show it as garbage): the
/// Linux console and `dumb` terminals. Everything else (xterm, kitty, foot, `WezTerm`, `iTerm2`,
/// Windows Terminal, tmux with `set-clipboard on`) takes it, or drops it silently.
pub fn detect(setting: Osc52Setting, term: Option<&str>) -> Osc52 {
    match setting {
        Osc52Setting::On => Osc52::On,
        Osc52Setting::Off => Osc52::Off(strings::COPY_OFF_FLAG.to_string()),
        Osc52Setting::Auto => match term {
            Some(t @ ("linux" | "dumb")) => Osc52::Off(strings::copy_off_term(t)),
            _ => Osc52::On,
        },
    }
}

/// `ESC ] 52 ; c ; <base64> BEL`: put `text` on the clipboard (`c`). BEL ends it rather than
/// ST: every terminal that knows OSC 52 takes BEL, and older tmux only BEL.
pub fn sequence(text: &str) -> Vec<u8> {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = Vec::with_capacity(b64.len() + 8);
    out.extend_from_slice(b"\x1b]52;c;");
    out.extend_from_slice(b64.as_bytes());
    out.push(0x07);
    out
}

/// `text` cut to at most [`MAX_BYTES`] at a char boundary; `true` if it was cut.
pub fn cap(text: &str) -> (&str, bool) {
    if text.len() <= MAX_BYTES {
        return (text, false);
    }
    (&text[..text.floor_char_boundary(MAX_BYTES)], true)
}

/// What a citation is made of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Source {
    pub text: String,
    pub title: String,
    pub outlet: Option<String>,
    /// As the corpus stores it (ISO); shown day first.
    pub date: Option<String>,
    pub locality: Option<String>,
    pub section: Option<String>,
    pub passage_id: String,
}

impl Source {
    pub fn of_passage(corpus: &Corpus, at: PassageRef) -> Source {
        let doc = &corpus.documents[at.doc as usize];
        let p = at.get(corpus);
        Source {
            text: p.text.clone(),
            title: doc.title.clone(),
            outlet: doc.outlet.clone(),
            date: doc.date.clone(),
            locality: crate::bookmarks::locality_label(corpus, at),
            section: corpus.section_label(at.doc as usize, at.section as usize),
            passage_id: p.id.clone(),
        }
    }

    /// One line: `— Title, Outlet, dd/mm/yyyy · Locality, mục “Section” · đoạn ID`.
    pub fn citation(&self) -> String {
        let mut head = vec![self.title.clone()];
        head.extend(self.outlet.clone());
        head.extend(self.date.as_deref().map(display_date));
        let mut place: Vec<String> = self.locality.iter().cloned().collect();
        // A section named after its locality would only say it twice.
        if let Some(s) = self
            .section
            .as_ref()
            .filter(|s| Some(*s) != self.locality.as_ref())
        {
            place.push(strings::copy_section(s));
        }
        let mut parts = vec![head.join(", ")];
        if !place.is_empty() {
            parts.push(place.join(", "));
        }
        parts.push(strings::copy_passage_id(&self.passage_id));
        format!("— {}", parts.join(" · "))
    }

    /// The passage, a blank line, its citation.
    pub fn with_citation(&self) -> String {
        format!("{}\n\n{}", self.text.trim_end(), self.citation())
    }
}

impl App {
    /// What `y` acts on in the keys' scope: the finder's selected result, the bookmarks
    /// pane's selected bookmark, else the passage `b` would bookmark.
    fn copy_source(&self) -> Option<Source> {
        match self.key_scope() {
            Scope::Finder => {
                let f = self.finder.as_ref()?;
                let at = f.hits.get(f.selected)?.at;
                Some(Source::of_passage(&self.corpus, at))
            }
            Scope::Bookmarks | Scope::BookmarkFilter => {
                let i = self.bookmarks.selected()?;
                let b = self.bookmarks.list.get(i)?;
                // Not resolved yet: cited from what the bookmark stored, as an orphan is.
                let res = self
                    .bookmarks
                    .resolved
                    .get(i)
                    .copied()
                    .unwrap_or(Resolution {
                        status: Status::Orphaned,
                        at: None,
                        similarity: 0.0,
                    });
                let c = cite(&self.corpus, b, res);
                let passage_id = res
                    .at
                    .map_or_else(|| b.passage.clone(), |at| at.get(&self.corpus).id.clone());
                Some(Source {
                    text: b.quote.text.clone(),
                    title: c.title,
                    outlet: c.outlet,
                    date: c.date,
                    locality: c.locality,
                    section: c.section,
                    passage_id,
                })
            }
            _ => Some(Source::of_passage(&self.corpus, self.current_passage()?)),
        }
    }

    /// `y` (`citation_only`: `Y`): ask the event loop to copy, and say what was copied.
    pub fn copy(&mut self, citation_only: bool) {
        if let Osc52::Off(why) = &self.osc52 {
            self.notice = Some(strings::copy_off(why));
            return;
        }
        let Some(src) = self.copy_source() else {
            self.notice = Some(strings::NOTHING_TO_COPY.into());
            return;
        };
        let full = if citation_only {
            src.citation()
        } else {
            src.with_citation()
        };
        let (text, cut) = cap(&full);
        self.notice = Some(strings::copied(citation_only, text.chars().count(), cut));
        self.effects.push(Effect::Copy(text.to_string()));
    }
}

#[cfg(test)]
mod tests;
