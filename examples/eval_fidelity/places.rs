//! Annotated locality names (`Thanh Hóa`, `Quảng Xương (Thanh Hóa)`, `huyện Cao Lãnh (Đồng
//! Tháp)`, `xã Hoằng Hóa (Hoằng Hóa, Thanh Hóa)`) against the corpus's `localities` list.

use nghiquyet::corpus::Locality;
use nghiquyet::text::canonical;

/// Type words that may open an annotated name, longest first.
const PREFIXES: &[&str] = &[
    "thành phố",
    "thị trấn",
    "thị xã",
    "tỉnh",
    "huyện",
    "quận",
    "phường",
    "xã",
    "tp.",
    "tp",
];

/// An annotated locality, parsed.
#[derive(Debug, Clone)]
pub struct GoldPlace {
    /// As written in the annotation.
    pub raw: String,
    /// The name without its type word, compared form.
    name: String,
    /// The type word, if one was written (`tp.` and `tp` as `thành phố`).
    prefix: Option<&'static str>,
    /// The parents in brackets (district, province), compared form; the last is the
    /// province.
    parents: Vec<String>,
}

/// The form names are compared in: NFC, canonical tone placement, lower case, single spaces.
pub fn fold_name(s: &str) -> String {
    canonical(s)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Cao Lãnh (Huyện)` → `Cao Lãnh`: the gazetteer's qualifier of a shared name.
fn strip_qualifier(name: &str) -> &str {
    match name.trim_end().strip_suffix(')') {
        Some(rest) => rest.rfind(" (").map_or(name, |i| &name[..i]),
        None => name,
    }
}

pub fn parse(raw: &str) -> GoldPlace {
    let raw_trim = raw.trim();
    let (name_part, parents) = match raw_trim.strip_suffix(')').and_then(|r| {
        let open = r.find('(')?;
        Some((&r[..open], &r[open + 1..]))
    }) {
        Some((name, inner)) => (
            name.trim(),
            inner
                .split(',')
                .map(fold_name)
                .filter(|p| !p.is_empty())
                .collect(),
        ),
        None => (raw_trim, Vec::new()),
    };
    let folded = fold_name(name_part);
    let mut prefix = None;
    let mut name = folded.clone();
    for p in PREFIXES {
        if let Some(rest) = folded.strip_prefix(p)
            && let Some(rest) = rest.strip_prefix(' ')
            && !rest.is_empty()
        {
            prefix = Some(match *p {
                "tp." | "tp" => "thành phố",
                other => other,
            });
            name = rest.trim().to_string();
            break;
        }
    }
    GoldPlace {
        raw: raw.to_string(),
        name,
        prefix,
        parents,
    }
}

fn is_province_level(kind: &str) -> bool {
    kind == "tỉnh" || kind == "thành phố trực thuộc trung ương"
}

/// Does the type word written in the annotation fit the unit's kind?
fn kind_fits(prefix: &str, kind: &str) -> bool {
    match prefix {
        "thành phố" => kind.starts_with("thành phố"),
        other => kind == other,
    }
}

impl GoldPlace {
    /// The corpus locality `l` is this place: same name (qualifier and type word dropped);
    /// the same kind if a type word was written; a province-level unit when no province is
    /// given and no type word says otherwise; else a unit below it, in that province.
    pub fn matches(&self, l: &Locality) -> bool {
        // Numbered wards and districts keep their type word in the name (`Phường 11`,
        // `Quận 1`), which parsing `phường 11` took off.
        let name = fold_name(strip_qualifier(&l.name));
        let typed = self.prefix.is_some_and(|p| {
            name.strip_prefix(p).and_then(|r| r.strip_prefix(' ')) == Some(&self.name)
        });
        if name != self.name && !typed {
            return false;
        }
        if let Some(p) = self.prefix
            && !kind_fits(p, &l.kind)
        {
            return false;
        }
        match self.parents.last() {
            None => self.prefix.is_some() || is_province_level(&l.kind),
            Some(province) => !is_province_level(&l.kind) && fold_name(&l.province) == *province,
        }
    }
}

/// Some entry of `names` (`mentioned` or `not_places`) has the name of `l` (kinds and
/// provinces not checked: these lists only explain a wrong locality).
pub fn named_in(names: &[String], l: &Locality) -> bool {
    let name = fold_name(strip_qualifier(&l.name));
    names.iter().any(|n| parse(n).name == name)
}

/// What the document is said to be about against the annotation: the `about` entries not
/// found, and the localities found that are in neither `about` nor `about_ok`.
pub fn compare<'a>(
    about: &[String],
    about_ok: &[String],
    found: &[&'a Locality],
) -> (Vec<String>, Vec<&'a Locality>) {
    let about: Vec<GoldPlace> = about.iter().map(|s| parse(s)).collect();
    let ok: Vec<GoldPlace> = about_ok.iter().map(|s| parse(s)).collect();
    let missing = about
        .iter()
        .filter(|g| !found.iter().any(|l| g.matches(l)))
        .map(|g| g.raw.clone())
        .collect();
    let extra = found
        .iter()
        .filter(|l| !about.iter().chain(&ok).any(|g| g.matches(l)))
        .copied()
        .collect();
    (missing, extra)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(name: &str, kind: &str, province: &str) -> Locality {
        Locality {
            id: "x".into(),
            name: name.into(),
            kind: kind.into(),
            province: province.into(),
            province_2025: province.into(),
            documents: Vec::new(),
            district: None,
            communes_2025: Vec::new(),
        }
    }

    #[test]
    fn names_kinds_and_provinces() {
        let huyen = loc("Cao Lãnh (Huyện)", "huyện", "Đồng Tháp");
        let tp = loc("Cao Lãnh", "thành phố thuộc tỉnh", "Đồng Tháp");
        let prov = loc("Thanh Hóa", "tỉnh", "Thanh Hóa");
        let city = loc("Thanh Hóa", "thành phố thuộc tỉnh", "Thanh Hóa");
        assert!(parse("huyện Cao Lãnh (Đồng Tháp)").matches(&huyen));
        assert!(!parse("huyện Cao Lãnh (Đồng Tháp)").matches(&tp));
        assert!(parse("Cao Lãnh (Đồng Tháp)").matches(&tp));
        assert!(parse("TP Cao Lãnh (Đồng Tháp)").matches(&tp));
        assert!(parse("Thanh Hoá").matches(&prov));
        assert!(!parse("Thanh Hóa").matches(&city));
        assert!(parse("Thanh Hóa (Thanh Hóa)").matches(&city));
        assert!(!parse("Cao Lãnh (An Giang)").matches(&huyen));
        assert!(!parse("xã Tân Hội Trung (Cao Lãnh, Đồng Tháp)").matches(&huyen));
        let ward = loc("Phường 11", "phường", "Hồ Chí Minh");
        assert!(parse("phường 11 (Tân Bình, Hồ Chí Minh)").matches(&ward));
        assert!(!parse("phường 12 (Tân Bình, Hồ Chí Minh)").matches(&ward));
        assert!(parse("Quận 1 (Hồ Chí Minh)").matches(&loc("Quận 1", "quận", "Hồ Chí Minh")));
    }
}
