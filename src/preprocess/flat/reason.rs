//! Why a piece of a flattened body has its class: what `inspect` says.

use std::fmt;

use serde::{Serialize, Serializer};

/// Why a piece of a flattened body has its class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PieceReason {
    /// Running text, cut at a sentence end to the size of a paragraph.
    Paragraph,
    /// A photo caption: the sentence before a credit, and the credit.
    Caption { credit: String },
    /// A stock caption such as "Ảnh minh họa", alone.
    StockCaption,
    /// An embedded video's title after "Video:".
    VideoTitle,
    /// A short fragment without final punctuation before a word that opens a sentence.
    Heading { next: String },
    /// A heading of the loose shape (see `loose`), one of `among` headings of the body.
    LooseHeading { next: String, among: usize },
    /// A heading whose words the next sentence opens with again (see `echo`).
    EchoHeading { among: usize },
    /// A heading ended by a lost line break: two spaces in the raw line (see `loose`).
    BreakHeading { next: String, among: usize },
    /// The signature or source credit ending the body.
    Closing,
    /// A link to another article: `[Headline]` or `» Headline` between sentences.
    RelatedLink,
    /// The site advertising itself, or calling on readers to write to its address, at the
    /// end of the text.
    SitePromo,
    /// The title repeated where the body starts.
    RepeatedTitle,
}

impl fmt::Display for PieceReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PieceReason::Paragraph => f.write_str("cut at a sentence end"),
            PieceReason::Caption { credit } => write!(f, "photo caption: credit “{credit}”"),
            PieceReason::StockCaption => f.write_str("stock photo caption"),
            PieceReason::VideoTitle => f.write_str("video title after “Video:”"),
            PieceReason::Heading { next } => write!(
                f,
                "inline heading: no final punctuation before “{next}”, which opens a sentence"
            ),
            PieceReason::LooseHeading { next, among } => write!(
                f,
                "inline heading, one of {among} in the body: no final punctuation before “{next}”, \
                 a common sentence opener"
            ),
            PieceReason::EchoHeading { among } => write!(
                f,
                "inline heading, one of {among} in the body: the next sentence opens with its words \
                 again"
            ),
            PieceReason::BreakHeading { next, among } => write!(
                f,
                "inline heading, one of {among} in the body: no final punctuation, and two spaces \
                 before “{next}” where the page had a line break"
            ),
            PieceReason::Closing => f.write_str("closing credit after the last sentence"),
            PieceReason::RelatedLink => f.write_str("link to another article"),
            PieceReason::SitePromo => {
                f.write_str("the site's promo or call on readers ending the text")
            }
            PieceReason::RepeatedTitle => f.write_str("the title repeated where the body starts"),
        }
    }
}

impl PieceReason {
    /// Why a junk piece is removed.
    pub(super) fn removal(&self) -> crate::corpus::RemovalReason {
        match self {
            PieceReason::SitePromo => crate::corpus::RemovalReason::SitePromo,
            PieceReason::RepeatedTitle => crate::corpus::RemovalReason::RepeatedTitle,
            _ => crate::corpus::RemovalReason::LinkToAnotherArticle,
        }
    }
}

impl Serialize for PieceReason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
