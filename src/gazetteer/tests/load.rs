//! Loading the data: the embedded file, and errors in JSON.

use super::*;

#[test]
fn loads_all_units() {
    let count = |l: Level| g().units().iter().filter(|u| u.level == l).count();
    assert_eq!(count(Level::Province), 63);
    assert_eq!(count(Level::District), 696);
    assert_eq!(count(Level::Commune), 10_035);
    let th = g().unit(id("p38"));
    assert_eq!(
        (th.name.as_str(), th.full_name.as_str()),
        ("Thanh Hóa", "Tỉnh Thanh Hóa")
    );
    assert_eq!(th.province, id("p38"));
    let city = g().unit(id("d380"));
    assert_eq!(city.kind, "thành phố thuộc tỉnh");
    assert_eq!(city.province, id("p38"));
    let town = g().unit(id("t19363"));
    assert_eq!(
        (town.name.as_str(), town.kind.as_str()),
        ("Hồ Xá", "thị trấn")
    );
    assert_eq!(g().province_name(id("t19363")), "Quảng Trị");
    assert_eq!(g().by_id("p00"), None);
    for (i, u) in g().units().iter().enumerate() {
        assert_eq!(g().by_id(&u.id), Some(i));
    }
}

#[test]
fn provinces_since_2025() {
    let hau_giang = g().lookup("Hậu Giang")[0];
    assert_eq!(g().province_2025_name(hau_giang), "Cần Thơ");
    assert_eq!(g().province_2025_name(id("p38")), "Thanh Hóa");
    assert_eq!(g().province_2025_name(id("p44")), "Quảng Trị"); // Quảng Bình merged
    // Districts and towns follow their province.
    assert_eq!(g().province_2025_name(id("d193")), "Quảng Ninh");
    assert_eq!(g().province_name(id("d193")), "Quảng Ninh");
    assert_eq!(g().province_2025_name(id("d461")), "Quảng Trị");
}

#[test]
fn json_errors_are_reported() {
    let e = Gazetteer::from_json("{").err().unwrap();
    assert!(matches!(e, GazetteerError::Json(_)));
    assert!(e.to_string().contains("JSON"));
    let missing = r#"{"provinces": []}"#;
    assert!(matches!(
        Gazetteer::from_json(missing),
        Err(GazetteerError::Json(_))
    ));
    let orphan = r#"{"provinces": [], "provinces_2025": [], "towns": [],
        "districts": [{"code": "001", "name": "Quận A", "short": "A", "type": "quận",
                       "province": "99"}]}"#;
    let e = Gazetteer::from_json(orphan).err().unwrap();
    assert!(e.to_string().contains("\"99\""), "{e}");
    let bad_type = r#"{"provinces": [{"code": "01", "name": "X", "short": "X", "type": "bang",
        "new": "01"}], "provinces_2025": [{"code": "01", "short": "X"}],
        "districts": [], "towns": []}"#;
    assert!(matches!(
        Gazetteer::from_json(bad_type),
        Err(GazetteerError::UnknownType { .. })
    ));
}

#[test]
fn minimal_json_works() {
    let json = r#"{"provinces": [{"code": "01", "name": "Tỉnh Xuân Hoà", "short": "Xuân Hoà",
        "type": "tỉnh", "new": "02"}], "provinces_2025": [{"code": "02", "short": "Mới"}],
        "districts": [], "towns": []}"#;
    let g = Gazetteer::from_json(json).unwrap();
    assert_eq!(g.units().len(), 1);
    assert_eq!(g.province_2025_name(0), "Mới");
    // No type prefixes in this file: bare names still match, in either tone placement.
    let ms = g.find_mentions("về Xuân Hòa", &[]);
    assert_eq!(ms.len(), 1);
    assert!(!ms[0].prefixed);
}
