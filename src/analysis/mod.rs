//! Comparing places: a query's hits counted by place, year or outlet, read as a
//! concordance, with the figures that follow them (`nghiquyet concord`).

pub mod counts;
pub mod facets;
pub mod figures;
pub mod kwic;
pub mod timeline;
pub mod worker;
