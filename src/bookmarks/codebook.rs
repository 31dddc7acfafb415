//! The codebook: every tag (a code, in qualitative research) with the description the user
//! writes for it. Tags nest with `/` (`kinh-tế/nhà-ở` is under `kinh-tế`).
//!
//! It lives in the bookmarks file, under the top-level `codebook` field, so one locked save
//! changes tags and bookmarks together (a rename moves both), and an older build that does
//! not know the field keeps it as it is.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The top-level field of the bookmarks file that holds the codebook.
pub const FIELD: &str = "codebook";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Codebook {
    /// By tag. A tag used by bookmarks but never described has no entry.
    #[serde(default)]
    pub tags: BTreeMap<String, Code>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    /// What the tag marks a passage as evidence of (the memo).
    #[serde(default)]
    pub description: String,
    /// Last change, RFC 3339 in UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

impl Codebook {
    /// The codebook kept in a file's top-level fields (an unreadable one is empty: it is
    /// still kept as it is until the codebook is changed).
    pub fn from_extra(extra: &serde_json::Map<String, serde_json::Value>) -> Codebook {
        extra
            .get(FIELD)
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default()
    }

    /// Put the codebook back among the top-level fields (none when it is empty).
    pub fn store(&self, extra: &mut serde_json::Map<String, serde_json::Value>) {
        if self.tags.is_empty() {
            extra.remove(FIELD);
        } else if let Ok(v) = serde_json::to_value(self) {
            extra.insert(FIELD.to_string(), v);
        }
    }

    pub fn description(&self, tag: &str) -> &str {
        self.tags.get(tag).map_or("", |c| c.description.as_str())
    }
}

/// `tag` renamed when `from` is it or one of its parents (`kinh-tế` → `econ` makes
/// `kinh-tế/nhà-ở` `econ/nhà-ở`); `None` when the rename does not touch it. Tags compare
/// without regard to case, as [`parse_tags`](super::parse_tags) dedupes them.
pub fn renamed(tag: &str, from: &str, to: &str) -> Option<String> {
    let (t, f) = (tag.to_lowercase(), from.to_lowercase());
    if t == f {
        return Some(to.to_string());
    }
    let rest = t.strip_prefix(&f)?.strip_prefix('/')?;
    // The rest as written (lowercasing keeps Vietnamese letters' lengths? not always: take
    // it from the original by char count).
    let skip = tag.chars().count() - rest.chars().count();
    let tail: String = tag.chars().skip(skip).collect();
    Some(format!("{to}/{tail}"))
}

/// Does a bookmark's `tags` hold `tag` (case ignored)?
pub fn has_tag(tags: &[String], tag: &str) -> bool {
    let t = tag.to_lowercase();
    tags.iter().any(|x| x.to_lowercase() == t)
}

/// `tag` and every tag above it: `a/b/c` → `a`, `a/b`, `a/b/c` (a tag counts for its
/// parents in the tags pane and the matrix).
pub fn with_parents(tag: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    for (i, c) in tag.char_indices() {
        if c == '/' && i > at {
            out.push(tag[..i].to_string());
        }
        if c == '/' {
            at = i + 1;
        }
    }
    out.push(tag.to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_reach_nested_tags_only_under_the_tag() {
        assert_eq!(
            renamed("kinh-tế", "kinh-tế", "econ").as_deref(),
            Some("econ")
        );
        assert_eq!(
            renamed("kinh-tế/nhà-ở", "kinh-tế", "econ").as_deref(),
            Some("econ/nhà-ở")
        );
        assert_eq!(
            renamed("Kinh-Tế/Nhà-ở", "kinh-tế", "econ").as_deref(),
            Some("econ/Nhà-ở")
        );
        assert_eq!(renamed("kinh-tế-số", "kinh-tế", "econ"), None);
        assert_eq!(renamed("xã-hội", "kinh-tế", "econ"), None);
        assert_eq!(with_parents("a/b/c"), ["a", "a/b", "a/b/c"]);
        assert_eq!(with_parents("a"), ["a"]);
        assert!(has_tag(&["Nhà-ở".into()], "nhà-ở"));
    }

    #[test]
    fn the_codebook_rides_in_the_files_top_level_fields() {
        let mut extra = serde_json::Map::new();
        extra.insert("other".into(), serde_json::json!(1));
        let mut cb = Codebook::default();
        cb.tags.insert(
            "nhà-ở".into(),
            Code {
                description: "nhà ở xã hội".into(),
                updated: None,
            },
        );
        cb.store(&mut extra);
        assert_eq!(Codebook::from_extra(&extra), cb);
        assert_eq!(extra["other"], 1);
        Codebook::default().store(&mut extra);
        assert!(!extra.contains_key(FIELD));
    }
}
