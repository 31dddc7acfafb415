//! The locality tree on a small hand-made corpus.

use super::*;

fn unit(id: &str, name: &str, kind: &str) -> UnitRef {
    UnitRef {
        id: id.into(),
        name: name.into(),
        kind: kind.into(),
    }
}

fn loc(id: &str, name: &str, kind: &str, province: &str, p2025: &str, docs: &[&str]) -> Locality {
    Locality {
        id: id.into(),
        name: name.into(),
        kind: kind.into(),
        province: province.into(),
        province_2025: p2025.into(),
        documents: docs.iter().map(|d| (*d).to_string()).collect(),
        district: None,
        communes_2025: Vec::new(),
    }
}

fn commune(l: Locality, district: UnitRef, new: &[UnitRef]) -> Locality {
    Locality {
        district: Some(district),
        communes_2025: new.to_vec(),
        ..l
    }
}

fn corpus() -> Corpus {
    let ba_dinh = unit("d001", "Ba Đình", "quận");
    let ha_long = unit("d193", "Hạ Long", "thành phố thuộc tỉnh");
    let new_ba_dinh = unit("n00004", "Ba Đình", "phường");
    Corpus {
        localities: vec![
            loc(
                "p22",
                "Quảng Ninh",
                "tỉnh",
                "Quảng Ninh",
                "Quảng Ninh",
                &["a"],
            ),
            loc(
                "d193",
                "Hạ Long",
                "thành phố thuộc tỉnh",
                "Quảng Ninh",
                "Quảng Ninh",
                &["b"],
            ),
            commune(
                loc(
                    "w06655",
                    "Hồng Gai",
                    "phường",
                    "Quảng Ninh",
                    "Quảng Ninh",
                    &["c"],
                ),
                ha_long,
                &[unit("n06655", "Hồng Gai", "phường")],
            ),
            // Two communes of a district the corpus is not about, both now in one.
            commune(
                loc("w00004", "Trúc Bạch", "phường", "Hà Nội", "Hà Nội", &["d"]),
                ba_dinh.clone(),
                std::slice::from_ref(&new_ba_dinh),
            ),
            commune(
                loc(
                    "w00013",
                    "Quán Thánh",
                    "phường",
                    "Hà Nội",
                    "Hà Nội",
                    &["e", "d"],
                ),
                ba_dinh,
                &[new_ba_dinh],
            ),
            loc("p93", "Hậu Giang", "tỉnh", "Hậu Giang", "Cần Thơ", &["f"]),
        ],
        ..Corpus::default()
    }
}

/// `depth name` per row.
fn rows(tree: &[TreeNode]) -> Vec<String> {
    tree.iter()
        .map(|n| format!("{}{}", "  ".repeat(usize::from(n.depth)), n.name))
        .collect()
}

#[test]
fn communes_sit_under_their_district_before_2025() {
    let c = corpus();
    let t = locality_tree(&c, false);
    assert_eq!(
        rows(&t),
        [
            "Hà Nội",
            "  Ba Đình",
            "    Quán Thánh",
            "    Trúc Bạch",
            "Hậu Giang",
            "Quảng Ninh",
            "  Hạ Long",
            "    Hồng Gai",
        ]
    );
    // A district heading only its communes selects them, and is no subject itself.
    let ba_dinh = &t[1];
    assert!(!ba_dinh.subject);
    assert_eq!(ba_dinh.id.as_deref(), Some("d001"));
    assert_eq!(
        ba_dinh.members.iter().copied().collect::<Vec<_>>(),
        ["w00004", "w00013"]
    );
    assert_eq!(ba_dinh.documents.len(), 2);
    // A district the corpus is about selects itself and its communes.
    let ha_long = &t[6];
    assert!(ha_long.subject);
    assert_eq!(
        ha_long.members.iter().copied().collect::<Vec<_>>(),
        ["d193", "w06655"]
    );
    // The province heading is the province itself when the corpus is about it.
    assert_eq!(t[5].id.as_deref(), Some("p22"));
    assert_eq!(t[5].documents.len(), 3);
}

#[test]
fn communes_go_by_their_2025_name_under_the_2025_province() {
    let c = corpus();
    let t = locality_tree(&c, true);
    assert_eq!(
        rows(&t),
        [
            "Cần Thơ",
            "  Hậu Giang",
            "Hà Nội",
            "  Ba Đình",
            "Quảng Ninh",
            "  Hạ Long",
            "  Hồng Gai",
        ]
    );
    let ba_dinh = &t[3];
    assert_eq!(ba_dinh.id.as_deref(), Some("n00004"));
    assert_eq!(ba_dinh.kind, "phường");
    assert_eq!(
        ba_dinh.members.iter().copied().collect::<Vec<_>>(),
        ["w00004", "w00013"]
    );
    let former: Vec<&str> = ba_dinh.former.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(former, ["Quán Thánh", "Trúc Bạch"]);
}
