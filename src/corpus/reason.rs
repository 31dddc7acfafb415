//! Why the preprocessor removed a line: one variant per rule, stored in the corpus as the
//! sentence `nghiquyet inspect` shows (`"copyright line"`, `"page footer (after \"Bình
//! luận\")"`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a line was taken out as web chrome. In JSON it is the sentence [`fmt::Display`]
/// writes; any other sentence (from a build with other rules) is read as
/// [`Other`](RemovalReason::Other) and written back unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemovalReason {
    /// "Tin liên quan", "Xem thêm" …: the headlines under it go too.
    RelatedLinksHeader,
    /// "Từ khóa", "Tags": the keywords under it go too.
    KeywordTagsHeader,
    /// A comment box or the start of the page footer.
    CommentBoxOrFooter,
    /// A lone button, counter label or loading text.
    Navigation,
    /// A headline in the list under a related-links header (that header's text).
    RelatedHeadline {
        header: String,
    },
    /// A keyword in the list under a tags header (that header's text).
    KeywordTag {
        header: String,
    },
    /// "Xem thêm: …", "-> …" written inline.
    LinkToAnotherArticle,
    /// "Từ khóa: a, b, c" on one line.
    KeywordTags,
    ShareBarOrWidget,
    /// "(Còn nữa)", "(Hết)".
    SeriesMarker,
    /// "* * *" and other lines without letters or digits.
    Separator,
    /// "Giấy phép số …".
    SiteLicence,
    Copyright,
    /// An image's alt text: an unaccented copy of the line after it.
    ImageAltText,
    ForeignSpam,
    /// Two or more dated headlines in a row.
    DatedHeadlines,
    /// A number alone on a line, beside its label or in the footer.
    ViewCounter,
    /// A short line after the page footer started (the line that started it).
    PageFooter {
        marker: String,
    },
    /// Foreign text after the last Vietnamese paragraph.
    TrailingForeignText,
    /// The site advertising itself: "Đọc báo … cập nhật liên tục từng giờ".
    SitePromo,
    /// The lead repeated at the end of the page (the aggregator's copy).
    RepeatedLead,
    /// The title repeated where the body starts.
    RepeatedTitle,
    /// A sentence this build does not write, kept as it was read.
    Other(String),
}

const RELATED_UNDER: (&str, &str) = ("related headline (listed under \"", "\")");
const KEYWORD_UNDER: (&str, &str) = ("keyword tag (listed under \"", "\")");
const FOOTER_AFTER: (&str, &str) = ("page footer (after \"", "\")");

/// The variants without data, for reading their sentences back.
const UNIT: [RemovalReason; 19] = [
    RemovalReason::RelatedLinksHeader,
    RemovalReason::KeywordTagsHeader,
    RemovalReason::CommentBoxOrFooter,
    RemovalReason::Navigation,
    RemovalReason::LinkToAnotherArticle,
    RemovalReason::KeywordTags,
    RemovalReason::ShareBarOrWidget,
    RemovalReason::SeriesMarker,
    RemovalReason::Separator,
    RemovalReason::SiteLicence,
    RemovalReason::Copyright,
    RemovalReason::ImageAltText,
    RemovalReason::ForeignSpam,
    RemovalReason::DatedHeadlines,
    RemovalReason::ViewCounter,
    RemovalReason::TrailingForeignText,
    RemovalReason::SitePromo,
    RemovalReason::RepeatedLead,
    RemovalReason::RepeatedTitle,
];

