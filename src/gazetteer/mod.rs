//! STUB — replaced by the gazetteer matcher.
pub type UnitId = usize;
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Province,
    District,
    Town,
}
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub code: String,
    pub level: Level,
    pub name: String,
    pub full_name: String,
    pub kind: String,
    pub province: UnitId,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub unit: UnitId,
    pub prefixed: bool,
    pub bracket_parent: bool,
}
#[derive(Debug, thiserror::Error)]
#[error("gazetteer")]
pub struct GazetteerError;
pub struct Gazetteer {
    units: Vec<Unit>,
}
impl Gazetteer {
    pub fn from_json(_json: &str) -> Result<Gazetteer, GazetteerError> {
        Ok(Gazetteer { units: vec![] })
    }
    pub fn embedded() -> &'static Gazetteer {
        static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        G.get_or_init(|| Gazetteer { units: vec![] })
    }
    pub fn units(&self) -> &[Unit] {
        &self.units
    }
    pub fn unit(&self, id: UnitId) -> &Unit {
        &self.units[id]
    }
    pub fn by_id(&self, _id: &str) -> Option<UnitId> {
        None
    }
    pub fn province_name(&self, _id: UnitId) -> &str {
        ""
    }
    pub fn province_2025_name(&self, _id: UnitId) -> &str {
        ""
    }
    pub fn find_mentions(&self, _text: &str, _context: &[UnitId]) -> Vec<Mention> {
        vec![]
    }
    pub fn lookup(&self, _query: &str) -> Vec<UnitId> {
        vec![]
    }
}
