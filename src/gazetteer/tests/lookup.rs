//! Looking a name up: [`Gazetteer::lookup`].

use super::*;

#[test]
fn lookup_ranks_exact_before_folded_and_levels() {
    let q = g().lookup("thanh hoa");
    assert_eq!(&q[..2], &[id("p38"), id("d380")]);
    let q = g().lookup("Thanh Hoá");
    assert_eq!(&q[..2], &[id("p38"), id("d380")]);
    // Exact accented match first: Thạnh Hóa (Long An) only matches folded.
    let q = g().lookup("Thạnh Hóa");
    assert_eq!(g().unit(q[0]).id, "d800");
    assert!(q.contains(&id("p38")));
    assert_eq!(g().lookup("TP Ha Long"), [id("d193")]);
    assert_eq!(g().lookup("thành phố Thanh Hóa"), [id("d380")]);
    assert_eq!(g().lookup("tinh thanh hoa"), [id("p38")]);
    assert_eq!(g().lookup("quan 1"), [id("d760")]);
    assert!(g().lookup("1").is_empty());
    assert_eq!(g().lookup("Quan Hóa")[0], id("d385")); // a name, not "quận Hóa"
    assert_eq!(g().lookup("TP.HCM"), [id("p79")]);
    assert_eq!(g().lookup("Hồ Chí Minh")[0], id("p79"));
    assert_eq!(g().lookup("Thừa Thiên Huế"), [id("p46")]);
    assert_eq!(g().lookup("cat ba"), [id("t11914")]);
    assert!(g().lookup("Đông Nam Á").is_empty());
    let chau_thanh = g().lookup("Châu Thành");
    assert!(chau_thanh.len() >= 10);
    assert!(
        chau_thanh
            .iter()
            .take(10)
            .all(|&u| g().unit(u).level == Level::District)
    );
}