impl RemovalReason {
    /// The sentence of a variant without data.
    fn fixed(&self) -> Option<&'static str> {
        Some(match self {
            RemovalReason::RelatedLinksHeader => "related-links header",
            RemovalReason::KeywordTagsHeader => "keyword tags header",
            RemovalReason::CommentBoxOrFooter => "comment box / page footer",
            RemovalReason::Navigation => "navigation, counter or loading text",
            RemovalReason::LinkToAnotherArticle => "link to another article",
            RemovalReason::KeywordTags => "keyword tags",
            RemovalReason::ShareBarOrWidget => "share bar or page widget",
            RemovalReason::SeriesMarker => "series continuation marker",
            RemovalReason::Separator => "separator line",
            RemovalReason::SiteLicence => "site licence line",
            RemovalReason::Copyright => "copyright line",
            RemovalReason::ImageAltText => "image alt text (unaccented copy of the text)",
            RemovalReason::ForeignSpam => "foreign-language spam",
            RemovalReason::DatedHeadlines => "related headline (a dated list of other articles)",
            RemovalReason::ViewCounter => "view counter (a number alone on a line)",
            RemovalReason::TrailingForeignText => "foreign-language text at the end of the page",
            RemovalReason::SitePromo => "the site's own promotion",
            RemovalReason::RepeatedLead => {
                "repeated lead (the same text is earlier in the article)"
            }
            RemovalReason::RepeatedTitle => "the title repeated where the body starts",
            RemovalReason::RelatedHeadline { .. }
            | RemovalReason::KeywordTag { .. }
            | RemovalReason::PageFooter { .. }
            | RemovalReason::Other(_) => return None,
        })
    }

    /// The reason a sentence names (the inverse of [`fmt::Display`]).
    pub fn from_sentence(s: String) -> RemovalReason {
        if let Some(r) = UNIT.iter().find(|r| r.fixed() == Some(s.as_str())) {
            return r.clone();
        }
        let inner = |(head, tail): (&str, &str)| {
            s.strip_prefix(head)
                .and_then(|rest| rest.strip_suffix(tail))
                .map(str::to_string)
        };
        if let Some(header) = inner(RELATED_UNDER) {
            RemovalReason::RelatedHeadline { header }
        } else if let Some(header) = inner(KEYWORD_UNDER) {
            RemovalReason::KeywordTag { header }
        } else if let Some(marker) = inner(FOOTER_AFTER) {
            RemovalReason::PageFooter { marker }
        } else {
            RemovalReason::Other(s)
        }
    }
}

impl fmt::Display for RemovalReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ((head, tail), inner) = match self {
            RemovalReason::RelatedHeadline { header } => (RELATED_UNDER, header),
            RemovalReason::KeywordTag { header } => (KEYWORD_UNDER, header),
            RemovalReason::PageFooter { marker } => (FOOTER_AFTER, marker),
            RemovalReason::Other(s) => return f.write_str(s),
            unit => return f.write_str(unit.fixed().unwrap_or_default()),
        };
        write!(f, "{head}{inner}{tail}")
    }
}

impl Serialize for RemovalReason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RemovalReason {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(RemovalReason::from_sentence)
    }
}

#[cfg(test)]
mod tests {
    use super::RemovalReason as R;

    /// Every reason with the sentence the corpus format has always stored for it.
    fn all() -> Vec<(R, &'static str)> {
        vec![
            (R::RelatedLinksHeader, "related-links header"),
            (R::KeywordTagsHeader, "keyword tags header"),
            (R::CommentBoxOrFooter, "comment box / page footer"),
            (R::Navigation, "navigation, counter or loading text"),
            (
                R::RelatedHeadline {
                    header: "CÁC TIN KHÁC".into(),
                },
                r#"related headline (listed under "CÁC TIN KHÁC")"#,
            ),
            (
                R::KeywordTag {
                    header: "Từ khóa:".into(),
                },
                r#"keyword tag (listed under "Từ khóa:")"#,
            ),
            (R::LinkToAnotherArticle, "link to another article"),
            (R::KeywordTags, "keyword tags"),
            (R::ShareBarOrWidget, "share bar or page widget"),
            (R::SeriesMarker, "series continuation marker"),
            (R::Separator, "separator line"),
            (R::SiteLicence, "site licence line"),
            (R::Copyright, "copyright line"),
            (
                R::ImageAltText,
                "image alt text (unaccented copy of the text)",
            ),
            (R::ForeignSpam, "foreign-language spam"),
            (
                R::DatedHeadlines,
                "related headline (a dated list of other articles)",
            ),
            (R::ViewCounter, "view counter (a number alone on a line)"),
            (
                R::PageFooter {
                    marker: "Bình luận".into(),
                },
                r#"page footer (after "Bình luận")"#,
            ),
            (
                R::TrailingForeignText,
                "foreign-language text at the end of the page",
            ),
            (R::RepeatedTitle, "the title repeated where the body starts"),
            (R::Other("junk".into()), "junk"),
        ]
    }

    #[test]
    fn every_reason_is_stored_as_its_sentence_and_read_back() {
        for (reason, sentence) in all() {
            let json = serde_json::to_string(&reason).unwrap();
            assert_eq!(json, serde_json::to_string(sentence).unwrap());
            assert_eq!(serde_json::from_str::<R>(&json).unwrap(), reason, "{json}");
        }
    }

    #[test]
    fn any_sentence_is_written_back_unchanged() {
        for s in [
            "",
            "an older build's reason",
            r#"page footer (after "a") b")"#,
            r#"page footer (after ""#,
            r#"keyword tag (listed under "")"#,
            "copyright line ",
        ] {
            assert_eq!(R::from_sentence(s.to_string()).to_string(), s);
        }
        assert_eq!(
            R::from_sentence(r#"page footer (after "a") b")"#.into()),
            R::PageFooter {
                marker: r#"a") b"#.into()
            }
        );
    }
}
