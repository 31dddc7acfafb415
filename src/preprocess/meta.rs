//! STUB — replaced by the metadata parsers.
pub struct Byline {
    pub author: String,
    pub role: Option<String>,
}
pub fn parse_date(_line: &str) -> Option<String> {
    None
}
pub fn is_dateline(_line: &str) -> bool {
    false
}
pub fn parse_byline(_line: &str) -> Option<Byline> {
    None
}
pub fn outlet_tag(_line: &str) -> Option<(String, usize)> {
    None
}
pub fn outlet_line(_line: &str) -> Option<String> {
    None
}
pub fn copyright_outlet(_line: &str) -> Option<String> {
    None
}
pub fn is_copyright(_line: &str) -> bool {
    false
}
pub fn has_photo_credit(_line: &str) -> bool {
    false
}
