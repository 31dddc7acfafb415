//! Comparing places: a query's hits counted by place, year or outlet, and read as a
//! concordance (`nghiquyet concord`).

pub mod counts;
pub mod facets;
pub mod kwic;
