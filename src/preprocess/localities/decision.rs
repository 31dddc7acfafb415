//! What was decided about each locality an article names, and why: what `nghiquyet
//! inspect` prints.

use std::fmt::Write as _;

use crate::gazetteer::{Cue, Gazetteer, Settled, UnitId};

/// Where a mention stands, which gives it its weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    Title,
    Subtitle,
    Tag,
    Role,
    Opener,
    Lead,
    Heading,
    Body,
    Caption,
}

impl Place {
    pub fn weight(self) -> f32 {
        match self {
            Place::Title => 6.0,
            Place::Tag => 5.0,
            Place::Subtitle | Place::Opener => 4.0,
            Place::Lead | Place::Heading | Place::Role => 2.0,
            Place::Body => 1.0,
            Place::Caption => 0.5,
        }
    }

    /// The title, subtitle, tags, author's role, lead or a `Tại …` opener: where a page
    /// says what it is about.
    pub fn is_head(self) -> bool {
        !matches!(self, Place::Heading | Place::Body | Place::Caption)
    }

    pub fn label(self) -> &'static str {
        match self {
            Place::Title => "title",
            Place::Subtitle => "subtitle",
            Place::Tag => "tag",
            Place::Role => "author's role",
            Place::Opener => "section opener",
            Place::Lead => "lead",
            Place::Heading => "heading",
            Place::Body => "body",
            Place::Caption => "caption",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// In `localities`.
    About,
    /// In `mentioned`.
    Mentioned,
    /// Named only as the parent in brackets of another place: in neither list.
    Context,
    /// Not the place here (a publisher's city): in neither list.
    NotAPlace,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::About => "about",
            Verdict::Mentioned => "mentioned",
            Verdict::Context => "context",
            Verdict::NotAPlace => "not a place",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Why {
    /// Its score reached the threshold.
    Score { threshold: f32 },
    /// A `Tại …` paragraph opens a section about it.
    Opener,
    /// Its score stayed below the threshold, but reaches it with the mentions of the
    /// district and province around it.
    Nested { threshold: f32 },
    /// Its score stayed below the threshold.
    BelowThreshold { threshold: f32 },
    /// The one commune named, with its district, in the province the article is about.
    Address,
    /// Named only as the parent in brackets.
    BracketParent,
    /// Every mention carries this cue.
    Cue(Cue),
    /// A commune whose district and province the article never names: a commune of that
    /// name may have been merged or renamed since.
    Unconfirmed,
    /// A bare name that is also a personal name, with neither its type nor its province
    /// anywhere in the article.
    PersonLike,
    /// Named in one section of several, never in the title, tags or lead.
    OneSection,
    /// The article is about a place inside it, named about as often.
    ParentOf(UnitId),
}

/// The decision on one locality.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub unit: UnitId,
    pub verdict: Verdict,
    pub why: Why,
    /// Weighted mentions that count towards "about".
    pub score: f32,
    /// Weighted mentions that only count towards "mentioned" (cues).
    pub weak: f32,
    /// Mentions by place.
    pub places: Vec<(Place, usize)>,
    /// Mentions with a type word.
    pub prefixed: usize,
    /// How its first mention was told apart from places of the same name.
    pub settled: Settled,
}

/// A name left shared by several units: counted nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub text: String,
    pub candidates: usize,
}

/// Every decision of an article, in the order `inspect` prints them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decisions {
    pub localities: Vec<Decision>,
    pub shared: Vec<Shared>,
}

impl Decision {
    /// One line for `nghiquyet inspect`.
    pub fn describe(&self, gaz: &Gazetteer) -> String {
        let u = gaz.unit(self.unit);
        let mut s = format!(
            "{:<11} {} ({}, {})",
            self.verdict.as_str(),
            u.name,
            u.kind,
            u.id
        );
        let places: Vec<String> = self
            .places
            .iter()
            .map(|(p, n)| format!("{} ×{n}", p.label()))
            .collect();
        if !places.is_empty() {
            let _ = write!(s, ": {}", places.join(", "));
        }
        if self.prefixed > 0 {
            let _ = write!(s, "; {} with its type", self.prefixed);
        }
        let _ = write!(s, "; score {:.1}", self.score);
        if self.weak > 0.0 {
            let _ = write!(s, " (+{:.1} weak)", self.weak);
        }
        let _ = write!(s, " — {}", self.why_text(gaz));
        if self.settled != Settled::Unique {
            let _ = write!(s, "; {}", self.settled.describe());
        }
        s
    }

    /// Why, in words.
    pub fn why_text(&self, gaz: &Gazetteer) -> String {
        match self.why {
            Why::Score { threshold } => format!("reaches {threshold:.1}"),
            Why::Opener => "a section opens with it (Tại …)".to_string(),
            Why::Nested { threshold } => format!(
                "reaches {threshold:.1} with the mentions of the district or province around it"
            ),
            Why::BelowThreshold { threshold } => format!("below {threshold:.1}"),
            Why::Address => "the one commune named, with its district, in the province the \
                             article is about: where the story stands"
                .to_string(),
            Why::BracketParent => "only the parent in brackets of another place".to_string(),
            Why::Cue(c @ Cue::Organisation) => {
                format!(
                    "{}, and nothing else in the article places it",
                    c.describe()
                )
            }
            Why::Cue(c) => c.describe().to_string(),
            Why::Unconfirmed => {
                "a commune whose district or province the article does not name".to_string()
            }
            Why::PersonLike => {
                "a bare personal name; neither its type nor its province is named".to_string()
            }
            Why::OneSection => {
                "named in one section only, not in the title, tags or lead".to_string()
            }
            Why::ParentOf(c) => {
                format!("contains {}, which the article is about", gaz.unit(c).name)
            }
        }
    }
}
